/* gr-import-checks.c: an import's checks against other records and the database
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-error.h"
#include "gr-format.h"
#include "gr-ledger.h"
#include "gr-import-private.h"

/* ---- Lookups in the file and the database ---- */

static void
stored_free (gpointer data)
{
  Stored *row = data;

  g_free (row->hash);
  g_free (row);
}

/* A table with fewer rows than the file has records is read once into
 * memory: one scan instead of a lookup per record (a city's file into a
 * database holding a few earlier movements, say). */
gboolean
_gr_import_preload (Import   *imp,
                Table    *t,
                guint     n_records,
                GError  **error)
{
  g_autofree char *count_sql = NULL;
  g_autofree char *scan_sql = NULL;
  g_autoptr(sqlite3_stmt) count = NULL;
  g_autoptr(sqlite3_stmt) scan = NULL;
  guint limit = MAX (n_records, 10000);

  if (!t->had_rows)
    return TRUE;
  count_sql = g_strdup_printf ("SELECT count(*) FROM (SELECT 1 FROM \"%s\" LIMIT %u)", t->entity->table, limit + 1);
  if ((count = gr_store_prepare (imp->store, count_sql, error)) == NULL)
    return FALSE;
  if (sqlite3_step (count) != SQLITE_ROW || sqlite3_column_int64 (count, 0) > limit)
    return TRUE;

  scan_sql = g_strdup_printf ("SELECT id, content_hash, version, deleted FROM \"%s\"", t->entity->table);
  if ((scan = gr_store_prepare (imp->store, scan_sql, error)) == NULL)
    return FALSE;
  t->stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, stored_free);
  while (sqlite3_step (scan) == SQLITE_ROW)
    {
      Stored *row = g_new0 (Stored, 1);

      row->hash = g_strdup ((const char *) sqlite3_column_text (scan, 1));
      row->version = sqlite3_column_int64 (scan, 2);
      row->deleted = sqlite3_column_int (scan, 3) != 0;
      g_hash_table_insert (t->stored, g_strdup ((const char *) sqlite3_column_text (scan, 0)), row);
    }
  return TRUE;
}

/* State of an id in the database as it is now (after this import's
 * writes, when asked after them); REF_LIVE/REF_DEAD also give its hash
 * and version. */
static RefState
db_state (Import     *imp,
          Table      *t,
          const char *id,
          char      **out_hash,
          gint64     *out_version)
{
  RefState state = REF_UNKNOWN;

  sqlite3_bind_text (t->find, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (t->find) == SQLITE_ROW)
    {
      state = sqlite3_column_int (t->find, 1) ? REF_DEAD : REF_LIVE;
      if (out_hash)
        *out_hash = g_strdup ((const char *) sqlite3_column_text (t->find, 0));
      if (out_version)
        *out_version = sqlite3_column_int64 (t->find, 2);
    }
  sqlite3_reset (t->find);
  return state;
}

/* State of an id in the database as it was before the import. */
static RefState
stored_state (Import     *imp,
              Table      *t,
              const char *id,
              char      **out_hash,
              gint64     *out_version)
{
  Stored *row;

  if (!t->had_rows)
    return REF_UNKNOWN;
  if (t->stored == NULL)
    return db_state (imp, t, id, out_hash, out_version);
  if ((row = g_hash_table_lookup (t->stored, id)) == NULL)
    return REF_UNKNOWN;
  if (out_hash)
    *out_hash = g_strdup (row->hash);
  if (out_version)
    *out_version = row->version;
  return row->deleted ? REF_DEAD : REF_LIVE;
}

static RefState
ref_state (Import         *imp,
           const GrEntity *target,
           const char     *id)
{
  Table *t = _gr_import_table_of (imp, target);
  gpointer found = g_hash_table_lookup (t->by_id, id);

  if (found != NULL)
    {
      if (imp->ndjson)
        return SEEN_DELETED (found) ? REF_DEAD : REF_LIVE;
      return ((Item *) found)->record->deleted ? REF_DEAD : REF_LIVE;
    }
  /* Records of this NDJSON stream are in by_id: for the others the
   * database as it was before the import is the one to ask. */
  return stored_state (imp, t, id, NULL, NULL);
}

