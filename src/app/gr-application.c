/* gr-application.c
 *
 * Granary runs one process per invocation (G_APPLICATION_NON_UNIQUE):
 * each instance may open another database with --db, and several can run
 * side by side on one file, which SQLite's WAL mode makes safe.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-application"

#include "config.h"

#include <glib/gi18n.h>

#include "gr-application.h"
#include "gr-bench.h"
#include "gr-overview-page.h"
#include "gr-resources.h"
#include "gr-store.h"
#include "gr-window.h"

struct _GrApplication
{
  AdwApplication  parent_instance;

  /* Owned References */
  char           *db_path;
  gboolean        db_given;   /* --db: the user chose the database */
  char           *page;     /* --page: for the first window only */
  char           *inspection; /* --inspection: for the first window only */
};

G_DEFINE_FINAL_TYPE (GrApplication, gr_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the database file PATH instead of the default one"), N_("PATH") },
  { "page", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Open on page NAME: overview, stock, rotation, grading, inspections or reports"), N_("NAME") },
  { "inspection", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Open the inspection with this id, or “new” to start one"), N_("ID") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { NULL }
};

/*
 * Actions
 */

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (GR_IS_WINDOW (window))
    gr_window_show_preferences (GR_WINDOW (window));
}

static void
shortcuts_activated (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/ui/gr-shortcuts-window.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));

  gtk_window_set_transient_for (shortcuts, gtk_application_get_active_window (app));
  gtk_window_set_application (shortcuts, app);
  gtk_window_present (shortcuts);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  static const char *developers[] = { "The Granary developers", NULL };
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "modal", TRUE,
                        "application-icon", APP_ID,
                        "application-name", _("Granary"),
                        "developer-name", _("The Granary developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Keeps the ledger of government grain reserves: stock, rotation, "
                                      "grades, inspections and reports, checked against the local regulations."),
                        "website", "https://github.com/granary/granary",
                        "issue-url", "https://github.com/granary/granary/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", _("© 2026 The Granary developers"),
                        "developers", developers,
                        /* TRANSLATORS: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  /* Close, not destroy: each window saves its size and page on the way
   * out; a running import or demo holds the application until it ends. */
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static const GActionEntry app_actions[] = {
  { .name = "preferences", .activate = preferences_activated },
  { .name = "shortcuts", .activate = shortcuts_activated },
  { .name = "about", .activate = about_activated },
  { .name = "quit", .activate = quit_activated },
};

/*
 * GApplication overrides
 */

static gboolean
schema_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  return schema != NULL;
}

static int
gr_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  GrApplication *self = GR_APPLICATION (app);
  const char *db = NULL;
  const char *page = NULL;
  const char *inspection = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("granary %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "page", "&s", &page))
    {
      if (!gr_window_page_is_valid (page))
        {
          /* TRANSLATORS: the page names are command line values: keep them in English */
          g_printerr (_("granary: unknown page “%s” (use overview, stock, rotation, grading, inspections or reports)\n"),
                      page);
          return 2;
        }
      g_free (self->page);
      self->page = g_strdup (page);
    }

  if (g_variant_dict_lookup (options, "inspection", "&s", &inspection))
    {
      g_free (self->inspection);
      self->inspection = g_strdup (inspection);
    }

  if (g_variant_dict_lookup (options, "db", "^&ay", &db))
    {
      if (*db == '\0')
        {
          g_printerr ("%s\n", _("granary: --db needs the path of a database file"));
          return 2;
        }
      g_free (self->db_path);
      self->db_path = g_canonicalize_filename (db, NULL);
      self->db_given = TRUE;
    }

  /* Without its schema GSettings aborts; say what is missing instead. */
  if (!schema_installed ())
    {
      g_printerr (_("granary: the settings schema %s is not installed "
                    "(to run from a build tree, set GSETTINGS_SCHEMA_DIR to the build's data folder)\n"),
                  APP_ID);
      return 1;
    }

  /* The database of the account signed in last, unless one was given. */
  if (!self->db_given)
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);
      g_autofree char *account_db = g_settings_get_string (settings, "account-db");

      if (*account_db != '\0' && g_file_test (account_db, G_FILE_TEST_IS_REGULAR))
        {
          g_free (self->db_path);
          self->db_path = g_steal_pointer (&account_db);
        }
    }

  /* The Overview's key figures are read in a worker while GTK starts on
   * this thread: the first window shows them sooner. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_autofree char *targets = g_settings_get_string (settings, "targets");

    gr_overview_page_prefetch (self->db_path, targets);
  }

  return -1;
}

static void
gr_application_startup (GApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[2];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.shortcuts", { "<Control>question", NULL } },
    { "win.import", { "<Control>o", NULL } },
    { "win.show-page::overview", { "<Alt>1", NULL } },
    { "win.show-page::stock", { "<Alt>2", NULL } },
    { "win.show-page::rotation", { "<Alt>3", NULL } },
    { "win.show-page::grading", { "<Alt>4", NULL } },
    { "win.show-page::inspections", { "<Alt>5", NULL } },
    { "win.show-page::reports", { "<Alt>6", NULL } },
  };

  G_APPLICATION_CLASS (gr_application_parent_class)->startup (app);
  gr_bench_mark ("gtk-started");

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
}

static void
gr_application_activate (GApplication *app)
{
  GrApplication *self = GR_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (gr_window_new (GTK_APPLICATION (app), self->db_path, self->page));
      gr_bench_mark ("window-built");
      if (self->inspection != NULL)
        gr_window_open_inspection_when_loaded (GR_WINDOW (window), self->inspection);
      g_clear_pointer (&self->inspection, g_free);
      /* Later windows open on the page last used. */
      g_clear_pointer (&self->page, g_free);
    }
  gtk_window_present (window);
  gr_bench_mark ("window-presented");
}

static void
gr_application_finalize (GObject *object)
{
  GrApplication *self = GR_APPLICATION (object);

  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->page, g_free);
  g_clear_pointer (&self->inspection, g_free);
  G_OBJECT_CLASS (gr_application_parent_class)->finalize (object);
}

static void
gr_application_class_init (GrApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = gr_application_finalize;

  app_class->activate = gr_application_activate;
  app_class->handle_local_options = gr_application_handle_local_options;
  app_class->startup = gr_application_startup;

  gr_resources_ensure ();
}

static void
gr_application_init (GrApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Granary keeps the ledger of government grain reserves."));
  self->db_path = gr_store_default_path ();
}

GrApplication *
gr_application_new (void)
{
  return g_object_new (GR_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", RESOURCE_PREFIX,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       NULL);
}

const char *
gr_application_get_db_path (GrApplication *self)
{
  g_return_val_if_fail (GR_IS_APPLICATION (self), NULL);
  return self->db_path;
}

gboolean
gr_application_get_db_given (GrApplication *self)
{
  g_return_val_if_fail (GR_IS_APPLICATION (self), FALSE);
  return self->db_given;
}

void
gr_application_open_database (GrApplication *self,
                              const char    *db_path,
                              const char    *page)
{
  g_autoptr(GList) windows = NULL;
  GtkWindow *window;

  g_return_if_fail (GR_IS_APPLICATION (self));
  g_return_if_fail (db_path != NULL);

  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  g_free (self->db_path);
  self->db_path = g_strdup (db_path);
  /* The new window first, so the application never runs out of windows. */
  window = GTK_WINDOW (gr_window_new (GTK_APPLICATION (self), self->db_path, page));
  gtk_window_present (window);
  for (const GList *l = windows; l != NULL; l = l->next)
    if (GR_IS_WINDOW (l->data))
      gtk_window_close (GTK_WINDOW (l->data));
}
