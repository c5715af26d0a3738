/* gr-server-auth.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-server-auth"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "gr-json-writer.h"
#include "gr-server-auth.h"
#include "gr-server-error.h"

/* Argon2id at libsodium's interactive cost takes 64 MiB per hash: at
 * most this many run at once, so a burst of logins cannot exhaust memory. */
#define MAX_CONCURRENT_HASHES 2

static GMutex hash_lock;
static GCond hash_cond;
static guint hash_running;

static void
hash_slot_take (void)
{
  g_mutex_lock (&hash_lock);
  while (hash_running >= MAX_CONCURRENT_HASHES)
    g_cond_wait (&hash_cond, &hash_lock);
  hash_running++;
  g_mutex_unlock (&hash_lock);
}

static void
hash_slot_give (void)
{
  g_mutex_lock (&hash_lock);
  hash_running--;
  g_cond_signal (&hash_cond);
  g_mutex_unlock (&hash_lock);
}

static gboolean
sodium_ready (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error (error, GR_SERVER_ERROR, GR_SERVER_ERROR_INTERNAL, _("libsodium could not start"));
      return FALSE;
    }
  return TRUE;
}

void
gr_server_user_free (GrServerUser *user)
{
  if (user == NULL)
    return;
  g_free (user->name);
  g_free (user->enterprise);
  g_strfreev (user->depots);
  g_free (user);
}

void
gr_server_user_append_json (const GrServerUser *user,
                            GString            *out)
{
  g_string_append (out, "\"user\": ");
  gr_json_append_string (out, user->name);
  g_string_append (out, ", \"role\": ");
  gr_json_append_string (out, gr_role_to_string (user->role));
  g_string_append (out, ", \"enterprise\": ");
  if (user->enterprise != NULL)
    gr_json_append_string (out, user->enterprise);
  else
    g_string_append (out, "null");
  g_string_append (out, ", \"depots\": [");
  for (guint i = 0; user->depots != NULL && user->depots[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      gr_json_append_string (out, user->depots[i]);
    }
  g_string_append_c (out, ']');
}

void
gr_server_tokens_clear (GrServerTokens *tokens)
{
  g_clear_pointer (&tokens->access_token, g_free);
  g_clear_pointer (&tokens->refresh_token, g_free);
}

char *
gr_server_password_hash (const char  *password,
                         GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];
  int rc;

  if (!sodium_ready (error))
    return NULL;
  hash_slot_take ();
  rc = crypto_pwhash_str (hash, password, strlen (password),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE);
  hash_slot_give ();
  if (rc != 0)
    {
      g_set_error (error, GR_SERVER_ERROR, GR_SERVER_ERROR_INTERNAL,
                   _("Not enough memory to hash the password"));
      return NULL;
    }
  return g_strdup (hash);
}

gboolean
gr_server_password_verify (const char *hash,
                           const char *password)
{
  int rc;

  if (sodium_init () < 0)
    return FALSE;
  hash_slot_take ();
  rc = crypto_pwhash_str_verify (hash, password, strlen (password));
  hash_slot_give ();
  return rc == 0;
}

/* A hash of a password nobody has, checked for unknown user names, so a
 * reply takes as long whether the name exists or not. */
static const char *
dummy_hash (void)
{
  static char *hash;

  if (g_once_init_enter (&hash))
    {
      char *made = gr_server_password_hash ("granary: no such user", NULL);

      g_once_init_leave (&hash, made ? made : g_strdup (""));
    }
  return hash;
}

