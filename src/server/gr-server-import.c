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
  g_autoptr(GString) data = g_string_sized_new (1024);
  g_autofree char *now = gr_dataset_now ();
  gint64 seq;

  /* Held until COMMIT: this import's changes take the next sequence
   * numbers, in commit order like every push (SYNC.md §3.1). */
  counter = gr_server_pg_exec (pg, "SELECT value FROM seq_counter WHERE id = 1 FOR UPDATE", 0, NULL, error);
  if (counter == NULL)
    return FALSE;
  seq = g_ascii_strtoll (PQgetvalue (counter, 0, 0), NULL, 10);

  for (guint e = 0; e < n_entities; e++)
    {
      const GrEntity *entity = entities[e];
      g_autoptr(GrRecordReader) reader = gr_record_reader_new (store, entity, error);
      gint64 total = gr_store_count (store, entity->table);
      gint64 done = 0;

      if (reader == NULL)
        return FALSE;
      for (;;)
        {
          g_autoptr(GrRecord) record = NULL;
          g_autoptr(PGresult) stored = NULL;
          g_autofree char *hash = NULL;
          g_autofree char *version_text = NULL;
          g_autofree char *seq_text = NULL;
          g_autoptr(GString) versions = NULL;
          const char *enterprise, *depot;
          gint64 version = 1;

          if (!gr_record_reader_next (reader, &record, error))
            return FALSE;
          if (record == NULL)
            break;
          place_of (places, record, &enterprise, &depot);
          if (is_parent (entity))
            {
              Place *place = g_new0 (Place, 1);

              place->enterprise = g_strdup (enterprise);
              place->depot = g_strdup (depot);
              g_hash_table_insert (places, g_strconcat (entity->name, "\n", record->id, NULL), place);
            }

          hash = gr_record_hash (record);
          {
            const char *params[] = { entity->name, record->id };

            stored = gr_server_pg_exec (pg, "SELECT content_hash, version, deleted FROM records"
                                            " WHERE entity = $1 AND id = $2", 2, params, error);
            if (stored == NULL)
              return FALSE;
          }
          if (PQntuples (stored) > 0)
            {
              if (strcmp (PQgetvalue (stored, 0, 0), hash) == 0 && strcmp (PQgetvalue (stored, 0, 2), "f") == 0)
                {
                  stats->unchanged++;
                  continue;
                }
              version = g_ascii_strtoll (PQgetvalue (stored, 0, 1), NULL, 10) + 1;
              stats->updated++;
            }
          else
            stats->inserted++;

          record->version = version;
          g_free (record->updated_at);
          record->updated_at = g_strdup (now);
          g_free (record->updated_by);
          record->updated_by = g_strdup (who);
          g_string_truncate (data, 0);
          gr_record_append_json (record, data);
          versions = g_string_new ("{");
          for (guint f = 0; f < entity->n_fields; f++)
            {
              if (f > 0)
                g_string_append (versions, ", ");
              gr_json_append_string (versions, entity->fields[f].name);
              g_string_append_printf (versions, ": [%" G_GINT64_FORMAT ", \"import\", 0]", version);
            }
          g_string_append_c (versions, '}');
          version_text = g_strdup_printf ("%" G_GINT64_FORMAT, version);
          seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, ++seq);

          {
            const char *params[] = { entity->name, record->id, version_text, seq_text, enterprise, depot, data->str,
                                     hash, versions->str, who };
            const char *log[] = { who, entity->name, record->id, version_text };

            if (!gr_server_pg_do (pg,
                                  "INSERT INTO records (entity, id, version, seq, deleted, enterprise, depot, data,"
                                  " content_hash, field_versions, updated_at, updated_by)"
                                  " VALUES ($1, $2, $3::bigint, $4::bigint, false, $5, $6, $7, $8, $9, now(), $10)"
                                  " ON CONFLICT (entity, id) DO UPDATE SET version = EXCLUDED.version,"
                                  " seq = EXCLUDED.seq, deleted = false, enterprise = EXCLUDED.enterprise,"
                                  " depot = EXCLUDED.depot, data = EXCLUDED.data, content_hash = EXCLUDED.content_hash,"
                                  " field_versions = EXCLUDED.field_versions, updated_at = now(),"
                                  " updated_by = EXCLUDED.updated_by",
                                  10, params, error) ||
                !gr_server_pg_do (pg,
                                  "INSERT INTO change_log (user_name, entity, entity_id, op, version)"
                                  " VALUES ($1, $2, $3, 'import', $4::bigint)", 4, log, error))
              return FALSE;
          }
          if (progress != NULL && total > 0 && ++done % 1000 == 0)
            progress (((double) e + (double) done / total) / n_entities, entity->array, progress_data);
        }
    }

  {
    g_autofree char *seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
    const char *params[] = { seq_text };

    if (!gr_server_pg_do (pg, "UPDATE seq_counter SET value = $1::bigint WHERE id = 1", 1, params, error) ||
        !gr_server_pg_do (pg, "SELECT pg_notify('granary_changes', $1)", 1, params, error))
      return FALSE;
  }
  return TRUE;
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
   * nothing, so it is written without waiting for the disk. */
  if ((store = gr_store_open (db, error)) == NULL ||
      !gr_store_set_meta (store, "outbox", "off", error) ||
      !gr_store_exec (store, "PRAGMA synchronous = OFF", error) ||
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
