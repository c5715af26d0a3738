/* gr-inspections-page.c
 *
 * One worker reads everything the page shows for the chosen depot (or all
 * of them) and works it out for showing: the inspections as one packed
 * table, the counts of the tiles, the bins not covered, the charts of one
 * bin; a second reads one bin's readings when another bin is chosen. The
 * main thread only hands the results to the widgets, and the previous
 * read is freed in a worker.
 *
 * The table of inspections (120,000 in a province) is a list of numbered
 * rows over that packed table: a refresh of the same length keeps every
 * row of widgets and only fills the cells shown again; a change of length
 * reaches the view in bites (GrPacedModel).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-inspections-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "gr-bin-history.h"
#include "gr-format.h"
#include "gr-inspection-judge.h"
#include "gr-inspection-list.h"
#include "gr-inspection-table.h"
#include "gr-inspections-page.h"
#include "gr-labels.h"
#include "gr-lazy-dropdown.h"
#include "gr-paced-model.h"
#include "gr-resources.h"
#include "gr-row-model.h"
#include "gr-store-task.h"
#include "gr-variety.h"

/* Points of a bin's history: a year of monthly routine checks. */
#define HISTORY_POINTS 12
/* Rows listed of open findings and uncovered bins until "Show All". */
#define SHORT_LIST_ROWS 6
#define MAX_LIST_ROWS 300

enum {
  TILE_YEAR,
  TILE_OPEN,
  TILE_COVERAGE,
  TILE_DRAFTS,
  N_TILES
};

enum {
  COLUMN_DATE,
  COLUMN_DEPOT,
  COLUMN_KIND,
  COLUMN_INSPECTORS,
  COLUMN_FINDINGS,
  COLUMN_STATE,
  N_COLUMNS
};

typedef struct {
  char *id;
  char *name;
} Choice;

static void
choice_free (Choice *choice)
{
  g_free (choice->id);
  g_free (choice->name);
  g_free (choice);
}

typedef struct {
  char *id;
  char *label;          /* "P01" or "龙塘库区 P01" */
  char *storage_tech;
  char *variety;
} HistoryBin;

static void
history_bin_free (HistoryBin *bin)
{
  g_free (bin->id);
  g_free (bin->label);
  g_free (bin->storage_tech);
  g_free (bin->variety);
  g_free (bin);
}

typedef struct {
  GrStandards       *standards;
  GPtrArray         *depots;        /* Choice */
  GrInspectionTable *inspections;   /* drafts first, then newest */
  GPtrArray         *open;          /* GrOpenFinding */
  guint              n_overdue;
  GPtrArray         *uncovered;     /* GrBinCoverage not covered, the first MAX_LIST_ROWS */
  guint              n_uncovered;
  guint              n_holding;     /* bins holding grain */
  guint              n_covered;     /* of them, inspected this quarter */
  guint              n_empty_missed;
  GPtrArray         *bins;          /* HistoryBin with readings */
  GrBinHistory      *history;       /* of the bin shown, or NULL */
  char              *today;
  char              *since;         /* a quarter before today */
} PageData;

static void
page_data_free (PageData *data)
{
  g_clear_pointer (&data->standards, gr_standards_unref);
  g_clear_pointer (&data->depots, g_ptr_array_unref);
  g_clear_pointer (&data->inspections, gr_inspection_table_free);
  g_clear_pointer (&data->open, g_ptr_array_unref);
  g_clear_pointer (&data->uncovered, g_ptr_array_unref);
  g_clear_pointer (&data->bins, g_ptr_array_unref);
  g_clear_pointer (&data->history, gr_bin_history_free);
  g_free (data->today);
  g_free (data->since);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PageData, page_data_free)

/* A read the page no longer shows (replaced, or cancelled): thousands of
 * small blocks, freed off the main thread. */
static void
page_data_free_later (PageData *data)
{
  gr_store_task_free_in_worker (data, (GDestroyNotify) page_data_free);
}

typedef struct {
  char *depot;
  char *bin;
  char *today;
} LoadRequest;

static void
load_request_free (LoadRequest *request)
{
  g_free (request->depot);
  g_free (request->bin);
  g_free (request->today);
  g_free (request);
}

typedef struct {
  GrStandards *standards;
  char        *bin;
  char        *storage_tech;
  char        *variety;
} HistoryRequest;

static void
history_request_free (HistoryRequest *request)
{
  g_clear_pointer (&request->standards, gr_standards_unref);
  g_free (request->bin);
  g_free (request->storage_tech);
  g_free (request->variety);
  g_free (request);
}

typedef struct {
  char *inspection;
  char *finding;
  char *closed_on;
  char *closed_by;
  char *note;
  char *today;
} CloseRequest;

static void
close_request_free (CloseRequest *request)
{
  g_free (request->inspection);
  g_free (request->finding);
  g_free (request->closed_on);
  g_free (request->closed_by);
  g_free (request->note);
  g_free (request->today);
  g_free (request);
}

struct _GrInspectionsPage
{
  AdwBin          parent_instance;

  /* Template Widgets */
  GtkDropDown    *depot_dropdown;
  GtkGrid        *grid;
  GtkWidget      *new_button;
  GtkLabel       *summary_label;
  GtkBox         *tiles_box;

  /* Built in code */
  GtkWidget      *tiles[N_TILES];
  GtkWidget      *findings_list;
  GtkWidget      *findings_note;
  GtkWidget      *findings_more;
  GtkWidget      *coverage_list;
  GtkWidget      *coverage_note;
  GtkWidget      *coverage_more;
  GtkWidget      *bin_dropdown;
  GtkWidget      *history_note;
  GtkWidget      *charts[GR_BIN_HISTORY_N_CHARTS];
  GtkWidget      *frames[GR_BIN_HISTORY_N_CHARTS];
  GtkWidget      *table;
  GtkSingleSelection *selection;

  /* Owned References */
  char           *db_path;
  char           *depot;          /* shown, or NULL for all */
  char           *bin;            /* whose history is shown */
  char           *today;          /* NULL: the clock's */
  PageData       *data;
  GrRowModel     *rows;
  GrPacedModel   *paced;
  GHashTable     *bound;          /* GtkListItem of the table's cells with a row */
  GCancellable   *cancellable;
  GCancellable   *history_cancellable;

