/* test-demo.c: the generated demo datasets
 *
 * The city figures come from 《清远市粮食安全和应急物资保障“十四五”规划》
 * 表2 (rows 5, 6, 13–15) and the deliberate findings are judged by the
 * formulas of DESIGN.md §4 under the Dongguan rules (东府规〔2025〕5号),
 * computed here from the raw tables, independently of the generator.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "gr-demo.h"
#include "gr-error.h"
#include "gr-export.h"
#include "gr-format.h"
#include "gr-import.h"
#include "gr-ledger.h"
#include "gr-schema.h"
#include "gr-store.h"
#include "gr-variety.h"

#define TODAY "2026-11-25"

/* ------------------------------------------------------------ helpers */

static char *
temp_db (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("granary-demo-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, "demo.db", NULL);
}

static GrStore *
open_store (void)
{
  g_autofree char *path = temp_db ();
  g_autoptr(GError) error = NULL;
  GrStore *store = gr_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static GrStore *
make_city (guint seed)
{
  GrStore *store = open_store ();
  g_autoptr(GError) error = NULL;

  g_assert_true (gr_demo_generate (store, GR_DEMO_CITY, seed, 1.0, TODAY, NULL, NULL, &error));
  g_assert_no_error (error);
  return store;
}

/* One city for the read-only tests, built once. */
static GrStore *
city (void)
{
  static GrStore *store;

  if (store == NULL)
    store = make_city (1);
  return store;
}

static gint64
query_int (GrStore    *store,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static sqlite3_stmt *
prepare (GrStore    *store,
         const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = gr_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  return stmt;
}

static int
month_index (const char *iso)
{
  char month[8];
  int y, m;

  g_snprintf (month, sizeof month, "%.7s", iso);
  g_assert_true (gr_month_parse (month, &y, &m));
  return y * 12 + m - 1;
}

static guint32
julian (const char *iso)
{
  GDate date;

  g_assert_true (gr_date_parse (iso, &date));
  return g_date_get_julian (&date);
}

/* The last day of month index mi, as YYYY-MM-DD. */
static void
month_end (int   mi,
           char *buf)
{
  int year = mi / 12, month = mi % 12 + 1;

  g_snprintf (buf, 11, "%04d-%02d-%02d", year, month, g_date_get_days_in_month (month, year));
}

/* DESIGN.md §4 age.limit: (as-of year − entry year) × 12 + (as-of month −
 * entry month) + 1, the entry month counting as the first. */
static int
age_months (const char *entered_on,
            const char *as_of)
{
  return month_index (as_of) - month_index (entered_on) + 1;
}

/* Age limits of dongguan-2025 (第十六条, the provincial limits): paddy and
 * corn 3 years, wheat 5, soybean 2, finished grain 1; oil none. */
static int
age_limit (const char *variety)
{
  if (g_str_has_prefix (variety, "paddy_") || strcmp (variety, "corn") == 0)
    return 36;
  if (strcmp (variety, "wheat") == 0)
    return 60;
  if (strcmp (variety, "soybean") == 0)
    return 24;
  if (gr_variety_class (variety) == GR_CLASS_FINISHED)
    return 12;
  return 0;
}

/* ------------------------------------------------------------- digest */

static char *
digest (GrStore *store)
{
  static const char * const tables[] = {
    "enterprises", "depots", "bins", "plans", "lots", "movements", "releases", "rotation_plans",
    "rotation_plan_items", "monthly_reports", "monthly_report_rows", "monthly_report_rotation",
    "quality_tests", "inspections", "inspection_readings", "inspection_quantity_checks",
    "inspection_findings", "finding_closures", "depot_assessments", "plan_month_stock", "meta",
  };
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY 1, 2", tables[t]);
      g_autoptr(sqlite3_stmt) stmt = prepare (store, sql);

      g_checksum_update (sum, (const guchar *) tables[t], -1);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int i = 0; i < sqlite3_column_count (stmt); i++)
          {
            const guchar *text = sqlite3_column_text (stmt, i);
            char type = (char) ('0' + sqlite3_column_type (stmt, i));

            g_checksum_update (sum, (const guchar *) &type, 1);
            if (text != NULL)
              g_checksum_update (sum, text, -1);
            g_checksum_update (sum, (const guchar *) "\x1f", 1);
          }
    }
  return g_strdup (g_checksum_get_string (sum));
}

static void
test_deterministic (void)
{
  g_autoptr(GrStore) a = make_city (7);
  g_autoptr(GrStore) b = make_city (7);
  g_autoptr(GrStore) c = make_city (8);
  g_autofree char *da = digest (a);
  g_autofree char *db = digest (b);
  g_autofree char *dc = digest (c);

  g_assert_cmpstr (da, ==, db);
  g_assert_cmpstr (da, !=, dc);
}

/* --------------------------------------------------------- city totals */

/* 表2 row 5: 政策性粮食储备规模 ≥ 22万吨; row 6: 成品粮储备规模 12,560 吨. */
static void
test_city_totals (void)
{
  GrStore *store = city ();
  gint64 total = query_int (store, "SELECT sum (quantity_kg) FROM plans");
  g_autofree char *profile = gr_store_get_meta (store, "profile");
  g_autofree char *demo = gr_store_get_meta (store, "demo");

  g_assert_cmpint (total, >=, (gint64) 215000 * 1000);
  g_assert_cmpint (total, <=, (gint64) 225000 * 1000);
  g_assert_cmpint (query_int (store, "SELECT sum (quantity_kg) FROM plans WHERE variety IN ('rice', 'flour')"),
                   ==, (gint64) 12560 * 1000);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM plans WHERE variety LIKE 'oil_%'"), >, 0);
  g_assert_cmpint (gr_store_count (store, "depots"), ==, 21);
  g_assert_cmpint (gr_store_count (store, "enterprises"), ==, 4);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM enterprises WHERE kind = 'reserve_company'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT variety) FROM plans"), ==, 13);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT variety) FROM lots"), ==, 13);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT rotation_mode) FROM plans"), ==, 3);
  /* Every county and district of Qingyuan has a depot. */
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT region) FROM depots WHERE region IN ('清城区', '清新区',"
                                     " '英德市', '连州市', '佛冈县', '阳山县', '连山壮族瑶族自治县', '连南瑶族自治县')"), ==, 8);
  /* 表2 row 13: AAA coverage below its 80 % target; row 15: informatisation below 100 %. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM depots WHERE grade IN ('AAA', 'AAAA', 'AAAAA')") * 100,
                   <, 80 * 21);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM depots WHERE grade IN ('AAA', 'AAAA', 'AAAAA')"), >=, 11);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM depots WHERE informatised = "
                                     "'{\"data\": true, \"video\": true, \"business\": true}'"), <, 21);
  /* Row 14: low-temperature capacity in the order of the plan's 12.6–15万吨. */
  g_assert_cmpint (query_int (store, "SELECT sum (capacity_kg) FROM bins WHERE storage_tech IN"
                                     " ('quasi_low_temp', 'low_temp', 'controlled_atmosphere')"), >, (gint64) 100000 * 1000);
  g_assert_cmpint (query_int (store, "SELECT sum (capacity_kg) FROM bins WHERE storage_tech IN"
                                     " ('quasi_low_temp', 'low_temp', 'controlled_atmosphere')"), <, (gint64) 200000 * 1000);
  g_assert_cmpstr (profile, ==, "dongguan-2025");
  g_assert_cmpstr (demo, ==, "1");
  /* Ten years of history ending on today. */
  g_assert_cmpint (query_int (store, "SELECT max (date) = '" TODAY "' OR max (date) <= '" TODAY "' FROM movements"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT min (date) < '2016-12-31' FROM movements"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT max (date) > '2026-09-30' FROM movements"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM movements WHERE date > '" TODAY "'"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT kind) FROM movements"), ==, 7);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT kind) FROM inspections"), ==, 4);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT substr (month, 1, 4)) FROM monthly_reports"), >=, 10);
}

