/* gr-stock-query.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-stock-query"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "gr-error.h"
#include "gr-format.h"
#include "gr-stock-query.h"
#include "gr-variety.h"

struct _GrStockSnapshot
{
  gatomicrefcount  ref_count;
  char            *as_of;
  char            *profile;
  GStringChunk    *strings;
  GArray          *enterprises;   /* GrStockEnterprise */
  GArray          *depots;        /* GrStockDepot */
  GArray          *bins;          /* GrStockBin */
  GArray          *plans;         /* GrStockPlan */
  GArray          *lots;          /* GrStockLot */
  GHashTable      *index[GR_STOCK_N_LEVELS];  /* id → index + 1 */
};

/*
 * Reading
 */

static const char *
column_text (GrStockSnapshot *self,
             sqlite3_stmt    *stmt,
             int              column,
             gboolean         repeated)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  if (text == NULL)
    return NULL;
  /* Codes and dates repeat over thousands of rows: store them once. */
  return repeated ? g_string_chunk_insert_const (self->strings, text)
                  : g_string_chunk_insert (self->strings, text);
}

/* The casefolded text, for searching: the text itself when folding
 * changes nothing (ids, codes), else a copy among the snapshot's
 * strings (names repeat). */
static const char *
fold (GrStockSnapshot *self,
      const char      *text)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return NULL;
  folded = g_utf8_casefold (text, -1);
  return strcmp (folded, text) == 0 ? text : g_string_chunk_insert_const (self->strings, folded);
}

static void
remember (GrStockSnapshot *self,
          GrStockLevel     level,
          const char      *id,
          guint            index)
{
  g_hash_table_insert (self->index[level], (gpointer) id, GUINT_TO_POINTER (index + 1));
}

static gboolean
lookup (GHashTable *table,
        const char *id,
        guint      *out_index)
{
  gpointer value;

  if (id == NULL || !g_hash_table_lookup_extended (table, id, NULL, &value))
    return FALSE;
  *out_index = GPOINTER_TO_UINT (value) - 1;
  return TRUE;
}

static int
variety_index (const char *code)
{
  const char * const *codes = gr_variety_codes ();

  for (int i = 0; codes[i] != NULL; i++)
    if (g_strcmp0 (codes[i], code) == 0)
      return i;
  return -1;
}

static gboolean
parse_ymd (const char *iso,
           int        *year,
           int        *month)
{
  GDate date;

  if (!gr_date_parse (iso, &date))
    return FALSE;
  *year = g_date_get_year (&date);
  *month = g_date_get_month (&date);
  return TRUE;
}

static gboolean
step_failed (GrStore  *store,
             int       rc,
             GError  **error)
{
  if (rc == SQLITE_DONE)
    return FALSE;
  gr_store_set_error (store, error, _("Could not read the stock ledger"));
  return TRUE;
}

static gboolean
cancelled (GCancellable  *cancellable,
           guint          row,
           GError       **error)
{
  return (row & 4095) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error);
}

static gboolean
read_enterprises (GrStockSnapshot  *self,
                  GrStore          *store,
                  GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store,
    "SELECT id, name, kind FROM enterprises WHERE deleted = 0 ORDER BY id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GrStockEnterprise e = { 0 };

      e.id = column_text (self, stmt, 0, FALSE);
      e.name = column_text (self, stmt, 1, FALSE);
      e.kind = column_text (self, stmt, 2, TRUE);
      e.name_fold = fold (self, e.name);
      remember (self, GR_STOCK_LEVEL_ENTERPRISE, e.id, self->enterprises->len);
      g_array_append_val (self->enterprises, e);
    }
  return !step_failed (store, rc, error);
}

