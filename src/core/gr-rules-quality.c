/* gr-rules-quality.c: quality.storage, quality.grade, storage.segregation
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-rules-private.h"

/* Dongguan 第十六条: reserve grain stays 宜存. */
void
gr_rules_quality_storage (GrRulesContext     *ctx,
                          const GrRuleParams *params)
{
  for (guint i = 0; i < ctx->lots->len; i++)
    {
      RuleLot *lot = ctx->lots->pdata[i];
      const char *name;
      GrFinding *finding;
      char *message;

      if (lot->storage_quality == 0 || gr_rules_lot_as_of_kg (lot) <= 0)
        continue;
      name = gr_rules_lot_name (lot);
      if (lot->storage_quality == 2)
        /* TRANSLATORS: lot → "城南库 P01仓 中晚籼稻：储存品质为重度不宜存" */
        message = g_strdup_printf (_("%s: storage quality is severely unsuitable for storage"), name);
      else
        /* TRANSLATORS: lot → "城南库 P01仓 中晚籼稻：储存品质为轻度不宜存" */
        message = g_strdup_printf (_("%s: storage quality is slightly unsuitable for storage"), name);
      finding = gr_rules_emit (ctx, GR_RULE_QUALITY_STORAGE, GR_SEVERITY_VIOLATION, "lot", lot->id,
                               GR_DAY_NONE, message);
      gr_rules_about_lot (finding, lot);
    }
}

/* The stricter (smaller) of the plan's required grade and the profile's
 * minimum for the class; 0 when neither sets one. */
static int
required_grade (const GrRuleParams *params,
                RuleLot            *lot)
{
  int plan = lot->plan->required_grade;
  int profile = params->min_grade[lot->klass];

  if (plan > 0 && profile > 0)
    return MIN (plan, profile);
  return plan > 0 ? plan : profile;
}

void
gr_rules_quality_grade (GrRulesContext     *ctx,
                        const GrRuleParams *params)
{
  for (guint i = 0; i < ctx->lots->len; i++)
    {
      RuleLot *lot = ctx->lots->pdata[i];
      RulePlan *plan = lot->plan;
      int required = required_grade (params, lot);
      const char *name;
      g_autofree char *required_name = NULL;
      GrFinding *finding;
      char *message;

      if ((params->classes & GR_CLASS_BIT (plan->klass)) == 0 ||
          (params->rotation_modes & plan->rotation_mode) == 0 ||
          gr_rules_lot_as_of_kg (lot) <= 0)
        continue;
      /* An untested lot (no grade, not substandard) gives nothing. */
      if (!lot->substandard && (lot->grade == 0 || required == 0 || lot->grade <= required))
        continue;

      name = gr_rules_lot_name (lot);
      if (lot->substandard)
        /* TRANSLATORS: lot → "城南库 P01仓 中晚籼稻：等级为等外" */
        message = g_strdup_printf (_("%s: the grain is substandard"), name);
      else
        {
          g_autofree char *grade_name = gr_variety_grade_name (lot->variety, lot->grade);

          required_name = gr_variety_grade_name (lot->variety, required);
          /* TRANSLATORS: lot, its grade, the required grade → "城南库 P01仓 中晚籼稻：等级为四等，低于要求的三等" */
          message = g_strdup_printf (_("%s: grade %s is below the required %s"), name, grade_name, required_name);
        }
      finding = gr_rules_emit (ctx, GR_RULE_QUALITY_GRADE, GR_SEVERITY_VIOLATION, "lot", lot->id,
                               GR_DAY_NONE, message);
      gr_rules_about_lot (finding, lot);
    }
}

/* ---- storage.segregation ------------------------------------------------- */

static const char *
rotation_mode_name (guint mode)
{
  switch (mode)
    {
    /* TRANSLATORS: 静态轮换 */
    case GR_ROTATION_STATIC:     return _("static rotation");
    /* TRANSLATORS: 自主轮换 */
    case GR_ROTATION_AUTONOMOUS: return _("autonomous rotation");
    /* TRANSLATORS: 动态轮换 */
    case GR_ROTATION_DYNAMIC:    return _("dynamic rotation");
    default:                     return "—";
    }
}

static const char *
attribute_name (GrSegregationFlags attribute)
{
  switch (attribute)
    {
    /* TRANSLATORS: lot attributes that must not mix in one bin (第二十五条): 品种 */
    case GR_SEGREGATE_VARIETY:       return _("variety");
    /* TRANSLATORS: 年份 */
    case GR_SEGREGATE_HARVEST_YEAR:  return _("harvest year");
    /* TRANSLATORS: 生产日期 */
    case GR_SEGREGATE_PRODUCED_ON:   return _("production date");
    /* TRANSLATORS: 等级 */
    case GR_SEGREGATE_GRADE:         return _("grade");
    /* TRANSLATORS: 权属 */
    case GR_SEGREGATE_OWNER:         return _("owner");
    /* TRANSLATORS: 轮换方式 */
    case GR_SEGREGATE_ROTATION_MODE: return _("rotation mode");
    /* TRANSLATORS: 包装 */
    case GR_SEGREGATE_PACKAGED:      return _("packaging");
    default:                         g_return_val_if_reached ("?");
    }
}

