/* gr-window.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gr-assessment-window.h"
#include "gr-bench.h"
#include "gr-demo.h"
#include "gr-first-run.h"
#include "gr-import.h"
#include "gr-info.h"
#include "gr-grading-page.h"
#include "gr-inspection-window.h"
#include "gr-inspections-page.h"
#include "gr-quality-test-window.h"
#include "gr-overview-page.h"
#include "gr-page-bench.h"
#include "gr-format.h"
#include "gr-preferences-window.h"
#include "gr-resources.h"
#include "gr-reports-page.h"
#include "gr-rotation-page.h"
#include "gr-role.h"
#include "gr-stock-page.h"
#include "gr-store-task.h"
#include "gr-sync-inbox.h"
#include "gr-sync-indicator.h"
#include "gr-window.h"

struct _GrWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template Widgets */
  GtkProgressBar       *download_bar;
  GtkButton            *download_button;
  GtkLabel             *download_label;
  AdwStatusPage        *download_page;
  AdwStatusPage        *error_page;
  GrFirstRun           *first_run;
  GtkStack             *main_stack;
  AdwBin               *grading_slot;
  AdwBin               *inspections_slot;
  GrOverviewPage       *overview_page;
  GtkProgressBar       *progress_bar;
  GtkLabel             *progress_label;
  AdwStatusPage        *progress_page;
  AdwBin               *reports_slot;
  AdwBin               *rotation_slot;
  AdwBin               *stock_slot;
  AdwViewSwitcherBar   *switcher_bar;
  AdwViewSwitcherTitle *switcher_title;
  GrSyncIndicator      *sync_indicator;
  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *view_stack;

  /* Borrowed References */
  AdwToast             *toast;
  /* Made once the Overview has shown what it read, or when first needed:
   * the window opens sooner without them (gr_window_get_stock_page ()). */
  GrGradingPage        *grading_page;
  GrInspectionsPage    *inspections_page;
  GrReportsPage        *reports_page;
  GrRotationPage       *rotation_page;
  GrStockPage          *stock_page;

  /* Owned References */
  GSettings            *settings;
  GCancellable         *cancellable;
  GtkFileChooserNative *file_chooser;
  GrInfo               *info;           /* path, profile and demo flag only */
  GrSyncService        *sync_service;
  GrSyncInbox          *inbox;          /* weak */
  char                 *role;
  char                 *db_path;
  char                 *initial_page;
  char                 *return_view;
  char                 *stock_filter;
  char                 *initial_inspection;  /* --inspection, opened once loaded */

  guint                 busy : 1;
  guint                 grading_stale : 1;
  guint                 reports_stale : 1;
  guint                 inspections_stale : 1;
  guint                 empty : 1;
  guint                 loading : 1;
  guint                 reload_again : 1;
  guint                 pages_tick_id;
  guint                 pages_ticks;
};

