/* test-gui-stock.c: the Stock page on the city demo (as of 2026-11-25)
 *
 * The figures the page shows are read back from its model and widgets and
 * compared with sums the test takes from the database itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "gr-cell-text.h"
#include "gr-demo.h"
#include "gr-format.h"
#include "gr-gui-test.h"
#include "gr-lot-view.h"
#include "gr-movement-dialog.h"
#include "gr-stock-page.h"
#include "gr-stock-row.h"
#include "gr-store.h"

#define TODAY "2026-11-25"

static char *city_db;

/* The city demo, written once and copied for each test. */
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
      /* One file to copy: fold the write-ahead log in. */
      g_assert_true (gr_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
    }
  g_assert_true (g_file_get_contents (city_db, &contents, &length, &error));
  g_assert_true (g_file_set_contents (fixture->db_path, contents, length, &error));
  g_assert_no_error (error);
}

static gint64
sql_int (const char *db_path,
         const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrStore) store = gr_store_open (db_path, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_no_error (error);
  stmt = gr_store_prepare (store, sql, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
page_idle (gpointer data)
{
  GrStockPage *page = data;

  return !gr_stock_page_get_busy (page) && gr_stock_page_get_snapshot (page) != NULL;
}

static GrStockPage *
open_stock (GrGuiFixture *fixture,
            GrWindow    **out_window)
{
  GrWindow *window;
  GrStockPage *page;

  copy_city (fixture);
  window = gr_gui_open_window (fixture, "stock");
  g_assert_true (gr_gui_wait_view (window, "shell"));
  page = gr_window_get_stock_page (window);
  g_assert_true (GR_IS_STOCK_PAGE (page));
  /* The demo's today, whatever the clock says. */
  gr_stock_page_set_as_of (page, TODAY);
  gr_stock_page_reload (page);
  g_assert_true (gr_gui_wait (page_idle, page, 20000));
  if (out_window != NULL)
    *out_window = window;
  return page;
}

static void
wait_idle (GrStockPage *page)
{
  gr_gui_spin (20);
  g_assert_true (gr_gui_wait (page_idle, page, 20000));
}

/* The rows as the table shows them, and the sum of their stock. */
static guint
model_rows (GrStockPage *page,
            gint64      *out_kg)
{
  GListModel *model = gr_stock_page_get_model (page);
  guint n = g_list_model_get_n_items (model);
  gint64 kg = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GrStockRow) row = g_list_model_get_item (model, i);
      gint64 stock;

      g_object_get (row, "stock-kg", &stock, NULL);
      kg += stock;
    }
  if (out_kg != NULL)
    *out_kg = kg;
  return n;
}

static void
assert_totals_label (GrStockPage *page,
                     const char  *count,
                     gint64       kg)
{
  g_autofree char *tonnes = gr_format_tonnes (kg);
  g_autofree char *expected = g_strdup_printf ("%s · stock %s", count, tonnes);

  g_assert_nonnull (gr_gui_find_label (GTK_WIDGET (page), expected));
}

