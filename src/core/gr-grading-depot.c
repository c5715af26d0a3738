/* gr-grading-depot.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-grading"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "gr-dataset.h"
#include "gr-error.h"
#include "gr-format.h"
#include "gr-grading-depot.h"
#include "gr-json-writer.h"
#include "gr-record-store.h"

static const char * const level_names[] = { "none", "A", "AA", "AAA", "AAAA", "AAAAA" };

static const char * const state_names[GR_N_ASSESS_STATES] = {
  "declared", "enterprise_review", "county", "city", "city_onsite", "province",
  "province_onsite", "awarded", "refused", "downgraded", "removed",
};

int
gr_depot_level_from_string (const char *text)
{
  for (int i = 0; i < (int) G_N_ELEMENTS (level_names); i++)
    if (g_strcmp0 (level_names[i], text) == 0)
      return i;
  return -1;
}

const char *
gr_depot_level_to_string (int level)
{
  g_return_val_if_fail (level >= 0 && level <= 5, NULL);
  return level_names[level];
}

const char *
gr_assessment_state_to_string (GrAssessmentState state)
{
  g_return_val_if_fail (state < GR_N_ASSESS_STATES, NULL);
  return state_names[state];
}

gboolean
gr_assessment_state_from_string (const char        *text,
                                 GrAssessmentState *out)
{
  for (guint i = 0; i < GR_N_ASSESS_STATES; i++)
    if (g_strcmp0 (state_names[i], text) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
gr_assessment_state_name (GrAssessmentState state)
{
  switch (state)
    {
    case GR_ASSESS_DECLARED: return _("Declared");
    case GR_ASSESS_ENTERPRISE_REVIEW: return _("Enterprise review");
    case GR_ASSESS_COUNTY: return _("County review");
    case GR_ASSESS_CITY: return _("City review");
    case GR_ASSESS_CITY_ONSITE: return _("City on-site check");
    case GR_ASSESS_PROVINCE: return _("Province review");
    case GR_ASSESS_PROVINCE_ONSITE: return _("Province on-site check");
    case GR_ASSESS_AWARDED: return _("Awarded");
    case GR_ASSESS_REFUSED: return _("Refused");
    case GR_ASSESS_DOWNGRADED: return _("Downgraded");
    case GR_ASSESS_REMOVED: return _("Removed");
    case GR_N_ASSESS_STATES:
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
gr_assessment_state_is_decided (GrAssessmentState state)
{
  return state >= GR_ASSESS_AWARDED;
}

GrScoreStage
gr_assessment_final_stage (int declared_level)
{
  return declared_level >= GR_LEVEL_AAA ? GR_STAGE_PROVINCE : GR_STAGE_CITY;
}

gboolean
gr_assessment_check_declaration (int      held_level,
                                 int      declared_level,
                                 GError **error)
{
  if (declared_level < 1 || declared_level > 5)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("A depot can only declare a level from A to AAAAA"));
      return FALSE;
    }
  /* DOMAIN.md §4.1: sbdj > spdj */
  if (declared_level <= held_level)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID,
                   _("The declared level %s is not above the level the depot holds (%s)"),
                   level_names[declared_level], level_names[held_level]);
      return FALSE;
    }
  return TRUE;
}

gboolean
gr_assessment_check_transition (GrAssessmentState  from,
                                GrAssessmentState  to,
                                int                declared_level,
                                GError           **error)
{
  GrAssessmentState last = declared_level >= GR_LEVEL_AAA ? GR_ASSESS_PROVINCE_ONSITE : GR_ASSESS_CITY_ONSITE;
  gboolean ok;

  if (gr_assessment_state_is_decided (from))
    ok = FALSE;
  else if (to == GR_ASSESS_REFUSED)
    ok = from > GR_ASSESS_DECLARED;
  else if (gr_assessment_state_is_decided (to))
    ok = from == last;
  else
    ok = to == from + 1 && to <= last;

  if (!ok)
    g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("An assessment cannot go from “%s” to “%s”"),
                 gr_assessment_state_name (from), gr_assessment_state_name (to));
  return ok;
}

