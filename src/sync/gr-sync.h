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

#include "gr-store.h"

G_BEGIN_DECLS

/* Stops a cycle at a given point, as a crash there would (tests). */
typedef enum {
  GR_SYNC_FAULT_NONE,
  GR_SYNC_FAULT_AFTER_PUSH_SENT,   /* the server answered a push; nothing of the answer is recorded */
  GR_SYNC_FAULT_MID_PULL_PAGE,     /* a pull page is half applied when the process dies: rolled back */
} GrSyncFault;

/* When a cycle compares counts and checksums with the server (SYNC.md
 * §3.10): it costs a pass over every local record, so by default after a
 * first download and then once a day. */
typedef enum {
  GR_SYNC_VERIFY_DAILY,
  GR_SYNC_VERIFY_ALWAYS,
  GR_SYNC_VERIFY_NEVER,
} GrSyncVerify;

typedef struct {
  const char  *server;           /* base URL, e.g. https://granary.example.org */
  const char  *user;
  const char  *password;
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

/* Per-entity count and additive checksum (SYNC.md §3.10) of the records
 * this database has from the server, as the body of POST /v1/sync/verify. */
char    *gr_sync_verify_body   (GrStore              *store,
                                GError              **error);

typedef enum {
  GR_SYNC_KEEP_MINE,
  GR_SYNC_KEEP_THEIRS,
} GrSyncResolution;

/* Resolves a kept conflict: mine re-sends the local change against the
 * server's current version (and the changes that waited behind it);
 * theirs drops them. */
gboolean gr_sync_resolve       (GrStore              *store,
                                gint64                conflict_id,
                                GrSyncResolution      resolution,
                                GError              **error);

G_END_DECLS
