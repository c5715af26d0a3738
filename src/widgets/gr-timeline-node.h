/* gr-timeline-node.h: one row of the timeline's tree: a group or a lot
 *
 * A node borrows its group or lot from a GrTimeline and the grouping it
 * was made from, and keeps both alive. Children are made only when a
 * group is expanded (gr_timeline_node_dup_children, the create function
 * of a GtkTreeListModel), so 60,000 lots cost nothing until shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gr-timeline.h"

G_BEGIN_DECLS

#define GR_TYPE_TIMELINE_NODE (gr_timeline_node_get_type ())
G_DECLARE_FINAL_TYPE (GrTimelineNode, gr_timeline_node, GR, TIMELINE_NODE, GObject)

/* The top groups of a grouping (gr_timeline_group, whose array is kept)
 * as a list of nodes. */
GListModel      *gr_timeline_nodes_new            (GrTimeline      *timeline,
                                                   GPtrArray       *groups);
/* Brings a list made by gr_timeline_nodes_new () to a newer reading of
 * the same grouping: a node that shows the same group or lot at its place
 * takes the newer one and emits "changed" (so do the children of the
 * groups the tree shows expanded), the others are replaced. The rows of
 * the nodes kept keep their widgets and whether they are expanded. */
void             gr_timeline_nodes_update         (GListModel      *nodes,
                                                   GrTimeline      *timeline,
                                                   GPtrArray       *groups);
/* A list model of nodes with a child list for every group: for
 * gtk_tree_list_model_new (). NULL for a lot. A depot's bin that holds a
 * single lot is listed as that lot. */
GListModel      *gr_timeline_node_dup_children    (GrTimelineNode  *self);

GrTimeline      *gr_timeline_node_get_timeline    (GrTimelineNode  *self);
/* One of the two is NULL. */
GrTimelineGroup *gr_timeline_node_get_group       (GrTimelineNode  *self);
GrTimelineLot   *gr_timeline_node_get_lot         (GrTimelineNode  *self);

/* Every lot under a group node (or the lot itself), depth first. */
void             gr_timeline_node_foreach_lot     (GrTimelineNode  *self,
                                                   GFunc            func,
                                                   gpointer         user_data);

G_END_DECLS
