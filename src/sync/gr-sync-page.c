/* gr-sync-page.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-sync-page"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-json-scan.h"
#include "gr-ledger.h"
#include "gr-store.h"
#include "gr-sync-client.h"
#include "gr-sync-page.h"

typedef struct {
  const char *start;
  gsize       length;
} Span;

struct _GrSyncPage
{
  GBytes     *bytes;
  GArray     *lines;      /* Span of each record line */
  JsonObject *header;
  JsonObject *end;
  GrJsonScan  scan;
  gboolean    hashes;     /* the server hashed its records as this client does */
  GrSyncPageLine *read;   /* the lines read so far, in order … */
  guint       n_read;     /* … how many of them … */
  GError     *read_error; /* … and why the next one could not be read */
  const GrEntity *last_entity;  /* of the last line read in place */
  GrLedgerSums *sums;     /* the movements read in place, for the ledger … */
  gboolean    sums_partial; /* … unless one was left to json-glib */
};

static JsonObject *
parse_object (const char *text,
              gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, text, length, NULL) || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

GrSyncPage *
gr_sync_page_new (GBytes  *bytes,
                  GError **error)
{
  g_autoptr(GrSyncPage) page = g_new0 (GrSyncPage, 1);
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (Span));
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  const char *p = data;
  const char *end = data + size;

  page->bytes = g_bytes_ref (bytes);
  while (p < end)
    {
      const char *newline = memchr (p, '\n', end - p);
      Span span = { p, (newline ? newline : end) - p };

      g_array_append_val (lines, span);
      p = newline ? newline + 1 : end;
    }
  while (lines->len > 0 && g_array_index (lines, Span, lines->len - 1).length == 0)
    g_array_set_size (lines, lines->len - 1);

  /* A page must end with its closing line: a cut one is refused whole. */
  if (lines->len >= 2)
    {
      Span *last = &g_array_index (lines, Span, lines->len - 1);

      page->end = parse_object (last->start, last->length);
    }
  if (page->end == NULL ||
      g_strcmp0 (json_object_get_string_member_with_default (page->end, "type", NULL), "end") != 0)
    {
      g_set_error (error, GR_SYNC_ERROR, GR_SYNC_ERROR_PROTOCOL, _("A snapshot page arrived cut short"));
      return NULL;
    }
  page->header = parse_object (g_array_index (lines, Span, 0).start, g_array_index (lines, Span, 0).length);
  /* The server's content hashes are taken when it read its records with
   * the same descriptors as this client: the hash is the client's own
   * (gr_record_hash), not worked out again for every record. */
  page->hashes = page->header != NULL &&
                 json_object_get_int_member_with_default (page->header, "schema", -1) == gr_store_schema_version ();

  g_array_remove_index (lines, lines->len - 1);
  g_array_remove_index (lines, 0);
  page->lines = g_steal_pointer (&lines);
  page->read = g_new0 (GrSyncPageLine, page->lines->len);
  page->sums = gr_ledger_sums_new ();
  gr_json_scan_init (&page->scan, data, size);
  return g_steal_pointer (&page);
}

void
gr_sync_page_free (GrSyncPage *page)
{
  if (page == NULL)
    return;
  gr_json_scan_clear (&page->scan);
  for (guint i = 0; i < page->n_read; i++)
    gr_sync_page_line_clear (&page->read[i]);
  g_free (page->read);
  g_clear_error (&page->read_error);
  g_clear_pointer (&page->sums, gr_ledger_sums_free);
  g_clear_pointer (&page->lines, g_array_unref);
  g_clear_pointer (&page->header, json_object_unref);
  g_clear_pointer (&page->end, json_object_unref);
  g_clear_pointer (&page->bytes, g_bytes_unref);
  g_free (page);
}

JsonObject *
gr_sync_page_get_header (GrSyncPage *page)
{
  return page->header;
}

JsonObject *
gr_sync_page_get_end (GrSyncPage *page)
{
  return page->end;
}

guint
gr_sync_page_get_n_lines (GrSyncPage *page)
{
  return page->lines->len;
}

static gboolean
scan_key (GrJsonScan *scan,
          const char *key)
{
  return gr_json_scan_key (scan, key, strlen (key));
}

/* "<64 hex digits>", taken into hash (NUL-terminated); FALSE, nothing
 * consumed, for any other value. */
