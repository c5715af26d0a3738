/* chart-gallery.c: every chart of the kit with sample data, for screenshots
 *
 *   chart-gallery [--dark] [--table] [--size=WxH]
 *
 * --dark   the dark style
 * --table  every chart frame shows its table instead
 * --size   window size, 1440x900 by default
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gr-charts.h"

static const char *varieties[] = { "小麦", "早籼稻", "中晚籼稻", "粳稻", "玉米", "大豆", "大米", "食用油", NULL };

static GtkWidget *
make_tiles (void)
{
  static const double reserve_trend[] = { 12.10, 12.18, 12.25, 12.31, 12.40, 12.38, 12.46, 12.52, 12.49, 12.55, 12.60, 12.56 };
  static const double quality_trend[] = { 0.962, 0.965, 0.961, 0.958, 0.960, 0.957, 0.959, 0.955, 0.956, 0.958, 0.957, 0.958 };
  static const double aaa_trend[] = { 0.75, 0.75, 0.79, 0.79, 0.79, 0.83, 0.83, 0.83, 0.83, 0.83, 0.83, 0.833 };
  static const double cold_trend[] = { 0.55, 0.56, 0.56, 0.58, 0.58, 0.59, 0.60, 0.60, 0.61, 0.61, 0.62, 0.62 };
  static const double finished_trend[] = { 17600, 17800, 18100, 18050, 18300, 18500, 18400, 18650, 18700, 18800, 18850, 18900 };
  static const double info_trend[] = { 0.857, 0.857, 0.857, 0.893, 0.893, 0.893, 0.893, 0.929, 0.929, 0.929, 0.929, 0.929 };
  GtkWidget *flow = gtk_flow_box_new ();
  GrKpiTile *tile;

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 3);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 12);

  tile = GR_KPI_TILE (gr_kpi_tile_new ());
  gr_kpi_tile_set_title (tile, "政策性储备总量");
  gr_kpi_tile_set_unit (tile, "万吨");
  gr_kpi_tile_set_decimals (tile, 2);
  gr_kpi_tile_set_value (tile, 12.56);
  gr_kpi_tile_set_target (tile, 13.00);
  gr_kpi_tile_set_critical (tile, 11.70);
  gr_kpi_tile_set_trend (tile, reserve_trend, G_N_ELEMENTS (reserve_trend));
  gr_kpi_tile_set_activatable (tile, TRUE);
  gtk_flow_box_append (GTK_FLOW_BOX (flow), GTK_WIDGET (tile));

  tile = GR_KPI_TILE (gr_kpi_tile_new ());
  gr_kpi_tile_set_title (tile, "成品粮储备");
  gr_kpi_tile_set_unit (tile, "吨");
  gr_kpi_tile_set_value (tile, 18900);
  gr_kpi_tile_set_target (tile, 18000);
  gr_kpi_tile_set_note (tile, "可供应 32 天（目标 15 天）");
  gr_kpi_tile_set_trend (tile, finished_trend, G_N_ELEMENTS (finished_trend));
  gr_kpi_tile_set_activatable (tile, TRUE);
  gtk_flow_box_append (GTK_FLOW_BOX (flow), GTK_WIDGET (tile));

  tile = GR_KPI_TILE (gr_kpi_tile_new ());
  gr_kpi_tile_set_title (tile, "质量达标率");
  gr_kpi_tile_set_percent (tile, TRUE);
  gr_kpi_tile_set_decimals (tile, 1);
  gr_kpi_tile_set_value (tile, 0.958);
  gr_kpi_tile_set_target (tile, 0.97);
  gr_kpi_tile_set_critical (tile, 0.90);
  gr_kpi_tile_set_trend (tile, quality_trend, G_N_ELEMENTS (quality_trend));
  gr_kpi_tile_set_activatable (tile, TRUE);
  gtk_flow_box_append (GTK_FLOW_BOX (flow), GTK_WIDGET (tile));

  tile = GR_KPI_TILE (gr_kpi_tile_new ());
  gr_kpi_tile_set_title (tile, "AAA级以上库点覆盖率");
  gr_kpi_tile_set_percent (tile, TRUE);
  gr_kpi_tile_set_decimals (tile, 1);
  gr_kpi_tile_set_value (tile, 0.833);
  gr_kpi_tile_set_target (tile, 0.80);
  gr_kpi_tile_set_trend (tile, aaa_trend, G_N_ELEMENTS (aaa_trend));
  gr_kpi_tile_set_activatable (tile, TRUE);
  gtk_flow_box_append (GTK_FLOW_BOX (flow), GTK_WIDGET (tile));

  tile = GR_KPI_TILE (gr_kpi_tile_new ());
  gr_kpi_tile_set_title (tile, "低温准低温仓容占比");
  gr_kpi_tile_set_percent (tile, TRUE);
  gr_kpi_tile_set_decimals (tile, 1);
  gr_kpi_tile_set_value (tile, 0.62);
  gr_kpi_tile_set_target (tile, 0.70);
  gr_kpi_tile_set_trend (tile, cold_trend, G_N_ELEMENTS (cold_trend));
  gr_kpi_tile_set_activatable (tile, TRUE);
  gtk_flow_box_append (GTK_FLOW_BOX (flow), GTK_WIDGET (tile));

  tile = GR_KPI_TILE (gr_kpi_tile_new ());
  gr_kpi_tile_set_title (tile, "信息化库点");
  gr_kpi_tile_set_percent (tile, TRUE);
  gr_kpi_tile_set_decimals (tile, 1);
  gr_kpi_tile_set_value (tile, 0.929);
  gr_kpi_tile_set_target (tile, 1.0);
  gr_kpi_tile_set_note (tile, "26 / 28 个库点");
  gr_kpi_tile_set_trend (tile, info_trend, G_N_ELEMENTS (info_trend));
  gr_kpi_tile_set_activatable (tile, TRUE);
  gtk_flow_box_append (GTK_FLOW_BOX (flow), GTK_WIDGET (tile));

  return flow;
}

static GtkWidget *
make_variety_bars (void)
{
  static const double actual[] = { 52360, 38120, 45800, 12400, 21500, 8240, 18900, 6350 };
  static const double last_year[] = { 49800, 36500, 47200, 11800, 19900, 9100, 17600, 6100 };
  static const double plan[] = { 60000, 35000, 50000, 12000, 20000, 10000, 18000, 6000 };
  g_autoptr(GrChartData) data = gr_chart_data_new ();
  g_autoptr(GrChartSeries) s1 = gr_chart_series_new ("实际库存", GR_CHART_COLOR_ACCENT, actual, G_N_ELEMENTS (actual));
  g_autoptr(GrChartSeries) s2 = gr_chart_series_new ("上年同期", GR_CHART_COLOR_NEUTRAL, last_year, G_N_ELEMENTS (last_year));
  GtkWidget *chart = gr_chart_new_bars (GR_BAR_MODE_GROUPED, FALSE);
  GtkWidget *frame;

  gr_chart_data_set_categories (data, varieties);
  gr_chart_data_set_category_title (data, "品种");
  gr_chart_data_set_unit (data, "吨");
  gr_chart_data_add_series (data, s1);
  gr_chart_data_add_series (data, s2);
  gr_chart_data_set_targets (data, "计划", plan, G_N_ELEMENTS (plan));
  gr_chart_set_data (GR_CHART (chart), data);
  gr_bar_layer_set_show_values (GR_BAR_LAYER (gr_chart_find_layer (GR_CHART (chart), GR_TYPE_BAR_LAYER)), FALSE);

  frame = gr_chart_frame_new ("各品种库存与计划", chart);
  gr_chart_frame_set_subtitle (GR_CHART_FRAME (frame), "截至 2025年6月30日，黑线为年度储备计划");
  return frame;
}

static GtkWidget *
make_ratio_lines (void)
{
  g_autoptr(GrChartData) data = gr_chart_data_new ();
  g_autoptr(GPtrArray) months = g_ptr_array_new_with_free_func (g_free);
  double wheat[24], rice[24], oil[24];
  GtkWidget *chart = gr_chart_new_lines ();
  GrThresholdLayer *thresholds;
  GtkWidget *frame;

  for (guint i = 0; i < 24; i++)
    {
      int month = 7 + i;
      int year = 2023 + (month - 1) / 12;

      month = (month - 1) % 12 + 1;
      g_ptr_array_add (months, g_strdup_printf ("%d-%02d", year, month));
      /* Rotation dips in spring and autumn */
      wheat[i] = 0.93 - 0.16 * exp (-pow ((i % 12) - 9, 2) / 3.0) + 0.01 * sin (i);
      rice[i] = 0.90 - 0.19 * exp (-pow ((i % 12) - 3, 2) / 2.5) + 0.012 * cos (i * 1.3);
      oil[i] = 0.97 - 0.05 * exp (-pow ((i % 12) - 6, 2) / 4.0);
    }
  g_ptr_array_add (months, NULL);

  gr_chart_data_set_categories (data, (const char * const *) months->pdata);
  gr_chart_data_set_category_title (data, "月份");
  gr_chart_data_set_percent (data, TRUE);
  gr_chart_data_set_decimals (data, 1);
  {
    g_autoptr(GrChartSeries) s1 = gr_chart_series_new ("小麦", GR_CHART_COLOR_AUTO, wheat, 24);
    g_autoptr(GrChartSeries) s2 = gr_chart_series_new ("稻谷", GR_CHART_COLOR_AUTO, rice, 24);
    g_autoptr(GrChartSeries) s3 = gr_chart_series_new ("食用油", GR_CHART_COLOR_AUTO, oil, 24);

    gr_chart_data_add_series (data, s1);
    gr_chart_data_add_series (data, s2);
    gr_chart_data_add_series (data, s3);
  }
  gr_chart_set_data (GR_CHART (chart), data);

  thresholds = GR_THRESHOLD_LAYER (gr_chart_find_layer (GR_CHART (chart), GR_TYPE_THRESHOLD_LAYER));
  gr_threshold_layer_add_band (thresholds, -INFINITY, 0.70, "低于最低库存比例", GR_CHART_COLOR_ERROR);
  gr_threshold_layer_add_line (thresholds, 0.70, "70% 东莞 第十五条", GR_CHART_COLOR_ERROR);

  frame = gr_chart_frame_new ("月末库存比例（近24个月）", chart);
  gr_chart_frame_set_subtitle (GR_CHART_FRAME (frame), "月末实际库存占储备计划的比例");
  return frame;
}

