/* gr-sync-inbox.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-sync-inbox"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "gr-format.h"
#include "gr-json-writer.h"
#include "gr-labels.h"
#include "gr-store-task.h"
#include "gr-sync.h"
#include "gr-sync-inbox.h"
#include "gr-sync-state.h"

struct _GrSyncInbox
{
  AdwWindow           parent_instance;

  /* Built in code */
  GtkStack           *stack;
  AdwPreferencesPage *page;
  AdwToastOverlay    *toasts;
  GPtrArray          *groups;          /* AdwPreferencesGroup shown (borrowed) */

  /* Owned References */
  GrSyncService      *service;
  GCancellable       *cancellable;
  GHashTable         *entries;         /* "conflict-id\nfield" or "mutation\nfield" → GtkEditable (borrowed) */
  GHashTable         *originals;       /* the same keys → JsonNode of the value shown */

  guint               n_conflicts;
  guint               n_rejected;
  guint               busy;
};

G_DEFINE_FINAL_TYPE (GrSyncInbox, gr_sync_inbox, ADW_TYPE_WINDOW)

typedef struct {
  GPtrArray *conflicts;   /* GrSyncConflict */
  GPtrArray *rejected;    /* GrSyncChange */
} Contents;

static void
contents_free (Contents *contents)
{
  g_clear_pointer (&contents->conflicts, g_ptr_array_unref);
  g_clear_pointer (&contents->rejected, g_ptr_array_unref);
  g_free (contents);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Contents, contents_free)

static void reload (GrSyncInbox *self);

/*
 * Workers
 */

static gpointer
read_worker (GrStore         *store,
             gpointer         task_data,
             GrProgressFunc   progress,
             gpointer         progress_data,
             GCancellable    *cancellable,
             GError         **error)
{
  g_autoptr(Contents) contents = g_new0 (Contents, 1);
  g_autoptr(GPtrArray) changes = NULL;

  if ((contents->conflicts = gr_sync_list_conflicts (store, error)) == NULL ||
      (changes = gr_sync_list_changes (store, G_MAXINT, error)) == NULL)
    return NULL;
  contents->rejected = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_sync_change_free);
  for (guint i = 0; i < changes->len; i++)
    if (((GrSyncChange *) changes->pdata[i])->state == GR_RECORD_SYNC_REJECTED)
      g_ptr_array_add (contents->rejected, g_steal_pointer (&changes->pdata[i]));
  return g_steal_pointer (&contents);
}

typedef enum {
  SETTLE_MINE,
  SETTLE_THEIRS,
  SETTLE_EDITED,
  SETTLE_RESEND,
  SETTLE_DISCARD,
} SettleKind;

typedef struct {
  SettleKind  kind;
  gint64      conflict_id;
  char       *mutation_id;
  char       *fields;       /* JSON object of values, or NULL */
} Settle;

static void
settle_free (Settle *settle)
{
  g_free (settle->mutation_id);
  g_free (settle->fields);
  g_free (settle);
}

static gpointer
settle_worker (GrStore         *store,
               gpointer         task_data,
               GrProgressFunc   progress,
               gpointer         progress_data,
               GCancellable    *cancellable,
               GError         **error)
{
  Settle *settle = task_data;
  gboolean ok = FALSE;

  switch (settle->kind)
    {
    case SETTLE_MINE:
      ok = gr_sync_resolve (store, settle->conflict_id, GR_SYNC_KEEP_MINE, error);
      break;
    case SETTLE_THEIRS:
      ok = gr_sync_resolve (store, settle->conflict_id, GR_SYNC_KEEP_THEIRS, error);
      break;
    case SETTLE_EDITED:
      ok = gr_sync_resolve_edited (store, settle->conflict_id, settle->fields, error);
      break;
    case SETTLE_RESEND:
      ok = gr_sync_resend (store, settle->mutation_id, settle->fields, error);
      break;
    case SETTLE_DISCARD:
      ok = gr_sync_discard (store, settle->mutation_id, error);
      break;
    default:
      g_assert_not_reached ();
    }
  return ok ? GINT_TO_POINTER (settle->kind + 1) : NULL;
}

