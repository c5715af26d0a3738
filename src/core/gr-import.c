/* gr-import.c: dataset import (DESIGN.md §7)
 *
 * A document is checked in full before the first write: every record
 * against its descriptor (gr_record_from_json), then against the other
 * records of the file and the database (references, a lot's variety and
 * its plan's, one rotation plan per enterprise and year, append-only
 * records). Only then one IMMEDIATE transaction writes it; the checks that
 * need the written state (balances in date order, records still referring
 * to a new tombstone) run inside that transaction before COMMIT, and any
 * refusal rolls it back. A crash at any point leaves the database as it
 * was: SQLite's journal drops an unfinished transaction.
 *
 * An NDJSON stream is too large to hold: its records are checked and
 * written one by one inside the open transaction, and the first refusal
 * rolls everything back, so the outcome is the same all-or-nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-import"

#include "config.h"

#include <gio/gunixinputstream.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "gr-error.h"
#include "gr-import-private.h"
#include "gr-json-writer.h"

/* ---- Small helpers ---- */

static const struct {
  const char *name;
  const char *label;
} entity_labels[] = {
  { "enterprise",       N_("enterprise") },
  { "depot",            N_("depot") },
  { "bin",              N_("bin") },
  { "plan",             N_("plan") },
  { "lot",              N_("lot") },
  { "movement",         N_("movement") },
  { "release",          N_("release order") },
  { "rotation_plan",    N_("rotation plan") },
  { "monthly_report",   N_("monthly report") },
  { "quality_test",     N_("quality test") },
  { "inspection",       N_("inspection") },
  { "finding_closure",  N_("finding closure") },
  { "depot_assessment", N_("depot assessment") },
};

const char *
_gr_import_entity_label (const GrEntity *entity)
{
  for (guint i = 0; i < G_N_ELEMENTS (entity_labels); i++)
    if (strcmp (entity_labels[i].name, entity->name) == 0)
      return g_dgettext (GETTEXT_PACKAGE, entity_labels[i].label);
  return entity->name;
}

/* A value from the file, quoted as JSON so an error stays on one line. */
char *
_gr_import_quote (const char *text)
{
  GString *out = g_string_new (NULL);

  if (text == NULL)
    g_string_append (out, "null");
  else if (g_utf8_strlen (text, -1) > 64)
    {
      g_autofree char *cut = g_utf8_substring (text, 0, 61);
      g_autofree char *more = g_strconcat (cut, "…", NULL);

      gr_json_append_string (out, more);
    }
  else
    gr_json_append_string (out, text);
  return g_string_free (out, FALSE);
}

/* Names a record in a message: lots[3] (id "L-0004") in a document,
 * line 57: lot (id "L-0004") in an NDJSON stream. */
char *
_gr_import_describe_record (Import         *imp,
                 const GrEntity *entity,
                 guint           index,
                 const char     *id)
{
  g_autofree char *quoted = id ? _gr_import_quote (id) : NULL;

  if (imp->ndjson)
    {
      if (quoted == NULL)
        /* TRANSLATORS: names a record in an error: line 57: lot */
        return g_strdup_printf (_("line %u: %s"), index, _gr_import_entity_label (entity));
      /* TRANSLATORS: names a record in an error: line 57: lot (id "L-0004") */
      return g_strdup_printf (_("line %u: %s (id %s)"), index, _gr_import_entity_label (entity), quoted);
    }
  if (quoted == NULL)
    return g_strdup_printf ("%s[%u]", entity->array, index);
  /* TRANSLATORS: names a record in an error: lots[3] (id "L-0004"); keep the array name */
  return g_strdup_printf (_("%s[%u] (id %s)"), entity->array, index, quoted);
}

gboolean G_GNUC_PRINTF (4, 5)
_gr_import_refuse (GError     **error,
        const char  *where,
        const char  *field,
        const char  *format,
        ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: an import error: <record>: field "<name>": <what is wrong> */
  g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("%s: field \"%s\": %s"), where, field, detail);
  return FALSE;
}

