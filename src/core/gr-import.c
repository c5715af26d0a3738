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

#include "gr-dataset.h"
#include "gr-error.h"
#include "gr-format.h"
#include "gr-import.h"
#include "gr-json-writer.h"
#include "gr-ledger.h"
#include "gr-record-store.h"

#define DOCUMENT_FORMAT     "granary-dataset"
#define NDJSON_FORMAT       "granary-dataset-ndjson"
#define DATASET_VERSION     1
#define MAX_PROGRESS_CALLS  100

typedef enum {
  ACTION_INSERT,
  ACTION_UPDATE,
  ACTION_UNCHANGED,
} Action;

typedef enum {
  REF_UNKNOWN,
  REF_LIVE,
  REF_DEAD,
} RefState;

typedef struct {
  GrRecord *record;
  char     *hash;
  guint     index;        /* position in its array (document) or line (NDJSON) */
  Action    action;
  gint64    old_version;  /* ACTION_UPDATE: the stored version */
} Item;

typedef struct {
  const GrEntity *entity;
  GPtrArray      *items;        /* document: Item, in document order */
  GHashTable     *by_id;        /* document: id → Item; NDJSON: id → SEEN (line, deleted) */
  gboolean        had_rows;     /* the table held rows before the import */
  sqlite3_stmt   *find;         /* content_hash, deleted, version of an id */
  GHashTable     *stored;       /* NULL, or the rows before the import: id → Stored */
  GrRecordWriter *writer;
} Table;

/* What an NDJSON stream's id map keeps of a record: its line and whether
 * it is a tombstone, in one pointer-sized value (never 0). */
#define SEEN(line, deleted)  GUINT_TO_POINTER (((guint) (line) << 1) | ((deleted) ? 1 : 0))
#define SEEN_LINE(value)     (GPOINTER_TO_UINT (value) >> 1)
#define SEEN_DELETED(value)  ((GPOINTER_TO_UINT (value) & 1) != 0)

/* A row as it was before the import (Table.stored). */
typedef struct {
  char   *hash;
  gint64  version;
  gboolean deleted;
} Stored;

/* A reference an NDJSON stream has not reached yet: checked at its end. */
typedef struct {
  char           *where;
  char           *field;
  const GrEntity *target;
  char           *id;
  char           *variety;      /* set: the target plan must have this variety */
} Deferred;

/* A record written by this import that a check after writing looks at. */
typedef struct {
  char           *where;
  const GrEntity *entity;
  char           *id;
} Written;

typedef struct {
  GrStore        *store;
  GrImportFlags   flags;
  gboolean        ndjson;
  char           *now;

  Table          *tables;          /* one per entity, gr_schema_entities() order */
  guint           n_tables;
  GHashTable     *rotation_keys;   /* document: "enterprise\nyear" → Item */
  GHashTable     *plan_variety;    /* NDJSON: plan id → variety, of plans read */
  GStringChunk   *strings;         /* NDJSON: keys and values of the maps above */
  GHashTable     *dirty;           /* lot → earliest date of a movement written */
  GPtrArray      *deferred;        /* Deferred */
  GPtrArray      *tombstones;      /* Written: records turned into tombstones */
  GPtrArray      *updated_plans;   /* Written */
  GPtrArray      *old_plans;       /* plans that lost a lot by an update */

  sqlite3_stmt   *plan_variety_stmt;
  sqlite3_stmt   *rotation_stmt;
  sqlite3_stmt   *lot_plan_stmt;

  char           *profile;
  char           *dataset_extra;

  GrImportStats   stats;
  GrProgressFunc  progress;
  gpointer        progress_data;
  guint           n_progress;
  double          last_fraction;
  const char     *last_note;
} Import;

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

static const char *
entity_label (const GrEntity *entity)
{
  for (guint i = 0; i < G_N_ELEMENTS (entity_labels); i++)
    if (strcmp (entity_labels[i].name, entity->name) == 0)
      return g_dgettext (GETTEXT_PACKAGE, entity_labels[i].label);
  return entity->name;
}

/* A value from the file, quoted as JSON so an error stays on one line. */
static char *
quote (const char *text)
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
static char *
describe_record (Import         *imp,
                 const GrEntity *entity,
                 guint           index,
                 const char     *id)
{
  g_autofree char *quoted = id ? quote (id) : NULL;

  if (imp->ndjson)
    {
      if (quoted == NULL)
        /* TRANSLATORS: names a record in an error: line 57: lot */
        return g_strdup_printf (_("line %u: %s"), index, entity_label (entity));
      /* TRANSLATORS: names a record in an error: line 57: lot (id "L-0004") */
      return g_strdup_printf (_("line %u: %s (id %s)"), index, entity_label (entity), quoted);
    }
  if (quoted == NULL)
    return g_strdup_printf ("%s[%u]", entity->array, index);
  /* TRANSLATORS: names a record in an error: lots[3] (id "L-0004"); keep the array name */
  return g_strdup_printf (_("%s[%u] (id %s)"), entity->array, index, quoted);
}

static gboolean G_GNUC_PRINTF (4, 5)
refuse (GError     **error,
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

static void
import_free (Import *imp)
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Import, import_free)

