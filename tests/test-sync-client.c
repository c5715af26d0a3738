/* test-sync-client.c: the sync client's transport
 *
 * The client asks for gzip answers and unpacks them itself: a packed
 * answer arrives as it was before packing; a damaged one is tried again
 * like one cut short and then reported; one whose trailer claims more
 * than the client takes is refused without allocating it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <libsoup/soup.h>
#include <string.h>

#include "gr-sync-client.h"

typedef struct {
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *url;
  GBytes       *text;     /* what /packed unpacks to */
  GBytes       *packed;
  char         *accepted; /* the Accept-Encoding of the last request */
  guint         requests;
} Fake;

static GBytes *
pack (GBytes *bytes)
{
  g_autoptr(GConverter) compressor = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6));
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GInputStream) packing = g_converter_input_stream_new (in, compressor);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_output_stream_splice (out, packing, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                          NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           data)
{
  Fake *fake = data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  gsize size;
  const guint8 *packed = g_bytes_get_data (fake->packed, &size);
  g_autofree guint8 *copy = g_memdup2 (packed, size);

  fake->requests++;
  g_free (fake->accepted);
  fake->accepted = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                           "Accept-Encoding"));
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  if (strcmp (path, "/plain") == 0)
    {
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, "{\"ok\": true}", 12);
      return;
    }
  soup_message_headers_replace (headers, "Content-Encoding", "gzip");
  if (strcmp (path, "/damaged") == 0)
    copy[size / 2] ^= 0x55;
  else if (strcmp (path, "/huge") == 0)
    memset (copy + size - 4, 0xff, 4);
  soup_server_message_set_response (msg, "application/x-ndjson", SOUP_MEMORY_COPY, (const char *) copy, size);
}

static gpointer
serve (gpointer data)
{
  Fake *fake = data;

  g_main_context_push_thread_default (fake->context);
  g_main_loop_run (fake->loop);
  g_main_context_pop_thread_default (fake->context);
  return NULL;
}

static Fake *
fake_new (void)
{
  Fake *fake = g_new0 (Fake, 1);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  /* a page's worth of lines that pack well, as snapshot pages do */
  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (text, "{\"type\": \"movement\", \"record\": {\"id\": \"mov-%07u\", \"lot\": \"lot-%05u\"}}\n",
                            i, i / 37);
  fake->text = g_string_free_to_bytes (g_steal_pointer (&text));
  fake->packed = pack (fake->text);
  fake->context = g_main_context_new ();
  fake->loop = g_main_loop_new (fake->context, FALSE);
  g_main_context_push_thread_default (fake->context);
  fake->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fake->server, NULL, handle, fake, NULL);
  soup_server_listen_local (fake->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  g_main_context_pop_thread_default (fake->context);
  uris = soup_server_get_uris (fake->server);
  fake->url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return fake;
}

/* Stops the server's thread, then frees it all. */
static void
fake_free (Fake    *fake,
           GThread *thread)
{
  g_main_loop_quit (fake->loop);
  g_thread_join (thread);
  soup_server_disconnect (fake->server);
  g_object_unref (fake->server);
  g_main_loop_unref (fake->loop);
  g_main_context_unref (fake->context);
  g_bytes_unref (fake->text);
  g_bytes_unref (fake->packed);
  g_free (fake->url);
  g_free (fake->accepted);
  g_free (fake);
}

static GrSyncClient *
client_new (Fake *fake)
{
  GrSyncRetry retry = { 2, 1, 1 };

  return gr_sync_client_new (fake->url, &retry);
}

static void
test_packed (void)
{
  Fake *fake = fake_new ();
  GThread *thread = g_thread_new ("fake-server", serve, fake);
  GrSyncClient *client = client_new (fake);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) unpacked = NULL;

  plain = gr_sync_client_request (client, "GET", "/plain", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain), "{\"ok\": true}", 12);
  g_assert_cmpstr (fake->accepted, ==, "gzip");

  /* packed to about a tenth, unpacked byte for byte */
  g_assert_cmpuint (g_bytes_get_size (fake->packed) * 5, <, g_bytes_get_size (fake->text));
  unpacked = gr_sync_client_request (client, "GET", "/packed", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (unpacked, fake->text));
  g_assert_cmpuint (gr_sync_client_retries (client), ==, 0);

  gr_sync_client_free (client);
  fake_free (fake, thread);
}

static void
test_damaged (void)
{
  Fake *fake = fake_new ();
  GThread *thread = g_thread_new ("fake-server", serve, fake);
  GrSyncClient *client = client_new (fake);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) reply = NULL;
  guint before;

  /* tried again (max_attempts 2), then reported */
  reply = gr_sync_client_request (client, "GET", "/damaged", NULL, NULL, &error);
  g_assert_null (reply);
  g_assert_error (error, GR_SYNC_ERROR, GR_SYNC_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "could not be unpacked"));
  g_assert_cmpuint (gr_sync_client_retries (client), ==, 1);
  g_assert_cmpuint (fake->requests, ==, 2);
  g_clear_error (&error);

  /* a trailer claiming 4 GB: refused */
  before = fake->requests;
  reply = gr_sync_client_request (client, "GET", "/huge", NULL, NULL, &error);
  g_assert_null (reply);
  g_assert_error (error, GR_SYNC_ERROR, GR_SYNC_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "could not be unpacked"));
  g_assert_cmpuint (fake->requests - before, ==, 2);

  gr_sync_client_free (client);
  fake_free (fake, thread);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync-client/packed", test_packed);
  g_test_add_func ("/sync-client/damaged", test_damaged);
  return g_test_run ();
}
