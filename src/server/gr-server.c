/* gr-server.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-server"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libdeflate.h>
#include <libsoup/soup.h>
#include <poll.h>
#include <string.h>

#include "gr-json-writer.h"
#include "gr-server.h"
#include "gr-server-blobs.h"
#include "gr-server-error.h"
#include "gr-server-pg.h"
#include "gr-server-schema.h"
#include "gr-server-sync.h"

/* Responses smaller than this go out as they are. */
#define GZIP_MIN_BYTES 1024

typedef struct _Job Job;
typedef gboolean (*RouteFunc) (Job         *job,
                               GrServerPg  *pg,
                               GError     **error);

typedef struct {
  const char *method;
  const char *path;       /* exact, or a prefix when it ends with '/' */
  gboolean    needs_user;
  RouteFunc   func;
} Route;

struct _Job
{
  GrServer          *server;
  const Route       *route;

  /* Main thread only */
  SoupServerMessage *msg;
  gulong             finished_id;
  gboolean           finished;
  guint              timeout_id;

  /* Request, copied for the worker */
  char              *path;
  GHashTable        *query;
  char              *authorization;
  char              *device_id;
  char              *content_encoding;
  char              *address;
  gboolean           accept_gzip;
  GBytes            *body;
  gint64             wait_until;     /* long-poll deadline (monotonic µs), 0: none */

  /* Response, made by the worker */
  guint              status;
  const char        *content_type;
  GString           *response;
  char              *retry_after;
  gboolean           gzipped;
  int                gzip_level;     /* 0: the usual */
  gboolean           empty;          /* a pull found nothing new */
};

struct _GrServer
{
  GObject         parent_instance;

  GrServerConfig  config;
  SoupServer     *soup;
  GThreadPool    *pool;
  GMainContext   *context;
  GList          *waiters;          /* Job: long-polls waiting for a change */
  GThread        *listener;
  gint            stopping;
};

G_DEFINE_FINAL_TYPE (GrServer, gr_server, G_TYPE_OBJECT)

/* Each worker thread's connection. The pools are exclusive, so a thread
 * serves one server only and its connection is that server's. */
static GPrivate thread_pg_key = G_PRIVATE_INIT ((GDestroyNotify) gr_server_pg_free);

void
gr_server_config_init (GrServerConfig *config)
{
  memset (config, 0, sizeof *config);
  config->workers = 8;
  config->max_body = 4 * 1024 * 1024;
  config->max_decoded = 32 * 1024 * 1024;
  config->max_blob = 10 * 1024 * 1024;
  config->max_wait = 30;
  config->auth.access_ttl = 15 * 60;
  config->auth.refresh_ttl = 60 * 24 * 3600;
  config->auth.max_user_failures = 5;
  config->auth.max_address_failures = 30;
  config->auth.failure_window = 15 * 60;
}

void
gr_server_config_clear (GrServerConfig *config)
{
  g_clear_pointer (&config->database, g_free);
}

/* ---- Jobs ---- */

static void
job_free (Job *job)
{
  if (job->msg != NULL)
    {
      g_clear_signal_handler (&job->finished_id, job->msg);
      g_clear_object (&job->msg);
    }
  g_clear_handle_id (&job->timeout_id, g_source_remove);
  g_clear_pointer (&job->path, g_free);
  g_clear_pointer (&job->query, g_hash_table_unref);
  g_clear_pointer (&job->authorization, g_free);
  g_clear_pointer (&job->device_id, g_free);
  g_clear_pointer (&job->content_encoding, g_free);
  g_clear_pointer (&job->address, g_free);
  g_clear_pointer (&job->body, g_bytes_unref);
  if (job->response != NULL)
    g_string_free (job->response, TRUE);
  g_clear_pointer (&job->retry_after, g_free);
  g_clear_object (&job->server);
  g_free (job);
}

