/* gr-chart.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "gr-chart-private.h"
#include "gr-chart-text.h"
#include "gr-charts.h"

/* Space between tick labels along a vertical axis, and the least space
 * between labels along a horizontal one. */
#define MIN_TICK_GAP_V   34.0
#define MIN_TICK_GAP_H   72.0
#define LABEL_PAD        8.0
#define CATEGORY_LINES   2
#define MAX_CATEGORY_LINES 4

typedef struct
{
  graphene_rect_t rect;
  char *tooltip;            /* full text of an ellipsized label */
} LabelHit;

struct _GrChart
{
  GtkWidget parent_instance;

  /* Owned References */
  GrChartData *data;
  char *title;
  GArray *label_hits;       /* LabelHit, from the last layout */

  /* Borrowed References */
  GrChartLayer *hover_layer;

  GrChartColors colors;
  GrChartTicks ticks;
  graphene_rect_t plot;
  double label_width;       /* category label column or slot limit */
  int label_lines;
  GrChartTextStyle label_style;
  guint label_step;

  int hover_series;
  int hover_index;

  guint horizontal : 1;
  guint include_zero : 1;
  guint has_axes : 1;
  guint continuous : 1;
};

enum {
  PROP_0,
  PROP_DATA,
  PROP_TITLE,
  PROP_HORIZONTAL,
  PROP_INCLUDE_ZERO,
  N_PROPS
};

enum {
  ITEM_ACTIVATED,
  CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (GrChart, gr_chart, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
label_hit_clear (gpointer data)
{
  LabelHit *hit = data;

  g_clear_pointer (&hit->tooltip, g_free);
}

static void
queue_draw_all (GrChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_queue_draw (child);
}

gboolean
gr_chart_is_stacked (GrChart *self)
{
  g_return_val_if_fail (GR_IS_CHART (self), FALSE);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GR_IS_BAR_LAYER (child) &&
        gr_bar_layer_get_mode (GR_BAR_LAYER (child)) == GR_BAR_MODE_STACKED)
      return TRUE;
  return FALSE;
}

static gboolean
shows_values (GrChart *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GR_IS_BAR_LAYER (child) && gr_bar_layer_get_show_values (GR_BAR_LAYER (child)))
      return TRUE;
  return FALSE;
}

static const char *
chart_kind (GrChart *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *kind = gr_chart_layer_get_kind (GR_CHART_LAYER (child));

      if (kind != NULL)
        return kind;
    }
  return _("Chart");
}

static char *
build_description (GrChart *self)
{
  GString *text = g_string_new (NULL);
  guint n = self->data ? gr_chart_data_get_n_categories (self->data) : 0;
  g_autofree char *head = NULL;
  const char *unit = NULL;

  /* TRANSLATORS: the start of a chart's description for screen readers,
   * e.g. "Bar chart with 6 categories" */
  head = g_strdup_printf (ngettext ("%s with %u category", "%s with %u categories", n),
                          chart_kind (self), n);

  if (self->data != NULL)
    {
      if (gr_chart_data_get_percent (self->data))
        unit = _("percent");
      else
        unit = gr_chart_data_get_unit (self->data);
    }

  if (unit != NULL && unit[0] != '\0')
    /* TRANSLATORS: "Bar chart with 6 categories, in 吨." */
    g_string_append_printf (text, _("%s, in %s."), head, unit);
  else
    g_string_append_printf (text, _("%s."), head);

  if (self->data != NULL && n > 0)
    {
      g_autofree char *values = gr_chart_data_dup_description (self->data, gr_chart_is_stacked (self));

      if (values[0] != '\0')
        g_string_append_printf (text, " %s", values);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autofree char *extra = gr_chart_layer_dup_description (GR_CHART_LAYER (child));

      if (extra != NULL && extra[0] != '\0')
        g_string_append_printf (text, " %s", extra);
    }

  return g_string_free (text, FALSE);
}

static char *
build_label (GrChart *self)
{
  if (self->title != NULL && self->title[0] != '\0')
    return g_strdup (self->title);
  return g_strdup (chart_kind (self));
}

