/* test-kpi.c: the Overview's figures (DESIGN.md §4 "Region targets", §5)
 *
 * One small world written with SQL, every figure computed by hand:
 *
 *   enterprises  e1 市储备粮公司 (reserve company), e2 (agent)
 *   depots       d1 e1 清城区 AAAA  informatised (数据通、视频通、业务通)
 *                d2 e1 清城区 AAA   no 业务通
 *                d3 e1 英德市 AAAAA informatised
 *                d4 e2 英德市 AAA   informatised
 *                d5 e2 英德市 AA    no flags at all
 *   bins (t)     b11 d1 normal 20,000     b12 d1 low_temp 30,000
 *                b21 d2 quasi_low_temp 50,000
 *                b31 d3 controlled_atmosphere 40,000   b32 d3 normal 10,000
 *                b41 d4 normal 25,000     b42 d4 quasi_low_temp 30,000
 *                b51 d5 low_temp 5,000
 *   plans (t)    p1 e1 rice 12,560 (grade 2) from 2024-01-01
 *                p2 e1 wheat 20,000 from 2024-01-01
 *                p3 e2 paddy_late_indica 30,000 from 2024-01-01
 *                p4 e2 corn 10,000 from 2027-01-01 (not yet in force)
 *                p5 e1 flour 1,000 2020-01-01 … 2025-12-31 (expired)
 *                p6 e2 paddy_early_indica 5,000 from 2024-01-01
 *   lots (t)     l1 p1 b12 12,000 on 2026-03-10, grade 2, tested 2026-03-12
 *                l9 p1 b12 560 on 2026-03-10, tested 2025-06-01 only
 *                l2 p2 b21 20,000 on 2025-06-15, out 6,000 on 2026-05-20; grade 3, tested 2026-02-01
 *                l3 p2 b11 in 6,000 on 2026-07-10, grade 4 (worse than 3), tested 2026-07-12
 *                l4 p3 b41 30,000 on 2025-10-01, out 9,000 on 2026-10-15; grade 2, tested 2026-09-01
 *                l6 p3 b42 1,000 on 2025-12-01, 等外, tested 2026-01-10
 *                l7 p3 b42 2,000 on 2025-12-01, grade 2, 轻度不宜存, tested 2026-06-01
 *                l5 p5 b31 1,000 on 2024-05-01, tested 2025-11-25 (just outside 12 months)
 *                l10 p6 b42 5,000 on 2026-08-01, untested
 *
 * As of 2026-11-25.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "gr-error.h"
#include "gr-kpi.h"
#include "gr-targets.h"
#include "rules-fixture.h"

#define AS_OF "2026-11-25"
#define T(tonnes) ((gint64) (tonnes) * 1000)

static GrStore *
world (void)
{
  GrStore *store = fx_new ();

  /* fx_new's own depot and bins hold nothing and are removed: this world
   * is the one described above. */
  fx_sql (store, "DELETE FROM bins; DELETE FROM depots;");
  fx_enterprise (store, "e2", "agent");
  fx_sql (store,
          "INSERT INTO depots (id, enterprise, code, name, region, grade, informatised) VALUES"
          " ('d1', 'e1', 'D1', '龙塘库', '清城区', 'AAAA', '{\"data\": true, \"video\": true, \"business\": true}'),"
          " ('d2', 'e1', 'D2', '石角库', '清城区', 'AAA', '{\"data\": true, \"video\": true, \"business\": false}'),"
          " ('d3', 'e1', 'D3', '白沙库', '英德市', 'AAAAA', '{\"data\": true, \"video\": true, \"business\": true}'),"
          " ('d4', 'e2', 'D4', '英城库', '英德市', 'AAA', '{\"data\": true, \"video\": true, \"business\": true}'),"
          " ('d5', 'e2', 'D5', '大站库', '英德市', 'AA', NULL)");
  fx_sql (store,
          "INSERT INTO bins (id, depot, code, capacity_kg, storage_tech) VALUES"
          " ('b11', 'd1', 'P11', 20000000, 'normal'), ('b12', 'd1', 'P12', 30000000, 'low_temp'),"
          " ('b21', 'd2', 'P21', 50000000, 'quasi_low_temp'),"
          " ('b31', 'd3', 'P31', 40000000, 'controlled_atmosphere'), ('b32', 'd3', 'P32', 10000000, 'normal'),"
          " ('b41', 'd4', 'P41', 25000000, 'normal'), ('b42', 'd4', 'P42', 30000000, 'quasi_low_temp'),"
          " ('b51', 'd5', 'P51', 5000000, 'low_temp')");

  fx_plan (store, "p1", "e1", "rice", 12560, "static", "2024-01-01", NULL);
  fx_plan (store, "p2", "e1", "wheat", 20000, "static", "2024-01-01", NULL);
  fx_plan (store, "p3", "e2", "paddy_late_indica", 30000, "autonomous", "2024-01-01", NULL);
  fx_plan (store, "p4", "e2", "corn", 10000, "autonomous", "2027-01-01", NULL);
  fx_plan (store, "p5", "e1", "flour", 1000, "static", "2020-01-01", "2025-12-31");
  fx_plan (store, "p6", "e2", "paddy_early_indica", 5000, "autonomous", "2024-01-01", NULL);
  fx_sql (store, "UPDATE plans SET required_grade = 2 WHERE id = 'p1'");

  fx_stocked_lot (store, "l1", "b12", "p1", "2026-03-10", 12000);
  fx_stocked_lot (store, "l9", "b12", "p1", "2026-03-10", 560);
  fx_stocked_lot (store, "l2", "b21", "p2", "2025-06-15", 20000);
  fx_move (store, "l2", "2026-05-20", "rotate_out", 6000);
  fx_lot (store, "l3", "b11", "p2", "2026-07-10");
  fx_move (store, "l3", "2026-07-10", "rotate_in", 6000);
  fx_stocked_lot (store, "l4", "b41", "p3", "2025-10-01", 30000);
  fx_move (store, "l4", "2026-10-15", "rotate_out", 9000);
  fx_stocked_lot (store, "l6", "b42", "p3", "2025-12-01", 1000);
  fx_stocked_lot (store, "l7", "b42", "p3", "2025-12-01", 2000);
  fx_stocked_lot (store, "l5", "b31", "p5", "2024-05-01", 1000);
  fx_stocked_lot (store, "l10", "b42", "p6", "2026-08-01", 5000);

  fx_sql (store, "UPDATE lots SET grade = 2 WHERE id IN ('l1', 'l9', 'l4', 'l7', 'l10')");
  fx_sql (store, "UPDATE lots SET grade = 3 WHERE id = 'l2'");
  fx_sql (store, "UPDATE lots SET grade = 4 WHERE id = 'l3'");
  fx_sql (store, "UPDATE lots SET grade = NULL, substandard = 1 WHERE id = 'l6'");
  fx_sql (store, "UPDATE lots SET storage_quality = 'slightly_unsuitable' WHERE id = 'l7'");
  fx_sql (store, "UPDATE lots SET grade = 1 WHERE id = 'l5'");
  fx_sql (store,
          "INSERT INTO quality_tests (id, lot, date, standard, indicators) VALUES"
          " ('q1', 'l1', '2026-03-12', 'GB/T 1354-2018', '{}'),"
          " ('q9', 'l9', '2025-06-01', 'GB/T 1354-2018', '{}'),"
          " ('q2', 'l2', '2026-02-01', 'GB 1351-2023', '{}'),"
          " ('q3', 'l3', '2026-07-12', 'GB 1351-2023', '{}'),"
          " ('q4', 'l4', '2026-09-01', 'GB 1350-2009', '{}'),"
          " ('q6', 'l6', '2026-01-10', 'GB 1350-2009', '{}'),"
          " ('q7', 'l7', '2026-06-01', 'GB 1350-2009', '{}'),"
          " ('q5', 'l5', '2025-11-25', 'GB/T 1355-2021', '{}')");
  fx_settle (store, TRUE);
  return store;
}

