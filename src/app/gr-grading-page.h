/* gr-grading-page.h: the Grading page (等级): depot levels and their
 * coverage against the region target, assessment score breakdowns, and
 * the quality grades and storage quality of lots
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gr-charts.h"

G_BEGIN_DECLS

#define GR_TYPE_GRADING_PAGE (gr_grading_page_get_type ())
G_DECLARE_FINAL_TYPE (GrGradingPage, gr_grading_page, GR, GRADING_PAGE, AdwBin)

/* Reads the database at db_path on a worker and shows it; targets is the
 * region targets id (for the AAA coverage target), or NULL. */
void          gr_grading_page_reload         (GrGradingPage *self,
                                              const char    *db_path,
                                              const char    *targets);
/* TRUE while it reads, or its depot table is still taking in the rows. */
gboolean      gr_grading_page_get_busy       (GrGradingPage *self);
/* Bumped each time a load has been shown (tests wait on it). */
guint         gr_grading_page_get_n_loads    (GrGradingPage *self);
/* Shows the score breakdown of the depot at this index of the depot list. */
void          gr_grading_page_select_depot   (GrGradingPage *self,
                                              guint          index);

/* The widgets, for tests reading the numbers back. */
GrKpiTile    *gr_grading_page_get_coverage_tile (GrGradingPage *self);
GrKpiTile    *gr_grading_page_get_tonnage_tile  (GrGradingPage *self);
GrChart      *gr_grading_page_get_levels_chart  (GrGradingPage *self);
GrChart      *gr_grading_page_get_scores_chart  (GrGradingPage *self);
GrChart      *gr_grading_page_get_grades_chart  (GrGradingPage *self);
GrChart      *gr_grading_page_get_storage_chart (GrGradingPage *self);
/* The depot table: depot, level, final score, decided on, trend. */
GtkColumnView *gr_grading_page_get_depot_table  (GrGradingPage *self);
char         *gr_grading_page_dup_depot_cell    (GrGradingPage *self,
                                                 guint          row,
                                                 guint          column);
/* How many lots in store were last tested over a quarter ago (or never). */
guint         gr_grading_page_get_n_stale       (GrGradingPage *self);

G_END_DECLS
