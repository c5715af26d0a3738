/* gr-inspection-list.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-inspection"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "gr-dataset.h"
#include "gr-error.h"
#include "gr-format.h"
#include "gr-inspection-list.h"
#include "gr-outbox.h"
#include "gr-record-store.h"

/* A signed inspection that a signed correction replaces. */
#define SUPERSEDED(alias) \
  "EXISTS (SELECT 1 FROM inspections c WHERE c.corrects = " alias ".id AND c.deleted = 0 AND c.signed_on IS NOT NULL)"

const char *
gr_inspection_state_name (GrInspectionState state)
{
  switch (state)
    {
    /* TRANSLATORS: state of an inspection record: not signed yet, kept on this computer */
    case GR_INSPECTION_DRAFT:    return _("Draft");
    /* TRANSLATORS: state of an inspection record: 已签字, not sent to the server yet */
    case GR_INSPECTION_SIGNED:   return _("Signed");
    /* TRANSLATORS: state of an inspection record: 已同步, the server has it */
    case GR_INSPECTION_SYNCED:   return _("Synced");
    /* TRANSLATORS: state of an inspection record: the server refused it */
    case GR_INSPECTION_REJECTED: return _("Refused by the server");
    default:                     g_return_val_if_reached ("");
    }
}

const char *
gr_inspection_kind_name (const char *kind)
{
  /* TRANSLATORS: kinds of inspection, Nanchang 第四十八条: 日常检查 */
  if (g_strcmp0 (kind, "routine") == 0)
    return _("Routine inspection");
  /* TRANSLATORS: 随机抽查 */
  if (g_strcmp0 (kind, "random") == 0)
    return _("Random spot check");
  /* TRANSLATORS: 定期清查 */
  if (g_strcmp0 (kind, "periodic") == 0)
    return _("Periodic stock check");
  /* TRANSLATORS: 联合检查 */
  if (g_strcmp0 (kind, "joint") == 0)
    return _("Joint inspection");
  return kind != NULL ? kind : "";
}

const char *
gr_finding_severity_name (const char *severity)
{
  /* TRANSLATORS: severity of an inspection finding: 一般 */
  if (g_strcmp0 (severity, "minor") == 0)
    return _("Minor");
  /* TRANSLATORS: severity of an inspection finding: 较重 */
  if (g_strcmp0 (severity, "major") == 0)
    return _("Major");
  /* TRANSLATORS: severity of an inspection finding: 严重 */
  if (g_strcmp0 (severity, "critical") == 0)
    return _("Critical");
  return severity != NULL ? severity : "";
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static double
column_real (sqlite3_stmt *stmt,
             int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, column);
}

/* ["甲", "乙"] → "甲、乙" */
static char *
join_names (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  JsonArray *array;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return g_strdup ("");
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      if (out->len > 0)
        /* TRANSLATORS: between names in a list of people: 、 */
        g_string_append (out, C_("list of names", ", "));
      g_string_append (out, json_node_get_string (node));
    }
  return g_strdup (out->str);
}

/* ---- Closures along correction chains ----------------------------------- */

typedef struct {
  GHashTable *closed;    /* "inspection\x1ffinding" */
  GHashTable *corrects;  /* inspection id → the id it corrects */
} Closures;

