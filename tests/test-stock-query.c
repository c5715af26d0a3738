/* test-stock-query.c: the stock ledger of the Stock page, its filters and rows
 *
 * The fixture (fixtures/stock-small.sql) is read as of 2026-11-25; every
 * sum below is worked out by hand from its movements.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "gr-error.h"
#include "gr-ledger.h"
#include "gr-stock-filter.h"
#include "gr-stock-query.h"
#include "gr-stock-row.h"
#include "test-util.h"

#define AS_OF "2026-11-25"

static GrStockSnapshot *
load_fixture (void)
{
  g_autoptr(GrStore) store = test_new_store ();
  g_autofree char *sql = test_fixture ("stock-small.sql");
  g_autoptr(GError) error = NULL;
  GrStockSnapshot *snap;

  g_assert_true (gr_store_exec (store, sql, &error));
  g_assert_no_error (error);
  g_assert_true (gr_ledger_rebuild_all (store, &error));
  g_assert_no_error (error);
  snap = gr_stock_snapshot_load (store, AS_OF, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snap);
  return snap;
}

static guint
find (GrStockSnapshot *snap,
      GrStockLevel     level,
      const char      *id)
{
  int index = gr_stock_snapshot_find (snap, level, id);

  g_assert_cmpint (index, >=, 0);
  return (guint) index;
}

static void
test_sums (void)
{
  g_autoptr(GrStockSnapshot) snap = load_fixture ();
  const GrStockEnterprise *a, *b;
  const GrStockDepot *d;
  const GrStockBin *bin;

  g_assert_cmpstr (gr_stock_snapshot_get_as_of (snap), ==, AS_OF);
  g_assert_cmpuint (gr_stock_snapshot_get_n (snap, GR_STOCK_LEVEL_ENTERPRISE), ==, 2);
  g_assert_cmpuint (gr_stock_snapshot_get_n (snap, GR_STOCK_LEVEL_DEPOT), ==, 3);
  g_assert_cmpuint (gr_stock_snapshot_get_n (snap, GR_STOCK_LEVEL_BIN), ==, 5);
  g_assert_cmpuint (gr_stock_snapshot_get_n (snap, GR_STOCK_LEVEL_LOT), ==, 5);
  g_assert_cmpuint (gr_stock_snapshot_get_n_plans (snap), ==, 4);

  /* Lots: intakes less outbound movements. */
  g_assert_cmpint (gr_stock_snapshot_get_lot (snap, find (snap, GR_STOCK_LEVEL_LOT, "L1"))->balance_kg, ==, 4000500);
  g_assert_cmpint (gr_stock_snapshot_get_lot (snap, find (snap, GR_STOCK_LEVEL_LOT, "L2"))->balance_kg, ==, 2500000);
  g_assert_cmpint (gr_stock_snapshot_get_lot (snap, find (snap, GR_STOCK_LEVEL_LOT, "L3"))->balance_kg, ==, 1200250);
  g_assert_cmpint (gr_stock_snapshot_get_lot (snap, find (snap, GR_STOCK_LEVEL_LOT, "L4"))->balance_kg, ==, 0);
  /* L3 has no rotation mode of its own: its plan's (dynamic). */
  g_assert_cmpstr (gr_stock_snapshot_get_lot (snap, find (snap, GR_STOCK_LEVEL_LOT, "L3"))->rotation_mode, ==, "dynamic");

  /* Bins, depots, enterprises: sums of what they hold. */
  bin = gr_stock_snapshot_get_bin (snap, find (snap, GR_STOCK_LEVEL_BIN, "bin-a2-2"));
  g_assert_cmpint (bin->stock_kg, ==, 0);
  g_assert_cmpuint (bin->n_lots, ==, 0);
  d = gr_stock_snapshot_get_depot (snap, find (snap, GR_STOCK_LEVEL_DEPOT, "dep-a1"));
  g_assert_cmpint (d->stock_kg, ==, 6500500);
  g_assert_cmpint (d->capacity_kg, ==, 10000000);
  g_assert_cmpuint (d->n_lots, ==, 2);
  /* No capacity of its own: the sum of its bins (2,000 + 1,500 t). */
  d = gr_stock_snapshot_get_depot (snap, find (snap, GR_STOCK_LEVEL_DEPOT, "dep-a2"));
  g_assert_cmpint (d->stock_kg, ==, 1200250);
  g_assert_cmpint (d->capacity_kg, ==, 3500000);

  a = gr_stock_snapshot_get_enterprise (snap, find (snap, GR_STOCK_LEVEL_ENTERPRISE, "ent-a"));
  b = gr_stock_snapshot_get_enterprise (snap, find (snap, GR_STOCK_LEVEL_ENTERPRISE, "ent-b"));
  g_assert_cmpint (a->stock_kg, ==, 4000500 + 2500000 + 1200250);
  g_assert_cmpuint (a->n_lots, ==, 3);
  g_assert_cmpint (a->capacity_kg, ==, 13500000);
  /* The corn plan ended on 2024-12-31: only the two valid plans count. */
  g_assert_cmpint (a->plan_kg, ==, 8000000 + 3000000);
  g_assert_cmpint (b->stock_kg, ==, 1800000);
  g_assert_cmpint (b->plan_kg, ==, 2000000);
}

