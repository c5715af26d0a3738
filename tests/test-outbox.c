/* test-outbox.c: every local change leaves an outbox row in the same transaction
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <signal.h>

#include "gr-outbox.h"
#include "gr-record-store.h"
#include "gr-schema.h"
#include "test-util.h"

static gint64
query_int (GrStore    *store,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
query_text (GrStore    *store,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* Import: one create per record (append for the append-only ones, and
 * for the signed inspection and the filed monthly report); the
 * same file again adds nothing; a changed field is a patch of that field
 * against the stored version; a tombstone is a delete. */
static void
test_import_records (void)
{
  g_autoptr(GrStore) store = test_city_store ();
  g_autofree char *text = test_fixture ("city-small.json");
  g_autofree char *fields = NULL;

  g_assert_cmpint (query_int (store, "SELECT count(*) FROM outbox"), ==, 26);
  /* 6 movements, 1 finding closure, inspection I-01, report MR-2026-01 */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM outbox WHERE op = 'append'"), ==, 6 + 1 + 1 + 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM outbox WHERE op = 'append'"
                                     " AND entity_id = 'MR-2026-01'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM outbox WHERE state = 'pending' AND base_version = 0"), ==, 26);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT mutation_id) FROM outbox"), ==, 26);
  /* in import order: referenced records first */
  {
    g_autofree char *first = query_text (store, "SELECT entity FROM outbox ORDER BY seq LIMIT 1");

    g_assert_cmpstr (first, ==, "enterprise");
  }

  test_import_ok (store, text, NULL);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM outbox"), ==, 26);

  /* As if the server had the plan at version 4. */
  g_assert_true (gr_store_exec (store, "UPDATE plans SET version = 4 WHERE id = 'P-01'", NULL));
  test_import_ok (store, DATASET_HEAD "\"plans\": [{\"id\": \"P-01\", \"enterprise\": \"E-QY-01\","
                         " \"variety\": \"paddy_late_indica\", \"quantity_t\": 32000, \"required_grade\": 3,"
                         " \"rotation_mode\": \"static\", \"valid_from\": \"2024-01-01\", \"valid_to\": \"2026-12-31\"}]}",
                  NULL);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM outbox"), ==, 27);
  fields = query_text (store, "SELECT op || ' ' || base_version || ' ' || payload FROM outbox ORDER BY seq DESC LIMIT 1");
  g_assert_cmpstr (fields, ==, "patch 4 {\"quantity_t\": 32000}");
  g_free (fields);

  test_import_ok (store, DATASET_HEAD "\"releases\": [{\"id\": \"R-01\", \"deleted\": true}]}", NULL);
  fields = query_text (store, "SELECT op || ' ' || entity || ' ' || entity_id FROM outbox ORDER BY seq DESC LIMIT 1");
  g_assert_cmpstr (fields, ==, "delete release R-01");
  g_assert_cmpint (gr_outbox_count_unsent (store), ==, 28);
}

/* A refused import leaves neither records nor outbox rows. */
static void
test_refused_import (void)
{
  g_autoptr(GrStore) store = test_new_store ();

  test_assert_refused (store, DATASET_HEAD "\"enterprises\": [{\"id\": \"E1\", \"name\": \"甲\", \"kind\": \"agent\"}],"
                                           " \"depots\": [{\"id\": \"D1\", \"enterprise\": \"E9\", \"name\": \"乙\"}]}",
                       -1, "~unknown enterprise");
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM outbox"), ==, 0);
}

