/* gr-sync-scheduler.h: when sync cycles run (SYNC.md §3.9)
 *
 * Cycles run on a worker thread with their own connection to the
 * database file, so the UI's connection is never held up. After a cycle
 * the next one is timed: the interval after a success; after a failure
 * that may pass (no network, the server down or busy) an exponential
 * backoff with jitter, capped at five minutes. Retrying depends on this
 * timer alone, never on new local writes (the PowerSync bugs SYNC.md
 * §1.1 (i) describes). A failure that will not pass by waiting (wrong
 * password, a demo database) stops the timer until started again.
 *
 * Signals: cycle-started, cycle-finished (ok, message) and progress
 * (done, total: the first download's records), on the creator's main
 * context.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gr-sync.h"

G_BEGIN_DECLS

#define GR_TYPE_SYNC_SCHEDULER (gr_sync_scheduler_get_type ())
G_DECLARE_FINAL_TYPE (GrSyncScheduler, gr_sync_scheduler, GR, SYNC_SCHEDULER, GObject)

/* The options are copied. interval: seconds between cycles when all is well. */
GrSyncScheduler *gr_sync_scheduler_new          (const char          *db_path,
                                                 const GrSyncOptions *options,
                                                 guint                interval);
/* Runs a cycle now, then keeps the timer going. */
void             gr_sync_scheduler_start        (GrSyncScheduler     *self);
void             gr_sync_scheduler_stop         (GrSyncScheduler     *self);
/* A local change was committed: a cycle in a moment (debounced). */
void             gr_sync_scheduler_trigger      (GrSyncScheduler     *self);
/* Failed cycles since the last success. */
guint            gr_sync_scheduler_get_failures (GrSyncScheduler     *self);
guint            gr_sync_scheduler_get_cycles   (GrSyncScheduler     *self);
gboolean         gr_sync_scheduler_is_running   (GrSyncScheduler     *self);
/* Stops the running cycle where it is (a first download keeps its place
 * and resumes at the next start) and the timer. */
void             gr_sync_scheduler_cancel       (GrSyncScheduler     *self);
/* A cycle is on its thread now. */
gboolean         gr_sync_scheduler_is_busy      (GrSyncScheduler     *self);
/* Records the last cycle wrote or removed locally (also when it failed
 * after some pages). */
guint            gr_sync_scheduler_get_last_changes (GrSyncScheduler *self);
/* Why the last cycle failed, or NULL after a success. */
const GError    *gr_sync_scheduler_get_last_error (GrSyncScheduler   *self);

G_END_DECLS
