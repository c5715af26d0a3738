/* gr-assessment-window.h: the 等级粮库 assessments of one depot
 *
 * Shows the level the depot holds and its assessments, latest first,
 * with their states and who moved them when. Without an open assessment
 * a new one can be declared, for a level above the one held (only those
 * are offered). The open assessment has a form of the template's items:
 * self, city on-site and (for AAA and above) province on-site scores and
 * the reasons for deductions, the level the final stage's total reaches,
 * and a button for exactly each legal next state. Every write runs on a
 * worker (gr-store-task) and records who and on which day; on failure the
 * form stays as typed and the error shows in one line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GR_TYPE_ASSESSMENT_WINDOW (gr_assessment_window_get_type ())
G_DECLARE_FINAL_TYPE (GrAssessmentWindow, gr_assessment_window, GR, ASSESSMENT_WINDOW, AdwWindow)

/* Reads the depot and its assessments from db_path on a worker. Emits
 * "changed" after each write that succeeded. */
GrAssessmentWindow *gr_assessment_window_new (GtkWindow  *parent,
                                              const char *db_path,
                                              const char *depot);

const char *gr_assessment_window_get_depot      (GrAssessmentWindow *self);
/* TRUE once the depot has been read (or could not be). */
gboolean    gr_assessment_window_get_loaded     (GrAssessmentWindow *self);
/* Bumped when a write has finished and, after a success, the depot has
 * been read again. */
guint       gr_assessment_window_get_n_writes   (GrAssessmentWindow *self);
/* 0 (none) … 5 (AAAAA): the level held as last read. */
int         gr_assessment_window_get_held_level (GrAssessmentWindow *self);
guint       gr_assessment_window_get_n_assessments (GrAssessmentWindow *self);
/* The state of the open assessment ("city", …), or NULL when none. */
const char *gr_assessment_window_get_open_state (GrAssessmentWindow *self);
/* The levels offered to declare ("A" … "AAAAA"), and the states the
 * buttons offer, in order. */
GStrv       gr_assessment_window_dup_offered_levels (GrAssessmentWindow *self);
GStrv       gr_assessment_window_dup_offered_states (GrAssessmentWindow *self);
/* The score entry of item index for stage 0 self, 1 city, 2 province
 * (NULL when not shown), and the reason entry of an item. */
GtkEditable *gr_assessment_window_get_score_entry  (GrAssessmentWindow *self,
                                                    guint               item,
                                                    guint               stage);
GtkEditable *gr_assessment_window_get_reason_entry (GrAssessmentWindow *self,
                                                    guint               item);
GtkEditable *gr_assessment_window_get_by_entry     (GrAssessmentWindow *self);
GtkEditable *gr_assessment_window_get_date_entry   (GrAssessmentWindow *self);
/* The check button of the template's veto item index (一票否决), or NULL;
 * the template's title and version as the form shows them, or NULL. */
GtkCheckButton *gr_assessment_window_get_veto_check   (GrAssessmentWindow *self,
                                                       guint               index);
const char  *gr_assessment_window_get_template_text (GrAssessmentWindow *self);
const char  *gr_assessment_window_get_result_text  (GrAssessmentWindow *self);
const char  *gr_assessment_window_get_error_text   (GrAssessmentWindow *self);

/* What the buttons do: declare a level, move the open assessment to a
 * state (as its button would; refused when not offered), save the form. */
void        gr_assessment_window_declare (GrAssessmentWindow *self,
                                          const char         *level);
void        gr_assessment_window_advance (GrAssessmentWindow *self,
                                          const char         *state);
void        gr_assessment_window_save    (GrAssessmentWindow *self);

G_END_DECLS
