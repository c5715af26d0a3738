/* test-gui-sync.c: sync in the window, against granary-server on a real PostgreSQL
 *
 * Under a real display (Xvfb in CI): signing in from Preferences (a wrong
 * password shown in place, then the account's own database opening in a
 * new window), the first download's progress page, the header-bar
 * indicator through its states (synced, waiting, offline, needs
 * attention), a movement's sync state in the lot view, resolving a
 * conflict in the inbox with edited values, a rejected change discarded,
 * signing out with a warning, and an inspector not offered movements
 * (DESIGN.md §6).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "gr-account.h"
#include "gr-gui-test.h"
#include "gr-http-test.h"
#include "gr-lot-view.h"
#include "gr-movement-dialog.h"
#include "gr-preferences-window.h"
#include "gr-role.h"
#include "gr-stock-page.h"
#include "gr-sync.h"
#include "gr-sync-inbox.h"
#include "gr-sync-indicator.h"
#include "gr-sync-preferences.h"
#include "gr-sync-state.h"
#include "test-util.h"

/* Spins the main loop until cond holds, for at most seconds. */
#define WAIT_FOR(cond, seconds) \
  G_STMT_START { \
    gint64 _deadline = g_get_monotonic_time () + (seconds) * G_USEC_PER_SEC; \
    while (!(cond) && g_get_monotonic_time () < _deadline) \
      if (!g_main_context_iteration (NULL, FALSE)) \
        g_usleep (5000); \
    if (!(cond)) \
      g_error ("timed out waiting for %s", #cond); \
  } G_STMT_END

static TestServer *server;

static const char *
indicator_text (GrWindow *window)
{
  return gr_sync_indicator_get_text (gr_window_get_sync_indicator (window));
}

static GrSyncPreferences *
open_preferences (GrWindow *window)
{
  GtkWindow *preferences;

  gr_window_show_preferences (window);
  preferences = gr_gui_find_toplevel (GR_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  return GR_SYNC_PREFERENCES (gr_gui_find_type (GTK_WIDGET (preferences), GR_TYPE_SYNC_PREFERENCES));
}

static void
fill_in (GrSyncPreferences *prefs,
         const char        *user,
         const char        *password)
{
  gtk_editable_set_text (gr_sync_preferences_get_server (prefs), server->url);
  gtk_editable_set_text (gr_sync_preferences_get_user (prefs), user);
  gtk_editable_set_text (gr_sync_preferences_get_password (prefs), password);
}

static GrWindow *
window_on (const char *db_path)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GR_IS_WINDOW (window) && g_strcmp0 (gr_window_get_db_path (GR_WINDOW (window)), db_path) == 0 &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return GR_WINDOW (window);
    }
  return NULL;
}

static void
import_into (const char *db_path,
             const char *json)
{
  g_autoptr(GrStore) store = test_open_store (db_path);

  test_import_ok (store, json, NULL);
}

static void
record_view (GrWindow   *window,
             GParamSpec *pspec,
             GString    *views)
{
  g_string_append_printf (views, "%s ", gr_window_get_view (window));
}

/* Sign in from Preferences: a wrong password is shown in place; the
 * right one opens the account's database in a new window, which
 * downloads the company's records, then shows them; a movement typed in
 * elsewhere is sent on its own and shows "Sent" in the lot view; the
 * server gone, the indicator says offline with what waits; signing out
 * warns about the unsent change and keeps it. */
