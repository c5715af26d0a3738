/* gr-role.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-role"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gr-role.h"

const char *
gr_role_to_string (GrRole role)
{
  switch (role)
    {
    case GR_ROLE_BUREAU:
      return "bureau";
    case GR_ROLE_COMPANY:
      return "company";
    case GR_ROLE_INSPECTOR:
    default:
      return "inspector";
    }
}

gboolean
gr_role_from_string (const char *text,
                     GrRole     *out_role)
{
  GrRole role;

  if (g_strcmp0 (text, "bureau") == 0)
    role = GR_ROLE_BUREAU;
  else if (g_strcmp0 (text, "company") == 0)
    role = GR_ROLE_COMPANY;
  else if (g_strcmp0 (text, "inspector") == 0)
    role = GR_ROLE_INSPECTOR;
  else
    return FALSE;
  if (out_role != NULL)
    *out_role = role;
  return TRUE;
}

const char *
gr_role_name (GrRole role)
{
  switch (role)
    {
    case GR_ROLE_BUREAU:
      /* TRANSLATORS: the role of a bureau leader (发改局/粮食和储备局) */
      return _("Bureau");
    case GR_ROLE_COMPANY:
      /* TRANSLATORS: the role of a reserve company (承储企业) */
      return _("Reserve company");
    case GR_ROLE_INSPECTOR:
    default:
      /* TRANSLATORS: the role of field staff (检查人员) */
      return _("Inspector");
    }
}

enum { BUREAU = 1 << GR_ROLE_BUREAU, COMPANY = 1 << GR_ROLE_COMPANY, INSPECTOR = 1 << GR_ROLE_INSPECTOR };

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
  GrRole known;

  g_return_val_if_fail (action < G_N_ELEMENTS (allowed), FALSE);

  if (role == NULL || *role == '\0')
    return TRUE;
  if (!gr_role_from_string (role, &known))
    return FALSE;
  return (allowed[action] & (1u << known)) != 0;
}

const char *
gr_role_label (const char *role)
{
  GrRole known;

  if (gr_role_from_string (role, &known))
    return gr_role_name (known);
  /* TRANSLATORS: no role: a database that is not signed in to a server */
  return _("Local");
}
