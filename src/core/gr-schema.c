/* gr-schema.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-schema"

#include <string.h>

#include "gr-schema.h"
#include "gr-variety.h"

#define REQ       .required = TRUE
#define TEXT(n, ...)   { .name = n, .type = GR_FIELD_TEXT, __VA_ARGS__ }
#define ENUM(n, e, ...) { .name = n, .type = GR_FIELD_ENUM, .enum_values = e, __VA_ARGS__ }
#define DATE(n, ...)   { .name = n, .type = GR_FIELD_DATE, __VA_ARGS__ }
#define MONTH(n, ...)  { .name = n, .type = GR_FIELD_MONTH, __VA_ARGS__ }
#define INT(n, lo, hi, ...) { .name = n, .type = GR_FIELD_INT, .min = lo, .max = hi, __VA_ARGS__ }
#define REAL(n, lo, hi, ...) { .name = n, .type = GR_FIELD_REAL, .min = lo, .max = hi, __VA_ARGS__ }
#define TONNES(n, ...) { .name = n, .type = GR_FIELD_TONNES, .min = 1, __VA_ARGS__ }
#define TONNES0(n, ...) { .name = n, .type = GR_FIELD_TONNES, .min = 0, __VA_ARGS__ }
#define BOOL(n, ...)   { .name = n, .type = GR_FIELD_BOOL, .default_value = "0", __VA_ARGS__ }
#define REF(n, e, ...) { .name = n, .type = GR_FIELD_REF, .ref_entity = e, __VA_ARGS__ }
#define JSON(n, k, ...) { .name = n, .type = GR_FIELD_JSON, .json_kind = k, __VA_ARGS__ }
#define GRADE(n, ...)  { .name = n, .type = GR_FIELD_GRADE, __VA_ARGS__ }
#define CHILDREN(n, c) { .name = n, .type = GR_FIELD_CHILDREN, .child = &c }
#define ENTITY(n, a, t, f, ...) { .name = n, .array = a, .table = t, .fields = f, .n_fields = G_N_ELEMENTS (f), __VA_ARGS__ }

static const char * const enterprise_kinds[] = { "reserve_company", "agent", NULL };
static const char * const depot_grades[] = { "none", "A", "AA", "AAA", "AAAA", "AAAAA", NULL };
static const char * const depot_levels[] = { "A", "AA", "AAA", "AAAA", "AAAAA", NULL };
static const char * const bin_types[] = { "warehouse", "silo", "tank", NULL };
static const char * const storage_techs[] = { "normal", "quasi_low_temp", "low_temp", "controlled_atmosphere", NULL };
static const char * const rotation_modes[] = { "static", "autonomous", "dynamic", NULL };
static const char * const storage_qualities[] = { "suitable", "slightly_unsuitable", "severely_unsuitable", NULL };
const char * const gr_movement_kinds[] = { "intake", "rotate_in", "replenish", "surplus", "rotate_out", "release", "loss", NULL };
const char * const gr_movement_inbound_kinds[] = { "intake", "rotate_in", "replenish", "surplus", NULL };
static const char * const price_policies[] = { "market", "reduced", "capped", "transfer", NULL };
static const char * const rotation_plan_states[] = { "draft", "submitted", "approved", "returned", NULL };
static const char * const inspection_kinds[] = { "routine", "random", "periodic", "joint", NULL };
static const char * const pest_classes[] = { "basically_free", "general", "serious", "dangerous", NULL };
static const char * const severities[] = { "minor", "major", "critical", NULL };
static const char * const assessment_states[] = {
  "declared", "enterprise_review", "county", "city", "city_onsite", "province",
  "province_onsite", "awarded", "refused", "downgraded", "removed", NULL
};

/* The variety list lives in gr-variety.c; the schema refers to it at run time. */
#define VARIETY(n, ...) { .name = n, .type = GR_FIELD_ENUM, .enum_values = NULL, __VA_ARGS__ }

static const GrField enterprise_fields[] = {
  TEXT ("name", REQ),
  ENUM ("kind", enterprise_kinds, REQ),
  TEXT ("credit_note"),
};

static const GrField depot_fields[] = {
  REF ("enterprise", "enterprise", REQ),
  TEXT ("code"),
  TEXT ("name", REQ),
  TEXT ("region"),
  TEXT ("address"),
  TONNES0 ("capacity_t"),
  ENUM ("grade", depot_grades, .default_value = "'none'"),
  JSON ("informatised", GR_JSON_FLAGS),
};

static const GrField bin_fields[] = {
  REF ("depot", "depot", REQ),
  TEXT ("code", REQ),
  ENUM ("type", bin_types, .default_value = "'warehouse'"),
  TONNES0 ("capacity_t"),
  ENUM ("storage_tech", storage_techs, .default_value = "'normal'"),
  TEXT ("keeper"),
};

