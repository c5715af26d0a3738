/* test-timeline-view.c: the rotation timeline widget
 *
 * The scale's geometry (day ↔ x at every zoom level, ticks, zooming about
 * a point), the rows the list view builds (only those in view, over a
 * thousand lots), the tree of groups (a bin of one lot folded into its
 * depot), what a row says under the pointer, and keyboard zoom. Needs a
 * display (xvfb-run in CI) for the widget parts; they are skipped without.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <string.h>

#include "gr-timeline-node.h"
#include "gr-timeline-row.h"
#include "gr-timeline-scale.h"
#include "gr-timeline-view.h"
#include "rules-fixture.h"
#include "gr-widget-test.h"

static gboolean have_display;

static const double expected_ppd[GR_TIMELINE_N_ZOOM] = { 0.2, 0.4, 0.8, 1.6, 3.3 };

static GrTimelineDay
day (const char *iso)
{
  GrTimelineDay d = gr_timeline_day_parse (iso);

  g_assert_cmpuint (d, !=, GR_TIMELINE_NO_DAY);
  return d;
}

/* Date → x is linear at every zoom level, from 1 January of the first
 * year; a year after the last one is added. */
static void
test_scale_geometry (void)
{
  g_autoptr(GrTimelineScale) scale = gr_timeline_scale_new ();
  GrTimelineDay origin;

  gr_timeline_scale_set_range (scale, day ("2023-11-15"), day ("2026-11-25"));
  origin = gr_timeline_scale_get_origin (scale);
  g_assert_cmpuint (origin, ==, day ("2023-01-01"));
  g_assert_cmpuint (gr_timeline_scale_get_end (scale), ==, day ("2027-12-31"));
  gr_timeline_scale_set_view_width (scale, 200);

  for (int zoom = 0; zoom < GR_TIMELINE_N_ZOOM; zoom++)
    {
      const GrTimelineTick *ticks;
      guint n, years = 0, labelled_months = 0, quarters = 0;
      double ppd;

      gr_timeline_scale_set_zoom (scale, zoom, 0);
      gtk_adjustment_set_value (gr_timeline_scale_get_adjustment (scale), 0);
      ppd = gr_timeline_scale_get_pixels_per_day (scale);
      g_assert_cmpfloat_with_epsilon (ppd, expected_ppd[zoom], 1e-9);
      g_assert_cmpfloat_with_epsilon (gr_timeline_scale_day_to_x (scale, origin), 0, 1e-9);
      /* 2026-11-25 is day 1424 after 2023-01-01 (365 + 366 + 365 + 328). */
      g_assert_cmpfloat_with_epsilon (gr_timeline_scale_day_to_x (scale, day ("2026-11-25")), 1424 * ppd, 1e-6);
      g_assert_cmpfloat_with_epsilon (gr_timeline_scale_get_width (scale), (day ("2027-12-31") + 1 - origin) * ppd, 1e-6);
      /* The view's x is the content's less the scroll offset. */
      gtk_adjustment_set_value (gr_timeline_scale_get_adjustment (scale), 100);
      g_assert_cmpfloat_with_epsilon (gr_timeline_scale_day_to_view (scale, day ("2026-11-25")), 1424 * ppd - 100, 1e-6);
      g_assert_cmpuint (gr_timeline_scale_view_to_day (scale, 1424 * ppd - 100 + ppd / 2), ==, day ("2026-11-25"));

      ticks = gr_timeline_scale_get_ticks (scale, &n);
      for (guint i = 0; i < n; i++)
        {
          g_assert_cmpfloat_with_epsilon (ticks[i].x, (ticks[i].day - origin) * ppd, 1e-6);
          if (ticks[i].kind == GR_TIMELINE_TICK_YEAR)
            {
              years++;
              g_assert_nonnull (ticks[i].year_label);
            }
          else if (ticks[i].kind == GR_TIMELINE_TICK_QUARTER)
            quarters++;
          else if (ticks[i].label != NULL)
            labelled_months++;
        }
      /* Five years, 2023–2027, at every level. */
      g_assert_cmpuint (years, ==, 5);
      /* Quarters at every level; month ticks from the second, named from the fourth. */
      g_assert_cmpuint (quarters, ==, 15);
      g_assert_cmpuint (labelled_months, ==, zoom >= 3 ? 5 * 8 : 0);
      g_assert_cmpuint (n, ==, zoom == 0 ? 5 + 15 : 60);
    }
}

