/* gr-demo-province.c: the province-scale demo for benchmarks
 *
 * DESIGN.md §8 measures the client on 1,000 depots, 20,000 bins, 60,000
 * lots, 2,000,000 movements, ten years of monthly reports and 500,000
 * inspection readings; the factor scales every count; a longer history
 * (gr_demo_generate_history) scales the lots, movements, reports and
 * inspections by its years over ten, with the same depots and bins. Each count is hit
 * exactly: the totals are shared out (depots over enterprises, bins over
 * depots, lots over bins, movements over lots, readings over
 * inspections) by index, so nothing needs a second pass.
 *
 * The data are generated and written one enterprise at a time, holding
 * only that enterprise's bins and lots in memory; movements stream
 * straight from their lot into the store. Each bin holds a chain of lots
 * rotated in turn, the last one held on the final day. The ledger is
 * settled every few hundred thousand movements, so no sort ever spans
 * the whole movement table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-demo-private.h"
#include "gr-error.h"
#include "gr-ledger.h"
#include "gr-variety.h"

#define FULL_DEPOTS      1000
#define FULL_BINS        20000
#define FULL_LOTS        60000
#define FULL_MOVEMENTS   2000000
#define FULL_READINGS    500000
#define DEPOTS_PER_ENTERPRISE 20
#define PORTFOLIO        4
#define SETTLE_EVERY     400000
/* Months of movement aggregates kept before the first reported month. */
#define AGGREGATE_MARGIN 12

typedef struct {
  const char *variety;
  int         age_lo, age_hi;   /* days the lot held at the end has been in */
  int         dur_lo, dur_hi;   /* days each earlier lot stayed */
  int         price;            /* yuan per tonne */
  const char *standard_type;    /* bin type */
} ProvinceVariety;

/* Raw grain lots stay 26–33 months (wheat three to four and a half
 * years), finished grain five or six months, oil one and a half years:
 * leaving inside the limits of dongguan-2025, and the lot held at the
 * end younger than its warning horizon, so a check over the province
 * finds what a real one would, not a wall of violations. */
static const ProvinceVariety varieties[] = {
  { "paddy_early_indica", 60, 850, 800, 1000, 2700, "warehouse" },
  { "paddy_late_indica", 60, 850, 800, 1000, 2850, "warehouse" },
  { "paddy_japonica", 60, 850, 800, 1000, 3150, "warehouse" },
  { "wheat", 60, 1200, 1100, 1600, 2500, "silo" },
  { "corn", 60, 850, 800, 1000, 2400, "silo" },
  { "soybean", 60, 480, 500, 650, 4500, "warehouse" },
  { "rice", 45, 150, 150, 180, 4400, "warehouse" },
  { "flour", 45, 150, 150, 180, 3400, "warehouse" },
  { "oil_peanut", 45, 330, 450, 650, 15500, "tank" },
  { "oil_rapeseed", 45, 330, 450, 650, 9500, "tank" },
  { "oil_soybean", 45, 330, 450, 650, 7500, "tank" },
  { "oil_palm", 45, 330, 450, 650, 6500, "tank" },
  { "oil_blend", 45, 330, 450, 650, 9800, "tank" },
};

/* What an enterprise stores, by the share of its bins. */
static const char * const portfolios[][PORTFOLIO] = {
  { "paddy_late_indica", "paddy_early_indica", "wheat", "rice" },
  { "paddy_late_indica", "corn", "flour", "oil_peanut" },
  { "paddy_late_indica", "paddy_japonica", "soybean", "oil_blend" },
  { "paddy_early_indica", "wheat", "rice", "oil_rapeseed" },
  { "paddy_late_indica", "corn", "oil_soybean", "oil_palm" },
};
static const int portfolio_weights[PORTFOLIO] = { 50, 25, 15, 10 };

static const char * const depot_grades[] = { "none", "A", "AA", "AAA", "AAAA", "AAAAA" };

typedef struct {
  int         depot;            /* within the enterprise */
  int         number;           /* within the depot */
  int         variety;          /* within the portfolio */
  const char *type;
  char        code[8];
  gint64      capacity_kg;
  gint64      target_kg;
  const char *tech;
  int         first_lot, n_lots;
  guint32     start;            /* the first lot's entry */
} Bin;

typedef struct {
  int      bin;
  guint32  entered;
  guint32  next;                /* the next lot's entry, 0: held at the end */
  int      moves;
  gint64   number;
} Lot;

typedef struct {
  guint32  date;
  gint64   lot;
  gint64   kg;
  int      out_month, in_month;
} Item;

