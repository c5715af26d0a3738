/* gr-ledger.h: lot balances and per-plan month-end stock (DESIGN.md §3 "Balances")
 *
 * Writers mark each lot whose movements they touched, then settle once
 * before committing: settling checks that no balance goes below zero at
 * any date (unless the movements came by sync), refreshes the lots'
 * maintained balances and rebuilds their plans' month-end snapshots from
 * the first affected month, and the queues of open rotate-outs the
 * triggers dropped (gr-rotation-state.h). All of it runs inside the writer's
 * transaction, so a refusal leaves the database as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-dataset.h"
#include "gr-store.h"

G_BEGIN_DECLS

/* Remembers that lot's movements changed from date (YYYY-MM-DD) on. */
gboolean gr_ledger_mark_dirty   (GrStore     *store,
                                 const char  *lot,
                                 const char  *from_date,
                                 GError     **error);
/* refuse_negative: local entry (GUI, CLI, import) must never drive a
 * balance below zero; movements that arrived by sync are kept. */
gboolean gr_ledger_settle       (GrStore     *store,
                                 gboolean     refuse_negative,
                                 GError     **error);
/* Recomputes every balance and snapshot (after a migration, or to repair). */
gboolean gr_ledger_rebuild_all  (GrStore     *store,
                                 GError     **error);

/* The net kg of each lot's month, as gr_ledger_rebuild_all () sums
 * them from the movements table: a bulk load into an empty table can sum
 * the movements as they come (off its critical path) and spare the
 * rebuild a pass over all of them. */
typedef struct _GrLedgerSums GrLedgerSums;

GrLedgerSums *gr_ledger_sums_new          (void);
void          gr_ledger_sums_free         (GrLedgerSums    *sums);
/* movement: a movement record as stored (gr-dataset.h) */
void          gr_ledger_sums_add_movement (GrLedgerSums    *sums,
                                           const GrRecord  *movement);
void          gr_ledger_sums_merge        (GrLedgerSums    *into,
                                           GrLedgerSums    *from);
/* gr_ledger_rebuild_all () with the sums of every movement stored (and
 * of no other), summed as they were written. */
gboolean      gr_ledger_rebuild_all_from  (GrStore         *store,
                                           GrLedgerSums    *sums,
                                           GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrLedgerSums, gr_ledger_sums_free)

/* A bulk load that ends with gr_ledger_rebuild_all () (the first
 * download): the triggers that drop the stale rows of the ledger's own
 * tables are switched off on this connection until gr_ledger_bulk_end ()
 * — run for every row, they cost more than the row — and every row they
 * could drop goes now instead. Inside each transaction of the load.
 * The triggers that keep each lot's latest test date are off too: the
 * load ends with gr_kpi_set_tested_on () as well. */
gboolean gr_ledger_bulk_begin   (GrStore     *store,
                                 GError     **error);
void     gr_ledger_bulk_end     (GrStore     *store);

/* Balance of lot at the end of date (NULL: now), in kg. */
gint64   gr_ledger_lot_balance  (GrStore     *store,
                                 const char  *lot,
                                 const char  *date);
/* A plan's stock at the end of month (YYYY-MM), from the snapshots. */
gint64   gr_ledger_plan_month_stock (GrStore    *store,
                                     const char *plan,
                                     const char *month);

G_END_DECLS