static void
update_accessible (GrChart *self)
{
  g_autofree char *label = build_label (self);
  g_autofree char *description = build_description (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
contents_changed (GrChart *self)
{
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  queue_draw_all (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
data_changed_cb (GrChart     *self,
                 GrChartData *data)
{
  g_assert (GR_IS_CHART (self));
  g_assert (GR_IS_CHART_DATA (data));

  contents_changed (self);
}

static char *
unit_caption (GrChart *self)
{
  const char *unit;

  if (self->data == NULL)
    return NULL;
  unit = gr_chart_format_axis_unit (gr_chart_data_get_format (self->data));
  if (unit == NULL)
    return NULL;
  /* TRANSLATORS: names the unit of a chart's value axis, e.g. "单位：吨" */
  return g_strdup_printf (_("Unit: %s"), unit);
}

static void
text_size (GrChart          *self,
           PangoLayout      *layout,
           const char       *text,
           GrChartTextStyle  style,
           int              *width,
           int              *height)
{
  gr_chart_text_fit (layout, text, style, -1);
  gr_chart_text_size (layout, width, height);
}

/* Fits a category label: one line across horizontal charts and thinned
 * month axes, up to two lines under columns. */
static gboolean
fit_category (GrChart     *self,
              PangoLayout *layout,
              const char  *text,
              int          max_width,
              int          lines)
{
  gboolean ellipsized = gr_chart_text_fit (layout, text, self->label_style, max_width);

  if (lines > 1 && max_width > 0)
    {
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (layout, -lines);
      /* Under columns centred, beside bars flush against the plot */
      pango_layout_set_alignment (layout, self->horizontal ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_CENTER);
      ellipsized = pango_layout_is_ellipsized (layout);
    }
  else
    {
      pango_layout_set_height (layout, -1);
      pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
    }

  return ellipsized;
}

static void
compute_layout (GrChart *self,
                int      width,
                int      height)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  g_autofree char *caption = unit_caption (self);
  const GrChartFormat *format = self->data ? gr_chart_data_get_format (self->data) : NULL;
  guint n = self->data ? gr_chart_data_get_n_categories (self->data) : 0;
  GrChartExtent extent;
  int small_h, norm_h, number_h;
  double top, bottom, left, right;
  int margin = 0;
  guint intervals;

  g_array_set_size (self->label_hits, 0);
  self->has_axes = FALSE;
  self->continuous = FALSE;
  gr_chart_extent_init (&extent);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GrChartLayerClass *klass = GR_CHART_LAYER_GET_CLASS (child);

      if (klass->uses_axes)
        self->has_axes = TRUE;
      if (klass->continuous)
        self->continuous = TRUE;
      gr_chart_layer_add_extent (GR_CHART_LAYER (child), &extent);
    }

  if (!self->has_axes || format == NULL)
    {
      graphene_rect_init (&self->plot, 0, 0, width, height);
      gr_chart_axis_for_extent (&extent, self->include_zero, 5, &self->ticks);
      return;
    }

  text_size (self, layout, "0", GR_CHART_TEXT_SMALL, NULL, &small_h);
  text_size (self, layout, "0", GR_CHART_TEXT_NORMAL, NULL, &norm_h);
  text_size (self, layout, "0", GR_CHART_TEXT_NUMBER, NULL, &number_h);

  /* Room above the plot for the unit and for value labels over full bars */
  top = MAX (caption ? small_h + 10 : 6, number_h + 4);

  /* Room beside the plot that layers draw in (threshold labels) */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    margin = MAX (margin, gr_chart_layer_measure_margin (GR_CHART_LAYER (child), width, height));
  if (self->horizontal)
    top += margin;

  if (self->horizontal)
    {
      GrChartTicks probe;
      int widest = 0;
      int tick_w = 0;
      int last_w = 0;
      double column;

      for (guint i = 0; i < n; i++)
        {
          int w;

          text_size (self, layout, gr_chart_data_get_category (self->data, i), GR_CHART_TEXT_NORMAL, &w, NULL);
          widest = MAX (widest, w);
        }

      column = MIN (widest, CLAMP (width * 0.3, 64, 240));
      left = column + 12;
      bottom = small_h + 8;

      /* Ticks depend on the width, the right margin on the last tick */
      gr_chart_axis_for_extent (&extent, self->include_zero, 5, &probe);
      for (guint i = 0; i < probe.n_ticks; i++)
        {
          g_autofree char *tick = gr_chart_format_tick (format, &probe, gr_chart_ticks_value (&probe, i));
          int w;

          text_size (self, layout, tick, GR_CHART_TEXT_SMALL, &w, NULL);
          tick_w = MAX (tick_w, w);
        }

      intervals = gr_chart_intervals_for_length (width - left - tick_w, MAX (MIN_TICK_GAP_H, tick_w + 24));
      gr_chart_axis_fit (&extent, self->include_zero, intervals, &self->ticks);

      {
        g_autofree char *tick = gr_chart_format_tick (format, &self->ticks, self->ticks.max);

        text_size (self, layout, tick, GR_CHART_TEXT_SMALL, &last_w, NULL);
      }
      right = MAX (12, last_w / 2.0 + 2);

      /* Room right of the plot for the value label of the longest bar */
      if (shows_values (self))
        {
          GrChartFormat bare = *format;
          g_autofree char *label = NULL;
          int label_w;

          bare.unit = NULL;
          label = gr_chart_format_value (&bare, extent.empty ? 0 : extent.max);
          text_size (self, layout, label, GR_CHART_TEXT_NUMBER, &label_w, NULL);
          right = MAX (right, label_w + 12);
        }

      self->label_width = column;
      self->label_step = 1;
      /* Long names wrap to a second line when the rows are tall enough */
      self->label_lines = (n > 0 && (height - top - bottom) / n >= 2 * norm_h + 6) ? CATEGORY_LINES : 1;
    }
  else
    {
      double plot_w;
      double slot;
      int tick_w = 0;
      int widest = 0;

      /* The left margin is not known yet: estimate the slots with room
       * for six digits of tick labels. */
      plot_w = MAX (1, width - 60);
      slot = n > 0 ? plot_w / n : plot_w;
      self->label_lines = 1;
      for (guint i = 0; i < n; i++)
        {
          int w;

          text_size (self, layout, gr_chart_data_get_category (self->data, i), GR_CHART_TEXT_NORMAL, &w, NULL);
          widest = MAX (widest, w);
          if (!self->continuous && w > slot - 6)
            self->label_lines = CATEGORY_LINES;
        }

      /* Slots too narrow for two Han characters: the names stand one
       * character per line, as in vertical writing, up to four lines */
      if (self->label_lines > 1)
        {
          int han_w;
          glong longest = 1;

          text_size (self, layout, "国", GR_CHART_TEXT_SMALL, &han_w, NULL);
          for (guint i = 0; i < n; i++)
            longest = MAX (longest, g_utf8_strlen (gr_chart_data_get_category (self->data, i), -1));
          if (slot - 6 < 2 * han_w)
            self->label_lines = CLAMP (longest, CATEGORY_LINES, MAX_CATEGORY_LINES);
        }

      bottom = self->label_lines * norm_h + 10;
      intervals = gr_chart_intervals_for_length (height - top - bottom, MIN_TICK_GAP_V);
      gr_chart_axis_fit (&extent, self->include_zero, intervals, &self->ticks);

      for (guint i = 0; i < self->ticks.n_ticks; i++)
        {
          g_autofree char *tick = gr_chart_format_tick (format, &self->ticks, gr_chart_ticks_value (&self->ticks, i));
          int w;

          text_size (self, layout, tick, GR_CHART_TEXT_SMALL, &w, NULL);
          tick_w = MAX (tick_w, w);
        }

      left = MAX (24, tick_w + 10);
      right = MAX (12, margin);

      slot = n > 0 ? MAX (1, width - left - right) / n : 1;
      if (self->continuous)
        {
          self->label_width = -1;
          self->label_step = gr_chart_label_step (n, slot, widest, 12);
        }
      else
        {
          self->label_width = MAX (12, slot - 6);
          self->label_step = 1;
        }
    }

  /* Category labels that do not fit at the normal size try a smaller one
   * before they are ellipsized */
  self->label_style = GR_CHART_TEXT_NORMAL;
  if (self->label_width > 0)
    for (guint i = 0; i < n; i++)
      if (fit_category (self, layout, gr_chart_data_get_category (self->data, i),
                        self->label_width, self->label_lines))
        {
          self->label_style = GR_CHART_TEXT_SMALL;
          break;
        }

  graphene_rect_init (&self->plot,
                      left, top,
                      MAX (1, width - left - right),
                      MAX (1, height - top - bottom));

  /* Place the category labels now, so tooltips find the ellipsized ones */
  for (guint i = 0; i < n; i++)
    {
      const char *text = gr_chart_data_get_category (self->data, i);
      GrChartSpan axis;
      GrChartSpan slot;
      LabelHit hit = { { { 0, 0 }, { 0, 0 } }, NULL };
      gboolean ellipsized;
      int w, h;

      if (!gr_chart_label_step_shows (n, self->label_step, i))
        continue;

      if (self->horizontal)
        {
          axis = (GrChartSpan) { self->plot.origin.y, self->plot.size.height };
          gr_chart_category_slot (n, i, &axis, &slot);
          ellipsized = fit_category (self, layout, text, self->label_width, self->label_lines);
          gr_chart_text_size (layout, &w, &h);
          /* Wrapped layouts are as wide as the column; align their box */
          if (self->label_lines > 1)
            w = self->label_width;
          graphene_rect_init (&hit.rect,
                              self->plot.origin.x - 12 - w,
                              round (slot.start + (slot.length - h) / 2.0),
                              w, h);
        }
      else
        {
          double x;

          axis = (GrChartSpan) { self->plot.origin.x, self->plot.size.width };
          gr_chart_category_slot (n, i, &axis, &slot);
          ellipsized = fit_category (self, layout, text, self->label_width, self->label_lines);
          gr_chart_text_size (layout, &w, &h);
          x = slot.start + (slot.length - w) / 2.0;
          x = CLAMP (x, 0, MAX (0, width - w));
          graphene_rect_init (&hit.rect, round (x), self->plot.origin.y + self->plot.size.height + 6, w, h);
        }

      if (ellipsized)
        hit.tooltip = g_strdup (text);
      g_array_append_val (self->label_hits, hit);
    }
}

static void
gr_chart_size_allocate (GtkWidget *widget,
                        int        width,
                        int        height,
                        int        baseline)
{
  GrChart *self = (GrChart *)widget;

  g_assert (GR_IS_CHART (self));

  compute_layout (self, width, height);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GR_CHART_LAYER_GET_CLASS (child)->uses_axes)
        gtk_widget_size_allocate (child,
                                  &(GtkAllocation) {
                                    self->plot.origin.x, self->plot.origin.y,
                                    self->plot.size.width, self->plot.size.height
                                  },
                                  -1);
      else
        gtk_widget_size_allocate (child, &(GtkAllocation) { 0, 0, width, height }, -1);
    }
}

