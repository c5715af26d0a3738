/* gr-chart-layer.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-chart-layer"

#include "config.h"

#include "gr-chart-private.h"

G_DEFINE_ABSTRACT_TYPE (GrChartLayer, gr_chart_layer, GTK_TYPE_WIDGET)

GrChartLegendEntry *
gr_chart_legend_entry_new (const char    *label,
                           GrChartSwatch  swatch,
                           GrChartColor   color,
                           guint          position)
{
  GrChartLegendEntry *entry = g_new0 (GrChartLegendEntry, 1);

  entry->label = g_strdup (label);
  entry->swatch = swatch;
  entry->color = color;
  entry->position = position;

  return entry;
}

void
gr_chart_legend_entry_free (GrChartLegendEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->label);
  g_free (entry);
}

static char *
gr_chart_layer_real_dup_tooltip (GrChartLayer    *self,
                                 double           x,
                                 double           y,
                                 graphene_rect_t *area)
{
  GrChartData *data = gr_chart_layer_get_data (self);
  int series;
  int index;

  if (data == NULL || !gr_chart_layer_lookup_item (self, x, y, &series, &index) || index < 0)
    return NULL;

  if (area != NULL && !gr_chart_layer_get_item_rect (self, series, index, area))
    graphene_rect_init (area, x, y, 1, 1);

  return gr_chart_data_dup_category_text (data, index, FALSE);
}

static void
gr_chart_layer_class_init (GrChartLayerClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  klass->dup_tooltip = gr_chart_layer_real_dup_tooltip;

  gtk_widget_class_set_css_name (widget_class, "layer");
}

static void
gr_chart_layer_init (GrChartLayer *self)
{
  /* The chart handles pointer and tooltips for all of its layers */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

GrChart *
gr_chart_layer_get_chart (GrChartLayer *self)
{
  GtkWidget *parent;

  g_return_val_if_fail (GR_IS_CHART_LAYER (self), NULL);

  parent = gtk_widget_get_parent (GTK_WIDGET (self));
  return GR_IS_CHART (parent) ? GR_CHART (parent) : NULL;
}

GrChartData *
gr_chart_layer_get_data (GrChartLayer *self)
{
  GrChart *chart = gr_chart_layer_get_chart (self);

  return chart ? gr_chart_get_data (chart) : NULL;
}

const GrChartTicks *
gr_chart_layer_get_ticks (GrChartLayer *self)
{
  GrChart *chart = gr_chart_layer_get_chart (self);

  g_return_val_if_fail (chart != NULL, NULL);

  return _gr_chart_get_ticks (chart);
}

const GrChartColors *
gr_chart_layer_get_colors (GrChartLayer *self)
{
  GrChart *chart = gr_chart_layer_get_chart (self);

  g_return_val_if_fail (chart != NULL, NULL);

  return _gr_chart_get_colors (chart);
}

gboolean
gr_chart_layer_get_horizontal (GrChartLayer *self)
{
  GrChart *chart = gr_chart_layer_get_chart (self);

  return chart ? gr_chart_get_horizontal (chart) : FALSE;
}

void
gr_chart_layer_get_category_axis (GrChartLayer *self,
                                  GrChartSpan  *axis)
{
  g_return_if_fail (GR_IS_CHART_LAYER (self));
  g_return_if_fail (axis != NULL);

  axis->start = 0;
  if (gr_chart_layer_get_horizontal (self))
    axis->length = gtk_widget_get_height (GTK_WIDGET (self));
  else
    axis->length = gtk_widget_get_width (GTK_WIDGET (self));
}

double
gr_chart_layer_value_to_pixel (GrChartLayer *self,
                               double        value)
{
  const GrChartTicks *ticks = gr_chart_layer_get_ticks (self);
  graphene_rect_t plot;

  graphene_rect_init (&plot, 0, 0,
                      gtk_widget_get_width (GTK_WIDGET (self)),
                      gtk_widget_get_height (GTK_WIDGET (self)));

  if (gr_chart_layer_get_horizontal (self))
    return gr_chart_value_to_x (ticks, value, &plot);
  return gr_chart_value_to_y (ticks, value, &plot);
}

