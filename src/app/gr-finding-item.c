/* gr-finding-item.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-finding-item"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gr-finding-item.h"
#include "gr-profile.h"

struct _GrFindingItem
{
  GObject            parent_instance;

  GrFindingItemKind  kind;
  GrSeverity         severity;
  guint              count;
  char              *rule;      /* headings only; a finding has its own */

  /* Owned References */
  GrFinding         *finding;
  char              *haystack;  /* casefolded text the search looks in */
  const char        *short_message;  /* points into finding->message */
  guint              rule_rank;
};

G_DEFINE_FINAL_TYPE (GrFindingItem, gr_finding_item, G_TYPE_OBJECT)

/* The topic of each rule, so that one title fits both the broken rule
 * and the warning before it. */
static const struct {
  const char *rule;
  const char *title;
} rule_titles[] = {
  /* TRANSLATORS: a rule's topic, a heading in the findings list: 库存比例 */
  { "stock.min_ratio",     N_("Stock against plan") },
  /* TRANSLATORS: a rule's topic: a month end at full plan stock, 满库月 */
  { "stock.full_month",    N_("Month at full stock") },
  /* TRANSLATORS: a rule's topic: 储存年限 */
  { "age.limit",           N_("Storage years") },
  /* TRANSLATORS: a rule's topic: 保质期 */
  { "shelf_life",          N_("Shelf life") },
  /* TRANSLATORS: a rule's topic: 轮空期 */
  { "rotation.vacancy",    N_("Rotation vacancy") },
  /* TRANSLATORS: a rule's topic: replenishing grain released by order, 动用后补库 */
  { "release.replenish",   N_("Replenishment after release") },
  /* TRANSLATORS: a rule's topic: 储存品质 */
  { "quality.storage",     N_("Storage quality") },
  /* TRANSLATORS: a rule's topic: 质量等级 */
  { "quality.grade",       N_("Quality grade") },
  /* TRANSLATORS: a rule's topic: rotated-in grain newer than what it replaced, 轮入粮食新陈 */
  { "rotation.newer_in",   N_("Rotated-in grain age") },
  /* TRANSLATORS: a rule's topic: 新粮入库 */
  { "intake.new_grain",    N_("Intake of new grain") },
  /* TRANSLATORS: a rule's topic: 分仓储存 */
  { "storage.segregation", N_("Segregated storage") },
  /* TRANSLATORS: a rule's topic: 月度报告 */
  { "report.monthly",      N_("Monthly report") },
  /* TRANSLATORS: a rule's topic: 年度轮换计划 */
  { "plan.annual",         N_("Annual rotation plan") },
  /* TRANSLATORS: a rule's topic: 负库存 */
  { "stock.negative",      N_("Negative balance") },
};

static const struct {
  const char *type;
  const char *name;
} subject_types[] = {
  /* TRANSLATORS: what a finding is about: 货位 */
  { "lot",        N_("Lot") },
  /* TRANSLATORS: what a finding is about: 承储计划 */
  { "plan",       N_("Storage plan") },
  /* TRANSLATORS: what a finding is about: 仓房 */
  { "bin",        N_("Bin") },
  /* TRANSLATORS: what a finding is about: 承储企业 */
  { "enterprise", N_("Enterprise") },
  /* TRANSLATORS: what a finding is about: 动用命令 */
  { "release",    N_("Release order") },
};

const char *
gr_rule_title (const char *rule)
{
  for (guint i = 0; i < G_N_ELEMENTS (rule_titles); i++)
    if (g_strcmp0 (rule_titles[i].rule, rule) == 0)
      return _(rule_titles[i].title);
  return rule;
}

const char *
gr_subject_type_name (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (subject_types); i++)
    if (g_strcmp0 (subject_types[i].type, type) == 0)
      return _(subject_types[i].name);
  return type;
}

const char *
gr_severity_icon_name (GrSeverity severity)
{
  switch (severity)
    {
    case GR_SEVERITY_VIOLATION: return "dialog-error-symbolic";
    case GR_SEVERITY_WARNING:   return "dialog-warning-symbolic";
    case GR_SEVERITY_INFO:
    default:                    return "dialog-information-symbolic";
    }
}

const char *
gr_severity_style_class (GrSeverity severity)
{
  switch (severity)
    {
    case GR_SEVERITY_VIOLATION: return "error";
    case GR_SEVERITY_WARNING:   return "warning";
    case GR_SEVERITY_INFO:
    default:                    return "accent";
    }
}

/* Rules in the order of DESIGN.md §4 (stock first), not by their ids;
 * unknown ones last. */
static guint
rule_rank (const char *rule)
{
  GrRuleId id;

  return rule != NULL && gr_rule_id_from_string (rule, &id) ? (guint) id : GR_N_RULES;
}

static char *
citation_text (const GrFinding *finding)
{
  if (finding->document == NULL)
    return NULL;
  /* TRANSLATORS: a citation: document and article, e.g. 《东莞市政府储备粮管理办法》第十五条 */
  return g_strdup_printf (_("%s, %s"), finding->document, finding->article ? finding->article : "");
}

