/* gr-demo-city-records.c: what the city's history leaves on paper
 *
 * Quality tests of every lot, inspections of every depot with grain
 * readings of the bins that hold grain that day, 等级粮库 assessments, the
 * reserve company's annual rotation plans and every enterprise's monthly
 * reports, all derived from the lots and movements of gr-demo-city.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-demo-city.h"
#include "gr-variety.h"

#define CITY_LAB "清远市粮食质量监测站"
#define BUREAU   "清远市发展和改革局"

static Lot *
lot_at (City *c,
        int   index)
{
  return &g_array_index (c->lots, Lot, index);
}

static Bin *
bin_at (City *c,
        int   index)
{
  return &g_array_index (c->bins, Bin, index);
}

static guint32
weekday_on_or_before (guint32 julian)
{
  while (!demo_is_weekday (julian))
    julian--;
  return julian;
}

/* Lot indexes in the order of their ids. */
static GArray *
lots_by_number (City *c)
{
  GArray *order = g_array_new (FALSE, FALSE, sizeof (int));

  g_array_set_size (order, c->lots->len);
  for (guint i = 0; i < c->lots->len; i++)
    g_array_index (order, int, lot_at (c, i)->number - 1) = (int) i;
  return order;
}

static void
append_string_array (GString            *out,
                     const char * const  *items,
                     int                  n)
{
  g_string_append_c (out, '[');
  for (int i = 0; i < n; i++)
    g_string_append_printf (out, "%s\"%s\"", i ? ", " : "", items[i]);
  g_string_append_c (out, ']');
}

/* ------------------------------------------------------- quality tests */

