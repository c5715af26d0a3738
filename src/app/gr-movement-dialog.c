/* gr-movement-dialog.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-movement-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "gr-error.h"
#include "gr-format.h"
#include "gr-labels.h"
#include "gr-movement-allocation.h"
#include "gr-movement-dialog.h"
#include "gr-movement-entry.h"
#include "gr-profile.h"
#include "gr-resources.h"
#include "gr-schema.h"
#include "gr-store-task.h"
#include "gr-variety.h"

struct _GrMovementDialog
{
  AdwWindow       parent_instance;

  /* Template Widgets */
  GtkLabel       *allocation_label;
  GtkRevealer    *allocation_revealer;
  AdwEntryRow    *counterparty_row;
  AdwEntryRow    *date_row;
  AdwComboRow    *kind_row;
  GtkLabel       *lot_label;
  GtkWidget      *message_box;
  GtkImage       *message_icon;
  GtkLabel       *message_label;
  GtkRevealer    *message_revealer;
  AdwEntryRow    *note_row;
  AdwEntryRow    *price_row;
  AdwEntryRow    *quantity_row;
  GtkButton      *save_button;
  GtkSpinner     *spinner;
  AdwEntryRow    *voucher_row;
  AdwWindowTitle *window_title;

  /* Owned References */
  GCancellable   *cancellable;
  GCancellable   *preview_cancellable;
  char           *db_path;
  char           *lot;
  char           *today;
  char           *message;
  char           *allocation;

  guint           preview_id;
  guint           busy : 1;
  guint           warned : 1;
  guint           filling : 1;
};

G_DEFINE_FINAL_TYPE (GrMovementDialog, gr_movement_dialog, ADW_TYPE_WINDOW)

enum {
  RECORDED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/*
 * Workers
 */

typedef struct {
  GrMovementInput input;
  char           *today;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  gr_movement_input_clear (&job->input);
  g_free (job->today);
  g_free (job);
}

static Job *
job_new (const GrMovementInput *input,
         const char            *today)
{
  Job *job = g_new0 (Job, 1);

  gr_movement_input_init (&job->input);
  job->input.lot = g_strdup (input->lot);
  job->input.date = g_strdup (input->date);
  job->input.kind = g_strdup (input->kind);
  job->input.quantity_kg = input->quantity_kg;
  job->input.price_yuan_per_t = input->price_yuan_per_t;
  job->input.counterparty = g_strdup (input->counterparty);
  job->input.voucher_no = g_strdup (input->voucher_no);
  job->input.note = g_strdup (input->note);
  job->today = g_strdup (today);
  return job;
}

typedef struct {
  GPtrArray       *warnings;
  GrMovementField  field;
  GError          *error;
} Checked;

static void
checked_free (gpointer data)
{
  Checked *c = data;

  g_clear_pointer (&c->warnings, g_ptr_array_unref);
  g_clear_error (&c->error);
  g_free (c);
}

static gpointer
check_worker (GrStore         *store,
              gpointer         task_data,
              GrProgressFunc   progress,
              gpointer         progress_data,
              GCancellable    *cancellable,
              GError         **error)
{
  Job *job = task_data;
  Checked *c = g_new0 (Checked, 1);
  g_autofree char *profile_id = gr_store_get_meta (store, "profile");
  g_autoptr(GrProfile) profile = NULL;

  if (profile_id != NULL)
    {
      g_autoptr(GError) local = NULL;

      /* Without its profile a database still takes movements, unwarned. */
      if ((profile = gr_profile_load (profile_id, &local)) == NULL)
        g_debug ("No warnings: %s", local->message);
    }
  /* A refusal is an answer, not a failure of the task: it comes back
   * with the field it is about. */
  c->warnings = gr_movement_entry_check (store, profile, &job->input, job->today, &c->field, &c->error);
  return c;
}

static gpointer
record_worker (GrStore         *store,
               gpointer         task_data,
               GrProgressFunc   progress,
               gpointer         progress_data,
               GCancellable    *cancellable,
               GError         **error)
{
  Job *job = task_data;
  char *id = NULL;

  if (!gr_movement_entry_record (store, &job->input, job->today, &id, error))
    return NULL;
  return id;
}

typedef struct {
  char   *lot;
  char   *kind;
  char   *date;
  gint64  quantity_kg;
  char   *today;
} Preview;

static void
preview_free (gpointer data)
{
  Preview *p = data;

  g_free (p->lot);
  g_free (p->kind);
  g_free (p->date);
  g_free (p->today);
  g_free (p);
}

/* What the rotate-in or replenishment typed so far would answer: the
 * engine's FIFO on the ledger with it added. */
static gpointer
preview_worker (GrStore         *store,
                gpointer         task_data,
                GrProgressFunc   progress,
                gpointer         progress_data,
                GCancellable    *cancellable,
                GError         **error)
{
  Preview *p = task_data;
  g_autofree char *profile_id = gr_store_get_meta (store, "profile");
  g_autoptr(GrProfile) profile = NULL;
  g_autoptr(GPtrArray) allocations = NULL;
  GString *text;

  if (profile_id == NULL || (profile = gr_profile_load (profile_id, NULL)) == NULL)
    return NULL;
  allocations = gr_movement_allocation_preview (store, profile, p->lot, p->kind, p->date, p->quantity_kg,
                                                p->today, error);
  if (allocations == NULL)
    return NULL;
  text = g_string_new (NULL);
  for (guint i = 0; i < allocations->len; i++)
    {
      GrMovementAllocation *a = allocations->pdata[i];

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, a->message);
    }
  if (text->len == 0)
    g_string_append (text, g_str_equal (p->kind, "rotate_in")
                           /* TRANSLATORS: in the movement dialog, a rotate-in that fills no vacancy */
                           ? _("No open vacancy of this lot's plan: the rotate-in adds to its stock.")
                           /* TRANSLATORS: in the movement dialog, a replenishment that answers no release order */
                           : _("No release order of this enterprise and variety is short: the replenishment adds to its stock."));
  return g_string_free (text, FALSE);
}

