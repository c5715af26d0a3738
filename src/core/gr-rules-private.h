/* gr-rules-private.h: what the rule families share
 *
 * gr-rules-load.c reads the store once into these plain structs (the
 * records, the lots' balances at the window start and at the as-of date,
 * each plan's end-of-day stock on the days it moved and its month-end
 * snapshots); each gr-rules-<family>.c then computes its rules from them.
 *
 * Days are GDate julian day numbers, so comparing and counting days is
 * integer arithmetic. Quantities are integer kilograms.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-finding.h"
#include "gr-profile.h"
#include "gr-store.h"
#include "gr-variety.h"

G_BEGIN_DECLS

typedef guint32 GrDay;
#define GR_DAY_NONE 0u
#define GR_DAY_MAX  G_MAXUINT32

typedef struct _RuleEnterprise RuleEnterprise;
typedef struct _RuleDepot      RuleDepot;
typedef struct _RuleBin        RuleBin;
typedef struct _RulePlan       RulePlan;
typedef struct _RuleLot        RuleLot;

struct _RuleEnterprise {
  char        *id;
  char        *name;
  guint        kind;            /* GrEnterpriseKindFlags bit, 0 when unknown */
  GPtrArray   *plans;           /* RulePlan, borrowed */
};

struct _RuleDepot {
  char           *id;
  char           *name;
  RuleEnterprise *enterprise;
};

struct _RuleBin {
  char        *id;
  char        *code;
  RuleDepot   *depot;
  gboolean     low_temp;        /* low_temp or quasi_low_temp (Zhongshan 第十八条) */
  GPtrArray   *lots;            /* RuleLot, borrowed */
};

typedef struct {
  GrDay   day;
  gint64  stock_kg;             /* at the end of day */
} GrStockDay;

typedef struct {
  int     month;                /* year × 12 + month − 1 */
  gint64  stock_kg;             /* at the end of the month */
} GrMonthStock;

/* A rotate-out or rotate-in of a plan in the vacancy rule's scope. Only
 * rotate-outs keep their id: it orders the vacancies one day opens.
 * Rotate-ins of one day fill the queue to the same end in any order. */
typedef struct {
  RuleLot     *lot;
  GrDay        day;
  gboolean     out;               /* next to day: 32 bytes, not 40 */
  gint64       quantity_kg;
  const char  *id;
} GrRotationMove;

/* Replenishments of one day fill the orders to the same end in any
 * order, so they need no id. */
typedef struct {
  RuleLot     *lot;
  GrDay        day;
  gint64       quantity_kg;
} GrReplenishMove;

typedef struct {
  RuleLot     *lot;
  GrDay        day;
  gint64       delta_kg;
} GrWindowMove;

struct _RulePlan {
  char           *id;
  char           *name;           /* see gr_rules_plan_name() */
  RuleEnterprise *enterprise;
  const char     *variety;      /* interned */
  GrGrainClass    klass;
  gint64          quantity_kg;
  int             required_grade; /* 0: none */
  guint           rotation_mode;  /* GrRotationModeFlags bit */
  GrDay           valid_from;
  GrDay           valid_to;       /* GR_DAY_MAX when open */
  GrDay           fill_by;        /* GR_DAY_NONE when unset */
  /* The evaluation window, empty when win_start > win_end. */
  GrDay           win_start;
  GrDay           win_end;
  gint64          opening_kg;     /* at the end of the day before the year's start */
  GArray         *days;           /* GrStockDay: days with movements, year start … as-of */
  GArray         *months;         /* GrMonthStock: snapshots, the latest one before the range first */
  GArray         *rotations;      /* GrRotationMove, when the vacancy rule covers the plan */
  gboolean        vacancy_scope;  /* the vacancy rule covers the plan */
  /* The rotations read start on this day: the ones before are summed up
   * in the queue of open rotate-outs stored for it (gr-rotation-state.h),
   * GR_DAY_NONE when the whole history is read */
  GrDay           rotations_from;
  gboolean        lots_skipped;   /* a lot of the plan is outside the profile's classes */
  GPtrArray      *lots;           /* RuleLot, borrowed */
};

struct _RuleLot {
  char        *id;                /* stored right after the struct */
  guint        id_length;
  char        *name;              /* see gr_rules_lot_name() */
  RulePlan    *plan;
  RuleBin     *bin;
  const char  *variety;           /* interned */
  GrGrainClass klass;
  int          grade;             /* 0: none */
  gboolean     substandard;
  int          harvest_year;      /* 0: none */
  GrDay        produced_on;
  GrDay        entered_on;
  int          shelf_life_days;   /* 0: none */
  gboolean     packaged;
  const char  *owner;             /* in the context's string chunk */
  guint        rotation_mode;     /* the lot's, else its plan's */
  int          storage_quality;   /* 0 suitable, 1 slightly, 2 severely unsuitable */
  const char  *replaces;
  gboolean     delay_approved;
  gint64       balance_kg;        /* maintained: every movement */
  gint64       since_start_kg;    /* net of movements dated on or after the year's start */
  gint64       after_as_of_kg;    /* net of movements dated after the as-of date */
};

