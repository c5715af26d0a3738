/* gr-json-scan.h: reading JSON text in place, without building a tree
 *
 * For bulk paths that read hundreds of thousands of small objects (the
 * first download): a strict reader of plain JSON text that gives each
 * value as it comes. json-glib stays the reference: the scanner reads
 * only what it knows json-glib reads the same way (strings with the
 * usual escapes, numbers without an exponent and of at most 18 digits
 * when whole, true, false, null) and refuses the rest, after which the
 * caller reads the same text with json-glib, messages and all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *p;        /* the next character to read */
  const char *end;
  GString    *text;     /* the last string read, decoded */
  JsonNode   *value;    /* the last scalar read (the scanner's: valid until the next) */
  JsonNode   *nodes[4];
} GrJsonScan;

/* data need not end with a NUL. A string that is not valid UTF-8 is not
 * read (outside strings, JSON text is ASCII). */
void      gr_json_scan_init    (GrJsonScan  *scan,
                                const char  *data,
                                gsize        length);
void      gr_json_scan_clear   (GrJsonScan  *scan);
/* The next character that is not white space (not consumed), '\0' at the end. */
char      gr_json_scan_peek    (GrJsonScan  *scan);
/* Consumes c, after white space; FALSE (nothing consumed) when another comes. */
gboolean  gr_json_scan_take    (GrJsonScan  *scan,
                                char         c);
/* A string, decoded into scan->text. */
gboolean  gr_json_scan_string  (GrJsonScan  *scan);
/* The string text (length bytes, with no quote, backslash nor control
 * character), written as it is: consumed. FALSE, nothing consumed, when
 * another value comes (or the same text with escapes). */
gboolean  gr_json_scan_string_is (GrJsonScan *scan,
                                  const char *text,
                                  gsize       length);
/* The same for the key of a member, with its colon. */
gboolean  gr_json_scan_key     (GrJsonScan  *scan,
                                const char  *key,
                                gsize        length);
/* A string, number, true, false or null, into scan->value. */
gboolean  gr_json_scan_scalar  (GrJsonScan  *scan);
/* Any value as a new tree; NULL when the scanner cannot read it. */
JsonNode *gr_json_scan_node    (GrJsonScan  *scan);
/* Only white space is left. */
gboolean  gr_json_scan_at_end  (GrJsonScan  *scan);

G_END_DECLS
