/* gr-server-auth.h: users, roles and scopes, passwords, tokens, login limits
 *
 * Passwords are stored as libsodium Argon2id strings (crypto_pwhash_str).
 * Tokens are 32 random bytes, handed out once and stored only as their
 * SHA-256, with an expiry: access tokens are short, refresh tokens long.
 * Failed logins are counted per user name and per client address in
 * PostgreSQL, so every instance sees the same count.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "gr-role.h"
#include "gr-server-pg.h"

G_BEGIN_DECLS

typedef struct {
  gint64    id;
  char     *name;
  GrRole    role;
  char     *enterprise;   /* company: the enterprise it writes */
  char    **depots;       /* inspector: assigned depots (NULL-terminated, maybe empty) */
  gboolean  disabled;
} GrServerUser;

typedef struct {
  guint access_ttl;            /* seconds */
  guint refresh_ttl;           /* seconds */
  guint max_user_failures;     /* failed logins per user name in the window */
  guint max_address_failures;  /* failed logins per client address in the window */
  guint failure_window;        /* seconds */
} GrServerAuthLimits;

typedef struct {
  char   *access_token;
  char   *refresh_token;
  guint   expires_in;
} GrServerTokens;

void          gr_server_user_free        (GrServerUser       *user);
/* The user as JSON members: "user", "role", "enterprise", "depots". */
void          gr_server_user_append_json (const GrServerUser *user,
                                          GString            *out);
void          gr_server_tokens_clear     (GrServerTokens     *tokens);

/* Argon2id; NULL with error when out of memory. */
char         *gr_server_password_hash    (const char         *password,
                                          GError            **error);
gboolean      gr_server_password_verify  (const char         *hash,
                                          const char         *password);

gboolean      gr_server_user_add         (GrServerPg         *pg,
                                          const char         *name,
                                          GrRole              role,
                                          const char         *enterprise,
                                          const char * const *depots,
                                          const char         *password,
                                          GError            **error);
/* GrServerUser, by name. */
GPtrArray    *gr_server_user_list        (GrServerPg         *pg,
                                          GError            **error);
gboolean      gr_server_user_disable     (GrServerPg         *pg,
                                          const char         *name,
                                          GError            **error);

/* Checks the password and issues tokens. A refusal is a GR_SERVER_ERROR
 * (401 wrong name or password, 403 disabled, 429 too many failures, with
 * *out_retry_after in seconds). */
gboolean      gr_server_auth_login       (GrServerPg               *pg,
                                          const char               *name,
                                          const char               *password,
                                          const char               *address,
                                          const GrServerAuthLimits *limits,
                                          GrServerTokens           *out_tokens,
                                          GrServerUser            **out_user,
                                          guint                    *out_retry_after,
                                          GError                  **error);
/* A new access token for a live refresh token. */
gboolean      gr_server_auth_refresh     (GrServerPg               *pg,
                                          const char               *refresh_token,
                                          const GrServerAuthLimits *limits,
                                          GrServerTokens           *out_tokens,
                                          GError                  **error);
/* The user of an access token (401 when unknown, expired or disabled). */
GrServerUser *gr_server_auth_check       (GrServerPg               *pg,
                                          const char               *access_token,
                                          GError                  **error);
/* The SHA-256 (hex) a token is stored as. */
char         *gr_server_token_hash       (const char               *token);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrServerUser, gr_server_user_free)

G_END_DECLS
