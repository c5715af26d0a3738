/* test-gui.c: the window, its pages, first run, demo and import, options, settings
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "gr-gui-test.h"
#include "gr-store.h"

static const char * const expected_pages[] = {
  "overview", "stock", "rotation", "grading", "inspections", "reports", NULL
};

static void
test_window_pages (GrGuiFixture  *fixture,
                   gconstpointer  data)
{
  GrWindow *window = gr_gui_open_window (fixture, NULL);
  AdwViewStack *stack = gr_window_get_view_stack (window);
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (stack);
  GtkWidget *demo;
  GtkWidget *import;

  /* The six pages, by name, in order, each with a title and an icon. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==, g_strv_length ((GStrv) expected_pages));
  for (guint i = 0; expected_pages[i] != NULL; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      g_assert_cmpstr (adw_view_stack_page_get_name (page), ==, expected_pages[i]);
      g_assert_nonnull (adw_view_stack_get_child_by_name (stack, expected_pages[i]));
      g_assert_nonnull (adw_view_stack_page_get_title (page));
      g_assert_true (g_str_has_suffix (adw_view_stack_page_get_icon_name (page), "-symbolic"));
      g_assert_true (gr_window_page_is_valid (expected_pages[i]));
    }
  g_assert_false (gr_window_page_is_valid ("nowhere"));

  /* A fresh database is empty: the first run offers its two ways in. */
  g_assert_true (gr_gui_wait_view (window, "first-run"));
  gr_gui_spin (50);
  demo = gr_gui_find_button (GTK_WIDGET (window), "win.load-demo");
  import = gr_gui_find_button (GTK_WIDGET (window), "win.import");
  g_assert_nonnull (demo);
  g_assert_nonnull (import);
  g_assert_true (gtk_widget_get_mapped (demo));
  g_assert_true (gtk_widget_get_mapped (import));
  g_assert_true (gtk_widget_is_sensitive (demo));
  g_assert_true (gtk_widget_is_sensitive (import));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (demo)), ==, "Load Demo Data");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (import)), ==, "Import Dataset…");
  /* No page switcher before there are pages to switch. */
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (stack)));
}

static void
test_open_error (GrGuiFixture  *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GrWindow *window;

  /* Not a database: the window says so and offers nothing to write. */
  g_assert_true (g_file_set_contents (fixture->db_path, "granary <not a database> & more text, long enough", -1, &error));
  window = gr_gui_open_window (fixture, NULL);
  g_assert_true (gr_gui_wait_view (window, "error"));
  gr_gui_spin (50);
  g_assert_nonnull (gr_gui_find_label (GTK_WIDGET (window), "Could not Open the Database"));
  g_assert_nonnull (gr_gui_find_label_containing (GTK_WIDGET (window), "not a database"));
  g_assert_false (gtk_widget_get_sensitive (gr_gui_find_button (GTK_WIDGET (window), "win.load-demo")));
  g_assert_false (gtk_widget_get_sensitive (gr_gui_find_button (GTK_WIDGET (window), "win.import")));
}

static gboolean
not_busy (gpointer data)
{
  return !gr_window_get_busy (data);
}

