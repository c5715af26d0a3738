/* gr-chart-frame.h: a titled card around a chart, its legend and its table
 *
 * The chart and a table of the same numbers sit in a stack; the button in
 * the corner (action "chart.show-table") swaps them, so the numbers are one
 * click away for anyone who cannot read the chart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gr-chart-legend.h"

G_BEGIN_DECLS

#define GR_TYPE_CHART_FRAME (gr_chart_frame_get_type ())

G_DECLARE_FINAL_TYPE (GrChartFrame, gr_chart_frame, GR, CHART_FRAME, GtkWidget)

/* content: a GrChart (legend and table follow its data) or any widget */
GtkWidget     *gr_chart_frame_new            (const char   *title,
                                              GtkWidget    *content);
const char    *gr_chart_frame_get_title      (GrChartFrame *self);
void           gr_chart_frame_set_title      (GrChartFrame *self,
                                              const char   *title);
void           gr_chart_frame_set_subtitle   (GrChartFrame *self,
                                              const char   *subtitle);
GtkWidget     *gr_chart_frame_get_content    (GrChartFrame *self);
gboolean       gr_chart_frame_get_show_table (GrChartFrame *self);
void           gr_chart_frame_set_show_table (GrChartFrame *self,
                                              gboolean      show_table);
/* NULL until the table was first shown */
GtkColumnView *gr_chart_frame_get_table      (GrChartFrame *self);
GrChartLegend *gr_chart_frame_get_legend     (GrChartFrame *self);

G_END_DECLS
