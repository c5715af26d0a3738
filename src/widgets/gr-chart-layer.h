/* gr-chart-layer.h: one drawing of a chart (bars, lines, thresholds, shares)
 *
 * Layers are child widgets of a GrChart and are stacked in the order they
 * are added. Layers that draw against the axes are allocated the plot area;
 * the chart draws axes, grid and category labels around them, and asks the
 * layers, topmost first, what lies under the pointer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gr-chart-colors.h"
#include "gr-chart-data.h"
#include "gr-chart-math.h"
#include "gr-chart-types.h"

G_BEGIN_DECLS

#define GR_TYPE_CHART_LAYER (gr_chart_layer_get_type ())

G_DECLARE_DERIVABLE_TYPE (GrChartLayer, gr_chart_layer, GR, CHART_LAYER, GtkWidget)

typedef struct
{
  char          *label;
  GrChartSwatch  swatch;
  GrChartColor   color;
  guint          position;
} GrChartLegendEntry;

struct _GrChartLayerClass
{
  GtkWidgetClass parent_class;

  /* Drawn against the chart's value and category axes (in the plot area) */
  gboolean uses_axes;
  /* Categories are points of a continuum (months): the category axis thins
   * its labels instead of ellipsizing them. */
  gboolean continuous;

  /* What kind of chart this layer makes, for screen readers ("Bar chart");
   * NULL for layers that only add to another (thresholds). */
  const char *(*get_kind)        (GrChartLayer    *self);
  /* Values the value axis must show */
  void        (*add_extent)      (GrChartLayer    *self,
                                  GrChartExtent   *extent);
  /* The item at a point in layer coordinates; series may be -1 for a whole
   * category. */
  gboolean    (*lookup_item)     (GrChartLayer    *self,
                                  double           x,
                                  double           y,
                                  int             *series,
                                  int             *index);
  gboolean    (*get_item_rect)   (GrChartLayer    *self,
                                  int              series,
                                  int              index,
                                  graphene_rect_t *rect);
  /* Tooltip at a point, and the area over which it stays the same */
  char       *(*dup_tooltip)     (GrChartLayer    *self,
                                  double           x,
                                  double           y,
                                  graphene_rect_t *area);
  /* A sentence added to the chart's accessible description */
  char       *(*dup_description) (GrChartLayer    *self);
  /* Appends GrChartLegendEntry items */
  void        (*collect_legend)  (GrChartLayer    *self,
                                  GPtrArray       *entries);
  /* Room the layer draws in outside the plot, where no data goes: right
   * of the plot when values run up, above it when they run across (the
   * chart gives it and the layer draws there, beyond its allocation). */
  int         (*measure_margin)  (GrChartLayer    *self,
                                  int              chart_width,
                                  int              chart_height);
};

GrChartLegendEntry  *gr_chart_legend_entry_new       (const char       *label,
                                                      GrChartSwatch     swatch,
                                                      GrChartColor      color,
                                                      guint             position);
void                 gr_chart_legend_entry_free      (GrChartLegendEntry *entry);

/* For subclasses */
GrChart             *gr_chart_layer_get_chart        (GrChartLayer     *self);
GrChartData         *gr_chart_layer_get_data         (GrChartLayer     *self);
const GrChartTicks  *gr_chart_layer_get_ticks        (GrChartLayer     *self);
const GrChartColors *gr_chart_layer_get_colors       (GrChartLayer     *self);
gboolean             gr_chart_layer_get_horizontal   (GrChartLayer     *self);
/* The category axis in layer coordinates (x for columns, y for bars) */
void                 gr_chart_layer_get_category_axis (GrChartLayer    *self,
                                                       GrChartSpan     *axis);
/* Pixel of a value along the value axis, in layer coordinates */
double               gr_chart_layer_value_to_pixel   (GrChartLayer     *self,
                                                      double            value);
/* The hovered item of the chart, when it belongs to this layer */
gboolean             gr_chart_layer_get_hover        (GrChartLayer     *self,
                                                      int              *series,
                                                      int              *index);
/* Tell the chart that what the layer shows changed (axis, legend, a11y) */
void                 gr_chart_layer_changed          (GrChartLayer     *self);

/* Dispatch to the class */
const char          *gr_chart_layer_get_kind         (GrChartLayer     *self);
void                 gr_chart_layer_add_extent       (GrChartLayer     *self,
                                                      GrChartExtent    *extent);
gboolean             gr_chart_layer_lookup_item      (GrChartLayer     *self,
                                                      double            x,
                                                      double            y,
                                                      int              *series,
                                                      int              *index);
gboolean             gr_chart_layer_get_item_rect    (GrChartLayer     *self,
                                                      int               series,
                                                      int               index,
                                                      graphene_rect_t  *rect);
char                *gr_chart_layer_dup_tooltip      (GrChartLayer     *self,
                                                      double            x,
                                                      double            y,
                                                      graphene_rect_t  *area);
char                *gr_chart_layer_dup_description  (GrChartLayer     *self);
void                 gr_chart_layer_collect_legend   (GrChartLayer     *self,
                                                      GPtrArray        *entries);
int                  gr_chart_layer_measure_margin   (GrChartLayer     *self,
                                                      int               chart_width,
                                                      int               chart_height);

G_END_DECLS