  guint           n_loads;
  guint           n_histories;
  guint           filling : 1;
  guint           loading : 1;
  guint           all_findings : 1;
  guint           all_bins : 1;
};

G_DEFINE_FINAL_TYPE (GrInspectionsPage, gr_inspections_page, ADW_TYPE_BIN)

static void load_history (GrInspectionsPage *self);

/*
 * The workers
 */

static GPtrArray *
read_bins (GrStore     *store,
           const char  *depot,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) bins = g_ptr_array_new_with_free_func ((GDestroyNotify) history_bin_free);

  /* The bins with readings; all of a city, one depot of a province. */
  stmt = gr_store_prepare (store,
                           "SELECT b.id, b.code, d.name, b.storage_tech,"
                           " (SELECT l.variety FROM lots l WHERE l.bin = b.id AND l.deleted = 0"
                           "  ORDER BY l.balance_kg > 0 DESC, l.entered_on DESC LIMIT 1)"
                           " FROM bins b JOIN depots d ON d.id = b.depot"
                           " WHERE b.deleted = 0 AND (?1 IS NULL OR b.depot = ?1)"
                           " AND EXISTS (SELECT 1 FROM inspection_readings r WHERE r.bin = b.id)"
                           " ORDER BY d.name, b.code LIMIT 500", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, depot, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      HistoryBin *bin = g_new0 (HistoryBin, 1);

      bin->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (depot != NULL)
        bin->label = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      else
        bin->label = g_strdup_printf ("%s %s", sqlite3_column_text (stmt, 2), sqlite3_column_text (stmt, 1));
      bin->storage_tech = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      bin->variety = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      g_ptr_array_add (bins, bin);
    }
  return g_steal_pointer (&bins);
}

/* Counts every bin; keeps the first MAX_LIST_ROWS not covered. */
static gboolean
read_coverage (GrStore     *store,
               PageData    *data,
               const char  *depot,
               const char  *today,
               GError     **error)
{
  g_autoptr(GPtrArray) coverage = gr_inspection_coverage (store, depot, today, error);

  if (coverage == NULL)
    return FALSE;
  data->uncovered = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_bin_coverage_free);
  for (guint i = 0; i < coverage->len; i++)
    {
      GrBinCoverage *c = coverage->pdata[i];

      data->n_holding += c->holding;
      data->n_covered += c->holding && c->covered;
      data->n_empty_missed += !c->holding && !c->covered;
      if (c->covered)
        continue;
      if (data->n_uncovered++ < MAX_LIST_ROWS)
        g_ptr_array_add (data->uncovered, g_steal_pointer (&coverage->pdata[i]));
    }
  return TRUE;
}

static GrBinHistory *
bin_history_read (GrStore          *store,
                  GrStandards      *standards,
                  const HistoryBin *bin,
                  GError          **error)
{
  g_autoptr(GPtrArray) points = NULL;

  if (bin != NULL && (points = gr_bin_reading_history (store, bin->id, HISTORY_POINTS, error)) == NULL)
    return NULL;
  return gr_bin_history_new (standards, bin ? bin->id : NULL, bin ? bin->storage_tech : NULL,
                             bin ? bin->variety : NULL, points);
}

static gpointer
load_worker (GrStore         *store,
             gpointer         task_data,
             GrProgressFunc   progress,
             gpointer         progress_data,
             GCancellable    *cancellable,
             GError         **error)
{
  LoadRequest *request = task_data;
  g_autoptr(PageData) data = g_new0 (PageData, 1);
  g_autoptr(sqlite3_stmt) depots = NULL;
  const HistoryBin *shown = NULL;

  data->today = g_strdup (request->today);
  data->since = gr_quarter_before (request->today);
  if ((data->standards = gr_standards_load (error)) == NULL)
    return NULL;
  if ((depots = gr_store_prepare (store, "SELECT id, name FROM depots WHERE deleted = 0 ORDER BY name, id",
                                  error)) == NULL)
    return NULL;
  data->depots = g_ptr_array_new_with_free_func ((GDestroyNotify) choice_free);
  while (sqlite3_step (depots) == SQLITE_ROW)
    {
      Choice *choice = g_new0 (Choice, 1);

      choice->id = g_strdup ((const char *) sqlite3_column_text (depots, 0));
      choice->name = g_strdup ((const char *) sqlite3_column_text (depots, 1));
      g_ptr_array_add (data->depots, choice);
    }

  if ((data->inspections = gr_inspection_table_read (store, request->depot, request->today, error)) == NULL ||
      (data->open = gr_open_findings (store, request->depot, request->today, error)) == NULL ||
      !read_coverage (store, data, request->depot, request->today, error) ||
      (data->bins = read_bins (store, request->depot, error)) == NULL)
    return NULL;
  for (guint i = 0; i < data->open->len; i++)
    data->n_overdue += ((GrOpenFinding *) data->open->pdata[i])->days_overdue > 0;

  /* The bin asked for if it is listed, else the first one kept under a
   * temperature limit (its chart shows the limits), else the first. */
  for (guint i = 0; shown == NULL && i < data->bins->len; i++)
    if (g_strcmp0 (((HistoryBin *) data->bins->pdata[i])->id, request->bin) == 0)
      shown = data->bins->pdata[i];
  for (guint i = 0; shown == NULL && i < data->bins->len; i++)
    {
      const HistoryBin *bin = data->bins->pdata[i];
      const GrTemperatureRegime *regime = gr_standards_temperature_regime (data->standards, bin->storage_tech);

      if (regime != NULL && (regime->has_avg_max || regime->has_local_max))
        shown = bin;
    }
  if (shown == NULL && data->bins->len > 0)
    shown = data->bins->pdata[0];
  if ((data->history = bin_history_read (store, data->standards, shown, error)) == NULL)
    return NULL;
  return g_steal_pointer (&data);
}

static gpointer
history_worker (GrStore         *store,
                gpointer         task_data,
                GrProgressFunc   progress,
                gpointer         progress_data,
                GCancellable    *cancellable,
                GError         **error)
{
  HistoryRequest *request = task_data;
  HistoryBin bin = { request->bin, NULL, request->storage_tech, request->variety };

  return bin_history_read (store, request->standards, &bin, error);
}

