/* test-gui-findings.c: the findings panel on the Overview against the engine
 *
 * The panel must show exactly what the compliance engine computes for the
 * as-of date: the tests run the engine themselves on the same database and
 * compare counts, rows and texts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "gr-date-button.h"
#include "gr-demo.h"
#include "gr-finding-row.h"
#include "gr-findings-panel.h"
#include "gr-format.h"
#include "gr-gui-test.h"
#include "gr-profile.h"
#include "gr-rules.h"
#include "gr-store.h"

/* The city demo's history ends on this day (DESIGN.md §4: dongguan-2025). */
#define DEMO_TODAY "2026-11-25"

static void
seed_city_demo (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrStore) store = gr_store_open (db_path, &error);

  g_assert_no_error (error);
  g_assert_true (gr_demo_generate (store, GR_DEMO_CITY, 1, 1.0, DEMO_TODAY, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* What the engine says, on its own connection. */
static GPtrArray *
engine_findings (const char *db_path,
                 const char *profile_id,
                 const char *as_of)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrStore) store = gr_store_open (db_path, &error);
  g_autoptr(GrProfile) profile = NULL;
  GPtrArray *findings;

  g_assert_no_error (error);
  profile = gr_profile_load (profile_id, &error);
  g_assert_no_error (error);
  findings = gr_rules_check (store, profile, as_of, &error);
  g_assert_no_error (error);
  return findings;
}

static guint
count_severity (GPtrArray  *findings,
                GrSeverity  severity,
                const char *rule)
{
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    {
      const GrFinding *f = findings->pdata[i];

      n += f->severity == severity && (rule == NULL || g_str_equal (f->rule, rule));
    }
  return n;
}

/* One line per finding, sorted: the same set whatever the grouping. */
static char *
finding_key (const GrFinding *f)
{
  return g_strdup_printf ("%s|%s|%s:%s|%s|%s|%s", gr_severity_to_string (f->severity), f->rule,
                          f->subject_type, f->subject_id, f->due ? f->due : "-", f->message,
                          f->article ? f->article : "-");
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
engine_keys (GPtrArray *findings)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < findings->len; i++)
    g_ptr_array_add (keys, finding_key (findings->pdata[i]));
  g_ptr_array_sort (keys, compare_strings);
  g_ptr_array_add (keys, NULL);
  return g_strjoinv ("\n", (char **) keys->pdata);
}

/* The findings the panel's list holds; headings counted apart. */
static char *
shown_keys (GListModel *model,
            guint      *n_findings,
            guint      *n_headings)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  *n_findings = *n_headings = 0;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GrFindingItem) item = g_list_model_get_item (model, i);

      if (gr_finding_item_get_kind (item) == GR_FINDING_ITEM_FINDING)
        {
          g_ptr_array_add (keys, finding_key (gr_finding_item_get_finding (item)));
          (*n_findings)++;
        }
      else
        (*n_headings)++;
    }
  g_ptr_array_sort (keys, compare_strings);
  g_ptr_array_add (keys, NULL);
  return g_strjoinv ("\n", (char **) keys->pdata);
}

/* Headings the grouping needs: one per severity present, one per
 * severity and rule present. */
static guint
expected_headings (GPtrArray *findings)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      const GrFinding *f = findings->pdata[i];

      g_hash_table_add (groups, g_strdup (gr_severity_to_string (f->severity)));
      g_hash_table_add (groups, g_strdup_printf ("%s/%s", gr_severity_to_string (f->severity), f->rule));
    }
  return g_hash_table_size (groups);
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gpointer
panel_child (GrFindingsPanel *panel,
             const char      *name)
{
  gpointer child = gtk_widget_get_template_child (GTK_WIDGET (panel), GR_TYPE_FINDINGS_PANEL, name);

  g_assert_nonnull (child);
  return child;
}

static const char *
panel_label (GrFindingsPanel *panel,
             const char      *name)
{
  return gtk_label_get_label (GTK_LABEL (panel_child (panel, name)));
}

static gboolean
panel_idle (gpointer data)
{
  return !gr_findings_panel_get_busy (data);
}

static void
wait_panel (GrFindingsPanel *panel)
{
  /* Generous: CI machines are slow. */
  g_assert_true (gr_gui_wait (panel_idle, panel, 60000));
  gr_gui_spin (50);
}

