/* test-gui-reports.c: the Reports page on the city demo (as of 2026-11-25)
 *
 * The preview's cells are read back from its column views and compared
 * with the monthly report and the subsidy statement the core computes;
 * filing says on time or late against deadlines counted by hand
 * (Zhongshan 第十五条: 5 working days after the month); an export runs in
 * a worker and a cancelled one leaves no file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "gr-demo.h"
#include "gr-doc-words.h"
#include "gr-format.h"
#include "gr-gui-test.h"
#include "gr-profile.h"
#include "gr-report-monthly.h"
#include "gr-report-subsidy.h"
#include "gr-reports-page.h"
#include "gr-store.h"

#define TODAY "2026-11-25"

typedef struct {
  GrReportsPage *page;
  guint          n;
} Wait;

static gboolean
loaded (gpointer data)
{
  Wait *wait = data;

  return gr_reports_page_get_n_loads (wait->page) > wait->n;
}

static gboolean
exported (gpointer data)
{
  Wait *wait = data;

  return gr_reports_page_get_n_exports (wait->page) > wait->n;
}

static void
show (GrReportsPage *page,
      GrReportKind   kind,
      const char    *enterprise,
      const char    *period)
{
  Wait wait = { page, gr_reports_page_get_n_loads (page) };

  gr_reports_page_show_report (page, kind, enterprise, period);
  g_assert_true (gr_gui_wait (loaded, &wait, 30000));
  /* A load the window started meanwhile may still come in: let it. */
  gr_gui_spin (200);
  g_assert_true (gr_gui_wait (loaded, &wait, 30000));
}

static char *
tonnes (gint64 kg)
{
  g_autofree char *whole = gr_format_thousands (kg / 1000);

  return g_strdup_printf ("%s.%03d", whole, (int) (kg % 1000));
}

static void
assert_cell (GrReportsPage *page,
             guint          section,
             guint          row,
             guint          column,
             const char    *expected)
{
  g_autofree char *cell = gr_reports_page_dup_cell (page, section, row, column);

  g_assert_cmpstr (cell, ==, expected);
}