static int
compare_dates (gconstpointer a,
               gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

void
city_write_quality_tests (City *c)
{
  g_autoptr(GArray) order = lots_by_number (c);
  int samples[300] = { 0 };
  int number = 0;

  for (guint i = 0; i < order->len; i++)
    {
      Lot *lot = lot_at (c, g_array_index (order, int, i));
      const char *variety = city_plans[lot->plan].variety;
      GrGrainClass klass = gr_variety_class (variety);
      g_autoptr(GArray) dates = g_array_new (FALSE, FALSE, sizeof (guint32));
      guint32 end = lot->last_out != 0 ? lot->last_out - 1 : c->today;
      guint32 date;
      char lot_id[16];

      city_lot_id (c, g_array_index (order, int, i), lot_id);

      /* Intake acceptance by the city station (东莞 第十四条), then the
       * enterprise's own checks: spring and autumn for grain and oil,
       * every quarter for finished grain. */
      date = lot->entered_on + demo_rand_int (c->rand, 2, 7);
      if (date <= end)
        g_array_append_val (dates, date);
      for (int mi = lot->entry_month + 1; mi <= demo_julian_month (end); mi++)
        {
          int m = demo_month_month (mi);
          gboolean due = klass == GR_CLASS_FINISHED ? (m % 3 == 1) : (m == 4 || m == 10);

          date = demo_month_day (mi, demo_rand_int (c->rand, 10, 25));
          if (due && date >= lot->entered_on + 25 && date <= end)
            g_array_append_val (dates, date);
        }
      /* The 轻度不宜存 lot was tested again lately, which is how it was found. */
      if (lot->storage == DEMO_STORAGE_SLIGHT)
        {
          date = c->today - demo_rand_int (c->rand, 10, 25);
          if (date >= lot->entered_on + 60)
            g_array_append_val (dates, date);
        }
      g_array_sort (dates, compare_dates);

      for (guint k = 0; k < dates->len; k++)
        {
          guint32 d = g_array_index (dates, guint32, k);
          int year = demo_julian_year (d);
          int months = demo_julian_month (d) - lot->entry_month;
          /* The last two tests of the unsuitable lot show its decline. */
          DemoStorageState state = lot->storage == DEMO_STORAGE_SLIGHT && k + 2 >= dates->len && k > 0
                                   ? DEMO_STORAGE_SLIGHT : DEMO_STORAGE_GOOD;
          const char *standard;
          g_autofree char *indicators = demo_quality_indicators (c->rand, variety, lot->grade, lot->substandard,
                                                                 months, state, year, &standard);
          const char *lab = k == 0 || demo_month_month (demo_julian_month (d)) == 4
                            ? CITY_LAB : city_enterprises[city_plans[lot->plan].enterprise].lab;
          char id[16], iso[11], sample[24];

          g_snprintf (id, sizeof id, "qt-%06d", ++number);
          demo_julian_iso (d, iso);
          g_snprintf (sample, sizeof sample, "QY%04d-%05d", year, ++samples[CLAMP (year - 1900, 0, 299)]);
          gr_demo_write_quality_test (c->ctx->writer, id, lot_id, iso, lab, standard, indicators, sample);
        }
    }
}

/* --------------------------------------------------------- inspections */

typedef struct {
  const char *item;
  const char *text;
  const char *severity;
  int         due_days;
  gboolean    about_bin;   /* the text follows a bin code */
  gboolean    routine;     /* can come up in a routine inspection */
} FindingKind;

/* Items of the inspectors' checklist (data/standards/inspection-checklist.json). */
static const FindingKind finding_kinds[] = {
  { "grain_monitoring", "仓局部粮温偏高，需加强通风降温并加密检测", "minor", 15, TRUE, TRUE },
  { "info_card_current", "仓信息卡数量未随出入库及时更新", "minor", 7, TRUE, TRUE },
  { "fire_safety", "库区部分灭火器超过检验期限，需更换", "major", 15, FALSE, TRUE },
  { "bin_condition", "仓门窗密封条老化，气密性下降，需维修", "minor", 30, TRUE, TRUE },
  { "books_match_stock", "仓保管账与统计账出入库登记日期不一致，需核对更正", "major", 15, TRUE, FALSE },
  { "work_safety", "出入仓作业外包人员安全交底记录不全", "major", 10, FALSE, TRUE },
  { "quality_archive", "部分批次出库检验报告未归入质量安全档案", "minor", 30, FALSE, FALSE },
};

static const char * const routine_items[] = {
  "grain_monitoring", "bin_condition", "fire_safety", "theft_safety", "work_safety", "info_card_current", NULL
};
static const char * const full_items[] = {
  "grain_monitoring", "bin_condition", "fire_safety", "theft_safety", "work_safety", "info_card_present",
  "info_card_current", "books_match_stock", "dedicated_bin", "dedicated_keeper", "dedicated_ledger",
  "quality_archive", NULL
};

/* Monthly mean air temperature of Qingyuan, °C. */
static const double air_temperature[12] = {
  13.0, 14.8, 18.0, 22.3, 25.9, 27.6, 28.8, 28.6, 27.0, 23.8, 19.3, 14.6
};

static double
round1 (double value)
{
  return round (value * 10) / 10;
}

static void
fill_reading (City          *c,
              int            bin,
              guint32        date,
              gboolean       full,
              GrDemoReading *r)
{
  Bin *b = bin_at (c, bin);
  double air = air_temperature[demo_month_month (demo_julian_month (date)) - 1];
  const char *variety = city_plans[lot_at (c, g_array_index (b->lots, int, 0))->plan].variety;
  double avg;

  r->temp_max = r->temp_avg = r->temp_min = NAN;
  r->moisture_pct = r->pests_per_kg = r->main_pests_per_kg = r->airtightness_s = NAN;
  r->pest_class = NULL;
  r->note = NULL;

  if (strcmp (b->type, "tank") == 0)
    {
      avg = 0.8 * air + 3 + demo_rand_double (c->rand, -1, 1);
      r->temp_avg = round1 (avg);
      r->temp_max = round1 (avg + demo_rand_double (c->rand, 0.5, 2));
      r->temp_min = round1 (avg - demo_rand_double (c->rand, 0.5, 2));
      r->note = "油温";
      return;
    }

  /* Grain follows the air slowly; cooled bins hold their regime
   * (准低温 ≤ 20 °C average, 25 °C at most; 低温 ≤ 15 °C, 20 °C at most). */
  avg = 0.75 * air + 4 + demo_rand_double (c->rand, -1, 1);
  if (strcmp (b->tech, "low_temp") == 0)
    avg = MIN (avg, 13.8 + demo_rand_double (c->rand, -1.5, 1.0));
  else if (strcmp (b->tech, "normal") != 0)
    avg = MIN (avg, 18.5 + demo_rand_double (c->rand, -1.5, 1.0));
  r->temp_avg = round1 (avg);
  r->temp_max = round1 (avg + demo_rand_double (c->rand, 1.5, 4.0));
  r->temp_min = round1 (avg - demo_rand_double (c->rand, 1.5, 4.5));
  r->moisture_pct = round1 (demo_safe_moisture (variety) - demo_rand_double (c->rand, 0.4, 1.3));

  /* 虫粮等级 (DOMAIN.md §3.3): mostly 基本无虫粮, now and then 一般虫粮. */
  if (gr_variety_class (variety) != GR_CLASS_RAW || demo_rand_int (c->rand, 0, 99) < 93)
    {
      int total = demo_rand_int (c->rand, 0, gr_variety_class (variety) == GR_CLASS_RAW ? 4 : 2);

      r->pests_per_kg = total;
      r->main_pests_per_kg = demo_rand_int (c->rand, 0, MIN (2, total));
      r->pest_class = "basically_free";
    }
  else
    {
      r->pests_per_kg = demo_rand_int (c->rand, 6, 15);
      r->main_pests_per_kg = demo_rand_int (c->rand, 3, 6);
      r->pest_class = "general";
      r->note = "局部发现少量害虫，已加强检测";
    }
  if (full && strcmp (b->type, "warehouse") == 0)
    r->airtightness_s = demo_rand_int (c->rand, 150, 380);
}

typedef struct {
  int number;
  int closures;
} InspectionCounters;

static void
write_inspection (City               *c,
                  InspectionCounters *n,
                  int                 depot,
                  guint32             date,
                  const char         *kind)
{
  GrDemoWriter *w = c->ctx->writer;
  gboolean routine = strcmp (kind, "routine") == 0;
  gboolean count = strcmp (kind, "periodic") == 0 || strcmp (kind, "random") == 0;
  g_autoptr(GArray) occupied = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GString) inspectors = g_string_new (NULL);
  g_autoptr(GString) signers = g_string_new (NULL);
  g_autoptr(GString) checklist = g_string_new ("{");
  const char * const *items = routine ? routine_items : full_items;
  const char *people[4];
  int n_people = 0;
  const FindingKind *finding = NULL;
  int finding_bin = -1;
  char id[16], depot_id[16], iso[11];

  for (guint b = 0; b < c->bins->len; b++)
    if (bin_at (c, b)->depot == depot && city_bin_balance (c, (int) b, date) > 0)
      g_array_append_val (occupied, b);

  if (routine)
    {
      /* The depot's own keepers check their bins (日常检查). */
      people[n_people++] = c->keepers[depot][0];
      if (c->n_keepers[depot] > 1)
        people[n_people++] = c->keepers[depot][1];
    }
  else
    {
      people[n_people++] = c->officials[demo_rand_int (c->rand, 0, 1)];
      people[n_people++] = c->officials[demo_rand_int (c->rand, 2, 3)];
      if (strcmp (kind, "joint") == 0)
        {
          /* With the finance bureau and the Agricultural Development Bank. */
          people[n_people++] = c->officials[4];
          people[n_people++] = c->officials[5];
        }
    }
  append_string_array (inspectors, people, n_people);
  if (!routine)
    people[n_people++] = c->keepers[depot][0];
  append_string_array (signers, people, n_people);

  /* A few findings, more of them lately so some are still being put right. */
  if (demo_rand_int (c->rand, 0, 99) < (date + 60 > c->today ? 25 : routine ? 3 : 12))
    {
      g_autoptr(GArray) grain_bins = g_array_new (FALSE, FALSE, sizeof (int));

      for (guint i = 0; i < occupied->len; i++)
        if (strcmp (bin_at (c, g_array_index (occupied, int, i))->type, "tank") != 0)
          g_array_append_val (grain_bins, g_array_index (occupied, int, i));
      finding = &finding_kinds[demo_rand_int (c->rand, 0, G_N_ELEMENTS (finding_kinds) - 1)];
      if ((routine && !finding->routine) || (finding->about_bin && grain_bins->len == 0))
        finding = NULL;
      else if (finding->about_bin)
        finding_bin = g_array_index (grain_bins, int, demo_rand_int (c->rand, 0, grain_bins->len - 1));
    }
  for (int i = 0; items[i] != NULL; i++)
    g_string_append_printf (checklist, "%s\"%s\": \"%s\"", i ? ", " : "", items[i],
                            finding != NULL && strcmp (finding->item, items[i]) == 0 ? "fail" : "pass");
  g_string_append_c (checklist, '}');

  g_snprintf (id, sizeof id, "insp-%06d", ++n->number);
  g_snprintf (depot_id, sizeof depot_id, "dep-%02d", depot + 1);
  demo_julian_iso (date, iso);
  gr_demo_write_inspection (w, id, depot_id, iso, kind, inspectors->str, checklist->str, signers->str, iso);

  for (guint i = 0; i < occupied->len; i++)
    {
      int bin = g_array_index (occupied, int, i);
      GrDemoReading reading;
      char bin_id[16];
      /* A few depots have left their last bin out lately, so the
       * Inspections page has bins not covered this quarter. The values are
       * drawn all the same: the rest of the city stays as it was. */
      gboolean missed = depot % 5 == 2 && i + 1 == occupied->len && date + 100 > c->today;

      city_bin_id (c, bin, bin_id);
      reading.bin = bin_id;
      fill_reading (c, bin, date, !routine, &reading);
      if (!missed)
        gr_demo_write_reading (w, id, (int) i + 1, &reading);
      if (count)
        {
          /* Measured stock within ±0.3 % of the book (账实相符). */
          gint64 book = city_bin_balance (c, bin, date);
          gint64 measured = (gint64) llround (book * demo_rand_double (c->rand, 0.997, 1.003) / 10) * 10;

          if (!missed)
            gr_demo_write_quantity_check (w, id, (int) i + 1, bin_id, measured, book);
        }
    }

  if (finding != NULL)
    {
      g_autofree char *text = NULL;
      guint32 due = date + finding->due_days;
      guint32 closed = date + demo_rand_int (c->rand, 2, finding->due_days);
      char due_iso[11];

      if (finding_bin >= 0)
        text = g_strdup_printf ("%s%s", bin_at (c, finding_bin)->code, finding->text);
      else
        text = g_strdup (finding->text);
      demo_julian_iso (due, due_iso);
      gr_demo_write_finding (w, id, 1, "F1", text, finding->severity, due_iso);
      /* Closed within its due date (整改销号), except the last few weeks'
       * findings, still being put right. */
      if (closed + 20 <= c->today)
        {
          char closure_id[16], closed_iso[11];

          g_snprintf (closure_id, sizeof closure_id, "fc-%05d", ++n->closures);
          demo_julian_iso (closed, closed_iso);
          gr_demo_write_closure (w, closure_id, id, "F1", closed_iso, c->keepers[depot][0], "已整改完毕，经复查合格");
        }
    }
}

