/* gr-assessment-window.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-assessment-window"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "gr-assessment-window.h"
#include "gr-error.h"
#include "gr-format.h"
#include "gr-grading-depot.h"
#include "gr-json-writer.h"
#include "gr-store-task.h"

#define N_STAGES 3

typedef struct {
  char *id;
  char *declared_level;
  char *state;
  char *awarded_level;
  char *decided_on;
  char *scores;       /* JSON text or NULL */
  char *deductions;   /* JSON text or NULL */
  char *extra;        /* JSON text or NULL: the trail under "history" */
  char *updated_by;
  char *template_id;
} AssessmentRow;

static void
assessment_row_free (AssessmentRow *row)
{
  g_free (row->id);
  g_free (row->declared_level);
  g_free (row->state);
  g_free (row->awarded_level);
  g_free (row->decided_on);
  g_free (row->scores);
  g_free (row->deductions);
  g_free (row->extra);
  g_free (row->updated_by);
  g_free (row->template_id);
  g_free (row);
}

/* What the worker reads about the depot. */
typedef struct {
  char        *name;
  int          held;
  GPtrArray   *assessments;   /* AssessmentRow, latest first */
  GrStandards *standards;
} DepotData;

static void
depot_data_free (DepotData *data)
{
  g_free (data->name);
  g_clear_pointer (&data->assessments, g_ptr_array_unref);
  g_clear_pointer (&data->standards, gr_standards_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DepotData, depot_data_free)

typedef struct {
  GtkWidget *scores[N_STAGES];
  GtkWidget *reason;
} ItemEntries;

struct _GrAssessmentWindow
{
  AdwWindow     parent_instance;

  char         *db_path;
  char         *depot;
  DepotData    *data;
  const AssessmentRow        *open;      /* in data, or NULL */
  const GrAssessmentTemplate *tpl;       /* of the open assessment */
  ItemEntries  *items;                   /* tpl->n_items */
  GPtrArray    *veto_checks;             /* GtkCheckButton, one per template veto */
  GCancellable *cancellable;
  gboolean      loaded;
  gboolean      writing;
  gboolean      form_ok;
  guint         n_writes;
  guint         n_assessments;

  AdwWindowTitle *title;
  GtkWidget      *stack;
  GtkWidget      *status_page;
  GtkWidget      *held_label;
  GtkWidget      *declare_box;
  GtkWidget      *declare_dropdown;
  GtkWidget      *declare_button;
  GtkWidget      *declare_note;
  GtkStringList  *offered_levels;
  GtkWidget      *open_box;
  GtkWidget      *open_heading;
  GtkWidget      *template_label;
  GtkWidget      *form_holder;
  GtkWidget      *total_labels[N_STAGES];
  GtkWidget      *result_label;
  GtkWidget      *buttons_box;
  GtkWidget      *by_entry;
  GtkWidget      *date_entry;
  GtkWidget      *error_label;
  GtkWidget      *history_box;
  GtkWidget      *history_empty;
};

G_DEFINE_FINAL_TYPE (GrAssessmentWindow, gr_assessment_window, ADW_TYPE_WINDOW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/*
 * The workers
 */

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static gpointer
load_worker (GrStore         *store,
             gpointer         task_data,
             GrProgressFunc   progress,
             gpointer         progress_data,
             GCancellable    *cancellable,
             GError         **error)
{
  const char *depot = task_data;
  g_autoptr(DepotData) data = g_new0 (DepotData, 1);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) rows = NULL;

  if ((data->standards = gr_standards_load (error)) == NULL)
    return NULL;
  stmt = gr_store_prepare (store, "SELECT name, grade FROM depots WHERE id = ?1 AND deleted = 0", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, depot, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND, _("No depot “%s”"), depot);
      return NULL;
    }
  data->name = column_dup (stmt, 0);
  data->held = MAX (gr_depot_level_from_string ((const char *) sqlite3_column_text (stmt, 1)), 0);

  rows = gr_store_prepare (store,
                           "SELECT id, declared_level, state, awarded_level, decided_on, scores, deductions, extra,"
                           " updated_by, json_extract (template, '$.id') FROM depot_assessments"
                           " WHERE depot = ?1 AND deleted = 0 ORDER BY rowid DESC", error);
  if (rows == NULL)
    return NULL;
  sqlite3_bind_text (rows, 1, depot, -1, SQLITE_TRANSIENT);
  data->assessments = g_ptr_array_new_with_free_func ((GDestroyNotify) assessment_row_free);
  while (sqlite3_step (rows) == SQLITE_ROW)
    {
      AssessmentRow *row = g_new0 (AssessmentRow, 1);

      row->id = column_dup (rows, 0);
      row->declared_level = column_dup (rows, 1);
      row->state = column_dup (rows, 2);
      row->awarded_level = column_dup (rows, 3);
      row->decided_on = column_dup (rows, 4);
      row->scores = column_dup (rows, 5);
      row->deductions = column_dup (rows, 6);
      row->extra = column_dup (rows, 7);
      row->updated_by = column_dup (rows, 8);
      row->template_id = column_dup (rows, 9);
      g_ptr_array_add (data->assessments, row);
    }
  return g_steal_pointer (&data);
}

typedef struct {
  gboolean  declare;
  char     *id;
  char     *depot;
  char     *level;       /* declared, or awarded */
  char     *template_json;
  char     *state;       /* NULL: save the form only */
  char     *scores;
  char     *deductions;
  GStrv     vetoes;      /* NULL: unchanged */
  char     *by;
  char     *on;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_free (data->id);
  g_free (data->depot);
  g_free (data->level);
  g_free (data->template_json);
  g_free (data->state);
  g_free (data->scores);
  g_free (data->deductions);
  g_strfreev (data->vetoes);
  g_free (data->by);
  g_free (data->on);
  g_free (data);
}

static gpointer
write_worker (GrStore         *store,
              gpointer         task_data,
              GrProgressFunc   progress,
              gpointer         progress_data,
              GCancellable    *cancellable,
              GError         **error)
{
  WriteData *data = task_data;

  if (data->declare)
    gr_assessment_declare_by (store, data->id, data->depot, data->level, data->template_json,
                              data->by, data->on, error);
  else
    gr_assessment_record_step (store, data->id, data->state, data->level, data->scores, data->deductions,
                               (const char * const *) data->vetoes, data->by, data->on, error);
  return NULL;
}

