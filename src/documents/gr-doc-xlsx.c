/* gr-doc-xlsx.c: real spreadsheets through libxlsxwriter
 *
 * One sheet per section. Each sheet starts with the title block (name,
 * enterprise, period, date made), then the header row, frozen so it
 * stays in view, then the rows as numbers with number formats
 * (#,##0.000 for tonnes, #,##0.00 for yuan) and a bold totals row.
 * Column widths come from the widest text, a Chinese character counting
 * two, so headers like 期初库存（吨） fit.
 *
 * Built as the module libgranary-xlsx, which gr_doc_write_xlsx () loads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-doc"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "gr-doc-write.h"
#include "gr-doc-xlsx.h"
#include "gr-error.h"
#include "gr-format.h"

#define FONT "宋体"

typedef struct {
  lxw_format *title;
  lxw_format *block;
  lxw_format *header;
  lxw_format *text;
  lxw_format *number[5];   /* by GrDocKind */
  lxw_format *total_text;
  lxw_format *total_number[5];
  lxw_format *note;
} Formats;

static lxw_format *
new_format (lxw_workbook *workbook,
            gboolean      bold,
            gboolean      border,
            const char   *num_format)
{
  lxw_format *format = workbook_add_format (workbook);

  format_set_font_name (format, FONT);
  format_set_font_size (format, 11);
  format_set_align (format, LXW_ALIGN_VERTICAL_CENTER);
  if (bold)
    format_set_bold (format);
  if (border)
    format_set_border (format, LXW_BORDER_THIN);
  if (num_format != NULL)
    format_set_num_format (format, num_format);
  return format;
}

static void
make_formats (lxw_workbook *workbook,
              Formats      *f)
{
  static const char * const num_formats[] = {
    [GR_DOC_TEXT] = NULL, [GR_DOC_TONNES] = "#,##0.000", [GR_DOC_YUAN] = "#,##0.00",
    [GR_DOC_INTEGER] = "#,##0", [GR_DOC_DATE] = "yyyy-mm-dd",
  };

  f->title = new_format (workbook, TRUE, FALSE, NULL);
  format_set_font_size (f->title, 16);
  f->block = new_format (workbook, FALSE, FALSE, NULL);
  f->header = new_format (workbook, TRUE, TRUE, NULL);
  format_set_align (f->header, LXW_ALIGN_CENTER);
  format_set_text_wrap (f->header);
  format_set_bg_color (f->header, 0xE8E8E8);
  f->text = new_format (workbook, FALSE, TRUE, NULL);
  f->total_text = new_format (workbook, TRUE, TRUE, NULL);
  for (int k = 0; k < 5; k++)
    {
      f->number[k] = k == GR_DOC_TEXT ? f->text : new_format (workbook, FALSE, TRUE, num_formats[k]);
      f->total_number[k] = k == GR_DOC_TEXT ? f->total_text : new_format (workbook, TRUE, TRUE, num_formats[k]);
    }
  f->note = new_format (workbook, FALSE, FALSE, NULL);
  format_set_font_size (f->note, 10);
}

static gboolean
check (lxw_error   result,
       GError    **error)
{
  if (result == LXW_NO_ERROR)
    return TRUE;
  g_set_error (error, GR_ERROR, GR_ERROR_FAILED, _("Could not write the spreadsheet: %s"), lxw_strerror (result));
  return FALSE;
}

static gboolean
write_cell (lxw_worksheet   *sheet,
            lxw_row_t        row,
            lxw_col_t        col,
            const GrDocCell *cell,
            GrDocKind        kind,
            lxw_format      *format,
            GError         **error)
{
  if (!cell->set)
    return check (worksheet_write_blank (sheet, row, col, format), error);
  switch (kind)
    {
    case GR_DOC_TONNES:
      return check (worksheet_write_number (sheet, row, col, cell->value / 1000.0, format), error);
    case GR_DOC_YUAN:
      return check (worksheet_write_number (sheet, row, col, cell->value / 100.0, format), error);
    case GR_DOC_INTEGER:
      return check (worksheet_write_number (sheet, row, col, (double) cell->value, format), error);
    case GR_DOC_DATE:
      {
        GDate date;

        if (cell->text != NULL && gr_date_parse (cell->text, &date))
          {
            lxw_datetime dt = { g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 0, 0, 0 };

            return check (worksheet_write_datetime (sheet, row, col, &dt, format), error);
          }
      }
      G_GNUC_FALLTHROUGH;
    case GR_DOC_TEXT:
    default:
      return check (worksheet_write_string (sheet, row, col, cell->text ? cell->text : "", format), error);
    }
}

