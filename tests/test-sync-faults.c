/* test-sync-faults.c: the client's side of the fault tests of SYNC.md §4
 *
 *  1  kill -9 during local writes: the domain row and its outbox row are
 *     both there or neither (GRANARY_FAULT_ITERATIONS kills, default 150);
 *  4  power loss: the database and its log copied while the writer is
 *     frozen at random points: each copy opens, passes integrity_check and
 *     holds every write acknowledged before it;
 * 10  a flaky loopback proxy drops connections, cuts answers and delays
 *     requests while three devices edit: they converge, nothing twice;
 * 14  edit against delete, both ways round: a conflict, nothing lost;
 * 17  a signed inspection is frozen here and on the server; a correction
 *     is a new record linked to it;
 * 20  thirty days offline with thousands of local changes while the
 *     server moves on: all of it goes up and comes down;
 * 21  away longer than the server keeps deletions: 410, a new download
 *     that keeps and then sends the changes still waiting, and drops
 *     what the server deleted meanwhile;
 * 26  the user loses a depot: its records go, except a change still
 *     waiting (sent, rejected, kept with its reason); the new depot's
 *     records come;
 * 27  the sign-in expires offline: work goes on, nothing is deleted;
 *     signed in again, everything goes up; another user's database is
 *     another file;
 * 28  an older client's outbox (schema 3) after two local migrations
 *     still pushes;
 * 29  a field this client does not know survives its patch.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "gr-account.h"
#include "gr-http-test.h"
#include "gr-json-writer.h"
#include "gr-ledger.h"
#include "gr-outbox.h"
#include "gr-record-store.h"
#include "gr-sync.h"
#include "gr-sync-client.h"
#include "test-util.h"

typedef struct {
  char          *path;
  GrStore       *store;
  GrSyncOptions  options;
  char          *user;
  char          *url;
} Client;

static void
client_free (Client *client)
{
  g_clear_object (&client->store);
  g_free (client->path);
  g_free (client->user);
  g_free (client->url);
  g_free (client);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Client, client_free)

static Client *
client_new_at (const char *url,
               const char *user)
{
  Client *client = g_new0 (Client, 1);

  client->path = test_temp_db ();
  client->store = test_open_store (client->path);
  client->user = g_strdup (user);
  client->url = g_strdup (url);
  gr_sync_options_init (&client->options);
  client->options.server = client->url;
  client->options.user = client->user;
  client->options.password = TEST_PASSWORD;
  client->options.backoff_base_ms = 20;
  client->options.backoff_cap_ms = 200;
  client->options.max_attempts = 3;
  client->options.verify = GR_SYNC_VERIFY_ALWAYS;
  return client;
}

static Client *
client_new (TestServer *server,
            const char *user)
{
  return client_new_at (server->url, user);
}

static gboolean
client_sync (Client        *client,
             GrSyncReport  *report,
             GError       **error)
{
  return gr_sync_run (client->store, &client->options, report, NULL, error);
}

static guint
client_sync_ok (Client *client)
{
  GrSyncReport report;
  g_autoptr(GError) error = NULL;
  guint issues;

  gr_sync_report_init (&report);
  if (!client_sync (client, &report, &error))
    g_error ("sync as %s: %s", client->user, error->message);
  issues = report.issues->len;
  gr_sync_report_clear (&report);
  return issues;
}

static gint64
store_int (GrStore    *store,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
store_text (GrStore    *store,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gint64
server_int (TestServer *server,
            const char *sql)
{
  g_autofree char *text = test_sql (server, sql);

  return g_ascii_strtoll (text, NULL, 10);
}

static void
import_movement (GrStore    *store,
                 const char *id,
                 const char *lot,
                 const char *date,
                 double      tonnes)
{
  g_autofree char *json = g_strdup_printf (DATASET_HEAD "\"movements\": [{\"id\": \"%s\", \"lot\": \"%s\","
                                           " \"date\": \"%s\", \"kind\": \"intake\", \"quantity_t\": %.3f}]}",
                                           id, lot, date, tonnes);

  test_import_ok (store, json, NULL);
}

static guint
iterations (guint fallback)
{
  const char *text = g_getenv ("GRANARY_FAULT_ITERATIONS");

  return text ? (guint) g_ascii_strtoull (text, NULL, 10) : fallback;
}

/* ---- A writer process, for the crash tests ---- */

/* Writes movements (and now and then a lot's grade) one transaction each,
 * and after each commit appends the movement's id to ack_path: the
 * writes acknowledged to the user. Runs until killed. */
static int
writer_main (const char *db_path,
             const char *ack_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrStore) store = gr_store_open (db_path, &error);
  FILE *ack;

  if (store == NULL)
    {
      g_printerr ("writer: %s\n", error->message);
      return 1;
    }
  ack = fopen (ack_path, "a");
  for (guint i = 0;; i++)
    {
      g_autofree char *id = g_strdup_printf ("M-%d-%u", (int) getpid (), i);

      if (i % 5 == 4)
        {
          g_autofree char *lot = g_strdup_printf (DATASET_HEAD "\"lots\": [{\"id\": \"L-02\", \"bin\": \"B-02\","
                                                  " \"plan\": \"P-02\", \"variety\": \"rice\", \"grade\": %u,"
                                                  " \"produced_on\": \"2025-09-01\", \"entered_on\": \"2025-09-10\","
                                                  " \"shelf_life_days\": 365, \"packaged\": true,"
                                                  " \"delay_approved\": true}]}", 1 + (i / 5) % 3);

          if (!gr_import_data (store, lot, -1, GR_IMPORT_NONE, NULL, NULL, NULL, &error))
            {
              g_printerr ("writer: %s\n", error->message);
              return 1;
            }
        }
      {
        g_autofree char *json = g_strdup_printf (DATASET_HEAD "\"movements\": [{\"id\": \"%s\", \"lot\": \"L-01\","
                                                 " \"date\": \"2026-07-01\", \"kind\": \"intake\", \"quantity_t\": 1}]}",
                                                 id);

        if (!gr_import_data (store, json, -1, GR_IMPORT_NONE, NULL, NULL, NULL, &error))
          {
            g_printerr ("writer: %s\n", error->message);
            return 1;
          }
      }
      if (ack != NULL)
        {
          fprintf (ack, "%s\n", id);
          fflush (ack);
        }
    }
}

