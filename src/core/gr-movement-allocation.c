/* gr-movement-allocation.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-movement-allocation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gr-error.h"
#include "gr-format.h"
#include "gr-movement-allocation.h"
#include "gr-rules-private.h"

/* Marks the rotate-in added to the plan's moves (rotate-ins have no id). */
static const char preview_id[] = "\001preview";

void
gr_movement_allocation_free (GrMovementAllocation *allocation)
{
  if (allocation == NULL)
    return;
  g_free (allocation->lot);
  g_free (allocation->order_no);
  g_free (allocation->opened_on);
  g_free (allocation->deadline);
  g_free (allocation->message);
  g_free (allocation);
}

static void
preview_rotate_in (GrRulesContext *ctx,
                   RuleLot        *lot,
                   GrDay           day,
                   gint64          quantity_kg,
                   GPtrArray      *out)
{
  const GrRuleParams *params = gr_profile_get_rule (ctx->profile, GR_RULE_ROTATION_VACANCY);
  RulePlan *plan = lot->plan;
  GrRotationMove move = { .lot = lot, .day = day, .out = FALSE, .quantity_kg = quantity_kg, .id = preview_id };
  g_autoptr(GArray) fills = g_array_new (FALSE, FALSE, sizeof (GrVacancyFill));
  g_autoptr(GArray) vacancies = NULL;

  if (params == NULL || !plan->vacancy_scope)
    return;
  g_array_append_val (plan->rotations, move);
  vacancies = gr_rules_plan_vacancies (ctx, params, plan, fills);
  for (guint i = 0; i < fills->len; i++)
    {
      const GrVacancyFill *f = &g_array_index (fills, GrVacancyFill, i);
      const GrVacancy *v = &g_array_index (vacancies, GrVacancy, f->vacancy);
      GrMovementAllocation *a;
      g_autofree char *part = NULL, *whole = NULL, *date = NULL, *deadline = NULL;

      if (f->in->id != preview_id)
        continue;
      a = g_new0 (GrMovementAllocation, 1);
      a->vacancy = TRUE;
      a->lot = g_strdup (v->out->lot->id);
      a->opened_on = gr_day_to_iso (v->out->day);
      a->deadline = gr_day_to_iso (v->deadline);
      a->quantity_kg = f->quantity_kg;
      a->left_kg = v->remaining_kg;
      part = gr_format_tonnes (f->quantity_kg);
      whole = gr_format_tonnes (v->out->quantity_kg);
      date = gr_format_iso_date (a->opened_on);
      deadline = gr_format_iso_date (a->deadline);
      if (v->remaining_kg == 0)
        /* TRANSLATORS: what a rotate-in will do: quantity, rotated-out lot, rotate-out date and quantity, deadline →
         * "轮入 800 吨将补足 城南库 P01仓 中晚籼稻 2026年5月6日 轮出 2,000 吨后的架空期（期限 2026年9月30日）" */
        a->message = g_strdup_printf (_("%s will close the vacancy of %s rotated out on %s (%s; deadline %s)"),
                                      part, gr_rules_lot_name (v->out->lot), date, whole, deadline);
      else
        {
          g_autofree char *left = gr_format_tonnes (v->remaining_kg);

          /* TRANSLATORS: as above when the vacancy stays partly open: …, quantity still missing */
          a->message = g_strdup_printf (_("%s will go to the vacancy of %s rotated out on %s (%s; deadline %s); %s will still be missing"),
                                        part, gr_rules_lot_name (v->out->lot), date, whole, deadline, left);
        }
      g_ptr_array_add (out, a);
    }
}

