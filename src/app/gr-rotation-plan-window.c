/* gr-rotation-plan-window.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-rotation-plan-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "gr-format.h"
#include "gr-plan-item-row.h"
#include "gr-planner.h"
#include "gr-projection.h"
#include "gr-resources.h"
#include "gr-role.h"
#include "gr-rotation-plan-window.h"
#include "gr-store-task.h"
#include "gr-sync-indicator.h"
#include "gr-sync-state.h"
#include "gr-timeline-scale.h"
#include "gr-variety.h"
#include "gr-window.h"

struct _GrRotationPlanWindow
{
  AdwWindow             parent_instance;

  /* Template Widgets */
  GtkWidget            *approve_button;
  GtkWidget            *chart_box;
  GtkDropDown          *enterprise_dropdown;
  GtkSwitch            *extension_switch;
  GtkLabel             *flags_heading;
  GtkLabel             *flags_label;
  AdwEntryRow          *in_row;
  GtkLabel             *item_error_label;
  AdwPreferencesGroup  *item_group;
  GtkColumnView        *item_table;
  AdwComboRow          *lot_row;
  GtkWidget            *message_box;
  GtkLabel             *message_label;
  GtkRevealer          *message_revealer;
  AdwEntryRow          *out_row;
  GtkWidget            *propose_button;
  AdwEntryRow          *quantity_row;
  AdwEntryRow          *reason_row;
  GtkWidget            *return_button;
  GtkLabel             *role_label;
  GtkWidget            *save_button;
  GtkSpinner           *spinner;
  GtkLabel             *state_label;
  GtkWidget            *sync_box;
  GtkImage             *sync_icon;
  GtkLabel             *sync_label;
  GtkWidget            *submit_button;
  GtkLabel             *trail_label;
  AdwWindowTitle       *window_title;
  GtkSpinButton        *year_spin;

  /* Owned References */
  GSettings            *settings;
  GCancellable         *cancellable;
  GCancellable         *flags_cancellable;
  char                 *db_path;
  char                 *today;
  char                 *enterprise;
  char                 *message;
  GrProfile            *profile;
  GPtrArray            *enterprises;    /* Choice */
  GPtrArray            *lots;           /* Choice, with opening_kg */
  GHashTable           *series_names;   /* enterprise or plan id → name */
  GrRotationPlan       *plan;
  GrSyncChange         *sync;           /* the plan's latest local change, or NULL */
  GrProjection         *projection;
  GPtrArray            *flags;          /* GrRotationFlag */
  GListStore           *rows;
  GtkSingleSelection   *selection;
  GrChart              *chart;
  GrChartFrame         *chart_frame;

  GrRole                role;
  int                   year;
  guint                 flags_id;
  guint                 n_loads;
  guint                 n_checks;
  guint                 n_writes;
  guint                 busy : 1;
  guint                 dirty : 1;
  guint                 updating : 1;
  /* What to do once unsaved items are saved or dropped (ask_unsaved) */
  guint                 pending : 2;
  guint                 close_after_save : 1;
};