static gboolean
read_depots (GrStockSnapshot  *self,
             GrStore          *store,
             GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store,
    "SELECT id, enterprise, code, name, region, grade, capacity_kg FROM depots WHERE deleted = 0 ORDER BY id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GrStockDepot d = { 0 };

      if (!lookup (self->index[GR_STOCK_LEVEL_ENTERPRISE], (const char *) sqlite3_column_text (stmt, 1), &d.enterprise))
        continue;
      d.id = column_text (self, stmt, 0, FALSE);
      d.code = column_text (self, stmt, 2, FALSE);
      d.name = column_text (self, stmt, 3, FALSE);
      d.region = column_text (self, stmt, 4, TRUE);
      d.grade = column_text (self, stmt, 5, TRUE);
      d.capacity_kg = sqlite3_column_int64 (stmt, 6);
      d.name_fold = fold (self, d.name);
      remember (self, GR_STOCK_LEVEL_DEPOT, d.id, self->depots->len);
      g_array_append_val (self->depots, d);
    }
  return !step_failed (store, rc, error);
}

static gboolean
read_bins (GrStockSnapshot  *self,
           GrStore          *store,
           GCancellable     *cancellable,
           GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store,
    "SELECT id, depot, code, type, storage_tech, keeper, capacity_kg FROM bins WHERE deleted = 0 ORDER BY id", error);
  guint row = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GrStockBin b = { 0 };

      if (cancelled (cancellable, ++row, error))
        return FALSE;
      if (!lookup (self->index[GR_STOCK_LEVEL_DEPOT], (const char *) sqlite3_column_text (stmt, 1), &b.depot))
        continue;
      b.id = column_text (self, stmt, 0, FALSE);
      b.code = column_text (self, stmt, 2, TRUE);
      b.type = column_text (self, stmt, 3, TRUE);
      b.storage_tech = column_text (self, stmt, 4, TRUE);
      b.keeper = column_text (self, stmt, 5, TRUE);
      b.capacity_kg = sqlite3_column_int64 (stmt, 6);
      b.code_fold = fold (self, b.code);
      b.keeper_fold = fold (self, b.keeper);
      remember (self, GR_STOCK_LEVEL_BIN, b.id, self->bins->len);
      g_array_append_val (self->bins, b);
    }
  return !step_failed (store, rc, error);
}

static gboolean
read_plans (GrStockSnapshot  *self,
            GrStore          *store,
            GHashTable       *plan_index,
            GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store,
    "SELECT id, enterprise, variety, rotation_mode, quantity_kg, valid_from, valid_to"
    " FROM plans WHERE deleted = 0 ORDER BY id", error);
  g_autoptr(sqlite3_stmt) month_end = NULL;
  g_autofree char *last_month = NULL;
  int year, month, rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GrStockPlan p = { 0 };
      const char *valid_from = (const char *) sqlite3_column_text (stmt, 5);
      const char *valid_to = (const char *) sqlite3_column_text (stmt, 6);
      int v = variety_index ((const char *) sqlite3_column_text (stmt, 2));

      if (v < 0 ||
          !lookup (self->index[GR_STOCK_LEVEL_ENTERPRISE], (const char *) sqlite3_column_text (stmt, 1), &p.enterprise))
        continue;
      p.id = column_text (self, stmt, 0, FALSE);
      p.variety = gr_variety_codes ()[v];
      p.rotation_mode = column_text (self, stmt, 3, TRUE);
      p.quantity_kg = sqlite3_column_int64 (stmt, 4);
      p.active = g_strcmp0 (valid_from, self->as_of) <= 0 &&
                 (valid_to == NULL || strcmp (valid_to, self->as_of) >= 0);
      g_hash_table_insert (plan_index, (gpointer) p.id, GUINT_TO_POINTER (self->plans->len + 1));
      g_array_append_val (self->plans, p);
    }
  if (step_failed (store, rc, error))
    return FALSE;

  /* The month-end snapshots of the last month that has ended (gr-ledger). */
  if (!parse_ymd (self->as_of, &year, &month))
    return TRUE;
  if (--month == 0)
    {
      month = 12;
      year--;
    }
  last_month = g_strdup_printf ("%04d-%02d", year, month);
  month_end = gr_store_prepare (store,
    "SELECT p.plan, p.stock_kg FROM plan_month_stock p"
    " JOIN (SELECT plan, max (month) AS month FROM plan_month_stock WHERE month <= ?1 GROUP BY plan) m"
    " ON m.plan = p.plan AND m.month = p.month", error);
  if (month_end == NULL)
    return FALSE;
  sqlite3_bind_text (month_end, 1, last_month, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (month_end)) == SQLITE_ROW)
    {
      guint p;

      if (lookup (plan_index, (const char *) sqlite3_column_text (month_end, 0), &p))
        g_array_index (self->plans, GrStockPlan, p).month_end_kg = sqlite3_column_int64 (month_end, 1);
    }
  return !step_failed (store, rc, error);
}

