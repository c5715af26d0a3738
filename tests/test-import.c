/* test-import.c: dataset import (DESIGN.md §3, §7)
 *
 * Every refusal test checks the exact one-line message and that the
 * database is exactly as before (a hash over every row of every table).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "gr-dataset.h"
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

static char *
query_text (GrStore    *store,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* A document of one movement of lot L-01 (stock 5000 t in the fixture). */
static char *
movement_doc (const char *fields)
{
  return g_strdup_printf (DATASET_HEAD "\"movements\": [{\"id\": \"M-9\", \"lot\": \"L-01\", %s}]}", fields);
}

static void
refused_movement (const char *fields,
                  const char *expected)
{
  g_autoptr(GrStore) store = test_city_store ();
  g_autofree char *doc = movement_doc (fields);

  test_assert_refused (store, doc, -1, expected);
}

/* ---- Text that is not a dataset ---- */

static void
test_refuse_truncated (void)
{
  g_autoptr(GrStore) store = test_city_store ();
  g_autofree char *text = test_fixture ("city-small.json");

  /* cut in the middle of the movements, and cut just before the last } */
  test_assert_refused (store, text, strstr (text, "M-004") - text,
                       "The file ends in the middle of the dataset (at line 40, column 13): it looks cut short, so nothing was imported");
  test_assert_refused (store, text, strrchr (text, '}') - text,
                       "~The file ends in the middle of the dataset (at line ");
  test_assert_refused (store, DATASET_HEAD "\"lots\": [{\"id\": \"L-9\"", -1,
                       "~The file ends in the middle of the dataset (at line 1, column ");
  test_assert_refused (store, DATASET_HEAD "\"lots\": [{\"id\": \"L-9\",\n\n  ", -1,
                       "~The file ends in the middle of the dataset (at line ");
  /* an error before the end, or extra text after the end, is not a cut */
  test_assert_refused (store, DATASET_HEAD "\"lots\": [}]}", -1, "~This is not valid JSON, or it is cut short (at line 1, column ");
  test_assert_refused (store, DATASET_HEAD "\"lots\": []}}", -1, "~This is not valid JSON, or it is cut short (at line 1, column ");
}

static void
test_refuse_not_object (void)
{
  g_autoptr(GrStore) store = test_city_store ();
  const char *expected = "This is not a Granary dataset: a dataset is a JSON object, starting with {";

  test_assert_refused (store, "[{\"format\": \"granary-dataset\", \"version\": 1}]", -1, expected);
  test_assert_refused (store, "\"granary-dataset\"", -1, expected);
  test_assert_refused (store, "42", -1, expected);
  test_assert_refused (store, "   \n\t ", -1, "The file is empty: there is no dataset in it");
  test_assert_refused (store, "", 0, "The file is empty: there is no dataset in it");
}

/* json-glib reads JavaScript assignments; a dataset must not be one. */
static void
test_refuse_assignment (void)
{
  g_autoptr(GrStore) store = test_city_store ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *text = "var x = {\"format\": \"granary-dataset\", \"version\": 1, \"enterprises\": []};";

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  g_assert_true (json_parser_has_assignment (parser, NULL));
  test_assert_refused (store, text, -1, "This is not a Granary dataset: a dataset is a JSON object, starting with {");
  test_assert_refused (store, "\xEF\xBB\xBF  x = {}", -1, "This is not a Granary dataset: a dataset is a JSON object, starting with {");
}

static void
test_refuse_not_json (void)
{
  g_autoptr(GrStore) store = test_city_store ();

  test_assert_refused (store, "{format: granary-dataset}", -1, "~This is not valid JSON, or it is cut short (at line 1, column ");
  test_assert_refused (store, "{\"format\": \"granary-dataset\", \"version\": 1,}", -1, "~This is not valid JSON");
  test_assert_refused (store, "{\"format\": \"granary-dataset\"} trailing", -1, "~This is not valid JSON");
}

static void
test_refuse_format (void)
{
  g_autoptr(GrStore) store = test_city_store ();

  test_assert_refused (store, "{\"format\": \"granary\", \"version\": 1}", -1,
                       "This is not a Granary dataset: \"format\" is \"granary\", expected \"granary-dataset\"");
  test_assert_refused (store, "{\"version\": 1, \"enterprises\": []}", -1,
                       "This is not a Granary dataset: the \"format\" key is missing (expected \"granary-dataset\")");
  test_assert_refused (store, "{\"format\": \"granary-dataset\", \"version\": 2}", -1,
                       "Dataset version 2 is not supported: this program reads version 1");
  test_assert_refused (store, "{\"format\": \"granary-dataset\", \"version\": \"1\"}", -1,
                       "Dataset version \"1\" is not supported: this program reads version 1");
  test_assert_refused (store, "{\"format\": \"granary-dataset\"}", -1, "The dataset has no \"version\" (expected 1)");
}

static void
test_refuse_structure (void)
{
  g_autoptr(GrStore) store = test_city_store ();

  test_assert_refused (store, DATASET_HEAD "\"lots\": {\"id\": \"L-9\"}}", -1,
                       "\"lots\" must be a list of records ([…]), not an object");
  test_assert_refused (store, DATASET_HEAD "\"movements\": [5]}", -1,
                       "movements[0]: must be an object ({…}), not the number 5");
  test_assert_refused (store, DATASET_HEAD "\"rotation_plans\": [{\"id\": \"RP-9\", \"enterprise\": \"E-QY-01\", \"year\": 2027,"
                                           " \"state\": \"draft\", \"items\": [\"L-01\"]}]}", -1,
                       "rotation_plans[0] (id \"RP-9\"): field \"items[0]\": must be an object ({…}), not the text \"L-01\"");
}

/* ---- Fields ---- */

static void
test_refuse_required (void)
{
  g_autoptr(GrStore) store = test_city_store ();

  test_assert_refused (store, DATASET_HEAD "\"lots\": [{\"id\": \"L-9\", \"bin\": \"B-01\", \"plan\": \"P-01\","
                                           " \"variety\": \"paddy_late_indica\"}]}", -1,
                       "lots[0] (id \"L-9\"): field \"entered_on\": required, but missing");
  /* null is no value either */
  test_assert_refused (store, DATASET_HEAD "\"enterprises\": [{\"id\": \"E-9\", \"name\": null, \"kind\": \"agent\"}]}", -1,
                       "enterprises[0] (id \"E-9\"): field \"name\": required, but missing");
  test_assert_refused (store, DATASET_HEAD "\"enterprises\": [{\"name\": \"某公司\", \"kind\": \"agent\"}]}", -1,
                       "enterprises[0]: field \"id\": required, but missing");
}

static void
test_refuse_unknown_variety (void)
{
  g_autoptr(GrStore) store = test_city_store ();

  test_assert_refused (store, DATASET_HEAD "\"plans\": [{\"id\": \"P-9\", \"enterprise\": \"E-QY-01\", \"variety\": \"wild_rice\","
                                           " \"quantity_t\": 100, \"rotation_mode\": \"static\", \"valid_from\": \"2025-01-01\"}]}", -1,
                       "plans[0] (id \"P-9\"): field \"variety\": \"wild_rice\" is not a known variety");
}

static void
test_refuse_unknown_enum (void)
{
  g_autoptr(GrStore) store = test_city_store ();

  test_assert_refused (store, DATASET_HEAD "\"bins\": [{\"id\": \"B-9\", \"depot\": \"D-01\", \"code\": \"P09\", \"type\": \"barn\"}]}", -1,
                       "bins[0] (id \"B-9\"): field \"type\": \"barn\" is not one of: warehouse, silo, tank");
  refused_movement ("\"date\": \"2025-03-01\", \"kind\": \"sale\", \"quantity_t\": 5",
                    "movements[0] (id \"M-9\"): field \"kind\": \"sale\" is not one of: intake, rotate_in, replenish, surplus, rotate_out, release, loss");
}

