/* gr-inspection.c
 *
 * The record is edited as its dataset JSON: a setter copies it, changes
 * the copy, builds a record from it with the dataset's own checks (so the
 * form can store nothing an import would refuse) and writes it in one
 * transaction. Only then does the copy replace what the object holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-inspection"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gr-error.h"
#include "gr-format.h"
#include "gr-inspection.h"
#include "gr-inspection-photo.h"
#include "gr-json-writer.h"
#include "gr-outbox.h"
#include "gr-record-store.h"

struct _GrInspection
{
  GrStore     *store;
  GrStandards *standards;
  GrRecord    *record;
  char        *today;
  char        *depot_name;
  GPtrArray   *bins;        /* GrInspectionBin, by code */
};

static const char * const check_results[] = { "pass", "fail", "na", NULL };

/* Bounds of DESIGN.md §3's reading fields (gr-schema.c), with the unit
 * shown in messages. */
static const struct {
  const char *name;
  double      min, max;
  const char *unit;
} reading_fields[] = {
  [GR_READING_TEMP_MAX]     = { "grain_temp_max_c",  -60, 100,    "°C" },
  [GR_READING_TEMP_AVG]     = { "grain_temp_avg_c",  -60, 100,    "°C" },
  [GR_READING_TEMP_MIN]     = { "grain_temp_min_c",  -60, 100,    "°C" },
  [GR_READING_MOISTURE]     = { "moisture_pct",      0,   100,    "%" },
  [GR_READING_PESTS]        = { "pests_per_kg",      0,   100000, "/kg" },
  [GR_READING_MAIN_PESTS]   = { "main_pests_per_kg", 0,   100000, "/kg" },
  [GR_READING_AIRTIGHTNESS] = { "airtightness_s",    0,   1e6,    "s" },
};

const char *
gr_reading_field_name (GrReadingField field)
{
  g_return_val_if_fail (field <= GR_READING_AIRTIGHTNESS, NULL);
  return reading_fields[field].name;
}

static const char *
reading_field_label (GrReadingField field)
{
  switch (field)
    {
    /* TRANSLATORS: in a message "Bin P01: highest grain temperature −300 °C is out of range …" */
    case GR_READING_TEMP_MAX:     return _("highest grain temperature");
    case GR_READING_TEMP_AVG:     return _("average grain temperature");
    case GR_READING_TEMP_MIN:     return _("lowest grain temperature");
    case GR_READING_MOISTURE:     return _("moisture");
    case GR_READING_PESTS:        return _("pest density");
    case GR_READING_MAIN_PESTS:   return _("main pest density");
    case GR_READING_AIRTIGHTNESS: return _("airtightness");
    default:                      g_return_val_if_reached ("");
    }
}

static void
inspection_bin_free (GrInspectionBin *bin)
{
  g_free (bin->id);
  g_free (bin->code);
  g_free (bin->type);
  g_free (bin->storage_tech);
  g_free (bin->variety);
  g_free (bin);
}

void
gr_inspection_free (GrInspection *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->store);
  g_clear_pointer (&self->standards, gr_standards_unref);
  g_clear_pointer (&self->record, gr_record_free);
  g_clear_pointer (&self->bins, g_ptr_array_unref);
  g_free (self->today);
  g_free (self->depot_name);
  g_free (self);
}

static const GrEntity *
inspection_entity (void)
{
  return gr_schema_lookup ("inspection");
}

/* ---- Small helpers ------------------------------------------------------ */

static gboolean
refuse (GError    **error,
        const char *format,
        ...) G_GNUC_PRINTF (2, 3);

static gboolean
refuse (GError    **error,
        const char *format,
        ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, GR_ERROR, GR_ERROR_INVALID, message);
  return FALSE;
}