typedef struct {
  char           *id;
  char           *order_no;
  GrDay           date;
  GrDay           due;
  GrDay           completed;      /* the replenishment that completed it, or GR_DAY_NONE */
  RuleEnterprise *enterprise;
  const char     *variety;        /* interned */
  GrGrainClass    klass;
  gint64          quantity_kg;
  gint64          allocated_kg;
} RuleRelease;

/* Lots by id, for the movement pass: an open addressing table of
 * (hash, lot) costs one cache miss for the slot and one for the lot,
 * where a GHashTable of strings costs four. */
typedef struct {
  guint64  hash;
  RuleLot *lot;
} GrLotSlot;

typedef struct {
  GrLotSlot *slots;
  guint      mask;
} GrLotIndex;

typedef struct {
  GrStore        *store;
  GrProfile      *profile;
  GrDay           as_of;
  int             year;           /* of the as-of date */
  int             month;
  GrDay           year_start;     /* 1 January of the as-of year */
  /* Set before gr_rules_context_init () by a caller that needs every
   * vacancy of a plan's history (the timeline) or places a rotation of
   * any date (a movement's preview): the plans' rotations are then all
   * read, not started from the stored queues (gr-rotation-state.h). */
  gboolean        whole_history;
  /* Set by a caller that needs no plan's stock day by day (the
   * timeline): the window's movements are then only summed into the
   * lots (since_start_kg, after_as_of_kg), not kept, and no plan has
   * days. */
  gboolean        no_plan_days;

  GPtrArray      *enterprises;
  GPtrArray      *depots;
  GPtrArray      *bins;
  GPtrArray      *plans;          /* plans of the profile's classes */
  GPtrArray      *lots;           /* lots of those plans */
  GPtrArray      *releases;       /* orders of the profile's classes, by date */
  GHashTable     *enterprise_by_id;
  GHashTable     *depot_by_id;
  GHashTable     *bin_by_id;
  GHashTable     *plan_by_id;
  GrLotIndex      lot_index;

  GArray         *window_moves;   /* GrWindowMove: year start … as-of */
  GArray         *replenishments; /* GrReplenishMove up to the as-of date */
  GHashTable     *extensions;     /* "lot\037YYYY-MM" of approved vacancy extensions */
  GHashTable     *reports;        /* "enterprise\037YYYY-MM" → earliest filed_on */
  GHashTable     *submissions;    /* "enterprise\037YEAR" → earliest submitted_on */
  GStringChunk   *strings;

  GPtrArray      *findings;
} GrRulesContext;

/* gr-rules.c: days */
GrDay       gr_day_parse          (const char *iso);
GrDay       gr_day_from_ymd       (int         year,
                                   int         month,
                                   int         day);
void        gr_day_to_ymd         (GrDay       day,
                                   int        *year,
                                   int        *month,
                                   int        *mday);
GrDay       gr_day_month_end      (int         year,
                                   int         month);
GrDay       gr_day_add_months     (GrDay       day,
                                   int         months);
char       *gr_day_to_iso         (GrDay       day);
/* year × 12 + month − 1 */
int         gr_day_month_index    (GrDay       day);

/* gr-rules.c: findings */
GrFinding  *gr_rules_emit         (GrRulesContext *ctx,
                                   GrRuleId        rule,
                                   GrSeverity      severity,
                                   const char     *subject_type,
                                   const char     *subject_id,
                                   GrDay           due,
                                   char           *message);
void        gr_rules_about_lot    (GrFinding      *finding,
                                   RuleLot        *lot);
void        gr_rules_about_plan   (GrFinding      *finding,
                                   RulePlan       *plan);
void        gr_rules_about_enterprise (GrFinding      *finding,
                                       RuleEnterprise *enterprise);
/* How people know a lot and a plan; computed once, owned by them. */
const char *gr_rules_lot_name     (RuleLot        *lot);
const char *gr_rules_plan_name    (RulePlan       *plan);
/* "68%" or "68.5%", truncated so that a ratio below a threshold never shows as equal to it */
char       *gr_rules_format_ratio (gint64          part_kg,
                                   gint64          whole_kg);

/* Stock and activity */
gboolean    gr_rules_plan_active  (RulePlan       *plan,
                                   GrDay           day);
gint64      gr_rules_plan_stock   (RulePlan       *plan,
                                   GrDay           day);
