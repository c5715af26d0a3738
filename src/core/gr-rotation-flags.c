/* gr-rotation-flags.c: the rule problems of a rotation plan's items
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-rotation"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-format.h"
#include "gr-projection-private.h"
#include "gr-rotation-plan.h"
#include "gr-rules-private.h"

void
gr_rotation_flag_free (GrRotationFlag *flag)
{
  if (flag == NULL)
    return;
  g_free (flag->lot);
  g_free (flag->plan);
  g_free (flag->message);
  g_free (flag->document);
  g_free (flag->article);
  g_free (flag);
}

typedef struct {
  GrStore              *store;
  GrProfile            *profile;
  const GrRotationPlan *plan;
  GrProjection         *projection;
  GPtrArray            *flags;
  GHashTable           *lot_labels;   /* lot id → label */
  GHashTable           *plan_labels;  /* plan id → label */
} Flags;

static const char *
lot_label (Flags      *f,
           const char *lot)
{
  char *label = g_hash_table_lookup (f->lot_labels, lot);

  if (label == NULL)
    {
      label = gr_rotation_lot_label (f->store, lot);
      g_hash_table_insert (f->lot_labels, g_strdup (lot), label);
    }
  return label;
}

static const char *
plan_label (Flags      *f,
            const char *plan)
{
  char *label = g_hash_table_lookup (f->plan_labels, plan);

  if (label == NULL)
    {
      label = gr_rotation_plan_label (f->store, plan);
      g_hash_table_insert (f->plan_labels, g_strdup (plan), label);
    }
  return label;
}

static void
add_flag (Flags              *f,
          GrRotationFlagKind  kind,
          guint               item,
          const char         *lot,
          const char         *plan,
          int                 month,
          const char         *document,
          const char         *article,
          char               *message)
{
  GrRotationFlag *flag = g_new0 (GrRotationFlag, 1);

  flag->kind = kind;
  flag->item = item;
  flag->lot = g_strdup (lot);
  flag->plan = g_strdup (plan);
  flag->month = month;
  flag->message = message;
  flag->document = g_strdup (document);
  flag->article = g_strdup (article);
  g_ptr_array_add (f->flags, flag);
}

static void
add_rule_flag (Flags              *f,
               GrRotationFlagKind  kind,
               GrRuleId            rule,
               guint               item,
               const char         *lot,
               const char         *plan,
               int                 month,
               char               *message)
{
  const GrRuleParams *params = gr_profile_get_rule (f->profile, rule);

  add_flag (f, kind, item, lot, plan, month, params ? params->document : NULL,
            params ? params->article : NULL, message);
}

static int
compare_flags (gconstpointer a,
               gconstpointer b)
{
  const GrRotationFlag *x = *(GrRotationFlag * const *) a, *y = *(GrRotationFlag * const *) b;

  if (x->item != y->item)
    return x->item < y->item ? -1 : 1;
  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  return g_strcmp0 (x->plan, y->plan);
}

/* Whether item lowers the checked stock in month index m: during the
 * month (any time) from its out month to its in month, both included;
 * at month ends from its out month to the one before its in month. */
static gboolean
lowers (const GrRotationItem *item,
        int                   m,
        gboolean              any_time)
{
  if (m < item->out_month)
    return FALSE;
  return any_time ? m <= item->in_month : m < item->in_month;
}

/* ---- Per item ----------------------------------------------------------- */

