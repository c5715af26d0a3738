/* gr-rules-stock.c: stock.min_ratio, stock.full_month, stock.negative
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-rules"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gr-format.h"
#include "gr-rules-private.h"

/* The plans one minimum-stock check adds up: one plan (per-plan scope,
 * Zhongshan 第十七条 "每个品种") or all of an enterprise's (Dongguan 第十五条
 * "储备规模"), with the release orders that can exempt it. */
typedef struct {
  RuleEnterprise *enterprise;
  GPtrArray      *plans;
  GPtrArray      *orders;
} Unit;

static void
unit_init (Unit           *unit,
           GrRulesContext *ctx,
           RuleEnterprise *enterprise,
           RulePlan       *plan)
{
  unit->enterprise = enterprise;
  unit->plans = g_ptr_array_new ();
  unit->orders = g_ptr_array_new ();
  if (plan != NULL)
    g_ptr_array_add (unit->plans, plan);
  else
    g_ptr_array_extend (unit->plans, enterprise->plans, NULL, NULL);

  /* Per plan: orders of the same enterprise and variety; per enterprise: any of its orders. */
  for (guint i = 0; i < ctx->releases->len; i++)
    {
      RuleRelease *order = ctx->releases->pdata[i];

      if (order->enterprise == enterprise && (plan == NULL || order->variety == plan->variety) &&
          order->date <= ctx->as_of)
        g_ptr_array_add (unit->orders, order);
    }
}

static void
unit_clear (Unit *unit)
{
  g_clear_pointer (&unit->plans, g_ptr_array_unref);
  g_clear_pointer (&unit->orders, g_ptr_array_unref);
}

static gboolean
unit_exempt (Unit  *unit,
             GrDay  day)
{
  for (guint i = 0; i < unit->orders->len; i++)
    if (gr_rules_release_open (unit->orders->pdata[i], day))
      return TRUE;
  return FALSE;
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  GrDay x = *(const GrDay *) a, y = *(const GrDay *) b;

  return x < y ? -1 : x > y;
}

/* The days a minimum-stock rule looks at (DESIGN.md §4 stock.min_ratio). */
static GArray *
checked_days (GrRulesContext     *ctx,
              const GrRuleParams *params,
              Unit               *unit)
{
  GArray *days = g_array_new (FALSE, FALSE, sizeof (GrDay));
  GArray *unique;

  if (params->check == GR_CHECK_MONTH_END)
    {
      for (int m = 1; m <= 12; m++)
        {
          GrDay end = gr_day_month_end (ctx->year, m);

          if (end <= ctx->as_of)
            g_array_append_val (days, end);
        }
      return days;
    }

  for (guint i = 0; i < unit->plans->len; i++)
    {
      RulePlan *plan = unit->plans->pdata[i];
      const GrStockDay *moved = (const GrStockDay *) (gpointer) plan->days->data;

      if (plan->win_start > plan->win_end)
        continue;
      g_array_append_val (days, plan->win_start);
      g_array_append_val (days, plan->win_end);
      for (guint j = 0; j < plan->days->len; j++)
        if (moved[j].day >= plan->win_start && moved[j].day <= plan->win_end)
          g_array_append_val (days, moved[j].day);
    }
  for (guint i = 0; i < unit->orders->len; i++)
    {
      GrDay end = gr_rules_release_end (unit->orders->pdata[i]);

      if (end >= ctx->year_start && end <= ctx->as_of)
        g_array_append_val (days, end);
    }

  g_array_sort (days, compare_days);
  unique = g_array_sized_new (FALSE, FALSE, sizeof (GrDay), days->len);
  for (guint i = 0; i < days->len; i++)
    if (unique->len == 0 || g_array_index (unique, GrDay, unique->len - 1) != g_array_index (days, GrDay, i))
      g_array_append_val (unique, g_array_index (days, GrDay, i));
  g_array_unref (days);
  return unique;
}

