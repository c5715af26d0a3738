/* test-sync.c: the core sync client against granary-server on a real PostgreSQL
 *
 * The fault tests of SYNC.md §4 that involve the client: a crash after a
 * push was sent (2), in the middle of a pull page (3), a failed push
 * retried by the timer alone (12), two clients editing one plan (13),
 * twenty devices posting movements offline (15), clock skew (18), two
 * clients converging after random offline edits, and a filed monthly
 * report reaching the company's other device.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "gr-http-test.h"
#include "gr-inspection.h"
#include "gr-inspection-list.h"
#include "gr-json-writer.h"
#include "gr-ledger.h"
#include "gr-outbox.h"
#include "gr-record-store.h"
#include "gr-report-monthly.h"
#include "gr-sync.h"
#include "gr-sync-backoff.h"
#include "gr-sync-client.h"
#include "gr-sync-scheduler.h"
#include "test-util.h"

#define PLAN_P01(quantity, valid_to) \
  DATASET_HEAD "\"plans\": [{\"id\": \"P-01\", \"enterprise\": \"E-QY-01\", \"variety\": \"paddy_late_indica\"," \
  " \"quantity_t\": " quantity ", \"required_grade\": 3, \"rotation_mode\": \"static\", \"valid_from\": \"2024-01-01\"," \
  " \"valid_to\": \"" valid_to "\"}]}"

typedef struct {
  char          *path;
  GrStore       *store;
  GrSyncOptions  options;
  char          *user;
  char          *url;
} Client;

static void
client_free (Client *client)
{
  g_clear_object (&client->store);
  g_free (client->path);
  g_free (client->user);
  g_free (client->url);
  g_free (client);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Client, client_free)

static Client *
client_new (TestServer *server,
            const char *user)
{
  Client *client = g_new0 (Client, 1);

  client->path = test_temp_db ();
  client->store = test_open_store (client->path);
  client->user = g_strdup (user);
  client->url = g_strdup (server->url);
  gr_sync_options_init (&client->options);
  client->options.server = client->url;
  client->options.user = client->user;
  client->options.password = TEST_PASSWORD;
  client->options.backoff_base_ms = 50;
  client->options.backoff_cap_ms = 500;
  client->options.max_attempts = 3;
  client->options.verify = GR_SYNC_VERIFY_ALWAYS;
  return client;
}

static gboolean
client_sync (Client        *client,
             GrSyncReport  *report,
             GError       **error)
{
  return gr_sync_run (client->store, &client->options, report, NULL, error);
}

/* A full cycle that must succeed; the number of issues it reported. */
static guint
client_sync_ok (Client *client)
{
  GrSyncReport report;
  g_autoptr(GError) error = NULL;
  guint issues;

  gr_sync_report_init (&report);
  if (!client_sync (client, &report, &error))
    g_error ("sync as %s: %s", client->user, error->message);
  issues = report.issues->len;
  gr_sync_report_clear (&report);
  return issues;
}

static void
client_import (Client     *client,
               const char *json)
{
  test_import_ok (client->store, json, NULL);
}

static gint64
client_int (Client     *client,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (client->store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
client_text (Client     *client,
             const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (client->store, sql, NULL);

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static TestServer *
city_server (void)
{
  return test_city_server ();
}

static int
compare_by_id (gconstpointer a,
               gconstpointer b)
{
  JsonNode *x = *(JsonNode **) a;
  JsonNode *y = *(JsonNode **) b;

  return g_strcmp0 (json_object_get_string_member (json_node_get_object (x), "id"),
                    json_object_get_string_member (json_node_get_object (y), "id"));
}

/* The export as text, each entity's records sorted by id: the order of
 * an export is the order records were stored in, which differs between
 * devices that received them in another order. */
static char *
export_of (Client *client)
{
  g_autofree char *text = test_export (client->store, FALSE);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  GString *out = g_string_new (NULL);

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  json_object_iter_init_ordered (&iter, root);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      g_string_append_printf (out, "%s:\n", name);
      if (JSON_NODE_HOLDS_ARRAY (member))
        {
          g_autoptr(GPtrArray) records = g_ptr_array_new ();
          JsonArray *array = json_node_get_array (member);

          for (guint i = 0; i < json_array_get_length (array); i++)
            g_ptr_array_add (records, json_array_get_element (array, i));
          g_ptr_array_sort (records, compare_by_id);
          for (guint i = 0; i < records->len; i++)
            {
              g_autofree char *record = gr_json_node_to_text (records->pdata[i]);

              g_string_append_printf (out, "  %s\n", record);
            }
        }
      else
        {
          g_autofree char *value = gr_json_node_to_text (member);

          g_string_append_printf (out, "  %s\n", value);
        }
    }
  return g_string_free (out, FALSE);
}

/* ---- Tests ---- */

/* An inspection stays local as a draft; once signed it goes with its
 * photo (SYNC.md §3.4: the photo by its hash first) and shows as synced.
 * An inspector holds only the depots assigned to them (DESIGN.md §6), so
 * another depot cannot even be started. */
static void
test_inspection_photo (void)
{
  static const guchar png[] = {
    0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R',
    0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde,
    0, 0, 0, 0x0c, 'I', 'D', 'A', 'T', 0x08, 0xd7, 0x63, 0xf8, 0xcf, 0xc0, 0, 0, 0x03, 0x01, 0x01, 0, 0x18,
    0xdd, 0x8d, 0xb0, 0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82,
  };
  g_autoptr(TestServer) server = city_server ();
  g_autoptr(Client) inspector = NULL;
  g_autoptr(GrStandards) standards = NULL;
  g_autoptr(GrInspection) draft = NULL;
  g_autoptr(GrInspection) elsewhere = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL, *photo = NULL, *hash = NULL, *sql = NULL;
  g_autofree char *stored = NULL, *record = NULL;
  const char *names[] = { "王芳", NULL };
  GrSyncReport report;

  if (server == NULL)
    return;
  standards = gr_standards_load (&error);
  g_assert_no_error (error);
  inspector = client_new (server, "insp1");
  g_assert_cmpuint (client_sync_ok (inspector), ==, 0);

  elsewhere = gr_inspection_create (inspector->store, standards, "D-02", "2026-06-08", "random", "2026-06-10", &error);
  g_assert_null (elsewhere);
  g_assert_error (error, GR_ERROR, GR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  draft = gr_inspection_create (inspector->store, standards, "D-01", "2026-06-08", "random", "2026-06-10", &error);
  g_assert_no_error (error);
  dir = g_path_get_dirname (inspector->path);
  photo = g_build_filename (dir, "site.png", NULL);
  g_assert_true (g_file_set_contents (photo, (const char *) png, sizeof png, NULL));
  g_assert_true (gr_inspection_set_inspectors (draft, names, &error));
  g_assert_true (gr_inspection_set_reading (draft, "B-01", GR_READING_TEMP_AVG, 18.5, &error));
  g_assert_true (gr_inspection_add_photo (draft, photo, &hash, &error));
  g_assert_no_error (error);

  /* A draft: nothing to send. */
  gr_sync_report_init (&report);
  g_assert_true (client_sync (inspector, &report, &error));
  g_assert_cmpuint (report.pushed, ==, 0);
  gr_sync_report_clear (&report);

  g_assert_true (gr_inspection_sign (draft, "李建国", "2026-06-10", &error));
  g_assert_no_error (error);
  gr_sync_report_init (&report);
  g_assert_true (client_sync (inspector, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.pushed, ==, 1);
  g_assert_cmpuint (report.issues->len, ==, 0);
  gr_sync_report_clear (&report);

  sql = g_strdup_printf ("SELECT size FROM blobs WHERE sha256 = '%s'", hash);
  stored = gr_pg_harness_query_text (server->conn, sql);
  g_assert_cmpstr (stored, ==, "69");
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT data::json->>'signed_on' FROM records WHERE entity = 'inspection' AND id = '%s'",
                         gr_inspection_get_id (draft));
  record = gr_pg_harness_query_text (server->conn, sql);
  g_assert_cmpstr (record, ==, "2026-06-10");

  list = gr_inspection_list (inspector->store, "D-01", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      GrInspectionSummary *s = list->pdata[i];

      g_assert_cmpint (s->state, ==, GR_INSPECTION_SYNCED);
      g_assert_false (s->pending);
    }
}

/* Every record's content hash is the one this client works out
 * (gr_record_hash), whether the download took the server's or not. */
static void
assert_own_hashes (GrStore *store)
{
  guint n_entities;
  const GrEntity * const *entities = gr_schema_entities (&n_entities);
  guint checked = 0;

  for (guint e = 0; e < n_entities; e++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GrRecordReader) reader = gr_record_reader_new (store, entities[e], &error);
      g_autofree char *sql = g_strdup_printf ("SELECT content_hash FROM \"%s\" WHERE id = ?1", entities[e]->table);
      g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, sql, &error);

      g_assert_no_error (error);
      for (;;)
        {
          g_autoptr(GrRecord) record = NULL;
          g_autofree char *hash = NULL;

          g_assert_true (gr_record_reader_next (reader, &record, &error));
          if (record == NULL)
            break;
          hash = gr_record_hash (record);
          sqlite3_bind_text (stmt, 1, record->id, -1, SQLITE_STATIC);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, hash);
          sqlite3_reset (stmt);
          checked++;
        }
    }
  g_assert_cmpuint (checked, >, 0);
}

