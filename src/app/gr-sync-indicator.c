/* gr-sync-indicator.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-sync-indicator"

#include "config.h"

#include <glib/gi18n.h>

#include "gr-format.h"
#include "gr-labels.h"
#include "gr-role.h"
#include "gr-store-task.h"
#include "gr-sync-indicator.h"

#define LIST_LIMIT 50

struct _GrSyncIndicator
{
  AdwBin          parent_instance;

  /* Built in code */
  GtkMenuButton  *button;
  GtkImage       *icon;
  GtkLabel       *label;
  GtkPopover     *popover;
  GtkImage       *head_icon;
  GtkLabel       *headline;
  GtkLabel       *account_label;
  GtkWidget      *details;          /* the rows below, hidden when signed out */
  GtkLabel       *connection_value;
  GtkLabel       *pending_value;
  GtkLabel       *last_value;
  GtkLabel       *error_label;
  GtkWidget      *download_box;
  GtkProgressBar *download_bar;
  GtkLabel       *download_label;
  GtkLabel       *signed_out_label;
  GtkWidget      *changes_title;
  GtkListBox     *changes;
  GtkWidget      *changes_scroller;
  GtkButton      *inbox_button;
  GtkButton      *sync_button;
  GtkButton      *sign_in_button;
  GtkButton      *pause_button;

  /* Owned References */
  GrSyncService  *service;
  GCancellable   *cancellable;
  char           *icon_name;
  char           *text;

  guint           n_changes;
  guint           loading : 1;
  guint           load_again : 1;
};

G_DEFINE_FINAL_TYPE (GrSyncIndicator, gr_sync_indicator, ADW_TYPE_BIN)

const char *
gr_sync_record_state_icon (GrRecordSyncState state)
{
  switch (state)
    {
    case GR_RECORD_SYNC_WAITING:
      return "document-send-symbolic";
    case GR_RECORD_SYNC_SENT:
      return "emblem-ok-symbolic";
    case GR_RECORD_SYNC_REJECTED:
      return "dialog-error-symbolic";
    case GR_RECORD_SYNC_CONFLICT:
      return "dialog-warning-symbolic";
    case GR_RECORD_SYNC_NONE:
    default:
      return NULL;
    }
}

char *
gr_sync_record_state_text (GrRecordSyncState  state,
                           const char        *code,
                           const char        *reason)
{
  const char *name = gr_sync_state_label (gr_record_sync_state_nick (state));

  if (state == GR_RECORD_SYNC_REJECTED && (reason != NULL || code != NULL))
    /* TRANSLATORS: a rejected change and the server's reason → "被拒绝：…" */
    return g_strdup_printf (_("%s: %s"), name, reason ? reason : code);
  return g_strdup (name);
}

char *
gr_sync_record_state_tooltip (GrRecordSyncState  state,
                              const char        *reason)
{
  if (state != GR_RECORD_SYNC_REJECTED || reason == NULL)
    return NULL;
  /* TRANSLATORS: tooltip of a rejected change: the server's reason */
  return g_strdup_printf (_("Rejected by the server: %s"), reason);
}

/*
 * The list of changes, read in a worker
 */

static gpointer
changes_worker (GrStore         *store,
                gpointer         task_data,
                GrProgressFunc   progress,
                gpointer         progress_data,
                GCancellable    *cancellable,
                GError         **error)
{
  return gr_sync_list_changes (store, LIST_LIMIT, error);
}

static GtkWidget *
change_row (const GrSyncChange *change)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (gr_sync_record_state_icon (change->state));
  g_autofree char *title = NULL;
  g_autofree char *subtitle = gr_sync_record_state_text (change->state, change->code, change->reason);

  /* TRANSLATORS: a record in the list of changes: kind and id → "调拨记录 M-801" */
  title = g_strdup_printf (_("%s %s"), gr_entity_label (change->entity), change->entity_id);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  if (change->state == GR_RECORD_SYNC_REJECTED)
    gtk_widget_add_css_class (icon, "error");
  else if (change->state == GR_RECORD_SYNC_CONFLICT)
    gtk_widget_add_css_class (icon, "warning");
  else if (change->state == GR_RECORD_SYNC_SENT)
    gtk_widget_add_css_class (icon, "success");
  return row;
}

