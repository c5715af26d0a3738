/* gr-import.h: dataset import (DESIGN.md §7)
 *
 * All-or-nothing: the whole document is validated before anything is
 * written, and every refusal is one line naming the record (id) and the
 * field. Re-importing the same document changes nothing.
 *
 * A document is {"format": "granary-dataset", "version": 1, "profile": …,
 * "<array>": [records…]} (gr-schema.h names the arrays). Unknown keys of
 * a record are kept in its extra column, unknown top-level keys in the
 * meta key "dataset_extra"; export writes both again. version,
 * updated_at and updated_by are kept as given; when missing, a new record
 * gets version 0, the current time and the user's login name. A record
 * whose content hash matches the stored one is not written at all.
 *
 * The NDJSON form, for data too large for one tree:
 *   {"format": "granary-dataset-ndjson", "version": 1, "profile": …}
 *   {"type": "lot", "record": {…the record as in a document…}}
 *   …
 *   {"type": "end", "records": N}
 * The record sits under "record" rather than beside "type" because some
 * records have a field of that name (a bin's type). The closing line
 * counts the records: a file cut at a line end is told from a whole one.
 * Records may come in any order; a reference to a record not read yet is
 * checked at the end of the stream.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "gr-store.h"
#include "gr-types.h"

G_BEGIN_DECLS

typedef enum {
  GR_IMPORT_NONE   = 0,
  /* The records come from the server: a movement that drives a balance
   * below zero is stored (rule stock.negative reports it), not refused. */
  GR_IMPORT_SYNCED = 1 << 0,
  /* Movements typed in by hand (the movement dialog, a CLI entry): one
   * dated in a month whose monthly report is filed is refused, and a
   * correction dated later is the way (DESIGN.md §3). A dataset import
   * stores such a movement and the next report flags it. */
  GR_IMPORT_ENTRY  = 1 << 1,
} GrImportFlags;

typedef struct {
  guint inserted;
  guint updated;
  guint unchanged;
} GrImportStats;

/* A whole dataset document (format "granary-dataset"). */
gboolean gr_import_document (GrStore        *store,
                             JsonNode       *root,
                             GrImportFlags   flags,
                             GrImportStats  *stats,
                             GrProgressFunc  progress,
                             gpointer        progress_data,
                             GError        **error);
/* JSON text or NDJSON text (detected from the first line). */
gboolean gr_import_data     (GrStore        *store,
                             const char     *data,
                             gssize          length,
                             GrImportFlags   flags,
                             GrImportStats  *stats,
                             GrProgressFunc  progress,
                             gpointer        progress_data,
                             GError        **error);
/* A file (path or "-" for standard input); NDJSON is detected. */
gboolean gr_import_file     (GrStore        *store,
                             const char     *path,
                             GrImportFlags   flags,
                             GrImportStats  *stats,
                             GrProgressFunc  progress,
                             gpointer        progress_data,
                             GError        **error);

G_END_DECLS
