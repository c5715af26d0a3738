/* gr-inspections-page.h: the Inspections page (检查): inspections with
 * their state, open findings (overdue first) and their closing, the
 * readings of a bin over time against its alarm limits, and the bins not
 * inspected in the last quarter
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gr-charts.h"

G_BEGIN_DECLS

#define GR_TYPE_INSPECTIONS_PAGE (gr_inspections_page_get_type ())
G_DECLARE_FINAL_TYPE (GrInspectionsPage, gr_inspections_page, GR, INSPECTIONS_PAGE, AdwBin)

/* Reads the database at db_path on a worker and shows it. */
void           gr_inspections_page_reload          (GrInspectionsPage *self,
                                                    const char        *db_path);
/* The date the page counts from (overdue findings, the last quarter);
 * NULL: the clock's. */
void           gr_inspections_page_set_today       (GrInspectionsPage *self,
                                                    const char        *today);
/* Reading, or the table still catching up with what was read. */
gboolean       gr_inspections_page_get_busy        (GrInspectionsPage *self);
/* Bumped each time a load (or a bin's history) has been shown. */
guint          gr_inspections_page_get_n_loads     (GrInspectionsPage *self);
guint          gr_inspections_page_get_n_histories (GrInspectionsPage *self);

/* Shows one depot (its id), or all with NULL; reads again. */
void           gr_inspections_page_select_depot    (GrInspectionsPage *self,
                                                    const char        *depot);
/* Shows the reading history of bin (its id). */
void           gr_inspections_page_select_bin      (GrInspectionsPage *self,
                                                    const char        *bin);
const char    *gr_inspections_page_get_bin         (GrInspectionsPage *self);

/* The widgets, for tests reading the numbers back. */
GrKpiTile     *gr_inspections_page_get_tile        (GrInspectionsPage *self,
                                                    guint              index);
GtkDropDown   *gr_inspections_page_get_depot_dropdown (GrInspectionsPage *self);
GtkDropDown   *gr_inspections_page_get_bin_dropdown  (GrInspectionsPage *self);
GtkListBox    *gr_inspections_page_get_findings_list (GrInspectionsPage *self);
GtkListBox    *gr_inspections_page_get_coverage_list (GrInspectionsPage *self);
GrChart       *gr_inspections_page_get_temperature_chart (GrInspectionsPage *self);
GrChart       *gr_inspections_page_get_moisture_chart    (GrInspectionsPage *self);
GrChart       *gr_inspections_page_get_pest_chart        (GrInspectionsPage *self);
GtkColumnView *gr_inspections_page_get_table       (GrInspectionsPage *self);
guint          gr_inspections_page_get_n_rows      (GrInspectionsPage *self);
/* The text of a cell of the inspections table. */
char          *gr_inspections_page_dup_cell        (GrInspectionsPage *self,
                                                    guint              row,
                                                    guint              column);
/* The text the table shows in a cell now, or NULL when the row has no
 * widgets (not near the rows shown). */
char          *gr_inspections_page_dup_shown_cell  (GrInspectionsPage *self,
                                                    guint              row,
                                                    guint              column);
/* The inspection id of a row of the table. */
const char    *gr_inspections_page_get_row_id      (GrInspectionsPage *self,
                                                    guint              row);
/* Records the closure of the open finding at index of the findings list,
 * as the dialog's Close button does (in a worker, then reads again). */
void           gr_inspections_page_close_finding   (GrInspectionsPage *self,
                                                    guint              index,
                                                    const char        *closed_by,
                                                    const char        *closed_on,
                                                    const char        *note);

G_END_DECLS