static void
preview_replenish (GrRulesContext *ctx,
                   RuleLot        *lot,
                   GrDay           day,
                   gint64          quantity_kg,
                   GPtrArray      *out)
{
  GrReplenishMove move = { lot, day, quantity_kg };
  g_autofree gint64 *before = NULL;

  if (ctx->releases->len == 0)
    return;
  /* The orders' allocation without the movement, then with it: what it
   * adds to each is what it answers. */
  before = g_new (gint64, ctx->releases->len);
  for (guint i = 0; i < ctx->releases->len; i++)
    before[i] = ((RuleRelease *) ctx->releases->pdata[i])->allocated_kg;
  g_array_append_val (ctx->replenishments, move);
  gr_rules_allocate_releases (ctx, NULL);

  for (guint i = 0; i < ctx->releases->len; i++)
    {
      RuleRelease *r = ctx->releases->pdata[i];
      gint64 added = r->allocated_kg - before[i];
      GrMovementAllocation *a;
      g_autofree char *part = NULL, *whole = NULL, *date = NULL, *deadline = NULL;

      if (added <= 0)
        continue;
      a = g_new0 (GrMovementAllocation, 1);
      a->order_no = g_strdup (r->order_no);
      a->opened_on = gr_day_to_iso (r->date);
      a->deadline = gr_day_to_iso (r->due);
      a->quantity_kg = added;
      a->left_kg = r->quantity_kg - r->allocated_kg;
      part = gr_format_tonnes (added);
      whole = gr_format_tonnes (r->quantity_kg);
      date = gr_format_iso_date (a->opened_on);
      deadline = gr_format_iso_date (a->deadline);
      if (a->left_kg == 0)
        /* TRANSLATORS: what a replenishment will do: quantity, order number, order date, order quantity, due date →
         * "补库 600 吨将补足动用命令 清发改粮储〔2025〕15号（2025年9月6日，1,600 吨；应于 2026年9月6日前补库）" */
        a->message = g_strdup_printf (_("%s will complete release order %s (%s, %s; due %s)"),
                                      part, r->order_no, date, whole, deadline);
      else
        {
          g_autofree char *left = gr_format_tonnes (a->left_kg);

          /* TRANSLATORS: as above when the order stays short: …, quantity still short */
          a->message = g_strdup_printf (_("%s will count towards release order %s (%s, %s; due %s); %s will still be short"),
                                        part, r->order_no, date, whole, deadline, left);
        }
      g_ptr_array_add (out, a);
    }
}

GPtrArray *
gr_movement_allocation_preview (GrStore     *store,
                                GrProfile   *profile,
                                const char  *lot_id,
                                const char  *kind,
                                const char  *date,
                                gint64       quantity_kg,
                                const char  *today,
                                GError     **error)
{
  g_auto(GrRulesContext) ctx = { 0 };
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_movement_allocation_free);
  g_autofree char *today_owned = NULL;
  gboolean rotate_in, replenish;
  RuleLot *lot;
  GrDay day, as_of;

  g_return_val_if_fail (GR_IS_STORE (store), NULL);
  g_return_val_if_fail (profile != NULL, NULL);

  rotate_in = g_strcmp0 (kind, "rotate_in") == 0;
  replenish = g_strcmp0 (kind, "replenish") == 0;
  if ((!rotate_in && !replenish) || quantity_kg <= 0)
    return g_steal_pointer (&out);
  if (today == NULL)
    today = today_owned = gr_today_iso ();
  if ((day = gr_day_parse (date)) == GR_DAY_NONE || (as_of = gr_day_parse (today)) == GR_DAY_NONE)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("“%s” is not a date (YYYY-MM-DD)"),
                   day == GR_DAY_NONE ? (date ? date : "") : today);
      return NULL;
    }
  /* The ledger up to the later of today and the movement's date, every
   * rotation: the movement may be dated before the as-of year. */
  ctx.whole_history = TRUE;
  if (!gr_rules_context_init (&ctx, store, profile, MAX (day, as_of), error))
    return NULL;
  if ((lot = gr_rules_find_lot (&ctx, lot_id)) == NULL)
    return g_steal_pointer (&out);

  if (rotate_in)
    preview_rotate_in (&ctx, lot, day, quantity_kg, out);
  else
    preview_replenish (&ctx, lot, day, quantity_kg, out);
  return g_steal_pointer (&out);
}
