/* gr-inspection-saver.h: the inspection form's writes, one after another
 *
 * The form hands over each field the inspector commits (Enter, leaving
 * the field, or a pause in typing) as a GrSaveOp. The saver keeps them in
 * order and applies them in a worker thread (gr-store-task.h), each in its
 * own transaction through gr-inspection.h, so the main loop never waits
 * on SQLite and a crash loses at most what was still being typed. A
 * change of a field that is still waiting replaces the waiting one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "gr-inspection.h"

G_BEGIN_DECLS

typedef enum {
  GR_SAVE_DATE,            /* text */
  GR_SAVE_KIND,            /* text */
  GR_SAVE_INSPECTORS,      /* names */
  GR_SAVE_READING,         /* bin, field, value */
  GR_SAVE_NOTE,            /* bin, text */
  GR_SAVE_DANGEROUS,       /* bin, flag */
  GR_SAVE_QUANTITY,        /* bin, field, kg */
  GR_SAVE_CHECK,           /* text (item), text2 (result or NULL) */
  GR_SAVE_FINDING,         /* finding, text, text2 (severity), text3 (due) */
  GR_SAVE_FINDING_REMOVE,  /* finding */
  GR_SAVE_PHOTO_ADD,       /* text (path) → result (hash) */
  GR_SAVE_PHOTO_REMOVE,    /* text (hash) */
  GR_SAVE_SIGN,            /* text (representative), text2 (date) */
  GR_SAVE_DISCARD,
} GrSaveOpKind;

/* A finding of the form: its id is known once the worker added it. */
typedef struct _GrFindingRef GrFindingRef;

GrFindingRef *gr_finding_ref_new      (const char   *id);
GrFindingRef *gr_finding_ref_ref      (GrFindingRef *ref);
void          gr_finding_ref_unref    (GrFindingRef *ref);
/* NULL until saved. */
const char   *gr_finding_ref_get_id   (GrFindingRef *ref);

typedef struct {
  gatomicrefcount  ref_count;
  GrSaveOpKind     kind;
  char            *bin;
  int              field;       /* GrReadingField or GrQuantityField */
  double           value;
  gint64           kg;
  gboolean         flag;
  char            *text;
  char            *text2;
  char            *text3;
  char           **names;
  GrFindingRef    *finding;
  gpointer         tag;         /* the caller's, e.g. the widget (main thread only) */

  /* Set by the worker */
  char            *error;       /* one line, or NULL when saved */
  char            *result;      /* the new photo's hash */
} GrSaveOp;

GrSaveOp   *gr_save_op_new             (GrSaveOpKind  kind);
GrSaveOp   *gr_save_op_ref             (GrSaveOp     *op);
void        gr_save_op_unref           (GrSaveOp     *op);

#define GR_TYPE_INSPECTION_SAVER (gr_inspection_saver_get_type ())
G_DECLARE_FINAL_TYPE (GrInspectionSaver, gr_inspection_saver, GR, INSPECTION_SAVER, GObject)

/* today: the date nothing may be after (NULL: the clock's). */
GrInspectionSaver *gr_inspection_saver_new    (const char        *db_path,
                                               const char        *inspection_id,
                                               GrStandards       *standards,
                                               const char        *today);
/* Queues op (takes the reference); it is sent at once when idle. */
void               gr_inspection_saver_push   (GrInspectionSaver *self,
                                               GrSaveOp          *op);
/* Whether a write is running or waiting. */
gboolean           gr_inspection_saver_get_busy (GrInspectionSaver *self);
/* What would stop the sign-off after the latest write, or NULL. */
const char        *gr_inspection_saver_get_incomplete (GrInspectionSaver *self);
/* Operations applied since the saver was made (tests wait on it). */
guint              gr_inspection_saver_get_n_done (GrInspectionSaver *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrSaveOp, gr_save_op_unref)

G_END_DECLS