static void
item_free (gpointer data)
{
  Item *item = data;

  gr_record_free (item->record);
  g_free (item->hash);
  g_free (item);
}

static void
deferred_free (gpointer data)
{
  Deferred *d = data;

  g_free (d->where);
  g_free (d->field);
  g_free (d->id);
  g_free (d->variety);
  g_free (d);
}

static void
written_free (gpointer data)
{
  Written *w = data;

  g_free (w->where);
  g_free (w->id);
  g_free (w);
}

void
_gr_import_free (Import *imp)
{
  if (imp == NULL)
    return;
  for (guint i = 0; i < imp->n_tables; i++)
    {
      Table *t = &imp->tables[i];

      g_clear_pointer (&t->by_id, g_hash_table_unref);
      g_clear_pointer (&t->stored, g_hash_table_unref);
      g_clear_pointer (&t->items, g_ptr_array_unref);
      g_clear_pointer (&t->find, sqlite3_finalize);
      g_clear_pointer (&t->writer, gr_record_writer_free);
    }
  g_free (imp->tables);
  g_clear_pointer (&imp->rotation_keys, g_hash_table_unref);
  g_clear_pointer (&imp->plan_variety, g_hash_table_unref);
  g_clear_pointer (&imp->strings, g_string_chunk_free);
  g_clear_pointer (&imp->dirty, g_hash_table_unref);
  g_clear_pointer (&imp->deferred, g_ptr_array_unref);
  g_clear_pointer (&imp->tombstones, g_ptr_array_unref);
  g_clear_pointer (&imp->updated_plans, g_ptr_array_unref);
  g_clear_pointer (&imp->new_movements, g_ptr_array_unref);
  g_clear_pointer (&imp->old_plans, g_ptr_array_unref);
  g_clear_pointer (&imp->plan_variety_stmt, sqlite3_finalize);
  g_clear_pointer (&imp->rotation_stmt, sqlite3_finalize);
  g_clear_pointer (&imp->lot_plan_stmt, sqlite3_finalize);
  g_clear_object (&imp->store);
  g_free (imp->now);
  g_free (imp->profile);
  g_free (imp->dataset_extra);
  g_free (imp);
}


Import *
_gr_import_new (GrStore         *store,
            GrImportFlags    flags,
            gboolean         ndjson,
            GrProgressFunc   progress,
            gpointer         progress_data,
            GError         **error)
{
  g_autoptr(Import) imp = g_new0 (Import, 1);
  const GrEntity * const *entities = gr_schema_entities (&imp->n_tables);

  imp->store = g_object_ref (store);
  imp->flags = flags;
  imp->ndjson = ndjson;
  imp->now = gr_dataset_now ();
  imp->progress = progress;
  imp->progress_data = progress_data;
  imp->last_fraction = -1;
  imp->dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp->deferred = g_ptr_array_new_with_free_func (deferred_free);
  imp->tombstones = g_ptr_array_new_with_free_func (written_free);
  imp->updated_plans = g_ptr_array_new_with_free_func (written_free);
  imp->new_movements = g_ptr_array_new_with_free_func (written_free);
  imp->old_plans = g_ptr_array_new_with_free_func (g_free);
  if (ndjson)
    {
      imp->strings = g_string_chunk_new (1 << 16);
      imp->plan_variety = g_hash_table_new (g_str_hash, g_str_equal);
    }
  else
    imp->rotation_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  imp->tables = g_new0 (Table, imp->n_tables);
  for (guint i = 0; i < imp->n_tables; i++)
    {
      Table *t = &imp->tables[i];
      g_autofree char *find = g_strdup_printf ("SELECT content_hash, deleted, version FROM \"%s\" WHERE id = ?1",
                                               entities[i]->table);
      g_autofree char *any = g_strdup_printf ("SELECT EXISTS (SELECT 1 FROM \"%s\")", entities[i]->table);
      g_autoptr(sqlite3_stmt) stmt = NULL;

      t->entity = entities[i];
      t->by_id = g_hash_table_new (g_str_hash, g_str_equal);
      if (!ndjson)
        t->items = g_ptr_array_new_with_free_func (item_free);
      if ((t->find = gr_store_prepare (store, find, error)) == NULL ||
          /* Records from the server are not sent back to it. */
          (t->writer = gr_record_writer_new_full (store, entities[i], !(flags & GR_IMPORT_SYNCED), error)) == NULL ||
          (stmt = gr_store_prepare (store, any, error)) == NULL)
        return NULL;
      t->had_rows = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
    }

  if ((imp->plan_variety_stmt = gr_store_prepare (store, "SELECT variety FROM plans WHERE id = ?1 AND deleted = 0", error)) == NULL ||
      (imp->rotation_stmt = gr_store_prepare (store, "SELECT id FROM rotation_plans WHERE enterprise = ?1 AND year = ?2"
                                                     " AND deleted = 0 AND id <> ?3 ORDER BY id", error)) == NULL ||
      (imp->lot_plan_stmt = gr_store_prepare (store, "SELECT plan FROM lots WHERE id = ?1", error)) == NULL)
    return NULL;

  return g_steal_pointer (&imp);
}

