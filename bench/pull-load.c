/* pull-load.c: many clients pulling from granary-server at once
 *
 * bench/run starts it against a server loaded with the demo dataset
 * (DESIGN.md §8: the server under 100 concurrent pulling clients for 60 s,
 * without error, p99 recorded).
 *
 *   pull-load URL --user NAME [--user NAME …] --password-file FILE
 *             [--clients N] [--seconds S] [--limit ROWS]
 *
 * Each user logs in once (POST /v1/auth/token); the clients are dealt out
 * to the users in turn and share their user's access token: a login costs
 * an Argon2 hash on the server, which is not what is measured here. Every
 * client then pulls (GET /v1/sync/pull) page after page from the start of
 * the change log, as a new device does, and starts again from the start
 * when it has everything; a client has one request in flight at a time.
 * All clients run in one thread over one libsoup session with a
 * connection each.
 *
 * A request is an error when it fails in transport, answers anything but
 * 200, or its body has no next cursor. Latencies run from sending the
 * request to having its whole body (decompressed). At the end it prints
 * one line:
 *
 *   pull-load: clients=N seconds=S requests=R errors=E rows=W req_per_s=…
 *              rows_per_s=… p50_ms=… p90_ms=… p99_ms=… max_ms=…
 *
 * (on one line), and the errors by kind before it. Throughput counts the
 * requests completed within S seconds; the latencies also include the
 * requests still running then, which are waited for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <libsoup/soup.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct _Load Load;

typedef struct {
  Load       *load;
  guint       index;
  const char *token;          /* borrowed from Load.tokens */
  char       *cursor;         /* NULL: from the start */
  gint64      sent_at;
} Client;

struct _Load
{
  SoupSession *session;
  GMainLoop   *loop;
  char        *base;
  guint        limit;
  gint64       deadline;
  GPtrArray   *tokens;
  Client      *clients;
  guint        n_clients;
  guint        in_flight;
  guint64      completed_in_time;
  guint64      rows_in_time;
  GArray      *latencies;     /* gint64 µs, one per finished request */
  GHashTable  *errors;        /* kind → count (GUINT_TO_POINTER) */
  guint64      n_errors;
};

static void send_pull (Client *client);

static void
count_error (Load       *load,
             const char *kind)
{
  gpointer count = g_hash_table_lookup (load->errors, kind);

  g_hash_table_replace (load->errors, g_strdup (kind), GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
  load->n_errors++;
}

/* Searches backwards: what is wanted sits at the end of a long body. */
static const char *
find_last (const char *data,
           gsize       length,
           const char *needle)
{
  gsize n = strlen (needle);

  if (length < n)
    return NULL;
  for (gsize i = length - n + 1; i-- > 0;)
    if (data[i] == needle[0] && memcmp (data + i, needle, n) == 0)
      return data + i;
  return NULL;
}

static guint
count_changes (const char *data,
               gsize       length)
{
  /* How the server starts each change, on a line of its own. */
  static const char needle[] = "\n  {\"entity\": ";
  const char *p = data, *end = data + length;
  guint n = 0;

  while ((p = g_strstr_len (p, end - p, needle)) != NULL)
    {
      n++;
      p += sizeof needle - 1;
    }
  return n;
}

/* Reads next_cursor and has_more from a pull answer; FALSE if absent. */
static gboolean
read_page (const char  *data,
           gsize        length,
           char       **next_cursor,
           gboolean    *has_more)
{
  const char *cursor = find_last (data, length, "\"next_cursor\": \"");
  const char *more = find_last (data, length, "\"has_more\": ");
  const char *close;

  if (cursor == NULL || more == NULL)
    return FALSE;
  cursor += strlen ("\"next_cursor\": \"");
  if ((close = memchr (cursor, '"', data + length - cursor)) == NULL)
    return FALSE;
  *next_cursor = g_strndup (cursor, close - cursor);
  *has_more = strncmp (more + strlen ("\"has_more\": "), "true", 4) == 0;
  return TRUE;
}

static void
pull_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Client *client = user_data;
  Load *load = client->load;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  gint64 now = g_get_monotonic_time ();
  gint64 latency = now - client->sent_at;

  load->in_flight--;
  g_array_append_val (load->latencies, latency);

  if (body == NULL)
    {
      g_autofree char *kind = g_strdup_printf ("transport: %s", error->message);

      count_error (load, kind);
      g_clear_pointer (&client->cursor, g_free);
    }
  else if (soup_message_get_status (msg) != SOUP_STATUS_OK)
    {
      g_autofree char *kind = g_strdup_printf ("HTTP %u", soup_message_get_status (msg));

      count_error (load, kind);
      g_clear_pointer (&client->cursor, g_free);
    }
  else
    {
      gsize length;
      const char *data = g_bytes_get_data (body, &length);
      char *next = NULL;
      gboolean has_more = FALSE;

      if (!read_page (data, length, &next, &has_more))
        {
          count_error (load, "answer without next_cursor");
          g_clear_pointer (&client->cursor, g_free);
        }
      else
        {
          if (now <= load->deadline)
            {
              load->completed_in_time++;
              load->rows_in_time += count_changes (data, length);
            }
          g_free (client->cursor);
          /* Everything read: start again, as another new device. */
          client->cursor = has_more ? next : (g_free (next), NULL);
        }
    }

  if (g_get_monotonic_time () < load->deadline)
    send_pull (client);
  else if (load->in_flight == 0)
    g_main_loop_quit (load->loop);
}

