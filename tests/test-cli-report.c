/* test-cli-report.c: granary-cli report monthly and report subsidy (DESIGN.md §7)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <string.h>

#include "gr-format.h"

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

static char *
temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("granary-cli-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static guint
files_in (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* Bad input is refused in one line, and no file is written. */
static void
test_bad_inputs (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autofree char *dir = temp_dir ();
  g_autofree char *pdf = g_build_filename (dir, "r.pdf", NULL);
  g_autofree char *future = NULL, *now = gr_today_iso ();
  const char *db = gr_store_get_path (store);
  int year, month;

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "static", "2024-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2024-02-01", 5000);
  fx_settle (store, TRUE);
  g_assert_true (gr_month_parse (((char[8]) { now[0], now[1], now[2], now[3], '-', now[5], now[6], '\0' }), &year, &month));
  future = g_strdup_printf ("%04d-%02d", month == 12 ? year + 1 : year, month % 12 + 1);

#define REFUSED(expected_status, needle, ...) \
  G_STMT_START { \
    g_autofree char *out = NULL, *err = NULL; \
    g_assert_cmpint (run (&out, &err, __VA_ARGS__, NULL), ==, expected_status); \
    fx_assert_has (err, needle); \
    g_assert_true (g_str_has_suffix (err, "\n") && strchr (err, '\n') == err + strlen (err) - 1); \
    g_assert_cmpuint (files_in (dir), ==, 0); \
  } G_STMT_END

  REFUSED (1, "nobody", "report", "monthly", "--db", db, "--enterprise", "nobody", "--month", "2024-03",
           "--format", "pdf", "-o", pdf);
  REFUSED (1, "future", "report", "monthly", "--db", db, "--enterprise", "e1", "--month", future,
           "--format", "xlsx", "-o", pdf);
  REFUSED (2, "docx", "report", "monthly", "--db", db, "--enterprise", "e1", "--month", "2024-03",
           "--format", "docx", "-o", pdf);
  REFUSED (2, "-o FILE", "report", "monthly", "--db", db, "--enterprise", "e1", "--month", "2024-03",
           "--format", "xlsx");
  REFUSED (2, "-o FILE", "report", "subsidy", "--db", db, "--year", "2024", "--format", "pdf");
  REFUSED (1, "nowhere", "card", "--db", db, "--bin", "nowhere", "-o", pdf);
  REFUSED (1, "nowhere", "card", "--db", db, "--depot", "nowhere", "-o", pdf);
  REFUSED (1, "b2", "card", "--db", db, "--bin", "b2", "-o", pdf);
  REFUSED (2, "-o FILE", "card", "--db", db, "--bin", "b1");
  REFUSED (2, "--bin", "card", "--db", db, "--bin", "b1", "--depot", "d1", "-o", pdf);
#undef REFUSED
}

/* Without its XLSX module the CLI says so, and the file of that name is
 * left as it was; CSV and PDF do not need the module. */
static void
test_xlsx_module_missing (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autofree char *dir = temp_dir ();
  g_autofree char *empty = g_build_filename (dir, "modules", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "r.xlsx", NULL), *pdf = g_build_filename (dir, "r.pdf", NULL);
  g_autofree char *out = NULL, *err = NULL, *content = NULL;
  g_autofree char *module_dir = g_strdup (g_getenv ("GRANARY_MODULE_DIR"));
  const char *db = gr_store_get_path (store);

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "static", "2024-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2024-02-01", 5000);
  fx_settle (store, TRUE);
  g_assert_cmpint (g_mkdir (empty, 0700), ==, 0);
  g_assert_true (g_file_set_contents (xlsx, "kept", -1, NULL));

  g_setenv ("GRANARY_MODULE_DIR", empty, TRUE);
  g_assert_cmpint (run (&out, &err, "report", "monthly", "--db", db, "--enterprise", "e1", "--month", "2024-02",
                        "--format", "xlsx", "-o", xlsx, NULL), ==, 1);
  fx_assert_has (err, "XLSX module is missing");
  g_assert_true (g_file_get_contents (xlsx, &content, NULL, NULL));
  g_assert_cmpstr (content, ==, "kept");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "report", "monthly", "--db", db, "--enterprise", "e1", "--month", "2024-02",
                        "--format", "pdf", "-o", pdf, NULL), ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  if (module_dir != NULL)
    g_setenv ("GRANARY_MODULE_DIR", module_dir, TRUE);
  else
    g_unsetenv ("GRANARY_MODULE_DIR");
}

/* The formats: CSV with its BOM on standard output, XLSX and PDF in
 * files, JSON to a file the same as on standard output; a card sheet. */