static void
set_json_error (Job          *job,
                const GError *error)
{
  g_autofree char *name = NULL;
  const char *text = NULL;

  if (error->domain == GR_SERVER_ERROR)
    job->status = error->code;
  else if (g_error_matches (error, GR_SERVER_PG_ERROR, GR_SERVER_PG_ERROR_CONNECTION) ||
           g_error_matches (error, GR_SERVER_PG_ERROR, GR_SERVER_PG_ERROR_RETRY))
    {
      job->status = SOUP_STATUS_SERVICE_UNAVAILABLE;
      g_free (job->retry_after);
      job->retry_after = g_strdup ("1");
    }
  else
    job->status = SOUP_STATUS_INTERNAL_SERVER_ERROR;

  name = gr_server_error_name (error, &text);
  if (job->status == SOUP_STATUS_SERVICE_UNAVAILABLE && strcmp (name, "error") == 0)
    {
      g_free (name);
      name = g_strdup ("unavailable");
    }
  if (job->status >= 500)
    g_warning ("%s: %s", job->path, error->message);

  g_string_truncate (job->response, 0);
  g_string_append (job->response, "{\"error\": ");
  gr_json_append_string (job->response, name);
  g_string_append (job->response, ", \"message\": ");
  gr_json_append_string (job->response, text);
  g_string_append_c (job->response, '}');
  job->content_type = "application/json";
}

static void
respond_now (SoupServerMessage *msg,
             guint              status,
             const char        *name,
             const char        *message)
{
  GString *body = g_string_new ("{\"error\": ");
  gsize length;

  gr_json_append_string (body, name);
  g_string_append (body, ", \"message\": ");
  gr_json_append_string (body, message);
  g_string_append_c (body, '}');
  length = body->len;
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, g_string_free (body, FALSE), length);
}

/* ---- Request bodies ---- */

/* Inflates a gzip body, refusing one that is cut short or grows too big. */
static GBytes *
gunzip (GBytes  *body,
        gsize    limit,
        GError **error)
{
  g_autoptr(GConverter) converter = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
  g_autoptr(GByteArray) out = g_byte_array_new ();
  const guint8 *in = g_bytes_get_data (body, NULL);
  gsize in_left = g_bytes_get_size (body);
  guint8 buffer[65536];

  for (;;)
    {
      gsize read = 0, written = 0;
      g_autoptr(GError) local = NULL;
      GConverterResult rc = g_converter_convert (converter, in, in_left, buffer, sizeof buffer,
                                                 G_CONVERTER_INPUT_AT_END, &read, &written, &local);

      if (rc == G_CONVERTER_ERROR)
        {
          gr_server_set_error (error, GR_SERVER_ERROR_BAD_REQUEST, "bad_encoding",
                               _("The gzip body is damaged or cut short: %s"), local->message);
          return NULL;
        }
      in += read;
      in_left -= read;
      g_byte_array_append (out, buffer, written);
      if (out->len > limit)
        {
          gr_server_set_error (error, GR_SERVER_ERROR_TOO_LARGE, "too_large",
                               _("The request is larger than %llu bytes once unpacked"), (unsigned long long) limit);
          return NULL;
        }
      if (rc == G_CONVERTER_FINISHED)
        break;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static GBytes *
request_body (Job     *job,
              GError **error)
{
  if (job->content_encoding == NULL || g_ascii_strcasecmp (job->content_encoding, "identity") == 0)
    return g_bytes_ref (job->body);
  if (g_ascii_strcasecmp (job->content_encoding, "gzip") == 0)
    return gunzip (job->body, job->server->config.max_decoded, error);
  gr_server_set_error (error, GR_SERVER_ERROR_UNSUPPORTED_MEDIA, "bad_encoding",
                       _("Content-Encoding “%s” is not supported: send identity or gzip"), job->content_encoding);
  return NULL;
}

static JsonParser *
request_json (Job         *job,
              JsonObject **out_object,
              GError     **error)
{
  g_autoptr(GBytes) body = request_body (job, error);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local = NULL;
  const char *data;
  gsize length;

  if (body == NULL)
    return NULL;
  data = g_bytes_get_data (body, &length);
  if (length == 0)
    {
      gr_server_set_error (error, GR_SERVER_ERROR_BAD_REQUEST, "malformed_json", _("The request body is empty"));
      return NULL;
    }
  if (!g_utf8_validate (data, length, NULL))
    {
      gr_server_set_error (error, GR_SERVER_ERROR_BAD_REQUEST, "malformed_json", _("The request body is not UTF-8"));
      return NULL;
    }
  /* json-glib also reads "var x = {…}"; a request is plain JSON. */
  while (length > 0 && g_ascii_isspace (*data))
    data++, length--;
  if (length == 0 || *data != '{')
    {
      gr_server_set_error (error, GR_SERVER_ERROR_BAD_REQUEST, "malformed_json",
                           _("The request body must be a JSON object"));
      return NULL;
    }
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, length, &local))
    {
      gr_server_set_error (error, GR_SERVER_ERROR_BAD_REQUEST, "malformed_json",
                           _("The request body is not valid JSON: %s"), local->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      gr_server_set_error (error, GR_SERVER_ERROR_BAD_REQUEST, "malformed_json",
                           _("The request body must be a JSON object"));
      return NULL;
    }
  *out_object = json_node_get_object (json_parser_get_root (parser));
  return g_steal_pointer (&parser);
}

static const char *
object_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static guint
query_uint (Job        *job,
            const char *name,
            guint       fallback)
{
  const char *text = job->query ? g_hash_table_lookup (job->query, name) : NULL;
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, NULL))
    return fallback;
  return (guint) value;
}

