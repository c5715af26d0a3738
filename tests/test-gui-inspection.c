/* test-gui-inspection.c: the inspection form and the Inspections page on
 * the city demo (seed 1, today 2026-11-25), values read back from the
 * widgets and the database
 *
 * Depot dep-01 清远市粮食储备库（龙塘库区）: bin-01-03 is P03, 准低温储藏, with
 * 中晚籼稻 (safe moisture 13.5 %, GB 1350-2009); bin-01-06 is P06, 低温储藏.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "gr-demo.h"
#include "gr-format.h"
#include "gr-gui-test.h"
#include "gr-inspection-judge.h"
#include "gr-inspection-list.h"
#include "gr-inspection-window.h"
#include "gr-inspections-page.h"
#include "gr-store.h"

#define TODAY "2026-11-25"

static void
make_demo (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrStore) store = gr_store_open (db_path, &error);

  g_assert_no_error (error);
  g_assert_true (gr_demo_generate (store, GR_DEMO_CITY, 1, 1.0, TODAY, NULL, NULL, &error));
  g_assert_no_error (error);
}

static gint64
query_int (const char *db_path,
           const char *sql)
{
  g_autofree char *text = gr_gui_query_text (db_path, sql);

  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

/* ---- The form ------------------------------------------------------------- */

typedef struct {
  GrInspectionWindow *form;
  const char         *view;
} FormWait;

static gboolean
form_shows (gpointer data)
{
  FormWait *wait = data;

  return g_strcmp0 (gr_inspection_window_get_view (wait->form), wait->view) == 0 &&
         gtk_widget_get_sensitive (GTK_WIDGET (wait->form));
}

static gboolean
form_view (GrInspectionWindow *form,
           const char         *view)
{
  FormWait wait = { form, view };

  return gr_gui_wait (form_shows, &wait, 20000);
}

static gboolean
saved (gpointer data)
{
  GrInspectionSaver *saver = gr_inspection_window_get_saver (data);

  return saver != NULL && !gr_inspection_saver_get_busy (saver);
}

/* Types text into an editable and leaves it, as a person would. */
static void
type (GtkEditable *editable,
      const char  *text)
{
  g_assert_nonnull (editable);
  gtk_editable_set_text (editable, text);
}

static void
commit_and_wait (GrInspectionWindow *form)
{
  gr_inspection_window_commit_all (form);
  g_assert_true (gr_gui_wait (saved, form, 20000));
}

static char *
draft_value (const char *db_path,
             const char *column,
             const char *table,
             const char *bin)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s x JOIN inspections i ON i.id = x.parent"
                                          " WHERE i.signed_on IS NULL AND x.bin = '%s'", column, table, bin);

  return gr_gui_query_text (db_path, sql);
}

static gboolean
signed_now (gpointer data)
{
  return gr_inspection_window_get_signed (data);
}

