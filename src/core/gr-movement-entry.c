/* gr-movement-entry.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-movement-entry"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gr-error.h"
#include "gr-format.h"
#include "gr-import.h"
#include "gr-json-writer.h"
#include "gr-ledger.h"
#include "gr-movement-entry.h"
#include "gr-rules-private.h"
#include "gr-schema.h"
#include "gr-variety.h"

#define MAX_PRICE 1e7

void
gr_movement_input_init (GrMovementInput *input)
{
  memset (input, 0, sizeof *input);
  input->price_yuan_per_t = NAN;
}

void
gr_movement_input_clear (GrMovementInput *input)
{
  g_free (input->lot);
  g_free (input->date);
  g_free (input->kind);
  g_free (input->counterparty);
  g_free (input->voucher_no);
  g_free (input->note);
  gr_movement_input_init (input);
}

void
gr_movement_warning_free (GrMovementWarning *warning)
{
  if (warning == NULL)
    return;
  g_free (warning->message);
  g_free (warning->document);
  g_free (warning->article);
  g_free (warning->date);
  g_free (warning);
}

/*
 * Reading what people type
 */

/* Full-width digits and punctuation (１２００．５) as ASCII, spaces gone. */
static char *
normalize (const char *text)
{
  g_autofree char *nfkc = g_utf8_normalize (text ? text : "", -1, G_NORMALIZE_NFKC);
  GString *out = g_string_new (NULL);

  for (const char *p = nfkc; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* "1,200.5" → 1200500 (thousandths); FALSE when it is not such a number
 * or has more than max_decimals decimals (*out_decimals tells). */
static gboolean
parse_decimal (const char *text,
               int         max_decimals,
               gint64     *out_thousandths,
               int        *out_decimals)
{
  gint64 whole = 0;
  gint64 fraction = 0;
  int decimals = 0;
  gboolean digits = FALSE;
  const char *p = text;

  *out_decimals = 0;
  for (; *p != '\0' && *p != '.'; p++)
    {
      if (*p == ',' && digits)
        continue;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      digits = TRUE;
      if (whole > (G_MAXINT64 / 1000 - 9) / 10)
        return FALSE;
      whole = whole * 10 + (*p - '0');
    }
  if (*p == '.')
    {
      const char *first = ++p;
      const char *end;

      for (; *p != '\0'; p++)
        if (!g_ascii_isdigit (*p))
          return FALSE;
      if (p == first)
        return FALSE;
      /* Trailing zeros are not decimals: 2.5000 t is 2.5 t. */
      for (end = p; end > first && end[-1] == '0'; end--)
        ;
      decimals = (int) (end - first);
      for (const char *q = first; q < end && q < first + 3; q++)
        fraction = fraction * 10 + (*q - '0');
    }
  if (!digits)
    return FALSE;
  *out_decimals = decimals;
  if (decimals > max_decimals)
    return FALSE;
  for (int i = MIN (decimals, 3); i < 3; i++)
    fraction *= 10;
  *out_thousandths = whole * 1000 + fraction;
  return TRUE;
}

gboolean
gr_movement_parse_quantity (const char  *text,
                            gint64      *out_kg,
                            GError     **error)
{
  g_autofree char *plain = normalize (text);
  g_autofree char *max = gr_format_tonnes (GR_MAX_KG);
  gsize len = strlen (plain);
  int decimals;
  gint64 kg;

  /* The unit may be typed after the number. */
  if (g_str_has_suffix (plain, "吨"))
    plain[len - strlen ("吨")] = '\0';
  else if (len > 0 && (plain[len - 1] == 't' || plain[len - 1] == 'T'))
    plain[len - 1] = '\0';

  if (*plain == '\0')
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("Enter the quantity in tonnes"));
      return FALSE;
    }
  if (!parse_decimal (plain, 3, &kg, &decimals))
    {
      if (decimals > 3)
        g_set_error (error, GR_ERROR, GR_ERROR_INVALID,
                     _("A quantity has at most 3 decimals (whole kilograms), not %d"), decimals);
      else
        g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("“%s” is not a quantity in tonnes"), text);
      return FALSE;
    }
  if (kg <= 0)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("The quantity must be more than 0"));
      return FALSE;
    }
  if (kg > GR_MAX_KG)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("The quantity must be at most %s"), max);
      return FALSE;
    }
  *out_kg = kg;
  return TRUE;
}