static gboolean
scan_hash (GrJsonScan *scan,
           char        hash[65])
{
  const char *p;

  if (gr_json_scan_peek (scan) != '"' || scan->end - scan->p < 66 || scan->p[65] != '"')
    return FALSE;
  p = scan->p + 1;
  for (guint i = 0; i < 64; i++)
    if (!g_ascii_isdigit (p[i]) && (p[i] < 'a' || p[i] > 'f'))
      return FALSE;
  memcpy (hash, p, 64);
  hash[64] = '\0';
  scan->p += 66;
  return TRUE;
}

/* {"type": "<entity>", "hash": "<hex>", "record": {…}} of an entity kept here. */
static gboolean
scan_line (GrSyncPage     *page,
           const Span     *span,
           GrSyncPageLine *line)
{
  GrJsonScan *scan = &page->scan;

  scan->p = span->start;
  scan->end = span->start + span->length;
  if (!gr_json_scan_take (scan, '{') || !scan_key (scan, "type"))
    return FALSE;
  /* (a page holds one entity after the other: the last one again, mostly) */
  if (page->last_entity != NULL &&
      gr_json_scan_string_is (scan, page->last_entity->name, strlen (page->last_entity->name)))
    line->entity = page->last_entity;
  else if (gr_json_scan_string (scan))
    line->entity = page->last_entity = gr_schema_lookup (scan->text->str);
  else
    return FALSE;
  if (line->entity == NULL || line->entity->is_child)
    return FALSE;
  line->type = line->entity->name;
  if (!gr_json_scan_take (scan, ','))
    return FALSE;
  if (scan_key (scan, "hash"))
    {
      if (scan_hash (scan, line->hash_text))
        {
          if (page->hashes)
            line->hash = line->hash_text;
        }
      else if (!gr_json_scan_string (scan))
        return FALSE;
      if (!gr_json_scan_take (scan, ','))
        return FALSE;
    }
  if (!scan_key (scan, "record"))
    return FALSE;
  line->record = gr_record_scan (line->entity, scan);
  return line->record != NULL && gr_json_scan_take (scan, '}') && gr_json_scan_at_end (scan);
}

static gboolean
read_line (GrSyncPage      *page,
           guint            i,
           GrSyncPageLine  *line,
           GError         **error)
{
  const Span *span = &g_array_index (page->lines, Span, i);
  g_autoptr(JsonObject) object = NULL;
  JsonNode *node;

  memset (line, 0, sizeof *line);
  if (scan_line (page, span, line))
    {
      if (strcmp (line->entity->name, "movement") == 0)
        gr_ledger_sums_add_movement (page->sums, line->record);
      return TRUE;
    }

  /* Any other shape: json-glib reads it, and the applier the record. */
  gr_sync_page_line_clear (line);
  if ((object = parse_object (span->start, span->length)) == NULL)
    {
      g_set_error (error, GR_SYNC_ERROR, GR_SYNC_ERROR_PROTOCOL, _("A snapshot line is not JSON"));
      return FALSE;
    }
  line->type = line->type_copy = g_strdup (json_object_get_string_member_with_default (object, "type", NULL));
  line->entity = line->type ? gr_schema_lookup (line->type) : NULL;
  if (g_strcmp0 (line->type, "movement") == 0)
    page->sums_partial = TRUE;
  if (line->entity != NULL && line->entity->is_child)
    line->entity = NULL;
  if ((node = json_object_get_member (object, "record")) != NULL)
    line->data = json_node_copy (node);
  return TRUE;
}

/* Reads the lines up to i that are not read yet. */
static void
read_up_to (GrSyncPage *page,
            guint       i)
{
  while (page->n_read <= i && page->n_read < page->lines->len && page->read_error == NULL &&
         read_line (page, page->n_read, &page->read[page->n_read], &page->read_error))
    page->n_read++;
}

GrSyncPageLine *
gr_sync_page_get_line (GrSyncPage  *page,
                       guint        i,
                       GError     **error)
{
  g_return_val_if_fail (i < page->lines->len, NULL);

  read_up_to (page, i);
  if (i < page->n_read)
    return &page->read[i];
  g_propagate_error (error, g_error_copy (page->read_error));
  return NULL;
}

GrLedgerSums *
gr_sync_page_get_movement_sums (GrSyncPage *page)
{
  g_return_val_if_fail (page->n_read == page->lines->len, NULL);

  return page->sums_partial ? NULL : page->sums;
}

void
gr_sync_page_read_ahead (GrSyncPage *page)
{
  if (page->lines->len > 0)
    read_up_to (page, page->lines->len - 1);
}

