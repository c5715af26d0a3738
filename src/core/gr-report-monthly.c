/* gr-report-monthly.c: the monthly report 月报告
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-dataset.h"
#include "gr-error.h"
#include "gr-format.h"
#include "gr-json-writer.h"
#include "gr-outbox.h"
#include "gr-record-store.h"
#include "gr-report-monthly.h"
#include "gr-variety.h"

static void
row_free (gpointer data)
{
  GrMonthlyRow *row = data;

  g_free (row->depot);
  g_free (row->depot_name);
  g_free (row->variety);
  g_free (row);
}

static void
rotation_free (gpointer data)
{
  GrMonthlyRotation *rotation = data;

  g_free (rotation->variety);
  g_free (rotation);
}

void
gr_monthly_report_free (GrMonthlyReport *report)
{
  if (report == NULL)
    return;
  g_free (report->id);
  g_free (report->enterprise);
  g_free (report->enterprise_name);
  g_free (report->month);
  g_free (report->filed_on);
  g_free (report->due_on);
  g_clear_pointer (&report->rows, g_ptr_array_unref);
  g_clear_pointer (&report->rotation, g_ptr_array_unref);
  g_clear_pointer (&report->late, g_ptr_array_unref);
  g_free (report);
}

static int
variety_rank (const char *variety)
{
  const char * const *codes = gr_variety_codes ();

  for (int i = 0; codes[i] != NULL; i++)
    if (strcmp (codes[i], variety) == 0)
      return i;
  return G_MAXINT;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const GrMonthlyRow *x = *(GrMonthlyRow * const *) a, *y = *(GrMonthlyRow * const *) b;
  int c = g_strcmp0 (x->depot_name, y->depot_name);

  if (c == 0)
    c = strcmp (x->depot, y->depot);
  if (c == 0)
    c = variety_rank (x->variety) - variety_rank (y->variety);
  return c;
}

static int
compare_rotation (gconstpointer a,
                  gconstpointer b)
{
  const GrMonthlyRotation *x = *(GrMonthlyRotation * const *) a, *y = *(GrMonthlyRotation * const *) b;

  return variety_rank (x->variety) - variety_rank (y->variety);
}

static GrMonthlyRotation *
rotation_of (GHashTable *by_variety,
             const char *variety)
{
  GrMonthlyRotation *rotation = g_hash_table_lookup (by_variety, variety);

  if (rotation == NULL)
    {
      rotation = g_new0 (GrMonthlyRotation, 1);
      rotation->variety = g_strdup (variety);
      g_hash_table_insert (by_variety, rotation->variety, rotation);
    }
  return rotation;
}

char *
gr_monthly_report_filed_on (GrStore     *store,
                            const char  *enterprise,
                            const char  *month,
                            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store,
    "SELECT min(filed_on) FROM monthly_reports WHERE deleted = 0 AND enterprise = ?1 AND month = ?2"
    " AND filed_on IS NOT NULL", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, enterprise, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, month, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return NULL;
}

/* The record of the report, and the filed months of the year up to month
 * (month → filed_on) for flagging late movements. */
static gboolean
load_reports (GrStore         *store,
              GrMonthlyReport *report,
              int              year,
              GHashTable      *filed,
              GError         **error)
{
  g_autofree char *first = g_strdup_printf ("%04d-01", year);
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store,
    "SELECT id, month, filed_on FROM monthly_reports WHERE deleted = 0 AND enterprise = ?1"
    " AND month >= ?2 AND month <= ?3 ORDER BY month, filed_on IS NULL, filed_on, id", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, report->enterprise, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, first, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, report->month, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *month = (const char *) sqlite3_column_text (stmt, 1);
      const char *filed_on = (const char *) sqlite3_column_text (stmt, 2);

      if (strcmp (month, report->month) == 0 && report->id == NULL)
        {
          report->id = g_strdup (id);
          report->filed_on = g_strdup (filed_on);
        }
      if (filed_on != NULL && !g_hash_table_contains (filed, month))
        g_hash_table_insert (filed, g_strdup (month), g_strdup (filed_on));
    }
  return TRUE;
}

