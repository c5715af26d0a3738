/* test-gui-assessment.c: the 等级粮库 workflow in the app (DOMAIN.md §4.1,
 * DESIGN.md §3), on the city demo (seed 1, today 2026-11-25): only levels
 * above the one held are offered, the buttons are exactly the legal next
 * states, and awarding sets the depot's level in the database
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "gr-assessment-window.h"
#include "gr-demo.h"
#include "gr-grading-depot.h"
#include "gr-grading-page.h"
#include "gr-gui-test.h"
#include "gr-store.h"

static GrAssessmentWindow *
find_dialog (void)
{
  GtkWindow *window = gr_gui_find_toplevel (GR_TYPE_ASSESSMENT_WINDOW);

  return window ? GR_ASSESSMENT_WINDOW (window) : NULL;
}

static gboolean
dialog_loaded (gpointer data)
{
  GrAssessmentWindow *dialog = find_dialog ();

  return dialog != NULL && gr_assessment_window_get_loaded (dialog);
}

static gboolean
dialog_gone (gpointer data)
{
  return find_dialog () == NULL;
}

static gboolean
writes_reach (gpointer data)
{
  GrAssessmentWindow *dialog = find_dialog ();

  return dialog != NULL && gr_assessment_window_get_n_writes (dialog) >= GPOINTER_TO_UINT (data);
}

static gboolean
page_loads_reach (gpointer data)
{
  GrGradingPage *page = g_object_get_data (G_OBJECT (data), "page");
  guint n = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (data), "n"));

  return gr_grading_page_get_n_loads (page) >= n;
}

static GrAssessmentWindow *
open_dialog (GrWindow   *window,
             const char *depot)
{
  GrAssessmentWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.assess-depot", "s", depot));
  g_assert_true (gr_gui_wait (dialog_loaded, NULL, 20000));
  dialog = find_dialog ();
  g_assert_cmpstr (gr_assessment_window_get_depot (dialog), ==, depot);
  return dialog;
}

static void
close_dialog (GrAssessmentWindow *dialog)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (gr_gui_wait (dialog_gone, NULL, 5000));
}

/* Runs one write (or refusal) to its end. */
static void
wait_write (GrAssessmentWindow *dialog,
            guint               before)
{
  g_assert_true (gr_gui_wait (writes_reach, GUINT_TO_POINTER (before + 1), 20000));
}

static void
assert_strv (GStrv        got,
             const char  *first,
             ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) expected = NULL;
  g_autofree char *got_text = NULL;
  g_autofree char *expected_text = NULL;
  va_list args;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    g_strv_builder_add (builder, s);
  va_end (args);
  expected = g_strv_builder_end (builder);
  got_text = g_strjoinv (" ", got);
  expected_text = g_strjoinv (" ", expected);
  g_assert_cmpstr (got_text, ==, expected_text);
  g_strfreev (got);
}

static void
type (GtkEditable *editable,
      const char  *text)
{
  g_assert_nonnull (editable);
  gtk_editable_set_text (editable, text);
  gr_gui_spin (10);
}

/* The placeholder template's seven items in order: 仓储设施 20, 储粮技术
 * 20, 质量管理 15, 制度与账务 15, 信息化 10, 安全生产 10, 环境与文明 10. */
static void
type_province (GrAssessmentWindow *dialog,
               const char * const *scores)
{
  for (guint i = 0; i < 7; i++)
    type (gr_assessment_window_get_score_entry (dialog, i, 2), scores[i]);
}