static void
check_lot_rules (Flags                *f,
                 guint                 index,
                 const GrRotationItem *item,
                 GrProjLot            *lot,
                 const GrProjPlan     *plan)
{
  const char *name = lot_label (f, item->lot);
  g_autofree char *out = gr_month_index_to_iso (item->out_month);
  g_autofree char *in = gr_month_index_to_iso (item->in_month);
  GrLotLimits limits;
  int vacancy;

  vacancy = gr_rotation_vacancy_months (f->profile, plan->klass, plan->mode, item->vacancy_extension_approved);
  if (vacancy >= 0 && item->in_month > item->out_month + vacancy)
    /* TRANSLATORS: lot, out month, in month, months between, limit →
     * "城南库 P01仓 中晚籼稻：2027-03 轮出、2027-09 轮入，架空 6 个月，超过 4 个月的轮换架空期" */
    add_rule_flag (f, GR_ROTATION_FLAG_VACANCY, GR_RULE_ROTATION_VACANCY, index, item->lot, plan->id, item->in_month,
                   g_strdup_printf (_("%s: out in %s and in in %s leaves it vacant %d months, beyond the %d-month limit"),
                                    name, out, in, item->in_month - item->out_month, vacancy));

  if (gr_rotation_mode_is_dynamic (plan->mode) && item->in_month > item->out_month)
    /* TRANSLATORS: lot, out month, in month →
     * "城南库 A01仓 大米：动态轮换应先入后出，但计划 2027-03 轮出、2027-05 才轮入" */
    add_flag (f, GR_ROTATION_FLAG_IN_FIRST, index, item->lot, plan->id, item->out_month, NULL, NULL,
              g_strdup_printf (_("%s: a dynamic rotation rotates in first, but this one goes out in %s and comes in only in %s"),
                               name, out, in));

  gr_rotation_lot_limits (f->profile, &lot->facts, &limits);
  if (limits.age_month != GR_MONTH_NONE && item->out_month >= limits.age_month)
    {
      g_autofree char *due = gr_month_index_to_iso (limits.age_month - 1);

      /* TRANSLATORS: lot, entry date, limit in years, last month, out month →
       * "城南库 P01仓 中晚籼稻：2024-10-04 入库，3 年储存年限到 2027-09 为止，计划 2027-11 才轮出" */
      add_rule_flag (f, GR_ROTATION_FLAG_AGE_LIMIT, GR_RULE_AGE_LIMIT, index, item->lot, plan->id, limits.age_month,
                     g_strdup_printf (_("%s: entered %s, its %d-year limit runs to %s, but it goes out only in %s"),
                                      name, lot->facts.entered_on, limits.age_years, due, out));
    }
  if (limits.shelf_month != GR_MONTH_NONE && item->out_month >= limits.shelf_month)
    /* TRANSLATORS: lot, production date, shelf life in days, expiry, out month →
     * "城南库 A01仓 大米：2026-05-02 生产，保质期 365 天，2027-05-02 到期，计划 2027-06 才轮出" */
    add_rule_flag (f, GR_ROTATION_FLAG_SHELF_LIFE, GR_RULE_SHELF_LIFE, index, item->lot, plan->id, limits.shelf_month,
                   g_strdup_printf (_("%s: produced %s with a shelf life of %d days, it expires on %s, but it goes out only in %s"),
                                    name, lot->facts.produced_on, limits.shelf_days, limits.expiry, out));
}

static void
check_balances (Flags *f)
{
  g_autoptr(GHashTable) sums = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  const GPtrArray *items = f->plan->items;

  for (guint i = 0; i < items->len; i++)
    {
      const GrRotationItem *item = items->pdata[i];
      gint64 *sum = g_hash_table_lookup (sums, item->lot);

      if (sum == NULL)
        g_hash_table_insert (sums, item->lot, sum = g_new0 (gint64, 1));
      *sum += item->quantity_kg;
    }
  for (guint i = 0; i < items->len; i++)
    {
      const GrRotationItem *item = items->pdata[i];
      GrProjLot *lot = g_hash_table_lookup (f->projection->lot_by_id, item->lot);
      gint64 *sum = g_hash_table_lookup (sums, item->lot);
      g_autofree char *total = NULL, *balance = NULL;

      if (lot == NULL || *sum <= lot->available_kg)
        continue;
      total = gr_format_tonnes (*sum);
      balance = gr_format_tonnes (MAX (lot->available_kg, 0));
      /* TRANSLATORS: lot, quantity planned, what it has, year →
       * "城南库 P01仓 中晚籼稻：计划轮换 6,500 吨，超过其 2027 年的库存 6,430 吨" */
      add_flag (f, GR_ROTATION_FLAG_ABOVE_BALANCE, i, item->lot,
                g_array_index (f->projection->plans, GrProjPlan, lot->plan).id, -1, NULL, NULL,
                g_strdup_printf (_("%s: the plan rotates %s, more than the %s it has in %d"),
                                 lot_label (f, item->lot), total, balance, f->plan->year));
    }
}