static void
test_demo_load (GrGuiFixture  *fixture,
                gconstpointer  data)
{
  GrWindow *window = gr_gui_open_window (fixture, NULL);

  g_assert_true (gr_gui_wait_view (window, "first-run"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-demo", NULL);

  /* The work runs in a worker: the window shows its progress meanwhile. */
  g_assert_true (gr_window_get_busy (window));
  g_assert_cmpstr (gr_window_get_view (window), ==, "working");
  g_assert_true (gr_gui_wait (not_busy, window, 120000));

  /* The city demo (DESIGN.md §4: dongguan-2025 with the Qingyuan
   * targets): a toast, then the Overview with real totals. */
  g_assert_null (gr_gui_find_message_dialog (GTK_WINDOW (window)));
  g_assert_true (gr_gui_wait_view (window, "shell"));
  gr_gui_spin (50);
  g_assert_nonnull (gr_gui_find_label (GTK_WIDGET (window), "Demo data loaded"));
  g_assert_cmpstr (gr_window_get_profile (window), ==, "dongguan-2025");
  g_assert_true (gr_gui_wait_overview (window));
  {
    GtkWidget *overview = GTK_WIDGET (gr_gui_get_overview (window));
    GrKpiTile *reserve = gr_gui_find_tile (overview, "Policy reserve");
    GrKpiTile *finished = gr_gui_find_tile (overview, "Finished grain");
    GtkWidget *note = gr_gui_find_label (overview, "This database holds demo data: the enterprises, depots and figures are generated, not real.");

    g_assert_true (gtk_widget_get_mapped (overview));
    g_assert_nonnull (reserve);
    g_assert_nonnull (finished);
    /* 万吨 with two decimals; tonnes with thousands separators; the
     * city's scale is 22万吨 and its finished grain target 12,560 t
     * (清远 表2 rows 5 and 6). */
    g_assert_true (g_regex_match_simple ("^[1-9][0-9]?\\.[0-9]{2}$", gr_kpi_tile_get_value_text (reserve), 0, 0));
    g_assert_true (g_regex_match_simple ("^[1-9][0-9]{0,2}(,[0-9]{3})*$", gr_kpi_tile_get_value_text (finished), 0, 0));
    g_assert_cmpfloat (gr_kpi_tile_get_target (reserve), ==, 22.0);
    g_assert_cmpfloat (gr_kpi_tile_get_target (finished), ==, 12560);
    g_assert_true (gtk_widget_get_mapped (note));
  }
  /* The demo is for an empty database only. */
  g_assert_false (gtk_widget_get_sensitive (gr_gui_find_button (GTK_WIDGET (window), "win.load-demo")));
}

static void
test_import_refused (GrGuiFixture  *fixture,
                     gconstpointer  data)
{
  GrWindow *window = gr_gui_open_window (fixture, NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "broken.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  g_assert_true (g_file_set_contents (path, "{\"format\": \"granary-dataset\", \"version\": 1, \"lots\": [", -1, &error));
  g_assert_true (gr_gui_wait_view (window, "first-run"));

  gr_window_import_file (window, file);
  g_assert_true (gr_window_get_busy (window));
  g_assert_true (gr_gui_wait (not_busy, window, 20000));

  /* Bad input: a one-line message, and nothing changed. */
  dialog = gr_gui_find_message_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could not Import the Dataset");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), !=, "");
  g_assert_null (strchr (adw_message_dialog_get_body (dialog), '\n'));
  g_assert_true (gr_gui_wait_view (window, "first-run"));
  {
    g_autoptr(GrStore) store = gr_store_open (fixture->db_path, NULL);

    g_assert_true (gr_store_is_empty (store));
  }
}

/* A small dataset in the format of DESIGN.md §7. */
static const char dataset[] =
  "{\"format\": \"granary-dataset\", \"version\": 1, \"profile\": \"zhongshan-2026\","
  " \"enterprises\": [{\"id\": \"e1\", \"name\": \"中山市粮食储备有限公司\", \"kind\": \"reserve_company\"}],"
  " \"depots\": [{\"id\": \"d1\", \"enterprise\": \"e1\", \"code\": \"ZS01\", \"name\": \"南区库\"}],"
  " \"bins\": [{\"id\": \"b1\", \"depot\": \"d1\", \"code\": \"P01\"}],"
  " \"plans\": [{\"id\": \"p1\", \"enterprise\": \"e1\", \"variety\": \"rice\", \"quantity_t\": 15000,"
  "   \"rotation_mode\": \"autonomous\", \"valid_from\": \"2024-01-01\"}],"
  " \"lots\": [{\"id\": \"l1\", \"bin\": \"b1\", \"plan\": \"p1\", \"variety\": \"rice\", \"grade\": 2,"
  "   \"produced_on\": \"2026-03-01\", \"entered_on\": \"2026-03-10\"}],"
  " \"movements\": [{\"id\": \"m1\", \"lot\": \"l1\", \"date\": \"2026-03-10\", \"kind\": \"intake\", \"quantity_t\": 12560}]}";

static void
test_import_dataset (GrGuiFixture  *fixture,
                     gconstpointer  data)
{
  GrWindow *window = gr_gui_open_window (fixture, NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "city.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GtkWidget *overview;

  g_assert_true (g_file_set_contents (path, dataset, -1, &error));
  g_assert_true (gr_gui_wait_view (window, "first-run"));

  gr_window_import_file (window, file);
  g_assert_cmpstr (gr_window_get_view (window), ==, "working");

  /* Six new records, said in a toast; then the shell with the totals. */
  g_assert_true (gr_gui_wait_view (window, "shell"));
  g_assert_null (gr_gui_find_message_dialog (GTK_WINDOW (window)));
  g_assert_nonnull (gr_gui_find_label (GTK_WIDGET (window), "Imported 6 records"));
  g_assert_cmpstr (gr_window_get_profile (window), ==, "zhongshan-2026");
  g_assert_true (gr_gui_wait_overview (window));
  overview = GTK_WIDGET (gr_gui_get_overview (window));
  g_assert_cmpstr (gr_kpi_tile_get_value_text (gr_gui_find_tile (overview, "Finished grain")), ==, "12,560");
  g_assert_nonnull (gr_gui_find_label (overview, "Plan 15,000 t"));

  /* The same file again changes nothing, and says so. */
  gr_window_import_file (window, file);
  g_assert_true (gr_gui_wait_view (window, "shell"));
  g_assert_nonnull (gr_gui_find_label (GTK_WIDGET (window), "Nothing new: every record was already in the database"));
}

static void
test_overview_totals (GrGuiFixture  *fixture,
                      gconstpointer  data)
{
  GrWindow *window;
  GtkWidget *overview;
  GtkWidget *note;
  GrKpiTile *reserve;
  GrKpiTile *days;

  gr_gui_seed_ledger (fixture->db_path, "dongguan-2025", TRUE);
  window = gr_gui_open_window (fixture, NULL);
  g_assert_true (gr_gui_wait_overview (window));
  overview = GTK_WIDGET (gr_gui_get_overview (window));
  g_assert_true (gtk_widget_get_mapped (overview));
  /* 12,560 t of rice in store (清远 表2 row 6) of a 15,000 t plan: 1.26
   * of 1.50 万吨, a scale under the 22万吨 of 表2 row 5; 10 days of supply
   * at 1,256 t a day. */
  reserve = gr_gui_find_tile (overview, "Policy reserve");
  g_assert_cmpstr (gr_kpi_tile_get_value_text (reserve), ==, "1.26");
  g_assert_nonnull (gr_gui_find_label (GTK_WIDGET (reserve), "Target 1.50 10k t"));
  g_assert_nonnull (gr_gui_find_label (GTK_WIDGET (reserve), "Scale under the plan target of 22.00 10k t"));
  g_assert_cmpstr (gr_kpi_tile_get_value_text (gr_gui_find_tile (overview, "Finished grain")), ==, "12,560");
  days = gr_gui_find_tile (overview, "Days of supply");
  g_assert_cmpstr (gr_kpi_tile_get_value_text (days), ==, "10.0");
  g_assert_nonnull (gr_gui_find_label (GTK_WIDGET (days), "Target 10.0 days"));
  g_assert_nonnull (gr_gui_find_label (GTK_WIDGET (days), "At 1,256 t a day"));
  g_assert_nonnull (gr_gui_find_label_containing (overview, "Dongguan 2025"));
  g_assert_nonnull (gr_gui_find_label_containing (overview, "Qingyuan 14th Five-Year Plan"));
  g_assert_cmpstr (gr_window_get_profile (window), ==, "dongguan-2025");
  note = gr_gui_find_label (overview, "This database holds demo data: the enterprises, depots and figures are generated, not real.");
  g_assert_nonnull (note);
  g_assert_true (gtk_widget_get_mapped (note));
  /* The demo is only for an empty database. */
  g_assert_false (gtk_widget_get_sensitive (gr_gui_find_button (GTK_WIDGET (window), "win.load-demo")));
}

static gboolean
profile_is_zhongshan (gpointer data)
{
  return g_strcmp0 (gr_window_get_profile (data), "zhongshan-2026") == 0 && !gr_window_get_busy (data);
}

static void
test_preferences_profile (GrGuiFixture  *fixture,
                          gconstpointer  data)
{
  GrWindow *window;
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwPreferencesWindow *preferences = NULL;

  gr_gui_seed_ledger (fixture->db_path, "dongguan-2025", FALSE);
  window = gr_gui_open_window (fixture, NULL);
  g_assert_true (gr_gui_wait_view (window, "shell"));

  gr_window_show_preferences (window);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_PREFERENCES_WINDOW (toplevel))
        preferences = ADW_PREFERENCES_WINDOW (toplevel);
    }
  g_assert_nonnull (preferences);

  /* The profile is the database's: it is written there and read back. */
  gr_window_set_profile (window, "zhongshan-2026");
  g_assert_true (gr_gui_wait (profile_is_zhongshan, window, 20000));
  {
    g_autoptr(GrStore) store = gr_store_open (fixture->db_path, NULL);
    g_autofree char *profile = gr_store_get_meta (store, "profile");

    g_assert_cmpstr (profile, ==, "zhongshan-2026");
  }
  g_assert_true (gr_gui_wait_overview (window));
  g_assert_nonnull (gr_gui_find_label_containing (GTK_WIDGET (gr_gui_get_overview (window)), "Zhongshan 2026"));
}

static void
test_last_page_kept (GrGuiFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *last = NULL;
  GrWindow *window;
  int width, height;

  gr_gui_seed_ledger (fixture->db_path, NULL, FALSE);
  window = gr_gui_open_window (fixture, NULL);
  g_assert_true (gr_gui_wait_view (window, "shell"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (gr_window_get_view_stack (window)), ==, "overview");

  /* Alt+4 and friends go through win.show-page. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "grading");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (gr_window_get_view_stack (window)), ==, "grading");
  last = g_settings_get_string (settings, "last-page");
  g_assert_cmpstr (last, ==, "grading");
  gtk_window_destroy (GTK_WINDOW (window));

  /* The next window opens where the last one was, at the size kept. */
  g_settings_set_int (settings, "window-width", 1000);
  g_settings_set_int (settings, "window-height", 700);
  window = gr_gui_open_window (fixture, NULL);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (gr_window_get_view_stack (window)), ==, "grading");
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 700);
  g_assert_true (gr_gui_wait_view (window, "shell"));
}

