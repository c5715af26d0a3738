/* gr-pg-harness.h: a private PostgreSQL and granary-server processes for tests
 *
 * The harness runs a real PostgreSQL 15 in a temporary folder, reachable
 * only on a unix socket in that folder (no TCP port), and stops it when
 * the test program ends, even when it crashes (a watchdog process). When
 * the test runs as root, initdb and pg_ctl run as the postgres user, as
 * PostgreSQL refuses to run as root.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

typedef struct _GrPgHarness GrPgHarness;
typedef struct _GrServerProcess GrServerProcess;

/* NULL with G_IO_ERROR_NOT_FOUND when PostgreSQL is not installed. */
GrPgHarness     *gr_pg_harness_start           (GError      **error);
void             gr_pg_harness_stop            (GrPgHarness  *harness);
/* A new, empty database; its libpq connection string. */
char            *gr_pg_harness_new_database    (GrPgHarness  *harness);
/* Connects or fails the test. */
PGconn          *gr_pg_harness_connect         (const char   *conninfo);
/* Runs sql (no parameters) and fails the test on error. */
void             gr_pg_harness_exec            (PGconn       *conn,
                                                const char   *sql);
/* The first column of the first row as text (newly allocated). */
char            *gr_pg_harness_query_text      (PGconn       *conn,
                                                const char   *sql);

/* Starts granary-server (env GRANARY_SERVER) on a free loopback port
 * against conninfo; extra_args is NULL-terminated, may be NULL. */
GrServerProcess *gr_server_process_start       (const char   *conninfo,
                                                const char  **extra_args);
const char      *gr_server_process_get_url     (GrServerProcess *server);
/* SIGKILL, and waits for the process to be gone. */
void             gr_server_process_kill        (GrServerProcess *server);
/* Starts it again on the same port. */
void             gr_server_process_restart     (GrServerProcess *server);
void             gr_server_process_free        (GrServerProcess *server);

/* Runs granary-server with args (admin subcommands); returns the exit
 * status, with its stdout and stderr when the pointers are not NULL. */
int              gr_server_run_admin           (const char  **args,
                                                const char   *stdin_text,
                                                char        **out_stdout,
                                                char        **out_stderr);

/* Skips the test with a clear message when PostgreSQL is absent, else
 * returns the harness (started once per test program). */
GrPgHarness     *gr_pg_harness_get_or_skip     (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrServerProcess, gr_server_process_free)

G_END_DECLS
