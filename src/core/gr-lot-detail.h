/* gr-lot-detail.h: everything about one lot — its card, its movements, its balance over time
 *
 * The fields of the bin information card (信息卡, Dongguan 第二十六条:
 * variety, specification, quantity, quality, stack position, production
 * date or harvest year, entry date) and the rest of the lot's record, with
 * where it lies and the plan it belongs to; the movement history with the
 * balance after each movement, in ledger order (date, inbound before
 * outbound, id: DESIGN.md §3); the balance at each month end from the
 * entry month to the as-of month.
 *
 * Read in a worker; the movements are GrLotMovement list items for a
 * GtkColumnView.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gr-store.h"

G_BEGIN_DECLS

#define GR_TYPE_LOT_MOVEMENT (gr_lot_movement_get_type ())

G_DECLARE_FINAL_TYPE (GrLotMovement, gr_lot_movement, GR, LOT_MOVEMENT, GObject)

/* Properties (read-only): id, date, kind, kind-name, quantity-kg,
 * in-kg / out-kg (-1 when not that way), balance-kg (after it),
 * price (yuan per tonne, NaN: none), counterparty, voucher-no, note,
 * corrects, seq (its place in ledger order), sync-state (a
 * GrRecordSyncState: what the server made of a movement typed in here)
 * and sync-reason (the server's reason of a rejection). */
const char *gr_lot_movement_get_id         (GrLotMovement *self);
const char *gr_lot_movement_get_date       (GrLotMovement *self);
const char *gr_lot_movement_get_kind       (GrLotMovement *self);
gint64      gr_lot_movement_get_quantity_kg (GrLotMovement *self);
gint64      gr_lot_movement_get_balance_kg (GrLotMovement *self);
int         gr_lot_movement_get_sync_state (GrLotMovement *self);
const char *gr_lot_movement_get_sync_reason (GrLotMovement *self);

typedef struct {
  char    *month;        /* YYYY-MM */
  gint64   balance_kg;   /* at the month's end (the as-of month: at the as-of date) */
} GrLotMonth;

typedef struct {
  char        *id;
  char        *as_of;
  /* The lot */
  char        *variety;
  int          grade;             /* 0: none */
  gboolean     substandard;
  int          harvest_year;      /* 0: none */
  char        *produced_on;
  char        *entered_on;
  int          shelf_life_days;   /* 0: none */
  gboolean     packaged;
  char        *owner;
  char        *rotation_mode;     /* the lot's, else the plan's */
  char        *storage_quality;
  char        *replaces;
  gboolean     delay_approved;
  double       cost_yuan_per_t;   /* NaN: none */
  gint64       balance_kg;
  /* Where it lies */
  char        *bin_id;
  char        *bin_code;
  char        *bin_type;
  char        *storage_tech;
  char        *keeper;
  gint64       bin_capacity_kg;
  char        *depot_id;
  char        *depot_name;
  char        *depot_region;
  char        *enterprise_id;
  char        *enterprise_name;
  /* Its plan */
  char        *plan_id;
  char        *plan_enterprise_name;
  gint64       plan_kg;
  char        *plan_rotation_mode;
  int          required_grade;
  /* The latest quality test, if any */
  char        *test_date;
  char        *test_standard;
  /* History */
  GListStore  *movements;         /* GrLotMovement, ledger order */
  GArray      *months;            /* GrLotMonth */
  int          age_months;        /* 当月起算, at as_of */
} GrLotDetail;

/* as_of: YYYY-MM-DD or NULL for today. */
GrLotDetail *gr_lot_detail_load (GrStore      *store,
                                 const char   *lot,
                                 const char   *as_of,
                                 GError      **error);
void         gr_lot_detail_free (GrLotDetail  *detail);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrLotDetail, gr_lot_detail_free)

G_END_DECLS