/* Zooming keeps the day under the pointer where it was. */
static void
test_scale_zoom_anchor (void)
{
  g_autoptr(GrTimelineScale) scale = gr_timeline_scale_new ();
  GrTimelineDay today = day ("2026-11-25");
  double before;

  gr_timeline_scale_set_range (scale, day ("2016-03-01"), day ("2031-05-31"));
  gr_timeline_scale_set_view_width (scale, 400);
  gr_timeline_scale_scroll_to (scale, today, 0.3);
  before = gr_timeline_scale_day_to_view (scale, today);
  g_assert_cmpfloat_with_epsilon (before, 120, 1e-6);
  for (int zoom = 0; zoom < GR_TIMELINE_N_ZOOM; zoom++)
    {
      gr_timeline_scale_set_zoom (scale, zoom, before);
      g_assert_cmpfloat_with_epsilon (gr_timeline_scale_day_to_view (scale, today), before, 1.0);
    }
  g_assert_cmpint (gr_timeline_scale_get_zoom (scale), ==, GR_TIMELINE_N_ZOOM - 1);
  /* Past the last level it stays there. */
  gr_timeline_scale_set_zoom (scale, GR_TIMELINE_N_ZOOM + 3, -1);
  g_assert_cmpint (gr_timeline_scale_get_zoom (scale), ==, GR_TIMELINE_N_ZOOM - 1);
}

/*
 * Widgets
 */

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static GtkWidget *
show_in_window (GtkWidget *widget,
                int        width,
                int        height)
{
  GtkWidget *window = gtk_window_new ();
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), widget);
  gtk_window_present (GTK_WINDOW (window));
  while ((!gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) <= 0) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (gtk_widget_get_mapped (widget));
  wait_ms (200);
  return window;
}

/* Depot d1 with bins P01–P04; lots entered in 2023 (paddy, 3 years:
 * overdue on 2026-11-25 when entered before December). */
static GrTimeline *
big_timeline (guint n_lots)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrProfile) profile = fx_profile ("dongguan-2025");
  g_autoptr(GError) error = NULL;
  GrTimeline *timeline;

  fx_plan (store, "p1", "e1", "paddy_late_indica", 1000000, "autonomous", "2020-01-01", NULL);
  for (guint i = 0; i < n_lots; i++)
    {
      g_autofree char *id = g_strdup_printf ("lot-%05u", i);
      g_autofree char *date = g_strdup_printf ("2023-%02u-10", i % 12 + 1);
      const char *bins[] = { "b1", "b2", "b3", "b4" };

      fx_stocked_lot (store, id, bins[i % 4], "p1", date, 10);
    }
  fx_settle (store, TRUE);
  timeline = gr_timeline_load (store, profile, "2026-11-25", &error);
  g_assert_no_error (error);
  return timeline;
}

