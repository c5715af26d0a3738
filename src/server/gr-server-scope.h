/* gr-server-scope.h: who may read and write which records (DESIGN.md §6)
 *
 * Every record on the server belongs to an enterprise and, below it, to
 * a depot (NULL for records of the enterprise as a whole: plans, release
 * orders, rotation plans, monthly reports). A bureau reads everything; a
 * company reads its enterprise; an inspector reads its assigned depots
 * and the enterprise-wide records their lots and bins refer to (the
 * enterprise, its plans and release orders), but neither rotation plans
 * nor depot assessments. Writes follow the role table of DESIGN.md §6.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-dataset.h"
#include "gr-server-auth.h"

G_BEGIN_DECLS

typedef struct {
  char *enterprise;
  char *depot;
} GrScope;

void     gr_scope_clear             (GrScope            *scope);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GrScope, gr_scope_clear)

/* Whether user reads a record of entity in scope; inspector_enterprises
 * are the enterprises of the inspector's depots. */
gboolean gr_server_scope_may_read   (const GrServerUser *user,
                                     const char         *entity,
                                     const GrScope      *scope,
                                     const char * const *inspector_enterprises);

/* Whether user may make this change: op is "create", "patch" or
 * "delete"; old/old_scope are NULL for a create; changed lists the
 * dataset fields a patch changes. On refusal *out_reason says why, in
 * one line. */
gboolean gr_server_scope_may_write  (const GrServerUser *user,
                                     const char         *op,
                                     const GrRecord     *old,
                                     const GrScope      *old_scope,
                                     const GrRecord     *record,
                                     const GrScope      *scope,
                                     GPtrArray          *changed,
                                     char              **out_reason);

G_END_DECLS
