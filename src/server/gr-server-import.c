/* gr-server-import.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-server-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gr-dataset.h"
#include "gr-import.h"
#include "gr-json-writer.h"
#include "gr-record-store.h"
#include "gr-schema.h"
#include "gr-server-import.h"
#include "gr-store.h"

typedef struct {
  char *enterprise;
  char *depot;
} Place;

static void
place_free (gpointer data)
{
  Place *place = data;

  g_free (place->enterprise);
  g_free (place->depot);
  g_free (place);
}

static void
remove_tree (const char *dir)
{
  const char *argv[] = { "rm", "-rf", dir, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, NULL, NULL);
}

/* Where a record belongs, from the places of its parents in the file. */
static void
place_of (GHashTable     *places,
          const GrRecord *record,
          const char    **out_enterprise,
          const char    **out_depot)
{
  const char *name = record->entity->name;
  g_autofree char *parent = NULL;
  Place *found;

  *out_enterprise = NULL;
  *out_depot = NULL;
  if (strcmp (name, "enterprise") == 0)
    {
      *out_enterprise = record->id;
      return;
    }
  if (strcmp (name, "depot") == 0)
    {
      *out_enterprise = gr_record_get_text (record, "enterprise");
      *out_depot = record->id;
      return;
    }
  if (gr_record_get_text (record, "enterprise") != NULL)
    {
      *out_enterprise = gr_record_get_text (record, "enterprise");
      return;
    }
  if (strcmp (name, "bin") == 0 || strcmp (name, "inspection") == 0 || strcmp (name, "depot_assessment") == 0)
    parent = g_strconcat ("depot\n", gr_record_get_text (record, "depot"), NULL);
  else if (strcmp (name, "lot") == 0)
    parent = g_strconcat ("bin\n", gr_record_get_text (record, "bin"), NULL);
  else if (strcmp (name, "movement") == 0 || strcmp (name, "quality_test") == 0)
    parent = g_strconcat ("lot\n", gr_record_get_text (record, "lot"), NULL);
  else if (strcmp (name, "finding_closure") == 0)
    parent = g_strconcat ("inspection\n", gr_record_get_text (record, "inspection"), NULL);
  if (parent == NULL)
    return;
  found = g_hash_table_lookup (places, parent);
  if (found != NULL)
    {
      *out_enterprise = found->enterprise;
      *out_depot = found->depot;
    }
}

static gboolean
is_parent (const GrEntity *entity)
{
  return strcmp (entity->name, "depot") == 0 || strcmp (entity->name, "bin") == 0 ||
         strcmp (entity->name, "lot") == 0 || strcmp (entity->name, "inspection") == 0;
}

/* Rows are sent in COPY batches of about this many bytes, or, in one
 * long COPY, in pieces of this many. */
#define COPY_CHUNK (8 << 20)
#define STREAM_CHUNK (1 << 20)
#define COPY_RECORDS "COPY records (entity, id, version, seq, deleted, enterprise, depot, data, content_hash," \
                     " field_versions, updated_at, updated_by) FROM STDIN"
/* Records looked up on the server at once, when it has some already. */
#define LOOKUP_CHUNK 5000

typedef struct {
  GrServerPg          *pg;
  const char          *who;
  char                *now;        /* what the records' data say for updated_at */
  char                *now_sql;    /* the transaction's now(), for the updated_at column */
  gint64               seq;        /* the last sequence number given */
  GString             *inserts;    /* COPY rows of records */
  GString             *updates;    /* COPY rows of import_updates */
  gboolean             any_updates;
  /* Into an empty server: one COPY of records open for the whole load,
   * which PostgreSQL writes while the next rows are being made. */
  gboolean             streaming;
  GString             *data;
  GString             *versions;
  GrServerImportStats *stats;
} Load;

/* Sends the rows made so far: all of them when always, else when
 * there are enough. */
