/* test-overview.c: the Overview on the city demo, read back from its widgets
 *
 * The city demo (DESIGN.md §4: dongguan-2025 with the Qingyuan targets)
 * generated for 2026-11-25; the page shows that day. Expected figures
 * come from the Qingyuan plan's 表2 and the demo's own layout (21 depots:
 * 5 AAAA and 10 AAA, three not informatised), and from plain SQL over
 * the maintained balances, never from the code under test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "gr-charts.h"
#include "gr-date-button.h"
#include "gr-demo.h"
#include "gr-findings-panel.h"
#include "gr-format.h"
#include "gr-grading-page.h"
#include "gr-gui-test.h"
#include "gr-profile.h"
#include "gr-rules.h"
#include "gr-store.h"

#define TODAY "2026-11-25"

static void
write_demo (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrStore) store = gr_store_open (db_path, &error);

  g_assert_no_error (error);
  g_assert_true (gr_demo_generate (store, GR_DEMO_CITY, 1, 1.0, TODAY, NULL, NULL, &error));
  g_assert_no_error (error);
}

static gint64
sql_int (const char *db_path,
         const char *sql,
         const char *param)
{
  g_autoptr(GrStore) store = gr_store_open (db_path, NULL);
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, TODAY, -1, SQLITE_STATIC);
  if (param != NULL)
    sqlite3_bind_text (stmt, 2, param, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* Stock of the plans in force on ?1 (valid and past fill_by), of
 * enterprise ?2 when given; and their quantity. */
#define ACTIVE "p.deleted = 0 AND p.valid_from <= ?1 AND (p.valid_to IS NULL OR p.valid_to >= ?1)" \
               " AND (p.fill_by IS NULL OR p.fill_by <= ?1) AND (?2 IS NULL OR p.enterprise = ?2)"
#define STOCK_SQL "SELECT coalesce (sum (l.balance_kg), 0) FROM lots l JOIN plans p ON p.id = l.plan" \
                  " WHERE l.deleted = 0 AND " ACTIVE
#define SCALE_SQL "SELECT coalesce (sum (p.quantity_kg), 0) FROM plans p WHERE " ACTIVE
#define FINISHED_SQL STOCK_SQL " AND p.variety IN ('rice', 'flour')"
#define COLD_SQL "SELECT sum (capacity_kg) FROM bins WHERE ?1 IS NOT NULL" \
                 " AND storage_tech IN ('quasi_low_temp', 'low_temp', 'controlled_atmosphere')"

static char *
wan_tonnes (gint64 kg)
{
  return g_strdup_printf ("%.2f", kg / 1e7);
}

static void
open_on_demo (GrGuiFixture  *fixture,
              GrWindow     **out_window,
              GtkWidget    **out_overview)
{
  GrWindow *window;

  write_demo (fixture->db_path);
  window = gr_gui_open_window (fixture, NULL);
  /* The page shows the day the demo ends on, whatever today is. */
  gr_overview_page_set_as_of (gr_gui_get_overview (window), TODAY);
  g_assert_true (gr_gui_wait_overview (window));
  *out_window = window;
  *out_overview = GTK_WIDGET (gr_gui_get_overview (window));
}

