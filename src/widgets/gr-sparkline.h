/* gr-sparkline.h: a small trend line without axes, for tiles
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gr-chart-types.h"

G_BEGIN_DECLS

#define GR_TYPE_SPARKLINE (gr_sparkline_get_type ())

G_DECLARE_FINAL_TYPE (GrSparkline, gr_sparkline, GR, SPARKLINE, GtkWidget)

GtkWidget    *gr_sparkline_new         (void);
/* NaN values leave gaps */
void          gr_sparkline_set_values  (GrSparkline   *self,
                                        const double  *values,
                                        guint          n_values);
const double *gr_sparkline_get_values  (GrSparkline   *self,
                                        guint         *n_values);
/* A dashed reference line; NaN for none */
void          gr_sparkline_set_target  (GrSparkline   *self,
                                        double         target);
void          gr_sparkline_set_color   (GrSparkline   *self,
                                        GrChartColor   color);

G_END_DECLS
