/* gr-migrations.h
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

guint       gr_migrations_count (void);
const char *gr_migrations_get   (guint index);

G_END_DECLS
