/* gr-rotation-plan.c: the annual rotation plan, its checks and its approval
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-rotation"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-dataset.h"
#include "gr-error.h"
#include "gr-format.h"
#include "gr-movement-entry.h"
#include "gr-record-store.h"
#include "gr-rotation-plan.h"
#include "gr-rotation-private.h"

/* ---- Months ------------------------------------------------------------- */

int
gr_month_index_parse (const char *text)
{
  int year, month;

  if (text == NULL)
    return -1;
  if (gr_month_parse (text, &year, &month))
    return GR_MONTH_INDEX (year, month);

  /* 2027年3月, as people write it */
  {
    g_autofree char *plain = g_strstrip (g_strdup (text));
    char *end = NULL;
    gint64 y, m;

    y = g_ascii_strtoll (plain, &end, 10);
    if (end == plain || !g_str_has_prefix (end, "年"))
      return -1;
    plain = memmove (plain, end + strlen ("年"), strlen (end + strlen ("年")) + 1);
    m = g_ascii_strtoll (plain, &end, 10);
    if (end == plain || strcmp (end, "月") != 0 || y < 1900 || y > 2199 || m < 1 || m > 12)
      return -1;
    return GR_MONTH_INDEX ((int) y, (int) m);
  }
}

char *
gr_month_index_to_iso (int index)
{
  return g_strdup_printf ("%04d-%02d", GR_MONTH_YEAR (index), GR_MONTH_MONTH (index));
}

char *
gr_month_index_format (int index)
{
  /* TRANSLATORS: a month: year, month number → "2027年3月" */
  return g_strdup_printf (_("%d-%02d"), GR_MONTH_YEAR (index), GR_MONTH_MONTH (index));
}

/* ---- States and roles --------------------------------------------------- */

static const char * const state_names[] = { "draft", "submitted", "approved", "returned", NULL };

const char *
gr_rotation_state_to_string (GrRotationState state)
{
  g_return_val_if_fail (state <= GR_ROTATION_RETURNED, NULL);
  return state_names[state];
}

gboolean
gr_rotation_state_from_string (const char      *text,
                               GrRotationState *out_state)
{
  for (guint i = 0; state_names[i] != NULL; i++)
    if (g_strcmp0 (state_names[i], text) == 0)
      {
        if (out_state != NULL)
          *out_state = i;
        return TRUE;
      }
  return FALSE;
}

const char *
gr_rotation_state_name (GrRotationState state)
{
  switch (state)
    {
    case GR_ROTATION_DRAFT:
      /* TRANSLATORS: a rotation plan's state: 草稿 */
      return _("Draft");
    case GR_ROTATION_SUBMITTED:
      /* TRANSLATORS: a rotation plan's state: 已提交 */
      return _("Submitted");
    case GR_ROTATION_APPROVED:
      /* TRANSLATORS: a rotation plan's state: 已批准 */
      return _("Approved");
    case GR_ROTATION_RETURNED:
    default:
      /* TRANSLATORS: a rotation plan's state: 已退回 */
      return _("Returned");
    }
}

gboolean
gr_rotation_state_is_editable (GrRotationState state)
{
  return state == GR_ROTATION_DRAFT || state == GR_ROTATION_RETURNED;
}

gboolean
gr_rotation_role_can_edit (GrRole          role,
                           GrRotationState state)
{
  return role == GR_ROLE_COMPANY && gr_rotation_state_is_editable (state);
}

gboolean
gr_rotation_role_can_move (GrRole           role,
                           GrRotationState  from,
                           GrRotationState  to,
                           GError         **error)
{
  switch (to)
    {
    case GR_ROTATION_SUBMITTED:
      if (role != GR_ROLE_COMPANY)
        {
          g_set_error (error, GR_ERROR, GR_ERROR_PERMISSION,
                       _("Only the reserve company submits its rotation plan"));
          return FALSE;
        }
      if (!gr_rotation_state_is_editable (from))
        {
          /* TRANSLATORS: %s is the plan's state, e.g. 已批准 */
          g_set_error (error, GR_ERROR, GR_ERROR_CONFLICT,
                       _("The rotation plan is already %s: only a draft or a returned plan can be submitted"),
                       gr_rotation_state_name (from));
          return FALSE;
        }
      return TRUE;

    case GR_ROTATION_APPROVED:
    case GR_ROTATION_RETURNED:
      if (role != GR_ROLE_BUREAU)
        {
          g_set_error (error, GR_ERROR, GR_ERROR_PERMISSION,
                       _("Only the bureau approves or returns a rotation plan"));
          return FALSE;
        }
      if (from != GR_ROTATION_SUBMITTED)
        {
          g_set_error (error, GR_ERROR, GR_ERROR_CONFLICT,
                       _("The rotation plan is %s: only a submitted plan can be approved or returned"),
                       gr_rotation_state_name (from));
          return FALSE;
        }
      return TRUE;

    case GR_ROTATION_DRAFT:
    default:
      g_set_error (error, GR_ERROR, GR_ERROR_CONFLICT,
                   _("A rotation plan is a draft only until it is first submitted"));
      return FALSE;
    }
}