static const GrField plan_fields[] = {
  REF ("enterprise", "enterprise", REQ),
  VARIETY ("variety", REQ),
  TONNES ("quantity_t", REQ),
  GRADE ("required_grade", .default_value = "3"),
  ENUM ("rotation_mode", rotation_modes, REQ),
  DATE ("valid_from", REQ),
  DATE ("valid_to"),
  DATE ("fill_by"),
};

static const GrField lot_fields[] = {
  REF ("bin", "bin", REQ),
  REF ("plan", "plan", REQ),
  VARIETY ("variety", REQ),
  GRADE ("grade"),
  BOOL ("substandard"),
  INT ("harvest_year", 1900, 2199),
  DATE ("produced_on"),
  DATE ("entered_on", REQ),
  INT ("shelf_life_days", 1, 36500),
  BOOL ("packaged"),
  TEXT ("owner", .default_value = "'municipal'"),
  ENUM ("rotation_mode", rotation_modes),
  ENUM ("storage_quality", storage_qualities, .default_value = "'suitable'"),
  REF ("replaces", "lot"),
  BOOL ("delay_approved"),
  REAL ("cost_yuan_per_t", 0, 1e7),
};

static const GrField movement_fields[] = {
  REF ("lot", "lot", REQ),
  DATE ("date", REQ),
  ENUM ("kind", gr_movement_kinds, REQ),
  TONNES ("quantity_t", REQ),
  REAL ("price_yuan_per_t", 0, 1e7),
  TEXT ("counterparty"),
  TEXT ("voucher_no"),
  REF ("corrects", "movement"),
  TEXT ("note"),
};

static const GrField release_fields[] = {
  TEXT ("order_no", REQ),
  DATE ("date", REQ),
  REF ("enterprise", "enterprise", REQ),
  VARIETY ("variety", REQ),
  TONNES ("quantity_t", REQ),
  ENUM ("price_policy", price_policies),
};

static const GrField rotation_item_fields[] = {
  REF ("lot", "lot", REQ),
  TONNES ("quantity_t", REQ),
  MONTH ("out_month", REQ),
  MONTH ("in_month", REQ),
  TEXT ("reason"),
  BOOL ("vacancy_extension_approved"),
};
static const GrEntity rotation_item_entity =
  ENTITY ("rotation_plan_item", "items", "rotation_plan_items", rotation_item_fields, .is_child = TRUE);

static const GrField rotation_plan_fields[] = {
  REF ("enterprise", "enterprise", REQ),
  INT ("year", 1900, 2199, REQ),
  ENUM ("state", rotation_plan_states, REQ),
  DATE ("submitted_on"),
  TEXT ("approved_by"),
  DATE ("approved_on"),
  TEXT ("submitted_by"),
  TEXT ("returned_by"),
  DATE ("returned_on"),
  TEXT ("comment"),
  CHILDREN ("items", rotation_item_entity),
};

static const GrField report_row_fields[] = {
  REF ("depot", "depot"),
  VARIETY ("variety"),
  TONNES0 ("opening_t"),
  TONNES0 ("in_t"),
  TONNES0 ("out_t"),
  TONNES0 ("closing_t"),
};
static const GrEntity report_row_entity =
  ENTITY ("monthly_report_row", "rows", "monthly_report_rows", report_row_fields, .is_child = TRUE);

static const GrField report_rotation_fields[] = {
  VARIETY ("variety"),
  TONNES0 ("planned_t"),
  TONNES0 ("out_month_t"),
  TONNES0 ("in_month_t"),
  TONNES0 ("out_ytd_t"),
  TONNES0 ("in_ytd_t"),
};
static const GrEntity report_rotation_entity =
  ENTITY ("monthly_report_rotation", "rotation", "monthly_report_rotation", report_rotation_fields, .is_child = TRUE);

static const GrField monthly_report_fields[] = {
  REF ("enterprise", "enterprise", REQ),
  MONTH ("month", REQ),
  DATE ("filed_on"),
  CHILDREN ("rows", report_row_entity),
  CHILDREN ("rotation", report_rotation_entity),
};

static const GrField quality_test_fields[] = {
  REF ("lot", "lot", REQ),
  DATE ("date", REQ),
  TEXT ("lab"),
  TEXT ("standard", REQ),
  JSON ("indicators", GR_JSON_OBJECT, REQ),
  TEXT ("sample_no"),
};

static const GrField reading_fields[] = {
  REF ("bin", "bin", REQ),
  REAL ("grain_temp_max_c", -60, 100),
  REAL ("grain_temp_avg_c", -60, 100),
  REAL ("grain_temp_min_c", -60, 100),
  REAL ("moisture_pct", 0, 100),
  REAL ("pests_per_kg", 0, 100000),
  REAL ("main_pests_per_kg", 0, 100000),
  ENUM ("pest_class", pest_classes),
  REAL ("airtightness_s", 0, 1e6),
  TEXT ("note"),
};
static const GrEntity reading_entity =
  ENTITY ("inspection_reading", "readings", "inspection_readings", reading_fields, .is_child = TRUE);

