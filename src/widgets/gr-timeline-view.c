/* gr-timeline-view.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-timeline-view"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "gr-charts.h"
#include "gr-timeline-axis.h"
#include "gr-timeline-node.h"
#include "gr-timeline-row.h"
#include "gr-timeline-view.h"

#define SCROLL_STEP_PX 48

struct _GrTimelineView
{
  GtkWidget          parent_instance;

  /* Children */
  GtkWidget         *box;
  GtkWidget         *axis;
  GtkWidget         *scroller;
  GtkWidget         *list_view;
  GtkWidget         *hscrollbar;

  /* Owned References */
  GrTimelineScale   *scale;
  GtkTreeListModel  *tree;
  GtkSingleSelection *selection;
  GrTimeline        *timeline;
  GPtrArray         *groups;

  double             pointer_x;     /* in the view, for zooming about the pointer */
  double             zoom_accum;
  gboolean           scrolled_once;
};

G_DEFINE_FINAL_TYPE (GrTimelineView, gr_timeline_view, GTK_TYPE_WIDGET)

enum {
  LOT_ACTIVATED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/*
 * The list
 */

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  return gr_timeline_node_dup_children (GR_TIMELINE_NODE (item));
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          GrTimelineView           *self)
{
  gtk_list_item_set_child (item, gr_timeline_row_new (self->scale));
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         GrTimelineView           *self)
{
  gr_timeline_row_set_list_row (GR_TIMELINE_ROW (gtk_list_item_get_child (item)),
                                GTK_TREE_LIST_ROW (gtk_list_item_get_item (item)));
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           GrTimelineView           *self)
{
  gr_timeline_row_set_list_row (GR_TIMELINE_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
activate_cb (GrTimelineView *self,
             guint           position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  g_autoptr(GrTimelineNode) node = NULL;
  GrTimelineLot *lot;

  if (row == NULL)
    return;
  node = gtk_tree_list_row_get_item (row);
  lot = node ? gr_timeline_node_get_lot (node) : NULL;
  if (lot != NULL)
    g_signal_emit (self, signals [LOT_ACTIVATED], 0, lot->id);
  else if (gtk_tree_list_row_is_expandable (row))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
}

/*
 * Zoom and scrolling
 */

static double
span_x (GrTimelineView *self,
        double          x)
{
  return x - GR_TIMELINE_LABEL_WIDTH;
}

static void
zoom_by (GrTimelineView *self,
         int             steps,
         double          anchor)
{
  gr_timeline_scale_set_zoom (self->scale, gr_timeline_scale_get_zoom (self->scale) + steps, anchor);
}

static void
motion_cb (GrTimelineView           *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *motion)
{
  self->pointer_x = x;
}

static gboolean
scroll_cb (GrTimelineView           *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *scroll)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));
  GtkAdjustment *adj = gr_timeline_scale_get_adjustment (self->scale);
  double unit = gtk_event_controller_scroll_get_unit (scroll) == GDK_SCROLL_UNIT_WHEEL ? SCROLL_STEP_PX : 1;

  if (state & GDK_CONTROL_MASK)
    {
      double anchor = span_x (self, self->pointer_x);

      /* A wheel notch is a step; a touchpad adds up to one. */
      self->zoom_accum += gtk_event_controller_scroll_get_unit (scroll) == GDK_SCROLL_UNIT_WHEEL ? dy : dy / 40.0;
      while (fabs (self->zoom_accum) >= 1)
        {
          int step = self->zoom_accum > 0 ? -1 : 1;

          zoom_by (self, step, anchor >= 0 ? anchor : -1);
          self->zoom_accum += step;
        }
      return GDK_EVENT_STOP;
    }
  if (dx != 0 || (state & GDK_SHIFT_MASK))
    {
      double delta = dx != 0 ? dx : dy;

      gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + delta * unit);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  gr_timeline_view_zoom_in (GR_TIMELINE_VIEW (widget));
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  gr_timeline_view_zoom_out (GR_TIMELINE_VIEW (widget));
}

static void
today_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  gr_timeline_view_scroll_to_today (GR_TIMELINE_VIEW (widget));
}

static void
scroll_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  GrTimelineView *self = GR_TIMELINE_VIEW (widget);
  GtkAdjustment *adj = gr_timeline_scale_get_adjustment (self->scale);
  double page = gtk_adjustment_get_page_size (adj);

  gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + g_variant_get_int32 (param) * page / 4);
}

static void
update_zoom_actions (GrTimelineView *self)
{
  int zoom = gr_timeline_scale_get_zoom (self->scale);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.zoom-in", zoom < GR_TIMELINE_N_ZOOM - 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.zoom-out", zoom > 0);
}

