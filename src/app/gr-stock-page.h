/* gr-stock-page.h: the Stock page (库存): stock against plan, capacity use,
 * the enterprise → depot → bin → lot tables and the detail of a lot
 *
 * The tables are one GtkColumnView over a level switch (企业/库点/仓房/货位)
 * rather than a tree: each level is a flat list that sorts and filters
 * incrementally, which a GtkTreeListModel cannot do over 60,000 lots.
 * Activating a row goes one level down, narrowed to that record; a lot
 * opens its detail.
 *
 * The ledger is read in a worker into a GrStockSnapshot and handed to the
 * table in one swap; filters that change the figures of the upper levels
 * rebuild their rows in a worker too. The page reads the database when it
 * is first shown, and again after gr_stock_page_reload().
 *
 * No spinner turns while the tables filter: an animation that keeps the
 * frame clock busy on a slow machine starves the incremental filter,
 * which runs in idle time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gr-stock-filter.h"
#include "gr-stock-query.h"

G_BEGIN_DECLS

#define GR_TYPE_STOCK_PAGE (gr_stock_page_get_type ())
G_DECLARE_FINAL_TYPE (GrStockPage, gr_stock_page, GR, STOCK_PAGE, AdwBin)

/* Whether the user's role may record movements (the button and the action). */
void                 gr_stock_page_set_can_record (GrStockPage   *self,
                                                   gboolean       can_record);
void                 gr_stock_page_set_db_path    (GrStockPage   *self,
                                                   const char    *db_path);
/* The date the page reads the ledger as of (NULL: today). */
void                 gr_stock_page_set_as_of      (GrStockPage   *self,
                                                   const char    *as_of);
const char          *gr_stock_page_get_as_of      (GrStockPage   *self);
/* Reads the database again (now if the page is shown, else when it is). */
void                 gr_stock_page_reload         (GrStockPage   *self);

/* Applies a filter in the text form of gr-stock-filter.h ("variety:wheat",
 * "enterprise:ent-01", "lot:lot-000123" opens that lot). FALSE with error
 * for a text that is not a filter; the page is left as it was then. */
gboolean             gr_stock_page_show           (GrStockPage   *self,
                                                   const char    *filter,
                                                   GError       **error);
void                 gr_stock_page_open_lot       (GrStockPage   *self,
                                                   const char    *lot);

GrStockLevel         gr_stock_page_get_level      (GrStockPage   *self);
void                 gr_stock_page_set_level      (GrStockPage   *self,
                                                   GrStockLevel   level);
const GrStockFilter *gr_stock_page_get_filter     (GrStockPage   *self);
/* TRUE while reading, rebuilding rows, filtering or sorting. */
gboolean             gr_stock_page_get_busy       (GrStockPage   *self);
/* "ledger", "lot", "empty" or "loading" */
const char          *gr_stock_page_get_view       (GrStockPage   *self);
GrStockSnapshot     *gr_stock_page_get_snapshot   (GrStockPage   *self);

/* For tests and benches: the table, its model as shown (filtered and
 * sorted), and the totals line's figures. */
GtkColumnView       *gr_stock_page_get_table      (GrStockPage   *self);
GListModel          *gr_stock_page_get_model      (GrStockPage   *self);
GtkScrolledWindow   *gr_stock_page_get_scroller   (GrStockPage   *self);
guint                gr_stock_page_get_n_rows     (GrStockPage   *self);
gint64               gr_stock_page_get_total_kg   (GrStockPage   *self);
GtkWidget           *gr_stock_page_get_lot_view   (GrStockPage   *self);
GtkWidget           *gr_stock_page_get_variety_chart (GrStockPage *self);

G_END_DECLS
