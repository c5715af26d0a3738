/* gr-chart.h: a chart — axes, grid, labels and interaction around layers
 *
 * GrChart draws the value axis with nice ticks, the grid, the category
 * labels (ellipsized, full text in the tooltip) and the unit; its layers draw
 * the data. It tracks the pointer, shows exact values in tooltips, emits
 * "item-activated" on click, and keeps its accessible label and description
 * in step with the data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gr-chart-data.h"
#include "gr-chart-layer.h"
#include "gr-chart-types.h"

G_BEGIN_DECLS

#define GR_TYPE_CHART (gr_chart_get_type ())

G_DECLARE_FINAL_TYPE (GrChart, gr_chart, GR, CHART, GtkWidget)

GtkWidget   *gr_chart_new               (void);
GrChartData *gr_chart_get_data          (GrChart         *self);
void         gr_chart_set_data          (GrChart         *self,
                                         GrChartData     *data);
const char  *gr_chart_get_title         (GrChart         *self);
void         gr_chart_set_title         (GrChart         *self,
                                         const char      *title);
/* Bars grow to the right, categories listed down the left side: for long
 * names such as enterprises. */
gboolean     gr_chart_get_horizontal    (GrChart         *self);
void         gr_chart_set_horizontal    (GrChart         *self,
                                         gboolean         horizontal);
/* Whether the value axis always shows 0 (bars: yes; ratio trends: no) */
gboolean     gr_chart_get_include_zero  (GrChart         *self);
void         gr_chart_set_include_zero  (GrChart         *self,
                                         gboolean         include_zero);
void         gr_chart_add_layer         (GrChart         *self,
                                         GrChartLayer    *layer);
void         gr_chart_remove_layer      (GrChart         *self,
                                         GrChartLayer    *layer);

/* The value axis and the plot area as last laid out (chart coordinates). */
void         gr_chart_get_ticks         (GrChart         *self,
                                         GrChartTicks    *ticks);
gboolean     gr_chart_get_plot          (GrChart         *self,
                                         graphene_rect_t *plot);
/* Area of an item in chart coordinates; FALSE if no layer has it. */
gboolean     gr_chart_get_item_rect     (GrChart         *self,
                                         int              series,
                                         int              index,
                                         graphene_rect_t *rect);
/* The tooltip text the chart shows with the pointer at x, y. */
char        *gr_chart_dup_tooltip_at    (GrChart         *self,
                                         double           x,
                                         double           y);
/* The accessible label and description as set on the widget */
char        *gr_chart_dup_accessible_label       (GrChart *self);
char        *gr_chart_dup_accessible_description (GrChart *self);
/* Whether a layer stacks the series (tooltips and tables show totals) */
gboolean     gr_chart_is_stacked        (GrChart         *self);
/* GrChartLegendEntry items of every layer */
GPtrArray   *gr_chart_dup_legend        (GrChart         *self);

G_END_DECLS