static gpointer
close_worker (GrStore         *store,
              gpointer         task_data,
              GrProgressFunc   progress,
              gpointer         progress_data,
              GCancellable    *cancellable,
              GError         **error)
{
  CloseRequest *request = task_data;

  if (!gr_finding_close (store, request->inspection, request->finding, request->closed_on, request->closed_by,
                         request->note, request->today, NULL, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

/*
 * Showing what was read
 */

static char *
today (GrInspectionsPage *self)
{
  return self->today != NULL ? g_strdup (self->today) : gr_today_iso ();
}

static void
remove_rows (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
}

static GtkWidget *
pill (const char *text,
      const char *klass)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "severity-pill");
  gtk_widget_add_css_class (label, klass);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

static void close_clicked_cb (GtkButton *button, GrInspectionsPage *self);

/* "Show All (23)" under a list cut short, "Show Fewer" once opened. */
static void
show_more_button (GtkWidget *button,
                  guint      n,
                  gboolean   all)
{
  g_autofree char *label = NULL;

  gtk_widget_set_visible (button, n > SHORT_LIST_ROWS);
  if (all)
    label = g_strdup (_("Show Fewer"));
  else
    /* TRANSLATORS: under a list cut short: "Show All (23)" */
    label = g_strdup_printf (_("Show All (%u)"), MIN (n, MAX_LIST_ROWS));
  gtk_button_set_label (GTK_BUTTON (button), label);
}

static void
show_findings (GrInspectionsPage *self)
{
  GPtrArray *open = self->data->open;
  guint overdue = 0;

  remove_rows (self->findings_list);
  for (guint i = 0; i < open->len; i++)
    {
      const GrOpenFinding *f = open->pdata[i];
      g_autofree char *inspected = gr_format_iso_date (f->inspection_date);
      g_autofree char *subtitle = NULL;
      g_autofree char *due_text = NULL;
      GtkWidget *row, *due, *button;
      const char *klass = g_strcmp0 (f->severity, "critical") == 0 ? "violation"
                        : g_strcmp0 (f->severity, "major") == 0 ? "warning" : "info";

      overdue += f->days_overdue > 0;
      if (i >= (self->all_findings ? MAX_LIST_ROWS : SHORT_LIST_ROWS))
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), f->text);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      /* TRANSLATORS: under an open finding: "龙塘库区 · found 2026年11月3日" */
      subtitle = g_strdup_printf (_("%s · found %s"), f->depot_name, inspected);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), pill (gr_finding_severity_name (f->severity), klass));

      if (f->days_overdue > 0)
        /* TRANSLATORS: an open finding past its due date */
        due_text = g_strdup_printf (ngettext ("%d day overdue", "%d days overdue", f->days_overdue), f->days_overdue);
      else
        {
          g_autofree char *shown = gr_format_iso_date (f->due);

          /* TRANSLATORS: an open finding's due date: "due 2026年12月10日" */
          due_text = f->due ? g_strdup_printf (_("due %s"), shown) : g_strdup (_("no due date"));
        }
      due = gtk_label_new (due_text);
      gtk_widget_add_css_class (due, f->days_overdue > 0 ? "error" : "dim-label");
      gtk_widget_add_css_class (due, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), due);
      /* TRANSLATORS: button closing a finding once it was put right: 销号 */
      button = gtk_button_new_with_label (_("Close…"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (button, f->finding != NULL);
      gtk_widget_set_tooltip_text (button, _("Record that it was put right: who, when, and a note"));
      g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (close_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (GTK_LIST_BOX (self->findings_list), row);
    }
  if (open->len == 0)
    gtk_label_set_label (GTK_LABEL (self->findings_note), _("No open findings: everything found was put right."));
  else
    {
      g_autofree char *note = NULL;

      /* TRANSLATORS: above the open findings: "7 open, 2 of them overdue; the most overdue first" */
      note = g_strdup_printf (ngettext ("%u open, %u of them overdue; the most overdue first",
                                        "%u open, %u of them overdue; the most overdue first", open->len),
                              open->len, overdue);
      gtk_label_set_label (GTK_LABEL (self->findings_note), note);
    }
  gtk_widget_set_visible (self->findings_list, open->len > 0);
  show_more_button (self->findings_more, open->len, self->all_findings);
}

static void
show_coverage (GrInspectionsPage *self)
{
  PageData *data = self->data;
  g_autofree char *since = gr_format_iso_date (data->since);
  g_autofree char *note = NULL;
  guint listed = MIN (data->uncovered->len, self->all_bins ? MAX_LIST_ROWS : SHORT_LIST_ROWS);

  remove_rows (self->coverage_list);
  for (guint i = 0; i < listed; i++)
    {
      const GrBinCoverage *c = data->uncovered->pdata[i];
      g_autofree char *title = NULL;
      g_autofree char *last = NULL;
      GtkWidget *row, *suffix;

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      title = g_strdup_printf ("%s %s", c->depot_name, c->code);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      /* TRANSLATORS: a bin holding no grain, in the coverage list */
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), c->variety ? gr_variety_name (c->variety) : _("Empty"));
      if (c->last_inspected != NULL)
        {
          g_autofree char *shown = gr_format_iso_date (c->last_inspected);

          /* TRANSLATORS: a bin's latest inspection: "last 2026年5月3日" */
          last = g_strdup_printf (_("last %s"), shown);
        }
      else
        /* TRANSLATORS: a bin never inspected */
        last = g_strdup (_("never inspected"));
      suffix = gtk_label_new (last);
      gtk_widget_add_css_class (suffix, c->holding ? "warning" : "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
      gtk_list_box_append (GTK_LIST_BOX (self->coverage_list), row);
    }
  /* TRANSLATORS: coverage note: "58 of 60 bins holding grain inspected since 2026年8月25日; 5 empty bins not" */
  note = g_strdup_printf (ngettext ("%u of %u bin holding grain inspected since %s",
                                    "%u of %u bins holding grain inspected since %s", data->n_holding),
                          data->n_covered, data->n_holding, since);
  if (data->n_empty_missed > 0)
    {
      /* TRANSLATORS: appended to the coverage note: "; 5 empty bins not inspected" */
      g_autofree char *more = g_strdup_printf (ngettext ("%s; %u empty bin not inspected",
                                                         "%s; %u empty bins not inspected", data->n_empty_missed),
                                               note, data->n_empty_missed);
      g_free (note);
      note = g_steal_pointer (&more);
    }
  gtk_label_set_label (GTK_LABEL (self->coverage_note), note);
  gtk_widget_set_visible (self->coverage_list, data->n_uncovered > 0);
  show_more_button (self->coverage_more, data->n_uncovered, self->all_bins);
}

