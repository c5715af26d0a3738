/* gr-gui-test.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gr-gui-test.h"
#include "gr-ledger.h"
#include "gr-store.h"

/* GTK 4.8 keeps a pointer-query timeout (its tooltips') running after
 * the window it was for has closed; when it fires it asks GDK about the
 * surface already gone and GDK and GTK complain. That is the toolkit's, not
 * ours. Criticals are made fatal here rather than by G_DEBUG, so that
 * only that one complaint can be let through: every other still aborts. */
static gboolean
is_closed_surface_query (const char     *log_domain,
                         GLogLevelFlags  level,
                         const char     *message)
{
  /* gdk_surface_get_device_position (), then _gtk_widget_find_at_coords () */
  return (g_strcmp0 (log_domain, "Gdk") == 0 || g_strcmp0 (log_domain, "Gtk") == 0) &&
         (level & G_LOG_LEVEL_CRITICAL) != 0 &&
         message != NULL && strstr (message, "assertion 'GDK_IS_SURFACE (surface)' failed") != NULL;
}

static void
log_cb (const char     *log_domain,
        GLogLevelFlags  level,
        const char     *message,
        gpointer        user_data)
{
  if (is_closed_surface_query (log_domain, level, message))
    {
      g_test_message ("ignored: %s", message);
      return;
    }
  g_log_default_handler (log_domain, level, message, user_data);
  if ((level & G_LOG_LEVEL_CRITICAL) != 0)
    g_error ("a critical was logged (see above)");
}

gboolean
gr_gui_test_init (void)
{
  g_log_set_always_fatal (g_log_set_always_fatal (G_LOG_FATAL_MASK) & ~G_LOG_LEVEL_CRITICAL);
  g_log_set_default_handler (log_cb, NULL);
  if (!gtk_init_check ())
    return FALSE;
  adw_init ();
  /* The GUI test programs share one X server without a window manager, so
   * a window of another program can take the keyboard focus at any time.
   * GtkText's cursor-blink timer then finds its entry unfocused and warns
   * (fatal here); with no blinking there is no timer to find it. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  /* The pointer starts in the middle of the screen, over every window
   * the tests open: a tooltip that comes up as its window closes then asks
   * GDK about a surface already gone. It waits in the corner instead,
   * outside the windows (which open at the top left). */
  if (GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      Display *xdisplay = gdk_x11_display_get_xdisplay (gdk_display_get_default ());
      Screen *screen = DefaultScreenOfDisplay (xdisplay);

      XWarpPointer (xdisplay, None, RootWindowOfScreen (screen), 0, 0, 0, 0,
                    WidthOfScreen (screen) - 1, HeightOfScreen (screen) - 1);
      XFlush (xdisplay);
    }
  return TRUE;
}

/* One application for the whole test program: a GtkApplication lets go
 * of its registration only at the end of g_application_run (), so a
 * second one registered in the same process would clash on the bus. */
static GrApplication *shared_app;

void
gr_gui_fixture_setup (GrGuiFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;
  g_autoptr(GError) error = NULL;

  /* The memory backend lives as long as the process: start every test
   * from the defaults. */
  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);

  fixture->dir = g_dir_make_tmp ("granary-gui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db_path = g_build_filename (fixture->dir, "granary.db", NULL);
  fixture->windows = g_ptr_array_new_with_free_func (g_free);
}

static void
window_finalized (gpointer  data,
                  GObject  *where_the_object_was)
{
  *(gpointer *) data = NULL;
}

GrWindow *
gr_gui_open_window (GrGuiFixture *fixture,
                    const char   *page)
{
  GrWindow *window;
  gpointer *weak;

  /* Registered only when a test opens a window: a test that runs an
   * application of its own does it in a subprocess without this one. */
  if (shared_app == NULL)
    {
      g_autoptr(GError) error = NULL;

      shared_app = gr_application_new ();
      g_application_register (G_APPLICATION (shared_app), NULL, &error);
      g_assert_no_error (error);
    }
  fixture->app = shared_app;

  window = gr_window_new (GTK_APPLICATION (shared_app), fixture->db_path, page);
  weak = g_new0 (gpointer, 1);
  *weak = window;
  g_object_weak_ref (G_OBJECT (window), window_finalized, weak);
  g_ptr_array_add (fixture->windows, weak);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static gboolean
windows_finalized (gpointer data)
{
  GPtrArray *windows = data;

  for (guint i = 0; i < windows->len; i++)
    if (*(gpointer *) g_ptr_array_index (windows, i) != NULL)
      return FALSE;
  return TRUE;
}

static gboolean
no_toplevels (gpointer data)
{
  return g_list_model_get_n_items (gtk_window_get_toplevels ()) == 0;
}

void
gr_gui_fixture_teardown (GrGuiFixture  *fixture,
                         gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GDir) dir = NULL;
  const char *name;

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  gr_gui_wait (no_toplevels, NULL, 2000);

  /* Windows wait for their workers to report back; then they must go,
   * or something leaks. */
  if (!gr_gui_wait (windows_finalized, fixture->windows, 20000))
    g_error ("A window was not finalized: something still holds it");
  g_clear_pointer (&fixture->windows, g_ptr_array_unref);
  fixture->app = NULL;

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->db_path, g_free);
}