typedef struct {
  GrDemoContext *ctx;
  GrDemoWriter  *w;
  GRand         *rand;
  guint32        today;
  int            today_mi;

  /* the counts to reach */
  gint64         n_depots, n_bins, n_lots, n_moves, n_readings, n_inspections;
  int            n_enterprises;
  int            lot_width, move_width;

  /* how far each count has got */
  gint64         depot, bin, lot, move, inspection, test;

  int            report_months; /* months of history reported: 12 a year */
  int            report_last;   /* the last month reported */
  int            agg_first;     /* month index of the aggregates' first slot */
  int            agg_months;
  char           officials[4][32];
} Province;

static gint64
share (gint64 total,
       gint64 parts,
       gint64 index)
{
  return total / parts + (index < total % parts ? 1 : 0);
}

static int
digits (gint64 value)
{
  int n = 1;

  while (value >= 10)
    {
      value /= 10;
      n++;
    }
  return n;
}

static const ProvinceVariety *
variety_info (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (varieties); i++)
    if (strcmp (varieties[i].variety, code) == 0)
      return &varieties[i];
  g_return_val_if_reached (&varieties[0]);
}

static guint32
weekday_on_or_before (guint32 julian)
{
  while (!demo_is_weekday (julian))
    julian--;
  return julian;
}

/* ------------------------------------------------------------ structure */

typedef struct {
  int                e;
  gboolean           reserve;
  const char * const *portfolio;
  const char        *city;
  char               credit[20];
  gint64             first_depot;
  int                n_depots;
  GArray            *bins;      /* of Bin */
  GArray            *lots;      /* of Lot */
  GArray            *items;     /* of Item: rotations out, for the annual plans */
  char              *keepers;   /* n_depots × 32 */
  int                depot_grade[DEPOTS_PER_ENTERPRISE];
  gint64            *agg_in, *agg_out;     /* [month][depot][variety] */
  gint64            *rot_in, *rot_out;     /* [month][variety] */
} Enterprise;

static gint64 *
agg (Enterprise *ent,
     gint64     *table,
     Province   *p,
     int         mi,
     int         depot,
     int         variety)
{
  int m = CLAMP (mi - p->agg_first, 0, p->agg_months - 1);

  return &table[(m * DEPOTS_PER_ENTERPRISE + depot) * PORTFOLIO + variety];
}

static void
build_enterprise (Province   *p,
                  Enterprise *ent)
{
  /* The whole chain of a bin ends inside the reported years. */
  guint32 earliest = demo_month_first (p->report_last - p->report_months + 1) + 10;

  ent->bins = g_array_new (FALSE, FALSE, sizeof (Bin));
  ent->lots = g_array_new (FALSE, FALSE, sizeof (Lot));
  ent->items = g_array_new (FALSE, FALSE, sizeof (Item));
  ent->keepers = g_malloc0 ((gsize) ent->n_depots * 32);

  for (int d = 0; d < ent->n_depots; d++)
    {
      gint64 global = ent->first_depot + d;
      gint64 n_bins = share (p->n_bins, p->n_depots, global);
      int r = demo_rand_int (p->rand, 0, 99);
      int counters[3] = { 0 };

      ent->depot_grade[d] = r < 8 ? 0 : r < 18 ? 1 : r < 38 ? 2 : r < 80 ? 3 : r < 98 ? 4 : 5;
      demo_person_name (p->rand, ent->keepers + d * 32, 32);

      for (gint64 b = 0; b < n_bins; b++, p->bin++)
        {
          Bin bin = { 0 };
          const ProvinceVariety *v;
          gint64 n_lots = share (p->n_lots, p->n_bins, p->bin);
          int w = demo_rand_int (p->rand, 0, 99), acc = 0;
          g_autofree guint32 *entries = g_new (guint32, n_lots);
          gint64 span;
          char prefix;
          int *counter;

          for (bin.variety = 0; bin.variety < PORTFOLIO - 1; bin.variety++)
            if (w < (acc += portfolio_weights[bin.variety]))
              break;
          v = variety_info (ent->portfolio[bin.variety]);
          bin.depot = d;
          bin.number = (int) b + 1;
          bin.type = v->standard_type;
          prefix = strcmp (bin.type, "silo") == 0 ? 'Q' : strcmp (bin.type, "tank") == 0 ? 'Y' : 'P';
          counter = &counters[prefix == 'P' ? 0 : prefix == 'Q' ? 1 : 2];
          g_snprintf (bin.code, sizeof bin.code, "%c%02d", prefix, ++*counter);
          /* Bays (廒间) of 500–2,000 t, tanks of 200–1,000 t: some
           * 25 million tonnes over the province's 20,000 bins. */
          bin.capacity_kg = strcmp (bin.type, "tank") == 0 ? demo_rand_int (p->rand, 4, 20) * 50000
                                                           : demo_rand_int (p->rand, 10, 40) * 50000;
          bin.target_kg = bin.capacity_kg / 1000 * demo_rand_int (p->rand, 850, 950);
          bin.tech = strcmp (bin.type, "tank") == 0 ? "normal"
                     : ent->depot_grade[d] >= 3 && demo_rand_int (p->rand, 0, 9) < 6 ? "quasi_low_temp"
                     : ent->depot_grade[d] >= 4 && demo_rand_int (p->rand, 0, 9) < 5 ? "low_temp" : "normal";

          /* Entries back from the lot held at the end; squeezed when a
           * long chain would start before the reported years. */
          entries[n_lots - 1] = p->today - demo_rand_int (p->rand, v->age_lo, v->age_hi);
          for (gint64 k = n_lots - 2; k >= 0; k--)
            entries[k] = entries[k + 1] - demo_rand_int (p->rand, v->dur_lo, v->dur_hi);
          span = entries[n_lots - 1] - entries[0];
          if (n_lots > 1 && entries[0] < earliest)
            {
              gint64 room = entries[n_lots - 1] - earliest;

              for (gint64 k = 0; k < n_lots - 1; k++)
                entries[k] = entries[n_lots - 1] - (guint32) ((entries[n_lots - 1] - entries[k]) * room / span);
            }
          bin.start = entries[0];
          bin.first_lot = (int) ent->lots->len;
          bin.n_lots = (int) n_lots;

          for (gint64 k = 0; k < n_lots; k++, p->lot++)
            {
              Lot lot = { 0 };

              lot.bin = (int) ent->bins->len;
              lot.entered = entries[k];
              lot.next = k + 1 < n_lots ? entries[k + 1] : 0;
              lot.moves = (int) share (p->n_moves, p->n_lots, p->lot);
              lot.number = p->lot + 1;
              g_array_append_val (ent->lots, lot);
            }
          g_array_append_val (ent->bins, bin);
        }
    }
}