/* Opens the window on the Overview, finds the panel and checks as_of. */
static GrFindingsPanel *
open_panel (GrGuiFixture  *fixture,
            GrWindow     **out_window,
            const char    *as_of)
{
  GrWindow *window = gr_gui_open_window (fixture, "overview");
  GtkWidget *overview;
  GrFindingsPanel *panel;

  /* The Overview gives the panel its database and its date once its key
   * figures are on screen. */
  overview = adw_view_stack_get_child_by_name (gr_window_get_view_stack (window), "overview");
  if (as_of != NULL)
    gr_overview_page_set_as_of (GR_OVERVIEW_PAGE (overview), as_of);
  g_assert_true (gr_gui_wait_overview (window));
  panel = GR_FINDINGS_PANEL (find_type (overview, GR_TYPE_FINDINGS_PANEL));
  g_assert_nonnull (panel);
  wait_panel (panel);
  *out_window = window;
  return panel;
}

/* As the pills show them: 1,234. */
static char *
count_text (guint n)
{
  return gr_format_thousands (n);
}

/* Counts, rows and texts as the engine has them (city demo, 东莞 profile). */
static void
assert_panel_shows (GrFindingsPanel *panel,
                    GPtrArray       *findings)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (panel_child (panel, "list_view"))));
  g_autofree char *expected = engine_keys (findings);
  g_autofree char *shown = NULL;
  g_autofree char *violations = count_text (count_severity (findings, GR_SEVERITY_VIOLATION, NULL));
  g_autofree char *warnings = count_text (count_severity (findings, GR_SEVERITY_WARNING, NULL));
  g_autofree char *infos = count_text (count_severity (findings, GR_SEVERITY_INFO, NULL));
  guint n_findings, n_headings;

  g_assert_cmpstr (panel_label (panel, "violation_name"), ==, "Violation");
  g_assert_cmpstr (panel_label (panel, "violation_count"), ==, violations);
  g_assert_cmpstr (panel_label (panel, "warning_name"), ==, "Warning");
  g_assert_cmpstr (panel_label (panel, "warning_count"), ==, warnings);
  g_assert_cmpstr (panel_label (panel, "info_name"), ==, "Information");
  g_assert_cmpstr (panel_label (panel, "info_count"), ==, infos);

  shown = shown_keys (model, &n_findings, &n_headings);
  g_assert_cmpuint (n_findings, ==, findings->len);
  g_assert_cmpuint (n_headings, ==, expected_headings (findings));
  g_assert_cmpstr (shown, ==, expected);
}

static void
test_counts (GrGuiFixture  *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) findings = NULL;
  const GrFinding *with_due = NULL;
  const GrFinding *stock = NULL;
  GrFindingsPanel *panel;
  GrWindow *window;
  GtkWidget *list_view;
  g_autofree char *as_of_text = NULL;
  g_autofree char *date = NULL;
  guint n_rows = 0;

  seed_city_demo (fixture->db_path);
  findings = engine_findings (fixture->db_path, "dongguan-2025", DEMO_TODAY);
  /* The demo plants cases of several rules. */
  g_assert_cmpuint (count_severity (findings, GR_SEVERITY_VIOLATION, NULL), >, 0);
  g_assert_cmpuint (count_severity (findings, GR_SEVERITY_WARNING, NULL), >, 0);

  panel = open_panel (fixture, &window, DEMO_TODAY);
  g_assert_cmpstr (gr_findings_panel_get_as_of (panel), ==, DEMO_TODAY);
  assert_panel_shows (panel, findings);

  /* The heading says which day. */
  date = gr_format_iso_date (DEMO_TODAY);
  as_of_text = g_strdup_printf ("as of %s", date);
  g_assert_nonnull (strstr (panel_label (panel, "subtitle_label"), as_of_text));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (panel_child (panel, "stack"))), ==, "list");

  /* The rows on screen carry subject, due date and article. */
  for (guint i = 0; i < findings->len; i++)
    {
      const GrFinding *f = findings->pdata[i];

      if (f->due != NULL && with_due == NULL)
        with_due = f;
      if (g_str_equal (f->rule, "stock.min_ratio"))
        stock = f;
    }
  g_assert_nonnull (stock);
  list_view = panel_child (panel, "list_view");
  g_assert_true (gtk_widget_get_mapped (list_view));
  for (GtkWidget *child = gtk_widget_get_first_child (list_view); child; child = gtk_widget_get_next_sibling (child))
    n_rows += GR_IS_FINDING_ROW (gtk_widget_get_first_child (child)) && gtk_widget_get_mapped (child);
  g_assert_cmpuint (n_rows, >, 2);
  /* 东莞 第十五条 heads the list: stock comes first among the violations. */
  {
    g_autofree char *citation = g_strdup_printf ("%s, %s", stock->document, stock->article);

    g_assert_cmpstr (stock->article, ==, "第十五条");
    g_assert_nonnull (gr_gui_find_label (list_view, stock->subject_name));
    g_assert_nonnull (gr_gui_find_label (list_view, citation));
    g_assert_nonnull (gr_gui_find_label (list_view, "Stock against plan"));
  }
  if (with_due != NULL)
    {
      g_autofree char *due_date = gr_format_iso_date (with_due->due);
      g_autofree char *due = g_strdup_printf ("Due %s", due_date);

      g_assert_nonnull (gr_gui_find_label (list_view, due));
    }
}