G_DEFINE_FINAL_TYPE (GrRotationPlanWindow, gr_rotation_plan_window, ADW_TYPE_WINDOW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

typedef struct {
  char   *id;
  char   *name;
  gint64  opening_kg;
} Choice;

static void
choice_free (gpointer data)
{
  Choice *c = data;

  g_free (c->id);
  g_free (c->name);
  g_free (c);
}

static void update_state (GrRotationPlanWindow *self);
static void queue_flags  (GrRotationPlanWindow *self);

/*
 * Workers: in a thread, on the worker's own connection; no widgets.
 */

typedef struct {
  char      *enterprise;   /* NULL: the first */
  int        year;
} LoadJob;

static void
load_job_free (gpointer data)
{
  LoadJob *job = data;

  g_free (job->enterprise);
  g_free (job);
}

typedef struct {
  GrProfile      *profile;
  GPtrArray      *enterprises;
  char           *enterprise;
  GrRotationPlan *plan;
  GrSyncChange   *sync;
  GrProjection   *projection;
  GPtrArray      *lots;
  GHashTable     *series_names;
} Loaded;

static void
loaded_free (gpointer data)
{
  Loaded *l = data;

  g_clear_pointer (&l->profile, gr_profile_unref);
  g_clear_pointer (&l->enterprises, g_ptr_array_unref);
  g_free (l->enterprise);
  g_clear_pointer (&l->plan, gr_rotation_plan_free);
  g_clear_pointer (&l->sync, gr_sync_change_free);
  g_clear_pointer (&l->projection, gr_projection_free);
  g_clear_pointer (&l->lots, g_ptr_array_unref);
  g_clear_pointer (&l->series_names, g_hash_table_unref);
  g_free (l);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

static GrProfile *
load_profile (GrStore  *store,
              GError  **error)
{
  g_autofree char *id = gr_store_get_meta (store, "profile");

  if (id == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The database has no regulation profile: choose one in Preferences"));
      return NULL;
    }
  return gr_profile_load (id, error);
}

static gboolean
read_choices (GrStore     *store,
              const char  *sql,
              const char  *param,
              GPtrArray   *out,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Choice *c = g_new0 (Choice, 1);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      c->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      c->name = g_strdup (name ? name : c->id);
      g_ptr_array_add (out, c);
    }
  if (rc != SQLITE_DONE)
    {
      gr_store_set_error (store, error, _("Could not read the rotation plan’s lots"));
      return FALSE;
    }
  return TRUE;
}

/* The lots the form offers: the enterprise's lots in store at the start
 * of the year, and any lot the plan already names. */
static gboolean
read_lots (GrStore         *store,
           Loaded          *l,
           GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) named = g_hash_table_new (g_str_hash, g_str_equal);
  int rc;

  for (guint i = 0; i < l->plan->items->len; i++)
    g_hash_table_add (named, ((GrRotationItem *) l->plan->items->pdata[i])->lot);
  stmt = gr_store_prepare (store,
                           "SELECT l.id, d.name, b.code, l.variety, l.harvest_year, l.entered_on"
                           " FROM lots l JOIN plans p ON p.id = l.plan"
                           " LEFT JOIN bins b ON b.id = l.bin LEFT JOIN depots d ON d.id = b.depot"
                           " WHERE p.enterprise = ?1 AND l.deleted = 0"
                           " ORDER BY d.name, b.code, l.entered_on, l.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, l->enterprise, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *depot = (const char *) sqlite3_column_text (stmt, 1);
      const char *bin = (const char *) sqlite3_column_text (stmt, 2);
      const char *variety = (const char *) sqlite3_column_text (stmt, 3);
      int harvest = sqlite3_column_int (stmt, 4);
      const char *entered = (const char *) sqlite3_column_text (stmt, 5);
      g_autofree char *what = NULL;
      g_autofree char *amount = NULL;
      gint64 opening = 0;
      Choice *c;

      if (!gr_projection_lookup_lot (l->projection, id, &opening, NULL, NULL))
        opening = 0;
      if (opening <= 0 && !g_hash_table_contains (named, id))
        continue;
      if (harvest > 0)
        /* TRANSLATORS: a lot by its variety and harvest year → "%s %d年产" */
        what = g_strdup_printf (_("%s, harvest %d"), gr_variety_name (variety), harvest);
      else
        /* TRANSLATORS: a lot by its variety and entry date → "%s %s入库" */
        what = g_strdup_printf (_("%s, entered %s"), gr_variety_name (variety), entered ? entered : "?");
      amount = gr_format_tonnes (opening);
      c = g_new0 (Choice, 1);
      c->id = g_strdup (id);
      /* TRANSLATORS: a lot in the rotation plan editor: depot, bin, what it holds, balance →
       * "城南库 P01仓 · 中晚籼稻 2024年产 · 5,780 吨" */
      c->name = g_strdup_printf (_("%s bin %s · %s · %s"), depot ? depot : "?", bin ? bin : "?", what, amount);
      c->opening_kg = opening;
      g_ptr_array_add (l->lots, c);
    }
  if (rc != SQLITE_DONE)
    {
      gr_store_set_error (store, error, _("Could not read the rotation plan’s lots"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_series_names (GrStore  *store,
                   Loaded   *l,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store,
                                                   "SELECT id, variety, quantity_kg FROM plans"
                                                   " WHERE enterprise = ?1 AND deleted = 0", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, l->enterprise, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *quantity = gr_format_tonnes (sqlite3_column_int64 (stmt, 2));

      g_hash_table_insert (l->series_names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                           /* TRANSLATORS: a storage plan in the chart's legend: variety, quantity → "中晚籼稻 计划 60,000 吨" */
                           g_strdup_printf (_("%s plan of %s"),
                                            gr_variety_name ((const char *) sqlite3_column_text (stmt, 1)), quantity));
    }
  if (rc != SQLITE_DONE)
    {
      gr_store_set_error (store, error, _("Could not read the rotation plan’s lots"));
      return FALSE;
    }
  return TRUE;
}

/* The sync state of the plan's latest local change (SYNC.md §3.2), as
 * the lot view shows a movement's: none for a plan never written here. */
static gboolean
read_sync (GrStore              *store,
           const GrRotationPlan *plan,
           GrSyncChange        **out,
           GError              **error)
{
  g_autoptr(GHashTable) states = NULL;

  *out = NULL;
  if (plan->id == NULL)
    return TRUE;
  states = gr_sync_record_states (store, "rotation_plan", "SELECT ?1", plan->id, error);
  if (states == NULL)
    return FALSE;
  g_hash_table_steal_extended (states, plan->id, NULL, (gpointer *) out);
  return TRUE;
}

static gpointer
load_worker (GrStore         *store,
             gpointer         task_data,
             GrProgressFunc   progress,
             gpointer         progress_data,
             GCancellable    *cancellable,
             GError         **error)
{
  LoadJob *job = task_data;
  g_autoptr(Loaded) l = g_new0 (Loaded, 1);
  g_autoptr(GError) local = NULL;

  if ((l->profile = load_profile (store, error)) == NULL)
    return NULL;
  l->enterprises = g_ptr_array_new_with_free_func (choice_free);
  if (!read_choices (store, "SELECT id, name FROM enterprises WHERE deleted = 0 ORDER BY id", NULL,
                     l->enterprises, error))
    return NULL;
  if (l->enterprises->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The database holds no enterprise"));
      return NULL;
    }
  l->enterprise = g_strdup (job->enterprise ? job->enterprise : ((Choice *) l->enterprises->pdata[0])->id);
  l->plan = gr_rotation_plan_load (store, l->enterprise, job->year, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (l->plan == NULL)
    l->plan = gr_rotation_plan_new (l->enterprise, job->year);
  if (!read_sync (store, l->plan, &l->sync, error))
    return NULL;
  if ((l->projection = gr_projection_new (store, l->profile, job->year, l->enterprise, error)) == NULL)
    return NULL;
  l->lots = g_ptr_array_new_with_free_func (choice_free);
  l->series_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!read_lots (store, l, error) || !read_series_names (store, l, error))
    return NULL;
  for (guint i = 0; i < l->enterprises->len; i++)
    {
      Choice *e = l->enterprises->pdata[i];

      g_hash_table_insert (l->series_names, g_strdup (e->id), g_strdup (e->name));
    }
  return g_steal_pointer (&l);
}

typedef struct {
  GrProfile      *profile;
  GrRotationPlan *plan;
} FlagsJob;

static void
flags_job_free (gpointer data)
{
  FlagsJob *job = data;

  gr_profile_unref (job->profile);
  gr_rotation_plan_free (job->plan);
  g_free (job);
}

static gpointer
flags_worker (GrStore         *store,
              gpointer         task_data,
              GrProgressFunc   progress,
              gpointer         progress_data,
              GCancellable    *cancellable,
              GError         **error)
{
  FlagsJob *job = task_data;

  return gr_rotation_plan_flags (store, job->profile, job->plan, error);
}

typedef enum {
  WRITE_SAVE,
  WRITE_SUBMIT,
  WRITE_APPROVE,
  WRITE_RETURN,
} WriteKind;

typedef struct {
  GrProfile      *profile;
  GrRotationPlan *plan;
  WriteKind       kind;
  GrRole          role;
  char           *comment;
  char           *today;
} WriteJob;

static void
write_job_free (gpointer data)
{
  WriteJob *job = data;

  gr_profile_unref (job->profile);
  g_clear_pointer (&job->plan, gr_rotation_plan_free);
  g_free (job->comment);
  g_free (job->today);
  g_free (job);
}

typedef struct {
  GrRotationPlan *plan;
  GrSyncChange   *sync;
} Written;

static void
written_free (gpointer data)
{
  Written *w = data;

  g_clear_pointer (&w->plan, gr_rotation_plan_free);
  g_clear_pointer (&w->sync, gr_sync_change_free);
  g_free (w);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Written, written_free)

static gpointer
write_worker (GrStore         *store,
              gpointer         task_data,
              GrProgressFunc   progress,
              gpointer         progress_data,
              GCancellable    *cancellable,
              GError         **error)
{
  WriteJob *job = task_data;
  g_autoptr(Written) written = NULL;
  gboolean ok;

  switch (job->kind)
    {
    case WRITE_SAVE:
      ok = gr_rotation_plan_save (store, job->profile, job->role, NULL, job->plan, error);
      break;
    case WRITE_SUBMIT:
      ok = gr_rotation_plan_move (store, job->profile, job->plan, GR_ROTATION_SUBMITTED, job->role,
                                  NULL, job->comment, job->today, error);
      break;
    case WRITE_APPROVE:
      ok = gr_rotation_plan_move (store, job->profile, job->plan, GR_ROTATION_APPROVED, job->role,
                                  NULL, job->comment, job->today, error);
      break;
    case WRITE_RETURN:
    default:
      ok = gr_rotation_plan_move (store, job->profile, job->plan, GR_ROTATION_RETURNED, job->role,
                                  NULL, job->comment, job->today, error);
      break;
    }
  if (!ok)
    return NULL;
  /* Read after the commit: the change the write just queued. */
  written = g_new0 (Written, 1);
  written->plan = g_steal_pointer (&job->plan);
  if (!read_sync (store, written->plan, &written->sync, error))
    return NULL;
  return g_steal_pointer (&written);
}

typedef struct {
  GrProfile      *profile;
  char           *enterprise;
  int             year;
  GrRotationItem *item;
} ItemJob;

static void
item_job_free (gpointer data)
{
  ItemJob *job = data;

  gr_profile_unref (job->profile);
  g_free (job->enterprise);
  g_clear_pointer (&job->item, gr_rotation_item_free);
  g_free (job);
}

/* An item is checked against the store before it joins the plan (an
 * unknown lot, a quantity above the lot's balance, a vacancy over the
 * limit without an approved extension are refused, DESIGN.md §7). */
static gpointer
item_worker (GrStore         *store,
             gpointer         task_data,
             GrProgressFunc   progress,
             gpointer         progress_data,
             GCancellable    *cancellable,
             GError         **error)
{
  ItemJob *job = task_data;

  if (!gr_rotation_plan_check_item (store, job->profile, job->enterprise, job->year, job->item, error))
    return NULL;
  return gr_rotation_item_copy (job->item);
}

typedef struct {
  GrProfile *profile;
  char      *enterprise;
  int        year;
} ProposeJob;

static void
propose_job_free (gpointer data)
{
  ProposeJob *job = data;

  gr_profile_unref (job->profile);
  g_free (job->enterprise);
  g_free (job);
}

typedef struct {
  GrRotationPlan *plan;      /* the proposal's items */
  gboolean        feasible;
  char           *problems;  /* one per line, or NULL */
} Proposal;

static void
proposal_free (gpointer data)
{
  Proposal *p = data;

  g_clear_pointer (&p->plan, gr_rotation_plan_free);
  g_free (p->problems);
  g_free (p);
}

static gpointer
propose_worker (GrStore         *store,
                gpointer         task_data,
                GrProgressFunc   progress,
                gpointer         progress_data,
                GCancellable    *cancellable,
                GError         **error)
{
  ProposeJob *job = task_data;
  g_autoptr(GrPlannerResult) result = gr_planner_propose (store, job->profile, job->year, job->enterprise, error);
  Proposal *p;

  if (result == NULL)
    return NULL;
  p = g_new0 (Proposal, 1);
  p->plan = gr_planner_result_to_plan (result, job->enterprise);
  if (p->plan == NULL)
    p->plan = gr_rotation_plan_new (job->enterprise, job->year);
  p->feasible = result->feasible;
  if (result->problems->len > 0)
    {
      GString *text = g_string_new (NULL);

      for (guint i = 0; i < result->problems->len; i++)
        {
          GrPlannerProblem *problem = result->problems->pdata[i];

          if (g_strcmp0 (problem->enterprise, job->enterprise) != 0)
            continue;
          if (text->len > 0)
            g_string_append_c (text, '\n');
          g_string_append (text, problem->text);
        }
      p->problems = g_string_free (text, text->len == 0);
    }
  return p;
}

/*
 * Auxiliary methods
 */

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
set_busy (GrRotationPlanWindow *self,
          gboolean              busy)
{
  self->busy = !!busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  update_state (self);
}

static void
set_message (GrRotationPlanWindow *self,
             const char           *text,
             const char           *kind)
{
  g_free (self->message);
  self->message = g_strdup (text);
  gtk_label_set_label (self->message_label, text ? text : "");
  gtk_widget_remove_css_class (self->message_box, "error");
  gtk_widget_remove_css_class (self->message_box, "warning");
  gtk_widget_remove_css_class (self->message_box, "info");
  if (kind != NULL)
    gtk_widget_add_css_class (self->message_box, kind);
  gtk_revealer_set_reveal_child (self->message_revealer, text != NULL);
}

static const Choice *
find_lot (GrRotationPlanWindow *self,
          const char           *id,
          guint                *position)
{
  for (guint i = 0; self->lots != NULL && i < self->lots->len; i++)
    {
      Choice *c = self->lots->pdata[i];

      if (g_strcmp0 (c->id, id) == 0)
        {
          if (position != NULL)
            *position = i;
          return c;
        }
    }
  return NULL;
}

static gboolean
editable (GrRotationPlanWindow *self)
{
  return self->plan != NULL && !self->busy && gr_rotation_role_can_edit (self->role, self->plan->state);
}

static const char *
flag_name (GrRotationFlagKind kind)
{
  switch (kind)
    {
    /* TRANSLATORS: short names of an item's rule problems, in the editor's table */
    case GR_ROTATION_FLAG_VACANCY:       return C_("rotation flag", "Vacancy too long");
    case GR_ROTATION_FLAG_IN_FIRST:      return C_("rotation flag", "Not in first");
    case GR_ROTATION_FLAG_MIN_RATIO:     return C_("rotation flag", "Below minimum");
    case GR_ROTATION_FLAG_FULL_MONTH:    return C_("rotation flag", "No full month");
    case GR_ROTATION_FLAG_AGE_LIMIT:     return C_("rotation flag", "Past age limit");
    case GR_ROTATION_FLAG_SHELF_LIFE:    return C_("rotation flag", "Past shelf life");
    case GR_ROTATION_FLAG_ABOVE_BALANCE: return C_("rotation flag", "Above balance");
    case GR_ROTATION_FLAG_BALANCE_SHARE: return C_("rotation flag", "Unbalanced share");
    default:                             return "";
    }
}

static char *
flag_line (const GrRotationFlag *flag)
{
  if (flag->article != NULL)
    /* TRANSLATORS: a rule problem and where the rule comes from → "……（东莞市政府储备粮管理办法 第十七条）" */
    return g_strdup_printf (_("%s (%s %s)"), flag->message, flag->document ? flag->document : "", flag->article);
  return g_strdup (flag->message);
}

static void
refresh_items (GrRotationPlanWindow *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  guint selected = gtk_single_selection_get_selected (self->selection);

  for (guint i = 0; self->plan != NULL && i < self->plan->items->len; i++)
    {
      GrRotationItem *item = self->plan->items->pdata[i];
      const Choice *lot = find_lot (self, item->lot, NULL);
      g_autofree char *quantity = gr_format_tonnes (item->quantity_kg);
      g_autofree char *out = gr_month_index_format (item->out_month);
      g_autofree char *in = gr_month_index_format (item->in_month);
      g_autofree char *reason = NULL;
      GString *flags = g_string_new (NULL);
      const char *texts[GR_PLAN_ITEM_N_COLUMNS];

      for (guint f = 0; self->flags != NULL && f < self->flags->len; f++)
        {
          GrRotationFlag *flag = self->flags->pdata[f];

          if (flag->item != i)
            continue;
          if (flags->len > 0)
            g_string_append (flags, " · ");
          g_string_append (flags, flag_name (flag->kind));
        }
      reason = item->vacancy_extension_approved
               /* TRANSLATORS: a reason followed by the approved vacancy extension → "到期轮换（已批准延长架空期）" */
               ? g_strdup_printf (_("%s (extension approved)"), item->reason ? item->reason : "")
               : g_strdup (item->reason ? item->reason : "");
      texts[GR_PLAN_ITEM_COLUMN_LOT] = lot ? lot->name : item->lot;
      texts[GR_PLAN_ITEM_COLUMN_QUANTITY] = quantity;
      texts[GR_PLAN_ITEM_COLUMN_OUT] = out;
      texts[GR_PLAN_ITEM_COLUMN_IN] = in;
      texts[GR_PLAN_ITEM_COLUMN_REASON] = reason;
      texts[GR_PLAN_ITEM_COLUMN_FLAGS] = flags->str;
      g_ptr_array_add (rows, gr_plan_item_row_new (i, texts, flags->len > 0));
      g_string_free (flags, TRUE);
    }
  self->updating = TRUE;
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)), rows->pdata, rows->len);
  if (selected < rows->len)
    gtk_single_selection_set_selected (self->selection, selected);
  self->updating = FALSE;
}