G_DEFINE_FINAL_TYPE (GrWindow, gr_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_DB_PATH,
  PROP_PAGE,
  PROP_PROFILE,
  PROP_ROLE,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const char * const page_names[] = {
  "overview", "stock", "rotation", "grading", "inspections", "reports", NULL
};

typedef struct {
  GrInfo   *info;
  gboolean  empty;
} LoadResult;

static void
load_result_free (LoadResult *loaded)
{
  g_clear_pointer (&loaded->info, gr_info_free);
  g_free (loaded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadResult, load_result_free)

/*
 * Workers: these run in a GTask thread on that thread's own connection.
 * They never touch a widget.
 */

static gpointer
load_worker (GrStore         *store,
             gpointer         task_data,
             GrProgressFunc   progress,
             gpointer         progress_data,
             GCancellable    *cancellable,
             GError         **error)
{
  g_autoptr(LoadResult) loaded = g_new0 (LoadResult, 1);
  g_autofree char *demo = NULL;

  /* What the window itself needs; the pages read their own figures. The
   * counts and totals of gr_info_collect () would cost a pass over every
   * lot of a province before the window could show anything. */
  loaded->info = g_new0 (GrInfo, 1);
  loaded->info->path = g_strdup (gr_store_get_path (store));
  loaded->info->profile = gr_store_get_meta (store, "profile");
  demo = gr_store_get_meta (store, "demo");
  loaded->info->demo = g_strcmp0 (demo, "1") == 0;
  loaded->empty = gr_store_is_empty (store);
  return g_steal_pointer (&loaded);
}

static gpointer
demo_worker (GrStore         *store,
             gpointer         task_data,
             GrProgressFunc   progress,
             gpointer         progress_data,
             GCancellable    *cancellable,
             GError         **error)
{
  /* The city demo of DESIGN.md §4 (dongguan-2025 with the Qingyuan
   * targets), seed 1, so every first run looks the same. */
  if (!gr_demo_generate (store, GR_DEMO_CITY, 1, 1.0, NULL, progress, progress_data, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static gpointer
import_worker (GrStore         *store,
               gpointer         task_data,
               GrProgressFunc   progress,
               gpointer         progress_data,
               GCancellable    *cancellable,
               GError         **error)
{
  const char *path = task_data;
  GrImportStats stats = { 0 };

  if (!gr_import_file (store, path, GR_IMPORT_NONE, &stats, progress, progress_data, error))
    return NULL;
  return g_memdup2 (&stats, sizeof stats);
}

static gpointer
set_profile_worker (GrStore         *store,
                    gpointer         task_data,
                    GrProgressFunc   progress,
                    gpointer         progress_data,
                    GCancellable    *cancellable,
                    GError         **error)
{
  if (!gr_store_set_meta (store, "profile", task_data, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

/*
 * Auxiliary methods
 */

static gboolean
is_bound (GrWindow *self)
{
  return self->sync_service != NULL && gr_sync_service_get_account (self->sync_service) != NULL;
}

static void
update_actions (GrWindow *self)
{
  gboolean opened = self->info != NULL;
  gboolean signed_in = self->sync_service != NULL &&
                       gr_sync_service_get_state (self->sync_service) != GR_SYNC_STATE_SIGNED_OUT;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", opened && !self->busy);
  /* Demo data never syncs: not into a database that belongs to an account. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-demo",
                                 opened && !self->busy && self->empty && !is_bound (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync-now", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-download",
                                 signed_in && gr_sync_service_get_downloading (self->sync_service));
}

static void
set_view (GrWindow   *self,
          const char *view)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), view) == 0)
    return;

  /* The views but the pages are hidden until first shown: a window
   * opening on the pages does not style them. */
  gtk_widget_set_visible (gtk_stack_get_child_by_name (self->main_stack, view), TRUE);
  gtk_stack_set_visible_child_name (self->main_stack, view);
  /* The page switcher only means something once there are pages. */
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, g_str_equal (view, "shell"));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VIEW]);
}

static void
show_error (GrWindow     *self,
            const char   *heading,
            const GError *error)
{
  g_autofree char *line = g_strdup (error->message);
  GtkWidget *dialog;
  char *newline;

  /* One line: the core's messages name the record and field first. */
  if ((newline = strchr (line, '\n')) != NULL)
    *newline = '\0';

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, line);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
set_busy (GrWindow *self,
          gboolean  busy)
{
  if (self->busy == !!busy)
    return;
  self->busy = !!busy;
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

/* Shows the progress page for a long write. Returns the application,
 * held so that closing the last window lets the write finish first:
 * pass it to the completion callback, which releases it. */
static GApplication *
begin_write (GrWindow   *self,
             const char *title,
             const char *description)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  set_busy (self, TRUE);
  g_free (self->return_view);
  self->return_view = g_strdup (gtk_stack_get_visible_child_name (self->main_stack));
  adw_status_page_set_title (self->progress_page, title);
  adw_status_page_set_description (self->progress_page, description);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_label_set_label (self->progress_label, "");
  set_view (self, "working");

  if (app == NULL)
    return NULL;
  g_application_hold (G_APPLICATION (app));
  return G_APPLICATION (g_object_ref (app));
}

static void
end_write (GrWindow     *self,
           const char   *heading,
           const GError *error)
{
  set_busy (self, FALSE);
  if (error != NULL)
    {
      set_view (self, self->return_view ? self->return_view : "first-run");
      show_error (self, heading, error);
    }
  g_clear_pointer (&self->return_view, g_free);
}

static void
release_application (GApplication *app)
{
  if (app != NULL)
    {
      g_application_release (app);
      g_object_unref (app);
    }
}

static void
write_progress_cb (gpointer    source_object,
                   double      fraction,
                   const char *note,
                   gpointer    user_data)
{
  GrWindow *self = GR_WINDOW (source_object);

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  if (note != NULL)
    gtk_label_set_label (self->progress_label, note);
}

static GrStockPage *
ensure_stock_page (GrWindow *self)
{
  if (self->stock_page == NULL)
    {
      self->stock_page = GR_STOCK_PAGE (g_object_new (GR_TYPE_STOCK_PAGE, NULL));
      gr_stock_page_set_db_path (self->stock_page, self->db_path);
      gr_stock_page_set_can_record (self->stock_page, gr_role_may (self->role, GR_ROLE_ACTION_RECORD_MOVEMENT));
      adw_bin_set_child (self->stock_slot, GTK_WIDGET (self->stock_page));
    }
  return self->stock_page;
}

static GrGradingPage *
ensure_grading_page (GrWindow *self)
{
  if (self->grading_page == NULL)
    {
      self->grading_page = GR_GRADING_PAGE (g_object_new (GR_TYPE_GRADING_PAGE, NULL));
      adw_bin_set_child (self->grading_slot, GTK_WIDGET (self->grading_page));
    }
  return self->grading_page;
}

static GrRotationPage *
ensure_rotation_page (GrWindow *self)
{
  if (self->rotation_page == NULL)
    {
      self->rotation_page = GR_ROTATION_PAGE (g_object_new (GR_TYPE_ROTATION_PAGE, NULL));
      gr_rotation_page_set_db_path (self->rotation_page, self->db_path);
      adw_bin_set_child (self->rotation_slot, GTK_WIDGET (self->rotation_page));
    }
  return self->rotation_page;
}

static GrInspectionsPage *
ensure_inspections_page (GrWindow *self)
{
  if (self->inspections_page == NULL)
    {
      self->inspections_page = GR_INSPECTIONS_PAGE (g_object_new (GR_TYPE_INSPECTIONS_PAGE, NULL));
      adw_bin_set_child (self->inspections_slot, GTK_WIDGET (self->inspections_page));
    }
  return self->inspections_page;
}

static GrReportsPage *
ensure_reports_page (GrWindow *self)
{
  if (self->reports_page == NULL)
    {
      self->reports_page = GR_REPORTS_PAGE (g_object_new (GR_TYPE_REPORTS_PAGE, NULL));
      gr_reports_page_set_db_path (self->reports_page, self->db_path);
      adw_bin_set_child (self->reports_slot, GTK_WIDGET (self->reports_page));
    }
  return self->reports_page;
}

/* The pages not shown are made once the Overview has shown everything
 * it read (key figures, charts, findings), a frame apart, so that
 * switching to them later costs nothing more than their own figures. */
static gboolean
make_pages_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  GrWindow *self = GR_WINDOW (widget);

  switch (++self->pages_ticks)
    {
    case 2:
      /* The switcher of narrow windows, at the bottom, not shown at first */
      adw_view_switcher_bar_set_stack (self->switcher_bar, self->view_stack);
      ensure_stock_page (self);
      return G_SOURCE_CONTINUE;
    case 3:
      ensure_grading_page (self);
      return G_SOURCE_CONTINUE;
    case 4:
      ensure_rotation_page (self);
      return G_SOURCE_CONTINUE;
    case 5:
      ensure_inspections_page (self);
      return G_SOURCE_CONTINUE;
    case 6:
      ensure_reports_page (self);
      self->pages_tick_id = 0;
      return G_SOURCE_REMOVE;
    default:
      return G_SOURCE_CONTINUE;
    }
}

static void
overview_loading_cb (GrWindow       *self,
                     GParamSpec     *pspec,
                     GrOverviewPage *overview)
{
  if (gr_overview_page_get_loading (overview) || self->pages_tick_id != 0)
    return;
  g_signal_handlers_disconnect_by_func (overview, overview_loading_cb, self);
  self->pages_ticks = 0;
  self->pages_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), make_pages_tick_cb, NULL, NULL);
}

/* The Overview reads its figures itself, in workers of its own, next to
 * the window's read of what the database holds. */
static void
load_overview (GrWindow *self)
{
  g_autofree char *targets = g_settings_get_string (self->settings, "targets");

  gr_overview_page_load (self->overview_page, self->db_path, targets);
}

/* The Grading page reads its figures when it is shown: at start-up its
 * queries would compete with the Overview's for the processor. */
static void
update_grading (GrWindow *self)
{
  g_autofree char *targets = NULL;

  if (self->info == NULL)
    return;
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "grading") != 0)
    {
      self->grading_stale = TRUE;
      return;
    }
  self->grading_stale = FALSE;
  targets = g_settings_get_string (self->settings, "targets");
  gr_grading_page_reload (ensure_grading_page (self), self->db_path, targets);
}

