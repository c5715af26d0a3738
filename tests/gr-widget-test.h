/* gr-widget-test.h: what the widget tests share
 *
 * Each widget test starts GTK itself (gtk_init_check) and keeps whether
 * it has a display in its own `have_display`: without one, the tests that
 * draw are skipped rather than failed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#define REQUIRE_DISPLAY()                                     \
  G_STMT_START {                                              \
    if (!have_display)                                        \
      {                                                       \
        g_test_skip ("no display (run under xvfb-run)");      \
        return;                                               \
      }                                                       \
  } G_STMT_END