static void
closures_clear (Closures *c)
{
  g_clear_pointer (&c->closed, g_hash_table_unref);
  g_clear_pointer (&c->corrects, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Closures, closures_clear)

static gboolean
closures_load (GrStore   *store,
               Closures  *c,
               GError   **error)
{
  g_autoptr(sqlite3_stmt) closed = NULL;
  g_autoptr(sqlite3_stmt) chain = NULL;

  c->closed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c->corrects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if ((closed = gr_store_prepare (store, "SELECT inspection, finding FROM finding_closures WHERE deleted = 0",
                                  error)) == NULL ||
      (chain = gr_store_prepare (store, "SELECT id, corrects FROM inspections WHERE corrects IS NOT NULL AND deleted = 0",
                                 error)) == NULL)
    return FALSE;
  while (sqlite3_step (closed) == SQLITE_ROW)
    g_hash_table_add (c->closed, g_strdup_printf ("%s\x1f%s", sqlite3_column_text (closed, 0),
                                                  sqlite3_column_text (closed, 1)));
  while (sqlite3_step (chain) == SQLITE_ROW)
    g_hash_table_insert (c->corrects, column_text (chain, 0), column_text (chain, 1));
  return TRUE;
}

/* Whether a closure of finding exists for inspection or a record it corrects. */
static gboolean
closures_has (Closures   *c,
              const char *inspection,
              const char *finding)
{
  const char *at = inspection;

  if (finding == NULL)
    return FALSE;
  /* A chain is a few records long; the bound only guards a loop in bad data. */
  for (guint step = 0; at != NULL && step < 1000; step++)
    {
      g_autofree char *key = g_strdup_printf ("%s\x1f%s", at, finding);

      if (g_hash_table_contains (c->closed, key))
        return TRUE;
      at = g_hash_table_lookup (c->corrects, at);
    }
  return FALSE;
}

/* ---- Inspections -------------------------------------------------------- */

void
gr_inspection_summary_free (GrInspectionSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->id);
  g_free (summary->depot);
  g_free (summary->depot_name);
  g_free (summary->date);
  g_free (summary->kind);
  g_free (summary->inspectors);
  g_free (summary->signed_on);
  g_free (summary->corrects);
  g_free (summary->sync_error);
  g_free (summary);
}

#define SUMMARIES \
  "SELECT i.id, i.depot, d.name, i.date, i.kind, i.inspectors, i.signed_on, i.corrects," \
  " i.version, (SELECT count (*) FROM inspection_readings r WHERE r.parent = i.id)," \
  " (SELECT o.state FROM outbox o WHERE o.entity = 'inspection' AND o.entity_id = i.id" \
  "  ORDER BY o.seq DESC LIMIT 1)," \
  " (SELECT o.last_error FROM outbox o WHERE o.entity = 'inspection' AND o.entity_id = i.id" \
  "  ORDER BY o.seq DESC LIMIT 1), " SUPERSEDED ("i") \
  " FROM inspections i LEFT JOIN depots d ON d.id = i.depot" \
  " WHERE i.deleted = 0 AND (?1 IS NULL OR i.depot = ?1)"

