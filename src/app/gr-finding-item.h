/* gr-finding-item.h: a finding, or a group heading, as an item of a list model
 *
 * The findings list is one flat GListModel of these: a heading for each
 * severity, a heading for each rule within it, then the findings of that
 * rule (GTK 4.8 lists have no sections of their own).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "gr-finding.h"

G_BEGIN_DECLS

typedef enum {
  GR_FINDING_ITEM_FINDING,
  GR_FINDING_ITEM_SEVERITY,   /* heading of the findings of one severity */
  GR_FINDING_ITEM_RULE,       /* heading of one rule's findings within a severity */
} GrFindingItemKind;

#define GR_TYPE_FINDING_ITEM (gr_finding_item_get_type ())
G_DECLARE_FINAL_TYPE (GrFindingItem, gr_finding_item, GR, FINDING_ITEM, GObject)

/* Takes finding. Safe to call in a worker thread. */
GrFindingItem     *gr_finding_item_new              (GrFinding          *finding);
GrFindingItem     *gr_finding_item_new_heading      (GrFindingItemKind   kind,
                                                     GrSeverity          severity,
                                                     const char         *rule,
                                                     guint               count);

GrFindingItemKind  gr_finding_item_get_kind         (GrFindingItem      *self);
/* NULL for a heading. */
const GrFinding   *gr_finding_item_get_finding      (GrFindingItem      *self);
GrSeverity         gr_finding_item_get_severity     (GrFindingItem      *self);
/* NULL for a severity heading. */
const char        *gr_finding_item_get_rule         (GrFindingItem      *self);
/* Where the rule's group goes: the order of DESIGN.md §4 (stock first). */
guint              gr_finding_item_get_rule_rank    (GrFindingItem      *self);
/* Findings under a heading (0 for a finding). */
guint              gr_finding_item_get_count        (GrFindingItem      *self);
/* The message without the subject it begins with (shown above it);
 * NULL for a heading. */
const char        *gr_finding_item_get_short_message (GrFindingItem     *self);
/* needle: casefolded (g_utf8_casefold), non-empty. Looks in the subject,
 * message, citation, rule and ids. */
gboolean           gr_finding_item_matches          (GrFindingItem      *self,
                                                     const char         *needle);
/* What the Stock page is asked to show: "lot:lot-000123". */
char              *gr_finding_item_dup_subject_ref  (GrFindingItem      *self);
/* 《东莞市政府储备粮管理办法》第十五条, or NULL when the finding cites nothing. */
char              *gr_finding_item_dup_citation     (GrFindingItem      *self);

/* Translated names for people: a rule by its topic (储存年限), a subject
 * type (货位). Unknown ids are returned as they are. */
const char        *gr_rule_title                    (const char         *rule);
const char        *gr_subject_type_name             (const char         *type);
/* The severity's symbolic icon and style class (error, warning, accent). */
const char        *gr_severity_icon_name            (GrSeverity          severity);
const char        *gr_severity_style_class          (GrSeverity          severity);

G_END_DECLS
