/* gr-demo-util.c: dates, splits and numbers for the demo generators
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-demo"

#include <string.h>

#include "gr-demo-private.h"

guint32
demo_julian (int year,
             int month,
             int day)
{
  GDate date;
  int last = g_date_get_days_in_month (month, year);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, CLAMP (day, 1, last), month, year);
  return g_date_get_julian (&date);
}

guint32
demo_month_day (int mi,
                int day)
{
  return demo_julian (demo_month_year (mi), demo_month_month (mi), day);
}

guint32
demo_month_first (int mi)
{
  return demo_month_day (mi, 1);
}

guint32
demo_month_last (int mi)
{
  return demo_month_day (mi, 31);
}

int
demo_days_in_month (int mi)
{
  return g_date_get_days_in_month (demo_month_month (mi), demo_month_year (mi));
}

static void
julian_to_date (guint32  julian,
                GDate   *date)
{
  g_date_clear (date, 1);
  g_date_set_julian (date, julian);
}

int
demo_julian_month (guint32 julian)
{
  GDate date;

  julian_to_date (julian, &date);
  return demo_month_index (g_date_get_year (&date), g_date_get_month (&date));
}

int
demo_julian_year (guint32 julian)
{
  GDate date;

  julian_to_date (julian, &date);
  return g_date_get_year (&date);
}

int
demo_julian_day (guint32 julian)
{
  GDate date;

  julian_to_date (julian, &date);
  return g_date_get_day (&date);
}

void
demo_julian_iso (guint32  julian,
                 char    *buf)
{
  GDate date;

  julian_to_date (julian, &date);
  g_snprintf (buf, 11, "%04d-%02d-%02d", g_date_get_year (&date),
              (int) g_date_get_month (&date), g_date_get_day (&date));
}

void
demo_month_iso (int   mi,
                char *buf)
{
  g_snprintf (buf, 8, "%04d-%02d", demo_month_year (mi), demo_month_month (mi));
}

gboolean
demo_is_weekday (guint32 julian)
{
  GDate date;

  julian_to_date (julian, &date);
  return g_date_get_weekday (&date) <= G_DATE_FRIDAY;
}

guint32
demo_add_weekdays (guint32 julian,
                   int     n)
{
  while (n > 0)
    {
      julian++;
      if (demo_is_weekday (julian))
        n--;
    }
  return julian;
}

void
demo_split_kg (GRand  *rand,
               gint64  total,
               int     n,
               gint64 *parts)
{
  gint64 weights[64];
  gint64 sum = 0;
  gint64 given = 0;

  g_assert (n >= 1 && n <= (int) G_N_ELEMENTS (weights));
  g_assert (total >= n);

  for (int i = 0; i < n; i++)
    sum += weights[i] = demo_rand_int (rand, 700, 1300);
  for (int i = 0; i < n - 1; i++)
    {
      /* Never less than one kilogram, and leave one for each part still to come. */
      parts[i] = MAX (1, total * weights[i] / sum);
      parts[i] = MIN (parts[i], total - given - (n - 1 - i));
      given += parts[i];
    }
  parts[n - 1] = total - given;
}

int
demo_pick_days (GRand *rand,
                int    lo,
                int    hi,
                int    n,
                int   *days)
{
  int span = hi - lo + 1;
  int chosen = 0;

  n = CLAMP (n, 1, span);
  /* Selection sampling keeps the days in order without sorting. */
  for (int d = lo; d <= hi && chosen < n; d++)
    {
      int left = hi - d + 1;

      if (demo_rand_int (rand, 1, left) <= n - chosen)
        days[chosen++] = d;
    }
  return chosen;
}

void
demo_append_number (GString *out,
                    double   value,
                    int      decimals)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  const char *format = "%.1f";

  switch (decimals)
    {
    case 0: format = "%.0f"; break;
    case 1: format = "%.1f"; break;
    case 2: format = "%.2f"; break;
    default: format = "%.3f"; break;
    }
  /* g_ascii_formatd: a decimal point whatever the locale, as JSON needs. */
  g_string_append (out, g_ascii_formatd (buf, sizeof buf, format, value));
}

void
demo_credit_code (GRand      *rand,
                  const char *area,
                  char       *buf)
{
  static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static const int weights[] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
  int sum = 0;

  /* 9 (registered by the market regulator) 1 (a company), the area,
   * nine characters of organisation code, then the GB 32100 check
   * character, so the codes look and check like real ones. */
  g_snprintf (buf, 9, "91%.6s", area);
  for (int i = 8; i < 17; i++)
    buf[i] = alphabet[demo_rand_int (rand, 0, i < 10 ? 9 : 30)];
  for (int i = 0; i < 17; i++)
    sum += (int) (strchr (alphabet, buf[i]) - alphabet) * weights[i];
  buf[17] = alphabet[(31 - sum % 31) % 31];
  buf[18] = '\0';
}