/* ------------------------------------------------------------- ledger */

static void
test_ledger (void)
{
  GrStore *store = city ();
  g_autoptr(sqlite3_stmt) plans = prepare (store, "SELECT id FROM plans ORDER BY id");
  g_autoptr(sqlite3_stmt) direct = prepare (store,
    "SELECT coalesce (sum (m.delta_kg), 0) FROM movements m JOIN lots l ON l.id = m.lot WHERE l.plan = ?1 AND m.date <= ?2");
  int first = month_index ("2016-01-01"), last = month_index (TODAY);
  int checked = 0;

  /* No balance below zero at the end of any day (DESIGN.md §3). */
  g_assert_cmpint (query_int (store,
    "SELECT count(*) FROM (SELECT sum (delta_kg) OVER (PARTITION BY lot ORDER BY date, delta_kg < 0, id"
    " ROWS UNBOUNDED PRECEDING) AS running FROM movements) WHERE running < 0"), ==, 0);
  /* Maintained balances are the sums of the movements. */
  g_assert_cmpint (query_int (store,
    "SELECT count(*) FROM lots WHERE balance_kg != (SELECT coalesce (sum (delta_kg), 0) FROM movements WHERE lot = lots.id)"),
    ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM lots WHERE balance_kg < 0"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM lots WHERE balance_kg > 0"), >, 50);

  /* Month-end snapshots agree with a direct sum for every plan and month. */
  while (sqlite3_step (plans) == SQLITE_ROW)
    {
      const char *plan = (const char *) sqlite3_column_text (plans, 0);

      for (int mi = first; mi <= last; mi++)
        {
          char end[11], month[8];

          month_end (mi, end);
          g_snprintf (month, sizeof month, "%.7s", end);
          sqlite3_bind_text (direct, 1, plan, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (direct, 2, end, -1, SQLITE_STATIC);
          g_assert_cmpint (sqlite3_step (direct), ==, SQLITE_ROW);
          g_assert_cmpint (gr_ledger_plan_month_stock (store, plan, month), ==, sqlite3_column_int64 (direct, 0));
          sqlite3_reset (direct);
          checked++;
        }
    }
  g_assert_cmpint (checked, ==, 20 * (last - first + 1));
}

/* ---------------------------------------------------------- validity */

static gboolean
json_kind_ok (const char *text,
              GrJsonKind  kind)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  switch (kind)
    {
    case GR_JSON_OBJECT:
      return JSON_NODE_HOLDS_OBJECT (root);
    case GR_JSON_STRING_ARRAY:
      {
        JsonArray *array;

        if (!JSON_NODE_HOLDS_ARRAY (root))
          return FALSE;
        array = json_node_get_array (root);
        for (guint i = 0; i < json_array_get_length (array); i++)
          if (json_node_get_value_type (json_array_get_element (array, i)) != G_TYPE_STRING)
            return FALSE;
        return TRUE;
      }
    case GR_JSON_FLAGS:
      {
        g_autoptr(GList) members = NULL;

        if (!JSON_NODE_HOLDS_OBJECT (root))
          return FALSE;
        members = json_object_get_members (json_node_get_object (root));
        for (GList *l = members; l; l = l->next)
          if (json_node_get_value_type (json_object_get_member (json_node_get_object (root), l->data)) != G_TYPE_BOOLEAN)
            return FALSE;
        return TRUE;
      }
    case GR_JSON_ANY:
    default:
      return TRUE;
    }
}

static const char *
table_of (const char *entity)
{
  return gr_schema_lookup (entity)->table;
}

/* The import rules of DESIGN.md §7, checked field by field from the
 * schema: required fields present, enumerations, real dates and months,
 * numbers in range, quantities positive, JSON of the declared shape,
 * references that exist, grades in range for the variety's class. */