static GrKpi *
collect (GrStore    *store,
         GrKpiScope  scope,
         const char *id)
{
  g_autoptr(GError) error = NULL;
  GrKpi *kpi = gr_kpi_collect (store, AS_OF, scope, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (kpi);
  return kpi;
}

static const GrKpiVariety *
find_variety (const GrKpi *kpi,
              const char  *code)
{
  for (guint i = 0; i < kpi->varieties->len; i++)
    if (g_str_equal (g_array_index (kpi->varieties, GrKpiVariety, i).variety, code))
      return &g_array_index (kpi->varieties, GrKpiVariety, i);
  return NULL;
}

static int
month_index (const GrKpi *kpi,
             const char  *month)
{
  for (int i = 0; i < GR_KPI_MONTHS; i++)
    if (g_str_equal (kpi->months[i], month))
      return i;
  g_error ("no month %s", month);
}

/* 清远 表2 row 6: 12,560 t of finished grain are 10 days of supply at
 * 1,256 t a day (the figures of data/targets/qingyuan-14th.json). */
static void
test_days_of_supply (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "targets", "qingyuan-14th.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GrTargets) targets = gr_targets_load (path, &error);
  g_autoptr(GrStore) store = world ();
  g_autoptr(GrKpi) kpi = NULL;

  g_assert_no_error (error);
  g_assert_cmpfloat (targets->daily_consumption_t, ==, 1256);
  g_assert_cmpfloat (targets->finished_grain.value, ==, 12560);

  kpi = collect (store, GR_KPI_SCOPE_ALL, NULL);
  /* Rice of p1: l1 12,000 t + l9 560 t; the flour plan p5 has expired. */
  g_assert_cmpint (kpi->finished_stock_kg, ==, T (12560));
  g_assert_cmpint (kpi->finished_plan_kg, ==, T (12560));
  g_assert_cmpfloat (gr_kpi_days_of_supply (kpi->finished_stock_kg, targets->daily_consumption_t), ==, 10.0);
  g_assert_cmpfloat (gr_kpi_days_of_supply (T (6280), 1256), ==, 5.0);
  g_assert_true (isnan (gr_kpi_days_of_supply (T (6280), 0)));
}

/* Stock and scale sum the plans active on the day (DESIGN.md §4). */
static void
test_stock_and_scale (void)
{
  g_autoptr(GrStore) store = world ();
  g_autoptr(GrKpi) kpi = collect (store, GR_KPI_SCOPE_ALL, NULL);
  const GrKpiVariety *v;

  g_assert_cmpstr (kpi->as_of, ==, AS_OF);
  g_assert_true (kpi->has_plans);
  /* p1 12,560 + p2 20,000 + p3 24,000 + p6 5,000; not p5 (expired), not
   * p4 (from 2027). */
  g_assert_cmpint (kpi->stock_kg, ==, T (61560));
  g_assert_cmpint (kpi->scale_kg, ==, T (12560 + 20000 + 30000 + 5000));

  /* Varieties in the order of gr_variety_codes () */
  g_assert_cmpuint (kpi->varieties->len, ==, 4);
  g_assert_cmpstr (g_array_index (kpi->varieties, GrKpiVariety, 0).variety, ==, "paddy_early_indica");
  g_assert_cmpstr (g_array_index (kpi->varieties, GrKpiVariety, 1).variety, ==, "paddy_late_indica");
  g_assert_cmpstr (g_array_index (kpi->varieties, GrKpiVariety, 2).variety, ==, "wheat");
  g_assert_cmpstr (g_array_index (kpi->varieties, GrKpiVariety, 3).variety, ==, "rice");
  v = find_variety (kpi, "wheat");
  g_assert_cmpint (v->stock_kg, ==, T (20000));
  g_assert_cmpint (v->plan_kg, ==, T (20000));
  v = find_variety (kpi, "paddy_late_indica");
  g_assert_cmpint (v->stock_kg, ==, T (24000));
  g_assert_cmpint (v->plan_kg, ==, T (30000));
  g_assert_null (find_variety (kpi, "corn"));
  g_assert_null (find_variety (kpi, "flour"));
}

/* 表2 row 13: AAA-or-better coverage, 4 of 5 depots = 80 %, the target
 * exactly; row 15: informatised depots, all three flags, 3 of 5. */
static void
test_depot_coverage (void)
{
  g_autoptr(GrStore) store = world ();
  g_autoptr(GrKpi) kpi = collect (store, GR_KPI_SCOPE_ALL, NULL);

  g_assert_cmpuint (kpi->n_depots, ==, 5);
  g_assert_cmpuint (kpi->n_depots_aaa, ==, 4);
  g_assert_cmpfloat (gr_kpi_ratio (kpi->n_depots_aaa, kpi->n_depots), ==, 0.8);
  g_assert_cmpuint (kpi->n_depots_informatised, ==, 3);
  g_assert_cmpfloat (gr_kpi_ratio (kpi->n_depots_informatised, kpi->n_depots), ==, 0.6);
  g_assert_true (isnan (gr_kpi_ratio (1, 0)));
}

/* 表2 row 14: bins whose storage_tech is quasi_low_temp, low_temp or
 * controlled_atmosphere: 30,000 + 50,000 + 40,000 + 30,000 + 5,000 t =
 * 155,000 t, over the 15万吨 target. */
static void
test_low_temperature_capacity (void)
{
  g_autoptr(GrStore) store = world ();
  g_autoptr(GrKpi) kpi = collect (store, GR_KPI_SCOPE_ALL, NULL);

  g_assert_cmpint (kpi->low_temp_capacity_kg, ==, T (155000));
  g_assert_cmpint (kpi->capacity_kg, ==, T (210000));
}

/* DESIGN.md §4: tonnage of the lots whose latest test in the last 12
 * months passes ÷ tonnage of the lots tested in that period. Tested:
 * l1 12,000 + l2 14,000 + l3 6,000 + l4 21,000 + l6 1,000 + l7 2,000 =
 * 56,000 t (l9's and l5's tests are older than 12 months, l10 has none).
 * Passing: l1, l2, l4 = 47,000 t; l3 is grade 4 under a grade-3 plan, l6
 * 等外, l7 轻度不宜存. */
static void
test_quality_pass_rate (void)
{
  g_autoptr(GrStore) store = world ();
  g_autoptr(GrKpi) kpi = collect (store, GR_KPI_SCOPE_ALL, NULL);

  g_assert_cmpint (kpi->quality_tested_kg, ==, T (56000));
  g_assert_cmpint (kpi->quality_passed_kg, ==, T (47000));
  g_assert_cmpuint (kpi->n_lots_tested, ==, 6);
  g_assert_cmpfloat_with_epsilon (gr_kpi_ratio (kpi->quality_passed_kg, kpi->quality_tested_kg),
                                  47.0 / 56.0, 1e-12);

  /* A test dated on the as-of date counts; l9 passes once retested. */
  fx_sql (store, "INSERT INTO quality_tests (id, lot, date, standard, indicators)"
                 " VALUES ('q9b', 'l9', '2026-11-25', 'GB/T 1354-2018', '{}')");
  g_clear_pointer (&kpi, gr_kpi_free);
  kpi = collect (store, GR_KPI_SCOPE_ALL, NULL);
  g_assert_cmpint (kpi->quality_tested_kg, ==, T (56560));
  g_assert_cmpint (kpi->quality_passed_kg, ==, T (47560));

  /* Rice of grade 3 under a plan that requires grade 2 fails. */
  fx_sql (store, "UPDATE lots SET grade = 3 WHERE id = 'l9'");
  g_clear_pointer (&kpi, gr_kpi_free);
  kpi = collect (store, GR_KPI_SCOPE_ALL, NULL);
  g_assert_cmpint (kpi->quality_passed_kg, ==, T (47000));
}

static char *
tested_on (GrStore    *store,
           const char *lot)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, "SELECT tested_on FROM lots WHERE id = ?1", &error);
  char *date;

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, lot, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  date = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return date;
}

