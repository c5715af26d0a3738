/* gr-demo.h: generated demo datasets (DESIGN.md §7 "granary-cli demo")
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-store.h"
#include "gr-types.h"

G_BEGIN_DECLS

typedef enum {
  GR_DEMO_CITY,
  GR_DEMO_PROVINCE,
} GrDemoScale;

/* Writes a deterministic dataset for seed into an empty store (a store
 * that holds data is refused), marks it as demo data (meta "demo" = "1")
 * and sets its profile. today: the last day of the generated history
 * (YYYY-MM-DD); NULL means the current date. */
gboolean gr_demo_generate (GrStore        *store,
                           GrDemoScale     scale,
                           guint           seed,
                           double          factor,
                           const char     *today,
                           GrProgressFunc  progress,
                           gpointer        progress_data,
                           GError        **error);

gboolean gr_demo_scale_from_string (const char  *text,
                                    GrDemoScale *out_scale);

G_END_DECLS
