/* test-report-subsidy.c: the subsidy statement (DESIGN.md §4 "Subsidy")
 *
 * Nanchang 第八条: 0.05 元/斤/年 for paddy, 0.34 rice, 0.45 flour; none for
 * oil. Dongguan 第三十七条: after a release, the actual stock while below
 * the minimum. Dongguan 第十七条: no subsidy for the vacant quantity past
 * the vacancy's deadline, the approved extension included (延长期内不能享受).
 * 1 吨 = 2000 斤.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "gr-report-subsidy.h"
#include "rules-fixture.h"

static GrSubsidyStatement *
compute (GrStore   *store,
         GrProfile *profile,
         int        year,
         int        month)
{
  g_autoptr(GError) error = NULL;
  GrSubsidyStatement *statement;

  fx_settle (store, TRUE);
  statement = gr_subsidy_compute (store, profile, year, month, &error);
  g_assert_no_error (error);
  g_assert_nonnull (statement);
  return statement;
}

static GrSubsidyPlan *
plan_of (GrSubsidyStatement *statement,
         const char         *plan)
{
  for (guint i = 0; i < statement->plans->len; i++)
    {
      GrSubsidyPlan *p = statement->plans->pdata[i];

      if (strcmp (p->plan, plan) == 0)
        return p;
    }
  g_error ("no plan %s in the statement", plan);
  return NULL;
}

/* A profile from data/profiles with its subsidy rates replaced. */
static GrProfile *
profile_with_rates (const char *id,
                    const char *rates)
{
  g_autofree char *file = g_strconcat (id, ".json", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "profiles", file, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("\"rates_yuan_per_jin_year\": \\{[^}]*\\}", 0, 0, NULL);
  g_autofree char *replacement = g_strdup_printf ("\"rates_yuan_per_jin_year\": %s", rates);
  g_autofree char *changed = NULL;
  GrProfile *profile;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  changed = g_regex_replace_literal (regex, text, -1, 0, replacement, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (changed, !=, text);
  profile = gr_profile_load_data (id, changed, -1, &error);
  g_assert_no_error (error);
  return profile;
}

/* 南昌 第八条: 10,000 t of paddy for all of 2025 = 0.05 × 10,000 × 2000 = 1,000,000 元. */
static void
test_nanchang_full_year (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrProfile) profile = fx_profile ("nanchang-gxq-2022");
  g_autoptr(GrSubsidyStatement) s = NULL;
  g_autofree char *json = NULL;
  GrSubsidyPlan *p;

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "static", "2024-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2024-11-01", 10000);
  s = compute (store, profile, 2025, 0);
  p = plan_of (s, "p1");
  g_assert_true (p->has_rate);
  g_assert_cmpfloat (p->rate, ==, 0.05);
  g_assert_cmpint (p->basis_kg, ==, 10000000);
  g_assert_cmpint (p->amount_fen, ==, 100000000);
  g_assert_cmpuint (p->days_quantity, ==, 365);
  g_assert_cmpint (s->total_fen, ==, 100000000);
  json = gr_subsidy_to_json (s);
  fx_assert_has (json, "{\"year\": 2025, \"plans\": [{\"plan\": \"p1\", \"variety\": \"paddy_late_indica\","
                       " \"rate_yuan_per_jin_year\": 0.05, \"basis_t\": 10000, \"amount_yuan\": 1000000.00");
  fx_assert_has (json, "\"total_yuan\": 1000000.00}");
}

/* 2024 has 366 days: a plan valid from 1 July earns 184/366 of the year's
 * 1,000,000 元 = 502,732.24 元 (not 184/365). */