static const char *
query_text (Job        *job,
            const char *name)
{
  return job->query ? g_hash_table_lookup (job->query, name) : NULL;
}

/* ---- Routes ---- */

static gboolean
route_health (Job         *job,
              GrServerPg  *pg,
              GError     **error)
{
  int version = gr_server_schema_version (pg, error);

  if (version < 0)
    return FALSE;
  g_string_append_printf (job->response, "{\"status\": \"ok\", \"schema\": %d, \"version\": \"%s\"}",
                          version, PACKAGE_VERSION);
  return TRUE;
}

static void
append_tokens (GString              *out,
               const GrServerTokens *tokens)
{
  g_string_append (out, "\"access_token\": ");
  gr_json_append_string (out, tokens->access_token);
  if (tokens->refresh_token != NULL)
    {
      g_string_append (out, ", \"refresh_token\": ");
      gr_json_append_string (out, tokens->refresh_token);
    }
  g_string_append_printf (out, ", \"token_type\": \"Bearer\", \"expires_in\": %u", tokens->expires_in);
}

static gboolean
route_login (Job         *job,
             GrServerPg  *pg,
             GError     **error)
{
  JsonObject *body = NULL;
  g_autoptr(JsonParser) parser = request_json (job, &body, error);
  g_autoptr(GrServerUser) user = NULL;
  GrServerTokens tokens = { 0 };
  const char *name, *password;
  guint retry_after = 0;

  if (parser == NULL)
    return FALSE;
  name = object_string (body, "user");
  password = object_string (body, "password");
  if (name == NULL || password == NULL)
    {
      gr_server_set_error (error, GR_SERVER_ERROR_BAD_REQUEST, "invalid",
                           _("Send {\"user\": …, \"password\": …}"));
      return FALSE;
    }
  if (!gr_server_auth_login (pg, name, password, job->address, &job->server->config.auth, &tokens, &user,
                             &retry_after, error))
    {
      if (retry_after > 0)
        job->retry_after = g_strdup_printf ("%u", retry_after);
      return FALSE;
    }
  g_string_append_c (job->response, '{');
  append_tokens (job->response, &tokens);
  g_string_append (job->response, ", ");
  gr_server_user_append_json (user, job->response);
  g_string_append_c (job->response, '}');
  gr_server_tokens_clear (&tokens);
  return TRUE;
}

static gboolean
route_refresh (Job         *job,
               GrServerPg  *pg,
               GError     **error)
{
  JsonObject *body = NULL;
  g_autoptr(JsonParser) parser = request_json (job, &body, error);
  GrServerTokens tokens = { 0 };
  const char *refresh;

  if (parser == NULL)
    return FALSE;
  refresh = object_string (body, "refresh_token");
  if (refresh == NULL)
    {
      gr_server_set_error (error, GR_SERVER_ERROR_BAD_REQUEST, "invalid", _("Send {\"refresh_token\": …}"));
      return FALSE;
    }
  if (!gr_server_auth_refresh (pg, refresh, &job->server->config.auth, &tokens, error))
    return FALSE;
  g_string_append_c (job->response, '{');
  append_tokens (job->response, &tokens);
  g_string_append_c (job->response, '}');
  gr_server_tokens_clear (&tokens);
  return TRUE;
}