static void
show_tiles (GrInspectionsPage *self)
{
  PageData *data = self->data;
  guint waiting = gr_inspection_table_get_n_pending (data->inspections);
  g_autofree char *note = NULL;

  gr_kpi_tile_set_value (GR_KPI_TILE (self->tiles[TILE_YEAR]), gr_inspection_table_get_n_year (data->inspections));
  note = g_strdup_printf (_("Signed, since 1 January %.4s"), data->today);
  gr_kpi_tile_set_note (GR_KPI_TILE (self->tiles[TILE_YEAR]), note);
  g_clear_pointer (&note, g_free);

  gr_kpi_tile_set_value (GR_KPI_TILE (self->tiles[TILE_OPEN]), data->open->len);
  note = g_strdup_printf (ngettext ("%u overdue", "%u overdue", data->n_overdue), data->n_overdue);
  gr_kpi_tile_set_note (GR_KPI_TILE (self->tiles[TILE_OPEN]), note);
  g_clear_pointer (&note, g_free);

  gr_kpi_tile_set_value (GR_KPI_TILE (self->tiles[TILE_COVERAGE]),
                         data->n_holding > 0 ? (double) data->n_covered / data->n_holding : NAN);
  note = g_strdup_printf (_("%u of %u bins holding grain"), data->n_covered, data->n_holding);
  gr_kpi_tile_set_note (GR_KPI_TILE (self->tiles[TILE_COVERAGE]), note);
  g_clear_pointer (&note, g_free);

  gr_kpi_tile_set_value (GR_KPI_TILE (self->tiles[TILE_DRAFTS]), gr_inspection_table_get_n_drafts (data->inspections));
  /* TRANSLATORS: under the drafts tile: signed records not yet received by the server */
  note = g_strdup_printf (ngettext ("%u signed, waiting to be sent", "%u signed, waiting to be sent", waiting),
                          waiting);
  gr_kpi_tile_set_note (GR_KPI_TILE (self->tiles[TILE_DRAFTS]), note);
}

static void
show_history (GrInspectionsPage *self)
{
  gr_bin_history_show (self->data->history, GTK_LABEL (self->history_note), (GrChart **) self->charts,
                       (GrChartFrame **) self->frames);
}

static void
show_bins (GrInspectionsPage *self)
{
  GPtrArray *bins = self->data->bins;
  g_autofree const char **labels = g_new0 (const char *, bins->len + 1);
  const char *shown = gr_bin_history_get_bin (self->data->history);
  guint selected = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < bins->len; i++)
    {
      const HistoryBin *bin = bins->pdata[i];

      labels[i] = bin->label;
      if (g_strcmp0 (bin->id, shown) == 0)
        selected = i;
    }
  self->filling = TRUE;
  gr_lazy_dropdown_set_labels (GTK_DROP_DOWN (self->bin_dropdown), labels, bins->len, selected);
  self->filling = FALSE;
  g_free (self->bin);
  self->bin = g_strdup (shown);
  show_history (self);
}

static void
show_depots (GrInspectionsPage *self)
{
  GPtrArray *depots = self->data->depots;
  g_autofree const char **labels = g_new0 (const char *, depots->len + 2);
  guint selected = 0;

  labels[0] = _("All depots");
  for (guint i = 0; i < depots->len; i++)
    {
      const Choice *choice = depots->pdata[i];

      labels[i + 1] = choice->name;
      if (g_strcmp0 (choice->id, self->depot) == 0)
        selected = i + 1;
    }
  self->filling = TRUE;
  gr_lazy_dropdown_set_labels (self->depot_dropdown, labels, depots->len + 1, selected);
  self->filling = FALSE;
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->new_button), "s", self->depot ? self->depot : "");
}

static void fill_cell (GrInspectionsPage *self, GtkListItem *item);

static void
show_table (GrInspectionsPage *self)
{
  GHashTableIter iter;
  gpointer item;

  /* The rows kept are other inspections now: nothing stays selected. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gr_row_model_set_n_rows (self->rows, gr_inspection_table_get_n_rows (self->data->inspections));
  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    fill_cell (self, item);
}

static void
show_data (GrInspectionsPage *self)
{
  PageData *data = self->data;
  guint n = gr_inspection_table_get_n_rows (data->inspections);
  g_autofree char *summary = NULL;
  g_autofree char *shown = gr_format_iso_date (data->today);

  show_depots (self);
  show_tiles (self);
  show_findings (self);
  show_coverage (self);
  show_bins (self);
  show_table (self);
  /* TRANSLATORS: the Inspections page's summary: "3,263 inspections on record; figures as of 2026年11月25日" */
  summary = g_strdup_printf (ngettext ("%u inspection on record; figures as of %s",
                                       "%u inspections on record; figures as of %s", n),
                             n, shown);
  gtk_label_set_label (self->summary_label, summary);
}

/*
 * Callbacks
 */

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GrInspectionsPage *self = GR_INSPECTIONS_PAGE (object);
  g_autoptr(GError) error = NULL;
  PageData *data = gr_store_task_run_finish (result, &error);

  if (data == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          self->loading = FALSE;
          g_warning ("Could not read the inspections: %s", error->message);
          gtk_label_set_label (self->summary_label, error->message);
        }
      return;
    }
  self->loading = FALSE;
  if (self->data != NULL)
    page_data_free_later (g_steal_pointer (&self->data));
  self->data = data;
  show_data (self);
  self->n_loads++;
}