Table *
_gr_import_table_of (Import         *imp,
          const GrEntity *entity)
{
  for (guint i = 0; i < imp->n_tables; i++)
    if (imp->tables[i].entity == entity)
      return &imp->tables[i];
  g_return_val_if_reached (NULL);
}

/* At most MAX_PROGRESS_CALLS calls, each at least 1 % further on. */
void
_gr_import_report (Import     *imp,
        double      fraction,
        const char *note)
{
  if (imp->progress == NULL)
    return;
  fraction = CLAMP (fraction, 0.0, 1.0);
  if (fraction < 1.0)
    {
      if (g_strcmp0 (note, imp->last_note) == 0 && fraction - imp->last_fraction < 0.01)
        return;
      if (imp->n_progress >= MAX_PROGRESS_CALLS - 1)
        return;
    }
  imp->n_progress++;
  imp->last_fraction = fraction;
  imp->last_note = note;
  imp->progress (fraction, note, imp->progress_data);
}

/* ---- The header ---- */

static gboolean
profile_is_valid (const char *profile)
{
  gsize n = strlen (profile);

  if (n == 0 || n > 64)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_islower (profile[i]) && !g_ascii_isdigit (profile[i]) && profile[i] != '-')
      return FALSE;
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

gboolean
_gr_import_read_header (Import      *imp,
             JsonObject  *root,
             const char  *format,
             GError     **error)
{
  JsonNode *node;
  gint64 version = 0;
  g_autoptr(GPtrArray) extra = g_ptr_array_new ();
  JsonObjectIter iter;
  const char *name;

  node = json_object_get_member (root, "format");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID,
                   _("This is not a Granary dataset: the \"format\" key is missing (expected \"%s\")"), format);
      return FALSE;
    }
  if (strcmp (json_node_get_string (node), format) != 0)
    {
      g_autofree char *q = _gr_import_quote (json_node_get_string (node));

      g_set_error (error, GR_ERROR, GR_ERROR_INVALID,
                   _("This is not a Granary dataset: \"format\" is %s, expected \"%s\""), q, format);
      return FALSE;
    }

  node = json_object_get_member (root, "version");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("The dataset has no \"version\" (expected %d)"), DATASET_VERSION);
      return FALSE;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    version = json_node_get_int (node);
  if (version != DATASET_VERSION)
    {
      g_autofree char *what = gr_json_node_to_text (node);

      g_set_error (error, GR_ERROR, GR_ERROR_INVALID,
                   _("Dataset version %s is not supported: this program reads version %d"), what, DATASET_VERSION);
      return FALSE;
    }

  node = json_object_get_member (root, "profile");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          !profile_is_valid (json_node_get_string (node)))
        {
          g_autofree char *what = gr_json_describe (node);

          g_set_error (error, GR_ERROR, GR_ERROR_INVALID,
                       _("\"profile\": %s is not a profile name (lower-case letters, digits and -, at most 64)"), what);
          return FALSE;
        }
      imp->profile = g_strdup (json_node_get_string (node));
    }

  /* Unknown top-level keys are kept and exported again. */
  json_object_iter_init_ordered (&iter, root);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      if (strcmp (name, "format") == 0 || strcmp (name, "version") == 0 || strcmp (name, "profile") == 0)
        continue;
      if (!imp->ndjson && gr_schema_lookup_array (name) != NULL)
        continue;
      g_ptr_array_add (extra, (gpointer) name);
    }
  if (extra->len > 0)
    {
      GString *out = g_string_new ("{");

      g_ptr_array_sort (extra, compare_names);
      for (guint i = 0; i < extra->len; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          gr_json_append_string (out, extra->pdata[i]);
          g_string_append (out, ": ");
          gr_json_append_node (out, json_object_get_member (root, extra->pdata[i]));
        }
      g_string_append_c (out, '}');
      imp->dataset_extra = g_string_free (out, FALSE);
    }
  return TRUE;
}