static void
send_pull (Client *client)
{
  Load *load = client->load;
  g_autofree char *escaped = client->cursor ? g_uri_escape_string (client->cursor, NULL, FALSE) : NULL;
  g_autofree char *uri = g_strdup_printf ("%s/v1/sync/pull?limit=%u%s%s", load->base, load->limit,
                                          escaped ? "&cursor=" : "", escaped ? escaped : "");
  g_autofree char *authorization = g_strdup_printf ("Bearer %s", client->token);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
  client->sent_at = g_get_monotonic_time ();
  load->in_flight++;
  soup_session_send_and_read_async (load->session, msg, G_PRIORITY_DEFAULT, NULL, pull_done_cb, client);
}

/* The inside of a JSON string: quotes, backslashes and control
 * characters escaped. */
static void
append_json_text (GString    *out,
                  const char *text)
{
  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
}

/* A blocking login: before the clock starts. */
static char *
login (Load        *load,
       const char  *user,
       const char  *password,
       GError     **error)
{
  g_autofree char *uri = g_strdup_printf ("%s/v1/auth/token", load->base);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
  g_autoptr(GString) request = g_string_new ("{\"user\": \"");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) answer = NULL;
  const char *data, *token, *close;
  gsize length;

  append_json_text (request, user);
  g_string_append (request, "\", \"password\": \"");
  append_json_text (request, password);
  g_string_append (request, "\"}");
  body = g_bytes_new (request->str, request->len);
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  if ((answer = soup_session_send_and_read (load->session, msg, NULL, error)) == NULL)
    return NULL;
  data = g_bytes_get_data (answer, &length);
  if (soup_message_get_status (msg) != SOUP_STATUS_OK ||
      (token = g_strstr_len (data, length, "\"access_token\": \"")) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "login as %s: HTTP %u: %.*s", user,
                   soup_message_get_status (msg), (int) MIN (length, 200), data);
      return NULL;
    }
  token += strlen ("\"access_token\": \"");
  if ((close = memchr (token, '"', data + length - token)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "login as %s: no access token", user);
      return NULL;
    }
  return g_strndup (token, close - token);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* Nearest-rank percentile of sorted values, in ms. */
