/* gr-server-blobs.h: inspection photos, stored by their SHA-256
 *
 * PUT is idempotent: the name is the content's hash, so a second upload
 * of the same photo stores nothing new. A body whose hash differs from
 * its name is refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-server-auth.h"
#include "gr-server-pg.h"

G_BEGIN_DECLS

gboolean  gr_server_blob_put (GrServerPg          *pg,
                              const GrServerUser  *user,
                              const char          *sha256,
                              GBytes              *data,
                              gsize                max_size,
                              gboolean            *out_created,
                              GError             **error);
GBytes   *gr_server_blob_get (GrServerPg          *pg,
                              const char          *sha256,
                              GError             **error);

G_END_DECLS