static void
refresh_flags_text (GrRotationPlanWindow *self)
{
  GString *text = g_string_new (NULL);
  guint n = self->flags ? self->flags->len : 0;
  g_autofree char *heading = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *line = flag_line (self->flags->pdata[i]);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "• %s", line);
    }
  if (n == 0)
    {
      heading = g_strdup (_("No rule problem"));
      g_string_append (text, _("Every item keeps the storage limits, the vacancy limit and the minimum stock as projected."));
      gtk_widget_remove_css_class (GTK_WIDGET (self->flags_heading), "error");
    }
  else
    {
      /* TRANSLATORS: heading of the list of the plan's rule problems */
      heading = g_strdup_printf (ngettext ("%u rule problem", "%u rule problems", n), n);
      gtk_widget_add_css_class (GTK_WIDGET (self->flags_heading), "error");
    }
  gtk_label_set_label (self->flags_heading, heading);
  gtk_label_set_label (self->flags_label, text->str);
  g_string_free (text, TRUE);
}

/* The projection under the items as they are now, against the minimum. */
static void
refresh_chart (GrRotationPlanWindow *self)
{
  g_autoptr(GrChartData) data = gr_chart_data_new ();
  g_autoptr(GArray) months = NULL;
  g_autoptr(GArray) minima = g_array_new (FALSE, FALSE, sizeof (double));
  GrThresholdLayer *lines = GR_THRESHOLD_LAYER (gr_chart_find_layer (self->chart, GR_TYPE_THRESHOLD_LAYER));
  const char *categories[13] = { NULL };
  double lowest = INFINITY;

  if (self->projection == NULL || self->plan == NULL)
    return;
  months = gr_projection_run (self->projection, self->plan->items);
  for (int m = 0; m < 12; m++)
    categories[m] = gr_timeline_month_name (m + 1);
  gr_chart_data_set_categories (data, categories);
  /* TRANSLATORS: heading of the month column of the chart's table, 月份 */
  gr_chart_data_set_category_title (data, _("Month"));
  gr_chart_data_set_percent (data, TRUE);
  gr_chart_data_set_decimals (data, 1);

  for (guint i = 0; i + 12 <= months->len; i += 12)
    {
      const GrProjectionMonth *first = &g_array_index (months, GrProjectionMonth, i);
      const char *key = first->plan ? first->plan : first->enterprise;
      const char *name = g_hash_table_lookup (self->series_names, key);
      double values[12];
      g_autoptr(GrChartSeries) series = NULL;

      for (guint m = 0; m < 12; m++)
        {
          const GrProjectionMonth *pm = &g_array_index (months, GrProjectionMonth, i + m);

          values[m] = pm->plan_kg > 0 ? pm->ratio : NAN;
          if (pm->checked && pm->plan_kg > 0)
            {
              double minimum = pm->required_kg100 / 100.0 / pm->plan_kg;
              gboolean seen = FALSE;

              for (guint k = 0; k < minima->len; k++)
                seen |= fabs (g_array_index (minima, double, k) - minimum) < 1e-6;
              if (!seen)
                g_array_append_val (minima, minimum);
              lowest = MIN (lowest, minimum);
            }
        }
      series = gr_chart_series_new (name ? name : key, GR_CHART_COLOR_AUTO, values, 12);
      gr_chart_data_add_series (data, series);
    }
  gr_chart_set_data (self->chart, data);

  gr_threshold_layer_clear (lines);
  if (isfinite (lowest))
    gr_threshold_layer_add_band (lines, -INFINITY, lowest,
                                 /* TRANSLATORS: the shaded band under the minimum line, 低于最低库存比例 */
                                 _("Below the minimum stock ratio"), GR_CHART_COLOR_ERROR);
  for (guint k = 0; k < minima->len; k++)
    {
      double minimum = g_array_index (minima, double, k);
      /* TRANSLATORS: a threshold line of the projection chart: the profile's minimum → "最低 70%" */
      g_autofree char *label = g_strdup_printf (_("Minimum %g%%"), round (minimum * 1000) / 10);

      gr_threshold_layer_add_line (lines, minimum, label, GR_CHART_COLOR_ERROR);
    }
  gr_chart_frame_set_subtitle (self->chart_frame,
                               gr_projection_any_time (self->projection)
                               ? _("Lowest stock during each month under the items, as a share of the plan; the rule applies at any time")
                               : _("Stock at each month end under the items, as a share of the plan; the rule applies at month ends"));
}

