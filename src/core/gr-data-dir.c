/* gr-data-dir.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-data-dir"

#include "config.h"

#include "gr-data-dir.h"

GPtrArray *
gr_data_search_dirs (const char *kind)
{
  GPtrArray *dirs = g_ptr_array_new_with_free_func (g_free);
  const char *env = g_getenv ("GRANARY_DATA_DIR");

  g_return_val_if_fail (kind != NULL, dirs);

  g_ptr_array_add (dirs, g_build_filename (g_get_user_data_dir (), "granary", kind, NULL));
  g_ptr_array_add (dirs, g_build_filename (PKGDATADIR, kind, NULL));
  if (env != NULL && *env != '\0')
    g_ptr_array_add (dirs, g_build_filename (env, kind, NULL));
  return dirs;
}

char *
gr_data_find_file (const char  *kind,
                   const char  *file,
                   char       **out_looked)
{
  g_autoptr(GPtrArray) dirs = gr_data_search_dirs (kind);
  GString *tried = g_string_new (NULL);

  for (guint i = 0; i < dirs->len; i++)
    {
      g_autofree char *path = g_build_filename (dirs->pdata[i], file, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_string_free (tried, TRUE);
          if (out_looked != NULL)
            *out_looked = NULL;
          return g_steal_pointer (&path);
        }
      g_string_append_printf (tried, "%s%s", i ? ", " : "", (const char *) dirs->pdata[i]);
    }
  if (out_looked != NULL)
    *out_looked = g_string_free (tried, FALSE);
  else
    g_string_free (tried, TRUE);
  return NULL;
}
