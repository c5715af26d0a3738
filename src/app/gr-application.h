/* gr-application.h
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GR_TYPE_APPLICATION (gr_application_get_type ())
G_DECLARE_FINAL_TYPE (GrApplication, gr_application, GR, APPLICATION, AdwApplication)

GrApplication *gr_application_new          (void);
/* The database the windows open (--db, else the signed-in account's,
 * else gr_store_default_path ()). */
const char    *gr_application_get_db_path  (GrApplication *self);
/* TRUE when --db named the database. */
gboolean       gr_application_get_db_given (GrApplication *self);
/* Opens db_path in a new window (on page, or the last one used) and
 * closes the others: signing in as another user opens that user's
 * database (SYNC.md §3.7). */
void           gr_application_open_database (GrApplication *self,
                                             const char    *db_path,
                                             const char    *page);

G_END_DECLS
