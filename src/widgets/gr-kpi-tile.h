/* gr-kpi-tile.h: one key figure against its target, for a GtkFlowBox
 *
 * Title, the value in large tabular figures with its unit, the target, the
 * difference coloured and marked by an icon (never by colour alone), an
 * optional note and a sparkline of the recent trend. The figures are real
 * labels, so they can be read back from the widget tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gr-chart-math.h"
#include "gr-chart-types.h"

G_BEGIN_DECLS

#define GR_TYPE_KPI_TILE (gr_kpi_tile_get_type ())

G_DECLARE_FINAL_TYPE (GrKpiTile, gr_kpi_tile, GR, KPI_TILE, GtkWidget)

GtkWidget     *gr_kpi_tile_new                   (void);
const char    *gr_kpi_tile_get_title             (GrKpiTile     *self);
void           gr_kpi_tile_set_title             (GrKpiTile     *self,
                                                  const char    *title);
double         gr_kpi_tile_get_value             (GrKpiTile     *self);
void           gr_kpi_tile_set_value             (GrKpiTile     *self,
                                                  double         value);
/* NaN: no target */
double         gr_kpi_tile_get_target            (GrKpiTile     *self);
void           gr_kpi_tile_set_target            (GrKpiTile     *self,
                                                  double         target);
/* A level at or past which the figure is critical (error colour); NaN: none */
void           gr_kpi_tile_set_critical          (GrKpiTile     *self,
                                                  double         critical);
void           gr_kpi_tile_set_unit              (GrKpiTile     *self,
                                                  const char    *unit);
/* The value is a fraction shown as a percentage */
void           gr_kpi_tile_set_percent           (GrKpiTile     *self,
                                                  gboolean       percent);
void           gr_kpi_tile_set_decimals          (GrKpiTile     *self,
                                                  int            decimals);
/* FALSE for limits (loss rate): at or under the target is good */
void           gr_kpi_tile_set_higher_is_better  (GrKpiTile     *self,
                                                  gboolean       higher_is_better);
/* A line under the figures, e.g. "可供应 182 天" */
void           gr_kpi_tile_set_note              (GrKpiTile     *self,
                                                  const char    *note);
void           gr_kpi_tile_set_trend             (GrKpiTile     *self,
                                                  const double  *values,
                                                  guint          n_values);
/* Clickable (emits "activated"), focusable and keyboard-activatable */
void           gr_kpi_tile_set_activatable       (GrKpiTile     *self,
                                                  gboolean       activatable);
GrChartStatus  gr_kpi_tile_get_status            (GrKpiTile     *self);
/* The texts as shown */
const char    *gr_kpi_tile_get_value_text        (GrKpiTile     *self);
const char    *gr_kpi_tile_get_delta_text        (GrKpiTile     *self);
char          *gr_kpi_tile_dup_description       (GrKpiTile     *self);

/* The rules, without a display */
GrChartStatus  gr_kpi_status                     (double         value,
                                                  double         target,
                                                  gboolean       higher_is_better,
                                                  double         critical);
/* "success", "warning", "error" or NULL: libadwaita's style classes */
const char    *gr_kpi_status_css_class           (GrChartStatus  status);
const char    *gr_kpi_status_icon_name           (GrChartStatus  status);
/* "−4,400 吨 (−3.4%)"; percentages differ in points: "−1.8 pp" */
char          *gr_kpi_format_delta               (const GrChartFormat *format,
                                                  double         value,
                                                  double         target);

G_END_DECLS
