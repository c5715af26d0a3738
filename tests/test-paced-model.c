/* test-paced-model.c: GrPacedModel passes big changes on in bites
 *
 * A GTK 4.8 list view keeps about 200 rows of widgets; the paced model
 * must never add or remove more than a bite of them in one change, and
 * must end up holding exactly what its model holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>

#include "gr-paced-model.h"

#define BITE 40
#define REALIZED 256

typedef struct {
  guint changes;
  guint largest_near;   /* the most rows removed or added below REALIZED in one change */
} Watch;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Watch      *watch)
{
  watch->changes++;
  if (position < REALIZED)
    watch->largest_near = MAX (watch->largest_near, MAX (removed, added));
}

static GListStore *
store_of (guint n,
          guint first)
{
  GListStore *store = g_list_store_new (G_TYPE_OBJECT);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_object_new (G_TYPE_OBJECT, NULL);

      g_object_set_data (item, "n", GUINT_TO_POINTER (first + i));
      g_list_store_append (store, item);
    }
  return store;
}

static void
catch_up (GrPacedModel *paced)
{
  while (gr_paced_model_get_pending (paced))
    g_main_context_iteration (NULL, TRUE);
}

static void
assert_same (GListModel *a,
             GListModel *b)
{
  g_assert_cmpuint (g_list_model_get_n_items (a), ==, g_list_model_get_n_items (b));
  for (guint i = 0; i < g_list_model_get_n_items (a); i++)
    {
      g_autoptr(GObject) x = g_list_model_get_item (a, i);
      g_autoptr(GObject) y = g_list_model_get_item (b, i);

      g_assert_true (x == y);
    }
}

static void
test_follows_in_bites (void)
{
  g_autoptr(GListStore) store = store_of (60000, 0);
  g_autoptr(GrPacedModel) paced = gr_paced_model_new (G_LIST_MODEL (store));
  g_autoptr(GListStore) other = store_of (20000, 100000);
  Watch watch = { 0 };

  g_signal_connect (paced, "items-changed", G_CALLBACK (items_changed_cb), &watch);
  g_assert_true (gr_paced_model_get_pending (paced));
  catch_up (paced);
  assert_same (G_LIST_MODEL (paced), G_LIST_MODEL (store));
  /* Filled a bite at a time while rows get widgets, then the rest at once. */
  g_assert_cmpuint (watch.largest_near, <=, BITE);
  g_assert_cmpuint (watch.changes, ==, (REALIZED + BITE - 1) / BITE + 1);

  /* Everything replaced: emptied from the end, then filled again. */
  watch = (Watch) { 0 };
  g_list_store_splice (store, 0, 60000, NULL, 0);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (other)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (other), i);

      g_list_store_append (store, item);
    }
  catch_up (paced);
  assert_same (G_LIST_MODEL (paced), G_LIST_MODEL (store));
  g_assert_cmpuint (watch.largest_near, <=, BITE);

  /* A small change passes straight through, at once. */
  watch = (Watch) { 0 };
  g_list_store_remove (store, 3);
  g_assert_false (gr_paced_model_get_pending (paced));
  g_assert_cmpuint (watch.changes, ==, 1);
  assert_same (G_LIST_MODEL (paced), G_LIST_MODEL (store));

  /* Far from the top: at once whatever its size. */
  watch = (Watch) { 0 };
  g_list_store_splice (store, 10000, 5000, NULL, 0);
  g_assert_false (gr_paced_model_get_pending (paced));
  g_assert_cmpuint (watch.changes, ==, 1);
  assert_same (G_LIST_MODEL (paced), G_LIST_MODEL (store));
}

static void
test_frozen (void)
{
  g_autoptr(GListStore) store = store_of (500, 0);
  g_autoptr(GrPacedModel) paced = gr_paced_model_new (G_LIST_MODEL (store));
  Watch watch = { 0 };

  catch_up (paced);
  g_signal_connect (paced, "items-changed", G_CALLBACK (items_changed_cb), &watch);
  gr_paced_model_set_frozen (paced, TRUE);
  g_list_store_remove (store, 0);
  g_list_store_splice (store, 0, 100, NULL, 0);
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  /* Frozen: it knows it is behind and holds its first rows as they were;
   * only the rows it read from the model (beyond them, without widgets)
   * went, at once. */
  g_assert_cmpuint (watch.changes, ==, 1);
  g_assert_cmpuint (watch.largest_near, ==, 0);
  g_assert_true (gr_paced_model_get_pending (paced));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (paced)), ==, REALIZED);

  gr_paced_model_set_frozen (paced, FALSE);
  catch_up (paced);
  assert_same (G_LIST_MODEL (paced), G_LIST_MODEL (store));
  g_assert_cmpuint (watch.largest_near, <=, BITE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/paced-model/follows-in-bites", test_follows_in_bites);
  g_test_add_func ("/paced-model/frozen", test_frozen);

  return g_test_run ();
}
