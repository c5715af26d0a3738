/* gr-sync-indicator.h: the header bar's sync status, with the details in a popover
 *
 * An icon and a short text say the state of the window's GrSyncService
 * at a glance (synced, n waiting, offline, syncing or the first
 * download's percentage, needs attention, not signed in); the popover
 * says whether the server is reachable, how many changes wait, when the
 * last sync succeeded (in relative time), the last error, the first
 * download's progress with a Cancel button, and the latest local changes
 * with their state and the server's reason. "Sync Now" is win.sync-now,
 * the inbox win.show-inbox, cancelling the download win.cancel-download.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gr-sync-service.h"
#include "gr-sync-state.h"

G_BEGIN_DECLS

#define GR_TYPE_SYNC_INDICATOR (gr_sync_indicator_get_type ())
G_DECLARE_FINAL_TYPE (GrSyncIndicator, gr_sync_indicator, GR, SYNC_INDICATOR, AdwBin)

GtkWidget   *gr_sync_indicator_new           (void);
void         gr_sync_indicator_set_service   (GrSyncIndicator *self,
                                              GrSyncService   *service);
/* The short text on the button, as shown. */
const char  *gr_sync_indicator_get_text      (GrSyncIndicator *self);
const char  *gr_sync_indicator_get_icon_name (GrSyncIndicator *self);
GtkPopover  *gr_sync_indicator_get_popover   (GrSyncIndicator *self);
/* Rows in the popover's list of changes (after it was read). */
guint        gr_sync_indicator_get_n_changes (GrSyncIndicator *self);
void         gr_sync_indicator_popup         (GrSyncIndicator *self);

/* The icon of a local change's state. */
const char  *gr_sync_record_state_icon       (GrRecordSyncState state);
/* A local change's state in a few words: its name, and for a rejection
 * the server's reason (or code) after it ("Rejected: …"); "" for none. */
char        *gr_sync_record_state_text       (GrRecordSyncState state,
                                              const char       *code,
                                              const char       *reason);
/* The tooltip of a rejected change with the server's reason, else NULL. */
char        *gr_sync_record_state_tooltip    (GrRecordSyncState state,
                                              const char       *reason);

G_END_DECLS
