/* gr-rotation-entry.h: a vacancy or a release order in the Rotation page's lists
 *
 * Borrows its record from a GrTimeline, which it keeps alive.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gr-timeline.h"

G_BEGIN_DECLS

#define GR_TYPE_ROTATION_ENTRY (gr_rotation_entry_get_type ())
G_DECLARE_FINAL_TYPE (GrRotationEntry, gr_rotation_entry, GR, ROTATION_ENTRY, GObject)

GrRotationEntry   *gr_rotation_entry_new_vacancy (GrTimeline        *timeline,
                                                  GrTimelineVacancy *vacancy);
GrRotationEntry   *gr_rotation_entry_new_order   (GrTimeline        *timeline,
                                                  GrTimelineOrder   *order);
/* Takes the record of other (and a reference to its timeline), and emits
 * "changed": a list's entries take a newer reading in place, so that the
 * rows of the list keep their widgets. */
void               gr_rotation_entry_assign      (GrRotationEntry   *self,
                                                  GrRotationEntry   *other);
GrTimeline        *gr_rotation_entry_get_timeline (GrRotationEntry  *self);
/* One of the two is NULL. */
GrTimelineVacancy *gr_rotation_entry_get_vacancy (GrRotationEntry   *self);
GrTimelineOrder   *gr_rotation_entry_get_order   (GrRotationEntry   *self);

/* The texts of its row: what it is, where it stands (days left or
 * overdue), its dates, and the FIFO allocation (which rotate-ins filled
 * the vacancy, which replenishments answered the order). status_class
 * is "violation", "warning" or "ok". */
char              *gr_rotation_entry_dup_title   (GrRotationEntry   *self);
char              *gr_rotation_entry_dup_status  (GrRotationEntry   *self,
                                                  const char       **status_class);
char              *gr_rotation_entry_dup_detail  (GrRotationEntry   *self);
char              *gr_rotation_entry_dup_allocation (GrRotationEntry *self);

G_END_DECLS
