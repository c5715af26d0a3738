/* test-charts.c: the chart kit — axis arithmetic, stacking, thresholds,
 * label fitting, KPI rules, tooltips and accessible texts, then every
 * widget realized and drawn under a real display.
 *
 * The computations run without a display; the widget tests need one
 * (xvfb-run in CI) and are skipped when there is none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <gtk/gtk.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "gr-charts.h"
#include "gr-widget-test.h"

static gboolean have_display;

static void
assert_ticks (const GrChartTicks *ticks,
              const double       *expected,
              guint               n_expected)
{
  g_assert_cmpuint (ticks->n_ticks, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpfloat (gr_chart_ticks_value (ticks, i), ==, expected[i]);
  g_assert_cmpfloat (ticks->min, ==, expected[0]);
  g_assert_cmpfloat (ticks->max, ==, expected[n_expected - 1]);
}

static void
assert_tick_labels (const GrChartFormat *format,
                    const GrChartTicks  *ticks,
                    const char * const  *expected)
{
  for (guint i = 0; i < ticks->n_ticks; i++)
    {
      g_autofree char *label = gr_chart_format_tick (format, ticks, gr_chart_ticks_value (ticks, i));

      g_assert_cmpstr (label, ==, expected[i]);
    }
  g_assert_null (expected[ticks->n_ticks]);
}

/* Computations */

static void
test_nice_step (void)
{
  int decimals;

  g_assert_cmpfloat (gr_chart_nice_step (44691.2, &decimals), ==, 50000);
  g_assert_cmpint (decimals, ==, 0);
  g_assert_cmpfloat (gr_chart_nice_step (1140, NULL), ==, 2000);
  g_assert_cmpfloat (gr_chart_nice_step (0.068, &decimals), ==, 0.1);
  g_assert_cmpint (decimals, ==, 1);
  g_assert_cmpfloat (gr_chart_nice_step (0.028, &decimals), ==, 0.05);
  g_assert_cmpint (decimals, ==, 2);
  g_assert_cmpfloat (gr_chart_nice_step (1, NULL), ==, 1);
  g_assert_cmpfloat (gr_chart_nice_step (3, NULL), ==, 5);
  g_assert_cmpfloat (gr_chart_nice_step (7, NULL), ==, 10);
  g_assert_cmpfloat (gr_chart_nice_step (0, NULL), ==, 1);
}

static void
test_ticks_thousands (void)
{
  static const double expected[] = { 0, 50000, 100000, 150000, 200000, 250000 };
  static const char *labels[] = { "0", "50,000", "100,000", "150,000", "200,000", "250,000", NULL };
  GrChartFormat tonnes = { "吨", FALSE, 0 };
  GrChartTicks ticks;

  gr_chart_nice_ticks (0, 223456, 5, &ticks);
  g_assert_cmpfloat (ticks.step, ==, 50000);
  g_assert_cmpint (ticks.decimals, ==, 0);
  assert_ticks (&ticks, expected, G_N_ELEMENTS (expected));
  assert_tick_labels (&tonnes, &ticks, labels);
  /* The axis names the unit once */
  g_assert_cmpstr (gr_chart_format_axis_unit (&tonnes), ==, "吨");
}

static void
test_ticks_unit_interval (void)
{
  static const double expected[] = { 0, 0.2, 0.4, 0.6, 0.8, 1.0 };
  static const char *plain[] = { "0.0", "0.2", "0.4", "0.6", "0.8", "1.0", NULL };
  static const char *percent[] = { "0%", "20%", "40%", "60%", "80%", "100%", NULL };
  GrChartFormat number = { NULL, FALSE, 0 };
  GrChartFormat ratio = { NULL, TRUE, 1 };
  GrChartTicks ticks;

  gr_chart_nice_ticks (0, 1, 5, &ticks);
  g_assert_cmpfloat (ticks.step, ==, 0.2);
  g_assert_cmpint (ticks.decimals, ==, 1);
  assert_ticks (&ticks, expected, G_N_ELEMENTS (expected));
  assert_tick_labels (&number, &ticks, plain);
  assert_tick_labels (&ratio, &ticks, percent);
  g_assert_null (gr_chart_format_axis_unit (&ratio));
}

/* Month-end stock ratios run from 68 % to 102 % of plan */
static void
test_ticks_ratio (void)
{
  static const double expected[] = { 0.6, 0.7, 0.8, 0.9, 1.0, 1.1 };
  static const char *labels[] = { "60%", "70%", "80%", "90%", "100%", "110%", NULL };
  GrChartFormat ratio = { NULL, TRUE, 1 };
  GrChartExtent extent;
  GrChartTicks ticks;

  gr_chart_nice_ticks (0.68, 1.02, 5, &ticks);
  g_assert_cmpfloat (ticks.step, ==, 0.1);
  assert_ticks (&ticks, expected, G_N_ELEMENTS (expected));
  assert_tick_labels (&ratio, &ticks, labels);

  /* Fitted, with 5 % of air: 0.663..1.037 in 5-point steps */
  gr_chart_extent_init (&extent);
  gr_chart_extent_add (&extent, 0.68);
  gr_chart_extent_add (&extent, 1.02);
  gr_chart_axis_fit (&extent, FALSE, 8, &ticks);
  g_assert_cmpfloat (ticks.min, ==, 0.65);
  g_assert_cmpfloat (ticks.max, ==, 1.05);
  g_assert_cmpfloat (ticks.step, ==, 0.05);
  g_assert_cmpuint (ticks.n_ticks, ==, 9);
}

static void
test_ticks_zero_range (void)
{
  static const double unit[] = { 0, 0.2, 0.4, 0.6, 0.8, 1.0 };
  static const double five[] = { 4.4, 4.6, 4.8, 5.0, 5.2, 5.4, 5.6 };
  static const double bars[] = { 0, 1, 2, 3, 4, 5 };
  GrChartExtent extent;
  GrChartTicks ticks;

  /* All zero: 0..1 */
  gr_chart_nice_ticks (0, 0, 5, &ticks);
  assert_ticks (&ticks, unit, G_N_ELEMENTS (unit));

  /* One value: ±10 % around it */
  gr_chart_nice_ticks (5, 5, 5, &ticks);
  assert_ticks (&ticks, five, G_N_ELEMENTS (five));

  /* Bars include zero, so one value is a range after all */
  gr_chart_extent_init (&extent);
  gr_chart_extent_add (&extent, 5);
  gr_chart_axis_for_extent (&extent, TRUE, 5, &ticks);
  assert_ticks (&ticks, bars, G_N_ELEMENTS (bars));

  /* No data at all: 0..1, missing values ignored */
  gr_chart_extent_init (&extent);
  gr_chart_extent_add (&extent, NAN);
  gr_chart_extent_add (&extent, INFINITY);
  g_assert_true (extent.empty);
  gr_chart_axis_for_extent (&extent, TRUE, 5, &ticks);
  assert_ticks (&ticks, unit, G_N_ELEMENTS (unit));
}

static void
test_ticks_negative (void)
{
  static const double expected[] = { -2000, 0, 2000, 4000, 6000 };
  static const char *labels[] = { "-2,000", "0", "2,000", "4,000", "6,000", NULL };
  static const double below[] = { -300, -250, -200, -150, -100, -50, 0 };
  GrChartFormat tonnes = { "吨", FALSE, 0 };
  GrChartExtent extent;
  GrChartTicks ticks;

  gr_chart_nice_ticks (-1500, 4200, 5, &ticks);
  assert_ticks (&ticks, expected, G_N_ELEMENTS (expected));
  assert_tick_labels (&tonnes, &ticks, labels);

  /* Losses only: the axis ends at zero */
  gr_chart_extent_init (&extent);
  gr_chart_extent_add (&extent, -120);
  gr_chart_extent_add (&extent, -280);
  gr_chart_axis_for_extent (&extent, TRUE, 6, &ticks);
  assert_ticks (&ticks, below, G_N_ELEMENTS (below));
}

