/* gr-stock-bench.h: the Stock page under load, for bench/stock-scroll
 *
 * With GRANARY_BENCH set, the Stock page runs a fixed sequence once its
 * ledger is read: read it again, show all lots, scroll the table for a
 * few seconds (frame by frame, with jumps as if dragging the scroll bar),
 * sort, filter, search and switch levels. A probe on the main loop (a
 * high-priority 2 ms timer) records the longest time the loop could not
 * run; the frame clock the longest time between painted frames while
 * scrolling. Results go to standard output, then the application quits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-stock-page.h"

G_BEGIN_DECLS

void gr_stock_bench_start (GrStockPage *page);

G_END_DECLS
