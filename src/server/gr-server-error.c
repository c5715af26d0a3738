/* gr-server-error.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-server-error"

#include <string.h>

#include "gr-server-error.h"

G_DEFINE_QUARK (gr-server-error-quark, gr_server_error)

void
gr_server_set_error (GError     **error,
                     int          code,
                     const char  *name,
                     const char  *format,
                     ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, GR_SERVER_ERROR, code, "%s: %s", name, text);
}

char *
gr_server_error_name (const GError  *error,
                      const char   **out_text)
{
  const char *colon = error->domain == GR_SERVER_ERROR ? strstr (error->message, ": ") : NULL;

  if (colon == NULL)
    {
      *out_text = error->message;
      return g_strdup ("error");
    }
  *out_text = colon + 2;
  return g_strndup (error->message, colon - error->message);
}
