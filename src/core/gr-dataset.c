/* gr-dataset.c: pieces shared by import and export
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-dataset"

#include "gr-schema.h"