static void
test_city_figures (GrGuiFixture  *fixture,
                   gconstpointer  data)
{
  GrWindow *window;
  GtkWidget *overview;
  GrKpiTile *tile;
  gint64 stock, scale, finished, cold;
  g_autofree char *stock_text = NULL;
  g_autofree char *finished_text = NULL;
  g_autofree char *days_text = NULL;
  g_autofree char *cold_text = NULL;

  open_on_demo (fixture, &window, &overview);
  g_assert_nonnull (gr_gui_find_label_containing (overview, "As of 2026-11-25"));

  stock = sql_int (fixture->db_path, STOCK_SQL, NULL);
  scale = sql_int (fixture->db_path, SCALE_SQL, NULL);
  finished = sql_int (fixture->db_path, FINISHED_SQL, NULL);
  cold = sql_int (fixture->db_path, COLD_SQL, NULL);

  /* 政策性储备 against the scale of the plans in force: 22万吨 (表2 row 5). */
  g_assert_cmpint (scale, ==, G_GINT64_CONSTANT (220000000));
  tile = gr_gui_find_tile (overview, "Policy reserve");
  stock_text = wan_tonnes (stock);
  g_assert_cmpstr (gr_kpi_tile_get_value_text (tile), ==, stock_text);
  g_assert_nonnull (gr_gui_find_label (GTK_WIDGET (tile), "Target 22.00 10k t"));

  /* 成品粮 against 12,560 t (row 6), and the days it lasts at 1,256 t a
   * day: 12,560 t would be the 10 days of the plan. */
  tile = gr_gui_find_tile (overview, "Finished grain");
  finished_text = g_strdup_printf ("%" G_GINT64_FORMAT ",%03" G_GINT64_FORMAT,
                                   finished / 1000000, finished / 1000 % 1000);
  g_assert_cmpstr (gr_kpi_tile_get_value_text (tile), ==, finished_text);
  g_assert_nonnull (gr_gui_find_label (GTK_WIDGET (tile), "Target 12,560 t"));
  tile = gr_gui_find_tile (overview, "Days of supply");
  days_text = g_strdup_printf ("%.1f", finished / 1256000.0);
  g_assert_cmpstr (gr_kpi_tile_get_value_text (tile), ==, days_text);
  g_assert_nonnull (gr_gui_find_label (GTK_WIDGET (tile), "Target 10.0 days"));
  g_assert_cmpint (gr_kpi_tile_get_status (tile), ==, finished < 12560000 ? GR_CHART_STATUS_WARNING : GR_CHART_STATUS_GOOD);

  /* 15 of 21 depots AAA or better against 80 % (row 13); 18 of 21
   * informatised against 100 % (row 15). */
  tile = gr_gui_find_tile (overview, "AAA-or-better depots");
  g_assert_cmpstr (gr_kpi_tile_get_value_text (tile), ==, "71.4%");
  g_assert_nonnull (gr_gui_find_label (GTK_WIDGET (tile), "15 of 21 depots"));
  g_assert_nonnull (gr_gui_find_label (GTK_WIDGET (tile), "Target 80.0%"));
  g_assert_cmpint (gr_kpi_tile_get_status (tile), ==, GR_CHART_STATUS_WARNING);
  tile = gr_gui_find_tile (overview, "Informatised depots");
  g_assert_cmpstr (gr_kpi_tile_get_value_text (tile), ==, "85.7%");
  g_assert_nonnull (gr_gui_find_label (GTK_WIDGET (tile), "18 of 21 depots"));

  /* Low-temperature and controlled-atmosphere capacity against 15万吨 (row 14). */
  tile = gr_gui_find_tile (overview, "Low-temperature capacity");
  cold_text = wan_tonnes (cold);
  g_assert_cmpstr (gr_kpi_tile_get_value_text (tile), ==, cold_text);
  g_assert_nonnull (gr_gui_find_label (GTK_WIDGET (tile), "Target 15.00 10k t"));

  /* Quality against 97 % (row 7): a percentage with one decimal. */
  tile = gr_gui_find_tile (overview, "Quality pass rate");
  g_assert_true (g_regex_match_simple ("^[0-9]{1,3}\\.[0-9]%$", gr_kpi_tile_get_value_text (tile), 0, 0));
  g_assert_nonnull (gr_gui_find_label (GTK_WIDGET (tile), "Target 97.0%"));

  /* Seven figures, one line at 1440 pixels. */
  {
    GtkWidget *flow = gtk_widget_get_ancestor (GTK_WIDGET (tile), GTK_TYPE_FLOW_BOX);
    GtkWidget *first = gtk_widget_get_ancestor (GTK_WIDGET (gr_gui_find_tile (overview, "Policy reserve")),
                                                GTK_TYPE_FLOW_BOX_CHILD);
    GtkWidget *last = gtk_widget_get_ancestor (GTK_WIDGET (gr_gui_find_tile (overview, "Informatised depots")),
                                               GTK_TYPE_FLOW_BOX_CHILD);
    graphene_point_t a, b;

    g_assert_nonnull (flow);
    g_assert_true (gtk_widget_compute_point (first, flow, &GRAPHENE_POINT_INIT (0, 0), &a));
    g_assert_true (gtk_widget_compute_point (last, flow, &GRAPHENE_POINT_INIT (0, 0), &b));
    if (gtk_widget_get_width (flow) >= 1300)
      g_assert_cmpfloat (a.y, ==, b.y);
  }
}

static gboolean
panel_idle (gpointer data)
{
  return !gr_findings_panel_get_busy (data);
}

