/* gr-string-list.h: a GtkStringList brought to new strings in place
 *
 * A list view (a drop-down's popup too) destroys and makes the rows of
 * widgets of the items a change replaces: a new model for a thousand
 * depots is two hundred new rows. Read again, the strings are mostly the
 * same: only the range between the first and the last that differ is
 * replaced, in one splice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* strings: NULL-terminated, or NULL for none. */
void gr_string_list_update (GtkStringList      *list,
                            const char * const *strings);

G_END_DECLS
