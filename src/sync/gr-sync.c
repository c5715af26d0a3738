/* gr-sync.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-dataset.h"
#include "gr-error.h"
#include "gr-inspection-photo.h"
#include "gr-json-writer.h"
#include "gr-kpi.h"
#include "gr-ledger.h"
#include "gr-outbox.h"
#include "gr-record-store.h"
#include "gr-schema.h"
#include "gr-sync.h"
#include "gr-sync-apply.h"
#include "gr-sync-client.h"
#include "gr-sync-page.h"
#include "gr-sync-purge.h"

void
gr_sync_options_init (GrSyncOptions *options)
{
  memset (options, 0, sizeof *options);
  options->batch_size = 500;
  options->pull_limit = 1000;
  options->snapshot_limit = 5000;
  options->max_attempts = 5;
  options->backoff_base_ms = 1000;
  options->backoff_cap_ms = 5 * 60 * 1000;
  options->verify = GR_SYNC_VERIFY_DAILY;
}

static void
issue_free (gpointer data)
{
  GrSyncIssue *issue = data;

  g_free (issue->entity);
  g_free (issue->id);
  g_free (issue->mutation_id);
  g_free (issue->status);
  g_free (issue->code);
  g_free (issue->detail);
  g_free (issue->fields);
  g_free (issue);
}

void
gr_sync_report_init (GrSyncReport *report)
{
  memset (report, 0, sizeof *report);
  report->issues = g_ptr_array_new_with_free_func (issue_free);
}

void
gr_sync_report_clear (GrSyncReport *report)
{
  g_clear_pointer (&report->issues, g_ptr_array_unref);
  g_clear_pointer (&report->mismatch, g_free);
}

typedef struct {
  GrStore             *store;
  const GrSyncOptions *options;
  GrSyncReport        *report;
  GrSyncClient        *client;
  GCancellable        *cancellable;
  guint                pages;
  gboolean             downloaded;   /* a snapshot was taken this cycle */
  sqlite3_stmt        *seen;         /* after a reset: records the download saw */
  guint64              done;         /* first download: records so far */
  guint64              total;        /* … and in all, 0 when unknown */
  struct _VerifyRequest *early;      /* the first download's verify, sent with its last page … */
  GThread             *early_thread; /* … by this thread, until joined … */
  guint64              early_mark;   /* … when this many changes were written */
} Cycle;

static void
log_event (GrStore    *store,
           const char *event,
           const char *detail)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, "INSERT INTO sync_log (at, event, detail) VALUES (?1, ?2, ?3)",
                                                   NULL);
  g_autofree char *now = gr_sync_clock_iso ();

  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, event, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, detail, -1, SQLITE_STATIC);
  sqlite3_step (stmt);
}

static gboolean
fault (GError **error)
{
  g_set_error (error, GR_SYNC_ERROR, GR_SYNC_ERROR_FAILED, _("Sync stopped on purpose (fault injection)"));
  return FALSE;
}

/* ---- Transactions that write server records ---- */

/* Records arrive in commit order, not reference order: foreign keys are
 * off while they are written (the server checked every reference). The
 * pragma only takes effect outside a transaction. */
static gboolean
begin_apply (GrStore  *store,
             GError  **error)
{
  if (!gr_store_exec (store, "PRAGMA foreign_keys = OFF", error))
    return FALSE;
  if (!gr_store_begin (store, error))
    {
      gr_store_exec (store, "PRAGMA foreign_keys = ON", NULL);
      return FALSE;
    }
  return TRUE;
}

static gboolean
commit_apply (GrStore  *store,
              GError  **error)
{
  gboolean ok = gr_store_commit (store, error);

  if (!ok)
    gr_store_rollback (store);
  gr_store_exec (store, "PRAGMA foreign_keys = ON", NULL);
  return ok;
}

static void
rollback_apply (GrStore *store)
{
  gr_store_rollback (store);
  gr_store_exec (store, "PRAGMA foreign_keys = ON", NULL);
}

/* ---- Push ---- */

typedef struct {
  gint64  seq;
  char   *mutation_id;
  char   *entity;
  char   *id;
  char   *op;
  char   *payload;
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->mutation_id);
  g_free (row->entity);
  g_free (row->id);
  g_free (row->op);
  g_free (row->payload);
  g_free (row);
}

/* Later changes of a record whose change failed wait for the user. */
static gboolean
block_followers (GrStore  *store,
                 GError  **error)
{
  return gr_store_exec (store,
                        "UPDATE outbox SET state = 'blocked', code = 'blocked' WHERE state = 'pending' AND EXISTS ("
                        " SELECT 1 FROM outbox o WHERE o.entity = outbox.entity AND o.entity_id = outbox.entity_id"
                        " AND o.seq < outbox.seq AND o.state IN ('rejected', 'conflict', 'blocked'))", error);
}

