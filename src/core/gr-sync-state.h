/* gr-sync-state.h: what the local database says about its sync, for people to see
 *
 * Read-only queries over the outbox, the conflicts and the sync meta
 * (SYNC.md §3.2 "record-level UI state"): how many changes wait, were
 * rejected or conflict; when the last sync succeeded; how far a first
 * download has come; and the state of each local change of a record:
 * waiting to be sent, sent (accepted), rejected (with the server's
 * reason) or in conflict. A record that came from the server and was
 * never changed here has no state.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-store.h"

G_BEGIN_DECLS

typedef enum {
  GR_RECORD_SYNC_NONE,
  GR_RECORD_SYNC_WAITING,    /* pending, or waiting behind an earlier change of the record */
  GR_RECORD_SYNC_SENT,       /* accepted by the server */
  GR_RECORD_SYNC_REJECTED,   /* refused by the server: see the reason */
  GR_RECORD_SYNC_CONFLICT,   /* changed on the server too: in the conflict inbox */
} GrRecordSyncState;

typedef struct {
  gint64   pending;          /* waiting to be sent, or behind another */
  gint64   rejected;
  gint64   conflicts;        /* open conflicts */
  gint64   newest_change;    /* seq of the newest outbox row (grows with each local change) */
  char    *last_ok;          /* ISO 8601 UTC of the last successful sync, or NULL */
  char    *server;           /* meta sync_server: the database is bound to an account */
  char    *user;
  char    *role;             /* meta sync_role */
  gboolean demo;
  gboolean downloaded;       /* a first download completed (there is a cursor) */
  gboolean downloading;      /* a first download began and is not complete */
  guint64  download_done;    /* … records so far */
  guint64  download_total;   /* … in all, 0 when unknown */
} GrSyncStatus;

gboolean  gr_sync_status_read    (GrStore       *store,
                                  GrSyncStatus  *status,
                                  GError       **error);
void      gr_sync_status_clear   (GrSyncStatus  *status);

typedef struct {
  gint64             seq;
  char              *mutation_id;
  char              *entity;
  char              *entity_id;
  char              *op;               /* create, append, patch, delete */
  char              *payload;          /* JSON: the record (create, append) or changed fields (patch) */
  char              *created_at;
  GrRecordSyncState  state;
  char              *code;             /* the server's code of a rejection */
  char              *reason;           /* the server's reason, or NULL */
  gint64             conflict_id;      /* sync_conflicts.id of an open conflict, else 0 */
} GrSyncChange;

void       gr_sync_change_free   (GrSyncChange  *change);
/* Local changes for a "Sync" list: those not accepted (rejected and
 * conflicts first, then waiting, oldest first), then the latest sent, at
 * most limit in all. GrSyncChange items. */
GPtrArray *gr_sync_list_changes  (GrStore       *store,
                                  guint          limit,
                                  GError       **error);
/* The state of the latest local change of each record of entity whose
 * id is in the result of id_query (SQL with one parameter ?1 bound to
 * arg); id → GrSyncChange. */
GHashTable *gr_sync_record_states (GrStore      *store,
                                   const char   *entity,
                                   const char   *id_query,
                                   const char   *arg,
                                   GError      **error);
typedef struct {
  gint64   id;               /* sync_conflicts.id */
  char    *mutation_id;
  char    *entity;
  char    *entity_id;
  char    *op;               /* my change: patch or delete */
  char   **fields;           /* changed both here and on the server */
  char    *mine;             /* JSON object: my change (field → value) */
  char    *theirs;           /* JSON object: the server's record, or NULL */
  gint64   server_version;
  char    *created_at;
} GrSyncConflict;

void       gr_sync_conflict_free (GrSyncConflict *conflict);
/* The open conflicts, oldest first. */
GPtrArray *gr_sync_list_conflicts (GrStore      *store,
                                   GError      **error);

/* Short English name of a state, for logs and tests: "waiting", "sent",
 * "rejected", "conflict" or "" */
const char *gr_record_sync_state_nick (GrRecordSyncState state);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GrSyncStatus, gr_sync_status_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrSyncChange, gr_sync_change_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrSyncConflict, gr_sync_conflict_free)

G_END_DECLS
