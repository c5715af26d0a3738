/* gr-share-layer.h: parts of a whole as a share bar or a donut, with a legend
 *
 * The parts are the chart's categories and their amounts the first series.
 * The legend beside (donut) or under (bar) gives each part's amount and
 * share, so the chart reads without hovering.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-chart-layer.h"

G_BEGIN_DECLS

#define GR_TYPE_SHARE_LAYER (gr_share_layer_get_type ())

G_DECLARE_FINAL_TYPE (GrShareLayer, gr_share_layer, GR, SHARE_LAYER, GrChartLayer)

GrChartLayer *gr_share_layer_new         (GrShareShape        shape);
GrShareShape  gr_share_layer_get_shape   (GrShareLayer       *self);
void          gr_share_layer_set_shape   (GrShareLayer       *self,
                                          GrShareShape        shape);
/* Colours by meaning for each part (合格 green, 不合格 red); parts past
 * the end take palette colours. */
void          gr_share_layer_set_colors  (GrShareLayer       *self,
                                          const GrChartColor *colors,
                                          guint               n_colors);

G_END_DECLS
