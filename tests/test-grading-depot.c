/* test-grading-depot.c: 等级粮库 workflow and scoring (DOMAIN.md §4.1,
 * DESIGN.md §3), the grades of a database, and recording a quality test
 * (DESIGN.md §7 `grade`), on tests/fixtures/grading.json
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "test-util.h"

#include "gr-grading-report.h"

static GrStandards *standards;

static GrStore *
fixture_store (void)
{
  g_autofree char *text = test_fixture ("grading.json");
  g_autoptr(GError) error = NULL;
  GrStore *store = test_new_store ();

  g_assert_true (gr_import_data (store, text, -1, GR_IMPORT_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return store;
}

static char *
query_text (GrStore    *store,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static const GrDepotGrade *
find_depot (GPtrArray  *depots,
            const char *id)
{
  for (guint i = 0; i < depots->len; i++)
    if (g_strcmp0 (((GrDepotGrade *) depots->pdata[i])->depot, id) == 0)
      return depots->pdata[i];
  g_assert_not_reached ();
}

/* ---- Pure rules --------------------------------------------------------- */

static void
test_levels_and_stages (void)
{
  g_assert_cmpint (gr_depot_level_from_string ("none"), ==, 0);
  g_assert_cmpint (gr_depot_level_from_string ("AAA"), ==, 3);
  g_assert_cmpint (gr_depot_level_from_string ("AAAAAA"), ==, -1);
  g_assert_cmpstr (gr_depot_level_to_string (5), ==, "AAAAA");
  /* City flow for A and AA, province flow for AAA and above (S1
   * grade_city_flow / grade_province_flow). */
  g_assert_cmpint (gr_assessment_final_stage (1), ==, GR_STAGE_CITY);
  g_assert_cmpint (gr_assessment_final_stage (2), ==, GR_STAGE_CITY);
  g_assert_cmpint (gr_assessment_final_stage (3), ==, GR_STAGE_PROVINCE);
  g_assert_cmpint (gr_assessment_final_stage (5), ==, GR_STAGE_PROVINCE);
}

