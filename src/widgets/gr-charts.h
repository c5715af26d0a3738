/* gr-charts.h: the chart kit — include this one header
 *
 *   GrChartData + GrChartSeries   what a chart shows
 *   GrChart + layers              bars, lines, thresholds, shares
 *   GrChartFrame                  title, legend, chart ⇄ table
 *   GrKpiTile, GrGauge            key figures and fill levels
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