static GSubprocess *
spawn_writer (const char *db_path,
              const char *ack_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  GSubprocess *process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, self, "--writer", db_path, ack_path, NULL);

  g_assert_no_error (error);
  return process;
}

/* Every movement has its outbox row and every outbox row its movement;
 * the lot's grade is the one its last change recorded; balances follow
 * the ledger; SQLite finds nothing wrong. */
static void
assert_consistent (GrStore *store)
{
  g_autofree char *check = store_text (store, "PRAGMA integrity_check");
  g_autofree char *grade = NULL;
  g_autofree char *last = NULL;

  g_assert_cmpstr (check, ==, "ok");
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM movements m WHERE NOT EXISTS (SELECT 1 FROM outbox o"
                                     " WHERE o.entity = 'movement' AND o.entity_id = m.id)"), ==, 0);
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM outbox o WHERE o.entity = 'movement' AND NOT EXISTS"
                                     " (SELECT 1 FROM movements m WHERE m.id = o.entity_id)"), ==, 0);
  grade = store_text (store, "SELECT grade FROM lots WHERE id = 'L-02'");
  last = store_text (store, "SELECT json_extract(payload, '$.grade') FROM outbox WHERE entity = 'lot'"
                            " AND entity_id = 'L-02' ORDER BY seq DESC LIMIT 1");
  g_assert_cmpstr (grade, ==, last);
  g_assert_cmpint (store_int (store, "SELECT balance_kg FROM lots WHERE id = 'L-01'"), ==,
                   store_int (store, "SELECT coalesce(sum(delta_kg), 0) FROM movements WHERE lot = 'L-01' AND deleted = 0"));
}

static char *
city_database (void)
{
  g_autofree char *fixture = test_fixture ("city-small.json");
  char *path = test_temp_db ();
  g_autoptr(GrStore) store = test_open_store (path);

  /* Typed in here: every record has its outbox row. */
  test_import_ok (store, fixture, NULL);
  return path;
}

/* SYNC.md §4 test 1 */
static void
test_kill_during_write (void)
{
  g_autofree char *path = city_database ();
  g_autofree char *ack = g_strconcat (path, ".ack", NULL);
  GRand *rand = g_rand_new_with_seed (41);
  guint n = iterations (150);
  gint64 written;

  for (guint i = 0; i < n; i++)
    {
      GStatBuf before = { 0 }, now = { 0 };
      g_autoptr(GSubprocess) writer = NULL;
      g_autoptr(GrStore) store = NULL;
      gint64 deadline;

      g_stat (ack, &before);
      writer = spawn_writer (path, ack);
      /* The kill lands among real writes, however slowly a loaded machine
       * starts the writer: first its first acknowledged write, then a
       * random while more. */
      deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
      while ((g_stat (ack, &now) != 0 || now.st_size <= before.st_size) && g_get_monotonic_time () < deadline)
        g_usleep (1000);
      g_usleep (g_rand_int_range (rand, 2, 40) * 1000);
      g_subprocess_force_exit (writer);
      g_subprocess_wait (writer, NULL, NULL);
      g_assert_false (g_subprocess_get_if_exited (writer) && g_subprocess_get_exit_status (writer) != 0);
      store = test_open_store (path);
      assert_consistent (store);
    }
  {
    g_autoptr(GrStore) store = test_open_store (path);

    written = store_int (store, "SELECT count(*) FROM movements") - 6;
    /* the kills landed among real writes */
    g_assert_cmpint (written, >, (gint64) n / 4);
  }
  g_rand_free (rand);
}

static GHashTable *
read_acks (const char *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *acks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return acks;
  lines = g_strsplit (text, "\n", -1);
  n = g_strv_length (lines);
  /* The last line may be half written: only whole lines count. */
  for (guint i = 0; i + 1 < n; i++)
    if (*lines[i] != '\0')
      g_hash_table_add (acks, g_strdup (lines[i]));
  return acks;
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) target = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  if (!g_file_test (from, G_FILE_TEST_EXISTS))
    return;
  g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* SYNC.md §4 test 4: the writer frozen (SIGSTOP) at random points, the
 * database and its write-ahead log copied as a power cut would leave
 * them, the writer let go again. */
static void
test_power_loss (void)
{
  g_autofree char *path = city_database ();
  g_autofree char *ack = g_strconcat (path, ".ack", NULL);
  g_autofree char *dir = g_dir_make_tmp ("granary-copies-XXXXXX", NULL);
  g_autoptr(GSubprocess) writer = spawn_writer (path, ack);
  GRand *rand = g_rand_new_with_seed (4);
  pid_t pid = (pid_t) g_ascii_strtoll (g_subprocess_get_identifier (writer), NULL, 10);
  guint n = MAX (iterations (150) / 5, 10);
  guint acknowledged = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *copy = g_strdup_printf ("%s/copy-%u.db", dir, i);
      g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autoptr(GHashTable) acks = NULL;
      g_autoptr(GrStore) store = NULL;
      GHashTableIter iter;
      gpointer id;

      g_usleep (g_rand_int_range (rand, 5, 60) * 1000);
      g_assert_cmpint (kill (pid, SIGSTOP), ==, 0);
      /* What the user was told is saved, then the files as they are. */
      acks = read_acks (ack);
      copy_file (path, copy);
      copy_file (wal, copy_wal);
      g_assert_cmpint (kill (pid, SIGCONT), ==, 0);

      store = test_open_store (copy);
      assert_consistent (store);
      g_hash_table_iter_init (&iter, acks);
      while (g_hash_table_iter_next (&iter, &id, NULL))
        {
          g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM movements WHERE id = '%s'", (char *) id);

          g_assert_cmpint (store_int (store, sql), ==, 1);
        }
      acknowledged = g_hash_table_size (acks);
    }
  g_subprocess_force_exit (writer);
  g_subprocess_wait (writer, NULL, NULL);
  g_assert_cmpuint (acknowledged, >, 0);
  g_rand_free (rand);
}

/* ---- A flaky proxy (SYNC.md §4 test 10) ---- */

typedef struct {
  GThread        *thread;
  GMainContext   *context;
  GMainLoop      *loop;
  GSocketService *service;
  GMutex          lock;
  GRand          *rand;
  guint16         port;
  guint16         upstream;
  guint           drop_percent;    /* connections closed at once or cut in the answer */
  guint           max_delay_ms;
  guint           dropped;
  guint           cut;
  guint           connections;
  char           *url;
} Proxy;

