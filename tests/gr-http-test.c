/* gr-http-test.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <string.h>

#include "gr-http-test.h"

static SoupSession *
session (void)
{
  static GPrivate key = G_PRIVATE_INIT (g_object_unref);
  SoupSession *s = g_private_get (&key);

  /* One session per thread: tests send from several threads at once. */
  if (s == NULL)
    {
      s = soup_session_new_with_options ("timeout", 60, NULL);
      g_private_set (&key, s);
    }
  return s;
}

TestServer *
test_server_new (void)
{
  GrPgHarness *harness = gr_pg_harness_get_or_skip ();
  TestServer *server;

  if (harness == NULL)
    return NULL;
  server = g_new0 (TestServer, 1);
  server->conninfo = gr_pg_harness_new_database (harness);
  server->process = gr_server_process_start (server->conninfo, NULL);
  server->url = gr_server_process_get_url (server->process);
  server->conn = gr_pg_harness_connect (server->conninfo);
  test_user_add (server, "bureau", "bureau", NULL, NULL);
  return server;
}

/* The small city on the server; companies co1 and co1b of E-QY-01 (two
 * people of one company), co2 of E-QY-02, an inspector of D-01 and a
 * second bureau user. */
TestServer *
test_city_server (void)
{
  TestServer *server = test_server_new ();
  g_autofree char *fixture = NULL;
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "import", NULL, "--database", NULL, NULL };
  const char *depots[] = { "D-01", NULL };

  if (server == NULL)
    return NULL;
  fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "city-small.json", NULL);
  args[1] = fixture;
  args[3] = server->conninfo;
  if (gr_server_run_admin (args, NULL, &out, &err) != 0)
    g_error ("import: %s", err);
  test_user_add (server, "co1", "company", "E-QY-01", NULL);
  test_user_add (server, "co1b", "company", "E-QY-01", NULL);
  test_user_add (server, "co2", "company", "E-QY-02", NULL);
  test_user_add (server, "insp1", "inspector", NULL, depots);
  test_user_add (server, "bureau2", "bureau", NULL, NULL);
  return server;
}

void
test_server_free (TestServer *server)
{
  if (server == NULL)
    return;
  g_clear_pointer (&server->process, gr_server_process_free);
  g_clear_pointer (&server->conn, PQfinish);
  g_free (server->conninfo);
  g_free (server);
}

void
test_server_restart (TestServer *server)
{
  gr_server_process_restart (server->process);
  server->url = gr_server_process_get_url (server->process);
}

void
test_user_add (TestServer  *server,
               const char  *name,
               const char  *role,
               const char  *enterprise,
               const char **depots)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_ptr_array_add (args, (gpointer) "user");
  g_ptr_array_add (args, (gpointer) "add");
  g_ptr_array_add (args, (gpointer) name);
  g_ptr_array_add (args, (gpointer) "--role");
  g_ptr_array_add (args, (gpointer) role);
  g_ptr_array_add (args, (gpointer) "--database");
  g_ptr_array_add (args, server->conninfo);
  if (enterprise != NULL)
    {
      g_ptr_array_add (args, (gpointer) "--enterprise");
      g_ptr_array_add (args, (gpointer) enterprise);
    }
  for (guint i = 0; depots != NULL && depots[i] != NULL; i++)
    {
      g_ptr_array_add (args, (gpointer) "--depot");
      g_ptr_array_add (args, (gpointer) depots[i]);
    }
  g_ptr_array_add (args, NULL);
  if (gr_server_run_admin ((const char **) args->pdata, TEST_PASSWORD "\n", &out, &err) != 0)
    g_error ("user add %s: %s", name, err);
}

void
test_reply_free (TestReply *reply)
{
  if (reply == NULL)
    return;
  g_clear_pointer (&reply->json, json_node_unref);
  g_free (reply->body);
  g_free (reply->retry_after);
  g_free (reply);
}

TestReply *
test_http (const char *method,
           const char *url,
           const char *token,
           const char *device,
           const char *body,
           gssize      length,
           ...)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  TestReply *reply = g_new0 (TestReply, 1);
  SoupMessageHeaders *headers;
  const char *name;
  va_list args;

  g_assert_nonnull (msg);
  headers = soup_message_get_request_headers (msg);
  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", auth);
    }
  if (device != NULL)
    soup_message_headers_replace (headers, "X-Device-Id", device);
  va_start (args, length);
  while ((name = va_arg (args, const char *)) != NULL)
    soup_message_headers_replace (headers, name, va_arg (args, const char *));
  va_end (args);
  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, length < 0 ? strlen (body) : (gsize) length);

      soup_message_set_request_body_from_bytes (msg, "application/json", request);
    }

  bytes = soup_session_send_and_read (session (), msg, NULL, &error);
  if (bytes == NULL)
    g_error ("%s %s: %s", method, url, error->message);
  reply->status = soup_message_get_status (msg);
  reply->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  reply->retry_after = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After"));
  {
    g_autoptr(JsonParser) parser = json_parser_new ();

    if (json_parser_load_from_data (parser, reply->body, -1, NULL) && json_parser_get_root (parser) != NULL)
      reply->json = json_node_copy (json_parser_get_root (parser));
  }
  return reply;
}

const char *
test_reply_string (TestReply  *reply,
                   const char *member)
{
  if (reply->json == NULL || !JSON_NODE_HOLDS_OBJECT (reply->json))
    return NULL;
  return json_object_get_string_member_with_default (json_node_get_object (reply->json), member, NULL);
}

char *
test_login (TestServer *server,
            const char *user)
{
  g_autofree char *url = g_strconcat (server->url, "/v1/auth/token", NULL);
  g_autofree char *body = g_strdup_printf ("{\"user\": \"%s\", \"password\": \"" TEST_PASSWORD "\"}", user);
  g_autoptr(TestReply) reply = test_http ("POST", url, NULL, NULL, body, -1, NULL);

  if (reply->status != 200)
    g_error ("login %s: %u %s", user, reply->status, reply->body);
  return g_strdup (test_reply_string (reply, "access_token"));
}

char *
test_device (TestServer *server,
             const char *token)
{
  g_autofree char *url = g_strconcat (server->url, "/v1/devices", NULL);
  g_autoptr(TestReply) reply = test_http ("POST", url, token, NULL, "{\"name\": \"test\"}", -1, NULL);

  g_assert_cmpuint (reply->status, ==, 201);
  return g_strdup (test_reply_string (reply, "device_id"));
}

TestReply *
test_push (TestServer *server,
           const char *token,
           const char *device,
           const char *mutations_json)
{
  g_autofree char *url = g_strconcat (server->url, "/v1/sync/push", NULL);
  g_autofree char *body = g_strdup_printf ("{\"mutations\": %s}", mutations_json);
  TestReply *reply = test_http ("POST", url, token, device, body, -1, NULL);

  if (reply->status != 200)
    g_error ("push: %u %s", reply->status, reply->body);
  return reply;
}

JsonObject *
test_result (TestReply *reply,
             guint      i)
{
  JsonArray *results = json_object_get_array_member (json_node_get_object (reply->json), "results");

  g_assert_cmpuint (i, <, json_array_get_length (results));
  return json_array_get_object_element (results, i);
}

const char *
test_result_status (TestReply *reply,
                    guint      i)
{
  return json_object_get_string_member (test_result (reply, i), "status");
}

char *
test_sql (TestServer *server,
          const char *sql)
{
  return gr_pg_harness_query_text (server->conn, sql);
}
