/* test-gui-rotation.c: the Rotation page on the city demo (as of 2026-11-25)
 *
 * What the page shows is read back from its widgets and models and held
 * against the compliance engine's findings on the same database, and the
 * vacancies' first-in-first-out allocation against a matching the test
 * makes itself from the movements (DESIGN.md §4 rotation.vacancy: rotate-
 * outs open vacancies counted from the month after, rotate-ins of the
 * plan fill the oldest first; Dongguan 第十七条: 4 months).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "gr-demo.h"
#include "gr-format.h"
#include "gr-gui-test.h"
#include "gr-lot-detail.h"
#include "gr-movement-dialog.h"
#include "gr-rotation-entry.h"
#include "gr-rotation-page.h"
#include "gr-rotation-plan-window.h"
#include "gr-rules.h"
#include "gr-store.h"
#include "gr-timeline-node.h"

#define TODAY "2026-11-25"

static char *city_db;

static void
copy_city (GrGuiFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (city_db == NULL)
    {
      g_autoptr(GrStore) store = NULL;
      g_autofree char *dir = g_dir_make_tmp ("granary-city-XXXXXX", &error);

      g_assert_no_error (error);
      city_db = g_build_filename (dir, "city.db", NULL);
      store = gr_store_open (city_db, &error);
      g_assert_no_error (error);
      g_assert_true (gr_demo_generate (store, GR_DEMO_CITY, 1, 1.0, TODAY, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (gr_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
    }
  g_assert_true (g_file_get_contents (city_db, &contents, &length, &error));
  g_assert_true (g_file_set_contents (fixture->db_path, contents, length, &error));
  g_assert_no_error (error);
}

static GPtrArray *
engine_findings (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrStore) store = gr_store_open (db_path, &error);
  g_autoptr(GrProfile) profile = gr_profile_load ("dongguan-2025", &error);
  GPtrArray *findings;

  g_assert_no_error (error);
  findings = gr_rules_check (store, profile, TODAY, &error);
  g_assert_no_error (error);
  return findings;
}

static guint
count_findings (GPtrArray  *findings,
                const char *rule,
                GrSeverity  severity)
{
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    {
      GrFinding *f = findings->pdata[i];

      n += g_str_equal (f->rule, rule) && f->severity == severity;
    }
  return n;
}

typedef struct {
  guint shown;
  GrRotationPage *page;
} Wait;

static gboolean
page_shown (gpointer data)
{
  Wait *w = data;

  return !gr_rotation_page_get_busy (w->page) && gr_rotation_page_get_n_shown (w->page) > w->shown;
}

static void
wait_shown (GrRotationPage *page,
            guint           shown)
{
  Wait w = { shown, page };

  g_assert_true (gr_gui_wait (page_shown, &w, 30000));
  gr_gui_spin (50);
}

static GrRotationPage *
open_rotation (GrGuiFixture *fixture,
               GrWindow    **out_window)
{
  GrWindow *window;
  GrRotationPage *page;
  guint shown;

  copy_city (fixture);
  window = gr_gui_open_window (fixture, "rotation");
  g_assert_true (gr_gui_wait_view (window, "shell"));
  page = gr_window_get_rotation_page (window);
  g_assert_true (GR_IS_ROTATION_PAGE (page));
  shown = gr_rotation_page_get_n_shown (page);
  /* The demo's today, whatever the clock says. */
  gr_rotation_page_set_as_of (page, TODAY);
  wait_shown (page, shown);
  if (out_window != NULL)
    *out_window = window;
  return page;
}

/* An independent first-in-first-out matching of one plan's rotations:
 * (out day, quantity, the day it was filled or NULL). */
typedef struct {
  char   *out_day;
  gint64  quantity;
  gint64  left;
  char   *closed;
} TestVacancy;

static void
test_vacancy_clear (gpointer data)
{
  TestVacancy *v = data;

  g_free (v->out_day);
  g_free (v->closed);
}

static GArray *
fifo_of_plan (const char *db_path,
              const char *plan)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrStore) store = gr_store_open (db_path, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GArray *vacancies = g_array_new (FALSE, TRUE, sizeof (TestVacancy));
  guint first_open = 0;

  g_array_set_clear_func (vacancies, test_vacancy_clear);
  g_assert_no_error (error);
  /* Within a day rotate-outs before rotate-ins, rotate-outs by id. */
  stmt = gr_store_prepare (store,
                           "SELECT m.date, m.kind, m.quantity_kg FROM movements m JOIN lots l ON l.id = m.lot"
                           " WHERE l.plan = ?1 AND m.deleted = 0 AND m.kind IN ('rotate_out', 'rotate_in')"
                           "   AND m.date <= '" TODAY "'"
                           " ORDER BY m.date, m.kind = 'rotate_in', m.id", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, plan, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *date = (const char *) sqlite3_column_text (stmt, 0);
      gboolean out = g_str_equal ((const char *) sqlite3_column_text (stmt, 1), "rotate_out");
      gint64 q = sqlite3_column_int64 (stmt, 2);

      if (out)
        {
          TestVacancy v = { g_strdup (date), q, q, NULL };

          g_array_append_val (vacancies, v);
          continue;
        }
      while (q > 0 && first_open < vacancies->len)
        {
          TestVacancy *v = &g_array_index (vacancies, TestVacancy, first_open);
          gint64 take = MIN (q, v->left);

          v->left -= take;
          q -= take;
          if (v->left == 0)
            {
              v->closed = g_strdup (date);
              first_open++;
            }
        }
    }
  return vacancies;
}

