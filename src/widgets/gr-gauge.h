/* gr-gauge.h: how full something is — capacity use of a depot or a bin
 *
 * Title and percentage on top, a fill bar, then used / capacity and what is
 * free. The fill turns to the warning colour from the warning level (90 %
 * by default) and to the error colour past the critical level (over 100 %).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gr-chart-types.h"

G_BEGIN_DECLS

#define GR_TYPE_GAUGE (gr_gauge_get_type ())

G_DECLARE_FINAL_TYPE (GrGauge, gr_gauge, GR, GAUGE, GtkWidget)

GtkWidget     *gr_gauge_new               (void);
void           gr_gauge_set_title         (GrGauge    *self,
                                           const char *title);
const char    *gr_gauge_get_title         (GrGauge    *self);
void           gr_gauge_set_value         (GrGauge    *self,
                                           double      value);
double         gr_gauge_get_value         (GrGauge    *self);
void           gr_gauge_set_capacity      (GrGauge    *self,
                                           double      capacity);
double         gr_gauge_get_capacity      (GrGauge    *self);
void           gr_gauge_set_unit          (GrGauge    *self,
                                           const char *unit);
void           gr_gauge_set_decimals      (GrGauge    *self,
                                           int         decimals);
/* Fractions of capacity */
void           gr_gauge_set_levels        (GrGauge    *self,
                                           double      warning,
                                           double      critical);
/* value / capacity, NaN without a capacity */
double         gr_gauge_get_fraction      (GrGauge    *self);
GrChartStatus  gr_gauge_get_status        (GrGauge    *self);
char          *gr_gauge_dup_value_text    (GrGauge    *self);
char          *gr_gauge_dup_tooltip       (GrGauge    *self);

/* The rule, without a display: GOOD under warning, WARNING from warning,
 * CRITICAL past critical. */
GrChartStatus  gr_gauge_status            (double      fraction,
                                           double      warning,
                                           double      critical);

G_END_DECLS
