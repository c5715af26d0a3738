/* gr-threshold-layer.h: labelled threshold lines and shaded bands
 *
 * For limits that come from a rule, e.g. the 70 % minimum month-end stock
 * ratio of 东莞 第十五条: a dashed line with its label, and bands that shade
 * a range of values (below the minimum, say). A line's label stands in a
 * margin the chart leaves beside the plot (right of it for a horizontal
 * line, above it for a vertical one), level with its line, so that it
 * never covers the data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-chart-layer.h"

G_BEGIN_DECLS

#define GR_TYPE_THRESHOLD_LAYER (gr_threshold_layer_get_type ())

G_DECLARE_FINAL_TYPE (GrThresholdLayer, gr_threshold_layer, GR, THRESHOLD_LAYER, GrChartLayer)

GrChartLayer *gr_threshold_layer_new       (void);
void          gr_threshold_layer_add_line  (GrThresholdLayer *self,
                                            double            value,
                                            const char       *label,
                                            GrChartColor      color);
/* from or to may be ±INFINITY: the band runs to the edge of the axis */
void          gr_threshold_layer_add_band  (GrThresholdLayer *self,
                                            double            from,
                                            double            to,
                                            const char       *label,
                                            GrChartColor      color);
void          gr_threshold_layer_clear     (GrThresholdLayer *self);
guint         gr_threshold_layer_get_n_lines (GrThresholdLayer *self);
/* Where line i is drawn, in layer coordinates (for tests and callers
 * placing their own annotations). */
double        gr_threshold_layer_get_line_position (GrThresholdLayer *self,
                                                    guint             index);

/* Where line i's label stands, in layer coordinates (outside the layer's
 * allocation, in the chart's margin); FALSE when it is not shown. */
gboolean      gr_threshold_layer_get_label_rect (GrThresholdLayer *self,
                                                 guint             index,
                                                 graphene_rect_t  *rect);

G_END_DECLS
