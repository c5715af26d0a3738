/* gr-server-sync.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-server-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "gr-dataset.h"
#include "gr-json-writer.h"
#include "gr-schema.h"
#include "gr-server-error.h"
#include "gr-server-scope.h"
#include "gr-server-sync.h"
#include "gr-store.h"

static GrServerCommitHook commit_hook;
static gpointer commit_hook_data;

void
gr_server_sync_set_commit_hook (GrServerCommitHook hook,
                                gpointer           data)
{
  commit_hook = hook;
  commit_hook_data = data;
}

/* ---- Small helpers ---- */

static char *
int_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static gint64
int_value (PGresult *result,
           int       row,
           int       col)
{
  return g_ascii_strtoll (PQgetvalue (result, row, col), NULL, 10);
}

static const char *
text_or_null (PGresult *result,
              int       row,
              int       col)
{
  return PQgetisnull (result, row, col) ? NULL : PQgetvalue (result, row, col);
}

/* An entity that syncs: a top-level entity of the schema. */
static const GrEntity *
lookup_entity (const char *name)
{
  const GrEntity *entity = name ? gr_schema_lookup (name) : NULL;

  return entity != NULL && !entity->is_child ? entity : NULL;
}

/* Append-only on the server: movements and finding closures are facts;
 * an inspection syncs once signed and a monthly report once filed, and
 * they are then frozen (DESIGN.md §3, SYNC.md §3.6). */
static gboolean
is_append_only (const GrEntity *entity)
{
  return entity->append_only || entity->final_field != NULL;
}

static gboolean
read_epoch (GrServerPg  *pg,
            char       **out_epoch,
            gint64      *out_seq,
            GError     **error)
{
  g_autoptr(PGresult) result = gr_server_pg_exec (pg,
    "SELECT (SELECT value FROM granary_meta WHERE key = 'epoch'), (SELECT value FROM seq_counter WHERE id = 1)",
    0, NULL, error);

  if (result == NULL)
    return FALSE;
  *out_epoch = g_strdup (PQgetvalue (result, 0, 0));
  *out_seq = int_value (result, 0, 1);
  return TRUE;
}

char *
gr_server_cursor_encode (const char *epoch,
                         gint64      seq)
{
  g_autofree char *text = g_strdup_printf ("%s:%" G_GINT64_FORMAT, epoch, seq);

  return g_base64_encode ((const guchar *) text, strlen (text));
}

gboolean
gr_server_cursor_decode (const char  *cursor,
                         const char  *epoch,
                         gint64      *out_seq,
                         GError     **error)
{
  g_autofree guchar *raw = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  const char *colon;
  char *end = NULL;
  gint64 seq;

  *out_seq = 0;
  if (cursor == NULL || *cursor == '\0')
    return TRUE;
  for (const char *p = cursor; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '+' && *p != '/' && *p != '=')
      goto bad;
  raw = g_base64_decode (cursor, &length);
  text = g_strndup ((const char *) raw, length);
  colon = strrchr (text, ':');
  if (colon == NULL)
    goto bad;
  seq = g_ascii_strtoll (colon + 1, &end, 10);
  if (end == colon + 1 || *end != '\0' || seq < 0)
    goto bad;
  if (strncmp (text, epoch, colon - text) != 0 || strlen (epoch) != (gsize) (colon - text))
    {
      gr_server_set_error (error, GR_SERVER_ERROR_GONE, "reset",
                           _("The server's history has changed since this cursor (restored from a backup?): "
                             "download a new snapshot"));
      return FALSE;
    }
  *out_seq = seq;
  return TRUE;

bad:
  gr_server_set_error (error, GR_SERVER_ERROR_BAD_REQUEST, "bad_cursor", _("This is not a cursor of this server"));
  return FALSE;
}

static void
append_now (GString *out)
{
  g_autofree char *now = gr_dataset_now ();

  gr_json_append_string (out, now);
}

/* ---- Scope filters, shared by pull, snapshot and verify ---- */

/* The scope parameter $n is the user's enterprise (company) or depots as
 * a JSON array (inspector); the bureau's queries have none. */
#define INSPECTOR_DEPOTS(n) "ARRAY(SELECT json_array_elements_text($" #n "::json))"
#define INSPECTOR_SCOPE(n) \
  " AND ((depot = ANY(" INSPECTOR_DEPOTS (n) ") AND entity NOT IN ('rotation_plan', 'depot_assessment'))" \
  "  OR (depot IS NULL AND entity IN ('enterprise', 'plan', 'release', 'monthly_report')" \
  "      AND enterprise IN (SELECT d.enterprise FROM records d WHERE d.entity = 'depot' AND d.id = ANY(" INSPECTOR_DEPOTS (n) "))))"
#define COMPANY_SCOPE(n) " AND enterprise = $" #n

static char *
scope_param (const GrServerUser *user)
{
  GString *out;

  if (user->role == GR_ROLE_COMPANY)
    return g_strdup (user->enterprise);
  if (user->role == GR_ROLE_BUREAU)
    return NULL;
  out = g_string_new ("[");
  for (guint i = 0; user->depots != NULL && user->depots[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      gr_json_append_string (out, user->depots[i]);
    }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

/* ---- Devices and status ---- */

gboolean
gr_server_device_register (GrServerPg          *pg,
                           const GrServerUser  *user,
                           JsonObject          *body,
                           GString             *out,
                           GError             **error)
{
  g_autofree char *user_id = int_text (user->id);
  const char *name = NULL;
  const char *params[2];
  g_autoptr(PGresult) result = NULL;

  if (body != NULL && json_object_has_member (body, "name"))
    {
      JsonNode *node = json_object_get_member (body, "name");

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          g_utf8_strlen (json_node_get_string (node), -1) > 200)
        {
          gr_server_set_error (error, GR_SERVER_ERROR_BAD_REQUEST, "invalid",
                               _("\"name\" must be text of at most 200 characters"));
          return FALSE;
        }
      name = json_node_get_string (node);
    }
  params[0] = user_id;
  params[1] = name;
  result = gr_server_pg_exec (pg, "INSERT INTO devices (user_id, name) VALUES ($1::bigint, $2) RETURNING id::text",
                              2, params, error);
  if (result == NULL)
    return FALSE;
  g_string_append (out, "{\"device_id\": ");
  gr_json_append_string (out, PQgetvalue (result, 0, 0));
  g_string_append (out, "}");
  return TRUE;
}

static gboolean
check_device (GrServerPg          *pg,
              const GrServerUser  *user,
              const char          *device_id,
              GError             **error)
{
  const char *params[] = { device_id };
  g_autoptr(PGresult) result = NULL;

  if (device_id == NULL || !g_uuid_string_is_valid (device_id))
    {
      gr_server_set_error (error, GR_SERVER_ERROR_BAD_REQUEST, "missing_device",
                           _("Register this device first (POST /v1/devices) and send its id in X-Device-Id"));
      return FALSE;
    }
  result = gr_server_pg_exec (pg, "UPDATE devices SET last_seen_at = now() WHERE id = $1::uuid RETURNING user_id",
                              1, params, error);
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 0 || int_value (result, 0, 0) != user->id)
    {
      gr_server_set_error (error, GR_SERVER_ERROR_FORBIDDEN, "unknown_device",
                           _("This device is not registered to you"));
      return FALSE;
    }
  return TRUE;
}

gboolean
gr_server_sync_status (GrServerPg  *pg,
                       GString     *out,
                       GError     **error)
{
  g_autofree char *epoch = NULL;
  g_autofree char *cursor = NULL;
  gint64 seq;

  if (!read_epoch (pg, &epoch, &seq, error))
    return FALSE;
  cursor = gr_server_cursor_encode (epoch, seq);
  g_string_append (out, "{\"epoch\": ");
  gr_json_append_string (out, epoch);
  g_string_append_printf (out, ", \"seq\": %" G_GINT64_FORMAT ", \"cursor\": ", seq);
  gr_json_append_string (out, cursor);
  {
    g_autoptr(PGresult) min = gr_server_pg_exec (pg, "SELECT coalesce((SELECT value FROM granary_meta"
                                                     " WHERE key = 'min_seq'), '0')", 0, NULL, error);

    if (min == NULL)
      return FALSE;
    g_string_append_printf (out, ", \"min_seq\": %s", PQgetvalue (min, 0, 0));
  }
  g_string_append_printf (out, ", \"max_mutations\": %d, \"server_time\": ", GR_SYNC_MAX_MUTATIONS);
  append_now (out);
  g_string_append (out, "}");
  return TRUE;
}

/* ---- Push ---- */

/* What the server holds about a record. A batch (see push_batch) keeps
 * the whole stored state ("full"), its own writes included until they
 * are written at its end. */
typedef struct {
  gboolean exists;
  gboolean deleted;
  GrScope  scope;
  gboolean full;        /* the fields below are known */
  gboolean locked;      /* read FOR UPDATE */
  gboolean in_table;    /* a row in records, so an UPDATE rather than an INSERT */
  gint64   version;
  char    *data;
  char    *hash;
  char    *field_versions;
} Known;

static void
known_free (gpointer data)
{
  Known *known = data;

  gr_scope_clear (&known->scope);
  g_free (known->data);
  g_free (known->hash);
  g_free (known->field_versions);
  g_free (known);
}

/* A mutation already applied: its request hash and stored result. */
typedef struct {
  char *request_hash;
  char *result;
} Applied;

static void
applied_free (gpointer data)
{
  Applied *applied = data;

  g_free (applied->request_hash);
  g_free (applied->result);
  g_free (applied);
}

typedef struct {
  GrServerPg          *pg;
  const GrServerUser  *user;
  const char          *device_id;
  char                *now;
  GHashTable          *known;        /* "entity\nid" → Known */
  GPtrArray           *touched;      /* "entity\nid", each once */
  GHashTable          *touched_set;
  GHashTable          *failed;       /* "entity\nid" of a failed mutation in this batch */
  /* A batch applied in memory and written in a few statements at its
   * end (push_batch); otherwise each mutation is written as it goes. */
  gboolean             batch;
  GHashTable          *applied;      /* batch: mutation id → Applied */
  GString             *log_rows;     /* batch: change_log rows, a JSON array's members */
  GString             *applied_rows; /* batch: applied_mutations rows, likewise */
} Push;

typedef enum {
  STATUS_APPLIED,
  STATUS_DUPLICATE,
  STATUS_CONFLICT,
  STATUS_REJECTED,
  STATUS_BLOCKED,
  STATUS_RETRY,
} Status;

static const char * const status_names[] = { "applied", "duplicate", "conflict", "rejected", "blocked", "retry" };

