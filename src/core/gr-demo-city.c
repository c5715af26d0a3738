/* gr-demo-city.c: the city demo, modelled on Qingyuan 清远市
 *
 * About 22万吨 of policy reserves (《清远市粮食安全和应急物资保障“十四五”
 * 规划》表2 row 5) held by the municipal reserve company and three agent
 * enterprises in 21 depots across Qingyuan's eight counties and
 * districts, 12,560 吨 of it finished grain (表2 row 6), with ten years of
 * history ending on the given day.
 *
 * Each plan's quantity is divided into storage slots (a bin, two for a
 * dynamic plan). A slot's history is a list of lot entry months, chosen
 * so that every lot leaves well inside its age limit, and transitions
 * between lots in the way its plan's rotation mode prescribes: static
 * rotations rotate out, leave a vacancy of one to three months and
 * rotate in; autonomous ones rotate out and in within a month; dynamic
 * ones rotate into the slot's second bin first (先入后出). A handful of
 * slots are bent on purpose so the compliance dashboards have something
 * to show; they are the Special values of gr-demo-city.h and nothing
 * else breaks a rule of the dongguan-2025 profile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-demo-city.h"
#include "gr-error.h"
#include "gr-variety.h"

/* Company names are invented; the reserve company is named the way
 * 清远市's municipal reserve company would be. */
const CityEnterprise city_enterprises[CITY_N_ENTERPRISES] = {
  { "清远市储备粮管理有限公司", "reserve_company", "市属国有粮食企业，承担市级储备粮承储任务；信用评价A级", "清远市储备粮管理有限公司化验室" },
  { "英德市穗丰粮油储备有限公司", "agent", "公开招标确定的代储企业；信用评价A级", "英德市穗丰粮油储备有限公司化验室" },
  { "清远市金穗粮油储运有限公司", "agent", "公开招标确定的代储企业；信用评价B级", "清远市金穗粮油储运有限公司化验室" },
  { "清远市粤北粮油实业有限公司", "agent", "成品粮油代储企业，粮食应急加工企业；信用评价A级", "清远市粤北粮油实业有限公司化验室" },
};

/* Grades: 5 AAAA and 10 AAA of 21 depots, 71 % at AAA or better against
 * the plan's 80 % target (表2 row 13); three depots not informatised
 * against the 100 % target (row 15). */
const CityDepot city_depots[CITY_N_DEPOTS] = {
  { 0, "清远市粮食储备库（龙塘库区）", "清城区", "龙塘镇银盏路18号", "AAAA", TRUE, TRUE, TRUE, 1 },
  { 0, "清远市粮食储备库（石角库区）", "清城区", "石角镇石角大道东28号", "AAAA", TRUE, TRUE, TRUE, 0 },
  { 0, "清新区粮油储备库（太和库区）", "清新区", "太和镇桃源路6号", "AAAA", TRUE, TRUE, TRUE, 1 },
  { 0, "清新区三坑粮食储备库", "清新区", "三坑镇三坑圩粮站路2号", "AAA", TRUE, TRUE, TRUE, 0 },
  { 0, "英德市白沙粮食储备库", "英德市", "白沙镇白沙圩8号", "AAA", TRUE, TRUE, TRUE, 1 },
  { 0, "阳山县粮油储备库", "阳山县", "阳城镇韩愈路38号", "AAA", TRUE, TRUE, TRUE, 0 },
  { 0, "连州市粮食储备库", "连州市", "连州镇城北路12号", "AAA", TRUE, TRUE, TRUE, 1 },
  { 0, "连南瑶族自治县寨岗粮食储备库", "连南瑶族自治县", "寨岗镇寨岗圩3号", "AA", TRUE, TRUE, TRUE, 0 },
  { 0, "连山壮族瑶族自治县吉田粮库", "连山壮族瑶族自治县", "吉田镇吉田圩粮所路1号", "A", TRUE, TRUE, FALSE, 0 },
  { 0, "佛冈县粮食储备库", "佛冈县", "石角镇环城路9号", "AAA", TRUE, TRUE, TRUE, 1 },
  { 1, "英德市英城粮库", "英德市", "英城街道和平北路56号", "AAAA", TRUE, TRUE, TRUE, 1 },
  { 1, "英德市大站粮库", "英德市", "大站镇大站圩11号", "AAA", TRUE, TRUE, TRUE, 0 },
  { 1, "英德市浛洸粮库", "英德市", "浛洸镇浛洸大道20号", "AAA", TRUE, TRUE, TRUE, 0 },
  { 1, "英德市连江口粮库", "英德市", "连江口镇连江路5号", "AA", TRUE, TRUE, TRUE, 0 },
  { 2, "清远市源潭粮库", "清城区", "源潭镇源潭大道66号", "AAA", TRUE, TRUE, TRUE, 1 },
  { 2, "清远市飞来峡粮库", "清城区", "飞来峡镇峡江路10号", "AAA", TRUE, TRUE, TRUE, 0 },
  { 2, "佛冈县汤塘粮库", "佛冈县", "汤塘镇汤塘圩粮所路4号", "AA", TRUE, TRUE, TRUE, 0 },
  { 2, "阳山县七拱粮库", "阳山县", "七拱镇七拱圩2号", "A", TRUE, FALSE, FALSE, 0 },
  { 3, "清远市横荷成品粮油库", "清城区", "横荷街道横荷大道168号", "AAAA", TRUE, TRUE, TRUE, 1 },
  { 3, "清新区山塘成品粮库", "清新区", "山塘镇山塘圩7号", "AAA", TRUE, TRUE, TRUE, 0 },
  { 3, "连州市星子粮油库", "连州市", "星子镇星子圩15号", "none", TRUE, TRUE, FALSE, 0 },
};

/* 220,000 t in all (表2 row 5: 22万吨), of which rice and flour 12,560 t
 * (row 6). Municipal depots rotate statically (东莞 第十三条), the
 * Qingyuan municipal reserve depot dynamically (规划: 市粮食储备库实行
 * 动态包干轮换), agents autonomously (第十八条). */
const CityPlan city_plans[CITY_N_PLANS] = {
  { 0, "paddy_late_indica", 60000, "static", 3 },
  { 0, "paddy_early_indica", 25000, "static", 3 },
  { 0, "paddy_japonica", 8000, "dynamic", 3 },
  { 0, "corn", 12000, "dynamic", 3 },
  { 0, "wheat", 20000, "static", 3 },
  { 0, "soybean", 3000, "static", 3 },
  { 0, "rice", 4000, "static", 2 },
  { 0, "flour", 1000, "static", 2 },
  { 0, "oil_peanut", 600, "static", 2 },
  { 0, "oil_soybean", 700, "static", 2 },
  { 1, "paddy_late_indica", 32000, "autonomous", 3 },
  { 1, "paddy_early_indica", 10000, "autonomous", 3 },
  { 2, "paddy_late_indica", 22000, "autonomous", 3 },
  { 2, "corn", 8000, "autonomous", 3 },
  { 2, "wheat", 5000, "autonomous", 3 },
  { 3, "rice", 6060, "autonomous", 2 },
  { 3, "flour", 1500, "autonomous", 2 },
  { 3, "oil_rapeseed", 340, "autonomous", 2 },
  { 3, "oil_palm", 400, "autonomous", 2 },
  { 3, "oil_blend", 400, "autonomous", 2 },
};

