/* gr-ledger.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-ledger"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-error.h"
#include "gr-format.h"
#include "gr-ledger.h"
#include "gr-rotation-state.h"

/* The temp table lives on the connection, so each writer (each GTask
 * worker has its own connection) keeps its own dirty set. */
static gboolean
ensure_dirty_table (GrStore  *store,
                    GError  **error)
{
  return gr_store_exec (store,
                        "CREATE TEMP TABLE IF NOT EXISTS ledger_dirty ("
                        "  lot TEXT PRIMARY KEY NOT NULL,"
                        "  from_date TEXT NOT NULL) WITHOUT ROWID", error);
}

gboolean
gr_ledger_mark_dirty (GrStore     *store,
                      const char  *lot,
                      const char  *from_date,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!ensure_dirty_table (store, error))
    return FALSE;
  stmt = gr_store_prepare (store,
                           "INSERT INTO ledger_dirty (lot, from_date) VALUES (?1, ?2) "
                           "ON CONFLICT (lot) DO UPDATE SET from_date = min(from_date, excluded.from_date)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, lot, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, from_date, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      gr_store_set_error (store, error, _("Could not update the ledger"));
      return FALSE;
    }
  return TRUE;
}

/* Within one date inbound movements count before outbound ones, then by
 * id (DESIGN.md §3), so the lowest point of a day is its end: checking
 * every running total is checking every end of day. */
