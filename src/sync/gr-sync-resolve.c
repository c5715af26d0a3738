/* gr-sync-resolve.c: the user settles what the server did not accept
 *
 * Conflicts (SYNC.md §3.6): keep mine (re-sent against the server's
 * current version), keep theirs, or edited values. Rejections: corrected
 * and sent again as a new change, or discarded (the local record goes
 * back to what it was before the change). Nothing is dropped without the
 * user asking for it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-sync-resolve"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-dataset.h"
#include "gr-error.h"
#include "gr-json-writer.h"
#include "gr-ledger.h"
#include "gr-outbox.h"
#include "gr-record-store.h"
#include "gr-schema.h"
#include "gr-sync.h"
#include "gr-sync-apply.h"

/* ---- Conflicts ---- */

static JsonObject *
record_object (const GrRecord *record,
               JsonParser     *parser)
{
  g_autoptr(GString) json = g_string_new (NULL);

  gr_record_append_json (record, json);
  if (!json_parser_load_from_data (parser, json->str, json->len, NULL))
    return NULL;
  return json_node_get_object (json_parser_get_root (parser));
}

static gboolean
is_meta_field (const char *name)
{
  return strcmp (name, "id") == 0 || strcmp (name, "version") == 0 || strcmp (name, "updated_at") == 0 ||
         strcmp (name, "updated_by") == 0;
}

/* Writes fields over the local record. track: as a local change (its
 * outbox row is a new patch against the version the record has now);
 * else silently (the caller records the change itself). */
static GrRecord *
apply_fields (GrStore         *store,
              const GrEntity  *entity,
              const char      *id,
              const char      *op,
              const char      *payload,
              gboolean         track,
              GError         **error)
{
  g_autoptr(GrRecord) current = gr_record_load (store, entity, id, error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) fields_parser = json_parser_new ();
  g_autoptr(GrRecordWriter) writer = NULL;
  g_autoptr(GrRecord) mine = NULL;
  g_autofree char *hash = NULL;
  JsonObject *object;

  if (current == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND, _("%s %s is not in this database"), entity->name, id);
      return NULL;
    }
  object = record_object (current, parser);
  if (object == NULL)
    return NULL;
  if (strcmp (op, "delete") == 0)
    json_object_set_boolean_member (object, "deleted", TRUE);
  else if (payload != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      if (!json_parser_load_from_data (fields_parser, payload, -1, NULL) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (fields_parser)))
        {
          g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("The changed values are not a JSON object"));
          return NULL;
        }
      json_object_iter_init (&iter, json_node_get_object (json_parser_get_root (fields_parser)));
      while (json_object_iter_next (&iter, &name, &value))
        if (!is_meta_field (name))
          json_object_set_member (object, name, json_node_copy (value));
    }
  mine = gr_record_from_json (entity, json_parser_get_root (parser), error);
  if (mine == NULL)
    return NULL;
  mine->version = current->version;
  hash = gr_record_hash (mine);
  writer = gr_record_writer_new_full (store, entity, track, error);
  if (writer == NULL || !gr_record_writer_update (writer, mine, hash, error))
    return NULL;
  return g_steal_pointer (&mine);
}

static gboolean
rewrite_local (GrStore         *store,
               const GrEntity  *entity,
               const char      *id,
               const char      *op,
               const char      *payload,
               GError         **error)
{
  g_autoptr(GrRecord) record = apply_fields (store, entity, id, op, payload, TRUE, error);

  return record != NULL;
}

/* The newest server version known, over whatever is local now. */
static gboolean
show_theirs (GrStore         *store,
             gint64           conflict_id,
             const GrEntity  *entity,
             const char      *id,
             GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GrSyncApplier) applier = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *best = NULL;
  gint64 best_version = -1;
  GrSyncApplyResult result;

  stmt = gr_store_prepare (store,
                           "SELECT server_version, theirs FROM sync_conflicts WHERE id = ?1 AND theirs IS NOT NULL"
                           " UNION ALL SELECT version, data FROM sync_shadow WHERE entity = ?2 AND entity_id = ?3",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, conflict_id);
  sqlite3_bind_text (stmt, 2, entity->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (sqlite3_column_int64 (stmt, 0) > best_version)
      {
        best_version = sqlite3_column_int64 (stmt, 0);
        g_free (best);
        best = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      }
  if (best == NULL)
    return TRUE;
  if (!json_parser_load_from_data (parser, best, -1, NULL))
    return TRUE;
  return (applier = gr_sync_applier_new (store, error)) != NULL &&
         gr_sync_applier_apply (applier, entity, json_parser_get_root (parser), TRUE, &result, error) &&
         gr_sync_applier_finish (applier, error);
}