static gboolean
read_summaries (GrStore                *store,
                const char             *depot,
                gboolean                newest_first,
                GrInspectionSummaryFunc func,
                gpointer                user_data,
                GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) findings = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(Closures) closures = { 0 };
  int rc;

  if (!closures_load (store, &closures, error))
    return FALSE;
  /* Sorting 120,000 rows costs SQLite a temporary b-tree: a reader that
   * orders them its own way does without. */
  stmt = gr_store_prepare (store, newest_first ? SUMMARIES " ORDER BY i.date DESC, i.rowid DESC" : SUMMARIES, error);
  findings = gr_store_prepare (store, "SELECT id FROM inspection_findings WHERE parent = ?1 ORDER BY seq", error);
  if (stmt == NULL || findings == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, depot, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GrInspectionSummary s = { 0 };
      const char *outbox_state = (const char *) sqlite3_column_text (stmt, 10);
      const char *inspectors = (const char *) sqlite3_column_text (stmt, 5);

      s.id = (char *) sqlite3_column_text (stmt, 0);
      s.depot = (char *) sqlite3_column_text (stmt, 1);
      s.depot_name = (char *) sqlite3_column_text (stmt, 2);
      s.date = (char *) sqlite3_column_text (stmt, 3);
      s.kind = (char *) sqlite3_column_text (stmt, 4);
      /* The same few teams inspect again and again: each list of names
       * is parsed once. */
      if (inspectors == NULL)
        s.inspectors = (char *) "";
      else if ((s.inspectors = g_hash_table_lookup (names, inspectors)) == NULL)
        {
          s.inspectors = join_names (inspectors);
          g_hash_table_insert (names, g_strdup (inspectors), s.inspectors);
        }
      s.signed_on = (char *) sqlite3_column_text (stmt, 6);
      s.corrects = (char *) sqlite3_column_text (stmt, 7);
      s.n_readings = sqlite3_column_int (stmt, 9);
      s.superseded = sqlite3_column_int (stmt, 12) != 0;
      if (s.signed_on == NULL)
        s.state = GR_INSPECTION_DRAFT;
      else if (sqlite3_column_int64 (stmt, 8) > 0 || g_strcmp0 (outbox_state, "acked") == 0)
        s.state = GR_INSPECTION_SYNCED;
      else if (g_strcmp0 (outbox_state, "rejected") == 0)
        {
          s.state = GR_INSPECTION_REJECTED;
          s.sync_error = (char *) sqlite3_column_text (stmt, 11);
        }
      else
        s.state = GR_INSPECTION_SIGNED;
      s.pending = s.state == GR_INSPECTION_SIGNED &&
                  (g_strcmp0 (outbox_state, "pending") == 0 || g_strcmp0 (outbox_state, "blocked") == 0);

      sqlite3_reset (findings);
      sqlite3_bind_text (findings, 1, s.id, -1, SQLITE_STATIC);
      while (sqlite3_step (findings) == SQLITE_ROW)
        {
          s.n_findings++;
          if (s.signed_on != NULL && !closures_has (&closures, s.id, (const char *) sqlite3_column_text (findings, 0)))
            s.n_open++;
        }
      func (&s, user_data);
    }
  if (rc != SQLITE_DONE)
    {
      gr_store_set_error (store, error, _("Could not read the inspections"));
      return FALSE;
    }
  return TRUE;
}

gboolean
gr_inspection_list_foreach (GrStore                *store,
                            const char             *depot,
                            GrInspectionSummaryFunc func,
                            gpointer                user_data,
                            GError                **error)
{
  g_return_val_if_fail (GR_IS_STORE (store), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  return read_summaries (store, depot, FALSE, func, user_data, error);
}

static void
add_copy (const GrInspectionSummary *s,
          gpointer                   user_data)
{
  GrInspectionSummary *copy = g_new (GrInspectionSummary, 1);

  *copy = *s;
  copy->id = g_strdup (s->id);
  copy->depot = g_strdup (s->depot);
  copy->depot_name = g_strdup (s->depot_name);
  copy->date = g_strdup (s->date);
  copy->kind = g_strdup (s->kind);
  copy->inspectors = g_strdup (s->inspectors);
  copy->signed_on = g_strdup (s->signed_on);
  copy->corrects = g_strdup (s->corrects);
  copy->sync_error = g_strdup (s->sync_error);
  g_ptr_array_add (user_data, copy);
}

GPtrArray *
gr_inspection_list (GrStore     *store,
                    const char  *depot,
                    GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_inspection_summary_free);

  if (!read_summaries (store, depot, TRUE, add_copy, list, error))
    return NULL;
  return g_steal_pointer (&list);
}

/* ---- Open findings ------------------------------------------------------ */

void
gr_open_finding_free (GrOpenFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->inspection);
  g_free (finding->finding);
  g_free (finding->depot);
  g_free (finding->depot_name);
  g_free (finding->inspection_date);
  g_free (finding->text);
  g_free (finding->severity);
  g_free (finding->due);
  g_free (finding);
}

static int
compare_open (gconstpointer a,
              gconstpointer b)
{
  const GrOpenFinding *fa = *(GrOpenFinding * const *) a;
  const GrOpenFinding *fb = *(GrOpenFinding * const *) b;
  int order;

  /* The most overdue first, then the soonest due. */
  if (fa->days_overdue != fb->days_overdue)
    return fb->days_overdue - fa->days_overdue;
  if ((order = g_strcmp0 (fa->due, fb->due)) != 0)
    return order;
  if ((order = g_strcmp0 (fa->depot_name, fb->depot_name)) != 0)
    return order;
  return g_strcmp0 (fa->inspection, fb->inspection);
}

