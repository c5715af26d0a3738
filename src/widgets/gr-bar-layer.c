/* gr-bar-layer.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-bar-layer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gr-bar-layer.h"
#include "gr-chart.h"
#include "gr-chart-text.h"

#define CORNER_RADIUS 3.0
#define MARKER_OVERHANG 5.0
#define MARKER_WIDTH 3.0

struct _GrBarLayer
{
  GrChartLayer parent_instance;

  GrBarMode mode;
  guint show_values : 1;
};

enum {
  PROP_0,
  PROP_MODE,
  PROP_SHOW_VALUES,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (GrBarLayer, gr_bar_layer, GR_TYPE_CHART_LAYER)

static GParamSpec *properties[N_PROPS];

/* The values as one array, series after series, plus stack geometry when
 * stacked. Charts hold dozens of values, so this is cheap per frame. */
typedef struct
{
  guint n_series;
  guint n_categories;
  double *values;
  double *starts;
  double *ends;
  double *totals;
} Bars;

static void
bars_clear (Bars *bars)
{
  g_clear_pointer (&bars->values, g_free);
  g_clear_pointer (&bars->starts, g_free);
  g_clear_pointer (&bars->ends, g_free);
  g_clear_pointer (&bars->totals, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Bars, bars_clear)

static gboolean
bars_load (GrBarLayer *self,
           Bars       *bars)
{
  GrChartData *data = gr_chart_layer_get_data (GR_CHART_LAYER (self));
  guint n;

  memset (bars, 0, sizeof *bars);
  if (data == NULL)
    return FALSE;

  bars->n_series = gr_chart_data_get_n_series (data);
  bars->n_categories = gr_chart_data_get_n_categories (data);
  n = bars->n_series * bars->n_categories;
  if (n == 0)
    return FALSE;

  bars->values = g_new (double, n);
  bars->starts = g_new (double, n);
  bars->ends = g_new (double, n);
  bars->totals = g_new (double, bars->n_categories);

  for (guint s = 0; s < bars->n_series; s++)
    for (guint c = 0; c < bars->n_categories; c++)
      bars->values[s * bars->n_categories + c] = gr_chart_data_get_value (data, s, c);

  if (self->mode == GR_BAR_MODE_STACKED)
    gr_chart_stack (bars->values, bars->n_series, bars->n_categories,
                    bars->starts, bars->ends, bars->totals);
  else
    for (guint i = 0; i < n; i++)
      {
        bars->starts[i] = 0;
        bars->ends[i] = isfinite (bars->values[i]) ? bars->values[i] : 0;
      }

  return TRUE;
}

/* Thickness position of bar s in category c along the category axis */
static void
bar_span (GrBarLayer  *self,
          const Bars  *bars,
          guint        s,
          guint        c,
          GrChartSpan *out)
{
  GrChartSpan axis;

  gr_chart_layer_get_category_axis (GR_CHART_LAYER (self), &axis);
  if (self->mode == GR_BAR_MODE_STACKED)
    gr_chart_bar_span (bars->n_categories, c, 1, 0, &axis, out);
  else
    gr_chart_bar_span (bars->n_categories, c, bars->n_series, s, &axis, out);
}

static void
group_span (GrBarLayer  *self,
            const Bars  *bars,
            guint        c,
            GrChartSpan *out)
{
  GrChartSpan first;
  GrChartSpan last;

  bar_span (self, bars, 0, c, &first);
  if (self->mode == GR_BAR_MODE_STACKED)
    last = first;
  else
    bar_span (self, bars, bars->n_series - 1, c, &last);

  out->start = first.start;
  out->length = last.start + last.length - first.start;
}

/* A rectangle from span (across) and two values (along the value axis) */
static void
make_rect (GrBarLayer        *self,
           const GrChartSpan *span,
           double             from,
           double             to,
           graphene_rect_t   *rect)
{
  double p0 = gr_chart_layer_value_to_pixel (GR_CHART_LAYER (self), from);
  double p1 = gr_chart_layer_value_to_pixel (GR_CHART_LAYER (self), to);

  if (gr_chart_layer_get_horizontal (GR_CHART_LAYER (self)))
    graphene_rect_init (rect, MIN (p0, p1), span->start, fabs (p1 - p0), span->length);
  else
    graphene_rect_init (rect, span->start, MIN (p0, p1), span->length, fabs (p1 - p0));
}

static gboolean
bar_rect (GrBarLayer      *self,
          const Bars      *bars,
          guint            s,
          guint            c,
          graphene_rect_t *rect)
{
  const GrChartTicks *ticks = gr_chart_layer_get_ticks (GR_CHART_LAYER (self));
  guint i = s * bars->n_categories + c;
  GrChartSpan span;
  double from, to;

  if (!isfinite (bars->values[i]))
    return FALSE;

  bar_span (self, bars, s, c, &span);
  from = CLAMP (bars->starts[i], ticks->min, ticks->max);
  to = CLAMP (bars->ends[i], ticks->min, ticks->max);
  make_rect (self, &span, from, to, rect);
  return TRUE;
}

static void
slot_rect (GrBarLayer      *self,
           const Bars      *bars,
           guint            c,
           graphene_rect_t *rect)
{
  GrChartSpan axis;
  GrChartSpan slot;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  gr_chart_layer_get_category_axis (GR_CHART_LAYER (self), &axis);
  gr_chart_category_slot (bars->n_categories, c, &axis, &slot);

  if (gr_chart_layer_get_horizontal (GR_CHART_LAYER (self)))
    graphene_rect_init (rect, 0, slot.start, width, slot.length);
  else
    graphene_rect_init (rect, slot.start, 0, slot.length, height);
}

/* Rounds the outer end of a bar: the top of a column, the right end of a
 * horizontal bar (the other way for negative values). */
static void
append_bar (GtkSnapshot           *snapshot,
            const GdkRGBA         *color,
            const graphene_rect_t *rect,
            gboolean               horizontal,
            gboolean               negative,
            gboolean               rounded)
{
  graphene_rect_t r = *rect;
  double radius;

  if (r.size.width <= 0 || r.size.height <= 0)
    return;

  radius = MIN (CORNER_RADIUS, MIN (r.size.width, r.size.height) / 2.0);
  if (!rounded || radius < 1)
    {
      gtk_snapshot_append_color (snapshot, color, &r);
      return;
    }

  {
    GskRoundedRect clip;
    graphene_size_t round_ = GRAPHENE_SIZE_INIT (radius, radius);
    graphene_size_t square = GRAPHENE_SIZE_INIT (0, 0);

    if (horizontal && !negative)
      gsk_rounded_rect_init (&clip, &r, &square, &round_, &round_, &square);
    else if (horizontal)
      gsk_rounded_rect_init (&clip, &r, &round_, &square, &square, &round_);
    else if (!negative)
      gsk_rounded_rect_init (&clip, &r, &round_, &round_, &square, &square);
    else
      gsk_rounded_rect_init (&clip, &r, &square, &square, &round_, &round_);

    gtk_snapshot_push_rounded_clip (snapshot, &clip);
    gtk_snapshot_append_color (snapshot, color, &r);
    gtk_snapshot_pop (snapshot);
  }
}

static char *
value_label (GrChartData *data,
             double       value)
{
  GrChartFormat format = *gr_chart_data_get_format (data);

  /* The axis names the unit; labels carry the number only */
  format.unit = NULL;
  return gr_chart_format_value (&format, value);
}

/* Space the chart leaves outside the plot at the far end of the value
 * axis (right of horizontal bars, above columns) for value labels. */
static double
outer_room (GrBarLayer *self)
{
  GrChart *chart = gr_chart_layer_get_chart (GR_CHART_LAYER (self));
  graphene_rect_t plot;

  if (chart == NULL || !gr_chart_get_plot (chart, &plot))
    return 0;
  if (gr_chart_layer_get_horizontal (GR_CHART_LAYER (self)))
    return MAX (0, gtk_widget_get_width (GTK_WIDGET (chart)) - plot.origin.x - plot.size.width);
  return plot.origin.y;
}

static void
snapshot_value_label (GrBarLayer          *self,
                      GtkSnapshot         *snapshot,
                      PangoLayout         *layout,
                      const GrChartColors *colors,
                      const GrChartSpan   *span,
                      double               base,
                      double               end,
                      double               target,
                      const char          *text)
{
  gboolean horizontal = gr_chart_layer_get_horizontal (GR_CHART_LAYER (self));
  double p_base = gr_chart_layer_value_to_pixel (GR_CHART_LAYER (self), base);
  double p_end = gr_chart_layer_value_to_pixel (GR_CHART_LAYER (self), end);
  double p_target = isfinite (target) ? gr_chart_layer_value_to_pixel (GR_CHART_LAYER (self), target) : NAN;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  gboolean negative = end < base;
  GrChartLabelPlace place;
  int w, h;
  double x, y;
  double room;

  gr_chart_text_fit (layout, text, GR_CHART_TEXT_NUMBER, -1);
  gr_chart_text_size (layout, &w, &h);

  /* A label must not sit on the target marker: when the marker is just
   * beyond the bar, the label goes beyond the marker. */
  if (horizontal)
    {
      double start = p_end;

      if (isfinite (p_target) && !negative && p_target >= p_end - MARKER_WIDTH && p_target <= p_end + 4 + w + 2)
        start = p_target + MARKER_WIDTH / 2.0;
      room = negative ? p_end : width + outer_room (self) - start;
      place = gr_chart_value_label_place (span->length, fabs (p_end - p_base), room, h, w);
      y = round (span->start + (span->length - h) / 2.0);
      if (place == GR_CHART_LABEL_OUTSIDE)
        x = negative ? p_end - 4 - w : start + 4;
      else
        x = negative ? p_end + 4 : p_end - 4 - w;
    }
  else
    {
      double start = p_end;

      if (isfinite (p_target) && !negative && p_target <= p_end + MARKER_WIDTH && p_target >= p_end - 4 - h - 2)
        start = p_target - MARKER_WIDTH / 2.0;
      room = negative ? height - p_end : start + outer_room (self);
      place = gr_chart_value_label_place (span->length, fabs (p_end - p_base), room, w, h);
      x = round (span->start + (span->length - w) / 2.0);
      if (place == GR_CHART_LABEL_OUTSIDE)
        y = negative ? p_end + 2 : start - 2 - h;
      else
        y = negative ? p_end - 4 - h : p_end + 4;
    }

  if (place == GR_CHART_LABEL_HIDDEN)
    return;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout,
                              place == GR_CHART_LABEL_INSIDE ? &colors->on_fill : &colors->fg);
  gtk_snapshot_restore (snapshot);
}

