/* gr-server-pg.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-server-pg"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-server-pg.h"

struct _GrServerPg
{
  PGconn     *conn;
  /* sql text → statement name, for the statements prepared on conn */
  GHashTable *prepared;
  guint       n_prepared;
};

G_DEFINE_QUARK (gr-server-pg-error-quark, gr_server_pg_error)

static void
set_error_from_conn (GrServerPg  *pg,
                     PGresult    *result,
                     GError     **error)
{
  const char *state = result ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  g_autofree char *message = g_strdup (result && PQresultErrorMessage (result)[0] ? PQresultErrorMessage (result)
                                                                                 : PQerrorMessage (pg->conn));
  GrServerPgError code = GR_SERVER_PG_ERROR_FAILED;

  g_strchomp (message);
  if (PQstatus (pg->conn) != CONNECTION_OK)
    code = GR_SERVER_PG_ERROR_CONNECTION;
  else if (g_strcmp0 (state, "23505") == 0)
    code = GR_SERVER_PG_ERROR_UNIQUE;
  else if (g_strcmp0 (state, "40001") == 0 || g_strcmp0 (state, "40P01") == 0 || g_strcmp0 (state, "55P03") == 0)
    code = GR_SERVER_PG_ERROR_RETRY;
  else if (state != NULL && g_str_has_prefix (state, "08"))
    code = GR_SERVER_PG_ERROR_CONNECTION;
  /* One line: PostgreSQL puts details on further lines. */
  for (char *p = message; *p; p++)
    if (*p == '\n')
      *p = ' ';
  g_set_error (error, GR_SERVER_PG_ERROR, code, _("Database error: %s"), message);
}

GrServerPg *
gr_server_pg_connect (const char  *conninfo,
                      GError     **error)
{
  g_autoptr(GrServerPg) pg = g_new0 (GrServerPg, 1);
  g_autoptr(PGresult) result = NULL;

  pg->prepared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  pg->conn = PQconnectdb (conninfo);
  if (PQstatus (pg->conn) != CONNECTION_OK)
    {
      g_autofree char *message = g_strdup (PQerrorMessage (pg->conn));

      g_strchomp (message);
      for (char *p = message; *p; p++)
        if (*p == '\n')
          *p = ' ';
      g_set_error (error, GR_SERVER_PG_ERROR, GR_SERVER_PG_ERROR_CONNECTION,
                   _("Could not connect to the database: %s"), message);
      return NULL;
    }
  /* Timestamps in UTC, so every instance writes the same text. */
  if (!gr_server_pg_run (pg, "SET TIME ZONE 'UTC'; SET client_min_messages = warning", error))
    return NULL;
  return g_steal_pointer (&pg);
}

void
gr_server_pg_free (GrServerPg *pg)
{
  if (pg == NULL)
    return;
  g_clear_pointer (&pg->conn, PQfinish);
  g_clear_pointer (&pg->prepared, g_hash_table_unref);
  g_free (pg);
}

PGconn *
gr_server_pg_get_conn (GrServerPg *pg)
{
  return pg->conn;
}

gboolean
gr_server_pg_is_ok (GrServerPg *pg)
{
  return pg->conn != NULL && PQstatus (pg->conn) == CONNECTION_OK;
}

PGresult *
gr_server_pg_exec (GrServerPg          *pg,
                   const char          *sql,
                   int                  n_params,
                   const char * const  *values,
                   GError             **error)
{
  const char *name = g_hash_table_lookup (pg->prepared, sql);
  PGresult *result;
  ExecStatusType status;

  if (name == NULL)
    {
      g_autofree char *new_name = g_strdup_printf ("gr%u", ++pg->n_prepared);
      g_autoptr(PGresult) prepared = PQprepare (pg->conn, new_name, sql, n_params, NULL);

      if (PQresultStatus (prepared) != PGRES_COMMAND_OK)
        {
          set_error_from_conn (pg, prepared, error);
          return NULL;
        }
      name = new_name;
      g_hash_table_insert (pg->prepared, g_strdup (sql), g_steal_pointer (&new_name));
    }

  result = PQexecPrepared (pg->conn, name, n_params, values, NULL, NULL, 0);
  status = PQresultStatus (result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      set_error_from_conn (pg, result, error);
      PQclear (result);
      return NULL;
    }
  return result;
}

