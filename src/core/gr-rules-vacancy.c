/* gr-rules-vacancy.c: rotation.vacancy (轮换架空期)
 *
 * Dongguan 第十七条: the vacancy after a rotate-out is counted from the
 * month after it (轮换出库次月起计算) and lasts at most 4 months, 2 more with
 * approval. Each rotate-out opens a vacancy on its plan; the plan's later
 * rotate-ins fill the open ones first-in-first-out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-format.h"
#include "gr-rules-private.h"

/* Within a day rotate-outs come before rotate-ins (DESIGN.md §4), then by id. */
static int
compare_rotation (gconstpointer a,
                  gconstpointer b)
{
  const GrRotationMove *x = a, *y = b;

  if (x->day != y->day)
    return x->day < y->day ? -1 : 1;
  if (x->out != y->out)
    return x->out ? -1 : 1;
  return x->out ? strcmp (x->id, y->id) : 0;
}

/* Movements usually come in date order already. */
static gboolean
is_sorted (GArray *moves)
{
  for (guint i = 1; i < moves->len; i++)
    if (compare_rotation (&g_array_index (moves, GrRotationMove, i - 1),
                          &g_array_index (moves, GrRotationMove, i)) > 0)
      return FALSE;
  return TRUE;
}

static void
report (GrRulesContext     *ctx,
        RulePlan           *plan,
        const GrVacancy    *vacancy)
{
  const GrRotationMove *out = vacancy->out;
  const char *name;
  g_autofree char *out_date = NULL, *quantity = NULL, *deadline_text = NULL;
  int months = vacancy->months;
  GrSeverity severity;
  GrFinding *finding;
  GrDay deadline = vacancy->deadline, life_end;
  char *message;

  /* Only vacancies whose life touches the plan's window. */
  life_end = vacancy->closed != GR_DAY_NONE ? vacancy->closed : GR_DAY_MAX;
  if (out->day > plan->win_end || life_end < plan->win_start)
    return;
  if (vacancy->closed != GR_DAY_NONE && vacancy->closed <= deadline)
    return;

  name = gr_rules_plan_name (plan);
  out_date = gr_day_to_iso (out->day);
  quantity = gr_format_tonnes (out->quantity_kg);
  deadline_text = gr_day_to_iso (deadline);
  if (vacancy->closed != GR_DAY_NONE)
    {
      g_autofree char *closed = gr_day_to_iso (vacancy->closed);

      severity = GR_SEVERITY_VIOLATION;
      /* TRANSLATORS: plan, rotate-out date, quantity, months, deadline, date filled →
       * "市储备粮公司 中晚籼稻 计划 10,000 吨：2025-11-20 轮出 2,000 吨，架空期 4 个月至 2026-03-31，2026-04-15 才轮入补足" */
      message = g_strdup_printf (_("%s: %s rotated out %s; the vacancy of %d months ended on %s but was filled only on %s"),
                                 name, out_date, quantity, months, deadline_text, closed);
    }
  else if (ctx->as_of > deadline)
    {
      g_autofree char *missing = gr_format_tonnes (vacancy->remaining_kg);

      severity = GR_SEVERITY_VIOLATION;
      /* TRANSLATORS: plan, rotate-out date, quantity, months, deadline, quantity not yet rotated in →
       * "市储备粮公司 中晚籼稻 计划 10,000 吨：2025-11-20 轮出 2,000 吨，架空期 4 个月已于 2026-03-31 届满，尚有 800 吨未轮入" */
      message = g_strdup_printf (_("%s: %s rotated out %s; the vacancy of %d months ended on %s and %s is still to be rotated in"),
                                 name, out_date, quantity, months, deadline_text, missing);
    }
  else
    {
      g_autofree char *missing = gr_format_tonnes (vacancy->remaining_kg);

      severity = GR_SEVERITY_WARNING;
      /* TRANSLATORS: plan, rotate-out date, quantity, quantity not yet rotated in, deadline, months →
       * "市储备粮公司 中晚籼稻 计划 10,000 吨：2026-09-10 轮出 2,000 吨，尚有 2,000 吨须在 2027-01-31 前轮入（架空期 4 个月）" */
      message = g_strdup_printf (_("%s: %s rotated out %s; %s is to be rotated in by %s (a vacancy of %d months)"),
                                 name, out_date, quantity, missing, deadline_text, months);
    }
  finding = gr_rules_emit (ctx, GR_RULE_ROTATION_VACANCY, severity, "plan", plan->id, deadline, message);
  gr_rules_about_plan (finding, plan);
}

