/* gr-inspection-photo.h: inspection photos, stored by their content hash
 *
 * A photo is kept once, under the SHA-256 of its bytes (64 lower-case hex
 * digits), in the photos directory next to the database; an inspection
 * lists the hashes. The same picture added twice is stored once, and sync
 * uploads it under the same name (SYNC.md §3.4: PUT /v1/blobs/<sha256>).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-store.h"

G_BEGIN_DECLS

/* The directory photos of store's database are kept in. */
char     *gr_photo_dir           (GrStore     *store);
/* Where the photo with this hash is kept (whether or not it exists). */
char     *gr_photo_path          (GrStore     *store,
                                  const char  *hash);
/* The same for the database at db_path (no connection needed). */
char     *gr_photo_path_for_db   (const char  *db_path,
                                  const char  *hash);
/* 64 lower-case hex digits. */
gboolean  gr_photo_hash_is_valid (const char  *hash);
/* Checks the file (a picture of at most GR_PHOTO_MAX_BYTES), copies it
 * into the photos directory durably and returns its hash. Nothing is
 * written for a file that is refused. */
char     *gr_photo_store         (GrStore     *store,
                                  const char  *path,
                                  GError     **error);

G_END_DECLS
