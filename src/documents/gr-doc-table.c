/* gr-doc-table.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-doc"

#include "config.h"

#include <string.h>

#include "gr-doc-table.h"
#include "gr-format.h"

static void
cells_free (GrDocCell *cells,
            guint      n_columns)
{
  for (guint i = 0; cells != NULL && i < n_columns; i++)
    g_free (cells[i].text);
  g_free (cells);
}

static void
section_free (gpointer data)
{
  GrDocSection *section = data;

  /* Rows are freed here: their length is the section's column count. */
  for (guint i = 0; i < section->rows->len; i++)
    cells_free (section->rows->pdata[i], section->n_columns);
  cells_free (section->totals, section->n_columns);
  g_clear_pointer (&section->rows, g_ptr_array_unref);
  g_clear_pointer (&section->notes, g_ptr_array_unref);
  g_strfreev (section->headers);
  g_free (section->kinds);
  g_free (section->name);
  g_free (section);
}

GrDocTable *
gr_doc_table_new (const char *title,
                  const char *enterprise,
                  const char *period,
                  const char *generated)
{
  GrDocTable *table = g_new0 (GrDocTable, 1);

  table->title = g_strdup (title);
  table->enterprise = g_strdup (enterprise);
  table->period = g_strdup (period);
  table->generated = g_strdup (generated);
  table->lines = g_ptr_array_new_with_free_func (g_free);
  table->sections = g_ptr_array_new_with_free_func (section_free);
  return table;
}

void
gr_doc_table_free (GrDocTable *table)
{
  if (table == NULL)
    return;
  g_free (table->title);
  g_free (table->enterprise);
  g_free (table->period);
  g_free (table->generated);
  g_clear_pointer (&table->lines, g_ptr_array_unref);
  g_clear_pointer (&table->sections, g_ptr_array_unref);
  g_free (table);
}

void
gr_doc_table_add_line (GrDocTable *table,
                       const char *line)
{
  g_ptr_array_add (table->lines, g_strdup (line));
}

GrDocSection *
gr_doc_table_add_section (GrDocTable        *table,
                          const char        *name,
                          guint              n_columns,
                          const char *const *headers,
                          const GrDocKind   *kinds)
{
  GrDocSection *section = g_new0 (GrDocSection, 1);
  guint n = n_columns;

  g_return_val_if_fail (n_columns > 0, NULL);

  section->name = g_strdup (name);
  section->n_columns = n_columns;
  section->headers = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    section->headers[i] = g_strdup (headers[i]);
  section->kinds = g_memdup2 (kinds, sizeof (GrDocKind) * n);
  section->rows = g_ptr_array_new ();
  section->notes = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (table->sections, section);
  return section;
}

GrDocCell *
gr_doc_section_add_row (GrDocSection *section)
{
  GrDocCell *cells = g_new0 (GrDocCell, section->n_columns);

  g_ptr_array_add (section->rows, cells);
  return cells;
}

GrDocCell *
gr_doc_section_totals (GrDocSection *section)
{
  if (section->totals == NULL)
    {
      section->totals = g_new0 (GrDocCell, section->n_columns);
      gr_doc_cell_set_text (&section->totals[0], "合计");
    }
  return section->totals;
}

void
gr_doc_section_add_note (GrDocSection *section,
                         const char   *note)
{
  g_ptr_array_add (section->notes, g_strdup (note));
}

void
gr_doc_cell_set_text (GrDocCell  *cell,
                      const char *text)
{
  g_free (cell->text);
  cell->text = g_strdup (text);
  cell->set = text != NULL;
}

void
gr_doc_cell_set_value (GrDocCell *cell,
                       gint64     value)
{
  cell->value = value;
  cell->set = TRUE;
}

gboolean
gr_doc_kind_is_number (GrDocKind kind)
{
  return kind == GR_DOC_TONNES || kind == GR_DOC_YUAN || kind == GR_DOC_INTEGER;
}

/* value / 10^decimals with exactly that many decimals. */
static char *
format_fixed (gint64   value,
              int      decimals,
              gboolean thousands)
{
  gint64 scale = decimals == 3 ? 1000 : decimals == 2 ? 100 : 1;
  guint64 magnitude = value < 0 ? (guint64) -value : (guint64) value;
  g_autofree char *whole = NULL;

  whole = thousands ? gr_format_thousands ((gint64) (magnitude / scale))
                    : g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude / scale);
  if (decimals == 0)
    return g_strdup_printf ("%s%s", value < 0 ? "-" : "", whole);
  return g_strdup_printf ("%s%s.%0*" G_GUINT64_FORMAT, value < 0 ? "-" : "", whole, decimals, magnitude % scale);
}

static char *
format_cell (const GrDocCell *cell,
             GrDocKind        kind,
             gboolean         thousands)
{
  if (!cell->set)
    return g_strdup ("");
  switch (kind)
    {
    case GR_DOC_TONNES:
      return format_fixed (cell->value, 3, thousands);
    case GR_DOC_YUAN:
      return format_fixed (cell->value, 2, thousands);
    case GR_DOC_INTEGER:
      return format_fixed (cell->value, 0, thousands);
    case GR_DOC_TEXT:
    case GR_DOC_DATE:
    default:
      return g_strdup (cell->text ? cell->text : "");
    }
}

char *
gr_doc_cell_display (const GrDocCell *cell,
                     GrDocKind        kind)
{
  return format_cell (cell, kind, TRUE);
}

char *
gr_doc_cell_plain (const GrDocCell *cell,
                   GrDocKind        kind)
{
  return format_cell (cell, kind, FALSE);
}

gsize
gr_doc_section_column_width (GrDocSection *section,
                             guint         column)
{
  gsize width = gr_text_width (section->headers[column]);

  for (guint r = 0; r <= section->rows->len; r++)
    {
      GrDocCell *cells = r < section->rows->len ? section->rows->pdata[r] : section->totals;
      g_autofree char *text = NULL;

      if (cells == NULL)
        continue;
      text = gr_doc_cell_display (&cells[column], section->kinds[column]);
      width = MAX (width, gr_text_width (text));
    }
  return width;
}

guint
gr_doc_table_count_rows (GrDocTable *table)
{
  guint n = 0;

  for (guint i = 0; i < table->sections->len; i++)
    {
      GrDocSection *section = table->sections->pdata[i];

      n += section->rows->len + (section->totals ? 1 : 0);
    }
  return n;
}
