/* gr-error.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "gr-error.h"

G_DEFINE_QUARK (gr-error-quark, gr_error)
