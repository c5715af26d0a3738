/* gr-info.h: what a database holds, at a glance (granary-cli info, the Overview)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "gr-store.h"

G_BEGIN_DECLS

typedef struct {
  char   *variety;
  gint64  stock_kg;   /* sum of lot balances */
  gint64  plan_kg;    /* sum of plan quantities of plans valid today */
  guint   n_lots;     /* lots with a positive balance */
} GrVarietyTotal;

typedef struct {
  char    *path;
  char    *profile;         /* NULL when none is set */
  gboolean demo;
  gint64   counts[16];      /* per entity, in gr_schema_entities() order */
  guint    n_counts;
  GArray  *varieties;       /* GrVarietyTotal, in gr_variety_codes() order, only those present */
  gint64   stock_kg;
  gint64   plan_kg;
} GrInfo;

GrInfo   *gr_info_collect  (GrStore     *store,
                            const char  *today,
                            GError     **error);
void      gr_info_free     (GrInfo      *info);
char     *gr_info_to_text  (const GrInfo *info);
JsonNode *gr_info_to_json  (const GrInfo *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrInfo, gr_info_free)

G_END_DECLS
