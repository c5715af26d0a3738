/* gr-standards-private.h: what the readers of the standard files share
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-json-check.h"
#include "gr-standards.h"

G_BEGIN_DECLS

struct _GrStandards
{
  gatomicrefcount       ref_count;
  GPtrArray            *roots;      /* JsonNode: every const string points into one */
  GPtrArray            *grading;    /* GrGradingTable (owned, with its arrays) */
  GPtrArray            *storage;    /* GrStorageTable */
  GPtrArray            *templates;  /* GrAssessmentTemplate */
  GPtrArray            *blocks;     /* g_free'd arrays the tables point to */

  /* Inspection standards (gr-standards-inspection.c) */
  GrPestClassTable     *pest_classes;
  GPtrArray            *regimes;    /* GrTemperatureRegime */
  GPtrArray            *moisture;   /* GrSafeMoisture */
  GrStockCheckRule     *stock_check;
  GrChecklist          *checklist;
  char                 *pest_file;  /* where each came from, for messages */
  char                 *stock_check_file;
  char                 *checklist_file;
};

gboolean  _gr_standards_read_status    (GrJsonCheck        *check,
                                        JsonObject         *object,
                                        const char         *path,
                                        GrThresholdStatus  *out);
/* {"value": 79.0, "status": "verified"} at object[key] */
gboolean  _gr_standards_read_threshold (GrJsonCheck        *check,
                                        JsonObject         *object,
                                        const char         *path,
                                        const char         *key,
                                        GrThreshold        *out);
gboolean  _gr_standards_read_key_in    (GrJsonCheck        *check,
                                        JsonObject         *object,
                                        const char         *path,
                                        const char         *key,
                                        const char * const *allowed,
                                        int                *out_index,
                                        const char        **out_text);
/* Keeps the array's data for self's life; returns it. */
gpointer  _gr_standards_keep_array     (GrStandards        *self,
                                        GArray             *array,
                                        guint              *out_len);

/* A "granary-inspection-standard" or "granary-inspection-checklist" file. */
gboolean  _gr_standards_add_inspection (GrStandards        *self,
                                        GrJsonCheck        *check,
                                        JsonObject         *root,
                                        const char         *format);
void      _gr_standards_clear_inspection (GrStandards      *self);

G_END_DECLS
