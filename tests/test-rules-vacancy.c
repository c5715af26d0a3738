/* test-rules-vacancy.c: rotation.vacancy and release.replenish
 *
 * Dongguan 第十七条: the vacancy (轮换架空期) counts from the month after
 * the rotate-out and lasts at most 4 months, 2 more with approval, for
 * static-rotation plans. Nanchang 第三十八条: raw grain, 5 months.
 * Dongguan 第三十七条, Zhongshan 第二十七条: replenish within 12 months of
 * an emergency release (Nanchang 第四十六条 "尽快", 12 months our reading).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "gr-report-subsidy.h"
#include "gr-rotation-state.h"
#include "gr-rules.h"
#include "rules-fixture.h"

static GrStore *
static_world (void)
{
  GrStore *store = fx_new ();

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "static", "2024-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2024-11-01", 8000);
  fx_lot (store, "n1", "b2", "p1", "2025-12-01");
  return store;
}

/* 东莞 第十七条: out on 20 November 2025 → 4 months Dec–Mar → 31 March 2026. */
static void
test_dongguan_four_months (void)
{
  g_autoptr(GrStore) store = static_world ();
  g_autoptr(GPtrArray) last_day = NULL;
  g_autoptr(GPtrArray) day_after = NULL;
  GrFinding *f;

  fx_move (store, "l1", "2025-11-20", "rotate_out", 2000);
  last_day = fx_check (store, "dongguan-2025", "2026-03-31");
  day_after = fx_check (store, "dongguan-2025", "2026-04-01");
  f = fx_only (last_day, "rotation.vacancy");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_WARNING);
  g_assert_cmpstr (f->due, ==, "2026-03-31");
  g_assert_cmpstr (f->subject_type, ==, "plan");
  g_assert_cmpstr (f->subject_id, ==, "p1");
  fx_assert_has (f->message, "2025-11-20");
  fx_assert_has (f->message, "2,000");
  f = fx_only (day_after, "rotation.vacancy");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_VIOLATION);
  g_assert_cmpstr (f->due, ==, "2026-03-31");
  g_assert_cmpstr (f->article, ==, "第十七条");
}

/* A rotate-out on 31 October counts from November: the vacancy ends on
 * 28 February 2026. Filled that day: fine; on 1 March: a violation. */
static void
test_rotate_out_on_31st (void)
{
  g_autoptr(GrStore) on_time = static_world ();
  g_autoptr(GrStore) late = static_world ();
  g_autoptr(GPtrArray) fine = NULL;
  g_autoptr(GPtrArray) broken = NULL;
  GrFinding *f;

  fx_move (on_time, "l1", "2025-10-31", "rotate_out", 2000);
  fx_move (on_time, "n1", "2026-02-28", "rotate_in", 2000);
  fine = fx_check (on_time, "dongguan-2025", "2026-04-30");
  g_assert_cmpuint (fx_count (fine, "rotation.vacancy"), ==, 0);

  fx_move (late, "l1", "2025-10-31", "rotate_out", 2000);
  fx_move (late, "n1", "2026-03-01", "rotate_in", 2000);
  broken = fx_check (late, "dongguan-2025", "2026-04-30");
  f = fx_only (broken, "rotation.vacancy");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_VIOLATION);
  g_assert_cmpstr (f->due, ==, "2026-02-28");
  fx_assert_has (f->message, "2026-03-01");
}

/* Two rotate-ins close one vacancy; it is closed when the second lands. */
static void
test_closed_by_two_rotate_ins (void)
{
  g_autoptr(GrStore) store = static_world ();
  g_autoptr(GPtrArray) partial = NULL;
  g_autoptr(GPtrArray) closed_late = NULL;
  GrFinding *f;

  fx_move (store, "l1", "2026-01-15", "rotate_out", 2000);  /* deadline 31 May */
  fx_move (store, "n1", "2026-03-01", "rotate_in", 1200);
  partial = fx_check (store, "dongguan-2025", "2026-04-15");
  f = fx_only (partial, "rotation.vacancy");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_WARNING);
  g_assert_cmpstr (f->due, ==, "2026-05-31");
  fx_assert_has (f->message, "800");

  fx_move (store, "n1", "2026-06-01", "rotate_in", 800);
  closed_late = fx_check (store, "dongguan-2025", "2026-06-30");
  f = fx_only (closed_late, "rotation.vacancy");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_VIOLATION);
  fx_assert_has (f->message, "2026-06-01");
  fx_assert_has (f->message, "2026-05-31");
}

