/* test-rules-age.c: age.limit, shelf_life, rotation.newer_in, intake.new_grain
 *
 * Storage years: paddy and corn 3, wheat 5, soybean 2, finished grain 1
 * (Zhongshan 第十八条, the provincial limits Dongguan 第十六条 refers to);
 * Nanchang: raw grain 3 years with one year of permitted delay (第三十六条,
 * 第三十七条), bulk oil 2 years. Age counts the entry month as the first
 * (当月起算, Zhongshan 第十八条).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "rules-fixture.h"

static GrStore *
lot_world (const char *variety,
           const char *entered_on)
{
  GrStore *store = fx_new ();

  fx_plan (store, "p1", "e1", variety, 10000, "autonomous", "2020-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", entered_on, 1000);
  return store;
}

/* 中山 第十八条 稻谷 3 年: entered November 2023, the limit month is
 * October 2026; its last day is still within the limit, 1 November is not. */
static void
test_paddy_limit_boundary (void)
{
  g_autoptr(GrStore) store = lot_world ("paddy_late_indica", "2023-11-15");
  g_autoptr(GPtrArray) last_day = fx_check (store, "zhongshan-2026", "2026-10-31");
  g_autoptr(GPtrArray) day_after = fx_check (store, "zhongshan-2026", "2026-11-01");
  GrFinding *f;

  f = fx_only (last_day, "age.limit");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_WARNING);
  g_assert_cmpstr (f->due, ==, "2026-10-31");
  fx_assert_has (f->message, "2023-11");
  fx_assert_has (f->message, "36");
  f = fx_only (day_after, "age.limit");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_VIOLATION);
  g_assert_cmpstr (f->due, ==, "2026-10-31");
  fx_assert_has (f->message, "37");
  g_assert_cmpstr (f->subject_id, ==, "l1");
  g_assert_cmpstr (f->article, ==, "第十八条");
}

/* The 6-month horizon: age 31 warns, age 30 does not. */
static void
test_paddy_horizon (void)
{
  g_autoptr(GrStore) store = lot_world ("paddy_late_indica", "2023-11-15");
  g_autoptr(GPtrArray) age_30 = fx_check (store, "zhongshan-2026", "2026-04-30");
  g_autoptr(GPtrArray) age_31 = fx_check (store, "zhongshan-2026", "2026-05-01");

  g_assert_cmpuint (fx_count (age_30, "age.limit"), ==, 0);
  g_assert_cmpint (fx_only (age_31, "age.limit")->severity, ==, GR_SEVERITY_WARNING);
  fx_assert_has (fx_only (age_31, "age.limit")->message, "31");
}

/* 中山 第十八条 小麦 5 年: entered March 2021, limit month February 2026. */
static void
test_wheat_five_years (void)
{
  g_autoptr(GrStore) store = lot_world ("wheat", "2021-03-01");
  g_autoptr(GPtrArray) in_limit = fx_check (store, "zhongshan-2026", "2026-02-28");
  g_autoptr(GPtrArray) beyond = fx_check (store, "zhongshan-2026", "2026-03-01");

  g_assert_cmpint (fx_only (in_limit, "age.limit")->severity, ==, GR_SEVERITY_WARNING);
  g_assert_cmpstr (fx_only (in_limit, "age.limit")->due, ==, "2026-02-28");
  g_assert_cmpint (fx_only (beyond, "age.limit")->severity, ==, GR_SEVERITY_VIOLATION);
  fx_assert_has (fx_only (beyond, "age.limit")->message, "61");
}

/* 中山 第十八条 豆类 2 年: soybean entered January 2024, limit month December 2025. */
static void
test_soybean_two_years (void)
{
  g_autoptr(GrStore) store = lot_world ("soybean", "2024-01-31");
  g_autoptr(GPtrArray) findings = fx_check (store, "zhongshan-2026", "2026-01-01");
  GrFinding *f = fx_only (findings, "age.limit");

  g_assert_cmpint (f->severity, ==, GR_SEVERITY_VIOLATION);
  g_assert_cmpstr (f->due, ==, "2025-12-31");
  fx_assert_has (f->message, "25");
}

