/* test-store.c: the local SQLite store, its migrations and the ledger
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "gr-demo.h"
#include "gr-error.h"
#include "gr-ledger.h"
#include "gr-record-store.h"
#include "gr-schema.h"
#include "gr-store.h"

static char *
temp_db (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("granary-test-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, "test.db", NULL);
}

static gint64
query_int (GrStore    *store,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
test_migrate_from_empty (void)
{
  g_autofree char *path = temp_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GrStore) store = gr_store_open (path, &error);
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_cmpint (gr_store_get_version (store), ==, gr_store_schema_version ());
  g_assert_cmpint (gr_store_schema_version (), >=, 2);
  g_assert_true (gr_store_is_empty (store));

  /* WAL, foreign keys on, synchronous=FULL (2), private file (0600) */
  {
    g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, "PRAGMA journal_mode", NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  }
  g_assert_cmpint (query_int (store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (store, "PRAGMA synchronous"), ==, 2);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

/* Every earlier schema version upgrades to the current one, keeping data. */
static void
test_migrate_from_every_version (void)
{
  for (int from = 0; from < gr_store_schema_version (); from++)
    {
      g_autofree char *path = temp_db ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GrStore) old = gr_store_open_at_version (path, from, &error);

      g_assert_no_error (error);
      g_assert_cmpint (gr_store_get_version (old), ==, from);
      if (from >= 1)
        g_assert_true (gr_store_exec (old, "INSERT INTO enterprises (id, name, kind) VALUES ('e1', '清远市储备粮公司', 'reserve_company')", NULL));
      g_clear_object (&old);

      {
        g_autoptr(GrStore) store = gr_store_open (path, &error);

        g_assert_no_error (error);
        g_assert_cmpint (gr_store_get_version (store), ==, gr_store_schema_version ());
        g_assert_cmpint (gr_store_count (store, "enterprises"), ==, from >= 1 ? 1 : 0);
      }
    }
}

/* Migration 10 gives each lot the date of its latest test not deleted. */
static void
test_migration_tested_on (void)
{
  g_autofree char *path = temp_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GrStore) old = gr_store_open_at_version (path, 9, &error);
  g_autoptr(GrStore) store = NULL;

  g_assert_no_error (error);
  gr_store_exec (old,
                                "INSERT INTO enterprises (id, name, kind) VALUES ('e1', '清远市储备粮公司', 'reserve_company');"
                                "INSERT INTO depots (id, enterprise, code, name) VALUES ('d1', 'e1', 'D1', '龙塘库');"
                                "INSERT INTO bins (id, depot, code, capacity_kg) VALUES ('b1', 'd1', 'P1', 1000000);"
                                "INSERT INTO plans (id, enterprise, variety, quantity_kg, rotation_mode, valid_from)"
                                " VALUES ('p1', 'e1', 'rice', 1000000, 'static', '2024-01-01');"
                                "INSERT INTO lots (id, bin, plan, variety, entered_on) VALUES"
                                " ('l1', 'b1', 'p1', 'rice', '2025-01-01'), ('l2', 'b1', 'p1', 'rice', '2025-01-01'),"
                                " ('l3', 'b1', 'p1', 'rice', '2025-01-01');"
                                "INSERT INTO quality_tests (id, lot, date) VALUES"
                                " ('q1', 'l1', '2025-02-01'), ('q2', 'l1', '2026-02-01'),"
                                " ('q3', 'l2', '2025-03-01');"
                                "INSERT INTO quality_tests (id, lot, date, deleted) VALUES ('q4', 'l2', '2026-03-01', 1);",
                                &error);
  g_assert_no_error (error);
  g_clear_object (&old);

  store = gr_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM lots WHERE id = 'l1' AND tested_on = '2026-02-01'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM lots WHERE id = 'l2' AND tested_on = '2025-03-01'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM lots WHERE id = 'l3' AND tested_on IS NULL"), ==, 1);
}

static gpointer
open_in_thread (gpointer path)
{
  GError *error = NULL;
  GrStore *store = gr_store_open (path, &error);

  if (store == NULL)
    return error;
  g_object_unref (store);
  return NULL;
}

/* Several connections opening one new file at once (the window's first
 * read and the sync service's) all open it: the one that loses the race
 * to turn it to WAL waits instead of failing with "database is locked". */
static void
test_open_new_file_at_once (void)
{
  for (guint round = 0; round < 60; round++)
    {
      g_autofree char *path = temp_db ();
      GThread *threads[6];

      for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
        threads[i] = g_thread_new ("open", open_in_thread, path);
      for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
        {
          g_autoptr(GError) error = g_thread_join (threads[i]);

          g_assert_no_error (error);
        }
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GrStore) store = gr_store_open (path, &error);

        g_assert_no_error (error);
        g_assert_cmpint (gr_store_get_version (store), ==, gr_store_schema_version ());
      }
    }
}