static char *
trimmed (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

/* A number as people read it: 21.5, −300, 120 */
static char *
number_text (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%g", value));
}

static const char *
bin_code (GrInspection *self,
          const char   *bin)
{
  const GrInspectionBin *b = gr_inspection_find_bin (self, bin);

  return b != NULL ? b->code : bin;
}

/* Refuses a date that is not a real one or is after today. */
static gboolean
check_date (GrInspection  *self,
            const char    *date,
            const char    *what,
            GError       **error)
{
  GDate parsed;

  if (!gr_date_parse (date, &parsed))
    /* TRANSLATORS: "The inspection date “2026-02-30” is not a date (YYYY-MM-DD)"; %s first is e.g. "inspection date" */
    return refuse (error, _("The %s “%s” is not a date (YYYY-MM-DD)"), what, date ? date : "");
  if (strcmp (date, self->today) > 0)
    {
      g_autofree char *shown = gr_format_iso_date (date);
      g_autofree char *today = gr_format_iso_date (self->today);

      /* TRANSLATORS: "The inspection date 2026年12月1日 is in the future (today is 2026年11月25日)" */
      return refuse (error, _("The %s %s is in the future (today is %s)"), what, shown, today);
    }
  return TRUE;
}

/* ---- Loading ------------------------------------------------------------ */

static gboolean
load_bins (GrInspection  *self,
           GError       **error)
{
  const char *depot = gr_record_get_text (self->record, "depot");
  const char *date = gr_record_get_text (self->record, "date");
  g_autoptr(sqlite3_stmt) name = NULL;
  g_autoptr(sqlite3_stmt) bins = NULL;
  g_autoptr(sqlite3_stmt) variety = NULL;
  g_autoptr(sqlite3_stmt) book = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) inspection_bin_free);

  if ((name = gr_store_prepare (self->store, "SELECT name FROM depots WHERE id = ?1 AND deleted = 0", error)) == NULL ||
      (bins = gr_store_prepare (self->store, "SELECT id, code, type, storage_tech FROM bins"
                                             " WHERE depot = ?1 AND deleted = 0 ORDER BY code, id", error)) == NULL ||
      (variety = gr_store_prepare (self->store, "SELECT variety FROM lots WHERE bin = ?1 AND deleted = 0"
                                                " AND balance_kg > 0 ORDER BY entered_on DESC, id LIMIT 1", error)) == NULL ||
      (book = gr_store_prepare (self->store, "SELECT COALESCE (SUM (m.delta_kg), 0) FROM movements m"
                                             " JOIN lots l ON l.id = m.lot"
                                             " WHERE l.bin = ?1 AND l.deleted = 0 AND m.deleted = 0 AND m.date <= ?2",
                                error)) == NULL)
    return FALSE;

  sqlite3_bind_text (name, 1, depot, -1, SQLITE_STATIC);
  if (sqlite3_step (name) != SQLITE_ROW)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND, _("No depot “%s”"), depot);
      return FALSE;
    }
  g_free (self->depot_name);
  self->depot_name = g_strdup ((const char *) sqlite3_column_text (name, 0));

  sqlite3_bind_text (bins, 1, depot, -1, SQLITE_STATIC);
  while (sqlite3_step (bins) == SQLITE_ROW)
    {
      GrInspectionBin *bin = g_new0 (GrInspectionBin, 1);

      bin->id = g_strdup ((const char *) sqlite3_column_text (bins, 0));
      bin->code = g_strdup ((const char *) sqlite3_column_text (bins, 1));
      bin->type = g_strdup ((const char *) sqlite3_column_text (bins, 2));
      bin->storage_tech = g_strdup ((const char *) sqlite3_column_text (bins, 3));
      sqlite3_reset (variety);
      sqlite3_bind_text (variety, 1, bin->id, -1, SQLITE_STATIC);
      if (sqlite3_step (variety) == SQLITE_ROW)
        bin->variety = g_strdup ((const char *) sqlite3_column_text (variety, 0));
      sqlite3_reset (book);
      sqlite3_bind_text (book, 1, bin->id, -1, SQLITE_STATIC);
      sqlite3_bind_text (book, 2, date, -1, SQLITE_STATIC);
      if (sqlite3_step (book) == SQLITE_ROW)
        bin->book_kg = sqlite3_column_int64 (book, 0);
      g_ptr_array_add (list, bin);
    }
  g_clear_pointer (&self->bins, g_ptr_array_unref);
  self->bins = g_steal_pointer (&list);
  return TRUE;
}

static GrInspection *
inspection_new (GrStore     *store,
                GrStandards *standards,
                const char  *today)
{
  GrInspection *self = g_new0 (GrInspection, 1);

  self->store = g_object_ref (store);
  self->standards = gr_standards_ref (standards);
  self->today = today != NULL ? g_strdup (today) : gr_today_iso ();
  return self;
}

GrInspection *
gr_inspection_open (GrStore      *store,
                    GrStandards  *standards,
                    const char   *id,
                    const char   *today,
                    GError      **error)
{
  g_autoptr(GrInspection) self = NULL;

  g_return_val_if_fail (GR_IS_STORE (store), NULL);
  g_return_val_if_fail (standards != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  self = inspection_new (store, standards, today);
  self->record = gr_record_load (store, inspection_entity (), id, error);
  if (self->record == NULL || self->record->deleted)
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND, _("No inspection “%s”"), id);
      return NULL;
    }
  if (!load_bins (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* ---- Saving ------------------------------------------------------------- */

static JsonNode *
record_node (const GrRecord *record)
{
  g_autoptr(GString) json = g_string_sized_new (1024);
  g_autoptr(JsonParser) parser = json_parser_new ();

  gr_record_append_json (record, json);
  if (!json_parser_load_from_data (parser, json->str, json->len, NULL))
    g_return_val_if_reached (NULL);
  return json_node_ref (json_parser_get_root (parser));
}

/* Builds the record node describes and writes it in one transaction
 * (insert when it is new); on success it becomes self's record. */
static gboolean
save_node (GrInspection  *self,
           JsonNode      *node,
           gboolean       insert,
           GError       **error)
{
  g_autoptr(GrRecord) record = NULL;
  g_autoptr(GrRecordWriter) writer = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *hash = NULL;
  gboolean ok;

  record = gr_record_from_json (inspection_entity (), node, &local_error);
  if (record == NULL)
    {
      /* The dataset's checks, as a backstop of ours: one line all the same. */
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("Inspection: %s"), local_error->message);
      return FALSE;
    }
  gr_record_apply_defaults (record);
  record->version = insert ? 0 : self->record->version;
  g_free (record->updated_at);
  record->updated_at = gr_dataset_now ();
  g_free (record->updated_by);
  record->updated_by = g_strdup (g_get_user_name ());
  hash = gr_record_hash (record);

  if (!gr_store_begin (self->store, error))
    return FALSE;
  writer = gr_record_writer_new (self->store, inspection_entity (), error);
  ok = writer != NULL &&
       (insert ? gr_record_writer_insert (writer, record, hash, error)
               : gr_record_writer_update (writer, record, hash, error));
  g_clear_pointer (&writer, gr_record_writer_free);
  if (!ok || !gr_store_commit (self->store, error))
    {
      gr_store_rollback (self->store);
      return FALSE;
    }
  gr_record_free (self->record);
  self->record = g_steal_pointer (&record);
  return TRUE;
}

/* The refusal of every change to a signed record. */
static gboolean
check_draft (GrInspection  *self,
             GError       **error)
{
  g_autofree char *signed_on = NULL;

  if (!gr_inspection_is_signed (self))
    return TRUE;
  signed_on = gr_format_iso_date (gr_record_get_text (self->record, "signed_on"));
  g_set_error (error, GR_ERROR, GR_ERROR_CONFLICT,
               _("This inspection was signed on %s and cannot be changed; record a correction instead"), signed_on);
  return FALSE;
}

/* A copy of the record to change, or NULL (error set) for a signed one. */
static JsonNode *
edit_begin (GrInspection  *self,
            GError       **error)
{
  if (!check_draft (self, error))
    return NULL;
  return record_node (self->record);
}

static JsonObject *
root_of (JsonNode *node)
{
  return json_node_get_object (node);
}

/* The array member of root (made when missing or null). */
static JsonArray *
array_member (JsonObject *root,
              const char *name)
{
  JsonNode *node = json_object_get_member (root, name);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      json_object_set_array_member (root, name, json_array_new ());
      node = json_object_get_member (root, name);
    }
  return json_node_get_array (node);
}

