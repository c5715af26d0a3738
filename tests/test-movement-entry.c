/* test-movement-entry.c: a movement entered by hand — reading, refusals, warnings, recording
 *
 * DESIGN.md §3 "Balances": a locally entered movement that would make a
 * balance negative at any date is refused. The warnings follow the rules
 * of DESIGN.md §4: stock.min_ratio (东莞 第十五条: 70 % of the reserve
 * scale at every month end; 中山 第十七条: 75 % of each raw-grain plan at
 * any time) and rotation.vacancy (东莞 第十七条: 4 months from the month
 * after the rotate-out, 2 more with approval; 南昌高新区 第三十八条: 5).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "gr-format.h"
#include "gr-ledger.h"
#include "gr-movement-entry.h"
#include "rules-fixture.h"
#include "test-util.h"

#define TODAY "2026-11-25"

static void
fill (GrMovementInput *input,
      const char      *lot,
      const char      *kind,
      const char      *date,
      gint64           kg)
{
  gr_movement_input_clear (input);
  input->lot = g_strdup (lot);
  input->kind = g_strdup (kind);
  input->date = g_strdup (date);
  input->quantity_kg = kg;
}

/* The warnings of a movement that is not refused. */
static GPtrArray *
warnings_of (GrStore    *store,
             const char *profile_id,
             const char *lot,
             const char *kind,
             const char *date,
             gint64      kg)
{
  g_autoptr(GrProfile) profile = fx_profile (profile_id);
  g_autoptr(GError) error = NULL;
  GrMovementInput input;
  GrMovementField field = GR_MOVEMENT_FIELD_QUANTITY;
  GPtrArray *warnings;

  gr_movement_input_init (&input);
  fill (&input, lot, kind, date, kg);
  warnings = gr_movement_entry_check (store, profile, &input, TODAY, &field, &error);
  g_assert_no_error (error);
  g_assert_nonnull (warnings);
  g_assert_cmpint (field, ==, GR_MOVEMENT_FIELD_NONE);
  gr_movement_input_clear (&input);
  return warnings;
}

static const GrMovementWarning *
warning_of (GPtrArray *warnings,
            GrRuleId   rule)
{
  for (guint i = 0; i < warnings->len; i++)
    if (((GrMovementWarning *) warnings->pdata[i])->rule == rule)
      return warnings->pdata[i];
  return NULL;
}

/* The movement is refused with this message (exactly), on field, both by
 * the check and by recording, and the database is exactly as before. */