static void
mark_changed (GrRotationPlanWindow *self)
{
  self->dirty = TRUE;
  refresh_items (self);
  refresh_chart (self);
  queue_flags (self);
  update_state (self);
}

static char *
trail_text (const GrRotationPlan *plan)
{
  GString *text = g_string_new (NULL);

  if (plan->submitted_on != NULL)
    {
      g_autofree char *date = gr_format_iso_date (plan->submitted_on);

      /* TRANSLATORS: who submitted the plan and when → "由 张三 于 2026年12月10日提交" */
      g_string_append_printf (text, _("Submitted by %s on %s"), plan->submitted_by ? plan->submitted_by : "—", date);
    }
  if (plan->approved_on != NULL)
    {
      g_autofree char *date = gr_format_iso_date (plan->approved_on);

      if (text->len > 0)
        g_string_append (text, " · ");
      /* TRANSLATORS: who approved the plan and when */
      g_string_append_printf (text, _("approved by %s on %s"), plan->approved_by ? plan->approved_by : "—", date);
    }
  if (plan->returned_on != NULL)
    {
      g_autofree char *date = gr_format_iso_date (plan->returned_on);

      if (text->len > 0)
        g_string_append (text, " · ");
      /* TRANSLATORS: who last returned the plan and when */
      g_string_append_printf (text, _("returned by %s on %s"), plan->returned_by ? plan->returned_by : "—", date);
    }
  if (plan->comment != NULL)
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      /* TRANSLATORS: the comment of the plan's latest step → "意见：……" */
      g_string_append_printf (text, _("“%s”"), plan->comment);
    }
  if (text->len == 0)
    g_string_append (text, plan->id ? _("Not submitted yet") : _("A new plan: nothing saved yet"));
  return g_string_free (text, FALSE);
}

/* Beside the state badge: what became of the plan's latest local change,
 * in the lot view's words; hidden for a plan with none. */
static void
update_sync (GrRotationPlanWindow *self)
{
  GrRecordSyncState state = self->sync ? self->sync->state : GR_RECORD_SYNC_NONE;
  g_autofree char *text = NULL;
  g_autofree char *tip = NULL;

  gtk_widget_set_visible (self->sync_box, state != GR_RECORD_SYNC_NONE);
  if (state == GR_RECORD_SYNC_NONE)
    return;
  text = gr_sync_record_state_text (state, self->sync->code, self->sync->reason);
  tip = gr_sync_record_state_tooltip (state, self->sync->reason);
  gtk_image_set_from_icon_name (self->sync_icon, gr_sync_record_state_icon (state));
  gtk_widget_remove_css_class (GTK_WIDGET (self->sync_icon), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->sync_icon), "warning");
  if (state == GR_RECORD_SYNC_REJECTED)
    gtk_widget_add_css_class (GTK_WIDGET (self->sync_icon), "error");
  else if (state == GR_RECORD_SYNC_CONFLICT)
    gtk_widget_add_css_class (GTK_WIDGET (self->sync_icon), "warning");
  gtk_label_set_label (self->sync_label, text);
  gtk_widget_set_tooltip_text (self->sync_box, tip);
}

static void
update_state (GrRotationPlanWindow *self)
{
  gboolean company = self->role == GR_ROLE_COMPANY;
  gboolean bureau = self->role == GR_ROLE_BUREAU;
  gboolean can_edit = editable (self);
  gboolean submitted = self->plan != NULL && self->plan->state == GR_ROTATION_SUBMITTED;
  guint selected = gtk_single_selection_get_selected (self->selection);
  gboolean has_selection = self->plan != NULL && selected < self->plan->items->len;
  static const char * const classes[] = { "violation", "warning", "info", "zero", NULL };
  const char *state_class;
  g_autofree char *role = NULL;

  gtk_widget_set_visible (self->propose_button, company);
  gtk_widget_set_visible (self->save_button, company);
  gtk_widget_set_visible (self->submit_button, company);
  gtk_widget_set_visible (self->approve_button, bureau);
  gtk_widget_set_visible (self->return_button, bureau);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.propose", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.save", can_edit && self->dirty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.submit", can_edit && self->plan->items->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.add-item", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.update-item", can_edit && has_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.remove-item", can_edit && has_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.approve", bureau && submitted && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.return", bureau && submitted && !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->item_group), can_edit);

  /* TRANSLATORS: who this desk acts as (the local role setting) → "身份：承储企业" */
  role = g_strdup_printf (_("Acting as %s"), gr_role_name (self->role));
  gtk_label_set_label (self->role_label, role);

  if (self->plan == NULL)
    return;
  switch (self->plan->state)
    {
    case GR_ROTATION_APPROVED:  state_class = "zero"; break;
    case GR_ROTATION_SUBMITTED: state_class = "info"; break;
    case GR_ROTATION_RETURNED:  state_class = "violation"; break;
    case GR_ROTATION_DRAFT:
    default:                    state_class = "warning"; break;
    }
  for (guint i = 0; classes[i] != NULL; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label), state_class);
  if (self->dirty)
    {
      /* TRANSLATORS: the plan's state with changes not saved yet → "草稿（未保存）" */
      g_autofree char *text = g_strdup_printf (_("%s (not saved)"), gr_rotation_state_name (self->plan->state));

      gtk_label_set_label (self->state_label, text);
    }
  else
    gtk_label_set_label (self->state_label, gr_rotation_state_name (self->plan->state));
  {
    g_autofree char *trail = trail_text (self->plan);

    gtk_label_set_label (self->trail_label, trail);
  }
  update_sync (self);
}

