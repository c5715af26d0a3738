/* gr-standards.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-standards"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gr-data-dir.h"
#include "gr-error.h"
#include "gr-json-check.h"
#include "gr-standards-private.h"
#include "gr-variety.h"

const char * const gr_color_odor_values[] = { "normal", "basically_normal", "abnormal", NULL };

static const char * const status_names[] = { "verified", "verified-code", "unconfirmed", NULL };
static const char * const quality_names[] = { "suitable", "slightly_unsuitable", "severely_unsuitable", NULL };
static const char * const level_names[] = { "A", "AA", "AAA", "AAAA", "AAAAA", NULL };

/* The indicator keys of DESIGN.md §7 a standard may name. */
static const char * const indicator_keys[] = {
  "husked_rice_yield_pct", "head_rice_yield_pct", "test_weight_g_per_l", "unsound_kernel_pct",
  "mildew_kernel_pct", "whole_kernel_pct", "moisture_pct", "impurity_pct", "mineral_impurity_pct",
  "yellow_kernel_pct", "husked_outside_pct", "fatty_acid_value", "taste_score",
  "gluten_water_absorption_pct", "color_odor", NULL
};


const char *
gr_storage_quality_to_string (GrStorageQuality quality)
{
  g_return_val_if_fail (quality <= GR_STORAGE_SEVERELY_UNSUITABLE, NULL);
  return quality_names[quality];
}

