/* gr-rotation-bench.h: the Rotation page under load, for bench/timeline-scroll
 *
 * With GRANARY_BENCH set, the Rotation page runs a fixed sequence once its
 * timeline is read: read it again, open every depot, scroll the rows for
 * a few seconds (frame by frame, with jumps as if dragging the scroll
 * bar), scroll the time sideways, zoom in and out, group by plan, filter
 * to what needs attention, and show the emptied lots too (every lot of
 * the province). A probe on the main loop (a high-priority 2 ms timer)
 * records the longest time the loop could not run, and the main thread's
 * CPU time in that gap; the frame clock the longest time between painted
 * frames while scrolling. Results go to standard output, then the
 * application quits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-rotation-page.h"

G_BEGIN_DECLS

void gr_rotation_bench_start (GrRotationPage *page);

G_END_DECLS