static int
days_between (const char *from,
              const char *to)
{
  GDate a, b;

  if (!gr_date_parse (from, &a) || !gr_date_parse (to, &b))
    return 0;
  return g_date_days_between (&a, &b);
}

GPtrArray *
gr_open_findings (GrStore     *store,
                  const char  *depot,
                  const char  *today,
                  GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_open_finding_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_auto(Closures) closures = { 0 };
  int rc;

  g_return_val_if_fail (today != NULL, NULL);

  if (!closures_load (store, &closures, error))
    return NULL;
  stmt = gr_store_prepare (store,
                           "SELECT f.parent, f.id, i.depot, d.name, i.date, f.text, f.severity, f.due"
                           " FROM inspection_findings f JOIN inspections i ON i.id = f.parent"
                           " LEFT JOIN depots d ON d.id = i.depot"
                           " WHERE i.deleted = 0 AND i.signed_on IS NOT NULL AND NOT " SUPERSEDED ("i")
                           " AND (?1 IS NULL OR i.depot = ?1)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, depot, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GrOpenFinding *f;

      if (closures_has (&closures, (const char *) sqlite3_column_text (stmt, 0),
                        (const char *) sqlite3_column_text (stmt, 1)))
        continue;
      f = g_new0 (GrOpenFinding, 1);
      f->inspection = column_text (stmt, 0);
      f->finding = column_text (stmt, 1);
      f->depot = column_text (stmt, 2);
      f->depot_name = column_text (stmt, 3);
      f->inspection_date = column_text (stmt, 4);
      f->text = column_text (stmt, 5);
      f->severity = column_text (stmt, 6);
      f->due = column_text (stmt, 7);
      f->days_overdue = f->due != NULL ? MAX (0, days_between (f->due, today)) : 0;
      g_ptr_array_add (list, f);
    }
  if (rc != SQLITE_DONE)
    {
      gr_store_set_error (store, error, _("Could not read the findings"));
      return NULL;
    }
  g_ptr_array_sort (list, compare_open);
  return g_steal_pointer (&list);
}

static gboolean
refuse (GError    **error,
        const char *format,
        ...) G_GNUC_PRINTF (2, 3);

static gboolean
refuse (GError    **error,
        const char *format,
        ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, GR_ERROR, GR_ERROR_INVALID, message);
  return FALSE;
}