static void
select_choice (GtkDropDown *dropdown,
               const char  *text)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) string = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (string), text))
        {
          gtk_drop_down_set_selected (dropdown, i);
          return;
        }
    }
  g_error ("No choice “%s”", text);
}

static GPtrArray *
filter_findings (GPtrArray  *findings,
                 const char *rule,
                 const char *enterprise)
{
  GPtrArray *kept = g_ptr_array_new ();

  for (guint i = 0; i < findings->len; i++)
    {
      const GrFinding *f = findings->pdata[i];

      if ((rule == NULL || g_str_equal (f->rule, rule)) &&
          (enterprise == NULL || g_strcmp0 (f->enterprise, enterprise) == 0))
        g_ptr_array_add (kept, findings->pdata[i]);
    }
  return kept;
}

static void
test_filter_rule (GrGuiFixture  *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) age = NULL;
  g_autoptr(GPtrArray) age_of_enterprise = NULL;
  GrFindingsPanel *panel;
  GrWindow *window;
  GtkDropDown *rules;
  GtkDropDown *enterprises;
  const GrFinding *first;
  g_autofree char *enterprise_name = NULL;

  seed_city_demo (fixture->db_path);
  findings = engine_findings (fixture->db_path, "dongguan-2025", DEMO_TODAY);
  panel = open_panel (fixture, &window, DEMO_TODAY);

  /* The rules the profile runs are offered, by name. */
  rules = panel_child (panel, "rule_dropdown");
  g_assert_cmpuint (gtk_drop_down_get_selected (rules), ==, 0);
  {
    g_autoptr(GtkStringObject) all = g_list_model_get_item (gtk_drop_down_get_model (rules), 0);

    g_assert_cmpstr (gtk_string_object_get_string (all), ==, "All rules");
  }

  /* age.limit (东莞 第十六条): only those rows, and the counts follow. */
  select_choice (rules, "Storage years");
  age = filter_findings (findings, "age.limit", NULL);
  g_assert_cmpuint (age->len, >, 0);
  g_assert_cmpuint (age->len, <, findings->len);
  assert_panel_shows (panel, age);
  g_assert_cmpstr (gr_finding_groups_get_filter (gr_findings_panel_get_groups (panel), GR_FINDING_FILTER_RULE),
                   ==, "age.limit");

  /* With an enterprise as well: that enterprise's age.limit findings. */
  first = age->pdata[0];
  g_assert_nonnull (first->enterprise);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GrStore) store = gr_store_open (fixture->db_path, &error);
    g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, "SELECT name FROM enterprises WHERE id = ?", &error);

    g_assert_no_error (error);
    sqlite3_bind_text (stmt, 1, first->enterprise, -1, SQLITE_TRANSIENT);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    enterprise_name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  }
  enterprises = panel_child (panel, "enterprise_dropdown");
  select_choice (enterprises, enterprise_name);
  age_of_enterprise = filter_findings (findings, "age.limit", first->enterprise);
  assert_panel_shows (panel, age_of_enterprise);

  /* A search narrows further, to the subject typed. */
  gtk_editable_set_text (GTK_EDITABLE (panel_child (panel, "search_entry")), first->subject_id);
  gr_gui_spin (500);
  {
    g_autoptr(GPtrArray) one = g_ptr_array_new ();

    for (guint i = 0; i < age_of_enterprise->len; i++)
      if (g_str_equal (((GrFinding *) age_of_enterprise->pdata[i])->subject_id, first->subject_id))
        g_ptr_array_add (one, age_of_enterprise->pdata[i]);
    assert_panel_shows (panel, one);
  }

  /* Nothing matches: the list says so instead of showing nothing. */
  gtk_editable_set_text (GTK_EDITABLE (panel_child (panel, "search_entry")), "no such subject");
  gr_gui_spin (500);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (panel_child (panel, "stack"))), ==, "no-match");
  g_assert_cmpstr (panel_label (panel, "violation_count"), ==, "0");

  /* Back to all. */
  gtk_editable_set_text (GTK_EDITABLE (panel_child (panel, "search_entry")), "");
  gr_gui_spin (500);
  gtk_drop_down_set_selected (enterprises, 0);
  gtk_drop_down_set_selected (rules, 0);
  assert_panel_shows (panel, findings);
}