/* ---- A whole document ---- */

/* The id of a record that failed its checks, for naming it, if it has one. */
const char *
_gr_import_raw_id (JsonNode *node)
{
  JsonNode *id;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  id = json_object_get_member (json_node_get_object (node), "id");
  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_STRING ||
      !gr_dataset_id_is_valid (json_node_get_string (id)))
    return NULL;
  return json_node_get_string (id);
}

static gboolean
read_records (Import      *imp,
              JsonObject  *root,
              GError     **error)
{
  guint total = 0;
  guint done = 0;

  for (guint e = 0; e < imp->n_tables; e++)
    {
      JsonNode *node = json_object_get_member (root, imp->tables[e].entity->array);

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          g_autofree char *what = gr_json_describe (node);

          g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("\"%s\" must be a list of records ([…]), not %s"),
                       imp->tables[e].entity->array, what);
          return FALSE;
        }
      total += json_array_get_length (json_node_get_array (node));
    }

  for (guint e = 0; e < imp->n_tables; e++)
    {
      Table *t = &imp->tables[e];
      JsonNode *node = json_object_get_member (root, t->entity->array);
      JsonArray *array;

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          g_autoptr(GError) local = NULL;
          GrRecord *record = gr_record_from_json (t->entity, element, &local);
          Item *item;

          if (record == NULL)
            {
              g_autofree char *where = _gr_import_describe_record (imp, t->entity, i, _gr_import_raw_id (element));

              g_propagate_prefixed_error (error, g_steal_pointer (&local), "%s: ", where);
              return FALSE;
            }
          item = g_new0 (Item, 1);
          item->record = record;
          item->index = i;
          g_ptr_array_add (t->items, item);

          {
            Item *first = g_hash_table_lookup (t->by_id, record->id);

            if (first != NULL)
              {
                g_autofree char *where = _gr_import_describe_record (imp, t->entity, i, record->id);

                return _gr_import_refuse (error, where, "id", _("the id is used twice in this file (first at %s[%u])"),
                               t->entity->array, first->index);
              }
          }
          g_hash_table_insert (t->by_id, record->id, item);
          item->hash = gr_record_hash (record);
          _gr_import_report (imp, 0.3 * ++done / MAX (total, 1), _("Checking the records"));
        }
    }
  return TRUE;
}

static guint
count_items (Import *imp)
{
  guint total = 0;

  for (guint e = 0; e < imp->n_tables; e++)
    total += imp->tables[e].items->len;
  return total;
}