static GtkSizeRequestMode
gr_chart_get_request_mode (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_request_mode (child) == GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH)
      return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
gr_chart_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  GrChart *self = (GrChart *)widget;
  guint n = self->data ? gr_chart_data_get_n_categories (self->data) : 0;

  *minimum = 0;
  *natural = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      gtk_widget_measure (child, orientation, for_size, &child_min, &child_nat, NULL, NULL);
      *minimum = MAX (*minimum, child_min);
      *natural = MAX (*natural, child_nat);
    }

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (*minimum, 200);
      *natural = MAX (*natural, 480);
    }
  else
    {
      *minimum = MAX (*minimum, 160);
      /* One comfortable row per category when bars lie down */
      if (self->horizontal)
        *natural = MAX (*natural, (int) n * 34 + 60);
      *natural = MAX (*natural, 280);
    }
}

static void
snapshot_layout (GtkSnapshot   *snapshot,
                 PangoLayout   *layout,
                 double         x,
                 double         y,
                 const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
snapshot_axes (GrChart     *self,
               GtkSnapshot *snapshot)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  g_autofree char *caption = unit_caption (self);
  const GrChartFormat *format = gr_chart_data_get_format (self->data);
  const graphene_rect_t *plot = &self->plot;
  guint n = gr_chart_data_get_n_categories (self->data);
  double zero;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  guint hit = 0;

  /* Grid lines and tick labels */
  for (guint i = 0; i < self->ticks.n_ticks; i++)
    {
      double value = gr_chart_ticks_value (&self->ticks, i);
      g_autofree char *tick = gr_chart_format_tick (format, &self->ticks, value);
      int w, h;

      gr_chart_text_fit (layout, tick, GR_CHART_TEXT_SMALL, -1);
      gr_chart_text_size (layout, &w, &h);

      if (self->horizontal)
        {
          double x = round (gr_chart_value_to_x (&self->ticks, value, plot));
          double lx = CLAMP (x - w / 2.0, 0, MAX (0, width - w));

          gtk_snapshot_append_color (snapshot, &self->colors.grid,
                                     &GRAPHENE_RECT_INIT (x, plot->origin.y, 1, plot->size.height));
          snapshot_layout (snapshot, layout, round (lx), plot->origin.y + plot->size.height + 6, &self->colors.dim);
        }
      else
        {
          double y = round (gr_chart_value_to_y (&self->ticks, value, plot));

          gtk_snapshot_append_color (snapshot, &self->colors.grid,
                                     &GRAPHENE_RECT_INIT (plot->origin.x, y, plot->size.width, 1));
          snapshot_layout (snapshot, layout, plot->origin.x - 8 - w, round (y - h / 2.0), &self->colors.dim);
        }
    }

  /* The baseline: zero when shown, else the bottom of the axis */
  zero = CLAMP (0, self->ticks.min, self->ticks.max);
  if (self->horizontal)
    gtk_snapshot_append_color (snapshot, &self->colors.axis,
                               &GRAPHENE_RECT_INIT (round (gr_chart_value_to_x (&self->ticks, zero, plot)),
                                                    plot->origin.y, 1, plot->size.height));
  else
    gtk_snapshot_append_color (snapshot, &self->colors.axis,
                               &GRAPHENE_RECT_INIT (plot->origin.x,
                                                    round (gr_chart_value_to_y (&self->ticks, zero, plot)),
                                                    plot->size.width, 1));

  if (caption != NULL)
    {
      gr_chart_text_fit (layout, caption, GR_CHART_TEXT_SMALL, width);
      snapshot_layout (snapshot, layout, 0, 0, &self->colors.dim);
    }

  /* Category labels, as placed by the layout */
  for (guint i = 0; i < n && hit < self->label_hits->len; i++)
    {
      const LabelHit *h;

      if (!gr_chart_label_step_shows (n, self->label_step, i))
        continue;

      h = &g_array_index (self->label_hits, LabelHit, hit++);
      fit_category (self, layout, gr_chart_data_get_category (self->data, i),
                    self->label_width, self->label_lines);
      snapshot_layout (snapshot, layout, h->rect.origin.x, h->rect.origin.y, &self->colors.fg);
    }
}