void
city_write_inspections (City *c)
{
  InspectionCounters n = { 0 };

  for (int d = 0; d < CITY_N_DEPOTS; d++)
    {
      int random_month = 0;

      for (int mi = c->start_mi; mi <= c->today_mi; mi++)
        {
          int month = demo_month_month (mi);
          guint32 date;

          if (month == 1)
            random_month = demo_rand_int (c->rand, 5, 11);

          date = weekday_on_or_before (demo_month_day (mi, demo_rand_int (c->rand, 6, 24)));
          if (date <= c->today)
            write_inspection (c, &n, d, date, "routine");
          /* The spring stock check (春季库存检查) counts every bin. */
          if (month == 4)
            {
              date = weekday_on_or_before (demo_month_day (mi, demo_rand_int (c->rand, 8, 28)));
              if (date <= c->today)
                write_inspection (c, &n, d, date, "periodic");
            }
          if (month == random_month)
            {
              date = weekday_on_or_before (demo_month_day (mi, demo_rand_int (c->rand, 8, 28)));
              if (date <= c->today)
                write_inspection (c, &n, d, date, "random");
            }
          /* Every other autumn the bureau, finance and the bank jointly
           * check the municipal company's depots. */
          if (month == 9 && demo_month_year (mi) % 2 == 1 && city_depots[d].enterprise == 0)
            {
              date = weekday_on_or_before (demo_month_day (mi, demo_rand_int (c->rand, 8, 28)));
              if (date <= c->today)
                write_inspection (c, &n, d, date, "joint");
            }
        }
      gr_demo_report_progress (c->ctx, 0.62 + 0.18 * (d + 1) / CITY_N_DEPOTS, _("Writing inspections"));
    }
}

