/* gr-server-main.h: granary-server's command line (serve, user, import, migrate)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs one command line; returns the exit status. */
int gr_server_main (int    argc,
                    char **argv);

G_END_DECLS