void
gr_sync_page_line_clear (GrSyncPageLine *line)
{
  g_clear_pointer (&line->type_copy, g_free);
  g_clear_pointer (&line->record, gr_record_free);
  g_clear_pointer (&line->data, json_node_unref);
  line->type = NULL;
  line->hash = NULL;
  line->entity = NULL;
}

/* ---- Fetching ---- */

char *
gr_sync_snapshot_path (const char *entity,
                       const char *after_id,
                       guint       limit)
{
  g_autofree char *e = NULL;
  g_autofree char *a = NULL;

  if (entity == NULL)
    return g_strdup_printf ("/v1/sync/snapshot?limit=%u", limit);
  e = g_uri_escape_string (entity, NULL, FALSE);
  a = g_uri_escape_string (after_id ? after_id : "", NULL, FALSE);
  return g_strdup_printf ("/v1/sync/snapshot?limit=%u&entity=%s&after_id=%s", limit, e, a);
}

/* The path of the page after page (NULL: the last one), in pages of limit. */
static char *
next_path (GrSyncPage *page,
           guint       limit)
{
  JsonNode *next = json_object_get_member (page->end, "next");
  JsonObject *object;

  if (next == NULL || !JSON_NODE_HOLDS_OBJECT (next))
    return NULL;
  object = json_node_get_object (next);
  return gr_sync_snapshot_path (json_object_get_string_member_with_default (object, "entity", NULL),
                                json_object_get_string_member_with_default (object, "after_id", NULL), limit);
}

/* Pages fetched ahead of the one being written: one travels while
 * another is read and a third written, and no more wait in memory. */
#define MAX_AHEAD 2

typedef struct {
  GrSyncPage     *page;      /* NULL: error says why, or only garbage to free */
  GError         *error;
  gpointer        garbage;
  GDestroyNotify  destroy;
} Job;

struct _GrSyncFetcher
{
  GrSyncClient *client;
  GCancellable *cancellable;   /* the caller's … */
  gulong        cancelled_id;
  GCancellable *stop;          /* … and this download's, cancelled by either */
  GThread      *network;       /* requests the pages, following their "next" */
  GThread      *reader;        /* reads the records of each */
  GAsyncQueue  *read;          /* network → reader: Job, or the fetcher itself to end */
  GAsyncQueue  *done;          /* reader → caller: Job, in page order */
  GMutex        lock;
  GCond         cond;
  char         *path;          /* the first page's, until the network thread takes it */
  guint         limit;         /* records per page after the first */
  guint         ahead;         /* pages requested and not yet taken by the caller */
  gboolean      started;
  gint          stopping;      /* (atomic: the reader reads it without the lock) */
};

static void
job_free (Job *job)
{
  g_clear_pointer (&job->page, gr_sync_page_free);
  g_clear_error (&job->error);
  if (job->destroy != NULL)
    job->destroy (job->garbage);
  g_free (job);
}

/* Waits until the download may have one more page in flight; FALSE when
 * it is stopped meanwhile. */
static gboolean
wait_for_room (GrSyncFetcher *fetcher)
{
  gboolean go;

  g_mutex_lock (&fetcher->lock);
  while (!g_atomic_int_get (&fetcher->stopping) && fetcher->ahead >= MAX_AHEAD)
    g_cond_wait (&fetcher->cond, &fetcher->lock);
  go = !g_atomic_int_get (&fetcher->stopping);
  if (go)
    fetcher->ahead++;
  g_mutex_unlock (&fetcher->lock);
  return go;
}

/* Requests each page as soon as the one before has arrived (its closing
 * line names the next), so that the server makes the next page while
 * this client reads and writes the ones before. */
static gpointer
network_thread (gpointer data)
{
  GrSyncFetcher *fetcher = data;
  g_autofree char *path = NULL;

  g_mutex_lock (&fetcher->lock);
  while (!g_atomic_int_get (&fetcher->stopping) && fetcher->path == NULL)
    g_cond_wait (&fetcher->cond, &fetcher->lock);
  path = g_steal_pointer (&fetcher->path);
  g_mutex_unlock (&fetcher->lock);

  while (path != NULL && wait_for_room (fetcher))
    {
      g_autoptr(GBytes) bytes = NULL;
      Job *job = g_new0 (Job, 1);

      bytes = gr_sync_client_request (fetcher->client, "GET", path, NULL, fetcher->stop, &job->error);
      g_clear_pointer (&path, g_free);
      if (bytes != NULL && (job->page = gr_sync_page_new (bytes, &job->error)) != NULL)
        path = next_path (job->page, fetcher->limit);
      /* (a page that failed ends the download: the caller stops at it) */
      g_async_queue_push (fetcher->read, job);
    }
  return NULL;
}