static void
test_transitions (void)
{
  g_autoptr(GError) error = NULL;
  GrAssessmentState s;

  /* The city flow, declared → … → city_onsite → awarded. */
  for (s = GR_ASSESS_DECLARED; s < GR_ASSESS_CITY_ONSITE; s++)
    g_assert_true (gr_assessment_check_transition (s, s + 1, 2, NULL));
  g_assert_true (gr_assessment_check_transition (GR_ASSESS_CITY_ONSITE, GR_ASSESS_AWARDED, 2, NULL));
  g_assert_false (gr_assessment_check_transition (GR_ASSESS_CITY_ONSITE, GR_ASSESS_PROVINCE, 2, NULL));
  /* AAA goes on to the province. */
  g_assert_false (gr_assessment_check_transition (GR_ASSESS_CITY_ONSITE, GR_ASSESS_AWARDED, 3, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "An assessment cannot go from “City on-site check” to “Awarded”");
  g_clear_error (&error);
  g_assert_true (gr_assessment_check_transition (GR_ASSESS_CITY_ONSITE, GR_ASSESS_PROVINCE, 3, NULL));
  g_assert_true (gr_assessment_check_transition (GR_ASSESS_PROVINCE, GR_ASSESS_PROVINCE_ONSITE, 3, NULL));
  g_assert_true (gr_assessment_check_transition (GR_ASSESS_PROVINCE_ONSITE, GR_ASSESS_AWARDED, 3, NULL));
  g_assert_true (gr_assessment_check_transition (GR_ASSESS_PROVINCE_ONSITE, GR_ASSESS_DOWNGRADED, 4, NULL));
  g_assert_true (gr_assessment_check_transition (GR_ASSESS_PROVINCE_ONSITE, GR_ASSESS_REMOVED, 4, NULL));
  /* No skipping a stage; any review may refuse; a decision is final. */
  g_assert_false (gr_assessment_check_transition (GR_ASSESS_DECLARED, GR_ASSESS_COUNTY, 1, NULL));
  g_assert_true (gr_assessment_check_transition (GR_ASSESS_COUNTY, GR_ASSESS_REFUSED, 1, NULL));
  g_assert_false (gr_assessment_check_transition (GR_ASSESS_DECLARED, GR_ASSESS_REFUSED, 1, NULL));
  g_assert_false (gr_assessment_check_transition (GR_ASSESS_AWARDED, GR_ASSESS_REMOVED, 1, NULL));
  g_assert_false (gr_assessment_check_transition (GR_ASSESS_REFUSED, GR_ASSESS_DECLARED, 1, NULL));
}

static void
test_declaration (void)
{
  g_autoptr(GError) error = NULL;

  /* DOMAIN.md §4.1: a declaration must be above the level held (sbdj > spdj). */
  g_assert_true (gr_assessment_check_declaration (0, 1, NULL));
  g_assert_true (gr_assessment_check_declaration (3, 4, NULL));
  g_assert_false (gr_assessment_check_declaration (3, 3, &error));
  g_assert_cmpstr (error->message, ==, "The declared level AAA is not above the level the depot holds (AAA)");
  g_clear_error (&error);
  g_assert_false (gr_assessment_check_declaration (4, 2, NULL));
  g_assert_false (gr_assessment_check_declaration (0, 0, NULL));
}

static void
test_stage_totals (void)
{
  const char *scores = "{\"a\": {\"self\": 9, \"city\": 8.5, \"province\": 8},"
                       " \"b\": {\"self\": 10, \"city\": 9.5}, \"c\": {\"self\": 0.1, \"city\": 0.2}}";
  double total = 0;

  g_assert_true (gr_assessment_stage_total (scores, GR_STAGE_SELF, &total));
  g_assert_cmpfloat (total, ==, 19.1);
  g_assert_true (gr_assessment_stage_total (scores, GR_STAGE_CITY, &total));
  g_assert_cmpfloat (total, ==, 18.2);
  g_assert_true (gr_assessment_stage_total (scores, GR_STAGE_PROVINCE, &total));
  g_assert_cmpfloat (total, ==, 8);
  g_assert_false (gr_assessment_stage_total ("{\"a\": {\"self\": 9}}", GR_STAGE_CITY, &total));
  g_assert_false (gr_assessment_stage_total (NULL, GR_STAGE_CITY, &total));
}

static void
test_template (void)
{
  const GrAssessmentTemplate *tpl = gr_standards_find_template (standards, "gd-grain-depot-grading", NULL);
  gboolean unconfirmed = FALSE;
  double points = 0;

  /* The placeholder of DOMAIN.md §4.2's categories: 100 points,
   * thresholds unconfirmed until the bureau loads its template. */
  g_assert_nonnull (tpl);
  g_assert_true (tpl == gr_standards_default_template (standards));
  g_assert_true (tpl->placeholder);
  g_assert_cmpuint (tpl->n_items, ==, 7);
  for (guint i = 0; i < tpl->n_items; i++)
    points += tpl->items[i].points;
  g_assert_cmpfloat (points, ==, 100);
  g_assert_cmpstr (tpl->vetoes[0], ==, "重大安全事故");
  g_assert_cmpint (gr_assessment_level_for_total (tpl, 85.0, &unconfirmed), ==, 3);
  g_assert_true (unconfirmed);
  g_assert_cmpint (gr_assessment_level_for_total (tpl, 84.9, NULL), ==, 2);
  g_assert_cmpint (gr_assessment_level_for_total (tpl, 74.5, NULL), ==, 0);
  g_assert_cmpint (gr_assessment_level_for_total (tpl, 99, NULL), ==, 5);
}

static void
test_vetoes_and_bonus (void)
{
  static const char bonus_template[] =
    "{\"format\": \"granary-assessment-template\", \"version\": 1, \"id\": \"t-bonus\","
    " \"template_version\": \"2026\", \"title\": \"t\", \"placeholder\": true,"
    " \"items\": [{\"item\": \"仓储设施\", \"points\": 60}, {\"item\": \"储粮技术\", \"points\": 40},"
    "  {\"item\": \"科技创新\", \"points\": 5, \"bonus\": true}],"
    " \"levels\": {\"A\": {\"value\": 75, \"status\": \"unconfirmed\"}, \"AA\": {\"value\": 80, \"status\": \"unconfirmed\"},"
    "  \"AAA\": {\"value\": 85, \"status\": \"unconfirmed\"}, \"AAAA\": {\"value\": 90, \"status\": \"unconfirmed\"},"
    "  \"AAAAA\": {\"value\": 95, \"status\": \"unconfirmed\"}}}";
  const GrAssessmentTemplate *tpl = gr_standards_find_template (standards, "gd-grain-depot-grading", NULL);
  const char * const hit[] = { "账实不符", "坏粮事故", NULL };
  const char * const none[] = { NULL };
  g_autoptr(GrStandards) own = gr_standards_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) read = NULL;

  /* DOMAIN.md §4.1: the template's 一票否决 items; a hit blocks only the award. */
  g_assert_cmpstr (tpl->vetoes[1], ==, "账实不符");
  g_assert_cmpstr (tpl->vetoes[2], ==, "坏粮事故");
  g_assert_null (tpl->vetoes[3]);
  g_assert_false (gr_assessment_check_vetoes (GR_ASSESS_AWARDED, hit, &error));
  g_assert_cmpstr (error->message, ==,
                   "An assessment with a veto item hit (账实不符, 坏粮事故) cannot be awarded: refuse, downgrade or remove instead");
  g_clear_error (&error);
  g_assert_true (gr_assessment_check_vetoes (GR_ASSESS_REFUSED, hit, NULL));
  g_assert_true (gr_assessment_check_vetoes (GR_ASSESS_DOWNGRADED, hit, NULL));
  g_assert_true (gr_assessment_check_vetoes (GR_ASSESS_REMOVED, hit, NULL));
  g_assert_true (gr_assessment_check_vetoes (GR_ASSESS_AWARDED, none, NULL));
  g_assert_true (gr_assessment_check_vetoes (GR_ASSESS_AWARDED, NULL, NULL));

  read = gr_assessment_vetoes_from_extra ("{\"history\": [], \"vetoes\": [\"坏粮事故\"]}");
  g_assert_cmpuint (g_strv_length (read), ==, 1);
  g_assert_cmpstr (read[0], ==, "坏粮事故");
  g_clear_pointer (&read, g_strfreev);
  read = gr_assessment_vetoes_from_extra (NULL);
  g_assert_cmpuint (g_strv_length (read), ==, 0);

  /* The placeholder has no bonus item: full marks 100, no bonus. A
   * template that flags one (加分指标, DOMAIN.md §4.1) counts it apart. */
  g_assert_cmpfloat (gr_assessment_template_points (tpl, FALSE), ==, 100);
  g_assert_cmpfloat (gr_assessment_template_points (tpl, TRUE), ==, 0);
  g_assert_true (gr_standards_add_data (own, "t-bonus.json", bonus_template, -1, &error));
  g_assert_no_error (error);
  tpl = gr_standards_find_template (own, "t-bonus", "2026");
  g_assert_nonnull (tpl);
  g_assert_true (tpl->items[2].bonus);
  g_assert_false (tpl->items[0].bonus);
  g_assert_cmpfloat (gr_assessment_template_points (tpl, FALSE), ==, 100);
  g_assert_cmpfloat (gr_assessment_template_points (tpl, TRUE), ==, 5);
}

