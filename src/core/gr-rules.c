/* gr-rules.c: the engine's entry point and the helpers its rule families share
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-error.h"
#include "gr-format.h"
#include "gr-rules.h"
#include "gr-rules-private.h"

/* ---- Days ----------------------------------------------------------------
 * The movement pass parses a date per row, so this avoids GDate there:
 * days from the civil date (H. Hinnant's algorithm), shifted so that day 1
 * is 1 January of year 1 like g_date_get_julian(). */

GrDay
gr_day_from_ymd (int year,
                 int month,
                 int day)
{
  int y = year - (month <= 2);
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  /* era × 146097 + doe is days since 0000-03-01; 0001-01-01 is day 306 of that count. */
  return (GrDay) (era * 146097 + doe - 305);
}

void
gr_day_to_ymd (GrDay  day,
               int   *year,
               int   *month,
               int   *mday)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  *year = g_date_get_year (&date);
  *month = g_date_get_month (&date);
  *mday = g_date_get_day (&date);
}

static inline int
digits (const char *p,
        int         n)
{
  int value = 0;

  for (int i = 0; i < n; i++)
    {
      if (p[i] < '0' || p[i] > '9')
        return -1;
      value = value * 10 + (p[i] - '0');
    }
  return value;
}

GrDay
gr_day_parse (const char *iso)
{
  int y, m, d;

  if (iso == NULL || strlen (iso) != 10 || iso[4] != '-' || iso[7] != '-')
    return GR_DAY_NONE;
  y = digits (iso, 4);
  m = digits (iso + 5, 2);
  d = digits (iso + 8, 2);
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > g_date_get_days_in_month (m, y))
    return GR_DAY_NONE;
  return gr_day_from_ymd (y, m, d);
}

GrDay
gr_day_month_end (int year,
                  int month)
{
  return gr_day_from_ymd (year, month, g_date_get_days_in_month (month, year));
}

GrDay
gr_day_add_months (GrDay day,
                   int   months)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  /* GLib clamps to the month's last day: 29 Feb + 12 months → 28 Feb. */
  g_date_add_months (&date, months);
  return g_date_get_julian (&date);
}