static JsonObject *
object_member (JsonObject *root,
               const char *name)
{
  JsonNode *node = json_object_get_member (root, name);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      json_object_set_object_member (root, name, json_object_new ());
      node = json_object_get_member (root, name);
    }
  return json_node_get_object (node);
}

/* The index in array of the object whose key is value, or -1. */
static int
find_by (JsonArray  *array,
         const char *key,
         const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (object != NULL && g_strcmp0 (json_object_get_string_member_with_default (object, key, NULL), value) == 0)
        return (int) i;
    }
  return -1;
}

/* ---- Creating ----------------------------------------------------------- */

static gboolean
check_kind (const char  *kind,
            GError     **error)
{
  const GrField *field = gr_entity_field (inspection_entity (), "kind");

  if (kind == NULL || !g_strv_contains (field->enum_values, kind))
    {
      g_autofree char *allowed = g_strjoinv (", ", (char **) field->enum_values);

      return refuse (error, _("Unknown kind of inspection “%s” (expected one of %s)"), kind ? kind : "", allowed);
    }
  return TRUE;
}

GrInspection *
gr_inspection_create (GrStore      *store,
                      GrStandards  *standards,
                      const char   *depot,
                      const char   *date,
                      const char   *kind,
                      const char   *today,
                      GError      **error)
{
  g_autoptr(GrInspection) self = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *id = NULL;
  JsonObject *root;

  g_return_val_if_fail (GR_IS_STORE (store), NULL);
  g_return_val_if_fail (standards != NULL, NULL);

  self = inspection_new (store, standards, today);
  if (!check_date (self, date, _("inspection date"), error) || !check_kind (kind, error))
    return NULL;
  if ((stmt = gr_store_prepare (store, "SELECT 1 FROM depots WHERE id = ?1 AND deleted = 0", error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, depot, -1, SQLITE_STATIC);
  if (depot == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND, _("No depot “%s”"), depot ? depot : "");
      return NULL;
    }

  id = gr_uuid_v7 ();
  node = json_node_init_object (json_node_alloc (), json_object_new ());
  root = root_of (node);
  json_object_set_string_member (root, "id", id);
  json_object_set_string_member (root, "depot", depot);
  json_object_set_string_member (root, "date", date);
  json_object_set_string_member (root, "kind", kind);
  if (!save_node (self, node, TRUE, error))
    return NULL;
  if (!load_bins (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

GrInspection *
gr_inspection_correct (GrStore      *store,
                       GrStandards  *standards,
                       const char   *id,
                       const char   *today,
                       GError      **error)
{
  g_autoptr(GrInspection) original = NULL;
  g_autoptr(GrInspection) self = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *new_id = NULL;
  JsonObject *root;

  if ((original = gr_inspection_open (store, standards, id, today, error)) == NULL)
    return NULL;
  if (!gr_inspection_is_signed (original))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_CONFLICT,
                   _("This inspection is a draft: change it, there is nothing to correct"));
      return NULL;
    }

  /* One correction at a time: its draft may have been started already. */
  if ((stmt = gr_store_prepare (store, "SELECT id FROM inspections WHERE corrects = ?1 AND deleted = 0"
                                       " AND signed_on IS NULL ORDER BY rowid LIMIT 1", error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return gr_inspection_open (store, standards, (const char *) sqlite3_column_text (stmt, 0), today, error);

  self = inspection_new (store, standards, today);
  new_id = gr_uuid_v7 ();
  node = record_node (original->record);
  root = root_of (node);
  json_object_set_string_member (root, "id", new_id);
  json_object_set_string_member (root, "corrects", id);
  json_object_set_null_member (root, "signed_by");
  json_object_set_null_member (root, "signed_on");
  json_object_remove_member (root, "version");
  json_object_remove_member (root, "updated_at");
  json_object_remove_member (root, "updated_by");
  if (!save_node (self, node, TRUE, error))
    return NULL;
  if (!load_bins (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* ---- Reading the record ------------------------------------------------- */

const char *
gr_inspection_get_id (GrInspection *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->record->id;
}

const GrRecord *
gr_inspection_get_record (GrInspection *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->record;
}

gboolean
gr_inspection_is_signed (GrInspection *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return gr_record_get_text (self->record, "signed_on") != NULL;
}

const char *
gr_inspection_get_depot_name (GrInspection *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->depot_name;
}

GPtrArray *
gr_inspection_get_bins (GrInspection *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->bins;
}

const GrInspectionBin *
gr_inspection_find_bin (GrInspection *self,
                        const char   *bin)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; bin != NULL && i < self->bins->len; i++)
    {
      const GrInspectionBin *b = self->bins->pdata[i];

      if (strcmp (b->id, bin) == 0)
        return b;
    }
  return NULL;
}

static const GrRecord *
find_child (const GrRecord *record,
            const char     *field,
            const char     *key,
            const char     *value)
{
  const GrValue *children = gr_record_get (record, field);

  for (guint i = 0; children != NULL && children->type == GR_VALUE_CHILDREN && i < children->children->len; i++)
    {
      const GrRecord *child = children->children->pdata[i];

      if (g_strcmp0 (gr_record_get_text (child, key), value) == 0)
        return child;
    }
  return NULL;
}

const GrRecord *
gr_inspection_get_reading (GrInspection *self,
                           const char   *bin)
{
  g_return_val_if_fail (self != NULL, NULL);
  return find_child (self->record, "readings", "bin", bin);
}

static double
real_of (const GrRecord *record,
         const char     *field)
{
  const GrValue *value = gr_record_get (record, field);

  if (value == NULL)
    return NAN;
  if (value->type == GR_VALUE_REAL)
    return value->d;
  if (value->type == GR_VALUE_INT)
    return (double) value->i;
  return NAN;
}

void
gr_inspection_get_reading_values (GrInspection    *self,
                                  const char      *bin,
                                  GrReadingValues *out)
{
  const GrRecord *reading = gr_inspection_get_reading (self, bin);

  gr_reading_values_init (out);
  if (reading == NULL)
    return;
  out->temp_max_c = real_of (reading, "grain_temp_max_c");
  out->temp_avg_c = real_of (reading, "grain_temp_avg_c");
  out->temp_min_c = real_of (reading, "grain_temp_min_c");
  out->moisture_pct = real_of (reading, "moisture_pct");
  out->pests_per_kg = real_of (reading, "pests_per_kg");
  out->main_pests_per_kg = real_of (reading, "main_pests_per_kg");
  out->pest_class = gr_record_get_text (reading, "pest_class");
}

GPtrArray *
gr_inspection_reading_alarms (GrInspection *self,
                              const char   *bin)
{
  const GrInspectionBin *b = gr_inspection_find_bin (self, bin);
  GrReadingValues values;

  gr_inspection_get_reading_values (self, bin, &values);
  return gr_reading_alarms (self->standards, b ? b->storage_tech : NULL, b ? b->variety : NULL, &values);
}

static gint64
kg_of (const GrRecord *record,
       const char     *field)
{
  const GrValue *value = gr_record_get (record, field);

  return value != NULL && value->type == GR_VALUE_INT ? value->i : -1;
}

gboolean
gr_inspection_judge_quantity (GrInspection        *self,
                              const char          *bin,
                              GrQuantityJudgement *out)
{
  const GrRecord *check = find_child (self->record, "quantity_checks", "bin", bin);

  if (check == NULL)
    return FALSE;
  return gr_quantity_check_judge (gr_standards_stock_check (self->standards),
                                  kg_of (check, "measured_t"), kg_of (check, "book_t"), out);
}

const char *
gr_inspection_get_check (GrInspection *self,
                         const char   *item)
{
  const char *text = gr_record_get_text (self->record, "checklist");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonNode *node;

  if (text == NULL || item == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));
  node = json_object_get_member (object, item);
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  /* The static string, so the caller needs no copy. */
  for (guint i = 0; check_results[i] != NULL; i++)
    if (g_strcmp0 (json_node_get_string (node), check_results[i]) == 0)
      return check_results[i];
  return NULL;
}

/* ---- Edits -------------------------------------------------------------- */

gboolean
gr_inspection_set_date (GrInspection  *self,
                        const char    *date,
                        GError       **error)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if ((node = edit_begin (self, error)) == NULL ||
      !check_date (self, date, _("inspection date"), error))
    return FALSE;
  json_object_set_string_member (root_of (node), "date", date);
  /* The books are read at the inspection's date. */
  return save_node (self, node, FALSE, error) && load_bins (self, error);
}

gboolean
gr_inspection_set_kind (GrInspection  *self,
                        const char    *kind,
                        GError       **error)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if ((node = edit_begin (self, error)) == NULL || !check_kind (kind, error))
    return FALSE;
  json_object_set_string_member (root_of (node), "kind", kind);
  return save_node (self, node, FALSE, error);
}

gboolean
gr_inspection_set_inspectors (GrInspection        *self,
                              const char * const  *names,
                              GError             **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array;

  g_return_val_if_fail (self != NULL, FALSE);

  if ((node = edit_begin (self, error)) == NULL)
    return FALSE;
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *name = trimmed (names[i]);

      if (*name == '\0')
        continue;
      if (g_utf8_strlen (name, -1) > 64)
        return refuse (error, _("The name “%.20s…” is too long (at most 64 characters)"), name);
      for (guint j = 0; j < kept->len; j++)
        if (strcmp (kept->pdata[j], name) == 0)
          return refuse (error, _("%s is listed twice among the inspectors"), name);
      g_ptr_array_add (kept, g_steal_pointer (&name));
    }
  array = json_array_new ();
  for (guint i = 0; i < kept->len; i++)
    json_array_add_string_element (array, kept->pdata[i]);
  if (kept->len > 0)
    json_object_set_array_member (root_of (node), "inspectors", array);
  else
    {
      json_array_unref (array);
      json_object_set_null_member (root_of (node), "inspectors");
    }
  return save_node (self, node, FALSE, error);
}

/* Refuses a bin that is not one of the depot's. */
static gboolean
check_bin (GrInspection  *self,
           const char    *bin,
           GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (gr_inspection_find_bin (self, bin) != NULL)
    return TRUE;
  stmt = gr_store_prepare (self->store, "SELECT b.code, d.name FROM bins b LEFT JOIN depots d ON d.id = b.depot"
                                        " WHERE b.id = ?1 AND b.deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, bin, -1, SQLITE_STATIC);
  if (bin == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return refuse (error, _("No bin “%s”"), bin ? bin : "");
  /* TRANSLATORS: "Bin P03 belongs to 城北库, not to 城南库, the depot inspected" */
  return refuse (error, _("Bin %s belongs to %s, not to %s, the depot inspected"),
                 sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1), self->depot_name);
}

/* Whether a reading object holds any value at all. */
static gboolean
reading_is_empty (JsonObject *reading)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init (&iter, reading);
  while (json_object_iter_next (&iter, &name, &value))
    if (strcmp (name, "bin") != 0 && !JSON_NODE_HOLDS_NULL (value))
      return FALSE;
  return TRUE;
}

static double
member_number (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NAN;
  return json_node_get_double (node);
}

/* The pest class follows the densities, unless 危险虫粮 was marked. */
static void
judge_pests (GrInspection *self,
             JsonObject   *reading)
{
  const char *stored = json_object_get_string_member_with_default (reading, "pest_class", NULL);
  GrPestClass pest_class;

  if (g_strcmp0 (stored, "dangerous") == 0)
    return;
  if (gr_pest_class_judge (gr_standards_pest_classes (self->standards),
                           member_number (reading, "pests_per_kg"), member_number (reading, "main_pests_per_kg"),
                           FALSE, &pest_class))
    json_object_set_string_member (reading, "pest_class", gr_pest_class_to_string (pest_class));
  else
    json_object_set_null_member (reading, "pest_class");
}

/* The reading of bin in node, made when missing. */
static JsonObject *
reading_of (JsonNode   *node,
            const char *bin,
            JsonArray **out_array,
            int        *out_index)
{
  JsonArray *readings = array_member (root_of (node), "readings");
  int index = find_by (readings, "bin", bin);

  if (index < 0)
    {
      JsonObject *reading = json_object_new ();

      json_object_set_string_member (reading, "bin", bin);
      json_array_add_object_element (readings, reading);
      index = (int) json_array_get_length (readings) - 1;
    }
  *out_array = readings;
  *out_index = index;
  return json_array_get_object_element (readings, index);
}

static void
drop_if_empty (JsonArray *array,
               int        index)
{
  if (reading_is_empty (json_array_get_object_element (array, index)))
    json_array_remove_element (array, index);
}

gboolean
gr_inspection_set_reading (GrInspection    *self,
                           const char      *bin,
                           GrReadingField   field,
                           double           value,
                           GError         **error)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *reading;
  JsonArray *readings;
  int index;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (field <= GR_READING_AIRTIGHTNESS, FALSE);

  if ((node = edit_begin (self, error)) == NULL || !check_bin (self, bin, error))
    return FALSE;
  if (!isnan (value) && (!isfinite (value) || value < reading_fields[field].min || value > reading_fields[field].max))
    {
      g_autofree char *shown = number_text (value);
      g_autofree char *min = number_text (reading_fields[field].min);
      g_autofree char *max = number_text (reading_fields[field].max);

      /* TRANSLATORS: "Bin P01: lowest grain temperature −300 °C is out of range (−60 to 100 °C)" */
      return refuse (error, _("Bin %s: %s %s %s is out of range (%s to %s %s)"), bin_code (self, bin),
                     reading_field_label (field), shown, reading_fields[field].unit, min, max,
                     reading_fields[field].unit);
    }

  reading = reading_of (node, bin, &readings, &index);
  if (isnan (value))
    json_object_set_null_member (reading, reading_fields[field].name);
  else
    json_object_set_double_member (reading, reading_fields[field].name, value);
  if (field == GR_READING_PESTS || field == GR_READING_MAIN_PESTS)
    judge_pests (self, reading);
  drop_if_empty (readings, index);
  return save_node (self, node, FALSE, error);
}

gboolean
gr_inspection_set_reading_note (GrInspection  *self,
                                const char    *bin,
                                const char    *note,
                                GError       **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = trimmed (note);
  JsonObject *reading;
  JsonArray *readings;
  int index;

  g_return_val_if_fail (self != NULL, FALSE);

  if ((node = edit_begin (self, error)) == NULL || !check_bin (self, bin, error))
    return FALSE;
  if (g_utf8_strlen (text, -1) > 1000)
    return refuse (error, _("Bin %s: the note is too long (at most 1000 characters)"), bin_code (self, bin));
  reading = reading_of (node, bin, &readings, &index);
  if (*text != '\0')
    json_object_set_string_member (reading, "note", text);
  else
    json_object_set_null_member (reading, "note");
  drop_if_empty (readings, index);
  return save_node (self, node, FALSE, error);
}

gboolean
gr_inspection_set_dangerous_pests (GrInspection  *self,
                                   const char    *bin,
                                   gboolean       dangerous,
                                   GError       **error)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *reading;
  JsonArray *readings;
  int index;

  g_return_val_if_fail (self != NULL, FALSE);

  if ((node = edit_begin (self, error)) == NULL || !check_bin (self, bin, error))
    return FALSE;
  reading = reading_of (node, bin, &readings, &index);
  if (dangerous)
    json_object_set_string_member (reading, "pest_class", "dangerous");
  else
    {
      json_object_set_null_member (reading, "pest_class");
      judge_pests (self, reading);
    }
  drop_if_empty (readings, index);
  return save_node (self, node, FALSE, error);
}

