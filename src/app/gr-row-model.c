/* gr-row-model.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-row-model"

#include "config.h"

#include "gr-row-model.h"

struct _GrRowItem
{
  GObject parent_instance;

  guint   position;
};

G_DEFINE_FINAL_TYPE (GrRowItem, gr_row_item, G_TYPE_OBJECT)

static void
gr_row_item_class_init (GrRowItemClass *klass)
{
}

static void
gr_row_item_init (GrRowItem *self)
{
}

guint
gr_row_item_get_position (GrRowItem *self)
{
  g_return_val_if_fail (GR_IS_ROW_ITEM (self), 0);
  return self->position;
}

struct _GrRowModel
{
  GObject    parent_instance;

  guint      n_rows;
  /* The items asked for so far, by position (NULL: not yet). */
  GPtrArray *items;
};

static void gr_row_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GrRowModel, gr_row_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, gr_row_model_list_model_init))

static GType
gr_row_model_get_item_type (GListModel *list)
{
  return GR_TYPE_ROW_ITEM;
}

static guint
gr_row_model_get_n_items (GListModel *list)
{
  return GR_ROW_MODEL (list)->n_rows;
}

static gpointer
gr_row_model_get_item (GListModel *list,
                       guint       position)
{
  GrRowModel *self = GR_ROW_MODEL (list);
  GrRowItem *item;

  if (position >= self->n_rows)
    return NULL;
  if (position >= self->items->len)
    g_ptr_array_set_size (self->items, position + 1);
  if ((item = self->items->pdata[position]) == NULL)
    {
      item = g_object_new (GR_TYPE_ROW_ITEM, NULL);
      item->position = position;
      self->items->pdata[position] = item;
    }
  return g_object_ref (item);
}

static void
gr_row_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = gr_row_model_get_item_type;
  iface->get_n_items = gr_row_model_get_n_items;
  iface->get_item = gr_row_model_get_item;
}

static void
item_unref (gpointer item)
{
  if (item != NULL)
    g_object_unref (item);
}

static void
gr_row_model_finalize (GObject *object)
{
  GrRowModel *self = GR_ROW_MODEL (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (gr_row_model_parent_class)->finalize (object);
}

static void
gr_row_model_class_init (GrRowModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gr_row_model_finalize;
}

static void
gr_row_model_init (GrRowModel *self)
{
  self->items = g_ptr_array_new_with_free_func (item_unref);
}

GrRowModel *
gr_row_model_new (void)
{
  return g_object_new (GR_TYPE_ROW_MODEL, NULL);
}

guint
gr_row_model_get_n_rows (GrRowModel *self)
{
  g_return_val_if_fail (GR_IS_ROW_MODEL (self), 0);
  return self->n_rows;
}

void
gr_row_model_set_n_rows (GrRowModel *self,
                         guint       n_rows)
{
  guint old = self->n_rows;

  g_return_if_fail (GR_IS_ROW_MODEL (self));

  if (n_rows == old)
    return;
  self->n_rows = n_rows;
  if (self->items->len > n_rows)
    g_ptr_array_set_size (self->items, n_rows);
  if (n_rows < old)
    g_list_model_items_changed (G_LIST_MODEL (self), n_rows, old - n_rows, 0);
  else
    g_list_model_items_changed (G_LIST_MODEL (self), old, 0, n_rows - old);
}
