/* gr-stock-page.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-stock-page"

#include "config.h"

#include <glib/gi18n.h>

#include "gr-bench.h"
#include "gr-cell-text.h"
#include "gr-cells.h"
#include "gr-charts.h"
#include "gr-format.h"
#include "gr-labels.h"
#include "gr-lot-view.h"
#include "gr-movement-dialog.h"
#include "gr-paced-model.h"
#include "gr-string-list.h"
#include "gr-profile.h"
#include "gr-resources.h"
#include "gr-stock-bench.h"
#include "gr-stock-page.h"
#include "gr-stock-row.h"
#include "gr-store-task.h"
#include "gr-variety.h"
#include "gr-window.h"

/* Capacity gauges beside the total: the fullest depots (or bins) in view. */
#define N_FULLEST 2

static const char * const level_names[] = { "enterprise", "depot", "bin", "lot", NULL };

/* What a level's table shows and how it got there. */
typedef struct {
  /* Template Widgets */
  GtkScrolledWindow   *scroller;
  GtkColumnView       *table;
  GtkSingleSelection  *selection;
  GrPacedModel        *paced;
  GtkFilterListModel  *filter_model;
  GtkCustomFilter     *filter;
  GtkSortListModel    *sort;
  GtkColumnViewColumn *stock_column;

  /* Owned */
  GPtrArray           *rows;        /* under the sort model */
  GrStockFilter        built_for;   /* the lot attributes the rows' figures count */
  GrStockSnapshot     *built_from;  /* borrowed: compared only */
  gboolean             stale;       /* the filter changed while the level was hidden */
} Level;

struct _GrStockPage
{
  AdwBin               parent_instance;

  /* Template Widgets */
  GtkDropDown         *age_dropdown;
  GtkLabel            *as_of_label;
  GtkDropDown         *depot_dropdown;
  GtkSwitch           *empty_switch;
  GtkDropDown         *enterprise_dropdown;
  GtkLabel            *filters_label;
  GtkDropDown         *grade_dropdown;
  GrLotView           *lot_view;
  GtkDropDown         *mode_dropdown;
  GtkButton           *place_button;
  GtkLabel            *place_label;
  GtkDropDown         *quality_dropdown;
  GtkSearchEntry      *search_entry;
  GtkStack            *stack;
  GtkBox              *summary_box;
  GtkStack            *tables;
  GtkLabel            *totals_label;
  GtkDropDown         *variety_dropdown;
  GtkDropDown         *year_dropdown;
  Level                levels[GR_STOCK_N_LEVELS];

  /* Built in code */
  GrChartFrame        *variety_frame;
  GrChart             *variety_chart;
  GrChartFrame        *capacity_frame;
  GtkBox              *gauges_box;

  /* Owned References */
  char                *db_path;
  char                *as_of;
  char                *pending_lot;
  GCancellable        *cancellable;       /* the page's life */
  GCancellable        *rows_cancellable;  /* the rows being rebuilt */
  GrStockSnapshot     *snapshot;
  GrStockMatcher      *matcher;
  GrStockFilter        filter;
  GrStockLevel         level;
  GListStore          *lot_store;
  GHashTable          *lot_cells_bound;   /* GtkListItem → its Cell, of the lot table */
  GPtrArray           *enterprise_ids;    /* dropdown position − 1 → id */
  GPtrArray           *depot_ids;
  int                  depot_ids_enterprise;   /* -2: to be filled */
  GPtrArray           *variety_codes;
  GArray              *years;
  GrStockSortKey       lot_sort;          /* the lot table's order (sorted in a worker) */
  gboolean             lot_descending;
  GCancellable        *sort_cancellable;

  guint                n_rows;
  gint64               total_kg;
  guint                loading : 1;
  guint                load_again : 1;
  guint                needs_load : 1;
  guint                rebuilding : 1;
  guint                sorting : 1;
  guint                updating_controls : 1;
  guint                bench_started : 1;
};

G_DEFINE_FINAL_TYPE (GrStockPage, gr_stock_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_LEVEL,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void apply_filter (GrStockPage *self,
                          gboolean     rows_may_change);
static void notify_busy  (GrStockPage *self);
static void drop_in_worker (gpointer       data,
                            GDestroyNotify destroy);

/*
 * Workers: they read the database (load) or only the snapshot (rows),
 * never a widget.
 */

typedef struct {
  char          *as_of;
  GrStockFilter  filter;
  GrStockLevel   level;
  GrStockSortKey lot_sort;
  gboolean       lot_descending;
  GPtrArray     *old_lots;      /* the lot rows shown, to keep what is the same */
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *d = data;

  g_free (d->as_of);
  gr_stock_filter_clear (&d->filter);
  g_clear_pointer (&d->old_lots, g_ptr_array_unref);
  g_free (d);
}

typedef struct {
  GrStockSnapshot *snapshot;
  GPtrArray       *lot_rows;
  GListStore      *lot_store;
  GPtrArray       *rows;        /* the level's rows (the lot rows for lots) */
  GListStore      *store;
  GrStockLevel     level;
  GrStockFilter    filter;
  /* Lot rows shown before that are read again in the same places: the
   * first kept_head and the last kept_tail of old_lots. */
  GPtrArray       *old_lots;
  guint            kept_head;
  guint            kept_tail;
  gboolean         kept_moved;  /* a kept row's visibility under the filter changed */
} Rows;

static void
rows_free (gpointer data)
{
  Rows *r = data;

  if (r == NULL)
    return;
  g_clear_pointer (&r->snapshot, gr_stock_snapshot_unref);
  g_clear_pointer (&r->lot_rows, g_ptr_array_unref);
  g_clear_object (&r->lot_store);
  g_clear_pointer (&r->rows, g_ptr_array_unref);
  g_clear_object (&r->store);
  g_clear_pointer (&r->old_lots, g_ptr_array_unref);
  gr_stock_filter_clear (&r->filter);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Rows, rows_free)

static GListStore *
store_of (GPtrArray *rows)
{
  GListStore *store = g_list_store_new (GR_TYPE_STOCK_ROW);

  /* One splice: one items-changed, and nothing listens yet. */
  g_list_store_splice (store, 0, 0, rows->pdata, rows->len);
  return store;
}

static gboolean
build_level (Rows           *r,
             GrStockMatcher *matcher,
             GrStockLevel    level,
             GCancellable   *cancellable)
{
  r->level = level;
  gr_stock_filter_copy (gr_stock_matcher_get_filter (matcher), &r->filter);
  if (level == GR_STOCK_LEVEL_LOT)
    return TRUE;
  r->rows = gr_stock_rows_build (matcher, level, cancellable);
  if (r->rows == NULL)
    return FALSE;
  r->store = store_of (r->rows);
  return TRUE;
}

/* Which of the lot rows shown are the same lots, in the same places, as
 * the rows read now: the head and tail the two orders share. A refresh
 * that brings the same lots keeps every row, so the table keeps its rows
 * of widgets and only fills their cells again. */
static void
compare_lots (Rows                *r,
              GPtrArray           *old,
              const GrStockFilter *filter)
{
  GPtrArray *fresh = r->lot_rows;
  guint n = MIN (old->len, fresh->len);
  guint head = 0, tail = 0;
  g_autoptr(GrStockMatcher) old_matcher = NULL;
  g_autoptr(GrStockMatcher) new_matcher = NULL;
  GrStockSnapshot *old_snapshot;

  if (n == 0)
    return;
  while (head < n && strcmp (gr_stock_row_get_id (old->pdata[head]), gr_stock_row_get_id (fresh->pdata[head])) == 0)
    head++;
  while (tail < n - head &&
         strcmp (gr_stock_row_get_id (old->pdata[old->len - 1 - tail]),
                 gr_stock_row_get_id (fresh->pdata[fresh->len - 1 - tail])) == 0)
    tail++;
  r->old_lots = g_ptr_array_ref (old);
  r->kept_head = head;
  r->kept_tail = tail;

  /* The view filtered the kept rows by what they showed: whether it must
   * filter them again. */
  old_snapshot = gr_stock_row_get_snapshot (old->pdata[0]);
  old_matcher = gr_stock_matcher_new (old_snapshot, filter);
  new_matcher = gr_stock_matcher_new (r->snapshot, filter);
  for (guint i = 0; i < head + tail && !r->kept_moved; i++)
    {
      guint o = i < head ? i : old->len - (head + tail) + i;
      guint f = i < head ? i : fresh->len - (head + tail) + i;

      r->kept_moved = gr_stock_row_get_snapshot (old->pdata[o]) != old_snapshot ||
                      gr_stock_row_matches (old->pdata[o], old_matcher) !=
                      gr_stock_row_matches (fresh->pdata[f], new_matcher);
    }
}

static gpointer
load_worker (GrStore         *store,
             gpointer         task_data,
             GrProgressFunc   progress,
             gpointer         progress_data,
             GCancellable    *cancellable,
             GError         **error)
{
  LoadData *d = task_data;
  g_autoptr(Rows) r = g_new0 (Rows, 1);
  g_autoptr(GrStockMatcher) everything = NULL;
  g_autoptr(GrStockMatcher) matcher = NULL;
  GrStockFilter none;

  r->snapshot = gr_stock_snapshot_load (store, d->as_of, cancellable, error);
  if (r->snapshot == NULL)
    return NULL;

  gr_stock_filter_init (&none);
  everything = gr_stock_matcher_new (r->snapshot, &none);
  r->lot_rows = gr_stock_rows_build (everything, GR_STOCK_LEVEL_LOT, cancellable);
  matcher = gr_stock_matcher_new (r->snapshot, &d->filter);
  if (r->lot_rows == NULL || !build_level (r, matcher, d->level, cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
      return NULL;
    }
  /* The lot table has no sort model: its rows come sorted. */
  gr_stock_rows_sort (r->lot_rows, d->lot_sort, d->lot_descending);
  if (d->old_lots != NULL)
    compare_lots (r, d->old_lots, &d->filter);
  /* Kept whole: the table goes on with the store it has. */
  if (r->kept_head < r->lot_rows->len)
    r->lot_store = store_of (r->lot_rows);
  return g_steal_pointer (&r);
}

typedef struct {
  GrStockMatcher *matcher;
  GrStockLevel    level;
} RebuildData;

static void
rebuild_data_free (gpointer data)
{
  RebuildData *d = data;

  g_clear_pointer (&d->matcher, gr_stock_matcher_unref);
  g_free (d);
}

static void
rebuild_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RebuildData *d = task_data;
  g_autoptr(Rows) r = g_new0 (Rows, 1);

  if (!build_level (r, d->matcher, d->level, cancellable))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&r), rows_free);
}