typedef struct {
  Proxy     *proxy;
  GIOStream *from;
  GIOStream *to;
  gssize     cut_after;    /* bytes of the answer let through, -1: all */
} Pipe;

static guint
proxy_random (Proxy *proxy,
              guint  below)
{
  guint value;

  g_mutex_lock (&proxy->lock);
  value = below > 0 ? (guint) g_rand_int_range (proxy->rand, 0, below) : 0;
  g_mutex_unlock (&proxy->lock);
  return value;
}

/* Copies one direction until either side closes, then closes both. */
static gpointer
pipe_run (gpointer data)
{
  Pipe *pipe = data;
  GInputStream *in = g_io_stream_get_input_stream (pipe->from);
  GOutputStream *out = g_io_stream_get_output_stream (pipe->to);
  guint8 buffer[16384];
  gsize passed = 0;

  for (;;)
    {
      gssize n = g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL);

      if (n <= 0)
        break;
      if (pipe->cut_after >= 0 && passed + (gsize) n > (gsize) pipe->cut_after)
        {
          /* The answer breaks off here: a connection reset mid-body. */
          g_output_stream_write_all (out, buffer, pipe->cut_after - passed, NULL, NULL, NULL);
          break;
        }
      if (pipe->proxy->max_delay_ms > 0)
        g_usleep (proxy_random (pipe->proxy, pipe->proxy->max_delay_ms) * 1000);
      if (!g_output_stream_write_all (out, buffer, n, NULL, NULL, NULL))
        break;
      passed += n;
    }
  /* Shut down, not only closed: the other direction's thread may be
   * blocked reading, and only a shutdown wakes it. */
  g_socket_shutdown (g_socket_connection_get_socket (G_SOCKET_CONNECTION (pipe->from)), TRUE, TRUE, NULL);
  g_socket_shutdown (g_socket_connection_get_socket (G_SOCKET_CONNECTION (pipe->to)), TRUE, TRUE, NULL);
  return NULL;
}

static gboolean
proxy_run_cb (GThreadedSocketService *service,
              GSocketConnection      *connection,
              GObject                *source,
              gpointer                user_data)
{
  Proxy *proxy = user_data;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) upstream = NULL;
  guint roll = proxy_random (proxy, 100);
  Pipe up, down;
  GThread *back;

  g_mutex_lock (&proxy->lock);
  proxy->connections++;
  g_mutex_unlock (&proxy->lock);
  if (roll < proxy->drop_percent / 2)
    {
      /* Dropped at once: the request never arrives. */
      g_mutex_lock (&proxy->lock);
      proxy->dropped++;
      g_mutex_unlock (&proxy->lock);
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      return TRUE;
    }
  upstream = g_socket_client_connect_to_host (client, "127.0.0.1", proxy->upstream, NULL, NULL);
  if (upstream == NULL)
    {
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      return TRUE;
    }
  up = (Pipe) { proxy, G_IO_STREAM (connection), G_IO_STREAM (upstream), -1 };
  down = (Pipe) { proxy, G_IO_STREAM (upstream), G_IO_STREAM (connection), -1 };
  if (roll < proxy->drop_percent)
    {
      /* The request goes through; its answer is lost on the way back,
       * somewhere in its first bytes. */
      down.cut_after = proxy_random (proxy, 400);
      g_mutex_lock (&proxy->lock);
      proxy->cut++;
      g_mutex_unlock (&proxy->lock);
    }
  back = g_thread_new ("proxy-down", pipe_run, &down);
  pipe_run (&up);
  g_thread_join (back);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  g_io_stream_close (G_IO_STREAM (upstream), NULL, NULL);
  return TRUE;
}

static gpointer
proxy_thread (gpointer data)
{
  Proxy *proxy = data;

  g_main_context_push_thread_default (proxy->context);
  g_main_loop_run (proxy->loop);
  g_main_context_pop_thread_default (proxy->context);
  return NULL;
}

