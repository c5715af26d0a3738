/* gr-inspection-table.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-inspection"

#include "config.h"

#include "gr-inspection-table.h"

struct _GrInspectionTable
{
  GArray       *rows;      /* GrInspectionRow */
  GStringChunk *strings;
  char         *year_start;
  char         *today;
  guint         n_year;
  guint         n_drafts;
  guint         n_pending;
};

static const char *
keep (GrInspectionTable *table,
      const char        *text)
{
  return text != NULL ? g_string_chunk_insert (table->strings, text) : NULL;
}

/* For the strings many rows share. */
static const char *
share (GrInspectionTable *table,
       const char        *text)
{
  return text != NULL ? g_string_chunk_insert_const (table->strings, text) : NULL;
}

static void
add_row (const GrInspectionSummary *s,
         gpointer                   user_data)
{
  GrInspectionTable *table = user_data;
  GrInspectionRow row = { 0 };

  row.id = keep (table, s->id);
  row.depot_name = share (table, s->depot_name);
  row.date = share (table, s->date);
  row.kind = share (table, s->kind);
  row.inspectors = share (table, s->inspectors);
  row.sync_error = keep (table, s->sync_error);
  row.n_findings = s->n_findings;
  row.n_open = s->n_open;
  row.state = s->state;
  row.superseded = s->superseded;
  row.pending = s->pending;
  row.correction = s->corrects != NULL;
  g_array_append_val (table->rows, row);

  table->n_drafts += s->state == GR_INSPECTION_DRAFT;
  table->n_pending += s->pending;
  if (s->signed_on != NULL && !s->superseded && g_strcmp0 (s->date, table->year_start) >= 0 &&
      g_strcmp0 (s->date, table->today) <= 0)
    table->n_year++;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const GrInspectionRow *ra = a;
  const GrInspectionRow *rb = b;
  int order;

  /* Drafts first (they wait for someone), then the newest. */
  if ((ra->state == GR_INSPECTION_DRAFT) != (rb->state == GR_INSPECTION_DRAFT))
    return ra->state == GR_INSPECTION_DRAFT ? -1 : 1;
  if ((order = g_strcmp0 (rb->date, ra->date)) != 0)
    return order;
  return g_strcmp0 (rb->id, ra->id);
}

GrInspectionTable *
gr_inspection_table_read (GrStore     *store,
                          const char  *depot,
                          const char  *today,
                          GError     **error)
{
  g_autoptr(GrInspectionTable) table = g_new0 (GrInspectionTable, 1);

  g_return_val_if_fail (GR_IS_STORE (store), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  table->rows = g_array_new (FALSE, FALSE, sizeof (GrInspectionRow));
  table->strings = g_string_chunk_new (64 * 1024);
  table->year_start = g_strdup_printf ("%.4s-01-01", today);
  table->today = g_strdup (today);
  if (!gr_inspection_list_foreach (store, depot, add_row, table, error))
    return NULL;
  g_array_sort (table->rows, compare_rows);
  return g_steal_pointer (&table);
}

void
gr_inspection_table_free (GrInspectionTable *table)
{
  if (table == NULL)
    return;
  g_clear_pointer (&table->rows, g_array_unref);
  g_clear_pointer (&table->strings, g_string_chunk_free);
  g_free (table->year_start);
  g_free (table->today);
  g_free (table);
}

guint
gr_inspection_table_get_n_rows (GrInspectionTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->rows->len;
}

const GrInspectionRow *
gr_inspection_table_get_row (GrInspectionTable *table,
                             guint              index)
{
  g_return_val_if_fail (table != NULL, NULL);
  if (index >= table->rows->len)
    return NULL;
  return &g_array_index (table->rows, GrInspectionRow, index);
}

guint
gr_inspection_table_get_n_year (GrInspectionTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->n_year;
}

guint
gr_inspection_table_get_n_drafts (GrInspectionTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->n_drafts;
}

guint
gr_inspection_table_get_n_pending (GrInspectionTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->n_pending;
}