static GrServerUser *
job_user (Job         *job,
          GrServerPg  *pg,
          GError     **error)
{
  const char *token = NULL;

  if (job->authorization != NULL && g_ascii_strncasecmp (job->authorization, "Bearer ", 7) == 0)
    token = job->authorization + 7;
  return gr_server_auth_check (pg, token, error);
}

static gboolean
route_device (Job         *job,
              GrServerPg  *pg,
              GError     **error)
{
  g_autoptr(GrServerUser) user = job_user (job, pg, error);
  JsonObject *body = NULL;
  g_autoptr(JsonParser) parser = NULL;

  if (user == NULL)
    return FALSE;
  if (job->body != NULL && g_bytes_get_size (job->body) > 0 && (parser = request_json (job, &body, error)) == NULL)
    return FALSE;
  if (!gr_server_device_register (pg, user, body, job->response, error))
    return FALSE;
  job->status = SOUP_STATUS_CREATED;
  return TRUE;
}

static gboolean
route_status (Job         *job,
              GrServerPg  *pg,
              GError     **error)
{
  g_autoptr(GrServerUser) user = job_user (job, pg, error);

  return user != NULL && gr_server_sync_status (pg, job->response, error);
}

static gboolean
route_push (Job         *job,
            GrServerPg  *pg,
            GError     **error)
{
  g_autoptr(GrServerUser) user = job_user (job, pg, error);
  JsonObject *body = NULL;
  g_autoptr(JsonParser) parser = NULL;
  const char *device;

  if (user == NULL || (parser = request_json (job, &body, error)) == NULL)
    return FALSE;
  device = job->device_id ? job->device_id : object_string (body, "device_id");
  return gr_server_sync_push (pg, user, device, body, job->response, error);
}

static gboolean
route_pull (Job         *job,
            GrServerPg  *pg,
            GError     **error)
{
  g_autoptr(GrServerUser) user = job_user (job, pg, error);

  if (user == NULL)
    return FALSE;
  g_string_truncate (job->response, 0);
  return gr_server_sync_pull (pg, user, query_text (job, "cursor"), query_uint (job, "limit", GR_SYNC_PULL_LIMIT),
                              job->response, &job->empty, error);
}

static gboolean
route_snapshot (Job         *job,
                GrServerPg  *pg,
                GError     **error)
{
  g_autoptr(GrServerUser) user = job_user (job, pg, error);

  if (user == NULL)
    return FALSE;
  job->content_type = "application/x-ndjson";
  /* Snapshot pages are megabytes of records that compress well at any
   * level: the fastest one takes about half the time of the usual for a
   * sixth more bytes, and compressing is most of the server's work in a
   * first download. */
  job->gzip_level = 1;
  return gr_server_sync_snapshot (pg, user, query_text (job, "entity"), query_text (job, "after_id"),
                                  query_uint (job, "limit", GR_SYNC_SNAPSHOT_LIMIT), job->response, error);
}

static gboolean
route_verify (Job         *job,
              GrServerPg  *pg,
              GError     **error)
{
  g_autoptr(GrServerUser) user = job_user (job, pg, error);
  JsonObject *body = NULL;
  g_autoptr(JsonParser) parser = NULL;

  if (user == NULL || (parser = request_json (job, &body, error)) == NULL)
    return FALSE;
  return gr_server_sync_verify (pg, user, body, job->response, error);
}

static gboolean
route_blob_put (Job         *job,
                GrServerPg  *pg,
                GError     **error)
{
  g_autoptr(GrServerUser) user = job_user (job, pg, error);
  g_autoptr(GBytes) body = NULL;
  gboolean created = FALSE;

  if (user == NULL || (body = request_body (job, error)) == NULL)
    return FALSE;
  if (!gr_server_blob_put (pg, user, job->path + strlen ("/v1/blobs/"), body, job->server->config.max_blob,
                           &created, error))
    return FALSE;
  job->status = created ? SOUP_STATUS_CREATED : SOUP_STATUS_OK;
  g_string_append_printf (job->response, "{\"stored\": %s}", created ? "true" : "false");
  return TRUE;
}

