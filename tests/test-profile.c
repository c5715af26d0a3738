/* test-profile.c: regulation profiles and region targets, loading and validation
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "gr-error.h"
#include "gr-format.h"
#include "gr-profile.h"
#include "gr-targets.h"

static char *
read_profile_text (const char *id)
{
  g_autofree char *file = g_strconcat (id, ".json", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "profiles", file, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* The three shipped profiles load by id from GRANARY_DATA_DIR and hold
 * the figures of their documents. */
static void
test_shipped_profiles (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrProfile) dongguan = gr_profile_load ("dongguan-2025", &error);
  g_autoptr(GrProfile) zhongshan = gr_profile_load ("zhongshan-2026", &error);
  g_autoptr(GrProfile) nanchang = gr_profile_load ("nanchang-gxq-2022", &error);
  const GrRuleParams *p;

  g_assert_no_error (error);
  g_assert_cmpstr (gr_profile_get_id (dongguan), ==, "dongguan-2025");

  /* 东莞 第十五条: 70 % of the enterprise's scale at every month end. */
  p = gr_profile_get_rule (dongguan, GR_RULE_STOCK_MIN_RATIO);
  g_assert_nonnull (p);
  g_assert_cmpint (p->scope, ==, GR_RULE_SCOPE_ENTERPRISE);
  g_assert_cmpint (p->check, ==, GR_CHECK_MONTH_END);
  g_assert_cmpint (p->percent[GR_CLASS_RAW], ==, 70);
  g_assert_cmpint (p->percent[GR_CLASS_OIL], ==, 70);
  g_assert_cmpstr (p->article, ==, "第十五条");
  g_assert_false (p->our_reading);
  /* 东莞 第十七条: 4 months, 2 more with approval, static rotation. */
  p = gr_profile_get_rule (dongguan, GR_RULE_ROTATION_VACANCY);
  g_assert_cmpint (p->months, ==, 4);
  g_assert_cmpint (p->extension_months, ==, 2);
  g_assert_cmpuint (p->rotation_modes, ==, GR_ROTATION_STATIC);
  /* 东莞 第十六条 refers to the provincial limits: our reading. */
  p = gr_profile_get_rule (dongguan, GR_RULE_AGE_LIMIT);
  g_assert_true (p->our_reading);
  g_assert_cmpint (p->horizon_months, ==, 6);
  g_assert_null (gr_profile_get_rule (dongguan, GR_RULE_REPORT_MONTHLY));
  g_assert_null (gr_profile_get_rule (dongguan, GR_RULE_STOCK_FULL_MONTH));
  /* 东莞 第十九条: 6 years. */
  g_assert_cmpint (gr_profile_get_record_retention_years (dongguan), ==, 6);

  /* 中山 第二条 不含食用植物油; 第十七条 raw 75 %, finished 90 %, any time. */
  g_assert_false (gr_profile_covers_class (zhongshan, GR_CLASS_OIL));
  g_assert_true (gr_profile_covers_class (zhongshan, GR_CLASS_FINISHED));
  p = gr_profile_get_rule (zhongshan, GR_RULE_STOCK_MIN_RATIO);
  g_assert_cmpint (p->scope, ==, GR_RULE_SCOPE_PLAN);
  g_assert_cmpint (p->check, ==, GR_CHECK_ANY_TIME);
  g_assert_cmpint (p->percent[GR_CLASS_RAW], ==, 75);
  g_assert_cmpint (p->percent[GR_CLASS_FINISHED], ==, 90);
  g_assert_cmpint (p->percent[GR_CLASS_OIL], ==, -1);
  g_assert_cmpint (gr_profile_get_rule (zhongshan, GR_RULE_REPORT_MONTHLY)->working_days, ==, 5);
  g_assert_true (gr_profile_get_rule (zhongshan, GR_RULE_AGE_LIMIT)->delay_approved_low_temp);
  g_assert_null (gr_profile_get_rule (zhongshan, GR_RULE_ROTATION_VACANCY));

  /* 南昌 第三十六、三十七条: raw 3 years with one year of delay; bulk oil 2. */
  p = gr_profile_get_rule (nanchang, GR_RULE_AGE_LIMIT);
  g_assert_cmpuint (p->n_limits, ==, 2);
  g_assert_cmpint (p->limits[0].years, ==, 3);
  g_assert_cmpint (p->limits[0].delay_years, ==, 1);
  g_assert_cmpint (p->limits[1].years, ==, 2);
  g_assert_cmpint (p->limits[1].packaged, ==, 0);
  /* 南昌 第三十八条: 5 months, raw grain only, our reading of the count. */
  p = gr_profile_get_rule (nanchang, GR_RULE_ROTATION_VACANCY);
  g_assert_cmpint (p->months, ==, 5);
  g_assert_cmpuint (p->classes, ==, GR_CLASS_BIT (GR_CLASS_RAW));
  g_assert_true (p->our_reading);
  g_assert_cmpint (gr_profile_get_rule (nanchang, GR_RULE_QUALITY_GRADE)->min_grade[GR_CLASS_RAW], ==, 3);
  g_assert_cmpint (gr_profile_get_rule (nanchang, GR_RULE_PLAN_ANNUAL)->period_start_month, ==, 10);
  g_assert_null (gr_profile_get_rule (nanchang, GR_RULE_STOCK_NEGATIVE)->document);
  /* 南昌 第八条: 0.05 / 0.34 / 0.45 元/斤/年, none for oil. */
  g_assert_cmpfloat_with_epsilon (gr_profile_get_subsidy_rate (nanchang, "paddy_early_indica"), 0.05, 1e-9);
  g_assert_cmpfloat_with_epsilon (gr_profile_get_subsidy_rate (nanchang, "rice"), 0.34, 1e-9);
  g_assert_cmpfloat_with_epsilon (gr_profile_get_subsidy_rate (nanchang, "flour"), 0.45, 1e-9);
  g_assert_cmpfloat (gr_profile_get_subsidy_rate (nanchang, "oil_peanut"), <, 0);
  g_assert_true (gr_profile_subsidy_vacancy_unpaid (nanchang));
  g_assert_false (gr_profile_subsidy_actual_after_release (nanchang));
  g_assert_true (gr_profile_subsidy_actual_after_release (dongguan));
}

