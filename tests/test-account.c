/* test-account.c: signing in and out, and one database per server and user (SYNC.md §3.7)
 *
 * Against granary-server on a real PostgreSQL. Tokens stay in memory
 * (GRANARY_KEYRING=memory): the test machine has no keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "gr-account.h"
#include "gr-http-test.h"
#include "gr-outbox.h"
#include "gr-sync.h"
#include "gr-sync-client.h"
#include "test-util.h"

/* The name is readable and stable; another user or server is another file. */
static void
test_db_name (void)
{
  g_autofree char *a = gr_account_db_name ("https://granary.example.org", "zhang");
  g_autofree char *b = gr_account_db_name ("https://granary.example.org", "zhang");
  g_autofree char *c = gr_account_db_name ("https://granary.example.org", "li");
  g_autofree char *d = gr_account_db_name ("http://10.0.0.5:8080", "张三/../x");
  g_autofree char *normal = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_str_has_prefix (a, "granary.example.org-zhang-"));
  g_assert_true (g_str_has_suffix (a, ".db"));
  g_assert_cmpuint (strlen (a), ==, strlen ("granary.example.org-zhang-") + 8 + 3);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
  /* a user name never makes a path */
  g_assert_true (g_str_has_prefix (d, "10.0.0.5_8080-张三_.._x-"));
  g_assert_null (strchr (d, '/'));

  normal = gr_account_normal_server (" https://granary.example.org// ", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (normal, ==, "https://granary.example.org");
  g_assert_null (gr_account_normal_server ("granary.example.org", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);

  path = gr_account_db_path ("https://granary.example.org", "zhang");
  g_assert_true (g_str_has_prefix (path, g_get_user_data_dir ()));
  {
    g_autofree char *tail = g_build_filename ("granary", "accounts", a, NULL);

    g_assert_true (g_str_has_suffix (path, tail));
  }
}

static char *
meta_of (const char *path,
         const char *key)
{
  g_autoptr(GrStore) store = test_open_store (path);

  return gr_store_get_meta (store, key);
}

/* Sign in, sync on the kept token alone, sign out with unsent changes:
 * they are counted and kept, the token is forgotten. */
static void
test_sign_in_out (void)
{
  g_autoptr(TestServer) server = test_city_server ();
  g_autoptr(GrAccount) account = NULL;
  g_autoptr(GrAccount) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrStore) store = NULL;
  g_autofree char *path = NULL;
  g_autofree char *token = NULL;
  g_autofree char *role = NULL;
  GrSyncOptions options;
  GrSyncReport report;

  if (server == NULL)
    return;
  path = test_temp_db ();

  /* a wrong password binds nothing */
  g_assert_null (gr_account_sign_in (server->url, "co1", "wrong", path, NULL, &error));
  g_assert_error (error, GR_SYNC_ERROR, GR_SYNC_ERROR_AUTH);
  g_clear_error (&error);
  g_assert_null (meta_of (path, "sync_user"));

  account = gr_account_sign_in (server->url, "co1", TEST_PASSWORD, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  g_assert_cmpstr (account->server, ==, server->url);
  g_assert_cmpstr (account->user, ==, "co1");
  /* DESIGN.md §6: a company writes its own enterprise */
  g_assert_cmpstr (account->role, ==, "company");
  g_assert_cmpstr (account->enterprise, ==, "E-QY-01");
  g_assert_cmpstr (account->db_path, ==, path);
  role = meta_of (path, "sync_role");
  g_assert_cmpstr (role, ==, "company");
  token = gr_account_lookup_token (server->url, "co1");
  g_assert_nonnull (token);
  g_assert_cmpuint (strlen (token), >=, 40);

  loaded = gr_account_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->user, ==, "co1");
  g_assert_cmpstr (loaded->enterprise, ==, "E-QY-01");

  /* Another user cannot use this database; nor a demo database at all. */
  g_assert_null (gr_account_sign_in (server->url, "co2", TEST_PASSWORD, path, NULL, &error));
  g_assert_error (error, GR_SYNC_ERROR, GR_SYNC_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  {
    g_autofree char *demo_path = test_temp_db ();
    g_autoptr(GrStore) demo = test_open_store (demo_path);

    g_assert_true (gr_store_set_meta (demo, "demo", "1", NULL));
    g_assert_null (gr_account_sign_in (server->url, "co1", TEST_PASSWORD, demo_path, NULL, &error));
    g_assert_error (error, GR_SYNC_ERROR, GR_SYNC_ERROR_NOT_ALLOWED);
    g_clear_error (&error);
  }

  /* A sync with the kept token, no password. */
  store = test_open_store (path);
  gr_sync_options_init (&options);
  options.server = server->url;
  options.user = "co1";
  options.refresh_token = token;
  gr_sync_report_init (&report);
  g_assert_true (gr_sync_run (store, &options, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.from_snapshot, ==, 26 - 7);
  gr_sync_report_clear (&report);

  /* A local change, then signing out: reported, kept. */
  test_import_ok (store, DATASET_HEAD "\"movements\": [{\"id\": \"M-901\", \"lot\": \"L-01\", \"date\": \"2026-06-01\","
                                      " \"kind\": \"loss\", \"quantity_t\": 1}]}", NULL);
  g_assert_cmpint (gr_account_sign_out (account, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_null (gr_account_lookup_token (server->url, "co1"));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (gr_outbox_count_unsent (store), ==, 1);
  g_assert_cmpint (gr_store_count (store, "movements"), ==, 5);

  /* The forgotten token no longer signs in; signing in again does,
   * into the same database, and the change goes out. */
  gr_sync_report_init (&report);
  options.refresh_token = "grr_not-a-token";
  g_assert_false (gr_sync_run (store, &options, &report, NULL, &error));
  g_assert_error (error, GR_SYNC_ERROR, GR_SYNC_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "sign in again"));
  g_clear_error (&error);
  gr_sync_report_clear (&report);
  g_clear_pointer (&account, gr_account_free);
  account = gr_account_sign_in (server->url, "co1", TEST_PASSWORD, path, NULL, &error);
  g_assert_no_error (error);
  g_free (token);
  token = gr_account_lookup_token (server->url, "co1");
  options.refresh_token = token;
  gr_sync_report_init (&report);
  g_assert_true (gr_sync_run (store, &options, &report, NULL, &error));
  g_assert_cmpuint (report.pushed, ==, 1);
  gr_sync_report_clear (&report);
  g_assert_cmpint (gr_sync_count_unsent (store), ==, 0);
}

/* Without a database path the account gets its own in the data folder. */
static void
test_default_path (void)
{
  g_autoptr(TestServer) server = test_city_server ();
  g_autoptr(GrAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  if (server == NULL)
    return;
  account = gr_account_sign_in (server->url, "insp1", TEST_PASSWORD, NULL, NULL, &error);
  g_assert_no_error (error);
  expected = gr_account_db_path (server->url, "insp1");
  g_assert_cmpstr (account->db_path, ==, expected);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (account->role, ==, "inspector");
  g_assert_cmpuint (g_strv_length (account->depots), ==, 1);
  g_assert_cmpstr (account->depots[0], ==, "D-01");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("granary-home-XXXXXX", NULL);

  g_setenv ("GRANARY_KEYRING", "memory", TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/account/db-name", test_db_name);
  g_test_add_func ("/account/sign-in-out", test_sign_in_out);
  g_test_add_func ("/account/default-path", test_default_path);

  return g_test_run ();
}
