/* gr-timeline-row.h: one row of the rotation timeline, drawn with GtkSnapshot
 *
 * A lot's row: its storage span from entry (to the day it was emptied,
 * or to today and then, lighter, to the day it must be rotated by) in the
 * colour of the life it has left; markers at its age-limit date, the end
 * of a permitted delay and its shelf-life date; below it, the rotation
 * plan's items (out month → in month), its vacancies (red past their
 * limit) and the release orders it took part in, each to its deadline.
 * A group's row: a marker at the rotate-by date of each lot under it;
 * a storage plan's row also its vacancies and orders. The today line
 * crosses every row.
 *
 * Rows are recycled by the list view: only the visible ones exist.
 * The left GR_TIMELINE_LABEL_WIDTH pixels hold the expander and the
 * label; the rest is the time span, drawn from the shared scale.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gr-chart-types.h"
#include "gr-timeline-node.h"
#include "gr-timeline-scale.h"

G_BEGIN_DECLS

#define GR_TIMELINE_LABEL_WIDTH 320

/* The colours by meaning (a legend uses the same). */
GrChartColor gr_timeline_life_color (GrLifeClass life);
#define GR_TIMELINE_COLOR_ITEM    GR_CHART_COLOR_SERIES_4
#define GR_TIMELINE_COLOR_ORDER   GR_CHART_COLOR_SERIES_6
#define GR_TIMELINE_COLOR_VACANCY GR_CHART_COLOR_WARNING
#define GR_TIMELINE_COLOR_LATE    GR_CHART_COLOR_ERROR

#define GR_TYPE_TIMELINE_ROW (gr_timeline_row_get_type ())
G_DECLARE_FINAL_TYPE (GrTimelineRow, gr_timeline_row, GR, TIMELINE_ROW, GtkWidget)

GtkWidget      *gr_timeline_row_new          (GrTimelineScale *scale);
/* The tree row shown (NULL: none, when the list view recycles it). */
void            gr_timeline_row_set_list_row (GrTimelineRow   *self,
                                              GtkTreeListRow  *list_row);
GrTimelineNode *gr_timeline_row_get_node     (GrTimelineRow   *self);
/* What the row says to a screen reader. */
const char     *gr_timeline_row_get_summary  (GrTimelineRow   *self);
/* The tooltip at x (row coordinates): the row's summary and what is
 * drawn there, with exact dates and quantities. */
char           *gr_timeline_row_describe_at  (GrTimelineRow   *self,
                                              double           x);

/* Texts shared with the lists of the Rotation page. */
char           *gr_timeline_describe_lot     (const GrTimelineLot     *lot,
                                              GrTimelineDay            as_of);
char           *gr_timeline_describe_vacancy (const GrTimelineVacancy *vacancy,
                                              GrTimelineDay            as_of);
char           *gr_timeline_describe_order   (const GrTimelineOrder   *order,
                                              GrTimelineDay            as_of);
char           *gr_timeline_describe_item    (const GrTimelineItem    *item);
typedef enum {
  GR_TIMELINE_FILL_ROTATE_IN,    /* rotate-ins that filled a vacancy */
  GR_TIMELINE_FILL_REPLENISH,    /* replenishments that answered an order */
  GR_TIMELINE_FILL_RELEASE,      /* the order's release movements */
} GrTimelineFillKind;

/* The fills one line per lot, in the order of their first day, each with
 * its total and its first and last day: a lot shipped over a week is one
 * line, not seven. */
char           *gr_timeline_describe_fills   (const GrTimelineFill    *fills,
                                              guint                    n_fills,
                                              GrTimelineFillKind       kind);
/* "城南库 P01仓 · 中晚籼稻 2023年产" or, without the place, the variety and year. */
char           *gr_timeline_lot_title        (const GrTimelineLot     *lot,
                                              gboolean                 with_place);
/* Days to a deadline: "12 days left", "due today", "56 days overdue". */
char           *gr_timeline_days_phrase      (gint64                   days);

G_END_DECLS
