/* test-string-list.c: gr_string_list_update brings a GtkStringList to new
 * strings in one splice of the range that differs, so that the items (and
 * a view's rows of widgets) of the strings that stay are kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gtk/gtk.h>

#include "gr-string-list.h"

typedef struct {
  guint changes;
  guint position;
  guint removed;
  guint added;
} Watch;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Watch      *watch)
{
  watch->changes++;
  watch->position = position;
  watch->removed = removed;
  watch->added = added;
}

static void
assert_strings (GtkStringList      *list,
                const char * const *expected)
{
  guint n = g_strv_length ((GStrv) expected);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (gtk_string_list_get_string (list, i), ==, expected[i]);
}

static void
test_update (void)
{
  const char *depots[] = { "All depots", "城南库", "城北库", "东江库", "西湖库", NULL };
  const char *same[] = { "All depots", "城南库", "城北库", "东江库", "西湖库", NULL };
  const char *renamed[] = { "All depots", "城南库", "城北粮库", "东江库", "西湖库", NULL };
  const char *added[] = { "All depots", "城南库", "城北粮库", "东江库", "南山库", "西湖库", NULL };
  const char *fewer[] = { "All depots", "西湖库", NULL };
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  g_autoptr(GObject) kept = NULL;
  g_autoptr(GObject) last = NULL;
  Watch watch = { 0 };

  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &watch);

  /* Empty to full: one change. */
  gr_string_list_update (list, depots);
  assert_strings (list, depots);
  g_assert_cmpuint (watch.changes, ==, 1);
  kept = g_list_model_get_item (G_LIST_MODEL (list), 1);
  last = g_list_model_get_item (G_LIST_MODEL (list), 4);

  /* The same strings again: nothing changes. */
  gr_string_list_update (list, same);
  g_assert_cmpuint (watch.changes, ==, 1);

  /* One renamed: only it is replaced. */
  gr_string_list_update (list, renamed);
  assert_strings (list, renamed);
  g_assert_cmpuint (watch.changes, ==, 2);
  g_assert_cmpuint (watch.position, ==, 2);
  g_assert_cmpuint (watch.removed, ==, 1);
  g_assert_cmpuint (watch.added, ==, 1);

  /* One inserted: nothing removed, the items around it kept. */
  gr_string_list_update (list, added);
  assert_strings (list, added);
  g_assert_cmpuint (watch.changes, ==, 3);
  g_assert_cmpuint (watch.position, ==, 4);
  g_assert_cmpuint (watch.removed, ==, 0);
  g_assert_cmpuint (watch.added, ==, 1);
  {
    g_autoptr(GObject) first = g_list_model_get_item (G_LIST_MODEL (list), 1);
    g_autoptr(GObject) end = g_list_model_get_item (G_LIST_MODEL (list), 5);

    g_assert_true (first == kept);
    g_assert_true (end == last);
  }

  /* Fewer, and none: the range between. */
  gr_string_list_update (list, fewer);
  assert_strings (list, fewer);
  g_assert_cmpuint (watch.position, ==, 1);
  g_assert_cmpuint (watch.removed, ==, 4);
  g_assert_cmpuint (watch.added, ==, 0);
  gr_string_list_update (list, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/string-list/update", test_update);
  return g_test_run ();
}
