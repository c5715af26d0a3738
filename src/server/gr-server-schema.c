/* gr-server-schema.c
 *
 * Never edit a step that has shipped: add a new one at the end.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-server-schema"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "gr-server-schema.h"

/* An arbitrary constant: the advisory lock that serialises migrations. */
#define MIGRATION_LOCK "7346211"

static const char * const steps[] = {
  /* 1: accounts: users with roles and scopes, devices, hashed tokens,
   * failed logins; the history epoch (SYNC.md §3.5) */
  "CREATE TABLE granary_meta (\n"
  "  key text PRIMARY KEY,\n"
  "  value text NOT NULL\n"
  ");\n"
  "INSERT INTO granary_meta (key, value) VALUES ('epoch', md5(random()::text || clock_timestamp()::text));\n"
  "CREATE TABLE users (\n"
  "  id bigserial PRIMARY KEY,\n"
  "  name text NOT NULL UNIQUE,\n"
  "  role text NOT NULL CHECK (role IN ('bureau', 'company', 'inspector')),\n"
  "  enterprise text,\n"
  "  depots text[] NOT NULL DEFAULT '{}',\n"
  "  password_hash text NOT NULL,\n"
  "  disabled boolean NOT NULL DEFAULT false,\n"
  "  created_at timestamptz NOT NULL DEFAULT now()\n"
  ");\n"
  "CREATE TABLE devices (\n"
  "  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),\n"
  "  user_id bigint NOT NULL REFERENCES users (id),\n"
  "  name text,\n"
  "  created_at timestamptz NOT NULL DEFAULT now(),\n"
  "  last_seen_at timestamptz\n"
  ");\n"
  "CREATE TABLE tokens (\n"
  "  hash text PRIMARY KEY,\n"
  "  user_id bigint NOT NULL REFERENCES users (id),\n"
  "  kind text NOT NULL CHECK (kind IN ('access', 'refresh')),\n"
  "  expires_at timestamptz NOT NULL,\n"
  "  created_at timestamptz NOT NULL DEFAULT now()\n"
  ");\n"
  "CREATE INDEX tokens_expires_at ON tokens (expires_at);\n"
  "CREATE TABLE login_failures (\n"
  "  key text PRIMARY KEY,\n"
  "  first_at timestamptz NOT NULL,\n"
  "  count integer NOT NULL\n"
  ");\n",

  /* 2: sync: the records with their version, change sequence and scope;
   * the commit-ordered sequence counter (SYNC.md §3.1); idempotency
   * records (§3.4); the change log of who changed what, from which
   * device, when (全过程记录) */
  "CREATE TABLE seq_counter (\n"
  "  id integer PRIMARY KEY CHECK (id = 1),\n"
  "  value bigint NOT NULL\n"
  ");\n"
  "INSERT INTO seq_counter (id, value) VALUES (1, 0);\n"
  "CREATE TABLE records (\n"
  "  entity text NOT NULL,\n"
  "  id text NOT NULL,\n"
  "  version bigint NOT NULL,\n"
  "  seq bigint,\n"
  "  deleted boolean NOT NULL DEFAULT false,\n"
  "  enterprise text,\n"
  "  depot text,\n"
  "  data text NOT NULL,\n"
  "  content_hash text NOT NULL,\n"
  "  field_versions text NOT NULL DEFAULT '{}',\n"
  "  updated_at timestamptz NOT NULL,\n"
  "  updated_by text NOT NULL,\n"
  "  PRIMARY KEY (entity, id)\n"
  ");\n"
  "CREATE INDEX records_seq ON records (seq);\n"
  "CREATE INDEX records_enterprise_seq ON records (enterprise, seq);\n"
  "CREATE INDEX records_depot_seq ON records (depot, seq);\n"
  "CREATE TABLE applied_mutations (\n"
  "  mutation_id text PRIMARY KEY,\n"
  "  device_id uuid,\n"
  "  user_id bigint,\n"
  "  request_hash text NOT NULL,\n"
  "  result text NOT NULL,\n"
  "  applied_at timestamptz NOT NULL DEFAULT now()\n"
  ");\n"
  "CREATE INDEX applied_mutations_applied_at ON applied_mutations (applied_at);\n"
  "CREATE TABLE change_log (\n"
  "  id bigserial PRIMARY KEY,\n"
  "  at timestamptz NOT NULL DEFAULT now(),\n"
  "  user_name text NOT NULL,\n"
  "  device_id uuid,\n"
  "  mutation_id text,\n"
  "  entity text NOT NULL,\n"
  "  entity_id text NOT NULL,\n"
  "  op text NOT NULL,\n"
  "  version bigint NOT NULL,\n"
  "  fields text\n"
  ");\n"
  "CREATE INDEX change_log_entity ON change_log (entity, entity_id);\n",

  /* 3: inspection photos, stored by content hash */
  "CREATE TABLE blobs (\n"
  "  sha256 text PRIMARY KEY,\n"
  "  size integer NOT NULL,\n"
  "  data bytea NOT NULL,\n"
  "  user_id bigint,\n"
  "  created_at timestamptz NOT NULL DEFAULT now()\n"
  ");\n",
};

