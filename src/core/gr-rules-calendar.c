/* gr-rules-calendar.c: report.monthly and plan.annual, the deadline rules
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-rules"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gr-rules-private.h"

static GrDay
lookup_day (GHashTable *table,
            const char *a,
            const char *b)
{
  g_autofree char *key = g_strconcat (a, "\037", b, NULL);

  return GPOINTER_TO_UINT (g_hash_table_lookup (table, key));
}

/* Whether the enterprise holds a plan of the rule's scope valid at some
 * time between first and last. */
static gboolean
has_plan_between (const GrRuleParams *params,
                  RuleEnterprise     *enterprise,
                  GrDay               first,
                  GrDay               last)
{
  for (guint i = 0; i < enterprise->plans->len; i++)
    {
      RulePlan *plan = enterprise->plans->pdata[i];

      if ((params->classes & GR_CLASS_BIT (plan->klass)) != 0 &&
          (params->rotation_modes & plan->rotation_mode) != 0 &&
          plan->valid_from <= last && plan->valid_to >= first)
        return TRUE;
    }
  return FALSE;
}

/* Zhongshan 第十五条: the monthly report within 5 working days of the month's end. */
void
gr_rules_report_monthly (GrRulesContext     *ctx,
                         const GrRuleParams *params)
{
  for (guint i = 0; i < ctx->enterprises->len; i++)
    {
      RuleEnterprise *enterprise = ctx->enterprises->pdata[i];

      if ((params->enterprise_kinds & enterprise->kind) == 0)
        continue;

      /* Each month that ended before the as-of date, from the December before the as-of year. */
      for (int index = (ctx->year - 1) * 12 + 11;; index++)
        {
          int year = index / 12, month = index % 12 + 1;
          GrDay month_end = gr_day_month_end (year, month);
          g_autofree char *month_text = NULL, *deadline_text = NULL;
          GrDay deadline, filed;
          GDate date, due;
          GrSeverity severity;
          GrFinding *finding;
          char *message;

          if (month_end >= ctx->as_of)
            break;
          if (!has_plan_between (params, enterprise, gr_day_from_ymd (year, month, 1), month_end))
            continue;

          g_date_clear (&date, 1);
          g_date_set_julian (&date, month_end);
          gr_profile_add_working_days (ctx->profile, &date, params->working_days, &due);
          deadline = g_date_get_julian (&due);
          month_text = g_strdup_printf ("%04d-%02d", year, month);
          filed = lookup_day (ctx->reports, enterprise->id, month_text);
          if (filed != GR_DAY_NONE && filed <= deadline && filed <= ctx->as_of)
            continue;

          deadline_text = gr_day_to_iso (deadline);
          if (ctx->as_of > deadline)
            {
              severity = GR_SEVERITY_VIOLATION;
              if (filed != GR_DAY_NONE && filed <= ctx->as_of)
                {
                  g_autofree char *filed_text = gr_day_to_iso (filed);

                  /* TRANSLATORS: enterprise, month, working days, deadline, date filed →
                   * "市储备粮公司：2026-01 月报告应于月度终了 5 个工作日内（2026-02-06 前）报送，2026-02-10 才报送" */
                  message = g_strdup_printf (_("%s: the monthly report for %s was due within %d working days (by %s) but was filed on %s"),
                                             enterprise->name, month_text, params->working_days, deadline_text, filed_text);
                }
              else
                /* TRANSLATORS: enterprise, month, working days, deadline →
                 * "市储备粮公司：2026-01 月报告应于月度终了 5 个工作日内（2026-02-06 前）报送，尚未报送" */
                message = g_strdup_printf (_("%s: the monthly report for %s was due within %d working days (by %s) and has not been filed"),
                                           enterprise->name, month_text, params->working_days, deadline_text);
            }
          else
            {
              severity = GR_SEVERITY_WARNING;
              /* TRANSLATORS: enterprise, month, deadline → "市储备粮公司：2026-10 月报告须于 2026-11-06 前报送" */
              message = g_strdup_printf (_("%s: the monthly report for %s is due by %s"),
                                         enterprise->name, month_text, deadline_text);
            }
          finding = gr_rules_emit (ctx, GR_RULE_REPORT_MONTHLY, severity, "enterprise", enterprise->id,
                                   deadline, message);
          gr_rules_about_enterprise (finding, enterprise);
        }
    }
}

