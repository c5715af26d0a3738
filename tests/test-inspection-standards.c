/* test-inspection-standards.c: the inspection standards as data
 *
 * The figures come from data/standards/ and must be the ones DOMAIN.md
 * gives, with its tags: GB/T 29890-2013 pest classes (§3.3) and
 * temperature regimes (§3.2), the safe moisture of §3.1, the stock-check
 * tolerance, and the checklist of §5.7 and the regulations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "gr-error.h"
#include "gr-standards.h"

static GrStandards *standards;

/* GB/T 29890-2013, 虫粮等级 (the table of pest classes; DOMAIN.md §3.3, [M]):
 * 基本无虫粮 ≤ 5 pests/kg of which ≤ 2 main pests; 一般虫粮 6–30 and 3–10. */
static void
test_pest_classes (void)
{
  const GrPestClassTable *table = gr_standards_pest_classes (standards);

  g_assert_nonnull (table);
  g_assert_cmpstr (table->standard, ==, "GB/T 29890-2013");
  g_assert_cmpint (table->free_total_max.milli, ==, 5000);
  g_assert_cmpint (table->free_main_max.milli, ==, 2000);
  g_assert_cmpint (table->general_total_max.milli, ==, 30000);
  g_assert_cmpint (table->general_main_max.milli, ==, 10000);
  /* No text of the standard was available: every cut-off is unconfirmed. */
  g_assert_cmpint (table->free_total_max.status, ==, GR_STATUS_UNCONFIRMED);
  g_assert_cmpint (table->general_main_max.status, ==, GR_STATUS_UNCONFIRMED);
}

/* GB/T 29890-2013, 低温储藏 / 准低温储藏 (DOMAIN.md §3.2, [M]): average
 * ≤ 15 °C with a local maximum of 20 °C; ≤ 20 °C and 25 °C. */
static void
test_temperature_regimes (void)
{
  const GrTemperatureRegime *low = gr_standards_temperature_regime (standards, "low_temp");
  const GrTemperatureRegime *quasi = gr_standards_temperature_regime (standards, "quasi_low_temp");
  const GrTemperatureRegime *normal = gr_standards_temperature_regime (standards, "normal");

  g_assert_nonnull (low);
  g_assert_cmpstr (low->standard, ==, "GB/T 29890-2013");
  g_assert_cmpstr (low->name, ==, "低温储藏");
  g_assert_true (low->has_avg_max && low->has_local_max);
  g_assert_cmpint (low->avg_max.milli, ==, 15000);
  g_assert_cmpint (low->local_max.milli, ==, 20000);
  g_assert_cmpint (low->avg_max.status, ==, GR_STATUS_UNCONFIRMED);

  g_assert_nonnull (quasi);
  g_assert_cmpint (quasi->avg_max.milli, ==, 20000);
  g_assert_cmpint (quasi->local_max.milli, ==, 25000);

  /* 常规储藏: no temperature control, no limit. */
  g_assert_nonnull (normal);
  g_assert_false (normal->has_avg_max);
  g_assert_false (normal->has_local_max);

  /* Nothing is known of controlled atmosphere: no alarm for it. */
  g_assert_null (gr_standards_temperature_regime (standards, "controlled_atmosphere"));
}

/* DOMAIN.md §3.1: safe moisture = the grading standards' moisture limits
 * (籼稻 13.5 GB 1350-2009, 粳稻 14.5, 小麦 12.5 GB 1351-2008, 玉米 14.0
 * GB 1353-2018, 大豆 13.0 GB 1352-2009). */
