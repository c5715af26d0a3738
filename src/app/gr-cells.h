/* gr-cells.h: how table cells show numbers (closures for GtkBuilderListItemFactory)
 *
 * Quantities are exact kilograms shown in tonnes with thousands
 * separators; the unit is in the column title. They are Pango markup:
 * missing decimals are invisible zeros, so that right-aligned columns
 * line up on the decimal point ("5,780" above "1,200.25"). -1 means "does
 * not apply" and shows nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Registers the closures below under their names (format_kg, …) for the
 * templates of widget_class. */
void     gr_cells_bind_template_callbacks (GtkWidgetClass *widget_class);

/* Markup: "12,560" with ".000" invisible (tonnes, aligned) */
char    *gr_cells_tonnes        (gint64   kg);

char    *gr_cells_format_kg     (gpointer this_item,
                                 gint64   kg);
char    *gr_cells_format_count  (gpointer this_item,
                                 guint    count);
char    *gr_cells_format_months (gpointer this_item,
                                 int      months);
/* 653 → "65.3%" */
char    *gr_cells_format_permille (gpointer this_item,
                                   int      permille);
double   gr_cells_use_fraction  (gpointer this_item,
                                 int      permille);
gboolean gr_cells_use_known     (gpointer this_item,
                                 int      permille);
/* Yuan per tonne with thousands separators and 2 decimals; NaN: "" */
char    *gr_cells_format_price  (gpointer this_item,
                                 double   price);

/* query-tooltip of a text cell: its whole text. Cells ask when hovered
 * rather than have a tooltip set on each bind: setting one asks the X
 * server where the pointer is, a round trip per cell while scrolling. */
gboolean gr_cells_query_tooltip (GtkWidget  *cell,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard,
                                 GtkTooltip *tooltip,
                                 gpointer    user_data);

/* Column titles that give way to a narrow column: ellipsized, the whole
 * title in a tooltip. GTK 4.8 has no property for it: this reaches the
 * title labels in the view's header row, made once with the columns. */
void     gr_cells_shorten_titles (GtkColumnView *view);

G_END_DECLS