/* The Overview's date button chooses the day of the findings too. */
static void
test_as_of (GrGuiFixture  *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) today = NULL;
  g_autoptr(GPtrArray) year_end = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_local (2025, 12, 31, 12, 0, 0);
  g_autofree char *date = gr_format_iso_date ("2025-12-31");
  g_autofree char *as_of_text = g_strdup_printf ("as of %s", date);
  g_autofree char *real_today = gr_today_iso ();
  g_autofree char *today_keys = NULL;
  GrFindingsPanel *panel;
  GrWindow *window;
  GtkWidget *overview;
  GtkWidget *date_button;
  GtkMenuButton *menu_button;
  GtkWidget *popover;
  guint n_findings, n_headings;

  seed_city_demo (fixture->db_path);
  today = engine_findings (fixture->db_path, "dongguan-2025", DEMO_TODAY);
  year_end = engine_findings (fixture->db_path, "dongguan-2025", "2025-12-31");
  panel = open_panel (fixture, &window, DEMO_TODAY);
  assert_panel_shows (panel, today);
  {
    g_autofree char *a = engine_keys (today);
    g_autofree char *b = engine_keys (year_end);

    /* The two days differ, or the test would prove nothing. */
    g_assert_cmpstr (a, !=, b);
  }

  /* A leader reviews the end of last year: picks the day in the
   * calendar of the Overview's heading. */
  overview = GTK_WIDGET (gr_gui_get_overview (window));
  date_button = gr_gui_find_type (overview, GR_TYPE_DATE_BUTTON);
  g_assert_nonnull (date_button);
  menu_button = GTK_MENU_BUTTON (gr_gui_find_type (date_button, GTK_TYPE_MENU_BUTTON));
  gtk_menu_button_popup (menu_button);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (menu_button));
  gtk_calendar_select_day (GTK_CALENDAR (gr_gui_find_type (popover, GTK_TYPE_CALENDAR)), when);
  g_assert_cmpstr (gr_overview_page_get_as_of (GR_OVERVIEW_PAGE (overview)), ==, "2025-12-31");

  /* The rules run once the figures of that day are painted: until then
   * the list is the old one. */
  g_assert_true (gr_overview_page_get_loading (GR_OVERVIEW_PAGE (overview)));
  today_keys = shown_keys (G_LIST_MODEL (gr_findings_panel_get_groups (panel)), &n_findings, &n_headings);
  g_assert_cmpuint (n_findings, ==, today->len);

  g_assert_true (gr_gui_wait_overview (window));
  wait_panel (panel);
  g_assert_cmpstr (gr_findings_panel_get_as_of (panel), ==, "2025-12-31");
  g_assert_nonnull (strstr (panel_label (panel, "subtitle_label"), as_of_text));
  assert_panel_shows (panel, year_end);

  /* Today goes back to the real today. */
  gtk_menu_button_popup (menu_button);
  gtk_widget_activate (gtk_widget_get_ancestor (gr_gui_find_label (popover, "Today"), GTK_TYPE_BUTTON));
  /* A button clicks a moment after it is activated, to be seen pressed. */
  gr_gui_spin (400);
  g_assert_null (gr_overview_page_get_as_of (GR_OVERVIEW_PAGE (overview)));
  g_assert_true (gr_gui_wait_overview (window));
  wait_panel (panel);
  g_assert_cmpstr (gr_findings_panel_get_as_of (panel), ==, real_today);
  {
    g_autoptr(GPtrArray) now = engine_findings (fixture->db_path, "dongguan-2025", real_today);

    assert_panel_shows (panel, now);
  }
}

static gboolean
profile_is_zhongshan (gpointer data)
{
  return g_strcmp0 (gr_window_get_profile (data), "zhongshan-2026") == 0 && !gr_window_get_busy (data);
}

