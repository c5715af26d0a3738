/* gr-json-check.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-json-check"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gr-error.h"
#include "gr-json-check.h"

gboolean
gr_json_fail (GrJsonCheck *check,
              const char  *path,
              const char  *key,
              const char  *format,
              ...)
{
  g_autofree char *message = NULL;
  g_autofree char *where = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (key != NULL)
    where = g_strdup_printf ("%s/%s", path ? path : "", key);
  else
    where = g_strdup (path && *path ? path : "/");
  g_set_error (check->error, GR_ERROR, GR_ERROR_INVALID, "%s: %s: %s", check->file, where, message);
  return FALSE;
}

JsonNode *
gr_json_parse_object (GrJsonCheck *check,
                      const char  *data,
                      gssize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (check->error, GR_ERROR, GR_ERROR_INVALID, "%s: %s", check->file, local_error->message);
      return NULL;
    }
  /* json-glib accepts "var x = {…}"; a data file must be plain JSON. */
  if (json_parser_has_assignment (parser, NULL))
    {
      g_set_error (check->error, GR_ERROR, GR_ERROR_INVALID,
                   _("%s: not plain JSON (it assigns to a variable)"), check->file);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      gr_json_fail (check, "", NULL, _("expected a JSON object"));
      return NULL;
    }
  return json_node_ref (root);
}

gboolean
gr_json_only_keys (GrJsonCheck        *check,
                   JsonObject         *object,
                   const char         *path,
                   const char * const *allowed)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;

      if (strcmp (key, "note") == 0 || g_strv_contains (allowed, key))
        continue;
      return gr_json_fail (check, path, key, _("unknown key"));
    }
  return TRUE;
}

/* The member's node, or NULL when missing or null (an error if required). */
static gboolean
lookup (GrJsonCheck  *check,
        JsonObject   *object,
        const char   *path,
        const char   *key,
        gboolean      required,
        JsonNode    **out)
{
  JsonNode *node = json_object_get_member (object, key);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return gr_json_fail (check, path, key, node ? _("must not be null") : _("missing"));
      return TRUE;
    }
  *out = node;
  return TRUE;
}

static gboolean
holds_type (JsonNode *node,
            GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

gboolean
gr_json_get_string (GrJsonCheck  *check,
                    JsonObject   *object,
                    const char   *path,
                    const char   *key,
                    gboolean      required,
                    const char  **out)
{
  JsonNode *node;

  if (!lookup (check, object, path, key, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!holds_type (node, G_TYPE_STRING))
    return gr_json_fail (check, path, key, _("expected a string"));
  *out = json_node_get_string (node);
  return TRUE;
}

gboolean
gr_json_get_int (GrJsonCheck  *check,
                 JsonObject   *object,
                 const char   *path,
                 const char   *key,
                 gboolean      required,
                 gint64        min,
                 gint64        max,
                 gint64       *out)
{
  JsonNode *node;
  gint64 value;

  if (!lookup (check, object, path, key, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!holds_type (node, G_TYPE_INT64))
    return gr_json_fail (check, path, key, _("expected an integer"));
  value = json_node_get_int (node);
  if (value < min || value > max)
    /* TRANSLATORS: a value in a profile file and the range it must lie in */
    return gr_json_fail (check, path, key, _("%lld is out of range (%lld–%lld)"),
                         (long long) value, (long long) min, (long long) max);
  *out = value;
  return TRUE;
}

gboolean
gr_json_get_number (GrJsonCheck  *check,
                    JsonObject   *object,
                    const char   *path,
                    const char   *key,
                    gboolean      required,
                    double        min,
                    double        max,
                    double       *out)
{
  JsonNode *node;
  double value;

  if (!lookup (check, object, path, key, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (holds_type (node, G_TYPE_INT64))
    value = (double) json_node_get_int (node);
  else if (holds_type (node, G_TYPE_DOUBLE))
    value = json_node_get_double (node);
  else
    return gr_json_fail (check, path, key, _("expected a number"));
  if (!isfinite (value) || value < min || value > max)
    return gr_json_fail (check, path, key, _("%g is out of range (%g–%g)"), value, min, max);
  *out = value;
  return TRUE;
}

gboolean
gr_json_get_bool (GrJsonCheck  *check,
                  JsonObject   *object,
                  const char   *path,
                  const char   *key,
                  gboolean      required,
                  gboolean     *out)
{
  JsonNode *node;

  if (!lookup (check, object, path, key, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!holds_type (node, G_TYPE_BOOLEAN))
    return gr_json_fail (check, path, key, _("expected true or false"));
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
gr_json_get_object (GrJsonCheck  *check,
                    JsonObject   *object,
                    const char   *path,
                    const char   *key,
                    gboolean      required,
                    gboolean      null_ok,
                    JsonObject  **out)
{
  JsonNode *node = json_object_get_member (object, key);

  *out = NULL;
  if (node != NULL && JSON_NODE_HOLDS_NULL (node) && null_ok)
    return TRUE;
  if (!lookup (check, object, path, key, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return gr_json_fail (check, path, key, _("expected an object"));
  *out = json_node_get_object (node);
  return TRUE;
}

gboolean
gr_json_get_array (GrJsonCheck  *check,
                   JsonObject   *object,
                   const char   *path,
                   const char   *key,
                   gboolean      required,
                   JsonArray   **out)
{
  JsonNode *node;

  *out = NULL;
  if (!lookup (check, object, path, key, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return gr_json_fail (check, path, key, _("expected an array"));
  *out = json_node_get_array (node);
  return TRUE;
}

gboolean
gr_json_get_flags (GrJsonCheck        *check,
                   JsonObject         *object,
                   const char         *path,
                   const char         *key,
                   gboolean            required,
                   const char * const *allowed,
                   guint              *out)
{
  g_autofree char *array_path = g_strdup_printf ("%s/%s", path, key);
  JsonArray *array;
  guint flags = 0;

  if (!gr_json_get_array (check, object, path, key, required, &array))
    return FALSE;
  if (array == NULL)
    return TRUE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *index = g_strdup_printf ("%u", i);
      const char *value;
      guint bit;

      if (!holds_type (node, G_TYPE_STRING))
        return gr_json_fail (check, array_path, index, _("expected a string"));
      value = json_node_get_string (node);
      for (bit = 0; allowed[bit] != NULL; bit++)
        if (strcmp (allowed[bit], value) == 0)
          break;
      if (allowed[bit] == NULL)
        {
          g_autofree char *choices = g_strjoinv (", ", (char **) allowed);

          return gr_json_fail (check, array_path, index, _("unknown value “%s” (expected one of %s)"), value, choices);
        }
      flags |= 1u << bit;
    }
  *out = flags;
  return TRUE;
}
