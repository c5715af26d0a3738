/* gr-sync-apply.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-sync-apply"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-dataset.h"
#include "gr-error.h"
#include "gr-json-writer.h"
#include "gr-ledger.h"
#include "gr-outbox.h"
#include "gr-record-store.h"
#include "gr-sync-apply.h"

typedef struct {
  const GrEntity *entity;
  GrRecordWriter *writer;
  sqlite3_stmt   *local;     /* version, deleted[, lot, date | plan] of an id */
  sqlite3_stmt   *any;       /* is there a record with an id from ?1 to ?2 */
  char           *new_first; /* no local record has an id from new_first … */
  char           *new_last;  /* … to new_last … */
  char           *new_after; /* … but those written since, up to this one */
  gboolean        is_movement;
} Table;

struct _GrSyncApplier
{
  GrStore      *store;
  Table        *tables;
  guint         n_tables;
  sqlite3_stmt *pending;
  sqlite3_stmt *shadow;
  gboolean      any_unsent;
  gboolean      defer_ledger;  /* the outbox has changes not yet accepted */
  GHashTable   *dirty;       /* lot → earliest date */
  gboolean      rebuild;     /* a lot moved to another plan */
  gboolean      batched;     /* new rows are written in batches */
  guint64       movements_added;   /* movements written as new rows … */
  guint64       movements_other;   /* … and those written over a row, or not written */
};

static void
mark_dirty (GrSyncApplier *applier,
            const char    *lot,
            const char    *date)
{
  const char *known;

  if (lot == NULL || date == NULL)
    return;
  known = g_hash_table_lookup (applier->dirty, lot);
  if (known == NULL || strcmp (date, known) < 0)
    g_hash_table_replace (applier->dirty, g_strdup (lot), g_strdup (date));
}

GrSyncApplier *
gr_sync_applier_new (GrStore  *store,
                     GError  **error)
{
  g_autoptr(GrSyncApplier) applier = g_new0 (GrSyncApplier, 1);
  const GrEntity * const *entities = gr_schema_entities (&applier->n_tables);

  applier->store = g_object_ref (store);
  applier->dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  applier->tables = g_new0 (Table, applier->n_tables);
  for (guint i = 0; i < applier->n_tables; i++)
    {
      Table *t = &applier->tables[i];
      const char *extra = strcmp (entities[i]->name, "movement") == 0 ? ", lot, date"
                          : strcmp (entities[i]->name, "lot") == 0 ? ", plan" : "";
      g_autofree char *sql = g_strdup_printf ("SELECT version, deleted%s FROM \"%s\" WHERE id = ?1", extra,
                                              entities[i]->table);

      g_autofree char *any = g_strdup_printf ("SELECT EXISTS (SELECT 1 FROM \"%s\" WHERE id >= ?1 AND id <= ?2)",
                                              entities[i]->table);

      t->entity = entities[i];
      t->is_movement = strcmp (entities[i]->name, "movement") == 0;
      if ((t->writer = gr_record_writer_new_full (store, entities[i], FALSE, error)) == NULL ||
          (t->local = gr_store_prepare (store, sql, error)) == NULL ||
          (t->any = gr_store_prepare (store, any, error)) == NULL)
        return NULL;
    }
  applier->pending = gr_store_prepare (store,
                                       "SELECT 1 FROM outbox WHERE entity = ?1 AND entity_id = ?2"
                                       " AND state IN ('pending', 'blocked', 'rejected') LIMIT 1", error);
  applier->shadow = gr_store_prepare (store,
                                      "INSERT INTO sync_shadow (entity, entity_id, version, data) VALUES (?1, ?2, ?3, ?4)"
                                      " ON CONFLICT (entity, entity_id) DO UPDATE SET version = excluded.version,"
                                      " data = excluded.data WHERE excluded.version > sync_shadow.version", error);
  if (applier->pending == NULL || applier->shadow == NULL)
    return NULL;
  /* Usually nothing waits to be sent: then no record needs the check. */
  applier->any_unsent = gr_outbox_count_unsent (store) != 0;
  return g_steal_pointer (&applier);
}

void
gr_sync_applier_free (GrSyncApplier *applier)
{
  if (applier == NULL)
    return;
  for (guint i = 0; applier->tables != NULL && i < applier->n_tables; i++)
    {
      g_clear_pointer (&applier->tables[i].writer, gr_record_writer_free);
      g_clear_pointer (&applier->tables[i].local, sqlite3_finalize);
      g_clear_pointer (&applier->tables[i].any, sqlite3_finalize);
      g_clear_pointer (&applier->tables[i].new_first, g_free);
      g_clear_pointer (&applier->tables[i].new_last, g_free);
      g_clear_pointer (&applier->tables[i].new_after, g_free);
    }
  g_free (applier->tables);
  g_clear_pointer (&applier->pending, sqlite3_finalize);
  g_clear_pointer (&applier->shadow, sqlite3_finalize);
  g_clear_pointer (&applier->dirty, g_hash_table_unref);
  g_clear_object (&applier->store);
  g_free (applier);
}