static void
test_variety_totals (void)
{
  g_autoptr(GrStockSnapshot) snap = load_fixture ();
  g_autoptr(GArray) a = gr_stock_snapshot_variety_totals (snap, (int) find (snap, GR_STOCK_LEVEL_ENTERPRISE, "ent-a"));
  g_autoptr(GArray) all = gr_stock_snapshot_variety_totals (snap, -1);
  g_autoptr(GArray) years = gr_stock_snapshot_dup_years (snap);
  const GrStockVarietyTotal *t;

  /* ent-a: paddy and wheat; corn is neither stocked nor planned any more. */
  g_assert_cmpuint (a->len, ==, 2);
  t = &g_array_index (a, GrStockVarietyTotal, 0);
  g_assert_cmpstr (t->variety, ==, "paddy_late_indica");
  g_assert_cmpint (t->stock_kg, ==, 6500500);
  /* The month-end snapshot of October: before the intake of 5 November. */
  g_assert_cmpint (t->month_end_kg, ==, 6000500);
  g_assert_cmpint (t->plan_kg, ==, 8000000);
  t = &g_array_index (a, GrStockVarietyTotal, 1);
  g_assert_cmpstr (t->variety, ==, "wheat");
  g_assert_cmpint (t->stock_kg, ==, 1200250);
  g_assert_cmpint (t->month_end_kg, ==, 1200250);
  g_assert_cmpint (t->plan_kg, ==, 3000000);

  g_assert_cmpuint (all->len, ==, 3);
  t = &g_array_index (all, GrStockVarietyTotal, 2);
  g_assert_cmpstr (t->variety, ==, "rice");
  g_assert_cmpint (t->stock_kg, ==, 1800000);
  g_assert_cmpint (t->plan_kg, ==, 2000000);

  /* Harvest years, and the production year of finished grain, newest first. */
  g_assert_cmpuint (years->len, ==, 5);
  g_assert_cmpint (g_array_index (years, int, 0), ==, 2026);
  g_assert_cmpint (g_array_index (years, int, 4), ==, 2022);
}

/* DESIGN.md §4 age.limit: (as-of year − entry year) × 12 + (as-of month −
 * entry month) + 1, the entry month counting as the first (当月起算). */
