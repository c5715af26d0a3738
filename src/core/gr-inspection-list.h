/* gr-inspection-list.h: what the Inspections page lists
 *
 * Inspections with their state, the findings still open (整改) and their
 * closures (销号, append-only), the readings of a bin over time, and the
 * bins of a depot nobody has inspected lately.
 *
 * Decisions where the design is silent:
 *  - A signed inspection is "synced" once the server has it: its outbox
 *    row was acknowledged, or it came from the server (version > 0).
 *  - An inspection corrected by a signed correction is superseded: its
 *    readings leave the history and its findings leave the open list; the
 *    correction's own findings (same ids) take their place. A closure of
 *    a finding of any record of the chain closes it for the whole chain.
 *  - A bin is covered when a signed inspection in the last three months
 *    read it or checked its stock. Coverage lists every bin, those
 *    holding grain now first: they are what a quarter's coverage is
 *    judged on; an empty bin is listed for the record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-store.h"

G_BEGIN_DECLS

typedef enum {
  GR_INSPECTION_DRAFT,     /* local only */
  GR_INSPECTION_SIGNED,    /* signed, waiting to be sent (or never synced: demo) */
  GR_INSPECTION_SYNCED,    /* the server has it */
  GR_INSPECTION_REJECTED,  /* the server refused it; the reason is kept */
} GrInspectionState;

const char *gr_inspection_state_name    (GrInspectionState state);
/* 日常检查, 随机抽查, 定期清查, 联合检查 */
const char *gr_inspection_kind_name     (const char *kind);
/* 一般, 较重, 严重 */
const char *gr_finding_severity_name    (const char *severity);

typedef struct {
  char              *id;
  char              *depot;
  char              *depot_name;
  char              *date;
  char              *kind;
  char              *inspectors;      /* names joined with "、" */
  char              *signed_on;       /* NULL for a draft */
  char              *corrects;        /* the inspection it corrects, or NULL */
  char              *sync_error;      /* why the server refused it, or NULL */
  GrInspectionState  state;
  gboolean           superseded;      /* a signed correction replaces it */
  gboolean           pending;         /* signed, its outbox row not yet sent */
  guint              n_readings;
  guint              n_findings;
  guint              n_open;          /* findings not closed */
} GrInspectionSummary;

void       gr_inspection_summary_free  (GrInspectionSummary *summary);

/* Every inspection (of depot, or all when NULL), newest first. */
GPtrArray *gr_inspection_list          (GrStore      *store,
                                        const char   *depot,
                                        GError      **error);

/* Called with each inspection as it is read; the summary and its strings
 * are only valid during the call. */
typedef void (*GrInspectionSummaryFunc) (const GrInspectionSummary *summary,
                                         gpointer                   user_data);

/* The inspections of gr_inspection_list, one at a time and in no
 * particular order, without keeping them: for a reader that stores and
 * orders them its own way. */
gboolean   gr_inspection_list_foreach  (GrStore                 *store,
                                        const char              *depot,
                                        GrInspectionSummaryFunc  func,
                                        gpointer                 user_data,
                                        GError                 **error);

typedef struct {
  char     *inspection;
  char     *finding;          /* the finding's id within it */
  char     *depot;
  char     *depot_name;
  char     *inspection_date;
  char     *text;
  char     *severity;
  char     *due;
  int       days_overdue;     /* > 0 past due, else 0 */
} GrOpenFinding;

void       gr_open_finding_free        (GrOpenFinding *finding);

/* Findings of signed, current inspections (of depot, or all) without a
 * closure: overdue first (most overdue first), then by due date. */
GPtrArray *gr_open_findings            (GrStore      *store,
                                        const char   *depot,
                                        const char   *today,
                                        GError      **error);

/* Records the closure (整改销号) of a finding: who, when, a note. Refused
 * for a draft, an unknown or closed finding, a date before the inspection
 * or after today. *out_id (may be NULL) gets the closure's id. */
gboolean   gr_finding_close            (GrStore      *store,
                                        const char   *inspection,
                                        const char   *finding,
                                        const char   *closed_on,
                                        const char   *closed_by,
                                        const char   *note,
                                        const char   *today,
                                        char        **out_id,
                                        GError      **error);

/* One reading of a bin in a signed, current inspection. */
typedef struct {
  char   *inspection;
  char   *date;
  double  temp_max_c, temp_avg_c, temp_min_c;   /* NaN when not read */
  double  moisture_pct;
  double  pests_per_kg, main_pests_per_kg;
  char   *pest_class;
} GrReadingPoint;

void       gr_reading_point_free       (GrReadingPoint *point);

/* The readings of bin, oldest first; the latest max_points when more. */
GPtrArray *gr_bin_reading_history      (GrStore      *store,
                                        const char   *bin,
                                        guint         max_points,
                                        GError      **error);

typedef struct {
  char   *bin;
  char   *code;
  char   *depot;
  char   *depot_name;
  char   *storage_tech;
  char   *variety;            /* of its grain now */
  char   *last_inspected;     /* date of the latest signed reading or check, or NULL */
  gboolean covered;           /* last_inspected within the quarter */
  gboolean holding;           /* holds grain now */
} GrBinCoverage;

void       gr_bin_coverage_free        (GrBinCoverage *coverage);

/* Every bin (of depot, or all), those holding grain first, with when it
 * was last inspected; covered when on or after today less three months. */
GPtrArray *gr_inspection_coverage      (GrStore      *store,
                                        const char   *depot,
                                        const char   *today,
                                        GError      **error);
/* today less three months ("2026-11-25" → "2026-08-25"; the end of a
 * shorter month when the day does not exist). */
char      *gr_quarter_before           (const char   *today);

G_END_DECLS
