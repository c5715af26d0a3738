/* gr-role.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-role"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gr-role.h"

enum { BUREAU = 1 << 0, COMPANY = 1 << 1, INSPECTOR = 1 << 2 };

/* The write column of DESIGN.md §6's table, per action. */
static const guint allowed[] = {
  [GR_ROLE_ACTION_RECORD_MOVEMENT] = COMPANY,
  [GR_ROLE_ACTION_RECORD_QUALITY_TEST] = COMPANY,
  [GR_ROLE_ACTION_EDIT_PLAN] = BUREAU,
  [GR_ROLE_ACTION_SUBMIT_ROTATION_PLAN] = COMPANY,
  [GR_ROLE_ACTION_APPROVE_ROTATION_PLAN] = BUREAU,
  [GR_ROLE_ACTION_WRITE_INSPECTION] = BUREAU | INSPECTOR,
  [GR_ROLE_ACTION_CLOSE_FINDING] = BUREAU | COMPANY,
  [GR_ROLE_ACTION_DECLARE_ASSESSMENT] = COMPANY,
  [GR_ROLE_ACTION_REVIEW_ASSESSMENT] = BUREAU,
};

gboolean
gr_role_may (const char   *role,
             GrRoleAction  action)
{
  guint bit;

  g_return_val_if_fail (action < G_N_ELEMENTS (allowed), FALSE);

  if (role == NULL || *role == '\0')
    return TRUE;
  if (g_str_equal (role, "bureau"))
    bit = BUREAU;
  else if (g_str_equal (role, "company"))
    bit = COMPANY;
  else if (g_str_equal (role, "inspector"))
    bit = INSPECTOR;
  else
    return FALSE;
  return (allowed[action] & bit) != 0;
}

const char *
gr_role_label (const char *role)
{
  if (g_strcmp0 (role, "bureau") == 0)
    /* TRANSLATORS: the role of a user of the grain bureau (粮食和储备局) */
    return _("Bureau");
  if (g_strcmp0 (role, "company") == 0)
    /* TRANSLATORS: the role of a user of a reserve company (承储企业) */
    return _("Reserve company");
  if (g_strcmp0 (role, "inspector") == 0)
    /* TRANSLATORS: the role of a field inspector (检查员) */
    return _("Inspector");
  /* TRANSLATORS: no role: a database that is not signed in to a server */
  return _("Local");
}
