/* gr-findings-panel.h: the compliance findings for a date, grouped and filterable
 *
 * Severity counts, filters (enterprise, depot, variety, rule, search)
 * and the findings grouped by severity, then rule, each with its
 * subject, message, due date and article, for everything or narrowed
 * to one enterprise or county. The rules run in a worker whenever the
 * data or the as-of date changes; the page around the panel chooses
 * the date and the place. Activating a finding
 * asks the window to show its subject (win.show-stock "lot:lot-000123"),
 * or shows its details where that action does not exist.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gr-finding-groups.h"
#include "gr-kpi.h"

G_BEGIN_DECLS

#define GR_TYPE_FINDINGS_PANEL (gr_findings_panel_get_type ())
G_DECLARE_FINAL_TYPE (GrFindingsPanel, gr_findings_panel, GR, FINDINGS_PANEL, AdwBin)

GtkWidget       *gr_findings_panel_new         (void);

/* The database and its profile id (NULL: none set). Call it again
 * whenever the data may have changed: the findings are computed anew. */
void             gr_findings_panel_set_source  (GrFindingsPanel *self,
                                                const char      *db_path,
                                                const char      *profile);
/* YYYY-MM-DD; today until changed. */
void             gr_findings_panel_set_as_of   (GrFindingsPanel *self,
                                                const char      *as_of);
const char      *gr_findings_panel_get_as_of   (GrFindingsPanel *self);
/* Source and date at once: the rules run once. */
void             gr_findings_panel_load        (GrFindingsPanel *self,
                                                const char      *db_path,
                                                const char      *profile,
                                                const char      *as_of);
/* Narrows the list, its counts and its filters to one enterprise or one
 * county or district (scope_id: enterprise id or region name), as
 * gr_kpi_count_findings counts them; GR_KPI_SCOPE_ALL for everything.
 * Nothing runs again. */
void             gr_findings_panel_set_scope   (GrFindingsPanel *self,
                                                GrKpiScope       scope,
                                                const char      *scope_id);
/* TRUE while the rules run; FALSE again once what they found is shown. */
gboolean         gr_findings_panel_get_busy    (GrFindingsPanel *self);
/* TRUE when findings of a profile are shown (none found counts). */
gboolean         gr_findings_panel_get_loaded  (GrFindingsPanel *self);
/* The date of the findings shown, or NULL before the first check. */
const char      *gr_findings_panel_get_checked_as_of (GrFindingsPanel *self);
/* The profile id given, or NULL. */
const char      *gr_findings_panel_get_profile (GrFindingsPanel *self);
/* The profile's name for people, or NULL without a profile. */
char            *gr_findings_panel_dup_profile_name (GrFindingsPanel *self);
/* Why the last check failed, or NULL. */
const char      *gr_findings_panel_get_error   (GrFindingsPanel *self);
/* The list shown: headings and findings. */
GrFindingGroups *gr_findings_panel_get_groups  (GrFindingsPanel *self);

G_END_DECLS
