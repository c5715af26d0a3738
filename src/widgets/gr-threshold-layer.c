/* gr-threshold-layer.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-threshold-layer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "gr-chart-text.h"
#include "gr-threshold-layer.h"

#define BAND_ALPHA 0.13f
#define HIT_DISTANCE 4.0

typedef struct
{
  double from;
  double to;       /* equal to from for lines */
  char *label;
  GrChartColor color;
  gboolean band;
} Mark;

struct _GrThresholdLayer
{
  GrChartLayer parent_instance;

  GArray *marks;   /* Mark */
};

G_DEFINE_FINAL_TYPE (GrThresholdLayer, gr_threshold_layer, GR_TYPE_CHART_LAYER)

static void
mark_clear (gpointer data)
{
  Mark *mark = data;

  g_clear_pointer (&mark->label, g_free);
}

static const GrChartFormat *
layer_format (GrThresholdLayer *self)
{
  static const GrChartFormat plain = { NULL, FALSE, 0 };
  GrChartData *data = gr_chart_layer_get_data (GR_CHART_LAYER (self));

  return data ? gr_chart_data_get_format (data) : &plain;
}

static double
line_position (GrThresholdLayer *self,
               const Mark       *mark)
{
  return round (gr_chart_layer_value_to_pixel (GR_CHART_LAYER (self), mark->from));
}

static gboolean
line_visible (GrThresholdLayer *self,
              const Mark       *mark)
{
  const GrChartTicks *ticks = gr_chart_layer_get_ticks (GR_CHART_LAYER (self));

  return !mark->band && mark->from >= ticks->min && mark->from <= ticks->max;
}

static void
snapshot_dash (GtkSnapshot   *snapshot,
               const GdkRGBA *color,
               double         x1,
               double         y1,
               double         x2,
               double         y2)
{
  static const double dashes[] = { 6.0, 4.0 };
  cairo_t *cr;

  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (MIN (x1, x2) - 2, MIN (y1, y2) - 2,
                                                       fabs (x2 - x1) + 4, fabs (y2 - y1) + 4));
  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x2, y2);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
gr_threshold_layer_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  GrThresholdLayer *self = (GrThresholdLayer *)widget;
  const GrChartColors *colors;
  const GrChartTicks *ticks;
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree double *anchors = NULL;
  g_autofree double *tops = NULL;
  g_autofree gboolean *visible = NULL;
  g_autofree guint *which = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  graphene_rect_t plot = GRAPHENE_RECT_INIT (0, 0, width, height);
  gboolean horizontal;
  guint n_lines = 0;
  int label_h = 0;

  if (width <= 0 || height <= 0 || self->marks->len == 0)
    return;

  colors = gr_chart_layer_get_colors (GR_CHART_LAYER (self));
  ticks = gr_chart_layer_get_ticks (GR_CHART_LAYER (self));
  horizontal = gr_chart_layer_get_horizontal (GR_CHART_LAYER (self));
  layout = gtk_widget_create_pango_layout (widget, NULL);

  /* Bands under the lines */
  for (guint i = 0; i < self->marks->len; i++)
    {
      const Mark *mark = &g_array_index (self->marks, Mark, i);
      GdkRGBA fill;
      graphene_rect_t rect;

      if (!mark->band || !gr_chart_band_rect (ticks, mark->from, mark->to, &plot, horizontal, &rect))
        continue;

      fill = *gr_chart_colors_fill (colors, mark->color, i);
      fill.alpha *= BAND_ALPHA;
      gtk_snapshot_append_color (snapshot, &fill, &rect);

      if (mark->label != NULL && mark->label[0] != '\0')
        {
          int w, h;

          gr_chart_text_fit (layout, mark->label, GR_CHART_TEXT_SMALL, rect.size.width - 12);
          gr_chart_text_size (layout, &w, &h);
          if (rect.size.height >= h + 6)
            {
              gtk_snapshot_save (snapshot);
              gtk_snapshot_translate (snapshot,
                                      &GRAPHENE_POINT_INIT (rect.origin.x + 6,
                                                            rect.origin.y + rect.size.height - h - 4));
              gtk_snapshot_append_layout (snapshot, layout, gr_chart_colors_text (colors, mark->color, i));
              gtk_snapshot_restore (snapshot);
            }
        }
    }

  anchors = g_new0 (double, self->marks->len);
  tops = g_new0 (double, self->marks->len);
  visible = g_new0 (gboolean, self->marks->len);
  which = g_new0 (guint, self->marks->len);

  for (guint i = 0; i < self->marks->len; i++)
    {
      const Mark *mark = &g_array_index (self->marks, Mark, i);
      const GdkRGBA *color = gr_chart_colors_text (colors, mark->color, i);
      double p;

      if (!line_visible (self, mark))
        continue;

      p = line_position (self, mark);
      if (horizontal)
        snapshot_dash (snapshot, color, p + 0.5, 0, p + 0.5, height);
      else
        snapshot_dash (snapshot, color, 0, p + 0.5, width, p + 0.5);

      anchors[n_lines] = p;
      which[n_lines] = i;
      n_lines++;
    }

  if (n_lines == 0)
    return;

  gr_chart_text_fit (layout, "0", GR_CHART_TEXT_SMALL, -1);
  gr_chart_text_size (layout, NULL, &label_h);
  if (!horizontal)
    gr_chart_place_line_labels (anchors, n_lines, label_h, 0, height, tops, visible);

  for (guint k = 0; k < n_lines; k++)
    {
      const Mark *mark = &g_array_index (self->marks, Mark, which[k]);
      int w, h;
      double x, y;

      if (mark->label == NULL || mark->label[0] == '\0')
        continue;

      gr_chart_text_fit (layout, mark->label, GR_CHART_TEXT_SMALL, MAX (40, width / 2));
      gr_chart_text_size (layout, &w, &h);

      if (horizontal)
        {
          x = anchors[k] + 4;
          if (x + w > width)
            x = anchors[k] - 4 - w;
          y = 2;
        }
      else
        {
          if (!visible[k])
            continue;
          x = width - w - 4;
          y = tops[k];
        }

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (x), round (y)));
      gtk_snapshot_append_layout (snapshot, layout, gr_chart_colors_text (colors, mark->color, which[k]));
      gtk_snapshot_restore (snapshot);
    }
}

