/* gr-rules-age.c: age.limit, shelf_life, rotation.newer_in, intake.new_grain
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-rules"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gr-format.h"
#include "gr-rules-private.h"

static guint
variety_bit (const char *variety)
{
  const char * const *codes = gr_variety_codes ();

  for (guint i = 0; codes[i] != NULL; i++)
    if (g_str_equal (codes[i], variety))
      return 1u << i;
  return 0;
}

const GrAgeLimit *
gr_rules_lot_age_limit (const GrRuleParams *params,
                        RuleLot            *lot)
{
  guint bit = variety_bit (lot->variety);

  /* Zhongshan 第十八条: approved packaged finished grain in a low or
   * quasi-low temperature bin is held to its shelf life only. */
  if (params->delay_approved_low_temp && lot->klass == GR_CLASS_FINISHED && lot->packaged &&
      lot->delay_approved && lot->bin != NULL && lot->bin->low_temp)
    return NULL;

  for (guint i = 0; i < params->n_limits; i++)
    {
      const GrAgeLimit *limit = &params->limits[i];

      if ((limit->varieties & bit) != 0 &&
          (limit->packaged < 0 || limit->packaged == (lot->packaged ? 1 : 0)))
        return limit;
    }
  return NULL;
}

/* The last day of the month that is `months` after the one of day. */
static GrDay
end_of_month_after (GrDay day,
                    int   months)
{
  int y, m, d, index;

  gr_day_to_ymd (day, &y, &m, &d);
  index = y * 12 + m - 1 + months;
  return gr_day_month_end (index / 12, index % 12 + 1);
}

GrDay
gr_rules_age_deadline (RuleLot *lot,
                       int      months)
{
  if (lot->entered_on == GR_DAY_NONE)
    return GR_DAY_NONE;
  return end_of_month_after (lot->entered_on, months - 1);
}

GrDay
gr_rules_lot_expiry (RuleLot *lot)
{
  if (lot->produced_on == GR_DAY_NONE || lot->shelf_life_days <= 0)
    return GR_DAY_NONE;
  return lot->produced_on + (GrDay) lot->shelf_life_days;
}

/* DESIGN.md §4 age.limit: age in months counted from the entry month,
 * which is the first (当月起算, Zhongshan 第十八条). */