/*
 * Auxiliary methods
 */

static AdwEntryRow *
row_of_field (GrMovementDialog *self,
              GrMovementField   field)
{
  switch (field)
    {
    case GR_MOVEMENT_FIELD_DATE:     return self->date_row;
    case GR_MOVEMENT_FIELD_QUANTITY: return self->quantity_row;
    case GR_MOVEMENT_FIELD_PRICE:    return self->price_row;
    case GR_MOVEMENT_FIELD_KIND:
    case GR_MOVEMENT_FIELD_NONE:
    default:                         return NULL;
    }
}

static void
set_busy (GrMovementDialog *self,
          gboolean          busy)
{
  self->busy = !!busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), !busy);
}

static void
set_message (GrMovementDialog *self,
             const char       *text,
             gboolean          is_error)
{
  g_free (self->message);
  self->message = g_strdup (text);
  gtk_label_set_label (self->message_label, text ? text : "");
  gtk_image_set_from_icon_name (self->message_icon, is_error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (self->message_box, is_error ? "warning" : "error");
  gtk_widget_add_css_class (self->message_box, is_error ? "error" : "warning");
  gtk_revealer_set_reveal_child (self->message_revealer, text != NULL);
}

static void
clear_field_errors (GrMovementDialog *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->quantity_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->price_row), "error");
}

/* What was typed stays: the message says what is wrong and the field
 * at fault is marked and focused. */
static void
show_refusal (GrMovementDialog *self,
              const GError     *error,
              GrMovementField   field)
{
  AdwEntryRow *row = row_of_field (self, field);

  clear_field_errors (self);
  set_message (self, error->message, TRUE);
  if (row != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

static void
set_warned (GrMovementDialog *self,
            gboolean          warned)
{
  self->warned = !!warned;
  gtk_button_set_label (self->save_button, warned ? _("Save _Anyway") : _("_Save"));
  if (warned)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->save_button), "suggested-action");
      gtk_widget_add_css_class (GTK_WIDGET (self->save_button), "destructive-action");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->save_button), "destructive-action");
      gtk_widget_add_css_class (GTK_WIDGET (self->save_button), "suggested-action");
    }
}

