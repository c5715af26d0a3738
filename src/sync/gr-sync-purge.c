/* gr-sync-purge.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-sync-purge"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-json-writer.h"
#include "gr-ledger.h"
#include "gr-schema.h"
#include "gr-sync-purge.h"

/* Where each record belongs, as the server derives it (gr-server-scope.h):
 * its enterprise and depot, through its parents. */
static const char * const scope_rows[] = {
  "SELECT 'enterprise', id, id, NULL FROM enterprises",
  "SELECT 'depot', id, enterprise, id FROM depots",
  "SELECT 'bin', t.id, d.enterprise, t.depot FROM bins t LEFT JOIN depots d ON d.id = t.depot",
  "SELECT 'plan', id, enterprise, NULL FROM plans",
  "SELECT 'lot', t.id, d.enterprise, b.depot FROM lots t LEFT JOIN bins b ON b.id = t.bin"
  " LEFT JOIN depots d ON d.id = b.depot",
  "SELECT 'movement', t.id, d.enterprise, b.depot FROM movements t LEFT JOIN lots l ON l.id = t.lot"
  " LEFT JOIN bins b ON b.id = l.bin LEFT JOIN depots d ON d.id = b.depot",
  "SELECT 'release', id, enterprise, NULL FROM releases",
  "SELECT 'rotation_plan', id, enterprise, NULL FROM rotation_plans",
  "SELECT 'monthly_report', id, enterprise, NULL FROM monthly_reports",
  "SELECT 'quality_test', t.id, d.enterprise, b.depot FROM quality_tests t LEFT JOIN lots l ON l.id = t.lot"
  " LEFT JOIN bins b ON b.id = l.bin LEFT JOIN depots d ON d.id = b.depot",
  "SELECT 'inspection', t.id, d.enterprise, t.depot FROM inspections t LEFT JOIN depots d ON d.id = t.depot",
  "SELECT 'finding_closure', t.id, d.enterprise, i.depot FROM finding_closures t"
  " LEFT JOIN inspections i ON i.id = t.inspection LEFT JOIN depots d ON d.id = i.depot",
  "SELECT 'depot_assessment', t.id, d.enterprise, t.depot FROM depot_assessments t LEFT JOIN depots d ON d.id = t.depot",
};

/* What a role reads (DESIGN.md §6), over sync_scope_rows; ?1 is the
 * company's enterprise or the inspector's depots as a JSON list. */
#define COMPANY_READS "enterprise = ?1"
#define INSPECTOR_READS \
  "(depot IN (SELECT value FROM json_each(?1)) AND entity NOT IN ('rotation_plan', 'depot_assessment'))" \
  " OR (depot IS NULL AND entity IN ('enterprise', 'plan', 'release', 'monthly_report')" \
  "     AND enterprise IN (SELECT d.enterprise FROM depots d WHERE d.id IN (SELECT value FROM json_each(?1))))"

static gboolean
start (GrStore  *store,
       GError  **error)
{
  return gr_store_exec (store,
                        "CREATE TEMP TABLE IF NOT EXISTS sync_purge (entity TEXT NOT NULL, id TEXT NOT NULL,"
                        " PRIMARY KEY (entity, id)) WITHOUT ROWID;"
                        "DELETE FROM temp.sync_purge;", error);
}

static gboolean
run (GrStore     *store,
     const char  *sql,
     int         *out_changes,
     GError     **error)
{
  if (!gr_store_exec (store, sql, error))
    return FALSE;
  if (out_changes != NULL)
    *out_changes = sqlite3_changes (gr_store_get_db (store));
  return TRUE;
}

/* Keeps what has unsent changes, and every record a kept one refers to. */
static gboolean
protect (GrStore  *store,
         GError  **error)
{
  guint n;
  const GrEntity * const *entities = gr_schema_entities (&n);
  int changed;

  if (!run (store, "DELETE FROM temp.sync_purge WHERE EXISTS (SELECT 1 FROM outbox o"
                   " WHERE o.entity = sync_purge.entity AND o.entity_id = sync_purge.id"
                   " AND o.state IN ('pending', 'blocked', 'rejected', 'conflict'))", NULL, error))
    return FALSE;
  do
    {
      changed = 0;
      for (guint e = 0; e < n; e++)
        for (guint f = 0; f < entities[e]->n_fields; f++)
          {
            const GrField *field = &entities[e]->fields[f];
            g_autofree char *sql = NULL;
            int changes = 0;

            if (field->type != GR_FIELD_REF)
              continue;
            sql = g_strdup_printf ("DELETE FROM temp.sync_purge WHERE entity = '%s' AND id IN"
                                   " (SELECT t.\"%s\" FROM \"%s\" t WHERE t.\"%s\" IS NOT NULL AND NOT EXISTS"
                                   "  (SELECT 1 FROM temp.sync_purge p WHERE p.entity = '%s' AND p.id = t.id))",
                                   field->ref_entity, field->name, entities[e]->table, field->name,
                                   entities[e]->name);
            if (!run (store, sql, &changes, error))
              return FALSE;
            changed += changes;
          }
    }
  while (changed > 0);
  return TRUE;
}