/*
 * Helpers
 */

static const char *
level_name (int level)
{
  return level > 0 ? gr_depot_level_to_string (level) : _("No level");
}

static char *
format_points (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%g", value));
}

static void
set_error (GrAssessmentWindow *self,
           const char         *message)
{
  gtk_label_set_label (GTK_LABEL (self->error_label), message != NULL ? message : "");
  gtk_widget_set_visible (self->error_label, message != NULL);
}

static int
open_declared (GrAssessmentWindow *self)
{
  return self->open != NULL ? gr_depot_level_from_string (self->open->declared_level) : 0;
}

static GrAssessmentState
open_state (GrAssessmentWindow *self)
{
  GrAssessmentState state = GR_ASSESS_DECLARED;

  gr_assessment_state_from_string (self->open->state, &state);
  return state;
}

/* Who and when, as typed; NULL with the message when not usable. */
static gboolean
read_who_when (GrAssessmentWindow  *self,
               char               **by,
               char               **on,
               char               **message)
{
  g_autofree char *who = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->by_entry))));
  g_autofree char *date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_entry))));

  gtk_widget_remove_css_class (self->by_entry, "error");
  gtk_widget_remove_css_class (self->date_entry, "error");
  if (*who == '\0')
    {
      gtk_widget_add_css_class (self->by_entry, "error");
      *message = g_strdup (_("Give the name of who records this step"));
      return FALSE;
    }
  if (!gr_date_parse (date, NULL))
    {
      gtk_widget_add_css_class (self->date_entry, "error");
      *message = g_strdup (_("The date must be a real date written YYYY-MM-DD"));
      return FALSE;
    }
  *by = g_steal_pointer (&who);
  *on = g_steal_pointer (&date);
  return TRUE;
}

/* The form as JSON texts; FALSE with a message naming the first bad
 * value (and its entry marked). totals[stage] < 0 when no item has it. */
static gboolean
collect_form (GrAssessmentWindow  *self,
              char               **scores_json,
              char               **deductions_json,
              double              *totals,
              char               **message)
{
  static const char * const keys[] = { "self", "city", "province" };
  g_autoptr(JsonBuilder) scores = json_builder_new ();
  g_autoptr(JsonBuilder) deductions = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) scores_node = NULL;
  g_autoptr(JsonNode) deductions_node = NULL;
  gboolean any[N_STAGES] = { FALSE, FALSE, FALSE };

  json_builder_begin_object (scores);
  json_builder_begin_object (deductions);
  for (guint s = 0; s < N_STAGES; s++)
    totals[s] = 0;
  for (guint i = 0; self->tpl != NULL && i < self->tpl->n_items; i++)
    {
      const GrTemplateItem *item = &self->tpl->items[i];
      gboolean begun = FALSE;
      g_autofree char *reason = NULL;

      for (guint s = 0; s < N_STAGES; s++)
        {
          GtkWidget *entry = self->items[i].scores[s];
          g_autofree char *text = NULL;
          char *end = NULL;
          double value;

          if (entry == NULL)
            continue;
          gtk_widget_remove_css_class (entry, "error");
          text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
          if (*text == '\0')
            continue;
          /* A decimal comma is as good as a point. */
          g_strdelimit (text, ",", '.');
          value = g_ascii_strtod (text, &end);
          if (end == text || *end != '\0' || !isfinite (value))
            {
              gtk_widget_add_css_class (entry, "error");
              if (*message == NULL)
                /* TRANSLATORS: "仓储设施：“abc”不是数字" */
                *message = g_strdup_printf (_("%s: “%s” is not a number"), item->item, text);
              continue;
            }
          if (value < 0 || value > item->points)
            {
              g_autofree char *points = format_points (item->points);

              gtk_widget_add_css_class (entry, "error");
              if (*message == NULL)
                /* TRANSLATORS: "仓储设施：得分应在 0 到 20 分之间" */
                *message = g_strdup_printf (_("%s: a score must lie between 0 and %s points"), item->item, points);
              continue;
            }
          if (!begun)
            {
              json_builder_set_member_name (scores, item->item);
              json_builder_begin_object (scores);
              begun = TRUE;
            }
          json_builder_set_member_name (scores, keys[s]);
          json_builder_add_double_value (scores, value);
          totals[s] += value;
          any[s] = TRUE;
        }
      if (begun)
        json_builder_end_object (scores);
      reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->items[i].reason))));
      if (*reason != '\0')
        {
          json_builder_set_member_name (deductions, item->item);
          json_builder_add_string_value (deductions, reason);
        }
    }
  json_builder_end_object (scores);
  json_builder_end_object (deductions);
  for (guint s = 0; s < N_STAGES; s++)
    totals[s] = any[s] ? round (totals[s] * 1000.0) / 1000.0 : -1;
  if (*message != NULL)
    return FALSE;
  scores_node = json_builder_get_root (scores);
  deductions_node = json_builder_get_root (deductions);
  json_generator_set_root (generator, scores_node);
  *scores_json = json_generator_to_data (generator, NULL);
  json_generator_set_root (generator, deductions_node);
  *deductions_json = json_generator_to_data (generator, NULL);
  return TRUE;
}

/* The level the final stage's total reaches, or -1 without that total. */
static int
final_level (GrAssessmentWindow *self,
             const double       *totals,
             gboolean           *unconfirmed)
{
  GrScoreStage stage = gr_assessment_final_stage (open_declared (self));

  if (self->tpl == NULL || totals[stage] < 0)
    return -1;
  return gr_assessment_level_for_total (self->tpl, totals[stage], unconfirmed);
}

/* The veto items ticked, as a NULL-terminated array. */
static GStrv
checked_vetoes (GrAssessmentWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; self->veto_checks != NULL && i < self->veto_checks->len; i++)
    if (gtk_check_button_get_active (self->veto_checks->pdata[i]))
      g_strv_builder_add (builder, self->tpl->vetoes[i]);
  return g_strv_builder_end (builder);
}

