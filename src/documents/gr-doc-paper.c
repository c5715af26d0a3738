/* gr-doc-paper.c: page layout of report documents
 *
 * Pagination places items (the title block, section headings, header
 * rows, rows, notes, the signature lines) on pages and remembers where;
 * drawing a page draws its items. Every height comes from pango with
 * the same fonts the drawing uses, so what was measured is what prints.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-doc"

#include "config.h"

#include <pango/pangocairo.h>
#include <string.h>

#include "gr-doc-paper.h"

#define MARGIN_X      42.0
#define MARGIN_TOP    50.0
#define MARGIN_BOTTOM 56.0
#define PAD_X          4.0
#define PAD_Y          3.0
#define SIZE_TITLE    18.0
#define SIZE_BLOCK    10.5
#define SIZE_HEADING  11.5
#define SIZE_TABLE     9.0
#define SIZE_NOTE      8.5
#define SIZE_SMALL     8.0
#define GAP_SECTION   16.0
#define SIGNATURE_H   54.0

typedef enum {
  ITEM_TITLE,
  ITEM_HEADING,
  ITEM_HEADER,
  ITEM_ROW,
  ITEM_TOTALS,
  ITEM_NOTE,
  ITEM_SIGNATURES,
} ItemKind;

typedef struct {
  ItemKind kind;
  guint    section;
  guint    index;     /* row or note */
  guint    page;
  double   y;
  double   height;
} Item;

typedef struct {
  double *widths;     /* per column */
} SectionLayout;

struct _GrDocPaper {
  GrDocTable    *table;
  double         width;
  double         height;
  SectionLayout *sections;
  GArray        *items;
  guint          n_pages;
};