gboolean
gr_finding_close (GrStore      *store,
                  const char   *inspection,
                  const char   *finding,
                  const char   *closed_on,
                  const char   *closed_by,
                  const char   *note,
                  const char   *today,
                  char        **out_id,
                  GError      **error)
{
  const GrEntity *entity = gr_schema_lookup ("finding_closure");
  g_autofree char *who = g_strstrip (g_strdup (closed_by ? closed_by : ""));
  g_autofree char *what = g_strstrip (g_strdup (note ? note : ""));
  g_autofree char *id = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *date_of_inspection = NULL;
  g_autofree char *corrected_by = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GrRecord) record = NULL;
  g_autoptr(GrRecordWriter) writer = NULL;
  g_auto(Closures) closures = { 0 };
  gboolean signed_, found = FALSE, ok;
  GDate parsed;

  g_return_val_if_fail (GR_IS_STORE (store), FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  stmt = gr_store_prepare (store, "SELECT i.date, i.signed_on IS NOT NULL,"
                                  " (SELECT c.id FROM inspections c WHERE c.corrects = i.id AND c.deleted = 0"
                                  "  AND c.signed_on IS NOT NULL LIMIT 1),"
                                  " EXISTS (SELECT 1 FROM inspection_findings f WHERE f.parent = i.id AND f.id = ?2)"
                                  " FROM inspections i WHERE i.id = ?1 AND i.deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, inspection, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, finding, -1, SQLITE_STATIC);
  if (inspection == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND, _("No inspection “%s”"), inspection ? inspection : "");
      return FALSE;
    }
  date_of_inspection = column_text (stmt, 0);
  signed_ = sqlite3_column_int (stmt, 1) != 0;
  corrected_by = column_text (stmt, 2);
  found = sqlite3_column_int (stmt, 3) != 0;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!signed_)
    return refuse (error, _("The inspection is not signed yet: a draft's findings cannot be closed"));
  if (corrected_by != NULL)
    return refuse (error, _("The inspection was corrected by a later record: close the finding there"));
  if (!found)
    return refuse (error, _("No finding “%s” in this inspection"), finding ? finding : "");
  if (!closures_load (store, &closures, error))
    return FALSE;
  if (closures_has (&closures, inspection, finding))
    return refuse (error, _("Finding %s is closed already"), finding);
  if (*who == '\0')
    return refuse (error, _("Say who closes the finding"));
  if (g_utf8_strlen (who, -1) > 64)
    return refuse (error, _("The name “%.20s…” is too long (at most 64 characters)"), who);
  if (g_utf8_strlen (what, -1) > 2000)
    return refuse (error, _("The note is too long (at most 2000 characters)"));
  if (!gr_date_parse (closed_on, &parsed))
    return refuse (error, _("The date of closing “%s” is not a date (YYYY-MM-DD)"), closed_on ? closed_on : "");
  if (strcmp (closed_on, today) > 0)
    {
      g_autofree char *shown = gr_format_iso_date (closed_on);
      g_autofree char *today_shown = gr_format_iso_date (today);

      return refuse (error, _("The date of closing %s is in the future (today is %s)"), shown, today_shown);
    }
  if (strcmp (closed_on, date_of_inspection) < 0)
    return refuse (error, _("A finding cannot be closed before the inspection that found it"));

  id = gr_uuid_v7 ();
  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (object, "inspection", inspection);
  json_object_set_string_member (object, "finding", finding);
  json_object_set_string_member (object, "closed_on", closed_on);
  json_object_set_string_member (object, "closed_by", who);
  if (*what != '\0')
    json_object_set_string_member (object, "note", what);
  node = json_node_init_object (json_node_alloc (), object);
  if ((record = gr_record_from_json (entity, node, error)) == NULL)
    return FALSE;
  record->version = 0;
  record->updated_at = gr_dataset_now ();
  record->updated_by = g_strdup (g_get_user_name ());
  hash = gr_record_hash (record);

  /* The closure and its outbox row ("append") in one transaction. */
  if (!gr_store_begin (store, error))
    return FALSE;
  writer = gr_record_writer_new (store, entity, error);
  ok = writer != NULL && gr_record_writer_insert (writer, record, hash, error);
  g_clear_pointer (&writer, gr_record_writer_free);
  if (!ok || !gr_store_commit (store, error))
    {
      gr_store_rollback (store);
      return FALSE;
    }
  if (out_id != NULL)
    *out_id = g_steal_pointer (&id);
  return TRUE;
}

/* ---- Reading history ---------------------------------------------------- */

void
gr_reading_point_free (GrReadingPoint *point)
{
  if (point == NULL)
    return;
  g_free (point->inspection);
  g_free (point->date);
  g_free (point->pest_class);
  g_free (point);
}