static Proxy *
proxy_start (const char *upstream_url,
             guint       drop_percent,
             guint       max_delay_ms)
{
  Proxy *proxy = g_new0 (Proxy, 1);
  g_autoptr(GUri) uri = g_uri_parse (upstream_url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GError) error = NULL;

  g_mutex_init (&proxy->lock);
  proxy->rand = g_rand_new_with_seed (10);
  proxy->upstream = (guint16) g_uri_get_port (uri);
  proxy->drop_percent = drop_percent;
  proxy->max_delay_ms = max_delay_ms;
  proxy->context = g_main_context_new ();
  proxy->loop = g_main_loop_new (proxy->context, FALSE);
  g_main_context_push_thread_default (proxy->context);
  proxy->service = g_threaded_socket_service_new (16);
  proxy->port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (proxy->service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (proxy->service, "run", G_CALLBACK (proxy_run_cb), proxy);
  g_socket_service_start (proxy->service);
  g_main_context_pop_thread_default (proxy->context);
  proxy->thread = g_thread_new ("proxy", proxy_thread, proxy);
  proxy->url = g_strdup_printf ("http://127.0.0.1:%u", proxy->port);
  return proxy;
}

static void
proxy_set_faults (Proxy *proxy,
                  guint  drop_percent,
                  guint  max_delay_ms)
{
  g_mutex_lock (&proxy->lock);
  proxy->drop_percent = drop_percent;
  proxy->max_delay_ms = max_delay_ms;
  g_mutex_unlock (&proxy->lock);
}

static void
proxy_stop (Proxy *proxy)
{
  g_socket_service_stop (proxy->service);
  g_socket_listener_close (G_SOCKET_LISTENER (proxy->service));
  g_main_loop_quit (proxy->loop);
  g_thread_join (proxy->thread);
  g_clear_object (&proxy->service);
  g_main_loop_unref (proxy->loop);
  g_main_context_unref (proxy->context);
  g_rand_free (proxy->rand);
  g_mutex_clear (&proxy->lock);
  g_free (proxy->url);
  g_free (proxy);
}

static char *
movements_of (Client *client)
{
  /* The movements of this test (the bureau reads the other enterprise's too). */
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (client->store, "SELECT id, quantity_kg FROM movements"
                                                                  " WHERE deleted = 0 AND id LIKE 'MF-%' ORDER BY id",
                                                   NULL);
  GString *out = g_string_new (NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s:%lld ", sqlite3_column_text (stmt, 0), (long long) sqlite3_column_int64 (stmt, 1));
  return g_string_free (out, FALSE);
}

/* SYNC.md §4 test 10, in small: three devices behind a proxy that loses
 * 30 % of its connections (half before the request, half in the answer)
 * and delays the rest, editing for twelve rounds; then quiet: the same
 * movements everywhere, each once on the server. */
static void
test_flaky_network (void)
{
  g_autoptr(TestServer) server = test_city_server ();
  Proxy *proxy;
  Client *clients[3];
  const char *users[] = { "co1", "co1b", "bureau" };
  guint created = 0;
  guint failures = 0;
  guint retries = 0;
  GRand *rand = g_rand_new_with_seed (1010);

  if (server == NULL)
    return;
  proxy = proxy_start (server->url, 30, 40);
  for (guint i = 0; i < 3; i++)
    {
      clients[i] = client_new_at (proxy->url, users[i]);
      clients[i]->options.max_attempts = 4;
      clients[i]->options.pull_limit = 7;
      clients[i]->options.batch_size = 3;
    }

  for (guint round = 0; round < 12; round++)
    for (guint i = 0; i < 3; i++)
      {
        GrSyncReport report;
        g_autoptr(GError) error = NULL;
        /* The companies record movements; everyone syncs when it can. */
        g_autofree char *cursor = gr_store_get_meta (clients[i]->store, "sync_cursor");

        if (i < 2 && cursor != NULL)
          for (guint k = 0, n = g_rand_int_range (rand, 1, 4); k < n; k++)
            {
              g_autofree char *id = g_strdup_printf ("MF-%u-%02u-%u", i, round, k);

              import_movement (clients[i]->store, id, k % 2 ? "L-01" : "L-02", "2026-08-01",
                               g_rand_int_range (rand, 1, 50));
              created++;
            }
        gr_sync_report_init (&report);
        /* A cycle may fail: its changes wait for the next one. */
        if (!client_sync (clients[i], &report, &error))
          failures++;
        retries += report.retries;
        gr_sync_report_clear (&report);
      }

  /* Quiet: the network heals; everyone syncs until nothing is left. */
  proxy_set_faults (proxy, 0, 0);
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < 3; i++)
      g_assert_cmpuint (client_sync_ok (clients[i]), ==, 0);

  g_assert_cmpuint (proxy->dropped + proxy->cut, >, 5);
  /* the faults were felt: requests sent again, or whole cycles failed */
  g_assert_cmpuint (retries + failures, >, 0);
  g_test_message ("flaky proxy: %u connections dropped, %u answers cut; %u retries, %u failed cycles",
                  proxy->dropped, proxy->cut, retries, failures);
  g_assert_cmpuint (created, >, 20);
  g_assert_cmpint (server_int (server, "SELECT count(*) FROM records WHERE entity = 'movement' AND id LIKE 'MF-%'"),
                   ==, created);
  /* each applied once, whatever the retries */
  g_assert_cmpint (server_int (server, "SELECT count(*) FROM change_log WHERE entity = 'movement'"
                                       " AND entity_id LIKE 'MF-%'"), ==, created);
  {
    g_autofree char *a = movements_of (clients[0]);
    g_autofree char *b = movements_of (clients[1]);
    g_autofree char *c = movements_of (clients[2]);

    g_assert_cmpstr (a, ==, b);
    g_assert_cmpstr (a, ==, c);
  }
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpint (gr_sync_count_unsent (clients[i]->store), ==, 0);
      g_assert_cmpint (gr_ledger_lot_balance (clients[i]->store, "L-01", NULL), ==,
                       gr_ledger_lot_balance (clients[0]->store, "L-01", NULL));
    }
  for (guint i = 0; i < 3; i++)
    client_free (clients[i]);
  proxy_stop (proxy);
  g_rand_free (rand);
}

/* ---- Edit against delete (SYNC.md §4 test 14) ---- */

static void
delete_local (Client     *client,
              const char *entity_name,
              const char *id)
{
  const GrEntity *entity = gr_schema_lookup (entity_name);
  g_autoptr(GrRecord) record = gr_record_load (client->store, entity, id, NULL);
  g_autoptr(GrRecordWriter) writer = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (record);
  record->deleted = TRUE;
  hash = gr_record_hash (record);
  g_assert_true (gr_store_begin (client->store, NULL));
  writer = gr_record_writer_new (client->store, entity, &error);
  g_assert_true (gr_record_writer_update (writer, record, hash, &error));
  g_assert_no_error (error);
  g_assert_true (gr_store_commit (client->store, NULL));
}

#define RELEASE(id, quantity) \
  DATASET_HEAD "\"releases\": [{\"id\": \"" id "\", \"order_no\": \"清发改粮〔2025〕12号\", \"date\": \"2025-03-01\"," \
  " \"enterprise\": \"E-QY-01\", \"variety\": \"rice\", \"quantity_t\": " quantity ", \"price_policy\": \"capped\"}]}"