static void
test_data_changed (GrGuiFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) zhongshan = NULL;
  GrFindingsPanel *panel;
  GrWindow *window;

  seed_city_demo (fixture->db_path);
  zhongshan = engine_findings (fixture->db_path, "zhongshan-2026", DEMO_TODAY);
  panel = open_panel (fixture, &window, DEMO_TODAY);

  /* Another profile is another set of rules: the window reloads, the
   * panel runs them again for the same day. */
  gr_window_set_profile (window, "zhongshan-2026");
  g_assert_true (gr_gui_wait (profile_is_zhongshan, window, 20000));
  /* The Overview hands the panel the new profile with its figures. */
  g_assert_true (gr_gui_wait_overview (window));
  wait_panel (panel);
  assert_panel_shows (panel, zhongshan);
  g_assert_cmpstr (gr_findings_panel_get_as_of (panel), ==, DEMO_TODAY);
}

static guint
first_finding_position (GListModel  *model,
                        const char  *subject_type,
                        GrFinding  **out_finding)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GrFindingItem) item = g_list_model_get_item (model, i);

      if (gr_finding_item_get_kind (item) == GR_FINDING_ITEM_FINDING &&
          g_str_equal (gr_finding_item_get_finding (item)->subject_type, subject_type))
        {
          *out_finding = (GrFinding *) gr_finding_item_get_finding (item);
          return i;
        }
    }
  g_error ("No finding about a %s", subject_type);
}

static GtkWidget *
find_popover (GrFindingsPanel *panel)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (panel)); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      return child;
  return NULL;
}

static void
test_activate (GrGuiFixture  *fixture,
               gconstpointer  data)
{
  GrFindingsPanel *panel;
  GrWindow *window;
  GtkWidget *list_view;
  GListModel *model;
  GtkWidget *popover;
  GrFinding *lot;
  GrFinding *enterprise;
  guint lot_position;
  guint enterprise_position;
  char *expected = NULL;

  seed_city_demo (fixture->db_path);
  panel = open_panel (fixture, &window, DEMO_TODAY);
  list_view = panel_child (panel, "list_view");
  model = G_LIST_MODEL (gr_findings_panel_get_groups (panel));
  lot_position = first_finding_position (model, "lot", &lot);
  enterprise_position = first_finding_position (model, "enterprise", &enterprise);

  /* The window's win.show-stock opens the Stock page on the subject. */
  g_signal_emit_by_name (list_view, "activate", lot_position);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (gr_window_get_view_stack (window)), ==, "stock");
  expected = g_strdup_printf ("lot:%s", lot->subject_id);
  g_assert_cmpstr (gr_window_get_stock_filter (window), ==, expected);
  g_clear_pointer (&expected, g_free);
  g_signal_emit_by_name (list_view, "activate", enterprise_position);
  expected = g_strdup_printf ("enterprise:%s", enterprise->subject_id);
  g_assert_cmpstr (gr_window_get_stock_filter (window), ==, expected);
  g_clear_pointer (&expected, g_free);
  /* A heading opens nothing. */
  g_signal_emit_by_name (list_view, "activate", 0);
  g_assert_cmpstr (gr_window_get_stock_filter (window), ==, expected = g_strdup_printf ("enterprise:%s", enterprise->subject_id));
  g_clear_pointer (&expected, g_free);
  popover = find_popover (panel);
  g_assert_true (popover == NULL || !gtk_widget_get_visible (popover));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview");
  gr_gui_spin (100);

  /* Where no window offers win.show-stock (the panel on its own): the
   * finding's details, and the way to the Stock page. */
  {
    GtkWidget *alone_window = gtk_window_new ();
    GrFindingsPanel *alone = GR_FINDINGS_PANEL (gr_findings_panel_new ());
    GtkWidget *alone_list;

    gtk_window_set_default_size (GTK_WINDOW (alone_window), 1200, 800);
    gtk_window_set_child (GTK_WINDOW (alone_window), GTK_WIDGET (alone));
    gtk_window_present (GTK_WINDOW (alone_window));
    gr_findings_panel_set_as_of (alone, DEMO_TODAY);
    gr_findings_panel_set_source (alone, fixture->db_path, "dongguan-2025");
    wait_panel (alone);
    alone_list = panel_child (alone, "list_view");
    g_signal_emit_by_name (alone_list, "activate", lot_position);
    gr_gui_spin (100);
    popover = find_popover (alone);
    g_assert_nonnull (popover);
    g_assert_true (gtk_widget_get_visible (popover));
    g_assert_nonnull (gr_gui_find_label (popover, lot->message));
    expected = g_strdup_printf ("%s (%s)", gr_rule_title (lot->rule), lot->rule);
    g_assert_nonnull (gr_gui_find_label (popover, expected));
    g_clear_pointer (&expected, g_free);
    expected = g_strdup_printf ("%s, %s", lot->document, lot->article);
    g_assert_nonnull (gr_gui_find_label (popover, expected));
    g_clear_pointer (&expected, g_free);
    g_assert_nonnull (gr_gui_find_label_containing (popover, lot->subject_id));
    g_assert_nonnull (gr_gui_find_label (popover, gr_severity_name (lot->severity)));
    g_assert_nonnull (gr_gui_find_button (popover, "win.show-page"));
    gtk_window_destroy (GTK_WINDOW (alone_window));
  }

}