typedef struct {
  int plan;
  int depot;
  int count;
} SlotSpec;

static const SlotSpec slot_specs[] = {
  { 0, 0, 3 }, { 0, 1, 2 }, { 0, 2, 2 }, { 0, 4, 1 }, { 0, 5, 1 }, { 0, 9, 1 },
  { 1, 2, 1 }, { 1, 3, 2 }, { 1, 6, 1 }, { 1, 7, 1 },
  { 2, 0, 1 }, { 2, 1, 1 },
  { 3, 1, 1 }, { 3, 5, 1 },
  { 4, 1, 2 }, { 4, 3, 1 }, { 4, 8, 1 },
  { 5, 4, 1 },
  { 6, 0, 2 },
  { 7, 2, 1 },
  { 8, 0, 1 },
  { 9, 0, 1 },
  { 10, 10, 2 }, { 10, 11, 2 }, { 10, 12, 1 }, { 10, 13, 1 },
  { 11, 12, 1 }, { 11, 13, 1 },
  { 12, 14, 2 }, { 12, 15, 1 }, { 12, 16, 1 },
  { 13, 15, 1 }, { 13, 17, 1 },
  { 14, 16, 1 },
  { 15, 18, 2 }, { 15, 19, 1 }, { 15, 20, 1 },
  { 16, 18, 1 }, { 16, 19, 1 },
  { 17, 18, 1 },
  { 18, 20, 1 },
  { 19, 19, 1 },
};

/* Raw grain enters after its harvest (early indica in July, wheat from
 * the north in June, late indica, japonica, corn and soybean from
 * October) and leaves after two years (wheat three, soybean one), well
 * inside the 3/5/2-year limits; rice and flour turn over every four or
 * five months, inside their one-year limit and six-month warning. */
static const CityVariety city_varieties[] = {
  { "paddy_early_indica", 7, 3, 1, 2, 2, 2, 250, 500, 36, 0, 2600, demo_paddy_suppliers },
  { "paddy_late_indica", 10, 3, 1, 2, 2, 2, 250, 500, 36, 0, 2760, demo_paddy_suppliers },
  { "paddy_japonica", 10, 3, 1, 2, 2, 2, 250, 500, 36, 0, 3100, demo_north_suppliers },
  { "wheat", 6, 3, 2, 3, 3, 3, 300, 600, 60, 0, 2360, demo_north_suppliers },
  { "corn", 10, 3, 1, 2, 2, 2, 300, 600, 36, 0, 1750, demo_north_suppliers },
  { "soybean", 10, 2, 1, 1, 1, 1, 150, 300, 24, 0, 3600, demo_north_suppliers },
  { "rice", 0, 0, 4, 5, 4, 5, 60, 150, 12, 365, 4100, demo_finished_suppliers },
  { "flour", 0, 0, 4, 5, 4, 5, 40, 100, 12, 300, 3200, demo_finished_suppliers },
  { "oil_peanut", 0, 0, 10, 12, 10, 12, 30, 80, 0, 720, 14500, demo_oil_suppliers },
  { "oil_rapeseed", 0, 0, 10, 12, 10, 12, 30, 80, 0, 720, 8200, demo_oil_suppliers },
  { "oil_soybean", 0, 0, 10, 12, 10, 12, 30, 80, 0, 720, 6200, demo_oil_suppliers },
  { "oil_palm", 0, 0, 10, 12, 10, 12, 30, 80, 0, 720, 5200, demo_oil_suppliers },
  { "oil_blend", 0, 0, 10, 12, 10, 12, 30, 80, 0, 720, 8800, demo_oil_suppliers },
};

static const char * const move_kinds[] = {
  [K_INTAKE] = "intake", [K_ROTATE_IN] = "rotate_in", [K_REPLENISH] = "replenish", [K_SURPLUS] = "surplus",
  [K_ROTATE_OUT] = "rotate_out", [K_RELEASE] = "release", [K_LOSS] = "loss",
};

static const char * const voucher_prefixes[] = {
  [K_INTAKE] = "RK", [K_ROTATE_IN] = "LR", [K_REPLENISH] = "BK", [K_SURPLUS] = "YY",
  [K_ROTATE_OUT] = "LC", [K_RELEASE] = "DY", [K_LOSS] = "SH",
};

/* Month ends on which static vacancies may leave at most this share of
 * an enterprise's plan empty: far above the 70 % minimum of 东莞 第十五条. */
#define VACANCY_CAP_PERCENT 20

const CityVariety *
city_variety (const char *variety)
{
  for (guint i = 0; i < G_N_ELEMENTS (city_varieties); i++)
    if (strcmp (city_varieties[i].variety, variety) == 0)
      return &city_varieties[i];
  g_return_val_if_reached (&city_varieties[0]);
}

gint64
city_enterprise_plan_kg (int enterprise)
{
  gint64 total = 0;

  for (int p = 0; p < CITY_N_PLANS; p++)
    if (city_plans[p].enterprise == enterprise)
      total += city_plans[p].tonnes * 1000;
  return total;
}

static gboolean
is_raw (const char *variety)
{
  return gr_variety_class (variety) == GR_CLASS_RAW;
}

/* Agents holding finished grain and oil keep it in small packs (小包装). */
static gboolean
plan_packaged (int plan)
{
  const CityPlan *p = &city_plans[plan];

  return p->enterprise == 3 && strcmp (p->variety, "oil_palm") != 0;
}

static int
depot_level (const char *grade)
{
  return strcmp (grade, "none") == 0 ? 0 : (int) strlen (grade);
}

/* ------------------------------------------------------------ lookups */

static Slot *
slot_at (City *c,
         int   index)
{
  return &g_array_index (c->slots, Slot, index);
}

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

static Move *
move_at (City *c,
         int   index)
{
  return &g_array_index (c->moves, Move, index);
}

static gint64
signed_kg (const Move *m)
{
  return m->kind <= K_SURPLUS ? m->kg : -m->kg;
}

gint64
city_lot_balance (City    *c,
                  int      lot,
                  guint32  date)
{
  Lot *l = lot_at (c, lot);
  gint64 balance = 0;

  for (guint i = 0; i < l->moves->len; i++)
    {
      const Move *m = move_at (c, g_array_index (l->moves, int, i));

      if (m->date <= date)
        balance += signed_kg (m);
    }
  return balance;
}

gint64
city_bin_balance (City    *c,
                  int      bin,
                  guint32  date)
{
  Bin *b = bin_at (c, bin);
  gint64 balance = 0;

  for (guint i = 0; i < b->lots->len; i++)
    balance += city_lot_balance (c, g_array_index (b->lots, int, i), date);
  return balance;
}

void
city_lot_id (City *c,
             int   lot,
             char *buf)
{
  g_snprintf (buf, 16, "lot-%06d", lot_at (c, lot)->number);
}