typedef struct {
  Status     status;
  gint64     version;       /* -1: none */
  char      *code;
  char      *detail;
  GPtrArray *fields;        /* conflicting fields */
  char      *record;        /* the server's current record (JSON), for the client */
  /* An append, sent back without its record: what the server added to
   * it, and its content hash, so that the client's copy can become the
   * server's without the record coming back in the next pull. */
  char      *updated_at;
  char      *updated_by;
  char      *content_hash;
} Result;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->code, g_free);
  g_clear_pointer (&result->detail, g_free);
  g_clear_pointer (&result->fields, g_ptr_array_unref);
  g_clear_pointer (&result->record, g_free);
  g_clear_pointer (&result->updated_at, g_free);
  g_clear_pointer (&result->updated_by, g_free);
  g_clear_pointer (&result->content_hash, g_free);
}

static gboolean G_GNUC_PRINTF (4, 5)
set_result (Result     *result,
            Status      status,
            const char *code,
            const char *format,
            ...)
{
  va_list args;

  result->status = status;
  g_free (result->code);
  result->code = g_strdup (code);
  g_free (result->detail);
  va_start (args, format);
  result->detail = g_strdup_vprintf (format, args);
  va_end (args);
  return FALSE;
}

/* The result without the record: what applied_mutations keeps. */
static char *
result_to_stored (const Result *result)
{
  GString *out = g_string_new ("{\"status\": ");

  gr_json_append_string (out, status_names[result->status]);
  if (result->version >= 0)
    g_string_append_printf (out, ", \"version\": %" G_GINT64_FORMAT, result->version);
  if (result->code != NULL)
    {
      g_string_append (out, ", \"code\": ");
      gr_json_append_string (out, result->code);
    }
  if (result->detail != NULL)
    {
      g_string_append (out, ", \"detail\": ");
      gr_json_append_string (out, result->detail);
    }
  if (result->fields != NULL)
    {
      g_string_append (out, ", \"fields\": [");
      for (guint i = 0; i < result->fields->len; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          gr_json_append_string (out, result->fields->pdata[i]);
        }
      g_string_append_c (out, ']');
    }
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

static void
append_result (GString      *out,
               const char   *mutation_id,
               const Result *result)
{
  g_autofree char *stored = result_to_stored (result);

  g_string_append (out, "{\"mutation_id\": ");
  if (mutation_id != NULL)
    gr_json_append_string (out, mutation_id);
  else
    g_string_append (out, "null");
  g_string_append (out, ", ");
  /* splice in the members of the stored form */
  g_string_append_len (out, stored + 1, strlen (stored) - 2);
  if (result->record != NULL)
    {
      g_string_append (out, ", \"record\": ");
      g_string_append (out, result->record);
    }
  if (result->content_hash != NULL)
    {
      g_string_append (out, ", \"updated_at\": ");
      gr_json_append_string (out, result->updated_at);
      g_string_append (out, ", \"updated_by\": ");
      gr_json_append_string (out, result->updated_by);
      g_string_append (out, ", \"content_hash\": ");
      gr_json_append_string (out, result->content_hash);
    }
  g_string_append_c (out, '}');
}

static char *
key_of (const char *entity,
        const char *id)
{
  return g_strconcat (entity, "\n", id, NULL);
}

/* The columns known_fill reads, in its order. */
#define RECORD_COLUMNS "version, deleted, data, content_hash, field_versions, enterprise, depot"

/* The stored record from the RECORD_COLUMNS of a result's row, from
 * column col on. */
static void
known_fill (Known    *known,
            PGresult *result,
            int       row,
            int       col)
{
  known->exists = TRUE;
  known->full = TRUE;
  known->in_table = TRUE;
  known->version = int_value (result, row, col);
  known->deleted = strcmp (PQgetvalue (result, row, col + 1), "t") == 0;
  g_free (known->data);
  known->data = g_strdup (PQgetvalue (result, row, col + 2));
  g_free (known->hash);
  known->hash = g_strdup (PQgetvalue (result, row, col + 3));
  g_free (known->field_versions);
  known->field_versions = g_strdup (PQgetvalue (result, row, col + 4));
  gr_scope_clear (&known->scope);
  known->scope.enterprise = g_strdup (text_or_null (result, row, col + 5));
  known->scope.depot = g_strdup (text_or_null (result, row, col + 6));
}

/* What the server holds about a record, NULL when it has none. */
static Known *
lookup (Push        *push,
        const char  *entity,
        const char  *id,
        GError     **error)
{
  g_autofree char *key = key_of (entity, id);
  Known *known = g_hash_table_lookup (push->known, key);
  const char *params[] = { entity, id };
  g_autoptr(PGresult) result = NULL;

  if (known != NULL)
    return known->exists ? known : NULL;
  if (push->batch)
    {
      result = gr_server_pg_exec (push->pg, "SELECT " RECORD_COLUMNS " FROM records WHERE entity = $1 AND id = $2",
                                  2, params, error);
      if (result == NULL)
        return NULL;
      known = g_new0 (Known, 1);
      known->full = TRUE;
      if (PQntuples (result) > 0)
        known_fill (known, result, 0, 0);
      g_hash_table_insert (push->known, g_steal_pointer (&key), known);
      return known->exists ? known : NULL;
    }
  result = gr_server_pg_exec (push->pg, "SELECT deleted, enterprise, depot FROM records WHERE entity = $1 AND id = $2",
                              2, params, error);
  if (result == NULL)
    return NULL;
  known = g_new0 (Known, 1);
  if (PQntuples (result) > 0)
    {
      known->exists = TRUE;
      known->deleted = strcmp (PQgetvalue (result, 0, 0), "t") == 0;
      known->scope.enterprise = g_strdup (text_or_null (result, 0, 1));
      known->scope.depot = g_strdup (text_or_null (result, 0, 2));
    }
  g_hash_table_insert (push->known, g_steal_pointer (&key), known);
  return known->exists ? known : NULL;
}

static void
remember (Push           *push,
          const GrRecord *record,
          const GrScope  *scope)
{
  Known *known = g_new0 (Known, 1);

  known->exists = TRUE;
  known->deleted = record->deleted;
  known->scope.enterprise = g_strdup (scope->enterprise);
  known->scope.depot = g_strdup (scope->depot);
  g_hash_table_insert (push->known, key_of (record->entity->name, record->id), known);
}

static void
touch (Push       *push,
       const char *entity,
       const char *id)
{
  char *key = key_of (entity, id);

  if (g_hash_table_contains (push->touched_set, key))
    {
      g_free (key);
      return;
    }
  g_hash_table_add (push->touched_set, key);
  g_ptr_array_add (push->touched, key);
}

/* A live parent record, or a "retry" result (it may be on its way). */
static gboolean
require_live (Push        *push,
              const char  *field,
              const char  *entity,
              const char  *id,
              Known      **out_known,
              Result      *result,
              GError     **error)
{
  Known *known;
  g_autoptr(GError) local = NULL;

  known = lookup (push, entity, id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (known == NULL)
    return set_result (result, STATUS_RETRY, "unknown_reference",
                       _("field \"%s\": the server has no %s “%s” (yet)"), field, entity, id);
  if (known->deleted)
    return set_result (result, STATUS_REJECTED, "deleted_reference",
                       _("field \"%s\": the %s “%s” is deleted"), field, entity, id);
  if (out_known != NULL)
    *out_known = known;
  return TRUE;
}

/* Where a record belongs: its enterprise and depot, from its parents. */
static gboolean
derive_scope (Push            *push,
              const GrRecord  *record,
              GrScope         *scope,
              Result          *result,
              GError         **error)
{
  const char *name = record->entity->name;
  const char *parent_field = NULL;
  const char *parent_entity = NULL;
  Known *parent = NULL;

  if (strcmp (name, "enterprise") == 0)
    {
      scope->enterprise = g_strdup (record->id);
      return TRUE;
    }
  if (strcmp (name, "depot") == 0)
    {
      scope->enterprise = g_strdup (gr_record_get_text (record, "enterprise"));
      scope->depot = g_strdup (record->id);
      return TRUE;
    }
  if (strcmp (name, "plan") == 0 || strcmp (name, "release") == 0 ||
      strcmp (name, "rotation_plan") == 0 || strcmp (name, "monthly_report") == 0)
    {
      scope->enterprise = g_strdup (gr_record_get_text (record, "enterprise"));
      return TRUE;
    }

  if (strcmp (name, "bin") == 0 || strcmp (name, "inspection") == 0 || strcmp (name, "depot_assessment") == 0)
    parent_field = "depot", parent_entity = "depot";
  else if (strcmp (name, "lot") == 0)
    parent_field = "bin", parent_entity = "bin";
  else if (strcmp (name, "movement") == 0 || strcmp (name, "quality_test") == 0)
    parent_field = "lot", parent_entity = "lot";
  else if (strcmp (name, "finding_closure") == 0)
    parent_field = "inspection", parent_entity = "inspection";
  else
    g_return_val_if_reached (FALSE);

  if (!require_live (push, parent_field, parent_entity, gr_record_get_text (record, parent_field),
                     &parent, result, error))
    return FALSE;
  scope->enterprise = g_strdup (parent->scope.enterprise);
  scope->depot = g_strdup (parent->scope.depot);
  return TRUE;
}

/* Every reference of the record names a live record on the server. */
static gboolean
check_refs (Push            *push,
            const GrRecord  *record,
            const char      *prefix,
            Result          *result,
            GError         **error)
{
  for (guint i = 0; i < record->entity->n_fields; i++)
    {
      const GrField *field = &record->entity->fields[i];
      const GrValue *value = &record->values[i];
      g_autofree char *path = NULL;

      if (field->type == GR_FIELD_CHILDREN && value->type == GR_VALUE_CHILDREN)
        {
          for (guint c = 0; c < value->children->len; c++)
            {
              g_autofree char *child_prefix = g_strdup_printf ("%s%s[%u].", prefix, field->name, c);

              if (!check_refs (push, value->children->pdata[c], child_prefix, result, error))
                return FALSE;
            }
          continue;
        }
      if (field->type != GR_FIELD_REF || value->type != GR_VALUE_TEXT)
        continue;
      if (record->id != NULL && strcmp (field->ref_entity, record->entity->name) == 0 &&
          strcmp (value->s, record->id) == 0)
        return set_result (result, STATUS_REJECTED, "validation", _("field \"%s\": a record cannot refer to itself"),
                           field->name);
      path = g_strconcat (prefix, field->name, NULL);
      if (!require_live (push, path, field->ref_entity, value->s, NULL, result, error))
        return FALSE;
    }
  return TRUE;
}

/* A lot's variety is its plan's (DESIGN.md §3). */
static gboolean
check_lot (Push            *push,
           const GrRecord  *record,
           Result          *result,
           GError         **error)
{
  const char *params[] = { gr_record_get_text (record, "plan") };
  g_autoptr(PGresult) rows = NULL;
  g_autoptr(JsonParser) parser = NULL;
  const char *variety = gr_record_get_text (record, "variety");
  const char *plan_variety = NULL;

  const char *data;

  if (strcmp (record->entity->name, "lot") != 0 || record->deleted || params[0] == NULL)
    return TRUE;
  if (push->batch)
    {
      g_autoptr(GError) local = NULL;
      Known *plan = lookup (push, "plan", params[0], &local);

      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (plan == NULL)
        return TRUE;   /* check_refs has answered already */
      data = plan->data;
    }
  else
    {
      rows = gr_server_pg_exec (push->pg, "SELECT data FROM records WHERE entity = 'plan' AND id = $1", 1, params,
                                error);
      if (rows == NULL)
        return FALSE;
      if (PQntuples (rows) == 0)
        return TRUE;   /* check_refs has answered already */
      data = PQgetvalue (rows, 0, 0);
    }
  parser = json_parser_new_immutable ();
  if (json_parser_load_from_data (parser, data, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    plan_variety = json_object_get_string_member_with_default (json_node_get_object (json_parser_get_root (parser)),
                                                               "variety", NULL);
  if (g_strcmp0 (plan_variety, variety) != 0)
    return set_result (result, STATUS_REJECTED, "validation",
                       _("field \"variety\": “%s” differs from its plan “%s” (“%s”)"),
                       variety, params[0], plan_variety ? plan_variety : "");
  return TRUE;
}

typedef struct {
  gint64    version;
  gboolean  deleted;
  char     *data;
  char     *hash;
  char     *field_versions;
  GrScope   scope;
} Row;

static void
row_clear (Row *row)
{
  g_clear_pointer (&row->data, g_free);
  g_clear_pointer (&row->hash, g_free);
  g_clear_pointer (&row->field_versions, g_free);
  gr_scope_clear (&row->scope);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Row, row_clear)

/* Locks and reads the stored record; FALSE with error on failure,
 * *out_found FALSE when there is none. */
static gboolean
load_row (Push        *push,
          const char  *entity,
          const char  *id,
          Row         *row,
          gboolean    *out_found,
          GError     **error)
{
  const char *params[] = { entity, id };
  g_autoptr(PGresult) result = NULL;

  if (push->batch)
    {
      g_autofree char *key = key_of (entity, id);
      Known *known = g_hash_table_lookup (push->known, key);

      /* A row read without its lock (a reference) is read again, locked. */
      if (known == NULL || !known->full || (known->in_table && !known->locked))
        {
          result = gr_server_pg_exec (push->pg, "SELECT " RECORD_COLUMNS " FROM records"
                                      " WHERE entity = $1 AND id = $2 FOR UPDATE", 2, params, error);
          if (result == NULL)
            return FALSE;
          if (known == NULL)
            {
              known = g_new0 (Known, 1);
              g_hash_table_insert (push->known, g_steal_pointer (&key), known);
            }
          known->full = TRUE;
          known->locked = TRUE;
          if (PQntuples (result) > 0)
            known_fill (known, result, 0, 0);
          else
            known->exists = known->in_table = FALSE;
        }
      *out_found = known->exists;
      if (!*out_found)
        return TRUE;
      row->version = known->version;
      row->deleted = known->deleted;
      row->data = g_strdup (known->data);
      row->hash = g_strdup (known->hash);
      row->field_versions = g_strdup (known->field_versions);
      row->scope.enterprise = g_strdup (known->scope.enterprise);
      row->scope.depot = g_strdup (known->scope.depot);
      return TRUE;
    }

  result = gr_server_pg_exec (push->pg, "SELECT " RECORD_COLUMNS " FROM records WHERE entity = $1 AND id = $2"
                              " FOR UPDATE", 2, params, error);
  if (result == NULL)
    return FALSE;
  *out_found = PQntuples (result) > 0;
  if (!*out_found)
    return TRUE;
  row->version = int_value (result, 0, 0);
  row->deleted = strcmp (PQgetvalue (result, 0, 1), "t") == 0;
  row->data = g_strdup (PQgetvalue (result, 0, 2));
  row->hash = g_strdup (PQgetvalue (result, 0, 3));
  row->field_versions = g_strdup (PQgetvalue (result, 0, 4));
  row->scope.enterprise = g_strdup (text_or_null (result, 0, 5));
  row->scope.depot = g_strdup (text_or_null (result, 0, 6));
  return TRUE;
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

static GrRecord *
record_from_text (const GrEntity *entity,
                  const char     *text)
{
  g_autoptr(JsonNode) node = parse_json (text);

  return node ? gr_record_from_json (entity, node, NULL) : NULL;
}

static void
append_member (GString    *out,
               const char *name,
               const char *value)
{
  g_string_append_printf (out, ", \"%s\": ", name);
  if (value != NULL)
    gr_json_append_string (out, value);
  else
    g_string_append (out, "null");
}

static void
set_applied (Result         *result,
             const GrRecord *record,
             const char     *data,
             const char     *hash)
{
  result->status = STATUS_APPLIED;
  result->version = record->version;
  if (!is_append_only (record->entity))
    {
      result->record = g_strdup (data);
      return;
    }
  result->updated_at = g_strdup (record->updated_at);
  result->updated_by = g_strdup (record->updated_by);
  result->content_hash = g_strdup (hash);
}

/* A batch's write: the record's new state stays in memory, and its
 * change_log row waits with the others. */
static void
batch_store (Push            *push,
             const char      *mutation_id,
             const char      *op,
             const GrRecord  *record,
             const GrScope   *scope,
             const char      *data,
             const char      *hash,
             const char      *field_versions,
             const char      *fields_logged)
{
  g_autofree char *key = key_of (record->entity->name, record->id);
  Known *known = g_hash_table_lookup (push->known, key);

  if (known == NULL)
    {
      known = g_new0 (Known, 1);
      g_hash_table_insert (push->known, g_steal_pointer (&key), known);
    }
  known->exists = TRUE;
  known->full = TRUE;
  known->deleted = record->deleted;
  known->version = record->version;
  g_free (known->data);
  known->data = g_strdup (data);
  g_free (known->hash);
  known->hash = g_strdup (hash);
  g_free (known->field_versions);
  known->field_versions = g_strdup (field_versions);
  gr_scope_clear (&known->scope);
  known->scope.enterprise = g_strdup (scope->enterprise);
  known->scope.depot = g_strdup (scope->depot);

  if (push->log_rows->len > 0)
    g_string_append (push->log_rows, ",\n");
  g_string_append (push->log_rows, "{\"mutation_id\": ");
  gr_json_append_string (push->log_rows, mutation_id);
  append_member (push->log_rows, "entity", record->entity->name);
  append_member (push->log_rows, "id", record->id);
  append_member (push->log_rows, "op", op);
  g_string_append_printf (push->log_rows, ", \"version\": %" G_GINT64_FORMAT, record->version);
  append_member (push->log_rows, "fields", fields_logged);
  g_string_append_c (push->log_rows, '}');
}

/* Writes the record as the server's new state: version, data, hash
 * (known_hash when the caller has it already, else NULL), scope, field
 * versions; the change log; the sequence to assign. */
static gboolean
store_record (Push            *push,
              const char      *mutation_id,
              const char      *op,
              GrRecord        *record,
              const char      *known_hash,
              const GrScope   *scope,
              gboolean         insert,
              const char      *field_versions,
              const char      *fields_logged,
              Result          *result,
              GError         **error)
{
  g_autoptr(GString) data = g_string_sized_new (512);
  g_autofree char *hash = NULL;
  g_autofree char *version = NULL;
  const char *params[10];

  g_free (record->updated_at);
  record->updated_at = g_strdup (push->now);
  g_free (record->updated_by);
  record->updated_by = g_strdup (push->user->name);
  /* (the hash is of the content: the stamp above is not in it) */
  hash = known_hash ? g_strdup (known_hash) : gr_record_hash (record);
  gr_record_append_json (record, data);
  version = int_text (record->version);

  params[0] = record->entity->name;
  params[1] = record->id;
  params[2] = version;
  params[3] = record->deleted ? "t" : "f";
  params[4] = scope->enterprise;
  params[5] = scope->depot;
  params[6] = data->str;
  params[7] = hash;
  params[8] = field_versions;
  params[9] = push->user->name;
  if (push->batch)
    {
      /* Written with the rest of the batch at its end (flush_batch). */
      batch_store (push, mutation_id, op, record, scope, data->str, hash, field_versions, fields_logged);
      touch (push, record->entity->name, record->id);
      set_applied (result, record, data->str, hash);
      return TRUE;
    }
  if (insert)
    {
      if (!gr_server_pg_do (push->pg,
                            "INSERT INTO records (entity, id, version, deleted, enterprise, depot, data, content_hash,"
                            " field_versions, updated_at, updated_by)"
                            " VALUES ($1, $2, $3::bigint, $4::boolean, $5, $6, $7, $8, $9, now(), $10)",
                            10, params, error))
        return FALSE;
    }
  else if (!gr_server_pg_do (push->pg,
                             "UPDATE records SET version = $3::bigint, deleted = $4::boolean, enterprise = $5, depot = $6,"
                             " data = $7, content_hash = $8, field_versions = $9, updated_at = now(), updated_by = $10,"
                             " seq = NULL WHERE entity = $1 AND id = $2",
                             10, params, error))
    return FALSE;

  {
    const char *log[] = { push->user->name, push->device_id, mutation_id, record->entity->name, record->id, op,
                          version, fields_logged };

    if (!gr_server_pg_do (push->pg,
                          "INSERT INTO change_log (user_name, device_id, mutation_id, entity, entity_id, op, version, fields)"
                          " VALUES ($1, $2::uuid, $3, $4, $5, $6, $7::bigint, $8)",
                          8, log, error))
      return FALSE;
  }

  touch (push, record->entity->name, record->id);
  remember (push, record, scope);
  set_applied (result, record, data->str, hash);
  return TRUE;
}

/* Field versions: {"field": [version, "device", client seq]}. */
static JsonObject *
parse_field_versions (const char *text)
{
  g_autoptr(JsonNode) node = text ? parse_json (text) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return json_object_new ();
  return json_object_ref (json_node_get_object (node));
}

static void
field_version_get (JsonObject  *versions,
                   const char  *field,
                   gint64      *out_version,
                   const char **out_device,
                   gint64      *out_seq)
{
  JsonNode *node = json_object_get_member (versions, field);
  JsonArray *array;

  *out_version = 0;
  *out_device = NULL;
  *out_seq = -1;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  array = json_node_get_array (node);
  if (json_array_get_length (array) >= 3)
    {
      *out_version = json_array_get_int_element (array, 0);
      *out_device = json_array_get_string_element (array, 1);
      *out_seq = json_array_get_int_element (array, 2);
    }
}

static void
field_version_set (JsonObject *versions,
                   const char *field,
                   gint64      version,
                   const char *device,
                   gint64      seq)
{
  JsonArray *array = json_array_new ();

  json_array_add_int_element (array, version);
  json_array_add_string_element (array, device);
  json_array_add_int_element (array, seq);
  json_object_set_array_member (versions, field, array);
}

static char *
object_to_text (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return gr_json_node_to_text (node);
}

static char *
names_to_json (GPtrArray *names)
{
  GString *out = g_string_new ("[");

  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      gr_json_append_string (out, names->pdata[i]);
    }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

static gboolean
is_meta_key (const char *name)
{
  return strcmp (name, "id") == 0 || strcmp (name, "version") == 0 || strcmp (name, "updated_at") == 0 ||
         strcmp (name, "updated_by") == 0 || strcmp (name, "deleted") == 0;
}

static gboolean
apply_create (Push            *push,
              const char      *mutation_id,
              const GrEntity  *entity,
              const char      *id,
              JsonNode        *payload,
              gint64           client_seq,
              Result          *result,
              GError         **error)
{
  g_autoptr(GrRecord) record = NULL;
  g_autoptr(GError) invalid = NULL;
  g_autofree char *hash = NULL;
  g_auto(Row) row = { 0 };
  g_auto(GrScope) scope = { 0 };
  g_autofree char *reason = NULL;
  g_autoptr(GString) versions = NULL;
  JsonObject *object;
  JsonNode *given_id;
  gboolean found;

  if (payload == NULL || !JSON_NODE_HOLDS_OBJECT (payload))
    return set_result (result, STATUS_REJECTED, "invalid", _("\"payload\" must be the record, an object"));
  object = json_node_get_object (payload);
  given_id = json_object_get_member (object, "id");
  if (given_id != NULL && (!JSON_NODE_HOLDS_VALUE (given_id) || json_node_get_value_type (given_id) != G_TYPE_STRING ||
                           strcmp (json_node_get_string (given_id), id) != 0))
    return set_result (result, STATUS_REJECTED, "invalid", _("the record's \"id\" differs from the mutation's"));
  if (given_id == NULL)
    json_object_set_string_member (object, "id", id);

  record = gr_record_from_json (entity, payload, &invalid);
  if (record == NULL)
    return set_result (result, STATUS_REJECTED, "validation", "%s", invalid->message);
  if (record->deleted)
    return set_result (result, STATUS_REJECTED, "invalid", _("a new record cannot be a tombstone"));
  hash = gr_record_hash (record);

  if (!load_row (push, entity->name, id, &row, &found, error))
    return FALSE;
  if (found)
    {
      /* The same record again (another mutation, same content) is fine. */
      if (!row.deleted && strcmp (row.hash, hash) == 0)
        {
          result->status = STATUS_APPLIED;
          result->version = row.version;
          if (!is_append_only (entity))
            result->record = g_strdup (row.data);
          return TRUE;
        }
      if (is_append_only (entity))
        return set_result (result, STATUS_REJECTED, "id_reuse",
                           _("a different %s with this id is already recorded; a recorded %s cannot be changed, "
                             "so record a correction as a new one"), entity->name, entity->name);
      /* Created on two devices: the fields that differ are a conflict. */
      {
        g_autoptr(GrRecord) stored = record_from_text (entity, row.data);
        g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);

        if (stored != NULL)
          for (guint i = 0; i < entity->n_fields; i++)
            {
              g_autofree char *a = gr_record_field_json (stored, entity->fields[i].name);
              g_autofree char *b = gr_record_field_json (record, entity->fields[i].name);

              if (strcmp (a, b) != 0)
                g_ptr_array_add (fields, g_strdup (entity->fields[i].name));
            }
        result->fields = g_steal_pointer (&fields);
        result->version = row.version;
        result->record = g_strdup (row.data);
        return set_result (result, STATUS_CONFLICT, row.deleted ? "deleted" : "exists",
                           row.deleted ? _("this %s was deleted on the server") : _("the server already has this %s "
                                                                                   "with other content"),
                           entity->name);
      }
    }

  if (!derive_scope (push, record, &scope, result, error) ||
      !check_refs (push, record, "", result, error) ||
      !check_lot (push, record, result, error))
    return FALSE;
  if (!gr_server_scope_may_write (push->user, "create", NULL, NULL, record, &scope, NULL, &reason))
    return set_result (result, STATUS_REJECTED, "forbidden", "%s", reason);

  /* every field at version 1, as field_version_set writes them */
  versions = g_string_sized_new (64 * entity->n_fields);
  g_string_append_c (versions, '{');
  for (guint i = 0; i < entity->n_fields; i++)
    {
      if (i > 0)
        g_string_append (versions, ", ");
      gr_json_append_string (versions, entity->fields[i].name);
      g_string_append (versions, ": [1, ");
      gr_json_append_string (versions, push->device_id);
      g_string_append_printf (versions, ", %" G_GINT64_FORMAT "]", client_seq);
    }
  g_string_append_c (versions, '}');
  record->version = 1;
  return store_record (push, mutation_id, "create", record, hash, &scope, TRUE, versions->str, NULL, result, error);
}

static gboolean
apply_patch (Push            *push,
             const char      *mutation_id,
             const GrEntity  *entity,
             const char      *id,
             gint64           base_version,
             JsonNode        *fields,
             gint64           client_seq,
             gboolean         is_delete,
             Result          *result,
             GError         **error)
{
  g_auto(Row) row = { 0 };
  g_autoptr(JsonNode) merged = NULL;
  g_autoptr(GrRecord) old = NULL;
  g_autoptr(GrRecord) record = NULL;
  g_autoptr(GError) invalid = NULL;
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonObject) versions = NULL;
  g_autofree char *versions_text = NULL;
  g_autofree char *changed_text = NULL;
  g_autofree char *reason = NULL;
  g_auto(GrScope) scope = { 0 };
  JsonObject *object;
  gboolean found;

  if (is_append_only (entity))
    return set_result (result, STATUS_REJECTED, "append_only",
                       _("a recorded %s cannot be changed or deleted; record a correction as a new one"), entity->name);
  if (!is_delete && (fields == NULL || !JSON_NODE_HOLDS_OBJECT (fields)))
    return set_result (result, STATUS_REJECTED, "invalid", _("\"fields\" must be an object of the changed fields"));

  if (!load_row (push, entity->name, id, &row, &found, error))
    return FALSE;
  if (!found)
    return set_result (result, STATUS_RETRY, "unknown_record", _("the server has no %s “%s” (yet)"), entity->name, id);
  if (row.deleted && is_delete)
    {
      result->status = STATUS_APPLIED;
      result->version = row.version;
      result->record = g_strdup (row.data);
      return TRUE;
    }
  if (row.deleted)
    {
      result->version = row.version;
      result->record = g_strdup (row.data);
      return set_result (result, STATUS_CONFLICT, "deleted", _("this %s was deleted on the server"), entity->name);
    }

  merged = parse_json (row.data);
  old = merged ? gr_record_from_json (entity, merged, NULL) : NULL;
  if (old == NULL)
    {
      g_set_error (error, GR_SERVER_ERROR, GR_SERVER_ERROR_INTERNAL, _("%s %s: the stored record is damaged"),
                   entity->name, id);
      return FALSE;
    }
  object = json_node_get_object (merged);
  versions = parse_field_versions (row.field_versions);

  if (!is_delete)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (fields));
      while (json_object_iter_next (&iter, &name, &value))
        {
          JsonNode *current = json_object_get_member (object, name);
          g_autofree char *a = current ? gr_json_node_to_text (current) : g_strdup ("null");
          g_autofree char *b = gr_json_node_to_text (value);
          gint64 field_version, field_seq;
          const char *field_device;

          if (is_meta_key (name))
            return set_result (result, STATUS_REJECTED, "invalid", _("field \"%s\" cannot be patched"), name);
          if (strcmp (a, b) == 0)
            continue;
          field_version_get (versions, name, &field_version, &field_device, &field_seq);
          if (g_strcmp0 (field_device, push->device_id) == 0)
            {
              /* This device wrote the field last, in a later mutation
               * that arrived first: this older value is superseded. */
              if (field_seq > client_seq)
                continue;
            }
          else if (field_version > base_version)
            {
              g_ptr_array_add (conflicts, g_strdup (name));
              continue;
            }
          g_ptr_array_add (changed, g_strdup (name));
          json_object_set_member (object, name, json_node_copy (value));
        }
    }
  else
    {
      /* Delete against an edit made elsewhere since its base: a conflict. */
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, versions);
      while (json_object_iter_next (&iter, &name, &value))
        {
          gint64 field_version, field_seq;
          const char *field_device;

          field_version_get (versions, name, &field_version, &field_device, &field_seq);
          if (field_version > base_version && g_strcmp0 (field_device, push->device_id) != 0)
            g_ptr_array_add (conflicts, g_strdup (name));
        }
    }

  if (conflicts->len > 0)
    {
      result->fields = g_steal_pointer (&conflicts);
      result->version = row.version;
      result->record = g_strdup (row.data);
      return set_result (result, STATUS_CONFLICT, "changed",
                         _("changed on the server since version %lld (now %lld)"),
                         (long long) base_version, (long long) row.version);
    }

  if (is_delete)
    {
      record = gr_record_from_json (entity, merged, NULL);
      record->deleted = TRUE;
      g_ptr_array_add (changed, g_strdup ("deleted"));
    }
  else
    {
      if (changed->len == 0)
        {
          result->status = STATUS_APPLIED;
          result->version = row.version;
          result->record = g_strdup (row.data);
          return TRUE;
        }
      record = gr_record_from_json (entity, merged, &invalid);
      if (record == NULL)
        return set_result (result, STATUS_REJECTED, "validation", "%s", invalid->message);
    }

  if (!derive_scope (push, record, &scope, result, error) ||
      (!is_delete && !check_refs (push, record, "", result, error)) ||
      (!is_delete && !check_lot (push, record, result, error)))
    return FALSE;
  if (!gr_server_scope_may_write (push->user, is_delete ? "delete" : "patch", old, &row.scope, record, &scope,
                                  changed, &reason))
    return set_result (result, STATUS_REJECTED, "forbidden", "%s", reason);

  record->version = row.version + 1;
  for (guint i = 0; i < changed->len; i++)
    field_version_set (versions, changed->pdata[i], record->version, push->device_id, client_seq);
  versions_text = object_to_text (versions);
  changed_text = names_to_json (changed);
  return store_record (push, mutation_id, is_delete ? "delete" : "patch", record, NULL, &scope, FALSE, versions_text,
                       changed_text, result, error);
}

