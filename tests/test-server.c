/* test-server.c: granary-server against a real PostgreSQL, over HTTP
 *
 * Roles and scopes of DESIGN.md §6, bad requests, tokens, login limits,
 * idempotent pushes and the fault tests of SYNC.md §4 that need only the
 * server (the client's side is in test-sync.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "gr-http-test.h"
#include "gr-server-auth.h"
#include "gr-server-pg.h"
#include "gr-server-schema.h"
#include "gr-server-sync.h"

/* ---- Fixtures ---- */

static char *
create (const char *mutation_id,
        const char *entity,
        const char *id,
        const char *payload)
{
  return g_strdup_printf ("{\"mutation_id\": \"%s\", \"entity\": \"%s\", \"id\": \"%s\", \"op\": \"create\","
                          " \"base_version\": 0, \"payload\": %s}", mutation_id, entity, id, payload);
}

static char *
patch (const char *mutation_id,
       const char *entity,
       const char *id,
       gint64      base_version,
       const char *fields)
{
  return g_strdup_printf ("{\"mutation_id\": \"%s\", \"entity\": \"%s\", \"id\": \"%s\", \"op\": \"patch\","
                          " \"base_version\": %" G_GINT64_FORMAT ", \"fields\": %s}",
                          mutation_id, entity, id, base_version, fields);
}

/* A JSON list of the mutations given (each freed). */
static char *
batch (char *first,
       ...)
{
  GString *out = g_string_new ("[");
  va_list args;
  char *m = first;

  va_start (args, first);
  while (m != NULL)
    {
      if (out->len > 1)
        g_string_append (out, ", ");
      g_string_append (out, m);
      g_free (m);
      m = va_arg (args, char *);
    }
  va_end (args);
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

#define PLAN_P1 "{\"enterprise\": \"E1\", \"variety\": \"paddy_late_indica\", \"quantity_t\": 30000, " \
                "\"rotation_mode\": \"static\", \"valid_from\": \"2024-01-01\"}"
#define PLAN_P2 "{\"enterprise\": \"E2\", \"variety\": \"wheat\", \"quantity_t\": 8000, " \
                "\"rotation_mode\": \"static\", \"valid_from\": \"2024-01-01\"}"

/* Two enterprises with a depot and a plan each, written by the bureau;
 * a company user for each (co1, co2) and an inspector of D1 (insp1). */
static void
setup_city (TestServer *server)
{
  g_autofree char *token = test_login (server, "bureau");
  g_autofree char *device = test_device (server, token);
  g_autofree char *mutations = batch (
    create ("s1", "enterprise", "E1", "{\"name\": \"清远市储备粮有限公司\", \"kind\": \"reserve_company\"}"),
    create ("s2", "enterprise", "E2", "{\"name\": \"英德市粮食储备库\", \"kind\": \"agent\"}"),
    create ("s3", "depot", "D1", "{\"enterprise\": \"E1\", \"name\": \"清城直属库\"}"),
    create ("s4", "depot", "D2", "{\"enterprise\": \"E2\", \"name\": \"英城库\"}"),
    create ("s5", "plan", "P1", PLAN_P1),
    create ("s6", "plan", "P2", PLAN_P2),
    NULL);
  g_autoptr(TestReply) reply = test_push (server, token, device, mutations);
  const char *depots[] = { "D1", NULL };

  for (guint i = 0; i < 6; i++)
    g_assert_cmpstr (test_result_status (reply, i), ==, "applied");
  test_user_add (server, "co1", "company", "E1", NULL);
  test_user_add (server, "co2", "company", "E2", NULL);
  test_user_add (server, "insp1", "inspector", NULL, depots);
}

static char *
url_of (TestServer *server,
        const char *path)
{
  return g_strconcat (server->url, path, NULL);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The entity/id pairs a pull from the start returns, sorted, "entity:id" joined by spaces. */
static char *
pulled_ids (TestServer *server,
            const char *token)
{
  g_autofree char *url = url_of (server, "/v1/sync/pull?limit=5000");
  g_autoptr(TestReply) reply = test_http ("GET", url, token, NULL, NULL, 0, NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  JsonArray *changes;

  g_assert_cmpuint (reply->status, ==, 200);
  changes = json_object_get_array_member (json_node_get_object (reply->json), "changes");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);

      g_ptr_array_add (ids, g_strdup_printf ("%s:%s", json_object_get_string_member (change, "entity"),
                                             json_object_get_string_member (change, "id")));
    }
  g_ptr_array_sort (ids, compare_ids);
  {
    g_autoptr(GString) out = g_string_new (NULL);

    for (guint i = 0; i < ids->len; i++)
      {
        if (i > 0)
          g_string_append_c (out, ' ');
        g_string_append (out, ids->pdata[i]);
      }
    return g_string_free (g_steal_pointer (&out), FALSE);
  }
}

static gboolean
health_ok (TestServer *server)
{
  g_autofree char *url = url_of (server, "/v1/health");
  g_autoptr(TestReply) reply = test_http ("GET", url, NULL, NULL, NULL, 0, NULL);

  return reply->status == 200 && g_strcmp0 (test_reply_string (reply, "status"), "ok") == 0;
}

/* ---- Tests ---- */

static void
test_health_and_login (void)
{
  g_autoptr(TestServer) server = test_server_new ();
  g_autofree char *url = NULL;
  g_autoptr(TestReply) reply = NULL;
  g_autofree char *schema = NULL;

  if (server == NULL)
    return;
  g_assert_true (health_ok (server));
  schema = test_sql (server, "SELECT version FROM granary_schema");
  g_assert_cmpint (atoi (schema), ==, gr_server_schema_latest ());

  url = url_of (server, "/v1/auth/token");
  reply = test_http ("POST", url, NULL, NULL, "{\"user\": \"bureau\", \"password\": \"" TEST_PASSWORD "\"}", -1, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (test_reply_string (reply, "role"), ==, "bureau");
  g_assert_true (g_str_has_prefix (test_reply_string (reply, "access_token"), "gra_"));
  g_assert_true (g_str_has_prefix (test_reply_string (reply, "refresh_token"), "grr_"));
  /* 15-minute access tokens (SYNC.md §3.7) */
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (reply->json), "expires_in"), ==, 900);

  /* Only hashes are stored: the token itself appears nowhere. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM tokens WHERE hash = '%s'",
                                            test_reply_string (reply, "access_token"));
    g_autofree char *count = test_sql (server, sql);
    g_autofree char *hash = gr_server_token_hash (test_reply_string (reply, "access_token"));
    g_autofree char *sql2 = g_strdup_printf ("SELECT count(*) FROM tokens WHERE hash = '%s'", hash);
    g_autofree char *count2 = test_sql (server, sql2);
    g_autofree char *stored = test_sql (server, "SELECT password_hash FROM users WHERE name = 'bureau'");

    g_assert_cmpstr (count, ==, "0");
    g_assert_cmpstr (count2, ==, "1");
    /* Argon2id (DESIGN.md §9) */
    g_assert_true (g_str_has_prefix (stored, "$argon2id$"));
  }
}

/* DESIGN.md §6: each role's forbidden writes are rejected per item with
 * a reason; the rest of the batch still applies. */
