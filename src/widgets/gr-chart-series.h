/* gr-chart-series.h: one named row of values of a chart
 *
 * Values are plain doubles in the chart's unit, one per category; NaN marks
 * a missing value (no bar, a gap in a line). Callers prepare them off the
 * main thread and hand them over in one piece.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "gr-chart-types.h"

G_BEGIN_DECLS

#define GR_TYPE_CHART_SERIES (gr_chart_series_get_type ())

G_DECLARE_FINAL_TYPE (GrChartSeries, gr_chart_series, GR, CHART_SERIES, GObject)

GrChartSeries *gr_chart_series_new         (const char    *name,
                                            GrChartColor   color,
                                            const double  *values,
                                            guint          n_values);
const char    *gr_chart_series_get_name    (GrChartSeries *self);
void           gr_chart_series_set_name    (GrChartSeries *self,
                                            const char    *name);
GrChartColor   gr_chart_series_get_color   (GrChartSeries *self);
void           gr_chart_series_set_color   (GrChartSeries *self,
                                            GrChartColor   color);
const double  *gr_chart_series_get_values  (GrChartSeries *self,
                                            guint         *n_values);
/* NaN past the end */
double         gr_chart_series_get_value   (GrChartSeries *self,
                                            guint          index);
void           gr_chart_series_set_values  (GrChartSeries *self,
                                            const double  *values,
                                            guint          n_values);

G_END_DECLS