static void
test_leap_year (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrProfile) profile = fx_profile ("nanchang-gxq-2022");
  g_autoptr(GrSubsidyStatement) s = NULL;
  g_autoptr(GrSubsidyStatement) july = NULL;
  GrSubsidyPlan *p;

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "static", "2024-07-01", NULL);
  s = compute (store, profile, 2024, 0);
  g_assert_cmpuint (s->days_in_year, ==, 366);
  p = plan_of (s, "p1");
  g_assert_cmpuint (p->days_inactive, ==, 182);
  g_assert_cmpuint (p->days_quantity, ==, 184);
  g_assert_cmpint (p->amount_fen, ==, 50273224);
  /* 10,000 t × 184 / 366 days = 5,027.322 t on average */
  g_assert_cmpint (p->basis_kg, ==, 5027322);

  /* One month: 31 days of 366 → 84,699.45 元, basis the full 10,000 t. */
  july = compute (store, profile, 2024, 7);
  p = plan_of (july, "p1");
  g_assert_cmpint (p->amount_fen, ==, 8469945);
  g_assert_cmpint (p->basis_kg, ==, 10000000);
}

/* 东莞 第三十七条: a release of 4,000 t on 10 March 2025 takes a 10,000 t
 * plan to 6,000 t, below its 70 % minimum (第十五条): the basis is the
 * actual 6,000 t until the replenishment of 10 June brings 7,500 t.
 * 68 days × 10,000 + 92 × 6,000 + 205 × 10,000 = 3,282,000 t·days. */
static void
test_release_below_minimum (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrProfile) dongguan = fx_profile ("dongguan-2025");
  g_autoptr(GrProfile) priced = profile_with_rates ("dongguan-2025", "{\"paddy_late_indica\": 0.05}");
  g_autoptr(GrSubsidyStatement) s = NULL;
  g_autoptr(GrSubsidyStatement) t = NULL;
  g_autofree char *json = NULL;
  GrSubsidyPlan *p;

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "static", "2024-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2024-11-01", 10000);
  fx_release (store, "R1", "2025-03-01", "e1", "paddy_late_indica", 4000);
  fx_move (store, "l1", "2025-03-10", "release", 4000);
  fx_move (store, "l1", "2025-06-10", "replenish", 1500);

  /* Dongguan sets no rate (第四十一条): the basis, and null amounts. */
  s = compute (store, dongguan, 2025, 0);
  p = plan_of (s, "p1");
  g_assert_false (p->has_rate);
  g_assert_cmpuint (p->days_actual, ==, 92);
  g_assert_cmpuint (p->days_quantity, ==, 273);
  g_assert_cmpint (p->basis_kg, ==, 8991781);     /* 3,282,000 / 365 */
  json = gr_subsidy_to_json (s);
  fx_assert_has (json, "\"rate_yuan_per_jin_year\": null, \"basis_t\": 8991.781, \"amount_yuan\": null");
  fx_assert_has (json, "\"total_yuan\": 0.00}");

  /* With a rate of 0.05: 0.05 × 3,282,000 × 2000 / 365 = 899,178.08 元. */
  t = compute (store, priced, 2025, 0);
  g_assert_cmpint (plan_of (t, "p1")->amount_fen, ==, 89917808);
}

/* 东莞 第十七条: 2,000 t rotated out on 20 January 2025 must be back by 31
 * May (4 months from February). 1,200 t come back on 15 July, 800 t on
 * 10 September: from 1 June the vacant quantity earns nothing.
 * 151 × 10,000 + 44 × 8,000 + 57 × 9,200 + 113 × 10,000 = 3,516,400 t·days. */
static void
test_vacancy_past_deadline (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrProfile) priced = profile_with_rates ("dongguan-2025", "{\"paddy_late_indica\": 0.05}");
  g_autoptr(GrSubsidyStatement) s = NULL;
  g_autoptr(GrSubsidyStatement) extended = NULL;
  GrSubsidyPlan *p;

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "static", "2024-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2024-11-01", 10000);
  fx_lot (store, "n1", "b2", "p1", "2025-07-15");
  fx_move (store, "l1", "2025-01-20", "rotate_out", 2000);
  fx_move (store, "n1", "2025-07-15", "rotate_in", 1200);
  fx_move (store, "n1", "2025-09-10", "rotate_in", 800);

  s = compute (store, priced, 2025, 0);
  p = plan_of (s, "p1");
  g_assert_cmpuint (p->days_vacancy, ==, 101);
  g_assert_cmpint (p->basis_kg, ==, 9633973);
  g_assert_cmpint (p->amount_fen, ==, 96339726);   /* 963,397.26 元 */

  /* An approved extension of 2 months allows the vacancy, but the
   * extension is not paid: the same amount. */
  fx_sql (store, "INSERT INTO rotation_plans (id, enterprise, year, state) VALUES ('rp', 'e1', 2025, 'approved')");
  fx_sql (store, "INSERT INTO rotation_plan_items (parent, seq, lot, quantity_kg, out_month, in_month,"
                 " vacancy_extension_approved) VALUES ('rp', 0, 'l1', 2000000, '2025-01', '2025-07', 1)");
  extended = compute (store, priced, 2025, 0);
  g_assert_cmpint (plan_of (extended, "p1")->amount_fen, ==, 96339726);
}