static void
test_edit_delete (void)
{
  g_autoptr(TestServer) server = test_city_server ();
  g_autoptr(Client) a = NULL, b = NULL;
  GrSyncReport report;
  g_autoptr(GError) error = NULL;

  if (server == NULL)
    return;
  a = client_new (server, "bureau");
  b = client_new (server, "bureau2");
  client_sync_ok (a);
  client_sync_ok (b);

  /* An edit arrives first, the delete made on the older version after:
   * the delete conflicts; both sides are kept; keep mine deletes. */
  test_import_ok (a->store, RELEASE ("R-01", "150"), NULL);
  delete_local (b, "release", "R-01");
  g_assert_cmpuint (client_sync_ok (a), ==, 0);
  gr_sync_report_init (&report);
  g_assert_true (client_sync (b, &report, &error));
  g_assert_cmpuint (report.issues->len, ==, 1);
  g_assert_cmpstr (((GrSyncIssue *) report.issues->pdata[0])->status, ==, "conflict");
  gr_sync_report_clear (&report);
  /* meanwhile the server's version shows: not deleted, 150 t */
  g_assert_cmpint (store_int (b->store, "SELECT deleted FROM releases WHERE id = 'R-01'"), ==, 0);
  g_assert_cmpint (store_int (b->store, "SELECT quantity_kg FROM releases WHERE id = 'R-01'"), ==, 150000);
  g_assert_true (gr_sync_resolve (b->store, store_int (b->store, "SELECT id FROM sync_conflicts"), GR_SYNC_KEEP_MINE,
                                  &error));
  g_assert_cmpuint (client_sync_ok (b), ==, 0);
  g_assert_cmpuint (client_sync_ok (a), ==, 0);
  g_assert_cmpint (server_int (server, "SELECT deleted::int FROM records WHERE id = 'R-01'"), ==, 1);
  g_assert_cmpint (store_int (a->store, "SELECT deleted FROM releases WHERE id = 'R-01'"), ==, 1);
  g_assert_cmpint (store_int (b->store, "SELECT deleted FROM releases WHERE id = 'R-01'"), ==, 1);

  /* The other way round: deleted first, then an edit made before the
   * delete arrived: a conflict ("deleted on the server"); keep theirs. */
  test_import_ok (a->store, RELEASE ("R-02", "80"), NULL);
  client_sync_ok (a);
  client_sync_ok (b);
  delete_local (a, "release", "R-02");
  test_import_ok (b->store, RELEASE ("R-02", "90"), NULL);
  client_sync_ok (a);
  gr_sync_report_init (&report);
  g_assert_true (client_sync (b, &report, &error));
  g_assert_cmpuint (report.issues->len, ==, 1);
  g_assert_cmpstr (((GrSyncIssue *) report.issues->pdata[0])->status, ==, "conflict");
  g_assert_cmpstr (((GrSyncIssue *) report.issues->pdata[0])->code, ==, "deleted");
  gr_sync_report_clear (&report);
  /* mine is kept in the inbox until chosen */
  {
    g_autofree char *mine = store_text (b->store, "SELECT json_extract(mine, '$.quantity_t') FROM sync_conflicts"
                                                  " WHERE resolved_at IS NULL");

    g_assert_cmpstr (mine, ==, "90");
  }
  g_assert_true (gr_sync_resolve (b->store, store_int (b->store, "SELECT id FROM sync_conflicts WHERE resolved_at IS NULL"),
                                  GR_SYNC_KEEP_THEIRS, &error));
  g_assert_no_error (error);
  client_sync_ok (b);
  g_assert_cmpint (store_int (b->store, "SELECT deleted FROM releases WHERE id = 'R-02'"), ==, 1);
  g_assert_cmpint (gr_sync_count_unsent (a->store) + gr_sync_count_unsent (b->store), ==, 0);
}

/* ---- A frozen inspection (SYNC.md §4 test 17) ---- */

#define INSPECTION(id, extra) \
  DATASET_HEAD "\"inspections\": [{\"id\": \"" id "\", \"depot\": \"D-01\", \"date\": \"2026-09-02\"," \
  " \"kind\": \"routine\", \"inspectors\": [\"王芳\"], \"signed_by\": [\"王芳\"], \"signed_on\": \"2026-09-02\"" extra "}]}"

static void
test_frozen_inspection (void)
{
  g_autoptr(TestServer) server = test_city_server ();
  g_autoptr(Client) inspector = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *link = NULL;

  if (server == NULL)
    return;
  inspector = client_new (server, "insp1");
  client_sync_ok (inspector);
  test_import_ok (inspector->store, INSPECTION ("I-02", ", \"checklist\": {\"仓温正常\": true}"), NULL);
  g_assert_cmpuint (client_sync_ok (inspector), ==, 0);
  g_assert_cmpint (server_int (server, "SELECT count(*) FROM records WHERE id = 'I-02'"), ==, 1);

  /* Signed: no change here (DESIGN.md §3), clearly refused, nothing written. */
  g_assert_false (gr_import_data (inspector->store, INSPECTION ("I-02", ", \"checklist\": {\"仓温正常\": false}"), -1, GR_IMPORT_NONE,
                                  NULL, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "a recorded inspection cannot be changed"));
  g_clear_error (&error);
  g_assert_cmpint (gr_sync_count_unsent (inspector->store), ==, 0);

  /* A correction is a new record that names the one it corrects. */
  test_import_ok (inspector->store, INSPECTION ("I-03", ", \"checklist\": {\"仓温正常\": false}, \"corrects\": \"I-02\""), NULL);
  g_assert_cmpuint (client_sync_ok (inspector), ==, 0);
  link = test_sql (server, "SELECT data::json->>'corrects' FROM records WHERE id = 'I-03'");
  g_assert_cmpstr (link, ==, "I-02");
  g_free (link);
  link = test_sql (server, "SELECT data::json->'checklist'->>'仓温正常' FROM records WHERE id = 'I-02'");
  g_assert_cmpstr (link, ==, "true");
}

/* ---- Long offline (SYNC.md §4 tests 20, 21) ---- */

/* Thirty days away with 3,000 local movements while another device sends
 * 2,000: one sync sends them all and brings the others'. */
