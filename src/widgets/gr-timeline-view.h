/* gr-timeline-view.h: the rotation timeline (a Gantt view of lots)
 *
 * The time axis, a GtkListView of GrTimelineRow (only the rows in view
 * are built; groups expand and collapse through a GtkTreeListModel), and
 * a horizontal scroll bar, all on one GrTimelineScale. Zoom from years to
 * months with Ctrl+plus and Ctrl+minus or Ctrl+scroll (about the
 * pointer); scroll sideways with Shift+scroll, a touchpad or the bar.
 * Activating a lot's row emits "lot-activated" with its id; a group's
 * row expands or collapses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gr-timeline-scale.h"

G_BEGIN_DECLS

#define GR_TYPE_TIMELINE_VIEW (gr_timeline_view_get_type ())
G_DECLARE_FINAL_TYPE (GrTimelineView, gr_timeline_view, GR, TIMELINE_VIEW, GtkWidget)

GtkWidget        *gr_timeline_view_new            (void);
/* Shows groups (from gr_timeline_group, kept) of timeline; expand opens
 * every group. The scale takes the timeline's range and as-of date; the
 * first time, today comes into view. timeline NULL: nothing. */
void              gr_timeline_view_set_groups     (GrTimelineView  *self,
                                                   GrTimeline      *timeline,
                                                   GPtrArray       *groups,
                                                   gboolean         expand);
/* The same for a newer reading of the same choice of groups (the
 * database read again): a row that shows the same group or lot keeps its
 * widget, and stays open or closed. Shown anew when expand changes. */
void              gr_timeline_view_update_groups  (GrTimelineView  *self,
                                                   GrTimeline      *timeline,
                                                   GPtrArray       *groups,
                                                   gboolean         expand);
GrTimelineScale  *gr_timeline_view_get_scale      (GrTimelineView  *self);
void              gr_timeline_view_zoom_in        (GrTimelineView  *self);
void              gr_timeline_view_zoom_out       (GrTimelineView  *self);
void              gr_timeline_view_scroll_to_today (GrTimelineView *self);
/* Every group open, or every group closed. */
void              gr_timeline_view_set_expanded   (GrTimelineView  *self,
                                                   gboolean         expanded);

/* The rows as shown (GtkTreeListRow items), the view and its scroller. */
GListModel       *gr_timeline_view_get_model      (GrTimelineView  *self);
GtkListView      *gr_timeline_view_get_list_view  (GrTimelineView  *self);
GtkScrolledWindow *gr_timeline_view_get_scroller  (GrTimelineView  *self);
/* How many row widgets the list view has built. */
guint             gr_timeline_view_count_row_widgets (GrTimelineView *self);

G_END_DECLS