static GPtrArray *
next_batch (Cycle   *cycle,
            gint64   after_seq,
            GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  int rc;

  stmt = gr_store_prepare (cycle->store,
                           "SELECT seq, mutation_id, entity, entity_id, op, payload FROM outbox"
                           " WHERE state = 'pending' AND seq > ?1 ORDER BY seq LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after_seq);
  sqlite3_bind_int (stmt, 2, (int) CLAMP (cycle->options->batch_size, 1, 500));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Row *row = g_new0 (Row, 1);

      row->seq = sqlite3_column_int64 (stmt, 0);
      row->mutation_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row->entity = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      row->id = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      row->op = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      row->payload = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      gr_store_set_error (cycle->store, error, _("Could not read the outbox"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static char *
push_body (Cycle     *cycle,
           GPtrArray *rows)
{
  GString *out = g_string_new ("{\"batch_id\": ");
  g_autofree char *batch_id = gr_uuid_v7 ();
  g_autofree char *now = gr_sync_clock_iso ();
  g_autoptr(sqlite3_stmt) base = gr_store_prepare (cycle->store,
                                                   "SELECT base_version, schema_ver FROM outbox WHERE seq = ?1", NULL);

  gr_json_append_string (out, batch_id);
  g_string_append (out, ", \"client_time\": ");
  gr_json_append_string (out, now);
  g_string_append (out, ", \"mutations\": [");
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = rows->pdata[i];
      gint64 base_version = 0;
      int schema_ver = 0;

      sqlite3_bind_int64 (base, 1, row->seq);
      if (sqlite3_step (base) == SQLITE_ROW)
        {
          base_version = sqlite3_column_int64 (base, 0);
          schema_ver = sqlite3_column_int (base, 1);
        }
      sqlite3_reset (base);

      if (i > 0)
        g_string_append (out, ",\n ");
      g_string_append (out, "{\"mutation_id\": ");
      gr_json_append_string (out, row->mutation_id);
      g_string_append_printf (out, ", \"seq\": %" G_GINT64_FORMAT ", \"entity\": ", row->seq);
      gr_json_append_string (out, row->entity);
      g_string_append (out, ", \"id\": ");
      gr_json_append_string (out, row->id);
      g_string_append (out, ", \"op\": ");
      gr_json_append_string (out, row->op);
      g_string_append_printf (out, ", \"base_version\": %" G_GINT64_FORMAT ", \"schema_ver\": %d", base_version,
                              schema_ver);
      if (row->payload != NULL)
        {
          g_string_append (out, strcmp (row->op, "patch") == 0 ? ", \"fields\": " : ", \"payload\": ");
          g_string_append (out, row->payload);
        }
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]}");
  return g_string_free (out, FALSE);
}

static void
add_issue (Cycle      *cycle,
           const Row  *row,
           const char *status,
           JsonObject *result)
{
  GrSyncIssue *issue = g_new0 (GrSyncIssue, 1);
  JsonNode *fields = json_object_get_member (result, "fields");

  issue->entity = g_strdup (row->entity);
  issue->id = g_strdup (row->id);
  issue->mutation_id = g_strdup (row->mutation_id);
  issue->status = g_strdup (status);
  issue->code = g_strdup (json_object_get_string_member_with_default (result, "code", NULL));
  issue->detail = g_strdup (json_object_get_string_member_with_default (result, "detail", NULL));
  if (fields != NULL && JSON_NODE_HOLDS_ARRAY (fields))
    issue->fields = gr_json_node_to_text (fields);
  g_ptr_array_add (cycle->report->issues, issue);
}

#define SET_STATE_SQL \
  "UPDATE outbox SET state = ?2, code = ?3, last_error = ?4, server_version = coalesce(?5, server_version)," \
  " attempts = attempts + 1, acked_at = CASE WHEN ?2 = 'acked' THEN ?6 ELSE acked_at END WHERE mutation_id = ?1"

/* stmt: SET_STATE_SQL, prepared once for the batch */
static gboolean
set_state (GrStore      *store,
           sqlite3_stmt *stmt,
           const char   *mutation_id,
           const char   *state,
           JsonObject   *result,
           const char   *now,
           GError      **error)
{
  JsonNode *version = json_object_get_member (result, "version");
  int rc;

  sqlite3_bind_text (stmt, 1, mutation_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, state, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, json_object_get_string_member_with_default (result, "code", NULL), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, json_object_get_string_member_with_default (result, "detail", NULL), -1, SQLITE_STATIC);
  if (version != NULL && JSON_NODE_HOLDS_VALUE (version))
    sqlite3_bind_int64 (stmt, 5, json_node_get_int (version));
  else
    sqlite3_bind_null (stmt, 5);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gr_store_set_error (store, error, _("Could not record the server's answer"));
      return FALSE;
    }
  return TRUE;
}

static void
finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

/* An append the server took as sent comes back without its record, with
 * what the server added to it (version, updated_at, updated_by) and its
 * content hash: when the local copy has that content, it takes those,
 * and is then the server's record, which the pull that follows has no
 * need to write again. stmts: table → its UPDATE, prepared once. */
static gboolean
confirm_append (GrStore         *store,
                GHashTable      *stmts,
                const GrEntity  *entity,
                const char      *id,
                JsonObject      *result,
                GError         **error)
{
  const char *updated_at = json_object_get_string_member_with_default (result, "updated_at", NULL);
  const char *updated_by = json_object_get_string_member_with_default (result, "updated_by", NULL);
  const char *hash = json_object_get_string_member_with_default (result, "content_hash", NULL);
  JsonNode *version = json_object_get_member (result, "version");
  sqlite3_stmt *stmt;
  int rc;

  if (updated_at == NULL || updated_by == NULL || hash == NULL || version == NULL ||
      !JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64)
    return TRUE;
  stmt = g_hash_table_lookup (stmts, entity->table);
  if (stmt == NULL)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE \"%s\" SET version = ?1, updated_at = ?2, updated_by = ?3"
                                              " WHERE id = ?4 AND content_hash = ?5 AND version < ?1",
                                              entity->table);

      if ((stmt = gr_store_prepare (store, sql, error)) == NULL)
        return FALSE;
      g_hash_table_insert (stmts, (gpointer) entity->table, stmt);
    }
  sqlite3_bind_int64 (stmt, 1, json_node_get_int (version));
  sqlite3_bind_text (stmt, 2, updated_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, updated_by, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, hash, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gr_store_set_error (store, error, _("Could not record the server's answer"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
keep_conflict (GrStore     *store,
               const Row   *row,
               JsonObject  *result,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = gr_sync_clock_iso ();
  g_autofree char *fields = NULL;
  g_autofree char *theirs = NULL;
  JsonNode *node;

  node = json_object_get_member (result, "fields");
  fields = node ? gr_json_node_to_text (node) : g_strdup ("[]");
  node = json_object_get_member (result, "record");
  theirs = node ? gr_json_node_to_text (node) : NULL;
  stmt = gr_store_prepare (store,
                           "INSERT INTO sync_conflicts (mutation_id, entity, entity_id, fields, mine, theirs,"
                           " server_version, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row->mutation_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row->entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, row->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, fields, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, row->payload ? row->payload : "{}", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, theirs, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, json_object_get_int_member_with_default (result, "version", 0));
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      gr_store_set_error (store, error, _("Could not keep the conflict"));
      return FALSE;
    }
  return TRUE;
}

/* Records the answers of one batch, all in one transaction. */
static gboolean
record_results (Cycle      *cycle,
                GPtrArray  *rows,
                JsonObject *reply,
                GError    **error)
{
  JsonNode *node = json_object_get_member (reply, "results");
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) confirm = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_stmt);
  g_autoptr(GrSyncApplier) applier = NULL;
  g_autoptr(sqlite3_stmt) state = NULL;
  g_autofree char *now = gr_sync_clock_iso ();
  JsonArray *results;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, GR_SYNC_ERROR, GR_SYNC_ERROR_PROTOCOL, _("The server's push answer has no results"));
      return FALSE;
    }
  results = json_node_get_array (node);
  for (guint i = 0; i < rows->len; i++)
    g_hash_table_insert (by_id, ((Row *) rows->pdata[i])->mutation_id, rows->pdata[i]);

  if (!begin_apply (cycle->store, error))
    return FALSE;
  if ((applier = gr_sync_applier_new (cycle->store, error)) == NULL ||
      (state = gr_store_prepare (cycle->store, SET_STATE_SQL, error)) == NULL)
    goto failed;
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);
      const char *mutation_id = result ? json_object_get_string_member_with_default (result, "mutation_id", NULL) : NULL;
      const char *status = result ? json_object_get_string_member_with_default (result, "status", "") : "";
      Row *row = mutation_id ? g_hash_table_lookup (by_id, mutation_id) : NULL;
      JsonNode *record = result ? json_object_get_member (result, "record") : NULL;
      const GrEntity *entity;
      GrSyncApplyResult applied;

      if (row == NULL)
        continue;
      g_hash_table_remove (by_id, mutation_id);
      entity = gr_schema_lookup (row->entity);

      if (strcmp (status, "applied") == 0 || strcmp (status, "duplicate") == 0)
        {
          if (!set_state (cycle->store, state, mutation_id, "acked", result, now, error))
            goto failed;
          if (strcmp (status, "applied") == 0)
            cycle->report->pushed++;
          else
            cycle->report->duplicates++;
          /* The server's state of the record, merged changes included. */
          if (record != NULL && JSON_NODE_HOLDS_OBJECT (record) && entity != NULL &&
              !gr_sync_applier_apply (applier, entity, record, FALSE, &applied, error))
            goto failed;
          if (record == NULL && entity != NULL && !entity->is_child &&
              !confirm_append (cycle->store, confirm, entity, row->id, result, error))
            goto failed;
        }
      else if (strcmp (status, "conflict") == 0)
        {
          if (!set_state (cycle->store, state, mutation_id, "conflict", result, now, error) ||
              !keep_conflict (cycle->store, row, result, error))
            goto failed;
          add_issue (cycle, row, status, result);
          /* The server's side shows until the user decides; ours waits in
           * the conflict inbox. */
          if (record != NULL && JSON_NODE_HOLDS_OBJECT (record) && entity != NULL &&
              !gr_sync_applier_apply (applier, entity, record, TRUE, &applied, error))
            goto failed;
        }
      else if (strcmp (status, "rejected") == 0 || strcmp (status, "blocked") == 0)
        {
          if (!set_state (cycle->store, state, mutation_id, status, result, now, error))
            goto failed;
          add_issue (cycle, row, status, result);
        }
      else
        {
          /* "retry" (or a status this client does not know): stays
           * pending, sent again in a later cycle. */
          if (!set_state (cycle->store, state, mutation_id, "pending", result, now, error))
            goto failed;
          add_issue (cycle, row, "retry", result);
        }
    }
  if (!block_followers (cycle->store, error) ||
      !gr_sync_applier_finish (applier, error))
    goto failed;
  return commit_apply (cycle->store, error);

