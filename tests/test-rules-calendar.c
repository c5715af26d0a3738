/* test-rules-calendar.c: report.monthly and plan.annual
 *
 * Zhongshan 第十五条: the monthly report within 5 working days after the
 * month ends, counted with the State Council's 2025 and 2026 holidays and
 * make-up working days. Dongguan 第十二条: next year's rotation plan in
 * December; Nanchang 第十九条: in the fourth quarter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "rules-fixture.h"

static GrStore *
reporting_world (void)
{
  GrStore *store = fx_new ();

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "autonomous", "2024-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2024-11-01", 10000);
  return store;
}

static void
file_report (GrStore    *store,
             const char *month,
             const char *filed_on)
{
  fx_sql (store, "INSERT INTO monthly_reports (id, enterprise, month, filed_on) VALUES (%Q, 'e1', %Q, %Q)",
          month, month, filed_on);
}

/* The 5th working day itself is in time: January 2026 ends on a Saturday,
 * Mon 2 … Fri 6 February; December 2025's runs over the New Year holiday
 * (1–3 January) and the make-up Sunday 4 January → 8 January. */
static void
test_fifth_working_day_itself (void)
{
  g_autoptr(GrStore) store = reporting_world ();
  g_autoptr(GPtrArray) findings = NULL;

  file_report (store, "2025-12", "2026-01-08");
  file_report (store, "2026-01", "2026-02-06");
  findings = fx_check (store, "zhongshan-2026", "2026-02-10");
  g_assert_cmpuint (fx_count (findings, "report.monthly"), ==, 0);
}

/* Filed a working day late: a violation naming the deadline and the filing. */
static void
test_filed_late (void)
{
  g_autoptr(GrStore) store = reporting_world ();
  g_autoptr(GPtrArray) findings = NULL;
  GrFinding *f;

  file_report (store, "2025-12", "2026-01-08");
  file_report (store, "2026-01", "2026-02-09");
  findings = fx_check (store, "zhongshan-2026", "2026-02-10");
  f = fx_only (findings, "report.monthly");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_VIOLATION);
  g_assert_cmpstr (f->subject_type, ==, "enterprise");
  g_assert_cmpstr (f->subject_id, ==, "e1");
  g_assert_cmpstr (f->due, ==, "2026-02-06");
  fx_assert_has (f->message, "2026-01");
  fx_assert_has (f->message, "2026-02-09");
  g_assert_cmpstr (f->article, ==, "第十五条");
}

/* September 2025 ends on a Tuesday before the 1–8 October holiday; the
 * make-up Saturday 11 October counts: Thu 9, Fri 10, Sat 11, Mon 13, Tue 14. */
static void
test_national_day_holiday (void)
{
  g_autoptr(GrStore) store = reporting_world ();
  g_autoptr(GPtrArray) on_deadline = NULL;
  g_autoptr(GPtrArray) after = NULL;
  GrFinding *f;

  file_report (store, "2024-12", "2025-01-03");
  for (int m = 1; m <= 8; m++)
    {
      g_autofree char *month = g_strdup_printf ("2025-%02d", m);
      g_autofree char *filed = g_strdup_printf ("2025-%02d-02", m + 1);

      file_report (store, month, filed);
    }
  on_deadline = fx_check (store, "zhongshan-2026", "2025-10-14");
  f = fx_only (on_deadline, "report.monthly");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_WARNING);
  g_assert_cmpstr (f->due, ==, "2025-10-14");
  after = fx_check (store, "zhongshan-2026", "2025-10-15");
  f = fx_only (after, "report.monthly");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_VIOLATION);
  g_assert_cmpstr (f->due, ==, "2025-10-14");
}

/* February 2026 ends on a make-up working Saturday (28th): the count starts
 * after it, Mon 2 … Fri 6 March. April 2026 runs into the 1–5 May holiday
 * and the make-up Saturday 9 May: Wed 6, Thu 7, Fri 8, Sat 9, Mon 11. */