static gboolean
check_non_negative (GrStore  *store,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = gr_store_prepare (store,
                           "SELECT lot, date, running FROM ("
                           "  SELECT m.lot AS lot, m.date AS date,"
                           "         sum (m.delta_kg) OVER (PARTITION BY m.lot ORDER BY m.date, m.delta_kg < 0, m.id"
                           "                                ROWS UNBOUNDED PRECEDING) AS running"
                           "  FROM movements m WHERE m.deleted = 0 AND m.lot IN (SELECT lot FROM ledger_dirty))"
                           " WHERE running < 0 ORDER BY date, lot LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;

  switch (sqlite3_step (stmt))
    {
    case SQLITE_DONE:
      return TRUE;
    case SQLITE_ROW:
      {
        g_autofree char *shortfall = gr_format_tonnes (-sqlite3_column_int64 (stmt, 2));

        g_set_error (error, GR_ERROR, GR_ERROR_NEGATIVE,
                     _("lot %s: the movements would take its stock below zero on %s (short by %s)"),
                     (const char *) sqlite3_column_text (stmt, 0),
                     (const char *) sqlite3_column_text (stmt, 1), shortfall);
        return FALSE;
      }
    default:
      gr_store_set_error (store, error, _("Could not check the lot balances"));
      return FALSE;
    }
}

static const char refresh_sql[] =
  "UPDATE lots SET balance_kg = (SELECT coalesce (sum (delta_kg), 0) FROM movements"
  "                              WHERE movements.lot = lots.id AND movements.deleted = 0)"
  " WHERE id IN (SELECT lot FROM ledger_dirty);"
  /* The plans of the dirty lots, each from its first affected month. */
  "CREATE TEMP TABLE IF NOT EXISTS ledger_plans (plan TEXT PRIMARY KEY NOT NULL, from_month TEXT NOT NULL) WITHOUT ROWID;"
  "DELETE FROM ledger_plans;"
  "INSERT INTO ledger_plans SELECT l.plan, substr (min (d.from_date), 1, 7)"
  "  FROM ledger_dirty d JOIN lots l ON l.id = d.lot GROUP BY l.plan;"
  "DELETE FROM plan_month_stock WHERE EXISTS (SELECT 1 FROM ledger_plans p"
  "  WHERE p.plan = plan_month_stock.plan AND plan_month_stock.month >= p.from_month);"
  "INSERT INTO plan_month_stock (plan, month, stock_kg)"
  "  SELECT n.plan, n.month, b.base_kg + sum (n.net_kg) OVER (PARTITION BY n.plan ORDER BY n.month ROWS UNBOUNDED PRECEDING)"
  /* CROSS JOIN fixes the order plan → lots → movements, so only the
   * dirty plans' movements are read (through the lot/date index), never
   * the whole table. */
  "  FROM (SELECT p.plan AS plan, substr (m.date, 1, 7) AS month, sum (m.delta_kg) AS net_kg"
  "        FROM ledger_plans p CROSS JOIN lots l ON l.plan = p.plan"
  "        CROSS JOIN movements m ON m.lot = l.id AND m.date >= p.from_month || '-01'"
  "        WHERE m.deleted = 0 GROUP BY 1, 2) n"
  "  JOIN (SELECT p.plan AS plan, (SELECT coalesce (sum (m.delta_kg), 0) FROM lots l"
  "                                CROSS JOIN movements m ON m.lot = l.id AND m.date < p.from_month || '-01'"
  "                                WHERE l.plan = p.plan AND m.deleted = 0) AS base_kg"
  "        FROM ledger_plans p) b ON b.plan = n.plan;"
  "DELETE FROM ledger_dirty;";

gboolean
gr_ledger_settle (GrStore   *store,
                  gboolean   refuse_negative,
                  GError   **error)
{
  if (!ensure_dirty_table (store, error))
    return FALSE;
  if (refuse_negative && !check_non_negative (store, error))
    return FALSE;
  /* refresh_sql leaves the settled plans in ledger_plans for the queues. */
  return gr_store_exec (store, refresh_sql, error) &&
         gr_rotation_state_refresh (store, error);
}

/* Every lot and plan at once: one pass over the movements in the table's
 * own order, summed per lot and month, from which the balances and the
 * month-end stock follow (settling reads each dirty lot's movements
 * through the lot/date index instead, a row at a time: right for a few
 * lots, slow for all). The result is what settling every lot from the
 * beginning gives, except that the month-end stock of a plan left
 * without lots goes too. */
static const char rebuild_prepare_sql[] =
  "DELETE FROM ledger_dirty;"
  "CREATE TEMP TABLE IF NOT EXISTS ledger_lot_month (lot TEXT NOT NULL, month TEXT, kg INTEGER NOT NULL,"
  "  PRIMARY KEY (lot, month));"
  "DELETE FROM ledger_lot_month;";

static const char rebuild_sql[] =
  "UPDATE lots SET balance_kg = coalesce ((SELECT sum (t.kg) FROM ledger_lot_month t WHERE t.lot = lots.id), 0);"
  "CREATE TEMP TABLE IF NOT EXISTS ledger_plans (plan TEXT PRIMARY KEY NOT NULL, from_month TEXT NOT NULL) WITHOUT ROWID;"
  "DELETE FROM ledger_plans;"
  "INSERT INTO ledger_plans SELECT plan, '0000-01' FROM lots WHERE plan IS NOT NULL GROUP BY plan;"
  "DELETE FROM plan_month_stock;"
  "INSERT INTO plan_month_stock (plan, month, stock_kg)"
  "  SELECT plan, month, sum (kg) OVER (PARTITION BY plan ORDER BY month ROWS UNBOUNDED PRECEDING)"
  "  FROM (SELECT l.plan AS plan, t.month AS month, sum (t.kg) AS kg FROM ledger_lot_month t"
  "        JOIN lots l ON l.id = t.lot WHERE t.month IS NOT NULL AND l.plan IS NOT NULL GROUP BY 1, 2);"
  "DELETE FROM ledger_lot_month;"
  "DELETE FROM plan_rotation_state;";

typedef struct {
  char   *lot;
  char   *month;   /* NULL: a date settling would not count in a month */
  gint64  kg;
} LotMonth;

struct _GrLedgerSums
{
  GHashTable *table;   /* LotMonth, itself the key */
  LotMonth   *last;    /* the sum added to last (a lot's movements come together) */
};

static guint
lot_month_hash (gconstpointer data)
{
  const LotMonth *key = data;

  return g_str_hash (key->lot) * 31 + (key->month ? g_str_hash (key->month) : 0);
}

static gboolean
lot_month_equal (gconstpointer a,
                 gconstpointer b)
{
  const LotMonth *x = a, *y = b;

  return strcmp (x->lot, y->lot) == 0 && g_strcmp0 (x->month, y->month) == 0;
}

static void
lot_month_free (gpointer data)
{
  LotMonth *key = data;

  g_free (key->lot);
  g_free (key->month);
  g_free (key);
}

GrLedgerSums *
gr_ledger_sums_new (void)
{
  GrLedgerSums *sums = g_new0 (GrLedgerSums, 1);

  sums->table = g_hash_table_new_full (lot_month_hash, lot_month_equal, lot_month_free, NULL);
  return sums;
}

void
gr_ledger_sums_free (GrLedgerSums *sums)
{
  if (sums == NULL)
    return;
  g_hash_table_unref (sums->table);
  g_free (sums);
}

/* (a lot's month is counted even when its movements add up to nothing) */
static void
sums_add (GrLedgerSums *sums,
          const char   *lot,
          const char   *month,
          gint64        kg)
{
  LotMonth probe = { (char *) lot, (char *) month, 0 };
  LotMonth *sum = sums->last;

  if (sum == NULL || !lot_month_equal (sum, &probe))
    sum = sums->last = g_hash_table_lookup (sums->table, &probe);
  if (sum == NULL)
    {
      sum = g_new0 (LotMonth, 1);
      sum->lot = g_strdup (lot);
      sum->month = g_strdup (month);
      g_hash_table_add (sums->table, sum);
      sums->last = sum;
    }
  sum->kg += kg;
}

void
gr_ledger_sums_merge (GrLedgerSums *into,
                      GrLedgerSums *from)
{
  GHashTableIter iter;
  gpointer k;

  g_hash_table_iter_init (&iter, from->table);
  while (g_hash_table_iter_next (&iter, &k, NULL))
    sums_add (into, ((LotMonth *) k)->lot, ((LotMonth *) k)->month, ((LotMonth *) k)->kg);
}

/* Where each field of a movement is, found once. */
typedef struct {
  int lot, date, kind, quantity;
} MovementFields;

static const MovementFields *
movement_fields (const GrEntity *entity)
{
  static MovementFields fields;
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      fields.lot = fields.date = fields.kind = fields.quantity = -1;
      for (guint i = 0; i < entity->n_fields; i++)
        {
          const char *name = entity->fields[i].name;

          if (strcmp (name, "lot") == 0)
            fields.lot = (int) i;
          else if (strcmp (name, "date") == 0)
            fields.date = (int) i;
          else if (strcmp (name, "kind") == 0)
            fields.kind = (int) i;
          else if (strcmp (name, "quantity_t") == 0)
            fields.quantity = (int) i;
        }
      g_assert (fields.lot >= 0 && fields.date >= 0 && fields.kind >= 0 && fields.quantity >= 0);
      g_once_init_leave (&done, 1);
    }
  return &fields;
}