static const GrField quantity_check_fields[] = {
  REF ("bin", "bin", REQ),
  TONNES0 ("measured_t"),
  TONNES0 ("book_t"),
};
static const GrEntity quantity_check_entity =
  ENTITY ("inspection_quantity_check", "quantity_checks", "inspection_quantity_checks", quantity_check_fields, .is_child = TRUE);

static const GrField finding_fields[] = {
  TEXT ("id"),
  TEXT ("text", REQ),
  ENUM ("severity", severities, REQ),
  DATE ("due"),
};
static const GrEntity finding_entity =
  ENTITY ("inspection_finding", "findings", "inspection_findings", finding_fields, .is_child = TRUE);

static const GrField inspection_fields[] = {
  REF ("depot", "depot", REQ),
  DATE ("date", REQ),
  ENUM ("kind", inspection_kinds, REQ),
  JSON ("inspectors", GR_JSON_STRING_ARRAY),
  CHILDREN ("readings", reading_entity),
  CHILDREN ("quantity_checks", quantity_check_entity),
  JSON ("checklist", GR_JSON_OBJECT),
  CHILDREN ("findings", finding_entity),
  JSON ("signed_by", GR_JSON_STRING_ARRAY),
  DATE ("signed_on"),
  REF ("corrects", "inspection"),
  JSON ("photos", GR_JSON_STRING_ARRAY),
};

static const GrField finding_closure_fields[] = {
  REF ("inspection", "inspection", REQ),
  TEXT ("finding", REQ),
  DATE ("closed_on", REQ),
  TEXT ("closed_by"),
  TEXT ("note"),
};

static const GrField depot_assessment_fields[] = {
  REF ("depot", "depot", REQ),
  ENUM ("declared_level", depot_levels, REQ),
  JSON ("template", GR_JSON_OBJECT),
  JSON ("scores", GR_JSON_OBJECT),
  JSON ("deductions", GR_JSON_OBJECT),
  ENUM ("state", assessment_states, REQ),
  ENUM ("awarded_level", depot_levels),
  DATE ("decided_on"),
};

static const GrEntity entities[] = {
  ENTITY ("enterprise", "enterprises", "enterprises", enterprise_fields),
  ENTITY ("depot", "depots", "depots", depot_fields),
  ENTITY ("bin", "bins", "bins", bin_fields),
  ENTITY ("plan", "plans", "plans", plan_fields),
  ENTITY ("lot", "lots", "lots", lot_fields),
  ENTITY ("movement", "movements", "movements", movement_fields, .append_only = TRUE),
  ENTITY ("release", "releases", "releases", release_fields),
  ENTITY ("rotation_plan", "rotation_plans", "rotation_plans", rotation_plan_fields),
  ENTITY ("monthly_report", "monthly_reports", "monthly_reports", monthly_report_fields,
          .final_field = "filed_on"),
  ENTITY ("quality_test", "quality_tests", "quality_tests", quality_test_fields),
  ENTITY ("inspection", "inspections", "inspections", inspection_fields, .final_field = "signed_on"),
  ENTITY ("finding_closure", "finding_closures", "finding_closures", finding_closure_fields, .append_only = TRUE),
  ENTITY ("depot_assessment", "depot_assessments", "depot_assessments", depot_assessment_fields),
};

static const GrEntity * const entity_list[] = {
  &entities[0], &entities[1], &entities[2], &entities[3], &entities[4], &entities[5], &entities[6],
  &entities[7], &entities[8], &entities[9], &entities[10], &entities[11], &entities[12], NULL,
};

const GrEntity * const *
gr_schema_entities (guint *n_entities)
{
  if (n_entities)
    *n_entities = G_N_ELEMENTS (entities);
  return entity_list;
}

const GrEntity *
gr_schema_lookup (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (g_strcmp0 (entities[i].name, name) == 0)
      return &entities[i];
  return NULL;
}

const GrEntity *
gr_schema_lookup_array (const char *array)
{
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (g_strcmp0 (entities[i].array, array) == 0)
      return &entities[i];
  return NULL;
}

const GrField *
gr_entity_field (const GrEntity *entity,
                 const char     *name)
{
  for (guint i = 0; i < entity->n_fields; i++)
    if (strcmp (entity->fields[i].name, name) == 0)
      return &entity->fields[i];
  return NULL;
}

char *
gr_field_column (const GrField *field)
{
  if (field->type == GR_FIELD_TONNES && g_str_has_suffix (field->name, "_t"))
    return g_strdup_printf ("%.*s_kg", (int) strlen (field->name) - 2, field->name);
  return g_strdup (field->name);
}

gboolean
gr_movement_kind_is_inbound (const char *kind)
{
  return kind != NULL && g_strv_contains ((const char * const *) gr_movement_inbound_kinds, kind);
}