/* ---- In a database ------------------------------------------------------ */

static void
test_lots_judged (void)
{
  g_autoptr(GrStore) store = fixture_store ();
  g_autoptr(GPtrArray) lots = gr_grading_lots (store, standards, NULL);
  const GrLotGrade *lot;

  g_assert_nonnull (lots);
  g_assert_cmpuint (lots->len, ==, 4);
  /* L-C: GB 1353-2018 容重 690 (二等) and 不完善粒 6.0 (二等); GB/T
   * 20570-2015 脂肪酸值 65.0 and 品尝评分值 70 at the 宜存 edges. */
  lot = lots->pdata[0];
  g_assert_cmpstr (lot->lot, ==, "L-C");
  g_assert_cmpstr (lot->test, ==, "QT-C1");
  g_assert_cmpint (lot->judgement.grade, ==, 2);
  g_assert_true (lot->judgement.limits_met);
  g_assert_cmpint (lot->judgement.storage_quality, ==, GR_STORAGE_SUITABLE);
  g_assert_false (lot->judgement.unconfirmed);
  /* L-P: the latest test (2026-03-10) counts: GB 1350-2009 出糙率 74.9 → 四等,
   * 水分 13.6 over 13.5; GB/T 20569-2006 脂肪酸值 31.5 → 轻度不宜存. */
  lot = lots->pdata[2];
  g_assert_cmpstr (lot->lot, ==, "L-P");
  g_assert_cmpstr (lot->test, ==, "QT-P2");
  g_assert_cmpint (lot->judgement.grade, ==, 4);
  g_assert_false (lot->judgement.limits_met);
  g_assert_cmpstr (lot->judgement.failed[0], ==, "moisture_pct");
  g_assert_cmpint (lot->judgement.storage_quality, ==, GR_STORAGE_SLIGHTLY_UNSUITABLE);
  g_assert_true (lot->judgement.unconfirmed);
  /* L-U was never tested. */
  lot = lots->pdata[3];
  g_assert_cmpstr (lot->lot, ==, "L-U");
  g_assert_null (lot->test);
  g_assert_false (lot->judged);
}