static void
assert_refused (GrStore         *store,
                const char      *lot,
                const char      *kind,
                const char      *date,
                gint64           kg,
                int              code,
                GrMovementField  expected_field,
                const char      *message)
{
  g_autoptr(GrProfile) profile = fx_profile ("dongguan-2025");
  g_autofree char *before = test_fingerprint (store);
  g_autofree char *after = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  GrMovementInput input;
  GrMovementField field = GR_MOVEMENT_FIELD_NONE;

  gr_movement_input_init (&input);
  fill (&input, lot, kind, date, kg);
  warnings = gr_movement_entry_check (store, profile, &input, TODAY, &field, &error);
  g_assert_null (warnings);
  g_assert_error (error, GR_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpint (field, ==, expected_field);
  g_clear_error (&error);

  g_assert_false (gr_movement_entry_record (store, &input, TODAY, &id, &error));
  g_assert_error (error, GR_ERROR, code);
  g_assert_null (id);
  g_assert_true (sqlite3_get_autocommit (gr_store_get_db (store)));
  after = test_fingerprint (store);
  g_assert_cmpstr (before, ==, after);
  gr_movement_input_clear (&input);
}

/*
 * Reading the form
 */

static void
test_parse_quantity (void)
{
  g_autoptr(GError) error = NULL;
  gint64 kg = 0;

  g_assert_true (gr_movement_parse_quantity ("1200", &kg, &error));
  g_assert_cmpint (kg, ==, 1200000);
  g_assert_true (gr_movement_parse_quantity ("1,200.5", &kg, &error));
  g_assert_cmpint (kg, ==, 1200500);
  g_assert_true (gr_movement_parse_quantity (" 6.8t ", &kg, &error));
  g_assert_cmpint (kg, ==, 6800);
  /* A Chinese input method types full-width digits. */
  g_assert_true (gr_movement_parse_quantity ("１２００．２５ 吨", &kg, &error));
  g_assert_cmpint (kg, ==, 1200250);
  g_assert_true (gr_movement_parse_quantity ("0.001", &kg, &error));
  g_assert_cmpint (kg, ==, 1);
  g_assert_true (gr_movement_parse_quantity ("2.5000", &kg, &error));
  g_assert_cmpint (kg, ==, 2500);
  g_assert_true (gr_movement_parse_quantity ("100000000", &kg, &error));
  g_assert_cmpint (kg, ==, GR_MAX_KG);
  g_assert_no_error (error);

  /* A kilogram is the smallest unit (DESIGN.md §3: at most 3 decimals). */
  g_assert_false (gr_movement_parse_quantity ("6.8005", &kg, &error));
  g_assert_cmpstr (error->message, ==, "A quantity has at most 3 decimals (whole kilograms), not 4");
  g_clear_error (&error);
  g_assert_false (gr_movement_parse_quantity ("0", &kg, &error));
  g_assert_cmpstr (error->message, ==, "The quantity must be more than 0");
  g_clear_error (&error);
  g_assert_false (gr_movement_parse_quantity ("-5", &kg, &error));
  g_assert_cmpstr (error->message, ==, "“-5” is not a quantity in tonnes");
  g_clear_error (&error);
  g_assert_false (gr_movement_parse_quantity ("100000000.001", &kg, &error));
  g_assert_cmpstr (error->message, ==, "The quantity must be at most 100,000,000 t");
  g_clear_error (&error);
  g_assert_false (gr_movement_parse_quantity ("", &kg, &error));
  g_assert_cmpstr (error->message, ==, "Enter the quantity in tonnes");
  g_clear_error (&error);
  g_assert_false (gr_movement_parse_quantity ("1e3", &kg, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gr_movement_parse_quantity ("12.", &kg, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
}

static void
test_parse_date (void)
{
  g_autoptr(GError) error = NULL;
  char *date;

  date = gr_movement_parse_date ("2026-11-25", &error);
  g_assert_cmpstr (date, ==, "2026-11-25");
  g_free (date);
  date = gr_movement_parse_date ("2026/3/5", &error);
  g_assert_cmpstr (date, ==, "2026-03-05");
  g_free (date);
  date = gr_movement_parse_date ("2026年11月5日", &error);
  g_assert_cmpstr (date, ==, "2026-11-05");
  g_free (date);
  date = gr_movement_parse_date ("2024-02-29", &error);
  g_assert_cmpstr (date, ==, "2024-02-29");
  g_free (date);
  g_assert_no_error (error);

  /* Real calendar dates only. */
  g_assert_null (gr_movement_parse_date ("2026-02-29", &error));
  g_assert_cmpstr (error->message, ==, "2026-02-29 is not a day of the calendar");
  g_clear_error (&error);
  g_assert_null (gr_movement_parse_date ("2026-13-01", &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (gr_movement_parse_date ("25.11.2026", &error));
  g_assert_cmpstr (error->message, ==, "“25.11.2026” is not a date: write it as 2026-11-25");
  g_clear_error (&error);
  g_assert_null (gr_movement_parse_date ("2026-11-25x", &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
}

static void
test_parse_form (void)
{
  g_autoptr(GError) error = NULL;
  GrMovementInput input;
  GrMovementField field;

  gr_movement_input_init (&input);
  g_assert_true (gr_movement_input_parse (&input, "l1", "rotate_out", "2026-11-20", "1,000", "2,450.5",
                                          " 英德市粮食收储公司 ", "", NULL, &field, &error));
  g_assert_no_error (error);
  g_assert_cmpint (input.quantity_kg, ==, 1000000);
  g_assert_cmpfloat (input.price_yuan_per_t, ==, 2450.5);
  g_assert_cmpstr (input.counterparty, ==, "英德市粮食收储公司");
  g_assert_null (input.voucher_no);
  g_assert_null (input.note);

  /* Each error names its field, so the form can point at it. */
  g_assert_false (gr_movement_input_parse (&input, "l1", "borrow", "2026-11-20", "1", "", "", "", "", &field, &error));
  g_assert_cmpint (field, ==, GR_MOVEMENT_FIELD_KIND);
  g_clear_error (&error);
  g_assert_false (gr_movement_input_parse (&input, "l1", "intake", "2026-02-30", "1", "", "", "", "", &field, &error));
  g_assert_cmpint (field, ==, GR_MOVEMENT_FIELD_DATE);
  g_clear_error (&error);
  g_assert_false (gr_movement_input_parse (&input, "l1", "intake", "2026-02-28", "1.2345", "", "", "", "", &field, &error));
  g_assert_cmpint (field, ==, GR_MOVEMENT_FIELD_QUANTITY);
  g_clear_error (&error);
  g_assert_false (gr_movement_input_parse (&input, "l1", "intake", "2026-02-28", "1", "-3", "", "", "", &field, &error));
  g_assert_cmpint (field, ==, GR_MOVEMENT_FIELD_PRICE);
  g_assert_null (input.kind);
  gr_movement_input_clear (&input);
}

/*
 * Refusals
 */

static GrStore *
stocked_world (void)
{
  GrStore *store = fx_new ();

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "static", "2024-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2026-03-01", 1000);
  fx_move (store, "l1", "2026-03-10", "rotate_out", 700);
  fx_settle (store, TRUE);
  return store;
}

/* DESIGN.md §9: a local rotate-out larger than the stock is refused and changes nothing. */
static void
test_refuse_over_balance (void)
{
  g_autoptr(GrStore) store = stocked_world ();

  g_assert_cmpint (gr_ledger_lot_balance (store, "l1", NULL), ==, 300000);
  assert_refused (store, "l1", "rotate_out", "2026-11-20", 300001, GR_ERROR_NEGATIVE, GR_MOVEMENT_FIELD_QUANTITY,
                  "The lot holds 300 t on 2026-11-20: taking out 300.001 t would leave -0.001 t, below zero");
  assert_refused (store, "l1", "loss", "2026-03-10", 1000000, GR_ERROR_NEGATIVE, GR_MOVEMENT_FIELD_QUANTITY,
                  "The lot holds 300 t on 2026-03-10: taking out 1,000 t would leave -700 t, below zero");
}

/* DESIGN.md §3: negative at any date. 1,000 t in on 1 March, 700 out on
 * 10 March: 500 out dated 5 March leaves 500 that day but −200 on 10 March. */
static void
test_refuse_back_dated (void)
{
  g_autoptr(GrStore) store = stocked_world ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  GrMovementInput input;

  assert_refused (store, "l1", "rotate_out", "2026-03-05", 500000, GR_ERROR_NEGATIVE, GR_MOVEMENT_FIELD_QUANTITY,
                  "After 2026-03-05 the lot holds only 300 t on 2026-03-10: taking out 500 t would leave -200 t on that day, below zero");

  /* Exactly what the later day allows is fine, and it is written. */
  gr_movement_input_init (&input);
  fill (&input, "l1", "rotate_out", "2026-03-05", 300000);
  g_assert_true (gr_movement_entry_record (store, &input, TODAY, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gr_ledger_lot_balance (store, "l1", NULL), ==, 0);
  g_assert_cmpint (gr_ledger_lot_balance (store, "l1", "2026-03-05"), ==, 700000);
  /* The month-end snapshot of March follows. */
  g_assert_cmpint (gr_ledger_plan_month_stock (store, "p1", "2026-03"), ==, 0);
  gr_movement_input_clear (&input);
}

static void
test_refuse_dates (void)
{
  g_autoptr(GrStore) store = stocked_world ();

  assert_refused (store, "l1", "intake", "2026-11-26", 1000, GR_ERROR_INVALID, GR_MOVEMENT_FIELD_DATE,
                  "A movement cannot be dated after today (2026-11-25): record it when it has happened");
  assert_refused (store, "l1", "intake", "2026-02-28", 1000, GR_ERROR_INVALID, GR_MOVEMENT_FIELD_DATE,
                  "The lot entered the store on 2026-03-01: a movement cannot be dated before that");
  assert_refused (store, "nowhere", "intake", "2026-11-20", 1000, GR_ERROR_NOT_FOUND, GR_MOVEMENT_FIELD_NONE,
                  "There is no lot nowhere");

  /* DESIGN.md §3 "monthly report": locked once filed. */
  fx_sql (store, "INSERT INTO monthly_reports (id, enterprise, month, filed_on) VALUES ('mr', 'e1', '2026-10', '2026-11-03')");
  assert_refused (store, "l1", "intake", "2026-10-31", 1000, GR_ERROR_CONFLICT, GR_MOVEMENT_FIELD_DATE,
                  "The monthly report for 2026-10 was filed on 2026-11-03: movements of that month can no longer be entered (enter a correction dated later)");
}

static void
test_record (void)
{
  g_autoptr(GrStore) store = stocked_world ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *second = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GrMovementInput input;
  GrMovementField field;

  gr_movement_input_init (&input);
  g_assert_true (gr_movement_input_parse (&input, "l1", "intake", "2026-11-20", "12.345", "2450.5",
                                          "英德市粮食收储公司", "RK2026-118", "补入", &field, &error));
  g_assert_true (gr_movement_entry_record (store, &input, TODAY, &id, &error));
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (id));

  stmt = gr_store_prepare (store, "SELECT lot, date, kind, quantity_kg, delta_kg, price_yuan_per_t, counterparty,"
                                  " voucher_no, note, content_hash FROM movements WHERE id = ?1", &error);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "l1");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "2026-11-20");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "intake");
  g_assert_cmpint (sqlite3_column_int64 (stmt, 3), ==, 12345);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 4), ==, 12345);
  g_assert_cmpfloat (sqlite3_column_double (stmt, 5), ==, 2450.5);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 6), ==, "英德市粮食收储公司");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 7), ==, "RK2026-118");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 8), ==, "补入");
  /* Written by the importer: the content hash is there for sync. */
  g_assert_cmpuint (strlen ((const char *) sqlite3_column_text (stmt, 9)), ==, 64);

  /* The maintained balance and the month-end snapshot follow. */
  g_assert_cmpint (gr_ledger_lot_balance (store, "l1", NULL), ==, 312345);
  g_assert_cmpint (gr_ledger_plan_month_stock (store, "p1", "2026-11"), ==, 312345);

  /* Each recording is a new movement with its own id. */
  g_assert_true (gr_movement_entry_record (store, &input, TODAY, &second, &error));
  g_assert_cmpstr (id, !=, second);
  g_assert_cmpint (gr_ledger_lot_balance (store, "l1", NULL), ==, 324690);
  gr_movement_input_clear (&input);
}