static void
assert_pass_rate (GrStore *store,
                  double   tested_t,
                  double   passed_t,
                  guint    n_lots)
{
  g_autoptr(GrKpi) kpi = collect (store, GR_KPI_SCOPE_ALL, NULL);

  g_assert_cmpint (kpi->quality_tested_kg, ==, T (tested_t));
  g_assert_cmpint (kpi->quality_passed_kg, ==, T (passed_t));
  g_assert_cmpuint (kpi->n_lots_tested, ==, n_lots);
}

/* The pass rate follows every change of the tests: the lots tested in the
 * last 12 months are read by each lot's latest test (tested_on, kept by
 * the store), so each kind of change must keep it true. */
static void
test_quality_tests_kept (void)
{
  g_autoptr(GrStore) store = world ();
  g_autofree char *date = NULL;

  assert_pass_rate (store, 56000, 47000, 6);

  /* A test after the as-of date: l1's test of 2026-03-12 still counts. */
  fx_sql (store, "INSERT INTO quality_tests (id, lot, date, standard, indicators)"
                 " VALUES ('q1b', 'l1', '2026-12-01', 'GB/T 1354-2018', '{}')");
  date = tested_on (store, "l1");
  g_assert_cmpstr (date, ==, "2026-12-01");
  assert_pass_rate (store, 56000, 47000, 6);

  /* l2's only test deleted (as sync deletes: the flag), then l4's removed. */
  fx_sql (store, "UPDATE quality_tests SET deleted = 1 WHERE id = 'q2'");
  g_clear_pointer (&date, g_free);
  date = tested_on (store, "l2");
  g_assert_null (date);
  assert_pass_rate (store, 42000, 33000, 5);
  fx_sql (store, "DELETE FROM quality_tests WHERE id = 'q4'");
  assert_pass_rate (store, 21000, 12000, 4);

  /* l3's test moved out of the period; l7's test moved to l9, which
   * passes (grade 2 under p1's grade 2), while l7 leaves. */
  fx_sql (store, "UPDATE quality_tests SET date = '2025-01-01' WHERE id = 'q3'");
  assert_pass_rate (store, 15000, 12000, 3);
  fx_sql (store, "UPDATE quality_tests SET lot = 'l9' WHERE id = 'q7'");
  g_clear_pointer (&date, g_free);
  date = tested_on (store, "l9");
  g_assert_cmpstr (date, ==, "2026-06-01");
  g_clear_pointer (&date, g_free);
  date = tested_on (store, "l7");
  g_assert_null (date);
  assert_pass_rate (store, 13560, 12560, 3);

  /* A test that arrives before its lot, as in a download's pages. */
  fx_sql (store, "BEGIN;"
                 " INSERT INTO quality_tests (id, lot, date, standard, indicators)"
                 "  VALUES ('q11', 'l11', '2026-10-01', 'GB/T 1354-2018', '{}');"
                 " INSERT INTO lots (id, bin, plan, variety, entered_on, grade, substandard, packaged, owner,"
                 "  storage_quality, delay_approved)"
                 "  VALUES ('l11', 'b12', 'p1', 'rice', '2026-09-20', 1, 0, 0, 'municipal', 'suitable', 0);"
                 " COMMIT");
  fx_move (store, "l11", "2026-09-20", "intake", 3000);
  fx_settle (store, TRUE);
  g_clear_pointer (&date, g_free);
  date = tested_on (store, "l11");
  g_assert_cmpstr (date, ==, "2026-10-01");
  assert_pass_rate (store, 16560, 15560, 4);
}

