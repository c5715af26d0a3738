/* gr-findings-panel.c
 *
 * The rules run in a worker on its own connection; the main thread only
 * swaps in what the worker made (finding items with their search text,
 * and the names the filters offer) and regroups it, one pass.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-findings-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "gr-error.h"
#include "gr-finding-row.h"
#include "gr-findings-panel.h"
#include "gr-format.h"
#include "gr-kpi.h"
#include "gr-profile.h"
#include "gr-regions.h"
#include "gr-resources.h"
#include "gr-rules.h"
#include "gr-store-task.h"
#include "gr-variety.h"

/* Something a filter offers: an enterprise, depot, variety or rule. */
typedef struct {
  char *id;
  char *name;
  char *parent;   /* a depot's enterprise */
  char *region;   /* a depot's county or district */
} Choice;

static void
choice_free (gpointer data)
{
  Choice *choice = data;

  g_free (choice->id);
  g_free (choice->name);
  g_free (choice->parent);
  g_free (choice->region);
  g_free (choice);
}

static Choice *
choice_new (const char *id,
            const char *name,
            const char *parent)
{
  Choice *choice = g_new0 (Choice, 1);

  choice->id = g_strdup (id);
  choice->name = g_strdup (name && *name ? name : id);
  choice->parent = g_strdup (parent);
  return choice;
}

typedef struct {
  char *profile;
  char *as_of;
} CheckRequest;

static void
check_request_free (gpointer data)
{
  CheckRequest *request = data;

  g_free (request->profile);
  g_free (request->as_of);
  g_free (request);
}

typedef struct {
  char      *document;     /* the profile's document */
  char      *profile_name; /* the name in the profile's file */
  GPtrArray *items;        /* GrFindingItem */
  GHashTable *regions;     /* depot id → region */
  GPtrArray *enterprises;  /* Choice */
  GPtrArray *depots;       /* Choice, parent: enterprise */
  GPtrArray *varieties;    /* Choice */
  GPtrArray *rules;        /* Choice: the rules the profile runs */
} CheckResult;