static void
check_entity (GrStore        *store,
              const GrEntity *entity)
{
  for (guint f = 0; f < entity->n_fields; f++)
    {
      const GrField *field = &entity->fields[f];
      g_autofree char *column = NULL;
      g_autofree char *sql = NULL;
      g_autoptr(sqlite3_stmt) stmt = NULL;
      const char *variety_column = NULL;

      if (field->type == GR_FIELD_CHILDREN)
        {
          check_entity (store, field->child);
          continue;
        }
      column = gr_field_column (field);
      if (field->type == GR_FIELD_REF)
        {
          /* Lots may replace lots, movements correct movements: the
           * target table is the referenced entity's. */
          g_autofree char *missing = g_strdup_printf (
            "SELECT count(*) FROM \"%s\" WHERE \"%s\" IS NOT NULL AND \"%s\" NOT IN (SELECT id FROM \"%s\")",
            entity->table, column, column, table_of (field->ref_entity));

          if (query_int (store, missing) != 0)
            g_error ("%s.%s refers to a missing %s", entity->table, column, field->ref_entity);
        }
      if (field->type == GR_FIELD_GRADE)
        variety_column = "variety";
      sql = g_strdup_printf ("SELECT \"%s\", %s FROM \"%s\"", column, variety_column ? variety_column : "NULL",
                             entity->table);
      stmt = prepare (store, sql);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          int type = sqlite3_column_type (stmt, 0);
          const char *text = (const char *) sqlite3_column_text (stmt, 0);
          gboolean ok = TRUE;

          if (type == SQLITE_NULL)
            {
              if (field->required)
                g_error ("%s.%s is required but missing", entity->table, column);
              continue;
            }
          switch (field->type)
            {
            case GR_FIELD_TEXT:
              ok = type == SQLITE_TEXT && *text != '\0';
              break;
            case GR_FIELD_ENUM:
              ok = field->enum_values ? g_strv_contains (field->enum_values, text) : gr_variety_is_valid (text);
              break;
            case GR_FIELD_DATE:
              ok = gr_date_parse (text, NULL);
              break;
            case GR_FIELD_MONTH:
              ok = gr_month_parse (text, NULL, NULL);
              break;
            case GR_FIELD_INT:
              ok = type == SQLITE_INTEGER && sqlite3_column_int64 (stmt, 0) >= field->min &&
                   sqlite3_column_int64 (stmt, 0) <= field->max;
              break;
            case GR_FIELD_REAL:
              ok = (type == SQLITE_INTEGER || type == SQLITE_FLOAT) && isfinite (sqlite3_column_double (stmt, 0)) &&
                   sqlite3_column_double (stmt, 0) >= field->min && sqlite3_column_double (stmt, 0) <= field->max;
              break;
            case GR_FIELD_TONNES:
              ok = type == SQLITE_INTEGER && sqlite3_column_int64 (stmt, 0) >= (field->min > 0 ? 1 : 0) &&
                   sqlite3_column_int64 (stmt, 0) <= GR_MAX_KG;
              break;
            case GR_FIELD_BOOL:
              ok = type == SQLITE_INTEGER && (sqlite3_column_int (stmt, 0) == 0 || sqlite3_column_int (stmt, 0) == 1);
              break;
            case GR_FIELD_REF:
              ok = type == SQLITE_TEXT && strlen (text) <= 64;
              break;
            case GR_FIELD_JSON:
              ok = json_kind_ok (text, field->json_kind);
              break;
            case GR_FIELD_GRADE:
              ok = type == SQLITE_INTEGER && sqlite3_column_int (stmt, 0) >= 1 &&
                   sqlite3_column_int (stmt, 0) <= gr_variety_max_grade ((const char *) sqlite3_column_text (stmt, 1));
              break;
            case GR_FIELD_CHILDREN:
            default:
              g_assert_not_reached ();
            }
          if (!ok)
            g_error ("%s.%s: invalid value “%s”", entity->table, column, text);
        }
    }

  if (!entity->is_child)
    {
      g_autofree char *ids = g_strdup_printf ("SELECT count(*) FROM \"%s\" WHERE id = '' OR length (id) > 64",
                                              entity->table);

      g_assert_cmpint (query_int (store, ids), ==, 0);
    }
}

static const char * const indicator_keys[] = {
  "husked_rice_yield_pct", "head_rice_yield_pct", "test_weight_g_per_l", "unsound_kernel_pct",
  "mildew_kernel_pct", "whole_kernel_pct", "moisture_pct", "impurity_pct", "mineral_impurity_pct",
  "yellow_kernel_pct", "husked_outside_pct", "fatty_acid_value", "taste_score",
  "gluten_water_absorption_pct", "color_odor", NULL
};

static void
check_dataset (GrStore *store)
{
  guint n;
  const GrEntity * const *entities = gr_schema_entities (&n);
  g_autoptr(sqlite3_stmt) tests = prepare (store, "SELECT indicators FROM quality_tests");

  for (guint i = 0; i < n; i++)
    check_entity (store, entities[i]);

  /* A lot's variety is its plan's; a lot's harvest year or production
   * date matches its class. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM lots l JOIN plans p ON p.id = l.plan WHERE l.variety != p.variety"),
                   ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM lots WHERE (harvest_year IS NULL) = (produced_on IS NULL)"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM lots WHERE substandard = 1 AND grade IS NOT NULL"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM lots WHERE substandard = 0 AND grade IS NULL"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  /* Readings are of bins of the inspected depot. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM inspection_readings r JOIN inspections i ON i.id = r.parent"
                                     " JOIN bins b ON b.id = r.bin WHERE b.depot != i.depot"), ==, 0);
  /* Indicators use the keys of DESIGN.md §7 only. */
  while (sqlite3_step (tests) == SQLITE_ROW)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GList) members = NULL;

      g_assert_true (json_parser_load_from_data (parser, (const char *) sqlite3_column_text (tests, 0), -1, NULL));
      members = json_object_get_members (json_node_get_object (json_parser_get_root (parser)));
      g_assert_nonnull (members);
      for (GList *l = members; l; l = l->next)
        if (!g_strv_contains (indicator_keys, l->data))
          g_error ("unknown indicator %s", (const char *) l->data);
    }
}

static void
test_city_valid (void)
{
  check_dataset (city ());
}

/* -------------------------------------------------- deliberate findings */

/* age.limit (东莞 第十六条): one paddy lot past its three years, one lot
 * within six months of its limit, none else. */
static void
test_age (void)
{
  GrStore *store = city ();
  g_autoptr(sqlite3_stmt) stmt = prepare (store, "SELECT id, variety, entered_on FROM lots WHERE balance_kg > 0");
  int over = 0, near = 0;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *variety = (const char *) sqlite3_column_text (stmt, 1);
      int limit = age_limit (variety);
      int age = age_months ((const char *) sqlite3_column_text (stmt, 2), TODAY);

      if (limit == 0)
        continue;
      if (age > limit)
        {
          g_assert_true (g_str_has_prefix (variety, "paddy_"));
          g_assert_cmpint (age, >, 36);
          over++;
        }
      else if (age > limit - 6)
        near++;
    }
  g_assert_cmpint (over, ==, 1);
  g_assert_cmpint (near, ==, 1);
}