/* The Reports page reads its report when it is shown, and again after
 * the database changed. */
static void
update_reports (GrWindow *self)
{
  if (self->info == NULL)
    return;
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "reports") != 0)
    {
      self->reports_stale = TRUE;
      return;
    }
  self->reports_stale = FALSE;
  gr_reports_page_reload (ensure_reports_page (self));
}

static void open_inspection_window (GrWindow   *self,
                                    const char *depot,
                                    const char *inspection);

/* The Inspections page reads when it is shown, like the Grading page. */
static void
update_inspections (GrWindow *self)
{
  if (self->info == NULL)
    return;
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "inspections") != 0)
    {
      self->inspections_stale = TRUE;
      return;
    }
  self->inspections_stale = FALSE;
  gr_inspections_page_reload (ensure_inspections_page (self), self->db_path);
}

/* The role the server gives the user (DESIGN.md §6); without a sign-in
 * the role set in Preferences (key "role"), else none: everything is
 * offered, as nothing a local database holds leaves the machine. */
static char *
current_role (GrWindow *self)
{
  const char *role = self->sync_service ? gr_sync_service_get_role (self->sync_service) : NULL;
  g_autofree char *chosen = NULL;

  if (role != NULL || is_bound (self))
    return g_strdup (role);
  chosen = g_settings_get_string (self->settings, "role");
  return *chosen != '\0' ? g_steal_pointer (&chosen) : NULL;
}

static void
update_role (GrWindow *self)
{
  g_autofree char *role = current_role (self);

  if (g_strcmp0 (role, self->role) == 0)
    return;
  g_free (self->role);
  self->role = g_steal_pointer (&role);
  if (self->stock_page != NULL)
    gr_stock_page_set_can_record (self->stock_page, gr_role_may (self->role, GR_ROLE_ACTION_RECORD_MOVEMENT));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ROLE]);
}

/* A download not complete (the first, or after a reset) shows its page,
 * not figures made of part of the records; the header bar stays usable. */
static const char *
view_for (GrWindow *self)
{
  if (is_bound (self) && gr_sync_service_get_downloading (self->sync_service))
    return "download";
  if (!self->empty)
    return "shell";
  return is_bound (self) ? "download" : "first-run";
}