static void
test_roles_write (void)
{
  g_autoptr(TestServer) server = test_server_new ();
  g_autofree char *co1 = NULL, *co1_device = NULL;
  g_autofree char *insp = NULL, *insp_device = NULL;
  g_autofree char *bureau = NULL, *bureau_device = NULL;
  g_autoptr(TestReply) reply = NULL;
  g_autofree char *mutations = NULL;

  if (server == NULL)
    return;
  setup_city (server);
  co1 = test_login (server, "co1");
  co1_device = test_device (server, co1);
  mutations = batch (
    create ("c1", "bin", "B1", "{\"depot\": \"D1\", \"code\": \"P01\"}"),
    create ("c2", "bin", "B2", "{\"depot\": \"D2\", \"code\": \"P01\"}"),                 /* other enterprise */
    create ("c3", "enterprise", "E3", "{\"name\": \"新公司\", \"kind\": \"agent\"}"),      /* bureau's */
    create ("c4", "plan", "P3", PLAN_P1),                                                  /* bureau's */
    create ("c5", "depot", "D3", "{\"enterprise\": \"E1\", \"name\": \"新库\", \"grade\": \"AAA\"}"), /* grade */
    create ("c6", "depot", "D4", "{\"enterprise\": \"E1\", \"name\": \"新库二\"}"),
    create ("c7", "lot", "L1", "{\"bin\": \"B1\", \"plan\": \"P1\", \"variety\": \"paddy_late_indica\","
                               " \"entered_on\": \"2023-11-15\"}"),
    create ("c8", "movement", "M1", "{\"lot\": \"L1\", \"date\": \"2023-11-15\", \"kind\": \"intake\", \"quantity_t\": 5000}"),
    create ("c9", "inspection", "I1", "{\"depot\": \"D1\", \"date\": \"2026-05-12\", \"kind\": \"routine\"}"),
    patch ("c10", "depot", "D1", 1, "{\"grade\": \"AAAA\"}"),
    patch ("c11", "plan", "P1", 1, "{\"quantity_t\": 1}"),
    NULL);
  reply = test_push (server, co1, co1_device, mutations);
  g_assert_cmpstr (test_result_status (reply, 0), ==, "applied");
  g_assert_cmpstr (test_result_status (reply, 1), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (test_result (reply, 1), "code"), ==, "forbidden");
  g_assert_nonnull (strstr (json_object_get_string_member (test_result (reply, 1), "detail"), "E2"));
  g_assert_cmpstr (test_result_status (reply, 2), ==, "rejected");
  g_assert_cmpstr (test_result_status (reply, 3), ==, "rejected");
  g_assert_cmpstr (test_result_status (reply, 4), ==, "rejected");
  g_assert_nonnull (strstr (json_object_get_string_member (test_result (reply, 4), "detail"), "grade"));
  g_assert_cmpstr (test_result_status (reply, 5), ==, "applied");
  g_assert_cmpstr (test_result_status (reply, 6), ==, "applied");
  g_assert_cmpstr (test_result_status (reply, 7), ==, "applied");
  g_assert_cmpstr (test_result_status (reply, 8), ==, "rejected");
  g_assert_cmpstr (test_result_status (reply, 9), ==, "rejected");
  g_assert_cmpstr (test_result_status (reply, 10), ==, "rejected");
  g_clear_pointer (&reply, test_reply_free);
  g_clear_pointer (&mutations, g_free);

  /* The inspector writes inspections on assigned depots only. */
  insp = test_login (server, "insp1");
  insp_device = test_device (server, insp);
  mutations = batch (
    create ("i1", "inspection", "I1", "{\"depot\": \"D1\", \"date\": \"2026-05-12\", \"kind\": \"routine\","
                                      " \"signed_by\": [\"李明\"], \"signed_on\": \"2026-05-12\"}"),
    create ("i2", "inspection", "I2", "{\"depot\": \"D2\", \"date\": \"2026-05-12\", \"kind\": \"routine\"}"),
    create ("i3", "bin", "B9", "{\"depot\": \"D1\", \"code\": \"P09\"}"),
    create ("i4", "finding_closure", "F1", "{\"inspection\": \"I1\", \"finding\": \"1\", \"closed_on\": \"2026-05-20\"}"),
    NULL);
  reply = test_push (server, insp, insp_device, mutations);
  g_assert_cmpstr (test_result_status (reply, 0), ==, "applied");
  g_assert_cmpstr (test_result_status (reply, 1), ==, "rejected");
  g_assert_nonnull (strstr (json_object_get_string_member (test_result (reply, 1), "detail"), "D2"));
  g_assert_cmpstr (test_result_status (reply, 2), ==, "rejected");
  g_assert_cmpstr (test_result_status (reply, 3), ==, "applied");
  g_clear_pointer (&reply, test_reply_free);
  g_clear_pointer (&mutations, g_free);

  /* The bureau reads a company's stock but does not write it; it
   * approves rotation plans but does not draft them. */
  bureau = test_login (server, "bureau");
  bureau_device = test_device (server, bureau);
  mutations = batch (
    create ("b1", "movement", "M2", "{\"lot\": \"L1\", \"date\": \"2024-01-15\", \"kind\": \"loss\", \"quantity_t\": 1}"),
    create ("b2", "rotation_plan", "R1", "{\"enterprise\": \"E1\", \"year\": 2026, \"state\": \"draft\"}"),
    patch ("b3", "depot", "D1", 1, "{\"grade\": \"AAA\"}"),
    NULL);
  reply = test_push (server, bureau, bureau_device, mutations);
  g_assert_cmpstr (test_result_status (reply, 0), ==, "rejected");
  g_assert_cmpstr (test_result_status (reply, 1), ==, "rejected");
  g_assert_cmpstr (test_result_status (reply, 2), ==, "applied");

  /* Every accepted change is logged with its user and device (全过程记录). */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT user_name || ' ' || device_id || ' ' || (at IS NOT NULL)"
                                            " FROM change_log WHERE entity = 'movement' AND entity_id = 'M1'");
    g_autofree char *row = test_sql (server, sql);
    g_autofree char *expected = g_strdup_printf ("co1 %s true", co1_device);

    g_assert_cmpstr (row, ==, expected);
  }
}

/* DESIGN.md §6: a company reads only its enterprise, an inspector its
 * depots (and the enterprise-wide records they refer to), a bureau all. */
static void
test_roles_read (void)
{
  g_autoptr(TestServer) server = test_server_new ();
  g_autofree char *co1 = NULL, *co1_device = NULL, *co2 = NULL, *insp = NULL, *bureau = NULL;
  g_autofree char *mutations = NULL;
  g_autoptr(TestReply) reply = NULL;
  g_autofree char *ids = NULL;

  if (server == NULL)
    return;
  setup_city (server);
  co1 = test_login (server, "co1");
  co1_device = test_device (server, co1);
  mutations = batch (
    create ("c1", "bin", "B1", "{\"depot\": \"D1\", \"code\": \"P01\"}"),
    create ("c2", "rotation_plan", "R1", "{\"enterprise\": \"E1\", \"year\": 2026, \"state\": \"draft\"}"),
    NULL);
  reply = test_push (server, co1, co1_device, mutations);
  g_assert_cmpstr (test_result_status (reply, 0), ==, "applied");
  g_assert_cmpstr (test_result_status (reply, 1), ==, "applied");

  ids = pulled_ids (server, co1);
  g_assert_cmpstr (ids, ==, "bin:B1 depot:D1 enterprise:E1 plan:P1 rotation_plan:R1");
  g_free (ids);

  co2 = test_login (server, "co2");
  ids = pulled_ids (server, co2);
  g_assert_cmpstr (ids, ==, "depot:D2 enterprise:E2 plan:P2");
  g_free (ids);

  /* no rotation plans for an inspector (DESIGN.md §6: "—") */
  insp = test_login (server, "insp1");
  ids = pulled_ids (server, insp);
  g_assert_cmpstr (ids, ==, "bin:B1 depot:D1 enterprise:E1 plan:P1");
  g_free (ids);

  bureau = test_login (server, "bureau");
  ids = pulled_ids (server, bureau);
  g_assert_cmpstr (ids, ==, "bin:B1 depot:D1 depot:D2 enterprise:E1 enterprise:E2 plan:P1 plan:P2 rotation_plan:R1");

  /* The snapshot is filtered the same way. */
  {
    g_autofree char *url = url_of (server, "/v1/sync/snapshot");
    g_autoptr(TestReply) snap = test_http ("GET", url, co2, NULL, NULL, 0, NULL);
    g_auto(GStrv) lines = g_strsplit (snap->body, "\n", -1);

    g_assert_cmpuint (snap->status, ==, 200);
    /* header, enterprise E2, depot D2, plan P2, end, "" */
    g_assert_cmpuint (g_strv_length (lines), ==, 6);
    g_assert_nonnull (strstr (lines[1], "\"E2\""));
    g_assert_nonnull (strstr (lines[4], "\"type\": \"end\", \"records\": 3, \"next\": null"));
  }
}

static guint
post_raw (TestServer *server,
          const char *path,
          const char *body,
          gssize      length,
          const char *header,
          const char *value,
          char      **out_error)
{
  g_autofree char *url = url_of (server, path);
  g_autoptr(TestReply) reply = test_http ("POST", url, NULL, NULL, body, length, header, value, NULL);

  if (out_error != NULL)
    *out_error = g_strdup (test_reply_string (reply, "error"));
  return reply->status;
}

static GBytes *
gzip_bytes (const char *data,
            gsize       length)
{
  g_autoptr(GConverter) compressor = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9));
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (data, length, NULL);
  g_autoptr(GInputStream) zipped = g_converter_input_stream_new (in, compressor);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  g_assert_cmpint (g_output_stream_splice (out, zipped, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, NULL), >=, 0);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

/* DESIGN.md §9: malformed JSON, oversize requests and truncated gzip get
 * a clear 4xx, and the server keeps serving. */
