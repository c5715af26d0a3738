/* gr-record-store.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-record-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gr-error.h"
#include "gr-json-writer.h"
#include "gr-outbox.h"
#include "gr-record-store.h"

/* Columns of the entity's fields (children live in their own tables). */
static void
append_columns (GString        *sql,
                const GrEntity *entity,
                const char     *separator,
                const char     *suffix)
{
  gboolean first = TRUE;

  for (guint i = 0; i < entity->n_fields; i++)
    {
      g_autofree char *column = NULL;

      if (entity->fields[i].type == GR_FIELD_CHILDREN)
        continue;
      column = gr_field_column (&entity->fields[i]);
      if (!first)
        g_string_append (sql, separator);
      first = FALSE;
      g_string_append_printf (sql, "\"%s\"%s", column, suffix ? suffix : "");
    }
}

static guint
n_columns (const GrEntity *entity)
{
  guint n = 0;

  for (guint i = 0; i < entity->n_fields; i++)
    if (entity->fields[i].type != GR_FIELD_CHILDREN)
      n++;
  return n;
}

/* ---- Reading ---- */

typedef struct {
  const GrEntity *child;
  sqlite3_stmt   *stmt;
} ChildQuery;

static void
child_query_clear (gpointer data)
{
  ChildQuery *query = data;

  g_clear_pointer (&query->stmt, sqlite3_finalize);
}

static char *
select_sql (const GrEntity *entity,
            const char     *where)
{
  GString *sql = g_string_new ("SELECT ");

  if (!entity->is_child)
    g_string_append (sql, "id, version, updated_at, updated_by, deleted, ");
  append_columns (sql, entity, ", ", NULL);
  g_string_append_printf (sql, ", extra FROM \"%s\" %s", entity->table, where);
  return g_string_free (sql, FALSE);
}

static GArray *
prepare_children (GrStore         *store,
                  const GrEntity  *entity,
                  GError         **error)
{
  g_autoptr(GArray) queries = g_array_new (FALSE, TRUE, sizeof (ChildQuery));

  g_array_set_clear_func (queries, child_query_clear);
  for (guint i = 0; i < entity->n_fields; i++)
    {
      ChildQuery query = { entity->fields[i].child, NULL };
      g_autofree char *sql = NULL;

      if (entity->fields[i].type != GR_FIELD_CHILDREN)
        continue;
      g_assert (query.child->is_child);
      sql = select_sql (query.child, "WHERE parent = ?1 ORDER BY seq");
      if ((query.stmt = gr_store_prepare (store, sql, error)) == NULL)
        return NULL;
      g_array_append_val (queries, query);
    }
  return g_steal_pointer (&queries);
}