static void
check_unit (GrRulesContext     *ctx,
            const GrRuleParams *params,
            Unit               *unit,
            RulePlan           *plan)
{
  g_autoptr(GArray) days = checked_days (ctx, params, unit);
  GrDay low_day = GR_DAY_NONE;
  gint64 low_stock = 0, low_total = 0, low_required = 0;
  g_autofree char *date = NULL, *stock = NULL, *ratio = NULL, *threshold = NULL;
  GrFinding *finding;
  char *message;

  for (guint i = 0; i < days->len; i++)
    {
      GrDay day = g_array_index (days, GrDay, i);
      gint64 stock_kg = 0, total_kg = 0, required = 0;
      gboolean any = FALSE;

      if (unit_exempt (unit, day))
        continue;
      for (guint j = 0; j < unit->plans->len; j++)
        {
          RulePlan *p = unit->plans->pdata[j];
          int percent = params->percent[p->klass];

          if (percent < 0 || day < p->win_start || day > p->win_end)
            continue;
          stock_kg += params->check == GR_CHECK_MONTH_END
                      ? gr_rules_plan_month_stock (p, gr_day_month_index (day))
                      : gr_rules_plan_stock (p, day);
          total_kg += p->quantity_kg;
          required += p->quantity_kg * percent;
          any = TRUE;
        }
      if (!any || total_kg <= 0 || stock_kg * 100 >= required)
        continue;
      /* The lowest ratio (first day on ties): a/b < c/d, in doubles since
       * the products of two quantities can exceed 64 bits. */
      if (low_day == GR_DAY_NONE || (double) stock_kg * low_total < (double) low_stock * total_kg)
        {
          low_day = day;
          low_stock = stock_kg;
          low_total = total_kg;
          low_required = required;
        }
    }
  if (low_day == GR_DAY_NONE)
    return;

  date = gr_day_to_iso (low_day);
  stock = gr_format_tonnes (low_stock);
  ratio = gr_rules_format_ratio (low_stock, low_total);
  threshold = gr_rules_format_ratio (low_required, low_total * 100);
  if (plan != NULL)
    {
      const char *name = gr_rules_plan_name (plan);

      /* TRANSLATORS: plan, date, stock, ratio, threshold →
       * "市储备粮公司 中晚籼稻 计划 10,000 吨，2026-03-31 实物库存 6,800 吨（68%），低于 75%" */
      message = g_strdup_printf (_("%s: on %s the stock was %s (%s), below %s"), name, date, stock, ratio, threshold);
      finding = gr_rules_emit (ctx, GR_RULE_STOCK_MIN_RATIO, GR_SEVERITY_VIOLATION, "plan", plan->id, GR_DAY_NONE, message);
      gr_rules_about_plan (finding, plan);
    }
  else
    {
      g_autofree char *total = gr_format_tonnes (low_total);

      /* TRANSLATORS: enterprise, reserve scale, date, stock, ratio, threshold →
       * "市储备粮公司 储备规模 50,000 吨，2026-03-31 月末实物库存 31,000 吨（62%），低于 70%" */
      message = g_strdup_printf (_("%s: reserve scale %s, on %s the stock was %s (%s), below %s"),
                                 unit->enterprise->name, total, date, stock, ratio, threshold);
      finding = gr_rules_emit (ctx, GR_RULE_STOCK_MIN_RATIO, GR_SEVERITY_VIOLATION, "enterprise",
                               unit->enterprise->id, GR_DAY_NONE, message);
      gr_rules_about_enterprise (finding, unit->enterprise);
    }
}