static void load_changes (GrSyncIndicator *self);

static void
changes_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GrSyncIndicator *self = GR_SYNC_INDICATOR (object);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  changes = gr_store_task_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->changes))) != NULL)
    gtk_list_box_remove (self->changes, child);
  self->n_changes = 0;
  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      gtk_list_box_append (self->changes, change_row (changes->pdata[i]));
      self->n_changes++;
    }
  gtk_widget_set_visible (self->changes_title, self->n_changes > 0);
  gtk_widget_set_visible (self->changes_scroller, self->n_changes > 0);
  if (self->load_again)
    {
      self->load_again = FALSE;
      load_changes (self);
    }
}

static void
load_changes (GrSyncIndicator *self)
{
  if (self->service == NULL)
    return;
  if (self->loading)
    {
      self->load_again = TRUE;
      return;
    }
  self->loading = TRUE;
  gr_store_task_run_async (self, gr_sync_service_get_db_path (self->service), changes_worker, NULL, NULL,
                           (GDestroyNotify) g_ptr_array_unref, NULL, NULL, self->cancellable, changes_done_cb, NULL);
}

/*
 * What to show
 */

static void
set_button (GrSyncIndicator *self,
            const char      *icon_name,
            const char      *text)
{
  g_free (self->icon_name);
  self->icon_name = g_strdup (icon_name);
  g_free (self->text);
  self->text = g_strdup (text);
  gtk_image_set_from_icon_name (self->icon, icon_name);
  gtk_label_set_label (self->label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), text);
}

