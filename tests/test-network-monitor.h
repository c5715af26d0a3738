/* test-network-monitor.h: a GNetworkMonitor the test switches on and off
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TEST_TYPE_NETWORK_MONITOR (test_network_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestNetworkMonitor, test_network_monitor, TEST, NETWORK_MONITOR, GObject)

GNetworkMonitor *test_network_monitor_new           (gboolean            available);
/* Emits network-changed when it changes. */
void             test_network_monitor_set_available (TestNetworkMonitor *self,
                                                     gboolean            available);

G_END_DECLS