char *
gr_movement_parse_date (const char  *text,
                        GError     **error)
{
  g_autofree char *plain = normalize (text);
  int y = 0, m = 0, d = 0, n = 0;
  g_autofree char *iso = NULL;

  if (*plain == '\0')
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("Enter the date of the movement"));
      return NULL;
    }
  if ((sscanf (plain, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 ||
       sscanf (plain, "%4d/%2d/%2d%n", &y, &m, &d, &n) == 3 ||
       sscanf (plain, "%4d.%2d.%2d%n", &y, &m, &d, &n) == 3 ||
       sscanf (plain, "%4d年%2d月%2d日%n", &y, &m, &d, &n) == 3) &&
      plain[n] == '\0' && y >= 1000)
    iso = g_strdup_printf ("%04d-%02d-%02d", y, m, d);
  if (iso == NULL)
    {
      /* TRANSLATORS: %s is what was typed */
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("“%s” is not a date: write it as 2026-11-25"), text);
      return NULL;
    }
  if (!gr_date_parse (iso, NULL))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("%s is not a day of the calendar"), iso);
      return NULL;
    }
  return g_steal_pointer (&iso);
}

gboolean
gr_movement_parse_price (const char  *text,
                         double      *out_price,
                         GError     **error)
{
  g_autofree char *plain = normalize (text);
  gint64 thousandths;
  int decimals;

  if (g_str_has_suffix (plain, "元/吨"))
    plain[strlen (plain) - strlen ("元/吨")] = '\0';
  if (*plain == '\0')
    {
      *out_price = NAN;
      return TRUE;
    }
  if (!parse_decimal (plain, 3, &thousandths, &decimals) || thousandths > (gint64) MAX_PRICE * 1000)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID,
                   _("“%s” is not a price in yuan per tonne (0 to 10,000,000, at most 3 decimals)"), text);
      return FALSE;
    }
  *out_price = (double) thousandths / 1000.0;
  return TRUE;
}

static char *
optional_text (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));

  return *copy != '\0' ? g_steal_pointer (&copy) : NULL;
}

gboolean
gr_movement_input_parse (GrMovementInput  *input,
                         const char       *lot,
                         const char       *kind,
                         const char       *date,
                         const char       *quantity,
                         const char       *price,
                         const char       *counterparty,
                         const char       *voucher_no,
                         const char       *note,
                         GrMovementField  *out_field,
                         GError          **error)
{
  GrMovementField field = GR_MOVEMENT_FIELD_NONE;

  gr_movement_input_clear (input);
  if (out_field != NULL)
    *out_field = GR_MOVEMENT_FIELD_NONE;

  input->lot = g_strdup (lot);
  if (kind == NULL || !g_strv_contains (gr_movement_kinds, kind))
    {
      field = GR_MOVEMENT_FIELD_KIND;
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("Choose the kind of movement"));
      goto failed;
    }
  input->kind = g_strdup (kind);
  if ((input->date = gr_movement_parse_date (date, error)) == NULL)
    {
      field = GR_MOVEMENT_FIELD_DATE;
      goto failed;
    }
  if (!gr_movement_parse_quantity (quantity, &input->quantity_kg, error))
    {
      field = GR_MOVEMENT_FIELD_QUANTITY;
      goto failed;
    }
  if (!gr_movement_parse_price (price, &input->price_yuan_per_t, error))
    {
      field = GR_MOVEMENT_FIELD_PRICE;
      goto failed;
    }
  input->counterparty = optional_text (counterparty);
  input->voucher_no = optional_text (voucher_no);
  input->note = optional_text (note);
  return TRUE;

failed:
  if (out_field != NULL)
    *out_field = field;
  gr_movement_input_clear (input);
  return FALSE;
}

/*
 * Checking against the store
 */

typedef struct {
  char *plan;
  char *plan_enterprise;
  char *enterprise_name;
  char *variety;
  char *plan_mode;
  char *depot_enterprise;
  char *entered_on;
} LotInfo;

static void
lot_info_clear (LotInfo *info)
{
  g_free (info->plan);
  g_free (info->plan_enterprise);
  g_free (info->enterprise_name);
  g_free (info->variety);
  g_free (info->plan_mode);
  g_free (info->depot_enterprise);
  g_free (info->entered_on);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LotInfo, lot_info_clear)

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static gboolean
read_lot (GrStore     *store,
          const char  *lot,
          LotInfo     *info,
          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store,
    "SELECT l.plan, p.enterprise, e.name, p.variety, p.rotation_mode, d.enterprise, l.entered_on"
    " FROM lots l JOIN plans p ON p.id = l.plan JOIN enterprises e ON e.id = p.enterprise"
    " JOIN bins b ON b.id = l.bin JOIN depots d ON d.id = b.depot"
    " WHERE l.id = ?1 AND l.deleted = 0", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, lot, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND, _("There is no lot %s"), lot ? lot : "");
      return FALSE;
    }
  info->plan = dup_column (stmt, 0);
  info->plan_enterprise = dup_column (stmt, 1);
  info->enterprise_name = dup_column (stmt, 2);
  info->variety = dup_column (stmt, 3);
  info->plan_mode = dup_column (stmt, 4);
  info->depot_enterprise = dup_column (stmt, 5);
  info->entered_on = dup_column (stmt, 6);
  return TRUE;
}