/* --------------------------------------------------------- assessments */

typedef struct {
  const char *item;
  double      points;
  const char *deduction;
} ScoreItem;

/* An illustrative 评定模板 of 100 points: Guangdong's real template is
 * not public (DOMAIN.md §4.1), so the items are the usual categories. */
static const ScoreItem score_items[] = {
  { "仓储设施", 20, "部分仓房气密性未达标" },
  { "储粮技术", 20, "部分仓房未实现准低温储粮" },
  { "质量管理", 15, "检化验设备配置不全" },
  { "制度与账务", 15, "一符三专四落实台账不够规范" },
  { "信息化", 10, "业务通尚未全面上线" },
  { "安全生产", 10, "应急演练记录不完整" },
  { "环境与文明", 10, "库区环境整治有待加强" },
};

static const char * const levels[] = { "none", "A", "AA", "AAA", "AAAA", "AAAAA" };

static double
half_points (double value)
{
  return round (value * 2) / 2;
}

static void
write_assessment (City       *c,
                  int         depot,
                  int         seq,
                  int         declared,
                  int         year,
                  const char *state,
                  double      total)
{
  gboolean province_flow = declared >= 3;
  gboolean decided = strcmp (state, "province") != 0;
  gboolean has_province = province_flow && decided;
  g_autoptr(GString) scores = g_string_new ("{");
  g_autoptr(GString) deductions = g_string_new ("{");
  double shortfall[G_N_ELEMENTS (score_items)];
  int worst = -1, second = -1;
  char id[24], depot_id[16], decided_on[11];
  g_autofree char *template_json = g_strdup_printf ("{\"id\": \"gd-grain-depot-grading\", \"version\": \"%d\"}", year);

  for (guint i = 0; i < G_N_ELEMENTS (score_items); i++)
    {
      double max = score_items[i].points;
      double city = MIN (half_points (max * total / 100 + demo_rand_double (c->rand, -0.7, 0.7)), max);
      double self = MIN (half_points (city + demo_rand_double (c->rand, 0, 1.2)), max);
      double province = MAX (half_points (city - demo_rand_double (c->rand, 0, 1.0)), 0);
      double last = has_province ? province : city;

      g_string_append_printf (scores, "%s\"%s\": {\"self\": ", i ? ", " : "", score_items[i].item);
      demo_append_number (scores, self, 1);
      g_string_append (scores, ", \"city\": ");
      demo_append_number (scores, city, 1);
      if (has_province)
        {
          g_string_append (scores, ", \"province\": ");
          demo_append_number (scores, province, 1);
        }
      g_string_append_c (scores, '}');

      shortfall[i] = (max - last) / max;
      if (worst < 0 || shortfall[i] > shortfall[worst])
        {
          second = worst;
          worst = (int) i;
        }
      else if (second < 0 || shortfall[i] > shortfall[second])
        second = (int) i;
    }
  g_string_append_c (scores, '}');
  g_string_append_printf (deductions, "\"%s\": \"%s\", \"%s\": \"%s\"}",
                          score_items[worst].item, score_items[worst].deduction,
                          score_items[second].item, score_items[second].deduction);

  g_snprintf (id, sizeof id, "asm-%02d-%d", depot + 1, seq);
  g_snprintf (depot_id, sizeof depot_id, "dep-%02d", depot + 1);
  demo_julian_iso (demo_julian (year, demo_rand_int (c->rand, 9, 12), demo_rand_int (c->rand, 3, 26)), decided_on);
  gr_demo_write_assessment (c->ctx->writer, id, depot_id, levels[declared], template_json, scores->str,
                            deductions->str, state,
                            strcmp (state, "awarded") == 0 ? levels[declared] : NULL,
                            decided ? decided_on : NULL);
}

