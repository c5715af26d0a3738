/* gr-sync-apply.h: writing records that came from the server into the local database
 *
 * Inside the caller's transaction: a record is written when its version
 * is newer than the local one and the record has no local change still
 * waiting to be accepted (SYNC.md §3.5); the writer records no outbox
 * row for it. Movements mark their lots for the ledger, settled at the
 * end without refusing a negative balance (DESIGN.md §3).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "gr-dataset.h"
#include "gr-schema.h"
#include "gr-store.h"

G_BEGIN_DECLS

typedef struct _GrSyncApplier GrSyncApplier;

typedef enum {
  GR_SYNC_APPLY_WRITTEN,
  GR_SYNC_APPLY_CURRENT,    /* the local record is as new already */
  GR_SYNC_APPLY_PENDING,    /* local changes wait to be pushed: kept */
} GrSyncApplyResult;

GrSyncApplier *gr_sync_applier_new    (GrStore         *store,
                                       GError         **error);
/* data: the record's dataset JSON (with version, and "deleted" for a
 * tombstone). force: write it even over local changes still waiting (the
 * server's side of a conflict, while the local side waits in the inbox). */
gboolean       gr_sync_applier_apply  (GrSyncApplier   *applier,
                                       const GrEntity  *entity,
                                       JsonNode        *data,
                                       gboolean         force,
                                       GrSyncApplyResult *out_result,
                                       GError         **error);
/* The same for a record read already (gr_record_scan); hash: its
 * content hash as the server gave it, NULL to work it out. */
gboolean       gr_sync_applier_apply_record (GrSyncApplier      *applier,
                                             const GrRecord     *record,
                                             const char         *hash,
                                             gboolean            force,
                                             GrSyncApplyResult  *out_result,
                                             GError            **error);
/* Records of entity with ids from first to last are about to come in
 * ascending order (a snapshot page): when no local record has an id in
 * between, they are written without looking each one up. */
gboolean       gr_sync_applier_expect_new (GrSyncApplier   *applier,
                                           const GrEntity  *entity,
                                           const char      *first,
                                           const char      *last,
                                           GError         **error);
/* An applier kept over several transactions (the pages of a first
 * download): after each BEGIN, reads again whether local changes wait
 * and forgets the ranges expected new. */
void           gr_sync_applier_begin  (GrSyncApplier   *applier);
/* The movements this applier wrote as new rows (*out_added) and the
 * others it was given: written over a row, kept aside or older than the
 * row here (*out_other). */
void           gr_sync_applier_count_movements (GrSyncApplier *applier,
                                                guint64       *out_added,
                                                guint64       *out_other);
/* Records of a range expected new are inserted in batches: each record
 * given to gr_sync_applier_apply_record () must then stay valid until
 * gr_sync_applier_finish (), which writes what is left. */
void           gr_sync_applier_set_batched (GrSyncApplier *applier);
/* The first download settles the ledger once, at its end (a rebuild),
 * instead of after every page. */
void           gr_sync_applier_defer_ledger (GrSyncApplier *applier);
/* Settles the ledger for what was written; before COMMIT. */
gboolean       gr_sync_applier_finish (GrSyncApplier   *applier,
                                       GError         **error);
void           gr_sync_applier_free   (GrSyncApplier   *applier);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrSyncApplier, gr_sync_applier_free)

G_END_DECLS
