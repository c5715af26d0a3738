/* gr-lot-detail.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-lot-detail"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "gr-error.h"
#include "gr-format.h"
#include "gr-labels.h"
#include "gr-lot-detail.h"
#include "gr-schema.h"
#include "gr-stock-query.h"
#include "gr-sync-state.h"

/*
 * GrLotMovement
 */

struct _GrLotMovement
{
  GObject  parent_instance;

  char    *id;
  char    *date;
  char    *kind;
  gint64   quantity_kg;
  gint64   balance_kg;
  double   price;
  char    *counterparty;
  char    *voucher_no;
  char    *note;
  char    *corrects;
  guint    seq;
  int      sync_state;    /* GrRecordSyncState */
  char    *sync_reason;   /* the server's, of a rejection */
};

G_DEFINE_FINAL_TYPE (GrLotMovement, gr_lot_movement, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_DATE,
  PROP_KIND,
  PROP_KIND_NAME,
  PROP_QUANTITY_KG,
  PROP_IN_KG,
  PROP_OUT_KG,
  PROP_BALANCE_KG,
  PROP_PRICE,
  PROP_COUNTERPARTY,
  PROP_VOUCHER_NO,
  PROP_NOTE,
  PROP_CORRECTS,
  PROP_SEQ,
  PROP_SYNC_STATE,
  PROP_SYNC_REASON,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
gr_lot_movement_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GrLotMovement *self = GR_LOT_MOVEMENT (object);
  gboolean inbound = gr_movement_kind_is_inbound (self->kind);

  switch (prop_id)
    {
    case PROP_ID:           g_value_set_string (value, self->id); break;
    case PROP_DATE:         g_value_set_string (value, self->date); break;
    case PROP_KIND:         g_value_set_string (value, self->kind); break;
    case PROP_KIND_NAME:    g_value_set_string (value, gr_movement_kind_name (self->kind)); break;
    case PROP_QUANTITY_KG:  g_value_set_int64 (value, self->quantity_kg); break;
    case PROP_IN_KG:        g_value_set_int64 (value, inbound ? self->quantity_kg : -1); break;
    case PROP_OUT_KG:       g_value_set_int64 (value, inbound ? -1 : self->quantity_kg); break;
    case PROP_BALANCE_KG:   g_value_set_int64 (value, self->balance_kg); break;
    case PROP_PRICE:        g_value_set_double (value, self->price); break;
    case PROP_COUNTERPARTY: g_value_set_string (value, self->counterparty ? self->counterparty : ""); break;
    case PROP_VOUCHER_NO:   g_value_set_string (value, self->voucher_no ? self->voucher_no : ""); break;
    case PROP_NOTE:         g_value_set_string (value, self->note ? self->note : ""); break;
    case PROP_CORRECTS:     g_value_set_string (value, self->corrects ? self->corrects : ""); break;
    case PROP_SEQ:          g_value_set_uint (value, self->seq); break;
    case PROP_SYNC_STATE:   g_value_set_int (value, self->sync_state); break;
    case PROP_SYNC_REASON:  g_value_set_string (value, self->sync_reason ? self->sync_reason : ""); break;
    default:                G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_lot_movement_finalize (GObject *object)
{
  GrLotMovement *self = GR_LOT_MOVEMENT (object);

  g_free (self->id);
  g_free (self->date);
  g_free (self->kind);
  g_free (self->counterparty);
  g_free (self->voucher_no);
  g_free (self->note);
  g_free (self->corrects);
  g_free (self->sync_reason);

  G_OBJECT_CLASS (gr_lot_movement_parent_class)->finalize (object);
}

static void
gr_lot_movement_class_init (GrLotMovementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = gr_lot_movement_finalize;
  object_class->get_property = gr_lot_movement_get_property;

  properties [PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties [PROP_DATE] = g_param_spec_string ("date", NULL, NULL, NULL, flags);
  properties [PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, flags);
  properties [PROP_KIND_NAME] = g_param_spec_string ("kind-name", NULL, NULL, NULL, flags);
  properties [PROP_QUANTITY_KG] = g_param_spec_int64 ("quantity-kg", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_IN_KG] = g_param_spec_int64 ("in-kg", NULL, NULL, -1, G_MAXINT64, -1, flags);
  properties [PROP_OUT_KG] = g_param_spec_int64 ("out-kg", NULL, NULL, -1, G_MAXINT64, -1, flags);
  properties [PROP_BALANCE_KG] = g_param_spec_int64 ("balance-kg", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties [PROP_PRICE] = g_param_spec_double ("price", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties [PROP_COUNTERPARTY] = g_param_spec_string ("counterparty", NULL, NULL, NULL, flags);
  properties [PROP_VOUCHER_NO] = g_param_spec_string ("voucher-no", NULL, NULL, NULL, flags);
  properties [PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, flags);
  properties [PROP_CORRECTS] = g_param_spec_string ("corrects", NULL, NULL, NULL, flags);
  properties [PROP_SEQ] = g_param_spec_uint ("seq", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties [PROP_SYNC_STATE] = g_param_spec_int ("sync-state", NULL, NULL, GR_RECORD_SYNC_NONE,
                                                   GR_RECORD_SYNC_CONFLICT, GR_RECORD_SYNC_NONE, flags);
  properties [PROP_SYNC_REASON] = g_param_spec_string ("sync-reason", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gr_lot_movement_init (GrLotMovement *self)
{
  self->price = NAN;
}

int
gr_lot_movement_get_sync_state (GrLotMovement *self)
{
  g_return_val_if_fail (GR_IS_LOT_MOVEMENT (self), 0);
  return self->sync_state;
}

const char *
gr_lot_movement_get_sync_reason (GrLotMovement *self)
{
  g_return_val_if_fail (GR_IS_LOT_MOVEMENT (self), NULL);
  return self->sync_reason;
}

const char *
gr_lot_movement_get_id (GrLotMovement *self)
{
  g_return_val_if_fail (GR_IS_LOT_MOVEMENT (self), NULL);
  return self->id;
}

const char *
gr_lot_movement_get_date (GrLotMovement *self)
{
  g_return_val_if_fail (GR_IS_LOT_MOVEMENT (self), NULL);
  return self->date;
}

const char *
gr_lot_movement_get_kind (GrLotMovement *self)
{
  g_return_val_if_fail (GR_IS_LOT_MOVEMENT (self), NULL);
  return self->kind;
}

gint64
gr_lot_movement_get_quantity_kg (GrLotMovement *self)
{
  g_return_val_if_fail (GR_IS_LOT_MOVEMENT (self), 0);
  return self->quantity_kg;
}

gint64
gr_lot_movement_get_balance_kg (GrLotMovement *self)
{
  g_return_val_if_fail (GR_IS_LOT_MOVEMENT (self), 0);
  return self->balance_kg;
}

/*
 * Loading
 */

static char *
text (sqlite3_stmt *stmt,
      int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static void
month_clear (gpointer data)
{
  g_free (((GrLotMonth *) data)->month);
}

void
gr_lot_detail_free (GrLotDetail *d)
{
  if (d == NULL)
    return;
  g_free (d->id);
  g_free (d->as_of);
  g_free (d->variety);
  g_free (d->produced_on);
  g_free (d->entered_on);
  g_free (d->owner);
  g_free (d->rotation_mode);
  g_free (d->storage_quality);
  g_free (d->replaces);
  g_free (d->bin_id);
  g_free (d->bin_code);
  g_free (d->bin_type);
  g_free (d->storage_tech);
  g_free (d->keeper);
  g_free (d->depot_id);
  g_free (d->depot_name);
  g_free (d->depot_region);
  g_free (d->enterprise_id);
  g_free (d->enterprise_name);
  g_free (d->plan_id);
  g_free (d->plan_enterprise_name);
  g_free (d->plan_rotation_mode);
  g_free (d->test_date);
  g_free (d->test_standard);
  g_clear_object (&d->movements);
  g_clear_pointer (&d->months, g_array_unref);
  g_free (d);
}

static gboolean
read_record (GrStore      *store,
             GrLotDetail  *d,
             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store,
    "SELECT l.variety, l.grade, l.substandard, l.harvest_year, l.produced_on, l.entered_on,"
    "       l.shelf_life_days, l.packaged, l.owner, coalesce (l.rotation_mode, p.rotation_mode),"
    "       l.storage_quality, l.replaces, l.delay_approved, l.cost_yuan_per_t, l.balance_kg,"
    "       b.id, b.code, b.type, b.storage_tech, b.keeper, b.capacity_kg,"
    "       d.id, d.name, d.region, e.id, e.name,"
    "       p.id, pe.name, p.quantity_kg, p.rotation_mode, p.required_grade"
    " FROM lots l JOIN bins b ON b.id = l.bin JOIN depots d ON d.id = b.depot"
    " JOIN enterprises e ON e.id = d.enterprise JOIN plans p ON p.id = l.plan"
    " JOIN enterprises pe ON pe.id = p.enterprise"
    " WHERE l.id = ?1 AND l.deleted = 0", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, d->id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND, _("There is no lot %s"), d->id);
      return FALSE;
    }
  d->variety = text (stmt, 0);
  d->grade = sqlite3_column_int (stmt, 1);
  d->substandard = sqlite3_column_int (stmt, 2) != 0;
  d->harvest_year = sqlite3_column_int (stmt, 3);
  d->produced_on = text (stmt, 4);
  d->entered_on = text (stmt, 5);
  d->shelf_life_days = sqlite3_column_int (stmt, 6);
  d->packaged = sqlite3_column_int (stmt, 7) != 0;
  d->owner = text (stmt, 8);
  d->rotation_mode = text (stmt, 9);
  d->storage_quality = text (stmt, 10);
  d->replaces = text (stmt, 11);
  d->delay_approved = sqlite3_column_int (stmt, 12) != 0;
  d->cost_yuan_per_t = sqlite3_column_type (stmt, 13) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 13);
  d->balance_kg = sqlite3_column_int64 (stmt, 14);
  d->bin_id = text (stmt, 15);
  d->bin_code = text (stmt, 16);
  d->bin_type = text (stmt, 17);
  d->storage_tech = text (stmt, 18);
  d->keeper = text (stmt, 19);
  d->bin_capacity_kg = sqlite3_column_int64 (stmt, 20);
  d->depot_id = text (stmt, 21);
  d->depot_name = text (stmt, 22);
  d->depot_region = text (stmt, 23);
  d->enterprise_id = text (stmt, 24);
  d->enterprise_name = text (stmt, 25);
  d->plan_id = text (stmt, 26);
  d->plan_enterprise_name = text (stmt, 27);
  d->plan_kg = sqlite3_column_int64 (stmt, 28);
  d->plan_rotation_mode = text (stmt, 29);
  d->required_grade = sqlite3_column_int (stmt, 30);
  if (d->storage_quality == NULL)
    d->storage_quality = g_strdup ("suitable");
  if (d->owner == NULL)
    d->owner = g_strdup ("municipal");
  return TRUE;
}

static gboolean
read_test (GrStore      *store,
           GrLotDetail  *d,
           GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store,
    "SELECT date, standard FROM quality_tests WHERE lot = ?1 AND deleted = 0 AND date <= ?2"
    " ORDER BY date DESC, id DESC LIMIT 1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, d->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, d->as_of, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      d->test_date = text (stmt, 0);
      d->test_standard = text (stmt, 1);
    }
  return TRUE;
}

static void
month_of (const char *iso,
          int        *index)
{
  GDate date;

  if (gr_date_parse (iso, &date))
    *index = g_date_get_year (&date) * 12 + (int) g_date_get_month (&date) - 1;
}

static gboolean
read_movements (GrStore      *store,
                GrLotDetail  *d,
                GError      **error)
{
  /* Ledger order: date, inbound before outbound, then id (DESIGN.md §3). */
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store,
    "SELECT id, date, kind, quantity_kg, delta_kg, price_yuan_per_t, counterparty, voucher_no, note, corrects"
    " FROM movements WHERE lot = ?1 AND deleted = 0 ORDER BY date, delta_kg < 0, id", error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) states = NULL;
  int first = -1, last = -1, as_of = -1;
  gint64 balance = 0;
  guint next = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  /* What the server made of the movements typed in here (SYNC.md §3.2). */
  states = gr_sync_record_states (store, "movement", "SELECT id FROM movements WHERE lot = ?1", d->id, error);
  if (states == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, d->id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GrLotMovement *m = g_object_new (GR_TYPE_LOT_MOVEMENT, NULL);
      GrSyncChange *change;

      m->id = text (stmt, 0);
      m->date = text (stmt, 1);
      m->kind = text (stmt, 2);
      m->quantity_kg = sqlite3_column_int64 (stmt, 3);
      balance += sqlite3_column_int64 (stmt, 4);
      m->balance_kg = balance;
      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        m->price = sqlite3_column_double (stmt, 5);
      m->counterparty = text (stmt, 6);
      m->voucher_no = text (stmt, 7);
      m->note = text (stmt, 8);
      m->corrects = text (stmt, 9);
      m->seq = items->len;
      if ((change = g_hash_table_lookup (states, m->id)) != NULL)
        {
          m->sync_state = change->state;
          m->sync_reason = g_strdup (change->reason ? change->reason : change->code);
        }
      g_ptr_array_add (items, m);
    }
  if (rc != SQLITE_DONE)
    {
      gr_store_set_error (store, error, _("Could not read the lot's movements"));
      return FALSE;
    }
  d->movements = g_list_store_new (GR_TYPE_LOT_MOVEMENT);
  g_list_store_splice (d->movements, 0, 0, items->pdata, items->len);

  /* Month-end balances from the entry month (or the first movement, if
   * earlier) to the as-of month. */
  month_of (d->entered_on, &first);
  if (items->len > 0)
    {
      int moved = -1;

      month_of (((GrLotMovement *) items->pdata[0])->date, &moved);
      if (moved >= 0 && (first < 0 || moved < first))
        first = moved;
    }
  month_of (d->as_of, &as_of);
  last = as_of;
  d->months = g_array_new (FALSE, TRUE, sizeof (GrLotMonth));
  g_array_set_clear_func (d->months, month_clear);
  if (first < 0 || last < first)
    return TRUE;
  balance = 0;
  for (int m = first; m <= last; m++)
    {
      GrLotMonth month;
      g_autofree char *end = NULL;
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 1, m % 12 + 1, m / 12);
      g_date_set_day (&date, g_date_get_days_in_month (m % 12 + 1, m / 12));
      end = gr_date_to_iso (&date);
      if (m == as_of)
        {
          g_free (end);
          end = g_strdup (d->as_of);
        }
      while (next < items->len && g_strcmp0 (((GrLotMovement *) items->pdata[next])->date, end) <= 0)
        balance = ((GrLotMovement *) items->pdata[next++])->balance_kg;
      month.month = g_strdup_printf ("%04d-%02d", m / 12, m % 12 + 1);
      month.balance_kg = balance;
      g_array_append_val (d->months, month);
    }
  return TRUE;
}

GrLotDetail *
gr_lot_detail_load (GrStore     *store,
                    const char  *lot,
                    const char  *as_of,
                    GError     **error)
{
  g_autoptr(GrLotDetail) d = g_new0 (GrLotDetail, 1);

  g_return_val_if_fail (GR_IS_STORE (store), NULL);
  g_return_val_if_fail (lot != NULL, NULL);

  d->id = g_strdup (lot);
  d->as_of = as_of ? g_strdup (as_of) : gr_today_iso ();
  d->cost_yuan_per_t = NAN;
  if (!gr_store_exec (store, "BEGIN DEFERRED", error))
    return NULL;
  if (!read_record (store, d, error) || !read_test (store, d, error) || !read_movements (store, d, error))
    {
      gr_store_rollback (store);
      return NULL;
    }
  gr_store_rollback (store);
  d->age_months = gr_stock_age_months (d->entered_on, d->as_of);
  return g_steal_pointer (&d);
}