static void
test_safe_moisture (void)
{
  static const struct {
    const char       *variety;
    gint64            milli;
    const char       *source;
    GrThresholdStatus status;
  } cases[] = {
    { "paddy_early_indica", 13500, "GB 1350-2009", GR_STATUS_VERIFIED },
    { "paddy_late_indica",  13500, "GB 1350-2009", GR_STATUS_VERIFIED },
    { "paddy_japonica",     14500, "GB 1350-2009", GR_STATUS_VERIFIED_CODE },
    { "wheat",              12500, "GB 1351-2008", GR_STATUS_VERIFIED },
    { "corn",               14000, "GB 1353-2018", GR_STATUS_VERIFIED },
    { "soybean",            13000, "GB 1352-2009", GR_STATUS_VERIFIED_CODE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const GrSafeMoisture *entry = gr_standards_safe_moisture (standards, cases[i].variety);

      g_assert_nonnull (entry);
      g_assert_cmpint (entry->max.milli, ==, cases[i].milli);
      g_assert_cmpstr (entry->source, ==, cases[i].source);
      g_assert_cmpint (entry->max.status, ==, cases[i].status);
    }
  /* §3.1 gives nothing for finished grain and oil. */
  g_assert_null (gr_standards_safe_moisture (standards, "rice"));
  g_assert_null (gr_standards_safe_moisture (standards, "oil_peanut"));
  g_assert_null (gr_standards_safe_moisture (standards, "no_such_variety"));
}

/* No seed regulation gives a tolerance for 账实相符 (Nanchang 第二十七条（三）,
 * Zhongshan 第十五条 ask for agreement only); 3 % is the national stock-check
 * practice, held as unconfirmed. */
static void
test_stock_check (void)
{
  const GrStockCheckRule *rule = gr_standards_stock_check (standards);

  g_assert_nonnull (rule);
  g_assert_cmpint (rule->tolerance.milli, ==, 3000);
  g_assert_cmpint (rule->tolerance.status, ==, GR_STATUS_UNCONFIRMED);
}

/* 一符三专四落实 (Nanchang 第二十七条（三）), information card (东莞 第二十六条),
 * fire, theft, flood and wind (东莞 第二十七条), prohibited acts as prompts. */
static void
test_checklist (void)
{
  static const char * const required[] = {
    "books_match_stock", "accounts_agree", "dedicated_bin", "dedicated_keeper", "dedicated_ledger",
    "quantity_verified", "variety_verified", "quality_verified", "location_verified",
    "info_card_present", "info_card_current", "fire_safety", "theft_safety", "flood_safety", "wind_safety",
    "no_unauthorised_use", "no_false_quantity", "no_adulteration", "no_unapproved_swap", "no_pledge",
    "no_subsidy_diversion", "no_spoilage", "no_price_games", "grain_monitoring", "bin_condition", "quality_archive", NULL
  };
  const GrChecklist *list = gr_standards_checklist (standards);
  const GrChecklistItem *item;
  guint prompts = 0;

  g_assert_nonnull (list);
  g_assert_cmpstr (list->id, ==, "depot-inspection");
  for (guint i = 0; required[i] != NULL; i++)
    g_assert_nonnull (gr_checklist_find (list, required[i]));
  for (guint i = 0; i < list->n_items; i++)
    {
      g_assert_cmpuint (list->items[i].group, <, list->n_groups);
      g_assert_nonnull (list->items[i].document);
      prompts += list->items[i].prompt;
    }
  /* The eight prohibited acts of DOMAIN.md §5.7. */
  g_assert_cmpuint (prompts, ==, 8);
  item = gr_checklist_find (list, "info_card_current");
  g_assert_cmpstr (item->document, ==, "东莞市政府储备粮管理办法");
  g_assert_cmpstr (item->article, ==, "第二十六条");
  g_assert_cmpstr (item->label.zh, ==, "信息卡随库存变化同步更新");
  item = gr_checklist_find (list, "wind_safety");
  g_assert_cmpstr (item->article, ==, "第二十七条");
  g_assert_null (gr_checklist_find (list, "粮情检测"));
}

#define HEAD "{\"format\": \"granary-inspection-standard\", \"version\": 1, \"standard\": \"X-1\", \"title\": \"x\", "

static void
assert_refused (GrStandards *self,
                const char  *json,
                const char  *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (gr_standards_add_data (self, "bad.json", json, -1, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_bad_files (void)
{
  g_autoptr(GrStandards) self = gr_standards_new ();
  g_autoptr(GError) error = NULL;

  assert_refused (self, HEAD "\"pest_classes\": {\"basically_free\": {\"total_max\": {\"value\": 5, \"status\": \"unconfirmed\"},"
                        " \"main_max\": {\"value\": 2, \"status\": \"unconfirmed\"}}, \"general\": {\"total_max\":"
                        " {\"value\": 4, \"status\": \"unconfirmed\"}, \"main_max\": {\"value\": 10, \"status\": \"unconfirmed\"}}}}",
                  "bad.json: /pest_classes/general/total_max: is below the basically-free limit");
  assert_refused (self, HEAD "\"temperature_regimes\": [{\"storage_tech\": \"cold\", \"name\": \"x\"}]}",
                  "bad.json: /temperature_regimes/0/storage_tech: unknown value “cold” (expected one of "
                  "normal, quasi_low_temp, low_temp, controlled_atmosphere)");
  assert_refused (self, HEAD "\"safe_moisture\": [{\"varieties\": [\"wheat\"], \"name\": \"x\", \"source\": \"y\","
                        " \"max_pct\": {\"value\": 12.5, \"status\": \"guessed\"}}]}",
                  "bad.json: /safe_moisture/0/max_pct/status: unknown value “guessed” (expected one of "
                  "verified, verified-code, unconfirmed)");
  assert_refused (self, HEAD "\"quantity_check\": {\"tolerance_pct\": {\"value\": 300, \"status\": \"unconfirmed\"}}}",
                  "bad.json: /quantity_check/tolerance_pct: must be a percentage (0 to 100)");
  assert_refused (self, HEAD "\"limits\": []}", "bad.json: /limits: unknown key");
  /* Nothing of a refused file was kept. */
  g_assert_null (gr_standards_pest_classes (self));
  g_assert_null (gr_standards_temperature_regime (self, "normal"));
  g_assert_null (gr_standards_stock_check (self));

  /* A part given twice is an error naming the first file. */
  g_assert_true (gr_standards_add_data (self, "a.json", HEAD "\"quantity_check\": {\"tolerance_pct\":"
                                        " {\"value\": 3, \"status\": \"unconfirmed\"}}}", -1, &error));
  g_assert_no_error (error);
  assert_refused (self, HEAD "\"quantity_check\": {\"tolerance_pct\": {\"value\": 2, \"status\": \"unconfirmed\"}}}",
                  "bad.json: /quantity_check: already given by a.json");
  g_assert_cmpint (gr_standards_stock_check (self)->tolerance.milli, ==, 3000);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  standards = gr_standards_load (&error);
  g_assert_no_error (error);

  g_test_add_func ("/inspection-standards/gb-t-29890/pest-classes", test_pest_classes);
  g_test_add_func ("/inspection-standards/gb-t-29890/temperature-regimes", test_temperature_regimes);
  g_test_add_func ("/inspection-standards/safe-moisture", test_safe_moisture);
  g_test_add_func ("/inspection-standards/stock-check", test_stock_check);
  g_test_add_func ("/inspection-standards/checklist", test_checklist);
  g_test_add_func ("/inspection-standards/bad-files", test_bad_files);
  ret = g_test_run ();
  gr_standards_unref (standards);
  return ret;
}