static gboolean
flush_copies (Load     *load,
              gboolean  always,
              GError  **error)
{
  if (load->streaming)
    {
      if (!always && load->inserts->len < STREAM_CHUNK)
        return TRUE;
      if (!gr_server_pg_copy_put (load->pg, load->inserts->str, load->inserts->len, error))
        return FALSE;
      g_string_truncate (load->inserts, 0);
      return TRUE;
    }
  if (!always && load->inserts->len + load->updates->len < COPY_CHUNK)
    return TRUE;
  if (load->inserts->len > 0 &&
      !gr_server_pg_copy (load->pg, COPY_RECORDS, load->inserts->str, load->inserts->len, error))
    return FALSE;
  if (load->updates->len > 0)
    {
      if (!load->any_updates &&
          !gr_server_pg_run (load->pg, "CREATE TEMPORARY TABLE import_updates (entity text, id text, version bigint,"
                                       " seq bigint, enterprise text, depot text, data text, content_hash text,"
                                       " field_versions text) ON COMMIT DROP", error))
        return FALSE;
      load->any_updates = TRUE;
      if (!gr_server_pg_copy (load->pg, "COPY import_updates FROM STDIN", load->updates->str, load->updates->len, error))
        return FALSE;
    }
  g_string_truncate (load->inserts, 0);
  g_string_truncate (load->updates, 0);
  return TRUE;
}

static void
copy_int (GString *out,
          gint64   value)
{
  g_string_append_printf (out, "%" G_GINT64_FORMAT, value);
}

/* What the server holds of one record: its version, and whether its
 * content is this record's. */
typedef struct {
  gint64   version;
  gboolean same;
} Stored;

/* The records of a chunk the server has already, by id. */
static GHashTable *
lookup_stored (Load            *load,
               const GrEntity  *entity,
               GPtrArray       *chunk,
               GPtrArray       *hashes,
               GError         **error)
{
  g_autoptr(GString) ids = g_string_new ("[");
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(PGresult) rows = NULL;
  const char *params[2];

  for (guint i = 0; i < chunk->len; i++)
    {
      GrRecord *record = chunk->pdata[i];

      if (i > 0)
        g_string_append (ids, ", ");
      gr_json_append_string (ids, record->id);
      g_hash_table_insert (by_id, record->id, hashes->pdata[i]);
    }
  g_string_append_c (ids, ']');
  params[0] = entity->name;
  params[1] = ids->str;
  rows = gr_server_pg_exec (load->pg, "SELECT id, version, content_hash, deleted FROM records"
                                      " WHERE entity = $1 AND id IN (SELECT json_array_elements_text($2::json))",
                            2, params, error);
  if (rows == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (rows); i++)
    {
      Stored *one = g_new0 (Stored, 1);
      const char *hash = g_hash_table_lookup (by_id, PQgetvalue (rows, i, 0));

      one->version = g_ascii_strtoll (PQgetvalue (rows, i, 1), NULL, 10);
      one->same = g_strcmp0 (PQgetvalue (rows, i, 2), hash) == 0 && strcmp (PQgetvalue (rows, i, 3), "f") == 0;
      g_hash_table_insert (stored, g_strdup (PQgetvalue (rows, i, 0)), one);
    }
  return g_steal_pointer (&stored);
}

/* One chunk of records of an entity into the COPY rows: new ones to
 * records, changed ones to import_updates (version + 1), unchanged ones
 * left alone; each written one takes the next sequence number. */