static void
update_download (GrWindow *self)
{
  GrSyncService *service = self->sync_service;
  guint64 done = gr_sync_service_get_download_done (service);
  guint64 total = gr_sync_service_get_download_total (service);
  gboolean running = gr_sync_service_get_state (service) == GR_SYNC_STATE_SYNCING;
  g_autofree char *done_text = gr_format_thousands ((gint64) done);
  g_autofree char *total_text = gr_format_thousands ((gint64) total);
  g_autofree char *line = NULL;

  gtk_progress_bar_set_fraction (self->download_bar, total > 0 ? (double) done / total : 0.0);
  if (total > 0)
    line = g_strdup_printf (_("%s of %s records (%d%%)"), done_text, total_text, (int) (100 * done / total));
  else if (running)
    line = g_strdup (_("Asking the server what to download…"));
  else if (gr_sync_service_get_last_error (service) != NULL)
    line = g_strdup (gr_sync_service_get_last_error (service));
  else
    line = g_strdup ("");
  gtk_label_set_label (self->download_label, line);
  /* One button: pause while it runs, go on when it does not. */
  gtk_button_set_label (self->download_button, running ? _("_Pause") : _("_Resume"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->download_button),
                                  running ? "win.cancel-download" : "win.sync-now");
}

/*
 * Callbacks
 */

static void
sync_state_changed_cb (GrWindow *self)
{
  update_actions (self);
  update_role (self);
  if (self->sync_service != NULL && self->info != NULL)
    {
      update_download (self);
      /* Only a database of an account has a download to show or hide. */
      if (!self->busy && (self->empty || is_bound (self)))
        set_view (self, view_for (self));
    }
}

static void
sync_data_changed_cb (GrWindow *self)
{
  gr_window_reload (self);
}

static void
sync_issues_cb (GrWindow      *self,
                guint          conflicts,
                guint          rejected,
                GrSyncService *service)
{
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (conflicts > 0 && rejected > 0)
    /* TRANSLATORS: toast after a sync: changes that came back as conflicts and rejections */
    title = g_strdup (_("Some changes conflict with the server's or were rejected"));
  else if (conflicts > 0)
    title = g_strdup_printf (ngettext ("%u change conflicts with the server's", "%u changes conflict with the server's",
                                       conflicts), conflicts);
  else
    title = g_strdup_printf (ngettext ("The server rejected %u change", "The server rejected %u changes", rejected),
                             rejected);
  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);
  toast = adw_toast_new (title);
  /* TRANSLATORS: toast button: open the conflict inbox */
  adw_toast_set_button_label (toast, _("_Review"));
  adw_toast_set_action_name (toast, "win.show-inbox");
  g_set_weak_pointer (&self->toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GrWindow *self = GR_WINDOW (object);
  g_autoptr(LoadResult) loaded = NULL;
  g_autoptr(GError) error = NULL;

  loaded = gr_store_task_run_finish (result, &error);
  if (is_cancelled (error))
    return;

  self->loading = FALSE;
  if (self->reload_again)
    {
      self->reload_again = FALSE;
      gr_window_reload (self);
      return;
    }

  if (loaded == NULL)
    {
      if (self->info == NULL)
        {
          g_autofree char *markup = g_markup_escape_text (error->message, -1);

          /* The status page's description is markup. */
          adw_status_page_set_description (self->error_page, markup);
          set_view (self, "error");
        }
      else
        show_error (self, _("Could not Read the Database"), error);
      return;
    }

  /* After a write (not the first read: the page reads when first shown)
   * the Stock page reads again when it is next shown, or now if it is. */
  if (self->info != NULL)
    {
      if (self->stock_page != NULL)
        gr_stock_page_reload (self->stock_page);
      if (self->rotation_page != NULL)
        gr_rotation_page_reload (self->rotation_page);
    }
  g_clear_pointer (&self->info, gr_info_free);
  self->info = g_steal_pointer (&loaded->info);
  self->empty = loaded->empty;
  update_grading (self);
  update_reports (self);
  update_inspections (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROFILE]);

  /* Demo data never syncs: no indicator to tell about it. */
  gtk_widget_set_visible (GTK_WIDGET (self->sync_indicator), !self->info->demo);
  if (!self->busy)
    set_view (self, view_for (self));
  if (self->initial_inspection != NULL && !self->empty)
    {
      g_autofree char *id = g_steal_pointer (&self->initial_inspection);

      if (g_strcmp0 (id, "new") == 0)
        open_inspection_window (self, NULL, NULL);
      else
        open_inspection_window (self, NULL, id);
    }
}

