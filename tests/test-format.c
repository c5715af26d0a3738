/* test-format.c: quantities and dates as the dataset and the UI write them
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <math.h>

#include "gr-format.h"
#include "gr-variety.h"

/* DESIGN.md §3: kg = llround (t × 1000); more than three decimals refused. */
static void
test_tonnes_to_kg (void)
{
  gint64 kg = 0;

  g_assert_true (gr_tonnes_to_kg (12560, &kg));
  g_assert_cmpint (kg, ==, 12560000);
  g_assert_true (gr_tonnes_to_kg (0.001, &kg));
  g_assert_cmpint (kg, ==, 1);
  /* 0.1 + 0.2 is 0.30000000000000004 in binary: still exactly 300 kg */
  g_assert_true (gr_tonnes_to_kg (0.1 + 0.2, &kg));
  g_assert_cmpint (kg, ==, 300);
  g_assert_true (gr_tonnes_to_kg (10000.001, &kg));
  g_assert_cmpint (kg, ==, 10000001);
  g_assert_true (gr_tonnes_to_kg (99999999.999, &kg));
  g_assert_cmpint (kg, ==, G_GINT64_CONSTANT (99999999999));

  g_assert_false (gr_tonnes_to_kg (1.0005, &kg));   /* a fourth decimal */
  g_assert_false (gr_tonnes_to_kg (99999.0001, &kg));
  g_assert_false (gr_tonnes_to_kg (NAN, &kg));
  g_assert_false (gr_tonnes_to_kg (INFINITY, &kg));
  g_assert_false (gr_tonnes_to_kg (1e12, &kg));     /* absurd */
}

/* Integer ratio comparison at the boundary (DESIGN.md §3): stock × 100 ≥ plan × 70. */
static void
test_ratio_boundary (void)
{
  gint64 plan = 0, stock = 0;

  g_assert_true (gr_tonnes_to_kg (10000.001, &plan));
  /* 70 % of 10,000,001 kg is 7,000,000.7 kg: 7,000,001 kg meets it, 7,000,000 does not */
  g_assert_true (gr_tonnes_to_kg (7000.001, &stock));
  g_assert_cmpint (stock * 100, >=, plan * 70);
  g_assert_true (gr_tonnes_to_kg (7000.000, &stock));
  g_assert_cmpint (stock * 100, <, plan * 70);
}

static void
test_kg_to_string (void)
{
  g_autofree char *a = gr_kg_to_tonnes_string (12560000);
  g_autofree char *b = gr_kg_to_tonnes_string (1500);
  g_autofree char *c = gr_kg_to_tonnes_string (1);
  g_autofree char *d = gr_kg_to_tonnes_string (-250);
  g_autofree char *e = gr_format_thousands (220000);
  g_autofree char *f = gr_format_thousands (1234567);
  g_autofree char *g = gr_format_thousands (-999);

  g_assert_cmpstr (a, ==, "12560");
  g_assert_cmpstr (b, ==, "1.5");
  g_assert_cmpstr (c, ==, "0.001");
  g_assert_cmpstr (d, ==, "-0.25");
  g_assert_cmpstr (e, ==, "220,000");
  g_assert_cmpstr (f, ==, "1,234,567");
  g_assert_cmpstr (g, ==, "-999");
}

static void
test_dates (void)
{
  GDate date;
  int y, m;

  g_assert_true (gr_date_parse ("2024-02-29", &date));
  g_assert_cmpint (g_date_get_day (&date), ==, 29);
  g_assert_false (gr_date_parse ("2025-02-29", &date));   /* not a leap year */
  g_assert_false (gr_date_parse ("2025-13-01", &date));
  g_assert_false (gr_date_parse ("2025-1-01", &date));
  g_assert_false (gr_date_parse ("2025-01-01T00:00", &date));
  g_assert_false (gr_date_parse ("", &date));
  g_assert_false (gr_date_parse (NULL, &date));
  g_assert_true (gr_month_parse ("2026-03", &y, &m));
  g_assert_cmpint (y, ==, 2026);
  g_assert_cmpint (m, ==, 3);
  g_assert_false (gr_month_parse ("2026-00", &y, &m));
  g_assert_false (gr_month_parse ("2026-3", &y, &m));
}

static void
test_varieties (void)
{
  /* DESIGN.md §3 "Grades": raw 1–5, rice and flour 1–3, oil 1–4 */
  g_assert_cmpint (gr_variety_max_grade ("paddy_late_indica"), ==, 5);
  g_assert_cmpint (gr_variety_max_grade ("rice"), ==, 3);
  g_assert_cmpint (gr_variety_max_grade ("flour"), ==, 3);
  g_assert_cmpint (gr_variety_max_grade ("oil_peanut"), ==, 4);
  g_assert_cmpint (g_strv_length ((char **) gr_variety_codes ()), ==, 13);
  g_assert_false (gr_variety_is_valid ("barley"));
  g_assert_cmpint (gr_variety_class ("oil_blend"), ==, GR_CLASS_OIL);
  g_assert_cmpint (gr_variety_class ("flour"), ==, GR_CLASS_FINISHED);
}

/* Terminal columns: a CJK character takes two. */
static void
test_text_width (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_cmpuint (gr_text_width ("城南库"), ==, 6);
  g_assert_cmpuint (gr_text_width ("P01 仓"), ==, 6);
  g_assert_cmpuint (gr_text_width ("（吨）"), ==, 6);
  g_assert_cmpuint (gr_text_width (""), ==, 0);
  gr_text_pad (out, "库", 4, FALSE);
  gr_text_pad (out, "12", 4, TRUE);
  g_assert_cmpstr (out->str, ==, "库    12");
}

/* The last sync as people say it (English: the test runs untranslated). */
static void
test_relative_time (void)
{
  g_autoptr(GTimeZone) shanghai = g_time_zone_new_identifier ("+08:00");
  g_autoptr(GDateTime) now = g_date_time_new (shanghai, 2026, 11, 25, 9, 30, 0);
  struct {
    const char *iso;
    const char *expected;
  } cases[] = {
    { "2026-11-25T01:29:40Z", "just now" },
    { "2026-11-25T01:29:00Z", "1 minute ago" },
    { "2026-11-25T01:05:00Z", "25 minutes ago" },
    { "2026-11-25T00:20:00Z", "1 hour ago" },
    { "2026-11-24T16:30:00Z", "9 hours ago" },       /* 00:30 today, local */
    { "2026-11-24T15:59:00Z", "yesterday 23:59" },
    { "2026-11-24T06:05:00Z", "yesterday 14:05" },
    { "2026-11-23T10:00:00Z", "2026-11-23" },
    { "not a time", "not a time" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = gr_format_relative_time (cases[i].iso, now);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/tonnes-to-kg", test_tonnes_to_kg);
  g_test_add_func ("/format/ratio-boundary", test_ratio_boundary);
  g_test_add_func ("/format/kg-to-string", test_kg_to_string);
  g_test_add_func ("/format/dates", test_dates);
  g_test_add_func ("/format/varieties", test_varieties);
  g_test_add_func ("/format/relative-time", test_relative_time);

  g_test_add_func ("/format/text-width", test_text_width);
  return g_test_run ();
}