/* A demo database, a scratch one and records from the server: no outbox. */
static void
test_untracked (void)
{
  g_autofree char *text = test_fixture ("city-small.json");
  g_autoptr(GrStore) demo = test_new_store ();
  g_autoptr(GrStore) synced = test_new_store ();
  g_autoptr(GError) error = NULL;

  g_assert_true (gr_store_set_meta (demo, "demo", "1", NULL));
  g_assert_false (gr_outbox_enabled (demo));
  test_import_ok (demo, text, NULL);
  g_assert_cmpint (query_int (demo, "SELECT count(*) FROM outbox"), ==, 0);

  g_assert_true (gr_import_data (synced, text, -1, GR_IMPORT_SYNCED, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (synced, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpint (gr_store_count (synced, "movements"), ==, 6);
}

/* DESIGN.md §3: an inspection's draft stays local; it syncs once signed. */
static void
test_inspection_draft (void)
{
  g_autoptr(GrStore) store = test_city_store ();
  const char *draft = DATASET_HEAD "\"inspections\": [{\"id\": \"I-09\", \"depot\": \"D-01\", \"date\": \"2026-06-01\","
                                   " \"kind\": \"random\"}]}";
  const char *signed_ = DATASET_HEAD "\"inspections\": [{\"id\": \"I-09\", \"depot\": \"D-01\", \"date\": \"2026-06-01\","
                                     " \"kind\": \"random\", \"signed_by\": [\"王芳\"], \"signed_on\": \"2026-06-01\"}]}";
  g_autofree char *row = NULL;

  test_import_ok (store, draft, NULL);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM outbox WHERE entity_id = 'I-09'"), ==, 0);
  test_import_ok (store, signed_, NULL);
  row = query_text (store, "SELECT op || ' ' || json_extract(payload, '$.signed_on') FROM outbox WHERE entity_id = 'I-09'");
  g_assert_cmpstr (row, ==, "append 2026-06-01");
}

/* SYNC.md §3.6: a monthly report not filed yet stays local; filed, it
 * syncs once as an append of the whole report, rows included. */
static void
test_report_draft (void)
{
  g_autoptr(GrStore) store = test_city_store ();
  const char *draft = DATASET_HEAD "\"monthly_reports\": [{\"id\": \"MR-2026-02\", \"enterprise\": \"E-QY-01\","
                                   " \"month\": \"2026-02\"}]}";
  const char *filed = DATASET_HEAD "\"monthly_reports\": [{\"id\": \"MR-2026-02\", \"enterprise\": \"E-QY-01\","
                                   " \"month\": \"2026-02\", \"filed_on\": \"2026-03-04\", \"rows\": [{\"depot\": \"D-01\","
                                   " \"variety\": \"rice\", \"opening_t\": 1256, \"in_t\": 0, \"out_t\": 0, \"closing_t\": 1256}]}]}";
  g_autofree char *row = NULL;

  test_import_ok (store, draft, NULL);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM outbox WHERE entity_id = 'MR-2026-02'"), ==, 0);
  test_import_ok (store, filed, NULL);
  row = query_text (store, "SELECT op || ' ' || base_version || ' ' || json_extract(payload, '$.filed_on') || ' '"
                           " || json_extract(payload, '$.rows[0].closing_t') FROM outbox WHERE entity_id = 'MR-2026-02'");
  g_assert_cmpstr (row, ==, "append 0 2026-03-04 1256");
}

/* UUID version 7: time-ordered, the version and variant bits set. */
static void
test_uuid_v7 (void)
{
  g_autofree char *a = gr_uuid_v7 ();
  g_autofree char *b = NULL;

  g_usleep (2000);
  b = gr_uuid_v7 ();
  g_assert_true (g_uuid_string_is_valid (a));
  g_assert_cmpint (a[14], ==, '7');
  g_assert_true (strchr ("89ab", a[19]) != NULL);
  g_assert_cmpint (strcmp (a, b), <, 0);
}

/* SYNC.md §4 test 1: kill -9 the writer at random points: the records
 * and their outbox rows are both there or both absent. */
static void
test_kill_during_import (void)
{
  const char *cli = g_getenv ("GRANARY_CLI");
  g_autoptr(GString) ndjson = g_string_new ("{\"format\": \"granary-dataset-ndjson\", \"version\": 1}\n");
  g_autofree char *dir = g_dir_make_tmp ("granary-test-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "big.ndjson", NULL);
  guint n_movements = 4000;
  GRand *rand = g_rand_new_with_seed (20260512);

  if (cli == NULL)
    {
      g_test_skip ("GRANARY_CLI is not set");
      return;
    }
  g_string_append (ndjson, "{\"type\": \"enterprise\", \"record\": {\"id\": \"E1\", \"name\": \"清远\", \"kind\": \"agent\"}}\n"
                           "{\"type\": \"depot\", \"record\": {\"id\": \"D1\", \"enterprise\": \"E1\", \"name\": \"库\"}}\n"
                           "{\"type\": \"bin\", \"record\": {\"id\": \"B1\", \"depot\": \"D1\", \"code\": \"P01\"}}\n"
                           "{\"type\": \"plan\", \"record\": {\"id\": \"P1\", \"enterprise\": \"E1\", \"variety\": \"wheat\","
                           " \"quantity_t\": 90000, \"rotation_mode\": \"static\", \"valid_from\": \"2024-01-01\"}}\n"
                           "{\"type\": \"lot\", \"record\": {\"id\": \"L1\", \"bin\": \"B1\", \"plan\": \"P1\","
                           " \"variety\": \"wheat\", \"entered_on\": \"2024-01-01\"}}\n");
  for (guint i = 0; i < n_movements; i++)
    g_string_append_printf (ndjson, "{\"type\": \"movement\", \"record\": {\"id\": \"M%05u\", \"lot\": \"L1\","
                                    " \"date\": \"2024-02-01\", \"kind\": \"intake\", \"quantity_t\": 1.5}}\n", i);
  g_string_append_printf (ndjson, "{\"type\": \"end\", \"records\": %u}\n", n_movements + 5);
  g_assert_true (g_file_set_contents (file, ndjson->str, ndjson->len, NULL));

  for (guint round = 0; round < 8; round++)
    {
      g_autofree char *db = g_strdup_printf ("%s/kill-%u.db", dir, round);
      const char *argv[] = { cli, "import", "--db", db, file, NULL };
      g_autoptr(GSubprocess) child = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                              G_SUBPROCESS_FLAGS_STDERR_SILENCE, NULL);
      g_autoptr(GrStore) store = NULL;
      gint64 records, rows;

      g_assert_nonnull (child);
      g_usleep (g_rand_int_range (rand, 5, 400) * 1000);
      g_subprocess_send_signal (child, SIGKILL);
      g_subprocess_wait (child, NULL, NULL);

      store = test_open_store (db);
      records = gr_store_count (store, "movements") + gr_store_count (store, "lots") + gr_store_count (store, "bins") +
                gr_store_count (store, "depots") + gr_store_count (store, "plans") +
                gr_store_count (store, "enterprises");
      rows = query_int (store, "SELECT count(*) FROM outbox");
      g_assert_cmpint (records, ==, rows);
      g_assert_true (records == 0 || records == n_movements + 5);
      g_assert_cmpint (query_int (store, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"),
                       ==, 0);
    }
  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/outbox/import", test_import_records);
  g_test_add_func ("/outbox/refused-import", test_refused_import);
  g_test_add_func ("/outbox/untracked", test_untracked);
  g_test_add_func ("/outbox/inspection-draft", test_inspection_draft);
  g_test_add_func ("/outbox/report-draft", test_report_draft);
  g_test_add_func ("/outbox/uuid-v7", test_uuid_v7);
  g_test_add_func ("/outbox/kill-during-import", test_kill_during_import);
  return g_test_run ();
}