static gboolean
route_blob_get (Job         *job,
                GrServerPg  *pg,
                GError     **error)
{
  g_autoptr(GrServerUser) user = job_user (job, pg, error);
  g_autoptr(GBytes) blob = NULL;
  gsize size;
  const char *data;

  if (user == NULL)
    return FALSE;
  if ((blob = gr_server_blob_get (pg, job->path + strlen ("/v1/blobs/"), error)) == NULL)
    return FALSE;
  data = g_bytes_get_data (blob, &size);
  g_string_truncate (job->response, 0);
  g_string_append_len (job->response, data, size);
  job->content_type = "application/octet-stream";
  return TRUE;
}

static const Route routes[] = {
  { "GET",  "/v1/health",        FALSE, route_health },
  { "POST", "/v1/auth/token",    FALSE, route_login },
  { "POST", "/v1/auth/refresh",  FALSE, route_refresh },
  { "POST", "/v1/devices",       TRUE,  route_device },
  { "GET",  "/v1/sync/status",   TRUE,  route_status },
  { "POST", "/v1/sync/push",     TRUE,  route_push },
  { "GET",  "/v1/sync/pull",     TRUE,  route_pull },
  { "GET",  "/v1/sync/snapshot", TRUE,  route_snapshot },
  { "POST", "/v1/sync/verify",   TRUE,  route_verify },
  { "PUT",  "/v1/blobs/",        TRUE,  route_blob_put },
  { "GET",  "/v1/blobs/",        TRUE,  route_blob_get },
};

static gboolean
path_matches (const Route *route,
              const char  *path)
{
  if (g_str_has_suffix (route->path, "/"))
    return g_str_has_prefix (path, route->path) && path[strlen (route->path)] != '\0';
  return strcmp (route->path, path) == 0;
}

/* ---- Workers ---- */

static GrServerPg *
thread_pg (GrServer  *self,
           GError   **error)
{
  GrServerPg *pg = g_private_get (&thread_pg_key);

  if (pg != NULL && gr_server_pg_is_ok (pg))
    return pg;
  /* A broken connection is replaced: PostgreSQL may have restarted. */
  g_private_replace (&thread_pg_key, NULL);
  pg = gr_server_pg_connect (self->config.database, error);
  if (pg != NULL)
    g_private_set (&thread_pg_key, pg);
  return pg;
}

/* Each thread's compressors, one per level, made when first used:
 * libdeflate writes the same gzip as zlib at about twice the speed (and
 * its level 1 a little smaller than zlib's), and compressing is most of
 * what a snapshot page costs the server. */
#define GZIP_LEVELS 12

typedef struct {
  struct libdeflate_compressor *compressors[GZIP_LEVELS + 1];
  GByteArray                   *buffer;
} Gzipper;

static void
gzipper_free (gpointer data)
{
  Gzipper *gzipper = data;

  for (guint i = 0; i <= GZIP_LEVELS; i++)
    g_clear_pointer (&gzipper->compressors[i], libdeflate_free_compressor);
  g_clear_pointer (&gzipper->buffer, g_byte_array_unref);
  g_free (gzipper);
}

static GPrivate thread_gzipper_key = G_PRIVATE_INIT (gzipper_free);

static void
gzip_response (Job *job)
{
  Gzipper *gzipper = g_private_get (&thread_gzipper_key);
  int level = CLAMP (job->gzip_level ? job->gzip_level : 6, 1, GZIP_LEVELS);
  gsize size;

  if (gzipper == NULL)
    {
      gzipper = g_new0 (Gzipper, 1);
      /* (kept for the thread's next answers: a big page is not
       * allocated and faulted in afresh each time) */
      gzipper->buffer = g_byte_array_new ();
      g_private_set (&thread_gzipper_key, gzipper);
    }
  if (gzipper->compressors[level] == NULL &&
      (gzipper->compressors[level] = libdeflate_alloc_compressor (level)) == NULL)
    return;   /* send it as it is */
  g_byte_array_set_size (gzipper->buffer,
                         libdeflate_gzip_compress_bound (gzipper->compressors[level], job->response->len));
  size = libdeflate_gzip_compress (gzipper->compressors[level], job->response->str, job->response->len,
                                   gzipper->buffer->data, gzipper->buffer->len);
  if (size == 0)
    return;
  g_string_truncate (job->response, 0);
  g_string_append_len (job->response, (const char *) gzipper->buffer->data, size);
  job->gzipped = TRUE;
}