static char *
stored_plan_variety (Import     *imp,
                     const char *plan)
{
  char *variety = NULL;

  sqlite3_bind_text (imp->plan_variety_stmt, 1, plan, -1, SQLITE_STATIC);
  if (sqlite3_step (imp->plan_variety_stmt) == SQLITE_ROW)
    variety = g_strdup ((const char *) sqlite3_column_text (imp->plan_variety_stmt, 0));
  sqlite3_reset (imp->plan_variety_stmt);
  return variety;
}

/* The variety of a plan in the file (or read so far) or the database. */
static char *
plan_variety (Import     *imp,
              const char *plan)
{
  if (imp->ndjson)
    {
      const char *known = g_hash_table_lookup (imp->plan_variety, plan);

      if (known != NULL)
        return g_strdup (known);
    }
  else
    {
      Item *item = g_hash_table_lookup (_gr_import_table_of (imp, gr_schema_lookup ("plan"))->by_id, plan);

      if (item != NULL)
        return item->record->deleted ? NULL : g_strdup (gr_record_get_text (item->record, "variety"));
    }
  return stored_plan_variety (imp, plan);
}

/* ---- Checks against other records ---- */

static gboolean
check_refs (Import          *imp,
            const char      *where,
            const GrRecord  *record,
            const char      *prefix,
            const char      *self_id,
            GError         **error)
{
  const GrEntity *entity = record->entity;

  for (guint i = 0; i < entity->n_fields; i++)
    {
      const GrField *field = &entity->fields[i];
      const GrValue *value = &record->values[i];
      g_autofree char *path = NULL;
      const GrEntity *target;
      g_autofree char *quoted = NULL;

      if (field->type == GR_FIELD_CHILDREN && value->type == GR_VALUE_CHILDREN)
        {
          for (guint c = 0; c < value->children->len; c++)
            {
              g_autofree char *child_prefix = g_strdup_printf ("%s%s[%u].", prefix, field->name, c);

              if (!check_refs (imp, where, value->children->pdata[c], child_prefix, self_id, error))
                return FALSE;
            }
          continue;
        }
      if (field->type != GR_FIELD_REF || value->type != GR_VALUE_TEXT)
        continue;

      target = gr_schema_lookup (field->ref_entity);
      g_assert (target != NULL);
      path = g_strconcat (prefix, field->name, NULL);
      quoted = _gr_import_quote (value->s);
      if (target == entity && g_strcmp0 (value->s, self_id) == 0)
        return _gr_import_refuse (error, where, path, _("a %s cannot refer to itself"), _gr_import_entity_label (entity));

      switch (ref_state (imp, target, value->s))
        {
        case REF_LIVE:
          break;
        case REF_DEAD:
          return _gr_import_refuse (error, where, path, _("the %s %s is deleted"), _gr_import_entity_label (target), quoted);
        case REF_UNKNOWN:
        default:
          if (imp->ndjson)
            {
              Deferred *d = g_new0 (Deferred, 1);

              /* It may come later in the stream: look again at its end. */
              d->where = g_strdup (where);
              d->field = g_steal_pointer (&path);
              d->target = target;
              d->id = g_strdup (value->s);
              g_ptr_array_add (imp->deferred, d);
              break;
            }
          return _gr_import_refuse (error, where, path, _("unknown %s %s (not in this file nor in the database)"),
                         _gr_import_entity_label (target), quoted);
        }
    }
  return TRUE;
}

static gboolean
check_lot_variety (Import          *imp,
                   const char      *where,
                   const GrRecord  *lot,
                   GError         **error)
{
  const char *variety = gr_record_get_text (lot, "variety");
  const char *plan = gr_record_get_text (lot, "plan");
  g_autofree char *expected = NULL;

  if (variety == NULL || plan == NULL)
    return TRUE;
  expected = plan_variety (imp, plan);
  if (expected == NULL)
    {
      if (imp->ndjson)
        {
          Deferred *d = g_new0 (Deferred, 1);

          d->where = g_strdup (where);
          d->field = g_strdup ("variety");
          d->target = gr_schema_lookup ("plan");
          d->id = g_strdup (plan);
          d->variety = g_strdup (variety);
          g_ptr_array_add (imp->deferred, d);
        }
      /* else: check_refs has refused the unknown plan already */
      return TRUE;
    }
  if (strcmp (expected, variety) != 0)
    {
      g_autofree char *qv = _gr_import_quote (variety);
      g_autofree char *qp = _gr_import_quote (plan);
      g_autofree char *qe = _gr_import_quote (expected);

      return _gr_import_refuse (error, where, "variety", _("%s differs from its plan %s (%s)"), qv, qp, qe);
    }
  return TRUE;
}