char *
gr_day_to_iso (GrDay day)
{
  int y, m, d;

  gr_day_to_ymd (day, &y, &m, &d);
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

int
gr_day_month_index (GrDay day)
{
  int y, m, d;

  gr_day_to_ymd (day, &y, &m, &d);
  return y * 12 + m - 1;
}

/* ---- Findings ------------------------------------------------------------ */

GrFinding *
gr_rules_emit (GrRulesContext *ctx,
               GrRuleId        rule,
               GrSeverity      severity,
               const char     *subject_type,
               const char     *subject_id,
               GrDay           due,
               char           *message)
{
  const GrRuleParams *params = gr_profile_get_rule (ctx->profile, rule);
  GrFinding *finding = gr_finding_new (gr_rule_id_to_string (rule), severity, subject_type, subject_id);

  g_assert (params != NULL);
  if (due != GR_DAY_NONE)
    finding->due = gr_day_to_iso (due);
  if (params->our_reading && params->reading != NULL)
    {
      /* TRANSLATORS: appended to a finding whose figure is our reading of the
       * article rather than its text: "（按广东省储备粮储存年限规定执行）" */
      finding->message = g_strdup_printf (_("%s (applied as: %s)"), message, params->reading);
      g_free (message);
    }
  else
    finding->message = message;
  finding->document = g_strdup (params->document);
  finding->article = g_strdup (params->article);
  g_ptr_array_add (ctx->findings, finding);
  return finding;
}

void
gr_rules_about_enterprise (GrFinding      *finding,
                           RuleEnterprise *enterprise)
{
  if (enterprise == NULL)
    return;
  g_free (finding->enterprise);
  finding->enterprise = g_strdup (enterprise->id);
  if (finding->subject_name == NULL)
    finding->subject_name = g_strdup (enterprise->name);
}

void
gr_rules_about_plan (GrFinding *finding,
                     RulePlan  *plan)
{
  g_free (finding->variety);
  finding->variety = g_strdup (plan->variety);
  if (finding->subject_name == NULL)
    finding->subject_name = g_strdup (gr_rules_plan_name (plan));
  gr_rules_about_enterprise (finding, plan->enterprise);
}

void
gr_rules_about_lot (GrFinding *finding,
                    RuleLot   *lot)
{
  if (finding->subject_name == NULL)
    finding->subject_name = g_strdup (gr_rules_lot_name (lot));
  if (lot->bin != NULL && lot->bin->depot != NULL)
    {
      g_free (finding->depot);
      finding->depot = g_strdup (lot->bin->depot->id);
    }
  gr_rules_about_plan (finding, lot->plan);
  g_free (finding->variety);
  finding->variety = g_strdup (lot->variety);
}

const char *
gr_rules_lot_name (RuleLot *lot)
{
  if (lot->name == NULL)
    {
      const char *depot = lot->bin && lot->bin->depot ? lot->bin->depot->name : "?";
      const char *bin = lot->bin ? lot->bin->code : "?";

      /* TRANSLATORS: a lot named by where it is and what it holds:
       * depot, bin code, variety → "城南库 P01仓 中晚籼稻" */
      lot->name = g_strdup_printf (_("%s bin %s %s"), depot, bin, gr_variety_name (lot->variety));
    }
  return lot->name;
}

const char *
gr_rules_plan_name (RulePlan *plan)
{
  if (plan->name == NULL)
    {
      g_autofree char *quantity = gr_format_tonnes (plan->quantity_kg);

      /* TRANSLATORS: a storage plan: enterprise, variety, quantity →
       * "市储备粮公司 中晚籼稻 计划 10,000 吨" */
      plan->name = g_strdup_printf (_("%s %s plan of %s"), plan->enterprise ? plan->enterprise->name : "?",
                                    gr_variety_name (plan->variety), quantity);
    }
  return plan->name;
}

char *
gr_rules_format_ratio (gint64 part_kg,
                       gint64 whole_kg)
{
  gint64 permille;

  if (whole_kg <= 0)
    return g_strdup ("—");
  /* Floor, so 74.99 % never shows as 75 % next to "below 75 %". */
  permille = part_kg >= 0 ? (part_kg * 1000) / whole_kg : -(((-part_kg) * 1000 + whole_kg - 1) / whole_kg);
  if (permille % 10 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT "%%", permille / 10);
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%d%%", permille / 10, (int) ABS (permille % 10));
}

/* ---- Stock ------------------------------------------------------------- */

gboolean
gr_rules_plan_active (RulePlan *plan,
                      GrDay     day)
{
  return plan->valid_from <= day && day <= plan->valid_to &&
         (plan->fill_by == GR_DAY_NONE || day >= plan->fill_by);
}

gint64
gr_rules_plan_stock (RulePlan *plan,
                     GrDay     day)
{
  const GrStockDay *days = (const GrStockDay *) (gpointer) plan->days->data;
  guint lo = 0, hi = plan->days->len;

  /* The last day with movements on or before day. */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (days[mid].day <= day)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo == 0 ? plan->opening_kg : days[lo - 1].stock_kg;
}

gint64
gr_rules_plan_month_stock (RulePlan *plan,
                           int       month_index)
{
  const GrMonthStock *months = (const GrMonthStock *) (gpointer) plan->months->data;
  guint lo = 0, hi = plan->months->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (months[mid].month <= month_index)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo == 0 ? 0 : months[lo - 1].stock_kg;
}

gint64
gr_rules_lot_as_of_kg (RuleLot *lot)
{
  return lot->balance_kg - lot->after_as_of_kg;
}

gboolean
gr_rules_lot_covered (GrRulesContext *ctx,
                      RuleLot        *lot)
{
  return gr_profile_covers_class (ctx->profile, lot->klass);
}

/* ---- Entry point ---------------------------------------------------------- */

static void
enterprise_free (gpointer data)
{
  RuleEnterprise *e = data;

  g_free (e->id);
  g_free (e->name);
  g_ptr_array_unref (e->plans);
  g_free (e);
}

static void
depot_free (gpointer data)
{
  RuleDepot *d = data;

  g_free (d->id);
  g_free (d->name);
  g_free (d);
}

static void
bin_free (gpointer data)
{
  RuleBin *b = data;

  g_free (b->id);
  g_free (b->code);
  g_ptr_array_unref (b->lots);
  g_free (b);
}

static void
plan_free (gpointer data)
{
  RulePlan *p = data;

  g_free (p->id);
  g_free (p->name);
  g_array_unref (p->days);
  g_array_unref (p->months);
  g_clear_pointer (&p->rotations, g_array_unref);
  g_ptr_array_unref (p->lots);
  g_free (p);
}

static void
lot_free (gpointer data)
{
  RuleLot *l = data;

  g_free (l->name);
  g_free (l);
}

static void
release_free (gpointer data)
{
  RuleRelease *r = data;

  g_free (r->id);
  g_free (r->order_no);
  g_free (r);
}

void
gr_rules_context_clear (GrRulesContext *ctx)
{
  g_clear_pointer (&ctx->enterprise_by_id, g_hash_table_unref);
  g_clear_pointer (&ctx->depot_by_id, g_hash_table_unref);
  g_clear_pointer (&ctx->bin_by_id, g_hash_table_unref);
  g_clear_pointer (&ctx->plan_by_id, g_hash_table_unref);
  g_clear_pointer (&ctx->lot_index.slots, g_free);
  g_clear_pointer (&ctx->releases, g_ptr_array_unref);
  g_clear_pointer (&ctx->lots, g_ptr_array_unref);
  g_clear_pointer (&ctx->plans, g_ptr_array_unref);
  g_clear_pointer (&ctx->bins, g_ptr_array_unref);
  g_clear_pointer (&ctx->depots, g_ptr_array_unref);
  g_clear_pointer (&ctx->enterprises, g_ptr_array_unref);
  g_clear_pointer (&ctx->window_moves, g_array_unref);
  g_clear_pointer (&ctx->replenishments, g_array_unref);
  g_clear_pointer (&ctx->extensions, g_hash_table_unref);
  g_clear_pointer (&ctx->reports, g_hash_table_unref);
  g_clear_pointer (&ctx->submissions, g_hash_table_unref);
  g_clear_pointer (&ctx->strings, g_string_chunk_free);
  g_clear_pointer (&ctx->findings, g_ptr_array_unref);
}


gboolean
gr_rules_context_init (GrRulesContext *ctx,
                       GrStore        *store,
                       GrProfile      *profile,
                       GrDay           as_of,
                       GError        **error)
{
  int y, m, d;

  ctx->store = store;
  ctx->profile = profile;
  ctx->as_of = as_of;
  gr_day_to_ymd (ctx->as_of, &y, &m, &d);
  ctx->year = y;
  ctx->month = m;
  ctx->year_start = gr_day_from_ymd (y, 1, 1);

  ctx->enterprises = g_ptr_array_new_with_free_func (enterprise_free);
  ctx->depots = g_ptr_array_new_with_free_func (depot_free);
  ctx->bins = g_ptr_array_new_with_free_func (bin_free);
  ctx->plans = g_ptr_array_new_with_free_func (plan_free);
  ctx->lots = g_ptr_array_new_with_free_func (lot_free);
  ctx->releases = g_ptr_array_new_with_free_func (release_free);
  ctx->enterprise_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  ctx->depot_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  ctx->bin_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  ctx->plan_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  ctx->window_moves = g_array_new (FALSE, FALSE, sizeof (GrWindowMove));
  ctx->replenishments = g_array_new (FALSE, FALSE, sizeof (GrReplenishMove));
  ctx->extensions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx->reports = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx->submissions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx->strings = g_string_chunk_new (4096);
  ctx->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_finding_free);

  if (!gr_rules_load (ctx, error))
    return FALSE;
  gr_rules_allocate_releases (ctx, NULL);
  return TRUE;
}

