/* gr-rules.h: the compliance engine (DESIGN.md §4)
 *
 * Computes every rule of a regulation profile for an as-of date against
 * the store and returns the findings, sorted. It reads the maintained lot
 * balances, the per-plan month-end snapshots and one pass over the
 * movements of the evaluation window (plus the older rotation and
 * replenishment movements that vacancies and release orders need), never
 * the whole history per rule or per lot. Pure core: no GTK; run it in a
 * worker with the worker's own store.
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
