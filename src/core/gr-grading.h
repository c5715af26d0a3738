/* gr-grading.h: judging a quality test (DESIGN.md §3, §7; DOMAIN.md §1–§2)
 *
 * From a test's indicators (keys of DESIGN.md §7), its variety, the edition
 * it cites and its date: the grade (the grading indicator sets it; where the
 * standard grades a second indicator, such as 不完善粒, the worse grade
 * wins; below the last grade: 等外), whether the general limits are met
 * (limits never lower the grade), and the storage quality (each indicator
 * judged on its own, the worst decides). Every threshold comes from
 * gr-standards; the judgement says when one it rested on is unconfirmed.
 *
 * The edition: the one the test cites when it is held; otherwise the
 * newest edition held for the variety, and the judgement is then
 * unconfirmed (it was not made by the cited edition). Storage quality
 * uses the storage standard in use in the test's year.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "gr-standards.h"

G_BEGIN_DECLS

#define GR_GRADING_MAX_FAILED 16

typedef struct {
  /* Grade */
  const char        *grading_edition;  /* NULL: no grading table for the variety */
  gboolean           edition_fallback; /* the cited edition is not held */
  gboolean           graded;           /* the table grades and the grading indicator was given */
  int                grade;            /* 1 … n when graded and not 等外, else 0 */
  gboolean           substandard;      /* 等外 */
  gboolean           grade_unconfirmed;

  /* Limits (水分, 杂质, 黄粒米, 色泽气味 …) */
  guint              limits_checked;   /* 0: no limit applied */
  gboolean           limits_met;
  const char        *failed[GR_GRADING_MAX_FAILED]; /* indicator keys of the limits not met */
  guint              n_failed;
  gboolean           limits_unconfirmed;

  /* Storage quality */
  const char        *storage_edition;  /* NULL: no storage standard for the variety */
  gboolean           has_storage;      /* a storage indicator was given */
  GrStorageQuality   storage_quality;
  const char        *storage_decider;  /* the indicator with the worst result */
  gboolean           storage_unconfirmed;

  gboolean           unconfirmed;      /* any of the three used an unconfirmed threshold */
} GrJudgement;

/* Checks indicators: known keys of DESIGN.md §7, numbers within physical
 * ranges (a percentage 0–100, 容重 up to 1,200 g/L, …), color_odor one of
 * its values. The error names the key. */
gboolean gr_grading_check_indicators (JsonObject   *indicators,
                                      GError      **error);

/* date: YYYY-MM-DD (its year picks the storage standard). Fails only on
 * bad indicators (gr_grading_check_indicators). */
gboolean gr_grading_judge (GrStandards  *standards,
                           const char   *variety,
                           const char   *standard,
                           const char   *date,
                           JsonObject   *indicators,
                           GrJudgement  *out,
                           GError      **error);

/* The physical range of a numeric indicator (the input check of
 * gr_grading_check_indicators); FALSE for color_odor and unknown keys. */
gboolean    gr_indicator_range (const char *key,
                                double     *out_min,
                                double     *out_max);

/* Translated indicator name, e.g. 出糙率; the key itself when unknown. */
const char *gr_indicator_name (const char *key);

G_END_DECLS
