/* test-export.c: dataset export (DESIGN.md §7), NDJSON and round trips
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "gr-ledger.h"
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

/* export → import into an empty database → export gives the same bytes */
static void
test_round_trip_bytes (void)
{
  g_autoptr(GrStore) a = test_city_store ();
  g_autoptr(GrStore) b = test_new_store ();
  g_autofree char *first = test_export (a, FALSE);
  g_autofree char *second = NULL;
  GrImportStats stats;

  test_import_ok (b, first, &stats);
  g_assert_cmpuint (stats.inserted, ==, 26);
  second = test_export (b, FALSE);
  g_assert_cmpstr (first, ==, second);

  /* and importing the export into its own database changes nothing */
  test_import_ok (a, first, &stats);
  g_assert_cmpuint (stats.unchanged, ==, 26);
  g_assert_cmpuint (stats.inserted + stats.updated, ==, 0);
}

static void
test_round_trip_ndjson (void)
{
  g_autoptr(GrStore) a = test_city_store ();
  g_autoptr(GrStore) b = test_new_store ();
  g_autofree char *first = test_export (a, TRUE);
  g_autofree char *second = NULL;
  g_autofree char *doc_a = test_export (a, FALSE);
  g_autofree char *doc_b = NULL;
  GrImportStats stats;

  test_import_ok (b, first, &stats);
  g_assert_cmpuint (stats.inserted, ==, 26);
  second = test_export (b, TRUE);
  g_assert_cmpstr (first, ==, second);
  doc_b = test_export (b, FALSE);
  g_assert_cmpstr (doc_a, ==, doc_b);
  g_assert_cmpint (gr_ledger_lot_balance (b, "L-03", NULL), ==, 480000);

  test_import_ok (b, first, &stats);
  g_assert_cmpuint (stats.unchanged, ==, 26);
}

static void
test_ndjson_layout (void)
{
  g_autoptr(GrStore) store = test_city_store ();
  g_autofree char *text = test_export (store, TRUE);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = g_strv_length (lines);

  /* header, 26 records, closing line, and the empty rest after the last \n */
  g_assert_cmpuint (n, ==, 1 + 26 + 1 + 1);
  g_assert_cmpstr (lines[0], ==, "{\"format\": \"granary-dataset-ndjson\", \"version\": 1, \"profile\": \"qingyuan-2026\"}");
  g_assert_true (g_str_has_prefix (lines[1], "{\"type\": \"enterprise\", \"record\": {\"id\": \"E-QY-01\", "));
  g_assert_cmpstr (lines[27], ==, "{\"type\": \"end\", \"records\": 26}");
  g_assert_cmpstr (lines[28], ==, "");
  for (guint i = 0; i + 1 < n; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, NULL));
      g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
    }
}

/* Tonnes as JSON numbers with at most 3 decimals and no float noise. */
static void
test_numbers (void)
{
  g_autoptr(GrStore) store = test_city_store ();
  g_autofree char *text = NULL;

  g_assert_true (gr_store_exec (store,
    "INSERT INTO movements (id, lot, date, kind, quantity_kg, price_yuan_per_t, version, updated_at, updated_by)"
    " VALUES ('M-n1', 'L-02', '2025-10-01', 'surplus', 12345, 2900.0, 0, '2025-10-01T00:00:00Z', 'x'),"
    "        ('M-n2', 'L-02', '2025-10-02', 'surplus', 1, 13.1, 0, '2025-10-01T00:00:00Z', 'x'),"
    "        ('M-n3', 'L-02', '2025-10-03', 'surplus', 100000000000, 0.1 + 0.2, 0, '2025-10-01T00:00:00Z', 'x')", NULL));
  text = test_export (store, FALSE);

  g_assert_nonnull (strstr (text, "\"id\": \"M-001\", \"lot\": \"L-01\", \"date\": \"2023-11-15\", \"kind\": \"intake\", \"quantity_t\": 5000, \"price_yuan_per_t\": 2900,"));
  g_assert_nonnull (strstr (text, "\"quantity_t\": 2000.5, \"price_yuan_per_t\": 2760.25,"));
  g_assert_nonnull (strstr (text, "\"quantity_t\": 480.125,"));
  g_assert_nonnull (strstr (text, "\"quantity_t\": 0.125,"));
  g_assert_nonnull (strstr (text, "\"quantity_t\": 12.345, \"price_yuan_per_t\": 2900,"));
  g_assert_nonnull (strstr (text, "\"quantity_t\": 0.001, \"price_yuan_per_t\": 13.1,"));
  /* a double that is not 0.3 keeps the digits that make it that double */
  g_assert_nonnull (strstr (text, "\"quantity_t\": 100000000, \"price_yuan_per_t\": 0.30000000000000004,"));
  g_assert_nonnull (strstr (text, "\"grain_temp_max_c\": 21.5, \"grain_temp_avg_c\": 18.2, \"grain_temp_min_c\": 15,"));
  g_assert_nonnull (strstr (text, "\"indicators\": {\"husked_rice_yield_pct\": 76.2, \"head_rice_yield_pct\": 52, \"moisture_pct\": 13.1,"));
  g_assert_null (strstr (text, ".0,"));
  g_assert_null (strstr (text, "00000000001"));
}