static gboolean
read_lots (GrStockSnapshot  *self,
           GrStore          *store,
           GHashTable       *plan_index,
           GCancellable     *cancellable,
           GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store,
    "SELECT id, bin, plan, variety, grade, substandard, harvest_year, produced_on, entered_on,"
    "       owner, rotation_mode, storage_quality, balance_kg"
    " FROM lots WHERE deleted = 0 ORDER BY id", error);
  guint row = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GrStockLot l = { 0 };
      GrStockPlan *plan;
      int v;

      if (cancelled (cancellable, ++row, error))
        return FALSE;
      v = variety_index ((const char *) sqlite3_column_text (stmt, 3));
      if (v < 0 ||
          !lookup (self->index[GR_STOCK_LEVEL_BIN], (const char *) sqlite3_column_text (stmt, 1), &l.bin) ||
          !lookup (plan_index, (const char *) sqlite3_column_text (stmt, 2), &l.plan))
        continue;
      plan = &g_array_index (self->plans, GrStockPlan, l.plan);

      l.id = column_text (self, stmt, 0, FALSE);
      l.id_fold = fold (self, l.id);
      l.variety = gr_variety_codes ()[v];
      l.variety_index = (guint) v;
      l.grade = sqlite3_column_int (stmt, 4);
      l.substandard = sqlite3_column_int (stmt, 5) != 0;
      l.harvest_year = sqlite3_column_int (stmt, 6);
      l.produced_on = column_text (self, stmt, 7, TRUE);
      l.entered_on = column_text (self, stmt, 8, TRUE);
      l.owner = column_text (self, stmt, 9, TRUE);
      l.rotation_mode = column_text (self, stmt, 10, TRUE);
      if (l.rotation_mode == NULL)
        l.rotation_mode = plan->rotation_mode;
      l.storage_quality = column_text (self, stmt, 11, TRUE);
      if (l.storage_quality == NULL)
        l.storage_quality = "suitable";
      l.balance_kg = sqlite3_column_int64 (stmt, 12);
      l.age_months = gr_stock_age_months (l.entered_on, self->as_of);
      plan->stock_kg += l.balance_kg;

      remember (self, GR_STOCK_LEVEL_LOT, l.id, self->lots->len);
      g_array_append_val (self->lots, l);
    }
  return !step_failed (store, rc, error);
}

/*
 * Collation ranks
 */

typedef struct {
  char  *key;
  guint *rank;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  return strcmp (((const Ranked *) a)->key, ((const Ranked *) b)->key);
}

/* Gives *rank of each text its place in the locale's collation order
 * (g_utf8_collate_key_for_filename: "P2" before "P10"); equal texts
 * share a rank, missing ones come first. */
static void
rank_texts (GArray *items)
{
  Ranked *r = (Ranked *) (gpointer) items->data;
  guint rank = 0;

  g_array_sort (items, compare_ranked);
  for (guint i = 0; i < items->len; i++)
    {
      if (i > 0 && strcmp (r[i].key, r[i - 1].key) != 0)
        rank++;
      *r[i].rank = rank;
    }
  for (guint i = 0; i < items->len; i++)
    g_free (r[i].key);
}

static void
add_ranked (GArray     *items,
            const char *text,
            guint      *rank)
{
  Ranked r = { text ? g_utf8_collate_key_for_filename (text, -1) : g_strdup (""), rank };

  g_array_append_val (items, r);
}

