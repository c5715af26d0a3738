/* gr-line-layer.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-line-layer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "gr-line-layer.h"

#define LINE_WIDTH   2.5
#define DOT_RADIUS   2.5
#define HOVER_RADIUS 4.5
/* How close the pointer must be to a point to name its series */
#define PICK_DISTANCE 12.0

struct _GrLineLayer
{
  GrChartLayer parent_instance;
};

G_DEFINE_FINAL_TYPE (GrLineLayer, gr_line_layer, GR_TYPE_CHART_LAYER)

static double
category_x (GrLineLayer *self,
            guint        n,
            guint        index)
{
  GrChartSpan axis;
  GrChartSpan slot;

  gr_chart_layer_get_category_axis (GR_CHART_LAYER (self), &axis);
  gr_chart_category_slot (n, index, &axis, &slot);
  return slot.start + slot.length / 2.0;
}

static gboolean
point_at (GrLineLayer *self,
          GrChartData *data,
          guint        series,
          guint        index,
          double      *x,
          double      *y)
{
  double v = gr_chart_data_get_value (data, series, index);

  if (!isfinite (v))
    return FALSE;

  *x = category_x (self, gr_chart_data_get_n_categories (data), index);
  *y = gr_chart_layer_value_to_pixel (GR_CHART_LAYER (self), v);
  return TRUE;
}

