/* gr-movement-dialog.h: recording one movement of a lot (出入库登记)
 *
 * A small modal window with a form. Saving reads the form, checks the
 * movement in a worker (refusals: the form stays as typed, with the reason
 * under it; warnings: shown with their numbers, and the button becomes
 * "Save Anyway"), then records it. Any edit after a warning asks again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gr-lot-detail.h"

G_BEGIN_DECLS

#define GR_TYPE_MOVEMENT_DIALOG (gr_movement_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GrMovementDialog, gr_movement_dialog, GR, MOVEMENT_DIALOG, AdwWindow)

/* today: the latest date allowed, YYYY-MM-DD (NULL: today). Emits
 * "recorded" (movement id, a sentence saying what was recorded) once the
 * movement is written, then closes. */
GrMovementDialog *gr_movement_dialog_new         (GtkWindow         *parent,
                                                  const char        *db_path,
                                                  const GrLotDetail *lot,
                                                  const char        *today);
/* For tests: fill the form as a user would, and press Save. */
void              gr_movement_dialog_fill        (GrMovementDialog  *self,
                                                  const char        *kind,
                                                  const char        *date,
                                                  const char        *quantity);
void              gr_movement_dialog_save        (GrMovementDialog  *self);
gboolean          gr_movement_dialog_get_busy    (GrMovementDialog  *self);
/* The error or warnings shown, or NULL */
const char       *gr_movement_dialog_get_message (GrMovementDialog  *self);
/* TRUE after warnings: the next save records anyway */
gboolean          gr_movement_dialog_get_warned  (GrMovementDialog  *self);
const char       *gr_movement_dialog_get_quantity_text (GrMovementDialog *self);
/* What the rotate-in or replenishment typed would answer (the vacancies it
 * closes, the release orders it counts towards), shown under the form;
 * NULL for other kinds or until the preview has been read. */
const char       *gr_movement_dialog_get_allocation (GrMovementDialog *self);

G_END_DECLS