/* ---- Items and plans ---------------------------------------------------- */

GrRotationItem *
gr_rotation_item_new (const char *lot,
                      gint64      quantity_kg,
                      int         out_month,
                      int         in_month,
                      const char *reason)
{
  GrRotationItem *item = g_new0 (GrRotationItem, 1);

  item->lot = g_strdup (lot);
  item->quantity_kg = quantity_kg;
  item->out_month = out_month;
  item->in_month = in_month;
  item->reason = reason != NULL && *reason != '\0' ? g_strdup (reason) : NULL;
  return item;
}

GrRotationItem *
gr_rotation_item_copy (const GrRotationItem *item)
{
  GrRotationItem *copy = gr_rotation_item_new (item->lot, item->quantity_kg, item->out_month,
                                               item->in_month, item->reason);

  copy->vacancy_extension_approved = item->vacancy_extension_approved;
  return copy;
}

void
gr_rotation_item_free (GrRotationItem *item)
{
  if (item == NULL)
    return;
  g_free (item->lot);
  g_free (item->reason);
  g_free (item);
}

GrRotationItem *
gr_rotation_item_parse (const char  *lot,
                        const char  *quantity,
                        const char  *out_month,
                        const char  *in_month,
                        const char  *reason,
                        gboolean     vacancy_extension_approved,
                        GError     **error)
{
  g_autofree char *lot_id = g_strstrip (g_strdup (lot ? lot : ""));
  g_autofree char *why = g_strstrip (g_strdup (reason ? reason : ""));
  GrRotationItem *item;
  gint64 kg;
  int out, in;

  if (*lot_id == '\0')
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("Choose the lot to rotate"));
      return NULL;
    }
  if (!gr_movement_parse_quantity (quantity ? quantity : "", &kg, error))
    return NULL;
  if ((out = gr_month_index_parse (out_month)) < 0)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("“%s” is not an out month (YYYY-MM)"),
                   out_month ? out_month : "");
      return NULL;
    }
  if ((in = gr_month_index_parse (in_month)) < 0)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("“%s” is not an in month (YYYY-MM)"),
                   in_month ? in_month : "");
      return NULL;
    }
  item = gr_rotation_item_new (lot_id, kg, out, in, why);
  item->vacancy_extension_approved = vacancy_extension_approved;
  return item;
}

GrRotationPlan *
gr_rotation_plan_new (const char *enterprise,
                      int         year)
{
  GrRotationPlan *plan = g_new0 (GrRotationPlan, 1);

  plan->enterprise = g_strdup (enterprise);
  plan->year = year;
  plan->state = GR_ROTATION_DRAFT;
  plan->items = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_rotation_item_free);
  return plan;
}

GrRotationPlan *
gr_rotation_plan_copy (const GrRotationPlan *plan)
{
  GrRotationPlan *copy = gr_rotation_plan_new (plan->enterprise, plan->year);

  copy->id = g_strdup (plan->id);
  copy->state = plan->state;
  copy->submitted_on = g_strdup (plan->submitted_on);
  copy->submitted_by = g_strdup (plan->submitted_by);
  copy->approved_by = g_strdup (plan->approved_by);
  copy->approved_on = g_strdup (plan->approved_on);
  copy->returned_by = g_strdup (plan->returned_by);
  copy->returned_on = g_strdup (plan->returned_on);
  copy->comment = g_strdup (plan->comment);
  copy->version = plan->version;
  for (guint i = 0; i < plan->items->len; i++)
    g_ptr_array_add (copy->items, gr_rotation_item_copy (plan->items->pdata[i]));
  return copy;
}

static void
plan_clear_fields (GrRotationPlan *plan)
{
  g_clear_pointer (&plan->id, g_free);
  g_clear_pointer (&plan->enterprise, g_free);
  g_clear_pointer (&plan->submitted_on, g_free);
  g_clear_pointer (&plan->submitted_by, g_free);
  g_clear_pointer (&plan->approved_by, g_free);
  g_clear_pointer (&plan->approved_on, g_free);
  g_clear_pointer (&plan->returned_by, g_free);
  g_clear_pointer (&plan->returned_on, g_free);
  g_clear_pointer (&plan->comment, g_free);
}

void
gr_rotation_plan_free (GrRotationPlan *plan)
{
  if (plan == NULL)
    return;
  plan_clear_fields (plan);
  g_clear_pointer (&plan->items, g_ptr_array_unref);
  g_free (plan);
}

