/* gr-cli.h: granary-cli, the core from the command line (DESIGN.md §7)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs one command line; returns the exit status. Errors go to stderr
 * as one line each. */
int gr_cli_run (int    argc,
                char **argv);

G_END_DECLS
