/* gr-import-write.c: an import's writes, inside its transaction
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-error.h"
#include "gr-import-private.h"

/* ---- Writing ---- */

void
_gr_import_mark_dirty (Import     *imp,
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

gboolean
_gr_import_write_item (Import      *imp,
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
      if (strcmp (name, "movement") == 0 && !(imp->flags & GR_IMPORT_SYNCED))
        add_written (imp->new_movements, where, record);
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
              _gr_import_mark_dirty (imp, record->id, "0000-01-01");
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
    _gr_import_mark_dirty (imp, gr_record_get_text (record, "lot"), gr_record_get_text (record, "date"));
  return TRUE;
}

gboolean
_gr_import_write_meta (Import  *imp,
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