/* The fitted axis wastes no more than a step: 0..60,000 in three steps of
 * 20,000, not 0..100,000 in two of 50,000. */
static void
test_axis_fit (void)
{
  static const double expected[] = { 0, 20000, 40000, 60000 };
  GrChartExtent extent;
  GrChartTicks ticks;

  gr_chart_extent_init (&extent);
  gr_chart_extent_add (&extent, 52360);
  gr_chart_extent_add (&extent, 60000);
  gr_chart_axis_fit (&extent, TRUE, 3, &ticks);
  assert_ticks (&ticks, expected, G_N_ELEMENTS (expected));

  gr_chart_axis_for_extent (&extent, TRUE, 2, &ticks);
  g_assert_cmpfloat (ticks.max, ==, 100000);

  g_assert_cmpuint (gr_chart_intervals_for_length (170, 34), ==, 5);
  g_assert_cmpuint (gr_chart_intervals_for_length (10, 34), ==, 1);
  g_assert_cmpuint (gr_chart_intervals_for_length (2000, 34), ==, 8);
}

static GrChartData *
variety_data (void)
{
  static const char *varieties[] = { "小麦", "稻谷", "玉米", NULL };
  static const double actual[] = { 223456, 180000, 96500.5 };
  static const double plan[] = { 250000, 170000, NAN };
  GrChartData *data = gr_chart_data_new ();
  g_autoptr(GrChartSeries) series = gr_chart_series_new ("实际库存", GR_CHART_COLOR_ACCENT, actual, 3);

  gr_chart_data_set_categories (data, varieties);
  gr_chart_data_set_category_title (data, "品种");
  gr_chart_data_set_unit (data, "吨");
  gr_chart_data_add_series (data, series);
  gr_chart_data_set_targets (data, "计划", plan, 3);

  return data;
}

/* A plan above every bar still shows on the axis */
static void
test_axis_target_above_bars (void)
{
  static const char *names[] = { "东莞市粮食储备有限公司", "麻涌中心粮库", NULL };
  static const double stock[] = { 180000, 150000 };
  static const double plan[] = { 260000, 200000 };
  g_autoptr(GrChartData) data = gr_chart_data_new ();
  g_autoptr(GrChartSeries) series = gr_chart_series_new ("库存", GR_CHART_COLOR_AUTO, stock, 2);
  GrChartExtent extent;
  GrChartTicks ticks;

  gr_chart_data_set_categories (data, names);
  gr_chart_data_add_series (data, series);

  gr_chart_extent_init (&extent);
  gr_chart_data_add_extent (data, FALSE, &extent);
  gr_chart_axis_fit (&extent, TRUE, 5, &ticks);
  g_assert_cmpfloat (ticks.max, ==, 200000);

  gr_chart_data_set_targets (data, "计划", plan, 2);
  gr_chart_extent_init (&extent);
  gr_chart_data_add_extent (data, FALSE, &extent);
  g_assert_cmpfloat (extent.max, ==, 260000);
  gr_chart_axis_fit (&extent, TRUE, 5, &ticks);
  g_assert_cmpfloat (ticks.min, ==, 0);
  g_assert_cmpfloat (ticks.max, ==, 300000);
  g_assert_cmpfloat (ticks.step, ==, 100000);
}

static void
test_stack_sums (void)
{
  /* Three series over three categories; NaN is a missing value */
  static const double values[] = {
    10, 20, NAN,
     5, -4,   7,
     3,  6,   1,
  };
  static const double starts[] = { 0, 0, 0, 10, 0, 0, 15, 20, 7 };
  static const double ends[] = { 10, 20, 0, 15, -4, 7, 18, 26, 8 };
  static const double totals[] = { 18, 22, 8 };
  double got_starts[9], got_ends[9], got_totals[3];
  static const char *cats[] = { "一", "二", "三", NULL };
  g_autoptr(GrChartData) data = gr_chart_data_new ();
  GrChartExtent extent;

  gr_chart_stack (values, 3, 3, got_starts, got_ends, got_totals);
  for (guint i = 0; i < 9; i++)
    {
      g_assert_cmpfloat (got_starts[i], ==, starts[i]);
      g_assert_cmpfloat (got_ends[i], ==, ends[i]);
    }
  for (guint i = 0; i < 3; i++)
    g_assert_cmpfloat (got_totals[i], ==, totals[i]);

  /* The same through chart data: stacked extents reach 26 and −4 */
  gr_chart_data_set_categories (data, cats);
  for (guint s = 0; s < 3; s++)
    {
      g_autoptr(GrChartSeries) series = gr_chart_series_new ("s", GR_CHART_COLOR_AUTO, values + 3 * s, 3);

      gr_chart_data_add_series (data, series);
    }
  g_assert_cmpfloat (gr_chart_data_get_total (data, 1), ==, 22);
  gr_chart_extent_init (&extent);
  gr_chart_data_add_extent (data, TRUE, &extent);
  g_assert_cmpfloat (extent.min, ==, -4);
  g_assert_cmpfloat (extent.max, ==, 26);
  gr_chart_extent_init (&extent);
  gr_chart_data_add_extent (data, FALSE, &extent);
  g_assert_cmpfloat (extent.min, ==, -4);
  g_assert_cmpfloat (extent.max, ==, 20);
}

/* 东莞 第十五条: month-end stock must stay at 70 % of plan or above. On a
 * 0–100 % axis 200 px high starting 12 px down, the line is 60 px below
 * the top of the plot. */
