/* gr-projection.c: month-by-month stock of a year under rotation items
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-projection"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-error.h"
#include "gr-projection-private.h"
#include "gr-store.h"

static void
lot_free (GrProjLot *lot)
{
  g_free (lot->id);
  g_free (lot);
}

static void
series_free (GrProjSeries *series)
{
  g_array_unref (series->plans);
  g_free (series);
}

void
gr_projection_free (GrProjection *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->profile, gr_profile_unref);
  g_clear_pointer (&self->plans, g_array_unref);
  g_clear_pointer (&self->lot_by_id, g_hash_table_unref);
  g_clear_pointer (&self->lots, g_ptr_array_unref);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_free (self);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static const char *
chunk (GrProjection *self,
       const char   *text)
{
  return text != NULL ? g_string_chunk_insert_const (self->strings, text) : NULL;
}

/* Bit masks of the months of the year in which the plan is active: at the
 * month's end, and on some day of it (DESIGN.md §4: valid_from ≤ d ≤
 * valid_to and, with fill_by, d ≥ fill_by). Dates compare as text. */
static void
active_months (int          year,
               const char  *valid_from,
               const char  *valid_to,
               const char  *fill_by,
               guint       *out_end,
               guint       *out_any)
{
  const char *from = valid_from;

  if (fill_by != NULL && (from == NULL || strcmp (fill_by, from) > 0))
    from = fill_by;
  *out_end = *out_any = 0;
  for (int m = 0; m < 12; m++)
    {
      char first[11], last[11];

      g_snprintf (first, sizeof first, "%04d-%02d-01", year, m + 1);
      g_snprintf (last, sizeof last, "%04d-%02d-%02d", year, m + 1,
                  g_date_get_days_in_month (m + 1, year));
      if ((from == NULL || strcmp (from, last) <= 0) && (valid_to == NULL || strcmp (valid_to, last) >= 0))
        *out_end |= 1u << m;
      if ((from == NULL || strcmp (from, last) <= 0) && (valid_to == NULL || strcmp (valid_to, first) >= 0))
        *out_any |= 1u << m;
    }
}

static int
compare_plans (gconstpointer a,
               gconstpointer b)
{
  const GrProjPlan *x = a, *y = b;
  int c = strcmp (x->enterprise, y->enterprise);

  return c != 0 ? c : strcmp (x->id, y->id);
}

static int
compare_lots (gconstpointer a,
              gconstpointer b)
{
  const GrProjLot *x = *(GrProjLot * const *) a, *y = *(GrProjLot * const *) b;

  if (x->plan != y->plan)
    return x->plan < y->plan ? -1 : 1;
  return strcmp (x->id, y->id);
}

static gboolean
load_plans (GrProjection  *self,
            GrStore       *store,
            const char    *enterprise,
            GError       **error)
{
  const GrRuleParams *min = gr_profile_get_rule (self->profile, GR_RULE_STOCK_MIN_RATIO);
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store,
    "SELECT id, enterprise, variety, quantity_kg, rotation_mode, valid_from, valid_to, fill_by"
    "  FROM plans WHERE deleted = 0 AND (?1 IS NULL OR enterprise = ?1)"
    "   AND (valid_from IS NULL OR valid_from <= ?3) AND (valid_to IS NULL OR valid_to >= ?2)",
    error);
  g_autofree char *first = g_strdup_printf ("%04d-01-01", self->year);
  g_autofree char *last = g_strdup_printf ("%04d-12-31", self->year);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (enterprise != NULL)
    sqlite3_bind_text (stmt, 1, enterprise, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, first, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, last, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GrProjPlan plan = { 0 };
      const char *variety = column_text (stmt, 2);

      if (variety == NULL || !gr_variety_is_valid (variety) || column_text (stmt, 1) == NULL)
        continue;
      plan.klass = gr_variety_class (variety);
      /* Zhongshan 第二条: a profile's rules ignore the classes it does not cover. */
      if (!gr_profile_covers_class (self->profile, plan.klass))
        continue;
      plan.id = g_intern_string (column_text (stmt, 0));
      plan.enterprise = g_intern_string (column_text (stmt, 1));
      plan.variety = g_intern_string (variety);
      plan.quantity_kg = sqlite3_column_int64 (stmt, 3);
      plan.mode = g_intern_string (column_text (stmt, 4) ? column_text (stmt, 4) : "static");
      plan.percent = min != NULL ? min->percent[plan.klass] : -1;
      active_months (self->year, column_text (stmt, 5), column_text (stmt, 6), column_text (stmt, 7),
                     &plan.active_end, &plan.active_any);
      g_array_append_val (self->plans, plan);
    }
  if (rc != SQLITE_DONE)
    {
      gr_store_set_error (store, error, _("Could not read the plans"));
      return FALSE;
    }
  g_array_sort (self->plans, compare_plans);
  return TRUE;
}