static gboolean job_finish (gpointer data);

static void
worker (gpointer data,
        gpointer user_data)
{
  Job *job = data;
  GrServer *self = job->server;
  g_autoptr(GError) error = NULL;
  GrServerPg *pg;

  job->status = SOUP_STATUS_OK;
  job->content_type = "application/json";
  job->empty = FALSE;
  job->gzip_level = 0;
  g_string_truncate (job->response, 0);

  pg = thread_pg (self, &error);
  if (pg == NULL || !job->route->func (job, pg, &error))
    {
      if (pg != NULL)
        gr_server_pg_rollback (pg);
      set_json_error (job, error);
    }

  if (job->accept_gzip && job->response->len >= GZIP_MIN_BYTES &&
      !(job->empty && job->wait_until > g_get_monotonic_time ()))
    gzip_response (job);
  g_main_context_invoke (self->context, job_finish, job);
}

/* ---- Long-polling ---- */

static gboolean
wait_timed_out (gpointer data)
{
  Job *job = data;
  GrServer *self = job->server;

  job->timeout_id = 0;
  self->waiters = g_list_remove (self->waiters, job);
  job->wait_until = 0;
  /* The empty answer computed last time is still true enough: send it. */
  if (job->accept_gzip && job->response->len >= GZIP_MIN_BYTES)
    gzip_response (job);
  job_finish (job);
  return G_SOURCE_REMOVE;
}

static gboolean
wake_waiters (gpointer data)
{
  GrServer *self = data;
  GList *waiters = g_steal_pointer (&self->waiters);

  for (GList *l = waiters; l != NULL; l = l->next)
    {
      Job *job = l->data;

      g_clear_handle_id (&job->timeout_id, g_source_remove);
      g_thread_pool_push (self->pool, job, NULL);
    }
  g_list_free (waiters);
  return G_SOURCE_REMOVE;
}

/* Wakes this instance's long-polls when any instance commits a change. */
static gpointer
listen_for_changes (gpointer data)
{
  GrServer *self = data;

  while (!g_atomic_int_get (&self->stopping))
    {
      g_autoptr(GrServerPg) pg = gr_server_pg_connect (self->config.database, NULL);
      PGconn *conn;

      if (pg == NULL || !gr_server_pg_run (pg, "LISTEN granary_changes", NULL))
        {
          g_usleep (G_USEC_PER_SEC);
          continue;
        }
      conn = gr_server_pg_get_conn (pg);
      while (!g_atomic_int_get (&self->stopping) && PQstatus (conn) == CONNECTION_OK)
        {
          struct pollfd fd = { PQsocket (conn), POLLIN, 0 };
          PGnotify *notify;
          gboolean changed = FALSE;

          if (poll (&fd, 1, 500) < 0 || !PQconsumeInput (conn))
            break;
          while ((notify = PQnotifies (conn)) != NULL)
            {
              changed = TRUE;
              PQfreemem (notify);
            }
          if (changed)
            g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, wake_waiters,
                                        g_object_ref (self), g_object_unref);
        }
    }
  return NULL;
}

/* ---- Answering ---- */

