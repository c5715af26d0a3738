/* gr-finding-groups.h: findings grouped by severity, then rule, as one flat list
 *
 * A GListModel of GrFindingItem: for each severity with findings a
 * severity heading, for each of its rules a rule heading, then the
 * findings of that rule, the earliest due first (then the engine's
 * order: subject id). A scope (one enterprise, or one county or
 * district) keeps the findings of that place only, counted as the
 * Overview counts them (gr_kpi_count_findings); filters (enterprise,
 * depot, variety, rule, search text) then drop findings, and headings
 * whose groups become empty; the headings count what is left.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gr-finding-item.h"
#include "gr-kpi.h"

G_BEGIN_DECLS

typedef enum {
  GR_FINDING_FILTER_ENTERPRISE,  /* enterprise id */
  GR_FINDING_FILTER_DEPOT,       /* depot id */
  GR_FINDING_FILTER_VARIETY,     /* variety code */
  GR_FINDING_FILTER_RULE,        /* rule id */
  GR_FINDING_FILTER_SEARCH,      /* text, any case */
  GR_N_FINDING_FILTERS
} GrFindingFilter;

#define GR_TYPE_FINDING_GROUPS (gr_finding_groups_get_type ())
G_DECLARE_FINAL_TYPE (GrFindingGroups, gr_finding_groups, GR, FINDING_GROUPS, GObject)

GrFindingGroups *gr_finding_groups_new          (void);

/* items: GrFindingItem of kind FINDING (a reference is taken; the array
 * is not changed). They are shown grouped whatever their order. */
void             gr_finding_groups_set_items    (GrFindingGroups *self,
                                                 GPtrArray       *items);
/* value: NULL or "" for no filter. */
void             gr_finding_groups_set_filter   (GrFindingGroups *self,
                                                 GrFindingFilter  filter,
                                                 const char      *value);
const char      *gr_finding_groups_get_filter   (GrFindingGroups *self,
                                                 GrFindingFilter  filter);

/* Narrows to one place: scope_id is an enterprise id or a region name
 * (GR_KPI_SCOPE_ALL and NULL: everywhere). A region holds the findings
 * whose depot is there, by depot_regions (depot id → region, from
 * gr_kpi_depot_regions; a reference is taken): a finding on a whole
 * plan or enterprise has no region. */
void             gr_finding_groups_set_scope    (GrFindingGroups *self,
                                                 GrKpiScope       scope,
                                                 const char      *scope_id,
                                                 GHashTable      *depot_regions);
GrKpiScope       gr_finding_groups_get_scope    (GrFindingGroups *self);
/* The region of a depot by the table given, or NULL. */
const char      *gr_finding_groups_depot_region (GrFindingGroups *self,
                                                 const char      *depot);

/* Findings that pass the filters, of one severity or in all. */
guint            gr_finding_groups_get_count    (GrFindingGroups *self,
                                                 GrSeverity       severity);
guint            gr_finding_groups_get_n_shown  (GrFindingGroups *self);
/* Findings of the scope before the filters, of one severity or in all. */
guint            gr_finding_groups_get_scope_count (GrFindingGroups *self,
                                                    GrSeverity       severity);
guint            gr_finding_groups_get_n_total  (GrFindingGroups *self);

G_END_DECLS
