/* gr-chart-legend.h: what each colour and mark of a chart means
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GR_TYPE_CHART_LEGEND (gr_chart_legend_get_type ())

G_DECLARE_FINAL_TYPE (GrChartLegend, gr_chart_legend, GR, CHART_LEGEND, GtkWidget)

GtkWidget *gr_chart_legend_new          (void);
/* GrChartLegendEntry items, copied; the legend hides when there are none */
void       gr_chart_legend_set_entries  (GrChartLegend *self,
                                         GPtrArray     *entries);
guint      gr_chart_legend_get_n_entries (GrChartLegend *self);

G_END_DECLS