/* Dongguan applies the provincial limits as our reading (第十六条): the
 * finding says so. Rice entered on 29 February 2024: one year ends on 31 January 2025. */
static void
test_dongguan_finished_our_reading (void)
{
  g_autoptr(GrStore) store = lot_world ("rice", "2024-02-29");
  g_autoptr(GPtrArray) findings = fx_check (store, "dongguan-2025", "2025-02-01");
  GrFinding *f = fx_only (findings, "age.limit");

  g_assert_cmpint (f->severity, ==, GR_SEVERITY_VIOLATION);
  g_assert_cmpstr (f->due, ==, "2025-01-31");
  g_assert_cmpstr (f->article, ==, "第十六条");
  fx_assert_has (f->message, "广东省储备粮储存年限规定");
}

/* A lot with no stock left is not held to any limit. */
static void
test_zero_balance_ignored (void)
{
  g_autoptr(GrStore) store = lot_world ("paddy_late_indica", "2020-11-15");
  g_autoptr(GPtrArray) findings = NULL;

  fx_move (store, "l1", "2021-05-01", "rotate_out", 1000);
  findings = fx_check (store, "zhongshan-2026", "2026-03-01");
  g_assert_cmpuint (fx_count (findings, "age.limit"), ==, 0);
}

/* 中山 第十八条: approved packaged finished grain in a low-temperature bin
 * may be rotated late (shelf life only); elsewhere, or in Dongguan, not. */
static void
test_zhongshan_delay_approved (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GPtrArray) zhongshan = NULL;
  g_autoptr(GPtrArray) dongguan = NULL;

  fx_plan (store, "p1", "e1", "rice", 2000, "autonomous", "2024-01-01", NULL);
  fx_stocked_lot (store, "cold", "bl", "p1", "2024-06-01", 500);
  fx_stocked_lot (store, "warm", "b1", "p1", "2024-06-01", 500);
  fx_sql (store, "UPDATE lots SET packaged = 1, delay_approved = 1");
  zhongshan = fx_check (store, "zhongshan-2026", "2026-01-15");
  g_assert_cmpuint (fx_count (zhongshan, "age.limit"), ==, 1);
  g_assert_nonnull (fx_find (zhongshan, "age.limit", "warm"));
  dongguan = fx_check (store, "dongguan-2025", "2026-01-15");
  g_assert_cmpuint (fx_count (dongguan, "age.limit"), ==, 2);
}

/* 南昌 第三十七条 延迟一年: entered October 2022; age 37 is the delay
 * (warning due 30 September 2026), age 48 still is, age 49 a violation. */
static void
test_nanchang_delay_year (void)
{
  g_autoptr(GrStore) store = lot_world ("paddy_early_indica", "2022-10-10");
  g_autoptr(GPtrArray) limit_month = fx_check (store, "nanchang-gxq-2022", "2025-09-30");
  g_autoptr(GPtrArray) delay_start = fx_check (store, "nanchang-gxq-2022", "2025-10-01");
  g_autoptr(GPtrArray) delay_end = fx_check (store, "nanchang-gxq-2022", "2026-09-30");
  g_autoptr(GPtrArray) beyond = fx_check (store, "nanchang-gxq-2022", "2026-10-01");
  GrFinding *f;

  f = fx_only (limit_month, "age.limit");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_WARNING);
  g_assert_cmpstr (f->due, ==, "2025-09-30");
  f = fx_only (delay_start, "age.limit");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_WARNING);
  g_assert_cmpstr (f->due, ==, "2026-09-30");
  fx_assert_has (f->message, "37");
  f = fx_only (delay_end, "age.limit");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_WARNING);
  g_assert_cmpstr (f->due, ==, "2026-09-30");
  f = fx_only (beyond, "age.limit");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_VIOLATION);
  g_assert_cmpstr (f->due, ==, "2026-09-30");
  fx_assert_has (f->message, "49");
  g_assert_cmpstr (f->article, ==, "第三十六条、第三十七条");
}

