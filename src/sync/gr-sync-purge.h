/* gr-sync-purge.h: removing local copies the user may no longer have
 *
 * Two cases remove server records from the local database, never a local
 * change the server has not accepted (SYNC.md §3.5, §2 lesson 6):
 *  - the user's scope shrank (moved to another depot or enterprise):
 *    the records the new scope does not read go (SYNC.md §4 test 26);
 *  - a download after a reset is complete: the records it did not see
 *    are gone from the server (deleted while their tombstones were
 *    compacted away, SYNC.md §4 test 21).
 * A record with a change not yet accepted (pending, waiting, rejected,
 * in conflict) stays, with the records it refers to, so that the user
 * still sees it and its reason. Inside the caller's transaction, with
 * foreign keys off (as while a page is applied); balances are rebuilt.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "gr-store.h"

G_BEGIN_DECLS

/* scope: {"role", "enterprise", "depots"} as a pull answers it. */
gboolean gr_sync_purge_outside_scope (GrStore     *store,
                                      JsonObject  *scope,
                                      guint       *out_purged,
                                      GError     **error);

/* Records from the server (version > 0) not in sync_seen. */
gboolean gr_sync_purge_unseen        (GrStore     *store,
                                      guint       *out_purged,
                                      GError     **error);

G_END_DECLS
