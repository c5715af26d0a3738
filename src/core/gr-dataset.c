/* gr-dataset.c: records of the dataset format, their checks and hash
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-dataset"

#include "config.h"

#include <float.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gr-dataset.h"
#include "gr-error.h"
#include "gr-format.h"
#include "gr-json-scan.h"
#include "gr-json-writer.h"
#include "gr-variety.h"

/* Keys every top-level record may carry besides its fields. */
static const char * const meta_keys[] = { "id", "version", "updated_at", "updated_by", "deleted", NULL };

/* Quality indicator keys of DESIGN.md §7; all numbers except color_odor. */
static const char * const indicator_keys[] = {
  "husked_rice_yield_pct", "head_rice_yield_pct", "test_weight_g_per_l", "unsound_kernel_pct",
  "mildew_kernel_pct", "whole_kernel_pct", "moisture_pct", "impurity_pct", "mineral_impurity_pct",
  "yellow_kernel_pct", "husked_outside_pct", "fatty_acid_value", "taste_score",
  "gluten_water_absorption_pct", NULL
};
static const char * const color_odor_values[] = { "normal", "basically_normal", "abnormal", NULL };

static void
value_clear (GrValue *value)
{
  switch (value->type)
    {
    case GR_VALUE_TEXT:
      g_free (value->s);
      break;
    case GR_VALUE_CHILDREN:
      g_ptr_array_unref (value->children);
      break;
    case GR_VALUE_NULL:
    case GR_VALUE_INT:
    case GR_VALUE_REAL:
    default:
      break;
    }
  value->type = GR_VALUE_NULL;
}

GrRecord *
gr_record_new (const GrEntity *entity)
{
  /* (the values in the same block: records are read by the million) */
  GrRecord *record = g_malloc0 (sizeof (GrRecord) + entity->n_fields * sizeof (GrValue));

  record->entity = entity;
  record->version = -1;
  record->values = (GrValue *) (record + 1);
  return record;
}

void
gr_record_free (GrRecord *record)
{
  if (record == NULL)
    return;
  for (guint i = 0; i < record->entity->n_fields; i++)
    value_clear (&record->values[i]);
  g_free (record->id);
  g_free (record->updated_at);
  g_free (record->updated_by);
  g_free (record->extra);
  g_free (record);
}

static int
field_index (const GrEntity *entity,
             const char     *name)
{
  for (guint i = 0; i < entity->n_fields; i++)
    if (strcmp (entity->fields[i].name, name) == 0)
      return (int) i;
  return -1;
}

static GrValue *
lookup_value (GrRecord   *record,
              const char *field)
{
  int i = field_index (record->entity, field);

  g_return_val_if_fail (i >= 0, NULL);
  return &record->values[i];
}

void
gr_record_set_null (GrRecord   *record,
                    const char *field)
{
  GrValue *value = lookup_value (record, field);

  if (value != NULL)
    value_clear (value);
}

void
gr_record_set_text (GrRecord   *record,
                    const char *field,
                    const char *text)
{
  GrValue *value = lookup_value (record, field);

  if (value == NULL)
    return;
  value_clear (value);
  if (text != NULL)
    {
      value->type = GR_VALUE_TEXT;
      value->s = g_strdup (text);
    }
}

void
gr_record_set_int (GrRecord   *record,
                   const char *field,
                   gint64      number)
{
  GrValue *value = lookup_value (record, field);

  if (value == NULL)
    return;
  value_clear (value);
  value->type = GR_VALUE_INT;
  value->i = number;
}

void
gr_record_set_real (GrRecord   *record,
                    const char *field,
                    double      number)
{
  GrValue *value = lookup_value (record, field);

  if (value == NULL)
    return;
  value_clear (value);
  value->type = GR_VALUE_REAL;
  value->d = number;
}

const GrValue *
gr_record_get (const GrRecord *record,
               const char     *field)
{
  int i = field_index (record->entity, field);

  return i >= 0 ? &record->values[i] : NULL;
}

const char *
gr_record_get_text (const GrRecord *record,
                    const char     *field)
{
  const GrValue *value = gr_record_get (record, field);

  return value != NULL && value->type == GR_VALUE_TEXT ? value->s : NULL;
}

static void
set_default (GrValue       *value,
             const GrField *field)
{
  const char *literal = field->default_value;

  if (field->type == GR_FIELD_CHILDREN)
    {
      value->type = GR_VALUE_CHILDREN;
      value->children = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_record_free);
      return;
    }
  if (literal == NULL)
    return;
  /* Descriptor defaults are SQL literals: 'text' or a number. */
  if (literal[0] == '\'')
    {
      value->type = GR_VALUE_TEXT;
      value->s = g_strndup (literal + 1, strlen (literal) - 2);
    }
  else
    {
      value->type = GR_VALUE_INT;
      value->i = g_ascii_strtoll (literal, NULL, 10);
    }
}