static void
gr_bar_layer_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  GrBarLayer *self = (GrBarLayer *)widget;
  GrChartData *data = gr_chart_layer_get_data (GR_CHART_LAYER (self));
  const GrChartColors *colors;
  const GrChartTicks *ticks;
  g_auto(Bars) bars = { 0 };
  g_autoptr(PangoLayout) layout = NULL;
  gboolean horizontal;
  gboolean stacked = self->mode == GR_BAR_MODE_STACKED;
  int hover_index = -1;

  g_assert (GR_IS_BAR_LAYER (self));

  if (gtk_widget_get_width (widget) <= 0 || gtk_widget_get_height (widget) <= 0)
    return;
  if (!bars_load (self, &bars))
    return;

  colors = gr_chart_layer_get_colors (GR_CHART_LAYER (self));
  ticks = gr_chart_layer_get_ticks (GR_CHART_LAYER (self));
  horizontal = gr_chart_layer_get_horizontal (GR_CHART_LAYER (self));

  /* The hovered category gets a quiet band behind its bars */
  if (gr_chart_layer_get_hover (GR_CHART_LAYER (self), NULL, &hover_index) && hover_index >= 0)
    {
      graphene_rect_t band;

      slot_rect (self, &bars, hover_index, &band);
      gtk_snapshot_append_color (snapshot, &colors->hover, &band);
    }

  for (guint c = 0; c < bars.n_categories; c++)
    {
      int top_series = -1;

      /* The outermost positive segment of a stack gets the rounded end */
      if (stacked)
        for (guint s = 0; s < bars.n_series; s++)
          if (isfinite (bars.values[s * bars.n_categories + c]) && bars.values[s * bars.n_categories + c] > 0)
            top_series = s;

      for (guint s = 0; s < bars.n_series; s++)
        {
          GrChartSeries *series = gr_chart_data_get_series (data, s);
          guint i = s * bars.n_categories + c;
          graphene_rect_t rect;

          if (!bar_rect (self, &bars, s, c, &rect))
            continue;

          append_bar (snapshot,
                      gr_chart_colors_fill (colors, gr_chart_series_get_color (series), s),
                      &rect, horizontal, bars.values[i] < 0,
                      !stacked || (int) s == top_series);
        }
    }

  /* Targets over the bars */
  for (guint c = 0; c < bars.n_categories; c++)
    {
      double target = gr_chart_data_get_target (data, c);
      GrChartSpan group;
      double p;

      if (!isfinite (target) || target < ticks->min || target > ticks->max)
        continue;

      group_span (self, &bars, c, &group);
      p = round (gr_chart_layer_value_to_pixel (GR_CHART_LAYER (self), target));
      if (horizontal)
        gtk_snapshot_append_color (snapshot, &colors->fg,
                                   &GRAPHENE_RECT_INIT (p - MARKER_WIDTH / 2.0, group.start - MARKER_OVERHANG,
                                                        MARKER_WIDTH, group.length + 2 * MARKER_OVERHANG));
      else
        gtk_snapshot_append_color (snapshot, &colors->fg,
                                   &GRAPHENE_RECT_INIT (group.start - MARKER_OVERHANG, p - MARKER_WIDTH / 2.0,
                                                        group.length + 2 * MARKER_OVERHANG, MARKER_WIDTH));
    }

  if (!self->show_values)
    return;

  layout = gtk_widget_create_pango_layout (widget, NULL);
  for (guint c = 0; c < bars.n_categories; c++)
    {
      double target = gr_chart_data_get_target (data, c);

      if (stacked)
        {
          g_autofree char *text = NULL;
          GrChartSpan span;

          if (bars.n_series == 0)
            continue;
          text = value_label (data, bars.totals[c]);
          bar_span (self, &bars, 0, c, &span);
          snapshot_value_label (self, snapshot, layout, colors, &span,
                                CLAMP (0, ticks->min, ticks->max),
                                CLAMP (bars.totals[c], ticks->min, ticks->max),
                                target, text);
          continue;
        }

      for (guint s = 0; s < bars.n_series; s++)
        {
          guint i = s * bars.n_categories + c;
          g_autofree char *text = NULL;
          GrChartSpan span;

          if (!isfinite (bars.values[i]))
            continue;

          text = value_label (data, bars.values[i]);
          bar_span (self, &bars, s, c, &span);
          snapshot_value_label (self, snapshot, layout, colors, &span,
                                CLAMP (0, ticks->min, ticks->max),
                                CLAMP (bars.values[i], ticks->min, ticks->max),
                                /* Only the bar under the marker steps over it */
                                bars.n_series == 1 ? target : NAN,
                                text);
        }
    }
}

