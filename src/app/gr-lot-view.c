/* gr-lot-view.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-lot-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "gr-cells.h"
#include "gr-charts.h"
#include "gr-format.h"
#include "gr-labels.h"
#include "gr-lot-view.h"
#include "gr-resources.h"
#include "gr-store-task.h"
#include "gr-sync-indicator.h"
#include "gr-sync-state.h"
#include "gr-variety.h"

struct _GrLotView
{
  AdwBin               parent_instance;

  /* Template Widgets */
  GtkGrid             *card_grid;
  GtkColumnViewColumn *date_column;
  GtkColumnView       *movements_view;
  GtkSortListModel    *movements_sort;
  GtkWidget           *record_button;
  GtkSpinner          *spinner;
  GtkLabel            *subtitle_label;
  GtkLabel            *title_label;
  GtkBox              *top_box;

  /* Built in code */
  GtkColumnViewColumn *sync_column;
  GrChartFrame        *balance_frame;
  GrChart             *balance_chart;

  /* Owned References */
  GCancellable        *cancellable;
  GrLotDetail         *detail;
  char                *lot;
  GHashTable          *card_values;   /* label text → GtkLabel (borrowed) */
  guint                loading;
  gboolean             can_record;
};

G_DEFINE_FINAL_TYPE (GrLotView, gr_lot_view, ADW_TYPE_BIN)

static gpointer
load_worker (GrStore         *store,
             gpointer         task_data,
             GrProgressFunc   progress,
             gpointer         progress_data,
             GCancellable    *cancellable,
             GError         **error)
{
  char **args = task_data;

  return gr_lot_detail_load (store, args[0], args[1], error);
}

static void
clear_grid (GrLotView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->card_grid))) != NULL)
    gtk_grid_remove (self->card_grid, child);
  g_hash_table_remove_all (self->card_values);
}

/* One field of the card: a dim label and its value, in column pair
 * column (0 or 1), row row. */
