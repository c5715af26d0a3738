/* gr-grading-report.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-grading"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-dataset.h"
#include "gr-error.h"
#include "gr-format.h"
#include "gr-grading-report.h"
#include "gr-json-writer.h"
#include "gr-record-store.h"
#include "gr-variety.h"

void
gr_lot_grade_free (GrLotGrade *grade)
{
  if (grade == NULL)
    return;
  g_free (grade->lot);
  g_free (grade->variety);
  g_free (grade->depot);
  g_free (grade->test);
  g_free (grade->test_date);
  g_free (grade->standard);
  g_free (grade);
}

void
gr_depot_grade_free (GrDepotGrade *grade)
{
  if (grade == NULL)
    return;
  g_free (grade->depot);
  g_free (grade->name);
  g_free (grade->assessment);
  g_free (grade->decided_on);
  g_free (grade->scores);
  g_free (grade);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static gboolean
judge_test (GrStandards  *standards,
            const char   *variety,
            const char   *standard,
            const char   *date,
            const char   *indicators_json,
            GrJudgement  *out,
            gboolean     *out_judged,
            GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  *out_judged = FALSE;
  if (!json_parser_load_from_data (parser, indicators_json ? indicators_json : "{}", -1, error))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("The indicators of a quality test must be an object"));
      return FALSE;
    }
  if (!gr_grading_judge (standards, variety, standard, date, json_node_get_object (root), out, error))
    return FALSE;
  *out_judged = out->grading_edition != NULL || out->storage_edition != NULL;
  return TRUE;
}

GPtrArray *
gr_grading_lots (GrStore      *store,
                 GrStandards  *standards,
                 GError      **error)
{
  g_autoptr(GPtrArray) lots = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_lot_grade_free);
  /* The latest live test of each lot: by date, then the order recorded. */
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store,
    "SELECT l.id, l.variety, b.depot, l.balance_kg, t.id, t.date, t.standard, t.indicators"
    " FROM lots l JOIN bins b ON b.id = l.bin"
    " LEFT JOIN quality_tests t ON t.rowid = ("
    "   SELECT q.rowid FROM quality_tests q WHERE q.lot = l.id AND q.deleted = 0"
    "   ORDER BY q.date DESC, q.rowid DESC LIMIT 1)"
    " WHERE l.deleted = 0 ORDER BY l.id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GrLotGrade *grade = g_new0 (GrLotGrade, 1);

      g_ptr_array_add (lots, grade);
      grade->lot = column_dup (stmt, 0);
      grade->variety = column_dup (stmt, 1);
      grade->depot = column_dup (stmt, 2);
      grade->balance_kg = sqlite3_column_int64 (stmt, 3);
      if (sqlite3_column_type (stmt, 4) == SQLITE_NULL)
        continue;
      grade->test = column_dup (stmt, 4);
      grade->test_date = column_dup (stmt, 5);
      grade->standard = column_dup (stmt, 6);
      if (!judge_test (standards, grade->variety, grade->standard, grade->test_date,
                       (const char *) sqlite3_column_text (stmt, 7), &grade->judgement, &grade->judged, error))
        {
          g_prefix_error (error, _("Quality test “%s”: "), grade->test);
          return NULL;
        }
    }
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_DATABASE, "%s", sqlite3_errstr (rc));
      return NULL;
    }
  return g_steal_pointer (&lots);
}