/*
 * GtkWidget overrides
 */

static void
gr_timeline_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  GrTimelineView *self = GR_TIMELINE_VIEW (widget);

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

/* The width of the time span is known here: the scale learns it before
 * the rows draw. */
static void
gr_timeline_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  GrTimelineView *self = GR_TIMELINE_VIEW (widget);

  /* The adjustment first: the scroll bar lays out its slider from it
   * when allocated, and must not be told of a change after that. */
  gr_timeline_scale_set_view_width (self->scale, MAX (1, width - GR_TIMELINE_LABEL_WIDTH));
  if (!self->scrolled_once && self->timeline != NULL && width > GR_TIMELINE_LABEL_WIDTH)
    {
      self->scrolled_once = TRUE;
      gr_timeline_view_scroll_to_today (self);
    }
  gtk_widget_allocate (self->box, width, height, baseline, NULL);
}

static void
gr_timeline_view_dispose (GObject *object)
{
  GrTimelineView *self = GR_TIMELINE_VIEW (object);

  if (self->scale != NULL)
    g_signal_handlers_disconnect_by_data (self->scale, self);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  self->axis = self->scroller = self->hscrollbar = self->list_view = NULL;
  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
  g_clear_object (&self->scale);
  g_clear_pointer (&self->timeline, gr_timeline_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);

  G_OBJECT_CLASS (gr_timeline_view_parent_class)->dispose (object);
}

static void
gr_timeline_view_class_init (GrTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gr_timeline_view_dispose;
  widget_class->measure = gr_timeline_view_measure;
  widget_class->size_allocate = gr_timeline_view_size_allocate;

  signals [LOT_ACTIVATED] =
    g_signal_new ("lot-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "timeline.today", NULL, today_action);
  gtk_widget_class_install_action (widget_class, "timeline.scroll", "i", scroll_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_CONTROL_MASK, "timeline.scroll", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_CONTROL_MASK, "timeline.scroll", "i", 1);

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
gr_timeline_view_init (GrTimelineView *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkEventController *scroll;
  GtkEventController *motion;

  gr_charts_init ();
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  self->scale = gr_timeline_scale_new ();
  g_signal_connect_object (self->scale, "changed", G_CALLBACK (update_zoom_actions), self, G_CONNECT_SWAPPED);

  self->axis = gr_timeline_axis_new (self->scale);
  gtk_box_append (GTK_BOX (self->box), self->axis);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  self->list_view = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)), factory);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (self->list_view), FALSE);
  gtk_widget_add_css_class (self->list_view, "timeline-rows");
  g_signal_connect_swapped (self->list_view, "activate", G_CALLBACK (activate_cb), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  /* TRANSLATORS: the list of the rotation timeline's rows, for screen readers */
                                  _("Lots on the rotation timeline"), -1);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->list_view);
  gtk_widget_set_vexpand (self->scroller, TRUE);
  gtk_box_append (GTK_BOX (self->box), self->scroller);

  self->hscrollbar = gtk_scrollbar_new (GTK_ORIENTATION_HORIZONTAL, gr_timeline_scale_get_adjustment (self->scale));
  gtk_widget_set_margin_start (self->hscrollbar, GR_TIMELINE_LABEL_WIDTH);
  gtk_box_append (GTK_BOX (self->box), self->hscrollbar);

  /* Before the scrolled window sees a scroll: Ctrl zooms, sideways scrolls
   * the time; plain vertical scrolling goes on to the list. */
  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  motion = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  update_zoom_actions (self);
}

/*
 * Public API
 */

GtkWidget *
gr_timeline_view_new (void)
{
  return g_object_new (GR_TYPE_TIMELINE_VIEW, NULL);
}

void
gr_timeline_view_set_groups (GrTimelineView *self,
                             GrTimeline     *timeline,
                             GPtrArray      *groups,
                             gboolean        expand)
{
  g_autoptr(GListModel) roots = NULL;
  GrTimelineDay first, last;

  g_return_if_fail (GR_IS_TIMELINE_VIEW (self));

  g_clear_object (&self->tree);
  if (groups != NULL)
    g_ptr_array_ref (groups);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  self->groups = groups;
  if (timeline != NULL)
    gr_timeline_ref (timeline);
  g_clear_pointer (&self->timeline, gr_timeline_unref);
  self->timeline = timeline;
  if (timeline == NULL || groups == NULL)
    {
      gtk_single_selection_set_model (self->selection, NULL);
      return;
    }

  gr_timeline_get_range (timeline, &first, &last);
  gr_timeline_scale_set_range (self->scale, first, last);
  gr_timeline_scale_set_today (self->scale, gr_timeline_get_as_of (timeline));

  roots = gr_timeline_nodes_new (timeline, groups);
  self->tree = gtk_tree_list_model_new (g_steal_pointer (&roots), FALSE, expand, create_children, NULL, NULL);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->tree));
  if (gtk_widget_get_width (GTK_WIDGET (self)) > GR_TIMELINE_LABEL_WIDTH && !self->scrolled_once)
    {
      self->scrolled_once = TRUE;
      gr_timeline_view_scroll_to_today (self);
    }
}

