/* gr-movement-allocation.h: what a rotate-in or a replenishment would answer
 *
 * Before a movement is recorded, the movement dialog says which vacancy a
 * rotate-in will close (DESIGN.md §4 rotation.vacancy: rotate-ins fill
 * the plan's open vacancies first-in-first-out) and which release order a
 * replenishment will count towards (§4 "Release allocation": first-in-
 * first-out by order date). The answer is the engine's own: its matching
 * is run on the ledger with the movement added.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-profile.h"
#include "gr-store.h"

G_BEGIN_DECLS

typedef struct {
  gboolean  vacancy;        /* TRUE: a vacancy; FALSE: a release order */
  char     *lot;            /* vacancy: the lot rotated out */
  char     *order_no;       /* order: its number */
  char     *opened_on;      /* the rotate-out's date, or the order's */
  char     *deadline;       /* YYYY-MM-DD */
  gint64    quantity_kg;    /* of the movement that goes to it */
  gint64    left_kg;        /* what it still lacks afterwards */
  char     *message;        /* one sentence for people */
} GrMovementAllocation;

void       gr_movement_allocation_free    (GrMovementAllocation *allocation);

/* For a rotate_in or replenish of quantity_kg on lot dated date (what
 * the ledger holds up to today, NULL: the current date): the vacancies or
 * orders it goes to, in FIFO order (GrMovementAllocation, owned). Empty
 * when it answers none (no open vacancy or order, another kind, or no
 * rule in the profile): then it is ordinary stock. */
GPtrArray *gr_movement_allocation_preview (GrStore     *store,
                                           GrProfile   *profile,
                                           const char  *lot,
                                           const char  *kind,
                                           const char  *date,
                                           gint64       quantity_kg,
                                           const char  *today,
                                           GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrMovementAllocation, gr_movement_allocation_free)

G_END_DECLS
