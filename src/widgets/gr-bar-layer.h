/* gr-bar-layer.h: grouped or stacked bars with a target marker per category
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-chart-layer.h"

G_BEGIN_DECLS

#define GR_TYPE_BAR_LAYER (gr_bar_layer_get_type ())

G_DECLARE_FINAL_TYPE (GrBarLayer, gr_bar_layer, GR, BAR_LAYER, GrChartLayer)

GrChartLayer *gr_bar_layer_new              (GrBarMode   mode);
GrBarMode     gr_bar_layer_get_mode         (GrBarLayer *self);
void          gr_bar_layer_set_mode         (GrBarLayer *self,
                                             GrBarMode   mode);
/* Value labels at the end of bars, where they fit */
gboolean      gr_bar_layer_get_show_values  (GrBarLayer *self);
void          gr_bar_layer_set_show_values  (GrBarLayer *self,
                                             gboolean    show_values);

G_END_DECLS