static void
update_buttons_sensitive (GrAssessmentWindow *self)
{
  GtkWidget *child;

  for (child = gtk_widget_get_first_child (self->buttons_box); child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_sensitive (child, self->form_ok && !self->writing);
  gtk_widget_set_sensitive (self->declare_button,
                            !self->writing && g_list_model_get_n_items (G_LIST_MODEL (self->offered_levels)) > 0);
}

static void
update_form (GrAssessmentWindow *self)
{
  g_autofree char *message = NULL;
  g_autofree char *scores = NULL;
  g_autofree char *deductions = NULL;
  double totals[N_STAGES];
  gboolean unconfirmed = FALSE;
  int level;

  if (self->open == NULL)
    return;
  self->form_ok = collect_form (self, &scores, &deductions, totals, &message);
  for (guint s = 0; s < N_STAGES; s++)
    if (self->total_labels[s] != NULL)
      {
        g_autofree char *text = totals[s] >= 0 ? format_points (totals[s]) : g_strdup ("—");

        gtk_label_set_label (GTK_LABEL (self->total_labels[s]), text);
      }
  level = final_level (self, totals, &unconfirmed);
  if (level < 0)
    gtk_label_set_label (GTK_LABEL (self->result_label),
                         gr_assessment_final_stage (open_declared (self)) == GR_STAGE_PROVINCE
                         ? _("The level follows from the province’s on-site total, not yet entered")
                         : _("The level follows from the city’s on-site total, not yet entered"));
  else
    {
      g_autofree char *text = NULL;

      /* TRANSLATORS: "最终得分达到：AAA（阈值未经确认）" */
      text = g_strdup_printf (_("The final total reaches: %s%s"), level_name (level),
                              unconfirmed ? _(" (unconfirmed threshold)") : "");
      gtk_label_set_label (GTK_LABEL (self->result_label), text);
    }
  set_error (self, message);
  update_buttons_sensitive (self);
}

/*
 * Building the parts that follow the data
 */

static GtkWidget *
grid_label (const char *text,
            float       xalign,
            const char *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  return label;
}

static double
stored_score (JsonObject *scores,
              const char *item,
              const char *key,
              gboolean   *found)
{
  JsonNode *node;

  *found = FALSE;
  if (scores == NULL || !json_object_has_member (scores, item) ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (scores, item)))
    return 0;
  node = json_object_get_member (json_object_get_object_member (scores, item), key);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) == G_TYPE_STRING)
    return 0;
  *found = TRUE;
  return json_node_get_double (node);
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return json_node_get_object (json_parser_get_root (parser));
}

static void
form_changed_cb (GrAssessmentWindow *self)
{
  update_form (self);
}

static void build_buttons (GrAssessmentWindow *self);

/* With a veto item ticked the assessment cannot be awarded: no button for it. */
static void
veto_toggled_cb (GrAssessmentWindow *self)
{
  build_buttons (self);
  update_buttons_sensitive (self);
}

static void
build_form (GrAssessmentWindow *self)
{
  static const char * const keys[] = { "self", "city", "province" };
  g_autoptr(JsonParser) scores_parser = json_parser_new ();
  g_autoptr(JsonParser) deductions_parser = json_parser_new ();
  const char *titles[N_STAGES] = {
    /* TRANSLATORS: column of the assessment form: 自评分 */
    _("Self"),
    /* TRANSLATORS: column of the assessment form: 市实地评分 */
    _("City on-site"),
    /* TRANSLATORS: column of the assessment form: 省实地评分 */
    _("Province on-site"),
  };
  JsonObject *scores, *deductions;
  GtkWidget *grid;
  guint n_stages = gr_assessment_final_stage (open_declared (self)) == GR_STAGE_PROVINCE ? 3 : 2;
  int row = 0;

  adw_bin_set_child (ADW_BIN (self->form_holder), NULL);
  g_clear_pointer (&self->items, g_free);
  g_clear_pointer (&self->veto_checks, g_ptr_array_unref);
  self->veto_checks = g_ptr_array_new ();
  for (guint s = 0; s < N_STAGES; s++)
    self->total_labels[s] = NULL;
  if (self->tpl == NULL)
    {
      adw_bin_set_child (ADW_BIN (self->form_holder),
                         grid_label (_("No assessment template is held: scores cannot be entered"), 0, "dim-label"));
      return;
    }
  scores = parse_object (scores_parser, self->open->scores);
  deductions = parse_object (deductions_parser, self->open->deductions);
  self->items = g_new0 (ItemEntries, self->tpl->n_items);

  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  /* TRANSLATORS: column of the assessment form: 评定项目 */
  gtk_grid_attach (GTK_GRID (grid), grid_label (_("Item"), 0, "heading"), 0, row, 1, 1);
  /* TRANSLATORS: column of the assessment form: 项目分值 */
  gtk_grid_attach (GTK_GRID (grid), grid_label (_("Points"), 1, "heading"), 1, row, 1, 1);
  for (guint s = 0; s < n_stages; s++)
    gtk_grid_attach (GTK_GRID (grid), grid_label (titles[s], 1, "heading"), 2 + s, row, 1, 1);
  /* TRANSLATORS: column of the assessment form: 扣分原因 */
  gtk_grid_attach (GTK_GRID (grid), grid_label (_("Deduction reason"), 0, "heading"), 2 + n_stages, row, 1, 1);
  row++;
  for (guint i = 0; i < self->tpl->n_items; i++, row++)
    {
      const GrTemplateItem *item = &self->tpl->items[i];
      g_autofree char *points = format_points (item->points);
      g_autofree char *tooltip = NULL;
      g_autofree char *title = NULL;
      GtkWidget *name = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

      /* TRANSLATORS: an item marked as a bonus item (加分项) of the template */
      title = item->bonus ? g_strdup_printf (_("%s · Bonus"), item->item) : g_strdup (item->item);
      gtk_box_append (GTK_BOX (name), grid_label (title, 0, item->bonus ? "accent" : NULL));
      /* The scoring method (计分方法) under the name, the content too in the tooltip. */
      if (item->method != NULL)
        {
          GtkWidget *method = grid_label (item->method, 0, "dim-label");

          gtk_widget_add_css_class (method, "caption");
          gtk_label_set_wrap (GTK_LABEL (method), TRUE);
          gtk_label_set_max_width_chars (GTK_LABEL (method), 24);
          gtk_box_append (GTK_BOX (name), method);
        }
      tooltip = g_strdup_printf ("%s\n%s", item->content != NULL ? item->content : "",
                                 item->method != NULL ? item->method : "");
      gtk_widget_set_tooltip_text (name, tooltip);
      gtk_grid_attach (GTK_GRID (grid), name, 0, row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), grid_label (points, 1, "numeric"), 1, row, 1, 1);
      for (guint s = 0; s < n_stages; s++)
        {
          GtkWidget *entry = gtk_entry_new ();
          gboolean found;
          double value = stored_score (scores, item->item, keys[s], &found);
          g_autofree char *accessible = g_strdup_printf ("%s %s", item->item, titles[s]);

          gtk_editable_set_width_chars (GTK_EDITABLE (entry), 6);
          /* Room for the reasons, not for five-digit scores. */
          gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 6);
          gtk_editable_set_alignment (GTK_EDITABLE (entry), 1.0);
          gtk_widget_add_css_class (entry, "numeric");
          gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
          if (found)
            {
              g_autofree char *text = format_points (value);

              gtk_editable_set_text (GTK_EDITABLE (entry), text);
            }
          g_signal_connect_swapped (entry, "changed", G_CALLBACK (form_changed_cb), self);
          gtk_grid_attach (GTK_GRID (grid), entry, 2 + s, row, 1, 1);
          self->items[i].scores[s] = entry;
        }
      self->items[i].reason = gtk_entry_new ();
      gtk_widget_set_hexpand (self->items[i].reason, TRUE);
      if (deductions != NULL && json_object_has_member (deductions, item->item))
        {
          JsonNode *node = json_object_get_member (deductions, item->item);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            gtk_editable_set_text (GTK_EDITABLE (self->items[i].reason), json_node_get_string (node));
        }
      gtk_grid_attach (GTK_GRID (grid), self->items[i].reason, 2 + n_stages, row, 1, 1);
    }
  /* TRANSLATORS: the row of totals of the assessment form: 合计 */
  gtk_grid_attach (GTK_GRID (grid), grid_label (_("Total"), 0, "heading"), 0, row, 1, 1);
  for (guint s = 0; s < n_stages; s++)
    {
      self->total_labels[s] = grid_label ("—", 1, "heading");
      gtk_widget_add_css_class (self->total_labels[s], "numeric");
      gtk_widget_set_margin_end (self->total_labels[s], 8);
      gtk_grid_attach (GTK_GRID (grid), self->total_labels[s], 2 + s, row, 1, 1);
    }
  row++;
  if (self->tpl->vetoes != NULL && self->tpl->vetoes[0] != NULL)
    {
      g_auto(GStrv) hit = gr_assessment_vetoes_from_extra (self->open->extra);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

      /* TRANSLATORS: heading of the veto items of the assessment form: 一票否决 */
      gtk_box_append (GTK_BOX (box), grid_label (_("Veto items"), 0, "heading"));
      for (guint i = 0; self->tpl->vetoes[i] != NULL; i++)
        {
          GtkWidget *check = gtk_check_button_new_with_label (self->tpl->vetoes[i]);

          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_strv_contains ((const char * const *) hit,
                                                                                  self->tpl->vetoes[i]));
          g_signal_connect_swapped (check, "toggled", G_CALLBACK (veto_toggled_cb), self);
          gtk_box_append (GTK_BOX (box), check);
          g_ptr_array_add (self->veto_checks, check);
        }
      gtk_widget_set_margin_top (box, 6);
      gtk_grid_attach (GTK_GRID (grid), box, 0, row, 3 + n_stages, 1);
    }
  adw_bin_set_child (ADW_BIN (self->form_holder), grid);
}

