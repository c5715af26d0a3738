/* gr-kpi.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-kpi"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gr-error.h"
#include "gr-format.h"
#include "gr-kpi.h"
#include "gr-variety.h"

/* A plan as the figures need it: when it is in force and what it holds. */
typedef struct {
  char   *id;
  char   *variety;
  gint64  quantity_kg;
  char   *valid_from;
  char   *valid_to;     /* NULL: open */
  char   *fill_by;      /* NULL: none */
  gint64  stock_kg;     /* on the as-of date; in a region, of its lots there */
} KpiPlan;

static void
kpi_plan_free (gpointer data)
{
  KpiPlan *plan = data;

  g_free (plan->id);
  g_free (plan->variety);
  g_free (plan->valid_from);
  g_free (plan->valid_to);
  g_free (plan->fill_by);
  g_free (plan);
}

/* DESIGN.md §4: active on day d when valid_from ≤ d ≤ valid_to and, with
 * fill_by, d ≥ fill_by. ISO dates compare as strings. */
static gboolean
kpi_plan_active (const KpiPlan *plan,
                 const char    *day)
{
  if (plan->valid_from == NULL || strcmp (plan->valid_from, day) > 0)
    return FALSE;
  if (plan->valid_to != NULL && strcmp (plan->valid_to, day) < 0)
    return FALSE;
  if (plan->fill_by != NULL && strcmp (plan->fill_by, day) > 0)
    return FALSE;
  return TRUE;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

static gboolean
step_done (GrStore       *store,
           sqlite3_stmt  *stmt,
           int            rc,
           GError       **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  gr_store_set_error (store, error, _("Could not read the figures of the Overview"));
  sqlite3_reset (stmt);
  return FALSE;
}

void
gr_kpi_series_free (GrKpiSeries *series)
{
  if (series == NULL)
    return;
  g_free (series->key);
  g_free (series);
}

static GrKpiSeries *
series_new (const char *key)
{
  GrKpiSeries *series = g_new0 (GrKpiSeries, 1);

  series->key = g_strdup (key);
  return series;
}

static void
variety_clear (gpointer data)
{
  GrKpiVariety *variety = data;

  g_free (variety->variety);
}

void
gr_kpi_free (GrKpi *kpi)
{
  if (kpi == NULL)
    return;
  g_free (kpi->as_of);
  g_free (kpi->scope_id);
  g_clear_pointer (&kpi->varieties, g_array_unref);
  for (guint i = 0; i < GR_KPI_MONTHS; i++)
    g_free (kpi->months[i]);
  g_clear_pointer (&kpi->series, g_ptr_array_unref);
  g_free (kpi);
}

/*
 * The parts of gr_kpi_collect ()
 */

/* The plans of the scope, each with the stock of its lots (only the lots
 * in the region, for a region). */
static GPtrArray *
load_plans (GrStore     *store,
            GrKpi       *kpi,
            GError     **error)
{
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func (kpi_plan_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) stock = NULL;
  int rc;

  stmt = gr_store_prepare (store,
                           "SELECT id, variety, coalesce (quantity_kg, 0), valid_from, valid_to, fill_by"
                           " FROM plans WHERE deleted = 0 AND (?1 IS NULL OR enterprise = ?1)"
                           " ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  if (kpi->scope == GR_KPI_SCOPE_ENTERPRISE)
    sqlite3_bind_text (stmt, 1, kpi->scope_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KpiPlan *plan = g_new0 (KpiPlan, 1);

      plan->id = column_dup (stmt, 0);
      plan->variety = column_dup (stmt, 1);
      plan->quantity_kg = sqlite3_column_int64 (stmt, 2);
      plan->valid_from = column_dup (stmt, 3);
      plan->valid_to = column_dup (stmt, 4);
      plan->fill_by = column_dup (stmt, 5);
      if (plan->id == NULL || !gr_variety_is_valid (plan->variety))
        {
          kpi_plan_free (plan);
          continue;
        }
      g_ptr_array_add (plans, plan);
      g_hash_table_insert (by_id, plan->id, plan);
    }
  if (!step_done (store, stmt, rc, error))
    return NULL;

  /* In a region, the balances of the lots in its bins (through the
   * depot → bin → lot indexes); elsewhere the plans' snapshots give the
   * stock (sum_month_ends). */
  if (kpi->scope != GR_KPI_SCOPE_REGION)
    return g_steal_pointer (&plans);
  stock = gr_store_prepare (store,
                            "SELECT l.plan, sum (l.balance_kg)"
                            " FROM depots d JOIN bins b ON b.depot = d.id JOIN lots l ON l.bin = b.id"
                            " WHERE d.region = ?1 AND d.deleted = 0 AND b.deleted = 0 AND l.deleted = 0"
                            " GROUP BY l.plan", error);
  if (stock == NULL)
    return NULL;
  sqlite3_bind_text (stock, 1, kpi->scope_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stock)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stock, 0);
      KpiPlan *plan = id ? g_hash_table_lookup (by_id, id) : NULL;

      if (plan != NULL)
        plan->stock_kg = sqlite3_column_int64 (stock, 1);
    }
  if (!step_done (store, stock, rc, error))
    return NULL;

  return g_steal_pointer (&plans);
}