static void
update_title (GrRotationPlanWindow *self)
{
  const char *name = self->enterprise;
  g_autofree char *subtitle = NULL;

  for (guint i = 0; self->enterprises != NULL && i < self->enterprises->len; i++)
    {
      Choice *e = self->enterprises->pdata[i];

      if (g_strcmp0 (e->id, self->enterprise) == 0)
        name = e->name;
    }
  /* TRANSLATORS: the editor's subtitle: enterprise, year → "市储备粮公司 · 2027 年度" */
  subtitle = g_strdup_printf (_("%s · %d"), name ? name : "", self->year);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

/*
 * Reading and checking
 */

static void flags_done_cb (GObject *object, GAsyncResult *result, gpointer user_data);

static gboolean
flags_timeout_cb (gpointer user_data)
{
  GrRotationPlanWindow *self = user_data;
  FlagsJob *job;

  self->flags_id = 0;
  if (self->plan == NULL || self->profile == NULL)
    return G_SOURCE_REMOVE;
  g_cancellable_cancel (self->flags_cancellable);
  g_clear_object (&self->flags_cancellable);
  self->flags_cancellable = g_cancellable_new ();
  job = g_new0 (FlagsJob, 1);
  job->profile = gr_profile_ref (self->profile);
  job->plan = gr_rotation_plan_copy (self->plan);
  gr_store_task_run_async (self, self->db_path, flags_worker, job, flags_job_free,
                           (GDestroyNotify) g_ptr_array_unref, NULL, NULL, self->flags_cancellable,
                           flags_done_cb, NULL);
  return G_SOURCE_REMOVE;
}

/* The flags read the store (balances, limits): after a pause in editing. */
static void
queue_flags (GrRotationPlanWindow *self)
{
  g_clear_handle_id (&self->flags_id, g_source_remove);
  self->flags_id = g_timeout_add (200, flags_timeout_cb, self);
}

static void
flags_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GrRotationPlanWindow *self = GR_ROTATION_PLAN_WINDOW (object);
  g_autoptr(GError) error = NULL;
  GPtrArray *flags = gr_store_task_run_finish (result, &error);

  if (is_cancelled (error))
    return;
  if (flags == NULL)
    {
      set_message (self, error->message, "error");
      return;
    }
  g_clear_pointer (&self->flags, g_ptr_array_unref);
  self->flags = flags;
  refresh_items (self);
  refresh_flags_text (self);
  self->n_checks++;
}

static void
fill_enterprises (GrRotationPlanWindow *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint position = 0;

  self->updating = TRUE;
  for (guint i = 0; i < self->enterprises->len; i++)
    {
      Choice *e = self->enterprises->pdata[i];

      gtk_string_list_append (list, e->name);
      if (g_strcmp0 (e->id, self->enterprise) == 0)
        position = i;
    }
  gtk_drop_down_set_model (self->enterprise_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->enterprise_dropdown, position);
  self->updating = FALSE;
}

static void
fill_lots (GrRotationPlanWindow *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; i < self->lots->len; i++)
    gtk_string_list_append (list, ((Choice *) self->lots->pdata[i])->name);
  adw_combo_row_set_model (self->lot_row, G_LIST_MODEL (list));
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GrRotationPlanWindow *self = GR_ROTATION_PLAN_WINDOW (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(Loaded) l = gr_store_task_run_finish (result, &error);

  if (is_cancelled (error))
    return;
  set_busy (self, FALSE);
  if (l == NULL)
    {
      set_message (self, error->message, "error");
      return;
    }
  g_clear_pointer (&self->profile, gr_profile_unref);
  self->profile = g_steal_pointer (&l->profile);
  g_clear_pointer (&self->enterprises, g_ptr_array_unref);
  self->enterprises = g_steal_pointer (&l->enterprises);
  g_free (self->enterprise);
  self->enterprise = g_steal_pointer (&l->enterprise);
  g_clear_pointer (&self->plan, gr_rotation_plan_free);
  self->plan = g_steal_pointer (&l->plan);
  g_clear_pointer (&self->sync, gr_sync_change_free);
  self->sync = g_steal_pointer (&l->sync);
  g_clear_pointer (&self->projection, gr_projection_free);
  self->projection = g_steal_pointer (&l->projection);
  g_clear_pointer (&self->lots, g_ptr_array_unref);
  self->lots = g_steal_pointer (&l->lots);
  g_clear_pointer (&self->series_names, g_hash_table_unref);
  self->series_names = g_steal_pointer (&l->series_names);
  g_clear_pointer (&self->flags, g_ptr_array_unref);
  self->dirty = FALSE;

  fill_enterprises (self);
  fill_lots (self);
  update_title (self);
  set_message (self, self->plan->state == GR_ROTATION_RETURNED && self->plan->comment
                     ? self->plan->comment : NULL, "warning");
  refresh_items (self);
  refresh_flags_text (self);
  refresh_chart (self);
  queue_flags (self);
  update_state (self);
  self->n_loads++;
}

static void
load (GrRotationPlanWindow *self)
{
  LoadJob *job = g_new0 (LoadJob, 1);

  job->enterprise = g_strdup (self->enterprise);
  job->year = self->year;
  g_clear_handle_id (&self->flags_id, g_source_remove);
  g_cancellable_cancel (self->flags_cancellable);
  set_busy (self, TRUE);
  gr_store_task_run_async (self, self->db_path, load_worker, job, load_job_free, loaded_free,
                           NULL, NULL, self->cancellable, load_done_cb, NULL);
}

/*
 * Writing
 */

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GrRotationPlanWindow *self = GR_ROTATION_PLAN_WINDOW (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(Written) written = gr_store_task_run_finish (result, &error);

  if (is_cancelled (error))
    return;
  set_busy (self, FALSE);
  if (written == NULL)
    {
      /* The window stays open on what was typed, with the reason. */
      self->close_after_save = FALSE;
      set_message (self, error->message, "error");
      return;
    }
  gr_rotation_plan_free (self->plan);
  self->plan = g_steal_pointer (&written->plan);
  g_clear_pointer (&self->sync, gr_sync_change_free);
  self->sync = g_steal_pointer (&written->sync);
  self->dirty = FALSE;
  set_message (self, NULL, NULL);
  refresh_items (self);
  refresh_chart (self);
  queue_flags (self);
  update_state (self);
  self->n_writes++;
  g_signal_emit (self, signals [CHANGED], 0);
  if (self->close_after_save)
    gtk_window_close (GTK_WINDOW (self));
}

static void
run_write (GrRotationPlanWindow *self,
           WriteKind             kind,
           const char           *comment)
{
  WriteJob *job;

  if (self->plan == NULL || self->profile == NULL || self->busy)
    return;
  job = g_new0 (WriteJob, 1);
  job->profile = gr_profile_ref (self->profile);
  job->plan = gr_rotation_plan_copy (self->plan);
  job->kind = kind;
  job->role = self->role;
  job->comment = g_strdup (comment);
  job->today = g_strdup (self->today);
  set_busy (self, TRUE);
  gr_store_task_run_async (self, self->db_path, write_worker, job, write_job_free,
                           written_free, NULL, NULL, self->cancellable,
                           write_done_cb, NULL);
}

