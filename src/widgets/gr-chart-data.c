/* gr-chart-data.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-chart-data"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "gr-chart-data.h"

/* Past this many categories, descriptions summarise instead of listing */
#define MAX_LISTED 12

struct _GrChartData
{
  GObject parent_instance;

  /* Owned References */
  GPtrArray *categories;   /* char * */
  GPtrArray *series;       /* GrChartSeries * */
  GArray *targets;         /* double */
  char *target_label;
  char *unit;
  char *category_title;

  GrChartFormat format;
};

enum {
  PROP_0,
  PROP_UNIT,
  PROP_PERCENT,
  PROP_DECIMALS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (GrChartData, gr_chart_data, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
emit_changed (GrChartData *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
sync_format (GrChartData *self)
{
  self->format.unit = self->unit;
}

static void
gr_chart_data_dispose (GObject *object)
{
  GrChartData *self = (GrChartData *)object;

  if (self->series != NULL)
    for (guint i = 0; i < self->series->len; i++)
      g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->series, i), emit_changed, self);
  g_clear_pointer (&self->series, g_ptr_array_unref);

  G_OBJECT_CLASS (gr_chart_data_parent_class)->dispose (object);
}

static void
gr_chart_data_finalize (GObject *object)
{
  GrChartData *self = (GrChartData *)object;

  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->targets, g_array_unref);
  g_clear_pointer (&self->target_label, g_free);
  g_clear_pointer (&self->unit, g_free);
  g_clear_pointer (&self->category_title, g_free);

  G_OBJECT_CLASS (gr_chart_data_parent_class)->finalize (object);
}