gboolean
gr_assessment_stage_total (const char   *scores_json,
                           GrScoreStage  stage,
                           double       *out_total)
{
  static const char * const stage_keys[] = { "self", "city", "province" };
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *scores;
  JsonNode *root;
  gboolean any = FALSE;
  double total = 0;

  if (scores_json == NULL)
    return FALSE;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, scores_json, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  scores = json_node_get_object (root);
  members = json_object_get_members (scores);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *item = json_object_get_member (scores, l->data);
      JsonNode *value;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;
      value = json_object_get_member (json_node_get_object (item), stage_keys[stage]);
      if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) == G_TYPE_STRING ||
          json_node_get_value_type (value) == G_TYPE_BOOLEAN)
        continue;
      total += json_node_get_double (value);
      any = TRUE;
    }
  if (any && out_total != NULL)
    /* Points are given in halves or tenths: keep the sum free of binary
     * noise (86.5, not 86.49999999999999). */
    *out_total = round (total * 1000.0) / 1000.0;
  return any;
}

int
gr_assessment_resulting_level (GrAssessmentState state,
                               int               held_level,
                               int               declared_level,
                               int               awarded_level)
{
  switch (state)
    {
    case GR_ASSESS_AWARDED:
      return awarded_level > 0 ? awarded_level : declared_level;
    case GR_ASSESS_DOWNGRADED:
      return awarded_level >= 0 ? awarded_level : MAX (held_level - 1, 0);
    case GR_ASSESS_REMOVED:
      return 0;
    default:
      return held_level;
    }
}

int
gr_assessment_level_for_total (const GrAssessmentTemplate *tpl,
                               double                      total,
                               gboolean                   *unconfirmed)
{
  gint64 milli = (gint64) llround (total * 1000.0);
  int level = 0;

  g_return_val_if_fail (tpl != NULL, 0);
  for (int i = 0; i < 5; i++)
    if (milli >= tpl->levels[i].milli)
      level = i + 1;
  if (unconfirmed != NULL)
    {
      /* The thresholds that decided: the one reached and the next. */
      *unconfirmed = (level > 0 && tpl->levels[level - 1].status == GR_STATUS_UNCONFIRMED) ||
                     (level < 5 && tpl->levels[level].status == GR_STATUS_UNCONFIRMED);
    }
  return level;
}

GStrv
gr_assessment_vetoes_from_extra (const char *extra_json)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root, *list;

  if (extra_json != NULL && json_parser_load_from_data (parser, extra_json, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
      (list = json_object_get_member (json_node_get_object (root), "vetoes")) != NULL &&
      JSON_NODE_HOLDS_ARRAY (list))
    {
      JsonArray *array = json_node_get_array (list);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (node));
        }
    }
  return g_strv_builder_end (builder);
}

gboolean
gr_assessment_check_vetoes (GrAssessmentState    to,
                            const char * const  *vetoes,
                            GError             **error)
{
  g_autofree char *list = NULL;

  if (to != GR_ASSESS_AWARDED || vetoes == NULL || vetoes[0] == NULL)
    return TRUE;
  /* TRANSLATORS: joins the veto items hit: "账实不符、坏粮事故" */
  list = g_strjoinv (_(", "), (char **) vetoes);
  /* DOMAIN.md §4.1: a 一票否决 item fails the assessment whatever the score */
  g_set_error (error, GR_ERROR, GR_ERROR_INVALID,
               _("An assessment with a veto item hit (%s) cannot be awarded: refuse, downgrade or remove instead"),
               list);
  return FALSE;
}

double
gr_assessment_template_points (const GrAssessmentTemplate *tpl,
                               gboolean                    bonus)
{
  double total = 0;

  g_return_val_if_fail (tpl != NULL, 0);
  for (guint i = 0; i < tpl->n_items; i++)
    if (!tpl->items[i].bonus == !bonus)
      total += tpl->items[i].points;
  return round (total * 1000.0) / 1000.0;
}

/* ---- In the database ---------------------------------------------------- */

static int
depot_level (GrStore     *store,
             const char  *depot,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, "SELECT grade FROM depots WHERE id = ?1 AND deleted = 0",
                                                   error);

  if (stmt == NULL)
    return -2;
  sqlite3_bind_text (stmt, 1, depot, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND, _("No depot “%s”"), depot);
      return -2;
    }
  return MAX (gr_depot_level_from_string ((const char *) sqlite3_column_text (stmt, 0)), 0);
}