static void
free_enterprise (Enterprise *ent)
{
  g_clear_pointer (&ent->bins, g_array_unref);
  g_clear_pointer (&ent->lots, g_array_unref);
  g_clear_pointer (&ent->items, g_array_unref);
  g_clear_pointer (&ent->keepers, g_free);
  g_clear_pointer (&ent->agg_in, g_free);
  g_clear_pointer (&ent->agg_out, g_free);
  g_clear_pointer (&ent->rot_in, g_free);
  g_clear_pointer (&ent->rot_out, g_free);
}

/* ------------------------------------------------------------- writing */

static void
lot_id (Province *p,
        gint64    number,
        char     *buf)
{
  g_snprintf (buf, 24, "lot-%0*" G_GINT64_FORMAT, p->lot_width, number);
}

static void
bin_id (Enterprise *ent,
        const Bin  *bin,
        char       *buf)
{
  g_snprintf (buf, 24, "bin-%04" G_GINT64_FORMAT "-%02d", ent->first_depot + bin->depot + 1, bin->number);
}

static void
write_structure (Province   *p,
                 Enterprise *ent)
{
  GrDemoWriter *w = p->w;
  char ent_id[16], id[24], ref[24];
  guint32 plan_from[PORTFOLIO], plan_fill[PORTFOLIO];
  gint64 plan_kg[PORTFOLIO] = { 0 };
  gint64 depot_capacity[DEPOTS_PER_ENTERPRISE] = { 0 };
  g_autofree char *name = NULL;

  g_snprintf (ent_id, sizeof ent_id, "ent-%04d", ent->e + 1);
  name = ent->reserve ? g_strdup_printf ("%s储备粮管理有限公司（%d）", ent->city, ent->e + 1)
                      : g_strdup_printf ("%s%s粮油储运有限公司（%d）", ent->city,
                                         demo_pick (p->rand, demo_province_towns), ent->e + 1);
  gr_demo_write_enterprise (w, ent_id, name, ent->reserve ? "reserve_company" : "agent", NULL);

  for (int v = 0; v < PORTFOLIO; v++)
    plan_from[v] = G_MAXUINT32, plan_fill[v] = 0;
  for (guint b = 0; b < ent->bins->len; b++)
    {
      Bin *bin = &g_array_index (ent->bins, Bin, b);

      plan_kg[bin->variety] += bin->target_kg;
      plan_from[bin->variety] = MIN (plan_from[bin->variety], bin->start);
      plan_fill[bin->variety] = MAX (plan_fill[bin->variety], bin->start);
      depot_capacity[bin->depot] += bin->capacity_kg;
    }

  for (int d = 0; d < ent->n_depots; d++)
    {
      gint64 global = ent->first_depot + d + 1;
      g_autofree char *depot_name = g_strdup_printf ("%s%s粮食储备库（%" G_GINT64_FORMAT "号库区）", ent->city,
                                                     demo_pick (p->rand, demo_province_towns), global);
      g_autofree char *address = g_strdup_printf ("广东省%s%s镇粮库路%d号", ent->city,
                                                 demo_pick (p->rand, demo_province_towns), demo_rand_int (p->rand, 1, 200));
      char code[32];
      gboolean all = demo_rand_int (p->rand, 0, 9) > 0;

      g_snprintf (id, sizeof id, "dep-%04" G_GINT64_FORMAT, global);
      g_snprintf (code, sizeof code, "%s%03d", ent->credit, d + 1);
      gr_demo_write_depot (w, id, ent_id, code, depot_name, ent->city, address, depot_capacity[d],
                           depot_grades[ent->depot_grade[d]],
                           all ? "{\"data\": true, \"video\": true, \"business\": true}"
                               : "{\"data\": true, \"video\": true, \"business\": false}");
      if (ent->depot_grade[d] > 0)
        {
          char assessment[32], decided[11];
          int year = demo_month_year (p->today_mi) - demo_rand_int (p->rand, 1, 6);

          g_snprintf (assessment, sizeof assessment, "asm-%04" G_GINT64_FORMAT "-1", global);
          demo_julian_iso (demo_julian (year, demo_rand_int (p->rand, 9, 12), demo_rand_int (p->rand, 1, 28)), decided);
          gr_demo_write_assessment (w, assessment, id, depot_grades[ent->depot_grade[d]],
                                    "{\"id\": \"gd-grain-depot-grading\", \"version\": \"2023\"}", NULL, NULL,
                                    "awarded", depot_grades[ent->depot_grade[d]], decided);
        }
    }

  for (guint b = 0; b < ent->bins->len; b++)
    {
      Bin *bin = &g_array_index (ent->bins, Bin, b);

      bin_id (ent, bin, id);
      g_snprintf (ref, sizeof ref, "dep-%04" G_GINT64_FORMAT, ent->first_depot + bin->depot + 1);
      gr_demo_write_bin (w, id, ref, bin->code, bin->type, bin->capacity_kg, bin->tech,
                         ent->keepers + bin->depot * 32);
    }

  for (int v = 0; v < PORTFOLIO; v++)
    {
      char from[11], to[11], fill[11];

      if (plan_kg[v] == 0)
        continue;
      g_snprintf (id, sizeof id, "plan-%04d-%d", ent->e + 1, v + 1);
      demo_julian_iso (demo_month_first (demo_julian_month (plan_from[v])), from);
      demo_julian_iso (demo_julian (demo_month_year (p->today_mi) + 2, 12, 31), to);
      /* Minimum-stock checks begin once every bin's first lot is in. */
      demo_julian_iso (MIN (plan_fill[v] + 60, p->today), fill);
      gr_demo_write_plan (w, id, ent_id, ent->portfolio[v], plan_kg[v],
                          gr_variety_class (ent->portfolio[v]) == GR_CLASS_RAW ? 3 : 2,
                          ent->reserve ? "static" : "autonomous", from, to, fill);
    }
}

