/* gr-import-private.h: the pieces of an import shared by its files
 *
 * gr-import.c reads the header and a whole document, gr-import-ndjson.c
 * a stream, gr-import-checks.c holds the checks against other records
 * and the database, gr-import-write.c the writes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-dataset.h"
#include "gr-import.h"
#include "gr-record-store.h"

G_BEGIN_DECLS

#define DOCUMENT_FORMAT     "granary-dataset"
#define NDJSON_FORMAT       "granary-dataset-ndjson"
#define DATASET_VERSION     1
#define MAX_PROGRESS_CALLS  100

typedef enum {
  ACTION_INSERT,
  ACTION_UPDATE,
  ACTION_UNCHANGED,
} Action;

typedef enum {
  REF_UNKNOWN,
  REF_LIVE,
  REF_DEAD,
} RefState;

typedef struct {
  GrRecord *record;
  char     *hash;
  guint     index;        /* position in its array (document) or line (NDJSON) */
  Action    action;
  gint64    old_version;  /* ACTION_UPDATE: the stored version */
} Item;

typedef struct {
  const GrEntity *entity;
  GPtrArray      *items;        /* document: Item, in document order */
  GHashTable     *by_id;        /* document: id → Item; NDJSON: id → SEEN (line, deleted) */
  gboolean        had_rows;     /* the table held rows before the import */
  sqlite3_stmt   *find;         /* content_hash, deleted, version of an id */
  GHashTable     *stored;       /* NULL, or the rows before the import: id → Stored */
  GrRecordWriter *writer;
} Table;

/* What an NDJSON stream's id map keeps of a record: its line and whether
 * it is a tombstone, in one pointer-sized value (never 0). */
#define SEEN(line, deleted)  GUINT_TO_POINTER (((guint) (line) << 1) | ((deleted) ? 1 : 0))
#define SEEN_LINE(value)     (GPOINTER_TO_UINT (value) >> 1)
#define SEEN_DELETED(value)  ((GPOINTER_TO_UINT (value) & 1) != 0)

/* A row as it was before the import (Table.stored). */
typedef struct {
  char     *hash;
  gint64    version;
  gboolean  deleted;
} Stored;

/* A reference an NDJSON stream has not reached yet: checked at its end. */
typedef struct {
  char           *where;
  char           *field;
  const GrEntity *target;
  char           *id;
  char           *variety;      /* set: the target plan must have this variety */
} Deferred;

/* A record written by this import that a check after writing looks at. */
typedef struct {
  char           *where;
  const GrEntity *entity;
  char           *id;
} Written;

typedef struct {
  GrStore        *store;
  GrImportFlags   flags;
  gboolean        ndjson;
  char           *now;

  Table          *tables;          /* one per entity, gr_schema_entities() order */
  guint           n_tables;
  GHashTable     *rotation_keys;   /* document: "enterprise\nyear" → Item */
  GHashTable     *plan_variety;    /* NDJSON: plan id → variety, of plans read */
  GStringChunk   *strings;         /* NDJSON: keys and values of the maps above */
  GHashTable     *dirty;           /* lot → earliest date of a movement written */
  GPtrArray      *deferred;        /* Deferred */
  GPtrArray      *tombstones;      /* Written: records turned into tombstones */
  GPtrArray      *updated_plans;   /* Written */
  GPtrArray      *old_plans;       /* plans that lost a lot by an update */
  GPtrArray      *new_movements;   /* Written: movements inserted by a local import */

  sqlite3_stmt   *plan_variety_stmt;
  sqlite3_stmt   *rotation_stmt;
  sqlite3_stmt   *lot_plan_stmt;

  char           *profile;
  char           *dataset_extra;

  GrImportStats   stats;
  GrProgressFunc  progress;
  gpointer        progress_data;
  guint           n_progress;
  double          last_fraction;
  const char     *last_note;
} Import;


/* gr-import.c */
Import     *_gr_import_new             (GrStore         *store,
                                        GrImportFlags    flags,
                                        gboolean         ndjson,
                                        GrProgressFunc   progress,
                                        gpointer         progress_data,
                                        GError         **error);
void        _gr_import_free            (Import          *imp);
Table      *_gr_import_table_of        (Import          *imp,
                                        const GrEntity  *entity);
/* Calls the progress function at most MAX_PROGRESS_CALLS times. */
void        _gr_import_report          (Import          *imp,
                                        double           fraction,
                                        const char      *note);
gboolean    _gr_import_read_header     (Import          *imp,
                                        JsonObject      *root,
                                        const char      *format,
                                        GError         **error);
/* Messages: the entity's translated name, a value quoted as JSON (one
 * line), a record named as lots[3] (id "L-4") or line 57: lot (id "L-4"),
 * and a refusal <record>: field "<name>": <detail>. */
const char *_gr_import_entity_label    (const GrEntity  *entity);
char       *_gr_import_quote           (const char      *text);
char       *_gr_import_describe_record (Import          *imp,
                                        const GrEntity  *entity,
                                        guint            index,
                                        const char      *id);
gboolean    _gr_import_refuse          (GError         **error,
                                        const char      *where,
                                        const char      *field,
                                        const char      *format,
                                        ...) G_GNUC_PRINTF (4, 5);
/* The id of a record that failed its own checks, if it has a usable one. */
const char *_gr_import_raw_id          (JsonNode        *node);

/* gr-import-checks.c */
gboolean    _gr_import_preload         (Import          *imp,
                                        Table           *t,
                                        guint            n_records,
                                        GError         **error);
/* References, a lot's variety against its plan's, one rotation plan per
 * enterprise and year. */
gboolean    _gr_import_check_context   (Import          *imp,
                                        const char      *where,
                                        Item            *item,
                                        GError         **error);
/* Insert, update or unchanged; refuses a changed append-only record. */
gboolean    _gr_import_classify        (Import          *imp,
                                        Table           *t,
                                        const char      *where,
                                        Item            *item,
                                        GError         **error);
/* The checks of the written state and the ledger, before COMMIT. */
gboolean    _gr_import_finish          (Import          *imp,
                                        GError         **error);

/* gr-import-write.c */
void        _gr_import_mark_dirty      (Import          *imp,
                                        const char      *lot,
                                        const char      *date);
gboolean    _gr_import_write_item      (Import          *imp,
                                        Table           *t,
                                        const char      *where,
                                        Item            *item,
                                        GError         **error);
gboolean    _gr_import_write_meta      (Import          *imp,
                                        GError         **error);

/* gr-import-ndjson.c */
gboolean    _gr_import_is_blank        (const char      *line);
/* first_line: the header line when the caller has read it (line_no). */
gboolean    _gr_import_ndjson          (GrStore           *store,
                                        GDataInputStream  *in,
                                        const char        *first_line,
                                        guint              line_no,
                                        gint64             total_bytes,
                                        GrImportFlags      flags,
                                        GrImportStats     *stats,
                                        GrProgressFunc     progress,
                                        gpointer           progress_data,
                                        GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Import, _gr_import_free)

G_END_DECLS