/* Tens of thousands of rows take a while to finalize: let a worker drop
 * the last references once the models have let go of them. */
typedef struct {
  gpointer       data;
  GDestroyNotify destroy;
} Garbage;

static void
drop_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Garbage *garbage = task_data;

  garbage->destroy (garbage->data);
  g_free (garbage);
}

static void
drop_in_worker (gpointer       data,
                GDestroyNotify destroy)
{
  g_autoptr(GTask) task = NULL;
  Garbage *garbage;

  if (data == NULL)
    return;
  garbage = g_new (Garbage, 1);
  garbage->data = data;
  garbage->destroy = destroy;
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_task_data (task, garbage, NULL);
  g_task_run_in_thread (task, drop_worker);
}

/*
 * Auxiliary methods
 */

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
notify_busy (GrStockPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

static void
show_error (GrStockPage  *self,
            const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GR_IS_WINDOW (root))
    gr_window_add_toast (GR_WINDOW (root), error->message);
  else
    g_warning ("%s", error->message);
}

static int
count_lot_attributes (const GrStockFilter *f)
{
  return (f->depot != NULL) + (f->grade != GR_STOCK_GRADE_ANY) + (f->year != 0) +
         (f->storage_quality != NULL) + (f->rotation_mode != NULL) + (f->age_band >= 0) + (f->include_empty != FALSE);
}

/* Whether rows built for a filter still hold under another: the
 * aggregate levels' figures depend on the lot attributes only. */
static gboolean
same_lot_attributes (const GrStockFilter *a,
                     const GrStockFilter *b)
{
  return g_strcmp0 (a->variety, b->variety) == 0 && a->grade == b->grade && a->year == b->year &&
         g_strcmp0 (a->storage_quality, b->storage_quality) == 0 &&
         g_strcmp0 (a->rotation_mode, b->rotation_mode) == 0 &&
         a->age_band == b->age_band && !a->include_empty == !b->include_empty;
}

static void
update_filter_controls (GrStockPage *self)
{
  int n = count_lot_attributes (&self->filter);
  g_autofree char *label = NULL;
  gboolean any;

  if (n > 0)
    /* TRANSLATORS: the filters button with the number of filters set in its popover */
    label = g_strdup_printf (_("Filters (%d)"), n);
  gtk_label_set_label (self->filters_label, label ? label : _("Filters"));
  if (n > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->filters_label), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filters_label), "accent");

  any = n > 0 || self->filter.enterprise || self->filter.variety || self->filter.bin ||
        (self->filter.search && *self->filter.search);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stock.clear-filters", any);

  /* The bin a row led to has no dropdown: a chip says where the table is. */
  if (self->filter.bin != NULL && self->snapshot != NULL)
    {
      int b = gr_stock_snapshot_find (self->snapshot, GR_STOCK_LEVEL_BIN, self->filter.bin);
      g_autofree char *text = NULL;

      if (b >= 0)
        {
          const GrStockBin *bin = gr_stock_snapshot_get_bin (self->snapshot, b);
          const GrStockDepot *depot = gr_stock_snapshot_get_depot (self->snapshot, bin->depot);

          /* TRANSLATORS: a bin in the filter chip: depot, bin code → "城南库 P01" */
          text = g_strdup_printf (_("%s %s"), depot->name, bin->code);
        }
      gtk_label_set_label (self->place_label, text ? text : self->filter.bin);
      gtk_widget_set_visible (GTK_WIDGET (self->place_button), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->place_button), FALSE);
}

/* Positions in the dropdowns: 0 is "all" in each. */
static guint
position_of (GPtrArray  *ids,
             const char *id)
{
  guint index;

  if (id != NULL && ids != NULL && g_ptr_array_find_with_equal_func (ids, id, g_str_equal, &index))
    return index + 1;
  return 0;
}

static GtkStringList *
string_list (const char *all)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, all);
  return list;
}

/* A drop-down's labels brought to new ones in place: read again they are
 * mostly the same, and a new model would make every row of its popup
 * again (a thousand depots, tens of milliseconds). labels: a list whose
 * first item is the "All …" label. */
static void
set_labels (GtkDropDown *dropdown,
            GPtrArray   *labels)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  g_ptr_array_add (labels, NULL);
  if (GTK_IS_STRING_LIST (model))
    gr_string_list_update (GTK_STRING_LIST (model), (const char * const *) labels->pdata);
  else
    {
      g_autoptr(GtkStringList) list = gtk_string_list_new ((const char * const *) labels->pdata);

      gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
    }
  g_ptr_array_set_size (labels, labels->len - 1);
}

static GPtrArray *
labels_new (const char *all)
{
  GPtrArray *labels = g_ptr_array_new ();

  g_ptr_array_add (labels, (gpointer) all);
  return labels;
}

static void
fill_depot_dropdown (GrStockPage *self)
{
  g_autoptr(GPtrArray) labels = NULL;
  int enterprise = -1;

  if (self->snapshot != NULL && self->filter.enterprise != NULL)
    enterprise = gr_stock_snapshot_find (self->snapshot, GR_STOCK_LEVEL_ENTERPRISE, self->filter.enterprise);
  /* A thousand depots make a list worth not building again for nothing. */
  if (self->depot_ids != NULL && self->depot_ids_enterprise == enterprise)
    return;
  self->depot_ids_enterprise = enterprise;
  labels = labels_new (_("All depots"));
  g_clear_pointer (&self->depot_ids, g_ptr_array_unref);
  self->depot_ids = g_ptr_array_new ();
  for (guint i = 0; self->snapshot != NULL && i < gr_stock_snapshot_get_n (self->snapshot, GR_STOCK_LEVEL_DEPOT); i++)
    {
      const GrStockDepot *d = gr_stock_snapshot_get_depot (self->snapshot, i);

      if (enterprise >= 0 && d->enterprise != (guint) enterprise)
        continue;
      g_ptr_array_add (labels, (gpointer) d->name);
      g_ptr_array_add (self->depot_ids, (gpointer) d->id);
    }
  set_labels (self->depot_dropdown, labels);
}

static int
grade_value (guint position)
{
  static const int values[] = { GR_STOCK_GRADE_ANY, 1, 2, 3, 4, 5, GR_STOCK_GRADE_SUBSTANDARD, GR_STOCK_GRADE_UNTESTED };

  return position < G_N_ELEMENTS (values) ? values[position] : GR_STOCK_GRADE_ANY;
}

static guint
grade_position (int grade)
{
  for (guint i = 0; i < 8; i++)
    if (grade_value (i) == grade)
      return i;
  return 0;
}

/* Puts the filter into the controls, without their handlers applying it again. */
static void
sync_controls (GrStockPage *self)
{
  guint position = 0;

  self->updating_controls = TRUE;

  gtk_drop_down_set_selected (self->enterprise_dropdown, position_of (self->enterprise_ids, self->filter.enterprise));
  fill_depot_dropdown (self);
  gtk_drop_down_set_selected (self->depot_dropdown, position_of (self->depot_ids, self->filter.depot));
  gtk_drop_down_set_selected (self->variety_dropdown, position_of (self->variety_codes, self->filter.variety));
  gtk_drop_down_set_selected (self->grade_dropdown, grade_position (self->filter.grade));
  for (guint i = 0; self->years != NULL && i < self->years->len; i++)
    if (g_array_index (self->years, int, i) == self->filter.year)
      position = i + 1;
  gtk_drop_down_set_selected (self->year_dropdown, position);
  position = 0;
  for (guint i = 0; gr_rotation_mode_names[i] != NULL; i++)
    if (g_strcmp0 (gr_rotation_mode_names[i], self->filter.rotation_mode) == 0)
      position = i + 1;
  gtk_drop_down_set_selected (self->mode_dropdown, position);
  if (self->filter.storage_quality == NULL)
    gtk_drop_down_set_selected (self->quality_dropdown, 0);
  else
    gtk_drop_down_set_selected (self->quality_dropdown,
                                g_str_equal (self->filter.storage_quality, "suitable") ? 1 :
                                g_str_equal (self->filter.storage_quality, "slightly_unsuitable") ? 2 : 3);
  gtk_drop_down_set_selected (self->age_dropdown, self->filter.age_band + 1);
  gtk_switch_set_active (self->empty_switch, self->filter.include_empty);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), self->filter.search ? self->filter.search : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), self->filter.search ? self->filter.search : "");

  self->updating_controls = FALSE;
}

/* Dropdown models from the snapshot: enterprises, varieties present, years. */
static void
fill_controls (GrStockPage *self)
{
  g_autoptr(GPtrArray) enterprises = labels_new (_("All enterprises"));
  g_autoptr(GPtrArray) varieties = labels_new (_("All varieties"));
  g_autoptr(GPtrArray) years = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) totals = gr_stock_snapshot_variety_totals (self->snapshot, -1);
  guint n = gr_stock_snapshot_get_n (self->snapshot, GR_STOCK_LEVEL_ENTERPRISE);

  self->updating_controls = TRUE;

  g_clear_pointer (&self->enterprise_ids, g_ptr_array_unref);
  self->enterprise_ids = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    {
      const GrStockEnterprise *e = gr_stock_snapshot_get_enterprise (self->snapshot, i);

      g_ptr_array_add (enterprises, (gpointer) e->name);
      g_ptr_array_add (self->enterprise_ids, (gpointer) e->id);
    }
  set_labels (self->enterprise_dropdown, enterprises);

  g_clear_pointer (&self->variety_codes, g_ptr_array_unref);
  self->variety_codes = g_ptr_array_new ();
  for (guint i = 0; i < totals->len; i++)
    {
      const GrStockVarietyTotal *t = &g_array_index (totals, GrStockVarietyTotal, i);

      g_ptr_array_add (varieties, (gpointer) gr_variety_name (t->variety));
      g_ptr_array_add (self->variety_codes, (gpointer) t->variety);
    }
  set_labels (self->variety_dropdown, varieties);

  g_clear_pointer (&self->years, g_array_unref);
  self->years = gr_stock_snapshot_dup_years (self->snapshot);
  g_ptr_array_add (years, g_strdup (_("All years")));
  for (guint i = 0; i < self->years->len; i++)
    g_ptr_array_add (years, g_strdup_printf ("%d", g_array_index (self->years, int, i)));
  set_labels (self->year_dropdown, years);

  self->updating_controls = FALSE;
  sync_controls (self);
}