/* Month-end stock ratios from the plans' snapshots, the as-of month last. */
static void
test_ratio_series (void)
{
  g_autoptr(GrStore) store = world ();
  g_autoptr(GrKpi) kpi = collect (store, GR_KPI_SCOPE_ALL, NULL);
  g_autoptr(GPtrArray) groups = NULL;
  const GrKpiSeries *wheat, *paddy, *flour, *rice, *total;

  g_assert_cmpstr (kpi->months[0], ==, "2024-12");
  g_assert_cmpstr (kpi->months[GR_KPI_MONTHS - 1], ==, "2026-11");

  /* Each variety present in the window, then the total; corn's plan is
   * never in force in it. */
  g_assert_cmpuint (kpi->series->len, ==, 6);
  g_assert_cmpstr (((GrKpiSeries *) kpi->series->pdata[5])->key, ==, "total");
  g_assert_null (gr_kpi_find_series (kpi, "corn"));

  /* Wheat: 20,000 t from 2025-06; 14,000 t (70 %) at the ends of May and
   * June 2026; 20,000 t again after the rotation in July. */
  wheat = gr_kpi_find_series (kpi, "wheat");
  g_assert_cmpint (wheat->stock_kg[month_index (kpi, "2025-05")], ==, 0);
  g_assert_cmpint (wheat->plan_kg[month_index (kpi, "2025-05")], ==, T (20000));
  g_assert_cmpfloat (gr_kpi_series_ratio (wheat, month_index (kpi, "2025-05")), ==, 0.0);
  g_assert_cmpfloat (gr_kpi_series_ratio (wheat, month_index (kpi, "2025-06")), ==, 1.0);
  g_assert_cmpfloat (gr_kpi_series_ratio (wheat, month_index (kpi, "2026-04")), ==, 1.0);
  g_assert_cmpfloat (gr_kpi_series_ratio (wheat, month_index (kpi, "2026-05")), ==, 0.7);
  g_assert_cmpfloat (gr_kpi_series_ratio (wheat, month_index (kpi, "2026-06")), ==, 0.7);
  g_assert_cmpfloat (gr_kpi_series_ratio (wheat, month_index (kpi, "2026-07")), ==, 1.0);

  /* Late indica paddy: 30,000 t from October 2025, 33,000 t (110 %) from
   * December, 24,000 t (80 %) after the rotate-out of 15 October 2026. */
  paddy = gr_kpi_find_series (kpi, "paddy_late_indica");
  g_assert_cmpfloat (gr_kpi_series_ratio (paddy, month_index (kpi, "2025-09")), ==, 0.0);
  g_assert_cmpfloat (gr_kpi_series_ratio (paddy, month_index (kpi, "2025-11")), ==, 1.0);
  g_assert_cmpfloat (gr_kpi_series_ratio (paddy, month_index (kpi, "2026-09")), ==, 1.1);
  g_assert_cmpfloat (gr_kpi_series_ratio (paddy, month_index (kpi, "2026-10")), ==, 0.8);
  g_assert_cmpfloat (gr_kpi_series_ratio (paddy, GR_KPI_MONTHS - 1), ==, 0.8);

  /* Flour: its plan ended on 2025-12-31, so it counts to that month end
   * and has no ratio after. */
  flour = gr_kpi_find_series (kpi, "flour");
  g_assert_cmpfloat (gr_kpi_series_ratio (flour, month_index (kpi, "2025-12")), ==, 1.0);
  g_assert_cmpint (flour->plan_kg[month_index (kpi, "2026-01")], ==, 0);
  g_assert_true (isnan (gr_kpi_series_ratio (flour, month_index (kpi, "2026-01"))));

  rice = gr_kpi_find_series (kpi, "rice");
  g_assert_cmpfloat (gr_kpi_series_ratio (rice, month_index (kpi, "2026-02")), ==, 0.0);
  g_assert_cmpfloat (gr_kpi_series_ratio (rice, month_index (kpi, "2026-03")), ==, 1.0);

  /* The total at the end of May 2026: rice 12,560 + wheat 14,000 +
   * paddy 33,000 = 59,560 t of 12,560 + 20,000 + 30,000 + 5,000 t; at the
   * end of June 2025: wheat 20,000 + flour 1,000 t of 68,560 t. */
  total = gr_kpi_find_series (kpi, "total");
  g_assert_cmpint (total->stock_kg[month_index (kpi, "2026-05")], ==, T (59560));
  g_assert_cmpint (total->plan_kg[month_index (kpi, "2026-05")], ==, T (67560));
  g_assert_cmpint (total->stock_kg[month_index (kpi, "2025-06")], ==, T (21000));
  g_assert_cmpint (total->plan_kg[month_index (kpi, "2025-06")], ==, T (68560));
  g_assert_cmpint (total->stock_kg[GR_KPI_MONTHS - 1], ==, kpi->stock_kg);

  /* The two paddies read as one 稻谷 line: 33,000 + 5,000 t of 35,000 t
   * at the end of August 2026. */
  groups = gr_kpi_group_series (kpi);
  g_assert_cmpuint (groups->len, ==, 5);
  g_assert_cmpstr (((GrKpiSeries *) groups->pdata[0])->key, ==, "paddy");
  g_assert_cmpint (((GrKpiSeries *) groups->pdata[0])->stock_kg[month_index (kpi, "2026-08")], ==, T (38000));
  g_assert_cmpint (((GrKpiSeries *) groups->pdata[0])->plan_kg[month_index (kpi, "2026-08")], ==, T (35000));
  g_assert_cmpstr (((GrKpiSeries *) groups->pdata[4])->key, ==, "total");
  g_assert_cmpstr (gr_kpi_variety_group ("paddy_japonica"), ==, "paddy");
  g_assert_cmpstr (gr_kpi_variety_group ("oil_blend"), ==, "oil");
  g_assert_cmpstr (gr_kpi_variety_group ("wheat"), ==, "wheat");
}

