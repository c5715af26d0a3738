/* test-cli-import.c: granary-cli import and export (DESIGN.md §7: errors
 * are one clear line on stderr, a non-zero exit, and an untouched database)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "test-util.h"

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static gboolean
run_cli (Run         *run,
         const char  *stdin_path,
         ...)
{
  const char *cli = g_getenv ("GRANARY_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  if (cli == NULL)
    return FALSE;
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, stdin_path);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* messages in the source language */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  if (stdin_path != NULL)
    g_subprocess_launcher_set_stdin_file_path (launcher, stdin_path);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  return TRUE;
}

static char *
write_temp (const char *dir,
            const char *name,
            const char *text)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

/* The fixture in a database file; returns its fingerprint. */
static char *
make_city_db (const char *db)
{
  g_autoptr(GrStore) store = test_open_store (db);
  g_autofree char *text = test_fixture ("city-small.json");

  test_import_ok (store, text, NULL);
  return test_fingerprint (store);
}

static char *
fingerprint_of (const char *db)
{
  g_autoptr(GrStore) store = test_open_store (db);

  return test_fingerprint (store);
}

static void
assert_cli_refuses (const char *dir,
                    const char *db,
                    const char *name,
                    const char *text,
                    const char *expected_line)
{
  g_autofree char *path = write_temp (dir, name, text);
  g_autofree char *before = fingerprint_of (db);
  g_autofree char *after = NULL;
  gboolean prefix = expected_line[0] == '~';
  g_autofree char *expected = g_strdup_printf ("granary-cli: %s: %s%s", path, expected_line + (prefix ? 1 : 0),
                                               prefix ? "" : "\n");
  g_auto(Run) run = { 0 };

  g_assert_true (run_cli (&run, NULL, "import", "--db", db, path, NULL));
  g_assert_cmpint (run.status, !=, 0);
  g_assert_cmpstr (run.out, ==, "");
  /* exactly one line */
  if (prefix)
    {
      g_assert_true (g_str_has_prefix (run.err, expected));
      g_assert_true (g_str_has_suffix (run.err, "\n"));
      g_assert_true (strchr (run.err, '\n') == run.err + strlen (run.err) - 1);
    }
  else
    g_assert_cmpstr (run.err, ==, expected);
  after = fingerprint_of (db);
  g_assert_cmpstr (before, ==, after);
}

static void
test_bad_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("granary-cli-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "city.db", NULL);
  g_autofree char *fp = NULL;

  if (g_getenv ("GRANARY_CLI") == NULL)
    {
      g_test_skip ("GRANARY_CLI is not set");
      return;
    }
  fp = make_city_db (db);

  assert_cli_refuses (dir, db, "cut.json", DATASET_HEAD "\"lots\": [{\"id\": \"L-9\",",
                      "~The file ends in the middle of the dataset (at line 1, column ");
  assert_cli_refuses (dir, db, "var.json", "var x = " DATASET_HEAD "\"lots\": []};",
                      "This is not a Granary dataset: a dataset is a JSON object, starting with {");
  assert_cli_refuses (dir, db, "grade.json",
                      DATASET_HEAD "\"lots\": [{\"id\": \"L-9\", \"bin\": \"B-02\", \"plan\": \"P-02\", \"variety\": \"rice\","
                      " \"grade\": 4, \"entered_on\": \"2025-09-10\"}]}",
                      "lots[0] (id \"L-9\"): field \"grade\": 4 is not a grade of \"rice\" (finished grain is graded 1 to 3)");
  assert_cli_refuses (dir, db, "out.json",
                      DATASET_HEAD "\"movements\": [{\"id\": \"M-9\", \"lot\": \"L-03\", \"date\": \"2025-07-01\", \"kind\": \"release\","
                      " \"quantity_t\": 480.001}]}",
                      "movements[0] (id \"M-9\"): field \"quantity_t\": the release of 480.001 t on 2025-07-01 "
                      "would take the lot \"L-03\" below zero (short by 0.001 t)");

  {
    g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
    g_auto(Run) run = { 0 };

    g_assert_true (run_cli (&run, NULL, "import", "--db", db, missing, NULL));
    g_assert_cmpint (run.status, !=, 0);
    g_assert_true (g_str_has_prefix (run.err, "granary-cli: "));
    g_assert_nonnull (strstr (run.err, "missing.json"));
    g_assert_true (strchr (run.err, '\n') == run.err + strlen (run.err) - 1);
  }
  {
    g_autofree char *now = fingerprint_of (db);
    g_assert_cmpstr (now, ==, fp);
  }
}

