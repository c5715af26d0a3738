/* gr-inspection.h: an inspection (检查记录), from draft to signed record
 *
 * Field staff fill an inspection where there is no network (Nanchang
 * 第四十八条: 日常检查、随机抽查、定期清查、联合检查; Zhongshan 第二十九条). A
 * GrInspection is one inspection bound to a store. Every setter checks its
 * input first (a bad value is refused with a one-line error and changes
 * nothing), then writes the whole record at once in its own small
 * transaction, so a crash or a kill loses nothing that a setter accepted.
 *
 * A draft stays local: the record writer adds no outbox row for it
 * (gr-outbox.h). Signing (签字确认 by the inspectors and the depot's
 * representative, Nanchang 第四十八条) freezes the record and, in the same
 * transaction, queues it for sync as an append-only record (SYNC.md §3.6).
 * A signed record is never changed: a correction is a new inspection whose
 * "corrects" names it.
 *
 * Decisions where the design is silent:
 *  - signed_by lists the inspectors who sign, then the depot's
 *    representative; the time of the signature is the record's
 *    updated_at, which nothing changes afterwards.
 *  - The pest class of a reading follows its densities (GB/T 29890 table
 *    of gr-standards.h) unless the inspector marks 危险虫粮 (quarantine or
 *    especially dangerous pests), which no density can show.
 *  - Finding ids are F1, F2, … within an inspection; a correction keeps
 *    the ids of the findings it repeats, so a closure recorded against
 *    the corrected record still closes them.
 *  - Consistency between values (the lowest temperature not above the
 *    average, main pests not more than all pests, a quantity check with
 *    both figures) is checked at sign-off, not while typing, so values
 *    can be entered in any order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-dataset.h"
#include "gr-inspection-judge.h"
#include "gr-standards.h"
#include "gr-store.h"

G_BEGIN_DECLS

/* A photo may be at most 10 MiB (SYNC.md §6, the server's limit too). */
#define GR_PHOTO_MAX_BYTES (10 * 1024 * 1024)

typedef enum {
  GR_READING_TEMP_MAX,     /* grain_temp_max_c */
  GR_READING_TEMP_AVG,     /* grain_temp_avg_c */
  GR_READING_TEMP_MIN,     /* grain_temp_min_c */
  GR_READING_MOISTURE,     /* moisture_pct */
  GR_READING_PESTS,        /* pests_per_kg */
  GR_READING_MAIN_PESTS,   /* main_pests_per_kg */
  GR_READING_AIRTIGHTNESS, /* airtightness_s */
} GrReadingField;

/* The dataset name of a reading field. */
const char   *gr_reading_field_name       (GrReadingField field);

typedef enum {
  GR_QUANTITY_MEASURED,    /* measured_t */
  GR_QUANTITY_BOOK,        /* book_t */
} GrQuantityField;

/* A bin of the inspection's depot, as the form shows it. */
typedef struct {
  char   *id;
  char   *code;
  char   *type;          /* warehouse, silo, tank */
  char   *storage_tech;
  char   *variety;       /* of the grain it holds now, or NULL when empty */
  gint64  book_kg;       /* stock on the books on the inspection's date */
} GrInspectionBin;

typedef struct _GrInspection GrInspection;

/* A new draft for depot, saved at once. today is the date the
 * inspection may not be after (NULL: the clock's). */
GrInspection *gr_inspection_create          (GrStore       *store,
                                             GrStandards   *standards,
                                             const char    *depot,
                                             const char    *date,
                                             const char    *kind,
                                             const char    *today,
                                             GError       **error);
/* The inspection with this id (draft or signed). */
GrInspection *gr_inspection_open            (GrStore       *store,
                                             GrStandards   *standards,
                                             const char    *id,
                                             const char    *today,
                                             GError       **error);
/* A new draft correcting the signed inspection id: a copy of its content
 * with "corrects" set. When a draft correction of it exists already, that
 * one is opened instead. */
GrInspection *gr_inspection_correct         (GrStore       *store,
                                             GrStandards   *standards,
                                             const char    *id,
                                             const char    *today,
                                             GError       **error);
void          gr_inspection_free            (GrInspection  *self);

