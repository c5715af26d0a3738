/* test-rules-stock.c: stock.min_ratio, stock.full_month and stock.negative
 *
 * Figures hand-computed from the articles: Zhongshan 第十七条 (per plan,
 * any time: raw 75 %, finished 90 %; one month end a year at 100 %),
 * Dongguan 第十五条 (70 % of the enterprise's 储备规模 at every month end),
 * Nanchang 第三十八条 (raw 70 %, finished and oil 100 %).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "rules-fixture.h"

/* A mid/late indica paddy plan of 10,000 t with 10,000 t in stock since 2025-11-15. */
static GrStore *
paddy_world (const char *mode)
{
  GrStore *store = fx_new ();

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, mode, "2025-01-01", "2027-12-31");
  fx_stocked_lot (store, "l1", "b1", "p1", "2025-11-15", 10000);
  return store;
}

/* 中山 第十七条: exactly 75 % is enough. */
static void
test_zhongshan_raw_at_75 (void)
{
  g_autoptr(GrStore) store = paddy_world ("autonomous");
  g_autoptr(GPtrArray) findings = NULL;

  fx_move (store, "l1", "2026-03-10", "rotate_out", 2500);
  findings = fx_check (store, "zhongshan-2026", "2026-03-31");
  g_assert_cmpuint (fx_count (findings, "stock.min_ratio"), ==, 0);
}

/* 中山 第十七条: one kilogram... one tonne below 75 % is a violation on the plan. */
static void
test_zhongshan_raw_below_75 (void)
{
  g_autoptr(GrStore) store = paddy_world ("autonomous");
  g_autoptr(GPtrArray) findings = NULL;
  GrFinding *f;

  fx_move (store, "l1", "2026-03-10", "rotate_out", 2501);
  findings = fx_check (store, "zhongshan-2026", "2026-03-31");
  f = fx_only (findings, "stock.min_ratio");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_VIOLATION);
  g_assert_cmpstr (f->subject_type, ==, "plan");
  g_assert_cmpstr (f->subject_id, ==, "p1");
  g_assert_null (f->due);
  fx_assert_has (f->message, "2026-03-10");
  fx_assert_has (f->message, "7,499");
  fx_assert_has (f->message, "74.9%");
  fx_assert_has (f->message, "75%");
  g_assert_cmpstr (f->document, ==, "中山市市级储备粮自主轮换储备管理实施细则");
  g_assert_cmpstr (f->article, ==, "第十七条");
}

/* 中山 第十七条 "任何时点": the lowest day is named, once per plan. */
static void
test_zhongshan_lowest_day_named (void)
{
  g_autoptr(GrStore) store = paddy_world ("autonomous");
  g_autoptr(GPtrArray) findings = NULL;
  GrFinding *f;

  fx_move (store, "l1", "2026-02-10", "rotate_out", 3200);  /* 6,800 t, 68 % */
  fx_move (store, "l1", "2026-02-20", "rotate_in", 1000);   /* 7,800 t */
  fx_move (store, "l1", "2026-03-05", "rotate_out", 500);   /* 7,300 t, 73 % */
  findings = fx_check (store, "zhongshan-2026", "2026-03-31");
  f = fx_only (findings, "stock.min_ratio");
  fx_assert_has (f->message, "2026-02-10");
  fx_assert_has (f->message, "6,800");
  fx_assert_has (f->message, "68%");
}

/* 中山 第十七条: finished grain 90 %, each plan on its own. */
static void
test_zhongshan_finished_90 (void)
{
  g_autoptr(GrStore) store = paddy_world ("autonomous");
  g_autoptr(GPtrArray) findings = NULL;
  GrFinding *f;

  fx_plan (store, "p2", "e1", "rice", 2000, "autonomous", "2025-01-01", "2027-12-31");
  fx_stocked_lot (store, "l2", "b2", "p2", "2025-12-01", 2000);
  fx_move (store, "l2", "2026-04-01", "rotate_out", 200);   /* 1,800 t = 90 %: fine */
  fx_move (store, "l2", "2026-04-02", "rotate_out", 1);     /* 1,799 t */
  findings = fx_check (store, "zhongshan-2026", "2026-04-30");
  f = fx_only (findings, "stock.min_ratio");
  g_assert_cmpstr (f->subject_id, ==, "p2");
  fx_assert_has (f->message, "2026-04-02");
  fx_assert_has (f->message, "1,799");
  fx_assert_has (f->message, "89.9%");
  fx_assert_has (f->message, "90%");
}