static gboolean
load_planned (GrStore     *store,
              const char  *enterprise,
              int          year,
              GHashTable  *by_variety,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store,
    "SELECT l.variety, sum(i.quantity_kg) FROM rotation_plans r"
    " JOIN rotation_plan_items i ON i.parent = r.id JOIN lots l ON l.id = i.lot"
    " WHERE r.deleted = 0 AND r.enterprise = ?1 AND r.year = ?2 GROUP BY l.variety", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, enterprise, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, year);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    rotation_of (by_variety, (const char *) sqlite3_column_text (stmt, 0))->planned_kg += sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

GrMonthlyReport *
gr_monthly_report_build (GrStore     *store,
                         const char  *enterprise,
                         const char  *month,
                         const char  *today,
                         GError     **error)
{
  g_autoptr(GrMonthlyReport) report = NULL;
  g_autoptr(sqlite3_stmt) ent = NULL, lots = NULL, moves = NULL;
  g_autoptr(GHashTable) rows = NULL, rotation = NULL, filed = NULL;
  g_autofree char *now = NULL, *year_start = NULL, *month_start = NULL, *month_end = NULL;
  GHashTableIter iter;
  gpointer value;
  int year, mon;

  if (month == NULL || !gr_month_parse (month, &year, &mon))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("“%s” is not a month (YYYY-MM)"), month ? month : "");
      return NULL;
    }
  if (today == NULL)
    today = now = gr_today_iso ();
  if (strncmp (month, today, 7) > 0)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("The month %s is in the future"), month);
      return NULL;
    }

  ent = gr_store_prepare (store, "SELECT name FROM enterprises WHERE deleted = 0 AND id = ?1", error);
  if (ent == NULL)
    return NULL;
  sqlite3_bind_text (ent, 1, enterprise, -1, SQLITE_STATIC);
  if (sqlite3_step (ent) != SQLITE_ROW)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND, _("There is no enterprise “%s”"), enterprise);
      return NULL;
    }

  report = g_new0 (GrMonthlyReport, 1);
  report->enterprise = g_strdup (enterprise);
  report->enterprise_name = g_strdup ((const char *) sqlite3_column_text (ent, 0));
  report->month = g_strdup (month);
  report->rows = g_ptr_array_new_with_free_func (row_free);
  report->rotation = g_ptr_array_new_with_free_func (rotation_free);
  report->late = g_ptr_array_new_with_free_func (g_free);

  filed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  rotation = g_hash_table_new (g_str_hash, g_str_equal);
  rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!load_reports (store, report, year, filed, error) ||
      !load_planned (store, enterprise, year, rotation, error))
    goto fail;

  year_start = g_strdup_printf ("%04d-01-01", year);
  month_start = g_strdup_printf ("%s-01", month);
  month_end = g_strdup_printf ("%s-31", month);   /* compares after every day of the month */

  lots = gr_store_prepare (store,
    "SELECT l.id, l.variety, l.balance_kg, d.id, d.name FROM lots l"
    " JOIN bins b ON b.id = l.bin JOIN depots d ON d.id = b.depot"
    " WHERE l.deleted = 0 AND d.enterprise = ?1", error);
  moves = gr_store_prepare (store,
    "SELECT id, date, kind, delta_kg, updated_at FROM movements"
    " WHERE lot = ?1 AND date >= ?2 AND deleted = 0", error);
  if (lots == NULL || moves == NULL)
    goto fail;
  sqlite3_bind_text (lots, 1, enterprise, -1, SQLITE_STATIC);
  sqlite3_bind_text (moves, 2, year_start, -1, SQLITE_STATIC);
  while (sqlite3_step (lots) == SQLITE_ROW)
    {
      const char *lot = (const char *) sqlite3_column_text (lots, 0);
      const char *variety = (const char *) sqlite3_column_text (lots, 1);
      const char *depot = (const char *) sqlite3_column_text (lots, 3);
      gint64 closing = sqlite3_column_int64 (lots, 2), in = 0, out = 0;
      g_autofree char *key = g_strdup_printf ("%s\037%s", depot, variety);
      GrMonthlyRow *row;

      sqlite3_bind_text (moves, 1, lot, -1, SQLITE_STATIC);
      while (sqlite3_step (moves) == SQLITE_ROW)
        {
          const char *date = (const char *) sqlite3_column_text (moves, 1);
          const char *kind = (const char *) sqlite3_column_text (moves, 2);
          const char *updated_at = (const char *) sqlite3_column_text (moves, 4);
          gint64 delta = sqlite3_column_int64 (moves, 3);
          gboolean in_month = strcmp (date, month_start) >= 0 && strcmp (date, month_end) <= 0;
          char date_month[8];
          const char *filed_on;

          if (strcmp (date, month_end) > 0)
            {
              /* The balance is today's: take back what came after the month. */
              closing -= delta;
              continue;
            }
          if (in_month && delta > 0)
            in += delta;
          else if (in_month)
            out -= delta;

          if (strcmp (kind, "rotate_out") == 0 || strcmp (kind, "rotate_in") == 0)
            {
              GrMonthlyRotation *r = rotation_of (rotation, variety);
              gboolean is_out = kind[7] == 'o';

              *(is_out ? &r->out_ytd_kg : &r->in_ytd_kg) += ABS (delta);
              if (in_month)
                *(is_out ? &r->out_month_kg : &r->in_month_kg) += ABS (delta);
            }

          /* Stored after its month was filed: it came by sync (or import). */
          memcpy (date_month, date, 7);
          date_month[7] = '\0';
          filed_on = g_hash_table_lookup (filed, date_month);
          if (filed_on != NULL && updated_at != NULL && strncmp (updated_at, filed_on, 10) > 0)
            g_ptr_array_add (report->late, g_strdup ((const char *) sqlite3_column_text (moves, 0)));
        }
      sqlite3_reset (moves);

      row = g_hash_table_lookup (rows, key);
      if (row == NULL)
        {
          row = g_new0 (GrMonthlyRow, 1);
          row->depot = g_strdup (depot);
          row->depot_name = g_strdup ((const char *) sqlite3_column_text (lots, 4));
          row->variety = g_strdup (variety);
          g_hash_table_insert (rows, g_steal_pointer (&key), row);
          g_ptr_array_add (report->rows, row);
        }
      row->closing_kg += closing;
      row->in_kg += in;
      row->out_kg += out;
      row->opening_kg += closing - in + out;
    }

  /* Rows where nothing was held or moved say nothing. */
  for (guint i = report->rows->len; i-- > 0;)
    {
      GrMonthlyRow *row = report->rows->pdata[i];

      if (row->opening_kg == 0 && row->in_kg == 0 && row->out_kg == 0 && row->closing_kg == 0)
        g_ptr_array_remove_index_fast (report->rows, i);
    }
  g_ptr_array_sort (report->rows, compare_rows);

  g_hash_table_iter_init (&iter, rotation);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (report->rotation, value);
  g_hash_table_steal_all (rotation);
  g_ptr_array_sort (report->rotation, compare_rotation);
  g_ptr_array_sort (report->late, (GCompareFunc) g_strcmp0);
  return g_steal_pointer (&report);

