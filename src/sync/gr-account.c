/* gr-account.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-account"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsecret/secret.h>
#include <string.h>

#include "gr-account.h"
#include "gr-outbox.h"
#include "gr-store.h"
#include "gr-sync.h"
#include "gr-sync-client.h"

/* Tokens when there is no keyring, for this process's life only. */
static GMutex memory_lock;
static GHashTable *memory_tokens;   /* "server\nuser" → token */

void
gr_account_free (GrAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->server);
  g_free (account->user);
  g_free (account->role);
  g_free (account->enterprise);
  g_strfreev (account->depots);
  g_free (account->db_path);
  g_free (account);
}

GrAccount *
gr_account_copy (const GrAccount *account)
{
  GrAccount *copy;

  if (account == NULL)
    return NULL;
  copy = g_new0 (GrAccount, 1);
  copy->server = g_strdup (account->server);
  copy->user = g_strdup (account->user);
  copy->role = g_strdup (account->role);
  copy->enterprise = g_strdup (account->enterprise);
  copy->depots = g_strdupv (account->depots);
  copy->db_path = g_strdup (account->db_path);
  return copy;
}

char *
gr_account_normal_server (const char  *server,
                          GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (server ? server : ""));
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  while (g_str_has_suffix (text, "/"))
    text[strlen (text) - 1] = '\0';
  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a server address: write it as https://host"), text);
      return NULL;
    }
  return g_steal_pointer (&text);
}

/* Keeps letters (any script), digits and . _ -; the rest becomes _. */
static void
append_safe (GString    *out,
             const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || c == '.' || c == '_' || c == '-')
        g_string_append_unichar (out, c);
      else
        g_string_append_c (out, '_');
    }
}

char *
gr_account_db_name (const char *server,
                    const char *user)
{
  g_autoptr(GUri) uri = g_uri_parse (server, G_URI_FLAGS_NONE, NULL);
  g_autofree char *key = g_strconcat (server, "\n", user, NULL);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  GString *out = g_string_new (NULL);

  append_safe (out, uri && g_uri_get_host (uri) ? g_uri_get_host (uri) : "server");
  if (uri != NULL && g_uri_get_port (uri) > 0)
    g_string_append_printf (out, "_%d", g_uri_get_port (uri));
  g_string_append_c (out, '-');
  append_safe (out, user);
  /* The scheme and path matter too, and two names may be made safe
   * into the same text: a short hash of the whole keeps them apart. */
  g_string_append_printf (out, "-%.8s.db", hash);
  return g_string_free (out, FALSE);
}

char *
gr_account_db_path (const char *server,
                    const char *user)
{
  g_autofree char *name = gr_account_db_name (server, user);

  return g_build_filename (g_get_user_data_dir (), "granary", "accounts", name, NULL);
}

/* ---- Tokens ---- */

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    "io.github.granary.Granary.Token", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

gboolean
gr_account_keyring_available (void)
{
  /* Without a session bus libsecret would try to start one. */
  return g_strcmp0 (g_getenv ("GRANARY_KEYRING"), "memory") != 0 &&
         g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL;
}

static char *
memory_key (const char *server,
            const char *user)
{
  return g_strconcat (server, "\n", user, NULL);
}

char *
gr_account_lookup_token (const char *server,
                         const char *user)
{
  g_autofree char *key = memory_key (server, user);
  char *token = NULL;

  g_mutex_lock (&memory_lock);
  if (memory_tokens != NULL)
    token = g_strdup (g_hash_table_lookup (memory_tokens, key));
  g_mutex_unlock (&memory_lock);
  if (token != NULL)
    return token;

  if (gr_account_keyring_available ())
    {
      g_autoptr(GError) error = NULL;
      char *secret = secret_password_lookup_sync (token_schema (), NULL, &error,
                                                  "server", server, "user", user, NULL);

      if (error != NULL)
        g_debug ("No keyring: %s", error->message);
      if (secret != NULL)
        {
          token = g_strdup (secret);
          secret_password_free (secret);
        }
    }
  return token;
}

void
gr_account_store_token (const char *server,
                        const char *user,
                        const char *token,
                        gboolean   *out_in_keyring)
{
  gboolean stored = FALSE;

  if (gr_account_keyring_available ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *label = g_strdup_printf (_("Granary sign-in of %s on %s"), user, server);

      stored = secret_password_store_sync (token_schema (), SECRET_COLLECTION_DEFAULT, label, token, NULL, &error,
                                           "server", server, "user", user, NULL);
      if (!stored)
        g_debug ("Token kept in memory only: %s", error ? error->message : "");
    }
  if (!stored)
    {
      g_mutex_lock (&memory_lock);
      if (memory_tokens == NULL)
        memory_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_replace (memory_tokens, memory_key (server, user), g_strdup (token));
      g_mutex_unlock (&memory_lock);
    }
  if (out_in_keyring != NULL)
    *out_in_keyring = stored;
}