void
city_bin_id (City *c,
             int   bin,
             char *buf)
{
  Bin *b = bin_at (c, bin);

  g_snprintf (buf, 16, "bin-%02d-%02d", b->depot + 1, b->number);
}

/* ------------------------------------------------------------- layout */

static const char *
pick_tech (City       *c,
           int         depot,
           const char *type,
           const char *variety)
{
  int level = depot_level (city_depots[depot].grade);
  int r = demo_rand_int (c->rand, 0, 99);

  if (strcmp (type, "tank") == 0)
    return "normal";
  /* Finished grain and packed oil keep best cool: 低温 where the depot can. */
  if (variety != NULL && !is_raw (variety))
    return level >= 3 ? "low_temp" : "quasi_low_temp";
  if (level >= 4)
    return r < 10 ? "low_temp" : r < 75 ? "quasi_low_temp" : "normal";
  if (level == 3)
    return r < 40 ? "quasi_low_temp" : "normal";
  return "normal";
}

/* counters: the depot's warehouses, silos and tanks so far, then all its bins. */
static int
add_bin (City       *c,
         int         depot,
         const char *type,
         gint64      capacity_kg,
         const char *tech,
         int        *counters)
{
  Bin bin = { 0 };
  char prefix = strcmp (type, "silo") == 0 ? 'Q' : strcmp (type, "tank") == 0 ? 'Y' : 'P';
  int *counter = &counters[prefix == 'P' ? 0 : prefix == 'Q' ? 1 : 2];

  bin.depot = depot;
  bin.number = ++counters[3];
  bin.type = type;
  /* 平房仓 P01…, 浅圆仓 Q01…, 油罐 Y01… */
  g_snprintf (bin.code, sizeof bin.code, "%c%02d", prefix, ++*counter);
  bin.capacity_kg = capacity_kg;
  bin.tech = tech;
  bin.lots = g_array_new (FALSE, FALSE, sizeof (int));
  g_array_append_val (c->bins, bin);
  return (int) c->bins->len - 1;
}

static gint64
round_up (gint64 value,
          gint64 step)
{
  return (value + step - 1) / step * step;
}

static void
lay_out (City *c)
{
  int counters[CITY_N_DEPOTS][4] = { { 0 } };
  gboolean ca_done = FALSE;

  for (int e = 0; e < CITY_N_ENTERPRISES; e++)
    demo_credit_code (c->rand, "441800", c->credit_codes[e]);
  for (int i = 0; i < 6; i++)
    demo_person_name (c->rand, c->officials[i], sizeof c->officials[i]);

  /* Slots: each plan's tonnes split over its slots in multiples of 10 t. */
  for (int p = 0; p < CITY_N_PLANS; p++)
    {
      int n = 0, weights[16], sum = 0, k = 0;
      gint64 given = 0;

      for (guint s = 0; s < G_N_ELEMENTS (slot_specs); s++)
        if (slot_specs[s].plan == p)
          n += slot_specs[s].count;
      /* ent-03's late indica comes in four equal slots, so that two of
       * them out over a month end leave it just under 70 % (SP_BELOW_MIN). */
      for (int i = 0; i < n; i++)
        sum += weights[i] = p == 12 ? 1000 : demo_rand_int (c->rand, 880, 1120);

      for (guint s = 0; s < G_N_ELEMENTS (slot_specs); s++)
        {
          if (slot_specs[s].plan != p)
            continue;
          for (int i = 0; i < slot_specs[s].count; i++, k++)
            {
              const char *variety = city_plans[p].variety;
              Slot slot = { 0 };
              gint64 tonnes;
              const char *type;
              gint64 capacity;

              tonnes = k == n - 1 ? city_plans[p].tonnes - given
                                  : city_plans[p].tonnes * weights[k] / sum / 10 * 10;
              given += tonnes;
              slot.plan = p;
              slot.enterprise = city_plans[p].enterprise;
              slot.depot = slot_specs[s].depot;
              slot.target_kg = tonnes * 1000;
              slot.bins[1] = -1;
              slot.transitions = g_array_new (FALSE, FALSE, sizeof (Transition));

              if (strcmp (variety, "wheat") == 0 || strcmp (variety, "corn") == 0)
                type = "silo";
              else if (gr_variety_class (variety) == GR_CLASS_OIL && !plan_packaged (p))
                type = "tank";
              else
                type = "warehouse";
              capacity = is_raw (variety) ? round_up (tonnes * demo_rand_int (c->rand, 105, 120) * 10, 100000)
                                          : round_up (tonnes * 1100, 50000);

              for (int b = 0; b < (strcmp (city_plans[p].mode, "dynamic") == 0 ? 2 : 1); b++)
                {
                  const char *tech = pick_tech (c, slot.depot, type, variety);

                  /* One bin of the main municipal depot stores under nitrogen (氮气气调). */
                  if (!ca_done && slot.depot == 0 && strcmp (type, "warehouse") == 0 && is_raw (variety))
                    {
                      tech = "controlled_atmosphere";
                      ca_done = TRUE;
                    }
                  slot.bins[b] = add_bin (c, slot.depot, type, capacity, tech,
                                          counters[slot.depot]);
                }
              g_array_append_val (c->slots, slot);
            }
        }
    }

  /* Empty bins the enterprises hold for commercial grain or turnover. */
  for (int d = 0; d < CITY_N_DEPOTS; d++)
    for (int i = 0; i < city_depots[d].spare_bins; i++)
      add_bin (c, d, "warehouse", demo_rand_int (c->rand, 30, 60) * 100000,
               pick_tech (c, d, "warehouse", NULL), counters[d]);

  /* Each depot's keepers (保管员), two or three bins each (专人保管). */
  for (int d = 0; d < CITY_N_DEPOTS; d++)
    {
      int n_bins = 0, k = 0;

      for (guint b = 0; b < c->bins->len; b++)
        n_bins += bin_at (c, b)->depot == d;
      c->n_keepers[d] = CLAMP (1 + n_bins / 3, 1, 4);
      for (int i = 0; i < c->n_keepers[d]; i++)
        demo_person_name (c->rand, c->keepers[d][i], sizeof c->keepers[d][i]);
      for (guint b = 0; b < c->bins->len; b++)
        if (bin_at (c, b)->depot == d)
          g_strlcpy (bin_at (c, b)->keeper, c->keepers[d][k++ % c->n_keepers[d]], sizeof bin_at (c, b)->keeper);
    }
}

/* ------------------------------------------------------------ schedule */

static int
season_month (City              *c,
              const CityVariety *v,
              int                year)
{
  return demo_month_index (year, v->harvest + demo_rand_int (c->rand, 0, v->span - 1));
}

static gboolean
in_season (const CityVariety *v,
           int                mi)
{
  int m = demo_month_month (mi);

  return v->harvest == 0 || (m >= v->harvest && m < v->harvest + v->span);
}

static int
harvest_year_of (const CityVariety *v,
                 int                mi)
{
  return demo_month_month (mi) >= v->harvest ? demo_month_year (mi) : demo_month_year (mi) - 1;
}

