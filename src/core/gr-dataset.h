/* gr-dataset.h: records of the dataset format (DESIGN.md §7), shared by
 * import and export
 *
 * A GrRecord is one record of an entity of gr-schema.h in normal form:
 * one value per descriptor field (defaults applied, tonnes as integer kg,
 * JSON fields as canonical text, child records inline), plus the record's
 * unknown keys as a canonical JSON object (kept and exported again).
 *
 * The content hash is a SHA-256 over the canonical form of the record:
 * the id, the fields in descriptor order with tonnes as integer kg,
 * children included, the unknown keys sorted by name, and "deleted" for a
 * tombstone. version, updated_at and updated_by are not part of it. Any
 * writer that stores a record with gr_record_hash() as content_hash lets a
 * later import of the same record see it as unchanged.
 *
 * Decisions where DESIGN.md is silent:
 *  - A member of a JSON field (indicators, checklist, scores, …) keeps its
 *    order; two objects that differ only in member order are different
 *    content (the order is what a person sees in a checklist).
 *  - A field given as null takes its default, like a missing one.
 *  - A tombstone ("deleted": true) needs only its id; the fields it carries
 *    are checked like any other record's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "gr-json-scan.h"
#include "gr-schema.h"

G_BEGIN_DECLS

/* The longest id the dataset format accepts (characters). */
#define GR_ID_MAX_CHARS 64

typedef enum {
  GR_VALUE_NULL,
  GR_VALUE_INT,       /* INT, GRADE, BOOL (0/1), TONNES (kg) */
  GR_VALUE_REAL,      /* REAL */
  GR_VALUE_TEXT,      /* TEXT, ENUM, DATE, MONTH, REF, JSON (canonical text) */
  GR_VALUE_CHILDREN,  /* CHILDREN: GPtrArray of GrRecord */
} GrValueType;

typedef struct {
  GrValueType type;
  union {
    gint64     i;
    double     d;
    char      *s;
    GPtrArray *children;
  };
} GrValue;

typedef struct {
  const GrEntity *entity;
  char           *id;          /* NULL for a child record */
  gint64          version;     /* -1: not given */
  char           *updated_at;  /* NULL: not given */
  char           *updated_by;  /* NULL: not given */
  gboolean        deleted;
  char           *extra;       /* NULL, or a canonical JSON object of the unknown keys */
  GrValue        *values;      /* entity->n_fields, in descriptor order */
} GrRecord;

GrRecord   *gr_record_new          (const GrEntity  *entity);
void        gr_record_free         (GrRecord        *record);

/* Setters by field name (the field must exist and fit the value). */
void        gr_record_set_null     (GrRecord        *record,
                                    const char      *field);
void        gr_record_set_text     (GrRecord        *record,
                                    const char      *field,
                                    const char      *text);
void        gr_record_set_int      (GrRecord        *record,
                                    const char      *field,
                                    gint64           value);
void        gr_record_set_real     (GrRecord        *record,
                                    const char      *field,
                                    double           value);
/* The value of a field, or NULL when the entity has no such field. */
const GrValue *gr_record_get       (const GrRecord  *record,
                                    const char      *field);
/* Text of a text-like field, or NULL. */
const char *gr_record_get_text     (const GrRecord  *record,
                                    const char      *field);
/* Fills missing fields that have a default in the descriptor. */
void        gr_record_apply_defaults (GrRecord      *record);

/* Builds a record from its dataset JSON, checking every field against the
 * descriptor: types, enumerations, required fields, calendar dates and
 * months, tonnes (> 0, or ≥ 0 where allowed; at most 3 decimals; at most
 * GR_MAX_KG), numeric bounds, ids, JSON kinds, and grades within the range
 * of the record's variety. References are not resolved here. On error the
 * message is one line that starts with the field: field "x": … */
GrRecord   *gr_record_from_json    (const GrEntity  *entity,
                                    JsonNode        *node,
                                    GError         **error);

/* gr_record_from_json () on JSON text, read in place without building a
 * tree (for bulk reading): the record at the scanner, when it is in the
 * plain shape the scanner reads (gr-json-scan.h), has only known keys,
 * each once, and passes every check. NULL otherwise, the scanner left
 * anywhere: gr_record_from_json () on the parsed text then decides, with
 * its message. */
GrRecord   *gr_record_scan         (const GrEntity  *entity,
                                    GrJsonScan      *scan);

/* Appends the record as dataset JSON: id, every field in descriptor order
 * (null when null, tonnes in tonnes), version, updated_at, updated_by,
 * then the unknown keys. */
void        gr_record_append_json  (const GrRecord  *record,
                                    GString         *out);
/* Appends the canonical form the content hash is taken over. */
void        gr_record_append_canonical (const GrRecord *record,
                                        GString        *out);
/* Hex SHA-256 of the canonical form (64 characters). */
char       *gr_record_hash         (const GrRecord  *record);
/* Name of the first field whose value differs ("deleted" or "extra" for
 * those), or NULL when both hold the same content. */
const char *gr_record_first_difference (const GrRecord *a,
                                        const GrRecord *b);

/* The dataset JSON of one field's value (tonnes in tonnes), for messages. */
char       *gr_record_field_json   (const GrRecord  *record,
                                    const char      *field);

/* Checks: a non-empty string of at most GR_ID_MAX_CHARS characters. */
gboolean    gr_dataset_id_is_valid (const char      *id);
/* The current time in ISO 8601 UTC, e.g. 2026-05-12T08:30:00Z */
char       *gr_dataset_now          (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrRecord, gr_record_free)

G_END_DECLS
