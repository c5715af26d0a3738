/* gr-doc-write.h: writing a report document to a file: CSV, XLSX or PDF
 *
 * Every writer works on a temporary file beside the target and renames
 * it into place only when the whole document is written, so a failed
 * or cancelled export leaves nothing half-written (and an existing file
 * of that name untouched).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gr-doc-table.h"
#include "gr-types.h"

G_BEGIN_DECLS

typedef enum {
  GR_DOC_FORMAT_CSV,
  GR_DOC_FORMAT_XLSX,
  GR_DOC_FORMAT_PDF,
} GrDocFormat;

/* "csv", "xlsx", "pdf" */
gboolean    gr_doc_format_from_string (const char   *text,
                                       GrDocFormat  *out_format);
const char *gr_doc_format_extension   (GrDocFormat   format);

/* Writes the document at path in the file; the temporary file is made
 * by the writer and given to it by path. */
typedef gboolean (*GrDocWriter) (gpointer         document,
                                 const char      *path,
                                 GCancellable    *cancellable,
                                 GrProgressFunc   progress,
                                 gpointer         progress_data,
                                 GError         **error);

/* Runs writer on a temporary file in path's folder, then renames it to
 * path. On failure or cancellation the temporary file is removed. */
gboolean    gr_doc_write_atomically  (const char      *path,
                                      GrDocWriter      writer,
                                      gpointer         document,
                                      GCancellable    *cancellable,
                                      GrProgressFunc   progress,
                                      gpointer         progress_data,
                                      GError         **error);

gboolean    gr_doc_write             (GrDocTable      *table,
                                      GrDocFormat      format,
                                      const char      *path,
                                      GCancellable    *cancellable,
                                      GrProgressFunc   progress,
                                      gpointer         progress_data,
                                      GError         **error);

/* The writers themselves, straight to path (no temporary file). */
gboolean    gr_doc_write_csv         (GrDocTable      *table,
                                      const char      *path,
                                      GCancellable    *cancellable,
                                      GrProgressFunc   progress,
                                      gpointer         progress_data,
                                      GError         **error);
gboolean    gr_doc_write_xlsx        (GrDocTable      *table,
                                      const char      *path,
                                      GCancellable    *cancellable,
                                      GrProgressFunc   progress,
                                      gpointer         progress_data,
                                      GError         **error);
gboolean    gr_doc_write_pdf         (GrDocTable      *table,
                                      const char      *path,
                                      GCancellable    *cancellable,
                                      GrProgressFunc   progress,
                                      gpointer         progress_data,
                                      GError         **error);

/* CSV text of the table (UTF-8 with BOM, RFC 4180 quoting, CRLF). */
char       *gr_doc_csv_text          (GrDocTable      *table);

G_END_DECLS