GPtrArray *
gr_grading_depots (GrStore  *store,
                   GError  **error)
{
  g_autoptr(GPtrArray) depots = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_depot_grade_free);
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store,
    "SELECT d.id, d.name, d.grade,"
    "  (SELECT COALESCE (SUM (l.balance_kg), 0) FROM lots l JOIN bins b ON b.id = l.bin"
    "   WHERE b.depot = d.id AND l.deleted = 0),"
    "  a.id, a.decided_on, a.declared_level, a.state, a.scores"
    " FROM depots d"
    " LEFT JOIN depot_assessments a ON a.rowid = ("
    "   SELECT x.rowid FROM depot_assessments x WHERE x.depot = d.id AND x.deleted = 0"
    "   AND x.state IN ('awarded', 'refused', 'downgraded', 'removed') AND x.decided_on IS NOT NULL"
    "   ORDER BY x.decided_on DESC, x.rowid DESC LIMIT 1)"
    " WHERE d.deleted = 0 ORDER BY d.code, d.id", error);
  g_autoptr(sqlite3_stmt) before = gr_store_prepare (store,
    "SELECT state, declared_level, awarded_level FROM depot_assessments"
    " WHERE depot = ?1 AND deleted = 0 AND state IN ('awarded', 'downgraded', 'removed')"
    " AND decided_on IS NOT NULL AND (decided_on < ?2 OR (decided_on = ?2 AND rowid < (SELECT rowid FROM depot_assessments WHERE id = ?3)))"
    " ORDER BY decided_on DESC, rowid DESC LIMIT 1", error);
  int rc;

  if (stmt == NULL || before == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GrDepotGrade *grade = g_new0 (GrDepotGrade, 1);

      g_ptr_array_add (depots, grade);
      grade->depot = column_dup (stmt, 0);
      grade->name = column_dup (stmt, 1);
      grade->level = MAX (gr_depot_level_from_string ((const char *) sqlite3_column_text (stmt, 2)), 0);
      grade->stock_kg = sqlite3_column_int64 (stmt, 3);
      grade->previous_level = grade->level;
      if (sqlite3_column_type (stmt, 4) == SQLITE_NULL)
        continue;
      grade->assessment = column_dup (stmt, 4);
      grade->decided_on = column_dup (stmt, 5);
      grade->declared_level = MAX (gr_depot_level_from_string ((const char *) sqlite3_column_text (stmt, 6)), 0);
      gr_assessment_state_from_string ((const char *) sqlite3_column_text (stmt, 7), &grade->state);
      grade->scores = column_dup (stmt, 8);
      grade->has_score = gr_assessment_stage_total (grade->scores, gr_assessment_final_stage (grade->declared_level),
                                                    &grade->score);

      /* The level before that decision: the result of the decision before it. */
      sqlite3_reset (before);
      sqlite3_bind_text (before, 1, grade->depot, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (before, 2, grade->decided_on, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (before, 3, grade->assessment, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (before) == SQLITE_ROW)
        {
          GrAssessmentState state = GR_ASSESS_AWARDED;

          gr_assessment_state_from_string ((const char *) sqlite3_column_text (before, 0), &state);
          grade->previous_level =
            gr_assessment_resulting_level (state, 0,
                                           gr_depot_level_from_string ((const char *) sqlite3_column_text (before, 1)),
                                           sqlite3_column_type (before, 2) == SQLITE_NULL ? -1 :
                                           gr_depot_level_from_string ((const char *) sqlite3_column_text (before, 2)));
        }
      else if (grade->state != GR_ASSESS_REFUSED)
        grade->previous_level = 0;
    }
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_DATABASE, "%s", sqlite3_errstr (rc));
      return NULL;
    }
  return g_steal_pointer (&depots);
}

/* ---- Output ------------------------------------------------------------- */

static void
append_key (GString    *out,
            const char *key,
            gboolean    first)
{
  if (!first)
    g_string_append (out, ", ");
  gr_json_append_string (out, key);
  g_string_append (out, ": ");
}

static void
append_nullable_string (GString    *out,
                        const char *text)
{
  if (text == NULL)
    g_string_append (out, "null");
  else
    gr_json_append_string (out, text);
}

