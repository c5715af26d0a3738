/* test-rules-quality.c: quality.storage, quality.grade, storage.segregation
 *
 * Dongguan 第十六条 (宜存), 第十八条 (autonomous rotation: grade not below
 * the plan's), 第二十五条 (专仓储存 by year, variety, grade, owner and
 * rotation mode for raw grain; owner and rotation mode for finished);
 * Zhongshan 第十七条, 第三十条; Nanchang 第三十五条 (中等 or better),
 * 第二十五条 and 第二十七条（三） (reserve grain apart from other grain).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "rules-fixture.h"

static GrStore *
two_lot_world (const char *mode)
{
  GrStore *store = fx_new ();

  fx_plan (store, "p1", "e1", "paddy_late_indica", 10000, mode, "2024-01-01", NULL);
  fx_stocked_lot (store, "a", "b1", "p1", "2025-11-01", 1000);
  fx_stocked_lot (store, "b", "b1", "p1", "2025-11-01", 1000);
  fx_sql (store, "UPDATE lots SET harvest_year = 2025, grade = 3");
  return store;
}

/* 东莞 第十六条 储存品质应当保持“宜存”: every profile has it. */
static void
test_storage_quality (void)
{
  const char *profiles[] = { "dongguan-2025", "zhongshan-2026", "nanchang-gxq-2022" };

  for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
    {
      g_autoptr(GrStore) store = fx_new ();
      g_autoptr(GPtrArray) findings = NULL;
      GrFinding *f;

      fx_plan (store, "p1", "e1", "wheat", 10000, "autonomous", "2024-01-01", NULL);
      fx_stocked_lot (store, "slight", "b1", "p1", "2025-11-01", 1000);
      fx_stocked_lot (store, "empty", "b2", "p1", "2025-11-01", 1000);
      fx_stocked_lot (store, "good", "b3", "p1", "2025-11-01", 1000);
      fx_move (store, "empty", "2026-01-10", "rotate_out", 1000);
      fx_sql (store, "UPDATE lots SET storage_quality = 'slightly_unsuitable' WHERE id IN ('slight', 'empty')");
      findings = fx_check (store, profiles[i], "2026-02-01");
      f = fx_only (findings, "quality.storage");
      g_assert_cmpstr (f->subject_id, ==, "slight");
      g_assert_cmpint (f->severity, ==, GR_SEVERITY_VIOLATION);
      g_assert_nonnull (f->document);
    }
}

/* 东莞 第十八条: autonomous plans keep the plan's grade; static plans are not in scope. */
static void
test_grade_dongguan_autonomous (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GPtrArray) findings = NULL;
  GrFinding *f;

  fx_plan (store, "auto", "e1", "paddy_late_indica", 10000, "autonomous", "2024-01-01", NULL);
  fx_plan (store, "stat", "e1", "wheat", 10000, "static", "2024-01-01", NULL);
  fx_stocked_lot (store, "a4", "b1", "auto", "2025-11-01", 1000);
  fx_stocked_lot (store, "s4", "b2", "stat", "2025-11-01", 1000);
  fx_sql (store, "UPDATE lots SET grade = 4");
  findings = fx_check (store, "dongguan-2025", "2026-02-01");
  f = fx_only (findings, "quality.grade");
  g_assert_cmpstr (f->subject_id, ==, "a4");
  g_assert_cmpstr (f->article, ==, "第十八条");
}

/* 南昌 第三十五条 中等（含）以上: grade 3 even when the plan allows 5;
 * finished grain follows its plan. */
static void
test_grade_nanchang_medium (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GPtrArray) findings = NULL;

  fx_plan (store, "p1", "e1", "paddy_early_indica", 10000, "static", "2024-01-01", NULL);
  fx_sql (store, "UPDATE plans SET required_grade = 5 WHERE id = 'p1'");
  fx_plan (store, "p2", "e1", "rice", 2000, "dynamic", "2024-01-01", NULL);
  fx_stocked_lot (store, "raw4", "b1", "p1", "2025-11-01", 1000);
  fx_stocked_lot (store, "raw3", "b2", "p1", "2025-11-01", 1000);
  fx_stocked_lot (store, "rice3", "b3", "p2", "2025-11-01", 1000);
  fx_sql (store, "UPDATE lots SET grade = 4 WHERE id = 'raw4'");
  fx_sql (store, "UPDATE lots SET grade = 3 WHERE id IN ('raw3', 'rice3')");
  findings = fx_check (store, "nanchang-gxq-2022", "2026-02-01");
  g_assert_cmpuint (fx_count (findings, "quality.grade"), ==, 1);
  g_assert_nonnull (fx_find (findings, "quality.grade", "raw4"));
}