static int
quality_rank (const char *quality)
{
  if (g_strcmp0 (quality, "severely_unsuitable") == 0)
    return 2;
  if (g_strcmp0 (quality, "slightly_unsuitable") == 0)
    return 1;
  return 0;
}

/* Each lot with its balance at the start of the year: the maintained
 * balance less what is dated in the year or later (one index range per
 * lot on movements (lot, date); nothing is rescanned). */
static gboolean
load_lots (GrProjection  *self,
           GrStore       *store,
           const char    *enterprise,
           GError       **error)
{
  g_autoptr(GHashTable) plan_index = g_hash_table_new (NULL, NULL);
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store,
    "SELECT l.id, l.plan, l.balance_kg - coalesce ((SELECT sum (m.delta_kg) FROM movements m"
    "                                              WHERE m.lot = l.id AND m.date >= ?2 AND m.deleted = 0), 0),"
    "       l.variety, l.entered_on, l.produced_on, l.shelf_life_days, l.packaged, l.delay_approved,"
    "       l.storage_quality, l.harvest_year, b.storage_tech,"
    "       coalesce ((SELECT sum (m.quantity_kg) FROM movements m"
    "                  WHERE m.lot = l.id AND m.date >= ?2 AND m.date <= ?3 AND m.deleted = 0"
    "                    AND m.kind IN ('intake', 'rotate_in', 'replenish', 'surplus')), 0)"
    "  FROM lots l LEFT JOIN bins b ON b.id = l.bin"
    " WHERE l.deleted = 0 AND (?1 IS NULL OR l.plan IN (SELECT id FROM plans WHERE enterprise = ?1))",
    error);
  g_autofree char *first = g_strdup_printf ("%04d-01-01", self->year);
  g_autofree char *last = g_strdup_printf ("%04d-12-31", self->year);
  int rc;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < self->plans->len; i++)
    g_hash_table_insert (plan_index, (gpointer) g_array_index (self->plans, GrProjPlan, i).id,
                         GUINT_TO_POINTER (i + 1));
  if (enterprise != NULL)
    sqlite3_bind_text (stmt, 1, enterprise, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, first, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, last, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *plan_id = column_text (stmt, 1);
      guint index = plan_id != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (plan_index, g_intern_string (plan_id))) : 0;
      const char *tech = column_text (stmt, 11);
      GrProjLot *lot;

      if (index == 0)
        continue;
      lot = g_new0 (GrProjLot, 1);
      lot->id = g_strdup (column_text (stmt, 0));
      lot->plan = index - 1;
      lot->opening_kg = sqlite3_column_int64 (stmt, 2);
      lot->available_kg = lot->opening_kg + sqlite3_column_int64 (stmt, 12);
      lot->facts.variety = chunk (self, column_text (stmt, 3) ? column_text (stmt, 3)
                                                              : g_array_index (self->plans, GrProjPlan, lot->plan).variety);
      lot->facts.entered_on = chunk (self, column_text (stmt, 4));
      lot->facts.produced_on = chunk (self, column_text (stmt, 5));
      lot->facts.shelf_life_days = sqlite3_column_int (stmt, 6);
      lot->facts.packaged = sqlite3_column_int (stmt, 7) != 0;
      lot->facts.delay_approved = sqlite3_column_int (stmt, 8) != 0;
      lot->facts.low_temp_bin = g_strcmp0 (tech, "low_temp") == 0 || g_strcmp0 (tech, "quasi_low_temp") == 0;
      lot->storage_quality = quality_rank (column_text (stmt, 9));
      lot->harvest_year = sqlite3_column_int (stmt, 10);
      lot->entered_month = gr_rotation_date_month (lot->facts.entered_on);
      g_ptr_array_add (self->lots, lot);
      g_array_index (self->plans, GrProjPlan, lot->plan).opening_kg += lot->opening_kg;
    }
  if (rc != SQLITE_DONE)
    {
      gr_store_set_error (store, error, _("Could not read the lots"));
      return FALSE;
    }
  g_ptr_array_sort (self->lots, compare_lots);
  for (guint i = 0; i < self->lots->len; i++)
    {
      GrProjLot *lot = self->lots->pdata[i];

      g_hash_table_insert (self->lot_by_id, lot->id, lot);
    }
  return TRUE;
}