void
gr_rotation_plan_add_item (GrRotationPlan *plan,
                           GrRotationItem *item)
{
  g_return_if_fail (plan != NULL && item != NULL);
  g_ptr_array_add (plan->items, item);
}

/* Moves every field of from into plan (from is emptied). */
static void
plan_take (GrRotationPlan *plan,
           GrRotationPlan *from)
{
  plan_clear_fields (plan);
  plan->id = g_steal_pointer (&from->id);
  plan->enterprise = g_steal_pointer (&from->enterprise);
  plan->year = from->year;
  plan->state = from->state;
  plan->submitted_on = g_steal_pointer (&from->submitted_on);
  plan->submitted_by = g_steal_pointer (&from->submitted_by);
  plan->approved_by = g_steal_pointer (&from->approved_by);
  plan->approved_on = g_steal_pointer (&from->approved_on);
  plan->returned_by = g_steal_pointer (&from->returned_by);
  plan->returned_on = g_steal_pointer (&from->returned_on);
  plan->comment = g_steal_pointer (&from->comment);
  plan->version = from->version;
  g_ptr_array_set_size (plan->items, 0);
  for (guint i = 0; i < from->items->len; i++)
    g_ptr_array_add (plan->items, gr_rotation_item_copy (from->items->pdata[i]));
}

/* ---- Records ------------------------------------------------------------ */

static const GrEntity *
plan_entity (void)
{
  return gr_schema_lookup ("rotation_plan");
}

static const GrEntity *
item_entity (void)
{
  return gr_entity_field (plan_entity (), "items")->child;
}

static char *
text_or_null (const GrRecord *record,
              const char     *field)
{
  return g_strdup (gr_record_get_text (record, field));
}

static gint64
int_or (const GrRecord *record,
        const char     *field,
        gint64          otherwise)
{
  const GrValue *value = gr_record_get (record, field);

  return value != NULL && value->type == GR_VALUE_INT ? value->i : otherwise;
}

static GrRotationPlan *
plan_from_record (const GrRecord *record)
{
  GrRotationPlan *plan = gr_rotation_plan_new (gr_record_get_text (record, "enterprise"),
                                               (int) int_or (record, "year", 0));
  const GrValue *items = gr_record_get (record, "items");

  plan->id = g_strdup (record->id);
  if (!gr_rotation_state_from_string (gr_record_get_text (record, "state"), &plan->state))
    plan->state = GR_ROTATION_DRAFT;
  plan->submitted_on = text_or_null (record, "submitted_on");
  plan->submitted_by = text_or_null (record, "submitted_by");
  plan->approved_by = text_or_null (record, "approved_by");
  plan->approved_on = text_or_null (record, "approved_on");
  plan->returned_by = text_or_null (record, "returned_by");
  plan->returned_on = text_or_null (record, "returned_on");
  plan->comment = text_or_null (record, "comment");
  plan->version = MAX (record->version, 0);

  if (items != NULL && items->type == GR_VALUE_CHILDREN)
    for (guint i = 0; i < items->children->len; i++)
      {
        const GrRecord *child = items->children->pdata[i];
        GrRotationItem *item = gr_rotation_item_new (gr_record_get_text (child, "lot"),
                                                     int_or (child, "quantity_t", 0),
                                                     gr_month_index_parse (gr_record_get_text (child, "out_month")),
                                                     gr_month_index_parse (gr_record_get_text (child, "in_month")),
                                                     gr_record_get_text (child, "reason"));

        item->vacancy_extension_approved = int_or (child, "vacancy_extension_approved", 0) != 0;
        g_ptr_array_add (plan->items, item);
      }
  return plan;
}

static void
set_text (GrRecord   *record,
          const char *field,
          const char *text)
{
  if (text != NULL && *text != '\0')
    gr_record_set_text (record, field, text);
  else
    gr_record_set_null (record, field);
}

/* The record of plan; old (the stored record, or NULL) gives the unknown
 * keys and the version. */
