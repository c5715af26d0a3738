/* gr-lot-view.h: one lot on the Stock page — its information card, its
 * balance over time and its movement history
 *
 * The back button and "Record Movement…" activate the page's actions
 * stock.back and stock.record-movement.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gr-lot-detail.h"

G_BEGIN_DECLS

#define GR_TYPE_LOT_VIEW (gr_lot_view_get_type ())
G_DECLARE_FINAL_TYPE (GrLotView, gr_lot_view, GR, LOT_VIEW, AdwBin)

/* Reads the lot in a worker and shows it; as_of NULL: today. */
void               gr_lot_view_load            (GrLotView   *self,
                                                const char  *db_path,
                                                const char  *lot,
                                                const char  *as_of);
const char        *gr_lot_view_get_lot         (GrLotView   *self);
/* NULL until read */
const GrLotDetail *gr_lot_view_get_detail      (GrLotView   *self);
gboolean           gr_lot_view_get_busy        (GrLotView   *self);
GtkColumnView     *gr_lot_view_get_movements   (GrLotView   *self);
/* Whether "Record Movement…" is offered (the user's role may write movements). */
void               gr_lot_view_set_can_record  (GrLotView   *self,
                                                gboolean     can_record);
/* The text of the information card's value for a field label, for tests */
const char        *gr_lot_view_get_card_value  (GrLotView   *self,
                                                const char  *label);

G_END_DECLS