gboolean
gr_inspection_set_quantity (GrInspection     *self,
                            const char       *bin,
                            GrQuantityField   field,
                            gint64            kg,
                            GError          **error)
{
  const char *name = field == GR_QUANTITY_MEASURED ? "measured_t" : "book_t";
  g_autoptr(JsonNode) node = NULL;
  JsonArray *checks;
  JsonObject *check;
  int index;

  g_return_val_if_fail (self != NULL, FALSE);

  if ((node = edit_begin (self, error)) == NULL || !check_bin (self, bin, error))
    return FALSE;
  if (kg > GR_MAX_KG)
    {
      g_autofree char *shown = gr_format_tonnes (kg);

      return refuse (error, _("Bin %s: %s is more than any bin holds"), bin_code (self, bin), shown);
    }
  checks = array_member (root_of (node), "quantity_checks");
  if ((index = find_by (checks, "bin", bin)) < 0)
    {
      check = json_object_new ();
      json_object_set_string_member (check, "bin", bin);
      json_array_add_object_element (checks, check);
      index = (int) json_array_get_length (checks) - 1;
    }
  check = json_array_get_object_element (checks, index);
  if (kg < 0)
    json_object_set_null_member (check, name);
  else
    json_object_set_double_member (check, name, kg / 1000.0);
  drop_if_empty (checks, index);
  return save_node (self, node, FALSE, error);
}

