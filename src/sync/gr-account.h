/* gr-account.h: signing in to a sync server, and the local database of each account
 *
 * One local database per server and user (SYNC.md §3.7): it lives in the
 * data directory under a name made from the server's host and the user
 * (gr_account_db_path), and once signed in it is bound to them (meta
 * sync_server, sync_user). Signing in checks the password with the
 * server, binds the database and keeps the refresh token: in the keyring
 * through libsecret when one answers, otherwise in this process's memory
 * only (the user signs in again at the next start). Signing out forgets
 * the token and keeps the database with whatever it has not sent yet.
 * Nothing here is needed for local work: a database that never signed
 * in works as before.
 *
 * Blocking calls: run them in a worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  char  *server;       /* base URL, without a trailing slash */
  char  *user;
  char  *role;         /* "bureau", "company", "inspector"; NULL before the server said */
  char  *enterprise;   /* company: its enterprise */
  char **depots;       /* inspector: the depots assigned */
  char  *db_path;
} GrAccount;

void       gr_account_free          (GrAccount     *account);
GrAccount *gr_account_copy          (const GrAccount *account);

/* The server URL as the account keeps it: trimmed, without trailing
 * slashes; NULL (with error) when it is not an http(s) URL. */
char      *gr_account_normal_server (const char    *server,
                                     GError       **error);
/* "HOST[_PORT]-USER-HASH.db": readable, stable for a server and user,
 * safe as a file name. */
char      *gr_account_db_name       (const char    *server,
                                     const char    *user);
/* The database of server and user in the data directory. */
char      *gr_account_db_path       (const char    *server,
                                     const char    *user);

/* Checks user and password with the server, binds the database
 * (db_path, or NULL for gr_account_db_path) to server and user, records
 * the role the server gives, and keeps the refresh token. Refuses a
 * database that holds demo data or belongs to another server or user. */
GrAccount *gr_account_sign_in       (const char    *server,
                                     const char    *user,
                                     const char    *password,
                                     const char    *db_path,
                                     GCancellable  *cancellable,
                                     GError       **error);
/* Forgets the token. Returns how many local changes the server has not
 * accepted yet (pending, waiting, rejected, in conflict): they stay in
 * the database, which is kept; -1 with error when it cannot be read. */
gint64     gr_account_sign_out      (const GrAccount *account,
                                     GError       **error);

/* The account a database is bound to (from its meta), or NULL. */
GrAccount *gr_account_load          (const char    *db_path,
                                     GError       **error);

/* The kept refresh token of server and user, or NULL. */
char      *gr_account_lookup_token  (const char    *server,
                                     const char    *user);
/* Keeps a refresh token; *out_in_keyring tells where it went. */
void       gr_account_store_token   (const char    *server,
                                     const char    *user,
                                     const char    *token,
                                     gboolean      *out_in_keyring);
void       gr_account_clear_token   (const char    *server,
                                     const char    *user);
/* Whether tokens go to the keyring (else they stay in memory). The
 * environment variable GRANARY_KEYRING=memory keeps them in memory. */
gboolean   gr_account_keyring_available (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrAccount, gr_account_free)

G_END_DECLS