static void
test_refuse_newer_schema (void)
{
  g_autofree char *path = temp_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GrStore) store = gr_store_open (path, &error);
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", gr_store_schema_version () + 1);

  g_assert_no_error (error);
  g_assert_true (gr_store_exec (store, sql, NULL));
  g_clear_object (&store);
  store = gr_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, GR_ERROR, GR_ERROR_SCHEMA);
}

static void
test_not_a_database (void)
{
  g_autofree char *path = temp_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GrStore) store = NULL;

  g_assert_true (g_file_set_contents (path, "this is not a database, just some text that is long enough", -1, NULL));
  store = gr_store_open (path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
}

/* The frozen migrations and the schema table (import, export) agree. */
static void
test_schema_matches_migrations (void)
{
  g_autofree char *path = temp_db ();
  g_autoptr(GrStore) store = gr_store_open (path, NULL);
  guint n;
  const GrEntity * const *entities = gr_schema_entities (&n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GPtrArray) stack = g_ptr_array_new ();

      g_ptr_array_add (stack, (gpointer) entities[i]);
      while (stack->len > 0)
        {
          const GrEntity *e = g_ptr_array_steal_index (stack, stack->len - 1);

          for (guint f = 0; f < e->n_fields; f++)
            {
              g_autofree char *column = NULL;
              g_autofree char *sql = NULL;

              if (e->fields[f].type == GR_FIELD_CHILDREN)
                {
                  g_ptr_array_add (stack, (gpointer) e->fields[f].child);
                  continue;
                }
              column = gr_field_column (&e->fields[f]);
              sql = g_strdup_printf ("SELECT count(*) FROM pragma_table_info('%s') WHERE name = '%s'", e->table, column);
              if (query_int (store, sql) != 1)
                g_error ("%s.%s has no column", e->table, column);
            }
        }
    }
}

static GrStore *
ledger_fixture (void)
{
  g_autofree char *path = temp_db ();
  GrStore *store = gr_store_open (path, NULL);

  g_assert_true (gr_store_exec (store,
    "INSERT INTO enterprises (id, name, kind) VALUES ('e1', '清远市储备粮有限公司', 'reserve_company');"
    "INSERT INTO depots (id, enterprise, name) VALUES ('d1', 'e1', '清城直属库');"
    "INSERT INTO bins (id, depot, code) VALUES ('b1', 'd1', 'P01');"
    "INSERT INTO plans (id, enterprise, variety, quantity_kg, rotation_mode, valid_from)"
    "  VALUES ('p1', 'e1', 'paddy_late_indica', 10000000, 'static', '2024-01-01');"
    "INSERT INTO lots (id, bin, plan, variety, entered_on) VALUES ('l1', 'b1', 'p1', 'paddy_late_indica', '2024-01-10');",
    NULL));
  return store;
}

static void
add_movement (GrStore    *store,
              const char *id,
              const char *date,
              const char *kind,
              gint64      kg)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO movements (id, lot, date, kind, quantity_kg) VALUES ('%s', 'l1', '%s', '%s', %" G_GINT64_FORMAT ")",
                                          id, date, kind, kg);

  g_assert_true (gr_store_exec (store, sql, NULL));
  g_assert_true (gr_ledger_mark_dirty (store, "l1", date, NULL));
}

/* DESIGN.md §3 "Balances": within one date inbound counts before outbound,
 * so an intake and a rotate-out of the whole lot on the same day is fine. */
