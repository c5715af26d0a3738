/* test-cli-grade.c: granary-cli grade (DESIGN.md §7): the JSON shape field
 * by field on tests/fixtures/grading.json, clear errors, and on the city
 * demo (seed 1, today 2026-11-25) grades that agree with the lots
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "test-util.h"

#include "gr-demo.h"
#include "gr-grading-report.h"

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

static void
run_cli (Run *run,
         ...)
{
  const char *cli = g_getenv ("GRANARY_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, run);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error));
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
}

static char *
fixture_db (void)
{
  g_autofree char *text = test_fixture ("grading.json");
  g_autoptr(GError) error = NULL;
  char *path = test_temp_db ();
  g_autoptr(GrStore) store = test_open_store (path);

  g_assert_true (gr_import_data (store, text, -1, GR_IMPORT_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return path;
}

/* The member names of object, in order, joined by ",". */
static char *
keys_of (JsonObject *object)
{
  g_autoptr(GList) members = json_object_get_members (object);
  GString *out = g_string_new (NULL);

  for (const GList *l = members; l != NULL; l = l->next)
    g_string_append_printf (out, "%s%s", out->len ? "," : "", (const char *) l->data);
  return g_string_free (out, FALSE);
}

static gboolean
is_null (JsonObject *object,
         const char *key)
{
  return json_object_has_member (object, key) && JSON_NODE_HOLDS_NULL (json_object_get_member (object, key));
}

static void
test_json_shape (void)
{
  g_autofree char *db = fixture_db ();
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *top = NULL;
  JsonObject *root, *lot, *depot;
  JsonArray *lots, *depots;

  run_cli (&run, "grade", "--db", db, "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  top = keys_of (root);
  g_assert_cmpstr (top, ==, "lots,depots");
  lots = json_object_get_array_member (root, "lots");
  depots = json_object_get_array_member (root, "depots");
  g_assert_cmpuint (json_array_get_length (lots), ==, 4);
  g_assert_cmpuint (json_array_get_length (depots), ==, 3);

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *keys = keys_of (json_array_get_object_element (lots, i));
      g_assert_cmpstr (keys, ==, "lot,test,grade,substandard,limits_met,storage_quality,unconfirmed");
    }
  /* L-C, QT-C1: GB 1353-2018 容重 690 → 二等, limits met, GB/T 20570-2015
   * 宜存 at 65.0 / 70, on verified figures only. */
  lot = json_array_get_object_element (lots, 0);
  g_assert_cmpstr (json_object_get_string_member (lot, "lot"), ==, "L-C");
  g_assert_cmpstr (json_object_get_string_member (lot, "test"), ==, "QT-C1");
  g_assert_cmpint (json_object_get_int_member (lot, "grade"), ==, 2);
  g_assert_false (json_object_get_boolean_member (lot, "substandard"));
  g_assert_true (json_object_get_boolean_member (lot, "limits_met"));
  g_assert_cmpstr (json_object_get_string_member (lot, "storage_quality"), ==, "suitable");
  g_assert_false (json_object_get_boolean_member (lot, "unconfirmed"));
  /* L-O, peanut oil: tested, but no standard is held: judgement null. */
  lot = json_array_get_object_element (lots, 1);
  g_assert_cmpstr (json_object_get_string_member (lot, "lot"), ==, "L-O");
  g_assert_cmpstr (json_object_get_string_member (lot, "test"), ==, "QT-O1");
  g_assert_true (is_null (lot, "grade") && is_null (lot, "substandard") && is_null (lot, "limits_met") &&
                 is_null (lot, "storage_quality") && is_null (lot, "unconfirmed"));
  /* L-P, QT-P2 (the later test): GB 1350-2009 出糙率 74.9 → 四等, 水分 13.6 >
   * 13.5, GB/T 20569-2006 脂肪酸值 31.5 → 轻度不宜存 (unconfirmed). */
  lot = json_array_get_object_element (lots, 2);
  g_assert_cmpstr (json_object_get_string_member (lot, "lot"), ==, "L-P");
  g_assert_cmpstr (json_object_get_string_member (lot, "test"), ==, "QT-P2");
  g_assert_cmpint (json_object_get_int_member (lot, "grade"), ==, 4);
  g_assert_false (json_object_get_boolean_member (lot, "substandard"));
  g_assert_false (json_object_get_boolean_member (lot, "limits_met"));
  g_assert_cmpstr (json_object_get_string_member (lot, "storage_quality"), ==, "slightly_unsuitable");
  g_assert_true (json_object_get_boolean_member (lot, "unconfirmed"));
  /* L-U: untested. */
  lot = json_array_get_object_element (lots, 3);
  g_assert_cmpstr (json_object_get_string_member (lot, "lot"), ==, "L-U");
  g_assert_true (is_null (lot, "test") && is_null (lot, "grade") && is_null (lot, "substandard"));

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *keys = keys_of (json_array_get_object_element (depots, i));
      g_assert_cmpstr (keys, ==, "depot,level,score");
    }
  /* D1 AA: the city's total of A1; D2 AAAA: the province's total of A2. */
  depot = json_array_get_object_element (depots, 0);
  g_assert_cmpstr (json_object_get_string_member (depot, "depot"), ==, "D1");
  g_assert_cmpstr (json_object_get_string_member (depot, "level"), ==, "AA");
  g_assert_cmpfloat (json_object_get_double_member (depot, "score"), ==, 82.0);
  depot = json_array_get_object_element (depots, 1);
  g_assert_cmpstr (json_object_get_string_member (depot, "depot"), ==, "D2");
  g_assert_cmpstr (json_object_get_string_member (depot, "level"), ==, "AAAA");
  g_assert_cmpfloat (json_object_get_double_member (depot, "score"), ==, 90.0);
  depot = json_array_get_object_element (depots, 2);
  g_assert_cmpstr (json_object_get_string_member (depot, "depot"), ==, "D3");
  g_assert_cmpstr (json_object_get_string_member (depot, "level"), ==, "none");
  g_assert_true (is_null (depot, "score"));
}