/* 南昌 第三十六条: bulk oil 2 years; packaged oil by shelf life only. */
static void
test_nanchang_bulk_oil (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GPtrArray) findings = NULL;

  fx_plan (store, "p1", "e1", "oil_peanut", 500, "dynamic", "2023-01-01", NULL);
  fx_stocked_lot (store, "bulk", "b1", "p1", "2024-01-10", 250);
  fx_stocked_lot (store, "packed", "b2", "p1", "2024-01-10", 250);
  fx_sql (store, "UPDATE lots SET packaged = 1 WHERE id = 'packed'");
  findings = fx_check (store, "nanchang-gxq-2022", "2026-02-01");
  g_assert_cmpuint (fx_count (findings, "age.limit"), ==, 1);
  g_assert_cmpint (fx_find (findings, "age.limit", "bulk")->severity, ==, GR_SEVERITY_VIOLATION);
  g_assert_cmpstr (fx_find (findings, "age.limit", "bulk")->due, ==, "2025-12-31");
}

/* 中山 第二条 不含食用植物油: an old oil lot and its plan give nothing at all. */
static void
test_zhongshan_ignores_oil (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GPtrArray) zhongshan = NULL;
  g_autoptr(GPtrArray) nanchang = NULL;

  fx_plan (store, "p1", "e1", "oil_soybean", 500, "dynamic", "2020-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2021-01-10", 100);
  fx_sql (store, "UPDATE lots SET produced_on = '2020-12-01', shelf_life_days = 365,"
                 " storage_quality = 'severely_unsuitable' WHERE id = 'l1'");
  zhongshan = fx_check (store, "zhongshan-2026", "2026-02-01");
  g_assert_cmpuint (zhongshan->len, ==, 0);
  nanchang = fx_check (store, "nanchang-gxq-2022", "2026-02-01");
  g_assert_cmpuint (fx_count (nanchang, "age.limit"), ==, 1);
  g_assert_cmpuint (fx_count (nanchang, "shelf_life"), ==, 1);
  g_assert_cmpuint (fx_count (nanchang, "quality.storage"), ==, 1);
  g_assert_cmpuint (fx_count (nanchang, "stock.min_ratio"), ==, 1);
}

/* 中山 第十八条 "不得超过保质期": produced 1 September 2025 with 365 days,
 * expires 1 September 2026; 60 days before it warns. */
static void
test_shelf_life_boundaries (void)
{
  g_autoptr(GrStore) store = lot_world ("rice", "2025-09-05");
  g_autoptr(GPtrArray) before_horizon = NULL;
  g_autoptr(GPtrArray) horizon = NULL;
  g_autoptr(GPtrArray) last_day = NULL;
  g_autoptr(GPtrArray) expired = NULL;
  GrFinding *f;

  fx_sql (store, "UPDATE lots SET produced_on = '2025-09-01', shelf_life_days = 365, packaged = 1");
  before_horizon = fx_check (store, "zhongshan-2026", "2026-07-02");
  horizon = fx_check (store, "zhongshan-2026", "2026-07-03");
  last_day = fx_check (store, "zhongshan-2026", "2026-08-31");
  expired = fx_check (store, "zhongshan-2026", "2026-09-01");
  g_assert_cmpuint (fx_count (before_horizon, "shelf_life"), ==, 0);
  f = fx_only (horizon, "shelf_life");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_WARNING);
  g_assert_cmpstr (f->due, ==, "2026-09-01");
  fx_assert_has (f->message, "60");
  f = fx_only (last_day, "shelf_life");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_WARNING);
  fx_assert_has (f->message, "2026-09-01");
  f = fx_only (expired, "shelf_life");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_VIOLATION);
  g_assert_cmpstr (f->due, ==, "2026-09-01");
}

