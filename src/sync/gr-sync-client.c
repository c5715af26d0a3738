/* gr-sync-client.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-sync-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libdeflate.h>
#include <libsoup/soup.h>
#include <string.h>

#include "gr-json-writer.h"
#include "gr-outbox.h"
#include "gr-store.h"
#include "gr-sync-backoff.h"
#include "gr-sync-client.h"

#define GZIP_MIN_BYTES 1024
/* The largest answer unpacked (a snapshot page of the most records the
 * server sends is tens of megabytes). */
#define MAX_ANSWER_BYTES (512u * 1024 * 1024)

G_DEFINE_QUARK (gr-sync-error-quark, gr_sync_error)

struct _GrSyncClient
{
  SoupSession *session;
  char        *base;
  GrSyncRetry  retry;
  char        *user;
  char        *password;
  char        *access_token;
  char        *refresh_token;
  char        *device_id;
  JsonObject  *identity;      /* the login answer's user, role, enterprise, depots */
  gint64       clock_skew;
  guint        retries;
};

GrSyncClient *
gr_sync_client_new (const char        *server_url,
                    const GrSyncRetry *retry)
{
  GrSyncClient *client = g_new0 (GrSyncClient, 1);

  /* Connect in 10 s, answer in 60 s (SYNC.md §3.9). */
  client->session = soup_session_new_with_options ("timeout", 60, "idle-timeout", 60,
                                                   "user-agent", "granary/" PACKAGE_VERSION, NULL);
  /* Answers are unpacked here, with libdeflate (gunzip ()). */
  soup_session_remove_feature_by_type (client->session, SOUP_TYPE_CONTENT_DECODER);
  client->base = g_strdup (server_url);
  while (g_str_has_suffix (client->base, "/"))
    client->base[strlen (client->base) - 1] = '\0';
  client->retry = *retry;
  client->retry.max_attempts = MAX (retry->max_attempts, 1);
  return client;
}

void
gr_sync_client_free (GrSyncClient *client)
{
  if (client == NULL)
    return;
  g_clear_object (&client->session);
  g_free (client->base);
  g_free (client->user);
  if (client->password != NULL)
    memset (client->password, 0, strlen (client->password));
  g_free (client->password);
  g_free (client->access_token);
  g_free (client->refresh_token);
  g_free (client->device_id);
  g_clear_pointer (&client->identity, json_object_unref);
  g_free (client);
}

void
gr_sync_client_set_device (GrSyncClient *client,
                           const char   *device_id)
{
  g_free (client->device_id);
  client->device_id = g_strdup (device_id);
}

gint64
gr_sync_client_clock_skew (GrSyncClient *client)
{
  return client->clock_skew;
}

guint
gr_sync_client_retries (GrSyncClient *client)
{
  return client->retries;
}

