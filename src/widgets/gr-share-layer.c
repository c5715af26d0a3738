/* gr-share-layer.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-share-layer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gr-chart-text.h"
#include "gr-share-layer.h"

#define BAR_THICKNESS 26.0
#define SWATCH        12.0
#define ROW_PAD       8.0
#define DIM_ALPHA     0.45f
#define ARC_GAP       0.012

struct _GrShareLayer
{
  GrChartLayer parent_instance;

  GArray *colors;   /* GrChartColor */
  GrShareShape shape;
};

enum {
  PROP_0,
  PROP_SHAPE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (GrShareLayer, gr_share_layer, GR_TYPE_CHART_LAYER)

static GParamSpec *properties[N_PROPS];

/* Where everything goes; recomputed on use (a handful of parts). */
typedef struct
{
  guint n;
  double *values;
  double *fractions;
  double total;

  /* donut */
  double cx, cy;
  double r_outer, r_inner;
  /* bar */
  graphene_rect_t bar;
  /* legend */
  graphene_rect_t *rows;
  double name_width;
  double value_width;
  double share_width;
  int row_text_height;
} Geometry;

static void
geometry_clear (Geometry *geo)
{
  g_clear_pointer (&geo->values, g_free);
  g_clear_pointer (&geo->fractions, g_free);
  g_clear_pointer (&geo->rows, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Geometry, geometry_clear)

static GrChartColor
part_color (GrShareLayer *self,
            GrChartData  *data,
            guint         index)
{
  if (index < self->colors->len)
    return g_array_index (self->colors, GrChartColor, index);
  return GR_CHART_COLOR_AUTO;
}

static char *
share_text (double fraction)
{
  static const GrChartFormat percent = { NULL, TRUE, 1 };

  return gr_chart_format_value (&percent, fraction);
}

static gboolean
compute_geometry (GrShareLayer *self,
                  PangoLayout  *layout,
                  Geometry     *geo)
{
  GrChartData *data = gr_chart_layer_get_data (GR_CHART_LAYER (self));
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double row_h;
  double legend_x;
  double legend_w;
  int text_h;

  memset (geo, 0, sizeof *geo);
  if (data == NULL || width <= 0 || height <= 0)
    return FALSE;

  geo->n = gr_chart_data_get_n_categories (data);
  if (geo->n == 0 || gr_chart_data_get_n_series (data) == 0)
    return FALSE;

  geo->values = g_new (double, geo->n);
  geo->fractions = g_new (double, geo->n);
  geo->rows = g_new0 (graphene_rect_t, geo->n);
  for (guint i = 0; i < geo->n; i++)
    geo->values[i] = gr_chart_data_get_value (data, 0, i);
  geo->total = gr_chart_shares (geo->values, geo->n, geo->fractions);

  /* Legend columns: amounts and shares right-aligned in tabular figures */
  for (guint i = 0; i < geo->n; i++)
    {
      g_autofree char *value = gr_chart_data_format_value (data, geo->values[i]);
      g_autofree char *share = share_text (geo->fractions[i]);
      int w, h;

      gr_chart_text_fit (layout, value, GR_CHART_TEXT_NUMBER, -1);
      gr_chart_text_size (layout, &w, &h);
      geo->value_width = MAX (geo->value_width, w);
      gr_chart_text_fit (layout, share, GR_CHART_TEXT_NUMBER, -1);
      gr_chart_text_size (layout, &w, &h);
      geo->share_width = MAX (geo->share_width, w);
      gr_chart_text_fit (layout, gr_chart_data_get_category (data, i), GR_CHART_TEXT_NORMAL, -1);
      gr_chart_text_size (layout, &w, &text_h);
      geo->name_width = MAX (geo->name_width, w);
      geo->row_text_height = MAX (geo->row_text_height, text_h);
    }

  row_h = geo->row_text_height + ROW_PAD;

  if (self->shape == GR_SHARE_SHAPE_DONUT)
    {
      /* The legend needs its numbers and a few characters of each name;
       * the donut gets the rest, and moves on top when too small. */
      double legend_min = SWATCH + 8 + MIN (geo->name_width, 64) + 16 + geo->value_width + 12 + geo->share_width;
      double rows_h = geo->n * row_h;
      double d = MIN (height - 8, MIN (width * 0.42, width - legend_min - 28));
      double y0;

      if (d >= 96)
        {
          d = MIN (d, 260);
          geo->r_outer = d / 2.0;
          geo->cx = 4 + geo->r_outer;
          geo->cy = height / 2.0;
          legend_x = d + 28;
          y0 = MAX (0, (height - rows_h) / 2.0);
        }
      else
        {
          d = CLAMP (MIN (width - 8, height - rows_h - 16), 64, 180);
          geo->r_outer = d / 2.0;
          geo->cx = width / 2.0;
          geo->cy = 4 + geo->r_outer;
          legend_x = 0;
          y0 = d + 16;
        }

      geo->r_inner = geo->r_outer * 0.62;
      legend_w = MAX (40, width - legend_x);
      for (guint i = 0; i < geo->n; i++)
        graphene_rect_init (&geo->rows[i], legend_x, y0 + i * row_h, legend_w, row_h);
    }
  else
    {
      double natural = SWATCH + 8 + geo->name_width + 16 + geo->value_width + 12 + geo->share_width + 24;
      guint n_cols = CLAMP ((guint) floor (width / natural), 1, geo->n);
      guint n_rows = (geo->n + n_cols - 1) / n_cols;
      double col_w = (double) width / n_cols;

      graphene_rect_init (&geo->bar, 0, 4, width, BAR_THICKNESS);
      for (guint i = 0; i < geo->n; i++)
        graphene_rect_init (&geo->rows[i],
                            (i / n_rows) * col_w,
                            BAR_THICKNESS + 18 + (i % n_rows) * row_h,
                            col_w - (i / n_rows + 1 < n_cols ? 24 : 0),
                            row_h);
      legend_w = geo->rows[0].size.width;
    }

  /* Names get what the numbers leave */
  geo->name_width = MAX (24, legend_w - SWATCH - 8 - 16 - geo->value_width - 12 - geo->share_width);
  return TRUE;
}

static double
part_start_angle (const Geometry *geo,
                  guint           index)
{
  double sum = 0;

  for (guint i = 0; i < index; i++)
    sum += geo->fractions[i];
  return -G_PI / 2 + sum * 2 * G_PI;
}

static void
part_bar_span (const Geometry *geo,
               guint           index,
               double         *x,
               double         *w)
{
  double sum = 0;

  for (guint i = 0; i < index; i++)
    sum += geo->fractions[i];
  *x = geo->bar.origin.x + sum * geo->bar.size.width;
  *w = geo->fractions[index] * geo->bar.size.width;
}

static int
part_at (GrShareLayer   *self,
         const Geometry *geo,
         double          x,
         double          y)
{
  for (guint i = 0; i < geo->n; i++)
    if (graphene_rect_contains_point (&geo->rows[i], &GRAPHENE_POINT_INIT (x, y)))
      return i;

  if (geo->total <= 0)
    return -1;

  if (self->shape == GR_SHARE_SHAPE_DONUT)
    {
      double dx = x - geo->cx;
      double dy = y - geo->cy;
      double dist = sqrt (dx * dx + dy * dy);
      double angle;
      double sum = 0;

      if (dist < geo->r_inner - 2 || dist > geo->r_outer + 4)
        return -1;

      /* Clockwise from twelve o'clock, as drawn */
      angle = atan2 (dy, dx) + G_PI / 2;
      if (angle < 0)
        angle += 2 * G_PI;
      for (guint i = 0; i < geo->n; i++)
        {
          sum += geo->fractions[i];
          if (angle < sum * 2 * G_PI && geo->fractions[i] > 0)
            return i;
        }
      return -1;
    }

  if (graphene_rect_contains_point (&geo->bar, &GRAPHENE_POINT_INIT (x, y)))
    for (guint i = 0; i < geo->n; i++)
      {
        double px, pw;

        part_bar_span (geo, i, &px, &pw);
        if (pw > 0 && x >= px && x < px + pw)
          return i;
      }

  return -1;
}

static void
snapshot_text (GtkSnapshot   *snapshot,
               PangoLayout   *layout,
               double         x,
               double         y,
               const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (x), round (y)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
snapshot_legend (GrShareLayer        *self,
                 GtkSnapshot         *snapshot,
                 PangoLayout         *layout,
                 const Geometry      *geo,
                 const GrChartColors *colors,
                 int                  hover)
{
  GrChartData *data = gr_chart_layer_get_data (GR_CHART_LAYER (self));

  for (guint i = 0; i < geo->n; i++)
    {
      const graphene_rect_t *row = &geo->rows[i];
      g_autofree char *value = gr_chart_data_format_value (data, geo->values[i]);
      g_autofree char *share = share_text (geo->fractions[i]);
      GdkRGBA fill = *gr_chart_colors_fill (colors, part_color (self, data, i), i);
      double ty = row->origin.y + (row->size.height - geo->row_text_height) / 2.0;
      double right = row->origin.x + row->size.width;
      int w, h;

      if ((int) i == hover)
        {
          GskRoundedRect band;

          gsk_rounded_rect_init_from_rect (&band, &GRAPHENE_RECT_INIT (row->origin.x - 4, row->origin.y,
                                                                       row->size.width + 8, row->size.height), 6);
          gtk_snapshot_push_rounded_clip (snapshot, &band);
          gtk_snapshot_append_color (snapshot, &colors->hover, &band.bounds);
          gtk_snapshot_pop (snapshot);
        }

      {
        GskRoundedRect swatch;

        gsk_rounded_rect_init_from_rect (&swatch,
                                         &GRAPHENE_RECT_INIT (row->origin.x,
                                                              round (row->origin.y + (row->size.height - SWATCH) / 2.0),
                                                              SWATCH, SWATCH), 3);
        gtk_snapshot_push_rounded_clip (snapshot, &swatch);
        gtk_snapshot_append_color (snapshot, &fill, &swatch.bounds);
        gtk_snapshot_pop (snapshot);
      }

      gr_chart_text_fit (layout, gr_chart_data_get_category (data, i), GR_CHART_TEXT_NORMAL, geo->name_width);
      snapshot_text (snapshot, layout, row->origin.x + SWATCH + 8, ty, &colors->fg);

      gr_chart_text_fit (layout, share, GR_CHART_TEXT_NUMBER, -1);
      gr_chart_text_size (layout, &w, &h);
      snapshot_text (snapshot, layout, right - w, row->origin.y + (row->size.height - h) / 2.0, &colors->dim);

      gr_chart_text_fit (layout, value, GR_CHART_TEXT_NUMBER, -1);
      gr_chart_text_size (layout, &w, &h);
      snapshot_text (snapshot, layout, right - geo->share_width - 12 - w,
                     row->origin.y + (row->size.height - h) / 2.0, &colors->fg);
    }
}

static void
gr_share_layer_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  GrShareLayer *self = (GrShareLayer *)widget;
  GrChartData *data = gr_chart_layer_get_data (GR_CHART_LAYER (self));
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  g_auto(Geometry) geo = { 0 };
  const GrChartColors *colors;
  int hover = -1;

  if (!compute_geometry (self, layout, &geo))
    return;

  colors = gr_chart_layer_get_colors (GR_CHART_LAYER (self));
  gr_chart_layer_get_hover (GR_CHART_LAYER (self), NULL, &hover);

  if (self->shape == GR_SHARE_SHAPE_DONUT)
    {
      double thickness = geo.r_outer - geo.r_inner;
      guint n_parts = 0;
      cairo_t *cr;

      for (guint i = 0; i < geo.n; i++)
        if (geo.fractions[i] > 0)
          n_parts++;

      cr = gtk_snapshot_append_cairo (snapshot,
                                      &GRAPHENE_RECT_INIT (geo.cx - geo.r_outer - 4, geo.cy - geo.r_outer - 4,
                                                           2 * geo.r_outer + 8, 2 * geo.r_outer + 8));
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

      if (n_parts == 0)
        {
          gdk_cairo_set_source_rgba (cr, &colors->track);
          cairo_set_line_width (cr, thickness);
          cairo_arc (cr, geo.cx, geo.cy, geo.r_inner + thickness / 2, 0, 2 * G_PI);
          cairo_stroke (cr);
        }

      for (guint i = 0; i < geo.n; i++)
        {
          GdkRGBA fill = *gr_chart_colors_fill (colors, part_color (self, data, i), i);
          double a0 = part_start_angle (&geo, i);
          double a1 = a0 + geo.fractions[i] * 2 * G_PI;
          double extra = (int) i == hover ? 4 : 0;

          if (geo.fractions[i] <= 0)
            continue;

          /* A hair of space between parts, unless a part is the whole */
          if (n_parts > 1 && a1 - a0 > 4 * ARC_GAP)
            {
              a0 += ARC_GAP;
              a1 -= ARC_GAP;
            }
          if (hover >= 0 && (int) i != hover)
            fill.alpha *= DIM_ALPHA;

          gdk_cairo_set_source_rgba (cr, &fill);
          cairo_set_line_width (cr, thickness + extra);
          cairo_new_sub_path (cr);
          cairo_arc (cr, geo.cx, geo.cy, geo.r_inner + (thickness + extra) / 2, a0, a1);
          cairo_stroke (cr);
        }
      cairo_destroy (cr);

      /* The whole in the middle: the number big, "Total (吨)" under it */
      {
        g_autoptr(PangoLayout) big = gtk_widget_create_pango_layout (widget, NULL);
        GrChartFormat bare = *gr_chart_data_get_format (data);
        g_autofree char *total = NULL;
        g_autofree char *caption = NULL;
        const char *unit = gr_chart_format_axis_unit (&bare);
        int room = 2 * geo.r_inner - 12;
        int w, h, cw, ch;

        bare.unit = NULL;
        total = gr_chart_format_value (&bare, geo.total);
        if (unit != NULL)
          caption = g_strdup_printf (_("%s (%s)"), _("Total"), unit);
        else
          caption = g_strdup (_("Total"));

        /* Smaller figures rather than an ellipsized total */
        if (gr_chart_text_fit (big, total, GR_CHART_TEXT_STRONG, room) &&
            gr_chart_text_fit (big, total, GR_CHART_TEXT_NUMBER, room))
          gr_chart_text_fit (big, total, GR_CHART_TEXT_SMALL, room);
        gr_chart_text_size (big, &w, &h);
        /* The caption only where it fits whole */
        if (gr_chart_text_fit (layout, caption, GR_CHART_TEXT_SMALL, room))
          pango_layout_set_text (layout, "", -1);
        gr_chart_text_size (layout, &cw, &ch);

        snapshot_text (snapshot, big, geo.cx - w / 2.0, geo.cy - (h + ch) / 2.0, &colors->fg);
        snapshot_text (snapshot, layout, geo.cx - cw / 2.0, geo.cy - (h + ch) / 2.0 + h, &colors->dim);
      }
    }
  else
    {
      GskRoundedRect clip;

      gsk_rounded_rect_init_from_rect (&clip, &geo.bar, 6);
      gtk_snapshot_push_rounded_clip (snapshot, &clip);
      gtk_snapshot_append_color (snapshot, &colors->track, &geo.bar);

      for (guint i = 0; i < geo.n; i++)
        {
          GdkRGBA fill = *gr_chart_colors_fill (colors, part_color (self, data, i), i);
          double x, w;

          part_bar_span (&geo, i, &x, &w);
          if (w <= 0)
            continue;
          if (hover >= 0 && (int) i != hover)
            fill.alpha *= DIM_ALPHA;

          /* 2 px of air after every part but the last */
          gtk_snapshot_append_color (snapshot, &fill,
                                     &GRAPHENE_RECT_INIT (x, geo.bar.origin.y,
                                                          MAX (1, w - (x + w < geo.bar.size.width - 1 ? 2 : 0)),
                                                          geo.bar.size.height));
        }

      gtk_snapshot_pop (snapshot);
    }

  snapshot_legend (self, snapshot, layout, &geo, colors, hover);
}

static const char *
gr_share_layer_get_kind (GrChartLayer *layer)
{
  if (GR_SHARE_LAYER (layer)->shape == GR_SHARE_SHAPE_DONUT)
    return _("Donut chart");
  return _("Share bar");
}

static gboolean
gr_share_layer_lookup_item (GrChartLayer *layer,
                            double        x,
                            double        y,
                            int          *series,
                            int          *index)
{
  GrShareLayer *self = GR_SHARE_LAYER (layer);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  g_auto(Geometry) geo = { 0 };
  int part;

  if (!compute_geometry (self, layout, &geo))
    return FALSE;
  if ((part = part_at (self, &geo, x, y)) < 0)
    return FALSE;

  *series = 0;
  *index = part;
  return TRUE;
}

static gboolean
gr_share_layer_get_item_rect (GrChartLayer    *layer,
                              int              series,
                              int              index,
                              graphene_rect_t *rect)
{
  GrShareLayer *self = GR_SHARE_LAYER (layer);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  g_auto(Geometry) geo = { 0 };

  if (!compute_geometry (self, layout, &geo) || index < 0 || index >= (int) geo.n)
    return FALSE;

  /* The legend row: always there, whatever the part's size */
  *rect = geo.rows[index];
  return TRUE;
}

static char *
gr_share_layer_dup_tooltip (GrChartLayer    *layer,
                            double           x,
                            double           y,
                            graphene_rect_t *area)
{
  GrShareLayer *self = GR_SHARE_LAYER (layer);
  GrChartData *data = gr_chart_layer_get_data (layer);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  g_auto(Geometry) geo = { 0 };
  g_autofree char *value = NULL;
  g_autofree char *share = NULL;
  g_autofree char *share_line = NULL;
  int part;

  if (!compute_geometry (self, layout, &geo))
    return NULL;
  if ((part = part_at (self, &geo, x, y)) < 0)
    return NULL;

  /* Stay while the pointer is on this part's legend row or near the point */
  if (graphene_rect_contains_point (&geo.rows[part], &GRAPHENE_POINT_INIT (x, y)))
    *area = geo.rows[part];
  else
    graphene_rect_init (area, x - 2, y - 2, 4, 4);

  value = gr_chart_data_format_value (data, geo.values[part]);
  share = share_text (geo.fractions[part]);
  /* TRANSLATORS: part of a whole in a tooltip, e.g. "占比：34.5%" */
  share_line = g_strdup_printf (_("Share: %s"), share);
  return g_strdup_printf ("%s\n%s\n%s", gr_chart_data_get_category (data, part), value, share_line);
}

static char *
gr_share_layer_dup_description (GrChartLayer *layer)
{
  GrChartData *data = gr_chart_layer_get_data (layer);
  g_autofree double *values = NULL;
  g_autofree double *fractions = NULL;
  GString *items;
  guint n;

  if (data == NULL || (n = gr_chart_data_get_n_categories (data)) == 0 ||
      gr_chart_data_get_n_series (data) == 0)
    return NULL;

  values = g_new (double, n);
  fractions = g_new (double, n);
  for (guint i = 0; i < n; i++)
    values[i] = gr_chart_data_get_value (data, 0, i);
  gr_chart_shares (values, n, fractions);

  items = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *share = share_text (fractions[i]);

      if (items->len > 0)
        g_string_append (items, _(", "));
      g_string_append_printf (items, "%s %s", gr_chart_data_get_category (data, i), share);
    }

  {
    g_autofree char *list = g_string_free (items, FALSE);

    return g_strdup_printf (_("%s: %s."), _("Shares"), list);
  }
}

static void
gr_share_layer_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GrShareLayer *self = GR_SHARE_LAYER (object);