/* Produced on 29 February 2024 with 365 days: expires 28 February 2025. */
static void
test_shelf_life_leap_day (void)
{
  g_autoptr(GrStore) store = lot_world ("flour", "2024-03-01");
  g_autoptr(GPtrArray) day_before = NULL;
  g_autoptr(GPtrArray) expiry = NULL;

  fx_sql (store, "UPDATE lots SET produced_on = '2024-02-29', shelf_life_days = 365");
  day_before = fx_check (store, "nanchang-gxq-2022", "2025-02-27");
  expiry = fx_check (store, "nanchang-gxq-2022", "2025-02-28");
  g_assert_cmpint (fx_only (day_before, "shelf_life")->severity, ==, GR_SEVERITY_WARNING);
  g_assert_cmpstr (fx_only (day_before, "shelf_life")->due, ==, "2025-02-28");
  g_assert_cmpint (fx_only (expiry, "shelf_life")->severity, ==, GR_SEVERITY_VIOLATION);
}

/* Dongguan has shelf_life too, as our reading; an empty lot is ignored. */
static void
test_shelf_life_dongguan_zero_balance (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GPtrArray) findings = NULL;
  GrFinding *f;

  fx_plan (store, "p1", "e1", "oil_blend", 500, "dynamic", "2025-01-01", NULL);
  fx_stocked_lot (store, "full", "b1", "p1", "2025-03-01", 100);
  fx_stocked_lot (store, "empty", "b2", "p1", "2025-03-01", 100);
  fx_move (store, "empty", "2025-12-01", "rotate_out", 100);
  fx_sql (store, "UPDATE lots SET produced_on = '2025-02-15', shelf_life_days = 540, packaged = 1");
  findings = fx_check (store, "dongguan-2025", "2026-07-01");
  f = fx_only (findings, "shelf_life");
  g_assert_cmpstr (f->subject_id, ==, "full");
  g_assert_cmpstr (f->due, ==, "2026-08-09");
  fx_assert_has (f->message, "39");
}

/* 中山 第十八条 "生产或加工时间应不早于对应轮出的储备粮": a rotated-in lot
 * older than the one it replaced, by harvest year and by production date. */
static void
test_newer_in (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GPtrArray) findings = NULL;
  GrFinding *f;

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "autonomous", "2024-01-01", NULL);
  fx_plan (store, "p2", "e1", "rice", 2000, "autonomous", "2024-01-01", NULL);
  fx_stocked_lot (store, "old", "b1", "p1", "2024-11-01", 1000);
  fx_sql (store, "UPDATE lots SET harvest_year = 2024 WHERE id = 'old'");
  fx_stocked_lot (store, "older", "b2", "p1", "2026-03-01", 1000);
  fx_sql (store, "UPDATE lots SET harvest_year = 2023, replaces = 'old' WHERE id = 'older'");
  fx_stocked_lot (store, "same", "b3", "p1", "2026-03-01", 1000);
  fx_sql (store, "UPDATE lots SET harvest_year = 2024, replaces = 'old' WHERE id = 'same'");
  fx_stocked_lot (store, "rice-old", "b4", "p2", "2025-07-01", 500);
  fx_sql (store, "UPDATE lots SET produced_on = '2025-06-01' WHERE id = 'rice-old'");
  fx_stocked_lot (store, "rice-new", "bl", "p2", "2026-04-01", 500);
  fx_sql (store, "UPDATE lots SET produced_on = '2025-05-01', replaces = 'rice-old' WHERE id = 'rice-new'");
  findings = fx_check (store, "zhongshan-2026", "2026-04-30");
  g_assert_cmpuint (fx_count (findings, "rotation.newer_in"), ==, 2);
  f = fx_find (findings, "rotation.newer_in", "older");
  fx_assert_has (f->message, "2023");
  fx_assert_has (f->message, "2024");
  f = fx_find (findings, "rotation.newer_in", "rice-new");
  fx_assert_has (f->message, "2025-05-01");
  fx_assert_has (f->message, "2025-06-01");
}

