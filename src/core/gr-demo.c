/* gr-demo.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-demo"

#include <string.h>

#include "gr-demo.h"
#include "gr-error.h"

gboolean
gr_demo_generate (GrStore *store, GrDemoScale scale, guint seed, double factor, const char *today,
                  GrProgressFunc progress, gpointer progress_data, GError **error)
{
  g_set_error (error, GR_ERROR, GR_ERROR_FAILED, "demo: not written yet");
  return FALSE;
}

gboolean
gr_demo_scale_from_string (const char *text, GrDemoScale *out_scale)
{
  if (g_strcmp0 (text, "city") == 0)
    *out_scale = GR_DEMO_CITY;
  else if (g_strcmp0 (text, "province") == 0)
    *out_scale = GR_DEMO_PROVINCE;
  else
    return FALSE;
  return TRUE;
}
