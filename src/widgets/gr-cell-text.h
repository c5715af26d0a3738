/* gr-cell-text.h: one line of text in a table cell, cheap to measure
 *
 * A table of a few hundred rows of a dozen cells is measured again as a
 * whole whenever its list view takes many new rows, and GtkInscription
 * asks Pango for the font's metrics on every measure: tens of
 * milliseconds a frame. GrCellText shows the same thing (one line, cut
 * with an ellipsis at its end, aligned by xalign) and sizes itself from
 * metrics kept per font, so measuring it again costs next to nothing.
 * The whole text is what its tooltip shows (gr_cell_text_get_text).
 * With the style class "numeric" its figures are tabular.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GR_TYPE_CELL_TEXT (gr_cell_text_get_type ())
G_DECLARE_FINAL_TYPE (GrCellText, gr_cell_text, GR, CELL_TEXT, GtkWidget)

GtkWidget  *gr_cell_text_new        (void);
/* The text shown, without markup; "" when none. */
const char *gr_cell_text_get_text   (GrCellText *self);
void        gr_cell_text_set_text   (GrCellText *self,
                                     const char *text);
/* Pango markup; nothing is done when it is what the cell shows already.
 * Markup that cannot be parsed is shown as plain text. */
void        gr_cell_text_set_markup (GrCellText *self,
                                     const char *markup);
/* 0: start, 1: end (of the cell's width, when the text is narrower). */
void        gr_cell_text_set_xalign (GrCellText *self,
                                     float       xalign);
/* The narrowest the cell may be, in characters (3 unless set). */
void        gr_cell_text_set_min_chars (GrCellText *self,
                                        guint       n_chars);

G_END_DECLS