static void
add_field (GrLotView  *self,
           int         column,
           int         row,
           const char *label,
           const char *value)
{
  GtkWidget *name = gtk_label_new (label);
  GtkWidget *text = gtk_label_new (value && *value ? value : "—");

  gtk_label_set_xalign (GTK_LABEL (name), 0.0);
  gtk_widget_add_css_class (name, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (text), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_tooltip_text (text, value);
  gtk_widget_add_css_class (text, "numeric");
  gtk_grid_attach (self->card_grid, name, column * 2, row, 1, 1);
  gtk_grid_attach (self->card_grid, text, column * 2 + 1, row, 1, 1);
  g_hash_table_insert (self->card_values, g_strdup (label), text);
}

static char *
quality_text (const GrLotDetail *d)
{
  g_autofree char *grade = NULL;
  g_autofree char *test = NULL;

  if (d->substandard)
    grade = g_strdup (_("Substandard"));
  else if (d->grade > 0)
    grade = gr_variety_grade_name (d->variety, d->grade);
  else
    grade = g_strdup (_("Untested"));
  if (d->test_date != NULL)
    {
      g_autofree char *date = gr_format_iso_date (d->test_date);

      /* TRANSLATORS: the latest quality test of a lot: date, standard → "2026年4月2日 GB 1350-2009" */
      test = g_strdup_printf (_("tested %s, %s"), date, d->test_standard ? d->test_standard : "");
    }
  /* TRANSLATORS: quality of a lot on its card: grade · storage quality (· test) → "二等 · 宜存" */
  if (test != NULL)
    return g_strdup_printf (_("%s · %s · %s"), grade, gr_storage_quality_label (d->storage_quality), test);
  return g_strdup_printf (_("%s · %s"), grade, gr_storage_quality_label (d->storage_quality));
}

static void
fill_card (GrLotView         *self,
           const GrLotDetail *d)
{
  g_autofree char *quantity = gr_format_tonnes (d->balance_kg);
  g_autofree char *quality = quality_text (d);
  g_autofree char *position = NULL;
  g_autofree char *harvest = NULL;
  g_autofree char *entered = gr_format_iso_date (d->entered_on);
  g_autofree char *entered_age = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *plan_kg = gr_format_tonnes (d->plan_kg);
  g_autofree char *bin = NULL;
  g_autofree char *capacity = gr_format_tonnes (d->bin_capacity_kg);
  g_autofree char *shelf = NULL;
  g_autofree char *cost = NULL;
  const char *spec;
  int row = 0;

  clear_grid (self);

  /* TRANSLATORS: where a lot lies on its card (堆位): depot, bin code → "清远市粮食储备库（龙塘库区） P01" */
  position = g_strdup_printf (_("%s, bin %s"), d->depot_name, d->bin_code);
  if (d->harvest_year > 0)
    harvest = g_strdup_printf ("%d", d->harvest_year);
  else
    harvest = gr_format_iso_date (d->produced_on);
  if (d->age_months > 0)
    /* TRANSLATORS: entry date and months stored, the entry month counting as the first → "2023年11月15日（第 37 个月）" */
    entered_age = g_strdup_printf (ngettext ("%s (month %d in store)", "%s (month %d in store)", d->age_months),
                                   entered, d->age_months);
  /* TRANSLATORS: the specification (规格) of a lot: packaged or bulk */
  spec = d->packaged ? _("Packaged") : _("Bulk");

  /* The items of the information card (Dongguan 第二十六条), then the
   * keeper and what the grain is held as. */
  add_field (self, 0, row, _("Variety"), gr_variety_name (d->variety));
  add_field (self, 1, row++, _("Specification"), spec);
  add_field (self, 0, row, _("Quantity"), quantity);
  add_field (self, 1, row++, _("Quality"), quality);
  add_field (self, 0, row, _("Position"), position);
  add_field (self, 1, row++, d->harvest_year > 0 ? _("Harvest year") : _("Produced on"), harvest);
  add_field (self, 0, row, _("Entered on"), entered_age ? entered_age : entered);
  add_field (self, 1, row++, _("Keeper"), d->keeper);
  add_field (self, 0, row, _("Rotation mode"), gr_rotation_mode_name (d->rotation_mode));
  add_field (self, 1, row++, _("Owner"), gr_owner_name (d->owner));

  /* The rest of the record. */
  /* TRANSLATORS: the plan of a lot: variety, quantity, rotation mode → "中晚籼稻 60,000 吨 · 静态" */
  plan = g_strdup_printf (_("%s %s · %s"), gr_variety_name (d->variety), plan_kg, gr_rotation_mode_name (d->plan_rotation_mode));
  /* TRANSLATORS: a bin on the lot card: type · storage technique · capacity → "平房仓 · 气调 · 6,900 吨" */
  bin = g_strdup_printf (_("%s · %s · %s"), gr_bin_type_name (d->bin_type), gr_storage_tech_name (d->storage_tech), capacity);
  if (d->shelf_life_days > 0)
    shelf = g_strdup_printf (ngettext ("%d day", "%d days", d->shelf_life_days), d->shelf_life_days);
  if (isfinite (d->cost_yuan_per_t))
    {
      g_autofree char *price = gr_cells_format_price (NULL, d->cost_yuan_per_t);

      /* TRANSLATORS: cost of a lot, yuan per tonne */
      cost = g_strdup_printf (_("%s yuan/t"), price);
    }
  add_field (self, 0, row, _("Enterprise"), d->plan_enterprise_name);
  add_field (self, 1, row++, _("Storage plan"), plan);
  add_field (self, 0, row, _("Bin"), bin);
  add_field (self, 1, row++, _("Shelf life"), shelf);
  add_field (self, 0, row, _("Replaces lot"), d->replaces);
  add_field (self, 1, row++, _("Cost"), cost);
}

static void
fill_chart (GrLotView         *self,
            const GrLotDetail *d)
{
  g_autoptr(GrChartData) data = gr_chart_data_new ();
  g_autoptr(GPtrArray) months = g_ptr_array_new ();
  g_autofree double *values = g_new0 (double, MAX (d->months->len, 1));
  g_autoptr(GrChartSeries) series = NULL;

  for (guint i = 0; i < d->months->len; i++)
    {
      const GrLotMonth *m = &g_array_index (d->months, GrLotMonth, i);

      g_ptr_array_add (months, m->month);
      values[i] = m->balance_kg / 1000.0;
    }
  g_ptr_array_add (months, NULL);
  gr_chart_data_set_categories (data, (const char * const *) months->pdata);
  gr_chart_data_set_category_title (data, _("Month"));
  gr_chart_data_set_unit (data, C_("unit", "t"));
  /* TRANSLATORS: a chart series: the balance of a lot at each month end, 月末结存 */
  series = gr_chart_series_new (_("Balance"), GR_CHART_COLOR_ACCENT, values, d->months->len);
  gr_chart_data_add_series (data, series);
  gr_chart_set_data (self->balance_chart, data);
}

static void
show_detail (GrLotView *self)
{
  const GrLotDetail *d = self->detail;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  /* TRANSLATORS: the title of a lot's page: lot id · variety → "lot-000395 · 中晚籼稻" */
  title = g_strdup_printf (_("%s · %s"), d->id, gr_variety_name (d->variety));
  /* TRANSLATORS: where a lot is: enterprise · depot · bin → "清远市储备粮管理有限公司 · 龙塘库区 · P01" */
  subtitle = g_strdup_printf (_("%s · %s · %s"), d->enterprise_name, d->depot_name, d->bin_code);
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->subtitle_label, subtitle);
  fill_card (self, d);
  fill_chart (self, d);
  gtk_sort_list_model_set_model (self->movements_sort, G_LIST_MODEL (d->movements));

  /* The sync column only where a movement was typed in here. */
  {
    gboolean any = FALSE;

    for (guint i = 0; !any && i < g_list_model_get_n_items (G_LIST_MODEL (d->movements)); i++)
      {
        g_autoptr(GrLotMovement) m = g_list_model_get_item (G_LIST_MODEL (d->movements), i);

        any = gr_lot_movement_get_sync_state (m) != GR_RECORD_SYNC_NONE;
      }
    gtk_column_view_column_set_visible (self->sync_column, any);
  }
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GrLotView *self = GR_LOT_VIEW (object);
  g_autoptr(GrLotDetail) detail = NULL;
  g_autoptr(GError) error = NULL;

  detail = gr_store_task_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (--self->loading == 0)
    gtk_spinner_stop (self->spinner);
  /* Only the latest request counts. */
  if (detail != NULL && g_strcmp0 (detail->id, self->lot) != 0)
    return;
  if (detail == NULL)
    {
      gtk_label_set_label (self->title_label, self->lot);
      gtk_label_set_label (self->subtitle_label, error->message);
      clear_grid (self);
      gtk_widget_set_sensitive (self->record_button, FALSE);
      return;
    }
  g_clear_pointer (&self->detail, gr_lot_detail_free);
  self->detail = g_steal_pointer (&detail);
  gtk_widget_set_sensitive (self->record_button, TRUE);
  show_detail (self);
}