static void
test_refuse_quantity_negative (void)
{
  refused_movement ("\"date\": \"2025-03-01\", \"kind\": \"intake\", \"quantity_t\": -5",
                    "movements[0] (id \"M-9\"): field \"quantity_t\": cannot be negative (-5 t)");
  refused_movement ("\"date\": \"2025-03-01\", \"kind\": \"intake\", \"quantity_t\": -0.5",
                    "movements[0] (id \"M-9\"): field \"quantity_t\": cannot be negative (-0.5 t)");
}

static void
test_refuse_quantity_zero (void)
{
  g_autoptr(GrStore) store = test_city_store ();

  refused_movement ("\"date\": \"2025-03-01\", \"kind\": \"intake\", \"quantity_t\": 0",
                    "movements[0] (id \"M-9\"): field \"quantity_t\": must be more than 0 t");
  refused_movement ("\"date\": \"2025-03-01\", \"kind\": \"intake\", \"quantity_t\": 0.0",
                    "movements[0] (id \"M-9\"): field \"quantity_t\": must be more than 0 t");
  /* a capacity may be zero (min 0 in the descriptor) */
  test_import_ok (store, DATASET_HEAD "\"bins\": [{\"id\": \"B-9\", \"depot\": \"D-01\", \"code\": \"P09\", \"capacity_t\": 0}]}", NULL);
  g_assert_cmpint (query_int (store, "SELECT capacity_kg FROM bins WHERE id = 'B-9'"), ==, 0);
}

static void
test_refuse_quantity_text (void)
{
  refused_movement ("\"date\": \"2025-03-01\", \"kind\": \"intake\", \"quantity_t\": \"5000\"",
                    "movements[0] (id \"M-9\"): field \"quantity_t\": must be a number of tonnes, not the text \"5000\"");
  refused_movement ("\"date\": \"2025-03-01\", \"kind\": \"intake\", \"quantity_t\": true",
                    "movements[0] (id \"M-9\"): field \"quantity_t\": must be a number of tonnes, not true");
  refused_movement ("\"date\": \"2025-03-01\", \"kind\": \"intake\", \"quantity_t\": [5]",
                    "movements[0] (id \"M-9\"): field \"quantity_t\": must be a number of tonnes, not a list");
}

/* GR_MAX_KG: 100 million tonnes is the most any quantity may be. */
static void
test_refuse_quantity_absurd (void)
{
  refused_movement ("\"date\": \"2025-03-01\", \"kind\": \"intake\", \"quantity_t\": 1e12",
                    "movements[0] (id \"M-9\"): field \"quantity_t\": 1000000000000 t is more than the largest quantity accepted (100,000,000 t)");
  refused_movement ("\"date\": \"2025-03-01\", \"kind\": \"intake\", \"quantity_t\": 1000000000000",
                    "movements[0] (id \"M-9\"): field \"quantity_t\": 1000000000000 t is more than the largest quantity accepted (100,000,000 t)");
  refused_movement ("\"date\": \"2025-03-01\", \"kind\": \"intake\", \"quantity_t\": 1e400",
                    "movements[0] (id \"M-9\"): field \"quantity_t\": is too large to be a number of tonnes");
  refused_movement ("\"date\": \"2025-03-01\", \"kind\": \"intake\", \"quantity_t\": 100000000.001",
                    "movements[0] (id \"M-9\"): field \"quantity_t\": 100000000.001 t is more than the largest quantity accepted (100,000,000 t)");
}

/* DESIGN.md §3: tonnes carry at most 3 decimals (whole kilograms). */
static void
test_refuse_quantity_decimals (void)
{
  g_autoptr(GrStore) store = test_city_store ();

  refused_movement ("\"date\": \"2025-03-01\", \"kind\": \"intake\", \"quantity_t\": 12.3456",
                    "movements[0] (id \"M-9\"): field \"quantity_t\": 12.3456 t has more than 3 decimals (quantities are kept to the kilogram)");
  refused_movement ("\"date\": \"2025-03-01\", \"kind\": \"intake\", \"quantity_t\": 0.0001",
                    "movements[0] (id \"M-9\"): field \"quantity_t\": 0.0001 t has more than 3 decimals (quantities are kept to the kilogram)");
  /* large values keep their kilograms exactly: the 4th decimal is still seen */
  refused_movement ("\"date\": \"2025-03-01\", \"kind\": \"intake\", \"quantity_t\": 99999999.9995",
                    "movements[0] (id \"M-9\"): field \"quantity_t\": 99999999.9995 t has more than 3 decimals (quantities are kept to the kilogram)");

  {
    g_autofree char *doc = movement_doc ("\"date\": \"2025-03-01\", \"kind\": \"intake\", \"quantity_t\": 99999999.999");

    test_import_ok (store, doc, NULL);
    g_assert_cmpint (query_int (store, "SELECT quantity_kg FROM movements WHERE id = 'M-9'"), ==, G_GINT64_CONSTANT (99999999999));
  }
}

static void
test_refuse_unknown_reference (void)
{
  g_autoptr(GrStore) store = test_city_store ();

  refused_movement ("\"date\": \"2025-03-01\", \"kind\": \"intake\", \"quantity_t\": 5, \"corrects\": \"M-404\"",
                    "movements[0] (id \"M-9\"): field \"corrects\": unknown movement \"M-404\" (not in this file nor in the database)");
  test_assert_refused (store, DATASET_HEAD "\"movements\": [{\"id\": \"M-9\", \"lot\": \"L-404\", \"date\": \"2025-03-01\","
                                           " \"kind\": \"intake\", \"quantity_t\": 5}]}", -1,
                       "movements[0] (id \"M-9\"): field \"lot\": unknown lot \"L-404\" (not in this file nor in the database)");
  /* in a child record */
  test_assert_refused (store, DATASET_HEAD "\"rotation_plans\": [{\"id\": \"RP-9\", \"enterprise\": \"E-QY-01\", \"year\": 2027,"
                                           " \"state\": \"draft\", \"items\": [{\"lot\": \"L-01\", \"quantity_t\": 10, \"out_month\": \"2027-03\","
                                           " \"in_month\": \"2027-05\"}, {\"lot\": \"L-77\", \"quantity_t\": 10, \"out_month\": \"2027-03\","
                                           " \"in_month\": \"2027-05\"}]}]}", -1,
                       "rotation_plans[0] (id \"RP-9\"): field \"items[1].lot\": unknown lot \"L-77\" (not in this file nor in the database)");
  /* a reference to itself */
  test_assert_refused (store, DATASET_HEAD "\"lots\": [{\"id\": \"L-9\", \"bin\": \"B-01\", \"plan\": \"P-01\", \"variety\": \"paddy_late_indica\","
                                           " \"entered_on\": \"2025-01-01\", \"replaces\": \"L-9\"}]}", -1,
                       "lots[0] (id \"L-9\"): field \"replaces\": a lot cannot refer to itself");
}

static void
test_refuse_impossible_date (void)
{
  g_autoptr(GrStore) store = test_city_store ();

  refused_movement ("\"date\": \"2025-02-29\", \"kind\": \"intake\", \"quantity_t\": 5",
                    "movements[0] (id \"M-9\"): field \"date\": \"2025-02-29\" is not a real calendar date (YYYY-MM-DD)");
  refused_movement ("\"date\": \"2025-3-1\", \"kind\": \"intake\", \"quantity_t\": 5",
                    "movements[0] (id \"M-9\"): field \"date\": \"2025-3-1\" is not a real calendar date (YYYY-MM-DD)");
  test_assert_refused (store, DATASET_HEAD "\"monthly_reports\": [{\"id\": \"MR-9\", \"enterprise\": \"E-QY-01\", \"month\": \"2026-13\"}]}", -1,
                       "monthly_reports[0] (id \"MR-9\"): field \"month\": \"2026-13\" is not a month (YYYY-MM)");
  /* 2024 is a leap year */
  {
    g_autofree char *doc = movement_doc ("\"date\": \"2024-02-29\", \"kind\": \"intake\", \"quantity_t\": 5");
    test_import_ok (store, doc, NULL);
  }
}