/* Entered last year: outside the window. Dongguan has no such rule. */
static void
test_newer_in_window_and_profile (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GPtrArray) zhongshan = NULL;
  g_autoptr(GPtrArray) dongguan = NULL;

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "autonomous", "2024-01-01", NULL);
  fx_stocked_lot (store, "old", "b1", "p1", "2024-11-01", 1000);
  fx_sql (store, "UPDATE lots SET harvest_year = 2024 WHERE id = 'old'");
  fx_stocked_lot (store, "last-year", "b2", "p1", "2025-12-20", 1000);
  fx_sql (store, "UPDATE lots SET harvest_year = 2023, replaces = 'old' WHERE id = 'last-year'");
  zhongshan = fx_check (store, "zhongshan-2026", "2026-04-30");
  g_assert_cmpuint (fx_count (zhongshan, "rotation.newer_in"), ==, 0);
  fx_sql (store, "UPDATE lots SET entered_on = '2026-01-05' WHERE id = 'last-year'");
  dongguan = fx_check (store, "dongguan-2025", "2026-04-30");
  g_assert_cmpuint (fx_count (dongguan, "rotation.newer_in"), ==, 0);
  g_assert_cmpuint (fx_count (dongguan, "intake.new_grain"), ==, 0);
}

/* 中山 第十八条 最近粮食生产季; 南昌 第三十五条 当年生产的新粮: raw grain
 * entered in 2026 must be of the 2025 harvest or later. */
static void
test_new_grain (void)
{
  const char *profiles[] = { "zhongshan-2026", "nanchang-gxq-2022" };

  for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
    {
      g_autoptr(GrStore) store = fx_new ();
      g_autoptr(GPtrArray) findings = NULL;
      GrFinding *f;

      fx_plan (store, "p1", "e1", "paddy_early_indica", 10000, "autonomous", "2024-01-01", NULL);
      fx_stocked_lot (store, "new", "b1", "p1", "2026-01-05", 1000);
      fx_sql (store, "UPDATE lots SET harvest_year = 2025 WHERE id = 'new'");
      fx_stocked_lot (store, "stale", "b2", "p1", "2026-04-10", 1000);
      fx_sql (store, "UPDATE lots SET harvest_year = 2024 WHERE id = 'stale'");
      findings = fx_check (store, profiles[i], "2026-04-30");
      f = fx_only (findings, "intake.new_grain");
      g_assert_cmpstr (f->subject_id, ==, "stale");
      fx_assert_has (f->message, "2026-04-10");
      fx_assert_has (f->message, "2024");
      fx_assert_has (f->message, "2025");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rules/age.limit/zhongshan-18/paddy-boundary", test_paddy_limit_boundary);
  g_test_add_func ("/rules/age.limit/zhongshan-18/paddy-horizon", test_paddy_horizon);
  g_test_add_func ("/rules/age.limit/zhongshan-18/wheat-5y", test_wheat_five_years);
  g_test_add_func ("/rules/age.limit/zhongshan-18/soybean-2y", test_soybean_two_years);
  g_test_add_func ("/rules/age.limit/dongguan-16/finished-our-reading", test_dongguan_finished_our_reading);
  g_test_add_func ("/rules/age.limit/zero-balance", test_zero_balance_ignored);
  g_test_add_func ("/rules/age.limit/zhongshan-18/delay-approved", test_zhongshan_delay_approved);
  g_test_add_func ("/rules/age.limit/nanchang-37/delay-year", test_nanchang_delay_year);
  g_test_add_func ("/rules/age.limit/nanchang-36/bulk-oil", test_nanchang_bulk_oil);
  g_test_add_func ("/rules/zhongshan-2/ignores-oil", test_zhongshan_ignores_oil);
  g_test_add_func ("/rules/shelf_life/zhongshan-18/boundaries", test_shelf_life_boundaries);
  g_test_add_func ("/rules/shelf_life/nanchang-36/leap-day", test_shelf_life_leap_day);
  g_test_add_func ("/rules/shelf_life/dongguan/zero-balance", test_shelf_life_dongguan_zero_balance);
  g_test_add_func ("/rules/rotation.newer_in/zhongshan-18/older", test_newer_in);
  g_test_add_func ("/rules/rotation.newer_in/window-and-profile", test_newer_in_window_and_profile);
  g_test_add_func ("/rules/intake.new_grain/zhongshan-18-nanchang-35", test_new_grain);

  return g_test_run ();
}
