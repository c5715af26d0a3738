/* gr-gauge.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-gauge"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "gr-chart-colors.h"
#include "gr-chart-math.h"
#include "gr-chart-text.h"
#include "gr-charts.h"
#include "gr-gauge.h"

#define TRACK_HEIGHT 10.0
#define ROW_GAP      6.0

struct _GrGauge
{
  GtkWidget parent_instance;

  char *title;
  char *unit;
  double value;
  double capacity;
  double warning;
  double critical;
  int decimals;

  GrChartColors colors;
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_VALUE,
  PROP_CAPACITY,
  PROP_UNIT,
  N_PROPS
};

enum {
  ACTIVATED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (GrGauge, gr_gauge, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GrChartStatus
gr_gauge_status (double fraction,
                 double warning,
                 double critical)
{
  if (!isfinite (fraction))
    return GR_CHART_STATUS_NONE;
  if (fraction > critical)
    return GR_CHART_STATUS_CRITICAL;
  if (fraction >= warning)
    return GR_CHART_STATUS_WARNING;
  return GR_CHART_STATUS_GOOD;
}

static GrChartFormat
gauge_format (GrGauge *self)
{
  return (GrChartFormat) { self->unit, FALSE, self->decimals };
}

static char *
percent_text (double fraction)
{
  static const GrChartFormat percent = { NULL, TRUE, 1 };

  return gr_chart_format_value (&percent, fraction);
}

/* "12,345 / 15,000 吨" */
char *
gr_gauge_dup_value_text (GrGauge *self)
{
  GrChartFormat format = gauge_format (self);
  GrChartFormat bare = format;
  g_autofree char *used = NULL;
  g_autofree char *capacity = NULL;

  g_return_val_if_fail (GR_IS_GAUGE (self), NULL);

  bare.unit = NULL;
  used = gr_chart_format_value (&bare, self->value);
  capacity = gr_chart_format_value (&format, self->capacity);
  /* TRANSLATORS: used of capacity, e.g. "12,345 / 15,000 吨" */
  return g_strdup_printf (_("%s / %s"), used, capacity);
}

char *
gr_gauge_dup_tooltip (GrGauge *self)
{
  GrChartFormat format = gauge_format (self);
  g_autofree char *used = NULL;
  g_autofree char *capacity = NULL;
  g_autofree char *free_ = NULL;
  g_autofree char *share = NULL;
  GString *text;

  g_return_val_if_fail (GR_IS_GAUGE (self), NULL);

  used = gr_chart_format_value (&format, self->value);
  capacity = gr_chart_format_value (&format, self->capacity);
  free_ = gr_chart_format_value (&format, MAX (0, self->capacity - self->value));
  share = percent_text (gr_gauge_get_fraction (self));

  text = g_string_new (self->title ? self->title : "");
  /* TRANSLATORS: lines of a capacity gauge's tooltip */
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("%s: %s"), _("Used"), used);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("%s: %s"), _("Capacity"), capacity);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("%s: %s"), _("Free"), free_);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("%s: %s"), _("In use"), share);
  return g_string_free (text, FALSE);
}

