/* gr-reports-page.c
 *
 * The preview is the document itself: a worker builds the report and
 * its GrDocTable, the page shows each section of the table in a column
 * view, and export and printing write that same table, so what is
 * previewed is what is filed, exported and printed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-reports-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gr-doc-cards.h"
#include "gr-doc-paper.h"
#include "gr-doc-reports.h"
#include "gr-format.h"
#include "gr-kpi-tile.h"
#include "gr-profile.h"
#include "gr-report-monthly.h"
#include "gr-report-subsidy.h"
#include "gr-reports-page.h"
#include "gr-resources.h"
#include "gr-store-task.h"
#include "gr-string-list.h"
#include "gr-window.h"

/* A row of a preview table: its cells as shown. */
#define GR_TYPE_REPORTS_ROW (gr_reports_row_get_type ())
G_DECLARE_FINAL_TYPE (GrReportsRow, gr_reports_row, GR, REPORTS_ROW, GObject)

struct _GrReportsRow {
  GObject   parent_instance;
  char    **cells;
  gboolean  totals;
};

G_DEFINE_FINAL_TYPE (GrReportsRow, gr_reports_row, G_TYPE_OBJECT)

static void
gr_reports_row_finalize (GObject *object)
{
  g_strfreev (GR_REPORTS_ROW (object)->cells);
  G_OBJECT_CLASS (gr_reports_row_parent_class)->finalize (object);
}

static void
gr_reports_row_class_init (GrReportsRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gr_reports_row_finalize;
}

static void
gr_reports_row_init (GrReportsRow *self)
{
}

/* What a worker reads or writes: plain data, nothing of GTK. */
typedef struct {
  GrReportKind  kind;
  char         *enterprise;   /* NULL: the first one (monthly) or all (subsidy) */
  char         *period;
  char         *today;
  GrDocFormat   format;       /* export */
  char         *path;         /* export */
  char         *depot;        /* cards */
} Request;

static void
request_free (Request *request)
{
  g_free (request->enterprise);
  g_free (request->period);
  g_free (request->today);
  g_free (request->path);
  g_free (request->depot);
  g_free (request);
}

typedef struct {
  GPtrArray   *enterprise_ids;
  GPtrArray   *enterprise_names;
  GPtrArray   *depot_ids;       /* of the chosen enterprise, for cards */
  GPtrArray   *depot_names;
  char        *enterprise;      /* the one shown */
  GrDocTable  *table;
  GPtrArray   *rows;            /* per section, GPtrArray of GrReportsRow: the preview's */
  char        *filed_on;
  char        *due_on;
  int          working_days;
  guint        n_late;
  gboolean     any_rate;
  guint        days;
  guint        days_in_year;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->enterprise_ids, g_ptr_array_unref);
  g_clear_pointer (&loaded->enterprise_names, g_ptr_array_unref);
  g_clear_pointer (&loaded->depot_ids, g_ptr_array_unref);
  g_clear_pointer (&loaded->depot_names, g_ptr_array_unref);
  g_clear_pointer (&loaded->table, gr_doc_table_free);
  g_clear_pointer (&loaded->rows, g_ptr_array_unref);
  g_free (loaded->enterprise);
  g_free (loaded->filed_on);
  g_free (loaded->due_on);
  g_free (loaded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

struct _GrReportsPage {
  AdwBin              parent_instance;

  /* Template widgets */
  GtkMenuButton      *cards_button;
  GtkDropDown        *enterprise_dropdown;
  GtkMenuButton      *export_button;
  GtkButton          *file_button;
  GtkDropDown        *kind_dropdown;
  AdwStatusPage      *message_page;
  GtkDropDown        *period_dropdown;
  GtkBox             *preview_box;
  GtkStack           *preview_stack;
  GtkProgressBar     *progress_bar;
  GtkLabel           *progress_label;
  GtkRevealer        *progress_revealer;
  GtkLabel           *status_label;

  /* Owned references */
  char               *db_path;
  GCancellable       *load_cancellable;
  GCancellable       *job_cancellable;    /* export, filing, cards */
  GPtrArray          *enterprise_ids;
  GPtrArray          *periods;
  GPtrArray          *views;              /* GtkColumnView per section */
  GPtrArray          *stores;             /* their GListStore of GrReportsRow */
  GPtrArray          *notes;              /* GtkLabel of the sections' notes, in order */
  GtkWidget          *title_label;
  GtkWidget          *tiles_box;
  GPtrArray          *pending_rows;       /* the rows of the tables, per section, while not all shown */
  guint               next_section;
  guint               sections_id;
  GtkStringList      *enterprise_names;   /* the drop-down's list, kept */
  GPtrArray          *card_depots;        /* the cards menu's: id, name, id, name … */
  GrDocTable         *table;
  char               *enterprise;
  char               *filed_on;
  char               *due_on;
  int                 working_days;
  GError             *export_error;
  GtkFileChooserNative *chooser;

  GrReportKind        kind;
  guint               n_loads;
  guint               n_exports;
  gboolean            updating;           /* dropdowns set in code: no reload */
  gboolean            loading;
  gboolean            can_file;
};

G_DEFINE_FINAL_TYPE (GrReportsPage, gr_reports_page, ADW_TYPE_BIN)

static void load (GrReportsPage *self);

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static GrWindow *
get_window (GrReportsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GR_IS_WINDOW (root) ? GR_WINDOW (root) : NULL;
}

static void
toast (GrReportsPage *self,
       const char    *text)
{
  GrWindow *window = get_window (self);

  if (window != NULL)
    gr_window_add_toast (window, text);
}

/*
 * Workers
 */

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static GrProfile *
load_profile (GrStore  *store,
              gboolean  required,
              GError  **error)
{
  g_autofree char *id = gr_store_get_meta (store, "profile");

  if (id == NULL)
    {
      if (required)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("The database has no regulation profile: choose one in the preferences"));
      return NULL;
    }
  return gr_profile_load (id, error);
}