/* The latest month in season whose age on reference lies in lo..hi. */
static int
latest_season_month (const CityVariety *v,
                     int                reference,
                     int                lo,
                     int                hi)
{
  for (int mi = reference - lo + 1; mi >= reference - hi + 1; mi--)
    if (in_season (v, mi))
      return mi;
  return reference - lo + 1;
}

/* Appends entries after the last one (or the first intake when empty)
 * up to and including month until. */
static void
extend_forward (City              *c,
                const CityVariety *v,
                GArray            *entries,
                int                until)
{
  gboolean first = entries->len == 0;
  int m;

  if (first)
    {
      m = v->harvest ? season_month (c, v, c->start_year) : c->start_mi + demo_rand_int (c->rand, 0, 5);
      g_array_append_val (entries, m);
    }
  m = g_array_index (entries, int, entries->len - 1);
  for (;;)
    {
      int gap = first ? demo_rand_int (c->rand, v->first_lo, v->first_hi)
                      : demo_rand_int (c->rand, v->gap_lo, v->gap_hi);

      first = FALSE;
      m = v->harvest ? season_month (c, v, demo_month_year (m) + gap) : m + gap;
      if (m > until)
        break;
      g_array_append_val (entries, m);
    }
}

/* Entries ending with last, spaced back to the first intake. */
static GArray *
entries_backward (City              *c,
                  const CityVariety *v,
                  int                last)
{
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (int));
  int m = last;

  g_array_append_val (entries, m);
  if (v->harvest)
    {
      int year = demo_month_year (last);

      for (;;)
        {
          int gap = demo_rand_int (c->rand, v->gap_lo, v->gap_hi);

          if (year - gap <= c->start_year)
            break;
          year -= gap;
          m = season_month (c, v, year);
          g_array_append_val (entries, m);
        }
      if (year > c->start_year)
        {
          m = season_month (c, v, c->start_year);
          g_array_append_val (entries, m);
        }
    }
  else
    {
      for (;;)
        {
          int gap = demo_rand_int (c->rand, v->gap_lo, v->gap_hi);

          if (m - gap < c->start_mi)
            break;
          m -= gap;
          g_array_append_val (entries, m);
        }
    }
  for (guint i = 0; i < entries->len / 2; i++)
    {
      int t = g_array_index (entries, int, i);

      g_array_index (entries, int, i) = g_array_index (entries, int, entries->len - 1 - i);
      g_array_index (entries, int, entries->len - 1 - i) = t;
    }
  return entries;
}

static gint64 *
vacant_at (City *c,
           int   enterprise,
           int   mi)
{
  int i = mi - c->start_mi;

  if (i < 0 || i >= c->n_months)
    return NULL;
  return &c->vacant[enterprise * c->n_months + i];
}

static gboolean
vacancy_fits (City   *c,
              int     enterprise,
              int     from,
              int     to,
              gint64  kg)
{
  gint64 cap = city_enterprise_plan_kg (enterprise) * VACANCY_CAP_PERCENT / 100;

  for (int mi = from; mi <= to; mi++)
    {
      gint64 *v = vacant_at (c, enterprise, mi);

      if (v != NULL && *v + kg > cap)
        return FALSE;
    }
  return TRUE;
}

static void
vacancy_add (City   *c,
             int     enterprise,
             int     from,
             int     to,
             gint64  kg)
{
  for (int mi = from; mi <= to; mi++)
    {
      gint64 *v = vacant_at (c, enterprise, mi);

      if (v != NULL)
        *v += kg;
    }
}

static Transition
transition_new (TransitionKind kind,
                int            out_month,
                int            in_month)
{
  Transition t = { 0 };

  t.kind = kind;
  t.out_month = out_month;
  t.in_month = in_month;
  t.release = -1;
  t.out_lot = -1;
  return t;
}

static void
set_days (Transition *t,
          int         out_lo,
          int         out_hi,
          int         in_lo,
          int         in_hi)
{
  t->out_lo = out_lo;
  t->out_hi = out_hi;
  t->in_lo = in_lo;
  t->in_hi = in_hi;
}

/* The rotation that brings the slot's next lot in during in_month. */
static Transition
rotation_into (City *c,
               Slot *s,
               int   in_month)
{
  const CityPlan *plan = &city_plans[s->plan];
  Transition t = transition_new (TR_ROTATE, in_month, in_month);

  if (strcmp (plan->mode, "autonomous") == 0)
    {
      /* Out and back in within the month: no month end sees the gap. */
      set_days (&t, 2, 12, 15, 27);
    }
  else if (strcmp (plan->mode, "dynamic") == 0)
    {
      t.in_first = TRUE;
      set_days (&t, 15, 27, 2, 12);
    }
  else if (is_raw (plan->variety))
    {
      int options[3] = { 1, 2, 3 };
      int vacancy = 0;

      /* Sold at auction, bought back after the harvest: one to three
       * months of vacancy (东莞 第十七条 allows four), spread so that the
       * enterprise's month-end stock stays high; when every month end is
       * taken, out and back in within the month. */
      for (int i = 2; i > 0; i--)
        {
          int j = demo_rand_int (c->rand, 0, i), tmp = options[i];

          options[i] = options[j];
          options[j] = tmp;
        }
      for (int i = 0; i < 3; i++)
        if (vacancy_fits (c, s->enterprise, in_month - options[i], in_month - 1, s->target_kg))
          {
            vacancy = options[i];
            break;
          }
      t.out_month = in_month - vacancy;
      if (vacancy == 0)
        set_days (&t, 2, 12, 16, 27);
      else
        {
          set_days (&t, 3, 26, 2, 26);
          vacancy_add (c, s->enterprise, t.out_month, in_month - 1, s->target_kg);
        }
    }
  else
    {
      t.out_month = in_month - 1;
      set_days (&t, 10, 26, 2, 20);
      vacancy_add (c, s->enterprise, t.out_month, t.out_month, s->target_kg);
    }
  return t;
}

static void
add_rotations (City   *c,
               Slot   *s,
               GArray *entries,
               guint   from)
{
  for (guint i = MAX (from, 1); i < entries->len; i++)
    {
      Transition t = rotation_into (c, s, g_array_index (entries, int, i));

      g_array_append_val (s->transitions, t);
    }
}

static int
add_release (City       *c,
             int         enterprise,
             const char *variety,
             guint32     date,
             const char *policy)
{
  Release *r = &c->releases[c->n_releases];

  g_assert (c->n_releases < CITY_MAX_RELEASES);
  r->enterprise = enterprise;
  r->variety = variety;
  r->date = date;
  r->policy = policy;
  /* 动用命令 numbers in the style of the city's 发改 documents. */
  g_snprintf (r->order_no, sizeof r->order_no, "清发改粮储〔%d〕%d号",
              demo_julian_year (date), demo_rand_int (c->rand, 3, 40));
  return c->n_releases++;
}

