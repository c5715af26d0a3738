/* gr-chart-legend.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-chart-legend"

#include "config.h"

#include "gr-chart-colors.h"
#include "gr-chart-layer.h"
#include "gr-chart-legend.h"
#include "gr-charts.h"

/* A legend swatch: the mark of one entry, drawn as the chart draws it */

#define GR_TYPE_LEGEND_SWATCH (gr_legend_swatch_get_type ())

G_DECLARE_FINAL_TYPE (GrLegendSwatch, gr_legend_swatch, GR, LEGEND_SWATCH, GtkWidget)

struct _GrLegendSwatch
{
  GtkWidget parent_instance;

  GrChartSwatch swatch;
  GrChartColor color;
  guint position;
  GrChartColors colors;
};

G_DEFINE_FINAL_TYPE (GrLegendSwatch, gr_legend_swatch, GTK_TYPE_WIDGET)

static void
gr_legend_swatch_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  static const double dashes[] = { 4.0, 3.0 };
  GrLegendSwatch *self = (GrLegendSwatch *)widget;
  const GdkRGBA *fill = gr_chart_colors_fill (&self->colors, self->color, self->position);
  const GdkRGBA *text = gr_chart_colors_text (&self->colors, self->color, self->position);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double cy = height / 2.0;
  GskRoundedRect box;
  GdkRGBA band;
  cairo_t *cr;

  switch (self->swatch)
    {
    case GR_CHART_SWATCH_BOX:
    case GR_CHART_SWATCH_BAND:
      gsk_rounded_rect_init_from_rect (&box, &GRAPHENE_RECT_INIT ((width - 12) / 2.0, cy - 6, 12, 12), 3);
      band = *fill;
      if (self->swatch == GR_CHART_SWATCH_BAND)
        band.alpha *= 0.3f;
      gtk_snapshot_push_rounded_clip (snapshot, &box);
      gtk_snapshot_append_color (snapshot, &band, &box.bounds);
      gtk_snapshot_pop (snapshot);
      break;

    case GR_CHART_SWATCH_MARKER:
      gtk_snapshot_append_color (snapshot, fill, &GRAPHENE_RECT_INIT (0, round (cy - 1.5), width, 3));
      break;

    case GR_CHART_SWATCH_LINE:
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      gdk_cairo_set_source_rgba (cr, fill);
      cairo_set_line_width (cr, 2.5);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_move_to (cr, 2, cy);
      cairo_line_to (cr, width - 2, cy);
      cairo_stroke (cr);
      cairo_arc (cr, width / 2.0, cy, 3.5, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_destroy (cr);
      break;

    case GR_CHART_SWATCH_DASH:
    default:
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      gdk_cairo_set_source_rgba (cr, text);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_move_to (cr, 0, round (cy) + 0.5);
      cairo_line_to (cr, width, round (cy) + 0.5);
      cairo_stroke (cr);
      cairo_destroy (cr);
      break;
    }
}

static void
gr_legend_swatch_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  GrLegendSwatch *self = (GrLegendSwatch *)widget;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = (self->swatch == GR_CHART_SWATCH_BOX || self->swatch == GR_CHART_SWATCH_BAND) ? 12 : 20;
  else
    *minimum = *natural = 12;
}

static void
gr_legend_swatch_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  GrLegendSwatch *self = (GrLegendSwatch *)widget;

  GTK_WIDGET_CLASS (gr_legend_swatch_parent_class)->css_changed (widget, change);

  gr_chart_colors_load (&self->colors, widget);
  gtk_widget_queue_draw (widget);
}