static void
check_result_free (gpointer data)
{
  CheckResult *result = data;

  g_free (result->document);
  g_free (result->profile_name);
  g_clear_pointer (&result->items, g_ptr_array_unref);
  g_clear_pointer (&result->regions, g_hash_table_unref);
  g_clear_pointer (&result->enterprises, g_ptr_array_unref);
  g_clear_pointer (&result->depots, g_ptr_array_unref);
  g_clear_pointer (&result->varieties, g_ptr_array_unref);
  g_clear_pointer (&result->rules, g_ptr_array_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CheckResult, check_result_free)

/* Rough heights of the rows, for the height of the list. */
#define FINDING_ROW_HEIGHT 84
#define HEADING_ROW_HEIGHT 34
#define LIST_MAX_HEIGHT    560

/* The four drop-down filters, in the order of GrFindingFilter. */
enum {
  DROPDOWN_ENTERPRISE,
  DROPDOWN_DEPOT,
  DROPDOWN_VARIETY,
  DROPDOWN_RULE,
  N_DROPDOWNS
};

struct _GrFindingsPanel
{
  AdwBin           parent_instance;

  /* Template Widgets */
  GtkWidget       *counts_box;
  GtkDropDown     *depot_dropdown;
  GtkLabel        *empty_description;
  GtkDropDown     *enterprise_dropdown;
  GtkLabel        *error_description;
  GtkWidget       *filters_box;
  GtkLabel        *info_count;
  GtkLabel        *info_name;
  GtkWidget       *info_pill;
  GtkListView     *list_view;
  GtkSpinner      *loading_spinner;
  GtkDropDown     *rule_dropdown;
  GtkScrolledWindow *scrolled_window;
  GtkSearchEntry  *search_entry;
  GtkSpinner      *spinner;
  GtkStack        *stack;
  GtkLabel        *subtitle_label;
  GtkDropDown     *variety_dropdown;
  GtkLabel        *violation_count;
  GtkLabel        *violation_name;
  GtkWidget       *violation_pill;
  GtkLabel        *warning_count;
  GtkLabel        *warning_name;
  GtkWidget       *warning_pill;

  /* Owned References */
  GrFindingGroups *groups;
  GCancellable    *cancellable;
  GtkWidget       *detail_popover;
  char            *db_path;
  char            *profile;
  char            *as_of;
  char            *checked_as_of;  /* the date of the findings shown */
  char            *document;
  char            *profile_name;   /* of the findings shown */
  char            *error;          /* why the rules could not be checked */
  char            *scope_id;
  GHashTable      *regions;        /* depot id → region, as last read */
  GPtrArray       *choices[N_DROPDOWNS];  /* Choice, as last read */
  GPtrArray       *shown_ids[N_DROPDOWNS]; /* ids by drop-down position; [0] NULL: all */
  GHashTable      *names;                 /* enterprise and depot ids → names */

  GrKpiScope       scope;

  guint            busy : 1;
  guint            again : 1;
  guint            loaded : 1;
  guint            failed : 1;
  guint            updating : 1;
};

G_DEFINE_FINAL_TYPE (GrFindingsPanel, gr_findings_panel, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_AS_OF,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/*
 * The worker: runs the rules and reads the names the filters offer, in
 * one read transaction so that both see the same data. Never touches a
 * widget.
 */

static gboolean
read_choices (GrStore      *store,
              CheckResult  *result,
              GError      **error)
{
  g_autoptr(sqlite3_stmt) enterprises = NULL;
  g_autoptr(sqlite3_stmt) depots = NULL;
  g_autoptr(sqlite3_stmt) varieties = NULL;
  g_autoptr(GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const *codes = gr_variety_codes ();
  int rc;

  if ((enterprises = gr_store_prepare (store, "SELECT id, name FROM enterprises WHERE deleted = 0 ORDER BY id", error)) == NULL ||
      (depots = gr_store_prepare (store, "SELECT id, name, enterprise, region FROM depots WHERE deleted = 0 "
                                         "ORDER BY enterprise, id", error)) == NULL ||
      (varieties = gr_store_prepare (store, "SELECT variety FROM plans WHERE deleted = 0 "
                                            "UNION SELECT variety FROM lots WHERE deleted = 0", error)) == NULL)
    return FALSE;

  result->enterprises = g_ptr_array_new_with_free_func (choice_free);
  while ((rc = sqlite3_step (enterprises)) == SQLITE_ROW)
    g_ptr_array_add (result->enterprises,
                     choice_new ((const char *) sqlite3_column_text (enterprises, 0),
                                 (const char *) sqlite3_column_text (enterprises, 1), NULL));
  if (rc != SQLITE_DONE)
    goto failed;

  result->depots = g_ptr_array_new_with_free_func (choice_free);
  result->regions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  while ((rc = sqlite3_step (depots)) == SQLITE_ROW)
    {
      Choice *depot = choice_new ((const char *) sqlite3_column_text (depots, 0),
                                  (const char *) sqlite3_column_text (depots, 1),
                                  (const char *) sqlite3_column_text (depots, 2));

      depot->region = g_strdup ((const char *) sqlite3_column_text (depots, 3));
      if (depot->region != NULL)
        g_hash_table_insert (result->regions, g_strdup (depot->id), g_strdup (depot->region));
      g_ptr_array_add (result->depots, depot);
    }
  if (rc != SQLITE_DONE)
    goto failed;

  /* Varieties in their display order, only those the data has. */
  while ((rc = sqlite3_step (varieties)) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (varieties, 0);

      if (code != NULL && gr_variety_is_valid (code))
        g_hash_table_add (present, (gpointer) g_intern_string (code));
    }
  if (rc != SQLITE_DONE)
    goto failed;
  result->varieties = g_ptr_array_new_with_free_func (choice_free);
  for (guint i = 0; codes[i] != NULL; i++)
    if (g_hash_table_contains (present, g_intern_string (codes[i])))
      g_ptr_array_add (result->varieties, choice_new (codes[i], gr_variety_name (codes[i]), NULL));
  return TRUE;

failed:
  g_set_error (error, GR_ERROR, GR_ERROR_DATABASE, "%s", sqlite3_errmsg (gr_store_get_db (store)));
  return FALSE;
}

static gpointer
check_worker (GrStore         *store,
              gpointer         task_data,
              GrProgressFunc   progress,
              gpointer         progress_data,
              GCancellable    *cancellable,
              GError         **error)
{
  CheckRequest *request = task_data;
  g_autoptr(CheckResult) result = g_new0 (CheckResult, 1);
  g_autoptr(GrProfile) profile = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  GrFinding **stolen;
  gsize n_stolen;

  profile = gr_profile_load (request->profile, error);
  if (profile == NULL)
    return NULL;

  if (!gr_store_exec (store, "BEGIN", error))
    return NULL;
  findings = gr_rules_check (store, profile, request->as_of, error);
  if (findings == NULL || !read_choices (store, result, error))
    {
      gr_store_rollback (store);
      return NULL;
    }
  if (!gr_store_commit (store, error))
    return NULL;

  result->document = g_strdup (gr_profile_get_document (profile));
  result->profile_name = g_strdup (gr_profile_get_name (profile));
  result->rules = g_ptr_array_new_with_free_func (choice_free);
  for (guint i = 0; i < GR_N_RULES; i++)
    if (gr_profile_get_rule (profile, i) != NULL)
      {
        const char *rule = gr_rule_id_to_string (i);

        g_ptr_array_add (result->rules, choice_new (rule, gr_rule_title (rule), NULL));
      }

  /* The items take the findings over. */
  stolen = (GrFinding **) g_ptr_array_steal (findings, &n_stolen);
  result->items = g_ptr_array_new_full (n_stolen, g_object_unref);
  for (gsize i = 0; i < n_stolen; i++)
    g_ptr_array_add (result->items, gr_finding_item_new (stolen[i]));
  g_free (stolen);

  return g_steal_pointer (&result);
}

/*
 * Auxiliary methods
 */

static GtkDropDown *
dropdown (GrFindingsPanel *self,
          guint            which)
{
  switch (which)
    {
    case DROPDOWN_ENTERPRISE: return self->enterprise_dropdown;
    case DROPDOWN_DEPOT:      return self->depot_dropdown;
    case DROPDOWN_VARIETY:    return self->variety_dropdown;
    case DROPDOWN_RULE:
    default:                  return self->rule_dropdown;
    }
}

static const char *
all_label (guint which)
{
  switch (which)
    {
    /* TRANSLATORS: a filter's first choice: 全部企业 */
    case DROPDOWN_ENTERPRISE: return _("All enterprises");
    /* TRANSLATORS: a filter's first choice: 全部库点 */
    case DROPDOWN_DEPOT:      return _("All depots");
    /* TRANSLATORS: a filter's first choice: 全部品种 */
    case DROPDOWN_VARIETY:    return _("All varieties");
    /* TRANSLATORS: a filter's first choice: 全部规则 */
    case DROPDOWN_RULE:
    default:                  return _("All rules");
    }
}

static const char *
selected_id (GrFindingsPanel *self,
             guint            which)
{
  GPtrArray *ids = self->shown_ids[which];
  guint position = gtk_drop_down_get_selected (dropdown (self, which));

  if (ids == NULL || position >= ids->len)
    return NULL;
  return ids->pdata[position];
}

/* Whether a choice belongs to the place the panel is narrowed to: a
 * depot there, an enterprise with a depot there. */
static gboolean
choice_in_scope (GrFindingsPanel *self,
                 guint            which,
                 Choice          *choice)
{
  GPtrArray *depots = self->choices[DROPDOWN_DEPOT];

  if (self->scope == GR_KPI_SCOPE_ENTERPRISE && which == DROPDOWN_DEPOT)
    return g_strcmp0 (choice->parent, self->scope_id) == 0;
  if (self->scope != GR_KPI_SCOPE_REGION)
    return TRUE;
  if (which == DROPDOWN_DEPOT)
    return g_strcmp0 (choice->region, self->scope_id) == 0;
  if (which == DROPDOWN_ENTERPRISE)
    {
      for (guint i = 0; depots != NULL && i < depots->len; i++)
        {
          Choice *depot = depots->pdata[i];

          if (g_strcmp0 (depot->parent, choice->id) == 0 && g_strcmp0 (depot->region, self->scope_id) == 0)
            return TRUE;
        }
      return FALSE;
    }
  return TRUE;
}

/* Offers "all" and the choices (of parent only, when given, and of the
 * place narrowed to), keeping the selection when it is still there. */
static void
fill_dropdown (GrFindingsPanel *self,
               guint            which,
               const char      *parent)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *keep = g_strdup (selected_id (self, which));
  GPtrArray *choices = self->choices[which];
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  guint selected = 0;

  gtk_string_list_append (names, all_label (which));
  g_ptr_array_add (ids, NULL);
  for (guint i = 0; choices != NULL && i < choices->len; i++)
    {
      Choice *choice = choices->pdata[i];

      if (parent != NULL && g_strcmp0 (choice->parent, parent) != 0)
        continue;
      if (!choice_in_scope (self, which, choice))
        continue;
      if (g_strcmp0 (choice->id, keep) == 0)
        selected = ids->len;
      gtk_string_list_append (names, choice->name);
      g_ptr_array_add (ids, g_strdup (choice->id));
    }

  g_clear_pointer (&self->shown_ids[which], g_ptr_array_unref);
  self->shown_ids[which] = ids;
  self->updating = TRUE;
  gtk_drop_down_set_model (dropdown (self, which), G_LIST_MODEL (names));
  gtk_drop_down_set_selected (dropdown (self, which), selected);
  self->updating = FALSE;
}

static void
set_pill (GtkWidget  *pill,
          GtkLabel   *name,
          GtkLabel   *count,
          GrSeverity  severity,
          guint       n)
{
  g_autofree char *text = gr_format_thousands (n);

  gtk_label_set_label (name, gr_severity_name (severity));
  gtk_label_set_label (count, text);
  /* A zero stays in its place, quietly. */
  if (n == 0)
    gtk_widget_add_css_class (pill, "zero");
  else
    gtk_widget_remove_css_class (pill, "zero");
}

static void
update_counts (GrFindingsPanel *self)
{
  set_pill (self->violation_pill, self->violation_name, self->violation_count, GR_SEVERITY_VIOLATION,
            gr_finding_groups_get_count (self->groups, GR_SEVERITY_VIOLATION));
  set_pill (self->warning_pill, self->warning_name, self->warning_count, GR_SEVERITY_WARNING,
            gr_finding_groups_get_count (self->groups, GR_SEVERITY_WARNING));
  set_pill (self->info_pill, self->info_name, self->info_count, GR_SEVERITY_INFO,
            gr_finding_groups_get_count (self->groups, GR_SEVERITY_INFO));
}

static void
update_texts (GrFindingsPanel *self)
{
  g_autofree char *checked = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *empty = NULL;
  const char *profile_name = self->profile ? gr_profile_display_name (self->profile) : "";

  checked = gr_format_iso_date (self->checked_as_of ? self->checked_as_of : self->as_of);
  if (self->document != NULL)
    /* TRANSLATORS: a regulation and a date, e.g. 依据《东莞市政府储备粮管理办法》，截至 2026年11月25日 */
    subtitle = g_strdup_printf (_("Checked against %s as of %s"), self->document, checked);
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle != NULL);

  /* TRANSLATORS: profile and date, e.g. 按东莞市 2025 的规定检查，截至 2026年11月25日 */
  empty = g_strdup_printf (_("Checked against the rules of %s as of %s"), profile_name, checked);
  gtk_label_set_label (self->empty_description, empty);
}

static void
update_view (GrFindingsPanel *self)
{
  const char *page;
  guint n_total = gr_finding_groups_get_n_total (self->groups);

  if (self->profile == NULL)
    page = "no-profile";
  else if (self->failed)
    page = "error";
  else if (!self->loaded)
    page = "loading";
  else if (n_total == 0)
    page = "empty";
  else if (gr_finding_groups_get_n_shown (self->groups) == 0)
    page = "no-match";
  else
    page = "list";

  /* A list view only builds the rows it shows, so it cannot tell its
   * natural height: give it room for what it holds, up to a screenful
   * (the page around it scrolls too). */
  if (g_str_equal (page, "list"))
    {
      guint n_shown = gr_finding_groups_get_n_shown (self->groups);
      guint n_headings = g_list_model_get_n_items (G_LIST_MODEL (self->groups)) - n_shown;
      int height = (int) MIN (n_shown * FINDING_ROW_HEIGHT + n_headings * HEADING_ROW_HEIGHT, LIST_MAX_HEIGHT);

      gtk_scrolled_window_set_min_content_height (self->scrolled_window, height);
    }
  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_widget_set_visible (self->counts_box, self->profile != NULL && self->loaded && !self->failed);
  /* Filters only mean something when there is something to filter. */
  gtk_widget_set_visible (self->filters_box, self->profile != NULL && self->loaded && !self->failed && n_total > 0);
  /* Narrowed to one enterprise, choosing another would show nothing. */
  gtk_widget_set_visible (GTK_WIDGET (self->enterprise_dropdown), self->scope != GR_KPI_SCOPE_ENTERPRISE);
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));
}