static GrRecord *
plan_to_record (const GrRotationPlan *plan,
                const GrRecord       *old)
{
  GrRecord *record = gr_record_new (plan_entity ());
  const GrValue *items;

  record->id = g_strdup (plan->id);
  record->version = old != NULL ? MAX (old->version, 0) : 0;
  record->extra = old != NULL ? g_strdup (old->extra) : NULL;
  gr_record_apply_defaults (record);
  gr_record_set_text (record, "enterprise", plan->enterprise);
  gr_record_set_int (record, "year", plan->year);
  gr_record_set_text (record, "state", gr_rotation_state_to_string (plan->state));
  set_text (record, "submitted_on", plan->submitted_on);
  set_text (record, "submitted_by", plan->submitted_by);
  set_text (record, "approved_by", plan->approved_by);
  set_text (record, "approved_on", plan->approved_on);
  set_text (record, "returned_by", plan->returned_by);
  set_text (record, "returned_on", plan->returned_on);
  set_text (record, "comment", plan->comment);

  items = gr_record_get (record, "items");
  for (guint i = 0; i < plan->items->len; i++)
    {
      const GrRotationItem *item = plan->items->pdata[i];
      GrRecord *child = gr_record_new (item_entity ());
      g_autofree char *out = gr_month_index_to_iso (item->out_month);
      g_autofree char *in = gr_month_index_to_iso (item->in_month);

      gr_record_apply_defaults (child);
      gr_record_set_text (child, "lot", item->lot);
      gr_record_set_int (child, "quantity_t", item->quantity_kg);
      gr_record_set_text (child, "out_month", out);
      gr_record_set_text (child, "in_month", in);
      set_text (child, "reason", item->reason);
      gr_record_set_int (child, "vacancy_extension_approved", item->vacancy_extension_approved ? 1 : 0);
      g_ptr_array_add (items->children, child);
    }
  return record;
}

/* ---- Reading ------------------------------------------------------------ */

static char *
find_plan_id (GrStore     *store,
              const char  *enterprise,
              int          year,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store,
    "SELECT id FROM rotation_plans WHERE enterprise = ?1 AND year = ?2 AND deleted = 0 ORDER BY id LIMIT 1",
    error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, enterprise, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, year);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    gr_store_set_error (store, error, _("Could not read the rotation plans"));
  return NULL;
}

static GrRecord *
load_record (GrStore     *store,
             const char  *enterprise,
             int          year,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *id = find_plan_id (store, enterprise, year, &local_error);

  if (id == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return gr_record_load (store, plan_entity (), id, error);
}

GrRotationPlan *
gr_rotation_plan_load (GrStore     *store,
                       const char  *enterprise,
                       int          year,
                       GError     **error)
{
  g_autoptr(GrRecord) record = NULL;

  g_return_val_if_fail (GR_IS_STORE (store), NULL);
  g_return_val_if_fail (enterprise != NULL, NULL);

  if ((record = load_record (store, enterprise, year, error)) == NULL)
    return NULL;
  return plan_from_record (record);
}

GrRotationPlan *
gr_rotation_plan_load_by_id (GrStore     *store,
                             const char  *id,
                             GError     **error)
{
  g_autoptr(GrRecord) record = NULL;

  g_return_val_if_fail (GR_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if ((record = gr_record_load (store, plan_entity (), id, error)) == NULL || record->deleted)
    return NULL;
  return plan_from_record (record);
}

GPtrArray *
gr_rotation_plan_list (GrStore     *store,
                       int          year,
                       GError     **error)
{
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_rotation_plan_free);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store,
    "SELECT id FROM rotation_plans WHERE deleted = 0 AND (?1 = 0 OR year = ?1) ORDER BY year, enterprise, id",
    error);
  int rc;

  g_return_val_if_fail (GR_IS_STORE (store), NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      gr_store_set_error (store, error, _("Could not read the rotation plans"));
      return NULL;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GrRecord) record = gr_record_load (store, plan_entity (), ids->pdata[i], error);

      if (record == NULL)
        return NULL;
      g_ptr_array_add (plans, plan_from_record (record));
    }
  return g_steal_pointer (&plans);
}

/* ---- Lots as the checks see them ---------------------------------------- */

typedef struct {
  char         *plan;
  char         *enterprise;
  char         *enterprise_name;
  char         *variety;
  char         *plan_mode;
  gint64        opening_kg;
  gint64        available_kg;  /* opening + what came in during the year */
} LotInfo;

static void
lot_info_clear (LotInfo *info)
{
  g_free (info->plan);
  g_free (info->enterprise);
  g_free (info->enterprise_name);
  g_free (info->variety);
  g_free (info->plan_mode);
  memset (info, 0, sizeof *info);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LotInfo, lot_info_clear)

/* FALSE with no error when the lot does not exist. */
static gboolean
lot_info (GrStore     *store,
          const char  *lot,
          int          year,
          LotInfo     *info,
          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store,
    "SELECT l.plan, p.enterprise, e.name, p.variety, p.rotation_mode,"
    "       l.balance_kg - coalesce ((SELECT sum (m.delta_kg) FROM movements m"
    "                                 WHERE m.lot = l.id AND m.deleted = 0 AND m.date >= ?2), 0),"
    "       coalesce ((SELECT sum (m.quantity_kg) FROM movements m"
    "                  WHERE m.lot = l.id AND m.deleted = 0 AND m.date >= ?2 AND m.date <= ?3"
    "                    AND m.kind IN ('intake', 'rotate_in', 'replenish', 'surplus')), 0)"
    "  FROM lots l JOIN plans p ON p.id = l.plan LEFT JOIN enterprises e ON e.id = p.enterprise"
    " WHERE l.id = ?1 AND l.deleted = 0",
    error);
  g_autofree char *start = g_strdup_printf ("%04d-01-01", year);
  g_autofree char *end = g_strdup_printf ("%04d-12-31", year);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, lot, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, end, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return FALSE;
  if (rc != SQLITE_ROW)
    {
      gr_store_set_error (store, error, _("Could not read the rotation plans"));
      return FALSE;
    }
  info->plan = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  info->enterprise = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  info->enterprise_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  info->variety = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  info->plan_mode = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  info->opening_kg = sqlite3_column_int64 (stmt, 5);
  info->available_kg = info->opening_kg + sqlite3_column_int64 (stmt, 6);
  return TRUE;
}