failed:
  rollback_apply (cycle->store);
  return FALSE;
}

/* The photos of the inspections about to be pushed go first (SYNC.md
 * §3.4: media by content hash before the mutation that refers to them).
 * A photo this device does not hold (the record came from elsewhere) is
 * not sent; one the server refuses is logged and the record goes all the
 * same: what the inspector found matters more than a picture of it. */
static gboolean
upload_photos (Cycle      *cycle,
               GPtrArray  *rows,
               GError    **error)
{
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = rows->pdata[i];
      g_autoptr(JsonParser) parser = NULL;
      JsonNode *photos;

      if (strcmp (row->entity, "inspection") != 0 || row->payload == NULL)
        continue;
      parser = json_parser_new ();
      if (!json_parser_load_from_data (parser, row->payload, -1, NULL) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        continue;
      photos = json_object_get_member (json_node_get_object (json_parser_get_root (parser)), "photos");
      if (photos == NULL || !JSON_NODE_HOLDS_ARRAY (photos))
        continue;
      for (guint p = 0; p < json_array_get_length (json_node_get_array (photos)); p++)
        {
          JsonNode *element = json_array_get_element (json_node_get_array (photos), p);
          const char *hash = json_node_get_value_type (element) == G_TYPE_STRING ? json_node_get_string (element) : NULL;
          g_autofree char *path = NULL;
          g_autofree char *data = NULL;
          g_autoptr(GBytes) bytes = NULL;
          g_autoptr(GError) local_error = NULL;
          gsize length;

          if (!gr_photo_hash_is_valid (hash))
            continue;
          path = gr_photo_path (cycle->store, hash);
          if (!g_file_get_contents (path, &data, &length, NULL))
            continue;
          bytes = g_bytes_new_take (g_steal_pointer (&data), length);
          if (gr_sync_client_put_blob (cycle->client, hash, bytes, cycle->cancellable, &local_error))
            continue;
          if (!g_error_matches (local_error, GR_SYNC_ERROR, GR_SYNC_ERROR_REFUSED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          {
            g_autofree char *detail = g_strdup_printf ("%s %s: %s", row->id, hash, local_error->message);

            log_event (cycle->store, "photo-refused", detail);
          }
        }
    }
  return TRUE;
}

static gboolean
push (Cycle   *cycle,
      GError **error)
{
  gint64 after_seq = 0;

  if (cycle->options->fault == GR_SYNC_FAULT_NO_PUSH)
    return TRUE;
  for (;;)
    {
      g_autoptr(GPtrArray) rows = NULL;
      g_autofree char *body = NULL;
      g_autoptr(JsonNode) reply = NULL;

      if (!block_followers (cycle->store, error) ||
          (rows = next_batch (cycle, after_seq, error)) == NULL)
        return FALSE;
      if (rows->len == 0)
        return TRUE;
      /* Each row goes once per cycle: a "retry" waits for the next one. */
      after_seq = ((Row *) rows->pdata[rows->len - 1])->seq;
      if (!upload_photos (cycle, rows, error))
        return FALSE;
      body = push_body (cycle, rows);
      reply = gr_sync_client_request_json (cycle->client, "POST", "/v1/sync/push", body, cycle->cancellable, error);
      if (reply == NULL)
        return FALSE;
      if (cycle->options->fault == GR_SYNC_FAULT_AFTER_PUSH_SENT)
        return fault (error);
      if (!record_results (cycle, rows, json_node_get_object (reply), error))
        return FALSE;
    }
}

/* ---- Pull ---- */

/* Counts what a change did; a download after a reset notes what it saw. */
static gboolean
note_change (Cycle              *cycle,
             const GrEntity     *entity,
             const char         *id,
             GrSyncApplyResult   result,
             gboolean            snapshot,
             GError            **error)
{
  if (snapshot && cycle->seen != NULL)
    {
      int rc;

      sqlite3_bind_text (cycle->seen, 1, entity->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (cycle->seen, 2, id ? id : "", -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (cycle->seen);
      sqlite3_reset (cycle->seen);
      if (rc != SQLITE_DONE)
        {
          gr_store_set_error (cycle->store, error, _("Could not note a downloaded record"));
          return FALSE;
        }
    }
  if (result == GR_SYNC_APPLY_WRITTEN)
    {
      cycle->report->pulled++;
      if (snapshot)
        cycle->report->from_snapshot++;
    }
  else if (result == GR_SYNC_APPLY_PENDING)
    cycle->report->skipped++;
  return TRUE;
}

static gboolean
apply_change (Cycle          *cycle,
              GrSyncApplier  *applier,
              const char     *entity_name,
              JsonNode       *data,
              gboolean        snapshot,
              GError        **error)
{
  const GrEntity *entity = entity_name ? gr_schema_lookup (entity_name) : NULL;
  GrSyncApplyResult result;
  JsonNode *id;

  if (entity == NULL || entity->is_child || data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    {
      /* A newer server's entity: nothing to keep it in. */
      log_event (cycle->store, "skipped", entity_name);
      return TRUE;
    }
  if (!gr_sync_applier_apply (applier, entity, data, FALSE, &result, error))
    return FALSE;
  id = json_object_get_member (json_node_get_object (data), "id");
  return note_change (cycle, entity, id && JSON_NODE_HOLDS_VALUE (id) ? json_node_get_string (id) : "", result,
                      snapshot, error);
}

/* A line of a snapshot page: most were read in place already. */
static gboolean
apply_line (Cycle           *cycle,
            GrSyncApplier   *applier,
            GrSyncPageLine  *line,
            GError         **error)
{
  GrSyncApplyResult result;

  if (line->record == NULL)
    return apply_change (cycle, applier, line->type, line->data, TRUE, error);
  return gr_sync_applier_apply_record (applier, line->record, line->hash, FALSE, &result, error) &&
         note_change (cycle, line->entity, line->record->id, result, TRUE, error);
}

/* The record lines of a page, in order. Each run of one entity's records
 * (ascending ids: the server pages by id) is announced to the applier,
 * which then looks none of them up when it has none of their ids. */
static gboolean
apply_lines (Cycle          *cycle,
             GrSyncApplier  *applier,
             GrSyncPage     *page,
             GError        **error)
{
  guint n = gr_sync_page_get_n_lines (page);
  g_autofree GrSyncPageLine **lines = g_new0 (GrSyncPageLine *, n);

  /* (a line that cannot be read refuses the page before anything of it
   * is written, as after part of it: the page is rolled back whole) */
  for (guint i = 0; i < n; i++)
    if ((lines[i] = gr_sync_page_get_line (page, i, error)) == NULL)
      return FALSE;
  for (guint i = 0; i < n;)
    {
      guint end = i;

      while (end < n && lines[end]->record != NULL && lines[end]->entity == lines[i]->entity)
        end++;
      if (end > i &&
          !gr_sync_applier_expect_new (applier, lines[i]->entity, lines[i]->record->id, lines[end - 1]->record->id,
                                       error))
        return FALSE;
      for (i = MAX (end, i + 1); i < n && lines[i]->record == NULL; i++)
        ;
    }
  for (guint i = 0; i < n; i++)
    if (!apply_line (cycle, applier, lines[i], error))
      return FALSE;
  return TRUE;
}

static gboolean snapshot_pages (Cycle *cycle, GError **error);
static gboolean verify_early_start (Cycle *cycle, GError **error);
static gboolean verify_due (Cycle *cycle);
static void     verify_early_join (Cycle *cycle);

/* The first download is a bulk load: like SYNC.md §3.2 says, it may skip
 * waiting for the disk on every page (a crash loses at most the pages
 * not yet synced to disk, which are downloaded again: the progress is
 * committed with them); FULL again afterwards. */
static gboolean
snapshot (Cycle   *cycle,
          GError **error)
{
  g_autofree char *resetting = gr_store_get_meta (cycle->store, "sync_resetting");
  gboolean ok;

  cycle->downloaded = TRUE;
  /* After a reset the download replaces what is here: it notes what it
   * sees, and the rest goes when it completes. */
  if (g_strcmp0 (resetting, "1") == 0 &&
      (cycle->seen = gr_store_prepare (cycle->store, "INSERT OR IGNORE INTO sync_seen (entity, entity_id) VALUES (?1, ?2)",
                                       error)) == NULL)
    return FALSE;
  /* The log is copied into the database when it holds 64 MB rather
   * than 4: once in about fifteen pages instead of after each one.
   * Foreign keys are off for the whole download (see begin_apply ()),
   * not page by page: setting the pragma makes SQLite prepare every
   * statement again, and the pages share theirs. */
  if (!gr_store_exec (cycle->store, "PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 16384;"
                                    " PRAGMA foreign_keys = OFF", error))
    return FALSE;
  ok = snapshot_pages (cycle, error);
  verify_early_join (cycle);
  gr_ledger_bulk_end (cycle->store);
  gr_store_exec (cycle->store, "PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 1000;"
                               " PRAGMA foreign_keys = ON", NULL);
  g_clear_pointer (&cycle->seen, sqlite3_finalize);
  return ok;
}

static void
report_progress (Cycle *cycle)
{
  if (cycle->options->progress != NULL)
    cycle->options->progress (cycle->done, MAX (cycle->total, cycle->done), cycle->options->progress_data);
}

static gint64
query_int (GrStore    *store,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, sql, NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

/* The ledger after the download's last page, and each lot's latest test
 * date (the pages were written with the triggers that keep it off: see
 * gr_ledger_bulk_begin ()). A download into an empty
 * movements table summed the movements of each page as they came
 * (sums, NULL otherwise): those sums are the table's when every movement
 * there came new from this download and none was changed here
 * meanwhile, and spare the rebuild its pass over every movement. */
static gboolean
rebuild_ledger (Cycle          *cycle,
                GrSyncApplier  *applier,
                GrLedgerSums   *sums,
                gint64          local_changes,
                GError        **error)
{
  guint64 added, other;

  if (!gr_kpi_set_tested_on (cycle->store, error))
    return FALSE;
  gr_sync_applier_count_movements (applier, &added, &other);
  if (sums != NULL && other == 0 &&
      query_int (cycle->store, "SELECT count(*) FROM movements") == (gint64) added &&
      query_int (cycle->store, "SELECT count(*) FROM outbox WHERE entity = 'movement'") == local_changes)
    {
      g_debug ("ledger rebuilt from the sums of the %" G_GUINT64_FORMAT " movements downloaded", added);
      return gr_ledger_rebuild_all_from (cycle->store, sums, error);
    }
  g_debug ("ledger rebuilt from the movements table");
  return gr_ledger_rebuild_all (cycle->store, error);
}

static gboolean
snapshot_pages (Cycle   *cycle,
                GError **error)
{
  g_autofree char *progress = gr_store_get_meta (cycle->store, "sync_snapshot");
  g_autofree char *cursor = NULL;
  g_autofree char *entity = NULL;
  g_autofree char *after_id = NULL;
  g_autofree char *first = NULL;
  g_autoptr(GrSyncFetcher) fetcher = NULL;
  g_autoptr(GrSyncApplier) applier = NULL;
  g_autoptr(GrLedgerSums) sums = NULL;
  gint64 local_changes = -1;

  /* Resume where an interrupted download stopped. */
  if (progress != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, progress, -1, NULL) && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          JsonObject *object = json_node_get_object (json_parser_get_root (parser));

          cursor = g_strdup (json_object_get_string_member_with_default (object, "cursor", NULL));
          entity = g_strdup (json_object_get_string_member_with_default (object, "entity", NULL));
          after_id = g_strdup (json_object_get_string_member_with_default (object, "after_id", NULL));
          cycle->done = (guint64) MAX (json_object_get_int_member_with_default (object, "done", 0), 0);
          cycle->total = (guint64) MAX (json_object_get_int_member_with_default (object, "total", 0), 0);
        }
    }
  else
    cycle->done = cycle->total = 0;
  report_progress (cycle);
  /* From the start into an empty table, not after a reset: the
   * movements are summed for the ledger as they come. */
  if (progress == NULL && cycle->seen == NULL &&
      query_int (cycle->store, "SELECT EXISTS (SELECT 1 FROM movements)") == 0)
    {
      sums = gr_ledger_sums_new ();
      local_changes = query_int (cycle->store, "SELECT count(*) FROM outbox WHERE entity = 'movement'");
    }

  fetcher = gr_sync_fetcher_new (cycle->client, cycle->cancellable);
  /* A first page of at most a thousand records: nothing is written
   * until it is there; the next ones travel while the ones before are
   * read and written. */
  first = gr_sync_snapshot_path (entity, after_id, MIN (cycle->options->snapshot_limit, 1000));
  gr_sync_fetcher_start (fetcher, first, cycle->options->snapshot_limit);
  for (;;)
    {
      g_autoptr(GrSyncPage) page = NULL;
      JsonObject *end;
      JsonNode *next;
      g_autofree char *new_progress = NULL;
      guint n_lines;

      /* A download paused between pages stops here, although the next
       * ones may be there already. */
      if (g_cancellable_set_error_if_cancelled (cycle->cancellable, error) ||
          (page = gr_sync_fetcher_finish (fetcher, error)) == NULL)
        return FALSE;
      end = gr_sync_page_get_end (page);
      n_lines = gr_sync_page_get_n_lines (page);
      if (cursor == NULL)
        {
          JsonObject *header = gr_sync_page_get_header (page);

          if (header == NULL)
            {
              g_set_error (error, GR_SYNC_ERROR, GR_SYNC_ERROR_PROTOCOL, _("A snapshot page has no header"));
              return FALSE;
            }
          /* Changes made during the download are pulled from here after it. */
          cursor = g_strdup (json_object_get_string_member_with_default (header, "cursor", NULL));
          cycle->total = (guint64) MAX (json_object_get_int_member_with_default (header, "total", 0), 0);
        }

      /* (the fetcher requested the next page already) */
      next = json_object_get_member (end, "next");
      g_clear_pointer (&entity, g_free);
      g_clear_pointer (&after_id, g_free);
      if (next != NULL && JSON_NODE_HOLDS_OBJECT (next))
        {
          entity = g_strdup (json_object_get_string_member_with_default (json_node_get_object (next), "entity", NULL));
          after_id = g_strdup (json_object_get_string_member_with_default (json_node_get_object (next), "after_id", NULL));
        }

      /* (foreign keys are off already: snapshot ()) */
      if (!gr_store_begin (cycle->store, error))
        return FALSE;
      /* Balances, month-end stock and rotation queues are rebuilt once,
       * with the last page. One applier writes every page, with the
       * same prepared statements. */
      if (!gr_ledger_bulk_begin (cycle->store, error) ||
          (applier == NULL && (applier = gr_sync_applier_new (cycle->store, error)) == NULL))
        goto failed;
      /* (the page's records stay until it is committed) */
      gr_sync_applier_set_batched (applier);
      gr_sync_applier_begin (applier);
      gr_sync_applier_defer_ledger (applier);
      if (!apply_lines (cycle, applier, page, error))
        goto failed;
      if (sums != NULL && gr_sync_page_get_movement_sums (page) != NULL)
        gr_ledger_sums_merge (sums, gr_sync_page_get_movement_sums (page));
      else
        g_clear_pointer (&sums, gr_ledger_sums_free);
      cycle->done += n_lines;
      if (!gr_sync_applier_finish (applier, error))
        goto failed;

      if (next != NULL && JSON_NODE_HOLDS_OBJECT (next))
        {
          GString *out = g_string_new ("{\"cursor\": ");

          gr_json_append_string (out, cursor);
          g_string_append (out, ", \"entity\": ");
          gr_json_append_string (out, entity ? entity : "");
          g_string_append (out, ", \"after_id\": ");
          gr_json_append_string (out, after_id ? after_id : "");
          g_string_append_printf (out, ", \"done\": %" G_GUINT64_FORMAT ", \"total\": %" G_GUINT64_FORMAT "}",
                                  cycle->done, cycle->total);
          new_progress = g_string_free (out, FALSE);
          if (!gr_store_set_meta (cycle->store, "sync_snapshot", new_progress, error))
            goto failed;
        }
      else
        {
          guint purged = 0;

          /* Complete: after a reset, what the server no longer has goes. */
          if (cycle->seen != NULL && (!gr_sync_purge_unseen (cycle->store, &purged, error) ||
                                      !gr_store_set_meta (cycle->store, "sync_resetting", NULL, error)))
            goto failed;
          cycle->report->purged += purged;
          /* The verify goes while the ledger is rebuilt (its body reads
           * ids and versions only). */
          if (!verify_early_start (cycle, error) ||
              !rebuild_ledger (cycle, applier, sums, local_changes, error) ||
              !gr_store_set_meta (cycle->store, "sync_snapshot", NULL, error) ||
              !gr_store_set_meta (cycle->store, "sync_cursor", cursor, error))
            goto failed;
        }
      if (!gr_store_commit (cycle->store, error))
        goto failed;
      /* (the page's records were made by the fetcher's thread) */
      gr_sync_fetcher_dispose (fetcher, g_steal_pointer (&page), (GDestroyNotify) gr_sync_page_free);
      report_progress (cycle);
      if (new_progress == NULL)
        return TRUE;
      continue;

    failed:
      gr_store_rollback (cycle->store);
      return FALSE;
    }
}

/* The user's scope as the server applies it now. When it changed since
 * the records here were downloaded, what it no longer reads goes at once
 * (except unsent changes) and the scope is downloaded anew: a depot
 * gained has records the change log will not bring, as they did not
 * change (SYNC.md §3.5 "scopes_removed", §4 test 26). *out_reset: the
 * caller starts that download. */
static gboolean
follow_scope (Cycle     *cycle,
              JsonNode  *scope,
              gboolean  *out_reset,
              GError   **error)
{
  g_autofree char *text = NULL;
  g_autofree char *applied = NULL;
  guint purged = 0;

  *out_reset = FALSE;
  if (scope == NULL || !JSON_NODE_HOLDS_OBJECT (scope))
    return TRUE;
  text = gr_json_node_to_text (scope);
  applied = gr_store_get_meta (cycle->store, "sync_scope_applied");
  if (g_strcmp0 (text, applied) == 0)
    return TRUE;
  if (applied != NULL)
    {
      if (!gr_sync_purge_outside_scope (cycle->store, json_node_get_object (scope), &purged, error))
        return FALSE;
      cycle->report->purged += purged;
      log_event (cycle->store, "scope", text);
      *out_reset = TRUE;
      if (!gr_store_set_meta (cycle->store, "sync_cursor", NULL, error) ||
          !gr_store_set_meta (cycle->store, "sync_snapshot", NULL, error) ||
          !gr_store_set_meta (cycle->store, "sync_resetting", "1", error) ||
          !gr_store_exec (cycle->store, "DELETE FROM sync_seen", error))
        return FALSE;
    }
  return gr_store_set_meta (cycle->store, "sync_scope_applied", text, error) &&
         gr_sync_store_identity (cycle->store, json_node_get_object (scope), error);
}

static gboolean
pull (Cycle   *cycle,
      GError **error)
{
  gboolean reset_done = FALSE;

  for (;;)
    {
      g_autofree char *cursor = gr_store_get_meta (cycle->store, "sync_cursor");
      g_autofree char *escaped = NULL;
      g_autofree char *path = NULL;
      g_autoptr(JsonNode) reply = NULL;
      g_autoptr(GError) local = NULL;
      g_autoptr(GrSyncApplier) applier = NULL;
      JsonObject *object;
      JsonNode *changes;
      const char *next;
      gboolean has_more;
      gboolean rescope = FALSE;

      if (cursor == NULL)
        {
          if (!snapshot (cycle, error))
            return FALSE;
          continue;
        }
      escaped = g_uri_escape_string (cursor, NULL, FALSE);
      path = g_strdup_printf ("/v1/sync/pull?cursor=%s&limit=%u", escaped, cycle->options->pull_limit);
      reply = gr_sync_client_request_json (cycle->client, "GET", path, NULL, cycle->cancellable, &local);
      if (reply == NULL)
        {
          /* The server's history changed: download anew; the local
           * changes not yet accepted stay and are pushed as before. */
          if (g_error_matches (local, GR_SYNC_ERROR, GR_SYNC_ERROR_RESET) && !reset_done)
            {
              reset_done = TRUE;
              cycle->report->reset = TRUE;
              log_event (cycle->store, "reset", local->message);
              if (!gr_store_begin (cycle->store, error))
                return FALSE;
              if (!gr_store_set_meta (cycle->store, "sync_cursor", NULL, error) ||
                  !gr_store_set_meta (cycle->store, "sync_snapshot", NULL, error) ||
                  !gr_store_set_meta (cycle->store, "sync_resetting", "1", error) ||
                  !gr_store_exec (cycle->store, "DELETE FROM sync_seen", error) ||
                  !gr_store_commit (cycle->store, error))
                {
                  gr_store_rollback (cycle->store);
                  return FALSE;
                }
              continue;
            }
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      object = json_node_get_object (reply);
      changes = json_object_get_member (object, "changes");
      next = json_object_get_string_member_with_default (object, "next_cursor", NULL);
      has_more = json_object_get_boolean_member_with_default (object, "has_more", FALSE);
      if (changes == NULL || !JSON_NODE_HOLDS_ARRAY (changes) || next == NULL)
        {
          g_set_error (error, GR_SYNC_ERROR, GR_SYNC_ERROR_PROTOCOL, _("The server's pull answer is incomplete"));
          return FALSE;
        }

      /* The page and its cursor commit together: a crash in between
       * resumes exactly here, with no gap and nothing twice. */
      if (!begin_apply (cycle->store, error))
        return FALSE;
      if ((applier = gr_sync_applier_new (cycle->store, error)) == NULL ||
          !follow_scope (cycle, json_object_get_member (object, "scope"), &rescope, error))
        goto failed;
      if (rescope)
        {
          /* The page is not applied: the new download brings it all. */
          if (!commit_apply (cycle->store, error))
            return FALSE;
          cycle->report->reset = TRUE;
          continue;
        }
      for (guint i = 0; i < json_array_get_length (json_node_get_array (changes)); i++)
        {
          JsonObject *change = json_array_get_object_element (json_node_get_array (changes), i);

          if (change == NULL ||
              !apply_change (cycle, applier, json_object_get_string_member_with_default (change, "entity", NULL),
                             json_object_get_member (change, "data"), FALSE, error))
            goto failed;
        }
      if (!gr_sync_applier_finish (applier, error) ||
          !gr_store_set_meta (cycle->store, "sync_cursor", next, error))
        goto failed;
      if (cycle->options->fault == GR_SYNC_FAULT_MID_PULL_PAGE && cycle->pages == cycle->options->fault_after)
        {
          rollback_apply (cycle->store);
          return fault (error);
        }
      if (!commit_apply (cycle->store, error))
        return FALSE;
      cycle->pages++;
      if (!has_more)
        return TRUE;
      continue;

    failed:
      rollback_apply (cycle->store);
      return FALSE;
    }
}

/* ---- Verify ---- */

char *
gr_sync_verify_body (GrStore  *store,
                     GError  **error)
{
  guint n;
  const GrEntity * const *entities = gr_schema_entities (&n);
  GString *out = g_string_new ("{\"entities\": {");

  for (guint e = 0; e < n; e++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id, version FROM \"%s\" WHERE deleted = 0 AND version > 0",
                                              entities[e]->table);
      g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, sql, error);
      g_autoptr(GChecksum) md5 = g_checksum_new (G_CHECKSUM_MD5);
      guint64 sum = 0;
      gint64 count = 0;

      if (stmt == NULL)
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          char version[24];
          char *v = version + sizeof version;
          guint64 left = (guint64) sqlite3_column_int64 (stmt, 1);
          guint8 digest[16];
          gsize length = sizeof digest;
          guint64 head = 0;

          /* The first 64 bits of md5(id:version), summed modulo 2^64
           * (SYNC.md §3.10), as the server computes it. (The version,
           * above 0, written by hand: printf took a fifth of the time.) */
          do
            *--v = (char) ('0' + left % 10);
          while ((left /= 10) > 0);
          *--v = ':';
          g_checksum_reset (md5);
          g_checksum_update (md5, sqlite3_column_text (stmt, 0), sqlite3_column_bytes (stmt, 0));
          g_checksum_update (md5, (const guchar *) v, version + sizeof version - v);
          g_checksum_get_digest (md5, digest, &length);
          for (guint i = 0; i < 8; i++)
            head = head << 8 | digest[i];
          sum += head;
          count++;
        }
      if (e > 0)
        g_string_append (out, ", ");
      gr_json_append_string (out, entities[e]->name);
      g_string_append_printf (out, ": {\"count\": %" G_GINT64_FORMAT ", \"checksum\": \"%" G_GUINT64_FORMAT "\"}",
                              count, sum);
    }
  g_string_append (out, "}}");
  return g_string_free (out, FALSE);
}

/* The entities the server's verify answer says differ, into mismatch. */
static gboolean
read_mismatches (JsonNode  *reply,
                 GString   *mismatch,
                 GError   **error)
{
  JsonObject *entities = json_object_get_object_member (json_node_get_object (reply), "entities");
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (entities == NULL)
    {
      g_set_error (error, GR_SYNC_ERROR, GR_SYNC_ERROR_PROTOCOL, _("The server's verify answer is incomplete"));
      return FALSE;
    }
  json_object_iter_init_ordered (&iter, entities);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    if (JSON_NODE_HOLDS_OBJECT (value) &&
        !json_object_get_boolean_member_with_default (json_node_get_object (value), "match", FALSE))
      g_string_append_printf (mismatch, "%s%s", mismatch->len ? ", " : "", name);
  return TRUE;
}

typedef struct _VerifyRequest {
  GrSyncClient *client;
  GCancellable *cancellable;
  char         *body;
  JsonNode     *reply;
  GError       *error;
} VerifyRequest;

static gpointer
verify_request_thread (gpointer data)
{
  VerifyRequest *request = data;

  request->reply = gr_sync_client_request_json (request->client, "POST", "/v1/sync/verify", request->body,
                                                request->cancellable, &request->error);
  return NULL;
}

static void
verify_request_free (VerifyRequest *request)
{
  g_free (request->body);
  g_clear_pointer (&request->reply, json_node_unref);
  g_clear_error (&request->error);
  g_free (request);
}

/* Changes written to the database so far in this cycle. */
static guint64
changes_so_far (Cycle *cycle)
{
  return (guint64) cycle->report->pulled + cycle->report->skipped + cycle->report->purged + (cycle->report->reset ? 1 : 0);
}

/* The first download's last page, inside its transaction: the verify
 * body is taken now and sent by a thread of its own while the page is
 * finished; the client is that thread's until verify_early_join (). */
static gboolean
verify_early_start (Cycle   *cycle,
                    GError **error)
{
  char *body;

  if (!verify_due (cycle) || cycle->early != NULL)
    return TRUE;
  if ((body = gr_sync_verify_body (cycle->store, error)) == NULL)
    return FALSE;
  cycle->early = g_new0 (VerifyRequest, 1);
  cycle->early->client = cycle->client;
  cycle->early->cancellable = cycle->cancellable;
  cycle->early->body = body;
  cycle->early_mark = changes_so_far (cycle);
  cycle->early_thread = g_thread_new ("gr-sync-verify", verify_request_thread, cycle->early);
  return TRUE;
}

static void
verify_early_join (Cycle *cycle)
{
  if (cycle->early_thread != NULL)
    g_thread_join (g_steal_pointer (&cycle->early_thread));
}

static gboolean
verify (Cycle   *cycle,
        GError **error)
{
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GString) mismatch = g_string_new (NULL);

  /* The answer to the body taken with the download's last page stands
   * when nothing was written since and everything matched; otherwise
   * the records are compared again as they are now. */
  verify_early_join (cycle);
  if (cycle->early != NULL && cycle->early->reply != NULL && changes_so_far (cycle) == cycle->early_mark &&
      read_mismatches (cycle->early->reply, mismatch, NULL) && mismatch->len == 0)
    reply = json_node_ref (cycle->early->reply);
  else
    {
      g_autofree char *body = gr_sync_verify_body (cycle->store, error);

      g_string_truncate (mismatch, 0);
      if (body == NULL)
        return FALSE;
      reply = gr_sync_client_request_json (cycle->client, "POST", "/v1/sync/verify", body, cycle->cancellable, error);
      if (reply == NULL || !read_mismatches (reply, mismatch, error))
        return FALSE;
    }
  cycle->report->verified = mismatch->len == 0;
  {
    g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, gr_sync_clock_now () / G_USEC_PER_SEC);

    gr_store_set_meta (cycle->store, "sync_last_verify", now, NULL);
  }
  if (mismatch->len > 0)
    {
      cycle->report->mismatch = g_strdup (mismatch->str);
      log_event (cycle->store, "verify", mismatch->str);
    }
  return TRUE;
}