char *
gr_grading_to_json (GPtrArray *lots,
                    GPtrArray *depots,
                    gboolean   pretty)
{
  GString *out = g_string_new ("{\"lots\": [");
  const char *sep = pretty ? "\n  " : "";

  for (guint i = 0; i < lots->len; i++)
    {
      const GrLotGrade *lot = lots->pdata[i];
      const GrJudgement *j = &lot->judgement;

      g_string_append_printf (out, "%s%s{", i ? "," : "", sep);
      append_key (out, "lot", TRUE);
      gr_json_append_string (out, lot->lot);
      append_key (out, "test", FALSE);
      append_nullable_string (out, lot->test);
      append_key (out, "grade", FALSE);
      if (lot->judged && j->graded && !j->substandard)
        gr_json_append_int (out, j->grade);
      else
        g_string_append (out, "null");
      append_key (out, "substandard", FALSE);
      g_string_append (out, !lot->judged || !j->graded ? "null" : j->substandard ? "true" : "false");
      append_key (out, "limits_met", FALSE);
      g_string_append (out, !lot->judged || j->limits_checked == 0 ? "null" : j->limits_met ? "true" : "false");
      append_key (out, "storage_quality", FALSE);
      append_nullable_string (out, lot->judged && j->has_storage ? gr_storage_quality_to_string (j->storage_quality)
                                                                : NULL);
      append_key (out, "unconfirmed", FALSE);
      g_string_append (out, !lot->judged ? "null" : j->unconfirmed ? "true" : "false");
      g_string_append_c (out, '}');
    }
  g_string_append_printf (out, "%s], %s\"depots\": [", pretty ? "\n" : "", pretty ? "\n" : "");
  for (guint i = 0; i < depots->len; i++)
    {
      const GrDepotGrade *depot = depots->pdata[i];

      g_string_append_printf (out, "%s%s{", i ? "," : "", sep);
      append_key (out, "depot", TRUE);
      gr_json_append_string (out, depot->depot);
      append_key (out, "level", FALSE);
      gr_json_append_string (out, gr_depot_level_to_string (depot->level));
      append_key (out, "score", FALSE);
      if (depot->has_score)
        gr_json_append_double (out, depot->score);
      else
        g_string_append (out, "null");
      g_string_append_c (out, '}');
    }
  g_string_append_printf (out, "%s]}", pretty ? "\n" : "");
  return g_string_free (out, FALSE);
}

static char *
grade_text (const GrLotGrade *lot)
{
  const GrJudgement *j = &lot->judgement;

  if (lot->test == NULL)
    return g_strdup (_("not tested"));
  if (!lot->judged)
    return g_strdup (_("no standard held"));
  if (!j->graded)
    return g_strdup (_("not graded"));
  if (j->substandard)
    return g_strdup (_("substandard"));
  return gr_variety_grade_name (lot->variety, j->grade);
}

char *
gr_grading_to_text (GPtrArray *lots,
                    GPtrArray *depots)
{
  GString *out = g_string_new (NULL);
  guint n_unconfirmed = 0;

  g_string_append_printf (out, "%s\n", _("Lots (latest quality test)"));
  for (guint i = 0; i < lots->len; i++)
    {
      const GrLotGrade *lot = lots->pdata[i];
      const GrJudgement *j = &lot->judgement;
      g_autofree char *grade = grade_text (lot);

      g_string_append_printf (out, "  %s  %s  %s", lot->lot, gr_variety_name (lot->variety), grade);
      if (lot->judged)
        {
          if (j->limits_checked > 0)
            g_string_append_printf (out, "  %s", j->limits_met ? _("limits met") : _("limits not met"));
          if (j->has_storage)
            g_string_append_printf (out, "  %s", gr_storage_quality_name (j->storage_quality));
          g_string_append_printf (out, "  [%s%s%s]", j->grading_edition ? j->grading_edition : "",
                                  j->grading_edition && j->storage_edition ? ", " : "",
                                  j->storage_edition ? j->storage_edition : "");
          if (j->unconfirmed)
            {
              /* TRANSLATORS: marks a judgement that rests on a threshold not yet confirmed against the standard's text */
              g_string_append_printf (out, "  %s", _("(unconfirmed threshold)"));
              n_unconfirmed++;
            }
        }
      g_string_append_c (out, '\n');
    }
  g_string_append_printf (out, "\n%s\n", _("Depots (current level, final-stage score of the latest decision)"));
  for (guint i = 0; i < depots->len; i++)
    {
      const GrDepotGrade *depot = depots->pdata[i];

      g_string_append_printf (out, "  %s  %s  %s", depot->depot, depot->name,
                              depot->level > 0 ? gr_depot_level_to_string (depot->level) : _("no level"));
      if (depot->has_score)
        g_string_append_printf (out, "  %.1f", depot->score);
      g_string_append_c (out, '\n');
    }
  if (n_unconfirmed > 0)
    {
      g_string_append_c (out, '\n');
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                "%u judgement rests on a threshold not yet confirmed against the standard’s text.\n",
                                                "%u judgements rest on thresholds not yet confirmed against the standard’s text.\n",
                                                n_unconfirmed), n_unconfirmed);
    }
  return g_string_free (out, FALSE);
}

