/* gr-store.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gr-error.h"
#include "gr-migrations.h"
#include "gr-store.h"

/* How long a connection waits for the lock of another before it fails */
#define BUSY_TIMEOUT_MS 10000

struct _GrStore
{
  GObject  parent_instance;

  /* Owned References */
  char    *path;
  sqlite3 *db;
};

G_DEFINE_FINAL_TYPE (GrStore, gr_store, G_TYPE_OBJECT)

static void
gr_store_finalize (GObject *object)
{
  GrStore *self = (GrStore *) object;

  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);
  G_OBJECT_CLASS (gr_store_parent_class)->finalize (object);
}

static void
gr_store_class_init (GrStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gr_store_finalize;
}

static void
gr_store_init (GrStore *self)
{
}

void
gr_store_set_error (GrStore     *self,
                    GError     **error,
                    const char  *what)
{
  g_set_error (error, GR_ERROR, GR_ERROR_DATABASE, "%s: %s", what,
               self->db ? sqlite3_errmsg (self->db) : "no database");
}

gboolean
gr_store_exec (GrStore     *self,
               const char  *sql,
               GError     **error)
{
  char *message = NULL;

  g_return_val_if_fail (GR_IS_STORE (self), FALSE);

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_DATABASE, _("Database error: %s"), message);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
gr_store_prepare (GrStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      gr_store_set_error (self, error, _("Database error"));
      return NULL;
    }
  return stmt;
}

gboolean
gr_store_begin (GrStore  *self,
                GError  **error)
{
  /* IMMEDIATE takes the write lock now, so a second writer waits in
   * busy_timeout instead of failing half-way through. */
  return gr_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
gr_store_commit (GrStore  *self,
                 GError  **error)
{
  return gr_store_exec (self, "COMMIT", error);
}

void
gr_store_rollback (GrStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

int
gr_store_schema_version (void)
{
  return (int) gr_migrations_count ();
}

int
gr_store_get_version (GrStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (self, "PRAGMA user_version", NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int (stmt, 0);
}

static gboolean
migrate (GrStore  *self,
         int       target,
         GError  **error)
{
  int current = gr_store_get_version (self);

  if (current > (int) gr_migrations_count ())
    {
      g_set_error (error, GR_ERROR, GR_ERROR_SCHEMA,
                   _("The database %s was written by a newer version of Granary (schema %d, this program knows %d)"),
                   self->path, current, (int) gr_migrations_count ());
      return FALSE;
    }

  /* Each step in its own transaction: a crash leaves the file at the
   * last completed version, never in between. */
  for (int v = current; v < target; v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", v + 1);

      if (!gr_store_begin (self, error))
        return FALSE;
      /* Another connection (a second worker opening the same new file)
       * may have run this step while we waited for the write lock. */
      if (gr_store_get_version (self) > v)
        {
          if (!gr_store_commit (self, error))
            return FALSE;
          continue;
        }
      if (!gr_store_exec (self, gr_migrations_get (v), error) ||
          !gr_store_exec (self, bump, error) ||
          !gr_store_commit (self, error))
        {
          gr_store_rollback (self);
          g_prefix_error (error, _("Could not upgrade the database to schema %d: "), v + 1);
          return FALSE;
        }
    }
  return TRUE;
}

/* Two connections opening a new file at once (the window's first read
 * and the sync service's, say) race to turn it to WAL, and SQLite
 * answers the one that loses SQLITE_BUSY at once, without calling the
 * busy handler: try again for as long as the busy timeout would wait. */
static gboolean
set_wal (GrStore  *self,
         GError  **error)
{
  gint64 deadline = g_get_monotonic_time () + BUSY_TIMEOUT_MS * 1000;
  int rc;

  while ((rc = sqlite3_exec (self->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL)) != SQLITE_OK)
    {
      if ((rc & 0xff) != SQLITE_BUSY || g_get_monotonic_time () > deadline)
        {
          gr_store_set_error (self, error, self->path);
          return FALSE;
        }
      g_usleep (2000);
    }
  return TRUE;
}

/* Once, before SQLite starts: no memory statistics. Nothing reads them,
 * and keeping them takes a lock of the whole process around every
 * allocation SQLite makes (a tenth of a bulk insert's time). Refused,
 * harmlessly, when something else in the process started SQLite first. */
static void
configure_sqlite (void)
{
  static gsize configured = 0;

  if (g_once_init_enter (&configured))
    {
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      g_once_init_leave (&configured, 1);
    }
}

GrStore *
gr_store_open_at_version (const char  *path,
                          int          target,
                          GError     **error)
{
  g_autoptr(GrStore) self = NULL;
  g_autofree char *dir = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved));
      return NULL;
    }

  /* Create the file ourselves so it is private (0600) from the start:
   * the ledger of a grain reserve is not for other users of the machine. */
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not open the database %s: %s"), path, g_strerror (saved));
      return NULL;
    }
  close (fd);

  configure_sqlite ();
  self = g_object_new (GR_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      gr_store_set_error (self, error, _("Could not open the database"));
      return NULL;
    }
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->db, 1);

  if (!set_wal (self, error) ||
      !gr_store_exec (self,
                      "PRAGMA synchronous = FULL;"
                      "PRAGMA foreign_keys = ON;"
                      "PRAGMA cache_size = -32000;"
                      "PRAGMA temp_store = MEMORY;", error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  /* Anything else than a database: say so plainly. */
  if (gr_store_get_version (self) < 0)
    {
      gr_store_set_error (self, error, path);
      return NULL;
    }

  if (!migrate (self, target, error))
    return NULL;

  return g_steal_pointer (&self);
}

GrStore *
gr_store_open (const char  *path,
               GError     **error)
{
  return gr_store_open_at_version (path, gr_store_schema_version (), error);
}

char *
gr_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "granary", "granary.db", NULL);
}

const char *
gr_store_get_path (GrStore *self)
{
  g_return_val_if_fail (GR_IS_STORE (self), NULL);
  return self->path;
}

sqlite3 *
gr_store_get_db (GrStore *self)
{
  g_return_val_if_fail (GR_IS_STORE (self), NULL);
  return self->db;
}

char *
gr_store_get_meta (GrStore    *self,
                   const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (self, "SELECT value FROM meta WHERE key = ?", NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

gboolean
gr_store_set_meta (GrStore     *self,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = gr_store_prepare (self,
                           "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (value)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      gr_store_set_error (self, error, _("Could not save a setting"));
      return FALSE;
    }
  return TRUE;
}

gint64
gr_store_count (GrStore    *self,
                const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\" WHERE deleted = 0", table);
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (self, sql, NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

gboolean
gr_store_is_empty (GrStore *self)
{
  return gr_store_count (self, "enterprises") == 0 &&
         gr_store_count (self, "lots") == 0 &&
         gr_store_count (self, "movements") == 0;
}
