/* test-rotation-plan.c: the annual rotation plan: states, roles, every
 * refusal of bad input and every rule flag of its items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "gr-error.h"
#include "gr-rotation-plan.h"
#include "rules-fixture.h"

#define M(y, m) GR_MONTH_INDEX (y, m)

/* Enterprise e1 (reserve company) holds a static paddy plan p1 of 1,000 t:
 * l1 600 t entered 2024-10-04 (3-year limit: out by 2027-09), l2 400 t
 * entered 2025-11-02. Agent e2 holds a wheat plan p2 with l3 300 t. */
static GrStore *
world (void)
{
  GrStore *store = fx_new ();

  fx_enterprise (store, "e2", "agent");
  fx_sql (store, "INSERT INTO depots (id, enterprise, code, name) VALUES ('d2', 'e2', 'YD', '英德库')");
  fx_sql (store, "INSERT INTO bins (id, depot, code) VALUES ('b9', 'd2', 'Y01')");
  fx_plan (store, "p1", "e1", "paddy_late_indica", 1000, "static", "2020-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2024-10-04", 600);
  fx_stocked_lot (store, "l2", "b2", "p1", "2025-11-02", 400);
  fx_plan (store, "p2", "e2", "wheat", 500, "autonomous", "2020-01-01", NULL);
  fx_stocked_lot (store, "l3", "b9", "p2", "2025-06-01", 300);
  fx_settle (store, TRUE);
  return store;
}