/* One series per plan, or per enterprise (plans are sorted by
 * enterprise, so an enterprise's plans are adjacent). */
static void
build_series (GrProjection *self)
{
  GrProjSeries *current = NULL;

  for (guint i = 0; i < self->plans->len; i++)
    {
      GrProjPlan *plan = &g_array_index (self->plans, GrProjPlan, i);

      if (current == NULL || !self->enterprise_scope || current->enterprise != plan->enterprise)
        {
          current = g_new0 (GrProjSeries, 1);
          current->enterprise = plan->enterprise;
          current->plan = self->enterprise_scope ? NULL : plan->id;
          current->plans = g_array_new (FALSE, FALSE, sizeof (guint));
          g_ptr_array_add (self->series, current);
        }
      plan->series = self->series->len - 1;
      g_array_append_val (current->plans, i);
    }
}

GrProjection *
gr_projection_new (GrStore     *store,
                   GrProfile   *profile,
                   int          year,
                   const char  *enterprise,
                   GError     **error)
{
  g_autoptr(GrProjection) self = NULL;
  const GrRuleParams *min;

  g_return_val_if_fail (GR_IS_STORE (store), NULL);
  g_return_val_if_fail (profile != NULL, NULL);

  if (year < 1900 || year > 2199)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("%d is not a year between 1900 and 2199"), year);
      return NULL;
    }

  self = g_new0 (GrProjection, 1);
  self->profile = gr_profile_ref (profile);
  self->year = year;
  self->first_month = GR_MONTH_INDEX (year, 1);
  min = gr_profile_get_rule (profile, GR_RULE_STOCK_MIN_RATIO);
  self->any_time = min != NULL && min->check == GR_CHECK_ANY_TIME;
  self->enterprise_scope = min != NULL && min->scope == GR_RULE_SCOPE_ENTERPRISE;
  self->plans = g_array_new (FALSE, TRUE, sizeof (GrProjPlan));
  self->lots = g_ptr_array_new_with_free_func ((GDestroyNotify) lot_free);
  self->lot_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->series = g_ptr_array_new_with_free_func ((GDestroyNotify) series_free);
  self->strings = g_string_chunk_new (4096);

  if (!load_plans (self, store, enterprise, error) ||
      !load_lots (self, store, enterprise, error))
    return NULL;
  build_series (self);
  return g_steal_pointer (&self);
}

int
gr_projection_get_year (GrProjection *self)
{
  return self->year;
}

gboolean
gr_projection_any_time (GrProjection *self)
{
  return self->any_time;
}

gboolean
gr_projection_enterprise_scope (GrProjection *self)
{
  return self->enterprise_scope;
}