/* A label or an inscription under root whose text contains text. */
static GtkWidget *
find_label_in (GtkWidget  *root,
               const char *text)
{
  const char *shown = NULL;

  if (GTK_IS_LABEL (root))
    shown = gtk_label_get_label (GTK_LABEL (root));
  else if (GTK_IS_INSCRIPTION (root))
    shown = gtk_inscription_get_text (GTK_INSCRIPTION (root));
  if (shown != NULL && strstr (shown, text) != NULL)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_in (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The summary, the lists and the timeline against the engine. */
static void
test_page (GrGuiFixture  *fixture,
           gconstpointer  data)
{
  GrRotationPage *page = open_rotation (fixture, NULL);
  g_autoptr(GPtrArray) findings = engine_findings (fixture->db_path);
  GListModel *vacancies = gr_rotation_page_get_vacancies (page);
  GListModel *orders = gr_rotation_page_get_orders (page);
  GListModel *rows = gr_timeline_view_get_model (gr_rotation_page_get_timeline_view (page));
  GtkWidget *summary = gr_rotation_page_get_summary (page);
  guint n_overdue = count_findings (findings, "age.limit", GR_SEVERITY_VIOLATION);
  guint n_late_vacancies = count_findings (findings, "rotation.vacancy", GR_SEVERITY_VIOLATION);
  guint n_late_orders = count_findings (findings, "release.replenish", GR_SEVERITY_VIOLATION);
  g_autofree char *overdue_text = NULL, *vacancy_text = NULL, *order_text = NULL;
  guint open = 0;

  g_assert_cmpstr (gr_rotation_page_get_view (page), ==, "main");

  /* 东莞 第十六条: the one lot the engine finds past its limit, and the
   * one whose 3 years end on 30 November (a warning due this year). */
  g_assert_cmpuint (n_overdue, ==, 1);
  overdue_text = g_strdup_printf ("%u lot overdue", n_overdue);
  g_assert_nonnull (gr_gui_find_label (summary, overdue_text));
  g_assert_nonnull (gr_gui_find_label (summary, "1 lot to rotate this year"));
  /* 东莞 第十七条 and 第三十七条: the late vacancies and the order short past 12 months. */
  vacancy_text = g_strdup_printf ("%u vacancies open, %u past their deadline", n_late_vacancies, n_late_vacancies);
  g_assert_nonnull (gr_gui_find_label (summary, vacancy_text));
  order_text = g_strdup_printf ("1 release to replenish, %u overdue", n_late_orders);
  g_assert_nonnull (gr_gui_find_label (summary, order_text));

  /* Open vacancies first, each the engine's: its due date and what is missing. */
  for (guint i = 0; i < g_list_model_get_n_items (vacancies); i++)
    {
      g_autoptr(GrRotationEntry) entry = g_list_model_get_item (vacancies, i);
      GrTimelineVacancy *v = gr_rotation_entry_get_vacancy (entry);
      g_autofree char *due = gr_timeline_day_to_iso (v->deadline);
      g_autofree char *missing = gr_format_tonnes (v->remaining_kg);
      gboolean found = FALSE;

      if (v->closed != GR_TIMELINE_NO_DAY)
        {
          /* Closed ones after the open ones, filled this year. */
          g_assert_cmpuint (i, >=, open);
          g_assert_cmpuint (v->closed, >=, gr_timeline_day_parse ("2026-01-01"));
          continue;
        }
      open++;
      for (guint j = 0; j < findings->len && !found; j++)
        {
          GrFinding *f = findings->pdata[j];

          found = g_str_equal (f->rule, "rotation.vacancy") && g_strcmp0 (f->due, due) == 0 &&
                  strstr (f->message, missing) != NULL;
        }
      g_assert_true (found);
    }
  g_assert_cmpuint (open, ==, n_late_vacancies);
  g_assert_cmpuint (g_list_model_get_n_items (vacancies), >, open);
  /* The list's rows say it: the open ones 56 days past 30 September. */
  g_assert_nonnull (find_label_in (GTK_WIDGET (gr_rotation_page_get_vacancy_list (page)), "56 days overdue"));
  g_assert_nonnull (find_label_in (GTK_WIDGET (gr_rotation_page_get_vacancy_list (page)), "still to rotate in"));

  /* Every vacancy of every plan as the test matches them itself. */
  {
    GrTimeline *timeline = gr_rotation_page_get_timeline (page);
    GPtrArray *all = gr_timeline_get_vacancies (timeline);
    g_autoptr(GHashTable) plans = g_hash_table_new (g_str_hash, g_str_equal);
    GHashTableIter iter;
    gpointer plan;
    guint checked = 0;

    for (guint i = 0; i < all->len; i++)
      g_hash_table_add (plans, (gpointer) ((GrTimelineVacancy *) all->pdata[i])->plan);
    g_hash_table_iter_init (&iter, plans);
    while (g_hash_table_iter_next (&iter, &plan, NULL))
      {
        g_autoptr(GArray) expected = fifo_of_plan (fixture->db_path, plan);
        guint k = 0;

        for (guint i = 0; i < all->len; i++)
          {
            GrTimelineVacancy *v = all->pdata[i];
            TestVacancy *e;
            g_autofree char *out = NULL, *closed = NULL;
            gint64 filled = 0;

            if (!g_str_equal (v->plan, plan))
              continue;
            g_assert_cmpuint (k, <, expected->len);
            e = &g_array_index (expected, TestVacancy, k++);
            out = gr_timeline_day_to_iso (v->out_day);
            closed = gr_timeline_day_to_iso (v->closed);
            g_assert_cmpstr (out, ==, e->out_day);
            g_assert_cmpint (v->quantity_kg, ==, e->quantity);
            g_assert_cmpint (v->remaining_kg, ==, e->left);
            g_assert_cmpstr (closed, ==, e->closed);
            for (guint j = 0; j < v->n_fills; j++)
              filled += v->fills[j].quantity_kg;
            g_assert_cmpint (filled + v->remaining_kg, ==, v->quantity_kg);
            checked++;
          }
        g_assert_cmpuint (k, ==, expected->len);
      }
    g_test_message ("%u vacancies matched first-in-first-out", checked);
    g_assert_cmpuint (checked, >, 1000);
  }

  /* The release order short past its 12 months (东莞 第三十七条). */
  g_assert_cmpuint (g_list_model_get_n_items (orders), ==, 1);
  {
    g_autoptr(GrRotationEntry) entry = g_list_model_get_item (orders, 0);
    GrTimelineOrder *o = gr_rotation_entry_get_order (entry);

    g_assert_cmpstr (o->id, ==, "rel-02");
    g_assert_cmpint (o->replenished_kg, ==, 0);
    g_assert_true (o->late);
    g_assert_nonnull (find_label_in (GTK_WIDGET (gr_rotation_page_get_order_list (page)), "80 days overdue"));
  }

  /* The timeline: depots open on the depot of the overdue lot. */
  {
    g_autoptr(GtkTreeListRow) first = g_list_model_get_item (rows, 0);
    g_autoptr(GrTimelineNode) node = gtk_tree_list_row_get_item (first);
    GrTimelineGroup *group = gr_timeline_node_get_group (node);

    g_assert_nonnull (group);
    g_assert_cmpint (group->kind, ==, GR_TIMELINE_GROUP_DEPOT);
    g_assert_cmpuint (group->n_life[GR_LIFE_OVERDUE], ==, 1);
    g_assert_cmpuint (gr_timeline_view_count_row_widgets (gr_rotation_page_get_timeline_view (page)), >, 5);
  }
}

static guint
count_lots (GListModel *rows,
            gboolean    attention_only)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GrTimelineNode) node = gtk_tree_list_row_get_item (row);
      GrTimelineLot *lot = gr_timeline_node_get_lot (node);

      if (lot != NULL)
        {
          n++;
          if (attention_only)
            g_assert_true (lot->attention);
        }
    }
  return n;
}