static void
load (GrInspectionsPage *self)
{
  LoadRequest *request;

  if (self->db_path == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  request = g_new0 (LoadRequest, 1);
  request->depot = g_strdup (self->depot);
  request->bin = g_strdup (self->bin);
  request->today = today (self);
  gr_store_task_run_async (self, self->db_path, load_worker, request, (GDestroyNotify) load_request_free,
                           (GDestroyNotify) page_data_free_later, NULL, NULL, self->cancellable, load_done_cb,
                           NULL);
}

static void
history_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GrInspectionsPage *self = GR_INSPECTIONS_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GrBinHistory) history = gr_store_task_run_finish (result, &error);

  if (history == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the readings: %s", error->message);
      return;
    }
  if (self->data != NULL && g_strcmp0 (gr_bin_history_get_bin (history), self->bin) == 0)
    {
      GrBinHistory *old = g_steal_pointer (&self->data->history);

      self->data->history = g_steal_pointer (&history);
      show_history (self);
      /* Once the charts hold the new series. */
      gr_bin_history_free (old);
      self->n_histories++;
    }
}

static void
load_history (GrInspectionsPage *self)
{
  HistoryRequest *request;

  if (self->db_path == NULL || self->bin == NULL || self->data == NULL)
    return;
  g_cancellable_cancel (self->history_cancellable);
  g_clear_object (&self->history_cancellable);
  self->history_cancellable = g_cancellable_new ();
  request = g_new0 (HistoryRequest, 1);
  request->standards = gr_standards_ref (self->data->standards);
  request->bin = g_strdup (self->bin);
  for (guint i = 0; i < self->data->bins->len; i++)
    {
      const HistoryBin *bin = self->data->bins->pdata[i];

      if (g_strcmp0 (bin->id, self->bin) == 0)
        {
          request->storage_tech = g_strdup (bin->storage_tech);
          request->variety = g_strdup (bin->variety);
        }
    }
  gr_store_task_run_async (self, self->db_path, history_worker, request, (GDestroyNotify) history_request_free,
                           (GDestroyNotify) gr_bin_history_free, NULL, NULL, self->history_cancellable,
                           history_done_cb, NULL);
}

static void
depot_selected_cb (GrInspectionsPage *self)
{
  guint index = gr_lazy_dropdown_get_selected (self->depot_dropdown);
  const char *depot;

  if (self->filling || self->data == NULL || index == GTK_INVALID_LIST_POSITION ||
      index > self->data->depots->len)
    return;
  /* The whole list made when the popup opens keeps the choice. */
  depot = index == 0 ? NULL : ((Choice *) self->data->depots->pdata[index - 1])->id;
  if (g_strcmp0 (depot, self->depot) == 0)
    return;
  g_free (self->depot);
  self->depot = g_strdup (depot);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->new_button), "s", self->depot ? self->depot : "");
  load (self);
}

static void
show_bin (GrInspectionsPage *self,
          guint              index)
{
  const char *bin = ((HistoryBin *) self->data->bins->pdata[index])->id;

  if (g_strcmp0 (bin, self->bin) == 0)
    return;
  g_free (self->bin);
  self->bin = g_strdup (bin);
  load_history (self);
}

static void
bin_selected_cb (GrInspectionsPage *self)
{
  guint index = gr_lazy_dropdown_get_selected (GTK_DROP_DOWN (self->bin_dropdown));

  if (self->filling || self->data == NULL || index >= self->data->bins->len)
    return;
  show_bin (self, index);
}

static void
close_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GrInspectionsPage *self = GR_INSPECTIONS_PAGE (object);
  g_autoptr(GError) error = NULL;

  gr_store_task_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                  _("Could not Close the Finding"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  load (self);
}

void
gr_inspections_page_close_finding (GrInspectionsPage *self,
                                   guint              index,
                                   const char        *closed_by,
                                   const char        *closed_on,
                                   const char        *note)
{
  const GrOpenFinding *f;
  CloseRequest *request;

  g_return_if_fail (GR_IS_INSPECTIONS_PAGE (self));
  if (self->data == NULL || index >= self->data->open->len)
    return;
  f = self->data->open->pdata[index];
  request = g_new0 (CloseRequest, 1);
  request->inspection = g_strdup (f->inspection);
  request->finding = g_strdup (f->finding);
  request->closed_by = g_strdup (closed_by);
  request->closed_on = g_strstrip (g_strdup (closed_on ? closed_on : ""));
  request->note = g_strdup (note);
  request->today = today (self);
  gr_store_task_run_async (self, self->db_path, close_worker, request, (GDestroyNotify) close_request_free, NULL,
                           NULL, NULL, self->cancellable, close_done_cb, NULL);
}

static void
close_response_cb (AdwMessageDialog  *dialog,
                   const char        *response,
                   GrInspectionsPage *self)
{
  GtkEditable *who = g_object_get_data (G_OBJECT (dialog), "who");
  GtkEditable *when = g_object_get_data (G_OBJECT (dialog), "when");
  GtkEditable *note = g_object_get_data (G_OBJECT (dialog), "note");

  if (g_strcmp0 (response, "close-finding") != 0)
    return;
  gr_inspections_page_close_finding (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "index")),
                                     gtk_editable_get_text (who), gtk_editable_get_text (when),
                                     gtk_editable_get_text (note));
}

static GtkWidget *
labelled_entry (GtkWidget  *box,
                const char *mnemonic,
                const char *text)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);
  GtkWidget *entry = gtk_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  return entry;
}

static void
close_clicked_cb (GtkButton         *button,
                  GrInspectionsPage *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  const GrOpenFinding *f = self->data->open->pdata[index];
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *now = today (self);
  GtkWidget *dialog, *box, *who, *when, *note;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   /* TRANSLATORS: the dialog closing a finding: 整改销号 */
                                   _("Close the Finding?"), f->text);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  who = labelled_entry (box, _("Put right and checked _by"), NULL);
  when = labelled_entry (box, _("_On (YYYY-MM-DD)"), now);
  note = labelled_entry (box, _("_Note"), NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "close-finding", _("Close _Finding"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close-finding", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close-finding");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "who", who);
  g_object_set_data (G_OBJECT (dialog), "when", when);
  g_object_set_data (G_OBJECT (dialog), "note", note);
  g_object_set_data (G_OBJECT (dialog), "index", GUINT_TO_POINTER (index));
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (who);
}

/* ---- The inspections table ---- */