static const char *
selected_kind (GrMovementDialog *self)
{
  guint position = adw_combo_row_get_selected (self->kind_row);

  return position < g_strv_length ((char **) gr_movement_kinds) ? gr_movement_kinds[position] : NULL;
}

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
read_form (GrMovementDialog *self,
           GrMovementInput  *input)
{
  g_autoptr(GError) error = NULL;
  GrMovementField field = GR_MOVEMENT_FIELD_NONE;

  if (!gr_movement_input_parse (input, self->lot, selected_kind (self),
                                text_of (self->date_row), text_of (self->quantity_row), text_of (self->price_row),
                                text_of (self->counterparty_row), text_of (self->voucher_row), text_of (self->note_row),
                                &field, &error))
    {
      show_refusal (self, error, field);
      return FALSE;
    }
  return TRUE;
}

/*
 * Callbacks
 */

static void
record_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GrMovementDialog *self = GR_MOVEMENT_DIALOG (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *tonnes = NULL;
  g_autofree char *summary = NULL;

  id = gr_store_task_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (id == NULL)
    {
      set_warned (self, FALSE);
      show_refusal (self, error, error->code == GR_ERROR_NEGATIVE ? GR_MOVEMENT_FIELD_QUANTITY : GR_MOVEMENT_FIELD_NONE);
      return;
    }
  {
    gint64 kg = 0;

    gr_movement_parse_quantity (text_of (self->quantity_row), &kg, NULL);
    tonnes = gr_format_tonnes (kg);
  }
  /* TRANSLATORS: the toast after recording: kind, quantity, lot → "已记录 轮出 800 吨（lot-000395）" */
  summary = g_strdup_printf (_("Recorded: %s %s (%s)"), gr_movement_kind_name (selected_kind (self)), tonnes, self->lot);
  g_signal_emit (self, signals [RECORDED], 0, id, summary);
  gtk_window_close (GTK_WINDOW (self));
}

static void
record (GrMovementDialog *self,
        GrMovementInput  *input)
{
  set_busy (self, TRUE);
  gr_store_task_run_async (self, self->db_path, record_worker, job_new (input, self->today), job_free, g_free,
                           NULL, NULL, self->cancellable, record_done_cb, NULL);
}

static void
check_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GrMovementDialog *self = GR_MOVEMENT_DIALOG (object);
  g_autoptr(GError) error = NULL;
  Checked *c;
  g_auto(GrMovementInput) input = { 0 };

  c = gr_store_task_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (c == NULL)
    {
      show_refusal (self, error, GR_MOVEMENT_FIELD_NONE);
      return;
    }
  if (c->warnings == NULL)
    {
      show_refusal (self, c->error, c->field);
      checked_free (c);
      return;
    }
  if (c->warnings->len > 0)
    {
      GString *text = g_string_new (NULL);

      for (guint i = 0; i < c->warnings->len; i++)
        {
          GrMovementWarning *w = c->warnings->pdata[i];

          if (text->len > 0)
            g_string_append_c (text, '\n');
          g_string_append (text, w->message);
        }
      g_string_append_c (text, '\n');
      g_string_append (text, _("You can still save the movement."));
      set_message (self, text->str, FALSE);
      set_warned (self, TRUE);
      g_string_free (text, TRUE);
      checked_free (c);
      return;
    }
  checked_free (c);

  /* Nothing to warn about: record straight away. */
  gr_movement_input_init (&input);
  if (read_form (self, &input))
    record (self, &input);
}

static void
save_clicked_cb (GrMovementDialog *self)
{
  g_auto(GrMovementInput) input = { 0 };

  if (self->busy)
    return;
  gr_movement_input_init (&input);
  clear_field_errors (self);
  if (!read_form (self, &input))
    return;
  /* Warned and unchanged since: the user chose to save anyway. */
  if (self->warned)
    {
      record (self, &input);
      return;
    }
  set_message (self, NULL, FALSE);
  set_busy (self, TRUE);
  gr_store_task_run_async (self, self->db_path, check_worker, job_new (&input, self->today), job_free, checked_free,
                           NULL, NULL, self->cancellable, check_done_cb, NULL);
}

