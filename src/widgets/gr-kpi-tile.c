/* gr-kpi-tile.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-kpi-tile"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "gr-charts.h"
#include "gr-kpi-tile.h"
#include "gr-sparkline.h"

struct _GrKpiTile
{
  GtkWidget parent_instance;

  /* Child widgets */
  GtkLabel *title_label;
  GtkBox *value_box;
  GtkLabel *value_label;
  GtkLabel *unit_label;
  GtkBox *delta_box;
  GtkImage *status_icon;
  GtkLabel *delta_label;
  GtkLabel *target_label;
  GtkLabel *note_label;
  GrSparkline *sparkline;

  /* Owned References */
  char *title;
  char *unit;
  char *note;
  char *value_text;
  char *delta_text;

  double value;
  double target;
  double critical;
  GrChartFormat format;
  GrChartStatus status;

  guint higher_is_better : 1;
  guint activatable : 1;
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_VALUE,
  PROP_TARGET,
  PROP_CRITICAL,
  PROP_UNIT,
  PROP_PERCENT,
  PROP_DECIMALS,
  PROP_HIGHER_IS_BETTER,
  PROP_NOTE,
  PROP_ACTIVATABLE,
  N_PROPS
};

enum {
  ACTIVATED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (GrKpiTile, gr_kpi_tile, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GrChartStatus
gr_kpi_status (double   value,
               double   target,
               gboolean higher_is_better,
               double   critical)
{
  gboolean met;

  if (!isfinite (value) || !isfinite (target))
    return GR_CHART_STATUS_NONE;

  met = higher_is_better ? value >= target : value <= target;
  if (met)
    return GR_CHART_STATUS_GOOD;

  if (isfinite (critical) && (higher_is_better ? value <= critical : value >= critical))
    return GR_CHART_STATUS_CRITICAL;

  return GR_CHART_STATUS_WARNING;
}

const char *
gr_kpi_status_css_class (GrChartStatus status)
{
  switch (status)
    {
    case GR_CHART_STATUS_GOOD:     return "success";
    case GR_CHART_STATUS_WARNING:  return "warning";
    case GR_CHART_STATUS_CRITICAL: return "error";
    case GR_CHART_STATUS_NONE:
    default:
      return NULL;
    }
}

const char *
gr_kpi_status_icon_name (GrChartStatus status)
{
  switch (status)
    {
    case GR_CHART_STATUS_GOOD:     return "emblem-ok-symbolic";
    case GR_CHART_STATUS_WARNING:  return "dialog-warning-symbolic";
    case GR_CHART_STATUS_CRITICAL: return "dialog-error-symbolic";
    case GR_CHART_STATUS_NONE:
    default:
      return NULL;
    }
}

char *
gr_kpi_format_delta (const GrChartFormat *format,
                     double               value,
                     double               target)
{
  g_autofree char *delta = NULL;
  g_autofree char *relative = NULL;
  GrChartFormat ratio = { NULL, FALSE, 1 };

  g_return_val_if_fail (format != NULL, NULL);

  if (!isfinite (value) || !isfinite (target))
    return NULL;

  delta = gr_chart_format_delta (format, value - target);
  if (format->percent || target == 0)
    return g_steal_pointer (&delta);

  /* The relative difference, in the same signed style: "(−3.4%)" */
  relative = gr_chart_format_delta (&ratio, (value - target) / fabs (target) * 100);
  return g_strdup_printf ("%s (%s%%)", delta, relative);
}

static void
set_status_class (GtkWidget     *widget,
                  GrChartStatus  status)
{
  static const char *classes[] = { "success", "warning", "error" };
  const char *wanted = gr_kpi_status_css_class (status);

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      if (g_strcmp0 (classes[i], wanted) == 0)
        gtk_widget_add_css_class (widget, classes[i]);
      else
        gtk_widget_remove_css_class (widget, classes[i]);
    }
}

char *
gr_kpi_tile_dup_description (GrKpiTile *self)
{
  GString *text;

  g_return_val_if_fail (GR_IS_KPI_TILE (self), NULL);

  text = g_string_new (NULL);
  if (self->value_text != NULL)
    {
      g_autofree char *full = gr_chart_format_value (&self->format, self->value);

      g_string_append_printf (text, _("%s."), full);
    }

  if (isfinite (self->target))
    {
      g_autofree char *target = gr_chart_format_value (&self->format, self->target);

      g_string_append_c (text, ' ');
      if (self->higher_is_better)
        g_string_append_printf (text, _("Target %s."), target);
      else
        g_string_append_printf (text, _("Limit %s."), target);
    }

  if (self->delta_text != NULL)
    {
      g_string_append_c (text, ' ');
      switch (self->status)
        {
        case GR_CHART_STATUS_GOOD:
          /* TRANSLATORS: %s is the difference, e.g. "+1,200 吨 (+2.1%)" */
          g_string_append_printf (text, _("Target met, %s."), self->delta_text);
          break;

        case GR_CHART_STATUS_WARNING:
        case GR_CHART_STATUS_CRITICAL:
          if (self->higher_is_better)
            g_string_append_printf (text, _("Below target, %s."), self->delta_text);
          else
            g_string_append_printf (text, _("Over the limit, %s."), self->delta_text);
          break;

        case GR_CHART_STATUS_NONE:
        default:
          break;
        }
    }

  if (self->note != NULL && self->note[0] != '\0')
    g_string_append_printf (text, " %s", self->note);

  return g_string_free (text, FALSE);
}

static void
update (GrKpiTile *self)
{
  g_autofree char *target_text = NULL;
  g_autofree char *description = NULL;
  GrChartFormat bare = self->format;
  const char *icon;

  g_clear_pointer (&self->value_text, g_free);
  g_clear_pointer (&self->delta_text, g_free);

  self->format.unit = self->unit;
  bare = self->format;
  bare.unit = NULL;

  gtk_label_set_text (self->title_label, self->title ? self->title : "");

  /* The number big, its unit smaller beside it */
  if (isfinite (self->value))
    self->value_text = gr_chart_format_value (&bare, self->value);
  gtk_label_set_text (self->value_label, self->value_text ? self->value_text : "–");
  gtk_label_set_text (self->unit_label, (!self->format.percent && self->unit) ? self->unit : "");
  gtk_widget_set_visible (GTK_WIDGET (self->unit_label),
                          !self->format.percent && self->unit != NULL && self->unit[0] != '\0');

  self->status = gr_kpi_status (self->value, self->target, self->higher_is_better, self->critical);
  self->delta_text = gr_kpi_format_delta (&self->format, self->value, self->target);

  if (isfinite (self->target))
    {
      g_autofree char *target = gr_chart_format_value (&self->format, self->target);

      /* TRANSLATORS: the target under a key figure, e.g. "目标 13.00 万吨" */
      target_text = self->higher_is_better ? g_strdup_printf (_("Target %s"), target)
                                           /* TRANSLATORS: an upper limit, e.g. "上限 0.20%" */
                                           : g_strdup_printf (_("Limit %s"), target);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->delta_box), target_text != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->target_label), target_text != NULL);
  gtk_label_set_text (self->target_label, target_text ? target_text : "");
  gtk_label_set_text (self->delta_label, self->delta_text ? self->delta_text : "");
  set_status_class (GTK_WIDGET (self->delta_label), self->status);
  set_status_class (GTK_WIDGET (self->status_icon), self->status);

  icon = gr_kpi_status_icon_name (self->status);
  gtk_image_set_from_icon_name (self->status_icon, icon);
  gtk_widget_set_visible (GTK_WIDGET (self->status_icon), icon != NULL);

  gtk_label_set_text (self->note_label, self->note ? self->note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), self->note != NULL && self->note[0] != '\0');

  gr_sparkline_set_target (self->sparkline, self->target);
  gr_sparkline_set_color (self->sparkline,
                          self->status == GR_CHART_STATUS_CRITICAL ? GR_CHART_COLOR_ERROR :
                          self->status == GR_CHART_STATUS_WARNING ? GR_CHART_COLOR_WARNING :
                          GR_CHART_COLOR_ACCENT);

  description = gr_kpi_tile_dup_description (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->title ? self->title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static gboolean
query_tooltip_cb (GrKpiTile  *self,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip)
{
  g_autofree char *description = gr_kpi_tile_dup_description (self);
  g_autofree char *text = NULL;

  /* The full title (it may be ellipsized) and the exact figures */
  text = g_strdup_printf ("%s\n%s", self->title ? self->title : "", description);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
released_cb (GrKpiTile       *self,
             int              n_press,
             double           x,
             double           y,
             GtkGestureClick *click)
{
  if (self->activatable && n_press == 1)
    g_signal_emit (self, signals[ACTIVATED], 0);
}

/* Tiles ask for little width so a row of six fits a laptop screen; long
 * texts ellipsize and the tooltip has them in full. */
#define NATURAL_WIDTH 168

static void
gr_kpi_tile_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  GTK_WIDGET_CLASS (gr_kpi_tile_parent_class)->measure (widget, orientation, for_size,
                                                        minimum, natural,
                                                        minimum_baseline, natural_baseline);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, MIN (*natural, NATURAL_WIDTH));
}