/* Only the rows in view are built, however many lots there are. */
static void
test_visible_rows (void)
{
  g_autoptr(GrTimeline) timeline = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  GrTimelineFilter filter = { 0 };
  GtkWidget *view, *window;
  guint built, n_rows;

  REQUIRE_DISPLAY ();

  timeline = big_timeline (2000);
  groups = gr_timeline_group (timeline, &filter, GR_TIMELINE_BY_PLACE);
  view = gr_timeline_view_new ();
  gr_timeline_view_set_groups (GR_TIMELINE_VIEW (view), timeline, groups, TRUE);
  window = show_in_window (view, 1200, 700);

  /* 1 depot + 4 bins + 2000 lots, all expanded. */
  n_rows = g_list_model_get_n_items (gr_timeline_view_get_model (GR_TIMELINE_VIEW (view)));
  g_assert_cmpuint (n_rows, ==, 2005);
  built = gr_timeline_view_count_row_widgets (GR_TIMELINE_VIEW (view));
  g_test_message ("%u row widgets for %u rows", built, n_rows);
  g_assert_cmpuint (built, >, 10);
  g_assert_cmpuint (built, <, 250);

  /* Scrolled to the end: still about a screenful. */
  {
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (gr_timeline_view_get_scroller (GR_TIMELINE_VIEW (view)));

    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
    wait_ms (200);
    g_assert_cmpuint (gr_timeline_view_count_row_widgets (GR_TIMELINE_VIEW (view)), <, 250);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
count_lot (gpointer lot,
           gpointer user_data)
{
  (*(guint *) user_data)++;
}

static GListModel *
children_of (gpointer item,
             gpointer user_data)
{
  return gr_timeline_node_dup_children (item);
}

/* A bin with one lot is that lot's row in the depot's list; a bin with
 * more keeps its own row; collapsed groups hide their lots. */
static void
test_tree_grouping (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrProfile) profile = fx_profile ("dongguan-2025");
  g_autoptr(GError) error = NULL;
  g_autoptr(GrTimeline) timeline = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GListModel) roots = NULL;
  g_autoptr(GListModel) children = NULL;
  g_autoptr(GrTimelineNode) depot = NULL;
  g_autoptr(GrTimelineNode) first = NULL;
  g_autoptr(GrTimelineNode) second = NULL;
  g_autoptr(GtkTreeListModel) collapsed = NULL;
  GrTimelineFilter filter = { 0 };
  guint counted = 0;

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "autonomous", "2020-01-01", NULL);
  fx_stocked_lot (store, "a", "b1", "p1", "2025-10-01", 100);
  fx_stocked_lot (store, "b", "b2", "p1", "2025-11-01", 100);
  fx_stocked_lot (store, "c", "b2", "p1", "2024-01-01", 100);
  fx_settle (store, TRUE);
  timeline = gr_timeline_load (store, profile, "2026-11-25", &error);
  g_assert_no_error (error);
  groups = gr_timeline_group (timeline, &filter, GR_TIMELINE_BY_PLACE);
  roots = gr_timeline_nodes_new (timeline, groups);
  g_assert_cmpuint (g_list_model_get_n_items (roots), ==, 1);
  depot = g_list_model_get_item (roots, 0);
  g_assert_cmpstr (gr_timeline_node_get_group (depot)->name, ==, "城南库");

  children = gr_timeline_node_dup_children (depot);
  g_assert_cmpuint (g_list_model_get_n_items (children), ==, 2);
  first = g_list_model_get_item (children, 0);
  second = g_list_model_get_item (children, 1);
  /* P01 holds one lot: the lot itself. P02 holds two: a bin row. */
  g_assert_nonnull (gr_timeline_node_get_lot (first));
  g_assert_cmpstr (gr_timeline_node_get_lot (first)->id, ==, "a");
  g_assert_nonnull (gr_timeline_node_get_group (second));
  g_assert_cmpstr (gr_timeline_node_get_group (second)->name, ==, "P02");
  g_assert_null (gr_timeline_node_dup_children (first));

  gr_timeline_node_foreach_lot (depot, count_lot, &counted);
  g_assert_cmpuint (counted, ==, 3);

  collapsed = gtk_tree_list_model_new (g_object_ref (roots), FALSE, FALSE, children_of, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (collapsed)), ==, 1);
  {
    g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (collapsed, 0);

    gtk_tree_list_row_set_expanded (row, TRUE);
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (collapsed)), ==, 3);
}

static GrTimelineRow *find_row (GtkWidget  *widget,
                                const char *lot_id);