static void
update (GrSyncIndicator *self)
{
  GrSyncService *service = self->service;
  GrSyncState state;
  const GrAccount *account;
  gint64 pending, attention;
  gboolean downloading;
  g_autofree char *text = NULL;
  g_autofree char *headline = NULL;
  g_autofree char *last = NULL;
  const char *icon;
  const char *error;

  if (service == NULL)
    return;
  state = gr_sync_service_get_state (service);
  account = gr_sync_service_get_account (service);
  pending = gr_sync_service_get_pending (service);
  attention = gr_sync_service_get_conflicts (service) + gr_sync_service_get_rejected (service);
  downloading = gr_sync_service_get_downloading (service);
  error = gr_sync_service_get_last_error (service);

  /* The button: the one thing that matters most now. */
  if (state == GR_SYNC_STATE_SIGNED_OUT)
    {
      icon = account ? "dialog-password-symbolic" : "avatar-default-symbolic";
      /* TRANSLATORS: sync indicator: this database is not signed in to a server (or the sign-in expired) */
      text = g_strdup (account ? _("Sign in again") : _("Not signed in"));
      headline = g_strdup (account ? _("Sign-In Expired") : _("Not Signed In"));
    }
  else if (state == GR_SYNC_STATE_SYNCING && downloading)
    {
      guint64 total = gr_sync_service_get_download_total (service);
      guint64 done = gr_sync_service_get_download_done (service);

      icon = "folder-download-symbolic";
      /* TRANSLATORS: sync indicator during the first download: percentage done → "下载中 24%" */
      text = g_strdup_printf (_("Downloading %d%%"), total > 0 ? (int) (100 * done / total) : 0);
      headline = g_strdup (_("Downloading the Data"));
    }
  else if (downloading && state != GR_SYNC_STATE_SYNCING)
    {
      guint64 total = gr_sync_service_get_download_total (service);
      guint64 done = gr_sync_service_get_download_done (service);

      icon = "folder-download-symbolic";
      /* TRANSLATORS: sync indicator: the first download was paused (or stopped) at a percentage → "下载暂停于 38%" */
      text = g_strdup_printf (_("Download paused at %d%%"), total > 0 ? (int) (100 * done / total) : 0);
      headline = g_strdup (_("Download Paused"));
    }
  else if (state == GR_SYNC_STATE_SYNCING && gr_sync_service_get_online (service))
    {
      icon = "emblem-synchronizing-symbolic";
      /* TRANSLATORS: sync indicator: a sync is running */
      text = g_strdup (_("Syncing…"));
      headline = g_strdup (_("Syncing"));
    }
  else if (state == GR_SYNC_STATE_OFFLINE || state == GR_SYNC_STATE_SYNCING)
    {
      /* Trying again in the background does not make it online. */
      icon = "network-offline-symbolic";
      if (pending > 0)
        /* TRANSLATORS: sync indicator: no connection, n changes wait → "离线 · 3 条待发送" */
        text = g_strdup_printf (ngettext ("Offline · %lld waiting", "Offline · %lld waiting", pending),
                                (long long) pending);
      else
        /* TRANSLATORS: sync indicator: the server cannot be reached */
        text = g_strdup (_("Offline"));
      headline = g_strdup (_("Offline"));
    }
  else if (attention > 0)
    {
      icon = "dialog-warning-symbolic";
      /* TRANSLATORS: sync indicator: conflicts and rejected changes for the user to look at */
      text = g_strdup_printf (ngettext ("%lld needs attention", "%lld need attention", attention),
                              (long long) attention);
      headline = g_strdup (_("Changes Need Attention"));
    }
  else if (state == GR_SYNC_STATE_ERROR)
    {
      icon = "dialog-error-symbolic";
      /* TRANSLATORS: sync indicator: the last sync failed */
      text = g_strdup (_("Sync failed"));
      headline = g_strdup (_("Sync Failed"));
    }
  else if (pending > 0)
    {
      icon = "document-send-symbolic";
      /* TRANSLATORS: sync indicator: n local changes not sent yet → "3 条待发送" */
      text = g_strdup_printf (ngettext ("%lld waiting", "%lld waiting", pending), (long long) pending);
      headline = g_strdup (_("Changes Waiting"));
    }
  else
    {
      icon = "emblem-ok-symbolic";
      /* TRANSLATORS: sync indicator: everything is on the server */
      text = g_strdup (_("Synced"));
      headline = g_strdup (_("Up to Date"));
    }
  set_button (self, icon, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "error");
  if (attention > 0 || state == GR_SYNC_STATE_ERROR)
    gtk_widget_add_css_class (GTK_WIDGET (self->icon), attention > 0 ? "warning" : "error");

  /* The popover */
  gtk_image_set_from_icon_name (self->head_icon, icon);
  gtk_label_set_label (self->headline, headline);
  if (account != NULL)
    {
      g_autofree char *line = NULL;

      /* TRANSLATORS: the account in the sync popover: user (role) · server → "张三（承储企业）· https://…" */
      line = g_strdup_printf (_("%s (%s) · %s"), account->user,
                              gr_role_label (gr_sync_service_get_role (service)), account->server);
      gtk_label_set_label (self->account_label, line);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->account_label), account != NULL);
  gtk_widget_set_visible (self->details, account != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->signed_out_label), state == GR_SYNC_STATE_SIGNED_OUT);
  gtk_label_set_label (self->signed_out_label,
                       account ? _("Local work goes on and is kept. Sign in again in Preferences to send it.")
                               : _("Your work is kept on this computer. Sign in to a sync server in Preferences "
                                   "to share it and receive the others'."));
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_button), state == GR_SYNC_STATE_SIGNED_OUT);

  /* TRANSLATORS: the server can be reached (在线) or not (离线) */
  gtk_label_set_label (self->connection_value, gr_sync_service_get_online (service) ? _("Online") : _("Offline"));
  {
    g_autofree char *count = gr_format_thousands (pending);

    gtk_label_set_label (self->pending_value, count);
  }
  last = gr_sync_service_get_last_success (service)
         ? gr_format_relative_time (gr_sync_service_get_last_success (service), NULL)
         /* TRANSLATORS: no sync has succeeded yet */
         : g_strdup (_("Never"));
  gtk_label_set_label (self->last_value, last);
  gtk_label_set_label (self->error_label, error ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL && state != GR_SYNC_STATE_SYNCING);

  gtk_widget_set_visible (self->download_box, downloading);
  if (downloading)
    {
      guint64 total = gr_sync_service_get_download_total (service);
      guint64 done = gr_sync_service_get_download_done (service);
      g_autofree char *done_text = gr_format_thousands ((gint64) done);
      g_autofree char *total_text = gr_format_thousands ((gint64) total);
      g_autofree char *line = NULL;

      gtk_progress_bar_set_fraction (self->download_bar, total > 0 ? (double) done / total : 0.0);
      if (total > 0)
        /* TRANSLATORS: first download progress: records done, in all, percentage → "1,200 / 19,000 条记录（6%）" */
        line = g_strdup_printf (_("%s of %s records (%d%%)"), done_text, total_text, (int) (100 * done / total));
      else
        line = g_strdup (_("Asking the server what to download…"));
      if (state != GR_SYNC_STATE_SYNCING)
        {
          g_autofree char *paused = g_strdup_printf (_("%s — paused: it goes on from here at the next sync"), line);

          g_free (line);
          line = g_steal_pointer (&paused);
        }
      gtk_label_set_label (self->download_label, line);
      /* Pause while it runs; go on when it does not. */
      gtk_button_set_label (self->pause_button, state == GR_SYNC_STATE_SYNCING ? _("_Pause") : _("_Resume"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->pause_button),
                                      state == GR_SYNC_STATE_SYNCING ? "win.cancel-download" : "win.sync-now");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->pause_button),
                                   state == GR_SYNC_STATE_SYNCING
                                   ? _("Stop the download; it goes on from where it stopped at the next sync")
                                   : _("Go on with the download from where it stopped"));
    }

  {
    g_autofree char *inbox = NULL;

    if (attention > 0)
      /* TRANSLATORS: button: open the conflict inbox, with how many changes wait there */
      inbox = g_strdup_printf (_("Conflicts and Rejections (%lld)"), (long long) attention);
    else
      inbox = g_strdup (_("Conflicts and Rejections"));
    gtk_button_set_label (self->inbox_button, inbox);
  }
  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_button), state != GR_SYNC_STATE_SIGNED_OUT);
}

