/* test-projection.c: month-by-month stock under rotation items against
 * hand-computed numbers (DESIGN.md §7, the `plan` projection convention)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "gr-error.h"
#include "gr-projection.h"
#include "rules-fixture.h"

#define M(y, m) GR_MONTH_INDEX (y, m)
#define T(t)    ((gint64) (t) * 1000)

static GPtrArray *
new_items (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) gr_rotation_item_free);
}

static const GrProjectionMonth *
month_of (GArray     *months,
          const char *plan,
          const char *enterprise,
          int         month)
{
  for (guint i = 0; i < months->len; i++)
    {
      const GrProjectionMonth *m = &g_array_index (months, GrProjectionMonth, i);

      if (g_strcmp0 (m->plan, plan) == 0 && g_strcmp0 (m->enterprise, enterprise) == 0 && m->month == month)
        return m;
    }
  g_error ("no projection month %d for %s/%s", month, enterprise, plan ? plan : "-");
  return NULL;
}

static GrProjection *
load (GrStore    *store,
      const char *profile_id,
      int         year,
      const char *enterprise)
{
  g_autoptr(GrProfile) profile = fx_profile (profile_id);
  g_autoptr(GError) error = NULL;
  GrProjection *projection = gr_projection_new (store, profile, year, enterprise, &error);

  g_assert_no_error (error);
  g_assert_nonnull (projection);
  return projection;
}

/* Nanchang (第三十八条: per plan, at any time; raw 70 %, finished 100 %).
 * Plan p1 paddy 1,000 t: l1 600 t, l2 400 t. Plan p5 rice 100 t: r5.
 *   item A: l1 300 t out 03, in 05 (a vacancy);
 *   item B: l2 100 t out 06, in 06 (inside one month);
 *   item C: l2  50 t out 04, in 04;
 *   item D: r5  40 t in 02, out 04 (先入后出).
 * During m = 1,000 − Σ out ≤ m + Σ in < m:
 *   01 1,000  02 1,000  03 700 (A)  04 650 (A, C)  05 700 (A back only at
 *   the end)  06 900 (B)  07 1,000.
 * End of m = during + in = m:
 *   03 700  04 700 (C back)  05 1,000  06 1,000.
 * p5 during: 02 100 (D in at the end of 02), 03 140, 04 100; ends: 02 140,
 * 03 140, 04 100. */
static void
test_any_time_per_plan (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrProjection) projection = NULL;
  g_autoptr(GPtrArray) items = new_items ();
  g_autoptr(GArray) months = NULL;
  const GrProjectionMonth *m;
  const char *plan = NULL, *enterprise = NULL;
  gint64 opening = 0;

  fx_plan (store, "p1", "e1", "paddy_late_indica", 1000, "static", "2020-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2024-10-04", 600);
  fx_stocked_lot (store, "l2", "b2", "p1", "2025-11-02", 400);
  fx_plan (store, "p5", "e1", "rice", 100, "dynamic", "2020-01-01", NULL);
  fx_stocked_lot (store, "r5", "b3", "p5", "2026-09-01", 100);
  fx_settle (store, TRUE);

  projection = load (store, "nanchang-gxq-2022", 2027, NULL);
  g_assert_true (gr_projection_any_time (projection));
  g_assert_false (gr_projection_enterprise_scope (projection));
  g_assert_cmpint (gr_projection_get_year (projection), ==, 2027);
  g_assert_true (gr_projection_lookup_lot (projection, "l1", &opening, &plan, &enterprise));
  g_assert_cmpint (opening, ==, T (600));
  g_assert_cmpstr (plan, ==, "p1");
  g_assert_cmpstr (enterprise, ==, "e1");
  g_assert_false (gr_projection_lookup_lot (projection, "nope", NULL, NULL, NULL));

  g_ptr_array_add (items, gr_rotation_item_new ("l1", T (300), M (2027, 3), M (2027, 5), NULL));
  g_ptr_array_add (items, gr_rotation_item_new ("l2", T (100), M (2027, 6), M (2027, 6), NULL));
  g_ptr_array_add (items, gr_rotation_item_new ("l2", T (50), M (2027, 4), M (2027, 4), NULL));
  g_ptr_array_add (items, gr_rotation_item_new ("r5", T (40), M (2027, 4), M (2027, 2), NULL));
  /* A lot the projection does not know changes nothing. */
  g_ptr_array_add (items, gr_rotation_item_new ("nope", T (999), M (2027, 1), M (2027, 1), NULL));
  months = gr_projection_run (projection, items);
  g_assert_cmpint (months->len, ==, 24);

  {
    static const gint64 during[12] = { 1000, 1000, 700, 650, 700, 900, 1000, 1000, 1000, 1000, 1000, 1000 };
    static const gint64 end[12] = { 1000, 1000, 700, 700, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000 };

    for (int i = 0; i < 12; i++)
      {
        m = month_of (months, "p1", "e1", M (2027, i + 1));
        g_assert_cmpint (m->during_kg, ==, T (during[i]));
        g_assert_cmpint (m->end_kg, ==, T (end[i]));
        /* Any time: the stock during the month is what is checked. */
        g_assert_cmpint (m->stock_kg, ==, T (during[i]));
        g_assert_cmpint (m->plan_kg, ==, T (1000));
        g_assert_cmpint (m->required_kg100, ==, T (1000) * 70);
        g_assert_true (m->checked);
        /* 南昌 第三十八条: raw grain not below 70 %: only April (65 %). */
        g_assert_cmpint (m->below, ==, i == 3);
      }
  }
  m = month_of (months, "p1", "e1", M (2027, 4));
  g_assert_cmpfloat_with_epsilon (m->ratio, 0.65, 1e-9);

  {
    static const gint64 during[12] = { 100, 100, 140, 100, 100, 100, 100, 100, 100, 100, 100, 100 };
    static const gint64 end[12] = { 100, 140, 140, 100, 100, 100, 100, 100, 100, 100, 100, 100 };

    for (int i = 0; i < 12; i++)
      {
        m = month_of (months, "p5", "e1", M (2027, i + 1));
        g_assert_cmpint (m->during_kg, ==, T (during[i]));
        g_assert_cmpint (m->end_kg, ==, T (end[i]));
        /* 第三十八条: finished grain 100 %; rotating in first never dips. */
        g_assert_cmpint (m->required_kg100, ==, T (100) * 100);
        g_assert_false (m->below);
      }
  }

  /* No items: the balances at the start of the year, all year. */
  g_clear_pointer (&months, g_array_unref);
  months = gr_projection_run (projection, NULL);
  m = month_of (months, "p1", "e1", M (2027, 12));
  g_assert_cmpint (m->stock_kg, ==, T (1000));
  g_assert_cmpfloat_with_epsilon (m->ratio, 1.0, 1e-9);
}

