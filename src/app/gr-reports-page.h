/* gr-reports-page.h: the Reports page (报表): the monthly report and the
 * subsidy statement previewed, filed, exported (XLSX, CSV, PDF) and
 * printed; information cards of a depot's bins printed
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gr-doc-table.h"
#include "gr-doc-write.h"

G_BEGIN_DECLS

typedef enum {
  GR_REPORT_MONTHLY,
  GR_REPORT_SUBSIDY,
} GrReportKind;

#define GR_TYPE_REPORTS_PAGE (gr_reports_page_get_type ())
G_DECLARE_FINAL_TYPE (GrReportsPage, gr_reports_page, GR, REPORTS_PAGE, AdwBin)

void          gr_reports_page_set_db_path  (GrReportsPage *self,
                                            const char    *db_path);
/* Reads the enterprises and the chosen report again, on a worker. */
void          gr_reports_page_reload       (GrReportsPage *self);
/* Chooses a report and shows it. period: YYYY-MM for the monthly
 * report; YYYY or YYYY-MM for the subsidy statement. enterprise: NULL
 * for every enterprise (subsidy only). */
void          gr_reports_page_show_report  (GrReportsPage *self,
                                            GrReportKind   kind,
                                            const char    *enterprise,
                                            const char    *period);
/* TRUE while it reads, or tables of the preview are still to be shown. */
gboolean      gr_reports_page_get_busy     (GrReportsPage *self);
/* Bumped each time a preview has been shown (tests wait on it). */
guint         gr_reports_page_get_n_loads  (GrReportsPage *self);
/* The preview's document; NULL before the first load. */
GrDocTable   *gr_reports_page_get_table    (GrReportsPage *self);
/* The text of a preview cell as its column view shows it. */
char         *gr_reports_page_dup_cell     (GrReportsPage *self,
                                            guint          section,
                                            guint          row,
                                            guint          column);
guint         gr_reports_page_get_n_rows   (GrReportsPage *self,
                                            guint          section);
/* The filing line under the controls (on time, late, due by …). */
const char   *gr_reports_page_get_status   (GrReportsPage *self);
/* Writes the shown report to file on a worker, with progress. */
void          gr_reports_page_export       (GrReportsPage *self,
                                            GrDocFormat    format,
                                            GFile         *file);
/* Bumped when an export ends; the last one's error, NULL when it worked. */
guint         gr_reports_page_get_n_exports (GrReportsPage *self);
const GError *gr_reports_page_get_export_error (GrReportsPage *self);

G_END_DECLS
