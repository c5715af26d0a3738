/* gr-inspection-photo.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-inspection"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gr-error.h"
#include "gr-inspection.h"
#include "gr-inspection-photo.h"

char *
gr_photo_dir (GrStore *store)
{
  g_autofree char *db_dir = g_path_get_dirname (gr_store_get_path (store));

  return g_build_filename (db_dir, "photos", NULL);
}

gboolean
gr_photo_hash_is_valid (const char *hash)
{
  if (hash == NULL || strlen (hash) != 64)
    return FALSE;
  for (const char *p = hash; *p; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

char *
gr_photo_path (GrStore    *store,
               const char *hash)
{
  return gr_photo_path_for_db (gr_store_get_path (store), hash);
}

char *
gr_photo_path_for_db (const char *db_path,
                      const char *hash)
{
  g_autofree char *db_dir = g_path_get_dirname (db_path);
  g_autofree char *dir = g_build_filename (db_dir, "photos", NULL);

  g_return_val_if_fail (gr_photo_hash_is_valid (hash), NULL);
  /* Two levels, as git does, so no directory holds thousands of files. */
  return g_build_filename (dir, (char[]) { hash[0], hash[1], '\0' }, hash, NULL);
}

char *
gr_photo_store (GrStore     *store,
                const char  *path,
                GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *data = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *mime = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *target = NULL;
  g_autofree char *target_dir = NULL;
  gboolean uncertain = FALSE;
  gsize length = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND, _("Photo %s: %s"), basename, local_error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("Photo %s is not a file"), basename);
      return NULL;
    }
  /* Refused before it is read: a video taken by mistake can be huge. */
  if (g_file_info_get_size (info) > GR_PHOTO_MAX_BYTES)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("Photo %s is %.1f MB; a photo may be at most %d MB"),
                   basename, g_file_info_get_size (info) / (1024.0 * 1024.0), GR_PHOTO_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND, _("Photo %s: %s"), basename, local_error->message);
      return NULL;
    }
  if (length > GR_PHOTO_MAX_BYTES)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("Photo %s is %.1f MB; a photo may be at most %d MB"),
                   basename, length / (1024.0 * 1024.0), GR_PHOTO_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  /* By its content, not its name: a picture, whatever it is called. */
  content_type = g_content_type_guess (NULL, (const guchar *) data, length, &uncertain);
  mime = g_content_type_get_mime_type (content_type);
  if (mime == NULL || !g_str_has_prefix (mime, "image/"))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("Photo %s is not a picture (%s)"), basename,
                   mime != NULL ? mime : content_type);
      return NULL;
    }

  hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
  target = gr_photo_path (store, hash);
  if (g_file_test (target, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&hash);
  target_dir = g_path_get_dirname (target);
  if (g_mkdir_with_parents (target_dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, GR_ERROR, GR_ERROR_FAILED, _("Could not keep photo %s: %s"), basename, g_strerror (saved));
      return NULL;
    }
  /* Written to a temporary file, synced and renamed: a crash leaves the
   * whole photo or none of it under its hash. */
  if (!g_file_set_contents_full (target, data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0600, &local_error))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_FAILED, _("Could not keep photo %s: %s"), basename, local_error->message);
      return NULL;
    }
  return g_steal_pointer (&hash);
}
