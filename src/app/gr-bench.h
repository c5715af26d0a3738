/* gr-bench.h: timings for bench/startup and bench/dashboard
 *
 * With GRANARY_BENCH=1 in the environment the app prints one line per
 * measured event to stderr, "granary-bench EVENT key=value …", with times
 * in microseconds of the monotonic clock (CLOCK_MONOTONIC, the clock of
 * Python's time.monotonic_ns ()), so a harness can relate them to the
 * moment it started the process. Without it, nothing here does anything.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*GrBenchPainted) (gpointer user_data,
                                gint64   painted_at,
                                gint64   paint_us);

gboolean gr_bench_enabled           (void);
/* GRANARY_BENCH_REFRESHES: full refreshes to run after the first */
guint    gr_bench_refreshes         (void);
/* GRANARY_BENCH_QUIT=1: quit once the benchmark has what it needs */
gboolean gr_bench_quit_when_done    (void);
/* GRANARY_BENCH_PAGES=1: the tour of every page (gr-page-bench.h) instead
 * of the pages' own benches */
gboolean gr_bench_pages             (void);
/* GRANARY_BENCH_QUIT=first-frame: quit once the Overview's first frame
 * with its key figures is painted (to profile the start alone) */
gboolean gr_bench_quit_at_first_frame (void);
void     gr_bench_print             (const char      *event,
                                     const char      *format,
                                     ...) G_GNUC_PRINTF (2, 3);
/* "granary-bench mark name=NAME at=T": a step of the start-up, so that
 * a run can tell where its time went (any thread). */
void     gr_bench_mark              (const char      *name);
/* Calls func once the next frame of widget's frame clock is painted,
 * with the time it was and how long the paint took (before-paint to
 * after-paint); queues a draw so that there is a next frame. */
void     gr_bench_after_next_paint  (GtkWidget       *widget,
                                     GrBenchPainted   func,
                                     gpointer         user_data);
/* The longest stall of the main loop: a high-priority tick every
 * millisecond notes the longest time between two ticks. */
void     gr_bench_stall_probe_start (void);
/* µs of the longest gap since start, less the tick interval */
gint64   gr_bench_stall_probe_stop  (void);

G_END_DECLS