/* The ratios never read the movements: a snapshot edited by hand is
 * what the series shows. */
static void
test_ratio_from_snapshots (void)
{
  g_autoptr(GrStore) store = world ();
  g_autoptr(GrKpi) kpi = NULL;

  fx_sql (store, "UPDATE plan_month_stock SET stock_kg = 15000000 WHERE plan = 'p2' AND month = '2026-05'");
  kpi = collect (store, GR_KPI_SCOPE_ALL, NULL);
  g_assert_cmpfloat (gr_kpi_series_ratio (gr_kpi_find_series (kpi, "wheat"), month_index (kpi, "2026-05")), ==, 0.75);
}

/* Narrowed to an enterprise: its plans, their lots, its depots and bins. */
static void
test_enterprise (void)
{
  g_autoptr(GrStore) store = world ();
  g_autoptr(GrKpi) e1 = collect (store, GR_KPI_SCOPE_ENTERPRISE, "e1");
  g_autoptr(GrKpi) e2 = collect (store, GR_KPI_SCOPE_ENTERPRISE, "e2");

  g_assert_true (e1->has_plans);
  g_assert_cmpint (e1->stock_kg, ==, T (32560));
  g_assert_cmpint (e1->scale_kg, ==, T (32560));
  g_assert_cmpint (e1->finished_stock_kg, ==, T (12560));
  g_assert_cmpuint (e1->n_depots, ==, 3);
  g_assert_cmpuint (e1->n_depots_aaa, ==, 3);
  g_assert_cmpuint (e1->n_depots_informatised, ==, 2);
  g_assert_cmpint (e1->low_temp_capacity_kg, ==, T (120000));
  g_assert_cmpint (e1->quality_tested_kg, ==, T (32000));
  g_assert_cmpint (e1->quality_passed_kg, ==, T (26000));
  g_assert_cmpuint (e1->varieties->len, ==, 2);
  g_assert_null (gr_kpi_find_series (e1, "paddy_late_indica"));
  g_assert_cmpint (gr_kpi_find_series (e1, "total")->plan_kg[GR_KPI_MONTHS - 1], ==, T (32560));

  g_assert_cmpint (e2->stock_kg, ==, T (29000));
  g_assert_cmpint (e2->scale_kg, ==, T (35000));
  g_assert_cmpint (e2->finished_stock_kg, ==, 0);
  g_assert_cmpuint (e2->n_depots, ==, 2);
  g_assert_cmpuint (e2->n_depots_aaa, ==, 1);
  g_assert_cmpuint (e2->n_depots_informatised, ==, 1);
  g_assert_cmpint (e2->low_temp_capacity_kg, ==, T (35000));
  g_assert_cmpint (e2->quality_tested_kg, ==, T (24000));
  g_assert_cmpint (e2->quality_passed_kg, ==, T (21000));
}