/*
 * Values
 */

/* A value as people read it: text without quotes, null as a dash. */
static char *
value_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return gr_json_node_to_text (node);
}

/* The text typed in, as a value of the kind shown before: text stays
 * text; numbers, booleans and lists are read as JSON; empty is null. */
static JsonNode *
value_from_text (const char  *text,
                 JsonNode    *original,
                 GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;

  if (*text == '\0')
    return json_node_init_null (json_node_alloc ());
  if (original != NULL && JSON_NODE_HOLDS_VALUE (original) && json_node_get_value_type (original) == G_TYPE_STRING)
    return json_node_init_string (json_node_alloc (), text);
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text, -1, NULL))
    {
      if (original == NULL || JSON_NODE_HOLDS_NULL (original))
        return json_node_init_string (json_node_alloc (), text);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“%s” is not a valid value"), text);
      return NULL;
    }
  return json_node_copy (json_parser_get_root (parser));
}

static char *
entry_key (const char *owner,
           const char *field)
{
  return g_strconcat (owner, "\n", field, NULL);
}

/* The edited values of owner's fields as a JSON object, or NULL with
 * error; only the fields whose text changed when changed_only. */
static char *
collect_fields (GrSyncInbox  *self,
                const char   *owner,
                gboolean      changed_only,
                GError      **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *prefix = g_strconcat (owner, "\n", NULL);
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0;

  json_builder_begin_object (builder);
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *field;
      JsonNode *original;
      g_autofree char *before = NULL;
      const char *text;
      JsonNode *node;

      if (!g_str_has_prefix (key, prefix))
        continue;
      field = (const char *) key + strlen (prefix);
      original = g_hash_table_lookup (self->originals, key);
      text = gtk_editable_get_text (GTK_EDITABLE (value));
      before = value_text (original);
      if (changed_only && g_strcmp0 (before, text) == 0)
        continue;
      if ((node = value_from_text (text, original, error)) == NULL)
        {
          g_prefix_error (error, "%s: ", field);
          return NULL;
        }
      json_builder_set_member_name (builder, field);
      json_builder_add_value (builder, node);
      n++;
    }
  json_builder_end_object (builder);
  if (changed_only && n == 0)
    return NULL;
  root = json_builder_get_root (builder);
  return gr_json_node_to_text (root);
}

/*
 * Settling
 */

static void
settle_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GrSyncInbox *self = GR_SYNC_INBOX (object);
  g_autoptr(GError) error = NULL;
  gpointer done = gr_store_task_run_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy--;
  if (done == NULL)
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
  else
    {
      SettleKind kind = GPOINTER_TO_INT (done) - 1;

      adw_toast_overlay_add_toast (self->toasts,
                                   adw_toast_new (kind == SETTLE_DISCARD ? _("Change discarded")
                                                  : kind == SETTLE_THEIRS ? _("The server's version kept")
                                                  /* TRANSLATORS: toast: a settled change is on its way to the server */
                                                  : _("Settled: sending it to the server")));
      /* What was settled goes out now, not at the next timer. */
      gr_sync_service_refresh (self->service);
      if (kind != SETTLE_DISCARD && kind != SETTLE_THEIRS)
        gr_sync_service_sync_now (self->service);
    }
  reload (self);
}

static void
run_settle (GrSyncInbox *self,
            Settle      *settle)
{
  self->busy++;
  gr_store_task_run_async (self, gr_sync_service_get_db_path (self->service), settle_worker, settle,
                           (GDestroyNotify) settle_free, NULL, NULL, NULL, self->cancellable, settle_done_cb, NULL);
}

static void
conflict_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  GrSyncInbox *self = GR_SYNC_INBOX (widget);
  Settle *settle = g_new0 (Settle, 1);

  settle->conflict_id = g_variant_get_int64 (param);
  if (g_str_equal (action_name, "inbox.keep-mine"))
    settle->kind = SETTLE_MINE;
  else if (g_str_equal (action_name, "inbox.keep-theirs"))
    settle->kind = SETTLE_THEIRS;
  else
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *owner = g_strdup_printf ("%" G_GINT64_FORMAT, settle->conflict_id);

      settle->kind = SETTLE_EDITED;
      settle->fields = collect_fields (self, owner, FALSE, &error);
      if (settle->fields == NULL)
        {
          adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
          settle_free (settle);
          return;
        }
    }
  run_settle (self, settle);
}