static void
test_good_file_and_export (void)
{
  g_autofree char *dir = g_dir_make_tmp ("granary-cli-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "new.db", NULL);
  g_autofree char *db2 = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "city-small.json", NULL);
  g_autofree char *ndjson = g_build_filename (dir, "city.ndjson", NULL);
  g_autofree char *expected = NULL;
  g_auto(Run) import = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) export = { 0 };
  g_auto(Run) export_nd = { 0 };
  g_auto(Run) from_stdin = { 0 };
  g_auto(Run) export2 = { 0 };

  if (!run_cli (&import, NULL, "import", "--db", db, fixture, NULL))
    {
      g_test_skip ("GRANARY_CLI is not set");
      return;
    }
  g_assert_cmpint (import.status, ==, 0);
  g_assert_cmpstr (import.err, ==, "");
  expected = g_strdup_printf ("Imported %s: 26 new, 0 updated, 0 unchanged\n", fixture);
  g_assert_cmpstr (import.out, ==, expected);

  g_assert_true (run_cli (&again, NULL, "import", "--db", db, fixture, NULL));
  g_assert_cmpint (again.status, ==, 0);
  g_assert_true (g_str_has_suffix (again.out, ": 0 new, 0 updated, 26 unchanged\n"));

  g_assert_true (run_cli (&export, NULL, "export", "--db", db, NULL));
  g_assert_cmpint (export.status, ==, 0);
  g_assert_true (g_str_has_prefix (export.out, "{\n  \"format\": \"granary-dataset\",\n  \"version\": 1,\n  \"profile\": \"qingyuan-2026\",\n"));

  /* NDJSON to a file, read back from standard input into another database */
  g_assert_true (run_cli (&export_nd, NULL, "export", "--db", db, "--ndjson", "-o", ndjson, NULL));
  g_assert_cmpint (export_nd.status, ==, 0);
  g_assert_true (run_cli (&from_stdin, ndjson, "import", "--db", db2, "-", NULL));
  g_assert_cmpint (from_stdin.status, ==, 0);
  g_assert_cmpstr (from_stdin.out, ==, "Imported -: 26 new, 0 updated, 0 unchanged\n");
  g_assert_true (run_cli (&export2, NULL, "export", "--db", db2, NULL));
  g_assert_cmpstr (export.out, ==, export2.out);
}

/* demo refuses a history it cannot make, before it creates any file */
static void
test_demo_bad_years (void)
{
  g_autofree char *dir = g_dir_make_tmp ("granary-cli-demo-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "demo.db", NULL);
  g_auto(Run) run = { 0 };

  g_assert_true (run_cli (&run, NULL, "demo", "--scale", "province", "--years", "2", "--db", db, NULL));
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--years must be between 3 and 40"));
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  run_clear (&run);
  memset (&run, 0, sizeof run);
  g_assert_true (run_cli (&run, NULL, "demo", "--scale", "city", "--years", "20", "--db", db, NULL));
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "the city demo has a fixed history"));
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/import/bad-files", test_bad_files);
  g_test_add_func ("/cli/import/good-file-and-export", test_good_file_and_export);
  g_test_add_func ("/cli/demo/bad-years", test_demo_bad_years);

  return g_test_run ();
}
