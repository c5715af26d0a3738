/* gr-sync-preferences.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-sync-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "gr-account.h"
#include "gr-application.h"
#include "gr-role.h"
#include "gr-store.h"
#include "gr-sync-preferences.h"

struct _GrSyncPreferences
{
  AdwPreferencesGroup  parent_instance;

  /* Built in code */
  AdwEntryRow         *server_row;
  AdwEntryRow         *user_row;
  AdwPasswordEntryRow *password_row;
  AdwActionRow        *sign_in_row;
  GtkButton           *sign_in_button;
  GtkSpinner          *spinner;
  AdwActionRow        *account_row;
  GtkButton           *sign_out_button;
  GtkLabel            *error_label;

  /* Borrowed References */
  GrWindow            *window;

  /* Owned References */
  GrSyncService       *service;
  GCancellable        *cancellable;
  GSettings           *settings;

  guint                busy : 1;
};

G_DEFINE_FINAL_TYPE (GrSyncPreferences, gr_sync_preferences, ADW_TYPE_PREFERENCES_GROUP)

static void
show_error (GrSyncPreferences *self,
            const char        *message)
{
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update (GrSyncPreferences *self)
{
  const GrAccount *account = gr_sync_service_get_account (self->service);
  gboolean signed_in = account != NULL && gr_sync_service_get_state (self->service) != GR_SYNC_STATE_SIGNED_OUT;

  gtk_widget_set_visible (GTK_WIDGET (self->server_row), !signed_in);
  gtk_widget_set_visible (GTK_WIDGET (self->user_row), !signed_in);
  gtk_widget_set_visible (GTK_WIDGET (self->password_row), !signed_in);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_row), !signed_in);
  gtk_widget_set_visible (GTK_WIDGET (self->account_row), account != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_out_button), signed_in);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_out_button), !self->busy);
  if (self->busy)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);

  if (account != NULL)
    {
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      /* TRANSLATORS: the account in Preferences: user and role → "张三（承储企业）" */
      title = g_strdup_printf (_("%s (%s)"), account->user, gr_role_label (gr_sync_service_get_role (self->service)));
      if (signed_in)
        subtitle = g_strdup (account->server);
      else
        /* TRANSLATORS: the sign-in of the account expired or is not kept: sign in again */
        subtitle = g_strdup_printf (_("%s — not signed in: enter the password again"), account->server);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->account_row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->account_row), subtitle);
      /* Signing in again: the same server and user, only the password. */
      if (!signed_in && *gtk_editable_get_text (GTK_EDITABLE (self->server_row)) == '\0')
        {
          gtk_editable_set_text (GTK_EDITABLE (self->server_row), account->server);
          gtk_editable_set_text (GTK_EDITABLE (self->user_row), account->user);
        }
    }
}

/* The database to bind: this window's when it is the account's, or one
 * named on the command line that belongs to nobody and is no demo;
 * otherwise the account's own in the data folder. */
static char *
target_database (GrSyncPreferences *self,
                 const char        *server,
                 const char        *user)
{
  const GrAccount *account = gr_sync_service_get_account (self->service);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self->window));
  const char *path = gr_window_get_db_path (self->window);

  if (account != NULL)
    {
      if (g_strcmp0 (account->server, server) == 0 && g_strcmp0 (account->user, user) == 0)
        return g_strdup (path);
      return gr_account_db_path (server, user);
    }
  if (GR_IS_APPLICATION (app) && gr_application_get_db_given (GR_APPLICATION (app)) &&
      !gr_window_get_demo (self->window))
    return g_strdup (path);
  return gr_account_db_path (server, user);
}

static void
signed_in_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GrSyncPreferences) self = user_data;
  g_autoptr(GrAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = gr_sync_service_sign_in_finish (GR_SYNC_SERVICE (object), result, &error);
  if (self->window == NULL)
    return;
  self->busy = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  if (account == NULL)
    {
      show_error (self, error->message);
      update (self);
      return;
    }
  show_error (self, NULL);
  /* The next start opens this account's database. */
  g_settings_set_string (self->settings, "account-db", account->db_path);
  if (g_strcmp0 (account->db_path, gr_window_get_db_path (self->window)) != 0)
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self->window));

      /* Another user's database: it opens in place of this one. */
      if (GR_IS_APPLICATION (app))
        gr_application_open_database (GR_APPLICATION (app), account->db_path, NULL);
      return;
    }
  gr_window_add_toast (self->window, _("Signed in: syncing"));
  update (self);
}

