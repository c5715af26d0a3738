/* gr-server-scope.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-server-scope"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-server-scope.h"

void
gr_scope_clear (GrScope *scope)
{
  g_clear_pointer (&scope->enterprise, g_free);
  g_clear_pointer (&scope->depot, g_free);
}

static gboolean
is (const GrRecord *record,
    const char     *name)
{
  return strcmp (record->entity->name, name) == 0;
}

static gboolean
contains (const char * const *list,
          const char         *value)
{
  return list != NULL && value != NULL && g_strv_contains (list, value);
}

static gboolean
changed_only (GPtrArray          *changed,
              const char * const *allowed)
{
  for (guint i = 0; changed != NULL && i < changed->len; i++)
    if (!g_strv_contains (allowed, changed->pdata[i]))
      return FALSE;
  return TRUE;
}

static gboolean
changes (GPtrArray  *changed,
         const char *field)
{
  for (guint i = 0; changed != NULL && i < changed->len; i++)
    if (strcmp (changed->pdata[i], field) == 0)
      return TRUE;
  return FALSE;
}

gboolean
gr_server_scope_may_read (const GrServerUser *user,
                          const char         *entity,
                          const GrScope      *scope,
                          const char * const *inspector_enterprises)
{
  static const char * const enterprise_wide[] = { "enterprise", "plan", "release", "monthly_report", NULL };

  switch (user->role)
    {
    case GR_ROLE_BUREAU:
      return TRUE;
    case GR_ROLE_COMPANY:
      return g_strcmp0 (scope->enterprise, user->enterprise) == 0;
    case GR_ROLE_INSPECTOR:
    default:
      if (strcmp (entity, "rotation_plan") == 0 || strcmp (entity, "depot_assessment") == 0)
        return FALSE;
      if (scope->depot != NULL)
        return contains ((const char * const *) user->depots, scope->depot);
      return g_strv_contains (enterprise_wide, entity) && contains (inspector_enterprises, scope->enterprise);
    }
}

static gboolean
refuse (char       **out_reason,
        const char  *format,
        ...) G_GNUC_PRINTF (2, 3);

static gboolean
refuse (char       **out_reason,
        const char  *format,
        ...)
{
  va_list args;

  va_start (args, format);
  *out_reason = g_strdup_vprintf (format, args);
  va_end (args);
  return FALSE;
}

static gboolean
bureau_may_write (const char      *op,
                  const GrRecord  *old,
                  const GrRecord  *record,
                  GPtrArray       *changed,
                  char           **out_reason)
{
  static const char * const approval_fields[] = {
    "state", "approved_by", "approved_on", "returned_by", "returned_on", "comment", NULL
  };
  const char *name = record->entity->name;

  if (is (record, "bin") || is (record, "lot") || is (record, "movement") ||
      is (record, "quality_test") || is (record, "monthly_report"))
    return refuse (out_reason, _("the bureau reads a company's %s records; only the company writes them"), name);

  if (is (record, "rotation_plan"))
    {
      const char *state = gr_record_get_text (record, "state");

      if (strcmp (op, "patch") != 0 || old == NULL)
        return refuse (out_reason, _("a rotation plan is drafted and submitted by its company; "
                                     "the bureau approves or returns it"));
      if (g_strcmp0 (gr_record_get_text (old, "state"), "submitted") != 0 ||
          (g_strcmp0 (state, "approved") != 0 && g_strcmp0 (state, "returned") != 0) ||
          !changed_only (changed, approval_fields))
        return refuse (out_reason, _("the bureau approves or returns a submitted rotation plan; "
                                     "it does not edit it"));
      return TRUE;
    }

  if (is (record, "depot_assessment") && strcmp (op, "patch") != 0)
    return refuse (out_reason, _("a depot assessment is declared by the company; the bureau reviews and decides it"));

  return TRUE;
}

static gboolean
company_may_write (const GrServerUser  *user,
                   const char          *op,
                   const GrRecord      *old,
                   const GrScope       *old_scope,
                   const GrRecord      *record,
                   const GrScope       *scope,
                   GPtrArray           *changed,
                   char               **out_reason)
{
  static const char * const company_plan_states[] = { "draft", "submitted", NULL };
  static const char * const company_editable_plan_states[] = { "draft", "returned", NULL };
  static const char * const company_assessment_states[] = { "declared", "enterprise_review", NULL };
  const char *name = record->entity->name;

  if (is (record, "enterprise") || is (record, "plan") || is (record, "release"))
    return refuse (out_reason, _("only the bureau writes %s records"), name);
  if (is (record, "inspection"))
    return refuse (out_reason, _("inspections are written by inspectors and the bureau; "
                                 "a company closes the findings on its depots"));

  if (g_strcmp0 (scope->enterprise, user->enterprise) != 0 ||
      (old_scope != NULL && g_strcmp0 (old_scope->enterprise, user->enterprise) != 0))
    return refuse (out_reason, _("this %s belongs to the enterprise “%s”, not yours (“%s”)"), name,
                   old_scope != NULL && g_strcmp0 (old_scope->enterprise, user->enterprise) != 0
                     ? old_scope->enterprise : scope->enterprise ? scope->enterprise : "",
                   user->enterprise);

  if (is (record, "depot"))
    {
      const char *grade = gr_record_get_text (record, "grade");

      if ((strcmp (op, "create") == 0 && g_strcmp0 (grade, "none") != 0 && grade != NULL) ||
          (strcmp (op, "patch") == 0 && changes (changed, "grade")))
        return refuse (out_reason, _("a depot's grade is set by the bureau's assessment, not by the company"));
      return TRUE;
    }

  if (is (record, "rotation_plan"))
    {
      if (old != NULL && !g_strv_contains (company_editable_plan_states, gr_record_get_text (old, "state")))
        return refuse (out_reason, _("this rotation plan is %s: the company may change it only as a draft "
                                     "or after the bureau returns it"), gr_record_get_text (old, "state"));
      if (strcmp (op, "delete") != 0 && !g_strv_contains (company_plan_states, gr_record_get_text (record, "state")))
        return refuse (out_reason, _("a company drafts or submits a rotation plan; the bureau approves or returns it"));
      return TRUE;
    }

  if (is (record, "depot_assessment"))
    {
      if ((old != NULL && !g_strv_contains (company_assessment_states, gr_record_get_text (old, "state"))) ||
          (strcmp (op, "delete") != 0 &&
           !g_strv_contains (company_assessment_states, gr_record_get_text (record, "state"))))
        return refuse (out_reason, _("a company declares a depot assessment and scores itself; "
                                     "the later stages are the bureau's"));
      return TRUE;
    }

  return TRUE;
}

static gboolean
inspector_may_write (const GrServerUser  *user,
                     const GrScope       *old_scope,
                     const GrRecord      *record,
                     const GrScope       *scope,
                     char               **out_reason)
{
  const char * const *depots = (const char * const *) user->depots;

  if (!is (record, "inspection") && !is (record, "finding_closure"))
    return refuse (out_reason, _("an inspector writes inspections and finding closures only, not %s records"),
                   record->entity->name);
  if (!contains (depots, scope->depot))
    return refuse (out_reason, _("the depot “%s” is not assigned to you"), scope->depot ? scope->depot : "");
  if (old_scope != NULL && !contains (depots, old_scope->depot))
    return refuse (out_reason, _("the depot “%s” is not assigned to you"), old_scope->depot ? old_scope->depot : "");
  return TRUE;
}

gboolean
gr_server_scope_may_write (const GrServerUser  *user,
                           const char          *op,
                           const GrRecord      *old,
                           const GrScope       *old_scope,
                           const GrRecord      *record,
                           const GrScope       *scope,
                           GPtrArray           *changed,
                           char               **out_reason)
{
  switch (user->role)
    {
    case GR_ROLE_BUREAU:
      return bureau_may_write (op, old, record, changed, out_reason);
    case GR_ROLE_COMPANY:
      return company_may_write (user, op, old, old_scope, record, scope, changed, out_reason);
    case GR_ROLE_INSPECTOR:
    default:
      return inspector_may_write (user, old_scope, record, scope, out_reason);
    }
}
