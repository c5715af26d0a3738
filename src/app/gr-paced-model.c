/* gr-paced-model.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-paced-model"

#include "config.h"

#include <string.h>

#include "gr-paced-model.h"

/* Rows of widgets a view makes or destroys per step: a few milliseconds
 * of work with a dozen cells a row. */
#define BITE 40
/* Beyond this position a list view has no rows of widgets (GTK 4.8 keeps
 * GTK_LIST_VIEW_MAX_LIST_ITEMS = 200 around the top it shows). */
#define REALIZED 256
/* One bite a frame: the steps run above the priority of redrawing, so an
 * animation that keeps the frame clock busy (a spinner on a slow
 * machine) cannot starve them, but at most one per frame interval, so a
 * frame is painted between two. */
#define STEP_MS 16
#define STEP_PRIORITY G_PRIORITY_HIGH_IDLE

struct _GrPacedModel
{
  GObject     parent_instance;

  GListModel *model;
  /* What this model shows: the first rows, held (a copy of the model's,
   * or on the way to it), then tail rows read from the model itself,
   * which it has only while it is in step with the model. Holding the
   * first rows only means that catching up never copies 60,000 items. */
  GPtrArray  *items;
  guint       tail;
  guint       step_id;
  guint       frozen : 1;
  guint       behind : 1; /* a change of the model was not passed on yet */
};

static void gr_paced_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GrPacedModel, gr_paced_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, gr_paced_model_list_model_init))

enum {
  PROP_0,
  PROP_MODEL,
  PROP_FROZEN,
  PROP_PENDING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/*
 * GListModel
 */

static GType
gr_paced_model_get_item_type (GListModel *list)
{
  return G_TYPE_OBJECT;
}

static guint
gr_paced_model_get_n_items (GListModel *list)
{
  GrPacedModel *self = GR_PACED_MODEL (list);

  return self->items->len + self->tail;
}

static gpointer
gr_paced_model_get_item (GListModel *list,
                         guint       position)
{
  GrPacedModel *self = GR_PACED_MODEL (list);

  if (position < self->items->len)
    return g_object_ref (self->items->pdata[position]);
  if (position < self->items->len + self->tail)
    return g_list_model_get_item (self->model, position);
  return NULL;
}

static void
gr_paced_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = gr_paced_model_get_item_type;
  iface->get_n_items = gr_paced_model_get_n_items;
  iface->get_item = gr_paced_model_get_item;
}

/*
 * Catching up
 */

static void
set_behind (GrPacedModel *self,
            gboolean      behind)
{
  if (self->behind == !!behind)
    return;
  self->behind = !!behind;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PENDING]);
}

/* Replaces held items [position, position + removed) by the model's
 * items [position, position + added), and says so. */
static void
splice (GrPacedModel *self,
        guint         position,
        guint         removed,
        guint         added)
{
  g_assert (self->tail == 0);
  if (removed > 0)
    g_ptr_array_remove_range (self->items, position, removed);
  if (added > 0)
    {
      g_autoptr(GPtrArray) fresh = g_ptr_array_new_full (added, NULL);

      for (guint i = 0; i < added; i++)
        g_ptr_array_add (fresh, g_list_model_get_item (self->model, position + i));
      /* The references of get_item move into the array. */
      g_ptr_array_set_size (self->items, self->items->len + added);
      memmove (&self->items->pdata[position + added], &self->items->pdata[position],
               (self->items->len - added - position) * sizeof (gpointer));
      memcpy (&self->items->pdata[position], fresh->pdata, added * sizeof (gpointer));
    }
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

/* Holds the model's first rows again (in step with it, after a change). */
static void
hold_first_rows (GrPacedModel *self,
                 guint         n_model)
{
  guint hold = MIN (REALIZED, n_model);

  g_ptr_array_set_size (self->items, 0);
  for (guint i = 0; i < hold; i++)
    g_ptr_array_add (self->items, g_list_model_get_item (self->model, i));
  self->tail = n_model - hold;
}

/* The tail is read from the model: when the model has changed and this
 * model is not following at once, it must go, at once (it has no rows of
 * widgets: it lies beyond the first screenfuls). */
static void
drop_tail (GrPacedModel *self)
{
  guint tail = self->tail;

  if (tail == 0)
    return;
  self->tail = 0;
  g_list_model_items_changed (G_LIST_MODEL (self), self->items->len, tail, 0);
}

/* One bite. Returns TRUE when there is more to do. */
static gboolean
catch_up (GrPacedModel *self)
{
  guint n_model = self->model ? g_list_model_get_n_items (self->model) : 0;
  guint same = 0;

  drop_tail (self);
  /* Far held rows have no widgets either: they go at once. */
  if (self->items->len > REALIZED)
    splice (self, REALIZED, self->items->len - REALIZED, 0);

  while (same < self->items->len && same < n_model)
    {
      g_autoptr(GObject) item = g_list_model_get_item (self->model, same);

      if (item != self->items->pdata[same])
        break;
      same++;
    }

  /* Rows that differ go from the end, a bite at a time, so that none
   * move up into the first screenfuls (which would make their widgets). */
  if (same < self->items->len)
    {
      guint start = MAX (same, self->items->len > BITE ? self->items->len - BITE : 0);

      splice (self, start, self->items->len - start, 0);
      return TRUE;
    }

  /* The model's first rows come a bite at a time, while they get widgets. */
  if (self->items->len < MIN (REALIZED, n_model))
    {
      guint from = self->items->len;

      splice (self, from, 0, MIN (BITE, MIN (REALIZED, n_model) - from));
      if (self->items->len < MIN (REALIZED, n_model))
        return TRUE;
    }

  /* In step: the rest is read from the model as it is asked for. */
  self->tail = n_model - self->items->len;
  if (self->tail > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), self->items->len, 0, self->tail);
  return FALSE;
}

