/* gr-doc-csv.c: CSV for spreadsheets
 *
 * UTF-8 with a byte order mark (without it Excel reads the Chinese as
 * the local code page), fields quoted as RFC 4180 says, lines ended
 * with CRLF. Numbers carry no thousands separators so a spreadsheet
 * reads them as numbers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-doc"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-doc-write.h"

static void
append_field (GString    *out,
              const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL && text[0] != ' ' &&
      (text[0] == '\0' || text[strlen (text) - 1] != ' '))
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_pair (GString    *out,
             const char *label,
             const char *value)
{
  append_field (out, label);
  g_string_append_c (out, ',');
  append_field (out, value ? value : "");
  g_string_append (out, "\r\n");
}

static void
append_cells (GString         *out,
              GrDocSection    *section,
              const GrDocCell *cells)
{
  for (guint c = 0; c < section->n_columns; c++)
    {
      g_autofree char *text = gr_doc_cell_plain (&cells[c], section->kinds[c]);

      if (c > 0)
        g_string_append_c (out, ',');
      append_field (out, text);
    }
  g_string_append (out, "\r\n");
}

char *
gr_doc_csv_text (GrDocTable *table)
{
  GString *out = g_string_new ("\xEF\xBB\xBF");

  append_field (out, table->title);
  g_string_append (out, "\r\n");
  append_pair (out, "承储企业", table->enterprise);
  append_pair (out, "报告期", table->period);
  append_pair (out, "制表日期", table->generated);
  for (guint i = 0; i < table->lines->len; i++)
    {
      append_field (out, table->lines->pdata[i]);
      g_string_append (out, "\r\n");
    }

  for (guint s = 0; s < table->sections->len; s++)
    {
      GrDocSection *section = table->sections->pdata[s];

      g_string_append (out, "\r\n");
      append_field (out, section->name);
      g_string_append (out, "\r\n");
      for (guint c = 0; c < section->n_columns; c++)
        {
          if (c > 0)
            g_string_append_c (out, ',');
          append_field (out, section->headers[c]);
        }
      g_string_append (out, "\r\n");
      for (guint r = 0; r < section->rows->len; r++)
        append_cells (out, section, section->rows->pdata[r]);
      if (section->totals != NULL)
        append_cells (out, section, section->totals);
      for (guint i = 0; i < section->notes->len; i++)
        {
          append_field (out, section->notes->pdata[i]);
          g_string_append (out, "\r\n");
        }
    }
  return g_string_free (out, FALSE);
}

gboolean
gr_doc_write_csv (GrDocTable      *table,
                  const char      *path,
                  GCancellable    *cancellable,
                  GrProgressFunc   progress,
                  gpointer         progress_data,
                  GError         **error)
{
  g_autofree char *text = gr_doc_csv_text (table);

  if (progress != NULL)
    progress (0.5, _("Writing the CSV file"), progress_data);
  if (!g_file_set_contents (path, text, -1, error))
    return FALSE;
  if (progress != NULL)
    progress (1.0, NULL, progress_data);
  return TRUE;
}