static gboolean
load_chunk (Load            *load,
            const GrEntity  *entity,
            GPtrArray       *chunk,
            gboolean         server_has_some,
            GHashTable      *places,
            GError         **error)
{
  g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) stored = NULL;

  for (guint i = 0; i < chunk->len; i++)
    g_ptr_array_add (hashes, gr_record_hash (chunk->pdata[i]));
  if (server_has_some && (stored = lookup_stored (load, entity, chunk, hashes, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < chunk->len; i++)
    {
      GrRecord *record = chunk->pdata[i];
      const char *hash = hashes->pdata[i];
      Stored *known = stored ? g_hash_table_lookup (stored, record->id) : NULL;
      GString *out = known != NULL ? load->updates : load->inserts;
      const char *enterprise, *depot;

      place_of (places, record, &enterprise, &depot);
      if (is_parent (entity))
        {
          Place *place = g_new0 (Place, 1);

          place->enterprise = g_strdup (enterprise);
          place->depot = g_strdup (depot);
          g_hash_table_insert (places, g_strconcat (entity->name, "\n", record->id, NULL), place);
        }
      if (known != NULL && known->same)
        {
          load->stats->unchanged++;
          continue;
        }
      if (known != NULL)
        load->stats->updated++;
      else
        load->stats->inserted++;

      record->version = known != NULL ? known->version + 1 : 1;
      g_free (record->updated_at);
      record->updated_at = g_strdup (load->now);
      g_free (record->updated_by);
      record->updated_by = g_strdup (load->who);
      g_string_truncate (load->data, 0);
      gr_record_append_json (record, load->data);
      g_string_assign (load->versions, "{");
      for (guint f = 0; f < entity->n_fields; f++)
        {
          if (f > 0)
            g_string_append (load->versions, ", ");
          gr_json_append_string (load->versions, entity->fields[f].name);
          g_string_append_printf (load->versions, ": [%" G_GINT64_FORMAT ", \"import\", 0]", record->version);
        }
      g_string_append_c (load->versions, '}');
      load->seq++;

      /* records (entity, id, version, seq, deleted, enterprise, depot,
       * data, content_hash, field_versions, updated_at, updated_by), or
       * import_updates without deleted and the last two */
      gr_server_pg_copy_append (out, entity->name);
      g_string_append_c (out, '\t');
      gr_server_pg_copy_append (out, record->id);
      g_string_append_c (out, '\t');
      copy_int (out, record->version);
      g_string_append_c (out, '\t');
      copy_int (out, load->seq);
      g_string_append (out, known != NULL ? "\t" : "\tf\t");
      gr_server_pg_copy_append (out, enterprise);
      g_string_append_c (out, '\t');
      gr_server_pg_copy_append (out, depot);
      g_string_append_c (out, '\t');
      gr_server_pg_copy_append (out, load->data->str);
      g_string_append_c (out, '\t');
      gr_server_pg_copy_append (out, hash);
      g_string_append_c (out, '\t');
      gr_server_pg_copy_append (out, load->versions->str);
      if (known == NULL)
        {
          g_string_append_c (out, '\t');
          gr_server_pg_copy_append (out, load->now_sql);
          g_string_append_c (out, '\t');
          gr_server_pg_copy_append (out, load->who);
        }
      g_string_append_c (out, '\n');
    }
  return flush_copies (load, FALSE, error);
}

/* The indexes of records and change_log but their primary keys: a load
 * into an empty server builds them once at its end, which is much
 * quicker than keeping them up to date row by row. */
static GPtrArray *
drop_indexes (GrServerPg  *pg,
              GError     **error)
{
  g_autoptr(GPtrArray) definitions = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PGresult) rows = NULL;

  rows = gr_server_pg_exec (pg, "SELECT i.indexrelid::regclass::text, pg_get_indexdef (i.indexrelid) FROM pg_index i"
                                " WHERE i.indrelid IN ('records'::regclass, 'change_log'::regclass)"
                                " AND NOT i.indisprimary ORDER BY 1", 0, NULL, error);
  if (rows == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (rows); i++)
    {
      g_autofree char *drop = g_strdup_printf ("DROP INDEX %s", PQgetvalue (rows, i, 0));

      if (!gr_server_pg_run (pg, drop, error))
        return NULL;
      g_ptr_array_add (definitions, g_strdup (PQgetvalue (rows, i, 1)));
    }
  return g_steal_pointer (&definitions);
}