static Table *
table_of (GrSyncApplier  *applier,
          const GrEntity *entity)
{
  for (guint i = 0; i < applier->n_tables; i++)
    if (applier->tables[i].entity == entity)
      return &applier->tables[i];
  return NULL;
}

static gboolean
has_pending (GrSyncApplier *applier,
             const char    *entity,
             const char    *id)
{
  gboolean found;

  sqlite3_bind_text (applier->pending, 1, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (applier->pending, 2, id, -1, SQLITE_STATIC);
  found = sqlite3_step (applier->pending) == SQLITE_ROW;
  sqlite3_reset (applier->pending);
  return found;
}

/* data: the record's JSON as it came, kept aside when local changes
 * wait (NULL: the record's own JSON). hash: its content hash, NULL to
 * work it out. lasting: the record stays valid until the applier is
 * finished (it may wait in a batch). */
static gboolean
apply_record (GrSyncApplier      *applier,
              const GrRecord     *record,
              const char         *given_hash,
              JsonNode           *data,
              gboolean            lasting,
              gboolean            force,
              GrSyncApplyResult  *out_result,
              GError            **error)
{
  const GrEntity *entity = record->entity;
  Table *t = table_of (applier, entity);
  g_autofree char *hash = NULL;
  g_autofree char *old_lot = NULL;
  g_autofree char *old_date = NULL;
  g_autofree char *old_plan = NULL;
  gboolean exists = FALSE;
  gboolean fresh = FALSE;
  gint64 local_version = -1;
  gboolean ok;

  g_return_val_if_fail (t != NULL, FALSE);
  *out_result = GR_SYNC_APPLY_CURRENT;

  if (record->version < 0)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("The server sent a %s the client cannot read: %s"),
                   entity->name, _("it has no version"));
      return FALSE;
    }

  if (!force && applier->any_unsent && has_pending (applier, entity->name, record->id))
    {
      if (t->is_movement)
        applier->movements_other++;
      g_autofree char *text = NULL;
      int rc;

      if (data != NULL)
        text = gr_json_node_to_text (data);
      else
        {
          GString *out = g_string_new (NULL);

          gr_record_append_json (record, out);
          text = g_string_free (out, FALSE);
        }
      /* Kept aside: shown if the user drops the local changes. */
      sqlite3_bind_text (applier->shadow, 1, entity->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (applier->shadow, 2, record->id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (applier->shadow, 3, record->version);
      sqlite3_bind_text (applier->shadow, 4, text, -1, SQLITE_STATIC);
      rc = sqlite3_step (applier->shadow);
      sqlite3_reset (applier->shadow);
      if (rc != SQLITE_DONE)
        {
          gr_store_set_error (applier->store, error, _("Could not keep the server's version aside"));
          return FALSE;
        }
      *out_result = GR_SYNC_APPLY_PENDING;
      return TRUE;
    }

  /* An id of a range known to be new (gr_sync_applier_expect_new),
   * above every one written since: nothing to look up. */
  if (t->new_first != NULL && strcmp (record->id, t->new_first) >= 0 && strcmp (record->id, t->new_last) <= 0 &&
      (t->new_after == NULL || strcmp (record->id, t->new_after) > 0))
    {
      g_free (t->new_after);
      t->new_after = g_strdup (record->id);
      fresh = TRUE;
    }
  else
    {
      /* (the rows waiting in a batch must be there to be found) */
      if (!gr_record_writer_flush (t->writer, error))
        return FALSE;
      sqlite3_bind_text (t->local, 1, record->id, -1, SQLITE_STATIC);
      if (sqlite3_step (t->local) == SQLITE_ROW)
        {
          exists = TRUE;
          local_version = sqlite3_column_int64 (t->local, 0);
          if (strcmp (entity->name, "movement") == 0)
            {
              old_lot = g_strdup ((const char *) sqlite3_column_text (t->local, 2));
              old_date = g_strdup ((const char *) sqlite3_column_text (t->local, 3));
            }
          else if (strcmp (entity->name, "lot") == 0)
            old_plan = g_strdup ((const char *) sqlite3_column_text (t->local, 2));
        }
      sqlite3_reset (t->local);
    }
  /* The version rule (SYNC.md §3.5): only newer versions are written;
   * forced, the server's version also replaces local edits of the same. */
  if (exists && (force ? local_version > record->version : local_version >= record->version))
    {
      if (t->is_movement)
        applier->movements_other++;
      return TRUE;
    }

  if (given_hash == NULL)
    given_hash = hash = gr_record_hash (record);
  if (exists)
    ok = gr_record_writer_update (t->writer, record, given_hash, error);
  else if (fresh && lasting && applier->batched)
    ok = gr_record_writer_queue_insert (t->writer, record, given_hash, error);
  else
    ok = gr_record_writer_insert (t->writer, record, given_hash, error);
  if (!ok)
    return FALSE;
  if (t->is_movement && exists)
    applier->movements_other++;
  else if (t->is_movement)
    applier->movements_added++;

  /* (a deferred ledger is rebuilt whole: nothing to note) */
  if (applier->defer_ledger)
    ;
  else if (strcmp (entity->name, "movement") == 0)
    {
      mark_dirty (applier, old_lot, old_date);
      mark_dirty (applier, gr_record_get_text (record, "lot"), gr_record_get_text (record, "date"));
    }
  else if (strcmp (entity->name, "lot") == 0 && exists &&
           g_strcmp0 (old_plan, gr_record_get_text (record, "plan")) != 0)
    applier->rebuild = TRUE;
  *out_result = GR_SYNC_APPLY_WRITTEN;
  return TRUE;
}

gboolean
gr_sync_applier_apply (GrSyncApplier      *applier,
                       const GrEntity     *entity,
                       JsonNode           *data,
                       gboolean            force,
                       GrSyncApplyResult  *out_result,
                       GError            **error)
{
  g_autoptr(GrRecord) record = NULL;
  g_autoptr(GError) invalid = NULL;

  *out_result = GR_SYNC_APPLY_CURRENT;
  record = gr_record_from_json (entity, data, &invalid);
  if (record == NULL)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("The server sent a %s the client cannot read: %s"),
                   entity->name, invalid->message);
      return FALSE;
    }
  return apply_record (applier, record, NULL, data, FALSE, force, out_result, error);
}

