/* gr-bin-history.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-bin-history"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "gr-bin-history.h"
#include "gr-format.h"
#include "gr-inspection-list.h"
#include "gr-labels.h"

typedef struct {
  double        value;
  char         *label;
  GrChartColor  color;
} Line;

static void
line_clear (Line *line)
{
  g_free (line->label);
}

struct _GrBinHistory
{
  char        *bin;
  char        *note;
  GrChartData *data[GR_BIN_HISTORY_N_CHARTS];
  GArray      *lines[GR_BIN_HISTORY_N_CHARTS];    /* Line */
  char        *subtitles[GR_BIN_HISTORY_N_CHARTS];
};

static void
add_line (GrBinHistory      *self,
          GrBinHistoryChart  chart,
          double             value,
          char              *label,
          GrChartColor       color)
{
  Line line = { value, label, color };

  g_array_append_val (self->lines[chart], line);
}

static char **
history_categories (GPtrArray *points)
{
  char **categories = g_new0 (char *, points->len + 1);

  /* Month and day, short ("2/24"): the years are in the note above. */
  for (guint i = 0; i < points->len; i++)
    {
      const char *date = ((GrReadingPoint *) points->pdata[i])->date;

      categories[i] = g_strdup_printf ("%d/%d", atoi (date + 5), atoi (date + 8));
    }
  return categories;
}

static GrChartSeries *
series_of (GPtrArray    *points,
           const char   *name,
           GrChartColor  color,
           gsize         offset)
{
  g_autofree double *values = g_new (double, MAX (points->len, 1));

  for (guint i = 0; i < points->len; i++)
    values[i] = G_STRUCT_MEMBER (double, points->pdata[i], offset);
  return gr_chart_series_new (name, color, values, points->len);
}

static gboolean
any_value (GPtrArray *points,
           gsize      offset)
{
  for (guint i = 0; i < points->len; i++)
    if (!isnan (G_STRUCT_MEMBER (double, points->pdata[i], offset)))
      return TRUE;
  return FALSE;
}

static void
add_series (GrChartData  *data,
            GPtrArray    *points,
            const char   *name,
            GrChartColor  color,
            gsize         offset)
{
  g_autoptr(GrChartSeries) series = series_of (points, name, color, offset);

  gr_chart_data_add_series (data, series);
}

