/* gr-date-button.h: the date a page's figures are for, chosen in a calendar
 *
 * A button that reads "As of 2026年11月25日" and opens a calendar with a
 * Today button. The date is YYYY-MM-DD; NULL means today, whatever day
 * that is when the figures are read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GR_TYPE_DATE_BUTTON (gr_date_button_get_type ())
G_DECLARE_FINAL_TYPE (GrDateButton, gr_date_button, GR, DATE_BUTTON, AdwBin)

GtkWidget  *gr_date_button_new      (void);
/* YYYY-MM-DD, or NULL for today */
const char *gr_date_button_get_date (GrDateButton *self);
void        gr_date_button_set_date (GrDateButton *self,
                                     const char   *date);

G_END_DECLS
