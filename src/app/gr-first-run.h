/* gr-first-run.h: what an empty database offers: demo data or an import
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GR_TYPE_FIRST_RUN (gr_first_run_get_type ())
G_DECLARE_FINAL_TYPE (GrFirstRun, gr_first_run, GR, FIRST_RUN, AdwBin)

void gr_first_run_set_db_path (GrFirstRun *self,
                               const char *path);

G_END_DECLS
