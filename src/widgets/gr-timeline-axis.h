/* gr-timeline-axis.h: the time axis above the timeline's rows
 *
 * Years on the upper line (the year at the left edge stays in view),
 * months or quarters on the lower one as the zoom allows, and the today
 * mark; all from the shared scale's ticks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gr-timeline-scale.h"

G_BEGIN_DECLS

#define GR_TYPE_TIMELINE_AXIS (gr_timeline_axis_get_type ())
G_DECLARE_FINAL_TYPE (GrTimelineAxis, gr_timeline_axis, GR, TIMELINE_AXIS, GtkWidget)

GtkWidget *gr_timeline_axis_new (GrTimelineScale *scale);

G_END_DECLS
