/* gr-finding-groups.c
 *
 * The whole list is rebuilt on every change of the findings or a filter:
 * one pass over a few thousand findings costs well under a frame, and a
 * rebuilt list needs no bookkeeping of where groups begin and end.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-finding-groups"

#include "config.h"

#include <string.h>

#include "gr-finding-groups.h"

struct _GrFindingGroups
{
  GObject    parent_instance;

  /* Owned References */
  GPtrArray *findings;   /* GrFindingItem, grouped: severity, then rule */
  GPtrArray *shown;      /* GrFindingItem: headings and findings */
  char      *filters[GR_N_FINDING_FILTERS];
  char      *needle;     /* the search text casefolded, or NULL */
  char      *scope_id;   /* enterprise id or region; NULL: everywhere */
  GHashTable *depot_regions; /* depot id → region; NULL: none known */

  GrKpiScope scope;
  guint      counts[GR_SEVERITY_INFO + 1];
  guint      scope_counts[GR_SEVERITY_INFO + 1];
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GrFindingGroups, gr_finding_groups, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/*
 * Auxiliary methods
 */

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  GrFindingItem *item_a = *(GrFindingItem * const *) a;
  GrFindingItem *item_b = *(GrFindingItem * const *) b;
  GrSeverity severity_a = gr_finding_item_get_severity (item_a);
  GrSeverity severity_b = gr_finding_item_get_severity (item_b);
  guint rank_a, rank_b;
  const char *due_a, *due_b;
  int cmp;

  if (severity_a != severity_b)
    return severity_a < severity_b ? -1 : 1;
  rank_a = gr_finding_item_get_rule_rank (item_a);
  rank_b = gr_finding_item_get_rule_rank (item_b);
  if (rank_a != rank_b)
    return rank_a < rank_b ? -1 : 1;
  if ((cmp = g_strcmp0 (gr_finding_item_get_rule (item_a), gr_finding_item_get_rule (item_b))) != 0)
    return cmp;
  /* Within a rule, what falls due first comes first (no due date last). */
  due_a = gr_finding_item_get_finding (item_a)->due;
  due_b = gr_finding_item_get_finding (item_b)->due;
  if ((due_a == NULL) != (due_b == NULL))
    return due_a == NULL ? 1 : -1;
  return g_strcmp0 (due_a, due_b);
}

/* As gr_kpi_count_findings counts a finding for a place. */
static gboolean
in_scope (GrFindingGroups *self,
          GrFindingItem   *item)
{
  const GrFinding *finding = gr_finding_item_get_finding (item);

  switch (self->scope)
    {
    case GR_KPI_SCOPE_ENTERPRISE:
      return g_strcmp0 (finding->enterprise, self->scope_id) == 0;
    case GR_KPI_SCOPE_REGION:
      return g_strcmp0 (gr_finding_groups_depot_region (self, finding->depot), self->scope_id) == 0;
    case GR_KPI_SCOPE_ALL:
    default:
      return TRUE;
    }
}

