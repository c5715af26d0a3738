/* sync-gallery.c: the window in one sync state, for screenshots (not a test)
 *
 *   sync-gallery STATE    (synced, offline, attention, download, inbox)
 *
 * Starts a private PostgreSQL and granary-server with the small city
 * (gr-pg-harness.c: needs GRANARY_SERVER and G_TEST_SRCDIR), signs in,
 * brings the window's sync to STATE and opens the indicator's popover
 * (or the conflict inbox), then waits to be killed. Run it under
 * /work/…/screenshot with LANG=zh_CN.UTF-8 from an installed prefix.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "gr-account.h"
#include "gr-application.h"
#include "gr-http-test.h"
#include "gr-sync.h"
#include "gr-sync-indicator.h"
#include "gr-window.h"
#include "test-util.h"

static TestServer *server;
static const char *state;
static GrWindow *window;

#define PLAN(quantity) \
  DATASET_HEAD "\"plans\": [{\"id\": \"P-01\", \"enterprise\": \"E-QY-01\", \"variety\": \"paddy_late_indica\"," \
  " \"quantity_t\": " quantity ", \"required_grade\": 3, \"rotation_mode\": \"static\", \"valid_from\": \"2024-01-01\"," \
  " \"valid_to\": \"2026-12-31\"}]}"

static void
sync_as (const char *user,
         GrStore    *store)
{
  GrSyncOptions options;
  GrSyncReport report;
  g_autoptr(GError) error = NULL;

  gr_sync_options_init (&options);
  options.server = server->url;
  options.user = user;
  options.password = TEST_PASSWORD;
  gr_sync_report_init (&report);
  if (!gr_sync_run (store, &options, &report, NULL, &error))
    g_printerr ("sync as %s: %s\n", user, error->message);
  gr_sync_report_clear (&report);
}

static gboolean
show_cb (gpointer data)
{
  GrSyncService *service = gr_window_get_sync_service (window);

  if (g_str_equal (state, "download"))
    {
      if (gr_sync_service_get_state (service) == GR_SYNC_STATE_SYNCING || !gr_sync_service_get_downloading (service))
        return G_SOURCE_CONTINUE;
    }
  else if (gr_sync_service_get_state (service) == GR_SYNC_STATE_SYNCING ||
           ((g_str_equal (state, "attention") || g_str_equal (state, "inbox")) &&
            gr_sync_service_get_conflicts (service) + gr_sync_service_get_rejected (service) < 2))
    return G_SOURCE_CONTINUE;
  if (g_str_equal (state, "inbox"))
    gr_window_show_inbox (window);
  else
    {
      gtk_popover_set_has_arrow (gr_sync_indicator_get_popover (gr_window_get_sync_indicator (window)), FALSE);
      gr_sync_indicator_popup (gr_window_get_sync_indicator (window));
    }
  return G_SOURCE_REMOVE;
}

/* The download stopped a third of the way (by the user, or the link):
 * the window's service is told to pause as soon as it starts. */
static void
ready_cb (GrSyncService *service)
{
  gr_sync_service_cancel (service);
}

static void
stop_at_ten (guint64  done,
             guint64  total,
             gpointer data)
{
  if (done >= 10)
    g_cancellable_cancel (data);
}

