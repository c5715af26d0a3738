/* gr-inspection-table.h: the inspections of the Inspections page, packed
 *
 * A province holds 120,000 inspections. The page's table shows a screenful
 * of them at a time, so they are kept as one array of small rows whose
 * strings live in one string chunk (the depot names, dates, kinds and
 * teams of inspectors shared): read in a worker, it costs a few big
 * allocations to keep and to free instead of a dozen per inspection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-inspection-list.h"

G_BEGIN_DECLS

typedef struct {
  const char *id;
  const char *depot_name;
  const char *date;
  const char *kind;
  const char *inspectors;       /* names joined with "、" */
  const char *sync_error;       /* why the server refused it, or NULL */
  guint       n_findings;
  guint       n_open;           /* findings not closed */
  guint       state : 8;        /* GrInspectionState */
  guint       superseded : 1;   /* a signed correction replaces it */
  guint       pending : 1;      /* signed, its outbox row not yet sent */
  guint       correction : 1;   /* it corrects another record */
} GrInspectionRow;

typedef struct _GrInspectionTable GrInspectionTable;

/* Every inspection (of depot, or all when NULL): drafts first (they wait
 * for someone), then the newest; counted as of today (YYYY-MM-DD). */
GrInspectionTable     *gr_inspection_table_read       (GrStore            *store,
                                                       const char         *depot,
                                                       const char         *today,
                                                       GError            **error);
void                   gr_inspection_table_free       (GrInspectionTable  *table);

guint                  gr_inspection_table_get_n_rows (GrInspectionTable  *table);
/* NULL past the end */
const GrInspectionRow *gr_inspection_table_get_row    (GrInspectionTable  *table,
                                                       guint               index);
/* Signed, not superseded, dated from 1 January of today's year to today. */
guint                  gr_inspection_table_get_n_year    (GrInspectionTable *table);
guint                  gr_inspection_table_get_n_drafts  (GrInspectionTable *table);
/* Signed and waiting in the outbox to be sent. */
guint                  gr_inspection_table_get_n_pending (GrInspectionTable *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrInspectionTable, gr_inspection_table_free)

G_END_DECLS