static void
demo_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GrWindow *self = GR_WINDOW (object);
  g_autoptr(GError) error = NULL;

  gr_store_task_run_finish (result, &error);
  release_application (user_data);
  if (is_cancelled (error))
    return;

  end_write (self, _("Could not Load the Demo Data"), error);
  if (error == NULL)
    {
      gr_window_add_toast (self, _("Demo data loaded"));
      gr_window_reload (self);
    }
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GrWindow *self = GR_WINDOW (object);
  g_autoptr(GError) error = NULL;
  g_autofree GrImportStats *stats = NULL;

  stats = gr_store_task_run_finish (result, &error);
  release_application (user_data);
  if (is_cancelled (error))
    return;

  end_write (self, _("Could not Import the Dataset"), error);
  if (stats != NULL)
    {
      guint n = stats->inserted + stats->updated;
      g_autofree char *title = NULL;

      if (n == 0)
        title = g_strdup (_("Nothing new: every record was already in the database"));
      else
        title = g_strdup_printf (ngettext ("Imported %u record", "Imported %u records", n), n);
      gr_window_add_toast (self, title);
      gr_window_reload (self);
    }
}

static void
set_profile_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GrWindow *self = GR_WINDOW (object);
  g_autoptr(GError) error = NULL;

  gr_store_task_run_finish (result, &error);
  if (is_cancelled (error))
    return;
  set_busy (self, FALSE);
  if (error != NULL)
    show_error (self, _("Could not Change the Regulation Profile"), error);
  gr_window_reload (self);
}

static void
file_chooser_response_cb (GrWindow             *self,
                          int                   response,
                          GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        gr_window_import_file (self, file);
    }
  g_clear_object (&self->file_chooser);
}

static void
visible_page_changed_cb (GrWindow     *self,
                         GParamSpec   *pspec,
                         AdwViewStack *view_stack)
{
  const char *page = adw_view_stack_get_visible_child_name (view_stack);

  if (gr_window_page_is_valid (page))
    g_settings_set_string (self->settings, "last-page", page);
  if (g_strcmp0 (page, "stock") == 0)
    ensure_stock_page (self);
  if (g_strcmp0 (page, "grading") == 0)
    ensure_grading_page (self);
  if (g_strcmp0 (page, "rotation") == 0)
    ensure_rotation_page (self);
  if (g_strcmp0 (page, "inspections") == 0)
    ensure_inspections_page (self);
  if (g_strcmp0 (page, "reports") == 0)
    ensure_reports_page (self);
  if (self->grading_stale && g_strcmp0 (page, "grading") == 0)
    update_grading (self);
  if (self->reports_stale && g_strcmp0 (page, "reports") == 0)
    update_reports (self);
  if (self->inspections_stale && g_strcmp0 (page, "inspections") == 0)
    update_inspections (self);
}

static void
targets_changed_cb (GrWindow  *self,
                    const char *key,
                    GSettings  *settings)
{
  load_overview (self);
  update_grading (self);
}

/*
 * Actions
 */

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  GrWindow *self = GR_WINDOW (widget);
  g_autoptr(GtkFileFilter) datasets = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->busy || self->file_chooser != NULL)
    return;

  /* TRANSLATORS: a file filter: dataset files in JSON or NDJSON */
  gtk_file_filter_set_name (datasets, _("Granary datasets (JSON)"));
  gtk_file_filter_add_mime_type (datasets, "application/json");
  gtk_file_filter_add_pattern (datasets, "*.json");
  gtk_file_filter_add_pattern (datasets, "*.ndjson");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");

  self->file_chooser = gtk_file_chooser_native_new (_("Import Dataset"), GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_OPEN,
                                                    _("_Import"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), datasets);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->file_chooser), datasets);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->file_chooser), TRUE);
  g_signal_connect_object (self->file_chooser, "response",
                           G_CALLBACK (file_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}

static void
load_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  GrWindow *self = GR_WINDOW (widget);
  GApplication *held;

  if (self->busy || !self->empty)
    return;

  held = begin_write (self, _("Loading Demo Data"),
                      _("Generating the reserves of a city: enterprises, depots, plans, lots and their history"));
  gr_store_task_run_async (self, self->db_path, demo_worker, NULL, NULL, NULL,
                           write_progress_cb, NULL, self->cancellable, demo_done_cb, held);
}

/* win.show-stock "FILTER": the Stock page narrowed by a filter of
 * space-separated terms (gr-stock-filter.h), e.g. "variety:wheat
 * enterprise:ent-01", "class:finished", "region:英德市", "lot:lot-000123". */
static void
show_stock_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  GrWindow *self = GR_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  /* Kept as given, so a page (and a test) can tell what was asked for. */
  g_free (self->stock_filter);
  self->stock_filter = g_variant_dup_string (param, NULL);
  adw_view_stack_set_visible_child_name (self->view_stack, "stock");
  if (!gr_stock_page_show (ensure_stock_page (self), self->stock_filter, &error))
    gr_window_add_toast (self, error->message);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  GrWindow *self = GR_WINDOW (widget);
  const char *page = g_variant_get_string (param, NULL);

  if (gr_window_page_is_valid (page))
    adw_view_stack_set_visible_child_name (self->view_stack, page);
}

static void
test_saved_cb (GrWindow *self)
{
  gr_window_add_toast (self, _("Quality test recorded"));
  gr_window_reload (self);
}

static void
assessment_changed_cb (GrWindow *self)
{
  /* TRANSLATORS: toast after a step of a depot assessment was saved */
  gr_window_add_toast (self, _("Assessment recorded"));
  gr_window_reload (self);
}