static void
test_threshold_dongguan_art15 (void)
{
  graphene_rect_t plot = GRAPHENE_RECT_INIT (40, 12, 300, 200);
  graphene_rect_t band;
  GrChartTicks ticks;

  gr_chart_nice_ticks (0, 1, 5, &ticks);
  g_assert_cmpfloat_with_epsilon (gr_chart_value_to_y (&ticks, 0.70, &plot), 72.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (gr_chart_value_to_x (&ticks, 0.70, &plot), 250.0, 1e-9);

  /* The shaded band below the minimum */
  g_assert_true (gr_chart_band_rect (&ticks, -INFINITY, 0.70, &plot, FALSE, &band));
  g_assert_cmpfloat_with_epsilon (band.origin.x, 40, 1e-9);
  g_assert_cmpfloat_with_epsilon (band.origin.y, 72, 1e-9);
  g_assert_cmpfloat_with_epsilon (band.size.width, 300, 1e-9);
  g_assert_cmpfloat_with_epsilon (band.size.height, 140, 1e-9);

  /* 70–90 % */
  g_assert_true (gr_chart_band_rect (&ticks, 0.9, 0.7, &plot, FALSE, &band));
  g_assert_cmpfloat_with_epsilon (band.origin.y, 32, 1e-9);
  g_assert_cmpfloat_with_epsilon (band.size.height, 40, 1e-9);

  /* Sideways: from 70 % to the end of the axis */
  g_assert_true (gr_chart_band_rect (&ticks, 0.70, INFINITY, &plot, TRUE, &band));
  g_assert_cmpfloat_with_epsilon (band.origin.x, 250, 1e-9);
  g_assert_cmpfloat_with_epsilon (band.size.width, 90, 1e-9);
  g_assert_cmpfloat_with_epsilon (band.size.height, 200, 1e-9);

  /* Off the axis: nothing to shade */
  g_assert_false (gr_chart_band_rect (&ticks, 1.2, 1.5, &plot, FALSE, &band));
  g_assert_false (gr_chart_band_rect (&ticks, NAN, 0.5, &plot, FALSE, &band));

  /* On a 60–110 % ratio axis the same line sits at a fifth of the height */
  gr_chart_nice_ticks (0.68, 1.02, 5, &ticks);
  g_assert_cmpfloat_with_epsilon (gr_chart_value_to_y (&ticks, 0.70, &plot), 12 + 200 * 0.8, 1e-9);
}

static void
test_category_geometry (void)
{
  GrChartSpan axis = { 10, 400 };
  GrChartSpan out;

  gr_chart_category_slot (8, 3, &axis, &out);
  g_assert_cmpfloat (out.start, ==, 160);
  g_assert_cmpfloat (out.length, ==, 50);

  g_assert_cmpint (gr_chart_category_at (8, &axis, 9.9), ==, -1);
  g_assert_cmpint (gr_chart_category_at (8, &axis, 10), ==, 0);
  g_assert_cmpint (gr_chart_category_at (8, &axis, 185), ==, 3);
  g_assert_cmpint (gr_chart_category_at (8, &axis, 409.9), ==, 7);
  g_assert_cmpint (gr_chart_category_at (8, &axis, 410), ==, -1);

  /* Two bars in a 50 px slot: 35 px of group, 3 px gap, 16 px each */
  gr_chart_bar_span (8, 3, 2, 0, &axis, &out);
  g_assert_cmpfloat (out.length, ==, 16);
  g_assert_cmpfloat (out.start, ==, 167.5);
  gr_chart_bar_span (8, 3, 2, 1, &axis, &out);
  g_assert_cmpfloat (out.start, ==, 186.5);

  /* One category on a wide axis: the bar stops at 48 px, centred */
  axis = (GrChartSpan) { 0, 600 };
  gr_chart_bar_span (1, 0, 1, 0, &axis, &out);
  g_assert_cmpfloat (out.length, ==, 48);
  g_assert_cmpfloat (out.start, ==, 276);
}

static void
test_label_fitting (void)
{
  static const char *long_name = "东莞市常平粮食储备库有限公司";
  g_autoptr(GObject) context = G_OBJECT (pango_font_map_create_context (pango_cairo_font_map_get_default ()));
  g_autoptr(PangoLayout) layout = pango_layout_new (PANGO_CONTEXT (context));
  g_autofree char *tooltip = NULL;
  int width, full_width;

  /* Unlimited it is wide, at 100 px it is ellipsized at its end */
  g_assert_false (gr_chart_text_fit (layout, long_name, GR_CHART_TEXT_NORMAL, -1));
  gr_chart_text_size (layout, &full_width, NULL);
  g_assert_cmpint (full_width, >, 100);
  g_assert_null (gr_chart_text_tooltip (layout, long_name));

  g_assert_true (gr_chart_text_fit (layout, long_name, GR_CHART_TEXT_NORMAL, 100));
  gr_chart_text_size (layout, &width, NULL);
  g_assert_cmpint (width, <=, 100);
  g_assert_cmpint (pango_layout_get_ellipsize (layout), ==, PANGO_ELLIPSIZE_END);
  tooltip = gr_chart_text_tooltip (layout, long_name);
  g_assert_cmpstr (tooltip, ==, long_name);

  /* A short name fits as it is */
  g_assert_false (gr_chart_text_fit (layout, "小麦", GR_CHART_TEXT_NORMAL, 100));
  g_assert_null (gr_chart_text_tooltip (layout, "小麦"));
}

static void
test_label_step (void)
{
  /* 24 months, 14 px apart, labels 55 px wide: every 6th (half-years),
   * counted back from the latest month */
  g_assert_cmpuint (gr_chart_label_step (24, 14, 55, 12), ==, 6);
  g_assert_true (gr_chart_label_step_shows (24, 6, 23));
  g_assert_true (gr_chart_label_step_shows (24, 6, 17));
  g_assert_true (gr_chart_label_step_shows (24, 6, 5));
  g_assert_false (gr_chart_label_step_shows (24, 6, 22));
  g_assert_false (gr_chart_label_step_shows (24, 6, 0));

  g_assert_cmpuint (gr_chart_label_step (24, 70, 55, 12), ==, 1);
  g_assert_cmpuint (gr_chart_label_step (24, 30, 55, 12), ==, 3);
  g_assert_cmpuint (gr_chart_label_step (120, 3, 55, 12), ==, 24);
  g_assert_cmpuint (gr_chart_label_step (4, 3, 55, 12), ==, 4);
}

static void
test_value_label_place (void)
{
  /* Beyond the end of the bar when there is room */
  g_assert_cmpint (gr_chart_value_label_place (20, 100, 60, 16, 50), ==, GR_CHART_LABEL_OUTSIDE);
  /* Inside a long bar at the edge of the plot */
  g_assert_cmpint (gr_chart_value_label_place (20, 100, 10, 16, 50), ==, GR_CHART_LABEL_INSIDE);
  /* Neither */
  g_assert_cmpint (gr_chart_value_label_place (20, 40, 10, 16, 50), ==, GR_CHART_LABEL_HIDDEN);
  /* Labels wider than a thin column would collide with their neighbours */
  g_assert_cmpint (gr_chart_value_label_place (12, 100, 60, 50, 16), ==, GR_CHART_LABEL_HIDDEN);
}

/* Threshold labels stand in a margin beside the plot, level with their
 * lines, so that they never cover the data (the 70 % line of 东莞
 * 第十五条 crosses the month-end ratio lines). */
static void
test_margin_labels (void)
{
  double starts[3];
  gboolean visible[3];

  /* A sixth of the chart, within 56..140 pixels */
  g_assert_cmpint (gr_chart_margin_label_cap (300), ==, 56);
  g_assert_cmpint (gr_chart_margin_label_cap (660), ==, 110);
  g_assert_cmpint (gr_chart_margin_label_cap (1200), ==, 140);

  /* One label, centred on its line */
  gr_chart_place_margin_labels ((double[]) { 100 }, (double[]) { 28 }, 1, 2, 0, 200, starts, visible);
  g_assert_true (visible[0]);
  g_assert_cmpfloat (starts[0], ==, 86);

  /* Two lines 6 px apart: the second label clears the first */
  gr_chart_place_margin_labels ((double[]) { 100, 106 }, (double[]) { 28, 28 }, 2, 2, 0, 200, starts, visible);
  g_assert_true (visible[0] && visible[1]);
  g_assert_cmpfloat (starts[0], ==, 86);
  g_assert_cmpfloat (starts[1], ==, 116);

  /* In any order */
  gr_chart_place_margin_labels ((double[]) { 106, 100 }, (double[]) { 28, 28 }, 2, 2, 0, 200, starts, visible);
  g_assert_cmpfloat (starts[0], ==, 116);
  g_assert_cmpfloat (starts[1], ==, 86);

  /* A line near the end: its label stays inside */
  gr_chart_place_margin_labels ((double[]) { 190 }, (double[]) { 28 }, 1, 2, 0, 200, starts, visible);
  g_assert_true (visible[0]);
  g_assert_cmpfloat (starts[0], ==, 172);

  /* Three lines near the end: the stack moves back up */
  gr_chart_place_margin_labels ((double[]) { 180, 185, 190 }, (double[]) { 20, 20, 20 }, 3, 2, 0, 200,
                                starts, visible);
  g_assert_true (visible[0] && visible[1] && visible[2]);
  g_assert_cmpfloat (starts[0], ==, 136);
  g_assert_cmpfloat (starts[1], ==, 158);
  g_assert_cmpfloat (starts[2], ==, 180);

  /* No room for all three: the one that does not fit is hidden, the
   * others never overlap */
  gr_chart_place_margin_labels ((double[]) { 10, 12, 14 }, (double[]) { 40, 40, 40 }, 3, 2, 0, 100,
                                starts, visible);
  g_assert_false (visible[0]);
  g_assert_true (visible[1] && visible[2]);
  g_assert_cmpfloat (starts[1], ==, 18);
  g_assert_cmpfloat (starts[2], ==, 60);
  g_assert_cmpfloat (starts[1] + 40 + 2, <=, starts[2]);
}

static void
test_shares (void)
{
  const double values[] = { 52360, 96320, NAN, -5, 51320 };
  double fractions[5];

  g_assert_cmpfloat (gr_chart_shares (values, 5, fractions), ==, 200000);
  g_assert_cmpfloat (fractions[0], ==, 0.2618);
  g_assert_cmpfloat (fractions[1], ==, 0.4816);
  g_assert_cmpfloat (fractions[2], ==, 0);
  g_assert_cmpfloat (fractions[3], ==, 0);
  g_assert_cmpfloat (fractions[4], ==, 0.2566);
}

static void
test_format_numbers (void)
{
  GrChartFormat tonnes = { "吨", FALSE, 0 };
  GrChartFormat wan = { "万吨", FALSE, 2 };
  GrChartFormat ratio = { NULL, TRUE, 1 };
  struct { double value; int decimals; const char *text; } numbers[] = {
    { 223456, 0, "223,456" },
    { 1234567.891, 2, "1,234,567.89" },
    { -1234.5, 1, "-1,234.5" },
    { -0.004, 2, "0.00" },
    { 999.5, 0, "1,000" },
    { 1e9, 0, "1,000,000,000" },
    { 0.5, 3, "0.500" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autofree char *text = gr_chart_format_number (numbers[i].value, numbers[i].decimals);

      g_assert_cmpstr (text, ==, numbers[i].text);
    }

  {
    g_autofree char *a = gr_chart_format_value (&tonnes, 12560);
    g_autofree char *b = gr_chart_format_value (&wan, 12.56);
    g_autofree char *c = gr_chart_format_value (&ratio, 0.8938);
    g_autofree char *d = gr_chart_format_value (&tonnes, NAN);
    g_autofree char *e = gr_chart_format_delta (&tonnes, -3400);
    g_autofree char *f = gr_chart_format_delta (&tonnes, 900);
    g_autofree char *g = gr_chart_format_delta (&ratio, -0.012);
    g_autofree char *h = gr_chart_format_delta (&tonnes, -0.2);

    g_assert_cmpstr (a, ==, "12,560 吨");
    g_assert_cmpstr (b, ==, "12.56 万吨");
    g_assert_cmpstr (c, ==, "89.4%");
    g_assert_cmpstr (d, ==, "–");
    g_assert_cmpstr (e, ==, "−3,400 吨");
    g_assert_cmpstr (f, ==, "+900 吨");
    g_assert_cmpstr (g, ==, "−1.2 pp");
    g_assert_cmpstr (h, ==, "0 吨");
  }
}

/* Region targets (DESIGN.md §4): quality pass rate 97 %, AAA coverage 80 %.
 * Below target is a warning; at or past the critical level an error. */
static void
test_kpi_status (void)
{
  GrChartFormat ratio = { NULL, TRUE, 1 };
  GrChartFormat wan = { "万吨", FALSE, 2 };
  GrChartFormat tonnes = { "吨", FALSE, 0 };
  g_autofree char *quality = NULL;
  g_autofree char *reserve = NULL;
  g_autofree char *finished = NULL;

  g_assert_cmpint (gr_kpi_status (0.958, 0.97, TRUE, NAN), ==, GR_CHART_STATUS_WARNING);
  g_assert_cmpstr (gr_kpi_status_css_class (GR_CHART_STATUS_WARNING), ==, "warning");
  g_assert_cmpstr (gr_kpi_status_icon_name (GR_CHART_STATUS_WARNING), ==, "dialog-warning-symbolic");

  g_assert_cmpint (gr_kpi_status (0.833, 0.80, TRUE, NAN), ==, GR_CHART_STATUS_GOOD);
  g_assert_cmpint (gr_kpi_status (0.80, 0.80, TRUE, NAN), ==, GR_CHART_STATUS_GOOD);
  g_assert_cmpstr (gr_kpi_status_css_class (GR_CHART_STATUS_GOOD), ==, "success");

  g_assert_cmpint (gr_kpi_status (0.89, 0.97, TRUE, 0.90), ==, GR_CHART_STATUS_CRITICAL);
  g_assert_cmpint (gr_kpi_status (0.90, 0.97, TRUE, 0.90), ==, GR_CHART_STATUS_CRITICAL);
  g_assert_cmpint (gr_kpi_status (0.91, 0.97, TRUE, 0.90), ==, GR_CHART_STATUS_WARNING);
  g_assert_cmpstr (gr_kpi_status_css_class (GR_CHART_STATUS_CRITICAL), ==, "error");

  /* Limits: lower is better */
  g_assert_cmpint (gr_kpi_status (0.0015, 0.002, FALSE, NAN), ==, GR_CHART_STATUS_GOOD);
  g_assert_cmpint (gr_kpi_status (0.0025, 0.002, FALSE, 0.004), ==, GR_CHART_STATUS_WARNING);
  g_assert_cmpint (gr_kpi_status (0.0045, 0.002, FALSE, 0.004), ==, GR_CHART_STATUS_CRITICAL);

  g_assert_cmpint (gr_kpi_status (0.95, NAN, TRUE, NAN), ==, GR_CHART_STATUS_NONE);
  g_assert_null (gr_kpi_status_css_class (GR_CHART_STATUS_NONE));

  quality = gr_kpi_format_delta (&ratio, 0.958, 0.97);
  g_assert_cmpstr (quality, ==, "−1.2 pp");
  reserve = gr_kpi_format_delta (&wan, 12.56, 13.00);
  g_assert_cmpstr (reserve, ==, "−0.44 万吨 (−3.4%)");
  finished = gr_kpi_format_delta (&tonnes, 18900, 18000);
  g_assert_cmpstr (finished, ==, "+900 吨 (+5.0%)");
  g_assert_null (gr_kpi_format_delta (&tonnes, 18900, NAN));
}

static void
test_gauge_status (void)
{
  g_assert_cmpint (gr_gauge_status (0.782, 0.9, 1.0), ==, GR_CHART_STATUS_GOOD);
  g_assert_cmpint (gr_gauge_status (0.90, 0.9, 1.0), ==, GR_CHART_STATUS_WARNING);
  g_assert_cmpint (gr_gauge_status (1.0, 0.9, 1.0), ==, GR_CHART_STATUS_WARNING);
  g_assert_cmpint (gr_gauge_status (1.01, 0.9, 1.0), ==, GR_CHART_STATUS_CRITICAL);
  g_assert_cmpint (gr_gauge_status (NAN, 0.9, 1.0), ==, GR_CHART_STATUS_NONE);
}

static void
test_tooltip_text (void)
{
  g_autoptr(GrChartData) data = variety_data ();
  g_autofree char *wheat = gr_chart_data_dup_category_text (data, 0, FALSE);
  g_autofree char *corn = gr_chart_data_dup_category_text (data, 2, FALSE);

  g_assert_cmpstr (wheat, ==,
                   "小麦\n"
                   "实际库存: 223,456 吨\n"
                   "计划: 250,000 吨\n"
                   "Share of target: 89.4%");
  /* No plan for corn; decimals follow the data (0 here) */
  g_assert_cmpstr (corn, ==, "玉米\n实际库存: 96,501 吨");

  gr_chart_data_set_decimals (data, 1);
  g_clear_pointer (&corn, g_free);
  corn = gr_chart_data_dup_category_text (data, 2, FALSE);
  g_assert_cmpstr (corn, ==, "玉米\n实际库存: 96,500.5 吨");
}

static void
test_tooltip_stacked_text (void)
{
  static const char *names[] = { "东莞市粮食储备有限公司", NULL };
  static const double rice[] = { 42000 };
  static const double wheat[] = { 21000 };
  static const double plan[] = { 80000 };
  g_autoptr(GrChartData) data = gr_chart_data_new ();
  g_autoptr(GrChartSeries) s1 = gr_chart_series_new ("稻谷", GR_CHART_COLOR_AUTO, rice, 1);
  g_autoptr(GrChartSeries) s2 = gr_chart_series_new ("小麦", GR_CHART_COLOR_AUTO, wheat, 1);
  g_autofree char *text = NULL;

  gr_chart_data_set_categories (data, names);
  gr_chart_data_set_unit (data, "吨");
  gr_chart_data_add_series (data, s1);
  gr_chart_data_add_series (data, s2);
  gr_chart_data_set_targets (data, "计划", plan, 1);

  text = gr_chart_data_dup_category_text (data, 0, TRUE);
  g_assert_cmpstr (text, ==,
                   "东莞市粮食储备有限公司\n"
                   "稻谷: 42,000 吨\n"
                   "小麦: 21,000 吨\n"
                   "Total: 63,000 吨\n"
                   "计划: 80,000 吨\n"
                   "Share of target: 78.8%");
}

static void
test_description_text (void)
{
  g_autoptr(GrChartData) data = variety_data ();
  g_autoptr(GrChartData) months = gr_chart_data_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GrChartSeries) ratio = NULL;
  g_autofree char *text = gr_chart_data_dup_description (data, FALSE);
  g_autofree char *summary = NULL;
  double values[24];

  g_assert_cmpstr (text, ==,
                   "实际库存: 小麦 223,456 吨, 稻谷 180,000 吨, 玉米 96,501 吨. "
                   "计划: 小麦 250,000 吨, 稻谷 170,000 吨.");

  /* Two years of months: summarised, not read out one by one */
  for (guint i = 0; i < 24; i++)
    {
      g_ptr_array_add (labels, g_strdup_printf ("%d-%02d", 2024 + (6 + i) / 12, (6 + i) % 12 + 1));
      values[i] = 0.90;
    }
  g_ptr_array_add (labels, NULL);
  values[0] = 0.72;
  values[8] = 0.66;
  values[14] = 0.98;
  values[23] = 0.705;
  gr_chart_data_set_categories (months, (const char * const *) labels->pdata);
  gr_chart_data_set_percent (months, TRUE);
  gr_chart_data_set_decimals (months, 1);
  ratio = gr_chart_series_new ("小麦", GR_CHART_COLOR_AUTO, values, 24);
  gr_chart_data_add_series (months, ratio);

  summary = gr_chart_data_dup_description (months, FALSE);
  g_assert_cmpstr (summary, ==,
                   "小麦: 72.0% in 2024-07, 70.5% in 2026-06; "
                   "lowest 66.0% in 2025-03, highest 98.0% in 2025-09.");
}

/* Widgets under a display */

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Puts widget in a window of the given size, shows it and waits until it is
 * mapped and has been drawn. */
static GtkWidget *
show_in_window (GtkWidget *widget,
                int        width,
                int        height)
{
  GtkWidget *window = gtk_window_new ();
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), widget);
  gtk_window_present (GTK_WINDOW (window));

  while ((!gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) <= 0) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (gtk_widget_get_mapped (widget));
  wait_ms (100);

  return window;
}