static gboolean
write_record (GrStore         *store,
              GrRecord        *record,
              gboolean         insert,
              GError         **error)
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

/* Appends {"state", "by", "on"} to the trail kept in the record's
 * unknown key "history" (the schema has no field for it, and unknown keys
 * are kept and exported again). */
static void
append_step (GrRecord   *record,
             const char *state,
             const char *by,
             const char *on)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *history;
  JsonObject *step;

  if (record->extra != NULL && json_parser_load_from_data (parser, record->extra, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    extra = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  else
    extra = json_object_new ();
  if (!json_object_has_member (extra, "history") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (extra, "history")))
    json_object_set_array_member (extra, "history", json_array_new ());
  history = json_object_get_array_member (extra, "history");
  step = json_object_new ();
  json_object_set_string_member (step, "state", state);
  if (by != NULL)
    json_object_set_string_member (step, "by", by);
  if (on != NULL)
    json_object_set_string_member (step, "on", on);
  json_array_add_object_element (history, step);
  node = json_node_init_object (json_node_alloc (), extra);
  g_free (record->extra);
  record->extra = gr_json_node_to_text (node);
  if (by != NULL)
    {
      g_free (record->updated_by);
      record->updated_by = g_strdup (by);
    }
}

/* Each veto a non-empty name, given once; FALSE with error set. */
static gboolean
check_vetoes_list (const char * const  *vetoes,
                   GError             **error)
{
  for (guint i = 0; vetoes[i] != NULL; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (vetoes[i]));

      if (*name == '\0')
        {
          g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("A veto item must have a name"));
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (g_strcmp0 (vetoes[i], vetoes[j]) == 0)
          {
            g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("The veto item “%s” is given twice"), vetoes[i]);
            return FALSE;
          }
    }
  return TRUE;
}

/* Keeps the veto items hit in the record's unknown key "vetoes" (empty
 * list: none), beside the "history" trail. */
static void
set_vetoes (GrRecord           *record,
            const char * const *vetoes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *list = json_array_new ();

  if (record->extra != NULL && json_parser_load_from_data (parser, record->extra, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    extra = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  else
    extra = json_object_new ();
  for (guint i = 0; vetoes[i] != NULL; i++)
    json_array_add_string_element (list, vetoes[i]);
  json_object_set_array_member (extra, "vetoes", list);
  node = json_node_init_object (json_node_alloc (), extra);
  g_free (record->extra);
  record->extra = gr_json_node_to_text (node);
}

/* scores: item → {self, city, province}, each a number ≥ 0; deductions:
 * item → text. Returns the canonical text, or NULL with error set. */
static char *
check_json_map (const char  *text,
                gboolean     scores,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, text, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    goto bad;
  object = json_node_get_object (root);
  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (object, l->data);

      if (!scores)
        {
          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
            goto bad;
          continue;
        }
      if (!JSON_NODE_HOLDS_OBJECT (value))
        goto bad;
      for (int i = 0; i < 3; i++)
        {
          static const char * const keys[] = { "self", "city", "province" };
          JsonNode *score = json_object_get_member (json_node_get_object (value), keys[i]);

          if (score == NULL || JSON_NODE_HOLDS_NULL (score))
            continue;
          if (!JSON_NODE_HOLDS_VALUE (score) || json_node_get_value_type (score) == G_TYPE_STRING ||
              json_node_get_value_type (score) == G_TYPE_BOOLEAN || json_node_get_double (score) < 0)
            {
              g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("The score of “%s” must be a number not below 0"),
                           (const char *) l->data);
              return NULL;
            }
        }
    }
  return gr_json_canonical (text, error);

bad:
  g_set_error (error, GR_ERROR, GR_ERROR_INVALID,
               scores ? _("The scores must map each item to its self, city and province scores")
                      : _("The deductions must map each item to its reason"));
  return NULL;
}

/* The template an assessment is scored by: {"id", "version"}, both
 * strings (DESIGN.md §3), version optional for an unversioned file.
 * Returns the canonical text, or NULL with error set. */
