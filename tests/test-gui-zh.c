/* test-gui-zh.c: with LANG=zh_CN.UTF-8 the UI is Chinese, quantities in 吨, dates as 2026年6月30日
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "gr-date-button.h"
#include "gr-format.h"
#include "gr-gui-test.h"

static void
test_page_titles (GrGuiFixture  *fixture,
                  gconstpointer  data)
{
  static const char * const titles[] = { "总览", "库存", "轮换", "等级", "检查", "报表", NULL };
  GrWindow *window = gr_gui_open_window (fixture, NULL);
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (gr_window_get_view_stack (window));

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "粮储通");
  for (guint i = 0; titles[i] != NULL; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, titles[i]);
    }

  g_assert_true (gr_gui_wait_view (window, "first-run"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (gr_gui_find_button (GTK_WIDGET (window), "win.load-demo"))),
                   ==, "加载演示数据");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (gr_gui_find_button (GTK_WIDGET (window), "win.import"))),
                   ==, "导入数据集…");
  g_assert_nonnull (gr_gui_find_label (GTK_WIDGET (window), "欢迎使用粮储通"));
}

static void
test_overview_chinese (GrGuiFixture  *fixture,
                       gconstpointer  data)
{
  GrWindow *window;
  GtkWidget *overview;
  GtkWidget *label;
  GrKpiTile *finished;
  GDate date;
  g_autofree char *text = NULL;

  gr_gui_seed_ledger (fixture->db_path, "dongguan-2025", FALSE);
  window = gr_gui_open_window (fixture, NULL);
  g_assert_true (gr_gui_wait_overview (window));
  overview = GTK_WIDGET (gr_gui_get_overview (window));

  /* 12,560 吨 of finished grain (清远 表2 row 6) with thousands
   * separators, the profile and the targets by their Chinese names. */
  finished = gr_gui_find_tile (overview, "成品粮");
  g_assert_nonnull (finished);
  g_assert_cmpstr (gr_kpi_tile_get_value_text (finished), ==, "12,560");
  label = gr_gui_find_label_containing (overview, "东莞市 2025");
  g_assert_nonnull (label);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "清远市“十四五”规划"));
  /* The day, on the button that chooses it. */
  label = gr_gui_find_label_containing (gr_gui_find_type (overview, GR_TYPE_DATE_BUTTON), "截至");
  g_assert_nonnull (label);

  /* Dates as 2026年6月30日 (no leading zeros). */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 30, G_DATE_JUNE, 2026);
  text = gr_format_date (&date);
  g_assert_cmpstr (text, ==, "2026年6月30日");
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("GR_TEST_LOCALEDIR");

  g_test_init (&argc, &argv, NULL);

  /* The locale must exist on the machine (locales: zh_CN.UTF-8 UTF-8). */
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_message ("The zh_CN.UTF-8 locale is not installed: skipping");
      return 77;
    }
  g_assert_nonnull (localedir);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!gr_gui_test_init ())
    {
      g_test_message ("No display: run the GUI tests under xvfb-run");
      return 77;
    }

#define ADD(path, func) \
  g_test_add (path, GrGuiFixture, NULL, gr_gui_fixture_setup, func, gr_gui_fixture_teardown)
  ADD ("/gui/zh_CN/pages", test_page_titles);
  ADD ("/gui/zh_CN/overview", test_overview_chinese);
#undef ADD

  return g_test_run ();
}