gboolean
gr_storage_quality_from_string (const char       *text,
                                GrStorageQuality *out)
{
  for (guint i = 0; quality_names[i] != NULL; i++)
    if (g_strcmp0 (text, quality_names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
gr_storage_quality_name (GrStorageQuality quality)
{
  switch (quality)
    {
    case GR_STORAGE_SUITABLE:
      return _("Suitable for storage");
    case GR_STORAGE_SLIGHTLY_UNSUITABLE:
      return _("Slightly unsuitable");
    case GR_STORAGE_SEVERELY_UNSUITABLE:
      return _("Severely unsuitable");
    default:
      g_return_val_if_reached (NULL);
    }
}

GrStandards *
gr_standards_new (void)
{
  GrStandards *self = g_new0 (GrStandards, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->roots = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  self->grading = g_ptr_array_new_with_free_func (g_free);
  self->storage = g_ptr_array_new_with_free_func (g_free);
  self->templates = g_ptr_array_new_with_free_func (g_free);
  self->blocks = g_ptr_array_new_with_free_func (g_free);
  return self;
}

GrStandards *
gr_standards_ref (GrStandards *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
gr_standards_unref (GrStandards *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_ptr_array_unref (self->grading);
  g_ptr_array_unref (self->storage);
  g_ptr_array_unref (self->templates);
  _gr_standards_clear_inspection (self);
  g_ptr_array_unref (self->blocks);
  g_ptr_array_unref (self->roots);
  g_free (self);
}

/* ---- Reading a file ----------------------------------------------------- */

gboolean
_gr_standards_read_status (GrJsonCheck       *check,
                           JsonObject        *object,
                           const char        *path,
                           GrThresholdStatus *out)
{
  const char *text = NULL;

  if (!gr_json_get_string (check, object, path, "status", TRUE, &text))
    return FALSE;
  for (guint i = 0; status_names[i] != NULL; i++)
    if (strcmp (status_names[i], text) == 0)
      {
        *out = i;
        return TRUE;
      }
  return gr_json_fail (check, path, "status", _("unknown value “%s” (expected one of %s)"), text,
                       "verified, verified-code, unconfirmed");
}

static gint64
to_milli (double value)
{
  return (gint64) llround (value * 1000.0);
}

/* {"value": 79.0, "status": "verified"} */
gboolean
_gr_standards_read_threshold (GrJsonCheck *check,
                              JsonObject  *object,
                              const char  *path,
                              const char  *key,
                              GrThreshold *out)
{
  static const char * const keys[] = { "value", "status", NULL };
  g_autofree char *sub = g_strdup_printf ("%s/%s", path, key);
  JsonObject *threshold;
  double value = 0;

  if (!gr_json_get_object (check, object, path, key, TRUE, FALSE, &threshold) ||
      !gr_json_only_keys (check, threshold, sub, keys) ||
      !gr_json_get_number (check, threshold, sub, "value", TRUE, 0, 100000, &value) ||
      !_gr_standards_read_status (check, threshold, sub, &out->status))
    return FALSE;
  out->milli = to_milli (value);
  return TRUE;
}

/* An array of n thresholds. */
static gboolean
read_thresholds (GrJsonCheck *check,
                 JsonObject  *object,
                 const char  *path,
                 const char  *key,
                 int          n,
                 GrThreshold *out)
{
  g_autofree char *sub = g_strdup_printf ("%s/%s", path, key);
  JsonArray *array;

  if (!gr_json_get_array (check, object, path, key, TRUE, &array))
    return FALSE;
  if ((int) json_array_get_length (array) != n)
    return gr_json_fail (check, path, key, _("expected %d values, one per grade"), n);
  for (int i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *index = g_strdup_printf ("%d", i);
      g_autoptr(JsonObject) holder = json_object_new ();

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return gr_json_fail (check, sub, index, _("expected an object"));
      json_object_set_member (holder, index, json_node_ref (node));
      if (!_gr_standards_read_threshold (check, holder, sub, index, &out[i]))
        return FALSE;
    }
  return TRUE;
}

gboolean
_gr_standards_read_key_in (GrJsonCheck        *check,
                           JsonObject         *object,
                           const char         *path,
                           const char         *key,
                           const char * const *allowed,
                           int                *out_index,
                           const char        **out_text)
{
  const char *text = NULL;

  if (!gr_json_get_string (check, object, path, key, TRUE, &text))
    return FALSE;
  for (int i = 0; allowed[i] != NULL; i++)
    if (strcmp (allowed[i], text) == 0)
      {
        if (out_index)
          *out_index = i;
        if (out_text)
          *out_text = allowed[i];
        return TRUE;
      }
  {
    g_autofree char *choices = g_strjoinv (", ", (char **) allowed);
    return gr_json_fail (check, path, key, _("unknown value “%s” (expected one of %s)"), text, choices);
  }
}

static gboolean
read_bound (GrJsonCheck *check,
            JsonObject  *object,
            const char  *path,
            GrBound     *out)
{
  static const char * const bounds[] = { "min", "max", NULL };
  int index = 0;

  if (!_gr_standards_read_key_in (check, object, path, "bound", bounds, &index, NULL))
    return FALSE;
  *out = index == 0 ? GR_BOUND_MIN : GR_BOUND_MAX;
  return TRUE;
}

/* Calls read_one for each object of the array object[key]. */
typedef gboolean (*ReadOne) (GrJsonCheck *check, JsonObject *entry, const char *path, gpointer out, gpointer data);

static gboolean
read_objects (GrJsonCheck *check,
              JsonObject  *object,
              const char  *path,
              const char  *key,
              GArray      *array,
              ReadOne      read_one,
              gpointer     data)
{
  g_autofree char *sub = g_strdup_printf ("%s/%s", path, key);
  JsonArray *list;

  if (!gr_json_get_array (check, object, path, key, TRUE, &list))
    return FALSE;
  g_array_set_size (array, json_array_get_length (list));
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      g_autofree char *index = g_strdup_printf ("%u", i);
      g_autofree char *entry_path = g_strdup_printf ("%s/%u", sub, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return gr_json_fail (check, sub, index, _("expected an object"));
      if (!read_one (check, json_node_get_object (node), entry_path,
                     array->data + i * g_array_get_element_size (array), data))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_ladder (GrJsonCheck *check,
             JsonObject  *entry,
             const char  *path,
             gpointer     out,
             gpointer     data)
{
  static const char * const keys[] = { "indicator", "bound", "values", NULL };
  GrLadder *ladder = out;
  int n_grades = GPOINTER_TO_INT (data);

  if (!gr_json_only_keys (check, entry, path, keys) ||
      !_gr_standards_read_key_in (check, entry, path, "indicator", indicator_keys, NULL, &ladder->indicator) ||
      !read_bound (check, entry, path, &ladder->bound) ||
      !read_thresholds (check, entry, path, "values", n_grades, ladder->values))
    return FALSE;
  if (strcmp (ladder->indicator, "color_odor") == 0)
    return gr_json_fail (check, path, "indicator", _("color_odor cannot set a grade"));
  /* Each grade must ask at least as much as the next one. */
  for (int g = 1; g < n_grades; g++)
    if (ladder->bound == GR_BOUND_MIN ? ladder->values[g].milli > ladder->values[g - 1].milli
                                      : ladder->values[g].milli < ladder->values[g - 1].milli)
      {
        g_autofree char *index = g_strdup_printf ("values/%d", g);
        return gr_json_fail (check, path, index, _("a grade asks less than the next one"));
      }
  return TRUE;
}

static gboolean
read_limit (GrJsonCheck *check,
            JsonObject  *entry,
            const char  *path,
            gpointer     out,
            gpointer     data)
{
  static const char * const keys[] = { "indicator", "bound", "value", "status", "per_grade", "allowed", NULL };
  GrLimit *limit = out;
  int n_grades = GPOINTER_TO_INT (data);
  double value = 0;

  if (!gr_json_only_keys (check, entry, path, keys) ||
      !_gr_standards_read_key_in (check, entry, path, "indicator", indicator_keys, NULL, &limit->indicator))
    return FALSE;
  if (strcmp (limit->indicator, "color_odor") == 0)
    {
      limit->bound = GR_BOUND_ALLOWED;
      return gr_json_get_flags (check, entry, path, "allowed", TRUE, gr_color_odor_values, &limit->allowed) &&
             _gr_standards_read_status (check, entry, path, &limit->value.status);
    }
  if (!read_bound (check, entry, path, &limit->bound))
    return FALSE;
  if (json_object_has_member (entry, "per_grade"))
    {
      limit->per_grade = TRUE;
      return read_thresholds (check, entry, path, "per_grade", n_grades, limit->values);
    }
  if (!gr_json_get_number (check, entry, path, "value", TRUE, 0, 100000, &value) ||
      !_gr_standards_read_status (check, entry, path, &limit->value.status))
    return FALSE;
  limit->value.milli = to_milli (value);
  return TRUE;
}

static gboolean
read_storage_indicator (GrJsonCheck *check,
                        JsonObject  *entry,
                        const char  *path,
                        gpointer     out,
                        gpointer     data)
{
  static const char * const keys[] = { "indicator", "bound", "suitable", "slightly", "categories", NULL };
  static const char * const category_keys[] = { "quality", "status", NULL };
  GrStorageIndicator *ind = out;
  g_autofree char *sub = g_strdup_printf ("%s/categories", path);
  JsonObject *categories;

  if (!gr_json_only_keys (check, entry, path, keys) ||
      !_gr_standards_read_key_in (check, entry, path, "indicator", indicator_keys, NULL, &ind->indicator))
    return FALSE;
  if (strcmp (ind->indicator, "color_odor") != 0)
    {
      if (!read_bound (check, entry, path, &ind->bound) ||
          !_gr_standards_read_threshold (check, entry, path, "suitable", &ind->suitable))
        return FALSE;
      ind->has_slightly = json_object_has_member (entry, "slightly");
      if (ind->has_slightly &&
          (!_gr_standards_read_threshold (check, entry, path, "slightly", &ind->slightly)))
        return FALSE;
      if (ind->has_slightly &&
          (ind->bound == GR_BOUND_MIN ? ind->slightly.milli > ind->suitable.milli
                                      : ind->slightly.milli < ind->suitable.milli))
        return gr_json_fail (check, path, "slightly", _("is stricter than the suitable threshold"));
      return TRUE;
    }
  ind->bound = GR_BOUND_ALLOWED;
  if (!gr_json_get_object (check, entry, path, "categories", TRUE, FALSE, &categories) ||
      !gr_json_only_keys (check, categories, sub, gr_color_odor_values))
    return FALSE;
  for (guint i = 0; gr_color_odor_values[i] != NULL; i++)
    {
      g_autofree char *cat_path = g_strdup_printf ("%s/%s", sub, gr_color_odor_values[i]);
      JsonObject *category;
      int quality = 0;

      if (!gr_json_get_object (check, categories, sub, gr_color_odor_values[i], FALSE, FALSE, &category))
        return FALSE;
      if (category == NULL)
        continue;
      if (!gr_json_only_keys (check, category, cat_path, category_keys) ||
          !_gr_standards_read_key_in (check, category, cat_path, "quality", quality_names, &quality, NULL) ||
          !_gr_standards_read_status (check, category, cat_path, &ind->category_status[i]))
        return FALSE;
      ind->category_quality[i] = quality;
      ind->categories |= 1u << i;
    }
  return TRUE;
}

gpointer
_gr_standards_keep_array (GrStandards *self,
                          GArray      *array,
                          guint       *out_len)
{
  *out_len = array->len;
  g_ptr_array_add (self->blocks, g_array_free (array, FALSE));
  return self->blocks->pdata[self->blocks->len - 1];
}

static gboolean
read_grading (GrStandards *self,
              GrJsonCheck *check,
              JsonObject  *root,
              const char  *standard,
              GPtrArray   *out)
{
  static const char * const keys[] = { "name", "varieties", "grades", "grading", "limits", NULL };
  JsonArray *tables;

  if (!gr_json_get_array (check, root, "", "tables", TRUE, &tables))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (tables); i++)
    {
      JsonNode *node = json_array_get_element (tables, i);
      g_autofree char *path = g_strdup_printf ("/tables/%u", i);
      g_autofree char *index = g_strdup_printf ("%u", i);
      g_autoptr(GArray) ladders = g_array_new (FALSE, TRUE, sizeof (GrLadder));
      g_autoptr(GArray) limits = g_array_new (FALSE, TRUE, sizeof (GrLimit));
      GrGradingTable *table = g_new0 (GrGradingTable, 1);
      JsonObject *entry;
      gint64 grades = 0;

      g_ptr_array_add (out, table);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return gr_json_fail (check, "/tables", index, _("expected an object"));
      entry = json_node_get_object (node);
      table->standard = standard;
      if (!gr_json_only_keys (check, entry, path, keys) ||
          !gr_json_get_string (check, entry, path, "name", TRUE, &table->name) ||
          !gr_json_get_flags (check, entry, path, "varieties", TRUE, gr_variety_codes (), &table->varieties) ||
          !gr_json_get_int (check, entry, path, "grades", TRUE, 1, GR_MAX_GRADES, &grades))
        return FALSE;
      if (table->varieties == 0)
        return gr_json_fail (check, path, "varieties", _("must not be empty"));
      table->n_grades = (int) grades;
      if (!read_objects (check, entry, path, "grading", ladders, read_ladder, GINT_TO_POINTER (table->n_grades)) ||
          !read_objects (check, entry, path, "limits", limits, read_limit, GINT_TO_POINTER (table->n_grades)))
        return FALSE;
      table->ladders = _gr_standards_keep_array (self, g_steal_pointer (&ladders), &table->n_ladders);
      table->limits = _gr_standards_keep_array (self, g_steal_pointer (&limits), &table->n_limits);
    }
  return TRUE;
}

static gboolean
read_storage (GrStandards *self,
              GrJsonCheck *check,
              JsonObject  *root,
              const char  *standard,
              int          used_from,
              GPtrArray   *out)
{
  static const char * const keys[] = { "name", "varieties", "indicators", NULL };
  JsonArray *tables;

  if (!gr_json_get_array (check, root, "", "tables", TRUE, &tables))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (tables); i++)
    {
      JsonNode *node = json_array_get_element (tables, i);
      g_autofree char *path = g_strdup_printf ("/tables/%u", i);
      g_autofree char *index = g_strdup_printf ("%u", i);
      g_autoptr(GArray) indicators = g_array_new (FALSE, TRUE, sizeof (GrStorageIndicator));
      GrStorageTable *table = g_new0 (GrStorageTable, 1);
      JsonObject *entry;

      g_ptr_array_add (out, table);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return gr_json_fail (check, "/tables", index, _("expected an object"));
      entry = json_node_get_object (node);
      table->standard = standard;
      table->used_from_year = used_from;
      if (!gr_json_only_keys (check, entry, path, keys) ||
          !gr_json_get_string (check, entry, path, "name", TRUE, &table->name) ||
          !gr_json_get_flags (check, entry, path, "varieties", TRUE, gr_variety_codes (), &table->varieties) ||
          !read_objects (check, entry, path, "indicators", indicators, read_storage_indicator, NULL))
        return FALSE;
      if (table->varieties == 0)
        return gr_json_fail (check, path, "varieties", _("must not be empty"));
      table->indicators = _gr_standards_keep_array (self, g_steal_pointer (&indicators), &table->n_indicators);
    }
  return TRUE;
}

static gboolean
read_template_item (GrJsonCheck *check,
                    JsonObject  *entry,
                    const char  *path,
                    gpointer     out,
                    gpointer     data)
{
  static const char * const keys[] = { "item", "points", "content", "method", "bonus", NULL };
  GrTemplateItem *item = out;

  return gr_json_only_keys (check, entry, path, keys) &&
         gr_json_get_string (check, entry, path, "item", TRUE, &item->item) &&
         gr_json_get_number (check, entry, path, "points", TRUE, 0, 1000, &item->points) &&
         gr_json_get_string (check, entry, path, "content", FALSE, &item->content) &&
         gr_json_get_string (check, entry, path, "method", FALSE, &item->method) &&
         gr_json_get_bool (check, entry, path, "bonus", FALSE, &item->bonus);
}

static gboolean
read_template (GrStandards          *self,
               GrJsonCheck          *check,
               JsonObject           *root,
               GrAssessmentTemplate *tpl)
{
  static const char * const keys[] = {
    "format", "version", "id", "template_version", "title", "placeholder", "items", "vetoes", "levels", NULL
  };
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (GrTemplateItem));
  g_autoptr(GPtrArray) vetoes = g_ptr_array_new ();
  JsonObject *levels;
  JsonArray *veto_list;

  if (!gr_json_only_keys (check, root, "", keys) ||
      !gr_json_get_string (check, root, "", "id", TRUE, &tpl->id) ||
      !gr_json_get_string (check, root, "", "template_version", TRUE, &tpl->version) ||
      !gr_json_get_string (check, root, "", "title", TRUE, &tpl->title) ||
      !gr_json_get_bool (check, root, "", "placeholder", FALSE, &tpl->placeholder) ||
      !read_objects (check, root, "", "items", items, read_template_item, NULL) ||
      !gr_json_get_array (check, root, "", "vetoes", FALSE, &veto_list) ||
      !gr_json_get_object (check, root, "", "levels", TRUE, FALSE, &levels) ||
      !gr_json_only_keys (check, levels, "/levels", level_names))
    return FALSE;
  if (items->len == 0)
    return gr_json_fail (check, "", "items", _("must not be empty"));
  for (guint i = 0; veto_list != NULL && i < json_array_get_length (veto_list); i++)
    {
      JsonNode *node = json_array_get_element (veto_list, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_autofree char *index = g_strdup_printf ("%u", i);
          return gr_json_fail (check, "/vetoes", index, _("expected a string"));
        }
      g_ptr_array_add (vetoes, (gpointer) json_node_get_string (node));
    }
  g_ptr_array_add (vetoes, NULL);
  for (guint i = 0; i < 5; i++)
    {
      if (!_gr_standards_read_threshold (check, levels, "/levels", level_names[i], &tpl->levels[i]))
        return FALSE;
      if (i > 0 && tpl->levels[i].milli < tpl->levels[i - 1].milli)
        return gr_json_fail (check, "/levels", level_names[i], _("asks less than the level below"));
    }
  tpl->items = _gr_standards_keep_array (self, g_steal_pointer (&items), &tpl->n_items);
  g_ptr_array_add (self->blocks, g_ptr_array_free (g_steal_pointer (&vetoes), FALSE));
  tpl->vetoes = self->blocks->pdata[self->blocks->len - 1];
  return TRUE;
}

gboolean
gr_standards_add_data (GrStandards  *self,
                       const char   *name,
                       const char   *data,
                       gssize        length,
                       GError      **error)
{
  static const char * const keys[] = {
    "format", "version", "standard", "title", "kind", "used_from_year", "tables", NULL
  };
  static const char * const kinds[] = { "grading", "storage", NULL };
  GrJsonCheck check = { name, error };
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) grading = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) storage = g_ptr_array_new_with_free_func (g_free);
  const char *format = NULL, *standard = NULL, *title = NULL;
  JsonObject *root;
  gint64 version = 0, used_from = 0;
  int kind = 0;

  g_return_val_if_fail (self != NULL, FALSE);

  if ((node = gr_json_parse_object (&check, data, length)) == NULL)
    return FALSE;
  root = json_node_get_object (node);
  if (!gr_json_get_string (&check, root, "", "format", TRUE, &format) ||
      !gr_json_get_int (&check, root, "", "version", TRUE, 1, 1, &version))
    return FALSE;
  if (strcmp (format, "granary-assessment-template") == 0)
    {
      GrAssessmentTemplate *tpl = g_new0 (GrAssessmentTemplate, 1);

      if (!read_template (self, &check, root, tpl))
        {
          g_free (tpl);
          return FALSE;
        }
      g_ptr_array_add (self->templates, tpl);
      g_ptr_array_add (self->roots, g_steal_pointer (&node));
      return TRUE;
    }
  if (strcmp (format, "granary-inspection-standard") == 0 || strcmp (format, "granary-inspection-checklist") == 0)
    {
      if (!_gr_standards_add_inspection (self, &check, root, format))
        return FALSE;
      g_ptr_array_add (self->roots, g_steal_pointer (&node));
      return TRUE;
    }
  if (strcmp (format, "granary-standard") != 0)
    return gr_json_fail (&check, "", "format",
                         _("expected “granary-standard”, “granary-assessment-template”, "
                           "“granary-inspection-standard” or “granary-inspection-checklist”"));
  if (!gr_json_only_keys (&check, root, "", keys) ||
      !gr_json_get_string (&check, root, "", "standard", TRUE, &standard) ||
      !gr_json_get_string (&check, root, "", "title", TRUE, &title) ||
      !_gr_standards_read_key_in (&check, root, "", "kind", kinds, &kind, NULL))
    return FALSE;
  if (kind == 0)
    {
      if (json_object_has_member (root, "used_from_year"))
        return gr_json_fail (&check, "", "used_from_year", _("only storage standards have it"));
      if (!read_grading (self, &check, root, standard, grading))
        return FALSE;
    }
  else if (!gr_json_get_int (&check, root, "", "used_from_year", TRUE, 1900, 2199, &used_from) ||
           !read_storage (self, &check, root, standard, (int) used_from, storage))
    return FALSE;

  g_ptr_array_extend_and_steal (self->grading, g_steal_pointer (&grading));
  g_ptr_array_extend_and_steal (self->storage, g_steal_pointer (&storage));
  g_ptr_array_add (self->roots, g_steal_pointer (&node));
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static gboolean
add_dir (GrStandards  *self,
         const char   *dir,
         GHashTable   *seen,
         GError      **error)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_suffix (name, ".json") && (seen == NULL || !g_hash_table_contains (seen, name)))
      g_ptr_array_add (names, g_strdup (name));
  /* Sorted, so the default template and messages do not depend on the
   * order the file system lists files in. */
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);
      g_autofree char *data = NULL;
      g_autoptr(GError) local_error = NULL;
      gsize length;

      if (!g_file_get_contents (path, &data, &length, &local_error))
        {
          g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND, _("Could not read the standard: %s"),
                       local_error->message);
          return FALSE;
        }
      if (!gr_standards_add_data (self, path, data, length, error))
        return FALSE;
      if (seen != NULL)
        g_hash_table_add (seen, g_strdup (names->pdata[i]));
    }
  return TRUE;
}