/* ---- Per storage plan or enterprise ------------------------------------- */

static void
check_minimum (Flags        *f,
               GArray       *months)
{
  GrProjection *p = f->projection;
  const GPtrArray *items = f->plan->items;

  for (guint i = 0; i < items->len; i++)
    {
      const GrRotationItem *item = items->pdata[i];
      GrProjLot *lot = g_hash_table_lookup (p->lot_by_id, item->lot);
      const GrProjectionMonth *lowest = NULL;
      const GrProjPlan *plan;
      g_autofree char *when = NULL, *ratio = NULL, *stock = NULL;
      const char *scope_name;
      gint64 lowest_num = 0, lowest_den = 1;

      if (lot == NULL)
        continue;
      plan = &g_array_index (p->plans, GrProjPlan, lot->plan);
      for (int m = 0; m < 12; m++)
        {
          const GrProjectionMonth *month = &g_array_index (months, GrProjectionMonth, plan->series * 12 + m);

          /* Compare stock ÷ required in integers: the lowest ratio to the minimum. */
          if (!month->below || !lowers (item, month->month, p->any_time))
            continue;
          if (lowest == NULL || month->stock_kg * 100 * lowest_den < lowest_num * month->required_kg100)
            {
              lowest = month;
              lowest_num = month->stock_kg * 100;
              lowest_den = MAX (month->required_kg100, 1);
            }
        }
      if (lowest == NULL)
        continue;

      when = gr_month_index_to_iso (lowest->month);
      ratio = gr_rules_format_ratio (lowest->stock_kg, lowest->plan_kg);
      stock = gr_format_tonnes (lowest->stock_kg);
      scope_name = p->enterprise_scope ? NULL : plan_label (f, plan->id);
      {
        g_autofree char *required = gr_rules_format_ratio (lowest->required_kg100, lowest->plan_kg * 100);
        const char *name = lot_label (f, item->lot);
        char *message;

        if (p->enterprise_scope && p->any_time)
          /* TRANSLATORS: lot, month, stock, ratio, required percent →
           * "城南库 P01仓 中晚籼稻 轮出期间，2027-03 本企业库存 150,000 吨，为储备规模的 68%，低于 70%" */
          message = g_strdup_printf (_("%s is out while the enterprise's stock in %s is %s, %s of its reserve scale, below %s"),
                                     name, when, stock, ratio, required);
        else if (p->enterprise_scope)
          /* TRANSLATORS: lot, month, stock, ratio, required percent →
           * "城南库 P01仓 中晚籼稻 轮出期间，2027-03 月末本企业库存 150,000 吨，为储备规模的 68%，低于 70%" */
          message = g_strdup_printf (_("%s is out while the enterprise's stock at the end of %s is %s, %s of its reserve scale, below %s"),
                                     name, when, stock, ratio, required);
        else if (p->any_time)
          /* TRANSLATORS: lot, plan, stock, month, ratio, required percent →
           * "城南库 P01仓 中晚籼稻 轮出期间，市储备粮公司 中晚籼稻 计划 10,000 吨 在 2027-03 的库存为 6,500 吨，为计划的 65%，低于 70%" */
          message = g_strdup_printf (_("%s is out while %s holds %s in %s, %s of the plan, below %s"),
                                     name, scope_name, stock, when, ratio, required);
        else
          /* TRANSLATORS: lot, plan, stock, month, ratio, required percent →
           * "城南库 P01仓 中晚籼稻 轮出期间，市储备粮公司 中晚籼稻 计划 10,000 吨 在 2027-03 月末的库存为 6,500 吨，为计划的 65%，低于 70%" */
          message = g_strdup_printf (_("%s is out while %s holds %s at the end of %s, %s of the plan, below %s"),
                                     name, scope_name, stock, when, ratio, required);
        add_rule_flag (f, GR_ROTATION_FLAG_MIN_RATIO, GR_RULE_STOCK_MIN_RATIO, i, item->lot, plan->id,
                       lowest->month, message);
      }
    }
}