/* 需关注, an enterprise, grouping by plan, and opening a lot. */
static void
test_filters (GrGuiFixture  *fixture,
              gconstpointer  data)
{
  GrWindow *window;
  GrRotationPage *page = open_rotation (fixture, &window);
  GListModel *rows = gr_timeline_view_get_model (gr_rotation_page_get_timeline_view (page));
  guint all, attention, shown;

  all = count_lots (rows, FALSE);
  g_assert_cmpuint (all, >, 50);

  shown = gr_rotation_page_get_n_shown (page);
  gtk_widget_activate_action (GTK_WIDGET (page), "rotation.attention", NULL);
  wait_shown (page, shown);
  attention = count_lots (rows, TRUE);
  g_test_message ("%u lots, %u need attention", all, attention);
  g_assert_cmpuint (attention, <, all);
  /* At least the overdue lot, the one due this year and the lot whose
   * vacancies are open. */
  g_assert_cmpuint (attention, >=, 3);

  /* ent-04 has the short release order and no static plan: no vacancy. */
  shown = gr_rotation_page_get_n_shown (page);
  gr_rotation_page_set_filter (page, "ent-04", NULL, NULL);
  wait_shown (page, shown);
  g_assert_cmpuint (g_list_model_get_n_items (gr_rotation_page_get_vacancies (page)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (gr_rotation_page_get_orders (page)), ==, 1);
  g_assert_nonnull (gr_gui_find_label (gr_rotation_page_get_summary (page), "0 vacancies open"));

  /* By plan: enterprise, then its storage plans. */
  shown = gr_rotation_page_get_n_shown (page);
  gtk_widget_activate_action (GTK_WIDGET (page), "rotation.attention", NULL);
  gtk_widget_activate_action (GTK_WIDGET (page), "rotation.grouping", "s", "plan");
  wait_shown (page, shown);
  {
    g_autoptr(GtkTreeListRow) first = g_list_model_get_item (rows, 0);
    g_autoptr(GtkTreeListRow) second = g_list_model_get_item (rows, 1);
    g_autoptr(GrTimelineNode) a = gtk_tree_list_row_get_item (first);
    g_autoptr(GrTimelineNode) b = gtk_tree_list_row_get_item (second);

    g_assert_cmpint (gr_timeline_node_get_group (a)->kind, ==, GR_TIMELINE_GROUP_ENTERPRISE);
    g_assert_cmpstr (gr_timeline_node_get_group (a)->id, ==, "ent-04");
    g_assert_cmpint (gr_timeline_node_get_group (b)->kind, ==, GR_TIMELINE_GROUP_PLAN);
  }

  /* Activating a lot's row opens it on the Stock page. */
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GrTimelineNode) node = gtk_tree_list_row_get_item (row);
      GrTimelineLot *lot = gr_timeline_node_get_lot (node);
      g_autofree char *expected = NULL;

      if (lot == NULL)
        continue;
      expected = g_strdup_printf ("lot:%s", lot->id);
      g_signal_emit_by_name (gr_timeline_view_get_list_view (gr_rotation_page_get_timeline_view (page)), "activate", i);
      g_assert_cmpstr (gr_window_get_stock_filter (window), ==, expected);
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (gr_window_get_view_stack (window)), ==, "stock");
      break;
    }
}

