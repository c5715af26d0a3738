/* gr-sync-page.h: one page of the first download, read line by line
 *
 * A snapshot page (GET /v1/sync/snapshot, SYNC.md §3.5) is NDJSON: a
 * header line {"format": "granary-snapshot", "cursor", "schema", …}, one
 * line per record {"type": entity, "hash": content hash, "record": {…}}
 * and a closing line {"type": "end", "records": n, "next": …}. A page
 * without its closing line was cut short: it is refused whole, before
 * anything of it is read.
 *
 * Record lines are read in place (gr_record_scan) when they are in the
 * plain shape the server writes; any other line is parsed by json-glib
 * and handed over as JSON, for the applier's own reading and messages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "gr-dataset.h"
#include "gr-ledger.h"
#include "gr-sync-client.h"

G_BEGIN_DECLS

typedef struct _GrSyncPage GrSyncPage;

typedef struct {
  const char     *type;      /* the line's "type", NULL when it has none */
  const GrEntity *entity;    /* NULL: an entity this client does not keep */
  GrRecord       *record;    /* read in place, or NULL … */
  JsonNode       *data;      /* … the line's "record" as JSON (may be NULL) */
  const char     *hash;      /* the server's content hash of record, NULL: compute it */
  /* private */
  char           *type_copy;
  char            hash_text[65];
} GrSyncPageLine;

/* Keeps bytes; FALSE when the page was cut short or has no header. */
GrSyncPage *gr_sync_page_new       (GBytes          *bytes,
                                    GError         **error);
void        gr_sync_page_free      (GrSyncPage      *page);
JsonObject *gr_sync_page_get_header (GrSyncPage     *page);
JsonObject *gr_sync_page_get_end   (GrSyncPage      *page);
guint       gr_sync_page_get_n_lines (GrSyncPage    *page);
/* Record line i (0 … n_lines - 1), read now unless it was read ahead;
 * it stays the page's. NULL when it, or a line before it, is not a JSON
 * object. */
GrSyncPageLine *gr_sync_page_get_line (GrSyncPage *page,
                                       guint       i,
                                       GError    **error);
/* Once every line is read: the net kg of each lot's month over the
 * page's movements (gr-ledger.h), NULL when one of them was not read in
 * place (its record is read by the applier then). The page's. */
GrLedgerSums *gr_sync_page_get_movement_sums (GrSyncPage *page);
/* Reads every record line now (in another thread than the one that
 * takes them with gr_sync_page_get_line). */
void        gr_sync_page_read_ahead (GrSyncPage     *page);
void        gr_sync_page_line_clear (GrSyncPageLine *line);

/* The path of a snapshot page: the first one (entity NULL) or the one
 * after after_id of entity, at most limit records. */
char          *gr_sync_snapshot_path  (const char      *entity,
                                       const char      *after_id,
                                       guint            limit);

/* The pages of a download, fetched and read ahead by threads of their
 * own: each page is requested as soon as the one before it has arrived
 * (its closing line names the next), and read while the ones before are
 * written; at most two wait ahead of the one being written. The client
 * is the fetcher's until it is freed (a page still in flight is given
 * up then). */
typedef struct _GrSyncFetcher GrSyncFetcher;

GrSyncFetcher *gr_sync_fetcher_new    (GrSyncClient    *client,
                                       GCancellable    *cancellable);
/* Starts the download at path (GET), then follows each page's "next"
 * with pages of limit records, up to the last page or the first failed. */
void           gr_sync_fetcher_start  (GrSyncFetcher   *fetcher,
                                       const char      *path,
                                       guint            limit);
/* The next page, in order, once it is there and read. */
GrSyncPage    *gr_sync_fetcher_finish (GrSyncFetcher   *fetcher,
                                       GError         **error);
/* Frees garbage in the reader's thread (what it allocated, such as a
 * page written already, goes back to its own memory arena there). */
void           gr_sync_fetcher_dispose (GrSyncFetcher  *fetcher,
                                        gpointer        garbage,
                                        GDestroyNotify  destroy);
void           gr_sync_fetcher_free   (GrSyncFetcher   *fetcher);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrSyncPage, gr_sync_page_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrSyncFetcher, gr_sync_fetcher_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GrSyncPageLine, gr_sync_page_line_clear)

G_END_DECLS