static const char *
state_button_label (GrAssessmentState state)
{
  switch (state)
    {
    case GR_ASSESS_AWARDED:
      /* TRANSLATORS: button: 通过授牌 */
      return _("Award");
    case GR_ASSESS_REFUSED:
      /* TRANSLATORS: button: 不通过 */
      return _("Refuse");
    case GR_ASSESS_DOWNGRADED:
      /* TRANSLATORS: button: 降级 */
      return _("Downgrade");
    case GR_ASSESS_REMOVED:
      /* TRANSLATORS: button: 摘除 (the plaque) */
      return _("Remove");
    default:
      return gr_assessment_state_name (state);
    }
}

static void
state_button_clicked_cb (GtkButton          *button,
                         GrAssessmentWindow *self)
{
  gr_assessment_window_advance (self, gtk_widget_get_name (GTK_WIDGET (button)));
}

static void
build_buttons (GrAssessmentWindow *self)
{
  GtkWidget *child, *save;
  GrAssessmentState from = open_state (self);
  int declared = open_declared (self);
  g_auto(GStrv) vetoes = checked_vetoes (self);

  while ((child = gtk_widget_get_first_child (self->buttons_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->buttons_box), child);
  /* TRANSLATORS: button: keep the scores without moving the assessment on */
  save = gtk_button_new_with_mnemonic (_("_Save Scores"));
  gtk_widget_set_name (save, "save");
  g_signal_connect_swapped (save, "clicked", G_CALLBACK (gr_assessment_window_save), self);
  gtk_box_append (GTK_BOX (self->buttons_box), save);
  /* Exactly the legal next states. */
  for (guint s = 0; s < GR_N_ASSESS_STATES; s++)
    {
      GtkWidget *button;
      g_autofree char *label = NULL;

      if (!gr_assessment_check_transition (from, s, declared, NULL) ||
          !gr_assessment_check_vetoes (s, (const char * const *) vetoes, NULL))
        continue;
      if (gr_assessment_state_is_decided (s))
        label = g_strdup (state_button_label (s));
      else
        /* TRANSLATORS: button moving an assessment on: "转入：市级实地核查" */
        label = g_strdup_printf (_("On to %s"), gr_assessment_state_name (s));
      button = gtk_button_new_with_label (label);
      gtk_widget_set_name (button, gr_assessment_state_to_string (s));
      if (s == GR_ASSESS_AWARDED || !gr_assessment_state_is_decided (s))
        gtk_widget_add_css_class (button, "suggested-action");
      else
        gtk_widget_add_css_class (button, "destructive-action");
      g_signal_connect (button, "clicked", G_CALLBACK (state_button_clicked_cb), self);
      gtk_box_append (GTK_BOX (self->buttons_box), button);
    }
}

static char *
trail_text (const AssessmentRow *row)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *extra = parse_object (parser, row->extra);
  GString *out = g_string_new (NULL);
  JsonArray *history = NULL;

  if (extra != NULL && json_object_has_member (extra, "history") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (extra, "history")))
    history = json_object_get_array_member (extra, "history");
  for (guint i = 0; history != NULL && i < json_array_get_length (history); i++)
    {
      JsonNode *node = json_array_get_element (history, i);
      JsonObject *step;
      GrAssessmentState state;
      const char *by, *on;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      step = json_node_get_object (node);
      if (!gr_assessment_state_from_string (json_object_get_string_member_with_default (step, "state", ""), &state))
        continue;
      by = json_object_get_string_member_with_default (step, "by", NULL);
      on = json_object_get_string_member_with_default (step, "on", NULL);
      g_string_append_printf (out, "%s%s", out->len > 0 ? "\n" : "", gr_assessment_state_name (state));
      if (by != NULL)
        g_string_append_printf (out, " · %s", by);
      if (on != NULL)
        {
          g_autofree char *date = gr_format_iso_date (on);

          g_string_append_printf (out, " · %s", date);
        }
    }
  if (out->len == 0)
    {
      /* Imported records carry no trail: who last changed it, and when
       * it was decided. */
      if (row->decided_on != NULL)
        {
          g_autofree char *date = gr_format_iso_date (row->decided_on);

          /* TRANSLATORS: "评定日期 2025年11月26日" */
          g_string_append_printf (out, _("Decided on %s"), date);
        }
      if (row->updated_by != NULL && *row->updated_by != '\0')
        g_string_append_printf (out, "%s%s", out->len > 0 ? " · " : "", row->updated_by);
    }
  return g_string_free (out, FALSE);
}