typedef struct {
  const char     *mutation_id;
  const GrEntity *entity;
  const char     *id;
  const char     *op;
  gint64          base_version;
  gint64          seq;
  JsonNode       *payload;
  JsonNode       *fields;
  char           *request_hash;
} Mutation;

static void
mutation_clear (Mutation *m)
{
  g_clear_pointer (&m->request_hash, g_free);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
member_int (JsonObject *object,
            const char *name,
            gint64     *out_value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) < 0)
    return FALSE;
  *out_value = json_node_get_int (node);
  return TRUE;
}

/* Reads one mutation; FALSE with a rejection when it is malformed. */
static gboolean
read_mutation (JsonNode  *node,
               guint      index,
               Mutation  *m,
               Result    *result)
{
  static const char * const ops[] = { "create", "append", "patch", "delete", NULL };
  JsonObject *object;
  const char *entity;
  g_autoptr(GString) canonical = g_string_new (NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return set_result (result, STATUS_REJECTED, "invalid", _("mutations[%u] must be an object"), index);
  object = json_node_get_object (node);
  m->mutation_id = member_string (object, "mutation_id");
  if (m->mutation_id == NULL || !gr_dataset_id_is_valid (m->mutation_id))
    {
      m->mutation_id = NULL;
      return set_result (result, STATUS_REJECTED, "invalid",
                         _("mutations[%u]: \"mutation_id\" must be text of 1 to %d characters"), index, GR_ID_MAX_CHARS);
    }
  entity = member_string (object, "entity");
  m->entity = lookup_entity (entity);
  if (m->entity == NULL)
    return set_result (result, STATUS_REJECTED, "unknown_entity", _("unknown entity “%s”"), entity ? entity : "");
  m->id = member_string (object, "id");
  if (m->id == NULL || !gr_dataset_id_is_valid (m->id))
    return set_result (result, STATUS_REJECTED, "invalid",
                       _("\"id\" must be text of 1 to %d characters"), GR_ID_MAX_CHARS);
  m->op = member_string (object, "op");
  if (m->op == NULL || !g_strv_contains (ops, m->op))
    return set_result (result, STATUS_REJECTED, "invalid", _("\"op\" must be create, append, patch or delete"));
  m->base_version = 0;
  m->seq = 0;
  if (!member_int (object, "base_version", &m->base_version))
    return set_result (result, STATUS_REJECTED, "invalid", _("\"base_version\" must be a whole number, 0 or more"));
  if (!member_int (object, "seq", &m->seq))
    return set_result (result, STATUS_REJECTED, "invalid", _("\"seq\" must be a whole number, 0 or more"));
  m->payload = json_object_get_member (object, "payload");
  m->fields = json_object_get_member (object, "fields");

  /* What makes two deliveries the same mutation: everything but its
   * position in the batch. */
  g_string_append_printf (canonical, "%s\n%s\n%s\n%" G_GINT64_FORMAT "\n", m->entity->name, m->id, m->op,
                          m->base_version);
  if (m->payload != NULL)
    gr_json_append_node (canonical, m->payload);
  g_string_append_c (canonical, '\n');
  if (m->fields != NULL)
    gr_json_append_node (canonical, m->fields);
  m->request_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical->str, canonical->len);
  return TRUE;
}