/* Shelf life: no lot held within 60 days of its expiry. */
static void
test_shelf_life (void)
{
  g_assert_cmpint (query_int (city (),
    "SELECT count(*) FROM lots WHERE balance_kg > 0 AND produced_on IS NOT NULL AND shelf_life_days IS NOT NULL"
    " AND julianday ('" TODAY "') >= julianday (produced_on) + shelf_life_days - 60"), ==, 0);
}

/* quality.storage (第十六条 宜存) and quality.grade (第十八条, autonomous
 * plans): one 轻度不宜存 lot, one 等外 lot, nothing else. */
static void
test_quality (void)
{
  GrStore *store = city ();

  g_assert_cmpint (query_int (store, "SELECT count(*) FROM lots WHERE balance_kg > 0 AND storage_quality != 'suitable'"),
                   ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM lots WHERE balance_kg > 0"
                                     " AND storage_quality = 'slightly_unsuitable'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM lots l JOIN plans p ON p.id = l.plan WHERE l.balance_kg > 0"
                                     " AND p.rotation_mode = 'autonomous' AND l.substandard = 1"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM lots l JOIN plans p ON p.id = l.plan WHERE l.balance_kg > 0"
                                     " AND (l.substandard = 1 OR l.grade > p.required_grade)"), ==, 1);
  /* The unsuitable lot's latest test shows a 脂肪酸值 above 宜存 for indica (30). */
  g_assert_cmpint (query_int (store,
    "SELECT json_extract (indicators, '$.fatty_acid_value') > 30 FROM quality_tests WHERE lot ="
    " (SELECT id FROM lots WHERE storage_quality = 'slightly_unsuitable' AND balance_kg > 0) ORDER BY date DESC LIMIT 1"),
    ==, 1);
  /* The substandard lot's 出糙率 is under grade 5's 71.0 (GB 1350-2009 indica). */
  g_assert_cmpint (query_int (store,
    "SELECT json_extract (indicators, '$.husked_rice_yield_pct') < 71 FROM quality_tests WHERE lot ="
    " (SELECT id FROM lots WHERE substandard = 1 AND balance_kg > 0) ORDER BY date DESC LIMIT 1"), ==, 1);
  /* Every lot held has been tested in the last twelve months. */
  g_assert_cmpint (query_int (store,
    "SELECT count(*) FROM lots WHERE balance_kg > 0 AND entered_on < date ('" TODAY "', '-1 month') AND NOT EXISTS"
    " (SELECT 1 FROM quality_tests t WHERE t.lot = lots.id AND t.date > date ('" TODAY "', '-12 months'))"), ==, 0);
}

/* storage.segregation (第二十五条): one bin holds two harvest years. */
static void
test_segregation (void)
{
  GrStore *store = city ();

  g_assert_cmpint (query_int (store,
    "SELECT count(*) FROM (SELECT bin FROM lots WHERE balance_kg > 0 GROUP BY bin HAVING count(*) > 1)"), ==, 1);
  g_assert_cmpint (query_int (store,
    "SELECT count(*) FROM (SELECT bin FROM lots WHERE balance_kg > 0 GROUP BY bin"
    " HAVING count(DISTINCT harvest_year) > 1 AND count(DISTINCT variety) = 1 AND count(DISTINCT rotation_mode) = 1)"), ==, 1);
}

/* The last day of the month months after the month of date. */
static guint32
deadline_after (const char *date,
                int         months)
{
  int mi = month_index (date) + months;
  char end[11];

  month_end (mi, end);
  return julian (end);
}

/* rotation.vacancy (第十七条): FIFO matching of rotate-outs and rotate-ins
 * per static plan; returns the number of vacancies past their deadline
 * and the lots they came from. */
static int
late_vacancies (GrStore    *store,
                GPtrArray  *lots)
{
  g_autoptr(sqlite3_stmt) plans = prepare (store, "SELECT id FROM plans WHERE rotation_mode = 'static' ORDER BY id");
  guint32 today = julian (TODAY);
  int late = 0;

  while (sqlite3_step (plans) == SQLITE_ROW)
    {
      g_autoptr(sqlite3_stmt) moves = prepare (store,
        "SELECT m.date, m.kind, m.quantity_kg, m.lot,"
        "  EXISTS (SELECT 1 FROM rotation_plan_items i JOIN rotation_plans r ON r.id = i.parent"
        "          WHERE r.state = 'approved' AND i.lot = m.lot AND i.out_month = substr (m.date, 1, 7)"
        "          AND i.vacancy_extension_approved = 1)"
        " FROM movements m JOIN lots l ON l.id = m.lot WHERE l.plan = ?1 AND m.kind IN ('rotate_out', 'rotate_in')"
        " ORDER BY m.date, m.kind = 'rotate_in', m.id");
      g_autoptr(GArray) open_kg = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) deadline = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_autoptr(GPtrArray) from = g_ptr_array_new_with_free_func (g_free);
      guint head = 0;

      sqlite3_bind_text (moves, 1, (const char *) sqlite3_column_text (plans, 0), -1, SQLITE_TRANSIENT);
      while (sqlite3_step (moves) == SQLITE_ROW)
        {
          const char *date = (const char *) sqlite3_column_text (moves, 0);
          gint64 kg = sqlite3_column_int64 (moves, 2);

          if (strcmp ((const char *) sqlite3_column_text (moves, 1), "rotate_out") == 0)
            {
              /* Counted from the month after; 4 months, +2 when approved. */
              guint32 due = deadline_after (date, sqlite3_column_int (moves, 4) ? 6 : 4);

              g_array_append_val (open_kg, kg);
              g_array_append_val (deadline, due);
              g_ptr_array_add (from, g_strdup ((const char *) sqlite3_column_text (moves, 3)));
            }
          else
            {
              for (; head < open_kg->len && kg > 0; )
                {
                  gint64 *left = &g_array_index (open_kg, gint64, head);
                  gint64 take = MIN (*left, kg);

                  *left -= take;
                  kg -= take;
                  if (*left == 0)
                    {
                      if (julian (date) > g_array_index (deadline, guint32, head))
                        {
                          late++;
                          g_ptr_array_add (lots, g_strdup (g_ptr_array_index (from, head)));
                        }
                      head++;
                    }
                }
            }
        }
      for (; head < open_kg->len; head++)
        if (today > g_array_index (deadline, guint32, head))
          {
            late++;
            g_ptr_array_add (lots, g_strdup (g_ptr_array_index (from, head)));
          }
    }
  return late;
}

