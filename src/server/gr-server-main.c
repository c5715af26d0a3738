/* gr-server-main.c: granary-server's command line
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-server-main"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "gr-server.h"
#include "gr-server-auth.h"
#include "gr-server-import.h"
#include "gr-server-main.h"
#include "gr-server-pg.h"
#include "gr-server-schema.h"
#include "gr-server-sync.h"

typedef struct {
  char     *config_file;
  char     *database;
  char     *listen;
  char     *tls_cert;
  char     *tls_key;
  int       workers;
} Options;

static void
options_clear (Options *options)
{
  g_clear_pointer (&options->config_file, g_free);
  g_clear_pointer (&options->database, g_free);
  g_clear_pointer (&options->listen, g_free);
  g_clear_pointer (&options->tls_cert, g_free);
  g_clear_pointer (&options->tls_key, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static void
print_error (const char *message)
{
  g_printerr ("granary-server: %s\n", message);
}

/* Settings from --config (a key file, group [server]); the command line wins. */
static gboolean
read_config (Options         *options,
             GrServerConfig  *config,
             GError         **error)
{
  g_autoptr(GKeyFile) file = NULL;
  static const struct {
    const char *key;
    gsize       offset;
    gboolean    is_size;
  } numbers[] = {
    { "workers",              G_STRUCT_OFFSET (GrServerConfig, workers),                   FALSE },
    { "max-body-bytes",       G_STRUCT_OFFSET (GrServerConfig, max_body),                  TRUE },
    { "max-decoded-bytes",    G_STRUCT_OFFSET (GrServerConfig, max_decoded),               TRUE },
    { "max-photo-bytes",      G_STRUCT_OFFSET (GrServerConfig, max_blob),                  TRUE },
    { "max-wait-seconds",     G_STRUCT_OFFSET (GrServerConfig, max_wait),                  FALSE },
    { "access-token-seconds", G_STRUCT_OFFSET (GrServerConfig, auth.access_ttl),           FALSE },
    { "refresh-token-seconds", G_STRUCT_OFFSET (GrServerConfig, auth.refresh_ttl),         FALSE },
    { "login-failures-per-user", G_STRUCT_OFFSET (GrServerConfig, auth.max_user_failures), FALSE },
    { "login-failures-per-address", G_STRUCT_OFFSET (GrServerConfig, auth.max_address_failures), FALSE },
    { "login-failure-window-seconds", G_STRUCT_OFFSET (GrServerConfig, auth.failure_window), FALSE },
  };

  if (options->config_file == NULL)
    return TRUE;
  file = g_key_file_new ();
  if (!g_key_file_load_from_file (file, options->config_file, G_KEY_FILE_NONE, error))
    {
      g_prefix_error (error, "%s: ", options->config_file);
      return FALSE;
    }
#define TAKE_STRING(field, key) \
  if (options->field == NULL) \
    options->field = g_key_file_get_string (file, "server", key, NULL);
  TAKE_STRING (database, "database");
  TAKE_STRING (listen, "listen");
  TAKE_STRING (tls_cert, "tls-cert");
  TAKE_STRING (tls_key, "tls-key");
#undef TAKE_STRING

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autoptr(GError) local = NULL;
      guint64 value;

      if (!g_key_file_has_key (file, "server", numbers[i].key, NULL))
        continue;
      value = g_key_file_get_uint64 (file, "server", numbers[i].key, &local);
      if (local != NULL || value == 0 || (!numbers[i].is_size && value > G_MAXUINT))
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       _("%s: [server] %s must be a whole number greater than 0"), options->config_file,
                       numbers[i].key);
          return FALSE;
        }
      if (numbers[i].is_size)
        G_STRUCT_MEMBER (gsize, config, numbers[i].offset) = (gsize) value;
      else
        G_STRUCT_MEMBER (guint, config, numbers[i].offset) = (guint) value;
    }
  return TRUE;
}

static int
parse_options (const char    *parameter,
               const char    *summary,
               GOptionEntry  *extra,
               Options       *options,
               int           *argc,
               char        ***argv)
{
  GOptionEntry common[] = {
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &options->config_file, N_("Read settings from FILE (key file, group [server])"), N_("FILE") },
    { "database", 'd', 0, G_OPTION_ARG_STRING, &options->database, N_("PostgreSQL connection string"), N_("URL") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);
  if (extra != NULL)
    g_option_context_add_main_entries (context, extra, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      print_error (error->message);
      return 2;
    }
  return -1;
}