/* The compliance strip counts what the engine finds for the day. */
static void
test_city_findings (GrGuiFixture  *fixture,
                    gconstpointer  data)
{
  GrWindow *window;
  GtkWidget *overview;
  g_autoptr(GrStore) store = NULL;
  g_autoptr(GrProfile) profile = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *violations = NULL;
  g_autofree char *warnings = NULL;
  guint n_violations = 0, n_warnings = 0;
  GtkWidget *label;

  open_on_demo (fixture, &window, &overview);

  store = gr_store_open (fixture->db_path, &error);
  profile = gr_profile_load ("dongguan-2025", &error);
  g_assert_no_error (error);
  findings = gr_rules_check (store, profile, TODAY, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < findings->len; i++)
    {
      GrFinding *f = findings->pdata[i];

      n_violations += f->severity == GR_SEVERITY_VIOLATION;
      n_warnings += f->severity == GR_SEVERITY_WARNING;
    }
  /* The demo bends a handful of slots on purpose (gr-demo-city.h). */
  g_assert_cmpuint (n_violations, >, 0);

  violations = g_strdup_printf ("%u", n_violations);
  warnings = g_strdup_printf ("%u", n_warnings);
  label = gr_gui_find_label (overview, "Violations");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_prev_sibling (label))), ==, violations);
  label = gr_gui_find_label (overview, "Warnings");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_prev_sibling (label))), ==, warnings);
  g_assert_nonnull (gr_gui_find_label (overview, "Rules of Dongguan 2025 checked as of 2026-11-25"));

  /* Below the charts, the list of findings, counting the same. */
  {
    GtkBox *slot = gr_overview_page_get_findings_slot (GR_OVERVIEW_PAGE (overview));
    GrFindingsPanel *panel = GR_FINDINGS_PANEL (gr_gui_find_type (GTK_WIDGET (slot), GR_TYPE_FINDINGS_PANEL));

    g_assert_cmpstr (gtk_buildable_get_buildable_id (GTK_BUILDABLE (slot)), ==, "findings_slot");
    g_assert_nonnull (panel);
    g_assert_true (gr_gui_wait (panel_idle, panel, 60000));
    g_assert_cmpstr (gr_findings_panel_get_as_of (panel), ==, TODAY);
    g_assert_cmpuint (gr_finding_groups_get_count (gr_findings_panel_get_groups (panel), GR_SEVERITY_VIOLATION),
                      ==, n_violations);
    g_assert_cmpuint (gr_finding_groups_get_count (gr_findings_panel_get_groups (panel), GR_SEVERITY_WARNING),
                      ==, n_warnings);
  }

  /* A click on the strip scrolls down to the list. */
  {
    GtkWidget *strip = gtk_widget_get_ancestor (gr_gui_find_label (overview, "Violations"), GTK_TYPE_BOX);
    GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (gr_gui_find_type (overview, GTK_TYPE_SCROLLED_WINDOW));
    g_autoptr(GListModel) controllers = NULL;
    GtkEventController *click = NULL;

    while (strip != NULL && !gtk_widget_has_css_class (strip, "findings-strip"))
      strip = gtk_widget_get_ancestor (gtk_widget_get_parent (strip), GTK_TYPE_BOX);
    g_assert_nonnull (strip);
    controllers = gtk_widget_observe_controllers (strip);
    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_GESTURE_CLICK (controller))
          click = controller;
      }
    g_assert_nonnull (click);
    g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (scrolled)), ==, 0);
    g_signal_emit_by_name (click, "released", 1, 10.0, 10.0);
    g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (scrolled)), >, 0);
  }
}

/* The charts: every variety in store against its plan; the month-end
 * ratio for 24 months with the 70 % line of 东莞 第十五条. */
static void
test_city_charts (GrGuiFixture  *fixture,
                  gconstpointer  data)
{
  GrWindow *window;
  GtkWidget *overview;
  GrChart *bars;
  GrChart *lines;
  GrChartData *chart_data;
  GrThresholdLayer *thresholds;
  gint64 wheat_stock, wheat_plan;
  g_autofree char *legend_text = NULL;
  g_autoptr(GPtrArray) legend = NULL;
  gboolean found = FALSE;

  open_on_demo (fixture, &window, &overview);
  bars = GR_CHART (gr_gui_find_type (overview, GR_TYPE_CHART));
  g_assert_nonnull (bars);
  lines = GR_CHART (gr_gui_find_type (gtk_widget_get_next_sibling (gtk_widget_get_ancestor (GTK_WIDGET (bars), GR_TYPE_CHART_FRAME)),
                                      GR_TYPE_CHART));
  g_assert_nonnull (lines);

  /* Thirteen varieties in the demo; wheat's bar is its stock, its mark
   * the plans' 25,000 t (20,000 + 5,000). */
  chart_data = gr_chart_get_data (bars);
  g_assert_cmpuint (gr_chart_data_get_n_categories (chart_data), ==, 13);
  wheat_stock = sql_int (fixture->db_path, STOCK_SQL " AND p.variety = 'wheat'", NULL);
  wheat_plan = sql_int (fixture->db_path, SCALE_SQL " AND p.variety = 'wheat'", NULL);
  g_assert_cmpint (wheat_plan, ==, 25000000);
  for (guint i = 0; i < gr_chart_data_get_n_categories (chart_data); i++)
    if (g_str_equal (gr_chart_data_get_category (chart_data, i), "Wheat"))
      {
        g_assert_cmpfloat (gr_chart_data_get_value (chart_data, 0, i), ==, wheat_stock / 1000.0);
        g_assert_cmpfloat (gr_chart_data_get_target (chart_data, i), ==, 25000);
        found = TRUE;
      }
  g_assert_true (found);

  chart_data = gr_chart_get_data (lines);
  g_assert_cmpuint (gr_chart_data_get_n_categories (chart_data), ==, 24);
  g_assert_cmpstr (gr_chart_data_get_category (chart_data, 0), ==, "2024-12");
  g_assert_cmpstr (gr_chart_data_get_category (chart_data, 23), ==, "2026-11");
  g_assert_true (gr_chart_data_get_percent (chart_data));
  /* The last total is stock against scale, as the first tile says. */
  {
    guint last = gr_chart_data_get_n_series (chart_data) - 1;
    gint64 stock = sql_int (fixture->db_path, STOCK_SQL, NULL);

    g_assert_cmpstr (gr_chart_series_get_name (gr_chart_data_get_series (chart_data, last)), ==, "Total");
    g_assert_cmpfloat_with_epsilon (gr_chart_data_get_value (chart_data, last, 23), stock / 220000000.0, 1e-9);
  }
  thresholds = GR_THRESHOLD_LAYER (gr_chart_find_layer (lines, GR_TYPE_THRESHOLD_LAYER));
  g_assert_cmpuint (gr_threshold_layer_get_n_lines (thresholds), ==, 1);
  legend = gr_chart_dup_legend (lines);
  for (guint i = 0; i < legend->len; i++)
    if (g_strcmp0 (((GrChartLegendEntry *) legend->pdata[i])->label, "70% Dongguan 第十五条") == 0)
      legend_text = g_strdup (((GrChartLegendEntry *) legend->pdata[i])->label);
  g_assert_cmpstr (legend_text, ==, "70% Dongguan 第十五条");
}

