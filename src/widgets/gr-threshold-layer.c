/* gr-threshold-layer.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-threshold-layer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "gr-chart-text.h"
#include "gr-chart.h"
#include "gr-threshold-layer.h"

#define BAND_ALPHA 0.13f
#define HIT_DISTANCE 4.0
/* Between the plot and the labels in its margin, and after them */
#define MARGIN_GAP 8
#define MARGIN_END 4
/* Lines a label may wrap to in the margin right of the plot */
#define MARGIN_LINES 3

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

/* A line's label where it stands, in layer coordinates */
typedef struct
{
  guint mark;
  graphene_rect_t rect;
  int wrap;        /* the width its text is fitted to */
  gboolean ellipsized;
} LabelPlace;

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

static gboolean
has_label (const Mark *mark)
{
  return !mark->band && mark->label != NULL && mark->label[0] != '\0';
}

/* Sets a line's label in layout: beside a horizontal line wrapped to
 * width on up to MARGIN_LINES lines, above a vertical one on one line.
 * Returns TRUE when it had to be ellipsized. */
static gboolean
fit_label (PangoLayout *layout,
           const char  *label,
           int          width,
           gboolean     horizontal)
{
  gr_chart_text_fit (layout, label, GR_CHART_TEXT_SMALL, width);
  if (!horizontal)
    {
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (layout, -MARGIN_LINES);
    }
  return pango_layout_is_ellipsized (layout);
}

/* Where each line's label goes: in the chart's margin beside the plot
 * (gr_chart_place_margin_labels), never over the data. */
static GArray *
place_labels (GrThresholdLayer *self,
              PangoLayout      *layout)
{
  GArray *places = g_array_new (FALSE, TRUE, sizeof (LabelPlace));
  GrChart *chart = gr_chart_layer_get_chart (GR_CHART_LAYER (self));
  gboolean horizontal = gr_chart_layer_get_horizontal (GR_CHART_LAYER (self));
  g_autofree double *anchors = NULL;
  g_autofree double *sizes = NULL;
  g_autofree double *starts = NULL;
  g_autofree gboolean *visible = NULL;
  graphene_rect_t plot;
  int chart_w, room;
  guint n = 0;

  if (chart == NULL || !gr_chart_get_plot (chart, &plot))
    return places;
  chart_w = gtk_widget_get_width (GTK_WIDGET (chart));
  /* What the chart left beside the plot for the labels */
  room = horizontal ? gr_chart_margin_label_cap (chart_w)
                    : (int) (chart_w - plot.origin.x - plot.size.width) - MARGIN_GAP - MARGIN_END;
  if (room < 12)
    return places;

  anchors = g_new0 (double, self->marks->len + 1);
  sizes = g_new0 (double, self->marks->len + 1);
  starts = g_new0 (double, self->marks->len + 1);
  visible = g_new0 (gboolean, self->marks->len + 1);
  for (guint i = 0; i < self->marks->len; i++)
    {
      const Mark *mark = &g_array_index (self->marks, Mark, i);
      LabelPlace place = { i, GRAPHENE_RECT_INIT (0, 0, 0, 0), room, FALSE };
      int w, h;

      if (!has_label (mark) || !line_visible (self, mark))
        continue;
      place.ellipsized = fit_label (layout, mark->label, room, horizontal);
      gr_chart_text_size (layout, &w, &h);
      graphene_rect_init (&place.rect, 0, 0, w, h);
      anchors[n] = line_position (self, mark);
      sizes[n] = horizontal ? w : h;
      g_array_append_val (places, place);
      n++;
    }
  if (n == 0)
    return places;

  if (horizontal)
    gr_chart_place_margin_labels (anchors, sizes, n, 6, -plot.origin.x, chart_w - plot.origin.x, starts, visible);
  else
    /* From the top of the chart down to the plot's bottom: under it, the
     * last month's label may reach into the margin. */
    gr_chart_place_margin_labels (anchors, sizes, n, 2, -plot.origin.y, plot.size.height, starts, visible);

  for (guint k = n; k-- > 0; )
    {
      LabelPlace *place = &g_array_index (places, LabelPlace, k);

      if (!visible[k])
        {
          g_array_remove_index (places, k);
          continue;
        }
      if (horizontal)
        {
          place->rect.origin.x = round (starts[k]);
          place->rect.origin.y = -MARGIN_GAP / 2 - place->rect.size.height;
        }
      else
        {
          place->rect.origin.x = plot.size.width + MARGIN_GAP;
          place->rect.origin.y = round (starts[k]);
        }
    }
  return places;
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
  g_autoptr(GArray) places = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  graphene_rect_t plot = GRAPHENE_RECT_INIT (0, 0, width, height);
  gboolean horizontal;

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
    }

  /* The labels stand in the margin the chart left beside the plot */
  places = place_labels (self, layout);
  for (guint k = 0; k < places->len; k++)
    {
      const LabelPlace *place = &g_array_index (places, LabelPlace, k);
      const Mark *mark = &g_array_index (self->marks, Mark, place->mark);

      fit_label (layout, mark->label, place->wrap, horizontal);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &place->rect.origin);
      gtk_snapshot_append_layout (snapshot, layout, gr_chart_colors_text (colors, mark->color, place->mark));
      gtk_snapshot_restore (snapshot);
    }
}

