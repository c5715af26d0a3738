/* test-inspection.c: inspections from draft to signed record
 *
 * Judgements against the standards' numbers (GB/T 29890-2013 pest classes
 * and temperature regimes, DOMAIN.md §3.1 safe moisture, the 3 % stock-check
 * tolerance), the draft saved field by field and kept out of the outbox,
 * every bad input refused with one line and nothing changed, sign-off
 * freezing the record (Nanchang 第四十八条: 签字确认), corrections as new
 * records, findings from opening to closure (append-only), photos by
 * content hash, and a kill -9 in the middle of typing losing nothing.
 *
 * The store is the city fixture: depot D-01 清城直属库 with bins B-01 (P01,
 * 准低温, 中晚籼稻) and B-02 (P02, 低温, 大米); D-02 清新粮库 with tank B-03.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gr-inspection.h"
#include "gr-inspection-list.h"
#include "gr-inspection-table.h"
#include "gr-inspection-photo.h"
#include "test-util.h"

#define TODAY "2026-06-10"

static GrStandards *standards;

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

/* ---- Judgements --------------------------------------------------------- */

static GrPestClass
pest_class (double   total,
            double   main,
            gboolean dangerous)
{
  GrPestClass value = 99;

  g_assert_true (gr_pest_class_judge (gr_standards_pest_classes (standards), total, main, dangerous, &value));
  return value;
}

/* GB/T 29890-2013, 虫粮等级 (the pest-class table; DOMAIN.md §3.3, figures
 * unconfirmed): 基本无虫粮 total ≤ 5 and main ≤ 2 per kg; 一般虫粮 total 6–30,
 * main 3–10; 严重虫粮 above either; 危险虫粮 when dangerous pests are found. */
static void
test_pest_classes (void)
{
  GrPestClass value;

  g_assert_cmpint (pest_class (0, 0, FALSE), ==, GR_PEST_BASICALLY_FREE);
  g_assert_cmpint (pest_class (5, 2, FALSE), ==, GR_PEST_BASICALLY_FREE);
  g_assert_cmpint (pest_class (6, 0, FALSE), ==, GR_PEST_GENERAL);
  g_assert_cmpint (pest_class (5.5, 0, FALSE), ==, GR_PEST_GENERAL);
  g_assert_cmpint (pest_class (5, 3, FALSE), ==, GR_PEST_GENERAL);
  g_assert_cmpint (pest_class (30, 10, FALSE), ==, GR_PEST_GENERAL);
  g_assert_cmpint (pest_class (31, 0, FALSE), ==, GR_PEST_SERIOUS);
  g_assert_cmpint (pest_class (12, 11, FALSE), ==, GR_PEST_SERIOUS);
  /* The worse of the two figures decides. */
  g_assert_cmpint (pest_class (NAN, 11, FALSE), ==, GR_PEST_SERIOUS);
  g_assert_cmpint (pest_class (4, NAN, FALSE), ==, GR_PEST_BASICALLY_FREE);
  /* 危险虫粮: quarantine pests, whatever the density. */
  g_assert_cmpint (pest_class (0, 0, TRUE), ==, GR_PEST_DANGEROUS);
  g_assert_false (gr_pest_class_judge (gr_standards_pest_classes (standards), NAN, NAN, FALSE, &value));
  g_assert_false (gr_pest_class_judge (NULL, 3, 1, FALSE, &value));

  g_assert_cmpstr (gr_pest_class_to_string (GR_PEST_SERIOUS), ==, "serious");
  g_assert_true (gr_pest_class_from_string ("dangerous", &value) && value == GR_PEST_DANGEROUS);
  g_assert_false (gr_pest_class_from_string ("bad", &value));
}

static guint
n_alarms (const char  *tech,
          const char  *variety,
          double       max,
          double       avg,
          double       moisture,
          GrAlarmKind *first)
{
  GrReadingValues values;
  g_autoptr(GPtrArray) alarms = NULL;

  gr_reading_values_init (&values);
  values.temp_max_c = max;
  values.temp_avg_c = avg;
  values.moisture_pct = moisture;
  alarms = gr_reading_alarms (standards, tech, variety, &values);
  if (alarms->len > 0 && first != NULL)
    *first = ((GrAlarm *) alarms->pdata[0])->kind;
  return alarms->len;
}

/* GB/T 29890-2013, 低温储藏 ≤ 15 °C average, 20 °C locally; 准低温储藏 ≤ 20 °C
 * and 25 °C (DOMAIN.md §3.2, unconfirmed); 常规储藏 has no limit. A reading
 * exactly at the limit is within it. */
static void
test_temperature_alarms (void)
{
  GrAlarmKind kind = 99;
  GrReadingValues values;
  g_autoptr(GPtrArray) alarms = NULL;
  GrAlarm *alarm;

  g_assert_cmpuint (n_alarms ("low_temp", NULL, 20.0, 15.0, NAN, NULL), ==, 0);
  g_assert_cmpuint (n_alarms ("low_temp", NULL, 20.0, 15.1, NAN, &kind), ==, 1);
  g_assert_cmpint (kind, ==, GR_ALARM_TEMP_AVG);
  g_assert_cmpuint (n_alarms ("low_temp", NULL, 20.1, 14.0, NAN, &kind), ==, 1);
  g_assert_cmpint (kind, ==, GR_ALARM_TEMP_MAX);
  g_assert_cmpuint (n_alarms ("quasi_low_temp", NULL, 25.0, 20.0, NAN, NULL), ==, 0);
  g_assert_cmpuint (n_alarms ("quasi_low_temp", NULL, 25.1, 20.1, NAN, NULL), ==, 2);
  g_assert_cmpuint (n_alarms ("normal", NULL, 45.0, 38.0, NAN, NULL), ==, 0);
  g_assert_cmpuint (n_alarms ("controlled_atmosphere", NULL, 45.0, 38.0, NAN, NULL), ==, 0);
  g_assert_cmpuint (n_alarms (NULL, NULL, 45.0, 38.0, NAN, NULL), ==, 0);

  gr_reading_values_init (&values);
  values.temp_avg_c = 21.5;
  alarms = gr_reading_alarms (standards, "quasi_low_temp", NULL, &values);
  g_assert_cmpuint (alarms->len, ==, 1);
  alarm = alarms->pdata[0];
  g_assert_cmpfloat (alarm->value, ==, 21.5);
  g_assert_cmpfloat (alarm->limit, ==, 20.0);
  g_assert_cmpstr (alarm->standard, ==, "GB/T 29890-2013");
  g_assert_cmpint (alarm->status, ==, GR_STATUS_UNCONFIRMED);
  g_assert_nonnull (strstr (alarm->text, "21.5"));
  g_assert_nonnull (strstr (alarm->text, "准低温储藏"));
}

/* DOMAIN.md §3.1: 籼稻 13.5 % (GB 1350-2009), 粳稻 14.5 %, 小麦 12.5 %
 * (GB 1351-2008), 玉米 14.0 % (GB 1353-2018), 大豆 13.0 % (GB 1352-2009). */
static void
test_moisture_alarms (void)
{
  static const struct {
    const char *variety;
    double      safe;
  } cases[] = {
    { "paddy_early_indica", 13.5 }, { "paddy_late_indica", 13.5 }, { "paddy_japonica", 14.5 },
    { "wheat", 12.5 }, { "corn", 14.0 }, { "soybean", 13.0 },
  };
  GrAlarmKind kind = 99;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpuint (n_alarms ("normal", cases[i].variety, NAN, NAN, cases[i].safe, NULL), ==, 0);
      g_assert_cmpuint (n_alarms ("normal", cases[i].variety, NAN, NAN, cases[i].safe + 0.1, &kind), ==, 1);
      g_assert_cmpint (kind, ==, GR_ALARM_MOISTURE);
    }
  /* No safe moisture is held for rice or oil: no alarm. */
  g_assert_cmpuint (n_alarms ("normal", "rice", NAN, NAN, 16.0, NULL), ==, 0);
  g_assert_cmpuint (n_alarms ("normal", "oil_peanut", NAN, NAN, 16.0, NULL), ==, 0);
}