static void
set_busy (GrFindingsPanel *self,
          gboolean         busy)
{
  if (self->busy == !!busy)
    return;
  self->busy = !!busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

static void
apply_filters (GrFindingsPanel *self)
{
  for (guint i = 0; i < N_DROPDOWNS; i++)
    gr_finding_groups_set_filter (self->groups, (GrFindingFilter) i, selected_id (self, i));
  gr_finding_groups_set_filter (self->groups, GR_FINDING_FILTER_SEARCH,
                                gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  update_counts (self);
  update_view (self);
}

static void check_done_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data);

static void
start_check (GrFindingsPanel *self)
{
  CheckRequest *request;

  /* One run at a time; a change during a run starts another after it,
   * so what is shown is never older than the last change. */
  if (self->busy)
    {
      self->again = TRUE;
      return;
    }
  if (self->db_path == NULL || self->profile == NULL)
    {
      gr_finding_groups_set_items (self->groups, NULL);
      self->loaded = FALSE;
      update_counts (self);
      update_view (self);
      return;
    }

  request = g_new0 (CheckRequest, 1);
  request->profile = g_strdup (self->profile);
  request->as_of = g_strdup (self->as_of);
  set_busy (self, TRUE);
  update_view (self);
  gr_store_task_run_async (self, self->db_path, check_worker, request, check_request_free,
                           check_result_free, NULL, NULL, self->cancellable, check_done_cb,
                           g_strdup (self->as_of));
}

static const char *
lookup_name (GrFindingsPanel *self,
             const char      *id)
{
  const char *name = id ? g_hash_table_lookup (self->names, id) : NULL;

  return name ? name : id;
}

static GtkWidget *
find_row (GrFindingsPanel *self,
          GrFindingItem   *item)
{
  /* The list view's children are its row widgets; ours is inside each. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);

      if (GR_IS_FINDING_ROW (row) && gr_finding_row_get_item (GR_FINDING_ROW (row)) == item)
        return row;
    }
  return NULL;
}

static void
add_detail (GtkGrid    *grid,
            int         line,
            const char *title,
            const char *value)
{
  GtkWidget *title_label;
  GtkWidget *value_label;

  if (value == NULL || *value == '\0')
    return;
  title_label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (title_label), 1.0);
  gtk_label_set_yalign (GTK_LABEL (title_label), 0.0);
  gtk_widget_add_css_class (title_label, "dim-label");
  value_label = gtk_label_new (value);
  gtk_label_set_xalign (GTK_LABEL (value_label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (value_label), 40);
  gtk_label_set_width_chars (GTK_LABEL (value_label), 24);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_grid_attach (grid, title_label, 0, line, 1, 1);
  gtk_grid_attach (grid, value_label, 1, line, 1, 1);
}

static void
detail_open_clicked_cb (GtkPopover *popover)
{
  gtk_popover_popdown (popover);
}

/* Until the Stock page can show a subject: everything the finding says. */
static void
show_details (GrFindingsPanel *self,
              GrFindingItem   *item)
{
  const GrFinding *finding = gr_finding_item_get_finding (item);
  g_autofree char *rule = g_strdup_printf ("%s (%s)", gr_rule_title (finding->rule), finding->rule);
  g_autofree char *subject = NULL;
  g_autofree char *due = finding->due ? gr_format_iso_date (finding->due) : NULL;
  g_autofree char *citation = gr_finding_item_dup_citation (item);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *button;
  GtkWidget *row;
  graphene_rect_t bounds;
  int line = 0;

  /* TRANSLATORS: a finding's subject: kind, name and id → 货位 英德市英城粮库 P01仓 中晚籼稻（lot-000123） */
  subject = g_strdup_printf (_("%s %s (%s)"), gr_subject_type_name (finding->subject_type),
                             finding->subject_name ? finding->subject_name : "", finding->subject_id);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  add_detail (GTK_GRID (grid), line++, _("Severity"), gr_severity_name (finding->severity));
  add_detail (GTK_GRID (grid), line++, _("Rule"), rule);
  add_detail (GTK_GRID (grid), line++, _("Subject"), subject);
  add_detail (GTK_GRID (grid), line++, _("Enterprise"), lookup_name (self, finding->enterprise));
  add_detail (GTK_GRID (grid), line++, _("Depot"), lookup_name (self, finding->depot));
  add_detail (GTK_GRID (grid), line++, _("Variety"), finding->variety ? gr_variety_name (finding->variety) : NULL);
  /* TRANSLATORS: the date a finding falls due: 期限 */
  add_detail (GTK_GRID (grid), line++, _("Due"), due);
  /* TRANSLATORS: what a finding says: 情况 */
  add_detail (GTK_GRID (grid), line++, _("Finding"), finding->message);
  /* TRANSLATORS: the article a finding cites: 依据 */
  add_detail (GTK_GRID (grid), line++, _("Article"), citation);
  gtk_box_append (GTK_BOX (box), grid);

  button = gtk_button_new_with_mnemonic (_("Open the _Stock Page"));
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.show-page");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", "stock");
  gtk_box_append (GTK_BOX (box), button);

  if (self->detail_popover == NULL)
    {
      self->detail_popover = gtk_popover_new ();
      gtk_widget_add_css_class (self->detail_popover, "finding-details");
      gtk_widget_set_parent (self->detail_popover, GTK_WIDGET (self));
    }
  g_signal_connect_object (button, "clicked", G_CALLBACK (detail_open_clicked_cb),
                           self->detail_popover, G_CONNECT_SWAPPED);
  gtk_popover_set_child (GTK_POPOVER (self->detail_popover), box);

  row = find_row (self, item);
  if (row != NULL && gtk_widget_compute_bounds (row, GTK_WIDGET (self), &bounds))
    gtk_popover_set_pointing_to (GTK_POPOVER (self->detail_popover),
                                 &(GdkRectangle) { bounds.origin.x, bounds.origin.y,
                                                   bounds.size.width, bounds.size.height });
  else
    gtk_popover_set_pointing_to (GTK_POPOVER (self->detail_popover), NULL);
  gtk_popover_popup (GTK_POPOVER (self->detail_popover));
  /* Not the first selectable label, which would show as selected. */
  gtk_widget_grab_focus (button);
}

/*
 * Callbacks
 */

static void
check_done_cb (GObject      *object,
               GAsyncResult *async_result,
               gpointer      user_data)
{
  GrFindingsPanel *self = GR_FINDINGS_PANEL (object);
  g_autofree char *as_of = user_data;
  g_autoptr(CheckResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 begin = g_get_monotonic_time ();

  result = gr_store_task_run_finish (async_result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (self->again)
    {
      /* Busy all along: what is shown is older than the last change. */
      self->again = FALSE;
      self->busy = FALSE;
      start_check (self);
      return;
    }

  if (result == NULL)
    {
      self->failed = TRUE;
      g_free (self->error);
      self->error = g_strdup (error->message);
      gtk_label_set_label (self->error_description, error->message);
      update_view (self);
      /* Not busy once what is shown says why. */
      set_busy (self, FALSE);
      return;
    }

  self->failed = FALSE;
  g_clear_pointer (&self->error, g_free);
  g_free (self->profile_name);
  self->profile_name = g_steal_pointer (&result->profile_name);
  g_clear_pointer (&self->regions, g_hash_table_unref);
  self->regions = g_steal_pointer (&result->regions);
  self->loaded = TRUE;
  g_free (self->checked_as_of);
  self->checked_as_of = g_steal_pointer (&as_of);
  g_free (self->document);
  self->document = g_strdup (result->document);

  g_hash_table_remove_all (self->names);
  for (guint i = 0; i < result->enterprises->len; i++)
    {
      Choice *choice = result->enterprises->pdata[i];

      g_hash_table_insert (self->names, g_strdup (choice->id), g_strdup (choice->name));
    }
  for (guint i = 0; i < result->depots->len; i++)
    {
      Choice *choice = result->depots->pdata[i];

      g_hash_table_insert (self->names, g_strdup (choice->id), g_strdup (choice->name));
    }

#define SWAP_CHOICES(which, field) \
  G_STMT_START { \
    g_clear_pointer (&self->choices[which], g_ptr_array_unref); \
    self->choices[which] = g_steal_pointer (&result->field); \
  } G_STMT_END
  SWAP_CHOICES (DROPDOWN_ENTERPRISE, enterprises);
  SWAP_CHOICES (DROPDOWN_DEPOT, depots);
  SWAP_CHOICES (DROPDOWN_VARIETY, varieties);
  SWAP_CHOICES (DROPDOWN_RULE, rules);
#undef SWAP_CHOICES

  fill_dropdown (self, DROPDOWN_ENTERPRISE, NULL);
  fill_dropdown (self, DROPDOWN_DEPOT, selected_id (self, DROPDOWN_ENTERPRISE));
  fill_dropdown (self, DROPDOWN_VARIETY, NULL);
  fill_dropdown (self, DROPDOWN_RULE, NULL);

  gr_finding_groups_set_scope (self->groups, self->scope, self->scope_id, self->regions);
  gr_finding_groups_set_items (self->groups, result->items);
  update_texts (self);
  apply_filters (self);
  /* Not busy once the findings are in: whoever waits for that reads them. */
  set_busy (self, FALSE);
  /* DESIGN.md §8: a refresh costs the main loop under 50 ms. */
  g_debug ("%u findings for %s swapped in: %.1f ms", result->items->len, self->checked_as_of,
           (g_get_monotonic_time () - begin) / 1000.0);
}

static void
dropdown_selected_cb (GrFindingsPanel *self,
                      GParamSpec      *pspec,
                      GtkDropDown     *changed)
{
  if (self->updating)
    return;
  /* The depots offered are those of the enterprise chosen. */
  if (changed == self->enterprise_dropdown)
    fill_dropdown (self, DROPDOWN_DEPOT, selected_id (self, DROPDOWN_ENTERPRISE));
  apply_filters (self);
}

static void
search_changed_cb (GrFindingsPanel *self,
                   GtkSearchEntry  *entry)
{
  apply_filters (self);
}

static void
list_activate_cb (GrFindingsPanel *self,
                  guint            position,
                  GtkListView     *list_view)
{
  g_autoptr(GrFindingItem) item = g_list_model_get_item (G_LIST_MODEL (self->groups), position);
  g_autofree char *subject = NULL;

  if (item == NULL || gr_finding_item_get_kind (item) != GR_FINDING_ITEM_FINDING)
    return;

  /* The Stock page shows the subject where it can; otherwise the
   * details stay here, with a way to that page. */
  subject = gr_finding_item_dup_subject_ref (item);
  if (gtk_widget_activate_action (GTK_WIDGET (self), "win.show-stock", "s", subject))
    return;
  show_details (self, item);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, gr_finding_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  GrFindingItem *item = gtk_list_item_get_item (list_item);

  gr_finding_row_set_item (GR_FINDING_ROW (gtk_list_item_get_child (list_item)), item);
  /* Headings only group: nothing to open. */
  gtk_list_item_set_activatable (list_item, gr_finding_item_get_kind (item) == GR_FINDING_ITEM_FINDING);
  gtk_list_item_set_selectable (list_item, FALSE);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  gr_finding_row_set_item (GR_FINDING_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static void
setup_choice_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  /* In the button a long name gives way; in the list it is shown whole. */
  if (GPOINTER_TO_INT (user_data))
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_choice_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (list_item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)), gtk_string_object_get_string (string));
}

static GtkListItemFactory *
choice_factory_new (gboolean ellipsize)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_choice_cb), GINT_TO_POINTER (ellipsize));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_choice_cb), NULL);
  return factory;
}