void
gr_account_clear_token (const char *server,
                        const char *user)
{
  g_autofree char *key = memory_key (server, user);

  g_mutex_lock (&memory_lock);
  if (memory_tokens != NULL)
    g_hash_table_remove (memory_tokens, key);
  g_mutex_unlock (&memory_lock);
  if (gr_account_keyring_available ())
    secret_password_clear_sync (token_schema (), NULL, NULL, "server", server, "user", user, NULL);
}

/* ---- Signing in and out ---- */

static gboolean
ensure_parent (const char  *path,
               GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Could not create the folder %s: %s"), dir,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static GrAccount *
account_from_store (GrStore    *store,
                    const char *db_path)
{
  GrAccount *account = g_new0 (GrAccount, 1);
  g_autofree char *scope = gr_store_get_meta (store, "sync_scope");

  account->server = gr_store_get_meta (store, "sync_server");
  account->user = gr_store_get_meta (store, "sync_user");
  account->role = gr_store_get_meta (store, "sync_role");
  account->db_path = g_strdup (db_path);
  if (scope != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, scope, -1, NULL) && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          JsonObject *object = json_node_get_object (json_parser_get_root (parser));
          JsonArray *depots = (json_object_get_member (object, "depots") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "depots"))
                               ? json_object_get_array_member (object, "depots") : NULL);
          g_autoptr(GPtrArray) list = g_ptr_array_new ();

          account->enterprise = g_strdup (json_object_get_string_member_with_default (object, "enterprise", NULL));
          for (guint i = 0; depots != NULL && i < json_array_get_length (depots); i++)
            {
              const char *depot = json_array_get_string_element (depots, i);

              if (depot != NULL)
                g_ptr_array_add (list, g_strdup (depot));
            }
          g_ptr_array_add (list, NULL);
          account->depots = (char **) g_ptr_array_free (g_steal_pointer (&list), FALSE);
        }
    }
  return account;
}

GrAccount *
gr_account_load (const char  *db_path,
                 GError     **error)
{
  g_autoptr(GrStore) store = NULL;
  g_autoptr(GrAccount) account = NULL;

  if (!g_file_test (db_path, G_FILE_TEST_EXISTS))
    return NULL;
  if ((store = gr_store_open (db_path, error)) == NULL)
    return NULL;
  account = account_from_store (store, db_path);
  if (account->server == NULL || account->user == NULL)
    return NULL;
  return g_steal_pointer (&account);
}

GrAccount *
gr_account_sign_in (const char    *server,
                    const char    *user,
                    const char    *password,
                    const char    *db_path,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *url = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = g_strstrip (g_strdup (user ? user : ""));
  g_autoptr(GrStore) store = NULL;
  g_autoptr(GrSyncClient) client = NULL;
  GrSyncRetry retry = { 2, 500, 2000 };
  const char *token;

  if ((url = gr_account_normal_server (server, error)) == NULL)
    return NULL;
  if (*name == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Enter your user name"));
      return NULL;
    }
  path = db_path ? g_strdup (db_path) : gr_account_db_path (url, name);
  if (!ensure_parent (path, error) || (store = gr_store_open (path, error)) == NULL ||
      !gr_sync_check_database (store, url, name, error))
    return NULL;

  client = gr_sync_client_new (url, &retry);
  if (!gr_sync_client_login (client, name, password ? password : "", cancellable, error))
    return NULL;
  token = gr_sync_client_get_refresh_token (client);
  if (token == NULL)
    {
      g_set_error (error, GR_SYNC_ERROR, GR_SYNC_ERROR_PROTOCOL, _("The server's login answer has no refresh token"));
      return NULL;
    }

  /* From now on the database belongs to this server and user. */
  if (!gr_store_begin (store, error))
    return NULL;
  if (!gr_store_set_meta (store, "sync_server", url, error) ||
      !gr_store_set_meta (store, "sync_user", name, error) ||
      !gr_sync_store_identity (store, gr_sync_client_get_identity (client), error) ||
      !gr_store_commit (store, error))
    {
      gr_store_rollback (store);
      return NULL;
    }
  gr_account_store_token (url, name, token, NULL);
  return account_from_store (store, path);
}

gint64
gr_account_sign_out (const GrAccount  *account,
                     GError          **error)
{
  g_autoptr(GrStore) store = NULL;
  gint64 unsent = 0;

  g_return_val_if_fail (account != NULL, -1);

  gr_account_clear_token (account->server, account->user);
  if (account->db_path == NULL || !g_file_test (account->db_path, G_FILE_TEST_EXISTS))
    return 0;
  if ((store = gr_store_open (account->db_path, error)) == NULL)
    return -1;
  unsent = gr_sync_count_unsent (store);
  if (unsent < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not count the changes not sent yet"));
      return -1;
    }
  return unsent;
}