static void
gr_threshold_layer_add_extent (GrChartLayer  *layer,
                               GrChartExtent *extent)
{
  GrThresholdLayer *self = GR_THRESHOLD_LAYER (layer);

  /* Lines must be on the axis; bands only shade what the data shows */
  for (guint i = 0; i < self->marks->len; i++)
    {
      const Mark *mark = &g_array_index (self->marks, Mark, i);

      if (!mark->band)
        gr_chart_extent_add (extent, mark->from);
    }
}

static int
line_at (GrThresholdLayer *self,
         double            x,
         double            y)
{
  gboolean horizontal = gr_chart_layer_get_horizontal (GR_CHART_LAYER (self));

  for (guint i = 0; i < self->marks->len; i++)
    {
      const Mark *mark = &g_array_index (self->marks, Mark, i);

      if (line_visible (self, mark) &&
          fabs ((horizontal ? x : y) - line_position (self, mark)) <= HIT_DISTANCE)
        return i;
    }

  return -1;
}

static char *
gr_threshold_layer_dup_tooltip (GrChartLayer    *layer,
                                double           x,
                                double           y,
                                graphene_rect_t *area)
{
  GrThresholdLayer *self = GR_THRESHOLD_LAYER (layer);
  g_autofree char *value = NULL;
  const Mark *mark;
  double p;
  int i;

  if ((i = line_at (self, x, y)) < 0)
    return NULL;

  mark = &g_array_index (self->marks, Mark, i);
  p = line_position (self, mark);
  if (gr_chart_layer_get_horizontal (layer))
    graphene_rect_init (area, p - HIT_DISTANCE, 0, 2 * HIT_DISTANCE, gtk_widget_get_height (GTK_WIDGET (self)));
  else
    graphene_rect_init (area, 0, p - HIT_DISTANCE, gtk_widget_get_width (GTK_WIDGET (self)), 2 * HIT_DISTANCE);

  value = gr_chart_format_value (layer_format (self), mark->from);
  if (mark->label == NULL || mark->label[0] == '\0')
    return g_steal_pointer (&value);
  return g_strdup_printf (_("%s: %s"), mark->label, value);
}

static char *
gr_threshold_layer_dup_description (GrChartLayer *layer)
{
  GrThresholdLayer *self = GR_THRESHOLD_LAYER (layer);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < self->marks->len; i++)
    {
      const Mark *mark = &g_array_index (self->marks, Mark, i);
      const char *label = mark->label ? mark->label : "";

      if (text->len > 0)
        g_string_append_c (text, ' ');

      if (!mark->band)
        {
          g_autofree char *value = gr_chart_format_value (layer_format (self), mark->from);

          /* TRANSLATORS: a threshold line in a chart, e.g.
           * "Threshold line 70% 东莞 第十五条 at 70.0%." */
          g_string_append_printf (text, _("Threshold line %s at %s."), label, value);
        }
      else if (isfinite (mark->from) && isfinite (mark->to))
        {
          g_autofree char *from = gr_chart_format_value (layer_format (self), mark->from);
          g_autofree char *to = gr_chart_format_value (layer_format (self), mark->to);

          g_string_append_printf (text, _("Shaded band %s from %s to %s."), label, from, to);
        }
      else if (isfinite (mark->to))
        {
          g_autofree char *to = gr_chart_format_value (layer_format (self), mark->to);

          g_string_append_printf (text, _("Shaded band %s below %s."), label, to);
        }
      else
        {
          g_autofree char *from = gr_chart_format_value (layer_format (self), mark->from);

          g_string_append_printf (text, _("Shaded band %s above %s."), label, from);
        }
    }

  return g_string_free (text, FALSE);
}

