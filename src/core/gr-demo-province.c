/* gr-demo-province.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-demo"

#include "gr-demo-private.h"
#include "gr-error.h"

gboolean
gr_demo_generate_province (GrDemoContext  *ctx,
                           GError        **error)
{
  g_set_error (error, GR_ERROR, GR_ERROR_FAILED, "province: not yet");
  return FALSE;
}