static void
schedule_slot (City *c,
               Slot *s)
{
  const CityPlan *plan = &city_plans[s->plan];
  const CityVariety *v = city_variety (plan->variety);
  int T = c->today_mi;
  g_autoptr(GArray) entries = NULL;
  Transition t;

  switch (s->special)
    {
    case SP_AGE_OVER:
      /* Past its limit: age 37 or more on today (东莞 第十六条). */
      entries = entries_backward (c, v, latest_season_month (v, T, v->limit + 1, v->limit + 12));
      add_rotations (c, s, entries, 1);
      break;

    case SP_AGE_NEAR:
      /* Inside the six-month warning horizon before its limit. */
      entries = entries_backward (c, v, latest_season_month (v, T, v->limit - 5, v->limit));
      add_rotations (c, s, entries, 1);
      break;

    case SP_UNSUITABLE:
      entries = entries_backward (c, v, latest_season_month (v, T, 19, 26));
      add_rotations (c, s, entries, 1);
      break;

    case SP_MIXED_YEARS:
      {
        /* Part of an older lot rotated out and new grain of a later
         * harvest put in beside it (东莞 第二十五条 forbids mixing years). */
        int p = T - 2;
        int old = -1;

        /* The old lot 20–28 months old, of an earlier harvest than the new. */
        for (int mi = T - 19; mi >= T - 27 && old < 0; mi--)
          if (in_season (v, mi) && harvest_year_of (v, mi) < harvest_year_of (v, p))
            old = mi;
        for (int mi = T - 19; old < 0; mi--)
          if (harvest_year_of (v, mi) < harvest_year_of (v, p))
            old = mi;
        entries = entries_backward (c, v, old);
        add_rotations (c, s, entries, 1);
        t = transition_new (TR_PARTIAL, p, p);
        set_days (&t, 2, 10, 14, 25);
        g_array_append_val (s->transitions, t);
      }
      break;

    case SP_BELOW_MIN:
      /* Rotated out in the second half of a month and back in early the
       * next: that month end falls below 70 % (东莞 第十五条). */
      entries = entries_backward (c, v, T - 1);
      add_rotations (c, s, entries, 1);
      {
        Transition *last = &g_array_index (s->transitions, Transition, s->transitions->len - 1);

        last->out_month = T - 2;
        set_days (last, 12, 27, 2, 16);
      }
      break;

    case SP_VACANCY_LATE:
      {
        /* Rotated out six months ago and never rotated back in: the
         * vacancy's 4-month deadline has passed (东莞 第十七条). */
        int out = T - 6;

        entries = entries_backward (c, v, latest_season_month (v, out, 24, 44));
        add_rotations (c, s, entries, 1);
        /* Shipped in two days: each rotate-out opens its own vacancy. */
        t = transition_new (TR_OUT_ONLY, out, -1);
        set_days (&t, 6, 7, 0, 0);
        g_array_append_val (s->transitions, t);
        vacancy_add (c, s->enterprise, out, T, s->target_kg);
      }
      break;

    case SP_RELEASE_OPEN:
      {
        /* Released 14 months ago and not replenished within the 12
         * months of 东莞 第三十七条. */
        int r = T - 14;

        entries = g_array_new (FALSE, FALSE, sizeof (int));
        extend_forward (c, v, entries, r - 1);
        add_rotations (c, s, entries, 1);
        t = transition_new (TR_RELEASE, r, -1);
        set_days (&t, 8, 12, 0, 0);
        t.release = add_release (c, s->enterprise, plan->variety, demo_month_day (r, 6), "transfer");
        g_array_append_val (s->transitions, t);
      }
      break;

    case SP_RELEASE_DONE:
      {
        /* Released in February five years back and replenished four
         * months later. */
        int r = demo_month_index (demo_month_year (T) - 5, 2);
        guint first;

        entries = g_array_new (FALSE, FALSE, sizeof (int));
        extend_forward (c, v, entries, r - 1);
        add_rotations (c, s, entries, 1);
        t = transition_new (TR_RELEASE, r, r + 4);
        set_days (&t, 10, 14, 5, 20);
        t.release = add_release (c, s->enterprise, plan->variety, demo_month_day (r, 8), "capped");
        g_array_append_val (s->transitions, t);
        vacancy_add (c, s->enterprise, r, r + 3, s->target_kg);
        {
          int in_month = r + 4;

          g_array_append_val (entries, in_month);
        }
        /* Rotations resume after the replenished lot. */
        first = entries->len;
        extend_forward (c, v, entries, T + 14);
        add_rotations (c, s, entries, first);
      }
      break;

    default:
      entries = g_array_new (FALSE, FALSE, sizeof (int));
      extend_forward (c, v, entries, T + 14);
      add_rotations (c, s, entries, 1);
      break;
    }

  s->first_entry = g_array_index (entries, int, 0);

  if (s->special == SP_FROZEN)
    {
      /* No turnover of this plan once the late vacancy could be touched,
       * so no other rotate-in closes it first-in-first-out. */
      for (guint i = 0; i < s->transitions->len; i++)
        {
          Transition *tr = &g_array_index (s->transitions, Transition, i);

          if (MAX (tr->out_month, tr->in_month) >= T - 7)
            {
              g_array_set_size (s->transitions, i);
              break;
            }
        }
    }
  else if (s->special == SP_EXTENSION)
    {
      /* Three years back, a rotation whose vacancy ran five months with
       * the bureau's approval of two more (东莞 第十七条): compliant. */
      for (guint i = 0; i < s->transitions->len; i++)
        {
          Transition *tr = &g_array_index (s->transitions, Transition, i);

          if (demo_month_year (tr->in_month) == demo_month_year (T) - 3)
            {
              vacancy_add (c, s->enterprise, tr->in_month - 5, tr->out_month - 1, s->target_kg);
              tr->out_month = tr->in_month - 5;
              tr->extension = TRUE;
              break;
            }
        }
    }
}

/* Which slots carry the deliberate findings: fixed by plan and slot
 * order, so every seed has all of them. */
static void
assign_specials (City *c)
{
  int seen[CITY_N_PLANS] = { 0 };
  gint64 below_min = 0;
  gint64 ent2_total = city_enterprise_plan_kg (2);

  for (guint i = 0; i < c->slots->len; i++)
    {
      Slot *s = slot_at (c, i);
      int k = seen[s->plan]++;

      switch (s->plan)
        {
        case 10:
          s->special = k == 0 ? SP_AGE_OVER : k == 1 ? SP_UNSUITABLE : k == 2 ? SP_MIXED_YEARS : SP_NONE;
          break;
        case 11:
          s->special = k == 0 ? SP_SUBSTANDARD : SP_NONE;
          break;
        case 13:
          s->special = k == 0 ? SP_AGE_NEAR : SP_NONE;
          break;
        case 12:
          /* Two of the enterprise's four late indica slots out over one
           * month end: 11,000 of 35,000 t, 68.6 % left. */
          if (below_min * 100 < ent2_total * 30)
            {
              s->special = SP_BELOW_MIN;
              below_min += s->target_kg;
            }
          break;
        case 4:
          s->special = k == 0 ? SP_VACANCY_LATE : SP_FROZEN;
          break;
        case 5:
          s->special = SP_EXTENSION;
          break;
        case 6:
          s->special = k == 0 ? SP_RELEASE_DONE : SP_NONE;
          break;
        case 15:
          s->special = k == 0 ? SP_RELEASE_OPEN : SP_NONE;
          break;
        default:
          break;
        }
    }
}