static void
propose_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GrRotationPlanWindow *self = GR_ROTATION_PLAN_WINDOW (object);
  g_autoptr(GError) error = NULL;
  Proposal *p = gr_store_task_run_finish (result, &error);

  if (is_cancelled (error))
    return;
  set_busy (self, FALSE);
  if (p == NULL)
    {
      set_message (self, error->message, "error");
      return;
    }
  /* The proposal's items replace the draft's; its state, id and trail stay. */
  g_ptr_array_set_size (self->plan->items, 0);
  for (guint i = 0; i < p->plan->items->len; i++)
    gr_rotation_plan_add_item (self->plan, gr_rotation_item_copy (p->plan->items->pdata[i]));
  if (p->problems != NULL)
    {
      /* TRANSLATORS: above the planner's problems, when no plan meets every rule */
      g_autofree char *text = g_strdup_printf ("%s\n%s", _("No plan meets every rule; this is the least bad one:"),
                                               p->problems);

      set_message (self, text, "warning");
    }
  else
    {
      g_autofree char *text =
        /* TRANSLATORS: after the planner filled the plan: the number of items */
        g_strdup_printf (ngettext ("The planner proposed %u item, with its reason; check and edit it, then submit.",
                                   "The planner proposed %u items, each with its reason; check and edit them, then submit.",
                                   self->plan->items->len), self->plan->items->len);

      set_message (self, text, "info");
    }
  proposal_free (p);
  mark_changed (self);
}

/*
 * The item form
 */

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static GrRotationItem *
read_form (GrRotationPlanWindow *self)
{
  g_autoptr(GError) error = NULL;
  guint position = adw_combo_row_get_selected (self->lot_row);
  const Choice *lot = self->lots && position < self->lots->len ? self->lots->pdata[position] : NULL;
  GrRotationItem *item;

  item = gr_rotation_item_parse (lot ? lot->id : "", text_of (self->quantity_row), text_of (self->out_row),
                                 text_of (self->in_row), text_of (self->reason_row),
                                 gtk_switch_get_active (self->extension_switch), &error);
  if (item == NULL)
    {
      gtk_label_set_label (self->item_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->item_error_label), TRUE);
      return NULL;
    }
  if (item->out_month / 12 != self->year)
    {
      g_autofree char *out = gr_month_index_format (item->out_month);

      /* TRANSLATORS: an item's out month outside the plan's year → "2028年1月 不在 2027 年度内：轮出月份须在计划年度内" */
      g_autofree char *text = g_strdup_printf (_("%s is not in %d: the out month must be in the plan’s year"),
                                               out, self->year);

      gtk_label_set_label (self->item_error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->item_error_label), TRUE);
      gr_rotation_item_free (item);
      return NULL;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->item_error_label), FALSE);
  return item;
}

static void
fill_form (GrRotationPlanWindow *self,
           const GrRotationItem *item)
{
  guint position = 0;
  g_autofree char *quantity = item ? gr_kg_to_tonnes_string (item->quantity_kg) : NULL;
  g_autofree char *out = item ? gr_month_index_to_iso (item->out_month) : NULL;
  g_autofree char *in = item ? gr_month_index_to_iso (item->in_month) : NULL;

  if (item != NULL && find_lot (self, item->lot, &position))
    adw_combo_row_set_selected (self->lot_row, position);
  gtk_editable_set_text (GTK_EDITABLE (self->quantity_row), quantity ? quantity : "");
  gtk_editable_set_text (GTK_EDITABLE (self->out_row), out ? out : "");
  gtk_editable_set_text (GTK_EDITABLE (self->in_row), in ? in : "");
  gtk_editable_set_text (GTK_EDITABLE (self->reason_row), item && item->reason ? item->reason : "");
  gtk_switch_set_active (self->extension_switch, item ? item->vacancy_extension_approved : FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->item_error_label), FALSE);
}

/*
 * Callbacks
 */

static void
selection_changed_cb (GrRotationPlanWindow *self)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  if (self->updating)
    return;
  if (self->plan != NULL && selected < self->plan->items->len)
    fill_form (self, self->plan->items->pdata[selected]);
  update_state (self);
}

static void enterprise_selected_cb (GrRotationPlanWindow *self);
static void year_changed_cb        (GrRotationPlanWindow *self);

/* Closing the window or opening another plan over items not saved yet
 * asks first: save, drop them, or go on editing. */
enum {
  PENDING_NONE,
  PENDING_CLOSE,
  PENDING_OTHER_PLAN,
};

static void
show_loaded_choice (GrRotationPlanWindow *self)
{
  self->updating = TRUE;
  gtk_spin_button_set_value (self->year_spin, self->year);
  self->updating = FALSE;
  if (self->enterprises != NULL)
    fill_enterprises (self);
}

static void
unsaved_response_cb (GrRotationPlanWindow *self,
                     const char           *response)
{
  guint pending = self->pending;

  self->pending = PENDING_NONE;
  if (g_strcmp0 (response, "save") == 0)
    {
      if (pending == PENDING_CLOSE)
        {
          self->close_after_save = TRUE;
          run_write (self, WRITE_SAVE, NULL);
        }
      else
        {
          /* Saved first; the other plan is chosen again once it is. */
          run_write (self, WRITE_SAVE, NULL);
          show_loaded_choice (self);
        }
      return;
    }
  if (g_strcmp0 (response, "discard") != 0)
    {
      show_loaded_choice (self);
      return;
    }
  self->dirty = FALSE;
  if (pending == PENDING_CLOSE)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  year_changed_cb (self);
  enterprise_selected_cb (self);
}