gboolean
gr_import_document (GrStore        *store,
                    JsonNode       *root,
                    GrImportFlags   flags,
                    GrImportStats  *stats,
                    GrProgressFunc  progress,
                    gpointer        progress_data,
                    GError        **error)
{
  g_autoptr(Import) imp = NULL;
  guint total, done = 0;

  g_return_val_if_fail (GR_IS_STORE (store), FALSE);
  g_return_val_if_fail (root != NULL, FALSE);

  if (stats != NULL)
    memset (stats, 0, sizeof *stats);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_autofree char *what = gr_json_describe (root);

      g_set_error (error, GR_ERROR, GR_ERROR_INVALID,
                   _("This is not a Granary dataset: the top level must be an object ({…}), not %s"), what);
      return FALSE;
    }
  if ((imp = _gr_import_new (store, flags, FALSE, progress, progress_data, error)) == NULL)
    return FALSE;
  _gr_import_report (imp, 0.0, _("Checking the records"));
  if (!_gr_import_read_header (imp, json_node_get_object (root), DOCUMENT_FORMAT, error) ||
      !read_records (imp, json_node_get_object (root), error))
    return FALSE;

  /* Every record is known now, so references may point forward. */
  total = count_items (imp);
  for (guint e = 0; e < imp->n_tables; e++)
    if (!_gr_import_preload (imp, &imp->tables[e], total, error))
      return FALSE;
  for (guint e = 0; e < imp->n_tables; e++)
    {
      Table *t = &imp->tables[e];

      for (guint i = 0; i < t->items->len; i++)
        {
          Item *item = t->items->pdata[i];
          g_autofree char *where = _gr_import_describe_record (imp, t->entity, item->index, item->record->id);

          if (!_gr_import_check_context (imp, where, item, error) ||
              !_gr_import_classify (imp, t, where, item, error))
            return FALSE;
          _gr_import_report (imp, 0.3 + 0.2 * ++done / MAX (total, 1), _("Checking the records"));
        }
    }

  /* Everything checked: write it in one transaction. */
  if (!gr_store_begin (store, error))
    return FALSE;
  done = 0;
  if (!_gr_import_write_meta (imp, error))
    goto failed;
  for (guint e = 0; e < imp->n_tables; e++)
    {
      Table *t = &imp->tables[e];

      for (guint i = 0; i < t->items->len; i++)
        {
          Item *item = t->items->pdata[i];

          /* The name is only needed by checks after writing: build it then. */
          if (item->action == ACTION_UPDATE && (item->record->deleted || strcmp (t->entity->name, "plan") == 0))
            {
              g_autofree char *where = _gr_import_describe_record (imp, t->entity, item->index, item->record->id);

              if (!_gr_import_write_item (imp, t, where, item, error))
                goto failed;
            }
          else if (!_gr_import_write_item (imp, t, NULL, item, error))
            goto failed;
          _gr_import_report (imp, 0.5 + 0.45 * ++done / MAX (total, 1), _("Writing the records"));
        }
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

/* ---- Entry points ---- */

static gsize
skip_bom_and_space (const char *data,
                    gsize       length)
{
  gsize i = 0;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;
  return i;
}

/* json-glib says "<data>:3:15: Parse error: …"; people read "line 3,
 * column 15" and the rest. Returns the rest; *out_where the position. */
static const char *
json_error_detail (const char  *message,
                   char       **out_where,
                   guint       *out_line,
                   guint       *out_column)
{
  guint line, column;
  int consumed = 0;
  const char *rest;

  *out_where = NULL;
  *out_line = *out_column = 0;
  if (!g_str_has_prefix (message, "<data>:") ||
      sscanf (message + 7, "%u:%u:%n", &line, &column, &consumed) != 2 || consumed == 0)
    return message;
  rest = message + 7 + consumed;
  while (*rest == ' ')
    rest++;
  if (g_str_has_prefix (rest, "Parse error: "))
    rest += strlen ("Parse error: ");
  /* TRANSLATORS: a position in a file: line 3, column 15 */
  *out_where = g_strdup_printf (_("line %u, column %u"), line, column);
  *out_line = line;
  *out_column = column;
  return rest;
}

/* TRUE when the text ends inside a string or with an object or a list
 * still open (brackets counted outside strings). */
static gboolean
leaves_open (const char *data,
             gsize       length)
{
  gboolean in_string = FALSE;
  int depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if (c == '}' || c == ']')
        {
          /* closed to the top (or beyond): what follows is not a cut */
          if (--depth <= 0)
            return FALSE;
        }
    }
  return in_string || depth > 0;
}

