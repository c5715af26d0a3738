/* gr-json-writer.h: JSON text written the same way every time
 *
 * The dataset exporter, the canonical form behind content hashes and the
 * stored JSON fields all go through these functions, so a value read back
 * and written again gives the same bytes: numbers in their shortest exact
 * form (5000, not 5000.0; 13.1, not 13.099999999999999), members in their
 * original order, ", " and ": " between items.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

void   gr_json_append_string  (GString     *out,
                               const char  *text);
/* The shortest text that reads back as the same double; null if not finite. */
void   gr_json_append_double  (GString     *out,
                               double       value);
void   gr_json_append_int     (GString     *out,
                               gint64       value);
void   gr_json_append_node    (GString     *out,
                               JsonNode    *node);
/* node as canonical text (newly allocated) */
char  *gr_json_node_to_text   (JsonNode    *node);
/* Parses text and writes it again in canonical form. */
char  *gr_json_canonical      (const char  *text,
                               GError     **error);
/* A short description of a value for error messages: "the number 12",
 * "the text \"abc\"", "an object", "a list", "true", "null". */
char  *gr_json_describe       (JsonNode    *node);

G_END_DECLS
