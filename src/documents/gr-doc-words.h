/* gr-doc-words.h: the Chinese words of the printed forms
 *
 * Reports, statements and information cards are filed with and hung up
 * for Chinese authorities, so the documents are written in Chinese
 * whatever the language of the desktop: these are the names the
 * regulations and DESIGN.md §3 use for the coded values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 中晚籼稻 for "paddy_late_indica"; an unknown code as it is. */
const char *gr_doc_variety_name         (const char *variety);
/* 三等（中等）, 一级, 标准粉; 等外 for a substandard lot or no grade. */
char       *gr_doc_grade_name           (const char *variety,
                                         int         grade,
                                         gboolean    substandard);
/* 宜存, 轻度不宜存, 重度不宜存 */
const char *gr_doc_storage_quality_name (const char *quality);
/* 2026年10月 from "2026-10" */
char       *gr_doc_month_name           (const char *month);
/* 2026年10月5日 from "2026-10-05" */
char       *gr_doc_date_name            (const char *date);

G_END_DECLS