static gboolean
write_section (lxw_workbook  *workbook,
               Formats       *f,
               GrDocTable    *table,
               GrDocSection  *section,
               guint         *done,
               guint          total,
               GCancellable  *cancellable,
               GrProgressFunc progress,
               gpointer       progress_data,
               GError       **error)
{
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, section->name);
  lxw_row_t row = 0, header_row;
  g_autofree char *enterprise = g_strdup_printf ("承储企业：%s", table->enterprise);
  g_autofree char *period = g_strdup_printf ("报告期：%s", table->period);
  g_autofree char *generated = g_strdup_printf ("制表日期：%s", table->generated);

  if (sheet == NULL)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_FAILED, _("Could not add the sheet “%s”"), section->name);
      return FALSE;
    }
  worksheet_set_paper (sheet, 9);   /* A4 */
  worksheet_set_row (sheet, 0, 24, NULL);
  if (!check (worksheet_write_string (sheet, row++, 0, table->title, f->title), error) ||
      !check (worksheet_write_string (sheet, row++, 0, enterprise, f->block), error) ||
      !check (worksheet_write_string (sheet, row++, 0, period, f->block), error) ||
      !check (worksheet_write_string (sheet, row++, 0, generated, f->block), error))
    return FALSE;
  for (guint i = 0; i < table->lines->len; i++)
    if (!check (worksheet_write_string (sheet, row++, 0, table->lines->pdata[i], f->block), error))
      return FALSE;
  row++;

  header_row = row++;
  for (guint c = 0; c < section->n_columns; c++)
    {
      /* Cells hold numbers without separators but show them with; the
       * header may wrap, so half of it is enough when it is the widest. */
      gsize width = gr_doc_section_column_width (section, c) + 2;

      width = CLAMP (width, 8, 60);
      worksheet_set_column (sheet, c, c, (double) width, NULL);
      if (!check (worksheet_write_string (sheet, header_row, c, section->headers[c], f->header), error))
        return FALSE;
    }
  worksheet_set_row (sheet, header_row, 30, NULL);
  /* The header row stays in view while scrolling, and on every printed page. */
  worksheet_freeze_panes (sheet, header_row + 1, 0);
  worksheet_repeat_rows (sheet, header_row, header_row);

  for (guint r = 0; r <= section->rows->len; r++)
    {
      const GrDocCell *cells = r < section->rows->len ? section->rows->pdata[r] : section->totals;
      gboolean totals = r == section->rows->len;

      if (cells == NULL)
        break;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      for (guint c = 0; c < section->n_columns; c++)
        {
          GrDocKind kind = section->kinds[c];
          lxw_format *format = totals ? f->total_number[kind] : f->number[kind];

          if (!write_cell (sheet, row, c, &cells[c], kind, format, error))
            return FALSE;
        }
      row++;
      (*done)++;
      if (progress != NULL && (*done % 256 == 0))
        progress (0.9 * *done / MAX (total, 1), _("Writing the spreadsheet"), progress_data);
    }
  row++;
  for (guint i = 0; i < section->notes->len; i++)
    if (!check (worksheet_write_string (sheet, row++, 0, section->notes->pdata[i], f->note), error))
      return FALSE;
  return TRUE;
}

gboolean
gr_doc_xlsx_write (GrDocTable      *table,
                   const char      *path,
                   GCancellable    *cancellable,
                   GrProgressFunc   progress,
                   gpointer         progress_data,
                   GError         **error)
{
  lxw_workbook_options options = { .constant_memory = LXW_FALSE, .tmpdir = NULL };
  lxw_workbook *workbook = workbook_new_opt (path, &options);
  lxw_doc_properties properties = { 0 };
  g_autoptr(GError) local_error = NULL;
  guint done = 0, total = gr_doc_table_count_rows (table);
  Formats f;
  lxw_error closed;

  if (workbook == NULL)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_FAILED, _("Could not create the spreadsheet %s"), path);
      return FALSE;
    }
  properties.title = table->title;
  properties.company = table->enterprise;
  properties.comments = table->period;
  workbook_set_properties (workbook, &properties);
  make_formats (workbook, &f);

  for (guint s = 0; s < table->sections->len && local_error == NULL; s++)
    write_section (workbook, &f, table, table->sections->pdata[s], &done, total, cancellable, progress,
                   progress_data, &local_error);

  /* Closing writes the file, and frees the workbook even after an error. */
  closed = workbook_close (workbook);
  if (local_error == NULL)
    check (closed, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (progress != NULL)
    progress (1.0, NULL, progress_data);
  return TRUE;
}
