/* gr-lazy-dropdown.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-lazy-dropdown"

#include "config.h"

#include "gr-lazy-dropdown.h"

typedef struct {
  GStrv    labels;
  guint    n_labels;
  guint    selected;    /* while only the chosen label is shown */
  gboolean whole;       /* the model holds every label */
} Lazy;

static void
lazy_free (Lazy *lazy)
{
  g_strfreev (lazy->labels);
  g_free (lazy);
}

static Lazy *
lazy_of (GtkDropDown *dropdown)
{
  Lazy *lazy = g_object_get_data (G_OBJECT (dropdown), "gr-lazy-dropdown");

  g_assert (lazy != NULL);
  return lazy;
}

static void
set_model (GtkDropDown        *dropdown,
           const char * const *labels,
           guint               selected)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (labels);

  /* One notification of the choice, once the new model holds it. */
  g_object_freeze_notify (G_OBJECT (dropdown));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (dropdown, selected);
  g_object_thaw_notify (G_OBJECT (dropdown));
}

/* The chosen label alone, until the popup opens. */
static void
show_chosen (GtkDropDown *dropdown,
             Lazy        *lazy)
{
  const char *chosen[2] = { NULL, NULL };

  lazy->whole = FALSE;
  if (lazy->selected < lazy->n_labels)
    chosen[0] = lazy->labels[lazy->selected];
  set_model (dropdown, chosen, chosen[0] != NULL ? 0 : GTK_INVALID_LIST_POSITION);
}

static void
show_whole (GtkDropDown *dropdown,
            Lazy        *lazy)
{
  if (lazy->whole)
    return;
  lazy->whole = TRUE;
  set_model (dropdown, (const char * const *) lazy->labels, lazy->selected);
}

static void
popup_shown_cb (GtkWidget   *popover,
                GtkDropDown *dropdown)
{
  show_whole (dropdown, lazy_of (dropdown));
}

void
gr_lazy_dropdown_init (GtkDropDown *dropdown)
{
  Lazy *lazy = g_new0 (Lazy, 1);

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));

  lazy->labels = g_new0 (char *, 1);
  lazy->selected = GTK_INVALID_LIST_POSITION;
  g_object_set_data_full (G_OBJECT (dropdown), "gr-lazy-dropdown", lazy, (GDestroyNotify) lazy_free);
  /* The popup is the drop-down's popover child: shown when it opens,
   * by a click or from the keyboard. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (dropdown));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      g_signal_connect_object (child, "show", G_CALLBACK (popup_shown_cb), dropdown, 0);
  show_chosen (dropdown, lazy);
}

void
gr_lazy_dropdown_set_labels (GtkDropDown        *dropdown,
                             const char * const *labels,
                             guint               n_labels,
                             guint               selected)
{
  Lazy *lazy;
  gboolean same;

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));
  lazy = lazy_of (dropdown);

  same = n_labels == lazy->n_labels;
  for (guint i = 0; same && i < n_labels; i++)
    same = g_strcmp0 (labels[i], lazy->labels[i]) == 0;
  if (same)
    {
      gr_lazy_dropdown_set_selected (dropdown, selected);
      return;
    }
  g_strfreev (lazy->labels);
  lazy->labels = g_new0 (char *, n_labels + 1);
  for (guint i = 0; i < n_labels; i++)
    lazy->labels[i] = g_strdup (labels[i]);
  lazy->n_labels = n_labels;
  lazy->selected = selected < n_labels ? selected : GTK_INVALID_LIST_POSITION;
  show_chosen (dropdown, lazy);
}

guint
gr_lazy_dropdown_get_n_labels (GtkDropDown *dropdown)
{
  g_return_val_if_fail (GTK_IS_DROP_DOWN (dropdown), 0);
  return lazy_of (dropdown)->n_labels;
}

guint
gr_lazy_dropdown_get_selected (GtkDropDown *dropdown)
{
  Lazy *lazy;

  g_return_val_if_fail (GTK_IS_DROP_DOWN (dropdown), GTK_INVALID_LIST_POSITION);
  lazy = lazy_of (dropdown);
  if (lazy->whole)
    return gtk_drop_down_get_selected (dropdown);
  return lazy->selected;
}

void
gr_lazy_dropdown_set_selected (GtkDropDown *dropdown,
                               guint        selected)
{
  Lazy *lazy;

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));
  lazy = lazy_of (dropdown);

  if (selected >= lazy->n_labels)
    selected = GTK_INVALID_LIST_POSITION;
  if (lazy->whole)
    {
      lazy->selected = selected;
      gtk_drop_down_set_selected (dropdown, selected);
    }
  else if (selected != lazy->selected)
    {
      lazy->selected = selected;
      show_chosen (dropdown, lazy);
    }
}
