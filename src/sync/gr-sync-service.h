/* gr-sync-service.h: sync of one database in the background, and what to show about it
 *
 * The service keeps a database in sync with its account's server while
 * the application runs (SYNC.md §3.9): it runs a cycle at start, a moment
 * after each local change (any connection's: it watches the database's
 * write-ahead log), when the network comes back (GNetworkMonitor), on a
 * timer while online, and when asked ("Sync now"). Cycles run on their
 * own thread and connection (GrSyncScheduler); the main loop only gets
 * their results. Its properties say what an indicator needs: the state,
 * whether the server is reachable, how many changes wait, were rejected
 * or conflict, when the last sync succeeded, the last error, and how far
 * a first download has come. The role the server gives the user is a
 * property too: what the role may not do is not offered (DESIGN.md §6).
 *
 * A database that is not bound to an account, or whose sign-in is not
 * at hand (no keyring, or expired), is "signed out": local work goes on,
 * nothing is lost, and signing in picks up where it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gr-account.h"

G_BEGIN_DECLS

typedef enum {
  GR_SYNC_STATE_SIGNED_OUT,
  GR_SYNC_STATE_IDLE,
  GR_SYNC_STATE_SYNCING,
  GR_SYNC_STATE_OFFLINE,
  GR_SYNC_STATE_ERROR,
} GrSyncState;

#define GR_TYPE_SYNC_STATE (gr_sync_state_get_type ())
GType gr_sync_state_get_type (void);

#define GR_TYPE_SYNC_SERVICE (gr_sync_service_get_type ())
G_DECLARE_FINAL_TYPE (GrSyncService, gr_sync_service, GR, SYNC_SERVICE, GObject)

/* Reads the database's account and kept token (in a worker) and starts
 * syncing when both are there. */
GrSyncService *gr_sync_service_new              (const char      *db_path);
const char    *gr_sync_service_get_db_path      (GrSyncService   *self);

/* Properties */
GrSyncState    gr_sync_service_get_state        (GrSyncService   *self);
gboolean       gr_sync_service_get_online       (GrSyncService   *self);
gint64         gr_sync_service_get_pending      (GrSyncService   *self);
gint64         gr_sync_service_get_conflicts    (GrSyncService   *self);
gint64         gr_sync_service_get_rejected     (GrSyncService   *self);
/* ISO 8601 UTC of the last successful sync, or NULL. */
const char    *gr_sync_service_get_last_success (GrSyncService   *self);
const char    *gr_sync_service_get_last_error   (GrSyncService   *self);
gboolean       gr_sync_service_get_downloading  (GrSyncService   *self);
guint64        gr_sync_service_get_download_done  (GrSyncService *self);
guint64        gr_sync_service_get_download_total (GrSyncService *self);
/* The account the database is bound to, or NULL. */
const GrAccount *gr_sync_service_get_account    (GrSyncService   *self);
/* "bureau", "company", "inspector", or NULL for a local database. */
const char    *gr_sync_service_get_role         (GrSyncService   *self);
/* TRUE once the database's account and token have been read. */
gboolean       gr_sync_service_get_ready        (GrSyncService   *self);

/* Signs in and binds a database (see gr_account_sign_in): db_path, or
 * this service's when NULL; this one then starts syncing. The account
 * comes back from the finish; when its database is another, the caller
 * opens that one. */
void           gr_sync_service_sign_in_async    (GrSyncService   *self,
                                                 const char      *server,
                                                 const char      *user,
                                                 const char      *password,
                                                 const char      *db_path,
                                                 GCancellable    *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer         user_data);
GrAccount     *gr_sync_service_sign_in_finish   (GrSyncService   *self,
                                                 GAsyncResult    *result,
                                                 GError         **error);
/* Stops syncing and forgets the token; the number of local changes not
 * accepted yet (kept in the database) comes back from the finish. */
void           gr_sync_service_sign_out_async   (GrSyncService   *self,
                                                 GCancellable    *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer         user_data);
gint64         gr_sync_service_sign_out_finish  (GrSyncService   *self,
                                                 GAsyncResult    *result,
                                                 GError         **error);

/* A cycle now (or right after the running one). */
void           gr_sync_service_sync_now         (GrSyncService   *self);
/* Stops the running cycle; a first download keeps its place and goes on
 * at the next "Sync now" or start. */
void           gr_sync_service_cancel           (GrSyncService   *self);
/* A local change was written: counts now, a cycle in a moment. The
 * service notices changes by itself too; this only saves the wait. */
void           gr_sync_service_local_change     (GrSyncService   *self);
/* Reads the counts again. */
void           gr_sync_service_refresh          (GrSyncService   *self);

/* For tests: another network monitor, and the seconds between cycles. */
void           gr_sync_service_set_network_monitor (GrSyncService   *self,
                                                    GNetworkMonitor *monitor);
void           gr_sync_service_set_interval     (GrSyncService   *self,
                                                 guint            seconds);
/* Records per download page (0: the default), e.g. for a slow link. */
void           gr_sync_service_set_page_size    (GrSyncService   *self,
                                                 guint            records);

G_END_DECLS