static void
test_vacancy (void)
{
  GrStore *store = city ();
  g_autoptr(GPtrArray) lots = g_ptr_array_new_with_free_func (g_free);
  int late = late_vacancies (store, lots);
  g_autofree char *sql = NULL;

  /* One lot rotated out and never back in: each of its rotate-outs is a
   * vacancy past its deadline, all from the same lot. */
  g_assert_cmpint (late, >=, 1);
  g_assert_cmpint (late, <=, 3);
  for (guint i = 1; i < lots->len; i++)
    g_assert_cmpstr (g_ptr_array_index (lots, i), ==, g_ptr_array_index (lots, 0));
  sql = g_strdup_printf ("SELECT balance_kg FROM lots WHERE id = '%s'", (const char *) g_ptr_array_index (lots, 0));
  g_assert_cmpint (query_int (store, sql), ==, 0);
  /* An approved extension exists, and the vacancy it covered was closed in time. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM rotation_plan_items i JOIN rotation_plans r ON r.id = i.parent"
                                     " WHERE r.state = 'approved' AND i.vacancy_extension_approved = 1"), ==, 1);
}

typedef struct {
  char    *enterprise;
  char    *variety;
  guint32  date;
  guint32  due;
  guint32  done;     /* the day the replenishment completed it, 0: never */
  gint64   short_kg;
} Order;

static void
order_clear (gpointer data)
{
  Order *o = data;

  g_free (o->enterprise);
  g_free (o->variety);
}

/* DESIGN.md §4 release allocation: replenish movements of the order's
 * enterprise and variety, dated on or after the order, first in first out. */
static GArray *
orders (GrStore *store)
{
  GArray *list = g_array_new (FALSE, TRUE, sizeof (Order));
  g_autoptr(sqlite3_stmt) stmt = prepare (store, "SELECT enterprise, variety, date, quantity_kg FROM releases ORDER BY date, id");

  g_array_set_clear_func (list, order_clear);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Order o = { 0 };
      GDate date;

      o.enterprise = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      o.variety = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      o.date = julian ((const char *) sqlite3_column_text (stmt, 2));
      o.short_kg = sqlite3_column_int64 (stmt, 3);
      g_date_clear (&date, 1);
      g_date_set_julian (&date, o.date);
      g_date_add_months (&date, 12);
      o.due = g_date_get_julian (&date);
      g_array_append_val (list, o);
    }
  for (guint i = 0; i < list->len; i++)
    {
      Order *o = &g_array_index (list, Order, i);
      g_autoptr(sqlite3_stmt) rep = prepare (store,
        "SELECT m.date, m.quantity_kg FROM movements m JOIN lots l ON l.id = m.lot JOIN plans p ON p.id = l.plan"
        " WHERE m.kind = 'replenish' AND p.enterprise = ?1 AND p.variety = ?2 ORDER BY m.date, m.id");

      sqlite3_bind_text (rep, 1, o->enterprise, -1, SQLITE_STATIC);
      sqlite3_bind_text (rep, 2, o->variety, -1, SQLITE_STATIC);
      while (sqlite3_step (rep) == SQLITE_ROW && o->short_kg > 0)
        {
          guint32 d = julian ((const char *) sqlite3_column_text (rep, 0));

          if (d < o->date)
            continue;
          /* Earlier orders of the same enterprise and variety come first;
           * the city has one per pair, so each takes its own. */
          o->short_kg -= MIN (o->short_kg, sqlite3_column_int64 (rep, 1));
          if (o->short_kg == 0)
            o->done = d;
        }
    }
  return list;
}

/* release.replenish (第三十七条): one order replenished within 12
 * months, one still short after them. */
static void
test_release (void)
{
  g_autoptr(GArray) list = orders (city ());
  guint32 today = julian (TODAY);
  int overdue = 0, done = 0;

  g_assert_cmpuint (list->len, ==, 2);
  for (guint i = 0; i < list->len; i++)
    {
      Order *o = &g_array_index (list, Order, i);

      if (o->short_kg > 0 && today > o->due)
        overdue++;
      else if (o->done != 0 && o->done <= o->due)
        done++;
    }
  g_assert_cmpint (overdue, ==, 1);
  g_assert_cmpint (done, ==, 1);
  g_assert_cmpint (query_int (city (), "SELECT count(*) FROM releases r WHERE r.quantity_kg !="
                                       " (SELECT sum (m.quantity_kg) FROM movements m JOIN lots l ON l.id = m.lot JOIN plans p"
                                       "  ON p.id = l.plan WHERE m.kind = 'release' AND p.enterprise = r.enterprise"
                                       "  AND p.variety = r.variety AND m.date >= r.date AND m.date < date (r.date, '+1 month'))"),
                   ==, 0);
}

/* stock.min_ratio of dongguan-2025 (第十五条): each enterprise's stock at
 * every month end at least 70 % of its plans, unless an order of the
 * enterprise is open that day. Counts the month ends below, from from_mi. */