static void
fill_static_controls (GrStockPage *self)
{
  g_autoptr(GtkStringList) grades = string_list (_("All grades"));
  g_autoptr(GtkStringList) qualities = string_list (_("Any storage quality"));
  g_autoptr(GtkStringList) modes = string_list (_("Any rotation mode"));
  g_autoptr(GtkStringList) ages = string_list (_("Any storage age"));

  /* Grades by number, named for raw grain and for rice and oil together. */
  for (int g = 1; g <= 5; g++)
    {
      g_autofree char *raw = gr_variety_grade_name ("wheat", g);
      g_autofree char *level = g <= 4 ? gr_variety_grade_name ("oil_peanut", g) : NULL;
      g_autofree char *text = level ? g_strdup_printf ("%s / %s", raw, level) : g_strdup (raw);

      gtk_string_list_append (grades, text);
    }
  gtk_string_list_append (grades, _("Substandard"));
  /* TRANSLATORS: a lot without a quality test: 未检验 */
  gtk_string_list_append (grades, _("Untested"));
  gtk_drop_down_set_model (self->grade_dropdown, G_LIST_MODEL (grades));

  gtk_string_list_append (qualities, gr_storage_quality_label ("suitable"));
  gtk_string_list_append (qualities, gr_storage_quality_label ("slightly_unsuitable"));
  gtk_string_list_append (qualities, gr_storage_quality_label ("severely_unsuitable"));
  gtk_drop_down_set_model (self->quality_dropdown, G_LIST_MODEL (qualities));

  for (guint i = 0; gr_rotation_mode_names[i] != NULL; i++)
    gtk_string_list_append (modes, gr_rotation_mode_name (gr_rotation_mode_names[i]));
  gtk_drop_down_set_model (self->mode_dropdown, G_LIST_MODEL (modes));

  for (guint i = 0; i < GR_STOCK_N_AGE_BANDS; i++)
    gtk_string_list_append (ages, gr_stock_age_band_name (i));
  gtk_drop_down_set_model (self->age_dropdown, G_LIST_MODEL (ages));
}

/*
 * Cells: made in code, not from builder templates. When a filter or a
 * sort replaces what a table shows, the view makes new rows of cells (a
 * list view keeps about 200 rows), and a builder template per cell costs
 * far more than the cell itself.
 */

typedef enum {
  CELL_TEXT,
  CELL_KG,
  CELL_COUNT,
  CELL_MONTHS,
  CELL_PERMILLE,
  CELL_USE,
} CellFormat;

typedef struct {
  const char *property;    /* of GrStockRow */
  CellFormat  format;
} Cell;

/* The columns of each level's table, in the order of gr-stock-page.ui. */
static const Cell enterprise_cells[] = {
  { "name", CELL_TEXT }, { "kind-name", CELL_TEXT }, { "n-lots", CELL_COUNT }, { "plan-kg", CELL_KG },
  { "stock-kg", CELL_KG }, { "ratio", CELL_PERMILLE }, { "capacity-kg", CELL_KG }, { "use", CELL_USE },
};
static const Cell depot_cells[] = {
  { "name", CELL_TEXT }, { "enterprise-name", CELL_TEXT }, { "region", CELL_TEXT }, { "grade-text", CELL_TEXT },
  { "n-lots", CELL_COUNT }, { "stock-kg", CELL_KG }, { "capacity-kg", CELL_KG }, { "use", CELL_USE },
};
static const Cell bin_cells[] = {
  { "name", CELL_TEXT }, { "depot-name", CELL_TEXT }, { "enterprise-name", CELL_TEXT }, { "variety-name", CELL_TEXT },
  { "kind-name", CELL_TEXT }, { "tech-name", CELL_TEXT }, { "keeper", CELL_TEXT }, { "n-lots", CELL_COUNT },
  { "stock-kg", CELL_KG }, { "capacity-kg", CELL_KG }, { "use", CELL_USE },
};
static const Cell lot_cells[] = {
  { "name", CELL_TEXT }, { "enterprise-name", CELL_TEXT }, { "depot-name", CELL_TEXT }, { "bin-code", CELL_TEXT },
  { "variety-name", CELL_TEXT }, { "grade-text", CELL_TEXT }, { "year-text", CELL_TEXT }, { "entered-on", CELL_TEXT },
  { "age-months", CELL_MONTHS }, { "quality-name", CELL_TEXT }, { "mode-name", CELL_TEXT }, { "stock-kg", CELL_KG },
};

static const struct {
  const Cell *cells;
  guint       n_cells;
} level_cells[GR_STOCK_N_LEVELS] = {
  { enterprise_cells, G_N_ELEMENTS (enterprise_cells) },
  { depot_cells, G_N_ELEMENTS (depot_cells) },
  { bin_cells, G_N_ELEMENTS (bin_cells) },
  { lot_cells, G_N_ELEMENTS (lot_cells) },
};

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               const Cell               *cell)
{
  GtkWidget *text = gr_cell_text_new ();

  if (cell->format == CELL_TEXT)
    {
      gtk_widget_set_has_tooltip (text, TRUE);
      g_signal_connect (text, "query-tooltip", G_CALLBACK (gr_cells_query_tooltip), NULL);
      gtk_list_item_set_child (item, text);
      return;
    }
  gr_cell_text_set_xalign (GR_CELL_TEXT (text), 1.0);
  gtk_widget_add_css_class (text, "numeric");
  if (cell->format == CELL_USE)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *bar = gtk_progress_bar_new ();

      gtk_widget_set_hexpand (bar, TRUE);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gr_cell_text_set_min_chars (GR_CELL_TEXT (text), 6);
      gtk_box_append (GTK_BOX (box), bar);
      gtk_box_append (GTK_BOX (box), text);
      gtk_list_item_set_child (item, box);
      return;
    }
  gtk_list_item_set_child (item, text);
}

static void
fill_cell (GtkListItem *item,
           const Cell  *cell)
{
  GObject *row = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);
  g_auto(GValue) value = G_VALUE_INIT;
  g_autofree char *text = NULL;

  g_object_get_property (row, cell->property, &value);
  switch (cell->format)
    {
    case CELL_TEXT:
      gr_cell_text_set_text (GR_CELL_TEXT (child), g_value_get_string (&value));
      return;
    case CELL_KG:
      text = gr_cells_format_kg (NULL, g_value_get_int64 (&value));
      gr_cell_text_set_markup (GR_CELL_TEXT (child), text);
      return;
    case CELL_COUNT:
      text = gr_cells_format_count (NULL, g_value_get_uint (&value));
      break;
    case CELL_MONTHS:
      text = gr_cells_format_months (NULL, g_value_get_int (&value));
      break;
    case CELL_PERMILLE:
      text = gr_cells_format_permille (NULL, g_value_get_int (&value));
      break;
    case CELL_USE:
      {
        GtkWidget *bar = gtk_widget_get_first_child (child);
        int permille = g_value_get_int (&value);

        gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), gr_cells_use_fraction (NULL, permille));
        gtk_widget_set_visible (bar, permille >= 0);
        text = gr_cells_format_permille (NULL, permille);
        child = gtk_widget_get_last_child (child);
      }
      break;
    default:
      g_assert_not_reached ();
    }
  gr_cell_text_set_text (GR_CELL_TEXT (child), text);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              const Cell               *cell)
{
  GrStockPage *self = g_object_get_data (G_OBJECT (factory), "lot-page");

  if (self != NULL)
    g_hash_table_insert (self->lot_cells_bound, item, (gpointer) cell);
  fill_cell (item, cell);
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                const Cell               *cell)
{
  GrStockPage *self = g_object_get_data (G_OBJECT (factory), "lot-page");

  if (self != NULL && self->lot_cells_bound != NULL)
    g_hash_table_remove (self->lot_cells_bound, item);
}

/* The lot rows were read again in place: their cells show it. */
static void
refill_lot_cells (GrStockPage *self)
{
  GHashTableIter iter;
  gpointer item, cell;

  g_hash_table_iter_init (&iter, self->lot_cells_bound);
  while (g_hash_table_iter_next (&iter, &item, &cell))
    fill_cell (item, cell);
}

static void
set_up_cells (GrStockPage *self)
{
  for (guint l = 0; l < GR_STOCK_N_LEVELS; l++)
    {
      GListModel *columns = gtk_column_view_get_columns (self->levels[l].table);

      g_assert (g_list_model_get_n_items (columns) == level_cells[l].n_cells);
      for (guint i = 0; i < level_cells[l].n_cells; i++)
        {
          g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
          g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
          const Cell *cell = &level_cells[l].cells[i];

          g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), (gpointer) cell);
          g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), (gpointer) cell);
          if (l == GR_STOCK_LEVEL_LOT)
            {
              g_object_set_data (G_OBJECT (factory), "lot-page", self);
              g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), (gpointer) cell);
            }
          gtk_column_view_column_set_factory (column, factory);
        }
      /* English titles are wider than the Chinese the widths are set for. */
      gr_cells_shorten_titles (self->levels[l].table);
    }
}

/*
 * Changing what a table shows
 *
 * Each level's table sits on its own models: store → sort (by numbers the
 * snapshot ranked in the worker) → filter (incremental) → GrPacedModel,
 * which hands big changes to the view in bites (gr-paced-model.h). A
 * hidden level's paced model is frozen: its table makes no rows nobody
 * sees, and catches up when shown.
 */

/* A change that replaces what the table shows starts from the top. */
static void
scroll_to_top (GrStockPage  *self,
               GrStockLevel  level)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->levels[level].scroller);

  gtk_adjustment_set_value (adj, gtk_adjustment_get_lower (adj));
}

static void
refilter (GrStockPage  *self,
          GrStockLevel  level)
{
  Level *lv = &self->levels[level];

  if (level == self->level)
    scroll_to_top (self, level);
  gtk_filter_changed (GTK_FILTER (lv->filter), GTK_FILTER_CHANGE_DIFFERENT);
  lv->stale = FALSE;
}