static gboolean
write_records (GrServerPg           *pg,
               GrStore              *store,
               const char           *who,
               GrServerImportStats  *stats,
               GrProgressFunc        progress,
               gpointer              progress_data,
               GError              **error)
{
  guint n_entities;
  const GrEntity * const *entities = gr_schema_entities (&n_entities);
  g_autoptr(GHashTable) places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, place_free);
  g_autoptr(PGresult) counter = NULL;
  g_autoptr(PGresult) empty = NULL;
  g_autoptr(GPtrArray) indexes = NULL;
  g_autofree char *now = gr_dataset_now ();
  Load load = { 0 };
  gint64 first_seq;
  gboolean ok = FALSE;

  /* Pushes wait until the import is in (they would otherwise wait for
   * the counter below with their rows written, and the import for their
   * rows); pulls go on reading. Then the counter, held until COMMIT:
   * this import's changes take the next sequence numbers, in commit
   * order like every push (SYNC.md §3.1). */
  if (!gr_server_pg_run (pg, "LOCK TABLE records IN SHARE ROW EXCLUSIVE MODE", error))
    return FALSE;
  counter = gr_server_pg_exec (pg, "SELECT value, now()::text FROM seq_counter WHERE id = 1 FOR UPDATE", 0, NULL,
                               error);
  empty = gr_server_pg_exec (pg, "SELECT NOT EXISTS (SELECT 1 FROM records)", 0, NULL, error);
  if (counter == NULL || empty == NULL)
    return FALSE;
  if (strcmp (PQgetvalue (empty, 0, 0), "t") == 0 && (indexes = drop_indexes (pg, error)) == NULL)
    return FALSE;

  load.pg = pg;
  load.who = who;
  load.now = now;
  load.now_sql = g_strdup (PQgetvalue (counter, 0, 1));
  load.seq = first_seq = g_ascii_strtoll (PQgetvalue (counter, 0, 0), NULL, 10);
  load.inserts = g_string_sized_new (COPY_CHUNK + (1 << 20));
  load.updates = g_string_new (NULL);
  load.data = g_string_sized_new (1024);
  load.versions = g_string_sized_new (256);
  load.stats = stats;
  if (indexes != NULL)
    {
      if (!gr_server_pg_copy_begin (pg, COPY_RECORDS, error))
        goto out;
      load.streaming = TRUE;
    }

  for (guint e = 0; e < n_entities; e++)
    {
      const GrEntity *entity = entities[e];
      g_autoptr(GrRecordReader) reader = gr_record_reader_new (store, entity, error);
      g_autoptr(GPtrArray) chunk = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_record_free);
      gint64 total = gr_store_count (store, entity->table);
      gint64 done = 0;
      gboolean server_has_some = FALSE;

      if (reader == NULL)
        goto out;
      if (indexes == NULL)
        {
          const char *params[] = { entity->name };
          g_autoptr(PGresult) some = gr_server_pg_exec (pg, "SELECT EXISTS (SELECT 1 FROM records WHERE entity = $1)",
                                                        1, params, error);

          if (some == NULL)
            goto out;
          server_has_some = strcmp (PQgetvalue (some, 0, 0), "t") == 0;
        }
      for (;;)
        {
          g_autoptr(GrRecord) record = NULL;
          gboolean end;

          if (!gr_record_reader_next (reader, &record, error))
            goto out;
          end = record == NULL;
          if (!end)
            g_ptr_array_add (chunk, g_steal_pointer (&record));
          if (chunk->len > 0 && (end || chunk->len >= LOOKUP_CHUNK))
            {
              if (!load_chunk (&load, entity, chunk, server_has_some, places, error))
                goto out;
              done += chunk->len;
              g_ptr_array_set_size (chunk, 0);
              if (progress != NULL && total > 0)
                progress (((double) e + (double) done / total) / n_entities, entity->array, progress_data);
            }
          if (end)
            break;
        }
    }
  if (!flush_copies (&load, TRUE, error))
    goto out;
  if (load.streaming)
    {
      load.streaming = FALSE;
      if (!gr_server_pg_copy_end (pg, NULL, error))
        goto out;
    }

  if (load.any_updates &&
      (!gr_server_pg_run (pg, "ANALYZE import_updates", error) ||
       !gr_server_pg_do (pg, "UPDATE records r SET version = u.version, seq = u.seq, deleted = false,"
                             " enterprise = u.enterprise, depot = u.depot, data = u.data, content_hash = u.content_hash,"
                             " field_versions = u.field_versions, updated_at = now(), updated_by = $1"
                             " FROM import_updates u WHERE r.entity = u.entity AND r.id = u.id", 1, &who, error)))
    goto out;
  {
    g_autofree char *first_text = g_strdup_printf ("%" G_GINT64_FORMAT, first_seq);
    const char *params[] = { who, first_text };

    /* The change log of every record written, in the order written: the
     * records above the counter as it was are this import's (no one
     * else writes records until it commits). */
    if (!gr_server_pg_run (pg, "SET LOCAL work_mem = '256MB'", error) ||
        !gr_server_pg_do (pg, "INSERT INTO change_log (user_name, entity, entity_id, op, version)"
                              " SELECT $1, entity, id, 'import', version FROM records WHERE seq > $2::bigint"
                              " ORDER BY seq", 2, params, error))
      goto out;
  }
  if (indexes != NULL)
    {
      if (!gr_server_pg_run (pg, "SET LOCAL maintenance_work_mem = '256MB'", error))
        goto out;
      for (guint i = 0; i < indexes->len; i++)
        if (!gr_server_pg_run (pg, indexes->pdata[i], error))
          goto out;
      /* The planner's figures for the tables as they are now. */
      if (!gr_server_pg_run (pg, "ANALYZE records", error) ||
          !gr_server_pg_run (pg, "ANALYZE change_log", error))
        goto out;
    }

  if (load.seq > first_seq)
    {
      g_autofree char *seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, load.seq);
      const char *params[] = { seq_text };

      if (!gr_server_pg_do (pg, "UPDATE seq_counter SET value = $1::bigint WHERE id = 1", 1, params, error) ||
          !gr_server_pg_do (pg, "SELECT pg_notify('granary_changes', $1)", 1, params, error))
        goto out;
    }
  ok = TRUE;

