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

/* The province's history: DESIGN.md §8 measures ten years. A longer
 * one keeps the province's size today (depots, bins, the lots held at
 * the end) and adds the years before: longer chains of rotated lots,
 * their movements, reports and inspections, for showing that what the
 * dashboards cost does not grow with the length of the history. */
#define GR_DEMO_HISTORY_YEARS     10
#define GR_DEMO_HISTORY_YEARS_MAX 40

/* gr_demo_generate with history_years years of history (province only;
 * 0 means GR_DEMO_HISTORY_YEARS). */
gboolean gr_demo_generate_history (GrStore        *store,
                                   GrDemoScale     scale,
                                   guint           seed,
                                   double          factor,
                                   guint           history_years,
                                   const char     *today,
                                   GrProgressFunc  progress,
                                   gpointer        progress_data,
                                   GError        **error);

gboolean gr_demo_scale_from_string (const char  *text,
                                    GrDemoScale *out_scale);

G_END_DECLS
