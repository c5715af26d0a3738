/* gr-regions.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-regions"

#include "config.h"

#include <glib/gi18n.h>

#include "gr-regions.h"

/* The documents of DESIGN.md §4: one profile per regulation, ids as the
 * file names in data/profiles/. */
static const GrRegionChoice profiles[] = {
  /* TRANSLATORS: a regulation profile: the city and the year of its regulation */
  { "dongguan-2025", N_("Dongguan 2025"),
    /* TRANSLATORS: title of 东府规〔2025〕5号 */
    N_("Dongguan Government Grain Reserve Measures (2025)") },
  /* TRANSLATORS: a regulation profile: the city and the year of its regulation */
  { "zhongshan-2026", N_("Zhongshan 2026"),
    /* TRANSLATORS: title of 中发改粮管〔2026〕101号 */
    N_("Zhongshan Municipal Reserve Grain Autonomous Rotation Rules (2026)") },
  /* TRANSLATORS: a regulation profile: the district and the year of its regulation */
  { "nanchang-gxq-2022", N_("Nanchang High-tech Zone 2022"),
    /* TRANSLATORS: title of 洪高新管字〔2022〕34号 */
    N_("Nanchang High-tech Zone District Reserve Grain Measures (revised 2022)") },
};

static const GrRegionChoice targets[] = {
  /* TRANSLATORS: region targets: 清远市“十四五”规划 */
  { "qingyuan-14th", N_("Qingyuan 14th Five-Year Plan"),
    /* TRANSLATORS: title of the Qingyuan plan */
    N_("Qingyuan Grain Security and Emergency Supplies 14th Five-Year Plan") },
};

/* Where a profile's rules hold, short, for labels such as the minimum
 * line of a chart: "70% 东莞 第十五条". */
static const struct {
  const char *id;
  const char *name;
} profile_places[] = {
  /* TRANSLATORS: the city of a regulation profile, short, in chart labels: 东莞 */
  { "dongguan-2025", N_("Dongguan") },
  /* TRANSLATORS: the city of a regulation profile, short, in chart labels: 中山 */
  { "zhongshan-2026", N_("Zhongshan") },
  /* TRANSLATORS: the district of a regulation profile, short, in chart labels: 南昌高新区 */
  { "nanchang-gxq-2022", N_("Nanchang High-tech Zone") },
};

const GrRegionChoice *
gr_profile_choices (guint *n_choices)
{
  *n_choices = G_N_ELEMENTS (profiles);
  return profiles;
}

const GrRegionChoice *
gr_target_choices (guint *n_choices)
{
  *n_choices = G_N_ELEMENTS (targets);
  return targets;
}

const GrRegionChoice *
gr_region_choice_lookup (const GrRegionChoice *choices,
                         guint                 n_choices,
                         const char           *id)
{
  for (guint i = 0; id != NULL && i < n_choices; i++)
    if (g_str_equal (choices[i].id, id))
      return &choices[i];
  return NULL;
}

const char *
gr_profile_display_name (const char *id)
{
  const GrRegionChoice *choice = gr_region_choice_lookup (profiles, G_N_ELEMENTS (profiles), id);

  return choice ? _(choice->name) : id;
}

const char *
gr_target_display_name (const char *id)
{
  const GrRegionChoice *choice = gr_region_choice_lookup (targets, G_N_ELEMENTS (targets), id);

  return choice ? _(choice->name) : id;
}

const char *
gr_profile_short_name (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (profile_places); i++)
    if (g_str_equal (profile_places[i].id, id))
      return _(profile_places[i].name);
  return NULL;
}