static void
assess_depot_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  GrWindow *self = GR_WINDOW (widget);
  const char *depot = g_variant_get_string (param, NULL);
  GrAssessmentWindow *dialog;

  if (self->db_path == NULL || self->busy || *depot == '\0')
    return;
  dialog = gr_assessment_window_new (GTK_WINDOW (self), self->db_path, depot);
  g_signal_connect_object (dialog, "changed", G_CALLBACK (assessment_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
record_test_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  GrWindow *self = GR_WINDOW (widget);
  const char *lot = g_variant_get_string (param, NULL);
  GrQualityTestWindow *dialog;

  if (self->db_path == NULL || self->busy || *lot == '\0')
    return;
  dialog = gr_quality_test_window_new (GTK_WINDOW (self), self->db_path, lot);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (test_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
inspection_changed_cb (GrWindow *self)
{
  update_inspections (self);
}

static void
open_inspection_window (GrWindow   *self,
                        const char *depot,
                        const char *inspection)
{
  GrInspectionWindow *form;

  if (self->db_path == NULL || self->busy || self->info == NULL)
    return;
  form = gr_inspection_window_new (GTK_WINDOW (self), self->db_path, depot, inspection);
  g_signal_connect_object (form, "changed", G_CALLBACK (inspection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (form));
}

/* win.new-inspection "DEPOT": a new inspection, of that depot when not "". */
static void
new_inspection_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  const char *depot = g_variant_get_string (param, NULL);

  open_inspection_window (GR_WINDOW (widget), *depot != '\0' ? depot : NULL, NULL);
}

/* win.open-inspection "ID": the form of that inspection (read-only once signed). */
static void
open_inspection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  const char *id = g_variant_get_string (param, NULL);

  if (*id != '\0')
    open_inspection_window (GR_WINDOW (widget), NULL, id);
}

static void
sync_now_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  GrWindow *self = GR_WINDOW (widget);

  if (self->sync_service != NULL)
    gr_sync_service_sync_now (self->sync_service);
}

static void
cancel_download_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  GrWindow *self = GR_WINDOW (widget);

  if (self->sync_service != NULL)
    gr_sync_service_cancel (self->sync_service);
}

static void
show_inbox_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  GrWindow *self = GR_WINDOW (widget);

  gr_window_show_inbox (self);
}

/*
 * GObject overrides
 */

static gboolean
gr_window_close_request (GtkWindow *window)
{
  GrWindow *self = GR_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (gr_window_parent_class)->close_request (window);
}

static void
gr_window_constructed (GObject *object)
{
  GrWindow *self = GR_WINDOW (object);
  g_autofree char *last_page = g_settings_get_string (self->settings, "last-page");
  const char *page = self->initial_page ? self->initial_page : last_page;

  G_OBJECT_CLASS (gr_window_parent_class)->constructed (object);

  if (self->db_path == NULL)
    self->db_path = gr_store_default_path ();
  gr_first_run_set_db_path (self->first_run, self->db_path);
  g_signal_connect_object (self->overview_page, "notify::loading",
                           G_CALLBACK (overview_loading_cb), self, G_CONNECT_SWAPPED);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  /* Connected only now: building the stack showed its first page. */
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (visible_page_changed_cb), self, G_CONNECT_SWAPPED);
  if (gr_window_page_is_valid (page))
    adw_view_stack_set_visible_child_name (self->view_stack, page);
  /* The page asked for on the command line is the last one used now. */
  visible_page_changed_cb (self, NULL, self->view_stack);
  g_signal_connect_object (self->settings, "changed::targets",
                           G_CALLBACK (targets_changed_cb), self, G_CONNECT_SWAPPED);

  /* Sync in the background, and what it says about the user's role. */
  self->sync_service = gr_sync_service_new (self->db_path);
  gr_sync_indicator_set_service (self->sync_indicator, self->sync_service);
  {
    static const char * const watched[] = {
      "notify::state", "notify::ready", "notify::role", "notify::downloading", "notify::download-done",
      "notify::download-total",
    };

    for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
      g_signal_connect_object (self->sync_service, watched[i], G_CALLBACK (sync_state_changed_cb), self,
                               G_CONNECT_SWAPPED);
  }
  g_signal_connect_object (self->sync_service, "data-changed", G_CALLBACK (sync_data_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync_service, "issues", G_CALLBACK (sync_issues_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::role", G_CALLBACK (update_role), self, G_CONNECT_SWAPPED);
  update_role (self);

  update_actions (self);
  gr_window_reload (self);
  if (gr_bench_pages ())
    gr_page_bench_start (self);
}

static void
gr_window_dispose (GObject *object)
{
  GrWindow *self = GR_WINDOW (object);

  /* Workers still running hold a reference to us: their callbacks see
   * the cancellation and leave the (disposed) widgets alone. */
  g_cancellable_cancel (self->cancellable);
  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
  g_clear_object (&self->file_chooser);
  g_clear_weak_pointer (&self->toast);
  if (self->inbox != NULL)
    gtk_window_destroy (GTK_WINDOW (self->inbox));
  g_clear_weak_pointer (&self->inbox);
  if (self->sync_service != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->sync_service, self);
      gr_sync_service_cancel (self->sync_service);
      g_clear_object (&self->sync_service);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), GR_TYPE_WINDOW);

  G_OBJECT_CLASS (gr_window_parent_class)->dispose (object);
}

