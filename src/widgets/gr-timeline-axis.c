/* gr-timeline-axis.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-timeline-axis"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "gr-chart-colors.h"
#include "gr-chart-text.h"
#include "gr-timeline-axis.h"
#include "gr-timeline-row.h"

#define AXIS_HEIGHT 46
#define YEAR_Y      4
#define MONTH_Y     24

struct _GrTimelineAxis
{
  GtkWidget         parent_instance;

  GrTimelineScale  *scale;
  PangoLayout      *layout;
  GrChartColors     colors;
};

G_DEFINE_FINAL_TYPE (GrTimelineAxis, gr_timeline_axis, GTK_TYPE_WIDGET)

static void
draw_text (GrTimelineAxis *self,
           GtkSnapshot    *snapshot,
           const char     *text,
           GrChartTextStyle style,
           double          x,
           double          y,
           const GdkRGBA  *color)
{
  gr_chart_text_fit (self->layout, text, style, -1);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (x), y));
  gtk_snapshot_append_layout (snapshot, self->layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
gr_timeline_axis_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  GrTimelineAxis *self = GR_TIMELINE_AXIS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double left = GR_TIMELINE_LABEL_WIDTH, right = width;
  double offset = gtk_adjustment_get_value (gr_timeline_scale_get_adjustment (self->scale));
  const GrTimelineTick *ticks;
  GrTimelineDay today = gr_timeline_scale_get_today (self->scale);
  const char *sticky = NULL;
  double sticky_limit = right;
  guint n;

  if (width <= left)
    return;
  ticks = gr_timeline_scale_get_ticks (self->scale, &n);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (left, 0, right - left, height));
  for (guint i = 0; i < n; i++)
    {
      double x = left + ticks[i].x - offset;
      double tick_top = ticks[i].kind == GR_TIMELINE_TICK_YEAR ? 0 : ticks[i].kind == GR_TIMELINE_TICK_QUARTER ? MONTH_Y : height - 6;

      if (ticks[i].kind == GR_TIMELINE_TICK_YEAR && x <= left + 2)
        sticky = ticks[i].year_label;
      if (ticks[i].kind == GR_TIMELINE_TICK_YEAR && x > left + 2 && x < sticky_limit)
        sticky_limit = x;
      if (x < left - 200 || x > right)
        continue;
      gtk_snapshot_append_color (snapshot, ticks[i].kind == GR_TIMELINE_TICK_MONTH ? &self->colors.grid : &self->colors.axis,
                                 &GRAPHENE_RECT_INIT (round (x), tick_top, 1, height - tick_top));
      if (ticks[i].year_label != NULL && x > left + 2)
        draw_text (self, snapshot, ticks[i].year_label, GR_CHART_TEXT_NORMAL, x + 5, YEAR_Y, &self->colors.fg);
      if (ticks[i].label != NULL)
        draw_text (self, snapshot, ticks[i].label, GR_CHART_TEXT_SMALL, x + 4, MONTH_Y, &self->colors.dim);
    }
  /* The year at the left edge stays readable while its start is scrolled away. */
  if (sticky != NULL)
    {
      int text_width;

      gr_chart_text_fit (self->layout, sticky, GR_CHART_TEXT_NORMAL, -1);
      gr_chart_text_size (self->layout, &text_width, NULL);
      draw_text (self, snapshot, sticky, GR_CHART_TEXT_NORMAL, MIN (left + 5, sticky_limit - text_width - 8),
                 YEAR_Y, &self->colors.fg);
    }

  if (today != GR_TIMELINE_NO_DAY)
    {
      double x = left + gr_timeline_scale_day_to_view (self->scale, today) +
                 gr_timeline_scale_get_pixels_per_day (self->scale) / 2;
      int text_width;

      if (x >= left && x <= right)
        {
          /* TRANSLATORS: the mark of the current date on the time axis, 今天 */
          const char *label = _("Today");

          gr_chart_text_fit (self->layout, label, GR_CHART_TEXT_SMALL, -1);
          gr_chart_text_size (self->layout, &text_width, NULL);
          gtk_snapshot_append_color (snapshot, &self->colors.accent,
                                     &GRAPHENE_RECT_INIT (round (x - text_width / 2.0 - 5), MONTH_Y - 2, text_width + 10, 18));
          draw_text (self, snapshot, label, GR_CHART_TEXT_SMALL, x - text_width / 2.0, MONTH_Y, &self->colors.on_fill);
          gtk_snapshot_append_color (snapshot, &self->colors.accent_text,
                                     &GRAPHENE_RECT_INIT (round (x - 1), MONTH_Y + 16, 2, height - MONTH_Y - 16));
        }
    }
  gtk_snapshot_pop (snapshot);

  gtk_snapshot_append_color (snapshot, &self->colors.axis, &GRAPHENE_RECT_INIT (0, height - 1, width, 1));
}

