/* test-timeline.c: the rotation timeline's data (gr-timeline.h)
 *
 * Limits: Dongguan 第十六条 (Guangdong limits, our reading: paddy and corn
 * 3 years, wheat 5, finished grain 1), Nanchang 第三十六条/第三十七条 (raw
 * grain 3 years and one year of permitted delay), Zhongshan 第十八条
 * (approved packaged finished grain in a low-temperature bin: shelf life
 * only). Vacancies: Dongguan 第十七条 (4 months from the month after the
 * rotate-out, +2 with approval). Releases: Dongguan 第三十七条 (12 months).
 * The vacancies and orders are checked against the engine's own findings
 * on the same ledger.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "gr-error.h"
#include "gr-movement-allocation.h"
#include "gr-timeline.h"
#include "rules-fixture.h"

static GrTimeline *
load (GrStore    *store,
      const char *profile_id,
      const char *as_of)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrProfile) profile = fx_profile (profile_id);
  GrTimeline *timeline;

  fx_settle (store, TRUE);
  timeline = gr_timeline_load (store, profile, as_of, &error);
  g_assert_no_error (error);
  g_assert_nonnull (timeline);
  return timeline;
}

static GrTimelineLot *
lot_of (GrTimeline *timeline,
        const char *id)
{
  GrTimelineLot *lot = gr_timeline_find_lot (timeline, id);

  g_assert_nonnull (lot);
  return lot;
}

static void
assert_day (GrTimelineDay  day,
            const char    *iso)
{
  g_autofree char *text = gr_timeline_day_to_iso (day);

  g_assert_cmpstr (text, ==, iso);
}

/* 东莞 第十六条 (our reading of the Guangdong limits): the entry month is
 * the first of the 36 (当月起算). */
static void
test_life_classes (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrTimeline) timeline = NULL;
  GrTimelineLot *lot;

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "static", "2020-01-01", NULL);
  fx_plan (store, "pc", "e1", "corn", 10000, "static", "2020-01-01", NULL);
  fx_plan (store, "pw", "e1", "wheat", 10000, "static", "2020-01-01", NULL);
  fx_stocked_lot (store, "over", "b1", "p1", "2023-11-15", 1000);   /* limit 2026-10-31 */
  fx_stocked_lot (store, "now", "b2", "pc", "2023-12-05", 1000);    /* limit 2026-11-30 */
  fx_stocked_lot (store, "next", "b3", "p1", "2024-06-01", 1000);   /* limit 2027-05-31 */
  fx_stocked_lot (store, "later", "b4", "pw", "2024-06-01", 1000);  /* 5 years: 2029-05-31 */
  fx_stocked_lot (store, "gone", "b4", "p1", "2022-01-10", 500);
  fx_move (store, "gone", "2024-08-20", "loss", 500);
  timeline = load (store, "dongguan-2025", "2026-11-25");

  lot = lot_of (timeline, "over");
  assert_day (lot->limit_on, "2026-10-31");
  g_assert_cmpuint (lot->delay_on, ==, GR_TIMELINE_NO_DAY);
  g_assert_cmpint (lot->limit_years, ==, 3);
  g_assert_cmpint (lot->life, ==, GR_LIFE_OVERDUE);
  g_assert_true (lot->attention);
  g_assert_cmpint (lot->balance_kg, ==, 1000000);
  g_assert_cmpstr (lot->depot_name, ==, "城南库");
  g_assert_cmpstr (lot->bin_code, ==, "P01");

  lot = lot_of (timeline, "now");
  assert_day (lot->limit_on, "2026-11-30");
  assert_day (lot->rotate_by, "2026-11-30");
  g_assert_cmpint (lot->life, ==, GR_LIFE_THIS_YEAR);
  g_assert_true (lot->attention);

  lot = lot_of (timeline, "next");
  assert_day (lot->limit_on, "2027-05-31");
  g_assert_cmpint (lot->life, ==, GR_LIFE_NEXT_YEAR);
  /* Age 30 months: the engine's warning starts past 36 − 6 (DESIGN.md §4
   * age.limit horizon), so not yet. */
  g_assert_false (lot->attention);

  lot = lot_of (timeline, "later");
  assert_day (lot->limit_on, "2029-05-31");
  g_assert_cmpint (lot->life, ==, GR_LIFE_LATER);
  g_assert_false (lot->attention);

  lot = lot_of (timeline, "gone");
  g_assert_cmpint (lot->life, ==, GR_LIFE_EMPTY);
  assert_day (lot->emptied_on, "2024-08-20");
  assert_day (lot->entered_on, "2022-01-10");
  g_assert_false (lot->current);
}

