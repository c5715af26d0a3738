/* gr-planner.h: propose next year's rotation plan (DESIGN.md §7 `plan`)
 *
 * For year Y and every enterprise (or one), the planner proposes items
 * (lot, quantity, out month, in month, reason) such that, under the
 * projection of gr-projection.h:
 *
 *  (a) every lot whose storage-year limit (without any permitted delay:
 *      a delay is an exception the company must justify) or shelf life
 *      ends by the end of Y is fully rotated out before its limit month
 *      (out month ≤ entry month + L − 1; shelf life: before the month it
 *      expires in); a static lot whose last month falls within the first
 *      V months of Y + 1 (V its vacancy limit) is planned in Y too, so its
 *      vacancy runs across the year end rather than against its limit;
 *  (b) lots that are not 宜存, then the oldest, go first;
 *  (c) where the profile asks for balanced rotation (Nanchang 第三十六条),
 *      each such plan rotates out between the band's bounds of its
 *      quantity in Y (raw grain 25–45 %, bulk oil 40–60 %), unless (a)
 *      forces more;
 *  (d) the projected stock never goes below the profile's minimum at any
 *      checked time of Y, in the profile's scope;
 *  (e) every vacancy stays within its limit (in month ≤ out month + V),
 *      and dynamic-rotation plans rotate in first (in month < out month
 *      where the year allows, else equal);
 *  (f) with the full-month rule (Zhongshan 第十七条), each plan has a
 *      month end at 100 % in Y.
 *
 * A lot is rotated in tranches (several items, in different months) when
 * the minimum does not allow it at once. When no plan meets every
 * constraint, `feasible` is FALSE, `problems` says which constraint fails
 * for which plan (or enterprise) and why, and the items are the least-bad
 * plan: every lot that (a) requires is still rotated, as early and in as
 * small tranches as the minimum allows.
 *
 * The result is the same for the same data: no clock, no randomness, ties
 * broken by id.
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