static void
test_sign_in (GrGuiFixture  *fixture,
              gconstpointer  data)
{
  GrWindow *window;
  GrWindow *account_window = NULL;
  GrSyncPreferences *prefs;
  g_autofree char *account_db = NULL;
  GrSyncService *service;
  GrStockPage *page;
  GrLotView *lot_view;
  AdwMessageDialog *dialog;

  if (server == NULL)
    return;
  window = gr_gui_open_window (fixture, "overview");
  g_assert_true (gr_gui_wait_view (window, "first-run"));
  WAIT_FOR (gr_sync_service_get_ready (gr_window_get_sync_service (window)), 10);
  g_assert_cmpstr (indicator_text (window), ==, "Not signed in");
  g_assert_null (gr_window_get_role (window));

  prefs = open_preferences (window);
  fill_in (prefs, "co1", "not the password");
  gr_sync_preferences_sign_in (prefs);
  WAIT_FOR (!gr_sync_preferences_get_busy (prefs), 20);
  g_assert_cmpstr (gr_sync_preferences_get_error (prefs), ==, "Wrong user name or password");

  fill_in (prefs, "co1", TEST_PASSWORD);
  gr_sync_preferences_sign_in (prefs);
  account_db = gr_account_db_path (server->url, "co1");
  WAIT_FOR ((account_window = window_on (account_db)) != NULL, 20);
  g_assert_true (gr_gui_wait_view (account_window, "shell"));
  service = gr_window_get_sync_service (account_window);
  WAIT_FOR (g_strcmp0 (indicator_text (account_window), "Synced") == 0, 30);
  g_assert_cmpuint (gr_sync_service_get_download_done (service), ==, 26 - 7);
  g_assert_cmpstr (gr_window_get_role (account_window), ==, "company");
  {
    g_autofree char *lots = gr_gui_query_text (account_db, "SELECT count(*) FROM lots");

    g_assert_cmpstr (lots, ==, "2");
  }

  /* A movement typed in (here through another connection) goes out. */
  import_into (account_db, DATASET_HEAD "\"movements\": [{\"id\": \"M-701\", \"lot\": \"L-01\", \"date\": \"2026-06-01\","
                                        " \"kind\": \"loss\", \"quantity_t\": 2}]}");
  WAIT_FOR (g_strcmp0 (indicator_text (account_window), "1 waiting") == 0 ||
            gr_sync_service_get_state (service) == GR_SYNC_STATE_SYNCING, 10);
  WAIT_FOR (g_strcmp0 (indicator_text (account_window), "Synced") == 0 && gr_sync_service_get_pending (service) == 0,
            30);
  adw_view_stack_set_visible_child_name (gr_window_get_view_stack (account_window), "stock");
  page = GR_STOCK_PAGE (gr_gui_find_type (GTK_WIDGET (account_window), GR_TYPE_STOCK_PAGE));
  g_assert_true (gr_stock_page_show (page, "lot:L-01", NULL));
  lot_view = GR_LOT_VIEW (gr_stock_page_get_lot_view (page));
  WAIT_FOR (gr_lot_view_get_detail (lot_view) != NULL && !gr_lot_view_get_busy (lot_view), 10);
  {
    GListModel *movements = G_LIST_MODEL (gr_lot_view_get_detail (lot_view)->movements);
    guint found = 0;

    for (guint i = 0; i < g_list_model_get_n_items (movements); i++)
      {
        g_autoptr(GrLotMovement) m = g_list_model_get_item (movements, i);

        if (g_strcmp0 (gr_lot_movement_get_id (m), "M-701") == 0)
          {
            g_assert_cmpint (gr_lot_movement_get_sync_state (m), ==, GR_RECORD_SYNC_SENT);
            found++;
          }
        else
          /* from the server: no state of their own */
          g_assert_cmpint (gr_lot_movement_get_sync_state (m), ==, GR_RECORD_SYNC_NONE);
      }
    g_assert_cmpuint (found, ==, 1);
  }

  /* The server goes: offline, with the change that waits. */
  gr_server_process_kill (server->process);
  import_into (account_db, DATASET_HEAD "\"movements\": [{\"id\": \"M-702\", \"lot\": \"L-01\", \"date\": \"2026-06-02\","
                                        " \"kind\": \"loss\", \"quantity_t\": 1}]}");
  WAIT_FOR (g_strcmp0 (indicator_text (account_window), "Offline · 1 waiting") == 0, 60);
  g_assert_cmpstr (gr_sync_indicator_get_icon_name (gr_window_get_sync_indicator (account_window)), ==,
                   "network-offline-symbolic");
  gr_sync_indicator_popup (gr_window_get_sync_indicator (account_window));
  WAIT_FOR (gr_sync_indicator_get_n_changes (gr_window_get_sync_indicator (account_window)) == 2, 10);
  gtk_popover_popdown (gr_sync_indicator_get_popover (gr_window_get_sync_indicator (account_window)));
  test_server_restart (server);

  /* Signing out warns: one change not sent; it stays. */
  prefs = open_preferences (account_window);
  gr_sync_preferences_sign_out (prefs);
  WAIT_FOR ((dialog = gr_gui_find_message_dialog (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (prefs))))) != NULL, 10);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Sign Out with 1 Change Not Sent?");
  adw_message_dialog_response (dialog, "sign-out");
  WAIT_FOR (gr_sync_service_get_state (service) == GR_SYNC_STATE_SIGNED_OUT && !gr_sync_preferences_get_busy (prefs),
            10);
  {
    g_autofree char *kept = gr_gui_query_text (account_db, "SELECT count(*) FROM outbox WHERE state = 'pending'");

    g_assert_cmpstr (kept, ==, "1");
  }
  g_assert_cmpstr (indicator_text (account_window), ==, "Sign in again");
}