static double
percentile (GArray *sorted,
            double  p)
{
  gsize rank;

  if (sorted->len == 0)
    return 0;
  rank = (gsize) (p / 100.0 * sorted->len + 0.999999);
  rank = CLAMP (rank, 1, sorted->len);
  return g_array_index (sorted, gint64, rank - 1) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_auto(GStrv) users = NULL;
  g_autofree char *password_file = NULL;
  g_autofree char *password = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  int clients = 100, limit = 1000;
  double seconds = 60;
  GOptionEntry entries[] = {
    { "user", 0, 0, G_OPTION_ARG_STRING_ARRAY, &users, "A user to log in as (repeat for more)", "NAME" },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file, "The users' password", "FILE" },
    { "clients", 0, 0, G_OPTION_ARG_INT, &clients, "Concurrent clients (100)", "N" },
    { "seconds", 0, 0, G_OPTION_ARG_DOUBLE, &seconds, "How long to pull (60)", "S" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, "Changes per page (1000)", "ROWS" },
    { NULL }
  };
  Load load = { 0 };
  GHashTableIter iter;
  gpointer kind, count;
  double elapsed;

  context = g_option_context_new ("URL");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "pull-load: %s\n", error->message);
      return 2;
    }
  if (argc != 2 || users == NULL || password_file == NULL || clients < 1 || clients > 10000 ||
      seconds <= 0 || limit < 1)
    {
      fprintf (stderr, "pull-load: usage: pull-load URL --user NAME… --password-file FILE "
                       "[--clients N] [--seconds S] [--limit ROWS]\n");
      return 2;
    }
  if (!g_file_get_contents (password_file, &password, NULL, &error))
    {
      fprintf (stderr, "pull-load: %s\n", error->message);
      return 1;
    }
  g_strchomp (password);

  load.base = g_strdup (argv[1]);
  while (g_str_has_suffix (load.base, "/"))
    load.base[strlen (load.base) - 1] = '\0';
  load.limit = limit;
  load.loop = g_main_loop_new (NULL, FALSE);
  /* A connection per client, each kept open between its requests. */
  load.session = soup_session_new_with_options ("max-conns", clients + 4, "max-conns-per-host", clients + 4,
                                                "timeout", 120, "idle-timeout", 120, NULL);
  if (!soup_session_has_feature (load.session, SOUP_TYPE_CONTENT_DECODER))
    soup_session_add_feature_by_type (load.session, SOUP_TYPE_CONTENT_DECODER);
  load.tokens = g_ptr_array_new_with_free_func (g_free);
  load.latencies = g_array_new (FALSE, FALSE, sizeof (gint64));
  load.errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; users[i] != NULL; i++)
    {
      char *token = login (&load, users[i], password, &error);

      if (token == NULL)
        {
          fprintf (stderr, "pull-load: %s\n", error->message);
          return 1;
        }
      g_ptr_array_add (load.tokens, token);
    }

  load.n_clients = clients;
  load.clients = g_new0 (Client, clients);
  load.deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  for (guint i = 0; i < load.n_clients; i++)
    {
      load.clients[i].load = &load;
      load.clients[i].index = i;
      load.clients[i].token = load.tokens->pdata[i % load.tokens->len];
      send_pull (&load.clients[i]);
    }
  g_main_loop_run (load.loop);
  elapsed = seconds;

  g_array_sort (load.latencies, compare_gint64);
  g_hash_table_iter_init (&iter, load.errors);
  while (g_hash_table_iter_next (&iter, &kind, &count))
    printf ("pull-load: error %s: %u\n", (const char *) kind, GPOINTER_TO_UINT (count));
  printf ("pull-load: clients=%u seconds=%.0f requests=%" G_GUINT64_FORMAT " errors=%" G_GUINT64_FORMAT
          " rows=%" G_GUINT64_FORMAT " req_per_s=%.1f rows_per_s=%.0f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f\n",
          load.n_clients, elapsed, (guint64) load.latencies->len, load.n_errors, load.rows_in_time,
          load.completed_in_time / elapsed, load.rows_in_time / elapsed,
          percentile (load.latencies, 50), percentile (load.latencies, 90), percentile (load.latencies, 99),
          percentile (load.latencies, 100));

  for (guint i = 0; i < load.n_clients; i++)
    g_free (load.clients[i].cursor);
  g_free (load.clients);
  g_ptr_array_unref (load.tokens);
  g_array_unref (load.latencies);
  g_hash_table_unref (load.errors);
  g_object_unref (load.session);
  g_main_loop_unref (load.loop);
  g_free (load.base);
  return load.n_errors == 0 ? 0 : 1;
}