typedef struct {
  GrMovementDialog *dialog;
  const char       *last;
} PreviewWait;

static gboolean
preview_changed (gpointer data)
{
  PreviewWait *w = data;
  const char *now = gr_movement_dialog_get_allocation (w->dialog);

  return now != NULL && now != w->last;
}

/* The movement dialog says which vacancies a rotate-in closes (东莞 第十七条,
 * first in first out) and which order a replenishment answers (第三十七条). */
static void
test_movement_preview (GrGuiFixture  *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrStore) store = NULL;
  g_autoptr(GrLotDetail) wheat = NULL;
  g_autoptr(GrLotDetail) rice = NULL;
  GrMovementDialog *dialog;
  GrWindow *window;
  PreviewWait w;
  const char *text;

  copy_city (fixture);
  window = gr_gui_open_window (fixture, "rotation");
  g_assert_true (gr_gui_wait_view (window, "shell"));
  store = gr_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  wheat = gr_lot_detail_load (store, "lot-000475", TODAY, &error);
  g_assert_no_error (error);
  rice = gr_lot_detail_load (store, "lot-000516", TODAY, &error);
  g_assert_no_error (error);

  /* lot-000475 is of plan-05, whose two rotate-outs of 6 and 7 May are
   * still open: 3,000 t closes the first (2,139.298 t) and goes 860.702 t
   * towards the second. */
  dialog = gr_movement_dialog_new (GTK_WINDOW (window), fixture->db_path, wheat, TODAY);
  gtk_window_present (GTK_WINDOW (dialog));
  w.dialog = dialog;
  w.last = NULL;
  gr_movement_dialog_fill (dialog, "rotate_in", TODAY, "3000");
  g_assert_true (gr_gui_wait (preview_changed, &w, 20000));
  text = gr_movement_dialog_get_allocation (dialog);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "2,139.298 t will close the vacancy"));
  g_assert_nonnull (strstr (text, "2026-05-06"));
  g_assert_nonnull (strstr (text, "860.702 t will go to the vacancy"));
  g_assert_nonnull (strstr (text, "1,864.156 t will still be missing"));

  /* An intake answers nothing: no preview. */
  gr_movement_dialog_fill (dialog, "intake", NULL, NULL);
  gr_gui_spin (600);
  g_assert_null (gr_movement_dialog_get_allocation (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* ent-04's rice: the order of 2025-09-06 is short of all its 1,600 t. */
  dialog = gr_movement_dialog_new (GTK_WINDOW (window), fixture->db_path, rice, TODAY);
  gtk_window_present (GTK_WINDOW (dialog));
  w.dialog = dialog;
  w.last = NULL;
  gr_movement_dialog_fill (dialog, "replenish", TODAY, "600");
  g_assert_true (gr_gui_wait (preview_changed, &w, 20000));
  text = gr_movement_dialog_get_allocation (dialog);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "600 t will count towards release order 清发改粮储〔2025〕15号"));
  g_assert_nonnull (strstr (text, "1,000 t will still be short"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

typedef struct {
  GrRotationPlanWindow *window;
  guint                 loads;
  guint                 checks;
  guint                 writes;
} EditorWait;

static gboolean
editor_settled (gpointer data)
{
  EditorWait *w = data;

  return !gr_rotation_plan_window_get_busy (w->window) &&
         gr_rotation_plan_window_get_n_loads (w->window) >= w->loads &&
         gr_rotation_plan_window_get_n_checks (w->window) >= w->checks &&
         gr_rotation_plan_window_get_n_writes (w->window) >= w->writes;
}

/* Waits for at least one more load, check or write than now. */
static void
wait_editor (GrRotationPlanWindow *window,
             guint                 loads,
             guint                 checks,
             guint                 writes)
{
  EditorWait w = {
    window,
    gr_rotation_plan_window_get_n_loads (window) + loads,
    gr_rotation_plan_window_get_n_checks (window) + checks,
    gr_rotation_plan_window_get_n_writes (window) + writes,
  };

  g_assert_true (gr_gui_wait (editor_settled, &w, 30000));
  gr_gui_spin (30);
}

typedef struct {
  GtkWindow  *window;
  const char *response;
} DialogWait;

/* The open message dialog of window offering response (an answered one
 * may still be closing). */
static AdwMessageDialog *
find_dialog (GtkWindow  *window,
             const char *response)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_window_get_transient_for (toplevel) == window &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)) &&
          adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (toplevel), response))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