static void
write_lots (Province   *p,
            Enterprise *ent)
{
  GrDemoWriter *w = p->w;
  int depots = DEPOTS_PER_ENTERPRISE;

  ent->agg_in = g_new0 (gint64, (gsize) p->agg_months * depots * PORTFOLIO);
  ent->agg_out = g_new0 (gint64, (gsize) p->agg_months * depots * PORTFOLIO);
  ent->rot_in = g_new0 (gint64, (gsize) p->agg_months * depots * PORTFOLIO);
  ent->rot_out = g_new0 (gint64, (gsize) p->agg_months * depots * PORTFOLIO);

  for (guint l = 0; l < ent->lots->len; l++)
    {
      Lot *lot = &g_array_index (ent->lots, Lot, l);
      Bin *bin = &g_array_index (ent->bins, Bin, lot->bin);
      const char *variety = ent->portfolio[bin->variety];
      const ProvinceVariety *v = variety_info (variety);
      GrGrainClass klass = gr_variety_class (variety);
      gboolean first = (int) l == bin->first_lot;
      gboolean held = lot->next == 0;
      int n_in = held ? lot->moves : MAX (1, (lot->moves - 1) / 2);
      int n_out = held ? 0 : MAX (1, lot->moves - 1 - n_in);
      gboolean loss = !held && n_in + n_out < lot->moves;
      gint64 loss_kg = loss ? bin->target_kg / 1000 : 0;
      gint64 parts[64];
      char id[24], bin_ref[24], plan_ref[24], replaces[24], entered[11], produced[11], date[11], mid[24];
      GrDemoLot record = { 0 };
      int grade_roll = demo_rand_int (p->rand, 0, 99);
      const char *standard;
      g_autofree char *indicators = NULL;
      double price = v->price * (1.0 + 0.025 * (demo_julian_year (lot->entered) - demo_month_year (p->today_mi) + 10));

      lot_id (p, lot->number, id);
      bin_id (ent, bin, bin_ref);
      g_snprintf (plan_ref, sizeof plan_ref, "plan-%04d-%d", ent->e + 1, bin->variety + 1);
      demo_julian_iso (lot->entered, entered);
      record.id = id;
      record.bin = bin_ref;
      record.plan = plan_ref;
      record.variety = variety;
      record.entered_on = entered;
      record.owner = "municipal";
      record.rotation_mode = ent->reserve ? "static" : "autonomous";
      record.storage_quality = "suitable";
      record.cost_yuan_per_t = round (price);
      if (klass == GR_CLASS_RAW)
        {
          int month = demo_month_month (demo_julian_month (lot->entered));

          record.grade = grade_roll < 20 ? 1 : grade_roll < 65 ? 2 : 3;
          record.harvest_year = demo_julian_year (lot->entered) - (month < 7 ? 1 : 0);
        }
      else
        {
          record.grade = grade_roll < 40 ? 1 : 2;
          demo_julian_iso (lot->entered - demo_rand_int (p->rand, 3, 20), produced);
          record.produced_on = produced;
          record.shelf_life_days = klass == GR_CLASS_OIL ? 720 : 365;
        }
      if (!first)
        {
          lot_id (p, lot->number - 1, replaces);
          record.replaces = replaces;
        }
      gr_demo_write_lot (w, &record);
      gr_demo_mark_dirty (w, id, entered);

      /* In over consecutive days from the entry; out over the days just
       * before the next lot's entry, with the natural loss on the last. */
      g_assert (n_in <= (int) G_N_ELEMENTS (parts) && n_out <= (int) G_N_ELEMENTS (parts));
      demo_split_kg (p->rand, bin->target_kg, n_in, parts);
      for (int i = 0; i < n_in; i++)
        {
          GrDemoMovement m = { 0 };
          guint32 day = lot->entered + i;
          int mi = demo_julian_month (day);

          g_snprintf (mid, sizeof mid, "mov-%0*" G_GINT64_FORMAT, p->move_width, ++p->move);
          demo_julian_iso (day, date);
          m.id = mid;
          m.lot = id;
          m.date = date;
          m.kind = first ? "intake" : "rotate_in";
          m.quantity_kg = parts[i];
          m.price_yuan_per_t = round (price * demo_rand_double (p->rand, 0.98, 1.02));
          gr_demo_write_movement (w, &m);
          *agg (ent, ent->agg_in, p, mi, bin->depot, bin->variety) += parts[i];
          if (!first)
            *agg (ent, ent->rot_in, p, mi, 0, bin->variety) += parts[i];
        }
      if (!held)
        {
          guint32 end = lot->next - 1 - demo_rand_int (p->rand, 0, 3);
          Item item = { 0 };

          demo_split_kg (p->rand, bin->target_kg - loss_kg, n_out, parts);
          for (int i = 0; i < n_out; i++)
            {
              GrDemoMovement m = { 0 };
              guint32 day = end - (n_out - 1) + i;
              int mi = demo_julian_month (day);

              g_snprintf (mid, sizeof mid, "mov-%0*" G_GINT64_FORMAT, p->move_width, ++p->move);
              demo_julian_iso (day, date);
              m.id = mid;
              m.lot = id;
              m.date = date;
              m.kind = "rotate_out";
              m.quantity_kg = parts[i];
              m.price_yuan_per_t = round (price * demo_rand_double (p->rand, 0.90, 0.97));
              gr_demo_write_movement (w, &m);
              *agg (ent, ent->agg_out, p, mi, bin->depot, bin->variety) += parts[i];
              *agg (ent, ent->rot_out, p, mi, 0, bin->variety) += parts[i];
            }
          if (loss)
            {
              GrDemoMovement m = { 0 };

              g_snprintf (mid, sizeof mid, "mov-%0*" G_GINT64_FORMAT, p->move_width, ++p->move);
              demo_julian_iso (end, date);
              m.id = mid;
              m.lot = id;
              m.date = date;
              m.kind = "loss";
              m.quantity_kg = loss_kg;
              m.price_yuan_per_t = NAN;
              m.note = "出仓自然损耗";
              gr_demo_write_movement (w, &m);
              *agg (ent, ent->agg_out, p, demo_julian_month (end), bin->depot, bin->variety) += loss_kg;
            }
          item.date = end;
          item.lot = lot->number;
          item.kg = bin->target_kg;
          item.out_month = demo_julian_month (end);
          item.in_month = demo_julian_month (lot->next);
          g_array_append_val (ent->items, item);
        }

      /* The intake test. */
      {
        char test[24], sample[24];
        guint32 day = lot->entered + n_in + 1;

        indicators = demo_quality_indicators (p->rand, variety, record.grade, FALSE, 0, DEMO_STORAGE_GOOD,
                                              demo_julian_year (day), &standard);
        g_snprintf (test, sizeof test, "qt-%0*" G_GINT64_FORMAT, p->lot_width, ++p->test);
        g_snprintf (sample, sizeof sample, "GD%04d-%0*" G_GINT64_FORMAT, demo_julian_year (day), p->lot_width, p->test);
        demo_julian_iso (MIN (day, p->today), date);
        gr_demo_write_quality_test (w, test, id, date, "广东省粮食质量监测中心", standard, indicators, sample);
      }
    }
}