/* Points of the final stage that earn each level (illustrative). */
static double
total_for (City *c,
           int   level)
{
  static const double totals[] = { 65, 75, 81, 86, 91, 96 };

  return totals[level] + demo_rand_double (c->rand, 0, 3);
}

void
city_write_assessments (City *c)
{
  int year = demo_month_year (c->today_mi);

  for (int d = 0; d < CITY_N_DEPOTS; d++)
    {
      int level = (int) strlen (city_depots[d].grade);
      int seq = 0;

      if (strcmp (city_depots[d].grade, "none") == 0)
        {
          /* Declared A two years ago and refused. */
          write_assessment (c, d, ++seq, 1, year - 2, "refused", total_for (c, 0));
          continue;
        }
      if (d == 0)
        {
          /* The one AAA depot of 2020 (表2 row 13: 4.8 % of 21), AAAA since. */
          write_assessment (c, d, ++seq, 3, year - 7, "awarded", total_for (c, 3));
          write_assessment (c, d, ++seq, 4, year - 2, "awarded", total_for (c, 4));
          continue;
        }
      switch (level)
        {
        case 1:
          write_assessment (c, d, ++seq, 1, year - 5, "awarded", total_for (c, 1));
          break;
        case 2:
          write_assessment (c, d, ++seq, 1, year - 8, "awarded", total_for (c, 1));
          write_assessment (c, d, ++seq, 2, year - 4, "awarded", total_for (c, 2));
          break;
        case 3:
          write_assessment (c, d, ++seq, 2, year - demo_rand_int (c->rand, 6, 7), "awarded", total_for (c, 2));
          write_assessment (c, d, ++seq, 3, year - demo_rand_int (c->rand, 1, 5), "awarded", total_for (c, 3));
          break;
        default:
          write_assessment (c, d, ++seq, 2, year - 8, "awarded", total_for (c, 2));
          write_assessment (c, d, ++seq, 3, year - 5, "awarded", total_for (c, 3));
          write_assessment (c, d, ++seq, 4, year - demo_rand_int (c->rand, 1, 2), "awarded", total_for (c, 4));
          break;
        }
      /* 寨岗 has declared AAA this year and awaits the province's review. */
      if (d == 7 && c->today >= demo_julian (year, 4, 1))
        write_assessment (c, d, ++seq, 3, year, "province", total_for (c, 3));
    }
}