static void
gr_kpi_tile_dispose (GObject *object)
{
  GrKpiTile *self = (GrKpiTile *)object;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (gr_kpi_tile_parent_class)->dispose (object);
}

static void
gr_kpi_tile_finalize (GObject *object)
{
  GrKpiTile *self = (GrKpiTile *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->unit, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->value_text, g_free);
  g_clear_pointer (&self->delta_text, g_free);

  G_OBJECT_CLASS (gr_kpi_tile_parent_class)->finalize (object);
}

static void
gr_kpi_tile_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  GrKpiTile *self = GR_KPI_TILE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_VALUE:
      g_value_set_double (value, self->value);
      break;

    case PROP_TARGET:
      g_value_set_double (value, self->target);
      break;

    case PROP_CRITICAL:
      g_value_set_double (value, self->critical);
      break;

    case PROP_UNIT:
      g_value_set_string (value, self->unit);
      break;

    case PROP_PERCENT:
      g_value_set_boolean (value, self->format.percent);
      break;

    case PROP_DECIMALS:
      g_value_set_int (value, self->format.decimals);
      break;

    case PROP_HIGHER_IS_BETTER:
      g_value_set_boolean (value, self->higher_is_better);
      break;

    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;

    case PROP_ACTIVATABLE:
      g_value_set_boolean (value, self->activatable);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_kpi_tile_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  GrKpiTile *self = GR_KPI_TILE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      gr_kpi_tile_set_title (self, g_value_get_string (value));
      break;

    case PROP_VALUE:
      gr_kpi_tile_set_value (self, g_value_get_double (value));
      break;

    case PROP_TARGET:
      gr_kpi_tile_set_target (self, g_value_get_double (value));
      break;

    case PROP_CRITICAL:
      gr_kpi_tile_set_critical (self, g_value_get_double (value));
      break;

    case PROP_UNIT:
      gr_kpi_tile_set_unit (self, g_value_get_string (value));
      break;

    case PROP_PERCENT:
      gr_kpi_tile_set_percent (self, g_value_get_boolean (value));
      break;

    case PROP_DECIMALS:
      gr_kpi_tile_set_decimals (self, g_value_get_int (value));
      break;

    case PROP_HIGHER_IS_BETTER:
      gr_kpi_tile_set_higher_is_better (self, g_value_get_boolean (value));
      break;

    case PROP_NOTE:
      gr_kpi_tile_set_note (self, g_value_get_string (value));
      break;

    case PROP_ACTIVATABLE:
      gr_kpi_tile_set_activatable (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_kpi_tile_class_init (GrKpiTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = gr_kpi_tile_dispose;
  object_class->finalize = gr_kpi_tile_finalize;
  object_class->get_property = gr_kpi_tile_get_property;
  object_class->set_property = gr_kpi_tile_set_property;

  widget_class->measure = gr_kpi_tile_measure;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_VALUE] = g_param_spec_double ("value", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_TARGET] = g_param_spec_double ("target", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_CRITICAL] = g_param_spec_double ("critical", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_UNIT] = g_param_spec_string ("unit", NULL, NULL, NULL, flags);
  properties[PROP_PERCENT] = g_param_spec_boolean ("percent", NULL, NULL, FALSE, flags);
  properties[PROP_DECIMALS] = g_param_spec_int ("decimals", NULL, NULL, 0, 6, 0, flags);
  properties[PROP_HIGHER_IS_BETTER] = g_param_spec_boolean ("higher-is-better", NULL, NULL, TRUE, flags);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, flags);
  properties[PROP_ACTIVATABLE] = g_param_spec_boolean ("activatable", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Clicked, or Enter/Space while focused */
  signals[ACTIVATED] =
    g_signal_new ("activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  gtk_widget_class_set_activate_signal (widget_class, signals[ACTIVATED]);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_Return, 0, "activated", NULL);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_KP_Enter, 0, "activated", NULL);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_space, 0, "activated", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kpitile");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static GtkLabel *
add_label (GtkWidget   *parent,
           const char  *css_classes[])
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  for (guint i = 0; css_classes && css_classes[i]; i++)
    gtk_widget_add_css_class (label, css_classes[i]);
  if (GTK_IS_BOX (parent))
    gtk_box_append (GTK_BOX (parent), label);
  else
    gtk_widget_set_parent (label, parent);
  return GTK_LABEL (label);
}