static char *
current_data (Push           *push,
              const GrEntity *entity,
              const char     *id)
{
  const char *params[] = { entity->name, id };
  g_autoptr(PGresult) result = NULL;

  if (push->batch)
    {
      g_autofree char *key = key_of (entity->name, id);
      Known *known = g_hash_table_lookup (push->known, key);

      if (known != NULL && known->full)
        return known->exists ? g_strdup (known->data) : NULL;
    }
  result = gr_server_pg_exec (push->pg, "SELECT data FROM records WHERE entity = $1 AND id = $2", 2, params, NULL);

  if (result == NULL || PQntuples (result) == 0)
    return NULL;
  return g_strdup (PQgetvalue (result, 0, 0));
}

/* The stored result of an earlier delivery, as this delivery's result. */
static void
replay (Push           *push,
        const Mutation *m,
        const char     *stored,
        Result         *result)
{
  g_autoptr(JsonNode) node = parse_json (stored);
  JsonObject *object = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *status = object ? member_string (object, "status") : NULL;

  result->status = STATUS_DUPLICATE;
  result->version = -1;
  if (object == NULL)
    return;
  if (g_strcmp0 (status, "conflict") == 0)
    result->status = STATUS_CONFLICT;
  else if (g_strcmp0 (status, "rejected") == 0)
    result->status = STATUS_REJECTED;
  member_int (object, "version", &result->version);
  result->code = g_strdup (member_string (object, "code"));
  result->detail = g_strdup (member_string (object, "detail"));
  if (json_object_has_member (object, "fields") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "fields")))
    {
      JsonArray *array = json_object_get_array_member (object, "fields");

      result->fields = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (result->fields, g_strdup (json_array_get_string_element (array, i)));
    }
  if (result->status != STATUS_REJECTED && !is_append_only (m->entity))
    result->record = current_data (push, m->entity, m->id);
}