/* The deadline: the last day of the months-th month after the rotate-out's
 * (20 Nov + 4 → 31 Mar); the approved item of the lot's rotation plan for
 * that month adds the extension. */
static void
set_deadline (GrRulesContext     *ctx,
              const GrRuleParams *params,
              GrVacancy          *vacancy)
{
  int y, m, d, index;

  gr_day_to_ymd (vacancy->out->day, &y, &m, &d);
  vacancy->months = params->months;
  index = y * 12 + m - 1 + params->months;
  vacancy->deadline = gr_day_month_end (index / 12, index % 12 + 1);
  /* Looked up only for a vacancy that outlives its base deadline. */
  if ((vacancy->closed == GR_DAY_NONE || vacancy->closed > vacancy->deadline) &&
      params->extension_months > 0 && g_hash_table_size (ctx->extensions) > 0)
    {
      g_autofree char *key = g_strdup_printf ("%s\037%04d-%02d", vacancy->out->lot->id, y, m);

      if (g_hash_table_contains (ctx->extensions, key))
        {
          vacancy->months += params->extension_months;
          index += params->extension_months;
          vacancy->deadline = gr_day_month_end (index / 12, index % 12 + 1);
        }
    }
}

GArray *
gr_rules_plan_vacancies (GrRulesContext     *ctx,
                         const GrRuleParams *params,
                         RulePlan           *plan,
                         GArray             *fills)
{
  GArray *vacancies = g_array_new (FALSE, TRUE, sizeof (GrVacancy));
  const GrRotationMove *moves;
  guint first_open = 0;

  if (plan->rotations == NULL || plan->rotations->len == 0)
    return vacancies;
  if (!is_sorted (plan->rotations))
    g_array_sort (plan->rotations, compare_rotation);
  moves = (const GrRotationMove *) (gpointer) plan->rotations->data;

  for (guint j = 0; j < plan->rotations->len; j++)
    {
      const GrRotationMove *move = &moves[j];
      gint64 left;

      if (move->out)
        {
          GrVacancy vacancy = { move, move->quantity_kg, GR_DAY_NONE, GR_DAY_NONE, 0 };

          g_array_append_val (vacancies, vacancy);
          continue;
        }
      /* A rotate-in splits across the open vacancies, oldest first;
       * any excess is ordinary stock. */
      left = move->quantity_kg;
      while (left > 0 && first_open < vacancies->len)
        {
          GrVacancy *open = &g_array_index (vacancies, GrVacancy, first_open);
          gint64 take = MIN (left, open->remaining_kg);

          open->remaining_kg -= take;
          left -= take;
          if (fills != NULL)
            {
              GrVacancyFill fill = { first_open, move->day, take, move };

              g_array_append_val (fills, fill);
            }
          if (open->remaining_kg == 0)
            {
              open->closed = move->day;
              first_open++;
            }
        }
    }

  for (guint j = 0; j < vacancies->len; j++)
    set_deadline (ctx, params, &g_array_index (vacancies, GrVacancy, j));
  return vacancies;
}

void
gr_rules_rotation_vacancy (GrRulesContext     *ctx,
                           const GrRuleParams *params)
{
  for (guint i = 0; i < ctx->plans->len; i++)
    {
      RulePlan *plan = ctx->plans->pdata[i];
      g_autoptr(GArray) vacancies = NULL;

      if (plan->rotations->len == 0)
        continue;
      vacancies = gr_rules_plan_vacancies (ctx, params, plan, NULL);
      for (guint j = 0; j < vacancies->len; j++)
        report (ctx, plan, &g_array_index (vacancies, GrVacancy, j));
    }
}