void
gr_sync_preferences_sign_in (GrSyncPreferences *self)
{
  g_autofree char *server = NULL;
  g_autofree char *target = NULL;
  g_autoptr(GError) error = NULL;
  const char *user;

  g_return_if_fail (GR_IS_SYNC_PREFERENCES (self));

  if (self->busy)
    return;
  server = gr_account_normal_server (gtk_editable_get_text (GTK_EDITABLE (self->server_row)), &error);
  user = gtk_editable_get_text (GTK_EDITABLE (self->user_row));
  if (server == NULL)
    {
      show_error (self, error->message);
      return;
    }
  if (*user == '\0')
    {
      show_error (self, _("Enter your user name"));
      return;
    }
  target = target_database (self, server, user);
  self->busy = TRUE;
  show_error (self, NULL);
  update (self);
  gr_sync_service_sign_in_async (self->service, server, user,
                                 gtk_editable_get_text (GTK_EDITABLE (self->password_row)), target,
                                 self->cancellable, signed_in_cb, g_object_ref (self));
}

static void
signed_out_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GrSyncPreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 kept = gr_sync_service_sign_out_finish (GR_SYNC_SERVICE (object), result, &error);

  if (self->window == NULL)
    return;
  self->busy = FALSE;
  g_settings_set_string (self->settings, "account-db", "");
  if (kept < 0)
    show_error (self, error->message);
  else if (kept > 0)
    {
      g_autofree char *title = g_strdup_printf (ngettext ("Signed out: %lld change not sent is kept in this database",
                                                          "Signed out: %lld changes not sent are kept in this database",
                                                          kept), (long long) kept);

      gr_window_add_toast (self->window, title);
    }
  else
    gr_window_add_toast (self->window, _("Signed out"));
  update (self);
}

static void
sign_out_now (GrSyncPreferences *self)
{
  self->busy = TRUE;
  update (self);
  gr_sync_service_sign_out_async (self->service, self->cancellable, signed_out_cb, g_object_ref (self));
}

static void
sign_out_response_cb (AdwMessageDialog  *dialog,
                      const char        *response,
                      GrSyncPreferences *self)
{
  if (g_strcmp0 (response, "sign-out") == 0)
    sign_out_now (self);
}