static void
rank_all (GrStockSnapshot *self)
{
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (Ranked));

  for (guint i = 0; i < self->enterprises->len; i++)
    {
      GrStockEnterprise *e = &g_array_index (self->enterprises, GrStockEnterprise, i);

      add_ranked (items, e->name, &e->name_rank);
    }
  rank_texts (items);

  g_array_set_size (items, 0);
  for (guint i = 0; i < self->depots->len; i++)
    {
      GrStockDepot *d = &g_array_index (self->depots, GrStockDepot, i);

      add_ranked (items, d->name, &d->name_rank);
    }
  rank_texts (items);

  g_array_set_size (items, 0);
  for (guint i = 0; i < self->depots->len; i++)
    {
      GrStockDepot *d = &g_array_index (self->depots, GrStockDepot, i);

      add_ranked (items, d->region, &d->region_rank);
    }
  rank_texts (items);

  g_array_set_size (items, 0);
  for (guint i = 0; i < self->bins->len; i++)
    {
      GrStockBin *b = &g_array_index (self->bins, GrStockBin, i);

      add_ranked (items, b->code, &b->code_rank);
    }
  rank_texts (items);

  g_array_set_size (items, 0);
  for (guint i = 0; i < self->bins->len; i++)
    {
      GrStockBin *b = &g_array_index (self->bins, GrStockBin, i);

      add_ranked (items, b->keeper, &b->keeper_rank);
    }
  rank_texts (items);

  g_array_set_size (items, 0);
  for (guint i = 0; i < self->lots->len; i++)
    {
      GrStockLot *l = &g_array_index (self->lots, GrStockLot, i);

      add_ranked (items, l->id, &l->id_rank);
    }
  rank_texts (items);
}

/* Sums lots into bins, bins into depots, depots into enterprises. */
static void
add_up (GrStockSnapshot *self)
{
  g_autofree gint64 *bin_capacity = g_new0 (gint64, MAX (self->depots->len, 1));

  for (guint i = 0; i < self->lots->len; i++)
    {
      const GrStockLot *l = &g_array_index (self->lots, GrStockLot, i);
      GrStockBin *b = &g_array_index (self->bins, GrStockBin, l->bin);

      b->stock_kg += l->balance_kg;
      if (l->balance_kg > 0)
        b->n_lots++;
    }
  for (guint i = 0; i < self->bins->len; i++)
    {
      const GrStockBin *b = &g_array_index (self->bins, GrStockBin, i);
      GrStockDepot *d = &g_array_index (self->depots, GrStockDepot, b->depot);

      d->stock_kg += b->stock_kg;
      d->n_lots += b->n_lots;
      bin_capacity[b->depot] += MAX (b->capacity_kg, 0);
    }
  for (guint i = 0; i < self->depots->len; i++)
    {
      GrStockDepot *d = &g_array_index (self->depots, GrStockDepot, i);
      GrStockEnterprise *e = &g_array_index (self->enterprises, GrStockEnterprise, d->enterprise);

      if (d->capacity_kg <= 0)
        d->capacity_kg = bin_capacity[i];
      e->stock_kg += d->stock_kg;
      e->n_lots += d->n_lots;
      e->capacity_kg += d->capacity_kg;
    }
  for (guint i = 0; i < self->plans->len; i++)
    {
      const GrStockPlan *p = &g_array_index (self->plans, GrStockPlan, i);

      if (p->active)
        g_array_index (self->enterprises, GrStockEnterprise, p->enterprise).plan_kg += p->quantity_kg;
    }
}

static GrStockSnapshot *
snapshot_new (const char *as_of)
{
  GrStockSnapshot *self = g_new0 (GrStockSnapshot, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->as_of = as_of ? g_strdup (as_of) : gr_today_iso ();
  self->strings = g_string_chunk_new (1 << 16);
  self->enterprises = g_array_new (FALSE, TRUE, sizeof (GrStockEnterprise));
  self->depots = g_array_new (FALSE, TRUE, sizeof (GrStockDepot));
  self->bins = g_array_new (FALSE, TRUE, sizeof (GrStockBin));
  self->plans = g_array_new (FALSE, TRUE, sizeof (GrStockPlan));
  self->lots = g_array_new (FALSE, TRUE, sizeof (GrStockLot));
  for (guint i = 0; i < GR_STOCK_N_LEVELS; i++)
    self->index[i] = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

/*
 * Public API
 */

GrStockSnapshot *
gr_stock_snapshot_load (GrStore       *store,
                        const char    *as_of,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GrStockSnapshot) self = NULL;
  g_autoptr(GHashTable) plan_index = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (GR_IS_STORE (store), NULL);

  if (as_of != NULL && !gr_date_parse (as_of, NULL))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("“%s” is not a date (YYYY-MM-DD)"), as_of);
      return NULL;
    }
  self = snapshot_new (as_of);
  self->profile = gr_store_get_meta (store, "profile");

  /* One read transaction (deferred: it takes no write lock): the levels
   * agree with each other even while another connection writes. */
  if (!gr_store_exec (store, "BEGIN DEFERRED", error))
    return NULL;
  if (!read_enterprises (self, store, error) ||
      !read_depots (self, store, error) ||
      !read_bins (self, store, cancellable, error) ||
      !read_plans (self, store, plan_index, error) ||
      !read_lots (self, store, plan_index, cancellable, error))
    {
      gr_store_rollback (store);
      return NULL;
    }
  gr_store_rollback (store);

  add_up (self);
  rank_all (self);
  return g_steal_pointer (&self);
}