static void
test_pest_alarm (void)
{
  GrReadingValues values;
  g_autoptr(GPtrArray) serious = NULL;
  g_autoptr(GPtrArray) general = NULL;

  gr_reading_values_init (&values);
  values.pests_per_kg = 40;
  values.pest_class = "serious";
  serious = gr_reading_alarms (standards, "normal", "wheat", &values);
  g_assert_cmpuint (serious->len, ==, 1);
  g_assert_cmpint (((GrAlarm *) serious->pdata[0])->kind, ==, GR_ALARM_PESTS);
  values.pests_per_kg = 12;
  values.pest_class = "general";
  general = gr_reading_alarms (standards, "normal", "wheat", &values);
  g_assert_cmpuint (general->len, ==, 0);
}

/* The stock check: |measured − book| ≤ 3 % of the book is 账实相符 (the
 * national stock-check figure, unconfirmed; no seed regulation gives one). */
static void
test_quantity_tolerance (void)
{
  const GrStockCheckRule *rule = gr_standards_stock_check (standards);
  GrQuantityJudgement j;

  g_assert_true (gr_quantity_check_judge (rule, 1030000, 1000000, &j));
  g_assert_true (j.within);
  g_assert_cmpint (j.difference_kg, ==, 30000);
  g_assert_cmpfloat_with_epsilon (j.difference_pct, 3.0, 1e-9);
  g_assert_cmpint (j.tolerance_milli, ==, 3000);
  g_assert_cmpint (j.status, ==, GR_STATUS_UNCONFIRMED);
  g_assert_true (gr_quantity_check_judge (rule, 1030001, 1000000, &j));
  g_assert_false (j.within);
  g_assert_true (gr_quantity_check_judge (rule, 970000, 1000000, &j));
  g_assert_true (j.within);
  g_assert_cmpfloat_with_epsilon (j.difference_pct, -3.0, 1e-9);
  g_assert_true (gr_quantity_check_judge (rule, 969999, 1000000, &j));
  g_assert_false (j.within);
  /* The fixture's own check: 4,998.75 t against 5,000 t, −0.025 %. */
  g_assert_true (gr_quantity_check_judge (rule, 4998750, 5000000, &j));
  g_assert_true (j.within);
  g_assert_cmpfloat_with_epsilon (j.difference_pct, -0.025, 1e-9);
  /* An empty bin on the books must be empty. */
  g_assert_true (gr_quantity_check_judge (rule, 0, 0, &j));
  g_assert_true (j.within);
  g_assert_true (isnan (j.difference_pct));
  g_assert_true (gr_quantity_check_judge (rule, 1, 0, &j));
  g_assert_false (j.within);
  g_assert_false (gr_quantity_check_judge (rule, -1, 1000, &j));
  g_assert_false (gr_quantity_check_judge (NULL, 1000, 1000, &j));
}

/* ---- The draft ---------------------------------------------------------- */

static GrInspection *
new_draft (GrStore *store)
{
  g_autoptr(GError) error = NULL;
  GrInspection *draft = gr_inspection_create (store, standards, "D-01", "2026-06-08", "random", TODAY, &error);

  g_assert_no_error (error);
  g_assert_nonnull (draft);
  return draft;
}

#define OK(call) G_STMT_START { g_autoptr(GError) e_ = NULL; if (!(call (&e_))) g_error ("%s", e_->message); } G_STMT_END

static void
fill_draft (GrInspection *draft)
{
  const char *names[] = { "王芳", " 陈明 ", "", NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (gr_inspection_set_inspectors (draft, names, &error));
  g_assert_true (gr_inspection_set_reading (draft, "B-01", GR_READING_TEMP_MAX, 24.0, &error));
  g_assert_true (gr_inspection_set_reading (draft, "B-01", GR_READING_TEMP_AVG, 20.5, &error));
  g_assert_true (gr_inspection_set_reading (draft, "B-01", GR_READING_TEMP_MIN, 16.0, &error));
  g_assert_true (gr_inspection_set_reading (draft, "B-01", GR_READING_MOISTURE, 13.8, &error));
  g_assert_true (gr_inspection_set_reading (draft, "B-01", GR_READING_PESTS, 8, &error));
  g_assert_true (gr_inspection_set_reading (draft, "B-01", GR_READING_MAIN_PESTS, 2, &error));
  g_assert_true (gr_inspection_set_reading_note (draft, "B-01", "东北角粮温偏高", &error));
  g_assert_true (gr_inspection_set_quantity (draft, "B-01", GR_QUANTITY_MEASURED, 2990000, &error));
  g_assert_true (gr_inspection_set_quantity (draft, "B-01", GR_QUANTITY_BOOK, 2999500, &error));
  g_assert_true (gr_inspection_set_check (draft, "books_match_stock", "pass", &error));
  g_assert_true (gr_inspection_set_check (draft, "fire_safety", "fail", &error));
  g_assert_true (gr_inspection_set_check (draft, "no_pledge", "na", &error));
  g_assert_no_error (error);
}

/* Each setter saves at once: another connection sees every field. */
static void
test_draft_saved (void)
{
  g_autoptr(GrStore) store = test_city_store ();
  g_autoptr(GrInspection) draft = new_draft (store);
  g_autoptr(GrStore) other = test_open_store (gr_store_get_path (store));
  g_autoptr(GrInspection) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alarms = NULL;
  g_autofree char *inspectors = NULL;
  GrReadingValues values;
  GrQuantityJudgement j;
  GPtrArray *bins;
  gint64 outbox_before = query_int (store, "SELECT count(*) FROM outbox");

  fill_draft (draft);

  reopened = gr_inspection_open (other, standards, gr_inspection_get_id (draft), TODAY, &error);
  g_assert_no_error (error);
  g_assert_false (gr_inspection_is_signed (reopened));
  g_assert_cmpstr (gr_inspection_get_depot_name (reopened), ==, "清城直属库");
  inspectors = query_text (other, "SELECT inspectors FROM inspections WHERE signed_on IS NULL");
  g_assert_cmpstr (inspectors, ==, "[\"王芳\", \"陈明\"]");
  gr_inspection_get_reading_values (reopened, "B-01", &values);
  g_assert_cmpfloat (values.temp_max_c, ==, 24.0);
  g_assert_cmpfloat (values.temp_avg_c, ==, 20.5);
  g_assert_cmpfloat (values.temp_min_c, ==, 16.0);
  g_assert_cmpfloat (values.moisture_pct, ==, 13.8);
  /* 8 pests/kg of which 2 main: 一般虫粮 (GB/T 29890-2013). */
  g_assert_cmpstr (values.pest_class, ==, "general");
  g_assert_cmpstr (gr_record_get_text (gr_inspection_get_reading (reopened, "B-01"), "note"), ==, "东北角粮温偏高");
  g_assert_cmpstr (gr_inspection_get_check (reopened, "fire_safety"), ==, "fail");
  g_assert_cmpstr (gr_inspection_get_check (reopened, "no_pledge"), ==, "na");
  g_assert_null (gr_inspection_get_check (reopened, "wind_safety"));

  /* 准低温 P01: 20.5 °C average above 20 °C; 13.8 % above 籼稻's 13.5 %. */
  alarms = gr_inspection_reading_alarms (reopened, "B-01");
  g_assert_cmpuint (alarms->len, ==, 2);
  g_assert_cmpint (((GrAlarm *) alarms->pdata[0])->kind, ==, GR_ALARM_TEMP_AVG);
  g_assert_cmpint (((GrAlarm *) alarms->pdata[1])->kind, ==, GR_ALARM_MOISTURE);

  /* 2,990 t measured against 2,999.5 t booked: −0.32 %, within 3 %. */
  g_assert_true (gr_inspection_judge_quantity (reopened, "B-01", &j));
  g_assert_cmpint (j.difference_kg, ==, -9500);
  g_assert_true (j.within);

  /* The depot's bins in code order, with the books at the inspection's
   * date: P01 holds 5,000 − 2,000.5 t of 中晚籼稻. */
  bins = gr_inspection_get_bins (reopened);
  g_assert_cmpuint (bins->len, ==, 2);
  g_assert_cmpstr (((GrInspectionBin *) bins->pdata[0])->code, ==, "P01");
  g_assert_cmpstr (((GrInspectionBin *) bins->pdata[0])->variety, ==, "paddy_late_indica");
  g_assert_cmpstr (((GrInspectionBin *) bins->pdata[0])->storage_tech, ==, "quasi_low_temp");
  g_assert_cmpint (((GrInspectionBin *) bins->pdata[0])->book_kg, ==,
                   query_int (store, "SELECT SUM (delta_kg) FROM movements WHERE lot = 'L-01' AND date <= '2026-06-08'"));

  /* A draft stays local: no outbox row. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM outbox"), ==, outbox_before);

  /* Clearing every value of a reading removes it. */
  for (GrReadingField f = GR_READING_TEMP_MAX; f <= GR_READING_AIRTIGHTNESS; f++)
    g_assert_true (gr_inspection_set_reading (draft, "B-01", f, NAN, &error));
  g_assert_nonnull (gr_inspection_get_reading (draft, "B-01"));
  g_assert_true (gr_inspection_set_reading_note (draft, "B-01", "  ", &error));
  g_assert_no_error (error);
  g_assert_null (gr_inspection_get_reading (draft, "B-01"));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM inspection_readings r JOIN inspections i"
                                     " ON i.id = r.parent WHERE i.signed_on IS NULL"), ==, 0);

  /* A dangerous pest makes 危险虫粮 whatever the density, and back. */
  g_assert_true (gr_inspection_set_reading (draft, "B-01", GR_READING_PESTS, 1, &error));
  g_assert_cmpstr (gr_record_get_text (gr_inspection_get_reading (draft, "B-01"), "pest_class"), ==, "basically_free");
  g_assert_true (gr_inspection_set_dangerous_pests (draft, "B-01", TRUE, &error));
  g_assert_true (gr_inspection_set_reading (draft, "B-01", GR_READING_PESTS, 2, &error));
  g_assert_cmpstr (gr_record_get_text (gr_inspection_get_reading (draft, "B-01"), "pest_class"), ==, "dangerous");
  g_assert_true (gr_inspection_set_dangerous_pests (draft, "B-01", FALSE, &error));
  g_assert_cmpstr (gr_record_get_text (gr_inspection_get_reading (draft, "B-01"), "pest_class"), ==, "basically_free");
  g_assert_no_error (error);

  /* Discarding a draft deletes it and its children. */
  g_assert_true (gr_inspection_discard (draft, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM inspections WHERE signed_on IS NULL"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM inspection_readings WHERE parent NOT IN"
                                     " (SELECT id FROM inspections)"), ==, 0);
}