static gboolean
ask_unsaved (GrRotationPlanWindow *self,
             guint                 pending)
{
  GtkWidget *dialog;

  if (!self->dirty || self->plan == NULL || !gr_rotation_role_can_edit (self->role, self->plan->state))
    return FALSE;
  if (self->pending != PENDING_NONE)
    return TRUE;
  self->pending = pending;
  /* TRANSLATORS: asked when closing the plan editor or choosing another plan with unsaved items */
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes to the Plan?"),
                                   _("Items were added or changed and not saved. Unsaved changes are lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save", !self->busy);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (unsaved_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static gboolean
gr_rotation_plan_window_close_request (GtkWindow *window)
{
  GrRotationPlanWindow *self = GR_ROTATION_PLAN_WINDOW (window);

  if (ask_unsaved (self, PENDING_CLOSE))
    return TRUE;
  return GTK_WINDOW_CLASS (gr_rotation_plan_window_parent_class)->close_request (window);
}

static void
enterprise_selected_cb (GrRotationPlanWindow *self)
{
  guint position = gtk_drop_down_get_selected (self->enterprise_dropdown);
  Choice *e;

  if (self->updating || self->enterprises == NULL || position >= self->enterprises->len)
    return;
  e = self->enterprises->pdata[position];
  if (g_strcmp0 (e->id, self->enterprise) == 0)
    return;
  if (ask_unsaved (self, PENDING_OTHER_PLAN))
    return;
  g_free (self->enterprise);
  self->enterprise = g_strdup (e->id);
  load (self);
}

static void
year_changed_cb (GrRotationPlanWindow *self)
{
  int year = gtk_spin_button_get_value_as_int (self->year_spin);

  if (self->updating || year == self->year)
    return;
  if (ask_unsaved (self, PENDING_OTHER_PLAN))
    return;
  self->year = year;
  load (self);
}

/* The role of the window (the server's when signed in, else the
 * setting), or the setting for a window of its own. A desk whose role is
 * not set is the reserve company's for its rotation plan: it drafts and
 * submits; only the bureau approves or returns. */
static void
role_changed_cb (GrRotationPlanWindow *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autofree char *setting = NULL;
  const char *text;

  if (GR_IS_WINDOW (parent))
    text = gr_window_get_role (GR_WINDOW (parent));
  else
    text = setting = g_settings_get_string (self->settings, "role");
  if (text == NULL || *text == '\0' || !gr_role_from_string (text, &self->role))
    self->role = GR_ROLE_COMPANY;
  update_state (self);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GrPlanItemColumn column = GPOINTER_TO_UINT (user_data);
  GrPlanItemRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *text = gr_plan_item_row_get_text (row, column);

  gtk_label_set_label (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, *text ? text : NULL);
  if (column == GR_PLAN_ITEM_COLUMN_FLAGS && gr_plan_item_row_get_flagged (row))
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
}

static void
set_up_table (GrRotationPlanWindow *self)
{
  static const struct {
    const char *title;
    gboolean    expand;
    int         width;
  } columns[GR_PLAN_ITEM_N_COLUMNS] = {
    /* TRANSLATORS: columns of the rotation plan editor's table */
    [GR_PLAN_ITEM_COLUMN_LOT]      = { N_("Lot"), TRUE, 230 },
    [GR_PLAN_ITEM_COLUMN_QUANTITY] = { N_("Quantity"), FALSE, 90 },
    [GR_PLAN_ITEM_COLUMN_OUT]      = { N_("Out"), FALSE, 86 },
    [GR_PLAN_ITEM_COLUMN_IN]       = { N_("In"), FALSE, 86 },
    [GR_PLAN_ITEM_COLUMN_REASON]   = { N_("Reason"), TRUE, 140 },
    [GR_PLAN_ITEM_COLUMN_FLAGS]    = { N_("Rule Problems"), FALSE, 120 },
  };

  for (guint c = 0; c < GR_PLAN_ITEM_N_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GUINT_TO_POINTER (c));
      column = gtk_column_view_column_new (_(columns[c].title), factory);
      gtk_column_view_column_set_expand (column, columns[c].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, columns[c].width);
      gtk_column_view_append_column (self->item_table, column);
    }
  self->rows = g_list_store_new (GR_TYPE_PLAN_ITEM_ROW);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->item_table, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
set_up_chart (GrRotationPlanWindow *self)
{
  GtkWidget *chart = gr_chart_new_lines ();
  /* TRANSLATORS: title of the rotation plan's projection chart, 预计库存比例 */
  GtkWidget *frame = gr_chart_frame_new (_("Projected Stock Ratio"), chart);

  self->chart = GR_CHART (chart);
  self->chart_frame = GR_CHART_FRAME (frame);
  gr_chart_set_title (self->chart, _("Projected Stock Ratio"));
  gr_chart_set_include_zero (self->chart, TRUE);
  gtk_widget_set_size_request (chart, -1, 150);
  gtk_widget_add_css_class (frame, "card");
  gtk_box_append (GTK_BOX (self->chart_box), frame);
}

/*
 * Actions
 */

static void
item_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GrRotationPlanWindow *self = GR_ROTATION_PLAN_WINDOW (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GrRotationItem) item = gr_store_task_run_finish (result, &error);
  int index = GPOINTER_TO_INT (user_data) - 1;

  if (is_cancelled (error))
    return;
  set_busy (self, FALSE);
  if (item == NULL)
    {
      gtk_label_set_label (self->item_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->item_error_label), TRUE);
      return;
    }
  if (index < 0)
    {
      gr_rotation_plan_add_item (self->plan, g_steal_pointer (&item));
      mark_changed (self);
      gtk_single_selection_set_selected (self->selection, self->plan->items->len - 1);
    }
  else if ((guint) index < self->plan->items->len)
    {
      gr_rotation_item_free (self->plan->items->pdata[index]);
      self->plan->items->pdata[index] = g_steal_pointer (&item);
      mark_changed (self);
    }
}

static void
check_item (GrRotationPlanWindow *self,
            int                   index)
{
  GrRotationItem *item;
  ItemJob *job;

  if (!editable (self) || self->profile == NULL || (item = read_form (self)) == NULL)
    return;
  job = g_new0 (ItemJob, 1);
  job->profile = gr_profile_ref (self->profile);
  job->enterprise = g_strdup (self->enterprise);
  job->year = self->year;
  job->item = item;
  set_busy (self, TRUE);
  /* The index rides in user_data, + 1 so that a new item (-1) is 0. */
  gr_store_task_run_async (self, self->db_path, item_worker, job, item_job_free,
                           (GDestroyNotify) gr_rotation_item_free, NULL, NULL, self->cancellable,
                           item_done_cb, GINT_TO_POINTER (index + 1));
}

static void
add_item_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  check_item (GR_ROTATION_PLAN_WINDOW (widget), -1);
}

static void
update_item_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  GrRotationPlanWindow *self = GR_ROTATION_PLAN_WINDOW (widget);
  guint selected = gtk_single_selection_get_selected (self->selection);

  if (self->plan != NULL && selected < self->plan->items->len)
    check_item (self, (int) selected);
}

static void
remove_item_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  GrRotationPlanWindow *self = GR_ROTATION_PLAN_WINDOW (widget);
  guint selected = gtk_single_selection_get_selected (self->selection);

  if (!editable (self) || selected >= self->plan->items->len)
    return;
  gr_rotation_item_free (self->plan->items->pdata[selected]);
  g_ptr_array_remove_index (self->plan->items, selected);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  fill_form (self, NULL);
  mark_changed (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  run_write (GR_ROTATION_PLAN_WINDOW (widget), WRITE_SAVE, NULL);
}

static void
submit_response_cb (GrRotationPlanWindow *self,
                    const char           *response)
{
  if (g_strcmp0 (response, "submit") == 0)
    run_write (self, WRITE_SUBMIT, NULL);
}

/* Submitting a plan that breaks a rule asks first, listing the reasons. */
static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  GrRotationPlanWindow *self = GR_ROTATION_PLAN_WINDOW (widget);
  GString *body;
  GtkWidget *dialog;

  if (!editable (self))
    return;
  if (self->flags == NULL || self->flags->len == 0)
    {
      run_write (self, WRITE_SUBMIT, NULL);
      return;
    }
  body = g_string_new (NULL);
  for (guint i = 0; i < self->flags->len; i++)
    {
      g_autofree char *line = flag_line (self->flags->pdata[i]);

      g_string_append_printf (body, "%s• %s", body->len ? "\n" : "", line);
    }
  /* TRANSLATORS: heading of the confirmation when submitting a plan with rule problems */
  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   ngettext ("Submit a Plan that Breaks a Rule?", "Submit a Plan that Breaks Rules?",
                                             self->flags->len),
                                   body->str);
  g_string_free (body, TRUE);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Editing"),
                                    "submit", _("_Submit Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "submit", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (submit_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
approve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  run_write (GR_ROTATION_PLAN_WINDOW (widget), WRITE_APPROVE, NULL);
}

static void
return_response_cb (AdwMessageDialog     *dialog,
                    const char           *response,
                    GrRotationPlanWindow *self)
{
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);

  if (g_strcmp0 (response, "return") == 0)
    run_write (self, WRITE_RETURN, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
comment_changed_cb (GtkEditable      *entry,
                    AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "return", *text != '\0');
}

/* The bureau says why it returns the plan. */
static void
return_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  GrRotationPlanWindow *self = GR_ROTATION_PLAN_WINDOW (widget);
  GtkWidget *dialog;
  GtkWidget *entry = gtk_entry_new ();

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Return the Plan?"),
                                   _("The company gets the plan back to change it. Say what needs changing."));
  /* TRANSLATORS: placeholder of the comment when returning a plan, 退回意见 */
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Comment"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "return", _("_Return"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "return", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "return", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "return");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (comment_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (return_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
propose_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  GrRotationPlanWindow *self = GR_ROTATION_PLAN_WINDOW (widget);
  ProposeJob *job;

  if (!editable (self) || self->profile == NULL)
    return;
  job = g_new0 (ProposeJob, 1);
  job->profile = gr_profile_ref (self->profile);
  job->enterprise = g_strdup (self->enterprise);
  job->year = self->year;
  set_busy (self, TRUE);
  gr_store_task_run_async (self, self->db_path, propose_worker, job, propose_job_free, proposal_free,
                           NULL, NULL, self->cancellable, propose_done_cb, NULL);
}

/*
 * GObject overrides
 */