/* Dongguan 第十二条 (in December), Nanchang 第十九条 (in the fourth
 * quarter): next year's rotation plan, submitted by 31 December. */
void
gr_rules_plan_annual (GrRulesContext     *ctx,
                      const GrRuleParams *params)
{
  GrDay deadline = gr_day_from_ymd (ctx->year - 1, 12, 31);
  GrDay next_deadline = gr_day_from_ymd (ctx->year, 12, 31);
  GrDay period_start = gr_day_from_ymd (ctx->year, params->period_start_month, 1);
  g_autofree char *year_text = g_strdup_printf ("%d", ctx->year);
  g_autofree char *next_text = g_strdup_printf ("%d", ctx->year + 1);
  g_autofree char *deadline_text = gr_day_to_iso (deadline);
  g_autofree char *next_deadline_text = gr_day_to_iso (next_deadline);

  for (guint i = 0; i < ctx->enterprises->len; i++)
    {
      RuleEnterprise *enterprise = ctx->enterprises->pdata[i];
      GrFinding *finding;
      GrDay submitted;
      char *message;

      if ((params->enterprise_kinds & enterprise->kind) == 0)
        continue;

      if (has_plan_between (params, enterprise, ctx->year_start, next_deadline))
        {
          submitted = lookup_day (ctx->submissions, enterprise->id, year_text);
          if (submitted == GR_DAY_NONE || submitted > deadline)
            {
              if (submitted != GR_DAY_NONE && submitted <= ctx->as_of)
                {
                  g_autofree char *submitted_text = gr_day_to_iso (submitted);

                  /* TRANSLATORS: enterprise, year, deadline, date submitted →
                   * "市储备粮公司：2026 年度轮换计划应于 2025-12-31 前提出，2026-01-15 才提出" */
                  message = g_strdup_printf (_("%s: the rotation plan for %d was due by %s but was submitted on %s"),
                                             enterprise->name, ctx->year, deadline_text, submitted_text);
                }
              else
                /* TRANSLATORS: enterprise, year, deadline → "市储备粮公司：2026 年度轮换计划应于 2025-12-31 前提出，尚未提出" */
                message = g_strdup_printf (_("%s: the rotation plan for %d was due by %s and has not been submitted"),
                                           enterprise->name, ctx->year, deadline_text);
              finding = gr_rules_emit (ctx, GR_RULE_PLAN_ANNUAL, GR_SEVERITY_VIOLATION, "enterprise",
                                       enterprise->id, deadline, message);
              gr_rules_about_enterprise (finding, enterprise);
            }
        }

      if (ctx->as_of >= period_start &&
          has_plan_between (params, enterprise, gr_day_from_ymd (ctx->year + 1, 1, 1),
                            gr_day_from_ymd (ctx->year + 1, 12, 31)))
        {
          submitted = lookup_day (ctx->submissions, enterprise->id, next_text);
          if (submitted != GR_DAY_NONE && submitted <= ctx->as_of)
            continue;
          /* TRANSLATORS: enterprise, next year, deadline → "市储备粮公司：2027 年度轮换计划须于 2026-12-31 前提出" */
          message = g_strdup_printf (_("%s: the rotation plan for %d is due by %s"),
                                     enterprise->name, ctx->year + 1, next_deadline_text);
          finding = gr_rules_emit (ctx, GR_RULE_PLAN_ANNUAL, GR_SEVERITY_WARNING, "enterprise",
                                   enterprise->id, next_deadline, message);
          gr_rules_about_enterprise (finding, enterprise);
        }
    }
}