/* 中山 第十七条 等级不得低于承储计划下达时规定的标准: substandard is a
 * violation; an untested lot (no grade) is not. */
static void
test_grade_substandard_and_untested (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GPtrArray) findings = NULL;

  fx_plan (store, "p1", "e1", "corn", 10000, "autonomous", "2024-01-01", NULL);
  fx_sql (store, "UPDATE plans SET required_grade = 2 WHERE id = 'p1'");
  fx_stocked_lot (store, "sub", "b1", "p1", "2025-11-01", 1000);
  fx_stocked_lot (store, "untested", "b2", "p1", "2025-11-01", 1000);
  fx_stocked_lot (store, "two", "b3", "p1", "2025-11-01", 1000);
  fx_stocked_lot (store, "three", "b4", "p1", "2025-11-01", 1000);
  fx_sql (store, "UPDATE lots SET substandard = 1 WHERE id = 'sub'");
  fx_sql (store, "UPDATE lots SET grade = 2 WHERE id = 'two'");
  fx_sql (store, "UPDATE lots SET grade = 3 WHERE id = 'three'");
  findings = fx_check (store, "zhongshan-2026", "2026-02-01");
  g_assert_cmpuint (fx_count (findings, "quality.grade"), ==, 2);
  g_assert_nonnull (fx_find (findings, "quality.grade", "sub"));
  g_assert_nonnull (fx_find (findings, "quality.grade", "three"));
}

/* Two lots alike but for the owner (权属): every profile separates owners. */
static void
test_segregation_owner_only (void)
{
  const char *profiles[] = { "dongguan-2025", "zhongshan-2026", "nanchang-gxq-2022" };

  for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
    {
      g_autoptr(GrStore) store = two_lot_world ("autonomous");
      g_autoptr(GPtrArray) findings = NULL;
      GrFinding *f;

      fx_sql (store, "UPDATE lots SET owner = 'provincial' WHERE id = 'b'");
      findings = fx_check (store, profiles[i], "2026-02-01");
      f = fx_only (findings, "storage.segregation");
      g_assert_cmpstr (f->subject_type, ==, "bin");
      g_assert_cmpstr (f->subject_id, ==, "b1");
      fx_assert_has (f->message, "municipal");
      fx_assert_has (f->message, "provincial");
      fx_assert_has (f->message, "P01");
    }
}

/* 东莞 第二十五条 不同的年份: a violation there; Nanchang separates owners only. */
static void
test_segregation_harvest_year (void)
{
  g_autoptr(GrStore) store = two_lot_world ("static");
  g_autoptr(GPtrArray) dongguan = NULL;
  g_autoptr(GPtrArray) nanchang = NULL;
  GrFinding *f;

  fx_sql (store, "UPDATE lots SET harvest_year = 2024 WHERE id = 'b'");
  dongguan = fx_check (store, "dongguan-2025", "2026-02-01");
  f = fx_only (dongguan, "storage.segregation");
  fx_assert_has (f->message, "2024");
  fx_assert_has (f->message, "2025");
  g_assert_cmpstr (f->article, ==, "第二十五条");
  nanchang = fx_check (store, "nanchang-gxq-2022", "2026-02-01");
  g_assert_cmpuint (fx_count (nanchang, "storage.segregation"), ==, 0);
}

/* 东莞 第二十五条: finished grain separates owner and rotation mode only,
 * so two production dates may share a bin; raw and finished may not. */