static GrMonthlyReport *
build_monthly (GrStore     *store,
               Request     *request,
               GError     **error)
{
  g_autoptr(GrProfile) profile = NULL;
  g_autoptr(GError) local_error = NULL;
  GrMonthlyReport *report;

  profile = load_profile (store, FALSE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  report = gr_monthly_report_build (store, request->enterprise, request->period, request->today, error);
  if (report != NULL)
    gr_monthly_report_set_due (report, profile);
  return report;
}

static GrSubsidyStatement *
build_subsidy (GrStore  *store,
               Request  *request,
               GError  **error)
{
  g_autoptr(GrProfile) profile = load_profile (store, TRUE, error);
  int year = 0, month = 0;

  if (profile == NULL)
    return NULL;
  if (!gr_month_parse (request->period, &year, &month))
    {
      year = atoi (request->period);
      month = 0;
    }
  return gr_subsidy_compute (store, profile, year, month, error);
}

/* The document of the request, for the preview and for exports. */
static GrDocTable *
build_table (GrStore  *store,
             Request  *request,
             Loaded   *loaded,
             GError  **error)
{
  if (request->kind == GR_REPORT_MONTHLY)
    {
      g_autoptr(GrMonthlyReport) report = build_monthly (store, request, error);

      if (report == NULL)
        return NULL;
      if (loaded != NULL)
        {
          loaded->filed_on = g_strdup (report->filed_on);
          loaded->due_on = g_strdup (report->due_on);
          loaded->working_days = report->working_days;
          loaded->n_late = report->late->len;
        }
      return gr_doc_monthly_table (report, request->today);
    }
  else
    {
      g_autoptr(GrSubsidyStatement) statement = build_subsidy (store, request, error);

      if (statement == NULL)
        return NULL;
      if (loaded != NULL)
        {
          loaded->any_rate = statement->any_rate;
          loaded->days = statement->days;
          loaded->days_in_year = statement->days_in_year;
        }
      return gr_doc_subsidy_table (statement, store, request->enterprise, request->today, error);
    }
}

static GrReportsRow *
row_new (GrDocSection    *section,
         const GrDocCell *cells,
         gboolean         totals)
{
  GrReportsRow *row = g_object_new (GR_TYPE_REPORTS_ROW, NULL);

  row->cells = g_new0 (char *, section->n_columns + 1);
  for (guint c = 0; c < section->n_columns; c++)
    row->cells[c] = gr_doc_cell_display (&cells[c], section->kinds[c]);
  row->totals = totals;
  return row;
}

/* The rows of each section as the preview shows them, made here. */
static GPtrArray *
preview_rows (GrDocTable *table)
{
  GPtrArray *sections = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  for (guint s = 0; s < table->sections->len; s++)
    {
      GrDocSection *section = table->sections->pdata[s];
      GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint r = 0; r < section->rows->len; r++)
        g_ptr_array_add (rows, row_new (section, section->rows->pdata[r], FALSE));
      if (section->totals != NULL)
        g_ptr_array_add (rows, row_new (section, section->totals, TRUE));
      g_ptr_array_add (sections, rows);
    }
  return sections;
}

static gpointer
load_worker (GrStore         *store,
             gpointer         task_data,
             GrProgressFunc   progress,
             gpointer         progress_data,
             GCancellable    *cancellable,
             GError         **error)
{
  Request *request = task_data;
  g_autoptr(Loaded) loaded = g_new0 (Loaded, 1);
  g_autoptr(sqlite3_stmt) enterprises = NULL, depots = NULL;

  enterprises = gr_store_prepare (store, "SELECT id, name FROM enterprises WHERE deleted = 0 ORDER BY name, id", error);
  if (enterprises == NULL)
    return NULL;
  loaded->enterprise_ids = g_ptr_array_new_with_free_func (g_free);
  loaded->enterprise_names = g_ptr_array_new_with_free_func (g_free);
  while (sqlite3_step (enterprises) == SQLITE_ROW)
    {
      g_ptr_array_add (loaded->enterprise_ids, column_dup (enterprises, 0));
      g_ptr_array_add (loaded->enterprise_names, column_dup (enterprises, 1));
    }
  if (loaded->enterprise_ids->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The database holds no enterprise to report on"));
      return NULL;
    }
  /* The monthly report is an enterprise's; start with the first. */
  if (request->kind == GR_REPORT_MONTHLY && request->enterprise == NULL)
    request->enterprise = g_strdup (loaded->enterprise_ids->pdata[0]);
  loaded->enterprise = g_strdup (request->enterprise);

  depots = gr_store_prepare (store, "SELECT id, name FROM depots WHERE deleted = 0 AND (?1 IS NULL OR enterprise = ?1)"
                                    " ORDER BY name, id", error);
  if (depots == NULL)
    return NULL;
  sqlite3_bind_text (depots, 1, request->enterprise, -1, SQLITE_STATIC);
  loaded->depot_ids = g_ptr_array_new_with_free_func (g_free);
  loaded->depot_names = g_ptr_array_new_with_free_func (g_free);
  while (sqlite3_step (depots) == SQLITE_ROW)
    {
      g_ptr_array_add (loaded->depot_ids, column_dup (depots, 0));
      g_ptr_array_add (loaded->depot_names, column_dup (depots, 1));
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if ((loaded->table = build_table (store, request, loaded, error)) == NULL)
    return NULL;
  loaded->rows = preview_rows (loaded->table);
  return g_steal_pointer (&loaded);
}

static gpointer
export_worker (GrStore         *store,
               gpointer         task_data,
               GrProgressFunc   progress,
               gpointer         progress_data,
               GCancellable    *cancellable,
               GError         **error)
{
  Request *request = task_data;
  g_autoptr(GrDocTable) table = NULL;

  progress (0.02, _("Reading the report"), progress_data);
  if ((table = build_table (store, request, NULL, error)) == NULL)
    return NULL;
  gr_doc_write (table, request->format, request->path, cancellable, progress, progress_data, error);
  return NULL;
}

static gpointer
file_worker (GrStore         *store,
             gpointer         task_data,
             GrProgressFunc   progress,
             gpointer         progress_data,
             GCancellable    *cancellable,
             GError         **error)
{
  Request *request = task_data;
  g_autoptr(GrMonthlyReport) report = build_monthly (store, request, error);

  if (report == NULL || !gr_monthly_report_file (store, report, request->today, error))
    return NULL;
  return g_steal_pointer (&report);
}

static gpointer
cards_worker (GrStore         *store,
              gpointer         task_data,
              GrProgressFunc   progress,
              gpointer         progress_data,
              GCancellable    *cancellable,
              GError         **error)
{
  Request *request = task_data;

  return gr_doc_cards_load (store, NULL, request->depot, request->today, error);
}

/*
 * The preview
 */

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  gboolean number = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "number"));

  gtk_label_set_xalign (GTK_LABEL (label), number ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (number)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GrReportsRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));

  gtk_label_set_label (GTK_LABEL (label), row->cells[column]);
  if (row->totals)
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_widget_remove_css_class (label, "heading");
}