static gboolean
job_finish (gpointer data)
{
  Job *job = data;
  GrServer *self = job->server;
  SoupMessageHeaders *headers;
  gsize length;

  if (job->finished)
    {
      job_free (job);
      return G_SOURCE_REMOVE;
    }

  /* Nothing new for a long-poll yet: wait for a change or the deadline. */
  if (job->empty && job->status == SOUP_STATUS_OK && job->wait_until > g_get_monotonic_time ())
    {
      gint64 left = (job->wait_until - g_get_monotonic_time ()) / 1000;

      self->waiters = g_list_prepend (self->waiters, job);
      job->timeout_id = g_timeout_add ((guint) MAX (left, 1), wait_timed_out, job);
      return G_SOURCE_REMOVE;
    }

  headers = soup_server_message_get_response_headers (job->msg);
  if (job->retry_after != NULL)
    soup_message_headers_replace (headers, "Retry-After", job->retry_after);
  if (job->gzipped)
    soup_message_headers_replace (headers, "Content-Encoding", "gzip");
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  /* libsoup has no phrase for 429 */
  soup_server_message_set_status (job->msg, job->status, job->status == 429 ? "Too Many Requests" : NULL);
  length = job->response->len;
  soup_server_message_set_response (job->msg, job->content_type, SOUP_MEMORY_TAKE,
                                    g_string_free (g_steal_pointer (&job->response), FALSE), length);
  soup_server_message_unpause (job->msg);

  /* A change was committed here: wake this instance's long-polls now. */
  if (job->route->func == route_push && job->status == SOUP_STATUS_OK && self->waiters != NULL)
    wake_waiters (self);

  job_free (job);
  return G_SOURCE_REMOVE;
}

static void
message_finished (SoupServerMessage *msg,
                  gpointer           user_data)
{
  Job *job = user_data;

  /* The client went away: the worker's answer has nowhere to go. */
  job->finished = TRUE;
  if (job->timeout_id != 0)
    {
      g_clear_handle_id (&job->timeout_id, g_source_remove);
      job->server->waiters = g_list_remove (job->server->waiters, job);
      job_free (job);
    }
}

static gsize
body_limit (GrServer   *self,
            const char *path)
{
  return g_str_has_prefix (path, "/v1/blobs/") ? self->config.max_blob : self->config.max_body;
}

static void
got_chunk (SoupServerMessage *msg,
           GBytes            *chunk,
           gpointer           user_data)
{
  GrServer *self = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));

  /* A chunked body has no length up front: stop keeping it once too big. */
  if (soup_server_message_get_status (msg) == 0 && body->length > (goffset) body_limit (self, path))
    {
      g_autofree char *text = g_strdup_printf (_("The request body is larger than %llu bytes"),
                                               (unsigned long long) body_limit (self, path));

      soup_message_body_set_accumulate (body, FALSE);
      soup_message_body_truncate (body);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
      respond_now (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large", text);
    }
}

static void
got_headers (SoupServerMessage *msg,
             gpointer           user_data)
{
  GrServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  goffset length = soup_message_headers_get_content_length (headers);

  /* Refuse a body that is too big before reading it: it is read and
   * thrown away, not kept, and the connection closes afterwards. */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      length > (goffset) body_limit (self, path))
    {
      g_autofree char *text = g_strdup_printf (_("The request body is larger than %llu bytes"),
                                               (unsigned long long) body_limit (self, path));

      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
      respond_now (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large", text);
    }
  else
    g_signal_connect_object (msg, "got-chunk", G_CALLBACK (got_chunk), self, 0);
}

static void
request_started (SoupServer        *soup,
                 SoupServerMessage *msg,
                 gpointer           user_data)
{
  g_signal_connect_object (msg, "got-headers", G_CALLBACK (got_headers), user_data, 0);
}

static void
handle (SoupServer        *soup,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  GrServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  const Route *route = NULL;
  gboolean path_known = FALSE;
  SoupMessageBody *body;
  const char *accept;
  Job *job;

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    if (path_matches (&routes[i], path))
      {
        path_known = TRUE;
        if (strcmp (routes[i].method, method) == 0)
          {
            route = &routes[i];
            break;
          }
      }
  if (route == NULL)
    {
      if (path_known)
        respond_now (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed", _("This method is not allowed here"));
      else
        respond_now (msg, SOUP_STATUS_NOT_FOUND, "not_found", _("There is nothing at this address"));
      return;
    }

  job = g_new0 (Job, 1);
  job->server = g_object_ref (self);
  job->route = route;
  job->msg = g_object_ref (msg);
  job->path = g_strdup (path);
  job->query = query ? g_hash_table_ref (query) : NULL;
  job->authorization = g_strdup (soup_message_headers_get_one (headers, "Authorization"));
  job->device_id = g_strdup (soup_message_headers_get_one (headers, "X-Device-Id"));
  job->content_encoding = g_strdup (soup_message_headers_get_one (headers, "Content-Encoding"));
  job->address = g_strdup (soup_server_message_get_remote_host (msg));
  accept = soup_message_headers_get_list (headers, "Accept-Encoding");
  job->accept_gzip = accept != NULL && soup_header_contains (accept, "gzip");
  body = soup_server_message_get_request_body (msg);
  job->body = soup_message_body_flatten (body);
  job->response = g_string_new (NULL);
  if (route->func == route_pull)
    {
      guint wait = MIN (query_uint (job, "wait", 0), self->config.max_wait);

      if (wait > 0)
        job->wait_until = g_get_monotonic_time () + wait * G_USEC_PER_SEC;
    }

  job->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (message_finished), job);
  soup_server_message_pause (msg);
  g_thread_pool_push (self->pool, job, NULL);
}