static const char *
text_of (const GrRecord *record,
         int             field)
{
  return record->values[field].type == GR_VALUE_TEXT ? record->values[field].s : NULL;
}

/* What sum_lot_months () reads from the table for this row: the lot, its
 * month (CASE WHEN date >= '0000-01-01' THEN substr (date, 1, 7) END) and
 * delta_kg, the generated column of migration 2 (+quantity for the
 * inbound kinds, -quantity for the others, NULL without a quantity). */
void
gr_ledger_sums_add_movement (GrLedgerSums   *sums,
                             const GrRecord *movement)
{
  const MovementFields *fields = movement_fields (movement->entity);
  const char *lot = text_of (movement, fields->lot);
  const char *date = text_of (movement, fields->date);
  const char *kind = text_of (movement, fields->kind);
  const GrValue *quantity = &movement->values[fields->quantity];
  char month[4 * 7 + 1];
  gint64 kg = 0;

  if (movement->deleted || lot == NULL)
    return;
  if (date != NULL && strcmp (date, "0000-01-01") >= 0)
    {
      /* the first seven characters (substr counts characters) */
      const char *end = date;

      for (guint n = 0; n < 7 && *end != '\0'; n++)
        end = g_utf8_next_char (end);
      memcpy (month, date, end - date);
      month[end - date] = '\0';
    }
  if (quantity->type == GR_VALUE_INT)
    kg = g_strcmp0 (kind, "intake") == 0 || g_strcmp0 (kind, "rotate_in") == 0 ||
         g_strcmp0 (kind, "replenish") == 0 || g_strcmp0 (kind, "surplus") == 0 ? quantity->i : -quantity->i;
  sums_add (sums, lot, date != NULL && strcmp (date, "0000-01-01") >= 0 ? month : NULL, kg);
}

/* The net kg of each lot's month, summed in a hash table from one scan
 * of the movements (GROUP BY would sort all of them first: two million
 * on a province). */
