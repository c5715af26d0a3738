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
