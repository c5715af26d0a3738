/* gr-inspection-judge.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-inspection"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "gr-inspection-judge.h"

static const char * const pest_class_names[] = { "basically_free", "general", "serious", "dangerous", NULL };

const char *
gr_pest_class_to_string (GrPestClass pest_class)
{
  g_return_val_if_fail (pest_class <= GR_PEST_DANGEROUS, NULL);
  return pest_class_names[pest_class];
}

gboolean
gr_pest_class_from_string (const char  *text,
                           GrPestClass *out)
{
  for (guint i = 0; pest_class_names[i] != NULL; i++)
    if (g_strcmp0 (text, pest_class_names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
gr_pest_class_name (const char *pest_class)
{
  GrPestClass value;

  if (!gr_pest_class_from_string (pest_class, &value))
    return pest_class != NULL ? pest_class : "";
  switch (value)
    {
    case GR_PEST_BASICALLY_FREE:
      /* TRANSLATORS: a pest class of stored grain: 基本无虫粮 */
      return _("Basically pest-free");
    case GR_PEST_GENERAL:
      /* TRANSLATORS: a pest class of stored grain: 一般虫粮 */
      return _("Generally infested");
    case GR_PEST_SERIOUS:
      /* TRANSLATORS: a pest class of stored grain: 严重虫粮 */
      return _("Seriously infested");
    case GR_PEST_DANGEROUS:
      /* TRANSLATORS: a pest class of stored grain: 危险虫粮 (quarantine pests found) */
      return _("Dangerously infested");
    default:
      g_return_val_if_reached ("");
    }
}

static gint64
to_milli (double value)
{
  return (gint64) llround (value * 1000.0);
}

gboolean
gr_pest_class_judge (const GrPestClassTable *table,
                     double                  total,
                     double                  main,
                     gboolean                dangerous,
                     GrPestClass            *out)
{
  GrPestClass by_total = GR_PEST_BASICALLY_FREE, by_main = GR_PEST_BASICALLY_FREE;

  if (dangerous)
    {
      *out = GR_PEST_DANGEROUS;
      return TRUE;
    }
  if (table == NULL || (isnan (total) && isnan (main)))
    return FALSE;

  if (!isnan (total))
    {
      gint64 t = to_milli (total);

      by_total = t <= table->free_total_max.milli ? GR_PEST_BASICALLY_FREE
               : t <= table->general_total_max.milli ? GR_PEST_GENERAL
               : GR_PEST_SERIOUS;
    }
  if (!isnan (main))
    {
      gint64 m = to_milli (main);

      by_main = m <= table->free_main_max.milli ? GR_PEST_BASICALLY_FREE
              : m <= table->general_main_max.milli ? GR_PEST_GENERAL
              : GR_PEST_SERIOUS;
    }
  *out = MAX (by_total, by_main);
  return TRUE;
}

void
gr_reading_values_init (GrReadingValues *values)
{
  values->temp_max_c = values->temp_avg_c = values->temp_min_c = NAN;
  values->moisture_pct = values->pests_per_kg = values->main_pests_per_kg = NAN;
  values->pest_class = NULL;
}

void
gr_alarm_free (GrAlarm *alarm)
{
  if (alarm == NULL)
    return;
  g_free (alarm->text);
  g_free (alarm);
}

static GrAlarm *
alarm_new (GrAlarmKind        kind,
           double             value,
           const GrThreshold *limit,
           const char        *standard)
{
  GrAlarm *alarm = g_new0 (GrAlarm, 1);

  alarm->kind = kind;
  alarm->value = value;
  alarm->limit = limit != NULL ? limit->milli / 1000.0 : NAN;
  alarm->status = limit != NULL ? limit->status : GR_STATUS_VERIFIED;
  alarm->standard = standard;
  return alarm;
}

/* A value above a limit held in thousandths. */
static gboolean
above (double             value,
       const GrThreshold *limit)
{
  return !isnan (value) && to_milli (value) > limit->milli;
}

