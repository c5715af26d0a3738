/* gr-demo-quality.c: plausible quality test results for demo lots
 *
 * Values are drawn inside the grade bands of the grading standards as
 * DOMAIN.md §1–§2 summarises them (出糙率 79/77/75/73/71 for indica,
 * 容重 790/770/750/730/710 for wheat, …) so that a lot's stored grade and
 * its tests agree. These numbers only shape generated data; judging a
 * test is the grading module's job, from its own threshold tables.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-demo"

#include <string.h>

#include "gr-demo-private.h"

typedef struct {
  GString *json;
  gboolean first;
} Obj;

static void
obj_number (Obj        *obj,
            const char *key,
            double      value,
            int         decimals)
{
  g_string_append_printf (obj->json, "%s\"%s\": ", obj->first ? "" : ", ", key);
  demo_append_number (obj->json, value, decimals);
  obj->first = FALSE;
}

static void
obj_string (Obj        *obj,
            const char *key,
            const char *value)
{
  g_string_append_printf (obj->json, "%s\"%s\": \"%s\"", obj->first ? "" : ", ", key, value);
  obj->first = FALSE;
}

/* A value of the band [floor(grade), floor(grade − 1)) of a ladder of
 * minimums; grade 1 gets up to two points above its floor. */
static double
in_band (GRand        *rand,
         const double *ladder,
         int           grade)
{
  double lo = ladder[grade - 1];
  /* Clear of the next floor by more than half a unit, so a value written
   * with no decimals (容重) does not round up into the better grade. */
  double hi = grade == 1 ? lo + 2.0 : ladder[grade - 2] - 0.6;

  return demo_rand_double (rand, lo, hi);
}

/* A value under a maximum, well clear of it. */
static double
under (GRand  *rand,
       double  limit,
       double  lo_share,
       double  hi_share)
{
  return limit * demo_rand_double (rand, lo_share, hi_share);
}

static void
paddy (Obj              *obj,
       GRand            *rand,
       gboolean          japonica,
       int               grade,
       gboolean          substandard,
       int               months,
       DemoStorageState  state)
{
  static const double indica_husked[] = { 79.0, 77.0, 75.0, 73.0, 71.0 };
  static const double indica_head[] = { 50.0, 47.0, 44.0, 41.0, 38.0 };
  static const double japonica_husked[] = { 81.0, 79.0, 77.0, 75.0, 73.0 };
  static const double japonica_head[] = { 61.0, 58.0, 55.0, 52.0, 49.0 };
  const double *husked = japonica ? japonica_husked : indica_husked;
  const double *head = japonica ? japonica_head : indica_head;
  double moisture_limit = japonica ? 14.5 : 13.5;
  /* 脂肪酸值 宜存 limits of GB/T 20569 as DOMAIN.md §2.1 gives them [M]. */
  double fav_good = japonica ? 25.0 : 30.0;
  double fav, taste;

  if (substandard)
    {
      obj_number (obj, "husked_rice_yield_pct", demo_rand_double (rand, husked[4] - 1.5, husked[4] - 0.3), 1);
      obj_number (obj, "head_rice_yield_pct", demo_rand_double (rand, head[4] - 3.0, head[4] - 0.5), 1);
    }
  else
    {
      obj_number (obj, "husked_rice_yield_pct", in_band (rand, husked, grade), 1);
      obj_number (obj, "head_rice_yield_pct", head[grade - 1] + demo_rand_double (rand, 0.3, 2.5), 1);
    }
  obj_number (obj, "moisture_pct", moisture_limit - demo_rand_double (rand, 0.2, 1.0), 1);
  obj_number (obj, "impurity_pct", under (rand, 1.0, 0.3, 0.8), 1);
  obj_number (obj, "yellow_kernel_pct", under (rand, 1.0, 0.1, 0.6), 1);
  obj_number (obj, "husked_outside_pct", under (rand, 2.0, 0.15, 0.7), 1);
  obj_string (obj, "color_odor", "normal");
  if (state == DEMO_STORAGE_SLIGHT)
    {
      fav = fav_good + demo_rand_double (rand, 1.5, 4.5);
      taste = demo_rand_double (rand, 63.0, 68.0);
    }
  else
    {
      fav = MIN (fav_good * 0.48 + 0.42 * months + demo_rand_double (rand, 0.0, 1.5), fav_good - 1.0);
      taste = MAX (85.0 - 0.3 * months - demo_rand_double (rand, 0.0, 2.0), 72.0);
    }
  obj_number (obj, "fatty_acid_value", fav, 1);
  obj_number (obj, "taste_score", taste, 0);
}

