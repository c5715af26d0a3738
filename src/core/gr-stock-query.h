/* gr-stock-query.h: the stock ledger as the Stock page shows it
 *
 * A snapshot is one read of enterprise → depot → bin → lot with the
 * maintained lot balances (DESIGN.md §3 "Balances"): never the movement
 * history. It is read in a worker thread on the worker's own store and is
 * immutable afterwards, so the main thread and further workers share it
 * by reference. Strings and arrays belong to the snapshot.
 *
 * Sorting 60,000 rows by text on the main thread would stall it
 * (collation keys are slow): the snapshot ranks every text a table sorts
 * by in the collation order, once, in the worker, and the tables sort by
 * those ranks as numbers.
 *
 * Decisions where DESIGN.md is silent:
 *  - A depot's capacity is its capacity_t when set, else the sum of its
 *    bins' capacities.
 *  - Stock and lots "in store" count lots with a positive balance.
 *  - Plan quantities count the plans valid on the as-of date (valid_from ≤
 *    as-of ≤ valid_to), as the Overview does.
 *  - The location hierarchy follows the bin (lot → bin → depot →
 *    enterprise); stock against plan follows the lot's plan.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gr-store.h"

G_BEGIN_DECLS

typedef enum {
  GR_STOCK_LEVEL_ENTERPRISE,
  GR_STOCK_LEVEL_DEPOT,
  GR_STOCK_LEVEL_BIN,
  GR_STOCK_LEVEL_LOT,
  GR_STOCK_N_LEVELS
} GrStockLevel;

/* Storage age bands, counted in months from the entry month (当月起算). */
typedef enum {
  GR_STOCK_AGE_UNDER_1Y,   /* 1–12 months */
  GR_STOCK_AGE_1_2Y,       /* 13–24 */
  GR_STOCK_AGE_2_3Y,       /* 25–36 */
  GR_STOCK_AGE_OVER_3Y,    /* 37 and more */
  GR_STOCK_N_AGE_BANDS
} GrStockAgeBand;

typedef struct {
  const char *id;
  const char *name;
  const char *kind;
  const char *name_fold;     /* casefolded, for searching (in the snapshot) */
  guint       name_rank;     /* place in the collation order of names */
  gint64      plan_kg;       /* plans valid on the as-of date */
  gint64      stock_kg;      /* lots of its depots */
  gint64      capacity_kg;   /* its depots' capacities */
  guint       n_lots;        /* lots of its depots in store */
} GrStockEnterprise;

typedef struct {
  const char *id;
  const char *code;
  const char *name;
  const char *region;
  const char *grade;         /* "none", "A" … "AAAAA" */
  const char *name_fold;
  guint       name_rank;
  guint       region_rank;
  guint       enterprise;    /* index */
  gint64      capacity_kg;
  gint64      stock_kg;
  guint       n_lots;
} GrStockDepot;

typedef struct {
  const char *id;
  const char *code;
  const char *type;
  const char *storage_tech;
  const char *keeper;        /* may be NULL */
  const char *code_fold;
  const char *keeper_fold;
  guint       code_rank;     /* codes compared as people read them: P2 before P10 */
  guint       keeper_rank;
  guint       depot;         /* index */
  gint64      capacity_kg;   /* 0: unknown */
  gint64      stock_kg;
  guint       n_lots;
} GrStockBin;

typedef struct {
  const char *id;
  guint       enterprise;    /* index */
  const char *variety;       /* static code of gr_variety_codes () */
  const char *rotation_mode;
  gint64      quantity_kg;
  gboolean    active;        /* valid on the as-of date */
  gint64      stock_kg;      /* its lots' balances */
  gint64      month_end_kg;  /* at the end of the month before the as-of month */
} GrStockPlan;

typedef struct {
  const char *id;
  const char *id_fold;
  guint       id_rank;
  guint       bin;           /* index */
  guint       plan;          /* index */
  const char *variety;       /* static code */
  guint       variety_index; /* in gr_variety_codes () */
  int         grade;         /* 0: none (untested) */
  gboolean    substandard;
  int         harvest_year;  /* 0: none */
  const char *produced_on;   /* NULL: none */
  const char *entered_on;
  int         age_months;    /* at the as-of date, 当月起算; 0 before entry */
  const char *owner;
  const char *rotation_mode; /* the lot's, else its plan's */
  const char *storage_quality;
  gint64      balance_kg;
} GrStockLot;

typedef struct _GrStockSnapshot GrStockSnapshot;

/* as_of: YYYY-MM-DD, or NULL for today. */
GrStockSnapshot         *gr_stock_snapshot_load        (GrStore          *store,
                                                        const char       *as_of,
                                                        GCancellable     *cancellable,
                                                        GError          **error);
GrStockSnapshot         *gr_stock_snapshot_ref         (GrStockSnapshot  *self);
void                     gr_stock_snapshot_unref       (GrStockSnapshot  *self);

const char              *gr_stock_snapshot_get_as_of   (GrStockSnapshot  *self);
/* The regulation profile stored in the database, or NULL */
const char              *gr_stock_snapshot_get_profile (GrStockSnapshot  *self);
guint                    gr_stock_snapshot_get_n       (GrStockSnapshot  *self,
                                                        GrStockLevel      level);
guint                    gr_stock_snapshot_get_n_plans (GrStockSnapshot  *self);
const GrStockEnterprise *gr_stock_snapshot_get_enterprise (GrStockSnapshot *self,
                                                           guint            index);
const GrStockDepot      *gr_stock_snapshot_get_depot   (GrStockSnapshot  *self,
                                                        guint             index);
const GrStockBin        *gr_stock_snapshot_get_bin     (GrStockSnapshot  *self,
                                                        guint             index);
const GrStockPlan       *gr_stock_snapshot_get_plan    (GrStockSnapshot  *self,
                                                        guint             index);
const GrStockLot        *gr_stock_snapshot_get_lot     (GrStockSnapshot  *self,
                                                        guint             index);
/* Index of the record with that id at that level, or -1 */
int                      gr_stock_snapshot_find        (GrStockSnapshot  *self,
                                                        GrStockLevel      level,
                                                        const char       *id);
/* Harvest years (or production years) of the lots, newest first. */
GArray                  *gr_stock_snapshot_dup_years   (GrStockSnapshot  *self);

/* Stock against plan per variety, for one enterprise (index) or all (-1):
 * plans valid on the as-of date and their lots. */
typedef struct {
  const char *variety;       /* static code */
  gint64      stock_kg;
  gint64      month_end_kg;  /* at the end of the month before the as-of month */
  gint64      plan_kg;
} GrStockVarietyTotal;

GArray                  *gr_stock_snapshot_variety_totals (GrStockSnapshot *self,
                                                           int              enterprise);

/* Months of storage at as_of of grain entered on entered_on, the entry
 * month counting as the first (DESIGN.md §4 age.limit, 当月起算):
 * (as-of year − entry year) × 12 + (as-of month − entry month) + 1.
 * 0 when as_of is before the entry month or a date is invalid. */
int                      gr_stock_age_months           (const char       *entered_on,
                                                        const char       *as_of);
/* The band of an age in months (≥ 1); -1 for 0. */
int                      gr_stock_age_band             (int               months);
/* Translated: 1年以内, 1–2年, 2–3年, 3年以上 */
const char              *gr_stock_age_band_name        (GrStockAgeBand    band);
/* Translated: 企业, 库点, 仓房, 货位 */
const char              *gr_stock_level_name           (GrStockLevel      level);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrStockSnapshot, gr_stock_snapshot_unref)

G_END_DECLS