static void
gr_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  GrChart *self = (GrChart *)widget;

  g_assert (GR_IS_CHART (self));
  g_assert (GTK_IS_SNAPSHOT (snapshot));

  if (gtk_widget_get_width (widget) <= 0 || gtk_widget_get_height (widget) <= 0)
    return;

  if (self->has_axes && self->data != NULL)
    snapshot_axes (self, snapshot);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_snapshot_child (widget, child, snapshot);
}

static void
gr_chart_css_changed (GtkWidget         *widget,
                      GtkCssStyleChange *change)
{
  GrChart *self = (GrChart *)widget;

  GTK_WIDGET_CLASS (gr_chart_parent_class)->css_changed (widget, change);

  gr_chart_colors_load (&self->colors, widget);
  gtk_widget_queue_resize (widget);
  queue_draw_all (self);
}

/* Topmost layer first: the item under a point, in chart coordinates. */
static GrChartLayer *
lookup_item (GrChart *self,
             double   x,
             double   y,
             int     *series,
             int     *index)
{
  for (GtkWidget *child = gtk_widget_get_last_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_prev_sibling (child))
    {
      graphene_point_t p;

      if (!gtk_widget_compute_point (GTK_WIDGET (self), child, &GRAPHENE_POINT_INIT (x, y), &p))
        continue;
      if (gr_chart_layer_lookup_item (GR_CHART_LAYER (child), p.x, p.y, series, index))
        return GR_CHART_LAYER (child);
    }

  return NULL;
}