static void
gr_line_layer_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  GrLineLayer *self = (GrLineLayer *)widget;
  GrChartData *data = gr_chart_layer_get_data (GR_CHART_LAYER (self));
  const GrChartColors *colors;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint n, n_series;
  int hover_index = -1;
  gboolean dots;
  cairo_t *cr;

  g_assert (GR_IS_LINE_LAYER (self));

  if (width <= 0 || height <= 0 || data == NULL)
    return;

  n = gr_chart_data_get_n_categories (data);
  n_series = gr_chart_data_get_n_series (data);
  if (n == 0 || n_series == 0)
    return;

  colors = gr_chart_layer_get_colors (GR_CHART_LAYER (self));
  gr_chart_layer_get_hover (GR_CHART_LAYER (self), NULL, &hover_index);
  /* Dots only when the points are far enough apart to read as points */
  dots = (double) width / n >= 20;

  /* The hovered month: a guide line under the data */
  if (hover_index >= 0 && hover_index < (int) n)
    gtk_snapshot_append_color (snapshot, &colors->axis,
                               &GRAPHENE_RECT_INIT (round (category_x (self, n, hover_index)), 0, 1, height));

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (-8, -8, width + 16, height + 16));
  cairo_set_line_width (cr, LINE_WIDTH);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  for (guint s = 0; s < n_series; s++)
    {
      GrChartSeries *series = gr_chart_data_get_series (data, s);
      const GdkRGBA *color = gr_chart_colors_fill (colors, gr_chart_series_get_color (series), s);
      gboolean drawing = FALSE;
      int last = -1;

      gdk_cairo_set_source_rgba (cr, color);

      for (guint i = 0; i < n; i++)
        {
          double x, y;

          if (!point_at (self, data, s, i, &x, &y))
            {
              drawing = FALSE;
              continue;
            }

          if (drawing)
            cairo_line_to (cr, x, y);
          else
            cairo_move_to (cr, x, y);
          drawing = TRUE;
          last = i;
        }
      cairo_stroke (cr);

      for (guint i = 0; i < n; i++)
        {
          double x, y;
          double r;

          if (!point_at (self, data, s, i, &x, &y))
            continue;

          if ((int) i == hover_index)
            r = HOVER_RADIUS;
          else if ((int) i == last)
            r = DOT_RADIUS + 1;
          else if (dots)
            r = DOT_RADIUS;
          else
            continue;

          cairo_new_sub_path (cr);
          cairo_arc (cr, x, y, r, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }

  cairo_destroy (cr);
}

static const char *
gr_line_layer_get_kind (GrChartLayer *layer)
{
  return _("Line chart");
}

static void
gr_line_layer_add_extent (GrChartLayer  *layer,
                          GrChartExtent *extent)
{
  GrChartData *data = gr_chart_layer_get_data (layer);

  if (data == NULL)
    return;

  for (guint s = 0; s < gr_chart_data_get_n_series (data); s++)
    for (guint i = 0; i < gr_chart_data_get_n_categories (data); i++)
      gr_chart_extent_add (extent, gr_chart_data_get_value (data, s, i));
}

static gboolean
gr_line_layer_lookup_item (GrChartLayer *layer,
                           double        x,
                           double        y,
                           int          *series,
                           int          *index)
{
  GrLineLayer *self = GR_LINE_LAYER (layer);
  GrChartData *data = gr_chart_layer_get_data (layer);
  double best = PICK_DISTANCE;
  GrChartSpan axis;
  int i;

  if (data == NULL || gr_chart_data_get_n_series (data) == 0)
    return FALSE;

  gr_chart_layer_get_category_axis (layer, &axis);
  i = gr_chart_category_at (gr_chart_data_get_n_categories (data), &axis, x);
  if (i < 0 || y < 0 || y > gtk_widget_get_height (GTK_WIDGET (self)))
    return FALSE;

  *index = i;
  *series = -1;
  for (guint s = 0; s < gr_chart_data_get_n_series (data); s++)
    {
      double px, py;

      if (point_at (self, data, s, i, &px, &py) && fabs (py - y) < best)
        {
          best = fabs (py - y);
          *series = s;
        }
    }

  return TRUE;
}

static gboolean
gr_line_layer_get_item_rect (GrChartLayer    *layer,
                             int              series,
                             int              index,
                             graphene_rect_t *rect)
{
  GrLineLayer *self = GR_LINE_LAYER (layer);
  GrChartData *data = gr_chart_layer_get_data (layer);
  GrChartSpan axis;
  GrChartSpan slot;
  double x, y;
  guint n;

  if (data == NULL)
    return FALSE;

  n = gr_chart_data_get_n_categories (data);
  if (index < 0 || index >= (int) n)
    return FALSE;

  if (series < 0)
    {
      gr_chart_layer_get_category_axis (layer, &axis);
      gr_chart_category_slot (n, index, &axis, &slot);
      graphene_rect_init (rect, slot.start, 0, slot.length, gtk_widget_get_height (GTK_WIDGET (self)));
      return TRUE;
    }

  if (!point_at (self, data, series, index, &x, &y))
    return FALSE;

  graphene_rect_init (rect, x - HOVER_RADIUS, y - HOVER_RADIUS, 2 * HOVER_RADIUS, 2 * HOVER_RADIUS);
  return TRUE;
}

static char *
gr_line_layer_dup_tooltip (GrChartLayer    *layer,
                           double           x,
                           double           y,
                           graphene_rect_t *area)
{
  GrChartData *data = gr_chart_layer_get_data (layer);
  int series, index;

  if (!gr_line_layer_lookup_item (layer, x, y, &series, &index))
    return NULL;

  gr_line_layer_get_item_rect (layer, -1, index, area);
  return gr_chart_data_dup_category_text (data, index, FALSE);
}

static void
gr_line_layer_collect_legend (GrChartLayer *layer,
                              GPtrArray    *entries)
{
  GrChartData *data = gr_chart_layer_get_data (layer);

  if (data == NULL)
    return;

  for (guint s = 0; s < gr_chart_data_get_n_series (data); s++)
    {
      GrChartSeries *series = gr_chart_data_get_series (data, s);

      g_ptr_array_add (entries,
                       gr_chart_legend_entry_new (gr_chart_series_get_name (series),
                                                  GR_CHART_SWATCH_LINE,
                                                  gr_chart_series_get_color (series),
                                                  s));
    }
}

static void
gr_line_layer_class_init (GrLineLayerClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GrChartLayerClass *layer_class = GR_CHART_LAYER_CLASS (klass);

  widget_class->snapshot = gr_line_layer_snapshot;

  layer_class->uses_axes = TRUE;
  layer_class->continuous = TRUE;
  layer_class->get_kind = gr_line_layer_get_kind;
  layer_class->add_extent = gr_line_layer_add_extent;
  layer_class->lookup_item = gr_line_layer_lookup_item;
  layer_class->get_item_rect = gr_line_layer_get_item_rect;
  layer_class->dup_tooltip = gr_line_layer_dup_tooltip;
  layer_class->collect_legend = gr_line_layer_collect_legend;

  gtk_widget_class_set_css_name (widget_class, "lines");
}

static void
gr_line_layer_init (GrLineLayer *self)
{
}

GrChartLayer *
gr_line_layer_new (void)
{
  return g_object_new (GR_TYPE_LINE_LAYER, NULL);
}
