/* gr-sync-scheduler.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-sync-scheduler"

#include "config.h"

#include "gr-sync-backoff.h"
#include "gr-sync-client.h"
#include "gr-sync-scheduler.h"

/* A burst of local edits makes one cycle, not one each. */
#define DEBOUNCE_MS 2000

struct _GrSyncScheduler
{
  GObject        parent_instance;

  /* Owned References */
  char          *db_path;
  GrSyncOptions  options;     /* strings below are owned copies */
  char          *server;
  char          *user;
  char          *password;
  char          *refresh_token;
  char          *device_name;
  GCancellable  *cancellable; /* the running cycle's */
  GMainContext  *context;     /* where the timers run: the creator's */
  GError        *last_error;

  /* The first download's progress, from the cycle's thread */
  GMutex         progress_lock;
  guint64        progress_done;
  guint64        progress_total;
  gboolean       progress_queued;

  guint          interval;
  GSource       *timer;
  gboolean       started;
  gboolean       running;     /* a cycle is on its thread */
  gboolean       again;       /* triggered while running */
  guint          failures;
  guint          cycles;
  gint           last_changes;   /* records the last cycle wrote or removed (atomic: set on its thread) */
};

enum {
  CYCLE_STARTED,
  CYCLE_FINISHED,
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GrSyncScheduler, gr_sync_scheduler, G_TYPE_OBJECT)

static void run_cycle (GrSyncScheduler *self);

static void
clear_timer (GrSyncScheduler *self)
{
  if (self->timer == NULL)
    return;
  g_source_destroy (self->timer);
  g_clear_pointer (&self->timer, g_source_unref);
}

static void
gr_sync_scheduler_dispose (GObject *object)
{
  GrSyncScheduler *self = (GrSyncScheduler *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  clear_timer (self);
  G_OBJECT_CLASS (gr_sync_scheduler_parent_class)->dispose (object);
}

static void
gr_sync_scheduler_finalize (GObject *object)
{
  GrSyncScheduler *self = (GrSyncScheduler *) object;

  g_free (self->db_path);
  g_free (self->server);
  g_free (self->user);
  g_free (self->password);
  g_free (self->refresh_token);
  g_free (self->device_name);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->last_error);
  g_mutex_clear (&self->progress_lock);
  g_clear_pointer (&self->context, g_main_context_unref);
  G_OBJECT_CLASS (gr_sync_scheduler_parent_class)->finalize (object);
}