has_dialog (gpointer data)
{
  DialogWait *w = data;

  return find_dialog (w->window, w->response) != NULL;
}

static AdwMessageDialog *
wait_dialog (GrRotationPlanWindow *editor,
             const char           *response)
{
  DialogWait w = { GTK_WINDOW (editor), response };

  g_assert_true (gr_gui_wait (has_dialog, &w, 5000));
  return find_dialog (GTK_WINDOW (editor), response);
}

static gboolean
has_flag (GrRotationPlanWindow *window,
          guint                 item,
          GrRotationFlagKind    kind)
{
  GPtrArray *flags = gr_rotation_plan_window_get_flags (window);

  for (guint i = 0; flags != NULL && i < flags->len; i++)
    {
      GrRotationFlag *flag = flags->pdata[i];

      if (flag->item == item && flag->kind == kind)
        return TRUE;
    }
  return FALSE;
}

static void
set_role (const char *role)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.granary.Granary");

  g_settings_set_string (settings, "role", role);
}

/* The annual plan of 英德市穗丰 for 2027: an item for the lot already past
 * its limit (东莞 第十六条) is flagged; a quantity above the lot's balance
 * is refused; submitting asks first, listing the reasons; the bureau
 * returns it with a comment, the company submits it again, the bureau
 * approves; who and when are kept. */
