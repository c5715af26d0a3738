/* gr-json-check.h: strict reading of our own JSON data files (profiles, targets)
 *
 * Every getter names the file and the key path (/rules/age.limit/limits/0/years)
 * in its error, so a typo in a hand-edited file is found at load time, not
 * as a silently missing rule.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct {
  const char  *file;    /* shown in messages */
  GError     **error;
} GrJsonCheck;

/* Always returns FALSE, having set the error: "FILE: PATH/KEY: message". */
gboolean gr_json_fail        (GrJsonCheck  *check,
                              const char   *path,
                              const char   *key,
                              const char   *format,
                              ...) G_GNUC_PRINTF (4, 5);

/* Parses text into a root object; refuses anything else. */
JsonNode *gr_json_parse_object (GrJsonCheck *check,
                                const char  *data,
                                gssize       length);

/* Refuses a key that is not in allowed (NULL-terminated). "note" is allowed everywhere. */
gboolean gr_json_only_keys   (GrJsonCheck        *check,
                              JsonObject         *object,
                              const char         *path,
                              const char * const *allowed);

/* The getters return FALSE on a wrong type or a missing required key. A
 * missing optional key (or null) leaves *out untouched. */
gboolean gr_json_get_string  (GrJsonCheck  *check,
                              JsonObject   *object,
                              const char   *path,
                              const char   *key,
                              gboolean      required,
                              const char  **out);
gboolean gr_json_get_int     (GrJsonCheck  *check,
                              JsonObject   *object,
                              const char   *path,
                              const char   *key,
                              gboolean      required,
                              gint64        min,
                              gint64        max,
                              gint64       *out);
gboolean gr_json_get_number  (GrJsonCheck  *check,
                              JsonObject   *object,
                              const char   *path,
                              const char   *key,
                              gboolean      required,
                              double        min,
                              double        max,
                              double       *out);
gboolean gr_json_get_bool    (GrJsonCheck  *check,
                              JsonObject   *object,
                              const char   *path,
                              const char   *key,
                              gboolean      required,
                              gboolean     *out);
/* *out is NULL when the key is missing (optional) or, with null_ok, null. */
gboolean gr_json_get_object  (GrJsonCheck  *check,
                              JsonObject   *object,
                              const char   *path,
                              const char   *key,
                              gboolean      required,
                              gboolean      null_ok,
                              JsonObject  **out);
gboolean gr_json_get_array   (GrJsonCheck  *check,
                              JsonObject   *object,
                              const char   *path,
                              const char   *key,
                              gboolean      required,
                              JsonArray   **out);
/* An array of strings each in allowed, as a bit mask (bit i = allowed[i]). */
gboolean gr_json_get_flags   (GrJsonCheck        *check,
                              JsonObject         *object,
                              const char         *path,
                              const char         *key,
                              gboolean            required,
                              const char * const *allowed,
                              guint              *out);

G_END_DECLS