static void
test_form (GrGuiFixture  *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrStandards) standards = gr_standards_load (&error);
  GrInspectionWindow *form;
  GrWindow *window;
  GtkEditable *entry;
  const char *alarms;
  g_autofree char *value = NULL;
  g_autofree char *id = NULL;
  g_autofree char *today = gr_today_iso ();
  g_autofree char *expected_book = NULL;
  int min_width, min_height;
  AdwMessageDialog *dialog;

  g_assert_no_error (error);
  make_demo (fixture->db_path);
  window = gr_gui_open_window (fixture, "inspections");
  g_assert_true (gr_gui_wait_view (window, "shell"));

  /* A new inspection of dep-01: the start page, then the form. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-inspection", "s", "dep-01");
  form = GR_INSPECTION_WINDOW (gr_gui_find_toplevel (GR_TYPE_INSPECTION_WINDOW));
  g_assert_nonnull (form);
  g_assert_true (form_view (form, "start"));
  type (gr_inspection_window_get_general_entry (form, "start_date"), TODAY);
  g_signal_emit_by_name (gr_inspection_window_get_general_entry (form, "start_date"), "entry-activated");
  g_assert_true (form_view (form, "form"));
  id = g_strdup (gr_inspection_window_get_id (form));
  g_assert_nonnull (id);
  g_assert_cmpint (query_int (fixture->db_path, "SELECT count(*) FROM inspections WHERE signed_on IS NULL"), ==, 1);

  /* It fits a 1366×768 laptop: nothing asks for more, the rest scrolls. */
  gtk_widget_measure (GTK_WIDGET (form), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (form), GTK_ORIENTATION_VERTICAL, 1366, &min_height, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 1366);
  g_assert_cmpint (min_height, <=, 768);
  {
    int width, height;

    gtk_window_get_default_size (GTK_WINDOW (form), &width, &height);
    g_assert_cmpint (width, <=, 1366);
    g_assert_cmpint (height, <=, 768 - 48);
  }

  /* P03, 准低温: 20.6 °C average and 26.1 °C at most pass GB/T 29890's
   * 20 and 25 °C; 13.9 % moisture passes 籼稻's 13.5 %; 8 pests of which 3
   * main is 一般虫粮. Judged as typed, before anything is saved. */
  type (gr_inspection_window_get_reading_entry (form, "bin-01-03", GR_READING_TEMP_MAX), "26.1");
  type (gr_inspection_window_get_reading_entry (form, "bin-01-03", GR_READING_TEMP_AVG), "20.6");
  type (gr_inspection_window_get_reading_entry (form, "bin-01-03", GR_READING_TEMP_MIN), "15.2");
  type (gr_inspection_window_get_reading_entry (form, "bin-01-03", GR_READING_MOISTURE), "13.9");
  type (gr_inspection_window_get_reading_entry (form, "bin-01-03", GR_READING_PESTS), "8");
  type (gr_inspection_window_get_reading_entry (form, "bin-01-03", GR_READING_MAIN_PESTS), "3");
  type (gr_inspection_window_get_reading_entry (form, "bin-01-03", -1), "东北角表层发现少量玉米象");
  g_assert_cmpstr (gr_inspection_window_get_pest_class_text (form, "bin-01-03"), ==, gr_pest_class_name ("general"));
  alarms = gr_inspection_window_get_alarms_text (form, "bin-01-03");
  g_assert_nonnull (strstr (alarms, "Average grain temperature 20.6 °C above 20 °C"));
  g_assert_nonnull (strstr (alarms, "Highest grain temperature 26.1 °C above 25 °C"));
  g_assert_nonnull (strstr (alarms, "Moisture 13.9 % above the safe 13.5 %"));
  /* The dangerous-pest box makes it 危险虫粮 at once. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (gr_inspection_window_get_dangerous_check (form, "bin-01-03")), TRUE);
  g_assert_cmpstr (gr_inspection_window_get_pest_class_text (form, "bin-01-03"), ==, gr_pest_class_name ("dangerous"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (gr_inspection_window_get_dangerous_check (form, "bin-01-03")), FALSE);
  g_assert_cmpstr (gr_inspection_window_get_pest_class_text (form, "bin-01-03"), ==, gr_pest_class_name ("general"));

  /* A pause in typing saves: nothing committed by hand here. */
  g_assert_true (gr_gui_wait (saved, form, 20000));
  gr_gui_spin (900);
  g_assert_true (gr_gui_wait (saved, form, 20000));
  value = draft_value (fixture->db_path, "grain_temp_avg_c || ' ' || moisture_pct || ' ' || pest_class || ' ' || note",
                       "inspection_readings", "bin-01-03");
  g_assert_cmpstr (value, ==, "20.6 13.9 general 东北角表层发现少量玉米象");
  g_clear_pointer (&value, g_free);

  /* Enter moves on to the next field. */
  entry = gr_inspection_window_get_reading_entry (form, "bin-01-03", GR_READING_TEMP_AVG);
  gtk_widget_grab_focus (GTK_WIDGET (entry));
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (gr_inspection_window_get_reading_entry (form, "bin-01-03",
                                                                                            GR_READING_TEMP_MIN))) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (form)),
                                         GTK_WIDGET (gr_inspection_window_get_reading_entry (form, "bin-01-03",
                                                                                             GR_READING_TEMP_MIN))));

  /* Bad input: one line, the field marked, nothing written. */
  type (gr_inspection_window_get_reading_entry (form, "bin-01-03", GR_READING_MOISTURE), "120");
  commit_and_wait (form);
  g_assert_cmpstr (gr_inspection_window_get_error_text (form), ==,
                   "Bin P03: moisture 120 % is out of range (0 to 100 %)");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (gr_inspection_window_get_reading_entry (form, "bin-01-03",
                                                                                               GR_READING_MOISTURE)),
                                           "error"));
  value = draft_value (fixture->db_path, "moisture_pct", "inspection_readings", "bin-01-03");
  g_assert_cmpstr (value, ==, "13.9");
  g_clear_pointer (&value, g_free);
  type (gr_inspection_window_get_reading_entry (form, "bin-01-03", GR_READING_TEMP_MIN), "-300");
  commit_and_wait (form);
  g_assert_cmpstr (gr_inspection_window_get_error_text (form), ==,
                   "Bin P03: lowest grain temperature -300 °C is out of range (-60 to 100 °C)");
  type (gr_inspection_window_get_reading_entry (form, "bin-01-03", GR_READING_PESTS), "many");
  commit_and_wait (form);
  g_assert_cmpstr (gr_inspection_window_get_error_text (form), ==, "Bin P03: Pests /kg: “many” is not a number");
  type (gr_inspection_window_get_reading_entry (form, "bin-01-03", GR_READING_MOISTURE), "13.9");
  type (gr_inspection_window_get_reading_entry (form, "bin-01-03", GR_READING_TEMP_MIN), "15.2");
  type (gr_inspection_window_get_reading_entry (form, "bin-01-03", GR_READING_PESTS), "8");
  type (gr_inspection_window_get_general_entry (form, "date"), "2099-01-01");
  commit_and_wait (form);
  g_assert_nonnull (strstr (gr_inspection_window_get_error_text (form), "is in the future"));
  type (gr_inspection_window_get_general_entry (form, "date"), TODAY);
  commit_and_wait (form);

  /* The stock check: the books come from the ledger at the date. */
  expected_book = gr_gui_query_text (fixture->db_path, "SELECT SUM (m.delta_kg) FROM movements m JOIN lots l"
                                                       " ON l.id = m.lot WHERE l.bin = 'bin-01-01' AND m.date <= '" TODAY "'");
  type (gr_inspection_window_get_quantity_entry (form, "bin-01-01", GR_QUANTITY_MEASURED), "6008.4");
  commit_and_wait (form);
  value = draft_value (fixture->db_path, "measured_kg || ' ' || book_kg", "inspection_quantity_checks", "bin-01-01");
  {
    g_autofree char *expected = g_strdup_printf ("6008400 %s", expected_book);
    g_assert_cmpstr (value, ==, expected);
  }
  g_clear_pointer (&value, g_free);
  g_assert_cmpstr (gr_inspection_window_get_quantity_text (form, "bin-01-01"), ==, "Books match (within 3 %)");

  /* Inspectors, a checklist answer and a finding. */
  type (gr_inspection_window_get_general_entry (form, "inspectors"), "梁光明、李卫国");
  gtk_toggle_button_set_active (gr_inspection_window_get_check_toggle (form, "fire_safety", "fail"), TRUE);
  gtk_toggle_button_set_active (gr_inspection_window_get_check_toggle (form, "books_match_stock", "pass"), TRUE);
  commit_and_wait (form);
  value = gr_gui_query_text (fixture->db_path, "SELECT inspectors || ' ' || checklist FROM inspections WHERE signed_on IS NULL");
  g_assert_cmpstr (value, ==, "[\"梁光明\", \"李卫国\"] {\"fire_safety\": \"fail\", \"books_match_stock\": \"pass\"}");
  g_clear_pointer (&value, g_free);

  /* Sign-off by the inspectors and the depot (Nanchang 第四十八条). */
  type (gr_inspection_window_get_general_entry (form, "representative"), "张建国");
  type (gr_inspection_window_get_general_entry (form, "signed_on"), today);
  gtk_widget_activate_action (GTK_WIDGET (form), "inspection.sign", NULL);
  dialog = gr_gui_find_message_dialog (GTK_WINDOW (form));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "sign");
  g_assert_true (gr_gui_wait (signed_now, form, 20000));
  value = gr_gui_query_text (fixture->db_path, "SELECT signed_by FROM inspections WHERE signed_on IS NOT NULL"
                                               " ORDER BY rowid DESC LIMIT 1");
  g_assert_cmpstr (value, ==, "[\"梁光明\", \"李卫国\", \"张建国\"]");
  g_clear_pointer (&value, g_free);
  /* Frozen: the fields are read-only and the correction is offered. */
  g_assert_false (gtk_editable_get_editable (gr_inspection_window_get_reading_entry (form, "bin-01-03",
                                                                                     GR_READING_MOISTURE)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gr_gui_find_button (GTK_WIDGET (form), "inspection.correct"))));
  g_assert_cmpint (query_int (fixture->db_path, "SELECT count(*) FROM inspections WHERE signed_on IS NULL"), ==, 0);
  gtk_window_close (GTK_WINDOW (form));
}