/* 南昌 第三十六条、第三十七条: three years and one of permitted delay:
 * delayed in the fourth year, overdue after it. */
static void
test_nanchang_delay (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrTimeline) in_delay = NULL;
  g_autoptr(GrTimeline) after = NULL;
  GrTimelineLot *lot;

  fx_plan (store, "p1", "e1", "paddy_early_indica", 10000, "static", "2020-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2022-10-12", 2000);
  in_delay = load (store, "nanchang-gxq-2022", "2026-03-01");
  lot = lot_of (in_delay, "l1");
  assert_day (lot->limit_on, "2025-09-30");
  assert_day (lot->delay_on, "2026-09-30");
  g_assert_cmpint (lot->delay_years, ==, 1);
  g_assert_cmpint (lot->life, ==, GR_LIFE_DELAYED);

  after = load (store, "nanchang-gxq-2022", "2026-10-01");
  g_assert_cmpint (lot_of (after, "l1")->life, ==, GR_LIFE_OVERDUE);
}

/* Shelf life: rotate by the day before expiry when that comes first;
 * 中山 第十八条: approved packaged rice in a low-temperature bin has no
 * storage-year limit, only its shelf life. */
static void
test_shelf_life (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrTimeline) timeline = NULL;
  g_autoptr(GrTimeline) expired = NULL;
  GrTimelineLot *lot;

  fx_plan (store, "pr", "e1", "rice", 1000, "autonomous", "2024-01-01", NULL);
  fx_stocked_lot (store, "r1", "b1", "pr", "2026-03-10", 100);
  fx_stocked_lot (store, "r2", "bl", "pr", "2026-03-10", 100);
  fx_sql (store, "UPDATE lots SET produced_on = '2026-03-01', shelf_life_days = 180 WHERE id IN ('r1', 'r2')");
  fx_sql (store, "UPDATE lots SET packaged = 1, delay_approved = 1 WHERE id = 'r2'");
  timeline = load (store, "zhongshan-2026", "2026-06-01");

  lot = lot_of (timeline, "r1");
  assert_day (lot->limit_on, "2027-02-28");     /* 1 year from March 2026 */
  assert_day (lot->expiry_on, "2026-08-28");    /* 2026-03-01 + 180 days */
  assert_day (lot->rotate_by, "2026-08-27");
  g_assert_cmpint (lot->life, ==, GR_LIFE_THIS_YEAR);

  lot = lot_of (timeline, "r2");
  g_assert_cmpuint (lot->limit_on, ==, GR_TIMELINE_NO_DAY);
  assert_day (lot->rotate_by, "2026-08-27");

  expired = load (store, "zhongshan-2026", "2026-08-28");
  g_assert_cmpint (lot_of (expired, "r1")->life, ==, GR_LIFE_OVERDUE);
}

/* 东莞 第十七条: rotate-ins fill the oldest vacancy first; the timeline's
 * vacancies are the engine's, with the parts that filled them. */
