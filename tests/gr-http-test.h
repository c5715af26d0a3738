/* gr-http-test.h: talking to a granary-server process in tests
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "gr-pg-harness.h"

G_BEGIN_DECLS

#define TEST_PASSWORD "correct horse battery"

typedef struct {
  char            *conninfo;
  GrServerProcess *process;
  const char      *url;     /* without trailing slash */
  PGconn          *conn;    /* a direct connection, to look and to meddle */
} TestServer;

/* A fresh database, a server on it, and a bureau user "bureau"; NULL
 * (the test is skipped) when PostgreSQL is absent. */
TestServer *test_server_new       (void);
/* The small city of fixtures/city-small.json on the server; companies co1
 * and co1b of E-QY-01, co2 of E-QY-02, inspector insp1 of D-01 and a
 * second bureau user bureau2. NULL when PostgreSQL is absent. */
TestServer *test_city_server      (void);
void        test_server_free      (TestServer   *server);
void        test_server_restart   (TestServer   *server);

/* granary-server user add NAME --role ROLE [--enterprise E] [--depot D …] */
void        test_user_add         (TestServer   *server,
                                   const char   *name,
                                   const char   *role,
                                   const char   *enterprise,
                                   const char  **depots);

typedef struct {
  guint       status;
  JsonNode   *json;      /* NULL when the body is not JSON */
  char       *body;
  char       *retry_after;
} TestReply;

void        test_reply_free       (TestReply    *reply);

/* One request; body may be NULL; extra headers as name, value, …, NULL. */
TestReply  *test_http             (const char   *method,
                                   const char   *url,
                                   const char   *token,
                                   const char   *device,
                                   const char   *body,
                                   gssize        length,
                                   ...) G_GNUC_NULL_TERMINATED;
/* Member of the reply's JSON object (string), or NULL. */
const char *test_reply_string     (TestReply    *reply,
                                   const char   *member);

/* Logs in (fails the test on refusal) and returns the access token. */
char       *test_login            (TestServer   *server,
                                   const char   *user);
char       *test_device           (TestServer   *server,
                                   const char   *token);
/* POST /v1/sync/push; asserts 200. */
TestReply  *test_push             (TestServer   *server,
                                   const char   *token,
                                   const char   *device,
                                   const char   *mutations_json);
/* results[i].status of a push reply */
const char *test_result_status    (TestReply    *reply,
                                   guint         i);
JsonObject *test_result           (TestReply    *reply,
                                   guint         i);

/* The first column of the first row (text), or NULL. */
char       *test_sql              (TestServer   *server,
                                   const char   *sql);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestServer, test_server_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestReply, test_reply_free)

G_END_DECLS