/* ---- The page ------------------------------------------------------------- */

static gboolean
page_loaded (gpointer data)
{
  return gr_inspections_page_get_n_loads (data) > 0;
}

typedef struct {
  GrInspectionsPage *page;
  guint              n;
  gboolean           history;
} CountWait;

static gboolean
count_passed (gpointer data)
{
  CountWait *wait = data;

  return (wait->history ? gr_inspections_page_get_n_histories (wait->page) : gr_inspections_page_get_n_loads (wait->page))
         > wait->n;
}

static gboolean
page_idle (gpointer data)
{
  return !gr_inspections_page_get_busy (data);
}

/* The table's first row shows the first inspection's values (filled
 * again when a refresh keeps the row's widgets). */
static void
assert_first_row_shown (GrInspectionsPage *page)
{
  g_assert_true (gr_gui_wait (page_idle, page, 20000));
  gr_gui_spin (100);
  for (guint c = 0; c < 6; c++)
    {
      g_autofree char *shown = gr_inspections_page_dup_shown_cell (page, 0, c);
      g_autofree char *text = gr_inspections_page_dup_cell (page, 0, c);

      g_assert_nonnull (shown);
      g_assert_cmpstr (shown, ==, text);
    }
}

/* Opens or closes a drop-down's popup as a click on it does. */
static void
pop_up (GtkDropDown *dropdown,
        gboolean     up)
{
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (dropdown));

  g_assert_true (GTK_IS_TOGGLE_BUTTON (button));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), up);
  gr_gui_spin (100);
}

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row; row = gtk_widget_get_next_sibling (row))
    n++;
  return n;
}