static gboolean
lot_info_or_error (GrStore     *store,
                   const char  *lot,
                   int          year,
                   LotInfo     *info,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (GR_IS_STORE (store), FALSE);

  if (lot_info (store, lot, year, info, &local_error))
    return TRUE;
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND, _("No lot “%s”"), lot);
  return FALSE;
}

gboolean
gr_rotation_lot_opening_kg (GrStore     *store,
                            const char  *lot,
                            int          year,
                            gint64      *out_kg,
                            GError     **error)
{
  g_auto(LotInfo) info = { 0 };

  if (!lot_info_or_error (store, lot, year, &info, error))
    return FALSE;
  *out_kg = info.opening_kg;
  return TRUE;
}

gboolean
gr_rotation_lot_available_kg (GrStore     *store,
                              const char  *lot,
                              int          year,
                              gint64      *out_kg,
                              GError     **error)
{
  g_auto(LotInfo) info = { 0 };

  if (!lot_info_or_error (store, lot, year, &info, error))
    return FALSE;
  *out_kg = info.available_kg;
  return TRUE;
}

static char *
enterprise_name (GrStore    *store,
                 const char *enterprise)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store,
    "SELECT name FROM enterprises WHERE id = ?1 AND deleted = 0", NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, enterprise, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* ---- Checking input ----------------------------------------------------- */

/* "Item 3 (lot-000437): …": every refusal of an item starts so. */
static void G_GNUC_PRINTF (5, 6)
item_error (GError     **error,
            int          code,
            guint        number,
            const char  *lot,
            const char  *format,
            ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  if (number > 0)
    /* TRANSLATORS: item number, lot id, the problem → "第 3 项（lot-000437）：…" */
    g_set_error (error, GR_ERROR, code, _("Item %u (%s): %s"), number, lot, text);
  else
    /* TRANSLATORS: lot id, the problem → "lot-000437：…" */
    g_set_error (error, GR_ERROR, code, _("%s: %s"), lot, text);
}

