/* test-grading.c: the standards tables and the judgement of a quality test
 *
 * Every expected value comes from DOMAIN.md §1–§2 as the data files of
 * data/standards/ hold it; each test names the standard, its edition and
 * the table of the standard the value belongs to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <string.h>

#include "gr-error.h"
#include "gr-grading.h"

static GrStandards *standards;

/* Judges one test; indicators as JSON text. */
static GrJudgement
judge_at (const char *variety,
          const char *standard,
          const char *date,
          const char *indicators)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GrJudgement j;

  json_parser_load_from_data (parser, indicators, -1, &error);
  g_assert_no_error (error);
  g_assert_true (gr_grading_judge (standards, variety, standard, date,
                                   json_node_get_object (json_parser_get_root (parser)), &j, &error));
  g_assert_no_error (error);
  return j;
}

static GrJudgement
judge (const char *variety,
       const char *standard,
       const char *indicators)
{
  return judge_at (variety, standard, "2026-04-02", indicators);
}

/* The grade one indicator value gives: 0 for 等外. */
static int
grade_of (const char *variety,
          const char *standard,
          const char *key,
          double      value)
{
  g_autofree char *json = g_strdup_printf ("{\"%s\": %.3f}", key, value);
  GrJudgement j = judge (variety, standard, json);

  g_assert_true (j.graded);
  g_assert_cmpint (j.substandard, ==, j.grade == 0);
  return j.grade;
}

/* ---- The tables --------------------------------------------------------- */

static void
test_tables_tagged (void)
{
  const GrGradingTable *indica = gr_standards_find_grading (standards, "GB 1350-2009", "paddy_late_indica");
  const GrGradingTable *japonica = gr_standards_find_grading (standards, "GB 1350-2009", "paddy_japonica");
  const GrGradingTable *corn = gr_standards_find_grading (standards, "GB 1353-2018", "corn");
  const GrStorageTable *storage = gr_standards_find_storage (standards, "corn", 2026);

  /* GB 1350-2009 籼稻谷 出糙率: 77.0 and 75.0 checked on a page (S5),
   * 79.0 / 73.0 / 71.0 seen only in code (S4). */
  g_assert_nonnull (indica);
  g_assert_cmpstr (indica->standard, ==, "GB 1350-2009");
  g_assert_cmpstr (indica->name, ==, "籼稻谷");
  g_assert_true (indica == gr_standards_find_grading (standards, "GB 1350-2009", "paddy_early_indica"));
  g_assert_cmpstr (indica->ladders[0].indicator, ==, "husked_rice_yield_pct");
  g_assert_cmpint (indica->ladders[0].values[0].milli, ==, 79000);
  g_assert_cmpint (indica->ladders[0].values[0].status, ==, GR_STATUS_VERIFIED_CODE);
  g_assert_cmpint (indica->ladders[0].values[1].status, ==, GR_STATUS_VERIFIED);
  g_assert_cmpint (indica->ladders[0].values[2].milli, ==, 75000);
  g_assert_cmpint (indica->ladders[0].values[2].status, ==, GR_STATUS_VERIFIED);
  g_assert_cmpint (indica->ladders[0].values[4].milli, ==, 71000);
  /* 粳稻谷: only 三等 77.0 is verified. */
  g_assert_cmpint (japonica->ladders[0].values[0].milli, ==, 81000);
  g_assert_cmpint (japonica->ladders[0].values[0].status, ==, GR_STATUS_UNCONFIRMED);
  g_assert_cmpint (japonica->ladders[0].values[2].status, ==, GR_STATUS_VERIFIED);
  /* GB 1353-2018 玉米 五等 容重 600 is unconfirmed (typo in the source). */
  g_assert_cmpint (corn->ladders[0].values[4].milli, ==, 600000);
  g_assert_cmpint (corn->ladders[0].values[4].status, ==, GR_STATUS_UNCONFIRMED);
  g_assert_cmpint (corn->ladders[0].values[3].status, ==, GR_STATUS_VERIFIED);
  /* GB/T 20570-2015 for corn tested in 2026. */
  g_assert_cmpstr (storage->standard, ==, "GB/T 20570-2015");
  g_assert_null (gr_standards_find_grading (standards, "GB 1350-2009", "wheat"));
  g_assert_null (gr_standards_find_grading (standards, "GB 1353-2099", "corn"));
  g_assert_null (gr_standards_latest_grading (standards, "oil_peanut"));
  g_assert_cmpstr (gr_standards_latest_grading (standards, "corn")->standard, ==, "GB 1353-2018");

  /* The editions a test of corn may cite: GB 1353-2018, then -2009. */
  {
    g_autoptr(GPtrArray) editions = gr_standards_list_grading (standards, "corn");
    g_autoptr(GPtrArray) none = gr_standards_list_grading (standards, "oil_peanut");

    g_assert_cmpuint (editions->len, ==, 2);
    g_assert_true (editions->pdata[0] == corn);
    g_assert_cmpstr (((const GrGradingTable *) editions->pdata[1])->standard, ==, "GB 1353-2009");
    g_assert_cmpuint (none->len, ==, 0);
  }
}