static gboolean
check_filed (GrStore                *store,
             const LotInfo          *info,
             const GrMovementInput  *input,
             GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store,
    "SELECT month, filed_on FROM monthly_reports WHERE deleted = 0 AND filed_on IS NOT NULL"
    " AND month = substr (?1, 1, 7) AND enterprise IN (?2, ?3) ORDER BY filed_on LIMIT 1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, input->date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, info->plan_enterprise, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, info->depot_enterprise, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      /* TRANSLATORS: month, date filed → "2026-10 的月报告已于 2026-11-03 报送，不能再录入该月的出入库；如需更正，请录入日期在其后的更正记录" */
      g_set_error (error, GR_ERROR, GR_ERROR_CONFLICT,
                   _("The monthly report for %s was filed on %s: movements of that month can no longer be entered (enter a correction dated later)"),
                   (const char *) sqlite3_column_text (stmt, 0), (const char *) sqlite3_column_text (stmt, 1));
      return FALSE;
    }
  return TRUE;
}

/* Within a day inbound movements count before outbound ones (DESIGN.md
 * §3), so a day's lowest balance is its end: an outbound movement on date
 * d is possible when every end of day from d on stays at or above zero. */
static gboolean
check_balance (GrStore                *store,
               const GrMovementInput  *input,
               GError                **error)
{
  g_autoptr(sqlite3_stmt) opening = gr_store_prepare (store,
    "SELECT coalesce (sum (delta_kg), 0) FROM movements WHERE lot = ?1 AND deleted = 0 AND date < ?2", error);
  g_autoptr(sqlite3_stmt) days = NULL;
  gint64 balance;
  int rc;

  if (opening == NULL)
    return FALSE;
  days = gr_store_prepare (store,
    "SELECT date, sum (delta_kg) FROM movements WHERE lot = ?1 AND deleted = 0 AND date >= ?2"
    " GROUP BY date ORDER BY date", error);
  if (days == NULL)
    return FALSE;

  sqlite3_bind_text (opening, 1, input->lot, -1, SQLITE_STATIC);
  sqlite3_bind_text (opening, 2, input->date, -1, SQLITE_STATIC);
  if (sqlite3_step (opening) != SQLITE_ROW)
    {
      gr_store_set_error (store, error, _("Could not read the lot's balance"));
      return FALSE;
    }
  balance = sqlite3_column_int64 (opening, 0);

  sqlite3_bind_text (days, 1, input->lot, -1, SQLITE_STATIC);
  sqlite3_bind_text (days, 2, input->date, -1, SQLITE_STATIC);
  rc = sqlite3_step (days);
  /* The movement's own date, even when nothing else moved that day. */
  if (rc != SQLITE_ROW || strcmp ((const char *) sqlite3_column_text (days, 0), input->date) != 0)
    {
      if (balance - input->quantity_kg < 0)
        goto negative;
    }
  for (; rc == SQLITE_ROW; rc = sqlite3_step (days))
    {
      balance += sqlite3_column_int64 (days, 1);
      if (balance - input->quantity_kg < 0)
        {
          g_autofree char *date = g_strdup ((const char *) sqlite3_column_text (days, 0));
          g_autofree char *holds = gr_format_tonnes (balance);
          g_autofree char *taken = gr_format_tonnes (input->quantity_kg);
          g_autofree char *left = gr_format_tonnes (balance - input->quantity_kg);

          if (strcmp (date, input->date) == 0)
            /* TRANSLATORS: date, balance, quantity, balance after → "该货位 2026-11-25 结存 600 吨，出库 800 吨将使结存降至 -200 吨，低于零" */
            g_set_error (error, GR_ERROR, GR_ERROR_NEGATIVE,
                         _("The lot holds %2$s on %1$s: taking out %3$s would leave %4$s, below zero"),
                         date, holds, taken, left);
          else
            /* TRANSLATORS: date of the movement, later date, balance then, quantity, balance after →
             * "出库日期 2026-03-01 之后，该货位 2026-03-05 结存仅 300 吨，出库 500 吨将使当日结存降至 -200 吨，低于零" */
            g_set_error (error, GR_ERROR, GR_ERROR_NEGATIVE,
                         _("After %s the lot holds only %s on %s: taking out %s would leave %s on that day, below zero"),
                         input->date, holds, date, taken, left);
          return FALSE;
        }
    }
  if (rc != SQLITE_DONE)
    {
      gr_store_set_error (store, error, _("Could not read the lot's balance"));
      return FALSE;
    }
  return TRUE;

negative:
  {
    g_autofree char *holds = gr_format_tonnes (balance);
    g_autofree char *taken = gr_format_tonnes (input->quantity_kg);
    g_autofree char *left = gr_format_tonnes (balance - input->quantity_kg);

    g_set_error (error, GR_ERROR, GR_ERROR_NEGATIVE,
                 _("The lot holds %2$s on %1$s: taking out %3$s would leave %4$s, below zero"),
                 input->date, holds, taken, left);
    return FALSE;
  }
}