  switch (prop_id)
    {
    case PROP_SHAPE:
      g_value_set_enum (value, self->shape);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_share_layer_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GrShareLayer *self = GR_SHARE_LAYER (object);

  switch (prop_id)
    {
    case PROP_SHAPE:
      gr_share_layer_set_shape (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Whether a donut of this width leaves the legend its room beside it */
static gboolean
donut_beside (GrShareLayer *self,
              int           width)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  GrChartData *data = gr_chart_layer_get_data (GR_CHART_LAYER (self));
  int value_w = 0, share_w = 0, name_w = 0;

  if (data == NULL || gr_chart_data_get_n_series (data) == 0)
    return TRUE;

  for (guint i = 0; i < gr_chart_data_get_n_categories (data); i++)
    {
      g_autofree char *value = gr_chart_data_format_value (data, gr_chart_data_get_value (data, 0, i));
      int w;

      gr_chart_text_fit (layout, value, GR_CHART_TEXT_NUMBER, -1);
      gr_chart_text_size (layout, &w, NULL);
      value_w = MAX (value_w, w);
      gr_chart_text_fit (layout, gr_chart_data_get_category (data, i), GR_CHART_TEXT_NORMAL, -1);
      gr_chart_text_size (layout, &w, NULL);
      name_w = MAX (name_w, w);
    }
  gr_chart_text_fit (layout, "100.0%", GR_CHART_TEXT_NUMBER, -1);
  gr_chart_text_size (layout, &share_w, NULL);

  return MIN (width * 0.42, width - (SWATCH + 8 + MIN (name_w, 64) + 16 + value_w + 12 + share_w) - 28) >= 96;
}

static GtkSizeRequestMode
gr_share_layer_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
gr_share_layer_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  GrShareLayer *self = (GrShareLayer *)widget;
  GrChartData *data = gr_chart_layer_get_data (GR_CHART_LAYER (self));
  guint n = data ? gr_chart_data_get_n_categories (data) : 0;

  *minimum = *natural = 0;
  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      /* Legend rows of about 30 px, beside the donut or under it */
      if (self->shape == GR_SHARE_SHAPE_DONUT && (for_size < 0 || donut_beside (self, for_size)))
        *minimum = *natural = MAX (160, n * 30 + 8);
      else if (self->shape == GR_SHARE_SHAPE_DONUT)
        *minimum = *natural = n * 30 + 16 + 140;
      else
        *minimum = *natural = BAR_THICKNESS + 24 + ((n + 1) / 2) * 30;
    }
}

static void
gr_share_layer_finalize (GObject *object)
{
  GrShareLayer *self = (GrShareLayer *)object;

  g_clear_pointer (&self->colors, g_array_unref);

  G_OBJECT_CLASS (gr_share_layer_parent_class)->finalize (object);
}

static void
gr_share_layer_class_init (GrShareLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GrChartLayerClass *layer_class = GR_CHART_LAYER_CLASS (klass);

  object_class->finalize = gr_share_layer_finalize;
  object_class->get_property = gr_share_layer_get_property;
  object_class->set_property = gr_share_layer_set_property;

  widget_class->snapshot = gr_share_layer_snapshot;
  widget_class->measure = gr_share_layer_measure;
  widget_class->get_request_mode = gr_share_layer_get_request_mode;

  layer_class->get_kind = gr_share_layer_get_kind;
  layer_class->lookup_item = gr_share_layer_lookup_item;
  layer_class->get_item_rect = gr_share_layer_get_item_rect;
  layer_class->dup_tooltip = gr_share_layer_dup_tooltip;
  layer_class->dup_description = gr_share_layer_dup_description;

  properties[PROP_SHAPE] =
    g_param_spec_enum ("shape", NULL, NULL,
                       GR_TYPE_SHARE_SHAPE,
                       GR_SHARE_SHAPE_BAR,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "shares");
}

static void
gr_share_layer_init (GrShareLayer *self)
{
  self->colors = g_array_new (FALSE, FALSE, sizeof (GrChartColor));
}

GrChartLayer *
gr_share_layer_new (GrShareShape shape)
{
  return g_object_new (GR_TYPE_SHARE_LAYER, "shape", shape, NULL);
}

GrShareShape
gr_share_layer_get_shape (GrShareLayer *self)
{
  g_return_val_if_fail (GR_IS_SHARE_LAYER (self), GR_SHARE_SHAPE_BAR);

  return self->shape;
}

void
gr_share_layer_set_shape (GrShareLayer *self,
                          GrShareShape  shape)
{
  g_return_if_fail (GR_IS_SHARE_LAYER (self));

  if (self->shape == shape)
    return;

  self->shape = shape;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gr_chart_layer_changed (GR_CHART_LAYER (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHAPE]);
}

void
gr_share_layer_set_colors (GrShareLayer       *self,
                           const GrChartColor *colors,
                           guint               n_colors)
{
  g_return_if_fail (GR_IS_SHARE_LAYER (self));
  g_return_if_fail (colors != NULL || n_colors == 0);

  g_array_set_size (self->colors, 0);
  if (n_colors > 0)
    g_array_append_vals (self->colors, colors, n_colors);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
