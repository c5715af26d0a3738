/* gr-variety.h: grain varieties, their classes and grade ranges (DESIGN.md §3)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  GR_CLASS_RAW,       /* 原粮 */
  GR_CLASS_FINISHED,  /* 成品粮 */
  GR_CLASS_OIL,       /* 食用油 */
} GrGrainClass;

/* NULL-terminated list of every variety code, in display order. */
const char * const *gr_variety_codes     (void);
gboolean            gr_variety_is_valid  (const char   *code);
GrGrainClass        gr_variety_class     (const char   *code);
/* Translated display name, e.g. 中晚籼稻 */
const char         *gr_variety_name      (const char   *code);
const char         *gr_grain_class_name  (GrGrainClass  klass);
/* Best and worst grade for the class: raw 1–5, rice and flour 1–3, oil 1–4. */
int                 gr_variety_max_grade (const char   *code);
/* Translated grade name for the variety, e.g. 三等 / 标准粉 / 二级 */
char               *gr_variety_grade_name (const char  *code,
                                           int          grade);

G_END_DECLS