static gboolean
passes (GrFindingGroups *self,
        GrFindingItem   *item)
{
  const GrFinding *finding = gr_finding_item_get_finding (item);
  const char * const values[] = {
    [GR_FINDING_FILTER_ENTERPRISE] = finding->enterprise,
    [GR_FINDING_FILTER_DEPOT]      = finding->depot,
    [GR_FINDING_FILTER_VARIETY]    = finding->variety,
    [GR_FINDING_FILTER_RULE]       = finding->rule,
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (self->filters[i] != NULL && g_strcmp0 (self->filters[i], values[i]) != 0)
      return FALSE;
  return self->needle == NULL || gr_finding_item_matches (item, self->needle);
}

static void
rebuild (GrFindingGroups *self)
{
  g_autoptr(GPtrArray) passed = g_ptr_array_new ();
  GPtrArray *shown;
  guint old_n = self->shown->len;

  memset (self->counts, 0, sizeof self->counts);
  memset (self->scope_counts, 0, sizeof self->scope_counts);
  for (guint i = 0; i < self->findings->len; i++)
    {
      GrFindingItem *item = self->findings->pdata[i];

      if (!in_scope (self, item))
        continue;
      self->scope_counts[gr_finding_item_get_severity (item)]++;
      if (passes (self, item))
        {
          g_ptr_array_add (passed, item);
          self->counts[gr_finding_item_get_severity (item)]++;
        }
    }

  /* The findings are grouped: a group ends where severity or rule changes. */
  shown = g_ptr_array_new_full (passed->len + 32, g_object_unref);
  for (guint i = 0; i < passed->len; )
    {
      GrSeverity severity = gr_finding_item_get_severity (passed->pdata[i]);

      g_ptr_array_add (shown, gr_finding_item_new_heading (GR_FINDING_ITEM_SEVERITY, severity, NULL,
                                                           self->counts[severity]));
      while (i < passed->len && gr_finding_item_get_severity (passed->pdata[i]) == severity)
        {
          const char *rule = gr_finding_item_get_rule (passed->pdata[i]);
          guint end = i;

          while (end < passed->len &&
                 gr_finding_item_get_severity (passed->pdata[end]) == severity &&
                 g_strcmp0 (gr_finding_item_get_rule (passed->pdata[end]), rule) == 0)
            end++;
          g_ptr_array_add (shown, gr_finding_item_new_heading (GR_FINDING_ITEM_RULE, severity, rule, end - i));
          for (; i < end; i++)
            g_ptr_array_add (shown, g_object_ref (passed->pdata[i]));
        }
    }

  g_ptr_array_unref (self->shown);
  self->shown = shown;
  if (old_n > 0 || shown->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, shown->len);
}

/*
 * Interface implementations
 */

static GType
gr_finding_groups_get_item_type (GListModel *model)
{
  return GR_TYPE_FINDING_ITEM;
}

static guint
gr_finding_groups_get_n_items (GListModel *model)
{
  return GR_FINDING_GROUPS (model)->shown->len;
}

static gpointer
gr_finding_groups_get_item (GListModel *model,
                            guint       position)
{
  GrFindingGroups *self = GR_FINDING_GROUPS (model);

  if (position >= self->shown->len)
    return NULL;
  return g_object_ref (self->shown->pdata[position]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = gr_finding_groups_get_item_type;
  iface->get_n_items = gr_finding_groups_get_n_items;
  iface->get_item = gr_finding_groups_get_item;
}

/*
 * GObject overrides
 */

static void
gr_finding_groups_finalize (GObject *object)
{
  GrFindingGroups *self = GR_FINDING_GROUPS (object);

  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  for (guint i = 0; i < GR_N_FINDING_FILTERS; i++)
    g_clear_pointer (&self->filters[i], g_free);
  g_clear_pointer (&self->needle, g_free);
  g_clear_pointer (&self->scope_id, g_free);
  g_clear_pointer (&self->depot_regions, g_hash_table_unref);

  G_OBJECT_CLASS (gr_finding_groups_parent_class)->finalize (object);
}

static void
gr_finding_groups_class_init (GrFindingGroupsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gr_finding_groups_finalize;
}

static void
gr_finding_groups_init (GrFindingGroups *self)
{
  self->findings = g_ptr_array_new_with_free_func (g_object_unref);
  self->shown = g_ptr_array_new_with_free_func (g_object_unref);
}

/*
 * Public API
 */

GrFindingGroups *
gr_finding_groups_new (void)
{
  return g_object_new (GR_TYPE_FINDING_GROUPS, NULL);
}

void
gr_finding_groups_set_items (GrFindingGroups *self,
                             GPtrArray       *items)
{
  GPtrArray *findings;

  g_return_if_fail (GR_IS_FINDING_GROUPS (self));

  findings = g_ptr_array_new_full (items ? items->len : 0, g_object_unref);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      g_return_if_fail (gr_finding_item_get_kind (items->pdata[i]) == GR_FINDING_ITEM_FINDING);
      g_ptr_array_add (findings, g_object_ref (items->pdata[i]));
    }
  /* Stable: on equal due dates the engine's order (subject id) stays. */
  g_ptr_array_sort (findings, compare_groups);

  g_ptr_array_unref (self->findings);
  self->findings = findings;
  rebuild (self);
}

void
gr_finding_groups_set_filter (GrFindingGroups *self,
                              GrFindingFilter  filter,
                              const char      *value)
{
  g_return_if_fail (GR_IS_FINDING_GROUPS (self));
  g_return_if_fail (filter < GR_N_FINDING_FILTERS);

  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (self->filters[filter], value) == 0)
    return;

  g_free (self->filters[filter]);
  self->filters[filter] = g_strdup (value);
  if (filter == GR_FINDING_FILTER_SEARCH)
    {
      g_autofree char *stripped = value ? g_strstrip (g_strdup (value)) : NULL;

      g_clear_pointer (&self->needle, g_free);
      if (stripped != NULL && *stripped != '\0')
        self->needle = g_utf8_casefold (stripped, -1);
    }
  rebuild (self);
}