typedef void (*RuleFunc) (GrRulesContext *ctx, const GrRuleParams *params);

static const RuleFunc rule_funcs[GR_N_RULES] = {
  [GR_RULE_STOCK_MIN_RATIO]     = gr_rules_stock_min_ratio,
  [GR_RULE_STOCK_FULL_MONTH]    = gr_rules_stock_full_month,
  [GR_RULE_AGE_LIMIT]           = gr_rules_age_limit,
  [GR_RULE_SHELF_LIFE]          = gr_rules_shelf_life,
  [GR_RULE_ROTATION_VACANCY]    = gr_rules_rotation_vacancy,
  [GR_RULE_RELEASE_REPLENISH]   = gr_rules_release_replenish,
  [GR_RULE_QUALITY_STORAGE]     = gr_rules_quality_storage,
  [GR_RULE_QUALITY_GRADE]       = gr_rules_quality_grade,
  [GR_RULE_ROTATION_NEWER_IN]   = gr_rules_rotation_newer_in,
  [GR_RULE_INTAKE_NEW_GRAIN]    = gr_rules_intake_new_grain,
  [GR_RULE_STORAGE_SEGREGATION] = gr_rules_storage_segregation,
  [GR_RULE_REPORT_MONTHLY]      = gr_rules_report_monthly,
  [GR_RULE_PLAN_ANNUAL]         = gr_rules_plan_annual,
  [GR_RULE_STOCK_NEGATIVE]      = gr_rules_stock_negative,
};

GPtrArray *
gr_rules_check (GrStore     *store,
                GrProfile   *profile,
                const char  *as_of,
                GError     **error)
{
  g_auto(GrRulesContext) ctx = { 0 };
  g_autoptr(GTimer) timer = NULL;
  g_autofree char *today = NULL;

  g_return_val_if_fail (GR_IS_STORE (store), NULL);
  g_return_val_if_fail (profile != NULL, NULL);

  if (as_of == NULL)
    as_of = today = gr_today_iso ();
  if (!gr_date_parse (as_of, NULL))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("“%s” is not a date (YYYY-MM-DD)"), as_of);
      return NULL;
    }

  timer = g_timer_new ();
  if (!gr_rules_context_init (&ctx, store, profile, gr_day_parse (as_of), error))
    return NULL;
  g_debug ("loaded %u plans, %u lots, %u window movements in %.3f s",
           ctx.plans->len, ctx.lots->len, ctx.window_moves->len, g_timer_elapsed (timer, NULL));

  for (guint i = 0; i < GR_N_RULES; i++)
    {
      const GrRuleParams *params = gr_profile_get_rule (profile, i);

      if (params == NULL)
        continue;
      g_timer_start (timer);
      rule_funcs[i] (&ctx, params);
      g_debug ("%s: %.3f s", gr_rule_id_to_string (i), g_timer_elapsed (timer, NULL));
    }

  gr_findings_sort (ctx.findings);
  return g_steal_pointer (&ctx.findings);
}