/* Dongguan (第十五条: 70 % of the enterprise's 储备规模 at every month end).
 * e1: p1 paddy 1,000 t (l1 600, l2 400) all year; p2 rice 200 t (r2 200)
 * valid to 2027-06-30; p3 corn 500 t (c3 300) to be filled by 2027-04-15.
 * e2 (an agent): p4 wheat 100 t (w4 100), its own series.
 *   item A: l1 600 t out 02, in 05 (ends of 02–04: −600);
 *   item B: r2 200 t out 06, in 06 (no month-end dip);
 *   item C: c3 100 t out 09, in 10 (end of 09: −100).
 * Enterprise e1 at the end of m (plans active then):
 *   01: 1,000 + 200 = 1,200 of 1,200 (p3 not filled yet)  →  100 %
 *   02: 400 + 200 = 600 of 1,200 = 50 % (below 70 %)
 *   04: 400 + 200 + 300 = 900 of 1,700 (p3 from 04-15) = 52.9 % (below)
 *   05: 1,000 + 200 + 300 = 1,500 of 1,700 = 88.2 %
 *   06: p2 ends 06-30, still active at that month end: 1,500 of 1,700
 *   07: 1,000 + 300 = 1,300 of 1,500 = 86.7 %
 *   09: 1,000 + 200 = 1,200 of 1,500 = 80 %. */