static char *
check_template (const char  *text,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *object;
  JsonNode *root, *id, *version;

  if (!json_parser_load_from_data (parser, text, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (id = json_object_get_member ((object = json_node_get_object (root)), "id")) == NULL ||
      !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_STRING ||
      ((version = json_object_get_member (object, "version")) != NULL &&
       (!JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_STRING)))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("The template must be given as its id and version"));
      return NULL;
    }
  return gr_json_canonical (text, error);
}

static gboolean
declare (GrStore     *store,
         const char  *id,
         const char  *depot,
         const char  *declared_level,
         const char  *template_json,
         const char  *by,
         const char  *on,
         GError     **error)
{
  const GrEntity *entity = gr_schema_lookup ("depot_assessment");
  g_autoptr(GrRecord) record = NULL;
  g_autoptr(GrRecord) existing = NULL;
  int held, declared = gr_depot_level_from_string (declared_level);

  if ((held = depot_level (store, depot, error)) < -1)
    return FALSE;
  if (!gr_assessment_check_declaration (held, declared, error))
    return FALSE;
  existing = gr_record_load (store, entity, id, error);
  if (existing != NULL)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("An assessment “%s” exists already"), id);
      return FALSE;
    }
  record = gr_record_new (entity);
  record->id = g_strdup (id);
  gr_record_set_text (record, "depot", depot);
  gr_record_set_text (record, "declared_level", declared_level);
  gr_record_set_text (record, "state", "declared");
  if (template_json != NULL)
    {
      g_autofree char *canonical = check_template (template_json, error);

      if (canonical == NULL)
        return FALSE;
      gr_record_set_text (record, "template", canonical);
    }
  gr_record_apply_defaults (record);
  if (by != NULL || on != NULL)
    append_step (record, "declared", by, on);

  if (!gr_store_begin (store, error))
    return FALSE;
  if (!write_record (store, record, TRUE, error) || !gr_store_commit (store, error))
    {
      gr_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

gboolean
gr_assessment_declare (GrStore     *store,
                       const char  *id,
                       const char  *depot,
                       const char  *declared_level,
                       const char  *template_json,
                       GError     **error)
{
  return declare (store, id, depot, declared_level, template_json, NULL, NULL, error);
}

gboolean
gr_assessment_declare_by (GrStore     *store,
                          const char  *id,
                          const char  *depot,
                          const char  *declared_level,
                          const char  *template_json,
                          const char  *by,
                          const char  *on,
                          GError     **error)
{
  if (on != NULL && !gr_date_parse (on, NULL))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("The date must be a real date written YYYY-MM-DD"));
      return FALSE;
    }
  return declare (store, id, depot, declared_level, template_json, by, on, error);
}