static void
test_default_size (GrGuiFixture  *fixture,
                   gconstpointer  data)
{
  GrWindow *window = gr_gui_open_window (fixture, NULL);
  int width, height;

  /* 1280×800 by default: fits a 1366×768 screen with its panel. */
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1280);
  g_assert_cmpint (height, ==, 800);
  g_assert_true (gr_gui_wait_view (window, "first-run"));
}

static void
test_accels (GrGuiFixture  *fixture,
             gconstpointer  data)
{
  static const struct {
    const char *action;
    const char *accel;
  } expected[] = {
    { "app.quit", "<Control>q" },
    { "app.preferences", "<Control>comma" },
    { "win.import", "<Control>o" },
    { "win.show-page::overview", "<Alt>1" },
    { "win.show-page::stock", "<Alt>2" },
    { "win.show-page::rotation", "<Alt>3" },
    { "win.show-page::grading", "<Alt>4" },
    { "win.show-page::inspections", "<Alt>5" },
    { "win.show-page::reports", "<Alt>6" },
  };
  GrWindow *window = gr_gui_open_window (fixture, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->app), expected[i].action);

      g_assert_cmpuint (g_strv_length (accels), ==, 1);
      g_assert_cmpstr (accels[0], ==, expected[i].accel);
    }
  for (const char * const *name = (const char * const[]) { "preferences", "shortcuts", "about", "quit", NULL }; *name; name++)
    g_assert_true (g_action_map_lookup_action (G_ACTION_MAP (fixture->app), *name) != NULL);
  g_assert_true (gr_gui_wait_view (window, "first-run"));
}

