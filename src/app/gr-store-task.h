/* gr-store-task.h: database work off the GTK main thread
 *
 * SQLite connections are not shared between threads, and the main thread
 * never touches the database: every query and write runs as a GTask in a
 * worker thread, on that thread's own connection to the same file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gr-store.h"
#include "gr-types.h"

G_BEGIN_DECLS

/* Runs in a worker thread with that thread's connection to the database.
 * progress may be called from there: it reaches the main loop coalesced.
 * Returns the result (owned, freed with result_free) or NULL with error
 * set; NULL without an error is a success with nothing to return. A
 * function that fails inside a transaction rolls it back itself; a
 * transaction left open is rolled back afterwards all the same. */
typedef gpointer (*GrStoreTaskFunc) (GrStore         *store,
                                     gpointer         task_data,
                                     GrProgressFunc   progress,
                                     gpointer         progress_data,
                                     GCancellable    *cancellable,
                                     GError         **error);

/* Called on the main thread with the latest progress of a running task. */
typedef void (*GrStoreTaskProgress) (gpointer         source_object,
                                     double           fraction,
                                     const char      *note,
                                     gpointer         user_data);

void     gr_store_task_run_async  (gpointer             source_object,
                                   const char          *path,
                                   GrStoreTaskFunc      func,
                                   gpointer             task_data,
                                   GDestroyNotify       task_data_free,
                                   GDestroyNotify       result_free,
                                   GrStoreTaskProgress  progress,
                                   gpointer             progress_data,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
/* Returns the worker's result (transfer full) or NULL with error set. */
gpointer gr_store_task_run_finish (GAsyncResult        *result,
                                   GError             **error);
/* Frees data with free_func in a worker thread: a read a page no longer
 * shows can be thousands of small blocks, which the main loop would
 * spend a while on. */
void     gr_store_task_free_in_worker (gpointer        data,
                                       GDestroyNotify  free_func);
/* Tasks started whose callback has not run yet, in every thread. */
guint    gr_store_task_get_n_running (void);

G_END_DECLS
