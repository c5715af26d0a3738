/* gr-tile-slot.h: a bin that asks for less width than its child would like
 *
 * A GtkFlowBox puts as many children on a line as their natural widths
 * allow. Key-figure tiles would like more width than they need; in a slot
 * whose natural width is capped, seven of them share one line of a
 * 1280-pixel window, and each still gets all the width the line gives it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GR_TYPE_TILE_SLOT (gr_tile_slot_get_type ())
G_DECLARE_FINAL_TYPE (GrTileSlot, gr_tile_slot, GR, TILE_SLOT, AdwBin)

/* -1: no cap */
int  gr_tile_slot_get_natural_width (GrTileSlot *self);
void gr_tile_slot_set_natural_width (GrTileSlot *self,
                                     int         natural_width);

G_END_DECLS