static void
test_bad_requests (void)
{
  g_autoptr(TestServer) server = test_server_new ();
  const char *login = "{\"user\": \"bureau\", \"password\": \"" TEST_PASSWORD "\"}";
  g_autofree char *error = NULL;
  g_autofree char *big = NULL;
  g_autoptr(GBytes) zipped = NULL;
  g_autoptr(GBytes) bomb = NULL;
  gsize length;

  if (server == NULL)
    return;

  g_assert_cmpuint (post_raw (server, "/v1/auth/token", "{\"user\": ", -1, NULL, NULL, &error), ==, 400);
  g_assert_cmpstr (error, ==, "malformed_json");
  g_clear_pointer (&error, g_free);
  g_assert_cmpuint (post_raw (server, "/v1/auth/token", "[1, 2]", -1, NULL, NULL, &error), ==, 400);
  g_assert_cmpstr (error, ==, "malformed_json");
  g_clear_pointer (&error, g_free);
  g_assert_cmpuint (post_raw (server, "/v1/auth/token", "var x = {\"user\": 1}", -1, NULL, NULL, &error), ==, 400);
  g_assert_cmpstr (error, ==, "malformed_json");
  g_clear_pointer (&error, g_free);
  g_assert_cmpuint (post_raw (server, "/v1/auth/token", "{\"user\": \"\xff\"}", -1, NULL, NULL, &error), ==, 400);
  g_clear_pointer (&error, g_free);
  g_assert_true (health_ok (server));

  /* 4 MiB is the default request limit: 5 MB is refused before it is kept. */
  big = g_malloc (5 * 1000 * 1000 + 1);
  memset (big, ' ', 5 * 1000 * 1000);
  big[0] = '{';
  big[5 * 1000 * 1000 - 1] = '}';
  big[5 * 1000 * 1000] = '\0';
  g_assert_cmpuint (post_raw (server, "/v1/auth/token", big, -1, NULL, NULL, &error), ==, 413);
  g_assert_cmpstr (error, ==, "too_large");
  g_clear_pointer (&error, g_free);
  g_assert_true (health_ok (server));

  /* gzip accepted; cut short refused */
  zipped = gzip_bytes (login, strlen (login));
  g_assert_cmpuint (post_raw (server, "/v1/auth/token", g_bytes_get_data (zipped, NULL), g_bytes_get_size (zipped),
                              "Content-Encoding", "gzip", NULL), ==, 200);
  length = g_bytes_get_size (zipped);
  g_assert_cmpuint (post_raw (server, "/v1/auth/token", g_bytes_get_data (zipped, NULL), length - 6,
                              "Content-Encoding", "gzip", &error), ==, 400);
  g_assert_cmpstr (error, ==, "bad_encoding");
  g_clear_pointer (&error, g_free);
  g_assert_cmpuint (post_raw (server, "/v1/auth/token", "not gzip at all", -1, "Content-Encoding", "gzip", &error),
                    ==, 400);
  g_clear_pointer (&error, g_free);
  g_assert_cmpuint (post_raw (server, "/v1/auth/token", login, -1, "Content-Encoding", "br", &error), ==, 415);
  g_clear_pointer (&error, g_free);

  /* A small gzip that unpacks beyond 32 MiB: refused, not unpacked whole. */
  {
    gsize huge = 40 * 1024 * 1024;
    g_autofree char *zeros = g_malloc0 (huge);

    zeros[0] = '{';
    bomb = gzip_bytes (zeros, huge);
  }
  g_assert_cmpuint (g_bytes_get_size (bomb), <, 1024 * 1024);
  g_assert_cmpuint (post_raw (server, "/v1/auth/token", g_bytes_get_data (bomb, NULL), g_bytes_get_size (bomb),
                              "Content-Encoding", "gzip", &error), ==, 413);
  g_clear_pointer (&error, g_free);

  {
    g_autofree char *url = url_of (server, "/v1/nothing");
    g_autofree char *push_url = url_of (server, "/v1/sync/push");
    g_autoptr(TestReply) missing = test_http ("GET", url, NULL, NULL, NULL, 0, NULL);
    g_autoptr(TestReply) wrong = test_http ("GET", push_url, NULL, NULL, NULL, 0, NULL);

    g_assert_cmpuint (missing->status, ==, 404);
    g_assert_cmpuint (wrong->status, ==, 405);
  }
  g_assert_true (health_ok (server));
}

/* Expired, forged, missing tokens: 401 with the reason; refresh works. */
static void
test_tokens (void)
{
  g_autoptr(TestServer) server = test_server_new ();
  g_autofree char *status_url = NULL;
  g_autofree char *token = NULL;
  g_autoptr(TestReply) reply = NULL;
  g_autofree char *refresh = NULL;

  if (server == NULL)
    return;
  status_url = url_of (server, "/v1/sync/status");

  reply = test_http ("GET", status_url, NULL, NULL, NULL, 0, NULL);
  g_assert_cmpuint (reply->status, ==, 401);
  g_assert_cmpstr (test_reply_string (reply, "error"), ==, "missing_token");
  g_clear_pointer (&reply, test_reply_free);

  reply = test_http ("GET", status_url, "gra_forgedforgedforgedforgedforgedforgedforg", NULL, NULL, 0, NULL);
  g_assert_cmpuint (reply->status, ==, 401);
  g_assert_cmpstr (test_reply_string (reply, "error"), ==, "invalid_token");
  g_clear_pointer (&reply, test_reply_free);

  {
    g_autofree char *url = url_of (server, "/v1/auth/token");
    g_autoptr(TestReply) login = test_http ("POST", url, NULL, NULL,
                                            "{\"user\": \"bureau\", \"password\": \"" TEST_PASSWORD "\"}", -1, NULL);

    token = g_strdup (test_reply_string (login, "access_token"));
    refresh = g_strdup (test_reply_string (login, "refresh_token"));
  }
  reply = test_http ("GET", status_url, token, NULL, NULL, 0, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, test_reply_free);

  /* A refresh token is not an access token. */
  reply = test_http ("GET", status_url, refresh, NULL, NULL, 0, NULL);
  g_assert_cmpuint (reply->status, ==, 401);
  g_clear_pointer (&reply, test_reply_free);

  /* The access token's time is up. */
  {
    g_autofree char *hash = gr_server_token_hash (token);
    g_autofree char *sql = g_strdup_printf ("UPDATE tokens SET expires_at = now() - interval '1 second'"
                                            " WHERE hash = '%s'", hash);

    gr_pg_harness_exec (server->conn, sql);
  }
  reply = test_http ("GET", status_url, token, NULL, NULL, 0, NULL);
  g_assert_cmpuint (reply->status, ==, 401);
  g_assert_cmpstr (test_reply_string (reply, "error"), ==, "token_expired");
  g_clear_pointer (&reply, test_reply_free);

  /* The refresh token gives a new access token that works. */
  {
    g_autofree char *url = url_of (server, "/v1/auth/refresh");
    g_autofree char *body = g_strdup_printf ("{\"refresh_token\": \"%s\"}", refresh);
    g_autoptr(TestReply) renewed = test_http ("POST", url, NULL, NULL, body, -1, NULL);
    g_autoptr(TestReply) forged = test_http ("POST", url, NULL, NULL, "{\"refresh_token\": \"grr_nope\"}", -1, NULL);

    g_assert_cmpuint (renewed->status, ==, 200);
    g_assert_cmpuint (forged->status, ==, 401);
    g_free (token);
    token = g_strdup (test_reply_string (renewed, "access_token"));
  }
  reply = test_http ("GET", status_url, token, NULL, NULL, 0, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_clear_pointer (&reply, test_reply_free);

  /* A disabled user is out at once. */
  {
    const char *args[] = { "user", "disable", "bureau", "--database", server->conninfo, NULL };

    g_assert_cmpint (gr_server_run_admin (args, NULL, NULL, NULL), ==, 0);
  }
  reply = test_http ("GET", status_url, token, NULL, NULL, 0, NULL);
  g_assert_cmpuint (reply->status, ==, 401);
}

/* Five failed logins for a name: the sixth attempt is refused with 429
 * and Retry-After, even with the right password. */
static void
test_login_rate_limit (void)
{
  g_autoptr(TestServer) server = test_server_new ();
  g_autofree char *url = NULL;

  if (server == NULL)
    return;
  url = url_of (server, "/v1/auth/token");
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(TestReply) reply = test_http ("POST", url, NULL, NULL, "{\"user\": \"bureau\", \"password\": \"guess\"}",
                                              -1, NULL);

      g_assert_cmpuint (reply->status, ==, 401);
      g_assert_cmpstr (test_reply_string (reply, "error"), ==, "invalid_credentials");
    }
  {
    g_autoptr(TestReply) reply = test_http ("POST", url, NULL, NULL,
                                            "{\"user\": \"bureau\", \"password\": \"" TEST_PASSWORD "\"}", -1, NULL);

    g_assert_cmpuint (reply->status, ==, 429);
    g_assert_nonnull (reply->retry_after);
    g_assert_cmpint (atoi (reply->retry_after), >, 0);
    g_assert_cmpint (atoi (reply->retry_after), <=, 900);
  }
  /* An unknown name answers like a wrong password (no user enumeration). */
  {
    g_autoptr(TestReply) reply = test_http ("POST", url, NULL, NULL, "{\"user\": \"nobody\", \"password\": \"x\"}",
                                            -1, NULL);

    g_assert_cmpuint (reply->status, ==, 401);
    g_assert_cmpstr (test_reply_string (reply, "error"), ==, "invalid_credentials");
  }
}