static GrKpiVariety *
variety_slot (GArray     *slots,
              const char *variety)
{
  const char * const *codes = gr_variety_codes ();

  for (guint i = 0; codes[i] != NULL; i++)
    if (g_str_equal (codes[i], variety))
      return &g_array_index (slots, GrKpiVariety, i);
  g_return_val_if_reached (NULL);
}

/* Stock and scale on the as-of date, in total, for finished grain and
 * per variety. */
static void
sum_stock (GrKpi     *kpi,
           GPtrArray *plans)
{
  const char * const *codes = gr_variety_codes ();
  g_autoptr(GArray) slots = g_array_new (FALSE, TRUE, sizeof (GrKpiVariety));

  g_array_set_size (slots, g_strv_length ((char **) codes));
  for (guint i = 0; i < plans->len; i++)
    {
      const KpiPlan *plan = plans->pdata[i];
      GrKpiVariety *slot;
      gint64 plan_kg;

      if (!kpi_plan_active (plan, kpi->as_of))
        continue;
      plan_kg = kpi->has_plans ? plan->quantity_kg : 0;
      slot = variety_slot (slots, plan->variety);
      slot->stock_kg += plan->stock_kg;
      slot->plan_kg += plan_kg;
      kpi->stock_kg += plan->stock_kg;
      kpi->scale_kg += plan_kg;
      if (gr_variety_class (plan->variety) == GR_CLASS_FINISHED)
        {
          kpi->finished_stock_kg += plan->stock_kg;
          kpi->finished_plan_kg += plan_kg;
        }
    }

  for (guint i = 0; codes[i] != NULL; i++)
    {
      GrKpiVariety *slot = &g_array_index (slots, GrKpiVariety, i);

      if (slot->stock_kg == 0 && slot->plan_kg == 0)
        continue;
      g_array_append_vals (kpi->varieties, slot, 1);
      g_array_index (kpi->varieties, GrKpiVariety, kpi->varieties->len - 1).variety = g_strdup (codes[i]);
    }
}

/* The month names of the trend and the day each month is read on: its
 * last day, or the as-of date for the as-of month. */
static void
fill_months (GrKpi  *kpi,
             char   *days[GR_KPI_MONTHS])
{
  GDate as_of;

  /* gr_kpi_collect () checked the date */
  if (!gr_date_parse (kpi->as_of, &as_of))
    g_return_if_reached ();
  for (int i = GR_KPI_MONTHS - 1; i >= 0; i--)
    {
      GDate month = as_of;
      guint back = GR_KPI_MONTHS - 1 - i;

      g_date_set_day (&month, 1);
      g_date_subtract_months (&month, back);
      kpi->months[i] = g_strdup_printf ("%04d-%02d", g_date_get_year (&month), g_date_get_month (&month));
      if (back == 0)
        days[i] = g_strdup (kpi->as_of);
      else
        {
          g_date_set_day (&month, g_date_get_days_in_month (g_date_get_month (&month), g_date_get_year (&month)));
          days[i] = gr_date_to_iso (&month);
        }
    }
}

/* Month-end stock of each plan from its snapshots (the latest at or before
 * each month: a month without movements has no row of its own), summed
 * per variety over the plans active at that month end. The snapshot of
 * the as-of month is the plan's stock on the as-of date. */