static gboolean
download_paused (gpointer data)
{
  GrSyncService *service = data;

  return gr_sync_service_get_state (service) != GR_SYNC_STATE_SYNCING && gr_sync_service_get_downloading (service);
}

/* The first download into the window's own (account) database, page by
 * page with progress, paused and resumed; then a conflict with another
 * bureau user settled in the inbox with an edited value, and a rejected
 * change discarded. */
static void
test_download_and_inbox (GrGuiFixture  *fixture,
                         gconstpointer  data)
{
  GrWindow *window;
  GrSyncPreferences *prefs;
  GrSyncService *service;
  GrSyncInbox *inbox;
  GtkEditable *entry;
  g_autofree char *on_server = NULL;
  g_autoptr(GString) views = g_string_new (NULL);
  g_autoptr(GrStore) other = NULL;
  GrSyncOptions options;
  GrSyncReport report;
  g_autoptr(GError) error = NULL;
  gint64 conflict_id;
  guint64 total;
  g_autofree char *balance = NULL;

  if (server == NULL)
    return;
  /* Every record on the server: the city and what earlier tests sent. */
  on_server = test_sql (server, "SELECT count(*) FROM records WHERE NOT deleted");
  total = g_ascii_strtoull (on_server, NULL, 10);
  g_clear_pointer (&on_server, g_free);
  /* The window is on the account's database: signing in binds it. */
  g_free (fixture->db_path);
  fixture->db_path = gr_account_db_path (server->url, "bureau2");
  window = gr_gui_open_window (fixture, "overview");
  g_assert_true (gr_gui_wait_view (window, "first-run"));
  g_signal_connect (window, "notify::view", G_CALLBACK (record_view), views);
  service = gr_window_get_sync_service (window);
  WAIT_FOR (gr_sync_service_get_ready (service), 10);
  gr_sync_service_set_page_size (service, 4);

  prefs = open_preferences (window);
  fill_in (prefs, "bureau2", TEST_PASSWORD);
  gr_sync_preferences_sign_in (prefs);
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (prefs))));
  /* Paused after the first pages: the page says how far it came. */
  WAIT_FOR (gr_sync_service_get_download_done (service) >= 4, 20);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-download", NULL);
  g_assert_true (gr_gui_wait (download_paused, service, 20000));
  g_assert_cmpuint (gr_sync_service_get_download_total (service), ==, total);
  g_assert_cmpuint (gr_sync_service_get_download_done (service), <, total);
  g_assert_cmpuint (gr_sync_service_get_download_done (service) % 4, ==, 0);
  {
    g_autofree char *progress = gr_gui_query_text (fixture->db_path, "SELECT value FROM meta WHERE key = 'sync_snapshot'");

    g_autofree char *expected = g_strdup_printf ("\"total\": %" G_GUINT64_FORMAT, total);

    g_assert_nonnull (strstr (progress, expected));
  }
  /* Resumed: on to the end, and the pages show. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sync-now", NULL);
  WAIT_FOR (g_strcmp0 (indicator_text (window), "Synced") == 0 && !gr_sync_service_get_downloading (service), 30);
  g_assert_cmpuint (gr_sync_service_get_download_done (service), ==, total);
  g_assert_true (gr_gui_wait_view (window, "shell"));
  g_assert_nonnull (strstr (views->str, "download"));
  g_assert_cmpstr (gr_window_get_role (window), ==, "bureau");

  /* Another bureau user changes P-01's quantity first; ours, made on an
   * older version, comes back in conflict. */
  other = test_new_store ();
  gr_sync_options_init (&options);
  options.server = server->url;
  options.user = "bureau";
  options.password = TEST_PASSWORD;
  gr_sync_report_init (&report);
  g_assert_true (gr_sync_run (other, &options, &report, NULL, &error));
  gr_sync_report_clear (&report);
  test_import_ok (other, DATASET_HEAD "\"plans\": [{\"id\": \"P-01\", \"enterprise\": \"E-QY-01\","
                                      " \"variety\": \"paddy_late_indica\", \"quantity_t\": 33000, \"required_grade\": 3,"
                                      " \"rotation_mode\": \"static\", \"valid_from\": \"2024-01-01\","
                                      " \"valid_to\": \"2026-12-31\"}]}", NULL);
  gr_sync_report_init (&report);
  g_assert_true (gr_sync_run (other, &options, &report, NULL, &error));
  g_assert_cmpuint (report.pushed, ==, 1);
  gr_sync_report_clear (&report);
  import_into (fixture->db_path, DATASET_HEAD "\"plans\": [{\"id\": \"P-01\", \"enterprise\": \"E-QY-01\","
                                              " \"variety\": \"paddy_late_indica\", \"quantity_t\": 34000,"
                                              " \"required_grade\": 3, \"rotation_mode\": \"static\","
                                              " \"valid_from\": \"2024-01-01\", \"valid_to\": \"2026-12-31\"}]}");
  balance = gr_gui_query_text (fixture->db_path, "SELECT balance_kg FROM lots WHERE id = 'L-01'");
  /* A movement: the bureau reads movements, it does not write them
   * (DESIGN.md §6): rejected. */
  import_into (fixture->db_path, DATASET_HEAD "\"movements\": [{\"id\": \"M-909\", \"lot\": \"L-01\","
                                              " \"date\": \"2026-06-03\", \"kind\": \"loss\", \"quantity_t\": 5}]}");
  WAIT_FOR (gr_sync_service_get_conflicts (service) == 1, 30);
  WAIT_FOR (g_strcmp0 (indicator_text (window), "2 need attention") == 0 ||
            g_strcmp0 (indicator_text (window), "1 needs attention") == 0, 30);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-inbox", NULL);
  inbox = GR_SYNC_INBOX (gr_gui_find_toplevel (GR_TYPE_SYNC_INBOX));
  g_assert_nonnull (inbox);
  WAIT_FOR (!gr_sync_inbox_get_busy (inbox) && gr_sync_inbox_get_n_conflicts (inbox) == 1, 10);
  conflict_id = g_ascii_strtoll (gr_gui_query_text (fixture->db_path, "SELECT id FROM sync_conflicts"), NULL, 10);
  entry = gr_sync_inbox_get_field_entry (inbox, conflict_id, "quantity_t");
  g_assert_nonnull (entry);
  /* mine in the entry, to edit */
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "34000");
  /* the field by its name, not its dataset key */
  {
    GtkWidget *grid = gtk_widget_get_parent (GTK_WIDGET (entry));
    int column, row;

    gtk_grid_query_child (GTK_GRID (grid), GTK_WIDGET (entry), &column, &row, NULL, NULL);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), 0, row))), ==,
                     "Quantity (t)");
  }
  gtk_editable_set_text (entry, "33500");
  gtk_widget_activate_action (GTK_WIDGET (inbox), "inbox.use-edited", "x", conflict_id);
  WAIT_FOR (!gr_sync_inbox_get_busy (inbox) && gr_sync_inbox_get_n_conflicts (inbox) == 0, 10);
  /* Resolving pushes the result. */
  WAIT_FOR ((g_free (on_server), on_server = test_sql (server, "SELECT data::json->>'quantity_t' FROM records"
                                                                " WHERE id = 'P-01'"),
             g_strcmp0 (on_server, "33500") == 0), 30);

  /* The rejected movement: discarded after a confirmation. */
  WAIT_FOR (gr_sync_inbox_get_n_rejected (inbox) == 1, 30);
  {
    g_autofree char *mutation = gr_gui_query_text (fixture->db_path,
                                                   "SELECT mutation_id FROM outbox WHERE state = 'rejected'");
    AdwMessageDialog *dialog;

    gtk_widget_activate_action (GTK_WIDGET (inbox), "inbox.discard", "s", mutation);
    WAIT_FOR ((dialog = gr_gui_find_message_dialog (GTK_WINDOW (inbox))) != NULL, 5);
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Discard This Change?");
    adw_message_dialog_response (dialog, "discard");
  }
  WAIT_FOR (!gr_sync_inbox_get_busy (inbox) && gr_sync_inbox_get_n_rejected (inbox) == 0, 10);
  {
    g_autofree char *gone = gr_gui_query_text (fixture->db_path, "SELECT count(*) FROM movements WHERE id = 'M-909'");
    g_autofree char *after = gr_gui_query_text (fixture->db_path, "SELECT balance_kg FROM lots WHERE id = 'L-01'");

    g_assert_cmpstr (gone, ==, "0");
    /* the lot's balance without the 5 t again */
    g_assert_cmpstr (after, ==, balance);
  }
  WAIT_FOR (gr_sync_service_get_conflicts (service) == 0 && gr_sync_service_get_rejected (service) == 0, 10);
  WAIT_FOR (g_strcmp0 (indicator_text (window), "Synced") == 0, 30);
}

