/* gr-bin-history.h: the charts of one bin's readings, ready to show
 *
 * Grain temperature against the bin's temperature limits, moisture
 * against the safe moisture of its grain, pest densities against the
 * pest classes. Everything the three charts show (series, threshold
 * lines, subtitles, the note on the span of readings) is worked out in
 * the worker that read the readings; the main thread only hands it to
 * the charts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gr-charts.h"
#include "gr-standards.h"

G_BEGIN_DECLS

typedef enum {
  GR_BIN_HISTORY_TEMPERATURE,
  GR_BIN_HISTORY_MOISTURE,
  GR_BIN_HISTORY_PESTS,
  GR_BIN_HISTORY_N_CHARTS
} GrBinHistoryChart;

typedef struct _GrBinHistory GrBinHistory;

/* In any thread. points: GrReadingPoint, oldest first; NULL or empty
 * when the bin has no readings; bin NULL when no bin is shown. */
GrBinHistory *gr_bin_history_new     (GrStandards   *standards,
                                      const char    *bin,
                                      const char    *storage_tech,
                                      const char    *variety,
                                      GPtrArray     *points);
void          gr_bin_history_free    (GrBinHistory  *self);
const char   *gr_bin_history_get_bin (GrBinHistory  *self);

/* On the main thread: the charts (with a GrThresholdLayer each), their
 * frames and the note above them show it. */
void          gr_bin_history_show    (GrBinHistory  *self,
                                      GtkLabel      *note,
                                      GrChart      **charts,
                                      GrChartFrame **frames);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrBinHistory, gr_bin_history_free)

G_END_DECLS