static void
resend_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  GrSyncInbox *self = GR_SYNC_INBOX (widget);
  g_autoptr(GError) error = NULL;
  Settle *settle = g_new0 (Settle, 1);

  settle->kind = SETTLE_RESEND;
  settle->mutation_id = g_variant_dup_string (param, NULL);
  settle->fields = collect_fields (self, settle->mutation_id, TRUE, &error);
  if (error != NULL)
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      settle_free (settle);
      return;
    }
  run_settle (self, settle);
}

static void
discard_now_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  GrSyncInbox *self = GR_SYNC_INBOX (widget);
  Settle *settle = g_new0 (Settle, 1);

  settle->kind = SETTLE_DISCARD;
  settle->mutation_id = g_variant_dup_string (param, NULL);
  run_settle (self, settle);
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     GrSyncInbox      *self)
{
  const char *mutation_id = g_object_get_data (G_OBJECT (dialog), "mutation-id");

  if (g_strcmp0 (response, "discard") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "inbox.discard-now", "s", mutation_id);
}

static void
discard_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  GrSyncInbox *self = GR_SYNC_INBOX (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard This Change?"),
                                   _("It is removed from this computer and never sent: the record goes back to what "
                                     "it was before the change. This cannot be undone."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "mutation-id", g_variant_dup_string (param, NULL), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/*
 * Building the page
 */

static GtkWidget *
action_button (const char *label,
               const char *action,
               GVariant   *target,
               const char *style)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  if (style != NULL)
    gtk_widget_add_css_class (button, style);
  return button;
}

static GtkWidget *
grid_label (const char *text,
            gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_selectable (GTK_LABEL (label), !heading);
  gtk_widget_set_tooltip_text (label, text);
  if (heading)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  return label;
}

static void
add_group (GrSyncInbox         *self,
           AdwPreferencesGroup *group)
{
  adw_preferences_page_add (self->page, group);
  g_ptr_array_add (self->groups, group);
}

static void
add_conflict (GrSyncInbox          *self,
              const GrSyncConflict *conflict)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autoptr(JsonParser) mine_parser = json_parser_new ();
  g_autoptr(JsonParser) theirs_parser = json_parser_new ();
  JsonObject *mine = NULL, *theirs = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *owner = g_strdup_printf ("%" G_GINT64_FORMAT, conflict->id);
  g_autofree char *when = gr_format_relative_time (conflict->created_at, NULL);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  if (json_parser_load_from_data (mine_parser, conflict->mine ? conflict->mine : "{}", -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (mine_parser)))
    mine = json_node_get_object (json_parser_get_root (mine_parser));
  if (conflict->theirs != NULL && json_parser_load_from_data (theirs_parser, conflict->theirs, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (theirs_parser)))
    theirs = json_node_get_object (json_parser_get_root (theirs_parser));

  /* TRANSLATORS: a conflict in the inbox: record kind and id → "轮换计划 RP-2026" */
  title = g_strdup_printf (_("%s %s"), gr_entity_label (conflict->entity), conflict->entity_id);
  /* TRANSLATORS: under a conflict: when it came back, the server's version */
  description = g_strdup_printf (_("Changed here and on the server (version %lld) · %s. The server's values "
                                   "show until you choose."), (long long) conflict->server_version, when);
  adw_preferences_group_set_title (group, title);
  adw_preferences_group_set_description (group, description);

  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_widget_set_margin_top (grid, 12);
  gtk_widget_set_margin_bottom (grid, 12);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  /* TRANSLATORS: conflict inbox columns: the field, my value, the server's value, the value to use */
  gtk_grid_attach (GTK_GRID (grid), grid_label (_("Field"), TRUE), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), grid_label (_("Mine"), TRUE), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), grid_label (_("Theirs"), TRUE), 2, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), grid_label (_("Use"), TRUE), 3, 0, 1, 1);
  /* Every field of my change: those changed on both sides first (marked),
   * then the others, which the server did not take either. */
  {
    g_autoptr(GPtrArray) shown = g_ptr_array_new ();
    JsonObjectIter iter;
    const char *name;
    JsonNode *value;
    int row = 1;

    for (guint i = 0; conflict->fields != NULL && conflict->fields[i] != NULL; i++)
      g_ptr_array_add (shown, conflict->fields[i]);
    if (mine != NULL)
      {
        json_object_iter_init_ordered (&iter, mine);
        while (json_object_iter_next_ordered (&iter, &name, &value))
          if (!g_strv_contains ((const char * const *) conflict->fields, name) && !g_str_equal (name, "id") &&
              !g_str_equal (name, "version") && !g_str_equal (name, "updated_at") && !g_str_equal (name, "updated_by"))
            g_ptr_array_add (shown, (gpointer) name);
      }
    for (guint i = 0; i < shown->len; i++)
      {
        const char *field = shown->pdata[i];
        gboolean both = g_strv_contains ((const char * const *) conflict->fields, field);
        JsonNode *my_value = mine ? json_object_get_member (mine, field) : NULL;
        JsonNode *their_value = theirs ? json_object_get_member (theirs, field) : NULL;
        g_autofree char *my_text = value_text (my_value);
        g_autofree char *their_text = value_text (their_value);
        GtkWidget *name_label = grid_label (gr_field_label (conflict->entity, field), FALSE);

        /* Only the values are for copying; the focus starts at the entries. */
        gtk_label_set_selectable (GTK_LABEL (name_label), FALSE);
        GtkWidget *mine_label = grid_label (my_text, FALSE);
        GtkWidget *entry = gtk_entry_new ();

        if (both)
          {
            gtk_widget_add_css_class (name_label, "warning");
            /* TRANSLATORS: tooltip of a field in a conflict: changed here and on the server */
            gtk_widget_set_tooltip_text (name_label, _("Changed here and on the server"));
          }
        gtk_grid_attach (GTK_GRID (grid), name_label, 0, row, 1, 1);
        /* Codes read as words; the entry keeps the code, which is what is sent. */
        gtk_label_set_text (GTK_LABEL (mine_label), gr_field_value_label (conflict->entity, field, my_text));
        gtk_widget_add_css_class (mine_label, "accent");
        gtk_widget_set_hexpand (mine_label, TRUE);
        gtk_grid_attach (GTK_GRID (grid), mine_label, 1, row, 1, 1);
        gtk_grid_attach (GTK_GRID (grid), grid_label (gr_field_value_label (conflict->entity, field, their_text), FALSE),
                         2, row, 1, 1);
        gtk_editable_set_text (GTK_EDITABLE (entry), my_text);
        gtk_editable_set_width_chars (GTK_EDITABLE (entry), 14);
        gtk_grid_attach (GTK_GRID (grid), entry, 3, row, 1, 1);
        g_hash_table_insert (self->entries, entry_key (owner, field), entry);
        g_hash_table_insert (self->originals, entry_key (owner, field),
                             my_value ? json_node_copy (my_value) : json_node_init_null (json_node_alloc ()));
        row++;
      }
    /* A delete on one side has no fields to compare: say what happened. */
    if (g_strcmp0 (conflict->op, "delete") == 0 ||
        (theirs != NULL && json_object_get_boolean_member_with_default (theirs, "deleted", FALSE)))
      {
        GtkWidget *note = gtk_label_new (g_strcmp0 (conflict->op, "delete") == 0
                                         ? _("You deleted this record; it was changed on the server meanwhile.")
                                         : _("This record was deleted on the server; you changed it meanwhile."));

        gtk_label_set_wrap (GTK_LABEL (note), TRUE);
        gtk_label_set_xalign (GTK_LABEL (note), 0.0);
        gtk_grid_attach (GTK_GRID (grid), note, 0, row, 4, 1);
      }
  }
  gtk_frame_set_child (GTK_FRAME (frame), grid);
  gtk_widget_add_css_class (frame, "view");
  adw_preferences_group_add (group, frame);

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 12);
  gtk_box_append (GTK_BOX (buttons), action_button (_("Keep _Theirs"), "inbox.keep-theirs",
                                                    g_variant_new_int64 (conflict->id), NULL));
  gtk_box_append (GTK_BOX (buttons), action_button (_("Use _Edited Values"), "inbox.use-edited",
                                                    g_variant_new_int64 (conflict->id), NULL));
  gtk_box_append (GTK_BOX (buttons), action_button (_("Keep _Mine"), "inbox.keep-mine",
                                                    g_variant_new_int64 (conflict->id), "suggested-action"));
  adw_preferences_group_add (group, buttons);
  add_group (self, group);
}