static void
show_history (GrAssessmentWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->history_box)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->history_box), child);
  self->n_assessments = 0;
  for (guint i = 0; i < self->data->assessments->len; i++)
    {
      const AssessmentRow *a = self->data->assessments->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GrAssessmentState state = GR_ASSESS_DECLARED;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = trail_text (a);
      GtkWidget *suffix;

      gr_assessment_state_from_string (a->state, &state);
      /* TRANSLATORS: an assessment in the list: "申报 AAA" */
      title = g_strdup_printf (_("Declared %s"), a->declared_level);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if ((state == GR_ASSESS_AWARDED || state == GR_ASSESS_DOWNGRADED) && a->awarded_level != NULL)
        {
          g_autofree char *text = g_strdup_printf ("%s %s", gr_assessment_state_name (state),
                                                   level_name (gr_depot_level_from_string (a->awarded_level)));

          suffix = gtk_label_new (text);
        }
      else
        suffix = gtk_label_new (gr_assessment_state_name (state));
      gtk_widget_add_css_class (suffix, state == GR_ASSESS_AWARDED ? "success"
                                        : gr_assessment_state_is_decided (state) ? "error" : "accent");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
      gtk_list_box_append (GTK_LIST_BOX (self->history_box), row);
      self->n_assessments++;
    }
  gtk_widget_set_visible (self->history_empty, self->n_assessments == 0);
  gtk_widget_set_visible (self->history_box, self->n_assessments > 0);
}

static void
show_data (GrAssessmentWindow *self)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *held = NULL;

  self->open = NULL;
  self->tpl = NULL;
  /* One assessment is open at a time: the latest, while undecided. */
  if (self->data->assessments->len > 0)
    {
      const AssessmentRow *latest = self->data->assessments->pdata[0];
      GrAssessmentState state;

      if (gr_assessment_state_from_string (latest->state, &state) && !gr_assessment_state_is_decided (state))
        self->open = latest;
    }
  /* TRANSLATORS: the window's subtitle: depot and the level it holds, "城南库 · AAA" */
  subtitle = g_strdup_printf ("%s · %s", self->data->name, level_name (self->data->held));
  adw_window_title_set_subtitle (self->title, subtitle);
  gtk_label_set_label (GTK_LABEL (self->held_label), level_name (self->data->held));

  /* Only the levels above the one held can be declared. */
  gtk_string_list_splice (self->offered_levels, 0, g_list_model_get_n_items (G_LIST_MODEL (self->offered_levels)), NULL);
  for (int level = self->data->held + 1; level <= 5; level++)
    gtk_string_list_append (self->offered_levels, gr_depot_level_to_string (level));
  gtk_widget_set_visible (self->declare_box, self->open == NULL);
  gtk_widget_set_visible (self->declare_note, self->data->held >= 5);
  gtk_widget_set_visible (self->open_box, self->open != NULL);
  if (self->open != NULL)
    {
      g_autofree char *heading = NULL;

      if (self->open->template_id != NULL)
        self->tpl = gr_standards_find_template (self->data->standards, self->open->template_id, NULL);
      if (self->tpl == NULL)
        self->tpl = gr_standards_default_template (self->data->standards);
      /* TRANSLATORS: "申报 AAA · 省级审核" */
      heading = g_strdup_printf (_("Declared %s · %s"), self->open->declared_level,
                                 gr_assessment_state_name (open_state (self)));
      gtk_label_set_label (GTK_LABEL (self->open_heading), heading);
      if (self->tpl != NULL)
        {
          /* TRANSLATORS: the template scored by and its version: "广东省等级粮库评定（占位模板） · 版本 placeholder" */
          g_autofree char *text = g_strdup_printf (_("%s · version %s"), self->tpl->title, self->tpl->version);

          gtk_label_set_label (GTK_LABEL (self->template_label), text);
        }
      gtk_widget_set_visible (self->template_label, self->tpl != NULL);
      build_form (self);
      build_buttons (self);
      update_form (self);
    }
  else
    set_error (self, NULL);
  update_buttons_sensitive (self);
  show_history (self);
}

/*
 * Loading and writing
 */

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GrAssessmentWindow *self = GR_ASSESSMENT_WINDOW (object);
  g_autoptr(GError) error = NULL;
  DepotData *data = gr_store_task_run_finish (result, &error);
  gboolean after_write = GPOINTER_TO_INT (user_data);

  if (data == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->loaded = TRUE;
      if (after_write)
        {
          self->n_writes++;
          set_error (self, error->message);
          return;
        }
      adw_status_page_set_title (ADW_STATUS_PAGE (self->status_page), _("Cannot Read the Depot"));
      adw_status_page_set_description (ADW_STATUS_PAGE (self->status_page), error->message);
      return;
    }
  self->open = NULL;
  self->tpl = NULL;
  g_clear_pointer (&self->data, depot_data_free);
  self->data = data;
  self->loaded = TRUE;
  show_data (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "form");
  if (after_write)
    self->n_writes++;
}