/* DESIGN.md §6: an inspector writes no movements: the lot view offers
 * no "Record Movement…", and the action is off. */
static void
test_inspector (GrGuiFixture  *fixture,
                gconstpointer  data)
{
  GrWindow *window;
  GrSyncPreferences *prefs;
  GrStockPage *page;
  GrLotView *lot_view;
  GtkWidget *button;

  if (server == NULL)
    return;
  g_free (fixture->db_path);
  fixture->db_path = gr_account_db_path (server->url, "insp1");
  window = gr_gui_open_window (fixture, "stock");
  WAIT_FOR (gr_sync_service_get_ready (gr_window_get_sync_service (window)), 10);
  prefs = open_preferences (window);
  fill_in (prefs, "insp1", TEST_PASSWORD);
  gr_sync_preferences_sign_in (prefs);
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (prefs))));
  WAIT_FOR (g_strcmp0 (gr_window_get_role (window), "inspector") == 0, 20);
  g_assert_false (gr_role_may (gr_window_get_role (window), GR_ROLE_ACTION_RECORD_MOVEMENT));
  g_assert_true (gr_role_may (gr_window_get_role (window), GR_ROLE_ACTION_WRITE_INSPECTION));
  g_assert_false (gr_role_may (gr_window_get_role (window), GR_ROLE_ACTION_APPROVE_ROTATION_PLAN));
  g_assert_true (gr_gui_wait_view (window, "shell"));

  page = GR_STOCK_PAGE (gr_gui_find_type (GTK_WIDGET (window), GR_TYPE_STOCK_PAGE));
  g_assert_true (gr_stock_page_show (page, "lot:L-01", NULL));
  lot_view = GR_LOT_VIEW (gr_stock_page_get_lot_view (page));
  WAIT_FOR (gr_lot_view_get_detail (lot_view) != NULL, 10);
  button = gr_gui_find_button (GTK_WIDGET (lot_view), "stock.record-movement");
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_get_visible (button));
  gtk_widget_activate_action (GTK_WIDGET (lot_view), "stock.record-movement", NULL);
  gr_gui_spin (200);
  g_assert_null (gr_gui_find_toplevel (GR_TYPE_MOVEMENT_DIALOG));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("granary-home-XXXXXX", NULL);
  int status;

  g_setenv ("GRANARY_KEYRING", "memory", TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!gr_gui_test_init ())
    {
      g_test_skip ("no display");
      return 77;
    }
  server = test_city_server ();

  g_test_add ("/gui-sync/sign-in", GrGuiFixture, NULL, gr_gui_fixture_setup, test_sign_in, gr_gui_fixture_teardown);
  g_test_add ("/gui-sync/download-and-inbox", GrGuiFixture, NULL, gr_gui_fixture_setup, test_download_and_inbox,
              gr_gui_fixture_teardown);
  g_test_add ("/gui-sync/inspector", GrGuiFixture, NULL, gr_gui_fixture_setup, test_inspector,
              gr_gui_fixture_teardown);

  status = g_test_run ();
  g_clear_pointer (&server, test_server_free);
  return status;
}
