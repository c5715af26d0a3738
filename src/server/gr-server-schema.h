/* gr-server-schema.h: the server's PostgreSQL schema, one frozen step per version
 *
 * The version lives in granary_schema. Each step runs in its own
 * transaction under an advisory lock, so several instances starting at
 * once migrate the database exactly once, and a crash leaves it at the
 * last completed version. A database newer than this program is refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-server-pg.h"

G_BEGIN_DECLS

/* The version this program writes. */
int      gr_server_schema_latest   (void);
/* 0 for an empty database, -1 with error set when it cannot be read. */
int      gr_server_schema_version  (GrServerPg  *pg,
                                    GError     **error);
/* Migrates to target (gr_server_schema_latest () for normal use). */
gboolean gr_server_schema_migrate  (GrServerPg  *pg,
                                    int          target,
                                    GError     **error);

G_END_DECLS