static GBytes *
gzip (const char *data,
      gsize       length)
{
  g_autoptr(GConverter) converter = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6));
  g_autoptr(GByteArray) out = g_byte_array_sized_new (length / 4 + 64);
  guint8 buffer[65536];

  for (;;)
    {
      gsize read = 0, written = 0;
      GConverterResult rc = g_converter_convert (converter, data, length, buffer, sizeof buffer,
                                                 G_CONVERTER_INPUT_AT_END, &read, &written, NULL);

      if (rc == G_CONVERTER_ERROR)
        return NULL;
      data += read;
      length -= read;
      g_byte_array_append (out, buffer, written);
      if (rc == G_CONVERTER_FINISHED)
        break;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* A gzip answer unpacked in one go: libdeflate takes about half the
 * time of zlib (through libsoup's decoder), and snapshot pages of the
 * first download come by the hundred. NULL when it is damaged. */
static GBytes *
gunzip (GBytes  *bytes,
        GError **error)
{
  struct libdeflate_decompressor *decompressor = NULL;
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  enum libdeflate_result result;
  gsize length, unpacked = 0;
  guint8 *out;

  /* The last four bytes hold the unpacked length (RFC 1952). */
  length = size >= 18 ? (gsize) data[size - 4] | (gsize) data[size - 3] << 8 | (gsize) data[size - 2] << 16 |
                        (gsize) data[size - 1] << 24
                      : 0;
  if (size < 18 || length > MAX_ANSWER_BYTES ||
      (decompressor = libdeflate_alloc_decompressor ()) == NULL)
    {
      g_set_error (error, GR_SYNC_ERROR, GR_SYNC_ERROR_PROTOCOL, _("The server's answer could not be unpacked"));
      return NULL;
    }
  out = g_malloc (MAX (length, 1));
  result = libdeflate_gzip_decompress (decompressor, data, size, out, length, &unpacked);
  libdeflate_free_decompressor (decompressor);
  if (result != LIBDEFLATE_SUCCESS || unpacked != length)
    {
      g_free (out);
      g_set_error (error, GR_SYNC_ERROR, GR_SYNC_ERROR_PROTOCOL, _("The server's answer could not be unpacked"));
      return NULL;
    }
  return g_bytes_new_take (out, length);
}

/* The server's {"error", "message"}, or the status line. */
static char *
server_message (SoupMessage *msg,
                GBytes      *body,
                char       **out_name)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *data = body ? g_bytes_get_data (body, NULL) : NULL;
  gsize length = body ? g_bytes_get_size (body) : 0;

  *out_name = NULL;
  if (data != NULL && json_parser_load_from_data (parser, data, length, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *object = json_node_get_object (json_parser_get_root (parser));
      const char *message = json_object_get_string_member_with_default (object, "message", NULL);

      *out_name = g_strdup (json_object_get_string_member_with_default (object, "error", NULL));
      if (message != NULL)
        return g_strdup (message);
    }
  return g_strdup_printf ("HTTP %u %s", soup_message_get_status (msg),
                          soup_message_get_reason_phrase (msg) ? soup_message_get_reason_phrase (msg) : "");
}

static void
note_clock (GrSyncClient *client,
            SoupMessage  *msg)
{
  const char *date = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Date");
  g_autoptr(GDateTime) server = date ? soup_date_time_new_from_http_string (date) : NULL;

  if (server != NULL)
    client->clock_skew = g_date_time_to_unix (server) - gr_sync_clock_now () / G_USEC_PER_SEC;
}

static gboolean
is_passing (guint status)
{
  return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

/* Sleeps, but wakes up early when cancelled. */
static gboolean
nap (guint          ms,
     GCancellable  *cancellable,
     GError       **error)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_usleep (MIN (50 * 1000, until - g_get_monotonic_time ()));
    }
  return TRUE;
}

static gboolean refresh_or_login (GrSyncClient *client, GCancellable *cancellable, GError **error);

/* A request with a body as it is sent (compressed or not) and its type. */
static GBytes *request_bytes (GrSyncClient  *client,
                              const char    *method,
                              const char    *path,
                              GBytes        *request_body,
                              gboolean       compressed,
                              const char    *content_type,
                              gboolean       with_token,
                              GCancellable  *cancellable,
                              GError       **error);

static GBytes *
request (GrSyncClient  *client,
         const char    *method,
         const char    *path,
         const char    *body,
         gboolean       with_token,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(GBytes) request_body = NULL;
  gboolean compressed = FALSE;

  if (body != NULL)
    {
      gsize length = strlen (body);

      if (length >= GZIP_MIN_BYTES && (request_body = gzip (body, length)) != NULL)
        compressed = TRUE;
      else
        request_body = g_bytes_new (body, length);
    }
  return request_bytes (client, method, path, request_body, compressed, "application/json", with_token,
                        cancellable, error);
}

static GBytes *
request_bytes (GrSyncClient  *client,
               const char    *method,
               const char    *path,
               GBytes        *request_body,
               gboolean       compressed,
               const char    *content_type,
               gboolean       with_token,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *url = g_strconcat (client->base, path, NULL);
  g_autofree char *request_id = gr_uuid_v7 ();
  gboolean reauthenticated = FALSE;
  g_autofree char *last = NULL;

  for (guint attempt = 0;; attempt++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new (method, url);
      g_autoptr(GBytes) reply = NULL;
      g_autoptr(GError) local = NULL;
      g_autofree char *name = NULL;
      SoupMessageHeaders *headers;
      guint retry_after_ms = 0;
      guint status;

      if (msg == NULL)
        {
          g_set_error (error, GR_SYNC_ERROR, GR_SYNC_ERROR_FAILED, _("“%s” is not a server address"), client->base);
          return NULL;
        }
      headers = soup_message_get_request_headers (msg);
      if (with_token && client->access_token != NULL)
        {
          g_autofree char *auth = g_strconcat ("Bearer ", client->access_token, NULL);

          soup_message_headers_replace (headers, "Authorization", auth);
        }
      if (client->device_id != NULL)
        soup_message_headers_replace (headers, "X-Device-Id", client->device_id);
      soup_message_headers_replace (headers, "X-Client-Version", PACKAGE_VERSION);
      {
        g_autofree char *schema = g_strdup_printf ("%d", gr_store_schema_version ());

        soup_message_headers_replace (headers, "X-Client-Schema", schema);
      }
      soup_message_headers_replace (headers, "X-Request-Id", request_id);
      soup_message_headers_replace (headers, "Accept-Encoding", "gzip");
      if (request_body != NULL)
        {
          if (compressed)
            soup_message_headers_replace (headers, "Content-Encoding", "gzip");
          soup_message_set_request_body_from_bytes (msg, content_type, request_body);
        }

      reply = soup_session_send_and_read (client->session, msg, cancellable, &local);
      if (reply != NULL &&
          g_strcmp0 (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Content-Encoding"),
                     "gzip") == 0)
        {
          g_autoptr(GBytes) packed = g_steal_pointer (&reply);

          /* (a damaged answer is tried again, like one cut short) */
          reply = gunzip (packed, &local);
        }
      if (reply == NULL)
        {
          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return NULL;
            }
          g_free (last);
          last = g_strdup (local->message);
        }
      else
        {
          status = soup_message_get_status (msg);
          note_clock (client, msg);
          if (SOUP_STATUS_IS_SUCCESSFUL (status))
            return g_steal_pointer (&reply);

          g_free (last);
          last = server_message (msg, reply, &name);
          if (status == 401 && with_token && !reauthenticated &&
              (client->password != NULL || client->refresh_token != NULL))
            {
              /* Expired: refresh once (or log in again) and send it again. */
              reauthenticated = TRUE;
              if (!refresh_or_login (client, cancellable, error))
                return NULL;
              attempt--;
              continue;
            }
          /* Too many failed logins is for a person to sort out, not a loop. */
          if (!is_passing (status) || (status == 429 && !with_token))
            {
              g_set_error (error, GR_SYNC_ERROR,
                           status == 410 ? GR_SYNC_ERROR_RESET
                           : status == 401 || status == 403 || status == 429 ? GR_SYNC_ERROR_AUTH
                           : GR_SYNC_ERROR_REFUSED,
                           "%s", last);
              return NULL;
            }
          {
            const char *header = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After");
            guint64 seconds;

            if (header != NULL && g_ascii_string_to_unsigned (header, 10, 0, 3600, &seconds, NULL))
              retry_after_ms = (guint) seconds * 1000;
          }
        }

      /* Asked to wait longer than we would wait at most: try in a later cycle. */
      if (attempt + 1 >= client->retry.max_attempts || retry_after_ms > client->retry.cap_ms)
        {
          g_set_error (error, GR_SYNC_ERROR, GR_SYNC_ERROR_UNAVAILABLE,
                       _("The server could not be reached or kept failing (%u tries): %s"),
                       client->retry.max_attempts, last);
          return NULL;
        }
      client->retries++;
      if (!nap (gr_sync_backoff_delay (attempt, client->retry.base_ms, client->retry.cap_ms, retry_after_ms, NULL),
                cancellable, error))
        return NULL;
    }
}