GrStandards *
gr_standards_load_dir (const char  *dir,
                       GError     **error)
{
  g_autoptr(GrStandards) self = gr_standards_new ();

  if (!add_dir (self, dir, NULL, error))
    return NULL;
  return g_steal_pointer (&self);
}

GrStandards *
gr_standards_load (GError **error)
{
  g_autoptr(GrStandards) self = gr_standards_new ();
  g_autoptr(GPtrArray) dirs = gr_data_search_dirs ("standards");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < dirs->len; i++)
    if (!add_dir (self, dirs->pdata[i], seen, error))
      return NULL;
  if (self->grading->len == 0)
    {
      g_autofree char *looked = NULL;
      GString *tried = g_string_new (NULL);

      for (guint i = 0; i < dirs->len; i++)
        g_string_append_printf (tried, "%s%s", i ? ", " : "", (const char *) dirs->pdata[i]);
      looked = g_string_free (tried, FALSE);
      g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND, _("No grain standards found (looked in %s)"), looked);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/* ---- Lookups ------------------------------------------------------------ */

static int
variety_bit (const char *variety)
{
  const char * const *codes = gr_variety_codes ();

  for (int i = 0; codes[i] != NULL; i++)
    if (g_strcmp0 (codes[i], variety) == 0)
      return i;
  return -1;
}

