/* gr-sync-service.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-sync-service"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-store.h"
#include "gr-sync.h"
#include "gr-sync-client.h"
#include "gr-sync-scheduler.h"
#include "gr-sync-service.h"
#include "gr-sync-state.h"

/* Seconds between cycles while all is well (SYNC.md §3.9: 60 s online). */
#define DEFAULT_INTERVAL 60
/* Writes to the log come in bursts: the counts are read once a burst. */
#define CHANGE_DELAY_MS 300

struct _GrSyncService
{
  GObject          parent_instance;

  /* Owned References */
  char            *db_path;
  GrAccount       *account;        /* NULL: not bound to an account */
  char            *token;          /* the kept sign-in, NULL: signed out */
  GrSyncScheduler *scheduler;
  GNetworkMonitor *monitor;
  GFileMonitor    *wal_monitor;
  GrStore         *reader;         /* used by one status read at a time, on its thread */
  GCancellable    *cancellable;
  char            *last_success;
  char            *last_error;

  GrSyncState      state;
  GrSyncStatus     status;
  guint            interval;
  guint            page_size;      /* records per download page, 0: the default */
  guint            change_source;
  guint64          download_done;
  guint64          download_total;
  gint64           seen_change;    /* newest outbox seq already synced or scheduled */
  guint            ready : 1;
  guint            network : 1;    /* the monitor says the network is there */
  guint            unreachable : 1;/* the last cycle could not reach the server */
  guint            reached : 1;    /* … and it did, since the network last went away */
  guint            reading : 1;
  guint            read_again : 1;
  guint            downloading : 1;
  guint            have_status : 1;
};

G_DEFINE_FINAL_TYPE (GrSyncService, gr_sync_service, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (GrSyncState, gr_sync_state,
                    G_DEFINE_ENUM_VALUE (GR_SYNC_STATE_SIGNED_OUT, "signed-out"),
                    G_DEFINE_ENUM_VALUE (GR_SYNC_STATE_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (GR_SYNC_STATE_SYNCING, "syncing"),
                    G_DEFINE_ENUM_VALUE (GR_SYNC_STATE_OFFLINE, "offline"),
                    G_DEFINE_ENUM_VALUE (GR_SYNC_STATE_ERROR, "error"))

enum {
  PROP_0,
  PROP_STATE,
  PROP_ONLINE,
  PROP_PENDING,
  PROP_CONFLICTS,
  PROP_REJECTED,
  PROP_LAST_SUCCESS,
  PROP_LAST_ERROR,
  PROP_DOWNLOADING,
  PROP_DOWNLOAD_DONE,
  PROP_DOWNLOAD_TOTAL,
  PROP_ROLE,
  PROP_READY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  ISSUES,
  STATUS_CHANGED,
  CYCLE_FINISHED,
  DATA_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void read_status (GrSyncService *self);

/*
 * State
 */

static gboolean
is_unreachable (const GError *error)
{
  return g_error_matches (error, GR_SYNC_ERROR, GR_SYNC_ERROR_UNAVAILABLE) ||
         (error != NULL && error->domain == G_IO_ERROR && error->code != G_IO_ERROR_CANCELLED) ||
         (error != NULL && error->domain == G_RESOLVER_ERROR);
}

static void
set_string (char       **field,
            const char  *value,
            GObject     *object,
            GParamSpec  *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (object, pspec);
}

static void
update_state (GrSyncService *self)
{
  const GError *error = self->scheduler ? gr_sync_scheduler_get_last_error (self->scheduler) : NULL;
  GrSyncState state;
  gboolean online_before = gr_sync_service_get_online (self);

  self->unreachable = is_unreachable (error);
  if (self->account == NULL || self->token == NULL || self->scheduler == NULL)
    state = GR_SYNC_STATE_SIGNED_OUT;
  else if (gr_sync_scheduler_is_busy (self->scheduler))
    state = GR_SYNC_STATE_SYNCING;
  else if (g_error_matches (error, GR_SYNC_ERROR, GR_SYNC_ERROR_AUTH))
    state = GR_SYNC_STATE_SIGNED_OUT;
  else if (!gr_sync_service_get_online (self))
    state = GR_SYNC_STATE_OFFLINE;
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    state = GR_SYNC_STATE_ERROR;
  else
    state = GR_SYNC_STATE_IDLE;

  if (state != self->state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATE]);
    }
  if (online_before != gr_sync_service_get_online (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ONLINE]);
}

static void
set_downloading (GrSyncService *self,
                 gboolean       downloading,
                 guint64        done,
                 guint64        total)
{
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);
  if (self->downloading != !!downloading)
    {
      self->downloading = !!downloading;
      g_object_notify_by_pspec (object, properties [PROP_DOWNLOADING]);
    }
  if (self->download_done != done)
    {
      self->download_done = done;
      g_object_notify_by_pspec (object, properties [PROP_DOWNLOAD_DONE]);
    }
  if (self->download_total != total)
    {
      self->download_total = total;
      g_object_notify_by_pspec (object, properties [PROP_DOWNLOAD_TOTAL]);
    }
  g_object_thaw_notify (object);
}

