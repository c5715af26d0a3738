/* gr-chart-frame.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-chart-frame"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gr-chart-frame.h"
#include "gr-chart-table.h"
#include "gr-charts.h"

struct _GrChartFrame
{
  GtkWidget parent_instance;

  /* Child widgets */
  GtkWidget *header;
  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  GtkWidget *table_button;
  GrChartLegend *legend;
  GtkStack *stack;
  GtkColumnView *table;

  /* Borrowed References */
  GtkWidget *content;

  guint show_table : 1;
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SHOW_TABLE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (GrChartFrame, gr_chart_frame, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static GrChart *
frame_chart (GrChartFrame *self)
{
  return GR_IS_CHART (self->content) ? GR_CHART (self->content) : NULL;
}

static void
table_activate_cb (GrChartFrame  *self,
                   guint          position,
                   GtkColumnView *view)
{
  int category = gr_chart_table_get_category (view, position);

  /* The same signal as a click on the chart: the whole category */
  if (category >= 0 && frame_chart (self) != NULL)
    g_signal_emit_by_name (frame_chart (self), "item-activated", -1, category);
}

static void
fill_table (GrChartFrame *self)
{
  GrChart *chart = frame_chart (self);

  if (self->table == NULL || chart == NULL || gr_chart_get_data (chart) == NULL)
    return;

  gr_chart_table_fill (self->table, gr_chart_get_data (chart),
                       (gr_chart_is_stacked (chart) ? GR_CHART_TABLE_STACKED : 0) |
                       (gr_chart_find_layer (chart, GR_TYPE_SHARE_LAYER) ? GR_CHART_TABLE_SHARES : 0));
}

static void
ensure_table (GrChartFrame *self)
{
  GtkWidget *scroller;

  if (self->table != NULL)
    return;

  self->table = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->table), "data-table");
  gtk_column_view_set_show_column_separators (self->table, FALSE);
  g_signal_connect_object (self->table, "activate", G_CALLBACK (table_activate_cb), self, G_CONNECT_SWAPPED);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->table));
  gtk_widget_add_css_class (scroller, "table-page");
  gtk_stack_add_named (self->stack, scroller, "table");

  fill_table (self);
}

static void
chart_changed_cb (GrChartFrame *self,
                  GrChart      *chart)
{
  g_autoptr(GPtrArray) entries = gr_chart_dup_legend (chart);

  gr_chart_legend_set_entries (self->legend, entries);
  if (self->show_table)
    gtk_widget_set_visible (GTK_WIDGET (self->legend), FALSE);
  fill_table (self);
}

static void
update_button (GrChartFrame *self)
{
  gtk_widget_set_visible (self->table_button, frame_chart (self) != NULL);
  gtk_widget_set_tooltip_text (self->table_button,
                               self->show_table ? _("Show Chart") : _("Show Numbers as Table"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->table_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->show_table ? _("Show Chart") : _("Show Numbers as Table"),
                                  -1);
}

static void
gr_chart_frame_dispose (GObject *object)
{
  GrChartFrame *self = (GrChartFrame *)object;
  GtkWidget *child;

  /* The chart goes with us: no more legend updates from it */
  if (self->content != NULL)
    g_signal_handlers_disconnect_by_data (self->content, self);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  self->content = NULL;
  self->table = NULL;

  G_OBJECT_CLASS (gr_chart_frame_parent_class)->dispose (object);
}

static void
gr_chart_frame_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GrChartFrame *self = GR_CHART_FRAME (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, gr_chart_frame_get_title (self));
      break;

    case PROP_SHOW_TABLE:
      g_value_set_boolean (value, self->show_table);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_chart_frame_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GrChartFrame *self = GR_CHART_FRAME (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      gr_chart_frame_set_title (self, g_value_get_string (value));
      break;

    case PROP_SHOW_TABLE:
      gr_chart_frame_set_show_table (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_chart_frame_class_init (GrChartFrameClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gr_chart_frame_dispose;
  object_class->get_property = gr_chart_frame_get_property;
  object_class->set_property = gr_chart_frame_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SHOW_TABLE] =
    g_param_spec_boolean ("show-table", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_property_action (widget_class, "chart.show-table", "show-table");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "chartframe");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
gr_chart_frame_init (GrChartFrame *self)
{
  GtkLayoutManager *layout;
  GtkWidget *titles;

  gr_charts_init ();

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 10);

  self->header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (self->header, "header");
  gtk_widget_set_parent (self->header, GTK_WIDGET (self));

  titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_box_append (GTK_BOX (self->header), titles);

  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title_label, 0);
  gtk_label_set_wrap (self->title_label, TRUE);
  gtk_label_set_wrap_mode (self->title_label, PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "title");
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->title_label));

  self->subtitle_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->subtitle_label, 0);
  gtk_label_set_wrap (self->subtitle_label, TRUE);
  gtk_label_set_wrap_mode (self->subtitle_label, PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle_label), "subtitle");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), FALSE);
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->subtitle_label));

  self->table_button = gtk_toggle_button_new ();
  gtk_button_set_icon_name (GTK_BUTTON (self->table_button), "x-office-spreadsheet-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->table_button), "chart.show-table");
  gtk_widget_set_valign (self->table_button, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->table_button, "flat");
  gtk_box_append (GTK_BOX (self->header), self->table_button);

  self->legend = GR_CHART_LEGEND (gr_chart_legend_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->legend), GTK_WIDGET (self));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_stack_set_vhomogeneous (self->stack, TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));

  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title_label, NULL,
                                  -1);
  update_button (self);
}