/* The attribute as people read it; a null attribute shows as "—". */
static char *
attribute_value (GrSegregationFlags  attribute,
                 RuleLot            *lot)
{
  switch (attribute)
    {
    case GR_SEGREGATE_VARIETY:
      return g_strdup (gr_variety_name (lot->variety));
    case GR_SEGREGATE_HARVEST_YEAR:
      return lot->harvest_year ? g_strdup_printf ("%d", lot->harvest_year) : g_strdup ("—");
    case GR_SEGREGATE_PRODUCED_ON:
      return lot->produced_on ? gr_day_to_iso (lot->produced_on) : g_strdup ("—");
    case GR_SEGREGATE_GRADE:
      if (lot->substandard)
        return g_strdup (_("Substandard"));
      return lot->grade ? gr_variety_grade_name (lot->variety, lot->grade) : g_strdup ("—");
    case GR_SEGREGATE_OWNER:
      return g_strdup (lot->owner);
    case GR_SEGREGATE_ROTATION_MODE:
      return g_strdup (rotation_mode_name (lot->rotation_mode));
    case GR_SEGREGATE_PACKAGED:
      if (lot->packaged)
        /* TRANSLATORS: of grain or oil: 小包装 */
        return g_strdup (_("packaged"));
      /* TRANSLATORS: of grain or oil: 散装 */
      return g_strdup (_("bulk"));
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
attribute_equal (GrSegregationFlags  attribute,
                 RuleLot            *a,
                 RuleLot            *b)
{
  switch (attribute)
    {
    case GR_SEGREGATE_VARIETY:       return a->variety == b->variety;
    case GR_SEGREGATE_HARVEST_YEAR:  return a->harvest_year == b->harvest_year;
    case GR_SEGREGATE_PRODUCED_ON:   return a->produced_on == b->produced_on;
    case GR_SEGREGATE_GRADE:         return a->grade == b->grade && a->substandard == b->substandard;
    case GR_SEGREGATE_OWNER:         return g_strcmp0 (a->owner, b->owner) == 0;
    case GR_SEGREGATE_ROTATION_MODE: return a->rotation_mode == b->rotation_mode;
    case GR_SEGREGATE_PACKAGED:      return a->packaged == b->packaged;
    default:                         g_return_val_if_reached (TRUE);
    }
}

static int
compare_lot_ids (gconstpointer a,
                 gconstpointer b)
{
  return strcmp ((*(RuleLot * const *) a)->id, (*(RuleLot * const *) b)->id);
}

/* Dongguan 第二十五条: raw grain of one year, variety, grade, owner and
 * rotation mode per bin; finished grain of one owner and rotation mode. */
void
gr_rules_storage_segregation (GrRulesContext     *ctx,
                              const GrRuleParams *params)
{
  for (guint i = 0; i < ctx->bins->len; i++)
    {
      RuleBin *bin = ctx->bins->pdata[i];
      g_autoptr(GPtrArray) held = g_ptr_array_new ();
      g_autofree char *where = NULL;
      RuleLot *first, *other = NULL;
      GrSegregationFlags differs = 0;
      GrFinding *finding;
      char *message;

      for (guint j = 0; j < bin->lots->len; j++)
        if (gr_rules_lot_as_of_kg (bin->lots->pdata[j]) > 0)
          g_ptr_array_add (held, bin->lots->pdata[j]);
      if (held->len < 2)
        continue;
      g_ptr_array_sort (held, compare_lot_ids);

      /* Equality is transitive, so comparing with the first lot finds any
       * pair that differs. */
      first = held->pdata[0];
      for (guint j = 1; j < held->len && other == NULL; j++)
        {
          RuleLot *lot = held->pdata[j];

          if (lot->klass != first->klass)
            {
              other = lot;
              break;
            }
          for (guint bit = 0; gr_segregation_names[bit] != NULL; bit++)
            {
              GrSegregationFlags attribute = 1u << bit;

              if ((params->segregation[first->klass] & attribute) != 0 && !attribute_equal (attribute, first, lot))
                {
                  differs = attribute;
                  other = lot;
                  break;
                }
            }
        }
      if (other == NULL)
        continue;

      /* TRANSLATORS: a bin named by depot and code → "城南库 P01仓" */
      where = g_strdup_printf (_("%s bin %s"), bin->depot ? bin->depot->name : "?", bin->code);
      if (differs == 0)
        /* TRANSLATORS: bin, number of lots, one class, another class →
         * "城南库 P01仓：存放 2 个货位，原粮与成品粮混存" */
        message = g_strdup_printf (_("%s: holds %u lots of different classes (%s and %s)"),
                                   where, held->len, gr_grain_class_name (first->klass), gr_grain_class_name (other->klass));
      else
        {
          g_autofree char *a = attribute_value (differs, first);
          g_autofree char *b = attribute_value (differs, other);

          /* TRANSLATORS: bin, number of lots, the attribute, one value, another value →
           * "城南库 P01仓：存放 2 个货位，权属不同（municipal、provincial），未专仓储存" */
          message = g_strdup_printf (_("%s: holds %u lots of different %s (%s and %s)"),
                                     where, held->len, attribute_name (differs), a, b);
        }
      finding = gr_rules_emit (ctx, GR_RULE_STORAGE_SEGREGATION, GR_SEVERITY_VIOLATION, "bin", bin->id,
                               GR_DAY_NONE, message);
      finding->subject_name = g_strdup (where);
      if (bin->depot != NULL)
        {
          finding->depot = g_strdup (bin->depot->id);
          gr_rules_about_enterprise (finding, bin->depot->enterprise);
        }
      finding->variety = g_strdup (first->variety);
    }
}
