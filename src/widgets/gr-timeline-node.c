/* gr-timeline-node.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-timeline-node"

#include "config.h"

#include "gr-timeline-node.h"

struct _GrTimelineNode
{
  GObject           parent_instance;

  GrTimeline       *timeline;   /* owned */
  GPtrArray        *groups;     /* owned: the grouping the group comes from */
  GrTimelineGroup  *group;      /* borrowed from groups */
  GrTimelineLot    *lot;        /* borrowed from timeline */
};

G_DEFINE_FINAL_TYPE (GrTimelineNode, gr_timeline_node, G_TYPE_OBJECT)

static void
gr_timeline_node_finalize (GObject *object)
{
  GrTimelineNode *self = GR_TIMELINE_NODE (object);

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->timeline, gr_timeline_unref);

  G_OBJECT_CLASS (gr_timeline_node_parent_class)->finalize (object);
}

static void
gr_timeline_node_class_init (GrTimelineNodeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gr_timeline_node_finalize;
}

static void
gr_timeline_node_init (GrTimelineNode *self)
{
}

static GrTimelineNode *
node_new (GrTimeline      *timeline,
          GPtrArray       *groups,
          GrTimelineGroup *group,
          GrTimelineLot   *lot)
{
  GrTimelineNode *self = g_object_new (GR_TYPE_TIMELINE_NODE, NULL);

  self->timeline = gr_timeline_ref (timeline);
  self->groups = g_ptr_array_ref (groups);
  self->group = group;
  self->lot = lot;
  return self;
}

/* One allocation for the whole list: a GListStore would grow item by item. */
static GListModel *
store_of (GrTimeline *timeline,
          GPtrArray  *groups,
          GPtrArray  *children,
          gboolean    lots)
{
  GListStore *store = g_list_store_new (GR_TYPE_TIMELINE_NODE);
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_full (children->len, g_object_unref);

  for (guint i = 0; i < children->len; i++)
    g_ptr_array_add (nodes, node_new (timeline, groups,
                                      lots ? NULL : children->pdata[i],
                                      lots ? children->pdata[i] : NULL));
  g_list_store_splice (store, 0, 0, nodes->pdata, nodes->len);
  return G_LIST_MODEL (store);
}

GListModel *
gr_timeline_nodes_new (GrTimeline *timeline,
                       GPtrArray  *groups)
{
  g_return_val_if_fail (timeline != NULL, NULL);
  g_return_val_if_fail (groups != NULL, NULL);

  return store_of (timeline, groups, groups, FALSE);
}

GListModel *
gr_timeline_node_dup_children (GrTimelineNode *self)
{
  g_return_val_if_fail (GR_IS_TIMELINE_NODE (self), NULL);

  if (self->group == NULL)
    return NULL;
  if (self->group->groups != NULL && self->group->kind == GR_TIMELINE_GROUP_DEPOT)
    {
      GListStore *store = g_list_store_new (GR_TYPE_TIMELINE_NODE);
      g_autoptr(GPtrArray) nodes = g_ptr_array_new_full (self->group->groups->len, g_object_unref);

      /* A bin holding one lot is that lot's row, named with its bin:
       * a bin row over a single lot would only double the rows. */
      for (guint i = 0; i < self->group->groups->len; i++)
        {
          GrTimelineGroup *bin = self->group->groups->pdata[i];

          if (bin->lots != NULL && bin->lots->len == 1)
            g_ptr_array_add (nodes, node_new (self->timeline, self->groups, NULL, bin->lots->pdata[0]));
          else
            g_ptr_array_add (nodes, node_new (self->timeline, self->groups, bin, NULL));
        }
      g_list_store_splice (store, 0, 0, nodes->pdata, nodes->len);
      return G_LIST_MODEL (store);
    }
  if (self->group->groups != NULL)
    return store_of (self->timeline, self->groups, self->group->groups, FALSE);
  return store_of (self->timeline, self->groups, self->group->lots, TRUE);
}

GrTimeline *
gr_timeline_node_get_timeline (GrTimelineNode *self)
{
  g_return_val_if_fail (GR_IS_TIMELINE_NODE (self), NULL);
  return self->timeline;
}

GrTimelineGroup *
gr_timeline_node_get_group (GrTimelineNode *self)
{
  g_return_val_if_fail (GR_IS_TIMELINE_NODE (self), NULL);
  return self->group;
}

GrTimelineLot *
gr_timeline_node_get_lot (GrTimelineNode *self)
{
  g_return_val_if_fail (GR_IS_TIMELINE_NODE (self), NULL);
  return self->lot;
}

static void
foreach_in_group (GrTimelineGroup *group,
                  GFunc            func,
                  gpointer         user_data)
{
  if (group->lots != NULL)
    for (guint i = 0; i < group->lots->len; i++)
      func (group->lots->pdata[i], user_data);
  if (group->groups != NULL)
    for (guint i = 0; i < group->groups->len; i++)
      foreach_in_group (group->groups->pdata[i], func, user_data);
}

void
gr_timeline_node_foreach_lot (GrTimelineNode *self,
                              GFunc           func,
                              gpointer        user_data)
{
  g_return_if_fail (GR_IS_TIMELINE_NODE (self));

  if (self->lot != NULL)
    func (self->lot, user_data);
  else if (self->group != NULL)
    foreach_in_group (self->group, func, user_data);
}