static void
test_vacancies_fifo (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrTimeline) timeline = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) with_closed = NULL;
  GrTimelineVacancy *first, *second;
  const GrTimelineFill *fill;
  GrTimelineLot *old;

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "static", "2024-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2024-11-01", 8000);
  fx_lot (store, "n1", "b2", "p1", "2026-06-15");
  fx_move (store, "l1", "2026-01-10", "rotate_out", 1000);   /* deadline 31 May */
  fx_move (store, "l1", "2026-03-10", "rotate_out", 1000);   /* deadline 31 July */
  fx_move (store, "n1", "2026-06-15", "rotate_in", 1500);
  timeline = load (store, "dongguan-2025", "2026-06-30");
  findings = fx_check (store, "dongguan-2025", "2026-06-30");

  g_assert_cmpuint (gr_timeline_get_vacancies (timeline)->len, ==, 2);
  first = gr_timeline_get_vacancies (timeline)->pdata[0];
  second = gr_timeline_get_vacancies (timeline)->pdata[1];
  assert_day (first->out_day, "2026-01-10");
  assert_day (first->start, "2026-02-01");
  assert_day (first->deadline, "2026-05-31");
  assert_day (first->closed, "2026-06-15");
  g_assert_true (first->late);
  g_assert_cmpint (first->months, ==, 4);
  g_assert_cmpint (first->remaining_kg, ==, 0);
  g_assert_cmpuint (first->n_fills, ==, 1);
  fill = &first->fills[0];
  g_assert_cmpstr (fill->lot->id, ==, "n1");
  g_assert_cmpint (fill->quantity_kg, ==, 1000000);
  assert_day (fill->day, "2026-06-15");

  assert_day (second->deadline, "2026-07-31");
  g_assert_cmpuint (second->closed, ==, GR_TIMELINE_NO_DAY);
  g_assert_false (second->late);
  g_assert_cmpint (second->remaining_kg, ==, 500000);
  g_assert_cmpuint (second->n_fills, ==, 1);
  g_assert_cmpint (second->fills[0].quantity_kg, ==, 500000);

  /* The engine says the same: one violation due 31 May, one warning due 31 July. */
  g_assert_cmpuint (fx_count (findings, "rotation.vacancy"), ==, 2);
  for (guint i = 0; i < findings->len; i++)
    {
      GrFinding *f = findings->pdata[i];

      if (!g_str_equal (f->rule, "rotation.vacancy"))
        continue;
      if (f->severity == GR_SEVERITY_VIOLATION)
        g_assert_cmpstr (f->due, ==, "2026-05-31");
      else
        g_assert_cmpstr (f->due, ==, "2026-07-31");
    }

  old = lot_of (timeline, "l1");
  g_assert_cmpuint (old->n_vacancies, ==, 2);
  g_assert_true (old->attention);

  open = gr_timeline_select_vacancies (timeline, NULL, GR_TIMELINE_NO_DAY);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_true (open->pdata[0] == second);
  with_closed = gr_timeline_select_vacancies (timeline, NULL, gr_timeline_day_parse ("2026-01-01"));
  g_assert_cmpuint (with_closed->len, ==, 2);
  g_assert_true (with_closed->pdata[0] == second);
}

/* 东莞 第十七条: an approved extension adds 2 months; the plan's items
 * are on their lots' rows. */
static void
test_extension_and_items (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrTimeline) timeline = NULL;
  GrTimelineVacancy *v;
  GrTimelineItem *item;
  GrTimelineLot *lot;

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "static", "2024-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2024-11-01", 8000);
  fx_sql (store, "INSERT INTO rotation_plans (id, enterprise, year, state, submitted_on) VALUES ('rp', 'e1', 2026, 'approved', '2025-12-20')");
  fx_sql (store, "INSERT INTO rotation_plan_items (parent, seq, lot, quantity_kg, out_month, in_month, reason, vacancy_extension_approved)"
                 " VALUES ('rp', 0, 'l1', 2000000, '2026-01', '2026-07', '到期轮换', 1)");
  fx_move (store, "l1", "2026-01-20", "rotate_out", 2000);
  timeline = load (store, "dongguan-2025", "2026-06-30");

  v = gr_timeline_get_vacancies (timeline)->pdata[0];
  assert_day (v->deadline, "2026-07-31");    /* Feb–May + 2 → 31 July */
  g_assert_cmpint (v->months, ==, 6);
  g_assert_true (v->extended);
  g_assert_false (v->late);

  lot = lot_of (timeline, "l1");
  g_assert_cmpuint (lot->n_items, ==, 1);
  item = lot->items[0];
  g_assert_cmpint (item->out_month, ==, 2026 * 12 + 0);
  g_assert_cmpint (item->in_month, ==, 2026 * 12 + 6);
  g_assert_cmpint (item->quantity_kg, ==, 2000000);
  g_assert_cmpstr (item->state, ==, "approved");
  g_assert_cmpstr (item->reason, ==, "到期轮换");
  g_assert_true (item->extension_approved);
  g_assert_cmpint (item->year, ==, 2026);
}

/* 东莞 第三十七条: replenishments go to the orders first-in-first-out;
 * an order is due 12 months after its date. */