static gboolean
remove_marked (GrStore  *store,
               guint    *out_purged,
               GError  **error)
{
  guint n;
  const GrEntity * const *entities = gr_schema_entities (&n);
  guint purged = 0;

  for (guint e = 0; e < n; e++)
    {
      g_autofree char *sql = NULL;
      int changes = 0;

      /* Children first: cascades do not run while foreign keys are off. */
      for (guint f = 0; f < entities[e]->n_fields; f++)
        if (entities[e]->fields[f].type == GR_FIELD_CHILDREN)
          {
            g_autofree char *children = g_strdup_printf ("DELETE FROM \"%s\" WHERE parent IN"
                                                         " (SELECT id FROM temp.sync_purge WHERE entity = '%s')",
                                                         entities[e]->fields[f].child->table, entities[e]->name);

            if (!run (store, children, NULL, error))
              return FALSE;
          }
      sql = g_strdup_printf ("DELETE FROM \"%s\" WHERE id IN (SELECT id FROM temp.sync_purge WHERE entity = '%s')",
                             entities[e]->table, entities[e]->name);
      if (!run (store, sql, &changes, error))
        return FALSE;
      purged += changes;
    }
  if (!run (store, "DELETE FROM sync_shadow WHERE EXISTS (SELECT 1 FROM temp.sync_purge p"
                   " WHERE p.entity = sync_shadow.entity AND p.id = sync_shadow.entity_id)", NULL, error) ||
      !run (store, "DELETE FROM temp.sync_purge", NULL, error))
    return FALSE;
  /* Balances and month-end stock follow what is left. */
  if (purged > 0 && !gr_ledger_rebuild_all (store, error))
    return FALSE;
  if (out_purged != NULL)
    *out_purged = purged;
  return TRUE;
}

gboolean
gr_sync_purge_outside_scope (GrStore     *store,
                             JsonObject  *scope,
                             guint       *out_purged,
                             GError     **error)
{
  const char *role = json_object_get_string_member_with_default (scope, "role", NULL);
  g_autoptr(sqlite3_stmt) mark = NULL;
  g_autofree char *param = NULL;

  if (out_purged != NULL)
    *out_purged = 0;
  /* The bureau reads everything; an unknown role is left alone. */
  if (g_strcmp0 (role, "company") == 0)
    param = g_strdup (json_object_get_string_member_with_default (scope, "enterprise", ""));
  else if (g_strcmp0 (role, "inspector") == 0)
    {
      JsonNode *depots = json_object_get_member (scope, "depots");

      param = depots ? gr_json_node_to_text (depots) : g_strdup ("[]");
    }
  else
    return TRUE;

  if (!start (store, error) ||
      !gr_store_exec (store,
                      "CREATE TEMP TABLE IF NOT EXISTS sync_scope_rows (entity TEXT NOT NULL, id TEXT NOT NULL,"
                      " enterprise TEXT, depot TEXT, PRIMARY KEY (entity, id)) WITHOUT ROWID;"
                      "DELETE FROM temp.sync_scope_rows;", error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (scope_rows); i++)
    {
      g_autofree char *sql = g_strconcat ("INSERT INTO temp.sync_scope_rows ", scope_rows[i], NULL);

      if (!gr_store_exec (store, sql, error))
        return FALSE;
    }
  mark = gr_store_prepare (store, g_strcmp0 (role, "company") == 0
                           ? "INSERT INTO temp.sync_purge SELECT entity, id FROM temp.sync_scope_rows"
                             " WHERE NOT coalesce(" COMPANY_READS ", 0)"
                           : "INSERT INTO temp.sync_purge SELECT entity, id FROM temp.sync_scope_rows"
                             " WHERE NOT coalesce(" INSPECTOR_READS ", 0)", error);
  if (mark == NULL)
    return FALSE;
  sqlite3_bind_text (mark, 1, param, -1, SQLITE_STATIC);
  if (sqlite3_step (mark) != SQLITE_DONE)
    {
      gr_store_set_error (store, error, _("Could not find the records outside the new scope"));
      return FALSE;
    }
  return gr_store_exec (store, "DELETE FROM temp.sync_scope_rows", error) &&
         protect (store, error) &&
         remove_marked (store, out_purged, error);
}

gboolean
gr_sync_purge_unseen (GrStore  *store,
                      guint    *out_purged,
                      GError  **error)
{
  guint n;
  const GrEntity * const *entities = gr_schema_entities (&n);

  if (out_purged != NULL)
    *out_purged = 0;
  if (!start (store, error))
    return FALSE;
  for (guint e = 0; e < n; e++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO temp.sync_purge SELECT '%s', id FROM \"%s\" t"
                                              " WHERE version > 0 AND NOT EXISTS (SELECT 1 FROM sync_seen s"
                                              " WHERE s.entity = '%s' AND s.entity_id = t.id)",
                                              entities[e]->name, entities[e]->table, entities[e]->name);

      if (!gr_store_exec (store, sql, error))
        return FALSE;
    }
  return protect (store, error) &&
         remove_marked (store, out_purged, error) &&
         gr_store_exec (store, "DELETE FROM sync_seen", error);
}