/* The level's rows are now these: take them into its table. */
static void
set_rows (GrStockPage         *self,
          GrStockLevel         level,
          GPtrArray           *rows,
          GListStore          *store,
          const GrStockFilter *built_for)
{
  Level *lv = &self->levels[level];
  GPtrArray *old = g_steal_pointer (&lv->rows);

  lv->rows = g_ptr_array_ref (rows);
  gr_stock_filter_clear (&lv->built_for);
  gr_stock_filter_copy (built_for, &lv->built_for);
  lv->built_from = self->snapshot;
  if (level == self->level)
    scroll_to_top (self, level);
  /* The one swap; the filter then runs in steps and the paced model
   * passes the change on in bites. */
  if (lv->sort != NULL)
    gtk_sort_list_model_set_model (lv->sort, G_LIST_MODEL (store));
  else
    gtk_filter_list_model_set_model (lv->filter_model, G_LIST_MODEL (store));
  lv->stale = FALSE;
  /* Tens of thousands of rows take a while to finalize: now that the
   * models have let go of them, a worker does it. */
  drop_in_worker (old, (GDestroyNotify) g_ptr_array_unref);
}

/* A refresh brought lot rows that are partly or wholly the same lots in
 * the same places (compare_lots): those rows stay the same objects and
 * show the new reading; only the rows between change in the store. A
 * big change in the middle is a swap of the whole store instead (one
 * change the paced model hands on in bites). FALSE when the rows could
 * not be kept: the caller takes the new rows whole. */
#define KEEP_MAX_CHANGED 4096

static gboolean
keep_lots (GrStockPage *self,
           Rows        *r)
{
  Level *lv = &self->levels[GR_STOCK_LEVEL_LOT];
  GPtrArray *old = r->old_lots;
  GPtrArray *fresh = r->lot_rows;
  g_autoptr(GPtrArray) rows = NULL;
  guint head = r->kept_head, tail = r->kept_tail;
  guint old_middle, new_middle;

  /* The table was sorted again meanwhile, or nothing is the same. */
  if (old == NULL || old != lv->rows || self->lot_store == NULL || head + tail == 0)
    return FALSE;
  old_middle = old->len - head - tail;
  new_middle = fresh->len - head - tail;
  if (old_middle + new_middle > KEEP_MAX_CHANGED && r->lot_store != NULL)
    return FALSE;

  rows = g_ptr_array_new_full (fresh->len, g_object_unref);
  for (guint i = 0; i < head; i++)
    {
      gr_stock_row_update (old->pdata[i], fresh->pdata[i]);
      g_ptr_array_add (rows, g_object_ref (old->pdata[i]));
    }
  for (guint i = head; i < head + new_middle; i++)
    g_ptr_array_add (rows, g_object_ref (fresh->pdata[i]));
  for (guint i = 0; i < tail; i++)
    {
      GrStockRow *kept = old->pdata[old->len - tail + i];

      gr_stock_row_update (kept, fresh->pdata[fresh->len - tail + i]);
      g_ptr_array_add (rows, g_object_ref (kept));
    }
  if (old_middle + new_middle > 0)
    g_list_store_splice (self->lot_store, head, old_middle, &rows->pdata[head], new_middle);

  gr_stock_filter_clear (&lv->built_for);
  gr_stock_filter_copy (&r->filter, &lv->built_for);
  lv->built_from = self->snapshot;
  g_ptr_array_unref (lv->rows);
  lv->rows = g_steal_pointer (&rows);
  /* The old order and the rows read for nothing are a worker's to free. */
  drop_in_worker (g_steal_pointer (&r->old_lots), (GDestroyNotify) g_ptr_array_unref);
  drop_in_worker (g_steal_pointer (&r->lot_rows), (GDestroyNotify) g_ptr_array_unref);
  drop_in_worker (g_steal_pointer (&r->lot_store), g_object_unref);
  refill_lot_cells (self);
  return TRUE;
}

/*
 * The lot table's order
 *
 * 60,000 lots sorted on the main thread would stall it (GTK evaluates
 * each row's sort key through a GtkExpression), so the lot table has no
 * sort model: a worker sorts the rows by plain numbers and the table gets
 * them in one swap. Its columns carry sorters all the same, so that the
 * headers sort and show the order; which column and way the user chose
 * is read back from the view's sorter, as GTK 4.8 has no call for it:
 * each column's sorter, asked while probing, names itself and answers
 * "smaller"; the view's sorter asks the chosen column first and turns the
 * answer round when descending.
 */

static const GrStockSortKey lot_sort_keys[] = {
  GR_STOCK_SORT_ID, GR_STOCK_SORT_ENTERPRISE, GR_STOCK_SORT_DEPOT, GR_STOCK_SORT_BIN,
  GR_STOCK_SORT_VARIETY, GR_STOCK_SORT_GRADE, GR_STOCK_SORT_YEAR, GR_STOCK_SORT_ENTERED,
  GR_STOCK_SORT_AGE, GR_STOCK_SORT_QUALITY, GR_STOCK_SORT_MODE, GR_STOCK_SORT_STOCK,
};

static gboolean probing;
static int probed_key = -1;

static int
lot_column_compare (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  GrStockSortKey key = GPOINTER_TO_INT (user_data);

  if (probing)
    {
      if (probed_key < 0)
        probed_key = key;
      return -1;
    }
  return gr_stock_row_compare ((GrStockRow *) a, (GrStockRow *) b, key);
}

typedef struct {
  GPtrArray      *rows;
  GrStockSortKey  key;
  gboolean        descending;
} SortData;

static void
sort_data_free (gpointer data)
{
  SortData *d = data;

  g_clear_pointer (&d->rows, g_ptr_array_unref);
  g_free (d);
}

static void
sort_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SortData *d = task_data;
  g_autoptr(Rows) r = g_new0 (Rows, 1);

  gr_stock_rows_sort (d->rows, d->key, d->descending);
  r->rows = g_ptr_array_ref (d->rows);
  r->store = store_of (r->rows);
  r->level = GR_STOCK_LEVEL_LOT;
  g_task_return_pointer (task, g_steal_pointer (&r), rows_free);
}

static void
sort_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GrStockPage *self = GR_STOCK_PAGE (object);
  g_autoptr(Rows) r = NULL;
  g_autoptr(GError) error = NULL;

  r = g_task_propagate_pointer (G_TASK (result), &error);
  /* Cancelled after the worker was done too: the page may be gone. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  self->sorting = FALSE;
  notify_busy (self);
  if (r == NULL || self->levels[GR_STOCK_LEVEL_LOT].rows == NULL)
    return;
  g_clear_object (&self->lot_store);
  self->lot_store = g_object_ref (r->store);
  set_rows (self, GR_STOCK_LEVEL_LOT, r->rows, r->store, &self->levels[GR_STOCK_LEVEL_LOT].built_for);
}

static void
lot_sorter_changed_cb (GrStockPage *self,
                       int          change,
                       GtkSorter   *sorter)
{
  static GObject *probe_a, *probe_b;
  Level *lv = &self->levels[GR_STOCK_LEVEL_LOT];
  g_autoptr(GTask) task = NULL;
  GtkOrdering order;
  SortData *d;

  if (probe_a == NULL)
    {
      probe_a = g_object_new (G_TYPE_OBJECT, NULL);
      probe_b = g_object_new (G_TYPE_OBJECT, NULL);
    }
  probing = TRUE;
  probed_key = -1;
  order = gtk_sorter_compare (sorter, probe_a, probe_b);
  probing = FALSE;
  /* No column chosen: the order of the ids. */
  self->lot_sort = probed_key >= 0 ? (GrStockSortKey) probed_key : GR_STOCK_SORT_ID;
  self->lot_descending = probed_key >= 0 && order == GTK_ORDERING_LARGER;

  /* Columns going away while the page is disposed change the sorter too. */
  if (lv->rows == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  g_cancellable_cancel (self->sort_cancellable);
  g_clear_object (&self->sort_cancellable);
  self->sort_cancellable = g_cancellable_new ();
  d = g_new0 (SortData, 1);
  d->rows = g_ptr_array_new_full (lv->rows->len, g_object_unref);
  for (guint i = 0; i < lv->rows->len; i++)
    g_ptr_array_add (d->rows, g_object_ref (lv->rows->pdata[i]));
  d->key = self->lot_sort;
  d->descending = self->lot_descending;
  task = g_task_new (self, self->sort_cancellable, sort_done_cb, NULL);
  g_task_set_source_tag (task, lot_sorter_changed_cb);
  g_task_set_task_data (task, d, sort_data_free);
  g_task_run_in_thread (task, sort_worker);
  self->sorting = TRUE;
  notify_busy (self);
}

static void
set_up_lot_sorters (GrStockPage *self)
{
  Level *lv = &self->levels[GR_STOCK_LEVEL_LOT];
  GListModel *columns = gtk_column_view_get_columns (lv->table);

  g_assert (g_list_model_get_n_items (columns) == G_N_ELEMENTS (lot_sort_keys));
  for (guint i = 0; i < G_N_ELEMENTS (lot_sort_keys); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      g_autoptr(GtkCustomSorter) sorter = gtk_custom_sorter_new (lot_column_compare,
                                                                 GINT_TO_POINTER (lot_sort_keys[i]), NULL);

      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
    }
  g_signal_connect_object (gtk_column_view_get_sorter (lv->table), "changed",
                           G_CALLBACK (lot_sorter_changed_cb), self, G_CONNECT_SWAPPED);
}

/*
 * Charts
 */