#define MOVEMENT_M1 "{\"lot\": \"L1\", \"date\": \"2023-11-15\", \"kind\": \"intake\", \"quantity_t\": 5000}"

/* A company with bin B1 and lot L1 in D1; returns its token and device. */
static void
setup_stock (TestServer  *server,
             char       **out_token,
             char       **out_device)
{
  g_autofree char *mutations = NULL;
  g_autoptr(TestReply) reply = NULL;

  setup_city (server);
  *out_token = test_login (server, "co1");
  *out_device = test_device (server, *out_token);
  mutations = batch (
    create ("k1", "bin", "B1", "{\"depot\": \"D1\", \"code\": \"P01\"}"),
    create ("k2", "lot", "L1", "{\"bin\": \"B1\", \"plan\": \"P1\", \"variety\": \"paddy_late_indica\","
                               " \"entered_on\": \"2023-11-15\"}"),
    NULL);
  reply = test_push (server, *out_token, *out_device, mutations);
  g_assert_cmpstr (test_result_status (reply, 0), ==, "applied");
  g_assert_cmpstr (test_result_status (reply, 1), ==, "applied");
}

/* SYNC.md §4 test 2/6 on the server: the same batch again returns the
 * original results as duplicates and changes nothing. */
static void
test_push_duplicate (void)
{
  g_autoptr(TestServer) server = test_server_new ();
  g_autofree char *token = NULL, *device = NULL;
  g_autofree char *mutations = NULL;
  g_autoptr(TestReply) first = NULL;
  g_autoptr(TestReply) second = NULL;
  g_autofree char *count = NULL;

  if (server == NULL)
    return;
  setup_stock (server, &token, &device);
  mutations = batch (create ("d1", "movement", "M1", MOVEMENT_M1),
                     patch ("d2", "lot", "L1", 1, "{\"grade\": 2}"), NULL);
  first = test_push (server, token, device, mutations);
  g_assert_cmpstr (test_result_status (first, 0), ==, "applied");
  g_assert_cmpstr (test_result_status (first, 1), ==, "applied");
  g_assert_cmpint (json_object_get_int_member (test_result (first, 1), "version"), ==, 2);

  /* SYNC.md §4 test 6: the server restarts between commit and response */
  test_server_restart (server);
  second = test_push (server, token, device, mutations);
  g_assert_cmpstr (test_result_status (second, 0), ==, "duplicate");
  g_assert_cmpstr (test_result_status (second, 1), ==, "duplicate");
  g_assert_cmpint (json_object_get_int_member (test_result (second, 0), "version"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (test_result (second, 1), "version"), ==, 2);

  count = test_sql (server, "SELECT count(*) || ' ' || max(version) FROM records WHERE entity = 'movement'");
  g_assert_cmpstr (count, ==, "1 1");
  g_free (count);
  count = test_sql (server, "SELECT count(*) FROM change_log WHERE entity IN ('movement', 'lot')");
  g_assert_cmpstr (count, ==, "3");   /* lot create, movement, lot patch: once each */
}

/* SYNC.md §4 test 16: the same mutation id with another payload is rejected. */
static void
test_push_id_reuse (void)
{
  g_autoptr(TestServer) server = test_server_new ();
  g_autofree char *token = NULL, *device = NULL;
  g_autofree char *one = NULL, *two = NULL;
  g_autoptr(TestReply) first = NULL, second = NULL, third = NULL;
  g_autofree char *quantity = NULL;

  if (server == NULL)
    return;
  setup_stock (server, &token, &device);
  one = batch (create ("r1", "movement", "M1", MOVEMENT_M1), NULL);
  two = batch (create ("r1", "movement", "M1",
                       "{\"lot\": \"L1\", \"date\": \"2023-11-15\", \"kind\": \"intake\", \"quantity_t\": 9000}"), NULL);
  first = test_push (server, token, device, one);
  second = test_push (server, token, device, two);
  g_assert_cmpstr (test_result_status (first, 0), ==, "applied");
  g_assert_cmpstr (test_result_status (second, 0), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (test_result (second, 0), "code"), ==, "id_reuse");

  /* A new mutation for the same movement id with other content: append-only. */
  g_free (two);
  two = batch (create ("r2", "movement", "M1",
                       "{\"lot\": \"L1\", \"date\": \"2023-11-15\", \"kind\": \"intake\", \"quantity_t\": 9000}"), NULL);
  third = test_push (server, token, device, two);
  g_assert_cmpstr (test_result_status (third, 0), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (test_result (third, 0), "code"), ==, "id_reuse");

  quantity = test_sql (server, "SELECT data::json->>'quantity_t' FROM records WHERE entity = 'movement'");
  g_assert_cmpstr (quantity, ==, "5000");
}

typedef struct {
  TestServer *server;
  const char *token;
  const char *device;
  const char *mutations;
  char       *statuses;
} Delivery;

static gpointer
deliver (gpointer data)
{
  Delivery *d = data;
  g_autoptr(TestReply) reply = test_push (d->server, d->token, d->device, d->mutations);
  GString *out = g_string_new (NULL);
  JsonArray *results = json_object_get_array_member (json_node_get_object (reply->json), "results");

  for (guint i = 0; i < json_array_get_length (results); i++)
    g_string_append_printf (out, "%s%s", i ? " " : "", test_result_status (reply, i));
  d->statuses = g_string_free (out, FALSE);
  return NULL;
}

/* SYNC.md §4 test 7: each push delivered three times at once: applied
 * exactly once, the other deliveries are duplicates. */
static void
test_push_concurrent (void)
{
  g_autoptr(TestServer) server = test_server_new ();
  g_autofree char *token = NULL, *device = NULL;
  g_autofree char *mutations = NULL;
  Delivery deliveries[3];
  GThread *threads[3];
  guint applied = 0, duplicate = 0;
  g_autofree char *rows = NULL;

  if (server == NULL)
    return;
  setup_stock (server, &token, &device);
  mutations = batch (create ("t1", "movement", "M1", MOVEMENT_M1),
                     create ("t2", "movement", "M2", "{\"lot\": \"L1\", \"date\": \"2024-02-01\", \"kind\": \"loss\","
                                                     " \"quantity_t\": 1.5}"),
                     patch ("t3", "lot", "L1", 1, "{\"grade\": 2}"), NULL);
  for (guint i = 0; i < 3; i++)
    {
      deliveries[i] = (Delivery) { server, token, device, mutations, NULL };
      threads[i] = g_thread_new ("delivery", deliver, &deliveries[i]);
    }
  for (guint i = 0; i < 3; i++)
    {
      g_thread_join (threads[i]);
      if (g_str_equal (deliveries[i].statuses, "applied applied applied"))
        applied++;
      else if (g_str_equal (deliveries[i].statuses, "duplicate duplicate duplicate"))
        duplicate++;
      else
        g_error ("unexpected results: %s", deliveries[i].statuses);
      g_free (deliveries[i].statuses);
    }
  g_assert_cmpuint (applied, ==, 1);
  g_assert_cmpuint (duplicate, ==, 2);
  rows = test_sql (server, "SELECT count(*) || ' ' || (SELECT version FROM records WHERE id = 'L1')"
                           " FROM records WHERE entity = 'movement'");
  g_assert_cmpstr (rows, ==, "2 2");
}

/* A batch is applied in memory and written at its end; a record created
 * meanwhile by another transaction makes that write fail, and the batch
 * then goes one mutation at a time: the movement whose id was taken is
 * refused (id_reuse, SYNC.md §3.6), the others are applied, and each is
 * logged once. */
static void
test_push_created_meanwhile (void)
{
  g_autoptr(TestServer) server = test_server_new ();
  g_autofree char *token = NULL, *device = NULL;
  g_autofree char *mutations = NULL;
  g_autofree char *state = NULL;
  Delivery delivery;
  GThread *thread;
  PGconn *other;

  if (server == NULL)
    return;
  setup_stock (server, &token, &device);
  other = gr_pg_harness_connect (server->conninfo);
  gr_pg_harness_exec (other, "BEGIN");
  gr_pg_harness_exec (other, "INSERT INTO records (entity, id, version, enterprise, depot, data, content_hash,"
                             " updated_at, updated_by) VALUES ('movement', 'M5', 1, 'E1', 'D1',"
                             " '{\"id\": \"M5\"}', 'other', now(), 'other')");
  mutations = batch (create ("w1", "movement", "M5", MOVEMENT_M1),
                     create ("w2", "movement", "M6", "{\"lot\": \"L1\", \"date\": \"2024-02-01\", \"kind\": \"loss\","
                                                     " \"quantity_t\": 1.5}"),
                     patch ("w3", "lot", "L1", 1, "{\"grade\": 2}"), NULL);
  delivery = (Delivery) { server, token, device, mutations, NULL };
  thread = g_thread_new ("delivery", deliver, &delivery);
  /* The push waits on the other transaction's new row, then goes on. */
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *waiting = test_sql (server, "SELECT count(*) FROM pg_stat_activity"
                                                   " WHERE wait_event_type = 'Lock' AND query LIKE 'WITH counter AS%'");

      if (g_strcmp0 (waiting, "1") == 0)
        break;
      g_usleep (25 * 1000);
    }
  gr_pg_harness_exec (other, "COMMIT");
  PQfinish (other);
  g_thread_join (thread);
  g_assert_cmpstr (delivery.statuses, ==, "rejected applied applied");
  g_free (delivery.statuses);

  state = test_sql (server, "SELECT (SELECT updated_by FROM records WHERE id = 'M5') || ' ' ||"
                            " (SELECT count(*) FROM records WHERE entity = 'movement') || ' ' ||"
                            " (SELECT version FROM records WHERE id = 'L1') || ' ' ||"
                            " (SELECT count(*) FROM change_log WHERE mutation_id LIKE 'w%') || ' ' ||"
                            " (SELECT string_agg(mutation_id, ',' ORDER BY mutation_id) FROM applied_mutations"
                            "  WHERE mutation_id LIKE 'w%') || ' ' ||"
                            " (SELECT count(*) FROM records WHERE seq IS NULL AND id <> 'M5')");
  g_assert_cmpstr (state, ==, "other 2 2 2 w1,w2,w3 0");
}

