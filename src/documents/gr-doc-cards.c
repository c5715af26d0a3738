/* gr-doc-cards.c: bin information cards, read from the store and drawn with cairo
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-doc"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <string.h>

#include "gr-doc-cards.h"
#include "gr-doc-paper.h"
#include "gr-doc-words.h"
#include "gr-error.h"
#include "gr-format.h"
#include "gr-variety.h"

#define PAGE_MARGIN 28.0
#define CARD_GAP    16.0
#define CARD_PAD    14.0
#define LABEL_W     74.0
#define ROW_H       26.0
#define QR_SIZE     84.0
#define QR_QUIET     2

static void
card_free (gpointer data)
{
  GrDocCard *card = data;

  g_free (card->bin);
  g_free (card->bin_code);
  g_free (card->depot_name);
  g_free (card->lot);
  g_free (card->variety);
  g_free (card->spec);
  g_free (card->quality);
  g_free (card->origin_label);
  g_free (card->origin);
  g_free (card->entered_on);
  g_free (card->keeper);
  g_free (card);
}

void
gr_doc_cards_free (GrDocCards *cards)
{
  if (cards == NULL)
    return;
  g_free (cards->date);
  g_clear_pointer (&cards->cards, g_ptr_array_unref);
  g_free (cards);
}

static gboolean
exists (GrStore     *store,
        const char  *sql,
        const char  *id,
        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

GrDocCards *
gr_doc_cards_load (GrStore     *store,
                   const char  *bin,
                   const char  *depot,
                   const char  *today,
                   GError     **error)
{
  g_autoptr(GrDocCards) cards = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail ((bin == NULL) != (depot == NULL), NULL);

  if (bin != NULL && !exists (store, "SELECT 1 FROM bins WHERE deleted = 0 AND id = ?1", bin, &local_error))
    {
      if (local_error == NULL)
        g_set_error (&local_error, GR_ERROR, GR_ERROR_NOT_FOUND, _("There is no bin “%s”"), bin);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (depot != NULL && !exists (store, "SELECT 1 FROM depots WHERE deleted = 0 AND id = ?1", depot, &local_error))
    {
      if (local_error == NULL)
        g_set_error (&local_error, GR_ERROR, GR_ERROR_NOT_FOUND, _("There is no depot “%s”"), depot);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  stmt = gr_store_prepare (store,
    "SELECT l.id, l.variety, l.grade, l.substandard, l.harvest_year, l.produced_on, l.entered_on, l.packaged,"
    " l.storage_quality, l.balance_kg, b.id, b.code, b.keeper, d.name,"
    " (SELECT max(q.date) FROM quality_tests q WHERE q.lot = l.id AND q.deleted = 0)"
    " FROM lots l JOIN bins b ON b.id = l.bin JOIN depots d ON d.id = b.depot"
    " WHERE l.deleted = 0 AND b.deleted = 0 AND l.balance_kg > 0 AND (b.id = ?1 OR d.id = ?2)"
    " ORDER BY b.code, b.id, l.entered_on, l.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, bin, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, depot, -1, SQLITE_STATIC);

  cards = g_new0 (GrDocCards, 1);
  cards->date = today ? g_strdup (today) : gr_today_iso ();
  cards->cards = g_ptr_array_new_with_free_func (card_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GrDocCard *card = g_new0 (GrDocCard, 1);
      const char *variety = column_text (stmt, 1);
      g_autofree char *grade = gr_doc_grade_name (variety, sqlite3_column_type (stmt, 2) == SQLITE_NULL ? 0
                                                  : sqlite3_column_int (stmt, 2), sqlite3_column_int (stmt, 3));
      const char *tested = column_text (stmt, 14);
      gboolean raw = gr_variety_is_valid (variety) && gr_variety_class (variety) == GR_CLASS_RAW;

      card->lot = g_strdup (column_text (stmt, 0));
      card->variety = g_strdup (variety);
      card->spec = g_strdup_printf ("%s　%s", grade, sqlite3_column_int (stmt, 7) ? "包装" : "散装");
      card->quality = tested ? g_strdup_printf ("%s（%s 检验）", gr_doc_storage_quality_name (column_text (stmt, 8)), tested)
                             : g_strdup_printf ("%s（未检验）", gr_doc_storage_quality_name (column_text (stmt, 8)));
      if (raw || sqlite3_column_type (stmt, 5) == SQLITE_NULL)
        {
          card->origin_label = g_strdup ("收获年份");
          card->origin = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? g_strdup ("—")
                         : g_strdup_printf ("%d年", sqlite3_column_int (stmt, 4));
        }
      else
        {
          card->origin_label = g_strdup ("生产日期");
          card->origin = gr_doc_date_name (column_text (stmt, 5));
        }
      card->entered_on = g_strdup (column_text (stmt, 6));
      card->quantity_kg = sqlite3_column_int64 (stmt, 9);
      card->bin = g_strdup (column_text (stmt, 10));
      card->bin_code = g_strdup (column_text (stmt, 11));
      card->keeper = g_strdup (column_text (stmt, 12));
      card->depot_name = g_strdup (column_text (stmt, 13));
      g_ptr_array_add (cards->cards, card);
    }

  if (cards->cards->len == 0)
    {
      if (bin != NULL)
        g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("The bin “%s” holds no grain: there is no card to print"), bin);
      else
        g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("The depot “%s” holds no grain: there is no card to print"),
                     depot);
      return NULL;
    }
  return g_steal_pointer (&cards);
}

guint
gr_doc_cards_n_pages (GrDocCards *cards)
{
  return (cards->cards->len + GR_DOC_CARDS_PER_PAGE - 1) / GR_DOC_CARDS_PER_PAGE;
}

char *
gr_doc_card_qr_text (const GrDocCard *card)
{
  return g_strdup_printf ("granary:card?bin=%s&lot=%s", card->bin, card->lot);
}

static void
card_origin (guint   slot,
             double *out_x,
             double *out_y,
             double *out_w,
             double *out_h)
{
  double w = (GR_DOC_A4_WIDTH - 2 * PAGE_MARGIN - CARD_GAP) / 2;
  double h = (GR_DOC_A4_HEIGHT - 2 * PAGE_MARGIN - CARD_GAP) / 2;

  *out_x = PAGE_MARGIN + (slot % 2) * (w + CARD_GAP);
  *out_y = PAGE_MARGIN + (slot / 2) * (h + CARD_GAP);
  *out_w = w;
  *out_h = h;
}

static QRcode *
encode (const GrDocCard *card)
{
  g_autofree char *text = gr_doc_card_qr_text (card);

  return QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
}

static void
qr_place (const QRcode *qr,
          double        x,
          double        y,
          double        w,
          double        h,
          double       *out_x,
          double       *out_y,
          double       *out_module)
{
  double module = QR_SIZE / (qr->width + 2 * QR_QUIET);

  *out_module = module;
  *out_x = x + w - CARD_PAD - QR_SIZE + QR_QUIET * module;
  *out_y = y + h - CARD_PAD - QR_SIZE + QR_QUIET * module;
}

void
gr_doc_cards_qr_geometry (GrDocCards *cards,
                          guint       index,
                          double     *out_x,
                          double     *out_y,
                          double     *out_module)
{
  QRcode *qr = encode (cards->cards->pdata[index]);
  double x, y, w, h;

  card_origin (index % GR_DOC_CARDS_PER_PAGE, &x, &y, &w, &h);
  qr_place (qr, x, y, w, h, out_x, out_y, out_module);
  QRcode_free (qr);
}

static PangoLayout *
layout_text (cairo_t    *cr,
             const char *text,
             double      size,
             gboolean    bold,
             double      width)
{
  PangoLayout *layout = gr_doc_paper_layout (cr, size, bold);

  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static void
draw_qr (cairo_t         *cr,
         const GrDocCard *card,
         double           x,
         double           y,
         double           w,
         double           h)
{
  QRcode *qr = encode (card);
  double qx, qy, module;

  if (qr == NULL)
    return;
  qr_place (qr, x, y, w, h, &qx, &qy, &module);
  cairo_set_source_rgb (cr, 0, 0, 0);
  /* One rectangle per dark module (bit 0 of each byte), filled at once. */
  for (int row = 0; row < qr->width; row++)
    for (int col = 0; col < qr->width; col++)
      if (qr->data[row * qr->width + col] & 1)
        cairo_rectangle (cr, qx + col * module, qy + row * module, module, module);
  cairo_fill (cr);
  QRcode_free (qr);
}