/* DESIGN.md §3: once the month's report is filed, a movement typed in
 * for that month is refused and the database is unchanged; a correction
 * dated later is the way. */
static void
test_refuse_filed_month (void)
{
  g_autoptr(GrStore) store = stocked_world ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  GrMovementInput input;
  GrMovementField field;
  gint64 movements, balance;

  g_assert_true (gr_store_exec (store,
    "INSERT INTO monthly_reports (id, enterprise, month, filed_on) VALUES ('r-2026-10', 'e1', '2026-10', '2026-11-04')",
    &error));
  movements = gr_store_count (store, "movements");
  balance = gr_ledger_lot_balance (store, "l1", NULL);

  gr_movement_input_init (&input);
  g_assert_true (gr_movement_input_parse (&input, "l1", "loss", "2026-10-20", "1", NULL, NULL, NULL, NULL,
                                          &field, &error));
  g_assert_false (gr_movement_entry_record (store, &input, TODAY, &id, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "2026-10"));
  g_assert_nonnull (strstr (error->message, "2026-11-04"));
  g_clear_error (&error);
  g_assert_cmpint (gr_store_count (store, "movements"), ==, movements);
  g_assert_cmpint (gr_ledger_lot_balance (store, "l1", NULL), ==, balance);
  gr_movement_input_clear (&input);

  gr_movement_input_init (&input);
  g_assert_true (gr_movement_input_parse (&input, "l1", "loss", "2026-11-20", "1", NULL, NULL, NULL, NULL,
                                          &field, &error));
  g_assert_true (gr_movement_entry_record (store, &input, TODAY, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gr_ledger_lot_balance (store, "l1", NULL), ==, balance - 1000);
  gr_movement_input_clear (&input);
}

/*
 * Warnings: stock.min_ratio
 */

/* 东莞 第十五条: 70 % of the reserve scale at every month end (enterprise
 * scope). Scale 10,000 t: 7,000 t left is exactly 70 % (7,000,000 × 100
 * = 10,000,000 × 70), one kilogram less is below. */
static void
test_min_ratio_dongguan_boundary (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GPtrArray) at = NULL;
  g_autoptr(GPtrArray) below = NULL;
  g_autoptr(GPtrArray) back = NULL;
  const GrMovementWarning *w;

  fx_plan (store, "p1", "e1", "paddy_late_indica", 6000, "static", "2024-01-01", NULL);
  fx_plan (store, "p2", "e1", "wheat", 4000, "static", "2024-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2025-01-05", 6000);
  fx_stocked_lot (store, "l2", "b2", "p2", "2025-01-05", 4000);
  fx_settle (store, TRUE);

  at = warnings_of (store, "dongguan-2025", "l1", "loss", "2026-11-20", 3000000);
  g_assert_null (warning_of (at, GR_RULE_STOCK_MIN_RATIO));

  below = warnings_of (store, "dongguan-2025", "l1", "loss", "2026-11-20", 3000001);
  w = warning_of (below, GR_RULE_STOCK_MIN_RATIO);
  g_assert_nonnull (w);
  /* The month end the rule will check: 30 November. */
  g_assert_cmpstr (w->date, ==, "2026-11-30");
  g_assert_cmpint (w->stock_kg, ==, 6999999);
  g_assert_cmpint (w->plan_kg, ==, 10000000);
  g_assert_cmpint (w->required_kg100, ==, 700000000);
  g_assert_cmpint (w->stock_kg * 100, <, w->required_kg100);
  g_assert_cmpstr (w->article, ==, "第十五条");
  g_assert_cmpstr (w->message, ==,
                   "After saving, the stock of 市储备粮公司 would fall to 6,999.999 t (69.9% of its reserve scale of 10,000 t)"
                   " on 2026-11-30, below 70% (《东莞市政府储备粮管理办法》第十五条)");

  /* Back-dated: every month end from the movement's month on is checked;
   * the first of the lowest is named. */
  back = warnings_of (store, "dongguan-2025", "l2", "loss", "2026-09-15", 3000001);
  w = warning_of (back, GR_RULE_STOCK_MIN_RATIO);
  g_assert_nonnull (w);
  g_assert_cmpstr (w->date, ==, "2026-09-30");
  g_assert_cmpint (w->stock_kg, ==, 6999999);

  /* Inbound movements never lower the stock. */
  g_clear_pointer (&at, g_ptr_array_unref);
  at = warnings_of (store, "dongguan-2025", "l1", "intake", "2026-11-20", 3000001);
  g_assert_cmpuint (at->len, ==, 0);
}