/* Rotate-ins fill the oldest vacancy first; the excess is ignored. */
static void
test_fifo_across_vacancies (void)
{
  g_autoptr(GrStore) store = static_world ();
  g_autoptr(GPtrArray) findings = NULL;
  GrFinding *violation = NULL, *warning = NULL;

  fx_move (store, "l1", "2026-01-10", "rotate_out", 1000);  /* deadline 31 May */
  fx_move (store, "l1", "2026-03-10", "rotate_out", 1000);  /* deadline 31 July */
  fx_move (store, "n1", "2026-06-15", "rotate_in", 1500);
  findings = fx_check (store, "dongguan-2025", "2026-06-30");
  g_assert_cmpuint (fx_count (findings, "rotation.vacancy"), ==, 2);
  for (guint i = 0; i < findings->len; i++)
    {
      GrFinding *f = findings->pdata[i];

      if (g_str_equal (f->rule, "rotation.vacancy"))
        *(f->severity == GR_SEVERITY_VIOLATION ? &violation : &warning) = f;
    }
  g_assert_cmpstr (violation->due, ==, "2026-05-31");
  fx_assert_has (violation->message, "2026-06-15");
  g_assert_cmpstr (warning->due, ==, "2026-07-31");
  fx_assert_has (warning->message, "500");
}

/* 东莞 第十七条 "经市发展改革部门批准 … 延长时间不得超过2个月": only an
 * approved rotation plan's item extends the vacancy. */
static void
test_extension_needs_approval (void)
{
  g_autoptr(GrStore) store = static_world ();
  g_autoptr(GPtrArray) approved = NULL;
  g_autoptr(GPtrArray) draft = NULL;
  GrFinding *f;

  fx_move (store, "l1", "2025-11-20", "rotate_out", 2000);
  fx_sql (store, "INSERT INTO rotation_plans (id, enterprise, year, state, submitted_on) VALUES"
                 " ('rp', 'e1', 2025, 'approved', '2024-12-20')");
  fx_sql (store, "INSERT INTO rotation_plan_items (parent, seq, lot, quantity_kg, out_month, in_month,"
                 " vacancy_extension_approved) VALUES ('rp', 0, 'l1', 2000000, '2025-11', '2026-04', 1)");
  approved = fx_check (store, "dongguan-2025", "2026-04-15");
  f = fx_only (approved, "rotation.vacancy");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_WARNING);
  g_assert_cmpstr (f->due, ==, "2026-05-31");
  fx_assert_has (f->message, "6");

  fx_sql (store, "UPDATE rotation_plans SET state = 'submitted'");
  draft = fx_check (store, "dongguan-2025", "2026-04-15");
  f = fx_only (draft, "rotation.vacancy");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_VIOLATION);
  g_assert_cmpstr (f->due, ==, "2026-03-31");
}

/* Rotate-outs of one day open their vacancies in the order of the
 * movements' ids (DESIGN.md §3 "then by id"), not of their entry. */
static void
test_same_day_by_id (void)
{
  g_autoptr(GrStore) store = static_world ();
  g_autoptr(GPtrArray) findings = NULL;
  GrFinding *f;

  fx_stocked_lot (store, "l2", "b3", "p1", "2024-11-01", 2000);
  /* Entered first, but "zz" sorts after "aa": l1's vacancy is the second. */
  fx_move_id (store, "zz-out", "l1", "2025-11-20", "rotate_out", 1000);
  fx_move_id (store, "aa-out", "l2", "2025-11-20", "rotate_out", 1000);
  /* l1's rotate-out has an approved extension: its vacancy runs to 31 May. */
  fx_sql (store, "INSERT INTO rotation_plans (id, enterprise, year, state) VALUES ('rp', 'e1', 2025, 'approved')");
  fx_sql (store, "INSERT INTO rotation_plan_items (parent, seq, lot, quantity_kg, out_month, in_month,"
                 " vacancy_extension_approved) VALUES ('rp', 0, 'l1', 1000000, '2025-11', '2026-05', 1)");
  fx_move (store, "n1", "2026-04-10", "rotate_in", 1000);
  findings = fx_check (store, "dongguan-2025", "2026-04-15");
  /* aa-out (l2, due 31 March) was filled on 10 April: late. zz-out (l1,
   * due 31 May) is still open: a warning. In entry order it would be
   * the other way round (l2 open past 31 March, l1 filled in time). */
  g_assert_cmpuint (fx_count (findings, "rotation.vacancy"), ==, 2);
  for (guint i = 0; i < findings->len; i++)
    {
      f = findings->pdata[i];
      if (!g_str_equal (f->rule, "rotation.vacancy"))
        continue;
      if (f->severity == GR_SEVERITY_VIOLATION)
        {
          g_assert_cmpstr (f->due, ==, "2026-03-31");
          fx_assert_has (f->message, "2026-04-10");
        }
      else
        g_assert_cmpstr (f->due, ==, "2026-05-31");
    }
}