static void
draw_card (cairo_t         *cr,
           GrDocCards      *cards,
           const GrDocCard *card,
           double           x,
           double           y,
           double           w,
           double           h)
{
  g_autofree char *quantity = NULL, *tonnes = NULL, *position = NULL, *entered = NULL, *date = NULL;
  g_autoptr(PangoLayout) title = layout_text (cr, "政府储备粮信息卡", 15, TRUE, w - 2 * CARD_PAD);
  g_autoptr(PangoLayout) depot = layout_text (cr, card->depot_name, 9, FALSE, w - 2 * CARD_PAD);
  const char *labels[] = { "品种", "规格/等级", "数量", "质量", "堆位/仓号", card->origin_label, "入库日期", "保管员" };
  const char *values[G_N_ELEMENTS (labels)];
  double row_y, value_w = w - 2 * CARD_PAD - LABEL_W;

  tonnes = gr_kg_to_tonnes_string (card->quantity_kg);
  {
    g_autofree char *whole = gr_format_thousands (card->quantity_kg / 1000);

    quantity = g_strdup_printf ("%s.%03d 吨", whole, (int) (card->quantity_kg % 1000));
  }
  position = g_strdup_printf ("%s 仓　货位 %s", card->bin_code, card->lot);
  entered = gr_doc_date_name (card->entered_on);
  values[0] = gr_doc_variety_name (card->variety);
  values[1] = card->spec;
  values[2] = quantity;
  values[3] = card->quality;
  values[4] = position;
  values[5] = card->origin;
  values[6] = entered;
  values[7] = card->keeper ? card->keeper : "";

  /* The frame: a heavy outer line and a thin inner one. */
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 1.6);
  cairo_rectangle (cr, x, y, w, h);
  cairo_stroke (cr);
  cairo_set_line_width (cr, 0.5);
  cairo_rectangle (cr, x + 3, y + 3, w - 6, h - 6);
  cairo_stroke (cr);

  pango_layout_set_alignment (title, PANGO_ALIGN_CENTER);
  cairo_move_to (cr, x + CARD_PAD, y + CARD_PAD);
  pango_cairo_show_layout (cr, title);
  pango_layout_set_alignment (depot, PANGO_ALIGN_CENTER);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  cairo_move_to (cr, x + CARD_PAD, y + CARD_PAD + 26);
  pango_cairo_show_layout (cr, depot);

  row_y = y + CARD_PAD + 50;
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      g_autoptr(PangoLayout) label = layout_text (cr, labels[i], 10, TRUE, LABEL_W - 12);
      g_autoptr(PangoLayout) value = layout_text (cr, values[i], i == 0 ? 12 : 10, i == 0, value_w - 12);
      double vh = layout_height (value), lh = layout_height (label);
      double rh = MAX (ROW_H, vh + 10);

      cairo_set_source_rgb (cr, 0.93, 0.93, 0.93);
      cairo_rectangle (cr, x + CARD_PAD, row_y, LABEL_W, rh);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_set_line_width (cr, 0.6);
      cairo_rectangle (cr, x + CARD_PAD, row_y, LABEL_W, rh);
      cairo_rectangle (cr, x + CARD_PAD + LABEL_W, row_y, value_w, rh);
      cairo_stroke (cr);
      pango_layout_set_alignment (label, PANGO_ALIGN_CENTER);
      cairo_move_to (cr, x + CARD_PAD + 6, row_y + (rh - lh) / 2);
      pango_cairo_show_layout (cr, label);
      cairo_move_to (cr, x + CARD_PAD + LABEL_W + 6, row_y + (rh - vh) / 2);
      pango_cairo_show_layout (cr, value);
      row_y += rh;
    }

  date = gr_doc_date_name (cards->date);
  {
    g_autofree char *line = g_strdup_printf ("卡片日期：%s", date);
    g_autoptr(PangoLayout) made = layout_text (cr, line, 9, FALSE, w - 2 * CARD_PAD - QR_SIZE - 6);
    g_autoptr(PangoLayout) note = layout_text (cr, "库存变化时同步更新", 7.5, FALSE,
                                              w - 2 * CARD_PAD - QR_SIZE - 6);
    double bottom = y + h - CARD_PAD;

    cairo_set_source_rgb (cr, 0, 0, 0);
    cairo_move_to (cr, x + CARD_PAD, bottom - QR_SIZE + 10);
    pango_cairo_show_layout (cr, made);
    cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
    cairo_move_to (cr, x + CARD_PAD, bottom - layout_height (note) - 4);
    pango_cairo_show_layout (cr, note);
  }
  draw_qr (cr, card, x, y, w, h);
}