static void
test_month_offline (void)
{
  g_autoptr(TestServer) server = test_city_server ();
  g_autoptr(Client) field = NULL, office = NULL;
  GrSyncReport report;
  g_autoptr(GError) error = NULL;
  gint64 started;
  double seconds;

  if (server == NULL)
    return;
  field = client_new (server, "co1");
  office = client_new (server, "co1b");
  client_sync_ok (field);
  client_sync_ok (office);

  /* Thirty days later on the field device's clock: its stamps say so,
   * nothing orders by them. */
  gr_sync_clock_set_offset (30 * 86400);
  for (guint batch = 0; batch < 30; batch++)
    {
      g_autoptr(GString) json = g_string_new (DATASET_HEAD "\"movements\": [");

      for (guint i = 0; i < 100; i++)
        g_string_append_printf (json, "%s{\"id\": \"MO-%02u-%03u\", \"lot\": \"L-0%u\", \"date\": \"2026-09-%02u\","
                                      " \"kind\": \"intake\", \"quantity_t\": 0.5}", i ? ", " : "", batch, i,
                                1 + i % 2, 1 + batch % 28);
      g_string_append (json, "]}");
      test_import_ok (field->store, json->str, NULL);
    }
  gr_sync_clock_set_offset (0);
  for (guint batch = 0; batch < 20; batch++)
    {
      g_autoptr(GString) json = g_string_new (DATASET_HEAD "\"movements\": [");

      for (guint i = 0; i < 100; i++)
        g_string_append_printf (json, "%s{\"id\": \"MS-%02u-%03u\", \"lot\": \"L-02\", \"date\": \"2026-09-%02u\","
                                      " \"kind\": \"intake\", \"quantity_t\": 0.25}", i ? ", " : "", batch, i,
                                1 + batch % 28);
      g_string_append (json, "]}");
      test_import_ok (office->store, json->str, NULL);
    }
  client_sync_ok (office);
  g_assert_cmpint (gr_sync_count_unsent (field->store), ==, 3000);

  started = g_get_monotonic_time ();
  gr_sync_clock_set_offset (30 * 86400);
  gr_sync_report_init (&report);
  g_assert_true (client_sync (field, &report, &error));
  g_assert_no_error (error);
  gr_sync_clock_set_offset (0);
  seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  g_assert_cmpuint (report.pushed, ==, 3000);
  g_assert_cmpuint (report.pulled, >=, 2000);
  g_assert_true (report.verified);
  gr_sync_report_clear (&report);
  /* SYNC.md §5: 10,000 mutations in 60 s, so 3,000 well within 60 s */
  g_assert_cmpfloat (seconds, <, 60.0);
  g_test_message ("30 days offline: 3,000 up, 2,000 down in %.1f s", seconds);
  g_assert_cmpint (store_int (field->store, "SELECT count(*) FROM movements"), ==, 4 + 3000 + 2000);
  client_sync_ok (office);
  g_assert_cmpint (gr_ledger_lot_balance (field->store, "L-02", NULL), ==,
                   gr_ledger_lot_balance (office->store, "L-02", NULL));
}

static int
admin (TestServer  *server,
       const char **args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL, *err = NULL;
  int status;

  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, server->conninfo);
  g_ptr_array_add (argv, NULL);
  status = gr_server_run_admin ((const char **) argv->pdata, NULL, &out, &err);
  if (status != 0)
    g_test_message ("%s", err);
  return status;
}

/* Away past the retention: the server compacted the deletions since
 * (granary-server compact); its answer is 410; the changes waiting (the
 * push could not go) survive the new download and go afterwards; the
 * release deleted meanwhile is gone here too. */
static void
test_beyond_retention (void)
{
  g_autoptr(TestServer) server = test_city_server ();
  g_autoptr(Client) away = NULL, bureau = NULL, fresh = NULL;
  GrSyncReport report;
  g_autoptr(GError) error = NULL;
  const char *compact[] = { "compact", "--days", "180", NULL };

  if (server == NULL)
    return;
  away = client_new (server, "bureau2");
  bureau = client_new (server, "bureau");
  client_sync_ok (away);
  client_sync_ok (bureau);

  /* While away: the bureau deletes R-01; the tombstone ages past 180
   * days and is compacted. */
  delete_local (bureau, "release", "R-01");
  client_sync_ok (bureau);
  gr_pg_harness_exec (server->conn, "UPDATE records SET updated_at = now() - interval '200 days' WHERE id = 'R-01'");
  g_assert_cmpint (admin (server, compact), ==, 0);
  g_assert_cmpint (server_int (server, "SELECT count(*) FROM records WHERE id = 'R-01'"), ==, 0);

  /* The device has a change of its own waiting. */
  test_import_ok (away->store, DATASET_HEAD "\"plans\": [{\"id\": \"P-01\", \"enterprise\": \"E-QY-01\","
                                            " \"variety\": \"paddy_late_indica\", \"quantity_t\": 30500,"
                                            " \"required_grade\": 3, \"rotation_mode\": \"static\","
                                            " \"valid_from\": \"2024-01-01\", \"valid_to\": \"2026-12-31\"}]}", NULL);
  away->options.fault = GR_SYNC_FAULT_NO_PUSH;
  gr_sync_report_init (&report);
  g_assert_true (client_sync (away, &report, &error));
  g_assert_no_error (error);
  g_assert_true (report.reset);
  g_assert_cmpuint (report.purged, ==, 1);
  gr_sync_report_clear (&report);
  /* kept: the change and what it shows */
  g_assert_cmpint (gr_sync_count_unsent (away->store), ==, 1);
  g_assert_cmpint (store_int (away->store, "SELECT quantity_kg FROM plans WHERE id = 'P-01'"), ==, 30500000);
  g_assert_cmpint (store_int (away->store, "SELECT count(*) FROM releases WHERE id = 'R-01'"), ==, 0);

  /* Pushed afterwards, and the device equals a fresh one. */
  away->options.fault = GR_SYNC_FAULT_NONE;
  g_assert_cmpuint (client_sync_ok (away), ==, 0);
  g_assert_cmpint (gr_sync_count_unsent (away->store), ==, 0);
  g_assert_cmpint (server_int (server, "SELECT (data::json->>'quantity_t')::int FROM records WHERE id = 'P-01'"), ==,
                   30500);
  fresh = client_new (server, "bureau");
  client_sync_ok (fresh);
  {
    g_autofree char *ours = test_export (away->store, FALSE);
    g_autofree char *theirs = test_export (fresh->store, FALSE);
    g_autofree char *our_plans = store_text (away->store, "SELECT group_concat(id || ':' || version, ' ') FROM"
                                                          " (SELECT id, version FROM plans ORDER BY id)");
    g_autofree char *their_plans = store_text (fresh->store, "SELECT group_concat(id || ':' || version, ' ') FROM"
                                                             " (SELECT id, version FROM plans ORDER BY id)");

    g_assert_cmpuint (strlen (ours), ==, strlen (theirs));
    g_assert_cmpstr (our_plans, ==, their_plans);
  }
}

/* ---- Scope lost (SYNC.md §4 test 26) ---- */

