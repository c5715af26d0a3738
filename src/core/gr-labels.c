/* gr-labels.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-labels"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gr-labels.h"

typedef struct {
  const char *code;
  const char *name;
} Label;

static const char *
lookup (const Label *labels,
        guint        n_labels,
        const char  *code)
{
  if (code == NULL)
    return "";
  for (guint i = 0; i < n_labels; i++)
    if (g_str_equal (labels[i].code, code))
      return g_dgettext (GETTEXT_PACKAGE, labels[i].name);
  return code;
}

#define LOOKUP(labels, code) lookup (labels, G_N_ELEMENTS (labels), code)

const char *
gr_movement_kind_name (const char *kind)
{
  static const Label labels[] = {
    /* TRANSLATORS: a movement kind: 收储入库 */
    { "intake",     N_("Intake") },
    /* TRANSLATORS: a movement kind: 轮入 (new grain in, in a rotation) */
    { "rotate_in",  N_("Rotate in") },
    /* TRANSLATORS: a movement kind: 补库 (refilling after an emergency release) */
    { "replenish",  N_("Replenish") },
    /* TRANSLATORS: a movement kind: 溢余 (found more than booked) */
    { "surplus",    N_("Surplus") },
    /* TRANSLATORS: a movement kind: 轮出 (old grain out, in a rotation) */
    { "rotate_out", N_("Rotate out") },
    /* TRANSLATORS: a movement kind: 动用出库 (emergency release) */
    { "release",    N_("Release") },
    /* TRANSLATORS: a movement kind: 损耗 (storage loss) */
    { "loss",       N_("Loss") },
  };

  return LOOKUP (labels, kind);
}

const char *
gr_storage_quality_label (const char *quality)
{
  static const Label labels[] = {
    /* TRANSLATORS: storage quality of grain: 宜存 */
    { "suitable",            N_("Suitable") },
    /* TRANSLATORS: storage quality of grain: 轻度不宜存 */
    { "slightly_unsuitable", N_("Slightly unsuitable") },
    /* TRANSLATORS: storage quality of grain: 重度不宜存 */
    { "severely_unsuitable", N_("Severely unsuitable") },
  };

  return LOOKUP (labels, quality);
}

const char *
gr_rotation_mode_name (const char *mode)
{
  static const Label labels[] = {
    /* TRANSLATORS: a rotation mode of a storage plan: 静态轮换 */
    { "static",     N_("Static") },
    /* TRANSLATORS: a rotation mode of a storage plan: 自主轮换 */
    { "autonomous", N_("Autonomous") },
    /* TRANSLATORS: a rotation mode of a storage plan: 动态轮换 */
    { "dynamic",    N_("Dynamic") },
  };

  return LOOKUP (labels, mode);
}

const char *
gr_owner_name (const char *owner)
{
  static const Label labels[] = {
    /* TRANSLATORS: who owns a lot (权属): 市级储备 */
    { "municipal", N_("Municipal reserve") },
  };

  return LOOKUP (labels, owner);
}

const char *
gr_enterprise_kind_name (const char *kind)
{
  static const Label labels[] = {
    /* TRANSLATORS: an enterprise kind: 储备公司 */
    { "reserve_company", N_("Reserve company") },
    /* TRANSLATORS: an enterprise kind: 代储企业 */
    { "agent",           N_("Agent") },
  };

  return LOOKUP (labels, kind);
}

const char *
gr_bin_type_name (const char *type)
{
  static const Label labels[] = {
    /* TRANSLATORS: a kind of bin: 平房仓 */
    { "warehouse", N_("Warehouse") },
    /* TRANSLATORS: a kind of bin: 筒仓 */
    { "silo",      N_("Silo") },
    /* TRANSLATORS: a kind of bin: 油罐 */
    { "tank",      N_("Tank") },
  };

  return LOOKUP (labels, type);
}

const char *
gr_storage_tech_name (const char *tech)
{
  static const Label labels[] = {
    /* TRANSLATORS: storage technique of a bin: 常规储存 */
    { "normal",                N_("Normal") },
    /* TRANSLATORS: storage technique of a bin: 准低温 (≤ 20 °C) */
    { "quasi_low_temp",        N_("Quasi-low temperature") },
    /* TRANSLATORS: storage technique of a bin: 低温 (≤ 15 °C) */
    { "low_temp",              N_("Low temperature") },
    /* TRANSLATORS: storage technique of a bin: 气调 */
    { "controlled_atmosphere", N_("Controlled atmosphere") },
  };

  return LOOKUP (labels, tech);
}

const char *
gr_depot_grade_name (const char *grade)
{
  static const Label labels[] = {
    /* TRANSLATORS: a depot without a 等级粮库 level: 未评级 */
    { "none", N_("Not graded") },
  };

  return LOOKUP (labels, grade);
}

const char *
gr_sync_state_label (const char *nick)
{
  static const Label labels[] = {
    /* TRANSLATORS: sync state of a local change: not sent to the server yet, 待发送 */
    { "waiting",  N_("Waiting to send") },
    /* TRANSLATORS: sync state of a local change: the server accepted it, 已发送 */
    { "sent",     N_("Sent") },
    /* TRANSLATORS: sync state of a local change: the server refused it, 被拒绝 */
    { "rejected", N_("Rejected") },
    /* TRANSLATORS: sync state of a local change: changed on the server too, 冲突 */
    { "conflict", N_("Conflict") },
  };

  return LOOKUP (labels, nick);
}

const char *
gr_entity_label (const char *entity)
{
  /* With a context: "Movement" alone is also a column title (the kind of
   * a movement), which translates differently. */
  static const Label labels[] = {
    { "enterprise",       NC_("record kind", "Enterprise") },
    { "depot",            NC_("record kind", "Depot") },
    { "bin",              NC_("record kind", "Bin") },
    { "plan",             NC_("record kind", "Storage plan") },
    { "lot",              NC_("record kind", "Lot") },
    { "movement",         NC_("record kind", "Movement") },
    /* TRANSLATORS: a release order, 动用命令 */
    { "release",          NC_("record kind", "Release order") },
    { "rotation_plan",    NC_("record kind", "Rotation plan") },
    { "monthly_report",   NC_("record kind", "Monthly report") },
    { "quality_test",     NC_("record kind", "Quality test") },
    { "inspection",       NC_("record kind", "Inspection") },
    { "finding_closure",  NC_("record kind", "Finding closure") },
    { "depot_assessment", NC_("record kind", "Depot assessment") },
  };

  if (entity == NULL)
    return "";
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].code, entity))
      return g_dpgettext2 (GETTEXT_PACKAGE, "record kind", labels[i].name);
  return entity;
}
