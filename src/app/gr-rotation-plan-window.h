/* gr-rotation-plan-window.h: the annual rotation plan editor (年度轮换计划)
 *
 * One plan per enterprise and year (DESIGN.md §3): its items (lot,
 * quantity, out month, in month, reason, vacancy extension approved) are
 * added, edited and removed in a form beside the table; each item shows
 * the rule problems the core finds in it (gr_rotation_plan_flags: a
 * vacancy over the limit, a month below the minimum, a lot past its age
 * limit before its out month, a quantity above the balance …), and a
 * chart shows the projected stock ratio month by month under the items
 * (gr-projection.h) against the profile's minimum, both updated while
 * editing.
 *
 * Who may do what follows the window's role (the sync server's when
 * signed in, else the local setting, GSettings "role"; not set counts as
 * the reserve company here): the reserve company saves drafts, asks the
 * planner for a proposal (生成建议: items with their reasons, editable
 * before submitting) and submits, confirming when anything is flagged;
 * the bureau approves or returns a submitted plan, with a comment. The
 * state line says who did what when.
 *
 * Every read and write runs in a worker on its own connection; "changed"
 * is emitted after each write, so the window's pages read again (the
 * timeline shows the plan's items).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gr-charts.h"
#include "gr-rotation-plan.h"

G_BEGIN_DECLS

#define GR_TYPE_ROTATION_PLAN_WINDOW (gr_rotation_plan_window_get_type ())
G_DECLARE_FINAL_TYPE (GrRotationPlanWindow, gr_rotation_plan_window, GR, ROTATION_PLAN_WINDOW, AdwWindow)

/* enterprise NULL: the first; today NULL: the current date (the date of
 * submissions and decisions). */
GrRotationPlanWindow *gr_rotation_plan_window_new       (GtkWindow            *parent,
                                                         const char           *db_path,
                                                         const char           *enterprise,
                                                         int                   year,
                                                         const char           *today);

/* For tests: what the editor holds and shows. */
const GrRotationPlan *gr_rotation_plan_window_get_plan  (GrRotationPlanWindow *self);
/* GrRotationFlag of the items as last checked */
GPtrArray            *gr_rotation_plan_window_get_flags (GrRotationPlanWindow *self);
gboolean              gr_rotation_plan_window_get_busy  (GrRotationPlanWindow *self);
/* Bumped when a plan was read, its flags checked, or a step written. */
guint                 gr_rotation_plan_window_get_n_loads  (GrRotationPlanWindow *self);
guint                 gr_rotation_plan_window_get_n_checks (GrRotationPlanWindow *self);
guint                 gr_rotation_plan_window_get_n_writes (GrRotationPlanWindow *self);
GtkColumnView        *gr_rotation_plan_window_get_table (GrRotationPlanWindow *self);
GrChart              *gr_rotation_plan_window_get_chart (GrRotationPlanWindow *self);
/* The text of the message line (an error, or the planner's problems), or NULL. */
const char           *gr_rotation_plan_window_get_message (GrRotationPlanWindow *self);
/* The plan's sync state as shown beside its state badge, or NULL when hidden. */
const char           *gr_rotation_plan_window_get_sync_text (GrRotationPlanWindow *self);
/* Fills the item form as a user would (lot id; texts as typed). */
void                  gr_rotation_plan_window_fill_item (GrRotationPlanWindow *self,
                                                         const char           *lot,
                                                         const char           *quantity,
                                                         const char           *out_month,
                                                         const char           *in_month,
                                                         const char           *reason,
                                                         gboolean              extension);
void                  gr_rotation_plan_window_select_item (GrRotationPlanWindow *self,
                                                           guint                 index);

G_END_DECLS
