/* test-po.c: the Chinese translation is complete, and po/POTFILES lists every file with strings
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>
#include <string.h>

static const char *
source_root (void)
{
  const char *root = g_getenv ("GR_SOURCE_ROOT");

  g_assert_nonnull (root);
  return root;
}

/* msgfmt --statistics says only "N translated messages." */
static void
test_zh_cn_complete (void)
{
  g_autofree char *po = g_build_filename (source_root (), "po", "zh_CN.po", NULL);
  const char *argv[] = { g_getenv ("MSGFMT"), "--check", "--statistics", "-o", "/dev/null", po, NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  /* msgfmt speaks the user's language: read its report in English. */
  envp = g_environ_setenv (envp, "LC_ALL", "C", TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  if (!g_regex_match_simple ("^[0-9]+ translated messages?\\.\\n$", err, 0, 0))
    g_error ("po/zh_CN.po is not complete: %s", err);
}

static gboolean
has_strings (const char *path)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;
  if (g_str_has_suffix (path, ".c"))
    return g_regex_match_simple ("(^|[^A-Za-z0-9_])(N_|_|C_|NC_|ngettext)\\s*\\(\\s*\"", text, G_REGEX_MULTILINE, 0);
  if (g_str_has_suffix (path, ".ui"))
    return strstr (text, "translatable=\"yes\"") != NULL;
  return g_str_has_suffix (path, ".desktop.in") || g_str_has_suffix (path, ".metainfo.xml.in") ||
         g_str_has_suffix (path, ".gschema.xml");
}

static void
collect (const char *root,
         const char *relative,
         GPtrArray  *found)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (relative, name, NULL);
      g_autofree char *full = g_build_filename (root, child, NULL);

      if (g_file_test (full, G_FILE_TEST_IS_DIR))
        collect (root, child, found);
      else if (has_strings (full))
        g_ptr_array_add (found, g_steal_pointer (&child));
    }
}

static void
test_potfiles_complete (void)
{
  g_autofree char *potfiles_path = g_build_filename (source_root (), "po", "POTFILES", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) listed = g_ptr_array_new ();
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (potfiles_path, &text, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *full = NULL;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      full = g_build_filename (source_root (), lines[i], NULL);
      if (!g_file_test (full, G_FILE_TEST_EXISTS))
        g_error ("po/POTFILES lists %s, which does not exist", lines[i]);
      if (listed->len > 0 && strcmp (g_ptr_array_index (listed, listed->len - 1), lines[i]) >= 0)
        g_error ("po/POTFILES is not sorted at %s", lines[i]);
      g_ptr_array_add (listed, lines[i]);
    }

  collect (source_root (), "src", found);
  collect (source_root (), "ui", found);
  collect (source_root (), "data", found);
  g_assert_cmpuint (found->len, >, 0);
  for (guint i = 0; i < found->len; i++)
    {
      const char *file = g_ptr_array_index (found, i);
      gboolean present = FALSE;

      for (guint j = 0; j < listed->len && !present; j++)
        present = g_str_equal (file, g_ptr_array_index (listed, j));
      if (!present)
        g_error ("%s has translatable strings but is not in po/POTFILES", file);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/po/zh_CN/complete", test_zh_cn_complete);
  g_test_add_func ("/po/potfiles/complete", test_potfiles_complete);
  return g_test_run ();
}
