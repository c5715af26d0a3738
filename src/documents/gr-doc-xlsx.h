/* gr-doc-xlsx.h: the entry point of the XLSX module (libgranary-xlsx)
 *
 * The programs do not link it: gr_doc_write_xlsx () (gr-doc-write.c)
 * loads the module and looks this function up by name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gmodule.h>

#include "gr-doc-write.h"

G_BEGIN_DECLS

#define GR_DOC_XLSX_MODULE "granary-xlsx"
#define GR_DOC_XLSX_SYMBOL "gr_doc_xlsx_write"

G_MODULE_EXPORT
gboolean gr_doc_xlsx_write (GrDocTable      *table,
                            const char      *path,
                            GCancellable    *cancellable,
                            GrProgressFunc   progress,
                            gpointer         progress_data,
                            GError         **error);

G_END_DECLS