/* A stored record the server cannot read fails the change of it alone
 * ("retry", the server's error), not the rest of its batch. */
static void
test_push_damaged_record (void)
{
  g_autoptr(TestServer) server = test_server_new ();
  g_autofree char *token = NULL, *device = NULL;
  g_autofree char *mutations = NULL;
  g_autofree char *state = NULL;
  g_autoptr(TestReply) reply = NULL;

  if (server == NULL)
    return;
  setup_stock (server, &token, &device);
  state = test_sql (server, "WITH damaged AS (UPDATE records SET data = 'not json'"
                            " WHERE entity = 'bin' AND id = 'B1' RETURNING id) SELECT count(*) FROM damaged");
  g_assert_cmpstr (state, ==, "1");
  g_free (state);
  mutations = batch (create ("x1", "movement", "M1", MOVEMENT_M1),
                     patch ("x2", "bin", "B1", 1, "{\"code\": \"P02\"}"),
                     patch ("x3", "lot", "L1", 1, "{\"grade\": 2}"), NULL);
  reply = test_push (server, token, device, mutations);
  g_assert_cmpstr (test_result_status (reply, 0), ==, "applied");
  g_assert_cmpstr (test_result_status (reply, 1), ==, "retry");
  g_assert_cmpstr (json_object_get_string_member (test_result (reply, 1), "code"), ==, "server_error");
  g_assert_cmpstr (test_result_status (reply, 2), ==, "applied");
  state = test_sql (server, "SELECT (SELECT count(*) FROM records WHERE entity = 'movement') || ' ' ||"
                            " (SELECT version FROM records WHERE id = 'L1') || ' ' ||"
                            " (SELECT version FROM records WHERE id = 'B1') || ' ' ||"
                            " (SELECT count(*) FROM applied_mutations WHERE mutation_id LIKE 'x%')");
  g_assert_cmpstr (state, ==, "1 2 1 2");
}

/* SYNC.md §4 test 9: batch k+1 arrives before batch k. A movement on a
 * lot the server does not know yet is "retry", not lost; two patches of
 * one field from one device end with the later one, whatever the order. */
static void
test_push_reordered (void)
{
  g_autoptr(TestServer) server = test_server_new ();
  g_autofree char *token = NULL, *device = NULL;
  g_autofree char *batch_k = NULL, *batch_k1 = NULL;
  g_autoptr(TestReply) early = NULL, on_time = NULL, again = NULL;
  g_autofree char *grade = NULL;

  if (server == NULL)
    return;
  setup_stock (server, &token, &device);
  batch_k = g_strdup_printf ("[{\"mutation_id\": \"o1\", \"seq\": 10, \"entity\": \"lot\", \"id\": \"L2\","
                             " \"op\": \"create\", \"payload\": {\"bin\": \"B1\", \"plan\": \"P1\","
                             " \"variety\": \"paddy_late_indica\", \"entered_on\": \"2024-01-01\"}},"
                             " {\"mutation_id\": \"o2\", \"seq\": 11, \"entity\": \"lot\", \"id\": \"L1\","
                             " \"op\": \"patch\", \"base_version\": 1, \"fields\": {\"grade\": 2}}]");
  batch_k1 = g_strdup_printf ("[{\"mutation_id\": \"o3\", \"seq\": 12, \"entity\": \"movement\", \"id\": \"M9\","
                              " \"op\": \"append\", \"payload\": {\"lot\": \"L2\", \"date\": \"2024-01-01\","
                              " \"kind\": \"intake\", \"quantity_t\": 100}},"
                              " {\"mutation_id\": \"o4\", \"seq\": 13, \"entity\": \"lot\", \"id\": \"L1\","
                              " \"op\": \"patch\", \"base_version\": 1, \"fields\": {\"grade\": 4}}]");
  early = test_push (server, token, device, batch_k1);
  g_assert_cmpstr (test_result_status (early, 0), ==, "retry");
  g_assert_cmpstr (json_object_get_string_member (test_result (early, 0), "code"), ==, "unknown_reference");
  g_assert_cmpstr (test_result_status (early, 1), ==, "applied");
  on_time = test_push (server, token, device, batch_k);
  g_assert_cmpstr (test_result_status (on_time, 0), ==, "applied");
  g_assert_cmpstr (test_result_status (on_time, 1), ==, "applied");
  again = test_push (server, token, device, batch_k1);
  g_assert_cmpstr (test_result_status (again, 0), ==, "applied");
  g_assert_cmpstr (test_result_status (again, 1), ==, "duplicate");

  grade = test_sql (server, "SELECT data::json->>'grade' FROM records WHERE entity = 'lot' AND id = 'L1'");
  g_assert_cmpstr (grade, ==, "4");
}

/* Two devices patch one plan: disjoint fields merge; the same field is
 * one conflict for the later writer, with the server's value kept
 * (SYNC.md §3.6, §4 test 13, server side). */
static void
test_push_conflict (void)
{
  g_autoptr(TestServer) server = test_server_new ();
  g_autofree char *a = NULL, *a_device = NULL, *b = NULL, *b_device = NULL;
  g_autofree char *one = NULL, *two = NULL, *three = NULL;
  g_autoptr(TestReply) r1 = NULL, r2 = NULL, r3 = NULL;
  g_autofree char *data = NULL;

  if (server == NULL)
    return;
  setup_city (server);
  a = test_login (server, "bureau");
  a_device = test_device (server, a);
  b = test_login (server, "bureau");
  b_device = test_device (server, b);

  one = batch (patch ("x1", "plan", "P1", 1, "{\"quantity_t\": 32000}"), NULL);
  two = batch (patch ("x2", "plan", "P1", 1, "{\"valid_to\": \"2027-12-31\"}"), NULL);
  three = batch (patch ("x3", "plan", "P1", 1, "{\"quantity_t\": 31000}"), NULL);
  r1 = test_push (server, a, a_device, one);
  r2 = test_push (server, b, b_device, two);
  r3 = test_push (server, b, b_device, three);
  g_assert_cmpstr (test_result_status (r1, 0), ==, "applied");
  g_assert_cmpstr (test_result_status (r2, 0), ==, "applied");
  g_assert_cmpint (json_object_get_int_member (test_result (r2, 0), "version"), ==, 3);
  g_assert_cmpstr (test_result_status (r3, 0), ==, "conflict");
  g_assert_cmpint (json_object_get_int_member (test_result (r3, 0), "version"), ==, 3);
  {
    JsonArray *fields = json_object_get_array_member (test_result (r3, 0), "fields");
    JsonObject *record = json_object_get_object_member (test_result (r3, 0), "record");

    g_assert_cmpuint (json_array_get_length (fields), ==, 1);
    g_assert_cmpstr (json_array_get_string_element (fields, 0), ==, "quantity_t");
    g_assert_cmpint (json_object_get_int_member (record, "quantity_t"), ==, 32000);
  }
  data = test_sql (server, "SELECT version || ' ' || (data::json->>'quantity_t') || ' ' || (data::json->>'valid_to')"
                           " FROM records WHERE entity = 'plan' AND id = 'P1'");
  g_assert_cmpstr (data, ==, "3 32000 2027-12-31");
}