static void
test_plan_editor (GrGuiFixture  *fixture,
                  gconstpointer  data)
{
  GrRotationPlanWindow *editor;
  GrWindow *window;
  AdwMessageDialog *dialog;
  const GrRotationPlan *plan;
  GrThresholdLayer *lines;
  g_autofree char *state = NULL;
  g_autofree char *comment = NULL;

  copy_city (fixture);
  set_role ("company");
  window = gr_gui_open_window (fixture, "rotation");
  g_assert_true (gr_gui_wait_view (window, "shell"));
  editor = gr_rotation_plan_window_new (GTK_WINDOW (window), fixture->db_path, "ent-02", 2027, TODAY);
  gtk_window_present (GTK_WINDOW (editor));
  wait_editor (editor, 1, 1, 0);

  plan = gr_rotation_plan_window_get_plan (editor);
  g_assert_cmpstr (plan->enterprise, ==, "ent-02");
  g_assert_cmpint (plan->year, ==, 2027);
  g_assert_cmpint (plan->state, ==, GR_ROTATION_DRAFT);
  g_assert_cmpuint (plan->items->len, ==, 0);
  /* 东莞 第十五条: the projection is the enterprise's, against 70 %. */
  lines = GR_THRESHOLD_LAYER (gr_chart_find_layer (gr_rotation_plan_window_get_chart (editor), GR_TYPE_THRESHOLD_LAYER));
  g_assert_cmpuint (gr_threshold_layer_get_n_lines (lines), ==, 1);
  g_assert_cmpuint (gr_chart_data_get_n_series (gr_chart_get_data (gr_rotation_plan_window_get_chart (editor))), ==, 1);
  g_assert_false (gtk_widget_get_visible (gr_gui_find_button (GTK_WIDGET (editor), "plan.approve")));

  /* A quantity above what the lot holds is refused, one line, nothing added. */
  gr_rotation_plan_window_fill_item (editor, "lot-000395", "9000", "2027-03", "2027-03", "到期轮换", FALSE);
  gtk_widget_activate_action (GTK_WIDGET (editor), "plan.add-item", NULL);
  wait_editor (editor, 0, 0, 0);
  g_assert_cmpuint (plan->items->len, ==, 0);
  g_assert_nonnull (gr_gui_find_label_containing (GTK_WIDGET (editor), "is more than the lot has in 2027 (5,780 t)"));

  /* The lot entered 2023-11 and its 3 years ended in October 2026:
   * rotating it out in March 2027 passes the limit (东莞 第十六条). */
  gr_rotation_plan_window_fill_item (editor, "lot-000395", "5780", "2027-03", "2027-03", "到期轮换", FALSE);
  gtk_widget_activate_action (GTK_WIDGET (editor), "plan.add-item", NULL);
  wait_editor (editor, 0, 1, 0);
  plan = gr_rotation_plan_window_get_plan (editor);
  g_assert_cmpuint (plan->items->len, ==, 1);
  g_assert_cmpint (((GrRotationItem *) plan->items->pdata[0])->quantity_kg, ==, 5780000);
  g_assert_true (has_flag (editor, 0, GR_ROTATION_FLAG_AGE_LIMIT));
  g_assert_nonnull (gr_gui_find_label (GTK_WIDGET (gr_rotation_plan_window_get_table (editor)), "Past age limit"));

  /* Submitting asks first, listing the reason. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "plan.submit", NULL);
  dialog = wait_dialog (editor, "submit");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "第十六条"));
  adw_message_dialog_response (dialog, "submit");
  wait_editor (editor, 0, 0, 1);
  plan = gr_rotation_plan_window_get_plan (editor);
  g_assert_cmpint (plan->state, ==, GR_ROTATION_SUBMITTED);
  g_assert_cmpstr (plan->submitted_on, ==, TODAY);
  state = gr_gui_query_text (fixture->db_path, "SELECT state FROM rotation_plans WHERE enterprise = 'ent-02' AND year = 2027");
  g_assert_cmpstr (state, ==, "submitted");
  /* A demo records nothing for sync: no sync state beside the badge. */
  g_assert_null (gr_rotation_plan_window_get_sync_text (editor));
  /* The company may not change a submitted plan, nor approve it. */
  g_assert_false (gtk_widget_is_sensitive (gr_gui_find_button (GTK_WIDGET (editor), "plan.add-item")));
  g_assert_false (gtk_widget_get_visible (gr_gui_find_button (GTK_WIDGET (editor), "plan.approve")));

  /* The bureau returns it, with a comment (required). */
  set_role ("bureau");
  gr_gui_spin (50);
  g_assert_true (gtk_widget_get_visible (gr_gui_find_button (GTK_WIDGET (editor), "plan.approve")));
  g_assert_false (gtk_widget_get_visible (gr_gui_find_button (GTK_WIDGET (editor), "plan.submit")));
  gtk_widget_activate_action (GTK_WIDGET (editor), "plan.return", NULL);
  dialog = wait_dialog (editor, "return");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "return"));
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "请说明超期原因");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "return"));
  adw_message_dialog_response (dialog, "return");
  wait_editor (editor, 0, 0, 1);
  plan = gr_rotation_plan_window_get_plan (editor);
  g_assert_cmpint (plan->state, ==, GR_ROTATION_RETURNED);
  g_assert_cmpstr (plan->comment, ==, "请说明超期原因");
  g_assert_cmpstr (plan->returned_on, ==, TODAY);

  /* The company submits it again; the bureau approves. */
  set_role ("company");
  gr_gui_spin (50);
  g_assert_true (gtk_widget_is_sensitive (gr_gui_find_button (GTK_WIDGET (editor), "plan.add-item")));
  gtk_widget_activate_action (GTK_WIDGET (editor), "plan.submit", NULL);
  adw_message_dialog_response (wait_dialog (editor, "submit"), "submit");
  wait_editor (editor, 0, 0, 1);
  g_assert_cmpint (gr_rotation_plan_window_get_plan (editor)->state, ==, GR_ROTATION_SUBMITTED);
  set_role ("bureau");
  gr_gui_spin (50);
  gtk_widget_activate_action (GTK_WIDGET (editor), "plan.approve", NULL);
  wait_editor (editor, 0, 0, 1);
  plan = gr_rotation_plan_window_get_plan (editor);
  g_assert_cmpint (plan->state, ==, GR_ROTATION_APPROVED);
  g_assert_cmpstr (plan->approved_on, ==, TODAY);
  g_assert_nonnull (plan->approved_by);
  g_free (state);
  state = gr_gui_query_text (fixture->db_path, "SELECT state FROM rotation_plans WHERE enterprise = 'ent-02' AND year = 2027");
  g_assert_cmpstr (state, ==, "approved");
  comment = gr_gui_query_text (fixture->db_path, "SELECT count(*) FROM rotation_plan_items i JOIN rotation_plans r"
                                                 " ON r.id = i.parent WHERE r.enterprise = 'ent-02' AND r.year = 2027");
  g_assert_cmpstr (comment, ==, "1");
  /* Neither the bureau nor anyone edits an approved plan. */
  g_assert_false (gtk_widget_is_sensitive (gr_gui_find_button (GTK_WIDGET (editor), "plan.approve")));
  set_role ("company");
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* 生成建议: the planner's proposal for 清远市金穗 in 2027 fills the draft
 * with its reasons; nothing is stored until saved. */