static gboolean
sum_month_ends (GrStore    *store,
                GrKpi      *kpi,
                GPtrArray  *plans,
                GError    **error)
{
  const char * const *codes = gr_variety_codes ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) by_variety = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_kpi_series_free);
  g_autoptr(GrKpiSeries) total = series_new ("total");
  char *days[GR_KPI_MONTHS] = { NULL };
  gboolean ok = TRUE;

  fill_months (kpi, days);
  if (!kpi->has_plans)
    goto out;

  for (guint i = 0; codes[i] != NULL; i++)
    g_ptr_array_add (by_variety, series_new (codes[i]));

  stmt = gr_store_prepare (store,
                           "SELECT month, stock_kg FROM plan_month_stock"
                           " WHERE plan = ?1 AND month <= ?2 ORDER BY month DESC", error);
  if (stmt == NULL)
    {
      ok = FALSE;
      goto out;
    }

  for (guint p = 0; p < plans->len && ok; p++)
    {
      KpiPlan *plan = plans->pdata[p];
      GrKpiSeries *series = NULL;
      gint64 stock[GR_KPI_MONTHS] = { 0 };
      gboolean any_active = FALSE;
      int month = GR_KPI_MONTHS - 1;
      int rc = SQLITE_DONE;

      for (guint i = 0; codes[i] != NULL; i++)
        if (g_str_equal (codes[i], plan->variety))
          series = by_variety->pdata[i];
      g_assert (series != NULL);

      for (guint m = 0; m < GR_KPI_MONTHS; m++)
        any_active |= kpi_plan_active (plan, days[m]);
      if (!any_active)
        continue;

      /* Newest first: each snapshot holds for its month and every later
       * month down to the next one read. */
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, plan->id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, kpi->months[GR_KPI_MONTHS - 1], -1, SQLITE_STATIC);
      while (month >= 0 && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *snapshot_month = (const char *) sqlite3_column_text (stmt, 0);
          gint64 kg = sqlite3_column_int64 (stmt, 1);

          if (snapshot_month == NULL)
            continue;
          while (month >= 0 && strcmp (kpi->months[month], snapshot_month) >= 0)
            stock[month--] = kg;
        }
      if (month >= 0 && !step_done (store, stmt, rc, error))
        ok = FALSE;
      /* The stock on the as-of date: the snapshot of its month. */
      plan->stock_kg = stock[GR_KPI_MONTHS - 1];

      for (guint m = 0; m < GR_KPI_MONTHS; m++)
        {
          if (!kpi_plan_active (plan, days[m]))
            continue;
          series->stock_kg[m] += stock[m];
          series->plan_kg[m] += plan->quantity_kg;
          total->stock_kg[m] += stock[m];
          total->plan_kg[m] += plan->quantity_kg;
        }
    }
  if (!ok)
    goto out;

  for (guint i = 0; i < by_variety->len; i++)
    {
      GrKpiSeries *series = by_variety->pdata[i];
      gboolean present = FALSE;

      for (guint m = 0; m < GR_KPI_MONTHS; m++)
        present |= series->stock_kg[m] != 0 || series->plan_kg[m] != 0;
      if (present)
        g_ptr_array_add (kpi->series, g_steal_pointer (&by_variety->pdata[i]));
    }
  g_ptr_array_add (kpi->series, g_steal_pointer (&total));

out:
  for (guint m = 0; m < GR_KPI_MONTHS; m++)
    g_free (days[m]);
  return ok;
}

/* The place condition on a depot aliased d, bound to ?1 */
static const char *
depot_condition (GrKpiScope scope)
{
  switch (scope)
    {
    case GR_KPI_SCOPE_ENTERPRISE:
      return "d.enterprise = ?1";
    case GR_KPI_SCOPE_REGION:
      return "d.region = ?1";
    case GR_KPI_SCOPE_ALL:
    default:
      return "?1 IS NULL";
    }
}

/* Quality pass rate (DESIGN.md §4): tonnage of the lots whose latest test
 * in the last 12 months meets the general limits and is 宜存 ÷ tonnage of
 * the lots tested in that period.
 *
 * Until the grading module judges each test against the limits of its
 * standard, a tested lot "meets the general limits" when the lot itself
 * is recorded as 宜存 (storage_quality suitable), not 等外, and of a grade
 * no worse than its plan's required grade (default 3, 中等): the grade and
 * storage quality the lot carries are the results of its tests. A lot
 * with no grade on record cannot be shown to meet the limits and does
 * not pass. */