static void
preview_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GrMovementDialog *self = GR_MOVEMENT_DIALOG (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gr_store_task_run_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_free (self->allocation);
  self->allocation = g_steal_pointer (&text);
  gtk_label_set_label (self->allocation_label, self->allocation ? self->allocation : "");
  gtk_revealer_set_reveal_child (self->allocation_revealer, self->allocation != NULL);
}

static gboolean
preview_timeout_cb (gpointer user_data)
{
  GrMovementDialog *self = GR_MOVEMENT_DIALOG (user_data);
  const char *kind = selected_kind (self);
  g_autofree char *date = NULL;
  gint64 kg = 0;
  Preview *p;

  self->preview_id = 0;
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  date = gr_movement_parse_date (text_of (self->date_row), NULL);
  if ((g_strcmp0 (kind, "rotate_in") != 0 && g_strcmp0 (kind, "replenish") != 0) || date == NULL ||
      !gr_movement_parse_quantity (text_of (self->quantity_row), &kg, NULL))
    {
      g_clear_pointer (&self->allocation, g_free);
      gtk_revealer_set_reveal_child (self->allocation_revealer, FALSE);
      return G_SOURCE_REMOVE;
    }
  p = g_new0 (Preview, 1);
  p->lot = g_strdup (self->lot);
  p->kind = g_strdup (kind);
  p->date = g_steal_pointer (&date);
  p->quantity_kg = kg;
  p->today = g_strdup (self->today);
  self->preview_cancellable = g_cancellable_new ();
  gr_store_task_run_async (self, self->db_path, preview_worker, p, preview_free, g_free,
                           NULL, NULL, self->preview_cancellable, preview_done_cb, NULL);
  return G_SOURCE_REMOVE;
}

/* A rotate-in or a replenishment says what it will answer while it is
 * typed (after a pause: each preview reads the ledger). */
static void
queue_preview (GrMovementDialog *self)
{
  g_clear_handle_id (&self->preview_id, g_source_remove);
  self->preview_id = g_timeout_add (250, preview_timeout_cb, self);
}

static void
form_changed_cb (GrMovementDialog *self)
{
  if (self->filling)
    return;
  queue_preview (self);
  /* A warning was about what was typed then: ask again. */
  if (self->warned)
    {
      set_warned (self, FALSE);
      set_message (self, NULL, FALSE);
    }
}

/*
 * GObject overrides
 */

static void
gr_movement_dialog_dispose (GObject *object)
{
  GrMovementDialog *self = GR_MOVEMENT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_handle_id (&self->preview_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), GR_TYPE_MOVEMENT_DIALOG);

  G_OBJECT_CLASS (gr_movement_dialog_parent_class)->dispose (object);
}

static void
gr_movement_dialog_finalize (GObject *object)
{
  GrMovementDialog *self = GR_MOVEMENT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->preview_cancellable);
  g_free (self->allocation);
  g_free (self->db_path);
  g_free (self->lot);
  g_free (self->today);
  g_free (self->message);

  G_OBJECT_CLASS (gr_movement_dialog_parent_class)->finalize (object);
}