static void
test_release_orders (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrTimeline) timeline = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) open = NULL;
  GrTimelineOrder *first, *second;

  fx_plan (store, "pr", "e1", "rice", 5000, "static", "2024-01-01", NULL);
  fx_stocked_lot (store, "r1", "b1", "pr", "2024-12-01", 3000);
  fx_lot (store, "r2", "b2", "pr", "2025-06-01");
  fx_lot (store, "r3", "b3", "pr", "2025-08-01");
  fx_release (store, "o1", "2025-03-01", "e1", "rice", 1000);
  fx_release (store, "o2", "2025-05-01", "e1", "rice", 800);
  fx_move (store, "r1", "2025-03-03", "release", 1000);
  fx_move (store, "r1", "2025-05-02", "release", 800);
  fx_move (store, "r2", "2025-06-01", "replenish", 600);
  fx_move (store, "r3", "2025-08-01", "replenish", 700);
  timeline = load (store, "dongguan-2025", "2026-06-30");
  findings = fx_check (store, "dongguan-2025", "2026-06-30");

  g_assert_cmpuint (gr_timeline_get_orders (timeline)->len, ==, 2);
  first = gr_timeline_get_orders (timeline)->pdata[0];
  second = gr_timeline_get_orders (timeline)->pdata[1];
  g_assert_cmpstr (first->id, ==, "o1");
  assert_day (first->due, "2026-03-01");
  assert_day (first->completed, "2025-08-01");
  g_assert_cmpint (first->replenished_kg, ==, 1000000);
  g_assert_false (first->late);
  g_assert_cmpuint (first->n_fills, ==, 2);
  g_assert_cmpstr (first->fills[0].lot->id, ==, "r2");
  g_assert_cmpint (first->fills[0].quantity_kg, ==, 600000);
  g_assert_cmpstr (first->fills[1].lot->id, ==, "r3");
  g_assert_cmpint (first->fills[1].quantity_kg, ==, 400000);
  g_assert_cmpuint (first->n_releases, ==, 1);
  g_assert_cmpint (first->releases[0].quantity_kg, ==, 1000000);

  /* The second order got the rest of r3's 700 t: 300 of 800, short past 2026-05-01. */
  assert_day (second->due, "2026-05-01");
  g_assert_cmpuint (second->completed, ==, GR_TIMELINE_NO_DAY);
  g_assert_cmpint (second->replenished_kg, ==, 300000);
  g_assert_true (second->late);
  g_assert_cmpuint (second->n_releases, ==, 1);
  g_assert_cmpstr (fx_only (findings, "release.replenish")->subject_id, ==, "o2");
  g_assert_cmpint (fx_only (findings, "release.replenish")->severity, ==, GR_SEVERITY_VIOLATION);

  open = gr_timeline_select_orders (timeline, NULL, GR_TIMELINE_NO_DAY);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_true (open->pdata[0] == second);
  g_assert_true (lot_of (timeline, "r1")->attention);
  g_assert_cmpuint (lot_of (timeline, "r3")->n_orders, ==, 2);
}

