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
#include "gr-doc-xlsx.h"
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

typedef gboolean (*XlsxWrite) (GrDocTable      *table,
                               const char      *path,
                               GCancellable    *cancellable,
                               GrProgressFunc   progress,
                               gpointer         progress_data,
                               GError         **error);

/* The XLSX module, opened once and kept: GRANARY_MODULE_DIR, else where
 * it is installed. Why it could not be opened is kept too, and said at
 * each export. */
static XlsxWrite
load_xlsx (GError **error)
{
  static gsize loaded = 0;
  static XlsxWrite write_func = NULL;
  static char *failure = NULL;

  if (g_once_init_enter (&loaded))
    {
      const char *dir = g_getenv ("GRANARY_MODULE_DIR");
      g_autofree char *path = g_module_build_path (dir != NULL && *dir != '\0' ? dir : MODULEDIR,
                                                   GR_DOC_XLSX_MODULE);
      GModule *module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
      gpointer symbol = NULL;

      if (module != NULL && g_module_symbol (module, GR_DOC_XLSX_SYMBOL, &symbol))
        {
          g_module_make_resident (module);
          write_func = (XlsxWrite) symbol;
        }
      else
        {
          failure = g_strdup (g_module_error ());
          g_clear_pointer (&module, g_module_close);
        }
      g_once_init_leave (&loaded, 1);
    }
  if (write_func == NULL)
    g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                 _("Spreadsheets cannot be written: Granary’s XLSX module is missing (%s)"), failure);
  return write_func;
}

gboolean
gr_doc_write_xlsx (GrDocTable      *table,
                   const char      *path,
                   GCancellable    *cancellable,
                   GrProgressFunc   progress,
                   gpointer         progress_data,
                   GError         **error)
{
  XlsxWrite write_func = load_xlsx (error);

  return write_func != NULL && write_func (table, path, cancellable, progress, progress_data, error);
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