/* Every field present, in descriptor order, null when null; meta after. */
static void
test_every_field (void)
{
  g_autoptr(GrStore) store = test_new_store ();
  g_autofree char *text = NULL;

  test_import_ok (store, DATASET_HEAD
                  "\"enterprises\": [{\"kind\": \"agent\", \"name\": \"某公司\", \"id\": \"E-1\", \"version\": 3,"
                  " \"updated_at\": \"2025-12-01T08:00:00Z\", \"updated_by\": \"zhang\"}],"
                  "\"depots\": [{\"id\": \"D-1\", \"enterprise\": \"E-1\", \"name\": \"库\", \"version\": 0,"
                  " \"updated_at\": \"2025-12-01T08:00:00Z\", \"updated_by\": \"zhang\"}],"
                  "\"inspections\": [{\"id\": \"I-1\", \"depot\": \"D-1\", \"date\": \"2026-05-12\", \"kind\": \"joint\", \"version\": 0,"
                  " \"updated_at\": \"2025-12-01T08:00:00Z\", \"updated_by\": \"zhang\"}]}", NULL);
  text = test_export (store, FALSE);
  g_assert_nonnull (strstr (text,
    "  \"enterprises\": [\n"
    "    {\"id\": \"E-1\", \"name\": \"某公司\", \"kind\": \"agent\", \"credit_note\": null, \"version\": 3, "
    "\"updated_at\": \"2025-12-01T08:00:00Z\", \"updated_by\": \"zhang\"}\n"
    "  ],\n"
    "  \"depots\": [\n"
    "    {\"id\": \"D-1\", \"enterprise\": \"E-1\", \"code\": null, \"name\": \"库\", \"region\": null, \"address\": null, "
    "\"capacity_t\": null, \"grade\": \"none\", \"informatised\": null, \"version\": 0, "
    "\"updated_at\": \"2025-12-01T08:00:00Z\", \"updated_by\": \"zhang\"}\n"
    "  ],\n"
    "  \"bins\": [],\n"));
  g_assert_nonnull (strstr (text,
    "    {\"id\": \"I-1\", \"depot\": \"D-1\", \"date\": \"2026-05-12\", \"kind\": \"joint\", \"inspectors\": null, "
    "\"readings\": [], \"quantity_checks\": [], \"checklist\": null, \"findings\": [], \"signed_by\": null, "
    "\"signed_on\": null, \"corrects\": null, \"photos\": null, \"version\": 0, "
    "\"updated_at\": \"2025-12-01T08:00:00Z\", \"updated_by\": \"zhang\"}\n"));
  g_assert_true (g_str_has_prefix (text, "{\n  \"format\": \"granary-dataset\",\n  \"version\": 1,\n  \"enterprises\": [\n"));
  g_assert_true (g_str_has_suffix (text, "  \"depot_assessments\": []\n}\n"));
}

static void
test_skips_tombstones (void)
{
  g_autoptr(GrStore) store = test_city_store ();
  g_autofree char *doc = NULL;
  g_autofree char *nd = NULL;

  test_import_ok (store, DATASET_HEAD "\"releases\": [{\"id\": \"R-01\", \"deleted\": true}],"
                                      " \"depot_assessments\": [{\"id\": \"DA-01\", \"deleted\": true}]}", NULL);
  doc = test_export (store, FALSE);
  nd = test_export (store, TRUE);
  g_assert_null (strstr (doc, "R-01"));
  g_assert_null (strstr (doc, "DA-01"));
  g_assert_null (strstr (nd, "\"deleted\""));
  g_assert_nonnull (strstr (nd, "{\"type\": \"end\", \"records\": 24}\n"));
}

/* A record another writer stored without a content hash (e.g. demo data
 * written with SQL) is compared by its content. */
