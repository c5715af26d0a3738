/* gr-doc-table.h: the table model every report document is written from
 *
 * A report becomes a title block (the report's name, the enterprise, the
 * period, the date it was made, a few more lines such as the filing
 * date) and sections, each a table with Chinese column headers, a kind
 * per column, rows and an optional totals row. CSV, XLSX, PDF and the
 * printed page all read this one model, so they always agree.
 *
 * Numbers stay integers to the end: tonnes as kg, yuan as fen, so a
 * spreadsheet cell and a printed figure come from the same value.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  GR_DOC_TEXT,
  GR_DOC_TONNES,   /* value in kg, shown as tonnes with 3 decimals */
  GR_DOC_YUAN,     /* value in fen, shown as yuan with 2 decimals */
  GR_DOC_INTEGER,
  GR_DOC_DATE,     /* text YYYY-MM-DD */
} GrDocKind;

typedef struct {
  gboolean  set;     /* FALSE: an empty cell */
  char     *text;    /* text and date cells */
  gint64    value;   /* tonnes (kg), yuan (fen), integers */
} GrDocCell;

typedef struct {
  char       *name;        /* heading, and the sheet's name in XLSX */
  guint       n_columns;
  char      **headers;     /* n_columns */
  GrDocKind  *kinds;       /* n_columns */
  GPtrArray  *rows;        /* GrDocCell[n_columns] */
  GrDocCell  *totals;      /* NULL when the section has no totals row */
  GPtrArray  *notes;       /* char *, lines printed under the table */
} GrDocSection;

typedef struct {
  char       *title;       /* e.g. 政府储备粮月报告 */
  char       *enterprise;  /* 承储企业 */
  char       *period;      /* e.g. 2026年10月 */
  char       *generated;   /* YYYY-MM-DD */
  GPtrArray  *lines;       /* char *, more lines of the title block */
  GPtrArray  *sections;    /* GrDocSection */
} GrDocTable;

GrDocTable   *gr_doc_table_new         (const char    *title,
                                        const char    *enterprise,
                                        const char    *period,
                                        const char    *generated);
void          gr_doc_table_free        (GrDocTable    *table);
void          gr_doc_table_add_line    (GrDocTable    *table,
                                        const char    *line);
/* headers and kinds: n_columns each. */
GrDocSection *gr_doc_table_add_section (GrDocTable       *table,
                                        const char       *name,
                                        guint             n_columns,
                                        const char *const *headers,
                                        const GrDocKind  *kinds);
/* A new row of empty cells, owned by the section. */
GrDocCell    *gr_doc_section_add_row   (GrDocSection  *section);
/* The totals row (made on first use); its first cell says 合计. */
GrDocCell    *gr_doc_section_totals    (GrDocSection  *section);
void          gr_doc_section_add_note  (GrDocSection  *section,
                                        const char    *note);

void          gr_doc_cell_set_text     (GrDocCell     *cell,
                                        const char    *text);
void          gr_doc_cell_set_value    (GrDocCell     *cell,
                                        gint64         value);

/* A cell as people read it: "12,560.000", "1,234.56", "365"; "" when empty. */
char         *gr_doc_cell_display      (const GrDocCell *cell,
                                        GrDocKind        kind);
/* A cell as a spreadsheet reads it, without thousands separators:
 * "12560.000", "1234.56". */
char         *gr_doc_cell_plain        (const GrDocCell *cell,
                                        GrDocKind        kind);
/* Whether the column is right-aligned (numbers). */
gboolean      gr_doc_kind_is_number    (GrDocKind      kind);
/* The widest of the column's header and cells, a CJK character counting two. */
gsize         gr_doc_section_column_width (GrDocSection *section,
                                           guint         column);
/* Rows and totals of all sections, for progress. */
guint         gr_doc_table_count_rows  (GrDocTable    *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrDocTable, gr_doc_table_free)

G_END_DECLS
