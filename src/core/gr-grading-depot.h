/* gr-grading-depot.h: Guangdong's 等级粮库 A–AAAAA (DOMAIN.md §4.1, DESIGN.md §3)
 *
 * Levels 0 (none) … 5 (AAAAA). An assessment goes declared →
 * enterprise_review → county → city → city_onsite → [province →
 * province_onsite, for AAA and above] → awarded / refused / downgraded /
 * removed. Any review stage may refuse; only the final on-site stage
 * awards, downgrades or removes. A declaration must be for a level above
 * the one held. Scores are item → {self, city, province}; the level is
 * decided on the total of the final scoring stage: the province's for AAA
 * and above, else the city's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-standards.h"
#include "gr-store.h"

G_BEGIN_DECLS

typedef enum {
  GR_ASSESS_DECLARED,
  GR_ASSESS_ENTERPRISE_REVIEW,
  GR_ASSESS_COUNTY,
  GR_ASSESS_CITY,
  GR_ASSESS_CITY_ONSITE,
  GR_ASSESS_PROVINCE,
  GR_ASSESS_PROVINCE_ONSITE,
  GR_ASSESS_AWARDED,
  GR_ASSESS_REFUSED,
  GR_ASSESS_DOWNGRADED,
  GR_ASSESS_REMOVED,
  GR_N_ASSESS_STATES
} GrAssessmentState;

typedef enum {
  GR_STAGE_SELF,
  GR_STAGE_CITY,
  GR_STAGE_PROVINCE,
} GrScoreStage;

#define GR_LEVEL_AAA 3

/* "none", "A" … "AAAAA" ↔ 0 … 5; -1 when not a level. */
int          gr_depot_level_from_string (const char *text);
const char  *gr_depot_level_to_string   (int         level);

const char  *gr_assessment_state_to_string   (GrAssessmentState  state);
gboolean     gr_assessment_state_from_string (const char        *text,
                                              GrAssessmentState *out);
/* Translated name of the state, e.g. 市级实地核查 */
const char  *gr_assessment_state_name        (GrAssessmentState  state);
gboolean     gr_assessment_state_is_decided  (GrAssessmentState  state);

/* The province flow is for AAA and above. */
GrScoreStage gr_assessment_final_stage  (int declared_level);

gboolean     gr_assessment_check_declaration (int       held_level,
                                              int       declared_level,
                                              GError  **error);
gboolean     gr_assessment_check_transition  (GrAssessmentState  from,
                                              GrAssessmentState  to,
                                              int                declared_level,
                                              GError           **error);

/* The sum of one stage's scores over the items that have it; FALSE when
 * no item has a score for that stage (or scores_json is not an object). */
gboolean     gr_assessment_stage_total (const char   *scores_json,
                                        GrScoreStage  stage,
                                        double       *out_total);

/* The level a decided assessment leaves the depot at: awarded → the
 * awarded level (or the declared one), downgraded → the awarded level,
 * removed → none, refused → the level held. */
int          gr_assessment_resulting_level (GrAssessmentState state,
                                            int               held_level,
                                            int               declared_level,
                                            int               awarded_level);

/* The highest level whose threshold the total reaches under the
 * template (0: none); *unconfirmed when a threshold used is. */
int          gr_assessment_level_for_total (const GrAssessmentTemplate *tpl,
                                            double                      total,
                                            gboolean                   *unconfirmed);

/* The 一票否决 items hit, kept in the record's unknown key "vetoes" of
 * extra_json (the schema has no field for them): a NULL-terminated
 * array, empty when none. */
GStrv        gr_assessment_vetoes_from_extra (const char *extra_json);
/* An assessment with a veto item hit cannot be awarded; refusing,
 * downgrading and removing stay possible. */
gboolean     gr_assessment_check_vetoes (GrAssessmentState    to,
                                         const char * const  *vetoes,
                                         GError             **error);
/* The sum of the points of the template's ordinary items (the full
 * marks), or, with bonus, of its bonus items (加分项). */
double       gr_assessment_template_points (const GrAssessmentTemplate *tpl,
                                            gboolean                    bonus);

/* Records a declaration (state declared) after checking it is above the
 * depot's level. template_json: {"id", "version"} or NULL. */
gboolean     gr_assessment_declare (GrStore     *store,
                                    const char  *id,
                                    const char  *depot,
                                    const char  *declared_level,
                                    const char  *template_json,
                                    GError     **error);
/* Moves an assessment to state; a decision records decided_on and, for
 * awarded / downgraded / removed, sets the depot's grade (DESIGN.md §3).
 * awarded_level: the level given (downgraded needs one; NULL for awarded
 * means the declared level). Refuses an illegal transition. */
gboolean     gr_assessment_advance (GrStore     *store,
                                    const char  *id,
                                    const char  *state,
                                    const char  *awarded_level,
                                    const char  *decided_on,
                                    GError     **error);


/* As the app records a step: besides the state (NULL: stay, only save
 * the form), the scores and deductions entered (NULL: unchanged; JSON
 * objects item → {self, city, province} and item → reason), the veto
 * items hit (NULL: unchanged; kept in extra as "vetoes"), and who and
 * on which day (YYYY-MM-DD). The step is appended to the record's trail,
 * the unknown key "history": [{"state", "by", "on"}], and the record's
 * updated_by is who. All in one transaction. */
gboolean     gr_assessment_record_step (GrStore     *store,
                                        const char  *id,
                                        const char  *state,
                                        const char  *awarded_level,
                                        const char  *scores_json,
                                        const char  *deductions_json,
                                        const char * const *vetoes,
                                        const char  *by,
                                        const char  *on,
                                        GError     **error);
/* A declaration with its who and when in the trail. */
gboolean     gr_assessment_declare_by  (GrStore     *store,
                                        const char  *id,
                                        const char  *depot,
                                        const char  *declared_level,
                                        const char  *template_json,
                                        const char  *by,
                                        const char  *on,
                                        GError     **error);

G_END_DECLS