static void
test_plan_proposal (GrGuiFixture  *fixture,
                    gconstpointer  data)
{
  GrRotationPlanWindow *editor;
  GrWindow *window;
  const GrRotationPlan *plan;
  g_autofree char *stored = NULL;

  copy_city (fixture);
  set_role ("company");
  window = gr_gui_open_window (fixture, "rotation");
  g_assert_true (gr_gui_wait_view (window, "shell"));
  editor = gr_rotation_plan_window_new (GTK_WINDOW (window), fixture->db_path, "ent-03", 2027, TODAY);
  gtk_window_present (GTK_WINDOW (editor));
  wait_editor (editor, 1, 1, 0);

  gtk_widget_activate_action (GTK_WIDGET (editor), "plan.propose", NULL);
  wait_editor (editor, 0, 1, 0);
  plan = gr_rotation_plan_window_get_plan (editor);
  g_test_message ("%u items proposed: %s", plan->items->len, gr_rotation_plan_window_get_message (editor));
  g_assert_cmpuint (plan->items->len, >=, 2);
  for (guint i = 0; i < plan->items->len; i++)
    {
      GrRotationItem *item = plan->items->pdata[i];

      g_assert_nonnull (item->reason);
      g_assert_cmpint (item->out_month / 12, ==, 2027);
    }
  /* The corn lot past its limit since November 2026 goes first, in January. */
  g_assert_cmpstr (((GrRotationItem *) plan->items->pdata[0])->lot, ==, "lot-000403");
  g_assert_cmpint (((GrRotationItem *) plan->items->pdata[0])->out_month, ==, 2027 * 12);
  g_assert_nonnull (strstr (gr_rotation_plan_window_get_message (editor), "The planner proposed"));
  /* Its only rule problem: that lot is already past its limit (东莞 第十六条),
   * which no plan for 2027 can undo. */
  g_assert_cmpuint (gr_rotation_plan_window_get_flags (editor)->len, ==, 1);
  g_assert_true (has_flag (editor, 0, GR_ROTATION_FLAG_AGE_LIMIT));
  stored = gr_gui_query_text (fixture->db_path, "SELECT count(*) FROM rotation_plans WHERE enterprise = 'ent-03' AND year = 2027");
  g_assert_cmpstr (stored, ==, "0");

  gtk_widget_activate_action (GTK_WIDGET (editor), "plan.save", NULL);
  wait_editor (editor, 0, 0, 1);
  g_free (stored);
  stored = gr_gui_query_text (fixture->db_path, "SELECT state FROM rotation_plans WHERE enterprise = 'ent-03' AND year = 2027");
  g_assert_cmpstr (stored, ==, "draft");
  gtk_window_destroy (GTK_WINDOW (editor));
}

static gboolean
is_hidden (gpointer data)
{
  return !gtk_widget_get_visible (GTK_WIDGET (data));
}

/* Closing the editor over items not saved asks first: keep editing
 * leaves everything as typed, save stores the draft and closes. */