static GtkWidget *
section_view (GrDocSection *section,
              GListStore   *store)
{
  GtkWidget *view;

  view = gtk_column_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (store)))));
  gtk_column_view_set_show_column_separators (GTK_COLUMN_VIEW (view), TRUE);
  gtk_widget_add_css_class (view, "data-table");
  for (guint c = 0; c < section->n_columns; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      gboolean number = gr_doc_kind_is_number (section->kinds[c]);

      g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (c));
      g_object_set_data (G_OBJECT (factory), "number", GINT_TO_POINTER (number));
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), NULL);
      column = gtk_column_view_column_new (section->headers[c], factory);
      /* The first column (depot, enterprise) takes the room left. */
      gtk_column_view_column_set_expand (column, c == 0);
      gtk_column_view_append_column (GTK_COLUMN_VIEW (view), column);
      g_object_unref (column);
    }
  return view;
}

/* What a summary tile shows. */
typedef struct {
  const char *title;
  double      value;
  const char *unit;
  char       *note;
  gboolean    percent;
} TileSpec;

static void
tile_spec_clear (TileSpec *spec)
{
  g_free (spec->note);
}

static void
tile_set (GtkWidget      *tile,
          const TileSpec *spec)
{
  gr_kpi_tile_set_title (GR_KPI_TILE (tile), spec->title);
  gr_kpi_tile_set_value (GR_KPI_TILE (tile), spec->value);
  gr_kpi_tile_set_unit (GR_KPI_TILE (tile), spec->unit);
  gr_kpi_tile_set_note (GR_KPI_TILE (tile), spec->note);
  gr_kpi_tile_set_percent (GR_KPI_TILE (tile), spec->percent);
  if (spec->percent)
    gr_kpi_tile_set_decimals (GR_KPI_TILE (tile), 1);
}

static void
add_tile (GArray     *specs,
          const char *title,
          double      value,
          const char *unit,
          char       *note)
{
  TileSpec spec = { title, value, unit, note, FALSE };

  g_array_append_val (specs, spec);
}

/* The figures a reader looks for first, from the tables' totals: stock
 * and movements, rotation against the year's plan; or the statement's
 * basis and amount. */
static GArray *
tile_specs (GrReportsPage *self)
{
  GArray *specs = g_array_new (FALSE, FALSE, sizeof (TileSpec));
  GrDocSection *first = self->table->sections->pdata[0];
  GrDocCell *totals = first->totals;

  g_array_set_clear_func (specs, (GDestroyNotify) tile_spec_clear);
  if (self->kind == GR_REPORT_MONTHLY)
    {
      GrDocSection *rotation = self->table->sections->pdata[1];
      GrDocCell *r = rotation->totals;
      g_autofree char *opening = gr_format_tonnes (totals[2].value);
      g_autofree char *planned = gr_format_tonnes (r[1].value), *in_ytd = gr_format_tonnes (r[5].value);

      add_tile (specs, _("Closing Stock"), totals[5].value / 1000.0, _("t"), g_strdup_printf (_("Opening stock %s"), opening));
      add_tile (specs, _("In This Month"), totals[3].value / 1000.0, _("t"), NULL);
      add_tile (specs, _("Out This Month"), totals[4].value / 1000.0, _("t"), NULL);
      /* TRANSLATORS: rotation plan of the year, tonnes rotated in so far */
      add_tile (specs, _("Rotated Out This Year"), r[1].value > 0 ? (double) r[4].value / r[1].value : 0, NULL,
                g_strdup_printf (_("Plan %s; rotated in %s"), planned, in_ytd));
      g_array_index (specs, TileSpec, 3).percent = TRUE;
    }
  else
    {
      gint64 basis = 0;

      for (guint i = 0; i < first->rows->len; i++)
        basis += ((GrDocCell *) first->rows->pdata[i])[4].value;
      add_tile (specs, _("Average Basis"), basis / 1000.0, _("t"),
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u plan", "%u plans", first->rows->len), first->rows->len));
      if (totals[9].set)
        add_tile (specs, _("Subsidy"), totals[9].value / 100.0, _("yuan"), NULL);
      else
        add_tile (specs, _("Subsidy"), NAN, NULL, g_strdup (_("No rate is set for these varieties")));
    }
  return specs;
}

/* The tiles take the new figures; new tiles only when there are more or
 * fewer of them (another kind of report). */
static void
update_tiles (GrReportsPage *self)
{
  g_autoptr(GArray) specs = tile_specs (self);
  guint n = 0;
  GtkWidget *tile;

  for (tile = gtk_widget_get_first_child (self->tiles_box); tile != NULL; tile = gtk_widget_get_next_sibling (tile))
    n++;
  if (n != specs->len)
    {
      while ((tile = gtk_widget_get_first_child (self->tiles_box)) != NULL)
        gtk_box_remove (GTK_BOX (self->tiles_box), tile);
      for (guint i = 0; i < specs->len; i++)
        {
          tile = gr_kpi_tile_new ();
          gtk_widget_set_hexpand (tile, TRUE);
          gtk_box_append (GTK_BOX (self->tiles_box), tile);
        }
    }
  tile = gtk_widget_get_first_child (self->tiles_box);
  for (guint i = 0; i < specs->len; i++, tile = gtk_widget_get_next_sibling (tile))
    tile_set (tile, &g_array_index (specs, TileSpec, i));
}

/* Whether two tables have the same sections, headers and notes: the
 * preview's widgets then stay, their rows take the new cells. */
static gboolean
same_shape (GrDocTable *a,
            GrDocTable *b)
{
  if (a == NULL || b == NULL || a->sections->len != b->sections->len)
    return FALSE;
  for (guint s = 0; s < a->sections->len; s++)
    {
      GrDocSection *x = a->sections->pdata[s], *y = b->sections->pdata[s];

      if (g_strcmp0 (x->name, y->name) != 0 || x->n_columns != y->n_columns || x->notes->len != y->notes->len)
        return FALSE;
      for (guint c = 0; c < x->n_columns; c++)
        if (g_strcmp0 (x->headers[c], y->headers[c]) != 0 || x->kinds[c] != y->kinds[c])
          return FALSE;
    }
  return TRUE;
}

static gboolean
same_row (GrReportsRow *a,
          GrReportsRow *b)
{
  return a->totals == b->totals && g_strv_equal ((const char * const *) a->cells, (const char * const *) b->cells);
}

/* A section's rows take rows: a row is replaced (its widgets made anew)
 * only where its cells changed. */
static void
update_rows (GListStore *store,
             GPtrArray  *rows)
{
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (store));
  guint n = MIN (n_old, rows->len);
  guint i = 0;

  while (i < n)
    {
      guint end = i;

      while (end < n)
        {
          g_autoptr(GrReportsRow) old = g_list_model_get_item (G_LIST_MODEL (store), end);

          if (same_row (old, rows->pdata[end]))
            break;
          end++;
        }
      if (end > i)
        g_list_store_splice (store, i, end - i, &rows->pdata[i], end - i);
      i = MAX (end, i + 1);
    }
  if (rows->len != n_old)
    g_list_store_splice (store, n, n_old - n, &rows->pdata[n], rows->len - n);
}

