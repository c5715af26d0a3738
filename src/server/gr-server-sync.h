/* gr-server-sync.h: the sync protocol on PostgreSQL (SYNC.md §3)
 *
 * Each function is one request's database work: it runs on a worker
 * thread with that thread's connection and writes the JSON (or NDJSON)
 * answer into out. A GR_SERVER_ERROR names the HTTP status of a refusal.
 *
 * Records are kept as their dataset JSON (DESIGN.md §7), validated by
 * the core library on the way in, with the version, the change sequence
 * number of their last change, and the enterprise and depot they belong
 * to. Sequence numbers are handed out by one counter row updated at the
 * end of each writing transaction: its row lock is held until COMMIT, so
 * numbers are in commit order and a puller never passes a change that
 * commits later (SYNC.md §3.1).
 *
 * Decisions where SYNC.md leaves a choice:
 *  - Movements, finding closures, inspections and monthly reports are
 *    append-only: a signed inspection and a filed monthly report are
 *    frozen (DESIGN.md §3, SYNC.md §3.6), so they are never patched. Two
 *    filings of one month under different ids (two devices offline) are
 *    both kept; the earliest filed_on is the month's.
 *  - A patch conflicts when a field it changes was changed since its
 *    base version by another device; changes by the same device never
 *    conflict with each other, and of two patches of one field from one
 *    device the one with the higher client seq wins whatever the arrival
 *    order (SYNC.md §4 test 9). A conflicting patch changes nothing.
 *  - A mutation that refers to a record the server does not know (yet)
 *    gets "retry" with code unknown_reference, not a final rejection: the
 *    record may be in a batch still on its way.
 *  - A pull answers the current state of each changed record (the
 *    newest version), not every intermediate version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "gr-server-auth.h"
#include "gr-server-pg.h"

G_BEGIN_DECLS

#define GR_SYNC_MAX_MUTATIONS  500
#define GR_SYNC_PULL_LIMIT     1000
#define GR_SYNC_PULL_MAX       5000
#define GR_SYNC_SNAPSHOT_LIMIT 5000
#define GR_SYNC_SNAPSHOT_MAX   20000

/* Called on the worker thread just before a push commits (tests only). */
typedef void (*GrServerCommitHook) (gpointer data);
void     gr_server_sync_set_commit_hook (GrServerCommitHook  hook,
                                         gpointer            data);

gboolean gr_server_device_register (GrServerPg          *pg,
                                    const GrServerUser  *user,
                                    JsonObject          *body,
                                    GString             *out,
                                    GError             **error);
gboolean gr_server_sync_status     (GrServerPg          *pg,
                                    GString             *out,
                                    GError             **error);
gboolean gr_server_sync_push       (GrServerPg          *pg,
                                    const GrServerUser  *user,
                                    const char          *device_id,
                                    JsonObject          *body,
                                    GString             *out,
                                    GError             **error);
/* *out_empty: no change after the cursor (for long-polling). */
gboolean gr_server_sync_pull       (GrServerPg          *pg,
                                    const GrServerUser  *user,
                                    const char          *cursor,
                                    guint                limit,
                                    GString             *out,
                                    gboolean            *out_empty,
                                    GError             **error);
gboolean gr_server_sync_snapshot   (GrServerPg          *pg,
                                    const GrServerUser  *user,
                                    const char          *entity,
                                    const char          *after_id,
                                    guint                limit,
                                    GString             *out,
                                    GError             **error);
gboolean gr_server_sync_verify     (GrServerPg          *pg,
                                    const GrServerUser  *user,
                                    JsonObject          *body,
                                    GString             *out,
                                    GError             **error);

/* Removes tombstones older than days, and idempotency records as old
 * (SYNC.md §3.5, 180 days); cursors from before the newest removed are
 * answered 410 from then on. */
gboolean gr_server_sync_compact    (GrServerPg          *pg,
                                    guint                days,
                                    guint               *out_removed,
                                    GError             **error);

/* Cursors: base64 of "epoch:seq". */
char    *gr_server_cursor_encode   (const char          *epoch,
                                    gint64               seq);
gboolean gr_server_cursor_decode   (const char          *cursor,
                                    const char          *epoch,
                                    gint64              *out_seq,
                                    GError             **error);

G_END_DECLS