/* Bad input: one line, GR_ERROR_INVALID, and not a byte changed. */
static void
assert_refused (GrStore     *store,
                gboolean   (*call) (gpointer data, GError **error),
                gpointer     data,
                const char  *expected)
{
  g_autofree char *before = test_fingerprint (store);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (call (data, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == GR_ERROR);
  g_assert_null (strchr (error->message, '\n'));
  if (g_str_has_prefix (expected, "~"))
    {
      if (strstr (error->message, expected + 1) == NULL)
        g_error ("message “%s” lacks “%s”", error->message, expected + 1);
    }
  else
    g_assert_cmpstr (error->message, ==, expected);
  after = test_fingerprint (store);
  g_assert_cmpstr (before, ==, after);
}

static GrInspection *bad_draft;
static char *big_photo;
static char *text_file;

static gboolean bad_temperature (gpointer d, GError **e) { return gr_inspection_set_reading (bad_draft, "B-01", GR_READING_TEMP_MIN, -300, e); }
static gboolean bad_moisture (gpointer d, GError **e) { return gr_inspection_set_reading (bad_draft, "B-01", GR_READING_MOISTURE, 120, e); }
static gboolean bad_pests (gpointer d, GError **e) { return gr_inspection_set_reading (bad_draft, "B-01", GR_READING_PESTS, -1, e); }
static gboolean bad_infinite (gpointer d, GError **e) { return gr_inspection_set_reading (bad_draft, "B-01", GR_READING_TEMP_MAX, INFINITY, e); }
static gboolean future_date (gpointer d, GError **e) { return gr_inspection_set_date (bad_draft, "2026-06-11", e); }
static gboolean not_a_date (gpointer d, GError **e) { return gr_inspection_set_date (bad_draft, "2026-02-30", e); }
static gboolean unknown_bin (gpointer d, GError **e) { return gr_inspection_set_reading (bad_draft, "B-99", GR_READING_TEMP_MAX, 20, e); }
static gboolean other_depot_bin (gpointer d, GError **e) { return gr_inspection_set_quantity (bad_draft, "B-03", GR_QUANTITY_MEASURED, 1000, e); }
static gboolean big_photo_added (gpointer d, GError **e) { return gr_inspection_add_photo (bad_draft, big_photo, NULL, e); }
static gboolean text_photo_added (gpointer d, GError **e) { return gr_inspection_add_photo (bad_draft, text_file, NULL, e); }
static gboolean unknown_item (gpointer d, GError **e) { return gr_inspection_set_check (bad_draft, "粮情检测", "pass", e); }
static gboolean bad_answer (gpointer d, GError **e) { return gr_inspection_set_check (bad_draft, "fire_safety", "ok", e); }
static gboolean bad_kind (gpointer d, GError **e) { return gr_inspection_set_kind (bad_draft, "surprise", e); }
static gboolean twice_named (gpointer d, GError **e) { const char *n[] = { "王芳", "王芳 ", NULL }; return gr_inspection_set_inspectors (bad_draft, n, e); }
static gboolean empty_finding (gpointer d, GError **e) { return gr_inspection_add_finding (bad_draft, "  ", "minor", "2026-07-01", NULL, e); }
static gboolean bad_severity (gpointer d, GError **e) { return gr_inspection_add_finding (bad_draft, "灭火器过期", "urgent", "2026-07-01", NULL, e); }
static gboolean early_due (gpointer d, GError **e) { return gr_inspection_add_finding (bad_draft, "灭火器过期", "minor", "2026-06-01", NULL, e); }
static gboolean no_representative (gpointer d, GError **e) { return gr_inspection_sign (bad_draft, " ", TODAY, e); }
static gboolean inspector_as_representative (gpointer d, GError **e) { return gr_inspection_sign (bad_draft, "王芳", TODAY, e); }
static gboolean signed_in_future (gpointer d, GError **e) { return gr_inspection_sign (bad_draft, "李建国", "2026-06-12", e); }
static gboolean signed_before (gpointer d, GError **e) { return gr_inspection_sign (bad_draft, "李建国", "2026-06-07", e); }

static void
test_bad_input (void)
{
  g_autoptr(GrStore) store = test_city_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (gr_store_get_path (store));
  g_autoptr(GrInspection) nowhere = NULL;
  const char *names[] = { "王芳", NULL };
  int fd;

  bad_draft = new_draft (store);
  g_assert_true (gr_inspection_set_inspectors (bad_draft, names, &error));
  g_assert_no_error (error);

  /* A photo one byte over 10 MiB (sparse: nothing is written), and a text. */
  big_photo = g_build_filename (dir, "big.jpg", NULL);
  fd = g_open (big_photo, O_CREAT | O_WRONLY, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, GR_PHOTO_MAX_BYTES + 1), ==, 0);
  close (fd);
  text_file = g_build_filename (dir, "note.jpg", NULL);
  g_assert_true (g_file_set_contents (text_file, "not a picture at all\n", -1, NULL));

  assert_refused (store, bad_temperature, NULL,
                  "Bin P01: lowest grain temperature -300 °C is out of range (-60 to 100 °C)");
  assert_refused (store, bad_moisture, NULL, "Bin P01: moisture 120 % is out of range (0 to 100 %)");
  assert_refused (store, bad_pests, NULL, "Bin P01: pest density -1 /kg is out of range (0 to 100000 /kg)");
  assert_refused (store, bad_infinite, NULL, "~highest grain temperature inf");
  assert_refused (store, future_date, NULL, "~is in the future");
  assert_refused (store, not_a_date, NULL, "The inspection date “2026-02-30” is not a date (YYYY-MM-DD)");
  assert_refused (store, unknown_bin, NULL, "No bin “B-99”");
  assert_refused (store, other_depot_bin, NULL, "Bin Y01 belongs to 清新粮库, not to 清城直属库, the depot inspected");
  assert_refused (store, big_photo_added, NULL, "Photo big.jpg is 10.0 MB; a photo may be at most 10 MB");
  assert_refused (store, text_photo_added, NULL, "~Photo note.jpg is not a picture");
  assert_refused (store, unknown_item, NULL, "“粮情检测” is not an item of the checklist");
  assert_refused (store, bad_answer, NULL, "“ok” is not an answer to a checklist item (pass, fail or na)");
  assert_refused (store, bad_kind, NULL, "~Unknown kind of inspection “surprise”");
  assert_refused (store, twice_named, NULL, "王芳 is listed twice among the inspectors");
  assert_refused (store, empty_finding, NULL, "A finding needs a text saying what is wrong");
  assert_refused (store, bad_severity, NULL, "Unknown severity “urgent” (expected minor, major or critical)");
  assert_refused (store, early_due, NULL, "~is before the inspection");
  assert_refused (store, no_representative, NULL, "The depot's representative signs too: give their name");
  assert_refused (store, inspector_as_representative, NULL,
                  "王芳 is an inspector; the depot's representative is someone else");
  assert_refused (store, signed_in_future, NULL, "~is in the future");
  assert_refused (store, signed_before, NULL, "The inspection cannot be signed before it took place");
  /* Nothing of the photos was kept either. */
  {
    g_autofree char *photos = gr_photo_dir (store);

    g_assert_false (g_file_test (photos, G_FILE_TEST_EXISTS));
  }

  /* A new inspection: a future date, an unknown depot. */
  nowhere = gr_inspection_create (store, standards, "D-99", "2026-06-08", "routine", TODAY, &error);
  g_assert_null (nowhere);
  g_assert_error (error, GR_ERROR, GR_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No depot “D-99”");
  g_clear_error (&error);
  nowhere = gr_inspection_create (store, standards, "D-01", "2026-07-01", "routine", TODAY, &error);
  g_assert_null (nowhere);
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
  g_clear_error (&error);

  /* Inconsistent values pass one by one, and stop the sign-off. */
  g_assert_true (gr_inspection_set_reading (bad_draft, "B-01", GR_READING_TEMP_AVG, 18, &error));
  g_assert_true (gr_inspection_set_reading (bad_draft, "B-01", GR_READING_TEMP_MIN, 19, &error));
  g_assert_no_error (error);
  g_assert_false (gr_inspection_sign (bad_draft, "李建国", TODAY, &error));
  g_assert_cmpstr (error->message, ==, "Bin P01: the grain temperatures do not go lowest ≤ average ≤ highest");
  g_clear_error (&error);
  g_assert_true (gr_inspection_set_reading (bad_draft, "B-01", GR_READING_TEMP_MIN, 15, &error));
  g_assert_true (gr_inspection_set_reading (bad_draft, "B-01", GR_READING_PESTS, 1, &error));
  g_assert_true (gr_inspection_set_reading (bad_draft, "B-01", GR_READING_MAIN_PESTS, 3, &error));
  g_assert_false (gr_inspection_sign (bad_draft, "李建国", TODAY, &error));
  g_assert_cmpstr (error->message, ==, "Bin P01: more main pests than pests in all");
  g_clear_error (&error);
  g_assert_true (gr_inspection_set_reading (bad_draft, "B-01", GR_READING_MAIN_PESTS, 0, &error));
  g_assert_true (gr_inspection_set_quantity (bad_draft, "B-02", GR_QUANTITY_MEASURED, 1000, &error));
  g_assert_false (gr_inspection_sign (bad_draft, "李建国", TODAY, &error));
  g_assert_cmpstr (error->message, ==, "Bin P02: the stock check has no quantity on the books");
  g_clear_error (&error);
  g_assert_true (gr_inspection_set_quantity (bad_draft, "B-02", GR_QUANTITY_BOOK, 1000, &error));
  g_assert_true (gr_inspection_sign (bad_draft, "李建国", TODAY, &error));
  g_assert_no_error (error);

  g_clear_pointer (&bad_draft, gr_inspection_free);
  g_clear_pointer (&big_photo, g_free);
  g_clear_pointer (&text_file, g_free);
}

/* ---- Sign-off, freezing, correction ------------------------------------- */

static GrInspection *frozen;

static gboolean frozen_reading (gpointer d, GError **e) { return gr_inspection_set_reading (frozen, "B-01", GR_READING_TEMP_MAX, 22, e); }
static gboolean frozen_date (gpointer d, GError **e) { return gr_inspection_set_date (frozen, "2026-06-09", e); }
static gboolean frozen_finding (gpointer d, GError **e) { return gr_inspection_remove_finding (frozen, "F1", e); }
static gboolean frozen_sign (gpointer d, GError **e) { return gr_inspection_sign (frozen, "赵强", TODAY, e); }
static gboolean frozen_discard (gpointer d, GError **e) { return gr_inspection_discard (frozen, e); }

/* Nanchang 第四十八条: signed by the inspectors and the depot; then frozen,
 * and pushed once as an append-only record (SYNC.md §3.6). */
static void
test_sign_and_freeze (void)
{
  g_autoptr(GrStore) store = test_city_store ();
  g_autoptr(GrInspection) correction = NULL;
  g_autoptr(GrInspection) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *signers = NULL;
  g_autofree char *row = NULL;
  g_autofree char *payload_findings = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 outbox_before = query_int (store, "SELECT count(*) FROM outbox");

  frozen = new_draft (store);
  fill_draft (frozen);
  g_assert_true (gr_inspection_add_finding (frozen, "消防器材过期", "major", "2026-06-30", &id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, "F1");
  g_assert_null (gr_inspection_check_complete (frozen));

  g_assert_true (gr_inspection_sign (frozen, " 李建国 ", TODAY, &error));
  g_assert_no_error (error);
  g_assert_true (gr_inspection_is_signed (frozen));
  signers = query_text (store, "SELECT signed_by || ' ' || signed_on FROM inspections WHERE signed_on IS NOT NULL"
                               " AND id <> 'I-01'");
  g_assert_cmpstr (signers, ==, "[\"王芳\", \"陈明\", \"李建国\"] 2026-06-10");

  /* One outbox row, an append of the whole record. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM outbox"), ==, outbox_before + 1);
  row = query_text (store, "SELECT op || ' ' || entity || ' ' || json_extract (payload, '$.signed_on')"
                           " FROM outbox ORDER BY seq DESC LIMIT 1");
  g_assert_cmpstr (row, ==, "append inspection 2026-06-10");
  payload_findings = query_text (store, "SELECT json_extract (payload, '$.findings[0].id') || json_extract (payload,"
                                        " '$.readings[0].pest_class') FROM outbox ORDER BY seq DESC LIMIT 1");
  g_assert_cmpstr (payload_findings, ==, "F1general");

  /* Frozen: every change refused, nothing written, no second row. */
  assert_refused (store, frozen_reading, NULL,
                  "~was signed on 2026-06-10 and cannot be changed; record a correction instead");
  assert_refused (store, frozen_date, NULL, "~cannot be changed");
  assert_refused (store, frozen_finding, NULL, "~cannot be changed");
  assert_refused (store, frozen_sign, NULL, "~cannot be changed");
  assert_refused (store, frozen_discard, NULL, "~cannot be changed");

  /* A correction is a new draft with the content and "corrects". */
  correction = gr_inspection_correct (store, standards, gr_inspection_get_id (frozen), TODAY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gr_record_get_text (gr_inspection_get_record (correction), "corrects"), ==,
                   gr_inspection_get_id (frozen));
  g_assert_cmpstr (gr_inspection_get_id (correction), !=, gr_inspection_get_id (frozen));
  g_assert_false (gr_inspection_is_signed (correction));
  g_assert_cmpstr (gr_inspection_get_check (correction, "fire_safety"), ==, "fail");
  g_assert_nonnull (gr_inspection_get_reading (correction, "B-01"));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM outbox"), ==, outbox_before + 1);
  /* Asking again opens the same draft. */
  again = gr_inspection_correct (store, standards, gr_inspection_get_id (frozen), TODAY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gr_inspection_get_id (again), ==, gr_inspection_get_id (correction));
  /* A draft cannot be corrected: it is edited. */
  g_assert_null (gr_inspection_correct (store, standards, gr_inspection_get_id (correction), TODAY, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_CONFLICT);
  g_clear_error (&error);

  g_assert_true (gr_inspection_set_reading (correction, "B-01", GR_READING_TEMP_MAX, 22.5, &error));
  g_assert_true (gr_inspection_sign (correction, "李建国", TODAY, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM outbox WHERE entity = 'inspection' AND op = 'append'"
                                     " AND json_extract (payload, '$.corrects') IS NOT NULL"), ==, 1);

  /* The original is kept, unchanged, and shown as superseded. */
  list = gr_inspection_list (store, "D-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  for (guint i = 0; i < list->len; i++)
    {
      GrInspectionSummary *s = list->pdata[i];

      if (g_strcmp0 (s->id, gr_inspection_get_id (frozen)) == 0)
        g_assert_true (s->superseded);
      else
        g_assert_false (s->superseded);
      g_assert_cmpint (s->state, ==, GR_INSPECTION_SIGNED);
      /* Each waits in the outbox (the fixture's I-01 too: imported here). */
      g_assert_true (s->pending);
    }

  /* Synced once the server acknowledged the row. */
  g_assert_true (gr_store_exec (store, "UPDATE outbox SET state = 'acked' WHERE entity = 'inspection'", NULL));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = gr_inspection_list (store, "D-01", &error);
  g_assert_cmpint (((GrInspectionSummary *) list->pdata[0])->state, ==, GR_INSPECTION_SYNCED);
  g_assert_false (((GrInspectionSummary *) list->pdata[0])->pending);

  g_clear_pointer (&frozen, gr_inspection_free);
}

/* ---- Findings ----------------------------------------------------------- */

static const char *draft_id;

static gboolean close_draft_finding (gpointer d, GError **e) { return gr_finding_close (d, draft_id, "F1", TODAY, "李建国", NULL, TODAY, NULL, e); }

static void
test_findings_life_cycle (void)
{
  g_autoptr(GrStore) store = test_city_store ();
  g_autoptr(GrInspection) a = new_draft (store);
  g_autoptr(GrInspection) draft = new_draft (store);
  g_autoptr(GrInspection) correction = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *closure = NULL;
  g_autofree char *row = NULL;
  const char *names[] = { "王芳", NULL };
  GrOpenFinding *f;

  g_assert_true (gr_inspection_set_inspectors (a, names, &error));
  g_assert_true (gr_inspection_add_finding (a, "P01仓信息卡未更新", "minor", "2026-06-09", NULL, &error));
  g_assert_true (gr_inspection_add_finding (a, "灭火器过期", "major", "2026-06-30", NULL, &error));
  g_assert_true (gr_inspection_add_finding (a, "防汛沙袋不足", "critical", "2026-06-20", NULL, &error));
  g_assert_true (gr_inspection_update_finding (a, "F3", "防汛沙袋不足，排水沟堵塞", "critical", "2026-06-15", &error));
  g_assert_true (gr_inspection_add_finding (a, "临时记录", "minor", "2026-06-15", NULL, &error));
  g_assert_true (gr_inspection_remove_finding (a, "F4", &error));
  g_assert_true (gr_inspection_sign (a, "李建国", "2026-06-08", &error));
  g_assert_no_error (error);
  g_assert_true (gr_inspection_set_inspectors (draft, names, &error));
  g_assert_true (gr_inspection_add_finding (draft, "草稿中的问题", "minor", "2026-06-09", NULL, &error));
  g_assert_no_error (error);
  draft_id = gr_inspection_get_id (draft);

  /* Open: the fixture's F-1 was closed on 2026-05-28. Today 2026-06-10:
   * F1 is overdue by a day, then F3 (due 06-15) and F2 (06-30); the
   * draft's findings are not open findings. */
  open = gr_open_findings (store, NULL, TODAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 3);
  f = open->pdata[0];
  g_assert_cmpstr (f->finding, ==, "F1");
  g_assert_cmpint (f->days_overdue, ==, 1);
  g_assert_cmpstr (f->depot_name, ==, "清城直属库");
  g_assert_cmpstr (((GrOpenFinding *) open->pdata[1])->finding, ==, "F3");
  g_assert_cmpstr (((GrOpenFinding *) open->pdata[1])->text, ==, "防汛沙袋不足，排水沟堵塞");
  g_assert_cmpint (((GrOpenFinding *) open->pdata[1])->days_overdue, ==, 0);
  g_assert_cmpstr (((GrOpenFinding *) open->pdata[2])->finding, ==, "F2");
  g_assert_cmpstr (((GrOpenFinding *) open->pdata[2])->severity, ==, "major");

  /* Closing: who, when, a note; append-only, through the outbox. */
  g_assert_true (gr_finding_close (store, gr_inspection_get_id (a), "F1", "2026-06-09", "李建国", "已更新信息卡",
                                   TODAY, &closure, &error));
  g_assert_no_error (error);
  row = query_text (store, "SELECT op || ' ' || json_extract (payload, '$.finding') || ' ' ||"
                           " json_extract (payload, '$.closed_by') FROM outbox ORDER BY seq DESC LIMIT 1");
  g_assert_cmpstr (row, ==, "append F1 李建国");
  g_clear_pointer (&open, g_ptr_array_unref);
  open = gr_open_findings (store, "D-01", TODAY, &error);
  g_assert_cmpuint (open->len, ==, 2);
  g_assert_cmpstr (((GrOpenFinding *) open->pdata[0])->finding, ==, "F3");

  /* Refusals. */
  g_assert_false (gr_finding_close (store, gr_inspection_get_id (a), "F1", TODAY, "李建国", NULL, TODAY, NULL, &error));
  g_assert_cmpstr (error->message, ==, "Finding F1 is closed already");
  g_clear_error (&error);
  g_assert_false (gr_finding_close (store, gr_inspection_get_id (a), "F9", TODAY, "李建国", NULL, TODAY, NULL, &error));
  g_assert_cmpstr (error->message, ==, "No finding “F9” in this inspection");
  g_clear_error (&error);
  g_assert_false (gr_finding_close (store, gr_inspection_get_id (a), "F2", "2026-06-07", "李建国", NULL, TODAY, NULL, &error));
  g_assert_cmpstr (error->message, ==, "A finding cannot be closed before the inspection that found it");
  g_clear_error (&error);
  g_assert_false (gr_finding_close (store, gr_inspection_get_id (a), "F2", "2026-06-11", "李建国", NULL, TODAY, NULL, &error));
  g_assert_nonnull (strstr (error->message, "is in the future"));
  g_clear_error (&error);
  g_assert_false (gr_finding_close (store, gr_inspection_get_id (a), "F2", TODAY, " ", NULL, TODAY, NULL, &error));
  g_assert_cmpstr (error->message, ==, "Say who closes the finding");
  g_clear_error (&error);
  g_assert_false (gr_finding_close (store, "I-404", "F2", TODAY, "李建国", NULL, TODAY, NULL, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_refused (store, close_draft_finding, store,
                  "The inspection is not signed yet: a draft's findings cannot be closed");

  /* A correction repeats F2 and F3 under the same ids: they stay open,
   * F1 stays closed by the closure of the corrected record. */
  correction = gr_inspection_correct (store, standards, gr_inspection_get_id (a), TODAY, &error);
  g_assert_no_error (error);
  g_assert_true (gr_inspection_sign (correction, "李建国", TODAY, &error));
  g_assert_no_error (error);
  g_clear_pointer (&open, g_ptr_array_unref);
  open = gr_open_findings (store, "D-01", TODAY, &error);
  g_assert_cmpuint (open->len, ==, 2);
  g_assert_cmpstr (((GrOpenFinding *) open->pdata[0])->inspection, ==, gr_inspection_get_id (correction));
  g_assert_cmpstr (((GrOpenFinding *) open->pdata[0])->finding, ==, "F3");

  /* The page's packed table of the same inspections: the draft first,
   * then the newest (the correction, made after the record it corrects
   * on the same date), then the fixture's I-01 of 2026-05-12. */
  {
    g_autoptr(GrInspectionTable) table = gr_inspection_table_read (store, "D-01", TODAY, &error);
    g_autoptr(GPtrArray) list = gr_inspection_list (store, "D-01", &error);
    const GrInspectionRow *r;

    g_assert_no_error (error);
    g_assert_cmpuint (gr_inspection_table_get_n_rows (table), ==, 4);
    g_assert_cmpuint (list->len, ==, 4);
    g_assert_null (gr_inspection_table_get_row (table, 4));

    r = gr_inspection_table_get_row (table, 0);
    g_assert_cmpstr (r->id, ==, gr_inspection_get_id (draft));
    g_assert_cmpint (r->state, ==, GR_INSPECTION_DRAFT);
    g_assert_cmpuint (r->n_findings, ==, 1);
    g_assert_cmpuint (r->n_open, ==, 0);

    r = gr_inspection_table_get_row (table, 1);
    g_assert_cmpstr (r->id, ==, gr_inspection_get_id (correction));
    g_assert_true (r->correction);
    g_assert_false (r->superseded);
    g_assert_cmpstr (r->date, ==, "2026-06-08");
    g_assert_cmpstr (r->depot_name, ==, "清城直属库");
    g_assert_cmpstr (r->inspectors, ==, "王芳");
    /* F1 closed on the corrected record; F2 and F3 open. */
    g_assert_cmpuint (r->n_findings, ==, 3);
    g_assert_cmpuint (r->n_open, ==, 2);

    r = gr_inspection_table_get_row (table, 2);
    g_assert_cmpstr (r->id, ==, gr_inspection_get_id (a));
    g_assert_true (r->superseded);
    g_assert_false (r->correction);
    g_assert_cmpint (r->state, ==, GR_INSPECTION_SIGNED);

    r = gr_inspection_table_get_row (table, 3);
    g_assert_cmpstr (r->id, ==, "I-01");
    g_assert_cmpstr (r->inspectors, ==, "王芳, 陈明");
    g_assert_cmpstr (r->kind, ==, "routine");
    g_assert_cmpuint (r->n_findings, ==, 1);
    g_assert_cmpuint (r->n_open, ==, 0);

    /* Each row as gr_inspection_list reads it. */
    for (guint i = 0; i < list->len; i++)
      {
        const GrInspectionSummary *s = list->pdata[i];
        gboolean found = FALSE;

        for (guint j = 0; j < gr_inspection_table_get_n_rows (table); j++)
          {
            r = gr_inspection_table_get_row (table, j);
            if (g_strcmp0 (r->id, s->id) != 0)
              continue;
            found = TRUE;
            g_assert_cmpint (r->state, ==, s->state);
            g_assert_cmpint (r->superseded, ==, s->superseded);
            g_assert_cmpint (r->pending, ==, s->pending);
            g_assert_cmpuint (r->n_findings, ==, s->n_findings);
            g_assert_cmpuint (r->n_open, ==, s->n_open);
            g_assert_cmpstr (r->inspectors, ==, s->inspectors);
          }
        g_assert_true (found);
      }

    /* One draft; the three signed records wait in the outbox; signed this
     * year and not replaced: I-01 and the correction. */
    g_assert_cmpuint (gr_inspection_table_get_n_drafts (table), ==, 1);
    g_assert_cmpuint (gr_inspection_table_get_n_pending (table), ==, 3);
    g_assert_cmpuint (gr_inspection_table_get_n_year (table), ==, 2);
  }
  /* The superseded record's findings are closed on the correction. */
  g_assert_false (gr_finding_close (store, gr_inspection_get_id (a), "F2", TODAY, "李建国", NULL, TODAY, NULL, &error));
  g_assert_cmpstr (error->message, ==, "The inspection was corrected by a later record: close the finding there");
  g_clear_error (&error);
  g_assert_true (gr_finding_close (store, gr_inspection_get_id (correction), "F2", TODAY, "李建国", NULL, TODAY, NULL,
                                   &error));
  g_assert_true (gr_finding_close (store, gr_inspection_get_id (correction), "F3", TODAY, "李建国", "沙袋已补齐", TODAY,
                                   NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&open, g_ptr_array_unref);
  open = gr_open_findings (store, NULL, TODAY, &error);
  g_assert_cmpuint (open->len, ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM finding_closures"), ==, 4);
}

/* ---- Photos ------------------------------------------------------------- */

static const guchar png[] = {
  0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R',
  0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde,
  0, 0, 0, 0x0c, 'I', 'D', 'A', 'T', 0x08, 0xd7, 0x63, 0xf8, 0xcf, 0xc0, 0, 0, 0x03, 0x01, 0x01, 0, 0x18,
  0xdd, 0x8d, 0xb0, 0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82,
};

static void
test_photos (void)
{
  g_autoptr(GrStore) store = test_city_store ();
  g_autoptr(GrInspection) draft = new_draft (store);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (gr_store_get_path (store));
  g_autofree char *source = g_build_filename (dir, "现场照片.png", NULL);
  g_autofree char *copy = g_build_filename (dir, "same.png", NULL);
  g_autofree char *hash = NULL;
  g_autofree char *hash2 = NULL;
  g_autofree char *expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, png, sizeof png);
  g_autofree char *kept = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_set_contents (source, (const char *) png, sizeof png, NULL));
  g_assert_true (g_file_set_contents (copy, (const char *) png, sizeof png, NULL));
  g_assert_true (gr_inspection_add_photo (draft, source, &hash, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (hash, ==, expected);
  g_assert_true (gr_photo_hash_is_valid (hash));
  kept = gr_photo_path (store, hash);
  g_assert_true (g_file_get_contents (kept, &data, &length, NULL));
  g_assert_cmpmem (data, length, png, sizeof png);
  /* The same picture again, under another name: stored and listed once. */
  g_assert_true (gr_inspection_add_photo (draft, copy, &hash2, &error));
  g_assert_cmpstr (hash2, ==, hash);
  listed = query_text (store, "SELECT photos FROM inspections WHERE signed_on IS NULL");
  {
    g_autofree char *one = g_strdup_printf ("[\"%s\"]", hash);

    g_assert_cmpstr (listed, ==, one);
  }
  g_assert_true (gr_inspection_remove_photo (draft, hash, &error));
  g_assert_no_error (error);
  g_clear_pointer (&listed, g_free);
  listed = query_text (store, "SELECT coalesce (photos, 'none') FROM inspections WHERE signed_on IS NULL");
  g_assert_cmpstr (listed, ==, "none");
  g_assert_false (gr_photo_hash_is_valid ("ABC"));
}

/* ---- kill -9 while typing ----------------------------------------------- */

/* What step i of the typing loop writes: a field of a bin, in turn. */
static void
apply_step (GrInspection *draft,
            guint         i)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  switch (i % 4)
    {
    case 0:
      ok = gr_inspection_set_reading (draft, "B-01", GR_READING_TEMP_MAX, (i % 500) / 10.0, &error);
      break;
    case 1:
      ok = gr_inspection_set_reading (draft, "B-02", GR_READING_MOISTURE, (i % 900) / 10.0, &error);
      break;
    case 2:
      {
        g_autofree char *note = g_strdup_printf ("第%u次记录", i);
        ok = gr_inspection_set_reading_note (draft, "B-01", note, &error);
      }
      break;
    default:
      ok = gr_inspection_set_quantity (draft, "B-01", GR_QUANTITY_MEASURED, 1000 + i, &error);
      break;
    }
  if (!ok)
    g_error ("step %u: %s", i, error->message);
}

static char *
stored_state (GrStore    *store,
              const char *id)
{
  g_autoptr(GrInspection) draft = NULL;
  g_autoptr(GError) error = NULL;
  GrReadingValues b1, b2;
  const GrRecord *reading;
  GrQuantityJudgement j = { .measured_kg = -1 };
  const char *note;

  draft = gr_inspection_open (store, standards, id, TODAY, &error);
  g_assert_no_error (error);
  gr_inspection_get_reading_values (draft, "B-01", &b1);
  gr_inspection_get_reading_values (draft, "B-02", &b2);
  reading = gr_inspection_get_reading (draft, "B-01");
  note = reading ? gr_record_get_text (reading, "note") : NULL;
  {
    const GrValue *checks = gr_record_get (gr_inspection_get_record (draft), "quantity_checks");

    if (checks->type == GR_VALUE_CHILDREN && checks->children->len > 0)
      j.measured_kg = gr_record_get (checks->children->pdata[0], "measured_t")->i;
  }
  return g_strdup_printf ("%g|%g|%s|%" G_GINT64_FORMAT, b1.temp_max_c, b2.moisture_pct, note ? note : "", j.measured_kg);
}

/* DESIGN.md §9: a kill at any point of an edit loses nothing that was
 * acknowledged. A child types in a loop and reports each step once its
 * setter returned; it is killed at some point; the database then holds
 * the state after the last acknowledged step, or after the next one
 * (committed but not yet reported), and passes integrity_check. */
static void
test_kill_while_typing (void)
{
  g_autofree char *path = NULL;
  g_autofree char *id = NULL;
  int pipe_fds[2];
  guint rounds = 3;

  {
    g_autoptr(GrStore) store = test_city_store ();
    g_autoptr(GrInspection) draft = new_draft (store);

    path = g_strdup (gr_store_get_path (store));
    id = g_strdup (gr_inspection_get_id (draft));
  }

  for (guint round = 0; round < rounds; round++)
    {
      g_autoptr(GrStore) store = NULL;
      g_autofree char *integrity = NULL;
      g_autofree char *state = NULL;
      g_autofree char *after_last = NULL;
      g_autofree char *after_next = NULL;
      guint acked = 0, base;
      char buffer[64];
      GString *line = g_string_new (NULL);
      pid_t pid;
      int status;

      g_assert_cmpint (pipe (pipe_fds), ==, 0);
      /* Each round starts where the last one left off. */
      base = round * 100000;
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          GrStore *child_store;
          GrInspection *draft;

          close (pipe_fds[0]);
          child_store = gr_store_open (path, NULL);
          draft = child_store ? gr_inspection_open (child_store, standards, id, TODAY, NULL) : NULL;
          if (draft == NULL)
            _exit (2);
          for (guint i = base; ; i++)
            {
              char ack[32];
              int n;

              apply_step (draft, i);
              n = g_snprintf (ack, sizeof ack, "%u\n", i);
              if (write (pipe_fds[1], ack, n) != n)
                _exit (3);
            }
        }
      close (pipe_fds[1]);

      /* Let it type a while: a different number of steps each round. */
      while (acked < 40 + round * 37)
        {
          ssize_t n = read (pipe_fds[0], buffer, sizeof buffer);

          g_assert_cmpint (n, >, 0);
          for (ssize_t k = 0; k < n; k++)
            {
              if (buffer[k] != '\n')
                {
                  g_string_append_c (line, buffer[k]);
                  continue;
                }
              acked = (guint) g_ascii_strtoull (line->str, NULL, 10) - base + 1;
              g_string_truncate (line, 0);
            }
        }
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      /* Acknowledgements written before the kill and not yet read. */
      for (;;)
        {
          ssize_t n = read (pipe_fds[0], buffer, sizeof buffer);

          if (n <= 0)
            break;
          for (ssize_t k = 0; k < n; k++)
            {
              if (buffer[k] != '\n')
                {
                  g_string_append_c (line, buffer[k]);
                  continue;
                }
              acked = (guint) g_ascii_strtoull (line->str, NULL, 10) - base + 1;
              g_string_truncate (line, 0);
            }
        }
      close (pipe_fds[0]);
      g_string_free (line, TRUE);

      store = test_open_store (path);
      integrity = query_text (store, "PRAGMA integrity_check");
      g_assert_cmpstr (integrity, ==, "ok");
      g_assert_cmpint (query_int (store, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
      state = stored_state (store, id);
      /* Each field is written every four steps and a round is longer
       * than eight, so the last eight steps before the end tell it all. */
      for (guint extra = 0; extra < 2; extra++)
        {
          guint end = base + acked + extra;
          double max = NAN, moisture = NAN;
          g_autofree char *note = NULL;
          gint64 measured = -1;

          for (guint i = end - 8; i < end; i++)
            switch (i % 4)
              {
              case 0: max = (i % 500) / 10.0; break;
              case 1: moisture = (i % 900) / 10.0; break;
              case 2: g_free (note); note = g_strdup_printf ("第%u次记录", i); break;
              default: measured = 1000 + i; break;
              }
          *(extra == 0 ? &after_last : &after_next) =
            g_strdup_printf ("%g|%g|%s|%" G_GINT64_FORMAT, max, moisture, note ? note : "", measured);
        }
      if (g_strcmp0 (state, after_last) != 0 && g_strcmp0 (state, after_next) != 0)
        g_error ("round %u: after %u acknowledged steps the database holds “%s”, expected “%s” or “%s”",
                 round, acked, state, after_last, after_next);
      g_test_message ("round %u: %u steps acknowledged, state %s", round, acked,
                      g_strcmp0 (state, after_last) == 0 ? "as acknowledged" : "one step further");
    }
}

/* ---- History and coverage ----------------------------------------------- */

static void
test_history_and_coverage (void)
{
  g_autoptr(GrStore) store = test_city_store ();
  g_autoptr(GrInspection) a = new_draft (store);
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) coverage = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *quarter = gr_quarter_before ("2026-11-30");
  const char *names[] = { "王芳", NULL };
  GrReadingPoint *p;

  g_assert_cmpstr (quarter, ==, "2026-08-30");
  g_clear_pointer (&quarter, g_free);
  quarter = gr_quarter_before ("2026-05-31");
  g_assert_cmpstr (quarter, ==, "2026-02-28");

  g_assert_true (gr_inspection_set_inspectors (a, names, &error));
  g_assert_true (gr_inspection_set_reading (a, "B-01", GR_READING_TEMP_AVG, 19.5, &error));
  g_assert_true (gr_inspection_set_reading (a, "B-01", GR_READING_MOISTURE, 13.0, &error));
  g_assert_true (gr_inspection_sign (a, "李建国", TODAY, &error));
  g_assert_no_error (error);

  /* The fixture's I-01 (2026-05-12) and ours (2026-06-08), oldest first. */
  history = gr_bin_reading_history (store, "B-01", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  p = history->pdata[0];
  g_assert_cmpstr (p->date, ==, "2026-05-12");
  g_assert_cmpfloat (p->temp_avg_c, ==, 18.2);
  g_assert_cmpfloat (p->temp_max_c, ==, 21.5);
  g_assert_cmpstr (p->pest_class, ==, "basically_free");
  p = history->pdata[1];
  g_assert_cmpstr (p->date, ==, "2026-06-08");
  g_assert_cmpfloat (p->temp_avg_c, ==, 19.5);
  g_assert_true (isnan (p->temp_max_c));
  g_clear_pointer (&history, g_ptr_array_unref);
  history = gr_bin_reading_history (store, "B-01", 1, &error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_cmpstr (((GrReadingPoint *) history->pdata[0])->date, ==, "2026-06-08");

  /* Bins holding grain: P01 read on 2026-06-08, P02 never, Y01 never. */
  coverage = gr_inspection_coverage (store, NULL, TODAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (coverage->len, ==, 3);
  for (guint i = 0; i < coverage->len; i++)
    {
      GrBinCoverage *c = coverage->pdata[i];

      if (g_strcmp0 (c->bin, "B-01") == 0)
        {
          g_assert_cmpstr (c->last_inspected, ==, "2026-06-08");
          g_assert_true (c->covered);
        }
      else
        {
          g_assert_null (c->last_inspected);
          g_assert_false (c->covered);
        }
    }
  /* Three months on, P01 is due again. */
  g_clear_pointer (&coverage, g_ptr_array_unref);
  coverage = gr_inspection_coverage (store, "D-01", "2026-09-09", &error);
  g_assert_cmpuint (coverage->len, ==, 2);
  g_assert_false (((GrBinCoverage *) coverage->pdata[0])->covered);
}


/* ---- The dataset ---------------------------------------------------------- */

/* The member array of an exported document, as canonical text. */
static char *
exported_array (const char *text,
                const char *member)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonNode *array;

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  array = json_object_get_member (json_node_get_object (json_parser_get_root (parser)), member);
  g_assert_nonnull (array);
  json_generator_set_root (generator, array);
  return json_generator_to_data (generator, NULL);
}

/* DESIGN.md §7: inspections (drafts, signed records, corrections, with
 * readings, stock checks, checklist, findings and photos) and finding
 * closures leave in the export and come back the same, in JSON and NDJSON. */
static void
test_dataset_round_trip (void)
{
  g_autoptr(GrStore) store = test_city_store ();
  g_autoptr(GrStore) copy = test_new_store ();
  g_autoptr(GrStore) ndjson_copy = test_new_store ();
  g_autoptr(GrInspection) signed_ = new_draft (store);
  g_autoptr(GrInspection) correction = NULL;
  g_autoptr(GrInspection) draft = new_draft (store);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (gr_store_get_path (store));
  g_autofree char *photo = g_build_filename (dir, "photo.png", NULL);
  g_autofree char *first = NULL, *second = NULL, *ndjson = NULL, *third = NULL;
  const char *names[] = { "王芳", NULL };

  fill_draft (signed_);
  g_assert_true (g_file_set_contents (photo, (const char *) png, sizeof png, NULL));
  g_assert_true (gr_inspection_add_photo (signed_, photo, NULL, &error));
  g_assert_true (gr_inspection_set_dangerous_pests (signed_, "B-02", TRUE, &error));
  g_assert_true (gr_inspection_add_finding (signed_, "防汛沙袋不足", "critical", "2026-06-20", NULL, &error));
  g_assert_true (gr_inspection_sign (signed_, "李建国", TODAY, &error));
  correction = gr_inspection_correct (store, standards, gr_inspection_get_id (signed_), TODAY, &error);
  g_assert_true (gr_inspection_set_reading (correction, "B-01", GR_READING_AIRTIGHTNESS, 245, &error));
  g_assert_true (gr_inspection_sign (correction, "李建国", TODAY, &error));
  g_assert_true (gr_finding_close (store, gr_inspection_get_id (correction), "F1", TODAY, "李建国", "沙袋已补齐", TODAY,
                                   NULL, &error));
  g_assert_true (gr_inspection_set_inspectors (draft, names, &error));
  g_assert_true (gr_inspection_set_reading (draft, "B-02", GR_READING_TEMP_AVG, 14.5, &error));
  g_assert_no_error (error);

  first = test_export (store, FALSE);
  test_import_ok (copy, first, NULL);
  second = test_export (copy, FALSE);
  {
    g_autofree char *a = exported_array (first, "inspections");
    g_autofree char *b = exported_array (second, "inspections");
    g_autofree char *c = exported_array (first, "finding_closures");
    g_autofree char *d = exported_array (second, "finding_closures");

    g_assert_cmpstr (a, ==, b);
    g_assert_cmpstr (c, ==, d);
    g_assert_nonnull (strstr (a, "\"pest_class\":\"dangerous\""));
    g_assert_nonnull (strstr (a, "\"corrects\":"));
    g_assert_nonnull (strstr (a, "\"measured_t\":2990"));
    g_assert_nonnull (strstr (a, "\"fire_safety\":\"fail\""));
  }
  /* Importing it again changes nothing. */
  {
    g_autofree char *before = test_fingerprint (copy);
    g_autofree char *after = NULL;

    test_import_ok (copy, first, NULL);
    after = test_fingerprint (copy);
    g_assert_cmpstr (before, ==, after);
  }
  g_assert_cmpint (query_int (copy, "SELECT count(*) FROM inspections"), ==, 4);
  g_assert_cmpint (query_int (copy, "SELECT count(*) FROM finding_closures"), ==, 2);

  /* The same through NDJSON. */
  ndjson = test_export (store, TRUE);
  test_import_ok (ndjson_copy, ndjson, NULL);
  third = test_export (ndjson_copy, FALSE);
  {
    g_autofree char *a = exported_array (first, "inspections");
    g_autofree char *b = exported_array (third, "inspections");

    g_assert_cmpstr (a, ==, b);
  }

  /* A signed inspection is frozen for import too; a draft may change. */
  {
    g_autofree char *changed = g_strdup_printf (DATASET_HEAD "\"inspections\": [{\"id\": \"%s\", \"depot\": \"D-01\","
                                                " \"date\": \"2026-06-08\", \"kind\": \"routine\","
                                                " \"signed_by\": [\"王芳\"], \"signed_on\": \"2026-06-10\"}]}",
                                                gr_inspection_get_id (signed_));
    g_autofree char *redraft = g_strdup_printf (DATASET_HEAD "\"inspections\": [{\"id\": \"%s\", \"depot\": \"D-01\","
                                                " \"date\": \"2026-06-09\", \"kind\": \"routine\"}]}",
                                                gr_inspection_get_id (draft));

    test_assert_refused (copy, changed, -1, "~a recorded inspection cannot be changed, so record a correction");
    test_import_ok (copy, redraft, NULL);
    g_assert_cmpint (query_int (copy, "SELECT count(*) FROM inspections WHERE date = '2026-06-09'"), ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  standards = gr_standards_load (&error);
  g_assert_no_error (error);

  g_test_add_func ("/inspection/gb-t-29890/pest-classes", test_pest_classes);
  g_test_add_func ("/inspection/gb-t-29890/temperature-alarms", test_temperature_alarms);
  g_test_add_func ("/inspection/safe-moisture-alarms", test_moisture_alarms);
  g_test_add_func ("/inspection/pest-alarm", test_pest_alarm);
  g_test_add_func ("/inspection/quantity-tolerance", test_quantity_tolerance);
  g_test_add_func ("/inspection/draft-saved", test_draft_saved);
  g_test_add_func ("/inspection/bad-input", test_bad_input);
  g_test_add_func ("/inspection/nanchang-48/sign-and-freeze", test_sign_and_freeze);
  g_test_add_func ("/inspection/findings-life-cycle", test_findings_life_cycle);
  g_test_add_func ("/inspection/photos", test_photos);
  g_test_add_func ("/inspection/kill-while-typing", test_kill_while_typing);
  g_test_add_func ("/inspection/history-and-coverage", test_history_and_coverage);
  g_test_add_func ("/inspection/dataset-round-trip", test_dataset_round_trip);
  ret = g_test_run ();
  gr_standards_unref (standards);
  return ret;
}