static void
gr_window_finalize (GObject *object)
{
  GrWindow *self = GR_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->info, gr_info_free);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->initial_page, g_free);
  g_clear_pointer (&self->return_view, g_free);
  g_clear_pointer (&self->stock_filter, g_free);
  g_clear_pointer (&self->initial_inspection, g_free);
  g_clear_pointer (&self->role, g_free);

  G_OBJECT_CLASS (gr_window_parent_class)->finalize (object);
}

static void
gr_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  GrWindow *self = GR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_DB_PATH:
      g_value_set_string (value, self->db_path);
      break;

    case PROP_PROFILE:
      g_value_set_string (value, gr_window_get_profile (self));
      break;

    case PROP_VIEW:
      g_value_set_string (value, gr_window_get_view (self));
      break;

    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  GrWindow *self = GR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      self->db_path = g_value_dup_string (value);
      break;

    case PROP_PAGE:
      self->initial_page = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_window_class_init (GrWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = gr_window_constructed;
  object_class->dispose = gr_window_dispose;
  object_class->finalize = gr_window_finalize;
  object_class->get_property = gr_window_get_property;
  object_class->set_property = gr_window_set_property;

  window_class->close_request = gr_window_close_request;

  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, NULL,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_PROFILE] =
    g_param_spec_string ("profile", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gr_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/gr-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GrWindow, download_bar);
  gtk_widget_class_bind_template_child (widget_class, GrWindow, download_button);
  gtk_widget_class_bind_template_child (widget_class, GrWindow, download_label);
  gtk_widget_class_bind_template_child (widget_class, GrWindow, download_page);
  gtk_widget_class_bind_template_child (widget_class, GrWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, GrWindow, first_run);
  gtk_widget_class_bind_template_child (widget_class, GrWindow, grading_slot);
  gtk_widget_class_bind_template_child (widget_class, GrWindow, inspections_slot);
  gtk_widget_class_bind_template_child (widget_class, GrWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, GrWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, GrWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, GrWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, GrWindow, progress_page);
  gtk_widget_class_bind_template_child (widget_class, GrWindow, reports_slot);
  gtk_widget_class_bind_template_child (widget_class, GrWindow, rotation_slot);
  gtk_widget_class_bind_template_child (widget_class, GrWindow, stock_slot);
  gtk_widget_class_bind_template_child (widget_class, GrWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, GrWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, GrWindow, sync_indicator);
  gtk_widget_class_bind_template_child (widget_class, GrWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GrWindow, view_stack);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.load-demo", NULL, load_demo_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.record-test", "s", record_test_action);
  gtk_widget_class_install_action (widget_class, "win.assess-depot", "s", assess_depot_action);
  gtk_widget_class_install_action (widget_class, "win.new-inspection", "s", new_inspection_action);
  gtk_widget_class_install_action (widget_class, "win.open-inspection", "s", open_inspection_action);
  /* Other pages open the Stock page on what they show: "variety:wheat",
   * "enterprise:ent-01", "lot:lot-000123" (gr-stock-filter.h). */
  gtk_widget_class_install_action (widget_class, "win.show-stock", "s", show_stock_action);
  /* Sync: a cycle now; pause a first download; the conflict inbox. */
  gtk_widget_class_install_action (widget_class, "win.sync-now", NULL, sync_now_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-download", NULL, cancel_download_action);
  gtk_widget_class_install_action (widget_class, "win.show-inbox", NULL, show_inbox_action);

  g_type_ensure (GR_TYPE_FIRST_RUN);
  g_type_ensure (GR_TYPE_OVERVIEW_PAGE);
  g_type_ensure (GR_TYPE_SYNC_INDICATOR);
}

static void
gr_window_init (GrWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();
  self->empty = TRUE;
}

/*
 * Public API
 */

GrWindow *
gr_window_new (GtkApplication *application,
               const char     *db_path,
               const char     *page)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  return g_object_new (GR_TYPE_WINDOW,
                       "application", application,
                       "db-path", db_path,
                       "page", page,
                       NULL);
}

const char * const *
gr_window_page_names (void)
{
  return page_names;
}

gboolean
gr_window_page_is_valid (const char *name)
{
  return name != NULL && g_strv_contains (page_names, name);
}

const char *
gr_window_get_db_path (GrWindow *self)
{
  g_return_val_if_fail (GR_IS_WINDOW (self), NULL);
  return self->db_path;
}

const char *
gr_window_get_view (GrWindow *self)
{
  g_return_val_if_fail (GR_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->main_stack);
}

gboolean
gr_window_get_busy (GrWindow *self)
{
  g_return_val_if_fail (GR_IS_WINDOW (self), FALSE);
  return self->busy;
}

const char *
gr_window_get_profile (GrWindow *self)
{
  g_return_val_if_fail (GR_IS_WINDOW (self), NULL);
  return self->info ? self->info->profile : NULL;
}

const char *
gr_window_get_stock_filter (GrWindow *self)
{
  g_return_val_if_fail (GR_IS_WINDOW (self), NULL);
  return self->stock_filter;
}

