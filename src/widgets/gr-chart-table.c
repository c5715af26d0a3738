/* gr-chart-table.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-chart-table"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "gr-chart-table.h"

/* One row: a category of the chart */

#define GR_TYPE_CHART_ROW (gr_chart_row_get_type ())

G_DECLARE_FINAL_TYPE (GrChartRow, gr_chart_row, GR, CHART_ROW, GObject)

struct _GrChartRow
{
  GObject parent_instance;
  guint index;
};

G_DEFINE_FINAL_TYPE (GrChartRow, gr_chart_row, G_TYPE_OBJECT)

static void
gr_chart_row_class_init (GrChartRowClass *klass)
{
}

static void
gr_chart_row_init (GrChartRow *self)
{
}

/* What a column shows */

typedef enum
{
  COLUMN_CATEGORY,
  COLUMN_SERIES,
  COLUMN_TOTAL,
  COLUMN_TARGET,
  COLUMN_SHARE,
  COLUMN_PART,
} ColumnKind;

typedef struct
{
  GrChartData *data;
  ColumnKind kind;
  guint series;
  gboolean stacked;
} ColumnInfo;

static void
column_info_finalize (gpointer data)
{
  ColumnInfo *info = data;

  g_clear_object (&info->data);
}

static void
column_info_release (gpointer data)
{
  g_rc_box_release_full (data, column_info_finalize);
}

static double
reached (const ColumnInfo *info,
         guint             index)
{
  if (info->stacked && gr_chart_data_get_n_series (info->data) > 1)
    return gr_chart_data_get_total (info->data, index);
  return gr_chart_data_get_value (info->data, 0, index);
}

static double
cell_value (const ColumnInfo *info,
            guint             index)
{
  double target;

  switch (info->kind)
    {
    case COLUMN_SERIES:
      return gr_chart_data_get_value (info->data, info->series, index);

    case COLUMN_TOTAL:
      return gr_chart_data_get_total (info->data, index);

    case COLUMN_TARGET:
      return gr_chart_data_get_target (info->data, index);

    case COLUMN_SHARE:
      target = gr_chart_data_get_target (info->data, index);
      if (!isfinite (target) || target <= 0)
        return NAN;
      return reached (info, index) / target;

    case COLUMN_PART:
      {
        guint n = gr_chart_data_get_n_categories (info->data);
        g_autofree double *values = g_new (double, MAX (n, 1));
        g_autofree double *fractions = g_new (double, MAX (n, 1));

        for (guint i = 0; i < n; i++)
          values[i] = gr_chart_data_get_value (info->data, 0, i);
        gr_chart_shares (values, n, fractions);
        return index < n ? fractions[index] : NAN;
      }

    case COLUMN_CATEGORY:
    default:
      return index;
    }
}

static char *
cell_text (const ColumnInfo *info,
           guint             index)
{
  GrChartFormat format;
  double value;

  if (info->kind == COLUMN_CATEGORY)
    return g_strdup (gr_chart_data_get_category (info->data, index));

  value = cell_value (info, index);
  if (!isfinite (value))
    return g_strdup ("–");

  if (info->kind == COLUMN_SHARE || info->kind == COLUMN_PART)
    format = (GrChartFormat) { NULL, TRUE, 1 };
  else
    {
      /* The unit is in the heading */
      format = *gr_chart_data_get_format (info->data);
      format.unit = NULL;
    }

  return gr_chart_format_value (&format, value);
}

/* Width in character cells: a Han character takes two */
static int
text_columns (const char *text)
{
  int columns = 0;

  for (const char *p = text; p && *p; p = g_utf8_next_char (p))
    columns += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return columns;
}

static int
max_category_columns (GrChartData *data)
{
  int widest = 1;

  for (guint i = 0; i < gr_chart_data_get_n_categories (data); i++)
    widest = MAX (widest, text_columns (gr_chart_data_get_category (data, i)));
  return widest;
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          ColumnInfo               *info)
{
  GtkWidget *label = gtk_label_new (NULL);

  if (info->kind == COLUMN_CATEGORY)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      /* Names keep room for ten Han characters before they ellipsize */
      gtk_label_set_width_chars (GTK_LABEL (label), MIN (20, max_category_columns (info->data)));
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
    }

  gtk_list_item_set_child (item, label);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         ColumnInfo               *info)
{
  GrChartRow *row = gtk_list_item_get_item (item);
  g_autofree char *text = cell_text (info, row->index);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), text);
  /* A long category name is ellipsized: its full text on hover */
  if (info->kind == COLUMN_CATEGORY)
    gtk_widget_set_tooltip_text (label, text_columns (text) > 20 ? text : NULL);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const ColumnInfo *info = user_data;
  double va = cell_value (info, GR_CHART_ROW ((gpointer) a)->index);
  double vb = cell_value (info, GR_CHART_ROW ((gpointer) b)->index);

  /* Missing values sort last */
  if (isnan (va) || isnan (vb))
    return isnan (va) - isnan (vb);
  return va < vb ? GTK_ORDERING_SMALLER : va > vb ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static char *