/* Renders the widget on its own through the window's renderer */
static void
assert_renders (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer;

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_assert_nonnull (renderer);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, height);
}

static void
item_activated_cb (GrChart *chart,
                   int      series,
                   int      index,
                   int     *got)
{
  got[0] = series;
  got[1] = index;
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }
  g_assert_not_reached ();
}

static void
test_widget_bar_chart (void)
{
  g_autoptr(GrChartData) data = NULL;
  GtkWidget *chart, *window;
  g_autofree char *tooltip = NULL;
  graphene_rect_t rect;
  GrChartTicks ticks;

  REQUIRE_DISPLAY ();

  data = variety_data ();
  chart = gr_chart_new_bars (GR_BAR_MODE_GROUPED, FALSE);
  gr_chart_set_data (GR_CHART (chart), data);
  window = show_in_window (chart, 480, 320);
  assert_renders (chart);

  /* The plan of 250,000 is above every bar: the axis reaches it */
  gr_chart_get_ticks (GR_CHART (chart), &ticks);
  g_assert_cmpfloat (ticks.min, ==, 0);
  g_assert_cmpfloat (ticks.max, >=, 250000);
  g_assert_cmpfloat (fmod (ticks.max, ticks.step), ==, 0);

  /* Hovering the wheat bar: exact values with separators and unit */
  g_assert_true (gr_chart_get_item_rect (GR_CHART (chart), 0, 0, &rect));
  tooltip = gr_chart_dup_tooltip_at (GR_CHART (chart),
                                     rect.origin.x + rect.size.width / 2,
                                     rect.origin.y + rect.size.height / 2);
  g_assert_cmpstr (tooltip, ==,
                   "小麦\n"
                   "实际库存: 223,456 吨\n"
                   "计划: 250,000 吨\n"
                   "Share of target: 89.4%");

  /* Nothing under a point left of the plot */
  g_clear_pointer (&tooltip, g_free);
  tooltip = gr_chart_dup_tooltip_at (GR_CHART (chart), 2, 2);
  g_assert_null (tooltip);

  /* The pointer over the bar highlights its category (drawn without
   * complaint); a click on it activates wheat of the first series */
  {
    GtkEventController *motion = find_controller (chart, GTK_TYPE_EVENT_CONTROLLER_MOTION);
    GtkEventController *click = find_controller (chart, GTK_TYPE_GESTURE_CLICK);
    double x = rect.origin.x + rect.size.width / 2;
    double y = rect.origin.y + rect.size.height / 2;
    int got[2] = { -2, -2 };

    g_signal_connect (chart, "item-activated", G_CALLBACK (item_activated_cb), got);
    g_signal_emit_by_name (motion, "motion", x, y);
    wait_ms (50);
    assert_renders (chart);
    g_signal_emit_by_name (click, "released", 1, x, y);
    g_assert_cmpint (got[0], ==, 0);
    g_assert_cmpint (got[1], ==, 0);
    g_signal_emit_by_name (motion, "leave");
    wait_ms (50);
    assert_renders (chart);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_widget_bar_chart_accessible (void)
{
  g_autoptr(GrChartData) data = NULL;
  GtkWidget *chart, *window;
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;
  const char *expected =
    "Bar chart with 3 categories, in 吨. "
    "实际库存: 小麦 223,456 吨, 稻谷 180,000 吨, 玉米 96,501 吨. "
    "计划: 小麦 250,000 吨, 稻谷 170,000 吨.";

  REQUIRE_DISPLAY ();

  data = variety_data ();
  chart = gr_chart_new_bars (GR_BAR_MODE_GROUPED, FALSE);
  gr_chart_set_data (GR_CHART (chart), data);
  gr_chart_set_title (GR_CHART (chart), "各品种库存与计划");
  window = show_in_window (chart, 480, 320);

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_ROLE_IMG);
  label = gr_chart_dup_accessible_label (GR_CHART (chart));
  g_assert_cmpstr (label, ==, "各品种库存与计划");
  description = gr_chart_dup_accessible_description (GR_CHART (chart));
  g_assert_cmpstr (description, ==, expected);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL, "各品种库存与计划");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);

  /* New numbers, new description */
  {
    static const double more[] = { 230000, 180000, 96500.5 };
    GrChartSeries *series = gr_chart_data_get_series (data, 0);

    gr_chart_series_set_values (series, more, 3);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                         "Bar chart with 3 categories, in 吨. "
                                         "实际库存: 小麦 230,000 吨, 稻谷 180,000 吨, 玉米 96,501 吨. "
                                         "计划: 小麦 250,000 吨, 稻谷 170,000 吨.");
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
enterprise_chart (void)
{
  static const char *names[] = {
    "东莞市粮食储备有限公司", "东莞市麻涌中心粮库", "东莞市常平粮食储备库有限公司樟木头镇第二分库", NULL
  };
  static const double rice[] = { 42000, 31500, 12800 };
  static const double wheat[] = { 21000, 18400, 6900 };
  static const double plan[] = { 80000, 55000, 26000 };
  g_autoptr(GrChartData) data = gr_chart_data_new ();
  g_autoptr(GrChartSeries) s1 = gr_chart_series_new ("稻谷", GR_CHART_COLOR_AUTO, rice, 3);
  g_autoptr(GrChartSeries) s2 = gr_chart_series_new ("小麦", GR_CHART_COLOR_AUTO, wheat, 3);
  GtkWidget *chart = gr_chart_new_bars (GR_BAR_MODE_STACKED, TRUE);

  gr_chart_data_set_categories (data, names);
  gr_chart_data_set_unit (data, "吨");
  gr_chart_data_add_series (data, s1);
  gr_chart_data_add_series (data, s2);
  gr_chart_data_set_targets (data, "计划", plan, 3);
  gr_chart_set_data (GR_CHART (chart), data);

  return chart;
}