static void
test_tables (GrGuiFixture  *fixture,
             gconstpointer  data)
{
  GrStockPage *page = open_stock (fixture, NULL);
  gint64 in_store = sql_int (fixture->db_path, "SELECT count (*) FROM lots WHERE balance_kg > 0 AND deleted = 0");
  gint64 stock = sql_int (fixture->db_path, "SELECT sum (balance_kg) FROM lots WHERE balance_kg > 0 AND deleted = 0");
  gint64 all_lots = sql_int (fixture->db_path, "SELECT count (*) FROM lots WHERE deleted = 0");
  g_autofree char *count = NULL;
  gint64 kg;

  /* The city demo: 52 lots in store of 534. */
  g_assert_cmpint (in_store, ==, 52);
  g_assert_cmpint (all_lots, ==, 534);

  /* Lots, in store by default. */
  g_assert_cmpint (gr_stock_page_get_level (page), ==, GR_STOCK_LEVEL_LOT);
  g_assert_cmpstr (gr_stock_page_get_view (page), ==, "ledger");
  g_assert_cmpuint (model_rows (page, &kg), ==, in_store);
  g_assert_cmpint (kg, ==, stock);
  g_assert_cmpuint (gr_stock_page_get_n_rows (page), ==, in_store);
  g_assert_cmpint (gr_stock_page_get_total_kg (page), ==, stock);
  assert_totals_label (page, "52 lots", stock);

  /* Largest first; a click on the column turns it round (the lots are
   * sorted in a worker, by the column the view's sorter names). */
  {
    GtkColumnView *table = gr_stock_page_get_table (page);
    GListModel *columns = gtk_column_view_get_columns (table);
    g_autoptr(GtkColumnViewColumn) stock_column = g_list_model_get_item (columns, g_list_model_get_n_items (columns) - 1);
    g_autoptr(GrStockRow) first = g_list_model_get_item (gr_stock_page_get_model (page), 0);

    g_assert_cmpint (gr_stock_row_get_stock_kg (first),
                     ==, sql_int (fixture->db_path, "SELECT max (balance_kg) FROM lots"));
    g_clear_object (&first);
    gtk_column_view_sort_by_column (table, stock_column, GTK_SORT_ASCENDING);
    wait_idle (page);
    first = g_list_model_get_item (gr_stock_page_get_model (page), 0);
    g_assert_cmpint (gr_stock_row_get_stock_kg (first),
                     ==, sql_int (fixture->db_path, "SELECT min (balance_kg) FROM lots WHERE balance_kg > 0"));
    g_assert_cmpuint (model_rows (page, &kg), ==, in_store);
    g_assert_cmpint (kg, ==, stock);
  }

  /* Enterprises, depots, bins: every record, the same stock in all. */
  gr_stock_page_set_level (page, GR_STOCK_LEVEL_ENTERPRISE);
  wait_idle (page);
  g_assert_cmpuint (model_rows (page, &kg), ==, 4);
  g_assert_cmpint (kg, ==, stock);
  assert_totals_label (page, "4 enterprises", stock);

  gtk_widget_activate_action (GTK_WIDGET (page), "stock.level", "s", "depot");
  wait_idle (page);
  g_assert_cmpint (gr_stock_page_get_level (page), ==, GR_STOCK_LEVEL_DEPOT);
  g_assert_cmpuint (model_rows (page, &kg), ==, 21);
  g_assert_cmpint (kg, ==, stock);

  gr_stock_page_set_level (page, GR_STOCK_LEVEL_BIN);
  wait_idle (page);
  g_assert_cmpuint (model_rows (page, &kg), ==, sql_int (fixture->db_path, "SELECT count (*) FROM bins"));
  g_assert_cmpint (kg, ==, stock);

  /* Activating a bin row goes down to its lots. */
  {
    GListModel *model = gr_stock_page_get_model (page);
    g_autoptr(GrStockRow) first = g_list_model_get_item (model, 0);
    g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM lots WHERE bin = '%s' AND balance_kg > 0",
                                            gr_stock_row_get_id (first));

    g_signal_emit_by_name (gr_stock_page_get_table (page), "activate", 0);
    wait_idle (page);
    g_assert_cmpint (gr_stock_page_get_level (page), ==, GR_STOCK_LEVEL_LOT);
    g_assert_cmpstr (gr_stock_page_get_filter (page)->bin, ==, gr_stock_row_get_id (first));
    g_assert_cmpuint (model_rows (page, NULL), ==, sql_int (fixture->db_path, sql));
  }

  /* All lots, emptied ones too. */
  gtk_widget_activate_action (GTK_WIDGET (page), "stock.clear-filters", NULL);
  g_assert_true (gr_stock_page_show (page, "empty:yes", NULL));
  wait_idle (page);
  g_assert_cmpuint (model_rows (page, &kg), ==, all_lots);
  g_assert_cmpint (kg, ==, stock);
  count = g_strdup_printf ("%" G_GINT64_FORMAT " lots", all_lots);
  assert_totals_label (page, count, stock);
}

