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
