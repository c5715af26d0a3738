/* gr-grading.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-grading"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gr-error.h"
#include "gr-grading.h"

/* Physical ranges of the indicators: input checks, not thresholds of a
 * standard (a percentage cannot pass 100, nor grain weigh 5 kg a litre). */
typedef struct {
  const char *key;
  double      min, max;
} IndicatorRange;

static const IndicatorRange ranges[] = {
  { "husked_rice_yield_pct", 0, 100 },
  { "head_rice_yield_pct", 0, 100 },
  { "test_weight_g_per_l", 0, 1200 },
  { "unsound_kernel_pct", 0, 100 },
  { "mildew_kernel_pct", 0, 100 },
  { "whole_kernel_pct", 0, 100 },
  { "moisture_pct", 0, 100 },
  { "impurity_pct", 0, 100 },
  { "mineral_impurity_pct", 0, 100 },
  { "yellow_kernel_pct", 0, 100 },
  { "husked_outside_pct", 0, 100 },
  { "fatty_acid_value", 0, 1000 },
  { "taste_score", 0, 100 },
  { "gluten_water_absorption_pct", 0, 1000 },
};

gboolean
gr_indicator_range (const char *key,
                    double     *out_min,
                    double     *out_max)
{
  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    if (g_strcmp0 (ranges[i].key, key) == 0)
      {
        *out_min = ranges[i].min;
        *out_max = ranges[i].max;
        return TRUE;
      }
  return FALSE;
}

const char *
gr_indicator_name (const char *key)
{
  static const struct { const char *key; const char *name; } names[] = {
    { "husked_rice_yield_pct", N_("Husked rice yield") },
    { "head_rice_yield_pct", N_("Head rice yield") },
    { "test_weight_g_per_l", N_("Test weight") },
    { "unsound_kernel_pct", N_("Unsound kernels") },
    { "mildew_kernel_pct", N_("Mildewed kernels") },
    { "whole_kernel_pct", N_("Whole kernels") },
    { "moisture_pct", N_("Moisture") },
    { "impurity_pct", N_("Impurities") },
    { "mineral_impurity_pct", N_("Mineral impurities") },
    { "yellow_kernel_pct", N_("Yellow kernels") },
    { "husked_outside_pct", N_("Husked kernels in paddy") },
    { "fatty_acid_value", N_("Fatty acid value") },
    { "taste_score", N_("Tasting score") },
    { "gluten_water_absorption_pct", N_("Gluten water absorption") },
    { "color_odor", N_("Colour and odour") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (names[i].key, key) == 0)
      return _(names[i].name);
  return key;
}

static int
color_odor_index (const char *text)
{
  for (int i = 0; gr_color_odor_values[i] != NULL; i++)
    if (g_strcmp0 (gr_color_odor_values[i], text) == 0)
      return i;
  return -1;
}

gboolean
gr_grading_check_indicators (JsonObject  *indicators,
                             GError     **error)
{
  g_autoptr(GList) members = json_object_get_members (indicators);

  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *node = json_object_get_member (indicators, key);
      const IndicatorRange *range = NULL;
      double value;

      if (strcmp (key, "color_odor") == 0)
        {
          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
              color_odor_index (json_node_get_string (node)) < 0)
            {
              g_set_error (error, GR_ERROR, GR_ERROR_INVALID,
                           _("indicator “color_odor” must be normal, basically_normal or abnormal"));
              return FALSE;
            }
          continue;
        }
      for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
        if (strcmp (ranges[i].key, key) == 0)
          range = &ranges[i];
      if (range == NULL)
        {
          g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("unknown indicator “%s”"), key);
          return FALSE;
        }
      if (JSON_NODE_HOLDS_NULL (node))
        continue;
      if (!JSON_NODE_HOLDS_VALUE (node) ||
          (json_node_get_value_type (node) != G_TYPE_DOUBLE && json_node_get_value_type (node) != G_TYPE_INT64))
        {
          g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("indicator “%s” must be a number"), key);
          return FALSE;
        }
      value = json_node_get_double (node);
      if (!isfinite (value) || value < range->min || value > range->max)
        {
          g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("indicator “%s” is %g, outside %g–%g"),
                       key, value, range->min, range->max);
          return FALSE;
        }
    }
  return TRUE;
}

/* The value of a numeric indicator × 1000, FALSE when not given. */
static gboolean
get_milli (JsonObject *indicators,
           const char *key,
           gint64     *out)
{
  JsonNode *node = json_object_get_member (indicators, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) == G_TYPE_STRING)
    return FALSE;
  *out = (gint64) llround (json_node_get_double (node) * 1000.0);
  return TRUE;
}

static gboolean
passes (GrBound bound,
        gint64  value,
        gint64  threshold)
{
  return bound == GR_BOUND_MIN ? value >= threshold : value <= threshold;
}

/* The grade one ladder gives (n + 1: 等外); *unconfirmed is set when a
 * threshold that decided it (the one passed, the one above it failed) is
 * unconfirmed. */
static int
ladder_grade (const GrLadder *ladder,
              int             n_grades,
              gint64          value,
              gboolean       *unconfirmed)
{
  int g;

  for (g = 1; g <= n_grades; g++)
    if (passes (ladder->bound, value, ladder->values[g - 1].milli))
      break;
  if (g <= n_grades && ladder->values[g - 1].status == GR_STATUS_UNCONFIRMED)
    *unconfirmed = TRUE;
  if (g >= 2 && ladder->values[g - 2].status == GR_STATUS_UNCONFIRMED)
    *unconfirmed = TRUE;
  return g;
}