static void
update_accessible (GrGauge *self)
{
  g_autofree char *value = gr_gauge_dup_value_text (self);
  g_autofree char *share = percent_text (gr_gauge_get_fraction (self));
  g_autofree char *text = g_strdup_printf ("%s, %s", share, value);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->title ? self->title : "",
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, isfinite (self->capacity) ? self->capacity : 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, isfinite (self->value) ? self->value : 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

static void
changed (GrGauge *self)
{
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
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
gr_gauge_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  GrGauge *self = (GrGauge *)widget;
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  g_autofree char *share = NULL;
  g_autofree char *value = NULL;
  g_autofree char *free_text = NULL;
  int width = gtk_widget_get_width (widget);
  double fraction = gr_gauge_get_fraction (self);
  GrChartStatus status = gr_gauge_status (fraction, self->warning, self->critical);
  const GdkRGBA *fill;
  const GdkRGBA *share_color;
  GskRoundedRect track;
  int share_w, share_h, title_h, w, h;
  double y;

  if (width <= 0)
    return;

  switch (status)
    {
    case GR_CHART_STATUS_CRITICAL:
      fill = &self->colors.error;
      share_color = &self->colors.error_text;
      break;

    case GR_CHART_STATUS_WARNING:
      fill = &self->colors.warning;
      share_color = &self->colors.warning_text;
      break;

    case GR_CHART_STATUS_GOOD:
    case GR_CHART_STATUS_NONE:
    default:
      fill = &self->colors.accent;
      share_color = &self->colors.fg;
      break;
    }

  /* Title left, percentage right */
  share = percent_text (fraction);
  gr_chart_text_fit (layout, share, GR_CHART_TEXT_NUMBER, -1);
  pango_layout_set_attributes (layout, NULL);
  {
    PangoAttrList *attrs = pango_attr_list_new ();

    pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
    pango_layout_set_attributes (layout, attrs);
    pango_attr_list_unref (attrs);
  }
  gr_chart_text_size (layout, &share_w, &share_h);
  snapshot_text (snapshot, layout, width - share_w, 0, share_color);

  gr_chart_text_fit (layout, self->title, GR_CHART_TEXT_NORMAL, MAX (20, width - share_w - 12));
  gr_chart_text_size (layout, &w, &title_h);
  snapshot_text (snapshot, layout, 0, 0, &self->colors.fg);

  /* The track and its fill; past capacity the fill is full and red */
  y = MAX (share_h, title_h) + ROW_GAP;
  gsk_rounded_rect_init_from_rect (&track, &GRAPHENE_RECT_INIT (0, y, width, TRACK_HEIGHT), TRACK_HEIGHT / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &track);
  gtk_snapshot_append_color (snapshot, &self->colors.track, &track.bounds);
  if (isfinite (fraction) && fraction > 0)
    gtk_snapshot_append_color (snapshot, fill,
                               &GRAPHENE_RECT_INIT (0, y, round (width * MIN (fraction, 1.0)), TRACK_HEIGHT));
  gtk_snapshot_pop (snapshot);

  /* The warning level as a notch on the track */
  if (self->warning > 0 && self->warning < 1)
    gtk_snapshot_append_color (snapshot, &self->colors.axis,
                               &GRAPHENE_RECT_INIT (round (width * self->warning), y - 2, 1, TRACK_HEIGHT + 4));

  y += TRACK_HEIGHT + ROW_GAP;

  value = gr_gauge_dup_value_text (self);
  gr_chart_text_fit (layout, value, GR_CHART_TEXT_NUMBER, width);
  gr_chart_text_size (layout, &w, &h);
  snapshot_text (snapshot, layout, 0, y, &self->colors.dim);

  if (isfinite (self->capacity) && isfinite (self->value))
    {
      GrChartFormat format = gauge_format (self);
      g_autofree char *amount = NULL;

      if (self->value <= self->capacity)
        {
          amount = gr_chart_format_value (&format, self->capacity - self->value);
          /* TRANSLATORS: free capacity under a gauge, e.g. "空余 2,655 吨" */
          free_text = g_strdup_printf (_("%s free"), amount);
        }
      else
        {
          amount = gr_chart_format_value (&format, self->value - self->capacity);
          /* TRANSLATORS: over capacity under a gauge, e.g. "超出 120 吨" */
          free_text = g_strdup_printf (_("%s over"), amount);
        }

      gr_chart_text_fit (layout, free_text, GR_CHART_TEXT_NUMBER, -1);
      gr_chart_text_size (layout, &share_w, &h);
      if (share_w + w + 16 <= width)
        snapshot_text (snapshot, layout, width - share_w, y,
                       status == GR_CHART_STATUS_CRITICAL ? &self->colors.error_text : &self->colors.dim);
    }
}

static void
gr_gauge_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 280;
    }
  else
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, "0");
      int normal_h, number_h;

      gr_chart_text_fit (layout, "0", GR_CHART_TEXT_NORMAL, -1);
      gr_chart_text_size (layout, NULL, &normal_h);
      gr_chart_text_fit (layout, "0", GR_CHART_TEXT_NUMBER, -1);
      gr_chart_text_size (layout, NULL, &number_h);
      *minimum = *natural = normal_h + ROW_GAP + TRACK_HEIGHT + ROW_GAP + number_h;
    }
}

static void
gr_gauge_css_changed (GtkWidget         *widget,
                      GtkCssStyleChange *change)
{
  GrGauge *self = (GrGauge *)widget;

  GTK_WIDGET_CLASS (gr_gauge_parent_class)->css_changed (widget, change);

  gr_chart_colors_load (&self->colors, widget);
  gtk_widget_queue_draw (widget);
}

