/* gr-lazy-dropdown.h: a drop-down whose list is made when it is opened
 *
 * A GTK 4.8 GtkDropDown makes the rows of its popup list (a few hundred
 * widgets for a province's 1,000 depots or 500 bins) as soon as it is
 * given a model, shown or not: tens of milliseconds for a list nobody
 * may open. These helpers keep the labels and give the drop-down only
 * the chosen one until its popup opens; the whole list is made then.
 *
 * The drop-down's "selected" is an index into its model: read and set
 * the choice through these functions instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Once, before the other calls. */
void     gr_lazy_dropdown_init          (GtkDropDown        *dropdown);
/* The labels to choose from and the one chosen (GTK_INVALID_LIST_POSITION:
 * none). The same labels again only move the choice. */
void     gr_lazy_dropdown_set_labels    (GtkDropDown        *dropdown,
                                         const char * const *labels,
                                         guint               n_labels,
                                         guint               selected);
guint    gr_lazy_dropdown_get_n_labels  (GtkDropDown        *dropdown);
/* An index into the labels, or GTK_INVALID_LIST_POSITION. */
guint    gr_lazy_dropdown_get_selected  (GtkDropDown        *dropdown);
void     gr_lazy_dropdown_set_selected  (GtkDropDown        *dropdown,
                                         guint               selected);

G_END_DECLS
