/* gr-sync-inbox.h: the conflict inbox: what the server did not accept, for the user to settle
 *
 * Each conflict shows the record and, field by field, my value next to
 * the server's (SYNC.md §3.6): keep mine, keep theirs, or edit the values
 * and use those. Each rejected change shows the server's reason and its
 * values: correct them and send again, or discard it (after a
 * confirmation). Whatever is settled is pushed at once. Nothing leaves
 * this list unless the user settles it.
 *
 * Actions (for the buttons and for tests): inbox.keep-mine,
 * inbox.keep-theirs, inbox.use-edited with the conflict id ("x");
 * inbox.resend and inbox.discard with the mutation id ("s"; discard asks
 * first, inbox.discard-now does not).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gr-sync-service.h"

G_BEGIN_DECLS

#define GR_TYPE_SYNC_INBOX (gr_sync_inbox_get_type ())
G_DECLARE_FINAL_TYPE (GrSyncInbox, gr_sync_inbox, GR, SYNC_INBOX, AdwWindow)

GrSyncInbox *gr_sync_inbox_new            (GtkWindow     *parent,
                                           GrSyncService *service);
/* What the inbox shows, after it read the database. */
guint        gr_sync_inbox_get_n_conflicts (GrSyncInbox  *self);
guint        gr_sync_inbox_get_n_rejected  (GrSyncInbox  *self);
/* TRUE while it reads or settles something. */
gboolean     gr_sync_inbox_get_busy        (GrSyncInbox  *self);
/* The entry of a conflict's field (to edit it), or NULL. */
GtkEditable *gr_sync_inbox_get_field_entry (GrSyncInbox  *self,
                                            gint64        conflict_id,
                                            const char   *field);

G_END_DECLS
