/* gr-outbox.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-outbox"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-json-writer.h"
#include "gr-outbox.h"

struct _GrOutbox
{
  GrStore      *store;
  sqlite3_stmt *insert;
};

/* Set by tests before any sync runs; read-only afterwards. */
static gint64 clock_offset;   /* seconds */

gint64
gr_sync_clock_now (void)
{
  return g_get_real_time () + clock_offset * G_USEC_PER_SEC;
}

char *
gr_sync_clock_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (gr_sync_clock_now () / G_USEC_PER_SEC);

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

void
gr_sync_clock_set_offset (gint64 seconds)
{
  clock_offset = seconds;
}

gboolean
gr_outbox_enabled (GrStore *store)
{
  g_autofree char *demo = gr_store_get_meta (store, "demo");
  g_autofree char *outbox = gr_store_get_meta (store, "outbox");

  return g_strcmp0 (demo, "1") != 0 && g_strcmp0 (outbox, "off") != 0;
}

GrOutbox *
gr_outbox_new (GrStore  *store,
               GError  **error)
{
  g_autoptr(GrOutbox) outbox = g_new0 (GrOutbox, 1);

  outbox->store = g_object_ref (store);
  outbox->insert = gr_store_prepare (store,
                                     "INSERT INTO outbox (mutation_id, entity, entity_id, op, base_version, payload,"
                                     " schema_ver, created_at, undo) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  if (outbox->insert == NULL)
    return NULL;
  return g_steal_pointer (&outbox);
}

void
gr_outbox_free (GrOutbox *outbox)
{
  if (outbox == NULL)
    return;
  g_clear_pointer (&outbox->insert, sqlite3_finalize);
  g_clear_object (&outbox->store);
  g_free (outbox);
}

char *
gr_uuid_v7 (void)
{
  guint8 bytes[16];
  guint64 ms = (guint64) (gr_sync_clock_now () / 1000);

  /* 48 bits of Unix milliseconds, then random bits (RFC 9562 §5.7). */
  for (int i = 0; i < 6; i++)
    bytes[i] = (guint8) (ms >> (40 - 8 * i));
  for (int i = 6; i < 16; i += 4)
    {
      guint32 r = g_random_int ();

      memcpy (bytes + i, &r, MIN (4, 16 - i));
    }
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                          bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]);
}

static gboolean
add (GrOutbox        *outbox,
     const GrRecord  *record,
     const char      *op,
     gint64           base_version,
     const char      *payload,
     const char      *undo,
     GError         **error)
{
  g_autofree char *mutation_id = gr_uuid_v7 ();
  g_autofree char *now = gr_sync_clock_iso ();
  sqlite3_stmt *stmt = outbox->insert;
  int rc;

  sqlite3_bind_text (stmt, 1, mutation_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, record->entity->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, record->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, op, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, MAX (base_version, 0));
  if (payload != NULL)
    sqlite3_bind_text (stmt, 6, payload, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 6);
  sqlite3_bind_int (stmt, 7, gr_store_schema_version ());
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_STATIC);
  if (undo != NULL)
    sqlite3_bind_text (stmt, 9, undo, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 9);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      gr_store_set_error (outbox->store, error, _("Could not record the change for sync"));
      return FALSE;
    }
  return TRUE;
}

gboolean
gr_outbox_add_raw (GrOutbox        *outbox,
                   const GrRecord  *record,
                   const char      *op,
                   gint64           base_version,
                   const char      *payload,
                   const char      *undo,
                   GError         **error)
{
  return add (outbox, record, op, base_version, payload, undo, error);
}

/* An inspection syncs once signed (DESIGN.md §3), a monthly report once
 * filed: before that it is a draft. */
static gboolean
is_draft (const GrRecord *record)
{
  const char *final_field = record->entity->final_field;

  return final_field != NULL && gr_record_get_text (record, final_field) == NULL;
}

static const char *
create_op (const GrRecord *record)
{
  if (record->entity->append_only || record->entity->final_field != NULL)
    return "append";
  return "create";
}