static void
update_variety_chart (GrStockPage *self)
{
  g_autoptr(GrChartData) data = gr_chart_data_new ();
  g_autoptr(GArray) totals = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree double *stock = NULL;
  g_autofree double *month_end = NULL;
  g_autofree double *plan = NULL;
  g_autofree char *as_of = gr_format_iso_date (self->as_of ? self->as_of : gr_stock_snapshot_get_as_of (self->snapshot));
  g_autofree char *subtitle = NULL;
  const char *scope;
  int enterprise = -1;

  if (self->filter.enterprise != NULL)
    enterprise = gr_stock_snapshot_find (self->snapshot, GR_STOCK_LEVEL_ENTERPRISE, self->filter.enterprise);
  totals = gr_stock_snapshot_variety_totals (self->snapshot, enterprise);
  stock = g_new0 (double, MAX (totals->len, 1));
  month_end = g_new0 (double, MAX (totals->len, 1));
  plan = g_new0 (double, MAX (totals->len, 1));
  for (guint i = 0; i < totals->len; i++)
    {
      const GrStockVarietyTotal *t = &g_array_index (totals, GrStockVarietyTotal, i);

      g_ptr_array_add (names, (gpointer) gr_variety_name (t->variety));
      stock[i] = t->stock_kg / 1000.0;
      month_end[i] = t->month_end_kg / 1000.0;
      plan[i] = t->plan_kg > 0 ? t->plan_kg / 1000.0 : NAN;
    }
  g_ptr_array_add (names, NULL);

  gr_chart_data_set_categories (data, (const char * const *) names->pdata);
  gr_chart_data_set_category_title (data, _("Variety"));
  /* TRANSLATORS: the unit of tonnes on chart axes, 吨 */
  gr_chart_data_set_unit (data, C_("unit", "t"));
  {
    /* TRANSLATORS: a chart series: the stock in store now, 当前库存 */
    g_autoptr(GrChartSeries) now = gr_chart_series_new (_("Stock now"), GR_CHART_COLOR_ACCENT, stock, totals->len);
    /* TRANSLATORS: a chart series: the stock at the end of last month, which the month-end rules check, 上月末库存 */
    g_autoptr(GrChartSeries) last = gr_chart_series_new (_("Last month end"), GR_CHART_COLOR_NEUTRAL, month_end, totals->len);

    gr_chart_data_add_series (data, now);
    gr_chart_data_add_series (data, last);
  }
  /* TRANSLATORS: the target marker of the stock chart: the storage plan's quantity, 计划 */
  gr_chart_data_set_targets (data, _("Plan"), plan, totals->len);
  gr_chart_set_data (self->variety_chart, data);

  scope = enterprise >= 0 ? gr_stock_snapshot_get_enterprise (self->snapshot, enterprise)->name : _("All enterprises");
  /* TRANSLATORS: subtitle of the stock by variety chart: scope, date → "全部承储企业 · 截至 2026年11月25日，标记为当日有效的承储计划" */
  subtitle = g_strdup_printf (_("%s · as of %s; the marks are the storage plans valid that day"), scope, as_of);
  gr_chart_frame_set_subtitle (self->variety_frame, subtitle);
}

typedef struct {
  const char *name;
  gint64      stock_kg;
  gint64      capacity_kg;
} Fill;

static GtkWidget *
gauge_new (const char *title,
           gint64      stock_kg,
           gint64      capacity_kg)
{
  GrGauge *gauge = GR_GAUGE (gr_gauge_new ());

  gr_gauge_set_title (gauge, title);
  gr_gauge_set_unit (gauge, C_("unit", "t"));
  gr_gauge_set_capacity (gauge, capacity_kg / 1000.0);
  gr_gauge_set_value (gauge, stock_kg / 1000.0);
  return GTK_WIDGET (gauge);
}

static void
update_capacity (GrStockPage *self)
{
  GrStockSnapshot *snap = self->snapshot;
  Fill fullest[N_FULLEST] = { { 0 } };
  g_autofree char *subtitle = NULL;
  const char *scope = _("All depots");
  gint64 stock = 0, capacity = 0;
  int enterprise = -1, depot = -1;
  GtkWidget *child;
  guint n_places = 0;

  if (self->filter.enterprise != NULL)
    enterprise = gr_stock_snapshot_find (snap, GR_STOCK_LEVEL_ENTERPRISE, self->filter.enterprise);
  if (self->filter.depot != NULL)
    depot = gr_stock_snapshot_find (snap, GR_STOCK_LEVEL_DEPOT, self->filter.depot);

  if (depot >= 0)
    {
      /* One depot: the fullest of its bins. */
      scope = gr_stock_snapshot_get_depot (snap, depot)->name;
      for (guint i = 0; i < gr_stock_snapshot_get_n (snap, GR_STOCK_LEVEL_BIN); i++)
        {
          const GrStockBin *b = gr_stock_snapshot_get_bin (snap, i);
          Fill fill = { b->code, b->stock_kg, b->capacity_kg };

          if (b->depot != (guint) depot)
            continue;
          stock += b->stock_kg;
          capacity += MAX (b->capacity_kg, 0);
          n_places++;
          for (guint k = 0; k < N_FULLEST && fill.capacity_kg > 0; k++)
            if (fullest[k].name == NULL ||
                (double) fill.stock_kg * fullest[k].capacity_kg > (double) fullest[k].stock_kg * fill.capacity_kg)
              {
                Fill moved = fullest[k];

                fullest[k] = fill;
                fill = moved;
              }
        }
    }
  else
    {
      if (enterprise >= 0)
        scope = gr_stock_snapshot_get_enterprise (snap, enterprise)->name;
      for (guint i = 0; i < gr_stock_snapshot_get_n (snap, GR_STOCK_LEVEL_DEPOT); i++)
        {
          const GrStockDepot *d = gr_stock_snapshot_get_depot (snap, i);
          Fill fill = { d->name, d->stock_kg, d->capacity_kg };

          if (enterprise >= 0 && d->enterprise != (guint) enterprise)
            continue;
          stock += d->stock_kg;
          capacity += d->capacity_kg;
          n_places++;
          for (guint k = 0; k < N_FULLEST && fill.capacity_kg > 0; k++)
            if (fullest[k].name == NULL ||
                (double) fill.stock_kg * fullest[k].capacity_kg > (double) fullest[k].stock_kg * fill.capacity_kg)
              {
                Fill moved = fullest[k];

                fullest[k] = fill;
                fill = moved;
              }
        }
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->gauges_box))) != NULL)
    gtk_box_remove (self->gauges_box, child);
  /* The total on top, the fullest places side by side under it: the
   * card stays as low as the chart beside it. */
  /* TRANSLATORS: the first gauge of capacity use: everything in view, 合计 */
  gtk_box_append (self->gauges_box, gauge_new (_("Total"), stock, capacity));
  if (n_places > 1 && fullest[0].name != NULL)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);

      gtk_box_set_homogeneous (GTK_BOX (row), TRUE);
      for (guint k = 0; k < N_FULLEST; k++)
        if (fullest[k].name != NULL)
          gtk_box_append (GTK_BOX (row), gauge_new (fullest[k].name, fullest[k].stock_kg, fullest[k].capacity_kg));
      gtk_box_append (self->gauges_box, row);
    }

  /* TRANSLATORS: subtitle of the capacity card: scope → "全部库点 · 最满的库点" */
  subtitle = g_strdup_printf (depot >= 0 ? _("%s · the fullest bins") : _("%s · the fullest depots"), scope);
  gr_chart_frame_set_subtitle (self->capacity_frame, subtitle);
}

static void
update_charts (GrStockPage *self)
{
  if (self->snapshot == NULL)
    return;
  update_variety_chart (self);
  update_capacity (self);
}

/*
 * Loading and filtering
 */

static void
update_totals (GrStockPage *self)
{
  Level *lv = &self->levels[self->level];
  g_autofree char *count = NULL;
  g_autofree char *number = NULL;
  g_autofree char *tonnes = NULL;
  g_autofree char *text = NULL;
  guint n = 0;
  gint64 kg = 0;

  /* The same test as the filter model's, over plain C structs: the
   * figures are right at once, while the view may still be filtering. */
  for (guint i = 0; lv->rows != NULL && self->matcher != NULL && i < lv->rows->len; i++)
    {
      GrStockRow *row = lv->rows->pdata[i];

      if (gr_stock_row_matches (row, self->matcher))
        {
          n++;
          kg += gr_stock_row_get_stock_kg (row);
        }
    }
  self->n_rows = n;
  self->total_kg = kg;

  number = gr_format_thousands (n);
  switch (self->level)
    {
    case GR_STOCK_LEVEL_ENTERPRISE:
      /* TRANSLATORS: the count in the totals line of the stock table: "4 家企业" */
      count = g_strdup_printf (ngettext ("%s enterprise", "%s enterprises", n), number);
      break;
    case GR_STOCK_LEVEL_DEPOT:
      /* TRANSLATORS: "21 个库点" */
      count = g_strdup_printf (ngettext ("%s depot", "%s depots", n), number);
      break;
    case GR_STOCK_LEVEL_BIN:
      /* TRANSLATORS: "65 个仓房" */
      count = g_strdup_printf (ngettext ("%s bin", "%s bins", n), number);
      break;
    case GR_STOCK_LEVEL_LOT:
    case GR_STOCK_N_LEVELS:
    default:
      /* TRANSLATORS: "52 个货位" */
      count = g_strdup_printf (ngettext ("%s lot", "%s lots", n), number);
      break;
    }
  tonnes = gr_format_tonnes (kg);
  /* TRANSLATORS: the totals line under the stock table: rows, stock → "52 个货位 · 结存合计 123,456 吨" */
  text = g_strdup_printf (_("%s · stock %s"), count, tonnes);
  gtk_label_set_label (self->totals_label, text);
}

/* Whether a level's rows must be built again for the page's snapshot
 * and filter (the lot level's never: its rows come with the snapshot). */
static gboolean
needs_rebuild (GrStockPage  *self,
               GrStockLevel  level)
{
  Level *lv = &self->levels[level];

  if (level == GR_STOCK_LEVEL_LOT || self->snapshot == NULL)
    return FALSE;
  return lv->rows == NULL || lv->built_from != self->snapshot || !same_lot_attributes (&lv->built_for, &self->filter);
}

static void
rebuild_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GrStockPage *self = GR_STOCK_PAGE (object);
  g_autoptr(Rows) r = NULL;
  g_autoptr(GError) error = NULL;

  r = g_task_propagate_pointer (G_TASK (result), &error);
  /* Cancelled after the worker was done too: the page may be gone. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  self->rebuilding = FALSE;
  notify_busy (self);
  if (r == NULL || self->snapshot == NULL)
    return;
  set_rows (self, r->level, r->rows, r->store, &r->filter);
  if (r->level == self->level)
    update_totals (self);
}

static void
rebuild_rows (GrStockPage  *self,
              GrStockLevel  level)
{
  g_autoptr(GTask) task = NULL;
  RebuildData *d;

  g_cancellable_cancel (self->rows_cancellable);
  g_clear_object (&self->rows_cancellable);
  self->rows_cancellable = g_cancellable_new ();

  d = g_new0 (RebuildData, 1);
  d->matcher = gr_stock_matcher_ref (self->matcher);
  d->level = level;
  task = g_task_new (self, self->rows_cancellable, rebuild_done_cb, NULL);
  g_task_set_source_tag (task, rebuild_rows);
  g_task_set_task_data (task, d, rebuild_data_free);
  g_task_run_in_thread (task, rebuild_worker);
  self->rebuilding = TRUE;
  notify_busy (self);
}

/* Brings the shown level's table up to the page's filter. */
static void
refresh_level (GrStockPage *self,
               gboolean     rows_may_change,
               gboolean     lots_filtered)
{
  if (rows_may_change && needs_rebuild (self, self->level))
    {
      /* The table shows the old rows, then the new, in one change. */
      rebuild_rows (self, self->level);
      return;
    }
  if (self->level == GR_STOCK_LEVEL_LOT && lots_filtered)
    return;
  if (self->levels[self->level].rows != NULL)
    refilter (self, self->level);
}

