/* test-pg-harness.c: the private PostgreSQL the server tests run against
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "gr-pg-harness.h"

/* A fresh database per call, PostgreSQL 15 or newer, no TCP listener. */
static void
test_harness_databases (void)
{
  GrPgHarness *harness = gr_pg_harness_get_or_skip ();
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *version = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *count = NULL;
  PGconn *conn;

  if (harness == NULL)
    return;
  first = gr_pg_harness_new_database (harness);
  second = gr_pg_harness_new_database (harness);
  g_assert_cmpstr (first, !=, second);

  conn = gr_pg_harness_connect (first);
  version = gr_pg_harness_query_text (conn, "SHOW server_version_num");
  g_assert_cmpint (atoi (version), >=, 150000);
  listen = gr_pg_harness_query_text (conn, "SHOW listen_addresses");
  g_assert_cmpstr (listen, ==, "");
  gr_pg_harness_exec (conn, "CREATE TABLE t (x int); INSERT INTO t VALUES (1), (2)");
  PQfinish (conn);

  /* The other database does not see the table. */
  conn = gr_pg_harness_connect (second);
  count = gr_pg_harness_query_text (conn, "SELECT count(*) FROM pg_tables WHERE tablename = 't'");
  g_assert_cmpstr (count, ==, "0");
  PQfinish (conn);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pg-harness/databases", test_harness_databases);
  return g_test_run ();
}