static gboolean
sum_quality (GrStore  *store,
             GrKpi    *kpi,
             GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *from = NULL;
  GDate start;
  const char *places;
  const char *condition;

  if (!gr_date_parse (kpi->as_of, &start))
    g_return_val_if_reached (FALSE);
  g_date_subtract_months (&start, 12);
  from = gr_date_to_iso (&start);

  /* An enterprise's lots are those of its plans, as for its stock; only
   * a region needs the lots' bins and depots. */
  switch (kpi->scope)
    {
    case GR_KPI_SCOPE_ENTERPRISE:
      places = "";
      condition = "p.enterprise = ?1";
      break;
    case GR_KPI_SCOPE_REGION:
      places = " JOIN bins b ON b.id = l.bin JOIN depots d ON d.id = b.depot";
      condition = "d.region = ?1";
      break;
    case GR_KPI_SCOPE_ALL:
    default:
      places = "";
      condition = "?1 IS NULL";
      break;
    }
  /* The lots tested in the period, from the range of lots_tested after
   * its start (migration 10): a lot whose latest test is after the end of
   * the period counts when it has another test within it. */
  sql = g_strdup_printf ("SELECT coalesce (sum (l.balance_kg), 0),"
                         "  coalesce (sum (l.balance_kg) FILTER (WHERE coalesce (l.storage_quality, 'suitable') = 'suitable'"
                         "    AND coalesce (l.substandard, 0) = 0 AND l.grade IS NOT NULL"
                         "    AND l.grade <= coalesce (p.required_grade, 3)), 0),"
                         "  count (*)"
                         " FROM lots l JOIN plans p ON p.id = l.plan%s"
                         " WHERE l.deleted = 0 AND l.balance_kg > 0 AND %s AND l.tested_on > ?2"
                         "  AND (l.tested_on <= ?3 OR EXISTS (SELECT 1 FROM quality_tests q"
                         "    WHERE q.lot = l.id AND q.deleted = 0 AND q.date > ?2 AND q.date <= ?3))",
                         places, condition);
  stmt = gr_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  if (kpi->scope_id != NULL)
    sqlite3_bind_text (stmt, 1, kpi->scope_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, kpi->as_of, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return step_done (store, stmt, SQLITE_ERROR, error);
  kpi->quality_tested_kg = sqlite3_column_int64 (stmt, 0);
  kpi->quality_passed_kg = sqlite3_column_int64 (stmt, 1);
  kpi->n_lots_tested = (guint) sqlite3_column_int (stmt, 2);
  return TRUE;
}

/* Depots: AAA or better (Guangdong's 等级粮库, 表2 row 13) and
 * informatised, all three flags true (row 15); bins: capacity, and the
 * low-temperature and controlled-atmosphere capacity (row 14). */
static gboolean
sum_depots (GrStore  *store,
            GrKpi    *kpi,
            GError  **error)
{
  g_autoptr(sqlite3_stmt) depots = NULL;
  g_autoptr(sqlite3_stmt) bins = NULL;
  g_autofree char *depots_sql = NULL;
  g_autofree char *bins_sql = NULL;
  const char *condition = depot_condition (kpi->scope);

  depots_sql = g_strdup_printf ("SELECT count (*),"
                                "  count (*) FILTER (WHERE d.grade IN ('AAA', 'AAAA', 'AAAAA')),"
                                "  count (*) FILTER (WHERE json_valid (d.informatised)"
                                "    AND json_extract (d.informatised, '$.data') IS 1"
                                "    AND json_extract (d.informatised, '$.video') IS 1"
                                "    AND json_extract (d.informatised, '$.business') IS 1)"
                                " FROM depots d WHERE d.deleted = 0 AND %s", condition);
  bins_sql = g_strdup_printf ("SELECT coalesce (sum (b.capacity_kg), 0),"
                              "  coalesce (sum (b.capacity_kg) FILTER (WHERE b.storage_tech IN"
                              "    ('quasi_low_temp', 'low_temp', 'controlled_atmosphere')), 0)"
                              /* The depots, then their bins through the index
                               * that holds what is summed (bins_capacity). */
                              " FROM depots d CROSS JOIN bins b ON b.depot = d.id"
                              " WHERE b.deleted = 0 AND d.deleted = 0 AND %s", condition);
  depots = gr_store_prepare (store, depots_sql, error);
  bins = gr_store_prepare (store, bins_sql, error);
  if (depots == NULL || bins == NULL)
    return FALSE;
  if (kpi->scope_id != NULL)
    {
      sqlite3_bind_text (depots, 1, kpi->scope_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (bins, 1, kpi->scope_id, -1, SQLITE_STATIC);
    }
  if (sqlite3_step (depots) != SQLITE_ROW)
    return step_done (store, depots, SQLITE_ERROR, error);
  if (sqlite3_step (bins) != SQLITE_ROW)
    return step_done (store, bins, SQLITE_ERROR, error);

  kpi->n_depots = (guint) sqlite3_column_int (depots, 0);
  kpi->n_depots_aaa = (guint) sqlite3_column_int (depots, 1);
  kpi->n_depots_informatised = (guint) sqlite3_column_int (depots, 2);
  kpi->capacity_kg = sqlite3_column_int64 (bins, 0);
  kpi->low_temp_capacity_kg = sqlite3_column_int64 (bins, 1);
  return TRUE;
}

/*
 * Public API
 */

/**
 * gr_kpi_set_tested_on:
 * @store: the store
 * @error: return location for a #GError
 *
 * Sets every lot's tested_on, the date of its latest quality test not
 * deleted, from its tests. The store's triggers keep it (migration 10);
 * a writer that turns them off for a bulk write calls this afterwards.
 *
 * Returns: %TRUE on success
 */
gboolean
gr_kpi_set_tested_on (GrStore  *store,
                      GError  **error)
{
  return gr_store_exec (store,
                        "UPDATE lots SET tested_on = (SELECT max (date) FROM quality_tests q"
                        "  WHERE q.lot = lots.id AND q.deleted = 0)"
                        " WHERE tested_on IS NOT (SELECT max (date) FROM quality_tests q"
                        "  WHERE q.lot = lots.id AND q.deleted = 0)",
                        error);
}

GrKpi *
gr_kpi_collect (GrStore     *store,
                const char  *as_of,
                GrKpiScope   scope,
                const char  *scope_id,
                GError     **error)
{
  g_autoptr(GrKpi) kpi = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autofree char *today = NULL;

  g_return_val_if_fail (GR_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (as_of == NULL)
    as_of = today = gr_today_iso ();
  if (!gr_date_parse (as_of, NULL))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID,
                   _("“%s” is not a date: give the as-of date as YYYY-MM-DD"), as_of);
      return NULL;
    }
  if (scope != GR_KPI_SCOPE_ALL && (scope_id == NULL || scope_id[0] == '\0'))
    {
      g_set_error_literal (error, GR_ERROR, GR_ERROR_INVALID,
                           scope == GR_KPI_SCOPE_ENTERPRISE ? _("No enterprise given to narrow the figures to")
                                                            : _("No region given to narrow the figures to"));
      return NULL;
    }

  kpi = g_new0 (GrKpi, 1);
  kpi->as_of = g_strdup (as_of);
  kpi->scope = scope;
  kpi->scope_id = scope == GR_KPI_SCOPE_ALL ? NULL : g_strdup (scope_id);
  kpi->has_plans = scope != GR_KPI_SCOPE_REGION;
  kpi->varieties = g_array_new (FALSE, TRUE, sizeof (GrKpiVariety));
  g_array_set_clear_func (kpi->varieties, variety_clear);
  kpi->series = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_kpi_series_free);

  if ((plans = load_plans (store, kpi, error)) == NULL ||
      !sum_month_ends (store, kpi, plans, error))
    return NULL;
  sum_stock (kpi, plans);
  if (!sum_quality (store, kpi, error) ||
      !sum_depots (store, kpi, error))
    return NULL;

  return g_steal_pointer (&kpi);
}