/*
 * Reading the status, on a worker thread with the service's reader
 */

static void
status_free (GrSyncStatus *status)
{
  gr_sync_status_clear (status);
  g_free (status);
}

static void
read_worker (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GrSyncService *self = source;
  GrSyncStatus *status = g_new0 (GrSyncStatus, 1);
  g_autoptr(GError) error = NULL;

  /* Only one read runs at a time (self->reading): the reader is free. */
  if (self->reader == NULL && (self->reader = gr_store_open (self->db_path, &error)) == NULL)
    {
      g_free (status);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!gr_sync_status_read (self->reader, status, &error))
    {
      status_free (status);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, status, (GDestroyNotify) status_free);
}

static void
apply_status (GrSyncService *self,
              GrSyncStatus  *status)
{
  GObject *object = G_OBJECT (self);
  gint64 old_conflicts = self->status.conflicts;
  gint64 old_rejected = self->status.rejected;
  gboolean first = !self->have_status;

  g_object_freeze_notify (object);
  if (self->status.pending != status->pending)
    g_object_notify_by_pspec (object, properties [PROP_PENDING]);
  if (self->status.conflicts != status->conflicts)
    g_object_notify_by_pspec (object, properties [PROP_CONFLICTS]);
  if (self->status.rejected != status->rejected)
    g_object_notify_by_pspec (object, properties [PROP_REJECTED]);
  if (g_strcmp0 (self->status.role, status->role) != 0)
    g_object_notify_by_pspec (object, properties [PROP_ROLE]);
  gr_sync_status_clear (&self->status);
  self->status = *status;
  memset (status, 0, sizeof *status);
  self->have_status = TRUE;
  set_string (&self->last_success, self->status.last_ok, object, properties [PROP_LAST_SUCCESS]);
  /* While a cycle runs its own progress is newer than the meta. */
  if (self->scheduler == NULL || !gr_sync_scheduler_is_busy (self->scheduler))
    {
      /* A finished download keeps its figures, for people to see. */
      if (self->status.downloading)
        set_downloading (self, TRUE, self->status.download_done, self->status.download_total);
      else
        set_downloading (self, FALSE, self->download_done, self->download_total);
    }
  g_object_thaw_notify (object);

  if (!first && (self->status.conflicts > old_conflicts || self->status.rejected > old_rejected))
    g_signal_emit (self, signals[ISSUES], 0, (guint) MAX (self->status.conflicts - old_conflicts, 0),
                   (guint) MAX (self->status.rejected - old_rejected, 0));
  g_signal_emit (self, signals[STATUS_CHANGED], 0);

  /* A new local change: a cycle in a moment (the scheduler debounces). */
  if (first)
    self->seen_change = self->status.newest_change;
  else if (self->status.newest_change > self->seen_change)
    {
      self->seen_change = self->status.newest_change;
      if (self->scheduler != NULL)
        gr_sync_scheduler_trigger (self->scheduler);
    }
}

static void
read_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GrSyncService *self = GR_SYNC_SERVICE (object);
  g_autoptr(GError) error = NULL;
  GrSyncStatus *status = g_task_propagate_pointer (G_TASK (result), &error);

  self->reading = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (status != NULL)
        status_free (status);
      return;
    }
  if (status != NULL)
    {
      apply_status (self, status);
      status_free (status);
    }
  else
    g_debug ("Could not read the sync status: %s", error->message);
  if (self->read_again)
    {
      self->read_again = FALSE;
      read_status (self);
    }
}

static void
read_status (GrSyncService *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->reading)
    {
      self->read_again = TRUE;
      return;
    }
  self->reading = TRUE;
  task = g_task_new (self, self->cancellable, read_done_cb, NULL);
  g_task_set_source_tag (task, read_status);
  g_task_run_in_thread (task, read_worker);
}