void
gr_rules_age_limit (GrRulesContext     *ctx,
                    const GrRuleParams *params)
{
  for (guint i = 0; i < ctx->lots->len; i++)
    {
      RuleLot *lot = ctx->lots->pdata[i];
      const GrAgeLimit *limit;
      int ey, em, ed, limit_months, delay_months, age;
      const char *name;
      g_autofree char *entered = NULL, *due_text = NULL;
      GrSeverity severity;
      GrDay due;
      GrFinding *finding;
      char *message;

      if (lot->entered_on == GR_DAY_NONE || gr_rules_lot_as_of_kg (lot) <= 0 ||
          (limit = gr_rules_lot_age_limit (params, lot)) == NULL)
        continue;

      gr_day_to_ymd (lot->entered_on, &ey, &em, &ed);
      age = (ctx->year - ey) * 12 + (ctx->month - em) + 1;
      limit_months = limit->years * 12;
      delay_months = limit->delay_years * 12;
      name = gr_rules_lot_name (lot);
      entered = g_strdup_printf ("%04d-%02d", ey, em);

      if (age > limit_months + delay_months)
        {
          severity = GR_SEVERITY_VIOLATION;
          due = gr_rules_age_deadline (lot, limit_months + delay_months);
          due_text = gr_day_to_iso (due);
          if (delay_months > 0)
            /* TRANSLATORS: lot, entry month, age in months, limit in years, delay in years, deadline →
             * "城南库 P01仓 早籼稻：2021-09 入库，已储存 50 个月，超过 3 年储存周期和 1 年延期，应于 2025-08-31 前轮换" */
            message = g_strdup_printf (_("%s: entered %s, stored %d months, beyond the %d-year limit and its %d-year delay; it was to be rotated by %s"),
                                       name, entered, age, limit->years, limit->delay_years, due_text);
          else
            /* TRANSLATORS: lot, entry month, age in months, limit in years, deadline →
             * "城南库 P01仓 中晚籼稻：2023-06 入库，已储存 38 个月，超过 3 年储存年限，应于 2026-05-31 前轮换" */
            message = g_strdup_printf (_("%s: entered %s, stored %d months, beyond the %d-year limit; it was to be rotated by %s"),
                                       name, entered, age, limit->years, due_text);
        }
      else if (age > limit_months)
        {
          severity = GR_SEVERITY_WARNING;
          due = gr_rules_age_deadline (lot, limit_months + delay_months);
          due_text = gr_day_to_iso (due);
          /* TRANSLATORS: lot, entry month, age in months, limit in years, delay in years, deadline →
           * "城南库 P01仓 早籼稻：2022-10 入库，已储存 38 个月，超过 3 年储存周期，处于 1 年延期轮换期内，应于 2026-09-30 前轮换" */
          message = g_strdup_printf (_("%s: entered %s, stored %d months, beyond the %d-year limit, in its %d-year delayed rotation; rotate by %s"),
                                     name, entered, age, limit->years, limit->delay_years, due_text);
        }
      else if (age > limit_months - params->horizon_months)
        {
          severity = GR_SEVERITY_WARNING;
          due = gr_rules_age_deadline (lot, limit_months);
          due_text = gr_day_to_iso (due);
          /* TRANSLATORS: lot, entry month, age in months, limit in years, deadline →
           * "城南库 P01仓 中晚籼稻：2023-11 入库，已储存 33 个月，3 年储存年限于 2026-10-31 届满" */
          message = g_strdup_printf (_("%s: entered %s, stored %d months; its %d-year limit ends on %s"),
                                     name, entered, age, limit->years, due_text);
        }
      else
        continue;

      finding = gr_rules_emit (ctx, GR_RULE_AGE_LIMIT, severity, "lot", lot->id, due, message);
      gr_rules_about_lot (finding, lot);
    }
}

void
gr_rules_shelf_life (GrRulesContext     *ctx,
                     const GrRuleParams *params)
{
  for (guint i = 0; i < ctx->lots->len; i++)
    {
      RuleLot *lot = ctx->lots->pdata[i];
      const char *name;
      g_autofree char *produced = NULL, *expiry_text = NULL;
      GrSeverity severity;
      GrFinding *finding;
      GrDay expiry;
      char *message;

      if ((expiry = gr_rules_lot_expiry (lot)) == GR_DAY_NONE || gr_rules_lot_as_of_kg (lot) <= 0)
        continue;
      if (ctx->as_of < expiry && (gint64) ctx->as_of < (gint64) expiry - params->horizon_days)
        continue;

      name = gr_rules_lot_name (lot);
      produced = gr_day_to_iso (lot->produced_on);
      expiry_text = gr_day_to_iso (expiry);
      if (ctx->as_of >= expiry)
        {
          severity = GR_SEVERITY_VIOLATION;
          /* TRANSLATORS: lot, production date, shelf life in days, expiry →
           * "城南库 A03仓 大米：2025-09-01 生产，保质期 365 天，已于 2026-09-01 过期" */
          message = g_strdup_printf (_("%s: produced %s with a shelf life of %d days, expired on %s"),
                                     name, produced, lot->shelf_life_days, expiry_text);
        }
      else
        {
          severity = GR_SEVERITY_WARNING;
          /* TRANSLATORS: lot, production date, shelf life in days, expiry, days left →
           * "城南库 A03仓 大米：2025-09-01 生产，保质期 365 天，将于 2026-09-01 到期（还剩 30 天）" */
          message = g_strdup_printf (_("%s: produced %s with a shelf life of %d days, expires on %s (%d days left)"),
                                     name, produced, lot->shelf_life_days, expiry_text, (int) (expiry - ctx->as_of));
        }
      finding = gr_rules_emit (ctx, GR_RULE_SHELF_LIFE, severity, "lot", lot->id, expiry, message);
      gr_rules_about_lot (finding, lot);
    }
}

