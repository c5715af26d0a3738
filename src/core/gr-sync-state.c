/* gr-sync-state.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-sync-state"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "gr-sync-state.h"

void
gr_sync_status_clear (GrSyncStatus *status)
{
  g_clear_pointer (&status->last_ok, g_free);
  g_clear_pointer (&status->server, g_free);
  g_clear_pointer (&status->user, g_free);
  g_clear_pointer (&status->role, g_free);
}

gboolean
gr_sync_status_read (GrStore       *store,
                     GrSyncStatus  *status,
                     GError       **error)
{
  g_autoptr(sqlite3_stmt) counts = NULL;
  g_autofree char *demo = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *snapshot = NULL;

  memset (status, 0, sizeof *status);
  counts = gr_store_prepare (store,
                             "SELECT coalesce(sum(state IN ('pending', 'blocked')), 0),"
                             " coalesce(sum(state = 'rejected'), 0), coalesce(sum(state = 'conflict'), 0),"
                             " coalesce(max(seq), 0) FROM outbox", error);
  if (counts == NULL)
    return FALSE;
  if (sqlite3_step (counts) != SQLITE_ROW)
    {
      gr_store_set_error (store, error, _("Could not read the outbox"));
      return FALSE;
    }
  status->pending = sqlite3_column_int64 (counts, 0);
  status->rejected = sqlite3_column_int64 (counts, 1);
  status->conflicts = sqlite3_column_int64 (counts, 2);
  status->newest_change = sqlite3_column_int64 (counts, 3);

  status->last_ok = gr_store_get_meta (store, "sync_last_ok");
  status->server = gr_store_get_meta (store, "sync_server");
  status->user = gr_store_get_meta (store, "sync_user");
  status->role = gr_store_get_meta (store, "sync_role");
  demo = gr_store_get_meta (store, "demo");
  status->demo = g_strcmp0 (demo, "1") == 0;
  cursor = gr_store_get_meta (store, "sync_cursor");
  status->downloaded = cursor != NULL;

  /* An interrupted first download keeps its place (gr-sync.c). */
  snapshot = gr_store_get_meta (store, "sync_snapshot");
  if (snapshot != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      status->downloading = TRUE;
      if (json_parser_load_from_data (parser, snapshot, -1, NULL) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          JsonObject *object = json_node_get_object (json_parser_get_root (parser));

          status->download_done = (guint64) MAX (json_object_get_int_member_with_default (object, "done", 0), 0);
          status->download_total = (guint64) MAX (json_object_get_int_member_with_default (object, "total", 0), 0);
        }
    }
  return TRUE;
}

void
gr_sync_change_free (GrSyncChange *change)
{
  if (change == NULL)
    return;
  g_free (change->mutation_id);
  g_free (change->entity);
  g_free (change->entity_id);
  g_free (change->op);
  g_free (change->payload);
  g_free (change->created_at);
  g_free (change->code);
  g_free (change->reason);
  g_free (change);
}

static GrRecordSyncState
state_of (const char *state)
{
  if (state == NULL)
    return GR_RECORD_SYNC_NONE;
  if (strcmp (state, "pending") == 0 || strcmp (state, "blocked") == 0)
    return GR_RECORD_SYNC_WAITING;
  if (strcmp (state, "acked") == 0)
    return GR_RECORD_SYNC_SENT;
  if (strcmp (state, "rejected") == 0)
    return GR_RECORD_SYNC_REJECTED;
  if (strcmp (state, "conflict") == 0)
    return GR_RECORD_SYNC_CONFLICT;
  return GR_RECORD_SYNC_NONE;
}

const char *
gr_record_sync_state_nick (GrRecordSyncState state)
{
  switch (state)
    {
    case GR_RECORD_SYNC_WAITING:
      return "waiting";
    case GR_RECORD_SYNC_SENT:
      return "sent";
    case GR_RECORD_SYNC_REJECTED:
      return "rejected";
    case GR_RECORD_SYNC_CONFLICT:
      return "conflict";
    case GR_RECORD_SYNC_NONE:
    default:
      return "";
    }
}

#define CHANGE_COLUMNS \
  "o.seq, o.mutation_id, o.entity, o.entity_id, o.op, o.payload, o.created_at, o.state, o.code, o.last_error," \
  " (SELECT c.id FROM sync_conflicts c WHERE c.mutation_id = o.mutation_id AND c.resolved_at IS NULL)"

static GrSyncChange *
change_from_row (sqlite3_stmt *stmt)
{
  GrSyncChange *change = g_new0 (GrSyncChange, 1);

  change->seq = sqlite3_column_int64 (stmt, 0);
  change->mutation_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  change->entity = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  change->entity_id = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  change->op = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  change->payload = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  change->created_at = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  change->state = state_of ((const char *) sqlite3_column_text (stmt, 7));
  change->code = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  change->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
  change->conflict_id = sqlite3_column_int64 (stmt, 10);
  return change;
}