static gboolean
check_item (GrStore              *store,
            GrProfile            *profile,
            const char           *enterprise,
            int                   year,
            const GrRotationItem *item,
            guint                 number,
            GError              **error)
{
  g_auto(LotInfo) info = { 0 };
  g_autoptr(GError) local_error = NULL;
  int first = GR_MONTH_INDEX (year, 1), last = GR_MONTH_INDEX (year, 12);
  int vacancy;

  if (item->lot == NULL || *item->lot == '\0')
    {
      item_error (error, GR_ERROR_INVALID, number, "", _("no lot is chosen"));
      return FALSE;
    }
  if (!lot_info (store, item->lot, year, &info, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        item_error (error, GR_ERROR_NOT_FOUND, number, item->lot, _("there is no such lot"));
      return FALSE;
    }
  if (g_strcmp0 (info.enterprise, enterprise) != 0)
    {
      g_autofree char *ours = enterprise_name (store, enterprise);

      item_error (error, GR_ERROR_INVALID, number, item->lot,
                  _("the lot is held for %s, not for %s"),
                  info.enterprise_name ? info.enterprise_name : info.enterprise, ours ? ours : enterprise);
      return FALSE;
    }
  if (item->quantity_kg <= 0)
    {
      item_error (error, GR_ERROR_INVALID, number, item->lot, _("the quantity must be more than 0"));
      return FALSE;
    }
  if (item->quantity_kg > info.available_kg)
    {
      g_autofree char *quantity = gr_format_tonnes (item->quantity_kg);
      g_autofree char *balance = gr_format_tonnes (MAX (info.available_kg, 0));

      /* TRANSLATORS: quantity, year, what the lot has → "6,500 吨超过该批次 2027 年的库存（6,430 吨）" */
      item_error (error, GR_ERROR_INVALID, number, item->lot,
                  _("%s is more than the lot has in %d (%s)"), quantity, year, balance);
      return FALSE;
    }
  if (item->out_month < first || item->out_month > last)
    {
      g_autofree char *out = gr_month_index_to_iso (item->out_month);

      item_error (error, GR_ERROR_INVALID, number, item->lot,
                  _("the out month %s is not in %d"), out, year);
      return FALSE;
    }
  if (item->in_month < first)
    {
      g_autofree char *in = gr_month_index_to_iso (item->in_month);

      item_error (error, GR_ERROR_INVALID, number, item->lot,
                  _("the in month %s is before %d"), in, year);
      return FALSE;
    }

  vacancy = gr_rotation_vacancy_months (profile, gr_variety_class (info.variety), info.plan_mode,
                                        item->vacancy_extension_approved);
  if (vacancy >= 0 && item->in_month > item->out_month + vacancy)
    {
      const GrRuleParams *params = gr_profile_get_rule (profile, GR_RULE_ROTATION_VACANCY);
      g_autofree char *out = gr_month_index_to_iso (item->out_month);
      g_autofree char *in = gr_month_index_to_iso (item->in_month);

      if (item->vacancy_extension_approved || params->extension_months == 0)
        /* TRANSLATORS: in month, months after, out month, limit, document, article →
         * "轮入月份 2027-09 在轮出月份 2027-03 之后 6 个月，超过轮换架空期 4 个月（东莞市政府储备粮管理办法 第十七条）" */
        item_error (error, GR_ERROR_INVALID, number, item->lot,
                    _("the in month %s is %d months after the out month %s, beyond the %d-month vacancy limit (%s %s)"),
                    in, item->in_month - item->out_month, out, vacancy, params->document, params->article);
      else
        /* TRANSLATORS: as above, and the extension that needs approval →
         * "…超过轮换架空期 4 个月；经批准可延长 2 个月（东莞市政府储备粮管理办法 第十七条）" */
        item_error (error, GR_ERROR_INVALID, number, item->lot,
                    _("the in month %s is %d months after the out month %s, beyond the %d-month vacancy limit; "
                      "an approved extension allows %d more (%s %s)"),
                    in, item->in_month - item->out_month, out, vacancy, params->extension_months,
                    params->document, params->article);
      return FALSE;
    }
  /* A plan is for its year: rotating in next year is a vacancy running
   * across the year end, which only the vacancy rule's plans have. */
  if (item->in_month > last && vacancy < 0)
    {
      g_autofree char *in = gr_month_index_to_iso (item->in_month);

      item_error (error, GR_ERROR_INVALID, number, item->lot,
                  _("the in month %s is not in %d (only a vacancy under the vacancy rule may run into the next year)"),
                  in, year);
      return FALSE;
    }
  return TRUE;
}

gboolean
gr_rotation_plan_check_item (GrStore              *store,
                             GrProfile            *profile,
                             const char           *enterprise,
                             int                   year,
                             const GrRotationItem *item,
                             GError              **error)
{
  g_return_val_if_fail (GR_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile != NULL && enterprise != NULL && item != NULL, FALSE);

  return check_item (store, profile, enterprise, year, item, 0, error);
}

gboolean
gr_rotation_plan_validate (GrStore              *store,
                           GrProfile            *profile,
                           const GrRotationPlan *plan,
                           GError              **error)
{
  g_autoptr(GHashTable) per_lot = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (GR_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile != NULL && plan != NULL, FALSE);

  if (plan->year < 1900 || plan->year > 2199)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("%d is not a year between 1900 and 2199"), plan->year);
      return FALSE;
    }
  if (plan->enterprise == NULL || (name = enterprise_name (store, plan->enterprise)) == NULL)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND, _("No enterprise “%s”"),
                   plan->enterprise ? plan->enterprise : "");
      return FALSE;
    }

  per_lot = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint i = 0; i < plan->items->len; i++)
    {
      const GrRotationItem *item = plan->items->pdata[i];
      gint64 *sum;

      if (!check_item (store, profile, plan->enterprise, plan->year, item, i + 1, error))
        return FALSE;
      if ((sum = g_hash_table_lookup (per_lot, item->lot)) == NULL)
        {
          sum = g_new0 (gint64, 1);
          g_hash_table_insert (per_lot, item->lot, sum);
        }
      *sum += item->quantity_kg;
    }

  /* A lot split into tranches: together no more than it holds. */
  for (guint i = 0; i < plan->items->len; i++)
    {
      const GrRotationItem *item = plan->items->pdata[i];
      gint64 *sum = g_hash_table_lookup (per_lot, item->lot);
      gint64 opening = 0;

      if (*sum < 0)
        continue;
      if (!gr_rotation_lot_available_kg (store, item->lot, plan->year, &opening, error))
        return FALSE;
      if (*sum > opening)
        {
          g_autofree char *total = gr_format_tonnes (*sum);
          g_autofree char *balance = gr_format_tonnes (MAX (opening, 0));

          item_error (error, GR_ERROR_INVALID, 0, item->lot,
                      _("the plan's items take %s, more than the lot has in %d (%s)"),
                      total, plan->year, balance);
          return FALSE;
        }
      *sum = -1;
    }
  return TRUE;
}