static void
test_refuse_duplicate_id (void)
{
  g_autoptr(GrStore) store = test_city_store ();

  test_assert_refused (store, DATASET_HEAD "\"movements\": ["
                       "{\"id\": \"M-9\", \"lot\": \"L-01\", \"date\": \"2025-03-01\", \"kind\": \"intake\", \"quantity_t\": 5},"
                       "{\"id\": \"M-10\", \"lot\": \"L-01\", \"date\": \"2025-03-01\", \"kind\": \"intake\", \"quantity_t\": 5},"
                       "{\"id\": \"M-9\", \"lot\": \"L-01\", \"date\": \"2025-03-01\", \"kind\": \"intake\", \"quantity_t\": 5}]}", -1,
                       "movements[2] (id \"M-9\"): field \"id\": the id is used twice in this file (first at movements[0])");
}

static void
test_refuse_bad_ids (void)
{
  g_autoptr(GrStore) store = test_city_store ();
  g_autofree char *long_id = g_strnfill (65, 'x');
  g_autofree char *doc = g_strdup_printf (DATASET_HEAD "\"enterprises\": [{\"id\": \"%s\", \"name\": \"某公司\", \"kind\": \"agent\"}]}", long_id);
  g_autofree char *ok_id = g_strnfill (32, 'x');
  /* 64 characters, each a Chinese character of 3 bytes, is still fine */
  GString *chinese = g_string_new (NULL);
  g_autofree char *ok_doc = NULL;

  test_assert_refused (store, DATASET_HEAD "\"enterprises\": [{\"id\": \"\", \"name\": \"某公司\", \"kind\": \"agent\"}]}", -1,
                       "enterprises[0]: field \"id\": must be text of 1 to 64 characters, not the text \"\"");
  test_assert_refused (store, DATASET_HEAD "\"enterprises\": [{\"id\": 7, \"name\": \"某公司\", \"kind\": \"agent\"}]}", -1,
                       "enterprises[0]: field \"id\": must be text of 1 to 64 characters, not the number 7");
  test_assert_refused (store, doc, -1, "~enterprises[0]: field \"id\": must be text of 1 to 64 characters, not the text \"xxxx");

  for (int i = 0; i < 64; i++)
    g_string_append (chinese, "粮");
  ok_doc = g_strdup_printf (DATASET_HEAD "\"enterprises\": [{\"id\": \"%s\", \"name\": \"某公司\", \"kind\": \"agent\"},"
                            " {\"id\": \"%s\", \"name\": \"某公司\", \"kind\": \"agent\"}]}", chinese->str, ok_id);
  test_import_ok (store, ok_doc, NULL);
  g_assert_cmpint (gr_store_count (store, "enterprises"), ==, 4);
  g_string_free (chinese, TRUE);
}

/* DESIGN.md §3 "Grades": rice 1–3, raw grain 1–5, oil 1–4. */
static void
test_refuse_grade_rice (void)
{
  g_autoptr(GrStore) store = test_city_store ();

  test_assert_refused (store, DATASET_HEAD "\"lots\": [{\"id\": \"L-9\", \"bin\": \"B-02\", \"plan\": \"P-02\", \"variety\": \"rice\","
                                           " \"grade\": 4, \"entered_on\": \"2025-09-10\"}]}", -1,
                       "lots[0] (id \"L-9\"): field \"grade\": 4 is not a grade of \"rice\" (finished grain is graded 1 to 3)");
  test_assert_refused (store, DATASET_HEAD "\"plans\": [{\"id\": \"P-9\", \"enterprise\": \"E-QY-02\", \"variety\": \"oil_blend\","
                                           " \"quantity_t\": 100, \"required_grade\": 5, \"rotation_mode\": \"static\", \"valid_from\": \"2025-01-01\"}]}", -1,
                       "plans[0] (id \"P-9\"): field \"required_grade\": 5 is not a grade of \"oil_blend\" (edible oil is graded 1 to 4)");
  /* 三级 is the lowest grade of rice */
  test_import_ok (store, DATASET_HEAD "\"lots\": [{\"id\": \"L-9\", \"bin\": \"B-02\", \"plan\": \"P-02\", \"variety\": \"rice\","
                                      " \"grade\": 3, \"entered_on\": \"2025-09-10\"}]}", NULL);
}

static void
test_refuse_grade_paddy (void)
{
  g_autoptr(GrStore) store = test_city_store ();

  test_assert_refused (store, DATASET_HEAD "\"lots\": [{\"id\": \"L-9\", \"bin\": \"B-01\", \"plan\": \"P-01\", \"variety\": \"paddy_late_indica\","
                                           " \"grade\": 6, \"entered_on\": \"2025-09-10\"}]}", -1,
                       "lots[0] (id \"L-9\"): field \"grade\": 6 is not a grade of \"paddy_late_indica\" (raw grain is graded 1 to 5)");
  test_assert_refused (store, DATASET_HEAD "\"lots\": [{\"id\": \"L-9\", \"bin\": \"B-01\", \"plan\": \"P-01\", \"variety\": \"paddy_late_indica\","
                                           " \"grade\": 0, \"entered_on\": \"2025-09-10\"}]}", -1,
                       "lots[0] (id \"L-9\"): field \"grade\": 0 is not a grade of \"paddy_late_indica\" (raw grain is graded 1 to 5)");
  /* 等外: grade null with substandard true */
  test_import_ok (store, DATASET_HEAD "\"lots\": [{\"id\": \"L-9\", \"bin\": \"B-01\", \"plan\": \"P-01\", \"variety\": \"paddy_late_indica\","
                                      " \"grade\": null, \"substandard\": true, \"entered_on\": \"2025-09-10\"}]}", NULL);
  g_assert_cmpint (query_int (store, "SELECT grade IS NULL AND substandard = 1 FROM lots WHERE id = 'L-9'"), ==, 1);
}

/* DESIGN.md §3: a lot's variety equals its plan's. */
static void
test_refuse_lot_variety (void)
{
  g_autoptr(GrStore) store = test_new_store ();
  const char *doc = DATASET_HEAD
    "\"enterprises\": [{\"id\": \"E-1\", \"name\": \"中山市粮食储备经营管理有限公司\", \"kind\": \"reserve_company\"}],"
    "\"depots\": [{\"id\": \"D-1\", \"enterprise\": \"E-1\", \"name\": \"横栏粮库\"}],"
    "\"bins\": [{\"id\": \"B-1\", \"depot\": \"D-1\", \"code\": \"P01\"}],"
    "\"plans\": [{\"id\": \"P-01\", \"enterprise\": \"E-1\", \"variety\": \"wheat\", \"quantity_t\": 8000, \"rotation_mode\": \"autonomous\", \"valid_from\": \"2026-01-01\"},"
    "            {\"id\": \"P-02\", \"enterprise\": \"E-1\", \"variety\": \"paddy_early_indica\", \"quantity_t\": 8000, \"rotation_mode\": \"autonomous\", \"valid_from\": \"2026-01-01\"}],"
    "\"lots\": ["
    "  {\"id\": \"L-0001\", \"bin\": \"B-1\", \"plan\": \"P-01\", \"variety\": \"wheat\", \"entered_on\": \"2026-01-05\"},"
    "  {\"id\": \"L-0002\", \"bin\": \"B-1\", \"plan\": \"P-02\", \"variety\": \"paddy_early_indica\", \"entered_on\": \"2026-01-05\"},"
    "  {\"id\": \"L-0003\", \"bin\": \"B-1\", \"plan\": \"P-01\", \"variety\": \"wheat\", \"entered_on\": \"2026-01-05\"},"
    "  {\"id\": \"L-0004\", \"bin\": \"B-1\", \"plan\": \"P-01\", \"variety\": \"paddy_early_indica\", \"entered_on\": \"2026-01-05\"}]}";

  test_assert_refused (store, doc, -1,
                       "lots[3] (id \"L-0004\"): field \"variety\": \"paddy_early_indica\" differs from its plan \"P-01\" (\"wheat\")");
}