static void
status_changed_cb (GrSyncIndicator *self)
{
  update (self);
  if (gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    load_changes (self);
}

static void
popover_shown_cb (GrSyncIndicator *self)
{
  update (self);
  load_changes (self);
}

/*
 * Building
 */

static GtkLabel *
add_fact (GtkGrid    *grid,
          int         row,
          const char *name)
{
  GtkWidget *key = gtk_label_new (name);
  GtkWidget *value = gtk_label_new ("");

  gtk_label_set_xalign (GTK_LABEL (key), 0.0);
  gtk_widget_add_css_class (key, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (value), 1.0);
  gtk_widget_set_hexpand (value, TRUE);
  gtk_widget_add_css_class (value, "numeric");
  gtk_grid_attach (grid, key, 0, row, 1, 1);
  gtk_grid_attach (grid, value, 1, row, 1, 1);
  return GTK_LABEL (value);
}

static void
build (GrSyncIndicator *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *facts = gtk_grid_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *cancel;
  GtkWidget *download_head;

  /* The button */
  self->icon = GTK_IMAGE (gtk_image_new ());
  self->label = GTK_LABEL (gtk_label_new (""));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->icon));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->label));
  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_child (self->button, content);
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "flat");
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->button));

  /* The popover */
  gtk_widget_set_size_request (box, 380, -1);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  self->head_icon = GTK_IMAGE (gtk_image_new ());
  gtk_image_set_pixel_size (self->head_icon, 32);
  gtk_widget_set_valign (GTK_WIDGET (self->head_icon), GTK_ALIGN_START);
  self->headline = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->headline, 0.0);
  gtk_widget_add_css_class (GTK_WIDGET (self->headline), "title-4");
  self->account_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->account_label, 0.0);
  gtk_label_set_wrap (self->account_label, TRUE);
  gtk_label_set_wrap_mode (self->account_label, PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (GTK_WIDGET (self->account_label), "dim-label");
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->headline));
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->account_label));
  gtk_box_append (GTK_BOX (head), GTK_WIDGET (self->head_icon));
  gtk_box_append (GTK_BOX (head), titles);
  gtk_box_append (GTK_BOX (box), head);

  self->signed_out_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_wrap (self->signed_out_label, TRUE);
  gtk_label_set_max_width_chars (self->signed_out_label, 40);
  gtk_label_set_xalign (self->signed_out_label, 0.0);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->signed_out_label));

  self->details = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_grid_set_row_spacing (GTK_GRID (facts), 6);
  gtk_grid_set_column_spacing (GTK_GRID (facts), 12);
  /* TRANSLATORS: sync popover: whether the server can be reached */
  self->connection_value = add_fact (GTK_GRID (facts), 0, _("Connection"));
  /* TRANSLATORS: sync popover: local changes not sent yet, 待发送的更改 */
  self->pending_value = add_fact (GTK_GRID (facts), 1, _("Changes waiting to send"));
  /* TRANSLATORS: sync popover: when the last sync succeeded, 上次成功同步 */
  self->last_value = add_fact (GTK_GRID (facts), 2, _("Last successful sync"));
  gtk_box_append (GTK_BOX (self->details), facts);

  self->error_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_wrap_mode (self->error_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (self->error_label, 40);
  gtk_label_set_xalign (self->error_label, 0.0);
  gtk_label_set_selectable (self->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_box_append (GTK_BOX (self->details), GTK_WIDGET (self->error_label));

  /* The first download */
  self->download_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  download_head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  {
    GtkWidget *title = gtk_label_new (_("First download"));

    gtk_label_set_xalign (GTK_LABEL (title), 0.0);
    gtk_widget_set_hexpand (title, TRUE);
    gtk_widget_add_css_class (title, "heading");
    gtk_box_append (GTK_BOX (download_head), title);
  }
  cancel = gtk_button_new_with_mnemonic (_("_Pause"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "win.cancel-download");
  gtk_widget_add_css_class (cancel, "flat");
  self->pause_button = GTK_BUTTON (cancel);
  gtk_box_append (GTK_BOX (download_head), cancel);
  gtk_box_append (GTK_BOX (self->download_box), download_head);
  self->download_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_box_append (GTK_BOX (self->download_box), GTK_WIDGET (self->download_bar));
  self->download_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->download_label, 0.0);
  gtk_label_set_wrap (self->download_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->download_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->download_label), "numeric");
  gtk_box_append (GTK_BOX (self->download_box), GTK_WIDGET (self->download_label));
  gtk_box_append (GTK_BOX (self->details), self->download_box);

  /* The latest changes */
  /* TRANSLATORS: sync popover: the list of local changes and their state */
  self->changes_title = gtk_label_new (_("Changes"));
  gtk_label_set_xalign (GTK_LABEL (self->changes_title), 0.0);
  gtk_widget_add_css_class (self->changes_title, "heading");
  gtk_box_append (GTK_BOX (self->details), self->changes_title);
  self->changes = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->changes, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->changes), "boxed-list");
  self->changes_scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->changes_scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (self->changes_scroller), 260);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->changes_scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->changes_scroller), GTK_WIDGET (self->changes));
  gtk_box_append (GTK_BOX (self->details), self->changes_scroller);
  gtk_box_append (GTK_BOX (box), self->details);

  /* The buttons */
  self->inbox_button = GTK_BUTTON (gtk_button_new_with_label (""));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->inbox_button), "win.show-inbox");
  gtk_widget_set_hexpand (GTK_WIDGET (self->inbox_button), TRUE);
  self->sync_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Sync Now")));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->sync_button), "win.sync-now");
  gtk_widget_add_css_class (GTK_WIDGET (self->sync_button), "suggested-action");
  self->sign_in_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("Sign _In…")));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->sign_in_button), "app.preferences");
  gtk_widget_add_css_class (GTK_WIDGET (self->sign_in_button), "suggested-action");
  gtk_widget_set_hexpand (GTK_WIDGET (self->sign_in_button), TRUE);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->inbox_button));
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->sync_button));
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->sign_in_button));
  g_object_bind_property (self->details, "visible", buttons, "visible", G_BINDING_SYNC_CREATE);

  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->popover, box);
  gtk_menu_button_set_popover (self->button, GTK_WIDGET (self->popover));
  g_signal_connect_object (self->popover, "show", G_CALLBACK (popover_shown_cb), self, G_CONNECT_SWAPPED);
}