gpointer
gr_doc_paper_layout (cairo_t  *cr,
                     double    size,
                     gboolean  bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoContext *context = pango_layout_get_context (layout);
  PangoFontDescription *font = pango_font_description_from_string (GR_DOC_FONT);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Points in, points out, and no hinting: widths scale with the size,
   * so the layout measured for a PDF is the layout printed. */
  pango_cairo_context_set_resolution (context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_layout_context_changed (layout);

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  return layout;
}

static PangoLayout *
text_layout (cairo_t    *cr,
             const char *text,
             double      size,
             gboolean    bold,
             double      width)
{
  PangoLayout *layout = gr_doc_paper_layout (cr, size, bold);

  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
measure (cairo_t    *cr,
         const char *text,
         double      size,
         gboolean    bold,
         double      width,
         double     *out_width,
         double     *out_height)
{
  g_autoptr(PangoLayout) layout = text_layout (cr, text, size, bold, width);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (out_width != NULL)
    *out_width = (double) logical.width / PANGO_SCALE;
  if (out_height != NULL)
    *out_height = (double) logical.height / PANGO_SCALE;
}

GrDocPaper *
gr_doc_paper_new (GrDocTable *table)
{
  GrDocPaper *paper = g_new0 (GrDocPaper, 1);

  paper->table = table;
  paper->sections = g_new0 (SectionLayout, table->sections->len);
  paper->items = g_array_new (FALSE, FALSE, sizeof (Item));
  return paper;
}

void
gr_doc_paper_free (GrDocPaper *paper)
{
  if (paper == NULL)
    return;
  for (guint s = 0; s < paper->table->sections->len; s++)
    g_free (paper->sections[s].widths);
  g_free (paper->sections);
  g_array_unref (paper->items);
  g_free (paper);
}

static const GrDocCell *
row_cells (GrDocSection *section,
           ItemKind      kind,
           guint         index)
{
  return kind == ITEM_TOTALS ? section->totals : section->rows->pdata[index];
}

/* The narrowest a column may be (its cells unwrapped, its header on two
 * lines) and the width it would like (the header on one line). */
static void
column_widths (cairo_t      *cr,
               GrDocSection *section,
               guint         column,
               double       *out_min,
               double       *out_pref)
{
  double header, cells = 0, w;

  measure (cr, section->headers[column], SIZE_TABLE, TRUE, -1, &header, NULL);
  for (guint r = 0; r <= section->rows->len; r++)
    {
      const GrDocCell *row = r < section->rows->len ? section->rows->pdata[r] : section->totals;
      g_autofree char *text = NULL;

      if (row == NULL)
        continue;
      text = gr_doc_cell_display (&row[column], section->kinds[column]);
      measure (cr, text, SIZE_TABLE, row == section->totals, -1, &w, NULL);
      cells = MAX (cells, w);
    }
  *out_min = MAX (cells, header / 2 + SIZE_TABLE) + 2 * PAD_X;
  *out_pref = MAX (cells, header) + 2 * PAD_X;
}

static double
section_min_width (cairo_t      *cr,
                   GrDocSection *section)
{
  double total = 0, min, pref;

  for (guint c = 0; c < section->n_columns; c++)
    {
      column_widths (cr, section, c, &min, &pref);
      total += min;
    }
  return total;
}

gboolean
gr_doc_paper_landscape (GrDocPaper *paper,
                        cairo_t    *cr)
{
  double available = GR_DOC_A4_WIDTH - 2 * MARGIN_X;

  for (guint s = 0; s < paper->table->sections->len; s++)
    if (section_min_width (cr, paper->table->sections->pdata[s]) > available)
      return TRUE;
  return FALSE;
}

static void
fit_columns (cairo_t       *cr,
             GrDocSection  *section,
             SectionLayout *layout,
             double         available)
{
  g_autofree double *min = g_new0 (double, section->n_columns);
  g_autofree double *pref = g_new0 (double, section->n_columns);
  double sum_min = 0, sum_pref = 0;

  for (guint c = 0; c < section->n_columns; c++)
    {
      column_widths (cr, section, c, &min[c], &pref[c]);
      sum_min += min[c];
      sum_pref += pref[c];
    }
  g_free (layout->widths);
  layout->widths = g_new0 (double, section->n_columns);
  for (guint c = 0; c < section->n_columns; c++)
    {
      if (sum_pref <= available)
        /* Room to spare: every column grows alike, the table spans the page. */
        layout->widths[c] = pref[c] * available / sum_pref;
      else if (sum_min <= available)
        layout->widths[c] = min[c] + (available - sum_min) * (pref[c] - min[c]) / MAX (sum_pref - sum_min, 1e-6);
      else
        /* Too wide even so: cells wrap. */
        layout->widths[c] = min[c] * available / sum_min;
    }
}

static double
cells_height (cairo_t       *cr,
              GrDocSection  *section,
              SectionLayout *layout,
              const GrDocCell *cells,
              gboolean       header,
              gboolean       bold)
{
  double height = 0, h;

  for (guint c = 0; c < section->n_columns; c++)
    {
      g_autofree char *text = header ? g_strdup (section->headers[c])
                                     : gr_doc_cell_display (&cells[c], section->kinds[c]);

      measure (cr, text, SIZE_TABLE, bold, layout->widths[c] - 2 * PAD_X, NULL, &h);
      height = MAX (height, h);
    }
  return height + 2 * PAD_Y;
}

static double
title_height (GrDocPaper *paper,
              cairo_t    *cr)
{
  double h, total;

  measure (cr, paper->table->title, SIZE_TITLE, TRUE, -1, NULL, &h);
  total = h + 14;
  measure (cr, "承储企业", SIZE_BLOCK, FALSE, -1, NULL, &h);
  total += (h + 3) * (2 + paper->table->lines->len);
  return total + 6;
}

typedef struct {
  GrDocPaper *paper;
  guint       page;
  double      y;
  double      bottom;
} Cursor;

static void
place (Cursor   *cursor,
       ItemKind  kind,
       guint     section,
       guint     index,
       double    height)
{
  Item item = { kind, section, index, cursor->page, cursor->y, height };

  g_array_append_val (cursor->paper->items, item);
  cursor->y += height;
}

static void
new_page (Cursor *cursor)
{
  cursor->page++;
  cursor->y = MARGIN_TOP;
}

guint
gr_doc_paper_paginate (GrDocPaper *paper,
                       cairo_t    *cr,
                       double      width,
                       double      height)
{
  GrDocTable *table = paper->table;
  Cursor cursor = { paper, 0, MARGIN_TOP, height - MARGIN_BOTTOM };
  double available = width - 2 * MARGIN_X;

  paper->width = width;
  paper->height = height;
  g_array_set_size (paper->items, 0);

  place (&cursor, ITEM_TITLE, 0, 0, title_height (paper, cr));

  for (guint s = 0; s < table->sections->len; s++)
    {
      GrDocSection *section = table->sections->pdata[s];
      SectionLayout *layout = &paper->sections[s];
      double heading, header, first;
      guint n = section->rows->len + (section->totals ? 1 : 0);

      fit_columns (cr, section, layout, available);
      measure (cr, section->name, SIZE_HEADING, TRUE, -1, NULL, &heading);
      heading += 6;
      header = cells_height (cr, section, layout, NULL, TRUE, TRUE);
      first = n == 0 ? 0 : cells_height (cr, section, layout, row_cells (section, n > section->rows->len ? ITEM_TOTALS : ITEM_ROW, 0),
                                         FALSE, section->rows->len == 0);

      /* A heading never ends a page: it goes with its header and first row. */
      if (s > 0)
        cursor.y += GAP_SECTION;
      if (cursor.y + heading + header + first > cursor.bottom && cursor.y > MARGIN_TOP)
        new_page (&cursor);
      place (&cursor, ITEM_HEADING, s, 0, heading);
      place (&cursor, ITEM_HEADER, s, 0, header);

      for (guint r = 0; r < n; r++)
        {
          ItemKind kind = r < section->rows->len ? ITEM_ROW : ITEM_TOTALS;
          double h = cells_height (cr, section, layout, row_cells (section, kind, r), FALSE, kind == ITEM_TOTALS);

          if (cursor.y + h > cursor.bottom)
            {
              /* The header row again at the top of the next page. */
              new_page (&cursor);
              place (&cursor, ITEM_HEADER, s, 0, header);
            }
          place (&cursor, kind, s, r, h);
        }

      cursor.y += 4;
      for (guint i = 0; i < section->notes->len; i++)
        {
          double h;

          measure (cr, section->notes->pdata[i], SIZE_NOTE, FALSE, available, NULL, &h);
          h += 2;
          if (cursor.y + h > cursor.bottom)
            new_page (&cursor);
          place (&cursor, ITEM_NOTE, s, i, h);
        }
    }

  cursor.y += GAP_SECTION;
  if (cursor.y + SIGNATURE_H > cursor.bottom)
    new_page (&cursor);
  place (&cursor, ITEM_SIGNATURES, 0, 0, SIGNATURE_H);

  paper->n_pages = cursor.page + 1;
  return paper->n_pages;
}

guint
gr_doc_paper_get_n_pages (GrDocPaper *paper)
{
  return paper->n_pages;
}

static void
show (cairo_t     *cr,
      PangoLayout *layout,
      double       x,
      double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_title (GrDocPaper *paper,
            cairo_t    *cr,
            double      y)
{
  GrDocTable *table = paper->table;
  double width = paper->width - 2 * MARGIN_X, w, h;
  g_autoptr(PangoLayout) title = text_layout (cr, table->title, SIZE_TITLE, TRUE, width);
  g_autofree char *enterprise = g_strdup_printf ("承储企业：%s", table->enterprise);
  g_autofree char *period = g_strdup_printf ("报告期：%s", table->period);
  g_autofree char *generated = g_strdup_printf ("制表日期：%s", table->generated);
  g_autoptr(PangoLayout) left = text_layout (cr, enterprise, SIZE_BLOCK, FALSE, -1);
  g_autoptr(PangoLayout) right = text_layout (cr, period, SIZE_BLOCK, FALSE, -1);

  pango_layout_set_alignment (title, PANGO_ALIGN_CENTER);
  show (cr, title, MARGIN_X, y);
  measure (cr, table->title, SIZE_TITLE, TRUE, -1, NULL, &h);
  y += h + 14;

  show (cr, left, MARGIN_X, y);
  measure (cr, period, SIZE_BLOCK, FALSE, -1, &w, &h);
  show (cr, right, paper->width - MARGIN_X - w, y);
  y += h + 3;

  {
    g_autoptr(PangoLayout) line = text_layout (cr, generated, SIZE_BLOCK, FALSE, -1);

    show (cr, line, MARGIN_X, y);
    y += h + 3;
  }
  for (guint i = 0; i < table->lines->len; i++)
    {
      g_autoptr(PangoLayout) line = text_layout (cr, table->lines->pdata[i], SIZE_BLOCK, FALSE, -1);

      show (cr, line, MARGIN_X, y);
      y += h + 3;
    }
}

static void
draw_cells (GrDocPaper *paper,
            cairo_t    *cr,
            const Item *item)
{
  GrDocSection *section = paper->table->sections->pdata[item->section];
  SectionLayout *layout = &paper->sections[item->section];
  gboolean header = item->kind == ITEM_HEADER;
  gboolean bold = header || item->kind == ITEM_TOTALS;
  const GrDocCell *cells = header ? NULL : row_cells (section, item->kind, item->index);
  double x = MARGIN_X;

  if (header || item->kind == ITEM_TOTALS)
    {
      double total = 0;

      for (guint c = 0; c < section->n_columns; c++)
        total += layout->widths[c];
      cairo_set_source_rgb (cr, header ? 0.90 : 0.96, header ? 0.90 : 0.96, header ? 0.90 : 0.96);
      cairo_rectangle (cr, MARGIN_X, item->y, total, item->height);
      cairo_fill (cr);
    }

  cairo_set_line_width (cr, 0.6);
  for (guint c = 0; c < section->n_columns; c++)
    {
      double w = layout->widths[c];
      g_autofree char *text = header ? g_strdup (section->headers[c])
                                     : gr_doc_cell_display (&cells[c], section->kinds[c]);
      g_autoptr(PangoLayout) cell = text_layout (cr, text, SIZE_TABLE, bold, w - 2 * PAD_X);
      PangoRectangle logical;

      if (header)
        pango_layout_set_alignment (cell, PANGO_ALIGN_CENTER);
      else if (gr_doc_kind_is_number (section->kinds[c]))
        pango_layout_set_alignment (cell, PANGO_ALIGN_RIGHT);
      pango_layout_get_extents (cell, NULL, &logical);

      cairo_set_source_rgb (cr, 0, 0, 0);
      /* Header text sits in the middle of its cell, row text at the top. */
      show (cr, cell, x + PAD_X,
            header ? item->y + (item->height - (double) logical.height / PANGO_SCALE) / 2 : item->y + PAD_Y);
      cairo_rectangle (cr, x, item->y, w, item->height);
      cairo_stroke (cr);
      x += w;
    }
}

static void
draw_signatures (GrDocPaper *paper,
                 cairo_t    *cr,
                 double      y)
{
  static const char * const labels[] = { "制表人：", "审核人：", "负责人：" };
  double slot = (paper->width - 2 * MARGIN_X) / G_N_ELEMENTS (labels);

  y += 24;
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.6);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      g_autoptr(PangoLayout) label = text_layout (cr, labels[i], SIZE_BLOCK, FALSE, -1);
      double x = MARGIN_X + i * slot, w, h;

      measure (cr, labels[i], SIZE_BLOCK, FALSE, -1, &w, &h);
      show (cr, label, x, y);
      cairo_move_to (cr, x + w + 2, y + h);
      cairo_line_to (cr, x + slot - 18, y + h);
      cairo_stroke (cr);
    }
}

static void
draw_running_head (GrDocPaper *paper,
                   cairo_t    *cr)
{
  GrDocTable *table = paper->table;
  g_autofree char *text = g_strdup_printf ("%s　%s　%s", table->title, table->enterprise, table->period);
  g_autoptr(PangoLayout) head = text_layout (cr, text, SIZE_SMALL, FALSE, paper->width - 2 * MARGIN_X);

  pango_layout_set_ellipsize (head, PANGO_ELLIPSIZE_END);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  show (cr, head, MARGIN_X, MARGIN_TOP - 24);
  cairo_set_line_width (cr, 0.4);
  cairo_move_to (cr, MARGIN_X, MARGIN_TOP - 8);
  cairo_line_to (cr, paper->width - MARGIN_X, MARGIN_TOP - 8);
  cairo_stroke (cr);
}

void
gr_doc_paper_draw_page (GrDocPaper *paper,
                        cairo_t    *cr,
                        guint       page)
{
  g_autofree char *footer = g_strdup_printf ("第 %u 页 共 %u 页", page + 1, paper->n_pages);
  g_autoptr(PangoLayout) foot = text_layout (cr, footer, SIZE_BLOCK - 1, FALSE, paper->width - 2 * MARGIN_X);

  g_return_if_fail (page < paper->n_pages);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  if (page > 0)
    draw_running_head (paper, cr);

  for (guint i = 0; i < paper->items->len; i++)
    {
      const Item *item = &g_array_index (paper->items, Item, i);

      if (item->page != page)
        continue;
      cairo_set_source_rgb (cr, 0, 0, 0);
      switch (item->kind)
        {
        case ITEM_TITLE:
          draw_title (paper, cr, item->y);
          break;
        case ITEM_HEADING:
          {
            GrDocSection *section = paper->table->sections->pdata[item->section];
            g_autoptr(PangoLayout) heading = text_layout (cr, section->name, SIZE_HEADING, TRUE, -1);

            show (cr, heading, MARGIN_X, item->y);
          }
          break;
        case ITEM_HEADER:
        case ITEM_ROW:
        case ITEM_TOTALS:
          draw_cells (paper, cr, item);
          break;
        case ITEM_NOTE:
          {
            GrDocSection *section = paper->table->sections->pdata[item->section];
            g_autoptr(PangoLayout) note = text_layout (cr, section->notes->pdata[item->index], SIZE_NOTE, FALSE,
                                                      paper->width - 2 * MARGIN_X);

            cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
            show (cr, note, MARGIN_X, item->y + 2);
          }
          break;
        case ITEM_SIGNATURES:
          draw_signatures (paper, cr, item->y);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  pango_layout_set_alignment (foot, PANGO_ALIGN_CENTER);
  cairo_set_source_rgb (cr, 0, 0, 0);
  show (cr, foot, MARGIN_X, paper->height - MARGIN_BOTTOM + 22);
  cairo_restore (cr);
}