/* state NULL: the form only, the state stays. */
static gboolean
step (GrStore     *store,
      const char  *id,
      const char  *state,
      const char  *awarded_level,
      const char  *decided_on,
      const char  *scores_json,
      const char  *deductions_json,
      const char * const *vetoes,
      const char  *by,
      GError     **error)
{
  const GrEntity *assessments = gr_schema_lookup ("depot_assessment");
  const GrEntity *depots = gr_schema_lookup ("depot");
  g_autoptr(GrRecord) record = NULL;
  g_autoptr(GrRecord) depot = NULL;
  g_autofree char *scores = NULL;
  g_autofree char *deductions = NULL;
  g_auto(GStrv) stored_vetoes = NULL;
  GrAssessmentState from, to;
  int declared, awarded = -1, held;

  if (vetoes != NULL && !check_vetoes_list (vetoes, error))
    return FALSE;
  if (scores_json != NULL && (scores = check_json_map (scores_json, TRUE, error)) == NULL)
    return FALSE;
  if (deductions_json != NULL && (deductions = check_json_map (deductions_json, FALSE, error)) == NULL)
    return FALSE;
  if (state == NULL)
    to = GR_N_ASSESS_STATES;
  else if (!gr_assessment_state_from_string (state, &to))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("“%s” is not an assessment state"), state);
      return FALSE;
    }
  if ((record = gr_record_load (store, assessments, id, error)) == NULL || record->deleted)
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND, _("No assessment “%s”"), id);
      return FALSE;
    }
  gr_assessment_state_from_string (gr_record_get_text (record, "state"), &from);
  declared = gr_depot_level_from_string (gr_record_get_text (record, "declared_level"));
  if (state == NULL)
    {
      if (gr_assessment_state_is_decided (from))
        {
          g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("A decided assessment cannot be changed"));
          return FALSE;
        }
      to = from;
    }
  else if (!gr_assessment_check_transition (from, to, declared, error))
    return FALSE;
  stored_vetoes = gr_assessment_vetoes_from_extra (record->extra);
  if (!gr_assessment_check_vetoes (to, vetoes != NULL ? vetoes : (const char * const *) stored_vetoes, error))
    return FALSE;
  if (awarded_level != NULL && (awarded = gr_depot_level_from_string (awarded_level)) < 0)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("“%s” is not a depot level"), awarded_level);
      return FALSE;
    }
  if (state != NULL && gr_assessment_state_is_decided (to) && (decided_on == NULL || !gr_date_parse (decided_on, NULL)))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("A decision needs its date (YYYY-MM-DD)"));
      return FALSE;
    }
  if ((depot = gr_record_load (store, depots, gr_record_get_text (record, "depot"), error)) == NULL)
    return FALSE;
  held = MAX (gr_depot_level_from_string (gr_record_get_text (depot, "grade")), 0);
  if (to == GR_ASSESS_DOWNGRADED && (awarded < 0 || awarded >= held))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("A downgrade needs a level below the one held"));
      return FALSE;
    }
  if (to == GR_ASSESS_AWARDED && awarded > declared)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("The awarded level cannot be above the declared one"));
      return FALSE;
    }

  gr_record_set_text (record, "state", gr_assessment_state_to_string (to));
  if (scores != NULL)
    gr_record_set_text (record, "scores", scores);
  if (deductions != NULL)
    gr_record_set_text (record, "deductions", deductions);
  if (vetoes != NULL)
    set_vetoes (record, vetoes);
  if (state != NULL && (by != NULL || decided_on != NULL))
    append_step (record, state, by, decided_on);
  else if (by != NULL)
    {
      g_free (record->updated_by);
      record->updated_by = g_strdup (by);
    }
  if (gr_assessment_state_is_decided (to) && state != NULL)
    {
      gr_record_set_text (record, "decided_on", decided_on);
      if (to == GR_ASSESS_AWARDED || to == GR_ASSESS_DOWNGRADED)
        gr_record_set_text (record, "awarded_level",
                            gr_depot_level_to_string (gr_assessment_resulting_level (to, held, declared, awarded)));
    }
  if (!gr_store_begin (store, error))
    return FALSE;
  if (!write_record (store, record, FALSE, error))
    goto fail;
  if (state != NULL && (to == GR_ASSESS_AWARDED || to == GR_ASSESS_DOWNGRADED || to == GR_ASSESS_REMOVED))
    {
      gr_record_set_text (depot, "grade", gr_depot_level_to_string (gr_assessment_resulting_level (to, held, declared, awarded)));
      if (!write_record (store, depot, FALSE, error))
        goto fail;
    }
  if (!gr_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  gr_store_rollback (store);
  return FALSE;
}

gboolean
gr_assessment_advance (GrStore     *store,
                       const char  *id,
                       const char  *state,
                       const char  *awarded_level,
                       const char  *decided_on,
                       GError     **error)
{
  g_return_val_if_fail (state != NULL, FALSE);
  return step (store, id, state, awarded_level, decided_on, NULL, NULL, NULL, NULL, error);
}

gboolean
gr_assessment_record_step (GrStore     *store,
                           const char  *id,
                           const char  *state,
                           const char  *awarded_level,
                           const char  *scores_json,
                           const char  *deductions_json,
                           const char * const *vetoes,
                           const char  *by,
                           const char  *on,
                           GError     **error)
{
  if (on != NULL && !gr_date_parse (on, NULL))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("The date must be a real date written YYYY-MM-DD"));
      return FALSE;
    }
  return step (store, id, state, awarded_level, on, scores_json, deductions_json, vetoes, by, error);
}
