/* gr-report-subsidy.c: the subsidy statement
 *
 * It loads the engine's context for the period's last day, so the plans'
 * day stock, the release allocation and the vacancy matching are the
 * ones the rules use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gr-error.h"
#include "gr-format.h"
#include "gr-json-writer.h"
#include "gr-report-subsidy.h"
#include "gr-rules-private.h"

static void
plan_free (gpointer data)
{
  GrSubsidyPlan *plan = data;

  g_free (plan->plan);
  g_free (plan->plan_name);
  g_free (plan->enterprise);
  g_free (plan->variety);
  g_free (plan);
}

void
gr_subsidy_free (GrSubsidyStatement *statement)
{
  if (statement == NULL)
    return;
  g_clear_pointer (&statement->plans, g_ptr_array_unref);
  g_free (statement);
}

static int
compare_plans (gconstpointer a,
               gconstpointer b)
{
  const GrSubsidyPlan *x = *(GrSubsidyPlan * const *) a, *y = *(GrSubsidyPlan * const *) b;
  int c = strcmp (x->enterprise, y->enterprise);

  return c != 0 ? c : strcmp (x->plan, y->plan);
}

/* After a release: an order of the plan's enterprise and variety issued
 * on or before day and not completed by then. */
static gboolean
after_release (GrRulesContext *ctx,
               RulePlan       *plan,
               GrDay           day)
{
  for (guint i = 0; i < ctx->releases->len; i++)
    {
      RuleRelease *order = ctx->releases->pdata[i];

      if (order->date > day)
        break;
      if (order->enterprise == plan->enterprise && order->variety == plan->variety &&
          (order->completed == GR_DAY_NONE || day < order->completed))
        return TRUE;
    }
  return FALSE;
}

/* The quantity still vacant at the end of day of the vacancies whose base
 * deadline is before day: an approved extension allows the vacancy but
 * is not paid for (Dongguan 第十七条 "延长期内不能享受"). */
static gint64
unpaid_vacant (GArray *vacancies,
               GArray *fills,
               int     months,
               GrDay   day)
{
  gint64 unpaid = 0;

  for (guint v = 0; v < vacancies->len; v++)
    {
      const GrVacancy *vacancy = &g_array_index (vacancies, GrVacancy, v);
      int y, m, d, index;
      gint64 vacant;

      if (vacancy->out->day > day)
        continue;
      gr_day_to_ymd (vacancy->out->day, &y, &m, &d);
      index = y * 12 + m - 1 + months;
      if (gr_day_month_end (index / 12, index % 12 + 1) >= day)
        continue;
      vacant = vacancy->out->quantity_kg;
      for (guint f = 0; f < fills->len; f++)
        {
          const GrVacancyFill *fill = &g_array_index (fills, GrVacancyFill, f);

          if (fill->vacancy == v && fill->day <= day)
            vacant -= fill->quantity_kg;
        }
      unpaid += vacant;
    }
  return unpaid;
}

static GrSubsidyPlan *
compute_plan (GrRulesContext *ctx,
              RulePlan       *plan,
              GrDay           first,
              GrDay           last,
              guint           days_in_year)
{
  GrProfile *profile = ctx->profile;
  const GrRuleParams *min_ratio = gr_profile_get_rule (profile, GR_RULE_STOCK_MIN_RATIO);
  const GrRuleParams *vacancy_rule = gr_profile_get_rule (profile, GR_RULE_ROTATION_VACANCY);
  gboolean actual_after_release = gr_profile_subsidy_actual_after_release (profile);
  gboolean vacancy_unpaid = gr_profile_subsidy_vacancy_unpaid (profile) && vacancy_rule != NULL &&
                            vacancy_rule->enabled && plan->vacancy_scope;
  int percent = 100;
  g_autoptr(GArray) vacancies = NULL;
  g_autoptr(GArray) fills = g_array_new (FALSE, FALSE, sizeof (GrVacancyFill));
  GrSubsidyPlan *out = g_new0 (GrSubsidyPlan, 1);
  gint64 basis_sum = 0;
  guint n_days = last - first + 1;
  double rate = gr_profile_get_subsidy_rate (profile, plan->variety);

  if (min_ratio != NULL && min_ratio->enabled && min_ratio->percent[plan->klass] >= 0)
    percent = min_ratio->percent[plan->klass];
  if (vacancy_unpaid)
    vacancies = gr_rules_plan_vacancies (ctx, vacancy_rule, plan, fills);

  out->plan = g_strdup (plan->id);
  out->plan_name = g_strdup (gr_rules_plan_name (plan));
  out->enterprise = g_strdup (plan->enterprise->id);
  out->variety = g_strdup (plan->variety);

  for (GrDay day = first; day <= last; day++)
    {
      gint64 stock, basis;

      if (day < plan->valid_from || day > plan->valid_to)
        {
          out->days_inactive++;
          continue;
        }
      stock = gr_rules_plan_stock (plan, day);
      if (actual_after_release && stock * 100 < plan->quantity_kg * percent &&
          after_release (ctx, plan, day))
        {
          basis = MAX (stock, 0);
          out->days_actual++;
        }
      else
        {
          gint64 unpaid = vacancy_unpaid ? unpaid_vacant (vacancies, fills, vacancy_rule->months, day) : 0;

          basis = MAX (plan->quantity_kg - unpaid, 0);
          if (unpaid > 0)
            out->days_vacancy++;
          else
            out->days_quantity++;
        }
      basis_sum += basis;
    }

  out->basis_kg = (basis_sum + n_days / 2) / n_days;
  out->has_rate = rate >= 0;
  if (out->has_rate)
    {
      /* yuan = rate × kg / 1000 × 2000 / N = rate × kg × 2 / N, so fen =
       * rate_e4 × Σkg / (50 N) with the rate in 1/10000 yuan: integers, and
       * one rounding, half up. */
      gint64 rate_e4 = llround (rate * 10000);
      gint64 divisor = 50 * (gint64) days_in_year;

      out->rate = rate;
      out->amount_fen = (rate_e4 * basis_sum + divisor / 2) / divisor;
    }
  return out;
}