/* The year of an edition: the digits after the last '-'. */
static int
edition_year (const char *standard)
{
  const char *dash = strrchr (standard, '-');

  return dash != NULL ? atoi (dash + 1) : 0;
}

const GrGradingTable *
gr_standards_find_grading (GrStandards *self,
                           const char  *standard,
                           const char  *variety)
{
  int bit = variety_bit (variety);

  if (bit < 0 || standard == NULL)
    return NULL;
  for (guint i = 0; i < self->grading->len; i++)
    {
      const GrGradingTable *table = self->grading->pdata[i];

      if ((table->varieties & (1u << bit)) && strcmp (table->standard, standard) == 0)
        return table;
    }
  return NULL;
}

const GrGradingTable *
gr_standards_latest_grading (GrStandards *self,
                             const char  *variety)
{
  const GrGradingTable *best = NULL;
  int bit = variety_bit (variety);

  if (bit < 0)
    return NULL;
  for (guint i = 0; i < self->grading->len; i++)
    {
      const GrGradingTable *table = self->grading->pdata[i];

      if ((table->varieties & (1u << bit)) &&
          (best == NULL || edition_year (table->standard) > edition_year (best->standard)))
        best = table;
    }
  return best;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const GrGradingTable *ta = *(const GrGradingTable * const *) a;
  const GrGradingTable *tb = *(const GrGradingTable * const *) b;

  return edition_year (tb->standard) - edition_year (ta->standard);
}

