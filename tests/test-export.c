/* test-export.c: dataset export (DESIGN.md §7) and its round trips
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "test-util.h"

static void
test_round_trip_bytes (void)
{
  g_autoptr(GrStore) a = test_city_store ();
  g_autoptr(GrStore) b = test_new_store ();
  g_autofree char *first = test_export (a, FALSE);
  g_autofree char *second = NULL;

  test_import_ok (b, first, NULL);
  second = test_export (b, FALSE);
  g_assert_cmpstr (first, ==, second);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/round-trip/bytes", test_round_trip_bytes);

  return g_test_run ();
}