/* Zhongshan 第十七条: each plan has a month end at 100 % in the year. */
static void
check_full_month (Flags        *f,
                  const gint64 *end_delta)
{
  const GrRuleParams *full = gr_profile_get_rule (f->profile, GR_RULE_STOCK_FULL_MONTH);
  GrProjection *p = f->projection;
  const GPtrArray *items = f->plan->items;

  if (full == NULL)
    return;
  for (guint k = 0; k < p->plans->len; k++)
    {
      const GrProjPlan *plan = &g_array_index (p->plans, GrProjPlan, k);
      gboolean any = FALSE, full_once = FALSE;
      gint64 best = G_MININT64;

      for (int m = 0; m < 12; m++)
        if (plan->active_end & (1u << m))
          {
            gint64 end = plan->opening_kg + end_delta[k * 12 + m];

            any = TRUE;
            best = MAX (best, end);
            if (end * 100 >= plan->quantity_kg * full->percent[0])
              full_once = TRUE;
          }
      if (!any || full_once)
        continue;
      for (guint i = 0; i < items->len; i++)
        {
          const GrRotationItem *item = items->pdata[i];
          GrProjLot *lot = g_hash_table_lookup (p->lot_by_id, item->lot);
          g_autofree char *ratio = NULL;

          if (lot == NULL || lot->plan != k)
            continue;
          ratio = gr_rules_format_ratio (best, plan->quantity_kg);
          /* TRANSLATORS: plan, year, the highest month-end ratio, required percent →
           * "市储备粮公司 大米 计划 2,000 吨 在 2027 年没有一个月末达到 100%（最高 95%）" */
          add_rule_flag (f, GR_ROTATION_FLAG_FULL_MONTH, GR_RULE_STOCK_FULL_MONTH, i, item->lot, plan->id, -1,
                         g_strdup_printf (_("%s has no month end at %d%% in %d (at most %s)"),
                                          plan_label (f, plan->id), full->percent[0], f->plan->year, ratio));
        }
    }
}

/* Nanchang 第三十六条: the share of each plan rotated out in the year. A
 * share above the band is no problem where the limits force it. */