/* Long enterprise names beside horizontal bars are ellipsized; hovering
 * the label gives the full name. */
static void
test_widget_ellipsized_label (void)
{
  GtkWidget *chart, *window;
  g_autofree char *tooltip = NULL;
  g_autofree char *bar = NULL;
  graphene_rect_t plot;
  GrChartTicks ticks;
  double slot;

  REQUIRE_DISPLAY ();

  chart = enterprise_chart ();
  window = show_in_window (chart, 320, 170);
  assert_renders (chart);

  g_assert_true (gr_chart_get_plot (GR_CHART (chart), &plot));
  slot = plot.size.height / 3;
  tooltip = gr_chart_dup_tooltip_at (GR_CHART (chart), plot.origin.x - 20, plot.origin.y + slot * 2.5);
  g_assert_cmpstr (tooltip, ==, "东莞市常平粮食储备库有限公司樟木头镇第二分库");

  /* A name that fits has no tooltip of its own */
  g_clear_pointer (&tooltip, g_free);
  tooltip = gr_chart_dup_tooltip_at (GR_CHART (chart), plot.origin.x - 20, plot.origin.y + slot * 1.5);
  g_assert_null (tooltip);

  /* Stacked: the plan (80,000) sets the axis, the tooltip has the total */
  gr_chart_get_ticks (GR_CHART (chart), &ticks);
  g_assert_cmpfloat (ticks.max, >=, 80000);
  bar = gr_chart_dup_tooltip_at (GR_CHART (chart), plot.origin.x + 5, plot.origin.y + slot * 0.5);
  g_assert_cmpstr (bar, ==,
                   "东莞市粮食储备有限公司\n"
                   "稻谷: 42,000 吨\n"
                   "小麦: 21,000 吨\n"
                   "Total: 63,000 吨\n"
                   "计划: 80,000 吨\n"
                   "Share of target: 78.8%");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The 70 % line of 东莞 第十五条 on a month-end ratio chart */
static void
test_widget_line_chart (void)
{
  static const char *months[] = { "2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", NULL };
  static const double wheat[] = { 0.92, 0.88, 0.74, 0.81, 0.90, 0.93 };
  g_autoptr(GrChartData) data = gr_chart_data_new ();
  g_autoptr(GrChartSeries) series = gr_chart_series_new ("小麦", GR_CHART_COLOR_AUTO, wheat, 6);
  g_autofree char *tooltip = NULL;
  g_autofree char *description = NULL;
  GrThresholdLayer *thresholds;
  GtkWidget *chart, *window;
  graphene_rect_t plot;
  GrChartTicks ticks;
  double expected;

  REQUIRE_DISPLAY ();

  gr_chart_data_set_categories (data, months);
  gr_chart_data_set_percent (data, TRUE);
  gr_chart_data_set_decimals (data, 1);
  gr_chart_data_add_series (data, series);

  chart = gr_chart_new_lines ();
  gr_chart_set_data (GR_CHART (chart), data);
  thresholds = GR_THRESHOLD_LAYER (gr_chart_find_layer (GR_CHART (chart), GR_TYPE_THRESHOLD_LAYER));
  gr_threshold_layer_add_band (thresholds, -INFINITY, 0.70, "低于最低库存比例", GR_CHART_COLOR_ERROR);
  gr_threshold_layer_add_line (thresholds, 0.70, "70% 东莞 第十五条", GR_CHART_COLOR_ERROR);
  window = show_in_window (chart, 480, 300);
  assert_renders (chart);

  /* The axis does not start at zero but shows the 70 % line */
  gr_chart_get_ticks (GR_CHART (chart), &ticks);
  g_assert_cmpfloat (ticks.min, >, 0);
  g_assert_cmpfloat (ticks.min, <, 0.70);
  g_assert_cmpfloat (ticks.max, >=, 0.93);

  g_assert_true (gr_chart_get_plot (GR_CHART (chart), &plot));
  expected = round (plot.size.height * (1 - (0.70 - ticks.min) / (ticks.max - ticks.min)));
  g_assert_cmpuint (gr_threshold_layer_get_n_lines (thresholds), ==, 1);
  g_assert_cmpfloat (gr_threshold_layer_get_line_position (thresholds, 0), ==, expected);

  /* Its label stands right of the plot, beyond the last month, level
   * with the line: no data is drawn there. */
  {
    graphene_rect_t label;

    g_assert_true (gr_threshold_layer_get_label_rect (thresholds, 0, &label));
    g_assert_cmpfloat (label.origin.x, >=, plot.size.width + 4);
    g_assert_cmpfloat (plot.origin.x + label.origin.x + label.size.width, <=, gtk_widget_get_width (chart));
    g_assert_cmpfloat (fabs (label.origin.y + label.size.height / 2 - expected), <=, 1);
    /* Wrapped within the cap of a 480 px chart (80 px): two lines */
    {
      g_autoptr(PangoLayout) one = gtk_widget_create_pango_layout (chart, NULL);
      int line_h;

      gr_chart_text_fit (one, "70%", GR_CHART_TEXT_SMALL, -1);
      gr_chart_text_size (one, NULL, &line_h);
      g_assert_cmpfloat (label.size.width, <=, gr_chart_margin_label_cap (480));
      g_assert_cmpfloat (label.size.height, >=, 2 * line_h);
    }
    g_clear_pointer (&tooltip, g_free);
    tooltip = gr_chart_dup_tooltip_at (GR_CHART (chart), plot.origin.x + label.origin.x + label.size.width / 2,
                                       plot.origin.y + label.origin.y + label.size.height / 2);
    g_assert_cmpstr (tooltip, ==, "70% 东莞 第十五条: 70.0%");
    g_clear_pointer (&tooltip, g_free);
  }

  /* Hovering the line names it with its value */
  tooltip = gr_chart_dup_tooltip_at (GR_CHART (chart), plot.origin.x + plot.size.width / 2,
                                     plot.origin.y + expected);
  g_assert_cmpstr (tooltip, ==, "70% 东莞 第十五条: 70.0%");

  /* Hovering March draws the guide line and the month's points */
  g_signal_emit_by_name (find_controller (chart, GTK_TYPE_EVENT_CONTROLLER_MOTION), "motion",
                         plot.origin.x + plot.size.width * 2.5 / 6, plot.origin.y + 10);
  wait_ms (50);
  assert_renders (chart);
  g_clear_pointer (&tooltip, g_free);
  tooltip = gr_chart_dup_tooltip_at (GR_CHART (chart), plot.origin.x + plot.size.width * 2.5 / 6, plot.origin.y + 10);
  g_assert_cmpstr (tooltip, ==, "2025-03\n小麦: 74.0%");

  description = gr_chart_dup_accessible_description (GR_CHART (chart));
  g_assert_cmpstr (description, ==,
                   "Line chart with 6 categories, in percent. "
                   "小麦: 2025-01 92.0%, 2025-02 88.0%, 2025-03 74.0%, 2025-04 81.0%, 2025-05 90.0%, 2025-06 93.0%. "
                   "Shaded band 低于最低库存比例 below 70.0%. "
                   "Threshold line 70% 东莞 第十五条 at 70.0%.");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_widget_share_charts (void)
{
  static const char *grades[] = { "一等", "二等", "三等", "等外", NULL };
  static const double tonnes[] = { 93100, 64200, 29800, 4300 };
  g_autoptr(GrChartData) data = gr_chart_data_new ();
  g_autoptr(GrChartSeries) series = gr_chart_series_new ("数量", GR_CHART_COLOR_AUTO, tonnes, 4);

  REQUIRE_DISPLAY ();

  gr_chart_data_set_categories (data, grades);
  gr_chart_data_set_unit (data, "吨");
  gr_chart_data_add_series (data, series);

  for (GrShareShape shape = GR_SHARE_SHAPE_BAR; shape <= GR_SHARE_SHAPE_DONUT; shape++)
    {
      GtkWidget *chart = gr_chart_new_share (shape);
      GtkWidget *window;
      g_autofree char *tooltip = NULL;
      g_autofree char *description = NULL;
      graphene_rect_t rect;

      gr_chart_set_data (GR_CHART (chart), data);
      window = show_in_window (chart, 420, 260);
      assert_renders (chart);

      /* Each part's legend row answers with its exact amount and share */
      g_assert_true (gr_chart_get_item_rect (GR_CHART (chart), 0, 2, &rect));
      tooltip = gr_chart_dup_tooltip_at (GR_CHART (chart),
                                         rect.origin.x + rect.size.width / 2,
                                         rect.origin.y + rect.size.height / 2);
      g_assert_cmpstr (tooltip, ==, "三等\n29,800 吨\nShare: 15.6%");

      /* Hovering the part dims the others */
      g_signal_emit_by_name (find_controller (chart, GTK_TYPE_EVENT_CONTROLLER_MOTION), "motion",
                             rect.origin.x + rect.size.width / 2, rect.origin.y + rect.size.height / 2);
      wait_ms (50);
      assert_renders (chart);

      description = gr_chart_dup_accessible_description (GR_CHART (chart));
      g_assert_cmpstr (description, ==,
                       shape == GR_SHARE_SHAPE_BAR
                       ? "Share bar with 4 categories, in 吨. "
                         "数量: 一等 93,100 吨, 二等 64,200 吨, 三等 29,800 吨, 等外 4,300 吨. "
                         "Shares: 一等 48.6%, 二等 33.5%, 三等 15.6%, 等外 2.2%."
                       : "Donut chart with 4 categories, in 吨. "
                         "数量: 一等 93,100 吨, 二等 64,200 吨, 三等 29,800 吨, 等外 4,300 吨. "
                         "Shares: 一等 48.6%, 二等 33.5%, 三等 15.6%, 等外 2.2%.");

      gtk_window_destroy (GTK_WINDOW (window));
    }
}

static GtkWidget *
find_child_with_class (GtkWidget  *widget,
                       const char *css_class)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (gtk_widget_has_css_class (child, css_class))
        return child;
      if ((found = find_child_with_class (child, css_class)))
        return found;
    }
  return NULL;
}

