/* gr-store.h: the local SQLite database
 *
 * One GrStore is one connection. SQLite connections are not shared
 * between threads: a GTask worker opens its own store on the same path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define GR_TYPE_STORE (gr_store_get_type ())
G_DECLARE_FINAL_TYPE (GrStore, gr_store, GR, STORE, GObject)

/* The schema version this program writes (PRAGMA user_version). */
#define GR_STORE_SCHEMA_VERSION gr_store_schema_version ()

GrStore    *gr_store_open            (const char  *path,
                                      GError     **error);
/* Opens and migrates to version target only (for migration tests). */
GrStore    *gr_store_open_at_version (const char  *path,
                                      int          target,
                                      GError     **error);
int         gr_store_schema_version  (void);
/* $XDG_DATA_HOME/granary/granary.db */
char       *gr_store_default_path    (void);

const char *gr_store_get_path        (GrStore     *self);
sqlite3    *gr_store_get_db          (GrStore     *self);
int         gr_store_get_version     (GrStore     *self);

gboolean    gr_store_exec            (GrStore     *self,
                                      const char  *sql,
                                      GError     **error);
sqlite3_stmt *gr_store_prepare       (GrStore     *self,
                                      const char  *sql,
                                      GError     **error);
/* Sets error from the connection's last failure, prefixed with what. */
void        gr_store_set_error       (GrStore     *self,
                                      GError     **error,
                                      const char  *what);

gboolean    gr_store_begin           (GrStore     *self,
                                      GError     **error);
gboolean    gr_store_commit          (GrStore     *self,
                                      GError     **error);
void        gr_store_rollback        (GrStore     *self);

/* Key/value settings of this database: "profile", "demo", "dataset_extra" */
char       *gr_store_get_meta        (GrStore     *self,
                                      const char  *key);
gboolean    gr_store_set_meta        (GrStore     *self,
                                      const char  *key,
                                      const char  *value,
                                      GError     **error);

/* TRUE when the database holds no enterprise, lot or movement. */
gboolean    gr_store_is_empty        (GrStore     *self);
gint64      gr_store_count           (GrStore     *self,
                                      const char  *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