const char     *gr_inspection_get_id        (GrInspection  *self);
const GrRecord *gr_inspection_get_record    (GrInspection  *self);
gboolean        gr_inspection_is_signed     (GrInspection  *self);
const char     *gr_inspection_get_depot_name (GrInspection *self);
/* The depot's bins in code order (GrInspectionBin, owned by self). */
GPtrArray      *gr_inspection_get_bins      (GrInspection  *self);
const GrInspectionBin *gr_inspection_find_bin (GrInspection *self,
                                               const char   *bin);

/* The reading of bin, or NULL when none was taken. */
const GrRecord *gr_inspection_get_reading   (GrInspection  *self,
                                             const char    *bin);
void            gr_inspection_get_reading_values (GrInspection    *self,
                                                  const char      *bin,
                                                  GrReadingValues *out);
/* The alarms of bin's reading (GrAlarm). */
GPtrArray      *gr_inspection_reading_alarms (GrInspection *self,
                                              const char   *bin);
/* The stock check of bin; FALSE when it lacks a figure. */
gboolean        gr_inspection_judge_quantity (GrInspection        *self,
                                              const char          *bin,
                                              GrQuantityJudgement *out);
/* "pass", "fail", "na" or NULL (not answered). */
const char     *gr_inspection_get_check     (GrInspection  *self,
                                             const char    *item);

/* ---- Edits of a draft: each checks, then saves at once ---- */

gboolean gr_inspection_set_date       (GrInspection  *self,
                                       const char    *date,
                                       GError       **error);
gboolean gr_inspection_set_kind       (GrInspection  *self,
                                       const char    *kind,
                                       GError       **error);
/* Names as typed; empty ones are dropped, a name given twice refused. */
gboolean gr_inspection_set_inspectors (GrInspection  *self,
                                       const char * const *names,
                                       GError       **error);
/* value NaN clears it. A reading with no value left is removed. */
gboolean gr_inspection_set_reading    (GrInspection  *self,
                                       const char    *bin,
                                       GrReadingField field,
                                       double         value,
                                       GError       **error);
gboolean gr_inspection_set_reading_note (GrInspection *self,
                                         const char   *bin,
                                         const char   *note,
                                         GError      **error);
/* Quarantine-listed or especially dangerous pests found: 危险虫粮. */
gboolean gr_inspection_set_dangerous_pests (GrInspection *self,
                                            const char   *bin,
                                            gboolean      dangerous,
                                            GError      **error);
/* kg < 0 clears it. A check with no figure left is removed. */
gboolean gr_inspection_set_quantity   (GrInspection   *self,
                                       const char     *bin,
                                       GrQuantityField field,
                                       gint64          kg,
                                       GError        **error);
/* result "pass", "fail", "na", or NULL to clear; item a checklist id. */
gboolean gr_inspection_set_check      (GrInspection  *self,
                                       const char    *item,
                                       const char    *result,
                                       GError       **error);
/* *out_id (may be NULL) gets the new finding's id. */
gboolean gr_inspection_add_finding    (GrInspection  *self,
                                       const char    *text,
                                       const char    *severity,
                                       const char    *due,
                                       char         **out_id,
                                       GError       **error);
gboolean gr_inspection_update_finding (GrInspection  *self,
                                       const char    *id,
                                       const char    *text,
                                       const char    *severity,
                                       const char    *due,
                                       GError       **error);
gboolean gr_inspection_remove_finding (GrInspection  *self,
                                       const char    *id,
                                       GError       **error);
/* Stores the file by its content hash (gr-inspection-photo.h) and lists
 * it; *out_hash (may be NULL) gets the hash. */
gboolean gr_inspection_add_photo      (GrInspection  *self,
                                       const char    *path,
                                       char         **out_hash,
                                       GError       **error);
gboolean gr_inspection_remove_photo   (GrInspection  *self,
                                       const char    *hash,
                                       GError       **error);

/* What signing would refuse, as one line, or NULL when it can be signed
 * (the representative and date are checked by gr_inspection_sign). */
char    *gr_inspection_check_complete (GrInspection  *self);
/* Signs: signed_by = the inspectors, then representative; signed_on.
 * Freezes the record and queues it for sync. */
gboolean gr_inspection_sign           (GrInspection  *self,
                                       const char    *representative,
                                       const char    *signed_on,
                                       GError       **error);
/* Deletes a draft (it was never sent anywhere). */
gboolean gr_inspection_discard        (GrInspection  *self,
                                       GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrInspection, gr_inspection_free)

G_END_DECLS