static void
activate_cb (GApplication *app,
             const char   *db_path)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  /* Xvfb has no compositor: a popover's shadow and arrow would show as
   * black around it. A desktop draws them; the screenshot leaves them. */
  gtk_css_provider_load_from_data (css, "popover.background > contents { box-shadow: none; margin: 0;"
                                        " border: 1px solid alpha(black, 0.25); }", -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  window = gr_window_new (GTK_APPLICATION (app), db_path, "overview");
  /* No window manager to maximize it: the screen's size. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1440, 900);
  gtk_window_present (GTK_WINDOW (window));
  if (g_str_equal (state, "download"))
    g_signal_connect (gr_window_get_sync_service (window), "notify::ready", G_CALLBACK (ready_cb), NULL);
  if (g_str_equal (state, "offline"))
    gr_server_process_kill (server->process);
  g_timeout_add (300, show_cb, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("granary-gallery-XXXXXX", NULL);
  g_autoptr(GrAccount) account = NULL;
  g_autoptr(GrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrApplication) app = NULL;
  const char *user;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_setenv ("GRANARY_KEYRING", "memory", TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  state = argc > 1 ? argv[1] : "synced";
  argc = 1;
  g_test_init (&argc, &argv, NULL);

  if ((server = test_city_server ()) == NULL)
    return 1;
  user = g_str_equal (state, "download") ? "bureau" : "co1";
  account = gr_account_sign_in (server->url, user, TEST_PASSWORD, NULL, NULL, &error);
  if (account == NULL)
    g_error ("%s", error->message);
  store = test_open_store (account->db_path);
  if (!g_str_equal (state, "download"))
    sync_as (user, store);
  else
    {
      g_autoptr(GCancellable) stop = g_cancellable_new ();
      GrSyncOptions options;
      GrSyncReport report;

      gr_sync_options_init (&options);
      options.server = server->url;
      options.user = user;
      options.password = TEST_PASSWORD;
      options.snapshot_limit = 2;
      options.progress = stop_at_ten;
      options.progress_data = stop;
      gr_sync_report_init (&report);
      gr_sync_run (store, &options, &report, stop, NULL);
      gr_sync_report_clear (&report);
    }

  if (g_str_equal (state, "offline"))
    {
      /* Three movements typed in while the server is away. */
      test_import_ok (store, DATASET_HEAD "\"movements\": ["
                             "{\"id\": \"M-101\", \"lot\": \"L-01\", \"date\": \"2026-11-20\", \"kind\": \"loss\", \"quantity_t\": 1.5},"
                             "{\"id\": \"M-102\", \"lot\": \"L-02\", \"date\": \"2026-11-21\", \"kind\": \"intake\", \"quantity_t\": 120},"
                             "{\"id\": \"M-103\", \"lot\": \"L-02\", \"date\": \"2026-11-24\", \"kind\": \"intake\", \"quantity_t\": 80}]}",
                      NULL);
    }
  else if (g_str_equal (state, "attention") || g_str_equal (state, "inbox"))
    {
      g_autoptr(GrStore) other = test_new_store ();
      g_autofree char *lot = NULL;

      /* A colleague changes lot L-02's grade first; ours conflicts. A
       * plan change the company may not make comes back rejected. */
      sync_as ("co1b", other);
      test_import_ok (other, DATASET_HEAD "\"lots\": [{\"id\": \"L-02\", \"bin\": \"B-02\", \"plan\": \"P-02\","
                                          " \"variety\": \"rice\", \"grade\": 2, \"produced_on\": \"2025-09-01\","
                                          " \"entered_on\": \"2025-09-10\", \"shelf_life_days\": 365, \"packaged\": true,"
                                          " \"delay_approved\": true}]}", NULL);
      sync_as ("co1b", other);
      test_import_ok (store, DATASET_HEAD "\"lots\": [{\"id\": \"L-02\", \"bin\": \"B-02\", \"plan\": \"P-02\","
                                          " \"variety\": \"rice\", \"grade\": 3, \"produced_on\": \"2025-09-01\","
                                          " \"entered_on\": \"2025-09-10\", \"shelf_life_days\": 365, \"packaged\": true,"
                                          " \"delay_approved\": false}]}", NULL);
      test_import_ok (store, PLAN ("31000"), NULL);
      test_import_ok (store, DATASET_HEAD "\"movements\": [{\"id\": \"M-104\", \"lot\": \"L-01\", \"date\": \"2026-11-24\","
                                          " \"kind\": \"loss\", \"quantity_t\": 0.75}]}", NULL);
    }
  g_clear_object (&store);

  app = gr_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), account->db_path);
  return g_application_run (G_APPLICATION (app), 0, NULL);
}