static void
gr_legend_swatch_class_init (GrLegendSwatchClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = gr_legend_swatch_snapshot;
  widget_class->measure = gr_legend_swatch_measure;
  widget_class->css_changed = gr_legend_swatch_css_changed;

  gtk_widget_class_set_css_name (widget_class, "swatch");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
gr_legend_swatch_init (GrLegendSwatch *self)
{
}

/* The legend: entries packed left to right, wrapping to more lines when
 * the width runs out (GtkFlowBox would spread them into columns). */

#define COLUMN_SPACING 18
#define ROW_SPACING    4

struct _GrChartLegend
{
  GtkWidget parent_instance;

  guint n_entries;
};

G_DEFINE_FINAL_TYPE (GrChartLegend, gr_chart_legend, GTK_TYPE_WIDGET)

/* Lays the children out in rows for a width; returns the height. When
 * allocate is TRUE the children are placed too. */
static int
flow (GtkWidget *widget,
      int        width,
      gboolean   allocate)
{
  int x = 0;
  int y = 0;
  int row_height = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_w, child_h;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &child_w, NULL, NULL);
      child_w = MIN (child_w, MAX (width, 1));
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, child_w, NULL, &child_h, NULL, NULL);

      if (x > 0 && x + child_w > width)
        {
          x = 0;
          y += row_height + ROW_SPACING;
          row_height = 0;
        }

      if (allocate)
        gtk_widget_size_allocate (child, &(GtkAllocation) { x, y, child_w, child_h }, -1);

      x += child_w + COLUMN_SPACING;
      row_height = MAX (row_height, child_h);
    }

  return y + row_height;
}

static GtkSizeRequestMode
gr_chart_legend_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
gr_chart_legend_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  *minimum = *natural = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* At least the widest entry; at best all of them on one line */
      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_min, child_nat;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
          *minimum = MAX (*minimum, child_min);
          *natural += child_nat + (*natural > 0 ? COLUMN_SPACING : 0);
        }
    }
  else
    *minimum = *natural = flow (widget, for_size < 0 ? G_MAXINT / 2 : for_size, FALSE);
}

static void
gr_chart_legend_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  flow (widget, width, TRUE);
}

static void
gr_chart_legend_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (gr_chart_legend_parent_class)->dispose (object);
}

static void
gr_chart_legend_class_init (GrChartLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gr_chart_legend_dispose;

  widget_class->get_request_mode = gr_chart_legend_get_request_mode;
  widget_class->measure = gr_chart_legend_measure;
  widget_class->size_allocate = gr_chart_legend_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "legend");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
gr_chart_legend_init (GrChartLegend *self)
{
  gr_charts_init ();

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/* The full text, only when the label had to be ellipsized */
static gboolean
label_query_tooltip_cb (GtkLabel   *label,
                        int         x,
                        int         y,
                        gboolean    keyboard,
                        GtkTooltip *tooltip)
{
  if (!pango_layout_is_ellipsized (gtk_label_get_layout (label)))
    return FALSE;

  gtk_tooltip_set_text (tooltip, gtk_label_get_text (label));
  return TRUE;
}

GtkWidget *
gr_chart_legend_new (void)
{
  return g_object_new (GR_TYPE_CHART_LEGEND, NULL);
}

void
gr_chart_legend_set_entries (GrChartLegend *self,
                             GPtrArray     *entries)
{
  GtkWidget *child;

  g_return_if_fail (GR_IS_CHART_LEGEND (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  self->n_entries = entries ? entries->len : 0;
  for (guint i = 0; i < self->n_entries; i++)
    {
      const GrChartLegendEntry *entry = g_ptr_array_index (entries, i);
      GrLegendSwatch *swatch = g_object_new (GR_TYPE_LEGEND_SWATCH, NULL);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *label = gtk_label_new (entry->label);

      swatch->swatch = entry->swatch;
      swatch->color = entry->color;
      swatch->position = entry->position;
      gtk_widget_set_valign (GTK_WIDGET (swatch), GTK_ALIGN_CENTER);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (swatch));
      gtk_box_append (GTK_BOX (box), label);
      gtk_widget_set_has_tooltip (label, TRUE);
      g_signal_connect (label, "query-tooltip", G_CALLBACK (label_query_tooltip_cb), NULL);
      gtk_widget_set_parent (box, GTK_WIDGET (self));
    }

  gtk_widget_set_visible (GTK_WIDGET (self), self->n_entries > 0);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
gr_chart_legend_get_n_entries (GrChartLegend *self)
{
  g_return_val_if_fail (GR_IS_CHART_LEGEND (self), 0);

  return self->n_entries;
}