/* ------------------------------------------------------ rotation plans */

typedef struct {
  int         out_month, in_month;
  int         lot;
  gint64      kg;
  const char *reason;
  gboolean    extension;
} Item;

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const Item *x = a, *y = b;

  if (x->out_month != y->out_month)
    return x->out_month - y->out_month;
  return x->lot - y->lot;
}

void
city_write_rotation_plans (City *c)
{
  int this_year = demo_month_year (c->today_mi);
  int today_month = demo_month_month (c->today_mi);
  int today_day = demo_julian_day (c->today);

  for (int year = c->start_year + 1; year <= this_year + 1; year++)
    {
      g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (Item));
      const char *state = "approved";
      guint32 submitted = 0, approved = 0;
      char id[24], submitted_iso[11], approved_iso[11];

      /* Proposed each December for the next year (东莞 第十二条) and
       * approved by the bureau in January. */
      if (year <= this_year)
        {
          submitted = weekday_on_or_before (demo_julian (year - 1, 12, demo_rand_int (c->rand, 5, 20)));
          approved = weekday_on_or_before (demo_julian (year, 1, demo_rand_int (c->rand, 8, 20)));
          if (approved > c->today)
            {
              state = "submitted";
              approved = 0;
            }
        }
      else if (today_month == 12 && today_day >= 10)
        {
          state = "submitted";
          submitted = weekday_on_or_before (demo_julian (this_year, 12, demo_rand_int (c->rand, 5, MIN (today_day, 20))));
        }
      else if (today_month >= 11)
        state = "draft";
      else
        continue;

      for (guint s = 0; s < c->slots->len; s++)
        {
          Slot *slot = &g_array_index (c->slots, Slot, s);
          const CityPlan *plan = &city_plans[slot->plan];

          if (slot->enterprise != 0)
            continue;
          for (guint k = 0; k < slot->transitions->len; k++)
            {
              Transition *t = &g_array_index (slot->transitions, Transition, k);
              Item item = { 0 };

              if (t->out_lot < 0 || demo_month_year (t->out_month) != year ||
                  (t->kind != TR_ROTATE && t->kind != TR_OUT_ONLY))
                continue;
              item.out_month = t->out_month;
              item.in_month = t->kind == TR_OUT_ONLY ? t->out_month + 3 : t->in_month;
              item.lot = t->out_lot;
              item.kg = lot_at (c, t->out_lot)->in_kg;
              item.extension = t->extension;
              if (t->extension)
                item.reason = "新粮上市推迟，经市发展改革部门批准延长轮换架空期2个月";
              else if (t->in_first)
                item.reason = "动态轮换（先入后出）";
              else if (gr_variety_class (plan->variety) == GR_CLASS_RAW)
                item.reason = "储存年限到期，按计划轮换";
              else
                item.reason = "成品粮油定期轮换";
              g_array_append_val (items, item);
            }
        }
      g_array_sort (items, compare_items);

      g_snprintf (id, sizeof id, "rot-01-%d", year);
      if (submitted != 0)
        demo_julian_iso (submitted, submitted_iso);
      if (approved != 0)
        demo_julian_iso (approved, approved_iso);
      gr_demo_write_rotation_plan (c->ctx->writer, id, "ent-01", year, state,
                                   submitted ? submitted_iso : NULL,
                                   approved ? BUREAU : NULL,
                                   approved ? approved_iso : NULL);
      for (guint i = 0; i < items->len; i++)
        {
          Item *item = &g_array_index (items, Item, i);
          char lot_id[16], out_iso[8], in_iso[8];

          city_lot_id (c, item->lot, lot_id);
          demo_month_iso (item->out_month, out_iso);
          demo_month_iso (item->in_month, in_iso);
          gr_demo_write_rotation_item (c->ctx->writer, id, (int) i + 1, lot_id, item->kg, out_iso, in_iso,
                                       item->reason, item->extension);
        }
    }
}