static int
gr_threshold_layer_measure_margin (GrChartLayer *layer,
                                   int           chart_width,
                                   int           chart_height)
{
  GrThresholdLayer *self = GR_THRESHOLD_LAYER (layer);
  gboolean horizontal = gr_chart_layer_get_horizontal (layer);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  int cap = gr_chart_margin_label_cap (chart_width);
  int widest = 0, tallest = 0;

  for (guint i = 0; i < self->marks->len; i++)
    {
      const Mark *mark = &g_array_index (self->marks, Mark, i);
      int w, h;

      if (!has_label (mark))
        continue;
      fit_label (layout, mark->label, cap, horizontal);
      gr_chart_text_size (layout, &w, &h);
      widest = MAX (widest, w);
      tallest = MAX (tallest, h);
    }
  if (widest == 0)
    return 0;
  return horizontal ? tallest + MARGIN_GAP : widest + MARGIN_GAP + MARGIN_END;
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

  /* A label in the margin names its line too */
  if (!graphene_rect_contains_point (&GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (GTK_WIDGET (self)),
                                                          gtk_widget_get_height (GTK_WIDGET (self))),
                                     &GRAPHENE_POINT_INIT (x, y)))
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      g_autoptr(GArray) places = place_labels (self, layout);

      for (guint k = 0; k < places->len; k++)
        {
          const LabelPlace *place = &g_array_index (places, LabelPlace, k);

          if (graphene_rect_contains_point (&place->rect, &GRAPHENE_POINT_INIT (x, y)))
            {
              mark = &g_array_index (self->marks, Mark, place->mark);
              *area = place->rect;
              value = gr_chart_format_value (layer_format (self), mark->from);
              return g_strdup_printf (_("%s: %s"), mark->label, value);
            }
        }
      return NULL;
    }

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
  layer_class->measure_margin = gr_threshold_layer_measure_margin;

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

gboolean
gr_threshold_layer_get_label_rect (GrThresholdLayer *self,
                                   guint             index,
                                   graphene_rect_t  *rect)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(GArray) places = NULL;
  guint mark_index = G_MAXUINT;

  g_return_val_if_fail (GR_IS_THRESHOLD_LAYER (self), FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  for (guint i = 0; i < self->marks->len; i++)
    if (!g_array_index (self->marks, Mark, i).band && index-- == 0)
      {
        mark_index = i;
        break;
      }
  if (mark_index == G_MAXUINT)
    return FALSE;

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  places = place_labels (self, layout);
  for (guint k = 0; k < places->len; k++)
    if (g_array_index (places, LabelPlace, k).mark == mark_index)
      {
        *rect = g_array_index (places, LabelPlace, k).rect;
        return TRUE;
      }
  return FALSE;
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
