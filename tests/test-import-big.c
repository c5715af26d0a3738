/* test-import-big.c: a large import, its speed, and a kill in the middle
 *
 * DESIGN.md §9: a crash or a kill at any point leaves the local database
 * consistent. granary-cli imports 200,000 movements and is killed with
 * SIGKILL part-way; the database then opens clean with either nothing or
 * everything of that import.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "gr-ledger.h"
#include "test-util.h"

#define N_LOTS       1000
#define N_MOVEMENTS  200000

static gint64
query_int (GrStore    *store,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* CPU seconds of this process so far: steadier than the wall clock on a
 * shared machine. */
static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static char *
write_big_document (const char *dir,
                    gint64     *out_total_kg)
{
  g_autoptr(GString) doc = test_big_document (N_LOTS, N_MOVEMENTS, out_total_kg);
  char *path = g_build_filename (dir, "big.json", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, doc->str, doc->len, &error);
  g_assert_no_error (error);
  return path;
}

/* The city fixture in a closed database file (no WAL left beside it). */
static char *
make_base (const char *dir)
{
  char *path = g_build_filename (dir, "base.db", NULL);
  g_autoptr(GrStore) store = test_open_store (path);
  g_autofree char *text = test_fixture ("city-small.json");

  test_import_ok (store, text, NULL);
  return path;
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) a = g_file_new_for_path (from);
  g_autoptr(GFile) b = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  g_file_copy (a, b, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
test_speed (void)
{
  g_autofree char *dir = g_dir_make_tmp ("granary-big-XXXXXX", NULL);
  g_autofree char *base = make_base (dir);
  g_autofree char *doc = NULL;
  g_autoptr(GrStore) store = test_open_store (base);
  g_autoptr(GError) error = NULL;
  GrImportStats stats;
  gint64 total_kg, t0, t1;
  double seconds, cpu;

  doc = write_big_document (dir, &total_kg);
  t0 = g_get_monotonic_time ();
  cpu = cpu_seconds ();
  g_assert_true (gr_import_file (store, doc, GR_IMPORT_NONE, &stats, NULL, NULL, &error));
  cpu = cpu_seconds () - cpu;
  t1 = g_get_monotonic_time ();
  g_assert_no_error (error);
  seconds = (t1 - t0) / 1e6;
  g_test_message ("imported %d movements (and %d lots) in %.2f s (%.2f s of CPU): %.0f movements/s (%.0f per CPU second)",
                  N_MOVEMENTS, N_LOTS, seconds, cpu, N_MOVEMENTS / seconds, N_MOVEMENTS / cpu);

  g_assert_cmpuint (stats.inserted, ==, 1 + N_LOTS + N_MOVEMENTS);
  g_assert_cmpint (gr_store_count (store, "movements"), ==, 6 + N_MOVEMENTS);
  g_assert_cmpint (query_int (store, "SELECT sum (balance_kg) FROM lots WHERE plan = 'P-BIG'"), ==, total_kg);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM lots l WHERE balance_kg <>"
                                     " (SELECT coalesce (sum (delta_kg), 0) FROM movements m WHERE m.lot = l.id)"), ==, 0);
  g_assert_cmpint (gr_ledger_plan_month_stock (store, "P-BIG", "2099-12"), ==, total_kg);

  /* again: nothing to write */
  t0 = g_get_monotonic_time ();
  g_assert_true (gr_import_file (store, doc, GR_IMPORT_NONE, &stats, NULL, NULL, &error));
  t1 = g_get_monotonic_time ();
  g_test_message ("imported the same file again in %.2f s", (t1 - t0) / 1e6);
  g_assert_cmpuint (stats.unchanged, ==, 1 + N_LOTS + N_MOVEMENTS);
  g_assert_cmpuint (stats.inserted + stats.updated, ==, 0);
}