GrStockSnapshot *
gr_stock_snapshot_ref (GrStockSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
gr_stock_snapshot_unref (GrStockSnapshot *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  for (guint i = 0; i < GR_STOCK_N_LEVELS; i++)
    g_clear_pointer (&self->index[i], g_hash_table_unref);
  g_clear_pointer (&self->enterprises, g_array_unref);
  g_clear_pointer (&self->depots, g_array_unref);
  g_clear_pointer (&self->bins, g_array_unref);
  g_clear_pointer (&self->plans, g_array_unref);
  g_clear_pointer (&self->lots, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_free (self->as_of);
  g_free (self->profile);
  g_free (self);
}

const char *
gr_stock_snapshot_get_as_of (GrStockSnapshot *self)
{
  return self->as_of;
}

const char *
gr_stock_snapshot_get_profile (GrStockSnapshot *self)
{
  return self->profile;
}

guint
gr_stock_snapshot_get_n (GrStockSnapshot *self,
                         GrStockLevel     level)
{
  switch (level)
    {
    case GR_STOCK_LEVEL_ENTERPRISE: return self->enterprises->len;
    case GR_STOCK_LEVEL_DEPOT:      return self->depots->len;
    case GR_STOCK_LEVEL_BIN:        return self->bins->len;
    case GR_STOCK_LEVEL_LOT:        return self->lots->len;
    case GR_STOCK_N_LEVELS:
    default:                        g_return_val_if_reached (0);
    }
}

guint
gr_stock_snapshot_get_n_plans (GrStockSnapshot *self)
{
  return self->plans->len;
}

const GrStockEnterprise *
gr_stock_snapshot_get_enterprise (GrStockSnapshot *self,
                                  guint            index)
{
  g_return_val_if_fail (index < self->enterprises->len, NULL);
  return &g_array_index (self->enterprises, GrStockEnterprise, index);
}

const GrStockDepot *
gr_stock_snapshot_get_depot (GrStockSnapshot *self,
                             guint            index)
{
  g_return_val_if_fail (index < self->depots->len, NULL);
  return &g_array_index (self->depots, GrStockDepot, index);
}

const GrStockBin *
gr_stock_snapshot_get_bin (GrStockSnapshot *self,
                           guint            index)
{
  g_return_val_if_fail (index < self->bins->len, NULL);
  return &g_array_index (self->bins, GrStockBin, index);
}

const GrStockPlan *
gr_stock_snapshot_get_plan (GrStockSnapshot *self,
                            guint            index)
{
  g_return_val_if_fail (index < self->plans->len, NULL);
  return &g_array_index (self->plans, GrStockPlan, index);
}

const GrStockLot *
gr_stock_snapshot_get_lot (GrStockSnapshot *self,
                           guint            index)
{
  g_return_val_if_fail (index < self->lots->len, NULL);
  return &g_array_index (self->lots, GrStockLot, index);
}

int
gr_stock_snapshot_find (GrStockSnapshot *self,
                        GrStockLevel     level,
                        const char      *id)
{
  guint index;

  g_return_val_if_fail (level < GR_STOCK_N_LEVELS, -1);
  return lookup (self->index[level], id, &index) ? (int) index : -1;
}

static int
compare_years_desc (gconstpointer a,
                    gconstpointer b)
{
  return *(const int *) b - *(const int *) a;
}

GArray *
gr_stock_snapshot_dup_years (GrStockSnapshot *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GArray *years = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; i < self->lots->len; i++)
    {
      const GrStockLot *l = &g_array_index (self->lots, GrStockLot, i);
      int year = l->harvest_year;

      if (year == 0 && l->produced_on != NULL)
        year = atoi (l->produced_on);
      if (year > 0 && g_hash_table_add (seen, GINT_TO_POINTER (year)))
        g_array_append_val (years, year);
    }
  g_array_sort (years, compare_years_desc);
  return years;
}

GArray *
gr_stock_snapshot_variety_totals (GrStockSnapshot *self,
                                  int              enterprise)
{
  const char * const *codes = gr_variety_codes ();
  guint n_codes = g_strv_length ((char **) codes);
  g_autofree GrStockVarietyTotal *sums = g_new0 (GrStockVarietyTotal, n_codes);
  GArray *totals = g_array_new (FALSE, TRUE, sizeof (GrStockVarietyTotal));

  for (guint i = 0; i < self->plans->len; i++)
    {
      const GrStockPlan *p = &g_array_index (self->plans, GrStockPlan, i);
      int v = variety_index (p->variety);

      if (enterprise >= 0 && p->enterprise != (guint) enterprise)
        continue;
      sums[v].stock_kg += p->stock_kg;
      sums[v].month_end_kg += p->month_end_kg;
      if (p->active)
        sums[v].plan_kg += p->quantity_kg;
    }
  for (guint v = 0; v < n_codes; v++)
    {
      if (sums[v].stock_kg == 0 && sums[v].plan_kg == 0 && sums[v].month_end_kg == 0)
        continue;
      sums[v].variety = codes[v];
      g_array_append_val (totals, sums[v]);
    }
  return totals;
}

int
gr_stock_age_months (const char *entered_on,
                     const char *as_of)
{
  int ey, em, ay, am, months;

  if (!parse_ymd (entered_on, &ey, &em) || !parse_ymd (as_of, &ay, &am))
    return 0;
  months = (ay - ey) * 12 + (am - em) + 1;
  return MAX (months, 0);
}

int
gr_stock_age_band (int months)
{
  if (months <= 0)
    return -1;
  if (months <= 12)
    return GR_STOCK_AGE_UNDER_1Y;
  if (months <= 24)
    return GR_STOCK_AGE_1_2Y;
  if (months <= 36)
    return GR_STOCK_AGE_2_3Y;
  return GR_STOCK_AGE_OVER_3Y;
}

const char *
gr_stock_age_band_name (GrStockAgeBand band)
{
  switch (band)
    {
    /* TRANSLATORS: storage age band, the entry month counting as the first: 1年以内 */
    case GR_STOCK_AGE_UNDER_1Y: return _("Up to 1 year");
    /* TRANSLATORS: storage age band: 1–2年 */
    case GR_STOCK_AGE_1_2Y:     return _("1–2 years");
    /* TRANSLATORS: storage age band: 2–3年 */
    case GR_STOCK_AGE_2_3Y:     return _("2–3 years");
    /* TRANSLATORS: storage age band: 3年以上 */
    case GR_STOCK_AGE_OVER_3Y:  return _("Over 3 years");
    case GR_STOCK_N_AGE_BANDS:
    default:                    g_return_val_if_reached ("");
    }
}

const char *
gr_stock_level_name (GrStockLevel level)
{
  switch (level)
    {
    /* TRANSLATORS: a level of the stock tables: 企业 (storage enterprises) */
    case GR_STOCK_LEVEL_ENTERPRISE: return _("Enterprises");
    /* TRANSLATORS: a level of the stock tables: 库点 */
    case GR_STOCK_LEVEL_DEPOT:      return _("Depots");
    /* TRANSLATORS: a level of the stock tables: 仓房 */
    case GR_STOCK_LEVEL_BIN:        return _("Bins");
    /* TRANSLATORS: a level of the stock tables: 货位 */
    case GR_STOCK_LEVEL_LOT:        return _("Lots");
    case GR_STOCK_N_LEVELS:
    default:                        g_return_val_if_reached ("");
    }
}