/* A plan in the database, a lot in the file. */
static void
test_refuse_lot_variety_stored_plan (void)
{
  g_autoptr(GrStore) store = test_city_store ();

  test_assert_refused (store, DATASET_HEAD "\"lots\": [{\"id\": \"L-9\", \"bin\": \"B-01\", \"plan\": \"P-01\", \"variety\": \"wheat\","
                                           " \"entered_on\": \"2025-09-10\"}]}", -1,
                       "lots[0] (id \"L-9\"): field \"variety\": \"wheat\" differs from its plan \"P-01\" (\"paddy_late_indica\")");
  /* changing the stored plan's variety under its stored lots */
  test_assert_refused (store, DATASET_HEAD "\"plans\": [{\"id\": \"P-01\", \"enterprise\": \"E-QY-01\", \"variety\": \"wheat\","
                                           " \"quantity_t\": 30000, \"required_grade\": 3, \"rotation_mode\": \"static\","
                                           " \"valid_from\": \"2024-01-01\", \"valid_to\": \"2026-12-31\"}]}", -1,
                       "plans[0] (id \"P-01\"): field \"variety\": \"wheat\" differs from the variety of its lot \"L-01\" (\"paddy_late_indica\")");
}

/* DESIGN.md §3: a local rotate-out larger than the stock is refused. */
static void
test_refuse_rotate_out_beyond_balance (void)
{
  refused_movement ("\"date\": \"2025-05-01\", \"kind\": \"rotate_out\", \"quantity_t\": 2999.501",
                    "movements[0] (id \"M-9\"): field \"quantity_t\": the rotate_out of 2,999.501 t on 2025-05-01 "
                    "would take the lot \"L-01\" below zero (short by 0.001 t)");
  /* back-dated before the intake of 2023-11-15 */
  refused_movement ("\"date\": \"2023-11-14\", \"kind\": \"release\", \"quantity_t\": 1",
                    "movements[0] (id \"M-9\"): field \"quantity_t\": the release of 1 t on 2023-11-14 "
                    "would take the lot \"L-01\" below zero (short by 1 t)");
  {
    /* exactly the stock on that day is fine */
    g_autoptr(GrStore) store = test_city_store ();
    g_autofree char *doc = movement_doc ("\"date\": \"2025-05-01\", \"kind\": \"rotate_out\", \"quantity_t\": 2999.5");

    test_import_ok (store, doc, NULL);
    g_assert_cmpint (gr_ledger_lot_balance (store, "L-01", NULL), ==, 5000000 - 2999500);
  }
}

/* DESIGN.md §3: one rotation plan per enterprise and year. */
static void
test_refuse_two_rotation_plans (void)
{
  g_autoptr(GrStore) store = test_city_store ();

  test_assert_refused (store, DATASET_HEAD "\"rotation_plans\": [{\"id\": \"RP-9\", \"enterprise\": \"E-QY-01\", \"year\": 2026,"
                                           " \"state\": \"draft\"}]}", -1,
                       "rotation_plans[0] (id \"RP-9\"): field \"year\": the enterprise \"E-QY-01\" already has a rotation plan "
                       "for 2026 (id \"RP-2026\"); there is one plan per enterprise and year");
  test_assert_refused (store, DATASET_HEAD "\"rotation_plans\": ["
                       "{\"id\": \"RP-A\", \"enterprise\": \"E-QY-02\", \"year\": 2027, \"state\": \"draft\"},"
                       "{\"id\": \"RP-B\", \"enterprise\": \"E-QY-02\", \"year\": 2027, \"state\": \"submitted\"}]}", -1,
                       "rotation_plans[1] (id \"RP-B\"): field \"year\": the enterprise \"E-QY-02\" already has a rotation plan "
                       "for 2027 in this file (rotation_plans[0], id \"RP-A\"); there is one plan per enterprise and year");
  /* moving the stored plan to 2027 in the same file frees 2026 */
  test_import_ok (store, DATASET_HEAD "\"rotation_plans\": ["
                  "{\"id\": \"RP-2026\", \"enterprise\": \"E-QY-01\", \"year\": 2027, \"state\": \"draft\"},"
                  "{\"id\": \"RP-9\", \"enterprise\": \"E-QY-01\", \"year\": 2026, \"state\": \"draft\"}]}", NULL);
  g_assert_cmpint (gr_store_count (store, "rotation_plans"), ==, 2);
}

/* DESIGN.md §7: an existing movement id with different content is refused. */
static void
test_refuse_movement_changed (void)
{
  g_autoptr(GrStore) store = test_city_store ();

  test_assert_refused (store, DATASET_HEAD "\"movements\": [{\"id\": \"M-001\", \"lot\": \"L-01\", \"date\": \"2023-11-15\","
                                           " \"kind\": \"intake\", \"quantity_t\": 5001, \"price_yuan_per_t\": 2900,"
                                           " \"counterparty\": \"清远市农户合作社\", \"voucher_no\": \"RK-2023-0001\"}]}", -1,
                       "movements[0] (id \"M-001\"): field \"quantity_t\": differs from the movement already recorded with this id "
                       "(5000); a recorded movement cannot be changed, so record a correction as a new one");
  test_assert_refused (store, DATASET_HEAD "\"movements\": [{\"id\": \"M-001\", \"deleted\": true}]}", -1,
                       "movements[0] (id \"M-001\"): field \"deleted\": differs from the movement already recorded with this id; "
                       "a recorded movement cannot be changed or deleted, so record a correction as a new one");
  test_assert_refused (store, DATASET_HEAD "\"finding_closures\": [{\"id\": \"FC-01\", \"inspection\": \"I-01\", \"finding\": \"F-1\","
                                           " \"closed_on\": \"2026-05-29\", \"closed_by\": \"李建国\", \"note\": \"已更换\"}]}", -1,
                       "finding_closures[0] (id \"FC-01\"): field \"closed_on\": differs from the finding closure already recorded "
                       "with this id (\"2026-05-28\"); a recorded finding closure cannot be changed, so record a correction as a new one");
  /* the same movement again is fine: it is left as it is */
  {
    GrImportStats stats;

    test_import_ok (store, DATASET_HEAD "\"movements\": [{\"id\": \"M-001\", \"lot\": \"L-01\", \"date\": \"2023-11-15\","
                                        " \"kind\": \"intake\", \"quantity_t\": 5000.000, \"price_yuan_per_t\": 2900.0,"
                                        " \"counterparty\": \"清远市农户合作社\", \"voucher_no\": \"RK-2023-0001\"}]}", &stats);
    g_assert_cmpuint (stats.unchanged, ==, 1);
    g_assert_cmpuint (stats.inserted + stats.updated, ==, 0);
  }
}

static void
test_refuse_json_kinds (void)
{
  g_autoptr(GrStore) store = test_city_store ();

  test_assert_refused (store, DATASET_HEAD "\"depots\": [{\"id\": \"D-9\", \"enterprise\": \"E-QY-01\", \"name\": \"新库\","
                                           " \"informatised\": {\"data\": true, \"video\": \"yes\"}}]}", -1,
                       "depots[0] (id \"D-9\"): field \"informatised.video\": must be true or false, not the text \"yes\"");
  test_assert_refused (store, DATASET_HEAD "\"depots\": [{\"id\": \"D-9\", \"enterprise\": \"E-QY-01\", \"name\": \"新库\","
                                           " \"informatised\": [true]}]}", -1,
                       "depots[0] (id \"D-9\"): field \"informatised\": must be an object of true/false values, not a list");
  test_assert_refused (store, DATASET_HEAD "\"inspections\": [{\"id\": \"I-9\", \"depot\": \"D-01\", \"date\": \"2026-05-13\","
                                           " \"kind\": \"random\", \"inspectors\": [\"王芳\", 3]}]}", -1,
                       "inspections[0] (id \"I-9\"): field \"inspectors[1]\": must be text, not the number 3");
  test_assert_refused (store, DATASET_HEAD "\"inspections\": [{\"id\": \"I-9\", \"depot\": \"D-01\", \"date\": \"2026-05-13\","
                                           " \"kind\": \"random\", \"checklist\": \"all fine\"}]}", -1,
                       "inspections[0] (id \"I-9\"): field \"checklist\": must be an object ({…}), not the text \"all fine\"");
}

