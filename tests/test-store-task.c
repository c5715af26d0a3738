/* test-store-task.c: database work runs in workers, never on the main thread
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "gr-store-task.h"

typedef struct {
  char      *dir;
  char      *path;
  GThread   *main_thread;
  gboolean   done;
  gpointer   result;
  GError    *error;
  guint      n_progress;
  double     last_fraction;
  gboolean   progress_off_main;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("granary-task-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "granary.db", NULL);
  f->main_thread = g_thread_self ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_clear_error (&f->error);
  g_free (f->dir);
  g_free (f->path);
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fixture *f = user_data;

  g_assert_true (g_thread_self () == f->main_thread);
  f->result = gr_store_task_run_finish (result, &f->error);
  f->done = TRUE;
}

static void
wait_done (Fixture *f)
{
  while (!f->done)
    g_main_context_iteration (NULL, TRUE);
}

static gpointer
thread_of_worker (GrStore         *store,
                  gpointer         task_data,
                  GrProgressFunc   progress,
                  gpointer         progress_data,
                  GCancellable    *cancellable,
                  GError         **error)
{
  Fixture *f = task_data;

  /* A store of our own, on the path asked for, off the main thread. */
  g_assert_true (g_thread_self () != f->main_thread);
  g_assert_cmpstr (gr_store_get_path (store), ==, f->path);
  return g_strdup ("worker");
}

static void
test_worker_thread (Fixture       *f,
                    gconstpointer  data)
{
  gr_store_task_run_async (NULL, f->path, thread_of_worker, f, NULL, g_free,
                           NULL, NULL, NULL, done_cb, f);
  g_assert_false (f->done);
  wait_done (f);
  g_assert_no_error (f->error);
  g_assert_cmpstr (f->result, ==, "worker");
  g_free (f->result);
}

static gpointer
failing_worker (GrStore         *store,
                gpointer         task_data,
                GrProgressFunc   progress,
                gpointer         progress_data,
                GCancellable    *cancellable,
                GError         **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "refused");
  return NULL;
}

static void
test_error (Fixture       *f,
            gconstpointer  data)
{
  gr_store_task_run_async (NULL, f->path, failing_worker, NULL, NULL, NULL,
                           NULL, NULL, NULL, done_cb, f);
  wait_done (f);
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (f->error->message, ==, "refused");
  g_assert_null (f->result);
}

static void
test_open_error (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Not a database: the worker never runs, the opening error comes back. */
  g_assert_true (g_file_set_contents (f->path, "this is not a database, only some text to fill a page", -1, &error));
  gr_store_task_run_async (NULL, f->path, thread_of_worker, f, NULL, g_free,
                           NULL, NULL, NULL, done_cb, f);
  wait_done (f);
  g_assert_nonnull (f->error);
  g_assert_null (f->result);
}

#define N_REPORTS 200000

static gpointer
chatty_worker (GrStore         *store,
               gpointer         task_data,
               GrProgressFunc   progress,
               gpointer         progress_data,
               GCancellable    *cancellable,
               GError         **error)
{
  for (guint i = 1; i <= N_REPORTS; i++)
    progress ((double) i / N_REPORTS, "counting", progress_data);
  return GINT_TO_POINTER (TRUE);
}

static void
progress_cb (gpointer    source_object,
             double      fraction,
             const char *note,
             gpointer    user_data)
{
  Fixture *f = user_data;

  if (g_thread_self () != f->main_thread)
    f->progress_off_main = TRUE;
  g_assert_cmpfloat (fraction, >=, f->last_fraction);
  g_assert_cmpstr (note, ==, "counting");
  f->last_fraction = fraction;
  f->n_progress++;
}

static void
test_progress (Fixture       *f,
               gconstpointer  data)
{
  gr_store_task_run_async (NULL, f->path, chatty_worker, NULL, NULL, NULL,
                           progress_cb, f, NULL, done_cb, f);
  wait_done (f);
  g_assert_no_error (f->error);

  /* On the main thread, in order, and coalesced: far fewer updates than
   * reports, none after the result. */
  g_assert_false (f->progress_off_main);
  g_assert_cmpuint (f->n_progress, <, N_REPORTS);
  {
    guint seen = f->n_progress;

    for (int i = 0; i < 10; i++)
      g_main_context_iteration (NULL, FALSE);
    g_assert_cmpuint (f->n_progress, ==, seen);
  }
}

static gpointer
careless_worker (GrStore         *store,
                 gpointer         task_data,
                 GrProgressFunc   progress,
                 gpointer         progress_data,
                 GCancellable    *cancellable,
                 GError         **error)
{
  /* Takes the write lock and forgets it. */
  if (!gr_store_begin (store, error) ||
      !gr_store_set_meta (store, "profile", "zhongshan-2026", error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
test_open_transaction_rolled_back (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *profile = NULL;

  g_test_expect_message ("gr-store-task", G_LOG_LEVEL_WARNING, "*left a transaction open*");
  gr_store_task_run_async (NULL, f->path, careless_worker, NULL, NULL, NULL,
                           NULL, NULL, NULL, done_cb, f);
  wait_done (f);
  g_test_assert_expected_messages ();
  g_assert_no_error (f->error);

  /* The write was not committed, and the lock is free again. */
  store = gr_store_open (f->path, &error);
  g_assert_no_error (error);
  sqlite3_busy_timeout (gr_store_get_db (store), 0);
  g_assert_true (gr_store_begin (store, &error));
  g_assert_no_error (error);
  gr_store_rollback (store);
  profile = gr_store_get_meta (store, "profile");
  g_assert_null (profile);
}

typedef struct {
  GThread *main_thread;
  gint     freed;          /* set by the free function */
  gboolean freed_off_main;
} Garbage;

static void
garbage_free (Garbage *garbage)
{
  garbage->freed_off_main = g_thread_self () != garbage->main_thread;
  g_atomic_int_set (&garbage->freed, 1);
}

/* A page's previous read is freed in a worker, not on the main thread. */
static void
test_free_in_worker (Fixture       *f,
                     gconstpointer  data)
{
  Garbage garbage = { f->main_thread, 0, FALSE };
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  gr_store_task_free_in_worker (NULL, (GDestroyNotify) garbage_free);
  gr_store_task_free_in_worker (&garbage, (GDestroyNotify) garbage_free);
  while (!g_atomic_int_get (&garbage.freed) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (g_atomic_int_get (&garbage.freed));
  g_assert_true (garbage.freed_off_main);
  /* The task's own end reaches the main loop, then nothing is left. */
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store-task/worker-thread", test_worker_thread);
  ADD ("/store-task/error", test_error);
  ADD ("/store-task/open-error", test_open_error);
  ADD ("/store-task/progress", test_progress);
  ADD ("/store-task/open-transaction", test_open_transaction_rolled_back);
  ADD ("/store-task/free-in-worker", test_free_in_worker);
#undef ADD

  return g_test_run ();
}