/* ---- The cycle ---- */

static gboolean
verify_due (Cycle *cycle)
{
  g_autofree char *last = NULL;

  switch (cycle->options->verify)
    {
    case GR_SYNC_VERIFY_ALWAYS:
      return TRUE;
    case GR_SYNC_VERIFY_NEVER:
      return FALSE;
    case GR_SYNC_VERIFY_DAILY:
    default:
      if (cycle->downloaded)
        return TRUE;
      last = gr_store_get_meta (cycle->store, "sync_last_verify");
      return last == NULL || gr_sync_clock_now () / G_USEC_PER_SEC - g_ascii_strtoll (last, NULL, 10) >= 24 * 3600;
    }
}

static char *
normal_url (const char *url)
{
  char *copy = g_strdup (url);

  while (g_str_has_suffix (copy, "/"))
    copy[strlen (copy) - 1] = '\0';
  return copy;
}

/* One database per server and user; demo data never syncs. */
gboolean
gr_sync_check_database (GrStore     *store,
                        const char  *wanted,
                        const char  *wanted_user,
                        GError     **error)
{
  g_autofree char *demo = gr_store_get_meta (store, "demo");
  g_autofree char *server = gr_store_get_meta (store, "sync_server");
  g_autofree char *user = gr_store_get_meta (store, "sync_user");

  if (g_strcmp0 (demo, "1") == 0)
    {
      g_set_error (error, GR_SYNC_ERROR, GR_SYNC_ERROR_NOT_ALLOWED,
                   _("This database holds demo data: it never syncs. Use a new database for real data."));
      return FALSE;
    }
  if ((server != NULL && strcmp (server, wanted) != 0) || (user != NULL && strcmp (user, wanted_user) != 0))
    {
      g_set_error (error, GR_SYNC_ERROR, GR_SYNC_ERROR_NOT_ALLOWED,
                   _("This database syncs with %s as %s; use another database for %s as %s"),
                   server ? server : wanted, user ? user : wanted_user, wanted, wanted_user);
      return FALSE;
    }
  return TRUE;
}

