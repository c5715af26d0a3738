/* gr-stock-row.h: one row of the stock tables (an enterprise, depot, bin or lot)
 *
 * Rows are list items for GtkColumnView: their properties are what the
 * columns show and sort by (through GtkExpression lookups), computed from
 * the snapshot they point into. Lot rows are made once per snapshot; rows
 * of the other levels carry figures that depend on the filter, so a
 * worker builds them again when the lot attributes of the filter change.
 *
 * Properties that do not apply to a row's level read as "" or -1.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gr-stock-filter.h"
#include "gr-stock-query.h"

G_BEGIN_DECLS

#define GR_TYPE_STOCK_ROW (gr_stock_row_get_type ())

G_DECLARE_FINAL_TYPE (GrStockRow, gr_stock_row, GR, STOCK_ROW, GObject)

/* Rows of one level, in the snapshot's order. Lot level: every lot (the
 * matcher applies later, in the view). Other levels: when the filter has
 * lot attributes, the figures count the lots in store that have them and
 * records without one are left out. NULL when cancelled. */
GPtrArray       *gr_stock_rows_build         (GrStockMatcher  *matcher,
                                              GrStockLevel     level,
                                              GCancellable    *cancellable);
/* What lot rows sort by: the columns of the lot table. Lots are sorted
 * in a worker, by numbers the snapshot holds (ranks of texts in the
 * collation order), never by text on the main thread. */
typedef enum {
  GR_STOCK_SORT_ID,
  GR_STOCK_SORT_ENTERPRISE,
  GR_STOCK_SORT_DEPOT,
  GR_STOCK_SORT_BIN,
  GR_STOCK_SORT_VARIETY,
  GR_STOCK_SORT_GRADE,
  GR_STOCK_SORT_YEAR,
  GR_STOCK_SORT_ENTERED,
  GR_STOCK_SORT_AGE,
  GR_STOCK_SORT_QUALITY,
  GR_STOCK_SORT_MODE,
  GR_STOCK_SORT_STOCK,
  GR_STOCK_N_SORTS
} GrStockSortKey;

/* Compares two lot rows by key, ties by id: < 0, 0, > 0. */
int              gr_stock_row_compare        (GrStockRow      *a,
                                              GrStockRow      *b,
                                              GrStockSortKey   key);
/* Sorts lot rows by key, ascending or descending (ties by id ascending). */
void             gr_stock_rows_sort          (GPtrArray       *rows,
                                              GrStockSortKey   key,
                                              gboolean         descending);

/* A row read again (the same record in a newer snapshot, same level):
 * self shows what from shows, and stays the same object for the views
 * that hold it. On the thread that owns the row. */
void             gr_stock_row_update         (GrStockRow      *self,
                                              GrStockRow      *from);
/* Whether the matcher keeps a row (place, search; lot attributes for lots). */
gboolean         gr_stock_row_matches        (GrStockRow      *self,
                                              GrStockMatcher  *matcher);

GrStockSnapshot *gr_stock_row_get_snapshot   (GrStockRow      *self);
GrStockLevel     gr_stock_row_get_level      (GrStockRow      *self);
guint            gr_stock_row_get_index      (GrStockRow      *self);
const char      *gr_stock_row_get_id         (GrStockRow      *self);
const char      *gr_stock_row_get_name       (GrStockRow      *self);
gint64           gr_stock_row_get_stock_kg   (GrStockRow      *self);
/* Enterprises: plans valid on the as-of date (of the filter's variety); else -1 */
gint64           gr_stock_row_get_plan_kg    (GrStockRow      *self);
/* Enterprises: stock of those plans; else -1 */
gint64           gr_stock_row_get_plan_stock_kg (GrStockRow   *self);
/* Enterprises, depots, bins: capacity; else -1 */
gint64           gr_stock_row_get_capacity_kg (GrStockRow     *self);
/* Lots in store counted in the row (lots: 1 in store, else 0) */
guint            gr_stock_row_get_n_lots     (GrStockRow      *self);

G_END_DECLS