/* ---------------------------------------------------------------- emit */

static double
price_in (City              *c,
          const CityVariety *v,
          guint32            date)
{
  int years = demo_julian_year (date) - c->start_year;

  return round (v->price * (1.0 + 0.025 * years) * demo_rand_double (c->rand, 0.98, 1.02));
}

static int
add_move (City        *c,
          int          lot,
          guint32      date,
          MoveKind     kind,
          gint64       kg,
          double       price,
          const char  *counterparty,
          const char  *note)
{
  Move m = { 0 };
  int index = (int) c->moves->len;

  g_assert (kg > 0);
  m.date = date;
  m.lot = lot;
  m.kind = kind;
  m.kg = kg;
  m.price = price;
  m.counterparty = counterparty;
  m.note = note;
  m.seq = index;
  g_array_append_val (c->moves, m);
  g_array_append_val (lot_at (c, lot)->moves, index);
  return index;
}

static int
new_lot (City *c,
         Slot *s,
         int   bin,
         int   entry_month,
         int   replaces)
{
  const CityPlan *plan = &city_plans[s->plan];
  const CityVariety *v = city_variety (plan->variety);
  Lot lot = { 0 };
  int index = (int) c->lots->len;
  int r = demo_rand_int (c->rand, 0, 99);

  lot.bin = bin;
  lot.plan = s->plan;
  lot.entry_month = entry_month;
  lot.replaces = replaces;
  lot.storage = DEMO_STORAGE_GOOD;
  lot.moves = g_array_new (FALSE, FALSE, sizeof (int));
  lot.seq = index;
  if (is_raw (plan->variety))
    {
      /* Reserve grain comes in at 中等 (三等) or better. */
      lot.grade = r < 20 ? 1 : r < 65 ? 2 : 3;
      lot.harvest_year = harvest_year_of (v, entry_month);
    }
  else
    lot.grade = r < 40 ? 1 : 2;
  g_array_append_val (c->lots, lot);
  g_array_append_val (bin_at (c, bin)->lots, index);
  return index;
}

static int
day_count (const CityVariety *v,
           gint64             kg,
           int                lo,
           int                hi,
           GRand             *rand)
{
  int daily = demo_rand_int (rand, v->daily_lo, v->daily_hi);
  int n = (int) ((kg / 1000 + daily - 1) / daily);

  return CLAMP (n, 2, MIN (15, hi - lo + 1));
}

static void
emit_inbound (City       *c,
              Slot       *s,
              int         lot,
              int         month,
              int         lo,
              int         hi,
              MoveKind    kind,
              gint64      kg,
              const char *note)
{
  const CityVariety *v = city_variety (city_plans[s->plan].variety);
  int days[31];
  gint64 parts[31];
  const char *supplier = demo_pick (c->rand, v->suppliers);
  int n = demo_pick_days (c->rand, lo, hi, day_count (v, kg, lo, hi, c->rand), days);
  double value = 0;
  Lot *l;

  demo_split_kg (c->rand, kg, n, parts);
  for (int i = 0; i < n; i++)
    {
      guint32 date = demo_month_day (month, days[i]);
      double price = price_in (c, v, date);

      add_move (c, lot, date, kind, parts[i], price, supplier, note);
      value += price * parts[i];
    }
  l = lot_at (c, lot);
  if (l->entered_on == 0)
    l->entered_on = demo_month_day (month, days[0]);
  l->in_kg += kg;
  l->cost = round (value / l->in_kg * 100) / 100;
  if (!is_raw (city_plans[s->plan].variety))
    {
      int before = gr_variety_class (v->variety) == GR_CLASS_OIL ? demo_rand_int (c->rand, 5, 30)
                                                                 : demo_rand_int (c->rand, 3, 15);
      l->produced_on = l->entered_on - before;
    }
}

/* Takes kg out of lot (its whole balance when kg is 0). A full
 * rotate-out of raw grain settles the lot's natural loss (0.08–0.18 %,
 * inside the norms of DOMAIN.md §5.4) or, now and then, a small surplus. */
static gint64
emit_outbound (City     *c,
               Slot     *s,
               int       lot,
               int       month,
               int       lo,
               int       hi,
               MoveKind  kind,
               gint64    kg)
{
  const char *variety = city_plans[s->plan].variety;
  const CityVariety *v = city_variety (variety);
  gboolean full = kg == 0;
  gint64 balance = city_lot_balance (c, lot, G_MAXUINT32);
  gint64 loss = 0, surplus = 0;
  const char *counterparty;
  const char *note = NULL;
  int days[31];
  gint64 parts[31];
  int n;

  if (full && kind == K_ROTATE_OUT && is_raw (variety))
    {
      /* Static rotations take out no more than the rotate-in brings back,
       * so a surplus only shows up under the other modes. */
      if (demo_rand_int (c->rand, 0, 9) == 0 && strcmp (city_plans[s->plan].mode, "static") != 0)
        surplus = balance * demo_rand_int (c->rand, 2, 6) / 10000;
      else
        loss = balance * demo_rand_int (c->rand, 8, 18) / 10000;
    }
  if (full)
    kg = balance - loss + surplus;

  if (kind == K_RELEASE)
    {
      counterparty = demo_pick (c->rand, demo_relief_counterparties);
      note = "执行市发展改革局动用命令";
    }
  else if (strcmp (city_plans[s->plan].mode, "static") == 0)
    counterparty = "华南粮食交易中心（竞价销售）";
  else
    counterparty = demo_pick (c->rand, demo_grain_buyers);

  n = demo_pick_days (c->rand, lo, hi, day_count (v, kg, lo, hi, c->rand), days);
  demo_split_kg (c->rand, kg, n, parts);
  if (surplus > 0)
    add_move (c, lot, demo_month_day (month, days[0]), K_SURPLUS, surplus, NAN, NULL, "出仓溢余");
  for (int i = 0; i < n; i++)
    {
      guint32 date = demo_month_day (month, days[i]);
      double price = kind == K_RELEASE ? round (price_in (c, v, date) * 0.95)
                                       : round (price_in (c, v, date) * demo_rand_double (c->rand, 0.90, 0.97));

      add_move (c, lot, date, kind, parts[i], price, counterparty, note);
    }
  if (loss > 0)
    add_move (c, lot, demo_month_day (month, days[n - 1]), K_LOSS, loss, NAN, NULL, "出仓自然损耗（水分杂质减量）");
  if (full)
    lot_at (c, lot)->last_out = demo_month_day (month, days[n - 1]);
  return kg;
}

static guint32
transition_end (const Transition *t)
{
  guint32 end = demo_month_day (t->out_month, t->out_hi);

  if (t->in_month >= 0)
    end = MAX (end, demo_month_day (t->in_month, t->in_hi));
  return end;
}