/* The window starts on 1 January: stock short since last year shows on that day. */
static void
test_window_start_checked (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GPtrArray) findings = NULL;
  GrFinding *f;

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "autonomous", "2025-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2025-05-01", 7000);
  findings = fx_check (store, "zhongshan-2026", "2026-02-01");
  f = fx_only (findings, "stock.min_ratio");
  fx_assert_has (f->message, "2026-01-01");
  fx_assert_has (f->message, "70%");
}

/* A plan's fill_by (收储完成期限) starts its checks. */
static void
test_fill_by_starts_window (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GPtrArray) findings = NULL;
  GrFinding *f;

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "autonomous", "2026-01-01", NULL);
  fx_sql (store, "UPDATE plans SET fill_by = '2026-06-30' WHERE id = 'p1'");
  fx_plan (store, "p2", "e1", "wheat", 10000, "autonomous", "2026-01-01", NULL);
  fx_sql (store, "UPDATE plans SET fill_by = '2026-06-30' WHERE id = 'p2'");
  fx_stocked_lot (store, "l1", "b1", "p1", "2026-06-20", 10000);
  fx_stocked_lot (store, "l2", "b2", "p2", "2026-06-20", 7000);
  findings = fx_check (store, "zhongshan-2026", "2026-07-31");
  f = fx_only (findings, "stock.min_ratio");
  g_assert_cmpstr (f->subject_id, ==, "p2");
  fx_assert_has (f->message, "2026-06-30");
  fx_assert_has (f->message, "70%");
}

/* 中山 第十七条 "除紧急动用等特殊情况外": no finding while the order is open
 * (until its replenishment completes); the day after completion counts again. */
static void
test_release_exempts_until_replenished (void)
{
  g_autoptr(GrStore) store = paddy_world ("autonomous");
  g_autoptr(GPtrArray) findings = NULL;
  GrFinding *f;

  fx_release (store, "r1", "2026-03-01", "e1", "paddy_late_indica", 4000);
  fx_move (store, "l1", "2026-03-02", "release", 4000);     /* 60 %, exempt */
  fx_move (store, "l1", "2026-04-10", "replenish", 1000);   /* 70 %, exempt */
  fx_move (store, "l1", "2026-05-10", "replenish", 3000);   /* completes the order */
  fx_move (store, "l1", "2026-05-20", "rotate_out", 3000);  /* 70 %, not exempt */
  findings = fx_check (store, "zhongshan-2026", "2026-06-30");
  f = fx_only (findings, "stock.min_ratio");
  fx_assert_has (f->message, "2026-05-20");
  fx_assert_has (f->message, "70%");
  g_assert_cmpuint (fx_count (findings, "release.replenish"), ==, 0);
}

/* The exemption ends on the due date (order date + 12 months, 第二十七条):
 * the day before nothing, on the day itself a violation. */
static void
test_release_exemption_ends_on_due_date (void)
{
  g_autoptr(GrStore) store = paddy_world ("autonomous");
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  GrFinding *f;

  fx_release (store, "r1", "2025-03-01", "e1", "paddy_late_indica", 4000);
  fx_move (store, "l1", "2025-12-01", "release", 4000);
  before = fx_check (store, "zhongshan-2026", "2026-02-28");
  g_assert_cmpuint (fx_count (before, "stock.min_ratio"), ==, 0);
  after = fx_check (store, "zhongshan-2026", "2026-03-01");
  f = fx_only (after, "stock.min_ratio");
  fx_assert_has (f->message, "2026-03-01");
  fx_assert_has (f->message, "60%");
}

/* Per plan (Zhongshan): an order of another variety does not exempt;
 * per enterprise (Dongguan 第十五条): any order of the enterprise does. */
static void
test_release_exemption_scope (void)
{
  g_autoptr(GrStore) store = paddy_world ("static");
  g_autoptr(GPtrArray) zhongshan = NULL;
  g_autoptr(GPtrArray) dongguan = NULL;

  fx_plan (store, "p2", "e1", "rice", 2000, "static", "2025-01-01", "2027-12-31");
  fx_stocked_lot (store, "l2", "b2", "p2", "2025-11-15", 2000);
  fx_release (store, "r1", "2026-01-05", "e1", "rice", 500);
  fx_move (store, "l2", "2026-01-06", "release", 500);
  fx_move (store, "l1", "2026-01-10", "rotate_out", 6000);  /* paddy 40 %, total 54 % */
  zhongshan = fx_check (store, "zhongshan-2026", "2026-02-15");
  g_assert_cmpstr (fx_find (zhongshan, "stock.min_ratio", "p1")->subject_type, ==, "plan");
  dongguan = fx_check (store, "dongguan-2025", "2026-02-15");
  g_assert_cmpuint (fx_count (dongguan, "stock.min_ratio"), ==, 0);
}