void
gr_sync_preferences_sign_out (GrSyncPreferences *self)
{
  const GrAccount *account;
  gint64 unsent;
  GtkWidget *dialog;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkRoot *root;

  g_return_if_fail (GR_IS_SYNC_PREFERENCES (self));

  account = gr_sync_service_get_account (self->service);
  if (self->busy || account == NULL)
    return;
  unsent = gr_sync_service_get_pending (self->service) + gr_sync_service_get_rejected (self->service) +
           gr_sync_service_get_conflicts (self->service);
  if (unsent == 0)
    {
      sign_out_now (self);
      return;
    }

  /* Nothing is lost, but the user should know what stays behind. */
  heading = g_strdup_printf (ngettext ("Sign Out with %lld Change Not Sent?", "Sign Out with %lld Changes Not Sent?",
                                       unsent), (long long) unsent);
  body = g_strdup_printf (_("They stay in this database and go to the server when you sign in again as %s. "
                            "Until then nobody else sees them."), account->user);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : GTK_WINDOW (self->window),
                                   heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "sign-out", _("_Sign Out"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sign-out", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (sign_out_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/*
 * GObject
 */

static void
gr_sync_preferences_dispose (GObject *object)
{
  GrSyncPreferences *self = GR_SYNC_PREFERENCES (object);

  g_cancellable_cancel (self->cancellable);
  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  g_clear_object (&self->service);
  g_clear_weak_pointer (&self->window);
  G_OBJECT_CLASS (gr_sync_preferences_parent_class)->dispose (object);
}

static void
gr_sync_preferences_finalize (GObject *object)
{
  GrSyncPreferences *self = GR_SYNC_PREFERENCES (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (gr_sync_preferences_parent_class)->finalize (object);
}

static void
gr_sync_preferences_class_init (GrSyncPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gr_sync_preferences_dispose;
  object_class->finalize = gr_sync_preferences_finalize;
}

static void
gr_sync_preferences_init (GrSyncPreferences *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);

  /* TRANSLATORS: Preferences group: the sync server account, 同步 */
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Sync"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("Sign in to your organisation's server to send your work and receive "
                                           "the others'. Work done here never needs a sign-in."));

  self->server_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->server_row), _("Server address"));
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), "");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->server_row));
  self->user_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->user_row), _("User name"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->user_row));
  self->password_row = ADW_PASSWORD_ENTRY_ROW (adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row), _("Password"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->password_row));
  g_signal_connect_swapped (self->password_row, "entry-activated", G_CALLBACK (gr_sync_preferences_sign_in), self);

  self->sign_in_row = ADW_ACTION_ROW (adw_action_row_new ());
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  self->sign_in_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("Sign _In")));
  gtk_widget_set_valign (GTK_WIDGET (self->sign_in_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->sign_in_button), "suggested-action");
  g_signal_connect_swapped (self->sign_in_button, "clicked", G_CALLBACK (gr_sync_preferences_sign_in), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->sign_in_button));
  adw_action_row_add_suffix (self->sign_in_row, box);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->sign_in_row), _("The password is checked by the server"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->sign_in_row));

  self->account_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->account_row), FALSE);
  adw_action_row_add_prefix (self->account_row, gtk_image_new_from_icon_name ("avatar-default-symbolic"));
  self->sign_out_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("Sign _Out…")));
  gtk_widget_set_valign (GTK_WIDGET (self->sign_out_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->sign_out_button), "destructive-action");
  g_signal_connect_swapped (self->sign_out_button, "clicked", G_CALLBACK (gr_sync_preferences_sign_out), self);
  adw_action_row_add_suffix (self->account_row, GTK_WIDGET (self->sign_out_button));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->account_row));

  self->error_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0.0);
  gtk_label_set_selectable (self->error_label, TRUE);
  gtk_widget_set_margin_top (GTK_WIDGET (self->error_label), 12);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->error_label));
}

GtkWidget *
gr_sync_preferences_new (GrWindow *window)
{
  GrSyncPreferences *self;

  g_return_val_if_fail (GR_IS_WINDOW (window), NULL);

  self = g_object_new (GR_TYPE_SYNC_PREFERENCES, NULL);
  g_set_weak_pointer (&self->window, window);
  self->service = g_object_ref (gr_window_get_sync_service (window));
  g_signal_connect_object (self->service, "notify::state", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->service, "notify::role", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->service, "notify::ready", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
  return GTK_WIDGET (self);
}

GtkEditable *
gr_sync_preferences_get_server (GrSyncPreferences *self)
{
  g_return_val_if_fail (GR_IS_SYNC_PREFERENCES (self), NULL);
  return GTK_EDITABLE (self->server_row);
}

GtkEditable *
gr_sync_preferences_get_user (GrSyncPreferences *self)
{
  g_return_val_if_fail (GR_IS_SYNC_PREFERENCES (self), NULL);
  return GTK_EDITABLE (self->user_row);
}

GtkEditable *
gr_sync_preferences_get_password (GrSyncPreferences *self)
{
  g_return_val_if_fail (GR_IS_SYNC_PREFERENCES (self), NULL);
  return GTK_EDITABLE (self->password_row);
}

const char *
gr_sync_preferences_get_error (GrSyncPreferences *self)
{
  g_return_val_if_fail (GR_IS_SYNC_PREFERENCES (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_label (self->error_label) : NULL;
}

gboolean
gr_sync_preferences_get_busy (GrSyncPreferences *self)
{
  g_return_val_if_fail (GR_IS_SYNC_PREFERENCES (self), FALSE);
  return self->busy;
}
