/* gr-inspection-saver.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-inspection-saver"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gr-inspection-saver.h"
#include "gr-store-task.h"

struct _GrFindingRef
{
  gatomicrefcount  ref_count;
  char            *id;   /* written once by the worker, read after it returned */
};

GrFindingRef *
gr_finding_ref_new (const char *id)
{
  GrFindingRef *ref = g_new0 (GrFindingRef, 1);

  g_atomic_ref_count_init (&ref->ref_count);
  ref->id = g_strdup (id);
  return ref;
}

GrFindingRef *
gr_finding_ref_ref (GrFindingRef *ref)
{
  g_atomic_ref_count_inc (&ref->ref_count);
  return ref;
}

void
gr_finding_ref_unref (GrFindingRef *ref)
{
  if (ref == NULL || !g_atomic_ref_count_dec (&ref->ref_count))
    return;
  g_free (g_atomic_pointer_get (&ref->id));
  g_free (ref);
}

const char *
gr_finding_ref_get_id (GrFindingRef *ref)
{
  return g_atomic_pointer_get (&ref->id);
}

GrSaveOp *
gr_save_op_new (GrSaveOpKind kind)
{
  GrSaveOp *op = g_new0 (GrSaveOp, 1);

  g_atomic_ref_count_init (&op->ref_count);
  op->kind = kind;
  op->kg = -1;
  return op;
}

GrSaveOp *
gr_save_op_ref (GrSaveOp *op)
{
  g_atomic_ref_count_inc (&op->ref_count);
  return op;
}

void
gr_save_op_unref (GrSaveOp *op)
{
  if (op == NULL || !g_atomic_ref_count_dec (&op->ref_count))
    return;
  g_free (op->bin);
  g_free (op->text);
  g_free (op->text2);
  g_free (op->text3);
  g_strfreev (op->names);
  g_clear_pointer (&op->finding, gr_finding_ref_unref);
  g_free (op->error);
  g_free (op->result);
  g_free (op);
}

/* Whether b writes the same thing as a, so that a need not be written. */
static gboolean
same_target (const GrSaveOp *a,
             const GrSaveOp *b)
{
  if (a->kind != b->kind)
    return FALSE;
  switch (a->kind)
    {
    case GR_SAVE_DATE:
    case GR_SAVE_KIND:
    case GR_SAVE_INSPECTORS:
      return TRUE;
    case GR_SAVE_READING:
    case GR_SAVE_QUANTITY:
      return g_strcmp0 (a->bin, b->bin) == 0 && a->field == b->field;
    case GR_SAVE_NOTE:
    case GR_SAVE_DANGEROUS:
      return g_strcmp0 (a->bin, b->bin) == 0;
    case GR_SAVE_CHECK:
      return g_strcmp0 (a->text, b->text) == 0;
    case GR_SAVE_FINDING:
      return a->finding == b->finding;
    case GR_SAVE_FINDING_REMOVE:
    case GR_SAVE_PHOTO_ADD:
    case GR_SAVE_PHOTO_REMOVE:
    case GR_SAVE_SIGN:
    case GR_SAVE_DISCARD:
    default:
      return FALSE;
    }
}

struct _GrInspectionSaver
{
  GObject       parent_instance;

  char         *db_path;
  char         *id;
  char         *today;
  GrStandards  *standards;
  GQueue        waiting;     /* GrSaveOp */
  GCancellable *cancellable;
  char         *incomplete;
  guint         n_done;
  gboolean      running;
};

