/* test-rules-check.c: `granary-cli check` (DESIGN.md §7) and the finding's JSON form (§4)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "gr-format.h"
#include "gr-ledger.h"
#include "rules-fixture.h"

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

/* Runs granary-cli in the C locale, so its output is untranslated. */
static void
run_cli (Run        *run,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *cli = g_getenv ("GRANARY_CLI");
  va_list args;
  int wait_status;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

/* A database with findings of several kinds: a plan below 75 % (中山
 * 第十七条: 10,000 t − 3,000 t − the synced lot's −2 t), a synced negative
 * lot (no article), a release order due (第二十七条), and monthly reports
 * missing (第十五条). */
static GrStore *
fixture_db (void)
{
  GrStore *store = fx_new ();

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "autonomous", "2025-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2025-11-15", 10000);
  fx_move (store, "l1", "2026-03-10", "rotate_out", 3000);
  fx_lot (store, "neg", "b2", "p1", "2026-02-01");
  fx_move (store, "neg", "2026-02-01", "intake", 10);
  fx_move (store, "neg", "2026-02-02", "rotate_out", 12);
  fx_plan (store, "p2", "e1", "rice", 1000, "autonomous", "2025-01-01", NULL);
  fx_stocked_lot (store, "r1", "b3", "p2", "2025-11-15", 1000);
  fx_release (store, "ZS-2026-01", "2026-02-15", "e1", "rice", 500);
  fx_settle (store, FALSE);
  g_assert_true (gr_store_set_meta (store, "profile", "zhongshan-2026", NULL));
  return store;
}

static JsonArray *
parse_array (const char *text,
             JsonParser *parser)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  return json_node_get_array (root);
}

static JsonObject *
find_object (JsonArray  *array,
             const char *rule)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_str_equal (json_object_get_string_member (o, "rule"), rule))
        return o;
    }
  g_error ("no %s finding", rule);
}

static void
assert_keys (JsonObject         *object,
             const char * const *keys)
{
  g_assert_cmpuint (json_object_get_size (object), ==, g_strv_length ((char **) keys));
  for (guint i = 0; keys[i] != NULL; i++)
    g_assert_true (json_object_has_member (object, keys[i]));
}

/* DESIGN.md §4: rule, severity, subject {type, id}, due, message,
 * citation {document, article} or null — and nothing else. */
static void
test_json_shape (void)
{
  static const char * const keys[] = { "rule", "severity", "subject", "due", "message", "citation", NULL };
  static const char * const subject_keys[] = { "type", "id", NULL };
  static const char * const citation_keys[] = { "document", "article", NULL };
  static const char * const severities[] = { "violation", "warning", "info", NULL };
  g_autoptr(GrStore) store = fixture_db ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0 };
  JsonArray *array;
  JsonObject *o, *subject, *citation;

  run_cli (&run, "check", "--db", gr_store_get_path (store), "--as-of", "2026-03-31", "--format", "json", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  array = parse_array (run.out, parser);
  g_assert_cmpuint (json_array_get_length (array), >=, 4);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *due, *cite;

      o = json_array_get_object_element (array, i);
      assert_keys (o, keys);
      g_assert_true (g_strv_contains (severities, json_object_get_string_member (o, "severity")));
      subject = json_object_get_object_member (o, "subject");
      assert_keys (subject, subject_keys);
      due = json_object_get_member (o, "due");
      g_assert_true (JSON_NODE_HOLDS_NULL (due) || gr_date_parse (json_node_get_string (due), NULL));
      g_assert_cmpstr (json_object_get_string_member (o, "message"), !=, "");
      cite = json_object_get_member (o, "citation");
      if (!JSON_NODE_HOLDS_NULL (cite))
        assert_keys (json_node_get_object (cite), citation_keys);
    }

  /* 中山 第十七条: 6,998 t of 10,000 t on 2026-03-10. */
  o = find_object (array, "stock.min_ratio");
  g_assert_cmpstr (json_object_get_string_member (o, "severity"), ==, "violation");
  subject = json_object_get_object_member (o, "subject");
  g_assert_cmpstr (json_object_get_string_member (subject, "type"), ==, "plan");
  g_assert_cmpstr (json_object_get_string_member (subject, "id"), ==, "p1");
  g_assert_true (json_object_get_null_member (o, "due"));
  fx_assert_has (json_object_get_string_member (o, "message"), "6,998");
  fx_assert_has (json_object_get_string_member (o, "message"), "2026-03-10");
  citation = json_object_get_object_member (o, "citation");
  g_assert_cmpstr (json_object_get_string_member (citation, "document"), ==, "中山市市级储备粮自主轮换储备管理实施细则");
  g_assert_cmpstr (json_object_get_string_member (citation, "article"), ==, "第十七条");

  /* A synced negative balance: citation null. */
  o = find_object (array, "stock.negative");
  subject = json_object_get_object_member (o, "subject");
  g_assert_cmpstr (json_object_get_string_member (subject, "type"), ==, "lot");
  g_assert_cmpstr (json_object_get_string_member (subject, "id"), ==, "neg");
  g_assert_true (json_object_get_null_member (o, "citation"));
  fx_assert_has (json_object_get_string_member (o, "message"), "-2 ");

  /* 中山 第二十七条: replenish within 12 months. */
  o = find_object (array, "release.replenish");
  g_assert_cmpstr (json_object_get_string_member (o, "severity"), ==, "warning");
  subject = json_object_get_object_member (o, "subject");
  g_assert_cmpstr (json_object_get_string_member (subject, "type"), ==, "release");
  g_assert_cmpstr (json_object_get_string_member (subject, "id"), ==, "ZS-2026-01");
  g_assert_cmpstr (json_object_get_string_member (o, "due"), ==, "2027-02-15");

  /* Sorted by severity, rule, subject id, due. */
  for (guint i = 1; i < json_array_get_length (array); i++)
    {
      JsonObject *a = json_array_get_object_element (array, i - 1);
      JsonObject *b = json_array_get_object_element (array, i);
      int sa = g_strv_length ((char **) severities), sb = sa;

      for (int s = 0; severities[s] != NULL; s++)
        {
          if (g_str_equal (severities[s], json_object_get_string_member (a, "severity")))
            sa = s;
          if (g_str_equal (severities[s], json_object_get_string_member (b, "severity")))
            sb = s;
        }
      g_assert_cmpint (sa, <=, sb);
      if (sa == sb)
        g_assert_cmpint (strcmp (json_object_get_string_member (a, "rule"),
                                 json_object_get_string_member (b, "rule")), <=, 0);
    }
}