gboolean
gr_chart_layer_get_hover (GrChartLayer *self,
                          int          *series,
                          int          *index)
{
  GrChart *chart = gr_chart_layer_get_chart (self);

  return chart != NULL && _gr_chart_get_hover (chart, self, series, index);
}

void
gr_chart_layer_changed (GrChartLayer *self)
{
  GrChart *chart;

  g_return_if_fail (GR_IS_CHART_LAYER (self));

  if ((chart = gr_chart_layer_get_chart (self)))
    _gr_chart_layer_changed (chart, self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
gr_chart_layer_get_kind (GrChartLayer *self)
{
  g_return_val_if_fail (GR_IS_CHART_LAYER (self), NULL);

  if (GR_CHART_LAYER_GET_CLASS (self)->get_kind)
    return GR_CHART_LAYER_GET_CLASS (self)->get_kind (self);
  return NULL;
}

void
gr_chart_layer_add_extent (GrChartLayer  *self,
                           GrChartExtent *extent)
{
  g_return_if_fail (GR_IS_CHART_LAYER (self));

  if (GR_CHART_LAYER_GET_CLASS (self)->add_extent)
    GR_CHART_LAYER_GET_CLASS (self)->add_extent (self, extent);
}

gboolean
gr_chart_layer_lookup_item (GrChartLayer *self,
                            double        x,
                            double        y,
                            int          *series,
                            int          *index)
{
  int s = -1;
  int i = -1;

  g_return_val_if_fail (GR_IS_CHART_LAYER (self), FALSE);

  if (GR_CHART_LAYER_GET_CLASS (self)->lookup_item == NULL ||
      !GR_CHART_LAYER_GET_CLASS (self)->lookup_item (self, x, y, &s, &i))
    return FALSE;

  if (series)
    *series = s;
  if (index)
    *index = i;
  return TRUE;
}

gboolean
gr_chart_layer_get_item_rect (GrChartLayer    *self,
                              int              series,
                              int              index,
                              graphene_rect_t *rect)
{
  g_return_val_if_fail (GR_IS_CHART_LAYER (self), FALSE);

  if (GR_CHART_LAYER_GET_CLASS (self)->get_item_rect)
    return GR_CHART_LAYER_GET_CLASS (self)->get_item_rect (self, series, index, rect);
  return FALSE;
}

char *
gr_chart_layer_dup_tooltip (GrChartLayer    *self,
                            double           x,
                            double           y,
                            graphene_rect_t *area)
{
  g_return_val_if_fail (GR_IS_CHART_LAYER (self), NULL);

  if (GR_CHART_LAYER_GET_CLASS (self)->dup_tooltip)
    return GR_CHART_LAYER_GET_CLASS (self)->dup_tooltip (self, x, y, area);
  return NULL;
}

char *
gr_chart_layer_dup_description (GrChartLayer *self)
{
  g_return_val_if_fail (GR_IS_CHART_LAYER (self), NULL);

  if (GR_CHART_LAYER_GET_CLASS (self)->dup_description)
    return GR_CHART_LAYER_GET_CLASS (self)->dup_description (self);
  return NULL;
}

void
gr_chart_layer_collect_legend (GrChartLayer *self,
                               GPtrArray    *entries)
{
  g_return_if_fail (GR_IS_CHART_LAYER (self));
  g_return_if_fail (entries != NULL);

  if (GR_CHART_LAYER_GET_CLASS (self)->collect_legend)
    GR_CHART_LAYER_GET_CLASS (self)->collect_legend (self, entries);
}

int
gr_chart_layer_measure_margin (GrChartLayer *self,
                               int           chart_width,
                               int           chart_height)
{
  g_return_val_if_fail (GR_IS_CHART_LAYER (self), 0);

  if (GR_CHART_LAYER_GET_CLASS (self)->measure_margin)
    return MAX (0, GR_CHART_LAYER_GET_CLASS (self)->measure_margin (self, chart_width, chart_height));
  return 0;
}
