/* gr-demo-city.h: the in-memory model of the city demo
 *
 * gr-demo-city.c lays out the city (enterprises, depots, bins, plans),
 * schedules ten years of lot turnover per storage slot and turns the
 * schedule into lots and movements; gr-demo-city-records.c derives the
 * records that describe that history (quality tests, inspections,
 * assessments, rotation plans, monthly reports).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-demo-private.h"

G_BEGIN_DECLS

#define CITY_N_ENTERPRISES 4
#define CITY_N_DEPOTS      21
#define CITY_N_PLANS       20
#define CITY_MAX_RELEASES  4

typedef struct {
  const char *name;
  const char *kind;
  const char *credit_note;
  const char *lab;           /* the enterprise's own laboratory */
} CityEnterprise;

typedef struct {
  int         enterprise;
  const char *name;
  const char *region;        /* 县/区 */
  const char *street;        /* town and street, after the region */
  const char *grade;
  gboolean    data, video, business;
  int         spare_bins;
} CityDepot;

typedef struct {
  int         enterprise;
  const char *variety;
  gint64      tonnes;
  const char *mode;
  int         required_grade;
} CityPlan;

/* How a variety turns over (months are 1–12, gaps in years for raw
 * grain and in months otherwise). */
typedef struct {
  const char         *variety;
  int                 harvest;      /* 0: produced all year round */
  int                 span;         /* lots enter harvest … harvest + span − 1 */
  int                 first_lo, first_hi;
  int                 gap_lo, gap_hi;
  int                 daily_lo, daily_hi;   /* tonnes a day */
  int                 limit;        /* age limit in months under dongguan-2025, 0: none */
  int                 shelf_life;   /* days, 0: none */
  int                 price;        /* yuan per tonne in the first year */
  const char * const *suppliers;
} CityVariety;

typedef enum {
  SP_NONE,
  SP_AGE_OVER,        /* paddy held past its 3-year limit */
  SP_AGE_NEAR,        /* within the warning horizon of its limit */
  SP_VACANCY_LATE,    /* static rotate-out never rotated back in */
  SP_FROZEN,          /* no turnover that could hide the late vacancy */
  SP_RELEASE_OPEN,    /* released and never replenished */
  SP_RELEASE_DONE,    /* released and replenished in time */
  SP_MIXED_YEARS,     /* two harvest years in one bin */
  SP_BELOW_MIN,       /* rotated out before a month end, back in after it */
  SP_UNSUITABLE,      /* 轻度不宜存 */
  SP_SUBSTANDARD,     /* 等外 */
  SP_EXTENSION,       /* vacancy extended with approval */
} Special;

typedef enum {
  TR_ROTATE,          /* old lot out, new lot in */
  TR_OUT_ONLY,        /* rotate out, nothing back in */
  TR_RELEASE,         /* emergency release, optionally replenished */
  TR_PARTIAL,         /* part of the old lot out, a new lot beside it */
} TransitionKind;

typedef struct {
  TransitionKind kind;
  int            out_month, in_month;   /* in_month −1: nothing comes in */
  int            out_lo, out_hi;        /* days of the month */
  int            in_lo, in_hi;
  gboolean       in_first;              /* 先入后出 (dynamic rotation) */
  gboolean       extension;
  int            release;               /* index into releases, −1 */
  int            out_lot;               /* the lot going out, −1 unknown */
} Transition;

typedef struct {
  int      plan, enterprise, depot;
  int      bins[2];                     /* bins[1]: a dynamic slot's second bin, −1 */
  gint64   target_kg;
  Special  special;
  int      first_entry;                 /* month index */
  GArray  *transitions;                 /* of Transition */
} Slot;

typedef enum {
  K_INTAKE,
  K_ROTATE_IN,
  K_REPLENISH,
  K_SURPLUS,
  K_ROTATE_OUT,
  K_RELEASE,
  K_LOSS,
} MoveKind;

typedef struct {
  guint32      date;
  int          lot;
  MoveKind     kind;
  gint64       kg;
  double       price;                   /* NAN: none */
  const char  *counterparty;
  const char  *note;
  int          seq;                     /* generation order, breaks ties */
  int          number;                  /* mov-NNNNNNN after sorting */
} Move;

typedef struct {
  int              bin, plan;
  int              entry_month;
  guint32          entered_on;
  guint32          produced_on;         /* 0: none */
  guint32          last_out;            /* the day its balance reached zero, 0: still held */
  int              harvest_year;        /* 0: none */
  int              grade;               /* 0 with substandard */
  gboolean         substandard;
  DemoStorageState storage;
  int              replaces;            /* lot index, −1 */
  gint64           in_kg;
  double           cost;
  GArray          *moves;               /* indexes into moves */
  int              number;              /* lot-NNNNNN after sorting */
  int              seq;
} Lot;

typedef struct {
  int         enterprise;
  const char *variety;
  guint32     date;
  gint64      kg;
  const char *policy;
  char        order_no[64];
} Release;

typedef struct {
  int         depot;
  int         number;                   /* within the depot, from 1 */
  const char *type;
  char        code[8];
  gint64      capacity_kg;
  const char *tech;
  char        keeper[32];
  GArray     *lots;                     /* lot indexes, in entry order */
} Bin;

typedef struct {
  GrDemoContext *ctx;
  GRand         *rand;
  guint32        today;
  int            today_mi;
  int            start_year;
  int            start_mi;
  int            n_months;              /* months from start_mi through today_mi + 24 */

  char           credit_codes[CITY_N_ENTERPRISES][20];
  char           keepers[CITY_N_DEPOTS][4][32];
  int            n_keepers[CITY_N_DEPOTS];
  char           officials[6][32];      /* bureau staff who inspect */

  GArray        *bins;                  /* of Bin */
  GArray        *slots;                 /* of Slot */
  GArray        *lots;                  /* of Lot */
  GArray        *moves;                 /* of Move */
  Release        releases[CITY_MAX_RELEASES];
  int            n_releases;
  gint64        *vacant;                /* [enterprise × n_months]: static vacancies at month ends */
} City;

extern const CityEnterprise city_enterprises[CITY_N_ENTERPRISES];
extern const CityDepot city_depots[CITY_N_DEPOTS];
extern const CityPlan city_plans[CITY_N_PLANS];

const CityVariety *city_variety        (const char *variety);
gint64             city_lot_balance    (City       *c,
                                        int         lot,
                                        guint32     date);
gint64             city_bin_balance    (City       *c,
                                        int         bin,
                                        guint32     date);
void               city_lot_id         (City       *c,
                                        int         lot,
                                        char       *buf);
void               city_bin_id         (City       *c,
                                        int         bin,
                                        char       *buf);
/* The enterprise's plan total, in kg. */
gint64             city_enterprise_plan_kg (int     enterprise);

void               city_write_quality_tests  (City *c);
void               city_write_inspections    (City *c);
void               city_write_assessments    (City *c);
void               city_write_rotation_plans (City *c);
void               city_write_reports        (City *c);

G_END_DECLS