static gboolean
read_row (GrStore         *store,
          sqlite3_stmt    *stmt,
          GrRecord        *record,
          GArray          *children,
          GError         **error)
{
  const GrEntity *entity = record->entity;
  int col = 0;
  guint child_index = 0;

  if (!entity->is_child)
    {
      record->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      record->version = sqlite3_column_int64 (stmt, 1);
      record->updated_at = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      record->updated_by = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      record->deleted = sqlite3_column_int (stmt, 4) != 0;
      col = 5;
    }

  for (guint i = 0; i < entity->n_fields; i++)
    {
      const GrField *field = &entity->fields[i];
      GrValue *value = &record->values[i];

      if (field->type == GR_FIELD_CHILDREN)
        {
          ChildQuery *query = &g_array_index (children, ChildQuery, child_index++);

          value->type = GR_VALUE_CHILDREN;
          value->children = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_record_free);
          sqlite3_reset (query->stmt);
          sqlite3_bind_text (query->stmt, 1, record->id, -1, SQLITE_TRANSIENT);
          for (;;)
            {
              int rc = sqlite3_step (query->stmt);
              g_autoptr(GrRecord) child = NULL;

              if (rc == SQLITE_DONE)
                break;
              if (rc != SQLITE_ROW)
                {
                  gr_store_set_error (store, error, _("Could not read the database"));
                  return FALSE;
                }
              child = gr_record_new (query->child);
              if (!read_row (store, query->stmt, child, NULL, error))
                return FALSE;
              g_ptr_array_add (value->children, g_steal_pointer (&child));
            }
          sqlite3_reset (query->stmt);
          continue;
        }

      switch (sqlite3_column_type (stmt, col))
        {
        case SQLITE_NULL:
          break;
        case SQLITE_INTEGER:
        case SQLITE_FLOAT:
          if (field->type == GR_FIELD_REAL)
            {
              value->type = GR_VALUE_REAL;
              value->d = sqlite3_column_double (stmt, col);
              break;
            }
          if (field->type == GR_FIELD_INT || field->type == GR_FIELD_GRADE ||
              field->type == GR_FIELD_BOOL || field->type == GR_FIELD_TONNES)
            {
              value->type = GR_VALUE_INT;
              value->i = sqlite3_column_int64 (stmt, col);
              break;
            }
          G_GNUC_FALLTHROUGH;
        default:
          value->type = GR_VALUE_TEXT;
          if (field->type == GR_FIELD_JSON)
            {
              /* Stored by import in canonical form; written again so a
               * value stored by any other writer exports the same way. */
              value->s = gr_json_canonical ((const char *) sqlite3_column_text (stmt, col), NULL);
              if (value->s == NULL)
                {
                  value->type = GR_VALUE_NULL;
                  g_set_error (error, GR_ERROR, GR_ERROR_DATABASE,
                               _("%s %s: field \"%s\" holds damaged JSON"),
                               entity->table, record->id ? record->id : "", field->name);
                  return FALSE;
                }
            }
          else
            value->s = g_strdup ((const char *) sqlite3_column_text (stmt, col));
          break;
        }
      col++;
    }

  if (sqlite3_column_type (stmt, col) != SQLITE_NULL)
    {
      record->extra = gr_json_canonical ((const char *) sqlite3_column_text (stmt, col), NULL);
      if (record->extra == NULL)
        {
          g_set_error (error, GR_ERROR, GR_ERROR_DATABASE, _("%s %s: the kept unknown keys hold damaged JSON"),
                       entity->table, record->id ? record->id : "");
          return FALSE;
        }
      if (g_str_equal (record->extra, "{}"))
        g_clear_pointer (&record->extra, g_free);
    }
  return TRUE;
}

struct _GrRecordReader
{
  GrStore        *store;
  const GrEntity *entity;
  sqlite3_stmt   *stmt;
  GArray         *children;
};

GrRecordReader *
gr_record_reader_new (GrStore         *store,
                      const GrEntity  *entity,
                      GError         **error)
{
  g_autoptr(GrRecordReader) reader = g_new0 (GrRecordReader, 1);
  g_autofree char *sql = select_sql (entity, "WHERE deleted = 0 ORDER BY rowid");

  g_return_val_if_fail (!entity->is_child, NULL);

  reader->store = g_object_ref (store);
  reader->entity = entity;
  if ((reader->stmt = gr_store_prepare (store, sql, error)) == NULL)
    return NULL;
  if ((reader->children = prepare_children (store, entity, error)) == NULL)
    return NULL;
  return g_steal_pointer (&reader);
}

gboolean
gr_record_reader_next (GrRecordReader  *reader,
                       GrRecord       **out_record,
                       GError         **error)
{
  g_autoptr(GrRecord) record = NULL;

  *out_record = NULL;
  switch (sqlite3_step (reader->stmt))
    {
    case SQLITE_DONE:
      return TRUE;
    case SQLITE_ROW:
      break;
    default:
      gr_store_set_error (reader->store, error, _("Could not read the database"));
      return FALSE;
    }
  record = gr_record_new (reader->entity);
  if (!read_row (reader->store, reader->stmt, record, reader->children, error))
    return FALSE;
  *out_record = g_steal_pointer (&record);
  return TRUE;
}

void
gr_record_reader_free (GrRecordReader *reader)
{
  if (reader == NULL)
    return;
  g_clear_pointer (&reader->stmt, sqlite3_finalize);
  g_clear_pointer (&reader->children, g_array_unref);
  g_clear_object (&reader->store);
  g_free (reader);
}