/* Region target (DESIGN.md §4): quality pass rate 97 % */
static void
test_widget_kpi_tile (void)
{
  static const double trend[] = { 0.962, 0.965, 0.961, 0.958 };
  GtkWidget *tile, *window, *delta, *icon, *value;
  g_autofree char *description = NULL;

  REQUIRE_DISPLAY ();

  tile = gr_kpi_tile_new ();
  gr_kpi_tile_set_title (GR_KPI_TILE (tile), "质量达标率");
  gr_kpi_tile_set_percent (GR_KPI_TILE (tile), TRUE);
  gr_kpi_tile_set_decimals (GR_KPI_TILE (tile), 1);
  gr_kpi_tile_set_value (GR_KPI_TILE (tile), 0.958);
  gr_kpi_tile_set_target (GR_KPI_TILE (tile), 0.97);
  gr_kpi_tile_set_trend (GR_KPI_TILE (tile), trend, G_N_ELEMENTS (trend));
  window = show_in_window (tile, 240, 180);
  assert_renders (tile);

  /* Below target: warning colour and icon, read back from the widget tree */
  g_assert_cmpint (gr_kpi_tile_get_status (GR_KPI_TILE (tile)), ==, GR_CHART_STATUS_WARNING);
  value = find_child_with_class (tile, "value");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (value)), ==, "95.8%");
  g_assert_true (gtk_widget_has_css_class (value, "numeric"));
  delta = find_child_with_class (tile, "delta");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (delta)), ==, "−1.2 pp");
  g_assert_true (gtk_widget_has_css_class (delta, "warning"));
  g_assert_false (gtk_widget_has_css_class (delta, "success"));
  icon = find_child_with_class (tile, "status");
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (icon)), ==, "dialog-warning-symbolic");

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (tile), GTK_ACCESSIBLE_ROLE_GROUP);
  description = gr_kpi_tile_dup_description (GR_KPI_TILE (tile));
  g_assert_cmpstr (description, ==, "95.8%. Target 97.0%. Below target, −1.2 pp.");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (tile), GTK_ACCESSIBLE_PROPERTY_LABEL, "质量达标率");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (tile), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);

  /* Reaching the target turns it to success */
  gr_kpi_tile_set_value (GR_KPI_TILE (tile), 0.975);
  g_assert_true (gtk_widget_has_css_class (delta, "success"));
  g_assert_false (gtk_widget_has_css_class (delta, "warning"));
  g_assert_cmpstr (gr_kpi_tile_get_delta_text (GR_KPI_TILE (tile)), ==, "+0.5 pp");
  wait_ms (50);
  assert_renders (tile);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