static GtkWidget *
make_donut (void)
{
  static const double stock[] = { 52360, 38120 + 45800 + 12400, 21500, 8240, 18900, 6350 };
  static const char *parts[] = { "小麦", "稻谷", "玉米", "大豆", "大米", "食用油", NULL };
  g_autoptr(GrChartData) data = gr_chart_data_new ();
  g_autoptr(GrChartSeries) series = gr_chart_series_new ("库存", GR_CHART_COLOR_AUTO, stock, G_N_ELEMENTS (stock));
  GtkWidget *chart = gr_chart_new_share (GR_SHARE_SHAPE_DONUT);

  gr_chart_data_set_categories (data, parts);
  gr_chart_data_set_category_title (data, "品种");
  gr_chart_data_set_unit (data, "吨");
  gr_chart_data_add_series (data, series);
  gr_chart_set_data (GR_CHART (chart), data);

  return gr_chart_frame_new ("库存品种构成", chart);
}

static GtkWidget *
make_enterprise_bars (void)
{
  static const char *enterprises[] = {
    "东莞市粮食储备有限公司",
    "东莞市麻涌中心粮库",
    "东莞市常平粮食储备库有限公司",
    "东莞市虎门港粮油储备中心",
    "东莞市樟木头镇粮食购销站",
    NULL
  };
  static const double rice[] = { 42000, 31500, 12800, 9600, 4200 };
  static const double wheat[] = { 21000, 18400, 6900, 3800, 2260 };
  static const double corn[] = { 9800, 6200, 2900, 1800, 800 };
  static const double oil[] = { 2600, 1200, 900, 1650, 0 };
  static const double plan[] = { 80000, 55000, 26000, 16000, 9000 };
  g_autoptr(GrChartData) data = gr_chart_data_new ();
  GtkWidget *chart = gr_chart_new_bars (GR_BAR_MODE_STACKED, TRUE);
  GtkWidget *frame;

  gr_chart_data_set_categories (data, enterprises);
  gr_chart_data_set_category_title (data, "承储企业");
  gr_chart_data_set_unit (data, "吨");
  {
    g_autoptr(GrChartSeries) s1 = gr_chart_series_new ("稻谷", GR_CHART_COLOR_AUTO, rice, 5);
    g_autoptr(GrChartSeries) s2 = gr_chart_series_new ("小麦", GR_CHART_COLOR_AUTO, wheat, 5);
    g_autoptr(GrChartSeries) s3 = gr_chart_series_new ("玉米", GR_CHART_COLOR_AUTO, corn, 5);
    g_autoptr(GrChartSeries) s4 = gr_chart_series_new ("食用油", GR_CHART_COLOR_AUTO, oil, 5);

    gr_chart_data_add_series (data, s1);
    gr_chart_data_add_series (data, s2);
    gr_chart_data_add_series (data, s3);
    gr_chart_data_add_series (data, s4);
  }
  gr_chart_data_set_targets (data, "计划", plan, G_N_ELEMENTS (plan));
  gr_chart_set_data (GR_CHART (chart), data);

  frame = gr_chart_frame_new ("各承储企业储备构成", chart);
  gr_chart_frame_set_subtitle (GR_CHART_FRAME (frame), "按品种堆叠，黑线为储备计划");
  return frame;
}