static void
test_text_and_errors (void)
{
  g_autofree char *db = fixture_db ();
  g_autofree char *missing = test_temp_db ();

  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "grade", "--db", db, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "  L-P  Mid/late indica paddy  Grade 4  limits not met  Slightly unsuitable"
                                       "  [GB 1350-2009, GB/T 20569-2006]  (unconfirmed threshold)\n"));
    g_assert_nonnull (strstr (run.out, "  D2  城北库  AAAA  90.0\n"));
  }
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "grade", "--db", db, "--format", "xml", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.err, ==, "granary-cli: --format must be text or json, not “xml”\n");
  }
  {
    g_auto(Run) run = { 0 };
    g_autofree char *expected = g_strdup_printf ("granary-cli: no database at %s\n", missing);

    run_cli (&run, "grade", "--db", missing, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.err, ==, expected);
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
}

/* On the city demo every judged lot's grade and storage quality are the
 * ones the generator stored, and every depot with a decided assessment
 * has a final-stage score. */
static void
test_city_demo_consistent (void)
{
  g_autoptr(GrStore) store = test_new_store ();
  g_autoptr(GrStandards) standards = NULL;
  g_autoptr(GPtrArray) lots = NULL;
  g_autoptr(GPtrArray) depots = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint graded = 0, with_storage = 0, scored = 0, i = 0;

  g_assert_true (gr_demo_generate (store, GR_DEMO_CITY, 1, 1.0, "2026-11-25", NULL, NULL, &error));
  g_assert_no_error (error);
  standards = gr_standards_load (&error);
  g_assert_no_error (error);
  lots = gr_grading_lots (store, standards, &error);
  g_assert_no_error (error);
  depots = gr_grading_depots (store, &error);
  g_assert_no_error (error);

  stmt = gr_store_prepare (store, "SELECT id, grade, substandard, storage_quality FROM lots WHERE deleted = 0 ORDER BY id", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const GrLotGrade *lot = lots->pdata[i++];

      g_assert_cmpstr (lot->lot, ==, (const char *) sqlite3_column_text (stmt, 0));
      if (lot->judged && lot->judgement.graded)
        {
          g_assert_cmpint (lot->judgement.substandard, ==, sqlite3_column_int (stmt, 2));
          if (!lot->judgement.substandard)
            g_assert_cmpint (lot->judgement.grade, ==, sqlite3_column_int (stmt, 1));
          g_assert_true (lot->judgement.limits_met);
          graded++;
        }
      if (lot->judged && lot->judgement.has_storage)
        {
          g_assert_cmpstr (gr_storage_quality_to_string (lot->judgement.storage_quality), ==,
                           (const char *) sqlite3_column_text (stmt, 3));
          with_storage++;
        }
    }
  g_assert_cmpuint (i, ==, lots->len);
  g_assert_cmpuint (graded, >, 100);
  g_assert_cmpuint (with_storage, >, 100);

  /* 21 depots (清远 表2 row 13 counts 21 reserve depots). */
  g_assert_cmpuint (depots->len, ==, 21);
  for (i = 0; i < depots->len; i++)
    {
      const GrDepotGrade *depot = depots->pdata[i];

      if (depot->assessment != NULL)
        {
          g_assert_true (depot->has_score);
          scored++;
        }
    }
  g_assert_cmpuint (scored, ==, 21);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LC_ALL", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-grade/json-shape", test_json_shape);
  g_test_add_func ("/cli-grade/text-and-errors", test_text_and_errors);
  g_test_add_func ("/cli-grade/city-demo-consistent", test_city_demo_consistent);
  return g_test_run ();
}