gboolean
gr_sync_store_identity (GrStore     *store,
                        JsonObject  *identity,
                        GError     **error)
{
  g_autoptr(GString) scope = g_string_new ("{\"role\": ");
  const char *role;
  const char *enterprise;
  JsonArray *depots;

  if (identity == NULL)
    return TRUE;
  role = json_object_get_string_member_with_default (identity, "role", NULL);
  enterprise = json_object_get_string_member_with_default (identity, "enterprise", NULL);
  depots = (json_object_get_member (identity, "depots") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (identity, "depots"))
                               ? json_object_get_array_member (identity, "depots") : NULL);
  if (role == NULL)
    return TRUE;
  gr_json_append_string (scope, role);
  g_string_append (scope, ", \"enterprise\": ");
  if (enterprise != NULL)
    gr_json_append_string (scope, enterprise);
  else
    g_string_append (scope, "null");
  g_string_append (scope, ", \"depots\": [");
  for (guint i = 0; depots != NULL && i < json_array_get_length (depots); i++)
    {
      const char *depot = json_array_get_string_element (depots, i);

      if (depot == NULL)
        continue;
      if (scope->str[scope->len - 1] != '[')
        g_string_append (scope, ", ");
      gr_json_append_string (scope, depot);
    }
  g_string_append (scope, "]}");
  return gr_store_set_meta (store, "sync_role", role, error) &&
         gr_store_set_meta (store, "sync_scope", scope->str, error);
}