static void
test_grouping (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrTimeline) timeline = NULL;
  g_autoptr(GPtrArray) by_place = NULL;
  g_autoptr(GPtrArray) by_plan = NULL;
  g_autoptr(GPtrArray) attention = NULL;
  g_autoptr(GPtrArray) all = NULL;
  GrTimelineFilter filter = { 0 };
  GrTimelineGroup *depot, *bin, *plan;

  fx_sql (store, "INSERT INTO bins (id, depot, code) VALUES ('b10', 'd1', 'P10'), ('b9', 'd1', 'P9')");
  fx_sql (store, "INSERT INTO depots (id, enterprise, code, name) VALUES ('d2', 'e1', 'BJ', '北郊库')");
  fx_sql (store, "INSERT INTO bins (id, depot, code) VALUES ('x1', 'd2', 'A1')");
  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "static", "2020-01-01", NULL);
  fx_plan (store, "pw", "e1", "wheat", 10000, "static", "2020-01-01", NULL);
  fx_stocked_lot (store, "a", "b10", "p1", "2025-10-01", 100);
  fx_stocked_lot (store, "b", "b9", "p1", "2025-11-01", 100);
  fx_stocked_lot (store, "c", "b9", "pw", "2024-01-01", 100);
  fx_stocked_lot (store, "d", "x1", "p1", "2023-11-01", 100);   /* overdue on 2026-11-25 */
  fx_stocked_lot (store, "e", "x1", "p1", "2020-01-01", 100);
  fx_move (store, "e", "2021-05-01", "loss", 100);              /* emptied, nothing open */
  timeline = load (store, "dongguan-2025", "2026-11-25");

  by_place = gr_timeline_group (timeline, &filter, GR_TIMELINE_BY_PLACE);
  g_assert_cmpuint (by_place->len, ==, 2);
  /* 北郊库 holds the overdue lot: it comes first. */
  g_assert_cmpstr (((GrTimelineGroup *) by_place->pdata[0])->id, ==, "d2");
  g_assert_cmpuint (((GrTimelineGroup *) by_place->pdata[0])->n_life[GR_LIFE_OVERDUE], ==, 1);
  /* Depots by name in the locale's collation; both are shown. */
  depot = NULL;
  for (guint i = 0; i < by_place->len; i++)
    if (g_str_equal (((GrTimelineGroup *) by_place->pdata[i])->id, "d1"))
      depot = by_place->pdata[i];
  g_assert_nonnull (depot);
  g_assert_cmpint (depot->kind, ==, GR_TIMELINE_GROUP_DEPOT);
  g_assert_cmpuint (depot->n_lots, ==, 3);
  g_assert_cmpuint (depot->groups->len, ==, 2);
  /* Bins by code with numbers in order: P9 before P10. */
  bin = depot->groups->pdata[0];
  g_assert_cmpstr (bin->name, ==, "P9");
  g_assert_cmpint (bin->kind, ==, GR_TIMELINE_GROUP_BIN);
  g_assert_cmpuint (bin->lots->len, ==, 2);
  /* Lots by entry date. */
  g_assert_cmpstr (((GrTimelineLot *) bin->lots->pdata[0])->id, ==, "c");
  g_assert_cmpstr (((GrTimelineLot *) bin->lots->pdata[1])->id, ==, "b");
  g_assert_cmpstr (((GrTimelineGroup *) depot->groups->pdata[1])->name, ==, "P10");

  by_plan = gr_timeline_group (timeline, &filter, GR_TIMELINE_BY_PLAN);
  g_assert_cmpuint (by_plan->len, ==, 1);
  g_assert_cmpint (((GrTimelineGroup *) by_plan->pdata[0])->kind, ==, GR_TIMELINE_GROUP_ENTERPRISE);
  g_assert_cmpuint (((GrTimelineGroup *) by_plan->pdata[0])->groups->len, ==, 2);
  /* Paddy before wheat (variety order), lots by rotate-by date. */
  plan = ((GrTimelineGroup *) by_plan->pdata[0])->groups->pdata[0];
  g_assert_cmpstr (plan->id, ==, "p1");
  g_assert_cmpint (plan->kind, ==, GR_TIMELINE_GROUP_PLAN);
  g_assert_cmpuint (plan->lots->len, ==, 3);
  g_assert_cmpstr (((GrTimelineLot *) plan->lots->pdata[0])->id, ==, "d");
  g_assert_cmpuint (plan->n_life[GR_LIFE_OVERDUE], ==, 1);

  filter.attention = TRUE;
  attention = gr_timeline_group (timeline, &filter, GR_TIMELINE_BY_PLACE);
  g_assert_cmpuint (attention->len, ==, 1);
  g_assert_cmpstr (((GrTimelineGroup *) attention->pdata[0])->id, ==, "d2");
  g_assert_cmpuint (((GrTimelineGroup *) attention->pdata[0])->n_lots, ==, 1);

  filter.attention = FALSE;
  filter.include_empty = TRUE;
  filter.variety = "paddy_late_indica";
  all = gr_timeline_group (timeline, &filter, GR_TIMELINE_BY_PLAN);
  plan = ((GrTimelineGroup *) all->pdata[0])->groups->pdata[0];
  g_assert_cmpuint (((GrTimelineGroup *) all->pdata[0])->groups->len, ==, 1);
  g_assert_cmpuint (plan->n_lots, ==, 4);
  g_assert_cmpuint (plan->n_life[GR_LIFE_EMPTY], ==, 1);
}

/* The movement dialog's preview (东莞 第十七条): a rotate-in of 1,500 t
 * closes the oldest vacancy (1,000 t) and puts 500 t towards the next. */
