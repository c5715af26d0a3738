/* gr-plan-item-row.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-plan-item-row"

#include "config.h"

#include "gr-plan-item-row.h"

struct _GrPlanItemRow
{
  GObject   parent_instance;

  guint     index;
  char     *texts[GR_PLAN_ITEM_N_COLUMNS];
  gboolean  flagged;
};

G_DEFINE_FINAL_TYPE (GrPlanItemRow, gr_plan_item_row, G_TYPE_OBJECT)

static void
gr_plan_item_row_finalize (GObject *object)
{
  GrPlanItemRow *self = GR_PLAN_ITEM_ROW (object);

  for (guint i = 0; i < GR_PLAN_ITEM_N_COLUMNS; i++)
    g_free (self->texts[i]);

  G_OBJECT_CLASS (gr_plan_item_row_parent_class)->finalize (object);
}

static void
gr_plan_item_row_class_init (GrPlanItemRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gr_plan_item_row_finalize;
}

static void
gr_plan_item_row_init (GrPlanItemRow *self)
{
}

GrPlanItemRow *
gr_plan_item_row_new (guint               index,
                      const char * const *texts,
                      gboolean            flagged)
{
  GrPlanItemRow *self = g_object_new (GR_TYPE_PLAN_ITEM_ROW, NULL);

  self->index = index;
  for (guint i = 0; i < GR_PLAN_ITEM_N_COLUMNS; i++)
    self->texts[i] = g_strdup (texts[i] ? texts[i] : "");
  self->flagged = flagged;
  return self;
}

guint
gr_plan_item_row_get_index (GrPlanItemRow *self)
{
  g_return_val_if_fail (GR_IS_PLAN_ITEM_ROW (self), 0);
  return self->index;
}

const char *
gr_plan_item_row_get_text (GrPlanItemRow    *self,
                           GrPlanItemColumn  column)
{
  g_return_val_if_fail (GR_IS_PLAN_ITEM_ROW (self), NULL);
  g_return_val_if_fail (column < GR_PLAN_ITEM_N_COLUMNS, NULL);
  return self->texts[column];
}

gboolean
gr_plan_item_row_get_flagged (GrPlanItemRow *self)
{
  g_return_val_if_fail (GR_IS_PLAN_ITEM_ROW (self), FALSE);
  return self->flagged;
}