/* 东莞 第十七条 applies to static rotation; autonomous plans have none. */
static void
test_dongguan_static_only (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GPtrArray) findings = NULL;

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "autonomous", "2024-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2024-11-01", 10000);
  fx_move (store, "l1", "2025-11-20", "rotate_out", 2000);
  findings = fx_check (store, "dongguan-2025", "2026-06-01");
  g_assert_cmpuint (fx_count (findings, "rotation.vacancy"), ==, 0);
}

/* 南昌 第三十八条: raw grain, 5 months (counted as in Dongguan, our
 * reading); finished grain has no vacancy (先入后出). */
static void
test_nanchang_five_months (void)
{
  g_autoptr(GrStore) store = static_world ();
  g_autoptr(GPtrArray) last_day = NULL;
  g_autoptr(GPtrArray) day_after = NULL;
  GrFinding *f;

  fx_plan (store, "p2", "e1", "rice", 2000, "dynamic", "2024-01-01", NULL);
  fx_stocked_lot (store, "r1", "b3", "p2", "2025-06-01", 2000);
  fx_move (store, "r1", "2025-11-20", "rotate_out", 500);
  fx_move (store, "l1", "2025-11-20", "rotate_out", 2000);
  last_day = fx_check (store, "nanchang-gxq-2022", "2026-04-30");
  day_after = fx_check (store, "nanchang-gxq-2022", "2026-05-01");
  f = fx_only (last_day, "rotation.vacancy");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_WARNING);
  g_assert_cmpstr (f->due, ==, "2026-04-30");
  g_assert_cmpstr (f->subject_id, ==, "p1");
  fx_assert_has (f->message, "轮换出库次月起计算架空期");
  f = fx_only (day_after, "rotation.vacancy");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_VIOLATION);
  g_assert_cmpstr (f->article, ==, "第三十八条");
}

/* A vacancy that ended last year is out of the window, even if it ended
 * late; one still open from last year is not. */
static void
test_window (void)
{
  g_autoptr(GrStore) store = static_world ();
  g_autoptr(GPtrArray) findings = NULL;
  GrFinding *f;

  fx_move (store, "l1", "2025-01-10", "rotate_out", 1000);  /* deadline 31 May 2025 */
  fx_move (store, "n1", "2025-07-01", "rotate_in", 1000);   /* late, but in 2025 */
  fx_move (store, "l1", "2025-08-05", "rotate_out", 500);   /* deadline 31 Dec 2025, still open */
  findings = fx_check (store, "dongguan-2025", "2026-02-01");
  f = fx_only (findings, "rotation.vacancy");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_VIOLATION);
  g_assert_cmpstr (f->due, ==, "2025-12-31");
  fx_assert_has (f->message, "2025-08-05");
}

/* The same when the static plan holds few of the lots, so the engine
 * reads its older rotations lot by lot rather than scanning the table. */
