/* gr-resources.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-resources"

#include "config.h"

#include "granary-resources.h"
#include "gr-resources.h"

void
gr_resources_ensure (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      granary_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}