static void
gr_kpi_tile_init (GrKpiTile *self)
{
  GtkLayoutManager *layout;
  GtkGesture *click;

  gr_charts_init ();

  self->value = NAN;
  self->target = NAN;
  self->critical = NAN;
  self->higher_is_better = TRUE;

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);

  self->title_label = add_label (GTK_WIDGET (self), (const char *[]) { "title", NULL });
  gtk_label_set_ellipsize (self->title_label, PANGO_ELLIPSIZE_END);

  self->value_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6));
  gtk_widget_add_css_class (GTK_WIDGET (self->value_box), "value-row");
  gtk_widget_set_parent (GTK_WIDGET (self->value_box), GTK_WIDGET (self));
  self->value_label = add_label (GTK_WIDGET (self->value_box), (const char *[]) { "value", "numeric", NULL });
  gtk_widget_set_valign (GTK_WIDGET (self->value_label), GTK_ALIGN_BASELINE);
  self->unit_label = add_label (GTK_WIDGET (self->value_box), (const char *[]) { "unit", NULL });
  gtk_widget_set_valign (GTK_WIDGET (self->unit_label), GTK_ALIGN_BASELINE);

  self->delta_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6));
  gtk_widget_add_css_class (GTK_WIDGET (self->delta_box), "delta-row");
  gtk_widget_set_parent (GTK_WIDGET (self->delta_box), GTK_WIDGET (self));
  self->status_icon = GTK_IMAGE (gtk_image_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), "status");
  gtk_box_append (self->delta_box, GTK_WIDGET (self->status_icon));
  self->delta_label = add_label (GTK_WIDGET (self->delta_box), (const char *[]) { "delta", "numeric", NULL });
  gtk_label_set_ellipsize (self->delta_label, PANGO_ELLIPSIZE_END);

  /* On its own line: tiles stay narrow enough for six in a row */
  self->target_label = add_label (GTK_WIDGET (self), (const char *[]) { "target", "numeric", NULL });
  gtk_label_set_ellipsize (self->target_label, PANGO_ELLIPSIZE_END);

  self->note_label = add_label (GTK_WIDGET (self), (const char *[]) { "note", NULL });
  gtk_label_set_ellipsize (self->note_label, PANGO_ELLIPSIZE_END);

  self->sparkline = GR_SPARKLINE (gr_sparkline_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->sparkline), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->sparkline), GTK_WIDGET (self));

  gtk_widget_add_css_class (GTK_WIDGET (self), "card");

  click = gtk_gesture_click_new ();
  g_signal_connect_object (click, "released", G_CALLBACK (released_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  update (self);
}

GtkWidget *
gr_kpi_tile_new (void)
{
  return g_object_new (GR_TYPE_KPI_TILE, NULL);
}

const char *
gr_kpi_tile_get_title (GrKpiTile *self)
{
  g_return_val_if_fail (GR_IS_KPI_TILE (self), NULL);

  return self->title;
}

static void
set_string (GrKpiTile  *self,
            char      **field,
            const char *value,
            guint       prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_double (GrKpiTile *self,
            double    *field,
            double     value,
            guint      prop_id)
{
  if (*field == value || (isnan (*field) && isnan (value)))
    return;

  *field = value;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

void
gr_kpi_tile_set_title (GrKpiTile  *self,
                       const char *title)
{
  g_return_if_fail (GR_IS_KPI_TILE (self));

  set_string (self, &self->title, title, PROP_TITLE);
}

double
gr_kpi_tile_get_value (GrKpiTile *self)
{
  g_return_val_if_fail (GR_IS_KPI_TILE (self), NAN);

  return self->value;
}

void
gr_kpi_tile_set_value (GrKpiTile *self,
                       double     value)
{
  g_return_if_fail (GR_IS_KPI_TILE (self));

  set_double (self, &self->value, value, PROP_VALUE);
}

double
gr_kpi_tile_get_target (GrKpiTile *self)
{
  g_return_val_if_fail (GR_IS_KPI_TILE (self), NAN);

  return self->target;
}

void
gr_kpi_tile_set_target (GrKpiTile *self,
                        double     target)
{
  g_return_if_fail (GR_IS_KPI_TILE (self));

  set_double (self, &self->target, target, PROP_TARGET);
}

void
gr_kpi_tile_set_critical (GrKpiTile *self,
                          double     critical)
{
  g_return_if_fail (GR_IS_KPI_TILE (self));

  set_double (self, &self->critical, critical, PROP_CRITICAL);
}

void
gr_kpi_tile_set_unit (GrKpiTile  *self,
                      const char *unit)
{
  g_return_if_fail (GR_IS_KPI_TILE (self));

  set_string (self, &self->unit, unit, PROP_UNIT);
}

void
gr_kpi_tile_set_percent (GrKpiTile *self,
                         gboolean   percent)
{
  g_return_if_fail (GR_IS_KPI_TILE (self));

  percent = !!percent;
  if (self->format.percent == percent)
    return;

  self->format.percent = percent;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERCENT]);
}

void
gr_kpi_tile_set_decimals (GrKpiTile *self,
                          int        decimals)
{
  g_return_if_fail (GR_IS_KPI_TILE (self));

  decimals = CLAMP (decimals, 0, 6);
  if (self->format.decimals == decimals)
    return;

  self->format.decimals = decimals;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECIMALS]);
}