/* The sync column: an icon and the state, the server's reason in the
 * tooltip of a rejection. */
static void
sync_cell_setup (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_box_append (GTK_BOX (box), gtk_image_new ());
  gtk_box_append (GTK_BOX (box), gtk_label_new (""));
  gtk_label_set_ellipsize (GTK_LABEL (gtk_widget_get_last_child (box)), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, box);
}

static void
sync_cell_bind (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  GrLotMovement *m = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_last_child (box);
  GrRecordSyncState state = gr_lot_movement_get_sync_state (m);
  const char *reason = gr_lot_movement_get_sync_reason (m);
  const char *text = gr_sync_state_label (gr_record_sync_state_nick (state));
  g_autofree char *tip = gr_sync_record_state_tooltip (state, reason);

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), gr_sync_record_state_icon (state));
  gtk_widget_remove_css_class (icon, "error");
  gtk_widget_remove_css_class (icon, "warning");
  if (state == GR_RECORD_SYNC_REJECTED)
    gtk_widget_add_css_class (icon, "error");
  else if (state == GR_RECORD_SYNC_CONFLICT)
    gtk_widget_add_css_class (icon, "warning");
  gtk_label_set_label (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (box, tip);
}

static void
gr_lot_view_dispose (GObject *object)
{
  GrLotView *self = GR_LOT_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GR_TYPE_LOT_VIEW);

  G_OBJECT_CLASS (gr_lot_view_parent_class)->dispose (object);
}

static void
gr_lot_view_finalize (GObject *object)
{
  GrLotView *self = GR_LOT_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->detail, gr_lot_detail_free);
  g_clear_pointer (&self->card_values, g_hash_table_unref);
  g_free (self->lot);

  G_OBJECT_CLASS (gr_lot_view_parent_class)->finalize (object);
}

static void
gr_lot_view_class_init (GrLotViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gr_lot_view_dispose;
  object_class->finalize = gr_lot_view_finalize;

  gr_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/gr-lot-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GrLotView, card_grid);
  gtk_widget_class_bind_template_child (widget_class, GrLotView, date_column);
  gtk_widget_class_bind_template_child (widget_class, GrLotView, movements_sort);
  gtk_widget_class_bind_template_child (widget_class, GrLotView, movements_view);
  gtk_widget_class_bind_template_child (widget_class, GrLotView, record_button);
  gtk_widget_class_bind_template_child (widget_class, GrLotView, spinner);
  gtk_widget_class_bind_template_child (widget_class, GrLotView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, GrLotView, title_label);
  gtk_widget_class_bind_template_child (widget_class, GrLotView, top_box);
  gr_cells_bind_template_callbacks (widget_class);

  g_type_ensure (GR_TYPE_LOT_MOVEMENT);
}

