/* gr-doc-words.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-doc"

#include "config.h"

#include <string.h>

#include "gr-doc-words.h"
#include "gr-format.h"
#include "gr-variety.h"

static const struct {
  const char *code;
  const char *name;
} varieties[] = {
  { "paddy_early_indica", "早籼稻" },
  { "paddy_late_indica",  "中晚籼稻" },
  { "paddy_japonica",     "粳稻" },
  { "wheat",              "小麦" },
  { "corn",               "玉米" },
  { "soybean",            "大豆" },
  { "rice",               "大米" },
  { "flour",              "小麦粉" },
  { "oil_peanut",         "花生油" },
  { "oil_rapeseed",       "菜籽油" },
  { "oil_soybean",        "大豆油" },
  { "oil_palm",           "棕榈油" },
  { "oil_blend",          "调和油" },
};

const char *
gr_doc_variety_name (const char *variety)
{
  for (guint i = 0; variety != NULL && i < G_N_ELEMENTS (varieties); i++)
    if (strcmp (varieties[i].code, variety) == 0)
      return varieties[i].name;
  return variety ? variety : "";
}

char *
gr_doc_grade_name (const char *variety,
                   int         grade,
                   gboolean    substandard)
{
  static const char * const raw[] = { "一等", "二等", "三等（中等）", "四等", "五等" };
  static const char * const level[] = { "一级", "二级", "三级", "四级" };
  static const char * const flour[] = { "精制粉", "标准粉", "普通粉" };

  if (substandard || variety == NULL || !gr_variety_is_valid (variety) ||
      grade < 1 || grade > gr_variety_max_grade (variety))
    return g_strdup ("等外");
  if (strcmp (variety, "flour") == 0)
    return g_strdup (flour[grade - 1]);
  if (gr_variety_class (variety) == GR_CLASS_RAW)
    return g_strdup (raw[grade - 1]);
  return g_strdup (level[grade - 1]);
}

const char *
gr_doc_storage_quality_name (const char *quality)
{
  if (g_strcmp0 (quality, "slightly_unsuitable") == 0)
    return "轻度不宜存";
  if (g_strcmp0 (quality, "severely_unsuitable") == 0)
    return "重度不宜存";
  return "宜存";
}

char *
gr_doc_month_name (const char *month)
{
  int year, mon;

  if (!gr_month_parse (month, &year, &mon))
    return g_strdup (month ? month : "");
  return g_strdup_printf ("%d年%d月", year, mon);
}

char *
gr_doc_date_name (const char *date)
{
  GDate d;

  if (date == NULL || !gr_date_parse (date, &d))
    return g_strdup (date ? date : "");
  return g_strdup_printf ("%d年%d月%d日", g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d));
}