static void
test_age_months (void)
{
  g_autoptr(GrStockSnapshot) snap = load_fixture ();

  g_assert_cmpint (gr_stock_age_months ("2026-11-30", "2026-11-01"), ==, 1);
  g_assert_cmpint (gr_stock_age_months ("2026-11-01", "2026-11-30"), ==, 1);
  g_assert_cmpint (gr_stock_age_months ("2026-10-31", "2026-11-01"), ==, 2);
  g_assert_cmpint (gr_stock_age_months ("2025-12-01", "2026-11-30"), ==, 12);
  g_assert_cmpint (gr_stock_age_months ("2025-11-30", "2026-11-01"), ==, 13);
  g_assert_cmpint (gr_stock_age_months ("2023-12-31", "2026-11-01"), ==, 36);
  g_assert_cmpint (gr_stock_age_months ("2023-11-01", "2026-11-30"), ==, 37);
  /* Before the entry month, or not a date: no age. */
  g_assert_cmpint (gr_stock_age_months ("2026-12-01", "2026-11-30"), ==, 0);
  g_assert_cmpint (gr_stock_age_months ("2026-02-30", "2026-11-30"), ==, 0);

  /* The fixture's lots as of 2026-11-25. */
  g_assert_cmpint (gr_stock_snapshot_get_lot (snap, find (snap, GR_STOCK_LEVEL_LOT, "L1"))->age_months, ==, 37);
  g_assert_cmpint (gr_stock_snapshot_get_lot (snap, find (snap, GR_STOCK_LEVEL_LOT, "L2"))->age_months, ==, 13);
  g_assert_cmpint (gr_stock_snapshot_get_lot (snap, find (snap, GR_STOCK_LEVEL_LOT, "L3"))->age_months, ==, 29);
  g_assert_cmpint (gr_stock_snapshot_get_lot (snap, find (snap, GR_STOCK_LEVEL_LOT, "L5"))->age_months, ==, 6);
}

/* Bands by whole years of storage: the 12th month is still the first year,
 * the 37th is past the 3 years of paddy and corn (东莞 第十六条, 中山 第十八条). */
static void
test_age_bands (void)
{
  g_assert_cmpint (gr_stock_age_band (0), ==, -1);
  g_assert_cmpint (gr_stock_age_band (1), ==, GR_STOCK_AGE_UNDER_1Y);
  g_assert_cmpint (gr_stock_age_band (gr_stock_age_months ("2025-12-01", "2026-11-30")), ==, GR_STOCK_AGE_UNDER_1Y);
  g_assert_cmpint (gr_stock_age_band (gr_stock_age_months ("2025-11-30", "2026-11-01")), ==, GR_STOCK_AGE_1_2Y);
  g_assert_cmpint (gr_stock_age_band (24), ==, GR_STOCK_AGE_1_2Y);
  g_assert_cmpint (gr_stock_age_band (25), ==, GR_STOCK_AGE_2_3Y);
  g_assert_cmpint (gr_stock_age_band (gr_stock_age_months ("2023-12-31", "2026-11-01")), ==, GR_STOCK_AGE_2_3Y);
  g_assert_cmpint (gr_stock_age_band (gr_stock_age_months ("2023-11-01", "2026-11-30")), ==, GR_STOCK_AGE_OVER_3Y);
  g_assert_cmpstr (gr_stock_age_band_name (GR_STOCK_AGE_OVER_3Y), ==, "Over 3 years");
}