static gboolean
step_cb (gpointer user_data)
{
  GrPacedModel *self = user_data;

  if (catch_up (self))
    return G_SOURCE_CONTINUE;
  self->step_id = 0;
  set_behind (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
schedule (GrPacedModel *self)
{
  set_behind (self, TRUE);
  if (self->frozen || self->step_id != 0)
    return;
  self->step_id = g_timeout_add_full (STEP_PRIORITY, STEP_MS, step_cb, self, NULL);
}

static void
items_changed_cb (GrPacedModel *self,
                  guint         position,
                  guint         removed,
                  guint         added,
                  GListModel   *model)
{
  /* In step with the model and a change that makes or destroys few rows
   * of widgets (or only far ones): pass it straight on. */
  if (!self->behind && !self->frozen &&
      (position >= REALIZED || (removed <= BITE && added <= BITE)))
    {
      guint n_model = g_list_model_get_n_items (model);

      if (position >= self->items->len)
        self->tail = n_model - self->items->len;
      else
        hold_first_rows (self, n_model);
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }
  /* What this model shows now is what it holds. */
  drop_tail (self);
  schedule (self);
}

/*
 * GObject
 */

static void
gr_paced_model_dispose (GObject *object)
{
  GrPacedModel *self = GR_PACED_MODEL (object);

  g_clear_handle_id (&self->step_id, g_source_remove);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (gr_paced_model_parent_class)->dispose (object);
}

static void
gr_paced_model_finalize (GObject *object)
{
  GrPacedModel *self = GR_PACED_MODEL (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (gr_paced_model_parent_class)->finalize (object);
}

static void
gr_paced_model_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GrPacedModel *self = GR_PACED_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_FROZEN:
      g_value_set_boolean (value, self->frozen);
      break;

    case PROP_PENDING:
      g_value_set_boolean (value, self->behind);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_paced_model_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GrPacedModel *self = GR_PACED_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      gr_paced_model_set_model (self, g_value_get_object (value));
      break;

    case PROP_FROZEN:
      gr_paced_model_set_frozen (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_paced_model_class_init (GrPacedModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gr_paced_model_dispose;
  object_class->finalize = gr_paced_model_finalize;
  object_class->get_property = gr_paced_model_get_property;
  object_class->set_property = gr_paced_model_set_property;

  properties [PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_FROZEN] =
    g_param_spec_boolean ("frozen", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_PENDING] =
    g_param_spec_boolean ("pending", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gr_paced_model_init (GrPacedModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

GrPacedModel *
gr_paced_model_new (GListModel *model)
{
  return g_object_new (GR_TYPE_PACED_MODEL, "model", model, NULL);
}

GListModel *
gr_paced_model_get_model (GrPacedModel *self)
{
  g_return_val_if_fail (GR_IS_PACED_MODEL (self), NULL);
  return self->model;
}

void
gr_paced_model_set_model (GrPacedModel *self,
                          GListModel   *model)
{
  g_return_if_fail (GR_IS_PACED_MODEL (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  drop_tail (self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  schedule (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MODEL]);
}

gboolean
gr_paced_model_get_frozen (GrPacedModel *self)
{
  g_return_val_if_fail (GR_IS_PACED_MODEL (self), FALSE);
  return self->frozen;
}

void
gr_paced_model_set_frozen (GrPacedModel *self,
                           gboolean      frozen)
{
  g_return_if_fail (GR_IS_PACED_MODEL (self));

  if (self->frozen == !!frozen)
    return;
  self->frozen = !!frozen;
  if (frozen)
    g_clear_handle_id (&self->step_id, g_source_remove);
  else if (self->behind)
    {
      self->behind = FALSE;
      schedule (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FROZEN]);
}

gboolean
gr_paced_model_get_pending (GrPacedModel *self)
{
  g_return_val_if_fail (GR_IS_PACED_MODEL (self), FALSE);
  return self->behind;
}