static void
gr_rotation_plan_window_dispose (GObject *object)
{
  GrRotationPlanWindow *self = GR_ROTATION_PLAN_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->flags_cancellable);
  g_clear_handle_id (&self->flags_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), GR_TYPE_ROTATION_PLAN_WINDOW);

  G_OBJECT_CLASS (gr_rotation_plan_window_parent_class)->dispose (object);
}

static void
gr_rotation_plan_window_finalize (GObject *object)
{
  GrRotationPlanWindow *self = GR_ROTATION_PLAN_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->flags_cancellable);
  g_clear_object (&self->rows);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->profile, gr_profile_unref);
  g_clear_pointer (&self->enterprises, g_ptr_array_unref);
  g_clear_pointer (&self->lots, g_ptr_array_unref);
  g_clear_pointer (&self->series_names, g_hash_table_unref);
  g_clear_pointer (&self->plan, gr_rotation_plan_free);
  g_clear_pointer (&self->sync, gr_sync_change_free);
  g_clear_pointer (&self->projection, gr_projection_free);
  g_clear_pointer (&self->flags, g_ptr_array_unref);
  g_free (self->db_path);
  g_free (self->today);
  g_free (self->enterprise);
  g_free (self->message);

  G_OBJECT_CLASS (gr_rotation_plan_window_parent_class)->finalize (object);
}

static void
gr_rotation_plan_window_class_init (GrRotationPlanWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gr_rotation_plan_window_dispose;
  object_class->finalize = gr_rotation_plan_window_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = gr_rotation_plan_window_close_request;

  signals [CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gr_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/gr-rotation-plan-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GrRotationPlanWindow, approve_button);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPlanWindow, chart_box);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPlanWindow, enterprise_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPlanWindow, extension_switch);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPlanWindow, flags_heading);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPlanWindow, flags_label);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPlanWindow, in_row);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPlanWindow, item_error_label);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPlanWindow, item_group);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPlanWindow, item_table);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPlanWindow, lot_row);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPlanWindow, message_box);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPlanWindow, message_label);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPlanWindow, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPlanWindow, out_row);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPlanWindow, propose_button);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPlanWindow, quantity_row);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPlanWindow, reason_row);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPlanWindow, return_button);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPlanWindow, role_label);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPlanWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPlanWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPlanWindow, state_label);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPlanWindow, submit_button);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPlanWindow, sync_box);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPlanWindow, sync_icon);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPlanWindow, sync_label);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPlanWindow, trail_label);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPlanWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPlanWindow, year_spin);
  gtk_widget_class_bind_template_callback (widget_class, enterprise_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, year_changed_cb);

  gtk_widget_class_install_action (widget_class, "plan.add-item", NULL, add_item_action);
  gtk_widget_class_install_action (widget_class, "plan.update-item", NULL, update_item_action);
  gtk_widget_class_install_action (widget_class, "plan.remove-item", NULL, remove_item_action);
  gtk_widget_class_install_action (widget_class, "plan.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "plan.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "plan.approve", NULL, approve_action);
  gtk_widget_class_install_action (widget_class, "plan.return", NULL, return_action);
  gtk_widget_class_install_action (widget_class, "plan.propose", NULL, propose_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "plan.save", NULL);
}

static void
gr_rotation_plan_window_init (GrRotationPlanWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::role", G_CALLBACK (role_changed_cb), self, G_CONNECT_SWAPPED);
  set_up_table (self);
  set_up_chart (self);
  role_changed_cb (self);
}

/*
 * Public API
 */

GrRotationPlanWindow *
gr_rotation_plan_window_new (GtkWindow  *parent,
                             const char *db_path,
                             const char *enterprise,
                             int         year,
                             const char *today)
{
  GrRotationPlanWindow *self;

  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_object_new (GR_TYPE_ROTATION_PLAN_WINDOW, "transient-for", parent, NULL);
  self->db_path = g_strdup (db_path);
  self->enterprise = g_strdup (enterprise);
  self->year = year;
  self->today = g_strdup (today);
  self->updating = TRUE;
  gtk_spin_button_set_value (self->year_spin, year);
  self->updating = FALSE;
  if (GR_IS_WINDOW (parent))
    g_signal_connect_object (parent, "notify::role", G_CALLBACK (role_changed_cb), self, G_CONNECT_SWAPPED);
  role_changed_cb (self);
  load (self);
  return self;
}

const GrRotationPlan *
gr_rotation_plan_window_get_plan (GrRotationPlanWindow *self)
{
  g_return_val_if_fail (GR_IS_ROTATION_PLAN_WINDOW (self), NULL);
  return self->plan;
}

GPtrArray *
gr_rotation_plan_window_get_flags (GrRotationPlanWindow *self)
{
  g_return_val_if_fail (GR_IS_ROTATION_PLAN_WINDOW (self), NULL);
  return self->flags;
}

gboolean
gr_rotation_plan_window_get_busy (GrRotationPlanWindow *self)
{
  g_return_val_if_fail (GR_IS_ROTATION_PLAN_WINDOW (self), FALSE);
  return self->busy || self->flags_id != 0;
}

guint
gr_rotation_plan_window_get_n_loads (GrRotationPlanWindow *self)
{
  g_return_val_if_fail (GR_IS_ROTATION_PLAN_WINDOW (self), 0);
  return self->n_loads;
}

guint
gr_rotation_plan_window_get_n_checks (GrRotationPlanWindow *self)
{
  g_return_val_if_fail (GR_IS_ROTATION_PLAN_WINDOW (self), 0);
  return self->n_checks;
}

guint
gr_rotation_plan_window_get_n_writes (GrRotationPlanWindow *self)
{
  g_return_val_if_fail (GR_IS_ROTATION_PLAN_WINDOW (self), 0);
  return self->n_writes;
}

GtkColumnView *
gr_rotation_plan_window_get_table (GrRotationPlanWindow *self)
{
  g_return_val_if_fail (GR_IS_ROTATION_PLAN_WINDOW (self), NULL);
  return self->item_table;
}

GrChart *
gr_rotation_plan_window_get_chart (GrRotationPlanWindow *self)
{
  g_return_val_if_fail (GR_IS_ROTATION_PLAN_WINDOW (self), NULL);
  return self->chart;
}

const char *
gr_rotation_plan_window_get_message (GrRotationPlanWindow *self)
{
  g_return_val_if_fail (GR_IS_ROTATION_PLAN_WINDOW (self), NULL);
  return self->message;
}

const char *
gr_rotation_plan_window_get_sync_text (GrRotationPlanWindow *self)
{
  g_return_val_if_fail (GR_IS_ROTATION_PLAN_WINDOW (self), NULL);

  return gtk_widget_get_visible (self->sync_box) ? gtk_label_get_label (self->sync_label) : NULL;
}

void
gr_rotation_plan_window_fill_item (GrRotationPlanWindow *self,
                                   const char           *lot,
                                   const char           *quantity,
                                   const char           *out_month,
                                   const char           *in_month,
                                   const char           *reason,
                                   gboolean              extension)
{
  guint position = 0;

  g_return_if_fail (GR_IS_ROTATION_PLAN_WINDOW (self));

  if (find_lot (self, lot, &position))
    adw_combo_row_set_selected (self->lot_row, position);
  gtk_editable_set_text (GTK_EDITABLE (self->quantity_row), quantity ? quantity : "");
  gtk_editable_set_text (GTK_EDITABLE (self->out_row), out_month ? out_month : "");
  gtk_editable_set_text (GTK_EDITABLE (self->in_row), in_month ? in_month : "");
  gtk_editable_set_text (GTK_EDITABLE (self->reason_row), reason ? reason : "");
  gtk_switch_set_active (self->extension_switch, extension);
}

void
gr_rotation_plan_window_select_item (GrRotationPlanWindow *self,
                                     guint                 index)
{
  g_return_if_fail (GR_IS_ROTATION_PLAN_WINDOW (self));
  gtk_single_selection_set_selected (self->selection, index);
}