static void
test_filters (GrGuiFixture  *fixture,
              gconstpointer  data)
{
  GrStockPage *page = open_stock (fixture, NULL);
  gint64 wheat = sql_int (fixture->db_path, "SELECT count (*) FROM lots WHERE variety = 'wheat' AND balance_kg > 0");
  gint64 wheat_kg = sql_int (fixture->db_path, "SELECT sum (balance_kg) FROM lots WHERE variety = 'wheat' AND balance_kg > 0");
  gint64 old = sql_int (fixture->db_path,
                        "SELECT count (*) FROM lots WHERE balance_kg > 0 AND"
                        " (2026 - CAST (substr (entered_on, 1, 4) AS INTEGER)) * 12"
                        " + (11 - CAST (substr (entered_on, 6, 2) AS INTEGER)) + 1 > 36");
  GtkDropDown *variety = NULL;
  GListModel *names;
  gint64 kg;

  g_assert_cmpint (wheat, >, 0);
  g_assert_cmpint (wheat, <, 52);

  /* The variety dropdown, as a user picks 小麦 in it. */
  variety = GTK_DROP_DOWN (gtk_widget_get_ancestor (gr_gui_find_label (GTK_WIDGET (page), "All varieties"),
                                                    GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (variety);
  names = gtk_drop_down_get_model (variety);
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "Wheat") == 0)
      gtk_drop_down_set_selected (variety, i);
  wait_idle (page);
  g_assert_cmpstr (gr_stock_page_get_filter (page)->variety, ==, "wheat");
  g_assert_cmpuint (model_rows (page, &kg), ==, wheat);
  g_assert_cmpint (kg, ==, wheat_kg);

  /* At the depot level the figures are the wheat in each depot. */
  gr_stock_page_set_level (page, GR_STOCK_LEVEL_DEPOT);
  wait_idle (page);
  model_rows (page, &kg);
  g_assert_cmpint (kg, ==, wheat_kg);
  g_assert_cmpint (gr_stock_page_get_total_kg (page), ==, wheat_kg);

  /* Storage age over 3 years (当月起算): the planted old paddy lot. */
  g_assert_true (gr_stock_page_show (page, "level:lot age:over-3y", NULL));
  wait_idle (page);
  g_assert_cmpint (old, >=, 1);
  g_assert_cmpuint (model_rows (page, NULL), ==, old);

  /* Search: one lot by its id. */
  g_assert_true (gr_stock_page_show (page, "lot-000395", NULL));
  wait_idle (page);
  g_assert_cmpuint (model_rows (page, &kg), ==, 1);
  g_assert_cmpint (kg, ==, sql_int (fixture->db_path, "SELECT balance_kg FROM lots WHERE id = 'lot-000395'"));
}

static void
test_show_stock_action (GrGuiFixture  *fixture,
                        gconstpointer  data)
{
  GrWindow *window = NULL;
  GrStockPage *page = open_stock (fixture, &window);
  gint64 wheat = sql_int (fixture->db_path, "SELECT count (*) FROM lots WHERE variety = 'wheat' AND balance_kg > 0");
  GrLotView *lot_view;

  adw_view_stack_set_visible_child_name (gr_window_get_view_stack (window), "overview");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-stock", "s", "variety:wheat");
  wait_idle (page);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (gr_window_get_view_stack (window)), ==, "stock");
  g_assert_cmpstr (gr_stock_page_get_filter (page)->variety, ==, "wheat");
  g_assert_cmpuint (model_rows (page, NULL), ==, wheat);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-stock", "s", "enterprise:ent-02");
  wait_idle (page);
  g_assert_null (gr_stock_page_get_filter (page)->variety);
  g_assert_cmpuint (model_rows (page, NULL), ==,
                    sql_int (fixture->db_path, "SELECT count (*) FROM lots l JOIN bins b ON b.id = l.bin"
                                               " JOIN depots d ON d.id = b.depot WHERE d.enterprise = 'ent-02' AND l.balance_kg > 0"));

  /* A lot opens its detail: the card (Dongguan 第二十六条) and its movements. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-stock", "s", "lot:lot-000395");
  wait_idle (page);
  g_assert_cmpstr (gr_stock_page_get_view (page), ==, "lot");
  lot_view = GR_LOT_VIEW (gr_stock_page_get_lot_view (page));
  g_assert_cmpstr (gr_lot_view_get_lot (lot_view), ==, "lot-000395");
  g_assert_cmpstr (gr_lot_view_get_card_value (lot_view, "Quantity"), ==, "5,780 t");
  g_assert_cmpstr (gr_lot_view_get_card_value (lot_view, "Variety"), ==, "Mid/late indica paddy");
  g_assert_cmpstr (gr_lot_view_get_card_value (lot_view, "Harvest year"), ==, "2023");
  g_assert_cmpstr (gr_lot_view_get_card_value (lot_view, "Rotation mode"), ==, "Autonomous");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (gr_lot_view_get_movements (lot_view)))), ==,
                    sql_int (fixture->db_path, "SELECT count (*) FROM movements WHERE lot = 'lot-000395'"));

  /* Bad text: a toast, and the page as it was. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-stock", "s", "variety:barley");
  gr_gui_spin (50);
  g_assert_cmpstr (gr_stock_page_get_view (page), ==, "lot");
}

static GrMovementDialog *
find_dialog (void)
{
  GtkWindow *window = gr_gui_find_toplevel (GR_TYPE_MOVEMENT_DIALOG);

  return window ? GR_MOVEMENT_DIALOG (window) : NULL;
}

static gboolean
dialog_idle (gpointer data)
{
  return !gr_movement_dialog_get_busy (data);
}

static GrMovementDialog *
open_dialog (GrStockPage *page,
             const char  *lot)
{
  GrMovementDialog *dialog;

  gr_stock_page_open_lot (page, lot);
  wait_idle (page);
  gtk_widget_activate_action (GTK_WIDGET (gr_stock_page_get_lot_view (page)), "stock.record-movement", NULL);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  return dialog;
}

/* DESIGN.md §3: a local rotate-out beyond the balance is refused, with the
 * numbers, and what was typed stays. */