char *
gr_server_token_hash (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

static char *
random_token (const char *prefix)
{
  guchar bytes[32];
  g_autofree char *text = NULL;

  randombytes_buf (bytes, sizeof bytes);
  text = g_base64_encode (bytes, sizeof bytes);
  /* URL-safe and without padding: the token travels in headers. */
  for (char *p = text; *p; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        *p = '\0';
    }
  return g_strconcat (prefix, text, NULL);
}

static gboolean
store_token (GrServerPg  *pg,
             gint64       user_id,
             const char  *kind,
             const char  *token,
             guint        ttl,
             GError     **error)
{
  g_autofree char *hash = gr_server_token_hash (token);
  g_autofree char *user = g_strdup_printf ("%" G_GINT64_FORMAT, user_id);
  g_autofree char *seconds = g_strdup_printf ("%u", ttl);
  const char *params[] = { hash, user, kind, seconds };

  return gr_server_pg_do (pg,
                          "INSERT INTO tokens (hash, user_id, kind, expires_at)"
                          " VALUES ($1, $2::bigint, $3, now() + make_interval(secs => $4::integer))",
                          4, params, error);
}

static char **
depots_from_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  JsonArray *array;

  if (text != NULL && json_parser_load_from_data (parser, text, -1, NULL) &&
      JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    {
      array = json_node_get_array (json_parser_get_root (parser));
      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (list, g_strdup (json_array_get_string_element (array, i)));
    }
  g_ptr_array_add (list, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&list), FALSE);
}

/* Columns: id, name, role, enterprise, depots as JSON, disabled */
#define USER_COLUMNS "u.id, u.name, u.role, u.enterprise, array_to_json(u.depots)::text, u.disabled"

static GrServerUser *
user_from_row (PGresult *result,
               int       row,
               int       first)
{
  GrServerUser *user = g_new0 (GrServerUser, 1);

  user->id = g_ascii_strtoll (PQgetvalue (result, row, first), NULL, 10);
  user->name = g_strdup (PQgetvalue (result, row, first + 1));
  gr_role_from_string (PQgetvalue (result, row, first + 2), &user->role);
  if (!PQgetisnull (result, row, first + 3))
    user->enterprise = g_strdup (PQgetvalue (result, row, first + 3));
  user->depots = depots_from_json (PQgetvalue (result, row, first + 4));
  user->disabled = g_strcmp0 (PQgetvalue (result, row, first + 5), "t") == 0;
  return user;
}