gint64
gr_sync_count_unsent (GrStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, "SELECT count(*) FROM outbox"
                                                          " WHERE state IN ('pending', 'blocked', 'rejected', 'conflict')",
                                                   NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
ensure_device (Cycle   *cycle,
               GError **error)
{
  g_autofree char *device = gr_store_get_meta (cycle->store, "sync_device_id");

  if (device == NULL)
    {
      g_autoptr(GString) body = g_string_new ("{\"name\": ");
      g_autoptr(JsonNode) reply = NULL;
      const char *id;

      gr_json_append_string (body, cycle->options->device_name ? cycle->options->device_name : g_get_host_name ());
      g_string_append_c (body, '}');
      reply = gr_sync_client_request_json (cycle->client, "POST", "/v1/devices", body->str, cycle->cancellable, error);
      if (reply == NULL)
        return FALSE;
      id = json_object_get_string_member_with_default (json_node_get_object (reply), "device_id", NULL);
      if (id == NULL)
        {
          g_set_error (error, GR_SYNC_ERROR, GR_SYNC_ERROR_PROTOCOL, _("The server gave this device no id"));
          return FALSE;
        }
      device = g_strdup (id);
      /* The server and user are pinned with the device: from now on this
       * database belongs to them. */
      if (!gr_store_begin (cycle->store, error))
        return FALSE;
      if (!gr_store_set_meta (cycle->store, "sync_device_id", device, error) ||
          !gr_store_set_meta (cycle->store, "sync_server", cycle->options->server, error) ||
          !gr_store_set_meta (cycle->store, "sync_user", cycle->options->user, error) ||
          !gr_store_commit (cycle->store, error))
        {
          gr_store_rollback (cycle->store);
          return FALSE;
        }
    }
  gr_sync_client_set_device (cycle->client, device);
  return TRUE;
}

gboolean
gr_sync_run (GrStore              *store,
             const GrSyncOptions  *options,
             GrSyncReport         *report,
             GCancellable         *cancellable,
             GError              **error)
{
  GrSyncRetry retry = { options->max_attempts, options->backoff_base_ms, options->backoff_cap_ms };
  g_autoptr(GrSyncClient) client = NULL;
  g_autofree char *server = NULL;
  g_autofree char *summary = NULL;
  Cycle cycle = { 0 };
  GrSyncOptions normal = *options;
  gboolean ok;

  g_return_val_if_fail (GR_IS_STORE (store), FALSE);
  g_return_val_if_fail (options->server != NULL && options->user != NULL, FALSE);

  server = normal_url (options->server);
  normal.server = server;
  if (!gr_sync_check_database (store, server, options->user, error))
    return FALSE;

  client = gr_sync_client_new (server, &retry);
  cycle.store = store;
  cycle.options = &normal;
  cycle.report = report;
  cycle.client = client;
  cycle.cancellable = cancellable;

  if (options->password == NULL && options->refresh_token != NULL)
    ok = gr_sync_client_resume (client, options->user, options->refresh_token, cancellable, error);
  else
    ok = gr_sync_client_login (client, options->user, options->password ? options->password : "", cancellable, error);
  ok = ok &&
       ensure_device (&cycle, error) &&
       push (&cycle, error) &&
       pull (&cycle, error) &&
       (!verify_due (&cycle) || verify (&cycle, error));
  verify_early_join (&cycle);
  g_clear_pointer (&cycle.early, verify_request_free);
  report->clock_skew = gr_sync_client_clock_skew (client);
  report->retries += gr_sync_client_retries (client);

  summary = g_strdup_printf ("pushed %u, duplicates %u, pulled %u, issues %u%s", report->pushed, report->duplicates,
                             report->pulled, report->issues->len, ok ? "" : ", failed");
  log_event (store, "cycle", summary);
  if (ok)
    {
      g_autofree char *now = gr_sync_clock_iso ();

      gr_store_set_meta (store, "sync_last_ok", now, NULL);
    }
  return ok;
}