static void
test_movement_refused (GrGuiFixture  *fixture,
                       gconstpointer  data)
{
  GrStockPage *page = open_stock (fixture, NULL);
  gint64 before = sql_int (fixture->db_path, "SELECT count (*) FROM movements");
  GrMovementDialog *dialog = open_dialog (page, "lot-000395");

  gr_movement_dialog_fill (dialog, "rotate_out", TODAY, "5780.001");
  gr_movement_dialog_save (dialog);
  g_assert_true (gr_gui_wait (dialog_idle, dialog, 20000));
  g_assert_cmpstr (gr_movement_dialog_get_message (dialog), ==,
                   "The lot holds 5,780 t on 2026-11-25: taking out 5,780.001 t would leave -0.001 t, below zero");
  g_assert_nonnull (gr_gui_find_label (GTK_WIDGET (dialog),
                                       "The lot holds 5,780 t on 2026-11-25: taking out 5,780.001 t would leave -0.001 t, below zero"));
  g_assert_cmpstr (gr_movement_dialog_get_quantity_text (dialog), ==, "5780.001");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpint (sql_int (fixture->db_path, "SELECT count (*) FROM movements"), ==, before);

  /* A date that is not a day of the calendar: refused before the database is asked. */
  gr_movement_dialog_fill (dialog, NULL, "2026-02-30", "10");
  gr_movement_dialog_save (dialog);
  g_assert_true (gr_gui_wait (dialog_idle, dialog, 20000));
  g_assert_cmpstr (gr_movement_dialog_get_message (dialog), ==, "2026-02-30 is not a day of the calendar");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
dialog_gone (gpointer data)
{
  return find_dialog () == NULL;
}

/* 东莞 第十七条: a rotate-out on a static plan warns of the vacancy; the
 * user may still save, and the lot's balance follows. */
static void
test_movement_warned_then_saved (GrGuiFixture  *fixture,
                                 gconstpointer  data)
{
  GrStockPage *page = open_stock (fixture, NULL);
  gint64 before = sql_int (fixture->db_path, "SELECT count (*) FROM movements");
  gint64 balance = sql_int (fixture->db_path, "SELECT balance_kg FROM lots WHERE id = 'lot-000418'");
  GrMovementDialog *dialog = open_dialog (page, "lot-000418");
  const GrLotDetail *detail;

  g_assert_cmpint (balance, >, 100000);
  gr_movement_dialog_fill (dialog, "rotate_out", TODAY, "100");
  gr_movement_dialog_save (dialog);
  g_assert_true (gr_gui_wait (dialog_idle, dialog, 20000));
  g_assert_true (gr_movement_dialog_get_warned (dialog));
  g_assert_nonnull (strstr (gr_movement_dialog_get_message (dialog),
                            "Rotating out 100 t opens a vacancy: the same quantity must be rotated in by 2027-03-31"));
  g_assert_nonnull (strstr (gr_movement_dialog_get_message (dialog), "第十七条"));
  g_assert_cmpint (sql_int (fixture->db_path, "SELECT count (*) FROM movements"), ==, before);

  /* Save anyway. */
  gr_movement_dialog_save (dialog);
  g_assert_true (gr_gui_wait (dialog_gone, NULL, 20000));
  g_assert_cmpint (sql_int (fixture->db_path, "SELECT count (*) FROM movements"), ==, before + 1);
  g_assert_cmpint (sql_int (fixture->db_path, "SELECT balance_kg FROM lots WHERE id = 'lot-000418'"), ==, balance - 100000);
  wait_idle (page);
  detail = gr_lot_view_get_detail (GR_LOT_VIEW (gr_stock_page_get_lot_view (page)));
  g_assert_nonnull (detail);
  g_assert_cmpint (detail->balance_kg, ==, balance - 100000);
}

static void
sql_exec (const char *db_path,
          const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrStore) store = gr_store_open (db_path, &error);

  g_assert_no_error (error);
  g_assert_true (gr_store_exec (store, sql, &error));
  g_assert_no_error (error);
}