static void
test_preview_rotate_in (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrProfile) profile = fx_profile ("dongguan-2025");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) preview = NULL;
  g_autoptr(GPtrArray) none = NULL;
  GrMovementAllocation *a;

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "static", "2024-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2024-11-01", 8000);
  fx_lot (store, "n1", "b2", "p1", "2026-06-15");
  fx_move (store, "l1", "2026-01-10", "rotate_out", 1000);   /* deadline 31 May */
  fx_move (store, "l1", "2026-03-10", "rotate_out", 1000);   /* deadline 31 July */
  fx_settle (store, TRUE);

  preview = gr_movement_allocation_preview (store, profile, "n1", "rotate_in", "2026-04-20", 1500000,
                                            "2026-06-30", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->len, ==, 2);
  a = preview->pdata[0];
  g_assert_true (a->vacancy);
  g_assert_cmpstr (a->lot, ==, "l1");
  g_assert_cmpstr (a->opened_on, ==, "2026-01-10");
  g_assert_cmpstr (a->deadline, ==, "2026-05-31");
  g_assert_cmpint (a->quantity_kg, ==, 1000000);
  g_assert_cmpint (a->left_kg, ==, 0);
  g_assert_nonnull (strstr (a->message, "will close the vacancy"));
  a = preview->pdata[1];
  g_assert_cmpstr (a->opened_on, ==, "2026-03-10");
  g_assert_cmpstr (a->deadline, ==, "2026-07-31");
  g_assert_cmpint (a->quantity_kg, ==, 500000);
  g_assert_cmpint (a->left_kg, ==, 500000);
  g_assert_nonnull (strstr (a->message, "500 t will still be missing"));

  /* An intake answers nothing; nor does a rotate-in where the vacancy
   * rule does not reach (Zhongshan has none). */
  none = gr_movement_allocation_preview (store, profile, "n1", "intake", "2026-04-20", 1500000, "2026-06-30", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
}

/* 东莞 第三十七条: a replenishment goes to the oldest order still short. */
static void
test_preview_replenish (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrProfile) profile = fx_profile ("dongguan-2025");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) preview = NULL;
  GrMovementAllocation *a;

  fx_plan (store, "pr", "e1", "rice", 5000, "static", "2024-01-01", NULL);
  fx_stocked_lot (store, "r1", "b1", "pr", "2024-12-01", 3000);
  fx_lot (store, "r2", "b2", "pr", "2025-06-01");
  fx_release (store, "o1", "2025-03-01", "e1", "rice", 1000);
  fx_release (store, "o2", "2025-05-01", "e1", "rice", 800);
  fx_move (store, "r1", "2025-03-03", "release", 1000);
  fx_move (store, "r1", "2025-05-02", "release", 800);
  fx_move (store, "r2", "2025-06-01", "replenish", 600);
  fx_settle (store, TRUE);

  preview = gr_movement_allocation_preview (store, profile, "r2", "replenish", "2025-07-01", 700000,
                                            "2025-07-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->len, ==, 2);
  a = preview->pdata[0];
  g_assert_false (a->vacancy);
  g_assert_cmpstr (a->order_no, ==, "o1");
  g_assert_cmpstr (a->deadline, ==, "2026-03-01");
  g_assert_cmpint (a->quantity_kg, ==, 400000);
  g_assert_cmpint (a->left_kg, ==, 0);
  a = preview->pdata[1];
  g_assert_cmpstr (a->order_no, ==, "o2");
  g_assert_cmpint (a->quantity_kg, ==, 300000);
  g_assert_cmpint (a->left_kg, ==, 500000);
}

static void
test_bad_date (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrProfile) profile = fx_profile ("dongguan-2025");
  g_autoptr(GError) error = NULL;
  g_autoptr(GrTimeline) timeline = gr_timeline_load (store, profile, "2026-02-30", &error);

  g_assert_null (timeline);
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/timeline/life-classes/dongguan-16", test_life_classes);
  g_test_add_func ("/timeline/life-classes/nanchang-36-37-delay", test_nanchang_delay);
  g_test_add_func ("/timeline/shelf-life/zhongshan-18", test_shelf_life);
  g_test_add_func ("/timeline/vacancies/dongguan-17-fifo", test_vacancies_fifo);
  g_test_add_func ("/timeline/vacancies/dongguan-17-extension", test_extension_and_items);
  g_test_add_func ("/timeline/releases/dongguan-37-fifo", test_release_orders);
  g_test_add_func ("/timeline/grouping", test_grouping);
  g_test_add_func ("/timeline/bad-date", test_bad_date);
  g_test_add_func ("/movement-allocation/dongguan-17-rotate-in", test_preview_rotate_in);
  g_test_add_func ("/movement-allocation/dongguan-37-replenish", test_preview_replenish);
  return g_test_run ();
}