/* The engine's messages begin with the subject ("城南库 P01仓 中晚籼稻：…");
 * a row shows the subject above the message, so once is enough. */
static const char *
skip_subject (const GrFinding *finding)
{
  const char *message = finding->message ? finding->message : "";
  const char *rest;

  if (finding->subject_name == NULL || !g_str_has_prefix (message, finding->subject_name))
    return message;
  rest = message + strlen (finding->subject_name);
  if (g_str_has_prefix (rest, "："))
    rest += strlen ("：");
  else if (*rest == ':')
    rest++;
  else
    return message;
  while (*rest == ' ')
    rest++;
  return *rest != '\0' ? rest : message;
}

static void
gr_finding_item_finalize (GObject *object)
{
  GrFindingItem *self = GR_FINDING_ITEM (object);

  g_clear_pointer (&self->finding, gr_finding_free);
  g_clear_pointer (&self->rule, g_free);
  g_clear_pointer (&self->haystack, g_free);

  G_OBJECT_CLASS (gr_finding_item_parent_class)->finalize (object);
}

static void
gr_finding_item_class_init (GrFindingItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gr_finding_item_finalize;
}

static void
gr_finding_item_init (GrFindingItem *self)
{
}

GrFindingItem *
gr_finding_item_new (GrFinding *finding)
{
  GrFindingItem *self;
  g_autofree char *citation = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (finding != NULL, NULL);

  self = g_object_new (GR_TYPE_FINDING_ITEM, NULL);
  self->kind = GR_FINDING_ITEM_FINDING;
  self->finding = finding;
  self->severity = finding->severity;
  self->short_message = skip_subject (finding);
  self->rule_rank = rule_rank (finding->rule);

  /* Casefolded once here (in the worker), not on every keystroke. */
  citation = citation_text (finding);
  text = g_strjoin ("\n",
                    finding->subject_name ? finding->subject_name : "",
                    finding->message ? finding->message : "",
                    citation ? citation : "",
                    gr_rule_title (finding->rule),
                    finding->rule,
                    finding->subject_id ? finding->subject_id : "",
                    NULL);
  self->haystack = g_utf8_casefold (text, -1);
  return self;
}

GrFindingItem *
gr_finding_item_new_heading (GrFindingItemKind  kind,
                             GrSeverity         severity,
                             const char        *rule,
                             guint              count)
{
  GrFindingItem *self;

  g_return_val_if_fail (kind == GR_FINDING_ITEM_SEVERITY || kind == GR_FINDING_ITEM_RULE, NULL);

  self = g_object_new (GR_TYPE_FINDING_ITEM, NULL);
  self->kind = kind;
  self->severity = severity;
  self->rule = g_strdup (rule);
  self->rule_rank = rule_rank (rule);
  self->count = count;
  return self;
}

GrFindingItemKind
gr_finding_item_get_kind (GrFindingItem *self)
{
  g_return_val_if_fail (GR_IS_FINDING_ITEM (self), GR_FINDING_ITEM_FINDING);
  return self->kind;
}

const GrFinding *
gr_finding_item_get_finding (GrFindingItem *self)
{
  g_return_val_if_fail (GR_IS_FINDING_ITEM (self), NULL);
  return self->finding;
}

GrSeverity
gr_finding_item_get_severity (GrFindingItem *self)
{
  g_return_val_if_fail (GR_IS_FINDING_ITEM (self), GR_SEVERITY_INFO);
  return self->severity;
}

const char *
gr_finding_item_get_rule (GrFindingItem *self)
{
  g_return_val_if_fail (GR_IS_FINDING_ITEM (self), NULL);
  return self->finding ? self->finding->rule : self->rule;
}

guint
gr_finding_item_get_rule_rank (GrFindingItem *self)
{
  g_return_val_if_fail (GR_IS_FINDING_ITEM (self), GR_N_RULES);
  return self->rule_rank;
}

guint
gr_finding_item_get_count (GrFindingItem *self)
{
  g_return_val_if_fail (GR_IS_FINDING_ITEM (self), 0);
  return self->count;
}

const char *
gr_finding_item_get_short_message (GrFindingItem *self)
{
  g_return_val_if_fail (GR_IS_FINDING_ITEM (self), NULL);
  return self->short_message;
}

gboolean
gr_finding_item_matches (GrFindingItem *self,
                         const char    *needle)
{
  g_return_val_if_fail (GR_IS_FINDING_ITEM (self), FALSE);

  if (self->haystack == NULL)
    return FALSE;
  return strstr (self->haystack, needle) != NULL;
}

char *
gr_finding_item_dup_subject_ref (GrFindingItem *self)
{
  g_return_val_if_fail (GR_IS_FINDING_ITEM (self), NULL);

  if (self->finding == NULL)
    return NULL;
  return g_strdup_printf ("%s:%s", self->finding->subject_type, self->finding->subject_id);
}

char *
gr_finding_item_dup_citation (GrFindingItem *self)
{
  g_return_val_if_fail (GR_IS_FINDING_ITEM (self), NULL);

  if (self->finding == NULL)
    return NULL;
  return citation_text (self->finding);
}