static void
gr_timeline_axis_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = GR_TIMELINE_LABEL_WIDTH + 100;
  else
    *minimum = *natural = AXIS_HEIGHT;
}

static void
gr_timeline_axis_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  GrTimelineAxis *self = GR_TIMELINE_AXIS (widget);

  GTK_WIDGET_CLASS (gr_timeline_axis_parent_class)->css_changed (widget, change);
  gr_chart_colors_load (&self->colors, widget);
  g_clear_object (&self->layout);
  self->layout = gtk_widget_create_pango_layout (widget, NULL);
  gtk_widget_queue_draw (widget);
}

static void
update_accessible (GrTimelineAxis *self)
{
  GrTimelineDay origin = gr_timeline_scale_get_origin (self->scale);
  GrTimelineDay end = gr_timeline_scale_get_end (self->scale);
  g_autofree char *from = NULL, *to = NULL, *text = NULL;

  if (origin == GR_TIMELINE_NO_DAY)
    return;
  from = gr_timeline_format_day (origin);
  to = gr_timeline_format_day (end);
  /* TRANSLATORS: what the time axis spans, for screen readers */
  text = g_strdup_printf (_("Time axis from %s to %s"), from, to);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
scale_changed_cb (GrTimelineAxis *self)
{
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
scrolled_cb (GrTimelineAxis *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
gr_timeline_axis_dispose (GObject *object)
{
  GrTimelineAxis *self = GR_TIMELINE_AXIS (object);

  if (self->scale != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->scale, self);
      g_signal_handlers_disconnect_by_data (gr_timeline_scale_get_adjustment (self->scale), self);
    }
  g_clear_object (&self->scale);
  g_clear_object (&self->layout);

  G_OBJECT_CLASS (gr_timeline_axis_parent_class)->dispose (object);
}

static void
gr_timeline_axis_class_init (GrTimelineAxisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gr_timeline_axis_dispose;
  widget_class->snapshot = gr_timeline_axis_snapshot;
  widget_class->measure = gr_timeline_axis_measure;
  widget_class->css_changed = gr_timeline_axis_css_changed;

  gtk_widget_class_set_css_name (widget_class, "timelineaxis");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
gr_timeline_axis_init (GrTimelineAxis *self)
{
}

GtkWidget *
gr_timeline_axis_new (GrTimelineScale *scale)
{
  GrTimelineAxis *self;

  g_return_val_if_fail (GR_IS_TIMELINE_SCALE (scale), NULL);

  self = g_object_new (GR_TYPE_TIMELINE_AXIS, NULL);
  self->scale = g_object_ref (scale);
  g_signal_connect_swapped (scale, "changed", G_CALLBACK (scale_changed_cb), self);
  g_signal_connect_swapped (gr_timeline_scale_get_adjustment (scale), "value-changed",
                            G_CALLBACK (scrolled_cb), self);
  update_accessible (self);
  return GTK_WIDGET (self);
}