static GtkWidget *
make_gauges (void)
{
  static const struct { const char *name; double used; double capacity; } bins[] = {
    { "麻涌中心粮库 1号仓", 9250, 10000 },
    { "麻涌中心粮库 2号仓", 7820, 10000 },
    { "常平储备库 3号低温仓", 6060, 6000 },
    { "虎门港储备中心 油罐A", 1650, 2600 },
    { "樟木头购销站 平房仓", 4260, 5000 },
  };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 14);

  for (guint i = 0; i < G_N_ELEMENTS (bins); i++)
    {
      GrGauge *gauge = GR_GAUGE (gr_gauge_new ());

      gr_gauge_set_title (gauge, bins[i].name);
      gr_gauge_set_unit (gauge, "吨");
      gr_gauge_set_capacity (gauge, bins[i].capacity);
      gr_gauge_set_value (gauge, bins[i].used);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (gauge));
    }

  return gr_chart_frame_new ("仓容使用", box);
}

static GtkWidget *
make_grade_share (void)
{
  static const double tonnes[] = { 93100, 64200, 29800, 4300 };
  static const char *grades[] = { "一等", "二等", "三等", "等外", NULL };
  static const GrChartColor colors[] = {
    GR_CHART_COLOR_SUCCESS, GR_CHART_COLOR_ACCENT, GR_CHART_COLOR_WARNING, GR_CHART_COLOR_ERROR,
  };
  g_autoptr(GrChartData) data = gr_chart_data_new ();
  g_autoptr(GrChartSeries) series = gr_chart_series_new ("数量", GR_CHART_COLOR_AUTO, tonnes, G_N_ELEMENTS (tonnes));
  GtkWidget *chart = gr_chart_new_share (GR_SHARE_SHAPE_BAR);
  GtkWidget *frame;

  gr_chart_data_set_categories (data, grades);
  gr_chart_data_set_category_title (data, "质量等级");
  gr_chart_data_set_unit (data, "吨");
  gr_chart_data_add_series (data, series);
  gr_chart_set_data (GR_CHART (chart), data);
  gr_share_layer_set_colors (GR_SHARE_LAYER (gr_chart_find_layer (GR_CHART (chart), GR_TYPE_SHARE_LAYER)),
                             colors, G_N_ELEMENTS (colors));

  frame = gr_chart_frame_new ("原粮质量等级构成", chart);
  gr_chart_frame_set_subtitle (GR_CHART_FRAME (frame), "按 GB 1351、GB 1350 定等");
  return frame;
}

