/* gr-json-writer.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-json-writer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "gr-json-writer.h"

void
gr_json_append_string (GString    *out,
                       const char *text)
{
  static const char hex[] = "0123456789abcdef";
  const char *run = text;
  const char *p;

  g_string_append_c (out, '"');
  /* Copy runs of plain bytes at once; UTF-8 goes through as it is. */
  for (p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          g_string_append (out, "\\u00");
          g_string_append_c (out, hex[c >> 4]);
          g_string_append_c (out, hex[c & 0xf]);
          break;
        }
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

void
gr_json_append_double (GString *out,
                       double   value)
{
  static const char * const formats[] = { "%.15g", "%.16g", "%.17g" };
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  /* Whole numbers (most prices, years) print exactly as integers. */
  if (value == floor (value) && fabs (value) < 1e15 && !(value == 0 && signbit (value)))
    {
      gr_json_append_int (out, (gint64) value);
      return;
    }
  /* 15 significant digits reproduce every decimal a person types; more
   * only when the double really needs them to read back the same. */
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buf, sizeof buf, formats[i], value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_string_append (out, buf);
}

void
gr_json_append_int (GString *out,
                    gint64   value)
{
  char buf[24];
  char *p = buf + sizeof buf;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  /* Called for every number of every record: no printf machinery. */
  do
    *--p = '0' + magnitude % 10;
  while ((magnitude /= 10) != 0);
  if (value < 0)
    *--p = '-';
  g_string_append_len (out, p, buf + sizeof buf - p);
}

void
gr_json_append_node (GString  *out,
                     JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          gr_json_append_int (out, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          gr_json_append_double (out, json_node_get_double (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_STRING:
          gr_json_append_string (out, json_node_get_string (node));
          break;
        default:
          g_string_append (out, "null");
          break;
        }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append (out, ", ");
            gr_json_append_node (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append (out, ", ");
            first = FALSE;
            gr_json_append_string (out, name);
            g_string_append (out, ": ");
            gr_json_append_node (out, member);
          }
        g_string_append_c (out, '}');
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

char *
gr_json_node_to_text (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  gr_json_append_node (out, node);
  return g_string_free (out, FALSE);
}

char *
gr_json_canonical (const char  *text,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  if (!json_parser_load_from_data (parser, text, -1, error))
    return NULL;
  return gr_json_node_to_text (json_parser_get_root (parser));
}

char *
gr_json_describe (JsonNode *node)
{
  g_autoptr(GString) value = g_string_new (NULL);

  if (node == NULL)
    return g_strdup (_("nothing"));

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      return g_strdup ("null");
    case JSON_NODE_ARRAY:
      return g_strdup (_("a list"));
    case JSON_NODE_OBJECT:
      return g_strdup (_("an object"));
    case JSON_NODE_VALUE:
    default:
      break;
    }

  gr_json_append_node (value, node);
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      /* TRANSLATORS: describes a wrong value in an error, e.g. "the number 12" */
      return g_strdup_printf (_("the number %s"), value->str);
    case G_TYPE_STRING:
      if (value->len > 60)
        {
          g_string_truncate (value, 57);
          /* keep the text valid UTF-8 when cutting */
          while (value->len > 0 && !g_utf8_validate (value->str, value->len, NULL))
            g_string_truncate (value, value->len - 1);
          g_string_append (value, "…\"");
        }
      /* TRANSLATORS: describes a wrong value in an error, e.g. the text "5000" */
      return g_strdup_printf (_("the text %s"), value->str);
    default:
      return g_string_free (g_steal_pointer (&value), FALSE);
    }
}