static void
seed_quiet (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrStore) store = gr_store_open (db_path, &error);

  /* An enterprise with a depot and no plans: nothing for a rule to find. */
  g_assert_no_error (error);
  g_assert_true (gr_store_exec (store,
    "INSERT INTO enterprises (id, name, kind) VALUES ('e1', '清远市储备粮有限公司', 'reserve_company');"
    "INSERT INTO depots (id, enterprise, code, name) VALUES ('d1', 'e1', 'QY01', '城北库');",
    &error));
  g_assert_true (gr_store_set_meta (store, "profile", "dongguan-2025", &error));
  g_assert_no_error (error);
}

static void
test_empty (GrGuiFixture  *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) findings = NULL;
  GrFindingsPanel *panel;
  GrWindow *window;
  GtkWidget *empty;
  g_autofree char *date = gr_format_iso_date (DEMO_TODAY);
  g_autofree char *description = g_strdup_printf ("Checked against the rules of Dongguan 2025 as of %s", date);

  seed_quiet (fixture->db_path);
  findings = engine_findings (fixture->db_path, "dongguan-2025", DEMO_TODAY);
  g_assert_cmpuint (findings->len, ==, 0);

  panel = open_panel (fixture, &window, DEMO_TODAY);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (panel_child (panel, "stack"))), ==, "empty");
  empty = gtk_stack_get_visible_child (GTK_STACK (panel_child (panel, "stack")));
  g_assert_true (gtk_widget_get_mapped (empty));
  g_assert_nonnull (gr_gui_find_label (empty, "No Problems Found"));
  g_assert_nonnull (gr_gui_find_label (empty, description));
  g_assert_cmpstr (panel_label (panel, "empty_description"), ==, description);
  g_assert_cmpstr (panel_label (panel, "violation_count"), ==, "0");
  /* Nothing to filter. */
  g_assert_false (gtk_widget_get_visible (panel_child (panel, "filters_box")));
}

static void
test_no_profile (GrGuiFixture  *fixture,
                 gconstpointer  data)
{
  GrWindow *window;
  GtkWidget *overview;
  GrFindingsPanel *panel;

  gr_gui_seed_ledger (fixture->db_path, NULL, FALSE);
  window = gr_gui_open_window (fixture, "overview");
  /* The panel is made once the key figures are on screen. */
  g_assert_true (gr_gui_wait_overview (window));
  overview = adw_view_stack_get_child_by_name (gr_window_get_view_stack (window), "overview");
  panel = GR_FINDINGS_PANEL (find_type (overview, GR_TYPE_FINDINGS_PANEL));
  g_assert_nonnull (panel);

  /* No profile, no rules: the panel says where to choose one. */
  g_assert_false (gr_findings_panel_get_busy (panel));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (panel_child (panel, "stack"))), ==, "no-profile");
  g_assert_nonnull (gr_gui_find_label (GTK_WIDGET (panel), "No Regulation Profile"));
  g_assert_false (gtk_widget_get_visible (panel_child (panel, "counts_box")));
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
  ADD ("/gui/findings/counts", test_counts);
  ADD ("/gui/findings/filter-rule", test_filter_rule);
  ADD ("/gui/findings/as-of", test_as_of);
  ADD ("/gui/findings/data-changed", test_data_changed);
  ADD ("/gui/findings/activate", test_activate);
  ADD ("/gui/findings/empty", test_empty);
  ADD ("/gui/findings/no-profile", test_no_profile);
#undef ADD

  return g_test_run ();
}
