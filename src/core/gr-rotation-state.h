/* gr-rotation-state.h: each plan's open rotate-outs at each 1 January
 *
 * The vacancy rule (rotation.vacancy: 东莞 第十七条, 南昌 第三十八条) opens
 * a vacancy with each rotate-out of a plan and fills the open ones with
 * the plan's later rotate-ins, first in, first out; a rotate-in beyond
 * them is ordinary stock. The vacancies open in a year therefore depend
 * on the plan's whole rotation history. The ledger keeps, in table
 * plan_rotation_state, the queue of rotate-outs still open at each
 * 1 January from the year after a plan's first rotation to the year after
 * its last, so that the rules start from the queue before the year they
 * check and read that year's rotations only.
 *
 * The queue is that of every rotation of the plan's lots (neither the lot
 * nor the movement deleted, a valid date), in the rules' order: by date,
 * rotate-outs before rotate-ins on a day, rotate-outs by id. Only its
 * head can be partly filled: rotate-ins fill the oldest open one first.
 *
 * Triggers of the schema (migration 7) drop the rows a change makes
 * stale: a rotation dated before a 1 January drops that year's row and
 * the later ones; a lot that changes plan, is deleted or added drops its
 * plans' rows. The ledger writes the missing rows of the plans it settles.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-store.h"

G_BEGIN_DECLS

/* One open vacancy of a queue */
typedef struct {
  char   *lot;
  char   *id;            /* the rotate-out */
  char   *date;          /* YYYY-MM-DD */
  gint64  quantity_kg;
  gint64  remaining_kg;
} GrOpenRotation;

/* Writes the missing rows of the plans in the temp table ledger_plans
 * (the plans the ledger settles), each from its latest row still there. */
gboolean   gr_rotation_state_refresh (GrStore     *store,
                                      GError     **error);

/* The queue stored as JSON, parsed: GrOpenRotation, or NULL with error
 * set when the text is not such a queue. */
GPtrArray *gr_rotation_state_parse   (const char  *open,
                                      GError     **error);
void       gr_open_rotation_free     (GrOpenRotation *open);

G_END_DECLS