/* 东莞 第十五条: 70 % of the enterprise's total plan at the month end. */
static void
test_dongguan_enterprise_total (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GPtrArray) findings = NULL;
  GrFinding *f;

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "static", "2025-01-01", "2027-12-31");
  fx_plan (store, "p2", "e1", "rice", 2000, "static", "2025-01-01", "2027-12-31");
  fx_stocked_lot (store, "l1", "b1", "p1", "2025-11-01", 6000);
  fx_stocked_lot (store, "l2", "b2", "p2", "2025-11-01", 2000);
  findings = fx_check (store, "dongguan-2025", "2026-02-15");
  f = fx_only (findings, "stock.min_ratio");
  g_assert_cmpstr (f->subject_type, ==, "enterprise");
  g_assert_cmpstr (f->subject_id, ==, "e1");
  fx_assert_has (f->message, "12,000");     /* 储备规模 */
  fx_assert_has (f->message, "8,000");
  fx_assert_has (f->message, "66.6%");
  fx_assert_has (f->message, "2026-01-31");
  fx_assert_has (f->message, "70%");
  g_assert_cmpstr (f->document, ==, "东莞市政府储备粮管理办法");
  g_assert_cmpstr (f->article, ==, "第十五条");
}

/* Dongguan's enterprise total hides a plan at 65 %; Zhongshan's per-plan check does not. */
static void
test_enterprise_scope_vs_plan_scope (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GPtrArray) dongguan = NULL;
  g_autoptr(GPtrArray) zhongshan = NULL;
  GrFinding *f;

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "static", "2025-01-01", "2027-12-31");
  fx_plan (store, "p2", "e1", "rice", 2000, "static", "2025-01-01", "2027-12-31");
  fx_stocked_lot (store, "l1", "b1", "p1", "2025-11-01", 6500);   /* 65 % */
  fx_stocked_lot (store, "l2", "b2", "p2", "2025-11-01", 2000);   /* total 8,500 of 12,000: 70.8 % */
  dongguan = fx_check (store, "dongguan-2025", "2026-02-15");
  g_assert_cmpuint (fx_count (dongguan, "stock.min_ratio"), ==, 0);
  zhongshan = fx_check (store, "zhongshan-2026", "2026-02-15");
  f = fx_only (zhongshan, "stock.min_ratio");
  g_assert_cmpstr (f->subject_id, ==, "p1");
  fx_assert_has (f->message, "65%");
}

/* 东莞 第十五条 "每月末": a dip within the month is not a finding there,
 * but it is under Zhongshan's "任何时点". */
static void
test_month_end_vs_any_time (void)
{
  g_autoptr(GrStore) store = paddy_world ("static");
  g_autoptr(GPtrArray) dongguan = NULL;
  g_autoptr(GPtrArray) zhongshan = NULL;
  GrFinding *f;

  fx_move (store, "l1", "2026-01-10", "rotate_out", 5000);
  fx_move (store, "l1", "2026-01-25", "rotate_in", 5000);
  dongguan = fx_check (store, "dongguan-2025", "2026-02-28");
  g_assert_cmpuint (fx_count (dongguan, "stock.min_ratio"), ==, 0);
  zhongshan = fx_check (store, "zhongshan-2026", "2026-02-28");
  f = fx_only (zhongshan, "stock.min_ratio");
  fx_assert_has (f->message, "2026-01-10");
  fx_assert_has (f->message, "50%");
}

/* A month end is checked once it is reached: 30 January nothing, 31 January a violation. */
static void
test_month_end_reached (void)
{
  g_autoptr(GrStore) store = paddy_world ("static");
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) on = NULL;

  fx_move (store, "l1", "2026-01-20", "rotate_out", 5000);
  before = fx_check (store, "dongguan-2025", "2026-01-30");
  g_assert_cmpuint (fx_count (before, "stock.min_ratio"), ==, 0);
  on = fx_check (store, "dongguan-2025", "2026-01-31");
  fx_assert_has (fx_only (on, "stock.min_ratio")->message, "2026-01-31");
}