void
gr_rules_stock_min_ratio (GrRulesContext     *ctx,
                          const GrRuleParams *params)
{
  if (params->scope == GR_RULE_SCOPE_ENTERPRISE)
    {
      for (guint i = 0; i < ctx->enterprises->len; i++)
        {
          RuleEnterprise *enterprise = ctx->enterprises->pdata[i];
          Unit unit;

          if (enterprise->plans->len == 0)
            continue;
          unit_init (&unit, ctx, enterprise, NULL);
          check_unit (ctx, params, &unit, NULL);
          unit_clear (&unit);
        }
      return;
    }

  for (guint i = 0; i < ctx->plans->len; i++)
    {
      RulePlan *plan = ctx->plans->pdata[i];
      Unit unit;

      if (params->percent[plan->klass] < 0 || plan->win_start > plan->win_end)
        continue;
      unit_init (&unit, ctx, plan->enterprise, plan);
      check_unit (ctx, params, &unit, plan);
      unit_clear (&unit);
    }
}

/* Zhongshan 第十七条: at least one month end a year at the full plan quantity. */
void
gr_rules_stock_full_month (GrRulesContext     *ctx,
                           const GrRuleParams *params)
{
  int percent = params->percent[0];

  for (guint i = 0; i < ctx->plans->len; i++)
    {
      RulePlan *plan = ctx->plans->pdata[i];
      Unit unit;

      unit_init (&unit, ctx, plan->enterprise, plan);
      for (int year = ctx->year - 1; year <= ctx->year; year++)
        {
          gboolean full = FALSE, unexempt = FALSE;
          GrDay best_day = GR_DAY_NONE;
          gint64 best = 0;
          GrDay year_end = gr_day_from_ymd (year, 12, 31);
          const char *name;
          g_autofree char *best_text = NULL, *date = NULL, *ratio = NULL, *due = NULL;
          GrSeverity severity;
          GrFinding *finding;
          char *message;

          for (int m = 1; m <= 12 && !full; m++)
            {
              GrDay end = gr_day_month_end (year, m);
              gint64 stock;

              if (end > ctx->as_of)
                break;
              if (!gr_rules_plan_active (plan, end))
                continue;
              stock = gr_rules_plan_month_stock (plan, year * 12 + m - 1);
              if (stock * 100 >= plan->quantity_kg * percent)
                full = TRUE;
              if (best_day == GR_DAY_NONE || stock > best)
                {
                  best = stock;
                  best_day = end;
                }
              if (!unit_exempt (&unit, end))
                unexempt = TRUE;
            }
          if (full || !unexempt)
            continue;

          name = gr_rules_plan_name (plan);
          best_text = gr_format_tonnes (best);
          date = gr_day_to_iso (best_day);
          ratio = gr_rules_format_ratio (best, plan->quantity_kg);
          due = gr_day_to_iso (year_end);
          if (year < ctx->year || ctx->as_of == year_end)
            {
              severity = GR_SEVERITY_VIOLATION;
              /* TRANSLATORS: plan, year, percent, highest stock, its date, its ratio →
               * "某公司 大米 计划 2,000 吨：2025 年没有一个月末实物库存达到计划的 100%（最高为 2025-06-30 的 1,900 吨，95%）" */
              message = g_strdup_printf (_("%s: no month end of %d had stock at %d%% of the plan (highest %s on %s, %s)"),
                                         name, year, percent, best_text, date, ratio);
            }
          else
            {
              severity = GR_SEVERITY_WARNING;
              /* TRANSLATORS: plan, year, percent, highest stock, its date, its ratio, deadline →
               * "某公司 大米 计划 2,000 吨：2026 年尚无月末实物库存达到计划的 100%（最高为 2026-03-31 的 1,900 吨，95%），须在 2026-12-31 前至少有一个月末达到" */
              message = g_strdup_printf (_("%s: no month end of %d has yet had stock at %d%% of the plan (highest %s on %s, %s); one is needed by %s"),
                                         name, year, percent, best_text, date, ratio, due);
            }
          finding = gr_rules_emit (ctx, GR_RULE_STOCK_FULL_MONTH, severity, "plan", plan->id, year_end, message);
          gr_rules_about_plan (finding, plan);
        }
      unit_clear (&unit);
    }
}

static int
compare_window_by_lot (gconstpointer a,
                       gconstpointer b)
{
  const GrWindowMove *x = a, *y = b;

  if (x->lot != y->lot)
    return (guintptr) x->lot < (guintptr) y->lot ? -1 : 1;
  return x->day < y->day ? -1 : x->day > y->day;
}