/* Narrowed to a region: the depots there, their bins and the lots in
 * them; plans are per enterprise, so no scale and no ratios. */
static void
test_region (void)
{
  g_autoptr(GrStore) store = world ();
  g_autoptr(GrKpi) yingde = collect (store, GR_KPI_SCOPE_REGION, "英德市");
  g_autoptr(GrKpi) qingcheng = collect (store, GR_KPI_SCOPE_REGION, "清城区");

  g_assert_false (yingde->has_plans);
  /* l4 21,000 + l6 1,000 + l7 2,000 + l10 5,000; l5's plan has expired */
  g_assert_cmpint (yingde->stock_kg, ==, T (29000));
  g_assert_cmpint (yingde->scale_kg, ==, 0);
  g_assert_cmpint (find_variety (yingde, "paddy_late_indica")->plan_kg, ==, 0);
  g_assert_cmpuint (yingde->series->len, ==, 0);
  g_assert_cmpuint (yingde->n_depots, ==, 3);
  g_assert_cmpuint (yingde->n_depots_aaa, ==, 2);
  g_assert_cmpuint (yingde->n_depots_informatised, ==, 2);
  g_assert_cmpint (yingde->low_temp_capacity_kg, ==, T (75000));
  g_assert_cmpint (yingde->capacity_kg, ==, T (110000));
  g_assert_cmpint (yingde->quality_tested_kg, ==, T (24000));
  g_assert_cmpint (yingde->quality_passed_kg, ==, T (21000));
  g_assert_cmpstr (yingde->months[GR_KPI_MONTHS - 1], ==, "2026-11");

  g_assert_cmpint (qingcheng->stock_kg, ==, T (32560));
  g_assert_cmpint (qingcheng->finished_stock_kg, ==, T (12560));
  g_assert_cmpuint (qingcheng->n_depots, ==, 2);
  g_assert_cmpuint (qingcheng->n_depots_aaa, ==, 2);
  g_assert_cmpuint (qingcheng->n_depots_informatised, ==, 1);
  g_assert_cmpint (qingcheng->low_temp_capacity_kg, ==, T (80000));
}