/* The record as sent: its dataset JSON. The server sets version,
 * updated_at and updated_by itself and ignores what this says. */
static char *
record_payload (const GrRecord *record)
{
  GString *json = g_string_sized_new (512);

  gr_record_append_json (record, json);
  return g_string_free (json, FALSE);
}

gboolean
gr_outbox_add_insert (GrOutbox        *outbox,
                      const GrRecord  *record,
                      GError         **error)
{
  g_autofree char *payload = NULL;

  if (record->deleted || is_draft (record))
    return TRUE;
  payload = record_payload (record);
  return add (outbox, record, create_op (record), 0, payload, NULL, error);
}

static JsonObject *
as_object (const GrRecord *record,
           JsonParser     *parser)
{
  g_autoptr(GString) json = g_string_sized_new (512);

  gr_record_append_json (record, json);
  if (!json_parser_load_from_data (parser, json->str, json->len, NULL))
    g_return_val_if_reached (NULL);
  return json_node_get_object (json_parser_get_root (parser));
}

static gboolean
is_meta (const char *name)
{
  return strcmp (name, "id") == 0 || strcmp (name, "version") == 0 || strcmp (name, "updated_at") == 0 ||
         strcmp (name, "updated_by") == 0 || strcmp (name, "deleted") == 0;
}

gboolean
gr_outbox_add_update (GrOutbox        *outbox,
                      const GrRecord  *old,
                      const GrRecord  *record,
                      GError         **error)
{
  g_autoptr(JsonParser) old_parser = json_parser_new ();
  g_autoptr(JsonParser) new_parser = json_parser_new ();
  g_autoptr(GString) fields = NULL;
  g_autoptr(GString) undo = NULL;
  JsonObject *before, *after;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  gboolean any = FALSE;

  if (record->deleted)
    return old->deleted || is_draft (old) ? TRUE
           : add (outbox, record, "delete", old->version, NULL, "{\"deleted\": false}", error);
  if (old->deleted || is_draft (old))
    {
      /* Back from the dead, or signed just now: the server has never had it. */
      return gr_outbox_add_insert (outbox, record, error);
    }

  before = as_object (old, old_parser);
  after = as_object (record, new_parser);
  fields = g_string_new ("{");
  /* What the patch replaced: the user may discard a rejected change. */
  undo = g_string_new ("{");
  json_object_iter_init_ordered (&iter, after);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      JsonNode *was = json_object_get_member (before, name);
      g_autofree char *a = was ? gr_json_node_to_text (was) : NULL;
      g_autofree char *b = NULL;

      if (is_meta (name))
        continue;
      b = gr_json_node_to_text (value);
      if (g_strcmp0 (a, b) == 0)
        continue;
      if (any)
        {
          g_string_append (fields, ", ");
          g_string_append (undo, ", ");
        }
      gr_json_append_string (fields, name);
      g_string_append (fields, ": ");
      g_string_append (fields, b);
      gr_json_append_string (undo, name);
      g_string_append (undo, ": ");
      g_string_append (undo, a ? a : "null");
      any = TRUE;
    }
  /* Unknown keys that are gone are sent as null. */
  json_object_iter_init_ordered (&iter, before);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      g_autofree char *a = NULL;

      if (is_meta (name) || json_object_has_member (after, name))
        continue;
      a = gr_json_node_to_text (value);
      if (any)
        {
          g_string_append (fields, ", ");
          g_string_append (undo, ", ");
        }
      gr_json_append_string (fields, name);
      g_string_append (fields, ": null");
      gr_json_append_string (undo, name);
      g_string_append (undo, ": ");
      g_string_append (undo, a);
      any = TRUE;
    }
  g_string_append_c (fields, '}');
  g_string_append_c (undo, '}');
  if (!any)
    return TRUE;
  return add (outbox, record, "patch", old->version, fields->str, undo->str, error);
}

gint64
gr_outbox_count_unsent (GrStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, "SELECT count(*) FROM outbox"
                                                          " WHERE state IN ('pending', 'blocked', 'rejected')", NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}