static void
test_window_few_static_lots (void)
{
  g_autoptr(GrStore) store = static_world ();
  g_autoptr(GPtrArray) findings = NULL;
  GrFinding *f;

  fx_plan (store, "auto", "e1", "wheat", 10000, "autonomous", "2024-01-01", NULL);
  for (int i = 0; i < 6; i++)
    {
      g_autofree char *id = g_strdup_printf ("a%d", i);

      fx_stocked_lot (store, id, "b3", "auto", "2024-11-01", 1000);
      fx_move (store, id, "2025-03-01", "rotate_out", 100);
    }
  fx_move (store, "l1", "2025-01-10", "rotate_out", 1000);
  fx_move (store, "n1", "2025-07-01", "rotate_in", 1000);
  fx_move (store, "l1", "2025-08-05", "rotate_out", 500);
  findings = fx_check (store, "dongguan-2025", "2026-02-01");
  f = fx_only (findings, "rotation.vacancy");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_VIOLATION);
  g_assert_cmpstr (f->due, ==, "2025-12-31");
  fx_assert_has (f->message, "2025-08-05");
}

/* 东莞 第三十七条 12个月内完成等量补库: due on the order's date a year on. */
static void
test_replenish_due (void)
{
  g_autoptr(GrStore) store = static_world ();
  g_autoptr(GPtrArray) due_day = NULL;
  g_autoptr(GPtrArray) day_after = NULL;
  GrFinding *f;

  fx_release (store, "DG-2025-01", "2025-03-01", "e1", "paddy_late_indica", 1000);
  fx_move (store, "l1", "2025-03-02", "release", 1000);
  due_day = fx_check (store, "dongguan-2025", "2026-03-01");
  day_after = fx_check (store, "dongguan-2025", "2026-03-02");
  f = fx_only (due_day, "release.replenish");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_WARNING);
  g_assert_cmpstr (f->due, ==, "2026-03-01");
  g_assert_cmpstr (f->subject_type, ==, "release");
  g_assert_cmpstr (f->subject_id, ==, "DG-2025-01");
  fx_assert_has (f->message, "1,000");
  f = fx_only (day_after, "release.replenish");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_VIOLATION);
  g_assert_cmpstr (f->article, ==, "第三十七条");
}

/* Replenished in full last year: nothing is owed this year, and the
 * exemption ended on the day of the replenishment. */
static void
test_replenished_last_year (void)
{
  g_autoptr(GrStore) store = static_world ();
  g_autoptr(GPtrArray) findings = NULL;

  fx_release (store, "DG-2025-02", "2025-03-01", "e1", "paddy_late_indica", 1000);
  fx_move (store, "l1", "2025-03-02", "release", 1000);
  fx_move (store, "n1", "2025-06-01", "replenish", 600);
  fx_move (store, "n1", "2025-06-20", "replenish", 400);
  findings = fx_check (store, "dongguan-2025", "2026-02-01");
  g_assert_cmpuint (fx_count (findings, "release.replenish"), ==, 0);
}

/* An order of 29 February is due on 28 February the next year. */
static void
test_replenish_leap_day (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GPtrArray) due_day = NULL;
  g_autoptr(GPtrArray) day_after = NULL;

  fx_plan (store, "p1", "e1", "rice", 2000, "autonomous", "2023-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2023-12-01", 2000);
  fx_release (store, "ZS-2024-01", "2024-02-29", "e1", "rice", 300);
  fx_move (store, "l1", "2024-03-01", "release", 300);
  due_day = fx_check (store, "zhongshan-2026", "2025-02-28");
  day_after = fx_check (store, "zhongshan-2026", "2025-03-01");
  g_assert_cmpstr (fx_only (due_day, "release.replenish")->due, ==, "2025-02-28");
  g_assert_cmpint (fx_only (due_day, "release.replenish")->severity, ==, GR_SEVERITY_WARNING);
  g_assert_cmpint (fx_only (day_after, "release.replenish")->severity, ==, GR_SEVERITY_VIOLATION);
  g_assert_cmpstr (fx_only (day_after, "release.replenish")->article, ==, "第二十七条");
}

