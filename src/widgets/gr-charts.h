/* gr-charts.h: the chart kit — include this one header
 *
 *   GrChartData + GrChartSeries   what a chart shows
 *   GrChart + layers              bars, lines, thresholds, shares
 *   GrChartFrame                  title, legend, chart ⇄ table
 *   GrKpiTile, GrGauge            key figures and fill levels
 *
 * Numbers come ready: query and sum in a worker thread (GTask), then on the
 * main thread build a GrChartData (or set new values on its series) and
 * hand it to the chart. The widgets only place those values; a chart holds
 * dozens of values, not a ledger.
 *
 *   g_autoptr(GrChartData) data = gr_chart_data_new ();
 *   g_autoptr(GrChartSeries) stock =
 *     gr_chart_series_new (_("Stock"), GR_CHART_COLOR_ACCENT, tonnes, n);
 *   GtkWidget *chart = gr_chart_new_bars (GR_BAR_MODE_GROUPED, FALSE);
 *
 *   gr_chart_data_set_categories (data, variety_names);
 *   gr_chart_data_set_unit (data, _("t"));
 *   gr_chart_data_add_series (data, stock);
 *   gr_chart_data_set_targets (data, _("Plan"), plan_tonnes, n);
 *   gr_chart_set_data (GR_CHART (chart), data);
 *   g_signal_connect (chart, "item-activated", G_CALLBACK (open_stock_cb), self);
 *   frame = gr_chart_frame_new (_("Stock by variety vs plan"), chart);
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gr-bar-layer.h"
#include "gr-chart.h"
#include "gr-chart-colors.h"
#include "gr-chart-data.h"
#include "gr-chart-frame.h"
#include "gr-chart-layer.h"
#include "gr-chart-legend.h"
#include "gr-chart-math.h"
#include "gr-chart-series.h"
#include "gr-chart-table.h"
#include "gr-chart-text.h"
#include "gr-chart-types.h"
#include "gr-gauge.h"
#include "gr-kpi-tile.h"
#include "gr-line-layer.h"
#include "gr-share-layer.h"
#include "gr-sparkline.h"
#include "gr-threshold-layer.h"

G_BEGIN_DECLS

/* Adds the kit's style sheet to the default display, once. Widgets of the
 * kit call it themselves; calling it early does no harm. */
void          gr_charts_init            (void);

/* Ready-made charts */
GtkWidget    *gr_chart_new_bars         (GrBarMode     mode,
                                         gboolean      horizontal);
/* Lines with a threshold layer on top; the axis need not include zero */
GtkWidget    *gr_chart_new_lines        (void);
GtkWidget    *gr_chart_new_share        (GrShareShape  shape);
/* The first layer of a type, e.g. GR_TYPE_THRESHOLD_LAYER */
GrChartLayer *gr_chart_find_layer       (GrChart      *chart,
                                         GType         type);

G_END_DECLS