void
gr_doc_cards_draw_page (GrDocCards *cards,
                        cairo_t    *cr,
                        guint       page)
{
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  for (guint slot = 0; slot < GR_DOC_CARDS_PER_PAGE; slot++)
    {
      guint index = page * GR_DOC_CARDS_PER_PAGE + slot;
      double x, y, w, h;

      if (index >= cards->cards->len)
        break;
      card_origin (slot, &x, &y, &w, &h);
      draw_card (cr, cards, cards->cards->pdata[index], x, y, w, h);
    }
  cairo_restore (cr);
}

gboolean
gr_doc_cards_write_pdf (GrDocCards     *cards,
                        const char     *path,
                        GCancellable   *cancellable,
                        GrProgressFunc  progress,
                        gpointer        progress_data,
                        GError        **error)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, GR_DOC_A4_WIDTH, GR_DOC_A4_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  guint n_pages = gr_doc_cards_n_pages (cards);
  cairo_status_t status;
  gboolean ok = TRUE;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, "政府储备粮信息卡");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Granary");
  for (guint page = 0; page < n_pages; page++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      gr_doc_cards_draw_page (cards, cr, page);
      cairo_show_page (cr);
      if (progress != NULL)
        progress ((double) (page + 1) / n_pages, _("Writing the information cards"), progress_data);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (ok && status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_FAILED, _("Could not write the PDF file %s: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return ok;
}
