/* gr-rotation-rules.c: the rule figures a rotation item is held to
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-rotation"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-format.h"
#include "gr-rotation-plan.h"
#include "gr-rotation-private.h"

static guint
variety_bit (const char *variety)
{
  const char * const *codes = gr_variety_codes ();

  for (guint i = 0; codes[i] != NULL; i++)
    if (g_strcmp0 (codes[i], variety) == 0)
      return 1u << i;
  return 0;
}

int
gr_rotation_date_month (const char *iso)
{
  GDate date;

  if (iso == NULL || !gr_date_parse (iso, &date))
    return -1;
  return GR_MONTH_INDEX (g_date_get_year (&date), g_date_get_month (&date));
}

void
gr_rotation_lot_limits (GrProfile        *profile,
                        const GrLotFacts *facts,
                        GrLotLimits      *out)
{
  const GrRuleParams *age = gr_profile_get_rule (profile, GR_RULE_AGE_LIMIT);
  const GrRuleParams *shelf = gr_profile_get_rule (profile, GR_RULE_SHELF_LIFE);
  GrGrainClass klass = gr_variety_class (facts->variety);
  int entered = gr_rotation_date_month (facts->entered_on);

  out->age_month = GR_MONTH_NONE;
  out->age_years = 0;
  out->shelf_month = GR_MONTH_NONE;
  out->shelf_days = 0;
  out->expiry[0] = '\0';

  /* The first matching limit applies, as in the age.limit rule. Its
   * permitted delay (Nanchang 第三十七条) is not used: a delay is an
   * exception the company must justify. Zhongshan 第十八条: approved
   * packaged finished grain in a (quasi-)low-temperature bin is held to
   * its shelf life only. */
  if (age != NULL && entered >= 0 &&
      !(age->delay_approved_low_temp && klass == GR_CLASS_FINISHED && facts->packaged &&
        facts->delay_approved && facts->low_temp_bin))
    {
      guint bit = variety_bit (facts->variety);

      for (guint i = 0; i < age->n_limits; i++)
        {
          const GrAgeLimit *limit = &age->limits[i];

          if ((limit->varieties & bit) != 0 &&
              (limit->packaged < 0 || limit->packaged == (facts->packaged ? 1 : 0)))
            {
              out->age_years = limit->years;
              out->age_month = entered + limit->years * 12;
              break;
            }
        }
    }

  /* shelf_life: a violation on and after produced_on + shelf_life_days,
   * so the whole month it falls in is too late to start rotating. */
  if (shelf != NULL && facts->produced_on != NULL && facts->shelf_life_days > 0)
    {
      GDate date;

      if (gr_date_parse (facts->produced_on, &date))
        {
          g_autofree char *iso = NULL;

          g_date_add_days (&date, (guint) facts->shelf_life_days);
          out->shelf_month = GR_MONTH_INDEX (g_date_get_year (&date), g_date_get_month (&date));
          out->shelf_days = facts->shelf_life_days;
          iso = gr_date_to_iso (&date);
          g_strlcpy (out->expiry, iso, sizeof out->expiry);
        }
    }
}

int
gr_rotation_limit_month (const GrLotLimits *limits)
{
  return MIN (limits->age_month, limits->shelf_month);
}

gboolean
gr_rotation_mode_is_dynamic (const char *plan_mode)
{
  return g_strcmp0 (plan_mode, "dynamic") == 0;
}

int
gr_rotation_vacancy_months (GrProfile    *profile,
                            GrGrainClass  klass,
                            const char   *plan_mode,
                            gboolean      extension)
{
  const GrRuleParams *vacancy = gr_profile_get_rule (profile, GR_RULE_ROTATION_VACANCY);
  guint mode_bit = 0;

  if (vacancy == NULL)
    return -1;
  for (guint i = 0; gr_rotation_mode_names[i] != NULL; i++)
    if (g_strcmp0 (gr_rotation_mode_names[i], plan_mode) == 0)
      mode_bit = 1u << i;
  if ((vacancy->classes & GR_CLASS_BIT (klass)) == 0 || (vacancy->rotation_modes & mode_bit) == 0)
    return -1;
  return vacancy->months + (extension ? vacancy->extension_months : 0);
}

char *
gr_rotation_lot_label (GrStore    *store,
                       const char *lot)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store,
    "SELECT d.name, b.code, l.variety FROM lots l LEFT JOIN bins b ON b.id = l.bin"
    "  LEFT JOIN depots d ON d.id = b.depot WHERE l.id = ?1", NULL);
  const char *depot, *bin, *variety;

  if (stmt == NULL)
    return g_strdup (lot);
  sqlite3_bind_text (stmt, 1, lot, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return g_strdup (lot);
  depot = (const char *) sqlite3_column_text (stmt, 0);
  bin = (const char *) sqlite3_column_text (stmt, 1);
  variety = (const char *) sqlite3_column_text (stmt, 2);
  /* TRANSLATORS: a lot named by where it is and what it holds:
   * depot, bin code, variety → "城南库 P01仓 中晚籼稻" */
  return g_strdup_printf (_("%s bin %s %s"), depot ? depot : "?", bin ? bin : "?",
                          variety ? gr_variety_name (variety) : "?");
}

char *
gr_rotation_plan_label (GrStore    *store,
                        const char *plan)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store,
    "SELECT e.name, p.variety, p.quantity_kg FROM plans p LEFT JOIN enterprises e ON e.id = p.enterprise"
    " WHERE p.id = ?1", NULL);
  g_autofree char *quantity = NULL;
  const char *enterprise, *variety;

  if (stmt == NULL)
    return g_strdup (plan);
  sqlite3_bind_text (stmt, 1, plan, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return g_strdup (plan);
  enterprise = (const char *) sqlite3_column_text (stmt, 0);
  variety = (const char *) sqlite3_column_text (stmt, 1);
  quantity = gr_format_tonnes (sqlite3_column_int64 (stmt, 2));
  /* TRANSLATORS: a storage plan: enterprise, variety, quantity →
   * "市储备粮公司 中晚籼稻 计划 10,000 吨" */
  return g_strdup_printf (_("%s %s plan of %s"), enterprise ? enterprise : "?",
                          variety ? gr_variety_name (variety) : "?", quantity);
}