static void
test_scope_lost (void)
{
  g_autoptr(TestServer) server = test_city_server ();
  g_autoptr(Client) inspector = NULL;
  GrSyncReport report;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;

  if (server == NULL)
    return;
  inspector = client_new (server, "insp1");
  client_sync_ok (inspector);
  g_assert_cmpint (gr_store_count (inspector->store, "bins"), ==, 2);
  g_assert_cmpint (gr_store_count (inspector->store, "movements"), ==, 4);

  /* An inspection of D-01 waits to be sent when D-01 goes to someone else. */
  test_import_ok (inspector->store, INSPECTION ("I-05", ""), NULL);
  gr_pg_harness_exec (server->conn, "UPDATE users SET depots = '{D-02}' WHERE name = 'insp1'");

  gr_sync_report_init (&report);
  g_assert_true (client_sync (inspector, &report, &error));
  g_assert_no_error (error);
  /* pushed first and refused, with a clear reason */
  g_assert_cmpuint (report.issues->len, ==, 1);
  g_assert_cmpstr (((GrSyncIssue *) report.issues->pdata[0])->status, ==, "rejected");
  g_assert_true (report.reset);
  g_assert_cmpuint (report.purged, >, 0);
  gr_sync_report_clear (&report);
  reason = store_text (inspector->store, "SELECT last_error FROM outbox WHERE entity_id = 'I-05'");
  g_assert_nonnull (reason);

  /* D-01's records are gone, but the unsent inspection and the depot it
   * names; D-02's came. */
  g_assert_cmpint (store_int (inspector->store, "SELECT count(*) FROM bins WHERE depot = 'D-01'"), ==, 0);
  g_assert_cmpint (store_int (inspector->store, "SELECT count(*) FROM lots WHERE id IN ('L-01', 'L-02')"), ==, 0);
  g_assert_cmpint (store_int (inspector->store, "SELECT count(*) FROM inspections WHERE id = 'I-01'"), ==, 0);
  g_assert_cmpint (store_int (inspector->store, "SELECT count(*) FROM inspections WHERE id = 'I-05'"), ==, 1);
  g_assert_cmpint (store_int (inspector->store, "SELECT count(*) FROM depots WHERE id = 'D-01'"), ==, 1);
  g_assert_cmpint (store_int (inspector->store, "SELECT count(*) FROM bins WHERE depot = 'D-02'"), ==, 1);
  g_assert_cmpint (store_int (inspector->store, "SELECT count(*) FROM movements"), ==, 2);
  g_assert_cmpint (gr_sync_count_unsent (inspector->store), ==, 1);
  {
    g_autofree char *scope = gr_store_get_meta (inspector->store, "sync_scope");

    g_assert_nonnull (strstr (scope, "\"D-02\""));
  }
}

/* ---- Sign-in expired (SYNC.md §4 test 27) ---- */

static void
test_token_expired (void)
{
  g_autoptr(TestServer) server = test_city_server ();
  g_autoptr(GrAccount) account = NULL;
  g_autoptr(GrAccount) other = NULL;
  g_autoptr(GrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  GrSyncOptions options;
  GrSyncReport report;
  gint64 records;

  if (server == NULL)
    return;
  account = gr_account_sign_in (server->url, "co1", TEST_PASSWORD, NULL, NULL, &error);
  g_assert_no_error (error);
  store = test_open_store (account->db_path);
  token = gr_account_lookup_token (server->url, "co1");
  gr_sync_options_init (&options);
  options.server = server->url;
  options.user = "co1";
  options.refresh_token = token;
  gr_sync_report_init (&report);
  g_assert_true (gr_sync_run (store, &options, &report, NULL, &error));
  gr_sync_report_clear (&report);

  /* Sixty days away: every token of the user has expired. */
  gr_sync_clock_set_offset (60 * 86400);
  gr_pg_harness_exec (server->conn, "UPDATE tokens SET expires_at = now() - interval '1 day'");
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("MT-%u", i);

      import_movement (store, id, "L-01", "2026-10-01", 1);
    }
  records = store_int (store, "SELECT count(*) FROM movements") + store_int (store, "SELECT count(*) FROM lots");
  gr_sync_report_init (&report);
  g_assert_false (gr_sync_run (store, &options, &report, NULL, &error));
  g_assert_error (error, GR_SYNC_ERROR, GR_SYNC_ERROR_AUTH);
  g_clear_error (&error);
  gr_sync_report_clear (&report);
  /* nothing deleted, local work goes on */
  import_movement (store, "MT-5", "L-01", "2026-10-02", 1);
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM movements") + store_int (store, "SELECT count(*) FROM lots"),
                   ==, records + 1);
  g_assert_cmpint (gr_sync_count_unsent (store), ==, 6);

  /* Another user on this computer: another database; this one untouched. */
  other = gr_account_sign_in (server->url, "co1b", TEST_PASSWORD, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (other->db_path, !=, account->db_path);
  g_assert_cmpint (gr_sync_count_unsent (store), ==, 6);

  /* Signed in again: all six go. */
  g_clear_pointer (&account, gr_account_free);
  account = gr_account_sign_in (server->url, "co1", TEST_PASSWORD, NULL, NULL, &error);
  g_assert_no_error (error);
  g_free (token);
  token = gr_account_lookup_token (server->url, "co1");
  options.refresh_token = token;
  gr_sync_report_init (&report);
  g_assert_true (gr_sync_run (store, &options, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.pushed, ==, 6);
  gr_sync_report_clear (&report);
  gr_sync_clock_set_offset (0);
  g_assert_cmpint (server_int (server, "SELECT count(*) FROM records WHERE id LIKE 'MT-%'"), ==, 6);
}

/* ---- Versions (SYNC.md §4 tests 28, 29) ---- */

/* Copies the rows of the tables of an old database's schema from the
 * current client's database (what the device had downloaded). */
static void
copy_rows (GrStore    *old,
           const char *from)
{
  static const char * const tables[] = {
    "enterprises", "depots", "bins", "plans", "lots", "movements", "releases", "rotation_plans",
    "rotation_plan_items", "monthly_reports", "monthly_report_rows", "monthly_report_rotation", "quality_tests",
    "inspections", "inspection_readings", "inspection_quantity_checks", "inspection_findings", "finding_closures",
    "depot_assessments", "plan_month_stock",
  };
  g_autofree char *attach = g_strdup_printf ("ATTACH '%s' AS cur", from);
  g_autoptr(GError) error = NULL;

  g_assert_true (gr_store_exec (old, attach, &error));
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT group_concat('\"' || name || '\"', ', ') FROM"
                                              " pragma_table_info('%s')", tables[i]);
      g_autofree char *columns = store_text (old, sql);
      g_autofree char *copy = g_strdup_printf ("INSERT INTO main.\"%s\" (%s) SELECT %s FROM cur.\"%s\"",
                                               tables[i], columns, columns, tables[i]);

      g_assert_true (gr_store_exec (old, copy, &error));
      g_assert_no_error (error);
    }
  g_assert_true (gr_store_exec (old, "DETACH cur", &error));
}

