/* gr-rules-release.c: release orders, their replenishment and release.replenish
 *
 * DESIGN.md §4 "Release allocation": replenish movements on lots of plans
 * of an order's enterprise and variety, dated on or after the order date,
 * go to the orders first-in-first-out by order date. An order is open from
 * its date until the earlier of its due date (date + 12 months) and the
 * replenishment that completes it; while open it exempts the stock rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-rules"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gr-format.h"
#include "gr-rules-private.h"

static int
compare_replenish (gconstpointer a,
                   gconstpointer b)
{
  const GrReplenishMove *x = a, *y = b;

  return x->day < y->day ? -1 : x->day > y->day;
}

void
gr_rules_allocate_releases (GrRulesContext *ctx,
                            GArray         *fills)
{
  const GrReplenishMove *moves;

  /* From nothing each time, so a caller may add replenishments and run
   * the allocation again (the movement dialog's preview). */
  for (guint j = 0; j < ctx->releases->len; j++)
    {
      RuleRelease *order = ctx->releases->pdata[j];

      order->allocated_kg = 0;
      order->completed = GR_DAY_NONE;
    }

  /* The orders are sorted by date (then id) as loaded. */
  g_array_sort (ctx->replenishments, compare_replenish);
  moves = (const GrReplenishMove *) (gpointer) ctx->replenishments->data;
  for (guint i = 0; i < ctx->replenishments->len; i++)
    {
      const GrReplenishMove *move = &moves[i];
      RulePlan *plan = move->lot->plan;
      gint64 left = move->quantity_kg;

      for (guint j = 0; j < ctx->releases->len && left > 0; j++)
        {
          RuleRelease *order = ctx->releases->pdata[j];
          gint64 take;

          if (order->date > move->day)
            break;
          if (order->enterprise != plan->enterprise || order->variety != plan->variety ||
              order->allocated_kg >= order->quantity_kg)
            continue;
          take = MIN (left, order->quantity_kg - order->allocated_kg);
          order->allocated_kg += take;
          left -= take;
          if (order->allocated_kg == order->quantity_kg)
            order->completed = move->day;
          if (fills != NULL)
            {
              GrReleaseFill fill = { j, move->lot, move->day, take };

              g_array_append_val (fills, fill);
            }
        }
      /* Any excess is ordinary stock, not owed to an order. */
    }
}

GrDay
gr_rules_release_end (RuleRelease *release)
{
  if (release->completed != GR_DAY_NONE)
    return MIN (release->due, release->completed);
  return release->due;
}

gboolean
gr_rules_release_open (RuleRelease *release,
                       GrDay        day)
{
  return release->date <= day && day < gr_rules_release_end (release);
}

void
gr_rules_release_replenish (GrRulesContext     *ctx,
                            const GrRuleParams *params)
{
  for (guint i = 0; i < ctx->releases->len; i++)
    {
      RuleRelease *order = ctx->releases->pdata[i];
      g_autofree char *date = NULL, *due = NULL, *quantity = NULL, *done = NULL, *short_by = NULL;
      gint64 missing = order->quantity_kg - order->allocated_kg;
      GrSeverity severity;
      GrFinding *finding;
      char *message;

      if (order->date > ctx->as_of || missing <= 0)
        continue;

      date = gr_day_to_iso (order->date);
      due = gr_day_to_iso (order->due);
      quantity = gr_format_tonnes (order->quantity_kg);
      done = gr_format_tonnes (order->allocated_kg);
      short_by = gr_format_tonnes (missing);
      if (ctx->as_of > order->due)
        {
          severity = GR_SEVERITY_VIOLATION;
          /* TRANSLATORS: release order number, date, variety, quantity, replenished, missing, due date →
           * "动用命令 DG-2025-03（2025-03-01，大米 1,000 吨）：已补库 600 吨，尚缺 400 吨，补库期限 2026-03-01 已过" */
          message = g_strdup_printf (_("Release order %s (%s, %s %s): %s replenished, %s still missing; the replenishment was due by %s"),
                                     order->order_no, date, gr_variety_name (order->variety), quantity, done, short_by, due);
        }
      else
        {
          severity = GR_SEVERITY_WARNING;
          /* TRANSLATORS: release order number, date, variety, quantity, replenished, missing, due date →
           * "动用命令 DG-2026-01（2026-01-10，大米 1,000 吨）：已补库 0 吨，尚缺 1,000 吨，应于 2027-01-10 前补足" */
          message = g_strdup_printf (_("Release order %s (%s, %s %s): %s replenished, %s still missing; replenish by %s"),
                                     order->order_no, date, gr_variety_name (order->variety), quantity, done, short_by, due);
        }
      finding = gr_rules_emit (ctx, GR_RULE_RELEASE_REPLENISH, severity, "release", order->id, order->due, message);
      /* TRANSLATORS: how a release order is named in lists: 动用命令 DG-2026-01 */
      finding->subject_name = g_strdup_printf (_("Release order %s"), order->order_no);
      finding->variety = g_strdup (order->variety);
      gr_rules_about_enterprise (finding, order->enterprise);
    }
}
