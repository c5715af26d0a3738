/* gr-overview-page.h: the Overview 总览 for bureau leaders (DESIGN.md §5)
 *
 * Key figures against the region targets, stock by variety against plan,
 * the month-end stock ratio trend with the profile's minimum, and the
 * compliance findings by severity with the list of findings below, for
 * the whole database or narrowed to one enterprise or region. The page
 * reads its figures itself, in database workers; the main thread only
 * places them. The key figures come first; the charts, the rules and the
 * list of findings follow once those are on screen.
 *
 * Clicking a figure or a bar activates win.show-stock with a filter of
 * space-separated terms: "variety:CODE", "class:raw|finished|oil",
 * "enterprise:ID", "region:NAME".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gr-kpi.h"

G_BEGIN_DECLS

#define GR_TYPE_OVERVIEW_PAGE (gr_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (GrOverviewPage, gr_overview_page, GR, OVERVIEW_PAGE, AdwBin)

/* Starts reading the figures of today for everything, before a page
 * exists: the first page to ask for exactly those takes them over. For
 * the application's start, while GTK starts on the main thread. */
void        gr_overview_page_prefetch      (const char     *db_path,
                                            const char     *targets);
/* (Re)reads every figure of the database at db_path against the region
 * targets with that id (NULL or "": none). */
void        gr_overview_page_load          (GrOverviewPage *self,
                                            const char     *db_path,
                                            const char     *targets);
/* The date the figures are for: YYYY-MM-DD, or NULL for today (the
 * default). Changing it reads the figures again. */
const char *gr_overview_page_get_as_of     (GrOverviewPage *self);
void        gr_overview_page_set_as_of     (GrOverviewPage *self,
                                            const char     *as_of);
/* Narrows every figure: scope_id is an enterprise id or a region name
 * (县/区), NULL for everything. */
void        gr_overview_page_set_scope     (GrOverviewPage *self,
                                            GrKpiScope      scope,
                                            const char     *scope_id);
/* TRUE while the figures (not the findings) are being read */
gboolean    gr_overview_page_get_figures_pending (GrOverviewPage *self);
/* TRUE while figures or findings are being read */
gboolean    gr_overview_page_get_loading   (GrOverviewPage *self);
/* The box under the charts that holds the list of findings, full width */
GtkBox     *gr_overview_page_get_findings_slot (GrOverviewPage *self);

G_END_DECLS