/* ---- The object ---- */

static void
gr_server_dispose (GObject *object)
{
  GrServer *self = (GrServer *) object;

  g_atomic_int_set (&self->stopping, TRUE);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  if (self->pool != NULL)
    g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, TRUE);
  g_clear_pointer (&self->listener, g_thread_join);
  G_OBJECT_CLASS (gr_server_parent_class)->dispose (object);
}

static void
gr_server_finalize (GObject *object)
{
  GrServer *self = (GrServer *) object;

  gr_server_config_clear (&self->config);
  g_clear_pointer (&self->context, g_main_context_unref);
  G_OBJECT_CLASS (gr_server_parent_class)->finalize (object);
}

static void
gr_server_class_init (GrServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gr_server_dispose;
  object_class->finalize = gr_server_finalize;
}

static void
gr_server_init (GrServer *self)
{
}

GrServer *
gr_server_new (const GrServerConfig  *config,
               GError               **error)
{
  g_autoptr(GrServer) self = g_object_new (GR_TYPE_SERVER, NULL);
  g_autoptr(GrServerPg) pg = NULL;

  g_return_val_if_fail (config->database != NULL, NULL);

  self->config = *config;
  self->config.database = g_strdup (config->database);
  self->config.workers = MAX (config->workers, 1);
  self->context = g_main_context_ref_thread_default ();

  if ((pg = gr_server_pg_connect (self->config.database, error)) == NULL ||
      !gr_server_schema_migrate (pg, gr_server_schema_latest (), error))
    return NULL;

  /* Exclusive: these threads are ours alone, so each one's connection
   * (thread_pg) belongs to this server. */
  self->pool = g_thread_pool_new (worker, self, self->config.workers, TRUE, error);
  if (self->pool == NULL)
    return NULL;
  self->listener = g_thread_new ("granary-listen", listen_for_changes, self);

  self->soup = soup_server_new ("server-header", "granary-server/" PACKAGE_VERSION " ", NULL);
  g_signal_connect_object (self->soup, "request-started", G_CALLBACK (request_started), self, 0);
  soup_server_add_handler (self->soup, "/", handle, self, NULL);
  return g_steal_pointer (&self);
}

gboolean
gr_server_listen (GrServer         *self,
                  const char       *address,
                  GTlsCertificate  *tls,
                  GError          **error)
{
  g_autoptr(GSocketConnectable) connectable = NULL;
  g_autoptr(GSocketAddressEnumerator) enumerator = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  SoupServerListenOptions options = 0;

  g_return_val_if_fail (GR_IS_SERVER (self), FALSE);

  connectable = g_network_address_parse (address, 0, error);
  if (connectable == NULL)
    {
      g_prefix_error (error, _("--listen %s: "), address);
      return FALSE;
    }
  enumerator = g_socket_connectable_enumerate (connectable);
  socket_address = g_socket_address_enumerator_next (enumerator, NULL, error);
  if (socket_address == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("--listen %s: no such address"), address);
      return FALSE;
    }
  if (tls != NULL)
    {
      soup_server_set_tls_certificate (self->soup, tls);
      options |= SOUP_SERVER_LISTEN_HTTPS;
    }
  return soup_server_listen (self->soup, socket_address, options, error);
}

char *
gr_server_get_url (GrServer *self)
{
  GSList *uris = soup_server_get_uris (self->soup);
  char *url = uris ? g_uri_to_string (uris->data) : NULL;

  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return url;
}
