/* test-documents.c: report documents read back: CSV bytes, the XLSX
 * package unzipped, PDF text and pages through pdftotext, information
 * cards (Dongguan 第二十六条) and their QR codes, the filing deadline
 * (Zhongshan 第十五条), and exports that fail leaving nothing behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <cairo.h>
#include <glib/gstdio.h>
#include <qrencode.h>
#include <string.h>

#include "gr-doc-cards.h"
#include "gr-doc-paper.h"
#include "gr-doc-reports.h"
#include "gr-doc-write.h"
#include "gr-error.h"
#include "gr-report-monthly.h"
#include "rules-fixture.h"

static GrStore *
world (void)
{
  GrStore *store = fx_new ();

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "static", "2024-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2025-11-01", 5000);
  fx_sql (store, "UPDATE lots SET grade = 2, harvest_year = 2025 WHERE id = 'l1'");
  fx_sql (store, "UPDATE bins SET keeper = '张保管' WHERE id = 'b1'");
  fx_move (store, "l1", "2026-02-05", "rotate_out", 1000.5);
  fx_settle (store, TRUE);
  return store;
}

static char *
temp_path (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("granary-doc-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, name, NULL);
}

static char *
run_tool (const char *const *argv)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error))
    g_error ("%s: %s", argv[0], error->message);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return g_steal_pointer (&out);
}

static gboolean
have_tool (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  if (path == NULL)
    g_test_skip_printf ("%s is not installed (poppler-utils, unzip)", name);
  return path != NULL;
}

static char *
unzip_member (const char *path,
              const char *member)
{
  const char *argv[] = { "unzip", "-p", path, member, NULL };

  return run_tool (argv);
}

/* The text of the PDF without its spaces: pdftotext guesses them from
 * the gaps between glyphs ("第 1页" for 第 1 页), so they prove nothing. */
static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-layout", path, "-", NULL };
  g_autofree char *text = run_tool (argv);
  g_autoptr(GRegex) spaces = g_regex_new (" +", 0, 0, NULL);

  return g_regex_replace_literal (spaces, text, -1, 0, "", 0, NULL);
}

static int
pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = run_tool (argv);
  const char *pages = strstr (info, "Pages:");

  g_assert_nonnull (pages);
  return atoi (pages + strlen ("Pages:"));
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static GrDocTable *
monthly_table (GrStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrMonthlyReport) report = gr_monthly_report_build (store, "e1", "2026-02", "2026-04-10", &error);

  g_assert_no_error (error);
  return gr_doc_monthly_table (report, "2026-04-10");
}

/* UTF-8 with a BOM, RFC 4180: a field with a comma, a quote and a line
 * break is quoted and its quote doubled; every line ends in CRLF. */
static void
test_csv (void)
{
  static const char * const headers[] = { "说明", "数量（吨）", "金额（元）" };
  static const GrDocKind kinds[] = { GR_DOC_TEXT, GR_DOC_TONNES, GR_DOC_YUAN };
  g_autoptr(GrDocTable) table = gr_doc_table_new ("测试表", "市储备粮公司", "2026年2月", "2026-03-01");
  GrDocSection *section = gr_doc_table_add_section (table, "明细", 3, headers, kinds);
  GrDocCell *row = gr_doc_section_add_row (section);
  g_autofree char *text = NULL;

  gr_doc_cell_set_text (&row[0], "甲,乙 \"丙\"\n丁");
  gr_doc_cell_set_value (&row[1], 12560500);
  gr_doc_cell_set_value (&row[2], 123456);
  text = gr_doc_csv_text (table);

  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF测试表\r\n承储企业,市储备粮公司\r\n"));
  g_assert_nonnull (strstr (text, "\r\n明细\r\n说明,数量（吨）,金额（元）\r\n\"甲,乙 \"\"丙\"\"\n丁\",12560.500,1234.56\r\n"));
  /* No bare LF outside the quoted field. */
  g_assert_cmpuint (count (text, "\n"), ==, count (text, "\r\n") + 1);
}

