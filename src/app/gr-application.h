/* gr-application.h
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GR_TYPE_APPLICATION (gr_application_get_type ())
G_DECLARE_FINAL_TYPE (GrApplication, gr_application, GR, APPLICATION, AdwApplication)

GrApplication *gr_application_new          (void);
/* The database the windows open (--db, else gr_store_default_path ()). */
const char    *gr_application_get_db_path  (GrApplication *self);

G_END_DECLS
