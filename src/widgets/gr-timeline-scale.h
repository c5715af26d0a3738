/* gr-timeline-scale.h: the time scale a timeline's axis and rows share
 *
 * Days map to x linearly: x = (day − origin) × pixels per day, in the
 * content's coordinates; the horizontal adjustment's value is the x at
 * the left edge of what is seen, its page size the width seen. The zoom
 * goes from years (the whole history on a screen) to months (a month a
 * hand wide) in GR_TIMELINE_N_ZOOM steps.
 *
 * The geometry of a zoom level (its width and its ticks with their
 * labels, Chinese month and year names once translated) is computed once
 * when the level or the range changes, never while drawing; rows only
 * multiply. "changed" is emitted then; the adjustment's value-changed
 * when scrolling.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gr-timeline.h"

G_BEGIN_DECLS

#define GR_TIMELINE_N_ZOOM 5

typedef enum {
  GR_TIMELINE_TICK_YEAR,      /* 1 January */
  GR_TIMELINE_TICK_QUARTER,   /* 1 April, July, October */
  GR_TIMELINE_TICK_MONTH,
} GrTimelineTickKind;

typedef struct {
  GrTimelineDay       day;
  double              x;         /* content coordinates */
  GrTimelineTickKind  kind;
  const char         *label;       /* the month's, NULL when there is no room */
  const char         *year_label;  /* year ticks: the year */
} GrTimelineTick;

#define GR_TYPE_TIMELINE_SCALE (gr_timeline_scale_get_type ())
G_DECLARE_FINAL_TYPE (GrTimelineScale, gr_timeline_scale, GR, TIMELINE_SCALE, GObject)

GrTimelineScale *gr_timeline_scale_new            (void);

/* The days to show: widened to whole years, with a year after last. */
void             gr_timeline_scale_set_range      (GrTimelineScale *self,
                                                   GrTimelineDay    first,
                                                   GrTimelineDay    last);
GrTimelineDay    gr_timeline_scale_get_origin     (GrTimelineScale *self);
GrTimelineDay    gr_timeline_scale_get_end        (GrTimelineScale *self);
void             gr_timeline_scale_set_today      (GrTimelineScale *self,
                                                   GrTimelineDay    today);
GrTimelineDay    gr_timeline_scale_get_today      (GrTimelineScale *self);

/* 0 (years) … GR_TIMELINE_N_ZOOM − 1 (months). Zooming keeps the day at
 * anchor_x (view coordinates; < 0: the middle) where it was. */
void             gr_timeline_scale_set_zoom       (GrTimelineScale *self,
                                                   int              zoom,
                                                   double           anchor_x);
int              gr_timeline_scale_get_zoom       (GrTimelineScale *self);
double           gr_timeline_scale_get_pixels_per_day (GrTimelineScale *self);
/* The width of the whole range at the current zoom. */
double           gr_timeline_scale_get_width      (GrTimelineScale *self);

GtkAdjustment   *gr_timeline_scale_get_adjustment (GrTimelineScale *self);
/* The width seen (the adjustment's page size). */
void             gr_timeline_scale_set_view_width (GrTimelineScale *self,
                                                   double           width);
/* Scrolls so that day is at fraction (0–1) of the width seen. */
void             gr_timeline_scale_scroll_to      (GrTimelineScale *self,
                                                   GrTimelineDay    day,
                                                   double           fraction);

/* Content x of a day; view x (content x − the scroll offset). */
double           gr_timeline_scale_day_to_x       (GrTimelineScale *self,
                                                   GrTimelineDay    day);
double           gr_timeline_scale_day_to_view    (GrTimelineScale *self,
                                                   GrTimelineDay    day);
/* The day at a view x (clamped to the range). */
GrTimelineDay    gr_timeline_scale_view_to_day    (GrTimelineScale *self,
                                                   double           view_x);

/* The ticks of the current zoom (transfer none). */
const GrTimelineTick *gr_timeline_scale_get_ticks (GrTimelineScale *self,
                                                   guint           *n_ticks);

/* "3月" (translated; "Mar" in English) for a month 1–12. */
const char      *gr_timeline_month_name           (int              month);
/* "2026年3月" for a month index (year × 12 + month − 1). */
char            *gr_timeline_format_month         (int              month_index);
/* "2026年3月5日" */
char            *gr_timeline_format_day           (GrTimelineDay    day);

G_END_DECLS