gint64      gr_rules_plan_month_stock (RulePlan   *plan,
                                       int         month_index);
gint64      gr_rules_lot_as_of_kg (RuleLot        *lot);
gboolean    gr_rules_lot_covered  (GrRulesContext *ctx,
                                   RuleLot        *lot);

/* gr-rules-load.c */
gboolean    gr_rules_load         (GrRulesContext *ctx,
                                   GError        **error);
RuleLot    *gr_rules_find_lot     (GrRulesContext *ctx,
                                   const char     *id);

/* gr-rules-release.c: the replenishments allocated to the orders
 * first-in-first-out (DESIGN.md §4 "Release allocation"), from nothing
 * each time it runs. fills, when given, receives a GrReleaseFill for each
 * part of a replenishment that went to an order. */
typedef struct {
  guint        release;                 /* index in ctx->releases */
  RuleLot     *lot;                     /* the lot replenished */
  GrDay        day;
  gint64       quantity_kg;
} GrReleaseFill;

void        gr_rules_allocate_releases (GrRulesContext *ctx,
                                        GArray         *fills);
gboolean    gr_rules_release_open (RuleRelease    *release,
                                   GrDay           day);
/* The day its exemption ends: min (due, completed). */
GrDay       gr_rules_release_end  (RuleRelease    *release);
void        gr_rules_release_replenish (GrRulesContext     *ctx,
                                        const GrRuleParams *params);

/* gr-rules-age.c: the storage-year limit that applies to a lot (NULL:
 * none, or Zhongshan 第十八条's approved delay in a low-temperature bin);
 * the last day of the months-th month counted from the entry month
 * (当月起算); a lot's expiry (produced_on + shelf life), GR_DAY_NONE
 * when it has none. */
const GrAgeLimit *gr_rules_lot_age_limit (const GrRuleParams *params,
                                          RuleLot            *lot);
GrDay       gr_rules_age_deadline (RuleLot        *lot,
                                   int             months);
GrDay       gr_rules_lot_expiry   (RuleLot        *lot);

/* gr-rules-vacancy.c: the plan's vacancies, its rotate-outs matched
 * first-in-first-out by its rotate-ins (DESIGN.md §4 rotation.vacancy),
 * each with its deadline (approved extension included). fills, when
 * given, receives a GrVacancyFill for each part of a rotate-in. */
typedef struct {
  const GrRotationMove *out;
  gint64                remaining_kg;   /* after every rotate-in */
  GrDay                 closed;         /* the rotate-in that filled it, or GR_DAY_NONE */
  GrDay                 deadline;
  int                   months;         /* the vacancy's length, extension included */
} GrVacancy;

typedef struct {
  guint                 vacancy;        /* index in the vacancies */
  GrDay                 day;
  gint64                quantity_kg;
  const GrRotationMove *in;             /* the rotate-in */
} GrVacancyFill;

GArray     *gr_rules_plan_vacancies (GrRulesContext     *ctx,
                                     const GrRuleParams *params,
                                     RulePlan           *plan,
                                     GArray             *fills);

/* gr-rules.c: a context loaded for as_of (releases allocated), for
 * computations beyond the rules (the subsidy statement). */
gboolean    gr_rules_context_init  (GrRulesContext *ctx,
                                    GrStore        *store,
                                    GrProfile      *profile,
                                    GrDay           as_of,
                                    GError        **error);
void        gr_rules_context_clear (GrRulesContext *ctx);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GrRulesContext, gr_rules_context_clear)

/* One function per rule */
void gr_rules_stock_min_ratio     (GrRulesContext *ctx, const GrRuleParams *params);
void gr_rules_stock_full_month    (GrRulesContext *ctx, const GrRuleParams *params);
void gr_rules_stock_negative      (GrRulesContext *ctx, const GrRuleParams *params);
void gr_rules_age_limit           (GrRulesContext *ctx, const GrRuleParams *params);
void gr_rules_shelf_life          (GrRulesContext *ctx, const GrRuleParams *params);
void gr_rules_rotation_newer_in   (GrRulesContext *ctx, const GrRuleParams *params);
void gr_rules_intake_new_grain    (GrRulesContext *ctx, const GrRuleParams *params);
void gr_rules_rotation_vacancy    (GrRulesContext *ctx, const GrRuleParams *params);
void gr_rules_quality_storage     (GrRulesContext *ctx, const GrRuleParams *params);
void gr_rules_quality_grade       (GrRulesContext *ctx, const GrRuleParams *params);
void gr_rules_storage_segregation (GrRulesContext *ctx, const GrRuleParams *params);
void gr_rules_report_monthly      (GrRulesContext *ctx, const GrRuleParams *params);
void gr_rules_plan_annual         (GrRulesContext *ctx, const GrRuleParams *params);

G_END_DECLS