/* Holidays and make-up working days of the State Council's notices. */
static void
test_working_days (void)
{
  g_autoptr(GrProfile) profile = gr_profile_load ("zhongshan-2026", NULL);
  struct { const char *from; int n; const char *expected; } cases[] = {
    { "2026-01-31", 5, "2026-02-06" },  /* a Saturday month end */
    { "2025-12-31", 5, "2026-01-08" },  /* New Year 1–3 Jan, Sunday 4 Jan worked */
    { "2025-09-30", 5, "2025-10-14" },  /* National Day 1–8 Oct, Saturday 11 Oct worked */
    { "2026-02-28", 5, "2026-03-06" },  /* a worked Saturday month end */
    { "2026-04-30", 5, "2026-05-11" },  /* Labour Day 1–5 May, Saturday 9 May worked */
    { "2025-01-27", 1, "2025-02-05" },  /* Spring Festival 28 Jan – 4 Feb */
    { "2025-01-25", 1, "2025-01-26" },  /* Sunday 26 Jan worked */
  };
  GDate date, out;

  g_assert_nonnull (profile);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *iso = NULL;

      g_assert_true (gr_date_parse (cases[i].from, &date));
      gr_profile_add_working_days (profile, &date, cases[i].n, &out);
      iso = gr_date_to_iso (&out);
      g_assert_cmpstr (iso, ==, cases[i].expected);
    }
  g_assert_true (gr_date_parse ("2026-02-14", &date));     /* Saturday, worked */
  g_assert_true (gr_profile_is_working_day (profile, &date));
  g_assert_true (gr_date_parse ("2026-02-16", &date));     /* Monday, Spring Festival */
  g_assert_false (gr_profile_is_working_day (profile, &date));
  g_assert_true (gr_date_parse ("2027-03-06", &date));     /* a Saturday outside the list */
  g_assert_false (gr_profile_is_working_day (profile, &date));
}

static void
test_lookup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrProfile) missing = gr_profile_load ("shenzhen-2030", &error);
  g_autofree char *user_dir = g_build_filename (g_get_user_data_dir (), "granary", "profiles", NULL);
  g_autofree char *user_file = g_build_filename (user_dir, "custom-2026.json", NULL);
  g_autofree char *text = read_profile_text ("zhongshan-2026");
  g_auto(GStrv) ids = NULL;
  g_autoptr(GrProfile) custom = NULL;
  g_autoptr(GrProfile) bad_id = NULL;

  g_assert_null (missing);
  g_assert_error (error, GR_ERROR, GR_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "shenzhen-2030"));
  g_clear_error (&error);

  bad_id = gr_profile_load ("..", &error);
  g_assert_null (bad_id);
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
  g_clear_error (&error);

  /* A user adds a profile without recompiling. */
  g_assert_cmpint (g_mkdir_with_parents (user_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (user_file, text, -1, NULL));
  custom = gr_profile_load ("custom-2026", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gr_profile_get_id (custom), ==, "custom-2026");
  ids = gr_profile_list_ids ();
  g_assert_true (g_strv_contains ((const char * const *) ids, "custom-2026"));
  g_assert_true (g_strv_contains ((const char * const *) ids, "dongguan-2025"));
  g_assert_true (g_strv_contains ((const char * const *) ids, "nanchang-gxq-2022"));
  g_assert_true (g_strv_contains ((const char * const *) ids, "zhongshan-2026"));
}

