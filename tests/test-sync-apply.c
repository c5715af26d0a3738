/* test-sync-apply.c: writing server records into the local database
 *
 * A snapshot page announces each run of ascending ids; the applier looks
 * none of them up when it has none of them, and still keeps the version
 * rule (SYNC.md §3.5) for an id it has, or one that comes twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "gr-error.h"
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

static GrRecord *
inspection (guint n)
{
  const GrEntity *entity = gr_schema_lookup ("inspection");
  g_autofree char *text = g_strdup_printf ("{\"id\": \"i-%04u\", \"depot\": \"d-1\", \"date\": \"2026-01-05\","
                                           " \"kind\": \"routine\", \"version\": 1, \"readings\": ["
                                           "{\"bin\": \"b-%u-1\", \"moisture_pct\": 12.5},"
                                           " {\"bin\": \"b-%u-2\", \"grain_temp_max_c\": 21.4, \"note\": \"东仓\"}],"
                                           " \"findings\": [{\"text\": \"门缝漏光\", \"severity\": \"minor\"}]}",
                                           n, n, n);
  g_autoptr(JsonNode) node = json_from_string (text, NULL);
  g_autoptr(GError) error = NULL;
  GrRecord *record = gr_record_from_json (entity, node, &error);

  g_assert_no_error (error);
  return record;
}

/* Writes 120 movements and 61 inspections (with 122 readings and 61
 * findings) through an applier, batched or not. */
static GrStore *
write_range (gboolean batched)
{
  GrStore *store = test_new_store ();
  g_autoptr(GrSyncApplier) applier = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_record_free);
  g_autoptr(GError) error = NULL;
  GrSyncApplyResult result;

  g_assert_true (gr_store_exec (store, "PRAGMA foreign_keys = OFF", NULL));
  g_assert_true (gr_store_begin (store, NULL));
  applier = gr_sync_applier_new (store, &error);
  g_assert_no_error (error);
  if (batched)
    gr_sync_applier_set_batched (applier);
  gr_sync_applier_begin (applier);
  g_assert_true (gr_sync_applier_expect_new (applier, gr_schema_lookup ("movement"), "m-0001", "m-0120", &error));
  for (guint i = 1; i <= 120; i++)
    {
      g_autofree char *id = g_strdup_printf ("m-%04u", i);

      g_ptr_array_add (records, movement (id, 1, 1000 * i));
      g_assert_true (gr_sync_applier_apply_record (applier, records->pdata[records->len - 1], NULL, FALSE, &result,
                                                   &error));
      g_assert_no_error (error);
      g_assert_cmpint (result, ==, GR_SYNC_APPLY_WRITTEN);
    }
  g_assert_true (gr_sync_applier_expect_new (applier, gr_schema_lookup ("inspection"), "i-0001", "i-0061", &error));
  for (guint i = 1; i <= 61; i++)
    {
      g_ptr_array_add (records, inspection (i));
      g_assert_true (gr_sync_applier_apply_record (applier, records->pdata[records->len - 1], NULL, FALSE, &result,
                                                   &error));
      g_assert_cmpint (result, ==, GR_SYNC_APPLY_WRITTEN);
    }
  /* m-0007 again, newer: looked up (the batch written first), replaced */
  {
    g_autoptr(GrRecord) again = movement ("m-0007", 2, 99000);

    g_assert_true (gr_sync_applier_apply_record (applier, again, NULL, FALSE, &result, &error));
    g_assert_cmpint (result, ==, GR_SYNC_APPLY_WRITTEN);
  }
  g_assert_true (gr_sync_applier_finish (applier, &error));
  g_assert_no_error (error);
  g_assert_true (gr_store_commit (store, NULL));
  return store;
}

/* Rows written in batches are the rows written one by one. */
static void
test_batched (void)
{
  g_autoptr(GrStore) batched = write_range (TRUE);
  g_autoptr(GrStore) single = write_range (FALSE);
  static const char * const tables[] = { "movements", "inspections", "inspection_readings", "inspection_findings" };
  static const gint64 rows[] = { 120, 61, 122, 61 };

  {
    g_autofree char *attach = g_strdup_printf ("ATTACH DATABASE '%s' AS single", gr_store_get_path (single));

    g_assert_true (gr_store_exec (batched, attach, NULL));
  }
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *count = g_strdup_printf ("SELECT count(*) FROM main.%s", tables[i]);
      g_autofree char *one = g_strdup_printf ("SELECT count(*) FROM (SELECT * FROM main.%s EXCEPT SELECT * FROM single.%s)",
                                              tables[i], tables[i]);
      g_autofree char *other = g_strdup_printf ("SELECT count(*) FROM (SELECT * FROM single.%s EXCEPT SELECT * FROM main.%s)",
                                                tables[i], tables[i]);

      g_assert_cmpint (stored (batched, count), ==, rows[i]);
      g_assert_cmpint (stored (batched, one), ==, 0);
      g_assert_cmpint (stored (batched, other), ==, 0);
    }
  g_assert_cmpint (stored (batched, "SELECT quantity_kg FROM movements WHERE id = 'm-0007'"), ==, 99000);
  g_assert_cmpint (stored (batched, "SELECT count(*) FROM inspection_readings WHERE note = '东仓'"), ==, 61);
}

/* A batch that fails is written again one row at a time, whose error
 * names the record; nothing of the batch stays. */
static void
test_batch_fails (void)
{
  g_autoptr(GrStore) store = test_new_store ();
  g_autoptr(GrRecordWriter) writer = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_record_free);
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  g_assert_true (gr_store_exec (store, "PRAGMA foreign_keys = OFF", NULL));
  writer = gr_record_writer_new_full (store, gr_schema_lookup ("movement"), FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (gr_store_begin (store, NULL));
  for (guint i = 1; ok && i <= 60; i++)
    {
      /* the 30th is the 20th once more */
      g_autofree char *id = g_strdup_printf ("m-%04u", i == 30 ? 20 : i);

      g_ptr_array_add (records, movement (id, 1, 1000));
      ok = gr_record_writer_queue_insert (writer, records->pdata[records->len - 1], "h", &error);
    }
  g_assert_false (ok);
  g_assert_error (error, GR_ERROR, GR_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "m-0020"));
  gr_store_rollback (store);
  g_assert_cmpint (stored (store, "SELECT count(*) FROM movements"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync-apply/expect-new", test_expect_new);
  g_test_add_func ("/sync-apply/kept-over-pages", test_kept_over_pages);
  g_test_add_func ("/sync-apply/batched", test_batched);
  g_test_add_func ("/sync-apply/batch-fails", test_batch_fails);
  return g_test_run ();
}
