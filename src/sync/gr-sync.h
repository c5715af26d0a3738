/* gr-sync.h: one sync cycle of a local database with its server (SYNC.md §3, DESIGN.md §6)
 *
 * A cycle logs in, registers the device once, pushes the outbox in
 * batches until nothing is left to send, then downloads: a snapshot the
 * first time (resumable page by page), then the changes after the cursor,
 * page by page, each page and its cursor in one SQLite transaction. It
 * ends with a check of counts and checksums against the server.
 *
 * The photos of an inspection go before it, by their hash (SYNC.md §3.4).
 * Each push answer is recorded per mutation: applied and duplicate are
 * done; a conflict keeps both sides in sync_conflicts for the user and
 * shows the server's record meanwhile; a rejection stays local with its
 * reason; later changes of a record whose change failed wait ("blocked")
 * until the user resolves it. Records arriving from the server never
 * overwrite a record with changes not yet accepted, and movements that
 * arrive are stored even when they take a balance below zero (DESIGN.md
 * §3). Records arrive in the server's commit order, not in the order of
 * their references, so foreign keys are not checked while a page is
 * applied: the server checked every reference when it accepted it.
 *
 * One local database belongs to one server and user; a demo database
 * never syncs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "gr-store.h"

G_BEGIN_DECLS

/* Stops a cycle at a given point, as a crash there would (tests). */
typedef enum {
  GR_SYNC_FAULT_NONE,
  GR_SYNC_FAULT_AFTER_PUSH_SENT,   /* the server answered a push; nothing of the answer is recorded */
  GR_SYNC_FAULT_MID_PULL_PAGE,     /* a pull page is half applied when the process dies: rolled back */
  GR_SYNC_FAULT_NO_PUSH,           /* the push cannot go this cycle: the pull runs with changes still pending */
} GrSyncFault;

/* When a cycle compares counts and checksums with the server (SYNC.md
 * §3.10): it costs a pass over every local record, so by default after a
 * first download and then once a day. */
typedef enum {
  GR_SYNC_VERIFY_DAILY,
  GR_SYNC_VERIFY_ALWAYS,
  GR_SYNC_VERIFY_NEVER,
} GrSyncVerify;

/* The first download's progress, from the cycle's thread: records
 * written so far and in all (0 while unknown). */
typedef void (*GrSyncProgressFunc) (guint64   done,
                                    guint64   total,
                                    gpointer  user_data);

typedef struct {
  const char  *server;           /* base URL, e.g. https://granary.example.org */
  const char  *user;
  const char  *password;
  const char  *refresh_token;    /* instead of a password: a kept sign-in (gr-account.h) */
  const char  *device_name;
  guint        batch_size;       /* mutations per push (≤ 500) */
  guint        pull_limit;       /* changes per pull page */
  guint        snapshot_limit;   /* records per snapshot page */
  guint        max_attempts;     /* per request, before the cycle fails */
  guint        backoff_base_ms;
  guint        backoff_cap_ms;
  GrSyncVerify verify;
  GrSyncFault  fault;
  guint        fault_after;      /* pages applied before GR_SYNC_FAULT_MID_PULL_PAGE */
  GrSyncProgressFunc progress;
  gpointer     progress_data;
} GrSyncOptions;

typedef struct {
  char *entity;
  char *id;
  char *mutation_id;
  char *status;       /* conflict, rejected, blocked, retry */
  char *code;
  char *detail;
  char *fields;       /* conflicts: JSON list of the fields */
} GrSyncIssue;

typedef struct {
  guint      pushed;          /* mutations applied by the server */
  guint      duplicates;      /* already applied before (a retried push) */
  guint      pulled;          /* records written from the server */
  guint      from_snapshot;   /* … of which from the first download */
  guint      skipped;         /* server records not written over local changes not yet accepted */
  guint      retries;         /* requests sent again after a passing failure */
  GPtrArray *issues;          /* GrSyncIssue */
  gint64     clock_skew;      /* seconds the server's clock is ahead */
  gboolean   verified;        /* checked this cycle: counts and checksums agree with the server */
  char      *mismatch;        /* entities that disagree, or NULL */
  guint      purged;          /* records removed locally: no longer in the user's scope */
  gboolean   reset;           /* the server's history changed: downloaded anew */
} GrSyncReport;

void     gr_sync_options_init  (GrSyncOptions  *options);
void     gr_sync_report_init   (GrSyncReport   *report);
void     gr_sync_report_clear  (GrSyncReport   *report);

/* One full cycle: push until done, pull until up to date, verify. */
gboolean gr_sync_run           (GrStore              *store,
                                const GrSyncOptions  *options,
                                GrSyncReport         *report,
                                GCancellable         *cancellable,
                                GError              **error);

/* Refuses a database that must not sync with server as user: demo
 * data, or bound to another server or user. server: normalised. */
gboolean gr_sync_check_database (GrStore            *store,
                                 const char         *server,
                                 const char         *user,
                                 GError            **error);
/* Records who the server says the user is (a login's answer or a pull's
 * "scope": role, enterprise, depots) in meta sync_role and sync_scope. */
gboolean gr_sync_store_identity (GrStore            *store,
                                 JsonObject         *identity,
                                 GError            **error);
/* Local changes the server has not accepted: waiting to be sent,
 * waiting behind another, rejected or in conflict; -1 on error. */
gint64   gr_sync_count_unsent   (GrStore            *store);

/* Per-entity count and additive checksum (SYNC.md §3.10) of the records
 * this database has from the server, as the body of POST /v1/sync/verify. */
char    *gr_sync_verify_body   (GrStore              *store,
                                GError              **error);

typedef enum {
  GR_SYNC_KEEP_MINE,
  GR_SYNC_KEEP_THEIRS,
  GR_SYNC_KEEP_EDITED,   /* gr_sync_resolve_edited () */
} GrSyncResolution;

/* Resolves a kept conflict: mine re-sends the local change against the
 * server's current version (and the changes that waited behind it);
 * theirs drops them. */
gboolean gr_sync_resolve       (GrStore              *store,
                                gint64                conflict_id,
                                GrSyncResolution      resolution,
                                GError              **error);
/* Resolves it with values the user edited (JSON object: field → value)
 * in place of the conflicting change, on top of the server's version. */
gboolean gr_sync_resolve_edited (GrStore             *store,
                                 gint64               conflict_id,
                                 const char          *fields,
                                 GError             **error);

/* A rejected change, corrected (JSON object: field → value; NULL: as it
 * was), sent again as a new change, with the changes that waited
 * behind it. */
gboolean gr_sync_resend         (GrStore             *store,
                                 const char          *mutation_id,
                                 const char          *corrections,
                                 GError             **error);
/* A rejected change given up, with those that waited behind it: a new
 * record goes; a changed one gets back the values it had before (or the
 * server's newest version, when one arrived). */
gboolean gr_sync_discard        (GrStore             *store,
                                 const char          *mutation_id,
                                 GError             **error);

G_END_DECLS
