/* gr-line-layer.h: every series of the chart as a line over its categories
 *
 * Categories are points in order (months): missing values break the line,
 * hovering picks the nearest month and the tooltip lists every series.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-chart-layer.h"

G_BEGIN_DECLS

#define GR_TYPE_LINE_LAYER (gr_line_layer_get_type ())

G_DECLARE_FINAL_TYPE (GrLineLayer, gr_line_layer, GR, LINE_LAYER, GrChartLayer)

GrChartLayer *gr_line_layer_new (void);

G_END_DECLS