/* DESIGN.md §7: the known quality indicators are numbers; color_odor a word. */
static void
test_refuse_indicators (void)
{
  g_autoptr(GrStore) store = test_city_store ();

  test_assert_refused (store, DATASET_HEAD "\"quality_tests\": [{\"id\": \"Q-9\", \"lot\": \"L-01\", \"date\": \"2026-04-03\","
                                           " \"standard\": \"GB 1350-2009\", \"indicators\": {\"moisture_pct\": \"13.1\"}}]}", -1,
                       "quality_tests[0] (id \"Q-9\"): field \"indicators.moisture_pct\": must be a number, not the text \"13.1\"");
  test_assert_refused (store, DATASET_HEAD "\"quality_tests\": [{\"id\": \"Q-9\", \"lot\": \"L-01\", \"date\": \"2026-04-03\","
                                           " \"standard\": \"GB 1350-2009\", \"indicators\": {\"color_odor\": \"smelly\"}}]}", -1,
                       "quality_tests[0] (id \"Q-9\"): field \"indicators.color_odor\": must be one of: normal, basically_normal, "
                       "abnormal, not the text \"smelly\"");
  test_assert_refused (store, DATASET_HEAD "\"quality_tests\": [{\"id\": \"Q-9\", \"lot\": \"L-01\", \"date\": \"2026-04-03\","
                                           " \"standard\": \"GB 1350-2009\", \"indicators\": {\"impurity_pct\": 120}}]}", -1,
                       "quality_tests[0] (id \"Q-9\"): field \"indicators.impurity_pct\": 120 is out of range");
  test_assert_refused (store, DATASET_HEAD "\"quality_tests\": [{\"id\": \"Q-9\", \"lot\": \"L-01\", \"date\": \"2026-04-03\","
                                           " \"standard\": \"GB 1350-2009\"}]}", -1,
                       "quality_tests[0] (id \"Q-9\"): field \"indicators\": required, but missing");
  /* an indicator this program does not know is kept as given */
  test_import_ok (store, DATASET_HEAD "\"quality_tests\": [{\"id\": \"Q-9\", \"lot\": \"L-01\", \"date\": \"2026-04-03\","
                                      " \"standard\": \"GB 1350-2009\", \"indicators\": {\"moisture_pct\": 13, \"chalkiness_pct\": \"n/a\"}}]}", NULL);
  {
    g_autofree char *indicators = query_text (store, "SELECT indicators FROM quality_tests WHERE id = 'Q-9'");
    g_assert_cmpstr (indicators, ==, "{\"moisture_pct\": 13, \"chalkiness_pct\": \"n/a\"}");
  }
}

static void
test_refuse_numbers_out_of_bounds (void)
{
  g_autoptr(GrStore) store = test_city_store ();

  test_assert_refused (store, DATASET_HEAD "\"lots\": [{\"id\": \"L-9\", \"bin\": \"B-01\", \"plan\": \"P-01\", \"variety\": \"paddy_late_indica\","
                                           " \"harvest_year\": 3023, \"entered_on\": \"2025-09-10\"}]}", -1,
                       "lots[0] (id \"L-9\"): field \"harvest_year\": must be between 1900 and 2199, not 3023");
  test_assert_refused (store, DATASET_HEAD "\"lots\": [{\"id\": \"L-9\", \"bin\": \"B-01\", \"plan\": \"P-01\", \"variety\": \"paddy_late_indica\","
                                           " \"harvest_year\": 2023.5, \"entered_on\": \"2025-09-10\"}]}", -1,
                       "lots[0] (id \"L-9\"): field \"harvest_year\": must be a whole number, not the number 2023.5");
  test_assert_refused (store, DATASET_HEAD "\"inspections\": [{\"id\": \"I-9\", \"depot\": \"D-01\", \"date\": \"2026-05-13\", \"kind\": \"random\","
                                           " \"readings\": [{\"bin\": \"B-01\", \"moisture_pct\": 130}]}]}", -1,
                       "inspections[0] (id \"I-9\"): field \"readings[0].moisture_pct\": must be between 0 and 100, not 130");
  refused_movement ("\"date\": \"2025-03-01\", \"kind\": \"intake\", \"quantity_t\": 5, \"price_yuan_per_t\": -2",
                    "movements[0] (id \"M-9\"): field \"price_yuan_per_t\": must be between 0 and 10000000, not -2");
}

static void
test_refuse_profile (void)
{
  g_autoptr(GrStore) store = test_city_store ();

  test_assert_refused (store, "{\"format\": \"granary-dataset\", \"version\": 1, \"profile\": \"Zhong Shan\"}", -1,
                       "\"profile\": the text \"Zhong Shan\" is not a profile name (lower-case letters, digits and -, at most 64)");
  test_assert_refused (store, "{\"format\": \"granary-dataset\", \"version\": 1, \"profile\": \"\"}", -1,
                       "\"profile\": the text \"\" is not a profile name (lower-case letters, digits and -, at most 64)");
}

/* A tombstone must not leave live records pointing at the deleted one. */
static void
test_refuse_tombstone_referenced (void)
{
  g_autoptr(GrStore) store = test_city_store ();

  test_assert_refused (store, DATASET_HEAD "\"bins\": [{\"id\": \"B-01\", \"deleted\": true}]}", -1,
                       "bins[0] (id \"B-01\"): field \"deleted\": this bin cannot be deleted: the lot \"L-01\" still refers to it");
  /* a rotation plan's items refer to L-01 too (a child table) */
  /* a signed inspection is frozen (DESIGN.md §3): neither changed nor deleted */
  test_assert_refused (store, DATASET_HEAD "\"inspections\": [{\"id\": \"I-01\", \"deleted\": true}]}", -1,
                       "inspections[0] (id \"I-01\"): field \"deleted\": differs from the inspection already recorded with "
                       "this id; a recorded inspection cannot be changed or deleted, so record a correction as a new one");
  /* so is a filed monthly report (SYNC.md §3.6: append-only once filed) */
  test_assert_refused (store, DATASET_HEAD "\"monthly_reports\": [{\"id\": \"MR-2026-01\", \"enterprise\": \"E-QY-01\","
                                           " \"month\": \"2026-01\", \"filed_on\": \"2026-02-04\"}]}", -1,
                       "monthly_reports[0] (id \"MR-2026-01\"): field \"filed_on\": differs from the monthly report already "
                       "recorded with this id (\"2026-02-05\"); a recorded monthly report cannot be changed, so record a "
                       "correction as a new one");
  /* a draft can be deleted, unless something refers to it */
  test_import_ok (store, DATASET_HEAD "\"inspections\": [{\"id\": \"I-02\", \"depot\": \"D-01\", \"date\": \"2026-05-20\","
                                      " \"kind\": \"routine\"}], \"finding_closures\": [{\"id\": \"FC-02\", \"inspection\": \"I-02\","
                                      " \"finding\": \"F-1\", \"closed_on\": \"2026-05-28\"}]}", NULL);
  test_assert_refused (store, DATASET_HEAD "\"inspections\": [{\"id\": \"I-02\", \"deleted\": true}]}", -1,
                       "inspections[0] (id \"I-02\"): field \"deleted\": this inspection cannot be deleted: the finding closure \"FC-02\" still refers to it");
  /* deleted in the same file */
  test_assert_refused (store, DATASET_HEAD "\"movements\": [{\"id\": \"M-9\", \"lot\": \"L-02\", \"date\": \"2025-10-01\","
                                           " \"kind\": \"intake\", \"quantity_t\": 5}], \"lots\": [{\"id\": \"L-02\", \"deleted\": true}]}", -1,
                       "movements[0] (id \"M-9\"): field \"lot\": the lot \"L-02\" is deleted");
}

/* ---- What an import stores ---- */

static void
test_idempotent (void)
{
  g_autoptr(GrStore) store = test_city_store ();
  g_autofree char *text = test_fixture ("city-small.json");
  g_autofree char *before = test_fingerprint (store);
  g_autofree char *after = NULL;
  g_autofree char *updated_at = query_text (store, "SELECT updated_at FROM lots WHERE id = 'L-01'");
  GrImportStats stats;

  /* one second later any write would show in updated_at */
  g_usleep (1100 * 1000);
  test_import_ok (store, text, &stats);
  g_assert_cmpuint (stats.inserted, ==, 0);
  g_assert_cmpuint (stats.updated, ==, 0);
  g_assert_cmpuint (stats.unchanged, ==, 26);
  after = test_fingerprint (store);
  g_assert_cmpstr (before, ==, after);
  {
    g_autofree char *again = query_text (store, "SELECT updated_at FROM lots WHERE id = 'L-01'");
    g_assert_cmpstr (again, ==, updated_at);
  }
}

