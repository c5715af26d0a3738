/* gr-quality-test-window.h: recording a quality test for a lot
 *
 * The date, lab, sample number, the edition of the standard it is judged
 * by (the editions held for the lot's variety) and exactly the indicators
 * of that variety; the judgement (grade or 等外, limits, storage quality,
 * whether an unconfirmed threshold was used) is recomputed on every
 * change, and values outside their physical range are refused with a
 * message. Saving records the test on a worker (gr_grading_record_test);
 * on failure what was typed stays. The lot's earlier tests are listed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GR_TYPE_QUALITY_TEST_WINDOW (gr_quality_test_window_get_type ())
G_DECLARE_FINAL_TYPE (GrQualityTestWindow, gr_quality_test_window, GR, QUALITY_TEST_WINDOW, AdwWindow)

/* Reads the lot and its tests from db_path on a worker, then shows the
 * form. Emits "saved" after a test was recorded. */
GrQualityTestWindow *gr_quality_test_window_new (GtkWindow  *parent,
                                                 const char *db_path,
                                                 const char *lot);

const char  *gr_quality_test_window_get_lot        (GrQualityTestWindow *self);
/* TRUE once the lot has been read (or could not be). */
gboolean     gr_quality_test_window_get_loaded     (GrQualityTestWindow *self);
/* Bumped when a save has finished, successfully or not. */
guint        gr_quality_test_window_get_n_saves    (GrQualityTestWindow *self);

/* For tests: the entry of an indicator (NULL when the variety has none
 * of that key), the date entry, choosing an edition, the texts shown. */
GtkEditable *gr_quality_test_window_get_indicator  (GrQualityTestWindow *self,
                                                    const char          *key);
GtkEditable *gr_quality_test_window_get_date_entry (GrQualityTestWindow *self);
gboolean     gr_quality_test_window_select_edition (GrQualityTestWindow *self,
                                                    const char          *standard);
const char  *gr_quality_test_window_get_grade_text (GrQualityTestWindow *self);
const char  *gr_quality_test_window_get_judgement_text (GrQualityTestWindow *self);
const char  *gr_quality_test_window_get_error_text (GrQualityTestWindow *self);
gboolean     gr_quality_test_window_get_can_save   (GrQualityTestWindow *self);
guint        gr_quality_test_window_get_n_history  (GrQualityTestWindow *self);
void         gr_quality_test_window_save           (GrQualityTestWindow *self);

G_END_DECLS
