/* test-cell-text.c: the table cell that sizes itself from its font
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "gr-cell-text.h"
#include "gr-widget-test.h"

static gboolean have_display;

/* What the cell shows is the text of its markup; the same markup again
 * changes nothing; markup that cannot be parsed is shown as it is. */
static void
test_text_and_markup (void)
{
  GtkWidget *cell;

  REQUIRE_DISPLAY ();

  cell = g_object_ref_sink (gr_cell_text_new ());
  g_assert_cmpstr (gr_cell_text_get_text (GR_CELL_TEXT (cell)), ==, "");

  /* The tonnes column's form: hidden zeros keep the decimal points aligned. */
  gr_cell_text_set_markup (GR_CELL_TEXT (cell), "1,234<span alpha=\"1\">.000</span>");
  g_assert_cmpstr (gr_cell_text_get_text (GR_CELL_TEXT (cell)), ==, "1,234.000");
  gr_cell_text_set_markup (GR_CELL_TEXT (cell), "1,234<span alpha=\"1\">.000</span>");
  g_assert_cmpstr (gr_cell_text_get_text (GR_CELL_TEXT (cell)), ==, "1,234.000");

  gr_cell_text_set_text (GR_CELL_TEXT (cell), "清远市粮食储备库");
  g_assert_cmpstr (gr_cell_text_get_text (GR_CELL_TEXT (cell)), ==, "清远市粮食储备库");
  gr_cell_text_set_text (GR_CELL_TEXT (cell), NULL);
  g_assert_cmpstr (gr_cell_text_get_text (GR_CELL_TEXT (cell)), ==, "");

  g_test_expect_message ("gr-cell-text", G_LOG_LEVEL_WARNING, "*not shown as such*");
  gr_cell_text_set_markup (GR_CELL_TEXT (cell), "a < b");
  g_test_assert_expected_messages ();
  g_assert_cmpstr (gr_cell_text_get_text (GR_CELL_TEXT (cell)), ==, "a < b");
  g_object_unref (cell);
}

static void
measure (GtkWidget *cell,
         int       *width,
         int       *height)
{
  gtk_widget_measure (cell, GTK_ORIENTATION_HORIZONTAL, -1, width, NULL, NULL, NULL);
  gtk_widget_measure (cell, GTK_ORIENTATION_VERTICAL, -1, height, NULL, NULL, NULL);
}

static GskRenderNode *
find_text_node (GskRenderNode *node)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_TEXT_NODE:
      return node;
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        {
          GskRenderNode *found = find_text_node (gsk_container_node_get_child (node, i));

          if (found != NULL)
            return found;
        }
      return NULL;
    case GSK_TRANSFORM_NODE:
      return find_text_node (gsk_transform_node_get_child (node));
    default:
      return NULL;
    }
}

static void
spin (void)
{
  gint64 until = g_get_monotonic_time () + 100 * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* The size of the font the cell draws its text with, once a frame has
 * been painted (Pango units; 0 when it draws no text). */
static int
drawn_font_size (GtkWidget *cell)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (cell);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  spin ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (cell), gtk_widget_get_height (cell));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL || find_text_node (node) == NULL)
    return 0;
  {
    g_autoptr(PangoFontDescription) font = pango_font_describe (gsk_text_node_get_font (find_text_node (node)));

    return pango_font_description_get_size (font);
  }
}

/* The cell is one line of its font high and at least three characters
 * wide (six when asked), whatever its text: a new text is drawn, the
 * table is not laid out again. */
static void
test_size_from_font (void)
{
  GtkWidget *window, *cell;
  int width, height, width2, height2, font_size;

  REQUIRE_DISPLAY ();

  window = gtk_window_new ();
  cell = gr_cell_text_new ();
  gtk_window_set_child (GTK_WINDOW (window), cell);
  gtk_window_set_default_size (GTK_WINDOW (window), 200, 40);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (cell))
    g_main_context_iteration (NULL, TRUE);

  measure (cell, &width, &height);
  g_assert_cmpint (height, >, 8);
  g_assert_cmpint (width, >, 8);
  g_assert_cmpint (drawn_font_size (cell), ==, 0);

  gr_cell_text_set_text (GR_CELL_TEXT (cell), "中晚籼稻 · a much longer text than the cell can show at all");
  measure (cell, &width2, &height2);
  g_assert_cmpint (width2, ==, width);
  g_assert_cmpint (height2, ==, height);
  font_size = drawn_font_size (cell);
  g_assert_cmpint (font_size, >, 0);

  gr_cell_text_set_min_chars (GR_CELL_TEXT (cell), 6);
  measure (cell, &width2, &height2);
  g_assert_cmpint (width2, >=, 2 * width - 1);
  g_assert_cmpint (width2, <=, 2 * width + 1);
  g_assert_cmpint (height2, ==, height);

  /* A state that changes the colour only keeps the text as drawn; a
   * larger font is drawn and measured larger. */
  gtk_widget_set_state_flags (cell, GTK_STATE_FLAG_SELECTED, FALSE);
  g_assert_cmpint (drawn_font_size (cell), ==, font_size);
  gtk_widget_add_css_class (cell, "title-1");
  g_assert_cmpint (drawn_font_size (cell), >, font_size);
  measure (cell, &width2, &height2);
  g_assert_cmpint (height2, >, height);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  have_display = gtk_init_check ();
  if (have_display)
    adw_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cell-text/text-and-markup", test_text_and_markup);
  g_test_add_func ("/cell-text/size-from-font", test_size_from_font);
  return g_test_run ();
}