static void
set_hover (GrChart      *self,
           GrChartLayer *layer,
           int           series,
           int           index)
{
  if (self->hover_layer == layer && self->hover_series == series && self->hover_index == index)
    return;

  self->hover_layer = layer;
  self->hover_series = series;
  self->hover_index = index;

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), layer ? "pointer" : NULL);
  queue_draw_all (self);
}

static void
motion_cb (GrChart                  *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *motion)
{
  GrChartLayer *layer;
  int series = -1;
  int index = -1;

  g_assert (GR_IS_CHART (self));

  layer = lookup_item (self, x, y, &series, &index);
  set_hover (self, layer, series, index);
}

static void
leave_cb (GrChart                  *self,
          GtkEventControllerMotion *motion)
{
  g_assert (GR_IS_CHART (self));

  set_hover (self, NULL, -1, -1);
}

static void
released_cb (GrChart         *self,
             int              n_press,
             double           x,
             double           y,
             GtkGestureClick *click)
{
  int series = -1;
  int index = -1;

  g_assert (GR_IS_CHART (self));

  if (n_press != 1)
    return;

  if (lookup_item (self, x, y, &series, &index) != NULL && index >= 0)
    g_signal_emit (self, signals[ITEM_ACTIVATED], 0, series, index);
}

static char *
tooltip_at (GrChart         *self,
            double           x,
            double           y,
            graphene_rect_t *area)
{
  /* Ellipsized labels first: the tooltip gives their full text */
  for (guint i = 0; i < self->label_hits->len; i++)
    {
      const LabelHit *hit = &g_array_index (self->label_hits, LabelHit, i);

      if (hit->tooltip != NULL && graphene_rect_contains_point (&hit->rect, &GRAPHENE_POINT_INIT (x, y)))
        {
          *area = hit->rect;
          return g_strdup (hit->tooltip);
        }
    }

  for (GtkWidget *child = gtk_widget_get_last_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_prev_sibling (child))
    {
      graphene_point_t p;
      graphene_rect_t child_area;
      char *text;

      if (!gtk_widget_compute_point (GTK_WIDGET (self), child, &GRAPHENE_POINT_INIT (x, y), &p))
        continue;

      graphene_rect_init (&child_area, p.x, p.y, 1, 1);
      text = gr_chart_layer_dup_tooltip (GR_CHART_LAYER (child), p.x, p.y, &child_area);
      if (text != NULL)
        {
          /* Back to chart coordinates */
          graphene_rect_offset_r (&child_area, x - p.x, y - p.y, area);
          return text;
        }
    }

  return NULL;
}

