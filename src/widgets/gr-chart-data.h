/* gr-chart-data.h: what a chart shows — categories, series, targets, unit
 *
 * One GrChartData feeds one chart, its legend, its tooltips, its accessible
 * description and its table view, so they always agree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "gr-chart-math.h"
#include "gr-chart-series.h"
#include "gr-chart-types.h"

G_BEGIN_DECLS

#define GR_TYPE_CHART_DATA (gr_chart_data_get_type ())

G_DECLARE_FINAL_TYPE (GrChartData, gr_chart_data, GR, CHART_DATA, GObject)

GrChartData         *gr_chart_data_new                (void);

void                 gr_chart_data_set_categories     (GrChartData         *self,
                                                       const char * const  *categories);
/* What the categories are, heading the table view ("品种", "月份") */
const char          *gr_chart_data_get_category_title (GrChartData         *self);
void                 gr_chart_data_set_category_title (GrChartData         *self,
                                                       const char          *title);
guint                gr_chart_data_get_n_categories   (GrChartData         *self);
const char          *gr_chart_data_get_category       (GrChartData         *self,
                                                       guint                index);

void                 gr_chart_data_add_series         (GrChartData         *self,
                                                       GrChartSeries       *series);
void                 gr_chart_data_clear_series       (GrChartData         *self);
guint                gr_chart_data_get_n_series       (GrChartData         *self);
GrChartSeries       *gr_chart_data_get_series         (GrChartData         *self,
                                                       guint                index);
/* NaN when missing */
double               gr_chart_data_get_value          (GrChartData         *self,
                                                       guint                series,
                                                       guint                category);

/* One target per category (NaN: none), drawn as a marker across the bars
 * and named by label in the legend, tooltips and table ("计划"). */
void                 gr_chart_data_set_targets        (GrChartData         *self,
                                                       const char          *label,
                                                       const double        *targets,
                                                       guint                n_targets);
gboolean             gr_chart_data_has_targets        (GrChartData         *self);
double               gr_chart_data_get_target         (GrChartData         *self,
                                                       guint                category);
const char          *gr_chart_data_get_target_label   (GrChartData         *self);

const char          *gr_chart_data_get_unit           (GrChartData         *self);
void                 gr_chart_data_set_unit           (GrChartData         *self,
                                                       const char          *unit);
gboolean             gr_chart_data_get_percent        (GrChartData         *self);
void                 gr_chart_data_set_percent        (GrChartData         *self,
                                                       gboolean             percent);
int                  gr_chart_data_get_decimals       (GrChartData         *self);
void                 gr_chart_data_set_decimals       (GrChartData         *self,
                                                       int                  decimals);
const GrChartFormat *gr_chart_data_get_format         (GrChartData         *self);
char                *gr_chart_data_format_value       (GrChartData         *self,
                                                       double               value);

/* The sum of a category over all series (missing values count as 0). */
double               gr_chart_data_get_total          (GrChartData         *self,
                                                       guint                category);

/* What a value axis must show for bars of this data: every value (or, when
 * stacked, every stack end above and below zero) and every target. */
void                 gr_chart_data_add_extent         (GrChartData         *self,
                                                       gboolean             stacked,
                                                       GrChartExtent       *extent);

/* Tooltip of one category: its name, every series' exact value, the total
 * when stacked, the target and how much of it is reached. */
char                *gr_chart_data_dup_category_text  (GrChartData         *self,
                                                       guint                category,
                                                       gboolean             stacked);
/* The numbers in sentences, for screen readers: every value when there are
 * at most 12 categories, else first, last, lowest and highest per series. */
char                *gr_chart_data_dup_description    (GrChartData         *self,
                                                       gboolean             stacked);

G_END_DECLS