GrSubsidyStatement *
gr_subsidy_compute (GrStore     *store,
                    GrProfile   *profile,
                    int          year,
                    int          month,
                    GError     **error)
{
  g_auto(GrRulesContext) ctx = { 0 };
  g_autoptr(GrSubsidyStatement) statement = NULL;
  GrDay first, last;

  if (year < 1900 || year > 2199)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("“%d” is not a year"), year);
      return NULL;
    }
  if (month < 0 || month > 12)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("“%d” is not a month (1–12)"), month);
      return NULL;
    }
  first = gr_day_from_ymd (year, month ? month : 1, 1);
  last = month ? gr_day_month_end (year, month) : gr_day_from_ymd (year, 12, 31);

  if (!gr_rules_context_init (&ctx, store, profile, last, error))
    return NULL;

  statement = g_new0 (GrSubsidyStatement, 1);
  statement->year = year;
  statement->month = month;
  statement->days_in_year = g_date_is_leap_year (year) ? 366 : 365;
  statement->days = last - first + 1;
  statement->plans = g_ptr_array_new_with_free_func (plan_free);

  for (guint i = 0; i < ctx.plans->len; i++)
    {
      RulePlan *plan = ctx.plans->pdata[i];
      GrSubsidyPlan *entry;

      /* Plans not valid at any time of the period have nothing to state. */
      if (plan->valid_from > last || plan->valid_to < first)
        continue;
      entry = compute_plan (&ctx, plan, first, last, statement->days_in_year);
      if (entry->has_rate)
        {
          statement->total_fen += entry->amount_fen;
          statement->any_rate = TRUE;
        }
      g_ptr_array_add (statement->plans, entry);
    }
  g_ptr_array_sort (statement->plans, compare_plans);
  return g_steal_pointer (&statement);
}

static void
append_yuan (GString *out,
             gint64   fen)
{
  g_string_append_printf (out, "%" G_GINT64_FORMAT ".%02d", fen / 100, (int) (fen % 100));
}

char *
gr_subsidy_to_json (GrSubsidyStatement *statement)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "{\"year\": %d", statement->year);
  if (statement->month)
    g_string_append_printf (out, ", \"month\": %d", statement->month);
  g_string_append (out, ", \"plans\": [");
  for (guint i = 0; i < statement->plans->len; i++)
    {
      GrSubsidyPlan *p = statement->plans->pdata[i];
      g_autofree char *basis = gr_kg_to_tonnes_string (p->basis_kg);

      g_string_append (out, i ? ", {\"plan\": " : "{\"plan\": ");
      gr_json_append_string (out, p->plan);
      g_string_append (out, ", \"variety\": ");
      gr_json_append_string (out, p->variety);
      g_string_append (out, ", \"rate_yuan_per_jin_year\": ");
      if (p->has_rate)
        gr_json_append_double (out, p->rate);
      else
        g_string_append (out, "null");
      g_string_append_printf (out, ", \"basis_t\": %s, \"amount_yuan\": ", basis);
      if (p->has_rate)
        append_yuan (out, p->amount_fen);
      else
        g_string_append (out, "null");
      g_string_append_printf (out, ", \"days\": {\"inactive\": %u, \"quantity\": %u, \"actual\": %u, \"vacancy\": %u}}",
                              p->days_inactive, p->days_quantity, p->days_actual, p->days_vacancy);
    }
  g_string_append (out, "], \"total_yuan\": ");
  append_yuan (out, statement->total_fen);
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}
