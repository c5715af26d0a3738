/* gr-import.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gr-error.h"
#include "gr-import.h"

gboolean
gr_import_document (GrStore *store, JsonNode *root, GrImportFlags flags, GrImportStats *stats,
                    GrProgressFunc progress, gpointer progress_data, GError **error)
{
  g_set_error (error, GR_ERROR, GR_ERROR_FAILED, "import: not written yet");
  return FALSE;
}

gboolean
gr_import_data (GrStore *store, const char *data, gssize length, GrImportFlags flags, GrImportStats *stats,
                GrProgressFunc progress, gpointer progress_data, GError **error)
{
  g_set_error (error, GR_ERROR, GR_ERROR_FAILED, "import: not written yet");
  return FALSE;
}

gboolean
gr_import_file (GrStore *store, const char *path, GrImportFlags flags, GrImportStats *stats,
                GrProgressFunc progress, gpointer progress_data, GError **error)
{
  g_set_error (error, GR_ERROR, GR_ERROR_FAILED, "import: not written yet");
  return FALSE;
}