static gboolean
is_retryable (const GError *error)
{
  return g_error_matches (error, GR_SERVER_PG_ERROR, GR_SERVER_PG_ERROR_CONNECTION) ||
         g_error_matches (error, GR_SERVER_PG_ERROR, GR_SERVER_PG_ERROR_RETRY);
}

/* One mutation inside its savepoint. FALSE only when the whole batch
 * must fail (the connection broke, a deadlock). */
static gboolean
push_one (Push      *push,
          Mutation  *m,
          Result    *result,
          GError   **error)
{
  g_autofree char *key = key_of (m->entity->name, m->id);
  g_autoptr(GError) local = NULL;
  g_autoptr(PGresult) found = NULL;
  const char *params[] = { m->mutation_id };
  gboolean applied;

  if (!gr_server_pg_run (push->pg, "SAVEPOINT mutation", error))
    return FALSE;

  /* Concurrent deliveries of one mutation wait here for each other. */
  if (!gr_server_pg_do (push->pg, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", 1, params, &local))
    goto failed;
  found = gr_server_pg_exec (push->pg, "SELECT request_hash, result FROM applied_mutations WHERE mutation_id = $1",
                             1, params, &local);
  if (found == NULL)
    goto failed;
  if (PQntuples (found) > 0)
    {
      if (strcmp (PQgetvalue (found, 0, 0), m->request_hash) == 0)
        replay (push, m, PQgetvalue (found, 0, 1), result);
      else
        set_result (result, STATUS_REJECTED, "id_reuse",
                    _("this mutation id was used before with other content"));
      return gr_server_pg_run (push->pg, "RELEASE SAVEPOINT mutation", error);
    }

  if (g_hash_table_contains (push->failed, key))
    {
      set_result (result, STATUS_BLOCKED, "blocked",
                  _("an earlier change of this %s in the batch did not go through"), m->entity->name);
      return gr_server_pg_run (push->pg, "RELEASE SAVEPOINT mutation", error);
    }

  if (strcmp (m->op, "create") == 0 || strcmp (m->op, "append") == 0)
    applied = apply_create (push, m->mutation_id, m->entity, m->id, m->payload, m->seq, result, &local);
  else
    applied = apply_patch (push, m->mutation_id, m->entity, m->id, m->base_version, m->fields, m->seq,
                           strcmp (m->op, "delete") == 0, result, &local);
  if (!applied && local != NULL)
    goto failed;

  if (result->status == STATUS_APPLIED || result->status == STATUS_CONFLICT || result->status == STATUS_REJECTED)
    {
      g_autofree char *stored = result_to_stored (result);
      g_autofree char *user_id = int_text (push->user->id);
      const char *record[] = { m->mutation_id, push->device_id, user_id, m->request_hash, stored };

      if (!gr_server_pg_do (push->pg,
                            "INSERT INTO applied_mutations (mutation_id, device_id, user_id, request_hash, result)"
                            " VALUES ($1, $2::uuid, $3::bigint, $4, $5)", 5, record, &local))
        goto failed;
    }
  if (result->status != STATUS_APPLIED)
    g_hash_table_add (push->failed, g_steal_pointer (&key));
  return gr_server_pg_run (push->pg, "RELEASE SAVEPOINT mutation", error);

failed:
  gr_server_pg_run (push->pg, "ROLLBACK TO SAVEPOINT mutation", NULL);
  /* What this mutation remembered may have been rolled back with it. */
  g_hash_table_remove_all (push->known);
  if (is_retryable (local) || !gr_server_pg_is_ok (push->pg))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  result_clear (result);
  result->version = -1;
  set_result (result, STATUS_RETRY, "server_error", "%s", local->message);
  g_hash_table_add (push->failed, g_steal_pointer (&key));
  return TRUE;
}

/* Sequence numbers for the records this transaction wrote, in commit
 * order: the counter row stays locked until COMMIT. */
static gboolean
assign_seqs (Push    *push,
             gint64  *out_last,
             GError **error)
{
  g_autofree char *n = int_text (push->touched->len);
  const char *params[] = { n };
  g_autoptr(PGresult) result = NULL;
  gint64 last, first;

  result = gr_server_pg_exec (push->pg, "UPDATE seq_counter SET value = value + $1::bigint WHERE id = 1 RETURNING value",
                              1, params, error);
  if (result == NULL)
    return FALSE;
  last = int_value (result, 0, 0);
  first = last - push->touched->len + 1;
  for (guint i = 0; i < push->touched->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (push->touched->pdata[i], "\n", 2);
      g_autofree char *seq = int_text (first + i);
      const char *row[] = { parts[0], parts[1], seq };

      if (!gr_server_pg_do (push->pg, "UPDATE records SET seq = $3::bigint WHERE entity = $1 AND id = $2",
                            3, row, error))
        return FALSE;
    }
  *out_last = last;
  return TRUE;
}

/* ---- A batch in memory ----
 *
 * A batch is first applied in memory: the rows it changes are read,
 * locked, in one statement, the rows they refer to in another, and the
 * mutations then run as one by one below but against those rows; what
 * they write is written at the end in one statement. A few round trips
 * to PostgreSQL instead of about ten per mutation. Should anything in it
 * fail (a record created meanwhile by another push, a damaged row), the
 * batch starts again from its savepoint one mutation at a time, each in
 * its own savepoint, so that one bad mutation fails alone. */

/* The references in a record's JSON (a payload, the fields of a patch, a
 * stored record), its children's included, as "entity\nid" keys. */
static void
collect_refs (const GrEntity *entity,
              JsonObject     *object,
              GHashTable     *keys)
{
  for (guint i = 0; i < entity->n_fields; i++)
    {
      const GrField *field = &entity->fields[i];
      JsonNode *node = json_object_get_member (object, field->name);

      if (node == NULL)
        continue;
      if (field->type == GR_FIELD_REF && JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_STRING)
        g_hash_table_add (keys, key_of (field->ref_entity, json_node_get_string (node)));
      else if (field->type == GR_FIELD_CHILDREN && field->child != NULL && JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *children = json_node_get_array (node);

          for (guint c = 0; c < json_array_get_length (children); c++)
            {
              JsonNode *child = json_array_get_element (children, c);

              if (JSON_NODE_HOLDS_OBJECT (child))
                collect_refs (field->child, json_node_get_object (child), keys);
            }
        }
    }
}

/* Reads the rows of keys not read yet into push->known: locked (the
 * records the batch changes, in one order, so that two batches do not
 * wait for each other) or not (the records they refer to). */
static gboolean
prefetch (Push        *push,
          GHashTable  *keys,
          gboolean     lock,
          GError     **error)
{
  g_autoptr(GString) list = g_string_new ("[");
  g_autoptr(PGresult) rows = NULL;
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  const char *params[1];
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, keys);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *newline = strchr (key, '\n');
      g_autofree char *entity = g_strndup (key, newline - (const char *) key);

      if (g_hash_table_contains (push->known, key))
        continue;
      g_string_append (list, wanted->len > 0 ? ", [" : "[");
      gr_json_append_string (list, entity);
      g_string_append (list, ", ");
      gr_json_append_string (list, newline + 1);
      g_string_append_c (list, ']');
      g_ptr_array_add (wanted, key);
    }
  g_string_append_c (list, ']');
  if (wanted->len == 0)
    return TRUE;

  params[0] = list->str;
  rows = gr_server_pg_exec (push->pg, lock
                            ? "SELECT r.entity, r.id, r.version, r.deleted, r.data, r.content_hash, r.field_versions,"
                              " r.enterprise, r.depot FROM records r JOIN (SELECT DISTINCT k->>0 AS entity, k->>1 AS id"
                              " FROM json_array_elements($1::json) k) w ON r.entity = w.entity AND r.id = w.id"
                              " ORDER BY r.entity, r.id FOR UPDATE OF r"
                            : "SELECT r.entity, r.id, r.version, r.deleted, r.data, r.content_hash, r.field_versions,"
                              " r.enterprise, r.depot FROM records r JOIN (SELECT DISTINCT k->>0 AS entity, k->>1 AS id"
                              " FROM json_array_elements($1::json) k) w ON r.entity = w.entity AND r.id = w.id",
                            1, params, error);
  if (rows == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (rows); i++)
    {
      Known *known = g_new0 (Known, 1);

      known_fill (known, rows, i, 2);
      known->locked = lock;
      g_hash_table_insert (push->known, key_of (PQgetvalue (rows, i, 0), PQgetvalue (rows, i, 1)), known);
    }
  /* The server has none of the others. */
  for (guint i = 0; i < wanted->len; i++)
    if (!g_hash_table_contains (push->known, wanted->pdata[i]))
      {
        Known *known = g_new0 (Known, 1);

        known->full = TRUE;
        known->locked = lock;
        g_hash_table_insert (push->known, g_strdup (wanted->pdata[i]), known);
      }
  return TRUE;
}