/* Rounded once per plan, in fen, half up. */
static void
test_rounding (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrProfile) nanchang = fx_profile ("nanchang-gxq-2022");
  g_autoptr(GrProfile) half = profile_with_rates ("nanchang-gxq-2022", "{\"paddy_late_indica\": 0.0073}");
  g_autoptr(GrSubsidyStatement) s = NULL;
  g_autoptr(GrSubsidyStatement) h = NULL;

  /* 1 t for 2 days at 0.05 (南昌 第八条): 0.05 × 2000 × 2 / 365 = 0.5479 元
   * → 0.55; rounding each day (0.27 + 0.27) would give 0.54. */
  fx_plan (store, "p1", "e1", "paddy_early_indica", 1, "static", "2025-12-30", "2025-12-31");
  /* 0.125 t for 1 day at 0.0073: 0.0073 × 250 / 365 = 0.005 元 exactly → 0.01. */
  fx_plan (store, "p2", "e1", "paddy_late_indica", 0.125, "static", "2025-12-31", "2025-12-31");
  s = compute (store, nanchang, 2025, 0);
  g_assert_cmpint (plan_of (s, "p1")->amount_fen, ==, 55);
  h = compute (store, half, 2025, 0);
  g_assert_cmpint (plan_of (h, "p2")->amount_fen, ==, 1);
}

/* 南昌 第八条 has no rate for oil: rate and amount null, total the rest. */
static void
test_no_rate (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrProfile) profile = fx_profile ("nanchang-gxq-2022");
  g_autoptr(GrSubsidyStatement) s = NULL;
  g_autofree char *json = NULL;

  fx_plan (store, "p1", "e1", "rice", 1000, "static", "2024-01-01", NULL);
  fx_plan (store, "p2", "e1", "oil_peanut", 500, "static", "2024-01-01", NULL);
  s = compute (store, profile, 2025, 0);
  g_assert_false (plan_of (s, "p2")->has_rate);
  /* 0.34 × 1,000 × 2000 = 680,000 元 */
  g_assert_cmpint (s->total_fen, ==, 68000000);
  json = gr_subsidy_to_json (s);
  fx_assert_has (json, "{\"plan\": \"p2\", \"variety\": \"oil_peanut\", \"rate_yuan_per_jin_year\": null,"
                       " \"basis_t\": 500, \"amount_yuan\": null");
  fx_assert_has (json, "\"total_yuan\": 680000.00}");
}

static void
test_bad_input (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrProfile) profile = fx_profile ("nanchang-gxq-2022");
  g_autoptr(GError) error = NULL;

  g_assert_null (gr_subsidy_compute (store, profile, 2025, 13, &error));
  g_assert_nonnull (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/report/subsidy/nanchang-8-full-year", test_nanchang_full_year);
  g_test_add_func ("/report/subsidy/leap-year", test_leap_year);
  g_test_add_func ("/report/subsidy/dongguan-37-release-below-minimum", test_release_below_minimum);
  g_test_add_func ("/report/subsidy/dongguan-17-vacancy-past-deadline", test_vacancy_past_deadline);
  g_test_add_func ("/report/subsidy/rounding-half-up-once", test_rounding);
  g_test_add_func ("/report/subsidy/nanchang-8-no-rate", test_no_rate);
  g_test_add_func ("/report/subsidy/bad-input", test_bad_input);
  return g_test_run ();
}
