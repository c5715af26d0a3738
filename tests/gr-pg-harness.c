/* gr-pg-harness.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-pg-harness"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gr-pg-harness.h"

struct _GrPgHarness
{
  char  *bindir;
  char  *dir;         /* socket folder, data in dir/data */
  char  *run_as;      /* "postgres" when we are root, else NULL */
  GPid   watchdog;
  guint  n_databases;
};

struct _GrServerProcess
{
  char        *conninfo;
  char       **extra_args;
  char        *url;
  guint16      port;
  GSubprocess *process;
};

/* ---- PostgreSQL ---- */

static char *
find_bindir (void)
{
  const char *env = g_getenv ("GR_PG_BINDIR");
  g_autoptr(GDir) dir = NULL;
  g_autofree char *best = NULL;
  const char *name;
  g_autofree char *initdb = NULL;

  if (env != NULL && *env != '\0')
    {
      g_autofree char *program = g_build_filename (env, "initdb", NULL);

      return g_file_test (program, G_FILE_TEST_IS_EXECUTABLE) ? g_strdup (env) : NULL;
    }
  /* Debian keeps the server programs out of PATH, one folder per major version. */
  dir = g_dir_open ("/usr/lib/postgresql", 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *candidate = g_build_filename ("/usr/lib/postgresql", name, "bin", "initdb", NULL);

      if (g_file_test (candidate, G_FILE_TEST_IS_EXECUTABLE) &&
          (best == NULL || atoi (name) > atoi (best)))
        {
          g_free (best);
          best = g_strdup (name);
        }
    }
  if (best != NULL)
    return g_build_filename ("/usr/lib/postgresql", best, "bin", NULL);
  initdb = g_find_program_in_path ("initdb");
  if (initdb != NULL)
    return g_path_get_dirname (initdb);
  return NULL;
}

/* Runs a PostgreSQL program, as the postgres user when we are root. */
static gboolean
run_pg (GrPgHarness  *harness,
        const char   *program,
        const char  **args,
        GError      **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (harness->run_as != NULL)
    {
      g_ptr_array_add (argv, g_strdup ("runuser"));
      g_ptr_array_add (argv, g_strdup ("-u"));
      g_ptr_array_add (argv, g_strdup (harness->run_as));
      g_ptr_array_add (argv, g_strdup ("--"));
    }
  g_ptr_array_add (argv, g_build_filename (harness->bindir, program, NULL));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (harness->dir, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, &err, &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s failed: %s%s", program, out, err);
      return FALSE;
    }
  return TRUE;
}

static void
own_session (gpointer user_data)
{
  /* Out of the test's process group: meson and timeout kill the whole
   * group of a test that runs too long, and the watchdog must outlive it. */
  setsid ();
}

/* Stops PostgreSQL and removes the folder once this process is gone,
 * however it ends (a failed assertion aborts without cleaning up). */
static void
start_watchdog (GrPgHarness *harness)
{
  g_autofree char *pg_ctl = g_build_filename (harness->bindir, "pg_ctl", NULL);
  g_autofree char *data = g_build_filename (harness->dir, "data", NULL);
  g_autofree char *q_pg_ctl = g_shell_quote (pg_ctl);
  g_autofree char *q_data = g_shell_quote (data);
  g_autofree char *q_dir = g_shell_quote (harness->dir);
  g_autofree char *as = harness->run_as ? g_strdup_printf ("runuser -u %s -- ", harness->run_as) : g_strdup ("");
  g_autofree char *script = g_strdup_printf ("while kill -0 %d 2>/dev/null; do sleep 0.5; done; "
                                             "%s%s -D %s -m immediate -w stop >/dev/null 2>&1; rm -rf %s",
                                             (int) getpid (), as, q_pg_ctl, q_data, q_dir);
  const char *argv[] = { "/bin/sh", "-c", script, NULL };
  g_autoptr(GError) error = NULL;

  if (!g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                      own_session, NULL, &harness->watchdog, &error))
    g_error ("could not start the watchdog: %s", error->message);
}