void
gr_timeline_view_update_groups (GrTimelineView *self,
                                GrTimeline     *timeline,
                                GPtrArray      *groups,
                                gboolean        expand)
{
  GrTimelineDay first, last;

  g_return_if_fail (GR_IS_TIMELINE_VIEW (self));
  g_return_if_fail (timeline != NULL);
  g_return_if_fail (groups != NULL);

  if (self->tree == NULL || gtk_tree_list_model_get_autoexpand (self->tree) != expand)
    {
      gr_timeline_view_set_groups (self, timeline, groups, expand);
      return;
    }
  g_ptr_array_ref (groups);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  self->groups = groups;
  gr_timeline_ref (timeline);
  g_clear_pointer (&self->timeline, gr_timeline_unref);
  self->timeline = timeline;

  gr_timeline_get_range (timeline, &first, &last);
  gr_timeline_scale_set_range (self->scale, first, last);
  gr_timeline_scale_set_today (self->scale, gr_timeline_get_as_of (timeline));
  gr_timeline_nodes_update (gtk_tree_list_model_get_model (self->tree), timeline, groups);
}

GrTimelineScale *
gr_timeline_view_get_scale (GrTimelineView *self)
{
  g_return_val_if_fail (GR_IS_TIMELINE_VIEW (self), NULL);
  return self->scale;
}

void
gr_timeline_view_zoom_in (GrTimelineView *self)
{
  g_return_if_fail (GR_IS_TIMELINE_VIEW (self));
  zoom_by (self, 1, -1);
}

void
gr_timeline_view_zoom_out (GrTimelineView *self)
{
  g_return_if_fail (GR_IS_TIMELINE_VIEW (self));
  zoom_by (self, -1, -1);
}

void
gr_timeline_view_set_expanded (GrTimelineView *self,
                               gboolean        expanded)
{
  g_autoptr(GrTimeline) timeline = NULL;
  g_autoptr(GPtrArray) groups = NULL;

  g_return_if_fail (GR_IS_TIMELINE_VIEW (self));

  if (self->timeline == NULL || self->groups == NULL)
    return;
  /* One new tree, not a signal per group. */
  timeline = gr_timeline_ref (self->timeline);
  groups = g_ptr_array_ref (self->groups);
  gr_timeline_view_set_groups (self, timeline, groups, expanded);
}

void
gr_timeline_view_scroll_to_today (GrTimelineView *self)
{
  GrTimelineDay today;

  g_return_if_fail (GR_IS_TIMELINE_VIEW (self));

  today = gr_timeline_scale_get_today (self->scale);
  /* Today a little right of the middle: what is past due and what comes. */
  if (today != GR_TIMELINE_NO_DAY)
    gr_timeline_scale_scroll_to (self->scale, today, 0.55);
}

GListModel *
gr_timeline_view_get_model (GrTimelineView *self)
{
  g_return_val_if_fail (GR_IS_TIMELINE_VIEW (self), NULL);
  return G_LIST_MODEL (self->selection);
}

GtkListView *
gr_timeline_view_get_list_view (GrTimelineView *self)
{
  g_return_val_if_fail (GR_IS_TIMELINE_VIEW (self), NULL);
  return GTK_LIST_VIEW (self->list_view);
}

GtkScrolledWindow *
gr_timeline_view_get_scroller (GrTimelineView *self)
{
  g_return_val_if_fail (GR_IS_TIMELINE_VIEW (self), NULL);
  return GTK_SCROLLED_WINDOW (self->scroller);
}

static guint
count_rows (GtkWidget *widget)
{
  guint n = GR_IS_TIMELINE_ROW (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_rows (child);
  return n;
}

guint
gr_timeline_view_count_row_widgets (GrTimelineView *self)
{
  g_return_val_if_fail (GR_IS_TIMELINE_VIEW (self), 0);
  return count_rows (self->list_view);
}