static gboolean
query_tooltip_cb (GrChart    *self,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip)
{
  g_autofree char *text = NULL;
  graphene_rect_t area;

  g_assert (GR_IS_CHART (self));

  if (keyboard)
    return FALSE;

  if (!(text = tooltip_at (self, x, y, &area)))
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  /* A new query when the pointer leaves this item */
  gtk_tooltip_set_tip_area (tooltip,
                            &(GdkRectangle) {
                              floor (area.origin.x), floor (area.origin.y),
                              MAX (1, ceil (area.size.width)), MAX (1, ceil (area.size.height))
                            });
  return TRUE;
}

static void
gr_chart_dispose (GObject *object)
{
  GrChart *self = (GrChart *)object;
  GtkWidget *child;

  /* Quietly: nobody needs to hear about a chart going away */
  if (self->data != NULL)
    g_signal_handlers_disconnect_by_func (self->data, data_changed_cb, self);
  g_clear_object (&self->data);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  self->hover_layer = NULL;

  G_OBJECT_CLASS (gr_chart_parent_class)->dispose (object);
}

static void
gr_chart_finalize (GObject *object)
{
  GrChart *self = (GrChart *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->label_hits, g_array_unref);

  G_OBJECT_CLASS (gr_chart_parent_class)->finalize (object);
}