/* The database, from the options or the config file. */
static GrServerPg *
connect_database (Options *options,
                  gboolean migrate)
{
  GrServerConfig config;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrServerPg) pg = NULL;

  gr_server_config_init (&config);
  if (!read_config (options, &config, &error))
    {
      print_error (error->message);
      return NULL;
    }
  if (options->database == NULL)
    {
      print_error (_("say which database: --database URL or database= in the --config file"));
      return NULL;
    }
  if ((pg = gr_server_pg_connect (options->database, &error)) == NULL ||
      (migrate && !gr_server_schema_migrate (pg, gr_server_schema_latest (), &error)))
    {
      print_error (error->message);
      return NULL;
    }
  return g_steal_pointer (&pg);
}

/* ---- serve ---- */

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static int
serve (int    argc,
       char **argv)
{
  g_auto(Options) options = { 0 };
  GrServerConfig config;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrServer) server = NULL;
  g_autoptr(GTlsCertificate) tls = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *url = NULL;
  GOptionEntry entries[] = {
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &options.listen, N_("Address and port to listen on (default 127.0.0.1:8080; port 0: any free port)"), N_("ADDR:PORT") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &options.tls_cert, N_("Serve HTTPS with this certificate (PEM)"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &options.tls_key, N_("The private key of --tls-cert (PEM)"), N_("FILE") },
    { "workers", 0, 0, G_OPTION_ARG_INT, &options.workers, N_("Database worker threads (default 8)"), N_("N") },
    { NULL }
  };
  int status;

  if ((status = parse_options (NULL, _("The Granary sync server. Other commands: user add|list|disable, import FILE, "
                                       "migrate, compact (see COMMAND --help)."), entries, &options, &argc, &argv)) >= 0)
    return status;
  if (argc != 1)
    {
      g_autofree char *message = g_strdup_printf (_("unknown command “%s”; run granary-server --help"), argv[1]);

      print_error (message);
      return 2;
    }

  gr_server_config_init (&config);
  if (!read_config (&options, &config, &error))
    {
      print_error (error->message);
      return 2;
    }
  if (options.workers < 0 || options.workers > 256)
    {
      print_error (_("--workers must be between 1 and 256"));
      return 2;
    }
  if (options.workers > 0)
    config.workers = options.workers;
  if (options.database == NULL)
    {
      print_error (_("say which database: --database URL or database= in the --config file"));
      return 2;
    }
  if ((options.tls_cert == NULL) != (options.tls_key == NULL))
    {
      print_error (_("--tls-cert and --tls-key go together"));
      return 2;
    }
  if (options.tls_cert != NULL &&
      (tls = g_tls_certificate_new_from_files (options.tls_cert, options.tls_key, &error)) == NULL)
    {
      print_error (error->message);
      return 1;
    }

  config.database = g_strdup (options.database);
  server = gr_server_new (&config, &error);
  gr_server_config_clear (&config);
  if (server == NULL || !gr_server_listen (server, options.listen ? options.listen : "127.0.0.1:8080", tls, &error))
    {
      print_error (error->message);
      return 1;
    }

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_loop, loop);
  g_unix_signal_add (SIGINT, quit_loop, loop);

  /* One line on stdout once ready: scripts and tests wait for it. */
  url = gr_server_get_url (server);
  g_print ("granary-server: listening on %s\n", url);
  fflush (stdout);
  g_main_loop_run (loop);
  return 0;
}

/* ---- user ---- */