void
gr_record_apply_defaults (GrRecord *record)
{
  for (guint i = 0; i < record->entity->n_fields; i++)
    if (record->values[i].type == GR_VALUE_NULL)
      set_default (&record->values[i], &record->entity->fields[i]);
}

gboolean
gr_dataset_id_is_valid (const char *id)
{
  gsize length;

  if (id == NULL || id[0] == '\0')
    return FALSE;
  /* (no more bytes than the most characters: no need to count them) */
  length = strlen (id);
  return g_utf8_validate_len (id, length, NULL) &&
         (length <= GR_ID_MAX_CHARS || g_utf8_strlen (id, length) <= GR_ID_MAX_CHARS);
}

char *
gr_dataset_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* ---- Reading records from JSON ---- */

static gboolean G_GNUC_PRINTF (4, 5)
field_error (GError     **error,
             const char  *prefix,
             const char  *name,
             const char  *format,
             ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: the start of an import error: field "quantity_t": <what is wrong> */
  g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("field \"%s%s\": %s"), prefix, name, detail);
  return FALSE;
}

static char *
quote (const char *text)
{
  GString *out = g_string_new (NULL);

  if (g_utf8_strlen (text, -1) > 60)
    {
      g_autofree char *cut = g_utf8_substring (text, 0, 57);
      g_autofree char *more = g_strconcat (cut, "…", NULL);

      gr_json_append_string (out, more);
    }
  else
    gr_json_append_string (out, text);
  return g_string_free (out, FALSE);
}

static char *
number_text (double value)
{
  GString *out = g_string_new (NULL);

  gr_json_append_double (out, value);
  return g_string_free (out, FALSE);
}

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_boolean (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

/* A whole number, given as 12 or as 12.0 */
static gboolean
node_get_whole (JsonNode *node,
                gint64   *out)
{
  double d;

  if (!node_is_number (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }
  d = json_node_get_double (node);
  if (!isfinite (d) || d != floor (d) || fabs (d) > 9e15)
    return FALSE;
  *out = (gint64) d;
  return TRUE;
}

static gboolean
read_tonnes (JsonNode       *node,
             const GrField  *field,
             const char     *prefix,
             gint64         *out_kg,
             GError        **error)
{
  g_autofree char *shown = NULL;
  double tonnes;

  if (!node_is_number (node))
    {
      g_autofree char *what = gr_json_describe (node);
      return field_error (error, prefix, field->name, _("must be a number of tonnes, not %s"), what);
    }

  /* (the number's text is written for a message only: every record
   * has a quantity or two) */
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 t = json_node_get_int (node);

      if (t < 0 || t > GR_MAX_KG / 1000)
        shown = g_strdup_printf ("%" G_GINT64_FORMAT, t);
      if (t < 0)
        return field_error (error, prefix, field->name, _("cannot be negative (%s t)"), shown);
      if (t > GR_MAX_KG / 1000)
        return field_error (error, prefix, field->name,
                            _("%s t is more than the largest quantity accepted (100,000,000 t)"), shown);
      if (t == 0 && field->min > 0)
        return field_error (error, prefix, field->name, _("must be more than 0 t"));
      *out_kg = t * 1000;
      return TRUE;
    }

  tonnes = json_node_get_double (node);
  if (!isfinite (tonnes))
    return field_error (error, prefix, field->name, _("is too large to be a number of tonnes"));
  if (tonnes < 0 || tonnes * 1000.0 > (double) GR_MAX_KG || !gr_tonnes_to_kg (tonnes, out_kg))
    shown = number_text (tonnes);
  if (tonnes < 0)
    return field_error (error, prefix, field->name, _("cannot be negative (%s t)"), shown);
  if (tonnes * 1000.0 > (double) GR_MAX_KG)
    return field_error (error, prefix, field->name,
                        _("%s t is more than the largest quantity accepted (100,000,000 t)"), shown);
  if (!gr_tonnes_to_kg (tonnes, out_kg))
    return field_error (error, prefix, field->name,
                        _("%s t has more than 3 decimals (quantities are kept to the kilogram)"), shown);
  if (*out_kg == 0 && field->min > 0)
    return field_error (error, prefix, field->name, _("must be more than 0 t"));
  return TRUE;
}

static gboolean
read_json (JsonNode       *node,
           const GrField  *field,
           const char     *prefix,
           char          **out_text,
           GError        **error)
{
  g_autofree char *what = NULL;

  switch (field->json_kind)
    {
    case GR_JSON_OBJECT:
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          what = gr_json_describe (node);
          return field_error (error, prefix, field->name, _("must be an object ({…}), not %s"), what);
        }
      break;

    case GR_JSON_FLAGS:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        if (!JSON_NODE_HOLDS_OBJECT (node))
          {
            what = gr_json_describe (node);
            return field_error (error, prefix, field->name,
                                _("must be an object of true/false values, not %s"), what);
          }
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          if (!node_is_boolean (member))
            {
              g_autofree char *path = g_strdup_printf ("%s%s.%s", prefix, field->name, name);
              what = gr_json_describe (member);
              return field_error (error, "", path, _("must be true or false, not %s"), what);
            }
      }
      break;

    case GR_JSON_STRING_ARRAY:
      {
        JsonArray *array;

        if (!JSON_NODE_HOLDS_ARRAY (node))
          {
            what = gr_json_describe (node);
            return field_error (error, prefix, field->name, _("must be a list of texts, not %s"), what);
          }
        array = json_node_get_array (node);
        for (guint i = 0; i < json_array_get_length (array); i++)
          if (!node_is_string (json_array_get_element (array, i)))
            {
              g_autofree char *path = g_strdup_printf ("%s%s[%u]", prefix, field->name, i);
              what = gr_json_describe (json_array_get_element (array, i));
              return field_error (error, "", path, _("must be text, not %s"), what);
            }
      }
      break;

    case GR_JSON_ANY:
    default:
      break;
    }

  *out_text = gr_json_node_to_text (node);
  return TRUE;
}