/*
 * GObject overrides
 */

static void
gr_findings_panel_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  GrFindingsPanel *self = GR_FINDINGS_PANEL (widget);

  GTK_WIDGET_CLASS (gr_findings_panel_parent_class)->size_allocate (widget, width, height, baseline);
  /* A popover of ours follows the panel. */
  if (self->detail_popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->detail_popover));
}

static void
gr_findings_panel_dispose (GObject *object)
{
  GrFindingsPanel *self = GR_FINDINGS_PANEL (object);

  /* A run still going holds a reference to us: its callback sees the
   * cancellation and leaves the widgets alone. */
  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->detail_popover, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), GR_TYPE_FINDINGS_PANEL);

  G_OBJECT_CLASS (gr_findings_panel_parent_class)->dispose (object);
}

static void
gr_findings_panel_finalize (GObject *object)
{
  GrFindingsPanel *self = GR_FINDINGS_PANEL (object);

  g_clear_object (&self->groups);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->profile, g_free);
  g_clear_pointer (&self->as_of, g_free);
  g_clear_pointer (&self->checked_as_of, g_free);
  g_clear_pointer (&self->document, g_free);
  g_clear_pointer (&self->profile_name, g_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->scope_id, g_free);
  g_clear_pointer (&self->regions, g_hash_table_unref);
  for (guint i = 0; i < N_DROPDOWNS; i++)
    {
      g_clear_pointer (&self->choices[i], g_ptr_array_unref);
      g_clear_pointer (&self->shown_ids[i], g_ptr_array_unref);
    }
  g_clear_pointer (&self->names, g_hash_table_unref);

  G_OBJECT_CLASS (gr_findings_panel_parent_class)->finalize (object);
}

