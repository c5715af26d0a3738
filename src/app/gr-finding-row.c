/* gr-finding-row.c
 *
 * A list view recycles its rows between headings and findings, so a row
 * may hold both layouts, showing the one its item needs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-finding-row"

#include "config.h"

#include <glib/gi18n.h>

#include "gr-finding-row.h"
#include "gr-format.h"

struct _GrFindingRow
{
  AdwBin         parent_instance;

  /* Borrowed References: built when first needed */
  GtkWidget     *box;
  GtkWidget     *heading_box;
  GtkImage      *heading_icon;
  GtkLabel      *heading_label;
  GtkLabel      *heading_count;
  GtkWidget     *finding_grid;
  GtkImage      *icon;
  GtkLabel      *subject_label;
  GtkLabel      *due_label;
  GtkLabel      *message_label;
  GtkLabel      *citation_label;

  /* Owned References */
  GrFindingItem *item;
  char          *icon_class;   /* the style class now on the icons */
};

G_DEFINE_FINAL_TYPE (GrFindingRow, gr_finding_row, ADW_TYPE_BIN)

static GtkLabel *
label_new (const char *style_class,
           gboolean    wrap)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  if (wrap)
    {
      /* Chinese has no spaces: break between any two characters. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_WORD);
    }
  if (style_class != NULL)
    gtk_widget_add_css_class (label, style_class);
  return GTK_LABEL (label);
}

/* A list view keeps a couple of hundred rows around its view: each is
 * built with only the layout it has shown so far. */
static void
ensure_heading (GrFindingRow *self)
{
  GtkWidget *heading;

  if (self->heading_box != NULL)
    return;

  /* [icon] 违规 8, or 储存年限 1 under it. */
  heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  self->heading_box = heading;
  self->heading_icon = GTK_IMAGE (gtk_image_new ());
  self->heading_label = label_new ("heading", TRUE);
  self->heading_count = label_new ("numeric", FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->heading_count), "count");
  gtk_box_append (GTK_BOX (heading), GTK_WIDGET (self->heading_icon));
  gtk_box_append (GTK_BOX (heading), GTK_WIDGET (self->heading_label));
  gtk_box_append (GTK_BOX (heading), GTK_WIDGET (self->heading_count));
  if (self->icon_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->heading_icon), self->icon_class);
  gtk_box_prepend (GTK_BOX (self->box), heading);
}

static void
ensure_finding (GrFindingRow *self)
{
  GtkWidget *grid;

  if (self->finding_grid != NULL)
    return;

  /* The icon, then who, when, what and by which article. */
  grid = gtk_grid_new ();
  self->finding_grid = grid;
  gtk_widget_add_css_class (grid, "finding");
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 3);
  self->icon = GTK_IMAGE (gtk_image_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->icon), GTK_ALIGN_START);
  gtk_widget_set_margin_top (GTK_WIDGET (self->icon), 2);
  if (self->icon_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->icon), self->icon_class);
  self->subject_label = label_new ("heading", TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->subject_label), TRUE);
  self->due_label = label_new ("numeric", FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->due_label), "due");
  gtk_widget_set_valign (GTK_WIDGET (self->due_label), GTK_ALIGN_START);
  gtk_label_set_xalign (self->due_label, 1.0);
  self->message_label = label_new (NULL, TRUE);
  self->citation_label = label_new ("caption", TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->citation_label), "citation");

  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->icon), 0, 0, 1, 3);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->subject_label), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->due_label), 2, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->message_label), 1, 1, 2, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->citation_label), 1, 2, 2, 1);
  gtk_box_append (GTK_BOX (self->box), grid);
}

static void
set_icon_class (GrFindingRow *self,
                const char   *style_class)
{
  if (g_strcmp0 (self->icon_class, style_class) == 0)
    return;
  if (self->icon_class != NULL)
    {
      if (self->icon != NULL)
        gtk_widget_remove_css_class (GTK_WIDGET (self->icon), self->icon_class);
      if (self->heading_icon != NULL)
        gtk_widget_remove_css_class (GTK_WIDGET (self->heading_icon), self->icon_class);
    }
  g_free (self->icon_class);
  self->icon_class = g_strdup (style_class);
  if (self->icon != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->icon), style_class);
  if (self->heading_icon != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->heading_icon), style_class);
}