/* Whether each lot's movements are together and in date order. */
static gboolean
grouped_by_lot (GArray *array)
{
  const GrWindowMove *moves = (const GrWindowMove *) (gpointer) array->data;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < array->len; i++)
    {
      if (i > 0 && moves[i].lot == moves[i - 1].lot)
        {
          if (moves[i].day < moves[i - 1].day)
            return FALSE;
        }
      else if (!g_hash_table_add (seen, moves[i].lot))
        return FALSE;
    }
  return TRUE;
}

static void
report_negative (GrRulesContext *ctx,
                 RuleLot        *lot,
                 GrDay           day,
                 gint64          stock_kg)
{
  const char *name = gr_rules_lot_name (lot);
  g_autofree char *date = gr_day_to_iso (day);
  g_autofree char *stock = gr_format_tonnes (stock_kg);
  GrFinding *finding;
  char *message;

  /* TRANSLATORS: lot, date, balance → "城南库 P01仓 中晚籼稻 于 2026-03-05 结存 -120 吨，低于零（同步收到的出入库记录所致）" */
  message = g_strdup_printf (_("%s: the balance fell to %s on %s, below zero (movements received by sync)"),
                             name, stock, date);
  finding = gr_rules_emit (ctx, GR_RULE_STOCK_NEGATIVE, GR_SEVERITY_VIOLATION, "lot", lot->id, GR_DAY_NONE, message);
  gr_rules_about_lot (finding, lot);
}

/* Replays each lot's movements of the window from its balance at the
 * year's start; the lowest end of day below zero is reported. */
void
gr_rules_stock_negative (GrRulesContext     *ctx,
                         const GrRuleParams *params)
{
  g_autoptr(GHashTable) replayed = g_hash_table_new (NULL, NULL);
  const GrWindowMove *moves;
  guint n = ctx->window_moves->len;

  /* Read lot by lot, the movements usually come grouped already. */
  if (!grouped_by_lot (ctx->window_moves))
    g_array_sort (ctx->window_moves, compare_window_by_lot);
  moves = (const GrWindowMove *) (gpointer) ctx->window_moves->data;
  for (guint i = 0; i < n;)
    {
      RuleLot *lot = moves[i].lot;
      RulePlan *plan = lot->plan;
      gint64 running = lot->balance_kg - lot->since_start_kg;
      gint64 lowest = 0;
      GrDay lowest_day = GR_DAY_NONE;

      g_hash_table_add (replayed, lot);
      for (; i < n && moves[i].lot == lot && moves[i].day < plan->win_start; i++)
        running += moves[i].delta_kg;
      if (plan->win_start <= plan->win_end)
        {
          GrDay day = plan->win_start;

          /* The balance carried into the window counts on its first day. */
          for (;;)
            {
              for (; i < n && moves[i].lot == lot && moves[i].day == day; i++)
                running += moves[i].delta_kg;
              if (running < lowest)
                {
                  lowest = running;
                  lowest_day = day;
                }
              if (i >= n || moves[i].lot != lot || moves[i].day > plan->win_end)
                break;
              day = moves[i].day;
            }
        }
      for (; i < n && moves[i].lot == lot; i++)
        ;
      if (lowest_day != GR_DAY_NONE && gr_rules_lot_covered (ctx, lot))
        report_negative (ctx, lot, lowest_day, lowest);
    }

  /* Lots that did not move in the window keep their balance throughout. */
  for (guint i = 0; i < ctx->lots->len; i++)
    {
      RuleLot *lot = ctx->lots->pdata[i];
      gint64 opening = lot->balance_kg - lot->since_start_kg;

      if (opening < 0 && !g_hash_table_contains (replayed, lot) &&
          lot->plan->win_start <= lot->plan->win_end && gr_rules_lot_covered (ctx, lot))
        report_negative (ctx, lot, lot->plan->win_start, opening);
    }
}