static void
gr_lot_view_init (GrLotView *self)
{
  GtkWidget *chart;

  gr_charts_init ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->card_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  chart = gr_chart_new_lines ();
  self->balance_chart = GR_CHART (chart);
  gr_chart_set_include_zero (self->balance_chart, TRUE);
  self->balance_frame = GR_CHART_FRAME (gr_chart_frame_new (_("Balance over Time"), chart));
  gr_chart_frame_set_subtitle (self->balance_frame, _("At each month end, from the month the lot entered the store"));
  gtk_widget_set_hexpand (GTK_WIDGET (self->balance_frame), TRUE);
  gtk_box_append (self->top_box, GTK_WIDGET (self->balance_frame));

  {
    GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

    g_signal_connect (factory, "setup", G_CALLBACK (sync_cell_setup), NULL);
    g_signal_connect (factory, "bind", G_CALLBACK (sync_cell_bind), NULL);
    /* TRANSLATORS: a column of the movement history of a lot: what the server made of it, 同步 */
    self->sync_column = gtk_column_view_column_new (_("Sync"), factory);
    gtk_column_view_column_set_fixed_width (self->sync_column, 140);
    gtk_column_view_column_set_resizable (self->sync_column, TRUE);
    gtk_column_view_column_set_visible (self->sync_column, FALSE);
    gtk_column_view_append_column (self->movements_view, self->sync_column);
    g_object_unref (self->sync_column);
  }
  self->can_record = TRUE;

  /* Newest first: what was just recorded is at the top. */
  gtk_column_view_sort_by_column (self->movements_view, self->date_column, GTK_SORT_DESCENDING);
  gr_cells_shorten_titles (self->movements_view);
}

void
gr_lot_view_load (GrLotView  *self,
                  const char *db_path,
                  const char *lot,
                  const char *as_of)
{
  char **args;

  g_return_if_fail (GR_IS_LOT_VIEW (self));
  g_return_if_fail (db_path != NULL);
  g_return_if_fail (lot != NULL);

  if (g_strcmp0 (lot, self->lot) != 0)
    {
      g_free (self->lot);
      self->lot = g_strdup (lot);
      /* Nothing of the previous lot while this one is read. */
      g_clear_pointer (&self->detail, gr_lot_detail_free);
      gtk_label_set_label (self->title_label, lot);
      gtk_label_set_label (self->subtitle_label, "");
      gtk_sort_list_model_set_model (self->movements_sort, NULL);
      clear_grid (self);
    }
  gtk_widget_set_sensitive (self->record_button, self->detail != NULL);

  args = g_new0 (char *, 3);
  args[0] = g_strdup (lot);
  args[1] = g_strdup (as_of);
  self->loading++;
  gtk_spinner_start (self->spinner);
  gr_store_task_run_async (self, db_path, load_worker, args, (GDestroyNotify) g_strfreev,
                           (GDestroyNotify) gr_lot_detail_free, NULL, NULL, self->cancellable, load_done_cb, NULL);
}

const char *
gr_lot_view_get_lot (GrLotView *self)
{
  g_return_val_if_fail (GR_IS_LOT_VIEW (self), NULL);
  return self->lot;
}

const GrLotDetail *
gr_lot_view_get_detail (GrLotView *self)
{
  g_return_val_if_fail (GR_IS_LOT_VIEW (self), NULL);
  return self->detail;
}

gboolean
gr_lot_view_get_busy (GrLotView *self)
{
  g_return_val_if_fail (GR_IS_LOT_VIEW (self), FALSE);
  return self->loading > 0;
}

void
gr_lot_view_set_can_record (GrLotView *self,
                            gboolean   can_record)
{
  g_return_if_fail (GR_IS_LOT_VIEW (self));

  self->can_record = !!can_record;
  gtk_widget_set_visible (self->record_button, self->can_record);
}

GtkColumnView *
gr_lot_view_get_movements (GrLotView *self)
{
  g_return_val_if_fail (GR_IS_LOT_VIEW (self), NULL);
  return self->movements_view;
}

const char *
gr_lot_view_get_card_value (GrLotView  *self,
                            const char *label)
{
  GtkLabel *value;

  g_return_val_if_fail (GR_IS_LOT_VIEW (self), NULL);

  value = g_hash_table_lookup (self->card_values, label);
  return value ? gtk_label_get_label (value) : NULL;
}
