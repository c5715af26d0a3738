/* gr-kpi.h: the Overview's figures for an as-of date (DESIGN.md §4 "Region targets", §5)
 *
 * Everything a bureau leader reads on the Overview, computed from the
 * maintained summaries only: lot balances, per-plan month-end snapshots,
 * the depot and bin records and the dates of the quality tests. The
 * movements are never rescanned, so the figures cost the same on a city
 * and on a province.
 *
 * The figures can be narrowed to one enterprise (its plans and its
 * depots) or to one region (县/区: the depots there, their bins and the
 * lots in those bins). Storage plans are set per enterprise, not per
 * region, so a region has stock but no plan quantity: its scale, plan
 * markers and month-end ratios are left out (has_plans FALSE).
 *
 * Choices where DESIGN.md is silent:
 * - Stock and scale sum the plans active on the day (valid_from ≤ d ≤
 *   valid_to and, with fill_by, d ≥ fill_by), as enterprise totals do in
 *   the rules (DESIGN.md §4). The stock of a plan is its snapshot for the
 *   as-of month (the latest at or before it): the stock on the as-of date
 *   whenever no movement of that month is dated after it, read with one
 *   index lookup per plan instead of a pass over every lot. In a region
 *   it is the sum of the maintained balances of the lots there.
 * - The quality pass rate counts every lot in store (balance > 0) with a
 *   quality test dated in the twelve months up to the as-of date
 *   (as_of − 12 months < date ≤ as_of), whatever the state of its plan.
 * - Month-end ratios: the last of the months is the as-of month, counted
 *   to the as-of date; a month without a snapshot carries the previous
 *   one forward (a snapshot is written only for months with movements).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-finding.h"
#include "gr-profile.h"
#include "gr-store.h"

G_BEGIN_DECLS

/* Months of the month-end stock ratio trend, the as-of month last. */
#define GR_KPI_MONTHS 24

typedef enum {
  GR_KPI_SCOPE_ALL,
  GR_KPI_SCOPE_ENTERPRISE,
  GR_KPI_SCOPE_REGION,
} GrKpiScope;

/* Stock and plan of one variety on the as-of date. */
typedef struct {
  char   *variety;
  gint64  stock_kg;
  gint64  plan_kg;       /* 0 in a region */
} GrKpiVariety;

/* Month-end stock and plan quantity, month by month (GrKpi.months). */
typedef struct {
  char   *key;           /* a variety code, a group ("paddy", "oil") or "total" */
  gint64  stock_kg[GR_KPI_MONTHS];
  gint64  plan_kg[GR_KPI_MONTHS];
} GrKpiSeries;

typedef struct {
  char       *as_of;                   /* YYYY-MM-DD */
  GrKpiScope  scope;
  char       *scope_id;                /* enterprise id or region name; NULL for all */
  gboolean    has_plans;               /* FALSE in a region */

  /* 政策性粮食储备: stock against the scale, the plans active on as_of */
  gint64      stock_kg;
  gint64      scale_kg;
  /* 成品粮 (rice and flour) */
  gint64      finished_stock_kg;
  gint64      finished_plan_kg;
  /* Quality: tonnage of the lots tested in the twelve months to as_of,
   * and of those that pass (see gr-kpi.c for the test applied) */
  gint64      quality_tested_kg;
  gint64      quality_passed_kg;
  guint       n_lots_tested;
  /* Depots: all, AAA or better, informatised (数据通、视频通、业务通) */
  guint       n_depots;
  guint       n_depots_aaa;
  guint       n_depots_informatised;
  /* Bin capacity: all, and low-temperature or controlled-atmosphere
   * (quasi_low_temp, low_temp, controlled_atmosphere: 表2 row 14) */
  gint64      capacity_kg;
  gint64      low_temp_capacity_kg;

  GArray     *varieties;               /* GrKpiVariety in gr_variety_codes () order, only those present */
  char       *months[GR_KPI_MONTHS];   /* YYYY-MM, oldest first */
  GPtrArray  *series;                  /* GrKpiSeries: each variety present, then "total"; empty in a region */
} GrKpi;