static void
test_bad_input (void)
{
  g_autoptr(GrStore) store = world ();
  g_autoptr(GError) error = NULL;
  GrKpi *kpi;

  kpi = gr_kpi_collect (store, "2026-02-30", GR_KPI_SCOPE_ALL, NULL, &error);
  g_assert_null (kpi);
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2026-02-30"));
  g_clear_error (&error);

  kpi = gr_kpi_collect (store, AS_OF, GR_KPI_SCOPE_REGION, NULL, &error);
  g_assert_null (kpi);
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
  g_clear_error (&error);

  /* An enterprise that does not exist has nothing, not an error. */
  kpi = gr_kpi_collect (store, AS_OF, GR_KPI_SCOPE_ENTERPRISE, "nobody", &error);
  g_assert_no_error (error);
  g_assert_cmpint (kpi->stock_kg, ==, 0);
  g_assert_cmpuint (kpi->n_depots, ==, 0);
  g_assert_true (isnan (gr_kpi_ratio (kpi->n_depots_aaa, kpi->n_depots)));
  gr_kpi_free (kpi);
}

static void
test_places (void)
{
  g_autoptr(GrStore) store = world ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) places = gr_kpi_list_places (store, &error);
  GrKpiPlace *place;

  g_assert_no_error (error);
  /* The reserve company first, then the agent; then the regions. */
  g_assert_cmpuint (places->len, ==, 4);
  place = places->pdata[0];
  g_assert_cmpint (place->scope, ==, GR_KPI_SCOPE_ENTERPRISE);
  g_assert_cmpstr (place->id, ==, "e1");
  g_assert_cmpstr (place->name, ==, "市储备粮公司");
  place = places->pdata[1];
  g_assert_cmpstr (place->id, ==, "e2");
  place = places->pdata[2];
  g_assert_cmpint (place->scope, ==, GR_KPI_SCOPE_REGION);
  g_assert_cmpstr (place->id, ==, "清城区");
  place = places->pdata[3];
  g_assert_cmpstr (place->id, ==, "英德市");
}

/* The threshold lines of the trend come from each profile's
 * stock.min_ratio. */
static void
test_thresholds (void)
{
  g_autoptr(GrProfile) dongguan = fx_profile ("dongguan-2025");
  g_autoptr(GrProfile) zhongshan = fx_profile ("zhongshan-2026");
  g_autoptr(GrProfile) nanchang = fx_profile ("nanchang-gxq-2022");
  g_autoptr(GPtrArray) lines = NULL;
  GrKpiThreshold *t;

  /* 东莞 第十五条: 70 % of the enterprise's 储备规模, every class. */
  lines = gr_kpi_thresholds (dongguan);
  g_assert_cmpuint (lines->len, ==, 1);
  t = lines->pdata[0];
  g_assert_cmpint (t->percent, ==, 70);
  g_assert_cmpuint (t->classes, ==, GR_ALL_CLASSES);
  g_assert_true (t->enterprise_scope);
  g_assert_cmpstr (t->document, ==, "东莞市政府储备粮管理办法");
  g_assert_cmpstr (t->article, ==, "第十五条");
  g_clear_pointer (&lines, g_ptr_array_unref);

  /* 中山 第十七条: raw 75 %, finished 90 %; no oil (第二条). */
  lines = gr_kpi_thresholds (zhongshan);
  g_assert_cmpuint (lines->len, ==, 2);
  t = lines->pdata[0];
  g_assert_cmpint (t->percent, ==, 75);
  g_assert_cmpuint (t->classes, ==, GR_CLASS_BIT (GR_CLASS_RAW));
  g_assert_false (t->enterprise_scope);
  g_assert_cmpstr (t->article, ==, "第十七条");
  t = lines->pdata[1];
  g_assert_cmpint (t->percent, ==, 90);
  g_assert_cmpuint (t->classes, ==, GR_CLASS_BIT (GR_CLASS_FINISHED));
  g_clear_pointer (&lines, g_ptr_array_unref);

  /* 南昌高新区 第三十八条: raw 70 %, finished and oil 100 %. */
  lines = gr_kpi_thresholds (nanchang);
  g_assert_cmpuint (lines->len, ==, 2);
  t = lines->pdata[0];
  g_assert_cmpint (t->percent, ==, 70);
  g_assert_cmpuint (t->classes, ==, GR_CLASS_BIT (GR_CLASS_RAW));
  t = lines->pdata[1];
  g_assert_cmpint (t->percent, ==, 100);
  g_assert_cmpuint (t->classes, ==, GR_CLASS_BIT (GR_CLASS_FINISHED) | GR_CLASS_BIT (GR_CLASS_OIL));
  g_assert_cmpstr (t->article, ==, "第三十八条");
}

