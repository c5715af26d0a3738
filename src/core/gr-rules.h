/* gr-rules.h: the compliance engine (DESIGN.md §4)
 *
 * Computes every rule of a regulation profile for an as-of date against
 * the store and returns the findings, sorted. It reads the maintained lot
 * balances, the per-plan month-end snapshots and each movement it needs
 * once: those of the evaluation window, the older rotations of the plans
 * the vacancy rule covers (first-in-first-out matching needs them) and
 * the replenishments since the oldest release order; never the whole
 * history per rule or per lot. Pure core: no GTK; run it in a worker with
 * the worker's own store (a GrProfile may be shared).
 *
 * Where DESIGN.md §4 leaves a choice, the engine takes these:
 * - Plans, lots and release orders of a class the profile does not cover
 *   are invisible to every rule (Zhongshan 第二条).
 * - stock.min_ratio: a finding has no due date. "Any time" checks the end
 *   of the plan's window (the as-of date, or valid_to when earlier). With
 *   enterprise scope the minimum is the sum of each active plan's quantity
 *   times its class's percentage, so mixed classes weigh in proportion.
 * - stock.full_month: a month end at 100 % satisfies its year even when it
 *   falls in a release window; only month ends up to the as-of date and on
 *   which the plan is active (fill_by included) count.
 * - age.limit: a violation is due on the last day of the final permitted
 *   month (limit plus delay), like the delay warning.
 * - stock.negative: the lot's plan's window applies, as for every rule.
 * - rotation.vacancy: FIFO runs over the plan's whole rotation history
 *   (rotate-outs before the window may still be open in it); same-day
 *   rotate-outs open their vacancies in the order of their ids.
 * - rotation.newer_in compares harvest years when both lots have one, else
 *   production dates when both have one; otherwise there is nothing to compare.
 * - rotation.newer_in, intake.new_grain: "entered in the window" means the
 *   entry date lies in the lot's plan's window.
 * - storage.segregation: a lot's missing owner is "municipal" and its
 *   missing rotation mode its plan's (DESIGN.md §3 defaults); "grade"
 *   compares grade and substandard together.
 * - report.monthly: an enterprise of the profile's kinds owes a report for
 *   a month in which it held a plan; a report filed late stays a
 *   violation; one filed after the as-of date does not count yet.
 * - plan.annual: an enterprise is in scope for a year when it holds a plan
 *   of the rule's classes and rotation modes valid at some time in it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-finding.h"
#include "gr-profile.h"
#include "gr-store.h"

G_BEGIN_DECLS

/* as_of: YYYY-MM-DD, or NULL for today. Returns a GPtrArray of GrFinding
 * (owning them), sorted by severity, rule, subject id and due date. */
GPtrArray *gr_rules_check (GrStore     *store,
                           GrProfile   *profile,
                           const char  *as_of,
                           GError     **error);

G_END_DECLS
