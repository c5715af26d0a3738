/* gr-doc-cards.h: bin information cards 信息卡 (Dongguan 第二十六条)
 *
 * "信息卡应当标明政府储备粮的品种、规格、数量、质量、堆位、生产日期或收获年份、
 * 入库日期等内容": one card per lot (货位) holding grain, with the bin's
 * keeper (保管员), the date the card was made (it is reprinted when the
 * stock changes) and a QR code carrying the bin and lot ids, four cards
 * to an A4 page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "gr-store.h"
#include "gr-types.h"

G_BEGIN_DECLS

typedef struct {
  char   *bin;
  char   *bin_code;
  char   *depot_name;
  char   *lot;
  char   *variety;          /* code */
  char   *spec;             /* 规格/等级, e.g. 二等　散装 */
  char   *quality;          /* 质量, e.g. 宜存（2026-04-02 检验） */
  char   *origin_label;     /* 收获年份 or 生产日期 */
  char   *origin;           /* 2025年 or 2026年9月23日 */
  char   *entered_on;       /* YYYY-MM-DD */
  char   *keeper;
  gint64  quantity_kg;
} GrDocCard;

typedef struct {
  char      *date;          /* the cards' date, YYYY-MM-DD */
  GPtrArray *cards;         /* GrDocCard */
} GrDocCards;

#define GR_DOC_CARDS_PER_PAGE 4

/* The cards of the lots holding grain in bin, or in every bin of depot
 * (exactly one of them set); today: NULL for the real date. An unknown
 * bin or depot, or one holding no grain, is an error. */
GrDocCards *gr_doc_cards_load       (GrStore       *store,
                                     const char    *bin,
                                     const char    *depot,
                                     const char    *today,
                                     GError       **error);
void        gr_doc_cards_free       (GrDocCards    *cards);
guint       gr_doc_cards_n_pages    (GrDocCards    *cards);
/* Draws an A4 portrait page (points) of cards. */
void        gr_doc_cards_draw_page  (GrDocCards    *cards,
                                     cairo_t       *cr,
                                     guint          page);
/* What the QR code of a card carries. */
char       *gr_doc_card_qr_text     (const GrDocCard *card);
/* Where the QR code of card index is drawn on its page: the top left of
 * its first module and the module size, in points. */
void        gr_doc_cards_qr_geometry (GrDocCards   *cards,
                                      guint         index,
                                      double       *out_x,
                                      double       *out_y,
                                      double       *out_module);
/* Writes a PDF straight to path (see gr_doc_write_atomically). */
gboolean    gr_doc_cards_write_pdf  (GrDocCards    *cards,
                                     const char    *path,
                                     GCancellable  *cancellable,
                                     GrProgressFunc progress,
                                     gpointer       progress_data,
                                     GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrDocCards, gr_doc_cards_free)

G_END_DECLS
