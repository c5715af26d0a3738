/* gr-finding.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-finding"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-finding.h"

GrFinding *
gr_finding_new (const char *rule,
                GrSeverity  severity,
                const char *subject_type,
                const char *subject_id)
{
  GrFinding *finding = g_new0 (GrFinding, 1);

  finding->rule = g_strdup (rule);
  finding->severity = severity;
  finding->subject_type = g_strdup (subject_type);
  finding->subject_id = g_strdup (subject_id);
  return finding;
}

void
gr_finding_free (GrFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->rule);
  g_free (finding->subject_type);
  g_free (finding->subject_id);
  g_free (finding->due);
  g_free (finding->message);
  g_free (finding->document);
  g_free (finding->article);
  g_free (finding->subject_name);
  g_free (finding->enterprise);
  g_free (finding->depot);
  g_free (finding->variety);
  g_free (finding);
}

int
gr_finding_compare (const GrFinding *a,
                    const GrFinding *b)
{
  int cmp;

  if (a->severity != b->severity)
    return a->severity < b->severity ? -1 : 1;
  if ((cmp = g_strcmp0 (a->rule, b->rule)) != 0)
    return cmp;
  if ((cmp = g_strcmp0 (a->subject_id, b->subject_id)) != 0)
    return cmp;
  if ((a->due == NULL) != (b->due == NULL))
    return a->due == NULL ? 1 : -1;
  if ((cmp = g_strcmp0 (a->due, b->due)) != 0)
    return cmp;
  return g_strcmp0 (a->message, b->message);
}

static int
compare_ptr (gconstpointer a,
             gconstpointer b)
{
  return gr_finding_compare (*(GrFinding * const *) a, *(GrFinding * const *) b);
}

void
gr_findings_sort (GPtrArray *findings)
{
  g_ptr_array_sort (findings, compare_ptr);
}

const char *
gr_severity_to_string (GrSeverity severity)
{
  switch (severity)
    {
    case GR_SEVERITY_VIOLATION: return "violation";
    case GR_SEVERITY_WARNING:   return "warning";
    case GR_SEVERITY_INFO:      return "info";
    default:                    g_return_val_if_reached (NULL);
    }
}

const char *
gr_severity_name (GrSeverity severity)
{
  switch (severity)
    {
    /* TRANSLATORS: a finding that breaks a rule: 违规 */
    case GR_SEVERITY_VIOLATION: return _("Violation");
    /* TRANSLATORS: a finding that falls due soon: 预警 */
    case GR_SEVERITY_WARNING:   return _("Warning");
    /* TRANSLATORS: a finding for information: 提示 */
    case GR_SEVERITY_INFO:      return _("Information");
    default:                    g_return_val_if_reached (NULL);
    }
}

JsonNode *
gr_finding_to_json (const GrFinding *finding)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "rule");
  json_builder_add_string_value (builder, finding->rule);
  json_builder_set_member_name (builder, "severity");
  json_builder_add_string_value (builder, gr_severity_to_string (finding->severity));
  json_builder_set_member_name (builder, "subject");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, finding->subject_type);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, finding->subject_id);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "due");
  if (finding->due != NULL)
    json_builder_add_string_value (builder, finding->due);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, finding->message);
  json_builder_set_member_name (builder, "citation");
  if (finding->document != NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "document");
      json_builder_add_string_value (builder, finding->document);
      json_builder_set_member_name (builder, "article");
      json_builder_add_string_value (builder, finding->article);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

JsonNode *
gr_findings_to_json (GPtrArray *findings)
{
  JsonArray *array = json_array_sized_new (findings->len);
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < findings->len; i++)
    json_array_add_element (array, gr_finding_to_json (findings->pdata[i]));
  json_node_take_array (node, array);
  return node;
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      const char *run = p;
      unsigned char c;

      /* Copy plain bytes (UTF-8 included) in one go. */
      while (*p != '\0' && (unsigned char) *p >= 0x20 && *p != '"' && *p != '\\')
        p++;
      if (p > run)
        g_string_append_len (out, run, p - run);
      if (*p == '\0')
        break;
      c = (unsigned char) *p;
      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\r': g_string_append (out, "\\r"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

