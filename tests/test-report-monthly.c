/* test-report-monthly.c: the monthly report 月报告 (Zhongshan 第十五条:
 * 承储企业名称、库点名称、储备品种、储存数量、出入库数量, within 5 working days)
 * and the lock a filed month puts on local movements (DESIGN.md §3).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "gr-demo.h"
#include "gr-error.h"
#include "gr-import.h"
#include "gr-ledger.h"
#include "gr-outbox.h"
#include "gr-record-store.h"
#include "gr-report-monthly.h"
#include "rules-fixture.h"

static GrStore *
world (void)
{
  GrStore *store = fx_new ();

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "static", "2024-01-01", NULL);
  fx_plan (store, "p2", "e1", "rice", 2000, "static", "2024-01-01", NULL);
  fx_sql (store, "INSERT INTO depots (id, enterprise, code, name) VALUES ('d2', 'e1', 'CB', '城北库')");
  fx_sql (store, "INSERT INTO bins (id, depot, code) VALUES ('b9', 'd2', 'P09')");
  fx_stocked_lot (store, "l1", "b1", "p1", "2025-11-01", 5000);
  fx_lot (store, "n1", "b2", "p1", "2026-02-20");
  fx_stocked_lot (store, "r1", "b9", "p2", "2025-12-01", 1500);
  fx_move (store, "l1", "2026-02-05", "rotate_out", 1000);
  fx_move (store, "n1", "2026-02-20", "rotate_in", 800);
  fx_move (store, "r1", "2026-02-10", "release", 300);
  fx_move (store, "l1", "2026-03-01", "intake", 100);
  fx_sql (store, "INSERT INTO rotation_plans (id, enterprise, year, state) VALUES ('rp', 'e1', 2026, 'approved')");
  fx_sql (store, "INSERT INTO rotation_plan_items (parent, seq, lot, quantity_kg, out_month, in_month)"
                 " VALUES ('rp', 0, 'l1', 1000000, '2026-02', '2026-02')");
  fx_settle (store, TRUE);
  return store;
}

static GrMonthlyRow *
row_of (GrMonthlyReport *report,
        const char      *depot,
        const char      *variety)
{
  for (guint i = 0; i < report->rows->len; i++)
    {
      GrMonthlyRow *row = report->rows->pdata[i];

      if (strcmp (row->depot, depot) == 0 && strcmp (row->variety, variety) == 0)
        return row;
    }
  return NULL;
}

static void
assert_row (GrMonthlyRow *row,
            gint64        opening,
            gint64        in,
            gint64        out,
            gint64        closing)
{
  g_assert_nonnull (row);
  g_assert_cmpint (row->opening_kg, ==, opening);
  g_assert_cmpint (row->in_kg, ==, in);
  g_assert_cmpint (row->out_kg, ==, out);
  g_assert_cmpint (row->closing_kg, ==, closing);
  g_assert_cmpint (row->opening_kg + row->in_kg - row->out_kg, ==, row->closing_kg);
}

/* 期初 + 本期收入 − 本期支出 = 期末, by depot and variety, hand-computed. */
static void
test_rows (void)
{
  g_autoptr(GrStore) store = world ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GrMonthlyReport) feb = gr_monthly_report_build (store, "e1", "2026-02", "2026-04-10", &error);
  g_autoptr(GrMonthlyReport) mar = NULL;
  GrMonthlyRotation *rot;

  g_assert_no_error (error);
  g_assert_cmpstr (feb->enterprise_name, ==, "市储备粮公司");
  g_assert_cmpuint (feb->rows->len, ==, 2);
  /* 城北库 sorts before 城南库 by name; 5,000 − 1,000 + 800 in d1. */
  assert_row (row_of (feb, "d1", "paddy_late_indica"), 5000000, 800000, 1000000, 4800000);
  assert_row (row_of (feb, "d2", "rice"), 1500000, 0, 300000, 1200000);
  g_assert_null (feb->filed_on);

  /* Rotation progress against the year's plan item of 1,000 t. */
  g_assert_cmpuint (feb->rotation->len, ==, 1);
  rot = feb->rotation->pdata[0];
  g_assert_cmpstr (rot->variety, ==, "paddy_late_indica");
  g_assert_cmpint (rot->planned_kg, ==, 1000000);
  g_assert_cmpint (rot->out_month_kg, ==, 1000000);
  g_assert_cmpint (rot->in_month_kg, ==, 800000);
  g_assert_cmpint (rot->out_ytd_kg, ==, 1000000);
  g_assert_cmpint (rot->in_ytd_kg, ==, 800000);

  mar = gr_monthly_report_build (store, "e1", "2026-03", "2026-04-10", &error);
  g_assert_no_error (error);
  assert_row (row_of (mar, "d1", "paddy_late_indica"), 4800000, 100000, 0, 4900000);
  assert_row (row_of (mar, "d2", "rice"), 1200000, 0, 0, 1200000);
  rot = mar->rotation->pdata[0];
  g_assert_cmpint (rot->out_month_kg, ==, 0);
  g_assert_cmpint (rot->in_month_kg, ==, 0);
  g_assert_cmpint (rot->out_ytd_kg, ==, 1000000);
  g_assert_cmpint (rot->in_ytd_kg, ==, 800000);

  /* The closing stock agrees with the ledger's month-end snapshots. */
  g_assert_cmpint (gr_ledger_plan_month_stock (store, "p1", "2026-02"), ==, 4800000);
  g_assert_cmpint (gr_ledger_plan_month_stock (store, "p2", "2026-02"), ==, 1200000);
}

