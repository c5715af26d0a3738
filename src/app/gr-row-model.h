/* gr-row-model.h: a list model of numbered rows that keep their identity
 *
 * The items only know their position; a view's cells look the rest up
 * in the data their owner holds. Items are made when a view asks for
 * them and stay the same objects while their row exists, so when the
 * data is replaced by a fresh read of the same length (a refresh) the
 * view keeps its rows of widgets: the owner only sets the new count and
 * fills its bound cells again, instead of the view destroying and
 * making a few hundred rows of widgets in one go.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define GR_TYPE_ROW_ITEM (gr_row_item_get_type ())
G_DECLARE_FINAL_TYPE (GrRowItem, gr_row_item, GR, ROW_ITEM, GObject)

guint       gr_row_item_get_position (GrRowItem  *self);

#define GR_TYPE_ROW_MODEL (gr_row_model_get_type ())
G_DECLARE_FINAL_TYPE (GrRowModel, gr_row_model, GR, ROW_MODEL, GObject)

GrRowModel *gr_row_model_new         (void);
guint       gr_row_model_get_n_rows  (GrRowModel *self);
/* Rows past n_rows go, new ones are added at the end; the rows kept are
 * not reported as changed: refill their cells. */
void        gr_row_model_set_n_rows  (GrRowModel *self,
                                      guint       n_rows);

G_END_DECLS