G_DEFINE_FINAL_TYPE (GrInspectionSaver, gr_inspection_saver, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  OP_DONE,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void send_waiting (GrInspectionSaver *self);

/*
 * The worker
 */

typedef struct {
  char         *id;
  char         *today;
  GrStandards  *standards;
  GPtrArray    *ops;        /* GrSaveOp */
} Batch;

static void
batch_free (Batch *batch)
{
  g_free (batch->id);
  g_free (batch->today);
  gr_standards_unref (batch->standards);
  g_ptr_array_unref (batch->ops);
  g_free (batch);
}

static gboolean
apply (GrInspection  *inspection,
       GrSaveOp      *op,
       GError       **error)
{
  switch (op->kind)
    {
    case GR_SAVE_DATE:
      return gr_inspection_set_date (inspection, op->text, error);
    case GR_SAVE_KIND:
      return gr_inspection_set_kind (inspection, op->text, error);
    case GR_SAVE_INSPECTORS:
      return gr_inspection_set_inspectors (inspection, (const char * const *) op->names, error);
    case GR_SAVE_READING:
      return gr_inspection_set_reading (inspection, op->bin, op->field, op->value, error);
    case GR_SAVE_NOTE:
      return gr_inspection_set_reading_note (inspection, op->bin, op->text, error);
    case GR_SAVE_DANGEROUS:
      return gr_inspection_set_dangerous_pests (inspection, op->bin, op->flag, error);
    case GR_SAVE_QUANTITY:
      return gr_inspection_set_quantity (inspection, op->bin, op->field, op->kg, error);
    case GR_SAVE_CHECK:
      return gr_inspection_set_check (inspection, op->text, op->text2, error);
    case GR_SAVE_FINDING:
      {
        const char *id = gr_finding_ref_get_id (op->finding);
        char *new_id = NULL;

        if (id != NULL)
          return gr_inspection_update_finding (inspection, id, op->text, op->text2, op->text3, error);
        if (!gr_inspection_add_finding (inspection, op->text, op->text2, op->text3, &new_id, error))
          return FALSE;
        g_atomic_pointer_set (&op->finding->id, new_id);
        return TRUE;
      }
    case GR_SAVE_FINDING_REMOVE:
      {
        const char *id = gr_finding_ref_get_id (op->finding);

        /* Never saved: nothing to remove. */
        return id == NULL || gr_inspection_remove_finding (inspection, id, error);
      }
    case GR_SAVE_PHOTO_ADD:
      return gr_inspection_add_photo (inspection, op->text, &op->result, error);
    case GR_SAVE_PHOTO_REMOVE:
      return gr_inspection_remove_photo (inspection, op->text, error);
    case GR_SAVE_SIGN:
      return gr_inspection_sign (inspection, op->text, op->text2, error);
    case GR_SAVE_DISCARD:
      return gr_inspection_discard (inspection, error);
    default:
      g_return_val_if_reached (FALSE);
    }
}

static gpointer
save_worker (GrStore         *store,
             gpointer         task_data,
             GrProgressFunc   progress,
             gpointer         progress_data,
             GCancellable    *cancellable,
             GError         **error)
{
  Batch *batch = task_data;
  g_autoptr(GrInspection) inspection = NULL;
  g_autoptr(GError) open_error = NULL;

  inspection = gr_inspection_open (store, batch->standards, batch->id, batch->today, &open_error);
  for (guint i = 0; i < batch->ops->len; i++)
    {
      GrSaveOp *op = batch->ops->pdata[i];
      g_autoptr(GError) local_error = NULL;

      if (inspection == NULL)
        {
          op->error = g_strdup (open_error->message);
          continue;
        }
      /* Each in its own transaction: one refused value does not hold
       * back the others. */
      if (!apply (inspection, op, &local_error))
        op->error = g_strdup (local_error->message);
    }
  if (inspection == NULL)
    return NULL;
  /* What the sign-off would still refuse, for the form to show. */
  return gr_inspection_is_signed (inspection) ? g_strdup ("") : gr_inspection_check_complete (inspection);
}

/*
 * Auxiliary methods
 */

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GrInspectionSaver *self = GR_INSPECTION_SAVER (object);
  g_autoptr(GPtrArray) ops = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *incomplete = NULL;

  incomplete = gr_store_task_run_finish (result, &error);
  self->running = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_warning ("Could not save the inspection: %s", error->message);
  else
    {
      g_free (self->incomplete);
      self->incomplete = incomplete != NULL && *incomplete != '\0' ? g_steal_pointer (&incomplete) : NULL;
    }

  g_object_ref (self);
  for (guint i = 0; i < ops->len; i++)
    {
      GrSaveOp *op = ops->pdata[i];

      if (error != NULL && op->error == NULL)
        op->error = g_strdup (error->message);
      self->n_done++;
      g_signal_emit (self, signals [OP_DONE], 0, op);
    }
  send_waiting (self);
  if (!self->running)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
  g_object_unref (self);
}

