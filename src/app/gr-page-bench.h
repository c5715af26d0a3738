/* gr-page-bench.h: every page opened, refreshed and switched to, for
 * bench/dashboard --pages
 *
 * With GRANARY_BENCH=1 and GRANARY_BENCH_PAGES=1 the window runs a fixed
 * tour once the Overview has its figures and findings: it opens each page
 * for the first time, refreshes each page while it is shown (the window
 * reads the database again, as after an import or a sync), then switches
 * through every page GRANARY_BENCH_ROUNDS times (default 2). A step ends
 * once no database task is running, the page says it is not busy, a frame
 * has been painted since and nothing started again for a moment. For
 * each step it prints to standard output the time until that frame, the
 * longest main-loop stall (wall clock, from a 2 ms high-priority probe)
 * and the main-thread CPU time spent in the longest gap between two probe
 * runs (what the main loop itself did, whatever else the machine runs);
 * then the worst of the page switches and of the refreshes, and the
 * application quits. The pages' own benches (Stock, Rotation) stay off.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-window.h"

G_BEGIN_DECLS

void gr_page_bench_start (GrWindow *window);

G_END_DECLS
