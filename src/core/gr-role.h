/* gr-role.h: who is acting (DESIGN.md §6, the table of who may write what)
 *
 * A bureau leader reads everything and approves or returns rotation
 * plans; a reserve company writes its own enterprise's records and drafts
 * and submits its rotation plans; field staff write inspections. The
 * server checks every push by the user's role; the desktop client asks
 * for the role where an action depends on it (until sync brings real
 * roles, a local setting).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  GR_ROLE_BUREAU,
  GR_ROLE_COMPANY,
  GR_ROLE_INSPECTOR,
} GrRole;

/* "bureau", "company", "inspector" */
const char *gr_role_to_string   (GrRole      role);
gboolean    gr_role_from_string (const char *text,
                                 GrRole     *out_role);
/* Translated, for people: 主管部门, 承储企业, 检查人员 */
const char *gr_role_name        (GrRole      role);

G_END_DECLS
