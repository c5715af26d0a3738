/* gr-record-store.h: dataset records (gr-dataset.h) to and from SQLite
 *
 * The reader gives the live records of one entity in the order they were
 * stored (rowid), children included, JSON fields in canonical text; the
 * writer inserts or replaces records with prepared statements kept for
 * the writer's life, so a bulk writer pays for each statement once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-dataset.h"
#include "gr-store.h"

G_BEGIN_DECLS

typedef struct _GrRecordReader GrRecordReader;
typedef struct _GrRecordWriter GrRecordWriter;

/* Every record of entity that is not a tombstone, in rowid order. */
GrRecordReader *gr_record_reader_new    (GrStore          *store,
                                         const GrEntity   *entity,
                                         GError          **error);
/* *out_record is NULL at the end; FALSE on error. */
gboolean        gr_record_reader_next   (GrRecordReader   *reader,
                                         GrRecord        **out_record,
                                         GError          **error);
void            gr_record_reader_free   (GrRecordReader   *reader);

/* The record with this id, tombstone or not; NULL and no error when absent. */
GrRecord       *gr_record_load          (GrStore          *store,
                                         const GrEntity   *entity,
                                         const char       *id,
                                         GError          **error);

/* A writer of local changes: each insert and update also adds its
 * outbox row (gr-outbox.h), unless the database never syncs. */
GrRecordWriter *gr_record_writer_new    (GrStore          *store,
                                         const GrEntity   *entity,
                                         GError          **error);
/* track_changes FALSE: records that came from the server (sync), which
 * must not be sent back. */
GrRecordWriter *gr_record_writer_new_full (GrStore        *store,
                                           const GrEntity *entity,
                                           gboolean        track_changes,
                                           GError        **error);
/* record->version must be set (≥ 0); hash is stored as content_hash. */
gboolean        gr_record_writer_insert (GrRecordWriter   *writer,
                                         const GrRecord   *record,
                                         const char       *hash,
                                         GError          **error);
/* Replaces the stored record with this id, children included. */
gboolean        gr_record_writer_update (GrRecordWriter   *writer,
                                         const GrRecord   *record,
                                         const char       *hash,
                                         GError          **error);
/* Inserts as gr_record_writer_insert () does, but in batches of rows
 * (much cheaper): the record is written at the latest by the next
 * gr_record_writer_flush (), and must stay valid until then. A writer
 * that records changes for sync cannot batch. Nothing queued is visible
 * to a query before the flush. */
gboolean        gr_record_writer_queue_insert (GrRecordWriter *writer,
                                               const GrRecord *record,
                                               const char     *hash,
                                               GError        **error);
/* Writes what is queued; on error nothing more is queued (the caller
 * rolls the transaction back). */
gboolean        gr_record_writer_flush  (GrRecordWriter   *writer,
                                         GError          **error);
void            gr_record_writer_free   (GrRecordWriter   *writer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrRecordReader, gr_record_reader_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrRecordWriter, gr_record_writer_free)

G_END_DECLS