static void
test_depots_scored (void)
{
  g_autoptr(GrStore) store = fixture_store ();
  g_autoptr(GPtrArray) depots = gr_grading_depots (store, NULL);
  const GrDepotGrade *d;
  double depot_share, tonnage_share;
  guint at;

  g_assert_nonnull (depots);
  g_assert_cmpuint (depots->len, ==, 3);
  /* D1 (AA): city flow, the city's total of A1 (A3 is undecided). */
  d = find_depot (depots, "D1");
  g_assert_cmpint (d->level, ==, 2);
  g_assert_cmpstr (d->assessment, ==, "A1");
  g_assert_true (d->has_score);
  g_assert_cmpfloat (d->score, ==, 82.0);
  /* D2 (AAAA): province flow, the province's total. */
  d = find_depot (depots, "D2");
  g_assert_cmpint (d->level, ==, 4);
  g_assert_cmpfloat (d->score, ==, 90.0);
  d = find_depot (depots, "D3");
  g_assert_cmpint (d->level, ==, 0);
  g_assert_false (d->has_score);

  /* Coverage: 1 of 3 depots at AAA or better (Qingyuan 表2 row 13
   * measures depots); 1,000 t of 5,000 t. */
  gr_grading_coverage (depots, &at, &depot_share, &tonnage_share);
  g_assert_cmpuint (at, ==, 1);
  g_assert_cmpfloat_with_epsilon (depot_share, 1.0 / 3, 1e-12);
  g_assert_cmpfloat (tonnage_share, ==, 0.2);
}