static void
send_waiting (GrInspectionSaver *self)
{
  g_autoptr(GPtrArray) ops = NULL;
  Batch *batch;

  if (self->running || g_queue_is_empty (&self->waiting))
    return;

  ops = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_save_op_unref);
  while (!g_queue_is_empty (&self->waiting))
    g_ptr_array_add (ops, g_queue_pop_head (&self->waiting));
  batch = g_new0 (Batch, 1);
  batch->id = g_strdup (self->id);
  batch->today = g_strdup (self->today);
  batch->standards = gr_standards_ref (self->standards);
  batch->ops = g_ptr_array_ref (ops);
  self->running = TRUE;
  gr_store_task_run_async (self, self->db_path, save_worker, batch, (GDestroyNotify) batch_free, g_free,
                           NULL, NULL, self->cancellable, save_done_cb, g_steal_pointer (&ops));
}

/*
 * GObject overrides
 */

static void
gr_inspection_saver_finalize (GObject *object)
{
  GrInspectionSaver *self = GR_INSPECTION_SAVER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_queue_clear_full (&self->waiting, (GDestroyNotify) gr_save_op_unref);
  g_clear_pointer (&self->standards, gr_standards_unref);
  g_free (self->db_path);
  g_free (self->id);
  g_free (self->today);
  g_free (self->incomplete);

  G_OBJECT_CLASS (gr_inspection_saver_parent_class)->finalize (object);
}

static void
gr_inspection_saver_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  GrInspectionSaver *self = GR_INSPECTION_SAVER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, gr_inspection_saver_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_inspection_saver_class_init (GrInspectionSaverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gr_inspection_saver_finalize;
  object_class->get_property = gr_inspection_saver_get_property;

  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted on the main thread for each operation applied, in order;
   * op->error tells whether it was saved. */
  signals [OP_DONE] =
    g_signal_new ("op-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
gr_inspection_saver_init (GrInspectionSaver *self)
{
  g_queue_init (&self->waiting);
  self->cancellable = g_cancellable_new ();
}

/*
 * Public API
 */

GrInspectionSaver *
gr_inspection_saver_new (const char  *db_path,
                         const char  *inspection_id,
                         GrStandards *standards,
                         const char  *today)
{
  GrInspectionSaver *self = g_object_new (GR_TYPE_INSPECTION_SAVER, NULL);

  g_return_val_if_fail (db_path != NULL && inspection_id != NULL && standards != NULL, NULL);

  self->db_path = g_strdup (db_path);
  self->id = g_strdup (inspection_id);
  self->standards = gr_standards_ref (standards);
  self->today = today != NULL ? g_strdup (today) : NULL;
  return self;
}

void
gr_inspection_saver_push (GrInspectionSaver *self,
                          GrSaveOp          *op)
{
  gboolean was_busy;

  g_return_if_fail (GR_IS_INSPECTION_SAVER (self));
  g_return_if_fail (op != NULL);

  was_busy = gr_inspection_saver_get_busy (self);
  /* A newer value of a field still waiting replaces it. */
  for (GList *l = self->waiting.head; l != NULL; l = l->next)
    if (same_target (l->data, op))
      {
        gr_save_op_unref (l->data);
        g_queue_delete_link (&self->waiting, l);
        break;
      }
  g_queue_push_tail (&self->waiting, op);
  send_waiting (self);
  if (!was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

gboolean
gr_inspection_saver_get_busy (GrInspectionSaver *self)
{
  g_return_val_if_fail (GR_IS_INSPECTION_SAVER (self), FALSE);
  return self->running || !g_queue_is_empty (&self->waiting);
}

const char *
gr_inspection_saver_get_incomplete (GrInspectionSaver *self)
{
  g_return_val_if_fail (GR_IS_INSPECTION_SAVER (self), NULL);
  return self->incomplete;
}

guint
gr_inspection_saver_get_n_done (GrInspectionSaver *self)
{
  g_return_val_if_fail (GR_IS_INSPECTION_SAVER (self), 0);
  return self->n_done;
}