/* The next table of the preview: when the same tables are shown, its
 * rows take the new ones (a row replaced only where its cells changed),
 * else it is made, with its heading and notes. */
static void
show_section (GrReportsPage *self)
{
  guint s = self->next_section++;
  GrDocSection *section = self->table->sections->pdata[s];
  GPtrArray *section_rows = self->pending_rows->pdata[s];

  if (s < self->stores->len)
    {
      guint note = 0;

      for (guint i = 0; i < s; i++)
        note += ((GrDocSection *) self->table->sections->pdata[i])->notes->len;
      update_rows (self->stores->pdata[s], section_rows);
      for (guint i = 0; i < section->notes->len; i++)
        gtk_label_set_label (self->notes->pdata[note + i], section->notes->pdata[i]);
    }
  else
    {
      g_autoptr(GListStore) store = g_list_store_new (GR_TYPE_REPORTS_ROW);
      GtkWidget *heading = gtk_label_new (section->name);
      GtkWidget *frame = gtk_frame_new (NULL);
      GtkWidget *view;

      g_list_store_splice (store, 0, 0, section_rows->pdata, section_rows->len);
      view = section_view (section, store);
      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_widget_add_css_class (heading, "heading");
      gtk_widget_set_margin_top (heading, s > 0 ? 12 : 0);
      gtk_box_append (self->preview_box, heading);
      gtk_frame_set_child (GTK_FRAME (frame), view);
      gtk_box_append (self->preview_box, frame);
      g_ptr_array_add (self->views, view);
      g_ptr_array_add (self->stores, g_steal_pointer (&store));

      for (guint i = 0; i < section->notes->len; i++)
        {
          GtkWidget *note = gtk_label_new (section->notes->pdata[i]);

          gtk_label_set_xalign (GTK_LABEL (note), 0);
          gtk_label_set_wrap (GTK_LABEL (note), TRUE);
          gtk_widget_add_css_class (note, "dim-label");
          gtk_widget_add_css_class (note, "caption");
          gtk_box_append (self->preview_box, note);
          g_ptr_array_add (self->notes, note);
        }
    }
  if (self->next_section == self->table->sections->len)
    {
      g_clear_pointer (&self->pending_rows, g_ptr_array_unref);
      self->n_loads++;
    }
}

static gboolean
show_section_cb (gpointer user_data)
{
  GrReportsPage *self = user_data;

  show_section (self);
  if (self->pending_rows != NULL)
    return G_SOURCE_CONTINUE;
  self->sections_id = 0;
  return G_SOURCE_REMOVE;
}

static char *
table_title (GrDocTable *table)
{
  return g_strdup_printf ("%s　%s　%s", table->title, table->enterprise, table->period);
}

/* The first table now, the others one a main-loop turn: a table of new
 * cells is labels made and measured, and a province's enterprise has
 * many of them. */
static void
show_sections (GrReportsPage *self,
               GPtrArray     *rows)
{
  g_clear_pointer (&self->pending_rows, g_ptr_array_unref);
  self->pending_rows = g_ptr_array_ref (rows);
  self->next_section = 0;
  show_section (self);
  if (self->pending_rows != NULL && self->sections_id == 0)
    self->sections_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, show_section_cb, self, NULL);
}

static void
show_table (GrReportsPage *self,
            GrDocTable    *old,
            GPtrArray     *rows)
{
  GtkWidget *child;

  /* The same tables read again (a refresh, another month or enterprise):
   * the widgets stay. */
  if (same_shape (old, self->table) && self->stores->len == self->table->sections->len)
    {
      g_autofree char *title = table_title (self->table);

      gtk_label_set_label (GTK_LABEL (self->title_label), title);
      update_tiles (self);
      gtk_stack_set_visible_child_name (self->preview_stack, "preview");
      show_sections (self, rows);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_box))) != NULL)
    gtk_box_remove (self->preview_box, child);
  g_ptr_array_set_size (self->views, 0);
  g_ptr_array_set_size (self->stores, 0);
  g_ptr_array_set_size (self->notes, 0);
  g_clear_handle_id (&self->sections_id, g_source_remove);

  {
    g_autofree char *title = table_title (self->table);

    self->title_label = gtk_label_new (title);
    gtk_label_set_xalign (GTK_LABEL (self->title_label), 0);
    gtk_label_set_wrap (GTK_LABEL (self->title_label), TRUE);
    gtk_widget_add_css_class (self->title_label, "title-3");
    gtk_box_append (self->preview_box, self->title_label);
  }

  self->tiles_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_set_homogeneous (GTK_BOX (self->tiles_box), TRUE);
  update_tiles (self);
  gtk_box_append (self->preview_box, self->tiles_box);

  gtk_stack_set_visible_child_name (self->preview_stack, "preview");
  show_sections (self, rows);
}

/* The line under the controls: filing and its deadline (Zhongshan
 * 第十五条), or what the subsidy statement covers. */
static char *
status_text (GrReportsPage *self,
             Loaded        *loaded)
{
  g_autofree char *today = gr_today_iso ();
  GString *text = g_string_new (NULL);

  if (self->kind == GR_REPORT_SUBSIDY)
    {
      /* TRANSLATORS: days of the statement, days of the year → "计算 31 天（全年 365 天）" */
      g_string_append_printf (text, _("%u days, of %u in the year."), loaded->days, loaded->days_in_year);
      if (!loaded->any_rate)
        {
          g_string_append_c (text, ' ');
          g_string_append (text, _("The regulation profile sets no subsidy rate: the statement shows the basis only."));
        }
      return g_string_free (text, FALSE);
    }

  if (loaded->filed_on != NULL && gr_monthly_report_on_time (loaded->filed_on, loaded->due_on))
    /* TRANSLATORS: date filed, deadline → "2026-11-03 已报送，按时（期限 2026-11-06）" */
    g_string_append_printf (text, _("Filed on %s: on time (due by %s)."), loaded->filed_on, loaded->due_on);
  else if (loaded->filed_on != NULL)
    /* TRANSLATORS: date filed, deadline → "2026-09-21 已报送，逾期（期限 2026-09-07）" */
    g_string_append_printf (text, _("Filed on %s: late (due by %s)."), loaded->filed_on, loaded->due_on);
  else if (strncmp (self->periods->pdata[gtk_drop_down_get_selected (self->period_dropdown)], today, 7) >= 0)
    /* TRANSLATORS: the report of the running month, its deadline */
    g_string_append_printf (text, _("The month is not over yet: the report will be due by %s."), loaded->due_on);
  else if (strcmp (today, loaded->due_on) > 0)
    /* TRANSLATORS: deadline → "未报送，已逾期（期限 2026-05-11）" */
    g_string_append_printf (text, _("Not filed, overdue (due by %s)."), loaded->due_on);
  else
    /* TRANSLATORS: deadline, working days → "未报送：应于 2026-12-07 前报送（月度终了后 5 个工作日内）" */
    g_string_append_printf (text, _("Not filed yet: due by %s (%d working days after the month)."), loaded->due_on,
                            loaded->working_days);
  if (loaded->n_late > 0)
    {
      g_string_append_c (text, ' ');
      /* TRANSLATORS: movements stored after their month's report was filed */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u movement arrived after its month was filed.",
                                                 "%u movements arrived after their month was filed.",
                                                 loaded->n_late), loaded->n_late);
    }
  return g_string_free (text, FALSE);
}