/* The refusals; on success info describes the lot. */
static gboolean
check_refusals (GrStore                *store,
                const GrMovementInput  *input,
                const char             *today,
                LotInfo                *info,
                GrMovementField        *out_field,
                GError                **error)
{
  g_autofree char *today_owned = today ? NULL : gr_today_iso ();

  if (today == NULL)
    today = today_owned;
  *out_field = GR_MOVEMENT_FIELD_NONE;

  if (input->kind == NULL || !g_strv_contains (gr_movement_kinds, input->kind))
    {
      *out_field = GR_MOVEMENT_FIELD_KIND;
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("Choose the kind of movement"));
      return FALSE;
    }
  if (input->quantity_kg <= 0 || input->quantity_kg > GR_MAX_KG)
    {
      *out_field = GR_MOVEMENT_FIELD_QUANTITY;
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("The quantity must be more than 0"));
      return FALSE;
    }
  *out_field = GR_MOVEMENT_FIELD_DATE;
  if (!gr_date_parse (input->date, NULL))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("“%s” is not a date: write it as 2026-11-25"),
                   input->date ? input->date : "");
      return FALSE;
    }
  if (strcmp (input->date, today) > 0)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID,
                   _("A movement cannot be dated after today (%s): record it when it has happened"), today);
      return FALSE;
    }
  *out_field = GR_MOVEMENT_FIELD_NONE;
  if (!read_lot (store, input->lot, info, error))
    return FALSE;
  *out_field = GR_MOVEMENT_FIELD_DATE;
  if (info->entered_on != NULL && strcmp (input->date, info->entered_on) < 0)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID,
                   _("The lot entered the store on %s: a movement cannot be dated before that"), info->entered_on);
      return FALSE;
    }
  if (!check_filed (store, info, input, error))
    return FALSE;
  *out_field = GR_MOVEMENT_FIELD_QUANTITY;
  if (!gr_movement_kind_is_inbound (input->kind) && !check_balance (store, input, error))
    return FALSE;
  *out_field = GR_MOVEMENT_FIELD_NONE;
  return TRUE;
}

/*
 * Warnings: stock.min_ratio
 */

typedef struct {
  char         *id;
  GrGrainClass  klass;
  int           percent;
  gint64        quantity_kg;
  GrDay         valid_from;
  GrDay         valid_to;
  GrDay         fill_by;
  gint64        base_kg;      /* at the end of the month before the movement's month */
  GArray       *days;         /* GrStockDay: net of each day from that month on */
} UnitPlan;

static void
unit_plan_free (gpointer data)
{
  UnitPlan *plan = data;

  g_free (plan->id);
  g_clear_pointer (&plan->days, g_array_unref);
  g_free (plan);
}

typedef struct {
  GrDay        date;
  GrDay        end;           /* the exemption ends (exclusive) */
  const char  *variety;       /* interned */
  gint64       quantity_kg;
  gint64       allocated_kg;
} Order;

static GrDay
day_or (const char *iso,
        GrDay       fallback)
{
  return iso != NULL ? gr_day_parse (iso) : fallback;
}

static gboolean
plan_active (const UnitPlan *plan,
             GrDay           day)
{
  return plan->valid_from <= day && day <= plan->valid_to &&
         (plan->fill_by == GR_DAY_NONE || day >= plan->fill_by);
}

/* End-of-day stock of the plan on day (from its base and daily nets). */
static gint64
plan_stock (const UnitPlan *plan,
            GrDay           day)
{
  gint64 stock = plan->base_kg;

  for (guint i = 0; i < plan->days->len; i++)
    {
      const GrStockDay *d = &g_array_index (plan->days, GrStockDay, i);

      if (d->day > day)
        break;
      stock += d->stock_kg;
    }
  return stock;
}