static const double air_temperature[12] = {
  13.5, 15.0, 18.2, 22.4, 25.8, 27.6, 28.7, 28.5, 27.0, 24.0, 19.6, 15.2
};

static void
write_inspections (Province   *p,
                   Enterprise *ent)
{
  GrDemoWriter *w = p->w;

  for (int d = 0; d < ent->n_depots; d++)
    {
      gint64 global = ent->first_depot + d + 1;
      g_autoptr(GArray) bins = g_array_new (FALSE, FALSE, sizeof (int));
      char depot_id[24];
      int offset = 0;

      g_snprintf (depot_id, sizeof depot_id, "dep-%04" G_GINT64_FORMAT, global);
      for (guint b = 0; b < ent->bins->len; b++)
        if (g_array_index (ent->bins, Bin, b).depot == d)
          g_array_append_val (bins, b);

      for (int mi = p->report_last - p->report_months + 1; mi <= p->report_last; mi++, p->inspection++)
        {
          gint64 n_readings = share (p->n_readings, p->n_inspections, p->inspection);
          guint32 date = weekday_on_or_before (demo_month_day (mi, demo_rand_int (p->rand, 5, 25)));
          double air = air_temperature[demo_month_month (mi) - 1];
          char id[24], iso[11], inspectors[96];
          int seq = 0;

          g_snprintf (id, sizeof id, "insp-%07" G_GINT64_FORMAT, p->inspection + 1);
          g_snprintf (inspectors, sizeof inspectors, "[\"%s\", \"%s\"]", ent->keepers + d * 32,
                      p->officials[mi % 4]);
          demo_julian_iso (date, iso);
          gr_demo_write_inspection (w, id, depot_id, iso, "routine", inspectors,
                                    "{\"粮情检测\": \"pass\", \"仓房密闭\": \"pass\", \"防火防盗\": \"pass\", \"安全生产\": \"pass\"}",
                                    inspectors, iso);

          /* Bins already in use first, taken in turn from month to month. */
          for (int pass = 0; pass < 2 && seq < n_readings; pass++)
            for (guint k = 0; k < bins->len && seq < n_readings; k++)
              {
                Bin *bin = &g_array_index (ent->bins, Bin, g_array_index (bins, int, (k + offset) % bins->len));
                gboolean used = bin->start <= date;
                GrDemoReading r;
                char ref[24];
                double avg = 0.75 * air + 4 + demo_rand_double (p->rand, -1, 1);

                if (used != (pass == 0))
                  continue;
                if (strcmp (bin->tech, "low_temp") == 0)
                  avg = MIN (avg, 13.5 + demo_rand_double (p->rand, -1, 1));
                else if (strcmp (bin->tech, "quasi_low_temp") == 0)
                  avg = MIN (avg, 18.5 + demo_rand_double (p->rand, -1, 1));
                bin_id (ent, bin, ref);
                r.bin = ref;
                r.temp_avg = round (avg * 10) / 10;
                r.temp_max = round ((avg + demo_rand_double (p->rand, 1.5, 4)) * 10) / 10;
                r.temp_min = round ((avg - demo_rand_double (p->rand, 1.5, 4)) * 10) / 10;
                r.airtightness_s = NAN;
                r.note = NULL;
                if (strcmp (bin->type, "tank") == 0)
                  {
                    r.moisture_pct = r.pests_per_kg = r.main_pests_per_kg = NAN;
                    r.pest_class = NULL;
                  }
                else
                  {
                    r.moisture_pct = round ((demo_safe_moisture (ent->portfolio[bin->variety])
                                             - demo_rand_double (p->rand, 0.4, 1.3)) * 10) / 10;
                    r.pests_per_kg = demo_rand_int (p->rand, 0, 4);
                    r.main_pests_per_kg = demo_rand_int (p->rand, 0, MIN (2, (int) r.pests_per_kg));
                    r.pest_class = "basically_free";
                  }
                gr_demo_write_reading (w, id, ++seq, &r);
              }
          /* A depot with fewer bins than readings reads some twice. */
          for (int k = 0; seq < n_readings; k++)
            {
              Bin *bin = &g_array_index (ent->bins, Bin, g_array_index (bins, int, k % bins->len));
              GrDemoReading r = { 0 };
              char ref[24];

              bin_id (ent, bin, ref);
              r.bin = ref;
              r.temp_max = r.temp_min = r.moisture_pct = r.pests_per_kg = r.main_pests_per_kg = NAN;
              r.airtightness_s = NAN;
              r.temp_avg = round ((0.75 * air + 4) * 10) / 10;
              r.note = "复测";
              gr_demo_write_reading (w, id, ++seq, &r);
            }
          offset++;
        }
    }
}