/* TRUE when line:column (1-based, as json-glib counts) is at or past the
 * last character of the text that is not blank: the text stops there. */
static gboolean
at_end_of_text (const char *data,
                gsize       length,
                guint       line,
                guint       column)
{
  gsize last = length;
  guint last_line = 1;
  gsize line_start = 0;

  while (last > 0 && g_ascii_isspace (data[last - 1]))
    last--;
  for (gsize i = 0; i < last; i++)
    if (data[i] == '\n')
      {
        last_line++;
        line_start = i + 1;
      }
  return line > last_line || (line == last_line && column >= last - line_start);
}

/* An NDJSON header is a whole object on the first line. */
static gboolean
is_ndjson_header (const char *line,
                  gsize       length)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *format;

  if (g_strstr_len (line, length, "\"" NDJSON_FORMAT "\"") == NULL)
    return FALSE;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, line, length, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  format = json_object_get_member (json_node_get_object (json_parser_get_root (parser)), "format");
  return format != NULL && JSON_NODE_HOLDS_VALUE (format) &&
         json_node_get_value_type (format) == G_TYPE_STRING &&
         strcmp (json_node_get_string (format), NDJSON_FORMAT) == 0;
}

gboolean
gr_import_data (GrStore        *store,
                const char     *data,
                gssize          length,
                GrImportFlags   flags,
                GrImportStats  *stats,
                GrProgressFunc  progress,
                gpointer        progress_data,
                GError        **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local = NULL;
  gsize len, start;
  const char *newline;

  g_return_val_if_fail (GR_IS_STORE (store), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (stats != NULL)
    memset (stats, 0, sizeof *stats);
  len = length < 0 ? strlen (data) : (gsize) length;
  start = skip_bom_and_space (data, len);
  if (start == len)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("The file is empty: there is no dataset in it"));
      return FALSE;
    }
  /* json-glib also reads JavaScript such as var x = {…}; a dataset is
   * plain JSON, an object from its first character. */
  if (data[start] != '{')
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID,
                   _("This is not a Granary dataset: a dataset is a JSON object, starting with {"));
      return FALSE;
    }

  newline = memchr (data + start, '\n', len - start);
  if (is_ndjson_header (data + start, newline ? (gsize) (newline - (data + start)) : len - start))
    {
      g_autoptr(GInputStream) memory = g_memory_input_stream_new_from_data (data + start, len - start, NULL);
      g_autoptr(GDataInputStream) in = g_data_input_stream_new (memory);

      g_data_input_stream_set_newline_type (in, G_DATA_STREAM_NEWLINE_TYPE_ANY);
      return _gr_import_ndjson (store, in, NULL, 0, len - start, flags, stats, progress, progress_data, error);
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data + start, len - start, &local))
    {
      g_autofree char *where = NULL;
      guint line, column;
      const char *detail = json_error_detail (local->message, &where, &line, &column);

      /* An error at the very end of a text that leaves a string, object or
       * list open: the text stops early. */
      if (where != NULL && at_end_of_text (data + start, len - start, line, column) &&
          leaves_open (data + start, len - start))
        g_set_error (error, GR_ERROR, GR_ERROR_INVALID,
                     _("The file ends in the middle of the dataset (at %s): it looks cut short, so nothing was imported"),
                     where);
      else if (where != NULL)
        g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("This is not valid JSON, or it is cut short (at %s): %s"),
                     where, detail);
      else
        g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("This is not valid JSON, or it is cut short: %s"), detail);
      return FALSE;
    }
  if (json_parser_has_assignment (parser, NULL))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID,
                   _("This is not a Granary dataset: it assigns a variable instead of being plain JSON"));
      return FALSE;
    }
  return gr_import_document (store, json_parser_get_root (parser), flags, stats, progress, progress_data, error);
}