void
gr_kpi_tile_set_higher_is_better (GrKpiTile *self,
                                  gboolean   higher_is_better)
{
  g_return_if_fail (GR_IS_KPI_TILE (self));

  higher_is_better = !!higher_is_better;
  if (self->higher_is_better == higher_is_better)
    return;

  self->higher_is_better = higher_is_better;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHER_IS_BETTER]);
}

void
gr_kpi_tile_set_note (GrKpiTile  *self,
                      const char *note)
{
  g_return_if_fail (GR_IS_KPI_TILE (self));

  set_string (self, &self->note, note, PROP_NOTE);
}

void
gr_kpi_tile_set_trend (GrKpiTile    *self,
                       const double *values,
                       guint         n_values)
{
  g_return_if_fail (GR_IS_KPI_TILE (self));

  gr_sparkline_set_values (self->sparkline, values, n_values);
  gtk_widget_set_visible (GTK_WIDGET (self->sparkline), n_values > 1);
}

void
gr_kpi_tile_set_activatable (GrKpiTile *self,
                             gboolean   activatable)
{
  g_return_if_fail (GR_IS_KPI_TILE (self));

  activatable = !!activatable;
  if (self->activatable == activatable)
    return;

  self->activatable = activatable;
  gtk_widget_set_focusable (GTK_WIDGET (self), activatable);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), activatable ? "pointer" : NULL);
  if (activatable)
    gtk_widget_add_css_class (GTK_WIDGET (self), "activatable");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "activatable");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVATABLE]);
}

GrChartStatus
gr_kpi_tile_get_status (GrKpiTile *self)
{
  g_return_val_if_fail (GR_IS_KPI_TILE (self), GR_CHART_STATUS_NONE);

  return self->status;
}

const char *
gr_kpi_tile_get_value_text (GrKpiTile *self)
{
  g_return_val_if_fail (GR_IS_KPI_TILE (self), NULL);

  return gtk_label_get_text (self->value_label);
}

const char *
gr_kpi_tile_get_delta_text (GrKpiTile *self)
{
  g_return_val_if_fail (GR_IS_KPI_TILE (self), NULL);

  return gtk_label_get_text (self->delta_label);
}