/* ----------------------------------------------------- monthly reports */

#define N_VARIETIES 13

static int
variety_index (const char *variety)
{
  const char * const *codes = gr_variety_codes ();

  for (int i = 0; codes[i] != NULL; i++)
    if (strcmp (codes[i], variety) == 0)
      return i;
  g_return_val_if_reached (0);
}

/* What each enterprise planned to rotate out in each year and variety:
 * the rotation plan for the reserve company, the agents' own plans for
 * the others (自主轮换). */
static gint64 *
planned_table (City *c,
               int   years)
{
  gint64 *planned = g_new0 (gint64, CITY_N_ENTERPRISES * years * N_VARIETIES);

  for (guint s = 0; s < c->slots->len; s++)
    {
      Slot *slot = &g_array_index (c->slots, Slot, s);
      int v = variety_index (city_plans[slot->plan].variety);

      for (guint k = 0; k < slot->transitions->len; k++)
        {
          Transition *t = &g_array_index (slot->transitions, Transition, k);
          int y = demo_month_year (t->out_month) - c->start_year;

          if (t->out_lot < 0 || y < 0 || y >= years || (t->kind != TR_ROTATE && t->kind != TR_OUT_ONLY))
            continue;
          planned[(slot->enterprise * years + y) * N_VARIETIES + v] += lot_at (c, t->out_lot)->in_kg;
        }
    }
  return planned;
}

