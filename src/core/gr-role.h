/* gr-role.h: who is acting (DESIGN.md §6, the table of who may write what)
 *
 * A bureau leader reads everything and approves or returns rotation
 * plans; a reserve company writes its own enterprise's records and drafts
 * and submits its rotation plans; field staff write inspections. The
 * server checks every push by the user's role; the desktop client asks
 * for the role where an action depends on it (until sync brings real
 * roles, a local setting).
 *
 * The server decides every write (it checks each push); the interface
 * only leaves out what the user's role may not do, so that nobody types
 * in work that would come back rejected. A database that is not signed
 * in to a server has no role (NULL): everything is offered, as every
 * change stays local.
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

typedef enum {
  GR_ROLE_ACTION_RECORD_MOVEMENT,      /* bin, lot, movement, quality test: company */
  GR_ROLE_ACTION_RECORD_QUALITY_TEST,
  GR_ROLE_ACTION_EDIT_PLAN,            /* plans, enterprises, release orders: bureau */
  GR_ROLE_ACTION_SUBMIT_ROTATION_PLAN, /* draft and submit: company */
  GR_ROLE_ACTION_APPROVE_ROTATION_PLAN,/* approve or return: bureau */
  GR_ROLE_ACTION_WRITE_INSPECTION,     /* bureau, inspector */
  GR_ROLE_ACTION_CLOSE_FINDING,        /* company (its depots), bureau */
  GR_ROLE_ACTION_DECLARE_ASSESSMENT,   /* depot assessment: declare and self score: company */
  GR_ROLE_ACTION_REVIEW_ASSESSMENT,    /* review stages, scores, decision: bureau */
} GrRoleAction;

/* role: "bureau", "company", "inspector", or NULL (a local database). An
 * unknown role may do nothing that syncs. */
gboolean    gr_role_may   (const char   *role,
                           GrRoleAction  action);
/* The role's name for people: "Bureau", "Reserve company", "Inspector". */
const char *gr_role_label (const char   *role);

G_END_DECLS