gboolean
gr_server_pg_do (GrServerPg          *pg,
                 const char          *sql,
                 int                  n_params,
                 const char * const  *values,
                 GError             **error)
{
  PGresult *result = gr_server_pg_exec (pg, sql, n_params, values, error);

  if (result == NULL)
    return FALSE;
  PQclear (result);
  return TRUE;
}

gboolean
gr_server_pg_run (GrServerPg  *pg,
                  const char  *sql,
                  GError     **error)
{
  g_autoptr(PGresult) result = PQexec (pg->conn, sql);
  ExecStatusType status = PQresultStatus (result);

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      set_error_from_conn (pg, result, error);
      return FALSE;
    }
  return TRUE;
}

void
gr_server_pg_copy_append (GString    *out,
                          const char *value)
{
  const char *run = value;

  if (value == NULL)
    {
      g_string_append (out, "\\N");
      return;
    }
  for (const char *p = value; *p; p++)
    {
      char escaped;

      switch (*p)
        {
        case '\\': escaped = '\\'; break;
        case '\t': escaped = 't'; break;
        case '\n': escaped = 'n'; break;
        case '\r': escaped = 'r'; break;
        default: continue;
        }
      g_string_append_len (out, run, p - run);
      g_string_append_c (out, '\\');
      g_string_append_c (out, escaped);
      run = p + 1;
    }
  g_string_append (out, run);
}

gboolean
gr_server_pg_copy_begin (GrServerPg  *pg,
                         const char  *sql,
                         GError     **error)
{
  g_autoptr(PGresult) started = PQexec (pg->conn, sql);

  if (PQresultStatus (started) != PGRES_COPY_IN)
    {
      set_error_from_conn (pg, started, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
gr_server_pg_copy_put (GrServerPg  *pg,
                       const char  *data,
                       gsize        length,
                       GError     **error)
{
  /* libpq takes an int: long data goes in pieces */
  while (length > 0)
    {
      int piece = (int) MIN (length, (gsize) 1 << 24);

      if (PQputCopyData (pg->conn, data, piece) != 1)
        {
          set_error_from_conn (pg, NULL, error);
          return FALSE;
        }
      data += piece;
      length -= piece;
    }
  return TRUE;
}

gboolean
gr_server_pg_copy_end (GrServerPg  *pg,
                       const char  *abort_message,
                       GError     **error)
{
  PGresult *result;
  gboolean ok = TRUE;

  if (PQputCopyEnd (pg->conn, abort_message) != 1)
    {
      set_error_from_conn (pg, NULL, error);
      ok = FALSE;
    }
  /* The end of the copy, and then no more results. */
  while ((result = PQgetResult (pg->conn)) != NULL)
    {
      if (ok && PQresultStatus (result) != PGRES_COMMAND_OK)
        {
          set_error_from_conn (pg, result, error);
          ok = FALSE;
        }
      PQclear (result);
    }
  return ok && abort_message == NULL;
}

gboolean
gr_server_pg_copy (GrServerPg  *pg,
                   const char  *sql,
                   const char  *data,
                   gsize        length,
                   GError     **error)
{
  if (!gr_server_pg_copy_begin (pg, sql, error))
    return FALSE;
  if (!gr_server_pg_copy_put (pg, data, length, error))
    {
      gr_server_pg_copy_end (pg, "failed", NULL);
      return FALSE;
    }
  return gr_server_pg_copy_end (pg, NULL, error);
}

gboolean
gr_server_pg_begin (GrServerPg  *pg,
                    GError     **error)
{
  return gr_server_pg_run (pg, "BEGIN", error);
}

gboolean
gr_server_pg_commit (GrServerPg  *pg,
                     GError     **error)
{
  return gr_server_pg_run (pg, "COMMIT", error);
}

void
gr_server_pg_rollback (GrServerPg *pg)
{
  if (gr_server_pg_in_transaction (pg))
    gr_server_pg_run (pg, "ROLLBACK", NULL);
}

gboolean
gr_server_pg_in_transaction (GrServerPg *pg)
{
  PGTransactionStatusType status = PQtransactionStatus (pg->conn);

  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
}