/*
 * GObject
 */

static void
gr_sync_indicator_dispose (GObject *object)
{
  GrSyncIndicator *self = GR_SYNC_INDICATOR (object);

  g_cancellable_cancel (self->cancellable);
  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  g_clear_object (&self->service);
  G_OBJECT_CLASS (gr_sync_indicator_parent_class)->dispose (object);
}

static void
gr_sync_indicator_finalize (GObject *object)
{
  GrSyncIndicator *self = GR_SYNC_INDICATOR (object);

  g_clear_object (&self->cancellable);
  g_free (self->icon_name);
  g_free (self->text);
  G_OBJECT_CLASS (gr_sync_indicator_parent_class)->finalize (object);
}

static void
gr_sync_indicator_class_init (GrSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gr_sync_indicator_dispose;
  object_class->finalize = gr_sync_indicator_finalize;
}

static void
gr_sync_indicator_init (GrSyncIndicator *self)
{
  self->cancellable = g_cancellable_new ();
  build (self);
}

GtkWidget *
gr_sync_indicator_new (void)
{
  return g_object_new (GR_TYPE_SYNC_INDICATOR, NULL);
}

void
gr_sync_indicator_set_service (GrSyncIndicator *self,
                               GrSyncService   *service)
{
  static const char * const watched[] = {
    "notify::state", "notify::online", "notify::pending", "notify::conflicts", "notify::rejected",
    "notify::last-success", "notify::last-error", "notify::downloading", "notify::download-done",
    "notify::download-total", "notify::role",
  };

  g_return_if_fail (GR_IS_SYNC_INDICATOR (self));

  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  g_set_object (&self->service, service);
  if (service == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
    g_signal_connect_object (service, watched[i], G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (service, "status-changed", G_CALLBACK (status_changed_cb), self, G_CONNECT_SWAPPED);
  update (self);
}

const char *
gr_sync_indicator_get_text (GrSyncIndicator *self)
{
  g_return_val_if_fail (GR_IS_SYNC_INDICATOR (self), NULL);
  return self->text;
}

const char *
gr_sync_indicator_get_icon_name (GrSyncIndicator *self)
{
  g_return_val_if_fail (GR_IS_SYNC_INDICATOR (self), NULL);
  return self->icon_name;
}

GtkPopover *
gr_sync_indicator_get_popover (GrSyncIndicator *self)
{
  g_return_val_if_fail (GR_IS_SYNC_INDICATOR (self), NULL);
  return self->popover;
}

guint
gr_sync_indicator_get_n_changes (GrSyncIndicator *self)
{
  g_return_val_if_fail (GR_IS_SYNC_INDICATOR (self), 0);
  return self->n_changes;
}

void
gr_sync_indicator_popup (GrSyncIndicator *self)
{
  g_return_if_fail (GR_IS_SYNC_INDICATOR (self));
  gtk_menu_button_popup (self->button);
}