static const char *
gr_bar_layer_get_kind (GrChartLayer *layer)
{
  GrBarLayer *self = GR_BAR_LAYER (layer);

  if (self->mode == GR_BAR_MODE_STACKED)
    return _("Stacked bar chart");
  return _("Bar chart");
}

static void
gr_bar_layer_add_extent (GrChartLayer  *layer,
                         GrChartExtent *extent)
{
  GrBarLayer *self = GR_BAR_LAYER (layer);
  GrChartData *data = gr_chart_layer_get_data (layer);

  if (data != NULL)
    gr_chart_data_add_extent (data, self->mode == GR_BAR_MODE_STACKED, extent);
}

static gboolean
gr_bar_layer_lookup_item (GrChartLayer *layer,
                          double        x,
                          double        y,
                          int          *series,
                          int          *index)
{
  GrBarLayer *self = GR_BAR_LAYER (layer);
  g_auto(Bars) bars = { 0 };
  GrChartSpan axis;
  gboolean horizontal;
  int c;

  if (!bars_load (self, &bars))
    return FALSE;

  /* Only inside the plot: labels around it answer for themselves */
  if (x < 0 || y < 0 ||
      x >= gtk_widget_get_width (GTK_WIDGET (self)) ||
      y >= gtk_widget_get_height (GTK_WIDGET (self)))
    return FALSE;

  horizontal = gr_chart_layer_get_horizontal (layer);
  gr_chart_layer_get_category_axis (layer, &axis);
  c = gr_chart_category_at (bars.n_categories, &axis, horizontal ? y : x);
  if (c < 0)
    return FALSE;

  /* The whole slot answers, so thin bars are easy to hover; the bar under
   * the pointer, if any, names the series. */
  *index = c;
  *series = -1;
  for (guint s = 0; s < bars.n_series; s++)
    {
      graphene_rect_t rect;

      if (bar_rect (self, &bars, s, c, &rect) &&
          graphene_rect_contains_point (&rect, &GRAPHENE_POINT_INIT (x, y)))
        {
          *series = s;
          break;
        }
    }

  return TRUE;
}

