/* gr-sync-client.h: the HTTP side of the sync client (SYNC.md §3.3, §3.9)
 *
 * Blocking calls for a worker thread (or the CLI): every request carries
 * the access token, device id, client version and schema; bodies over
 * 1 KiB go gzipped; responses are decoded by libsoup. A request that
 * fails for a passing reason (no network, timeout, 429, 5xx) is tried
 * again after an exponential backoff with jitter, honouring Retry-After;
 * an expired access token is refreshed once, or the user logged in again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define GR_SYNC_ERROR (gr_sync_error_quark ())

typedef enum {
  GR_SYNC_ERROR_FAILED,
  GR_SYNC_ERROR_UNAVAILABLE,   /* the server could not be reached or kept failing: try later */
  GR_SYNC_ERROR_AUTH,          /* wrong name or password, account disabled */
  GR_SYNC_ERROR_REFUSED,       /* the server refused the request (4xx) */
  GR_SYNC_ERROR_RESET,         /* 410: the server's history changed, a new snapshot is needed */
  GR_SYNC_ERROR_PROTOCOL,      /* an answer that is not what the protocol says */
  GR_SYNC_ERROR_NOT_ALLOWED,   /* this database must not sync (demo data, another server or user) */
} GrSyncErrorCode;

GQuark gr_sync_error_quark (void);

typedef struct _GrSyncClient GrSyncClient;

typedef struct {
  guint max_attempts;    /* per request */
  guint base_ms;
  guint cap_ms;
} GrSyncRetry;

GrSyncClient *gr_sync_client_new        (const char         *server_url,
                                         const GrSyncRetry  *retry);
void          gr_sync_client_free       (GrSyncClient       *client);

gboolean      gr_sync_client_login      (GrSyncClient       *client,
                                         const char         *user,
                                         const char         *password,
                                         GCancellable       *cancellable,
                                         GError            **error);
/* Signs in with a refresh token kept from an earlier login (no password):
 * a token the server no longer takes is GR_SYNC_ERROR_AUTH. */
gboolean      gr_sync_client_resume     (GrSyncClient       *client,
                                         const char         *user,
                                         const char         *refresh_token,
                                         GCancellable       *cancellable,
                                         GError            **error);
/* The refresh token of the last login, to keep for the next start. */
const char   *gr_sync_client_get_refresh_token (GrSyncClient *client);
/* Who the server says the user is, from the last login: members "user",
 * "role", "enterprise", "depots"; NULL before a login. */
JsonObject   *gr_sync_client_get_identity (GrSyncClient     *client);
void          gr_sync_client_set_device (GrSyncClient       *client,
                                         const char         *device_id);

/* One request with retries. body may be NULL; the answer's body for a
 * 2xx status, else NULL with error (the server's message in it). */
GBytes       *gr_sync_client_request    (GrSyncClient       *client,
                                         const char         *method,
                                         const char         *path,
                                         const char         *body,
                                         GCancellable       *cancellable,
                                         GError            **error);
/* The same, parsed as a JSON object. */
JsonNode     *gr_sync_client_request_json (GrSyncClient     *client,
                                           const char       *method,
                                           const char       *path,
                                           const char       *body,
                                           GCancellable     *cancellable,
                                           GError          **error);

/* PUT /v1/blobs/<sha256>: an inspection photo, stored once by its hash
 * (SYNC.md §3.4); sending it again does no harm. */
gboolean      gr_sync_client_put_blob   (GrSyncClient       *client,
                                         const char         *sha256,
                                         GBytes             *data,
                                         GCancellable       *cancellable,
                                         GError            **error);

/* Seconds the server's clock is ahead of ours, from its last Date header. */
gint64        gr_sync_client_clock_skew (GrSyncClient       *client);
/* Requests that were sent again after a passing failure. */
guint         gr_sync_client_retries    (GrSyncClient       *client);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrSyncClient, gr_sync_client_free)

G_END_DECLS