static void
count_changed (GrTimelineNode *node,
               guint          *n)
{
  (*n)++;
}

/* A newer reading of the same grouping: the nodes that show the same
 * group or lot stay (and say so), a new lot gets a new node, and the
 * children list the tree holds follows. */
static void
test_nodes_update (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrProfile) profile = fx_profile ("dongguan-2025");
  g_autoptr(GError) error = NULL;
  g_autoptr(GrTimeline) before = NULL, after = NULL;
  g_autoptr(GPtrArray) groups_before = NULL, groups_after = NULL;
  g_autoptr(GListModel) roots = NULL;
  g_autoptr(GListModel) children = NULL;
  g_autoptr(GrTimelineNode) depot = NULL, first = NULL, second = NULL;
  GrTimelineFilter filter = { 0 };
  guint n_depot = 0, n_first = 0, n_second = 0;

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "autonomous", "2020-01-01", NULL);
  fx_stocked_lot (store, "a", "b1", "p1", "2025-10-01", 100);
  fx_stocked_lot (store, "b", "b2", "p1", "2025-11-01", 100);
  fx_stocked_lot (store, "c", "b2", "p1", "2024-01-01", 100);
  fx_settle (store, TRUE);
  before = gr_timeline_load (store, profile, "2026-11-25", &error);
  g_assert_no_error (error);
  groups_before = gr_timeline_group (before, &filter, GR_TIMELINE_BY_PLACE);
  roots = gr_timeline_nodes_new (before, groups_before);
  depot = g_list_model_get_item (roots, 0);
  /* Held here as a tree holds the children of a group it shows open. */
  children = gr_timeline_node_dup_children (depot);
  first = g_list_model_get_item (children, 0);
  second = g_list_model_get_item (children, 1);
  g_signal_connect (depot, "changed", G_CALLBACK (count_changed), &n_depot);
  g_signal_connect (first, "changed", G_CALLBACK (count_changed), &n_first);
  g_signal_connect (second, "changed", G_CALLBACK (count_changed), &n_second);

  /* Lot a loses 40 t; lot d comes into bin P03. */
  fx_move (store, "a", "2026-03-02", "loss", 40);
  fx_stocked_lot (store, "d", "b3", "p1", "2026-06-01", 300);
  fx_settle (store, TRUE);
  after = gr_timeline_load (store, profile, "2026-11-25", &error);
  g_assert_no_error (error);
  groups_after = gr_timeline_group (after, &filter, GR_TIMELINE_BY_PLACE);
  gr_timeline_nodes_update (roots, after, groups_after);

  g_assert_cmpuint (g_list_model_get_n_items (roots), ==, 1);
  {
    g_autoptr(GrTimelineNode) again = g_list_model_get_item (roots, 0);

    g_assert_true (again == depot);
  }
  g_assert_true (gr_timeline_node_get_group (depot) == groups_after->pdata[0]);
  g_assert_true (gr_timeline_node_get_timeline (depot) == after);
  g_assert_cmpuint (n_depot, ==, 1);

  /* P01 (lot a), P02 (two lots), and the new P03 (lot d). */
  g_assert_cmpuint (g_list_model_get_n_items (children), ==, 3);
  {
    g_autoptr(GrTimelineNode) x = g_list_model_get_item (children, 0);
    g_autoptr(GrTimelineNode) y = g_list_model_get_item (children, 1);
    g_autoptr(GrTimelineNode) z = g_list_model_get_item (children, 2);

    g_assert_true (x == first);
    g_assert_true (y == second);
    g_assert_cmpstr (gr_timeline_node_get_lot (z)->id, ==, "d");
  }
  g_assert_cmpuint (n_first, ==, 1);
  g_assert_cmpuint (n_second, ==, 1);
  g_assert_cmpint (gr_timeline_node_get_lot (first)->balance_kg, ==, 60000);
  g_assert_true (gr_timeline_node_get_timeline (first) == after);
}