double
gr_kpi_ratio (gint64 num,
              gint64 den)
{
  if (den <= 0)
    return NAN;
  return (double) num / (double) den;
}

double
gr_kpi_days_of_supply (gint64 finished_kg,
                       double daily_consumption_t)
{
  if (!(daily_consumption_t > 0))
    return NAN;
  return (double) finished_kg / (daily_consumption_t * 1000.0);
}

double
gr_kpi_series_ratio (const GrKpiSeries *series,
                     guint              month)
{
  g_return_val_if_fail (series != NULL, NAN);
  g_return_val_if_fail (month < GR_KPI_MONTHS, NAN);

  return gr_kpi_ratio (series->stock_kg[month], series->plan_kg[month]);
}

const GrKpiSeries *
gr_kpi_find_series (const GrKpi *kpi,
                    const char  *key)
{
  g_return_val_if_fail (kpi != NULL, NULL);

  for (guint i = 0; i < kpi->series->len; i++)
    {
      const GrKpiSeries *series = kpi->series->pdata[i];

      if (g_strcmp0 (series->key, key) == 0)
        return series;
    }
  return NULL;
}

const char *
gr_kpi_variety_group (const char *variety)
{
  g_return_val_if_fail (variety != NULL, NULL);

  if (g_str_has_prefix (variety, "paddy_"))
    return "paddy";
  if (gr_variety_is_valid (variety) && gr_variety_class (variety) == GR_CLASS_OIL)
    return "oil";
  return variety;
}

