/* test-sync-apply.c: writing server records into the local database
 *
 * A snapshot page announces each run of ascending ids; the applier looks
 * none of them up when it has none of them, and still keeps the version
 * rule (SYNC.md §3.5) for an id it has, or one that comes twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "gr-record-store.h"
#include "gr-sync-apply.h"
#include "test-util.h"

static GrRecord *
movement (const char *id,
          gint64      version,
          gint64      kg)
{
  const GrEntity *entity = gr_schema_lookup ("movement");
  g_autofree char *text = g_strdup_printf ("{\"id\": \"%s\", \"lot\": \"lot-1\", \"date\": \"2026-01-05\", \"kind\": \"intake\","
                                           " \"quantity_t\": %" G_GINT64_FORMAT ", \"version\": %" G_GINT64_FORMAT "}",
                                           id, kg / 1000, version);
  g_autoptr(JsonNode) node = json_from_string (text, NULL);

  return gr_record_from_json (entity, node, NULL);
}

static GrSyncApplyResult
apply (GrSyncApplier *applier,
       const char    *id,
       gint64         version,
       gint64         kg)
{
  g_autoptr(GrRecord) record = movement (id, version, kg);
  g_autoptr(GError) error = NULL;
  GrSyncApplyResult result;

  g_assert_true (gr_sync_applier_apply_record (applier, record, NULL, FALSE, &result, &error));
  g_assert_no_error (error);
  return result;
}

static gint64
stored (GrStore    *store,
        const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, sql, NULL);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
test_expect_new (void)
{
  g_autoptr(GrStore) store = test_new_store ();
  g_autoptr(GrSyncApplier) applier = NULL;
  g_autoptr(GError) error = NULL;
  const GrEntity *entity = gr_schema_lookup ("movement");

  g_assert_true (gr_store_exec (store, "PRAGMA foreign_keys = OFF", NULL));
  g_assert_true (gr_store_begin (store, NULL));
  applier = gr_sync_applier_new (store, &error);
  g_assert_no_error (error);

  /* m-5 is here already, at version 1 */
  g_assert_true (gr_sync_applier_expect_new (applier, entity, "m-5", "m-5", &error));
  g_assert_cmpint (apply (applier, "m-5", 1, 1000), ==, GR_SYNC_APPLY_WRITTEN);

  /* a run that holds it: m-5 is looked up and replaced by its newer version */
  g_assert_true (gr_sync_applier_expect_new (applier, entity, "m-1", "m-9", &error));
  g_assert_no_error (error);
  g_assert_cmpint (apply (applier, "m-1", 1, 2000), ==, GR_SYNC_APPLY_WRITTEN);
  g_assert_cmpint (apply (applier, "m-5", 2, 3000), ==, GR_SYNC_APPLY_WRITTEN);
  g_assert_cmpint (apply (applier, "m-9", 1, 4000), ==, GR_SYNC_APPLY_WRITTEN);
  g_assert_cmpint (stored (store, "SELECT quantity_kg FROM movements WHERE id = 'm-5'"), ==, 3000);

  /* a run of new ids, one of them twice and one out of order: no
   * second row, the version rule holds */
  g_assert_true (gr_sync_applier_expect_new (applier, entity, "n-1", "n-4", &error));
  g_assert_cmpint (apply (applier, "n-1", 1, 1000), ==, GR_SYNC_APPLY_WRITTEN);
  g_assert_cmpint (apply (applier, "n-2", 1, 1000), ==, GR_SYNC_APPLY_WRITTEN);
  g_assert_cmpint (apply (applier, "n-2", 1, 5000), ==, GR_SYNC_APPLY_CURRENT);
  g_assert_cmpint (apply (applier, "n-1", 2, 6000), ==, GR_SYNC_APPLY_WRITTEN);
  g_assert_cmpint (apply (applier, "n-4", 1, 1000), ==, GR_SYNC_APPLY_WRITTEN);
  g_assert_cmpint (stored (store, "SELECT count(*) FROM movements"), ==, 6);
  g_assert_cmpint (stored (store, "SELECT quantity_kg FROM movements WHERE id = 'n-2'"), ==, 1000);
  g_assert_cmpint (stored (store, "SELECT quantity_kg FROM movements WHERE id = 'n-1'"), ==, 6000);

  g_assert_true (gr_sync_applier_finish (applier, &error));
  g_assert_no_error (error);
  g_assert_true (gr_store_commit (store, NULL));
}

/* One applier over several transactions, as the pages of a download:
 * each transaction forgets the ranges announced in the one before, and
 * sees a local change made in between (SYNC.md §3.5: it is not
 * overwritten, the server's version waits aside). */
static void
test_kept_over_pages (void)
{
  g_autoptr(GrStore) store = test_new_store ();
  g_autoptr(GrSyncApplier) applier = NULL;
  g_autoptr(GError) error = NULL;
  const GrEntity *entity = gr_schema_lookup ("movement");

  g_assert_true (gr_store_exec (store, "PRAGMA foreign_keys = OFF", NULL));
  applier = gr_sync_applier_new (store, &error);
  g_assert_no_error (error);

  g_assert_true (gr_store_begin (store, NULL));
  gr_sync_applier_begin (applier);
  g_assert_true (gr_sync_applier_expect_new (applier, entity, "m-1", "m-3", &error));
  g_assert_cmpint (apply (applier, "m-1", 1, 1000), ==, GR_SYNC_APPLY_WRITTEN);
  g_assert_true (gr_sync_applier_finish (applier, &error));
  g_assert_true (gr_store_commit (store, NULL));

  /* a local change of m-1 between the pages */
  {
    g_autoptr(GrRecordWriter) writer = gr_record_writer_new (store, entity, &error);
    g_autoptr(GrRecord) record = movement ("m-1", 1, 2000);

    g_assert_no_error (error);
    g_assert_true (gr_store_begin (store, NULL));
    g_assert_true (gr_record_writer_update (writer, record, "local", &error));
    g_assert_no_error (error);
    g_assert_true (gr_store_commit (store, NULL));
  }

  g_assert_true (gr_store_begin (store, NULL));
  gr_sync_applier_begin (applier);
  /* m-1 comes again: the range of the page before no longer holds, it
   * is looked up, and its local change keeps it */
  g_assert_cmpint (apply (applier, "m-1", 2, 3000), ==, GR_SYNC_APPLY_PENDING);
  g_assert_cmpint (apply (applier, "m-2", 1, 4000), ==, GR_SYNC_APPLY_WRITTEN);
  g_assert_true (gr_sync_applier_finish (applier, &error));
  g_assert_no_error (error);
  g_assert_true (gr_store_commit (store, NULL));
  g_assert_cmpint (stored (store, "SELECT quantity_kg FROM movements WHERE id = 'm-1'"), ==, 2000);
  g_assert_cmpint (stored (store, "SELECT count(*) FROM sync_shadow WHERE entity_id = 'm-1' AND version = 2"), ==, 1);
  g_assert_cmpint (stored (store, "SELECT count(*) FROM movements"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync-apply/expect-new", test_expect_new);
  g_test_add_func ("/sync-apply/kept-over-pages", test_kept_over_pages);
  return g_test_run ();
}