/* ---- SYNC.md §4 test 25: a long transaction committing late ---- */

typedef struct {
  GMutex   lock;
  GCond    cond;
  gboolean reached;
  gboolean release;
} Gate;

static void
hold_commit (gpointer data)
{
  Gate *gate = data;

  g_mutex_lock (&gate->lock);
  gate->reached = TRUE;
  g_cond_broadcast (&gate->cond);
  while (!gate->release)
    g_cond_wait (&gate->cond, &gate->lock);
  g_mutex_unlock (&gate->lock);
}

typedef struct {
  TestServer *server;
  const char *token;
  const char *device;
  Gate       *gate;
  const char *mutation;
  gboolean    ok;
} LongPush;

static gpointer
long_push (gpointer data)
{
  LongPush *lp = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrServerPg) pg = gr_server_pg_connect (lp->server->conninfo, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *body = g_strdup_printf ("{\"mutations\": [{\"mutation_id\": \"late\", \"entity\": \"movement\","
                                           " \"id\": \"M-late\", \"op\": \"append\", \"payload\": "
                                           "{\"lot\": \"L1\", \"date\": \"2024-03-01\", \"kind\": \"intake\","
                                           " \"quantity_t\": 7}}]}");
  GrServerUser user = { 0 };
  char *depots[] = { NULL };
  g_autofree char *user_id = test_sql (lp->server, "SELECT id FROM users WHERE name = 'co1'");

  g_assert_no_error (error);
  user.id = g_ascii_strtoll (user_id, NULL, 10);
  user.name = (char *) "co1";
  user.role = GR_ROLE_COMPANY;
  user.enterprise = (char *) "E1";
  user.depots = depots;
  g_assert_true (json_parser_load_from_data (parser, body, -1, NULL));
  /* The server's own push code, held just before its COMMIT. */
  gr_server_sync_set_commit_hook (hold_commit, lp->gate);
  lp->ok = gr_server_sync_push (pg, &user, lp->device, json_node_get_object (json_parser_get_root (parser)), out,
                                &error);
  g_assert_no_error (error);
  return NULL;
}

static gpointer
quick_push (gpointer data)
{
  LongPush *lp = data;
  g_autofree char *mutations = batch (create ("quick", "movement", "M-quick",
                                              "{\"lot\": \"L1\", \"date\": \"2024-03-02\", \"kind\": \"intake\","
                                              " \"quantity_t\": 3}"), NULL);
  g_autoptr(TestReply) reply = test_push (lp->server, lp->token, lp->device, mutations);

  lp->ok = g_strcmp0 (test_result_status (reply, 0), "applied") == 0;
  return NULL;
}

static char *
pull_from (TestServer  *server,
           const char  *token,
           const char  *cursor,
           char       **out_next)
{
  g_autofree char *escaped = g_uri_escape_string (cursor ? cursor : "", NULL, FALSE);
  g_autofree char *url = g_strdup_printf ("%s/v1/sync/pull?cursor=%s", server->url, escaped);
  g_autoptr(TestReply) reply = NULL;
  JsonArray *changes;
  GString *ids = g_string_new (NULL);

  reply = test_http ("GET", url, token, NULL, NULL, 0, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  changes = json_object_get_array_member (json_node_get_object (reply->json), "changes");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    g_string_append_printf (ids, "%s%s", i ? " " : "",
                            json_object_get_string_member (json_array_get_object_element (changes, i), "id"));
  *out_next = g_strdup (test_reply_string (reply, "next_cursor"));
  return g_string_free (ids, FALSE);
}

static void
test_pull_late_commit (void)
{
  g_autoptr(TestServer) server = test_server_new ();
  g_autofree char *token = NULL, *device = NULL;
  g_autofree char *cursor = NULL, *next = NULL, *seen = NULL;
  Gate gate = { 0 };
  LongPush slow, quick;
  GThread *slow_thread, *quick_thread;

  if (server == NULL)
    return;
  setup_stock (server, &token, &device);
  g_free (pull_from (server, token, NULL, &cursor));

  slow = (LongPush) { server, token, device, &gate, NULL, FALSE };
  quick = slow;
  g_mutex_init (&gate.lock);
  g_cond_init (&gate.cond);
  slow_thread = g_thread_new ("slow", long_push, &slow);
  g_mutex_lock (&gate.lock);
  while (!gate.reached)
    g_cond_wait (&gate.cond, &gate.lock);
  g_mutex_unlock (&gate.lock);

  /* The slow push has written M-late and holds its sequence number; a
   * quick push starts and waits for it; a puller sees neither yet. */
  quick_thread = g_thread_new ("quick", quick_push, &quick);
  g_usleep (300 * 1000);
  seen = pull_from (server, token, cursor, &next);
  g_assert_cmpstr (seen, ==, "");
  g_free (cursor);
  cursor = g_steal_pointer (&next);
  g_free (seen);

  g_mutex_lock (&gate.lock);
  gate.release = TRUE;
  g_cond_broadcast (&gate.cond);
  g_mutex_unlock (&gate.lock);
  g_thread_join (slow_thread);
  g_thread_join (quick_thread);
  gr_server_sync_set_commit_hook (NULL, NULL);
  g_assert_true (slow.ok);
  g_assert_true (quick.ok);

  /* From the cursor of that empty pull both arrive, the late one first. */
  seen = pull_from (server, token, cursor, &next);
  g_assert_cmpstr (seen, ==, "M-late M-quick");
  g_mutex_clear (&gate.lock);
  g_cond_clear (&gate.cond);
}

/* SYNC.md §4 test 5: the server is killed in the middle of a batch (its
 * savepoints done, before COMMIT): nothing of it stays; the retry
 * applies it exactly once. */
static gpointer
push_and_forget (gpointer data)
{
  LongPush *lp = data;
  g_autofree char *url = g_strconcat (lp->server->url, "/v1/sync/push", NULL);
  g_autofree char *body = g_strdup_printf ("{\"mutations\": [%s, %s]}", lp->mutation,
                                           "{\"mutation_id\": \"kk2\", \"entity\": \"lot\", \"id\": \"L1\", "
                                           "\"op\": \"patch\", \"base_version\": 1, \"fields\": {\"grade\": 2}}");
  g_autoptr(SoupSession) s = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));
  g_autofree char *auth = g_strconcat ("Bearer ", lp->token, NULL);
  g_autoptr(GBytes) reply = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Device-Id", lp->device);
  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  reply = soup_session_send_and_read (s, msg, NULL, NULL);
  lp->ok = reply == NULL || soup_message_get_status (msg) != 200;
  return NULL;
}