GPtrArray *
gr_kpi_group_series (const GrKpi *kpi)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_kpi_series_free);

  g_return_val_if_fail (kpi != NULL, groups);

  for (guint i = 0; i < kpi->series->len; i++)
    {
      const GrKpiSeries *series = kpi->series->pdata[i];
      const char *key = g_str_equal (series->key, "total") ? "total" : gr_kpi_variety_group (series->key);
      GrKpiSeries *group = NULL;

      for (guint j = 0; j < groups->len && group == NULL; j++)
        if (g_str_equal (((GrKpiSeries *) groups->pdata[j])->key, key))
          group = groups->pdata[j];
      if (group == NULL)
        g_ptr_array_add (groups, group = series_new (key));
      for (guint m = 0; m < GR_KPI_MONTHS; m++)
        {
          group->stock_kg[m] += series->stock_kg[m];
          group->plan_kg[m] += series->plan_kg[m];
        }
    }
  return groups;
}

/*
 * Places
 */

void
gr_kpi_place_free (GrKpiPlace *place)
{
  if (place == NULL)
    return;
  g_free (place->id);
  g_free (place->name);
  g_free (place);
}

static int
compare_regions (gconstpointer a,
                 gconstpointer b)
{
  const GrKpiPlace *pa = *(GrKpiPlace * const *) a;
  const GrKpiPlace *pb = *(GrKpiPlace * const *) b;

  return g_utf8_collate (pa->name, pb->name);
}

GPtrArray *
gr_kpi_list_places (GrStore  *store,
                    GError  **error)
{
  g_autoptr(GPtrArray) places = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_kpi_place_free);
  g_autoptr(GPtrArray) regions = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_kpi_place_free);
  g_autoptr(sqlite3_stmt) enterprises = NULL;
  g_autoptr(sqlite3_stmt) depots = NULL;
  int rc;

  g_return_val_if_fail (GR_IS_STORE (store), NULL);

  enterprises = gr_store_prepare (store,
                                  "SELECT id, coalesce (name, id) FROM enterprises WHERE deleted = 0"
                                  " ORDER BY kind IS NOT 'reserve_company', id", error);
  depots = gr_store_prepare (store,
                             "SELECT DISTINCT region FROM depots WHERE deleted = 0 AND region IS NOT NULL"
                             " AND region <> ''", error);
  if (enterprises == NULL || depots == NULL)
    return NULL;

  while ((rc = sqlite3_step (enterprises)) == SQLITE_ROW)
    {
      GrKpiPlace *place = g_new0 (GrKpiPlace, 1);

      place->scope = GR_KPI_SCOPE_ENTERPRISE;
      place->id = column_dup (enterprises, 0);
      place->name = column_dup (enterprises, 1);
      g_ptr_array_add (places, place);
    }
  if (!step_done (store, enterprises, rc, error))
    return NULL;

  while ((rc = sqlite3_step (depots)) == SQLITE_ROW)
    {
      GrKpiPlace *place = g_new0 (GrKpiPlace, 1);

      place->scope = GR_KPI_SCOPE_REGION;
      place->id = column_dup (depots, 0);
      place->name = g_strdup (place->id);
      g_ptr_array_add (regions, place);
    }
  if (!step_done (store, depots, rc, error))
    return NULL;
  g_ptr_array_sort (regions, compare_regions);
  g_ptr_array_extend_and_steal (places, g_steal_pointer (&regions));

  return g_steal_pointer (&places);
}

/*
 * Thresholds
 */

void
gr_kpi_threshold_free (GrKpiThreshold *threshold)
{
  if (threshold == NULL)
    return;
  g_free (threshold->document);
  g_free (threshold->article);
  g_free (threshold);
}