static void
test_workflow (void)
{
  g_autoptr(GrStore) store = fixture_store ();
  g_autoptr(GPtrArray) depots = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *grade = NULL;
  g_autofree char *state = NULL;
  const GrDepotGrade *d;

  /* A3: D1 declared AAA, now at the city stage. */
  g_assert_true (gr_assessment_advance (store, "A3", "city_onsite", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (gr_assessment_advance (store, "A3", "awarded", NULL, "2026-05-01", &error));
  g_assert_cmpstr (error->message, ==, "An assessment cannot go from “City on-site check” to “Awarded”");
  g_clear_error (&error);
  state = query_text (store, "SELECT state FROM depot_assessments WHERE id = 'A3'");
  g_assert_cmpstr (state, ==, "city_onsite");
  g_assert_true (gr_assessment_advance (store, "A3", "province", NULL, NULL, NULL));
  g_assert_true (gr_assessment_advance (store, "A3", "province_onsite", NULL, NULL, NULL));
  g_assert_false (gr_assessment_advance (store, "A3", "awarded", NULL, NULL, &error));
  g_assert_cmpstr (error->message, ==, "A decision needs its date (YYYY-MM-DD)");
  g_clear_error (&error);
  g_assert_true (gr_assessment_advance (store, "A3", "awarded", NULL, "2026-05-01", &error));
  g_assert_no_error (error);
  grade = query_text (store, "SELECT grade FROM depots WHERE id = 'D1'");
  g_assert_cmpstr (grade, ==, "AAA");
  depots = gr_grading_depots (store, NULL);
  d = find_depot (depots, "D1");
  g_assert_cmpint (d->level, ==, 3);
  g_assert_cmpint (d->previous_level, ==, 2);
  g_assert_cmpstr (d->decided_on, ==, "2026-05-01");
  /* A3 has no province scores: no final-stage total. */
  g_assert_false (d->has_score);

  /* D2 holds AAAA: declaring AAAA again is refused, AAAAA is not. */
  g_assert_false (gr_assessment_declare (store, "A4", "D2", "AAAA", NULL, &error));
  g_assert_cmpstr (error->message, ==, "The declared level AAAA is not above the level the depot holds (AAAA)");
  g_clear_error (&error);
  g_assert_cmpint (gr_store_count (store, "depot_assessments"), ==, 3);
  g_assert_true (gr_assessment_declare (store, "A4", "D2", "AAAAA", "{\"id\": \"gd-grain-depot-grading\"}", &error));
  g_assert_no_error (error);
  g_assert_true (gr_assessment_advance (store, "A4", "enterprise_review", NULL, NULL, NULL));
  g_assert_true (gr_assessment_advance (store, "A4", "refused", NULL, "2026-06-01", NULL));
  g_clear_pointer (&grade, g_free);
  grade = query_text (store, "SELECT grade FROM depots WHERE id = 'D2'");
  g_assert_cmpstr (grade, ==, "AAAA");

  /* A review that removes the plaque leaves the depot with none. */
  g_assert_true (gr_assessment_declare (store, "A5", "D2", "AAAAA", NULL, NULL));
  for (GrAssessmentState s = GR_ASSESS_ENTERPRISE_REVIEW; s <= GR_ASSESS_PROVINCE_ONSITE; s++)
    g_assert_true (gr_assessment_advance (store, "A5", gr_assessment_state_to_string (s), NULL, NULL, NULL));
  g_assert_false (gr_assessment_advance (store, "A5", "downgraded", "AAAA", "2026-07-01", &error));
  g_assert_cmpstr (error->message, ==, "A downgrade needs a level below the one held");
  g_clear_error (&error);
  g_assert_true (gr_assessment_advance (store, "A5", "removed", NULL, "2026-07-01", NULL));
  g_clear_pointer (&grade, g_free);
  grade = query_text (store, "SELECT grade FROM depots WHERE id = 'D2'");
  g_assert_cmpstr (grade, ==, "none");
}

static void
test_recorded_steps (void)
{
  g_autoptr(GrStore) store = fixture_store ();
  g_autoptr(GError) error = NULL;
  const char * const vetoes[] = { "账实不符", NULL };
  const char * const twice[] = { "账实不符", "账实不符", NULL };
  const char * const none[] = { NULL };
  g_autofree char *text = NULL;

  /* D3 holds no level; the declaration keeps the template's id and
   * version (DESIGN.md §3) and who declared when. */
  g_assert_false (gr_assessment_declare_by (store, "AV", "D3", "A", "{\"version\": \"placeholder\"}", "张三",
                                            "2026-03-01", &error));
  g_assert_cmpstr (error->message, ==, "The template must be given as its id and version");
  g_clear_error (&error);
  g_assert_true (gr_assessment_declare_by (store, "AV", "D3", "A",
                                           "{\"id\": \"gd-grain-depot-grading\", \"version\": \"placeholder\"}",
                                           "张三", "2026-03-01", &error));
  g_assert_no_error (error);
  text = query_text (store, "SELECT json_extract (template, '$.id') || '/' || json_extract (template, '$.version')"
                            " || '/' || updated_by || '/' || json_extract (extra, '$.history[0].state')"
                            " || '/' || json_extract (extra, '$.history[0].on') FROM depot_assessments WHERE id = 'AV'");
  g_assert_cmpstr (text, ==, "gd-grain-depot-grading/placeholder/张三/declared/2026-03-01");

  for (GrAssessmentState s = GR_ASSESS_ENTERPRISE_REVIEW; s <= GR_ASSESS_CITY_ONSITE; s++)
    g_assert_true (gr_assessment_record_step (store, "AV", gr_assessment_state_to_string (s), NULL, NULL, NULL, NULL,
                                              "李四", "2026-03-10", NULL));

  /* The city's on-site form: scores, deductions and a veto hit, saved
   * together with who and when. */
  g_assert_false (gr_assessment_record_step (store, "AV", NULL, NULL, NULL, NULL, twice, "王五", "2026-04-01", &error));
  g_assert_cmpstr (error->message, ==, "The veto item “账实不符” is given twice");
  g_clear_error (&error);
  g_assert_true (gr_assessment_record_step (store, "AV", NULL, NULL,
                                            "{\"制度与账务\": {\"self\": 14, \"city\": 6.5}}",
                                            "{\"制度与账务\": \"抽查台账账实不符\"}", vetoes, "王五", "2026-04-01", &error));
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = query_text (store, "SELECT state || '/' || json_extract (scores, '$.制度与账务.self') || '/'"
                            " || json_extract (scores, '$.制度与账务.city') || '/' || json_extract (deductions, '$.制度与账务')"
                            " || '/' || json_extract (extra, '$.vetoes') || '/' || updated_by"
                            " || '/' || json_array_length (extra, '$.history') FROM depot_assessments WHERE id = 'AV'");
  g_assert_cmpstr (text, ==, "city_onsite/14/6.5/抽查台账账实不符/[\"账实不符\"]/王五/5");

  /* A veto hit blocks the award, whatever the score, and changes nothing. */
  g_assert_false (gr_assessment_record_step (store, "AV", "awarded", "A", NULL, NULL, NULL, "王五", "2026-04-02", &error));
  g_assert_cmpstr (error->message, ==,
                   "An assessment with a veto item hit (账实不符) cannot be awarded: refuse, downgrade or remove instead");
  g_clear_error (&error);
  g_assert_false (gr_assessment_advance (store, "AV", "awarded", "A", "2026-04-02", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_pointer (&text, g_free);
  text = query_text (store, "SELECT a.state || '/' || d.grade FROM depot_assessments a JOIN depots d ON d.id = a.depot"
                            " WHERE a.id = 'AV'");
  g_assert_cmpstr (text, ==, "city_onsite/none");
  /* Clearing the veto lets it be awarded. */
  g_assert_true (gr_assessment_record_step (store, "AV", NULL, NULL, NULL, NULL, none, "王五", "2026-04-02", NULL));
  g_assert_true (gr_assessment_record_step (store, "AV", NULL, NULL, NULL, NULL, vetoes, "王五", "2026-04-02", NULL));
  /* Refusing stays possible. */
  g_assert_true (gr_assessment_record_step (store, "AV", "refused", NULL, NULL, NULL, NULL, "王五", "2026-04-03", &error));
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = query_text (store, "SELECT a.state || '/' || a.decided_on || '/' || d.grade FROM depot_assessments a"
                            " JOIN depots d ON d.id = a.depot WHERE a.id = 'AV'");
  g_assert_cmpstr (text, ==, "refused/2026-04-03/none");

  /* Without a veto the award goes through (A2: D3 declared again). */
  g_assert_true (gr_assessment_declare_by (store, "AW", "D3", "A", NULL, "张三", "2026-05-01", NULL));
  for (GrAssessmentState s = GR_ASSESS_ENTERPRISE_REVIEW; s <= GR_ASSESS_CITY_ONSITE; s++)
    g_assert_true (gr_assessment_record_step (store, "AW", gr_assessment_state_to_string (s), NULL, NULL, NULL, none,
                                              "李四", "2026-05-10", NULL));
  g_assert_true (gr_assessment_record_step (store, "AW", "awarded", "A", NULL, NULL, NULL, "王五", "2026-06-01", &error));
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = query_text (store, "SELECT grade FROM depots WHERE id = 'D3'");
  g_assert_cmpstr (text, ==, "A");
}

static gboolean
record (GrStore     *store,
        const char  *json,
        GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return gr_grading_record_test (store, standards, json_parser_get_root (parser), error);
}

static void
test_record_updates_lot (void)
{
  g_autoptr(GrStore) store = fixture_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *row = NULL;

  /* GB 1350-2009 出糙率 79.2 → 一等; GB/T 20569-2006 籼 脂肪酸值 38 > 37 → 重度. */
  g_assert_true (record (store, "{\"id\": \"QT-U1\", \"lot\": \"L-U\", \"date\": \"2026-04-01\", \"standard\": \"GB 1350-2009\","
                                " \"indicators\": {\"husked_rice_yield_pct\": 79.2, \"fatty_acid_value\": 38}}", &error));
  g_assert_no_error (error);
  row = query_text (store, "SELECT grade || '/' || substandard || '/' || storage_quality FROM lots WHERE id = 'L-U'");
  g_assert_cmpstr (row, ==, "1/0/severely_unsuitable");

  /* An older test is history: stored, the lot unchanged. */
  g_assert_true (record (store, "{\"id\": \"QT-U0\", \"lot\": \"L-U\", \"date\": \"2026-01-01\", \"standard\": \"GB 1350-2009\","
                                " \"indicators\": {\"husked_rice_yield_pct\": 70.0}}", NULL));
  g_clear_pointer (&row, g_free);
  row = query_text (store, "SELECT grade || '/' || substandard FROM lots WHERE id = 'L-U'");
  g_assert_cmpstr (row, ==, "1/0");
  g_assert_cmpint (gr_store_count (store, "quality_tests"), ==, 6);

  /* A later 等外 test: grade null, substandard. */
  g_assert_true (record (store, "{\"id\": \"QT-U2\", \"lot\": \"L-U\", \"date\": \"2026-05-01\", \"standard\": \"GB 1350-2009\","
                                " \"indicators\": {\"husked_rice_yield_pct\": 70.9}}", NULL));
  g_clear_pointer (&row, g_free);
  row = query_text (store, "SELECT coalesce (grade, 'null') || '/' || substandard || '/' || storage_quality FROM lots WHERE id = 'L-U'");
  g_assert_cmpstr (row, ==, "null/1/severely_unsuitable");

  /* Bad input is refused and changes nothing. */
  g_assert_false (record (store, "{\"id\": \"QT-U3\", \"lot\": \"L-U\", \"date\": \"2026-06-01\", \"standard\": \"GB 1350-2009\","
                                 " \"indicators\": {\"husked_rice_yield_pct\": 101}}", &error));
  g_assert_cmpstr (error->message, ==, "field \"indicators.husked_rice_yield_pct\": 101 is out of range");
  g_clear_error (&error);
  g_assert_false (record (store, "{\"id\": \"QT-U4\", \"lot\": \"L-X\", \"date\": \"2026-06-01\", \"standard\": \"GB 1350-2009\","
                                 " \"indicators\": {}}", &error));
  g_assert_cmpstr (error->message, ==, "No lot “L-X”");
  g_clear_error (&error);
  g_assert_false (record (store, "{\"id\": \"QT-U2\", \"lot\": \"L-U\", \"date\": \"2026-06-01\", \"standard\": \"GB 1350-2009\","
                                 " \"indicators\": {}}", &error));
  g_assert_cmpstr (error->message, ==, "A quality test “QT-U2” exists already");
  g_clear_error (&error);
  g_assert_cmpint (gr_store_count (store, "quality_tests"), ==, 7);
  g_clear_pointer (&row, g_free);
  row = query_text (store, "SELECT coalesce (grade, 'null') || '/' || substandard FROM lots WHERE id = 'L-U'");
  g_assert_cmpstr (row, ==, "null/1");
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

  g_test_add_func ("/grading-depot/levels-and-stages", test_levels_and_stages);
  g_test_add_func ("/grading-depot/transitions", test_transitions);
  g_test_add_func ("/grading-depot/declaration-above-held", test_declaration);
  g_test_add_func ("/grading-depot/stage-totals", test_stage_totals);
  g_test_add_func ("/grading-depot/placeholder-template", test_template);
  g_test_add_func ("/grading-db/lots-judged", test_lots_judged);
  g_test_add_func ("/grading-db/depots-scored-and-coverage", test_depots_scored);
  g_test_add_func ("/grading-db/workflow", test_workflow);
  g_test_add_func ("/grading-depot/vetoes-and-bonus", test_vetoes_and_bonus);
  g_test_add_func ("/grading-db/recorded-steps-and-vetoes", test_recorded_steps);
  g_test_add_func ("/grading-db/record-test-updates-lot", test_record_updates_lot);

  status = g_test_run ();
  gr_standards_unref (standards);
  return status;
}