static void
test_filter_parse (void)
{
  GrStockFilter filter;
  GrStockLevel level = GR_STOCK_LEVEL_DEPOT;
  g_autofree char *lot = NULL;
  g_autoptr(GError) error = NULL;

  gr_stock_filter_init (&filter);
  g_assert_true (gr_stock_filter_parse ("variety:wheat", &filter, &level, &lot, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (filter.variety, ==, "wheat");
  g_assert_null (filter.enterprise);
  g_assert_null (lot);
  /* No level named: the one shown stays. */
  g_assert_cmpint (level, ==, GR_STOCK_LEVEL_DEPOT);
  g_assert_true (gr_stock_filter_has_lot_attributes (&filter));

  g_assert_true (gr_stock_filter_parse ("enterprise:ent-01 level:bin grade:substandard age:over-3y 城南 P01",
                                        &filter, &level, &lot, &error));
  g_assert_cmpstr (filter.enterprise, ==, "ent-01");
  g_assert_null (filter.variety);
  g_assert_cmpint (filter.grade, ==, GR_STOCK_GRADE_SUBSTANDARD);
  g_assert_cmpint (filter.age_band, ==, GR_STOCK_AGE_OVER_3Y);
  g_assert_cmpstr (filter.search, ==, "城南 P01");
  g_assert_cmpint (level, ==, GR_STOCK_LEVEL_BIN);

  g_assert_true (gr_stock_filter_parse ("lot:lot-000123", &filter, &level, &lot, &error));
  g_assert_cmpstr (lot, ==, "lot-000123");
  g_assert_false (gr_stock_filter_has_lot_attributes (&filter));

  /* Bad input: one clear line, and the filter left empty. */
  g_assert_false (gr_stock_filter_parse ("variety:barley", &filter, NULL, NULL, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Stock filter “variety”: “barley” is not a valid value");
  g_assert_null (filter.variety);
  g_clear_error (&error);
  g_assert_false (gr_stock_filter_parse ("colour:red", &filter, NULL, NULL, &error));
  g_assert_cmpstr (error->message, ==, "Stock filter: “colour” is not a filter key");
  g_clear_error (&error);
  g_assert_false (gr_stock_filter_parse ("year:19", &filter, NULL, NULL, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);

  gr_stock_filter_clear (&filter);
}

/* The ids of the lots the filter text keeps, sorted, joined by spaces. */
static char *
kept_lots (GrStockSnapshot *snap,
           const char      *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrStockMatcher) matcher = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  GrStockFilter filter;

  gr_stock_filter_init (&filter);
  g_assert_true (gr_stock_filter_parse (text, &filter, NULL, NULL, &error));
  g_assert_no_error (error);
  matcher = gr_stock_matcher_new (snap, &filter);
  gr_stock_filter_clear (&filter);
  for (guint i = 0; i < gr_stock_snapshot_get_n (snap, GR_STOCK_LEVEL_LOT); i++)
    if (gr_stock_matcher_lot (matcher, i))
      g_string_append_printf (out, "%s%s", out->len ? " " : "", gr_stock_snapshot_get_lot (snap, i)->id);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define assert_kept(snap, text, expected) \
  G_STMT_START { g_autofree char *__kept = kept_lots (snap, text); g_assert_cmpstr (__kept, ==, expected); } G_STMT_END

static void
test_filter_lots (void)
{
  g_autoptr(GrStockSnapshot) snap = load_fixture ();

  /* Lots in store only, unless asked. */
  assert_kept (snap, "", "L1 L2 L3 L5");
  assert_kept (snap, "empty:yes", "L1 L2 L3 L4 L5");
  assert_kept (snap, "variety:paddy_late_indica", "L1 L2");
  assert_kept (snap, "enterprise:ent-b", "L5");
  assert_kept (snap, "depot:dep-a2 empty:yes", "L3 L4");
  assert_kept (snap, "bin:bin-a1-2", "L2");
  assert_kept (snap, "enterprise:ent-b depot:dep-a1", "");
  assert_kept (snap, "enterprise:nobody", "");
  assert_kept (snap, "grade:2", "L1");
  assert_kept (snap, "grade:substandard", "");
  assert_kept (snap, "grade:substandard empty:yes", "L4");
  assert_kept (snap, "grade:untested", "L5");
  assert_kept (snap, "year:2026", "L5");
  assert_kept (snap, "year:2024", "L3");
  assert_kept (snap, "quality:slightly_unsuitable", "L3");
  assert_kept (snap, "mode:dynamic", "L3");
  assert_kept (snap, "mode:static", "L1 L2");
  assert_kept (snap, "age:over-3y", "L1");
  assert_kept (snap, "age:over-3y empty:yes", "L1 L4");
  assert_kept (snap, "age:under-1y", "L5");
  assert_kept (snap, "age:1-2y", "L2");
  assert_kept (snap, "age:2-3y", "L3");
  /* Search: keeper, depot, enterprise, bin code, variety name, id. */
  assert_kept (snap, "张三", "L1");
  assert_kept (snap, "王五", "L2 L3");
  assert_kept (snap, "英德", "L5");
  assert_kept (snap, "储备粮公司", "L1 L2 L3");
  assert_kept (snap, "search:y01", "L5");
  assert_kept (snap, "wheat", "L3");
  assert_kept (snap, "l2", "L2");
}

typedef struct {
  guint   n_rows;
  gint64  stock_kg;
} Totals;

static Totals
rows_totals (GrStockSnapshot *snap,
             GrStockLevel     level,
             const char      *text,
             GPtrArray      **out_rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrStockMatcher) matcher = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  GrStockFilter filter;
  Totals totals = { 0 };

  gr_stock_filter_init (&filter);
  g_assert_true (gr_stock_filter_parse (text, &filter, NULL, NULL, &error));
  matcher = gr_stock_matcher_new (snap, &filter);
  gr_stock_filter_clear (&filter);
  rows = gr_stock_rows_build (matcher, level, NULL);
  for (guint i = 0; i < rows->len; i++)
    if (gr_stock_row_matches (rows->pdata[i], matcher))
      {
        totals.n_rows++;
        totals.stock_kg += gr_stock_row_get_stock_kg (rows->pdata[i]);
        g_ptr_array_add (kept, g_object_ref (rows->pdata[i]));
      }
  if (out_rows != NULL)
    *out_rows = g_steal_pointer (&kept);
  return totals;
}

static void
test_rows (void)
{
  g_autoptr(GrStockSnapshot) snap = load_fixture ();
  g_autoptr(GPtrArray) rows = NULL;
  Totals t;
  GrStockRow *row;
  g_autofree char *name = NULL;
  g_autofree char *grade = NULL;
  g_autofree char *variety = NULL;
  gint64 stock, capacity;
  int use, ratio, rank;

  /* Unfiltered: every record, and the sums of the snapshot. */
  t = rows_totals (snap, GR_STOCK_LEVEL_ENTERPRISE, "", NULL);
  g_assert_cmpuint (t.n_rows, ==, 2);
  g_assert_cmpint (t.stock_kg, ==, 9500750);
  t = rows_totals (snap, GR_STOCK_LEVEL_BIN, "", NULL);
  g_assert_cmpuint (t.n_rows, ==, 5);
  g_assert_cmpint (t.stock_kg, ==, 9500750);
  t = rows_totals (snap, GR_STOCK_LEVEL_LOT, "", NULL);
  g_assert_cmpuint (t.n_rows, ==, 4);
  g_assert_cmpint (t.stock_kg, ==, 9500750);

  /* A lot attribute narrows the levels above to what holds such lots,
   * with their figures: only dep-a1 holds paddy. */
  t = rows_totals (snap, GR_STOCK_LEVEL_DEPOT, "variety:paddy_late_indica", &rows);
  g_assert_cmpuint (t.n_rows, ==, 1);
  g_assert_cmpint (t.stock_kg, ==, 6500500);
  row = rows->pdata[0];
  g_assert_cmpstr (gr_stock_row_get_id (row), ==, "dep-a1");
  g_assert_cmpuint (gr_stock_row_get_n_lots (row), ==, 2);
  g_object_get (row, "stock-kg", &stock, "capacity-kg", &capacity, "use", &use, "grade-text", &grade,
                "grade-rank", &rank, NULL);
  g_assert_cmpint (stock, ==, 6500500);
  g_assert_cmpint (capacity, ==, 10000000);
  /* 65.005 % of capacity, in permille, truncated. */
  g_assert_cmpint (use, ==, 650);
  g_assert_cmpstr (grade, ==, "AAA");
  g_assert_cmpint (rank, ==, 3);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_pointer (&grade, g_free);

  /* Place filters keep the rows that lead to the place. */
  t = rows_totals (snap, GR_STOCK_LEVEL_ENTERPRISE, "depot:dep-a2", &rows);
  g_assert_cmpuint (t.n_rows, ==, 1);
  g_assert_cmpstr (gr_stock_row_get_id (rows->pdata[0]), ==, "ent-a");
  g_clear_pointer (&rows, g_ptr_array_unref);
  t = rows_totals (snap, GR_STOCK_LEVEL_BIN, "张三", &rows);
  g_assert_cmpuint (t.n_rows, ==, 1);
  g_assert_cmpstr (gr_stock_row_get_id (rows->pdata[0]), ==, "bin-a1-1");
  g_object_get (rows->pdata[0], "variety-name", &variety, NULL);
  g_assert_cmpstr (variety, ==, "Mid/late indica paddy");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Against plan, with the filter's variety: ent-a wheat 1,200.25 of 3,000 t. */
  t = rows_totals (snap, GR_STOCK_LEVEL_ENTERPRISE, "variety:wheat", &rows);
  g_assert_cmpuint (t.n_rows, ==, 1);
  row = rows->pdata[0];
  g_assert_cmpint (gr_stock_row_get_plan_kg (row), ==, 3000000);
  g_assert_cmpint (gr_stock_row_get_plan_stock_kg (row), ==, 1200250);
  g_object_get (row, "ratio", &ratio, NULL);
  g_assert_cmpint (ratio, ==, 400);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Lot rows */
  t = rows_totals (snap, GR_STOCK_LEVEL_LOT, "grade:substandard empty:yes", &rows);
  g_assert_cmpuint (t.n_rows, ==, 1);
  row = rows->pdata[0];
  g_clear_pointer (&grade, g_free);
  g_object_get (row, "name", &name, "grade-text", &grade, "grade-rank", &rank, NULL);
  g_assert_cmpstr (name, ==, "L4");
  g_assert_cmpstr (grade, ==, "Substandard");
  g_assert_cmpint (rank, ==, 6);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_pointer (&grade, g_free);
  t = rows_totals (snap, GR_STOCK_LEVEL_LOT, "grade:untested", &rows);
  g_object_get (rows->pdata[0], "grade-text", &grade, "grade-rank", &rank, NULL);
  g_assert_cmpstr (grade, ==, "Untested");
  g_assert_cmpint (rank, ==, 7);
}

static char *
order_of (GrStockSnapshot *snap,
          GrStockSortKey   key,
          gboolean         descending)
{
  g_autoptr(GrStockMatcher) matcher = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  GrStockFilter filter;

  gr_stock_filter_init (&filter);
  matcher = gr_stock_matcher_new (snap, &filter);
  rows = gr_stock_rows_build (matcher, GR_STOCK_LEVEL_LOT, NULL);
  gr_stock_rows_sort (rows, key, descending);
  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (out, "%s%s", i ? " " : "", gr_stock_row_get_id (rows->pdata[i]));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define assert_order(snap, key, descending, expected) \
  G_STMT_START { g_autofree char *__o = order_of (snap, key, descending); g_assert_cmpstr (__o, ==, expected); } G_STMT_END

/* The lot table is sorted in a worker by numbers (ranks of texts). */
static void
test_sort (void)
{
  g_autoptr(GrStockSnapshot) snap = load_fixture ();

  assert_order (snap, GR_STOCK_SORT_STOCK, TRUE, "L1 L2 L5 L3 L4");
  assert_order (snap, GR_STOCK_SORT_STOCK, FALSE, "L4 L3 L5 L2 L1");
  assert_order (snap, GR_STOCK_SORT_AGE, FALSE, "L5 L2 L3 L1 L4");
  /* Ties keep the order of the ids, whichever way. */
  assert_order (snap, GR_STOCK_SORT_BIN, FALSE, "L1 L3 L2 L4 L5");
  assert_order (snap, GR_STOCK_SORT_BIN, TRUE, "L5 L2 L4 L1 L3");
  assert_order (snap, GR_STOCK_SORT_ID, FALSE, "L1 L2 L3 L4 L5");
  assert_order (snap, GR_STOCK_SORT_ENTERED, FALSE, "L4 L1 L3 L2 L5");
  /* Grade: 一等 first, then 等外, then untested. */
  assert_order (snap, GR_STOCK_SORT_GRADE, FALSE, "L3 L1 L2 L4 L5");
  assert_order (snap, GR_STOCK_SORT_VARIETY, FALSE, "L1 L2 L3 L4 L5");
  assert_order (snap, GR_STOCK_SORT_QUALITY, TRUE, "L3 L1 L2 L4 L5");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/stock/query/sums", test_sums);
  g_test_add_func ("/stock/query/variety-totals", test_variety_totals);
  g_test_add_func ("/stock/age/months-dangyue-qisuan", test_age_months);
  g_test_add_func ("/stock/age/bands", test_age_bands);
  g_test_add_func ("/stock/filter/parse", test_filter_parse);
  g_test_add_func ("/stock/filter/lots", test_filter_lots);
  g_test_add_func ("/stock/rows", test_rows);
  g_test_add_func ("/stock/rows/sort", test_sort);

  return g_test_run ();
}
