/* gr-rotation-page.h: the Rotation page (轮换): the timeline of lots, the
 * open vacancies and release orders with their first-in-first-out
 * allocation, and the annual rotation plan
 *
 * The page reads the ledger into a GrTimeline in a worker (on its own
 * connection) when it is first shown and after gr_rotation_page_reload();
 * filtering and grouping run in a worker too, and the result is handed
 * to the timeline and the lists in one swap.
 *
 * A summary line counts, for the lots and places filtered, what a reserve
 * manager acts on first: lots past their limit, lots to rotate out by the
 * end of the year, lots due next year, vacancies past their deadline or
 * open, release orders not yet replenished.
 *
 * The vacancy list shows the open vacancies, then those filled since 1
 * January of the as-of year (the latest 200: a province fills tens of
 * thousands); the order list the orders not yet replenished, then those
 * completed since then.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gr-timeline.h"
#include "gr-timeline-view.h"

G_BEGIN_DECLS

#define GR_TYPE_ROTATION_PAGE (gr_rotation_page_get_type ())
G_DECLARE_FINAL_TYPE (GrRotationPage, gr_rotation_page, GR, ROTATION_PAGE, AdwBin)

void            gr_rotation_page_set_db_path   (GrRotationPage     *self,
                                                const char         *db_path);
/* The date the page reads the ledger as of (NULL: today). */
void            gr_rotation_page_set_as_of     (GrRotationPage     *self,
                                                const char         *as_of);
/* Reads the database again (now if the page is shown, else when it is). */
void            gr_rotation_page_reload        (GrRotationPage     *self);

/* The filter of the page's controls; NULL: any. */
void            gr_rotation_page_set_filter    (GrRotationPage     *self,
                                                const char         *enterprise,
                                                const char         *depot,
                                                const char         *variety);
void            gr_rotation_page_set_attention (GrRotationPage     *self,
                                                gboolean            attention);
void            gr_rotation_page_set_grouping  (GrRotationPage     *self,
                                                GrTimelineGrouping  grouping);

/* TRUE while reading or grouping. */
gboolean        gr_rotation_page_get_busy      (GrRotationPage     *self);
/* Bumped each time what is shown was replaced (tests wait on it). */
guint           gr_rotation_page_get_n_shown   (GrRotationPage     *self);
/* "main", "empty", "error" or "loading" */
const char     *gr_rotation_page_get_view      (GrRotationPage     *self);

/* For tests: what is shown. */
GrTimeline     *gr_rotation_page_get_timeline  (GrRotationPage     *self);
GrTimelineView *gr_rotation_page_get_timeline_view (GrRotationPage *self);
/* GrRotationEntry items */
GListModel     *gr_rotation_page_get_vacancies (GrRotationPage     *self);
GListModel     *gr_rotation_page_get_orders    (GrRotationPage     *self);
GtkWidget      *gr_rotation_page_get_summary   (GrRotationPage     *self);
GtkListView    *gr_rotation_page_get_vacancy_list (GrRotationPage  *self);
GtkListView    *gr_rotation_page_get_order_list   (GrRotationPage  *self);

G_END_DECLS