/* ---- Writing ------------------------------------------------------------ */

static gboolean
write_plan (GrStore              *store,
            const GrRotationPlan *plan,
            const GrRecord       *old,
            const char           *by,
            GError              **error)
{
  g_autoptr(GrRecordWriter) writer = gr_record_writer_new (store, plan_entity (), error);
  g_autoptr(GrRecord) record = NULL;
  g_autofree char *hash = NULL;

  if (writer == NULL)
    return FALSE;
  record = plan_to_record (plan, old);
  record->updated_at = gr_dataset_now ();
  record->updated_by = g_strdup (by != NULL ? by : g_get_user_name ());
  hash = gr_record_hash (record);
  return old == NULL ? gr_record_writer_insert (writer, record, hash, error)
                     : gr_record_writer_update (writer, record, hash, error);
}

static char *
today_or (const char *today)
{
  return today != NULL ? g_strdup (today) : gr_today_iso ();
}

/* Inside the caller's transaction: the stored plan for plan's enterprise
 * and year (or plan->id), refused when it may not be edited. */
static gboolean
stored_for_edit (GrStore              *store,
                 const GrRotationPlan *plan,
                 GrRecord            **out_old,
                 GError              **error)
{
  g_autoptr(GrRecord) old = NULL;
  g_autoptr(GError) local_error = NULL;
  GrRotationState state;

  if (plan->id != NULL)
    old = gr_record_load (store, plan_entity (), plan->id, &local_error);
  if (local_error == NULL && (old == NULL || old->deleted))
    {
      /* One plan per enterprise and year: a plan with an id not stored
       * yet must not make a second one. */
      g_autoptr(GrRecord) other = load_record (store, plan->enterprise, plan->year, &local_error);

      if (other != NULL && plan->id != NULL && g_strcmp0 (other->id, plan->id) != 0)
        {
          g_autofree char *name = enterprise_name (store, plan->enterprise);

          g_set_error (error, GR_ERROR, GR_ERROR_CONFLICT, _("%s already has a rotation plan for %d (%s)"),
                       name ? name : plan->enterprise, plan->year, other->id);
          return FALSE;
        }
      g_clear_pointer (&old, gr_record_free);
      old = g_steal_pointer (&other);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (old != NULL)
    {
      if (g_strcmp0 (gr_record_get_text (old, "enterprise"), plan->enterprise) != 0 ||
          int_or (old, "year", 0) != plan->year)
        {
          g_set_error (error, GR_ERROR, GR_ERROR_CONFLICT,
                       _("Rotation plan %s is for another enterprise or year"), old->id);
          return FALSE;
        }
      if (gr_rotation_state_from_string (gr_record_get_text (old, "state"), &state) &&
          !gr_rotation_state_is_editable (state))
        {
          g_autofree char *name = enterprise_name (store, plan->enterprise);

          /* TRANSLATORS: enterprise, year, state → "清远市储备粮管理有限公司 2027 年的轮换计划已提交，不能再修改" */
          g_set_error (error, GR_ERROR, GR_ERROR_CONFLICT,
                       _("The rotation plan of %s for %d is %s and can no longer be changed"),
                       name ? name : plan->enterprise, plan->year, gr_rotation_state_name (state));
          return FALSE;
        }
    }
  *out_old = g_steal_pointer (&old);
  return TRUE;
}

/* Saves plan (validated) with fields as given, inside a transaction. */
static gboolean
save_in_transaction (GrStore        *store,
                     GrProfile      *profile,
                     GrRotationPlan *plan,
                     GrRotationState state,
                     const char     *by,
                     const char     *today,
                     const char     *comment,
                     gboolean        submit,
                     GError        **error)
{
  g_autoptr(GrRecord) old = NULL;
  g_autoptr(GrRotationPlan) copy = NULL;

  if (!stored_for_edit (store, plan, &old, error) ||
      !gr_rotation_plan_validate (store, profile, plan, error))
    return FALSE;

  copy = gr_rotation_plan_copy (plan);
  if (old != NULL)
    {
      GrRotationState stored;

      g_free (copy->id);
      copy->id = g_strdup (old->id);
      if (!submit && gr_rotation_state_from_string (gr_record_get_text (old, "state"), &stored))
        state = stored;
    }
  else if (copy->id == NULL)
    copy->id = g_uuid_string_random ();
  copy->state = state;
  if (submit)
    {
      g_free (copy->submitted_on);
      copy->submitted_on = today_or (today);
      g_free (copy->submitted_by);
      copy->submitted_by = g_strdup (by != NULL ? by : g_get_user_name ());
      g_free (copy->comment);
      copy->comment = comment != NULL && *comment != '\0' ? g_strdup (comment) : NULL;
    }
  if (!write_plan (store, copy, old, by, error))
    return FALSE;
  plan_take (plan, copy);
  plan->version = old != NULL ? MAX (old->version, 0) : 0;
  return TRUE;
}

gboolean
gr_rotation_plan_save_locked (GrStore    *store,
                              GrProfile  *profile,
                              gpointer    plan,
                              const char *by,
                              GError    **error)
{
  return save_in_transaction (store, profile, plan, GR_ROTATION_DRAFT, by, NULL, NULL, FALSE, error);
}

gboolean
gr_rotation_plan_save (GrStore        *store,
                       GrProfile      *profile,
                       GrRole          role,
                       const char     *by,
                       GrRotationPlan *plan,
                       GError        **error)
{
  g_return_val_if_fail (GR_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile != NULL && plan != NULL, FALSE);

  if (role != GR_ROLE_COMPANY)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_PERMISSION,
                   _("Only the reserve company drafts and edits its rotation plan"));
      return FALSE;
    }
  if (!gr_store_begin (store, error))
    return FALSE;
  if (!save_in_transaction (store, profile, plan, GR_ROTATION_DRAFT, by, NULL, NULL, FALSE, error) ||
      !gr_store_commit (store, error))
    {
      gr_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

static gboolean
decide_in_transaction (GrStore        *store,
                       GrRotationPlan *plan,
                       GrRotationState to,
                       GrRole          role,
                       const char     *by,
                       const char     *comment,
                       const char     *today,
                       GError        **error)
{
  g_autoptr(GrRecord) old = NULL;
  g_autoptr(GrRotationPlan) stored = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *who = by != NULL ? by : g_get_user_name ();

  if (plan->id != NULL)
    old = gr_record_load (store, plan_entity (), plan->id, &local_error);
  else
    old = load_record (store, plan->enterprise, plan->year, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (old == NULL || old->deleted)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND,
                   _("The rotation plan has not been submitted: there is nothing to approve or return"));
      return FALSE;
    }

  /* The bureau decides on what the company submitted, not on an
   * unsaved copy of it. */
  stored = plan_from_record (old);
  if (!gr_rotation_role_can_move (role, stored->state, to, error))
    return FALSE;
  if (to == GR_ROTATION_RETURNED)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (comment ? comment : ""));

      if (*trimmed == '\0')
        {
          g_set_error (error, GR_ERROR, GR_ERROR_INVALID,
                       _("Say why the rotation plan is returned: a comment is needed"));
          return FALSE;
        }
    }

  stored->state = to;
  if (to == GR_ROTATION_APPROVED)
    {
      g_free (stored->approved_by);
      stored->approved_by = g_strdup (who);
      g_free (stored->approved_on);
      stored->approved_on = today_or (today);
    }
  else
    {
      g_free (stored->returned_by);
      stored->returned_by = g_strdup (who);
      g_free (stored->returned_on);
      stored->returned_on = today_or (today);
    }
  g_free (stored->comment);
  stored->comment = comment != NULL && *comment != '\0' ? g_strdup (comment) : NULL;
  if (!write_plan (store, stored, old, who, error))
    return FALSE;
  plan_take (plan, stored);
  return TRUE;
}