static void
add_rejected (GrSyncInbox        *self,
              const GrSyncChange *change)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  title = g_strdup_printf (_("%s %s"), gr_entity_label (change->entity), change->entity_id);
  /* TRANSLATORS: under a rejected change in the inbox: the server's reason */
  description = g_strdup_printf (_("Rejected by the server: %s"),
                                 change->reason ? change->reason : change->code ? change->code : "");
  adw_preferences_group_set_title (group, title);
  adw_preferences_group_set_description (group, description);

  /* Its values, to correct. */
  if (change->payload != NULL && json_parser_load_from_data (parser, change->payload, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObjectIter iter;
      const char *field;
      JsonNode *value;

      json_object_iter_init_ordered (&iter, json_node_get_object (json_parser_get_root (parser)));
      while (json_object_iter_next_ordered (&iter, &field, &value))
        {
          GtkWidget *row;
          g_autofree char *text = NULL;

          if (g_str_equal (field, "id") || g_str_equal (field, "version") || g_str_equal (field, "updated_at") ||
              g_str_equal (field, "updated_by"))
            continue;
          text = value_text (value);
          row = adw_entry_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gr_field_label (change->entity, field));
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          gtk_editable_set_text (GTK_EDITABLE (row), text);
          adw_preferences_group_add (group, row);
          g_hash_table_insert (self->entries, entry_key (change->mutation_id, field), row);
          g_hash_table_insert (self->originals, entry_key (change->mutation_id, field), json_node_copy (value));
        }
    }

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 12);
  gtk_box_append (GTK_BOX (buttons), action_button (_("_Discard…"), "inbox.discard",
                                                    g_variant_new_string (change->mutation_id), "destructive-action"));
  gtk_box_append (GTK_BOX (buttons), action_button (_("_Correct and Send Again"), "inbox.resend",
                                                    g_variant_new_string (change->mutation_id), "suggested-action"));
  adw_preferences_group_add (group, buttons);
  add_group (self, group);
}