/* lots_filtered: the lot table shows what the filter keeps already (its
 * rows were read again in place, and none changed sides). */
static void
apply_filter_full (GrStockPage *self,
                   gboolean     rows_may_change,
                   gboolean     lots_filtered)
{
  if (self->snapshot == NULL)
    return;

  g_clear_pointer (&self->matcher, gr_stock_matcher_unref);
  self->matcher = gr_stock_matcher_new (self->snapshot, &self->filter);

  /* Hidden levels catch up when shown. */
  for (guint l = 0; l < GR_STOCK_N_LEVELS; l++)
    if (l != self->level && !(l == GR_STOCK_LEVEL_LOT && lots_filtered))
      self->levels[l].stale = TRUE;
  refresh_level (self, rows_may_change, lots_filtered);
  update_totals (self);
  update_filter_controls (self);
  notify_busy (self);
}

/* After any change of the filter. */
static void
apply_filter (GrStockPage *self,
              gboolean     rows_may_change)
{
  apply_filter_full (self, rows_may_change, FALSE);
}

/* The filter changed for a level about to be shown (a row led there):
 * the level shown now need not catch up first. */
static void
filter_changed_elsewhere (GrStockPage *self)
{
  if (self->snapshot == NULL)
    return;
  g_clear_pointer (&self->matcher, gr_stock_matcher_unref);
  self->matcher = gr_stock_matcher_new (self->snapshot, &self->filter);
  for (guint l = 0; l < GR_STOCK_N_LEVELS; l++)
    self->levels[l].stale = TRUE;
  update_filter_controls (self);
}

static gboolean
row_visible (gpointer item,
             gpointer user_data)
{
  GrStockPage *self = user_data;

  return self->matcher != NULL && gr_stock_row_matches (item, self->matcher);
}

static void
show_level (GrStockPage  *self,
            GrStockLevel  level)
{
  GrStockLevel old = self->level;
  Level *lv = &self->levels[level];

  self->level = level;
  gtk_stack_set_visible_child_name (self->tables, level_names[level]);
  /* The table left behind stops following its models. */
  gr_paced_model_set_frozen (self->levels[old].paced, TRUE);
  if (lv->stale && !needs_rebuild (self, level) && lv->rows != NULL)
    refilter (self, level);
  gr_paced_model_set_frozen (lv->paced, FALSE);
  if (needs_rebuild (self, level))
    rebuild_rows (self, level);
  update_totals (self);
}

static void
open_pending_lot (GrStockPage *self)
{
  g_autofree char *lot = g_steal_pointer (&self->pending_lot);

  if (lot != NULL)
    gr_stock_page_open_lot (self, lot);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GrStockPage *self = GR_STOCK_PAGE (object);
  g_autoptr(Rows) r = NULL;
  g_autoptr(GError) error = NULL;
  gboolean first = self->snapshot == NULL;
  gboolean kept;

  r = gr_store_task_run_finish (result, &error);
  if (is_cancelled (error))
    return;
  self->loading = FALSE;
  notify_busy (self);
  if (self->load_again)
    {
      self->load_again = FALSE;
      gr_stock_page_reload (self);
      return;
    }
  if (r == NULL)
    {
      show_error (self, error);
      return;
    }

  drop_in_worker (g_steal_pointer (&self->snapshot), (GDestroyNotify) gr_stock_snapshot_unref);
  self->snapshot = g_steal_pointer (&r->snapshot);
  g_clear_pointer (&self->depot_ids, g_ptr_array_unref);
  g_clear_pointer (&self->matcher, gr_stock_matcher_unref);
  self->matcher = gr_stock_matcher_new (self->snapshot, &self->filter);

  fill_controls (self);
  update_charts (self);
  /* The lot rows come with the snapshot; the level shown, if another,
   * was built in the same worker. The other levels wait to be shown. */
  kept = keep_lots (self, r);
  if (!kept)
    {
      g_clear_object (&self->lot_store);
      self->lot_store = r->lot_store ? g_steal_pointer (&r->lot_store) : store_of (r->lot_rows);
      set_rows (self, GR_STOCK_LEVEL_LOT, r->lot_rows, self->lot_store, &r->filter);
    }
  if (r->level != GR_STOCK_LEVEL_LOT && r->level == self->level && r->rows != NULL)
    set_rows (self, r->level, r->rows, r->store, &r->filter);
  apply_filter_full (self, TRUE, kept && !r->kept_moved && gr_stock_filter_equal (&r->filter, &self->filter));

  {
    g_autofree char *date = gr_format_iso_date (gr_stock_snapshot_get_as_of (self->snapshot));
    g_autofree char *text = g_strdup_printf (_("As of %s"), date);

    gtk_label_set_label (self->as_of_label, text);
  }

  if (gr_stock_snapshot_get_n (self->snapshot, GR_STOCK_LEVEL_ENTERPRISE) == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "lot") != 0)
    gtk_stack_set_visible_child_name (self->stack, "ledger");
  open_pending_lot (self);

  if (first && g_getenv ("GRANARY_BENCH") != NULL && !gr_bench_pages () && !self->bench_started)
    {
      self->bench_started = TRUE;
      gr_stock_bench_start (self);
    }
}

static void
load (GrStockPage *self)
{
  LoadData *d;

  if (self->db_path == NULL)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->needs_load = TRUE;
      return;
    }
  self->needs_load = FALSE;
  if (self->loading)
    {
      self->load_again = TRUE;
      return;
    }

  d = g_new0 (LoadData, 1);
  d->as_of = g_strdup (self->as_of);
  gr_stock_filter_copy (&self->filter, &d->filter);
  d->level = self->level;
  d->lot_sort = self->lot_sort;
  d->lot_descending = self->lot_descending;
  if (self->levels[GR_STOCK_LEVEL_LOT].rows != NULL && self->lot_store != NULL)
    d->old_lots = g_ptr_array_ref (self->levels[GR_STOCK_LEVEL_LOT].rows);
  self->loading = TRUE;
  if (self->snapshot == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  notify_busy (self);
  gr_store_task_run_async (self, self->db_path, load_worker, d, load_data_free, rows_free,
                           NULL, NULL, self->cancellable, load_done_cb, NULL);
}

/*
 * Callbacks
 */

static void
enterprise_selected_cb (GrStockPage *self)
{
  guint position = gtk_drop_down_get_selected (self->enterprise_dropdown);
  const char *id = position > 0 && self->enterprise_ids && position <= self->enterprise_ids->len
                   ? self->enterprise_ids->pdata[position - 1] : NULL;

  if (self->updating_controls || g_strcmp0 (id, self->filter.enterprise) == 0)
    return;
  g_free (self->filter.enterprise);
  self->filter.enterprise = g_strdup (id);
  /* A depot or bin of another enterprise would leave nothing to show. */
  g_clear_pointer (&self->filter.depot, g_free);
  g_clear_pointer (&self->filter.bin, g_free);
  sync_controls (self);
  update_charts (self);
  apply_filter (self, TRUE);
}

static void
depot_selected_cb (GrStockPage *self)
{
  guint position = gtk_drop_down_get_selected (self->depot_dropdown);
  const char *id = position > 0 && self->depot_ids && position <= self->depot_ids->len
                   ? self->depot_ids->pdata[position - 1] : NULL;

  if (self->updating_controls || g_strcmp0 (id, self->filter.depot) == 0)
    return;
  g_free (self->filter.depot);
  self->filter.depot = g_strdup (id);
  g_clear_pointer (&self->filter.bin, g_free);
  update_charts (self);
  apply_filter (self, TRUE);
}

static void
attribute_selected_cb (GrStockPage *self)
{
  guint variety = gtk_drop_down_get_selected (self->variety_dropdown);
  guint year = gtk_drop_down_get_selected (self->year_dropdown);
  guint quality = gtk_drop_down_get_selected (self->quality_dropdown);
  guint mode = gtk_drop_down_get_selected (self->mode_dropdown);
  static const char * const qualities[] = { NULL, "suitable", "slightly_unsuitable", "severely_unsuitable" };

  if (self->updating_controls || self->snapshot == NULL)
    return;

  g_free (self->filter.variety);
  self->filter.variety = variety > 0 && self->variety_codes && variety <= self->variety_codes->len
                         ? g_strdup (self->variety_codes->pdata[variety - 1]) : NULL;
  self->filter.grade = grade_value (gtk_drop_down_get_selected (self->grade_dropdown));
  self->filter.year = year > 0 && self->years && year <= self->years->len ? g_array_index (self->years, int, year - 1) : 0;
  g_free (self->filter.storage_quality);
  self->filter.storage_quality = g_strdup (quality < G_N_ELEMENTS (qualities) ? qualities[quality] : NULL);
  g_free (self->filter.rotation_mode);
  self->filter.rotation_mode = mode > 0 && mode <= 3 ? g_strdup (gr_rotation_mode_names[mode - 1]) : NULL;
  self->filter.age_band = (int) gtk_drop_down_get_selected (self->age_dropdown) - 1;
  if (self->filter.age_band >= GR_STOCK_N_AGE_BANDS)
    self->filter.age_band = -1;
  self->filter.include_empty = gtk_switch_get_active (self->empty_switch);
  apply_filter (self, TRUE);
}

static void
search_changed_cb (GrStockPage    *self,
                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (self->updating_controls || g_strcmp0 (text, self->filter.search ? self->filter.search : "") == 0)
    return;
  g_free (self->filter.search);
  self->filter.search = *text ? g_strdup (text) : NULL;
  /* Search narrows rows, never the figures: no rebuild. */
  apply_filter (self, FALSE);
}