static void
gr_findings_panel_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GrFindingsPanel *self = GR_FINDINGS_PANEL (object);

  switch (prop_id)
    {
    case PROP_AS_OF:
      g_value_set_string (value, self->as_of);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_findings_panel_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GrFindingsPanel *self = GR_FINDINGS_PANEL (object);

  switch (prop_id)
    {
    case PROP_AS_OF:
      gr_findings_panel_set_as_of (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_findings_panel_class_init (GrFindingsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gr_findings_panel_dispose;
  object_class->finalize = gr_findings_panel_finalize;
  object_class->get_property = gr_findings_panel_get_property;
  object_class->set_property = gr_findings_panel_set_property;

  widget_class->size_allocate = gr_findings_panel_size_allocate;

  properties [PROP_AS_OF] =
    g_param_spec_string ("as-of", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gr_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/gr-findings-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, GrFindingsPanel, counts_box);
  gtk_widget_class_bind_template_child (widget_class, GrFindingsPanel, depot_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrFindingsPanel, empty_description);
  gtk_widget_class_bind_template_child (widget_class, GrFindingsPanel, enterprise_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrFindingsPanel, error_description);
  gtk_widget_class_bind_template_child (widget_class, GrFindingsPanel, filters_box);
  gtk_widget_class_bind_template_child (widget_class, GrFindingsPanel, info_count);
  gtk_widget_class_bind_template_child (widget_class, GrFindingsPanel, info_name);
  gtk_widget_class_bind_template_child (widget_class, GrFindingsPanel, info_pill);
  gtk_widget_class_bind_template_child (widget_class, GrFindingsPanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, GrFindingsPanel, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, GrFindingsPanel, rule_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrFindingsPanel, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, GrFindingsPanel, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GrFindingsPanel, spinner);
  gtk_widget_class_bind_template_child (widget_class, GrFindingsPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, GrFindingsPanel, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, GrFindingsPanel, variety_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrFindingsPanel, violation_count);
  gtk_widget_class_bind_template_child (widget_class, GrFindingsPanel, violation_name);
  gtk_widget_class_bind_template_child (widget_class, GrFindingsPanel, violation_pill);
  gtk_widget_class_bind_template_child (widget_class, GrFindingsPanel, warning_count);
  gtk_widget_class_bind_template_child (widget_class, GrFindingsPanel, warning_name);
  gtk_widget_class_bind_template_child (widget_class, GrFindingsPanel, warning_pill);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
}

static void
gr_findings_panel_init (GrFindingsPanel *self)
{
  g_autoptr(GtkListItemFactory) rows = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->groups = gr_finding_groups_new ();
  self->cancellable = g_cancellable_new ();
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->as_of = gr_today_iso ();

  g_signal_connect (rows, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (rows, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (rows, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, rows);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->groups)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  for (guint i = 0; i < N_DROPDOWNS; i++)
    {
      GtkDropDown *choices = dropdown (self, i);
      g_autoptr(GtkListItemFactory) button = choice_factory_new (TRUE);
      g_autoptr(GtkListItemFactory) list = choice_factory_new (FALSE);

      gtk_drop_down_set_factory (choices, button);
      gtk_drop_down_set_list_factory (choices, list);
      fill_dropdown (self, i, NULL);
      g_signal_connect_object (choices, "notify::selected", G_CALLBACK (dropdown_selected_cb),
                               self, G_CONNECT_SWAPPED);
    }
  /* A city has a few enterprises, a province a thousand depots: type to find one. */
  for (guint i = DROPDOWN_ENTERPRISE; i <= DROPDOWN_DEPOT; i++)
    {
      gtk_drop_down_set_expression (dropdown (self, i),
                                    gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
      gtk_drop_down_set_enable_search (dropdown (self, i), TRUE);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  update_texts (self);
  update_counts (self);
  update_view (self);
}

/*
 * Public API
 */

GtkWidget *
gr_findings_panel_new (void)
{
  return g_object_new (GR_TYPE_FINDINGS_PANEL, NULL);
}

/* Takes the source (and the date, when given) without running the rules. */
static void
take_source (GrFindingsPanel *self,
             const char      *db_path,
             const char      *profile)
{
  if (profile != NULL && *profile == '\0')
    profile = NULL;
  if (g_strcmp0 (self->profile, profile) != 0)
    {
      /* Another profile has other rules: the rule filter starts over. */
      g_clear_pointer (&self->choices[DROPDOWN_RULE], g_ptr_array_unref);
      fill_dropdown (self, DROPDOWN_RULE, NULL);
    }
  if (self->db_path != db_path)
    {
      g_free (self->db_path);
      self->db_path = g_strdup (db_path);
    }
  if (self->profile != profile)
    {
      g_free (self->profile);
      self->profile = g_strdup (profile);
    }
}

static gboolean
take_as_of (GrFindingsPanel *self,
            const char      *as_of)
{
  if (as_of == NULL || !gr_date_parse (as_of, NULL))
    {
      g_warning ("Not a date: %s", as_of ? as_of : "(null)");
      return FALSE;
    }
  if (g_strcmp0 (self->as_of, as_of) == 0)
    return FALSE;

  g_free (self->as_of);
  self->as_of = g_strdup (as_of);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_AS_OF]);
  return TRUE;
}

void
gr_findings_panel_set_source (GrFindingsPanel *self,
                              const char      *db_path,
                              const char      *profile)
{
  g_return_if_fail (GR_IS_FINDINGS_PANEL (self));

  take_source (self, db_path, profile);
  update_texts (self);
  start_check (self);
}

void
gr_findings_panel_set_as_of (GrFindingsPanel *self,
                             const char      *as_of)
{
  g_return_if_fail (GR_IS_FINDINGS_PANEL (self));

  if (!take_as_of (self, as_of))
    return;
  update_texts (self);
  start_check (self);
}

void
gr_findings_panel_load (GrFindingsPanel *self,
                        const char      *db_path,
                        const char      *profile,
                        const char      *as_of)
{
  g_return_if_fail (GR_IS_FINDINGS_PANEL (self));
  g_return_if_fail (as_of != NULL);

  take_source (self, db_path, profile);
  take_as_of (self, as_of);
  update_texts (self);
  start_check (self);
}

void
gr_findings_panel_set_scope (GrFindingsPanel *self,
                             GrKpiScope       scope,
                             const char      *scope_id)
{
  g_return_if_fail (GR_IS_FINDINGS_PANEL (self));
  g_return_if_fail (scope == GR_KPI_SCOPE_ALL || scope_id != NULL);

  if (scope == GR_KPI_SCOPE_ALL)
    scope_id = NULL;
  if (self->scope == scope && g_strcmp0 (self->scope_id, scope_id) == 0)
    return;
  self->scope = scope;
  g_free (self->scope_id);
  self->scope_id = g_strdup (scope_id);

  /* The filters offer what is in the place; one for another enterprise
   * than the one narrowed to is let go. */
  if (scope == GR_KPI_SCOPE_ENTERPRISE)
    {
      self->updating = TRUE;
      gtk_drop_down_set_selected (self->enterprise_dropdown, 0);
      self->updating = FALSE;
    }
  fill_dropdown (self, DROPDOWN_ENTERPRISE, NULL);
  fill_dropdown (self, DROPDOWN_DEPOT, selected_id (self, DROPDOWN_ENTERPRISE));
  gr_finding_groups_set_scope (self->groups, scope, scope_id, self->regions);
  apply_filters (self);
}

const char *
gr_findings_panel_get_as_of (GrFindingsPanel *self)
{
  g_return_val_if_fail (GR_IS_FINDINGS_PANEL (self), NULL);
  return self->as_of;
}

gboolean
gr_findings_panel_get_busy (GrFindingsPanel *self)
{
  g_return_val_if_fail (GR_IS_FINDINGS_PANEL (self), FALSE);
  return self->busy;
}

gboolean
gr_findings_panel_get_loaded (GrFindingsPanel *self)
{
  g_return_val_if_fail (GR_IS_FINDINGS_PANEL (self), FALSE);
  return self->profile != NULL && self->loaded && !self->failed;
}

const char *
gr_findings_panel_get_checked_as_of (GrFindingsPanel *self)
{
  g_return_val_if_fail (GR_IS_FINDINGS_PANEL (self), NULL);
  return self->loaded ? self->checked_as_of : NULL;
}

const char *
gr_findings_panel_get_profile (GrFindingsPanel *self)
{
  g_return_val_if_fail (GR_IS_FINDINGS_PANEL (self), NULL);
  return self->profile;
}

char *
gr_findings_panel_dup_profile_name (GrFindingsPanel *self)
{
  const char *known;

  g_return_val_if_fail (GR_IS_FINDINGS_PANEL (self), NULL);

  if (self->profile == NULL)
    return NULL;
  /* An id of ours by its translated name, another by its file's. */
  known = gr_profile_display_name (self->profile);
  if (g_strcmp0 (known, self->profile) != 0 || self->profile_name == NULL)
    return g_strdup (known);
  return g_strdup (self->profile_name);
}

const char *
gr_findings_panel_get_error (GrFindingsPanel *self)
{
  g_return_val_if_fail (GR_IS_FINDINGS_PANEL (self), NULL);
  return self->failed ? self->error : NULL;
}

GrFindingGroups *
gr_findings_panel_get_groups (GrFindingsPanel *self)
{
  g_return_val_if_fail (GR_IS_FINDINGS_PANEL (self), NULL);
  return self->groups;
}