fail:
  return NULL;
}

/* The filed report as a monthly_reports record: the draft's id, version
 * and unknown keys when there is one, a new id otherwise. */
static GrRecord *
filing_record (GrMonthlyReport *report,
               const GrRecord  *draft,
               const char      *filed_on)
{
  const GrEntity *entity = gr_schema_lookup ("monthly_report");
  GrRecord *record = gr_record_new (entity);
  const GrValue *rows, *rotation;

  record->id = draft != NULL ? g_strdup (draft->id) : gr_uuid_v7 ();
  record->version = draft != NULL ? MAX (draft->version, 0) : 0;
  record->extra = draft != NULL ? g_strdup (draft->extra) : NULL;
  record->updated_at = gr_dataset_now ();
  record->updated_by = g_strdup (g_get_user_name ());
  gr_record_apply_defaults (record);
  gr_record_set_text (record, "enterprise", report->enterprise);
  gr_record_set_text (record, "month", report->month);
  gr_record_set_text (record, "filed_on", filed_on);

  rows = gr_record_get (record, "rows");
  for (guint i = 0; i < report->rows->len; i++)
    {
      GrMonthlyRow *r = report->rows->pdata[i];
      GrRecord *child = gr_record_new (gr_entity_field (entity, "rows")->child);

      gr_record_apply_defaults (child);
      gr_record_set_text (child, "depot", r->depot);
      gr_record_set_text (child, "variety", r->variety);
      gr_record_set_int (child, "opening_t", r->opening_kg);
      gr_record_set_int (child, "in_t", r->in_kg);
      gr_record_set_int (child, "out_t", r->out_kg);
      gr_record_set_int (child, "closing_t", r->closing_kg);
      g_ptr_array_add (rows->children, child);
    }
  rotation = gr_record_get (record, "rotation");
  for (guint i = 0; i < report->rotation->len; i++)
    {
      GrMonthlyRotation *r = report->rotation->pdata[i];
      GrRecord *child = gr_record_new (gr_entity_field (entity, "rotation")->child);

      gr_record_apply_defaults (child);
      gr_record_set_text (child, "variety", r->variety);
      gr_record_set_int (child, "planned_t", r->planned_kg);
      gr_record_set_int (child, "out_month_t", r->out_month_kg);
      gr_record_set_int (child, "in_month_t", r->in_month_kg);
      gr_record_set_int (child, "out_ytd_t", r->out_ytd_kg);
      gr_record_set_int (child, "in_ytd_t", r->in_ytd_kg);
      g_ptr_array_add (rotation->children, child);
    }
  return record;
}