static void
row_activated_cb (GtkColumnView *table,
                  guint          position,
                  GrStockPage   *self)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (table));
  g_autoptr(GrStockRow) row = model ? g_list_model_get_item (model, position) : NULL;
  const char *id;

  if (row == NULL)
    return;
  id = gr_stock_row_get_id (row);
  /* One level down, narrowed to the record. */
  switch (gr_stock_row_get_level (row))
    {
    case GR_STOCK_LEVEL_ENTERPRISE:
      g_free (self->filter.enterprise);
      self->filter.enterprise = g_strdup (id);
      g_clear_pointer (&self->filter.depot, g_free);
      g_clear_pointer (&self->filter.bin, g_free);
      sync_controls (self);
      update_charts (self);
      filter_changed_elsewhere (self);
      gr_stock_page_set_level (self, GR_STOCK_LEVEL_DEPOT);
      break;
    case GR_STOCK_LEVEL_DEPOT:
      g_free (self->filter.depot);
      self->filter.depot = g_strdup (id);
      g_clear_pointer (&self->filter.bin, g_free);
      sync_controls (self);
      update_charts (self);
      filter_changed_elsewhere (self);
      gr_stock_page_set_level (self, GR_STOCK_LEVEL_BIN);
      break;
    case GR_STOCK_LEVEL_BIN:
      g_free (self->filter.bin);
      self->filter.bin = g_strdup (id);
      filter_changed_elsewhere (self);
      gr_stock_page_set_level (self, GR_STOCK_LEVEL_LOT);
      break;
    case GR_STOCK_LEVEL_LOT:
    case GR_STOCK_N_LEVELS:
    default:
      gr_stock_page_open_lot (self, id);
      break;
    }
}

static void
variety_activated_cb (GrStockPage *self,
                      int          series,
                      int          index,
                      GrChart     *chart)
{
  g_autoptr(GArray) totals = NULL;
  int enterprise = -1;

  if (self->snapshot == NULL || index < 0)
    return;
  if (self->filter.enterprise != NULL)
    enterprise = gr_stock_snapshot_find (self->snapshot, GR_STOCK_LEVEL_ENTERPRISE, self->filter.enterprise);
  totals = gr_stock_snapshot_variety_totals (self->snapshot, enterprise);
  if ((guint) index >= totals->len)
    return;
  g_free (self->filter.variety);
  self->filter.variety = g_strdup (g_array_index (totals, GrStockVarietyTotal, index).variety);
  sync_controls (self);
  apply_filter (self, TRUE);
}

static void
model_pending_cb (GrStockPage *self)
{
  notify_busy (self);
}

static void
movement_recorded_cb (GrStockPage      *self,
                      const char       *id,
                      const char       *summary,
                      GrMovementDialog *dialog)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GR_IS_WINDOW (root))
    {
      gr_window_add_toast (GR_WINDOW (root), summary);
      /* The Overview's figures change too; the window reloads this page. */
      gr_window_reload (GR_WINDOW (root));
    }
  else
    gr_stock_page_reload (self);
  gr_lot_view_load (self->lot_view, self->db_path, gr_lot_view_get_lot (self->lot_view), self->as_of);
}

/*
 * Actions
 */

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  GrStockPage *self = GR_STOCK_PAGE (widget);

  gtk_stack_set_visible_child_name (self->stack, "ledger");
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  GrStockPage *self = GR_STOCK_PAGE (widget);

  gr_stock_filter_clear (&self->filter);
  sync_controls (self);
  update_charts (self);
  apply_filter (self, TRUE);
}

static void
clear_place_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  GrStockPage *self = GR_STOCK_PAGE (widget);

  g_clear_pointer (&self->filter.bin, g_free);
  apply_filter (self, TRUE);
}

static void
record_movement_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  GrStockPage *self = GR_STOCK_PAGE (widget);
  const GrLotDetail *detail = gr_lot_view_get_detail (self->lot_view);
  GtkRoot *root = gtk_widget_get_root (widget);
  GrMovementDialog *dialog;

  if (detail == NULL || self->db_path == NULL)
    return;
  dialog = gr_movement_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   self->db_path, detail, self->as_of);
  g_signal_connect_object (dialog, "recorded", G_CALLBACK (movement_recorded_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/*
 * GObject overrides
 */

static void
gr_stock_page_map (GtkWidget *widget)
{
  GrStockPage *self = GR_STOCK_PAGE (widget);

  GTK_WIDGET_CLASS (gr_stock_page_parent_class)->map (widget);

  /* Read when first shown, not at start-up: the Overview comes first. */
  if (self->needs_load)
    load (self);
}

static void
gr_stock_page_dispose (GObject *object)
{
  GrStockPage *self = GR_STOCK_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->rows_cancellable);
  g_cancellable_cancel (self->sort_cancellable);
  for (guint l = 0; l < GR_STOCK_N_LEVELS; l++)
    if (self->levels[l].filter != NULL)
      gtk_custom_filter_set_filter_func (self->levels[l].filter, NULL, NULL, NULL);

  /* The stack is both the bin's child and a bound template child: let
   * the bin drop it first, or both would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GR_TYPE_STOCK_PAGE);

  G_OBJECT_CLASS (gr_stock_page_parent_class)->dispose (object);
}

static void
gr_stock_page_finalize (GObject *object)
{
  GrStockPage *self = GR_STOCK_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->rows_cancellable);
  g_clear_object (&self->sort_cancellable);
  g_clear_pointer (&self->matcher, gr_stock_matcher_unref);
  for (guint l = 0; l < GR_STOCK_N_LEVELS; l++)
    {
      g_clear_pointer (&self->levels[l].rows, g_ptr_array_unref);
      gr_stock_filter_clear (&self->levels[l].built_for);
    }
  g_clear_object (&self->lot_store);
  g_clear_pointer (&self->lot_cells_bound, g_hash_table_unref);
  g_clear_pointer (&self->snapshot, gr_stock_snapshot_unref);
  g_clear_pointer (&self->enterprise_ids, g_ptr_array_unref);
  g_clear_pointer (&self->depot_ids, g_ptr_array_unref);
  g_clear_pointer (&self->variety_codes, g_ptr_array_unref);
  g_clear_pointer (&self->years, g_array_unref);
  gr_stock_filter_clear (&self->filter);
  g_free (self->db_path);
  g_free (self->as_of);
  g_free (self->pending_lot);

  G_OBJECT_CLASS (gr_stock_page_parent_class)->finalize (object);
}

static void
gr_stock_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GrStockPage *self = GR_STOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, gr_stock_page_get_busy (self));
      break;

    case PROP_LEVEL:
      g_value_set_string (value, level_names[self->level]);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_stock_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GrStockPage *self = GR_STOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_LEVEL:
      for (guint i = 0; level_names[i] != NULL; i++)
        if (g_strcmp0 (level_names[i], g_value_get_string (value)) == 0)
          gr_stock_page_set_level (self, (GrStockLevel) i);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bind_level (GtkWidgetClass *widget_class,
            GrStockLevel    level)
{
  static const struct {
    const char *suffix;
    gsize       offset;
  } parts[] = {
    { "scroller",     G_STRUCT_OFFSET (Level, scroller) },
    { "table",        G_STRUCT_OFFSET (Level, table) },
    { "selection",    G_STRUCT_OFFSET (Level, selection) },
    { "paced",        G_STRUCT_OFFSET (Level, paced) },
    { "filter_model", G_STRUCT_OFFSET (Level, filter_model) },
    { "filter",       G_STRUCT_OFFSET (Level, filter) },
    { "sort",         G_STRUCT_OFFSET (Level, sort) },
    { "stock_column", G_STRUCT_OFFSET (Level, stock_column) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s_%s", level_names[level], parts[i].suffix);

      /* The lot table has no sort model (see "The lot table's order"). */
      if (level == GR_STOCK_LEVEL_LOT && g_str_equal (parts[i].suffix, "sort"))
        continue;
      gtk_widget_class_bind_template_child_full (widget_class, name, FALSE,
                                                 G_STRUCT_OFFSET (GrStockPage, levels) +
                                                 level * sizeof (Level) + parts[i].offset);
    }
}

static void
gr_stock_page_class_init (GrStockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gr_stock_page_dispose;
  object_class->finalize = gr_stock_page_finalize;
  object_class->get_property = gr_stock_page_get_property;
  object_class->set_property = gr_stock_page_set_property;

  widget_class->map = gr_stock_page_map;

  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_LEVEL] =
    g_param_spec_string ("level", NULL, NULL, "lot",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gr_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/gr-stock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GrStockPage, age_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrStockPage, as_of_label);
  gtk_widget_class_bind_template_child (widget_class, GrStockPage, depot_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrStockPage, empty_switch);
  gtk_widget_class_bind_template_child (widget_class, GrStockPage, enterprise_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrStockPage, filters_label);
  gtk_widget_class_bind_template_child (widget_class, GrStockPage, grade_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrStockPage, lot_view);
  gtk_widget_class_bind_template_child (widget_class, GrStockPage, mode_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrStockPage, place_button);
  gtk_widget_class_bind_template_child (widget_class, GrStockPage, place_label);
  gtk_widget_class_bind_template_child (widget_class, GrStockPage, quality_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrStockPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GrStockPage, stack);
  gtk_widget_class_bind_template_child (widget_class, GrStockPage, summary_box);
  gtk_widget_class_bind_template_child (widget_class, GrStockPage, tables);
  gtk_widget_class_bind_template_child (widget_class, GrStockPage, totals_label);
  gtk_widget_class_bind_template_child (widget_class, GrStockPage, variety_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrStockPage, year_dropdown);
  for (guint l = 0; l < GR_STOCK_N_LEVELS; l++)
    bind_level (widget_class, l);

  gtk_widget_class_install_property_action (widget_class, "stock.level", "level");
  gtk_widget_class_install_action (widget_class, "stock.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "stock.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "stock.clear-place", NULL, clear_place_action);
  gtk_widget_class_install_action (widget_class, "stock.record-movement", NULL, record_movement_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "stock.back", NULL);

  g_type_ensure (GR_TYPE_LOT_VIEW);
  g_type_ensure (GR_TYPE_PACED_MODEL);
  g_type_ensure (GR_TYPE_STOCK_ROW);
}

