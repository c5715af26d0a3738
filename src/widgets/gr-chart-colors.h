/* gr-chart-colors.h: the theme's colours for chart drawing
 *
 * Widgets load these in css_changed (the theme or light/dark switch) and
 * draw from the cache; nothing is looked up while snapshotting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gr-chart-types.h"

G_BEGIN_DECLS

typedef struct
{
  GdkRGBA fg;            /* text, target markers */
  GdkRGBA dim;           /* tick labels, units, captions */
  GdkRGBA grid;          /* grid lines */
  GdkRGBA axis;          /* the baseline */
  GdkRGBA track;         /* empty part of gauges and share bars */
  GdkRGBA hover;         /* highlight under the hovered category */
  GdkRGBA accent;        /* fills */
  GdkRGBA neutral;
  GdkRGBA success;
  GdkRGBA warning;
  GdkRGBA error;
  GdkRGBA accent_text;   /* the same meanings, dark enough for text */
  GdkRGBA success_text;
  GdkRGBA warning_text;
  GdkRGBA error_text;
  GdkRGBA on_fill;       /* text drawn on top of a fill */
  GdkRGBA series[GR_CHART_N_PALETTE];
  gboolean dark;
} GrChartColors;

void           gr_chart_colors_load       (GrChartColors       *colors,
                                           GtkWidget           *widget);
/* The fill of a colour role; AUTO picks the palette colour for position. */
const GdkRGBA *gr_chart_colors_fill       (const GrChartColors *colors,
                                           GrChartColor         color,
                                           guint                position);
/* The text colour of a role (threshold labels) */
const GdkRGBA *gr_chart_colors_text       (const GrChartColors *colors,
                                           GrChartColor         color,
                                           guint                position);

G_END_DECLS