/* 中山 第十七条: 75 % of each raw-grain plan (每个品种) at any time. */
static void
test_min_ratio_zhongshan_boundary (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GPtrArray) at = NULL;
  g_autoptr(GPtrArray) below = NULL;
  g_autoptr(GPtrArray) later = NULL;
  const GrMovementWarning *w;

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "autonomous", "2024-01-01", NULL);
  fx_plan (store, "p2", "e1", "wheat", 10000, "autonomous", "2024-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2025-01-05", 8000);
  fx_stocked_lot (store, "l2", "b2", "p1", "2025-01-05", 2000);
  fx_stocked_lot (store, "w1", "b3", "p2", "2025-01-05", 10000);
  fx_settle (store, TRUE);

  /* 7,500 t of 10,000 t: exactly 75 %. The wheat plan does not help. */
  at = warnings_of (store, "zhongshan-2026", "l1", "rotate_out", "2026-11-20", 2500000);
  g_assert_null (warning_of (at, GR_RULE_STOCK_MIN_RATIO));
  /* Zhongshan rotates autonomously: no vacancy rule either. */
  g_assert_cmpuint (at->len, ==, 0);

  below = warnings_of (store, "zhongshan-2026", "l1", "rotate_out", "2026-11-20", 2500001);
  w = warning_of (below, GR_RULE_STOCK_MIN_RATIO);
  g_assert_nonnull (w);
  g_assert_cmpstr (w->date, ==, "2026-11-20");
  g_assert_cmpint (w->stock_kg, ==, 7499999);
  g_assert_cmpint (w->plan_kg, ==, 10000000);
  g_assert_cmpint (w->required_kg100, ==, 750000000);
  g_assert_cmpstr (w->article, ==, "第十七条");
  fx_assert_has (w->message, "Mid/late indica paddy plan would fall to 7,499.999 t (74.9%) on 2026-11-20, below 75%");
  fx_assert_has (w->message, "第十七条");

  /* A later movement of the plan is checked too: 1,000 t more out of l2
   * on 22 November; 1,500.001 out of l1 dated the 20th keeps 84.9 % that
   * day but leaves 74.9 % on the 22nd. */
  fx_move (store, "l2", "2026-11-22", "rotate_out", 1000);
  fx_settle (store, TRUE);
  later = warnings_of (store, "zhongshan-2026", "l1", "rotate_out", "2026-11-20", 1500001);
  w = warning_of (later, GR_RULE_STOCK_MIN_RATIO);
  g_assert_nonnull (w);
  g_assert_cmpstr (w->date, ==, "2026-11-22");
  g_assert_cmpint (w->stock_kg, ==, 7499999);
}

