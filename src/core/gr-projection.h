/* gr-projection.h: month-by-month stock of a year under rotation items
 * (DESIGN.md §7 `plan`, the projection convention)
 *
 * The projection starts from each lot's balance at the start of the year
 * (1 January, as the ledger has it: for a year still to come, today's
 * balance; what is not done yet is not assumed done) and applies the
 * rotation items given, nothing else. For month m of the year:
 *
 *   during m = balance − Σ q (out month ≤ m) + Σ q (in month < m)
 *   end of m = during m + Σ q (in month = m)
 *
 * "Any time" profiles check the stock during each month (so a rotation
 * inside one month shows as a dip); "month end" profiles check the end of
 * each month. An item with in month ≤ out month rotates in first (先入后出):
 * it never lowers the stock.
 *
 * The scope follows the profile's stock.min_ratio: one series per plan
 * (承储计划), or per enterprise where the scope is the enterprise
 * (Dongguan 第十五条: 70 % of the enterprise's 储备规模 at every month end).
 * Plans of classes the profile does not cover are left out (Zhongshan
 * 第二条: no oil). A month counts for the minimum when a plan of the scope
 * is active then (valid_from … valid_to, and from fill_by when set): at
 * the month's end for month-end profiles, on some day of it for any-time
 * ones; the quantity and the requirement sum the plans active then.
 * Ratios are compared in integers: below when stock_kg × 100 <
 * Σ plan_kg × percent.
 *
 * A GrProjection is loaded once (plans, lots, balances at the year's
 * start) and run many times; running costs the items plus 12 months per
 * series, and never reads the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-profile.h"
#include "gr-rotation-plan.h"
#include "gr-store.h"

G_BEGIN_DECLS

typedef struct _GrProjection GrProjection;

typedef struct {
  const char *enterprise;      /* interned */
  const char *plan;            /* interned; NULL where the scope is the enterprise */
  int         month;           /* month index (year × 12 + month − 1) */
  gboolean    checked;         /* the minimum applies this month */
  gint64      during_kg;       /* during the month */
  gint64      end_kg;          /* at its end */
  gint64      stock_kg;        /* what the profile checks: during (any time) or end (month end) */
  gint64      plan_kg;         /* Σ quantity of the scope's plans active this month */
  gint64      required_kg100;  /* Σ plan_kg × percent of their class */
  double      ratio;           /* stock_kg ÷ plan_kg; 0 when plan_kg is 0 */
  gboolean    below;           /* checked and stock_kg × 100 < required_kg100 */
} GrProjectionMonth;

/* Loads the plans of the profile's classes (of one enterprise, or all
 * with enterprise NULL) that are valid at some time in year, and their
 * lots with their balance at the start of year. */
GrProjection *gr_projection_new   (GrStore        *store,
                                   GrProfile      *profile,
                                   int             year,
                                   const char     *enterprise,
                                   GError        **error);
void          gr_projection_free  (GrProjection   *self);

int           gr_projection_get_year  (GrProjection *self);
/* Whether the profile checks the stock during each month (any time)
 * rather than at month ends; whether the scope is the enterprise. */
gboolean      gr_projection_any_time  (GrProjection *self);
gboolean      gr_projection_enterprise_scope (GrProjection *self);

/* A lot the projection knows: its balance at the start of the year and
 * its plan and enterprise (interned). FALSE when unknown. */
gboolean      gr_projection_lookup_lot (GrProjection  *self,
                                        const char    *lot,
                                        gint64        *out_opening_kg,
                                        const char   **out_plan,
                                        const char   **out_enterprise);

/* The series under items (GrRotationItem; items of lots the projection
 * does not know are ignored): GrProjectionMonth, 12 per series, series by
 * enterprise id then plan id, months in order. Series without a plan
 * active in the year are left out. */
GArray       *gr_projection_run   (GrProjection   *self,
                                   GPtrArray      *items);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrProjection, gr_projection_free)

G_END_DECLS