/* The mutation ids of the batch, locked (concurrent deliveries of one
 * mutation wait for each other; in one order, so that they do not wait
 * in a circle), and the results of those applied before. */
static gboolean
read_applied (Push      *push,
              Mutation  *ms,
              guint      n,
              GError   **error)
{
  g_autoptr(GString) ids = g_string_new ("[");
  g_autoptr(PGresult) rows = NULL;
  const char *params[1];
  gboolean first = TRUE;

  for (guint i = 0; i < n; i++)
    if (ms[i].request_hash != NULL)
      {
        if (!first)
          g_string_append (ids, ", ");
        first = FALSE;
        gr_json_append_string (ids, ms[i].mutation_id);
      }
  g_string_append_c (ids, ']');
  params[0] = ids->str;
  if (!gr_server_pg_do (push->pg,
                        "SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtextextended(m, 0) AS h"
                        " FROM json_array_elements_text($1::json) m ORDER BY 1 OFFSET 0) s", 1, params, error))
    return FALSE;
  rows = gr_server_pg_exec (push->pg,
                            "SELECT mutation_id, request_hash, result FROM applied_mutations"
                            " WHERE mutation_id IN (SELECT json_array_elements_text($1::json))", 1, params, error);
  if (rows == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (rows); i++)
    {
      Applied *applied = g_new0 (Applied, 1);

      applied->request_hash = g_strdup (PQgetvalue (rows, i, 1));
      applied->result = g_strdup (PQgetvalue (rows, i, 2));
      g_hash_table_insert (push->applied, g_strdup (PQgetvalue (rows, i, 0)), applied);
    }
  return TRUE;
}

/* One mutation of a batch, as push_one but in memory. FALSE with error
 * when the batch must start again one by one. */
static gboolean
batch_one (Push      *push,
           Mutation  *m,
           Result    *result,
           GError   **error)
{
  g_autofree char *key = key_of (m->entity->name, m->id);
  Applied *done = g_hash_table_lookup (push->applied, m->mutation_id);
  g_autoptr(GError) local = NULL;
  gboolean applied;

  if (done != NULL)
    {
      if (strcmp (done->request_hash, m->request_hash) == 0)
        replay (push, m, done->result, result);
      else
        set_result (result, STATUS_REJECTED, "id_reuse", _("this mutation id was used before with other content"));
      return TRUE;
    }
  if (g_hash_table_contains (push->failed, key))
    {
      set_result (result, STATUS_BLOCKED, "blocked",
                  _("an earlier change of this %s in the batch did not go through"), m->entity->name);
      return TRUE;
    }

  if (strcmp (m->op, "create") == 0 || strcmp (m->op, "append") == 0)
    applied = apply_create (push, m->mutation_id, m->entity, m->id, m->payload, m->seq, result, &local);
  else
    applied = apply_patch (push, m->mutation_id, m->entity, m->id, m->base_version, m->fields, m->seq,
                           strcmp (m->op, "delete") == 0, result, &local);
  if (!applied && local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }

  if (result->status == STATUS_APPLIED || result->status == STATUS_CONFLICT || result->status == STATUS_REJECTED)
    {
      Applied *now = g_new0 (Applied, 1);

      now->request_hash = g_strdup (m->request_hash);
      now->result = result_to_stored (result);
      if (push->applied_rows->len > 0)
        g_string_append (push->applied_rows, ",\n");
      g_string_append (push->applied_rows, "{\"mutation_id\": ");
      gr_json_append_string (push->applied_rows, m->mutation_id);
      append_member (push->applied_rows, "request_hash", now->request_hash);
      append_member (push->applied_rows, "result", now->result);
      g_string_append_c (push->applied_rows, '}');
      /* a second delivery later in the same batch is a duplicate */
      g_hash_table_insert (push->applied, g_strdup (m->mutation_id), now);
    }
  if (result->status != STATUS_APPLIED)
    g_hash_table_add (push->failed, g_steal_pointer (&key));
  return TRUE;
}

/* Writes what the batch did in one statement: the records it changed
 * with their sequence numbers (the counter row stays locked until
 * COMMIT, see assign_seqs), the change log, the results kept for later
 * deliveries; wakes the long-polling pullers at COMMIT; and reads the
 * history's epoch and the counter, for the write checkpoint. */
static gboolean
flush_batch (Push    *push,
             char   **out_epoch,
             gint64  *out_counter,
             GError **error)
{
  g_autoptr(GString) records = g_string_new ("[");
  g_autoptr(PGresult) result = NULL;
  g_autofree char *user_id = int_text (push->user->id);
  g_autofree char *n = int_text (push->touched->len);
  g_autofree char *log_rows = g_strconcat ("[", push->log_rows->str, "]", NULL);
  g_autofree char *applied_rows = g_strconcat ("[", push->applied_rows->str, "]", NULL);
  const char *params[7];

  for (guint i = 0; i < push->touched->len; i++)
    {
      Known *known = g_hash_table_lookup (push->known, push->touched->pdata[i]);
      const char *newline = strchr (push->touched->pdata[i], '\n');
      g_autofree char *entity = g_strndup (push->touched->pdata[i], newline - (const char *) push->touched->pdata[i]);

      g_return_val_if_fail (known != NULL && known->full, FALSE);
      g_string_append (records, i > 0 ? ",\n{\"entity\": " : "{\"entity\": ");
      gr_json_append_string (records, entity);
      append_member (records, "id", newline + 1);
      g_string_append_printf (records, ", \"version\": %" G_GINT64_FORMAT ", \"ord\": %u"
                              ", \"deleted\": %s, \"insert\": %s", known->version, i + 1,
                              known->deleted ? "true" : "false", known->in_table ? "false" : "true");
      append_member (records, "enterprise", known->scope.enterprise);
      append_member (records, "depot", known->scope.depot);
      append_member (records, "data", known->data);
      append_member (records, "content_hash", known->hash);
      append_member (records, "field_versions", known->field_versions);
      g_string_append_c (records, '}');
    }
  g_string_append_c (records, ']');

  params[0] = records->str;
  params[1] = push->user->name;
  params[2] = push->device_id;
  params[3] = log_rows;
  params[4] = user_id;
  params[5] = applied_rows;
  params[6] = n;
  result = gr_server_pg_exec (push->pg,
    /* $7 records take the counter's next $7 values: the nth is seq */
    "WITH counter AS (UPDATE seq_counter SET value = value + $7::bigint WHERE id = 1 AND $7::bigint > 0"
    "   RETURNING value),"
    " x AS (SELECT x.*, (SELECT value FROM counter) - $7::bigint + x.ord AS seq"
    "   FROM json_to_recordset($1::json) AS x (entity text, id text, version bigint, ord bigint, deleted boolean,"
    "   \"insert\" boolean, enterprise text, depot text, data text, content_hash text, field_versions text)),"
    " added AS (INSERT INTO records (entity, id, version, seq, deleted, enterprise, depot, data,"
    "   content_hash, field_versions, updated_at, updated_by)"
    "   SELECT entity, id, version, seq, deleted, enterprise, depot, data, content_hash, field_versions,"
    "   now(), $2 FROM x WHERE x.\"insert\"),"
    " changed AS (UPDATE records r SET version = x.version, seq = x.seq, deleted = x.deleted,"
    "   enterprise = x.enterprise, depot = x.depot, data = x.data, content_hash = x.content_hash,"
    "   field_versions = x.field_versions, updated_at = now(), updated_by = $2"
    "   FROM x WHERE NOT x.\"insert\" AND r.entity = x.entity AND r.id = x.id),"
    " logged AS (INSERT INTO change_log (user_name, device_id, mutation_id, entity, entity_id, op,"
    "   version, fields) SELECT $2, $3::uuid, mutation_id, entity, id, op, version, fields"
    "   FROM json_to_recordset($4::json) AS l (mutation_id text, entity text, id text, op text,"
    "   version bigint, fields text)),"
    " kept AS (INSERT INTO applied_mutations (mutation_id, device_id, user_id, request_hash, result)"
    "   SELECT mutation_id, $3::uuid, $5::bigint, request_hash, result"
    "   FROM json_to_recordset($6::json) AS a (mutation_id text, request_hash text, result text)),"
    /* long-polling pullers on every instance wake up at COMMIT */
    " woken AS (SELECT pg_notify('granary_changes', value::text) FROM counter)"
    " SELECT (SELECT value FROM granary_meta WHERE key = 'epoch'),"
    "  coalesce((SELECT value FROM counter), (SELECT value FROM seq_counter WHERE id = 1)),"
    "  (SELECT count(*) FROM woken)",
    7, params, error);
  if (result == NULL)
    return FALSE;
  *out_epoch = g_strdup (PQgetvalue (result, 0, 0));
  *out_counter = int_value (result, 0, 1);
  return TRUE;
}

static void
push_reset (Push *push)
{
  g_hash_table_remove_all (push->known);
  g_ptr_array_set_size (push->touched, 0);
  g_hash_table_remove_all (push->touched_set);
  g_hash_table_remove_all (push->failed);
  g_hash_table_remove_all (push->applied);
  g_string_truncate (push->log_rows, 0);
  g_string_truncate (push->applied_rows, 0);
}