static void
write_reports (Province   *p,
               Enterprise *ent)
{
  GrDemoWriter *w = p->w;
  gint64 balance[DEPOTS_PER_ENTERPRISE][PORTFOLIO] = { { 0 } };
  gint64 out_ytd[PORTFOLIO] = { 0 }, in_ytd[PORTFOLIO] = { 0 };
  gint64 planned[PORTFOLIO] = { 0 };
  int first = p->report_last - p->report_months + 1;
  char ent_id[16];

  g_snprintf (ent_id, sizeof ent_id, "ent-%04d", ent->e + 1);
  for (int mi = p->agg_first; mi <= p->report_last; mi++)
    {
      char id[32], month[8], filed[11];
      guint32 end = demo_month_last (mi);
      guint32 filed_on = demo_add_weekdays (end, demo_rand_int (p->rand, 1, 3));
      int seq = 0;

      if (demo_month_month (mi) == 1 || mi == p->agg_first)
        {
          memset (out_ytd, 0, sizeof out_ytd);
          memset (in_ytd, 0, sizeof in_ytd);
          memset (planned, 0, sizeof planned);
          /* This year's rotations as planned: the lots going out in it. */
          for (guint i = 0; i < ent->items->len; i++)
            {
              Item *item = &g_array_index (ent->items, Item, i);

              if (demo_month_year (item->out_month) == demo_month_year (mi))
                {
                  const Lot *lot = &g_array_index (ent->lots, Lot, item->lot - g_array_index (ent->lots, Lot, 0).number);

                  planned[g_array_index (ent->bins, Bin, lot->bin).variety] += item->kg;
                }
            }
        }
      for (int v = 0; v < PORTFOLIO; v++)
        {
          out_ytd[v] += *agg (ent, ent->rot_out, p, mi, 0, v);
          in_ytd[v] += *agg (ent, ent->rot_in, p, mi, 0, v);
        }

      if (mi < first)
        {
          for (int d = 0; d < ent->n_depots; d++)
            for (int v = 0; v < PORTFOLIO; v++)
              balance[d][v] += *agg (ent, ent->agg_in, p, mi, d, v) - *agg (ent, ent->agg_out, p, mi, d, v);
          continue;
        }

      if (filed_on > p->today)
        filed_on = demo_add_weekdays (end, 1);
      demo_month_iso (mi, month);
      g_snprintf (id, sizeof id, "mr-%04d-%s", ent->e + 1, month);
      demo_julian_iso (filed_on, filed);
      gr_demo_write_report (w, id, ent_id, month, filed);
      for (int d = 0; d < ent->n_depots; d++)
        for (int v = 0; v < PORTFOLIO; v++)
          {
            gint64 in = *agg (ent, ent->agg_in, p, mi, d, v);
            gint64 out = *agg (ent, ent->agg_out, p, mi, d, v);
            gint64 opening = balance[d][v];
            char depot_id[24];

            balance[d][v] += in - out;
            if (opening == 0 && in == 0 && out == 0)
              continue;
            g_snprintf (depot_id, sizeof depot_id, "dep-%04" G_GINT64_FORMAT, ent->first_depot + d + 1);
            gr_demo_write_report_row (w, id, ++seq, depot_id, ent->portfolio[v], opening, in, out, balance[d][v]);
          }
      seq = 0;
      for (int v = 0; v < PORTFOLIO; v++)
        if (planned[v] > 0 || out_ytd[v] > 0 || in_ytd[v] > 0)
          gr_demo_write_report_rotation (w, id, ++seq, ent->portfolio[v], planned[v],
                                         *agg (ent, ent->rot_out, p, mi, 0, v), *agg (ent, ent->rot_in, p, mi, 0, v),
                                         out_ytd[v], in_ytd[v]);
    }
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const Item *x = a, *y = b;

  if (x->date != y->date)
    return x->date < y->date ? -1 : 1;
  return x->lot < y->lot ? -1 : x->lot > y->lot;
}