static void
gr_chart_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  GrChart *self = GR_CHART (object);

  switch (prop_id)
    {
    case PROP_DATA:
      g_value_set_object (value, self->data);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_HORIZONTAL:
      g_value_set_boolean (value, self->horizontal);
      break;

    case PROP_INCLUDE_ZERO:
      g_value_set_boolean (value, self->include_zero);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_chart_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  GrChart *self = GR_CHART (object);

  switch (prop_id)
    {
    case PROP_DATA:
      gr_chart_set_data (self, g_value_get_object (value));
      break;

    case PROP_TITLE:
      gr_chart_set_title (self, g_value_get_string (value));
      break;

    case PROP_HORIZONTAL:
      gr_chart_set_horizontal (self, g_value_get_boolean (value));
      break;

    case PROP_INCLUDE_ZERO:
      gr_chart_set_include_zero (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_chart_class_init (GrChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gr_chart_dispose;
  object_class->finalize = gr_chart_finalize;
  object_class->get_property = gr_chart_get_property;
  object_class->set_property = gr_chart_set_property;

  widget_class->measure = gr_chart_measure;
  widget_class->get_request_mode = gr_chart_get_request_mode;
  widget_class->size_allocate = gr_chart_size_allocate;
  widget_class->snapshot = gr_chart_snapshot;
  widget_class->css_changed = gr_chart_css_changed;

  properties[PROP_DATA] =
    g_param_spec_object ("data", NULL, NULL,
                         GR_TYPE_CHART_DATA,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_HORIZONTAL] =
    g_param_spec_boolean ("horizontal", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_INCLUDE_ZERO] =
    g_param_spec_boolean ("include-zero", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A click on an item: series -1 stands for the whole category */
  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);

  /* Data or layers changed: legends and tables follow */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "grchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
gr_chart_init (GrChart *self)
{
  GtkEventController *motion;
  GtkGesture *click;

  gr_charts_init ();

  self->include_zero = TRUE;
  self->hover_series = -1;
  self->hover_index = -1;
  self->label_hits = g_array_new (FALSE, TRUE, sizeof (LabelHit));
  g_array_set_clear_func (self->label_hits, label_hit_clear);
  gr_chart_nice_ticks (0, 1, 5, &self->ticks);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_object (motion, "enter", G_CALLBACK (motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "motion", G_CALLBACK (motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "released", G_CALLBACK (released_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  update_accessible (self);
}

GtkWidget *
gr_chart_new (void)
{
  return g_object_new (GR_TYPE_CHART, NULL);
}

GrChartData *
gr_chart_get_data (GrChart *self)
{
  g_return_val_if_fail (GR_IS_CHART (self), NULL);

  return self->data;
}

void
gr_chart_set_data (GrChart     *self,
                   GrChartData *data)
{
  g_return_if_fail (GR_IS_CHART (self));
  g_return_if_fail (!data || GR_IS_CHART_DATA (data));

  if (self->data == data)
    return;

  if (self->data != NULL)
    g_signal_handlers_disconnect_by_func (self->data, data_changed_cb, self);

  g_set_object (&self->data, data);

  if (data != NULL)
    g_signal_connect_object (data, "changed", G_CALLBACK (data_changed_cb), self, G_CONNECT_SWAPPED);

  set_hover (self, NULL, -1, -1);
  contents_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA]);
}

const char *
gr_chart_get_title (GrChart *self)
{
  g_return_val_if_fail (GR_IS_CHART (self), NULL);

  return self->title;
}

void
gr_chart_set_title (GrChart    *self,
                    const char *title)
{
  g_return_if_fail (GR_IS_CHART (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

gboolean
gr_chart_get_horizontal (GrChart *self)
{
  g_return_val_if_fail (GR_IS_CHART (self), FALSE);

  return self->horizontal;
}

void
gr_chart_set_horizontal (GrChart  *self,
                         gboolean  horizontal)
{
  g_return_if_fail (GR_IS_CHART (self));

  horizontal = !!horizontal;
  if (self->horizontal == horizontal)
    return;

  self->horizontal = horizontal;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  queue_draw_all (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HORIZONTAL]);
}

gboolean
gr_chart_get_include_zero (GrChart *self)
{
  g_return_val_if_fail (GR_IS_CHART (self), TRUE);

  return self->include_zero;
}

void
gr_chart_set_include_zero (GrChart  *self,
                           gboolean  include_zero)
{
  g_return_if_fail (GR_IS_CHART (self));

  include_zero = !!include_zero;
  if (self->include_zero == include_zero)
    return;

  self->include_zero = include_zero;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  queue_draw_all (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCLUDE_ZERO]);
}

void
gr_chart_add_layer (GrChart      *self,
                    GrChartLayer *layer)
{
  g_return_if_fail (GR_IS_CHART (self));
  g_return_if_fail (GR_IS_CHART_LAYER (layer));
  g_return_if_fail (gtk_widget_get_parent (GTK_WIDGET (layer)) == NULL);

  gtk_widget_set_parent (GTK_WIDGET (layer), GTK_WIDGET (self));
  contents_changed (self);
}

void
gr_chart_remove_layer (GrChart      *self,
                       GrChartLayer *layer)
{
  g_return_if_fail (GR_IS_CHART (self));
  g_return_if_fail (GR_IS_CHART_LAYER (layer));
  g_return_if_fail (gtk_widget_get_parent (GTK_WIDGET (layer)) == GTK_WIDGET (self));

  if (self->hover_layer == layer)
    set_hover (self, NULL, -1, -1);
  gtk_widget_unparent (GTK_WIDGET (layer));
  contents_changed (self);
}

void
gr_chart_get_ticks (GrChart      *self,
                    GrChartTicks *ticks)
{
  g_return_if_fail (GR_IS_CHART (self));
  g_return_if_fail (ticks != NULL);

  *ticks = self->ticks;
}

gboolean
gr_chart_get_plot (GrChart         *self,
                   graphene_rect_t *plot)
{
  g_return_val_if_fail (GR_IS_CHART (self), FALSE);
  g_return_val_if_fail (plot != NULL, FALSE);

  *plot = self->plot;
  return self->has_axes;
}

gboolean
gr_chart_get_item_rect (GrChart         *self,
                        int              series,
                        int              index,
                        graphene_rect_t *rect)
{
  g_return_val_if_fail (GR_IS_CHART (self), FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  for (GtkWidget *child = gtk_widget_get_last_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_prev_sibling (child))
    {
      graphene_rect_t local;
      graphene_point_t origin;

      if (!gr_chart_layer_get_item_rect (GR_CHART_LAYER (child), series, index, &local))
        continue;
      if (!gtk_widget_compute_point (child, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (0, 0), &origin))
        continue;

      graphene_rect_offset_r (&local, origin.x, origin.y, rect);
      return TRUE;
    }

  return FALSE;
}

char *
gr_chart_dup_tooltip_at (GrChart *self,
                         double   x,
                         double   y)
{
  graphene_rect_t area;

  g_return_val_if_fail (GR_IS_CHART (self), NULL);

  return tooltip_at (self, x, y, &area);
}

char *
gr_chart_dup_accessible_label (GrChart *self)
{
  g_return_val_if_fail (GR_IS_CHART (self), NULL);

  return build_label (self);
}

char *
gr_chart_dup_accessible_description (GrChart *self)
{
  g_return_val_if_fail (GR_IS_CHART (self), NULL);

  return build_description (self);
}

GPtrArray *
gr_chart_dup_legend (GrChart *self)
{
  GPtrArray *entries;

  g_return_val_if_fail (GR_IS_CHART (self), NULL);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_chart_legend_entry_free);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gr_chart_layer_collect_legend (GR_CHART_LAYER (child), entries);

  return entries;
}

/* For layers */

const GrChartTicks *
_gr_chart_get_ticks (GrChart *self)
{
  g_assert (GR_IS_CHART (self));

  return &self->ticks;
}

const GrChartColors *
_gr_chart_get_colors (GrChart *self)
{
  g_assert (GR_IS_CHART (self));

  return &self->colors;
}

gboolean
_gr_chart_get_hover (GrChart      *self,
                     GrChartLayer *layer,
                     int          *series,
                     int          *index)
{
  g_assert (GR_IS_CHART (self));

  if (self->hover_layer == NULL || self->hover_layer != layer)
    return FALSE;

  if (series)
    *series = self->hover_series;
  if (index)
    *index = self->hover_index;
  return TRUE;
}

void
_gr_chart_layer_changed (GrChart      *self,
                         GrChartLayer *layer)
{
  g_assert (GR_IS_CHART (self));
  g_assert (GR_IS_CHART_LAYER (layer));

  contents_changed (self);
}