char *
gr_inspections_page_dup_cell (GrInspectionsPage *self,
                              guint              row,
                              guint              column)
{
  const GrInspectionRow *s;

  g_return_val_if_fail (GR_IS_INSPECTIONS_PAGE (self), NULL);
  if (self->data == NULL || (s = gr_inspection_table_get_row (self->data->inspections, row)) == NULL)
    return g_strdup ("");
  switch (column)
    {
    case COLUMN_DATE:
      return g_strdup (s->date);
    case COLUMN_DEPOT:
      return g_strdup (s->depot_name);
    case COLUMN_KIND:
      return g_strdup (gr_inspection_kind_name (s->kind));
    case COLUMN_INSPECTORS:
      return g_strdup (s->inspectors);
    case COLUMN_FINDINGS:
      if (s->n_findings == 0)
        return g_strdup ("—");
      if (s->state == GR_INSPECTION_DRAFT)
        return g_strdup_printf ("%u", s->n_findings);
      /* TRANSLATORS: findings of an inspection: "1 open of 2" */
      return g_strdup_printf (_("%u open of %u"), s->n_open, s->n_findings);
    case COLUMN_STATE:
      if (s->superseded)
        /* TRANSLATORS: a signed inspection replaced by its correction */
        return g_strdup (_("Corrected"));
      if (s->correction && s->state != GR_INSPECTION_DRAFT)
        /* TRANSLATORS: state of a correction: "Signed, a correction" */
        return g_strdup_printf (_("%s, a correction"), gr_inspection_state_name (s->state));
      return g_strdup (gr_inspection_state_name (s->state));
    default:
      g_return_val_if_reached (NULL);
    }
}

static const GrInspectionRow *
row_of (GrInspectionsPage *self,
        GtkListItem       *item)
{
  GrRowItem *row = gtk_list_item_get_item (item);

  if (row == NULL || self->data == NULL)
    return NULL;
  return gr_inspection_table_get_row (self->data->inspections, gr_row_item_get_position (row));
}

/* A refused record's state cell tells why when hovered. It is asked for
 * then rather than set on each fill: setting a tooltip asks the X server
 * where the pointer is, a round trip per cell. */
static gboolean
state_query_tooltip_cb (GtkWidget         *label,
                        int                x,
                        int                y,
                        gboolean           keyboard,
                        GtkTooltip        *tooltip,
                        GrInspectionsPage *self)
{
  const GrInspectionRow *s = row_of (self, g_object_get_data (G_OBJECT (label), "list-item"));

  if (s == NULL || s->sync_error == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, s->sync_error);
  return TRUE;
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               GrInspectionsPage        *self)
{
  GtkWidget *label = gtk_label_new (NULL);
  int column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));

  g_object_set_data (G_OBJECT (label), "column", GINT_TO_POINTER (column));
  gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_FINDINGS ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column == COLUMN_DATE || column == COLUMN_FINDINGS)
    gtk_widget_add_css_class (label, "numeric");
  if (column == COLUMN_STATE)
    {
      g_object_set_data (G_OBJECT (label), "list-item", item);
      gtk_widget_set_has_tooltip (label, TRUE);
      g_signal_connect (label, "query-tooltip", G_CALLBACK (state_query_tooltip_cb), self);
    }
  gtk_list_item_set_child (item, label);
}

static const char * const state_classes[] = { "warning", "error", "dim-label" };

/* Shows the row's values in a cell; again after a refresh, as the row
 * (its position) stays the same object. */
static void
fill_cell (GrInspectionsPage *self,
           GtkListItem       *item)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  int column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (label), "column"));
  GrRowItem *row = gtk_list_item_get_item (item);
  const GrInspectionRow *s = row_of (self, item);
  g_autofree char *text = s ? gr_inspections_page_dup_cell (self, gr_row_item_get_position (row), column) : NULL;
  const char *klass = NULL;

  gtk_label_set_label (GTK_LABEL (label), text ? text : "");
  if (column == COLUMN_STATE && s != NULL)
    {
      if (s->state == GR_INSPECTION_DRAFT)
        klass = "warning";
      else if (s->state == GR_INSPECTION_REJECTED)
        klass = "error";
      else if (s->superseded)
        klass = "dim-label";
    }
  if (column == COLUMN_FINDINGS && s != NULL && s->n_open > 0)
    klass = "warning";
  /* Only what changes: a change of style classes restyles the cell. */
  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    {
      const char *name = state_classes[i];

      if (g_strcmp0 (name, klass) == 0)
        gtk_widget_add_css_class (label, name);
      else if (gtk_widget_has_css_class (label, name))
        gtk_widget_remove_css_class (label, name);
    }
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              GrInspectionsPage        *self)
{
  g_hash_table_add (self->bound, item);
  fill_cell (self, item);
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                GrInspectionsPage        *self)
{
  if (self->bound != NULL)
    g_hash_table_remove (self->bound, item);
}

static void
row_activated_cb (GtkColumnView     *view,
                  guint              position,
                  GrInspectionsPage *self)
{
  const char *id = gr_inspections_page_get_row_id (self, position);

  if (id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-inspection", "s", id);
}

/*
 * Building the page
 */

static GtkWidget *
section_new (const char *title,
             GtkWidget  *note,
             GtkWidget  *content)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (title);

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_box_append (GTK_BOX (box), heading);
  if (note != NULL)
    {
      gtk_widget_add_css_class (note, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (note), 0);
      gtk_label_set_wrap (GTK_LABEL (note), TRUE);
      gtk_box_append (GTK_BOX (box), note);
    }
  gtk_box_append (GTK_BOX (box), content);
  return box;
}

static void
more_clicked_cb (GtkButton         *button,
                 GrInspectionsPage *self)
{
  if (self->data == NULL)
    return;
  if (GTK_WIDGET (button) == self->findings_more)
    {
      self->all_findings = !self->all_findings;
      show_findings (self);
    }
  else
    {
      self->all_bins = !self->all_bins;
      show_coverage (self);
    }
}

/* A list in the page (the page scrolls, not the list) and its button. */
static GtkWidget *
short_list (GrInspectionsPage  *self,
            GtkWidget         **out_list,
            GtkWidget         **out_more)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *more = gtk_button_new_with_label ("");

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_valign (list, GTK_ALIGN_START);
  gtk_widget_set_halign (more, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (more, "flat");
  gtk_widget_set_visible (more, FALSE);
  g_signal_connect (more, "clicked", G_CALLBACK (more_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), more);
  *out_list = list;
  *out_more = more;
  return box;
}