static GPtrArray *
read_unit_plans (GrStore             *store,
                 GrProfile           *profile,
                 const GrRuleParams  *params,
                 const LotInfo       *info,
                 GrDay                from,
                 GError             **error)
{
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func (unit_plan_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) nets = NULL;
  g_autofree char *before = NULL;
  g_autofree char *month_start = NULL;
  int y, m, d, rc;

  gr_day_to_ymd (from, &y, &m, &d);
  month_start = g_strdup_printf ("%04d-%02d-01", y, m);
  before = m == 1 ? g_strdup_printf ("%04d-12", y - 1) : g_strdup_printf ("%04d-%02d", y, m - 1);

  /* Per plan (每个品种) or the enterprise's reserve scale (储备规模). */
  stmt = gr_store_prepare (store,
    params->scope == GR_RULE_SCOPE_PLAN
      ? "SELECT id, variety, quantity_kg, valid_from, valid_to, fill_by FROM plans WHERE id = ?1 AND deleted = 0"
      : "SELECT id, variety, quantity_kg, valid_from, valid_to, fill_by FROM plans WHERE enterprise = ?2 AND deleted = 0 ORDER BY id",
    error);
  nets = gr_store_prepare (store,
    "SELECT m.date, sum (m.delta_kg) FROM lots l CROSS JOIN movements m ON m.lot = l.id"
    " WHERE l.plan = ?1 AND m.deleted = 0 AND m.date >= ?2 GROUP BY m.date ORDER BY m.date", error);
  if (stmt == NULL || nets == NULL)
    return NULL;
  if (params->scope == GR_RULE_SCOPE_PLAN)
    sqlite3_bind_text (stmt, 1, info->plan, -1, SQLITE_STATIC);
  else
    sqlite3_bind_text (stmt, 2, info->plan_enterprise, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *variety = (const char *) sqlite3_column_text (stmt, 1);
      UnitPlan *plan;
      GrGrainClass klass;

      if (!gr_variety_is_valid (variety))
        continue;
      klass = gr_variety_class (variety);
      if (!gr_profile_covers_class (profile, klass) || params->percent[klass] < 0)
        continue;

      plan = g_new0 (UnitPlan, 1);
      plan->id = dup_column (stmt, 0);
      plan->klass = klass;
      plan->percent = params->percent[klass];
      plan->quantity_kg = sqlite3_column_int64 (stmt, 2);
      plan->valid_from = day_or ((const char *) sqlite3_column_text (stmt, 3), GR_DAY_NONE);
      plan->valid_to = day_or ((const char *) sqlite3_column_text (stmt, 4), GR_DAY_MAX);
      plan->fill_by = day_or ((const char *) sqlite3_column_text (stmt, 5), GR_DAY_NONE);
      /* The maintained month-end snapshot, then the days of this month on:
       * never the plan's whole history. */
      plan->base_kg = gr_ledger_plan_month_stock (store, plan->id, before);
      plan->days = g_array_new (FALSE, FALSE, sizeof (GrStockDay));
      g_ptr_array_add (plans, plan);

      sqlite3_reset (nets);
      sqlite3_bind_text (nets, 1, plan->id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (nets, 2, month_start, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (nets)) == SQLITE_ROW)
        {
          GrStockDay net = { gr_day_parse ((const char *) sqlite3_column_text (nets, 0)),
                             sqlite3_column_int64 (nets, 1) };

          g_array_append_val (plan->days, net);
        }
      if (rc != SQLITE_DONE)
        break;
    }
  if (rc != SQLITE_DONE)
    {
      gr_store_set_error (store, error, _("Could not read the plans' stock"));
      return NULL;
    }
  return g_steal_pointer (&plans);
}

/* Release orders of the enterprise with their exemption windows
 * (DESIGN.md §4 "Release allocation"), as the rules engine has them. */
static GArray *
read_orders (GrStore        *store,
             GrProfile      *profile,
             const LotInfo  *info,
             GrDay           today,
             GError        **error)
{
  const GrRuleParams *replenish = gr_profile_get_rule (profile, GR_RULE_RELEASE_REPLENISH);
  int months = replenish ? replenish->months : 12;
  g_autoptr(GArray) orders = g_array_new (FALSE, TRUE, sizeof (Order));
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store,
    "SELECT date, variety, quantity_kg FROM releases WHERE enterprise = ?1 AND deleted = 0 AND date <= ?2"
    " ORDER BY date, id", error);
  g_autoptr(sqlite3_stmt) moves = NULL;
  g_autofree char *today_iso = gr_day_to_iso (today);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, info->plan_enterprise, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, today_iso, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *variety = (const char *) sqlite3_column_text (stmt, 1);
      Order order = { 0 };

      if (!gr_variety_is_valid (variety) || !gr_profile_covers_class (profile, gr_variety_class (variety)))
        continue;
      order.date = gr_day_parse ((const char *) sqlite3_column_text (stmt, 0));
      order.end = gr_day_add_months (order.date, months);
      order.variety = g_intern_string (variety);
      order.quantity_kg = sqlite3_column_int64 (stmt, 2);
      g_array_append_val (orders, order);
    }
  if (rc != SQLITE_DONE)
    goto failed;
  if (orders->len == 0)
    return g_steal_pointer (&orders);

  /* Replenishments go to the orders first-in-first-out by order date. */
  moves = gr_store_prepare (store,
    "SELECT m.date, p.variety, m.quantity_kg FROM plans p CROSS JOIN lots l ON l.plan = p.id"
    " CROSS JOIN movements m ON m.lot = l.id"
    " WHERE p.enterprise = ?1 AND m.kind = 'replenish' AND m.deleted = 0 AND m.date <= ?2"
    " ORDER BY m.date", error);
  if (moves == NULL)
    return NULL;
  sqlite3_bind_text (moves, 1, info->plan_enterprise, -1, SQLITE_STATIC);
  sqlite3_bind_text (moves, 2, today_iso, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (moves)) == SQLITE_ROW)
    {
      GrDay day = gr_day_parse ((const char *) sqlite3_column_text (moves, 0));
      const char *variety = g_intern_string ((const char *) sqlite3_column_text (moves, 1));
      gint64 left = sqlite3_column_int64 (moves, 2);

      for (guint j = 0; j < orders->len && left > 0; j++)
        {
          Order *order = &g_array_index (orders, Order, j);
          gint64 take;

          if (order->date > day)
            break;
          if (order->variety != variety || order->allocated_kg >= order->quantity_kg)
            continue;
          take = MIN (left, order->quantity_kg - order->allocated_kg);
          order->allocated_kg += take;
          left -= take;
          if (order->allocated_kg == order->quantity_kg)
            order->end = MIN (order->end, day);
        }
    }
  if (rc != SQLITE_DONE)
    goto failed;
  return g_steal_pointer (&orders);