static void
heading_group (GrSyncInbox *self,
               const char  *title,
               const char  *description)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *text = gtk_label_new (description);

  gtk_widget_add_css_class (label, "title-3");
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_xalign (GTK_LABEL (text), 0.0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_widget_add_css_class (text, "dim-label");
  adw_preferences_group_add (group, label);
  adw_preferences_group_add (group, text);
  add_group (self, group);
}

static void
read_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GrSyncInbox *self = GR_SYNC_INBOX (object);
  g_autoptr(Contents) contents = NULL;
  g_autoptr(GError) error = NULL;

  contents = gr_store_task_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy--;
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, self->groups->pdata[i]);
  g_ptr_array_set_size (self->groups, 0);
  g_hash_table_remove_all (self->entries);
  g_hash_table_remove_all (self->originals);
  if (contents == NULL)
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }

  self->n_conflicts = contents->conflicts->len;
  self->n_rejected = contents->rejected->len;
  if (self->n_conflicts > 0)
    heading_group (self, _("Conflicts"),
                   _("These records were changed here and on the server. Choose, field by field, what they keep."));
  for (guint i = 0; i < contents->conflicts->len; i++)
    add_conflict (self, contents->conflicts->pdata[i]);
  if (self->n_rejected > 0)
    heading_group (self, _("Rejected Changes"),
                   _("The server did not accept these changes. They stay here until you correct and send them "
                     "again, or discard them."));
  for (guint i = 0; i < contents->rejected->len; i++)
    add_rejected (self, contents->rejected->pdata[i]);
  gtk_stack_set_visible_child_name (self->stack, self->n_conflicts + self->n_rejected > 0 ? "list" : "empty");
}