/* The first sync downloads the user's scope by snapshot, then nothing. */
static void
test_first_download (void)
{
  g_autoptr(TestServer) server = city_server ();
  g_autoptr(Client) company = NULL;
  g_autoptr(Client) inspector = NULL;
  GrSyncReport report;
  g_autoptr(GError) error = NULL;

  if (server == NULL)
    return;
  company = client_new (server, "co1");
  gr_sync_report_init (&report);
  g_assert_true (client_sync (company, &report, &error));
  g_assert_no_error (error);
  /* E-QY-01's records of the fixture: everything but E-QY-02, D-02, B-03,
   * P-03, L-03 and its two movements */
  g_assert_cmpuint (report.from_snapshot, ==, 26 - 7);
  g_assert_cmpuint (report.pulled, ==, 26 - 7);
  g_assert_true (report.verified);
  g_assert_null (report.mismatch);
  gr_sync_report_clear (&report);
  g_assert_cmpint (gr_store_count (company->store, "enterprises"), ==, 1);
  g_assert_cmpint (gr_store_count (company->store, "movements"), ==, 4);
  /* L-01: 5000 in, 2000.5 out, 2000.5 back in */
  g_assert_cmpint (gr_ledger_lot_balance (company->store, "L-01", NULL), ==, 5000000);
  g_assert_cmpint (client_int (company, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpint (client_int (company, "SELECT min(version) FROM lots"), ==, 1);
  assert_own_hashes (company->store);

  gr_sync_report_init (&report);
  g_assert_true (client_sync (company, &report, &error));
  g_assert_cmpuint (report.pulled, ==, 0);
  g_assert_cmpuint (report.pushed, ==, 0);
  gr_sync_report_clear (&report);

  /* An inspector of D-01: no rotation plans nor assessments (DESIGN.md §6) */
  inspector = client_new (server, "insp1");
  g_assert_cmpuint (client_sync_ok (inspector), ==, 0);
  g_assert_cmpint (gr_store_count (inspector->store, "rotation_plans"), ==, 0);
  g_assert_cmpint (gr_store_count (inspector->store, "depot_assessments"), ==, 0);
  g_assert_cmpint (gr_store_count (inspector->store, "inspections"), ==, 1);
  g_assert_cmpint (gr_store_count (inspector->store, "plans"), ==, 2);
}

/* Cancels the download after its fourth page of 700. */
static void
stop_after (guint64  done,
            guint64  total,
            gpointer data)
{
  if (done >= 4 * 700)
    g_cancellable_cancel (data);
}

/* The ledger of a download as an ordinary rebuild leaves it: the
 * balances, month-end stock and rotation queues are kept aside, the
 * ledger rebuilt from the movements table, and both compared. */
static void
assert_ledger_as_rebuilt (Client *client)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gr_store_exec (client->store,
                                "CREATE TEMP TABLE kept_lots AS SELECT id, balance_kg FROM lots;"
                                "CREATE TEMP TABLE kept_stock AS SELECT * FROM plan_month_stock;"
                                "CREATE TEMP TABLE kept_queues AS SELECT * FROM plan_rotation_state;", &error));
  g_assert_true (gr_store_begin (client->store, NULL));
  g_assert_true (gr_ledger_rebuild_all (client->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (client_int (client, "SELECT count(*) FROM (SELECT id, balance_kg FROM lots"
                                       " EXCEPT SELECT * FROM temp.kept_lots)"), ==, 0);
  g_assert_cmpint (client_int (client, "SELECT count(*) FROM (SELECT * FROM plan_month_stock"
                                       " EXCEPT SELECT * FROM temp.kept_stock)"), ==, 0);
  g_assert_cmpint (client_int (client, "SELECT count(*) FROM (SELECT * FROM temp.kept_stock"
                                       " EXCEPT SELECT * FROM plan_month_stock)"), ==, 0);
  g_assert_cmpint (client_int (client, "SELECT count(*) FROM (SELECT * FROM plan_rotation_state"
                                       " EXCEPT SELECT * FROM temp.kept_queues)"), ==, 0);
  g_assert_cmpint (client_int (client, "SELECT count(*) FROM (SELECT * FROM temp.kept_queues"
                                       " EXCEPT SELECT * FROM plan_rotation_state)"), ==, 0);
  gr_store_rollback (client->store);
  g_assert_true (gr_store_exec (client->store, "DROP TABLE temp.kept_lots; DROP TABLE temp.kept_stock;"
                                               " DROP TABLE temp.kept_queues", NULL));
}

/* The city demo on a server, downloaded whole by the bureau in pages of
 * 700: the ledger the download leaves (its movements summed as the pages
 * came) is the one a rebuild from the movements table gives, and the
 * demo's own; a download stopped half way and resumed gives it too (it
 * reads the movements back). */
static void
test_first_download_ledger (void)
{
  g_autoptr(TestServer) server = test_server_new ();
  g_autofree char *dir = NULL;
  g_autofree char *demo = NULL;
  g_autofree char *ndjson = NULL;
  g_autoptr(Client) bureau = NULL;
  g_autoptr(Client) resumed = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GrSyncReport report;
  g_autoptr(GError) error = NULL;

  if (server == NULL)
    return;
  dir = g_dir_make_tmp ("granary-test-XXXXXX", NULL);
  demo = g_build_filename (dir, "demo.db", NULL);
  ndjson = g_build_filename (dir, "demo.ndjson", NULL);
  {
    const char *make[] = { g_getenv ("GRANARY_CLI"), "demo", "--scale", "city", "--today", "2026-11-25", "--db", demo, NULL };
    const char *dump[] = { g_getenv ("GRANARY_CLI"), "export", "--ndjson", "--db", demo, "-o", ndjson, NULL };
    const char *load[] = { "import", ndjson, "--database", server->conninfo, NULL };
    g_autoptr(GSubprocess) p = g_subprocess_newv (make, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
    g_autoptr(GSubprocess) q = NULL;
    g_autofree char *err = NULL;

    g_assert_true (g_subprocess_wait_check (p, NULL, &error));
    q = g_subprocess_newv (dump, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
    g_assert_true (g_subprocess_wait_check (q, NULL, &error));
    g_assert_no_error (error);
    if (gr_server_run_admin (load, NULL, NULL, &err) != 0)
      g_error ("import: %s", err);
  }

  bureau = client_new (server, "bureau");
  bureau->options.snapshot_limit = 700;
  g_assert_cmpuint (client_sync_ok (bureau), ==, 0);
  g_assert_cmpint (gr_store_count (bureau->store, "movements"), >, 10000);
  assert_ledger_as_rebuilt (bureau);
  {
    g_autofree char *sql = g_strdup_printf ("ATTACH DATABASE '%s' AS demo", demo);

    g_assert_true (gr_store_exec (bureau->store, sql, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (client_int (bureau, "SELECT count(*) FROM (SELECT id, balance_kg FROM main.lots"
                                       " EXCEPT SELECT id, balance_kg FROM demo.lots)"), ==, 0);
  g_assert_cmpint (client_int (bureau, "SELECT count(*) FROM (SELECT * FROM main.plan_month_stock"
                                       " EXCEPT SELECT * FROM demo.plan_month_stock)"), ==, 0);
  /* each lot's latest test date, which the download's pages did not keep */
  g_assert_cmpint (client_int (bureau, "SELECT count(*) FROM demo.lots WHERE tested_on IS NOT NULL"), >, 100);
  g_assert_cmpint (client_int (bureau, "SELECT count(*) FROM (SELECT id, tested_on FROM main.lots"
                                       " EXCEPT SELECT id, tested_on FROM demo.lots)"), ==, 0);
  g_assert_true (gr_store_exec (bureau->store, "DETACH DATABASE demo", NULL));

  /* stopped after the fourth page, then resumed */
  resumed = client_new (server, "bureau");
  resumed->options.snapshot_limit = 700;
  resumed->options.progress = stop_after;
  resumed->options.progress_data = cancellable;
  gr_sync_report_init (&report);
  g_assert_false (gr_sync_run (resumed->store, &resumed->options, &report, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  gr_sync_report_clear (&report);
  resumed->options.progress = NULL;
  g_assert_cmpuint (client_sync_ok (resumed), ==, 0);
  g_assert_cmpint (gr_store_count (resumed->store, "movements"), ==, gr_store_count (bureau->store, "movements"));
  assert_ledger_as_rebuilt (resumed);
}

typedef struct {
  Client   *other;
  gboolean  pushed;
} MidDownload;

static void
push_mid_download (guint64  done,
                   guint64  total,
                   gpointer data)
{
  MidDownload *mid = data;

  if (done >= 10 && !mid->pushed)
    {
      mid->pushed = TRUE;
      g_assert_cmpuint (client_sync_ok (mid->other), ==, 0);
    }
}

/* A record changes on the server after the first download took it: the
 * verify sent with the download's last page sees the older version here;
 * the change comes with the pull after the download, and the records
 * are then compared again and match (SYNC.md §3.10). */
static void
test_change_during_download (void)
{
  g_autoptr(TestServer) server = city_server ();
  g_autoptr(Client) editor = NULL;
  g_autoptr(Client) reader = NULL;
  MidDownload mid = { NULL, FALSE };
  GrSyncReport report;
  g_autoptr(GError) error = NULL;

  if (server == NULL)
    return;
  /* the bureau edits plans (DESIGN.md §6) */
  editor = client_new (server, "bureau");
  client_sync_ok (editor);
  client_import (editor, PLAN_P01 ("31000", "2026-12-31"));

  reader = client_new (server, "co1");
  reader->options.snapshot_limit = 5;
  reader->options.progress = push_mid_download;
  reader->options.progress_data = &mid;
  mid.other = editor;
  gr_sync_report_init (&report);
  g_assert_true (client_sync (reader, &report, &error));
  g_assert_no_error (error);
  g_assert_true (mid.pushed);
  g_assert_true (report.verified);
  g_assert_null (report.mismatch);
  gr_sync_report_clear (&report);
  /* 31,000 t: the editor's change, pulled after the download */
  g_assert_cmpint (client_int (reader, "SELECT quantity_kg FROM plans WHERE id = 'P-01'"), ==, 31000000);
}

/* DESIGN.md §6: what the role may not write comes back rejected and stays
 * local with the reason; a later change of it waits; the rest applies. */
static void
test_rejected_stays_local (void)
{
  g_autoptr(TestServer) server = city_server ();
  g_autoptr(Client) company = NULL;
  GrSyncReport report;
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  g_autofree char *server_quantity = NULL;

  if (server == NULL)
    return;
  company = client_new (server, "co1");
  client_sync_ok (company);
  client_import (company, PLAN_P01 ("31000", "2026-12-31"));
  client_import (company, PLAN_P01 ("31000", "2027-06-30"));
  client_import (company, DATASET_HEAD "\"movements\": [{\"id\": \"M-101\", \"lot\": \"L-01\", \"date\": \"2026-06-01\","
                                       " \"kind\": \"loss\", \"quantity_t\": 1.25}]}");

  gr_sync_report_init (&report);
  g_assert_true (client_sync (company, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.pushed, ==, 1);
  g_assert_cmpuint (report.issues->len, ==, 2);
  {
    GrSyncIssue *issue = report.issues->pdata[0];
    GrSyncIssue *behind = report.issues->pdata[1];

    g_assert_cmpstr (issue->status, ==, "rejected");
    g_assert_cmpstr (issue->entity, ==, "plan");
    g_assert_cmpstr (issue->code, ==, "forbidden");
    g_assert_cmpstr (issue->detail, ==, "only the bureau writes plan records");
    g_assert_cmpstr (behind->status, ==, "blocked");
    g_assert_cmpstr (behind->id, ==, "P-01");
  }
  gr_sync_report_clear (&report);

  state = client_text (company, "SELECT group_concat(state || ':' || coalesce(code, ''), ' ') FROM"
                                " (SELECT state, code FROM outbox WHERE entity = 'plan' ORDER BY seq)");
  g_assert_cmpstr (state, ==, "rejected:forbidden blocked:blocked");
  /* kept locally: 31,000 t and the later date */
  g_assert_cmpint (client_int (company, "SELECT quantity_kg FROM plans WHERE id = 'P-01'"), ==, 31000000);
  server_quantity = test_sql (server, "SELECT data::json->>'quantity_t' FROM records WHERE id = 'P-01'");
  g_assert_cmpstr (server_quantity, ==, "30000");
  g_assert_cmpint (gr_ledger_lot_balance (company->store, "L-01", NULL), ==, 5000000 - 1250);
  g_assert_cmpint (gr_outbox_count_unsent (company->store), ==, 2);
}

/* SYNC.md §4 test 2: the client dies after its push was sent and applied,
 * before it recorded the answer: the retry is a duplicate, nothing twice. */
static void
test_crash_after_push (void)
{
  g_autoptr(TestServer) server = city_server ();
  g_autoptr(Client) company = NULL;
  GrSyncReport report;
  g_autoptr(GError) error = NULL;
  g_autofree char *on_server = NULL;

  if (server == NULL)
    return;
  company = client_new (server, "co1");
  client_sync_ok (company);
  client_import (company, DATASET_HEAD "\"movements\": [{\"id\": \"M-201\", \"lot\": \"L-01\", \"date\": \"2026-06-01\","
                                       " \"kind\": \"intake\", \"quantity_t\": 100}]}");

  company->options.fault = GR_SYNC_FAULT_AFTER_PUSH_SENT;
  gr_sync_report_init (&report);
  g_assert_false (client_sync (company, &report, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  gr_sync_report_clear (&report);
  g_assert_cmpint (client_int (company, "SELECT count(*) FROM outbox WHERE state = 'pending'"), ==, 1);
  on_server = test_sql (server, "SELECT count(*) FROM records WHERE entity = 'movement' AND id = 'M-201'");
  g_assert_cmpstr (on_server, ==, "1");

  /* restarted: the same mutation again */
  company->options.fault = GR_SYNC_FAULT_NONE;
  gr_sync_report_init (&report);
  g_assert_true (client_sync (company, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.duplicates, ==, 1);
  g_assert_cmpuint (report.pushed, ==, 0);
  g_assert_true (report.verified);
  gr_sync_report_clear (&report);
  g_free (on_server);
  on_server = test_sql (server, "SELECT count(*) FROM change_log WHERE entity = 'movement' AND entity_id = 'M-201'");
  g_assert_cmpstr (on_server, ==, "1");
  g_assert_cmpint (gr_store_count (company->store, "movements"), ==, 5);
  g_assert_cmpint (gr_ledger_lot_balance (company->store, "L-01", NULL), ==, 5100000);
}

/* An append the server took as sent: the client's copy takes the
 * server's version, updated_at and updated_by from the push answer, so
 * that the pull that follows has nothing to write for it; a copy whose
 * content is no longer what was sent is left to the pull, which brings
 * the server's. */
static void
test_append_confirmed (void)
{
  g_autoptr(TestServer) server = city_server ();
  g_autoptr(Client) company = NULL;
  GrSyncReport report;
  g_autoptr(GError) error = NULL;
  const char *ids[] = { "M-701", "M-702" };

  if (server == NULL)
    return;
  company = client_new (server, "co1");
  client_sync_ok (company);
  client_import (company, DATASET_HEAD "\"movements\": [{\"id\": \"M-701\", \"lot\": \"L-01\", \"date\": \"2026-06-01\","
                                       " \"kind\": \"intake\", \"quantity_t\": 100}, {\"id\": \"M-702\", \"lot\": \"L-01\","
                                       " \"date\": \"2026-06-02\", \"kind\": \"intake\", \"quantity_t\": 50}]}");
  g_assert_true (gr_store_exec (company->store, "UPDATE movements SET content_hash = 'other' WHERE id = 'M-702'", NULL));

  gr_sync_report_init (&report);
  g_assert_true (client_sync (company, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.pushed, ==, 2);
  g_assert_cmpuint (report.pulled, ==, 1);
  g_assert_true (report.verified);
  gr_sync_report_clear (&report);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *server_sql = g_strdup_printf ("SELECT version || ' ' || (data::json->>'updated_at') || ' ' ||"
                                                     " (data::json->>'updated_by') || ' ' || content_hash FROM records"
                                                     " WHERE entity = 'movement' AND id = '%s'", ids[i]);
      g_autofree char *local_sql = g_strdup_printf ("SELECT version || ' ' || updated_at || ' ' || updated_by || ' ' ||"
                                                    " content_hash FROM movements WHERE id = '%s'", ids[i]);
      g_autofree char *on_server = test_sql (server, server_sql);
      g_autofree char *local = client_text (company, local_sql);

      g_assert_true (g_str_has_prefix (on_server, "1 "));
      g_assert_cmpstr (local, ==, on_server);
    }
  g_assert_cmpint (gr_ledger_lot_balance (company->store, "L-01", NULL), ==, 5150000);
}

/* SYNC.md §4 test 3: killed in the middle of a pull page: the page rolls
 * back with its cursor; the next sync resumes there, nothing missed or
 * twice (the result equals a fresh download). */
static void
test_crash_mid_pull (void)
{
  g_autoptr(TestServer) server = city_server ();
  g_autoptr(Client) bureau = NULL;
  g_autoptr(Client) company = NULL;
  g_autoptr(Client) fresh = NULL;
  g_autoptr(GString) movements = g_string_new (DATASET_HEAD "\"movements\": [");
  g_autofree char *cursor_before = NULL;
  g_autofree char *cursor_after = NULL;
  g_autofree char *ours = NULL;
  g_autofree char *theirs = NULL;
  GrSyncReport report;
  g_autoptr(GError) error = NULL;

  if (server == NULL)
    return;
  bureau = client_new (server, "bureau");
  client_sync_ok (bureau);
  company = client_new (server, "co1");
  client_sync_ok (company);
  for (guint i = 0; i < 7; i++)
    g_string_append_printf (movements, "%s{\"id\": \"M-3%02u\", \"lot\": \"L-02\", \"date\": \"2026-07-%02u\","
                                       " \"kind\": \"intake\", \"quantity_t\": %u}", i ? ", " : "", i, i + 1, i + 1);
  g_string_append (movements, "]}");
  client_import (company, movements->str);
  client_sync_ok (company);

  bureau->options.pull_limit = 2;
  bureau->options.fault = GR_SYNC_FAULT_MID_PULL_PAGE;
  bureau->options.fault_after = 1;
  cursor_before = gr_store_get_meta (bureau->store, "sync_cursor");
  gr_sync_report_init (&report);
  g_assert_false (client_sync (bureau, &report, &error));
  g_clear_error (&error);
  gr_sync_report_clear (&report);
  /* one page of two committed, the second rolled back */
  g_assert_cmpint (gr_store_count (bureau->store, "movements"), ==, 6 + 2);
  cursor_after = gr_store_get_meta (bureau->store, "sync_cursor");
  g_assert_cmpstr (cursor_before, !=, cursor_after);

  bureau->options.fault = GR_SYNC_FAULT_NONE;
  g_assert_cmpuint (client_sync_ok (bureau), ==, 0);
  g_assert_cmpint (gr_store_count (bureau->store, "movements"), ==, 6 + 7);
  /* 1256 + 1 + 2 + … + 7 */
  g_assert_cmpint (gr_ledger_lot_balance (bureau->store, "L-02", NULL), ==, 1256000 + 28000);

  fresh = client_new (server, "bureau2");
  client_sync_ok (fresh);
  ours = export_of (bureau);
  theirs = export_of (fresh);
  g_assert_cmpstr (ours, ==, theirs);
}

static void
count_cycle (GrSyncScheduler *scheduler,
             gboolean         ok,
             const char      *message,
             gpointer         user_data)
{
  guint *successes = user_data;

  if (ok)
    (*successes)++;
}

/* SYNC.md §4 test 12: a push fails (the server is down) and no local
 * write follows; the scheduler's timer alone retries it, within the
 * backoff cap, until it goes through. */
static void
test_retry_liveness (void)
{
  g_autoptr(TestServer) server = city_server ();
  g_autoptr(Client) company = NULL;
  g_autoptr(GrSyncScheduler) scheduler = NULL;
  g_autoptr(GMainContext) context = g_main_context_new ();
  guint successes = 0;
  gint64 deadline;
  g_autofree char *on_server = NULL;

  if (server == NULL)
    return;
  g_main_context_push_thread_default (context);
  company = client_new (server, "co1");
  client_sync_ok (company);
  client_import (company, DATASET_HEAD "\"movements\": [{\"id\": \"M-401\", \"lot\": \"L-01\", \"date\": \"2026-06-01\","
                                       " \"kind\": \"loss\", \"quantity_t\": 3}]}");
  gr_server_process_kill (server->process);

  company->options.max_attempts = 1;
  company->options.backoff_base_ms = 100;
  company->options.backoff_cap_ms = 800;
  scheduler = gr_sync_scheduler_new (company->path, &company->options, 3600);
  g_signal_connect (scheduler, "cycle-finished", G_CALLBACK (count_cycle), &successes);
  gr_sync_scheduler_start (scheduler);

  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (gr_sync_scheduler_get_failures (scheduler) < 3 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (context, TRUE);
  g_assert_cmpuint (gr_sync_scheduler_get_failures (scheduler), >=, 3);
  g_assert_true (gr_sync_scheduler_is_running (scheduler));

  test_server_restart (server);
  while (successes == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (context, TRUE);
  g_assert_cmpuint (successes, ==, 1);
  g_assert_cmpuint (gr_sync_scheduler_get_failures (scheduler), ==, 0);
  gr_sync_scheduler_stop (scheduler);
  g_main_context_pop_thread_default (context);

  on_server = test_sql (server, "SELECT count(*) FROM records WHERE id = 'M-401'");
  g_assert_cmpstr (on_server, ==, "1");
  g_assert_cmpint (client_int (company, "SELECT count(*) FROM outbox WHERE state = 'acked'"), ==, 1);
}

/* Full jitter under the cap, Retry-After as a floor (SYNC.md §3.9). */
static void
test_backoff (void)
{
  GRand *rand = g_rand_new_with_seed (7);

  for (guint attempt = 0; attempt < 12; attempt++)
    for (guint i = 0; i < 50; i++)
      {
        guint delay = gr_sync_backoff_delay (attempt, 1000, 300000, 0, rand);
        guint ceiling = MIN (300000, 1000u << MIN (attempt, 20));

        g_assert_cmpuint (delay, <=, ceiling);
      }
  g_assert_cmpuint (gr_sync_backoff_delay (0, 1000, 300000, 7000, rand), ==, 7000);
  g_assert_cmpuint (gr_sync_backoff_delay (30, 1000, 300000, 0, rand), <=, 300000);
  g_rand_free (rand);
}

/* Two bureau clients edit plan P-01 (SYNC.md §4 test 13). */
static void
run_same_plan (TestServer *server,
               gint64      offset_a,
               gint64      offset_b)
{
  g_autoptr(Client) a = client_new (server, "bureau");
  g_autoptr(Client) b = client_new (server, "bureau2");
  GrSyncReport report;
  g_autoptr(GError) error = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *on_server = NULL;
  gint64 conflict_id;

  gr_sync_clock_set_offset (offset_a);
  client_sync_ok (a);
  gr_sync_clock_set_offset (offset_b);
  client_sync_ok (b);

  /* disjoint fields merge */
  gr_sync_clock_set_offset (offset_a);
  client_import (a, PLAN_P01 ("32000", "2026-12-31"));
  gr_sync_clock_set_offset (offset_b);
  client_import (b, PLAN_P01 ("30000", "2027-12-31"));
  gr_sync_clock_set_offset (offset_a);
  g_assert_cmpuint (client_sync_ok (a), ==, 0);
  gr_sync_clock_set_offset (offset_b);
  g_assert_cmpuint (client_sync_ok (b), ==, 0);
  gr_sync_clock_set_offset (offset_a);
  g_assert_cmpuint (client_sync_ok (a), ==, 0);
  g_assert_cmpint (client_int (a, "SELECT quantity_kg FROM plans WHERE id = 'P-01'"), ==, 32000000);
  g_assert_cmpint (client_int (b, "SELECT quantity_kg FROM plans WHERE id = 'P-01'"), ==, 32000000);
  {
    g_autofree char *a_to = client_text (a, "SELECT valid_to FROM plans WHERE id = 'P-01'");
    g_autofree char *b_to = client_text (b, "SELECT valid_to FROM plans WHERE id = 'P-01'");

    g_assert_cmpstr (a_to, ==, "2027-12-31");
    g_assert_cmpstr (b_to, ==, "2027-12-31");
  }
  g_assert_cmpint (client_int (a, "SELECT version FROM plans WHERE id = 'P-01'"), ==, 3);
  g_assert_cmpint (client_int (b, "SELECT version FROM plans WHERE id = 'P-01'"), ==, 3);

  /* the same field: exactly one conflict, for the later writer */
  gr_sync_clock_set_offset (offset_a);
  client_import (a, PLAN_P01 ("33000", "2027-12-31"));
  gr_sync_clock_set_offset (offset_b);
  client_import (b, PLAN_P01 ("34000", "2027-12-31"));
  gr_sync_clock_set_offset (offset_a);
  g_assert_cmpuint (client_sync_ok (a), ==, 0);
  gr_sync_clock_set_offset (offset_b);
  gr_sync_report_init (&report);
  g_assert_true (client_sync (b, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.issues->len, ==, 1);
  g_assert_cmpstr (((GrSyncIssue *) report.issues->pdata[0])->status, ==, "conflict");
  g_assert_cmpstr (((GrSyncIssue *) report.issues->pdata[0])->fields, ==, "[\"quantity_t\"]");
  g_assert_cmpint (report.clock_skew, >=, -offset_b - 60);
  g_assert_cmpint (report.clock_skew, <=, -offset_b + 60);
  gr_sync_report_clear (&report);
  g_assert_cmpint (client_int (a, "SELECT count(*) FROM sync_conflicts"), ==, 0);
  g_assert_cmpint (client_int (b, "SELECT count(*) FROM sync_conflicts"), ==, 1);
  /* both values are in the inbox; the server's shows meanwhile */
  mine = client_text (b, "SELECT json_extract(mine, '$.quantity_t') FROM sync_conflicts");
  theirs = client_text (b, "SELECT json_extract(theirs, '$.quantity_t') FROM sync_conflicts");
  g_assert_cmpstr (mine, ==, "34000");
  g_assert_cmpstr (theirs, ==, "33000");
  g_assert_cmpint (client_int (b, "SELECT quantity_kg FROM plans WHERE id = 'P-01'"), ==, 33000000);

  /* Keep mine: sent again against the server's version, and it wins. */
  conflict_id = client_int (b, "SELECT id FROM sync_conflicts");
  g_assert_true (gr_sync_resolve (b->store, conflict_id, GR_SYNC_KEEP_MINE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (client_sync_ok (b), ==, 0);
  gr_sync_clock_set_offset (offset_a);
  g_assert_cmpuint (client_sync_ok (a), ==, 0);
  on_server = test_sql (server, "SELECT data::json->>'quantity_t' FROM records WHERE id = 'P-01'");
  g_assert_cmpstr (on_server, ==, "34000");
  g_assert_cmpint (client_int (a, "SELECT quantity_kg FROM plans WHERE id = 'P-01'"), ==, 34000000);
  g_assert_cmpint (client_int (b, "SELECT quantity_kg FROM plans WHERE id = 'P-01'"), ==, 34000000);
  gr_sync_clock_set_offset (0);
}

static void
test_same_plan (void)
{
  g_autoptr(TestServer) server = city_server ();

  if (server == NULL)
    return;
  run_same_plan (server, 0, 0);
}

/* SYNC.md §4 test 18: the clients' clocks are days and years off: the
 * merge and the conflict come out the same (server versions decide). */
static void
test_clock_skew (void)
{
  g_autoptr(TestServer) server = city_server ();

  if (server == NULL)
    return;
  run_same_plan (server, 5 * 365 * 86400, -86400);
}

typedef struct {
  Client  *client;
  gboolean ok;
  char    *message;
} SyncThread;

static gpointer
sync_thread (gpointer data)
{
  SyncThread *t = data;
  GrSyncReport report;
  g_autoptr(GError) error = NULL;

  gr_sync_report_init (&report);
  t->ok = client_sync (t->client, &report, &error);
  if (!t->ok)
    t->message = g_strdup (error->message);
  gr_sync_report_clear (&report);
  return NULL;
}

/* SYNC.md §4 test 15: twenty devices record movements of one lot offline
 * and sync at once: every device ends with the sum of all movements, the
 * negative result included (a synced movement is never refused,
 * DESIGN.md §3). */
static void
test_twenty_devices (void)
{
  g_autoptr(TestServer) server = city_server ();
  Client *clients[20];
  SyncThread threads[20];
  GThread *handles[20];
  gint64 expected = 5000000;
  g_autofree char *on_server = NULL;

  if (server == NULL)
    return;
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *json = NULL;
      g_autofree char *release = NULL;

      clients[i] = client_new (server, i % 2 ? "co1" : "co1b");
      client_sync_ok (clients[i]);
      /* Each device: an intake of i+1 t; devices 0 and 1 also take out
       * the whole 5,000 t they see, which is fine on each of them. */
      if (i < 2)
        release = g_strdup_printf (", {\"id\": \"M-6%02u\", \"lot\": \"L-01\", \"date\": \"2026-08-01\","
                                   " \"kind\": \"release\", \"quantity_t\": 5000}", i);
      json = g_strdup_printf (DATASET_HEAD "\"movements\": [{\"id\": \"M-5%02u\", \"lot\": \"L-01\", \"date\": \"2026-08-%02u\","
                                           " \"kind\": \"intake\", \"quantity_t\": %u}%s]}",
                              i, i + 1, i + 1, release ? release : "");
      client_import (clients[i], json);
      expected += (i + 1) * 1000;
    }
  expected -= 2 * 5000000;

  for (guint i = 0; i < 20; i++)
    {
      threads[i] = (SyncThread) { clients[i], FALSE, NULL };
      handles[i] = g_thread_new ("device", sync_thread, &threads[i]);
    }
  for (guint i = 0; i < 20; i++)
    {
      g_thread_join (handles[i]);
      if (!threads[i].ok)
        g_error ("device %u: %s", i, threads[i].message);
    }
  for (guint i = 0; i < 20; i++)
    {
      g_assert_cmpuint (client_sync_ok (clients[i]), ==, 0);
      g_assert_cmpint (gr_store_count (clients[i]->store, "movements"), ==, 4 + 20 + 2);
      g_assert_cmpint (gr_ledger_lot_balance (clients[i]->store, "L-01", NULL), ==, expected);
      g_assert_cmpint (gr_outbox_count_unsent (clients[i]->store), ==, 0);
    }
  g_assert_cmpint (expected, <, 0);
  on_server = test_sql (server, "SELECT count(*) FROM records WHERE entity = 'movement' AND data::json->>'lot' = 'L-01'");
  g_assert_cmpstr (on_server, ==, "25");
  for (guint i = 0; i < 20; i++)
    client_free (clients[i]);
}

/* Two people of one company work offline on their own devices in a random
 * mix of edits (seeded), the bureau edits plans meanwhile; after
 * everyone syncs until quiet, and conflicts are settled, both company
 * databases hold exactly the same data (their exports are equal). */
static void
test_converge (void)
{
  g_autoptr(TestServer) server = city_server ();
  g_autoptr(Client) one = NULL, two = NULL, bureau = NULL;
  Client *companies[2];
  GRand *rand = g_rand_new_with_seed (20260901);
  guint next_id = 0;
  g_autofree char *export_one = NULL, *export_two = NULL;

  if (server == NULL)
    return;
  one = client_new (server, "co1");
  two = client_new (server, "co1b");
  bureau = client_new (server, "bureau");
  companies[0] = one;
  companies[1] = two;
  client_sync_ok (one);
  client_sync_ok (two);
  client_sync_ok (bureau);

  for (guint step = 0; step < 40; step++)
    {
      Client *c = companies[g_rand_int_range (rand, 0, 2)];
      g_autofree char *json = NULL;

      switch (g_rand_int_range (rand, 0, 6))
        {
        case 0:
        case 1:
          json = g_strdup_printf (DATASET_HEAD "\"movements\": [{\"id\": \"MV-%03u\", \"lot\": \"%s\", \"date\": \"2026-09-%02u\","
                                               " \"kind\": \"intake\", \"quantity_t\": %d.5}]}",
                                  next_id++, g_rand_boolean (rand) ? "L-01" : "L-02", g_rand_int_range (rand, 1, 29),
                                  g_rand_int_range (rand, 1, 90));
          client_import (c, json);
          break;
        case 2:
          json = g_strdup_printf (DATASET_HEAD "\"bins\": [{\"id\": \"B-N%03u\", \"depot\": \"D-01\", \"code\": \"N%03u\","
                                               " \"capacity_t\": %d}]}", next_id, next_id, g_rand_int_range (rand, 100, 900));
          next_id++;
          client_import (c, json);
          break;
        case 3:
          {
            g_autoptr(GrRecord) lot = gr_record_load (c->store, gr_schema_lookup ("lot"), "L-02", NULL);
            g_autoptr(GString) text = g_string_new (DATASET_HEAD "\"lots\": [");

            gr_record_set_int (lot, "grade", g_rand_int_range (rand, 1, 4));
            lot->version = -1;
            gr_record_append_json (lot, text);
            g_string_append (text, "]}");
            client_import (c, text->str);
          }
          break;
        case 4:
          {
            g_autofree char *quantity = g_strdup_printf ("%d", g_rand_int_range (rand, 28000, 36000));
            g_autofree char *plan = g_strdup_printf (DATASET_HEAD "\"plans\": [{\"id\": \"P-01\", \"enterprise\": \"E-QY-01\","
                                                     " \"variety\": \"paddy_late_indica\", \"quantity_t\": %s,"
                                                     " \"required_grade\": 3, \"rotation_mode\": \"static\","
                                                     " \"valid_from\": \"2024-01-01\", \"valid_to\": \"2026-12-31\"}]}",
                                                     quantity);

            client_import (bureau, plan);
            client_sync_ok (bureau);
          }
          break;
        default:
          client_sync_ok (c);
          break;
        }
    }

  /* Quiet: everyone syncs; open conflicts go the server's way. */
  for (guint round = 0; round < 3; round++)
    for (guint i = 0; i < 2; i++)
      {
        g_autoptr(sqlite3_stmt) open = gr_store_prepare (companies[i]->store,
                                                         "SELECT id FROM sync_conflicts WHERE resolved_at IS NULL", NULL);
        g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

        client_sync_ok (companies[i]);
        while (sqlite3_step (open) == SQLITE_ROW)
          {
            gint64 id = sqlite3_column_int64 (open, 0);

            g_array_append_val (ids, id);
          }
        g_clear_pointer (&open, sqlite3_finalize);
        for (guint k = 0; k < ids->len; k++)
          g_assert_true (gr_sync_resolve (companies[i]->store, g_array_index (ids, gint64, k), GR_SYNC_KEEP_THEIRS, NULL));
      }
  client_sync_ok (one);
  client_sync_ok (two);

  g_assert_cmpint (gr_outbox_count_unsent (one->store), ==, 0);
  g_assert_cmpint (gr_outbox_count_unsent (two->store), ==, 0);
  export_one = export_of (one);
  export_two = export_of (two);
  g_assert_cmpstr (export_one, ==, export_two);
  g_assert_cmpint (gr_ledger_lot_balance (one->store, "L-01", NULL), ==,
                   gr_ledger_lot_balance (two->store, "L-01", NULL));
  g_rand_free (rand);
}

/* A monthly report filed on one device (Zhongshan 第十五条) goes out as
 * one append and reaches the company's other device with its rows, which
 * then holds the month locked too; the server keeps the filed report
 * frozen (SYNC.md §3.6: an append-only fact). */
static void
test_monthly_report (void)
{
  g_autoptr(TestServer) server = city_server ();
  g_autoptr(Client) filer = NULL;
  g_autoptr(Client) other = NULL;
  g_autoptr(GrMonthlyReport) report = NULL;
  g_autoptr(GrMonthlyReport) again = NULL;
  g_autoptr(GrRecord) mine = NULL;
  g_autoptr(GrRecord) theirs = NULL;
  g_autoptr(GError) error = NULL;
  const GrEntity *entity = gr_schema_lookup ("monthly_report");
  GrSyncReport sync;
  g_autofree char *sql = NULL;
  g_autofree char *text = NULL;

  if (server == NULL)
    return;
  filer = client_new (server, "co1");
  other = client_new (server, "co1b");
  client_sync_ok (filer);
  client_sync_ok (other);

  report = gr_monthly_report_build (filer->store, "E-QY-01", "2026-05", "2026-06-05", &error);
  g_assert_no_error (error);
  g_assert_true (gr_monthly_report_file (filer->store, report, "2026-06-05", &error));
  g_assert_no_error (error);
  g_assert_cmpint (gr_outbox_count_unsent (filer->store), ==, 1);

  gr_sync_report_init (&sync);
  g_assert_true (client_sync (filer, &sync, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sync.pushed, ==, 1);
  g_assert_cmpuint (sync.issues->len, ==, 0);
  gr_sync_report_clear (&sync);
  g_assert_cmpint (gr_outbox_count_unsent (filer->store), ==, 0);

  sql = g_strdup_printf ("SELECT version || ' ' || (data::json->>'filed_on') || ' ' || json_array_length (data::json->'rows')"
                         " FROM records WHERE entity = 'monthly_report' AND id = '%s'", report->id);
  text = test_sql (server, sql);
  g_assert_cmpstr (text, ==, "1 2026-06-05 2");
  g_clear_pointer (&text, g_free);

  client_sync_ok (other);
  theirs = gr_record_load (other->store, entity, report->id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (theirs);
  mine = gr_record_load (filer->store, entity, report->id, &error);
  g_assert_no_error (error);
  g_assert_null (gr_record_first_difference (mine, theirs));
  g_assert_cmpint (theirs->version, ==, 1);
  g_assert_cmpint (mine->version, ==, 1);
  /* L-01 5,000 t of late indica paddy and L-02 1,256 t of rice in D-01,
   * nothing moved in May; RP-2026 plans 2,000 t of paddy. */
  g_free (sql);
  sql = g_strdup_printf ("SELECT group_concat (depot || ' ' || variety || ' ' || opening_kg || ' ' || in_kg || ' ' ||"
                         " out_kg || ' ' || closing_kg, '; ') FROM (SELECT * FROM monthly_report_rows"
                         " WHERE parent = '%s' ORDER BY seq)", report->id);
  text = client_text (other, sql);
  g_assert_cmpstr (text, ==, "D-01 paddy_late_indica 5000000 0 0 5000000; D-01 rice 1256000 0 0 1256000");
  g_clear_pointer (&text, g_free);
  g_free (sql);
  sql = g_strdup_printf ("SELECT group_concat (variety || ' ' || planned_kg || ' ' || out_ytd_kg, '; ')"
                         " FROM monthly_report_rotation WHERE parent = '%s'", report->id);
  text = client_text (other, sql);
  g_assert_cmpstr (text, ==, "paddy_late_indica 2000000 0");
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (client_int (other, "SELECT count(*) FROM outbox"), ==, 0);

  /* The month is filed there as well: a second filing is refused. */
  text = gr_monthly_report_filed_on (other->store, "E-QY-01", "2026-05", &error);
  g_assert_cmpstr (text, ==, "2026-06-05");
  again = gr_monthly_report_build (other->store, "E-QY-01", "2026-05", "2026-06-08", &error);
  g_assert_no_error (error);
  g_assert_false (gr_monthly_report_file (other->store, again, "2026-06-08", &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Frozen on the server: a patch of the filed report is refused. */
  {
    g_autofree char *token = test_login (server, "co1b");
    g_autofree char *device = test_device (server, token);
    g_autofree char *mutations = g_strdup_printf ("[{\"mutation_id\": \"mr-patch\", \"entity\": \"monthly_report\","
                                                  " \"id\": \"%s\", \"op\": \"patch\", \"base_version\": 1,"
                                                  " \"fields\": {\"filed_on\": \"2026-06-04\"}}]", report->id);
    g_autoptr(TestReply) reply = test_push (server, token, device, mutations);

    g_assert_cmpstr (test_result_status (reply, 0), ==, "rejected");
    g_assert_cmpstr (json_object_get_string_member (test_result (reply, 0), "code"), ==, "append_only");
  }
  g_clear_pointer (&text, g_free);
  g_free (sql);
  sql = g_strdup_printf ("SELECT version || ' ' || (data::json->>'filed_on') FROM records WHERE id = '%s'", report->id);
  text = test_sql (server, sql);
  g_assert_cmpstr (text, ==, "1 2026-06-05");
}

/* A demo database never syncs; a database stays with its server and user. */
static void
test_not_allowed (void)
{
  g_autoptr(TestServer) server = city_server ();
  g_autoptr(Client) demo = NULL;
  g_autoptr(Client) company = NULL;
  GrSyncReport report;
  g_autoptr(GError) error = NULL;

  if (server == NULL)
    return;
  demo = client_new (server, "co1");
  g_assert_true (gr_store_set_meta (demo->store, "demo", "1", NULL));
  gr_sync_report_init (&report);
  g_assert_false (client_sync (demo, &report, &error));
  g_assert_error (error, GR_SYNC_ERROR, GR_SYNC_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "demo"));
  g_clear_error (&error);
  gr_sync_report_clear (&report);
  {
    g_autofree char *devices = test_sql (server, "SELECT count(*) FROM devices");

    g_assert_cmpstr (devices, ==, "0");
  }

  company = client_new (server, "co1");
  client_sync_ok (company);
  g_free (company->user);
  company->user = g_strdup ("co2");
  company->options.user = company->user;
  gr_sync_report_init (&report);
  g_assert_false (client_sync (company, &report, &error));
  g_assert_error (error, GR_SYNC_ERROR, GR_SYNC_ERROR_NOT_ALLOWED);
  gr_sync_report_clear (&report);
}

/* granary-cli sync prints what it pushed and pulled and each rejection;
 * a wrong password is a clear error and a non-zero exit. */
static void
test_cli (void)
{
  g_autoptr(TestServer) server = city_server ();
  g_autofree char *db = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *password = NULL;
  g_autofree char *change = NULL;
  const char *cli = g_getenv ("GRANARY_CLI");

  if (server == NULL)
    return;
  dir = g_dir_make_tmp ("granary-test-XXXXXX", NULL);
  db = g_build_filename (dir, "cli.db", NULL);
  password = g_build_filename (dir, "password", NULL);
  change = g_build_filename (dir, "change.json", NULL);
  g_assert_true (g_file_set_contents (password, TEST_PASSWORD "\n", -1, NULL));
  g_assert_true (g_file_set_contents (change, PLAN_P01 ("31000", "2026-12-31"), -1, NULL));

  {
    const char *argv[] = { cli, "sync", "--db", db, "--server", server->url, "--user", "co1", "--password-file",
                           password, NULL };
    g_autoptr(GSubprocess) p = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                                  NULL);
    g_autofree char *out = NULL, *err = NULL;

    g_assert_true (g_subprocess_communicate_utf8 (p, NULL, NULL, &out, &err, NULL));
    g_assert_cmpint (g_subprocess_get_exit_status (p), ==, 0);
    g_assert_nonnull (strstr (out, "Pushed 0 changes (0 already on the server), pulled 19 records\n"));
    g_assert_nonnull (strstr (out, "Checked: the records match the server's\n"));
  }
  {
    const char *import[] = { cli, "import", "--db", db, change, NULL };
    const char *argv[] = { cli, "sync", "--db", db, "--server", server->url, "--user", "co1", "--password-file",
                           password, NULL };
    g_autoptr(GSubprocess) i = g_subprocess_newv (import, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, NULL);
    g_autoptr(GSubprocess) p = NULL;
    g_autofree char *out = NULL, *err = NULL;

    g_assert_true (g_subprocess_wait_check (i, NULL, NULL));
    p = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, NULL);
    g_assert_true (g_subprocess_communicate_utf8 (p, NULL, NULL, &out, &err, NULL));
    g_assert_cmpint (g_subprocess_get_exit_status (p), ==, 0);
    g_assert_nonnull (strstr (out, "Rejected: plan P-01: only the bureau writes plan records\n"));
  }
  {
    const char *argv[] = { cli, "sync", "--db", db, "--server", server->url, "--user", "co1", NULL };
    g_autoptr(GSubprocess) p = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                        G_SUBPROCESS_FLAGS_STDERR_PIPE, NULL);
    g_autofree char *out = NULL, *err = NULL;

    g_assert_true (g_subprocess_communicate_utf8 (p, "not the password\n", NULL, &out, &err, NULL));
    g_assert_cmpint (g_subprocess_get_exit_status (p), ==, 1);
    g_assert_cmpstr (err, ==, "granary-cli: Wrong user name or password\n");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/backoff", test_backoff);
  g_test_add_func ("/sync/first-download", test_first_download);
  g_test_add_func ("/sync/first-download-ledger", test_first_download_ledger);
  g_test_add_func ("/sync/change-during-download", test_change_during_download);
  g_test_add_func ("/sync/rejected-stays-local", test_rejected_stays_local);
  g_test_add_func ("/sync/crash-after-push", test_crash_after_push);
  g_test_add_func ("/sync/append-confirmed", test_append_confirmed);
  g_test_add_func ("/sync/crash-mid-pull", test_crash_mid_pull);
  g_test_add_func ("/sync/retry-liveness", test_retry_liveness);
  g_test_add_func ("/sync/same-plan", test_same_plan);
  g_test_add_func ("/sync/clock-skew", test_clock_skew);
  g_test_add_func ("/sync/twenty-devices", test_twenty_devices);
  g_test_add_func ("/sync/converge", test_converge);
  g_test_add_func ("/sync/monthly-report", test_monthly_report);
  g_test_add_func ("/sync/not-allowed", test_not_allowed);
  g_test_add_func ("/sync/cli", test_cli);
  g_test_add_func ("/sync/inspection-photo", test_inspection_photo);

  return g_test_run ();
}
