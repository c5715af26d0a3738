/* gr-rotation-private.h: the rule figures a rotation item is held to,
 * shared by the plan checks, the projection and the planner
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-profile.h"
#include "gr-store.h"
#include "gr-variety.h"

G_BEGIN_DECLS

#define GR_MONTH_NONE G_MAXINT

/* The months a lot may be held to (DESIGN.md §4 age.limit, shelf_life):
 * each is the first month the lot is past it, so an out month before it
 * meets it; GR_MONTH_NONE where none applies. */
typedef struct {
  int  age_month;      /* entry month + L (without any permitted delay) */
  int  age_years;      /* L in years */
  int  shelf_month;    /* the month the shelf life ends in */
  int  shelf_days;
  char expiry[11];     /* YYYY-MM-DD of the shelf-life end, or "" */
} GrLotLimits;

typedef struct {
  const char *variety;
  gboolean    packaged;
  gboolean    delay_approved;
  gboolean    low_temp_bin;    /* low_temp or quasi_low_temp */
  const char *entered_on;      /* YYYY-MM-DD */
  const char *produced_on;     /* NULL: none */
  int         shelf_life_days; /* 0: none */
} GrLotFacts;

void      gr_rotation_lot_limits       (GrProfile          *profile,
                                        const GrLotFacts   *facts,
                                        GrLotLimits        *out);
/* The earlier of the two. */
int       gr_rotation_limit_month      (const GrLotLimits  *limits);

/* The vacancy limit in months for a lot of a plan of this class and
 * rotation mode (+ the extension when approved); -1 when the profile's
 * rotation.vacancy does not cover the plan. */
int       gr_rotation_vacancy_months   (GrProfile          *profile,
                                        GrGrainClass        klass,
                                        const char         *plan_mode,
                                        gboolean            extension);

/* "dynamic" */
gboolean  gr_rotation_mode_is_dynamic  (const char         *plan_mode);

/* How people know a lot and a storage plan, as the findings name them:
 * "城南库 P01仓 中晚籼稻", "市储备粮公司 中晚籼稻 计划 10,000 吨". */
char     *gr_rotation_lot_label        (GrStore            *store,
                                        const char         *lot);
char     *gr_rotation_plan_label       (GrStore            *store,
                                        const char         *plan);

/* gr_rotation_plan_save() as the company, inside the caller's transaction. */
gboolean  gr_rotation_plan_save_locked (GrStore            *store,
                                        GrProfile          *profile,
                                        gpointer            plan,
                                        const char         *by,
                                        GError            **error);

/* Month index of a YYYY-MM-DD date; -1 when not a date. */
int       gr_rotation_date_month       (const char         *iso);

G_END_DECLS
