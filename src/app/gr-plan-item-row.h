/* gr-plan-item-row.h: one item of the rotation plan editor's table
 *
 * The texts of its cells, made when the item or its flags change; the
 * index says which item of the plan it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  GR_PLAN_ITEM_COLUMN_LOT,
  GR_PLAN_ITEM_COLUMN_QUANTITY,
  GR_PLAN_ITEM_COLUMN_OUT,
  GR_PLAN_ITEM_COLUMN_IN,
  GR_PLAN_ITEM_COLUMN_REASON,
  GR_PLAN_ITEM_COLUMN_FLAGS,
  GR_PLAN_ITEM_N_COLUMNS
} GrPlanItemColumn;

#define GR_TYPE_PLAN_ITEM_ROW (gr_plan_item_row_get_type ())
G_DECLARE_FINAL_TYPE (GrPlanItemRow, gr_plan_item_row, GR, PLAN_ITEM_ROW, GObject)

/* texts: GR_PLAN_ITEM_N_COLUMNS strings, copied. */
GrPlanItemRow *gr_plan_item_row_new        (guint              index,
                                            const char * const *texts,
                                            gboolean           flagged);
guint          gr_plan_item_row_get_index  (GrPlanItemRow     *self);
const char    *gr_plan_item_row_get_text   (GrPlanItemRow     *self,
                                            GrPlanItemColumn   column);
gboolean       gr_plan_item_row_get_flagged (GrPlanItemRow    *self);

G_END_DECLS
