/* gr-format.h: parsing and showing quantities and dates as Chinese users write them
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The largest quantity we accept anywhere: 100 million tonnes. */
#define GR_MAX_KG ((gint64) 100000000 * 1000)

/* Tonnes with at most 3 decimals to integer kilograms (kg = llround (t × 1000)).
 * Refuses NaN, infinities, more decimals and values beyond GR_MAX_KG. */
gboolean  gr_tonnes_to_kg         (double        tonnes,
                                   gint64       *out_kg);
/* Kilograms as a plain decimal number of tonnes: 12560000 → "12560", 1500 → "1.5" */
char     *gr_kg_to_tonnes_string  (gint64        kg);
/* For people: "12,560 吨", "1.5 吨" (thousands separators, unit translated) */
char     *gr_format_tonnes        (gint64        kg);
/* "12,560" */
char     *gr_format_thousands     (gint64        value);

/* Strict "YYYY-MM-DD" of a real calendar date between 1900 and 2199. */
gboolean  gr_date_parse           (const char   *text,
                                   GDate        *out_date);
/* Strict "YYYY-MM". */
gboolean  gr_month_parse          (const char   *text,
                                   int          *out_year,
                                   int          *out_month);
char     *gr_date_to_iso          (const GDate  *date);
/* For people: 2026年6月30日 (in Chinese; the locale's long date elsewhere) */
char     *gr_format_date          (const GDate  *date);
char     *gr_format_iso_date      (const char   *iso);
char     *gr_today_iso            (void);
/* How long ago an ISO 8601 time (with its zone, e.g. "2026-11-25T06:05:00Z")
 * was, for people, in local time: "just now", "5 minutes ago", "3 hours
 * ago", "yesterday 14:05", then the date. now: NULL for the clock. */
char     *gr_format_relative_time (const char   *iso,
                                   GDateTime    *now);

/* Columns the text takes in a terminal: a CJK (wide) character counts two. */
gsize     gr_text_width           (const char   *text);
/* Appends text padded with spaces to width columns (on the left when
 * right_align), so tables of Chinese text line up. */
void      gr_text_pad             (GString      *out,
                                   const char   *text,
                                   gsize         width,
                                   gboolean      right_align);

G_END_DECLS