static GtkWidget *
tile_new (const char *title,
          gboolean    percent)
{
  GtkWidget *tile = gr_kpi_tile_new ();

  gr_kpi_tile_set_title (GR_KPI_TILE (tile), title);
  gr_kpi_tile_set_percent (GR_KPI_TILE (tile), percent);
  gr_kpi_tile_set_decimals (GR_KPI_TILE (tile), percent ? 1 : 0);
  return tile;
}

static GtkWidget *
build_table (GrInspectionsPage *self)
{
  const char *titles[N_COLUMNS] = {
    /* TRANSLATORS: columns of the inspections table */
    _("Date"), _("Depot"), _("Kind"), _("Inspectors"), _("Findings"), _("State"),
  };
  GtkWidget *scrolled;

  self->rows = gr_row_model_new ();
  self->paced = gr_paced_model_new (G_LIST_MODEL (self->rows));
  self->bound = g_hash_table_new (NULL, NULL);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->paced)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  self->table = gtk_column_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)));
  gtk_column_view_set_show_row_separators (GTK_COLUMN_VIEW (self->table), TRUE);
  gtk_column_view_set_single_click_activate (GTK_COLUMN_VIEW (self->table), FALSE);
  gtk_widget_add_css_class (self->table, "data-table");
  g_signal_connect (self->table, "activate", G_CALLBACK (row_activated_cb), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->table), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Inspections"), -1);
  for (int c = 0; c < N_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (c));
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), self);
      column = gtk_column_view_column_new (titles[c], factory);
      gtk_column_view_column_set_expand (column, c == COLUMN_DEPOT || c == COLUMN_INSPECTORS);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (GTK_COLUMN_VIEW (self->table), column);
      g_object_unref (column);
    }
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (scrolled, -1, 380);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->table);
  gtk_widget_add_css_class (scrolled, "card");
  return scrolled;
}

static GtkWidget *
chart_frame (const char  *title,
             GtkWidget   *chart,
             GtkWidget  **out_frame)
{
  gtk_widget_set_size_request (chart, -1, 220);
  *out_frame = gr_chart_frame_new (title, chart);
  return *out_frame;
}

static void
build_page (GrInspectionsPage *self)
{
  GtkWidget *box, *bar, *charts, *label;

  /* TRANSLATORS: KPI tiles of the Inspections page */
  self->tiles[TILE_YEAR] = tile_new (_("Inspections this year"), FALSE);
  self->tiles[TILE_OPEN] = tile_new (_("Open findings"), FALSE);
  self->tiles[TILE_COVERAGE] = tile_new (_("Bins inspected this quarter"), TRUE);
  gr_kpi_tile_set_target (GR_KPI_TILE (self->tiles[TILE_COVERAGE]), 1.0);
  self->tiles[TILE_DRAFTS] = tile_new (_("Drafts to sign"), FALSE);
  for (guint i = 0; i < N_TILES; i++)
    gtk_box_append (self->tiles_box, self->tiles[i]);

  self->findings_note = gtk_label_new (NULL);
  box = short_list (self, &self->findings_list, &self->findings_more);
  gtk_grid_attach (self->grid, section_new (_("Open Findings"), self->findings_note, box), 0, 0, 1, 1);

  self->coverage_note = gtk_label_new (NULL);
  box = short_list (self, &self->coverage_list, &self->coverage_more);
  gtk_grid_attach (self->grid,
                   section_new (_("Bins Not Inspected in the Last Quarter"), self->coverage_note, box), 1, 0, 1, 1);

  /* The reading history of one bin. */
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  label = gtk_label_new_with_mnemonic (_("_Bin"));
  self->bin_dropdown = gtk_drop_down_new (NULL, NULL);
  gr_lazy_dropdown_init (GTK_DROP_DOWN (self->bin_dropdown));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), self->bin_dropdown);
  g_signal_connect_swapped (self->bin_dropdown, "notify::selected", G_CALLBACK (bin_selected_cb), self);
  self->history_note = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->history_note, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (self->history_note), 0);
  gtk_widget_set_hexpand (self->history_note, TRUE);
  gtk_box_append (GTK_BOX (bar), label);
  gtk_box_append (GTK_BOX (bar), self->bin_dropdown);
  gtk_box_append (GTK_BOX (bar), self->history_note);
  gtk_box_append (GTK_BOX (box), bar);

  charts = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  gtk_box_set_homogeneous (GTK_BOX (charts), TRUE);
  self->charts[GR_BIN_HISTORY_TEMPERATURE] = gr_chart_new_lines ();
  self->charts[GR_BIN_HISTORY_MOISTURE] = gr_chart_new_lines ();
  self->charts[GR_BIN_HISTORY_PESTS] = gr_chart_new_bars (GR_BAR_MODE_GROUPED, FALSE);
  gr_chart_add_layer (GR_CHART (self->charts[GR_BIN_HISTORY_PESTS]), gr_threshold_layer_new ());
  /* TRANSLATORS: chart titles of a bin's readings over time */
  gtk_box_append (GTK_BOX (charts), chart_frame (_("Grain temperature"), self->charts[GR_BIN_HISTORY_TEMPERATURE],
                                                 &self->frames[GR_BIN_HISTORY_TEMPERATURE]));
  gtk_box_append (GTK_BOX (charts), chart_frame (_("Moisture"), self->charts[GR_BIN_HISTORY_MOISTURE],
                                                 &self->frames[GR_BIN_HISTORY_MOISTURE]));
  gtk_box_append (GTK_BOX (charts), chart_frame (_("Pest density"), self->charts[GR_BIN_HISTORY_PESTS],
                                                 &self->frames[GR_BIN_HISTORY_PESTS]));
  gtk_box_append (GTK_BOX (box), charts);
  gtk_grid_attach (self->grid, section_new (_("Readings of a Bin"), NULL, box), 0, 1, 2, 1);

  label = gtk_label_new (_("Drafts first, then the newest. Double-click or press Enter to open one; a signed record "
                           "opens read-only."));
  gtk_grid_attach (self->grid, section_new (_("Inspections"), label, build_table (self)), 0, 2, 2, 1);
}

/*
 * GObject overrides
 */

static void
gr_inspections_page_dispose (GObject *object)
{
  GrInspectionsPage *self = GR_INSPECTIONS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->history_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->history_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GR_TYPE_INSPECTIONS_PAGE);
  g_clear_pointer (&self->bound, g_hash_table_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->paced);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->data, page_data_free);

  G_OBJECT_CLASS (gr_inspections_page_parent_class)->dispose (object);
}