static char *
read_password (const char  *file,
               GError     **error)
{
  g_autofree char *text = NULL;
  char *newline;

  if (file != NULL)
    {
      if (!g_file_get_contents (file, &text, NULL, error))
        return NULL;
    }
  else if (isatty (STDIN_FILENO))
    {
      struct termios saved, quiet;
      char first[1024] = "", second[1024] = "";

      /* Typed twice, not shown. */
      tcgetattr (STDIN_FILENO, &saved);
      quiet = saved;
      quiet.c_lflag &= ~ECHO;
      tcsetattr (STDIN_FILENO, TCSANOW, &quiet);
      g_printerr ("%s", _("Password: "));
      if (fgets (first, sizeof first, stdin) == NULL)
        first[0] = '\0';
      g_printerr ("\n%s", _("Again: "));
      if (fgets (second, sizeof second, stdin) == NULL)
        second[0] = '\0';
      g_printerr ("\n");
      tcsetattr (STDIN_FILENO, TCSANOW, &saved);
      if (strcmp (first, second) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The two passwords differ"));
          return NULL;
        }
      text = g_strdup (first);
    }
  else
    {
      char line[1024] = "";

      if (fgets (line, sizeof line, stdin) == NULL)
        line[0] = '\0';
      text = g_strdup (line);
    }
  /* The first line is the password, without its line end. */
  newline = strpbrk (text, "\r\n");
  if (newline != NULL)
    *newline = '\0';
  return g_steal_pointer (&text);
}

static int
user_add (int    argc,
          char **argv)
{
  g_auto(Options) options = { 0 };
  g_autofree char *role_name = NULL;
  g_autofree char *enterprise = NULL;
  g_auto(GStrv) depots = NULL;
  g_autofree char *password_file = NULL;
  g_autofree char *password = NULL;
  g_autoptr(GrServerPg) pg = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_name, N_("bureau, company or inspector"), N_("ROLE") },
    { "enterprise", 0, 0, G_OPTION_ARG_STRING, &enterprise, N_("company: the enterprise it writes for"), N_("ID") },
    { "depot", 0, 0, G_OPTION_ARG_STRING_ARRAY, &depots, N_("inspector: an assigned depot (repeat for more)"), N_("ID") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file, N_("Read the password from the first line of FILE"), N_("FILE") },
    { NULL }
  };
  GrRole role;
  int status;

  if ((status = parse_options (_("add NAME"), _("Add a user. An enterprise or depot id may name a record that "
                                                "arrives later by sync."), entries, &options, &argc, &argv)) >= 0)
    return status;
  if (argc != 3)
    {
      print_error (_("user add needs exactly one NAME"));
      return 2;
    }
  if (!gr_role_from_string (role_name, &role))
    {
      print_error (_("--role must be bureau, company or inspector"));
      return 2;
    }
  if ((password = read_password (password_file, &error)) == NULL)
    {
      print_error (error->message);
      return 1;
    }
  if ((pg = connect_database (&options, TRUE)) == NULL)
    return 1;
  if (!gr_server_user_add (pg, argv[2], role, enterprise, (const char * const *) depots, password, &error))
    {
      print_error (error->message);
      return 1;
    }
  g_print (_("Added %s (%s)\n"), argv[2], gr_role_to_string (role));
  return 0;
}

