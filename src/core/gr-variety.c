/* gr-variety.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-variety"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-variety.h"

typedef struct {
  const char   *code;
  GrGrainClass  klass;
  const char   *name;
} Variety;

static const Variety varieties[] = {
  { "paddy_early_indica", GR_CLASS_RAW,      N_("Early indica paddy") },
  { "paddy_late_indica",  GR_CLASS_RAW,      N_("Mid/late indica paddy") },
  { "paddy_japonica",     GR_CLASS_RAW,      N_("Japonica paddy") },
  { "wheat",              GR_CLASS_RAW,      N_("Wheat") },
  { "corn",               GR_CLASS_RAW,      N_("Corn") },
  { "soybean",            GR_CLASS_RAW,      N_("Soybean") },
  { "rice",               GR_CLASS_FINISHED, N_("Rice") },
  { "flour",              GR_CLASS_FINISHED, N_("Wheat flour") },
  { "oil_peanut",         GR_CLASS_OIL,      N_("Peanut oil") },
  { "oil_rapeseed",       GR_CLASS_OIL,      N_("Rapeseed oil") },
  { "oil_soybean",        GR_CLASS_OIL,      N_("Soybean oil") },
  { "oil_palm",           GR_CLASS_OIL,      N_("Palm oil") },
  { "oil_blend",          GR_CLASS_OIL,      N_("Blended oil") },
};

static const char * const codes[] = {
  "paddy_early_indica", "paddy_late_indica", "paddy_japonica", "wheat", "corn",
  "soybean", "rice", "flour", "oil_peanut", "oil_rapeseed", "oil_soybean",
  "oil_palm", "oil_blend", NULL
};

static const Variety *
lookup (const char *code)
{
  if (code == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (varieties); i++)
    if (strcmp (varieties[i].code, code) == 0)
      return &varieties[i];
  return NULL;
}

const char * const *
gr_variety_codes (void)
{
  return codes;
}

gboolean
gr_variety_is_valid (const char *code)
{
  return lookup (code) != NULL;
}

GrGrainClass
gr_variety_class (const char *code)
{
  const Variety *v = lookup (code);

  g_return_val_if_fail (v != NULL, GR_CLASS_RAW);
  return v->klass;
}

const char *
gr_variety_name (const char *code)
{
  const Variety *v = lookup (code);

  return v ? g_dgettext (GETTEXT_PACKAGE, v->name) : code;
}

const char *
gr_grain_class_name (GrGrainClass klass)
{
  switch (klass)
    {
    case GR_CLASS_RAW:      return _("Raw grain");
    case GR_CLASS_FINISHED: return _("Finished grain");
    case GR_CLASS_OIL:      return _("Edible oil");
    default:                g_return_val_if_reached (NULL);
    }
}

int
gr_variety_max_grade (const char *code)
{
  const Variety *v = lookup (code);

  g_return_val_if_fail (v != NULL, 0);
  switch (v->klass)
    {
    case GR_CLASS_RAW:      return 5;
    case GR_CLASS_FINISHED: return 3;
    case GR_CLASS_OIL:      return 4;
    default:                g_return_val_if_reached (0);
    }
}

char *
gr_variety_grade_name (const char *code,
                       int         grade)
{
  /* TRANSLATORS: grades of raw grain (GB 1350 etc.): 一等 … 五等 */
  static const char *raw[] = { N_("Grade 1"), N_("Grade 2"), N_("Grade 3"), N_("Grade 4"), N_("Grade 5") };
  /* TRANSLATORS: grades of rice and oil: 一级 … 四级 */
  static const char *level[] = { N_("Level 1"), N_("Level 2"), N_("Level 3"), N_("Level 4") };
  /* TRANSLATORS: wheat flour grades: 精制粉, 标准粉, 普通粉 */
  static const char *flour[] = { N_("Refined flour"), N_("Standard flour"), N_("Ordinary flour") };

  if (grade < 1 || grade > gr_variety_max_grade (code))
    return g_strdup (_("Substandard"));
  if (g_strcmp0 (code, "flour") == 0)
    return g_strdup (g_dgettext (GETTEXT_PACKAGE, flour[grade - 1]));
  if (gr_variety_class (code) == GR_CLASS_RAW)
    return g_strdup (g_dgettext (GETTEXT_PACKAGE, raw[grade - 1]));
  return g_strdup (g_dgettext (GETTEXT_PACKAGE, level[grade - 1]));
}