static void
test_make_up_days (void)
{
  g_autoptr(GrStore) store = reporting_world ();
  g_autoptr(GPtrArray) march = NULL;
  g_autoptr(GPtrArray) may = NULL;

  file_report (store, "2025-12", "2026-01-05");
  file_report (store, "2026-01", "2026-02-02");
  march = fx_check (store, "zhongshan-2026", "2026-03-02");
  g_assert_cmpstr (fx_only (march, "report.monthly")->due, ==, "2026-03-06");
  file_report (store, "2026-02", "2026-03-02");
  file_report (store, "2026-03", "2026-04-01");
  may = fx_check (store, "zhongshan-2026", "2026-05-01");
  g_assert_cmpstr (fx_only (may, "report.monthly")->due, ==, "2026-05-11");
}

/* Only from the December before the as-of year; only reserve companies
 * with a plan; Dongguan has no such rule. */
static void
test_report_scope (void)
{
  g_autoptr(GrStore) store = reporting_world ();
  g_autoptr(GPtrArray) zhongshan = NULL;
  g_autoptr(GPtrArray) dongguan = NULL;

  fx_enterprise (store, "agent", "agent");
  fx_plan (store, "pa", "agent", "wheat", 5000, "autonomous", "2024-01-01", NULL);
  fx_enterprise (store, "oil-co", "reserve_company");
  fx_plan (store, "po", "oil-co", "oil_peanut", 500, "autonomous", "2024-01-01", NULL);
  file_report (store, "2025-12", "2026-01-06");
  /* November 2025 was never filed: before the window. */
  zhongshan = fx_check (store, "zhongshan-2026", "2026-02-01");
  g_assert_cmpuint (fx_count (zhongshan, "report.monthly"), ==, 1);
  g_assert_cmpint (fx_only (zhongshan, "report.monthly")->severity, ==, GR_SEVERITY_WARNING);
  g_assert_cmpstr (fx_only (zhongshan, "report.monthly")->subject_id, ==, "e1");
  dongguan = fx_check (store, "dongguan-2025", "2026-02-01");
  g_assert_cmpuint (fx_count (dongguan, "report.monthly"), ==, 0);
}

static GrStore *
plan_world (const char *variety,
            const char *mode)
{
  GrStore *store = fx_new ();

  fx_plan (store, "p1", "e1", variety, 10000, mode, "2025-01-01", "2027-12-31");
  return store;
}

static void
rotation_plan (GrStore    *store,
               int         year,
               const char *submitted_on)
{
  fx_sql (store, "INSERT INTO rotation_plans (id, enterprise, year, state, submitted_on)"
                 " VALUES ('rp%d', 'e1', %d, 'submitted', %Q)", year, year, submitted_on);
}

/* 东莞 第十二条 每年12月 … 提出下一年度轮换计划. */
static void
test_annual_dongguan (void)
{
  g_autoptr(GrStore) store = plan_world ("paddy_late_indica", "static");
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GPtrArray) on_time = NULL;
  GrFinding *f;

  missing = fx_check (store, "dongguan-2025", "2026-03-01");
  f = fx_only (missing, "plan.annual");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_VIOLATION);
  g_assert_cmpstr (f->due, ==, "2025-12-31");
  g_assert_cmpstr (f->subject_id, ==, "e1");
  fx_assert_has (f->message, "2026");
  g_assert_cmpstr (f->article, ==, "第十二条");
  rotation_plan (store, 2026, "2025-12-31");
  on_time = fx_check (store, "dongguan-2025", "2026-03-01");
  g_assert_cmpuint (fx_count (on_time, "plan.annual"), ==, 0);
}

/* Submitted in January: late. */
static void
test_annual_late (void)
{
  g_autoptr(GrStore) store = plan_world ("paddy_late_indica", "static");
  g_autoptr(GPtrArray) findings = NULL;
  GrFinding *f;

  rotation_plan (store, 2026, "2026-01-05");
  findings = fx_check (store, "dongguan-2025", "2026-03-01");
  f = fx_only (findings, "plan.annual");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_VIOLATION);
  fx_assert_has (f->message, "2026-01-05");
}