/* Sets (or with value NULL removes) a member of the object at the
 * slash-separated path of a profile's JSON, and loads the result. */
static GrProfile *
load_changed (const char  *path,
              const char  *key,
              const char  *value,
              GError     **error)
{
  g_autofree char *text = read_profile_text ("dongguan-2025");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  g_autofree char *changed = NULL;
  JsonObject *object;

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      object = json_object_get_object_member (object, parts[i]);
  if (value == NULL)
    json_object_remove_member (object, key);
  else
    {
      g_autoptr(JsonParser) value_parser = json_parser_new ();

      g_assert_true (json_parser_load_from_data (value_parser, value, -1, NULL));
      json_object_set_member (object, key, json_node_copy (json_parser_get_root (value_parser)));
    }
  changed = json_to_string (json_parser_get_root (parser), FALSE);
  return gr_profile_load_data ("broken.json", changed, -1, error);
}

static void
assert_refused (const char *path,
                const char *key,
                const char *value,
                const char *expected_where)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrProfile) profile = load_changed (path, key, value, &error);

  g_assert_null (profile);
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
  if (!g_str_has_prefix (error->message, "broken.json: ") || strstr (error->message, expected_where) == NULL)
    g_error ("“%s” does not name broken.json and %s", error->message, expected_where);
}

static void
test_validation (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrProfile) same = load_changed ("", "note", "\"a comment\"", &error);

  /* The file itself, with a note added, is fine. */
  g_assert_no_error (error);
  g_assert_nonnull (same);

  /* unknown rule */
  assert_refused ("/rules", "stock.max_ratio", "{\"citation\": null, \"our_reading\": false}",
                  "/rules/stock.max_ratio: ");
  /* wrong type */
  assert_refused ("/rules/stock.min_ratio/percent", "raw", "\"70\"", "/rules/stock.min_ratio/percent/raw: ");
  assert_refused ("/rules/stock.min_ratio", "our_reading", "1", "/rules/stock.min_ratio/our_reading: ");
  assert_refused ("/rules/rotation.vacancy", "months", "4.5", "/rules/rotation.vacancy/months: ");
  assert_refused ("", "classes", "\"raw\"", "/classes: ");
  /* missing key */
  assert_refused ("/rules/stock.min_ratio", "scope", NULL, "/rules/stock.min_ratio/scope: ");
  assert_refused ("/rules/age.limit", "horizon_months", NULL, "/rules/age.limit/horizon_months: ");
  assert_refused ("/rules/rotation.vacancy", "citation", NULL, "/rules/rotation.vacancy/citation: ");
  assert_refused ("/rules/age.limit", "reading", NULL, "/rules/age.limit/reading: ");
  assert_refused ("", "calendar", NULL, "/calendar: ");
  /* unknown key (a typo must not silently drop a setting) */
  assert_refused ("/rules/stock.min_ratio", "our_readng", "true", "/rules/stock.min_ratio/our_readng: ");
  assert_refused ("/rules/quality.storage", "months", "3", "/rules/quality.storage/months: ");
  /* out of range, unknown enumeration values */
  assert_refused ("/rules/stock.min_ratio/percent", "raw", "170", "/rules/stock.min_ratio/percent/raw: ");
  assert_refused ("/rules/stock.min_ratio", "check", "\"weekly\"", "/rules/stock.min_ratio/check: ");
  assert_refused ("/rules/rotation.vacancy", "rotation_modes", "[\"static\", \"lazy\"]",
                  "/rules/rotation.vacancy/rotation_modes/1: ");
  assert_refused ("/rules/age.limit", "limits", "[{\"varieties\": [\"rye\"], \"years\": 3}]",
                  "/rules/age.limit/limits/0/varieties/0: ");
  assert_refused ("/subsidy/rates_yuan_per_jin_year", "barley", "0.05", "/subsidy/rates_yuan_per_jin_year/barley: ");
  /* a rule that cites nothing */
  assert_refused ("/rules/quality.storage", "citation", "null", "/rules/quality.storage/citation: ");
  assert_refused ("/rules/quality.storage", "citation", "{\"document\": \"x\"}", "/rules/quality.storage/citation/article: ");
  /* calendar */
  assert_refused ("/calendar", "holidays", "[\"2026-02-30\"]", "/calendar/holidays/0: ");
  assert_refused ("/calendar", "workdays", "[\"2026-01-01\"]", "/calendar/workdays: ");
  /* the format itself */
  assert_refused ("", "format", "\"granary-targets\"", "/format: ");
  assert_refused ("", "version", "2", "/version: ");
}

