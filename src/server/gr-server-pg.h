/* gr-server-pg.h: one PostgreSQL connection with its prepared statements
 *
 * Every statement that carries data is prepared once per connection and
 * run with PQexecPrepared, its values passed as parameters (never pasted
 * into SQL text), or, for bulk loads, streamed with COPY FROM STDIN
 * (gr_server_pg_copy). Transaction control and the frozen migration
 * steps, which carry no data, go through gr_server_pg_run.
 *
 * A connection belongs to one thread at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

#define GR_SERVER_PG_ERROR (gr_server_pg_error_quark ())

typedef enum {
  GR_SERVER_PG_ERROR_FAILED,
  GR_SERVER_PG_ERROR_CONNECTION,    /* the server is unreachable or the connection broke */
  GR_SERVER_PG_ERROR_UNIQUE,        /* 23505 */
  GR_SERVER_PG_ERROR_RETRY,         /* 40001 serialization, 40P01 deadlock, 55P03 lock not available */
} GrServerPgError;

typedef struct _GrServerPg GrServerPg;

GQuark       gr_server_pg_error_quark (void);

GrServerPg  *gr_server_pg_connect     (const char   *conninfo,
                                       GError      **error);
void         gr_server_pg_free        (GrServerPg   *pg);
PGconn      *gr_server_pg_get_conn    (GrServerPg   *pg);
/* FALSE once the connection is broken: the owner drops it and reconnects. */
gboolean     gr_server_pg_is_ok       (GrServerPg   *pg);

/* Runs a prepared statement (sql is prepared on first use); values are
 * text, NULL for SQL NULL. Returns the result of a successful command or
 * query, or NULL with error set. */
PGresult    *gr_server_pg_exec        (GrServerPg          *pg,
                                       const char          *sql,
                                       int                  n_params,
                                       const char * const  *values,
                                       GError             **error);
/* The same for statements whose result is not needed. */
gboolean     gr_server_pg_do          (GrServerPg          *pg,
                                       const char          *sql,
                                       int                  n_params,
                                       const char * const  *values,
                                       GError             **error);
/* Runs fixed SQL without parameters (BEGIN, COMMIT, migration steps). */
gboolean     gr_server_pg_run         (GrServerPg   *pg,
                                       const char   *sql,
                                       GError      **error);
/* COPY … FROM STDIN (sql) of data, rows in COPY's text format: each
 * value escaped (gr_server_pg_copy_append), tab between values, a
 * newline after each row. */
gboolean     gr_server_pg_copy        (GrServerPg   *pg,
                                       const char   *sql,
                                       const char   *data,
                                       gsize         length,
                                       GError      **error);
/* The same in steps, for data made as it is sent: begin, put as many
 * times as needed, end (abort_message NULL) or abort (a message for the
 * server's log; then FALSE). */
gboolean     gr_server_pg_copy_begin  (GrServerPg   *pg,
                                       const char   *sql,
                                       GError      **error);
gboolean     gr_server_pg_copy_put    (GrServerPg   *pg,
                                       const char   *data,
                                       gsize         length,
                                       GError      **error);
gboolean     gr_server_pg_copy_end    (GrServerPg   *pg,
                                       const char   *abort_message,
                                       GError      **error);
/* Appends value (NULL for SQL NULL) in COPY's text format. */
void         gr_server_pg_copy_append (GString      *out,
                                       const char   *value);
gboolean     gr_server_pg_begin       (GrServerPg   *pg,
                                       GError      **error);
gboolean     gr_server_pg_commit      (GrServerPg   *pg,
                                       GError      **error);
/* Rolls back an open transaction; harmless when none is open. */
void         gr_server_pg_rollback    (GrServerPg   *pg);
gboolean     gr_server_pg_in_transaction (GrServerPg *pg);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrServerPg, gr_server_pg_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

G_END_DECLS