static void
gr_stock_page_init (GrStockPage *self)
{
  GtkWidget *chart;
  GtkWidget *clamp;
  GtkWidget *box;

  gr_charts_init ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->level = GR_STOCK_LEVEL_LOT;
  self->lot_sort = GR_STOCK_SORT_STOCK;
  self->lot_descending = TRUE;
  gr_stock_filter_init (&self->filter);

  self->lot_cells_bound = g_hash_table_new (NULL, NULL);
  set_up_cells (self);
  set_up_lot_sorters (self);
  for (guint l = 0; l < GR_STOCK_N_LEVELS; l++)
    {
      Level *lv = &self->levels[l];

      gr_stock_filter_init (&lv->built_for);
      gtk_custom_filter_set_filter_func (lv->filter, row_visible, self, NULL);
      g_signal_connect_object (lv->filter_model, "notify::pending", G_CALLBACK (model_pending_cb), self, G_CONNECT_SWAPPED);
      if (lv->sort != NULL)
        g_signal_connect_object (lv->sort, "notify::pending", G_CALLBACK (model_pending_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (lv->paced, "notify::pending", G_CALLBACK (model_pending_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (lv->table, "activate", G_CALLBACK (row_activated_cb), self, 0);
      /* Each level opens with the largest stock first. */
      gtk_column_view_sort_by_column (lv->table, lv->stock_column, GTK_SORT_DESCENDING);
      /* Only the level shown follows its models (see "Changing what a table shows"). */
      gr_paced_model_set_frozen (lv->paced, l != self->level);
    }
  gtk_stack_set_visible_child_name (self->tables, level_names[self->level]);

  /* Stock against plan, per variety */
  chart = gr_chart_new_bars (GR_BAR_MODE_GROUPED, FALSE);
  self->variety_chart = GR_CHART (chart);
  gr_bar_layer_set_show_values (GR_BAR_LAYER (gr_chart_find_layer (self->variety_chart, GR_TYPE_BAR_LAYER)), FALSE);
  g_signal_connect_object (chart, "item-activated", G_CALLBACK (variety_activated_cb), self, G_CONNECT_SWAPPED);
  self->variety_frame = GR_CHART_FRAME (gr_chart_frame_new (_("Stock and Plan by Variety"), chart));
  gtk_widget_set_hexpand (GTK_WIDGET (self->variety_frame), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->variety_frame), -1, 240);
  gtk_box_append (self->summary_box, GTK_WIDGET (self->variety_frame));

  /* Capacity use */
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 16);
  self->gauges_box = GTK_BOX (box);
  gtk_widget_set_valign (box, GTK_ALIGN_START);
  self->capacity_frame = GR_CHART_FRAME (gr_chart_frame_new (_("Capacity Used"), box));
  /* At most this wide, whatever the names of the depots ask for: the
   * chart beside it takes the room. */
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 440);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 440);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->capacity_frame));
  gtk_widget_set_size_request (clamp, 380, -1);
  gtk_widget_set_hexpand (clamp, FALSE);
  gtk_box_append (self->summary_box, clamp);

  fill_static_controls (self);
  g_signal_connect_object (self->enterprise_dropdown, "notify::selected", G_CALLBACK (enterprise_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->depot_dropdown, "notify::selected", G_CALLBACK (depot_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->variety_dropdown, "notify::selected", G_CALLBACK (attribute_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->grade_dropdown, "notify::selected", G_CALLBACK (attribute_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->year_dropdown, "notify::selected", G_CALLBACK (attribute_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->quality_dropdown, "notify::selected", G_CALLBACK (attribute_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->mode_dropdown, "notify::selected", G_CALLBACK (attribute_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->age_dropdown, "notify::selected", G_CALLBACK (attribute_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->empty_switch, "notify::active", G_CALLBACK (attribute_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);

  update_filter_controls (self);
}

/*
 * Public API
 */

void
gr_stock_page_set_db_path (GrStockPage *self,
                           const char  *db_path)
{
  g_return_if_fail (GR_IS_STOCK_PAGE (self));

  if (g_strcmp0 (db_path, self->db_path) == 0)
    return;
  g_free (self->db_path);
  self->db_path = g_strdup (db_path);
  gr_stock_page_reload (self);
}

void
gr_stock_page_set_can_record (GrStockPage *self,
                              gboolean     can_record)
{
  g_return_if_fail (GR_IS_STOCK_PAGE (self));

  /* A role that may not write movements is not offered the dialog
   * (DESIGN.md §6); the server refuses them all the same. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stock.record-movement", can_record);
  gr_lot_view_set_can_record (self->lot_view, can_record);
}

void
gr_stock_page_set_as_of (GrStockPage *self,
                         const char  *as_of)
{
  g_return_if_fail (GR_IS_STOCK_PAGE (self));

  g_free (self->as_of);
  self->as_of = g_strdup (as_of);
}

const char *
gr_stock_page_get_as_of (GrStockPage *self)
{
  g_return_val_if_fail (GR_IS_STOCK_PAGE (self), NULL);

  if (self->as_of == NULL && self->snapshot != NULL)
    return gr_stock_snapshot_get_as_of (self->snapshot);
  return self->as_of;
}

void
gr_stock_page_reload (GrStockPage *self)
{
  g_return_if_fail (GR_IS_STOCK_PAGE (self));

  self->needs_load = TRUE;
  load (self);
}

gboolean
gr_stock_page_show (GrStockPage  *self,
                    const char   *text,
                    GError      **error)
{
  GrStockFilter filter;
  GrStockLevel level = self->level;
  g_autofree char *lot = NULL;

  g_return_val_if_fail (GR_IS_STOCK_PAGE (self), FALSE);

  gr_stock_filter_init (&filter);
  if (!gr_stock_filter_parse (text, &filter, &level, &lot, error))
    return FALSE;

  gtk_stack_set_visible_child_name (self->stack, self->snapshot ? "ledger" : "loading");
  gr_stock_filter_clear (&self->filter);
  self->filter = filter;
  if (lot != NULL)
    gr_stock_page_open_lot (self, lot);
  if (self->snapshot != NULL)
    {
      sync_controls (self);
      update_charts (self);
    }
  if (level != self->level)
    {
      filter_changed_elsewhere (self);
      gr_stock_page_set_level (self, level);
    }
  else
    apply_filter (self, TRUE);
  return TRUE;
}

void
gr_stock_page_open_lot (GrStockPage *self,
                        const char  *lot)
{
  g_return_if_fail (GR_IS_STOCK_PAGE (self));
  g_return_if_fail (lot != NULL);

  if (self->snapshot == NULL || self->db_path == NULL)
    {
      g_free (self->pending_lot);
      self->pending_lot = g_strdup (lot);
      return;
    }
  gr_lot_view_load (self->lot_view, self->db_path, lot, self->as_of);
  gtk_stack_set_visible_child_name (self->stack, "lot");
}

GrStockLevel
gr_stock_page_get_level (GrStockPage *self)
{
  g_return_val_if_fail (GR_IS_STOCK_PAGE (self), GR_STOCK_LEVEL_LOT);
  return self->level;
}

void
gr_stock_page_set_level (GrStockPage  *self,
                         GrStockLevel  level)
{
  g_return_if_fail (GR_IS_STOCK_PAGE (self));
  g_return_if_fail (level < GR_STOCK_N_LEVELS);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "lot") == 0)
    gtk_stack_set_visible_child_name (self->stack, "ledger");
  if (level == self->level)
    {
      apply_filter (self, TRUE);
      return;
    }
  show_level (self, level);
  update_filter_controls (self);
  notify_busy (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LEVEL]);
}

const GrStockFilter *
gr_stock_page_get_filter (GrStockPage *self)
{
  g_return_val_if_fail (GR_IS_STOCK_PAGE (self), NULL);
  return &self->filter;
}

gboolean
gr_stock_page_get_busy (GrStockPage *self)
{
  Level *lv;

  g_return_val_if_fail (GR_IS_STOCK_PAGE (self), FALSE);

  /* Asked while the template is still being built, too. */
  lv = &self->levels[self->level];
  if (lv->filter_model == NULL || self->lot_view == NULL)
    return FALSE;
  return self->loading || self->rebuilding || self->sorting || (self->needs_load && self->db_path != NULL) ||
         gr_paced_model_get_pending (lv->paced) ||
         gtk_filter_list_model_get_pending (lv->filter_model) > 0 ||
         (lv->sort != NULL && gtk_sort_list_model_get_pending (lv->sort) > 0) ||
         gr_lot_view_get_busy (self->lot_view);
}

const char *
gr_stock_page_get_view (GrStockPage *self)
{
  g_return_val_if_fail (GR_IS_STOCK_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

GrStockSnapshot *
gr_stock_page_get_snapshot (GrStockPage *self)
{
  g_return_val_if_fail (GR_IS_STOCK_PAGE (self), NULL);
  return self->snapshot;
}

GtkColumnView *
gr_stock_page_get_table (GrStockPage *self)
{
  g_return_val_if_fail (GR_IS_STOCK_PAGE (self), NULL);
  return self->levels[self->level].table;
}

GListModel *
gr_stock_page_get_model (GrStockPage *self)
{
  g_return_val_if_fail (GR_IS_STOCK_PAGE (self), NULL);
  return G_LIST_MODEL (self->levels[self->level].selection);
}

GtkScrolledWindow *
gr_stock_page_get_scroller (GrStockPage *self)
{
  g_return_val_if_fail (GR_IS_STOCK_PAGE (self), NULL);
  return self->levels[self->level].scroller;
}

guint
gr_stock_page_get_n_rows (GrStockPage *self)
{
  g_return_val_if_fail (GR_IS_STOCK_PAGE (self), 0);
  return self->n_rows;
}

gint64
gr_stock_page_get_total_kg (GrStockPage *self)
{
  g_return_val_if_fail (GR_IS_STOCK_PAGE (self), 0);
  return self->total_kg;
}

GtkWidget *
gr_stock_page_get_lot_view (GrStockPage *self)
{
  g_return_val_if_fail (GR_IS_STOCK_PAGE (self), NULL);
  return GTK_WIDGET (self->lot_view);
}

GtkWidget *
gr_stock_page_get_variety_chart (GrStockPage *self)
{
  g_return_val_if_fail (GR_IS_STOCK_PAGE (self), NULL);
  return GTK_WIDGET (self->variety_chart);
}