static gboolean
resolve (GrStore           *store,
         gint64             conflict_id,
         GrSyncResolution   resolution,
         const char        *edited,
         GError           **error)
{
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) waiting = NULL;
  g_autoptr(sqlite3_stmt) done = NULL;
  g_autofree char *mutation_id = NULL;
  g_autofree char *entity_name = NULL;
  g_autofree char *id = NULL;
  g_autofree char *now = gr_sync_clock_iso ();
  const GrEntity *entity;

  if (!gr_store_begin (store, error))
    return FALSE;
  find = gr_store_prepare (store, "SELECT c.mutation_id, c.entity, c.entity_id FROM sync_conflicts c"
                                  " WHERE c.id = ?1 AND c.resolved_at IS NULL", error);
  if (find == NULL)
    goto failed;
  sqlite3_bind_int64 (find, 1, conflict_id);
  if (sqlite3_step (find) != SQLITE_ROW)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND, _("There is no open conflict %lld"), (long long) conflict_id);
      goto failed;
    }
  mutation_id = g_strdup ((const char *) sqlite3_column_text (find, 0));
  entity_name = g_strdup ((const char *) sqlite3_column_text (find, 1));
  id = g_strdup ((const char *) sqlite3_column_text (find, 2));
  entity = gr_schema_lookup (entity_name);
  if (entity == NULL)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("Unknown entity %s"), entity_name);
      goto failed;
    }

  /* The conflicting change and the ones that waited behind it, in order. */
  waiting = gr_store_prepare (store, "SELECT op, payload, mutation_id = ?3 FROM outbox WHERE entity = ?1"
                                     " AND entity_id = ?2 AND (mutation_id = ?3 OR state = 'blocked') ORDER BY seq",
                              error);
  if (waiting == NULL)
    goto failed;
  sqlite3_bind_text (waiting, 1, entity_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (waiting, 2, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (waiting, 3, mutation_id, -1, SQLITE_STATIC);
  /* Theirs is what shows now; edited values start from it too. */
  if (resolution != GR_SYNC_KEEP_MINE && !show_theirs (store, conflict_id, entity, id, error))
    goto failed;
  if (resolution != GR_SYNC_KEEP_THEIRS)
    while (sqlite3_step (waiting) == SQLITE_ROW)
      {
        g_autofree char *op = g_strdup ((const char *) sqlite3_column_text (waiting, 0));
        g_autofree char *payload = g_strdup ((const char *) sqlite3_column_text (waiting, 1));
        gboolean conflicting = sqlite3_column_int (waiting, 2) != 0;

        /* Mine again (or the edited values in place of the conflicting
         * change), as new changes on top of the server's version. */
        if (!rewrite_local (store, entity, id, conflicting && edited != NULL ? "patch" : op,
                            conflicting && edited != NULL ? edited : payload, error))
          goto failed;
      }

  /* Done with: the conflicting change and those that waited behind it
   * (re-sent above as new changes when keeping mine). */
  done = gr_store_prepare (store, "UPDATE outbox SET state = 'dropped' WHERE entity = ?1 AND entity_id = ?2"
                                  " AND (state = 'blocked' OR mutation_id = ?3)", error);
  if (done == NULL)
    goto failed;
  sqlite3_bind_text (done, 1, entity_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (done, 2, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (done, 3, mutation_id, -1, SQLITE_STATIC);
  if (sqlite3_step (done) != SQLITE_DONE)
    {
      gr_store_set_error (store, error, _("Could not resolve the conflict"));
      goto failed;
    }
  g_clear_pointer (&done, sqlite3_finalize);
  done = gr_store_prepare (store, "UPDATE sync_conflicts SET resolved_at = ?2, resolution = ?3 WHERE id = ?1", error);
  if (done == NULL)
    goto failed;
  sqlite3_bind_int64 (done, 1, conflict_id);
  sqlite3_bind_text (done, 2, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (done, 3, edited != NULL ? "edited" : resolution == GR_SYNC_KEEP_MINE ? "mine" : "theirs", -1,
                     SQLITE_STATIC);
  if (sqlite3_step (done) != SQLITE_DONE)
    {
      gr_store_set_error (store, error, _("Could not resolve the conflict"));
      goto failed;
    }
  return gr_store_commit (store, error);

failed:
  gr_store_rollback (store);
  return FALSE;
}

gboolean
gr_sync_resolve (GrStore           *store,
                 gint64             conflict_id,
                 GrSyncResolution   resolution,
                 GError           **error)
{
  return resolve (store, conflict_id, resolution, NULL, error);
}

gboolean
gr_sync_resolve_edited (GrStore     *store,
                        gint64       conflict_id,
                        const char  *fields,
                        GError     **error)
{
  g_return_val_if_fail (fields != NULL, FALSE);
  return resolve (store, conflict_id, GR_SYNC_KEEP_EDITED, fields, error);
}

/* ---- Rejections ---- */

typedef struct {
  gint64  seq;
  char   *mutation_id;
  char   *op;
  char   *payload;
  char   *undo;
  char   *state;
} Change;

static void
change_free (gpointer data)
{
  Change *change = data;

  g_free (change->mutation_id);
  g_free (change->op);
  g_free (change->payload);
  g_free (change->undo);
  g_free (change->state);
  g_free (change);
}

/* The rejected change and the ones of its record that waited behind it,
 * in order; *out_entity and *out_id name the record. */
static GPtrArray *
load_rejected (GrStore          *store,
               const char       *mutation_id,
               const GrEntity  **out_entity,
               char            **out_id,
               GError          **error)
{
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) rows = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (change_free);
  g_autofree char *entity_name = NULL;
  g_autofree char *id = NULL;
  gint64 seq;

  find = gr_store_prepare (store, "SELECT entity, entity_id, seq FROM outbox WHERE mutation_id = ?1"
                                  " AND state = 'rejected'", error);
  if (find == NULL)
    return NULL;
  sqlite3_bind_text (find, 1, mutation_id, -1, SQLITE_STATIC);
  if (sqlite3_step (find) != SQLITE_ROW)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND, _("There is no rejected change %s"), mutation_id);
      return NULL;
    }
  entity_name = g_strdup ((const char *) sqlite3_column_text (find, 0));
  id = g_strdup ((const char *) sqlite3_column_text (find, 1));
  seq = sqlite3_column_int64 (find, 2);
  if ((*out_entity = gr_schema_lookup (entity_name)) == NULL)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("Unknown entity %s"), entity_name);
      return NULL;
    }

  rows = gr_store_prepare (store, "SELECT seq, mutation_id, op, payload, undo, state FROM outbox"
                                  " WHERE entity = ?1 AND entity_id = ?2 AND (seq = ?3 OR (seq > ?3 AND state = 'blocked'))"
                                  " ORDER BY seq", error);
  if (rows == NULL)
    return NULL;
  sqlite3_bind_text (rows, 1, entity_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (rows, 2, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (rows, 3, seq);
  while (sqlite3_step (rows) == SQLITE_ROW)
    {
      Change *change = g_new0 (Change, 1);

      change->seq = sqlite3_column_int64 (rows, 0);
      change->mutation_id = g_strdup ((const char *) sqlite3_column_text (rows, 1));
      change->op = g_strdup ((const char *) sqlite3_column_text (rows, 2));
      change->payload = g_strdup ((const char *) sqlite3_column_text (rows, 3));
      change->undo = g_strdup ((const char *) sqlite3_column_text (rows, 4));
      change->state = g_strdup ((const char *) sqlite3_column_text (rows, 5));
      g_ptr_array_add (changes, change);
    }
  *out_id = g_steal_pointer (&id);
  return g_steal_pointer (&changes);
}

static gboolean
drop_changes (GrStore     *store,
              GPtrArray   *changes,
              const char  *why,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, "UPDATE outbox SET state = 'dropped', code = ?2"
                                                          " WHERE mutation_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < changes->len; i++)
    {
      sqlite3_bind_text (stmt, 1, ((Change *) changes->pdata[i])->mutation_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, why, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          gr_store_set_error (store, error, _("Could not update the outbox"));
          return FALSE;
        }
      sqlite3_reset (stmt);
    }
  return TRUE;
}

/* A movement's lot and date, to settle its ledger after it changed. */
static gboolean
mark_movement (GrStore         *store,
               const GrEntity  *entity,
               const char      *id,
               GError         **error)
{
  g_autoptr(GrRecord) record = NULL;

  if (strcmp (entity->name, "movement") != 0)
    return TRUE;
  record = gr_record_load (store, entity, id, error);
  if (record == NULL)
    return error == NULL || *error == NULL;
  return gr_ledger_mark_dirty (store, gr_record_get_text (record, "lot"), gr_record_get_text (record, "date"), error);
}

static gboolean
settle (GrStore         *store,
        const GrEntity  *entity,
        GError         **error)
{
  /* A local correction of a movement that happened is not refused for
   * a balance below zero here: the rule stock.negative reports it. */
  return strcmp (entity->name, "movement") != 0 || gr_ledger_settle (store, FALSE, error);
}

gboolean
gr_sync_resend (GrStore     *store,
                const char  *mutation_id,
                const char  *corrections,
                GError     **error)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GrOutbox) outbox = NULL;
  g_autoptr(GrRecord) record = NULL;
  g_autoptr(GString) merged = NULL;
  g_autofree char *id = NULL;
  const GrEntity *entity = NULL;
  Change *first;

  if (!gr_store_begin (store, error))
    return FALSE;
  if ((changes = load_rejected (store, mutation_id, &entity, &id, error)) == NULL ||
      (outbox = gr_outbox_new (store, error)) == NULL ||
      !mark_movement (store, entity, id, error))
    goto failed;
  first = changes->pdata[0];

  /* The corrections go into the local record as they are (no change of
   * their own): the change sent again carries them. */
  record = apply_fields (store, entity, id, strcmp (first->op, "delete") == 0 ? "patch" : first->op, corrections,
                         FALSE, error);
  if (record == NULL || !mark_movement (store, entity, id, error))
    goto failed;

  if (strcmp (first->op, "create") == 0 || strcmp (first->op, "append") == 0)
    {
      /* The whole record again, as corrected. */
      merged = g_string_new (NULL);
      gr_record_append_json (record, merged);
    }
  else if (strcmp (first->op, "patch") == 0)
    {
      /* The fields of the patch, corrected, against the version now. */
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonParser) fixes = json_parser_new ();
      JsonObject *object;
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      if (!json_parser_load_from_data (parser, first->payload ? first->payload : "{}", -1, NULL) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("The rejected change cannot be read"));
          goto failed;
        }
      object = json_node_get_object (json_parser_get_root (parser));
      if (corrections != NULL && json_parser_load_from_data (fixes, corrections, -1, NULL) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (fixes)))
        {
          json_object_iter_init (&iter, json_node_get_object (json_parser_get_root (fixes)));
          while (json_object_iter_next (&iter, &name, &value))
            if (!is_meta_field (name))
              json_object_set_member (object, name, json_node_copy (value));
        }
      merged = g_string_new (NULL);
      {
        g_autofree char *text = gr_json_node_to_text (json_parser_get_root (parser));

        g_string_append (merged, text);
      }
    }

  /* The rejected change and those behind it go; the same again, in the
   * same order, under new mutation ids (a mutation id is never reused
   * for another payload: SYNC.md §3.4). */
  if (!drop_changes (store, changes, "resent", error) ||
      !gr_outbox_add_raw (outbox, record, first->op, record->version, merged ? merged->str : first->payload,
                          first->undo, error))
    goto failed;
  for (guint i = 1; i < changes->len; i++)
    {
      Change *next = changes->pdata[i];

      if (!gr_outbox_add_raw (outbox, record, next->op, record->version, next->payload, next->undo, error))
        goto failed;
    }
  if (!settle (store, entity, error))
    goto failed;
  return gr_store_commit (store, error);

