/* gr-report-subsidy.h: the subsidy statement (DESIGN.md §4 "Subsidy")
 *
 * Per plan and day of the year: rate × basis × 2000 斤/吨 ÷ days in the
 * year (365 or 366). The basis is 0 on days the plan is not valid; else
 * the plan quantity (定额包干), except after a release while the plan's
 * stock is below its minimum, where it is the actual stock until
 * replenished to the minimum (Dongguan 第三十七条, Zhongshan 第二十七条;
 * profiles with actual_stock_after_release). While the basis is the plan
 * quantity, the quantity still vacant of a vacancy earns nothing on the
 * days after its deadline, the approved extension included (Dongguan
 * 第十七条, Nanchang 第三十八条; profiles with vacancy_unpaid_after_deadline).
 * Amounts are summed in fen and rounded once per plan, half up.
 *
 * Where the design is silent:
 * - "After a release": on a day when a release order of the plan's
 *   enterprise and variety has been issued and not yet completed by the
 *   release allocation of the engine (its 12-month due date ends the
 *   exemption of the stock rules, not the reduced basis).
 * - The plan's minimum is its quantity times the stock.min_ratio
 *   percentage of its class (with enterprise scope, that percentage
 *   applied to each plan); the full quantity when the profile has none.
 * - A month's statement uses that month's days and the days of its year
 *   as divisor; basis_t is the average over the statement's days.
 * - The plans are those of the profile's classes (Zhongshan: no oil).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-profile.h"
#include "gr-store.h"

G_BEGIN_DECLS

typedef struct {
  char    *plan;
  char    *plan_name;
  char    *enterprise;
  char    *variety;
  double   rate;               /* 元/斤/年; meaningful when has_rate */
  gboolean has_rate;
  gint64   basis_kg;           /* day-weighted average, rounded half up to the kg */
  gint64   amount_fen;         /* meaningful when has_rate */
  /* The days of the period at each basis. */
  guint    days_inactive;      /* plan not valid: basis 0 */
  guint    days_quantity;      /* the plan quantity */
  guint    days_actual;        /* the actual stock, after a release */
  guint    days_vacancy;       /* the plan quantity less vacancies past their deadline */
} GrSubsidyPlan;

typedef struct {
  int        year;
  int        month;            /* 0: the whole year */
  guint      days_in_year;
  guint      days;             /* of the period */
  GPtrArray *plans;            /* GrSubsidyPlan, by enterprise then plan id */
  gint64     total_fen;        /* the amounts that have a rate */
  gboolean   any_rate;
} GrSubsidyStatement;

/* month: 1–12, or 0 for the whole year. */
GrSubsidyStatement *gr_subsidy_compute (GrStore     *store,
                                        GrProfile   *profile,
                                        int          year,
                                        int          month,
                                        GError     **error);
/* DESIGN.md §7: {"year", "plans": [{"plan", "variety",
 * "rate_yuan_per_jin_year", "basis_t", "amount_yuan"}], "total_yuan"},
 * with "month" when the statement is for one, and each plan's days. */
char               *gr_subsidy_to_json (GrSubsidyStatement *statement);
void                gr_subsidy_free    (GrSubsidyStatement *statement);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrSubsidyStatement, gr_subsidy_free)

G_END_DECLS
