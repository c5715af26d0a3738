/* gr-store-task.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-store-task"

#include "config.h"

#include "gr-store-task.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

typedef struct {
  char                *path;
  GrStoreTaskFunc      func;
  gpointer             task_data;
  GDestroyNotify       task_data_free;
  GDestroyNotify       result_free;
  GrStoreTaskProgress  progress;
  gpointer             progress_data;

  /* Latest progress, written by the worker, read by the main loop. */
  GMutex               mutex;
  double               fraction;
  char                *note;
  gboolean             progress_queued;
} TaskState;

/* Tasks started whose callback has not yet run (the state goes with the
 * task, after its callback): a bench hook waits for none to be left. */
static gint n_running;

static void
task_state_free (gpointer data)
{
  TaskState *state = data;

  g_atomic_int_add (&n_running, -1);

  if (state->task_data_free != NULL)
    g_clear_pointer (&state->task_data, state->task_data_free);
  g_clear_pointer (&state->path, g_free);
  g_clear_pointer (&state->note, g_free);
  g_mutex_clear (&state->mutex);
  g_free (state);
}

/*
 * One connection per worker thread, kept for the next task on the same
 * thread: opening runs the pragmas and the schema check, which we would
 * rather not repeat for every small query of a dashboard.
 */
typedef struct {
  char    *path;
  GrStore *store;
} ThreadStore;

static void
thread_store_free (gpointer data)
{
  ThreadStore *ts = data;

  if (ts == NULL)
    return;
  g_clear_object (&ts->store);
  g_clear_pointer (&ts->path, g_free);
  g_free (ts);
}

/* The page cache of a worker's connection, in KiB. */
#define WORKER_CACHE_KB 8000

static GPrivate thread_store = G_PRIVATE_INIT (thread_store_free);

static GrStore *
thread_store_get (const char  *path,
                  GError     **error)
{
  ThreadStore *ts = g_private_get (&thread_store);
  GrStore *store;

  if (ts != NULL && g_strcmp0 (ts->path, path) == 0)
    return g_object_ref (ts->store);

  store = gr_store_open (path, error);
  if (store == NULL)
    return NULL;
  /* A worker's reads are mostly one pass over a table, which a page
   * cache does not speed up (the file is in the system's cache): a
   * smaller one per connection keeps several workers reading at once
   * from holding 32 MB each. */
  if (!gr_store_exec (store, "PRAGMA cache_size = -" G_STRINGIFY (WORKER_CACHE_KB), error))
    {
      g_object_unref (store);
      return NULL;
    }

  ts = g_new0 (ThreadStore, 1);
  ts->path = g_strdup (path);
  ts->store = g_object_ref (store);
  g_private_replace (&thread_store, ts);
  return store;
}

static gboolean
deliver_progress_cb (gpointer data)
{
  GTask *task = data;
  TaskState *state = g_task_get_task_data (task);
  g_autofree char *note = NULL;
  double fraction;

  g_mutex_lock (&state->mutex);
  fraction = state->fraction;
  note = g_steal_pointer (&state->note);
  state->progress_queued = FALSE;
  g_mutex_unlock (&state->mutex);

  /* Progress that arrives after the result would move a finished bar,
   * and a cancelled task's owner may be gone. */
  if (!g_task_get_completed (task) &&
      !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    state->progress (g_task_get_source_object (task), fraction, note, state->progress_data);

  return G_SOURCE_REMOVE;
}

/* GrProgressFunc in the worker thread: keep the latest value and make
 * sure one idle on the task's main context will show it. A generator
 * that reports thousands of times costs the UI one update per frame or so. */
static void
worker_progress (double      fraction,
                 const char *note,
                 gpointer    user_data)
{
  GTask *task = user_data;
  TaskState *state = g_task_get_task_data (task);
  gboolean queue;

  if (state->progress == NULL)
    return;

  g_mutex_lock (&state->mutex);
  state->fraction = CLAMP (fraction, 0.0, 1.0);
  if (note != NULL)
    {
      g_free (state->note);
      state->note = g_strdup (note);
    }
  queue = !state->progress_queued;
  state->progress_queued = TRUE;
  g_mutex_unlock (&state->mutex);

  if (queue)
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, deliver_progress_cb, g_object_ref (task), g_object_unref);
      g_source_set_static_name (source, "[granary] store task progress");
      g_source_attach (source, g_task_get_context (task));
    }
}