/* The batch applied in memory and written at its end, after the
 * savepoint "batch"; *out_fallback when it must be done again one
 * mutation at a time (nothing of it is kept then). FALSE when the whole
 * push must fail. */
static gboolean
push_batch (Push      *push,
            Mutation  *ms,
            Result    *rs,
            guint      n,
            char     **out_epoch,
            gint64    *out_counter,
            gboolean  *out_fallback,
            GError   **error)
{
  g_autoptr(GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) refs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) local = NULL;

  *out_fallback = FALSE;
  push->batch = TRUE;

  for (guint i = 0; i < n; i++)
    {
      Mutation *m = &ms[i];
      JsonNode *node = strcmp (m->op ? m->op : "", "patch") == 0 ? m->fields : m->payload;

      if (m->request_hash == NULL)
        continue;
      g_hash_table_add (targets, key_of (m->entity->name, m->id));
      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        collect_refs (m->entity, json_node_get_object (node), refs);
    }
  if (!read_applied (push, ms, n, &local) ||
      !prefetch (push, targets, TRUE, &local))
    goto fallback;
  /* A patch checks the references of the whole record, its stored ones too. */
  for (guint i = 0; i < n; i++)
    {
      Mutation *m = &ms[i];
      g_autofree char *key = NULL;
      g_autoptr(JsonNode) stored = NULL;
      Known *known;

      if (m->request_hash == NULL || strcmp (m->op, "patch") != 0)
        continue;
      key = key_of (m->entity->name, m->id);
      known = g_hash_table_lookup (push->known, key);
      if (known != NULL && known->exists && (stored = parse_json (known->data)) != NULL &&
          JSON_NODE_HOLDS_OBJECT (stored))
        collect_refs (m->entity, json_node_get_object (stored), refs);
    }
  if (!prefetch (push, refs, FALSE, &local))
    goto fallback;

  for (guint i = 0; i < n; i++)
    if (ms[i].request_hash != NULL && !batch_one (push, &ms[i], &rs[i], &local))
      goto fallback;
  if (!flush_batch (push, out_epoch, out_counter, &local))
    goto fallback;
  push->batch = FALSE;
  return TRUE;   /* COMMIT releases the savepoint */

fallback:
  push->batch = FALSE;
  if (is_retryable (local) || !gr_server_pg_is_ok (push->pg))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  g_debug ("A batch of %u mutations goes one by one: %s", n, local->message);
  if (!gr_server_pg_run (push->pg, "ROLLBACK TO SAVEPOINT batch", error))
    return FALSE;
  push_reset (push);
  for (guint i = 0; i < n; i++)
    if (ms[i].request_hash != NULL)
      {
        result_clear (&rs[i]);
        rs[i].status = STATUS_APPLIED;
        rs[i].version = -1;
      }
  *out_fallback = TRUE;
  return TRUE;
}

gboolean
gr_server_sync_push (GrServerPg          *pg,
                     const GrServerUser  *user,
                     const char          *device_id,
                     JsonObject          *body,
                     GString             *out,
                     GError             **error)
{
  Push push = { 0 };
  JsonNode *node = json_object_get_member (body, "mutations");
  JsonArray *mutations;
  g_autoptr(GString) results = g_string_new (NULL);
  g_autofree char *epoch = NULL;
  g_autofree char *checkpoint = NULL;
  gint64 seq = 0, counter = 0;
  gboolean ok = FALSE;
  gboolean one_by_one = FALSE;
  Mutation *ms = NULL;
  Result *rs = NULL;
  guint n;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      gr_server_set_error (error, GR_SERVER_ERROR_BAD_REQUEST, "invalid", _("\"mutations\" must be a list"));
      return FALSE;
    }
  mutations = json_node_get_array (node);
  n = json_array_get_length (mutations);
  if (n > GR_SYNC_MAX_MUTATIONS)
    {
      gr_server_set_error (error, GR_SERVER_ERROR_TOO_LARGE, "too_many_mutations",
                           _("A batch holds at most %d mutations, not %u"), GR_SYNC_MAX_MUTATIONS, n);
      return FALSE;
    }
  if (!check_device (pg, user, device_id, error))
    return FALSE;

  push.pg = pg;
  push.user = user;
  push.device_id = device_id;
  push.now = gr_dataset_now ();
  push.known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, known_free);
  push.touched = g_ptr_array_new ();
  push.touched_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  push.failed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  push.applied = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, applied_free);
  push.log_rows = g_string_new (NULL);
  push.applied_rows = g_string_new (NULL);
  ms = g_new0 (Mutation, n);
  rs = g_new0 (Result, n);
  for (guint i = 0; i < n; i++)
    {
      rs[i].version = -1;
      read_mutation (json_array_get_element (mutations, i), i, &ms[i], &rs[i]);
    }

  if (!gr_server_pg_run (pg, "BEGIN; SAVEPOINT batch", error) ||
      !push_batch (&push, ms, rs, n, &epoch, &counter, &one_by_one, error))
    goto failed;
  seq = counter;
  if (one_by_one)
    {
      /* a mutation that has been read has its request hash */
      for (guint i = 0; i < n; i++)
        if (ms[i].request_hash != NULL && !push_one (&push, &ms[i], &rs[i], error))
          goto failed;
      if (push.touched->len > 0)
        {
          g_autofree char *text = NULL;
          const char *params[1];

          if (!assign_seqs (&push, &seq, error))
            goto failed;
          text = int_text (seq);
          params[0] = text;
          /* Long-polling pullers on every instance wake up at COMMIT. */
          if (!gr_server_pg_do (pg, "SELECT pg_notify('granary_changes', $1)", 1, params, error))
            goto failed;
        }
    }
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (results, ",\n ");
      append_result (results, ms[i].mutation_id, &rs[i]);
    }

  if (one_by_one)
    {
      if (!read_epoch (pg, &epoch, &counter, error))
        goto failed;
      if (push.touched->len == 0)
        seq = counter;
    }
  if (commit_hook != NULL)
    commit_hook (commit_hook_data);
  if (!gr_server_pg_commit (pg, error))
    goto failed;

  checkpoint = gr_server_cursor_encode (epoch, seq);
  g_string_append (out, "{\"results\": [");
  g_string_append_len (out, results->str, results->len);
  g_string_append (out, "],\n \"write_checkpoint\": ");
  gr_json_append_string (out, checkpoint);
  g_string_append (out, ", \"server_time\": ");
  append_now (out);
  g_string_append (out, "}");
  ok = TRUE;
  goto out;

failed:
  gr_server_pg_rollback (pg);
out:
  g_free (push.now);
  g_hash_table_unref (push.known);
  g_ptr_array_unref (push.touched);
  g_hash_table_unref (push.touched_set);
  g_hash_table_unref (push.failed);
  g_hash_table_unref (push.applied);
  g_string_free (push.log_rows, TRUE);
  g_string_free (push.applied_rows, TRUE);
  for (guint i = 0; i < n; i++)
    {
      mutation_clear (&ms[i]);
      result_clear (&rs[i]);
    }
  g_free (ms);
  g_free (rs);
  return ok;
}

/* ---- Pull, snapshot, verify ---- */

static gboolean
begin_snapshot_read (GrServerPg  *pg,
                     GError     **error)
{
  /* One snapshot for the counter and the rows: every sequence number at
   * or below the counter seen belongs to a committed, visible change. */
  return gr_server_pg_run (pg, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", error);
}

/* A cursor from before the oldest change kept (compacted tombstones)
 * may have missed a delete: the client must download anew. */
static gboolean
check_retained (GrServerPg  *pg,
                const char  *cursor,
                gint64       after,
                GError     **error)
{
  g_autoptr(PGresult) result = NULL;

  if (cursor == NULL || *cursor == '\0')
    return TRUE;
  result = gr_server_pg_exec (pg, "SELECT coalesce((SELECT value FROM granary_meta WHERE key = 'min_seq'), '0')",
                              0, NULL, error);
  if (result == NULL)
    return FALSE;
  if (after < g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10))
    {
      gr_server_set_error (error, GR_SERVER_ERROR_GONE, "reset",
                           _("This device has been away longer than the server keeps deletions: "
                             "download a new snapshot"));
      return FALSE;
    }
  return TRUE;
}

gboolean
gr_server_sync_compact (GrServerPg  *pg,
                        guint        days,
                        guint       *out_removed,
                        GError     **error)
{
  g_autofree char *text = g_strdup_printf ("%u", days);
  const char *params[] = { text };
  g_autoptr(PGresult) gone = NULL;

  *out_removed = 0;
  if (!gr_server_pg_begin (pg, error))
    return FALSE;
  /* The newest sequence number among the tombstones removed: a cursor
   * before it may not have seen one of them. */
  gone = gr_server_pg_exec (pg,
                            "WITH gone AS (DELETE FROM records WHERE deleted"
                            "  AND updated_at < now() - make_interval(days => $1::integer) RETURNING seq)"
                            " SELECT count(*), coalesce(max(seq), 0) FROM gone", 1, params, error);
  if (gone == NULL)
    goto failed;
  *out_removed = (guint) g_ascii_strtoull (PQgetvalue (gone, 0, 0), NULL, 10);
  {
    const char *seq[] = { PQgetvalue (gone, 0, 1) };

    if (!gr_server_pg_do (pg,
                          "INSERT INTO granary_meta (key, value) VALUES ('min_seq', $1)"
                          " ON CONFLICT (key) DO UPDATE SET value = greatest(granary_meta.value::bigint,"
                          "  excluded.value::bigint)::text", 1, seq, error) ||
        !gr_server_pg_do (pg, "DELETE FROM applied_mutations WHERE applied_at < now() - make_interval(days => $1::integer)",
                          1, params, error))
      goto failed;
  }
  return gr_server_pg_commit (pg, error);

failed:
  gr_server_pg_rollback (pg);
  return FALSE;
}