const char *
gr_finding_groups_get_filter (GrFindingGroups *self,
                              GrFindingFilter  filter)
{
  g_return_val_if_fail (GR_IS_FINDING_GROUPS (self), NULL);
  g_return_val_if_fail (filter < GR_N_FINDING_FILTERS, NULL);

  return self->filters[filter];
}

void
gr_finding_groups_set_scope (GrFindingGroups *self,
                             GrKpiScope       scope,
                             const char      *scope_id,
                             GHashTable      *depot_regions)
{
  g_return_if_fail (GR_IS_FINDING_GROUPS (self));
  g_return_if_fail (scope == GR_KPI_SCOPE_ALL || scope_id != NULL);

  if (scope == GR_KPI_SCOPE_ALL)
    scope_id = NULL;
  if (depot_regions != self->depot_regions)
    {
      g_clear_pointer (&self->depot_regions, g_hash_table_unref);
      self->depot_regions = depot_regions ? g_hash_table_ref (depot_regions) : NULL;
    }
  else if (self->scope == scope && g_strcmp0 (self->scope_id, scope_id) == 0)
    return;

  self->scope = scope;
  g_free (self->scope_id);
  self->scope_id = g_strdup (scope_id);
  rebuild (self);
}

GrKpiScope
gr_finding_groups_get_scope (GrFindingGroups *self)
{
  g_return_val_if_fail (GR_IS_FINDING_GROUPS (self), GR_KPI_SCOPE_ALL);

  return self->scope;
}

const char *
gr_finding_groups_depot_region (GrFindingGroups *self,
                                const char      *depot)
{
  const char *region;

  g_return_val_if_fail (GR_IS_FINDING_GROUPS (self), NULL);

  if (depot == NULL || self->depot_regions == NULL)
    return NULL;
  region = g_hash_table_lookup (self->depot_regions, depot);
  return region != NULL && region[0] != '\0' ? region : NULL;
}

guint
gr_finding_groups_get_scope_count (GrFindingGroups *self,
                                   GrSeverity       severity)
{
  g_return_val_if_fail (GR_IS_FINDING_GROUPS (self), 0);
  g_return_val_if_fail (severity <= GR_SEVERITY_INFO, 0);

  return self->scope_counts[severity];
}

guint
gr_finding_groups_get_count (GrFindingGroups *self,
                             GrSeverity       severity)
{
  g_return_val_if_fail (GR_IS_FINDING_GROUPS (self), 0);
  g_return_val_if_fail (severity <= GR_SEVERITY_INFO, 0);

  return self->counts[severity];
}

guint
gr_finding_groups_get_n_shown (GrFindingGroups *self)
{
  g_return_val_if_fail (GR_IS_FINDING_GROUPS (self), 0);

  return self->counts[GR_SEVERITY_VIOLATION] + self->counts[GR_SEVERITY_WARNING] + self->counts[GR_SEVERITY_INFO];
}

guint
gr_finding_groups_get_n_total (GrFindingGroups *self)
{
  g_return_val_if_fail (GR_IS_FINDING_GROUPS (self), 0);

  return self->scope_counts[GR_SEVERITY_VIOLATION] + self->scope_counts[GR_SEVERITY_WARNING] +
         self->scope_counts[GR_SEVERITY_INFO];
}
