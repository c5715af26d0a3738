/* sync-cycle.c: one timed sync cycle, signed in as the app is
 *
 * bench/sync times an incremental sync with it (DESIGN.md §8: 1,000
 * changes in under 0.3 s on loopback). `granary-cli sync` signs in with
 * the password every time, and the server checks a password with an
 * Argon2 hash on purpose slow; the app signs in once and then resumes
 * each cycle with its kept refresh token. So does this: it logs in first,
 * untimed, then runs one cycle (push, pull, and the daily check if due)
 * with the refresh token, as the app's scheduler does, and prints
 *
 *   sync-cycle: seconds=S pushed=P pulled=Q verified=0|1
 *
 * Usage: sync-cycle DB --server URL --user NAME --password-file FILE
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>

#include "gr-sync.h"
#include "gr-sync-client.h"

int
main (int   argc,
      char *argv[])
{
  g_autofree char *server = NULL, *user = NULL, *password_file = NULL, *password = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrStore) store = NULL;
  GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, "The sync server", "URL" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, "The user", "NAME" },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file, "The user's password", "FILE" },
    { NULL }
  };
  GrSyncOptions options;
  GrSyncReport report;
  gint64 start, end;
  gboolean ok;

  context = g_option_context_new ("DB");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "sync-cycle: %s\n", error->message);
      return 2;
    }
  if (argc != 2 || server == NULL || user == NULL || password_file == NULL)
    {
      fprintf (stderr, "sync-cycle: usage: sync-cycle DB --server URL --user NAME --password-file FILE\n");
      return 2;
    }
  if (!g_file_get_contents (password_file, &password, NULL, &error) ||
      (store = gr_store_open (argv[1], &error)) == NULL)
    {
      fprintf (stderr, "sync-cycle: %s\n", error->message);
      return 1;
    }
  g_strchomp (password);

  {
    GrSyncRetry retry = { 1, 1000, 1000 };
    g_autoptr(GrSyncClient) client = gr_sync_client_new (server, &retry);

    if (!gr_sync_client_login (client, user, password, NULL, &error))
      {
        fprintf (stderr, "sync-cycle: %s\n", error->message);
        return 1;
      }
    token = g_strdup (gr_sync_client_get_refresh_token (client));
  }

  gr_sync_options_init (&options);
  options.server = server;
  options.user = user;
  options.refresh_token = token;
  gr_sync_report_init (&report);
  start = g_get_monotonic_time ();
  ok = gr_sync_run (store, &options, &report, NULL, &error);
  end = g_get_monotonic_time ();
  if (!ok)
    {
      fprintf (stderr, "sync-cycle: %s\n", error->message);
      gr_sync_report_clear (&report);
      return 1;
    }
  printf ("sync-cycle: seconds=%.3f pushed=%u pulled=%u verified=%d\n",
          (end - start) / 1e6, report.pushed, report.pulled, report.verified ? 1 : 0);
  gr_sync_report_clear (&report);
  return 0;
}