heading (GrChartData *data,
         const char  *name,
         gboolean     with_unit)
{
  const char *unit = gr_chart_data_get_unit (data);

  if (!with_unit || gr_chart_data_get_percent (data) || unit == NULL || unit[0] == '\0')
    return g_strdup (name);
  /* TRANSLATORS: a table heading and its unit, e.g. "实际库存（吨）" */
  return g_strdup_printf (_("%s (%s)"), name, unit);
}

static void
append_column (GtkColumnView *view,
               GrChartData   *data,
               ColumnKind     kind,
               guint          series,
               gboolean       stacked,
               const char    *title)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;
  g_autoptr(GtkSorter) sorter = NULL;
  ColumnInfo *info = g_rc_box_new0 (ColumnInfo);

  info->data = g_object_ref (data);
  info->kind = kind;
  info->series = series;
  info->stacked = stacked;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), info);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), info);
  g_object_set_data_full (G_OBJECT (factory), "gr-column-info", info, column_info_release);

  column = gtk_column_view_column_new (title, g_object_ref (factory));
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows, g_rc_box_acquire (info), column_info_release));
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_expand (column, kind == COLUMN_CATEGORY);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (view, column);
}

void
gr_chart_table_fill (GtkColumnView     *view,
                     GrChartData       *data,
                     GrChartTableFlags  flags)
{
  gboolean stacked = (flags & GR_CHART_TABLE_STACKED) != 0;
  g_autoptr(GListStore) rows = NULL;
  g_autoptr(GtkSelectionModel) selection = NULL;
  GtkSortListModel *sorted;
  GListModel *columns;
  gboolean has_targets;
  guint n_series;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (GR_IS_CHART_DATA (data));

  columns = gtk_column_view_get_columns (view);
  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (view, column);
    }

  n_series = gr_chart_data_get_n_series (data);
  has_targets = gr_chart_data_has_targets (data);

  append_column (view, data, COLUMN_CATEGORY, 0, stacked, gr_chart_data_get_category_title (data));
  for (guint s = 0; s < n_series; s++)
    {
      g_autofree char *title = heading (data, gr_chart_series_get_name (gr_chart_data_get_series (data, s)), TRUE);

      append_column (view, data, COLUMN_SERIES, s, stacked, title);
    }
  if (stacked && n_series > 1)
    {
      g_autofree char *title = heading (data, _("Total"), TRUE);

      append_column (view, data, COLUMN_TOTAL, 0, stacked, title);
    }
  if (has_targets)
    {
      g_autofree char *title = heading (data, gr_chart_data_get_target_label (data), TRUE);

      append_column (view, data, COLUMN_TARGET, 0, stacked, title);
      append_column (view, data, COLUMN_SHARE, 0, stacked, _("Share of target"));
    }
  if ((flags & GR_CHART_TABLE_SHARES) != 0 && n_series > 0)
    append_column (view, data, COLUMN_PART, 0, stacked, _("Share"));

  rows = g_list_store_new (GR_TYPE_CHART_ROW);
  for (guint i = 0; i < gr_chart_data_get_n_categories (data); i++)
    {
      g_autoptr(GrChartRow) row = g_object_new (GR_TYPE_CHART_ROW, NULL);

      row->index = i;
      g_list_store_append (rows, row);
    }

  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_steal_pointer (&rows)),
                                    g_object_ref (gtk_column_view_get_sorter (view)));
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (sorted)));
  gtk_column_view_set_model (view, selection);
}

static GrChartRow *
row_at (GtkColumnView *view,
        guint          position)
{
  GtkSelectionModel *model = gtk_column_view_get_model (view);

  if (model == NULL || position >= g_list_model_get_n_items (G_LIST_MODEL (model)))
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (model), position);
}

int
gr_chart_table_get_category (GtkColumnView *view,
                             guint          position)
{
  g_autoptr(GrChartRow) row = NULL;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), -1);

  row = row_at (view, position);
  return row ? (int) row->index : -1;
}

char *
gr_chart_table_dup_cell (GtkColumnView *view,
                         guint          position,
                         guint          column)
{
  g_autoptr(GrChartRow) row = NULL;
  g_autoptr(GtkColumnViewColumn) col = NULL;
  GListModel *columns;
  ColumnInfo *info;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);

  columns = gtk_column_view_get_columns (view);
  if (column >= g_list_model_get_n_items (columns) || !(row = row_at (view, position)))
    return NULL;

  col = g_list_model_get_item (columns, column);
  info = g_object_get_data (G_OBJECT (gtk_column_view_column_get_factory (col)), "gr-column-info");
  return cell_text (info, row->index);
}