static void
test_segregation_finished_and_classes (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GPtrArray) fine = NULL;
  g_autoptr(GPtrArray) mixed = NULL;
  GrFinding *f;

  fx_plan (store, "p1", "e1", "rice", 2000, "dynamic", "2024-01-01", NULL);
  fx_plan (store, "p2", "e1", "paddy_late_indica", 10000, "dynamic", "2024-01-01", NULL);
  fx_stocked_lot (store, "r1", "b1", "p1", "2025-11-01", 500);
  fx_stocked_lot (store, "r2", "b1", "p1", "2025-12-01", 500);
  fx_sql (store, "UPDATE lots SET produced_on = '2025-10-20' WHERE id = 'r1'");
  fx_sql (store, "UPDATE lots SET produced_on = '2025-11-25' WHERE id = 'r2'");
  fine = fx_check (store, "dongguan-2025", "2026-02-01");
  g_assert_cmpuint (fx_count (fine, "storage.segregation"), ==, 0);
  fx_stocked_lot (store, "paddy", "b1", "p2", "2026-01-10", 500);
  mixed = fx_check (store, "dongguan-2025", "2026-02-01");
  f = fx_only (mixed, "storage.segregation");
  fx_assert_has (f->message, "3");
}

/* Empty lots do not count; Zhongshan ignores oil (第二条), Dongguan does not. */
static void
test_segregation_empty_and_oil (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GPtrArray) zhongshan = NULL;
  g_autoptr(GPtrArray) dongguan = NULL;

  fx_plan (store, "p1", "e1", "rice", 2000, "autonomous", "2024-01-01", NULL);
  fx_plan (store, "p2", "e1", "oil_blend", 500, "autonomous", "2024-01-01", NULL);
  fx_stocked_lot (store, "rice", "b1", "p1", "2025-11-01", 500);
  fx_stocked_lot (store, "gone", "b1", "p1", "2025-11-01", 500);
  fx_sql (store, "UPDATE lots SET owner = 'other' WHERE id = 'gone'");
  fx_move (store, "gone", "2025-12-01", "rotate_out", 500);
  fx_stocked_lot (store, "oil", "b1", "p2", "2025-11-01", 100);
  zhongshan = fx_check (store, "zhongshan-2026", "2026-02-01");
  g_assert_cmpuint (fx_count (zhongshan, "storage.segregation"), ==, 0);
  dongguan = fx_check (store, "dongguan-2025", "2026-02-01");
  g_assert_cmpuint (fx_count (dongguan, "storage.segregation"), ==, 1);
}

/* The lot's rotation mode defaults to its plan's (DESIGN.md §3); a lot set
 * to another mode in the same bin breaks 东莞 第二十五条 不同的轮换方式. */
static void
test_segregation_rotation_mode (void)
{
  g_autoptr(GrStore) store = two_lot_world ("static");
  g_autoptr(GPtrArray) same = NULL;
  g_autoptr(GPtrArray) differs = NULL;

  fx_sql (store, "UPDATE lots SET rotation_mode = 'static' WHERE id = 'a'");
  same = fx_check (store, "dongguan-2025", "2026-02-01");
  g_assert_cmpuint (fx_count (same, "storage.segregation"), ==, 0);
  fx_sql (store, "UPDATE lots SET rotation_mode = 'autonomous' WHERE id = 'b'");
  differs = fx_check (store, "dongguan-2025", "2026-02-01");
  g_assert_cmpuint (fx_count (differs, "storage.segregation"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rules/quality.storage/dongguan-16/all-profiles", test_storage_quality);
  g_test_add_func ("/rules/quality.grade/dongguan-18/autonomous", test_grade_dongguan_autonomous);
  g_test_add_func ("/rules/quality.grade/nanchang-35/medium", test_grade_nanchang_medium);
  g_test_add_func ("/rules/quality.grade/zhongshan-17/substandard-untested", test_grade_substandard_and_untested);
  g_test_add_func ("/rules/storage.segregation/owner-only", test_segregation_owner_only);
  g_test_add_func ("/rules/storage.segregation/dongguan-25/harvest-year", test_segregation_harvest_year);
  g_test_add_func ("/rules/storage.segregation/dongguan-25/finished-and-classes", test_segregation_finished_and_classes);
  g_test_add_func ("/rules/storage.segregation/empty-and-oil", test_segregation_empty_and_oil);
  g_test_add_func ("/rules/storage.segregation/dongguan-25/rotation-mode", test_segregation_rotation_mode);

  return g_test_run ();
}
