/* gr-finding-row.h: one row of the findings list: a heading or a finding
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gr-finding-item.h"

G_BEGIN_DECLS

#define GR_TYPE_FINDING_ROW (gr_finding_row_get_type ())
G_DECLARE_FINAL_TYPE (GrFindingRow, gr_finding_row, GR, FINDING_ROW, AdwBin)

GtkWidget     *gr_finding_row_new      (void);
/* item: NULL to show nothing (an unbound row). */
void           gr_finding_row_set_item (GrFindingRow  *self,
                                        GrFindingItem *item);
GrFindingItem *gr_finding_row_get_item (GrFindingRow  *self);

G_END_DECLS
