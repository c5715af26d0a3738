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

const char *
gr_field_label (const char *entity,
                const char *field)
{
  /* Field names mean the same in every record that has them, but for
   * "kind", "type", "code", "date" and "state", which follow the record. */
  static const Label by_record[] = {
    { "enterprise.kind",       N_("Enterprise kind") },
    { "movement.kind",         N_("Movement kind") },
    { "inspection.kind",       N_("Inspection kind") },
    { "bin.type",              N_("Bin type") },
    { "depot.code",            N_("Depot code") },
    { "bin.code",              N_("Bin code") },
    { "movement.date",         N_("Movement date") },
    { "release.date",          N_("Order date") },
    { "quality_test.date",     N_("Test date") },
    { "inspection.date",       N_("Inspection date") },
    { "rotation_plan.state",   N_("Plan state") },
    { "depot_assessment.state", N_("Assessment state") },
  };
  static const Label labels[] = {
    { "name",                       N_("Name") },
    { "credit_note",                N_("Credit note") },
    { "enterprise",                 N_("Enterprise") },
    { "depot",                      N_("Depot") },
    { "bin",                        N_("Bin") },
    { "plan",                       N_("Storage plan") },
    { "lot",                        N_("Lot") },
    { "region",                     N_("Region") },
    { "address",                    N_("Address") },
    { "capacity_t",                 N_("Capacity (t)") },
    { "grade",                      N_("Grade") },
    { "informatised",               N_("Information systems") },
    { "storage_tech",               N_("Storage technique") },
    { "keeper",                     N_("Keeper") },
    { "variety",                    N_("Variety") },
    { "quantity_t",                 N_("Quantity (t)") },
    { "required_grade",             N_("Required grade") },
    { "rotation_mode",              N_("Rotation mode") },
    { "valid_from",                 N_("Valid from") },
    { "valid_to",                   N_("Valid to") },
    { "fill_by",                    N_("Fill by") },
    { "substandard",                N_("Substandard") },
    { "harvest_year",               N_("Harvest year") },
    { "produced_on",                N_("Produced on") },
    { "entered_on",                 N_("Entered on") },
    { "shelf_life_days",            N_("Shelf life (days)") },
    { "packaged",                   N_("Packaged") },
    { "owner",                      N_("Owner") },
    { "storage_quality",            N_("Storage quality") },
    { "replaces",                   N_("Replaces lot") },
    { "delay_approved",             N_("Delay approved") },
    { "cost_yuan_per_t",            N_("Cost (yuan/t)") },
    { "price_yuan_per_t",           N_("Price (yuan/t)") },
    { "counterparty",               N_("Counterparty") },
    { "voucher_no",                 N_("Voucher number") },
    { "corrects",                   N_("Corrects") },
    { "note",                       N_("Note") },
    { "order_no",                   N_("Order number") },
    { "price_policy",               N_("Price policy") },
    { "year",                       N_("Year") },
    { "submitted_on",               N_("Submitted on") },
    { "submitted_by",               N_("Submitted by") },
    { "approved_by",                N_("Approved by") },
    { "approved_on",                N_("Approved on") },
    { "returned_by",                N_("Returned by") },
    { "returned_on",                N_("Returned on") },
    { "comment",                    N_("Comment") },
    { "items",                      N_("Plan items") },
    { "month",                      N_("Month") },
    { "filed_on",                   N_("Filed on") },
    { "rows",                       N_("Report rows") },
    { "rotation",                   N_("Rotation rows") },
    { "lab",                        N_("Laboratory") },
    { "standard",                   N_("Standard") },
    { "indicators",                 N_("Indicators") },
    { "sample_no",                  N_("Sample number") },
    { "inspectors",                 N_("Inspectors") },
    { "readings",                   N_("Readings") },
    { "quantity_checks",            N_("Quantity checks") },
    { "checklist",                  N_("Checklist") },
    { "findings",                   N_("Findings") },
    { "signed_by",                  N_("Signed by") },
    { "signed_on",                  N_("Signed on") },
    { "photos",                     N_("Photos") },
    { "inspection",                 N_("Inspection") },
    { "finding",                    N_("Finding") },
    { "closed_on",                  N_("Closed on") },
    { "closed_by",                  N_("Closed by") },
    { "declared_level",             N_("Declared level") },
    { "template",                   N_("Assessment template") },
    { "scores",                     N_("Scores") },
    { "deductions",                 N_("Deductions") },
    { "awarded_level",              N_("Awarded level") },
    { "decided_on",                 N_("Decided on") },
    { "opening_t",                  N_("Opening (t)") },
    { "in_t",                       N_("In (t)") },
    { "out_t",                      N_("Out (t)") },
    { "closing_t",                  N_("Closing (t)") },
    { "planned_t",                  N_("Planned (t)") },
    { "out_month_t",                N_("Out this month (t)") },
    { "in_month_t",                 N_("In this month (t)") },
    { "out_ytd_t",                  N_("Out this year (t)") },
    { "in_ytd_t",                   N_("In this year (t)") },
    { "out_month",                  N_("Out month") },
    { "in_month",                   N_("In month") },
    { "reason",                     N_("Reason") },
    { "vacancy_extension_approved", N_("Vacancy extension approved") },
    { "grain_temp_max_c",           N_("Highest grain temperature (°C)") },
    { "grain_temp_avg_c",           N_("Average grain temperature (°C)") },
    { "grain_temp_min_c",           N_("Lowest grain temperature (°C)") },
    { "moisture_pct",               N_("Moisture (percent)") },
    { "pests_per_kg",               N_("Pests per kg") },
    { "main_pests_per_kg",          N_("Main pests per kg") },
    { "pest_class",                 N_("Pest class") },
    { "airtightness_s",             N_("Airtightness (s)") },
    { "measured_t",                 N_("Measured (t)") },
    { "book_t",                     N_("Book (t)") },
    { "text",                       N_("Finding") },
    { "severity",                   N_("Severity") },
    { "due",                        N_("Due") },
    { "deleted",                    N_("Deleted") },
    { "date",                       N_("Date") },
    { "kind",                       N_("Kind") },
    { "type",                       N_("Type") },
    { "code",                       N_("Code") },
    { "state",                      N_("State") },
  };
  g_autofree char *key = NULL;
  const char *name;

  if (field == NULL)
    return "";
  key = g_strconcat (entity ? entity : "", ".", field, NULL);
  name = LOOKUP (by_record, key);
  if (name != key)
    return name;
  return LOOKUP (labels, field);
}

const char *
gr_field_value_label (const char *entity,
                      const char *field,
                      const char *value)
{
  if (field == NULL || value == NULL)
    return value ? value : "";
  if (g_str_equal (field, "kind") && g_strcmp0 (entity, "movement") == 0)
    return gr_movement_kind_name (value);
  if (g_str_equal (field, "kind") && g_strcmp0 (entity, "enterprise") == 0)
    return gr_enterprise_kind_name (value);
  if (g_str_equal (field, "type") && g_strcmp0 (entity, "bin") == 0)
    return gr_bin_type_name (value);
  if (g_str_equal (field, "grade") && g_strcmp0 (entity, "depot") == 0)
    return gr_depot_grade_name (value);
  if (g_str_equal (field, "storage_quality"))
    return gr_storage_quality_label (value);
  if (g_str_equal (field, "rotation_mode"))
    return gr_rotation_mode_name (value);
  if (g_str_equal (field, "storage_tech"))
    return gr_storage_tech_name (value);
  if (g_str_equal (field, "owner"))
    return gr_owner_name (value);
  return value;
}