failed:
  gr_store_set_error (store, error, _("Could not read the release orders"));
  return NULL;
}

static gboolean
exempt (GArray     *orders,
        const char *variety,   /* interned; NULL: any variety (enterprise scope) */
        GrDay       day)
{
  for (guint i = 0; i < orders->len; i++)
    {
      const Order *order = &g_array_index (orders, Order, i);

      if ((variety == NULL || order->variety == variety) && order->date <= day && day < order->end)
        return TRUE;
    }
  return FALSE;
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  GrDay x = *(const GrDay *) a, y = *(const GrDay *) b;

  return x < y ? -1 : x > y;
}

static GArray *
checked_days (const GrRuleParams *params,
              GPtrArray          *plans,
              GrDay               from,
              GrDay               today)
{
  GArray *days = g_array_new (FALSE, FALSE, sizeof (GrDay));
  GrDay last = MAX (from, today);

  if (params->check == GR_CHECK_MONTH_END)
    {
      int y, m, d;
      int first, final;

      gr_day_to_ymd (from, &y, &m, &d);
      first = y * 12 + m - 1;
      gr_day_to_ymd (last, &y, &m, &d);
      final = y * 12 + m - 1;
      /* The month in progress too: its end is what the rule will check. */
      for (int i = first; i <= final; i++)
        {
          GrDay end = gr_day_month_end (i / 12, i % 12 + 1);

          g_array_append_val (days, end);
        }
      return days;
    }

  g_array_append_val (days, from);
  g_array_append_val (days, last);
  for (guint i = 0; i < plans->len; i++)
    {
      UnitPlan *plan = plans->pdata[i];
      GrDay edges[3] = { plan->valid_from, plan->valid_to, plan->fill_by };

      for (guint j = 0; j < plan->days->len; j++)
        {
          GrDay day = g_array_index (plan->days, GrStockDay, j).day;

          if (day > from && day <= last)
            g_array_append_val (days, day);
        }
      for (guint j = 0; j < G_N_ELEMENTS (edges); j++)
        if (edges[j] > from && edges[j] <= last)
          g_array_append_val (days, edges[j]);
    }
  g_array_sort (days, compare_days);
  return days;
}

static char *
citation (const GrRuleParams *params)
{
  if (params->document == NULL)
    return g_strdup ("");
  return g_strdup_printf ("《%s》%s", params->document, params->article ? params->article : "");
}