static gboolean
gr_bar_layer_get_item_rect (GrChartLayer    *layer,
                            int              series,
                            int              index,
                            graphene_rect_t *rect)
{
  GrBarLayer *self = GR_BAR_LAYER (layer);
  g_auto(Bars) bars = { 0 };

  if (!bars_load (self, &bars))
    return FALSE;
  if (index < 0 || index >= (int) bars.n_categories || series >= (int) bars.n_series)
    return FALSE;

  if (series < 0)
    {
      slot_rect (self, &bars, index, rect);
      return TRUE;
    }

  return bar_rect (self, &bars, series, index, rect);
}

static char *
gr_bar_layer_dup_tooltip (GrChartLayer    *layer,
                          double           x,
                          double           y,
                          graphene_rect_t *area)
{
  GrBarLayer *self = GR_BAR_LAYER (layer);
  GrChartData *data = gr_chart_layer_get_data (layer);
  int series, index;

  if (!gr_bar_layer_lookup_item (layer, x, y, &series, &index))
    return NULL;

  gr_bar_layer_get_item_rect (layer, -1, index, area);
  return gr_chart_data_dup_category_text (data, index, self->mode == GR_BAR_MODE_STACKED);
}

static void
gr_bar_layer_collect_legend (GrChartLayer *layer,
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
                                                  GR_CHART_SWATCH_BOX,
                                                  gr_chart_series_get_color (series),
                                                  s));
    }

  if (gr_chart_data_has_targets (data))
    g_ptr_array_add (entries,
                     gr_chart_legend_entry_new (gr_chart_data_get_target_label (data),
                                                GR_CHART_SWATCH_MARKER,
                                                GR_CHART_COLOR_FOREGROUND,
                                                0));
}