static void
test_page (GrGuiFixture  *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) coverage = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) history = NULL;
  GrInspectionsPage *page;
  GrWindow *window;
  GrChartData *chart;
  GrThresholdLayer *lines;
  CountWait wait;
  guint holding = 0, covered = 0;

  make_demo (fixture->db_path);
  {
    g_autoptr(GrStore) store = gr_store_open (fixture->db_path, &error);

    g_assert_no_error (error);
    open = gr_open_findings (store, NULL, TODAY, &error);
    coverage = gr_inspection_coverage (store, NULL, TODAY, &error);
    list = gr_inspection_list (store, NULL, &error);
    g_assert_no_error (error);
  }
  for (guint i = 0; i < coverage->len; i++)
    {
      GrBinCoverage *c = coverage->pdata[i];

      holding += c->holding;
      covered += c->holding && c->covered;
    }
  /* The demo leaves the last bin of four depots out lately. */
  g_assert_cmpuint (covered, <, holding);
  g_assert_cmpuint (holding - covered, >=, 4);
  g_assert_cmpuint (open->len, >, 0);

  window = gr_gui_open_window (fixture, "inspections");
  page = gr_window_get_inspections_page (window);
  gr_inspections_page_set_today (page, TODAY);
  g_assert_true (gr_gui_wait_view (window, "shell"));
  g_assert_true (gr_gui_wait (page_loaded, page, 20000));
  gr_gui_spin (100);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));

  /* Tiles: open findings, the quarter's coverage, drafts. */
  g_assert_cmpfloat (gr_kpi_tile_get_value (gr_inspections_page_get_tile (page, 1)), ==, open->len);
  g_assert_cmpfloat_with_epsilon (gr_kpi_tile_get_value (gr_inspections_page_get_tile (page, 2)),
                                  (double) covered / holding, 1e-12);
  g_assert_cmpfloat (gr_kpi_tile_get_value (gr_inspections_page_get_tile (page, 3)), ==, 0);

  /* Open findings, the most overdue first. */
  g_assert_cmpuint (n_rows (gr_inspections_page_get_findings_list (page)), ==, MIN (open->len, 6));
  {
    AdwPreferencesRow *row = ADW_PREFERENCES_ROW (gtk_widget_get_first_child (GTK_WIDGET (gr_inspections_page_get_findings_list (page))));

    g_assert_cmpstr (adw_preferences_row_get_title (row), ==, ((GrOpenFinding *) open->pdata[0])->text);
  }
  for (guint i = 1; i < open->len; i++)
    g_assert_cmpint (((GrOpenFinding *) open->pdata[i - 1])->days_overdue, >=,
                     ((GrOpenFinding *) open->pdata[i])->days_overdue);
  /* Bins not covered this quarter are listed. */
  g_assert_cmpuint (n_rows (gr_inspections_page_get_coverage_list (page)), ==, MIN (coverage->len - covered, 6));

  /* Every inspection is a row; none is a draft. */
  g_assert_cmpuint (gr_inspections_page_get_n_rows (page), ==, list->len);
  {
    g_autofree char *state = gr_inspections_page_dup_cell (page, 0, 5);
    g_autofree char *kind = gr_inspections_page_dup_cell (page, 0, 2);

    g_assert_cmpstr (state, ==, "Signed");
    g_assert_nonnull (kind);
  }
  assert_first_row_shown (page);

  /* A bin's readings: the first bin with readings, 佛冈县汤塘粮库 P01 or
   * whichever the list starts with, at most 12 points. */
  g_assert_nonnull (gr_inspections_page_get_bin (page));
  {
    g_autoptr(GrStore) store = gr_store_open (fixture->db_path, &error);

    history = gr_bin_reading_history (store, gr_inspections_page_get_bin (page), 12, &error);
    g_assert_no_error (error);
  }
  chart = gr_chart_get_data (gr_inspections_page_get_temperature_chart (page));
  g_assert_cmpuint (gr_chart_data_get_n_categories (chart), ==, history->len);
  g_assert_cmpuint (gr_chart_data_get_n_series (chart), ==, 3);
  g_assert_cmpfloat (gr_chart_data_get_value (chart, 1, history->len - 1), ==,
                     ((GrReadingPoint *) history->pdata[history->len - 1])->temp_avg_c);

  /* The drop-downs hold the chosen label alone until opened; opened, the
   * whole list, the choice kept and nothing read again. */
  {
    GtkDropDown *depots = gr_inspections_page_get_depot_dropdown (page);
    GtkDropDown *bins = gr_inspections_page_get_bin_dropdown (page);
    guint loads = gr_inspections_page_get_n_loads (page);
    gint64 n_depots = query_int (fixture->db_path, "SELECT count(*) FROM depots WHERE deleted = 0");
    gint64 n_bins = query_int (fixture->db_path, "SELECT count(DISTINCT r.bin) FROM inspection_readings r"
                                                 " JOIN bins b ON b.id = r.bin WHERE b.deleted = 0");
    GtkStringObject *item;

    g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (depots)), ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (bins)), ==, 1);
    pop_up (depots, TRUE);
    g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (depots)), ==, n_depots + 1);
    g_assert_cmpuint (gtk_drop_down_get_selected (depots), ==, 0);
    item = gtk_drop_down_get_selected_item (depots);
    g_assert_cmpstr (gtk_string_object_get_string (item), ==, "All depots");
    pop_up (depots, FALSE);
    pop_up (bins, TRUE);
    g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (bins)), ==, MIN (n_bins, 500));
    item = gtk_drop_down_get_selected_item (bins);
    g_assert_nonnull (item);
    pop_up (bins, FALSE);
    g_assert_cmpuint (gr_inspections_page_get_n_loads (page), ==, loads);
    g_assert_cmpuint (gr_inspections_page_get_n_histories (page), ==, 0);
    g_assert_cmpuint (gtk_drop_down_get_selected (bins), !=, GTK_INVALID_LIST_POSITION);
  }

  /* dep-01 opens on P03, its first bin kept under a temperature limit
   * (准低温): GB/T 29890's 20 and 25 °C as threshold lines, its moisture
   * against 籼稻's 13.5 % (GB 1350-2009). */
  gr_inspections_page_select_depot (page, "dep-01");
  wait = (CountWait) { page, gr_inspections_page_get_n_loads (page), FALSE };
  g_assert_true (gr_gui_wait (count_passed, &wait, 20000));
  g_assert_cmpstr (gr_inspections_page_get_bin (page), ==, "bin-01-03");
  lines = GR_THRESHOLD_LAYER (gr_chart_find_layer (gr_inspections_page_get_temperature_chart (page),
                                                    GR_TYPE_THRESHOLD_LAYER));
  g_assert_cmpuint (gr_threshold_layer_get_n_lines (lines), ==, 2);
  lines = GR_THRESHOLD_LAYER (gr_chart_find_layer (gr_inspections_page_get_moisture_chart (page),
                                                    GR_TYPE_THRESHOLD_LAYER));
  g_assert_cmpuint (gr_threshold_layer_get_n_lines (lines), ==, 1);
  chart = gr_chart_get_data (gr_inspections_page_get_moisture_chart (page));
  g_assert_cmpuint (gr_chart_data_get_n_series (chart), ==, 1);
  g_assert_cmpuint (gr_chart_data_get_n_categories (chart), ==, 12);
  /* P06 (低温, 大米): 15 and 20 °C; no safe moisture is held for rice. */
  wait = (CountWait) { page, gr_inspections_page_get_n_histories (page), TRUE };
  gr_inspections_page_select_bin (page, "bin-01-06");
  g_assert_true (gr_gui_wait (count_passed, &wait, 20000));
  g_assert_cmpstr (gr_inspections_page_get_bin (page), ==, "bin-01-06");
  lines = GR_THRESHOLD_LAYER (gr_chart_find_layer (gr_inspections_page_get_temperature_chart (page),
                                                    GR_TYPE_THRESHOLD_LAYER));
  g_assert_cmpuint (gr_threshold_layer_get_n_lines (lines), ==, 2);
  lines = GR_THRESHOLD_LAYER (gr_chart_find_layer (gr_inspections_page_get_moisture_chart (page),
                                                    GR_TYPE_THRESHOLD_LAYER));
  g_assert_cmpuint (gr_threshold_layer_get_n_lines (lines), ==, 0);
  g_assert_cmpuint (gr_inspections_page_get_n_rows (page), ==,
                    query_int (fixture->db_path, "SELECT count(*) FROM inspections WHERE depot = 'dep-01'"));
  /* Back to P03 as a person does: the popup opened, P03 picked. */
  {
    GtkDropDown *bins = gr_inspections_page_get_bin_dropdown (page);
    GListModel *model;
    guint p03 = GTK_INVALID_LIST_POSITION;

    pop_up (bins, TRUE);
    model = gtk_drop_down_get_model (bins);
    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), "P03") == 0)
        p03 = i;
    g_assert_cmpuint (p03, !=, GTK_INVALID_LIST_POSITION);
    wait = (CountWait) { page, gr_inspections_page_get_n_histories (page), TRUE };
    gtk_drop_down_set_selected (bins, p03);
    pop_up (bins, FALSE);
    g_assert_true (gr_gui_wait (count_passed, &wait, 20000));
    g_assert_cmpstr (gr_inspections_page_get_bin (page), ==, "bin-01-03");
    lines = GR_THRESHOLD_LAYER (gr_chart_find_layer (gr_inspections_page_get_moisture_chart (page),
                                                      GR_TYPE_THRESHOLD_LAYER));
    g_assert_cmpuint (gr_threshold_layer_get_n_lines (lines), ==, 1);
  }
  assert_first_row_shown (page);
  {
    g_autofree char *depot = gr_inspections_page_dup_shown_cell (page, 0, 1);

    g_assert_cmpstr (depot, ==, "清远市粮食储备库（龙塘库区）");
  }

  /* Closing a finding (整改销号): it leaves the list, a closure is kept. */
  gr_inspections_page_select_depot (page, NULL);
  wait = (CountWait) { page, gr_inspections_page_get_n_loads (page), FALSE };
  g_assert_true (gr_gui_wait (count_passed, &wait, 20000));
  {
    gint64 closures = query_int (fixture->db_path, "SELECT count(*) FROM finding_closures");

    wait = (CountWait) { page, gr_inspections_page_get_n_loads (page), FALSE };
    gr_inspections_page_close_finding (page, 0, "李建国", TODAY, "已整改完毕");
    g_assert_true (gr_gui_wait (count_passed, &wait, 20000));
    g_assert_cmpint (query_int (fixture->db_path, "SELECT count(*) FROM finding_closures"), ==, closures + 1);
    g_assert_cmpfloat (gr_kpi_tile_get_value (gr_inspections_page_get_tile (page, 1)), ==, open->len - 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  if (!gr_gui_test_init ())
    {
      g_test_message ("No display: run the GUI tests under xvfb-run");
      return 77;
    }
  /* GUI tests share one X server: another test's window taking the X
   * focus deactivates ours without a focus-out reaching a blinking text
   * cursor, which GTK then warns about. Typing needs no blinking. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  g_test_add ("/gui/inspection/form", GrGuiFixture, NULL, gr_gui_fixture_setup, test_form, gr_gui_fixture_teardown);
  g_test_add ("/gui/inspection/page", GrGuiFixture, NULL, gr_gui_fixture_setup, test_page, gr_gui_fixture_teardown);
  return g_test_run ();
}
