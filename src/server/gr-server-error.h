/* gr-server-error.h: failures of a request, by the HTTP status they answer with
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GR_SERVER_ERROR (gr_server_error_quark ())

/* The codes are the HTTP status codes themselves. */
typedef enum {
  GR_SERVER_ERROR_BAD_REQUEST       = 400,
  GR_SERVER_ERROR_UNAUTHORIZED      = 401,
  GR_SERVER_ERROR_FORBIDDEN         = 403,
  GR_SERVER_ERROR_NOT_FOUND         = 404,
  GR_SERVER_ERROR_CONFLICT          = 409,
  GR_SERVER_ERROR_GONE              = 410,
  GR_SERVER_ERROR_TOO_LARGE         = 413,
  GR_SERVER_ERROR_UNSUPPORTED_MEDIA = 415,
  GR_SERVER_ERROR_TOO_MANY          = 429,
  GR_SERVER_ERROR_INTERNAL          = 500,
  GR_SERVER_ERROR_UNAVAILABLE       = 503,
} GrServerErrorCode;

GQuark gr_server_error_quark (void);

/* The short machine-readable name a client can act on ("malformed_json"),
 * carried in the error message as "name: text". */
#define GR_SERVER_SET_ERROR(error, code, name, ...) \
  gr_server_set_error ((error), (code), (name), __VA_ARGS__)

void   gr_server_set_error  (GError     **error,
                             int          code,
                             const char  *name,
                             const char  *format,
                             ...) G_GNUC_PRINTF (4, 5);
/* Splits "name: text"; name "error" when there is none. */
char  *gr_server_error_name (const GError *error,
                             const char  **out_text);

G_END_DECLS
