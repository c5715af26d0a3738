/* gr-cell-text.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-cell-text"

#include "config.h"

#include <pango/pangocairo.h>

#include "gr-cell-text.h"

struct _GrCellText
{
  GtkWidget      parent_instance;

  char          *text;     /* shown, without markup */
  char          *markup;   /* as set, or NULL when set as plain text */
  PangoAttrList *attrs;    /* from the markup */
  PangoLayout   *layout;         /* made when first drawn … */
  gboolean       layout_numeric; /* … with tabular figures or not */
  float          xalign;
  guint          min_chars;
};

G_DEFINE_FINAL_TYPE (GrCellText, gr_cell_text, GTK_TYPE_WIDGET)

/*
 * Font metrics, once per font
 *
 * The size of a cell depends on its font only, never on its text: a new
 * text is a redraw, not a new layout of the table.
 */

typedef struct {
  double resolution;
  int    char_width;   /* Pango units */
  int    ascent;
  int    descent;
} Metrics;

static GHashTable *metrics_by_font;   /* PangoFontDescription → Metrics */

static const Metrics *
get_metrics (GrCellText *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double resolution = pango_cairo_context_get_resolution (context);
  Metrics *metrics;

  if (metrics_by_font == NULL)
    metrics_by_font = g_hash_table_new_full ((GHashFunc) pango_font_description_hash,
                                             (GEqualFunc) pango_font_description_equal,
                                             (GDestroyNotify) pango_font_description_free, g_free);
  metrics = g_hash_table_lookup (metrics_by_font, font);
  if (metrics == NULL || metrics->resolution != resolution)
    {
      PangoFontMetrics *font_metrics = pango_context_get_metrics (context, NULL, NULL);

      metrics = g_new (Metrics, 1);
      metrics->resolution = resolution;
      metrics->char_width = MAX (pango_font_metrics_get_approximate_char_width (font_metrics),
                                 pango_font_metrics_get_approximate_digit_width (font_metrics));
      metrics->ascent = pango_font_metrics_get_ascent (font_metrics);
      metrics->descent = pango_font_metrics_get_descent (font_metrics);
      pango_font_metrics_unref (font_metrics);
      g_hash_table_replace (metrics_by_font, pango_font_description_copy (font), metrics);
    }
  return metrics;
}

/*
 * GtkWidget
 */

static void
gr_cell_text_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  GrCellText *self = GR_CELL_TEXT (widget);
  const Metrics *metrics = get_metrics (self);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = PANGO_PIXELS_CEIL (metrics->char_width * (int) self->min_chars);
      return;
    }
  *minimum = *natural = PANGO_PIXELS_CEIL (metrics->ascent + metrics->descent);
  *minimum_baseline = *natural_baseline = PANGO_PIXELS_CEIL (metrics->ascent);
}

static PangoAttrList *
layout_attributes (GrCellText *self)
{
  PangoAttrList *attrs = self->attrs ? pango_attr_list_copy (self->attrs) : pango_attr_list_new ();

  /* What the style class gives a label (font-feature-settings), which
   * only text widgets of GTK's own take from the style. */
  if (gtk_widget_has_css_class (GTK_WIDGET (self), "numeric"))
    pango_attr_list_insert_before (attrs, pango_attr_font_features_new ("tnum=1"));
  return attrs;
}

static void
gr_cell_text_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  GrCellText *self = GR_CELL_TEXT (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PangoRectangle logical;
  GdkRGBA color;
  float xalign = self->xalign;
  int x;

  if (self->text == NULL || *self->text == '\0' || width <= 0)
    return;
  if (self->layout == NULL)
    {
      g_autoptr(PangoAttrList) attrs = layout_attributes (self);

      self->layout = gtk_widget_create_pango_layout (widget, self->text);
      self->layout_numeric = gtk_widget_has_css_class (widget, "numeric");
      pango_layout_set_attributes (self->layout, attrs);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
    }
  pango_layout_set_width (self->layout, width * PANGO_SCALE);
  pango_layout_get_pixel_extents (self->layout, NULL, &logical);

  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    xalign = 1.0f - xalign;
  x = MAX (0, (int) ((width - logical.width) * xalign)) - logical.x;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, (height - logical.height) / 2));
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
gr_cell_text_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  GrCellText *self = GR_CELL_TEXT (widget);

  GTK_WIDGET_CLASS (gr_cell_text_parent_class)->css_changed (widget, change);
  /* A row hovered or selected changes the colour only, which is given
   * when drawing, and the layout follows a new font of the widget's
   * context by itself: it is made again only when the "numeric" class
   * came or went, not shaped again for every state. */
  if (self->layout != NULL && self->layout_numeric != gtk_widget_has_css_class (widget, "numeric"))
    g_clear_object (&self->layout);
}