static void
reload (GrAssessmentWindow *self)
{
  gr_store_task_run_async (self, self->db_path, load_worker, g_strdup (self->depot), g_free,
                           (GDestroyNotify) depot_data_free, NULL, NULL, self->cancellable, load_done_cb,
                           GINT_TO_POINTER (self->loaded));
}

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GrAssessmentWindow *self = GR_ASSESSMENT_WINDOW (object);
  g_autoptr(GError) error = NULL;

  gr_store_task_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->writing = FALSE;
  if (error != NULL)
    {
      /* What was typed stays, to correct and try again. */
      update_buttons_sensitive (self);
      set_error (self, error->message);
      self->n_writes++;
      return;
    }
  set_error (self, NULL);
  g_signal_emit (self, signals[CHANGED], 0);
  reload (self);
}

static void
start_write (GrAssessmentWindow *self,
             WriteData          *data)
{
  self->writing = TRUE;
  update_buttons_sensitive (self);
  gr_store_task_run_async (self, self->db_path, write_worker, data, (GDestroyNotify) write_data_free,
                           NULL, NULL, NULL, self->cancellable, write_done_cb, NULL);
}

/* A refusal before anything is written: counts as a finished write for
 * those waiting on one. */
static void
refuse (GrAssessmentWindow *self,
        const char         *message)
{
  set_error (self, message);
  self->n_writes++;
}

void
gr_assessment_window_declare (GrAssessmentWindow *self,
                              const char         *level)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *by = NULL;
  g_autofree char *on = NULL;
  g_autofree char *uuid = NULL;
  const GrAssessmentTemplate *tpl;
  WriteData *data;

  g_return_if_fail (GR_IS_ASSESSMENT_WINDOW (self));

  if (self->data == NULL || self->writing)
    return;
  if (self->open != NULL)
    {
      refuse (self, _("The depot has an open assessment: decide it before declaring again"));
      return;
    }
  if (!gr_assessment_check_declaration (self->data->held, gr_depot_level_from_string (level), &error))
    {
      refuse (self, error->message);
      return;
    }
  if (!read_who_when (self, &by, &on, &message))
    {
      refuse (self, message);
      return;
    }
  data = g_new0 (WriteData, 1);
  data->declare = TRUE;
  uuid = g_uuid_string_random ();
  data->id = g_strdup_printf ("asm-%s", uuid);
  data->depot = g_strdup (self->depot);
  data->level = g_strdup (level);
  tpl = gr_standards_default_template (self->data->standards);
  if (tpl != NULL)
    {
      g_autoptr(GString) json = g_string_new ("{\"id\": ");

      gr_json_append_string (json, tpl->id);
      g_string_append (json, ", \"version\": ");
      gr_json_append_string (json, tpl->version);
      g_string_append (json, "}");
      data->template_json = g_string_free (g_steal_pointer (&json), FALSE);
    }
  data->by = g_steal_pointer (&by);
  data->on = g_steal_pointer (&on);
  start_write (self, data);
}

static void
step (GrAssessmentWindow *self,
      const char         *state)
{
  g_autofree char *message = NULL;
  g_autofree char *scores = NULL;
  g_autofree char *deductions = NULL;
  g_autofree char *by = NULL;
  g_autofree char *on = NULL;
  double totals[N_STAGES];
  GrAssessmentState to = GR_ASSESS_DECLARED;
  g_autoptr(GError) error = NULL;
  const char *awarded = NULL;
  g_auto(GStrv) vetoes = NULL;
  WriteData *data;

  if (self->data == NULL || self->writing)
    return;
  if (self->open == NULL)
    {
      refuse (self, _("The depot has no open assessment"));
      return;
    }
  if (state != NULL &&
      (!gr_assessment_state_from_string (state, &to) ||
       !gr_assessment_check_transition (open_state (self), to, open_declared (self), &error)))
    {
      if (error == NULL)
        g_set_error (&error, GR_ERROR, GR_ERROR_INVALID, _("“%s” is not an assessment state"), state);
      refuse (self, error->message);
      return;
    }
  if (!collect_form (self, &scores, &deductions, totals, &message) || !read_who_when (self, &by, &on, &message))
    {
      refuse (self, message);
      return;
    }
  vetoes = checked_vetoes (self);
  if (state != NULL && !gr_assessment_check_vetoes (to, (const char * const *) vetoes, &error))
    {
      refuse (self, error->message);
      return;
    }
  if (state != NULL && (to == GR_ASSESS_AWARDED || to == GR_ASSESS_DOWNGRADED))
    {
      int held = self->data->held, declared = open_declared (self);
      int reached = final_level (self, totals, NULL);

      if (to == GR_ASSESS_AWARDED)
        {
          /* The level the final total reaches, at most the declared one;
           * without that total, the declared level. */
          int level = reached < 0 ? declared : MIN (reached, declared);

          if (level <= held)
            {
              g_autofree char *text = g_strdup_printf (_("The final total reaches %s, not above the level held: refuse or downgrade instead"),
                                                       level_name (reached));

              refuse (self, text);
              return;
            }
          awarded = gr_depot_level_to_string (level);
        }
      else
        awarded = gr_depot_level_to_string (reached >= 0 && reached < held ? reached : MAX (held - 1, 0));
    }
  data = g_new0 (WriteData, 1);
  data->id = g_strdup (self->open->id);
  data->state = g_strdup (state);
  data->level = g_strdup (awarded);
  data->scores = g_steal_pointer (&scores);
  data->deductions = g_steal_pointer (&deductions);
  /* Without a template no veto is shown: keep what is stored. */
  if (self->tpl != NULL)
    data->vetoes = g_steal_pointer (&vetoes);
  data->by = g_steal_pointer (&by);
  data->on = g_steal_pointer (&on);
  start_write (self, data);
}

void
gr_assessment_window_advance (GrAssessmentWindow *self,
                              const char         *state)
{
  g_return_if_fail (GR_IS_ASSESSMENT_WINDOW (self));
  g_return_if_fail (state != NULL);

  step (self, state);
}

void
gr_assessment_window_save (GrAssessmentWindow *self)
{
  g_return_if_fail (GR_IS_ASSESSMENT_WINDOW (self));

  step (self, NULL);
}