static gint64
count (GrStore    *store,
       const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static GrRotationPlan *
plan_2027 (void)
{
  GrRotationPlan *plan = gr_rotation_plan_new ("e1", 2027);

  /* 东莞 第十七条: out in March, back within the 4-month vacancy. */
  gr_rotation_plan_add_item (plan, gr_rotation_item_new ("l1", 600000, M (2027, 3), M (2027, 5), "储存年限到期"));
  return plan;
}

/* ---- Months ------------------------------------------------------------- */

static void
test_months (void)
{
  g_autofree char *iso = gr_month_index_to_iso (M (2027, 3));

  g_assert_cmpint (gr_month_index_parse ("2027-03"), ==, 2027 * 12 + 2);
  g_assert_cmpint (gr_month_index_parse ("2027年3月"), ==, M (2027, 3));
  g_assert_cmpint (gr_month_index_parse ("2027-13"), ==, -1);
  g_assert_cmpint (gr_month_index_parse ("2027-3"), ==, -1);
  g_assert_cmpint (gr_month_index_parse ("2027年13月"), ==, -1);
  g_assert_cmpint (gr_month_index_parse (NULL), ==, -1);
  g_assert_cmpstr (iso, ==, "2027-03");
}

/* ---- States and roles (DESIGN.md §6) ------------------------------------ */

static void
test_roles (void)
{
  static const GrRotationState states[] = {
    GR_ROTATION_DRAFT, GR_ROTATION_SUBMITTED, GR_ROTATION_APPROVED, GR_ROTATION_RETURNED
  };
  static const GrRole roles[] = { GR_ROLE_COMPANY, GR_ROLE_BUREAU, GR_ROLE_INSPECTOR };

  for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
    for (guint a = 0; a < G_N_ELEMENTS (states); a++)
      for (guint b = 0; b < G_N_ELEMENTS (states); b++)
        {
          g_autoptr(GError) error = NULL;
          GrRole role = roles[r];
          GrRotationState from = states[a], to = states[b];
          gboolean expected =
            (role == GR_ROLE_COMPANY && to == GR_ROTATION_SUBMITTED &&
             (from == GR_ROTATION_DRAFT || from == GR_ROTATION_RETURNED)) ||
            (role == GR_ROLE_BUREAU && from == GR_ROTATION_SUBMITTED &&
             (to == GR_ROTATION_APPROVED || to == GR_ROTATION_RETURNED));
          gboolean got = gr_rotation_role_can_move (role, from, to, &error);

          g_assert_cmpint (got, ==, expected);
          if (!got)
            g_assert_nonnull (error);
          else
            g_assert_no_error (error);
        }

  g_assert_true (gr_rotation_role_can_edit (GR_ROLE_COMPANY, GR_ROTATION_DRAFT));
  g_assert_true (gr_rotation_role_can_edit (GR_ROLE_COMPANY, GR_ROTATION_RETURNED));
  g_assert_false (gr_rotation_role_can_edit (GR_ROLE_COMPANY, GR_ROTATION_SUBMITTED));
  g_assert_false (gr_rotation_role_can_edit (GR_ROLE_COMPANY, GR_ROTATION_APPROVED));
  g_assert_false (gr_rotation_role_can_edit (GR_ROLE_BUREAU, GR_ROTATION_DRAFT));
  g_assert_false (gr_rotation_role_can_edit (GR_ROLE_INSPECTOR, GR_ROTATION_DRAFT));

  for (guint a = 0; a < G_N_ELEMENTS (states); a++)
    {
      GrRotationState back;

      g_assert_true (gr_rotation_state_from_string (gr_rotation_state_to_string (states[a]), &back));
      g_assert_cmpint (back, ==, states[a]);
    }
  g_assert_false (gr_rotation_state_from_string ("rejected", NULL));
}

/* draft → submitted → returned → (edited) → submitted → approved, with
 * who, when and the comments; the writes land in the outbox. */
static void
test_lifecycle (void)
{
  g_autoptr(GrStore) store = world ();
  g_autoptr(GrProfile) profile = fx_profile ("dongguan-2025");
  g_autoptr(GrRotationPlan) plan = plan_2027 ();
  g_autoptr(GrRotationPlan) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 outbox = count (store, "SELECT count(*) FROM outbox");

  g_assert_true (gr_rotation_plan_save (store, profile, GR_ROLE_COMPANY, "王经理", plan, &error));
  g_assert_no_error (error);
  g_assert_nonnull (plan->id);
  g_assert_cmpint (plan->state, ==, GR_ROTATION_DRAFT);
  g_assert_cmpint (count (store, "SELECT count(*) FROM outbox"), ==, outbox + 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM outbox WHERE entity = 'rotation_plan' AND op = 'create'"), ==, 1);

  loaded = gr_rotation_plan_load (store, "e1", 2027, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (loaded->id, ==, plan->id);
  g_assert_cmpint (loaded->items->len, ==, 1);
  {
    GrRotationItem *item = loaded->items->pdata[0];

    g_assert_cmpstr (item->lot, ==, "l1");
    g_assert_cmpint (item->quantity_kg, ==, 600000);
    g_assert_cmpint (item->out_month, ==, M (2027, 3));
    g_assert_cmpint (item->in_month, ==, M (2027, 5));
    g_assert_cmpstr (item->reason, ==, "储存年限到期");
  }
  g_clear_pointer (&loaded, gr_rotation_plan_free);
  g_assert_null (gr_rotation_plan_load (store, "e1", 2028, &error));
  g_assert_no_error (error);

  /* The company submits (东莞 第十二条: in December for next year). */
  g_assert_true (gr_rotation_plan_move (store, profile, plan, GR_ROTATION_SUBMITTED, GR_ROLE_COMPANY,
                                        "王经理", NULL, "2026-12-10", &error));
  g_assert_no_error (error);
  g_assert_cmpint (plan->state, ==, GR_ROTATION_SUBMITTED);
  g_assert_cmpstr (plan->submitted_on, ==, "2026-12-10");
  g_assert_cmpstr (plan->submitted_by, ==, "王经理");
  g_assert_cmpint (count (store, "SELECT count(*) FROM outbox WHERE entity = 'rotation_plan' AND op = 'patch'"), ==, 1);

  /* The bureau returns it, with its reason. */
  g_assert_false (gr_rotation_plan_move (store, profile, plan, GR_ROTATION_RETURNED, GR_ROLE_BUREAU,
                                         "李局长", "  ", "2026-12-15", &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (gr_rotation_plan_move (store, profile, plan, GR_ROTATION_RETURNED, GR_ROLE_BUREAU,
                                        "李局长", "轮入月份请提前", "2026-12-15", &error));
  g_assert_no_error (error);
  g_assert_cmpint (plan->state, ==, GR_ROTATION_RETURNED);
  g_assert_cmpstr (plan->returned_by, ==, "李局长");
  g_assert_cmpstr (plan->returned_on, ==, "2026-12-15");
  g_assert_cmpstr (plan->comment, ==, "轮入月份请提前");
  g_assert_null (plan->approved_by);

  /* A returned plan can be edited; it stays returned until submitted. */
  ((GrRotationItem *) plan->items->pdata[0])->in_month = M (2027, 4);
  g_assert_true (gr_rotation_plan_save (store, profile, GR_ROLE_COMPANY, "王经理", plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (plan->state, ==, GR_ROTATION_RETURNED);
  g_assert_true (gr_rotation_plan_move (store, profile, plan, GR_ROTATION_SUBMITTED, GR_ROLE_COMPANY,
                                        "王经理", "已调整轮入月份", "2026-12-18", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (plan->submitted_on, ==, "2026-12-18");
  g_assert_cmpstr (plan->comment, ==, "已调整轮入月份");

  /* The bureau approves. */
  g_assert_true (gr_rotation_plan_move (store, profile, plan, GR_ROTATION_APPROVED, GR_ROLE_BUREAU,
                                        "李局长", "同意", "2027-01-08", &error));
  g_assert_no_error (error);
  loaded = gr_rotation_plan_load_by_id (store, plan->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->state, ==, GR_ROTATION_APPROVED);
  g_assert_cmpstr (loaded->approved_by, ==, "李局长");
  g_assert_cmpstr (loaded->approved_on, ==, "2027-01-08");
  g_assert_cmpstr (loaded->submitted_by, ==, "王经理");
  g_assert_cmpstr (loaded->returned_by, ==, "李局长");
  g_assert_cmpstr (loaded->comment, ==, "同意");
  g_assert_cmpint (((GrRotationItem *) loaded->items->pdata[0])->in_month, ==, M (2027, 4));
  g_assert_cmpint (count (store, "SELECT count(*) FROM rotation_plans"), ==, 1);

  {
    g_autoptr(GPtrArray) list = gr_rotation_plan_list (store, 2027, &error);

    g_assert_no_error (error);
    g_assert_cmpint (list->len, ==, 1);
    g_clear_pointer (&list, g_ptr_array_unref);
    list = gr_rotation_plan_list (store, 2026, &error);
    g_assert_cmpint (list->len, ==, 0);
  }
}

/* Each refusal of a role or a state changes nothing. */
static void
test_refused_moves (void)
{
  g_autoptr(GrStore) store = world ();
  g_autoptr(GrProfile) profile = fx_profile ("dongguan-2025");
  g_autoptr(GrRotationPlan) plan = plan_2027 ();
  g_autoptr(GError) error = NULL;
  gint64 outbox;

  /* Only the company drafts. */
  g_assert_false (gr_rotation_plan_save (store, profile, GR_ROLE_BUREAU, "李局长", plan, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (gr_rotation_plan_save (store, profile, GR_ROLE_INSPECTOR, "张检查", plan, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (count (store, "SELECT count(*) FROM rotation_plans"), ==, 0);

  /* Nothing to approve before it is submitted. */
  g_assert_false (gr_rotation_plan_move (store, profile, plan, GR_ROTATION_APPROVED, GR_ROLE_BUREAU,
                                         "李局长", NULL, "2026-12-15", &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (gr_rotation_plan_save (store, profile, GR_ROLE_COMPANY, "王经理", plan, &error));
  g_assert_no_error (error);

  /* A draft is not approved; the bureau does not submit. */
  g_assert_false (gr_rotation_plan_move (store, profile, plan, GR_ROTATION_APPROVED, GR_ROLE_BUREAU,
                                         "李局长", NULL, "2026-12-15", &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (gr_rotation_plan_move (store, profile, plan, GR_ROTATION_SUBMITTED, GR_ROLE_BUREAU,
                                         "李局长", NULL, "2026-12-15", &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (gr_rotation_plan_move (store, profile, plan, GR_ROTATION_SUBMITTED, GR_ROLE_INSPECTOR,
                                         "张检查", NULL, "2026-12-15", &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (gr_rotation_plan_move (store, profile, plan, GR_ROTATION_SUBMITTED, GR_ROLE_COMPANY,
                                         "王经理", NULL, "2026-13-01", &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (gr_rotation_plan_move (store, profile, plan, GR_ROTATION_SUBMITTED, GR_ROLE_COMPANY,
                                        "王经理", NULL, "2026-12-10", &error));
  g_assert_no_error (error);
  outbox = count (store, "SELECT count(*) FROM outbox");

  /* Submitted: the company may not edit it, nor approve it; the
   * inspector may not return it; it is not submitted twice. */
  ((GrRotationItem *) plan->items->pdata[0])->quantity_kg = 300000;
  g_assert_false (gr_rotation_plan_save (store, profile, GR_ROLE_COMPANY, "王经理", plan, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "can no longer be changed"));
  g_clear_error (&error);
  g_assert_false (gr_rotation_plan_move (store, profile, plan, GR_ROTATION_APPROVED, GR_ROLE_COMPANY,
                                         "王经理", NULL, "2026-12-15", &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (gr_rotation_plan_move (store, profile, plan, GR_ROTATION_RETURNED, GR_ROLE_INSPECTOR,
                                         "张检查", "不行", "2026-12-15", &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (gr_rotation_plan_move (store, profile, plan, GR_ROTATION_SUBMITTED, GR_ROLE_COMPANY,
                                         "王经理", NULL, "2026-12-16", &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (count (store, "SELECT quantity_kg FROM rotation_plan_items"), ==, 600000);
  g_assert_cmpint (count (store, "SELECT count(*) FROM outbox"), ==, outbox);

  /* Approved: nothing more for anyone. */
  g_assert_true (gr_rotation_plan_move (store, profile, plan, GR_ROTATION_APPROVED, GR_ROLE_BUREAU,
                                        "李局长", NULL, "2027-01-08", &error));
  g_assert_no_error (error);
  g_assert_false (gr_rotation_plan_move (store, profile, plan, GR_ROTATION_RETURNED, GR_ROLE_BUREAU,
                                         "李局长", "再议", "2027-01-09", &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (gr_rotation_plan_save (store, profile, GR_ROLE_COMPANY, "王经理", plan, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_CONFLICT);
  g_clear_error (&error);

  /* A new draft for the same enterprise and year would replace it: refused. */
  {
    g_autoptr(GrRotationPlan) other = plan_2027 ();

    g_assert_false (gr_rotation_plan_save (store, profile, GR_ROLE_COMPANY, "王经理", other, &error));
    g_assert_error (error, GR_ERROR, GR_ERROR_CONFLICT);
    g_clear_error (&error);
  }
  g_assert_cmpint (count (store, "SELECT count(*) FROM rotation_plans"), ==, 1);
}

/* One plan per enterprise and year: a second one, under another id, is
 * refused; one without an id replaces the stored draft. */
static void
test_one_per_year (void)
{
  g_autoptr(GrStore) store = world ();
  g_autoptr(GrProfile) profile = fx_profile ("dongguan-2025");
  g_autoptr(GrRotationPlan) first = plan_2027 ();
  g_autoptr(GrRotationPlan) second = plan_2027 ();
  g_autoptr(GrRotationPlan) third = gr_rotation_plan_new ("e1", 2027);
  g_autoptr(GError) error = NULL;

  g_assert_true (gr_rotation_plan_save (store, profile, GR_ROLE_COMPANY, NULL, first, &error));
  g_assert_no_error (error);

  second->id = g_strdup ("another");
  g_assert_false (gr_rotation_plan_save (store, profile, GR_ROLE_COMPANY, NULL, second, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_CONFLICT);
  fx_assert_has (error->message, "already has a rotation plan for 2027");
  g_clear_error (&error);

  gr_rotation_plan_add_item (third, gr_rotation_item_new ("l2", 100000, M (2027, 6), M (2027, 7), NULL));
  g_assert_true (gr_rotation_plan_save (store, profile, GR_ROLE_COMPANY, NULL, third, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (third->id, ==, first->id);
  g_assert_cmpint (count (store, "SELECT count(*) FROM rotation_plans"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM rotation_plan_items"), ==, 1);
  g_assert_cmpint (count (store, "SELECT quantity_kg FROM rotation_plan_items"), ==, 100000);
}

/* ---- Refused input ------------------------------------------------------ */

static void
assert_refused (GrStore        *store,
                GrProfile      *profile,
                GrRotationItem *item,
                int             code,
                const char     *needle)
{
  g_autoptr(GrRotationPlan) plan = gr_rotation_plan_new ("e1", 2027);
  g_autoptr(GError) error = NULL;

  gr_rotation_plan_add_item (plan, item);
  g_assert_false (gr_rotation_plan_save (store, profile, GR_ROLE_COMPANY, "王经理", plan, &error));
  g_assert_error (error, GR_ERROR, code);
  g_test_message ("%s", error->message);
  fx_assert_has (error->message, needle);
  g_assert_null (strchr (error->message, '\n'));
  g_assert_cmpint (count (store, "SELECT count(*) FROM rotation_plans"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM outbox WHERE entity = 'rotation_plan'"), ==, 0);
}

static void
test_refused_input (void)
{
  g_autoptr(GrStore) store = world ();
  g_autoptr(GrProfile) profile = fx_profile ("dongguan-2025");
  g_autoptr(GError) error = NULL;
  GrRotationItem *item;

  assert_refused (store, profile, gr_rotation_item_new ("nope", 1000, M (2027, 3), M (2027, 4), NULL),
                  GR_ERROR_NOT_FOUND, "Item 1 (nope)");
  assert_refused (store, profile, gr_rotation_item_new ("l3", 1000, M (2027, 3), M (2027, 4), NULL),
                  GR_ERROR_INVALID, "held for e2");
  assert_refused (store, profile, gr_rotation_item_new ("l1", 600001, M (2027, 3), M (2027, 4), NULL),
                  GR_ERROR_INVALID, "more than the lot has in 2027");
  assert_refused (store, profile, gr_rotation_item_new ("l1", 0, M (2027, 3), M (2027, 4), NULL),
                  GR_ERROR_INVALID, "more than 0");
  assert_refused (store, profile, gr_rotation_item_new ("l1", -5, M (2027, 3), M (2027, 4), NULL),
                  GR_ERROR_INVALID, "more than 0");
  assert_refused (store, profile, gr_rotation_item_new ("l1", 1000, M (2026, 12), M (2027, 1), NULL),
                  GR_ERROR_INVALID, "out month 2026-12 is not in 2027");
  assert_refused (store, profile, gr_rotation_item_new ("l1", 1000, M (2028, 1), M (2028, 2), NULL),
                  GR_ERROR_INVALID, "out month 2028-01 is not in 2027");
  assert_refused (store, profile, gr_rotation_item_new ("l1", 1000, M (2027, 3), M (2026, 12), NULL),
                  GR_ERROR_INVALID, "in month 2026-12 is before 2027");
  /* 东莞 第十七条: 4 months from the month after the rotate-out; +2 only
   * with approval. */
  assert_refused (store, profile, gr_rotation_item_new ("l1", 1000, M (2027, 3), M (2027, 8), NULL),
                  GR_ERROR_INVALID, "5 months after the out month 2027-03, beyond the 4-month vacancy limit");
  item = gr_rotation_item_new ("l1", 1000, M (2027, 3), M (2027, 10), NULL);
  item->vacancy_extension_approved = TRUE;
  assert_refused (store, profile, item, GR_ERROR_INVALID, "beyond the 6-month vacancy limit");
  /* Across the year end only as the vacancy allows. */
  assert_refused (store, profile, gr_rotation_item_new ("l1", 1000, M (2027, 10), M (2028, 3), NULL),
                  GR_ERROR_INVALID, "beyond the 4-month vacancy limit");

  /* Tranches of one lot together above its balance. */
  {
    g_autoptr(GrRotationPlan) plan = gr_rotation_plan_new ("e1", 2027);

    gr_rotation_plan_add_item (plan, gr_rotation_item_new ("l2", 300000, M (2027, 2), M (2027, 3), NULL));
    gr_rotation_plan_add_item (plan, gr_rotation_item_new ("l2", 100001, M (2027, 6), M (2027, 7), NULL));
    g_assert_false (gr_rotation_plan_save (store, profile, GR_ROLE_COMPANY, "王经理", plan, &error));
    g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
    fx_assert_has (error->message, "the plan's items take 400.001 t");
    g_clear_error (&error);
    g_assert_cmpint (count (store, "SELECT count(*) FROM rotation_plans"), ==, 0);
  }

  /* An unknown enterprise. */
  {
    g_autoptr(GrRotationPlan) plan = gr_rotation_plan_new ("e9", 2027);

    g_assert_false (gr_rotation_plan_save (store, profile, GR_ROLE_COMPANY, NULL, plan, &error));
    g_assert_error (error, GR_ERROR, GR_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* What is allowed: the approved 2-month extension, a vacancy into the
   * next year within the limit, tranches summing to the balance. */
  {
    g_autoptr(GrRotationPlan) plan = gr_rotation_plan_new ("e1", 2027);

    item = gr_rotation_item_new ("l1", 600000, M (2027, 3), M (2027, 9), NULL);
    item->vacancy_extension_approved = TRUE;
    gr_rotation_plan_add_item (plan, item);
    gr_rotation_plan_add_item (plan, gr_rotation_item_new ("l2", 300000, M (2027, 11), M (2028, 3), NULL));
    gr_rotation_plan_add_item (plan, gr_rotation_item_new ("l2", 100000, M (2027, 12), M (2027, 12), NULL));
    g_assert_true (gr_rotation_plan_save (store, profile, GR_ROLE_COMPANY, NULL, plan, &error));
    g_assert_no_error (error);
  }
}

/* A lot rotated in during the year may go out again the same year (as
 * finished grain does): what it has in the year counts what came in. */
static void
test_available_in_year (void)
{
  g_autoptr(GrStore) store = world ();
  g_autoptr(GrProfile) profile = fx_profile ("dongguan-2025");
  g_autoptr(GrRotationPlan) plan = gr_rotation_plan_new ("e1", 2026);
  g_autoptr(GError) error = NULL;
  gint64 kg = 0;

  fx_lot (store, "l4", "b3", "p1", "2026-03-10");
  fx_move (store, "l4", "2026-03-10", "rotate_in", 100);
  fx_settle (store, TRUE);

  g_assert_true (gr_rotation_lot_available_kg (store, "l4", 2026, &kg, &error));
  g_assert_cmpint (kg, ==, 100000);
  g_assert_true (gr_rotation_lot_opening_kg (store, "l4", 2026, &kg, &error));
  g_assert_cmpint (kg, ==, 0);
  g_assert_true (gr_rotation_lot_opening_kg (store, "l4", 2027, &kg, &error));
  g_assert_cmpint (kg, ==, 100000);
  g_assert_true (gr_rotation_lot_available_kg (store, "l4", 2025, &kg, &error));
  g_assert_cmpint (kg, ==, 0);
  g_assert_true (gr_rotation_lot_available_kg (store, "l1", 2027, &kg, &error));
  g_assert_cmpint (kg, ==, 600000);
  g_assert_false (gr_rotation_lot_available_kg (store, "nope", 2027, &kg, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  gr_rotation_plan_add_item (plan, gr_rotation_item_new ("l4", 100001, M (2026, 9), M (2026, 10), NULL));
  g_assert_false (gr_rotation_plan_save (store, profile, GR_ROLE_COMPANY, NULL, plan, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
  fx_assert_has (error->message, "more than the lot has in 2026 (100 t)");
  g_clear_error (&error);
  ((GrRotationItem *) plan->items->pdata[0])->quantity_kg = 100000;
  g_assert_true (gr_rotation_plan_save (store, profile, GR_ROLE_COMPANY, NULL, plan, &error));
  g_assert_no_error (error);
}

/* Zhongshan has no vacancy rule (autonomous rotation): a plan's items
 * rotate back within the year. */
static void
test_refused_next_year_without_vacancy (void)
{
  g_autoptr(GrStore) store = world ();
  g_autoptr(GrProfile) profile = fx_profile ("zhongshan-2026");

  assert_refused (store, profile, gr_rotation_item_new ("l1", 1000, M (2027, 12), M (2028, 1), NULL),
                  GR_ERROR_INVALID, "in month 2028-01 is not in 2027");
}

static void
test_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrRotationItem) item = NULL;

  item = gr_rotation_item_parse ("l1", "1,200.5 t", "2027-03", "2027年5月", " 到期 ", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (item->quantity_kg, ==, 1200500);
  g_assert_cmpint (item->out_month, ==, M (2027, 3));
  g_assert_cmpint (item->in_month, ==, M (2027, 5));
  g_assert_cmpstr (item->reason, ==, "到期");
  g_assert_true (item->vacancy_extension_approved);

  g_assert_null (gr_rotation_item_parse ("l1", "1.2345", "2027-03", "2027-05", NULL, FALSE, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
  fx_assert_has (error->message, "at most 3 decimals");
  g_clear_error (&error);
  g_assert_null (gr_rotation_item_parse ("l1", "0", "2027-03", "2027-05", NULL, FALSE, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (gr_rotation_item_parse ("l1", "-3", "2027-03", "2027-05", NULL, FALSE, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (gr_rotation_item_parse ("l1", "10", "2027-3", "2027-05", NULL, FALSE, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
  fx_assert_has (error->message, "out month");
  g_clear_error (&error);
  g_assert_null (gr_rotation_item_parse ("l1", "10", "2027-03", "May", NULL, FALSE, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
  fx_assert_has (error->message, "in month");
  g_clear_error (&error);
  g_assert_null (gr_rotation_item_parse ("", "10", "2027-03", "2027-05", NULL, FALSE, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
}

/* ---- Flags -------------------------------------------------------------- */

static guint
n_flags (GPtrArray          *flags,
         GrRotationFlagKind  kind,
         guint               item)
{
  guint n = 0;

  for (guint i = 0; i < flags->len; i++)
    {
      GrRotationFlag *flag = flags->pdata[i];

      if (flag->kind == kind && flag->item == item)
        n++;
    }
  return n;
}

static GrRotationFlag *
find_flag (GPtrArray          *flags,
           GrRotationFlagKind  kind,
           guint               item)
{
  for (guint i = 0; i < flags->len; i++)
    {
      GrRotationFlag *flag = flags->pdata[i];

      if (flag->kind == kind && flag->item == item)
        return flag;
    }
  g_error ("no flag of kind %d on item %u", kind, item);
  return NULL;
}

static GPtrArray *
flags_of (GrStore        *store,
          const char     *profile_id,
          GrRotationPlan *plan)
{
  g_autoptr(GrProfile) profile = fx_profile (profile_id);
  g_autoptr(GError) error = NULL;
  GPtrArray *flags = gr_rotation_plan_flags (store, profile, plan, &error);

  g_assert_no_error (error);
  g_assert_nonnull (flags);
  for (guint i = 0; i < flags->len; i++)
    {
      GrRotationFlag *flag = flags->pdata[i];

      g_test_message ("item %u kind %d month %d %s %s: %s", flag->item, flag->kind, flag->month,
                      flag->document ? flag->document : "-", flag->article ? flag->article : "-", flag->message);
    }
  return flags;
}

/* A plan within every rule has no flags. */
static void
test_flags_none (void)
{
  g_autoptr(GrStore) store = world ();
  g_autoptr(GrRotationPlan) plan = gr_rotation_plan_new ("e1", 2027);
  g_autoptr(GPtrArray) flags = NULL;

  /* 东莞 第十五条 checks month ends: l1 out and in within March never
   * leaves a month end below 70 %; l2's 300 t vacant two months leave
   * 700 t = 70 %, not below. */
  gr_rotation_plan_add_item (plan, gr_rotation_item_new ("l1", 600000, M (2027, 3), M (2027, 3), NULL));
  gr_rotation_plan_add_item (plan, gr_rotation_item_new ("l2", 300000, M (2027, 5), M (2027, 7), NULL));
  flags = flags_of (store, "dongguan-2025", plan);
  g_assert_cmpint (flags->len, ==, 0);
}

/* Dongguan: vacancy, age limit, minimum (enterprise at month end),
 * above balance. */
static void
test_flags_dongguan (void)
{
  g_autoptr(GrStore) store = world ();
  g_autoptr(GrRotationPlan) plan = gr_rotation_plan_new ("e1", 2027);
  g_autoptr(GPtrArray) flags = NULL;
  GrRotationFlag *flag;

  /* 0: l1 out in 2027-10, its 3-year limit (entered 2024-10) runs to 2027-09. */
  gr_rotation_plan_add_item (plan, gr_rotation_item_new ("l1", 600000, M (2027, 10), M (2027, 11), NULL));
  /* 1: l2 vacant 6 months, beyond 东莞 第十七条's 4. */
  gr_rotation_plan_add_item (plan, gr_rotation_item_new ("l2", 300000, M (2027, 2), M (2027, 8), NULL));
  /* 2: with 1, more of l2 than it holds (400 t). */
  gr_rotation_plan_add_item (plan, gr_rotation_item_new ("l2", 200000, M (2027, 10), M (2027, 10), NULL));
  flags = flags_of (store, "dongguan-2025", plan);

  flag = find_flag (flags, GR_ROTATION_FLAG_AGE_LIMIT, 0);
  g_assert_cmpstr (flag->article, ==, "第十六条");
  g_assert_cmpint (flag->month, ==, M (2027, 10));
  fx_assert_has (flag->message, "3-year limit runs to 2027-09");

  flag = find_flag (flags, GR_ROTATION_FLAG_VACANCY, 1);
  g_assert_cmpstr (flag->article, ==, "第十七条");
  fx_assert_has (flag->message, "vacant 6 months, beyond the 4-month limit");

  g_assert_cmpint (n_flags (flags, GR_ROTATION_FLAG_ABOVE_BALANCE, 1), ==, 1);
  flag = find_flag (flags, GR_ROTATION_FLAG_ABOVE_BALANCE, 2);
  fx_assert_has (flag->message, "rotates 500 t, more than the 400 t it has in 2027");
  g_assert_cmpint (n_flags (flags, GR_ROTATION_FLAG_ABOVE_BALANCE, 0), ==, 0);

  /* 东莞 第十五条: 70 % of the enterprise's 1,000 t at every month end.
   * End of 2027-02 … 07: 1,000 − 300 = 700 t = 70 %: not below. End of
   * 2027-10: l1 600 t out (in 11) and l2 200 t out and in (10), with l2's
   * 300 t back since 08: 1,000 − 600 = 400 t = 40 %: below, while l1 is
   * out; l2's item 2 rotates within the month (no month-end dip). */
  flag = find_flag (flags, GR_ROTATION_FLAG_MIN_RATIO, 0);
  g_assert_cmpstr (flag->article, ==, "第十五条");
  g_assert_cmpint (flag->month, ==, M (2027, 10));
  fx_assert_has (flag->message, "400 t, 40% of its reserve scale, below 70%");
  g_assert_cmpint (n_flags (flags, GR_ROTATION_FLAG_MIN_RATIO, 1), ==, 0);
  g_assert_cmpint (n_flags (flags, GR_ROTATION_FLAG_MIN_RATIO, 2), ==, 0);
  g_assert_cmpint (n_flags (flags, GR_ROTATION_FLAG_SHELF_LIFE, 0), ==, 0);
  g_assert_cmpint (n_flags (flags, GR_ROTATION_FLAG_FULL_MONTH, 0), ==, 0);
}

/* Zhongshan: shelf life, the minimum at any time (a rotation inside one
 * month dips), the full month (第十七条). */
static void
test_flags_zhongshan (void)
{
  g_autoptr(GrStore) store = world ();
  g_autoptr(GrRotationPlan) plan = gr_rotation_plan_new ("e1", 2027);
  g_autoptr(GPtrArray) flags = NULL;
  GrRotationFlag *flag;

  /* Rice plan p3 of 100 t held in full by r1 (entered 2026-06-10: its
   * 1-year limit runs to 2027-05; produced 2026-05-02 with 365 days:
   * expires 2027-05-02) and a flour plan p4 at 95 t of 100 t. */
  fx_plan (store, "p3", "e1", "rice", 100, "autonomous", "2020-01-01", NULL);
  fx_stocked_lot (store, "r1", "b3", "p3", "2026-06-10", 100);
  fx_sql (store, "UPDATE lots SET produced_on = '2026-05-02', shelf_life_days = 365, packaged = 1 WHERE id = 'r1'");
  fx_plan (store, "p4", "e1", "flour", 100, "autonomous", "2020-01-01", NULL);
  fx_stocked_lot (store, "f1", "b4", "p4", "2026-09-01", 95);
  fx_settle (store, TRUE);

  /* 0: r1 out in 2027-05: its shelf life ends on 2027-05-02. Out and in
   * within 2027-05: during 05 the plan holds 100 − 100 = 0 t (any time,
   * 第十七条: finished grain 90 %). */
  gr_rotation_plan_add_item (plan, gr_rotation_item_new ("r1", 100000, M (2027, 5), M (2027, 5), NULL));
  /* 1: f1 5 t out and in within 2027-03: 90 t = 90 %, not below; but p4
   * never ends a month at 100 %. */
  gr_rotation_plan_add_item (plan, gr_rotation_item_new ("f1", 5000, M (2027, 3), M (2027, 3), NULL));
  flags = flags_of (store, "zhongshan-2026", plan);

  flag = find_flag (flags, GR_ROTATION_FLAG_SHELF_LIFE, 0);
  g_assert_cmpstr (flag->article, ==, "第十八条");
  fx_assert_has (flag->message, "expires on 2027-05-02");
  g_assert_cmpint (n_flags (flags, GR_ROTATION_FLAG_AGE_LIMIT, 0), ==, 0);

  flag = find_flag (flags, GR_ROTATION_FLAG_MIN_RATIO, 0);
  g_assert_cmpstr (flag->article, ==, "第十七条");
  g_assert_cmpint (flag->month, ==, M (2027, 5));
  fx_assert_has (flag->message, "holds 0 t in 2027-05, 0% of the plan, below 90%");
  g_assert_cmpint (n_flags (flags, GR_ROTATION_FLAG_MIN_RATIO, 1), ==, 0);

  flag = find_flag (flags, GR_ROTATION_FLAG_FULL_MONTH, 1);
  g_assert_cmpstr (flag->article, ==, "第十七条");
  fx_assert_has (flag->message, "no month end at 100% in 2027 (at most 95%)");
  g_assert_cmpint (n_flags (flags, GR_ROTATION_FLAG_FULL_MONTH, 0), ==, 0);
}

/* Nanchang: dynamic rotation rotates in first (第三十八条), balanced
 * rotation 25–45 % of raw grain a year (第三十六条). */
static void
test_flags_nanchang (void)
{
  g_autoptr(GrStore) store = world ();
  g_autoptr(GrRotationPlan) plan = gr_rotation_plan_new ("e1", 2027);
  g_autoptr(GPtrArray) flags = NULL;
  GrRotationFlag *flag;

  fx_plan (store, "p5", "e1", "rice", 100, "dynamic", "2020-01-01", NULL);
  fx_stocked_lot (store, "r5", "b3", "p5", "2026-09-01", 100);
  fx_settle (store, TRUE);

  /* 0: p1 (1,000 t paddy) rotates only l2's 200 t: 20 %, below 25 %. */
  gr_rotation_plan_add_item (plan, gr_rotation_item_new ("l2", 200000, M (2027, 3), M (2027, 4), NULL));
  /* 1: the dynamic rice plan goes out before it comes in. */
  gr_rotation_plan_add_item (plan, gr_rotation_item_new ("r5", 50000, M (2027, 3), M (2027, 4), NULL));
  flags = flags_of (store, "nanchang-gxq-2022", plan);

  flag = find_flag (flags, GR_ROTATION_FLAG_BALANCE_SHARE, 0);
  g_assert_cmpstr (flag->article, ==, "第三十六条");
  fx_assert_has (flag->message, "rotates 20% of its quantity in 2027; balanced rotation asks for 25%–45% a year");
  g_assert_cmpint (n_flags (flags, GR_ROTATION_FLAG_BALANCE_SHARE, 1), ==, 0);

  flag = find_flag (flags, GR_ROTATION_FLAG_IN_FIRST, 1);
  fx_assert_has (flag->message, "rotates in first");
  g_assert_cmpint (n_flags (flags, GR_ROTATION_FLAG_IN_FIRST, 0), ==, 0);

  /* 第三十八条: finished grain 100 % at any time: r5's 50 t out in 03–04. */
  flag = find_flag (flags, GR_ROTATION_FLAG_MIN_RATIO, 1);
  g_assert_cmpstr (flag->article, ==, "第三十八条");
  fx_assert_has (flag->message, "50 t in 2027-03, 50% of the plan, below 100%");
  /* p1 raw 70 %: 800 t in 03–04 = 80 %: fine. */
  g_assert_cmpint (n_flags (flags, GR_ROTATION_FLAG_MIN_RATIO, 0), ==, 0);

  /* A plan with no item at all is flagged on its own. */
  {
    g_autoptr(GrRotationPlan) empty = gr_rotation_plan_new ("e1", 2027);
    g_autoptr(GPtrArray) none = flags_of (store, "nanchang-gxq-2022", empty);

    flag = find_flag (none, GR_ROTATION_FLAG_BALANCE_SHARE, GR_ROTATION_FLAG_NO_ITEM);
    g_assert_cmpstr (flag->plan, ==, "p1");
    fx_assert_has (flag->message, "rotates 0% of its quantity");
    g_assert_cmpint (none->len, ==, 1);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rotation-plan/months", test_months);
  g_test_add_func ("/rotation-plan/roles", test_roles);
  g_test_add_func ("/rotation-plan/lifecycle", test_lifecycle);
  g_test_add_func ("/rotation-plan/refused-moves", test_refused_moves);
  g_test_add_func ("/rotation-plan/one-per-year", test_one_per_year);
  g_test_add_func ("/rotation-plan/refused-input/dongguan-17", test_refused_input);
  g_test_add_func ("/rotation-plan/refused-input/zhongshan-no-vacancy", test_refused_next_year_without_vacancy);
  g_test_add_func ("/rotation-plan/parse", test_parse);
  g_test_add_func ("/rotation-plan/available-in-year", test_available_in_year);
  g_test_add_func ("/rotation-plan/flags/none", test_flags_none);
  g_test_add_func ("/rotation-plan/flags/dongguan", test_flags_dongguan);
  g_test_add_func ("/rotation-plan/flags/zhongshan", test_flags_zhongshan);
  g_test_add_func ("/rotation-plan/flags/nanchang", test_flags_nanchang);
  return g_test_run ();
}