GrRecord *
gr_record_load (GrStore         *store,
                const GrEntity  *entity,
                const char      *id,
                GError         **error)
{
  g_autofree char *sql = select_sql (entity, "WHERE id = ?1");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) children = NULL;
  g_autoptr(GrRecord) record = NULL;
  int rc;

  if ((stmt = gr_store_prepare (store, sql, error)) == NULL)
    return NULL;
  if ((children = prepare_children (store, entity, error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      gr_store_set_error (store, error, _("Could not read the database"));
      return NULL;
    }
  record = gr_record_new (entity);
  if (!read_row (store, stmt, record, children, error))
    return NULL;
  return g_steal_pointer (&record);
}

/* ---- Writing ---- */

/* Rows of one table inserted by one statement when written in batches
 * (gr_record_writer_queue_insert ()): SQLite's work to start and end a
 * statement is several times that of a row's values. */
#define BATCH_ROWS 50

typedef struct {
  const GrEntity *child;
  sqlite3_stmt   *insert;
  sqlite3_stmt   *insert_batch;   /* BATCH_ROWS rows, made when first used */
  sqlite3_stmt   *remove;
} ChildStatements;

static void
child_statements_clear (gpointer data)
{
  ChildStatements *statements = data;

  g_clear_pointer (&statements->insert, sqlite3_finalize);
  g_clear_pointer (&statements->insert_batch, sqlite3_finalize);
  g_clear_pointer (&statements->remove, sqlite3_finalize);
}

typedef struct {
  const GrRecord *record;   /* the caller's, until the batch is written */
  char           *hash;
} Queued;

static void
queued_clear (gpointer data)
{
  g_free (((Queued *) data)->hash);
}

struct _GrRecordWriter
{
  GrStore        *store;
  const GrEntity *entity;
  sqlite3_stmt   *insert;
  sqlite3_stmt   *insert_batch;   /* BATCH_ROWS rows, made when first used */
  sqlite3_stmt   *update;
  GArray         *children;   /* ChildStatements, in field order */
  GrOutbox       *outbox;     /* NULL: changes are not recorded for sync */
  GArray         *queued;     /* Queued: inserts not written yet */
};

static guint
n_params (const GrEntity *entity)
{
  return n_columns (entity) + (entity->is_child ? 3 : 7);
}

/* rows: how many rows of values the statement inserts */
static char *
insert_sql (const GrEntity *entity,
            guint           rows)
{
  GString *sql = g_string_new (NULL);
  guint n = n_params (entity);

  g_string_append_printf (sql, "INSERT INTO \"%s\" (", entity->table);
  g_string_append (sql, entity->is_child ? "parent, seq, " : "id, version, updated_at, updated_by, deleted, content_hash, ");
  append_columns (sql, entity, ", ", NULL);
  g_string_append (sql, ", extra) VALUES ");
  for (guint row = 0; row < rows; row++)
    {
      g_string_append (sql, row > 0 ? ", (" : "(");
      for (guint i = 1; i <= n; i++)
        g_string_append_printf (sql, i > 1 ? ", ?%u" : "?%u", row * n + i);
      g_string_append_c (sql, ')');
    }
  return g_string_free (sql, FALSE);
}

static char *
update_sql (const GrEntity *entity)
{
  GString *sql = g_string_new (NULL);
  guint param = 7;

  /* Same parameter numbers as insert_sql, so one binding serves both. */
  g_string_append_printf (sql, "UPDATE \"%s\" SET version = ?2, updated_at = ?3, updated_by = ?4, "
                               "deleted = ?5, content_hash = ?6", entity->table);
  for (guint i = 0; i < entity->n_fields; i++)
    {
      g_autofree char *column = NULL;

      if (entity->fields[i].type == GR_FIELD_CHILDREN)
        continue;
      column = gr_field_column (&entity->fields[i]);
      g_string_append_printf (sql, ", \"%s\" = ?%u", column, param++);
    }
  g_string_append_printf (sql, ", extra = ?%u WHERE id = ?1", param);
  return g_string_free (sql, FALSE);
}

GrRecordWriter *
gr_record_writer_new (GrStore         *store,
                      const GrEntity  *entity,
                      GError         **error)
{
  return gr_record_writer_new_full (store, entity, TRUE, error);
}

GrRecordWriter *
gr_record_writer_new_full (GrStore         *store,
                           const GrEntity  *entity,
                           gboolean         track_changes,
                           GError         **error)
{
  g_autoptr(GrRecordWriter) writer = g_new0 (GrRecordWriter, 1);
  g_autofree char *insert = insert_sql (entity, 1);
  g_autofree char *update = update_sql (entity);

  g_return_val_if_fail (!entity->is_child, NULL);

  writer->store = g_object_ref (store);
  writer->entity = entity;
  writer->children = g_array_new (FALSE, TRUE, sizeof (ChildStatements));
  g_array_set_clear_func (writer->children, child_statements_clear);
  writer->queued = g_array_new (FALSE, TRUE, sizeof (Queued));
  g_array_set_clear_func (writer->queued, queued_clear);
  if ((writer->insert = gr_store_prepare (store, insert, error)) == NULL ||
      (writer->update = gr_store_prepare (store, update, error)) == NULL)
    return NULL;
  if (track_changes && gr_outbox_enabled (store) && (writer->outbox = gr_outbox_new (store, error)) == NULL)
    return NULL;

  for (guint i = 0; i < entity->n_fields; i++)
    {
      ChildStatements statements = { entity->fields[i].child, NULL, NULL, NULL };
      g_autofree char *child_insert = NULL;
      g_autofree char *child_remove = NULL;

      if (entity->fields[i].type != GR_FIELD_CHILDREN)
        continue;
      child_insert = insert_sql (statements.child, 1);
      child_remove = g_strdup_printf ("DELETE FROM \"%s\" WHERE parent = ?1", statements.child->table);
      statements.insert = gr_store_prepare (store, child_insert, error);
      statements.remove = gr_store_prepare (store, child_remove, error);
      g_array_append_val (writer->children, statements);
      if (statements.insert == NULL || statements.remove == NULL)
        return NULL;
    }
  return g_steal_pointer (&writer);
}

static void
bind_fields (sqlite3_stmt   *stmt,
             const GrRecord *record,
             int             param)
{
  const GrEntity *entity = record->entity;

  for (guint i = 0; i < entity->n_fields; i++)
    {
      const GrValue *value = &record->values[i];

      if (entity->fields[i].type == GR_FIELD_CHILDREN)
        continue;
      switch (value->type)
        {
        case GR_VALUE_INT:
          sqlite3_bind_int64 (stmt, param, value->i);
          break;
        case GR_VALUE_REAL:
          sqlite3_bind_double (stmt, param, value->d);
          break;
        case GR_VALUE_TEXT:
          sqlite3_bind_text (stmt, param, value->s, -1, SQLITE_STATIC);
          break;
        case GR_VALUE_NULL:
        case GR_VALUE_CHILDREN:
        default:
          sqlite3_bind_null (stmt, param);
          break;
        }
      param++;
    }
  if (record->extra != NULL)
    sqlite3_bind_text (stmt, param, record->extra, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, param);
}

static gboolean
step_done (GrRecordWriter  *writer,
           sqlite3_stmt    *stmt,
           const GrRecord  *record,
           GError         **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  gr_store_set_error (writer->store, error, _("Could not save a record"));
  g_prefix_error (error, "%s %s: ", writer->entity->table, record->id ? record->id : "");
  return FALSE;
}

static gboolean
write_children (GrRecordWriter  *writer,
                const GrRecord  *record,
                gboolean         replace,
                GError         **error)
{
  guint child_index = 0;

  for (guint i = 0; i < record->entity->n_fields; i++)
    {
      ChildStatements *statements;
      GPtrArray *children;

      if (record->entity->fields[i].type != GR_FIELD_CHILDREN)
        continue;
      statements = &g_array_index (writer->children, ChildStatements, child_index++);
      if (replace)
        {
          sqlite3_bind_text (statements->remove, 1, record->id, -1, SQLITE_STATIC);
          if (!step_done (writer, statements->remove, record, error))
            return FALSE;
        }
      children = record->values[i].type == GR_VALUE_CHILDREN ? record->values[i].children : NULL;
      for (guint c = 0; children != NULL && c < children->len; c++)
        {
          sqlite3_bind_text (statements->insert, 1, record->id, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (statements->insert, 2, c);
          bind_fields (statements->insert, children->pdata[c], 3);
          if (!step_done (writer, statements->insert, record, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* A top-level record's values from parameter base + 1 on. */
static void
bind_record (sqlite3_stmt   *stmt,
             int             base,
             const GrRecord *record,
             const char     *hash)
{
  sqlite3_bind_text (stmt, base + 1, record->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, base + 2, record->version);
  sqlite3_bind_text (stmt, base + 3, record->updated_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, base + 4, record->updated_by, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, base + 5, record->deleted ? 1 : 0);
  sqlite3_bind_text (stmt, base + 6, hash, -1, SQLITE_STATIC);
  bind_fields (stmt, record, base + 7);
}

static gboolean
write_record (GrRecordWriter  *writer,
              sqlite3_stmt    *stmt,
              const GrRecord  *record,
              const char      *hash,
              gboolean         replace,
              GError         **error)
{
  g_return_val_if_fail (record->entity == writer->entity, FALSE);
  g_return_val_if_fail (record->id != NULL && record->version >= 0, FALSE);

  bind_record (stmt, 0, record, hash);
  if (!step_done (writer, stmt, record, error))
    return FALSE;
  if (replace && sqlite3_changes (gr_store_get_db (writer->store)) != 1)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND, _("%s %s: the record to update is gone"),
                   writer->entity->table, record->id);
      return FALSE;
    }
  return write_children (writer, record, replace, error);
}

gboolean
gr_record_writer_insert (GrRecordWriter  *writer,
                         const GrRecord  *record,
                         const char      *hash,
                         GError         **error)
{
  /* The outbox row goes in the caller's transaction, with the record. */
  return write_record (writer, writer->insert, record, hash, FALSE, error) &&
         (writer->outbox == NULL || gr_outbox_add_insert (writer->outbox, record, error));
}

gboolean
gr_record_writer_update (GrRecordWriter  *writer,
                         const GrRecord  *record,
                         const char      *hash,
                         GError         **error)
{
  g_autoptr(GrRecord) old = NULL;

  if (writer->outbox == NULL)
    return write_record (writer, writer->update, record, hash, TRUE, error);

  /* What the record was, to send only the fields that changed. */
  old = gr_record_load (writer->store, writer->entity, record->id, error);
  if (old == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND, _("%s %s: the record to update is gone"),
                     writer->entity->table, record->id);
      return FALSE;
    }
  return write_record (writer, writer->update, record, hash, TRUE, error) &&
         gr_outbox_add_update (writer->outbox, old, record, error);
}

gboolean
gr_record_writer_queue_insert (GrRecordWriter  *writer,
                               const GrRecord  *record,
                               const char      *hash,
                               GError         **error)
{
  Queued queued = { record, g_strdup (hash) };

  g_return_val_if_fail (writer->outbox == NULL, FALSE);
  g_return_val_if_fail (record->entity == writer->entity, FALSE);
  g_return_val_if_fail (record->id != NULL && record->version >= 0, FALSE);

  g_array_append_val (writer->queued, queued);
  if (writer->queued->len < BATCH_ROWS)
    return TRUE;
  return gr_record_writer_flush (writer, error);
}

/* The batch statement of entity, made when first used. */
static sqlite3_stmt *
batch_statement (GrRecordWriter  *writer,
                 const GrEntity  *entity,
                 sqlite3_stmt   **slot,
                 GError         **error)
{
  if (*slot == NULL)
    {
      g_autofree char *sql = insert_sql (entity, BATCH_ROWS);

      *slot = gr_store_prepare (writer->store, sql, error);
    }
  return *slot;
}

typedef struct {
  const GrRecord *parent;
  gint64          seq;
  const GrRecord *child;
} ChildRow;

static void
bind_child (sqlite3_stmt   *stmt,
            int             base,
            const ChildRow *row)
{
  sqlite3_bind_text (stmt, base + 1, row->parent->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, base + 2, row->seq);
  bind_fields (stmt, row->child, base + 3);
}

/* The children of the first n queued records, field by field: in
 * batches, the rows left over one by one (and a batch that fails again
 * one by one, for the message). */
static gboolean
write_queued_children (GrRecordWriter  *writer,
                       guint            n,
                       GError         **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (ChildRow));
  guint child_index = 0;

  for (guint i = 0; i < writer->entity->n_fields; i++)
    {
      ChildStatements *statements;
      guint params, done = 0;

      if (writer->entity->fields[i].type != GR_FIELD_CHILDREN)
        continue;
      statements = &g_array_index (writer->children, ChildStatements, child_index++);
      params = n_params (statements->child);
      g_array_set_size (rows, 0);
      for (guint q = 0; q < n; q++)
        {
          const GrRecord *record = g_array_index (writer->queued, Queued, q).record;
          GPtrArray *children = record->values[i].type == GR_VALUE_CHILDREN ? record->values[i].children : NULL;

          for (guint c = 0; children != NULL && c < children->len; c++)
            {
              ChildRow row = { record, c, children->pdata[c] };

              g_array_append_val (rows, row);
            }
        }
      for (; rows->len - done >= BATCH_ROWS; done += BATCH_ROWS)
        {
          sqlite3_stmt *batch = batch_statement (writer, statements->child, &statements->insert_batch, error);
          int rc;

          if (batch == NULL)
            return FALSE;
          for (guint r = 0; r < BATCH_ROWS; r++)
            bind_child (batch, r * params, &g_array_index (rows, ChildRow, done + r));
          rc = sqlite3_step (batch);
          sqlite3_reset (batch);
          if (rc != SQLITE_DONE)
            break;
        }
      for (; done < rows->len; done++)
        {
          const ChildRow *row = &g_array_index (rows, ChildRow, done);

          bind_child (statements->insert, 0, row);
          if (!step_done (writer, statements->insert, row->parent, error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
gr_record_writer_flush (GrRecordWriter  *writer,
                        GError         **error)
{
  guint n = writer->queued->len;
  guint params = n_params (writer->entity);
  guint done = 0;
  gboolean ok = TRUE;

  for (; n - done >= BATCH_ROWS; done += BATCH_ROWS)
    {
      sqlite3_stmt *batch = batch_statement (writer, writer->entity, &writer->insert_batch, error);
      int rc;

      if (batch == NULL)
        {
          ok = FALSE;
          break;
        }
      for (guint r = 0; r < BATCH_ROWS; r++)
        {
          Queued *queued = &g_array_index (writer->queued, Queued, done + r);

          bind_record (batch, r * params, queued->record, queued->hash);
        }
      rc = sqlite3_step (batch);
      sqlite3_reset (batch);
      /* (a failed statement leaves nothing behind: the rest goes one by
       * one, which names the record that fails) */
      if (rc != SQLITE_DONE)
        break;
    }
  /* The children of the records written in batches, then the others,
   * each with its children. */
  ok = ok && write_queued_children (writer, done, error);
  for (guint q = done; ok && q < n; q++)
    {
      Queued *queued = &g_array_index (writer->queued, Queued, q);

      ok = write_record (writer, writer->insert, queued->record, queued->hash, FALSE, error);
    }
  g_array_set_size (writer->queued, 0);
  return ok;
}

void
gr_record_writer_free (GrRecordWriter *writer)
{
  if (writer == NULL)
    return;
  g_clear_pointer (&writer->queued, g_array_unref);
  g_clear_pointer (&writer->insert, sqlite3_finalize);
  g_clear_pointer (&writer->insert_batch, sqlite3_finalize);
  g_clear_pointer (&writer->update, sqlite3_finalize);
  g_clear_pointer (&writer->children, g_array_unref);
  g_clear_pointer (&writer->outbox, gr_outbox_free);
  g_clear_object (&writer->store);
  g_free (writer);
}
