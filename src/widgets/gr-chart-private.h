/* gr-chart-private.h: what layers need from their chart
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-chart.h"
#include "gr-chart-layer.h"

G_BEGIN_DECLS

const GrChartTicks  *_gr_chart_get_ticks      (GrChart      *self);
const GrChartColors *_gr_chart_get_colors     (GrChart      *self);
gboolean             _gr_chart_get_hover      (GrChart      *self,
                                               GrChartLayer *layer,
                                               int          *series,
                                               int          *index);
void                 _gr_chart_layer_changed  (GrChart      *self,
                                               GrChartLayer *layer);

G_END_DECLS