/*
 * Scheduler
 */

static void
cycle_started_cb (GrSyncService   *self,
                  GrSyncScheduler *scheduler)
{
  update_state (self);
}

static void
cycle_finished_cb (GrSyncService   *self,
                   gboolean         ok,
                   const char      *message,
                   GrSyncScheduler *scheduler)
{
  const GError *error = gr_sync_scheduler_get_last_error (scheduler);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    message = NULL;
  /* A server that answered is the best sign of being online. */
  if (ok)
    self->reached = TRUE;
  else if (is_unreachable (error))
    self->reached = FALSE;
  set_string (&self->last_error, ok ? NULL : message, G_OBJECT (self), properties [PROP_LAST_ERROR]);
  update_state (self);
  /* The meta says where a download stands now. */
  read_status (self);
  g_signal_emit (self, signals[CYCLE_FINISHED], 0, ok);
  if (gr_sync_scheduler_get_last_changes (scheduler) > 0)
    g_signal_emit (self, signals[DATA_CHANGED], 0);
}

static void
progress_cb (GrSyncService   *self,
             guint64          done,
             guint64          total,
             GrSyncScheduler *scheduler)
{
  set_downloading (self, total == 0 || done < total, done, total);
}

static void
stop_scheduler (GrSyncService *self)
{
  if (self->scheduler == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->scheduler, self);
  gr_sync_scheduler_cancel (self->scheduler);
  g_clear_object (&self->scheduler);
}

static void
start_scheduler (GrSyncService *self)
{
  GrSyncOptions options;

  stop_scheduler (self);
  if (self->account == NULL || self->token == NULL)
    {
      update_state (self);
      return;
    }
  gr_sync_options_init (&options);
  options.server = self->account->server;
  options.user = self->account->user;
  options.refresh_token = self->token;
  if (self->page_size > 0)
    options.snapshot_limit = options.pull_limit = self->page_size;
  self->scheduler = gr_sync_scheduler_new (self->db_path, &options, self->interval);
  g_signal_connect_object (self->scheduler, "cycle-started", G_CALLBACK (cycle_started_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scheduler, "cycle-finished", G_CALLBACK (cycle_finished_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scheduler, "progress", G_CALLBACK (progress_cb), self, G_CONNECT_SWAPPED);
  gr_sync_scheduler_start (self->scheduler);
  update_state (self);
}

/*
 * Watching for changes and the network
 */

static gboolean
change_timeout_cb (gpointer data)
{
  GrSyncService *self = data;

  self->change_source = 0;
  read_status (self);
  return G_SOURCE_REMOVE;
}

static void
wal_changed_cb (GrSyncService     *self,
                GFile             *file,
                GFile             *other,
                GFileMonitorEvent  event,
                GFileMonitor      *monitor)
{
  if (event != G_FILE_MONITOR_EVENT_CHANGED && event != G_FILE_MONITOR_EVENT_CREATED &&
      event != G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT)
    return;
  if (self->change_source == 0)
    self->change_source = g_timeout_add (CHANGE_DELAY_MS, change_timeout_cb, self);
}

static void
network_changed_cb (GrSyncService   *self,
                    gboolean         available,
                    GNetworkMonitor *monitor)
{
  gboolean was = self->network;

  self->network = g_network_monitor_get_network_available (monitor);
  if (!self->network)
    self->reached = FALSE;
  /* Back online: do not wait for the timer or the backoff. */
  if (self->network && !was && self->scheduler != NULL)
    gr_sync_scheduler_start (self->scheduler);
  update_state (self);
}

/*
 * Loading the account
 */

typedef struct {
  GrAccount *account;
  char      *token;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->account, gr_account_free);
  g_free (loaded->token);
  g_free (loaded);
}

static void
load_worker (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *path = task_data;
  Loaded *loaded = g_new0 (Loaded, 1);
  g_autoptr(GError) error = NULL;

  loaded->account = gr_account_load (path, &error);
  if (loaded->account != NULL)
    loaded->token = gr_account_lookup_token (loaded->account->server, loaded->account->user);
  else if (error != NULL)
    g_debug ("No account: %s", error->message);
  g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_free);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GrSyncService *self = GR_SYNC_SERVICE (object);
  Loaded *loaded = g_task_propagate_pointer (G_TASK (result), NULL);

  if (loaded == NULL)
    return;
  self->account = g_steal_pointer (&loaded->account);
  self->token = g_steal_pointer (&loaded->token);
  loaded_free (loaded);
  self->ready = TRUE;
  start_scheduler (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ROLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_READY]);
}