static void
gr_chart_data_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GrChartData *self = GR_CHART_DATA (object);

  switch (prop_id)
    {
    case PROP_UNIT:
      g_value_set_string (value, self->unit);
      break;

    case PROP_PERCENT:
      g_value_set_boolean (value, self->format.percent);
      break;

    case PROP_DECIMALS:
      g_value_set_int (value, self->format.decimals);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_chart_data_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GrChartData *self = GR_CHART_DATA (object);

  switch (prop_id)
    {
    case PROP_UNIT:
      gr_chart_data_set_unit (self, g_value_get_string (value));
      break;

    case PROP_PERCENT:
      gr_chart_data_set_percent (self, g_value_get_boolean (value));
      break;

    case PROP_DECIMALS:
      gr_chart_data_set_decimals (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_chart_data_class_init (GrChartDataClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gr_chart_data_dispose;
  object_class->finalize = gr_chart_data_finalize;
  object_class->get_property = gr_chart_data_get_property;
  object_class->set_property = gr_chart_data_set_property;

  properties[PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PERCENT] =
    g_param_spec_boolean ("percent", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DECIMALS] =
    g_param_spec_int ("decimals", NULL, NULL,
                      0, 6, 0,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted on any change of what the chart shows */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
gr_chart_data_init (GrChartData *self)
{
  self->categories = g_ptr_array_new_with_free_func (g_free);
  self->series = g_ptr_array_new_with_free_func (g_object_unref);
  self->targets = g_array_new (FALSE, FALSE, sizeof (double));
}

GrChartData *
gr_chart_data_new (void)
{
  return g_object_new (GR_TYPE_CHART_DATA, NULL);
}

void
gr_chart_data_set_categories (GrChartData        *self,
                              const char * const *categories)
{
  g_return_if_fail (GR_IS_CHART_DATA (self));

  g_ptr_array_set_size (self->categories, 0);
  for (guint i = 0; categories != NULL && categories[i] != NULL; i++)
    g_ptr_array_add (self->categories, g_strdup (categories[i]));
  emit_changed (self);
}

const char *
gr_chart_data_get_category_title (GrChartData *self)
{
  g_return_val_if_fail (GR_IS_CHART_DATA (self), NULL);

  if (self->category_title != NULL && self->category_title[0] != '\0')
    return self->category_title;
  return _("Category");
}

void
gr_chart_data_set_category_title (GrChartData *self,
                                  const char  *title)
{
  g_return_if_fail (GR_IS_CHART_DATA (self));

  if (g_strcmp0 (self->category_title, title) == 0)
    return;

  g_free (self->category_title);
  self->category_title = g_strdup (title);
  emit_changed (self);
}

guint
gr_chart_data_get_n_categories (GrChartData *self)
{
  g_return_val_if_fail (GR_IS_CHART_DATA (self), 0);

  return self->categories->len;
}

const char *
gr_chart_data_get_category (GrChartData *self,
                            guint        index)
{
  g_return_val_if_fail (GR_IS_CHART_DATA (self), NULL);

  if (index >= self->categories->len)
    return "";
  return g_ptr_array_index (self->categories, index);
}

void
gr_chart_data_add_series (GrChartData   *self,
                          GrChartSeries *series)
{
  g_return_if_fail (GR_IS_CHART_DATA (self));
  g_return_if_fail (GR_IS_CHART_SERIES (series));

  g_ptr_array_add (self->series, g_object_ref (series));
  g_signal_connect_swapped (series, "changed", G_CALLBACK (emit_changed), self);
  emit_changed (self);
}

void
gr_chart_data_clear_series (GrChartData *self)
{
  g_return_if_fail (GR_IS_CHART_DATA (self));

  for (guint i = 0; i < self->series->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->series, i), emit_changed, self);
  g_ptr_array_set_size (self->series, 0);
  emit_changed (self);
}

guint
gr_chart_data_get_n_series (GrChartData *self)
{
  g_return_val_if_fail (GR_IS_CHART_DATA (self), 0);

  return self->series->len;
}

GrChartSeries *
gr_chart_data_get_series (GrChartData *self,
                          guint        index)
{
  g_return_val_if_fail (GR_IS_CHART_DATA (self), NULL);
  g_return_val_if_fail (index < self->series->len, NULL);

  return g_ptr_array_index (self->series, index);
}

double
gr_chart_data_get_value (GrChartData *self,
                         guint        series,
                         guint        category)
{
  g_return_val_if_fail (GR_IS_CHART_DATA (self), NAN);

  if (series >= self->series->len)
    return NAN;
  return gr_chart_series_get_value (g_ptr_array_index (self->series, series), category);
}

void
gr_chart_data_set_targets (GrChartData  *self,
                           const char   *label,
                           const double *targets,
                           guint         n_targets)
{
  g_return_if_fail (GR_IS_CHART_DATA (self));
  g_return_if_fail (targets != NULL || n_targets == 0);

  g_free (self->target_label);
  self->target_label = g_strdup (label);
  g_array_set_size (self->targets, 0);
  if (n_targets > 0)
    g_array_append_vals (self->targets, targets, n_targets);
  emit_changed (self);
}

gboolean
gr_chart_data_has_targets (GrChartData *self)
{
  g_return_val_if_fail (GR_IS_CHART_DATA (self), FALSE);

  for (guint i = 0; i < self->targets->len; i++)
    if (isfinite (g_array_index (self->targets, double, i)))
      return TRUE;
  return FALSE;
}

double
gr_chart_data_get_target (GrChartData *self,
                          guint        category)
{
  g_return_val_if_fail (GR_IS_CHART_DATA (self), NAN);

  if (category >= self->targets->len)
    return NAN;
  return g_array_index (self->targets, double, category);
}

const char *
gr_chart_data_get_target_label (GrChartData *self)
{
  g_return_val_if_fail (GR_IS_CHART_DATA (self), NULL);

  if (self->target_label != NULL && self->target_label[0] != '\0')
    return self->target_label;
  return _("Target");
}

const char *
gr_chart_data_get_unit (GrChartData *self)
{
  g_return_val_if_fail (GR_IS_CHART_DATA (self), NULL);

  return self->unit;
}

void
gr_chart_data_set_unit (GrChartData *self,
                        const char  *unit)
{
  g_return_if_fail (GR_IS_CHART_DATA (self));

  if (g_strcmp0 (self->unit, unit) == 0)
    return;

  g_free (self->unit);
  self->unit = g_strdup (unit);
  sync_format (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
  emit_changed (self);
}

gboolean
gr_chart_data_get_percent (GrChartData *self)
{
  g_return_val_if_fail (GR_IS_CHART_DATA (self), FALSE);

  return self->format.percent;
}

void
gr_chart_data_set_percent (GrChartData *self,
                           gboolean     percent)
{
  g_return_if_fail (GR_IS_CHART_DATA (self));

  percent = !!percent;
  if (self->format.percent == percent)
    return;

  self->format.percent = percent;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERCENT]);
  emit_changed (self);
}

int
gr_chart_data_get_decimals (GrChartData *self)
{
  g_return_val_if_fail (GR_IS_CHART_DATA (self), 0);

  return self->format.decimals;
}

void
gr_chart_data_set_decimals (GrChartData *self,
                            int          decimals)
{
  g_return_if_fail (GR_IS_CHART_DATA (self));

  decimals = CLAMP (decimals, 0, 6);
  if (self->format.decimals == decimals)
    return;

  self->format.decimals = decimals;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECIMALS]);
  emit_changed (self);
}

const GrChartFormat *
gr_chart_data_get_format (GrChartData *self)
{
  g_return_val_if_fail (GR_IS_CHART_DATA (self), NULL);

  return &self->format;
}

char *
gr_chart_data_format_value (GrChartData *self,
                            double       value)
{
  g_return_val_if_fail (GR_IS_CHART_DATA (self), NULL);

  return gr_chart_format_value (&self->format, value);
}

double
gr_chart_data_get_total (GrChartData *self,
                         guint        category)
{
  double total = 0;

  g_return_val_if_fail (GR_IS_CHART_DATA (self), NAN);

  for (guint s = 0; s < self->series->len; s++)
    {
      double v = gr_chart_data_get_value (self, s, category);

      if (isfinite (v))
        total += v;
    }

  return total;
}

void
gr_chart_data_add_extent (GrChartData   *self,
                          gboolean       stacked,
                          GrChartExtent *extent)
{
  guint n_series, n_categories;

  g_return_if_fail (GR_IS_CHART_DATA (self));
  g_return_if_fail (extent != NULL);

  n_series = self->series->len;
  n_categories = self->categories->len;

  if (stacked && n_series > 0 && n_categories > 0)
    {
      g_autofree double *values = g_new (double, n_series * n_categories);
      g_autofree double *starts = g_new (double, n_series * n_categories);
      g_autofree double *ends = g_new (double, n_series * n_categories);

      for (guint s = 0; s < n_series; s++)
        for (guint c = 0; c < n_categories; c++)
          values[s * n_categories + c] = gr_chart_data_get_value (self, s, c);

      gr_chart_stack (values, n_series, n_categories, starts, ends, NULL);
      for (guint i = 0; i < n_series * n_categories; i++)
        {
          gr_chart_extent_add (extent, starts[i]);
          gr_chart_extent_add (extent, ends[i]);
        }
    }
  else
    {
      for (guint s = 0; s < n_series; s++)
        for (guint c = 0; c < n_categories; c++)
          gr_chart_extent_add (extent, gr_chart_data_get_value (self, s, c));
    }

  /* The axis reaches every target, even one above all bars */
  for (guint c = 0; c < n_categories; c++)
    gr_chart_extent_add (extent, gr_chart_data_get_target (self, c));
}

static void
append_line (GString    *text,
             const char *name,
             const char *value)
{
  if (text->len > 0)
    g_string_append_c (text, '\n');
  /* TRANSLATORS: a name and its value in a chart tooltip, e.g. "计划：250,000 吨" */
  g_string_append_printf (text, _("%s: %s"), name, value);
}

char *
gr_chart_data_dup_category_text (GrChartData *self,
                                 guint        category,
                                 gboolean     stacked)
{
  GString *text;
  double reached = NAN;
  double target;

  g_return_val_if_fail (GR_IS_CHART_DATA (self), NULL);
  g_return_val_if_fail (category < self->categories->len, NULL);

  text = g_string_new (gr_chart_data_get_category (self, category));

  for (guint s = 0; s < self->series->len; s++)
    {
      GrChartSeries *series = g_ptr_array_index (self->series, s);
      double v = gr_chart_series_get_value (series, category);
      g_autofree char *value = gr_chart_data_format_value (self, v);

      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("%s: %s"), gr_chart_series_get_name (series), value);

      if (s == 0)
        reached = v;
    }

  if (stacked && self->series->len > 1)
    {
      g_autofree char *total = NULL;

      reached = gr_chart_data_get_total (self, category);
      total = gr_chart_data_format_value (self, reached);
      append_line (text, _("Total"), total);
    }

  target = gr_chart_data_get_target (self, category);
  if (isfinite (target))
    {
      g_autofree char *value = gr_chart_data_format_value (self, target);

      append_line (text, gr_chart_data_get_target_label (self), value);

      if (target > 0 && isfinite (reached))
        {
          GrChartFormat ratio = { NULL, TRUE, 1 };
          g_autofree char *share = gr_chart_format_value (&ratio, reached / target);

          append_line (text, _("Share of target"), share);
        }
    }

  return g_string_free (text, FALSE);
}