GrKpi             *gr_kpi_collect        (GrStore      *store,
                                          const char   *as_of,
                                          GrKpiScope    scope,
                                          const char   *scope_id,
                                          GError      **error);
void               gr_kpi_free           (GrKpi        *kpi);
gboolean           gr_kpi_set_tested_on  (GrStore      *store,
                                          GError      **error);

/* num ÷ den as a fraction; NaN when den ≤ 0 */
double             gr_kpi_ratio          (gint64        num,
                                          gint64        den);
/* Days the finished grain covers at the daily consumption (t/day);
 * NaN without a consumption. 12,560 t ÷ 1,256 t/day = 10 days. */
double             gr_kpi_days_of_supply (gint64        finished_kg,
                                          double        daily_consumption_t);
/* The ratio of month i of a series; NaN without a plan that month */
double             gr_kpi_series_ratio   (const GrKpiSeries *series,
                                          guint         month);
/* The series of key, or NULL */
const GrKpiSeries *gr_kpi_find_series    (const GrKpi  *kpi,
                                          const char   *key);
/* The variety series summed into the groups people read a trend by:
 * the three paddies as "paddy" (稻谷), the five oils as "oil" (食用油),
 * every other variety on its own, then "total". Owned GrKpiSeries. */
GPtrArray         *gr_kpi_group_series   (const GrKpi  *kpi);
/* The group a variety is summed into: "paddy", "oil" or the code itself */
const char        *gr_kpi_variety_group  (const char   *variety);
void               gr_kpi_series_free    (GrKpiSeries  *series);

/* A place the Overview can be narrowed to */
typedef struct {
  GrKpiScope  scope;
  char       *id;                      /* enterprise id, or the region's name */
  char       *name;
} GrKpiPlace;

/* Enterprises (reserve companies first, then by id), then regions (by
 * name in the locale's order). Owned GrKpiPlace. */
GPtrArray         *gr_kpi_list_places    (GrStore      *store,
                                          GError      **error);
void               gr_kpi_place_free     (GrKpiPlace   *place);

/* One minimum-stock line of a profile's stock.min_ratio: the percent,
 * the classes it applies to, and where it is written. */
typedef struct {
  int         percent;
  guint       classes;                 /* GR_CLASS_BIT mask */
  gboolean    enterprise_scope;        /* of the enterprise's total scale (Dongguan 第十五条) */
  char       *document;
  char       *article;
} GrKpiThreshold;

/* The distinct percentages of the profile's stock.min_ratio, lowest
 * first, each with every class it applies to; empty when the profile
 * has no such rule. Owned GrKpiThreshold. */
GPtrArray         *gr_kpi_thresholds     (GrProfile    *profile);
void               gr_kpi_threshold_free (GrKpiThreshold *threshold);

/* Findings by severity for every place at once: keys "" (all),
 * "enterprise:ID" and "region:NAME"; values GrKpiCounts. A finding
 * counts for its enterprise, and for the region of its depot when it
 * has one (a finding on a plan or an enterprise has no region). */
typedef struct {
  guint violations;
  guint warnings;
  guint infos;
} GrKpiCounts;

GHashTable        *gr_kpi_count_findings (GPtrArray    *findings,
                                          GHashTable   *depot_regions);
/* depot id → region, for gr_kpi_count_findings */
GHashTable        *gr_kpi_depot_regions  (GrStore      *store,
                                          GError      **error);
/* The key of a place in the table of gr_kpi_count_findings */
char              *gr_kpi_place_key      (GrKpiScope    scope,
                                          const char   *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrKpi, gr_kpi_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrKpiSeries, gr_kpi_series_free)

G_END_DECLS