gboolean
gr_server_sync_pull (GrServerPg          *pg,
                     const GrServerUser  *user,
                     const char          *cursor,
                     guint                limit,
                     GString             *out,
                     gboolean            *out_empty,
                     GError             **error)
{
  static const char * const queries[] = {
    [GR_ROLE_BUREAU] = "SELECT seq, entity, id, version, deleted, data FROM records"
                       " WHERE seq > $1::bigint ORDER BY seq LIMIT $2::integer",
    [GR_ROLE_COMPANY] = "SELECT seq, entity, id, version, deleted, data FROM records"
                        " WHERE seq > $1::bigint" COMPANY_SCOPE (3) " ORDER BY seq LIMIT $2::integer",
    [GR_ROLE_INSPECTOR] = "SELECT seq, entity, id, version, deleted, data FROM records"
                          " WHERE seq > $1::bigint" INSPECTOR_SCOPE (3) " ORDER BY seq LIMIT $2::integer",
  };
  g_autofree char *epoch = NULL;
  g_autofree char *after_text = NULL;
  g_autofree char *limit_text = NULL;
  g_autofree char *scope = scope_param (user);
  g_autofree char *next = NULL;
  g_autoptr(PGresult) rows = NULL;
  const char *params[3];
  gint64 after, hwm, next_seq;
  gboolean has_more;
  int n;

  limit = CLAMP (limit, 1, GR_SYNC_PULL_MAX);
  if (!begin_snapshot_read (pg, error))
    return FALSE;
  if (!read_epoch (pg, &epoch, &hwm, error) ||
      !gr_server_cursor_decode (cursor, epoch, &after, error) ||
      !check_retained (pg, cursor, after, error))
    goto failed;

  after_text = int_text (after);
  limit_text = g_strdup_printf ("%u", limit + 1);
  params[0] = after_text;
  params[1] = limit_text;
  params[2] = scope;
  rows = gr_server_pg_exec (pg, queries[user->role], user->role == GR_ROLE_BUREAU ? 2 : 3, params, error);
  if (rows == NULL)
    goto failed;
  if (!gr_server_pg_commit (pg, error))
    goto failed;

  n = PQntuples (rows);
  has_more = n > (int) limit;
  if (has_more)
    n = limit;
  next_seq = has_more ? int_value (rows, n - 1, 0) : MAX (hwm, after);
  next = gr_server_cursor_encode (epoch, next_seq);

  g_string_append (out, "{\"changes\": [");
  for (int i = 0; i < n; i++)
    {
      gboolean deleted = strcmp (PQgetvalue (rows, i, 4), "t") == 0;

      g_string_append (out, i > 0 ? ",\n  {\"entity\": " : "\n  {\"entity\": ");
      gr_json_append_string (out, PQgetvalue (rows, i, 1));
      g_string_append (out, ", \"id\": ");
      gr_json_append_string (out, PQgetvalue (rows, i, 2));
      g_string_append_printf (out, ", \"op\": \"%s\", \"version\": %s, \"seq\": %s, \"data\": ",
                              deleted ? "delete" : "upsert", PQgetvalue (rows, i, 3), PQgetvalue (rows, i, 0));
      g_string_append (out, PQgetvalue (rows, i, 5));
      g_string_append_c (out, '}');
    }
  g_string_append (out, "],\n \"next_cursor\": ");
  gr_json_append_string (out, next);
  /* The scope as applied now: a client whose scope shrank removes what
   * it no longer reads (SYNC.md §3.5 "scopes_removed"). */
  g_string_append (out, ", \"scope\": {");
  gr_server_user_append_json (user, out);
  g_string_append_printf (out, "}, \"has_more\": %s, \"server_time\": ", has_more ? "true" : "false");
  append_now (out);
  g_string_append (out, "}");
  if (out_empty != NULL)
    *out_empty = n == 0;
  return TRUE;

failed:
  gr_server_pg_rollback (pg);
  return FALSE;
}

gboolean
gr_server_sync_snapshot (GrServerPg          *pg,
                         const GrServerUser  *user,
                         const char          *entity_name,
                         const char          *after_id,
                         guint                limit,
                         GString             *out,
                         GError             **error)
{
  static const char * const queries[] = {
    [GR_ROLE_BUREAU] = "SELECT data, id, content_hash FROM records WHERE entity = $1 AND id > $2 AND NOT deleted"
                       " ORDER BY id LIMIT $3::integer",
    [GR_ROLE_COMPANY] = "SELECT data, id, content_hash FROM records WHERE entity = $1 AND id > $2 AND NOT deleted"
                        COMPANY_SCOPE (4) " ORDER BY id LIMIT $3::integer",
    [GR_ROLE_INSPECTOR] = "SELECT data, id, content_hash FROM records WHERE entity = $1 AND id > $2 AND NOT deleted"
                          INSPECTOR_SCOPE (4) " ORDER BY id LIMIT $3::integer",
  };
  guint n_entities;
  const GrEntity * const *entities = gr_schema_entities (&n_entities);
  g_autofree char *epoch = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *scope = scope_param (user);
  g_autofree char *after = g_strdup (after_id ? after_id : "");
  guint start = 0, count = 0;
  gint64 hwm;

  limit = CLAMP (limit, 1, GR_SYNC_SNAPSHOT_MAX);
  if (entity_name != NULL && *entity_name != '\0')
    {
      for (start = 0; start < n_entities && strcmp (entities[start]->name, entity_name) != 0; start++)
        ;
      if (start == n_entities)
        {
          gr_server_set_error (error, GR_SERVER_ERROR_BAD_REQUEST, "unknown_entity", _("unknown entity “%s”"),
                               entity_name);
          return FALSE;
        }
    }

  if (!begin_snapshot_read (pg, error) || !read_epoch (pg, &epoch, &hwm, error))
    goto failed;
  cursor = gr_server_cursor_encode (epoch, hwm);
  g_string_append (out, "{\"format\": \"granary-snapshot\", \"version\": 1, \"cursor\": ");
  gr_json_append_string (out, cursor);
  /* The descriptors the content hashes were taken with: a client with
   * the same keeps them rather than hashing every record again. */
  g_string_append_printf (out, ", \"schema\": %d", gr_store_schema_version ());
  /* The first page says how many records the whole download holds, for
   * the client's progress. */
  if (start == 0 && (entity_name == NULL || *entity_name == '\0'))
    {
      static const char * const counts[] = {
        [GR_ROLE_BUREAU] = "SELECT count(*) FROM records WHERE NOT deleted",
        [GR_ROLE_COMPANY] = "SELECT count(*) FROM records WHERE NOT deleted" COMPANY_SCOPE (1),
        [GR_ROLE_INSPECTOR] = "SELECT count(*) FROM records WHERE NOT deleted" INSPECTOR_SCOPE (1),
      };
      const char *params[] = { scope };
      g_autoptr(PGresult) total = gr_server_pg_exec (pg, counts[user->role], user->role == GR_ROLE_BUREAU ? 0 : 1,
                                                     params, error);

      if (total == NULL)
        goto failed;
      g_string_append_printf (out, ", \"total\": %s", PQgetvalue (total, 0, 0));
    }
  g_string_append (out, ", \"server_time\": ");
  append_now (out);
  g_string_append (out, "}\n");

  for (guint e = start; e < n_entities; e++)
    {
      g_autofree char *remaining = g_strdup_printf ("%u", limit - count);
      const char *params[] = { entities[e]->name, after, remaining, scope };
      g_autoptr(PGresult) rows = NULL;
      int n;

      rows = gr_server_pg_exec (pg, queries[user->role], user->role == GR_ROLE_BUREAU ? 3 : 4, params, error);
      if (rows == NULL)
        goto failed;
      n = PQntuples (rows);
      for (int i = 0; i < n; i++)
        {
          g_string_append (out, "{\"type\": ");
          gr_json_append_string (out, entities[e]->name);
          g_string_append (out, ", \"hash\": ");
          gr_json_append_string (out, PQgetvalue (rows, i, 2));
          g_string_append (out, ", \"record\": ");
          g_string_append (out, PQgetvalue (rows, i, 0));
          g_string_append (out, "}\n");
        }
      count += n;
      if (count >= limit)
        {
          g_string_append_printf (out, "{\"type\": \"end\", \"records\": %u, \"next\": {\"entity\": ", count);
          gr_json_append_string (out, entities[e]->name);
          g_string_append (out, ", \"after_id\": ");
          gr_json_append_string (out, PQgetvalue (rows, n - 1, 1));
          g_string_append (out, "}}\n");
          return gr_server_pg_commit (pg, error);
        }
      g_free (after);
      after = g_strdup ("");
    }
  g_string_append_printf (out, "{\"type\": \"end\", \"records\": %u, \"next\": null}\n", count);
  return gr_server_pg_commit (pg, error);

failed:
  gr_server_pg_rollback (pg);
  return FALSE;
}

gboolean
gr_server_sync_verify (GrServerPg          *pg,
                       const GrServerUser  *user,
                       JsonObject          *body,
                       GString             *out,
                       GError             **error)
{
  /* Additive checksum (SYNC.md §3.10): the sum over the live records of
   * the first 64 bits of md5(id:version), modulo 2^64, as unsigned text. */
#define CHECKSUM "(((coalesce(sum(('x' || substr(md5(id || ':' || version::text), 1, 16))::bit(64)::bigint)::numeric, 0)" \
                 " % 18446744073709551616) + 18446744073709551616) % 18446744073709551616)::text"
  static const char * const queries[] = {
    [GR_ROLE_BUREAU] = "SELECT count(*), " CHECKSUM " FROM records WHERE entity = $1 AND NOT deleted",
    [GR_ROLE_COMPANY] = "SELECT count(*), " CHECKSUM " FROM records WHERE entity = $1 AND NOT deleted"
                        COMPANY_SCOPE (2),
    [GR_ROLE_INSPECTOR] = "SELECT count(*), " CHECKSUM " FROM records WHERE entity = $1 AND NOT deleted"
                          INSPECTOR_SCOPE (2),
  };
  JsonNode *node = json_object_get_member (body, "entities");
  g_autofree char *scope = scope_param (user);
  JsonObjectIter iter;
  const char *name;
  JsonNode *claim;
  gboolean all = TRUE;
  gboolean first = TRUE;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      gr_server_set_error (error, GR_SERVER_ERROR_BAD_REQUEST, "invalid",
                           _("\"entities\" must be an object: entity → {\"count\", \"checksum\"}"));
      return FALSE;
    }
  if (!begin_snapshot_read (pg, error))
    return FALSE;
  g_string_append (out, "{\"entities\": {");
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &name, &claim))
    {
      const char *params[] = { name, scope };
      g_autoptr(PGresult) rows = NULL;
      gint64 count = -1;
      const char *checksum = NULL;
      gboolean match;

      if (lookup_entity (name) == NULL)
        {
          gr_server_pg_rollback (pg);
          gr_server_set_error (error, GR_SERVER_ERROR_BAD_REQUEST, "unknown_entity", _("unknown entity “%s”"), name);
          return FALSE;
        }
      rows = gr_server_pg_exec (pg, queries[user->role], user->role == GR_ROLE_BUREAU ? 1 : 2, params, error);
      if (rows == NULL)
        {
          gr_server_pg_rollback (pg);
          return FALSE;
        }
      if (JSON_NODE_HOLDS_OBJECT (claim))
        {
          member_int (json_node_get_object (claim), "count", &count);
          checksum = member_string (json_node_get_object (claim), "checksum");
        }
      match = count == int_value (rows, 0, 0) && g_strcmp0 (checksum, PQgetvalue (rows, 0, 1)) == 0;
      all = all && match;
      if (!first)
        g_string_append (out, ", ");
      first = FALSE;
      gr_json_append_string (out, name);
      g_string_append_printf (out, ": {\"count\": %s, \"checksum\": \"%s\", \"match\": %s}",
                              PQgetvalue (rows, 0, 0), PQgetvalue (rows, 0, 1), match ? "true" : "false");
    }
  g_string_append_printf (out, "}, \"match\": %s}", all ? "true" : "false");
  return gr_server_pg_commit (pg, error);
#undef CHECKSUM
}