static gboolean
sum_lot_months (GrStore       *store,
                GrLedgerSums  *sums,
                GError       **error)
{
  g_autoptr(sqlite3_stmt) scan = NULL;
  int rc;

  scan = gr_store_prepare (store,
                           "SELECT lot, CASE WHEN date >= '0000-01-01' THEN substr (date, 1, 7) END, delta_kg"
                           " FROM movements NOT INDEXED WHERE deleted = 0 AND lot IS NOT NULL", error);
  if (scan == NULL)
    return FALSE;
  while ((rc = sqlite3_step (scan)) == SQLITE_ROW)
    sums_add (sums, (const char *) sqlite3_column_text (scan, 0), (const char *) sqlite3_column_text (scan, 1),
              sqlite3_column_int64 (scan, 2));
  if (rc != SQLITE_DONE)
    {
      gr_store_set_error (store, error, _("Could not update the ledger"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_lot_months (GrStore       *store,
                  GrLedgerSums  *sums,
                  GError       **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  GHashTableIter iter;
  gpointer k;
  int rc;

  insert = gr_store_prepare (store, "INSERT INTO ledger_lot_month (lot, month, kg) VALUES (?1, ?2, ?3)", error);
  if (insert == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, sums->table);
  while (g_hash_table_iter_next (&iter, &k, NULL))
    {
      const LotMonth *sum = k;

      sqlite3_bind_text (insert, 1, sum->lot, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 2, sum->month, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (insert, 3, sum->kg);
      rc = sqlite3_step (insert);
      sqlite3_reset (insert);
      if (rc != SQLITE_DONE)
        {
          gr_store_set_error (store, error, _("Could not update the ledger"));
          return FALSE;
        }
    }
  return TRUE;
}

/* sums: NULL to sum the movements table */
static gboolean
rebuild_all (GrStore       *store,
             GrLedgerSums  *sums,
             GError       **error)
{
  g_autoptr(GrLedgerSums) scanned = NULL;

  if (!ensure_dirty_table (store, error) ||
      !gr_store_exec (store, rebuild_prepare_sql, error))
    return FALSE;
  if (sums == NULL)
    {
      sums = scanned = gr_ledger_sums_new ();
      if (!sum_lot_months (store, scanned, error))
        return FALSE;
    }
  /* rebuild_sql leaves every plan in ledger_plans for the queues. */
  return write_lot_months (store, sums, error) &&
         gr_store_exec (store, rebuild_sql, error) &&
         gr_rotation_state_refresh (store, error);
}

gboolean
gr_ledger_rebuild_all (GrStore  *store,
                       GError  **error)
{
  return rebuild_all (store, NULL, error);
}

gboolean
gr_ledger_rebuild_all_from (GrStore       *store,
                            GrLedgerSums  *sums,
                            GError       **error)
{
  g_return_val_if_fail (sums != NULL, FALSE);

  return rebuild_all (store, sums, error);
}

gboolean
gr_ledger_bulk_begin (GrStore  *store,
                      GError  **error)
{
  int enabled = -1;

  if (!gr_store_exec (store, "DELETE FROM plan_rotation_state", error))
    return FALSE;
  /* (a change of the setting makes SQLite prepare its statements again) */
  sqlite3_db_config (gr_store_get_db (store), SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, &enabled);
  return TRUE;
}

void
gr_ledger_bulk_end (GrStore *store)
{
  int enabled = -1;

  sqlite3_db_config (gr_store_get_db (store), SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, &enabled);
}

gint64
gr_ledger_lot_balance (GrStore    *store,
                       const char *lot,
                       const char *date)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (date == NULL)
    stmt = gr_store_prepare (store, "SELECT balance_kg FROM lots WHERE id = ?1", NULL);
  else
    stmt = gr_store_prepare (store,
                             "SELECT coalesce (sum (delta_kg), 0) FROM movements"
                             " WHERE lot = ?1 AND date <= ?2 AND deleted = 0", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, lot, -1, SQLITE_STATIC);
  if (date != NULL)
    sqlite3_bind_text (stmt, 2, date, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

gint64
gr_ledger_plan_month_stock (GrStore    *store,
                            const char *plan,
                            const char *month)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = gr_store_prepare (store,
                           "SELECT stock_kg FROM plan_month_stock WHERE plan = ?1 AND month <= ?2"
                           " ORDER BY month DESC LIMIT 1", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, plan, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, month, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}
