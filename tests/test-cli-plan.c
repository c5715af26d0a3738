/* test-cli-plan.c: granary-cli plan (DESIGN.md §7) on the city demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "gr-store.h"

static char *city_db;

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

/* A fresh copy of the city demo (generated once). */
static char *
copy_city (void)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "plan-XXXXXX", NULL);
  gsize length;
  char *path;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_nonnull (g_mkdtemp (dir));
  path = g_build_filename (dir, "city.db", NULL);
  g_assert_true (g_file_get_contents (city_db, &data, &length, &error));
  g_assert_true (g_file_set_contents (path, data, (gssize) length, &error));
  g_assert_no_error (error);
  return path;
}

static char *
query_text (const char *db,
            const char *sql)
{
  g_autoptr(GrStore) store = gr_store_open (db, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_nonnull (store);
  stmt = gr_store_prepare (store, sql, NULL);
  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
exec_sql (const char *db,
          const char *sql)
{
  g_autoptr(GrStore) store = gr_store_open (db, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (gr_store_exec (store, sql, &error));
  g_assert_no_error (error);
}

static void
assert_keys (JsonObject         *object,
             const char * const *keys)
{
  g_autoptr(GList) members = json_object_get_members (object);

  g_assert_cmpuint (g_list_length (members), ==, g_strv_length ((char **) keys));
  for (guint i = 0; keys[i] != NULL; i++)
    if (!json_object_has_member (object, keys[i]))
      g_error ("no member “%s”", keys[i]);
}

/* DESIGN.md §7: {"year", "feasible", "problems", "items", "projection"};
 * the city demo's 2027 comes out feasible under its profile (东莞). */
static void
test_json (void)
{
  static const char * const top[] = { "year", "feasible", "problems", "items", "projection", NULL };
  static const char * const item_keys[] = { "lot", "quantity_t", "out_month", "in_month", "reason", NULL };
  static const char * const month_keys[] = { "enterprise", "plan", "month", "stock_t", "ratio", NULL };
  static const char * const problem_keys[] = { "constraint", "enterprise", "plan", "text", NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *items, *projection, *problems;

  g_assert_cmpint (run (&out, &err, "plan", "--db", city_db, "--year", "2027", "--format", "json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  assert_keys (root, top);
  g_assert_cmpint (json_object_get_int_member (root, "year"), ==, 2027);
  g_assert_true (json_object_get_boolean_member (root, "feasible"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "problems")), ==, 0);

  items = json_object_get_array_member (root, "items");
  g_assert_cmpuint (json_array_get_length (items), >, 0);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *out_month = json_object_get_string_member (item, "out_month");

      assert_keys (item, item_keys);
      g_assert_true (g_str_has_prefix (out_month, "2027-"));
      g_assert_cmpfloat (json_object_get_double_member (item, "quantity_t"), >, 0);
    }

  /* 东莞 第十五条: the scope is the enterprise: plan null, 12 months each. */
  projection = json_object_get_array_member (root, "projection");
  g_assert_cmpuint (json_array_get_length (projection) % 12, ==, 0);
  g_assert_cmpuint (json_array_get_length (projection), >=, 12);
  for (guint i = 0; i < json_array_get_length (projection); i++)
    {
      JsonObject *month = json_array_get_object_element (projection, i);
      g_autofree char *expected = g_strdup_printf ("2027-%02u", i % 12 + 1);

      assert_keys (month, month_keys);
      g_assert_true (json_node_is_null (json_object_get_member (month, "plan")));
      g_assert_cmpstr (json_object_get_string_member (month, "month"), ==, expected);
      /* Feasible: never below 70 %. */
      g_assert_cmpfloat (json_object_get_double_member (month, "ratio"), >=, 0.70);
    }

  /* Under Nanchang's rules the same data is not feasible: the problems
   * say which constraint, plan and enterprise. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "plan", "--db", city_db, "--year", "2027", "--format", "json",
                        "--profile", "nanchang-gxq-2022", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_false (json_object_get_boolean_member (root, "feasible"));
  problems = json_object_get_array_member (root, "problems");
  g_assert_cmpuint (json_array_get_length (problems), >, 0);
  for (guint i = 0; i < json_array_get_length (problems); i++)
    {
      JsonObject *problem = json_array_get_object_element (problems, i);
      const char *constraint = json_object_get_string_member (problem, "constraint");

      assert_keys (problem, problem_keys);
      g_assert_nonnull (strchr ("abcdef", constraint[0]));
      g_assert_nonnull (json_object_get_string_member (problem, "enterprise"));
      g_assert_nonnull (strstr (json_object_get_string_member (problem, "text"), "南昌高新区区级储备粮管理办法"));
    }
  /* 南昌 第三十八条 is per plan: every projection entry names its plan. */
  projection = json_object_get_array_member (root, "projection");
  g_assert_false (json_node_is_null (json_object_get_member (json_array_get_object_element (projection, 0), "plan")));
}

static void
test_text (void)
{
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run (&out, &err, "plan", "--db", city_db, "--year", "2027", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Proposed rotation plan for 2027:"));
  g_assert_nonnull (strstr (out, "清远市储备粮管理有限公司"));
  g_assert_nonnull (strstr (out, "Projected stock ratio by month:"));
  g_assert_cmpstr (err, ==, "");
}

/* --save stores the proposal as each enterprise's draft for the year; the
 * reserve company's demo draft is replaced in place. */
static void
test_save (void)
{
  g_autofree char *db = copy_city ();
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *json = NULL, *json_err = NULL;
  g_autofree char *n_plans = NULL, *state = NULL, *n_items = NULL, *ids = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *items;

  g_assert_cmpint (run (&json, &json_err, "plan", "--db", db, "--year", "2027", "--format", "json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  items = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "items");

  g_assert_cmpint (run (&out, &err, "plan", "--db", db, "--year", "2027", "--save", NULL), ==, 0);
  g_assert_nonnull (strstr (err, "Saved as the draft rotation plan for 2027"));

  n_plans = query_text (db, "SELECT count(*) FROM rotation_plans WHERE year = 2027");
  g_assert_cmpstr (n_plans, ==, "4");
  state = query_text (db, "SELECT group_concat (DISTINCT state) FROM rotation_plans WHERE year = 2027");
  g_assert_cmpstr (state, ==, "draft");
  ids = query_text (db, "SELECT count(*) FROM rotation_plans WHERE id = 'rot-01-2027'");
  g_assert_cmpstr (ids, ==, "1");
  n_items = query_text (db, "SELECT count(*) FROM rotation_plan_items i JOIN rotation_plans p ON p.id = i.parent"
                            " WHERE p.year = 2027");
  g_assert_cmpint (atoi (n_items), ==, (int) json_array_get_length (items));

  /* Saving again changes nothing. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "plan", "--db", db, "--year", "2027", "--save", NULL), ==, 0);
  g_clear_pointer (&n_plans, g_free);
  n_plans = query_text (db, "SELECT count(*) FROM rotation_plans WHERE year = 2027");
  g_assert_cmpstr (n_plans, ==, "4");
}

/* A submitted plan is not overwritten: one clear line, nothing changed. */
static void
test_save_refuses_submitted (void)
{
  g_autofree char *db = copy_city ();
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *before = NULL, *after = NULL;
  const char *snapshot = "SELECT group_concat (x, '|') FROM ("
                         " SELECT p.id || ',' || p.state || ',' || coalesce (p.updated_at, '') AS x FROM rotation_plans p"
                         " UNION ALL SELECT i.parent || ',' || i.seq || ',' || i.lot || ',' || i.quantity_kg"
                         "   || ',' || i.out_month || ',' || i.in_month FROM rotation_plan_items i ORDER BY 1)";

  exec_sql (db, "UPDATE rotation_plans SET state = 'submitted', submitted_on = '2026-11-20' WHERE id = 'rot-01-2027'");
  before = query_text (db, snapshot);

  g_assert_cmpint (run (&out, &err, "plan", "--db", db, "--year", "2027", "--save", NULL), ==, 1);
  g_assert_true (g_str_has_prefix (err, "granary-cli: "));
  g_assert_nonnull (strstr (err, "2027"));
  g_assert_nonnull (strstr (err, "can no longer be changed"));
  g_assert_cmpint (strchr (err, '\n') - err, ==, (int) strlen (err) - 1);

  after = query_text (db, snapshot);
  g_assert_cmpstr (before, ==, after);
}

static void
assert_refused (int         expected,
                const char *needle,
                ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "LC_ALL", "C.UTF-8", TRUE);
  const char *arg;
  va_list args;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("GRANARY_CLI"));
  va_start (args, needle);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_test_message ("%s", err);
  g_assert_cmpint (WEXITSTATUS (status), ==, expected);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, needle));
  g_assert_cmpint (strchr (err, '\n') - err, ==, (int) strlen (err) - 1);
}

/* Years outside the schema's range or the ledger's (the demo's ledger
 * ends in 2026: 2026 and 2027 may be planned), and other bad arguments. */
static void
test_bad_arguments (void)
{
  g_autofree char *missing = g_build_filename (g_get_user_data_dir (), "no-such.db", NULL);
  g_autofree char *n_before = query_text (city_db, "SELECT count(*) FROM rotation_plans");
  g_autofree char *n_after = NULL;

  assert_refused (2, "--year must be a year between 1900 and 2199, not “1800”",
                  "plan", "--db", city_db, "--year", "1800", NULL);
  assert_refused (2, "--year must be a year between 1900 and 2199, not “20x7”",
                  "plan", "--db", city_db, "--year", "20x7", NULL);
  assert_refused (2, "--year must be between 2026",
                  "plan", "--db", city_db, "--year", "2025", NULL);
  assert_refused (2, "not 2150", "plan", "--db", city_db, "--year", "2150", "--save", NULL);
  assert_refused (2, "plan needs --year", "plan", "--db", city_db, NULL);
  assert_refused (2, "--format must be text or json", "plan", "--db", city_db, "--year", "2027", "--format", "xml", NULL);
  assert_refused (2, "plan takes no arguments", "plan", "--db", city_db, "--year", "2027", "extra", NULL);
  assert_refused (1, "no database at", "plan", "--db", missing, "--year", "2027", NULL);
  assert_refused (1, "No profile", "plan", "--db", city_db, "--year", "2027", "--profile", "nowhere-2020", NULL);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  n_after = query_text (city_db, "SELECT count(*) FROM rotation_plans");
  g_assert_cmpstr (n_before, ==, n_after);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *dir = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* The demo of DESIGN.md §7 as the house uses it: the city on 2026-11-25. */
  dir = g_build_filename (g_get_tmp_dir (), "granary-cli-plan-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (dir));
  city_db = g_build_filename (dir, "city.db", NULL);
  g_assert_cmpint (run (&out, &err, "demo", "--scale", "city", "--today", "2026-11-25", "--db", city_db, NULL), ==, 0);

  g_test_add_func ("/cli/plan/json", test_json);
  g_test_add_func ("/cli/plan/text", test_text);
  g_test_add_func ("/cli/plan/save", test_save);
  g_test_add_func ("/cli/plan/save-refuses-submitted", test_save_refuses_submitted);
  g_test_add_func ("/cli/plan/bad-arguments", test_bad_arguments);
  status = g_test_run ();

  {
    g_autofree char *wal = g_strconcat (city_db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (city_db, "-shm", NULL);

    g_unlink (city_db);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
  g_free (city_db);
  return status;
}
