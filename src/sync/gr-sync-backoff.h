/* gr-sync-backoff.h: when to try again (SYNC.md §3.9)
 *
 * Exponential backoff with full jitter: attempt n waits a random time
 * between 0 and min(cap, base × 2^n); a server's Retry-After is a floor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GR_SYNC_BACKOFF_BASE_MS 1000
#define GR_SYNC_BACKOFF_CAP_MS  (5 * 60 * 1000)

/* Milliseconds to wait before attempt (0 = the first retry); retry_after_ms
 * 0 when the server gave none; rand NULL for the global generator. */
guint gr_sync_backoff_delay (guint  attempt,
                             guint  base_ms,
                             guint  cap_ms,
                             guint  retry_after_ms,
                             GRand *rand);

G_END_DECLS