GrStockPage *
gr_window_get_stock_page (GrWindow *self)
{
  g_return_val_if_fail (GR_IS_WINDOW (self), NULL);
  return ensure_stock_page (self);
}

GrGradingPage *
gr_window_get_grading_page (GrWindow *self)
{
  g_return_val_if_fail (GR_IS_WINDOW (self), NULL);
  return ensure_grading_page (self);
}

GrRotationPage *
gr_window_get_rotation_page (GrWindow *self)
{
  g_return_val_if_fail (GR_IS_WINDOW (self), NULL);
  return ensure_rotation_page (self);
}

GrInspectionsPage *
gr_window_get_inspections_page (GrWindow *self)
{
  g_return_val_if_fail (GR_IS_WINDOW (self), NULL);
  return ensure_inspections_page (self);
}

GrReportsPage *
gr_window_get_reports_page (GrWindow *self)
{
  g_return_val_if_fail (GR_IS_WINDOW (self), NULL);
  return ensure_reports_page (self);
}

AdwViewStack *
gr_window_get_view_stack (GrWindow *self)
{
  g_return_val_if_fail (GR_IS_WINDOW (self), NULL);
  return self->view_stack;
}

void
gr_window_reload (GrWindow *self)
{
  g_return_if_fail (GR_IS_WINDOW (self));

  /* One read at a time; a request during a read runs once it is done,
   * so what is shown is never older than the last write. */
  if (self->loading)
    {
      self->reload_again = TRUE;
      return;
    }
  self->loading = TRUE;
  gr_store_task_run_async (self, self->db_path, load_worker, NULL, NULL,
                           (GDestroyNotify) load_result_free, NULL, NULL,
                           self->cancellable, load_done_cb, NULL);
  load_overview (self);
}

void
gr_window_set_profile (GrWindow   *self,
                       const char *profile)
{
  g_return_if_fail (GR_IS_WINDOW (self));
  g_return_if_fail (profile != NULL);

  if (self->busy || g_strcmp0 (profile, gr_window_get_profile (self)) == 0)
    return;
  set_busy (self, TRUE);
  gr_store_task_run_async (self, self->db_path, set_profile_worker, g_strdup (profile), g_free,
                           NULL, NULL, NULL, self->cancellable, set_profile_done_cb, NULL);
}

void
gr_window_import_file (GrWindow *self,
                       GFile    *file)
{
  g_autofree char *path = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  GApplication *held;

  g_return_if_fail (GR_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->busy)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                     _("Only files on this computer can be imported"));
      show_error (self, _("Could not Import the Dataset"), error);
      return;
    }

  /* The status page's description is markup. */
  basename = g_file_get_basename (file);
  name = g_markup_escape_text (basename, -1);
  /* TRANSLATORS: %s is a file name */
  description = g_strdup_printf (_("Checking and storing the records of %s"), name);
  held = begin_write (self, _("Importing Dataset"), description);
  gr_store_task_run_async (self, self->db_path, import_worker, g_steal_pointer (&path), g_free,
                           g_free, write_progress_cb, NULL, self->cancellable, import_done_cb, held);
}

void
gr_window_show_preferences (GrWindow *self)
{
  GrPreferencesWindow *preferences;

  g_return_if_fail (GR_IS_WINDOW (self));

  preferences = gr_preferences_window_new (self);
  gtk_window_present (GTK_WINDOW (preferences));
}

GrSyncService *
gr_window_get_sync_service (GrWindow *self)
{
  g_return_val_if_fail (GR_IS_WINDOW (self), NULL);
  return self->sync_service;
}

GrSyncIndicator *
gr_window_get_sync_indicator (GrWindow *self)
{
  g_return_val_if_fail (GR_IS_WINDOW (self), NULL);
  return self->sync_indicator;
}

const char *
gr_window_get_role (GrWindow *self)
{
  g_return_val_if_fail (GR_IS_WINDOW (self), NULL);
  return self->role;
}

gboolean
gr_window_get_demo (GrWindow *self)
{
  g_return_val_if_fail (GR_IS_WINDOW (self), FALSE);
  return self->info != NULL && self->info->demo;
}

void
gr_window_show_inbox (GrWindow *self)
{
  g_return_if_fail (GR_IS_WINDOW (self));

  if (self->inbox == NULL)
    g_set_weak_pointer (&self->inbox, gr_sync_inbox_new (GTK_WINDOW (self), self->sync_service));
  gtk_window_present (GTK_WINDOW (self->inbox));
}

void
gr_window_add_toast (GrWindow   *self,
                     const char *title)
{
  g_return_if_fail (GR_IS_WINDOW (self));

  /* The newest news replaces the older: a queued toast about an earlier
   * import would only confuse. */
  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);
  g_set_weak_pointer (&self->toast, adw_toast_new (title));
  adw_toast_overlay_add_toast (self->toast_overlay, self->toast);
}

void
gr_window_open_inspection_when_loaded (GrWindow   *self,
                                       const char *inspection)
{
  g_return_if_fail (GR_IS_WINDOW (self));

  g_free (self->initial_inspection);
  self->initial_inspection = g_strdup (inspection);
}