/* A reserve company's annual rotation plans: the lots it rotated out. */
static void
write_rotation_plans (Province   *p,
                      Enterprise *ent)
{
  int this_year = demo_month_year (p->today_mi);
  char ent_id[16];
  guint i = 0;

  if (!ent->reserve)
    return;
  g_array_sort (ent->items, compare_items);
  g_snprintf (ent_id, sizeof ent_id, "ent-%04d", ent->e + 1);
  for (int year = this_year - (int) p->ctx->history_years + 1; year <= this_year; year++)
    {
      char id[32], submitted[11], approved[11];
      int seq = 0;

      g_snprintf (id, sizeof id, "rot-%04d-%d", ent->e + 1, year);
      demo_julian_iso (weekday_on_or_before (demo_julian (year - 1, 12, demo_rand_int (p->rand, 5, 20))), submitted);
      demo_julian_iso (MIN (weekday_on_or_before (demo_julian (year, 1, demo_rand_int (p->rand, 8, 20))), p->today),
                       approved);
      gr_demo_write_rotation_plan (p->w, id, ent_id, year, "approved", submitted, "广东省粮食和物资储备局", approved);
      for (; i < ent->items->len; i++)
        {
          Item *item = &g_array_index (ent->items, Item, i);
          char lot[24], out_month[8], in_month[8];

          if (demo_month_year (item->out_month) > year)
            break;
          if (demo_month_year (item->out_month) < year)
            continue;
          lot_id (p, item->lot, lot);
          demo_month_iso (item->out_month, out_month);
          demo_month_iso (item->in_month, in_month);
          gr_demo_write_rotation_item (p->w, id, ++seq, lot, item->kg, out_month, in_month,
                                       "储存年限到期，按计划轮换", FALSE);
        }
    }
}

