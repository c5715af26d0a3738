/* gr-overview-page.h: the Overview page: what the database holds
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gr-info.h"

G_BEGIN_DECLS

#define GR_TYPE_OVERVIEW_PAGE (gr_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (GrOverviewPage, gr_overview_page, GR, OVERVIEW_PAGE, AdwBin)

/* Shows info (read on a worker; only copied here) and the region targets id. */
void gr_overview_page_set_info (GrOverviewPage *self,
                                const GrInfo   *info,
                                const char     *targets);

G_END_DECLS