static int
month_ends_below (GrStore *store,
                  int      from_mi,
                  char   **first_below)
{
  g_autoptr(GArray) list = orders (store);
  g_autoptr(sqlite3_stmt) ents = prepare (store, "SELECT id FROM enterprises ORDER BY id");
  g_autoptr(sqlite3_stmt) plan = prepare (store,
    "SELECT coalesce (sum (quantity_kg), 0) FROM plans WHERE enterprise = ?1 AND valid_from <= ?2"
    " AND (valid_to IS NULL OR valid_to >= ?2) AND (fill_by IS NULL OR fill_by <= ?2)");
  g_autoptr(sqlite3_stmt) stock = prepare (store,
    "SELECT coalesce (sum (m.delta_kg), 0) FROM movements m JOIN lots l ON l.id = m.lot JOIN plans p ON p.id = l.plan"
    " WHERE p.enterprise = ?1 AND m.date <= ?2");
  int below = 0;

  while (sqlite3_step (ents) == SQLITE_ROW)
    {
      const char *ent = (const char *) sqlite3_column_text (ents, 0);

      for (int mi = from_mi; ; mi++)
        {
          char end[11];
          gint64 plan_kg, stock_kg;
          gboolean exempt = FALSE;

          month_end (mi, end);
          if (strcmp (end, TODAY) > 0)
            break;
          sqlite3_bind_text (plan, 1, ent, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (plan, 2, end, -1, SQLITE_TRANSIENT);
          g_assert_cmpint (sqlite3_step (plan), ==, SQLITE_ROW);
          plan_kg = sqlite3_column_int64 (plan, 0);
          sqlite3_reset (plan);
          if (plan_kg == 0)
            continue;
          sqlite3_bind_text (stock, 1, ent, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stock, 2, end, -1, SQLITE_TRANSIENT);
          g_assert_cmpint (sqlite3_step (stock), ==, SQLITE_ROW);
          stock_kg = sqlite3_column_int64 (stock, 0);
          sqlite3_reset (stock);

          for (guint i = 0; i < list->len; i++)
            {
              Order *o = &g_array_index (list, Order, i);
              guint32 d = julian (end);
              guint32 until = o->done != 0 ? MIN (o->due, o->done) : o->due;

              if (strcmp (o->enterprise, ent) == 0 && o->date <= d && d < until)
                exempt = TRUE;
            }
          if (!exempt && stock_kg * 100 < plan_kg * 70)
            {
              if (below++ == 0 && first_below != NULL)
                *first_below = g_strdup_printf ("%s %s", ent, end);
            }
        }
    }
  return below;
}

static void
test_min_ratio (void)
{
  GrStore *store = city ();
  g_autofree char *in_year = NULL;
  g_autofree char *ever = NULL;

  /* The window of DESIGN.md §4: from 1 January of the as-of year. */
  g_assert_cmpint (month_ends_below (store, month_index ("2026-01-01"), &in_year), ==, 1);
  /* Over the whole history since the plans' fill-by date, still only that one. */
  g_assert_cmpint (month_ends_below (store, month_index ("2017-03-31"), &ever), ==, 1);
  g_assert_cmpstr (in_year, ==, ever);
}

/* report.monthly (中山 第十五条, reserve companies): deadline the 5th
 * working day after the month end, counting Monday to Friday. */
static void
test_monthly_reports (void)
{
  GrStore *store = city ();
  guint32 today = julian (TODAY);
  int late = 0, missing = 0, on_time = 0;

  for (int mi = month_index ("2025-12-01"); ; mi++)
    {
      char end[11], sql[160];
      guint32 deadline;
      g_autoptr(sqlite3_stmt) stmt = NULL;
      int n = 0;

      month_end (mi, end);
      if (strcmp (end, TODAY) >= 0)
        break;
      deadline = julian (end);
      while (n < 5)
        {
          GDate date;

          deadline++;
          g_date_clear (&date, 1);
          g_date_set_julian (&date, deadline);
          if (g_date_get_weekday (&date) <= G_DATE_FRIDAY)
            n++;
        }
      if (deadline >= today)
        continue;
      g_snprintf (sql, sizeof sql, "SELECT filed_on FROM monthly_reports WHERE enterprise = 'ent-01' AND month = '%.7s'", end);
      stmt = prepare (store, sql);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        missing++;
      else if (julian ((const char *) sqlite3_column_text (stmt, 0)) > deadline)
        late++;
      else
        on_time++;
    }
  g_assert_cmpint (late, ==, 1);
  g_assert_cmpint (missing, ==, 1);
  g_assert_cmpint (on_time, >=, 8);
  /* The rows of a report add up: opening + in − out = closing. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM monthly_report_rows WHERE opening_kg + in_kg - out_kg != closing_kg"),
                   ==, 0);
  /* and agree with the ledger at the month end. */
  g_assert_cmpint (query_int (store,
    "SELECT count(*) FROM monthly_reports r WHERE (SELECT coalesce (sum (closing_kg), 0) FROM monthly_report_rows"
    " WHERE parent = r.id) != (SELECT coalesce (sum (m.delta_kg), 0) FROM movements m JOIN lots l ON l.id = m.lot"
    " JOIN plans p ON p.id = l.plan WHERE p.enterprise = r.enterprise AND m.date <= date (r.month || '-01', '+1 month', '-1 day'))"),
    ==, 0);
}

/* plan.annual (第十二条): the reserve company's rotation plan of each year
 * submitted in the December before and approved. */
static void
test_rotation_plans (void)
{
  GrStore *store = city ();

  for (int year = 2017; year <= 2026; year++)
    {
      g_autofree char *sql = g_strdup_printf (
        "SELECT count(*) FROM rotation_plans WHERE enterprise = 'ent-01' AND year = %d AND state = 'approved'"
        " AND submitted_on BETWEEN '%d-12-01' AND '%d-12-31'", year, year - 1, year - 1);

      g_assert_cmpint (query_int (store, sql), ==, 1);
    }
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM rotation_plan_items i JOIN rotation_plans r ON r.id = i.parent"
                                     " WHERE r.year = 2026"), >, 5);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM rotation_plans WHERE year = 2027 AND state = 'draft'"), ==, 1);
  /* Rotated-in lots name the lot they replace, of an earlier or the same harvest. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM lots n JOIN lots o ON o.id = n.replaces"
                                     " WHERE n.harvest_year < o.harvest_year OR n.entered_on < o.entered_on"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM lots WHERE replaces IS NOT NULL"), >, 300);
}

/* -------------------------------------------------------- refusals */

