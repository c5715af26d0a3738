/* gr-types.h: small shared types of the core library
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GrStore GrStore;

/* Reports progress of long work (0.0–1.0) with a short translated note.
 * Called on the worker's thread: a UI must hop to the main loop itself. */
typedef void (*GrProgressFunc) (double      fraction,
                                const char *note,
                                gpointer    user_data);

G_END_DECLS
