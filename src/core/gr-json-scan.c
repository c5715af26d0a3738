/* gr-json-scan.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-json-scan"

#include "config.h"

#include <string.h>

#include "gr-json-scan.h"

/* Deeper than any record: a tree nested further is left to json-glib. */
#define MAX_DEPTH 32

void
gr_json_scan_init (GrJsonScan *scan,
                   const char *data,
                   gsize       length)
{
  scan->p = data;
  scan->end = data + length;
  scan->text = g_string_sized_new (64);
  scan->nodes[0] = json_node_init_string (json_node_alloc (), "");
  scan->nodes[1] = json_node_init_boolean (json_node_alloc (), FALSE);
  scan->nodes[2] = json_node_init_null (json_node_alloc ());
  scan->nodes[3] = json_node_init_int (json_node_alloc (), 0);
  scan->value = scan->nodes[2];
}

void
gr_json_scan_clear (GrJsonScan *scan)
{
  if (scan->text != NULL)
    g_string_free (scan->text, TRUE);
  scan->text = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (scan->nodes); i++)
    g_clear_pointer (&scan->nodes[i], json_node_unref);
  scan->value = NULL;
}

static inline void
skip_space (GrJsonScan *scan)
{
  while (scan->p < scan->end && (*scan->p == ' ' || *scan->p == '\t' || *scan->p == '\n' || *scan->p == '\r'))
    scan->p++;
}

char
gr_json_scan_peek (GrJsonScan *scan)
{
  skip_space (scan);
  return scan->p < scan->end ? *scan->p : '\0';
}

gboolean
gr_json_scan_take (GrJsonScan *scan,
                   char        c)
{
  skip_space (scan);
  if (scan->p < scan->end && *scan->p == c)
    {
      scan->p++;
      return TRUE;
    }
  return FALSE;
}

gboolean
gr_json_scan_at_end (GrJsonScan *scan)
{
  skip_space (scan);
  return scan->p == scan->end;
}

/* What may follow a number or a literal. */
static gboolean
at_delimiter (GrJsonScan *scan)
{
  if (scan->p == scan->end)
    return TRUE;
  switch (*scan->p)
    {
    case ',': case '}': case ']': case ' ': case '\t': case '\n': case '\r':
      return TRUE;
    default:
      return FALSE;
    }
}

/* What a byte inside a string is: most are plain ASCII, passed over in
 * a tight loop. */
enum { PLAIN, QUOTE, ESCAPE, CONTROL, HIGH };

static const guint8 string_class[256] = {
  [0x00 ... 0x1f] = CONTROL,
  ['"'] = QUOTE,
  ['\\'] = ESCAPE,
  [0x80 ... 0xff] = HIGH,
};

/* Appends without g_string_append_len ()'s general insert: strings are
 * read by the million. */
static inline void
text_append (GString    *text,
             const char *data,
             gsize       length)
{
  gsize at = text->len;

  if (at + length + 1 > text->allocated_len)
    g_string_set_size (text, at + length);
  memcpy (text->str + at, data, length);
  text->len = at + length;
  text->str[text->len] = '\0';
}

static inline void
text_append_c (GString *text,
               char     c)
{
  text_append (text, &c, 1);
}

gboolean
gr_json_scan_string (GrJsonScan *scan)
{
  const guchar *p;
  const guchar *end = (const guchar *) scan->end;
  const guchar *run;
  gboolean ascii = TRUE;

  skip_space (scan);
  if (scan->p == scan->end || *scan->p != '"')
    return FALSE;
  scan->text->len = 0;
  scan->text->str[0] = '\0';
  run = p = (const guchar *) ++scan->p;
  for (;;)
    {
      while (p < end && string_class[*p] == PLAIN)
        p++;
      if (p == end)
        return FALSE;
      switch (string_class[*p])
        {
        case HIGH:
          ascii = FALSE;
          p++;
          continue;
        case QUOTE:
          text_append (scan->text, (const char *) run, p - run);
          scan->p = (const char *) p + 1;
          /* (escapes give ASCII: the text is UTF-8 when the input was) */
          return ascii || g_utf8_validate_len (scan->text->str, scan->text->len, NULL);
        case CONTROL:
          return FALSE;
        case ESCAPE:
        default:
          break;
        }
      text_append (scan->text, (const char *) run, p - run);
      if (++p == end)
        return FALSE;
      /* \u escapes are left to json-glib (and the writers here never
       * use them but for control characters). */
      switch (*p)
        {
        case '"':  text_append_c (scan->text, '"'); break;
        case '\\': text_append_c (scan->text, '\\'); break;
        case '/':  text_append_c (scan->text, '/'); break;
        case 'n':  text_append_c (scan->text, '\n'); break;
        case 't':  text_append_c (scan->text, '\t'); break;
        case 'r':  text_append_c (scan->text, '\r'); break;
        case 'b':  text_append_c (scan->text, '\b'); break;
        case 'f':  text_append_c (scan->text, '\f'); break;
        default:
          return FALSE;
        }
      run = ++p;
    }
}

