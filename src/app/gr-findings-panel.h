/* gr-findings-panel.h: the compliance findings for a date, grouped and filterable
 *
 * Severity counts, filters (enterprise, depot, variety, rule, search)
 * and the findings grouped by severity, then rule, each with its
 * subject, message, due date and article. The rules run in a worker
 * whenever the data or the as-of date changes; activating a finding
 * asks the window to show its subject (win.show-stock "lot:lot-000123"),
 * or shows its details where that action does not exist.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gr-finding-groups.h"

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
/* TRUE while the rules run. */
gboolean         gr_findings_panel_get_busy    (GrFindingsPanel *self);
/* The list shown: headings and findings. */
GrFindingGroups *gr_findings_panel_get_groups  (GrFindingsPanel *self);

G_END_DECLS