static int
compare_thresholds (gconstpointer a,
                    gconstpointer b)
{
  const GrKpiThreshold *ta = *(GrKpiThreshold * const *) a;
  const GrKpiThreshold *tb = *(GrKpiThreshold * const *) b;

  return ta->percent - tb->percent;
}

GPtrArray *
gr_kpi_thresholds (GrProfile *profile)
{
  GPtrArray *thresholds = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_kpi_threshold_free);
  const GrRuleParams *params;

  g_return_val_if_fail (profile != NULL, thresholds);

  params = gr_profile_get_rule (profile, GR_RULE_STOCK_MIN_RATIO);
  if (params == NULL || !params->enabled)
    return thresholds;

  for (GrGrainClass klass = GR_CLASS_RAW; klass <= GR_CLASS_OIL; klass++)
    {
      GrKpiThreshold *threshold = NULL;
      int percent = params->percent[klass];

      if (percent < 0 || !gr_profile_covers_class (profile, klass) ||
          (params->classes & GR_CLASS_BIT (klass)) == 0)
        continue;
      for (guint i = 0; i < thresholds->len && threshold == NULL; i++)
        if (((GrKpiThreshold *) thresholds->pdata[i])->percent == percent)
          threshold = thresholds->pdata[i];
      if (threshold == NULL)
        {
          threshold = g_new0 (GrKpiThreshold, 1);
          threshold->percent = percent;
          threshold->enterprise_scope = params->scope == GR_RULE_SCOPE_ENTERPRISE;
          threshold->document = g_strdup (params->document);
          threshold->article = g_strdup (params->article);
          g_ptr_array_add (thresholds, threshold);
        }
      threshold->classes |= GR_CLASS_BIT (klass);
    }
  g_ptr_array_sort (thresholds, compare_thresholds);
  return thresholds;
}

/*
 * Findings by place
 */

char *
gr_kpi_place_key (GrKpiScope  scope,
                  const char *id)
{
  switch (scope)
    {
    case GR_KPI_SCOPE_ENTERPRISE:
      return g_strconcat ("enterprise:", id, NULL);
    case GR_KPI_SCOPE_REGION:
      return g_strconcat ("region:", id, NULL);
    case GR_KPI_SCOPE_ALL:
    default:
      return g_strdup ("");
    }
}

static void
count_finding (GHashTable      *table,
               char            *key,
               const GrFinding *finding)
{
  GrKpiCounts *counts = g_hash_table_lookup (table, key);

  if (counts == NULL)
    {
      counts = g_new0 (GrKpiCounts, 1);
      g_hash_table_insert (table, key, counts);
    }
  else
    g_free (key);

  switch (finding->severity)
    {
    case GR_SEVERITY_VIOLATION:
      counts->violations++;
      break;
    case GR_SEVERITY_WARNING:
      counts->warnings++;
      break;
    case GR_SEVERITY_INFO:
    default:
      counts->infos++;
      break;
    }
}

GHashTable *
gr_kpi_count_findings (GPtrArray  *findings,
                       GHashTable *depot_regions)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* Every place is in the table, counted or not: "" at least. */
  g_hash_table_insert (table, g_strdup (""), g_new0 (GrKpiCounts, 1));
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const GrFinding *finding = findings->pdata[i];
      const char *region = NULL;

      count_finding (table, g_strdup (""), finding);
      if (finding->enterprise != NULL)
        count_finding (table, gr_kpi_place_key (GR_KPI_SCOPE_ENTERPRISE, finding->enterprise), finding);
      if (finding->depot != NULL && depot_regions != NULL)
        region = g_hash_table_lookup (depot_regions, finding->depot);
      if (region != NULL && region[0] != '\0')
        count_finding (table, gr_kpi_place_key (GR_KPI_SCOPE_REGION, region), finding);
    }
  return table;
}

GHashTable *
gr_kpi_depot_regions (GrStore  *store,
                      GError  **error)
{
  g_autoptr(GHashTable) regions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (GR_IS_STORE (store), NULL);

  stmt = gr_store_prepare (store, "SELECT id, region FROM depots WHERE deleted = 0 AND region IS NOT NULL", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (regions, column_dup (stmt, 0), column_dup (stmt, 1));
  if (!step_done (store, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&regions);
}
