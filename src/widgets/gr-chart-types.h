/* gr-chart-types.h: forward declarations and enums of the chart kit
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _GrChart        GrChart;
typedef struct _GrChartData    GrChartData;
typedef struct _GrChartFrame   GrChartFrame;
typedef struct _GrChartLayer   GrChartLayer;
typedef struct _GrChartSeries  GrChartSeries;

/* Colours by meaning; the actual colours come from the theme (light or
 * dark) when drawing. AUTO takes the palette colour of the series' place. */
typedef enum
{
  GR_CHART_COLOR_AUTO,
  GR_CHART_COLOR_ACCENT,
  GR_CHART_COLOR_NEUTRAL,     /* plans, capacities and other reference amounts */
  GR_CHART_COLOR_FOREGROUND,  /* target markers */
  GR_CHART_COLOR_SUCCESS,
  GR_CHART_COLOR_WARNING,
  GR_CHART_COLOR_ERROR,
  GR_CHART_COLOR_SERIES_1,
  GR_CHART_COLOR_SERIES_2,
  GR_CHART_COLOR_SERIES_3,
  GR_CHART_COLOR_SERIES_4,
  GR_CHART_COLOR_SERIES_5,
  GR_CHART_COLOR_SERIES_6,
  GR_CHART_COLOR_SERIES_7,
  GR_CHART_COLOR_SERIES_8,
} GrChartColor;

#define GR_CHART_N_PALETTE 8

typedef enum
{
  GR_BAR_MODE_GROUPED,
  GR_BAR_MODE_STACKED,
} GrBarMode;

typedef enum
{
  GR_SHARE_SHAPE_BAR,
  GR_SHARE_SHAPE_DONUT,
} GrShareShape;

/* How a legend entry is drawn */
typedef enum
{
  GR_CHART_SWATCH_BOX,     /* bars, shares */
  GR_CHART_SWATCH_LINE,    /* line series */
  GR_CHART_SWATCH_MARKER,  /* target markers */
  GR_CHART_SWATCH_DASH,    /* threshold lines */
  GR_CHART_SWATCH_BAND,    /* shaded bands */
} GrChartSwatch;

/* How a figure stands against its target or limit */
typedef enum
{
  GR_CHART_STATUS_NONE,      /* no target */
  GR_CHART_STATUS_GOOD,      /* target met */
  GR_CHART_STATUS_WARNING,   /* short of target */
  GR_CHART_STATUS_CRITICAL,  /* at or past the critical level */
} GrChartStatus;

#define GR_TYPE_CHART_COLOR  (gr_chart_color_get_type ())
#define GR_TYPE_BAR_MODE     (gr_bar_mode_get_type ())
#define GR_TYPE_SHARE_SHAPE  (gr_share_shape_get_type ())

GType gr_chart_color_get_type (void) G_GNUC_CONST;
GType gr_bar_mode_get_type    (void) G_GNUC_CONST;
GType gr_share_shape_get_type (void) G_GNUC_CONST;

G_END_DECLS