static gboolean
warn_min_ratio (GrStore                *store,
                GrProfile              *profile,
                const GrMovementInput  *input,
                const LotInfo          *info,
                GrDay                   today,
                GPtrArray              *warnings,
                GError                **error)
{
  const GrRuleParams *params = gr_profile_get_rule (profile, GR_RULE_STOCK_MIN_RATIO);
  GrDay from = gr_day_parse (input->date);
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GArray) orders = NULL;
  g_autoptr(GArray) days = NULL;
  GrDay low_day = GR_DAY_NONE;
  gint64 low_stock = 0, low_total = 0, low_required = 0;
  GrGrainClass klass;
  const char *variety;

  if (params == NULL || !params->enabled || gr_movement_kind_is_inbound (input->kind) ||
      !gr_variety_is_valid (info->variety))
    return TRUE;
  klass = gr_variety_class (info->variety);
  if (!gr_profile_covers_class (profile, klass) || params->percent[klass] < 0)
    return TRUE;

  if ((plans = read_unit_plans (store, profile, params, info, from, error)) == NULL ||
      (orders = read_orders (store, profile, info, today, error)) == NULL)
    return FALSE;
  days = checked_days (params, plans, from, today);
  variety = params->scope == GR_RULE_SCOPE_PLAN ? g_intern_string (info->variety) : NULL;

  for (guint i = 0; i < days->len; i++)
    {
      GrDay day = g_array_index (days, GrDay, i);
      gint64 stock = 0, total = 0, required = 0;
      gboolean any = FALSE;

      if (i > 0 && day == g_array_index (days, GrDay, i - 1))
        continue;
      if (exempt (orders, variety, day))
        continue;
      for (guint j = 0; j < plans->len; j++)
        {
          UnitPlan *plan = plans->pdata[j];

          if (!plan_active (plan, day))
            continue;
          stock += plan_stock (plan, day);
          /* The movement being entered, from its date on. */
          if (g_strcmp0 (plan->id, info->plan) == 0 && day >= from)
            stock -= input->quantity_kg;
          total += plan->quantity_kg;
          required += plan->quantity_kg * plan->percent;
          any = TRUE;
        }
      if (!any || total <= 0 || stock * 100 >= required)
        continue;
      /* The lowest ratio, the first day on ties (as the rule reports it). */
      if (low_day == GR_DAY_NONE || (double) stock * low_total < (double) low_stock * total)
        {
          low_day = day;
          low_stock = stock;
          low_total = total;
          low_required = required;
        }
    }

  if (low_day != GR_DAY_NONE)
    {
      GrMovementWarning *warning = g_new0 (GrMovementWarning, 1);
      g_autofree char *stock = gr_format_tonnes (low_stock);
      g_autofree char *total = gr_format_tonnes (low_total);
      g_autofree char *ratio = gr_rules_format_ratio (low_stock, low_total);
      g_autofree char *threshold = gr_rules_format_ratio (low_required, low_total * 100);
      g_autofree char *cite = citation (params);
      g_autofree char *date_iso = gr_day_to_iso (low_day);
      g_autofree char *date = gr_format_iso_date (date_iso);

      warning->rule = GR_RULE_STOCK_MIN_RATIO;
      warning->document = g_strdup (params->document);
      warning->article = g_strdup (params->article);
      warning->date = g_steal_pointer (&date_iso);
      warning->stock_kg = low_stock;
      warning->plan_kg = low_total;
      warning->required_kg100 = low_required;
      if (params->scope == GR_RULE_SCOPE_PLAN)
        /* TRANSLATORS: variety, stock, ratio, date, threshold, citation →
         * "保存后 中晚籼稻 计划库存将于 2026年3月31日 降至 6,800 吨（68%），低于 75%（《中山市市级储备粮管理办法》第十七条）" */
        warning->message = g_strdup_printf (_("After saving, the stock of the %s plan would fall to %s (%s) on %s, below %s (%s)"),
                                            gr_variety_name (info->variety), stock, ratio, date, threshold, cite);
      else
        /* TRANSLATORS: enterprise, stock, ratio, reserve scale, date, threshold, citation →
         * "保存后 市储备粮公司 库存将于 2026年11月30日 降至 31,000 吨（储备规模 50,000 吨的 62%），低于 70%（《东莞市政府储备粮管理办法》第十五条）" */
        warning->message = g_strdup_printf (_("After saving, the stock of %s would fall to %s (%s of its reserve scale of %s) on %s, below %s (%s)"),
                                            info->enterprise_name, stock, ratio, total, date, threshold, cite);
      g_ptr_array_add (warnings, warning);
    }
  return TRUE;
}

/*
 * Warnings: rotation.vacancy
 */

static gboolean
extension_approved (GrStore    *store,
                    const char *lot,
                    const char *month)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store,
    "SELECT 1 FROM rotation_plan_items i JOIN rotation_plans r ON r.id = i.parent"
    " WHERE r.deleted = 0 AND r.state = 'approved' AND i.vacancy_extension_approved = 1"
    " AND i.lot = ?1 AND i.out_month = ?2 LIMIT 1", NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, lot, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, month, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static guint
rotation_mode_bit (const char *mode)
{
  for (guint i = 0; gr_rotation_mode_names[i] != NULL; i++)
    if (g_strcmp0 (gr_rotation_mode_names[i], mode) == 0)
      return 1u << i;
  return 0;
}

