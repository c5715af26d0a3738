/* gr-data-dir.h: where run-time data files are looked up
 *
 * Profiles, targets and standards are data files found by kind (the
 * sub-directory name) in, in order: $XDG_DATA_HOME/granary/KIND (the
 * user's own files win), the installed PKGDATADIR/KIND, then
 * $GRANARY_DATA_DIR/KIND (uninstalled runs and tests).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The directories for kind, in lookup order (owned strings). */
GPtrArray *gr_data_search_dirs (const char  *kind);
/* The first existing regular file named file, or NULL; *out_looked (when
 * not NULL) gets the directories tried, ", "-separated, for messages. */
char      *gr_data_find_file   (const char  *kind,
                                const char  *file,
                                char       **out_looked);

G_END_DECLS