/* Text: grouped by severity, violations first; exit 0 with findings. */
static void
test_text (void)
{
  g_autoptr(GrStore) store = fixture_db ();
  g_auto(Run) run = { 0 };
  const char *violation, *warning;

  run_cli (&run, "check", "--db", gr_store_get_path (store), "--as-of", "2026-03-31", NULL);
  g_assert_cmpint (run.status, ==, 0);
  fx_assert_has (run.out, "zhongshan-2026");
  fx_assert_has (run.out, "2026-03-31");
  violation = strstr (run.out, "[stock.min_ratio]");
  warning = strstr (run.out, "[release.replenish]");
  g_assert_nonnull (violation);
  g_assert_nonnull (warning);
  g_assert_true (violation < warning);
  fx_assert_has (run.out, "第十七条");
  fx_assert_has (run.out, "2027-02-15");
}

/* --profile overrides the database's profile for one command. */
static void
test_profile_override (void)
{
  g_autoptr(GrStore) store = fixture_db ();
  g_autoptr(JsonParser) zhongshan_parser = json_parser_new ();
  g_autoptr(JsonParser) dongguan_parser = json_parser_new ();
  g_auto(Run) zhongshan = { 0 };
  g_auto(Run) dongguan = { 0 };
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "profiles", "dongguan-2025.json", NULL);
  JsonArray *a, *b;
  gboolean monthly = FALSE;

  run_cli (&zhongshan, "check", "--db", gr_store_get_path (store), "--as-of", "2026-03-31", "--format", "json", NULL);
  run_cli (&dongguan, "check", "--db", gr_store_get_path (store), "--as-of", "2026-03-31", "--format", "json",
           "--profile", path, NULL);
  g_assert_cmpint (dongguan.status, ==, 0);
  a = parse_array (zhongshan.out, zhongshan_parser);
  b = parse_array (dongguan.out, dongguan_parser);
  /* 中山 第十五条 only: monthly reports. */
  for (guint i = 0; i < json_array_get_length (a); i++)
    monthly |= g_str_equal (json_object_get_string_member (json_array_get_object_element (a, i), "rule"), "report.monthly");
  g_assert_true (monthly);
  for (guint i = 0; i < json_array_get_length (b); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (b, i), "rule"), !=, "report.monthly");
  /* and still unchanged in the database */
  {
    g_autofree char *stored = gr_store_get_meta (store, "profile");

    g_assert_cmpstr (stored, ==, "zhongshan-2026");
  }
}