void
city_write_reports (City *c)
{
  GrDemoWriter *w = c->ctx->writer;
  int years = demo_month_year (c->today_mi) - c->start_year + 2;
  g_autofree gint64 *planned = planned_table (c, years);
  g_autofree int *order = g_new (int, c->moves->len);
  const char * const *codes = gr_variety_codes ();

  g_assert (g_strv_length ((char **) codes) == N_VARIETIES);
  for (guint i = 0; i < c->moves->len; i++)
    order[g_array_index (c->moves, Move, i).number - 1] = (int) i;

  for (int e = 0; e < CITY_N_ENTERPRISES; e++)
    {
      gint64 balance[CITY_N_DEPOTS][N_VARIETIES] = { { 0 } };
      gint64 out_ytd[N_VARIETIES] = { 0 }, in_ytd[N_VARIETIES] = { 0 };
      guint next = 0;
      gboolean started = FALSE;

      for (int mi = c->start_mi; demo_month_last (mi) < c->today; mi++)
        {
          gint64 in[CITY_N_DEPOTS][N_VARIETIES] = { { 0 } }, out[CITY_N_DEPOTS][N_VARIETIES] = { { 0 } };
          gint64 out_month[N_VARIETIES] = { 0 }, in_month[N_VARIETIES] = { 0 };
          guint32 last = demo_month_last (mi);
          int year_index = demo_month_year (mi) - c->start_year;
          int late_days;
          guint32 filed;
          char id[32], ent[16], month[8], filed_iso[11];
          int seq;

          if (demo_month_month (mi) == 1)
            {
              memset (out_ytd, 0, sizeof out_ytd);
              memset (in_ytd, 0, sizeof in_ytd);
            }
          for (; next < c->moves->len; next++)
            {
              const Move *m = &g_array_index (c->moves, Move, order[next]);
              const Lot *lot;
              int d, v;

              if (m->date > last)
                break;
              lot = lot_at (c, m->lot);
              if (city_plans[lot->plan].enterprise != e)
                continue;
              started = TRUE;
              d = bin_at (c, lot->bin)->depot;
              v = variety_index (city_plans[lot->plan].variety);
              if (m->kind <= K_SURPLUS)
                in[d][v] += m->kg;
              else
                out[d][v] += m->kg;
              if (m->kind == K_ROTATE_OUT)
                out_month[v] += m->kg;
              else if (m->kind == K_ROTATE_IN)
                in_month[v] += m->kg;
            }
          for (int v = 0; v < N_VARIETIES; v++)
            {
              out_ytd[v] += out_month[v];
              in_ytd[v] += in_month[v];
            }
          if (!started)
            continue;

          /* Filed within the first three working days (the 5 of 中山
           * 第十五条 with a margin for make-up working days), except the
           * reserve company's report three months back, filed three weeks
           * late, and the one seven months back, never filed. */
          late_days = demo_rand_int (c->rand, 1, 3);
          if (e == 0 && mi == c->today_mi - 3)
            late_days = 15;
          filed = demo_add_weekdays (last, late_days);
          if ((e == 0 && mi == c->today_mi - 7) || filed > c->today)
            {
              for (int d = 0; d < CITY_N_DEPOTS; d++)
                for (int v = 0; v < N_VARIETIES; v++)
                  balance[d][v] += in[d][v] - out[d][v];
              continue;
            }

          demo_month_iso (mi, month);
          g_snprintf (id, sizeof id, "mr-%02d-%s", e + 1, month);
          g_snprintf (ent, sizeof ent, "ent-%02d", e + 1);
          demo_julian_iso (filed, filed_iso);
          gr_demo_write_report (w, id, ent, month, filed_iso);

          seq = 0;
          for (int d = 0; d < CITY_N_DEPOTS; d++)
            {
              if (city_depots[d].enterprise != e)
                continue;
              for (int v = 0; v < N_VARIETIES; v++)
                {
                  gint64 opening = balance[d][v];
                  gint64 closing = opening + in[d][v] - out[d][v];
                  char depot_id[16];

                  balance[d][v] = closing;
                  if (opening == 0 && closing == 0 && in[d][v] == 0 && out[d][v] == 0)
                    continue;
                  g_snprintf (depot_id, sizeof depot_id, "dep-%02d", d + 1);
                  gr_demo_write_report_row (w, id, ++seq, depot_id, codes[v], opening, in[d][v], out[d][v], closing);
                }
            }

          seq = 0;
          for (int v = 0; v < N_VARIETIES; v++)
            {
              gint64 plan = year_index < years ? planned[(e * years + year_index) * N_VARIETIES + v] : 0;

              if (plan == 0 && out_ytd[v] == 0 && in_ytd[v] == 0)
                continue;
              gr_demo_write_report_rotation (w, id, ++seq, codes[v], plan, out_month[v], in_month[v],
                                             out_ytd[v], in_ytd[v]);
            }
        }
    }
}
