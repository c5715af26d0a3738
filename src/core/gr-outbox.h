/* gr-outbox.h: the local changes waiting to be pushed (SYNC.md §3.2, DESIGN.md §6)
 *
 * Every local change written through a GrRecordWriter (the GUI, the CLI
 * and import alike) adds an outbox row in the same SQLite transaction:
 * either both are in the database or neither is. A new record is a
 * "create" ("append" for the append-only movements and finding closures,
 * and for an inspection or a monthly report, which syncs once signed or
 * filed and is then frozen: gr-schema.h final_field); a changed one a
 * "patch" of the fields that differ, against the version the server last
 * gave it; a tombstone a "delete".
 *
 * Decisions where the design is silent:
 *  - An inspection that is not signed yet is a draft: it stays local and
 *    gets no outbox row until it is signed (DESIGN.md §3). So is a
 *    monthly report that is not filed yet: filing it is its one append
 *    (SYNC.md §3.6, an append-only fact like an inspection submission).
 *  - A database whose meta "demo" is "1", or whose meta "outbox" is
 *    "off" (a scratch database, e.g. granary-server import's), records
 *    nothing: it never syncs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-dataset.h"
#include "gr-store.h"

G_BEGIN_DECLS

typedef struct _GrOutbox GrOutbox;

/* Whether local changes to this database are recorded for sync. */
gboolean  gr_outbox_enabled     (GrStore         *store);

GrOutbox *gr_outbox_new         (GrStore         *store,
                                 GError         **error);
void      gr_outbox_free        (GrOutbox        *outbox);

/* Records a new record (inside the writer's transaction). */
gboolean  gr_outbox_add_insert  (GrOutbox        *outbox,
                                 const GrRecord  *record,
                                 GError         **error);
/* Records the change from old to record; nothing when only metadata differs. */
gboolean  gr_outbox_add_update  (GrOutbox        *outbox,
                                 const GrRecord  *old,
                                 const GrRecord  *record,
                                 GError         **error);

/* A change as given (sync: a corrected change sent again, or one that
 * waited behind it, under a new mutation id). */
gboolean  gr_outbox_add_raw     (GrOutbox        *outbox,
                                 const GrRecord  *record,
                                 const char      *op,
                                 gint64           base_version,
                                 const char      *payload,
                                 const char      *undo,
                                 GError         **error);

/* Rows not yet accepted by the server (pending, blocked, rejected). */
gint64    gr_outbox_count_unsent (GrStore        *store);

/* A UUID version 7 (time-ordered), as text. */
char     *gr_uuid_v7            (void);

/* This machine's clock as sync sees it (µs since the epoch) and in ISO
 * 8601 UTC. Nothing in sync orders by it: the server's versions and
 * sequence numbers decide; it only stamps rows for people to read. The
 * offset exists to test exactly that (SYNC.md §4 test 18). */
gint64    gr_sync_clock_now     (void);
char     *gr_sync_clock_iso     (void);
void      gr_sync_clock_set_offset (gint64        seconds);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrOutbox, gr_outbox_free)

G_END_DECLS