static void
test_server_killed_mid_batch (void)
{
  g_autoptr(TestServer) server = test_server_new ();
  g_autofree char *token = NULL, *device = NULL;
  const char *movement = "{\"mutation_id\": \"kk1\", \"entity\": \"movement\", \"id\": \"M1\", \"op\": \"append\","
                         " \"payload\": " MOVEMENT_M1 "}";
  g_autofree char *mutations = NULL;
  g_autoptr(TestReply) retry = NULL;
  g_autofree char *state = NULL;
  PGconn *blocker;
  LongPush lp;
  GThread *thread;

  if (server == NULL)
    return;
  setup_stock (server, &token, &device);

  /* Hold the sequence counter: the push does all its work, then waits. */
  blocker = gr_pg_harness_connect (server->conninfo);
  gr_pg_harness_exec (blocker, "BEGIN");
  gr_pg_harness_exec (blocker, "SELECT value FROM seq_counter WHERE id = 1 FOR UPDATE");
  lp = (LongPush) { server, token, device, NULL, movement, FALSE };
  thread = g_thread_new ("push", push_and_forget, &lp);
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *waiting = test_sql (server, "SELECT count(*) FROM pg_stat_activity"
                                                   " WHERE wait_event_type = 'Lock' AND query LIKE '%UPDATE seq_counter%'");

      if (g_strcmp0 (waiting, "1") == 0)
        break;
      g_usleep (50 * 1000);
    }
  gr_server_process_kill (server->process);
  gr_pg_harness_exec (blocker, "ROLLBACK");
  PQfinish (blocker);
  g_thread_join (thread);
  g_assert_true (lp.ok);

  /* The dead server's transaction rolls back once its backend notices. */
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *busy = test_sql (server, "SELECT count(*) FROM pg_stat_activity WHERE state LIKE 'idle in%'"
                                                " OR wait_event_type = 'Lock'");

      if (g_strcmp0 (busy, "0") == 0)
        break;
      g_usleep (50 * 1000);
    }
  state = test_sql (server, "SELECT (SELECT count(*) FROM records WHERE entity = 'movement') || ' ' ||"
                            " (SELECT version FROM records WHERE id = 'L1') || ' ' ||"
                            " (SELECT count(*) FROM applied_mutations WHERE mutation_id LIKE 'kk%')");
  g_assert_cmpstr (state, ==, "0 1 0");
  g_free (state);

  test_server_restart (server);
  mutations = g_strdup_printf ("[%s, {\"mutation_id\": \"kk2\", \"entity\": \"lot\", \"id\": \"L1\", \"op\": \"patch\","
                               " \"base_version\": 1, \"fields\": {\"grade\": 2}}]", movement);
  retry = test_push (server, token, device, mutations);
  g_assert_cmpstr (test_result_status (retry, 0), ==, "applied");
  g_assert_cmpstr (test_result_status (retry, 1), ==, "applied");
  state = test_sql (server, "SELECT (SELECT count(*) FROM records WHERE entity = 'movement') || ' ' ||"
                            " (SELECT version FROM records WHERE id = 'L1') || ' ' ||"
                            " (SELECT count(*) FROM change_log WHERE mutation_id LIKE 'kk%')");
  g_assert_cmpstr (state, ==, "1 2 2");
}

/* The server's schema upgrades from every earlier version, keeping its
 * data, and a newer schema is refused. */
static void
test_schema_migration (void)
{
  GrPgHarness *harness = gr_pg_harness_get_or_skip ();

  if (harness == NULL)
    return;
  for (int from = 0; from < gr_server_schema_latest (); from++)
    {
      g_autofree char *conninfo = gr_pg_harness_new_database (harness);
      g_autoptr(GError) error = NULL;
      g_autoptr(GrServerPg) pg = gr_server_pg_connect (conninfo, &error);
      const char *args[] = { "migrate", "--database", conninfo, NULL };
      g_autofree char *out = NULL, *err = NULL;
      PGconn *conn;

      g_assert_no_error (error);
      g_assert_true (gr_server_schema_migrate (pg, from, &error));
      g_assert_no_error (error);
      g_assert_cmpint (gr_server_schema_version (pg, NULL), ==, from);
      if (from >= 1)
        gr_pg_harness_exec (gr_server_pg_get_conn (pg),
                            "INSERT INTO users (name, role, password_hash) VALUES ('old', 'bureau', 'x')");
      if (from >= 2)
        gr_pg_harness_exec (gr_server_pg_get_conn (pg),
                            "INSERT INTO records (entity, id, version, seq, data, content_hash, updated_at, updated_by)"
                            " VALUES ('enterprise', 'E1', 1, 1, '{}', 'h', now(), 'old')");

      g_assert_cmpint (gr_server_run_admin (args, NULL, &out, &err), ==, 0);
      conn = gr_pg_harness_connect (conninfo);
      {
        g_autofree char *version = gr_pg_harness_query_text (conn, "SELECT version FROM granary_schema");
        g_autofree char *users = gr_pg_harness_query_text (conn, "SELECT count(*) FROM users");
        g_autofree char *records = gr_pg_harness_query_text (conn, "SELECT count(*) FROM records");
        g_autofree char *blobs = gr_pg_harness_query_text (conn, "SELECT count(*) FROM blobs");

        g_assert_cmpint (atoi (version), ==, gr_server_schema_latest ());
        g_assert_cmpstr (users, ==, from >= 1 ? "1" : "0");
        g_assert_cmpstr (records, ==, from >= 2 ? "1" : "0");
        g_assert_cmpstr (blobs, ==, "0");
      }

      /* One step newer than this program: refused, untouched. */
      if (from == 0)
        {
          g_autofree char *sql = g_strdup_printf ("UPDATE granary_schema SET version = %d",
                                                  gr_server_schema_latest () + 1);
          g_autofree char *out2 = NULL, *err2 = NULL;

          gr_pg_harness_exec (conn, sql);
          g_assert_cmpint (gr_server_run_admin (args, NULL, &out2, &err2), ==, 1);
          g_assert_nonnull (strstr (err2, "newer granary-server"));
        }
      PQfinish (conn);
    }
}

/* granary-server import: the whole small city, once; twice changes nothing. */
static void
test_import (void)
{
  g_autoptr(TestServer) server = test_server_new ();
  g_autofree char *fixture = NULL;
  const char *args[] = { "import", NULL, "--database", NULL, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *seq = NULL;

  if (server == NULL)
    return;
  fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "city-small.json", NULL);
  args[1] = fixture;
  args[3] = server->conninfo;
  if (gr_server_run_admin (args, NULL, &out, &err) != 0)
    g_error ("import: %s", err);
  g_assert_nonnull (strstr (out, "new, 0 updated, 0 unchanged"));
  counts = test_sql (server, "SELECT count(*) || ' ' || count(DISTINCT seq) || ' ' || max(seq) FROM records");
  seq = test_sql (server, "SELECT value FROM seq_counter");
  {
    g_auto(GStrv) parts = g_strsplit (counts, " ", 3);

    /* one sequence number per record, the counter at the last */
    g_assert_cmpstr (parts[0], ==, parts[1]);
    g_assert_cmpstr (parts[0], ==, parts[2]);
    g_assert_cmpstr (parts[2], ==, seq);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (gr_server_run_admin (args, NULL, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, ": 0 new, 0 updated,"));
  {
    g_autofree char *seq2 = test_sql (server, "SELECT value FROM seq_counter");

    g_assert_cmpstr (seq, ==, seq2);
  }

  /* Changed records, and one deleted on the server meanwhile, take the
   * next version; their text arrives as written (escapes included). */
  {
    g_autofree char *dir = g_dir_make_tmp ("granary-test-XXXXXX", NULL);
    g_autofree char *changed = g_build_filename (dir, "changed.json", NULL);
    g_autofree char *text = NULL;
    g_autofree char *state = NULL;
    g_autofree char *query = NULL;
    g_autoptr(GString) edited = NULL;

    g_assert_true (g_file_get_contents (fixture, &text, NULL, NULL));
    edited = g_string_new (text);
    g_assert_cmpuint (g_string_replace (edited, "\"清新区粮食储备库\"", "\"清新区粮食储备库（新）\"", 1), ==, 1);
    g_assert_cmpuint (g_string_replace (edited, "\"李建国\"", "\"李建国 \\\\ \\\"老李\\\"\"", 1), ==, 1);
    g_assert_true (g_file_set_contents (changed, edited->str, -1, NULL));
    state = test_sql (server, "WITH d AS (UPDATE records SET deleted = true WHERE entity = 'depot' AND id = 'D-02'"
                              " RETURNING id) SELECT count(*) FROM d");
    g_assert_cmpstr (state, ==, "1");
    g_clear_pointer (&state, g_free);

    args[1] = changed;
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (gr_server_run_admin (args, NULL, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, ": 0 new, 3 updated,"));
    query = g_strdup_printf ("SELECT string_agg(entity || ':' || id || ' v' || version || ' ' || (data::json->>'version')"
                             " || ' ' || (SELECT min(value->>0) || '-' || max(value->>0) FROM json_each(field_versions::json))"
                             " || ' ' || deleted || ' ' || (seq - %s), ', ' ORDER BY seq) FROM records WHERE version > 1", seq);
    state = test_sql (server, query);
    g_assert_cmpstr (state, ==, "enterprise:E-QY-02 v2 2 2-2 false 1, depot:D-02 v2 2 2-2 false 2, "
                                "bin:B-01 v2 2 2-2 false 3");
    g_clear_pointer (&state, g_free);
    state = test_sql (server, "SELECT (data::json->>'keeper') || ' | ' || (SELECT value FROM seq_counter) - (SELECT max(seq)"
                              " FROM records) || ' ' || (SELECT count(*) FROM change_log WHERE op = 'import' AND version = 2)"
                              " FROM records WHERE entity = 'bin' AND id = 'B-01'");
    g_assert_cmpstr (state, ==, "李建国 \\ \"老李\" | 0 3");
    args[1] = fixture;
  }

  /* A broken file changes nothing and says why. */
  {
    g_autofree char *dir = g_dir_make_tmp ("granary-test-XXXXXX", NULL);
    g_autofree char *bad = g_build_filename (dir, "bad.json", NULL);
    g_autofree char *out2 = NULL, *err2 = NULL;

    g_assert_true (g_file_set_contents (bad, "{\"format\": \"granary-dataset\", \"version\": 1, \"lots\": "
                                             "[{\"id\": \"x\"}]}", -1, NULL));
    args[1] = bad;
    g_assert_cmpint (gr_server_run_admin (args, NULL, &out2, &err2), ==, 1);
    g_assert_nonnull (strstr (err2, "required"));
    args[1] = fixture;
  }
}

/* PUT /v1/blobs/<sha256>: idempotent, checked against its name, 10 MB. */
static void
test_blobs (void)
{
  g_autoptr(TestServer) server = test_server_new ();
  g_autofree char *token = NULL;
  const char *photo = "JPEG? not really, but bytes all the same";
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, photo, -1);
  g_autofree char *url = NULL;

  if (server == NULL)
    return;
  token = test_login (server, "bureau");
  url = g_strdup_printf ("%s/v1/blobs/%s", server->url, sha);
  {
    g_autoptr(TestReply) first = test_http ("PUT", url, token, NULL, photo, -1, NULL);
    g_autoptr(TestReply) second = test_http ("PUT", url, token, NULL, photo, -1, NULL);
    g_autoptr(TestReply) wrong = test_http ("PUT", url, token, NULL, "other bytes", -1, NULL);
    g_autoptr(TestReply) back = test_http ("GET", url, token, NULL, NULL, 0, NULL);

    g_assert_cmpuint (first->status, ==, 201);
    g_assert_cmpuint (second->status, ==, 200);
    g_assert_cmpuint (wrong->status, ==, 400);
    g_assert_cmpuint (back->status, ==, 200);
    g_assert_cmpstr (back->body, ==, photo);
  }
  {
    gsize size = 10 * 1024 * 1024 + 1;
    g_autofree char *big = g_malloc0 (size);
    g_autofree char *big_sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) big, size);
    g_autofree char *big_url = g_strdup_printf ("%s/v1/blobs/%s", server->url, big_sha);
    g_autoptr(TestReply) reply = test_http ("PUT", big_url, token, NULL, big, size, NULL);

    g_assert_cmpuint (reply->status, ==, 413);
  }
  g_assert_true (health_ok (server));
}