static void
test_same_day_mixed (void)
{
  g_autoptr(GrStore) store = ledger_fixture ();
  g_autoptr(GError) error = NULL;

  g_assert_true (gr_store_begin (store, NULL));
  add_movement (store, "m2", "2024-01-10", "rotate_out", 3000000);   /* "m2" sorts after … */
  add_movement (store, "m1", "2024-01-10", "intake", 5000000);       /* … but inbound counts first */
  add_movement (store, "m3", "2024-03-05", "loss", 1234);
  g_assert_true (gr_ledger_settle (store, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (gr_store_commit (store, NULL));

  g_assert_cmpint (gr_ledger_lot_balance (store, "l1", NULL), ==, 2000000 - 1234);
  g_assert_cmpint (gr_ledger_lot_balance (store, "l1", "2024-01-10"), ==, 2000000);
  g_assert_cmpint (gr_ledger_plan_month_stock (store, "p1", "2024-01"), ==, 2000000);
  g_assert_cmpint (gr_ledger_plan_month_stock (store, "p1", "2024-02"), ==, 2000000);
  g_assert_cmpint (gr_ledger_plan_month_stock (store, "p1", "2024-03"), ==, 2000000 - 1234);
  g_assert_cmpint (gr_ledger_plan_month_stock (store, "p1", "2023-12"), ==, 0);
}

/* A rotate-out beyond the balance at its date is refused and nothing changes. */
static void
test_negative_refused (void)
{
  g_autoptr(GrStore) store = ledger_fixture ();
  g_autoptr(GError) error = NULL;

  g_assert_true (gr_store_begin (store, NULL));
  add_movement (store, "m1", "2024-02-01", "intake", 5000000);
  g_assert_true (gr_ledger_settle (store, TRUE, NULL));
  g_assert_true (gr_store_commit (store, NULL));

  /* Back-dated: on 2024-01-15 the lot held nothing yet. */
  g_assert_true (gr_store_begin (store, NULL));
  add_movement (store, "m2", "2024-01-15", "rotate_out", 1000);
  g_assert_false (gr_ledger_settle (store, TRUE, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_NEGATIVE);
  g_assert_nonnull (strstr (error->message, "l1"));
  g_assert_nonnull (strstr (error->message, "2024-01-15"));
  gr_store_rollback (store);

  g_assert_cmpint (gr_store_count (store, "movements"), ==, 1);
  g_assert_cmpint (gr_ledger_lot_balance (store, "l1", NULL), ==, 5000000);
}

/* A back-dated movement rebuilds the month-end snapshots from its month on. */
static void
test_backdated_rebuild (void)
{
  g_autoptr(GrStore) store = ledger_fixture ();

  g_assert_true (gr_store_begin (store, NULL));
  add_movement (store, "m1", "2024-01-10", "intake", 5000000);
  add_movement (store, "m2", "2024-06-10", "rotate_out", 1000000);
  g_assert_true (gr_ledger_settle (store, TRUE, NULL));
  g_assert_true (gr_store_commit (store, NULL));
  g_assert_cmpint (gr_ledger_plan_month_stock (store, "p1", "2024-04"), ==, 5000000);

  g_assert_true (gr_store_begin (store, NULL));
  add_movement (store, "m3", "2024-03-31", "loss", 500);
  g_assert_true (gr_ledger_settle (store, TRUE, NULL));
  g_assert_true (gr_store_commit (store, NULL));
  g_assert_cmpint (gr_ledger_plan_month_stock (store, "p1", "2024-02"), ==, 5000000);
  g_assert_cmpint (gr_ledger_plan_month_stock (store, "p1", "2024-04"), ==, 4999500);
  g_assert_cmpint (gr_ledger_plan_month_stock (store, "p1", "2024-06"), ==, 3999500);
}

/* Synced movements are kept even when they drive a lot below zero. */
static void
test_negative_synced_kept (void)
{
  g_autoptr(GrStore) store = ledger_fixture ();

  g_assert_true (gr_store_begin (store, NULL));
  add_movement (store, "m1", "2024-01-15", "release", 1000);
  g_assert_true (gr_ledger_settle (store, FALSE, NULL));
  g_assert_true (gr_store_commit (store, NULL));
  g_assert_cmpint (gr_ledger_lot_balance (store, "l1", NULL), ==, -1000);
}

/* Rebuilding from scratch gives the balances and snapshots settling did. */
static void
test_rebuild_all (void)
{
  g_autoptr(GrStore) store = ledger_fixture ();
  g_autoptr(GError) error = NULL;

  g_assert_true (gr_store_begin (store, NULL));
  add_movement (store, "m1", "2024-01-10", "intake", 5000000);
  add_movement (store, "m2", "2024-03-10", "rotate_out", 1000000);
  g_assert_true (gr_ledger_settle (store, TRUE, NULL));
  g_assert_true (gr_store_commit (store, NULL));
  g_assert_true (gr_store_exec (store, "UPDATE lots SET balance_kg = 0; DELETE FROM plan_month_stock", NULL));

  g_assert_true (gr_store_begin (store, NULL));
  g_assert_true (gr_ledger_rebuild_all (store, &error));
  g_assert_no_error (error);
  g_assert_true (gr_store_commit (store, NULL));
  g_assert_cmpint (gr_ledger_lot_balance (store, "l1", NULL), ==, 4000000);
  g_assert_cmpint (gr_ledger_plan_month_stock (store, "p1", "2024-02"), ==, 5000000);
  g_assert_cmpint (gr_ledger_plan_month_stock (store, "p1", "2024-03"), ==, 4000000);
}

/* The ledger as settling left it, kept aside; then undone, to be rebuilt. */
static void
keep_settled (GrStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gr_store_exec (store, "CREATE TEMP TABLE settled_lots AS SELECT id, balance_kg FROM lots;"
                                       "CREATE TEMP TABLE settled_stock AS SELECT * FROM plan_month_stock;"
                                       "CREATE TEMP TABLE settled_queues AS SELECT * FROM plan_rotation_state;"
                                       "UPDATE lots SET balance_kg = -1; DELETE FROM plan_month_stock;", &error));
  g_assert_no_error (error);
}

/* The rebuilt ledger is what settling gave: balances, month-end stock
 * and rotation queues, row for row. */
static void
assert_as_settled (GrStore *store)
{
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM (SELECT id, balance_kg FROM lots"
                                    " EXCEPT SELECT * FROM temp.settled_lots)"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM (SELECT * FROM plan_month_stock"
                                    " EXCEPT SELECT * FROM temp.settled_stock)"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM (SELECT * FROM temp.settled_stock"
                                    " EXCEPT SELECT * FROM plan_month_stock)"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM (SELECT * FROM plan_rotation_state"
                                    " EXCEPT SELECT * FROM temp.settled_queues)"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM (SELECT * FROM temp.settled_queues"
                                    " EXCEPT SELECT * FROM plan_rotation_state)"), ==, 0);
}

/* The rebuild reads the whole table at once; settling every lot reads
 * it lot by lot: on the city demo (which settles) both give the same
 * balances, month-end stock and rotation queues. */
static void
test_rebuild_all_as_settled (void)
{
  g_autofree char *path = temp_db ();
  g_autoptr(GrStore) store = gr_store_open (path, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (gr_demo_generate (store, GR_DEMO_CITY, 1, 1.0, "2026-11-25", NULL, NULL, &error));
  g_assert_no_error (error);
  keep_settled (store);
  g_assert_true (gr_store_begin (store, NULL));
  g_assert_true (gr_ledger_rebuild_all (store, &error));
  g_assert_no_error (error);
  g_assert_true (gr_store_commit (store, NULL));

  g_assert_cmpint (query_int (store, "SELECT count(*) FROM plan_month_stock"), >, 100);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM lots WHERE balance_kg > 0"), >, 0);
  assert_as_settled (store);
}

/* A first download sums the movements as they come instead of reading
 * them back (gr_ledger_rebuild_all_from ()): on the city demo, summed
 * from its movement records, the rebuild gives what settling gave. */
static void
test_rebuild_all_from_sums (void)
{
  g_autofree char *path = temp_db ();
  g_autoptr(GrStore) store = gr_store_open (path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GrLedgerSums) sums = gr_ledger_sums_new ();
  g_autoptr(GrRecordReader) reader = NULL;
  guint n = 0;

  g_assert_true (gr_demo_generate (store, GR_DEMO_CITY, 1, 1.0, "2026-11-25", NULL, NULL, &error));
  g_assert_no_error (error);
  reader = gr_record_reader_new (store, gr_schema_lookup ("movement"), &error);
  g_assert_no_error (error);
  for (;;)
    {
      g_autoptr(GrRecord) record = NULL;

      g_assert_true (gr_record_reader_next (reader, &record, &error));
      if (record == NULL)
        break;
      gr_ledger_sums_add_movement (sums, record);
      n++;
    }
  g_assert_cmpuint (n, >, 10000);
  keep_settled (store);
  g_assert_true (gr_store_begin (store, NULL));
  g_assert_true (gr_ledger_rebuild_all_from (store, sums, &error));
  g_assert_no_error (error);
  g_assert_true (gr_store_commit (store, NULL));

  g_assert_cmpint (query_int (store, "SELECT count(*) FROM plan_month_stock"), >, 100);
  assert_as_settled (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/migrate/empty", test_migrate_from_empty);
  g_test_add_func ("/store/migrate/every-version", test_migrate_from_every_version);
  g_test_add_func ("/store/migrate/tested-on", test_migration_tested_on);
  g_test_add_func ("/store/migrate/refuse-newer", test_refuse_newer_schema);
  g_test_add_func ("/store/open/new-file-at-once", test_open_new_file_at_once);
  g_test_add_func ("/store/open/not-a-database", test_not_a_database);
  g_test_add_func ("/store/schema/matches-migrations", test_schema_matches_migrations);
  g_test_add_func ("/ledger/same-day-mixed", test_same_day_mixed);
  g_test_add_func ("/ledger/negative-refused", test_negative_refused);
  g_test_add_func ("/ledger/backdated-rebuild", test_backdated_rebuild);
  g_test_add_func ("/ledger/negative-synced-kept", test_negative_synced_kept);
  g_test_add_func ("/ledger/rebuild-all", test_rebuild_all);
  g_test_add_func ("/ledger/rebuild-all-as-settled", test_rebuild_all_as_settled);
  g_test_add_func ("/ledger/rebuild-all-from-sums", test_rebuild_all_from_sums);

  return g_test_run ();
}