static void
emit_slot (City *c,
           Slot *s)
{
  const CityPlan *plan = &city_plans[s->plan];
  gboolean is_static = strcmp (plan->mode, "static") == 0;
  int bin = s->bins[0];
  int cur = new_lot (c, s, bin, s->first_entry, -1);

  emit_inbound (c, s, cur, s->first_entry, 1, 28, K_INTAKE, s->target_kg, NULL);

  for (guint i = 0; i < s->transitions->len && cur >= 0; i++)
    {
      Transition *t = &g_array_index (s->transitions, Transition, i);
      int next;

      t->out_lot = cur;
      /* A transition still under way on the last day is left out whole:
       * the old lot stays, nothing is half rotated. */
      if (transition_end (t) > c->today)
        break;

      switch (t->kind)
        {
        case TR_ROTATE:
          if (t->in_first)
            {
              int other = bin == s->bins[0] ? s->bins[1] : s->bins[0];

              next = new_lot (c, s, other, t->in_month, cur);
              emit_inbound (c, s, next, t->in_month, t->in_lo, t->in_hi, K_ROTATE_IN, s->target_kg,
                            "动态轮换（先入后出）");
              emit_outbound (c, s, cur, t->out_month, t->out_lo, t->out_hi, K_ROTATE_OUT, 0);
              bin = other;
            }
          else
            {
              emit_outbound (c, s, cur, t->out_month, t->out_lo, t->out_hi, K_ROTATE_OUT, 0);
              next = new_lot (c, s, bin, t->in_month, cur);
              emit_inbound (c, s, next, t->in_month, t->in_lo, t->in_hi, K_ROTATE_IN, s->target_kg,
                            is_static ? "静态轮换轮入" : NULL);
            }
          cur = next;
          break;

        case TR_OUT_ONLY:
          emit_outbound (c, s, cur, t->out_month, t->out_lo, t->out_hi, K_ROTATE_OUT, 0);
          cur = -1;
          break;

        case TR_RELEASE:
          c->releases[t->release].kg = emit_outbound (c, s, cur, t->out_month, t->out_lo, t->out_hi, K_RELEASE, 0);
          if (t->in_month >= 0)
            {
              next = new_lot (c, s, bin, t->in_month, -1);
              emit_inbound (c, s, next, t->in_month, t->in_lo, t->in_hi, K_REPLENISH,
                            c->releases[t->release].kg, "动用后等量补库");
              cur = next;
            }
          else
            cur = -1;
          break;

        case TR_PARTIAL:
          {
            gint64 part = city_lot_balance (c, cur, G_MAXUINT32) * 4 / 10 / 1000 * 1000;

            emit_outbound (c, s, cur, t->out_month, t->out_lo, t->out_hi, K_ROTATE_OUT, part);
            next = new_lot (c, s, bin, t->in_month, cur);
            emit_inbound (c, s, next, t->in_month, t->in_lo, t->in_hi, K_ROTATE_IN, part, "部分轮换");
            /* The older lot stays beside the new one to the end. */
            cur = -1;
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }

  /* The lot held at the end carries the slot's quality finding. */
  if (cur >= 0 && s->special == SP_SUBSTANDARD)
    {
      lot_at (c, cur)->grade = 0;
      lot_at (c, cur)->substandard = TRUE;
    }
  else if (cur >= 0 && s->special == SP_UNSUITABLE)
    lot_at (c, cur)->storage = DEMO_STORAGE_SLIGHT;
}

/* ------------------------------------------------------------- writing */

static int
compare_lots (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  City *c = user_data;
  const Lot *x = lot_at (c, *(const int *) a);
  const Lot *y = lot_at (c, *(const int *) b);

  if (x->entered_on != y->entered_on)
    return x->entered_on < y->entered_on ? -1 : 1;
  return x->seq - y->seq;
}

static int
compare_moves (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  City *c = user_data;
  const Move *x = move_at (c, *(const int *) a);
  const Move *y = move_at (c, *(const int *) b);

  if (x->date != y->date)
    return x->date < y->date ? -1 : 1;
  return x->seq - y->seq;
}

static GArray *
sorted_indexes (City             *c,
                guint             n,
                GCompareDataFunc  compare)
{
  GArray *order = g_array_sized_new (FALSE, FALSE, sizeof (int), n);

  for (guint i = 0; i < n; i++)
    g_array_append_val (order, i);
  g_array_sort_with_data (order, compare, c);
  return order;
}

static void
write_layout (City *c)
{
  GrDemoWriter *w = c->ctx->writer;
  char id[32], ref[32], date[11], to[11], fill[11];

  for (int e = 0; e < CITY_N_ENTERPRISES; e++)
    {
      g_snprintf (id, sizeof id, "ent-%02d", e + 1);
      gr_demo_write_enterprise (w, id, city_enterprises[e].name, city_enterprises[e].kind,
                                city_enterprises[e].credit_note);
    }

  for (int d = 0; d < CITY_N_DEPOTS; d++)
    {
      const CityDepot *depot = &city_depots[d];
      g_autofree char *address = g_strdup_printf ("广东省清远市%s%s", depot->region, depot->street);
      g_autofree char *informatised = g_strdup_printf ("{\"data\": %s, \"video\": %s, \"business\": %s}",
                                                       depot->data ? "true" : "false",
                                                       depot->video ? "true" : "false",
                                                       depot->business ? "true" : "false");
      char code[32];
      gint64 capacity = 0;
      int n = 0;

      for (guint b = 0; b < c->bins->len; b++)
        if (bin_at (c, b)->depot == d)
          capacity += bin_at (c, b)->capacity_kg;
      /* 库区代码 = 单位代码 + 3 digits (DOMAIN.md §5.1) */
      for (int k = 0; k < d; k++)
        n += city_depots[k].enterprise == depot->enterprise;
      g_snprintf (code, sizeof code, "%s%03d", c->credit_codes[depot->enterprise], n + 1);
      g_snprintf (id, sizeof id, "dep-%02d", d + 1);
      g_snprintf (ref, sizeof ref, "ent-%02d", depot->enterprise + 1);
      gr_demo_write_depot (w, id, ref, code, depot->name, depot->region, address, capacity,
                           depot->grade, informatised);
    }

  for (guint b = 0; b < c->bins->len; b++)
    {
      Bin *bin = bin_at (c, b);

      city_bin_id (c, (int) b, id);
      g_snprintf (ref, sizeof ref, "dep-%02d", bin->depot + 1);
      gr_demo_write_bin (w, id, ref, bin->code, bin->type, bin->capacity_kg, bin->tech, bin->keeper);
    }

  demo_julian_iso (demo_julian (c->start_year, 1, 1), date);
  demo_julian_iso (demo_julian (c->start_year + 1, 3, 31), fill);
  for (int p = 0; p < CITY_N_PLANS; p++)
    {
      const CityPlan *plan = &city_plans[p];

      /* The municipal plan runs three years ahead, the agents' storage
       * contracts to the end of next year. */
      demo_julian_iso (demo_julian (demo_month_year (c->today_mi) + (plan->enterprise == 0 ? 2 : 1), 12, 31), to);
      g_snprintf (id, sizeof id, "plan-%02d", p + 1);
      g_snprintf (ref, sizeof ref, "ent-%02d", plan->enterprise + 1);
      gr_demo_write_plan (w, id, ref, plan->variety, plan->tonnes * 1000, plan->required_grade, plan->mode,
                          date, to, fill);
    }
}

static void
write_lots_and_moves (City *c)
{
  GrDemoWriter *w = c->ctx->writer;
  g_autoptr(GArray) lot_order = sorted_indexes (c, c->lots->len, compare_lots);
  g_autoptr(GArray) move_order = sorted_indexes (c, c->moves->len, compare_moves);
  int voucher_year = 0, voucher = 0;

  for (guint i = 0; i < lot_order->len; i++)
    lot_at (c, g_array_index (lot_order, int, i))->number = (int) i + 1;

  for (guint i = 0; i < lot_order->len; i++)
    {
      int index = g_array_index (lot_order, int, i);
      Lot *lot = lot_at (c, index);
      const CityPlan *plan = &city_plans[lot->plan];
      const CityVariety *v = city_variety (plan->variety);
      char id[16], bin[16], plan_id[16], replaces[16], entered[11], produced[11];
      GrDemoLot record = { 0 };

      city_lot_id (c, index, id);
      city_bin_id (c, lot->bin, bin);
      g_snprintf (plan_id, sizeof plan_id, "plan-%02d", lot->plan + 1);
      demo_julian_iso (lot->entered_on, entered);
      record.id = id;
      record.bin = bin;
      record.plan = plan_id;
      record.variety = plan->variety;
      record.grade = lot->grade;
      record.substandard = lot->substandard;
      record.harvest_year = lot->harvest_year;
      if (lot->produced_on != 0)
        {
          demo_julian_iso (lot->produced_on, produced);
          record.produced_on = produced;
          record.shelf_life_days = plan_packaged (lot->plan) && gr_variety_class (plan->variety) == GR_CLASS_OIL
                                   ? 540 : v->shelf_life;
        }
      record.entered_on = entered;
      record.packaged = plan_packaged (lot->plan);
      record.owner = "municipal";
      record.rotation_mode = plan->mode;
      record.storage_quality = lot->storage == DEMO_STORAGE_SLIGHT ? "slightly_unsuitable" : "suitable";
      if (lot->replaces >= 0)
        {
          city_lot_id (c, lot->replaces, replaces);
          record.replaces = replaces;
        }
      record.cost_yuan_per_t = lot->cost;
      gr_demo_write_lot (w, &record);
      gr_demo_mark_dirty (w, id, entered);
    }

  for (guint i = 0; i < move_order->len; i++)
    {
      Move *m = move_at (c, g_array_index (move_order, int, i));
      char id[16], lot[16], date[11], voucher_no[24];
      GrDemoMovement record = { 0 };
      int year = demo_julian_year (m->date);

      if (year != voucher_year)
        {
          voucher_year = year;
          voucher = 0;
        }
      m->number = (int) i + 1;
      g_snprintf (id, sizeof id, "mov-%07d", m->number);
      city_lot_id (c, m->lot, lot);
      demo_julian_iso (m->date, date);
      g_snprintf (voucher_no, sizeof voucher_no, "%s%04d%05d", voucher_prefixes[m->kind], year, ++voucher);
      record.id = id;
      record.lot = lot;
      record.date = date;
      record.kind = move_kinds[m->kind];
      record.quantity_kg = m->kg;
      record.price_yuan_per_t = m->price;
      record.counterparty = m->counterparty;
      record.voucher_no = voucher_no;
      record.note = m->note;
      gr_demo_write_movement (w, &record);
      if (i % 4000 == 0)
        gr_demo_report_progress (c->ctx, 0.35 + 0.2 * i / move_order->len, _("Writing lots and movements"));
    }
}

static void
write_releases (City *c)
{
  for (int r = 0; r < c->n_releases; r++)
    {
      Release *rel = &c->releases[r];
      char id[16], ent[16], date[11];

      g_snprintf (id, sizeof id, "rel-%02d", r + 1);
      g_snprintf (ent, sizeof ent, "ent-%02d", rel->enterprise + 1);
      demo_julian_iso (rel->date, date);
      gr_demo_write_release (c->ctx->writer, id, rel->order_no, date, ent, rel->variety, rel->kg, rel->policy);
    }
}

static void
city_free (City *c)
{
  for (guint i = 0; i < c->slots->len; i++)
    g_array_unref (slot_at (c, i)->transitions);
  for (guint i = 0; i < c->lots->len; i++)
    g_array_unref (lot_at (c, i)->moves);
  for (guint i = 0; i < c->bins->len; i++)
    g_array_unref (bin_at (c, i)->lots);
  g_array_unref (c->slots);
  g_array_unref (c->lots);
  g_array_unref (c->bins);
  g_array_unref (c->moves);
  g_free (c->vacant);
}

gboolean
gr_demo_generate_city (GrDemoContext  *ctx,
                       GError        **error)
{
  City c = { 0 };
  gboolean ok;

  c.ctx = ctx;
  c.rand = ctx->rand;
  c.today = ctx->today;
  c.today_mi = demo_julian_month (ctx->today);
  c.start_year = demo_month_year (c.today_mi) - 10;
  c.start_mi = demo_month_index (c.start_year, 1);
  c.n_months = c.today_mi - c.start_mi + 24;
  c.vacant = g_new0 (gint64, CITY_N_ENTERPRISES * c.n_months);
  c.bins = g_array_new (FALSE, FALSE, sizeof (Bin));
  c.slots = g_array_new (FALSE, FALSE, sizeof (Slot));
  c.lots = g_array_new (FALSE, FALSE, sizeof (Lot));
  c.moves = g_array_new (FALSE, FALSE, sizeof (Move));

  gr_demo_report_progress (ctx, 0.0, _("Laying out depots and bins"));
  lay_out (&c);
  assign_specials (&c);

  gr_demo_report_progress (ctx, 0.1, _("Scheduling ten years of rotations"));
  for (guint i = 0; i < c.slots->len; i++)
    schedule_slot (&c, slot_at (&c, i));
  for (guint i = 0; i < c.slots->len; i++)
    emit_slot (&c, slot_at (&c, i));

  gr_demo_report_progress (ctx, 0.3, _("Writing enterprises, depots, bins and plans"));
  write_layout (&c);
  write_lots_and_moves (&c);
  write_releases (&c);

  gr_demo_report_progress (ctx, 0.55, _("Writing quality tests"));
  city_write_quality_tests (&c);
  gr_demo_report_progress (ctx, 0.62, _("Writing inspections"));
  city_write_inspections (&c);
  gr_demo_report_progress (ctx, 0.8, _("Writing depot assessments and rotation plans"));
  city_write_assessments (&c);
  city_write_rotation_plans (&c);
  gr_demo_report_progress (ctx, 0.85, _("Writing monthly reports"));
  city_write_reports (&c);

  ok = gr_demo_writer_check (ctx->writer, error);
  city_free (&c);
  return ok;
}
