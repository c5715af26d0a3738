/* test-sync-service.c: sync in the background, as the app runs it (SYNC.md §3.9)
 *
 * GrSyncService against granary-server on a real PostgreSQL: signing in
 * starts the first download (with progress), a local change written by
 * another connection is sent without being asked, the network going
 * away and coming back, a rejection announced; and the first download
 * cancelled after a page resumes from that page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "gr-http-test.h"
#include "gr-outbox.h"
#include "gr-sync.h"
#include "gr-sync-client.h"
#include "gr-sync-service.h"
#include "test-network-monitor.h"
#include "test-util.h"

/* Runs the main loop until cond holds, for at most seconds. */
#define WAIT_FOR(cond, seconds) \
  G_STMT_START { \
    gint64 _deadline = g_get_monotonic_time () + (seconds) * G_USEC_PER_SEC; \
    while (!(cond) && g_get_monotonic_time () < _deadline) \
      g_main_context_iteration (NULL, TRUE); \
    if (!(cond)) \
      g_error ("timed out waiting for %s", #cond); \
  } G_STMT_END

typedef struct {
  guint64  last_done;
  guint64  last_total;
  guint    progress;
  guint    rejected;
  guint    finished;
  guint    ok;
} Seen;

static void
progress_cb (GrSyncService *service,
             GParamSpec    *pspec,
             Seen          *seen)
{
  seen->progress++;
  seen->last_done = gr_sync_service_get_download_done (service);
  seen->last_total = gr_sync_service_get_download_total (service);
}

static void
issues_cb (GrSyncService *service,
           guint          conflicts,
           guint          rejected,
           Seen          *seen)
{
  seen->rejected += rejected;
}

static void
finished_cb (GrSyncService *service,
             gboolean       ok,
             Seen          *seen)
{
  seen->finished++;
  if (ok)
    seen->ok++;
}

static void
signed_in_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GrAccount **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = gr_sync_service_sign_in_finish (GR_SYNC_SERVICE (object), result, &error);
  g_assert_no_error (error);
}

static void
signed_out_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  gint64 *out = user_data;
  g_autoptr(GError) error = NULL;

  *out = gr_sync_service_sign_out_finish (GR_SYNC_SERVICE (object), result, &error);
  g_assert_no_error (error);
}

