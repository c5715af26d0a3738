/* gr-chart-series.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-chart-series"

#include "config.h"

#include <math.h>

#include "gr-chart-series.h"

struct _GrChartSeries
{
  GObject parent_instance;

  char *name;
  GArray *values;
  GrChartColor color;
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_COLOR,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (GrChartSeries, gr_chart_series, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
gr_chart_series_finalize (GObject *object)
{
  GrChartSeries *self = (GrChartSeries *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->values, g_array_unref);

  G_OBJECT_CLASS (gr_chart_series_parent_class)->finalize (object);
}

static void
gr_chart_series_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GrChartSeries *self = GR_CHART_SERIES (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_COLOR:
      g_value_set_enum (value, self->color);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_chart_series_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  GrChartSeries *self = GR_CHART_SERIES (object);

  switch (prop_id)
    {
    case PROP_NAME:
      gr_chart_series_set_name (self, g_value_get_string (value));
      break;

    case PROP_COLOR:
      gr_chart_series_set_color (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_chart_series_class_init (GrChartSeriesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gr_chart_series_finalize;
  object_class->get_property = gr_chart_series_get_property;
  object_class->set_property = gr_chart_series_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COLOR] =
    g_param_spec_enum ("color", NULL, NULL,
                       GR_TYPE_CHART_COLOR,
                       GR_CHART_COLOR_AUTO,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted when name, colour or values change */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
gr_chart_series_init (GrChartSeries *self)
{
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
}

GrChartSeries *
gr_chart_series_new (const char   *name,
                     GrChartColor  color,
                     const double *values,
                     guint         n_values)
{
  GrChartSeries *self;

  self = g_object_new (GR_TYPE_CHART_SERIES,
                       "name", name,
                       "color", color,
                       NULL);
  gr_chart_series_set_values (self, values, n_values);

  return self;
}

const char *
gr_chart_series_get_name (GrChartSeries *self)
{
  g_return_val_if_fail (GR_IS_CHART_SERIES (self), NULL);

  return self->name ? self->name : "";
}

void
gr_chart_series_set_name (GrChartSeries *self,
                          const char    *name)
{
  g_return_if_fail (GR_IS_CHART_SERIES (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  g_signal_emit (self, signals[CHANGED], 0);
}

GrChartColor
gr_chart_series_get_color (GrChartSeries *self)
{
  g_return_val_if_fail (GR_IS_CHART_SERIES (self), GR_CHART_COLOR_AUTO);

  return self->color;
}

void
gr_chart_series_set_color (GrChartSeries *self,
                           GrChartColor   color)
{
  g_return_if_fail (GR_IS_CHART_SERIES (self));

  if (self->color == color)
    return;

  self->color = color;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
  g_signal_emit (self, signals[CHANGED], 0);
}

const double *
gr_chart_series_get_values (GrChartSeries *self,
                            guint         *n_values)
{
  g_return_val_if_fail (GR_IS_CHART_SERIES (self), NULL);

  if (n_values)
    *n_values = self->values->len;
  return (const double *) (gpointer) self->values->data;
}

double
gr_chart_series_get_value (GrChartSeries *self,
                           guint          index)
{
  g_return_val_if_fail (GR_IS_CHART_SERIES (self), NAN);

  if (index >= self->values->len)
    return NAN;
  return g_array_index (self->values, double, index);
}

void
gr_chart_series_set_values (GrChartSeries *self,
                            const double  *values,
                            guint          n_values)
{
  g_return_if_fail (GR_IS_CHART_SERIES (self));
  g_return_if_fail (values != NULL || n_values == 0);

  g_array_set_size (self->values, 0);
  if (n_values > 0)
    g_array_append_vals (self->values, values, n_values);
  g_signal_emit (self, signals[CHANGED], 0);
}