static void
gr_bar_layer_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  GrBarLayer *self = GR_BAR_LAYER (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;

    case PROP_SHOW_VALUES:
      g_value_set_boolean (value, self->show_values);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_bar_layer_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  GrBarLayer *self = GR_BAR_LAYER (object);

  switch (prop_id)
    {
    case PROP_MODE:
      gr_bar_layer_set_mode (self, g_value_get_enum (value));
      break;

    case PROP_SHOW_VALUES:
      gr_bar_layer_set_show_values (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_bar_layer_class_init (GrBarLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GrChartLayerClass *layer_class = GR_CHART_LAYER_CLASS (klass);

  object_class->get_property = gr_bar_layer_get_property;
  object_class->set_property = gr_bar_layer_set_property;

  widget_class->snapshot = gr_bar_layer_snapshot;

  layer_class->uses_axes = TRUE;
  layer_class->get_kind = gr_bar_layer_get_kind;
  layer_class->add_extent = gr_bar_layer_add_extent;
  layer_class->lookup_item = gr_bar_layer_lookup_item;
  layer_class->get_item_rect = gr_bar_layer_get_item_rect;
  layer_class->dup_tooltip = gr_bar_layer_dup_tooltip;
  layer_class->collect_legend = gr_bar_layer_collect_legend;

  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL,
                       GR_TYPE_BAR_MODE,
                       GR_BAR_MODE_GROUPED,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SHOW_VALUES] =
    g_param_spec_boolean ("show-values", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "bars");
}

static void
gr_bar_layer_init (GrBarLayer *self)
{
  self->show_values = TRUE;
}

GrChartLayer *
gr_bar_layer_new (GrBarMode mode)
{
  return g_object_new (GR_TYPE_BAR_LAYER, "mode", mode, NULL);
}

GrBarMode
gr_bar_layer_get_mode (GrBarLayer *self)
{
  g_return_val_if_fail (GR_IS_BAR_LAYER (self), GR_BAR_MODE_GROUPED);

  return self->mode;
}

void
gr_bar_layer_set_mode (GrBarLayer *self,
                       GrBarMode   mode)
{
  g_return_if_fail (GR_IS_BAR_LAYER (self));

  if (self->mode == mode)
    return;

  self->mode = mode;
  gr_chart_layer_changed (GR_CHART_LAYER (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

gboolean
gr_bar_layer_get_show_values (GrBarLayer *self)
{
  g_return_val_if_fail (GR_IS_BAR_LAYER (self), FALSE);

  return self->show_values;
}

void
gr_bar_layer_set_show_values (GrBarLayer *self,
                              gboolean    show_values)
{
  g_return_if_fail (GR_IS_BAR_LAYER (self));

  show_values = !!show_values;
  if (self->show_values == show_values)
    return;

  self->show_values = show_values;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_VALUES]);
}