static JsonNode *
parse_object (GBytes  *bytes,
              GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;

  /* An answer cut off right after its headers has no body at all: the
   * request is tried again in the next cycle, like any lost answer. */
  if (g_bytes_get_size (bytes) == 0)
    {
      g_set_error (error, GR_SYNC_ERROR, GR_SYNC_ERROR_PROTOCOL, _("The server's answer arrived empty"));
      return NULL;
    }
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &local) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, GR_SYNC_ERROR, GR_SYNC_ERROR_PROTOCOL, _("The server's answer is not a JSON object: %s"),
                   local ? local->message : "");
      return NULL;
    }
  return json_node_copy (json_parser_get_root (parser));
}

static gboolean
take_tokens (GrSyncClient  *client,
             GBytes        *bytes,
             GError       **error)
{
  g_autoptr(JsonNode) node = parse_object (bytes, error);
  JsonObject *object;
  const char *access, *refresh;

  if (node == NULL)
    return FALSE;
  object = json_node_get_object (node);
  access = json_object_get_string_member_with_default (object, "access_token", NULL);
  refresh = json_object_get_string_member_with_default (object, "refresh_token", NULL);
  if (access == NULL)
    {
      g_set_error (error, GR_SYNC_ERROR, GR_SYNC_ERROR_PROTOCOL, _("The server's login answer has no access token"));
      return FALSE;
    }
  g_free (client->access_token);
  client->access_token = g_strdup (access);
  if (refresh != NULL)
    {
      g_free (client->refresh_token);
      client->refresh_token = g_strdup (refresh);
    }
  /* A login answers who the user is; a refresh only renews the token. */
  if (json_object_has_member (object, "role"))
    {
      g_clear_pointer (&client->identity, json_object_unref);
      client->identity = json_object_ref (object);
      json_object_remove_member (object, "access_token");
      json_object_remove_member (object, "refresh_token");
    }
  return TRUE;
}