static void
update_actions (GrReportsPage *self)
{
  gboolean ready = self->table != NULL;
  gboolean busy = gtk_revealer_get_reveal_child (self->progress_revealer);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.file", ready && !busy && self->can_file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export", ready && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.print", ready && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.print-cards", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.cancel", busy);
  gtk_widget_set_visible (GTK_WIDGET (self->file_button), self->kind == GR_REPORT_MONTHLY);
  /* The button stands out only while there is something to file. */
  if (self->can_file)
    gtk_widget_add_css_class (GTK_WIDGET (self->file_button), "suggested-action");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->file_button), "suggested-action");
}

/* The enterprises: for the subsidy statement, "all" comes first. */
static void
fill_enterprises (GrReportsPage *self,
                  Loaded        *loaded)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint selected = 0;

  g_ptr_array_set_size (self->enterprise_ids, 0);
  if (self->kind == GR_REPORT_SUBSIDY)
    {
      g_ptr_array_add (names, (gpointer) _("All enterprises"));
      g_ptr_array_add (self->enterprise_ids, NULL);
    }
  for (guint i = 0; i < loaded->enterprise_ids->len; i++)
    {
      if (g_strcmp0 (loaded->enterprise_ids->pdata[i], loaded->enterprise) == 0)
        selected = self->enterprise_ids->len;
      g_ptr_array_add (names, loaded->enterprise_names->pdata[i]);
      g_ptr_array_add (self->enterprise_ids, g_strdup (loaded->enterprise_ids->pdata[i]));
    }
  g_ptr_array_add (names, NULL);
  /* In place: the drop-down's popup keeps the rows of the names that stay. */
  self->updating = TRUE;
  gr_string_list_update (self->enterprise_names, (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->enterprise_dropdown, selected);
  self->updating = FALSE;
}

static void
fill_cards_menu (GrReportsPage *self,
                 Loaded        *loaded)
{
  g_autoptr(GMenu) menu = NULL;
  g_autoptr(GPtrArray) depots = g_ptr_array_new_with_free_func (g_free);
  gboolean same;

  /* A new menu makes a new popover: only when the depots change. */
  for (guint i = 0; i < loaded->depot_ids->len; i++)
    {
      g_ptr_array_add (depots, g_strdup (loaded->depot_ids->pdata[i]));
      g_ptr_array_add (depots, g_strdup (loaded->depot_names->pdata[i]));
    }
  same = self->card_depots != NULL && self->card_depots->len == depots->len;
  for (guint i = 0; same && i < depots->len; i++)
    same = g_strcmp0 (self->card_depots->pdata[i], depots->pdata[i]) == 0;
  gtk_widget_set_sensitive (GTK_WIDGET (self->cards_button), loaded->depot_ids->len > 0);
  if (same)
    return;
  g_clear_pointer (&self->card_depots, g_ptr_array_unref);
  self->card_depots = g_steal_pointer (&depots);
  menu = g_menu_new ();
  for (guint i = 0; i < loaded->depot_ids->len; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (loaded->depot_names->pdata[i], NULL);

      g_menu_item_set_action_and_target_value (item, "reports.print-cards",
                                               g_variant_new_string (loaded->depot_ids->pdata[i]));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (self->cards_button, G_MENU_MODEL (menu));
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GrReportsPage *self = GR_REPORTS_PAGE (object);
  g_autoptr(Loaded) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  g_autoptr(GrDocTable) old = NULL;

  loaded = gr_store_task_run_finish (result, &error);
  if (is_cancelled (error))
    return;
  self->loading = FALSE;

  old = g_steal_pointer (&self->table);
  g_clear_pointer (&self->filed_on, g_free);
  g_clear_pointer (&self->due_on, g_free);
  if (loaded == NULL)
    {
      g_clear_handle_id (&self->sections_id, g_source_remove);
      g_clear_pointer (&self->pending_rows, g_ptr_array_unref);
      adw_status_page_set_title (self->message_page, _("No Report to Show"));
      adw_status_page_set_description (self->message_page, error->message);
      gtk_stack_set_visible_child_name (self->preview_stack, "message");
      gtk_label_set_label (self->status_label, "");
      self->can_file = FALSE;
      update_actions (self);
      self->n_loads++;
      return;
    }

  g_free (self->enterprise);
  self->enterprise = g_strdup (loaded->enterprise);
  fill_enterprises (self, loaded);
  fill_cards_menu (self, loaded);
  self->table = g_steal_pointer (&loaded->table);
  self->filed_on = g_strdup (loaded->filed_on);
  self->due_on = g_strdup (loaded->due_on);
  self->working_days = loaded->working_days;
  {
    g_autofree char *today = gr_today_iso ();
    const char *period = self->periods->pdata[gtk_drop_down_get_selected (self->period_dropdown)];

    /* A month is filed once it is over, and only once. */
    self->can_file = self->kind == GR_REPORT_MONTHLY && self->filed_on == NULL && strncmp (period, today, 7) < 0;
  }
  status = status_text (self, loaded);
  gtk_label_set_label (self->status_label, status);
  if (self->filed_on != NULL && !gr_monthly_report_on_time (self->filed_on, self->due_on))
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "warning");
  /* n_loads counts once every table is shown. */
  show_table (self, old, loaded->rows);
  update_actions (self);
}

/* Periods: months newest first for the monthly report (the month just
 * ended chosen); years, then this year's months, for the subsidy. */