static GrRecord *record_from_json (const GrEntity *entity, JsonNode *node, const char *prefix, GError **error);

/* A text, enumeration, date or month field given as text (of length bytes). */
static gboolean
read_text (const char     *text,
           gsize           length,
           const GrField  *field,
           const char     *prefix,
           GrValue        *value,
           GError        **error)
{
  if (field->type == GR_FIELD_ENUM && field->enum_values == NULL && !gr_variety_is_valid (text))
    {
      g_autofree char *q = quote (text);
      return field_error (error, prefix, field->name, _("%s is not a known variety"), q);
    }
  if (field->type == GR_FIELD_ENUM && field->enum_values != NULL &&
      !g_strv_contains ((const char * const *) field->enum_values, text))
    {
      g_autofree char *q = quote (text);
      g_autofree char *allowed = g_strjoinv (", ", (char **) field->enum_values);
      return field_error (error, prefix, field->name, _("%s is not one of: %s"), q, allowed);
    }
  if (field->type == GR_FIELD_DATE && !gr_date_parse (text, NULL))
    {
      g_autofree char *q = quote (text);
      return field_error (error, prefix, field->name, _("%s is not a real calendar date (YYYY-MM-DD)"), q);
    }
  if (field->type == GR_FIELD_MONTH && !gr_month_parse (text, NULL, NULL))
    {
      g_autofree char *q = quote (text);
      return field_error (error, prefix, field->name, _("%s is not a month (YYYY-MM)"), q);
    }
  value->type = GR_VALUE_TEXT;
  value->s = g_strndup (text, length);
  return TRUE;
}