static void
test_rows_without_hash (void)
{
  g_autoptr(GrStore) store = test_city_store ();
  g_autofree char *text = NULL;
  GrImportStats stats;

  g_assert_true (gr_store_exec (store,
    "UPDATE movements SET content_hash = NULL;"
    "UPDATE inspections SET content_hash = NULL, checklist = '{ \"账实相符\":\"pass\",\"消防设施\" : \"fail\", \"熏蒸记录\": \"na\" }';", NULL));
  text = test_export (store, FALSE);
  g_assert_nonnull (strstr (text, "\"checklist\": {\"账实相符\": \"pass\", \"消防设施\": \"fail\", \"熏蒸记录\": \"na\"}"));
  test_import_ok (store, text, &stats);
  /* the hand-written JSON holds the same content as the canonical one */
  g_assert_cmpuint (stats.unchanged, ==, 26);
  g_assert_cmpuint (stats.updated + stats.inserted, ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM movements WHERE content_hash IS NULL"), ==, 6);
}

static void
test_to_file (void)
{
  g_autoptr(GrStore) store = test_city_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("granary-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected = test_export (store, FALSE);

  g_assert_true (gr_export_to_file (store, path, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);

  g_assert_false (gr_export_to_file (store, "/nonexistent-granary-dir/out.json", FALSE, &error));
  g_assert_nonnull (error);
  g_assert_null (strchr (error->message, '\n'));
}

/* ---- NDJSON import ---- */

static void
test_ndjson_cut_short (void)
{
  g_autoptr(GrStore) source = test_city_store ();
  g_autoptr(GrStore) store = test_new_store ();
  g_autofree char *text = test_export (source, TRUE);
  char *end = strstr (text, "{\"type\": \"end\"");
  char *mid = strstr (text, "\"id\": \"M-004\"");

  g_assert_nonnull (end);
  /* cut exactly at a line end: only the missing closing line tells */
  test_assert_refused (store, text, end - text,
                       "The file ends without its closing line {\"type\": \"end\", …}: it looks cut short, so nothing was imported");
  test_assert_refused (store, text, mid - text, "~: this is not valid JSON (");
  g_assert_true (gr_store_is_empty (store));

  {
    /* a wrong count in the closing line */
    g_autofree char *wrong = g_strndup (text, end - text);
    g_autofree char *doc = g_strconcat (wrong, "{\"type\": \"end\", \"records\": 27}\n", NULL);

    test_assert_refused (store, doc, -1, "line 28: the closing line counts the number 27 records, but the file holds 26");
  }
}

/* A refusal late in the stream takes back everything written before it. */
static void
test_ndjson_all_or_nothing (void)
{
  g_autoptr(GrStore) source = test_city_store ();
  g_autoptr(GrStore) store = test_new_store ();
  g_autofree char *text = test_export (source, TRUE);
  char *end = strstr (text, "{\"type\": \"end\"");
  g_autofree char *head = g_strndup (text, end - text);
  g_autofree char *bad = g_strconcat (head,
    "{\"type\": \"movement\", \"record\": {\"id\": \"M-9\", \"lot\": \"L-01\", \"date\": \"2025-04-01\", \"kind\": \"rotate_out\", \"quantity_t\": 6000}}\n"
    "{\"type\": \"end\", \"records\": 27}\n", NULL);
  g_autofree char *wrong_type = g_strconcat (head, "{\"type\": \"silo\", \"record\": {}}\n", NULL);

  test_assert_refused (store, bad, -1,
                       "line 28: movement (id \"M-9\"): field \"quantity_t\": the rotate_out of 6,000 t on 2025-04-01 "
                       "would take the lot \"L-01\" below zero (short by 1,000 t)");
  test_assert_refused (store, wrong_type, -1, "line 28: unknown record type \"silo\"");
  g_assert_true (gr_store_is_empty (store));
  g_assert_null (gr_store_get_meta (store, "profile"));
}

/* In a stream, a reference may come before its record; one that never
 * comes is refused at the end, naming the line. */
static void
test_ndjson_references (void)
{
  g_autoptr(GrStore) store = test_city_store ();
  const char *head = "{\"format\": \"granary-dataset-ndjson\", \"version\": 1}\n";
  g_autofree char *forward = g_strconcat (head,
    "{\"type\": \"movement\", \"record\": {\"id\": \"M-f\", \"lot\": \"L-f\", \"date\": \"2026-02-01\", \"kind\": \"intake\", \"quantity_t\": 20}}\n"
    "\n"
    "{\"type\": \"lot\", \"record\": {\"id\": \"L-f\", \"bin\": \"B-01\", \"plan\": \"P-f\", \"variety\": \"corn\", \"entered_on\": \"2026-02-01\"}}\n"
    "{\"type\": \"plan\", \"record\": {\"id\": \"P-f\", \"enterprise\": \"E-QY-01\", \"variety\": \"corn\", \"quantity_t\": 20,"
    " \"rotation_mode\": \"static\", \"valid_from\": \"2026-01-01\"}}\n"
    "{\"type\": \"end\", \"records\": 3}\n", NULL);
  g_autofree char *dangling = g_strconcat (head,
    "{\"type\": \"movement\", \"record\": {\"id\": \"M-x\", \"lot\": \"L-x\", \"date\": \"2026-02-01\", \"kind\": \"intake\", \"quantity_t\": 20}}\n"
    "{\"type\": \"end\", \"records\": 1}\n", NULL);
  g_autofree char *variety = g_strconcat (head,
    "{\"type\": \"lot\", \"record\": {\"id\": \"L-v\", \"bin\": \"B-01\", \"plan\": \"P-v\", \"variety\": \"wheat\", \"entered_on\": \"2026-02-01\"}}\n"
    "{\"type\": \"plan\", \"record\": {\"id\": \"P-v\", \"enterprise\": \"E-QY-01\", \"variety\": \"corn\", \"quantity_t\": 20,"
    " \"rotation_mode\": \"static\", \"valid_from\": \"2026-01-01\"}}\n"
    "{\"type\": \"end\", \"records\": 2}\n", NULL);
  g_autofree char *twice = g_strconcat (head,
    "{\"type\": \"release\", \"record\": {\"id\": \"R-9\", \"order_no\": \"1\", \"date\": \"2025-03-01\", \"enterprise\": \"E-QY-01\", \"variety\": \"rice\", \"quantity_t\": 1}}\n"
    "{\"type\": \"release\", \"record\": {\"id\": \"R-9\", \"order_no\": \"1\", \"date\": \"2025-03-01\", \"enterprise\": \"E-QY-01\", \"variety\": \"rice\", \"quantity_t\": 1}}\n"
    "{\"type\": \"end\", \"records\": 2}\n", NULL);

  test_assert_refused (store, dangling, -1,
                       "line 2: movement (id \"M-x\"): field \"lot\": unknown lot \"L-x\" (not in this file nor in the database)");
  test_assert_refused (store, variety, -1,
                       "line 2: lot (id \"L-v\"): field \"variety\": \"wheat\" differs from its plan \"P-v\" (\"corn\")");
  test_assert_refused (store, twice, -1, "line 3: release order (id \"R-9\"): field \"id\": the id is used twice in this file");
  test_import_ok (store, forward, NULL);
  g_assert_cmpint (gr_ledger_lot_balance (store, "L-f", NULL), ==, 20000);
  g_assert_cmpint (gr_ledger_plan_month_stock (store, "P-f", "2026-02"), ==, 20000);
}

/* A file is streamed line by line; the same file again changes nothing. */
static void
test_ndjson_file (void)
{
  g_autoptr(GrStore) source = test_city_store ();
  g_autoptr(GrStore) store = test_new_store ();
  g_autofree char *dir = g_dir_make_tmp ("granary-ndjson-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "city.ndjson", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  GrImportStats stats;

  g_assert_true (gr_export_to_file (source, path, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (gr_import_file (store, path, GR_IMPORT_NONE, &stats, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.inserted, ==, 26);
  g_assert_true (gr_import_file (store, path, GR_IMPORT_NONE, &stats, NULL, NULL, &error));
  g_assert_cmpuint (stats.unchanged, ==, 26);
  a = test_export (source, FALSE);
  b = test_export (store, FALSE);
  g_assert_cmpstr (a, ==, b);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/round-trip/bytes", test_round_trip_bytes);
  g_test_add_func ("/export/round-trip/ndjson", test_round_trip_ndjson);
  g_test_add_func ("/export/ndjson/layout", test_ndjson_layout);
  g_test_add_func ("/export/numbers", test_numbers);
  g_test_add_func ("/export/every-field", test_every_field);
  g_test_add_func ("/export/skips-tombstones", test_skips_tombstones);
  g_test_add_func ("/export/rows-without-hash", test_rows_without_hash);
  g_test_add_func ("/export/to-file", test_to_file);
  g_test_add_func ("/import/ndjson/cut-short", test_ndjson_cut_short);
  g_test_add_func ("/import/ndjson/all-or-nothing", test_ndjson_all_or_nothing);
  g_test_add_func ("/import/ndjson/references", test_ndjson_references);
  g_test_add_func ("/import/ndjson/file", test_ndjson_file);

  return g_test_run ();
}