static void
show_heading (GrFindingRow  *self,
              GrFindingItem *item)
{
  GrSeverity severity = gr_finding_item_get_severity (item);
  g_autofree char *count = gr_format_thousands (gr_finding_item_get_count (item));
  gboolean is_severity = gr_finding_item_get_kind (item) == GR_FINDING_ITEM_SEVERITY;

  ensure_heading (self);
  if (self->finding_grid != NULL)
    gtk_widget_set_visible (self->finding_grid, FALSE);
  gtk_widget_set_visible (self->heading_box, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->heading_icon), is_severity);
  set_icon_class (self, gr_severity_style_class (severity));
  gtk_image_set_from_icon_name (self->heading_icon, gr_severity_icon_name (severity));
  gtk_label_set_label (self->heading_label,
                       is_severity ? gr_severity_name (severity)
                                   : gr_rule_title (gr_finding_item_get_rule (item)));
  gtk_label_set_label (self->heading_count, count);

  if (is_severity)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "finding-rule-heading");
      gtk_widget_add_css_class (GTK_WIDGET (self), "finding-severity-heading");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "finding-severity-heading");
      gtk_widget_add_css_class (GTK_WIDGET (self), "finding-rule-heading");
    }
}

static void
show_finding (GrFindingRow  *self,
              GrFindingItem *item)
{
  const GrFinding *finding = gr_finding_item_get_finding (item);
  g_autofree char *citation = gr_finding_item_dup_citation (item);
  g_autofree char *due = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (self), "finding-severity-heading");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "finding-rule-heading");
  ensure_finding (self);
  if (self->heading_box != NULL)
    gtk_widget_set_visible (self->heading_box, FALSE);
  gtk_widget_set_visible (self->finding_grid, TRUE);

  set_icon_class (self, gr_severity_style_class (finding->severity));
  gtk_image_set_from_icon_name (self->icon, gr_severity_icon_name (finding->severity));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->icon), gr_severity_name (finding->severity));
  gtk_label_set_label (self->subject_label,
                       finding->subject_name ? finding->subject_name : finding->subject_id);
  gtk_label_set_label (self->message_label, gr_finding_item_get_short_message (item));

  if (finding->due != NULL)
    {
      g_autofree char *date = gr_format_iso_date (finding->due);

      /* TRANSLATORS: when a finding falls (or fell) due: 期限 2026年6月30日 */
      due = g_strdup_printf (_("Due %s"), date ? date : finding->due);
    }
  gtk_label_set_label (self->due_label, due);
  gtk_widget_set_visible (GTK_WIDGET (self->due_label), due != NULL);
  gtk_label_set_label (self->citation_label, citation);
  gtk_widget_set_visible (GTK_WIDGET (self->citation_label), citation != NULL);
}

static void
gr_finding_row_finalize (GObject *object)
{
  GrFindingRow *self = GR_FINDING_ROW (object);

  g_clear_object (&self->item);
  g_clear_pointer (&self->icon_class, g_free);

  G_OBJECT_CLASS (gr_finding_row_parent_class)->finalize (object);
}

static void
gr_finding_row_class_init (GrFindingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = gr_finding_row_finalize;

  gtk_widget_class_set_css_name (widget_class, "findingrow");
}

static void
gr_finding_row_init (GrFindingRow *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  adw_bin_set_child (ADW_BIN (self), self->box);
}

GtkWidget *
gr_finding_row_new (void)
{
  return g_object_new (GR_TYPE_FINDING_ROW, NULL);
}

void
gr_finding_row_set_item (GrFindingRow  *self,
                         GrFindingItem *item)
{
  g_return_if_fail (GR_IS_FINDING_ROW (self));
  g_return_if_fail (item == NULL || GR_IS_FINDING_ITEM (item));

  if (!g_set_object (&self->item, item))
    return;
  if (item == NULL)
    {
      if (self->heading_box != NULL)
        gtk_widget_set_visible (self->heading_box, FALSE);
      if (self->finding_grid != NULL)
        gtk_widget_set_visible (self->finding_grid, FALSE);
    }
  else if (gr_finding_item_get_kind (item) == GR_FINDING_ITEM_FINDING)
    show_finding (self, item);
  else
    show_heading (self, item);
}

GrFindingItem *
gr_finding_row_get_item (GrFindingRow *self)
{
  g_return_val_if_fail (GR_IS_FINDING_ROW (self), NULL);
  return self->item;
}