static void
fill_periods (GrReportsPage *self,
              const char    *wanted)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *today = gr_today_iso ();
  int year = 0, month = 0;
  guint selected = 0;

  gr_month_parse ((char[8]) { today[0], today[1], today[2], today[3], '-', today[5], today[6], '\0' }, &year, &month);
  g_ptr_array_set_size (self->periods, 0);
  if (self->kind == GR_REPORT_MONTHLY)
    {
      for (int i = 0; i < 36; i++)
        {
          int index = year * 12 + (month - 1) - i;

          g_ptr_array_add (self->periods, g_strdup_printf ("%04d-%02d", index / 12, index % 12 + 1));
        }
      selected = 1;
    }
  else
    {
      for (int y = year; y > year - 5; y--)
        g_ptr_array_add (self->periods, g_strdup_printf ("%04d", y));
      for (int m = month; m >= 1; m--)
        g_ptr_array_add (self->periods, g_strdup_printf ("%04d-%02d", year, m));
    }
  for (guint i = 0; i < self->periods->len; i++)
    {
      gtk_string_list_append (names, self->periods->pdata[i]);
      if (g_strcmp0 (self->periods->pdata[i], wanted) == 0)
        selected = i;
    }
  /* A period outside the list (an older month) is added at its end. */
  if (wanted != NULL && g_strcmp0 (self->periods->pdata[selected], wanted) != 0)
    {
      g_ptr_array_add (self->periods, g_strdup (wanted));
      gtk_string_list_append (names, wanted);
      selected = self->periods->len - 1;
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->period_dropdown, selected);
  self->updating = FALSE;
}

static Request *
request_new (GrReportsPage *self)
{
  Request *request = g_new0 (Request, 1);
  guint enterprise = gtk_drop_down_get_selected (self->enterprise_dropdown);
  guint period = gtk_drop_down_get_selected (self->period_dropdown);

  request->kind = self->kind;
  if (enterprise < self->enterprise_ids->len)
    request->enterprise = g_strdup (self->enterprise_ids->pdata[enterprise]);
  else if (self->kind == GR_REPORT_MONTHLY)
    request->enterprise = g_strdup (self->enterprise);
  if (period < self->periods->len)
    request->period = g_strdup (self->periods->pdata[period]);
  request->today = gr_today_iso ();
  return request;
}

static void
load (GrReportsPage *self)
{
  if (self->db_path == NULL)
    return;
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  if (self->table == NULL)
    gtk_stack_set_visible_child_name (self->preview_stack, "loading");
  self->loading = TRUE;
  gr_store_task_run_async (self, self->db_path, load_worker, request_new (self), (GDestroyNotify) request_free,
                           (GDestroyNotify) loaded_free, NULL, NULL, self->load_cancellable, load_done_cb, NULL);
}

/*
 * Jobs: export, filing, cards
 */

static void
job_progress_cb (gpointer    source_object,
                 double      fraction,
                 const char *note,
                 gpointer    user_data)
{
  GrReportsPage *self = GR_REPORTS_PAGE (source_object);

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  if (note != NULL)
    gtk_label_set_label (self->progress_label, note);
}

static void
job_start (GrReportsPage *self,
           const char    *note)
{
  g_clear_object (&self->job_cancellable);
  self->job_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_label_set_label (self->progress_label, note);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  update_actions (self);
}

static void
job_end (GrReportsPage *self)
{
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  update_actions (self);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GrReportsPage *self = GR_REPORTS_PAGE (object);
  g_autofree char *path = user_data;
  g_autoptr(GError) error = NULL;

  gr_store_task_run_finish (result, &error);
  job_end (self);
  g_clear_error (&self->export_error);
  if (error == NULL)
    {
      g_autofree char *name = g_path_get_basename (path);
      /* TRANSLATORS: a file name */
      g_autofree char *text = g_strdup_printf (_("Exported to %s"), name);

      toast (self, text);
    }
  else if (is_cancelled (error))
    toast (self, _("Export cancelled: no file was written"));
  else
    toast (self, error->message);
  self->export_error = g_steal_pointer (&error);
  self->n_exports++;
}

void
gr_reports_page_export (GrReportsPage *self,
                        GrDocFormat    format,
                        GFile         *file)
{
  Request *request;

  g_return_if_fail (GR_IS_REPORTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  request = request_new (self);
  request->format = format;
  request->path = g_file_get_path (file);
  job_start (self, _("Exporting"));
  gr_store_task_run_async (self, self->db_path, export_worker, request, (GDestroyNotify) request_free, NULL,
                           job_progress_cb, NULL, self->job_cancellable, export_done_cb,
                           g_strdup (request->path));
}

static void
chooser_response_cb (GrReportsPage        *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  GrDocFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "format"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        gr_reports_page_export (self, format, file);
    }
  g_clear_object (&self->chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GrReportsPage *self = GR_REPORTS_PAGE (widget);
  const char *extension = g_variant_get_string (parameter, NULL);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *pattern = g_strdup_printf ("*.%s", extension);
  g_autofree char *name = NULL;
  GrDocFormat format;

  if (!gr_doc_format_from_string (extension, &format) || self->table == NULL)
    return;
  /* e.g. 政府储备粮月报告-清远市储备粮管理有限公司-2026年10月.xlsx */
  name = g_strdup_printf ("%s-%s-%s.%s", self->table->title, self->table->enterprise, self->table->period, extension);
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export Report"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_set_name (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_object_set_data (G_OBJECT (self->chooser), "format", GINT_TO_POINTER (format));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_cancellable_cancel (GR_REPORTS_PAGE (widget)->job_cancellable);
}

static void
file_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GrReportsPage *self = GR_REPORTS_PAGE (object);
  g_autoptr(GrMonthlyReport) report = NULL;
  g_autoptr(GError) error = NULL;
  GrWindow *window;

  report = gr_store_task_run_finish (result, &error);
  job_end (self);
  if (report == NULL)
    {
      toast (self, error->message);
      return;
    }
  {
    gboolean on_time = gr_monthly_report_on_time (report->filed_on, self->due_on);
    g_autofree char *text = on_time
      /* TRANSLATORS: month, deadline → "2026-10 月报告已按时报送（期限 2026-11-06）" */
      ? g_strdup_printf (_("The report for %s is filed, on time (due by %s)"), report->month, self->due_on)
      /* TRANSLATORS: month, deadline → "2026-10 月报告已报送，逾期（期限 2026-11-06）" */
      : g_strdup_printf (_("The report for %s is filed, late (due by %s)"), report->month, self->due_on);

    toast (self, text);
  }
  /* The Overview's findings change too: the window reads again, and so
   * does this page. */
  window = get_window (self);
  if (window != NULL)
    gr_window_reload (window);
  load (self);
}