static char *
depots_to_json (const char * const *depots)
{
  GString *out = g_string_new ("[");

  for (guint i = 0; depots != NULL && depots[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      gr_json_append_string (out, depots[i]);
    }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

static gboolean
name_is_valid (const char *name)
{
  gsize n = strlen (name);

  if (n == 0 || n > 64 || !g_utf8_validate (name, -1, NULL))
    return FALSE;
  for (const char *p = name; *p; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      return FALSE;
  return TRUE;
}

gboolean
gr_server_user_add (GrServerPg         *pg,
                    const char         *name,
                    GrRole              role,
                    const char         *enterprise,
                    const char * const *depots,
                    const char         *password,
                    GError            **error)
{
  g_autofree char *hash = NULL;
  g_autofree char *depots_json = NULL;
  g_autoptr(GError) local = NULL;
  const char *params[5];

  if (!name_is_valid (name))
    {
      g_set_error (error, GR_SERVER_ERROR, GR_SERVER_ERROR_BAD_REQUEST,
                   _("A user name is 1 to 64 characters without spaces"));
      return FALSE;
    }
  if (role == GR_ROLE_COMPANY && (enterprise == NULL || *enterprise == '\0'))
    {
      g_set_error (error, GR_SERVER_ERROR, GR_SERVER_ERROR_BAD_REQUEST,
                   _("A company user needs --enterprise ID: the enterprise it writes for"));
      return FALSE;
    }
  if (role == GR_ROLE_INSPECTOR && (depots == NULL || depots[0] == NULL))
    {
      g_set_error (error, GR_SERVER_ERROR, GR_SERVER_ERROR_BAD_REQUEST,
                   _("An inspector needs at least one --depot ID: the depots assigned to them"));
      return FALSE;
    }
  if (role != GR_ROLE_COMPANY && enterprise != NULL)
    {
      g_set_error (error, GR_SERVER_ERROR, GR_SERVER_ERROR_BAD_REQUEST,
                   _("Only a company user belongs to an enterprise"));
      return FALSE;
    }
  if (role != GR_ROLE_INSPECTOR && depots != NULL && depots[0] != NULL)
    {
      g_set_error (error, GR_SERVER_ERROR, GR_SERVER_ERROR_BAD_REQUEST,
                   _("Only an inspector is assigned depots"));
      return FALSE;
    }
  if (password == NULL || strlen (password) < 8)
    {
      g_set_error (error, GR_SERVER_ERROR, GR_SERVER_ERROR_BAD_REQUEST,
                   _("The password must have at least 8 characters"));
      return FALSE;
    }
  if ((hash = gr_server_password_hash (password, error)) == NULL)
    return FALSE;

  depots_json = depots_to_json (depots);
  params[0] = name;
  params[1] = gr_role_to_string (role);
  params[2] = enterprise;
  params[3] = depots_json;
  params[4] = hash;
  if (!gr_server_pg_do (pg,
                        "INSERT INTO users (name, role, enterprise, depots, password_hash)"
                        " VALUES ($1, $2, $3, ARRAY(SELECT json_array_elements_text($4::json)), $5)",
                        5, params, &local))
    {
      if (g_error_matches (local, GR_SERVER_PG_ERROR, GR_SERVER_PG_ERROR_UNIQUE))
        {
          g_set_error (error, GR_SERVER_ERROR, GR_SERVER_ERROR_CONFLICT, _("There is already a user named “%s”"), name);
          return FALSE;
        }
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
gr_server_user_list (GrServerPg  *pg,
                     GError     **error)
{
  g_autoptr(PGresult) result = gr_server_pg_exec (pg, "SELECT " USER_COLUMNS " FROM users u ORDER BY u.name",
                                                  0, NULL, error);
  GPtrArray *users;

  if (result == NULL)
    return NULL;
  users = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_server_user_free);
  for (int i = 0; i < PQntuples (result); i++)
    g_ptr_array_add (users, user_from_row (result, i, 0));
  return users;
}

gboolean
gr_server_user_disable (GrServerPg  *pg,
                        const char  *name,
                        GError     **error)
{
  const char *params[] = { name };
  g_autoptr(PGresult) result = NULL;

  if (!gr_server_pg_begin (pg, error))
    return FALSE;
  result = gr_server_pg_exec (pg, "UPDATE users SET disabled = true WHERE name = $1 RETURNING id", 1, params, error);
  if (result == NULL)
    goto failed;
  if (PQntuples (result) == 0)
    {
      g_set_error (error, GR_SERVER_ERROR, GR_SERVER_ERROR_NOT_FOUND, _("There is no user named “%s”"), name);
      goto failed;
    }
  /* A disabled user is signed out everywhere at once. */
  {
    const char *id[] = { PQgetvalue (result, 0, 0) };

    if (!gr_server_pg_do (pg, "DELETE FROM tokens WHERE user_id = $1::bigint", 1, id, error))
      goto failed;
  }
  return gr_server_pg_commit (pg, error);

failed:
  gr_server_pg_rollback (pg);
  return FALSE;
}

/* ---- Logging in ---- */

/* Seconds until key may try again, 0 when it may now. */
static gboolean
failure_wait (GrServerPg  *pg,
              const char  *key,
              guint        max,
              guint        window,
              guint       *out_wait,
              GError     **error)
{
  g_autofree char *seconds = g_strdup_printf ("%u", window);
  g_autofree char *limit = g_strdup_printf ("%u", max);
  const char *params[] = { key, seconds, limit };
  g_autoptr(PGresult) result = NULL;

  result = gr_server_pg_exec (pg,
                              "SELECT ceil(extract(epoch FROM first_at + make_interval(secs => $2::integer) - now()))::integer"
                              " FROM login_failures WHERE key = $1 AND count >= $3::integer"
                              " AND first_at > now() - make_interval(secs => $2::integer)",
                              3, params, error);
  if (result == NULL)
    return FALSE;
  *out_wait = PQntuples (result) > 0 ? (guint) MAX (1, atoi (PQgetvalue (result, 0, 0))) : 0;
  return TRUE;
}

static gboolean
count_failure (GrServerPg  *pg,
               const char  *key,
               guint        window,
               GError     **error)
{
  g_autofree char *seconds = g_strdup_printf ("%u", window);
  const char *params[] = { key, seconds };

  /* A window starts at the first failure and counts until it is over. */
  return gr_server_pg_do (pg,
                          "INSERT INTO login_failures AS f (key, first_at, count) VALUES ($1, now(), 1)"
                          " ON CONFLICT (key) DO UPDATE SET"
                          "  count = CASE WHEN f.first_at > now() - make_interval(secs => $2::integer) THEN f.count + 1 ELSE 1 END,"
                          "  first_at = CASE WHEN f.first_at > now() - make_interval(secs => $2::integer) THEN f.first_at ELSE now() END",
                          2, params, error);
}

static gboolean
issue_tokens (GrServerPg               *pg,
              gint64                    user_id,
              const GrServerAuthLimits *limits,
              gboolean                  with_refresh,
              GrServerTokens           *out,
              GError                  **error)
{
  out->access_token = random_token ("gra_");
  out->expires_in = limits->access_ttl;
  if (!store_token (pg, user_id, "access", out->access_token, limits->access_ttl, error))
    return FALSE;
  if (with_refresh)
    {
      out->refresh_token = random_token ("grr_");
      if (!store_token (pg, user_id, "refresh", out->refresh_token, limits->refresh_ttl, error))
        return FALSE;
    }
  /* Expired tokens are of no use to anyone: drop them now and then. */
  if (g_random_int_range (0, 100) == 0)
    gr_server_pg_do (pg, "DELETE FROM tokens WHERE expires_at < now() - interval '1 day'", 0, NULL, NULL);
  return TRUE;
}

gboolean
gr_server_auth_login (GrServerPg               *pg,
                      const char               *name,
                      const char               *password,
                      const char               *address,
                      const GrServerAuthLimits *limits,
                      GrServerTokens           *out_tokens,
                      GrServerUser            **out_user,
                      guint                    *out_retry_after,
                      GError                  **error)
{
  g_autofree char *user_key = g_strconcat ("user:", name, NULL);
  g_autofree char *address_key = g_strconcat ("address:", address ? address : "", NULL);
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GrServerUser) user = NULL;
  g_autofree char *stored_hash = NULL;
  const char *params[] = { name };
  guint wait_user = 0, wait_address = 0;
  gboolean good;

  *out_retry_after = 0;
  if (!failure_wait (pg, user_key, limits->max_user_failures, limits->failure_window, &wait_user, error) ||
      !failure_wait (pg, address_key, limits->max_address_failures, limits->failure_window, &wait_address, error))
    return FALSE;
  if (wait_user > 0 || wait_address > 0)
    {
      *out_retry_after = MAX (wait_user, wait_address);
      gr_server_set_error (error, GR_SERVER_ERROR_TOO_MANY, "too_many_attempts",
                           _("Too many failed logins: try again in %u seconds"), *out_retry_after);
      return FALSE;
    }

  result = gr_server_pg_exec (pg, "SELECT " USER_COLUMNS ", u.password_hash FROM users u WHERE u.name = $1",
                              1, params, error);
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) > 0)
    {
      user = user_from_row (result, 0, 0);
      stored_hash = g_strdup (PQgetvalue (result, 0, 6));
    }

  good = gr_server_password_verify (stored_hash ? stored_hash : dummy_hash (), password) && user != NULL;
  if (!good)
    {
      if (!count_failure (pg, user_key, limits->failure_window, error) ||
          !count_failure (pg, address_key, limits->failure_window, error))
        return FALSE;
      gr_server_set_error (error, GR_SERVER_ERROR_UNAUTHORIZED, "invalid_credentials",
                           _("Wrong user name or password"));
      return FALSE;
    }
  if (user->disabled)
    {
      gr_server_set_error (error, GR_SERVER_ERROR_FORBIDDEN, "account_disabled",
                           _("This account is disabled"));
      return FALSE;
    }

  {
    const char *key[] = { user_key };

    if (!gr_server_pg_do (pg, "DELETE FROM login_failures WHERE key = $1", 1, key, error))
      return FALSE;
  }
  if (!issue_tokens (pg, user->id, limits, TRUE, out_tokens, error))
    {
      gr_server_tokens_clear (out_tokens);
      return FALSE;
    }
  if (out_user != NULL)
    *out_user = g_steal_pointer (&user);
  return TRUE;
}

gboolean
gr_server_auth_refresh (GrServerPg               *pg,
                        const char               *refresh_token,
                        const GrServerAuthLimits *limits,
                        GrServerTokens           *out_tokens,
                        GError                  **error)
{
  g_autofree char *hash = gr_server_token_hash (refresh_token);
  const char *params[] = { hash };
  g_autoptr(PGresult) result = NULL;

  result = gr_server_pg_exec (pg,
                              "SELECT t.user_id, t.expires_at > now(), u.disabled FROM tokens t"
                              " JOIN users u ON u.id = t.user_id WHERE t.hash = $1 AND t.kind = 'refresh'",
                              1, params, error);
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 0 || strcmp (PQgetvalue (result, 0, 2), "t") == 0)
    {
      gr_server_set_error (error, GR_SERVER_ERROR_UNAUTHORIZED, "invalid_token", _("This refresh token is not valid"));
      return FALSE;
    }
  if (strcmp (PQgetvalue (result, 0, 1), "t") != 0)
    {
      gr_server_set_error (error, GR_SERVER_ERROR_UNAUTHORIZED, "token_expired",
                           _("This refresh token has expired: log in again"));
      return FALSE;
    }
  return issue_tokens (pg, g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10), limits, FALSE, out_tokens, error);
}

