/* test-gui-grading.c: the Grading page on the city demo (seed 1, today
 * 2026-11-25) shows the numbers the core computes, read back from its
 * chart-kit widgets
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "gr-demo.h"
#include "gr-grading-page.h"
#include "gr-grading-report.h"
#include "gr-gui-test.h"
#include "gr-store.h"

static gboolean
page_loaded (gpointer data)
{
  return gr_grading_page_get_n_loads (GR_GRADING_PAGE (data)) > 0 && !gr_grading_page_get_busy (GR_GRADING_PAGE (data));
}

static void
test_grading_page (GrGuiFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) depots = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GrWindow *window;
  GrGradingPage *page;
  GrChartData *levels, *grades, *storage, *scores;
  double depot_share, tonnage_share, grade_total = 0, storage_total = 0, raw_t = 0;
  guint at, counts[6] = { 0 };
  guint n_stale = 0;

  {
    g_autoptr(GrStore) store = gr_store_open (fixture->db_path, &error);

    g_assert_no_error (error);
    g_assert_true (gr_demo_generate (store, GR_DEMO_CITY, 1, 1.0, "2026-11-25", NULL, NULL, &error));
    g_assert_no_error (error);
    depots = gr_grading_depots (store, &error);
    g_assert_no_error (error);
    stmt = gr_store_prepare (store, "SELECT SUM (balance_kg) FROM lots WHERE deleted = 0 AND balance_kg > 0"
                                    " AND variety IN ('paddy_early_indica', 'paddy_late_indica', 'paddy_japonica',"
                                    " 'wheat', 'corn', 'soybean')", &error);
    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    raw_t = sqlite3_column_int64 (stmt, 0) / 1000.0;
  }
  {
    g_autoptr(GrStore) store = gr_store_open (fixture->db_path, &error);
    g_autoptr(sqlite3_stmt) count = NULL;

    /* The demo tests every lot in store within the quarter; withdraw the
     * recent tests of three lots so that they fall due. */
    g_assert_true (gr_store_exec (store, "UPDATE quality_tests SET deleted = 1 WHERE date >= '2026-08-25' AND lot IN"
                                         " (SELECT id FROM lots WHERE deleted = 0 AND balance_kg > 0 ORDER BY id LIMIT 3)",
                                  &error));
    g_assert_no_error (error);

    /* DOMAIN.md §2.4: tested once a quarter; today 2026-11-25, so a lot
     * in store whose latest test is before 2026-08-25 (or has none). */
    count = gr_store_prepare (store,
                              "SELECT count (*) FROM lots l WHERE l.deleted = 0 AND l.balance_kg > 0 AND"
                              " COALESCE ((SELECT MAX (date) FROM quality_tests q WHERE q.lot = l.id AND q.deleted = 0),"
                              " '0000-00-00') < '2026-08-25'", &error);
    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (count), ==, SQLITE_ROW);
    n_stale = sqlite3_column_int (count, 0);
    g_assert_cmpuint (n_stale, ==, 3);
  }
  gr_grading_coverage (depots, &at, &depot_share, &tonnage_share);
  for (guint i = 0; i < depots->len; i++)
    counts[((GrDepotGrade *) depots->pdata[i])->level]++;
  /* The demo's 21 depots: 5 AAAA and 10 AAA (71 % against 80 %). */
  g_assert_cmpuint (depots->len, ==, 21);
  g_assert_cmpuint (at, ==, 15);

  /* 清远 "十四五" 表2 row 13: "AAA" 级粮库覆盖率 80 % (预期性). */
  g_settings_set_string (settings, "targets", "qingyuan-14th");
  window = gr_gui_open_window (fixture, "grading");
  g_assert_true (gr_gui_wait_view (window, "shell"));
  page = gr_window_get_grading_page (window);
  g_assert_true (gr_gui_wait (page_loaded, page, 20000));
  gr_gui_spin (100);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));

  g_assert_cmpfloat (gr_kpi_tile_get_value (gr_grading_page_get_coverage_tile (page)), ==, depot_share);
  g_assert_cmpfloat_with_epsilon (gr_kpi_tile_get_value (gr_grading_page_get_coverage_tile (page)), 15.0 / 21, 1e-12);
  g_assert_cmpfloat (gr_kpi_tile_get_target (gr_grading_page_get_coverage_tile (page)), ==, 0.8);
  g_assert_cmpint (gr_kpi_tile_get_status (gr_grading_page_get_coverage_tile (page)), ==, GR_CHART_STATUS_WARNING);
  g_assert_cmpstr (gr_kpi_tile_get_value_text (gr_grading_page_get_coverage_tile (page)), ==, "71.4%");
  g_assert_cmpfloat (gr_kpi_tile_get_value (gr_grading_page_get_tonnage_tile (page)), ==, tonnage_share);

  /* The donut: none, A … AAAAA. */
  levels = gr_chart_get_data (gr_grading_page_get_levels_chart (page));
  g_assert_cmpuint (gr_chart_data_get_n_categories (levels), ==, 6);
  g_assert_cmpstr (gr_chart_data_get_category (levels, 3), ==, "AAA");
  for (guint i = 0; i < 6; i++)
    g_assert_cmpfloat (gr_chart_data_get_value (levels, 0, i), ==, counts[i]);
  g_assert_cmpfloat (gr_chart_data_get_value (levels, 0, 3), ==, 10);
  g_assert_cmpfloat (gr_chart_data_get_value (levels, 0, 4), ==, 5);

  /* Grades and storage quality stack to the raw-grain stock. */
  grades = gr_chart_get_data (gr_grading_page_get_grades_chart (page));
  storage = gr_chart_get_data (gr_grading_page_get_storage_chart (page));
  g_assert_cmpuint (gr_chart_data_get_n_series (grades), ==, 6);
  g_assert_cmpuint (gr_chart_data_get_n_series (storage), ==, 3);
  for (guint c = 0; c < gr_chart_data_get_n_categories (grades); c++)
    {
      grade_total += gr_chart_data_get_total (grades, c);
      storage_total += gr_chart_data_get_total (storage, c);
    }
  g_assert_cmpfloat_with_epsilon (grade_total, raw_t, 1e-6);
  g_assert_cmpfloat_with_epsilon (storage_total, raw_t, 1e-6);

  /* The depot table: a row for each of the 21 depots, with its level,
   * final score and the trend against the level before its decision. */
  {
    GtkColumnView *table = gr_grading_page_get_depot_table (page);
    GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (table));
    guint n_up = 0;

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 21);
    g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (table)), ==, 5);
    for (guint i = 0; i < depots->len; i++)
      {
        const GrDepotGrade *depot = depots->pdata[i];
        g_autofree char *name = gr_grading_page_dup_depot_cell (page, i, 0);
        g_autofree char *level = gr_grading_page_dup_depot_cell (page, i, 1);
        g_autofree char *score = gr_grading_page_dup_depot_cell (page, i, 2);
        g_autofree char *trend = gr_grading_page_dup_depot_cell (page, i, 4);
        g_autofree char *expected_score = depot->has_score ? g_strdup_printf ("%.1f", depot->score) : g_strdup ("—");

        g_assert_cmpstr (name, ==, depot->name);
        g_assert_cmpstr (level, ==, depot->level > 0 ? gr_depot_level_to_string (depot->level) : "No level");
        g_assert_cmpstr (score, ==, expected_score);
        if (depot->assessment != NULL && depot->level > depot->previous_level)
          {
            g_assert_cmpstr (trend, ==, "↑");
            n_up++;
          }
        else if (depot->assessment != NULL && depot->level < depot->previous_level)
          g_assert_cmpstr (trend, ==, "↓");
        else
          g_assert_cmpstr (trend, ==, "—");
      }
    g_assert_cmpuint (n_up, >, 0);
  }

  /* The lots due for a test match the SQL count. */
  g_assert_cmpuint (gr_grading_page_get_n_stale (page), ==, n_stale);

  /* The score breakdown follows the chosen depot: its final-stage series
   * sums to the depot's score. */
  for (guint i = 0; i < depots->len; i++)
    {
      const GrDepotGrade *depot = depots->pdata[i];
      double sum = 0;
      guint last;

      if (!depot->has_score)
        continue;
      gr_grading_page_select_depot (page, i);
      scores = gr_chart_get_data (gr_grading_page_get_scores_chart (page));
      g_assert_cmpuint (gr_chart_data_get_n_categories (scores), ==, 7);
      g_assert_cmpfloat (gr_chart_data_get_target (scores, 0), ==, 20);
      last = gr_chart_data_get_n_series (scores) - 1;
      g_assert_cmpuint (last, ==, depot->declared_level >= 3 ? 2 : 1);
      for (guint c = 0; c < 7; c++)
        if (!isnan (gr_chart_data_get_value (scores, last, c)))
          sum += gr_chart_data_get_value (scores, last, c);
      g_assert_cmpfloat_with_epsilon (sum, depot->score, 1e-9);
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
  g_test_add ("/gui/grading/city-demo", GrGuiFixture, NULL, gr_gui_fixture_setup, test_grading_page,
              gr_gui_fixture_teardown);
  return g_test_run ();
}