gboolean
gr_projection_lookup_lot (GrProjection  *self,
                          const char    *lot,
                          gint64        *out_opening_kg,
                          const char   **out_plan,
                          const char   **out_enterprise)
{
  GrProjLot *found = lot != NULL ? g_hash_table_lookup (self->lot_by_id, lot) : NULL;
  const GrProjPlan *plan;

  if (found == NULL)
    return FALSE;
  plan = &g_array_index (self->plans, GrProjPlan, found->plan);
  if (out_opening_kg != NULL)
    *out_opening_kg = found->opening_kg;
  if (out_plan != NULL)
    *out_plan = plan->id;
  if (out_enterprise != NULL)
    *out_enterprise = plan->enterprise;
  return TRUE;
}

/* DESIGN.md §7: during m, −q for out month ≤ m and +q for in month < m;
 * at the end of m, +q for in month ≤ m. */
void
gr_projection_apply_item (GrProjection *self,
                          int           out_month,
                          int           in_month,
                          gint64        quantity_kg,
                          gint64       *during_delta,
                          gint64       *end_delta)
{
  int out = out_month - self->first_month;
  int in = in_month - self->first_month;

  for (int m = MAX (out, 0); m < 12; m++)
    {
      during_delta[m] -= quantity_kg;
      end_delta[m] -= quantity_kg;
    }
  for (int m = MAX (in, -1) + 1; m < 12; m++)
    during_delta[m] += quantity_kg;
  for (int m = MAX (in, 0); m < 12; m++)
    end_delta[m] += quantity_kg;
}

void
gr_projection_fill_month (GrProjection      *self,
                          guint              s,
                          int                m,
                          const gint64      *during_delta,
                          const gint64      *end_delta,
                          GrProjectionMonth *out)
{
  const GrProjSeries *series = self->series->pdata[s];

  memset (out, 0, sizeof *out);
  out->enterprise = series->enterprise;
  out->plan = series->plan;
  out->month = self->first_month + m;
  for (guint k = 0; k < series->plans->len; k++)
    {
      guint p = g_array_index (series->plans, guint, k);
      const GrProjPlan *plan = &g_array_index (self->plans, GrProjPlan, p);
      guint mask = self->any_time ? plan->active_any : plan->active_end;
      gboolean active = (mask & (1u << m)) != 0;

      /* Enterprise totals sum the plans active then (DESIGN.md §4); a
       * plan's own series shows its stock all year, checked while active. */
      if (!active && self->enterprise_scope)
        continue;
      out->during_kg += plan->opening_kg + during_delta[p * 12 + m];
      out->end_kg += plan->opening_kg + end_delta[p * 12 + m];
      if (!active)
        continue;
      out->plan_kg += plan->quantity_kg;
      if (plan->percent >= 0)
        {
          out->required_kg100 += plan->quantity_kg * plan->percent;
          out->checked = TRUE;
        }
    }
  out->stock_kg = self->any_time ? out->during_kg : out->end_kg;
  out->ratio = out->plan_kg > 0 ? (double) out->stock_kg / (double) out->plan_kg : 0;
  out->below = out->checked && out->stock_kg * 100 < out->required_kg100;
}

GArray *
gr_projection_run (GrProjection *self,
                   GPtrArray    *items)
{
  g_autofree gint64 *during = g_new0 (gint64, self->plans->len * 12 + 1);
  g_autofree gint64 *end = g_new0 (gint64, self->plans->len * 12 + 1);
  GArray *months = g_array_sized_new (FALSE, TRUE, sizeof (GrProjectionMonth), self->series->len * 12);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      const GrRotationItem *item = items->pdata[i];
      GrProjLot *lot = item->lot != NULL ? g_hash_table_lookup (self->lot_by_id, item->lot) : NULL;

      if (lot == NULL)
        continue;
      gr_projection_apply_item (self, item->out_month, item->in_month, item->quantity_kg,
                                during + lot->plan * 12, end + lot->plan * 12);
    }
  for (guint s = 0; s < self->series->len; s++)
    for (int m = 0; m < 12; m++)
      {
        GrProjectionMonth month;

        gr_projection_fill_month (self, s, m, during, end, &month);
        g_array_append_val (months, month);
      }
  return months;
}