static void
test_formats (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autofree char *dir = temp_dir ();
  g_autofree char *xlsx = g_build_filename (dir, "r.xlsx", NULL), *pdf = g_build_filename (dir, "r.pdf", NULL);
  g_autofree char *json = g_build_filename (dir, "r.json", NULL), *cards = g_build_filename (dir, "c.pdf", NULL);
  g_autofree char *out = NULL, *err = NULL, *content = NULL;
  const char *db = gr_store_get_path (store);
  gsize length = 0;

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "static", "2024-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2024-02-01", 5000);
  fx_settle (store, TRUE);

  g_assert_cmpint (run (&out, &err, "report", "monthly", "--db", db, "--enterprise", "e1", "--month", "2024-02",
                        "--format", "csv", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "\xEF\xBB\xBF政府储备粮月报告\r\n"));
  fx_assert_has (out, "城南库,中晚籼稻,0.000,5000.000,0.000,5000.000\r\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "report", "monthly", "--db", db, "--enterprise", "e1", "--month", "2024-02",
                        "--format", "xlsx", "-o", xlsx, NULL), ==, 0);
  g_assert_true (g_file_get_contents (xlsx, &content, &length, NULL));
  g_assert_true (length > 4 && memcmp (content, "PK\003\004", 4) == 0);
  g_clear_pointer (&content, g_free);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "report", "subsidy", "--db", db, "--year", "2024", "--profile", "nanchang-gxq-2022",
                        "--format", "pdf", "-o", pdf, NULL), ==, 0);
  g_assert_true (g_file_get_contents (pdf, &content, &length, NULL));
  g_assert_true (g_str_has_prefix (content, "%PDF-"));
  g_clear_pointer (&content, g_free);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "report", "monthly", "--db", db, "--enterprise", "e1", "--month", "2024-02",
                        "--format", "json", NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  {
    g_autofree char *stdout_json = g_steal_pointer (&out);

    g_assert_cmpint (run (&out, &err, "report", "monthly", "--db", db, "--enterprise", "e1", "--month", "2024-02",
                          "--format", "json", "-o", json, NULL), ==, 0);
    g_assert_cmpstr (out, ==, "");
    g_assert_true (g_file_get_contents (json, &content, NULL, NULL));
    g_assert_cmpstr (content, ==, stdout_json);
  }
  g_clear_pointer (&content, g_free);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "card", "--db", db, "--depot", "d1", "-o", cards, NULL), ==, 0);
  g_assert_true (g_file_get_contents (cards, &content, NULL, NULL));
  g_assert_true (g_str_has_prefix (content, "%PDF-"));
  g_assert_cmpuint (files_in (dir), ==, 4);
}

/* Zhongshan 第十五条: filed within 5 working days. January 2024 ended on
 * a Wednesday: Thu 1, Fri 2, Mon 5, Tue 6, Wed 7 February (the
 * profile's holiday calendar starts in 2025). Filing today is late. */
static void
test_filing_late (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autofree char *out = NULL, *err = NULL;
  const char *db = gr_store_get_path (store);

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "static", "2023-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2023-11-01", 5000);
  fx_settle (store, TRUE);
  g_assert_true (gr_store_set_meta (store, "profile", "zhongshan-2026", NULL));

  g_assert_cmpint (run (&out, &err, "report", "monthly", "--db", db, "--enterprise", "e1", "--month", "2024-01",
                        NULL), ==, 0);
  fx_assert_has (out, "Not filed, overdue (due by 2024-02-07)");
  /* Chinese depot names line up: 城南库 takes six columns. */
  fx_assert_has (out, "\nDepot   Variety                Opening (t)  In (t)  Out (t)  Closing (t)\n"
                      "城南库  Mid/late indica paddy    5,000.000   0.000    0.000    5,000.000\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "report", "monthly", "--db", db, "--enterprise", "e1", "--month", "2024-01",
                        "--file", "--format", "json", NULL), ==, 0);
  fx_assert_has (err, ": late (due by 2024-02-07)");
  g_assert_true (g_str_has_prefix (out, "{\"id\": \""));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/cli/report/subsidy-json-nanchang-8", test_subsidy_json);
  g_test_add_func ("/cli/report/monthly-file", test_monthly_file);
  g_test_add_func ("/cli/report/bad-inputs", test_bad_inputs);
  g_test_add_func ("/cli/report/formats", test_formats);
  g_test_add_func ("/cli/report/xlsx-module-missing", test_xlsx_module_missing);
  g_test_add_func ("/cli/report/zhongshan-15/filing-late", test_filing_late);
  return g_test_run ();
}