static void
wheat (Obj              *obj,
       GRand            *rand,
       int               grade,
       int               months,
       DemoStorageState  state)
{
  static const double test_weight[] = { 790, 770, 750, 730, 710 };
  static const double unsound[] = { 6.0, 6.0, 8.0, 8.0, 10.0 };

  obj_number (obj, "test_weight_g_per_l", in_band (rand, test_weight, grade) + (grade == 1 ? 8 : 0), 0);
  obj_number (obj, "unsound_kernel_pct", under (rand, unsound[grade - 1], 0.3, 0.8), 1);
  obj_number (obj, "impurity_pct", under (rand, 1.0, 0.3, 0.8), 1);
  obj_number (obj, "mineral_impurity_pct", under (rand, 0.5, 0.1, 0.5), 2);
  obj_number (obj, "moisture_pct", 12.5 - demo_rand_double (rand, 0.2, 1.0), 1);
  obj_string (obj, "color_odor", "normal");
  /* 面筋吸水量 宜存 ≥ 180 (GB/T 20571) */
  if (state == DEMO_STORAGE_SLIGHT)
    obj_number (obj, "gluten_water_absorption_pct", demo_rand_double (rand, 168.0, 178.0), 0);
  else
    obj_number (obj, "gluten_water_absorption_pct", MAX (208.0 - 0.4 * months - demo_rand_double (rand, 0, 4), 185.0), 0);
  obj_number (obj, "taste_score", MAX (84.0 - 0.25 * months - demo_rand_double (rand, 0, 2), 72.0), 0);
}

static void
corn (Obj              *obj,
      GRand            *rand,
      int               grade,
      int               months,
      DemoStorageState  state,
      int               year)
{
  static const double weight_2018[] = { 720, 690, 660, 630, 600 };
  static const double weight_2009[] = { 720, 685, 650, 620, 590 };
  static const double unsound[] = { 4.0, 6.0, 8.0, 10.0, 15.0 };

  obj_number (obj, "test_weight_g_per_l", in_band (rand, year >= 2019 ? weight_2018 : weight_2009, grade)
                                           + (grade == 1 ? 6 : 0), 0);
  obj_number (obj, "unsound_kernel_pct", under (rand, unsound[grade - 1], 0.3, 0.8), 1);
  obj_number (obj, "mildew_kernel_pct", under (rand, 2.0, 0.05, 0.5), 1);
  obj_number (obj, "impurity_pct", under (rand, 1.0, 0.3, 0.8), 1);
  obj_number (obj, "moisture_pct", 14.0 - demo_rand_double (rand, 0.2, 1.0), 1);
  obj_string (obj, "color_odor", "normal");
  /* 脂肪酸值 宜存 ≤ 65 (GB/T 20570-2015) */
  if (state == DEMO_STORAGE_SLIGHT)
    obj_number (obj, "fatty_acid_value", demo_rand_double (rand, 67.0, 75.0), 1);
  else
    obj_number (obj, "fatty_acid_value", MIN (34.0 + 0.8 * months + demo_rand_double (rand, 0, 3), 62.0), 1);
  obj_number (obj, "taste_score", MAX (84.0 - 0.3 * months - demo_rand_double (rand, 0, 2), 72.0), 0);
}

static void
soybean (Obj   *obj,
         GRand *rand,
         int    grade)
{
  static const double whole[] = { 95, 90, 85, 80, 75 };

  obj_number (obj, "whole_kernel_pct", MIN (in_band (rand, whole, grade), 99.0), 1);
  obj_number (obj, "impurity_pct", under (rand, 1.0, 0.3, 0.8), 1);
  obj_number (obj, "moisture_pct", 13.0 - demo_rand_double (rand, 0.2, 1.0), 1);
  obj_string (obj, "color_odor", "normal");
}

static void
rice (Obj   *obj,
      GRand *rand,
      int    grade)
{
  static const double unsound[] = { 3.0, 4.0, 6.0 };

  obj_number (obj, "unsound_kernel_pct", under (rand, unsound[grade - 1], 0.3, 0.85), 1);
  obj_number (obj, "impurity_pct", under (rand, 0.25, 0.2, 0.8), 2);
  obj_number (obj, "moisture_pct", 14.5 - demo_rand_double (rand, 0.3, 1.2), 1);
  obj_number (obj, "yellow_kernel_pct", under (rand, 1.0, 0.1, 0.6), 1);
  obj_string (obj, "color_odor", "normal");
}