static void
check_balance_share (Flags *f)
{
  const GrRotationBalance *balance = gr_profile_get_rotation_balance (f->profile);
  GrProjection *p = f->projection;
  const GPtrArray *items = f->plan->items;
  int next_january = GR_MONTH_INDEX (f->plan->year + 1, 1);

  if (balance == NULL)
    return;
  for (guint k = 0; k < p->plans->len; k++)
    {
      const GrProjPlan *plan = &g_array_index (p->plans, GrProjPlan, k);
      const GrBalanceBand *band;
      gboolean packaged = FALSE, bulk = FALSE, any_item = FALSE;
      gint64 rotated = 0, forced = 0;
      g_autofree char *share = NULL;
      char *message;

      if (plan->quantity_kg <= 0 || plan->active_any == 0)
        continue;
      for (guint l = 0; l < p->lots->len; l++)
        {
          GrProjLot *lot = p->lots->pdata[l];
          GrLotLimits limits;

          if (lot->plan != k || lot->opening_kg <= 0)
            continue;
          *(lot->facts.packaged ? &packaged : &bulk) = TRUE;
          gr_rotation_lot_limits (f->profile, &lot->facts, &limits);
          if (gr_rotation_limit_month (&limits) <= next_january)
            forced += lot->opening_kg;
        }
      /* A plan is bulk or packaged by its lots; mixed plans follow the bulk band. */
      band = gr_profile_balance_band (f->profile, plan->klass, packaged && !bulk);
      if (band == NULL || (!packaged && !bulk))
        continue;
      for (guint i = 0; i < items->len; i++)
        {
          const GrRotationItem *item = items->pdata[i];
          GrProjLot *lot = g_hash_table_lookup (p->lot_by_id, item->lot);

          if (lot != NULL && lot->plan == k)
            {
              rotated += item->quantity_kg;
              any_item = TRUE;
            }
        }
      if (rotated * 100 >= plan->quantity_kg * band->min_percent &&
          (rotated * 100 <= plan->quantity_kg * band->max_percent || rotated <= forced))
        continue;

      share = gr_rules_format_ratio (rotated, plan->quantity_kg);
      /* TRANSLATORS: plan, year, share rotated, band →
       * "区储备粮公司 中晚籼稻 计划 3,000 吨 在 2027 年轮换 10%，均衡轮换要求每年 25%–45%" */
      message = g_strdup_printf (_("%s rotates %s of its quantity in %d; balanced rotation asks for %d%%–%d%% a year"),
                                 plan_label (f, plan->id), share, f->plan->year, band->min_percent, band->max_percent);
      if (!any_item)
        {
          add_flag (f, GR_ROTATION_FLAG_BALANCE_SHARE, GR_ROTATION_FLAG_NO_ITEM, NULL, plan->id, -1,
                    balance->document, balance->article, message);
          continue;
        }
      for (guint i = 0; i < items->len; i++)
        {
          const GrRotationItem *item = items->pdata[i];
          GrProjLot *lot = g_hash_table_lookup (p->lot_by_id, item->lot);

          if (lot != NULL && lot->plan == k)
            add_flag (f, GR_ROTATION_FLAG_BALANCE_SHARE, i, item->lot, plan->id, -1,
                      balance->document, balance->article, g_strdup (message));
        }
      g_free (message);
    }
}

GPtrArray *
gr_rotation_plan_flags (GrStore              *store,
                        GrProfile            *profile,
                        const GrRotationPlan *plan,
                        GError              **error)
{
  g_autoptr(GrProjection) projection = NULL;
  g_autoptr(GPtrArray) flags = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_rotation_flag_free);
  g_autoptr(GHashTable) lot_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) plan_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GArray) months = NULL;
  g_autofree gint64 *during = NULL, *end = NULL;
  Flags f;

  g_return_val_if_fail (GR_IS_STORE (store), NULL);
  g_return_val_if_fail (profile != NULL && plan != NULL && plan->enterprise != NULL, NULL);

  if ((projection = gr_projection_new (store, profile, plan->year, plan->enterprise, error)) == NULL)
    return NULL;
  f = (Flags) { store, profile, plan, projection, flags, lot_labels, plan_labels };

  during = g_new0 (gint64, projection->plans->len * 12 + 1);
  end = g_new0 (gint64, projection->plans->len * 12 + 1);
  for (guint i = 0; i < plan->items->len; i++)
    {
      const GrRotationItem *item = plan->items->pdata[i];
      GrProjLot *lot = item->lot ? g_hash_table_lookup (projection->lot_by_id, item->lot) : NULL;

      if (lot == NULL)
        continue;
      check_lot_rules (&f, i, item, lot, &g_array_index (projection->plans, GrProjPlan, lot->plan));
      gr_projection_apply_item (projection, item->out_month, item->in_month, item->quantity_kg,
                                during + lot->plan * 12, end + lot->plan * 12);
    }
  check_balances (&f);
  months = gr_projection_run (projection, plan->items);
  check_minimum (&f, months);
  check_full_month (&f, end);
  check_balance_share (&f);

  g_ptr_array_sort (flags, compare_flags);
  return g_steal_pointer (&flags);
}