static void
test_bad_input (void)
{
  g_autoptr(GrStore) store = world ();
  g_autoptr(GError) error = NULL;

  g_assert_null (gr_monthly_report_build (store, "e1", "2026-05", "2026-04-10", &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (gr_monthly_report_build (store, "e1", "2026-13", "2026-04-10", &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (gr_monthly_report_build (store, "nobody", "2026-02", "2026-04-10", &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_NOT_FOUND);
}

static gint64
count_rows (GrStore    *store,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, sql, NULL);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
import_text (GrStore       *store,
             const char    *json,
             GrImportFlags  flags,
             GError       **error)
{
  return gr_import_data (store, json, -1, flags, NULL, NULL, NULL, error);
}

/* Filing stores the rows and locks the month: a local movement dated in
 * it is refused with the database unchanged, a correction dated later is
 * accepted, and one that arrives by sync is stored and flagged. */
static void
test_file_and_lock (void)
{
  g_autoptr(GrStore) store = world ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GrMonthlyReport) feb = gr_monthly_report_build (store, "e1", "2026-02", "2026-03-06", &error);
  g_autoptr(GrMonthlyReport) again = NULL;
  g_autoptr(GrMonthlyReport) mar = NULL;
  g_autofree char *filed = NULL;
  gint64 movements;

  g_assert_no_error (error);
  g_assert_true (gr_monthly_report_file (store, feb, "2026-03-06", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (feb->filed_on, ==, "2026-03-06");
  filed = gr_monthly_report_filed_on (store, "e1", "2026-02", &error);
  g_assert_cmpstr (filed, ==, "2026-03-06");
  g_assert_cmpint (count_rows (store, "monthly_report_rows"), ==, 2);
  g_assert_cmpint (count_rows (store, "monthly_report_rotation"), ==, 1);

  /* Filed once: a second filing is refused. */
  again = gr_monthly_report_build (store, "e1", "2026-02", "2026-03-07", &error);
  g_assert_cmpstr (again->filed_on, ==, "2026-03-06");
  g_assert_false (gr_monthly_report_file (store, again, "2026-03-07", &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_CONFLICT);
  g_clear_error (&error);

  /* A month that has not ended cannot be filed. */
  g_clear_pointer (&again, gr_monthly_report_free);
  again = gr_monthly_report_build (store, "e1", "2026-03", "2026-03-20", &error);
  g_assert_false (gr_monthly_report_file (store, again, "2026-03-20", &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
  g_clear_error (&error);

  movements = gr_store_count (store, "movements");
  g_assert_false (import_text (store,
    "{\"format\": \"granary-dataset\", \"version\": 1, \"movements\": ["
    "{\"id\": \"late\", \"lot\": \"l1\", \"date\": \"2026-02-15\", \"kind\": \"loss\", \"quantity_t\": 1}]}",
    GR_IMPORT_ENTRY, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2026-02"));
  g_clear_error (&error);
  g_assert_cmpint (gr_store_count (store, "movements"), ==, movements);
  g_assert_cmpint (gr_ledger_lot_balance (store, "l1", NULL), ==, 4100000);

  /* The correction dated after the filed month is the way. */
  g_assert_true (import_text (store,
    "{\"format\": \"granary-dataset\", \"version\": 1, \"movements\": ["
    "{\"id\": \"fix\", \"lot\": \"l1\", \"date\": \"2026-03-02\", \"kind\": \"loss\", \"quantity_t\": 1}]}",
    GR_IMPORT_ENTRY, &error));
  g_assert_no_error (error);

  /* In a dataset it is stored (DESIGN.md §3), and the next report flags it. */
  g_assert_true (import_text (store,
    "{\"format\": \"granary-dataset\", \"version\": 1, \"movements\": ["
    "{\"id\": \"imported\", \"lot\": \"l1\", \"date\": \"2026-02-16\", \"kind\": \"loss\", \"quantity_t\": 1,"
    " \"updated_at\": \"2026-03-09T08:00:00Z\"}]}",
    GR_IMPORT_NONE, &error));
  g_assert_no_error (error);

  /* By sync it is stored, and the next report flags it. */
  g_assert_true (import_text (store,
    "{\"format\": \"granary-dataset\", \"version\": 1, \"movements\": ["
    "{\"id\": \"synced\", \"lot\": \"l1\", \"date\": \"2026-02-15\", \"kind\": \"loss\", \"quantity_t\": 1,"
    " \"updated_at\": \"2026-03-10T08:00:00Z\"}]}",
    GR_IMPORT_SYNCED, &error));
  g_assert_no_error (error);
  mar = gr_monthly_report_build (store, "e1", "2026-03", "2026-04-10", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mar->late->len, ==, 2);
  g_assert_true (g_ptr_array_find_with_equal_func (mar->late, "synced", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (mar->late, "imported", g_str_equal, NULL));
  assert_row (row_of (mar, "d1", "paddy_late_indica"), 4798000, 100000, 1000, 4897000);
}

static char *
query_text (GrStore    *store,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* The outbox payload of the report, parsed back as a record. */
static GrRecord *
outbox_record (GrStore    *store,
               const char *id)
{
  /* ids here are UUIDs or the test's own: no quoting needed */
  g_autofree char *sql = g_strdup_printf ("SELECT payload FROM outbox WHERE entity = 'monthly_report'"
                                          " AND entity_id = '%s'", id);
  g_autofree char *payload = query_text (store, sql);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GrRecord *record;

  g_assert_nonnull (payload);
  g_assert_true (json_parser_load_from_data (parser, payload, -1, &error));
  record = gr_record_from_json (gr_schema_lookup ("monthly_report"), json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  return record;
}

static void
assert_child (const GrRecord *child,
              const char     *text_field,
              const char     *text,
              const char     *int_fields[],
              const gint64    values[])
{
  g_assert_cmpstr (gr_record_get_text (child, text_field), ==, text);
  for (guint i = 0; int_fields[i] != NULL; i++)
    {
      const GrValue *value = gr_record_get (child, int_fields[i]);

      g_assert_cmpint (value->type, ==, GR_VALUE_INT);
      g_assert_cmpint (value->i, ==, values[i]);
    }
}

/* Filing is a local write of a synced entity: the outbox holds exactly one
 * mutation for the report, an append of the whole filed report (SYNC.md
 * §3.6: frozen once filed), and it carries the rows and rotation of
 * Zhongshan 第十五条 as stored. */
static void
test_file_outbox (void)
{
  static const char *row_fields[] = { "opening_t", "in_t", "out_t", "closing_t", NULL };
  static const char *rotation_fields[] = { "planned_t", "out_month_t", "in_month_t", "out_ytd_t", "in_ytd_t", NULL };
  g_autoptr(GrStore) store = world ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GrMonthlyReport) feb = gr_monthly_report_build (store, "e1", "2026-02", "2026-03-06", &error);
  g_autoptr(GrRecord) sent = NULL;
  g_autoptr(GrRecord) stored = NULL;
  g_autofree char *head = NULL;
  GPtrArray *rows, *rotation;

  g_assert_no_error (error);
  g_assert_cmpint (count_rows (store, "outbox"), ==, 0);
  g_assert_true (gr_monthly_report_file (store, feb, "2026-03-06", &error));
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (feb->id));

  g_assert_cmpint (count_rows (store, "outbox"), ==, 1);
  head = query_text (store, "SELECT entity || ' ' || entity_id || ' ' || op || ' ' || base_version || ' ' || state"
                            " FROM outbox");
  {
    g_autofree char *expected = g_strdup_printf ("monthly_report %s append 0 pending", feb->id);

    g_assert_cmpstr (head, ==, expected);
  }
  g_assert_cmpint (gr_outbox_count_unsent (store), ==, 1);

  sent = outbox_record (store, feb->id);
  g_assert_cmpstr (sent->id, ==, feb->id);
  g_assert_cmpstr (gr_record_get_text (sent, "enterprise"), ==, "e1");
  g_assert_cmpstr (gr_record_get_text (sent, "month"), ==, "2026-02");
  g_assert_cmpstr (gr_record_get_text (sent, "filed_on"), ==, "2026-03-06");
  /* 城北库 (d2) before 城南库 (d1), as the report lists them. */
  rows = gr_record_get (sent, "rows")->children;
  g_assert_cmpuint (rows->len, ==, 2);
  assert_child (rows->pdata[0], "depot", "d2", row_fields, (gint64[]) { 1500000, 0, 300000, 1200000 });
  g_assert_cmpstr (gr_record_get_text (rows->pdata[0], "variety"), ==, "rice");
  assert_child (rows->pdata[1], "depot", "d1", row_fields, (gint64[]) { 5000000, 800000, 1000000, 4800000 });
  g_assert_cmpstr (gr_record_get_text (rows->pdata[1], "variety"), ==, "paddy_late_indica");
  rotation = gr_record_get (sent, "rotation")->children;
  g_assert_cmpuint (rotation->len, ==, 1);
  assert_child (rotation->pdata[0], "variety", "paddy_late_indica", rotation_fields,
                (gint64[]) { 1000000, 1000000, 800000, 1000000, 800000 });

  /* What is sent is what is stored, and the stored hash is its own. */
  stored = gr_record_load (store, gr_schema_lookup ("monthly_report"), feb->id, &error);
  g_assert_no_error (error);
  g_assert_null (gr_record_first_difference (stored, sent));
  {
    g_autofree char *hash = gr_record_hash (stored);
    g_autofree char *sql = g_strdup_printf ("SELECT content_hash FROM monthly_reports WHERE id = '%s'", feb->id);
    g_autofree char *kept = query_text (store, sql);

    g_assert_cmpstr (kept, ==, hash);
  }

  /* A refused second filing adds nothing. */
  {
    g_autoptr(GrMonthlyReport) again = gr_monthly_report_build (store, "e1", "2026-02", "2026-03-07", &error);

    g_assert_false (gr_monthly_report_file (store, again, "2026-03-07", &error));
    g_assert_error (error, GR_ERROR, GR_ERROR_CONFLICT);
    g_clear_error (&error);
    g_assert_cmpint (count_rows (store, "outbox"), ==, 1);
  }
}

/* A report stored as a draft (by an import, without filed_on) is filed
 * under its own id: it stayed local until now and its filing is its one
 * append (SYNC.md §3.6). */
static void
test_file_draft (void)
{
  g_autoptr(GrStore) store = world ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GrMonthlyReport) feb = NULL;
  g_autoptr(GrRecord) sent = NULL;
  g_autofree char *head = NULL;

  g_assert_true (import_text (store,
    "{\"format\": \"granary-dataset\", \"version\": 1, \"monthly_reports\": ["
    "{\"id\": \"mr-draft\", \"enterprise\": \"e1\", \"month\": \"2026-02\", \"remark\": \"草稿\"}]}",
    GR_IMPORT_NONE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (store, "outbox"), ==, 0);

  feb = gr_monthly_report_build (store, "e1", "2026-02", "2026-03-06", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (feb->id, ==, "mr-draft");
  g_assert_true (gr_monthly_report_file (store, feb, "2026-03-06", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (feb->id, ==, "mr-draft");
  g_assert_cmpint (count_rows (store, "monthly_reports"), ==, 1);
  g_assert_cmpint (count_rows (store, "monthly_report_rows"), ==, 2);
  g_assert_cmpint (count_rows (store, "outbox"), ==, 1);
  head = query_text (store, "SELECT entity_id || ' ' || op FROM outbox");
  g_assert_cmpstr (head, ==, "mr-draft append");
  sent = outbox_record (store, "mr-draft");
  g_assert_cmpstr (gr_record_get_text (sent, "filed_on"), ==, "2026-03-06");
  g_assert_cmpuint (gr_record_get (sent, "rows")->children->len, ==, 2);
  /* The draft's unknown key goes along. */
  g_assert_cmpstr (sent->extra, ==, "{\"remark\": \"草稿\"}");
}

/* A filing that fails half way (its rotation rows, or its outbox row,
 * cannot be written) leaves neither the report nor an outbox row, and
 * the month unlocked; once the fault is gone it files. */
static void
test_file_failed (void)
{
  static const char * const faults[] = { "monthly_report_rotation", "outbox", NULL };

  for (guint i = 0; faults[i] != NULL; i++)
    {
      g_autoptr(GrStore) store = world ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GrMonthlyReport) feb = gr_monthly_report_build (store, "e1", "2026-02", "2026-03-06", &error);
      g_autofree char *filed = NULL;

      g_test_message ("fault in %s", faults[i]);
      g_assert_no_error (error);
      fx_sql (store, "CREATE TEMP TRIGGER fault BEFORE INSERT ON main.%s BEGIN SELECT RAISE (ABORT, 'disk full'); END",
              faults[i]);
      g_assert_false (gr_monthly_report_file (store, feb, "2026-03-06", &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "disk full"));
      g_clear_error (&error);

      g_assert_cmpint (count_rows (store, "monthly_reports"), ==, 0);
      g_assert_cmpint (count_rows (store, "monthly_report_rows"), ==, 0);
      g_assert_cmpint (count_rows (store, "monthly_report_rotation"), ==, 0);
      g_assert_cmpint (count_rows (store, "outbox"), ==, 0);
      g_assert_null (feb->id);
      g_assert_null (feb->filed_on);
      filed = gr_monthly_report_filed_on (store, "e1", "2026-02", &error);
      g_assert_no_error (error);
      g_assert_null (filed);

      fx_sql (store, "DROP TRIGGER fault");
      g_assert_true (gr_monthly_report_file (store, feb, "2026-03-06", &error));
      g_assert_no_error (error);
      g_assert_cmpint (count_rows (store, "monthly_reports"), ==, 1);
      g_assert_cmpint (count_rows (store, "outbox"), ==, 1);
    }
}

/* On the city demo every row balances and each variety's closing stock
 * equals the plans' month-end snapshots. */
static void
test_demo (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) ents = NULL;
  guint n_rows = 0;

  fx_sql (store, "DELETE FROM bins; DELETE FROM depots; DELETE FROM enterprises");
  g_assert_true (gr_demo_generate (store, GR_DEMO_CITY, 1, 1.0, "2026-11-25", NULL, NULL, &error));
  g_assert_no_error (error);

  ents = gr_store_prepare (store, "SELECT id FROM enterprises WHERE deleted = 0", &error);
  while (sqlite3_step (ents) == SQLITE_ROW)
    {
      const char *ent = (const char *) sqlite3_column_text (ents, 0);
      g_autoptr(GrMonthlyReport) report = gr_monthly_report_build (store, ent, "2026-10", "2026-11-25", &error);
      g_autoptr(sqlite3_stmt) snap = NULL;

      g_assert_no_error (error);
      for (guint i = 0; i < report->rows->len; i++)
        {
          GrMonthlyRow *row = report->rows->pdata[i];
          g_autoptr(sqlite3_stmt) depot_stock = NULL;

          g_assert_cmpint (row->opening_kg + row->in_kg - row->out_kg, ==, row->closing_kg);
          g_assert_cmpint (row->closing_kg, >=, 0);
          n_rows++;
        }
      /* Σ closing per variety = Σ snapshots of the plans of that variety. */
      snap = gr_store_prepare (store,
        "SELECT p.variety, sum(s.stock_kg) FROM plan_month_stock s JOIN plans p ON p.id = s.plan"
        " WHERE p.enterprise = ?1 AND s.month = (SELECT max(month) FROM plan_month_stock t"
        " WHERE t.plan = s.plan AND t.month <= '2026-10') GROUP BY p.variety", &error);
      sqlite3_bind_text (snap, 1, ent, -1, SQLITE_STATIC);
      while (sqlite3_step (snap) == SQLITE_ROW)
        {
          const char *variety = (const char *) sqlite3_column_text (snap, 0);
          gint64 total = 0;

          for (guint i = 0; i < report->rows->len; i++)
            {
              GrMonthlyRow *row = report->rows->pdata[i];

              if (strcmp (row->variety, variety) == 0)
                total += row->closing_kg;
            }
          g_assert_cmpint (total, ==, sqlite3_column_int64 (snap, 1));
        }
    }
  g_assert_cmpuint (n_rows, >, 10);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/report/monthly/rows-zhongshan-15", test_rows);
  g_test_add_func ("/report/monthly/bad-input", test_bad_input);
  g_test_add_func ("/report/monthly/file-and-lock", test_file_and_lock);
  g_test_add_func ("/report/monthly/file-outbox", test_file_outbox);
  g_test_add_func ("/report/monthly/file-draft", test_file_draft);
  g_test_add_func ("/report/monthly/file-failed", test_file_failed);
  g_test_add_func ("/report/monthly/demo", test_demo);
  return g_test_run ();
}