static gboolean
login (GrSyncClient  *client,
       GCancellable  *cancellable,
       GError       **error)
{
  g_autoptr(GString) body = g_string_new ("{\"user\": ");
  g_autoptr(GBytes) reply = NULL;

  gr_json_append_string (body, client->user);
  g_string_append (body, ", \"password\": ");
  gr_json_append_string (body, client->password);
  g_string_append_c (body, '}');
  reply = request (client, "POST", "/v1/auth/token", body->str, FALSE, cancellable, error);
  memset (body->str, 0, body->len);
  return reply != NULL && take_tokens (client, reply, error);
}

static gboolean
refresh_or_login (GrSyncClient  *client,
                  GCancellable  *cancellable,
                  GError       **error)
{
  if (client->refresh_token != NULL)
    {
      g_autoptr(GString) body = g_string_new ("{\"refresh_token\": ");
      g_autoptr(GBytes) reply = NULL;

      gr_json_append_string (body, client->refresh_token);
      g_string_append_c (body, '}');
      reply = request (client, "POST", "/v1/auth/refresh", body->str, FALSE, cancellable,
                       client->password == NULL ? error : NULL);
      if (reply != NULL && take_tokens (client, reply, client->password == NULL ? error : NULL))
        return TRUE;
      if (client->password == NULL)
        {
          /* Signed in with a kept token that no longer works: only the
           * person can sign in again; local work goes on meanwhile. */
          if (error != NULL && *error != NULL && (*error)->code == GR_SYNC_ERROR_AUTH)
            {
              g_autofree char *why = g_strdup ((*error)->message);

              g_clear_error (error);
              g_set_error (error, GR_SYNC_ERROR, GR_SYNC_ERROR_AUTH, _("The sign-in has expired (%s): sign in again"),
                           why);
            }
          return FALSE;
        }
    }
  return login (client, cancellable, error);
}

gboolean
gr_sync_client_login (GrSyncClient  *client,
                      const char    *user,
                      const char    *password,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_free (client->user);
  client->user = g_strdup (user);
  g_free (client->password);
  client->password = g_strdup (password);
  return login (client, cancellable, error);
}

gboolean
gr_sync_client_resume (GrSyncClient  *client,
                       const char    *user,
                       const char    *refresh_token,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_return_val_if_fail (refresh_token != NULL, FALSE);

  g_free (client->user);
  client->user = g_strdup (user);
  g_clear_pointer (&client->password, g_free);
  g_free (client->refresh_token);
  client->refresh_token = g_strdup (refresh_token);
  return refresh_or_login (client, cancellable, error);
}

const char *
gr_sync_client_get_refresh_token (GrSyncClient *client)
{
  return client->refresh_token;
}

JsonObject *
gr_sync_client_get_identity (GrSyncClient *client)
{
  return client->identity;
}

GBytes *
gr_sync_client_request (GrSyncClient  *client,
                        const char    *method,
                        const char    *path,
                        const char    *body,
                        GCancellable  *cancellable,
                        GError       **error)
{
  return request (client, method, path, body, TRUE, cancellable, error);
}

gboolean
gr_sync_client_put_blob (GrSyncClient  *client,
                         const char    *sha256,
                         GBytes        *data,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autofree char *path = g_strconcat ("/v1/blobs/", sha256, NULL);
  g_autoptr(GBytes) reply = NULL;

  /* Photos are compressed already: sent as they are. */
  reply = request_bytes (client, "PUT", path, data, FALSE, "application/octet-stream", TRUE, cancellable, error);
  return reply != NULL;
}

JsonNode *
gr_sync_client_request_json (GrSyncClient  *client,
                             const char    *method,
                             const char    *path,
                             const char    *body,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GBytes) reply = request (client, method, path, body, TRUE, cancellable, error);

  return reply ? parse_object (reply, error) : NULL;
}