static gpointer
reader_thread (gpointer data)
{
  GrSyncFetcher *fetcher = data;

  for (;;)
    {
      gpointer item = g_async_queue_pop (fetcher->read);
      Job *job = item;

      if (item == fetcher)
        return NULL;
      if (job->destroy != NULL)
        {
          job_free (job);
          continue;
        }
      /* (a page the download stopped before is only freed) */
      if (job->page != NULL && !g_atomic_int_get (&fetcher->stopping))
        gr_sync_page_read_ahead (job->page);
      g_async_queue_push (fetcher->done, job);
    }
}

static void
on_cancelled (GCancellable *cancellable,
              gpointer      data)
{
  g_cancellable_cancel (data);
}

GrSyncFetcher *
gr_sync_fetcher_new (GrSyncClient *client,
                     GCancellable *cancellable)
{
  GrSyncFetcher *fetcher = g_new0 (GrSyncFetcher, 1);

  fetcher->client = client;
  fetcher->stop = g_cancellable_new ();
  if (cancellable != NULL)
    {
      fetcher->cancellable = g_object_ref (cancellable);
      fetcher->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), fetcher->stop, NULL);
    }
  fetcher->read = g_async_queue_new ();
  fetcher->done = g_async_queue_new ();
  g_mutex_init (&fetcher->lock);
  g_cond_init (&fetcher->cond);
  /* One network thread for every page: its connection to the server is kept. */
  fetcher->network = g_thread_new ("gr-sync-fetch", network_thread, fetcher);
  fetcher->reader = g_thread_new ("gr-sync-read", reader_thread, fetcher);
  return fetcher;
}

void
gr_sync_fetcher_start (GrSyncFetcher *fetcher,
                       const char    *path,
                       guint          limit)
{
  g_return_if_fail (!fetcher->started);

  g_mutex_lock (&fetcher->lock);
  fetcher->started = TRUE;
  fetcher->path = g_strdup (path);
  fetcher->limit = limit;
  g_cond_broadcast (&fetcher->cond);
  g_mutex_unlock (&fetcher->lock);
}

void
gr_sync_fetcher_dispose (GrSyncFetcher  *fetcher,
                         gpointer        garbage,
                         GDestroyNotify  destroy)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (destroy != NULL);

  job->garbage = garbage;
  job->destroy = destroy;
  g_async_queue_push (fetcher->read, job);
}

GrSyncPage *
gr_sync_fetcher_finish (GrSyncFetcher  *fetcher,
                        GError        **error)
{
  Job *job;
  GrSyncPage *page;

  g_return_val_if_fail (fetcher->started, NULL);

  job = g_async_queue_pop (fetcher->done);
  g_mutex_lock (&fetcher->lock);
  fetcher->ahead--;
  g_cond_broadcast (&fetcher->cond);
  g_mutex_unlock (&fetcher->lock);
  page = g_steal_pointer (&job->page);
  if (page == NULL)
    g_propagate_error (error, g_steal_pointer (&job->error));
  job_free (job);
  return page;
}

void
gr_sync_fetcher_free (GrSyncFetcher *fetcher)
{
  Job *job;

  if (fetcher == NULL)
    return;
  /* A page still in flight is given up: the client is the caller's
   * again once the network thread has ended. */
  g_mutex_lock (&fetcher->lock);
  g_atomic_int_set (&fetcher->stopping, TRUE);
  g_cond_broadcast (&fetcher->cond);
  g_mutex_unlock (&fetcher->lock);
  g_cancellable_cancel (fetcher->stop);
  g_thread_join (fetcher->network);
  g_async_queue_push (fetcher->read, fetcher);
  g_thread_join (fetcher->reader);
  while ((job = g_async_queue_try_pop (fetcher->done)) != NULL)
    job_free (job);
  while ((job = g_async_queue_try_pop (fetcher->read)) != NULL)
    job_free (job);
  if (fetcher->cancellable != NULL)
    g_cancellable_disconnect (fetcher->cancellable, fetcher->cancelled_id);
  g_clear_object (&fetcher->cancellable);
  g_clear_object (&fetcher->stop);
  g_async_queue_unref (fetcher->read);
  g_async_queue_unref (fetcher->done);
  g_mutex_clear (&fetcher->lock);
  g_cond_clear (&fetcher->cond);
  g_free (fetcher->path);
  g_free (fetcher);
}
