/* test-labels.c: record kinds, fields and coded values in words
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gr-labels.h"
#include "gr-schema.h"

static void
check_fields (const GrEntity *entity)
{
  for (guint i = 0; i < entity->n_fields; i++)
    {
      const GrField *field = &entity->fields[i];
      const char *label = gr_field_label (entity->name, field->name);

      /* The child tables' "id" is a finding's own number: not shown. */
      if (g_str_equal (field->name, "id"))
        continue;
      if (label == field->name)
        g_error ("%s.%s has no label", entity->name, field->name);
      if (field->type == GR_FIELD_CHILDREN)
        check_fields (field->child);
    }
}

/* Every field of DESIGN.md §3 has a name people read: the conflict inbox
 * and the rejected-change list show them instead of the dataset keys. */
static void
test_every_field_named (void)
{
  guint n = 0;
  const GrEntity * const *entities = gr_schema_entities (&n);

  for (guint i = 0; i < n; i++)
    check_fields (entities[i]);
}

static void
test_field_names (void)
{
  g_assert_cmpstr (gr_field_label ("lot", "harvest_year"), ==, "Harvest year");
  g_assert_cmpstr (gr_field_label ("movement", "quantity_t"), ==, "Quantity (t)");
  /* "kind" and "date" follow the record */
  g_assert_cmpstr (gr_field_label ("movement", "kind"), ==, "Movement kind");
  g_assert_cmpstr (gr_field_label ("inspection", "kind"), ==, "Inspection kind");
  g_assert_cmpstr (gr_field_label ("release", "date"), ==, "Order date");
  g_assert_cmpstr (gr_field_label ("finding_closure", "note"), ==, "Note");
  /* unknown keys (a newer server's) are shown as they are */
  g_assert_cmpstr (gr_field_label ("lot", "moisture_zone"), ==, "moisture_zone");
  g_assert_cmpstr (gr_field_label (NULL, NULL), ==, "");
}

static void
test_value_names (void)
{
  g_assert_cmpstr (gr_field_value_label ("movement", "kind", "rotate_out"), ==, "Rotate out");
  g_assert_cmpstr (gr_field_value_label ("lot", "storage_quality", "slightly_unsuitable"), ==,
                   gr_storage_quality_label ("slightly_unsuitable"));
  g_assert_cmpstr (gr_field_value_label ("depot", "grade", "none"), ==, gr_depot_grade_name ("none"));
  /* an inspection's kind is not a movement kind */
  g_assert_cmpstr (gr_field_value_label ("inspection", "kind", "release"), ==, "release");
  g_assert_cmpstr (gr_field_value_label ("lot", "harvest_year", "2024"), ==, "2024");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/labels/every-field-named", test_every_field_named);
  g_test_add_func ("/labels/field-names", test_field_names);
  g_test_add_func ("/labels/value-names", test_value_names);
  return g_test_run ();
}