static void
test_update_lot_attribute (void)
{
  g_autoptr(GrStore) store = test_city_store ();
  g_autofree char *text = test_fixture ("city-small.json");
  g_autofree char *changed = NULL;
  g_autofree char *hash_before = query_text (store, "SELECT content_hash FROM lots WHERE id = 'L-01'");
  g_autofree char *hash_after = NULL;
  g_autofree char *other_before = query_text (store, "SELECT updated_at || content_hash FROM lots WHERE id = 'L-02'");
  g_autofree char *other_after = NULL;
  char *at = strstr (text, "\"storage_quality\": \"suitable\"");
  GrImportStats stats;

  g_assert_nonnull (at);
  *at = '\0';
  changed = g_strconcat (text, "\"storage_quality\": \"slightly_unsuitable\"", at + strlen ("\"storage_quality\": \"suitable\""), NULL);
  g_assert_true (gr_store_exec (store, "UPDATE lots SET version = 7 WHERE id = 'L-01'", NULL));

  test_import_ok (store, changed, &stats);
  g_assert_cmpuint (stats.inserted, ==, 0);
  g_assert_cmpuint (stats.updated, ==, 1);
  g_assert_cmpuint (stats.unchanged, ==, 25);
  {
    g_autofree char *quality = query_text (store, "SELECT storage_quality FROM lots WHERE id = 'L-01'");
    g_assert_cmpstr (quality, ==, "slightly_unsuitable");
  }
  /* the server version stays (no version in the file); the hash follows the content */
  g_assert_cmpint (query_int (store, "SELECT version FROM lots WHERE id = 'L-01'"), ==, 7);
  hash_after = query_text (store, "SELECT content_hash FROM lots WHERE id = 'L-01'");
  g_assert_cmpstr (hash_before, !=, hash_after);
  other_after = query_text (store, "SELECT updated_at || content_hash FROM lots WHERE id = 'L-02'");
  g_assert_cmpstr (other_before, ==, other_after);
  /* balances are untouched by an attribute */
  g_assert_cmpint (gr_ledger_lot_balance (store, "L-01", NULL), ==, 5000000);
}