static void
declare_clicked_cb (GrAssessmentWindow *self)
{
  guint index = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->declare_dropdown));

  if (index < g_list_model_get_n_items (G_LIST_MODEL (self->offered_levels)))
    gr_assessment_window_declare (self, gtk_string_list_get_string (self->offered_levels, index));
}

/*
 * Building the window
 */

static GtkWidget *
heading_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  return label;
}

static GtkWidget *
card_box (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_margin_bottom (box, 6);
  return box;
}

static void
pad (GtkWidget *widget)
{
  gtk_widget_set_margin_start (widget, 18);
  gtk_widget_set_margin_end (widget, 18);
  gtk_widget_set_margin_top (widget, 18);
  gtk_widget_set_margin_bottom (widget, 18);
}

static void
build (GrAssessmentWindow *self)
{
  GtkWidget *box, *header, *close, *columns, *scrolled, *main, *side, *card, *inner, *row, *label, *who;
  g_autofree char *today = gr_today_iso ();
  const char *name = g_get_real_name ();

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  /* TRANSLATORS: the window's title: 等级粮库评定 */
  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Depot Grading"), self->depot));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  close = gtk_button_new_with_mnemonic (_("_Close"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (close), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), close);
  gtk_box_append (GTK_BOX (box), header);

  self->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->stack, TRUE);
  self->status_page = adw_status_page_new ();
  adw_status_page_set_title (ADW_STATUS_PAGE (self->status_page), _("Reading the Depot…"));
  gtk_stack_add_named (GTK_STACK (self->stack), self->status_page, "loading");

  columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  /* The level, the declaration or the open assessment */
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_hexpand (scrolled, TRUE);
  main = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  pad (main);

  card = card_box ();
  inner = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  pad (inner);
  row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  /* TRANSLATORS: the level the depot holds now: 现有等级 */
  gtk_box_append (GTK_BOX (row), heading_new (_("Level held")));
  self->held_label = gtk_label_new ("—");
  gtk_widget_add_css_class (self->held_label, "title-1");
  gtk_label_set_xalign (GTK_LABEL (self->held_label), 0);
  gtk_box_append (GTK_BOX (row), self->held_label);
  gtk_box_append (GTK_BOX (inner), row);

  /* Who records a step, and on which day */
  who = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (who), 12);
  gtk_grid_set_row_spacing (GTK_GRID (who), 6);
  gtk_widget_set_hexpand (who, TRUE);
  gtk_widget_set_halign (who, GTK_ALIGN_END);
  gtk_widget_set_valign (who, GTK_ALIGN_CENTER);
  /* TRANSLATORS: who records the step: 经办人 */
  gtk_grid_attach (GTK_GRID (who), grid_label (_("Recorded by"), 1, "dim-label"), 0, 0, 1, 1);
  self->by_entry = gtk_entry_new ();
  if (name != NULL && g_strcmp0 (name, "Unknown") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->by_entry), name);
  else
    gtk_editable_set_text (GTK_EDITABLE (self->by_entry), g_get_user_name ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->by_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Recorded by"), -1);
  gtk_grid_attach (GTK_GRID (who), self->by_entry, 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (who), grid_label (_("Date (YYYY-MM-DD)"), 1, "dim-label"), 0, 1, 1, 1);
  self->date_entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), today);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->date_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Date (YYYY-MM-DD)"), -1);
  gtk_grid_attach (GTK_GRID (who), self->date_entry, 1, 1, 1, 1);
  gtk_box_append (GTK_BOX (inner), who);
  gtk_box_append (GTK_BOX (card), inner);
  gtk_box_append (GTK_BOX (main), card);

  /* Declaring */
  self->declare_box = card_box ();
  inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  pad (inner);
  /* TRANSLATORS: heading: 申报评定 */
  gtk_box_append (GTK_BOX (inner), heading_new (_("Declare an Assessment")));
  label = gtk_label_new (_("A depot declares a level above the one it holds; the province reviews and checks AAA and above on site."));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (inner), label);
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  self->offered_levels = gtk_string_list_new (NULL);
  self->declare_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->offered_levels)), NULL);
  /* TRANSLATORS: 申报等级 */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->declare_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Declared level"), -1);
  gtk_box_append (GTK_BOX (row), self->declare_dropdown);
  /* TRANSLATORS: button: 申报 */
  self->declare_button = gtk_button_new_with_mnemonic (_("_Declare"));
  gtk_widget_add_css_class (self->declare_button, "suggested-action");
  g_signal_connect_swapped (self->declare_button, "clicked", G_CALLBACK (declare_clicked_cb), self);
  gtk_box_append (GTK_BOX (row), self->declare_button);
  gtk_box_append (GTK_BOX (inner), row);
  self->declare_note = gtk_label_new (_("The depot holds the highest level, AAAAA"));
  gtk_label_set_xalign (GTK_LABEL (self->declare_note), 0);
  gtk_box_append (GTK_BOX (inner), self->declare_note);
  gtk_box_append (GTK_BOX (self->declare_box), inner);
  gtk_box_append (GTK_BOX (main), self->declare_box);

  /* The open assessment */
  self->open_box = card_box ();
  inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  pad (inner);
  self->open_heading = heading_new ("");
  gtk_widget_add_css_class (self->open_heading, "title-3");
  gtk_box_append (GTK_BOX (inner), self->open_heading);
  self->template_label = gtk_label_new ("");
  gtk_label_set_xalign (GTK_LABEL (self->template_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->template_label), TRUE);
  gtk_widget_add_css_class (self->template_label, "dim-label");
  gtk_box_append (GTK_BOX (inner), self->template_label);
  self->form_holder = adw_bin_new ();
  gtk_box_append (GTK_BOX (inner), self->form_holder);
  self->result_label = gtk_label_new ("");
  gtk_label_set_xalign (GTK_LABEL (self->result_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->result_label), TRUE);
  gtk_widget_add_css_class (self->result_label, "heading");
  gtk_box_append (GTK_BOX (inner), self->result_label);
  self->buttons_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (inner), self->buttons_box);
  gtk_box_append (GTK_BOX (self->open_box), inner);
  gtk_box_append (GTK_BOX (main), self->open_box);

  self->error_label = gtk_label_new ("");
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_widget_set_visible (self->error_label, FALSE);
  gtk_box_append (GTK_BOX (main), self->error_label);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), main);
  gtk_box_append (GTK_BOX (columns), scrolled);

  /* The assessments, latest first */
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (scrolled, 360, -1);
  side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (side, 18);
  gtk_widget_set_margin_bottom (side, 18);
  gtk_widget_set_margin_end (side, 18);
  gtk_widget_set_margin_start (side, 6);
  /* TRANSLATORS: heading of the list of a depot's assessments: 评定记录 */
  gtk_box_append (GTK_BOX (side), heading_new (_("Assessments")));
  self->history_empty = gtk_label_new (_("No assessment recorded for this depot yet"));
  gtk_widget_add_css_class (self->history_empty, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (self->history_empty), 0);
  gtk_box_append (GTK_BOX (side), self->history_empty);
  self->history_box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->history_box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->history_box, "boxed-list");
  gtk_box_append (GTK_BOX (side), self->history_box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), side);
  gtk_box_append (GTK_BOX (columns), scrolled);

  gtk_stack_add_named (GTK_STACK (self->stack), columns, "form");
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "loading");
  gtk_box_append (GTK_BOX (box), self->stack);
  adw_window_set_content (ADW_WINDOW (self), box);
}