static void
expect_load_error (const char *json,
                   const char *message)
{
  g_autoptr(GrStandards) self = gr_standards_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (gr_standards_add_data (self, "bad.json", json, -1, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
}

#define HEAD "{\"format\": \"granary-standard\", \"version\": 1, \"standard\": \"GB 1-2000\", \"title\": \"x\", "
#define LADDER(v2, s2) \
  "{\"indicator\": \"whole_kernel_pct\", \"bound\": \"min\", \"values\": [{\"value\": 95, \"status\": \"verified\"}, " \
  "{\"value\": " v2 ", \"status\": \"" s2 "\"}]}"

static void
test_tables_errors (void)
{
  expect_load_error (HEAD "\"kind\": \"grading\", \"tables\": [{\"name\": \"t\", \"varieties\": [\"soybean\"], "
                     "\"grades\": 2, \"grading\": [" LADDER ("90", "maybe") "], \"limits\": []}]}",
                     "bad.json: /tables/0/grading/0/values/1/status: unknown value “maybe” "
                     "(expected one of verified, verified-code, unconfirmed)");
  expect_load_error (HEAD "\"kind\": \"grading\", \"tables\": [{\"name\": \"t\", \"varieties\": [\"soybean\"], "
                     "\"grades\": 2, \"grading\": [" LADDER ("96", "verified") "], \"limits\": []}]}",
                     "bad.json: /tables/0/grading/0/values/1: a grade asks less than the next one");
  expect_load_error (HEAD "\"kind\": \"grading\", \"tables\": [{\"name\": \"t\", \"varieties\": [\"rye\"], "
                     "\"grades\": 2, \"grading\": [], \"limits\": []}]}",
                     "bad.json: /tables/0/varieties/0: unknown value “rye” (expected one of "
                     "paddy_early_indica, paddy_late_indica, paddy_japonica, wheat, corn, soybean, rice, flour, "
                     "oil_peanut, oil_rapeseed, oil_soybean, oil_palm, oil_blend)");
  expect_load_error (HEAD "\"kind\": \"grading\", \"tables\": [{\"name\": \"t\", \"varieties\": [\"soybean\"], "
                     "\"grades\": 2, \"grading\": [], \"limits\": [{\"indicator\": \"moisture\", \"bound\": \"max\", "
                     "\"value\": 13, \"status\": \"verified\"}]}]}",
                     "bad.json: /tables/0/limits/0/indicator: unknown value “moisture” (expected one of "
                     "husked_rice_yield_pct, head_rice_yield_pct, test_weight_g_per_l, unsound_kernel_pct, "
                     "mildew_kernel_pct, whole_kernel_pct, moisture_pct, impurity_pct, mineral_impurity_pct, "
                     "yellow_kernel_pct, husked_outside_pct, fatty_acid_value, taste_score, "
                     "gluten_water_absorption_pct, color_odor)");
  expect_load_error (HEAD "\"kind\": \"storage\", \"tables\": []}",
                     "bad.json: /used_from_year: missing");
}

/* ---- Grades ------------------------------------------------------------- */

/* GB 1350-2009, 籼稻谷 table (早籼, 晚籼): 出糙率 79.0/77.0/75.0/73.0/71.0. */
static void
test_paddy_indica (void)
{
  const char * const varieties[] = { "paddy_early_indica", "paddy_late_indica" };

  for (guint i = 0; i < G_N_ELEMENTS (varieties); i++)
    {
      const char *v = varieties[i];

      g_assert_cmpint (grade_of (v, "GB 1350-2009", "husked_rice_yield_pct", 79.0), ==, 1);
      g_assert_cmpint (grade_of (v, "GB 1350-2009", "husked_rice_yield_pct", 78.9), ==, 2);
      g_assert_cmpint (grade_of (v, "GB 1350-2009", "husked_rice_yield_pct", 77.0), ==, 2);
      g_assert_cmpint (grade_of (v, "GB 1350-2009", "husked_rice_yield_pct", 76.9), ==, 3);
      g_assert_cmpint (grade_of (v, "GB 1350-2009", "husked_rice_yield_pct", 75.0), ==, 3);
      g_assert_cmpint (grade_of (v, "GB 1350-2009", "husked_rice_yield_pct", 74.9), ==, 4);
      g_assert_cmpint (grade_of (v, "GB 1350-2009", "husked_rice_yield_pct", 73.0), ==, 4);
      g_assert_cmpint (grade_of (v, "GB 1350-2009", "husked_rice_yield_pct", 72.9), ==, 5);
      g_assert_cmpint (grade_of (v, "GB 1350-2009", "husked_rice_yield_pct", 71.0), ==, 5);
      /* 等外 < 71.0 */
      g_assert_cmpint (grade_of (v, "GB 1350-2009", "husked_rice_yield_pct", 70.9), ==, 0);
    }
}

/* GB 1350-2009, 粳稻谷 table: 出糙率 81.0/79.0/77.0/75.0/73.0. */
static void
test_paddy_japonica (void)
{
  const char *v = "paddy_japonica";

  g_assert_cmpint (grade_of (v, "GB 1350-2009", "husked_rice_yield_pct", 81.0), ==, 1);
  g_assert_cmpint (grade_of (v, "GB 1350-2009", "husked_rice_yield_pct", 80.9), ==, 2);
  g_assert_cmpint (grade_of (v, "GB 1350-2009", "husked_rice_yield_pct", 79.0), ==, 2);
  g_assert_cmpint (grade_of (v, "GB 1350-2009", "husked_rice_yield_pct", 78.9), ==, 3);
  g_assert_cmpint (grade_of (v, "GB 1350-2009", "husked_rice_yield_pct", 77.0), ==, 3);
  g_assert_cmpint (grade_of (v, "GB 1350-2009", "husked_rice_yield_pct", 76.9), ==, 4);
  g_assert_cmpint (grade_of (v, "GB 1350-2009", "husked_rice_yield_pct", 75.0), ==, 4);
  g_assert_cmpint (grade_of (v, "GB 1350-2009", "husked_rice_yield_pct", 74.9), ==, 5);
  g_assert_cmpint (grade_of (v, "GB 1350-2009", "husked_rice_yield_pct", 73.0), ==, 5);
  g_assert_cmpint (grade_of (v, "GB 1350-2009", "husked_rice_yield_pct", 72.9), ==, 0);
}

/* GB 1351-2008, 小麦: 容重 790/770/750/730/710 g/L. */
static void
test_wheat_test_weight (void)
{
  g_assert_cmpint (grade_of ("wheat", "GB 1351-2008", "test_weight_g_per_l", 790), ==, 1);
  g_assert_cmpint (grade_of ("wheat", "GB 1351-2008", "test_weight_g_per_l", 789), ==, 2);
  g_assert_cmpint (grade_of ("wheat", "GB 1351-2008", "test_weight_g_per_l", 770), ==, 2);
  g_assert_cmpint (grade_of ("wheat", "GB 1351-2008", "test_weight_g_per_l", 769), ==, 3);
  g_assert_cmpint (grade_of ("wheat", "GB 1351-2008", "test_weight_g_per_l", 750), ==, 3);
  g_assert_cmpint (grade_of ("wheat", "GB 1351-2008", "test_weight_g_per_l", 749), ==, 4);
  g_assert_cmpint (grade_of ("wheat", "GB 1351-2008", "test_weight_g_per_l", 730), ==, 4);
  g_assert_cmpint (grade_of ("wheat", "GB 1351-2008", "test_weight_g_per_l", 729), ==, 5);
  g_assert_cmpint (grade_of ("wheat", "GB 1351-2008", "test_weight_g_per_l", 710), ==, 5);
  g_assert_cmpint (grade_of ("wheat", "GB 1351-2008", "test_weight_g_per_l", 709), ==, 0);
}

/* GB 1351-2008: 不完善粒 6.0/6.0/8.0/8.0/10.0 has its own column; the
 * lower of the two grades applies. */
static void
test_wheat_worse_of_two (void)
{
  GrJudgement j;

  j = judge ("wheat", "GB 1351-2008", "{\"test_weight_g_per_l\": 795, \"unsound_kernel_pct\": 6.0}");
  g_assert_cmpint (j.grade, ==, 1);
  j = judge ("wheat", "GB 1351-2008", "{\"test_weight_g_per_l\": 795, \"unsound_kernel_pct\": 6.1}");
  g_assert_cmpint (j.grade, ==, 3);
  j = judge ("wheat", "GB 1351-2008", "{\"test_weight_g_per_l\": 795, \"unsound_kernel_pct\": 8.1}");
  g_assert_cmpint (j.grade, ==, 5);
  j = judge ("wheat", "GB 1351-2008", "{\"test_weight_g_per_l\": 795, \"unsound_kernel_pct\": 10.1}");
  g_assert_true (j.substandard);
  g_assert_cmpint (j.grade, ==, 0);
  /* The grading indicator is the worse one here. */
  j = judge ("wheat", "GB 1351-2008", "{\"test_weight_g_per_l\": 735, \"unsound_kernel_pct\": 2.0}");
  g_assert_cmpint (j.grade, ==, 4);
  /* Without 容重 there is no grade. */
  j = judge ("wheat", "GB 1351-2008", "{\"unsound_kernel_pct\": 2.0}");
  g_assert_false (j.graded);
}

/* GB 1353-2018, 玉米: 容重 720/690/660/630/600 g/L, 不完善粒 4/6/8/10/15. */
static void
test_corn_2018 (void)
{
  GrJudgement j;

  g_assert_cmpint (grade_of ("corn", "GB 1353-2018", "test_weight_g_per_l", 720), ==, 1);
  g_assert_cmpint (grade_of ("corn", "GB 1353-2018", "test_weight_g_per_l", 719), ==, 2);
  g_assert_cmpint (grade_of ("corn", "GB 1353-2018", "test_weight_g_per_l", 690), ==, 2);
  g_assert_cmpint (grade_of ("corn", "GB 1353-2018", "test_weight_g_per_l", 689), ==, 3);
  g_assert_cmpint (grade_of ("corn", "GB 1353-2018", "test_weight_g_per_l", 660), ==, 3);
  g_assert_cmpint (grade_of ("corn", "GB 1353-2018", "test_weight_g_per_l", 659), ==, 4);
  g_assert_cmpint (grade_of ("corn", "GB 1353-2018", "test_weight_g_per_l", 630), ==, 4);
  g_assert_cmpint (grade_of ("corn", "GB 1353-2018", "test_weight_g_per_l", 629), ==, 5);
  g_assert_cmpint (grade_of ("corn", "GB 1353-2018", "test_weight_g_per_l", 600), ==, 5);
  g_assert_cmpint (grade_of ("corn", "GB 1353-2018", "test_weight_g_per_l", 599), ==, 0);

  j = judge ("corn", "GB 1353-2018", "{\"test_weight_g_per_l\": 730, \"unsound_kernel_pct\": 4.0}");
  g_assert_cmpint (j.grade, ==, 1);
  j = judge ("corn", "GB 1353-2018", "{\"test_weight_g_per_l\": 730, \"unsound_kernel_pct\": 4.1}");
  g_assert_cmpint (j.grade, ==, 2);
  j = judge ("corn", "GB 1353-2018", "{\"test_weight_g_per_l\": 730, \"unsound_kernel_pct\": 15.0}");
  g_assert_cmpint (j.grade, ==, 5);
  j = judge ("corn", "GB 1353-2018", "{\"test_weight_g_per_l\": 730, \"unsound_kernel_pct\": 15.1}");
  g_assert_true (j.substandard);
}

/* GB 1352-2009 大豆 完整粒率 95/90/85/80/75 (all unconfirmed). */
static void
test_soybean (void)
{
  g_assert_cmpint (grade_of ("soybean", "GB 1352-2009", "whole_kernel_pct", 95.0), ==, 1);
  g_assert_cmpint (grade_of ("soybean", "GB 1352-2009", "whole_kernel_pct", 94.9), ==, 2);
  g_assert_cmpint (grade_of ("soybean", "GB 1352-2009", "whole_kernel_pct", 75.0), ==, 5);
  g_assert_cmpint (grade_of ("soybean", "GB 1352-2009", "whole_kernel_pct", 74.9), ==, 0);
  g_assert_true (judge ("soybean", "GB 1352-2009", "{\"whole_kernel_pct\": 96}").unconfirmed);
}

/* The edition cited picks the table: GB 1353-2009 used 容重
 * 720/685/650/620/590 (unconfirmed), GB 1353-2018 720/690/660/630/600. */
static void
test_edition_selection (void)
{
  GrJudgement j;

  j = judge ("corn", "GB 1353-2009", "{\"test_weight_g_per_l\": 686}");
  g_assert_cmpstr (j.grading_edition, ==, "GB 1353-2009");
  g_assert_cmpint (j.grade, ==, 2);
  g_assert_true (j.unconfirmed);
  j = judge ("corn", "GB 1353-2018", "{\"test_weight_g_per_l\": 686}");
  g_assert_cmpstr (j.grading_edition, ==, "GB 1353-2018");
  g_assert_cmpint (j.grade, ==, 3);
  g_assert_false (j.unconfirmed);
  /* An edition not held: the newest held judges it, flagged. */
  j = judge ("corn", "GB 1353-1999", "{\"test_weight_g_per_l\": 686}");
  g_assert_true (j.edition_fallback);
  g_assert_cmpstr (j.grading_edition, ==, "GB 1353-2018");
  g_assert_true (j.unconfirmed);
  /* No standard at all for oil. */
  j = judge ("oil_peanut", "GB/T 1534-2017", "{\"moisture_pct\": 0.1}");
  g_assert_null (j.grading_edition);
  g_assert_null (j.storage_edition);
  g_assert_false (j.graded);
  /* GB/T 1355-2021 小麦粉 is graded on 灰分 and 加工精度, not held as
   * indicators: no grade, but its limits apply. */
  j = judge ("flour", "GB/T 1355-2021", "{\"moisture_pct\": 14.6}");
  g_assert_false (j.graded);
  g_assert_cmpuint (j.limits_checked, ==, 1);
  g_assert_false (j.limits_met);
}

/* Limits lower nothing but limits_met. GB 1350-2009 籼: 水分 ≤ 13.5,
 * 杂质 ≤ 1.0, 黄粒米 ≤ 1.0, 谷外糙米 ≤ 2.0, 整精米率 of the grade
 * (三等 44.0); GB 1351-2008 矿物质 ≤ 0.5. */
static void
test_limits (void)
{
  GrJudgement j;

  j = judge ("paddy_late_indica", "GB 1350-2009",
             "{\"husked_rice_yield_pct\": 76.0, \"head_rice_yield_pct\": 44.0, \"moisture_pct\": 13.5,"
             " \"impurity_pct\": 1.0, \"yellow_kernel_pct\": 1.0, \"husked_outside_pct\": 2.0}");
  g_assert_cmpint (j.grade, ==, 3);
  g_assert_cmpuint (j.limits_checked, ==, 5);
  g_assert_true (j.limits_met);
  g_assert_false (j.unconfirmed);

  j = judge ("paddy_late_indica", "GB 1350-2009",
             "{\"husked_rice_yield_pct\": 76.0, \"head_rice_yield_pct\": 43.9, \"moisture_pct\": 13.6,"
             " \"impurity_pct\": 1.1, \"yellow_kernel_pct\": 1.1, \"husked_outside_pct\": 2.1}");
  g_assert_cmpint (j.grade, ==, 3);
  g_assert_false (j.substandard);
  g_assert_false (j.limits_met);
  g_assert_cmpuint (j.n_failed, ==, 5);
  g_assert_cmpstr (j.failed[0], ==, "head_rice_yield_pct");
  g_assert_cmpstr (j.failed[1], ==, "impurity_pct");
  g_assert_cmpstr (j.failed[2], ==, "moisture_pct");

  /* 整精米率 of 一等 is 50.0: the same value fails there. */
  j = judge ("paddy_late_indica", "GB 1350-2009", "{\"husked_rice_yield_pct\": 79.5, \"head_rice_yield_pct\": 49.9}");
  g_assert_cmpint (j.grade, ==, 1);
  g_assert_false (j.limits_met);

  j = judge ("wheat", "GB 1351-2008", "{\"test_weight_g_per_l\": 780, \"mineral_impurity_pct\": 0.51}");
  g_assert_cmpint (j.grade, ==, 2);
  g_assert_false (j.limits_met);
  g_assert_cmpstr (j.failed[0], ==, "mineral_impurity_pct");

  /* 色泽气味 must be 正常 (GB 1351-2008). */
  j = judge ("wheat", "GB 1351-2008", "{\"test_weight_g_per_l\": 780, \"color_odor\": \"abnormal\"}");
  g_assert_false (j.limits_met);
  g_assert_cmpint (j.grade, ==, 2);
  /* GB 1353-2018 霉变粒 ≤ 2.0 for every grade: a limit, not a grade. */
  j = judge ("corn", "GB 1353-2018", "{\"test_weight_g_per_l\": 725, \"mildew_kernel_pct\": 2.1}");
  g_assert_cmpint (j.grade, ==, 1);
  g_assert_false (j.limits_met);
}

/* ---- Storage quality ---------------------------------------------------- */

static GrStorageQuality
storage_of (const char *variety,
            const char *key,
            double      value)
{
  g_autofree char *json = g_strdup_printf ("{\"%s\": %.3f}", key, value);
  GrJudgement j = judge (variety, NULL, json);

  g_assert_true (j.has_storage);
  g_assert_cmpstr (j.storage_decider, ==, key);
  return j.storage_quality;
}

/* GB/T 20570-2015 玉米: 脂肪酸值 宜存 ≤ 65, 轻度 ≤ 78, 重度 > 78; 品尝评分值
 * 宜存 ≥ 70, 轻度 ≥ 60, 重度 < 60. */
static void
test_storage_corn (void)
{
  GrJudgement j;

  g_assert_cmpint (storage_of ("corn", "fatty_acid_value", 65.0), ==, GR_STORAGE_SUITABLE);
  g_assert_cmpint (storage_of ("corn", "fatty_acid_value", 65.1), ==, GR_STORAGE_SLIGHTLY_UNSUITABLE);
  g_assert_cmpint (storage_of ("corn", "fatty_acid_value", 78.0), ==, GR_STORAGE_SLIGHTLY_UNSUITABLE);
  g_assert_cmpint (storage_of ("corn", "fatty_acid_value", 78.1), ==, GR_STORAGE_SEVERELY_UNSUITABLE);
  g_assert_cmpint (storage_of ("corn", "taste_score", 70), ==, GR_STORAGE_SUITABLE);
  g_assert_cmpint (storage_of ("corn", "taste_score", 69), ==, GR_STORAGE_SLIGHTLY_UNSUITABLE);
  g_assert_cmpint (storage_of ("corn", "taste_score", 60), ==, GR_STORAGE_SLIGHTLY_UNSUITABLE);
  g_assert_cmpint (storage_of ("corn", "taste_score", 59), ==, GR_STORAGE_SEVERELY_UNSUITABLE);

  /* The worst single indicator decides. */
  j = judge ("corn", "GB 1353-2018", "{\"fatty_acid_value\": 70, \"taste_score\": 59}");
  g_assert_cmpint (j.storage_quality, ==, GR_STORAGE_SEVERELY_UNSUITABLE);
  g_assert_cmpstr (j.storage_decider, ==, "taste_score");
  g_assert_cmpstr (j.storage_edition, ==, "GB/T 20570-2015");
  g_assert_false (j.storage_unconfirmed);
  j = judge ("corn", "GB 1353-2018", "{\"fatty_acid_value\": 40, \"taste_score\": 80, \"color_odor\": \"normal\"}");
  g_assert_cmpint (j.storage_quality, ==, GR_STORAGE_SUITABLE);
  g_assert_false (j.storage_unconfirmed);
  /* 色泽气味 基本正常 → 重度不宜存 is unconfirmed. */
  j = judge ("corn", "GB 1353-2018", "{\"fatty_acid_value\": 40, \"color_odor\": \"basically_normal\"}");
  g_assert_cmpint (j.storage_quality, ==, GR_STORAGE_SEVERELY_UNSUITABLE);
  g_assert_cmpstr (j.storage_decider, ==, "color_odor");
  g_assert_true (j.storage_unconfirmed);
  g_assert_true (j.unconfirmed);
}

/* GB/T 20571-2006 小麦: 面筋吸水量 宜存 ≥ 180 (below: 轻度, no 重度 limit);
 * 品尝评分值 70 / 60. */
static void
test_storage_wheat (void)
{
  g_assert_cmpint (storage_of ("wheat", "gluten_water_absorption_pct", 180), ==, GR_STORAGE_SUITABLE);
  g_assert_cmpint (storage_of ("wheat", "gluten_water_absorption_pct", 179.9), ==, GR_STORAGE_SLIGHTLY_UNSUITABLE);
  g_assert_cmpint (storage_of ("wheat", "gluten_water_absorption_pct", 100), ==, GR_STORAGE_SLIGHTLY_UNSUITABLE);
  g_assert_cmpint (storage_of ("wheat", "taste_score", 70), ==, GR_STORAGE_SUITABLE);
  g_assert_cmpint (storage_of ("wheat", "taste_score", 69.9), ==, GR_STORAGE_SLIGHTLY_UNSUITABLE);
  g_assert_cmpint (storage_of ("wheat", "taste_score", 59.9), ==, GR_STORAGE_SEVERELY_UNSUITABLE);
}

/* GB/T 20569-2006 稻谷 (all unconfirmed): 脂肪酸值 籼 30 / 37, 粳 25 / 35. */
static void
test_storage_paddy (void)
{
  GrJudgement j;

  g_assert_cmpint (storage_of ("paddy_late_indica", "fatty_acid_value", 30.0), ==, GR_STORAGE_SUITABLE);
  g_assert_cmpint (storage_of ("paddy_late_indica", "fatty_acid_value", 30.1), ==, GR_STORAGE_SLIGHTLY_UNSUITABLE);
  g_assert_cmpint (storage_of ("paddy_early_indica", "fatty_acid_value", 37.0), ==, GR_STORAGE_SLIGHTLY_UNSUITABLE);
  g_assert_cmpint (storage_of ("paddy_early_indica", "fatty_acid_value", 37.1), ==, GR_STORAGE_SEVERELY_UNSUITABLE);
  g_assert_cmpint (storage_of ("paddy_japonica", "fatty_acid_value", 25.0), ==, GR_STORAGE_SUITABLE);
  g_assert_cmpint (storage_of ("paddy_japonica", "fatty_acid_value", 25.1), ==, GR_STORAGE_SLIGHTLY_UNSUITABLE);
  g_assert_cmpint (storage_of ("paddy_japonica", "fatty_acid_value", 35.0), ==, GR_STORAGE_SLIGHTLY_UNSUITABLE);
  g_assert_cmpint (storage_of ("paddy_japonica", "fatty_acid_value", 35.1), ==, GR_STORAGE_SEVERELY_UNSUITABLE);
  j = judge ("paddy_japonica", "GB 1350-2009", "{\"taste_score\": 75}");
  g_assert_cmpstr (j.storage_edition, ==, "GB/T 20569-2006");
  g_assert_true (j.storage_unconfirmed);
  g_assert_true (j.unconfirmed);
}

/* The flag follows the thresholds that decided: GB 1353-2018 容重 665
 * rests on 690 and 660 (verified); 605 on 600 (unconfirmed). GB 1350-2009
 * 粳 三等 77.0 is verified but the 二等 79.0 above it is not. */
static void
test_unconfirmed (void)
{
  GrJudgement j;

  j = judge ("corn", "GB 1353-2018", "{\"test_weight_g_per_l\": 665, \"moisture_pct\": 13.0}");
  g_assert_false (j.unconfirmed);
  j = judge ("corn", "GB 1353-2018", "{\"test_weight_g_per_l\": 605}");
  g_assert_cmpint (j.grade, ==, 5);
  g_assert_true (j.grade_unconfirmed);
  g_assert_true (j.unconfirmed);
  j = judge ("corn", "GB 1353-2018", "{\"test_weight_g_per_l\": 632}");
  g_assert_false (j.unconfirmed);
  /* 629: 630 fails (verified), 600 passes (unconfirmed). */
  j = judge ("corn", "GB 1353-2018", "{\"test_weight_g_per_l\": 629}");
  g_assert_true (j.unconfirmed);
  /* 色泽气味 正常 as a corn limit is unconfirmed. */
  j = judge ("corn", "GB 1353-2018", "{\"test_weight_g_per_l\": 665, \"color_odor\": \"normal\"}");
  g_assert_false (j.grade_unconfirmed);
  g_assert_true (j.limits_unconfirmed);
  g_assert_true (j.unconfirmed);
  j = judge ("paddy_japonica", "GB 1350-2009", "{\"husked_rice_yield_pct\": 77.5}");
  g_assert_cmpint (j.grade, ==, 3);
  g_assert_true (j.unconfirmed);
  /* A wheat test on verified figures only. */
  j = judge ("wheat", "GB 1351-2008",
             "{\"test_weight_g_per_l\": 775, \"unsound_kernel_pct\": 3.0, \"impurity_pct\": 0.5,"
             " \"mineral_impurity_pct\": 0.1, \"moisture_pct\": 12.0, \"color_odor\": \"normal\","
             " \"gluten_water_absorption_pct\": 200, \"taste_score\": 80}");
  g_assert_cmpint (j.grade, ==, 2);
  g_assert_true (j.limits_met);
  g_assert_cmpint (j.storage_quality, ==, GR_STORAGE_SUITABLE);
  g_assert_false (j.unconfirmed);
}

static void
expect_bad (const char *indicators,
            const char *message)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GrJudgement j;

  g_assert_true (json_parser_load_from_data (parser, indicators, -1, NULL));
  g_assert_false (gr_grading_judge (standards, "wheat", "GB 1351-2008", "2026-01-01",
                                    json_node_get_object (json_parser_get_root (parser)), &j, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_bad_input (void)
{
  expect_bad ("{\"test_weight_g_per_l\": 5000}", "indicator “test_weight_g_per_l” is 5000, outside 0–1200");
  expect_bad ("{\"moisture_pct\": 100.5}", "indicator “moisture_pct” is 100.5, outside 0–100");
  expect_bad ("{\"impurity_pct\": -1}", "indicator “impurity_pct” is -1, outside 0–100");
  expect_bad ("{\"moisture_pct\": \"12\"}", "indicator “moisture_pct” must be a number");
  expect_bad ("{\"protein_pct\": 12}", "unknown indicator “protein_pct”");
  expect_bad ("{\"color_odor\": \"fine\"}", "indicator “color_odor” must be normal, basically_normal or abnormal");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("LC_ALL", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  standards = gr_standards_load (&error);
  g_assert_no_error (error);

  g_test_add_func ("/grading/tables/tagged", test_tables_tagged);
  g_test_add_func ("/grading/tables/errors", test_tables_errors);
  g_test_add_func ("/grading/GB1350-2009/indica-husked-rice-yield", test_paddy_indica);
  g_test_add_func ("/grading/GB1350-2009/japonica-husked-rice-yield", test_paddy_japonica);
  g_test_add_func ("/grading/GB1351-2008/test-weight", test_wheat_test_weight);
  g_test_add_func ("/grading/GB1351-2008/worse-of-two", test_wheat_worse_of_two);
  g_test_add_func ("/grading/GB1353-2018/test-weight-and-unsound", test_corn_2018);
  g_test_add_func ("/grading/GB1352-2009/whole-kernels", test_soybean);
  g_test_add_func ("/grading/edition-selection", test_edition_selection);
  g_test_add_func ("/grading/limits", test_limits);
  g_test_add_func ("/grading/storage/GBT20570-2015-corn", test_storage_corn);
  g_test_add_func ("/grading/storage/GBT20571-2006-wheat", test_storage_wheat);
  g_test_add_func ("/grading/storage/GBT20569-2006-paddy", test_storage_paddy);
  g_test_add_func ("/grading/unconfirmed", test_unconfirmed);
  g_test_add_func ("/grading/bad-input", test_bad_input);

  status = g_test_run ();
  gr_standards_unref (standards);
  return status;
}