/* Cells of the tables that show text. */
static guint
count_cells (GtkWidget  *root,
             const char *text)
{
  guint n = GR_IS_CELL_TEXT (root) && g_strcmp0 (gr_cell_text_get_text (GR_CELL_TEXT (root)), text) == 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    n += count_cells (child, text);
  return n;
}

static gboolean
model_holds (GListModel *model,
             gpointer    item)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (model, i);

      if (other == item)
        return TRUE;
    }
  return FALSE;
}

/* The database read again (as after a sync or an import): lots that
 * are the same in the same places stay the same rows of the table, with
 * what they show brought up to date; a row that no longer passes the
 * filter leaves it; a lot that moves is shown in its new place. */
static void
test_refresh_keeps_rows (GrGuiFixture  *fixture,
                         gconstpointer  data)
{
  GrStockPage *page = open_stock (fixture, NULL);
  GListModel *model = gr_stock_page_get_model (page);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GrStockRow) first = g_list_model_get_item (model, 0);
  g_autoptr(GrStockRow) last = g_list_model_get_item (model, n - 1);
  g_autoptr(GrStockRow) middle = g_list_model_get_item (model, n / 2);
  g_autoptr(GrStockRow) now = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *quality = NULL;
  g_autofree char *middle_id = g_strdup (gr_stock_row_get_id (middle));
  gint64 slightly;
  guint shown;

  g_assert_cmpint (gr_stock_page_get_level (page), ==, GR_STOCK_LEVEL_LOT);
  g_assert_cmpuint (n, >, 10);
  sql = g_strdup_printf ("SELECT storage_quality = 'suitable' FROM lots WHERE id = '%s'", gr_stock_row_get_id (first));
  g_assert_cmpint (sql_int (fixture->db_path, sql), ==, 1);
  shown = count_cells (GTK_WIDGET (page), "Slightly unsuitable");

  /* The largest lot becomes slightly unsuitable: the same row shows it. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE lots SET storage_quality = 'slightly_unsuitable' WHERE id = '%s'",
                         gr_stock_row_get_id (first));
  sql_exec (fixture->db_path, sql);
  gr_stock_page_reload (page);
  wait_idle (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  now = g_list_model_get_item (model, 0);
  g_assert_true (now == first);
  g_clear_object (&now);
  now = g_list_model_get_item (model, n - 1);
  g_assert_true (now == last);
  g_clear_object (&now);
  g_object_get (first, "quality-name", &quality, NULL);
  g_assert_cmpstr (quality, ==, "Slightly unsuitable");
  g_assert_cmpuint (count_cells (GTK_WIDGET (page), "Slightly unsuitable"), ==, shown + 1);

  /* Filtered to slightly unsuitable lots, the same lot turns suitable
   * again: it leaves the table though its row was kept. */
  slightly = sql_int (fixture->db_path,
                      "SELECT count (*) FROM lots WHERE storage_quality = 'slightly_unsuitable' AND balance_kg > 0");
  g_assert_true (gr_stock_page_show (page, "level:lot quality:slightly_unsuitable", NULL));
  wait_idle (page);
  g_assert_cmpuint (model_rows (page, NULL), ==, slightly);
  g_assert_true (model_holds (model, first));
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE lots SET storage_quality = 'suitable' WHERE id = '%s'", gr_stock_row_get_id (first));
  sql_exec (fixture->db_path, sql);
  gr_stock_page_reload (page);
  wait_idle (page);
  g_assert_cmpuint (model_rows (page, NULL), ==, slightly - 1);
  g_assert_false (model_holds (model, first));

  /* Unfiltered again, a lot in the middle grows larger than any: it
   * leads the table (sorted by stock, largest first), and the rows after
   * its old place stay the same rows. */
  g_assert_true (gr_stock_page_show (page, "level:lot", NULL));
  wait_idle (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE lots SET balance_kg = (SELECT max (balance_kg) FROM lots) + 1000 WHERE id = '%s'",
                         middle_id);
  sql_exec (fixture->db_path, sql);
  gr_stock_page_reload (page);
  wait_idle (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  now = g_list_model_get_item (model, 0);
  g_assert_cmpstr (gr_stock_row_get_id (now), ==, middle_id);
  g_clear_object (&now);
  now = g_list_model_get_item (model, n - 1);
  g_assert_true (now == last);
}