static void
gr_movement_dialog_class_init (GrMovementDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gr_movement_dialog_dispose;
  object_class->finalize = gr_movement_dialog_finalize;

  signals [RECORDED] =
    g_signal_new ("recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gr_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/gr-movement-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GrMovementDialog, allocation_label);
  gtk_widget_class_bind_template_child (widget_class, GrMovementDialog, allocation_revealer);
  gtk_widget_class_bind_template_child (widget_class, GrMovementDialog, counterparty_row);
  gtk_widget_class_bind_template_child (widget_class, GrMovementDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, GrMovementDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, GrMovementDialog, lot_label);
  gtk_widget_class_bind_template_child (widget_class, GrMovementDialog, message_box);
  gtk_widget_class_bind_template_child (widget_class, GrMovementDialog, message_icon);
  gtk_widget_class_bind_template_child (widget_class, GrMovementDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, GrMovementDialog, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, GrMovementDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, GrMovementDialog, price_row);
  gtk_widget_class_bind_template_child (widget_class, GrMovementDialog, quantity_row);
  gtk_widget_class_bind_template_child (widget_class, GrMovementDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, GrMovementDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, GrMovementDialog, voucher_row);
  gtk_widget_class_bind_template_child (widget_class, GrMovementDialog, window_title);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gr_movement_dialog_init (GrMovementDialog *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  AdwEntryRow *rows[6];

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  for (guint i = 0; gr_movement_kinds[i] != NULL; i++)
    gtk_string_list_append (kinds, gr_movement_kind_name (gr_movement_kinds[i]));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));

  /* The rows were bound by the template: read them only now. */
  rows[0] = self->date_row;
  rows[1] = self->quantity_row;
  rows[2] = self->price_row;
  rows[3] = self->counterparty_row;
  rows[4] = self->voucher_row;
  rows[5] = self->note_row;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_signal_connect_object (rows[i], "changed", G_CALLBACK (form_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->kind_row, "notify::selected", G_CALLBACK (form_changed_cb), self, G_CONNECT_SWAPPED);
}

/*
 * Public API
 */

GrMovementDialog *
gr_movement_dialog_new (GtkWindow         *parent,
                        const char        *db_path,
                        const GrLotDetail *lot,
                        const char        *today)
{
  GrMovementDialog *self;
  g_autofree char *balance = NULL;
  g_autofree char *summary = NULL;
  guint position = 0;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (lot != NULL, NULL);

  self = g_object_new (GR_TYPE_MOVEMENT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->db_path = g_strdup (db_path);
  self->lot = g_strdup (lot->id);
  self->today = today ? g_strdup (today) : gr_today_iso ();

  adw_window_title_set_subtitle (self->window_title, lot->id);
  balance = gr_format_tonnes (lot->balance_kg);
  /* TRANSLATORS: what the movement dialog is about: variety · depot, bin · balance →
   * "中晚籼稻 · 清远市粮食储备库（龙塘库区） P01 · 结存 5,780 吨" */
  summary = g_strdup_printf (_("%s · %s, bin %s · in store %s"), gr_variety_name (lot->variety),
                             lot->depot_name, lot->bin_code, balance);
  gtk_label_set_label (self->lot_label, summary);

  /* A lot in store most often goes out in a rotation; an empty one takes grain in. */
  for (guint i = 0; gr_movement_kinds[i] != NULL; i++)
    if (g_str_equal (gr_movement_kinds[i], lot->balance_kg > 0 ? "rotate_out" : "intake"))
      position = i;
  self->filling = TRUE;
  adw_combo_row_set_selected (self->kind_row, position);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), self->today);
  self->filling = FALSE;
  return self;
}

void
gr_movement_dialog_fill (GrMovementDialog *self,
                         const char       *kind,
                         const char       *date,
                         const char       *quantity)
{
  g_return_if_fail (GR_IS_MOVEMENT_DIALOG (self));

  for (guint i = 0; kind != NULL && gr_movement_kinds[i] != NULL; i++)
    if (g_str_equal (gr_movement_kinds[i], kind))
      adw_combo_row_set_selected (self->kind_row, i);
  if (date != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  if (quantity != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->quantity_row), quantity);
}

const char *
gr_movement_dialog_get_allocation (GrMovementDialog *self)
{
  g_return_val_if_fail (GR_IS_MOVEMENT_DIALOG (self), NULL);
  return self->allocation;
}

void
gr_movement_dialog_save (GrMovementDialog *self)
{
  g_return_if_fail (GR_IS_MOVEMENT_DIALOG (self));
  save_clicked_cb (self);
}

gboolean
gr_movement_dialog_get_busy (GrMovementDialog *self)
{
  g_return_val_if_fail (GR_IS_MOVEMENT_DIALOG (self), FALSE);
  return self->busy;
}

const char *
gr_movement_dialog_get_message (GrMovementDialog *self)
{
  g_return_val_if_fail (GR_IS_MOVEMENT_DIALOG (self), NULL);
  return self->message;
}

gboolean
gr_movement_dialog_get_warned (GrMovementDialog *self)
{
  g_return_val_if_fail (GR_IS_MOVEMENT_DIALOG (self), FALSE);
  return self->warned;
}

const char *
gr_movement_dialog_get_quantity_text (GrMovementDialog *self)
{
  g_return_val_if_fail (GR_IS_MOVEMENT_DIALOG (self), NULL);
  return text_of (self->quantity_row);
}