/* Two orders share one replenishment, oldest order first. */
static void
test_two_orders_share_replenishment (void)
{
  g_autoptr(GrStore) enough = static_world ();
  g_autoptr(GrStore) short_store = static_world ();
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) one = NULL;
  GrFinding *f;

  fx_release (enough, "A", "2026-01-10", "e1", "paddy_late_indica", 600);
  fx_release (enough, "B", "2026-02-10", "e1", "paddy_late_indica", 400);
  fx_move (enough, "l1", "2026-01-11", "release", 600);
  fx_move (enough, "l1", "2026-02-11", "release", 400);
  fx_move (enough, "n1", "2026-04-01", "replenish", 1000);
  none = fx_check (enough, "dongguan-2025", "2026-05-01");
  g_assert_cmpuint (fx_count (none, "release.replenish"), ==, 0);

  fx_release (short_store, "A", "2026-01-10", "e1", "paddy_late_indica", 600);
  fx_release (short_store, "B", "2026-02-10", "e1", "paddy_late_indica", 400);
  fx_move (short_store, "l1", "2026-01-11", "release", 600);
  fx_move (short_store, "l1", "2026-02-11", "release", 400);
  fx_move (short_store, "n1", "2026-04-01", "replenish", 800);
  one = fx_check (short_store, "dongguan-2025", "2026-05-01");
  f = fx_only (one, "release.replenish");
  g_assert_cmpstr (f->subject_id, ==, "B");
  g_assert_cmpstr (f->due, ==, "2027-02-10");
  fx_assert_has (f->message, "200");
}

/* Replenishments before the order, or of another variety, do not count. */
static void
test_replenish_matching (void)
{
  g_autoptr(GrStore) store = static_world ();
  g_autoptr(GPtrArray) findings = NULL;
  GrFinding *f;

  fx_plan (store, "p2", "e1", "rice", 2000, "static", "2024-01-01", NULL);
  fx_stocked_lot (store, "r1", "b3", "p2", "2025-06-01", 1000);
  fx_release (store, "A", "2026-01-10", "e1", "paddy_late_indica", 600);
  fx_move (store, "n1", "2026-01-05", "replenish", 300);    /* before the order */
  fx_move (store, "r1", "2026-02-01", "replenish", 600);    /* rice */
  fx_move (store, "n1", "2026-02-01", "replenish", 100);
  findings = fx_check (store, "dongguan-2025", "2026-05-01");
  f = fx_only (findings, "release.replenish");
  fx_assert_has (f->message, "100");
  fx_assert_has (f->message, "500");
}

/* 中山 第二条: no oil, so an oil release order is not Zhongshan's concern. */
static void
test_replenish_zhongshan_ignores_oil (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GPtrArray) zhongshan = NULL;
  g_autoptr(GPtrArray) dongguan = NULL;

  fx_plan (store, "p1", "e1", "oil_peanut", 500, "dynamic", "2024-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2025-06-01", 500);
  fx_release (store, "OIL-1", "2025-02-01", "e1", "oil_peanut", 100);
  zhongshan = fx_check (store, "zhongshan-2026", "2026-03-01");
  g_assert_cmpuint (fx_count (zhongshan, "release.replenish"), ==, 0);
  dongguan = fx_check (store, "dongguan-2025", "2026-03-01");
  g_assert_cmpint (fx_only (dongguan, "release.replenish")->severity, ==, GR_SEVERITY_VIOLATION);
}

/* 南昌 第四十六条 says 尽快补足: 12 months is our reading, and the message says so. */
static void
test_replenish_nanchang_reading (void)
{
  g_autoptr(GrStore) store = static_world ();
  g_autoptr(GPtrArray) findings = NULL;
  GrFinding *f;

  fx_release (store, "NC-1", "2026-02-01", "e1", "paddy_late_indica", 500);
  findings = fx_check (store, "nanchang-gxq-2022", "2026-03-01");
  f = fx_only (findings, "release.replenish");
  g_assert_cmpstr (f->due, ==, "2027-02-01");
  g_assert_cmpstr (f->article, ==, "第四十六条");
  fx_assert_has (f->message, "动用后12个月内补库");
}

/*
 * The queues of open rotate-outs the ledger keeps at each 1 January
 * (gr-rotation-state.h), from which the rules start instead of the
 * plan's whole rotation history.
 */

/* Rotations over three years on a static plan (东莞 第十七条 applies):
 * 2024-11-20 out 2,000 t, 2024-12-10 in 500 t, 2025-03-05 in 1,500 t;
 * 2025-11-20 out 2,000 t, 2025-12-15 out 1,000 t, 2026-02-10 in 2,500 t. */