static gboolean
page_is_stock (gpointer data)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (gr_window_get_view_stack (data)), "stock") == 0;
}

/* A bar or a figure opens the Stock page narrowed to it. */
static void
test_open_stock (GrGuiFixture  *fixture,
                 gconstpointer  data)
{
  GrWindow *window;
  GtkWidget *overview;
  GrChart *bars;
  GrChartData *chart_data;
  int wheat = -1;

  open_on_demo (fixture, &window, &overview);
  bars = GR_CHART (gr_gui_find_type (overview, GR_TYPE_CHART));
  chart_data = gr_chart_get_data (bars);
  for (guint i = 0; i < gr_chart_data_get_n_categories (chart_data); i++)
    if (g_str_equal (gr_chart_data_get_category (chart_data, i), "Wheat"))
      wheat = (int) i;
  g_assert_cmpint (wheat, >=, 0);

  g_signal_emit_by_name (bars, "item-activated", 0, wheat);
  g_assert_true (gr_gui_wait (page_is_stock, window, 2000));
  g_assert_cmpstr (gr_window_get_stock_filter (window), ==, "variety:wheat");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview");
  g_signal_emit_by_name (gr_gui_find_tile (overview, "Days of supply"), "activated");
  g_assert_true (page_is_stock (window));
  g_assert_cmpstr (gr_window_get_stock_filter (window), ==, "class:finished");
}

/* The selector narrows everything to one enterprise or one county. */
static void
test_narrow (GrGuiFixture  *fixture,
             gconstpointer  data)
{
  GrWindow *window;
  GtkWidget *overview;
  GtkDropDown *dropdown;
  GListModel *model;
  guint n;
  guint region = G_MAXUINT;
  gint64 stock, scale;
  g_autofree char *stock_text = NULL;
  g_autofree char *target_text = NULL;
  g_autofree char *filter = NULL;
  GrKpiTile *tile;

  open_on_demo (fixture, &window, &overview);
  dropdown = GTK_DROP_DOWN (gr_gui_find_type (overview, GTK_TYPE_DROP_DOWN));
  model = gtk_drop_down_get_model (dropdown);
  n = g_list_model_get_n_items (model);
  /* Everything, the four enterprises, the eight counties and districts. */
  g_assert_cmpuint (n, ==, 1 + 4 + 8);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), ==, "All enterprises and counties");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 1), ==, "清远市储备粮管理有限公司");

  /* The municipal reserve company: its stock against its own scale. */
  gtk_drop_down_set_selected (dropdown, 1);
  g_assert_true (gr_overview_page_get_loading (GR_OVERVIEW_PAGE (overview)));
  g_assert_true (gr_gui_wait_overview (window));
  {
    g_autoptr(GrStore) store = gr_store_open (fixture->db_path, NULL);
    g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, "SELECT id FROM enterprises WHERE kind = 'reserve_company'", NULL);
    g_autofree char *id = NULL;

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    stock = sql_int (fixture->db_path, STOCK_SQL, id);
    scale = sql_int (fixture->db_path, SCALE_SQL, id);
    filter = g_strdup_printf ("variety:rice enterprise:%s", id);
  }
  tile = gr_gui_find_tile (overview, "Policy reserve");
  stock_text = wan_tonnes (stock);
  target_text = g_strdup_printf ("Target %.2f 10k t", scale / 1e7);
  g_assert_cmpstr (gr_kpi_tile_get_value_text (tile), ==, stock_text);
  g_assert_nonnull (gr_gui_find_label (GTK_WIDGET (tile), target_text));
  /* Ten depots, three AAAA and five AAA (gr-demo-city.c). */
  g_assert_nonnull (gr_gui_find_label (GTK_WIDGET (gr_gui_find_tile (overview, "AAA-or-better depots")), "8 of 10 depots"));
  /* A bar opens the Stock page narrowed to the enterprise too. */
  {
    GrChart *bars = GR_CHART (gr_gui_find_type (overview, GR_TYPE_CHART));
    GrChartData *chart_data = gr_chart_get_data (bars);

    for (guint i = 0; i < gr_chart_data_get_n_categories (chart_data); i++)
      if (g_str_equal (gr_chart_data_get_category (chart_data, i), "Rice"))
        g_signal_emit_by_name (bars, "item-activated", 0, (int) i);
    g_assert_cmpstr (gr_window_get_stock_filter (window), ==, filter);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview");
  }

  /* A county: its depots; no plans of its own, so no ratio chart. */
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), "英德市") == 0)
      region = i;
  g_assert_cmpuint (region, <, n);
  gtk_drop_down_set_selected (dropdown, region);
  g_assert_true (gr_gui_wait_overview (window));
  /* 英德市: 白沙 AAA, 英城 AAAA, 大站 AAA, 浛洸 AAA, 连江口 AA */
  g_assert_nonnull (gr_gui_find_label (GTK_WIDGET (gr_gui_find_tile (overview, "AAA-or-better depots")), "4 of 5 depots"));
  g_assert_cmpstr (gr_kpi_tile_get_value_text (gr_gui_find_tile (overview, "AAA-or-better depots")), ==, "80.0%");
  g_assert_true (isnan (gr_kpi_tile_get_target (gr_gui_find_tile (overview, "Policy reserve"))));
  g_assert_nonnull (gr_gui_find_label (overview, "No Month-End Ratio for a County"));
  g_assert_true (gtk_widget_get_mapped (gr_gui_find_label (overview, "No Month-End Ratio for a County")));

  /* And back to everything. */
  gtk_drop_down_set_selected (dropdown, 0);
  g_assert_true (gr_gui_wait_overview (window));
  g_assert_cmpfloat (gr_kpi_tile_get_target (gr_gui_find_tile (overview, "Policy reserve")), ==, 22.0);
}