GPtrArray *
gr_sync_list_changes (GrStore  *store,
                      guint     limit,
                      GError  **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_sync_change_free);
  static const char * const queries[] = {
    /* What needs the user, then what waits, oldest first. */
    "SELECT " CHANGE_COLUMNS " FROM outbox o WHERE o.state IN ('rejected', 'conflict', 'pending', 'blocked')"
    " ORDER BY CASE o.state WHEN 'conflict' THEN 0 WHEN 'rejected' THEN 1 ELSE 2 END, o.seq LIMIT ?1",
    /* Then the latest accepted. */
    "SELECT " CHANGE_COLUMNS " FROM outbox o WHERE o.state = 'acked' ORDER BY o.seq DESC LIMIT ?1",
  };

  for (guint q = 0; q < G_N_ELEMENTS (queries) && changes->len < limit; q++)
    {
      g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, queries[q], error);
      int rc;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int (stmt, 1, (int) (limit - changes->len));
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (changes, change_from_row (stmt));
      if (rc != SQLITE_DONE)
        {
          gr_store_set_error (store, error, _("Could not read the outbox"));
          return NULL;
        }
    }
  return g_steal_pointer (&changes);
}

GHashTable *
gr_sync_record_states (GrStore     *store,
                       const char  *entity,
                       const char  *id_query,
                       const char  *arg,
                       GError     **error)
{
  g_autoptr(GHashTable) states = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) gr_sync_change_free);
  g_autofree char *sql = g_strdup_printf ("SELECT " CHANGE_COLUMNS " FROM outbox o WHERE o.entity = ?2"
                                          " AND o.state <> 'dropped' AND o.entity_id IN (%s) ORDER BY o.seq",
                                          id_query);
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, entity, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GrSyncChange *change = change_from_row (stmt);

      /* The latest change of a record tells its state; an earlier one
       * that failed keeps the later ones waiting and is what to show. */
      {
        GrSyncChange *known = g_hash_table_lookup (states, change->entity_id);

        if (known != NULL && (known->state == GR_RECORD_SYNC_REJECTED || known->state == GR_RECORD_SYNC_CONFLICT) &&
            change->state == GR_RECORD_SYNC_WAITING)
          {
            gr_sync_change_free (change);
            continue;
          }
      }
      g_hash_table_replace (states, change->entity_id, change);
    }
  if (rc != SQLITE_DONE)
    {
      gr_store_set_error (store, error, _("Could not read the outbox"));
      return NULL;
    }
  return g_steal_pointer (&states);
}

void
gr_sync_conflict_free (GrSyncConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->mutation_id);
  g_free (conflict->entity);
  g_free (conflict->entity_id);
  g_free (conflict->op);
  g_strfreev (conflict->fields);
  g_free (conflict->mine);
  g_free (conflict->theirs);
  g_free (conflict->created_at);
  g_free (conflict);
}

static char **
string_list (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  if (json != NULL && json_parser_load_from_data (parser, json, -1, NULL) &&
      JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    {
      JsonArray *array = json_node_get_array (json_parser_get_root (parser));

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            g_ptr_array_add (list, g_strdup (json_node_get_string (node)));
        }
    }
  g_ptr_array_add (list, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&list), FALSE);
}

GPtrArray *
gr_sync_list_conflicts (GrStore  *store,
                        GError  **error)
{
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_sync_conflict_free);
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store,
    "SELECT c.id, c.mutation_id, c.entity, c.entity_id, c.fields, c.mine, c.theirs, c.server_version, c.created_at,"
    " (SELECT o.op FROM outbox o WHERE o.mutation_id = c.mutation_id)"
    " FROM sync_conflicts c WHERE c.resolved_at IS NULL ORDER BY c.id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GrSyncConflict *conflict = g_new0 (GrSyncConflict, 1);

      conflict->id = sqlite3_column_int64 (stmt, 0);
      conflict->mutation_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      conflict->entity = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      conflict->entity_id = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      conflict->fields = string_list ((const char *) sqlite3_column_text (stmt, 4));
      conflict->mine = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      conflict->theirs = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      conflict->server_version = sqlite3_column_int64 (stmt, 7);
      conflict->created_at = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
      conflict->op = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
      g_ptr_array_add (conflicts, conflict);
    }
  if (rc != SQLITE_DONE)
    {
      gr_store_set_error (store, error, _("Could not read the conflicts"));
      return NULL;
    }
  return g_steal_pointer (&conflicts);
}