/* The column titles: labels in the header row of a column view. */
static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (labels, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

/* At 1280×800 (the default size) every table fits its frame with every
 * title readable (whole, or shortened with the whole title in a
 * tooltip); a narrower window is never widened by a table: it scrolls
 * sideways in its own frame. */
static void
test_fit (GrGuiFixture  *fixture,
          gconstpointer  data)
{
  GrWindow *window;
  GrStockPage *page = open_stock (fixture, &window);
  int minimum, natural, width;

  /* The default size: 1280 pixels, less what decorations take. */
  gr_gui_spin (100);
  width = gtk_widget_get_width (GTK_WIDGET (window));
  g_assert_cmpint (width, <=, 1280);
  g_assert_cmpint (width, >=, 1240);
  for (GrStockLevel level = GR_STOCK_LEVEL_ENTERPRISE; level <= GR_STOCK_LEVEL_LOT; level++)
    {
      GtkColumnView *table;
      GtkScrolledWindow *scroller;
      GtkAdjustment *hadjustment;
      GtkWidget *header;
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();

      gr_stock_page_set_level (page, level);
      wait_idle (page);
      gr_gui_spin (100);
      table = gr_stock_page_get_table (page);
      scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (table), GTK_TYPE_SCROLLED_WINDOW));
      hadjustment = gtk_scrolled_window_get_hadjustment (scroller);
      g_test_message ("level %d: table %.0f px in %.0f", level,
                      gtk_adjustment_get_upper (hadjustment), gtk_adjustment_get_page_size (hadjustment));
      g_assert_cmpfloat (gtk_adjustment_get_upper (hadjustment), <=, gtk_adjustment_get_page_size (hadjustment));
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, width);

      /* The header is the view's first child, a title per column; the
       * labels in them are the titles' texts, given what the column
       * leaves them (an ellipsized label is given less than its natural
       * width, one cut off is given its whole width and clipped). */
      header = gtk_widget_get_first_child (GTK_WIDGET (table));
      collect_labels (header, labels);
      g_assert_cmpuint (labels->len, ==, g_list_model_get_n_items (gtk_column_view_get_columns (table)));
      for (guint i = 0; i < labels->len; i++)
        {
          GtkWidget *label = labels->pdata[i];
          GtkWidget *title = label;
          graphene_rect_t bounds;
          int label_natural;

          while (gtk_widget_get_parent (title) != header)
            title = gtk_widget_get_parent (title);
          gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &label_natural, NULL, NULL);
          g_test_message ("  %s: %d px, %d px given", gtk_label_get_label (GTK_LABEL (label)), label_natural,
                          gtk_widget_get_width (label));
          /* Inside its title, never cut off at the column's edge. */
          g_assert_true (gtk_widget_compute_bounds (label, title, &bounds));
          g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (title));
          if (label_natural <= gtk_widget_get_width (label))
            continue;
          /* Shortened: ellipsized, never cut, and whole in the tooltip. */
          g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (label)), ==, PANGO_ELLIPSIZE_END);
          g_assert_cmpstr (gtk_widget_get_tooltip_text (label), ==, gtk_label_get_label (GTK_LABEL (label)));
        }
    }

  /* Whatever the table, the window can be narrower than a laptop's. */
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_test_message ("window: minimum %d, natural %d", minimum, natural);
  g_assert_cmpint (minimum, <=, 1024);
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
  ADD ("/gui/stock/tables", test_tables);
  ADD ("/gui/stock/fit", test_fit);
  ADD ("/gui/stock/filters", test_filters);
  ADD ("/gui/stock/show-stock", test_show_stock_action);
  ADD ("/gui/stock/movement-refused", test_movement_refused);
  ADD ("/gui/stock/movement-warned-then-saved", test_movement_warned_then_saved);
  ADD ("/gui/stock/refresh-keeps-rows", test_refresh_keeps_rows);
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
