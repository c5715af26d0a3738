/* gr-sync-backoff.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-sync-backoff"

#include "gr-sync-backoff.h"

guint
gr_sync_backoff_delay (guint  attempt,
                       guint  base_ms,
                       guint  cap_ms,
                       guint  retry_after_ms,
                       GRand *rand)
{
  guint64 ceiling = base_ms;
  guint delay;

  for (guint i = 0; i < attempt && ceiling < cap_ms; i++)
    ceiling *= 2;
  ceiling = MIN (ceiling, (guint64) cap_ms);
  /* Full jitter: clients that failed together do not retry together. */
  delay = ceiling == 0 ? 0 : (guint) (rand ? g_rand_int_range (rand, 0, (gint32) MIN (ceiling + 1, G_MAXINT32))
                                           : g_random_int_range (0, (gint32) MIN (ceiling + 1, G_MAXINT32)));
  return MAX (delay, retry_after_ms);
}
