/* gr-export.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-export"

#include "gr-error.h"
#include "gr-export.h"

gboolean
gr_export_to_stream (GrStore *store, GOutputStream *out, gboolean ndjson, GCancellable *cancellable, GError **error)
{
  g_set_error (error, GR_ERROR, GR_ERROR_FAILED, "export: not written yet");
  return FALSE;
}

gboolean
gr_export_to_file (GrStore *store, const char *path, gboolean ndjson, GError **error)
{
  g_set_error (error, GR_ERROR, GR_ERROR_FAILED, "export: not written yet");
  return FALSE;
}