static void
test_plan_unsaved (GrGuiFixture  *fixture,
                   gconstpointer  data)
{
  GrRotationPlanWindow *editor;
  GrWindow *window;
  AdwMessageDialog *dialog;
  g_autofree char *stored = NULL;
  g_autofree char *items = NULL;
  guint n_items;

  copy_city (fixture);
  set_role ("company");
  window = gr_gui_open_window (fixture, "rotation");
  g_assert_true (gr_gui_wait_view (window, "shell"));
  editor = gr_rotation_plan_window_new (GTK_WINDOW (window), fixture->db_path, "ent-03", 2027, TODAY);
  g_object_ref (editor);
  gtk_window_present (GTK_WINDOW (editor));
  wait_editor (editor, 1, 1, 0);
  gtk_widget_activate_action (GTK_WIDGET (editor), "plan.propose", NULL);
  wait_editor (editor, 0, 1, 0);
  n_items = gr_rotation_plan_window_get_plan (editor)->items->len;
  g_assert_cmpuint (n_items, >=, 2);

  gtk_window_close (GTK_WINDOW (editor));
  dialog = wait_dialog (editor, "save");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save Changes to the Plan?");
  adw_message_dialog_response (dialog, "cancel");
  gr_gui_spin (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpuint (gr_rotation_plan_window_get_plan (editor)->items->len, ==, n_items);
  stored = gr_gui_query_text (fixture->db_path, "SELECT count(*) FROM rotation_plans WHERE enterprise = 'ent-03' AND year = 2027");
  g_assert_cmpstr (stored, ==, "0");

  gtk_window_close (GTK_WINDOW (editor));
  adw_message_dialog_response (wait_dialog (editor, "save"), "save");
  g_assert_true (gr_gui_wait (is_hidden, editor, 10000));
  g_free (stored);
  stored = gr_gui_query_text (fixture->db_path, "SELECT state FROM rotation_plans WHERE enterprise = 'ent-03' AND year = 2027");
  g_assert_cmpstr (stored, ==, "draft");
  items = gr_gui_query_text (fixture->db_path, "SELECT count(*) FROM rotation_plan_items i JOIN rotation_plans r"
                                               " ON r.id = i.parent WHERE r.enterprise = 'ent-03' AND r.year = 2027");
  g_assert_cmpuint (g_ascii_strtoull (items, NULL, 10), ==, n_items);
  g_object_unref (editor);
}

/* The plan's sync state beside its state badge (SYNC.md §3.2), as the
 * lot view shows a movement's: none while the plan was never written
 * here; "Waiting to send" once a draft is saved (its outbox row queued,
 * not acknowledged), read again when the editor opens; the server's
 * refusal with its reason once the sync client recorded one. */
static void
test_plan_sync_state (GrGuiFixture  *fixture,
                      gconstpointer  data)
{
  GrRotationPlanWindow *editor;
  GrWindow *window;
  GtkWidget *label;
  g_autofree char *outbox = NULL;
  const char *tip;

  copy_city (fixture);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GrStore) store = gr_store_open (fixture->db_path, &error);

    g_assert_no_error (error);
    /* Not a demo: its writes go to the outbox (gr_outbox_enabled). */
    g_assert_true (gr_store_set_meta (store, "demo", "0", &error));
    g_assert_no_error (error);
  }
  set_role ("company");
  window = gr_gui_open_window (fixture, "rotation");
  g_assert_true (gr_gui_wait_view (window, "shell"));
  editor = gr_rotation_plan_window_new (GTK_WINDOW (window), fixture->db_path, "ent-02", 2027, TODAY);
  gtk_window_present (GTK_WINDOW (editor));
  wait_editor (editor, 1, 1, 0);
  g_assert_null (gr_rotation_plan_window_get_plan (editor)->id);
  g_assert_null (gr_rotation_plan_window_get_sync_text (editor));

  gr_rotation_plan_window_fill_item (editor, "lot-000395", "5780", "2027-03", "2027-03", "到期轮换", FALSE);
  gtk_widget_activate_action (GTK_WIDGET (editor), "plan.add-item", NULL);
  wait_editor (editor, 0, 1, 0);
  /* Added, not saved: nothing written yet. */
  g_assert_null (gr_rotation_plan_window_get_sync_text (editor));
  gtk_widget_activate_action (GTK_WIDGET (editor), "plan.save", NULL);
  wait_editor (editor, 0, 0, 1);
  outbox = gr_gui_query_text (fixture->db_path,
                              "SELECT group_concat(o.op || ':' || o.state) FROM outbox o JOIN rotation_plans r"
                              " ON r.id = o.entity_id WHERE o.entity = 'rotation_plan' AND r.enterprise = 'ent-02'"
                              " AND r.year = 2027");
  g_assert_cmpstr (outbox, ==, "create:pending");
  g_assert_cmpstr (gr_rotation_plan_window_get_sync_text (editor), ==, "Waiting to send");
  label = gr_gui_find_label (GTK_WIDGET (editor), "Waiting to send");
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_is_visible (label));
  gtk_window_destroy (GTK_WINDOW (editor));

  /* Opened again: read when the plan loads. */
  editor = gr_rotation_plan_window_new (GTK_WINDOW (window), fixture->db_path, "ent-02", 2027, TODAY);
  gtk_window_present (GTK_WINDOW (editor));
  wait_editor (editor, 1, 1, 0);
  g_assert_cmpstr (gr_rotation_plan_window_get_sync_text (editor), ==, "Waiting to send");
  gtk_window_destroy (GTK_WINDOW (editor));

  /* The server refused it: the outbox row as the sync client leaves it
   * (gr-sync.c set_state: state, code, the server's message). */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GrStore) store = gr_store_open (fixture->db_path, &error);

    g_assert_no_error (error);
    g_assert_true (gr_store_exec (store, "UPDATE outbox SET state = 'rejected', code = 'invalid',"
                                         " last_error = 'lot-000395 is not held by ent-02'"
                                         " WHERE entity = 'rotation_plan'", &error));
    g_assert_no_error (error);
  }
  editor = gr_rotation_plan_window_new (GTK_WINDOW (window), fixture->db_path, "ent-02", 2027, TODAY);
  gtk_window_present (GTK_WINDOW (editor));
  wait_editor (editor, 1, 1, 0);
  g_assert_cmpstr (gr_rotation_plan_window_get_sync_text (editor), ==, "Rejected: lot-000395 is not held by ent-02");
  label = gr_gui_find_label (GTK_WIDGET (editor), "Rejected: lot-000395 is not held by ent-02");
  g_assert_nonnull (label);
  tip = gtk_widget_get_tooltip_text (gtk_widget_get_parent (label));
  g_assert_cmpstr (tip, ==, "Rejected by the server: lot-000395 is not held by ent-02");

  /* Submitted after the refusal: the new change waits behind it, and
   * the refusal is what still needs the user. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "plan.submit", NULL);
  adw_message_dialog_response (wait_dialog (editor, "submit"), "submit");
  wait_editor (editor, 0, 0, 1);
  g_assert_cmpint (gr_rotation_plan_window_get_plan (editor)->state, ==, GR_ROTATION_SUBMITTED);
  g_free (outbox);
  outbox = gr_gui_query_text (fixture->db_path, "SELECT count(*) FROM outbox WHERE entity = 'rotation_plan'");
  g_assert_cmpstr (outbox, ==, "2");
  g_assert_cmpstr (gr_rotation_plan_window_get_sync_text (editor), ==, "Rejected: lot-000395 is not held by ent-02");
  gtk_window_destroy (GTK_WINDOW (editor));
}

int
main (int   argc,
      char *argv[])
{
  int status;

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
  ADD ("/gui/rotation/page-dongguan-16-17-37", test_page);
  ADD ("/gui/rotation/filters", test_filters);
  ADD ("/gui/rotation/movement-preview", test_movement_preview);
  ADD ("/gui/rotation/plan-editor-dongguan-16-roles", test_plan_editor);
  ADD ("/gui/rotation/plan-proposal", test_plan_proposal);
  ADD ("/gui/rotation/plan-unsaved", test_plan_unsaved);
  ADD ("/gui/rotation/plan-sync-state", test_plan_sync_state);
#undef ADD

  status = g_test_run ();
  if (city_db != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (city_db);

      g_unlink (city_db);
      g_rmdir (dir);
    }
  return status;
}
