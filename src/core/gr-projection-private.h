/* gr-projection-private.h: what a GrProjection loads, for the planner
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-projection.h"
#include "gr-rotation-private.h"

G_BEGIN_DECLS

typedef struct {
  const char   *id;             /* interned */
  const char   *enterprise;     /* interned */
  const char   *variety;        /* interned */
  const char   *mode;           /* interned rotation mode */
  GrGrainClass  klass;
  gint64        quantity_kg;
  int           percent;        /* stock.min_ratio for its class; -1: not checked */
  guint         active_end;     /* bit m: active at the end of month m of the year */
  guint         active_any;     /* bit m: active on some day of month m */
  guint         series;         /* index of its series */
  gint64        opening_kg;     /* Σ its lots' balances at the year's start */
} GrProjPlan;

typedef struct {
  char         *id;
  guint         plan;           /* index in plans */
  gint64        opening_kg;     /* balance at the year's start */
  gint64        available_kg;   /* opening + what came in during the year */
  GrLotFacts    facts;          /* strings owned by the projection */
  int           entered_month;  /* month index of entered_on */
  int           harvest_year;   /* 0: none */
  int           storage_quality; /* 0 宜存, 1 轻度不宜存, 2 重度不宜存 */
} GrProjLot;

typedef struct {
  const char   *enterprise;     /* interned */
  const char   *plan;           /* interned; NULL for enterprise scope */
  GArray       *plans;          /* guint indexes into plans */
} GrProjSeries;

struct _GrProjection {
  GrProfile    *profile;
  int           year;
  int           first_month;    /* month index of January */
  gboolean      any_time;
  gboolean      enterprise_scope;
  GArray       *plans;          /* GrProjPlan, by enterprise then id */
  GPtrArray    *lots;           /* GrProjLot, by plan then id */
  GHashTable   *lot_by_id;      /* id → GrProjLot (borrowed) */
  GPtrArray    *series;         /* GrProjSeries */
  GStringChunk *strings;
};

/* Month m (0–11) of the year: the checked stock of series s, from per-plan
 * month deltas (GrProjection→plans->len × 12 values for "during" and for
 * "end"); fills out. */
void gr_projection_fill_month (GrProjection      *self,
                               guint              s,
                               int                m,
                               const gint64      *during_delta,
                               const gint64      *end_delta,
                               GrProjectionMonth *out);

/* Adds one item's effect on its plan's month deltas (per-plan arrays of
 * 12, as above): −q from its out month on; +q after its in month
 * (during) or from it (end). */
void gr_projection_apply_item (GrProjection      *self,
                               int                out_month,
                               int                in_month,
                               gint64             quantity_kg,
                               gint64            *during_delta,
                               gint64            *end_delta);

G_END_DECLS