static void
file_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  GrReportsPage    *self)
{
  if (g_strcmp0 (response, "file") != 0)
    return;
  job_start (self, _("Filing the report"));
  gr_store_task_run_async (self, self->db_path, file_worker, request_new (self), (GDestroyNotify) request_free,
                           (GDestroyNotify) gr_monthly_report_free, NULL, NULL, self->job_cancellable,
                           file_done_cb, NULL);
}

static void
file_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GrReportsPage *self = GR_REPORTS_PAGE (widget);
  g_autofree char *today = gr_today_iso ();
  g_autofree char *body = NULL, *when = NULL;
  GtkWidget *dialog;

  if (self->table == NULL || self->due_on == NULL)
    return;
  when = gr_monthly_report_on_time (today, self->due_on)
    /* TRANSLATORS: today, deadline → "今天（2026-11-25）报送为按时，期限 2026-12-07。" */
    ? g_strdup_printf (_("Filing today (%s) is on time: the report is due by %s."), today, self->due_on)
    /* TRANSLATORS: today, deadline → "今天（2026-11-25）报送为逾期，期限为 2026-11-06。" */
    : g_strdup_printf (_("Filing today (%s) is late: the report was due by %s."), today, self->due_on);
  /* TRANSLATORS: enterprise, period, then the sentence above */
  body = g_strdup_printf (_("Filing the monthly report of %s for %s locks the month: movements dated in it can no longer "
                            "be entered here, and a correction goes in a later month. %s"),
                          self->table->enterprise, self->table->period, when);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("File the Monthly Report?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "file", _("_File"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "file", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (file_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/*
 * Printing: the pages of the PDF, drawn on the printer's cairo context
 */

static void
print_report_begin_cb (GtkPrintOperation *operation,
                       GtkPrintContext   *context,
                       GrDocPaper        *paper)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  gtk_print_operation_set_n_pages (operation,
                                   gr_doc_paper_paginate (paper, cr, gtk_print_context_get_width (context),
                                                          gtk_print_context_get_height (context)));
}

static void
print_report_page_cb (GtkPrintOperation *operation,
                      GtkPrintContext   *context,
                      int                page,
                      GrDocPaper        *paper)
{
  gr_doc_paper_draw_page (paper, gtk_print_context_get_cairo_context (context), (guint) page);
}

static void
print_cards_page_cb (GtkPrintOperation *operation,
                     GtkPrintContext   *context,
                     int                page,
                     GrDocCards        *cards)
{
  gr_doc_cards_draw_page (cards, gtk_print_context_get_cairo_context (context), (guint) page);
}

static GtkPrintOperation *
print_operation_new (const char *job_name,
                     gboolean    landscape)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  /* The layout is in points on the whole A4 sheet, as in the PDF. */
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_orientation (setup, landscape ? GTK_PAGE_ORIENTATION_LANDSCAPE : GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_job_name (operation, job_name);
  gtk_print_operation_set_embed_page_setup (operation, FALSE);
  return operation;
}

static void
run_print (GrReportsPage     *self,
           GtkPrintOperation *operation)
{
  g_autoptr(GError) error = NULL;

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), &error)
      == GTK_PRINT_OPERATION_RESULT_ERROR)
    toast (self, error->message);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GrReportsPage *self = GR_REPORTS_PAGE (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  GrDocPaper *paper;
  gboolean landscape;

  if (self->table == NULL)
    return;
  paper = gr_doc_paper_new (self->table);
  {
    /* Measured as the PDF would be, to choose the orientation. */
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t *cr = cairo_create (surface);

    landscape = gr_doc_paper_landscape (paper, cr);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
  operation = print_operation_new (self->table->title, landscape);
  /* The operation keeps the paper; the table it points to is the page's
   * until the next load, and printing runs before that (the dialog is modal). */
  g_object_set_data_full (G_OBJECT (operation), "paper", paper, (GDestroyNotify) gr_doc_paper_free);
  g_signal_connect (operation, "begin-print", G_CALLBACK (print_report_begin_cb), paper);
  g_signal_connect (operation, "draw-page", G_CALLBACK (print_report_page_cb), paper);
  run_print (self, operation);
}

static void
cards_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GrReportsPage *self = GR_REPORTS_PAGE (object);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GrDocCards *cards;

  cards = gr_store_task_run_finish (result, &error);
  job_end (self);
  if (cards == NULL)
    {
      if (!is_cancelled (error))
        toast (self, error->message);
      return;
    }
  operation = print_operation_new (_("Information cards"), FALSE);
  g_object_set_data_full (G_OBJECT (operation), "cards", cards, (GDestroyNotify) gr_doc_cards_free);
  gtk_print_operation_set_n_pages (operation, gr_doc_cards_n_pages (cards));
  g_signal_connect (operation, "draw-page", G_CALLBACK (print_cards_page_cb), cards);
  run_print (self, operation);
}

static void
print_cards_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GrReportsPage *self = GR_REPORTS_PAGE (widget);
  Request *request = g_new0 (Request, 1);

  request->depot = g_variant_dup_string (parameter, NULL);
  request->today = gr_today_iso ();
  job_start (self, _("Reading the information cards"));
  gr_store_task_run_async (self, self->db_path, cards_worker, request, (GDestroyNotify) request_free,
                           (GDestroyNotify) gr_doc_cards_free, NULL, NULL, self->job_cancellable,
                           cards_done_cb, NULL);
}

/*
 * Choices
 */

static void
kind_changed_cb (GrReportsPage *self)
{
  GrReportKind kind = gtk_drop_down_get_selected (self->kind_dropdown) == 1 ? GR_REPORT_SUBSIDY : GR_REPORT_MONTHLY;

  if (self->updating || kind == self->kind)
    return;
  self->kind = kind;
  fill_periods (self, NULL);
  /* The monthly report keeps an enterprise; "all" becomes the first one. */
  if (kind == GR_REPORT_MONTHLY && self->enterprise == NULL && self->enterprise_ids->len > 1)
    self->enterprise = g_strdup (self->enterprise_ids->pdata[1]);
  {
    g_autofree char *keep = g_strdup (self->enterprise);

    g_ptr_array_set_size (self->enterprise_ids, 0);
    g_ptr_array_add (self->enterprise_ids, g_strdup (keep));
    self->updating = TRUE;
    gtk_drop_down_set_selected (self->enterprise_dropdown, 0);
    self->updating = FALSE;
  }
  update_actions (self);
  load (self);
}

