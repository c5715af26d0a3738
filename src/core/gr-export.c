/* gr-export.c: the database as a dataset document, record by record
 *
 * Layout of the document: the header keys, then one array per entity in
 * gr_schema_entities() order, one record per line, so a diff of two
 * exports shows changed records line by line. Records are written as they
 * are read (no tree of the whole dataset is ever built). The NDJSON form
 * has the header on the first line, then {"type": ENTITY, "record": {…}}
 * per line and a closing {"type": "end", "records": N} line that lets an
 * import tell a complete file from a cut one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-export"

#include "config.h"

#include <gio/gunixoutputstream.h>
#include <glib/gi18n-lib.h>

#include "gr-dataset.h"
#include "gr-error.h"
#include "gr-export.h"
#include "gr-json-writer.h"
#include "gr-record-store.h"

#define FLUSH_SIZE (64 * 1024)

static gboolean
flush (GOutputStream  *out,
       GString        *buffer,
       GCancellable   *cancellable,
       GError        **error)
{
  if (buffer->len == 0)
    return TRUE;
  if (!g_output_stream_write_all (out, buffer->str, buffer->len, NULL, cancellable, error))
    return FALSE;
  g_string_truncate (buffer, 0);
  return TRUE;
}

/* Header members after "format" and "version": the profile and the unknown
 * top-level keys an import kept, each as ", key: value". */
static gboolean
append_header (GrStore     *store,
               GString     *buffer,
               const char  *separator,
               GError     **error)
{
  g_autofree char *profile = gr_store_get_meta (store, "profile");
  g_autofree char *extra = gr_store_get_meta (store, "dataset_extra");

  if (profile != NULL)
    {
      g_string_append_printf (buffer, "%s\"profile\": ", separator);
      gr_json_append_string (buffer, profile);
    }
  if (extra != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      if (!json_parser_load_from_data (parser, extra, -1, NULL) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          g_set_error (error, GR_ERROR, GR_ERROR_DATABASE, _("The kept top-level keys of the dataset are damaged"));
          return FALSE;
        }
      json_object_iter_init_ordered (&iter, json_node_get_object (json_parser_get_root (parser)));
      while (json_object_iter_next_ordered (&iter, &name, &member))
        {
          g_string_append (buffer, separator);
          gr_json_append_string (buffer, name);
          g_string_append (buffer, ": ");
          gr_json_append_node (buffer, member);
        }
    }
  return TRUE;
}

static gboolean
write_dataset (GrStore        *store,
               GOutputStream  *out,
               gboolean        ndjson,
               GCancellable   *cancellable,
               GError        **error)
{
  g_autoptr(GString) buffer = g_string_sized_new (FLUSH_SIZE + 4096);
  const GrEntity * const *entities;
  guint n_entities;
  guint64 n_records = 0;

  if (ndjson)
    g_string_append (buffer, "{\"format\": \"granary-dataset-ndjson\", \"version\": 1");
  else
    g_string_append (buffer, "{\n  \"format\": \"granary-dataset\",\n  \"version\": 1");
  if (!append_header (store, buffer, ndjson ? ", " : ",\n  ", error))
    return FALSE;
  g_string_append (buffer, ndjson ? "}\n" : ",\n");

  entities = gr_schema_entities (&n_entities);
  for (guint e = 0; e < n_entities; e++)
    {
      g_autoptr(GrRecordReader) reader = gr_record_reader_new (store, entities[e], error);
      guint n = 0;

      if (reader == NULL)
        return FALSE;
      if (!ndjson)
        g_string_append_printf (buffer, "  \"%s\": [", entities[e]->array);

      for (;;)
        {
          g_autoptr(GrRecord) record = NULL;

          if (!gr_record_reader_next (reader, &record, error))
            return FALSE;
          if (record == NULL)
            break;

          if (ndjson)
            {
              g_string_append_printf (buffer, "{\"type\": \"%s\", \"record\": ", entities[e]->name);
              gr_record_append_json (record, buffer);
              g_string_append (buffer, "}\n");
            }
          else
            {
              g_string_append (buffer, n > 0 ? ",\n    " : "\n    ");
              gr_record_append_json (record, buffer);
            }
          n++;
          if (buffer->len >= FLUSH_SIZE && !flush (out, buffer, cancellable, error))
            return FALSE;
        }
      n_records += n;

      if (!ndjson)
        {
          g_string_append (buffer, n > 0 ? "\n  ]" : "]");
          g_string_append (buffer, e + 1 < n_entities ? ",\n" : "\n");
        }
    }

  if (ndjson)
    g_string_append_printf (buffer, "{\"type\": \"end\", \"records\": %" G_GUINT64_FORMAT "}\n", n_records);
  else
    g_string_append (buffer, "}\n");
  return flush (out, buffer, cancellable, error);
}

gboolean
gr_export_to_stream (GrStore        *store,
                     GOutputStream  *out,
                     gboolean        ndjson,
                     GCancellable   *cancellable,
                     GError        **error)
{
  gboolean own_transaction;
  gboolean ok;

  g_return_val_if_fail (GR_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  /* One read transaction: the export is one consistent snapshot even
   * while another connection writes (WAL readers see a fixed state). */
  own_transaction = sqlite3_get_autocommit (gr_store_get_db (store));
  if (own_transaction && !gr_store_exec (store, "BEGIN", error))
    return FALSE;
  ok = write_dataset (store, out, ndjson, cancellable, error);
  if (own_transaction)
    gr_store_rollback (store);
  return ok;
}

gboolean
gr_export_to_file (GrStore     *store,
                   const char  *path,
                   gboolean     ndjson,
                   GError     **error)
{
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (GR_IS_STORE (store), FALSE);

  if (path == NULL || g_str_equal (path, "-"))
    {
      out = g_unix_output_stream_new (1, FALSE);
      return gr_export_to_stream (store, out, ndjson, NULL, error) &&
             g_output_stream_close (out, NULL, error);
    }

  /* g_file_replace writes a temporary file and renames it on close, so a
   * failed export never leaves half a file in place of a good one. */
  file = g_file_new_for_path (path);
  out = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, error));
  if (out == NULL)
    {
      g_prefix_error (error, _("Could not write %s: "), path);
      return FALSE;
    }
  cancellable = g_cancellable_new ();
  if (!gr_export_to_stream (store, out, ndjson, NULL, error))
    {
      /* closing a cancelled replace stream drops the temporary file */
      g_cancellable_cancel (cancellable);
      g_output_stream_close (out, cancellable, NULL);
      return FALSE;
    }
  if (!g_output_stream_close (out, NULL, error))
    {
      g_prefix_error (error, _("Could not write %s: "), path);
      return FALSE;
    }
  return TRUE;
}