/* A lot moved to another plan takes its stock to that plan's snapshots. */
static void
test_update_lot_plan (void)
{
  g_autoptr(GrStore) store = test_city_store ();

  g_assert_cmpint (gr_ledger_plan_month_stock (store, "P-01", "2026-01"), ==, 5000000);
  test_import_ok (store, DATASET_HEAD
                  "\"plans\": [{\"id\": \"P-04\", \"enterprise\": \"E-QY-01\", \"variety\": \"paddy_late_indica\", \"quantity_t\": 6000,"
                  " \"rotation_mode\": \"static\", \"valid_from\": \"2024-01-01\"}],"
                  "\"lots\": [{\"id\": \"L-01\", \"bin\": \"B-01\", \"plan\": \"P-04\", \"variety\": \"paddy_late_indica\", \"grade\": 3,"
                  " \"harvest_year\": 2023, \"entered_on\": \"2023-11-15\", \"rotation_mode\": \"static\", \"cost_yuan_per_t\": 2950.5}]}", NULL);
  g_assert_cmpint (gr_ledger_plan_month_stock (store, "P-04", "2023-11"), ==, 5000000);
  g_assert_cmpint (gr_ledger_plan_month_stock (store, "P-04", "2025-04"), ==, 5000000 - 2000500);
  g_assert_cmpint (gr_ledger_plan_month_stock (store, "P-04", "2026-01"), ==, 5000000);
  g_assert_cmpint (gr_ledger_plan_month_stock (store, "P-01", "2026-01"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM plan_month_stock WHERE plan = 'P-01'"), ==, 0);
}

static void
test_unknown_keys_kept (void)
{
  g_autoptr(GrStore) a = test_new_store ();
  g_autoptr(GrStore) b = test_new_store ();
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  const char *doc = "{\"format\": \"granary-dataset\", \"version\": 1, \"source\": {\"system\": \"粮食管理平台\", \"batch\": 7},"
    " \"exported_by\": \"张三\","
    " \"enterprises\": [{\"id\": \"E-1\", \"name\": \"某公司\", \"kind\": \"agent\", \"zz_code\": \"91441900\", \"aa_tags\": [\"市储\", 1.5]}],"
    " \"rotation_plans\": [{\"id\": \"RP-1\", \"enterprise\": \"E-1\", \"year\": 2027, \"state\": \"draft\","
    "   \"items\": []}],"
    " \"monthly_reports\": [{\"id\": \"MR-1\", \"enterprise\": \"E-1\", \"month\": \"2027-01\","
    "   \"rows\": [{\"variety\": \"wheat\", \"opening_t\": 1, \"remark\": \"手工补录\"}]}]}";

  test_import_ok (a, doc, NULL);
  {
    g_autofree char *extra = query_text (a, "SELECT extra FROM enterprises WHERE id = 'E-1'");
    g_autofree char *child = query_text (a, "SELECT extra FROM monthly_report_rows WHERE parent = 'MR-1'");
    g_autofree char *top = gr_store_get_meta (a, "dataset_extra");

    /* sorted by name */
    g_assert_cmpstr (extra, ==, "{\"aa_tags\": [\"市储\", 1.5], \"zz_code\": \"91441900\"}");
    g_assert_cmpstr (child, ==, "{\"remark\": \"手工补录\"}");
    g_assert_cmpstr (top, ==, "{\"exported_by\": \"张三\", \"source\": {\"system\": \"粮食管理平台\", \"batch\": 7}}");
  }

  first = test_export (a, FALSE);
  g_assert_nonnull (strstr (first, "\"updated_by\": \"" ));
  g_assert_nonnull (strstr (first, ", \"aa_tags\": [\"市储\", 1.5], \"zz_code\": \"91441900\"}"));
  g_assert_nonnull (strstr (first, "\"closing_t\": null, \"remark\": \"手工补录\"}"));
  g_assert_nonnull (strstr (first, "  \"exported_by\": \"张三\",\n  \"source\": {\"system\": \"粮食管理平台\", \"batch\": 7},\n"));
  test_import_ok (b, first, NULL);
  second = test_export (b, FALSE);
  g_assert_cmpstr (first, ==, second);
}

/* DESIGN.md §3 "Balances": within one date inbound movements count
 * before outbound ones, whatever their order in the file or their ids. */
static void
test_same_day_balances (void)
{
  g_autoptr(GrStore) store = test_city_store ();

  test_import_ok (store, DATASET_HEAD
                  "\"lots\": [{\"id\": \"L-9\", \"bin\": \"B-01\", \"plan\": \"P-01\", \"variety\": \"paddy_late_indica\", \"entered_on\": \"2025-03-01\"}],"
                  "\"movements\": ["
                  " {\"id\": \"A-out\", \"lot\": \"L-9\", \"date\": \"2025-03-01\", \"kind\": \"rotate_out\", \"quantity_t\": 3000},"
                  " {\"id\": \"B-in\", \"lot\": \"L-9\", \"date\": \"2025-03-01\", \"kind\": \"intake\", \"quantity_t\": 5000},"
                  " {\"id\": \"C-loss\", \"lot\": \"L-9\", \"date\": \"2025-03-01\", \"kind\": \"loss\", \"quantity_t\": 2000},"
                  " {\"id\": \"D-in\", \"lot\": \"L-9\", \"date\": \"2025-04-30\", \"kind\": \"rotate_in\", \"quantity_t\": 1.5},"
                  " {\"id\": \"E-out\", \"lot\": \"L-9\", \"date\": \"2025-04-30\", \"kind\": \"release\", \"quantity_t\": 1.5}]}", NULL);
  g_assert_cmpint (gr_ledger_lot_balance (store, "L-9", "2025-03-01"), ==, 0);
  g_assert_cmpint (gr_ledger_lot_balance (store, "L-9", NULL), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT balance_kg FROM lots WHERE id = 'L-9'"), ==, 0);
  /* P-01 holds L-01 (5000 t, minus 2000.5 t rotated out in April 2025) and L-9 */
  g_assert_cmpint (gr_ledger_plan_month_stock (store, "P-01", "2025-03"), ==, 5000000);
  g_assert_cmpint (gr_ledger_plan_month_stock (store, "P-01", "2025-04"), ==, 5000000 - 2000500);

  /* one kilogram more out on the same day is short by exactly that */
  test_assert_refused (store, DATASET_HEAD "\"movements\": [{\"id\": \"Z-out\", \"lot\": \"L-9\", \"date\": \"2025-03-01\","
                                           " \"kind\": \"loss\", \"quantity_t\": 0.001}]}", -1,
                       "movements[0] (id \"Z-out\"): field \"quantity_t\": the loss of 0.001 t on 2025-03-01 "
                       "would take the lot \"L-9\" below zero (short by 0.001 t)");
  /* the same, ordered before the stored outbound movements of that day:
   * the stock crosses zero at the stored C-loss, caused by 0-out */
  test_assert_refused (store, DATASET_HEAD "\"movements\": [{\"id\": \"0-out\", \"lot\": \"L-9\", \"date\": \"2025-03-01\","
                                           " \"kind\": \"loss\", \"quantity_t\": 0.001}]}", -1,
                       "movements[0] (id \"0-out\"): field \"quantity_t\": with the loss of 0.001 t on 2025-03-01, "
                       "the lot \"L-9\" would fall below zero on 2025-03-01 (short by 0.001 t)");
}

/* 东莞 第十五条: month-end stock at least 70 % of the scale, compared in
 * integers (stock_kg × 100 ≥ plan_kg × 70). Tonnes such as 0.1 + 0.2 are
 * not exact in binary; kilograms are, so the boundary is exact. */
static void
test_ratio_boundary_kg (void)
{
  g_autoptr(GrStore) store = test_city_store ();
  gint64 plan_kg, stock_kg;

  test_import_ok (store, DATASET_HEAD
                  "\"plans\": [{\"id\": \"P-70\", \"enterprise\": \"E-QY-01\", \"variety\": \"wheat\", \"quantity_t\": 10000.01,"
                  " \"rotation_mode\": \"static\", \"valid_from\": \"2025-01-01\"}],"
                  "\"lots\": [{\"id\": \"L-70\", \"bin\": \"B-02\", \"plan\": \"P-70\", \"variety\": \"wheat\", \"entered_on\": \"2025-06-01\"}],"
                  "\"movements\": ["
                  " {\"id\": \"M-70a\", \"lot\": \"L-70\", \"date\": \"2025-06-01\", \"kind\": \"intake\", \"quantity_t\": 0.1},"
                  " {\"id\": \"M-70b\", \"lot\": \"L-70\", \"date\": \"2025-06-02\", \"kind\": \"intake\", \"quantity_t\": 0.2},"
                  " {\"id\": \"M-70c\", \"lot\": \"L-70\", \"date\": \"2025-06-03\", \"kind\": \"intake\", \"quantity_t\": 6999.707}]}", NULL);
  /* in doubles, 0.1 + 0.2 + 6999.707 is 7000.0070000000005 */
  g_assert_true (0.1 + 0.2 + 6999.707 != 7000.007);

  plan_kg = query_int (store, "SELECT quantity_kg FROM plans WHERE id = 'P-70'");
  stock_kg = gr_ledger_plan_month_stock (store, "P-70", "2025-06");
  g_assert_cmpint (plan_kg, ==, 10000010);
  g_assert_cmpint (stock_kg, ==, 7000007);
  g_assert_cmpint (query_int (store, "SELECT balance_kg FROM lots WHERE id = 'L-70'"), ==, 7000007);
  g_assert_cmpint (stock_kg * 100, ==, plan_kg * 70);

  /* one kilogram less and the plan is below 70 % */
  test_import_ok (store, DATASET_HEAD "\"movements\": [{\"id\": \"M-70e\", \"lot\": \"L-70\", \"date\": \"2025-06-30\","
                                      " \"kind\": \"loss\", \"quantity_t\": 0.001}]}", NULL);
  stock_kg = gr_ledger_plan_month_stock (store, "P-70", "2025-06");
  g_assert_cmpint (stock_kg, ==, 7000006);
  g_assert_cmpint (stock_kg * 100, <, plan_kg * 70);
}

static void
test_defaults_and_meta (void)
{
  g_autoptr(GrStore) store = test_new_store ();
  g_autofree char *updated_at = NULL;
  GDateTime *parsed;

  test_import_ok (store, DATASET_HEAD
                  "\"enterprises\": [{\"id\": \"E-1\", \"name\": \"某公司\", \"kind\": \"agent\"},"
                  "                  {\"id\": \"E-2\", \"name\": \"另一公司\", \"kind\": \"agent\", \"version\": 12,"
                  "                   \"updated_at\": \"2025-12-01T08:00:00Z\", \"updated_by\": \"zhang\"}],"
                  "\"depots\": [{\"id\": \"D-1\", \"enterprise\": \"E-1\", \"name\": \"库\"}],"
                  "\"bins\": [{\"id\": \"B-1\", \"depot\": \"D-1\", \"code\": \"P01\", \"storage_tech\": null}],"
                  "\"plans\": [{\"id\": \"P-1\", \"enterprise\": \"E-1\", \"variety\": \"corn\", \"quantity_t\": 10,"
                  " \"rotation_mode\": \"static\", \"valid_from\": \"2025-01-01\"}],"
                  "\"lots\": [{\"id\": \"L-1\", \"bin\": \"B-1\", \"plan\": \"P-1\", \"variety\": \"corn\", \"entered_on\": \"2025-01-01\"}]}", NULL);

  g_assert_cmpint (query_int (store, "SELECT grade = 'none' FROM depots WHERE id = 'D-1'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT type = 'warehouse' AND storage_tech = 'normal' FROM bins"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT required_grade FROM plans"), ==, 3);
  g_assert_cmpint (query_int (store, "SELECT owner = 'municipal' AND storage_quality = 'suitable' AND substandard = 0"
                                     " AND packaged = 0 AND delay_approved = 0 AND rotation_mode IS NULL FROM lots"), ==, 1);

  g_assert_cmpint (query_int (store, "SELECT version FROM enterprises WHERE id = 'E-1'"), ==, 0);
  updated_at = query_text (store, "SELECT updated_at FROM enterprises WHERE id = 'E-1'");
  parsed = g_date_time_new_from_iso8601 (updated_at, NULL);
  g_assert_nonnull (parsed);
  g_assert_true (g_str_has_suffix (updated_at, "Z"));
  g_assert_cmpint (strlen (updated_at), ==, strlen ("2026-05-12T08:30:00Z"));
  g_date_time_unref (parsed);
  {
    g_autofree char *by = query_text (store, "SELECT updated_by FROM enterprises WHERE id = 'E-1'");
    g_autofree char *given = query_text (store, "SELECT version || ' ' || updated_at || ' ' || updated_by FROM enterprises WHERE id = 'E-2'");

    g_assert_cmpstr (by, ==, g_get_user_name ());
    g_assert_cmpstr (given, ==, "12 2025-12-01T08:00:00Z zhang");
  }
}

/* Movements that come by sync are stored even below zero (DESIGN.md §3). */
static void
test_synced_negative_kept (void)
{
  g_autoptr(GrStore) store = test_city_store ();
  g_autofree char *doc = movement_doc ("\"date\": \"2025-05-01\", \"kind\": \"release\", \"quantity_t\": 6000");
  g_autoptr(GError) error = NULL;

  g_assert_true (gr_import_data (store, doc, -1, GR_IMPORT_SYNCED, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gr_ledger_lot_balance (store, "L-01", "2025-05-01"), ==, -3000500);
  g_assert_cmpint (gr_ledger_lot_balance (store, "L-01", NULL), ==, -1000000);
}

static void
test_profile_stored (void)
{
  g_autoptr(GrStore) store = test_city_store ();
  g_autofree char *profile = gr_store_get_meta (store, "profile");

  g_assert_cmpstr (profile, ==, "qingyuan-2026");
  /* a document without a profile leaves it as it is */
  test_import_ok (store, DATASET_HEAD "\"releases\": []}", NULL);
  g_clear_pointer (&profile, g_free);
  profile = gr_store_get_meta (store, "profile");
  g_assert_cmpstr (profile, ==, "qingyuan-2026");
  test_import_ok (store, "{\"format\": \"granary-dataset\", \"version\": 1, \"profile\": \"zhongshan-2026\"}", NULL);
  g_clear_pointer (&profile, g_free);
  profile = gr_store_get_meta (store, "profile");
  g_assert_cmpstr (profile, ==, "zhongshan-2026");
}

static void
test_tombstone (void)
{
  g_autoptr(GrStore) store = test_city_store ();
  g_autofree char *exported = NULL;
  GrImportStats stats;

  test_import_ok (store, DATASET_HEAD "\"releases\": [{\"id\": \"R-01\", \"deleted\": true}]}", &stats);
  g_assert_cmpuint (stats.updated, ==, 1);
  g_assert_cmpint (gr_store_count (store, "releases"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT deleted FROM releases WHERE id = 'R-01'"), ==, 1);
  exported = test_export (store, FALSE);
  g_assert_null (strstr (exported, "R-01"));
  g_assert_nonnull (strstr (exported, "\"releases\": [],\n"));
  /* the same tombstone again changes nothing */
  test_import_ok (store, DATASET_HEAD "\"releases\": [{\"id\": \"R-01\", \"deleted\": true}]}", &stats);
  g_assert_cmpuint (stats.unchanged, ==, 1);
}

/* References may point forward in a file, and to records of the database.
 * (The fixture files January 2026: the movement is dated after it.) */
static void
test_forward_references (void)
{
  g_autoptr(GrStore) store = test_city_store ();

  test_import_ok (store, DATASET_HEAD
                  "\"lots\": [{\"id\": \"L-new\", \"bin\": \"B-01\", \"plan\": \"P-01\", \"variety\": \"paddy_late_indica\","
                  "            \"entered_on\": \"2026-06-10\", \"replaces\": \"L-later\"},"
                  "           {\"id\": \"L-later\", \"bin\": \"B-01\", \"plan\": \"P-01\", \"variety\": \"paddy_late_indica\","
                  "            \"entered_on\": \"2026-06-11\", \"replaces\": \"L-01\"}],"
                  "\"movements\": [{\"id\": \"M-c\", \"lot\": \"L-01\", \"date\": \"2026-03-02\", \"kind\": \"loss\", \"quantity_t\": 1,"
                  "                \"corrects\": \"M-001\"}]}", NULL);
  g_assert_cmpint (gr_store_count (store, "lots"), ==, 5);
}

typedef struct {
  guint  calls;
  double last;
  gboolean monotonic;
} Progress;

static void
on_progress (double      fraction,
             const char *note,
             gpointer    user_data)
{
  Progress *p = user_data;

  g_assert_nonnull (note);
  if (fraction < p->last)
    p->monotonic = FALSE;
  p->last = fraction;
  p->calls++;
}

static void
test_progress (void)
{
  g_autoptr(GrStore) store = test_new_store ();
  GString *doc = g_string_new (DATASET_HEAD "\"enterprises\": [");
  Progress p = { 0, 0.0, TRUE };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (doc, "%s{\"id\": \"E-%u\", \"name\": \"企业%u\", \"kind\": \"agent\"}", i ? ", " : "", i, i);
  g_string_append (doc, "]}");
  g_assert_true (gr_import_data (store, doc->str, doc->len, GR_IMPORT_NONE, NULL, on_progress, &p, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (p.calls, >=, 10);
  g_assert_cmpuint (p.calls, <=, 100);
  g_assert_true (p.monotonic);
  g_assert_cmpfloat (p.last, ==, 1.0);
  g_string_free (doc, TRUE);
}

static void
test_import_file (void)
{
  g_autoptr(GrStore) store = test_new_store ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "city-small.json", NULL);
  g_autoptr(GError) error = NULL;
  GrImportStats stats;

  g_assert_true (gr_import_file (store, path, GR_IMPORT_NONE, &stats, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.inserted, ==, 26);
  g_assert_false (gr_import_file (store, "/nonexistent/granary.json", GR_IMPORT_NONE, &stats, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_null (strchr (error->message, '\n'));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/refuse/truncated", test_refuse_truncated);
  g_test_add_func ("/import/refuse/not-object", test_refuse_not_object);
  g_test_add_func ("/import/refuse/assignment", test_refuse_assignment);
  g_test_add_func ("/import/refuse/not-json", test_refuse_not_json);
  g_test_add_func ("/import/refuse/format", test_refuse_format);
  g_test_add_func ("/import/refuse/structure", test_refuse_structure);
  g_test_add_func ("/import/refuse/required", test_refuse_required);
  g_test_add_func ("/import/refuse/unknown-variety", test_refuse_unknown_variety);
  g_test_add_func ("/import/refuse/unknown-enum", test_refuse_unknown_enum);
  g_test_add_func ("/import/refuse/quantity/negative", test_refuse_quantity_negative);
  g_test_add_func ("/import/refuse/quantity/zero", test_refuse_quantity_zero);
  g_test_add_func ("/import/refuse/quantity/text", test_refuse_quantity_text);
  g_test_add_func ("/import/refuse/quantity/absurd", test_refuse_quantity_absurd);
  g_test_add_func ("/import/refuse/quantity/decimals", test_refuse_quantity_decimals);
  g_test_add_func ("/import/refuse/unknown-reference", test_refuse_unknown_reference);
  g_test_add_func ("/import/refuse/impossible-date", test_refuse_impossible_date);
  g_test_add_func ("/import/refuse/duplicate-id", test_refuse_duplicate_id);
  g_test_add_func ("/import/refuse/bad-ids", test_refuse_bad_ids);
  g_test_add_func ("/import/refuse/grade/rice", test_refuse_grade_rice);
  g_test_add_func ("/import/refuse/grade/paddy", test_refuse_grade_paddy);
  g_test_add_func ("/import/refuse/lot-variety", test_refuse_lot_variety);
  g_test_add_func ("/import/refuse/lot-variety-stored-plan", test_refuse_lot_variety_stored_plan);
  g_test_add_func ("/import/refuse/rotate-out-beyond-balance", test_refuse_rotate_out_beyond_balance);
  g_test_add_func ("/import/refuse/two-rotation-plans", test_refuse_two_rotation_plans);
  g_test_add_func ("/import/refuse/movement-changed", test_refuse_movement_changed);
  g_test_add_func ("/import/refuse/json-kinds", test_refuse_json_kinds);
  g_test_add_func ("/import/refuse/indicators", test_refuse_indicators);
  g_test_add_func ("/import/refuse/numbers-out-of-bounds", test_refuse_numbers_out_of_bounds);
  g_test_add_func ("/import/refuse/profile", test_refuse_profile);
  g_test_add_func ("/import/refuse/tombstone-referenced", test_refuse_tombstone_referenced);
  g_test_add_func ("/import/idempotent", test_idempotent);
  g_test_add_func ("/import/update/lot-attribute", test_update_lot_attribute);
  g_test_add_func ("/import/update/lot-plan", test_update_lot_plan);
  g_test_add_func ("/import/unknown-keys-kept", test_unknown_keys_kept);
  g_test_add_func ("/import/balances/same-day", test_same_day_balances);
  g_test_add_func ("/import/balances/ratio-boundary-kg", test_ratio_boundary_kg);
  g_test_add_func ("/import/defaults-and-meta", test_defaults_and_meta);
  g_test_add_func ("/import/synced-negative-kept", test_synced_negative_kept);
  g_test_add_func ("/import/profile", test_profile_stored);
  g_test_add_func ("/import/tombstone", test_tombstone);
  g_test_add_func ("/import/forward-references", test_forward_references);
  g_test_add_func ("/import/progress", test_progress);
  g_test_add_func ("/import/file", test_import_file);

  return g_test_run ();
}
