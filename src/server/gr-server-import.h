/* gr-server-import.h: granary-server import FILE (DESIGN.md §6, §7)
 *
 * Loads a dataset (JSON or NDJSON) straight into the server: how a bureau
 * onboards its city. The file is checked by the core library's import
 * into a scratch SQLite database first (every rule the desktop import
 * applies, all or nothing), then written to PostgreSQL in one
 * transaction: new records get version 1, changed ones the next version,
 * records with the same content are left alone, so importing a file twice
 * changes nothing. The file must be whole: its references are resolved
 * within it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-server-pg.h"
#include "gr-types.h"

G_BEGIN_DECLS

typedef struct {
  guint inserted;
  guint updated;
  guint unchanged;
} GrServerImportStats;

gboolean gr_server_import_file (GrServerPg           *pg,
                                const char           *path,
                                const char           *who,
                                GrServerImportStats  *stats,
                                GrProgressFunc        progress,
                                gpointer              progress_data,
                                GError              **error);

G_END_DECLS