GPtrArray *
gr_reading_alarms (GrStandards           *standards,
                   const char            *storage_tech,
                   const char            *variety,
                   const GrReadingValues *values)
{
  GPtrArray *alarms = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_alarm_free);
  const GrTemperatureRegime *regime = storage_tech ? gr_standards_temperature_regime (standards, storage_tech) : NULL;
  const GrSafeMoisture *safe = variety ? gr_standards_safe_moisture (standards, variety) : NULL;
  GrPestClass pest_class;

  if (regime != NULL && regime->has_avg_max && above (values->temp_avg_c, &regime->avg_max))
    {
      GrAlarm *alarm = alarm_new (GR_ALARM_TEMP_AVG, values->temp_avg_c, &regime->avg_max, regime->standard);

      /* TRANSLATORS: an alarm: "average grain temperature 21.5 °C above 20 °C (准低温储藏, GB/T 29890-2013)" */
      alarm->text = g_strdup_printf (_("Average grain temperature %.1f °C above %g °C (%s, %s)"),
                                     values->temp_avg_c, alarm->limit, regime->name, regime->standard);
      g_ptr_array_add (alarms, alarm);
    }
  if (regime != NULL && regime->has_local_max && above (values->temp_max_c, &regime->local_max))
    {
      GrAlarm *alarm = alarm_new (GR_ALARM_TEMP_MAX, values->temp_max_c, &regime->local_max, regime->standard);

      /* TRANSLATORS: an alarm: "highest grain temperature 26.0 °C above 25 °C (准低温储藏, GB/T 29890-2013)" */
      alarm->text = g_strdup_printf (_("Highest grain temperature %.1f °C above %g °C (%s, %s)"),
                                     values->temp_max_c, alarm->limit, regime->name, regime->standard);
      g_ptr_array_add (alarms, alarm);
    }
  if (safe != NULL && above (values->moisture_pct, &safe->max))
    {
      GrAlarm *alarm = alarm_new (GR_ALARM_MOISTURE, values->moisture_pct, &safe->max, safe->source);

      /* TRANSLATORS: an alarm: "moisture 14.2 % above the safe 13.5 % (籼稻谷, GB 1350-2009)" */
      alarm->text = g_strdup_printf (_("Moisture %.1f %% above the safe %g %% (%s, %s)"),
                                     values->moisture_pct, alarm->limit, safe->name, safe->source);
      g_ptr_array_add (alarms, alarm);
    }
  if (gr_pest_class_from_string (values->pest_class, &pest_class) && pest_class >= GR_PEST_SERIOUS)
    {
      const GrPestClassTable *table = gr_standards_pest_classes (standards);
      GrAlarm *alarm = alarm_new (GR_ALARM_PESTS, values->pests_per_kg, NULL,
                                  table != NULL ? table->standard : NULL);

      if (table != NULL && pest_class == GR_PEST_SERIOUS)
        alarm->status = table->general_total_max.status;
      /* TRANSLATORS: an alarm: the pest class, e.g. "严重虫粮: treat the grain" */
      alarm->text = g_strdup_printf (_("%s: the grain needs treatment"),
                                     gr_pest_class_name (gr_pest_class_to_string (pest_class)));
      g_ptr_array_add (alarms, alarm);
    }
  return alarms;
}

gboolean
gr_quantity_check_judge (const GrStockCheckRule *rule,
                         gint64                  measured_kg,
                         gint64                  book_kg,
                         GrQuantityJudgement    *out)
{
  gint64 difference;

  if (rule == NULL || measured_kg < 0 || book_kg < 0)
    return FALSE;

  difference = measured_kg - book_kg;
  out->measured_kg = measured_kg;
  out->book_kg = book_kg;
  out->difference_kg = difference;
  out->difference_pct = book_kg > 0 ? 100.0 * (double) difference / (double) book_kg : NAN;
  out->tolerance_milli = rule->tolerance.milli;
  out->status = rule->tolerance.status;
  /* |d| / book ≤ tolerance % ⇔ |d| × 100 000 ≤ tolerance‰ × book, in
   * integers (kg below 10^11, so no overflow). An empty book allows
   * nothing but an empty bin. */
  out->within = llabs (difference) * 100000 <= rule->tolerance.milli * book_kg;
  return TRUE;
}