/* A client at local schema 3 (the first with an outbox, before every
 * later migration) wrote a movement and its outbox row as it did then,
 * and was upgraded before it could sync: the old row still goes. */
static void
test_old_outbox (void)
{
  g_autoptr(TestServer) server = test_city_server ();
  g_autoptr(Client) client = NULL;
  g_autofree char *path = test_temp_db ();
  g_autoptr(GError) error = NULL;
  static const char * const keys[] = {
    "sync_server", "sync_user", "sync_device_id", "sync_cursor", "sync_scope_applied", "sync_role", "sync_scope",
  };
  GrSyncOptions options;
  GrSyncReport report;

  if (server == NULL)
    return;
  /* The device registered and downloaded with the current client... */
  client = client_new (server, "co1");
  client_sync_ok (client);
  {
    g_autoptr(GrStore) old = gr_store_open_at_version (path, 3, &error);

    /* ...and its database as schema 3 kept it. */
    g_assert_no_error (error);
    g_assert_cmpint (gr_store_get_version (old), ==, 3);
    copy_rows (old, client->path);
    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      {
        g_autofree char *value = gr_store_get_meta (client->store, keys[i]);

        g_assert_true (gr_store_set_meta (old, keys[i], value, NULL));
      }
    g_assert_true (gr_store_exec (old,
      "BEGIN;"
      "INSERT INTO movements (id, version, updated_at, deleted, lot, date, kind, quantity_kg)"
      " VALUES ('M-OLD', 0, '2026-01-05T08:00:00Z', 0, 'L-01', '2026-01-05', 'intake', 7000);"
      "INSERT INTO outbox (mutation_id, entity, entity_id, op, base_version, payload, schema_ver, created_at)"
      " VALUES ('0190aaaa-0000-7000-8000-000000000001', 'movement', 'M-OLD', 'append', 0,"
      " '{\"id\": \"M-OLD\", \"lot\": \"L-01\", \"date\": \"2026-01-05\", \"kind\": \"intake\", \"quantity_t\": 7}', 3,"
      " '2026-01-05T08:00:00Z');"
      "COMMIT;", &error));
    g_assert_no_error (error);
  }
  /* Upgraded: opened by this version (every later migration), synced. */
  g_clear_object (&client->store);
  client->store = test_open_store (path);
  g_assert_cmpint (gr_store_get_version (client->store), ==, gr_store_schema_version ());
  g_assert_cmpint (gr_store_schema_version () - 3, >=, 2);
  g_assert_cmpint (gr_sync_count_unsent (client->store), ==, 1);
  options = client->options;
  gr_sync_report_init (&report);
  g_assert_true (gr_sync_run (client->store, &options, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.pushed, ==, 1);
  g_assert_true (report.verified);
  gr_sync_report_clear (&report);
  g_assert_cmpint (server_int (server, "SELECT (data::json->>'quantity_t')::int FROM records WHERE id = 'M-OLD'"), ==, 7);
}

/* A newer server's field this client does not know: kept in extra, and
 * not nulled by a patch of another field. */
static void
test_unknown_field (void)
{
  g_autoptr(TestServer) server = test_city_server ();
  g_autoptr(Client) client = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *quantity = NULL;

  if (server == NULL)
    return;
  gr_pg_harness_exec (server->conn, "UPDATE records SET data = (data::jsonb || '{\"supervisor\": \"王监\"}')::text,"
                    " version = version + 1, seq = (SELECT value + 1 FROM seq_counter)"
                    " WHERE id = 'P-01'; UPDATE seq_counter SET value = value + 1");
  client = client_new (server, "bureau");
  client_sync_ok (client);
  kept = store_text (client->store, "SELECT json_extract(extra, '$.supervisor') FROM plans WHERE id = 'P-01'");
  g_assert_cmpstr (kept, ==, "王监");

  test_import_ok (client->store, DATASET_HEAD "\"plans\": [{\"id\": \"P-01\", \"enterprise\": \"E-QY-01\","
                                              " \"variety\": \"paddy_late_indica\", \"quantity_t\": 30100,"
                                              " \"required_grade\": 3, \"rotation_mode\": \"static\","
                                              " \"valid_from\": \"2024-01-01\", \"valid_to\": \"2026-12-31\","
                                              " \"supervisor\": \"王监\"}]}", NULL);
  {
    g_autofree char *payload = store_text (client->store, "SELECT payload FROM outbox WHERE entity_id = 'P-01'");

    g_assert_cmpstr (payload, ==, "{\"quantity_t\": 30100}");
  }
  g_assert_cmpuint (client_sync_ok (client), ==, 0);
  g_free (kept);
  kept = test_sql (server, "SELECT data::json->>'supervisor' FROM records WHERE id = 'P-01'");
  quantity = test_sql (server, "SELECT data::json->>'quantity_t' FROM records WHERE id = 'P-01'");
  g_assert_cmpstr (kept, ==, "王监");
  g_assert_cmpstr (quantity, ==, "30100");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;

  if (argc == 4 && strcmp (argv[1], "--writer") == 0)
    return writer_main (argv[2], argv[3]);

  home = g_dir_make_tmp ("granary-home-XXXXXX", NULL);
  g_setenv ("GRANARY_KEYRING", "memory", TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync-faults/1-kill-during-write", test_kill_during_write);
  g_test_add_func ("/sync-faults/4-power-loss", test_power_loss);
  g_test_add_func ("/sync-faults/10-flaky-network", test_flaky_network);
  g_test_add_func ("/sync-faults/14-edit-delete", test_edit_delete);
  g_test_add_func ("/sync-faults/17-frozen-inspection", test_frozen_inspection);
  g_test_add_func ("/sync-faults/20-month-offline", test_month_offline);
  g_test_add_func ("/sync-faults/21-beyond-retention", test_beyond_retention);
  g_test_add_func ("/sync-faults/26-scope-lost", test_scope_lost);
  g_test_add_func ("/sync-faults/27-token-expired", test_token_expired);
  g_test_add_func ("/sync-faults/28-old-outbox", test_old_outbox);
  g_test_add_func ("/sync-faults/29-unknown-field", test_unknown_field);

  return g_test_run ();
}