static void
gr_sync_scheduler_class_init (GrSyncSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gr_sync_scheduler_dispose;
  object_class->finalize = gr_sync_scheduler_finalize;

  /**
   * GrSyncScheduler::cycle-finished:
   * @ok: the cycle completed
   * @message: (nullable): why it failed
   */
  signals[CYCLE_FINISHED] = g_signal_new ("cycle-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_BOOLEAN, G_TYPE_STRING);
  /**
   * GrSyncScheduler::cycle-started:
   */
  signals[CYCLE_STARTED] = g_signal_new ("cycle-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * GrSyncScheduler::progress:
   * @done: records of the first download written so far
   * @total: records in all, 0 when unknown
   */
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT64, G_TYPE_UINT64);
}

static void
gr_sync_scheduler_init (GrSyncScheduler *self)
{
  self->context = g_main_context_ref_thread_default ();
  g_mutex_init (&self->progress_lock);
}

GrSyncScheduler *
gr_sync_scheduler_new (const char          *db_path,
                       const GrSyncOptions *options,
                       guint                interval)
{
  GrSyncScheduler *self = g_object_new (GR_TYPE_SYNC_SCHEDULER, NULL);

  self->db_path = g_strdup (db_path);
  self->options = *options;
  self->server = g_strdup (options->server);
  self->user = g_strdup (options->user);
  self->password = g_strdup (options->password);
  self->refresh_token = g_strdup (options->refresh_token);
  self->device_name = g_strdup (options->device_name);
  self->options.server = self->server;
  self->options.user = self->user;
  self->options.password = self->password;
  self->options.refresh_token = self->refresh_token;
  self->options.device_name = self->device_name;
  self->interval = MAX (interval, 1);
  return self;
}

static gboolean
timeout_cb (gpointer data)
{
  GrSyncScheduler *self = data;

  g_clear_pointer (&self->timer, g_source_unref);
  run_cycle (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (GrSyncScheduler *self,
          guint            ms)
{
  clear_timer (self);
  if (self->started)
    {
      self->timer = g_timeout_source_new (ms);
      g_source_set_callback (self->timer, timeout_cb, self, NULL);
      g_source_attach (self->timer, self->context);
    }
}

static gboolean
progress_idle_cb (gpointer data)
{
  GrSyncScheduler *self = data;
  guint64 done, total;

  g_mutex_lock (&self->progress_lock);
  done = self->progress_done;
  total = self->progress_total;
  self->progress_queued = FALSE;
  g_mutex_unlock (&self->progress_lock);
  g_signal_emit (self, signals[PROGRESS], 0, done, total);
  return G_SOURCE_REMOVE;
}

/* On the cycle's thread: the latest figures reach the main loop once. */
static void
worker_progress (guint64  done,
                 guint64  total,
                 gpointer data)
{
  GrSyncScheduler *self = data;
  gboolean queue;

  g_mutex_lock (&self->progress_lock);
  self->progress_done = done;
  self->progress_total = total;
  queue = !self->progress_queued;
  self->progress_queued = TRUE;
  g_mutex_unlock (&self->progress_lock);
  if (queue)
    {
      g_autoptr(GSource) idle = g_idle_source_new ();

      /* Before the cycle's end is reported, which comes at this priority. */
      g_source_set_priority (idle, G_PRIORITY_DEFAULT);
      g_source_set_callback (idle, progress_idle_cb, g_object_ref (self), g_object_unref);
      g_source_attach (idle, self->context);
    }
}

static void
worker (GTask        *task,
        gpointer      source,
        gpointer      task_data,
        GCancellable *cancellable)
{
  GrSyncScheduler *self = source;
  g_autoptr(GrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GrSyncOptions options;
  GrSyncReport report;

  /* Its own connection: SQLite connections stay on one thread. */
  store = gr_store_open (self->db_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_atomic_int_set (&self->last_changes, 0);
  gr_sync_report_init (&report);
  options = self->options;
  options.progress = worker_progress;
  options.progress_data = self;
  if (!gr_sync_run (store, &options, &report, cancellable, &error))
    {
      /* A cycle that stopped half way may have written pages already. */
      g_atomic_int_set (&self->last_changes, (gint) MIN (report.pulled + report.purged, G_MAXINT));
      gr_sync_report_clear (&report);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_atomic_int_set (&self->last_changes, (gint) MIN (report.pulled + report.purged, G_MAXINT));
  gr_sync_report_clear (&report);
  g_task_return_boolean (task, TRUE);
}

/* Waiting helps with these; with the others it does not. */
static gboolean
may_pass (const GError *error)
{
  return g_error_matches (error, GR_SYNC_ERROR, GR_SYNC_ERROR_UNAVAILABLE) ||
         g_error_matches (error, GR_SYNC_ERROR, GR_SYNC_ERROR_PROTOCOL) ||
         g_error_matches (error, GR_SYNC_ERROR, GR_SYNC_ERROR_RESET) ||
         error->domain == G_IO_ERROR;
}

static void
cycle_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GrSyncScheduler *self = GR_SYNC_SCHEDULER (source);
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  self->running = FALSE;
  self->cycles++;
  g_clear_error (&self->last_error);
  if (error != NULL)
    self->last_error = g_error_copy (error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Cancelled by the user (or stopped): nothing more until asked. */
      g_signal_emit (self, signals[CYCLE_FINISHED], 0, FALSE, error->message);
      return;
    }

  if (ok)
    {
      self->failures = 0;
      schedule (self, self->again ? DEBOUNCE_MS : self->interval * 1000);
    }
  else if (may_pass (error))
    {
      schedule (self, gr_sync_backoff_delay (self->failures, self->options.backoff_base_ms,
                                             self->options.backoff_cap_ms, 0, NULL));
      self->failures++;
    }
  else
    {
      /* Needs a person: wrong password, demo data, another server. */
      self->failures++;
      self->started = FALSE;
    }
  self->again = FALSE;
  g_signal_emit (self, signals[CYCLE_FINISHED], 0, ok, error ? error->message : NULL);
}

static void
run_cycle (GrSyncScheduler *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->running)
    {
      self->again = TRUE;
      return;
    }
  self->running = TRUE;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, cycle_done, NULL);
  g_task_set_source_tag (task, run_cycle);
  g_task_run_in_thread (task, worker);
  g_signal_emit (self, signals[CYCLE_STARTED], 0);
}

void
gr_sync_scheduler_start (GrSyncScheduler *self)
{
  g_return_if_fail (GR_IS_SYNC_SCHEDULER (self));

  self->started = TRUE;
  clear_timer (self);
  run_cycle (self);
}

void
gr_sync_scheduler_stop (GrSyncScheduler *self)
{
  g_return_if_fail (GR_IS_SYNC_SCHEDULER (self));

  self->started = FALSE;
  clear_timer (self);
}

void
gr_sync_scheduler_trigger (GrSyncScheduler *self)
{
  g_return_if_fail (GR_IS_SYNC_SCHEDULER (self));

  if (!self->started)
    return;
  if (self->running)
    self->again = TRUE;
  else
    schedule (self, DEBOUNCE_MS);
}

guint
gr_sync_scheduler_get_failures (GrSyncScheduler *self)
{
  g_return_val_if_fail (GR_IS_SYNC_SCHEDULER (self), 0);
  return self->failures;
}

guint
gr_sync_scheduler_get_cycles (GrSyncScheduler *self)
{
  g_return_val_if_fail (GR_IS_SYNC_SCHEDULER (self), 0);
  return self->cycles;
}

void
gr_sync_scheduler_cancel (GrSyncScheduler *self)
{
  g_return_if_fail (GR_IS_SYNC_SCHEDULER (self));

  self->started = FALSE;
  self->again = FALSE;
  clear_timer (self);
  if (self->running && self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

gboolean
gr_sync_scheduler_is_busy (GrSyncScheduler *self)
{
  g_return_val_if_fail (GR_IS_SYNC_SCHEDULER (self), FALSE);
  return self->running;
}

guint
gr_sync_scheduler_get_last_changes (GrSyncScheduler *self)
{
  g_return_val_if_fail (GR_IS_SYNC_SCHEDULER (self), 0);
  return (guint) g_atomic_int_get (&self->last_changes);
}

const GError *
gr_sync_scheduler_get_last_error (GrSyncScheduler *self)
{
  g_return_val_if_fail (GR_IS_SYNC_SCHEDULER (self), NULL);
  return self->last_error;
}

gboolean
gr_sync_scheduler_is_running (GrSyncScheduler *self)
{
  g_return_val_if_fail (GR_IS_SYNC_SCHEDULER (self), FALSE);
  return self->started;
}