GPtrArray *
gr_bin_reading_history (GrStore     *store,
                        const char  *bin,
                        guint        max_points,
                        GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_reading_point_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = gr_store_prepare (store,
                           "SELECT i.id, i.date, r.grain_temp_max_c, r.grain_temp_avg_c, r.grain_temp_min_c,"
                           " r.moisture_pct, r.pests_per_kg, r.main_pests_per_kg, r.pest_class"
                           " FROM inspection_readings r JOIN inspections i ON i.id = r.parent"
                           " WHERE r.bin = ?1 AND i.deleted = 0 AND i.signed_on IS NOT NULL AND NOT " SUPERSEDED ("i")
                           " ORDER BY i.date DESC, i.rowid DESC LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, bin, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, max_points > 0 ? (gint64) max_points : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GrReadingPoint *p = g_new0 (GrReadingPoint, 1);

      p->inspection = column_text (stmt, 0);
      p->date = column_text (stmt, 1);
      p->temp_max_c = column_real (stmt, 2);
      p->temp_avg_c = column_real (stmt, 3);
      p->temp_min_c = column_real (stmt, 4);
      p->moisture_pct = column_real (stmt, 5);
      p->pests_per_kg = column_real (stmt, 6);
      p->main_pests_per_kg = column_real (stmt, 7);
      p->pest_class = column_text (stmt, 8);
      g_ptr_array_add (list, p);
    }
  if (rc != SQLITE_DONE)
    {
      gr_store_set_error (store, error, _("Could not read the readings"));
      return NULL;
    }
  /* Read newest first to keep the latest; shown oldest first. */
  for (guint i = 0; i < list->len / 2; i++)
    {
      gpointer t = list->pdata[i];

      list->pdata[i] = list->pdata[list->len - 1 - i];
      list->pdata[list->len - 1 - i] = t;
    }
  return g_steal_pointer (&list);
}

/* ---- Coverage ----------------------------------------------------------- */

void
gr_bin_coverage_free (GrBinCoverage *coverage)
{
  if (coverage == NULL)
    return;
  g_free (coverage->bin);
  g_free (coverage->code);
  g_free (coverage->depot);
  g_free (coverage->depot_name);
  g_free (coverage->storage_tech);
  g_free (coverage->variety);
  g_free (coverage->last_inspected);
  g_free (coverage);
}

char *
gr_quarter_before (const char *today)
{
  GDate date;

  if (!gr_date_parse (today, &date))
    return NULL;
  g_date_subtract_months (&date, 3);
  return gr_date_to_iso (&date);
}

GPtrArray *
gr_inspection_coverage (GrStore     *store,
                        const char  *depot,
                        const char  *today,
                        GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_bin_coverage_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *since = gr_quarter_before (today);
  int rc;

  g_return_val_if_fail (since != NULL, NULL);

  stmt = gr_store_prepare (store,
                           "SELECT b.id, b.code, b.depot, d.name, b.storage_tech,"
                           " (SELECT l.variety FROM lots l WHERE l.bin = b.id AND l.deleted = 0 AND l.balance_kg > 0"
                           "  ORDER BY l.entered_on DESC LIMIT 1),"
                           " MAX ((SELECT MAX (i.date) FROM inspection_readings r JOIN inspections i ON i.id = r.parent"
                           "       WHERE r.bin = b.id AND i.deleted = 0 AND i.signed_on IS NOT NULL AND i.date <= ?2),"
                           "      (SELECT MAX (i.date) FROM inspection_quantity_checks q JOIN inspections i ON i.id = q.parent"
                           "       WHERE q.bin = b.id AND i.deleted = 0 AND i.signed_on IS NOT NULL AND i.date <= ?2))"
                           " , EXISTS (SELECT 1 FROM lots l WHERE l.bin = b.id AND l.deleted = 0 AND l.balance_kg > 0)"
                           " FROM bins b LEFT JOIN depots d ON d.id = b.depot"
                           " WHERE b.deleted = 0 AND (?1 IS NULL OR b.depot = ?1)"
                           " ORDER BY 8 DESC, d.name, b.code", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, depot, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GrBinCoverage *c = g_new0 (GrBinCoverage, 1);

      c->bin = column_text (stmt, 0);
      c->code = column_text (stmt, 1);
      c->depot = column_text (stmt, 2);
      c->depot_name = column_text (stmt, 3);
      c->storage_tech = column_text (stmt, 4);
      c->variety = column_text (stmt, 5);
      c->last_inspected = column_text (stmt, 6);
      c->covered = c->last_inspected != NULL && strcmp (c->last_inspected, since) >= 0;
      c->holding = sqlite3_column_int (stmt, 7) != 0;
      g_ptr_array_add (list, c);
    }
  if (rc != SQLITE_DONE)
    {
      gr_store_set_error (store, error, _("Could not read the bins"));
      return NULL;
    }
  return g_steal_pointer (&list);
}