static GPid
spawn_import (const char *cli,
              const char *db,
              const char *doc)
{
  const char *argv[] = { cli, "import", "--db", db, doc, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_spawn_async (NULL, (char **) argv, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;
}

/* Opens a killed import's database and checks it holds all or nothing. */
static gboolean
check_all_or_nothing (const char *db,
                      gint64      total_kg)
{
  g_autoptr(GrStore) store = test_open_store (db);
  g_autoptr(sqlite3_stmt) integrity = gr_store_prepare (store, "PRAGMA integrity_check", NULL);
  g_autoptr(sqlite3_stmt) foreign = gr_store_prepare (store, "PRAGMA foreign_key_check", NULL);
  gint64 movements, lots;

  g_assert_cmpint (sqlite3_step (integrity), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (integrity, 0), ==, "ok");
  g_assert_cmpint (sqlite3_step (foreign), ==, SQLITE_DONE);

  movements = gr_store_count (store, "movements");
  lots = gr_store_count (store, "lots");
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM lots l WHERE balance_kg <>"
                                     " (SELECT coalesce (sum (delta_kg), 0) FROM movements m WHERE m.lot = l.id)"), ==, 0);
  if (movements == 6)
    {
      g_assert_cmpint (lots, ==, 3);
      g_assert_cmpint (gr_store_count (store, "plans"), ==, 3);
      return FALSE;
    }
  g_assert_cmpint (movements, ==, 6 + N_MOVEMENTS);
  g_assert_cmpint (lots, ==, 3 + N_LOTS);
  g_assert_cmpint (query_int (store, "SELECT sum (balance_kg) FROM lots WHERE plan = 'P-BIG'"), ==, total_kg);
  return TRUE;
}

/* The trial databases are hundreds of megabytes: none is left behind. */
static void
remove_flat_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_crash (void)
{
  const char *cli = g_getenv ("GRANARY_CLI");
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *doc = NULL;
  g_autofree char *full = NULL;
  gint64 total_kg, t0, duration;
  guint nothing = 0, everything = 0;
  int status;

  if (cli == NULL)
    {
      g_test_skip ("GRANARY_CLI is not set");
      return;
    }
  dir = g_dir_make_tmp ("granary-crash-XXXXXX", NULL);
  base = make_base (dir);
  doc = write_big_document (dir, &total_kg);

  /* One whole run tells how long an import takes here. */
  full = g_build_filename (dir, "full.db", NULL);
  copy_file (base, full);
  t0 = g_get_monotonic_time ();
  {
    GPid pid = spawn_import (cli, full, doc);

    g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
    g_spawn_close_pid (pid);
  }
  duration = g_get_monotonic_time () - t0;
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_true (check_all_or_nothing (full, total_kg));
  g_test_message ("granary-cli import of %d movements: %.2f s", N_MOVEMENTS, duration / 1e6);

  /* Kill 0 waits until the transaction has spilled pages into the WAL
   * (it is writing); the others kill at fractions of a whole run. */
  for (guint trial = 0; trial < 4; trial++)
    {
      static const double when[] = { 0.9, 0.3, 0.6, 0.8 };
      g_autofree char *db = g_strdup_printf ("%s/trial-%u.db", dir, trial);
      g_autofree char *wal = g_strconcat (db, "-wal", NULL);
      gint64 deadline;
      GPid pid;

      copy_file (base, db);
      pid = spawn_import (cli, db, doc);
      t0 = g_get_monotonic_time ();
      deadline = t0 + (gint64) (when[trial] * duration);
      while (g_get_monotonic_time () < deadline)
        {
          if (trial == 0 && file_size (wal) > 4 * 1024 * 1024)
            break;
          g_usleep (1000);
        }
      g_test_message ("trial %u: kill after %.2f s (WAL %" G_GINT64_FORMAT " bytes)",
                      trial, (g_get_monotonic_time () - t0) / 1e6, file_size (wal));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);

      if (check_all_or_nothing (db, total_kg))
        everything++;
      else
        nothing++;
    }
  g_test_message ("killed imports: %u left nothing, %u had finished", nothing, everything);
  /* at least one kill landed inside the import, which was undone whole */
  g_assert_cmpuint (nothing, >=, 1);
  remove_flat_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/big/speed", test_speed);
  g_test_add_func ("/import/big/crash-sigkill", test_crash);

  return g_test_run ();
}
