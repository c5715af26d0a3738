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
  /* The list of its children that the tree holds while the node is
   * expanded (a weak pointer): what a new reading updates in place. */
  GListStore       *children;
};

G_DEFINE_FINAL_TYPE (GrTimelineNode, gr_timeline_node, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* What a row of a list of nodes shows: a group, or a lot. */
typedef struct {
  GrTimelineGroup *group;
  GrTimelineLot   *lot;
} Child;

static void
gr_timeline_node_finalize (GObject *object)
{
  GrTimelineNode *self = GR_TIMELINE_NODE (object);

  g_clear_weak_pointer (&self->children);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->timeline, gr_timeline_unref);

  G_OBJECT_CLASS (gr_timeline_node_parent_class)->finalize (object);
}

static void
gr_timeline_node_class_init (GrTimelineNodeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gr_timeline_node_finalize;

  /* Its group or lot is now that of a newer reading of the same one. */
  signals [CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
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

/* The rows of a grouping's top groups, or of a group's children. A bin
 * of a depot that holds a single lot is that lot's row, named with its
 * bin: a bin row over a single lot would only double the rows. */
static GArray *
children_of (GPtrArray       *groups,
             GrTimelineGroup *group)
{
  GArray *children = g_array_new (FALSE, FALSE, sizeof (Child));

  if (group == NULL)
    {
      for (guint i = 0; i < groups->len; i++)
        g_array_append_val (children, ((Child) { groups->pdata[i], NULL }));
    }
  else if (group->groups != NULL)
    {
      for (guint i = 0; i < group->groups->len; i++)
        {
          GrTimelineGroup *sub = group->groups->pdata[i];

          if (group->kind == GR_TIMELINE_GROUP_DEPOT && sub->lots != NULL && sub->lots->len == 1)
            g_array_append_val (children, ((Child) { NULL, sub->lots->pdata[0] }));
          else
            g_array_append_val (children, ((Child) { sub, NULL }));
        }
    }
  else if (group->lots != NULL)
    {
      for (guint i = 0; i < group->lots->len; i++)
        g_array_append_val (children, ((Child) { NULL, group->lots->pdata[i] }));
    }
  return children;
}

/* Nodes for children [from, to), into a new array (one allocation for the
 * whole list: a GListStore would grow item by item). */
static GPtrArray *
nodes_of (GrTimeline *timeline,
          GPtrArray  *groups,
          GArray     *children,
          guint       from,
          guint       to)
{
  GPtrArray *nodes = g_ptr_array_new_full (to - from, g_object_unref);

  for (guint i = from; i < to; i++)
    {
      const Child *c = &g_array_index (children, Child, i);

      g_ptr_array_add (nodes, node_new (timeline, groups, c->group, c->lot));
    }
  return nodes;
}

/* Whether a node shows the same group (kind and id) or lot as child. */
static gboolean
shows (GrTimelineNode *node,
       const Child    *child)
{
  if (node->lot != NULL || child->lot != NULL)
    return node->lot != NULL && child->lot != NULL && g_strcmp0 (node->lot->id, child->lot->id) == 0;
  return node->group->kind == child->group->kind && g_strcmp0 (node->group->id, child->group->id) == 0;
}

static void update_store (GListStore *store,
                          GrTimeline *timeline,
                          GPtrArray  *groups,
                          GArray     *children);

/* The node takes the newer reading of its group or lot; the children
 * the tree shows follow. */
static void
node_update (GrTimelineNode  *self,
             GrTimeline      *timeline,
             GPtrArray       *groups,
             GrTimelineGroup *group,
             GrTimelineLot   *lot)
{
  if (timeline != self->timeline)
    {
      gr_timeline_ref (timeline);
      gr_timeline_unref (self->timeline);
      self->timeline = timeline;
    }
  if (groups != self->groups)
    {
      g_ptr_array_ref (groups);
      g_ptr_array_unref (self->groups);
      self->groups = groups;
    }
  self->group = group;
  self->lot = lot;
  if (self->children != NULL && group != NULL)
    {
      g_autoptr(GArray) children = children_of (groups, group);

      update_store (self->children, timeline, groups, children);
    }
  g_signal_emit (self, signals [CHANGED], 0);
}

/* Brings a list of nodes to children: a node that shows the same group or
 * lot as the child at its place takes the child, the others are replaced,
 * a run at a time. The rows of the nodes kept keep their widgets. */
static void
update_store (GListStore *store,
              GrTimeline *timeline,
              GPtrArray  *groups,
              GArray     *children)
{
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (store));
  guint n_new = children->len;
  guint n = MIN (n_old, n_new);
  guint i = 0;

  while (i < n)
    {
      guint end = i;

      while (end < n)
        {
          g_autoptr(GrTimelineNode) node = g_list_model_get_item (G_LIST_MODEL (store), end);

          if (shows (node, &g_array_index (children, Child, end)))
            break;
          end++;
        }
      if (end > i)
        {
          g_autoptr(GPtrArray) nodes = nodes_of (timeline, groups, children, i, end);

          g_list_store_splice (store, i, end - i, nodes->pdata, nodes->len);
          i = end;
        }
      else
        {
          g_autoptr(GrTimelineNode) node = g_list_model_get_item (G_LIST_MODEL (store), i);
          const Child *c = &g_array_index (children, Child, i);

          node_update (node, timeline, groups, c->group, c->lot);
          i++;
        }
    }
  if (n_new > n_old)
    {
      g_autoptr(GPtrArray) nodes = nodes_of (timeline, groups, children, n_old, n_new);

      g_list_store_splice (store, n_old, 0, nodes->pdata, nodes->len);
    }
  else if (n_old > n_new)
    g_list_store_splice (store, n_new, n_old - n_new, NULL, 0);
}

static GListModel *
store_of (GrTimeline *timeline,
          GPtrArray  *groups,
          GArray     *children)
{
  GListStore *store = g_list_store_new (GR_TYPE_TIMELINE_NODE);
  g_autoptr(GPtrArray) nodes = nodes_of (timeline, groups, children, 0, children->len);

  g_list_store_splice (store, 0, 0, nodes->pdata, nodes->len);
  return G_LIST_MODEL (store);
}

GListModel *
gr_timeline_nodes_new (GrTimeline *timeline,
                       GPtrArray  *groups)
{
  g_autoptr(GArray) children = NULL;

  g_return_val_if_fail (timeline != NULL, NULL);
  g_return_val_if_fail (groups != NULL, NULL);

  children = children_of (groups, NULL);
  return store_of (timeline, groups, children);
}

void
gr_timeline_nodes_update (GListModel *nodes,
                          GrTimeline *timeline,
                          GPtrArray  *groups)
{
  g_autoptr(GArray) children = NULL;

  g_return_if_fail (G_IS_LIST_STORE (nodes));
  g_return_if_fail (timeline != NULL);
  g_return_if_fail (groups != NULL);

  children = children_of (groups, NULL);
  update_store (G_LIST_STORE (nodes), timeline, groups, children);
}

GListModel *
gr_timeline_node_dup_children (GrTimelineNode *self)
{
  g_autoptr(GArray) children = NULL;
  GListModel *store;

  g_return_val_if_fail (GR_IS_TIMELINE_NODE (self), NULL);

  if (self->group == NULL)
    return NULL;
  if (self->children != NULL)
    return g_object_ref (G_LIST_MODEL (self->children));
  children = children_of (self->groups, self->group);
  store = store_of (self->timeline, self->groups, children);
  g_set_weak_pointer (&self->children, G_LIST_STORE (store));
  return store;
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