/* The package: one sheet per section, the header row frozen, numbers
 * as numbers with the formats #,##0.000 (tonnes) and #,##0.00 (yuan). */
static void
test_xlsx (void)
{
  g_autoptr(GrStore) store = world ();
  g_autoptr(GrDocTable) table = monthly_table (store);
  g_autofree char *path = temp_path ("月报告.xlsx");
  g_autofree char *sheet = NULL, *strings = NULL, *styles = NULL, *workbook = NULL;
  g_autoptr(GError) error = NULL;

  if (!have_tool ("unzip"))
    return;
  g_assert_true (gr_doc_write (table, GR_DOC_FORMAT_XLSX, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  workbook = unzip_member (path, "xl/workbook.xml");
  g_assert_nonnull (strstr (workbook, "<sheet name=\"库存\" sheetId=\"1\""));
  g_assert_nonnull (strstr (workbook, "<sheet name=\"轮换进度\" sheetId=\"2\""));

  sheet = unzip_member (path, "xl/worksheets/sheet1.xml");
  /* Title, enterprise, period, date made, filing line, a blank row, then
   * the header on row 7: rows 1–7 stay in view. */
  g_assert_nonnull (strstr (sheet, "<pane ySplit=\"7\" topLeftCell=\"A8\" activePane=\"bottomLeft\" state=\"frozen\"/>"));
  /* Opening 5,000 t, out 1,000.5 t, closing 3,999.5 t on row 8, as numbers. */
  g_assert_nonnull (strstr (sheet, "<c r=\"C8\" s=\""));
  g_assert_nonnull (strstr (sheet, "><v>5000</v></c>"));
  g_assert_nonnull (strstr (sheet, "><v>1000.5</v></c>"));
  g_assert_nonnull (strstr (sheet, "><v>3999.5</v></c>"));
  /* Chinese columns are wider than the default. */
  g_assert_nonnull (strstr (sheet, "<cols>"));

  strings = unzip_member (path, "xl/sharedStrings.xml");
  g_assert_nonnull (strstr (strings, "<t>期初库存（吨）</t>"));
  g_assert_nonnull (strstr (strings, "<t>城南库</t>"));
  g_assert_nonnull (strstr (strings, "<t>中晚籼稻</t>"));
  g_assert_nonnull (strstr (strings, "<t>承储企业：市储备粮公司</t>"));

  styles = unzip_member (path, "xl/styles.xml");
  g_assert_nonnull (strstr (styles, "<numFmt numFmtId=\"164\" formatCode=\"#,##0.000\"/>"));
  g_assert_nonnull (strstr (styles, "<xf numFmtId=\"164\""));
}

/* 南昌 第八条: 0.05 元/斤/年 × 10,000 t × 2000 斤/t = 1,000,000.00 元 in
 * yuan cells formatted #,##0.00. */
static void
test_xlsx_subsidy (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrProfile) nanchang = NULL;
  g_autoptr(GrSubsidyStatement) statement = NULL;
  g_autoptr(GrDocTable) table = NULL;
  g_autofree char *path = temp_path ("补贴.xlsx");
  g_autofree char *sheet = NULL, *styles = NULL;
  g_autoptr(GError) error = NULL;

  if (!have_tool ("unzip"))
    return;
  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, "static", "2024-01-01", NULL);
  fx_settle (store, TRUE);
  nanchang = gr_profile_load ("nanchang-gxq-2022", &error);
  g_assert_no_error (error);
  statement = gr_subsidy_compute (store, nanchang, 2025, 0, &error);
  g_assert_no_error (error);
  table = gr_doc_subsidy_table (statement, store, "e1", "2026-01-05", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (table->enterprise, ==, "市储备粮公司");
  g_assert_true (gr_doc_write (table, GR_DOC_FORMAT_XLSX, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  sheet = unzip_member (path, "xl/worksheets/sheet1.xml");
  g_assert_nonnull (strstr (sheet, "state=\"frozen\""));
  /* Plan quantity and basis 10,000 t, 365 days at the plan quantity, the amount. */
  g_assert_cmpuint (count (sheet, "<v>10000</v>"), ==, 2);
  g_assert_nonnull (strstr (sheet, "<v>365</v>"));
  g_assert_cmpuint (count (sheet, "<v>1000000</v>"), ==, 2);   /* the plan and the total */
  styles = unzip_member (path, "xl/styles.xml");
  g_assert_nonnull (strstr (styles, "formatCode=\"#,##0.00\"/>"));
  g_assert_nonnull (strstr (styles, "formatCode=\"#,##0\"/>"));   /* days */
}

static void
add_depots (GrStore *store,
            guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *depot = g_strdup_printf ("dx%03u", i), *bin = g_strdup_printf ("bx%03u", i);
      g_autofree char *lot = g_strdup_printf ("lx%03u", i);

      fx_sql (store, "INSERT INTO depots (id, enterprise, code, name) VALUES (%Q, 'e1', %Q, %Q)", depot, depot,
              depot);
      fx_sql (store, "INSERT INTO bins (id, depot, code) VALUES (%Q, %Q, 'P01')", bin, depot);
      fx_stocked_lot (store, lot, bin, "p1", "2025-11-01", 10);
    }
}

/* pdftotext finds the title, the enterprise, the page numbers and the
 * signature labels; a long table runs onto more pages, its header row
 * repeated on each. */
static void
test_pdf (void)
{
  g_autoptr(GrStore) store = world ();
  g_autofree char *path = temp_path ("月报告.pdf");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  int pages;

  if (!have_tool ("pdftotext") || !have_tool ("pdfinfo"))
    return;
  {
    g_autoptr(GrDocTable) table = monthly_table (store);

    g_assert_true (gr_doc_write (table, GR_DOC_FORMAT_PDF, path, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (pdf_pages (path), ==, 1);
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, "政府储备粮月报告"));
  g_assert_nonnull (strstr (text, "承储企业：市储备粮公司"));
  g_assert_nonnull (strstr (text, "报告期：2026年2月"));
  g_assert_nonnull (strstr (text, "第1页共1页"));
  g_assert_nonnull (strstr (text, "制表人"));
  g_assert_nonnull (strstr (text, "审核人"));
  g_assert_nonnull (strstr (text, "负责人"));
  g_assert_nonnull (strstr (text, "3,999.500"));
  g_clear_pointer (&text, g_free);

  add_depots (store, 90);
  fx_settle (store, TRUE);
  {
    g_autoptr(GrDocTable) table = monthly_table (store);

    g_assert_true (gr_doc_write (table, GR_DOC_FORMAT_PDF, path, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  pages = pdf_pages (path);
  g_assert_cmpint (pages, >=, 3);
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, "第2页"));
  {
    g_autofree char *last = g_strdup_printf ("第%d页共%d页", pages, pages);

    g_assert_nonnull (strstr (text, last));
  }
  /* The stock table's header on each of its pages (91 rows need 3), and
   * the rotation table's once. */
  g_assert_cmpuint (count (text, "期初库存（吨）"), ==, 3);
  g_assert_cmpuint (count (text, "制表人"), ==, 1);
}

/* Dongguan 第二十六条: 品种、规格、数量、质量、堆位、生产日期或收获年份、入库日期,
 * the keeper, and a QR code carrying the bin and lot ids. */
static void
test_cards (void)
{
  g_autoptr(GrStore) store = world ();
  g_autoptr(GrDocCards) cards = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("信息卡.pdf");
  g_autofree char *text = NULL, *qr_text = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  QRcode *qr;
  double x, y, module;
  guint dark = 0;

  cards = gr_doc_cards_load (store, "b1", NULL, "2026-03-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cards->cards->len, ==, 1);
  qr_text = gr_doc_card_qr_text (cards->cards->pdata[0]);
  g_assert_cmpstr (qr_text, ==, "granary:card?bin=b1&lot=l1");

  if (have_tool ("pdftotext"))
    {
      g_assert_true (gr_doc_write_atomically (path, (GrDocWriter) gr_doc_cards_write_pdf, cards, NULL, NULL, NULL,
                                              &error));
      g_assert_no_error (error);
      text = pdf_text (path);
      g_assert_nonnull (strstr (text, "政府储备粮信息卡"));
      g_assert_nonnull (strstr (text, "中晚籼稻"));
      g_assert_nonnull (strstr (text, "二等"));
      g_assert_nonnull (strstr (text, "3,999.500吨"));
      g_assert_nonnull (strstr (text, "P01仓"));
      g_assert_nonnull (strstr (text, "2025年"));
      g_assert_nonnull (strstr (text, "2025年11月1日"));
      g_assert_nonnull (strstr (text, "张保管"));
      g_assert_nonnull (strstr (text, "2026年3月1日"));
    }

  /* Drawn at 4 pixels a point, each module's centre has the colour the
   * encoder gives it. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (GR_DOC_A4_WIDTH * 4), (int) (GR_DOC_A4_HEIGHT * 4));
  cr = cairo_create (surface);
  cairo_scale (cr, 4, 4);
  gr_doc_cards_draw_page (cards, cr, 0);
  cairo_surface_flush (surface);
  gr_doc_cards_qr_geometry (cards, 0, &x, &y, &module);
  qr = QRcode_encodeString (qr_text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  g_assert_nonnull (qr);
  for (int row = 0; row < qr->width; row++)
    for (int col = 0; col < qr->width; col++)
      {
        int px = (int) ((x + (col + 0.5) * module) * 4), py = (int) ((y + (row + 0.5) * module) * 4);
        guint32 pixel = *(guint32 *) (cairo_image_surface_get_data (surface) + py * cairo_image_surface_get_stride (surface) + px * 4);
        gboolean black = (pixel & 0xffffff) == 0;

        g_assert_cmpint (black, ==, (qr->data[row * qr->width + col] & 1) != 0);
        dark += black;
      }
  g_assert_cmpuint (dark, >, 100);
  QRcode_free (qr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  /* A depot: every lot holding grain, four cards to a page. */
  add_depots (store, 0);
  fx_sql (store, "INSERT INTO bins (id, depot, code) VALUES ('b7', 'd1', 'P07')");
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *lot = g_strdup_printf ("m%d", i);

      fx_stocked_lot (store, lot, "b7", "p1", "2025-12-01", 100 + i);
    }
  fx_settle (store, TRUE);
  g_clear_pointer (&cards, gr_doc_cards_free);
  cards = gr_doc_cards_load (store, NULL, "d1", "2026-03-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cards->cards->len, ==, 5);
  g_assert_cmpuint (gr_doc_cards_n_pages (cards), ==, 2);
  if (have_tool ("pdfinfo"))
    {
      g_assert_true (gr_doc_write_atomically (path, (GrDocWriter) gr_doc_cards_write_pdf, cards, NULL, NULL, NULL,
                                              &error));
      g_assert_cmpint (pdf_pages (path), ==, 2);
    }

  /* Unknown bins and depots, and bins holding nothing, have no cards. */
  g_clear_pointer (&cards, gr_doc_cards_free);
  g_assert_null (gr_doc_cards_load (store, "nope", NULL, NULL, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (gr_doc_cards_load (store, NULL, "nope", NULL, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (gr_doc_cards_load (store, "b3", NULL, NULL, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
}

static guint
files_in (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* A cancelled export leaves neither the file nor its temporary file;
 * an existing file keeps its content. */
static void
test_cancel (void)
{
  g_autoptr(GrStore) store = world ();
  g_autoptr(GrDocTable) table = monthly_table (store);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = temp_path ("report.xlsx");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "report.pdf", NULL);
  g_autofree char *content = NULL;
  g_autoptr(GError) error = NULL;

  for (GrDocFormat f = GR_DOC_FORMAT_CSV; f <= GR_DOC_FORMAT_PDF; f++)
    {
      g_cancellable_cancel (cancellable);
      g_assert_false (gr_doc_write (table, f, path, cancellable, NULL, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      g_assert_cmpuint (files_in (dir), ==, 0);
    }

  g_assert_true (g_file_set_contents (path, "before", -1, NULL));
  g_assert_false (gr_doc_write (table, GR_DOC_FORMAT_PDF, path, cancellable, NULL, NULL, &error));
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &content, NULL, NULL));
  g_assert_cmpstr (content, ==, "before");
  g_assert_cmpuint (files_in (dir), ==, 1);

  g_assert_false (gr_doc_write (table, GR_DOC_FORMAT_PDF, missing, NULL, NULL, NULL, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_NOT_FOUND);
}

/* Zhongshan 第十五条: the report within 5 working days after the month. */
static void
test_due (void)
{
  g_autoptr(GrProfile) zhongshan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *jan = NULL, *sep = NULL, *sep_plain = NULL;
  int n = 0;

  zhongshan = gr_profile_load ("zhongshan-2026", &error);
  g_assert_no_error (error);

  /* 31 January 2026 is a Saturday: Mon 2 … Fri 6 February. */
  jan = gr_monthly_report_due_on (zhongshan, "2026-01", &n);
  g_assert_cmpstr (jan, ==, "2026-02-06");
  g_assert_cmpint (n, ==, 5);
  /* 30 September 2025: 1–8 October are the National Day holiday; the
   * days after are Thu 9, Fri 10, Sat 11 (a make-up working day), Mon 13
   * and Tue 14 October. */
  sep = gr_monthly_report_due_on (zhongshan, "2025-09", NULL);
  g_assert_cmpstr (sep, ==, "2025-10-14");
  /* Without a calendar, weekends only: Wed 1 … Tue 7 October. */
  sep_plain = gr_monthly_report_due_on (NULL, "2025-09", &n);
  g_assert_cmpstr (sep_plain, ==, "2025-10-07");
  g_assert_cmpint (n, ==, 5);

  g_assert_true (gr_monthly_report_on_time ("2026-02-06", jan));
  g_assert_false (gr_monthly_report_on_time ("2026-02-07", jan));
  g_assert_true (gr_monthly_report_on_time ("2025-10-14", sep));
  g_assert_false (gr_monthly_report_on_time ("2025-10-15", sep));
  g_assert_false (gr_monthly_report_on_time (NULL, sep));
}

/* The title block says whether the filing met its deadline. */
static void
test_filed_line (void)
{
  g_autoptr(GrStore) store = world ();
  g_autoptr(GrProfile) zhongshan = gr_profile_load ("zhongshan-2026", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GrMonthlyReport) report = gr_monthly_report_build (store, "e1", "2026-02", "2026-04-10", &error);
  g_autoptr(GrDocTable) unfiled = NULL, filed = NULL;

  g_assert_no_error (error);
  gr_monthly_report_set_due (report, zhongshan);
  /* 28 February 2026 is a Saturday: Mon 2 … Fri 6 March. */
  g_assert_cmpstr (report->due_on, ==, "2026-03-06");
  unfiled = gr_doc_monthly_table (report, "2026-04-10");
  g_assert_cmpstr (unfiled->lines->pdata[0], ==, "未报送，已逾期（报送期限 2026年3月6日）");

  g_assert_true (gr_monthly_report_file (store, report, "2026-03-09", &error));
  g_assert_no_error (error);
  filed = gr_doc_monthly_table (report, "2026-04-10");
  g_assert_cmpstr (filed->lines->pdata[0], ==, "报送日期：2026年3月9日（逾期，报送期限 2026年3月6日）");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/documents/csv/bom-quoting", test_csv);
  g_test_add_func ("/documents/xlsx/read-back", test_xlsx);
  g_test_add_func ("/documents/xlsx/subsidy-nanchang-8", test_xlsx_subsidy);
  g_test_add_func ("/documents/pdf/pages-text", test_pdf);
  g_test_add_func ("/documents/cards/dongguan-26", test_cards);
  g_test_add_func ("/documents/cancel-leaves-nothing", test_cancel);
  g_test_add_func ("/documents/due/zhongshan-15", test_due);
  g_test_add_func ("/documents/due/zhongshan-15/title-block", test_filed_line);
  return g_test_run ();
}