/* Bad input: one line on stderr, non-zero, nothing created or changed. */
static void
test_errors (void)
{
  g_autoptr(GrStore) store = fixture_db ();
  g_autofree char *nowhere = g_build_filename (g_get_user_data_dir (), "none.db", NULL);
  const char *db = gr_store_get_path (store);
  struct {
    const char *args[8];
    int         status;
    const char *names;
  } cases[] = {
    { { "check", "--db", db, "--as-of", "2026-02-30", NULL }, 2, "2026-02-30" },
    { { "check", "--db", db, "--format", "xml", NULL }, 2, "xml" },
    { { "check", "--db", db, "--profile", "shenzhen-2030", NULL }, 1, "shenzhen-2030" },
    { { "check", "--db", nowhere, "--profile", "zhongshan-2026", NULL }, 1, "none.db" },
    { { "check", "--db", db, "extra", NULL }, 2, "check" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      const char **a = cases[i].args;

      run_cli (&run, a[0], a[1], a[2], a[3], a[4], a[5], a[6], NULL);
      g_assert_cmpint (run.status, ==, cases[i].status);
      g_assert_cmpstr (run.out, ==, "");
      fx_assert_has (run.err, cases[i].names);
      g_assert_cmpint (strchr (run.err, '\n') - run.err, ==, (int) strlen (run.err) - 1);
    }
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));

  /* No profile in the database and none given. */
  {
    g_autoptr(GrStore) bare = fx_new ();
    g_auto(Run) run = { 0 };

    run_cli (&run, "check", "--db", gr_store_get_path (bare), NULL);
    g_assert_cmpint (run.status, ==, 1);
    fx_assert_has (run.err, "--profile");
  }
}

/* A clean database: exit 0 and an empty array. */
static void
test_no_findings (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_auto(Run) run = { 0 };

  run_cli (&run, "check", "--db", gr_store_get_path (store), "--profile", "dongguan-2025",
           "--as-of", "2026-03-31", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (g_strstrip (run.out), ==, "[]");
}

/* The fast writer and json-glib agree, escapes included. */
static void
test_json_writer (void)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_finding_free);
  GrFinding *f;

  f = gr_finding_new ("stock.min_ratio", GR_SEVERITY_VIOLATION, "plan", "p\"1");
  f->message = g_strdup ("中晚籼稻 计划 10,000 吨，\"引号\" \\ 反斜杠\n换行\t\001");
  f->document = g_strdup ("东莞市政府储备粮管理办法");
  f->article = g_strdup ("第十五条");
  g_ptr_array_add (findings, f);
  f = gr_finding_new ("stock.negative", GR_SEVERITY_WARNING, "lot", "l1");
  f->due = g_strdup ("2026-03-31");
  f->message = g_strdup ("");
  g_ptr_array_add (findings, f);

  for (int pretty = 0; pretty <= 1; pretty++)
    {
      g_autoptr(JsonNode) expected = gr_findings_to_json (findings);
      g_autofree char *text = gr_findings_to_json_string (findings, pretty);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      json_parser_load_from_data (parser, text, -1, &error);
      g_assert_no_error (error);
      g_assert_true (json_node_equal (expected, json_parser_get_root (parser)));
    }
  g_ptr_array_set_size (findings, 0);
  {
    g_autofree char *empty = gr_findings_to_json_string (findings, TRUE);

    g_assert_cmpstr (empty, ==, "[]");
  }
}

/* The city demo (seed 1, history to 2026-11-25) under its own profile,
 * Dongguan: the rules the demo's planted cases break all show, each with
 * its article of 东府规〔2025〕5号. */
static void
test_city_demo (void)
{
  static const char * const expected[] = {
    "stock.min_ratio", "age.limit", "rotation.vacancy", "release.replenish",
    "quality.storage", "quality.grade", "storage.segregation", NULL
  };
  g_autofree char *db = g_build_filename (g_get_user_data_dir (), "city.db", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) rules = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(Run) demo = { 0 };
  g_auto(Run) check = { 0 };
  JsonArray *array;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  run_cli (&demo, "demo", "--scale", "city", "--seed", "1", "--today", "2026-11-25", "--db", db, NULL);
  g_assert_cmpint (demo.status, ==, 0);
  run_cli (&check, "check", "--db", db, "--as-of", "2026-11-25", "--format", "json", NULL);
  g_assert_cmpint (check.status, ==, 0);
  array = parse_array (check.out, parser);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      JsonNode *citation = json_object_get_member (o, "citation");

      g_hash_table_add (rules, (gpointer) json_object_get_string_member (o, "rule"));
      if (!JSON_NODE_HOLDS_NULL (citation))
        g_assert_cmpstr (json_object_get_string_member (json_node_get_object (citation), "document"), ==,
                         "东莞市政府储备粮管理办法");
    }
  for (guint i = 0; expected[i] != NULL; i++)
    if (!g_hash_table_contains (rules, expected[i]))
      g_error ("the city demo gives no %s finding", expected[i]);
  /* Dongguan has no monthly-report or full-month rule. */
  g_assert_false (g_hash_table_contains (rules, "report.monthly"));
  g_assert_false (g_hash_table_contains (rules, "stock.full_month"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/check/json-writer", test_json_writer);
  g_test_add_func ("/check/json-shape", test_json_shape);
  g_test_add_func ("/check/text", test_text);
  g_test_add_func ("/check/profile-override", test_profile_override);
  g_test_add_func ("/check/errors", test_errors);
  g_test_add_func ("/check/no-findings", test_no_findings);
  g_test_add_func ("/check/city-demo", test_city_demo);

  return g_test_run ();
}