static void
item_activated_cb (GrChart *chart,
                   int      series,
                   int      index,
                   gpointer user_data)
{
  g_print ("%s: series %d, item %d (%s)\n",
           gr_chart_get_title (chart), series, index,
           gr_chart_data_get_category (gr_chart_get_data (chart), index));
}

static void
connect_frames (GtkWidget *widget,
                gboolean   table)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GR_IS_CHART_FRAME (child))
        {
          GtkWidget *content = gr_chart_frame_get_content (GR_CHART_FRAME (child));

          if (GR_IS_CHART (content))
            g_signal_connect (content, "item-activated", G_CALLBACK (item_activated_cb), NULL);
          if (table)
            gr_chart_frame_set_show_table (GR_CHART_FRAME (child), TRUE);
        }
      else
        connect_frames (child, table);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GMainLoop) loop = NULL;
  gboolean dark = FALSE;
  gboolean table = FALSE;
  int width = 1440, height = 900;
  const char *localedir;
  GtkWidget *window, *header, *scroller, *box, *grid;

  setlocale (LC_ALL, "");
  localedir = g_getenv ("GRANARY_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--dark"))
        dark = TRUE;
      else if (g_str_equal (argv[i], "--table"))
        table = TRUE;
      else if (g_str_has_prefix (argv[i], "--size=") &&
               sscanf (argv[i] + strlen ("--size="), "%dx%d", &width, &height) == 2)
        ;
      else
        {
          g_printerr ("usage: chart-gallery [--dark] [--table] [--size=WxH]\n");
          return 2;
        }
    }

  gtk_init ();
  adw_init ();
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);

  window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), "图表组件");
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  header = adw_header_bar_new ();
  gtk_window_set_titlebar (GTK_WINDOW (window), header);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 16);
  gtk_widget_set_margin_start (box, 20);
  gtk_widget_set_margin_end (box, 20);
  gtk_widget_set_margin_top (box, 16);
  gtk_widget_set_margin_bottom (box, 20);
  gtk_box_append (GTK_BOX (box), make_tiles ());

  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 16);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 16);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_grid_attach (GTK_GRID (grid), make_variety_bars (), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), make_ratio_lines (), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), make_donut (), 2, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), make_enterprise_bars (), 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), make_gauges (), 1, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), make_grade_share (), 2, 1, 1, 1);
  gtk_box_append (GTK_BOX (box), grid);
  connect_frames (grid, table);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_window_set_child (GTK_WINDOW (window), scroller);

  loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect_swapped (window, "destroy", G_CALLBACK (g_main_loop_quit), loop);
  gtk_window_present (GTK_WINDOW (window));
  g_main_loop_run (loop);

  return 0;
}
