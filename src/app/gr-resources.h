/* gr-resources.h: the app's GResource (ui/granary.gresource.xml)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the resource bundle once. The app library is static, so a
 * constructor in the generated file could be dropped by the linker:
 * every class that loads a template calls this from class_init. */
void gr_resources_ensure (void);

G_END_DECLS