GrBinHistory *
gr_bin_history_new (GrStandards *standards,
                    const char  *bin,
                    const char  *storage_tech,
                    const char  *variety,
                    GPtrArray   *points)
{
  GrBinHistory *self = g_new0 (GrBinHistory, 1);
  const GrTemperatureRegime *regime = NULL;
  const GrSafeMoisture *safe = NULL;
  const GrPestClassTable *table = gr_standards_pest_classes (standards);
  GrChartData *temperatures, *moisture, *pests;
  gboolean has_pests = FALSE;

  self->bin = g_strdup (bin);
  for (guint c = 0; c < GR_BIN_HISTORY_N_CHARTS; c++)
    {
      self->data[c] = gr_chart_data_new ();
      self->lines[c] = g_array_new (FALSE, FALSE, sizeof (Line));
      g_array_set_clear_func (self->lines[c], (GDestroyNotify) line_clear);
    }
  temperatures = self->data[GR_BIN_HISTORY_TEMPERATURE];
  moisture = self->data[GR_BIN_HISTORY_MOISTURE];
  pests = self->data[GR_BIN_HISTORY_PESTS];

  if (bin != NULL)
    {
      regime = gr_standards_temperature_regime (standards, storage_tech);
      safe = variety ? gr_standards_safe_moisture (standards, variety) : NULL;
    }
  if (points == NULL || points->len == 0 || bin == NULL)
    {
      self->note = g_strdup (_("No readings of this bin yet."));
      points = NULL;
    }
  else
    {
      const char *first = ((GrReadingPoint *) points->pdata[0])->date;
      const char *last = ((GrReadingPoint *) points->pdata[points->len - 1])->date;
      g_autofree char *from = gr_format_iso_date (first);
      g_autofree char *to = gr_format_iso_date (last);

      /* TRANSLATORS: the span of a bin's readings: "12 readings, 2025年12月8日 to 2026年11月5日" */
      self->note = g_strdup_printf (ngettext ("%u reading, %s to %s", "%u readings, %s to %s", points->len),
                                    points->len, from, to);
    }

  if (points != NULL)
    {
      g_auto(GStrv) categories = history_categories (points);

      gr_chart_data_set_categories (temperatures, (const char * const *) categories);
      gr_chart_data_set_categories (moisture, (const char * const *) categories);
      gr_chart_data_set_categories (pests, (const char * const *) categories);
      /* TRANSLATORS: series of the grain temperature chart */
      add_series (temperatures, points, _("Highest"), GR_CHART_COLOR_ERROR, G_STRUCT_OFFSET (GrReadingPoint, temp_max_c));
      add_series (temperatures, points, _("Average"), GR_CHART_COLOR_ACCENT, G_STRUCT_OFFSET (GrReadingPoint, temp_avg_c));
      add_series (temperatures, points, _("Lowest"), GR_CHART_COLOR_SERIES_3, G_STRUCT_OFFSET (GrReadingPoint, temp_min_c));
      if (any_value (points, G_STRUCT_OFFSET (GrReadingPoint, moisture_pct)))
        add_series (moisture, points, _("Moisture"), GR_CHART_COLOR_ACCENT, G_STRUCT_OFFSET (GrReadingPoint, moisture_pct));
      if (any_value (points, G_STRUCT_OFFSET (GrReadingPoint, pests_per_kg)))
        {
          /* TRANSLATORS: series of the pest density chart: all live pests, and the main pests among them */
          add_series (pests, points, _("All pests"), GR_CHART_COLOR_WARNING, G_STRUCT_OFFSET (GrReadingPoint, pests_per_kg));
          add_series (pests, points, _("Main pests"), GR_CHART_COLOR_ERROR,
                      G_STRUCT_OFFSET (GrReadingPoint, main_pests_per_kg));
          has_pests = TRUE;
        }
    }
  gr_chart_data_set_unit (temperatures, "°C");
  gr_chart_data_set_decimals (temperatures, 1);
  gr_chart_data_set_unit (moisture, "%");
  gr_chart_data_set_decimals (moisture, 1);
  /* TRANSLATORS: unit of pest density: insects per kilogram, 头/kg */
  gr_chart_data_set_unit (pests, _("/kg"));

  if (regime != NULL && regime->has_local_max)
    add_line (self, GR_BIN_HISTORY_TEMPERATURE, regime->local_max.milli / 1000.0,
              g_strdup_printf (_("Highest allowed %g °C"), regime->local_max.milli / 1000.0), GR_CHART_COLOR_ERROR);
  if (regime != NULL && regime->has_avg_max)
    add_line (self, GR_BIN_HISTORY_TEMPERATURE, regime->avg_max.milli / 1000.0,
              g_strdup_printf (_("Average allowed %g °C"), regime->avg_max.milli / 1000.0), GR_CHART_COLOR_WARNING);
  if (regime != NULL && (regime->has_avg_max || regime->has_local_max))
    /* TRANSLATORS: subtitle of the temperature chart: "准低温储藏 limits, GB/T 29890-2013" */
    self->subtitles[GR_BIN_HISTORY_TEMPERATURE] = g_strdup_printf (_("%s limits, %s"), regime->name, regime->standard);
  else
    /* TRANSLATORS: subtitle of the temperature chart of a bin without temperature control */
    self->subtitles[GR_BIN_HISTORY_TEMPERATURE] = g_strdup_printf (_("%s: no temperature limit"),
                                                                   bin ? gr_storage_tech_name (storage_tech) : "");

  if (safe != NULL)
    {
      add_line (self, GR_BIN_HISTORY_MOISTURE, safe->max.milli / 1000.0,
                g_strdup_printf (_("Safe %g %%"), safe->max.milli / 1000.0), GR_CHART_COLOR_ERROR);
      /* TRANSLATORS: subtitle of the moisture chart: "籼稻谷, safe moisture from GB 1350-2009" */
      self->subtitles[GR_BIN_HISTORY_MOISTURE] = g_strdup_printf (_("%s, safe moisture from %s"), safe->name,
                                                                  safe->source);
    }
  else
    self->subtitles[GR_BIN_HISTORY_MOISTURE] = g_strdup (_("No safe moisture held for this grain"));

  if (table != NULL && has_pests)
    {
      double most = 0;

      for (guint i = 0; i < points->len; i++)
        most = MAX (most, ((GrReadingPoint *) points->pdata[i])->pests_per_kg);
      /* TRANSLATORS: threshold line of the pest chart: the most pests of 基本无虫粮 */
      add_line (self, GR_BIN_HISTORY_PESTS, table->free_total_max.milli / 1000.0, g_strdup (_("Basically pest-free")),
                GR_CHART_COLOR_SUCCESS);
      /* The 严重虫粮 line only when near it: it would flatten the bars. */
      if (most > table->general_total_max.milli / 2000.0)
        add_line (self, GR_BIN_HISTORY_PESTS, table->general_total_max.milli / 1000.0,
                  g_strdup (_("Seriously infested above")), GR_CHART_COLOR_ERROR);
    }
  self->subtitles[GR_BIN_HISTORY_PESTS] = g_strdup (table ? table->standard : NULL);
  return self;
}

void
gr_bin_history_free (GrBinHistory *self)
{
  if (self == NULL)
    return;
  for (guint c = 0; c < GR_BIN_HISTORY_N_CHARTS; c++)
    {
      g_clear_object (&self->data[c]);
      g_clear_pointer (&self->lines[c], g_array_unref);
      g_free (self->subtitles[c]);
    }
  g_free (self->bin);
  g_free (self->note);
  g_free (self);
}

const char *
gr_bin_history_get_bin (GrBinHistory *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->bin;
}

void
gr_bin_history_show (GrBinHistory  *self,
                     GtkLabel      *note,
                     GrChart      **charts,
                     GrChartFrame **frames)
{
  g_return_if_fail (self != NULL);

  gtk_label_set_label (note, self->note);
  for (guint c = 0; c < GR_BIN_HISTORY_N_CHARTS; c++)
    {
      GrThresholdLayer *layer = GR_THRESHOLD_LAYER (gr_chart_find_layer (charts[c], GR_TYPE_THRESHOLD_LAYER));

      gr_threshold_layer_clear (layer);
      for (guint i = 0; i < self->lines[c]->len; i++)
        {
          const Line *line = &g_array_index (self->lines[c], Line, i);

          gr_threshold_layer_add_line (layer, line->value, line->label, line->color);
        }
      gr_chart_set_data (charts[c], self->data[c]);
      gr_chart_frame_set_subtitle (frames[c], self->subtitles[c]);
    }
}