static void
reload (GrSyncInbox *self)
{
  self->busy++;
  gr_store_task_run_async (self, gr_sync_service_get_db_path (self->service), read_worker, NULL, NULL,
                           (GDestroyNotify) contents_free, NULL, NULL, self->cancellable, read_done_cb, NULL);
}

/*
 * GObject
 */

static void
gr_sync_inbox_dispose (GObject *object)
{
  GrSyncInbox *self = GR_SYNC_INBOX (object);

  g_cancellable_cancel (self->cancellable);
  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  g_clear_object (&self->service);
  G_OBJECT_CLASS (gr_sync_inbox_parent_class)->dispose (object);
}

static void
gr_sync_inbox_finalize (GObject *object)
{
  GrSyncInbox *self = GR_SYNC_INBOX (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->originals, g_hash_table_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  G_OBJECT_CLASS (gr_sync_inbox_parent_class)->finalize (object);
}

static void
gr_sync_inbox_class_init (GrSyncInboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gr_sync_inbox_dispose;
  object_class->finalize = gr_sync_inbox_finalize;

  gtk_widget_class_install_action (widget_class, "inbox.keep-mine", "x", conflict_action);
  gtk_widget_class_install_action (widget_class, "inbox.keep-theirs", "x", conflict_action);
  gtk_widget_class_install_action (widget_class, "inbox.use-edited", "x", conflict_action);
  gtk_widget_class_install_action (widget_class, "inbox.resend", "s", resend_action);
  gtk_widget_class_install_action (widget_class, "inbox.discard", "s", discard_action);
  gtk_widget_class_install_action (widget_class, "inbox.discard-now", "s", discard_now_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gr_sync_inbox_init (GrSyncInbox *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *empty = adw_status_page_new ();

  self->cancellable = g_cancellable_new ();
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->originals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
  self->groups = g_ptr_array_new ();

  /* TRANSLATORS: the window of the conflict inbox, 冲突与被拒绝的更改 */
  gtk_window_set_title (GTK_WINDOW (self), _("Conflicts and Rejections"));
  gtk_window_set_default_size (GTK_WINDOW (self), 860, 760);
  gtk_box_append (GTK_BOX (box), header);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "emblem-ok-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("Nothing to Settle"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Every change reached the server or is waiting to be sent."));
  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, empty, "empty");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->page), "list");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, GTK_WIDGET (self->stack));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), box);
}

GrSyncInbox *
gr_sync_inbox_new (GtkWindow     *parent,
                   GrSyncService *service)
{
  GrSyncInbox *self;

  g_return_val_if_fail (GR_IS_SYNC_SERVICE (service), NULL);

  self = g_object_new (GR_TYPE_SYNC_INBOX,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       NULL);
  self->service = g_object_ref (service);
  /* New conflicts and rejections show as they come. */
  g_signal_connect_object (service, "issues", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  reload (self);
  return self;
}

guint
gr_sync_inbox_get_n_conflicts (GrSyncInbox *self)
{
  g_return_val_if_fail (GR_IS_SYNC_INBOX (self), 0);
  return self->n_conflicts;
}

guint
gr_sync_inbox_get_n_rejected (GrSyncInbox *self)
{
  g_return_val_if_fail (GR_IS_SYNC_INBOX (self), 0);
  return self->n_rejected;
}

gboolean
gr_sync_inbox_get_busy (GrSyncInbox *self)
{
  g_return_val_if_fail (GR_IS_SYNC_INBOX (self), FALSE);
  return self->busy > 0;
}

GtkEditable *
gr_sync_inbox_get_field_entry (GrSyncInbox *self,
                               gint64       conflict_id,
                               const char  *field)
{
  g_autofree char *owner = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (GR_IS_SYNC_INBOX (self), NULL);

  owner = g_strdup_printf ("%" G_GINT64_FORMAT, conflict_id);
  key = entry_key (owner, field);
  return g_hash_table_lookup (self->entries, key);
}
