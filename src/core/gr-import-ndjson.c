/* gr-import-ndjson.c: import of the NDJSON form, record by record
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-error.h"
#include "gr-json-writer.h"
#include "gr-import-private.h"

/* ---- NDJSON ---- */

gboolean
_gr_import_is_blank (const char *line)
{
  for (; *line != '\0'; line++)
    if (!g_ascii_isspace (*line))
      return FALSE;
  return TRUE;
}

static gboolean
read_ndjson_line (Import      *imp,
                  JsonParser  *parser,
                  const char  *line,
                  guint        line_no,
                  guint64     *n_records,
                  gboolean    *ended,
                  GError     **error)
{
  g_autoptr(GError) local = NULL;
  JsonObject *object;
  JsonNode *type, *body;
  const GrEntity *entity;
  const char *type_name;
  Table *t;
  Item item = { 0 };
  g_autofree char *where = NULL;
  gboolean ok = FALSE;

  if (*ended)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("line %u: nothing may follow the closing line"), line_no);
      return FALSE;
    }
  if (!json_parser_load_from_data (parser, line, -1, &local))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("line %u: this is not valid JSON (%s)"), line_no, local->message);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_autofree char *what = gr_json_describe (json_parser_get_root (parser));

      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("line %u: must be an object ({…}), not %s"), line_no, what);
      return FALSE;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  type = json_object_get_member (object, "type");
  if (type == NULL || !JSON_NODE_HOLDS_VALUE (type) || json_node_get_value_type (type) != G_TYPE_STRING)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("line %u: the \"type\" key is missing"), line_no);
      return FALSE;
    }
  type_name = json_node_get_string (type);

  if (strcmp (type_name, "end") == 0)
    {
      JsonNode *count = json_object_get_member (object, "records");

      if (count == NULL || !JSON_NODE_HOLDS_VALUE (count) || json_node_get_value_type (count) != G_TYPE_INT64 ||
          (guint64) json_node_get_int (count) != *n_records)
        {
          g_autofree char *what = count ? gr_json_describe (count) : g_strdup ("null");

          g_set_error (error, GR_ERROR, GR_ERROR_INVALID,
                       _("line %u: the closing line counts %s records, but the file holds %llu"),
                       line_no, what, (unsigned long long) *n_records);
          return FALSE;
        }
      *ended = TRUE;
      return TRUE;
    }

  entity = gr_schema_lookup (type_name);
  if (entity == NULL)
    {
      g_autofree char *q = _gr_import_quote (type_name);

      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("line %u: unknown record type %s"), line_no, q);
      return FALSE;
    }
  t = _gr_import_table_of (imp, entity);
  (*n_records)++;

  body = json_object_get_member (object, "record");
  if (body == NULL)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("line %u: the \"record\" key is missing"), line_no);
      return FALSE;
    }
  item.index = line_no;
  item.record = gr_record_from_json (entity, body, &local);
  if (item.record == NULL)
    {
      where = _gr_import_describe_record (imp, entity, line_no, _gr_import_raw_id (body));
      g_propagate_prefixed_error (error, g_steal_pointer (&local), "%s: ", where);
      return FALSE;
    }
  where = _gr_import_describe_record (imp, entity, line_no, item.record->id);

  if (g_hash_table_contains (t->by_id, item.record->id))
    {
      _gr_import_refuse (error, where, "id", _("the id is used twice in this file"));
      goto out;
    }
  item.hash = gr_record_hash (item.record);
  if (!_gr_import_check_context (imp, where, &item, error) ||
      !_gr_import_classify (imp, t, where, &item, error) ||
      !_gr_import_write_item (imp, t, where, &item, error))
    goto out;

  {
    char *id = g_string_chunk_insert (imp->strings, item.record->id);

    g_hash_table_insert (t->by_id, id, SEEN (line_no, item.record->deleted));
    if (strcmp (entity->name, "plan") == 0 && !item.record->deleted)
      g_hash_table_insert (imp->plan_variety, id,
                           g_string_chunk_insert_const (imp->strings, gr_record_get_text (item.record, "variety")));
  }
  ok = TRUE;

out:
  gr_record_free (item.record);
  g_free (item.hash);
  return ok;
}

/* Reads the stream record by record; first_line, when given, is the
 * header line a caller has read already (line first_line_no). */
gboolean
_gr_import_ndjson (GrStore           *store,
               GDataInputStream  *in,
               const char        *first_line,
               guint              line_no,
               gint64             total_bytes,
               GrImportFlags      flags,
               GrImportStats     *stats,
               GrProgressFunc     progress,
               gpointer           progress_data,
               GError           **error)
{
  g_autoptr(Import) imp = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *header_line = NULL;
  g_autoptr(GError) local = NULL;
  guint64 n_records = 0;
  gint64 bytes = 0;
  gboolean ended = FALSE;

  if ((imp = _gr_import_new (store, flags, TRUE, progress, progress_data, error)) == NULL)
    return FALSE;
  _gr_import_report (imp, 0.0, _("Importing the records"));

  if (first_line == NULL)
    {
      do
        {
          g_clear_pointer (&header_line, g_free);
          header_line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, error);
          line_no++;
          if (header_line == NULL)
            {
              if (error == NULL || *error == NULL)
                g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("The file is empty: there is no dataset in it"));
              return FALSE;
            }
        }
      while (_gr_import_is_blank (header_line));
      first_line = header_line;
    }

  if (!json_parser_load_from_data (parser, first_line, -1, &local) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("line %u: the first line must be the dataset header"), line_no);
      return FALSE;
    }
  if (!_gr_import_read_header (imp, json_node_get_object (json_parser_get_root (parser)), NDJSON_FORMAT, error))
    {
      g_prefix_error (error, _("line %u: "), line_no);
      return FALSE;
    }
  for (guint e = 0; e < imp->n_tables; e++)
    if (!_gr_import_preload (imp, &imp->tables[e], 0, error))
      return FALSE;

  if (!gr_store_begin (store, error))
    return FALSE;
  if (!_gr_import_write_meta (imp, error))
    goto failed;

  /* Each record is checked and written as it is read, inside the open
   * transaction; the first refusal rolls all of it back. Holding the
   * stream to check it first would defeat the point of NDJSON. */
  for (;;)
    {
      gsize length = 0;
      g_autofree char *line = g_data_input_stream_read_line_utf8 (in, &length, NULL, &local);

      if (line == NULL)
        {
          if (local != NULL)
            {
              g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("line %u: %s"), line_no + 1, local->message);
              goto failed;
            }
          break;
        }
      line_no++;
      bytes += length + 1;
      if (_gr_import_is_blank (line))
        continue;
      if (!read_ndjson_line (imp, parser, line, line_no, &n_records, &ended, error))
        goto failed;
      if (total_bytes > 0)
        _gr_import_report (imp, 0.95 * bytes / total_bytes, _("Importing the records"));
    }

  if (!ended)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID,
                   _("The file ends without its closing line {\"type\": \"end\", …}: it looks cut short, "
                     "so nothing was imported"));
      goto failed;
    }
  if (!_gr_import_finish (imp, error) || !gr_store_commit (store, error))
    goto failed;

  _gr_import_report (imp, 1.0, _("Done"));
  if (stats != NULL)
    *stats = imp->stats;
  return TRUE;

failed:
  gr_store_rollback (store);
  return FALSE;
}