/* Findings by severity of one place, as the engine finds them for TODAY:
 * of an enterprise, or with a depot in a region (SQL over depots). */
typedef struct {
  guint violations;
  guint warnings;
  guint infos;
  guint total;
} Expected;

static Expected
expect_findings (const char *db_path,
                 GPtrArray  *findings,
                 const char *enterprise,
                 const char *region)
{
  g_autoptr(GrStore) store = gr_store_open (db_path, NULL);
  Expected expected = { 0 };

  for (guint i = 0; i < findings->len; i++)
    {
      const GrFinding *f = findings->pdata[i];

      if (enterprise != NULL && g_strcmp0 (f->enterprise, enterprise) != 0)
        continue;
      if (region != NULL)
        {
          g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, "SELECT region FROM depots WHERE id = ?", NULL);

          if (f->depot == NULL)
            continue;
          sqlite3_bind_text (stmt, 1, f->depot, -1, SQLITE_STATIC);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), region) != 0)
            continue;
        }
      expected.violations += f->severity == GR_SEVERITY_VIOLATION;
      expected.warnings += f->severity == GR_SEVERITY_WARNING;
      expected.infos += f->severity == GR_SEVERITY_INFO;
      expected.total++;
    }
  return expected;
}

static GtkWidget *
panel_child (GrFindingsPanel *panel,
             const char      *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (panel), GR_TYPE_FINDINGS_PANEL, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static const char *
panel_label (GrFindingsPanel *panel,
             const char      *name)
{
  return gtk_label_get_label (GTK_LABEL (panel_child (panel, name)));
}

static guint
dropdown_n_items (GrFindingsPanel *panel,
                  const char      *name)
{
  return g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (panel_child (panel, name))));
}

/* The strip's two numbers, the panel's three pills and its list all
 * count the findings of the place shown. */
static void
assert_findings_shown (GtkWidget       *overview,
                       GrFindingsPanel *panel,
                       Expected         expected,
                       const char      *enterprise,
                       const char      *region)
{
  GrFindingGroups *groups = gr_findings_panel_get_groups (panel);
  g_autofree char *violations = g_strdup_printf ("%u", expected.violations);
  g_autofree char *warnings = g_strdup_printf ("%u", expected.warnings);
  g_autofree char *infos = g_strdup_printf ("%u", expected.infos);
  GtkWidget *label;
  guint n_findings = 0;

  label = gr_gui_find_label (overview, "Violations");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_prev_sibling (label))), ==, violations);
  label = gr_gui_find_label (overview, "Warnings");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_prev_sibling (label))), ==, warnings);

  g_assert_cmpstr (panel_label (panel, "violation_count"), ==, violations);
  g_assert_cmpstr (panel_label (panel, "warning_count"), ==, warnings);
  g_assert_cmpstr (panel_label (panel, "info_count"), ==, infos);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (groups)); i++)
    {
      g_autoptr(GrFindingItem) item = g_list_model_get_item (G_LIST_MODEL (groups), i);
      const GrFinding *f;

      if (gr_finding_item_get_kind (item) != GR_FINDING_ITEM_FINDING)
        continue;
      f = gr_finding_item_get_finding (item);
      n_findings++;
      if (enterprise != NULL)
        g_assert_cmpstr (f->enterprise, ==, enterprise);
      if (region != NULL)
        g_assert_cmpstr (gr_finding_groups_depot_region (groups, f->depot), ==, region);
    }
  g_assert_cmpuint (n_findings, ==, expected.total);
}

