/* gr-planner.h: propose next year's rotation plan (DESIGN.md §7 `plan`)
 *
 * For year Y and every enterprise (or one), the planner proposes items
 * (lot, quantity, out month, in month, reason) such that, under the
 * projection of gr-projection.h (from the lots' balances on 1 January of
 * Y, DESIGN.md §7's convention):
 *
 *  (a) every lot whose storage-year limit (without any permitted delay:
 *      a delay is an exception the company must justify; Zhongshan's
 *      approved delay of 第十八条 is already approved, and is kept) or
 *      shelf life ends by the end of Y is fully rotated out before its
 *      limit month (out month ≤ entry month + L − 1; shelf life: before
 *      the month it expires in). A lot under the vacancy rule whose last
 *      month falls within the first V months of Y + 1 (V its vacancy
 *      limit) is planned in Y too, so its vacancy runs across the year end
 *      rather than against its limit. A lot already past its limit when Y
 *      begins goes out in January, the earliest Y allows; its limit ended
 *      in an earlier year (`check` reports it there) and its reason says so;
 *  (b) lots that are not 宜存 (the worse first), then the oldest (entry
 *      date), go first: they are chosen first and placed first;
 *  (c) where the profile asks for balanced rotation (Nanchang 第三十六条,
 *      the profile's rotation_balance), each such plan rotates out between
 *      the band's bounds of its quantity in Y (raw grain 25–45 %, bulk oil
 *      40–60 %): the oldest lots up to the middle of the band, the last in
 *      part rather than past the top; more only where (a) forces it;
 *  (d) the projected stock never goes below the profile's minimum at any
 *      checked time of Y, in the profile's scope;
 *  (e) every vacancy stays within its limit (in month ≤ out month + V),
 *      and dynamic-rotation plans rotate in first: the month before they
 *      rotate out (the same month in January). A lot under the vacancy
 *      rule comes back the month after it goes out, or within the month
 *      where the minimum asks; other lots rotate within the month;
 *  (f) with the full-month rule (Zhongshan 第十七条), each plan keeps a
 *      month end at 100 % in Y.
 *
 * Lots required by (a) go as late as they may (a lot is used up to its
 * limit, and the rotations spread over the year as the lots' ages do);
 * the others as early as they may. A lot goes whole in one month where
 * the minimum allows, else in tranches (several items in different
 * months, whole tonnes but the last).
 *
 * When no plan meets every constraint, `feasible` is FALSE and `problems`
 * says which constraint fails ("c", "d" or "f": (a), (b) and (e) are
 * always kept) for which plan (or enterprise, for enterprise scope) and
 * why. The items are then the least-bad plan: a required lot that finds
 * no room still goes out by its deadline, spread where it lowers the
 * stock least.
 *
 * Release orders' exemptions from the minimum are not counted: the
 * projection holds the plan to its minimum all year.
 *
 * The result is the same for the same data: no clock, no randomness, ties
 * broken by id. The store is read once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-profile.h"
#include "gr-projection.h"
#include "gr-rotation-plan.h"
#include "gr-store.h"

G_BEGIN_DECLS

typedef struct {
  char *constraint;   /* "a" … "f" */
  char *enterprise;
  char *plan;         /* NULL where the problem is the enterprise's */
  char *text;         /* translated, one sentence with the numbers and the article */
} GrPlannerProblem;

typedef struct {
  GrRotationItem *item;        /* lot, quantity, months, reason (translated) */
  const char     *enterprise;  /* interned */
  const char     *plan;        /* interned: the lot's storage plan */
  gboolean        required;    /* (a): the lot's limit demands it */
} GrPlannerItem;

typedef struct {
  int         year;
  char       *profile;     /* the profile's id */
  gboolean    feasible;
  GPtrArray  *problems;    /* GrPlannerProblem */
  GPtrArray  *items;       /* GrPlannerItem, by enterprise, out month, lot */
  GArray     *projection;  /* GrProjectionMonth under the items */
  GHashTable *labels;      /* lot, plan and enterprise ids → how people know
                            * them ("城南库 P01仓 中晚籼稻", …) */
  double      seconds;     /* how long proposing took */
} GrPlannerResult;

void             gr_planner_result_free (GrPlannerResult *result);

/* Proposes the plan of year for every enterprise (enterprise NULL) or one. */
GrPlannerResult *gr_planner_propose     (GrStore         *store,
                                         GrProfile       *profile,
                                         int              year,
                                         const char      *enterprise,
                                         GError         **error);

/* The proposal's items of one enterprise as a draft rotation plan (not
 * stored). */
GrRotationPlan  *gr_planner_result_to_plan (const GrPlannerResult *result,
                                            const char            *enterprise);

/* Stores the proposal of each enterprise that has items as its draft
 * plan for the year, in one transaction (gr_rotation_plan_save as the
 * company). Refused, with nothing written, when any of those enterprises
 * already has a submitted or approved plan for the year. */
gboolean         gr_planner_result_save (GrStore               *store,
                                         GrProfile             *profile,
                                         const GrPlannerResult *result,
                                         const char            *by,
                                         GError               **error);

/* DESIGN.md §7: {"year", "feasible", "problems": [{"constraint",
 * "enterprise", "plan", "text"}], "items": [{"lot", "quantity_t",
 * "out_month", "in_month", "reason"}], "projection": [{"enterprise",
 * "plan", "month", "stock_t", "ratio"}]} */
char            *gr_planner_result_to_json (const GrPlannerResult *result,
                                            gboolean               pretty);
/* For people, in the UI's language. */
char            *gr_planner_result_to_text (const GrPlannerResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrPlannerResult, gr_planner_result_free)

G_END_DECLS