static gboolean
timed_out_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
gr_gui_wait (gboolean (*check) (gpointer data),
             gpointer   data,
             guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timed_out_cb, &timed_out);

  while (!check (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return check (data);
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

void
gr_gui_spin (guint ms)
{
  gr_gui_wait (never, NULL, ms);
}

typedef struct {
  GrWindow   *window;
  const char *view;
} ViewWait;

static gboolean
view_reached (gpointer data)
{
  ViewWait *wait = data;

  return !gr_window_get_busy (wait->window) &&
         g_strcmp0 (gr_window_get_view (wait->window), wait->view) == 0;
}

gboolean
gr_gui_wait_view (GrWindow   *window,
                  const char *view)
{
  ViewWait wait = { window, view };

  /* Generous: CI machines are slow and software rendering is slower. */
  return gr_gui_wait (view_reached, &wait, 20000);
}

GrOverviewPage *
gr_gui_get_overview (GrWindow *window)
{
  return GR_OVERVIEW_PAGE (adw_view_stack_get_child_by_name (gr_window_get_view_stack (window), "overview"));
}

static gboolean
overview_ready (gpointer data)
{
  ViewWait *wait = data;

  return view_reached (wait) && !gr_overview_page_get_loading (gr_gui_get_overview (wait->window));
}

gboolean
gr_gui_wait_overview (GrWindow *window)
{
  ViewWait wait = { window, "shell" };

  /* The rules run in a worker too; a CI machine may be slow. */
  if (!gr_gui_wait (overview_ready, &wait, 60000))
    return FALSE;
  /* Let the figures reach the screen. */
  gr_gui_spin (50);
  return TRUE;
}

GtkWidget *
gr_gui_find_type (GtkWidget *root,
                  GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gr_gui_find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GrKpiTile *
gr_gui_find_tile (GtkWidget  *root,
                  const char *title)
{
  if (GR_IS_KPI_TILE (root) && g_strcmp0 (gr_kpi_tile_get_title (GR_KPI_TILE (root)), title) == 0)
    return GR_KPI_TILE (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GrKpiTile *found = gr_gui_find_tile (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
gr_gui_find_button (GtkWidget  *root,
                    const char *action_name)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gr_gui_find_button (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
gr_gui_find_label (GtkWidget  *root,
                   const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gr_gui_find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
gr_gui_find_label_containing (GtkWidget  *root,
                              const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gr_gui_find_label_containing (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

AdwMessageDialog *
gr_gui_find_message_dialog (GtkWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_window_get_transient_for (toplevel) == window)
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

void
gr_gui_seed_ledger (const char *db_path,
                    const char *profile,
                    gboolean    demo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrStore) store = gr_store_open (db_path, &error);

  g_assert_no_error (error);
  g_assert_true (gr_store_begin (store, &error));
  g_assert_true (gr_store_exec (store,
    "INSERT INTO enterprises (id, name, kind) VALUES ('e1', '清远市储备粮有限公司', 'reserve_company');"
    "INSERT INTO depots (id, enterprise, code, name) VALUES ('d1', 'e1', 'QY01', '城北库');"
    "INSERT INTO bins (id, depot, code, type) VALUES ('b1', 'd1', 'P01', 'warehouse');"
    "INSERT INTO plans (id, enterprise, variety, quantity_kg, required_grade, rotation_mode, valid_from)"
    "  VALUES ('p1', 'e1', 'rice', 15000000, 2, 'static', '2024-01-01');"
    "INSERT INTO lots (id, bin, plan, variety, grade, entered_on, packaged, owner)"
    "  VALUES ('l1', 'b1', 'p1', 'rice', 2, '2025-11-10', 0, 'municipal');"
    "INSERT INTO movements (id, lot, date, kind, quantity_kg)"
    "  VALUES ('m1', 'l1', '2025-11-10', 'intake', 12560000);",
    &error));
  g_assert_no_error (error);
  g_assert_true (gr_ledger_mark_dirty (store, "l1", "2025-11-10", &error));
  g_assert_true (gr_ledger_settle (store, TRUE, &error));
  if (profile != NULL)
    g_assert_true (gr_store_set_meta (store, "profile", profile, &error));
  if (demo)
    g_assert_true (gr_store_set_meta (store, "demo", "1", &error));
  g_assert_true (gr_store_commit (store, &error));
  g_assert_no_error (error);
}

GtkWindow *
gr_gui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type))
        return toplevel;
    }
  return NULL;
}

char *
gr_gui_query_text (const char *db_path,
                   const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrStore) store = gr_store_open (db_path, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_no_error (error);
  stmt = gr_store_prepare (store, sql, &error);
  g_assert_no_error (error);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}