/* The selector narrows the findings too: the strip's counts, the list
 * below with its pills, and what its filters offer. */
static void
test_narrow_findings (GrGuiFixture  *fixture,
                      gconstpointer  data)
{
  GrWindow *window;
  GtkWidget *overview;
  GrFindingsPanel *panel;
  GtkDropDown *dropdown;
  GListModel *model;
  g_autoptr(GrStore) store = NULL;
  g_autoptr(GrProfile) profile = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *company = NULL;
  Expected all, mine, yingde;
  guint region = G_MAXUINT;

  open_on_demo (fixture, &window, &overview);
  panel = GR_FINDINGS_PANEL (gr_gui_find_type (overview, GR_TYPE_FINDINGS_PANEL));
  g_assert_true (gr_gui_wait (panel_idle, panel, 60000));

  store = gr_store_open (fixture->db_path, &error);
  profile = gr_profile_load ("dongguan-2025", &error);
  g_assert_no_error (error);
  findings = gr_rules_check (store, profile, TODAY, &error);
  g_assert_no_error (error);
  company = gr_gui_query_text (fixture->db_path, "SELECT id FROM enterprises WHERE kind = 'reserve_company'");
  all = expect_findings (fixture->db_path, findings, NULL, NULL);
  mine = expect_findings (fixture->db_path, findings, company, NULL);
  yingde = expect_findings (fixture->db_path, findings, NULL, "英德市");
  /* Each place holds some of the findings, not all: else narrowing
   * would prove nothing. */
  g_assert_cmpuint (mine.total, >, 0);
  g_assert_cmpuint (mine.total, <, all.total);
  g_assert_cmpuint (yingde.total, >, 0);
  g_assert_cmpuint (yingde.total, <, all.total);
  assert_findings_shown (overview, panel, all, NULL, NULL);
  /* Everything: four enterprises and 21 depots to filter by. */
  g_assert_cmpuint (dropdown_n_items (panel, "enterprise_dropdown"), ==, 1 + 4);
  g_assert_cmpuint (dropdown_n_items (panel, "depot_dropdown"), ==, 1 + 21);

  /* The municipal reserve company, first after everything. */
  dropdown = GTK_DROP_DOWN (gr_gui_find_type (overview, GTK_TYPE_DROP_DOWN));
  model = gtk_drop_down_get_model (dropdown);
  gtk_drop_down_set_selected (dropdown, 1);
  g_assert_true (gr_gui_wait_overview (window));
  assert_findings_shown (overview, panel, mine, company, NULL);
  /* Its ten depots; no other enterprise to choose. */
  g_assert_cmpuint (dropdown_n_items (panel, "depot_dropdown"), ==, 1 + 10);
  g_assert_false (gtk_widget_get_visible (panel_child (panel, "enterprise_dropdown")));

  /* 英德市: five depots (白沙, 英城, 大站, 浛洸, 连江口). */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), "英德市") == 0)
      region = i;
  g_assert_cmpuint (region, <, g_list_model_get_n_items (model));
  gtk_drop_down_set_selected (dropdown, region);
  g_assert_true (gr_gui_wait_overview (window));
  assert_findings_shown (overview, panel, yingde, NULL, "英德市");
  g_assert_cmpuint (dropdown_n_items (panel, "depot_dropdown"), ==, 1 + 5);
  g_assert_true (gtk_widget_get_visible (panel_child (panel, "enterprise_dropdown")));
  g_assert_nonnull (gr_gui_find_label_containing (overview, "Findings in the depots of this county"));

  /* Back to everything. */
  gtk_drop_down_set_selected (dropdown, 0);
  g_assert_true (gr_gui_wait_overview (window));
  assert_findings_shown (overview, panel, all, NULL, NULL);
  g_assert_cmpuint (dropdown_n_items (panel, "depot_dropdown"), ==, 1 + 21);
}

/* Stock of the plans in force on ?1 from the movements up to that day
 * (not the maintained balances, which are of today). */
#define STOCK_ON_SQL "SELECT coalesce (sum (m.delta_kg), 0) FROM movements m JOIN lots l ON l.id = m.lot" \
                     " JOIN plans p ON p.id = l.plan WHERE m.deleted = 0 AND l.deleted = 0 AND m.date <= ?1" \
                     " AND " ACTIVE

static gint64
sql_int_on (const char *db_path,
            const char *sql,
            const char *day)
{
  g_autoptr(GrStore) store = gr_store_open (db_path, NULL);
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_STATIC);
  sqlite3_bind_null (stmt, 2);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* The date button on the Overview's heading sets the day of every
 * figure: the tiles, both charts, the strip and the list of findings. */