static void
test_not_json (void)
{
  const char *texts[] = { "{\"format\": ", "[1, 2]", "var profile = {\"format\": \"granary-profile\"}" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GrProfile) profile = gr_profile_load_data ("broken.json", texts[i], -1, &error);

      g_assert_null (profile);
      g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, "broken.json"));
    }
}

/* 清远 “十四五”规划 表2 rows 5, 6, 7, 13, 14, 15. */
static void
test_targets (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrTargets) targets = gr_targets_load ("qingyuan-14th", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (targets->id, ==, "qingyuan-14th");
  g_assert_cmpint (targets->year, ==, 2025);
  g_assert_cmpfloat (targets->policy_reserve.value, ==, 220000);
  g_assert_cmpint (targets->policy_reserve.row, ==, 5);
  g_assert_true (targets->policy_reserve.binding);
  g_assert_cmpfloat (targets->finished_grain.value, ==, 12560);
  g_assert_cmpfloat_with_epsilon (targets->quality_pass_rate.value, 0.97, 1e-9);
  g_assert_cmpfloat_with_epsilon (targets->aaa_coverage.value, 0.8, 1e-9);
  g_assert_false (targets->aaa_coverage.binding);
  g_assert_cmpfloat (targets->low_temp_capacity.value, ==, 150000);
  g_assert_cmpint (targets->low_temp_capacity.row, ==, 14);
  g_assert_cmpfloat (targets->informatised_depots.value, ==, 1.0);
  g_assert_cmpint (targets->finished_grain_days, ==, 10);
  /* 12,560 t = 10 days of supply → 1,256 t a day */
  g_assert_cmpfloat (targets->daily_consumption_t * targets->finished_grain_days, ==, targets->finished_grain.value);
}

static void
assert_targets_refused (const char *text,
                        const char *expected_where)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrTargets) targets = gr_targets_load_data ("targets.json", text, -1, &error);

  g_assert_null (targets);
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
  if (!g_str_has_prefix (error->message, "targets.json: ") || strstr (error->message, expected_where) == NULL)
    g_error ("“%s” does not name targets.json and %s", error->message, expected_where);
}

static void
test_targets_validation (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "targets", "qingyuan-14th.json", NULL);
  g_autofree char *text = NULL;
  g_autofree char *no_rate = NULL, *rate_above_one = NULL, *typo = NULL, *missing_supply = NULL;
  g_autoptr(GRegex) rate = g_regex_new ("\"quality_pass_rate\": \\{[^}]*\\},?", 0, 0, NULL);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  no_rate = g_regex_replace_literal (rate, text, -1, 0, "", 0, NULL);
  assert_targets_refused (no_rate, "/targets/quality_pass_rate: ");
  rate_above_one = g_regex_replace_literal (rate, text, -1, 0,
                                            "\"quality_pass_rate\": { \"value\": 97, \"row\": 7, \"binding\": true },",
                                            0, NULL);
  assert_targets_refused (rate_above_one, "/targets/quality_pass_rate/value: ");
  typo = g_strdup (text);
  memcpy (strstr (typo, "\"population\""), "\"populatoin\"", strlen ("\"populatoin\""));
  assert_targets_refused (typo, "/supply/populatoin: ");
  missing_supply = g_strdup (text);
  memcpy (strstr (missing_supply, "\"daily_consumption_t\""), "\"daily_consumption_x\"", strlen ("\"daily_consumption_x\""));
  assert_targets_refused (missing_supply, "/supply/daily_consumption_x: ");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/profile/shipped", test_shipped_profiles);
  g_test_add_func ("/profile/working-days", test_working_days);
  g_test_add_func ("/profile/lookup", test_lookup);
  g_test_add_func ("/profile/validation", test_validation);
  g_test_add_func ("/profile/not-json", test_not_json);
  g_test_add_func ("/targets/qingyuan-14th", test_targets);
  g_test_add_func ("/targets/validation", test_targets_validation);

  return g_test_run ();
}