static int
user_list (int    argc,
           char **argv)
{
  g_auto(Options) options = { 0 };
  g_autoptr(GrServerPg) pg = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = NULL;
  int status;

  if ((status = parse_options ("list", _("List the users, one a line: name, role, scope, state."), NULL,
                               &options, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    {
      print_error (_("user list takes no arguments besides its options"));
      return 2;
    }
  if ((pg = connect_database (&options, TRUE)) == NULL)
    return 1;
  if ((users = gr_server_user_list (pg, &error)) == NULL)
    {
      print_error (error->message);
      return 1;
    }
  for (guint i = 0; i < users->len; i++)
    {
      GrServerUser *user = users->pdata[i];
      g_autofree char *depots = g_strjoinv (",", user->depots);
      const char *scope = user->role == GR_ROLE_COMPANY ? user->enterprise
                          : user->role == GR_ROLE_INSPECTOR ? depots : "*";

      g_print ("%s\t%s\t%s\t%s\n", user->name, gr_role_to_string (user->role), scope,
               user->disabled ? _("disabled") : _("active"));
    }
  return 0;
}

static int
user_disable (int    argc,
              char **argv)
{
  g_auto(Options) options = { 0 };
  g_autoptr(GrServerPg) pg = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = parse_options (_("disable NAME"), _("Disable a user: its tokens stop working at once."), NULL,
                               &options, &argc, &argv)) >= 0)
    return status;
  if (argc != 3)
    {
      print_error (_("user disable needs exactly one NAME"));
      return 2;
    }
  if ((pg = connect_database (&options, TRUE)) == NULL)
    return 1;
  if (!gr_server_user_disable (pg, argv[2], &error))
    {
      print_error (error->message);
      return 1;
    }
  g_print (_("Disabled %s\n"), argv[2]);
  return 0;
}

static int
user (int    argc,
      char **argv)
{
  /* "user add …" → argv without "user" */
  if (argc >= 2 && strcmp (argv[1], "add") == 0)
    return user_add (argc, argv);
  if (argc >= 2 && strcmp (argv[1], "list") == 0)
    return user_list (argc, argv);
  if (argc >= 2 && strcmp (argv[1], "disable") == 0)
    return user_disable (argc, argv);
  print_error (_("user needs a command: add, list or disable"));
  return 2;
}

/* ---- import, migrate ---- */

static void
print_progress (double      fraction,
                const char *note,
                gpointer    user_data)
{
  g_printerr ("\r%3d%%  %s\033[K", (int) (fraction * 100 + 0.5), note ? note : "");
  if (fraction >= 1.0)
    g_printerr ("\n");
}

static int
import (int    argc,
        char **argv)
{
  g_auto(Options) options = { 0 };
  g_autoptr(GrServerPg) pg = NULL;
  g_autoptr(GError) error = NULL;
  GrServerImportStats stats = { 0 };
  g_autofree char *who = NULL;
  int status;

  if ((status = parse_options (_("FILE"), _("Load a dataset (JSON or NDJSON) into the server, all or nothing."),
                               NULL, &options, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    {
      print_error (_("import needs exactly one FILE"));
      return 2;
    }
  if ((pg = connect_database (&options, TRUE)) == NULL)
    return 1;
  who = g_strdup_printf ("import:%s", g_get_user_name ());
  if (!gr_server_import_file (pg, argv[1], who, &stats, isatty (STDERR_FILENO) ? print_progress : NULL, NULL, &error))
    {
      print_error (error->message);
      return 1;
    }
  g_print (_("Imported %s: %u new, %u updated, %u unchanged\n"), argv[1], stats.inserted, stats.updated,
           stats.unchanged);
  return 0;
}

static int
migrate (int    argc,
         char **argv)
{
  g_auto(Options) options = { 0 };
  g_autoptr(GrServerPg) pg = NULL;
  int status;

  if ((status = parse_options (NULL, _("Create or upgrade the database schema, then exit."), NULL,
                               &options, &argc, &argv)) >= 0)
    return status;
  if ((pg = connect_database (&options, TRUE)) == NULL)
    return 1;
  g_print (_("The database is at schema %d\n"), gr_server_schema_latest ());
  return 0;
}

static int
compact (int    argc,
         char **argv)
{
  g_auto(Options) options = { 0 };
  g_autoptr(GrServerPg) pg = NULL;
  g_autoptr(GError) error = NULL;
  int days = 180;
  GOptionEntry entries[] = {
    { "days", 0, 0, G_OPTION_ARG_INT, &days, N_("Keep deletions this many days (default 180)"), N_("DAYS") },
    { NULL }
  };
  guint removed = 0;
  int status;

  if ((status = parse_options (NULL, _("Remove deletions older than the offline window; devices away longer "
                                       "download anew, keeping their unsent changes."), entries,
                               &options, &argc, &argv)) >= 0)
    return status;
  if (argc != 1 || days < 0)
    {
      print_error (_("compact takes no arguments besides its options, and --days is not negative"));
      return 2;
    }
  if ((pg = connect_database (&options, TRUE)) == NULL)
    return 1;
  if (!gr_server_sync_compact (pg, (guint) days, &removed, &error))
    {
      print_error (error->message);
      return 1;
    }
  g_print (ngettext ("Removed %u deletion older than %d days\n", "Removed %u deletions older than %d days\n", removed),
           removed, days);
  return 0;
}

int
gr_server_main (int    argc,
                char **argv)
{
  if (argc >= 2 && strcmp (argv[1], "user") == 0)
    return user (argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "import") == 0)
    return import (argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "migrate") == 0)
    return migrate (argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "compact") == 0)
    return compact (argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "--version") == 0)
    {
      g_print ("granary-server %s\n", PACKAGE_VERSION);
      return 0;
    }
  return serve (argc, argv);
}