/* One rotation plan per enterprise and year (DESIGN.md §3). */
static gboolean
check_rotation_plan (Import          *imp,
                     const char      *where,
                     Item            *item,
                     GError         **error)
{
  const GrRecord *record = item->record;
  const char *enterprise = gr_record_get_text (record, "enterprise");
  const GrValue *year = gr_record_get (record, "year");
  g_autofree char *key = NULL;
  g_autofree char *other = NULL;
  g_autofree char *qe = NULL;

  if (enterprise == NULL || year == NULL || year->type != GR_VALUE_INT)
    return TRUE;
  qe = _gr_import_quote (enterprise);

  if (!imp->ndjson)
    {
      Item *first;

      key = g_strdup_printf ("%s\n%" G_GINT64_FORMAT, enterprise, year->i);
      first = g_hash_table_lookup (imp->rotation_keys, key);
      if (first != NULL)
        {
          g_autofree char *qf = _gr_import_quote (first->record->id);

          return _gr_import_refuse (error, where, "year",
                         _("the enterprise %s already has a rotation plan for %lld"
                           " in this file (rotation_plans[%u], id %s); there is one plan per enterprise and year"),
                         qe, (long long) year->i, first->index, qf);
        }
      g_hash_table_insert (imp->rotation_keys, g_steal_pointer (&key), item);
    }

  sqlite3_bind_text (imp->rotation_stmt, 1, enterprise, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (imp->rotation_stmt, 2, year->i);
  sqlite3_bind_text (imp->rotation_stmt, 3, record->id, -1, SQLITE_STATIC);
  while (sqlite3_step (imp->rotation_stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (imp->rotation_stmt, 0);

      /* A stored plan that the document also carries is judged by the
       * document's version of it. */
      if (!imp->ndjson && g_hash_table_contains (_gr_import_table_of (imp, record->entity)->by_id, id))
        continue;
      other = g_strdup (id);
      break;
    }
  sqlite3_reset (imp->rotation_stmt);

  if (other != NULL)
    {
      g_autofree char *qo = _gr_import_quote (other);

      return _gr_import_refuse (error, where, "year",
                     _("the enterprise %s already has a rotation plan for %lld"
                       " (id %s); there is one plan per enterprise and year"), qe, (long long) year->i, qo);
    }
  return TRUE;
}

gboolean
_gr_import_check_context (Import      *imp,
               const char  *where,
               Item        *item,
               GError     **error)
{
  const GrRecord *record = item->record;

  /* A tombstone's fields no longer matter to anyone. */
  if (record->deleted)
    return TRUE;
  if (!check_refs (imp, where, record, "", record->id, error))
    return FALSE;
  if (strcmp (record->entity->name, "lot") == 0)
    return check_lot_variety (imp, where, record, error);
  if (strcmp (record->entity->name, "rotation_plan") == 0)
    return check_rotation_plan (imp, where, item, error);
  return TRUE;
}

/* Decides insert / update / unchanged against what is stored. */
gboolean
_gr_import_classify (Import      *imp,
          Table       *t,
          const char  *where,
          Item        *item,
          GError     **error)
{
  g_autofree char *stored_hash = NULL;
  g_autoptr(GrRecord) stored = NULL;
  const char *field;

  item->action = ACTION_INSERT;
  if (stored_state (imp, t, item->record->id, &stored_hash, &item->old_version) == REF_UNKNOWN)
    return TRUE;

  if (stored_hash == NULL)
    {
      /* Stored by a writer that kept no hash: take it from the row. */
      if ((stored = gr_record_load (imp->store, t->entity, item->record->id, error)) == NULL)
        return FALSE;
      stored_hash = gr_record_hash (stored);
    }
  if (strcmp (stored_hash, item->hash) == 0)
    {
      item->action = ACTION_UNCHANGED;
      return TRUE;
    }
  if (!t->entity->append_only && t->entity->final_field == NULL)
    {
      item->action = ACTION_UPDATE;
      return TRUE;
    }

  /* Movements and finding closures are facts: a correction is a new
   * record. So is a signed inspection (DESIGN.md §3: frozen once signed)
   * and a filed monthly report (SYNC.md §3.6); their drafts may still
   * change. What the server sends is applied as is. */
  if (stored == NULL && (stored = gr_record_load (imp->store, t->entity, item->record->id, error)) == NULL)
    return FALSE;
  if (!t->entity->append_only &&
      ((imp->flags & GR_IMPORT_SYNCED) || stored->deleted ||
       gr_record_get_text (stored, t->entity->final_field) == NULL))
    {
      item->action = ACTION_UPDATE;
      return TRUE;
    }
  field = gr_record_first_difference (stored, item->record);
  if (field == NULL || strcmp (field, "deleted") == 0 || strcmp (field, "extra") == 0)
    return _gr_import_refuse (error, where, field ? field : "id",
                   _("differs from the %s already recorded with this id; a recorded %s cannot be changed "
                     "or deleted, so record a correction as a new one"),
                   _gr_import_entity_label (t->entity), _gr_import_entity_label (t->entity));
  {
    g_autofree char *old = gr_record_field_json (stored, field);

    return _gr_import_refuse (error, where, field,
                   _("differs from the %s already recorded with this id (%s); a recorded %s cannot be changed, "
                     "so record a correction as a new one"),
                   _gr_import_entity_label (t->entity), old, _gr_import_entity_label (t->entity));
  }
}

/* ---- Checks on the written state, before COMMIT ---- */

static gboolean
check_deferred (Import  *imp,
                GError **error)
{
  for (guint i = 0; i < imp->deferred->len; i++)
    {
      Deferred *d = imp->deferred->pdata[i];
      g_autofree char *quoted = _gr_import_quote (d->id);

      if (d->variety != NULL)
        {
          g_autofree char *expected = stored_plan_variety (imp, d->id);

          if (expected != NULL && strcmp (expected, d->variety) != 0)
            {
              g_autofree char *qv = _gr_import_quote (d->variety);
              g_autofree char *qe = _gr_import_quote (expected);

              return _gr_import_refuse (error, d->where, d->field, _("%s differs from its plan %s (%s)"), qv, quoted, qe);
            }
          continue;
        }
      switch (db_state (imp, _gr_import_table_of (imp, d->target), d->id, NULL, NULL))
        {
        case REF_LIVE:
          break;
        case REF_DEAD:
          return _gr_import_refuse (error, d->where, d->field, _("the %s %s is deleted"), _gr_import_entity_label (d->target), quoted);
        case REF_UNKNOWN:
        default:
          return _gr_import_refuse (error, d->where, d->field, _("unknown %s %s (not in this file nor in the database)"),
                         _gr_import_entity_label (d->target), quoted);
        }
    }
  return TRUE;
}

/* A record deleted by this import must not leave live records pointing at it. */
static gboolean
check_tombstones (Import  *imp,
                  GError **error)
{
  for (guint w = 0; w < imp->tombstones->len; w++)
    {
      Written *dead = imp->tombstones->pdata[w];

      for (guint e = 0; e < imp->n_tables; e++)
        {
          const GrEntity *owner = imp->tables[e].entity;

          for (guint f = 0; f < owner->n_fields; f++)
            {
              const GrField *field = &owner->fields[f];
              const GrEntity *in = owner;
              g_autofree char *sql = NULL;
              g_autofree char *column = NULL;
              g_autoptr(sqlite3_stmt) stmt = NULL;

              if (field->type == GR_FIELD_CHILDREN)
                {
                  /* references from child rows, e.g. a rotation plan's items */
                  for (guint c = 0; c < field->child->n_fields; c++)
                    {
                      const GrField *cf = &field->child->fields[c];
                      g_autofree char *ccol = NULL;
                      g_autofree char *csql = NULL;
                      g_autoptr(sqlite3_stmt) cstmt = NULL;

                      if (cf->type != GR_FIELD_REF || strcmp (cf->ref_entity, dead->entity->name) != 0)
                        continue;
                      ccol = gr_field_column (cf);
                      csql = g_strdup_printf ("SELECT p.id FROM \"%s\" c JOIN \"%s\" p ON p.id = c.parent"
                                              " WHERE c.\"%s\" = ?1 AND p.deleted = 0 LIMIT 1",
                                              field->child->table, owner->table, ccol);
                      if ((cstmt = gr_store_prepare (imp->store, csql, error)) == NULL)
                        return FALSE;
                      sqlite3_bind_text (cstmt, 1, dead->id, -1, SQLITE_STATIC);
                      if (sqlite3_step (cstmt) == SQLITE_ROW)
                        {
                          g_autofree char *q = _gr_import_quote ((const char *) sqlite3_column_text (cstmt, 0));

                          return _gr_import_refuse (error, dead->where, "deleted",
                                         _("this %s cannot be deleted: the %s %s still refers to it"),
                                         _gr_import_entity_label (dead->entity), _gr_import_entity_label (owner), q);
                        }
                    }
                  continue;
                }
              if (field->type != GR_FIELD_REF || strcmp (field->ref_entity, dead->entity->name) != 0)
                continue;
              column = gr_field_column (field);
              sql = g_strdup_printf ("SELECT id FROM \"%s\" WHERE \"%s\" = ?1 AND deleted = 0 LIMIT 1",
                                     in->table, column);
              if ((stmt = gr_store_prepare (imp->store, sql, error)) == NULL)
                return FALSE;
              sqlite3_bind_text (stmt, 1, dead->id, -1, SQLITE_STATIC);
              if (sqlite3_step (stmt) == SQLITE_ROW)
                {
                  g_autofree char *q = _gr_import_quote ((const char *) sqlite3_column_text (stmt, 0));

                  return _gr_import_refuse (error, dead->where, "deleted",
                                 _("this %s cannot be deleted: the %s %s still refers to it"),
                                 _gr_import_entity_label (dead->entity), _gr_import_entity_label (owner), q);
                }
            }
        }
    }
  return TRUE;
}

/* An updated plan's variety must still be the variety of its stored lots. */
static gboolean
check_updated_plans (Import  *imp,
                     GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (imp->updated_plans->len == 0)
    return TRUE;
  stmt = gr_store_prepare (imp->store,
                           "SELECT l.id, l.variety, p.variety FROM lots l JOIN plans p ON p.id = l.plan"
                           " WHERE p.id = ?1 AND p.deleted = 0 AND l.deleted = 0 AND l.variety IS NOT p.variety"
                           " LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < imp->updated_plans->len; i++)
    {
      Written *plan = imp->updated_plans->pdata[i];

      sqlite3_bind_text (stmt, 1, plan->id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autofree char *ql = _gr_import_quote ((const char *) sqlite3_column_text (stmt, 0));
          g_autofree char *qlv = _gr_import_quote ((const char *) sqlite3_column_text (stmt, 1));
          g_autofree char *qpv = _gr_import_quote ((const char *) sqlite3_column_text (stmt, 2));

          return _gr_import_refuse (error, plan->where, "variety", _("%s differs from the variety of its lot %s (%s)"),
                         qpv, ql, qlv);
        }
      sqlite3_reset (stmt);
    }
  return TRUE;
}

/* Names a movement written by this import, or NULL for a stored one. */
static char *
describe_movement (Import     *imp,
                   const char *id)
{
  const GrEntity *movement = gr_schema_lookup ("movement");
  Table *t = _gr_import_table_of (imp, movement);
  gpointer found = g_hash_table_lookup (t->by_id, id);

  if (found == NULL)
    return NULL;
  if (imp->ndjson)
    return _gr_import_describe_record (imp, movement, SEEN_LINE (found), id);
  if (((Item *) found)->action != ACTION_INSERT)
    return NULL;
  return _gr_import_describe_record (imp, movement, ((Item *) found)->index, id);
}

/* Rewrites a ledger refusal so it names the movement of the file that
 * takes the stock below zero, with its quantity. */
static void
explain_negative (Import  *imp,
                  GError **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GHashTableIter iter;
  gpointer lot;

  if (!gr_store_exec (imp->store, "CREATE TEMP TABLE IF NOT EXISTS import_lots (lot TEXT PRIMARY KEY NOT NULL);"
                                  "DELETE FROM import_lots", NULL) ||
      (insert = gr_store_prepare (imp->store, "INSERT OR IGNORE INTO import_lots (lot) VALUES (?1)", NULL)) == NULL)
    return;
  g_hash_table_iter_init (&iter, imp->dirty);
  while (g_hash_table_iter_next (&iter, &lot, NULL))
    {
      sqlite3_bind_text (insert, 1, lot, -1, SQLITE_STATIC);
      sqlite3_step (insert);
      sqlite3_reset (insert);
    }

  stmt = gr_store_prepare (imp->store,
                           "SELECT lot, date, id, kind, quantity_kg, running FROM ("
                           "  SELECT m.lot AS lot, m.date AS date, m.id AS id, m.kind AS kind, m.quantity_kg AS quantity_kg,"
                           "         sum (m.delta_kg) OVER (PARTITION BY m.lot ORDER BY m.date, m.delta_kg < 0, m.id"
                           "                                ROWS UNBOUNDED PRECEDING) AS running"
                           "  FROM movements m WHERE m.deleted = 0 AND m.lot IN (SELECT lot FROM temp.import_lots))"
                           " WHERE running < 0 ORDER BY date, lot LIMIT 1", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return;

  {
    const char *lot_id = (const char *) sqlite3_column_text (stmt, 0);
    const char *date = (const char *) sqlite3_column_text (stmt, 1);
    const char *id = (const char *) sqlite3_column_text (stmt, 2);
    const char *kind = (const char *) sqlite3_column_text (stmt, 3);
    g_autofree char *quantity = gr_format_tonnes (sqlite3_column_int64 (stmt, 4));
    g_autofree char *shortfall = gr_format_tonnes (-sqlite3_column_int64 (stmt, 5));
    g_autofree char *ql = _gr_import_quote (lot_id);
    g_autofree char *qm = _gr_import_quote (id);
    g_autofree char *where = NULL;

    g_clear_error (error);
    if ((where = describe_movement (imp, id)) != NULL)
      {
        _gr_import_refuse (error, where, "quantity_t",
                _("the %s of %s on %s would take the lot %s below zero (short by %s)"),
                kind, quantity, date, ql, shortfall);
        (*error)->code = GR_ERROR_NEGATIVE;
        return;
      }

    /* The balance crosses zero at a movement already recorded: name the
     * last outbound movement of this file before it, which caused it. */
    {
      g_autoptr(sqlite3_stmt) earlier = NULL;

      earlier = gr_store_prepare (imp->store,
                                  "SELECT id, kind, quantity_kg, date FROM movements"
                                  " WHERE lot = ?1 AND date <= ?2 AND deleted = 0 AND delta_kg < 0"
                                  " ORDER BY date DESC, id DESC", NULL);
      if (earlier != NULL)
        {
          sqlite3_bind_text (earlier, 1, lot_id, -1, SQLITE_STATIC);
          sqlite3_bind_text (earlier, 2, date, -1, SQLITE_STATIC);
          while (sqlite3_step (earlier) == SQLITE_ROW)
            {
              const char *cause = (const char *) sqlite3_column_text (earlier, 0);
              g_autofree char *cause_quantity = NULL;

              if (strcmp (cause, id) == 0 || (where = describe_movement (imp, cause)) == NULL)
                continue;
              cause_quantity = gr_format_tonnes (sqlite3_column_int64 (earlier, 2));
              _gr_import_refuse (error, where, "quantity_t",
                      _("with the %s of %s on %s, the lot %s would fall below zero on %s (short by %s)"),
                      (const char *) sqlite3_column_text (earlier, 1), cause_quantity,
                      (const char *) sqlite3_column_text (earlier, 3), ql, date, shortfall);
              (*error)->code = GR_ERROR_NEGATIVE;
              return;
            }
        }
    }
    g_set_error (error, GR_ERROR, GR_ERROR_NEGATIVE,
                 _("lot %s: with the movements of this file, its stock would fall below zero on %s"
                   " at the movement %s already recorded (short by %s)"),
                 ql, date, qm, shortfall);
  }
}

/* DESIGN.md §3: a filed month is locked. A movement entered by hand in
 * it is refused (a correction dated later is the way); one that comes by
 * sync or in a dataset is stored and the next report flags it. A report
 * filed by this same import arrives with its month's movements: no lock. */
static gboolean
check_filed_months (Import  *imp,
                    GError **error)
{
  const GrEntity *report_entity = gr_schema_lookup ("monthly_report");
  Table *reports = _gr_import_table_of (imp, report_entity);
  g_autoptr(sqlite3_stmt) any = NULL, stmt = NULL;

  if (!(imp->flags & GR_IMPORT_ENTRY) || imp->new_movements->len == 0)
    return TRUE;
  any = gr_store_prepare (imp->store,
    "SELECT 1 FROM monthly_reports WHERE deleted = 0 AND filed_on IS NOT NULL LIMIT 1", error);
  if (any == NULL)
    return FALSE;
  if (sqlite3_step (any) != SQLITE_ROW)
    return TRUE;

  stmt = gr_store_prepare (imp->store,
    "SELECT r.id, r.month, r.filed_on, m.date FROM movements m JOIN lots l ON l.id = m.lot"
    " JOIN bins b ON b.id = l.bin JOIN depots d ON d.id = b.depot"
    " JOIN monthly_reports r ON r.enterprise = d.enterprise AND r.month = substr (m.date, 1, 7)"
    " WHERE m.id = ?1 AND r.deleted = 0 AND r.filed_on IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < imp->new_movements->len; i++)
    {
      Written *w = imp->new_movements->pdata[i];

      sqlite3_bind_text (stmt, 1, w->id, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *report = (const char *) sqlite3_column_text (stmt, 0);
          g_autofree char *where = NULL;

          if (g_hash_table_contains (reports->by_id, report))
            continue;
          where = w->where ? g_strdup (w->where) : describe_movement (imp, w->id);
          return _gr_import_refuse (error, where, "date",
                                    _("the monthly report for %s was filed on %s: the month is locked;"
                                      " enter a correction dated later"),
                                    (const char *) sqlite3_column_text (stmt, 1),
                                    (const char *) sqlite3_column_text (stmt, 2));
        }
      sqlite3_reset (stmt);
    }
  return TRUE;
}

gboolean
_gr_import_finish (Import  *imp,
        GError **error)
{
  GHashTableIter iter;
  gpointer lot, date;

  if (!check_deferred (imp, error) ||
      !check_tombstones (imp, error) ||
      !check_updated_plans (imp, error) ||
      !check_filed_months (imp, error))
    return FALSE;

  _gr_import_report (imp, 0.96, _("Checking the balances"));

  /* Plans that lost a lot: their snapshots are rebuilt from the start,
   * through any lot still in them (none left: no snapshot rows at all). */
  for (guint i = 0; i < imp->old_plans->len; i++)
    {
      g_autoptr(sqlite3_stmt) drop = gr_store_prepare (imp->store, "DELETE FROM plan_month_stock WHERE plan = ?1", error);
      g_autoptr(sqlite3_stmt) lots = gr_store_prepare (imp->store, "SELECT id FROM lots WHERE plan = ?1", error);

      if (drop == NULL || lots == NULL)
        return FALSE;
      sqlite3_bind_text (drop, 1, imp->old_plans->pdata[i], -1, SQLITE_STATIC);
      if (sqlite3_step (drop) != SQLITE_DONE)
        {
          gr_store_set_error (imp->store, error, _("Could not update the ledger"));
          return FALSE;
        }
      sqlite3_bind_text (lots, 1, imp->old_plans->pdata[i], -1, SQLITE_STATIC);
      while (sqlite3_step (lots) == SQLITE_ROW)
        _gr_import_mark_dirty (imp, (const char *) sqlite3_column_text (lots, 0), "0000-01-01");
    }

  g_hash_table_iter_init (&iter, imp->dirty);
  while (g_hash_table_iter_next (&iter, &lot, &date))
    if (!gr_ledger_mark_dirty (imp->store, lot, date, error))
      return FALSE;

  if (!gr_ledger_settle (imp->store, !(imp->flags & GR_IMPORT_SYNCED), error))
    {
      if (g_error_matches (*error, GR_ERROR, GR_ERROR_NEGATIVE))
        explain_negative (imp, error);
      return FALSE;
    }
  return TRUE;
}

