/* gr-grading-report.h: the grades of a database (`granary-cli grade`, the
 * Grading page) and recording a quality test (DESIGN.md §7 `grade`)
 *
 * Each lot is judged from its latest quality test (by date, then the
 * order recorded); each depot shows its current level and the total of the
 * final scoring stage of its latest decided assessment (province for AAA
 * and above, else city).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-grading.h"
#include "gr-grading-depot.h"
#include "gr-store.h"

G_BEGIN_DECLS

typedef struct {
  char        *lot;
  char        *variety;
  char        *depot;
  gint64       balance_kg;
  char        *test;       /* NULL: never tested */
  char        *test_date;
  char        *standard;   /* the edition the test cites */
  gboolean     judged;     /* a test, and a standard held for its variety */
  GrJudgement  judgement;  /* meaningful when judged; its strings live in the GrStandards */
} GrLotGrade;

typedef struct {
  char        *depot;
  char        *name;
  int          level;            /* 0 none … 5 AAAAA */
  gint64       stock_kg;         /* the balance of its lots */
  char        *assessment;       /* latest decided assessment, or NULL */
  char        *decided_on;
  int          declared_level;
  GrAssessmentState state;
  gboolean     has_score;
  double       score;            /* the final stage's total */
  char        *scores;           /* the assessment's scores (JSON text), or NULL */
  int          previous_level;   /* the level before the latest decision (trend) */
} GrDepotGrade;

void        gr_lot_grade_free   (GrLotGrade   *grade);
void        gr_depot_grade_free (GrDepotGrade *grade);

/* Every live lot, in id order. */
GPtrArray  *gr_grading_lots   (GrStore      *store,
                               GrStandards  *standards,
                               GError      **error);
/* Every live depot, in code then id order. */
GPtrArray  *gr_grading_depots (GrStore      *store,
                               GError      **error);

/* The report of DESIGN.md §7 as JSON (one document) or text. */
char       *gr_grading_to_json (GPtrArray *lots,
                                GPtrArray *depots,
                                gboolean   pretty);
char       *gr_grading_to_text (GPtrArray *lots,
                                GPtrArray *depots);

/* The share of depots, and of their stock, at AAA or better. */
void        gr_grading_coverage (GPtrArray *depots,
                                 guint     *out_at_aaa,
                                 double    *out_depot_share,
                                 double    *out_tonnage_share);

/* Records a quality test (a dataset record of DESIGN.md §7: lot, date,
 * standard, indicators, …) and, when it is the lot's latest, sets the
 * lot's grade, substandard and storage_quality from its judgement, all
 * in one transaction; earlier tests stay as they were. Bad input is
 * refused and changes nothing. */
gboolean    gr_grading_record_test (GrStore      *store,
                                    GrStandards  *standards,
                                    JsonNode     *test,
                                    GError      **error);

G_END_DECLS