static void
warn_vacancy (GrStore                *store,
              GrProfile              *profile,
              const GrMovementInput  *input,
              const LotInfo          *info,
              GPtrArray              *warnings)
{
  const GrRuleParams *params = gr_profile_get_rule (profile, GR_RULE_ROTATION_VACANCY);
  g_autofree char *month = NULL;
  g_autofree char *deadline_iso = NULL;
  g_autofree char *deadline = NULL;
  g_autofree char *quantity = NULL;
  g_autofree char *cite = NULL;
  GrMovementWarning *warning;
  GrGrainClass klass;
  int y, m, d, months, index;

  if (params == NULL || !params->enabled || g_strcmp0 (input->kind, "rotate_out") != 0 ||
      !gr_variety_is_valid (info->variety))
    return;
  klass = gr_variety_class (info->variety);
  if (!gr_profile_covers_class (profile, klass) ||
      (params->classes & GR_CLASS_BIT (klass)) == 0 ||
      (params->rotation_modes & rotation_mode_bit (info->plan_mode)) == 0)
    return;

  /* Counted from the month after the rotate-out (轮换出库次月起计算):
   * 20 Nov + 4 months → 31 Mar (Dongguan 第十七条). */
  gr_day_to_ymd (gr_day_parse (input->date), &y, &m, &d);
  month = g_strdup_printf ("%04d-%02d", y, m);
  months = params->months;
  if (extension_approved (store, input->lot, month))
    months += params->extension_months;
  index = y * 12 + m - 1 + months;
  deadline_iso = gr_day_to_iso (gr_day_month_end (index / 12, index % 12 + 1));
  deadline = gr_format_iso_date (deadline_iso);
  quantity = gr_format_tonnes (input->quantity_kg);
  cite = citation (params);

  warning = g_new0 (GrMovementWarning, 1);
  warning->rule = GR_RULE_ROTATION_VACANCY;
  warning->document = g_strdup (params->document);
  warning->article = g_strdup (params->article);
  warning->date = g_steal_pointer (&deadline_iso);
  warning->quantity_kg = input->quantity_kg;
  /* TRANSLATORS: quantity, deadline, months, citation →
   * "轮出 2,000 吨将产生空库期，须在 2026年3月31日 前轮入（架空期 4 个月，《东莞市政府储备粮管理办法》第十七条）" */
  warning->message = g_strdup_printf (_("Rotating out %s opens a vacancy: the same quantity must be rotated in by %s (a vacancy of %d months, %s)"),
                                      quantity, deadline, months, cite);
  g_ptr_array_add (warnings, warning);
}

/*
 * Public API
 */

GPtrArray *
gr_movement_entry_check (GrStore                *store,
                         GrProfile              *profile,
                         const GrMovementInput  *input,
                         const char             *today,
                         GrMovementField        *out_field,
                         GError                **error)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_movement_warning_free);
  g_autofree char *today_owned = today ? NULL : gr_today_iso ();
  g_auto(LotInfo) info = { 0 };
  GrMovementField field;

  g_return_val_if_fail (GR_IS_STORE (store), NULL);
  g_return_val_if_fail (input != NULL, NULL);

  if (today == NULL)
    today = today_owned;
  if (!check_refusals (store, input, today, &info, &field, error))
    {
      if (out_field != NULL)
        *out_field = field;
      return NULL;
    }
  if (out_field != NULL)
    *out_field = GR_MOVEMENT_FIELD_NONE;
  if (profile == NULL)
    return g_steal_pointer (&warnings);

  if (!warn_min_ratio (store, profile, input, &info, gr_day_parse (today), warnings, error))
    return NULL;
  warn_vacancy (store, profile, input, &info, warnings);
  return g_steal_pointer (&warnings);
}

gboolean
gr_movement_entry_record (GrStore                *store,
                          const GrMovementInput  *input,
                          const char             *today,
                          char                  **out_id,
                          GError                **error)
{
  g_autoptr(GString) doc = g_string_new ("{\"format\": \"granary-dataset\", \"version\": 1, \"movements\": [{\"id\": ");
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *tonnes = NULL;
  g_auto(LotInfo) info = { 0 };
  GrMovementField field;
  GrImportStats stats;

  g_return_val_if_fail (GR_IS_STORE (store), FALSE);
  g_return_val_if_fail (input != NULL, FALSE);

  if (!check_refusals (store, input, today, &info, &field, error))
    return FALSE;

  /* The quantity as its exact decimal text: 6.8 t is 6800 kg, not a
   * double near it. */
  tonnes = gr_kg_to_tonnes_string (input->quantity_kg);
  gr_json_append_string (doc, id);
  g_string_append (doc, ", \"lot\": ");
  gr_json_append_string (doc, input->lot);
  g_string_append (doc, ", \"date\": ");
  gr_json_append_string (doc, input->date);
  g_string_append (doc, ", \"kind\": ");
  gr_json_append_string (doc, input->kind);
  g_string_append_printf (doc, ", \"quantity_t\": %s", tonnes);
  if (isfinite (input->price_yuan_per_t))
    {
      g_string_append (doc, ", \"price_yuan_per_t\": ");
      gr_json_append_double (doc, input->price_yuan_per_t);
    }
  if (input->counterparty != NULL)
    {
      g_string_append (doc, ", \"counterparty\": ");
      gr_json_append_string (doc, input->counterparty);
    }
  if (input->voucher_no != NULL)
    {
      g_string_append (doc, ", \"voucher_no\": ");
      gr_json_append_string (doc, input->voucher_no);
    }
  if (input->note != NULL)
    {
      g_string_append (doc, ", \"note\": ");
      gr_json_append_string (doc, input->note);
    }
  g_string_append (doc, "}]}");

  if (!json_parser_load_from_data (parser, doc->str, doc->len, error))
    return FALSE;
  /* Validation, the write, the ledger's balance check and settlement,
   * all in the importer's one transaction. */
  if (!gr_import_document (store, json_parser_get_root (parser), GR_IMPORT_ENTRY, &stats, NULL, NULL, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = g_steal_pointer (&id);
  return TRUE;
}