/* Appends a key with its separator and indentation, e.g. ,\n    "due": */
static void
append_key (GString    *out,
            gboolean    pretty,
            gboolean    first,
            int         depth,
            const char *key)
{
  static const char spaces[] = "        ";

  if (!first)
    g_string_append_c (out, ',');
  if (pretty)
    {
      g_string_append_c (out, '\n');
      g_string_append_len (out, spaces, 2 * depth);
    }
  g_string_append_c (out, '"');
  g_string_append (out, key);
  g_string_append (out, pretty ? "\": " : "\":");
}

static void
append_close (GString  *out,
              gboolean  pretty,
              int       depth)
{
  static const char spaces[] = "        ";

  if (pretty)
    {
      g_string_append_c (out, '\n');
      g_string_append_len (out, spaces, 2 * depth);
    }
  g_string_append_c (out, '}');
}

char *
gr_findings_to_json_string (GPtrArray *findings,
                            gboolean   pretty)
{
  /* json-glib builds a node tree first: with a hundred thousand findings
   * that costs more than computing them. This writes the same document. */
  GString *out = g_string_sized_new (256 + findings->len * 400);

  g_string_append_c (out, '[');
  for (guint i = 0; i < findings->len; i++)
    {
      const GrFinding *f = findings->pdata[i];

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, pretty ? "\n  {" : "{");
      append_key (out, pretty, TRUE, 2, "rule");
      append_json_string (out, f->rule);
      append_key (out, pretty, FALSE, 2, "severity");
      append_json_string (out, gr_severity_to_string (f->severity));
      append_key (out, pretty, FALSE, 2, "subject");
      g_string_append_c (out, '{');
      append_key (out, pretty, TRUE, 3, "type");
      append_json_string (out, f->subject_type);
      append_key (out, pretty, FALSE, 3, "id");
      append_json_string (out, f->subject_id);
      append_close (out, pretty, 2);
      append_key (out, pretty, FALSE, 2, "due");
      append_json_string (out, f->due);
      append_key (out, pretty, FALSE, 2, "message");
      append_json_string (out, f->message);
      append_key (out, pretty, FALSE, 2, "citation");
      if (f->document != NULL)
        {
          g_string_append_c (out, '{');
          append_key (out, pretty, TRUE, 3, "document");
          append_json_string (out, f->document);
          append_key (out, pretty, FALSE, 3, "article");
          append_json_string (out, f->article);
          append_close (out, pretty, 2);
        }
      else
        g_string_append (out, "null");
      append_close (out, pretty, 1);
    }
  if (pretty && findings->len > 0)
    g_string_append_c (out, '\n');
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

char *
gr_findings_to_text (GPtrArray *findings)
{
  GString *out = g_string_new (NULL);

  if (findings->len == 0)
    {
      g_string_append_printf (out, "%s\n", _("No findings."));
      return g_string_free (out, FALSE);
    }

  for (GrSeverity severity = GR_SEVERITY_VIOLATION; severity <= GR_SEVERITY_INFO; severity++)
    {
      guint count = 0;

      for (guint i = 0; i < findings->len; i++)
        count += ((GrFinding *) findings->pdata[i])->severity == severity;
      if (count == 0)
        continue;

      if (out->len > 0)
        g_string_append_c (out, '\n');
      /* TRANSLATORS: a heading: severity and how many findings, e.g. "违规（3）" */
      g_string_append_printf (out, _("%s (%u)"), gr_severity_name (severity), count);
      g_string_append_c (out, '\n');

      for (guint i = 0; i < findings->len; i++)
        {
          const GrFinding *f = findings->pdata[i];

          if (f->severity != severity)
            continue;
          g_string_append_printf (out, "  [%s] %s\n", f->rule, f->message);
          g_string_append (out, "      ");
          if (f->document != NULL)
            /* TRANSLATORS: a citation: document and article, e.g. 《东莞市政府储备粮管理办法》第十五条 */
            g_string_append_printf (out, _("%s, %s"), f->document, f->article);
          else
            g_string_append (out, _("no article"));
          if (f->due != NULL)
            {
              g_string_append (out, " · ");
              /* TRANSLATORS: the date a finding falls due: 期限 2026-03-31 */
              g_string_append_printf (out, _("due %s"), f->due);
            }
          g_string_append_c (out, '\n');
        }
    }
  return g_string_free (out, FALSE);
}