static gboolean
read_field (JsonNode       *node,
            const GrField  *field,
            const char     *prefix,
            GrValue        *value,
            GError        **error)
{
  g_autofree char *what = NULL;
  gint64 whole;

  switch (field->type)
    {
    case GR_FIELD_TEXT:
    case GR_FIELD_ENUM:
    case GR_FIELD_DATE:
    case GR_FIELD_MONTH:
      if (!node_is_string (node))
        {
          what = gr_json_describe (node);
          return field_error (error, prefix, field->name, _("must be text, not %s"), what);
        }
      return read_text (json_node_get_string (node), strlen (json_node_get_string (node)), field, prefix, value,
                        error);

    case GR_FIELD_REF:
      if (!node_is_string (node) || !gr_dataset_id_is_valid (json_node_get_string (node)))
        {
          what = gr_json_describe (node);
          return field_error (error, prefix, field->name,
                              _("must be the id of a %s (text of 1 to %d characters), not %s"),
                              field->ref_entity, GR_ID_MAX_CHARS, what);
        }
      value->type = GR_VALUE_TEXT;
      value->s = g_strdup (json_node_get_string (node));
      return TRUE;

    case GR_FIELD_INT:
    case GR_FIELD_GRADE:
      if (!node_get_whole (node, &whole))
        {
          what = gr_json_describe (node);
          return field_error (error, prefix, field->name, _("must be a whole number, not %s"), what);
        }
      if (field->type == GR_FIELD_INT && (whole < field->min || whole > field->max))
        {
          g_autofree char *lo = number_text (field->min);
          g_autofree char *hi = number_text (field->max);
          return field_error (error, prefix, field->name,
                              _("must be between %s and %s, not %lld"), lo, hi, (long long) whole);
        }
      value->type = GR_VALUE_INT;
      value->i = whole;
      return TRUE;

    case GR_FIELD_REAL:
      {
        double d;

        if (!node_is_number (node))
          {
            what = gr_json_describe (node);
            return field_error (error, prefix, field->name, _("must be a number, not %s"), what);
          }
        d = json_node_get_value_type (node) == G_TYPE_INT64 ? (double) json_node_get_int (node)
                                                             : json_node_get_double (node);
        if (!isfinite (d))
          return field_error (error, prefix, field->name, _("is too large a number"));
        if (d < field->min || d > field->max)
          {
            g_autofree char *lo = number_text (field->min);
            g_autofree char *hi = number_text (field->max);
            g_autofree char *shown = number_text (d);
            return field_error (error, prefix, field->name, _("must be between %s and %s, not %s"), lo, hi, shown);
          }
        value->type = GR_VALUE_REAL;
        value->d = d;
        return TRUE;
      }

    case GR_FIELD_TONNES:
      if (!read_tonnes (node, field, prefix, &value->i, error))
        return FALSE;
      value->type = GR_VALUE_INT;
      return TRUE;

    case GR_FIELD_BOOL:
      if (!node_is_boolean (node))
        {
          what = gr_json_describe (node);
          return field_error (error, prefix, field->name, _("must be true or false, not %s"), what);
        }
      value->type = GR_VALUE_INT;
      value->i = json_node_get_boolean (node) ? 1 : 0;
      return TRUE;

    case GR_FIELD_JSON:
      if (!read_json (node, field, prefix, &value->s, error))
        return FALSE;
      value->type = GR_VALUE_TEXT;
      return TRUE;

    case GR_FIELD_CHILDREN:
      {
        JsonArray *array;
        g_autoptr(GPtrArray) children = NULL;

        if (!JSON_NODE_HOLDS_ARRAY (node))
          {
            what = gr_json_describe (node);
            return field_error (error, prefix, field->name, _("must be a list of records, not %s"), what);
          }
        array = json_node_get_array (node);
        children = g_ptr_array_new_full (json_array_get_length (array), (GDestroyNotify) gr_record_free);
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            g_autofree char *child_prefix = g_strdup_printf ("%s%s[%u].", prefix, field->name, i);
            GrRecord *child = record_from_json (field->child, json_array_get_element (array, i), child_prefix, error);

            if (child == NULL)
              return FALSE;
            g_ptr_array_add (children, child);
          }
        value->type = GR_VALUE_CHILDREN;
        value->children = g_steal_pointer (&children);
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

static const char *
grade_range_text (const char *variety)
{
  switch (gr_variety_class (variety))
    {
    case GR_CLASS_RAW:      return _("raw grain is graded 1 to 5");
    case GR_CLASS_FINISHED: return _("finished grain is graded 1 to 3");
    case GR_CLASS_OIL:      return _("edible oil is graded 1 to 4");
    default:                g_return_val_if_reached ("");
    }
}

/* object: the indicators as read (the text holds the same), or NULL to
 * read them from the text. */
static gboolean
check_indicators (const char  *text,
                  JsonObject  *object,
                  const char  *prefix,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;

  /* The text was written by us a moment ago from a checked object. */
  if (object == NULL)
    {
      parser = json_parser_new_immutable ();
      if (!json_parser_load_from_data (parser, text, -1, NULL))
        g_return_val_if_reached (FALSE);
      object = json_node_get_object (json_parser_get_root (parser));
    }

  for (guint i = 0; indicator_keys[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (object, indicator_keys[i]);
      g_autofree char *path = g_strdup_printf ("%sindicators.%s", prefix, indicator_keys[i]);
      double d;

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      if (!node_is_number (node))
        {
          g_autofree char *what = gr_json_describe (node);
          return field_error (error, "", path, _("must be a number, not %s"), what);
        }
      d = json_node_get_value_type (node) == G_TYPE_INT64 ? (double) json_node_get_int (node)
                                                           : json_node_get_double (node);
      if (!isfinite (d))
        return field_error (error, "", path, _("is too large a number"));
      /* Shares of the sample are at most 100 %; 面筋吸水量 is water taken up
       * per dry gluten and runs to about 250 % in sound wheat (GB/T 20571). */
      if (d < 0 || (strcmp (indicator_keys[i], "gluten_water_absorption_pct") == 0 && d > 1000) ||
          (strcmp (indicator_keys[i], "gluten_water_absorption_pct") != 0 &&
           (g_str_has_suffix (indicator_keys[i], "_pct") || strcmp (indicator_keys[i], "taste_score") == 0) && d > 100))
        {
          g_autofree char *shown = number_text (d);
          return field_error (error, "", path, _("%s is out of range"), shown);
        }
    }

  {
    JsonNode *node = json_object_get_member (object, "color_odor");

    if (node != NULL && !JSON_NODE_HOLDS_NULL (node) &&
        (!node_is_string (node) || !g_strv_contains (color_odor_values, json_node_get_string (node))))
      {
        g_autofree char *what = gr_json_describe (node);
        g_autofree char *allowed = g_strjoinv (", ", (char **) color_odor_values);
        g_autofree char *path = g_strdup_printf ("%sindicators.color_odor", prefix);
        return field_error (error, "", path, _("must be one of: %s, not %s"), allowed, what);
      }
  }
  return TRUE;
}

/* Checks of one record that need no other record. */
static gboolean
check_record_rules (GrRecord    *record,
                    JsonObject  *indicators_read,
                    const char  *prefix,
                    GError     **error)
{
  const char *variety = gr_record_get_text (record, "variety");

  for (guint i = 0; i < record->entity->n_fields; i++)
    {
      const GrField *field = &record->entity->fields[i];
      const GrValue *value = &record->values[i];

      if (field->type != GR_FIELD_GRADE || value->type != GR_VALUE_INT || variety == NULL)
        continue;
      if (value->i < 1 || value->i > gr_variety_max_grade (variety))
        {
          g_autofree char *q = quote (variety);
          return field_error (error, prefix, field->name, _("%lld is not a grade of %s (%s)"),
                              (long long) value->i, q, grade_range_text (variety));
        }
    }

  if (strcmp (record->entity->name, "quality_test") == 0)
    {
      const char *indicators = gr_record_get_text (record, "indicators");

      if (indicators != NULL && !check_indicators (indicators, indicators_read, prefix, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_known_key (const GrEntity *entity,
              const char     *name)
{
  if (!entity->is_child && g_strv_contains (meta_keys, name))
    return TRUE;
  return field_index (entity, name) >= 0;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static char *
collect_extra (const GrEntity *entity,
               JsonObject     *object)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GString *out;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    if (!is_known_key (entity, name))
      g_ptr_array_add (names, (gpointer) name);
  if (names->len == 0)
    return NULL;

  g_ptr_array_sort (names, compare_names);
  out = g_string_new ("{");
  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      gr_json_append_string (out, names->pdata[i]);
      g_string_append (out, ": ");
      gr_json_append_node (out, json_object_get_member (object, names->pdata[i]));
    }
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

static gboolean
two_digits (const char *text,
            int         below)
{
  return g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]) && (text[0] - '0') * 10 + (text[1] - '0') < below;
}

/* What g_date_time_new_from_iso8601 () reads, without building one for
 * the usual form 2026-05-12T08:30:00Z (every record carries one). */
static gboolean
timestamp_is_valid (const char *text)
{
  g_autoptr(GDateTime) parsed = NULL;

  if (strlen (text) == 20 && text[10] == 'T' && text[13] == ':' && text[16] == ':' && text[19] == 'Z' &&
      two_digits (text + 11, 24) && two_digits (text + 14, 60) && two_digits (text + 17, 60))
    {
      char date[11];

      memcpy (date, text, 10);
      date[10] = '\0';
      if (gr_date_parse (date, NULL))
        return TRUE;
    }
  parsed = g_date_time_new_from_iso8601 (text, NULL);
  return parsed != NULL;
}

/* One of the meta keys (meta_keys) of a top-level record. */
static gboolean
read_meta_member (GrRecord    *record,
                  const char  *name,
                  JsonNode    *node,
                  GError     **error)
{
  g_autofree char *what = NULL;

  if (strcmp (name, "id") == 0)
    {
      if (JSON_NODE_HOLDS_NULL (node))
        return field_error (error, "", "id", _("required, but missing"));
      if (!node_is_string (node) || !gr_dataset_id_is_valid (json_node_get_string (node)))
        {
          what = gr_json_describe (node);
          return field_error (error, "", "id", _("must be text of 1 to %d characters, not %s"), GR_ID_MAX_CHARS,
                              what);
        }
      g_free (record->id);
      record->id = g_strdup (json_node_get_string (node));
      return TRUE;
    }

  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (strcmp (name, "version") == 0)
    {
      gint64 v;

      if (!node_get_whole (node, &v) || v < 0)
        {
          what = gr_json_describe (node);
          return field_error (error, "", "version", _("must be a whole number, 0 or more, not %s"), what);
        }
      record->version = v;
      return TRUE;
    }

  if (strcmp (name, "updated_at") == 0)
    {
      if (!node_is_string (node) || !timestamp_is_valid (json_node_get_string (node)))
        {
          what = gr_json_describe (node);
          return field_error (error, "", "updated_at",
                              _("must be a date and time such as 2026-05-12T08:30:00Z, not %s"), what);
        }
      g_free (record->updated_at);
      record->updated_at = g_strdup (json_node_get_string (node));
      return TRUE;
    }

  if (strcmp (name, "updated_by") == 0)
    {
      if (!node_is_string (node))
        {
          what = gr_json_describe (node);
          return field_error (error, "", "updated_by", _("must be text, not %s"), what);
        }
      g_free (record->updated_by);
      record->updated_by = g_strdup (json_node_get_string (node));
      return TRUE;
    }

  g_assert (strcmp (name, "deleted") == 0);
  if (!node_is_boolean (node))
    {
      what = gr_json_describe (node);
      return field_error (error, "", "deleted", _("must be true or false, not %s"), what);
    }
  record->deleted = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_meta (GrRecord    *record,
           JsonObject  *object,
           guint       *n_known,
           GError     **error)
{
  JsonNode *node;

  if (json_object_get_member (object, "id") == NULL)
    return field_error (error, "", "id", _("required, but missing"));
  for (guint i = 0; meta_keys[i] != NULL; i++)
    if ((node = json_object_get_member (object, meta_keys[i])) != NULL)
      {
        (*n_known)++;
        if (!read_meta_member (record, meta_keys[i], node, error))
          return FALSE;
      }
  return TRUE;
}

static GrRecord *
record_from_json (const GrEntity  *entity,
                  JsonNode        *node,
                  const char      *prefix,
                  GError         **error)
{
  g_autoptr(GrRecord) record = NULL;
  JsonObject *object;
  guint n_known = 0;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *what = gr_json_describe (node);

      if (prefix[0] != '\0')
        {
          /* a child: name it by its path, without the trailing dot */
          g_autofree char *path = g_strndup (prefix, strlen (prefix) - 1);
          field_error (error, "", path, _("must be an object ({…}), not %s"), what);
        }
      else
        g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("must be an object ({…}), not %s"), what);
      return NULL;
    }
  object = json_node_get_object (node);
  record = gr_record_new (entity);

  if (!entity->is_child && !read_meta (record, object, &n_known, error))
    return NULL;

  for (guint i = 0; i < entity->n_fields; i++)
    {
      const GrField *field = &entity->fields[i];
      JsonNode *member = json_object_get_member (object, field->name);

      if (member != NULL)
        n_known++;
      if (member == NULL || JSON_NODE_HOLDS_NULL (member))
        {
          set_default (&record->values[i], field);
          if (record->values[i].type == GR_VALUE_NULL && field->required && !record->deleted)
            {
              field_error (error, prefix, field->name, _("required, but missing"));
              return NULL;
            }
          continue;
        }
      if (!read_field (member, field, prefix, &record->values[i], error))
        return NULL;
    }

  if (!check_record_rules (record, NULL, prefix, error))
    return NULL;

  /* Most records carry only known keys: look for the others only then. */
  if (json_object_get_size (object) > n_known)
    record->extra = collect_extra (entity, object);

  return g_steal_pointer (&record);
}

GrRecord *
gr_record_from_json (const GrEntity  *entity,
                     JsonNode        *node,
                     GError         **error)
{
  g_return_val_if_fail (entity != NULL, NULL);
  g_return_val_if_fail (node != NULL, NULL);

  return record_from_json (entity, node, "", error);
}

/* ---- Reading records from JSON text ---- */

/* Indexes into meta_keys */
enum { META_ID, META_VERSION, META_UPDATED_AT, META_UPDATED_BY, META_DELETED };

/* A meta key given as text: the checks of read_meta_member (). */
static gboolean
read_meta_text (GrRecord *record,
                int       meta,
                GString  *text)
{
  char **slot;

  switch (meta)
    {
    case META_ID:
      if (!gr_dataset_id_is_valid (text->str))
        return FALSE;
      slot = &record->id;
      break;
    case META_UPDATED_AT:
      if (!timestamp_is_valid (text->str))
        return FALSE;
      slot = &record->updated_at;
      break;
    case META_UPDATED_BY:
      slot = &record->updated_by;
      break;
    default:
      return FALSE;
    }
  g_free (*slot);
  *slot = g_strndup (text->str, text->len);
  return TRUE;
}

/* Every field of one record, read or not yet. */
#define MAX_FIELDS 128

static GrRecord *
record_scan (const GrEntity *entity,
             GrJsonScan     *scan)
{
  g_autoptr(GrRecord) record = gr_record_new (entity);
  g_autoptr(JsonNode) indicators = NULL;
  gboolean seen[MAX_FIELDS] = { FALSE };
  guint seen_meta = 0;
  guint next = 0;

  if (entity->n_fields > MAX_FIELDS || !gr_json_scan_take (scan, '{'))
    return NULL;
  if (!gr_json_scan_take (scan, '}'))
    for (;;)
      {
        const char *name;
        int index = -1;
        int meta = -1;
        int unseen = g_bit_nth_lsf (~seen_meta, -1);

        /* Writers put the keys in the order gr_record_append_json ()
         * does: the id, the fields in descriptor order, then version,
         * updated_at and updated_by. The one expected is compared in
         * place; any other is read and looked up. */
        if (!entity->is_child && unseen == META_ID && gr_json_scan_key (scan, "id", 2))
          meta = META_ID;
        else if (next < entity->n_fields &&
                 gr_json_scan_key (scan, entity->fields[next].name, strlen (entity->fields[next].name)))
          index = next;
        else if (!entity->is_child && unseen > META_ID && unseen < META_DELETED &&
                 gr_json_scan_key (scan, meta_keys[unseen], strlen (meta_keys[unseen])))
          meta = unseen;
        else
          {
            if (!gr_json_scan_string (scan) || !gr_json_scan_take (scan, ':'))
              return NULL;
            name = scan->text->str;
            for (guint i = 0; !entity->is_child && meta_keys[i] != NULL && meta < 0; i++)
              if (strcmp (meta_keys[i], name) == 0)
                meta = i;
            if (meta < 0)
              index = field_index (entity, name);
          }

        if (meta >= 0)
          {
            if ((seen_meta & (1u << meta)) != 0)
              return NULL;
            /* (name is overwritten by the value: meta_keys[meta] it is) */
            if (gr_json_scan_peek (scan) == '"' && meta != META_VERSION && meta != META_DELETED)
              {
                if (!gr_json_scan_string (scan) || !read_meta_text (record, meta, scan->text))
                  return NULL;
              }
            else if (!gr_json_scan_scalar (scan) || !read_meta_member (record, meta_keys[meta], scan->value, NULL))
              return NULL;
            seen_meta |= 1u << meta;
          }
        else if (index >= 0 && !seen[index])
          {
            const GrField *field = &entity->fields[index];
            GrValue *value = &record->values[index];
            char c = gr_json_scan_peek (scan);

            seen[index] = TRUE;
            next = index + 1;
            if (field->type == GR_FIELD_CHILDREN && c == '[')
              {
                g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_record_free);

                scan->p++;
                if (!gr_json_scan_take (scan, ']'))
                  for (;;)
                    {
                      GrRecord *child = record_scan (field->child, scan);

                      if (child == NULL)
                        return NULL;
                      g_ptr_array_add (children, child);
                      if (gr_json_scan_take (scan, ','))
                        continue;
                      if (gr_json_scan_take (scan, ']'))
                        break;
                      return NULL;
                    }
                value->type = GR_VALUE_CHILDREN;
                value->children = g_steal_pointer (&children);
              }
            else if (c == '{' || c == '[')
              {
                g_autoptr(JsonNode) node = gr_json_scan_node (scan);

                if (node == NULL || !read_field (node, field, "", value, NULL))
                  return NULL;
                /* kept for the checks of a quality test's indicators */
                if (strcmp (field->name, "indicators") == 0 && JSON_NODE_HOLDS_OBJECT (node))
                  {
                    g_clear_pointer (&indicators, json_node_unref);
                    indicators = g_steal_pointer (&node);
                  }
              }
            else if (c == '"' && (field->type == GR_FIELD_TEXT || field->type == GR_FIELD_ENUM ||
                                  field->type == GR_FIELD_DATE || field->type == GR_FIELD_MONTH))
              {
                /* Text, read without a JsonNode: the same checks. */
                if (!gr_json_scan_string (scan) || !read_text (scan->text->str, scan->text->len, field, "", value, NULL))
                  return NULL;
              }
            else if (c == '"' && field->type == GR_FIELD_REF)
              {
                if (!gr_json_scan_string (scan) || !gr_dataset_id_is_valid (scan->text->str))
                  return NULL;
                value->type = GR_VALUE_TEXT;
                value->s = g_strndup (scan->text->str, scan->text->len);
              }
            else
              {
                if (!gr_json_scan_scalar (scan))
                  return NULL;
                /* null: the default, below, as for a missing field */
                if (!JSON_NODE_HOLDS_NULL (scan->value) && !read_field (scan->value, field, "", value, NULL))
                  return NULL;
              }
          }
        else
          /* An unknown key (kept in extra) or one given twice. */
          return NULL;

        if (gr_json_scan_take (scan, ','))
          continue;
        if (gr_json_scan_take (scan, '}'))
          break;
        return NULL;
      }

  if (!entity->is_child && (seen_meta & 1u) == 0)
    return NULL;
  for (guint i = 0; i < entity->n_fields; i++)
    {
      if (record->values[i].type != GR_VALUE_NULL)
        continue;
      set_default (&record->values[i], &entity->fields[i]);
      if (record->values[i].type == GR_VALUE_NULL && entity->fields[i].required && !record->deleted)
        return NULL;
    }
  if (!check_record_rules (record, indicators ? json_node_get_object (indicators) : NULL, "", NULL))
    return NULL;
  return g_steal_pointer (&record);
}

GrRecord *
gr_record_scan (const GrEntity *entity,
                GrJsonScan     *scan)
{
  g_return_val_if_fail (entity != NULL, NULL);
  g_return_val_if_fail (scan != NULL, NULL);

  return record_scan (entity, scan);
}

/* ---- Writing records as JSON ---- */

static void append_record (const GrRecord *record, GString *out, gboolean canonical);

static void
append_value (const GrField  *field,
              const GrValue  *value,
              GString        *out,
              gboolean        canonical)
{
  switch (value->type)
    {
    case GR_VALUE_NULL:
      g_string_append (out, "null");
      return;

    case GR_VALUE_INT:
      if (field->type == GR_FIELD_BOOL)
        g_string_append (out, value->i ? "true" : "false");
      else if (field->type == GR_FIELD_TONNES && !canonical)
        {
          g_autofree char *t = gr_kg_to_tonnes_string (value->i);
          g_string_append (out, t);
        }
      else
        gr_json_append_int (out, value->i);
      return;

    case GR_VALUE_REAL:
      gr_json_append_double (out, value->d);
      return;

    case GR_VALUE_TEXT:
      if (field->type == GR_FIELD_JSON)
        g_string_append (out, value->s);
      else
        gr_json_append_string (out, value->s);
      return;

    case GR_VALUE_CHILDREN:
      g_string_append_c (out, '[');
      for (guint i = 0; i < value->children->len; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          append_record (value->children->pdata[i], out, canonical);
        }
      g_string_append_c (out, ']');
      return;

    default:
      g_assert_not_reached ();
    }
}

static void
append_key (GString    *out,
            const char *name,
            gboolean    first)
{
  if (!first)
    g_string_append (out, ", ");
  gr_json_append_string (out, name);
  g_string_append (out, ": ");
}

static void
append_record (const GrRecord *record,
               GString        *out,
               gboolean        canonical)
{
  const GrEntity *entity = record->entity;
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  if (!entity->is_child)
    {
      append_key (out, "id", TRUE);
      gr_json_append_string (out, record->id ? record->id : "");
      first = FALSE;
      if (canonical && record->deleted)
        {
          append_key (out, "deleted", FALSE);
          g_string_append (out, "true");
        }
    }

  for (guint i = 0; i < entity->n_fields; i++)
    {
      append_key (out, entity->fields[i].name, first);
      first = FALSE;
      append_value (&entity->fields[i], &record->values[i], out, canonical);
    }

  if (!entity->is_child && !canonical)
    {
      append_key (out, "version", FALSE);
      if (record->version >= 0)
        gr_json_append_int (out, record->version);
      else
        g_string_append (out, "null");
      append_key (out, "updated_at", FALSE);
      if (record->updated_at)
        gr_json_append_string (out, record->updated_at);
      else
        g_string_append (out, "null");
      append_key (out, "updated_by", FALSE);
      if (record->updated_by)
        gr_json_append_string (out, record->updated_by);
      else
        g_string_append (out, "null");
      if (record->deleted)
        {
          append_key (out, "deleted", FALSE);
          g_string_append (out, "true");
        }
    }

  /* The unknown keys, already sorted: splice in the members of {…}. */
  if (record->extra != NULL)
    {
      gsize len = strlen (record->extra);

      if (len > 2)
        {
          if (!first)
            g_string_append (out, ", ");
          g_string_append_len (out, record->extra + 1, len - 2);
        }
    }
  g_string_append_c (out, '}');
}

void
gr_record_append_json (const GrRecord *record,
                       GString        *out)
{
  append_record (record, out, FALSE);
}

void
gr_record_append_canonical (const GrRecord *record,
                            GString        *out)
{
  append_record (record, out, TRUE);
}

char *
gr_record_hash (const GrRecord *record)
{
  g_autoptr(GString) canonical = g_string_sized_new (256);

  append_record (record, canonical, TRUE);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical->str, canonical->len);
}

const char *
gr_record_first_difference (const GrRecord *a,
                            const GrRecord *b)
{
  g_autoptr(GString) va = g_string_new (NULL);
  g_autoptr(GString) vb = g_string_new (NULL);

  g_return_val_if_fail (a->entity == b->entity, NULL);

  if (!a->deleted != !b->deleted)
    return "deleted";
  for (guint i = 0; i < a->entity->n_fields; i++)
    {
      g_string_truncate (va, 0);
      g_string_truncate (vb, 0);
      append_value (&a->entity->fields[i], &a->values[i], va, TRUE);
      append_value (&a->entity->fields[i], &b->values[i], vb, TRUE);
      if (!g_string_equal (va, vb))
        return a->entity->fields[i].name;
    }
  if (g_strcmp0 (a->extra, b->extra) != 0)
    return "extra";
  return NULL;
}

char *
gr_record_field_json (const GrRecord *record,
                      const char     *field)
{
  GString *out = g_string_new (NULL);
  int i = field_index (record->entity, field);

  if (i >= 0)
    append_value (&record->entity->fields[i], &record->values[i], out, FALSE);
  return g_string_free (out, FALSE);
}
