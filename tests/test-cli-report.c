/* test-cli-report.c: granary-cli report monthly and report subsidy (DESIGN.md §7)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "rules-fixture.h"

static int
run (char **out,
     char **err,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "LC_ALL", "C.UTF-8", TRUE);
  const char *arg;
  va_list args;
  int status = 0;

  g_assert_nonnull (g_getenv ("GRANARY_CLI"));
  g_ptr_array_add (argv, (gpointer) g_getenv ("GRANARY_CLI"));
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* 南昌 第八条: 10,000 t of paddy for 2025 = 1,000,000 元; oil has no rate. */
static void
test_subsidy_json (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autofree char *out = NULL, *err = NULL;
  const char *db = gr_store_get_path (store);

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "static", "2024-01-01", NULL);
  fx_plan (store, "p2", "e1", "oil_peanut", 500, "static", "2024-01-01", NULL);
  fx_settle (store, TRUE);
  g_assert_true (gr_store_set_meta (store, "profile", "nanchang-gxq-2022", NULL));

  g_assert_cmpint (run (&out, &err, "report", "subsidy", "--db", db, "--year", "2025", "--format", "json", NULL), ==, 0);
  g_assert_cmpstr (out, ==,
    "{\"year\": 2025, \"plans\": ["
    "{\"plan\": \"p1\", \"variety\": \"paddy_late_indica\", \"rate_yuan_per_jin_year\": 0.05, \"basis_t\": 10000,"
    " \"amount_yuan\": 1000000.00, \"days\": {\"inactive\": 0, \"quantity\": 365, \"actual\": 0, \"vacancy\": 0}}, "
    "{\"plan\": \"p2\", \"variety\": \"oil_peanut\", \"rate_yuan_per_jin_year\": null, \"basis_t\": 500,"
    " \"amount_yuan\": null, \"days\": {\"inactive\": 0, \"quantity\": 365, \"actual\": 0, \"vacancy\": 0}}],"
    " \"total_yuan\": 1000000.00}\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* March alone: 31/365 of 1,000,000 元 = 84,931.51 元 */
  g_assert_cmpint (run (&out, &err, "report", "subsidy", "--db", db, "--year", "2025", "--month", "3",
                        "--format", "json", NULL), ==, 0);
  fx_assert_has (out, "\"amount_yuan\": 84931.51");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "report", "subsidy", "--db", db, "--year", "2025", "--month", "13", NULL), !=, 0);
  fx_assert_has (err, "--month");
}

/* Filing through the CLI locks the month; filing again is refused. */
static void
test_monthly_file (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autofree char *out = NULL, *err = NULL;
  const char *db = gr_store_get_path (store);

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "static", "2024-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2025-11-01", 5000);
  fx_move (store, "l1", "2026-02-05", "rotate_out", 1000);
  fx_settle (store, TRUE);

  g_assert_cmpint (run (&out, &err, "report", "monthly", "--db", db, "--enterprise", "e1", "--month", "2026-02",
                        "--file", "--format", "json", NULL), ==, 0);
  fx_assert_has (out, "\"rows\": [{\"depot\": \"d1\", \"variety\": \"paddy_late_indica\", \"opening_t\": 5000,"
                      " \"in_t\": 0, \"out_t\": 1000, \"closing_t\": 4000}]");
  fx_assert_has (out, "\"rotation\": [{\"variety\": \"paddy_late_indica\", \"planned_t\": 0, \"out_month_t\": 1000,"
                      " \"in_month_t\": 0, \"out_ytd_t\": 1000, \"in_ytd_t\": 0}]");
  g_assert_null (strstr (out, "\"filed_on\": null"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "report", "monthly", "--db", db, "--enterprise", "e1", "--month", "2026-02",
                        "--file", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "filed"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "report", "monthly", "--db", db, "--enterprise", "nobody", "--month", "2026-02",
                        NULL), ==, 1);
  fx_assert_has (err, "nobody");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/cli/report/subsidy-json-nanchang-8", test_subsidy_json);
  g_test_add_func ("/cli/report/monthly-file", test_monthly_file);
  return g_test_run ();
}