GrServerUser *
gr_server_auth_check (GrServerPg  *pg,
                      const char  *access_token,
                      GError     **error)
{
  g_autofree char *hash = NULL;
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GrServerUser) user = NULL;
  const char *params[1];

  if (access_token == NULL || *access_token == '\0')
    {
      gr_server_set_error (error, GR_SERVER_ERROR_UNAUTHORIZED, "missing_token",
                           _("Log in first: this request needs an access token"));
      return NULL;
    }
  hash = gr_server_token_hash (access_token);
  params[0] = hash;
  result = gr_server_pg_exec (pg,
                              "SELECT " USER_COLUMNS ", t.expires_at > now() FROM tokens t"
                              " JOIN users u ON u.id = t.user_id WHERE t.hash = $1 AND t.kind = 'access'",
                              1, params, error);
  if (result == NULL)
    return NULL;
  if (PQntuples (result) == 0)
    {
      gr_server_set_error (error, GR_SERVER_ERROR_UNAUTHORIZED, "invalid_token", _("This access token is not valid"));
      return NULL;
    }
  user = user_from_row (result, 0, 0);
  if (strcmp (PQgetvalue (result, 0, 6), "t") != 0)
    {
      gr_server_set_error (error, GR_SERVER_ERROR_UNAUTHORIZED, "token_expired",
                           _("This access token has expired: refresh it or log in again"));
      return NULL;
    }
  if (user->disabled)
    {
      gr_server_set_error (error, GR_SERVER_ERROR_UNAUTHORIZED, "account_disabled", _("This account is disabled"));
      return NULL;
    }
  return g_steal_pointer (&user);
}
