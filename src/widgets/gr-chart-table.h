/* gr-chart-table.h: the numbers of a chart as a sortable table
 *
 * The same GrChartData as the chart: one row per category, one column per
 * series, then total, target and share of target where the chart has them.
 * Numbers are right-aligned in tabular figures, with the unit in the
 * column heading.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gr-chart-data.h"

G_BEGIN_DECLS

typedef enum
{
  GR_CHART_TABLE_STACKED = 1 << 0,   /* a total column */
  GR_CHART_TABLE_SHARES  = 1 << 1,   /* each row's share of the first series' sum */
} GrChartTableFlags;

/* (Re)builds columns and rows of view from data. */
void   gr_chart_table_fill          (GtkColumnView     *view,
                                     GrChartData       *data,
                                     GrChartTableFlags  flags);
/* The category of the row at a position of the view's model */
int    gr_chart_table_get_category  (GtkColumnView *view,
                                     guint          position);
/* Cell text as shown, for tests: row position, column index */
char  *gr_chart_table_dup_cell      (GtkColumnView *view,
                                     guint          position,
                                     guint          column);

G_END_DECLS