static void
test_month_end_enterprise (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrProjection) projection = NULL;
  g_autoptr(GPtrArray) items = new_items ();
  g_autoptr(GArray) months = NULL;
  const GrProjectionMonth *m;

  fx_enterprise (store, "e2", "agent");
  fx_plan (store, "p1", "e1", "paddy_late_indica", 1000, "static", "2020-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2024-10-04", 600);
  fx_stocked_lot (store, "l2", "b2", "p1", "2025-11-02", 400);
  fx_plan (store, "p2", "e1", "rice", 200, "static", "2020-01-01", "2027-06-30");
  fx_stocked_lot (store, "r2", "b3", "p2", "2026-08-01", 200);
  fx_plan (store, "p3", "e1", "corn", 500, "static", "2026-10-01", NULL);
  fx_sql (store, "UPDATE plans SET fill_by = '2027-04-15' WHERE id = 'p3'");
  fx_stocked_lot (store, "c3", "b4", "p3", "2026-11-01", 300);
  fx_plan (store, "p4", "e2", "wheat", 100, "autonomous", "2020-01-01", NULL);
  fx_stocked_lot (store, "w4", "bl", "p4", "2025-07-01", 100);
  /* A plan that ended before the year is left out. */
  fx_plan (store, "p0", "e1", "soybean", 50, "static", "2015-01-01", "2026-12-31");
  fx_settle (store, TRUE);

  projection = load (store, "dongguan-2025", 2027, NULL);
  g_assert_false (gr_projection_any_time (projection));
  g_assert_true (gr_projection_enterprise_scope (projection));

  g_ptr_array_add (items, gr_rotation_item_new ("l1", T (600), M (2027, 2), M (2027, 5), NULL));
  g_ptr_array_add (items, gr_rotation_item_new ("r2", T (200), M (2027, 6), M (2027, 6), NULL));
  g_ptr_array_add (items, gr_rotation_item_new ("c3", T (100), M (2027, 9), M (2027, 10), NULL));
  months = gr_projection_run (projection, items);
  /* One series per enterprise, by id. */
  g_assert_cmpint (months->len, ==, 24);
  g_assert_cmpstr (g_array_index (months, GrProjectionMonth, 0).enterprise, ==, "e1");
  g_assert_null (g_array_index (months, GrProjectionMonth, 0).plan);
  g_assert_cmpstr (g_array_index (months, GrProjectionMonth, 12).enterprise, ==, "e2");

  {
    static const gint64 stock[12] = { 1200, 600, 600, 900, 1500, 1500, 1300, 1300, 1200, 1300, 1300, 1300 };
    static const gint64 plan[12] = { 1200, 1200, 1200, 1700, 1700, 1700, 1500, 1500, 1500, 1500, 1500, 1500 };

    for (int i = 0; i < 12; i++)
      {
        m = month_of (months, NULL, "e1", M (2027, i + 1));
        g_assert_cmpint (m->stock_kg, ==, T (stock[i]));
        g_assert_cmpint (m->end_kg, ==, T (stock[i]));
        g_assert_cmpint (m->plan_kg, ==, T (plan[i]));
        g_assert_cmpint (m->required_kg100, ==, T (plan[i]) * 70);
        g_assert_cmpint (m->below, ==, stock[i] * 100 < plan[i] * 70);
      }
  }
  /* 02–04 below 70 %, no other month. */
  g_assert_true (month_of (months, NULL, "e1", M (2027, 2))->below);
  g_assert_true (month_of (months, NULL, "e1", M (2027, 4))->below);
  g_assert_false (month_of (months, NULL, "e1", M (2027, 5))->below);
  g_assert_cmpfloat_with_epsilon (month_of (months, NULL, "e1", M (2027, 9))->ratio, 0.8, 1e-9);

  m = month_of (months, NULL, "e2", M (2027, 6));
  g_assert_cmpint (m->stock_kg, ==, T (100));
  g_assert_cmpint (m->plan_kg, ==, T (100));

  /* One enterprise only. */
  {
    g_autoptr(GrProjection) one = load (store, "dongguan-2025", 2027, "e2");
    g_autoptr(GArray) only = gr_projection_run (one, items);

    g_assert_cmpint (only->len, ==, 12);
    g_assert_cmpstr (g_array_index (only, GrProjectionMonth, 0).enterprise, ==, "e2");
  }
}

/* The projection starts from the balance at 1 January: a movement dated
 * in the year is not counted as done before it. Zhongshan leaves oil out
 * (第二条). */
static void
test_opening_balance (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrProjection) projection = NULL;
  g_autoptr(GArray) months = NULL;
  gint64 opening = 0;

  fx_plan (store, "p1", "e1", "paddy_late_indica", 1000, "autonomous", "2020-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2024-10-04", 600);
  fx_move (store, "l1", "2027-01-10", "rotate_out", 100);
  fx_plan (store, "p9", "e1", "oil_peanut", 50, "dynamic", "2020-01-01", NULL);
  fx_stocked_lot (store, "o9", "b2", "p9", "2026-03-01", 50);
  fx_settle (store, TRUE);

  projection = load (store, "zhongshan-2026", 2027, NULL);
  g_assert_true (gr_projection_lookup_lot (projection, "l1", &opening, NULL, NULL));
  g_assert_cmpint (opening, ==, T (600));
  g_assert_false (gr_projection_lookup_lot (projection, "o9", NULL, NULL, NULL));
  months = gr_projection_run (projection, NULL);
  g_assert_cmpint (months->len, ==, 12);
  g_assert_cmpint (g_array_index (months, GrProjectionMonth, 0).stock_kg, ==, T (600));
  /* 中山 第十七条: raw grain 75 % at any time: 600 of 1,000 is below. */
  g_assert_true (g_array_index (months, GrProjectionMonth, 0).below);
  g_clear_pointer (&projection, gr_projection_free);

  /* For 2028 the rotate-out is done: 500 t. */
  projection = load (store, "zhongshan-2026", 2028, NULL);
  g_assert_true (gr_projection_lookup_lot (projection, "l1", &opening, NULL, NULL));
  g_assert_cmpint (opening, ==, T (500));
}

static void
test_bad_year (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrProfile) profile = fx_profile ("dongguan-2025");
  g_autoptr(GError) error = NULL;

  g_assert_null (gr_projection_new (store, profile, 1899, NULL, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/projection/nanchang-38/any-time-per-plan", test_any_time_per_plan);
  g_test_add_func ("/projection/dongguan-15/month-end-enterprise", test_month_end_enterprise);
  g_test_add_func ("/projection/opening-balance", test_opening_balance);
  g_test_add_func ("/projection/bad-year", test_bad_year);
  return g_test_run ();
}