/* Inside the caller's transaction: writes the filed report through the
 * record writer, which adds its one outbox row (an "append": a filed
 * report is frozen, gr-outbox.h) in the same transaction. */
static gboolean
store_filing (GrStore          *store,
              GrMonthlyReport  *report,
              const char       *filed_on,
              char            **out_id,
              GError          **error)
{
  const GrEntity *entity = gr_schema_lookup ("monthly_report");
  g_autoptr(GrRecordWriter) writer = NULL;
  g_autoptr(GrRecord) draft = NULL;
  g_autoptr(GrRecord) record = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *hash = NULL;

  /* A draft stored by an import is filed under its own id; one that has
   * gone meanwhile is not brought back. */
  if (report->id != NULL)
    {
      draft = gr_record_load (store, entity, report->id, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (draft != NULL && draft->deleted)
        g_clear_pointer (&draft, gr_record_free);
    }

  if ((writer = gr_record_writer_new (store, entity, error)) == NULL)
    return FALSE;
  record = filing_record (report, draft, filed_on);
  hash = gr_record_hash (record);
  if (!(draft == NULL ? gr_record_writer_insert (writer, record, hash, error)
                      : gr_record_writer_update (writer, record, hash, error)))
    return FALSE;
  *out_id = g_strdup (record->id);
  return TRUE;
}

gboolean
gr_monthly_report_file (GrStore          *store,
                        GrMonthlyReport  *report,
                        const char       *today,
                        GError          **error)
{
  g_autofree char *now = NULL, *already = NULL, *id = NULL;
  g_autoptr(GError) local_error = NULL;

  if (today == NULL)
    today = now = gr_today_iso ();
  /* A month is reported once it is over (Zhongshan 第十五条: within 5
   * working days after it). */
  if (strncmp (report->month, today, 7) >= 0)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("The month %s has not ended yet"), report->month);
      return FALSE;
    }

  /* The check, the record, its children and its outbox row: all or nothing. */
  if (!gr_store_begin (store, error))
    return FALSE;
  already = gr_monthly_report_filed_on (store, report->enterprise, report->month, &local_error);
  if (local_error != NULL)
    goto fail;
  if (already != NULL)
    {
      g_set_error (&local_error, GR_ERROR, GR_ERROR_CONFLICT,
                   _("The monthly report of %s for %s was filed on %s already"),
                   report->enterprise_name, report->month, already);
      goto fail;
    }
  if (!store_filing (store, report, today, &id, &local_error) ||
      !gr_store_commit (store, &local_error))
    goto fail;

  /* Only once it is committed: a refused filing leaves the report as built. */
  g_free (report->id);
  report->id = g_steal_pointer (&id);
  g_free (report->filed_on);
  report->filed_on = g_strdup (today);
  return TRUE;