static Import *
import_new (GrStore         *store,
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
          (t->writer = gr_record_writer_new (store, entities[i], error)) == NULL ||
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

static Table *
table_of (Import         *imp,
          const GrEntity *entity)
{
  for (guint i = 0; i < imp->n_tables; i++)
    if (imp->tables[i].entity == entity)
      return &imp->tables[i];
  g_return_val_if_reached (NULL);
}

/* At most MAX_PROGRESS_CALLS calls, each at least 1 % further on. */
static void
report (Import     *imp,
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

/* ---- Lookups in the file and the database ---- */

static void
stored_free (gpointer data)
{
  Stored *row = data;

  g_free (row->hash);
  g_free (row);
}

/* A table with fewer rows than the file has records is read once into
 * memory: one scan instead of a lookup per record (a city's file into a
 * database holding a few earlier movements, say). */
static gboolean
preload_stored (Import   *imp,
                Table    *t,
                guint     n_records,
                GError  **error)
{
  g_autofree char *count_sql = NULL;
  g_autofree char *scan_sql = NULL;
  g_autoptr(sqlite3_stmt) count = NULL;
  g_autoptr(sqlite3_stmt) scan = NULL;
  guint limit = MAX (n_records, 10000);

  if (!t->had_rows)
    return TRUE;
  count_sql = g_strdup_printf ("SELECT count(*) FROM (SELECT 1 FROM \"%s\" LIMIT %u)", t->entity->table, limit + 1);
  if ((count = gr_store_prepare (imp->store, count_sql, error)) == NULL)
    return FALSE;
  if (sqlite3_step (count) != SQLITE_ROW || sqlite3_column_int64 (count, 0) > limit)
    return TRUE;

  scan_sql = g_strdup_printf ("SELECT id, content_hash, version, deleted FROM \"%s\"", t->entity->table);
  if ((scan = gr_store_prepare (imp->store, scan_sql, error)) == NULL)
    return FALSE;
  t->stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, stored_free);
  while (sqlite3_step (scan) == SQLITE_ROW)
    {
      Stored *row = g_new0 (Stored, 1);

      row->hash = g_strdup ((const char *) sqlite3_column_text (scan, 1));
      row->version = sqlite3_column_int64 (scan, 2);
      row->deleted = sqlite3_column_int (scan, 3) != 0;
      g_hash_table_insert (t->stored, g_strdup ((const char *) sqlite3_column_text (scan, 0)), row);
    }
  return TRUE;
}

/* State of an id in the database as it is now (after this import's
 * writes, when asked after them); REF_LIVE/REF_DEAD also give its hash
 * and version. */
static RefState
db_state (Import     *imp,
          Table      *t,
          const char *id,
          char      **out_hash,
          gint64     *out_version)
{
  RefState state = REF_UNKNOWN;

  sqlite3_bind_text (t->find, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (t->find) == SQLITE_ROW)
    {
      state = sqlite3_column_int (t->find, 1) ? REF_DEAD : REF_LIVE;
      if (out_hash)
        *out_hash = g_strdup ((const char *) sqlite3_column_text (t->find, 0));
      if (out_version)
        *out_version = sqlite3_column_int64 (t->find, 2);
    }
  sqlite3_reset (t->find);
  return state;
}

/* State of an id in the database as it was before the import. */
static RefState
stored_state (Import     *imp,
              Table      *t,
              const char *id,
              char      **out_hash,
              gint64     *out_version)
{
  Stored *row;

  if (!t->had_rows)
    return REF_UNKNOWN;
  if (t->stored == NULL)
    return db_state (imp, t, id, out_hash, out_version);
  if ((row = g_hash_table_lookup (t->stored, id)) == NULL)
    return REF_UNKNOWN;
  if (out_hash)
    *out_hash = g_strdup (row->hash);
  if (out_version)
    *out_version = row->version;
  return row->deleted ? REF_DEAD : REF_LIVE;
}

static RefState
ref_state (Import         *imp,
           const GrEntity *target,
           const char     *id)
{
  Table *t = table_of (imp, target);
  gpointer found = g_hash_table_lookup (t->by_id, id);

  if (found != NULL)
    {
      if (imp->ndjson)
        return SEEN_DELETED (found) ? REF_DEAD : REF_LIVE;
      return ((Item *) found)->record->deleted ? REF_DEAD : REF_LIVE;
    }
  /* Records of this NDJSON stream are in by_id: for the others the
   * database as it was before the import is the one to ask. */
  return stored_state (imp, t, id, NULL, NULL);
}

static char *
stored_plan_variety (Import     *imp,
                     const char *plan)
{
  char *variety = NULL;

  sqlite3_bind_text (imp->plan_variety_stmt, 1, plan, -1, SQLITE_STATIC);
  if (sqlite3_step (imp->plan_variety_stmt) == SQLITE_ROW)
    variety = g_strdup ((const char *) sqlite3_column_text (imp->plan_variety_stmt, 0));
  sqlite3_reset (imp->plan_variety_stmt);
  return variety;
}

/* The variety of a plan in the file (or read so far) or the database. */
static char *
plan_variety (Import     *imp,
              const char *plan)
{
  if (imp->ndjson)
    {
      const char *known = g_hash_table_lookup (imp->plan_variety, plan);

      if (known != NULL)
        return g_strdup (known);
    }
  else
    {
      Item *item = g_hash_table_lookup (table_of (imp, gr_schema_lookup ("plan"))->by_id, plan);

      if (item != NULL)
        return item->record->deleted ? NULL : g_strdup (gr_record_get_text (item->record, "variety"));
    }
  return stored_plan_variety (imp, plan);
}

/* ---- Checks against other records ---- */

static gboolean
check_refs (Import          *imp,
            const char      *where,
            const GrRecord  *record,
            const char      *prefix,
            const char      *self_id,
            GError         **error)
{
  const GrEntity *entity = record->entity;

  for (guint i = 0; i < entity->n_fields; i++)
    {
      const GrField *field = &entity->fields[i];
      const GrValue *value = &record->values[i];
      g_autofree char *path = NULL;
      const GrEntity *target;
      g_autofree char *quoted = NULL;

      if (field->type == GR_FIELD_CHILDREN && value->type == GR_VALUE_CHILDREN)
        {
          for (guint c = 0; c < value->children->len; c++)
            {
              g_autofree char *child_prefix = g_strdup_printf ("%s%s[%u].", prefix, field->name, c);

              if (!check_refs (imp, where, value->children->pdata[c], child_prefix, self_id, error))
                return FALSE;
            }
          continue;
        }
      if (field->type != GR_FIELD_REF || value->type != GR_VALUE_TEXT)
        continue;

      target = gr_schema_lookup (field->ref_entity);
      g_assert (target != NULL);
      path = g_strconcat (prefix, field->name, NULL);
      quoted = quote (value->s);
      if (target == entity && g_strcmp0 (value->s, self_id) == 0)
        return refuse (error, where, path, _("a %s cannot refer to itself"), entity_label (entity));

      switch (ref_state (imp, target, value->s))
        {
        case REF_LIVE:
          break;
        case REF_DEAD:
          return refuse (error, where, path, _("the %s %s is deleted"), entity_label (target), quoted);
        case REF_UNKNOWN:
        default:
          if (imp->ndjson)
            {
              Deferred *d = g_new0 (Deferred, 1);

              /* It may come later in the stream: look again at its end. */
              d->where = g_strdup (where);
              d->field = g_steal_pointer (&path);
              d->target = target;
              d->id = g_strdup (value->s);
              g_ptr_array_add (imp->deferred, d);
              break;
            }
          return refuse (error, where, path, _("unknown %s %s (not in this file nor in the database)"),
                         entity_label (target), quoted);
        }
    }
  return TRUE;
}

static gboolean
check_lot_variety (Import          *imp,
                   const char      *where,
                   const GrRecord  *lot,
                   GError         **error)
{
  const char *variety = gr_record_get_text (lot, "variety");
  const char *plan = gr_record_get_text (lot, "plan");
  g_autofree char *expected = NULL;

  if (variety == NULL || plan == NULL)
    return TRUE;
  expected = plan_variety (imp, plan);
  if (expected == NULL)
    {
      if (imp->ndjson)
        {
          Deferred *d = g_new0 (Deferred, 1);

          d->where = g_strdup (where);
          d->field = g_strdup ("variety");
          d->target = gr_schema_lookup ("plan");
          d->id = g_strdup (plan);
          d->variety = g_strdup (variety);
          g_ptr_array_add (imp->deferred, d);
        }
      /* else: check_refs has refused the unknown plan already */
      return TRUE;
    }
  if (strcmp (expected, variety) != 0)
    {
      g_autofree char *qv = quote (variety);
      g_autofree char *qp = quote (plan);
      g_autofree char *qe = quote (expected);

      return refuse (error, where, "variety", _("%s differs from its plan %s (%s)"), qv, qp, qe);
    }
  return TRUE;
}

/* One rotation plan per enterprise and year (DESIGN.md §3). */
static gboolean
check_rotation_plan (Import          *imp,
                     const char      *where,
                     Item            *item,
                     GError         **error)
{
  const GrRecord *record = item->record;
  const char *enterprise = gr_record_get_text (record, "enterprise");
  const GrValue *year = gr_record_get (record, "year");
  g_autofree char *key = NULL;
  g_autofree char *other = NULL;
  g_autofree char *qe = NULL;

  if (enterprise == NULL || year == NULL || year->type != GR_VALUE_INT)
    return TRUE;
  qe = quote (enterprise);

  if (!imp->ndjson)
    {
      Item *first;

      key = g_strdup_printf ("%s\n%" G_GINT64_FORMAT, enterprise, year->i);
      first = g_hash_table_lookup (imp->rotation_keys, key);
      if (first != NULL)
        {
          g_autofree char *qf = quote (first->record->id);

          return refuse (error, where, "year",
                         _("the enterprise %s already has a rotation plan for %" G_GINT64_FORMAT
                           " in this file (rotation_plans[%u], id %s); there is one plan per enterprise and year"),
                         qe, year->i, first->index, qf);
        }
      g_hash_table_insert (imp->rotation_keys, g_steal_pointer (&key), item);
    }

  sqlite3_bind_text (imp->rotation_stmt, 1, enterprise, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (imp->rotation_stmt, 2, year->i);
  sqlite3_bind_text (imp->rotation_stmt, 3, record->id, -1, SQLITE_STATIC);
  while (sqlite3_step (imp->rotation_stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (imp->rotation_stmt, 0);

      /* A stored plan that the document also carries is judged by the
       * document's version of it. */
      if (!imp->ndjson && g_hash_table_contains (table_of (imp, record->entity)->by_id, id))
        continue;
      other = g_strdup (id);
      break;
    }
  sqlite3_reset (imp->rotation_stmt);

  if (other != NULL)
    {
      g_autofree char *qo = quote (other);

      return refuse (error, where, "year",
                     _("the enterprise %s already has a rotation plan for %" G_GINT64_FORMAT
                       " (id %s); there is one plan per enterprise and year"), qe, year->i, qo);
    }
  return TRUE;
}

static gboolean
check_context (Import      *imp,
               const char  *where,
               Item        *item,
               GError     **error)
{
  const GrRecord *record = item->record;

  /* A tombstone's fields no longer matter to anyone. */
  if (record->deleted)
    return TRUE;
  if (!check_refs (imp, where, record, "", record->id, error))
    return FALSE;
  if (strcmp (record->entity->name, "lot") == 0)
    return check_lot_variety (imp, where, record, error);
  if (strcmp (record->entity->name, "rotation_plan") == 0)
    return check_rotation_plan (imp, where, item, error);
  return TRUE;
}

/* Decides insert / update / unchanged against what is stored. */
static gboolean
classify (Import      *imp,
          Table       *t,
          const char  *where,
          Item        *item,
          GError     **error)
{
  g_autofree char *stored_hash = NULL;
  g_autoptr(GrRecord) stored = NULL;
  const char *field;

  item->action = ACTION_INSERT;
  if (stored_state (imp, t, item->record->id, &stored_hash, &item->old_version) == REF_UNKNOWN)
    return TRUE;

  if (stored_hash == NULL)
    {
      /* Stored by a writer that kept no hash: take it from the row. */
      if ((stored = gr_record_load (imp->store, t->entity, item->record->id, error)) == NULL)
        return FALSE;
      stored_hash = gr_record_hash (stored);
    }
  if (strcmp (stored_hash, item->hash) == 0)
    {
      item->action = ACTION_UNCHANGED;
      return TRUE;
    }
  if (!t->entity->append_only)
    {
      item->action = ACTION_UPDATE;
      return TRUE;
    }

  /* Movements and finding closures are facts: a correction is a new record. */
  if (stored == NULL && (stored = gr_record_load (imp->store, t->entity, item->record->id, error)) == NULL)
    return FALSE;
  field = gr_record_first_difference (stored, item->record);
  if (field == NULL || strcmp (field, "deleted") == 0 || strcmp (field, "extra") == 0)
    return refuse (error, where, field ? field : "id",
                   _("differs from the %s already recorded with this id; a recorded %s cannot be changed "
                     "or deleted, so record a correction as a new one"),
                   entity_label (t->entity), entity_label (t->entity));
  {
    g_autofree char *old = gr_record_field_json (stored, field);

    return refuse (error, where, field,
                   _("differs from the %s already recorded with this id (%s); a recorded %s cannot be changed, "
                     "so record a correction as a new one"),
                   entity_label (t->entity), old, entity_label (t->entity));
  }
}

/* ---- Writing ---- */

static void
mark_dirty (Import     *imp,
            const char *lot,
            const char *date)
{
  const char *known = g_hash_table_lookup (imp->dirty, lot);

  if (known == NULL)
    g_hash_table_insert (imp->dirty, g_strdup (lot), g_strdup (date));
  else if (strcmp (date, known) < 0)
    g_hash_table_replace (imp->dirty, g_strdup (lot), g_strdup (date));
}

static void
add_written (GPtrArray      *list,
             const char     *where,
             const GrRecord *record)
{
  Written *w = g_new0 (Written, 1);

  w->where = g_strdup (where);
  w->entity = record->entity;
  w->id = g_strdup (record->id);
  g_ptr_array_add (list, w);
}

static gboolean
write_item (Import      *imp,
            Table       *t,
            const char  *where,
            Item        *item,
            GError     **error)
{
  GrRecord *record = item->record;
  const char *name = t->entity->name;

  if (item->action == ACTION_UNCHANGED)
    {
      imp->stats.unchanged++;
      return TRUE;
    }

  /* Metadata given in the file is kept (an export carries it). */
  if (record->version < 0)
    record->version = item->action == ACTION_UPDATE ? item->old_version : 0;
  if (record->updated_at == NULL)
    record->updated_at = g_strdup (imp->now);
  if (record->updated_by == NULL)
    record->updated_by = g_strdup (g_get_user_name ());

  if (item->action == ACTION_INSERT)
    {
      if (!gr_record_writer_insert (t->writer, record, item->hash, error))
        return FALSE;
      imp->stats.inserted++;
    }
  else
    {
      if (strcmp (name, "lot") == 0)
        {
          g_autofree char *old_plan = NULL;
          const char *new_plan = gr_record_get_text (record, "plan");

          sqlite3_bind_text (imp->lot_plan_stmt, 1, record->id, -1, SQLITE_STATIC);
          if (sqlite3_step (imp->lot_plan_stmt) == SQLITE_ROW && sqlite3_column_type (imp->lot_plan_stmt, 0) != SQLITE_NULL)
            old_plan = g_strdup ((const char *) sqlite3_column_text (imp->lot_plan_stmt, 0));
          sqlite3_reset (imp->lot_plan_stmt);
          /* The lot's whole history moves to the other plan's snapshots. */
          if (old_plan != NULL && g_strcmp0 (old_plan, new_plan) != 0)
            {
              g_ptr_array_add (imp->old_plans, g_steal_pointer (&old_plan));
              mark_dirty (imp, record->id, "0000-01-01");
            }
        }
      if (!gr_record_writer_update (t->writer, record, item->hash, error))
        return FALSE;
      imp->stats.updated++;
      if (record->deleted)
        add_written (imp->tombstones, where, record);
      if (strcmp (name, "plan") == 0)
        add_written (imp->updated_plans, where, record);
    }

  if (strcmp (name, "movement") == 0 && !record->deleted)
    mark_dirty (imp, gr_record_get_text (record, "lot"), gr_record_get_text (record, "date"));
  return TRUE;
}

static gboolean
write_meta (Import  *imp,
            GError **error)
{
  if (imp->profile != NULL)
    {
      g_autofree char *current = gr_store_get_meta (imp->store, "profile");

      if (g_strcmp0 (current, imp->profile) != 0 &&
          !gr_store_set_meta (imp->store, "profile", imp->profile, error))
        return FALSE;
    }
  if (imp->dataset_extra != NULL)
    {
      g_autofree char *current = gr_store_get_meta (imp->store, "dataset_extra");

      if (g_strcmp0 (current, imp->dataset_extra) != 0 &&
          !gr_store_set_meta (imp->store, "dataset_extra", imp->dataset_extra, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- Checks on the written state, before COMMIT ---- */

static gboolean
check_deferred (Import  *imp,
                GError **error)
{
  for (guint i = 0; i < imp->deferred->len; i++)
    {
      Deferred *d = imp->deferred->pdata[i];
      g_autofree char *quoted = quote (d->id);

      if (d->variety != NULL)
        {
          g_autofree char *expected = stored_plan_variety (imp, d->id);

          if (expected != NULL && strcmp (expected, d->variety) != 0)
            {
              g_autofree char *qv = quote (d->variety);
              g_autofree char *qe = quote (expected);

              return refuse (error, d->where, d->field, _("%s differs from its plan %s (%s)"), qv, quoted, qe);
            }
          continue;
        }
      switch (db_state (imp, table_of (imp, d->target), d->id, NULL, NULL))
        {
        case REF_LIVE:
          break;
        case REF_DEAD:
          return refuse (error, d->where, d->field, _("the %s %s is deleted"), entity_label (d->target), quoted);
        case REF_UNKNOWN:
        default:
          return refuse (error, d->where, d->field, _("unknown %s %s (not in this file nor in the database)"),
                         entity_label (d->target), quoted);
        }
    }
  return TRUE;
}

/* A record deleted by this import must not leave live records pointing at it. */
static gboolean
check_tombstones (Import  *imp,
                  GError **error)
{
  for (guint w = 0; w < imp->tombstones->len; w++)
    {
      Written *dead = imp->tombstones->pdata[w];

      for (guint e = 0; e < imp->n_tables; e++)
        {
          const GrEntity *owner = imp->tables[e].entity;

          for (guint f = 0; f < owner->n_fields; f++)
            {
              const GrField *field = &owner->fields[f];
              const GrEntity *in = owner;
              g_autofree char *sql = NULL;
              g_autofree char *column = NULL;
              g_autoptr(sqlite3_stmt) stmt = NULL;

              if (field->type == GR_FIELD_CHILDREN)
                {
                  /* references from child rows, e.g. a rotation plan's items */
                  for (guint c = 0; c < field->child->n_fields; c++)
                    {
                      const GrField *cf = &field->child->fields[c];
                      g_autofree char *ccol = NULL;
                      g_autofree char *csql = NULL;
                      g_autoptr(sqlite3_stmt) cstmt = NULL;

                      if (cf->type != GR_FIELD_REF || strcmp (cf->ref_entity, dead->entity->name) != 0)
                        continue;
                      ccol = gr_field_column (cf);
                      csql = g_strdup_printf ("SELECT p.id FROM \"%s\" c JOIN \"%s\" p ON p.id = c.parent"
                                              " WHERE c.\"%s\" = ?1 AND p.deleted = 0 LIMIT 1",
                                              field->child->table, owner->table, ccol);
                      if ((cstmt = gr_store_prepare (imp->store, csql, error)) == NULL)
                        return FALSE;
                      sqlite3_bind_text (cstmt, 1, dead->id, -1, SQLITE_STATIC);
                      if (sqlite3_step (cstmt) == SQLITE_ROW)
                        {
                          g_autofree char *q = quote ((const char *) sqlite3_column_text (cstmt, 0));

                          return refuse (error, dead->where, "deleted",
                                         _("this %s cannot be deleted: the %s %s still refers to it"),
                                         entity_label (dead->entity), entity_label (owner), q);
                        }
                    }
                  continue;
                }
              if (field->type != GR_FIELD_REF || strcmp (field->ref_entity, dead->entity->name) != 0)
                continue;
              column = gr_field_column (field);
              sql = g_strdup_printf ("SELECT id FROM \"%s\" WHERE \"%s\" = ?1 AND deleted = 0 LIMIT 1",
                                     in->table, column);
              if ((stmt = gr_store_prepare (imp->store, sql, error)) == NULL)
                return FALSE;
              sqlite3_bind_text (stmt, 1, dead->id, -1, SQLITE_STATIC);
              if (sqlite3_step (stmt) == SQLITE_ROW)
                {
                  g_autofree char *q = quote ((const char *) sqlite3_column_text (stmt, 0));

                  return refuse (error, dead->where, "deleted",
                                 _("this %s cannot be deleted: the %s %s still refers to it"),
                                 entity_label (dead->entity), entity_label (owner), q);
                }
            }
        }
    }
  return TRUE;
}

/* An updated plan's variety must still be the variety of its stored lots. */
static gboolean
check_updated_plans (Import  *imp,
                     GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (imp->updated_plans->len == 0)
    return TRUE;
  stmt = gr_store_prepare (imp->store,
                           "SELECT l.id, l.variety, p.variety FROM lots l JOIN plans p ON p.id = l.plan"
                           " WHERE p.id = ?1 AND p.deleted = 0 AND l.deleted = 0 AND l.variety IS NOT p.variety"
                           " LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < imp->updated_plans->len; i++)
    {
      Written *plan = imp->updated_plans->pdata[i];

      sqlite3_bind_text (stmt, 1, plan->id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autofree char *ql = quote ((const char *) sqlite3_column_text (stmt, 0));
          g_autofree char *qlv = quote ((const char *) sqlite3_column_text (stmt, 1));
          g_autofree char *qpv = quote ((const char *) sqlite3_column_text (stmt, 2));

          return refuse (error, plan->where, "variety", _("%s differs from the variety of its lot %s (%s)"),
                         qpv, ql, qlv);
        }
      sqlite3_reset (stmt);
    }
  return TRUE;
}

/* Names a movement written by this import, or NULL for a stored one. */
static char *
describe_movement (Import     *imp,
                   const char *id)
{
  const GrEntity *movement = gr_schema_lookup ("movement");
  Table *t = table_of (imp, movement);
  gpointer found = g_hash_table_lookup (t->by_id, id);

  if (found == NULL)
    return NULL;
  if (imp->ndjson)
    return describe_record (imp, movement, SEEN_LINE (found), id);
  if (((Item *) found)->action != ACTION_INSERT)
    return NULL;
  return describe_record (imp, movement, ((Item *) found)->index, id);
}

/* Rewrites a ledger refusal so it names the movement of the file that
 * takes the stock below zero, with its quantity. */
static void
explain_negative (Import  *imp,
                  GError **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GHashTableIter iter;
  gpointer lot;

  if (!gr_store_exec (imp->store, "CREATE TEMP TABLE IF NOT EXISTS import_lots (lot TEXT PRIMARY KEY NOT NULL);"
                                  "DELETE FROM import_lots", NULL) ||
      (insert = gr_store_prepare (imp->store, "INSERT OR IGNORE INTO import_lots (lot) VALUES (?1)", NULL)) == NULL)
    return;
  g_hash_table_iter_init (&iter, imp->dirty);
  while (g_hash_table_iter_next (&iter, &lot, NULL))
    {
      sqlite3_bind_text (insert, 1, lot, -1, SQLITE_STATIC);
      sqlite3_step (insert);
      sqlite3_reset (insert);
    }

  stmt = gr_store_prepare (imp->store,
                           "SELECT lot, date, id, kind, quantity_kg, running FROM ("
                           "  SELECT m.lot AS lot, m.date AS date, m.id AS id, m.kind AS kind, m.quantity_kg AS quantity_kg,"
                           "         sum (m.delta_kg) OVER (PARTITION BY m.lot ORDER BY m.date, m.delta_kg < 0, m.id"
                           "                                ROWS UNBOUNDED PRECEDING) AS running"
                           "  FROM movements m WHERE m.deleted = 0 AND m.lot IN (SELECT lot FROM temp.import_lots))"
                           " WHERE running < 0 ORDER BY date, lot LIMIT 1", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return;

  {
    const char *lot_id = (const char *) sqlite3_column_text (stmt, 0);
    const char *date = (const char *) sqlite3_column_text (stmt, 1);
    const char *id = (const char *) sqlite3_column_text (stmt, 2);
    const char *kind = (const char *) sqlite3_column_text (stmt, 3);
    g_autofree char *quantity = gr_format_tonnes (sqlite3_column_int64 (stmt, 4));
    g_autofree char *shortfall = gr_format_tonnes (-sqlite3_column_int64 (stmt, 5));
    g_autofree char *ql = quote (lot_id);
    g_autofree char *qm = quote (id);
    g_autofree char *where = NULL;

    g_clear_error (error);
    if ((where = describe_movement (imp, id)) != NULL)
      {
        refuse (error, where, "quantity_t",
                _("the %s of %s on %s would take the lot %s below zero (short by %s)"),
                kind, quantity, date, ql, shortfall);
        (*error)->code = GR_ERROR_NEGATIVE;
        return;
      }

    /* The balance crosses zero at a movement already recorded: name the
     * last outbound movement of this file before it, which caused it. */
    {
      g_autoptr(sqlite3_stmt) earlier = NULL;

      earlier = gr_store_prepare (imp->store,
                                  "SELECT id, kind, quantity_kg, date FROM movements"
                                  " WHERE lot = ?1 AND date <= ?2 AND deleted = 0 AND delta_kg < 0"
                                  " ORDER BY date DESC, id DESC", NULL);
      if (earlier != NULL)
        {
          sqlite3_bind_text (earlier, 1, lot_id, -1, SQLITE_STATIC);
          sqlite3_bind_text (earlier, 2, date, -1, SQLITE_STATIC);
          while (sqlite3_step (earlier) == SQLITE_ROW)
            {
              const char *cause = (const char *) sqlite3_column_text (earlier, 0);
              g_autofree char *cause_quantity = NULL;

              if (strcmp (cause, id) == 0 || (where = describe_movement (imp, cause)) == NULL)
                continue;
              cause_quantity = gr_format_tonnes (sqlite3_column_int64 (earlier, 2));
              refuse (error, where, "quantity_t",
                      _("with the %s of %s on %s, the lot %s would fall below zero on %s (short by %s)"),
                      (const char *) sqlite3_column_text (earlier, 1), cause_quantity,
                      (const char *) sqlite3_column_text (earlier, 3), ql, date, shortfall);
              (*error)->code = GR_ERROR_NEGATIVE;
              return;
            }
        }
    }
    g_set_error (error, GR_ERROR, GR_ERROR_NEGATIVE,
                 _("lot %s: with the movements of this file, its stock would fall below zero on %s"
                   " at the movement %s already recorded (short by %s)"),
                 ql, date, qm, shortfall);
  }
}

static gboolean
finish (Import  *imp,
        GError **error)
{
  GHashTableIter iter;
  gpointer lot, date;

  if (!check_deferred (imp, error) ||
      !check_tombstones (imp, error) ||
      !check_updated_plans (imp, error))
    return FALSE;

  report (imp, 0.96, _("Checking the balances"));

  /* Plans that lost a lot: their snapshots are rebuilt from the start,
   * through any lot still in them (none left: no snapshot rows at all). */
  for (guint i = 0; i < imp->old_plans->len; i++)
    {
      g_autoptr(sqlite3_stmt) drop = gr_store_prepare (imp->store, "DELETE FROM plan_month_stock WHERE plan = ?1", error);
      g_autoptr(sqlite3_stmt) lots = gr_store_prepare (imp->store, "SELECT id FROM lots WHERE plan = ?1", error);

      if (drop == NULL || lots == NULL)
        return FALSE;
      sqlite3_bind_text (drop, 1, imp->old_plans->pdata[i], -1, SQLITE_STATIC);
      if (sqlite3_step (drop) != SQLITE_DONE)
        {
          gr_store_set_error (imp->store, error, _("Could not update the ledger"));
          return FALSE;
        }
      sqlite3_bind_text (lots, 1, imp->old_plans->pdata[i], -1, SQLITE_STATIC);
      while (sqlite3_step (lots) == SQLITE_ROW)
        mark_dirty (imp, (const char *) sqlite3_column_text (lots, 0), "0000-01-01");
    }

  g_hash_table_iter_init (&iter, imp->dirty);
  while (g_hash_table_iter_next (&iter, &lot, &date))
    if (!gr_ledger_mark_dirty (imp->store, lot, date, error))
      return FALSE;

  if (!gr_ledger_settle (imp->store, !(imp->flags & GR_IMPORT_SYNCED), error))
    {
      if (g_error_matches (*error, GR_ERROR, GR_ERROR_NEGATIVE))
        explain_negative (imp, error);
      return FALSE;
    }
  return TRUE;
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

static gboolean
read_header (Import      *imp,
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
      g_autofree char *q = quote (json_node_get_string (node));

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
static const char *
raw_id (JsonNode *node)
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
              g_autofree char *where = describe_record (imp, t->entity, i, raw_id (element));

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
                g_autofree char *where = describe_record (imp, t->entity, i, record->id);

                return refuse (error, where, "id", _("the id is used twice in this file (first at %s[%u])"),
                               t->entity->array, first->index);
              }
          }
          g_hash_table_insert (t->by_id, record->id, item);
          item->hash = gr_record_hash (record);
          report (imp, 0.3 * ++done / MAX (total, 1), _("Checking the records"));
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
  if ((imp = import_new (store, flags, FALSE, progress, progress_data, error)) == NULL)
    return FALSE;
  report (imp, 0.0, _("Checking the records"));
  if (!read_header (imp, json_node_get_object (root), DOCUMENT_FORMAT, error) ||
      !read_records (imp, json_node_get_object (root), error))
    return FALSE;

  /* Every record is known now, so references may point forward. */
  total = count_items (imp);
  for (guint e = 0; e < imp->n_tables; e++)
    if (!preload_stored (imp, &imp->tables[e], total, error))
      return FALSE;
  for (guint e = 0; e < imp->n_tables; e++)
    {
      Table *t = &imp->tables[e];

      for (guint i = 0; i < t->items->len; i++)
        {
          Item *item = t->items->pdata[i];
          g_autofree char *where = describe_record (imp, t->entity, item->index, item->record->id);

          if (!check_context (imp, where, item, error) ||
              !classify (imp, t, where, item, error))
            return FALSE;
          report (imp, 0.3 + 0.2 * ++done / MAX (total, 1), _("Checking the records"));
        }
    }

  /* Everything checked: write it in one transaction. */
  if (!gr_store_begin (store, error))
    return FALSE;
  done = 0;
  if (!write_meta (imp, error))
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
              g_autofree char *where = describe_record (imp, t->entity, item->index, item->record->id);

              if (!write_item (imp, t, where, item, error))
                goto failed;
            }
          else if (!write_item (imp, t, NULL, item, error))
            goto failed;
          report (imp, 0.5 + 0.45 * ++done / MAX (total, 1), _("Writing the records"));
        }
    }
  if (!finish (imp, error) || !gr_store_commit (store, error))
    goto failed;

  report (imp, 1.0, _("Done"));
  if (stats != NULL)
    *stats = imp->stats;
  return TRUE;

failed:
  gr_store_rollback (store);
  return FALSE;
}

/* ---- NDJSON ---- */

static gboolean
is_blank (const char *line)
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
                       _("line %u: the closing line counts %s records, but the file holds %" G_GUINT64_FORMAT),
                       line_no, what, *n_records);
          return FALSE;
        }
      *ended = TRUE;
      return TRUE;
    }

  entity = gr_schema_lookup (type_name);
  if (entity == NULL)
    {
      g_autofree char *q = quote (type_name);

      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("line %u: unknown record type %s"), line_no, q);
      return FALSE;
    }
  t = table_of (imp, entity);
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
      where = describe_record (imp, entity, line_no, raw_id (body));
      g_propagate_prefixed_error (error, g_steal_pointer (&local), "%s: ", where);
      return FALSE;
    }
  where = describe_record (imp, entity, line_no, item.record->id);

  if (g_hash_table_contains (t->by_id, item.record->id))
    {
      refuse (error, where, "id", _("the id is used twice in this file"));
      goto out;
    }
  item.hash = gr_record_hash (item.record);
  if (!check_context (imp, where, &item, error) ||
      !classify (imp, t, where, &item, error) ||
      !write_item (imp, t, where, &item, error))
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
static gboolean
import_ndjson (GrStore           *store,
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

  if ((imp = import_new (store, flags, TRUE, progress, progress_data, error)) == NULL)
    return FALSE;
  report (imp, 0.0, _("Importing the records"));

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
      while (is_blank (header_line));
      first_line = header_line;
    }

  if (!json_parser_load_from_data (parser, first_line, -1, &local) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("line %u: the first line must be the dataset header"), line_no);
      return FALSE;
    }
  if (!read_header (imp, json_node_get_object (json_parser_get_root (parser)), NDJSON_FORMAT, error))
    {
      g_prefix_error (error, _("line %u: "), line_no);
      return FALSE;
    }
  for (guint e = 0; e < imp->n_tables; e++)
    if (!preload_stored (imp, &imp->tables[e], 0, error))
      return FALSE;

  if (!gr_store_begin (store, error))
    return FALSE;
  if (!write_meta (imp, error))
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
      if (is_blank (line))
        continue;
      if (!read_ndjson_line (imp, parser, line, line_no, &n_records, &ended, error))
        goto failed;
      if (total_bytes > 0)
        report (imp, 0.95 * bytes / total_bytes, _("Importing the records"));
    }

  if (!ended)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID,
                   _("The file ends without its closing line {\"type\": \"end\", …}: it looks cut short, "
                     "so nothing was imported"));
      goto failed;
    }
  if (!finish (imp, error) || !gr_store_commit (store, error))
    goto failed;

  report (imp, 1.0, _("Done"));
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
                   char       **out_where)
{
  guint line, column;
  int consumed = 0;
  const char *rest;

  *out_where = NULL;
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
  return rest;
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
      return import_ndjson (store, in, NULL, 0, len - start, flags, stats, progress, progress_data, error);
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data + start, len - start, &local))
    {
      g_autofree char *where = NULL;
      const char *detail = json_error_detail (local->message, &where);

      if (where != NULL)
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
  while (line != NULL && is_blank (line));
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
          ok = import_ndjson (store, in, text + start, line_no, total, flags, stats, progress, progress_data, &local);
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