/*
 * GObject
 */

static void
gr_cell_text_finalize (GObject *object)
{
  GrCellText *self = GR_CELL_TEXT (object);

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->markup, g_free);
  g_clear_pointer (&self->attrs, pango_attr_list_unref);
  g_clear_object (&self->layout);

  G_OBJECT_CLASS (gr_cell_text_parent_class)->finalize (object);
}

static void
gr_cell_text_class_init (GrCellTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = gr_cell_text_finalize;

  widget_class->measure = gr_cell_text_measure;
  widget_class->snapshot = gr_cell_text_snapshot;
  widget_class->css_changed = gr_cell_text_css_changed;

  gtk_widget_class_set_css_name (widget_class, "celltext");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
gr_cell_text_init (GrCellText *self)
{
  self->text = g_strdup ("");
  self->min_chars = 3;
}

GtkWidget *
gr_cell_text_new (void)
{
  return g_object_new (GR_TYPE_CELL_TEXT, NULL);
}

const char *
gr_cell_text_get_text (GrCellText *self)
{
  g_return_val_if_fail (GR_IS_CELL_TEXT (self), NULL);
  return self->text;
}

/* Takes text and attrs. */
static void
show (GrCellText    *self,
      char          *text,
      PangoAttrList *attrs)
{
  g_free (self->text);
  self->text = text;
  g_clear_pointer (&self->attrs, pango_attr_list_unref);
  self->attrs = attrs;
  if (self->layout != NULL)
    {
      g_autoptr(PangoAttrList) all = layout_attributes (self);

      pango_layout_set_text (self->layout, self->text, -1);
      pango_layout_set_attributes (self->layout, all);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->text, -1);
  /* Its size does not depend on its text. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
gr_cell_text_set_text (GrCellText *self,
                       const char *text)
{
  g_return_if_fail (GR_IS_CELL_TEXT (self));

  if (text == NULL)
    text = "";
  if (self->markup == NULL && g_strcmp0 (self->text, text) == 0)
    return;
  g_clear_pointer (&self->markup, g_free);
  show (self, g_strdup (text), NULL);
}

void
gr_cell_text_set_markup (GrCellText *self,
                         const char *markup)
{
  g_autoptr(GError) error = NULL;
  PangoAttrList *attrs = NULL;
  char *text = NULL;

  g_return_if_fail (GR_IS_CELL_TEXT (self));

  if (markup == NULL)
    markup = "";
  if (g_strcmp0 (self->markup, markup) == 0)
    return;
  if (!pango_parse_markup (markup, -1, 0, &attrs, &text, NULL, &error))
    {
      g_warning ("Cell markup not shown as such: %s", error->message);
      text = g_strdup (markup);
    }
  g_free (self->markup);
  self->markup = g_strdup (markup);
  show (self, text, attrs);
}

void
gr_cell_text_set_xalign (GrCellText *self,
                         float       xalign)
{
  g_return_if_fail (GR_IS_CELL_TEXT (self));

  xalign = CLAMP (xalign, 0.0f, 1.0f);
  if (self->xalign == xalign)
    return;
  self->xalign = xalign;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
gr_cell_text_set_min_chars (GrCellText *self,
                            guint       n_chars)
{
  g_return_if_fail (GR_IS_CELL_TEXT (self));

  if (self->min_chars == n_chars)
    return;
  self->min_chars = n_chars;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