/*
 * GObject
 */

static void
gr_sync_service_dispose (GObject *object)
{
  GrSyncService *self = GR_SYNC_SERVICE (object);

  g_cancellable_cancel (self->cancellable);
  stop_scheduler (self);
  g_clear_handle_id (&self->change_source, g_source_remove);
  if (self->wal_monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->wal_monitor, self);
      g_file_monitor_cancel (self->wal_monitor);
      g_clear_object (&self->wal_monitor);
    }
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  G_OBJECT_CLASS (gr_sync_service_parent_class)->dispose (object);
}

static void
gr_sync_service_finalize (GObject *object)
{
  GrSyncService *self = GR_SYNC_SERVICE (object);

  g_clear_object (&self->reader);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->account, gr_account_free);
  g_free (self->token);
  g_free (self->db_path);
  g_free (self->last_success);
  g_free (self->last_error);
  gr_sync_status_clear (&self->status);
  G_OBJECT_CLASS (gr_sync_service_parent_class)->finalize (object);
}

static void
gr_sync_service_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GrSyncService *self = GR_SYNC_SERVICE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ONLINE:
      g_value_set_boolean (value, gr_sync_service_get_online (self));
      break;
    case PROP_PENDING:
      g_value_set_int64 (value, self->status.pending);
      break;
    case PROP_CONFLICTS:
      g_value_set_int64 (value, self->status.conflicts);
      break;
    case PROP_REJECTED:
      g_value_set_int64 (value, self->status.rejected);
      break;
    case PROP_LAST_SUCCESS:
      g_value_set_string (value, self->last_success);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_DOWNLOADING:
      g_value_set_boolean (value, self->downloading);
      break;
    case PROP_DOWNLOAD_DONE:
      g_value_set_uint64 (value, self->download_done);
      break;
    case PROP_DOWNLOAD_TOTAL:
      g_value_set_uint64 (value, self->download_total);
      break;
    case PROP_ROLE:
      g_value_set_string (value, gr_sync_service_get_role (self));
      break;
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_sync_service_class_init (GrSyncServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = gr_sync_service_dispose;
  object_class->finalize = gr_sync_service_finalize;
  object_class->get_property = gr_sync_service_get_property;

  properties [PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, GR_TYPE_SYNC_STATE, GR_SYNC_STATE_SIGNED_OUT, flags);
  properties [PROP_ONLINE] = g_param_spec_boolean ("online", NULL, NULL, FALSE, flags);
  properties [PROP_PENDING] = g_param_spec_int64 ("pending", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_CONFLICTS] = g_param_spec_int64 ("conflicts", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_REJECTED] = g_param_spec_int64 ("rejected", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_LAST_SUCCESS] = g_param_spec_string ("last-success", NULL, NULL, NULL, flags);
  properties [PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, flags);
  properties [PROP_DOWNLOADING] = g_param_spec_boolean ("downloading", NULL, NULL, FALSE, flags);
  properties [PROP_DOWNLOAD_DONE] = g_param_spec_uint64 ("download-done", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties [PROP_DOWNLOAD_TOTAL] = g_param_spec_uint64 ("download-total", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties [PROP_ROLE] = g_param_spec_string ("role", NULL, NULL, NULL, flags);
  properties [PROP_READY] = g_param_spec_boolean ("ready", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GrSyncService::issues:
   * @conflicts: new conflicts
   * @rejected: new rejections
   *
   * Changes came back in conflict or rejected since the last count.
   */
  signals[ISSUES] = g_signal_new ("issues", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  /**
   * GrSyncService::status-changed:
   *
   * The counts were read again: lists of changes may be out of date.
   */
  signals[STATUS_CHANGED] = g_signal_new ("status-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * GrSyncService::cycle-finished:
   * @ok: the cycle completed
   */
  signals[CYCLE_FINISHED] = g_signal_new ("cycle-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  /**
   * GrSyncService::data-changed:
   *
   * A cycle wrote records from the server (or removed some): what is
   * shown may be out of date.
   */
  signals[DATA_CHANGED] = g_signal_new ("data-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
gr_sync_service_init (GrSyncService *self)
{
  self->cancellable = g_cancellable_new ();
  self->interval = DEFAULT_INTERVAL;
  self->state = GR_SYNC_STATE_SIGNED_OUT;
  self->network = TRUE;
}

/*
 * Public API
 */

GrSyncService *
gr_sync_service_new (const char *db_path)
{
  GrSyncService *self;
  g_autofree char *wal = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_object_new (GR_TYPE_SYNC_SERVICE, NULL);
  self->db_path = g_strdup (db_path);

  /* Every connection's commit goes through the write-ahead log. */
  wal = g_strconcat (db_path, "-wal", NULL);
  file = g_file_new_for_path (wal);
  self->wal_monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, NULL);
  if (self->wal_monitor != NULL)
    g_signal_connect_object (self->wal_monitor, "changed", G_CALLBACK (wal_changed_cb), self, G_CONNECT_SWAPPED);

  gr_sync_service_set_network_monitor (self, g_network_monitor_get_default ());

  task = g_task_new (self, self->cancellable, load_done_cb, NULL);
  g_task_set_task_data (task, g_strdup (db_path), g_free);
  g_task_run_in_thread (task, load_worker);
  read_status (self);
  return self;
}

const char *
gr_sync_service_get_db_path (GrSyncService *self)
{
  g_return_val_if_fail (GR_IS_SYNC_SERVICE (self), NULL);
  return self->db_path;
}

GrSyncState
gr_sync_service_get_state (GrSyncService *self)
{
  g_return_val_if_fail (GR_IS_SYNC_SERVICE (self), GR_SYNC_STATE_SIGNED_OUT);
  return self->state;
}

gboolean
gr_sync_service_get_online (GrSyncService *self)
{
  g_return_val_if_fail (GR_IS_SYNC_SERVICE (self), FALSE);
  return !self->unreachable && (self->network || self->reached);
}

gint64
gr_sync_service_get_pending (GrSyncService *self)
{
  g_return_val_if_fail (GR_IS_SYNC_SERVICE (self), 0);
  return self->status.pending;
}

gint64
gr_sync_service_get_conflicts (GrSyncService *self)
{
  g_return_val_if_fail (GR_IS_SYNC_SERVICE (self), 0);
  return self->status.conflicts;
}

gint64
gr_sync_service_get_rejected (GrSyncService *self)
{
  g_return_val_if_fail (GR_IS_SYNC_SERVICE (self), 0);
  return self->status.rejected;
}

const char *
gr_sync_service_get_last_success (GrSyncService *self)
{
  g_return_val_if_fail (GR_IS_SYNC_SERVICE (self), NULL);
  return self->last_success;
}

const char *
gr_sync_service_get_last_error (GrSyncService *self)
{
  g_return_val_if_fail (GR_IS_SYNC_SERVICE (self), NULL);
  return self->last_error;
}

gboolean
gr_sync_service_get_downloading (GrSyncService *self)
{
  g_return_val_if_fail (GR_IS_SYNC_SERVICE (self), FALSE);
  return self->downloading;
}

guint64
gr_sync_service_get_download_done (GrSyncService *self)
{
  g_return_val_if_fail (GR_IS_SYNC_SERVICE (self), 0);
  return self->download_done;
}

guint64
gr_sync_service_get_download_total (GrSyncService *self)
{
  g_return_val_if_fail (GR_IS_SYNC_SERVICE (self), 0);
  return self->download_total;
}

const GrAccount *
gr_sync_service_get_account (GrSyncService *self)
{
  g_return_val_if_fail (GR_IS_SYNC_SERVICE (self), NULL);
  return self->account;
}

const char *
gr_sync_service_get_role (GrSyncService *self)
{
  g_return_val_if_fail (GR_IS_SYNC_SERVICE (self), NULL);

  /* The server's word, as the last pull recorded it, then the sign-in's. */
  if (self->status.role != NULL && self->status.server != NULL)
    return self->status.role;
  return self->account ? self->account->role : NULL;
}

gboolean
gr_sync_service_get_ready (GrSyncService *self)
{
  g_return_val_if_fail (GR_IS_SYNC_SERVICE (self), FALSE);
  return self->ready;
}

typedef struct {
  char *server;
  char *user;
  char *password;
  char *db_path;
} SignIn;

static void
sign_in_free (SignIn *data)
{
  g_free (data->server);
  g_free (data->user);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  g_free (data->db_path);
  g_free (data);
}

static void
sign_in_worker (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SignIn *data = task_data;
  GError *error = NULL;
  GrAccount *account = gr_account_sign_in (data->server, data->user, data->password, data->db_path, cancellable,
                                           &error);

  if (account == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, account, (GDestroyNotify) gr_account_free);
}

void
gr_sync_service_sign_in_async (GrSyncService       *self,
                               const char          *server,
                               const char          *user,
                               const char          *password,
                               const char          *db_path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SignIn *data;

  g_return_if_fail (GR_IS_SYNC_SERVICE (self));

  data = g_new0 (SignIn, 1);
  data->server = g_strdup (server);
  data->user = g_strdup (user);
  data->password = g_strdup (password);
  data->db_path = g_strdup (db_path ? db_path : self->db_path);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gr_sync_service_sign_in_async);
  g_task_set_task_data (task, data, (GDestroyNotify) sign_in_free);
  g_task_run_in_thread (task, sign_in_worker);
}

GrAccount *
gr_sync_service_sign_in_finish (GrSyncService  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  GrAccount *account;

  g_return_val_if_fail (GR_IS_SYNC_SERVICE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  account = g_task_propagate_pointer (G_TASK (result), error);
  if (account != NULL && g_strcmp0 (account->db_path, self->db_path) == 0)
    {
      /* This database: sync it from now on. */
      g_clear_pointer (&self->account, gr_account_free);
      self->account = gr_account_copy (account);
      g_free (self->token);
      self->token = gr_account_lookup_token (account->server, account->user);
      set_string (&self->last_error, NULL, G_OBJECT (self), properties [PROP_LAST_ERROR]);
      start_scheduler (self);
      read_status (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ROLE]);
    }
  return account;
}

static void
sign_out_worker (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GrAccount *account = task_data;
  GError *error = NULL;
  gint64 unsent = gr_account_sign_out (account, &error);

  if (unsent < 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, unsent);
}

void
gr_sync_service_sign_out_async (GrSyncService       *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GR_IS_SYNC_SERVICE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gr_sync_service_sign_out_async);
  if (self->account == NULL)
    {
      g_task_return_int (task, 0);
      return;
    }
  /* Nothing more goes out; what waits stays in the database. */
  stop_scheduler (self);
  g_clear_pointer (&self->token, g_free);
  update_state (self);
  g_task_set_task_data (task, gr_account_copy (self->account), (GDestroyNotify) gr_account_free);
  g_task_run_in_thread (task, sign_out_worker);
}

gint64
gr_sync_service_sign_out_finish (GrSyncService  *self,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_return_val_if_fail (GR_IS_SYNC_SERVICE (self), -1);
  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  return g_task_propagate_int (G_TASK (result), error);
}

void
gr_sync_service_sync_now (GrSyncService *self)
{
  g_return_if_fail (GR_IS_SYNC_SERVICE (self));

  if (self->scheduler != NULL)
    gr_sync_scheduler_start (self->scheduler);
  else
    start_scheduler (self);
}

void
gr_sync_service_cancel (GrSyncService *self)
{
  g_return_if_fail (GR_IS_SYNC_SERVICE (self));

  if (self->scheduler != NULL)
    gr_sync_scheduler_cancel (self->scheduler);
}

void
gr_sync_service_local_change (GrSyncService *self)
{
  g_return_if_fail (GR_IS_SYNC_SERVICE (self));

  read_status (self);
}

void
gr_sync_service_refresh (GrSyncService *self)
{
  g_return_if_fail (GR_IS_SYNC_SERVICE (self));

  read_status (self);
}

void
gr_sync_service_set_network_monitor (GrSyncService   *self,
                                     GNetworkMonitor *monitor)
{
  g_return_if_fail (GR_IS_SYNC_SERVICE (self));
  g_return_if_fail (G_IS_NETWORK_MONITOR (monitor));

  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_set_object (&self->monitor, monitor);
  g_signal_connect_object (monitor, "network-changed", G_CALLBACK (network_changed_cb), self, G_CONNECT_SWAPPED);
  self->network = g_network_monitor_get_network_available (monitor);
  if (!self->network)
    self->reached = FALSE;
  update_state (self);
}

void
gr_sync_service_set_interval (GrSyncService *self,
                              guint          seconds)
{
  g_return_if_fail (GR_IS_SYNC_SERVICE (self));

  self->interval = MAX (seconds, 1);
  if (self->scheduler != NULL)
    start_scheduler (self);
}

void
gr_sync_service_set_page_size (GrSyncService *self,
                               guint          records)
{
  g_return_if_fail (GR_IS_SYNC_SERVICE (self));

  self->page_size = records;
  if (self->scheduler != NULL)
    start_scheduler (self);
}