activated_cb (GtkWidget *widget,
              int       *count)
{
  (*count)++;
}

static void
test_widget_kpi_activate (void)
{
  GtkWidget *tile, *window;
  int count = 0;

  REQUIRE_DISPLAY ();

  tile = gr_kpi_tile_new ();
  gr_kpi_tile_set_title (GR_KPI_TILE (tile), "政策性储备总量");
  gr_kpi_tile_set_activatable (GR_KPI_TILE (tile), TRUE);
  g_signal_connect (tile, "activated", G_CALLBACK (activated_cb), &count);
  window = show_in_window (tile, 240, 160);

  g_assert_true (gtk_widget_get_focusable (tile));
  g_assert_true (gtk_widget_activate (tile));
  g_assert_cmpint (count, ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_widget_gauge (void)
{
  GtkWidget *gauge, *window;
  g_autofree char *tooltip = NULL;
  g_autofree char *value = NULL;

  REQUIRE_DISPLAY ();

  gauge = gr_gauge_new ();
  gr_gauge_set_title (GR_GAUGE (gauge), "常平储备库 3号低温仓");
  gr_gauge_set_unit (GR_GAUGE (gauge), "吨");
  gr_gauge_set_capacity (GR_GAUGE (gauge), 6000);
  gr_gauge_set_value (GR_GAUGE (gauge), 6060);
  window = show_in_window (gauge, 300, 80);
  assert_renders (gauge);

  g_assert_cmpint (gr_gauge_get_status (GR_GAUGE (gauge)), ==, GR_CHART_STATUS_CRITICAL);
  value = gr_gauge_dup_value_text (GR_GAUGE (gauge));
  g_assert_cmpstr (value, ==, "6,060 / 6,000 吨");
  tooltip = gr_gauge_dup_tooltip (GR_GAUGE (gauge));
  g_assert_cmpstr (tooltip, ==,
                   "常平储备库 3号低温仓\n"
                   "Used: 6,060 吨\n"
                   "Capacity: 6,000 吨\n"
                   "Free: 0 吨\n"
                   "In use: 101.0%");

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (gauge), GTK_ACCESSIBLE_ROLE_METER);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gauge), GTK_ACCESSIBLE_PROPERTY_LABEL, "常平储备库 3号低温仓");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gauge), GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 6000.0);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gauge), GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, 6060.0);
  /* (the assert macro would read the "%" as a format) */
  {
    g_autofree char *mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (gauge),
                                                                    GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT,
                                                                    "101.0%, 6,060 / 6,000 吨");

    g_assert_null (mismatch);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The numbers one click away: the frame's action swaps chart and table */