gboolean
gr_sync_applier_apply_record (GrSyncApplier      *applier,
                              const GrRecord     *record,
                              const char         *hash,
                              gboolean            force,
                              GrSyncApplyResult  *out_result,
                              GError            **error)
{
  return apply_record (applier, record, hash, NULL, TRUE, force, out_result, error);
}

gboolean
gr_sync_applier_expect_new (GrSyncApplier   *applier,
                            const GrEntity  *entity,
                            const char      *first,
                            const char      *last,
                            GError         **error)
{
  Table *t = table_of (applier, entity);
  int rc;

  g_return_val_if_fail (t != NULL, FALSE);

  g_clear_pointer (&t->new_first, g_free);
  g_clear_pointer (&t->new_last, g_free);
  g_clear_pointer (&t->new_after, g_free);
  if (!gr_record_writer_flush (t->writer, error))
    return FALSE;
  sqlite3_bind_text (t->any, 1, first, -1, SQLITE_STATIC);
  sqlite3_bind_text (t->any, 2, last, -1, SQLITE_STATIC);
  rc = sqlite3_step (t->any);
  if (rc == SQLITE_ROW && sqlite3_column_int (t->any, 0) == 0)
    {
      t->new_first = g_strdup (first);
      t->new_last = g_strdup (last);
    }
  sqlite3_reset (t->any);
  if (rc != SQLITE_ROW)
    {
      gr_store_set_error (applier->store, error, _("Could not read the database"));
      return FALSE;
    }
  return TRUE;
}

void
gr_sync_applier_begin (GrSyncApplier *applier)
{
  for (guint i = 0; i < applier->n_tables; i++)
    {
      g_clear_pointer (&applier->tables[i].new_first, g_free);
      g_clear_pointer (&applier->tables[i].new_last, g_free);
      g_clear_pointer (&applier->tables[i].new_after, g_free);
    }
  applier->any_unsent = gr_outbox_count_unsent (applier->store) != 0;
}

void
gr_sync_applier_count_movements (GrSyncApplier *applier,
                                 guint64       *out_added,
                                 guint64       *out_other)
{
  *out_added = applier->movements_added;
  *out_other = applier->movements_other;
}

void
gr_sync_applier_set_batched (GrSyncApplier *applier)
{
  applier->batched = TRUE;
}

void
gr_sync_applier_defer_ledger (GrSyncApplier *applier)
{
  applier->defer_ledger = TRUE;
}

gboolean
gr_sync_applier_finish (GrSyncApplier  *applier,
                        GError        **error)
{
  GHashTableIter iter;
  gpointer lot, date;

  for (guint i = 0; i < applier->n_tables; i++)
    if (!gr_record_writer_flush (applier->tables[i].writer, error))
      return FALSE;

  if (applier->defer_ledger)
    {
      g_hash_table_remove_all (applier->dirty);
      applier->rebuild = FALSE;
      return TRUE;
    }

  /* A lot that changed plan moves its whole history: rare, so rebuild. */
  if (applier->rebuild)
    {
      g_hash_table_remove_all (applier->dirty);
      applier->rebuild = FALSE;
      return gr_ledger_rebuild_all (applier->store, error);
    }
  g_hash_table_iter_init (&iter, applier->dirty);
  while (g_hash_table_iter_next (&iter, &lot, &date))
    if (!gr_ledger_mark_dirty (applier->store, lot, date, error))
      return FALSE;
  g_hash_table_remove_all (applier->dirty);
  /* Synced movements happened elsewhere: never refused for a negative
   * balance; the rule stock.negative reports the lot. */
  return gr_ledger_settle (applier->store, FALSE, error);
}
