/* gr-paced-model.h: a list model that passes big changes on in bites
 *
 * A GTK 4.8 list view keeps about 200 rows of widgets. When its model
 * replaces what is at the top (a new filter, a new order, a new ledger)
 * it destroys those rows and makes new ones in one go: with a dozen cells
 * a row that is far more than a frame's work. GrPacedModel sits between
 * the filter model and the view. Small changes pass straight through;
 * a big one becomes a few small ones, one per main-loop turn after a
 * frame: the rows beyond the first screenfuls go at once (they have no
 * widgets), the first rows go from the end a bite at a time, then the new
 * first rows come a bite at a time, then the rest at once. The table
 * empties and fills again over a few frames instead of freezing.
 *
 * Frozen, it stops following its model (for a table that is not shown)
 * and catches up, in bites, when thawed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define GR_TYPE_PACED_MODEL (gr_paced_model_get_type ())
G_DECLARE_FINAL_TYPE (GrPacedModel, gr_paced_model, GR, PACED_MODEL, GObject)

GrPacedModel *gr_paced_model_new         (GListModel   *model);
GListModel   *gr_paced_model_get_model   (GrPacedModel *self);
void          gr_paced_model_set_model   (GrPacedModel *self,
                                          GListModel   *model);
gboolean      gr_paced_model_get_frozen  (GrPacedModel *self);
void          gr_paced_model_set_frozen  (GrPacedModel *self,
                                          gboolean      frozen);
/* TRUE while it has not caught up with its model. */
gboolean      gr_paced_model_get_pending (GrPacedModel *self);

G_END_DECLS