GtkWidget *
gr_chart_frame_new (const char *title,
                    GtkWidget  *content)
{
  GrChartFrame *self;

  g_return_val_if_fail (GTK_IS_WIDGET (content), NULL);
  g_return_val_if_fail (gtk_widget_get_parent (content) == NULL, NULL);

  self = g_object_new (GR_TYPE_CHART_FRAME, NULL);
  self->content = content;
  gtk_stack_add_named (self->stack, content, "chart");

  if (GR_IS_CHART (content))
    {
      g_signal_connect_object (content, "changed", G_CALLBACK (chart_changed_cb), self, G_CONNECT_SWAPPED);
      chart_changed_cb (self, GR_CHART (content));
    }

  gr_chart_frame_set_title (self, title);
  update_button (self);

  return GTK_WIDGET (self);
}

const char *
gr_chart_frame_get_title (GrChartFrame *self)
{
  g_return_val_if_fail (GR_IS_CHART_FRAME (self), NULL);

  return gtk_label_get_text (self->title_label);
}

void
gr_chart_frame_set_title (GrChartFrame *self,
                          const char   *title)
{
  g_return_if_fail (GR_IS_CHART_FRAME (self));

  if (g_strcmp0 (gtk_label_get_text (self->title_label), title ? title : "") == 0)
    return;

  gtk_label_set_text (self->title_label, title ? title : "");
  /* The chart is an image to screen readers: the title is its name */
  if (frame_chart (self) != NULL)
    gr_chart_set_title (frame_chart (self), title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
gr_chart_frame_set_subtitle (GrChartFrame *self,
                             const char   *subtitle)
{
  g_return_if_fail (GR_IS_CHART_FRAME (self));

  gtk_label_set_text (self->subtitle_label, subtitle ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle != NULL && subtitle[0] != '\0');
}

GtkWidget *
gr_chart_frame_get_content (GrChartFrame *self)
{
  g_return_val_if_fail (GR_IS_CHART_FRAME (self), NULL);

  return self->content;
}

gboolean
gr_chart_frame_get_show_table (GrChartFrame *self)
{
  g_return_val_if_fail (GR_IS_CHART_FRAME (self), FALSE);

  return self->show_table;
}

void
gr_chart_frame_set_show_table (GrChartFrame *self,
                               gboolean      show_table)
{
  g_return_if_fail (GR_IS_CHART_FRAME (self));

  show_table = !!show_table && frame_chart (self) != NULL;
  if (self->show_table == show_table)
    return;

  self->show_table = show_table;
  if (show_table)
    ensure_table (self);
  gtk_stack_set_visible_child_name (self->stack, show_table ? "table" : "chart");
  /* The table names its columns itself */
  gtk_widget_set_visible (GTK_WIDGET (self->legend),
                          !show_table && gr_chart_legend_get_n_entries (self->legend) > 0);
  update_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_TABLE]);
}

GtkColumnView *
gr_chart_frame_get_table (GrChartFrame *self)
{
  g_return_val_if_fail (GR_IS_CHART_FRAME (self), NULL);

  return self->table;
}

GrChartLegend *
gr_chart_frame_get_legend (GrChartFrame *self)
{
  g_return_val_if_fail (GR_IS_CHART_FRAME (self), NULL);

  return self->legend;
}
