/* test-util.h: helpers shared by the dataset tests
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib/gstdio.h>
#include <string.h>

#include "gr-error.h"
#include "gr-export.h"
#include "gr-import.h"
#include "gr-store.h"

#define DATASET_HEAD "{\"format\": \"granary-dataset\", \"version\": 1, "

G_GNUC_UNUSED static char *
test_temp_db (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("granary-test-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, "test.db", NULL);
}

G_GNUC_UNUSED static GrStore *
test_open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  GrStore *store = gr_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

G_GNUC_UNUSED static GrStore *
test_new_store (void)
{
  g_autofree char *path = test_temp_db ();

  return test_open_store (path);
}

G_GNUC_UNUSED static char *
test_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

G_GNUC_UNUSED static char *
test_export (GrStore  *store,
             gboolean  ndjson)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (gr_export_to_stream (store, out, ndjson, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

G_GNUC_UNUSED static void
test_import_ok (GrStore       *store,
                const char    *text,
                GrImportStats *stats)
{
  g_autoptr(GError) error = NULL;

  if (!gr_import_data (store, text, -1, GR_IMPORT_NONE, stats, NULL, NULL, &error))
    g_error ("import failed: %s", error->message);
}

G_GNUC_UNUSED static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* A hash of everything the database holds: every row of every table
 * (balances, snapshots and settings included), rows sorted as text. */
G_GNUC_UNUSED static char *
test_fingerprint (GrStore *store)
{
  g_autoptr(sqlite3_stmt) tables = gr_store_prepare (store,
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", NULL);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  g_assert_nonnull (tables);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (tables, 0);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);
      g_autoptr(sqlite3_stmt) rows = gr_store_prepare (store, sql, NULL);
      g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

      g_assert_nonnull (rows);
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          GString *line = g_string_new (NULL);

          for (int c = 0; c < sqlite3_column_count (rows); c++)
            {
              const char *v = (const char *) sqlite3_column_text (rows, c);
              g_string_append_printf (line, "%d:%s\x1f", sqlite3_column_type (rows, c), v ? v : "");
            }
          g_ptr_array_add (lines, g_string_free (line, FALSE));
        }
      g_ptr_array_sort (lines, compare_strings);
      g_checksum_update (sum, (const guchar *) table, -1);
      for (guint i = 0; i < lines->len; i++)
        {
          g_checksum_update (sum, lines->pdata[i], -1);
          g_checksum_update (sum, (const guchar *) "\n", 1);
        }
    }
  return g_strdup (g_checksum_get_string (sum));
}

/* The import is refused with exactly this one-line message (or, when
 * expected starts with '~', one containing the rest) and the database
 * is exactly as before. */
G_GNUC_UNUSED static void
test_assert_refused (GrStore    *store,
                     const char *text,
                     gssize      length,
                     const char *expected)
{
  g_autofree char *before = test_fingerprint (store);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  GrImportStats stats = { 1, 1, 1 };

  g_assert_false (gr_import_data (store, text, length, GR_IMPORT_NONE, &stats, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == GR_ERROR);
  g_assert_null (strchr (error->message, '\n'));
  if (expected[0] == '~')
    {
      if (strstr (error->message, expected + 1) == NULL)
        g_error ("message “%s” lacks “%s”", error->message, expected + 1);
    }
  else
    g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpuint (stats.inserted + stats.updated + stats.unchanged, ==, 0);
  g_assert_true (sqlite3_get_autocommit (gr_store_get_db (store)));

  after = test_fingerprint (store);
  g_assert_cmpstr (before, ==, after);
}

/* A store holding the small city fixture. */
G_GNUC_UNUSED static GrStore *
test_city_store (void)
{
  GrStore *store = test_new_store ();
  g_autofree char *text = test_fixture ("city-small.json");

  test_import_ok (store, text, NULL);
  return store;
}

/* A document that adds n_lots lots of a new wheat plan to the city
 * fixture (bin B-01), with n_movements movements among them: an intake
 * first, then rotations out and in that never take a lot below zero.
 * Ids are scattered like UUIDs so the id index fills as in real use.
 * *out_total_kg: the sum of the new lots' balances. */
G_GNUC_UNUSED static GString *
test_big_document (guint   n_lots,
                   guint   n_movements,
                   gint64 *out_total_kg)
{
  GString *s = g_string_sized_new ((gsize) n_movements * 160 + 4096);
  gint64 total = 0;

  g_string_append (s, DATASET_HEAD "\n\"plans\": [{\"id\": \"P-BIG\", \"enterprise\": \"E-QY-01\", \"variety\": \"wheat\","
                      " \"quantity_t\": 90000000, \"rotation_mode\": \"dynamic\", \"valid_from\": \"2020-01-01\"}],\n\"lots\": [");
  for (guint l = 0; l < n_lots; l++)
    g_string_append_printf (s, "%s\n{\"id\": \"LB-%06u\", \"bin\": \"B-01\", \"plan\": \"P-BIG\", \"variety\": \"wheat\","
                               " \"grade\": 2, \"entered_on\": \"2020-01-01\"}", l ? "," : "", l);
  g_string_append (s, "],\n\"movements\": [");
  for (guint m = 0; m < n_movements; m++)
    {
      guint lot = m % n_lots;
      guint k = m / n_lots;
      guint day = k % 28 + 1, month = (k / 28) % 12 + 1, year = 2020 + k / 336;
      guint64 x = (guint64) m * 0x9e3779b97f4a7c15ULL;
      const char *kind = k == 0 ? "intake" : (k % 2 ? "rotate_out" : "rotate_in");
      gint64 kg = k == 0 ? 1000000 : 12345;

      x ^= x >> 29;
      total += k == 0 || k % 2 == 0 ? kg : -kg;
      g_string_append_printf (s, "%s\n{\"id\": \"%08x-%04x-7%03x-%016" G_GINT64_MODIFIER "x\", \"lot\": \"LB-%06u\", "
                                 "\"date\": \"%04u-%02u-%02u\", \"kind\": \"%s\", \"quantity_t\": %s, "
                                 "\"price_yuan_per_t\": 2450.5, \"voucher_no\": \"PZ%u\"}",
                              m ? "," : "", (guint) (x >> 32), (guint) (x >> 16) & 0xffff, m & 0xfff, x, lot,
                              year, month, day, kind, k == 0 ? "1000" : "12.345", m);
    }
  g_string_append (s, "]}\n");
  if (out_total_kg)
    *out_total_kg = total;
  return s;
}