static void
test_widget_frame_table (void)
{
  g_autoptr(GrChartData) data = NULL;
  GtkWidget *chart, *frame, *window;
  GtkColumnView *table;
  GListModel *columns;
  int got[2] = { -2, -2 };

  REQUIRE_DISPLAY ();

  data = variety_data ();
  chart = gr_chart_new_bars (GR_BAR_MODE_GROUPED, FALSE);
  gr_chart_set_data (GR_CHART (chart), data);
  g_signal_connect (chart, "item-activated", G_CALLBACK (item_activated_cb), got);
  frame = gr_chart_frame_new ("各品种库存与计划", chart);
  window = show_in_window (frame, 520, 400);
  assert_renders (frame);

  /* Title names the chart for screen readers; legend has series and plan */
  g_assert_cmpstr (gr_chart_get_title (GR_CHART (chart)), ==, "各品种库存与计划");
  g_assert_cmpuint (gr_chart_legend_get_n_entries (gr_chart_frame_get_legend (GR_CHART_FRAME (frame))), ==, 2);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (frame), GTK_ACCESSIBLE_ROLE_GROUP);

  g_assert_false (gr_chart_frame_get_show_table (GR_CHART_FRAME (frame)));
  g_assert_null (gr_chart_frame_get_table (GR_CHART_FRAME (frame)));
  g_assert_true (gtk_widget_activate_action (frame, "chart.show-table", NULL));
  g_assert_true (gr_chart_frame_get_show_table (GR_CHART_FRAME (frame)));
  wait_ms (100);
  assert_renders (frame);

  table = gr_chart_frame_get_table (GR_CHART_FRAME (frame));
  g_assert_nonnull (table);
  columns = gtk_column_view_get_columns (table);
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 4);
  {
    const char *titles[] = { "品种", "实际库存 (吨)", "计划 (吨)", "Share of target" };
    const char *row0[] = { "小麦", "223,456", "250,000", "89.4%" };
    const char *row2[] = { "玉米", "96,501", "–", "–" };

    for (guint c = 0; c < 4; c++)
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, c);
        g_autofree char *cell0 = gr_chart_table_dup_cell (table, 0, c);
        g_autofree char *cell2 = gr_chart_table_dup_cell (table, 2, c);

        g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, titles[c]);
        g_assert_cmpstr (cell0, ==, row0[c]);
        g_assert_cmpstr (cell2, ==, row2[c]);
      }
  }

  /* Sorting by stock, largest first */
  {
    g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 1);

    gtk_column_view_sort_by_column (table, column, GTK_SORT_DESCENDING);
    g_assert_cmpint (gr_chart_table_get_category (table, 0), ==, 0);
    g_assert_cmpint (gr_chart_table_get_category (table, 2), ==, 2);
    gtk_column_view_sort_by_column (table, column, GTK_SORT_ASCENDING);
    g_assert_cmpint (gr_chart_table_get_category (table, 0), ==, 2);
  }

  /* Activating a row activates the category, as a click on its bar */
  g_signal_emit_by_name (table, "activate", 0);
  g_assert_cmpint (got[0], ==, -1);
  g_assert_cmpint (got[1], ==, 2);

  /* Back to the chart */
  g_assert_true (gtk_widget_activate_action (frame, "chart.show-table", NULL));
  g_assert_false (gr_chart_frame_get_show_table (GR_CHART_FRAME (frame)));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Everything again in the dark style: colours reload, nothing complains */
static void
test_widget_dark (void)
{
  AdwStyleManager *manager;
  g_autoptr(GrChartData) data = NULL;
  GtkWidget *box, *chart, *window;

  REQUIRE_DISPLAY ();

  manager = adw_style_manager_get_default ();
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);

  data = variety_data ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  chart = gr_chart_new_bars (GR_BAR_MODE_STACKED, FALSE);
  gr_chart_set_data (GR_CHART (chart), data);
  gtk_widget_set_vexpand (chart, TRUE);
  gtk_box_append (GTK_BOX (box), gr_chart_frame_new ("深色", chart));
  gtk_box_append (GTK_BOX (box), gr_gauge_new ());
  gtk_box_append (GTK_BOX (box), gr_kpi_tile_new ());
  window = show_in_window (box, 480, 600);
  g_assert_true (adw_style_manager_get_dark (manager));
  assert_renders (box);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  wait_ms (50);
  assert_renders (box);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  have_display = gtk_init_check ();
  if (have_display)
    adw_init ();

  g_test_add_func ("/charts/ticks/nice-step", test_nice_step);
  g_test_add_func ("/charts/ticks/thousands", test_ticks_thousands);
  g_test_add_func ("/charts/ticks/unit-interval", test_ticks_unit_interval);
  g_test_add_func ("/charts/ticks/ratio", test_ticks_ratio);
  g_test_add_func ("/charts/ticks/zero-range", test_ticks_zero_range);
  g_test_add_func ("/charts/ticks/negative", test_ticks_negative);
  g_test_add_func ("/charts/axis/fit", test_axis_fit);
  g_test_add_func ("/charts/axis/target-above-bars", test_axis_target_above_bars);
  g_test_add_func ("/charts/stack/sums", test_stack_sums);
  g_test_add_func ("/charts/threshold/dongguan-art15-70-percent", test_threshold_dongguan_art15);
  g_test_add_func ("/charts/geometry/categories", test_category_geometry);
  g_test_add_func ("/charts/labels/ellipsize", test_label_fitting);
  g_test_add_func ("/charts/labels/step", test_label_step);
  g_test_add_func ("/charts/labels/value-place", test_value_label_place);
  g_test_add_func ("/charts/labels/threshold-margin", test_margin_labels);
  g_test_add_func ("/charts/shares", test_shares);
  g_test_add_func ("/charts/format/numbers", test_format_numbers);
  g_test_add_func ("/charts/kpi/status", test_kpi_status);
  g_test_add_func ("/charts/gauge/status", test_gauge_status);
  g_test_add_func ("/charts/tooltip/bar", test_tooltip_text);
  g_test_add_func ("/charts/tooltip/stacked", test_tooltip_stacked_text);
  g_test_add_func ("/charts/a11y/description", test_description_text);

  g_test_add_func ("/widgets/bar-chart/hover", test_widget_bar_chart);
  g_test_add_func ("/widgets/bar-chart/accessible", test_widget_bar_chart_accessible);
  g_test_add_func ("/widgets/bar-chart/ellipsized-label", test_widget_ellipsized_label);
  g_test_add_func ("/widgets/line-chart/dongguan-art15-threshold", test_widget_line_chart);
  g_test_add_func ("/widgets/share-charts", test_widget_share_charts);
  g_test_add_func ("/widgets/kpi-tile/below-target", test_widget_kpi_tile);
  g_test_add_func ("/widgets/kpi-tile/activate", test_widget_kpi_activate);
  g_test_add_func ("/widgets/gauge/over-capacity", test_widget_gauge);
  g_test_add_func ("/widgets/frame/table", test_widget_frame_table);
  g_test_add_func ("/widgets/dark", test_widget_dark);

  return g_test_run ();
}