static GrStore *
rotations_world (void)
{
  GrStore *store = static_world ();

  fx_lot (store, "n0", "b3", "p1", "2024-12-01");
  fx_move_id (store, "ro-1", "l1", "2024-11-20", "rotate_out", 2000);
  fx_move (store, "n0", "2024-12-10", "rotate_in", 500);
  fx_move (store, "n0", "2025-03-05", "rotate_in", 1500);
  fx_move_id (store, "ro-2", "l1", "2025-11-20", "rotate_out", 2000);
  fx_move_id (store, "ro-3", "l1", "2025-12-15", "rotate_out", 1000);
  fx_move (store, "n0", "2026-02-10", "rotate_in", 2500);
  fx_settle (store, TRUE);
  return store;
}

/* The queue stored for p1 at 1 January of year, as "id:quantity/remaining …" */
static char *
stored_queue (GrStore *store,
              int      year)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, "SELECT open FROM plan_rotation_state"
                                                          " WHERE plan = 'p1' AND year = ?1", NULL);
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GError) error = NULL;
  GString *text = g_string_new (NULL);

  sqlite3_bind_int (stmt, 1, year);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  queue = gr_rotation_state_parse ((const char *) sqlite3_column_text (stmt, 0), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < queue->len; i++)
    {
      const GrOpenRotation *open = queue->pdata[i];

      g_string_append_printf (text, "%s%s:%s:%s:%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                              i > 0 ? " " : "", open->id, open->lot, open->date,
                              open->quantity_kg / 1000, open->remaining_kg / 1000);
    }
  return g_string_free (text, FALSE);
}

static void
assert_queue (GrStore    *store,
              int         year,
              const char *expected)
{
  g_autofree char *queue = stored_queue (store, year);

  g_assert_cmpstr (queue, ==, expected);
}

/* First in, first out: the 500 t of December 2024 went to the 2,000 t of
 * November 2024; the 2,500 t of February 2026 close the November 2025
 * rotate-out and leave 500 t of the December one open. */
static void
test_queue_stored (void)
{
  g_autoptr(GrStore) store = rotations_world ();

  assert_queue (store, 2024, NULL);
  assert_queue (store, 2025, "ro-1:l1:2024-11-20:2000/1500");
  assert_queue (store, 2026, "ro-2:l1:2025-11-20:2000/2000 ro-3:l1:2025-12-15:1000/1000");
  assert_queue (store, 2027, "ro-3:l1:2025-12-15:1000/500");
  assert_queue (store, 2028, NULL);
}

static char *
findings_json (GrStore    *store,
               const char *as_of)
{
  g_autoptr(GPtrArray) findings = fx_check (store, "dongguan-2025", as_of);

  return gr_findings_to_json_string (findings, FALSE);
}

static char *
subsidy_json (GrStore *store,
              int      year)
{
  g_autoptr(GrProfile) profile = fx_profile ("dongguan-2025");
  g_autoptr(GrSubsidyStatement) statement = NULL;
  g_autoptr(GError) error = NULL;

  statement = gr_subsidy_compute (store, profile, year, 0, &error);
  g_assert_no_error (error);
  return gr_subsidy_to_json (statement);
}

/* Starting from a stored queue finds exactly what reading the whole
 * history finds, findings and the subsidy statement's unpaid vacancies
 * alike (东莞 第十七条; 第十八条 for the subsidy). */
static void
test_queue_same_findings (void)
{
  static const char * const days[] = { "2025-03-31", "2025-12-31", "2026-03-31", "2026-04-30", "2026-05-01",
                                       "2026-12-31", "2027-06-30", NULL };
  g_autoptr(GrStore) store = rotations_world ();
  g_autoptr(GPtrArray) with_queue = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) subsidies = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) findings = NULL;
  GrFinding *f;

  /* The December 2025 rotate-out: January to April, 500 t still open on
   * 30 April 2026; the day after, a violation. */
  findings = fx_check (store, "dongguan-2025", "2026-04-30");
  f = fx_only (findings, "rotation.vacancy");
  g_assert_cmpint (f->severity, ==, GR_SEVERITY_WARNING);
  g_assert_cmpstr (f->due, ==, "2026-04-30");
  fx_assert_has (f->message, "2025-12-15");
  fx_assert_has (f->message, "500");
  g_clear_pointer (&findings, g_ptr_array_unref);
  findings = fx_check (store, "dongguan-2025", "2026-05-01");
  g_assert_cmpint (fx_only (findings, "rotation.vacancy")->severity, ==, GR_SEVERITY_VIOLATION);

  for (guint i = 0; days[i] != NULL; i++)
    g_ptr_array_add (with_queue, findings_json (store, days[i]));
  for (int year = 2025; year <= 2026; year++)
    g_ptr_array_add (subsidies, subsidy_json (store, year));

  /* Without the queues the rules read every rotation. */
  fx_sql (store, "DELETE FROM plan_rotation_state");
  for (guint i = 0; days[i] != NULL; i++)
    {
      g_autofree char *whole = findings_json (store, days[i]);

      g_assert_cmpstr (with_queue->pdata[i], ==, whole);
    }
  for (int year = 2025; year <= 2026; year++)
    {
      g_autofree char *whole = subsidy_json (store, year);

      g_assert_cmpstr (subsidies->pdata[year - 2025], ==, whole);
    }
}