static void
test_as_of (GrGuiFixture  *fixture,
            gconstpointer  data)
{
  GrWindow *window;
  GtkWidget *overview;
  GrFindingsPanel *panel;
  GtkWidget *date_button;
  GtkMenuButton *menu_button;
  GtkWidget *popover;
  GrChart *bars;
  GrChart *lines;
  GrChartData *chart_data;
  g_autoptr(GDateTime) when = g_date_time_new_local (2025, 12, 31, 12, 0, 0);
  g_autoptr(GrStore) store = NULL;
  g_autoptr(GrProfile) profile = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stock_text = NULL;
  g_autofree char *finished_text = NULL;
  g_autofree char *days_text = NULL;
  g_autofree char *violations = NULL;
  g_autofree char *warnings = NULL;
  g_autofree char *real_today = gr_today_iso ();
  gint64 stock, finished;
  guint n_violations = 0, n_warnings = 0;
  guint last;

  open_on_demo (fixture, &window, &overview);
  panel = GR_FINDINGS_PANEL (gr_gui_find_type (overview, GR_TYPE_FINDINGS_PANEL));
  g_assert_nonnull (gr_gui_find_label (overview, "As of 2026-11-25"));

  /* The end of last year, picked in the calendar. */
  date_button = gr_gui_find_type (overview, GR_TYPE_DATE_BUTTON);
  g_assert_nonnull (date_button);
  menu_button = GTK_MENU_BUTTON (gr_gui_find_type (date_button, GTK_TYPE_MENU_BUTTON));
  gtk_menu_button_popup (menu_button);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (menu_button));
  gtk_calendar_select_day (GTK_CALENDAR (gr_gui_find_type (popover, GTK_TYPE_CALENDAR)), when);
  gtk_menu_button_popdown (menu_button);
  g_assert_cmpstr (gr_overview_page_get_as_of (GR_OVERVIEW_PAGE (overview)), ==, "2025-12-31");
  g_assert_true (gr_gui_wait_overview (window));
  g_assert_nonnull (gr_gui_find_label (overview, "As of 2025-12-31"));

  /* The key figures of that day, from the movements up to it: they
   * differ from today's, or the test would prove nothing. */
  stock = sql_int_on (fixture->db_path, STOCK_ON_SQL, "2025-12-31");
  finished = sql_int_on (fixture->db_path, STOCK_ON_SQL " AND p.variety IN ('rice', 'flour')", "2025-12-31");
  g_assert_cmpint (stock, !=, sql_int (fixture->db_path, STOCK_SQL, NULL));
  stock_text = wan_tonnes (stock);
  g_assert_cmpstr (gr_kpi_tile_get_value_text (gr_gui_find_tile (overview, "Policy reserve")), ==, stock_text);
  finished_text = g_strdup_printf ("%" G_GINT64_FORMAT ",%03" G_GINT64_FORMAT,
                                   finished / 1000000, finished / 1000 % 1000);
  g_assert_cmpstr (gr_kpi_tile_get_value_text (gr_gui_find_tile (overview, "Finished grain")), ==, finished_text);
  /* 清远 表2: 1,256 t a day. */
  days_text = g_strdup_printf ("%.1f", finished / 1256000.0);
  g_assert_cmpstr (gr_kpi_tile_get_value_text (gr_gui_find_tile (overview, "Days of supply")), ==, days_text);

  /* The bars are that day's stock; the trend ends in that month, at the
   * ratio the first tile gives. */
  bars = GR_CHART (gr_gui_find_type (overview, GR_TYPE_CHART));
  lines = GR_CHART (gr_gui_find_type (gtk_widget_get_next_sibling (gtk_widget_get_ancestor (GTK_WIDGET (bars), GR_TYPE_CHART_FRAME)),
                                      GR_TYPE_CHART));
  g_assert_nonnull (gr_gui_find_label_containing (overview, "In store on 2025-12-31"));
  chart_data = gr_chart_get_data (bars);
  {
    double sum = 0;

    for (guint i = 0; i < gr_chart_data_get_n_categories (chart_data); i++)
      sum += gr_chart_data_get_value (chart_data, 0, i);
    g_assert_cmpfloat_with_epsilon (sum, stock / 1000.0, 1e-6);
  }
  chart_data = gr_chart_get_data (lines);
  g_assert_cmpstr (gr_chart_data_get_category (chart_data, 0), ==, "2024-01");
  g_assert_cmpstr (gr_chart_data_get_category (chart_data, 23), ==, "2025-12");
  last = gr_chart_data_get_n_series (chart_data) - 1;
  g_assert_cmpfloat_with_epsilon (gr_chart_data_get_value (chart_data, last, 23), stock / 220000000.0, 1e-9);

  /* The findings of that day, in the strip and in the list. */
  g_assert_true (gr_gui_wait (panel_idle, panel, 60000));
  store = gr_store_open (fixture->db_path, &error);
  profile = gr_profile_load ("dongguan-2025", &error);
  g_assert_no_error (error);
  findings = gr_rules_check (store, profile, "2025-12-31", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < findings->len; i++)
    {
      GrFinding *f = findings->pdata[i];

      n_violations += f->severity == GR_SEVERITY_VIOLATION;
      n_warnings += f->severity == GR_SEVERITY_WARNING;
    }
  violations = g_strdup_printf ("%u", n_violations);
  warnings = g_strdup_printf ("%u", n_warnings);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_prev_sibling (gr_gui_find_label (overview, "Violations")))),
                   ==, violations);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_prev_sibling (gr_gui_find_label (overview, "Warnings")))),
                   ==, warnings);
  g_assert_nonnull (gr_gui_find_label (overview, "Rules of Dongguan 2025 checked as of 2025-12-31"));
  g_assert_cmpstr (gr_findings_panel_get_as_of (panel), ==, "2025-12-31");
  g_assert_cmpuint (gr_finding_groups_get_n_total (gr_findings_panel_get_groups (panel)), ==, findings->len);

  /* Narrowing keeps the day. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gr_gui_find_type (overview, GTK_TYPE_DROP_DOWN)), 1);
  g_assert_true (gr_gui_wait_overview (window));
  g_assert_cmpstr (gr_chart_data_get_category (gr_chart_get_data (lines), 23), ==, "2025-12");
  g_assert_cmpstr (gr_findings_panel_get_as_of (panel), ==, "2025-12-31");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gr_gui_find_type (overview, GTK_TYPE_DROP_DOWN)), 0);
  g_assert_true (gr_gui_wait_overview (window));

  /* Today in the popover: back to the real today, everywhere. */
  gtk_menu_button_popup (menu_button);
  gtk_widget_activate (gtk_widget_get_ancestor (gr_gui_find_label (popover, "Today"), GTK_TYPE_BUTTON));
  gr_gui_spin (400);
  g_assert_null (gr_overview_page_get_as_of (GR_OVERVIEW_PAGE (overview)));
  g_assert_true (gr_gui_wait_overview (window));
  g_assert_true (gr_gui_wait (panel_idle, panel, 60000));
  g_assert_cmpstr (gr_findings_panel_get_as_of (panel), ==, real_today);
  {
    g_autofree char *month = g_strndup (real_today, 7);

    g_assert_cmpstr (gr_chart_data_get_category (gr_chart_get_data (lines), 23), ==, month);
  }
}