/* granary --db PATH --page stock, as a user runs it. */
typedef struct {
  GApplication *app;
  gboolean      checked;
  char         *page;
} RunState;

static gboolean
check_running_window_cb (gpointer data)
{
  RunState *state = data;
  GApplication *app = state->app;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  const char *view;

  if (!GR_IS_WINDOW (window))
    return G_SOURCE_CONTINUE;
  view = gr_window_get_view (GR_WINDOW (window));
  if (g_strcmp0 (view, "shell") != 0)
    return G_SOURCE_CONTINUE;

  state->checked = TRUE;
  state->page = g_strdup (adw_view_stack_get_visible_child_name (gr_window_get_view_stack (GR_WINDOW (window))));
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
test_command_line_page (GrGuiFixture  *fixture,
                        gconstpointer  data)
{
  /* A real run of the application, in a process of its own: two
   * registered applications with one id cannot share a process. */
  if (g_test_subprocess ())
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);
      g_autofree char *last = NULL;
      char *argv[] = { (char *) "granary", (char *) "--db", fixture->db_path,
                       (char *) "--page", (char *) "stock", NULL };
      RunState state = { 0 };
      g_autoptr(GrApplication) app = gr_application_new ();
      int status;

      gr_gui_seed_ledger (fixture->db_path, NULL, FALSE);
      state.app = G_APPLICATION (app);
      g_timeout_add (20, check_running_window_cb, &state);
      status = g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv);

      g_assert_cmpint (status, ==, 0);
      g_assert_true (state.checked);
      g_assert_cmpstr (state.page, ==, "stock");
      g_assert_cmpstr (gr_application_get_db_path (app), ==, fixture->db_path);
      last = g_settings_get_string (settings, "last-page");
      g_assert_cmpstr (last, ==, "stock");
      g_free (state.page);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_command_line_bad_page (GrGuiFixture  *fixture,
                            gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      /* The parent's database path: this process has its own fixture. */
      char *argv[] = { (char *) "granary", (char *) "--db", (char *) g_getenv ("GR_TEST_DB"),
                       (char *) "--page", (char *) "nowhere", NULL };
      g_autoptr(GrApplication) app = gr_application_new ();

      exit (g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv));
    }

  g_setenv ("GR_TEST_DB", fixture->db_path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*unknown page “nowhere”*");
  /* Refused before anything was opened. */
  g_assert_false (g_file_test (fixture->db_path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  /* English source strings: the assertions read the untranslated UI. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  if (!gr_gui_test_init ())
    {
      g_test_message ("No display: run the GUI tests under xvfb-run");
      return 77;
    }

#define ADD(path, func) \
  g_test_add (path, GrGuiFixture, NULL, gr_gui_fixture_setup, func, gr_gui_fixture_teardown)
  ADD ("/gui/window/pages", test_window_pages);
  ADD ("/gui/window/default-size", test_default_size);
  ADD ("/gui/window/accels", test_accels);
  ADD ("/gui/window/open-error", test_open_error);
  ADD ("/gui/first-run/demo", test_demo_load);
  ADD ("/gui/first-run/import-refused", test_import_refused);
  ADD ("/gui/first-run/import", test_import_dataset);
  ADD ("/gui/overview/totals", test_overview_totals);
  ADD ("/gui/preferences/profile", test_preferences_profile);
  ADD ("/gui/settings/last-page", test_last_page_kept);
  ADD ("/gui/command-line/page", test_command_line_page);
  ADD ("/gui/command-line/bad-page", test_command_line_bad_page);
#undef ADD

  return g_test_run ();
}
