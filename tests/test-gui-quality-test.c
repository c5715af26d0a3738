/* test-gui-quality-test.c: recording a quality test in the app, on the
 * city demo (seed 1, today 2026-11-25): the judgement follows what is
 * typed, impossible values are refused, and saving grades the lot
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "gr-demo.h"
#include "gr-grading-page.h"
#include "gr-gui-test.h"
#include "gr-quality-test-window.h"
#include "gr-store.h"
#include "gr-variety.h"

static GrQualityTestWindow *
find_dialog (void)
{
  GtkWindow *window = gr_gui_find_toplevel (GR_TYPE_QUALITY_TEST_WINDOW);

  return window ? GR_QUALITY_TEST_WINDOW (window) : NULL;
}

static gboolean
dialog_loaded (gpointer data)
{
  GrQualityTestWindow *dialog = find_dialog ();

  return dialog != NULL && gr_quality_test_window_get_loaded (dialog);
}

static gboolean
dialog_gone (gpointer data)
{
  return find_dialog () == NULL;
}

static gboolean
saved_once (gpointer data)
{
  GrQualityTestWindow *dialog = find_dialog ();

  return dialog == NULL || gr_quality_test_window_get_n_saves (dialog) > 0;
}

static GrQualityTestWindow *
open_dialog (GrWindow   *window,
             const char *lot)
{
  GrQualityTestWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.record-test", "s", lot));
  g_assert_true (gr_gui_wait (dialog_loaded, NULL, 20000));
  dialog = find_dialog ();
  g_assert_cmpstr (gr_quality_test_window_get_lot (dialog), ==, lot);
  return dialog;
}

static void
type (GtkEditable *editable,
      const char  *text)
{
  g_assert_nonnull (editable);
  gtk_editable_set_text (editable, text);
  gr_gui_spin (10);
}

static void
assert_grade (GrQualityTestWindow *dialog,
              const char          *variety,
              int                  grade)
{
  g_autofree char *expected = grade > 0 ? gr_variety_grade_name (variety, grade) : g_strdup ("substandard");

  g_assert_cmpstr (gr_quality_test_window_get_grade_text (dialog), ==, expected);
  g_assert_null (gr_quality_test_window_get_error_text (dialog));
}

static void
test_record_quality_test (GrGuiFixture  *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *indica = NULL;
  g_autofree char *japonica = NULL;
  g_autofree char *corn = NULL;
  g_autofree char *n_before = NULL;
  g_autofree char *n_after = NULL;
  g_autofree char *graded = NULL;
  g_autofree char *sql = NULL;
  GrQualityTestWindow *dialog;
  GrWindow *window;
  guint n_history;

  {
    g_autoptr(GrStore) store = gr_store_open (fixture->db_path, &error);

    g_assert_no_error (error);
    g_assert_true (gr_demo_generate (store, GR_DEMO_CITY, 1, 1.0, "2026-11-25", NULL, NULL, &error));
    g_assert_no_error (error);
  }
  indica = gr_gui_query_text (fixture->db_path, "SELECT id FROM lots WHERE deleted = 0 AND balance_kg > 0"
                                         " AND variety = 'paddy_late_indica' ORDER BY id LIMIT 1");
  japonica = gr_gui_query_text (fixture->db_path, "SELECT id FROM lots WHERE deleted = 0 AND variety = 'paddy_japonica'"
                                           " ORDER BY id LIMIT 1");
  corn = gr_gui_query_text (fixture->db_path, "SELECT id FROM lots WHERE deleted = 0 AND variety = 'corn' ORDER BY id LIMIT 1");
  g_assert_nonnull (indica);
  g_assert_nonnull (japonica);
  g_assert_nonnull (corn);

  window = gr_gui_open_window (fixture, "grading");
  g_assert_true (gr_gui_wait_view (window, "shell"));

  /* GB 1350-2009 籼稻谷 出糙率 79.0 / 77.0 / 75.0 / 73.0 / 71.0: at a
   * threshold and just below it, and under the last grade 等外. */
  dialog = open_dialog (window, indica);
  sql = g_strdup_printf ("SELECT count (*) FROM quality_tests WHERE lot = '%s' AND deleted = 0", indica);
  n_before = gr_gui_query_text (fixture->db_path, sql);
  n_history = gr_quality_test_window_get_n_history (dialog);
  g_assert_cmpuint (n_history, ==, g_ascii_strtoull (n_before, NULL, 10));
  g_assert_cmpuint (n_history, >, 0);
  g_assert_true (gr_quality_test_window_select_edition (dialog, "GB 1350-2009"));
  g_assert_false (gr_quality_test_window_select_edition (dialog, "GB 1353-2018"));
  /* Exactly the indicators of the variety: no 容重 for paddy. */
  g_assert_null (gr_quality_test_window_get_indicator (dialog, "test_weight_g_per_l"));
  g_assert_nonnull (gr_quality_test_window_get_indicator (dialog, "head_rice_yield_pct"));
  g_assert_nonnull (gr_quality_test_window_get_indicator (dialog, "fatty_acid_value"));
  g_assert_false (gr_quality_test_window_get_can_save (dialog));

  type (gr_quality_test_window_get_indicator (dialog, "husked_rice_yield_pct"), "79.0");
  assert_grade (dialog, "paddy_late_indica", 1);
  type (gr_quality_test_window_get_indicator (dialog, "husked_rice_yield_pct"), "78.9");
  assert_grade (dialog, "paddy_late_indica", 2);
  type (gr_quality_test_window_get_indicator (dialog, "husked_rice_yield_pct"), "77");
  assert_grade (dialog, "paddy_late_indica", 2);
  type (gr_quality_test_window_get_indicator (dialog, "husked_rice_yield_pct"), "75.0");
  assert_grade (dialog, "paddy_late_indica", 3);
  type (gr_quality_test_window_get_indicator (dialog, "husked_rice_yield_pct"), "74.9");
  assert_grade (dialog, "paddy_late_indica", 4);
  type (gr_quality_test_window_get_indicator (dialog, "husked_rice_yield_pct"), "70.9");
  assert_grade (dialog, "paddy_late_indica", 0);
  /* 水分 over 13.5 % fails a limit and lowers nothing. */
  type (gr_quality_test_window_get_indicator (dialog, "husked_rice_yield_pct"), "75.0");
  type (gr_quality_test_window_get_indicator (dialog, "moisture_pct"), "14.0");
  assert_grade (dialog, "paddy_late_indica", 3);
  g_assert_nonnull (strstr (gr_quality_test_window_get_judgement_text (dialog), "limits not met"));
  type (gr_quality_test_window_get_indicator (dialog, "moisture_pct"), "13.5");
  g_assert_nonnull (strstr (gr_quality_test_window_get_judgement_text (dialog), "limits met"));
  g_assert_null (strstr (gr_quality_test_window_get_judgement_text (dialog), "limits not met"));
  g_assert_nonnull (strstr (gr_quality_test_window_get_judgement_text (dialog), "GB 1350-2009"));

  /* A percentage over 100 is refused, and nothing can be saved. */
  type (gr_quality_test_window_get_indicator (dialog, "husked_rice_yield_pct"), "101");
  g_assert_cmpstr (gr_quality_test_window_get_error_text (dialog), ==,
                   "Husked rice yield cannot be 101 %: it must lie between 0 and 100 %");
  g_assert_false (gr_quality_test_window_get_can_save (dialog));
  type (gr_quality_test_window_get_indicator (dialog, "husked_rice_yield_pct"), "7x");
  g_assert_nonnull (gr_quality_test_window_get_error_text (dialog));
  g_assert_false (gr_quality_test_window_get_can_save (dialog));
  type (gr_quality_test_window_get_date_entry (dialog), "2026-02-30");
  type (gr_quality_test_window_get_indicator (dialog, "husked_rice_yield_pct"), "75.0");
  g_assert_false (gr_quality_test_window_get_can_save (dialog));

  /* Saved as of today, the latest test: the lot is 三等. */
  type (gr_quality_test_window_get_date_entry (dialog), "2026-11-25");
  g_assert_true (gr_quality_test_window_get_can_save (dialog));
  gr_quality_test_window_save (dialog);
  g_assert_true (gr_gui_wait (saved_once, NULL, 20000));
  g_assert_true (gr_gui_wait (dialog_gone, NULL, 5000));
  n_after = gr_gui_query_text (fixture->db_path, sql);
  g_assert_cmpuint (g_ascii_strtoull (n_after, NULL, 10), ==, g_ascii_strtoull (n_before, NULL, 10) + 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT grade || '/' || substandard FROM lots WHERE id = '%s'", indica);
  graded = gr_gui_query_text (fixture->db_path, sql);
  g_assert_cmpstr (graded, ==, "3/0");
  g_free (sql);
  sql = g_strdup_printf ("SELECT standard || ' ' || date || ' ' || json_extract (indicators, '$.husked_rice_yield_pct')"
                         " FROM quality_tests WHERE lot = '%s' ORDER BY rowid DESC LIMIT 1", indica);
  g_free (graded);
  graded = gr_gui_query_text (fixture->db_path, sql);
  g_assert_cmpstr (graded, ==, "GB 1350-2009 2026-11-25 75");

  /* The history now lists it. */
  dialog = open_dialog (window, indica);
  g_assert_cmpuint (gr_quality_test_window_get_n_history (dialog), ==, n_history + 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (gr_gui_wait (dialog_gone, NULL, 5000));

  /* GB 1350-2009 粳稻谷 一等 81.0 is unconfirmed: the judgement says so. */
  dialog = open_dialog (window, japonica);
  g_assert_true (gr_quality_test_window_select_edition (dialog, "GB 1350-2009"));
  type (gr_quality_test_window_get_indicator (dialog, "husked_rice_yield_pct"), "81.0");
  assert_grade (dialog, "paddy_japonica", 1);
  g_assert_nonnull (strstr (gr_quality_test_window_get_judgement_text (dialog), "(unconfirmed threshold)"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (gr_gui_wait (dialog_gone, NULL, 5000));

  /* Corn: 容重 grades (GB 1353-2018: 720 一等, 719 二等); 5,000 g/L is
   * refused. */
  dialog = open_dialog (window, corn);
  g_assert_true (gr_quality_test_window_select_edition (dialog, "GB 1353-2018"));
  g_assert_null (gr_quality_test_window_get_indicator (dialog, "husked_rice_yield_pct"));
  type (gr_quality_test_window_get_indicator (dialog, "test_weight_g_per_l"), "720");
  assert_grade (dialog, "corn", 1);
  type (gr_quality_test_window_get_indicator (dialog, "test_weight_g_per_l"), "719");
  assert_grade (dialog, "corn", 2);
  type (gr_quality_test_window_get_indicator (dialog, "test_weight_g_per_l"), "5000");
  g_assert_cmpstr (gr_quality_test_window_get_error_text (dialog), ==,
                   "Test weight cannot be 5000 g/L: it must lie between 0 and 1200 g/L");
  g_assert_cmpstr (gr_quality_test_window_get_grade_text (dialog), ==, "—");
  g_assert_false (gr_quality_test_window_get_can_save (dialog));
  /* What was typed stays. */
  g_assert_cmpstr (gtk_editable_get_text (gr_quality_test_window_get_indicator (dialog, "test_weight_g_per_l")), ==, "5000");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (gr_gui_wait (dialog_gone, NULL, 5000));
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
  g_test_add ("/gui/quality-test/city-demo", GrGuiFixture, NULL, gr_gui_fixture_setup, test_record_quality_test,
              gr_gui_fixture_teardown);
  return g_test_run ();
}