/* 东莞 第三十七条: an emergency release under an order is exempt while the
 * order is open (DESIGN.md §4 "Release allocation"), as the rule has it. */
static void
test_min_ratio_release_exempt (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GPtrArray) ordered = NULL;
  g_autoptr(GPtrArray) unordered = NULL;

  fx_plan (store, "p1", "e1", "rice", 10000, "static", "2024-01-01", NULL);
  fx_plan (store, "p2", "e1", "wheat", 10000, "static", "2024-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2025-01-05", 10000);
  fx_stocked_lot (store, "w1", "b2", "p2", "2025-01-05", 10000);
  fx_settle (store, TRUE);

  /* Without an order the release leaves 12,000 of 20,000 t: below 70 %. */
  unordered = warnings_of (store, "dongguan-2025", "l1", "release", "2026-11-10", 8000000);
  g_assert_nonnull (warning_of (unordered, GR_RULE_STOCK_MIN_RATIO));

  /* With the order open, the enterprise's whole reserve scale is exempt
   * (enterprise scope: an order of any variety, DESIGN.md §4). */
  fx_release (store, "r1", "2026-11-01", "e1", "rice", 8000);
  ordered = warnings_of (store, "dongguan-2025", "l1", "release", "2026-11-10", 8000000);
  g_assert_cmpuint (ordered->len, ==, 0);
}