static void
flour (Obj   *obj,
       GRand *rand,
       int    months)
{
  obj_number (obj, "moisture_pct", 14.5 - demo_rand_double (rand, 0.3, 1.5), 1);
  obj_number (obj, "fatty_acid_value", MIN (18.0 + 1.5 * months + demo_rand_double (rand, 0, 4), 40.0), 1);
  obj_string (obj, "color_odor", "normal");
}

static void
oil (Obj   *obj,
     GRand *rand)
{
  obj_number (obj, "moisture_pct", demo_rand_double (rand, 0.04, 0.12), 2);
  obj_number (obj, "impurity_pct", demo_rand_double (rand, 0.01, 0.04), 2);
  obj_string (obj, "color_odor", "normal");
}

/* The edition a lab would cite in year: a new edition from the year
 * after it was published. */
static const char *
standard_for (const char *variety,
              int         year)
{
  if (g_str_has_prefix (variety, "paddy_"))
    return "GB 1350-2009";
  if (strcmp (variety, "wheat") == 0)
    return "GB 1351-2008";
  if (strcmp (variety, "corn") == 0)
    return year >= 2019 ? "GB 1353-2018" : "GB 1353-2009";
  if (strcmp (variety, "soybean") == 0)
    return "GB 1352-2009";
  if (strcmp (variety, "rice") == 0)
    return year >= 2019 ? "GB/T 1354-2018" : "GB 1354-2009";
  if (strcmp (variety, "flour") == 0)
    return year >= 2022 ? "GB/T 1355-2021" : "GB 1355-1986";
  if (strcmp (variety, "oil_peanut") == 0)
    return year >= 2018 ? "GB/T 1534-2017" : "GB/T 1534-2003";
  if (strcmp (variety, "oil_rapeseed") == 0)
    return year >= 2022 ? "GB/T 1536-2021" : "GB/T 1536-2004";
  if (strcmp (variety, "oil_soybean") == 0)
    return year >= 2018 ? "GB/T 1535-2017" : "GB/T 1535-2003";
  if (strcmp (variety, "oil_palm") == 0)
    return "GB/T 15680-2009";
  return year >= 2019 ? "GB 2716-2018" : "GB 2716-2005";
}

char *
demo_quality_indicators (GRand             *rand,
                         const char        *variety,
                         int                grade,
                         gboolean           substandard,
                         int                months,
                         DemoStorageState   state,
                         int                year,
                         const char       **standard)
{
  Obj obj = { g_string_new ("{"), TRUE };

  if (grade < 1)
    grade = 3;
  if (strcmp (variety, "paddy_early_indica") == 0 || strcmp (variety, "paddy_late_indica") == 0)
    paddy (&obj, rand, FALSE, grade, substandard, months, state);
  else if (strcmp (variety, "paddy_japonica") == 0)
    paddy (&obj, rand, TRUE, grade, substandard, months, state);
  else if (strcmp (variety, "wheat") == 0)
    wheat (&obj, rand, grade, months, state);
  else if (strcmp (variety, "corn") == 0)
    corn (&obj, rand, grade, months, state, year);
  else if (strcmp (variety, "soybean") == 0)
    soybean (&obj, rand, grade);
  else if (strcmp (variety, "rice") == 0)
    rice (&obj, rand, grade);
  else if (strcmp (variety, "flour") == 0)
    flour (&obj, rand, months);
  else
    oil (&obj, rand);
  g_string_append_c (obj.json, '}');
  *standard = standard_for (variety, year);
  return g_string_free (obj.json, FALSE);
}

double
demo_safe_moisture (const char *variety)
{
  /* DOMAIN.md §3.1 */
  if (strcmp (variety, "paddy_japonica") == 0)
    return 14.5;
  if (g_str_has_prefix (variety, "paddy_"))
    return 13.5;
  if (strcmp (variety, "wheat") == 0)
    return 12.5;
  if (strcmp (variety, "corn") == 0)
    return 14.0;
  if (strcmp (variety, "soybean") == 0)
    return 13.0;
  return 14.5;
}