gboolean
gr_json_scan_string_is (GrJsonScan *scan,
                        const char *text,
                        gsize       length)
{
  const char *p;

  skip_space (scan);
  p = scan->p;
  /* (text has no quote nor backslash: the same bytes are the same string) */
  if ((gsize) (scan->end - p) < length + 2 || p[0] != '"' || memcmp (p + 1, text, length) != 0 || p[length + 1] != '"')
    return FALSE;
  scan->p = p + length + 2;
  return TRUE;
}

gboolean
gr_json_scan_key (GrJsonScan *scan,
                  const char *key,
                  gsize       length)
{
  const char *start = scan->p;

  if (!gr_json_scan_string_is (scan, key, length))
    return FALSE;
  if (gr_json_scan_take (scan, ':'))
    return TRUE;
  scan->p = start;
  return FALSE;
}

/* node: a value node, set to the number */
static gboolean
scan_number (GrJsonScan *scan,
             JsonNode   *node)
{
  const char *start = scan->p;
  const char *p = scan->p;
  gboolean negative = FALSE;
  gboolean fraction = FALSE;
  guint digits = 0;
  guint decimals = 0;
  guint64 whole = 0;
  guint64 fraction_digits = 0;   /* every digit, the point left out */

  if (p < scan->end && *p == '-')
    {
      negative = TRUE;
      p++;
    }
  /* No leading zeros: json-glib would read 012 as octal. */
  if (p == scan->end || !g_ascii_isdigit (*p) ||
      (*p == '0' && p + 1 < scan->end && g_ascii_isdigit (p[1])))
    return FALSE;
  while (p < scan->end && g_ascii_isdigit (*p))
    {
      whole = whole * 10 + (guint64) (*p - '0');
      digits++;
      p++;
    }
  if (p < scan->end && *p == '.')
    {
      fraction = TRUE;
      p++;
      if (p == scan->end || !g_ascii_isdigit (*p))
        return FALSE;
      fraction_digits = whole;
      while (p < scan->end && g_ascii_isdigit (*p))
        {
          if (digits + decimals < 19)
            fraction_digits = fraction_digits * 10 + (guint64) (*p - '0');
          decimals++;
          p++;
        }
    }
  scan->p = p;
  /* Exponents are left to json-glib. */
  if (!at_delimiter (scan))
    return FALSE;

  if (!fraction)
    {
      if (digits > 18)
        return FALSE;
      json_node_set_int (node, negative ? -(gint64) whole : (gint64) whole);
    }
  else if (digits + decimals <= 15 && decimals <= 22)
    {
      /* Both the digits as a whole number and the power of ten are
       * exact doubles: their quotient is the correctly rounded value,
       * what strtod gives (Clinger's fast path). */
      static const double tens[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                     1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
      double value = (double) fraction_digits / tens[decimals];

      json_node_set_double (node, negative ? -value : value);
    }
  else
    {
      char buffer[64];
      gsize length = p - start;

      if (length >= sizeof buffer)
        return FALSE;
      memcpy (buffer, start, length);
      buffer[length] = '\0';
      json_node_set_double (node, g_ascii_strtod (buffer, NULL));
    }
  return TRUE;
}

static gboolean
scan_literal (GrJsonScan *scan,
              const char *word)
{
  gsize length = strlen (word);

  if ((gsize) (scan->end - scan->p) < length || memcmp (scan->p, word, length) != 0)
    return FALSE;
  scan->p += length;
  return at_delimiter (scan);
}

static gboolean
scan_scalar_into (GrJsonScan *scan,
                  JsonNode   *node)
{
  switch (gr_json_scan_peek (scan))
    {
    case '"':
      if (!gr_json_scan_string (scan))
        return FALSE;
      json_node_init_string (node, scan->text->str);
      return TRUE;
    case 't':
      if (!scan_literal (scan, "true"))
        return FALSE;
      json_node_init_boolean (node, TRUE);
      return TRUE;
    case 'f':
      if (!scan_literal (scan, "false"))
        return FALSE;
      json_node_init_boolean (node, FALSE);
      return TRUE;
    case 'n':
      if (!scan_literal (scan, "null"))
        return FALSE;
      json_node_init_null (node);
      return TRUE;
    default:
      json_node_init_int (node, 0);
      return scan_number (scan, node);
    }
}

gboolean
gr_json_scan_scalar (GrJsonScan *scan)
{
  JsonNode *node;

  /* One node of each kind, set again for each value: json-glib 1.6
   * cannot initialise a node that held a value as another kind
   * (json_node_init leaves the freed value behind), but sets a value of
   * the kind it holds in place. */
  switch (gr_json_scan_peek (scan))
    {
    case '"':
      if (!gr_json_scan_string (scan))
        return FALSE;
      node = scan->nodes[0];
      json_node_set_string (node, scan->text->str);
      break;
    case 't':
    case 'f':
      {
        gboolean value = *scan->p == 't';

        if (!scan_literal (scan, value ? "true" : "false"))
          return FALSE;
        node = scan->nodes[1];
        json_node_set_boolean (node, value);
      }
      break;
    case 'n':
      if (!scan_literal (scan, "null"))
        return FALSE;
      node = scan->nodes[2];
      break;
    default:
      node = scan->nodes[3];
      if (!scan_number (scan, node))
        return FALSE;
      break;
    }
  scan->value = node;
  return TRUE;
}

static JsonNode *
scan_node (GrJsonScan *scan,
           guint       depth)
{
  g_autoptr(JsonNode) node = json_node_alloc ();

  if (depth > MAX_DEPTH)
    return NULL;
  switch (gr_json_scan_peek (scan))
    {
    case '{':
      {
        g_autoptr(JsonObject) object = json_object_new ();

        scan->p++;
        if (!gr_json_scan_take (scan, '}'))
          for (;;)
            {
              g_autofree char *name = NULL;
              JsonNode *member;

              if (!gr_json_scan_string (scan) || !gr_json_scan_take (scan, ':'))
                return NULL;
              name = g_strdup (scan->text->str);
              /* json-glib keeps the last of two members of one name, in
               * the place of the first: left to it. */
              if (json_object_has_member (object, name) || (member = scan_node (scan, depth + 1)) == NULL)
                return NULL;
              json_object_set_member (object, name, member);
              if (gr_json_scan_take (scan, ','))
                continue;
              if (gr_json_scan_take (scan, '}'))
                break;
              return NULL;
            }
        json_node_init_object (node, object);
        return g_steal_pointer (&node);
      }

    case '[':
      {
        g_autoptr(JsonArray) array = json_array_new ();

        scan->p++;
        if (!gr_json_scan_take (scan, ']'))
          for (;;)
            {
              JsonNode *element = scan_node (scan, depth + 1);

              if (element == NULL)
                return NULL;
              json_array_add_element (array, element);
              if (gr_json_scan_take (scan, ','))
                continue;
              if (gr_json_scan_take (scan, ']'))
                break;
              return NULL;
            }
        json_node_init_array (node, array);
        return g_steal_pointer (&node);
      }

    default:
      if (!scan_scalar_into (scan, node))
        return NULL;
      return g_steal_pointer (&node);
    }
}

JsonNode *
gr_json_scan_node (GrJsonScan *scan)
{
  return scan_node (scan, 0);
}