/*
 * Warnings: rotation.vacancy
 */

/* 东莞 第十七条: a rotate-out on 20 November 2025 leaves Dec–Mar: 31 March 2026. */
static void
test_vacancy_dongguan (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GPtrArray) plain = NULL;
  g_autoptr(GPtrArray) extended = NULL;
  g_autoptr(GPtrArray) autonomous = NULL;
  g_autoptr(GPtrArray) zhongshan = NULL;
  g_autoptr(GPtrArray) nanchang = NULL;
  const GrMovementWarning *w;

  fx_plan (store, "p1", "e1", "paddy_late_indica", 2000, "static", "2024-01-01", NULL);
  fx_plan (store, "p2", "e1", "corn", 2000, "autonomous", "2024-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2024-11-01", 2000);
  fx_stocked_lot (store, "c1", "b2", "p2", "2024-11-01", 2000);
  fx_settle (store, TRUE);

  plain = warnings_of (store, "dongguan-2025", "l1", "rotate_out", "2025-11-20", 500000);
  w = warning_of (plain, GR_RULE_ROTATION_VACANCY);
  g_assert_nonnull (w);
  g_assert_cmpstr (w->date, ==, "2026-03-31");
  g_assert_cmpint (w->quantity_kg, ==, 500000);
  g_assert_cmpstr (w->article, ==, "第十七条");
  g_assert_cmpstr (w->message, ==,
                   "Rotating out 500 t opens a vacancy: the same quantity must be rotated in by 2026-03-31"
                   " (a vacancy of 4 months, 《东莞市政府储备粮管理办法》第十七条)");

  /* An approved rotation plan item of the lot for that month: 2 more months. */
  fx_sql (store, "INSERT INTO rotation_plans (id, enterprise, year, state) VALUES ('rp', 'e1', 2025, 'approved')");
  fx_sql (store, "INSERT INTO rotation_plan_items (parent, seq, lot, quantity_kg, out_month, in_month, vacancy_extension_approved)"
                 " VALUES ('rp', 0, 'l1', 500000, '2025-11', '2026-04', 1)");
  extended = warnings_of (store, "dongguan-2025", "l1", "rotate_out", "2025-11-20", 500000);
  w = warning_of (extended, GR_RULE_ROTATION_VACANCY);
  g_assert_cmpstr (w->date, ==, "2026-05-31");

  /* Only static-rotation plans (Dongguan), no such rule in Zhongshan. */
  autonomous = warnings_of (store, "dongguan-2025", "c1", "rotate_out", "2025-11-20", 500000);
  g_assert_null (warning_of (autonomous, GR_RULE_ROTATION_VACANCY));
  zhongshan = warnings_of (store, "zhongshan-2026", "l1", "rotate_out", "2025-11-20", 500000);
  g_assert_null (warning_of (zhongshan, GR_RULE_ROTATION_VACANCY));

  /* 南昌高新区 第三十八条: raw grain, 5 months, any rotation mode. */
  nanchang = warnings_of (store, "nanchang-gxq-2022", "c1", "rotate_out", "2025-11-20", 500000);
  w = warning_of (nanchang, GR_RULE_ROTATION_VACANCY);
  g_assert_nonnull (w);
  g_assert_cmpstr (w->date, ==, "2026-04-30");
  g_assert_cmpstr (w->article, ==, "第三十八条");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/movement/parse/quantity", test_parse_quantity);
  g_test_add_func ("/movement/parse/date", test_parse_date);
  g_test_add_func ("/movement/parse/form", test_parse_form);
  g_test_add_func ("/movement/refuse/over-balance", test_refuse_over_balance);
  g_test_add_func ("/movement/refuse/back-dated", test_refuse_back_dated);
  g_test_add_func ("/movement/refuse/dates", test_refuse_dates);
  g_test_add_func ("/movement/record", test_record);
  g_test_add_func ("/movement/refuse/filed-month", test_refuse_filed_month);
  g_test_add_func ("/movement/warn/min-ratio/dongguan-15", test_min_ratio_dongguan_boundary);
  g_test_add_func ("/movement/warn/min-ratio/zhongshan-17", test_min_ratio_zhongshan_boundary);
  g_test_add_func ("/movement/warn/min-ratio/release-exempt", test_min_ratio_release_exempt);
  g_test_add_func ("/movement/warn/vacancy/dongguan-17", test_vacancy_dongguan);

  return g_test_run ();
}
