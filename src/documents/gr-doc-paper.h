/* gr-doc-paper.h: a report document laid out on A4 pages with cairo and pango
 *
 * The PDF writer and printing (GtkPrintOperation) draw the same pages:
 * the title block on the first page, each section's table with its
 * header row repeated on every page it runs onto, the notes, the
 * signature lines 制表人/审核人/负责人 at the end, and 第 N 页 共 M 页 at
 * the foot of each page. Text is set in Noto Sans CJK SC (through
 * fontconfig), so the Chinese prints the same on every machine that has
 * the font. Lengths are in points; the cairo context's units must be
 * points too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "gr-doc-table.h"

G_BEGIN_DECLS

#define GR_DOC_A4_WIDTH  595.276
#define GR_DOC_A4_HEIGHT 841.890
#define GR_DOC_FONT      "Noto Sans CJK SC"

typedef struct _GrDocPaper GrDocPaper;

/* The paper keeps a pointer to table, which must outlive it. */
GrDocPaper *gr_doc_paper_new         (GrDocTable  *table);
void        gr_doc_paper_free        (GrDocPaper  *paper);
/* Whether the widest section reads better across a landscape page. */
gboolean    gr_doc_paper_landscape   (GrDocPaper  *paper,
                                      cairo_t     *cr);
/* Lays the document out on pages of width × height points, measuring
 * with cr's fonts; returns the number of pages. */
guint       gr_doc_paper_paginate    (GrDocPaper  *paper,
                                      cairo_t     *cr,
                                      double       width,
                                      double       height);
guint       gr_doc_paper_get_n_pages (GrDocPaper  *paper);
/* Draws page (0-based) with its top left corner at cr's origin. */
void        gr_doc_paper_draw_page   (GrDocPaper  *paper,
                                      cairo_t     *cr,
                                      guint        page);

/* A PangoLayout for cr in points (72 dpi), with the document font at
 * size points; shared with the information cards. */
gpointer    gr_doc_paper_layout      (cairo_t     *cr,
                                      double       size,
                                      gboolean     bold);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrDocPaper, gr_doc_paper_free)

G_END_DECLS