gboolean
gr_demo_generate_province (GrDemoContext  *ctx,
                           GError        **error)
{
  Province p = { 0 };
  double f = ctx->factor;
  /* A longer history adds lots before those of the ten years, not bins. */
  double history = ctx->history_years / (double) GR_DEMO_HISTORY_YEARS;
  gint64 settled = 0;

  p.ctx = ctx;
  p.w = ctx->writer;
  p.rand = ctx->rand;
  p.today = ctx->today;
  p.today_mi = demo_julian_month (ctx->today);
  p.n_depots = MAX (1, llround (FULL_DEPOTS * f));
  p.n_bins = MAX (p.n_depots, llround (FULL_BINS * f));
  p.n_lots = MAX (p.n_bins, llround (FULL_LOTS * f * history));
  /* Every lot needs three movements to be rotated (in, out, loss). */
  p.n_moves = MAX (3 * p.n_lots, llround (FULL_MOVEMENTS * f * history));
  p.n_readings = llround (FULL_READINGS * f * history);
  p.report_months = (int) ctx->history_years * 12;
  p.n_inspections = p.n_depots * p.report_months;
  p.n_enterprises = (int) ((p.n_depots + DEPOTS_PER_ENTERPRISE - 1) / DEPOTS_PER_ENTERPRISE);
  p.lot_width = MAX (7, digits (p.n_lots));
  p.move_width = MAX (7, digits (p.n_moves));
  /* The last month whose report can be filed by today. */
  p.report_last = demo_add_weekdays (demo_month_last (p.today_mi - 1), 1) <= p.today ? p.today_mi - 1 : p.today_mi - 2;
  p.agg_first = p.report_last - p.report_months + 1 - AGGREGATE_MARGIN;
  p.agg_months = p.today_mi - p.agg_first + 1;
  for (int i = 0; i < 4; i++)
    demo_person_name (p.rand, p.officials[i], sizeof p.officials[i]);

  if (p.n_moves > G_MAXINT32 / 2)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("The demo factor is too large"));
      return FALSE;
    }

  for (int e = 0; e < p.n_enterprises; e++)
    {
      Enterprise ent = { 0 };

      ent.e = e;
      /* One reserve company for every three enterprises, the rest agents. */
      ent.reserve = e % 3 == 0;
      ent.portfolio = portfolios[e % G_N_ELEMENTS (portfolios)];
      ent.city = demo_province_cities[e % 21];
      ent.first_depot = (gint64) e * DEPOTS_PER_ENTERPRISE;
      ent.n_depots = (int) MIN (DEPOTS_PER_ENTERPRISE, p.n_depots - ent.first_depot);
      demo_credit_code (p.rand, "440000", ent.credit);

      build_enterprise (&p, &ent);
      write_structure (&p, &ent);
      write_lots (&p, &ent);
      write_inspections (&p, &ent);
      write_reports (&p, &ent);
      write_rotation_plans (&p, &ent);
      free_enterprise (&ent);

      /* Settle every 400,000 movements or so: the ledger's rebuild of
       * month-end stock scans the movement table each time, its sort
       * holds only the movements since the last settle. */
      if (p.move - settled >= SETTLE_EVERY && gr_demo_writer_check (p.w, NULL))
        {
          GError *settle_error = NULL;

          if (!gr_ledger_settle (gr_demo_writer_store (p.w), TRUE, &settle_error))
            gr_demo_writer_fail (p.w, settle_error);
          settled = p.move;
        }
      if (!gr_demo_writer_check (p.w, error))
        return FALSE;
      gr_demo_report_progress (ctx, (double) (e + 1) / p.n_enterprises,
                               _("Writing depots, lots, movements and inspections"));
    }
  return TRUE;
}