static gboolean
entered_in_window (RuleLot *lot)
{
  return lot->entered_on != GR_DAY_NONE &&
         lot->entered_on >= lot->plan->win_start && lot->entered_on <= lot->plan->win_end;
}

/* Zhongshan 第十八条: grain rotated in is not older than what it replaces. */
void
gr_rules_rotation_newer_in (GrRulesContext     *ctx,
                            const GrRuleParams *params)
{
  for (guint i = 0; i < ctx->lots->len; i++)
    {
      RuleLot *lot = ctx->lots->pdata[i];
      RuleLot *old;
      const char *name, *old_name;
      GrFinding *finding;
      char *message;

      if (lot->replaces == NULL || !entered_in_window (lot) ||
          (old = gr_rules_find_lot (ctx, lot->replaces)) == NULL)
        continue;

      name = gr_rules_lot_name (lot);
      old_name = gr_rules_lot_name (old);
      if (lot->harvest_year != 0 && old->harvest_year != 0)
        {
          if (lot->harvest_year >= old->harvest_year)
            continue;
          /* TRANSLATORS: new lot, its harvest year, replaced lot, its harvest year →
           * "城南库 P02仓 中晚籼稻：轮入 2023 年产粮食，早于所替换的 城南库 P01仓 中晚籼稻（2024 年产）" */
          message = g_strdup_printf (_("%s: rotated in grain harvested in %d, older than %s which it replaces (harvested in %d)"),
                                     name, lot->harvest_year, old_name, old->harvest_year);
        }
      else if (lot->produced_on != GR_DAY_NONE && old->produced_on != GR_DAY_NONE)
        {
          g_autofree char *new_date = NULL, *old_date = NULL;

          if (lot->produced_on >= old->produced_on)
            continue;
          new_date = gr_day_to_iso (lot->produced_on);
          old_date = gr_day_to_iso (old->produced_on);
          /* TRANSLATORS: new lot, its production date, replaced lot, its production date →
           * "城南库 A04仓 大米：轮入 2025-05-01 加工的产品，早于所替换的 城南库 A03仓 大米（2025-06-01 加工）" */
          message = g_strdup_printf (_("%s: rotated in a product made on %s, older than %s which it replaces (made on %s)"),
                                     name, new_date, old_name, old_date);
        }
      else
        continue;

      finding = gr_rules_emit (ctx, GR_RULE_ROTATION_NEWER_IN, GR_SEVERITY_VIOLATION, "lot", lot->id,
                               GR_DAY_NONE, message);
      gr_rules_about_lot (finding, lot);
    }
}

/* Zhongshan 第十八条, Nanchang 第三十五条: raw grain comes in from the
 * latest harvest, so no earlier than the year before its entry year. */
void
gr_rules_intake_new_grain (GrRulesContext     *ctx,
                           const GrRuleParams *params)
{
  for (guint i = 0; i < ctx->lots->len; i++)
    {
      RuleLot *lot = ctx->lots->pdata[i];
      const char *name;
      g_autofree char *entered = NULL;
      GrFinding *finding;
      int ey, em, ed;
      char *message;

      if (lot->klass != GR_CLASS_RAW || lot->harvest_year == 0 || !entered_in_window (lot))
        continue;
      gr_day_to_ymd (lot->entered_on, &ey, &em, &ed);
      if (lot->harvest_year >= ey - 1)
        continue;

      name = gr_rules_lot_name (lot);
      entered = gr_day_to_iso (lot->entered_on);
      /* TRANSLATORS: lot, entry date, harvest year, earliest acceptable harvest year →
       * "城南库 P03仓 中晚籼稻：2026-04-10 入库的是 2023 年产粮食，不是最近生产季的新粮（应为 2025 年或以后）" */
      message = g_strdup_printf (_("%s: entered on %s with grain harvested in %d, not from the latest season (%d or later)"),
                                 name, entered, lot->harvest_year, ey - 1);
      finding = gr_rules_emit (ctx, GR_RULE_INTAKE_NEW_GRAIN, GR_SEVERITY_VIOLATION, "lot", lot->id,
                               GR_DAY_NONE, message);
      gr_rules_about_lot (finding, lot);
    }
}