gboolean
gr_rotation_plan_move (GrStore         *store,
                       GrProfile       *profile,
                       GrRotationPlan  *plan,
                       GrRotationState  to,
                       GrRole           role,
                       const char      *by,
                       const char      *comment,
                       const char      *today,
                       GError         **error)
{
  gboolean ok;

  g_return_val_if_fail (GR_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile != NULL && plan != NULL, FALSE);

  if (today != NULL && !gr_date_parse (today, NULL))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("“%s” is not a date (YYYY-MM-DD)"), today);
      return FALSE;
    }
  if (!gr_store_begin (store, error))
    return FALSE;

  if (to == GR_ROTATION_SUBMITTED)
    {
      g_autoptr(GrRecord) old = NULL;
      GrRotationState from = GR_ROTATION_DRAFT;

      /* The stored state decides (another device may have moved it). */
      old = plan->id != NULL ? gr_record_load (store, plan_entity (), plan->id, NULL)
                             : load_record (store, plan->enterprise, plan->year, NULL);
      if (old != NULL && !old->deleted)
        gr_rotation_state_from_string (gr_record_get_text (old, "state"), &from);
      ok = gr_rotation_role_can_move (role, from, to, error) &&
           save_in_transaction (store, profile, plan, GR_ROTATION_SUBMITTED, by, today, comment, TRUE, error);
    }
  else
    ok = decide_in_transaction (store, plan, to, role, by, comment, today, error);

  if (!ok || !gr_store_commit (store, error))
    {
      gr_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}