static void
gr_threshold_layer_collect_legend (GrChartLayer *layer,
                                   GPtrArray    *entries)
{
  GrThresholdLayer *self = GR_THRESHOLD_LAYER (layer);

  for (guint i = 0; i < self->marks->len; i++)
    {
      const Mark *mark = &g_array_index (self->marks, Mark, i);

      if (mark->label == NULL || mark->label[0] == '\0')
        continue;

      g_ptr_array_add (entries,
                       gr_chart_legend_entry_new (mark->label,
                                                  mark->band ? GR_CHART_SWATCH_BAND : GR_CHART_SWATCH_DASH,
                                                  mark->color,
                                                  i));
    }
}

static void
gr_threshold_layer_finalize (GObject *object)
{
  GrThresholdLayer *self = (GrThresholdLayer *)object;

  g_clear_pointer (&self->marks, g_array_unref);

  G_OBJECT_CLASS (gr_threshold_layer_parent_class)->finalize (object);
}

static void
gr_threshold_layer_class_init (GrThresholdLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GrChartLayerClass *layer_class = GR_CHART_LAYER_CLASS (klass);

  object_class->finalize = gr_threshold_layer_finalize;

  widget_class->snapshot = gr_threshold_layer_snapshot;

  layer_class->uses_axes = TRUE;
  layer_class->add_extent = gr_threshold_layer_add_extent;
  layer_class->dup_tooltip = gr_threshold_layer_dup_tooltip;
  layer_class->dup_description = gr_threshold_layer_dup_description;
  layer_class->collect_legend = gr_threshold_layer_collect_legend;

  gtk_widget_class_set_css_name (widget_class, "thresholds");
}

static void
gr_threshold_layer_init (GrThresholdLayer *self)
{
  self->marks = g_array_new (FALSE, TRUE, sizeof (Mark));
  g_array_set_clear_func (self->marks, mark_clear);
}

GrChartLayer *
gr_threshold_layer_new (void)
{
  return g_object_new (GR_TYPE_THRESHOLD_LAYER, NULL);
}

void
gr_threshold_layer_add_line (GrThresholdLayer *self,
                             double            value,
                             const char       *label,
                             GrChartColor      color)
{
  Mark mark = { value, value, g_strdup (label), color, FALSE };

  g_return_if_fail (GR_IS_THRESHOLD_LAYER (self));
  g_return_if_fail (isfinite (value));

  g_array_append_val (self->marks, mark);
  gr_chart_layer_changed (GR_CHART_LAYER (self));
}

void
gr_threshold_layer_add_band (GrThresholdLayer *self,
                             double            from,
                             double            to,
                             const char       *label,
                             GrChartColor      color)
{
  Mark mark = { MIN (from, to), MAX (from, to), g_strdup (label), color, TRUE };

  g_return_if_fail (GR_IS_THRESHOLD_LAYER (self));
  g_return_if_fail (!isnan (from) && !isnan (to));

  g_array_append_val (self->marks, mark);
  gr_chart_layer_changed (GR_CHART_LAYER (self));
}

void
gr_threshold_layer_clear (GrThresholdLayer *self)
{
  g_return_if_fail (GR_IS_THRESHOLD_LAYER (self));

  g_array_set_size (self->marks, 0);
  gr_chart_layer_changed (GR_CHART_LAYER (self));
}

guint
gr_threshold_layer_get_n_lines (GrThresholdLayer *self)
{
  guint n = 0;

  g_return_val_if_fail (GR_IS_THRESHOLD_LAYER (self), 0);

  for (guint i = 0; i < self->marks->len; i++)
    if (!g_array_index (self->marks, Mark, i).band)
      n++;
  return n;
}

double
gr_threshold_layer_get_line_position (GrThresholdLayer *self,
                                      guint             index)
{
  g_return_val_if_fail (GR_IS_THRESHOLD_LAYER (self), NAN);

  for (guint i = 0; i < self->marks->len; i++)
    {
      const Mark *mark = &g_array_index (self->marks, Mark, i);

      if (mark->band)
        continue;
      if (index-- == 0)
        return line_position (self, mark);
    }

  return NAN;
}
