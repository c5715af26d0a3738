/* test-row-model.c: GrRowModel keeps its rows' identity across a new count
 *
 * The Inspections table relies on it: a refresh of the same length must
 * not report the rows as changed (the view keeps their widgets), a
 * shorter or longer read only reports the rows gone or added at the end.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>

#include "gr-paced-model.h"
#include "gr-row-model.h"

typedef struct {
  guint changes;
  guint lowest;         /* the lowest position reported */
  guint position;
  guint removed;
  guint added;
} Change;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *change)
{
  change->lowest = change->changes == 0 ? position : MIN (change->lowest, position);
  change->changes++;
  change->position = position;
  change->removed = removed;
  change->added = added;
}

static void
test_identity (void)
{
  g_autoptr(GrRowModel) rows = gr_row_model_new ();
  g_autoptr(GrRowItem) first = NULL;
  g_autoptr(GrRowItem) again = NULL;
  g_autoptr(GrRowItem) last = NULL;
  Change change = { 0 };

  g_signal_connect (rows, "items-changed", G_CALLBACK (items_changed_cb), &change);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (rows)) == GR_TYPE_ROW_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (rows), 0));

  /* 120,000 rows (a province's inspections), no item made yet. */
  gr_row_model_set_n_rows (rows, 120000);
  g_assert_cmpuint (change.changes, ==, 1);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 120000);
  first = g_list_model_get_item (G_LIST_MODEL (rows), 0);
  last = g_list_model_get_item (G_LIST_MODEL (rows), 119999);
  g_assert_cmpuint (gr_row_item_get_position (first), ==, 0);
  g_assert_cmpuint (gr_row_item_get_position (last), ==, 119999);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (rows), 120000));

  /* A refresh of the same length: nothing reported, the same objects. */
  gr_row_model_set_n_rows (rows, 120000);
  g_assert_cmpuint (change.changes, ==, 1);
  again = g_list_model_get_item (G_LIST_MODEL (rows), 0);
  g_assert_true (again == first);
  g_clear_object (&again);

  /* One depot's 120: the rest go, the first rows stay. */
  gr_row_model_set_n_rows (rows, 120);
  g_assert_cmpuint (change.changes, ==, 2);
  g_assert_cmpuint (change.position, ==, 120);
  g_assert_cmpuint (change.removed, ==, 119880);
  g_assert_cmpuint (change.added, ==, 0);
  again = g_list_model_get_item (G_LIST_MODEL (rows), 0);
  g_assert_true (again == first);
  g_clear_object (&again);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (rows), 120));

  /* Back to all: rows added at the end; a row past the old end is new. */
  gr_row_model_set_n_rows (rows, 120000);
  g_assert_cmpuint (change.changes, ==, 3);
  g_assert_cmpuint (change.position, ==, 120);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 119880);
  again = g_list_model_get_item (G_LIST_MODEL (rows), 119999);
  g_assert_true (again != last);
  g_assert_cmpuint (gr_row_item_get_position (again), ==, 119999);
}

/* Through the paced model the Inspections table puts before its view: a
 * refresh of the same length passes nothing on, and a shorter read
 * keeps the first rows as they are. */
static void
test_paced (void)
{
  g_autoptr(GrRowModel) rows = gr_row_model_new ();
  g_autoptr(GrPacedModel) paced = gr_paced_model_new (G_LIST_MODEL (rows));
  g_autoptr(GObject) top = NULL;
  g_autoptr(GObject) still = NULL;
  Change change = { 0 };

  gr_row_model_set_n_rows (rows, 6000);
  while (gr_paced_model_get_pending (paced))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (paced)), ==, 6000);
  top = g_list_model_get_item (G_LIST_MODEL (paced), 0);

  g_signal_connect (paced, "items-changed", G_CALLBACK (items_changed_cb), &change);
  gr_row_model_set_n_rows (rows, 6000);
  g_assert_false (gr_paced_model_get_pending (paced));
  g_assert_cmpuint (change.changes, ==, 0);

  gr_row_model_set_n_rows (rows, 100);
  while (gr_paced_model_get_pending (paced))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (paced)), ==, 100);
  /* Only rows from the 100th on were reported gone. */
  g_assert_cmpuint (change.changes, >, 0);
  g_assert_cmpuint (change.lowest, >=, 100);
  still = g_list_model_get_item (G_LIST_MODEL (paced), 0);
  g_assert_true (still == top);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/row-model/identity", test_identity);
  g_test_add_func ("/row-model/paced", test_paced);
  return g_test_run ();
}