static void
test_assessment_workflow (GrGuiFixture  *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *held_a = NULL;
  g_autofree char *open_id = NULL;
  g_autofree char *open_depot = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *n_before = NULL;
  GrAssessmentWindow *dialog;
  GrGradingPage *page;
  GrWindow *window;
  guint writes, loads;

  {
    g_autoptr(GrStore) store = gr_store_open (fixture->db_path, &error);

    g_assert_no_error (error);
    g_assert_true (gr_demo_generate (store, GR_DEMO_CITY, 1, 1.0, "2026-11-25", NULL, NULL, &error));
    g_assert_no_error (error);
  }
  /* A depot at A with nothing open, and the demo's one open assessment:
   * an AA depot declaring AAA, in 省级审核. */
  held_a = gr_gui_query_text (fixture->db_path,
                       "SELECT id FROM depots d WHERE deleted = 0 AND grade = 'A' AND NOT EXISTS (SELECT 1 FROM"
                       " depot_assessments a WHERE a.depot = d.id AND a.state NOT IN"
                       " ('awarded', 'refused', 'downgraded', 'removed')) ORDER BY id LIMIT 1");
  open_id = gr_gui_query_text (fixture->db_path, "SELECT id FROM depot_assessments WHERE state = 'province' AND deleted = 0");
  g_assert_nonnull (held_a);
  g_assert_nonnull (open_id);
  sql = g_strdup_printf ("SELECT depot FROM depot_assessments WHERE id = '%s'", open_id);
  open_depot = gr_gui_query_text (fixture->db_path, sql);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT grade || ' ' || (SELECT declared_level FROM depot_assessments WHERE id = '%s')"
                         " FROM depots WHERE id = '%s'", open_id, open_depot);
  text = gr_gui_query_text (fixture->db_path, sql);
  g_assert_cmpstr (text, ==, "AA AAA");
  g_clear_pointer (&sql, g_free);
  g_clear_pointer (&text, g_free);

  window = gr_gui_open_window (fixture, "grading");
  g_assert_true (gr_gui_wait_view (window, "shell"));
  page = gr_window_get_grading_page (window);
  g_object_set_data (G_OBJECT (window), "page", page);

  /* DOMAIN.md §4.1 (sbdj > spdj): an A depot is offered AA to AAAAA only,
   * and declaring A again is refused, writing nothing. */
  dialog = open_dialog (window, held_a);
  g_assert_cmpint (gr_assessment_window_get_held_level (dialog), ==, 1);
  g_assert_null (gr_assessment_window_get_open_state (dialog));
  assert_strv (gr_assessment_window_dup_offered_levels (dialog), "AA", "AAA", "AAAA", "AAAAA", NULL);
  n_before = gr_gui_query_text (fixture->db_path, "SELECT count (*) FROM depot_assessments");
  writes = gr_assessment_window_get_n_writes (dialog);
  gr_assessment_window_declare (dialog, "A");
  wait_write (dialog, writes);
  g_assert_cmpstr (gr_assessment_window_get_error_text (dialog), ==,
                   "The declared level A is not above the level the depot holds (A)");
  text = gr_gui_query_text (fixture->db_path, "SELECT count (*) FROM depot_assessments");
  g_assert_cmpstr (text, ==, n_before);
  g_clear_pointer (&text, g_free);
  close_dialog (dialog);

  /* 省级审核 of an AAA declaration: on to 省级实地核查, or refused; no
   * award before the province's on-site check, and no declaring while
   * it is open. */
  dialog = open_dialog (window, open_depot);
  g_assert_cmpstr (gr_assessment_window_get_open_state (dialog), ==, "province");
  assert_strv (gr_assessment_window_dup_offered_states (dialog), "province_onsite", "refused", NULL);
  assert_strv (gr_assessment_window_dup_offered_levels (dialog), NULL);
  /* Province scores are asked for: the declaration is AAA. */
  g_assert_nonnull (gr_assessment_window_get_score_entry (dialog, 0, 2));
  g_assert_cmpstr (gtk_editable_get_text (gr_assessment_window_get_score_entry (dialog, 0, 1)), ==, "17.5");
  writes = gr_assessment_window_get_n_writes (dialog);
  gr_assessment_window_advance (dialog, "awarded");
  wait_write (dialog, writes);
  g_assert_cmpstr (gr_assessment_window_get_error_text (dialog), ==,
                   "An assessment cannot go from “Province review” to “Awarded”");
  sql = g_strdup_printf ("SELECT state FROM depot_assessments WHERE id = '%s'", open_id);
  text = gr_gui_query_text (fixture->db_path, sql);
  g_assert_cmpstr (text, ==, "province");
  g_clear_pointer (&text, g_free);

  type (gr_assessment_window_get_by_entry (dialog), "省局 王工");
  type (gr_assessment_window_get_date_entry (dialog), "2026-11-25");
  writes = gr_assessment_window_get_n_writes (dialog);
  gr_assessment_window_advance (dialog, "province_onsite");
  wait_write (dialog, writes);
  g_assert_null (gr_assessment_window_get_error_text (dialog));
  text = gr_gui_query_text (fixture->db_path, sql);
  g_assert_cmpstr (text, ==, "province_onsite");
  g_clear_pointer (&text, g_free);
  g_assert_cmpstr (gr_assessment_window_get_open_state (dialog), ==, "province_onsite");
  assert_strv (gr_assessment_window_dup_offered_states (dialog), "awarded", "refused", "downgraded", "removed", NULL);

  /* A score above the item's points is refused and kept as typed. */
  type (gr_assessment_window_get_score_entry (dialog, 0, 2), "21");
  g_assert_cmpstr (gr_assessment_window_get_error_text (dialog), ==,
                   "仓储设施: a score must lie between 0 and 20 points");
  g_assert_cmpstr (gtk_editable_get_text (gr_assessment_window_get_score_entry (dialog, 0, 2)), ==, "21");

  /* The placeholder thresholds (unconfirmed): AA 80, AAA 85. A province
   * total of 83 reaches only AA, the level held: no award. */
  {
    const char * const low[] = { "17", "17", "12", "12", "8", "8", "9" };
    const char * const enough[] = { "18", "17", "13", "12", "9", "8", "9" };

    type_province (dialog, low);
    g_assert_null (gr_assessment_window_get_error_text (dialog));
    g_assert_cmpstr (gr_assessment_window_get_result_text (dialog), ==,
                     "The final total reaches: AA (unconfirmed threshold)");
    writes = gr_assessment_window_get_n_writes (dialog);
    gr_assessment_window_advance (dialog, "awarded");
    wait_write (dialog, writes);
    g_assert_cmpstr (gr_assessment_window_get_error_text (dialog), ==,
                     "The final total reaches AA, not above the level held: refuse or downgrade instead");
    text = gr_gui_query_text (fixture->db_path, sql);
    g_assert_cmpstr (text, ==, "province_onsite");
    g_clear_pointer (&text, g_free);

    /* 86 reaches AAA: awarded, and the depot holds AAA. */
    type_province (dialog, enough);
    type (gr_assessment_window_get_reason_entry (dialog, 6), "绿化不足");
    g_assert_cmpstr (gr_assessment_window_get_result_text (dialog), ==,
                     "The final total reaches: AAA (unconfirmed threshold)");
  }
  /* The template scored by, and its 一票否决 items (DOMAIN.md §4.1): with
   * 账实不符 ticked there is no Award button, and the award is refused in
   * the app and, once saved, in the core. */
  g_assert_cmpstr (gr_assessment_window_get_template_text (dialog), ==,
                   "广东省等级粮库评定（占位模板） · version placeholder");
  g_assert_nonnull (gr_assessment_window_get_veto_check (dialog, 2));
  g_assert_null (gr_assessment_window_get_veto_check (dialog, 3));
  gtk_check_button_set_active (gr_assessment_window_get_veto_check (dialog, 1), TRUE);
  gr_gui_spin (10);
  assert_strv (gr_assessment_window_dup_offered_states (dialog), "refused", "downgraded", "removed", NULL);
  writes = gr_assessment_window_get_n_writes (dialog);
  gr_assessment_window_advance (dialog, "awarded");
  wait_write (dialog, writes);
  g_assert_cmpstr (gr_assessment_window_get_error_text (dialog), ==,
                   "An assessment with a veto item hit (账实不符) cannot be awarded: refuse, downgrade or remove instead");
  writes = gr_assessment_window_get_n_writes (dialog);
  gr_assessment_window_save (dialog);
  wait_write (dialog, writes);
  g_assert_null (gr_assessment_window_get_error_text (dialog));
  {
    g_autofree char *veto_sql = g_strdup_printf ("SELECT json_extract (extra, '$.vetoes') FROM depot_assessments"
                                                 " WHERE id = '%s'", open_id);
    g_autoptr(GError) core_error = NULL;
    g_autoptr(GrStore) store = NULL;

    text = gr_gui_query_text (fixture->db_path, veto_sql);
    g_assert_cmpstr (text, ==, "[\"账实不符\"]");
    g_clear_pointer (&text, g_free);
    store = gr_store_open (fixture->db_path, &core_error);
    g_assert_no_error (core_error);
    g_assert_false (gr_assessment_advance (store, open_id, "awarded", "AAA", "2026-11-25", &core_error));
    g_assert_cmpstr (core_error->message, ==,
                     "An assessment with a veto item hit (账实不符) cannot be awarded: refuse, downgrade or remove instead");
  }
  g_assert_true (gtk_check_button_get_active (gr_assessment_window_get_veto_check (dialog, 1)));
  gtk_check_button_set_active (gr_assessment_window_get_veto_check (dialog, 1), FALSE);
  gr_gui_spin (10);
  assert_strv (gr_assessment_window_dup_offered_states (dialog), "awarded", "refused", "downgraded", "removed", NULL);
  loads = gr_grading_page_get_n_loads (page);
  writes = gr_assessment_window_get_n_writes (dialog);
  gr_assessment_window_advance (dialog, "awarded");
  wait_write (dialog, writes);
  g_assert_null (gr_assessment_window_get_error_text (dialog));
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT a.state || ' ' || a.awarded_level || ' ' || a.decided_on || ' ' || d.grade || ' '"
                         " || json_extract (a.scores, '$.仓储设施.province') || ' '"
                         " || json_extract (a.deductions, '$.环境与文明') || ' ' || a.updated_by || ' '"
                         " || json_array_length (json_extract (a.extra, '$.history'))"
                         " FROM depot_assessments a JOIN depots d ON d.id = a.depot WHERE a.id = '%s'", open_id);
  text = gr_gui_query_text (fixture->db_path, sql);
  /* Two steps recorded here: 省级实地核查 and the award. */
  g_assert_cmpstr (text, ==, "awarded AAA 2026-11-25 AAA 18 绿化不足 省局 王工 2");
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (gr_assessment_window_get_held_level (dialog), ==, 3);
  g_assert_null (gr_assessment_window_get_open_state (dialog));
  assert_strv (gr_assessment_window_dup_offered_levels (dialog), "AAAA", "AAAAA", NULL);
  /* The page is read again. */
  g_object_set_data (G_OBJECT (window), "n", GUINT_TO_POINTER (loads + 1));
  g_assert_true (gr_gui_wait (page_loads_reach, window, 20000));

  /* A new declaration starts at 库点申报, whose only way on is 企业内审. */
  writes = gr_assessment_window_get_n_writes (dialog);
  gr_assessment_window_declare (dialog, "AAAA");
  wait_write (dialog, writes);
  g_assert_null (gr_assessment_window_get_error_text (dialog));
  g_assert_cmpstr (gr_assessment_window_get_open_state (dialog), ==, "declared");
  assert_strv (gr_assessment_window_dup_offered_states (dialog), "enterprise_review", NULL);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT declared_level || ' ' || state || ' ' || json_extract (extra, '$.history[0].by')"
                         " FROM depot_assessments WHERE depot = '%s' ORDER BY rowid DESC LIMIT 1", open_depot);
  text = gr_gui_query_text (fixture->db_path, sql);
  g_assert_cmpstr (text, ==, "AAAA declared 省局 王工");
  close_dialog (dialog);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  if (!gr_gui_test_init ())
    {
      g_test_message ("No display: run the GUI tests under xvfb-run");
      return 77;
    }
  g_test_add ("/gui/assessment/city-demo", GrGuiFixture, NULL, gr_gui_fixture_setup, test_assessment_workflow,
              gr_gui_fixture_teardown);
  return g_test_run ();
}