GPtrArray *
gr_standards_list_grading (GrStandards *self,
                           const char  *variety)
{
  GPtrArray *tables = g_ptr_array_new ();
  int bit = variety_bit (variety);

  for (guint i = 0; bit >= 0 && i < self->grading->len; i++)
    {
      const GrGradingTable *table = self->grading->pdata[i];

      if (table->varieties & (1u << bit))
        g_ptr_array_add (tables, (gpointer) table);
    }
  g_ptr_array_sort (tables, compare_newest_first);
  return tables;
}

const GrStorageTable *
gr_standards_find_storage (GrStandards *self,
                           const char  *variety,
                           int          year)
{
  const GrStorageTable *best = NULL, *oldest = NULL;
  int bit = variety_bit (variety);

  if (bit < 0)
    return NULL;
  for (guint i = 0; i < self->storage->len; i++)
    {
      const GrStorageTable *table = self->storage->pdata[i];

      if (!(table->varieties & (1u << bit)))
        continue;
      if (oldest == NULL || table->used_from_year < oldest->used_from_year)
        oldest = table;
      if (table->used_from_year <= year && (best == NULL || table->used_from_year > best->used_from_year))
        best = table;
    }
  return best != NULL ? best : oldest;
}

const GrAssessmentTemplate *
gr_standards_find_template (GrStandards *self,
                            const char  *id,
                            const char  *version)
{
  for (guint i = 0; i < self->templates->len; i++)
    {
      const GrAssessmentTemplate *tpl = self->templates->pdata[i];

      if (g_strcmp0 (tpl->id, id) == 0 && (version == NULL || g_strcmp0 (tpl->version, version) == 0))
        return tpl;
    }
  return NULL;
}

const GrAssessmentTemplate *
gr_standards_default_template (GrStandards *self)
{
  return self->templates->len > 0 ? self->templates->pdata[0] : NULL;
}