static gboolean
query_tooltip_cb (GrGauge    *self,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip)
{
  g_autofree char *text = gr_gauge_dup_tooltip (self);

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
released_cb (GrGauge         *self,
             int              n_press,
             double           x,
             double           y,
             GtkGestureClick *click)
{
  if (n_press == 1)
    g_signal_emit (self, signals[ACTIVATED], 0);
}

static void
gr_gauge_finalize (GObject *object)
{
  GrGauge *self = (GrGauge *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->unit, g_free);

  G_OBJECT_CLASS (gr_gauge_parent_class)->finalize (object);
}

static void
gr_gauge_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  GrGauge *self = GR_GAUGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_VALUE:
      g_value_set_double (value, self->value);
      break;

    case PROP_CAPACITY:
      g_value_set_double (value, self->capacity);
      break;

    case PROP_UNIT:
      g_value_set_string (value, self->unit);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_gauge_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  GrGauge *self = GR_GAUGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      gr_gauge_set_title (self, g_value_get_string (value));
      break;

    case PROP_VALUE:
      gr_gauge_set_value (self, g_value_get_double (value));
      break;

    case PROP_CAPACITY:
      gr_gauge_set_capacity (self, g_value_get_double (value));
      break;

    case PROP_UNIT:
      gr_gauge_set_unit (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_gauge_class_init (GrGaugeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = gr_gauge_finalize;
  object_class->get_property = gr_gauge_get_property;
  object_class->set_property = gr_gauge_set_property;

  widget_class->snapshot = gr_gauge_snapshot;
  widget_class->measure = gr_gauge_measure;
  widget_class->css_changed = gr_gauge_css_changed;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_VALUE] = g_param_spec_double ("value", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_CAPACITY] = g_param_spec_double ("capacity", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  properties[PROP_UNIT] = g_param_spec_string ("unit", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ACTIVATED] =
    g_signal_new ("activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "gauge");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_METER);
}

static void
gr_gauge_init (GrGauge *self)
{
  GtkGesture *click;

  gr_charts_init ();

  self->warning = 0.9;
  self->critical = 1.0;

  click = gtk_gesture_click_new ();
  g_signal_connect_object (click, "released", G_CALLBACK (released_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  update_accessible (self);
}

GtkWidget *
gr_gauge_new (void)
{
  return g_object_new (GR_TYPE_GAUGE, NULL);
}

void
gr_gauge_set_title (GrGauge    *self,
                    const char *title)
{
  g_return_if_fail (GR_IS_GAUGE (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
gr_gauge_get_title (GrGauge *self)
{
  g_return_val_if_fail (GR_IS_GAUGE (self), NULL);

  return self->title;
}

void
gr_gauge_set_value (GrGauge *self,
                    double   value)
{
  g_return_if_fail (GR_IS_GAUGE (self));

  if (self->value == value)
    return;

  self->value = value;
  changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

double
gr_gauge_get_value (GrGauge *self)
{
  g_return_val_if_fail (GR_IS_GAUGE (self), NAN);

  return self->value;
}

void
gr_gauge_set_capacity (GrGauge *self,
                       double   capacity)
{
  g_return_if_fail (GR_IS_GAUGE (self));

  if (self->capacity == capacity)
    return;

  self->capacity = capacity;
  changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPACITY]);
}

double
gr_gauge_get_capacity (GrGauge *self)
{
  g_return_val_if_fail (GR_IS_GAUGE (self), NAN);

  return self->capacity;
}

void
gr_gauge_set_unit (GrGauge    *self,
                   const char *unit)
{
  g_return_if_fail (GR_IS_GAUGE (self));

  if (g_strcmp0 (self->unit, unit) == 0)
    return;

  g_free (self->unit);
  self->unit = g_strdup (unit);
  changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
}

void
gr_gauge_set_decimals (GrGauge *self,
                       int      decimals)
{
  g_return_if_fail (GR_IS_GAUGE (self));

  self->decimals = CLAMP (decimals, 0, 6);
  changed (self);
}

void
gr_gauge_set_levels (GrGauge *self,
                     double   warning,
                     double   critical)
{
  g_return_if_fail (GR_IS_GAUGE (self));

  self->warning = warning;
  self->critical = critical;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
gr_gauge_get_fraction (GrGauge *self)
{
  g_return_val_if_fail (GR_IS_GAUGE (self), NAN);

  if (!(self->capacity > 0) || !isfinite (self->value))
    return NAN;
  return self->value / self->capacity;
}

GrChartStatus
gr_gauge_get_status (GrGauge *self)
{
  g_return_val_if_fail (GR_IS_GAUGE (self), GR_CHART_STATUS_NONE);

  return gr_gauge_status (gr_gauge_get_fraction (self), self->warning, self->critical);
}