void
gr_grading_coverage (GPtrArray *depots,
                     guint     *out_at_aaa,
                     double    *out_depot_share,
                     double    *out_tonnage_share)
{
  guint at = 0;
  gint64 total_kg = 0, at_kg = 0;

  for (guint i = 0; i < depots->len; i++)
    {
      const GrDepotGrade *depot = depots->pdata[i];

      total_kg += depot->stock_kg;
      if (depot->level >= GR_LEVEL_AAA)
        {
          at++;
          at_kg += depot->stock_kg;
        }
    }
  if (out_at_aaa)
    *out_at_aaa = at;
  if (out_depot_share)
    *out_depot_share = depots->len ? (double) at / depots->len : 0;
  if (out_tonnage_share)
    *out_tonnage_share = total_kg > 0 ? (double) at_kg / (double) total_kg : 0;
}

/* ---- Recording a test --------------------------------------------------- */

static gboolean
write_record (GrStore   *store,
              GrRecord  *record,
              gboolean   insert,
              GError   **error)
{
  g_autoptr(GrRecordWriter) writer = gr_record_writer_new (store, record->entity, error);
  g_autofree char *hash = NULL;

  if (writer == NULL)
    return FALSE;
  g_free (record->updated_at);
  record->updated_at = gr_dataset_now ();
  if (record->version < 0)
    record->version = 0;
  hash = gr_record_hash (record);
  return insert ? gr_record_writer_insert (writer, record, hash, error)
                : gr_record_writer_update (writer, record, hash, error);
}

/* Is test the lot's latest (by date, then the order recorded)? */
static gboolean
is_latest (GrStore    *store,
           const char *lot,
           const char *test)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store,
    "SELECT id FROM quality_tests WHERE lot = ?1 AND deleted = 0 ORDER BY date DESC, rowid DESC LIMIT 1", NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, lot, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), test) == 0;
}

gboolean
gr_grading_record_test (GrStore      *store,
                        GrStandards  *standards,
                        JsonNode     *test,
                        GError      **error)
{
  const GrEntity *tests = gr_schema_lookup ("quality_test");
  const GrEntity *lots = gr_schema_lookup ("lot");
  g_autoptr(GrRecord) record = NULL;
  g_autoptr(GrRecord) existing = NULL;
  g_autoptr(GrRecord) lot = NULL;
  GrJudgement judgement;
  gboolean judged;

  if ((record = gr_record_from_json (tests, test, error)) == NULL)
    return FALSE;
  existing = gr_record_load (store, tests, record->id, error);
  if (existing != NULL)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("A quality test “%s” exists already"), record->id);
      return FALSE;
    }
  lot = gr_record_load (store, lots, gr_record_get_text (record, "lot"), error);
  if (lot == NULL || lot->deleted)
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND, _("No lot “%s”"), gr_record_get_text (record, "lot"));
      return FALSE;
    }
  if (!judge_test (standards, gr_record_get_text (lot, "variety"), gr_record_get_text (record, "standard"),
                   gr_record_get_text (record, "date"), gr_record_get_text (record, "indicators"),
                   &judgement, &judged, error))
    return FALSE;

  if (!gr_store_begin (store, error))
    return FALSE;
  if (!write_record (store, record, TRUE, error))
    goto fail;
  /* A test entered after the fact (an older date) is history: it does
   * not overwrite what a later test said about the lot. */
  if (judged && is_latest (store, gr_record_get_text (record, "lot"), record->id))
    {
      gboolean changed = FALSE;

      if (judgement.graded)
        {
          if (judgement.substandard)
            gr_record_set_null (lot, "grade");
          else
            gr_record_set_int (lot, "grade", judgement.grade);
          gr_record_set_int (lot, "substandard", judgement.substandard);
          changed = TRUE;
        }
      if (judgement.has_storage)
        {
          gr_record_set_text (lot, "storage_quality", gr_storage_quality_to_string (judgement.storage_quality));
          changed = TRUE;
        }
      if (changed && !write_record (store, lot, FALSE, error))
        goto fail;
    }
  if (!gr_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  gr_store_rollback (store);
  return FALSE;
}
