/* gr-schema.h: the entities of DESIGN.md §3 as data
 *
 * One table describes every entity: its dataset name, SQLite table and
 * fields with their types. The importer's validation and the exporter read
 * this table, so a field is declared once; the migrations in
 * gr-migrations.c are frozen SQL, and a test checks they agree with it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  GR_FIELD_TEXT,      /* string */
  GR_FIELD_ENUM,      /* string from enum_values */
  GR_FIELD_DATE,      /* "YYYY-MM-DD", a real calendar date */
  GR_FIELD_MONTH,     /* "YYYY-MM" */
  GR_FIELD_INT,       /* integer within [min, max] */
  GR_FIELD_REAL,      /* finite number within [min, max] */
  GR_FIELD_TONNES,    /* tonnes in JSON (≤ 3 decimals), integer kg in SQLite (column name_kg) */
  GR_FIELD_BOOL,
  GR_FIELD_REF,       /* id of a record of ref_entity */
  GR_FIELD_JSON,      /* any JSON value of json_kind, kept as text */
  GR_FIELD_GRADE,     /* integer grade within the variety's range (see gr-variety.h) */
  GR_FIELD_CHILDREN,  /* array of child records in their own table */
} GrFieldType;

typedef enum {
  GR_JSON_ANY,
  GR_JSON_OBJECT,
  GR_JSON_STRING_ARRAY,
  GR_JSON_FLAGS,      /* object of booleans */
} GrJsonKind;

typedef struct _GrEntity GrEntity;

typedef struct {
  const char          *name;          /* the dataset key */
  GrFieldType          type;
  gboolean             required;
  const char * const  *enum_values;   /* GR_FIELD_ENUM */
  const char          *ref_entity;    /* GR_FIELD_REF: entity name, e.g. "lot" */
  const char          *default_value; /* SQL literal used when missing, or NULL */
  double               min, max;      /* INT/REAL bounds; TONNES: min 0 allows zero */
  GrJsonKind           json_kind;     /* GR_FIELD_JSON */
  const GrEntity      *child;         /* GR_FIELD_CHILDREN */
} GrField;

struct _GrEntity {
  const char      *name;        /* "lot": the NDJSON type */
  const char      *array;       /* "lots": the dataset array */
  const char      *table;       /* SQLite table */
  const GrField   *fields;
  guint            n_fields;
  gboolean         is_child;    /* child table: (parent, seq) instead of id and meta */
  gboolean         append_only; /* movements, closures: a changed record is refused */
  /* The date field that finalises a record (inspection: signed_on,
   * monthly_report: filed_on): until it is set the record is a local
   * draft that does not sync; once set it syncs as an append and is
   * then as frozen as an append-only fact (SYNC.md §3.6). */
  const char      *final_field;
};

/* Every top-level entity in import order (referenced before referencing). */
const GrEntity * const *gr_schema_entities   (guint          *n_entities);
const GrEntity         *gr_schema_lookup     (const char     *name);
const GrEntity         *gr_schema_lookup_array (const char   *array);
const GrField          *gr_entity_field      (const GrEntity *entity,
                                              const char     *name);
/* The SQLite column of a field: name, with "_t" → "_kg" for tonnes. */
char                   *gr_field_column      (const GrField  *field);

extern const char * const gr_movement_inbound_kinds[];
extern const char * const gr_movement_kinds[];
gboolean gr_movement_kind_is_inbound (const char *kind);

G_END_DECLS