/* Gives the pages a worker's read left free back to the system: the C
 * library keeps freed memory for the next allocation of the same thread
 * arena, and a read of the province's movements frees hundreds of MB
 * scattered among what is still in use. */
static void
trim_heap (void)
{
#ifdef __GLIBC__
  gint64 start = g_get_monotonic_time ();

  malloc_trim (0);
  if (g_getenv ("GR_TRIM_DEBUG"))
    g_printerr ("trim %.1f ms\n", (g_get_monotonic_time () - start) / 1000.0);
#endif
}

static void
run_worker (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  TaskState *state = task_data;
  g_autoptr(GrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gpointer result;

  store = thread_store_get (state->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = state->func (store, state->task_data, worker_progress, task, cancellable, &error);

  /* The connection outlives this task: never hand the next one an open
   * transaction holding the write lock. */
  if (!sqlite3_get_autocommit (gr_store_get_db (store)))
    {
      g_warning ("A database task left a transaction open; rolling it back");
      gr_store_rollback (store);
    }
  /* The connection waits in its thread for the next task with up to
   * cache_size of pages (32 MB), as many as there are threads; the file
   * is in the system's cache all the same, so a waiting connection
   * keeps none. */
  sqlite3_db_release_memory (gr_store_get_db (store));
  trim_heap ();

  if (result == NULL && error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, state->result_free);
}

void
gr_store_task_run_async (gpointer             source_object,
                         const char          *path,
                         GrStoreTaskFunc      func,
                         gpointer             task_data,
                         GDestroyNotify       task_data_free,
                         GDestroyNotify       result_free,
                         GrStoreTaskProgress  progress,
                         gpointer             progress_data,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskState *state;

  g_return_if_fail (path != NULL);
  g_return_if_fail (func != NULL);

  g_atomic_int_inc (&n_running);
  state = g_new0 (TaskState, 1);
  g_mutex_init (&state->mutex);
  state->path = g_strdup (path);
  state->func = func;
  state->task_data = task_data;
  state->task_data_free = task_data_free;
  state->result_free = result_free;
  state->progress = progress;
  state->progress_data = progress_data;

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, gr_store_task_run_async);
  g_task_set_name (task, "[granary] store task");
  g_task_set_task_data (task, state, task_state_free);
  g_task_run_in_thread (task, run_worker);
}

gpointer
gr_store_task_run_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gr_store_task_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
gr_store_task_get_n_running (void)
{
  return (guint) g_atomic_int_get (&n_running);
}

typedef struct {
  gpointer       data;
  GDestroyNotify free_func;
} Garbage;

static void
free_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Garbage *garbage = task_data;

  g_clear_pointer (&garbage->data, garbage->free_func);
  trim_heap ();
  g_task_return_boolean (task, TRUE);
}

void
gr_store_task_free_in_worker (gpointer       data,
                              GDestroyNotify free_func)
{
  g_autoptr(GTask) task = NULL;
  Garbage *garbage;

  g_return_if_fail (free_func != NULL);

  if (data == NULL)
    return;
  garbage = g_new0 (Garbage, 1);
  garbage->data = data;
  garbage->free_func = free_func;
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, gr_store_task_free_in_worker);
  g_task_set_name (task, "[granary] free in worker");
  g_task_set_task_data (task, garbage, g_free);
  g_task_run_in_thread (task, free_worker);
}