/* 南昌 第三十八条: finished grain and oil at 100 % of the plan. */
static void
test_nanchang_finished_100 (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GPtrArray) findings = NULL;
  GrFinding *f;

  fx_plan (store, "p1", "e1", "paddy_early_indica", 10000, "static", "2025-01-01", NULL);
  fx_plan (store, "p2", "e1", "oil_peanut", 500, "dynamic", "2025-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2025-08-01", 7000);  /* 70 %: fine */
  fx_stocked_lot (store, "l2", "b2", "p2", "2025-12-01", 500);
  fx_move (store, "l2", "2026-02-01", "rotate_out", 1);
  fx_move (store, "l2", "2026-02-03", "rotate_in", 1);
  findings = fx_check (store, "nanchang-gxq-2022", "2026-03-01");
  f = fx_only (findings, "stock.min_ratio");
  g_assert_cmpstr (f->subject_id, ==, "p2");
  fx_assert_has (f->message, "2026-02-01");
  fx_assert_has (f->message, "499");
  fx_assert_has (f->message, "100%");
  g_assert_cmpstr (f->article, ==, "第三十八条");
}

/* 中山 第十七条 "每年至少有1个月月末": 2025 without a full month end is
 * a violation; 2026 so far a warning due 31 December. */
static void
test_full_month_missing (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GPtrArray) findings = NULL;
  GrFinding *violation = NULL, *warning = NULL;

  fx_plan (store, "p1", "e1", "rice", 2000, "autonomous", "2025-01-01", "2027-12-31");
  fx_stocked_lot (store, "l1", "b1", "p1", "2024-12-01", 1900);
  findings = fx_check (store, "zhongshan-2026", "2026-03-15");
  g_assert_cmpuint (fx_count (findings, "stock.full_month"), ==, 2);
  g_assert_cmpuint (fx_count (findings, "stock.min_ratio"), ==, 0);   /* 95 % ≥ 90 % */
  for (guint i = 0; i < findings->len; i++)
    {
      GrFinding *f = findings->pdata[i];

      if (g_str_equal (f->rule, "stock.full_month"))
        *(f->severity == GR_SEVERITY_VIOLATION ? &violation : &warning) = f;
    }
  g_assert_nonnull (violation);
  g_assert_nonnull (warning);
  g_assert_cmpstr (violation->due, ==, "2025-12-31");
  fx_assert_has (violation->message, "2025");
  fx_assert_has (violation->message, "1,900");
  fx_assert_has (violation->message, "95%");
  g_assert_cmpstr (warning->due, ==, "2026-12-31");
}

/* One full month end in a year is enough; on 31 December the year is over. */
static void
test_full_month_year_end (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GPtrArray) on_30 = NULL;
  g_autoptr(GPtrArray) on_31 = NULL;
  GrFinding *f;

  fx_plan (store, "p1", "e1", "rice", 2000, "autonomous", "2025-01-01", "2027-12-31");
  fx_stocked_lot (store, "l1", "b1", "p1", "2024-12-01", 1900);
  fx_move (store, "l1", "2025-06-15", "rotate_in", 100);    /* 30 June 2025 at 100 % */
  fx_move (store, "l1", "2025-07-10", "rotate_out", 100);
  on_30 = fx_check (store, "zhongshan-2026", "2026-12-30");
  f = fx_only (on_30, "stock.full_month");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_WARNING);
  g_assert_cmpstr (f->due, ==, "2026-12-31");
  on_31 = fx_check (store, "zhongshan-2026", "2026-12-31");
  f = fx_only (on_31, "stock.full_month");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_VIOLATION);
  fx_assert_has (f->message, "2026");
}

/* Month ends in an open release window are exempt. */
static void
test_full_month_exempt (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GPtrArray) findings = NULL;

  fx_plan (store, "p1", "e1", "rice", 2000, "autonomous", "2025-12-01", "2027-12-31");
  fx_stocked_lot (store, "l1", "b1", "p1", "2025-12-01", 2000);
  fx_release (store, "r1", "2025-12-20", "e1", "rice", 600);
  fx_move (store, "l1", "2025-12-21", "release", 600);
  findings = fx_check (store, "zhongshan-2026", "2026-03-15");
  g_assert_cmpuint (fx_count (findings, "stock.full_month"), ==, 0);
  g_assert_cmpuint (fx_count (findings, "stock.min_ratio"), ==, 0);
  g_assert_cmpuint (fx_count (findings, "release.replenish"), ==, 1);
}

/* A rule the profile does not have produces nothing: Dongguan has no stock.full_month. */
static void
test_full_month_not_in_dongguan (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GPtrArray) findings = NULL;

  fx_plan (store, "p1", "e1", "rice", 2000, "autonomous", "2025-01-01", "2027-12-31");
  fx_stocked_lot (store, "l1", "b1", "p1", "2024-12-01", 1900);
  findings = fx_check (store, "dongguan-2025", "2026-03-15");
  g_assert_cmpuint (fx_count (findings, "stock.full_month"), ==, 0);
}

