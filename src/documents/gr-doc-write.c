/* gr-doc-write.c: the temporary file and the choice of writer
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-doc"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gr-doc-write.h"
#include "gr-error.h"

static const char * const format_names[] = { "csv", "xlsx", "pdf" };

gboolean
gr_doc_format_from_string (const char  *text,
                           GrDocFormat *out_format)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (format_names); i++)
    if (strcmp (text, format_names[i]) == 0)
      {
        if (out_format != NULL)
          *out_format = (GrDocFormat) i;
        return TRUE;
      }
  return FALSE;
}

const char *
gr_doc_format_extension (GrDocFormat format)
{
  g_return_val_if_fail (format <= GR_DOC_FORMAT_PDF, NULL);
  return format_names[format];
}

gboolean
gr_doc_write_atomically (const char      *path,
                         GrDocWriter      writer,
                         gpointer         document,
                         GCancellable    *cancellable,
                         GrProgressFunc   progress,
                         gpointer         progress_data,
                         GError         **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp = NULL;
  g_autoptr(GError) local_error = NULL;
  mode_t mask;
  int fd;

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND, _("There is no folder %s to write %s in"), dir, base);
      return FALSE;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("%s is a folder"), path);
      return FALSE;
    }

  /* Hidden, beside the target: the rename stays on one file system. */
  tmp = g_strdup_printf ("%s" G_DIR_SEPARATOR_S ".%s.XXXXXX", dir, base);
  fd = g_mkstemp (tmp);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), _("Could not write in %s: %s"), dir,
                   g_strerror (saved));
      return FALSE;
    }
  close (fd);
  /* mkstemp makes the file 0600; an export is an ordinary document. */
  mask = umask (0);
  umask (mask);
  g_chmod (tmp, 0666 & ~mask);

  if (g_cancellable_set_error_if_cancelled (cancellable, &local_error) ||
      !writer (document, tmp, cancellable, progress, progress_data, &local_error) ||
      g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    goto fail;
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_set_error (&local_error, G_FILE_ERROR, g_file_error_from_errno (saved), _("Could not write %s: %s"), path,
                   g_strerror (saved));
      goto fail;
    }
  return TRUE;

fail:
  g_unlink (tmp);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
gr_doc_write (GrDocTable      *table,
              GrDocFormat      format,
              const char      *path,
              GCancellable    *cancellable,
              GrProgressFunc   progress,
              gpointer         progress_data,
              GError         **error)
{
  GrDocWriter writers[] = {
    (GrDocWriter) gr_doc_write_csv,
    (GrDocWriter) gr_doc_write_xlsx,
    (GrDocWriter) gr_doc_write_pdf,
  };

  g_return_val_if_fail (format <= GR_DOC_FORMAT_PDF, FALSE);
  return gr_doc_write_atomically (path, writers[format], table, cancellable, progress, progress_data, error);
}
