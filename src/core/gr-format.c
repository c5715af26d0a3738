/* gr-format.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gr-format.h"

gboolean
gr_tonnes_to_kg (double  tonnes,
                 gint64 *out_kg)
{
  double scaled;
  double rounded;

  if (!isfinite (tonnes))
    return FALSE;
  scaled = tonnes * 1000.0;
  if (fabs (scaled) > (double) GR_MAX_KG)
    return FALSE;
  rounded = round (scaled);
  /* A decimal with 3 places is not exact in binary, but the product is
   * within a few units of the last place of the exact kilograms; a real
   * fourth decimal is at least 0.1 kg away, far outside this. */
  if (fabs (scaled - rounded) > MAX (1.0, fabs (scaled)) * 8 * DBL_EPSILON)
    return FALSE;
  *out_kg = (gint64) rounded;
  return TRUE;
}

char *
gr_kg_to_tonnes_string (gint64 kg)
{
  gint64 whole = kg / 1000;
  int frac = (int) ABS (kg % 1000);
  const char *sign = (kg < 0 && whole == 0) ? "-" : "";
  char buf[8];
  gsize len;

  if (frac == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, whole);
  g_snprintf (buf, sizeof buf, "%03d", frac);
  len = strlen (buf);
  while (len > 0 && buf[len - 1] == '0')
    buf[--len] = '\0';
  return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%s", sign, whole, buf);
}

char *
gr_format_thousands (gint64 value)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, (guint64) (value < 0 ? -value : value));
  GString *out = g_string_new (value < 0 ? "-" : "");
  gsize n = strlen (digits);

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

char *
gr_format_tonnes (gint64 kg)
{
  g_autofree char *whole = gr_format_thousands (kg / 1000);
  g_autofree char *number = NULL;
  int frac = (int) ABS (kg % 1000);

  if (frac == 0)
    number = g_strdup (whole);
  else
    {
      char buf[8];
      gsize len;

      g_snprintf (buf, sizeof buf, "%03d", frac);
      len = strlen (buf);
      while (len > 0 && buf[len - 1] == '0')
        buf[--len] = '\0';
      number = g_strdup_printf ("%s%s.%s", (kg < 0 && kg > -1000) ? "-" : "", whole, buf);
    }
  /* TRANSLATORS: a quantity in tonnes, e.g. "12,560 t" → "12,560 吨" */
  return g_strdup_printf (_("%s t"), number);
}

static gboolean
parse_digits (const char *text,
              int         n,
              int        *out)
{
  int value = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (text[i] - '0');
    }
  *out = value;
  return TRUE;
}

gboolean
gr_date_parse (const char *text,
               GDate      *out_date)
{
  int y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  if (!parse_digits (text, 4, &y) || !parse_digits (text + 5, 2, &m) || !parse_digits (text + 8, 2, &d))
    return FALSE;
  if (y < 1900 || y > 2199 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  if (out_date != NULL)
    g_date_set_dmy (out_date, d, m, y);
  return TRUE;
}

gboolean
gr_month_parse (const char *text,
                int        *out_year,
                int        *out_month)
{
  int y, m;

  if (text == NULL || strlen (text) != 7 || text[4] != '-')
    return FALSE;
  if (!parse_digits (text, 4, &y) || !parse_digits (text + 5, 2, &m))
    return FALSE;
  if (y < 1900 || y > 2199 || m < 1 || m > 12)
    return FALSE;
  if (out_year)
    *out_year = y;
  if (out_month)
    *out_month = m;
  return TRUE;
}

char *
gr_date_to_iso (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

char *
gr_format_date (const GDate *date)
{
  /* TRANSLATORS: a full date: year, month, day → "%1$d年%2$d月%3$d日" */
  return g_strdup_printf (_("%1$d-%2$02d-%3$02d"), g_date_get_year (date),
                          (int) g_date_get_month (date), g_date_get_day (date));
}

char *
gr_format_iso_date (const char *iso)
{
  GDate date;

  if (!gr_date_parse (iso, &date))
    return g_strdup (iso ? iso : "");
  return gr_format_date (&date);
}

char *
gr_format_relative_time (const char *iso,
                         GDateTime  *now)
{
  g_autoptr(GDateTime) then_utc = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GDateTime) clock = NULL;
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDate) day = NULL;
  GTimeSpan ago;
  int days;

  if (then_utc == NULL)
    return g_strdup (iso ? iso : "");
  if (now == NULL)
    now = clock = g_date_time_new_now_local ();
  then = g_date_time_to_timezone (then_utc, g_date_time_get_timezone (now));
  ago = g_date_time_difference (now, then);
  if (ago < G_TIME_SPAN_MINUTE)
    /* TRANSLATORS: the last sync was less than a minute ago */
    return g_strdup (_("just now"));
  if (ago < G_TIME_SPAN_HOUR)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago", (int) (ago / G_TIME_SPAN_MINUTE)),
                            (int) (ago / G_TIME_SPAN_MINUTE));
  /* Calendar days in local time decide "yesterday", not 24 hours. */
  today = g_date_time_new (g_date_time_get_timezone (now), g_date_time_get_year (now), g_date_time_get_month (now),
                           g_date_time_get_day_of_month (now), 0, 0, 0);
  days = (int) ((g_date_time_difference (today, then) + G_TIME_SPAN_DAY - 1) / G_TIME_SPAN_DAY);
  if (days <= 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago", (int) (ago / G_TIME_SPAN_HOUR)),
                            (int) (ago / G_TIME_SPAN_HOUR));
  if (days == 1)
    {
      g_autofree char *time = g_date_time_format (then, "%H:%M");

      /* TRANSLATORS: a time yesterday, e.g. "昨天 14:05" */
      return g_strdup_printf (_("yesterday %s"), time);
    }
  day = g_date_new_dmy (g_date_time_get_day_of_month (then), g_date_time_get_month (then),
                        g_date_time_get_year (then));
  return gr_format_date (day);
}

char *
gr_today_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

gsize
gr_text_width (const char *text)
{
  gsize width = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

void
gr_text_pad (GString    *out,
             const char *text,
             gsize       width,
             gboolean    right_align)
{
  gsize have = gr_text_width (text);

  if (!right_align)
    g_string_append (out, text);
  for (; have < width; have++)
    g_string_append_c (out, ' ');
  if (right_align)
    g_string_append (out, text);
}