static GrReportsPage *
open_page (GrGuiFixture *fixture,
           GrWindow    **out_window)
{
  g_autoptr(GError) error = NULL;
  GrWindow *window;
  GrReportsPage *page;

  {
    g_autoptr(GrStore) store = gr_store_open (fixture->db_path, &error);

    g_assert_no_error (error);
    g_assert_true (gr_demo_generate (store, GR_DEMO_CITY, 1, 1.0, TODAY, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  window = gr_gui_open_window (fixture, "reports");
  g_assert_true (gr_gui_wait_view (window, "shell"));
  page = gr_window_get_reports_page (window);
  g_assert_true (GR_IS_REPORTS_PAGE (page));
  if (out_window != NULL)
    *out_window = window;
  return page;
}

/* The monthly report of October 2026: every row and the totals as the
 * core computes them, and the filing on time. */
static void
test_monthly (GrGuiFixture  *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrMonthlyReport) report = NULL;
  GrReportsPage *page = open_page (fixture, NULL);
  gint64 closing = 0;

  show (page, GR_REPORT_MONTHLY, "ent-01", "2026-10");
  {
    g_autoptr(GrStore) store = gr_store_open (fixture->db_path, &error);

    g_assert_no_error (error);
    report = gr_monthly_report_build (store, "ent-01", "2026-10", TODAY, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (report->rows->len, >, 10);
  g_assert_cmpuint (gr_reports_page_get_n_rows (page, 0), ==, report->rows->len + 1);
  for (guint i = 0; i < report->rows->len; i++)
    {
      GrMonthlyRow *row = report->rows->pdata[i];
      g_autofree char *o = tonnes (row->opening_kg), *in = tonnes (row->in_kg);
      g_autofree char *out = tonnes (row->out_kg), *c = tonnes (row->closing_kg);

      assert_cell (page, 0, i, 0, row->depot_name);
      assert_cell (page, 0, i, 1, gr_doc_variety_name (row->variety));
      assert_cell (page, 0, i, 2, o);
      assert_cell (page, 0, i, 3, in);
      assert_cell (page, 0, i, 4, out);
      assert_cell (page, 0, i, 5, c);
      closing += row->closing_kg;
    }
  {
    g_autofree char *total = tonnes (closing);

    assert_cell (page, 0, report->rows->len, 0, "合计");
    assert_cell (page, 0, report->rows->len, 5, total);
  }
  /* The summary tile says the same. */
  {
    GrKpiTile *tile = gr_gui_find_tile (GTK_WIDGET (page), "Closing Stock");

    g_assert_nonnull (tile);
    g_assert_cmpfloat (gr_kpi_tile_get_value (tile), ==, closing / 1000.0);
  }
  /* Rotation progress: one row per variety, then the totals. */
  g_assert_cmpuint (gr_reports_page_get_n_rows (page, 1), ==, report->rotation->len + 1);
  for (guint i = 0; i < report->rotation->len; i++)
    {
      GrMonthlyRotation *r = report->rotation->pdata[i];
      g_autofree char *ytd = tonnes (r->out_ytd_kg);

      assert_cell (page, 1, i, 0, gr_doc_variety_name (r->variety));
      assert_cell (page, 1, i, 4, ytd);
    }

  /* 31 October 2026 is a Saturday: Mon 2 … Fri 6 November. */
  g_assert_cmpstr (gr_reports_page_get_status (page), ==, "Filed on 2026-11-03: on time (due by 2026-11-06).");
  /* 31 August 2026 is a Monday: 1, 2, 3, 4 and 7 September. */
  show (page, GR_REPORT_MONTHLY, "ent-01", "2026-08");
  g_assert_cmpstr (gr_reports_page_get_status (page), ==, "Filed on 2026-09-21: late (due by 2026-09-07).");
}

/* The subsidy statement of 2026 for every enterprise: one row per plan
 * with its basis and days, as the core computes them. */
static void
test_subsidy (GrGuiFixture  *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrSubsidyStatement) statement = NULL;
  g_autoptr(GrProfile) profile = NULL;
  GrReportsPage *page = open_page (fixture, NULL);

  show (page, GR_REPORT_SUBSIDY, NULL, "2026");
  {
    g_autoptr(GrStore) store = gr_store_open (fixture->db_path, &error);
    g_autofree char *id = NULL;

    g_assert_no_error (error);
    id = gr_store_get_meta (store, "profile");
    profile = gr_profile_load (id, &error);
    g_assert_no_error (error);
    statement = gr_subsidy_compute (store, profile, 2026, 0, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (statement->plans->len, >, 5);
  g_assert_cmpuint (gr_reports_page_get_n_rows (page, 0), ==, statement->plans->len + 1);
  for (guint i = 0; i < statement->plans->len; i++)
    {
      GrSubsidyPlan *p = statement->plans->pdata[i];
      g_autofree char *basis = tonnes (p->basis_kg);
      g_autofree char *days = g_strdup_printf ("%u", p->days_quantity);
      g_autofree char *actual = g_strdup_printf ("%u", p->days_actual);

      assert_cell (page, 0, i, 1, gr_doc_variety_name (p->variety));
      assert_cell (page, 0, i, 4, basis);
      assert_cell (page, 0, i, 5, days);
      assert_cell (page, 0, i, 6, actual);
    }
  /* Dongguan's profile sets no rates: the statement shows the basis only. */
  g_assert_nonnull (strstr (gr_reports_page_get_status (page), "365 days, of 365 in the year."));
}

/* An export in a worker writes the spreadsheet; one cancelled at once
 * leaves nothing. */
static void
test_export (GrGuiFixture  *fixture,
             gconstpointer  data)
{
  GrReportsPage *page = open_page (fixture, NULL);
  g_autofree char *xlsx = g_build_filename (fixture->dir, "report.xlsx", NULL);
  g_autofree char *pdf = g_build_filename (fixture->dir, "cancelled.pdf", NULL);
  g_autoptr(GFile) xlsx_file = g_file_new_for_path (xlsx);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
  g_autofree char *content = NULL;
  gsize length = 0;
  Wait wait = { page, 0 };

  show (page, GR_REPORT_MONTHLY, "ent-01", "2026-10");
  wait.n = gr_reports_page_get_n_exports (page);
  gr_reports_page_export (page, GR_DOC_FORMAT_XLSX, xlsx_file);
  g_assert_true (gr_gui_wait (exported, &wait, 30000));
  g_assert_null (gr_reports_page_get_export_error (page));
  g_assert_true (g_file_get_contents (xlsx, &content, &length, NULL));
  g_assert_true (length > 1000 && memcmp (content, "PK\003\004", 4) == 0);

  wait.n = gr_reports_page_get_n_exports (page);
  gr_reports_page_export (page, GR_DOC_FORMAT_PDF, pdf_file);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reports.cancel", NULL));
  g_assert_true (gr_gui_wait (exported, &wait, 30000));
  g_assert_true (g_error_matches (gr_reports_page_get_export_error (page), G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

static gboolean
dialog_shown (gpointer data)
{
  return gr_gui_find_message_dialog (GTK_WINDOW (data)) != NULL;
}

/* The demo leaves April 2026 unfiled (due by 11 May after the May Day
 * holiday of 1–5 May): filing it now, after a confirmation, is late. */
static void
test_file (GrGuiFixture  *fixture,
           gconstpointer  data)
{
  GrWindow *window = NULL;
  GrReportsPage *page = open_page (fixture, &window);
  g_autofree char *filed = NULL, *today = gr_today_iso ();
  AdwMessageDialog *dialog;
  Wait wait = { page, 0 };

  show (page, GR_REPORT_MONTHLY, "ent-01", "2026-04");
  g_assert_cmpstr (gr_reports_page_get_status (page), ==, "Not filed, overdue (due by 2026-05-11).");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reports.file", NULL));
  g_assert_true (gr_gui_wait (dialog_shown, window, 5000));
  dialog = gr_gui_find_message_dialog (GTK_WINDOW (window));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "is late: the report was due by 2026-05-11."));
  wait.n = gr_reports_page_get_n_loads (page);
  adw_message_dialog_response (dialog, "file");
  g_assert_true (gr_gui_wait (loaded, &wait, 30000));
  gr_gui_spin (200);

  filed = gr_gui_query_text (fixture->db_path,
                             "SELECT filed_on FROM monthly_reports WHERE enterprise = 'ent-01' AND month = '2026-04'");
  g_assert_cmpstr (filed, ==, today);
  {
    g_autofree char *expected = g_strdup_printf ("Filed on %s: late (due by 2026-05-11).", today);

    g_assert_cmpstr (gr_reports_page_get_status (page), ==, expected);
  }
  /* Filed once: the action is off now. */
  g_assert_false (gtk_widget_is_sensitive (gr_gui_find_button (GTK_WIDGET (page), "reports.file")));
}

int
main (int   argc,
      char *argv[])
{
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
  ADD ("/gui/reports/monthly/zhongshan-15", test_monthly);
  ADD ("/gui/reports/subsidy", test_subsidy);
  ADD ("/gui/reports/export", test_export);
  ADD ("/gui/reports/file/zhongshan-15", test_file);
#undef ADD

  return g_test_run ();
}
