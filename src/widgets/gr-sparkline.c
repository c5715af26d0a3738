/* gr-sparkline.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-sparkline"

#include "config.h"

#include <math.h>

#include "gr-chart-colors.h"
#include "gr-chart-math.h"
#include "gr-charts.h"
#include "gr-sparkline.h"

struct _GrSparkline
{
  GtkWidget parent_instance;

  GArray *values;   /* double */
  double target;
  GrChartColor color;
  GrChartColors colors;
};

G_DEFINE_FINAL_TYPE (GrSparkline, gr_sparkline, GTK_TYPE_WIDGET)

static void
gr_sparkline_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  static const double dashes[] = { 3.0, 3.0 };
  GrSparkline *self = (GrSparkline *)widget;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  const double *values = (const double *) (gpointer) self->values->data;
  guint n = self->values->len;
  const GdkRGBA *color;
  GrChartExtent extent;
  GrChartTicks range = { 0 };
  graphene_rect_t plot;
  GdkRGBA area;
  gboolean drawing = FALSE;
  int first = -1, last = -1;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || n < 2)
    return;

  gr_chart_extent_init (&extent);
  for (guint i = 0; i < n; i++)
    gr_chart_extent_add (&extent, values[i]);
  gr_chart_extent_add (&extent, self->target);
  if (extent.empty)
    return;

  /* Not nice ticks: a sparkline uses its full height for the shape */
  range.min = extent.min;
  range.max = extent.max;
  if (range.max - range.min < 1e-9 * MAX (1, fabs (range.max)))
    {
      range.min -= 1;
      range.max += 1;
    }

  /* Room for the end dot */
  plot = GRAPHENE_RECT_INIT (3, 4, width - 8, height - 8);
  color = gr_chart_colors_fill (&self->colors, self->color, 0);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (isfinite (self->target))
    {
      double y = round (gr_chart_value_to_y (&range, self->target, &plot)) + 0.5;

      gdk_cairo_set_source_rgba (cr, &self->colors.axis);
      cairo_set_line_width (cr, 1);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_move_to (cr, plot.origin.x, y);
      cairo_line_to (cr, plot.origin.x + plot.size.width, y);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  for (guint i = 0; i < n; i++)
    {
      double x = plot.origin.x + plot.size.width * i / (n - 1);
      double y;

      if (!isfinite (values[i]))
        {
          drawing = FALSE;
          continue;
        }
      y = gr_chart_value_to_y (&range, values[i], &plot);
      if (drawing)
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
      drawing = TRUE;
      if (first < 0)
        first = i;
      last = i;
    }

  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_stroke_preserve (cr);

  /* A faint area under an unbroken line */
  if (first == 0 && last == (int) n - 1 && drawing)
    {
      cairo_line_to (cr, plot.origin.x + plot.size.width, plot.origin.y + plot.size.height + 4);
      cairo_line_to (cr, plot.origin.x, plot.origin.y + plot.size.height + 4);
      cairo_close_path (cr);
      area = *color;
      area.alpha *= 0.14f;
      gdk_cairo_set_source_rgba (cr, &area);
      cairo_fill (cr);
    }
  cairo_new_path (cr);

  if (last >= 0)
    {
      gdk_cairo_set_source_rgba (cr, color);
      cairo_arc (cr,
                 plot.origin.x + plot.size.width * last / (n - 1),
                 gr_chart_value_to_y (&range, values[last], &plot),
                 3, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  cairo_destroy (cr);
}

static void
gr_sparkline_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 60;
      *natural = 160;
    }
  else
    {
      *minimum = 24;
      *natural = 36;
    }
}

static void
gr_sparkline_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  GrSparkline *self = (GrSparkline *)widget;

  GTK_WIDGET_CLASS (gr_sparkline_parent_class)->css_changed (widget, change);

  gr_chart_colors_load (&self->colors, widget);
  gtk_widget_queue_draw (widget);
}

static void
gr_sparkline_finalize (GObject *object)
{
  GrSparkline *self = (GrSparkline *)object;

  g_clear_pointer (&self->values, g_array_unref);

  G_OBJECT_CLASS (gr_sparkline_parent_class)->finalize (object);
}

static void
gr_sparkline_class_init (GrSparklineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = gr_sparkline_finalize;

  widget_class->snapshot = gr_sparkline_snapshot;
  widget_class->measure = gr_sparkline_measure;
  widget_class->css_changed = gr_sparkline_css_changed;

  gtk_widget_class_set_css_name (widget_class, "sparkline");
  /* The tile that holds it describes the trend in words */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
gr_sparkline_init (GrSparkline *self)
{
  gr_charts_init ();

  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  self->target = NAN;
  self->color = GR_CHART_COLOR_ACCENT;
}

GtkWidget *
gr_sparkline_new (void)
{
  return g_object_new (GR_TYPE_SPARKLINE, NULL);
}

void
gr_sparkline_set_values (GrSparkline  *self,
                         const double *values,
                         guint         n_values)
{
  g_return_if_fail (GR_IS_SPARKLINE (self));
  g_return_if_fail (values != NULL || n_values == 0);

  g_array_set_size (self->values, 0);
  if (n_values > 0)
    g_array_append_vals (self->values, values, n_values);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const double *
gr_sparkline_get_values (GrSparkline *self,
                         guint       *n_values)
{
  g_return_val_if_fail (GR_IS_SPARKLINE (self), NULL);

  if (n_values)
    *n_values = self->values->len;
  return (const double *) (gpointer) self->values->data;
}

void
gr_sparkline_set_target (GrSparkline *self,
                         double       target)
{
  g_return_if_fail (GR_IS_SPARKLINE (self));

  self->target = target;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
gr_sparkline_set_color (GrSparkline  *self,
                        GrChartColor  color)
{
  g_return_if_fail (GR_IS_SPARKLINE (self));

  self->color = color;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
