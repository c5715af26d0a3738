/* gr-regions.h: the regulation profiles and region targets the app offers
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *id;        /* file name in data/profiles or data/targets, without .json */
  const char *name;      /* untranslated: use gr_region_choice_name () */
  const char *document;  /* untranslated title of the source document */
} GrRegionChoice;

const GrRegionChoice *gr_profile_choices       (guint       *n_choices);
const GrRegionChoice *gr_target_choices        (guint       *n_choices);
/* The choice with that id, or NULL */
const GrRegionChoice *gr_region_choice_lookup  (const GrRegionChoice *choices,
                                                guint                 n_choices,
                                                const char           *id);
/* Translated name of a profile or targets id; an unknown id is shown as is. */
const char           *gr_profile_display_name  (const char  *id);
const char           *gr_target_display_name   (const char  *id);
/* Where a known profile's rules hold, short ("Dongguan"), translated; NULL
 * for an id we do not know. */
const char           *gr_profile_short_name    (const char  *id);

G_END_DECLS