typedef struct {
  TestServer *server;
  const char *token;
  char       *cursor;
  char       *seen;
  gint64      took;
} Poll;

static gpointer
long_poll (gpointer data)
{
  Poll *poll = data;
  g_autofree char *escaped = g_uri_escape_string (poll->cursor, NULL, FALSE);
  g_autofree char *url = g_strdup_printf ("%s/v1/sync/pull?wait=20&cursor=%s", poll->server->url, escaped);
  gint64 start = g_get_monotonic_time ();
  g_autoptr(TestReply) reply = test_http ("GET", url, poll->token, NULL, NULL, 0, NULL);
  JsonArray *changes = json_object_get_array_member (json_node_get_object (reply->json), "changes");
  GString *ids = g_string_new (NULL);

  poll->took = (g_get_monotonic_time () - start) / 1000;
  for (guint i = 0; i < json_array_get_length (changes); i++)
    g_string_append_printf (ids, "%s%s", i ? " " : "",
                            json_object_get_string_member (json_array_get_object_element (changes, i), "id"));
  poll->seen = g_string_free (ids, FALSE);
  return NULL;
}

/* pull?wait=N (SYNC.md §3.5): an empty pull waits for a change and
 * answers as soon as one commits; with none, it answers empty at the
 * deadline. */
static void
test_long_poll (void)
{
  g_autoptr(TestServer) server = test_server_new ();
  g_autofree char *token = NULL, *device = NULL, *cursor = NULL;
  g_autofree char *mutations = NULL;
  g_autoptr(TestReply) pushed = NULL;
  Poll poll = { 0 };
  GThread *thread;

  if (server == NULL)
    return;
  setup_stock (server, &token, &device);
  g_free (pull_from (server, token, NULL, &cursor));

  {
    g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);
    g_autofree char *url = g_strdup_printf ("%s/v1/sync/pull?wait=1&cursor=%s", server->url, escaped);
    gint64 start = g_get_monotonic_time ();
    g_autoptr(TestReply) reply = test_http ("GET", url, token, NULL, NULL, 0, NULL);
    gint64 took = (g_get_monotonic_time () - start) / 1000;

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpint (took, >=, 900);
    g_assert_cmpint (took, <, 5000);
  }

  poll = (Poll) { server, token, cursor, NULL, 0 };
  thread = g_thread_new ("poll", long_poll, &poll);
  g_usleep (500 * 1000);
  mutations = batch (create ("lp1", "movement", "M1", MOVEMENT_M1), NULL);
  pushed = test_push (server, token, device, mutations);
  g_assert_cmpstr (test_result_status (pushed, 0), ==, "applied");
  g_thread_join (thread);
  g_assert_cmpstr (poll.seen, ==, "M1");
  g_assert_cmpint (poll.took, >=, 400);
  g_assert_cmpint (poll.took, <, 10000);
  g_free (poll.seen);
}

/* Answers go gzipped to a client that accepts gzip. */
static void
test_gzip_response (void)
{
  g_autoptr(TestServer) server = test_server_new ();
  g_autofree char *token = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *auth = NULL;
  const guint8 *data;

  if (server == NULL)
    return;
  setup_city (server);
  token = test_login (server, "bureau");
  url = g_strconcat (server->url, "/v1/sync/snapshot", NULL);
  session = soup_session_new ();
  soup_session_remove_feature_by_type (session, SOUP_TYPE_CONTENT_DECODER);
  msg = soup_message_new ("GET", url);
  auth = g_strconcat ("Bearer ", token, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept-Encoding", "gzip");
  body = soup_session_send_and_read (session, msg, NULL, NULL);
  g_assert_nonnull (body);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Content-Encoding"), ==, "gzip");
  data = g_bytes_get_data (body, NULL);
  g_assert_cmpuint (g_bytes_get_size (body), >, 2);
  g_assert_cmpuint (data[0], ==, 0x1f);
  g_assert_cmpuint (data[1], ==, 0x8b);
}

/* The example configuration in data/server is read as it is; a wrong
 * value is a clear error. */
static void
test_config_example (void)
{
  GrPgHarness *harness = gr_pg_harness_get_or_skip ();
  g_autofree char *example = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *bad = NULL;

  if (harness == NULL)
    return;
  example = g_test_build_filename (G_TEST_DIST, "..", "data", "server", "server.conf.example", NULL);
  conninfo = gr_pg_harness_new_database (harness);
  {
    const char *args[] = { "migrate", "--config", example, "--database", conninfo, NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (gr_server_run_admin (args, NULL, &out, &err), ==, 0);
  }
  dir = g_dir_make_tmp ("granary-test-XXXXXX", NULL);
  bad = g_build_filename (dir, "bad.conf", NULL);
  g_assert_true (g_file_set_contents (bad, "[server]\nworkers=many\n", -1, NULL));
  {
    const char *args[] = { "migrate", "--config", bad, "--database", conninfo, NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (gr_server_run_admin (args, NULL, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "[server] workers must be a whole number greater than 0"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/health-and-login", test_health_and_login);
  g_test_add_func ("/server/roles/write", test_roles_write);
  g_test_add_func ("/server/roles/read", test_roles_read);
  g_test_add_func ("/server/bad-requests", test_bad_requests);
  g_test_add_func ("/server/tokens", test_tokens);
  g_test_add_func ("/server/login-rate-limit", test_login_rate_limit);
  g_test_add_func ("/server/push/duplicate", test_push_duplicate);
  g_test_add_func ("/server/push/id-reuse", test_push_id_reuse);
  g_test_add_func ("/server/push/concurrent-deliveries", test_push_concurrent);
  g_test_add_func ("/server/push/created-meanwhile", test_push_created_meanwhile);
  g_test_add_func ("/server/push/damaged-record", test_push_damaged_record);
  g_test_add_func ("/server/push/reordered", test_push_reordered);
  g_test_add_func ("/server/push/conflict", test_push_conflict);
  g_test_add_func ("/server/pull/late-commit", test_pull_late_commit);
  g_test_add_func ("/server/killed-mid-batch", test_server_killed_mid_batch);
  g_test_add_func ("/server/schema/migrate-every-version", test_schema_migration);
  g_test_add_func ("/server/import", test_import);
  g_test_add_func ("/server/blobs", test_blobs);
  g_test_add_func ("/server/config-example", test_config_example);
  g_test_add_func ("/server/pull/long-poll", test_long_poll);
  g_test_add_func ("/server/gzip-response", test_gzip_response);

  return g_test_run ();
}