static gboolean
grading_loaded (gpointer data)
{
  return gr_grading_page_get_n_loads (data) > 0;
}

/* The Grading page reads its figures when first shown, not while the
 * Overview's are on their way; then again after each change. */
static void
test_grading_when_shown (GrGuiFixture  *fixture,
                         gconstpointer  data)
{
  GrWindow *window;
  GtkWidget *overview;
  GrGradingPage *grading;

  open_on_demo (fixture, &window, &overview);
  grading = gr_window_get_grading_page (window);
  gr_gui_spin (200);
  g_assert_cmpuint (gr_grading_page_get_n_loads (grading), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "grading");
  g_assert_true (gr_gui_wait (grading_loaded, grading, 20000));
  g_assert_cmpuint (gr_grading_page_get_n_loads (grading), ==, 1);
}

/* A database with records but no plan in force says so. */
static void
test_empty (GrGuiFixture  *fixture,
            gconstpointer  data)
{
  GrWindow *window;
  GtkWidget *overview;
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(GrStore) store = gr_store_open (fixture->db_path, &error);

    g_assert_no_error (error);
    g_assert_true (gr_store_exec (store,
                                  "INSERT INTO enterprises (id, name, kind) VALUES ('e1', '清远市储备粮有限公司', 'reserve_company');"
                                  "INSERT INTO plans (id, enterprise, variety, quantity_kg, rotation_mode, valid_from, valid_to)"
                                  "  VALUES ('p1', 'e1', 'rice', 15000000, 'static', '2020-01-01', '2020-12-31');",
                                  &error));
    g_assert_no_error (error);
  }
  window = gr_gui_open_window (fixture, NULL);
  g_assert_true (gr_gui_wait_overview (window));
  overview = GTK_WIDGET (gr_gui_get_overview (window));
  g_assert_true (gtk_widget_get_mapped (gr_gui_find_label (overview, "No Storage Plans in Force")));
  g_assert_nonnull (gr_gui_find_label_containing (overview, "Import a dataset with storage plans"));
}

int
main (int   argc,
      char *argv[])
{
  /* English source strings: the assertions read the untranslated UI. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  if (!gr_gui_test_init ())
    {
      g_test_message ("No display: run the GUI tests under xvfb-run");
      return 77;
    }

#define ADD(path, func) \
  g_test_add (path, GrGuiFixture, NULL, gr_gui_fixture_setup, func, gr_gui_fixture_teardown)
  ADD ("/gui/overview/city/figures", test_city_figures);
  ADD ("/gui/overview/city/findings", test_city_findings);
  ADD ("/gui/overview/city/charts", test_city_charts);
  ADD ("/gui/overview/city/open-stock", test_open_stock);
  ADD ("/gui/overview/city/narrow", test_narrow);
  ADD ("/gui/overview/city/narrow-findings", test_narrow_findings);
  ADD ("/gui/overview/city/as-of", test_as_of);
  ADD ("/gui/overview/empty", test_empty);
  ADD ("/gui/overview/grading-when-shown", test_grading_when_shown);
#undef ADD

  return g_test_run ();
}