gboolean
gr_inspection_set_check (GrInspection  *self,
                         const char    *item,
                         const char    *result,
                         GError       **error)
{
  const GrChecklist *checklist = gr_standards_checklist (self->standards);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *items;

  g_return_val_if_fail (self != NULL, FALSE);

  if ((node = edit_begin (self, error)) == NULL)
    return FALSE;
  if (item == NULL || (checklist != NULL ? gr_checklist_find (checklist, item) == NULL : *item == '\0'))
    return refuse (error, _("“%s” is not an item of the checklist"), item ? item : "");
  if (result != NULL && !g_strv_contains (check_results, result))
    return refuse (error, _("“%s” is not an answer to a checklist item (pass, fail or na)"), result);

  items = object_member (root_of (node), "checklist");
  if (result != NULL)
    json_object_set_string_member (items, item, result);
  else
    json_object_remove_member (items, item);
  if (json_object_get_size (items) == 0)
    json_object_set_null_member (root_of (node), "checklist");
  return save_node (self, node, FALSE, error);
}

/* Checks a finding's text, severity and due date. */
static gboolean
check_finding (GrInspection  *self,
               const char    *text,
               const char    *severity,
               const char    *due,
               GError       **error)
{
  const GrField *field = gr_entity_field (gr_entity_field (inspection_entity (), "findings")->child, "severity");
  const char *date = gr_record_get_text (self->record, "date");
  GDate parsed;

  if (*text == '\0')
    return refuse (error, _("A finding needs a text saying what is wrong"));
  if (g_utf8_strlen (text, -1) > 2000)
    return refuse (error, _("The finding is too long (at most 2000 characters)"));
  if (severity == NULL || !g_strv_contains (field->enum_values, severity))
    return refuse (error, _("Unknown severity “%s” (expected minor, major or critical)"), severity ? severity : "");
  if (due == NULL)
    return refuse (error, _("A finding needs a date by which it is to be put right"));
  if (!gr_date_parse (due, &parsed))
    return refuse (error, _("The due date “%s” is not a date (YYYY-MM-DD)"), due);
  if (strcmp (due, date) < 0)
    {
      g_autofree char *shown = gr_format_iso_date (due);
      g_autofree char *inspected = gr_format_iso_date (date);

      return refuse (error, _("The due date %s is before the inspection (%s)"), shown, inspected);
    }
  return TRUE;
}