/* 东莞 第十七条: read again after a rotate-out, the view keeps the row of
 * the lot (its widget), which now says its vacancy. */
static void
test_view_read_again (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrProfile) profile = fx_profile ("dongguan-2025");
  g_autoptr(GError) error = NULL;
  g_autoptr(GrTimeline) before = NULL, after = NULL;
  g_autoptr(GPtrArray) groups_before = NULL, groups_after = NULL;
  g_autofree char *at_vacancy = NULL;
  GrTimelineFilter filter = { 0 };
  GrTimelineScale *scale;
  GrTimelineRow *row;
  GtkWidget *view, *window;

  REQUIRE_DISPLAY ();

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "static", "2020-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2024-11-01", 8000);
  fx_stocked_lot (store, "l2", "b2", "p1", "2023-12-01", 2000);
  fx_settle (store, TRUE);
  before = gr_timeline_load (store, profile, "2026-11-25", &error);
  g_assert_no_error (error);
  groups_before = gr_timeline_group (before, &filter, GR_TIMELINE_BY_PLACE);
  view = gr_timeline_view_new ();
  gr_timeline_view_set_groups (GR_TIMELINE_VIEW (view), before, groups_before, TRUE);
  window = show_in_window (view, 1200, 600);
  scale = gr_timeline_view_get_scale (GR_TIMELINE_VIEW (view));
  row = find_row (view, "l1");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (gr_timeline_row_get_summary (row), "8,000 t in store"));

  fx_move (store, "l1", "2026-05-06", "rotate_out", 2000);
  fx_settle (store, TRUE);
  after = gr_timeline_load (store, profile, "2026-11-25", &error);
  g_assert_no_error (error);
  groups_after = gr_timeline_group (after, &filter, GR_TIMELINE_BY_PLACE);
  gr_timeline_view_update_groups (GR_TIMELINE_VIEW (view), after, groups_after, TRUE);
  wait_ms (100);

  g_assert_true (find_row (view, "l1") == row);
  g_assert_true (gr_timeline_node_get_timeline (gr_timeline_row_get_node (row)) == after);
  g_assert_nonnull (strstr (gr_timeline_row_get_summary (row), "6,000 t in store"));
  at_vacancy = gr_timeline_row_describe_at (row, GR_TIMELINE_LABEL_WIDTH +
                                            gr_timeline_scale_day_to_view (scale, day ("2026-08-15")));
  g_assert_nonnull (strstr (at_vacancy, "2,000 t still to rotate in (56 days overdue)"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static GrTimelineRow *
find_row (GtkWidget  *widget,
          const char *lot_id)
{
  if (GR_IS_TIMELINE_ROW (widget))
    {
      GrTimelineNode *node = gr_timeline_row_get_node (GR_TIMELINE_ROW (widget));
      GrTimelineLot *lot = node ? gr_timeline_node_get_lot (node) : NULL;

      if (lot != NULL && g_str_equal (lot->id, lot_id))
        return GR_TIMELINE_ROW (widget);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GrTimelineRow *row = find_row (child, lot_id);

      if (row != NULL)
        return row;
    }
  return NULL;
}

/* 东莞 第十七条: the row of a lot rotated out says, where its vacancy is
 * drawn, its deadline and what is left to rotate in; at its limit marker
 * (第十六条), that it is the end of the storage limit. Ctrl+plus zooms in. */
static void
test_row_tooltip_and_zoom (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrProfile) profile = fx_profile ("dongguan-2025");
  g_autoptr(GError) error = NULL;
  g_autoptr(GrTimeline) timeline = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autofree char *at_vacancy = NULL;
  g_autofree char *at_limit = NULL;
  g_autofree char *at_label = NULL;
  GrTimelineFilter filter = { 0 };
  GrTimelineScale *scale;
  GrTimelineRow *row;
  GtkWidget *view, *window;
  int zoom;

  REQUIRE_DISPLAY ();

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "static", "2020-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2024-11-01", 8000);
  fx_stocked_lot (store, "l2", "b2", "p1", "2023-12-01", 2000);
  fx_move (store, "l1", "2026-05-06", "rotate_out", 2000);
  fx_settle (store, TRUE);
  timeline = gr_timeline_load (store, profile, "2026-11-25", &error);
  g_assert_no_error (error);
  groups = gr_timeline_group (timeline, &filter, GR_TIMELINE_BY_PLACE);
  view = gr_timeline_view_new ();
  gr_timeline_view_set_groups (GR_TIMELINE_VIEW (view), timeline, groups, TRUE);
  window = show_in_window (view, 1200, 600);
  scale = gr_timeline_view_get_scale (GR_TIMELINE_VIEW (view));

  /* Today is in view, right of the middle. */
  g_assert_cmpfloat_with_epsilon (gr_timeline_scale_day_to_view (scale, day ("2026-11-25")),
                                  0.55 * (gtk_widget_get_width (view) - GR_TIMELINE_LABEL_WIDTH), 2);

  row = find_row (view, "l1");
  g_assert_nonnull (row);
  /* 2026-08-15 is inside the vacancy (Jun–Sep, deadline 2026-09-30). */
  at_vacancy = gr_timeline_row_describe_at (row, GR_TIMELINE_LABEL_WIDTH +
                                            gr_timeline_scale_day_to_view (scale, day ("2026-08-15")));
  g_test_message ("%s", at_vacancy);
  g_assert_nonnull (strstr (at_vacancy, "2026-09-30"));
  g_assert_nonnull (strstr (at_vacancy, "2026-06-01"));
  g_assert_nonnull (strstr (at_vacancy, "2,000 t still to rotate in (56 days overdue)"));
  g_assert_nonnull (strstr (gr_timeline_row_get_summary (row), "l1"));

  row = find_row (view, "l2");
  g_assert_nonnull (row);
  /* Entered December 2023: its 3 years end on 2026-11-30, this year. */
  at_limit = gr_timeline_row_describe_at (row, GR_TIMELINE_LABEL_WIDTH +
                                          gr_timeline_scale_day_to_view (scale, day ("2026-12-01")));
  g_assert_nonnull (strstr (at_limit, "end of the storage-year limit"));
  g_assert_nonnull (strstr (at_limit, "Due this year: rotate by 2026-11-30 (5 days left)"));
  at_label = gr_timeline_row_describe_at (row, 10);
  g_assert_null (strstr (at_label, "end of the storage-year limit"));

  zoom = gr_timeline_scale_get_zoom (scale);
  gtk_widget_activate_action (view, "timeline.zoom-in", NULL);
  g_assert_cmpint (gr_timeline_scale_get_zoom (scale), ==, zoom + 1);
  gtk_widget_activate_action (view, "timeline.zoom-out", NULL);
  gtk_widget_activate_action (view, "timeline.zoom-out", NULL);
  g_assert_cmpint (gr_timeline_scale_get_zoom (scale), ==, zoom - 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  /* The display and libadwaita first: the isolated directories of the
   * tests (the fixture's databases) hide the system's settings schemas. */
  have_display = gtk_init_check ();
  if (have_display)
    adw_init ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/timeline-scale/geometry", test_scale_geometry);
  g_test_add_func ("/timeline-scale/zoom-anchor", test_scale_zoom_anchor);
  g_test_add_func ("/timeline-view/tree-grouping", test_tree_grouping);
  g_test_add_func ("/timeline-view/nodes-read-again", test_nodes_update);
  g_test_add_func ("/timeline-view/dongguan-17-row-read-again", test_view_read_again);
  g_test_add_func ("/timeline-view/visible-rows", test_visible_rows);
  g_test_add_func ("/timeline-view/dongguan-17-tooltip-and-zoom", test_row_tooltip_and_zoom);
  return g_test_run ();
}