static void
test_refuse_non_empty (void)
{
  g_autoptr(GrStore) store = open_store ();
  g_autoptr(GError) error = NULL;

  g_assert_true (gr_store_exec (store, "INSERT INTO enterprises (id, name, kind) VALUES ('e1', '某储备公司', 'agent')", NULL));
  g_assert_false (gr_demo_generate (store, GR_DEMO_CITY, 1, 1.0, TODAY, NULL, NULL, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_CONFLICT);
  g_assert_cmpint (gr_store_count (store, "enterprises"), ==, 1);
  g_assert_cmpint (gr_store_count (store, "depots"), ==, 0);
  g_assert_null (gr_store_get_meta (store, "demo"));
}

static void
test_refuse_twice (void)
{
  g_autoptr(GrStore) store = make_city (3);
  g_autoptr(GError) error = NULL;
  gint64 movements = gr_store_count (store, "movements");

  g_assert_false (gr_demo_generate (store, GR_DEMO_CITY, 4, 1.0, TODAY, NULL, NULL, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_CONFLICT);
  g_assert_cmpint (gr_store_count (store, "movements"), ==, movements);
}

static void
test_bad_arguments (void)
{
  g_autoptr(GrStore) store = open_store ();
  g_autoptr(GError) error = NULL;

  g_assert_false (gr_demo_generate (store, GR_DEMO_CITY, 1, 1.0, "2026-02-30", NULL, NULL, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gr_demo_generate (store, GR_DEMO_CITY, 1, 2.0, TODAY, NULL, NULL, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gr_demo_generate (store, GR_DEMO_PROVINCE, 1, 0.0, TODAY, NULL, NULL, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
  g_clear_error (&error);
  /* a history too short for a chain of lots, too long, or for the city */
  g_assert_false (gr_demo_generate_history (store, GR_DEMO_PROVINCE, 1, 0.01, 2, TODAY, NULL, NULL, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gr_demo_generate_history (store, GR_DEMO_PROVINCE, 1, 0.01, 41, TODAY, NULL, NULL, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gr_demo_generate_history (store, GR_DEMO_CITY, 1, 1.0, 20, TODAY, NULL, NULL, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID);
  g_assert_true (gr_store_is_empty (store));
}

typedef struct {
  int    calls;
  double last;
  gboolean notes;
} Progress;

static void
on_progress (double      fraction,
             const char *note,
             gpointer    user_data)
{
  Progress *p = user_data;

  g_assert_cmpfloat (fraction, >=, p->last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  p->last = fraction;
  p->calls++;
  p->notes = p->notes && note != NULL && *note != '\0';
}

static void
test_progress (void)
{
  g_autoptr(GrStore) store = open_store ();
  Progress p = { 0, 0.0, TRUE };

  g_assert_true (gr_demo_generate (store, GR_DEMO_CITY, 5, 1.0, "2025-03-10", on_progress, &p, NULL));
  g_assert_cmpint (p.calls, >=, 10);
  g_assert_cmpint (p.calls, <=, 100);
  g_assert_cmpfloat (p.last, ==, 1.0);
  g_assert_true (p.notes);
}

/* Another day and seed: the deliberate findings still hold. */
static void
test_other_day (void)
{
  g_autoptr(GrStore) store = open_store ();
  g_autoptr(GError) error = NULL;

  g_assert_true (gr_demo_generate (store, GR_DEMO_CITY, 99, 1.0, "2025-03-10", NULL, NULL, &error));
  g_assert_no_error (error);
  check_dataset (store);
  g_assert_cmpint (query_int (store, "SELECT max (date) <= '2025-03-10' FROM movements"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM lots WHERE balance_kg > 0 AND substandard = 1"), ==, 1);
  g_assert_cmpint (query_int (store,
    "SELECT count(*) FROM (SELECT bin FROM lots WHERE balance_kg > 0 GROUP BY bin HAVING count(DISTINCT harvest_year) > 1)"), ==, 1);
}

/* ------------------------------------------------------ import, export */

static char *
export_text (GrStore  *store,
             gboolean  ndjson)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (gr_export_to_stream (store, out, ndjson, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

/* Every demo record passes the importer's checks (DESIGN.md §7): the
 * export of a demo imports whole into an empty database and exports
 * again to the same text, with the same balances. */
static void
round_trip (GrStore  *source,
            gboolean  ndjson)
{
  g_autoptr(GrStore) copy = open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *first = export_text (source, ndjson);
  g_autofree char *second = NULL;
  GrImportStats stats = { 0 };
  guint n;
  const GrEntity * const *entities = gr_schema_entities (&n);

  g_assert_true (gr_import_data (copy, first, -1, GR_IMPORT_NONE, &stats, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.inserted, >, 10000);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (gr_store_count (copy, entities[i]->table), ==, gr_store_count (source, entities[i]->table));
  g_assert_cmpint (query_int (copy, "SELECT sum (balance_kg) FROM lots"), ==, query_int (source, "SELECT sum (balance_kg) FROM lots"));
  g_assert_cmpint (query_int (copy, "SELECT count(*) FROM plan_month_stock"), ==,
                   query_int (source, "SELECT count(*) FROM plan_month_stock"));
  second = export_text (copy, ndjson);
  g_assert_cmpstr (first, ==, second);
}

static void
test_city_round_trip (void)
{
  round_trip (city (), FALSE);
}

static void
test_province_round_trip (void)
{
  g_autoptr(GrStore) store = open_store ();

  g_assert_true (gr_demo_generate (store, GR_DEMO_PROVINCE, 2, 0.005, TODAY, NULL, NULL, NULL));
  round_trip (store, TRUE);
}

/* ---------------------------------------------------------- province */

/* --factor scales every count of DESIGN.md §8 (1,000 depots, 20,000
 * bins, 60,000 lots, 2,000,000 movements, 500,000 readings). */
static void
test_province_small (void)
{
  g_autoptr(GrStore) store = open_store ();
  g_autoptr(GError) error = NULL;

  g_assert_true (gr_demo_generate (store, GR_DEMO_PROVINCE, 11, 0.01, TODAY, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gr_store_count (store, "depots"), ==, 10);
  g_assert_cmpint (gr_store_count (store, "bins"), ==, 200);
  g_assert_cmpint (gr_store_count (store, "lots"), ==, 600);
  g_assert_cmpint (gr_store_count (store, "movements"), ==, 20000);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM inspection_readings"), ==, 5000);
  /* Ten years of monthly reports for each enterprise. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM monthly_reports"), ==, 120 * gr_store_count (store, "enterprises"));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM lots WHERE balance_kg < 0"), ==, 0);
  g_assert_cmpint (query_int (store,
    "SELECT count(*) FROM (SELECT sum (delta_kg) OVER (PARTITION BY lot ORDER BY date, delta_kg < 0, id"
    " ROWS UNBOUNDED PRECEDING) AS running FROM movements) WHERE running < 0"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM movements WHERE date > '" TODAY "'"), ==, 0);
  check_dataset (store);
}

/* Twenty years of history instead of ten: the same province today (its
 * depots, bins and the lots held at the end, with about the same stock),
 * twice the lots rotated before, movements, readings, monthly reports and
 * annual rotation plans, going back twenty years. */
static void
test_province_history (void)
{
  g_autoptr(GrStore) ten = open_store ();
  g_autoptr(GrStore) twenty = open_store ();
  g_autoptr(GError) error = NULL;
  gint64 stock_ten, stock_twenty;

  g_assert_true (gr_demo_generate (ten, GR_DEMO_PROVINCE, 11, 0.01, TODAY, NULL, NULL, &error));
  g_assert_true (gr_demo_generate_history (twenty, GR_DEMO_PROVINCE, 11, 0.01, 20, TODAY, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gr_store_count (twenty, "depots"), ==, 10);
  g_assert_cmpint (gr_store_count (twenty, "bins"), ==, 200);
  g_assert_cmpint (gr_store_count (twenty, "lots"), ==, 1200);
  g_assert_cmpint (gr_store_count (twenty, "movements"), ==, 40000);
  g_assert_cmpint (query_int (twenty, "SELECT count(*) FROM inspection_readings"), ==, 10000);
  g_assert_cmpint (query_int (twenty, "SELECT count(*) FROM monthly_reports"), ==,
                   240 * gr_store_count (twenty, "enterprises"));
  g_assert_cmpint (query_int (twenty, "SELECT count(DISTINCT year) FROM rotation_plans"), ==, 20);
  /* One lot held at the end in every bin, as with ten years. */
  g_assert_cmpint (query_int (twenty, "SELECT count(*) FROM lots WHERE balance_kg > 0"), ==,
                   query_int (ten, "SELECT count(*) FROM lots WHERE balance_kg > 0"));
  g_assert_cmpint (query_int (twenty, "SELECT min(month) <= '2007-01' FROM monthly_reports"), ==, 1);
  stock_ten = query_int (ten, "SELECT sum(balance_kg) FROM lots");
  stock_twenty = query_int (twenty, "SELECT sum(balance_kg) FROM lots");
  g_assert_cmpint (ABS (stock_twenty - stock_ten), <, stock_ten / 10);
  g_assert_cmpint (query_int (twenty, "SELECT count(*) FROM lots WHERE balance_kg < 0"), ==, 0);
  check_dataset (twenty);
}

/* The demo writes with the rotation-queue triggers off (gr-demo.c): the
 * queues it leaves are those a rebuild computes, and the triggers are on
 * again afterwards. */
static void
test_province_rotation_queues (void)
{
  g_autoptr(GrStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  gint64 rows;

  g_assert_true (gr_demo_generate (store, GR_DEMO_PROVINCE, 11, 0.01, TODAY, NULL, NULL, &error));
  g_assert_no_error (error);
  rows = query_int (store, "SELECT count(*) FROM plan_rotation_state");
  g_assert_cmpint (rows, >, 0);
  g_assert_true (gr_store_exec (store, "CREATE TEMP TABLE written AS SELECT * FROM plan_rotation_state", &error));
  g_assert_true (gr_ledger_rebuild_all (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM plan_rotation_state"), ==, rows);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM (SELECT * FROM plan_rotation_state"
                                     " EXCEPT SELECT * FROM temp.written)"), ==, 0);

  /* A rotation dated before every 1 January drops the plan's queues. */
  g_assert_true (gr_store_exec (store,
    "INSERT INTO movements (id, lot, date, kind, quantity_kg)"
    " SELECT 'late-entry', l.id, '2000-01-01', 'rotate_out', 1000 FROM lots l"
    " WHERE l.plan = (SELECT plan FROM plan_rotation_state LIMIT 1) LIMIT 1", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM plan_rotation_state"), <, rows);
}

static void
test_province_deterministic (void)
{
  g_autoptr(GrStore) a = open_store ();
  g_autoptr(GrStore) b = open_store ();
  g_autofree char *da = NULL, *db = NULL;

  g_assert_true (gr_demo_generate (a, GR_DEMO_PROVINCE, 5, 0.005, TODAY, NULL, NULL, NULL));
  g_assert_true (gr_demo_generate (b, GR_DEMO_PROVINCE, 5, 0.005, TODAY, NULL, NULL, NULL));
  da = digest (a);
  db = digest (b);
  g_assert_cmpstr (da, ==, db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo/deterministic", test_deterministic);
  g_test_add_func ("/demo/city/totals", test_city_totals);
  g_test_add_func ("/demo/city/ledger", test_ledger);
  g_test_add_func ("/demo/city/valid", test_city_valid);
  g_test_add_func ("/demo/city/dongguan-16/age-limit", test_age);
  g_test_add_func ("/demo/city/shelf-life", test_shelf_life);
  g_test_add_func ("/demo/city/dongguan-16-18/quality", test_quality);
  g_test_add_func ("/demo/city/dongguan-25/segregation", test_segregation);
  g_test_add_func ("/demo/city/dongguan-17/vacancy", test_vacancy);
  g_test_add_func ("/demo/city/dongguan-37/release", test_release);
  g_test_add_func ("/demo/city/dongguan-15/min-ratio", test_min_ratio);
  g_test_add_func ("/demo/city/zhongshan-15/monthly-reports", test_monthly_reports);
  g_test_add_func ("/demo/city/dongguan-12/rotation-plans", test_rotation_plans);
  g_test_add_func ("/demo/city/other-day", test_other_day);
  g_test_add_func ("/demo/refuse/non-empty", test_refuse_non_empty);
  g_test_add_func ("/demo/refuse/twice", test_refuse_twice);
  g_test_add_func ("/demo/refuse/bad-arguments", test_bad_arguments);
  g_test_add_func ("/demo/progress", test_progress);
  g_test_add_func ("/demo/city/round-trip", test_city_round_trip);
  g_test_add_func ("/demo/province/small", test_province_small);
  g_test_add_func ("/demo/province/round-trip", test_province_round_trip);
  g_test_add_func ("/demo/province/deterministic", test_province_deterministic);
  g_test_add_func ("/demo/province/rotation-queues", test_province_rotation_queues);
  g_test_add_func ("/demo/province/history", test_province_history);

  return g_test_run ();
}