static void
gr_assessment_window_dispose (GObject *object)
{
  GrAssessmentWindow *self = GR_ASSESSMENT_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->open = NULL;
  self->tpl = NULL;
  g_clear_pointer (&self->data, depot_data_free);
  g_clear_pointer (&self->items, g_free);
  g_clear_pointer (&self->veto_checks, g_ptr_array_unref);
  g_clear_object (&self->offered_levels);

  G_OBJECT_CLASS (gr_assessment_window_parent_class)->dispose (object);
}

static void
gr_assessment_window_finalize (GObject *object)
{
  GrAssessmentWindow *self = GR_ASSESSMENT_WINDOW (object);

  g_free (self->db_path);
  g_free (self->depot);

  G_OBJECT_CLASS (gr_assessment_window_parent_class)->finalize (object);
}

static void
gr_assessment_window_class_init (GrAssessmentWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gr_assessment_window_dispose;
  object_class->finalize = gr_assessment_window_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gr_assessment_window_init (GrAssessmentWindow *self)
{
  self->cancellable = g_cancellable_new ();
}

GrAssessmentWindow *
gr_assessment_window_new (GtkWindow  *parent,
                          const char *db_path,
                          const char *depot)
{
  GrAssessmentWindow *self;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (depot != NULL, NULL);

  self = g_object_new (GR_TYPE_ASSESSMENT_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       "default-width", 1180,
                       "default-height", 760,
                       NULL);
  self->db_path = g_strdup (db_path);
  self->depot = g_strdup (depot);
  build (self);
  reload (self);
  return self;
}

/*
 * For tests
 */

const char *
gr_assessment_window_get_depot (GrAssessmentWindow *self)
{
  return self->depot;
}

gboolean
gr_assessment_window_get_loaded (GrAssessmentWindow *self)
{
  return self->loaded;
}

guint
gr_assessment_window_get_n_writes (GrAssessmentWindow *self)
{
  return self->n_writes;
}

int
gr_assessment_window_get_held_level (GrAssessmentWindow *self)
{
  return self->data != NULL ? self->data->held : 0;
}

guint
gr_assessment_window_get_n_assessments (GrAssessmentWindow *self)
{
  return self->n_assessments;
}

const char *
gr_assessment_window_get_open_state (GrAssessmentWindow *self)
{
  return self->open != NULL ? self->open->state : NULL;
}

GStrv
gr_assessment_window_dup_offered_levels (GrAssessmentWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (gtk_widget_get_visible (self->declare_box))
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->offered_levels)); i++)
      g_strv_builder_add (builder, gtk_string_list_get_string (self->offered_levels, i));
  return g_strv_builder_end (builder);
}

GStrv
gr_assessment_window_dup_offered_states (GrAssessmentWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (self->open != NULL)
    for (GtkWidget *child = gtk_widget_get_first_child (self->buttons_box); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (g_strcmp0 (gtk_widget_get_name (child), "save") != 0)
        g_strv_builder_add (builder, gtk_widget_get_name (child));
  return g_strv_builder_end (builder);
}

GtkEditable *
gr_assessment_window_get_score_entry (GrAssessmentWindow *self,
                                      guint               item,
                                      guint               stage)
{
  if (self->items == NULL || self->tpl == NULL || item >= self->tpl->n_items || stage >= N_STAGES ||
      self->items[item].scores[stage] == NULL)
    return NULL;
  return GTK_EDITABLE (self->items[item].scores[stage]);
}

GtkEditable *
gr_assessment_window_get_reason_entry (GrAssessmentWindow *self,
                                       guint               item)
{
  if (self->items == NULL || self->tpl == NULL || item >= self->tpl->n_items)
    return NULL;
  return GTK_EDITABLE (self->items[item].reason);
}

GtkEditable *
gr_assessment_window_get_by_entry (GrAssessmentWindow *self)
{
  return GTK_EDITABLE (self->by_entry);
}

GtkEditable *
gr_assessment_window_get_date_entry (GrAssessmentWindow *self)
{
  return GTK_EDITABLE (self->date_entry);
}

const char *
gr_assessment_window_get_result_text (GrAssessmentWindow *self)
{
  return gtk_label_get_label (GTK_LABEL (self->result_label));
}

const char *
gr_assessment_window_get_error_text (GrAssessmentWindow *self)
{
  return gtk_widget_get_visible (self->error_label) ? gtk_label_get_label (GTK_LABEL (self->error_label)) : NULL;
}

/* The check button of the template's veto item index, or NULL. */
GtkCheckButton *
gr_assessment_window_get_veto_check (GrAssessmentWindow *self,
                                     guint               index)
{
  g_return_val_if_fail (GR_IS_ASSESSMENT_WINDOW (self), NULL);

  if (self->veto_checks == NULL || index >= self->veto_checks->len)
    return NULL;
  return self->veto_checks->pdata[index];
}

const char *
gr_assessment_window_get_template_text (GrAssessmentWindow *self)
{
  g_return_val_if_fail (GR_IS_ASSESSMENT_WINDOW (self), NULL);

  return gtk_widget_get_visible (self->template_label) ? gtk_label_get_label (GTK_LABEL (self->template_label)) : NULL;
}