GrPgHarness *
gr_pg_harness_start (GError **error)
{
  g_autofree char *bindir = find_bindir ();
  GrPgHarness *harness;
  g_autofree char *data = NULL;
  g_autofree char *log = NULL;
  g_autofree char *options = NULL;

  if (bindir == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "PostgreSQL is not installed (no initdb in /usr/lib/postgresql/*/bin, GR_PG_BINDIR or PATH)");
      return NULL;
    }

  harness = g_new0 (GrPgHarness, 1);
  harness->bindir = g_steal_pointer (&bindir);
  harness->dir = g_dir_make_tmp ("granary-pg-XXXXXX", error);
  if (harness->dir == NULL)
    {
      g_free (harness->bindir);
      g_free (harness);
      return NULL;
    }
  if (getuid () == 0)
    {
      struct passwd *pw = getpwnam ("postgres");

      if (pw == NULL || chown (harness->dir, pw->pw_uid, pw->pw_gid) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "running as root, but there is no postgres user to run PostgreSQL as");
          gr_pg_harness_stop (harness);
          return NULL;
        }
      harness->run_as = g_strdup ("postgres");
    }

  data = g_build_filename (harness->dir, "data", NULL);
  log = g_build_filename (harness->dir, "log", NULL);
  /* Durability of the test cluster itself does not matter: the tests
   * kill granary-server, never PostgreSQL. */
  options = g_strdup_printf ("-c listen_addresses='' -k '%s' -c fsync=off -c synchronous_commit=off "
                             "-c full_page_writes=off -c max_connections=200", harness->dir);
  {
    const char *initdb_args[] = { "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale",
                                  "--no-sync", NULL };
    const char *start_args[] = { "-D", data, "-l", log, "-w", "-t", "60", "-o", options, "start", NULL };

    if (!run_pg (harness, "initdb", initdb_args, error))
      {
        gr_pg_harness_stop (harness);
        return NULL;
      }
    start_watchdog (harness);
    if (!run_pg (harness, "pg_ctl", start_args, error))
      {
        g_autofree char *text = NULL;

        if (g_file_get_contents (log, &text, NULL, NULL))
          g_prefix_error (error, "%s\n", text);
        gr_pg_harness_stop (harness);
        return NULL;
      }
  }
  return harness;
}

void
gr_pg_harness_stop (GrPgHarness *harness)
{
  if (harness == NULL)
    return;
  if (harness->watchdog != 0)
    {
      g_autofree char *data = g_build_filename (harness->dir, "data", NULL);
      const char *stop_args[] = { "-D", data, "-m", "immediate", "-w", "stop", NULL };

      run_pg (harness, "pg_ctl", stop_args, NULL);
      kill (harness->watchdog, SIGTERM);
      waitpid (harness->watchdog, NULL, 0);
    }
  if (harness->dir != NULL)
    {
      const char *argv[] = { "rm", "-rf", harness->dir, NULL };

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
    }
  g_free (harness->bindir);
  g_free (harness->dir);
  g_free (harness->run_as);
  g_free (harness);
}

PGconn *
gr_pg_harness_connect (const char *conninfo)
{
  PGconn *conn = PQconnectdb (conninfo);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("cannot connect to %s: %s", conninfo, PQerrorMessage (conn));
  return conn;
}

void
gr_pg_harness_exec (PGconn     *conn,
                    const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  ExecStatusType status = PQresultStatus (result);

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
}

char *
gr_pg_harness_query_text (PGconn     *conn,
                          const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  char *text = NULL;

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  if (PQntuples (result) > 0 && !PQgetisnull (result, 0, 0))
    text = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  return text;
}

char *
gr_pg_harness_new_database (GrPgHarness *harness)
{
  g_autofree char *admin = g_strdup_printf ("host=%s user=postgres dbname=postgres", harness->dir);
  g_autofree char *name = g_strdup_printf ("granary_test_%u", ++harness->n_databases);
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s", name);
  PGconn *conn = gr_pg_harness_connect (admin);

  gr_pg_harness_exec (conn, sql);
  PQfinish (conn);
  return g_strdup_printf ("host=%s user=postgres dbname=%s", harness->dir, name);
}

static GrPgHarness *shared_harness;
static gboolean shared_tried;

static void
stop_shared (void)
{
  g_clear_pointer (&shared_harness, gr_pg_harness_stop);
}