int
gr_server_schema_latest (void)
{
  return (int) G_N_ELEMENTS (steps);
}

int
gr_server_schema_version (GrServerPg  *pg,
                          GError     **error)
{
  g_autoptr(PGresult) exists = NULL;
  g_autoptr(PGresult) version = NULL;

  exists = gr_server_pg_exec (pg, "SELECT to_regclass('granary_schema') IS NOT NULL", 0, NULL, error);
  if (exists == NULL)
    return -1;
  if (g_strcmp0 (PQgetvalue (exists, 0, 0), "t") != 0)
    return 0;
  version = gr_server_pg_exec (pg, "SELECT version FROM granary_schema", 0, NULL, error);
  if (version == NULL)
    return -1;
  return PQntuples (version) > 0 ? atoi (PQgetvalue (version, 0, 0)) : 0;
}

static gboolean
refuse_newer (int       version,
              GError  **error)
{
  if (version <= gr_server_schema_latest ())
    return TRUE;
  g_set_error (error, GR_SERVER_PG_ERROR, GR_SERVER_PG_ERROR_FAILED,
               _("The database was written by a newer granary-server (schema %d, this program knows %d); "
                 "upgrade granary-server"), version, gr_server_schema_latest ());
  return FALSE;
}

gboolean
gr_server_schema_migrate (GrServerPg  *pg,
                          int          target,
                          GError     **error)
{
  int version;

  g_return_val_if_fail (target >= 0 && target <= gr_server_schema_latest (), FALSE);

  if ((version = gr_server_schema_version (pg, error)) < 0 || !refuse_newer (version, error))
    return FALSE;

  while (version < target)
    {
      g_autofree char *next = NULL;
      const char *params[1];
      g_autoptr(GError) local = NULL;

      /* Another instance may be migrating: take the lock, then look again. */
      if (!gr_server_pg_begin (pg, &local) ||
          !gr_server_pg_run (pg, "SELECT pg_advisory_xact_lock(" MIGRATION_LOCK ")", &local) ||
          !gr_server_pg_run (pg, "CREATE TABLE IF NOT EXISTS granary_schema (version integer NOT NULL)", &local) ||
          (version = gr_server_schema_version (pg, &local)) < 0 ||
          !refuse_newer (version, &local))
        goto failed;
      if (version >= target)
        {
          if (!gr_server_pg_commit (pg, &local))
            goto failed;
          break;
        }

      next = g_strdup_printf ("%d", version + 1);
      params[0] = next;
      if (!gr_server_pg_run (pg, steps[version], &local) ||
          !gr_server_pg_run (pg, "DELETE FROM granary_schema", &local) ||
          !gr_server_pg_do (pg, "INSERT INTO granary_schema (version) VALUES ($1::integer)", 1, params, &local) ||
          !gr_server_pg_commit (pg, &local))
        {
          g_prefix_error (&local, _("Could not upgrade the database to schema %d: "), version + 1);
          goto failed;
        }
      version++;
      continue;

    failed:
      gr_server_pg_rollback (pg);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}
