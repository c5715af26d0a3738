/* gr-doc-pdf.c: report documents as PDF files (A4, cairo)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-doc"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "gr-doc-paper.h"
#include "gr-doc-write.h"
#include "gr-error.h"

gboolean
gr_doc_write_pdf (GrDocTable      *table,
                  const char      *path,
                  GCancellable    *cancellable,
                  GrProgressFunc   progress,
                  gpointer         progress_data,
                  GError         **error)
{
  g_autoptr(GrDocPaper) paper = gr_doc_paper_new (table);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, GR_DOC_A4_WIDTH, GR_DOC_A4_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  double width = GR_DOC_A4_WIDTH, height = GR_DOC_A4_HEIGHT;
  cairo_status_t status;
  guint n_pages;
  gboolean ok = TRUE;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, table->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Granary");
  if (gr_doc_paper_landscape (paper, cr))
    {
      width = GR_DOC_A4_HEIGHT;
      height = GR_DOC_A4_WIDTH;
      cairo_pdf_surface_set_size (surface, width, height);
    }
  n_pages = gr_doc_paper_paginate (paper, cr, width, height);
  for (guint page = 0; page < n_pages; page++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      gr_doc_paper_draw_page (paper, cr, page);
      cairo_show_page (cr);
      if (progress != NULL)
        progress ((double) (page + 1) / n_pages * 0.95, _("Writing the PDF file"), progress_data);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (ok && status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_FAILED, _("Could not write the PDF file %s: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  if (ok && progress != NULL)
    progress (1.0, NULL, progress_data);
  return ok;
}