/* DESIGN.md §3: a synced movement may take a balance below zero; every
 * profile reports the lot, with no article. */
static void
test_negative_synced (void)
{
  const char *profiles[] = { "dongguan-2025", "zhongshan-2026", "nanchang-gxq-2022" };

  for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
    {
      g_autoptr(GrStore) store = fx_new ();
      g_autoptr(GPtrArray) findings = NULL;
      g_autoptr(GPtrArray) earlier = NULL;
      GrFinding *f;

      fx_plan (store, "p1", "e1", "paddy_late_indica", 100, "autonomous", "2025-01-01", NULL);
      fx_stocked_lot (store, "l1", "b1", "p1", "2026-01-05", 100);
      fx_move (store, "l1", "2026-02-01", "rotate_out", 150);
      fx_move (store, "l1", "2026-02-10", "rotate_in", 100);
      fx_settle (store, FALSE);
      findings = fx_check (store, profiles[i], "2026-03-01");
      f = fx_only (findings, "stock.negative");
      g_assert_cmpstr (f->subject_type, ==, "lot");
      g_assert_cmpstr (f->subject_id, ==, "l1");
      g_assert_null (f->document);
      fx_assert_has (f->message, "2026-02-01");
      fx_assert_has (f->message, "-50");
      earlier = fx_check (store, profiles[i], "2026-01-31");
      g_assert_cmpuint (fx_count (earlier, "stock.negative"), ==, 0);
    }
}

/* A balance below zero since last year shows on the window's first day. */
static void
test_negative_carried (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GPtrArray) findings = NULL;
  GrFinding *f;

  fx_plan (store, "p1", "e1", "paddy_late_indica", 100, "autonomous", "2025-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2025-03-01", 100);
  fx_move (store, "l1", "2025-04-01", "loss", 150);
  fx_settle (store, FALSE);
  findings = fx_check (store, "zhongshan-2026", "2026-02-01");
  f = fx_only (findings, "stock.negative");
  fx_assert_has (f->message, "2026-01-01");
  fx_assert_has (f->message, "-50");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rules/stock.min_ratio/zhongshan-17/raw-at-75", test_zhongshan_raw_at_75);
  g_test_add_func ("/rules/stock.min_ratio/zhongshan-17/raw-below-75", test_zhongshan_raw_below_75);
  g_test_add_func ("/rules/stock.min_ratio/zhongshan-17/lowest-day", test_zhongshan_lowest_day_named);
  g_test_add_func ("/rules/stock.min_ratio/zhongshan-17/finished-90", test_zhongshan_finished_90);
  g_test_add_func ("/rules/stock.min_ratio/window-start", test_window_start_checked);
  g_test_add_func ("/rules/stock.min_ratio/fill-by", test_fill_by_starts_window);
  g_test_add_func ("/rules/stock.min_ratio/zhongshan-27/exempt-until-replenished", test_release_exempts_until_replenished);
  g_test_add_func ("/rules/stock.min_ratio/zhongshan-27/exemption-ends-on-due-date", test_release_exemption_ends_on_due_date);
  g_test_add_func ("/rules/stock.min_ratio/exemption-scope", test_release_exemption_scope);
  g_test_add_func ("/rules/stock.min_ratio/dongguan-15/enterprise-total", test_dongguan_enterprise_total);
  g_test_add_func ("/rules/stock.min_ratio/dongguan-15/enterprise-vs-plan-scope", test_enterprise_scope_vs_plan_scope);
  g_test_add_func ("/rules/stock.min_ratio/dongguan-15/month-end-vs-any-time", test_month_end_vs_any_time);
  g_test_add_func ("/rules/stock.min_ratio/dongguan-15/month-end-reached", test_month_end_reached);
  g_test_add_func ("/rules/stock.min_ratio/nanchang-38/finished-and-oil-100", test_nanchang_finished_100);
  g_test_add_func ("/rules/stock.full_month/zhongshan-17/missing", test_full_month_missing);
  g_test_add_func ("/rules/stock.full_month/zhongshan-17/year-end", test_full_month_year_end);
  g_test_add_func ("/rules/stock.full_month/zhongshan-17/exempt", test_full_month_exempt);
  g_test_add_func ("/rules/stock.full_month/not-in-dongguan", test_full_month_not_in_dongguan);
  g_test_add_func ("/rules/stock.negative/synced", test_negative_synced);
  g_test_add_func ("/rules/stock.negative/carried", test_negative_carried);

  return g_test_run ();
}
