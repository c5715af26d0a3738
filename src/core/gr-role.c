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