static void
describe_list (GrChartData   *self,
               GString       *text,
               const char    *name,
               GrChartSeries *series,
               gboolean       targets,
               gboolean       totals)
{
  GString *items = g_string_new (NULL);

  for (guint c = 0; c < self->categories->len; c++)
    {
      g_autofree char *value = NULL;
      double v;

      if (targets)
        v = gr_chart_data_get_target (self, c);
      else if (totals)
        v = gr_chart_data_get_total (self, c);
      else
        v = gr_chart_series_get_value (series, c);

      if (!isfinite (v))
        continue;

      value = gr_chart_data_format_value (self, v);
      if (items->len > 0)
        /* TRANSLATORS: separates the items of a list read out by screen readers */
        g_string_append (items, _(", "));
      g_string_append_printf (items, "%s %s", gr_chart_data_get_category (self, c), value);
    }

  if (items->len > 0)
    {
      g_string_append_c (text, ' ');
      /* TRANSLATORS: a series name and the list of its values, as a sentence */
      g_string_append_printf (text, _("%s: %s."), name, items->str);
    }

  g_string_free (items, TRUE);
}

static void
describe_summary (GrChartData   *self,
                  GString       *text,
                  GrChartSeries *series)
{
  int first = -1;
  int last = -1;
  int lowest = -1;
  int highest = -1;
  g_autofree char *first_value = NULL;
  g_autofree char *last_value = NULL;
  g_autofree char *lowest_value = NULL;
  g_autofree char *highest_value = NULL;

  for (guint c = 0; c < self->categories->len; c++)
    {
      double v = gr_chart_series_get_value (series, c);

      if (!isfinite (v))
        continue;
      if (first < 0)
        first = c;
      last = c;
      if (lowest < 0 || v < gr_chart_series_get_value (series, lowest))
        lowest = c;
      if (highest < 0 || v > gr_chart_series_get_value (series, highest))
        highest = c;
    }

  if (first < 0)
    return;

  first_value = gr_chart_data_format_value (self, gr_chart_series_get_value (series, first));
  last_value = gr_chart_data_format_value (self, gr_chart_series_get_value (series, last));
  lowest_value = gr_chart_data_format_value (self, gr_chart_series_get_value (series, lowest));
  highest_value = gr_chart_data_format_value (self, gr_chart_series_get_value (series, highest));

  g_string_append_c (text, ' ');
  /* TRANSLATORS: summary of a long series for screen readers, e.g.
   * "小麦: 72.0% in 2024-07, 70.5% in 2026-06; lowest 66.0% in 2025-03, highest 95.0% in 2024-09." */
  g_string_append_printf (text, _("%s: %s in %s, %s in %s; lowest %s in %s, highest %s in %s."),
                          gr_chart_series_get_name (series),
                          first_value, gr_chart_data_get_category (self, first),
                          last_value, gr_chart_data_get_category (self, last),
                          lowest_value, gr_chart_data_get_category (self, lowest),
                          highest_value, gr_chart_data_get_category (self, highest));
}

char *
gr_chart_data_dup_description (GrChartData *self,
                               gboolean     stacked)
{
  GString *text;
  gboolean list;

  g_return_val_if_fail (GR_IS_CHART_DATA (self), NULL);

  text = g_string_new (NULL);
  list = self->categories->len <= MAX_LISTED;

  for (guint s = 0; s < self->series->len; s++)
    {
      GrChartSeries *series = g_ptr_array_index (self->series, s);

      if (list)
        describe_list (self, text, gr_chart_series_get_name (series), series, FALSE, FALSE);
      else
        describe_summary (self, text, series);
    }

  if (list && stacked && self->series->len > 1)
    describe_list (self, text, _("Total"), NULL, FALSE, TRUE);

  if (list && gr_chart_data_has_targets (self))
    describe_list (self, text, gr_chart_data_get_target_label (self), NULL, TRUE, FALSE);

  /* Drop the space that starts every sentence */
  if (text->len > 0 && text->str[0] == ' ')
    g_string_erase (text, 0, 1);

  return g_string_free (text, FALSE);
}