out:
  if (load.streaming)
    gr_server_pg_copy_end (pg, "the import failed", NULL);
  g_free (load.now_sql);
  if (load.inserts != NULL)
    {
      g_string_free (load.inserts, TRUE);
      g_string_free (load.updates, TRUE);
      g_string_free (load.data, TRUE);
      g_string_free (load.versions, TRUE);
    }
  return ok;
}

gboolean
gr_server_import_file (GrServerPg           *pg,
                       const char           *path,
                       const char           *who,
                       GrServerImportStats  *stats,
                       GrProgressFunc        progress,
                       gpointer              progress_data,
                       GError              **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autoptr(GrStore) store = NULL;
  GrServerImportStats local_stats = { 0 };
  gboolean ok = FALSE;

  dir = g_dir_make_tmp ("granary-import-XXXXXX", error);
  if (dir == NULL)
    return FALSE;
  db = g_build_filename (dir, "import.db", NULL);

  /* A scratch database: it never syncs, and losing it to a crash costs
   * nothing, so it is written without waiting for the disk; a province
   * does not fit the usual cache. */
  if ((store = gr_store_open (db, error)) == NULL ||
      !gr_store_set_meta (store, "outbox", "off", error) ||
      !gr_store_exec (store, "PRAGMA synchronous = OFF", error) ||
      !gr_store_exec (store, "PRAGMA cache_size = -131072", error) ||
      !gr_import_file (store, path, GR_IMPORT_NONE, NULL, progress, progress_data, error))
    goto out;

  if (!gr_server_pg_begin (pg, error))
    goto out;
  if (!write_records (pg, store, who, &local_stats, NULL, NULL, error) ||
      !gr_server_pg_commit (pg, error))
    {
      gr_server_pg_rollback (pg);
      goto out;
    }
  /* A bulk load leaves PostgreSQL without statistics of the records
   * until autovacuum comes round: meanwhile it plans a snapshot page as
   * a sort of every remaining record of the entity (seconds a page on a
   * province) instead of a walk of the key's index. */
  if (!gr_server_pg_run (pg, "ANALYZE records", error))
    goto out;
  if (stats != NULL)
    *stats = local_stats;
  ok = TRUE;

out:
  g_clear_object (&store);
  remove_tree (dir);
  return ok;
}