/* A rotation dated before a 1 January drops that year's queue and the
 * later ones; settling writes them again. A lot that changes plan drops
 * both plans' queues. */
static void
test_queue_kept_current (void)
{
  g_autoptr(GrStore) store = rotations_world ();

  fx_move_id (store, "ro-0", "l1", "2025-06-01", "rotate_out", 300);
  assert_queue (store, 2025, "ro-1:l1:2024-11-20:2000/1500");
  assert_queue (store, 2026, NULL);
  assert_queue (store, 2027, NULL);

  fx_settle (store, TRUE);
  assert_queue (store, 2026, "ro-0:l1:2025-06-01:300/300 ro-2:l1:2025-11-20:2000/2000 ro-3:l1:2025-12-15:1000/1000");
  assert_queue (store, 2027, "ro-3:l1:2025-12-15:1000/800");

  fx_plan (store, "p2", "e1", "paddy_late_indica", 5000, "static", "2024-01-01", NULL);
  fx_sql (store, "UPDATE lots SET plan = 'p2' WHERE id = 'n0'");
  assert_queue (store, 2025, NULL);
  assert_queue (store, 2027, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rules/rotation.vacancy/dongguan-17/four-months", test_dongguan_four_months);
  g_test_add_func ("/rules/rotation.vacancy/dongguan-17/rotate-out-on-31st", test_rotate_out_on_31st);
  g_test_add_func ("/rules/rotation.vacancy/dongguan-17/two-rotate-ins", test_closed_by_two_rotate_ins);
  g_test_add_func ("/rules/rotation.vacancy/dongguan-17/fifo", test_fifo_across_vacancies);
  g_test_add_func ("/rules/rotation.vacancy/dongguan-17/extension", test_extension_needs_approval);
  g_test_add_func ("/rules/rotation.vacancy/dongguan-17/static-only", test_dongguan_static_only);
  g_test_add_func ("/rules/rotation.vacancy/same-day-by-id", test_same_day_by_id);
  g_test_add_func ("/rules/rotation.vacancy/nanchang-38/five-months", test_nanchang_five_months);
  g_test_add_func ("/rules/rotation.vacancy/window", test_window);
  g_test_add_func ("/rules/rotation.vacancy/window-few-static-lots", test_window_few_static_lots);
  g_test_add_func ("/rules/rotation.vacancy/queue/stored", test_queue_stored);
  g_test_add_func ("/rules/rotation.vacancy/queue/same-findings", test_queue_same_findings);
  g_test_add_func ("/rules/rotation.vacancy/queue/kept-current", test_queue_kept_current);
  g_test_add_func ("/rules/release.replenish/dongguan-37/due", test_replenish_due);
  g_test_add_func ("/rules/release.replenish/dongguan-37/replenished-last-year", test_replenished_last_year);
  g_test_add_func ("/rules/release.replenish/zhongshan-27/leap-day", test_replenish_leap_day);
  g_test_add_func ("/rules/release.replenish/dongguan-37/two-orders-fifo", test_two_orders_share_replenishment);
  g_test_add_func ("/rules/release.replenish/matching", test_replenish_matching);
  g_test_add_func ("/rules/release.replenish/zhongshan-2/ignores-oil", test_replenish_zhongshan_ignores_oil);
  g_test_add_func ("/rules/release.replenish/nanchang-46/our-reading", test_replenish_nanchang_reading);

  return g_test_run ();
}