static void
choice_changed_cb (GrReportsPage *self)
{
  guint enterprise = gtk_drop_down_get_selected (self->enterprise_dropdown);

  if (self->updating)
    return;
  if (enterprise < self->enterprise_ids->len)
    {
      g_free (self->enterprise);
      self->enterprise = g_strdup (self->enterprise_ids->pdata[enterprise]);
    }
  load (self);
}

/*
 * GObject
 */

static void
gr_reports_page_dispose (GObject *object)
{
  GrReportsPage *self = GR_REPORTS_PAGE (object);

  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->job_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->job_cancellable);
  g_clear_object (&self->chooser);
  g_clear_handle_id (&self->sections_id, g_source_remove);
  g_clear_pointer (&self->pending_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), GR_TYPE_REPORTS_PAGE);
  G_OBJECT_CLASS (gr_reports_page_parent_class)->dispose (object);
}

static void
gr_reports_page_finalize (GObject *object)
{
  GrReportsPage *self = GR_REPORTS_PAGE (object);

  g_clear_pointer (&self->table, gr_doc_table_free);
  g_clear_pointer (&self->enterprise_ids, g_ptr_array_unref);
  g_clear_pointer (&self->periods, g_ptr_array_unref);
  g_clear_pointer (&self->views, g_ptr_array_unref);
  g_clear_pointer (&self->stores, g_ptr_array_unref);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  g_clear_pointer (&self->card_depots, g_ptr_array_unref);
  g_clear_object (&self->enterprise_names);
  g_clear_error (&self->export_error);
  g_free (self->db_path);
  g_free (self->enterprise);
  g_free (self->filed_on);
  g_free (self->due_on);
  G_OBJECT_CLASS (gr_reports_page_parent_class)->finalize (object);
}

static void
gr_reports_page_class_init (GrReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gr_reports_page_dispose;
  object_class->finalize = gr_reports_page_finalize;

  gr_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/gr-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GrReportsPage, cards_button);
  gtk_widget_class_bind_template_child (widget_class, GrReportsPage, enterprise_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrReportsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, GrReportsPage, file_button);
  gtk_widget_class_bind_template_child (widget_class, GrReportsPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrReportsPage, message_page);
  gtk_widget_class_bind_template_child (widget_class, GrReportsPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrReportsPage, preview_box);
  gtk_widget_class_bind_template_child (widget_class, GrReportsPage, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, GrReportsPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, GrReportsPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, GrReportsPage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, GrReportsPage, status_label);

  gtk_widget_class_install_action (widget_class, "reports.file", NULL, file_action);
  gtk_widget_class_install_action (widget_class, "reports.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "reports.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "reports.print-cards", "s", print_cards_action);
  gtk_widget_class_install_action (widget_class, "reports.cancel", NULL, cancel_action);
}

static void
gr_reports_page_init (GrReportsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->enterprise_ids = g_ptr_array_new_with_free_func (g_free);
  self->periods = g_ptr_array_new_with_free_func (g_free);
  self->views = g_ptr_array_new ();
  self->stores = g_ptr_array_new_with_free_func (g_object_unref);
  self->notes = g_ptr_array_new ();
  self->enterprise_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->enterprise_dropdown, G_LIST_MODEL (self->enterprise_names));
  self->kind = GR_REPORT_MONTHLY;
  fill_periods (self, NULL);
  g_signal_connect_swapped (self->kind_dropdown, "notify::selected", G_CALLBACK (kind_changed_cb), self);
  g_signal_connect_swapped (self->enterprise_dropdown, "notify::selected", G_CALLBACK (choice_changed_cb), self);
  g_signal_connect_swapped (self->period_dropdown, "notify::selected", G_CALLBACK (choice_changed_cb), self);
  update_actions (self);
}

/*
 * Public API
 */

void
gr_reports_page_set_db_path (GrReportsPage *self,
                             const char    *db_path)
{
  g_return_if_fail (GR_IS_REPORTS_PAGE (self));

  g_free (self->db_path);
  self->db_path = g_strdup (db_path);
}

void
gr_reports_page_reload (GrReportsPage *self)
{
  g_return_if_fail (GR_IS_REPORTS_PAGE (self));

  load (self);
}

void
gr_reports_page_show_report (GrReportsPage *self,
                             GrReportKind   kind,
                             const char    *enterprise,
                             const char    *period)
{
  g_return_if_fail (GR_IS_REPORTS_PAGE (self));

  self->updating = TRUE;
  self->kind = kind;
  gtk_drop_down_set_selected (self->kind_dropdown, kind == GR_REPORT_SUBSIDY ? 1 : 0);
  self->updating = FALSE;
  fill_periods (self, period);
  g_free (self->enterprise);
  self->enterprise = g_strdup (enterprise);
  /* The enterprise list is read again with the report; until then the
   * choice is the one asked for. */
  g_ptr_array_set_size (self->enterprise_ids, 0);
  g_ptr_array_add (self->enterprise_ids, g_strdup (enterprise));
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->enterprise_dropdown, 0);
  self->updating = FALSE;
  update_actions (self);
  load (self);
}

gboolean
gr_reports_page_get_busy (GrReportsPage *self)
{
  g_return_val_if_fail (GR_IS_REPORTS_PAGE (self), FALSE);
  return self->loading || self->pending_rows != NULL;
}

guint
gr_reports_page_get_n_loads (GrReportsPage *self)
{
  return self->n_loads;
}

GrDocTable *
gr_reports_page_get_table (GrReportsPage *self)
{
  return self->table;
}

guint
gr_reports_page_get_n_rows (GrReportsPage *self,
                            guint          section)
{
  GtkSelectionModel *model;

  g_return_val_if_fail (section < self->views->len, 0);
  model = gtk_column_view_get_model (self->views->pdata[section]);
  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

char *
gr_reports_page_dup_cell (GrReportsPage *self,
                          guint          section,
                          guint          row,
                          guint          column)
{
  GtkSelectionModel *model;
  g_autoptr(GrReportsRow) item = NULL;

  g_return_val_if_fail (section < self->views->len, NULL);
  model = gtk_column_view_get_model (self->views->pdata[section]);
  item = g_list_model_get_item (G_LIST_MODEL (model), row);
  if (item == NULL || column >= g_strv_length (item->cells))
    return NULL;
  return g_strdup (item->cells[column]);
}

const char *
gr_reports_page_get_status (GrReportsPage *self)
{
  return gtk_label_get_label (self->status_label);
}

guint
gr_reports_page_get_n_exports (GrReportsPage *self)
{
  return self->n_exports;
}

const GError *
gr_reports_page_get_export_error (GrReportsPage *self)
{
  return self->export_error;
}