failed:
  gr_store_rollback (store);
  return FALSE;
}

static gboolean
delete_local (GrStore         *store,
              const GrEntity  *entity,
              const char      *id,
              GError         **error)
{
  for (guint f = 0; f < entity->n_fields; f++)
    if (entity->fields[f].type == GR_FIELD_CHILDREN)
      {
        g_autofree char *sql = g_strdup_printf ("DELETE FROM \"%s\" WHERE parent = ?1", entity->fields[f].child->table);
        g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, sql, error);

        if (stmt == NULL)
          return FALSE;
        sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
        if (sqlite3_step (stmt) != SQLITE_DONE)
          {
            gr_store_set_error (store, error, _("Could not remove the record"));
            return FALSE;
          }
      }
  {
    g_autofree char *sql = g_strdup_printf ("DELETE FROM \"%s\" WHERE id = ?1", entity->table);
    g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, sql, error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
    if (sqlite3_step (stmt) != SQLITE_DONE)
      {
        gr_store_set_error (store, error, _("Could not remove the record"));
        return FALSE;
      }
  }
  return TRUE;
}

gboolean
gr_sync_discard (GrStore     *store,
                 const char  *mutation_id,
                 GError     **error)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *id = NULL;
  const GrEntity *entity = NULL;
  Change *first;

  if (!gr_store_begin (store, error))
    return FALSE;
  if ((changes = load_rejected (store, mutation_id, &entity, &id, error)) == NULL ||
      !mark_movement (store, entity, id, error))
    goto failed;
  first = changes->pdata[0];

  if (strcmp (first->op, "create") == 0 || strcmp (first->op, "append") == 0)
    {
      /* The server never had it: it goes, with what waited behind it. */
      if (!delete_local (store, entity, id, error))
        goto failed;
    }
  else
    {
      /* Back to the values before the change: the later changes are
       * undone first, newest first. */
      for (guint i = changes->len; i-- > 0;)
        {
          Change *change = changes->pdata[i];
          g_autoptr(GrRecord) record = NULL;

          if (change->undo == NULL)
            continue;
          record = apply_fields (store, entity, id, "patch", change->undo, FALSE, error);
          if (record == NULL)
            goto failed;
        }
      /* And the server's newest version, when one came meanwhile. */
      if (!show_theirs (store, 0, entity, id, error))
        goto failed;
    }
  if (!drop_changes (store, changes, "discarded", error) || !settle (store, entity, error))
    goto failed;
  return gr_store_commit (store, error);

failed:
  gr_store_rollback (store);
  return FALSE;
}