GrPgHarness *
gr_pg_harness_get_or_skip (void)
{
  if (!shared_tried)
    {
      g_autoptr(GError) error = NULL;

      shared_tried = TRUE;
      shared_harness = gr_pg_harness_start (&error);
      if (shared_harness == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_error ("could not start PostgreSQL: %s", error->message);
      if (shared_harness != NULL)
        atexit (stop_shared);
    }
  if (shared_harness == NULL)
    g_test_skip ("PostgreSQL is not installed: install the postgresql package to run the server tests");
  return shared_harness;
}

/* ---- granary-server ---- */

static void
die_with_parent (gpointer user_data)
{
  /* A crashed test must not leave servers behind. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static const char *
server_path (void)
{
  const char *path = g_getenv ("GRANARY_SERVER");

  if (path == NULL)
    g_error ("GRANARY_SERVER is not set (run the tests with meson test)");
  return path;
}

static void
spawn_server (GrServerProcess *server)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;
  const char *prefix = "granary-server: listening on ";

  g_ptr_array_add (argv, g_strdup (server_path ()));
  g_ptr_array_add (argv, g_strdup ("--listen"));
  g_ptr_array_add (argv, g_strdup_printf ("127.0.0.1:%u", server->port));
  g_ptr_array_add (argv, g_strdup ("--database"));
  g_ptr_array_add (argv, g_strdup (server->conninfo));
  for (guint i = 0; server->extra_args != NULL && server->extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (server->extra_args[i]));
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  server->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  if (server->process == NULL)
    g_error ("could not start granary-server: %s", error->message);

  /* The server says where it listens once it is ready to serve. */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  if (line == NULL || !g_str_has_prefix (line, prefix))
    g_error ("granary-server did not start (%s)", error ? error->message : line ? line : "no output");
  g_free (server->url);
  server->url = g_strdup (line + strlen (prefix));
  if (server->port == 0)
    {
      const char *colon = strrchr (server->url, ':');

      g_assert_nonnull (colon);
      server->port = (guint16) atoi (colon + 1);
    }
  /* "http://127.0.0.1:PORT/" → without the trailing slash */
  if (g_str_has_suffix (server->url, "/"))
    server->url[strlen (server->url) - 1] = '\0';
}

GrServerProcess *
gr_server_process_start (const char   *conninfo,
                         const char  **extra_args)
{
  GrServerProcess *server = g_new0 (GrServerProcess, 1);

  server->conninfo = g_strdup (conninfo);
  server->extra_args = g_strdupv ((char **) extra_args);
  spawn_server (server);
  return server;
}

const char *
gr_server_process_get_url (GrServerProcess *server)
{
  return server->url;
}

void
gr_server_process_kill (GrServerProcess *server)
{
  if (server->process == NULL)
    return;
  g_subprocess_force_exit (server->process);
  g_subprocess_wait (server->process, NULL, NULL);
  g_clear_object (&server->process);
}

void
gr_server_process_restart (GrServerProcess *server)
{
  gr_server_process_kill (server);
  spawn_server (server);
}

void
gr_server_process_free (GrServerProcess *server)
{
  if (server == NULL)
    return;
  if (server->process != NULL)
    {
      g_subprocess_send_signal (server->process, SIGTERM);
      g_subprocess_wait (server->process, NULL, NULL);
      g_clear_object (&server->process);
    }
  g_free (server->conninfo);
  g_strfreev (server->extra_args);
  g_free (server->url);
  g_free (server);
}

int
gr_server_run_admin (const char  **args,
                     const char   *stdin_text,
                     char        **out_stdout,
                     char        **out_stderr)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_ptr_array_add (argv, g_strdup (server_path ()));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  if (process == NULL)
    g_error ("could not run granary-server: %s", error->message);
  if (!g_subprocess_communicate_utf8 (process, stdin_text ? stdin_text : "", NULL, &out, &err, &error))
    g_error ("granary-server: %s", error->message);
  if (out_stdout != NULL)
    *out_stdout = g_steal_pointer (&out);
  if (out_stderr != NULL)
    *out_stderr = g_steal_pointer (&err);
  return g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
}
