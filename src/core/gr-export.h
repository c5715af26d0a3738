/* gr-export.h: dataset export (DESIGN.md §7), written record by record
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gr-store.h"

G_BEGIN_DECLS

gboolean gr_export_to_stream (GrStore        *store,
                              GOutputStream  *out,
                              gboolean        ndjson,
                              GCancellable   *cancellable,
                              GError        **error);
/* path NULL or "-": standard output */
gboolean gr_export_to_file   (GrStore        *store,
                              const char     *path,
                              gboolean        ndjson,
                              GError        **error);

G_END_DECLS