static void
judge_grade (const GrGradingTable *table,
             JsonObject           *indicators,
             GrJudgement          *out)
{
  int worst = 0;

  for (guint i = 0; i < table->n_ladders; i++)
    {
      gint64 value;

      if (!get_milli (indicators, table->ladders[i].indicator, &value))
        {
          /* Without the grading indicator itself there is no grade. */
          if (i == 0)
            return;
          continue;
        }
      worst = MAX (worst, ladder_grade (&table->ladders[i], table->n_grades, value, &out->grade_unconfirmed));
    }
  if (worst == 0)
    return;
  out->graded = TRUE;
  out->substandard = worst > table->n_grades;
  out->grade = out->substandard ? 0 : worst;
}

static void
limit_failed (GrJudgement *out,
              const char  *indicator)
{
  out->limits_met = FALSE;
  if (out->n_failed < GR_GRADING_MAX_FAILED)
    out->failed[out->n_failed++] = indicator;
}

static void
judge_limits (const GrGradingTable *table,
              JsonObject           *indicators,
              GrJudgement          *out)
{
  out->limits_met = TRUE;
  for (guint i = 0; i < table->n_limits; i++)
    {
      const GrLimit *limit = &table->limits[i];
      const GrThreshold *threshold = &limit->value;
      gint64 value;

      if (limit->bound == GR_BOUND_ALLOWED)
        {
          JsonNode *node = json_object_get_member (indicators, limit->indicator);
          int index;

          if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
            continue;
          index = color_odor_index (json_node_get_string (node));
          out->limits_checked++;
          out->limits_unconfirmed |= threshold->status == GR_STATUS_UNCONFIRMED;
          if (index < 0 || !(limit->allowed & (1u << index)))
            limit_failed (out, limit->indicator);
          continue;
        }
      if (!get_milli (indicators, limit->indicator, &value))
        continue;
      if (limit->per_grade)
        {
          /* A per-grade requirement (整精米率) applies to the grade given;
           * 等外 or an ungraded test has none. */
          if (!out->graded || out->substandard)
            continue;
          threshold = &limit->values[out->grade - 1];
        }
      out->limits_checked++;
      out->limits_unconfirmed |= threshold->status == GR_STATUS_UNCONFIRMED;
      if (!passes (limit->bound, value, threshold->milli))
        limit_failed (out, limit->indicator);
    }
  if (out->limits_checked == 0)
    out->limits_met = FALSE;
}

static void
judge_storage (const GrStorageTable *table,
               JsonObject           *indicators,
               GrJudgement          *out)
{
  out->storage_quality = GR_STORAGE_SUITABLE;
  for (guint i = 0; i < table->n_indicators; i++)
    {
      const GrStorageIndicator *ind = &table->indicators[i];
      GrStorageQuality quality;
      gint64 value;

      if (ind->bound == GR_BOUND_ALLOWED)
        {
          JsonNode *node = json_object_get_member (indicators, ind->indicator);
          int index;

          if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
            continue;
          index = color_odor_index (json_node_get_string (node));
          if (index < 0 || !(ind->categories & (1u << index)))
            continue;
          quality = ind->category_quality[index];
          out->storage_unconfirmed |= ind->category_status[index] == GR_STATUS_UNCONFIRMED;
        }
      else
        {
          if (!get_milli (indicators, ind->indicator, &value))
            continue;
          out->storage_unconfirmed |= ind->suitable.status == GR_STATUS_UNCONFIRMED;
          if (passes (ind->bound, value, ind->suitable.milli))
            quality = GR_STORAGE_SUITABLE;
          else if (!ind->has_slightly)
            quality = GR_STORAGE_SLIGHTLY_UNSUITABLE;
          else
            {
              out->storage_unconfirmed |= ind->slightly.status == GR_STATUS_UNCONFIRMED;
              quality = passes (ind->bound, value, ind->slightly.milli) ? GR_STORAGE_SLIGHTLY_UNSUITABLE
                                                                         : GR_STORAGE_SEVERELY_UNSUITABLE;
            }
        }
      if (!out->has_storage || quality > out->storage_quality)
        {
          out->storage_decider = ind->indicator;
          out->storage_quality = quality;
        }
      out->has_storage = TRUE;
    }
}

gboolean
gr_grading_judge (GrStandards  *standards,
                  const char   *variety,
                  const char   *standard,
                  const char   *date,
                  JsonObject   *indicators,
                  GrJudgement  *out,
                  GError      **error)
{
  const GrGradingTable *table;
  const GrStorageTable *storage;
  int year = date != NULL ? atoi (date) : 0;

  g_return_val_if_fail (standards != NULL, FALSE);
  g_return_val_if_fail (indicators != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  if (!gr_grading_check_indicators (indicators, error))
    return FALSE;

  table = gr_standards_find_grading (standards, standard, variety);
  if (table == NULL && (table = gr_standards_latest_grading (standards, variety)) != NULL)
    out->edition_fallback = TRUE;
  if (table != NULL)
    {
      out->grading_edition = table->standard;
      judge_grade (table, indicators, out);
      judge_limits (table, indicators, out);
    }
  if ((storage = gr_standards_find_storage (standards, variety, year)) != NULL)
    {
      out->storage_edition = storage->standard;
      judge_storage (storage, indicators, out);
    }
  out->unconfirmed = out->edition_fallback || out->grade_unconfirmed ||
                     (out->limits_checked > 0 && out->limits_unconfirmed) ||
                     (out->has_storage && out->storage_unconfirmed);
  return TRUE;
}