gboolean
gr_import_file (GrStore        *store,
                const char     *path,
                GrImportFlags   flags,
                GrImportStats  *stats,
                GrProgressFunc  progress,
                gpointer        progress_data,
                GError        **error)
{
  g_autoptr(GInputStream) raw = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GError) local = NULL;
  gboolean from_stdin;
  gint64 total = -1;
  guint line_no = 0;
  gsize length = 0;
  gboolean ok;

  g_return_val_if_fail (GR_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (stats != NULL)
    memset (stats, 0, sizeof *stats);
  from_stdin = strcmp (path, "-") == 0;
  if (from_stdin)
    raw = g_unix_input_stream_new (0, FALSE);
  else
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFileInfo) info = NULL;

      raw = G_INPUT_STREAM (g_file_read (file, NULL, error));
      if (raw == NULL)
        return FALSE;
      info = g_file_input_stream_query_info (G_FILE_INPUT_STREAM (raw), G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
      if (info != NULL)
        total = g_file_info_get_size (info);
    }

  /* The first line tells NDJSON (streamed) from a document (read whole). */
  in = g_data_input_stream_new (raw);
  g_data_input_stream_set_newline_type (in, G_DATA_STREAM_NEWLINE_TYPE_ANY);
  do
    {
      g_clear_pointer (&line, g_free);
      line = g_data_input_stream_read_line (in, &length, NULL, &local);
      line_no++;
    }
  while (line != NULL && _gr_import_is_blank (line));
  if (local != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local), "%s: ", path);
      return FALSE;
    }

  if (line != NULL)
    {
      const char *text = line;
      gsize start = skip_bom_and_space (line, length);

      if (line[start] == '{' && is_ndjson_header (text + start, length - start) &&
          g_utf8_validate (text + start, -1, NULL))
        {
          ok = _gr_import_ndjson (store, in, text + start, line_no, total, flags, stats, progress, progress_data, &local);
          if (!ok)
            g_propagate_prefixed_error (error, g_steal_pointer (&local), "%s: ", path);
          return ok;
        }
    }

  if (!from_stdin)
    {
      g_autoptr(GMappedFile) mapped = NULL;

      g_clear_object (&in);
      g_input_stream_close (raw, NULL, NULL);
      mapped = g_mapped_file_new (path, FALSE, error);
      if (mapped == NULL)
        return FALSE;
      ok = gr_import_data (store, g_mapped_file_get_contents (mapped) ? g_mapped_file_get_contents (mapped) : "",
                           g_mapped_file_get_length (mapped), flags, stats, progress, progress_data, &local);
    }
  else
    {
      g_autoptr(GByteArray) bytes = g_byte_array_new ();

      if (line != NULL)
        {
          g_byte_array_append (bytes, (const guint8 *) line, length);
          g_byte_array_append (bytes, (const guint8 *) "\n", 1);
        }
      for (;;)
        {
          guint8 buffer[65536];
          gssize n = g_input_stream_read (G_INPUT_STREAM (in), buffer, sizeof buffer, NULL, &local);

          if (n < 0)
            {
              g_propagate_prefixed_error (error, g_steal_pointer (&local), "%s: ", path);
              return FALSE;
            }
          if (n == 0)
            break;
          g_byte_array_append (bytes, buffer, n);
        }
      ok = gr_import_data (store, (const char *) bytes->data, bytes->len, flags, stats, progress, progress_data, &local);
    }
  if (!ok)
    g_propagate_prefixed_error (error, g_steal_pointer (&local), "%s: ", path);
  return ok;
}