static void
gr_inspections_page_finalize (GObject *object)
{
  GrInspectionsPage *self = GR_INSPECTIONS_PAGE (object);

  g_free (self->db_path);
  g_free (self->depot);
  g_free (self->bin);
  g_free (self->today);

  G_OBJECT_CLASS (gr_inspections_page_parent_class)->finalize (object);
}

static void
gr_inspections_page_class_init (GrInspectionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gr_inspections_page_dispose;
  object_class->finalize = gr_inspections_page_finalize;

  gr_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/gr-inspections-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GrInspectionsPage, depot_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionsPage, grid);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionsPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionsPage, tiles_box);
}

static void
gr_inspections_page_init (GrInspectionsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gr_charts_init ();
  build_page (self);
  gr_lazy_dropdown_init (self->depot_dropdown);
  g_signal_connect_swapped (self->depot_dropdown, "notify::selected", G_CALLBACK (depot_selected_cb), self);
}

/*
 * Public API
 */

void
gr_inspections_page_reload (GrInspectionsPage *self,
                            const char        *db_path)
{
  g_return_if_fail (GR_IS_INSPECTIONS_PAGE (self));
  g_return_if_fail (db_path != NULL);

  if (g_strcmp0 (self->db_path, db_path) != 0)
    {
      g_free (self->db_path);
      self->db_path = g_strdup (db_path);
    }
  load (self);
}

void
gr_inspections_page_set_today (GrInspectionsPage *self,
                               const char        *today_iso)
{
  g_return_if_fail (GR_IS_INSPECTIONS_PAGE (self));
  g_free (self->today);
  self->today = g_strdup (today_iso);
}

guint
gr_inspections_page_get_n_loads (GrInspectionsPage *self)
{
  g_return_val_if_fail (GR_IS_INSPECTIONS_PAGE (self), 0);
  return self->n_loads;
}

guint
gr_inspections_page_get_n_histories (GrInspectionsPage *self)
{
  g_return_val_if_fail (GR_IS_INSPECTIONS_PAGE (self), 0);
  return self->n_histories;
}

void
gr_inspections_page_select_depot (GrInspectionsPage *self,
                                  const char        *depot)
{
  g_return_if_fail (GR_IS_INSPECTIONS_PAGE (self));
  g_free (self->depot);
  self->depot = g_strdup (depot);
  load (self);
}

void
gr_inspections_page_select_bin (GrInspectionsPage *self,
                                const char        *bin)
{
  g_return_if_fail (GR_IS_INSPECTIONS_PAGE (self));
  for (guint i = 0; self->data != NULL && i < self->data->bins->len; i++)
    if (g_strcmp0 (((HistoryBin *) self->data->bins->pdata[i])->id, bin) == 0)
      {
        self->filling = TRUE;
        gr_lazy_dropdown_set_selected (GTK_DROP_DOWN (self->bin_dropdown), i);
        self->filling = FALSE;
        show_bin (self, i);
        return;
      }
}

const char *
gr_inspections_page_get_bin (GrInspectionsPage *self)
{
  g_return_val_if_fail (GR_IS_INSPECTIONS_PAGE (self), NULL);
  return self->bin;
}

GrKpiTile *
gr_inspections_page_get_tile (GrInspectionsPage *self,
                              guint              index)
{
  g_return_val_if_fail (GR_IS_INSPECTIONS_PAGE (self) && index < N_TILES, NULL);
  return GR_KPI_TILE (self->tiles[index]);
}

GtkDropDown *
gr_inspections_page_get_depot_dropdown (GrInspectionsPage *self)
{
  return self->depot_dropdown;
}

GtkDropDown *
gr_inspections_page_get_bin_dropdown (GrInspectionsPage *self)
{
  return GTK_DROP_DOWN (self->bin_dropdown);
}

GtkListBox *
gr_inspections_page_get_findings_list (GrInspectionsPage *self)
{
  return GTK_LIST_BOX (self->findings_list);
}

GtkListBox *
gr_inspections_page_get_coverage_list (GrInspectionsPage *self)
{
  return GTK_LIST_BOX (self->coverage_list);
}

GrChart *
gr_inspections_page_get_temperature_chart (GrInspectionsPage *self)
{
  return GR_CHART (self->charts[GR_BIN_HISTORY_TEMPERATURE]);
}

GrChart *
gr_inspections_page_get_moisture_chart (GrInspectionsPage *self)
{
  return GR_CHART (self->charts[GR_BIN_HISTORY_MOISTURE]);
}

GrChart *
gr_inspections_page_get_pest_chart (GrInspectionsPage *self)
{
  return GR_CHART (self->charts[GR_BIN_HISTORY_PESTS]);
}

GtkColumnView *
gr_inspections_page_get_table (GrInspectionsPage *self)
{
  return GTK_COLUMN_VIEW (self->table);
}

guint
gr_inspections_page_get_n_rows (GrInspectionsPage *self)
{
  return gr_row_model_get_n_rows (self->rows);
}

const char *
gr_inspections_page_get_row_id (GrInspectionsPage *self,
                                guint              row)
{
  const GrInspectionRow *s;

  if (self->data == NULL || (s = gr_inspection_table_get_row (self->data->inspections, row)) == NULL)
    return NULL;
  return s->id;
}

char *
gr_inspections_page_dup_shown_cell (GrInspectionsPage *self,
                                    guint              row,
                                    guint              column)
{
  GHashTableIter iter;
  gpointer item;

  g_return_val_if_fail (GR_IS_INSPECTIONS_PAGE (self), NULL);
  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    {
      GtkWidget *label = gtk_list_item_get_child (item);

      if (gtk_list_item_get_position (item) == row &&
          GPOINTER_TO_INT (g_object_get_data (G_OBJECT (label), "column")) == (int) column)
        return g_strdup (gtk_label_get_label (GTK_LABEL (label)));
    }
  return NULL;
}

gboolean
gr_inspections_page_get_busy (GrInspectionsPage *self)
{
  g_return_val_if_fail (GR_IS_INSPECTIONS_PAGE (self), FALSE);
  return self->loading || gr_paced_model_get_pending (self->paced);
}