/* From 1 December the next year's plan is due: a warning until submitted. */
static void
test_annual_december_warning (void)
{
  g_autoptr(GrStore) store = plan_world ("paddy_late_indica", "static");
  g_autoptr(GPtrArray) november = NULL;
  g_autoptr(GPtrArray) december = NULL;
  g_autoptr(GPtrArray) submitted = NULL;
  GrFinding *f;

  rotation_plan (store, 2026, "2025-12-20");
  november = fx_check (store, "dongguan-2025", "2026-11-30");
  g_assert_cmpuint (fx_count (november, "plan.annual"), ==, 0);
  december = fx_check (store, "dongguan-2025", "2026-12-01");
  f = fx_only (december, "plan.annual");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_WARNING);
  g_assert_cmpstr (f->due, ==, "2026-12-31");
  fx_assert_has (f->message, "2027");
  rotation_plan (store, 2027, "2026-12-10");
  submitted = fx_check (store, "dongguan-2025", "2026-12-15");
  g_assert_cmpuint (fx_count (submitted, "plan.annual"), ==, 0);
}

/* Dongguan: only static-rotation plans need one; agents never. */
static void
test_annual_dongguan_scope (void)
{
  g_autoptr(GrStore) store = plan_world ("paddy_late_indica", "autonomous");
  g_autoptr(GPtrArray) findings = NULL;

  fx_enterprise (store, "agent", "agent");
  fx_plan (store, "pa", "agent", "wheat", 5000, "static", "2025-01-01", NULL);
  findings = fx_check (store, "dongguan-2025", "2026-12-15");
  g_assert_cmpuint (fx_count (findings, "plan.annual"), ==, 0);
}

/* 南昌 第十九条 每年第四季度内: the warning starts on 1 October; raw grain only. */
static void
test_annual_nanchang_q4 (void)
{
  g_autoptr(GrStore) store = plan_world ("paddy_early_indica", "static");
  g_autoptr(GPtrArray) september = NULL;
  g_autoptr(GPtrArray) october = NULL;
  g_autoptr(GrStore) rice = plan_world ("rice", "dynamic");
  g_autoptr(GPtrArray) rice_findings = NULL;
  GrFinding *f;

  rotation_plan (store, 2026, "2025-11-20");
  september = fx_check (store, "nanchang-gxq-2022", "2026-09-30");
  g_assert_cmpuint (fx_count (september, "plan.annual"), ==, 0);
  october = fx_check (store, "nanchang-gxq-2022", "2026-10-01");
  f = fx_only (october, "plan.annual");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_WARNING);
  g_assert_cmpstr (f->due, ==, "2026-12-31");
  g_assert_cmpstr (f->article, ==, "第十九条");
  rice_findings = fx_check (rice, "nanchang-gxq-2022", "2026-10-01");
  g_assert_cmpuint (fx_count (rice_findings, "plan.annual"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rules/report.monthly/zhongshan-15/fifth-working-day", test_fifth_working_day_itself);
  g_test_add_func ("/rules/report.monthly/zhongshan-15/filed-late", test_filed_late);
  g_test_add_func ("/rules/report.monthly/zhongshan-15/national-day", test_national_day_holiday);
  g_test_add_func ("/rules/report.monthly/zhongshan-15/make-up-days", test_make_up_days);
  g_test_add_func ("/rules/report.monthly/scope", test_report_scope);
  g_test_add_func ("/rules/plan.annual/dongguan-12/missing-and-on-time", test_annual_dongguan);
  g_test_add_func ("/rules/plan.annual/dongguan-12/late", test_annual_late);
  g_test_add_func ("/rules/plan.annual/dongguan-12/december-warning", test_annual_december_warning);
  g_test_add_func ("/rules/plan.annual/dongguan-12/scope", test_annual_dongguan_scope);
  g_test_add_func ("/rules/plan.annual/nanchang-19/fourth-quarter", test_annual_nanchang_q4);

  return g_test_run ();
}