fail:
  gr_store_rollback (store);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

char *
gr_monthly_report_due_on (GrProfile  *profile,
                          const char *month,
                          int        *out_working_days)
{
  const GrRuleParams *rule = profile ? gr_profile_get_rule (profile, GR_RULE_REPORT_MONTHLY) : NULL;
  int n = rule != NULL && rule->enabled && rule->working_days > 0 ? rule->working_days : GR_MONTHLY_REPORT_WORKING_DAYS;
  int year, mon;
  GDate day;

  if (!gr_month_parse (month, &year, &mon))
    return NULL;
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_get_days_in_month (mon, year), mon, year);
  if (profile != NULL)
    gr_profile_add_working_days (profile, &day, n, &day);
  else
    for (int left = n; left > 0;)
      {
        g_date_add_days (&day, 1);
        if (g_date_get_weekday (&day) <= G_DATE_FRIDAY)
          left--;
      }
  if (out_working_days != NULL)
    *out_working_days = n;
  return gr_date_to_iso (&day);
}

void
gr_monthly_report_set_due (GrMonthlyReport *report,
                           GrProfile       *profile)
{
  g_free (report->due_on);
  report->due_on = gr_monthly_report_due_on (profile, report->month, &report->working_days);
}

gboolean
gr_monthly_report_on_time (const char *filed_on,
                           const char *due_on)
{
  /* ISO dates compare as text. */
  return filed_on != NULL && due_on != NULL && strcmp (filed_on, due_on) <= 0;
}

static void
append_tonnes (GString    *out,
               const char *key,
               gint64      kg)
{
  g_autofree char *t = gr_kg_to_tonnes_string (kg);

  g_string_append_printf (out, ", \"%s\": %s", key, t);
}

char *
gr_monthly_report_to_json (GrMonthlyReport *report)
{
  GString *out = g_string_new ("{\"id\": ");

  if (report->id != NULL)
    gr_json_append_string (out, report->id);
  else
    g_string_append (out, "null");
  g_string_append (out, ", \"enterprise\": ");
  gr_json_append_string (out, report->enterprise);
  g_string_append (out, ", \"month\": ");
  gr_json_append_string (out, report->month);
  g_string_append (out, ", \"filed_on\": ");
  if (report->filed_on != NULL)
    gr_json_append_string (out, report->filed_on);
  else
    g_string_append (out, "null");

  g_string_append (out, ", \"rows\": [");
  for (guint i = 0; i < report->rows->len; i++)
    {
      GrMonthlyRow *r = report->rows->pdata[i];

      g_string_append (out, i ? ", {\"depot\": " : "{\"depot\": ");
      gr_json_append_string (out, r->depot);
      g_string_append (out, ", \"variety\": ");
      gr_json_append_string (out, r->variety);
      append_tonnes (out, "opening_t", r->opening_kg);
      append_tonnes (out, "in_t", r->in_kg);
      append_tonnes (out, "out_t", r->out_kg);
      append_tonnes (out, "closing_t", r->closing_kg);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "], \"rotation\": [");
  for (guint i = 0; i < report->rotation->len; i++)
    {
      GrMonthlyRotation *r = report->rotation->pdata[i];

      g_string_append (out, i ? ", {\"variety\": " : "{\"variety\": ");
      gr_json_append_string (out, r->variety);
      append_tonnes (out, "planned_t", r->planned_kg);
      append_tonnes (out, "out_month_t", r->out_month_kg);
      append_tonnes (out, "in_month_t", r->in_month_kg);
      append_tonnes (out, "out_ytd_t", r->out_ytd_kg);
      append_tonnes (out, "in_ytd_t", r->in_ytd_kg);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "], \"late\": [");
  for (guint i = 0; i < report->late->len; i++)
    {
      if (i)
        g_string_append (out, ", ");
      gr_json_append_string (out, report->late->pdata[i]);
    }
  g_string_append (out, "]}");
  return g_string_free (out, FALSE);
}
