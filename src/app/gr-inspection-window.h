/* gr-inspection-window.h: the inspection form (检查记录) of a depot
 *
 * Kind, date and inspectors; per bin the grain temperatures, moisture and
 * pests with the pest class and alarms as they are typed; the checklist;
 * the stock check; findings; photos; the sign-off. Every field is saved
 * when it is committed (Enter, leaving it, or a pause in typing), so a
 * crash loses nothing typed before it. A signed record opens read-only,
 * with a way to start its correction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gr-inspection-saver.h"

G_BEGIN_DECLS

#define GR_TYPE_INSPECTION_WINDOW (gr_inspection_window_get_type ())
G_DECLARE_FINAL_TYPE (GrInspectionWindow, gr_inspection_window, GR, INSPECTION_WINDOW, AdwWindow)

/* Opens inspection (an id), or starts a new one, of depot when given
 * (the depot can be chosen otherwise). */
GrInspectionWindow *gr_inspection_window_new        (GtkWindow          *parent,
                                                     const char         *db_path,
                                                     const char         *depot,
                                                     const char         *inspection);

/* For tests: what the window shows and holds. */
const char         *gr_inspection_window_get_id     (GrInspectionWindow *self);
/* "loading", "failed", "start" or "form" */
const char         *gr_inspection_window_get_view   (GrInspectionWindow *self);
gboolean            gr_inspection_window_get_signed (GrInspectionWindow *self);
GrInspectionSaver  *gr_inspection_window_get_saver  (GrInspectionWindow *self);
/* Bumped each time a record was loaded into the form. */
guint               gr_inspection_window_get_n_loads (GrInspectionWindow *self);
/* The entry of a reading field of bin, the note entry is field -1. */
GtkEditable        *gr_inspection_window_get_reading_entry (GrInspectionWindow *self,
                                                            const char         *bin,
                                                            int                 field);
GtkWidget          *gr_inspection_window_get_dangerous_check (GrInspectionWindow *self,
                                                              const char         *bin);
/* The pest class and alarms shown for bin. */
const char         *gr_inspection_window_get_pest_class_text (GrInspectionWindow *self,
                                                              const char         *bin);
const char         *gr_inspection_window_get_alarms_text     (GrInspectionWindow *self,
                                                              const char         *bin);
GtkEditable        *gr_inspection_window_get_quantity_entry  (GrInspectionWindow *self,
                                                              const char         *bin,
                                                              GrQuantityField     field);
const char         *gr_inspection_window_get_quantity_text   (GrInspectionWindow *self,
                                                              const char         *bin);
/* The toggle of a checklist item's answer ("pass", "fail", "na"). */
GtkToggleButton    *gr_inspection_window_get_check_toggle    (GrInspectionWindow *self,
                                                              const char         *item,
                                                              const char         *result);
GtkEditable        *gr_inspection_window_get_general_entry   (GrInspectionWindow *self,
                                                              const char         *name);
const char         *gr_inspection_window_get_error_text      (GrInspectionWindow *self);
/* Commits every field being typed in now (as leaving it would). */
void                gr_inspection_window_commit_all          (GrInspectionWindow *self);

G_END_DECLS