static void
test_service (void)
{
  g_autoptr(TestServer) server = test_city_server ();
  g_autoptr(GrSyncService) service = NULL;
  g_autoptr(GNetworkMonitor) monitor = NULL;
  g_autoptr(GrAccount) account = NULL;
  g_autoptr(GrStore) other = NULL;
  g_autofree char *path = NULL;
  g_autofree char *on_server = NULL;
  Seen seen = { 0 };
  guint finished;
  gint64 unsent = -1;

  if (server == NULL)
    return;
  path = test_temp_db ();
  other = test_open_store (path);
  service = gr_sync_service_new (path);
  monitor = test_network_monitor_new (TRUE);
  gr_sync_service_set_network_monitor (service, monitor);
  g_signal_connect (service, "notify::download-done", G_CALLBACK (progress_cb), &seen);
  g_signal_connect (service, "issues", G_CALLBACK (issues_cb), &seen);
  g_signal_connect (service, "cycle-finished", G_CALLBACK (finished_cb), &seen);

  /* A database never signed in: local, signed out, no role. */
  WAIT_FOR (gr_sync_service_get_ready (service), 10);
  g_assert_cmpint (gr_sync_service_get_state (service), ==, GR_SYNC_STATE_SIGNED_OUT);
  g_assert_null (gr_sync_service_get_role (service));
  g_assert_null (gr_sync_service_get_account (service));

  /* Signing in starts the first download: the company's 19 records. */
  gr_sync_service_sign_in_async (service, server->url, "co1", TEST_PASSWORD, NULL, NULL, signed_in_cb, &account);
  WAIT_FOR (account != NULL, 20);
  WAIT_FOR (seen.ok == 1, 30);
  g_assert_cmpuint (seen.last_total, ==, 26 - 7);
  g_assert_cmpuint (seen.last_done, ==, 26 - 7);
  g_assert_cmpuint (seen.progress, >=, 1);
  /* the counts are read again after the cycle */
  WAIT_FOR (gr_sync_service_get_last_success (service) != NULL, 5);
  g_assert_false (gr_sync_service_get_downloading (service));
  g_assert_cmpint (gr_sync_service_get_state (service), ==, GR_SYNC_STATE_IDLE);
  g_assert_true (gr_sync_service_get_online (service));
  g_assert_nonnull (gr_sync_service_get_last_success (service));
  g_assert_null (gr_sync_service_get_last_error (service));
  /* DESIGN.md §6: the server says co1 is a company */
  WAIT_FOR (g_strcmp0 (gr_sync_service_get_role (service), "company") == 0, 5);
  g_assert_cmpint (gr_store_count (other, "lots"), ==, 2);

  /* A change written by another connection goes out on its own. */
  finished = seen.finished;
  test_import_ok (other, DATASET_HEAD "\"movements\": [{\"id\": \"M-801\", \"lot\": \"L-01\", \"date\": \"2026-06-01\","
                                      " \"kind\": \"loss\", \"quantity_t\": 2}]}", NULL);
  WAIT_FOR (gr_sync_service_get_pending (service) == 1, 10);
  WAIT_FOR (seen.finished > finished && gr_sync_service_get_pending (service) == 0, 20);
  on_server = test_sql (server, "SELECT count(*) FROM records WHERE id = 'M-801'");
  g_assert_cmpstr (on_server, ==, "1");

  /* A change the role may not make: announced, kept, counted. */
  test_import_ok (other, DATASET_HEAD "\"plans\": [{\"id\": \"P-01\", \"enterprise\": \"E-QY-01\","
                                      " \"variety\": \"paddy_late_indica\", \"quantity_t\": 31000, \"required_grade\": 3,"
                                      " \"rotation_mode\": \"static\", \"valid_from\": \"2024-01-01\","
                                      " \"valid_to\": \"2026-12-31\"}]}", NULL);
  WAIT_FOR (seen.rejected == 1, 20);
  g_assert_cmpint (gr_sync_service_get_rejected (service), ==, 1);
  g_assert_cmpint (gr_sync_service_get_pending (service), ==, 0);

  /* The server goes away: offline, local work goes on. */
  gr_server_process_kill (server->process);
  test_import_ok (other, DATASET_HEAD "\"movements\": [{\"id\": \"M-802\", \"lot\": \"L-01\", \"date\": \"2026-06-02\","
                                      " \"kind\": \"loss\", \"quantity_t\": 1}]}", NULL);
  WAIT_FOR (gr_sync_service_get_state (service) == GR_SYNC_STATE_OFFLINE, 60);
  g_assert_false (gr_sync_service_get_online (service));
  g_assert_nonnull (gr_sync_service_get_last_error (service));
  g_assert_cmpint (gr_sync_service_get_pending (service), ==, 1);
  test_network_monitor_set_available (TEST_NETWORK_MONITOR (monitor), FALSE);
  g_assert_cmpint (gr_sync_service_get_state (service), ==, GR_SYNC_STATE_OFFLINE);

  /* Back: the network's return starts a cycle at once. */
  test_server_restart (server);
  finished = seen.ok;
  test_network_monitor_set_available (TEST_NETWORK_MONITOR (monitor), TRUE);
  WAIT_FOR (seen.ok > finished, 20);
  WAIT_FOR (gr_sync_service_get_pending (service) == 0, 10);
  g_assert_cmpint (gr_sync_service_get_state (service), ==, GR_SYNC_STATE_IDLE);
  g_assert_true (gr_sync_service_get_online (service));
  g_assert_null (gr_sync_service_get_last_error (service));

  /* Signing out reports the rejected change, which stays. */
  gr_sync_service_sign_out_async (service, NULL, signed_out_cb, &unsent);
  WAIT_FOR (unsent >= 0, 10);
  g_assert_cmpint (unsent, ==, 1);
  g_assert_cmpint (gr_sync_service_get_state (service), ==, GR_SYNC_STATE_SIGNED_OUT);
  g_assert_cmpint (gr_outbox_count_unsent (other), ==, 1);
}

typedef struct {
  GCancellable *cancellable;
  guint64       stop_at;
} StopAt;

static void
stop_progress (guint64  done,
               guint64  total,
               gpointer data)
{
  StopAt *stop = data;

  if (done >= stop->stop_at)
    g_cancellable_cancel (stop->cancellable);
}

/* The first download cancelled after two pages of five: the next run
 * downloads only the rest (SYNC.md §4 test 22 in small: at most the
 * page in flight is fetched again). */
static void
test_download_resume (void)
{
  g_autoptr(TestServer) server = test_city_server ();
  g_autoptr(GrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  StopAt stop = { cancellable, 10 };
  g_autofree char *progress = NULL;
  GrSyncOptions options;
  GrSyncReport report;

  if (server == NULL)
    return;
  store = test_new_store ();
  gr_sync_options_init (&options);
  options.server = server->url;
  options.user = "co1";
  options.password = TEST_PASSWORD;
  options.snapshot_limit = 5;
  options.progress = stop_progress;
  options.progress_data = &stop;
  gr_sync_report_init (&report);
  g_assert_false (gr_sync_run (store, &options, &report, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (report.from_snapshot, ==, 10);
  gr_sync_report_clear (&report);
  progress = gr_store_get_meta (store, "sync_snapshot");
  g_assert_nonnull (strstr (progress, "\"done\": 10, \"total\": 19"));

  options.progress = NULL;
  gr_sync_report_init (&report);
  g_assert_true (gr_sync_run (store, &options, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.from_snapshot, ==, 19 - 10);
  g_assert_true (report.verified);
  gr_sync_report_clear (&report);
  g_assert_cmpint (gr_store_count (store, "movements"), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("granary-home-XXXXXX", NULL);

  g_setenv ("GRANARY_KEYRING", "memory", TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync-service/service", test_service);
  g_test_add_func ("/sync-service/download-resume", test_download_resume);

  return g_test_run ();
}