static void
set_finding (JsonObject *finding,
             const char *text,
             const char *severity,
             const char *due)
{
  json_object_set_string_member (finding, "text", text);
  json_object_set_string_member (finding, "severity", severity);
  json_object_set_string_member (finding, "due", due);
}

gboolean
gr_inspection_add_finding (GrInspection  *self,
                           const char    *text,
                           const char    *severity,
                           const char    *due,
                           char         **out_id,
                           GError       **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *clean = trimmed (text);
  g_autofree char *id = NULL;
  JsonObject *finding;
  JsonArray *findings;
  guint next = 1;

  g_return_val_if_fail (self != NULL, FALSE);

  if ((node = edit_begin (self, error)) == NULL || !check_finding (self, clean, severity, due, error))
    return FALSE;
  findings = array_member (root_of (node), "findings");
  /* F1, F2, …: the next number after the largest in use. */
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      const char *used = json_object_get_string_member_with_default (json_array_get_object_element (findings, i),
                                                                     "id", NULL);

      if (used != NULL && used[0] == 'F' && g_ascii_isdigit (used[1]))
        next = MAX (next, (guint) g_ascii_strtoull (used + 1, NULL, 10) + 1);
    }
  id = g_strdup_printf ("F%u", next);
  finding = json_object_new ();
  json_object_set_string_member (finding, "id", id);
  set_finding (finding, clean, severity, due);
  json_array_add_object_element (findings, finding);
  if (!save_node (self, node, FALSE, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = g_steal_pointer (&id);
  return TRUE;
}

gboolean
gr_inspection_update_finding (GrInspection  *self,
                              const char    *id,
                              const char    *text,
                              const char    *severity,
                              const char    *due,
                              GError       **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *clean = trimmed (text);
  JsonArray *findings;
  int index;

  g_return_val_if_fail (self != NULL, FALSE);

  if ((node = edit_begin (self, error)) == NULL)
    return FALSE;
  findings = array_member (root_of (node), "findings");
  if ((index = find_by (findings, "id", id)) < 0)
    return refuse (error, _("No finding “%s” in this inspection"), id ? id : "");
  if (!check_finding (self, clean, severity, due, error))
    return FALSE;
  set_finding (json_array_get_object_element (findings, index), clean, severity, due);
  return save_node (self, node, FALSE, error);
}

gboolean
gr_inspection_remove_finding (GrInspection  *self,
                              const char    *id,
                              GError       **error)
{
  g_autoptr(JsonNode) node = NULL;
  JsonArray *findings;
  int index;

  g_return_val_if_fail (self != NULL, FALSE);

  if ((node = edit_begin (self, error)) == NULL)
    return FALSE;
  findings = array_member (root_of (node), "findings");
  if ((index = find_by (findings, "id", id)) < 0)
    return refuse (error, _("No finding “%s” in this inspection"), id ? id : "");
  json_array_remove_element (findings, index);
  return save_node (self, node, FALSE, error);
}

static gboolean
photo_listed (JsonArray  *photos,
              const char *hash)
{
  for (guint i = 0; i < json_array_get_length (photos); i++)
    if (g_strcmp0 (json_array_get_string_element (photos, i), hash) == 0)
      return TRUE;
  return FALSE;
}

gboolean
gr_inspection_add_photo (GrInspection  *self,
                         const char    *path,
                         char         **out_hash,
                         GError       **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *hash = NULL;
  JsonArray *photos;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if ((node = edit_begin (self, error)) == NULL || (hash = gr_photo_store (self->store, path, error)) == NULL)
    return FALSE;
  photos = array_member (root_of (node), "photos");
  if (!photo_listed (photos, hash))
    {
      json_array_add_string_element (photos, hash);
      if (!save_node (self, node, FALSE, error))
        return FALSE;
    }
  if (out_hash != NULL)
    *out_hash = g_steal_pointer (&hash);
  return TRUE;
}

gboolean
gr_inspection_remove_photo (GrInspection  *self,
                            const char    *hash,
                            GError       **error)
{
  g_autoptr(JsonNode) node = NULL;
  JsonArray *photos;

  g_return_val_if_fail (self != NULL, FALSE);

  if ((node = edit_begin (self, error)) == NULL)
    return FALSE;
  photos = array_member (root_of (node), "photos");
  for (guint i = 0; i < json_array_get_length (photos); i++)
    if (g_strcmp0 (json_array_get_string_element (photos, i), hash) == 0)
      {
        json_array_remove_element (photos, i);
        if (json_array_get_length (photos) == 0)
          json_object_set_null_member (root_of (node), "photos");
        /* The file stays: another inspection may show the same picture. */
        return save_node (self, node, FALSE, error);
      }
  return refuse (error, _("No photo %.12s… in this inspection"), hash ? hash : "");
}

/* ---- Signing ------------------------------------------------------------ */

static GPtrArray *
string_list (const GrRecord *record,
             const char     *field)
{
  const char *text = gr_record_get_text (record, field);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (text != NULL && json_parser_load_from_data (parser, text, -1, NULL) &&
      JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    {
      JsonArray *array = json_node_get_array (json_parser_get_root (parser));

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (names, g_strdup (json_array_get_string_element (array, i)));
    }
  return names;
}

char *
gr_inspection_check_complete (GrInspection *self)
{
  g_autoptr(GPtrArray) inspectors = NULL;
  const GrValue *children;
  const char *date;

  g_return_val_if_fail (self != NULL, NULL);

  inspectors = string_list (self->record, "inspectors");
  if (inspectors->len == 0)
    return g_strdup (_("Name at least one inspector"));

  children = gr_record_get (self->record, "readings");
  for (guint i = 0; children->type == GR_VALUE_CHILDREN && i < children->children->len; i++)
    {
      const GrRecord *reading = children->children->pdata[i];
      const char *code = bin_code (self, gr_record_get_text (reading, "bin"));
      double max = real_of (reading, "grain_temp_max_c");
      double avg = real_of (reading, "grain_temp_avg_c");
      double min = real_of (reading, "grain_temp_min_c");
      double total = real_of (reading, "pests_per_kg");
      double main = real_of (reading, "main_pests_per_kg");

      if ((!isnan (min) && !isnan (avg) && min > avg) || (!isnan (avg) && !isnan (max) && avg > max) ||
          (!isnan (min) && !isnan (max) && min > max))
        return g_strdup_printf (_("Bin %s: the grain temperatures do not go lowest ≤ average ≤ highest"), code);
      if (!isnan (total) && !isnan (main) && main > total)
        return g_strdup_printf (_("Bin %s: more main pests than pests in all"), code);
    }

  children = gr_record_get (self->record, "quantity_checks");
  for (guint i = 0; children->type == GR_VALUE_CHILDREN && i < children->children->len; i++)
    {
      const GrRecord *check = children->children->pdata[i];
      const char *code = bin_code (self, gr_record_get_text (check, "bin"));

      if (kg_of (check, "measured_t") < 0)
        return g_strdup_printf (_("Bin %s: the stock check has no measured quantity"), code);
      if (kg_of (check, "book_t") < 0)
        return g_strdup_printf (_("Bin %s: the stock check has no quantity on the books"), code);
    }

  date = gr_record_get_text (self->record, "date");
  children = gr_record_get (self->record, "findings");
  for (guint i = 0; children->type == GR_VALUE_CHILDREN && i < children->children->len; i++)
    {
      const char *due = gr_record_get_text (children->children->pdata[i], "due");

      if (due == NULL)
        return g_strdup_printf (_("Finding %s has no due date"), gr_record_get_text (children->children->pdata[i], "id"));
      if (strcmp (due, date) < 0)
        return g_strdup_printf (_("Finding %s is due before the inspection"),
                                gr_record_get_text (children->children->pdata[i], "id"));
    }
  return NULL;
}

gboolean
gr_inspection_sign (GrInspection  *self,
                    const char    *representative,
                    const char    *signed_on,
                    GError       **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) inspectors = NULL;
  g_autofree char *who = trimmed (representative);
  g_autofree char *incomplete = NULL;
  JsonArray *signers;

  g_return_val_if_fail (self != NULL, FALSE);

  if ((node = edit_begin (self, error)) == NULL)
    return FALSE;
  if ((incomplete = gr_inspection_check_complete (self)) != NULL)
    return refuse (error, "%s", incomplete);
  if (*who == '\0')
    return refuse (error, _("The depot's representative signs too: give their name"));
  if (g_utf8_strlen (who, -1) > 64)
    return refuse (error, _("The name “%.20s…” is too long (at most 64 characters)"), who);
  if (!check_date (self, signed_on, _("date of signing"), error))
    return FALSE;
  if (strcmp (signed_on, gr_record_get_text (self->record, "date")) < 0)
    return refuse (error, _("The inspection cannot be signed before it took place"));

  inspectors = string_list (self->record, "inspectors");
  for (guint i = 0; i < inspectors->len; i++)
    if (strcmp (inspectors->pdata[i], who) == 0)
      return refuse (error, _("%s is an inspector; the depot's representative is someone else"), who);

  signers = json_array_new ();
  for (guint i = 0; i < inspectors->len; i++)
    json_array_add_string_element (signers, inspectors->pdata[i]);
  json_array_add_string_element (signers, who);
  json_object_set_array_member (root_of (node), "signed_by", signers);
  json_object_set_string_member (root_of (node), "signed_on", signed_on);
  /* One transaction: the signed record and its outbox row (gr-outbox.c
   * sends a draft turned signed as an append). */
  return save_node (self, node, FALSE, error);
}

gboolean
gr_inspection_discard (GrInspection  *self,
                       GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!check_draft (self, error))
    return FALSE;
  /* Guarded by signed_on: another window may have signed it meanwhile. */
  stmt = gr_store_prepare (self->store, "DELETE FROM inspections WHERE id = ?1 AND signed_on IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->record->id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      gr_store_set_error (self->store, error, _("Could not delete the draft"));
      return FALSE;
    }
  if (sqlite3_changes (gr_store_get_db (self->store)) != 1)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_CONFLICT, _("The draft is gone or was signed meanwhile"));
      return FALSE;
    }
  return TRUE;
}