static GrFinding *
finding (GrSeverity  severity,
         const char *enterprise,
         const char *depot)
{
  GrFinding *f = gr_finding_new ("stock.min_ratio", severity, "plan", "p1");

  f->enterprise = g_strdup (enterprise);
  f->depot = g_strdup (depot);
  return f;
}

/* Severity counts per place: a finding counts for its enterprise and for
 * the region of its depot; one on a plan has no region. */
static void
test_finding_counts (void)
{
  g_autoptr(GrStore) store = world ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) regions = gr_kpi_depot_regions (store, &error);
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_finding_free);
  g_autoptr(GHashTable) counts = NULL;
  g_autofree char *e1 = gr_kpi_place_key (GR_KPI_SCOPE_ENTERPRISE, "e1");
  g_autofree char *e2 = gr_kpi_place_key (GR_KPI_SCOPE_ENTERPRISE, "e2");
  g_autofree char *qingcheng = gr_kpi_place_key (GR_KPI_SCOPE_REGION, "清城区");
  g_autofree char *yingde = gr_kpi_place_key (GR_KPI_SCOPE_REGION, "英德市");
  GrKpiCounts *c;

  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (regions, "d4"), ==, "英德市");

  g_ptr_array_add (findings, finding (GR_SEVERITY_VIOLATION, "e1", "d1"));
  g_ptr_array_add (findings, finding (GR_SEVERITY_WARNING, "e2", "d4"));
  g_ptr_array_add (findings, finding (GR_SEVERITY_VIOLATION, "e2", NULL));
  g_ptr_array_add (findings, finding (GR_SEVERITY_INFO, NULL, NULL));
  counts = gr_kpi_count_findings (findings, regions);

  c = g_hash_table_lookup (counts, "");
  g_assert_cmpuint (c->violations, ==, 2);
  g_assert_cmpuint (c->warnings, ==, 1);
  g_assert_cmpuint (c->infos, ==, 1);
  c = g_hash_table_lookup (counts, e1);
  g_assert_cmpuint (c->violations, ==, 1);
  g_assert_cmpuint (c->warnings, ==, 0);
  c = g_hash_table_lookup (counts, e2);
  g_assert_cmpuint (c->violations, ==, 1);
  g_assert_cmpuint (c->warnings, ==, 1);
  c = g_hash_table_lookup (counts, qingcheng);
  g_assert_cmpuint (c->violations, ==, 1);
  g_assert_cmpuint (c->warnings, ==, 0);
  c = g_hash_table_lookup (counts, yingde);
  g_assert_cmpuint (c->violations, ==, 0);
  g_assert_cmpuint (c->warnings, ==, 1);
  g_assert_null (g_hash_table_lookup (counts, "region:连州市"));
  g_clear_pointer (&counts, g_hash_table_unref);

  /* Nothing found: every place reads zero. */
  counts = gr_kpi_count_findings (NULL, regions);
  c = g_hash_table_lookup (counts, "");
  g_assert_cmpuint (c->violations + c->warnings + c->infos, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/kpi/days-of-supply/qingyuan-table-2", test_days_of_supply);
  g_test_add_func ("/kpi/stock-and-scale", test_stock_and_scale);
  g_test_add_func ("/kpi/depot-coverage/qingyuan-table-2", test_depot_coverage);
  g_test_add_func ("/kpi/low-temperature-capacity/qingyuan-table-2", test_low_temperature_capacity);
  g_test_add_func ("/kpi/quality-pass-rate", test_quality_pass_rate);
  g_test_add_func ("/kpi/quality-pass-rate/tests-kept", test_quality_tests_kept);
  g_test_add_func ("/kpi/ratio/series", test_ratio_series);
  g_test_add_func ("/kpi/ratio/from-snapshots", test_ratio_from_snapshots);
  g_test_add_func ("/kpi/narrow/enterprise", test_enterprise);
  g_test_add_func ("/kpi/narrow/region", test_region);
  g_test_add_func ("/kpi/bad-input", test_bad_input);
  g_test_add_func ("/kpi/places", test_places);
  g_test_add_func ("/kpi/thresholds", test_thresholds);
  g_test_add_func ("/kpi/finding-counts", test_finding_counts);

  return g_test_run ();
}
