/* gr-grading-page.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-grading-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "gr-grading-page.h"
#include "gr-grading-report.h"
#include "gr-resources.h"
#include "gr-store-task.h"
#include "gr-targets.h"
#include "gr-variety.h"

#define N_LEVELS 6
#define N_GRADE_PARTS 6   /* 一等 … 五等, 等外 */

/* What the worker reads: plain numbers and strings, nothing of GTK. */
typedef struct {
  guint       level_counts[N_LEVELS];
  guint       n_depots;
  guint       at_aaa;
  double      depot_share;
  double      tonnage_share;
  double      target;            /* NaN: no region target */
  char       *target_document;
  GPtrArray  *depots;            /* GrDepotGrade */
  GPtrArray  *items;             /* char*: template items, in order */
  GArray     *points;            /* double: their points */
  gboolean    placeholder;
  GPtrArray  *varieties;         /* char*: raw-grain varieties with stock */
  GArray     *grade_t;           /* double[N_GRADE_PARTS] per variety */
  GArray     *storage_t;         /* double[3] per variety */
  guint       n_unconfirmed;
  guint       n_judged;
} GradingData;

static void
grading_data_free (GradingData *data)
{
  g_clear_pointer (&data->target_document, g_free);
  g_clear_pointer (&data->depots, g_ptr_array_unref);
  g_clear_pointer (&data->items, g_ptr_array_unref);
  g_clear_pointer (&data->points, g_array_unref);
  g_clear_pointer (&data->varieties, g_ptr_array_unref);
  g_clear_pointer (&data->grade_t, g_array_unref);
  g_clear_pointer (&data->storage_t, g_array_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GradingData, grading_data_free)

struct _GrGradingPage
{
  AdwBin        parent_instance;

  /* Template Widgets */
  GtkGrid      *grid;
  GtkLabel     *summary_label;
  GtkLabel     *unconfirmed_label;

  /* Owned References */
  GtkWidget    *coverage_tile;
  GtkWidget    *tonnage_tile;
  GtkWidget    *levels_chart;
  GtkWidget    *scores_chart;
  GtkWidget    *scores_frame;
  GtkWidget    *depot_dropdown;
  GtkWidget    *grades_chart;
  GtkWidget    *storage_chart;
  GradingData  *data;
  GCancellable *cancellable;
  guint         n_loads;
};

G_DEFINE_FINAL_TYPE (GrGradingPage, gr_grading_page, ADW_TYPE_BIN)

/*
 * The worker
 */

static int
variety_index (const char *variety)
{
  const char * const *codes = gr_variety_codes ();

  for (int i = 0; codes[i] != NULL; i++)
    if (g_strcmp0 (codes[i], variety) == 0)
      return i;
  return -1;
}

static gpointer
load_worker (GrStore         *store,
             gpointer         task_data,
             GrProgressFunc   progress,
             gpointer         progress_data,
             GCancellable    *cancellable,
             GError         **error)
{
  const char *targets_id = task_data;
  g_autoptr(GradingData) data = g_new0 (GradingData, 1);
  g_autoptr(GrStandards) standards = NULL;
  g_autoptr(GPtrArray) lots = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const GrAssessmentTemplate *tpl;
  const char * const *codes = gr_variety_codes ();
  double grade_t[16][N_GRADE_PARTS] = { { 0 } };
  double storage_t[16][3] = { { 0 } };
  gboolean present[16] = { FALSE };

  if ((standards = gr_standards_load (error)) == NULL ||
      (data->depots = gr_grading_depots (store, error)) == NULL ||
      (lots = gr_grading_lots (store, standards, error)) == NULL)
    return NULL;

  /* Depot levels and the coverage (Qingyuan 表2 row 13 counts depots). */
  data->n_depots = data->depots->len;
  for (guint i = 0; i < data->depots->len; i++)
    data->level_counts[((GrDepotGrade *) data->depots->pdata[i])->level]++;
  gr_grading_coverage (data->depots, &data->at_aaa, &data->depot_share, &data->tonnage_share);
  data->target = NAN;
  if (targets_id != NULL && *targets_id != '\0')
    {
      g_autoptr(GrTargets) targets = gr_targets_load (targets_id, NULL);

      if (targets != NULL && targets->aaa_coverage.value > 0)
        {
          data->target = targets->aaa_coverage.value;
          data->target_document = g_strdup (targets->document);
        }
    }

  /* The assessment template: items and their points. */
  data->items = g_ptr_array_new_with_free_func (g_free);
  data->points = g_array_new (FALSE, FALSE, sizeof (double));
  if ((tpl = gr_standards_default_template (standards)) != NULL)
    {
      data->placeholder = tpl->placeholder;
      for (guint i = 0; i < tpl->n_items; i++)
        {
          g_ptr_array_add (data->items, g_strdup (tpl->items[i].item));
          g_array_append_val (data->points, tpl->items[i].points);
        }
    }

  /* Grades and storage quality of raw-grain stock, as the lots hold them
   * (import and recorded tests keep them). */
  stmt = gr_store_prepare (store,
                           "SELECT variety, grade, substandard, storage_quality, balance_kg FROM lots"
                           " WHERE deleted = 0 AND balance_kg > 0", error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *variety = (const char *) sqlite3_column_text (stmt, 0);
      int v = variety_index (variety);
      double t = sqlite3_column_int64 (stmt, 4) / 1000.0;
      GrStorageQuality quality = GR_STORAGE_SUITABLE;
      int grade = sqlite3_column_int (stmt, 1);

      if (v < 0 || v >= 16 || gr_variety_class (variety) != GR_CLASS_RAW)
        continue;
      present[v] = TRUE;
      if (sqlite3_column_int (stmt, 2))
        grade_t[v][5] += t;
      else if (grade >= 1 && grade <= 5)
        grade_t[v][grade - 1] += t;
      gr_storage_quality_from_string ((const char *) sqlite3_column_text (stmt, 3), &quality);
      storage_t[v][quality] += t;
    }
  data->varieties = g_ptr_array_new_with_free_func (g_free);
  data->grade_t = g_array_new (FALSE, FALSE, sizeof (double));
  data->storage_t = g_array_new (FALSE, FALSE, sizeof (double));
  for (int v = 0; codes[v] != NULL && v < 16; v++)
    if (present[v])
      {
        g_ptr_array_add (data->varieties, g_strdup (codes[v]));
        g_array_append_vals (data->grade_t, grade_t[v], N_GRADE_PARTS);
        g_array_append_vals (data->storage_t, storage_t[v], 3);
      }

  for (guint i = 0; i < lots->len; i++)
    {
      const GrLotGrade *lot = lots->pdata[i];

      if (!lot->judged)
        continue;
      data->n_judged++;
      if (lot->judgement.unconfirmed)
        data->n_unconfirmed++;
    }
  return g_steal_pointer (&data);
}

/*
 * Showing the data
 */

static char **
variety_names (GradingData *data)
{
  char **names = g_new0 (char *, data->varieties->len + 1);

  for (guint i = 0; i < data->varieties->len; i++)
    names[i] = g_strdup (gr_variety_name (data->varieties->pdata[i]));
  return names;
}

static void
show_levels (GrGradingPage *self)
{
  static const GrChartColor colors[N_LEVELS] = {
    GR_CHART_COLOR_NEUTRAL, GR_CHART_COLOR_SERIES_5, GR_CHART_COLOR_SERIES_4,
    GR_CHART_COLOR_SERIES_3, GR_CHART_COLOR_SERIES_2, GR_CHART_COLOR_SERIES_1,
  };
  const char *levels[N_LEVELS + 1] = { _("No level"), "A", "AA", "AAA", "AAAA", "AAAAA", NULL };
  g_autoptr(GrChartData) chart_data = gr_chart_data_new ();
  g_autoptr(GrChartSeries) series = NULL;
  double counts[N_LEVELS];

  for (guint i = 0; i < N_LEVELS; i++)
    counts[i] = self->data->level_counts[i];
  /* TRANSLATORS: the series of the depot level chart: how many depots (库点数) */
  series = gr_chart_series_new (_("Depots"), GR_CHART_COLOR_AUTO, counts, N_LEVELS);
  gr_chart_data_set_categories (chart_data, levels);
  /* TRANSLATORS: heading of the category column: 等级粮库级别 */
  gr_chart_data_set_category_title (chart_data, _("Level"));
  gr_chart_data_add_series (chart_data, series);
  gr_chart_set_data (GR_CHART (self->levels_chart), chart_data);
  gr_share_layer_set_colors (GR_SHARE_LAYER (gr_chart_find_layer (GR_CHART (self->levels_chart), GR_TYPE_SHARE_LAYER)),
                             colors, N_LEVELS);
}

static void
show_coverage (GrGradingPage *self)
{
  GradingData *data = self->data;
  g_autofree char *note = NULL;

  gr_kpi_tile_set_value (GR_KPI_TILE (self->coverage_tile), data->depot_share);
  gr_kpi_tile_set_target (GR_KPI_TILE (self->coverage_tile), data->target);
  /* TRANSLATORS: under the AAA coverage figure: "21 个库点中 15 个" */
  note = g_strdup_printf (_("%u of %u depots"), data->at_aaa, data->n_depots);
  gr_kpi_tile_set_note (GR_KPI_TILE (self->coverage_tile), note);
  gr_kpi_tile_set_value (GR_KPI_TILE (self->tonnage_tile), data->tonnage_share);
  gr_kpi_tile_set_target (GR_KPI_TILE (self->tonnage_tile), data->target);
  gr_kpi_tile_set_note (GR_KPI_TILE (self->tonnage_tile), _("Share of the stock held in them"));
}

static void
show_scores (GrGradingPage *self,
             guint          index)
{
  static const char * const stage_keys[] = { "self", "city", "province" };
  GradingData *data = self->data;
  const GrDepotGrade *depot;
  g_autoptr(GrChartData) chart_data = gr_chart_data_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (double));
  const char *stage_names[3] = { _("Self score"), _("City on-site"), _("Province on-site") };
  GrChartColor stage_colors[3] = { GR_CHART_COLOR_NEUTRAL, GR_CHART_COLOR_SERIES_1, GR_CHART_COLOR_SERIES_2 };
  JsonObject *scores = NULL;
  g_autofree char *subtitle = NULL;

  if (data == NULL || index >= data->depots->len)
    return;
  depot = data->depots->pdata[index];
  if (depot->scores != NULL && json_parser_load_from_data (parser, depot->scores, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    scores = json_node_get_object (json_parser_get_root (parser));

  /* The template's items in order, then any other item scored. */
  for (guint i = 0; i < data->items->len; i++)
    {
      g_ptr_array_add (items, data->items->pdata[i]);
      g_array_append_val (points, g_array_index (data->points, double, i));
    }
  if (scores != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (scores);

      for (const GList *l = members; l != NULL; l = l->next)
        {
          gboolean known = FALSE;
          double none = NAN;

          for (guint i = 0; i < items->len; i++)
            known |= g_strcmp0 (items->pdata[i], l->data) == 0;
          if (!known)
            {
              g_ptr_array_add (items, l->data);
              g_array_append_val (points, none);
            }
        }
    }
  g_ptr_array_add (items, NULL);
  gr_chart_data_set_categories (chart_data, (const char * const *) items->pdata);
  /* TRANSLATORS: heading of the category column: 评定项目 */
  gr_chart_data_set_category_title (chart_data, _("Item"));
  /* TRANSLATORS: unit of assessment scores: 分 */
  gr_chart_data_set_unit (chart_data, _("points"));
  gr_chart_data_set_decimals (chart_data, 1);
  for (guint s = 0; s < 3; s++)
    {
      g_autofree double *values = g_new (double, items->len - 1);
      gboolean any = FALSE;

      for (guint i = 0; i + 1 < items->len; i++)
        {
          JsonObject *item = NULL;

          values[i] = NAN;
          if (scores != NULL && json_object_has_member (scores, items->pdata[i]) &&
              JSON_NODE_HOLDS_OBJECT (json_object_get_member (scores, items->pdata[i])))
            item = json_object_get_object_member (scores, items->pdata[i]);
          if (item != NULL && json_object_has_member (item, stage_keys[s]) &&
              JSON_NODE_HOLDS_VALUE (json_object_get_member (item, stage_keys[s])))
            {
              values[i] = json_object_get_double_member (item, stage_keys[s]);
              any = TRUE;
            }
        }
      if (any)
        {
          g_autoptr(GrChartSeries) series = gr_chart_series_new (stage_names[s], stage_colors[s], values, items->len - 1);
          gr_chart_data_add_series (chart_data, series);
        }
    }
  /* TRANSLATORS: the target markers of the score chart: 满分 */
  gr_chart_data_set_targets (chart_data, _("Full points"), (const double *) points->data, points->len);
  gr_chart_set_data (GR_CHART (self->scores_chart), chart_data);

  if (depot->assessment == NULL)
    subtitle = g_strdup (_("No decided assessment"));
  else if (depot->has_score)
    /* TRANSLATORS: the score chart's subtitle: "2025-11-03 授牌 AAAA · 最终得分 90.0 分" */
    subtitle = g_strdup_printf (_("Decided on %s: %s · final score %.1f"), depot->decided_on,
                                gr_assessment_state_name (depot->state), depot->score);
  else
    subtitle = g_strdup_printf (_("Decided on %s: %s"), depot->decided_on, gr_assessment_state_name (depot->state));
  if (data->placeholder)
    {
      g_autofree char *with_note = g_strdup_printf ("%s · %s", subtitle,
                                                    _("full points from the placeholder template"));
      g_free (subtitle);
      subtitle = g_steal_pointer (&with_note);
    }
  gr_chart_frame_set_subtitle (GR_CHART_FRAME (self->scores_frame), subtitle);
}

static void
show_grades (GrGradingPage *self)
{
  static const GrChartColor colors[N_GRADE_PARTS] = {
    GR_CHART_COLOR_SERIES_1, GR_CHART_COLOR_SERIES_2, GR_CHART_COLOR_SERIES_3,
    GR_CHART_COLOR_SERIES_4, GR_CHART_COLOR_SERIES_5, GR_CHART_COLOR_ERROR,
  };
  static const GrChartColor storage_colors[3] = {
    GR_CHART_COLOR_SUCCESS, GR_CHART_COLOR_WARNING, GR_CHART_COLOR_ERROR,
  };
  GradingData *data = self->data;
  g_auto(GStrv) names = variety_names (data);
  g_autoptr(GrChartData) grades = gr_chart_data_new ();
  g_autoptr(GrChartData) storage = gr_chart_data_new ();
  guint n = data->varieties->len;

  gr_chart_data_set_categories (grades, (const char * const *) names);
  gr_chart_data_set_category_title (grades, _("Variety"));
  gr_chart_data_set_unit (grades, _("t"));
  for (guint g = 0; g < N_GRADE_PARTS; g++)
    {
      g_autofree double *values = g_new (double, MAX (n, 1));
      g_autofree char *name = g < 5 ? gr_variety_grade_name ("wheat", g + 1) : g_strdup (_("Substandard"));
      g_autoptr(GrChartSeries) series = NULL;

      for (guint v = 0; v < n; v++)
        values[v] = g_array_index (data->grade_t, double, v * N_GRADE_PARTS + g);
      series = gr_chart_series_new (name, colors[g], values, n);
      gr_chart_data_add_series (grades, series);
    }
  gr_chart_set_data (GR_CHART (self->grades_chart), grades);

  gr_chart_data_set_categories (storage, (const char * const *) names);
  gr_chart_data_set_category_title (storage, _("Variety"));
  gr_chart_data_set_unit (storage, _("t"));
  for (guint q = 0; q < 3; q++)
    {
      g_autofree double *values = g_new (double, MAX (n, 1));
      g_autoptr(GrChartSeries) series = NULL;

      for (guint v = 0; v < n; v++)
        values[v] = g_array_index (data->storage_t, double, v * 3 + q);
      series = gr_chart_series_new (gr_storage_quality_name (q), storage_colors[q], values, n);
      gr_chart_data_add_series (storage, series);
    }
  gr_chart_set_data (GR_CHART (self->storage_chart), storage);
}

static void
show_depot_list (GrGradingPage *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint best = 0;

  for (guint i = 0; i < self->data->depots->len; i++)
    {
      const GrDepotGrade *depot = self->data->depots->pdata[i];
      g_autofree char *label = g_strdup_printf ("%s（%s）", depot->name,
                                                depot->level > 0 ? gr_depot_level_to_string (depot->level) : _("No level"));

      gtk_string_list_append (list, label);
      /* Open on the best-graded depot: the fullest breakdown. */
      if (depot->level > ((GrDepotGrade *) self->data->depots->pdata[best])->level)
        best = i;
    }
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->depot_dropdown), G_LIST_MODEL (list));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->depot_dropdown), best);
  show_scores (self, best);
}

static void
show_data (GrGradingPage *self)
{
  GradingData *data = self->data;
  g_autofree char *summary = NULL;

  /* TRANSLATORS: the Grading page's summary line: "21 个库点，其中 15 个达到 AAA 级及以上" */
  summary = g_strdup_printf (_("%u depots, %u of them at AAA or above"), data->n_depots, data->at_aaa);
  if (!isnan (data->target) && data->target_document != NULL)
    {
      /* TRANSLATORS: appended to the summary: "目标 80%（清远市…规划）" */
      g_autofree char *with_target = g_strdup_printf (_("%s; target %.0f%% (%s)"), summary, data->target * 100,
                                                      data->target_document);
      g_free (summary);
      summary = g_steal_pointer (&with_target);
    }
  gtk_label_set_label (self->summary_label, summary);

  show_coverage (self);
  show_levels (self);
  show_depot_list (self);
  show_grades (self);

  if (data->n_unconfirmed > 0)
    {
      g_autofree char *text =
        g_strdup_printf (ngettext ("%u of %u lot judgements rests on a threshold not yet confirmed against the standard’s text (see granary-cli grade).",
                                   "%u of %u lot judgements rest on thresholds not yet confirmed against the standards’ texts (see granary-cli grade).",
                                   data->n_unconfirmed),
                         data->n_unconfirmed, data->n_judged);
      gtk_label_set_label (self->unconfirmed_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->unconfirmed_label), data->n_unconfirmed > 0);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GrGradingPage *self = GR_GRADING_PAGE (object);
  g_autoptr(GError) error = NULL;
  GradingData *data = gr_store_task_run_finish (result, &error);

  if (data == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Could not read the grades: %s", error->message);
          gtk_label_set_label (self->summary_label, error->message);
        }
      return;
    }
  g_clear_pointer (&self->data, grading_data_free);
  self->data = data;
  show_data (self);
  self->n_loads++;
}

static void
depot_selected_cb (GrGradingPage *self)
{
  guint index = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->depot_dropdown));

  if (index != GTK_INVALID_LIST_POSITION)
    show_scores (self, index);
}

/*
 * Building the page
 */

static GtkWidget *
tile_new (const char *title)
{
  GtkWidget *tile = gr_kpi_tile_new ();

  gr_kpi_tile_set_title (GR_KPI_TILE (tile), title);
  gr_kpi_tile_set_percent (GR_KPI_TILE (tile), TRUE);
  gr_kpi_tile_set_decimals (GR_KPI_TILE (tile), 1);
  return tile;
}

static void
build_charts (GrGradingPage *self)
{
  GtkWidget *tiles, *frame, *box;

  tiles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_valign (tiles, GTK_ALIGN_START);
  /* TRANSLATORS: KPI tile: the share of depots at AAA or above, "AAA"级粮库覆盖率 */
  self->coverage_tile = tile_new (_("AAA-or-better depots"));
  /* TRANSLATORS: KPI tile: the share of the reserve tonnage held in AAA-or-better depots */
  self->tonnage_tile = tile_new (_("Stock in AAA-or-better depots"));
  gtk_box_append (GTK_BOX (tiles), self->coverage_tile);
  gtk_box_append (GTK_BOX (tiles), self->tonnage_tile);
  gtk_grid_attach (self->grid, tiles, 0, 0, 1, 1);

  self->levels_chart = gr_chart_new_share (GR_SHARE_SHAPE_DONUT);
  frame = gr_chart_frame_new (_("Depots by level"), self->levels_chart);
  gr_chart_frame_set_subtitle (GR_CHART_FRAME (frame), _("Guangdong 等级粮库, A to AAAAA"));
  gtk_grid_attach (self->grid, frame, 1, 0, 1, 1);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  self->depot_dropdown = gtk_drop_down_new (NULL, NULL);
  gtk_widget_set_halign (self->depot_dropdown, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->depot_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Depot"), -1);
  g_signal_connect_swapped (self->depot_dropdown, "notify::selected", G_CALLBACK (depot_selected_cb), self);
  self->scores_chart = gr_chart_new_bars (GR_BAR_MODE_GROUPED, FALSE);
  gtk_widget_set_size_request (self->scores_chart, -1, 260);
  self->scores_frame = gr_chart_frame_new (_("Assessment scores by item"), self->scores_chart);
  gtk_box_append (GTK_BOX (box), self->depot_dropdown);
  gtk_box_append (GTK_BOX (box), self->scores_frame);
  gtk_grid_attach (self->grid, box, 0, 1, 2, 1);

  self->grades_chart = gr_chart_new_bars (GR_BAR_MODE_STACKED, TRUE);
  frame = gr_chart_frame_new (_("Quality grades of raw grain"), self->grades_chart);
  gr_chart_frame_set_subtitle (GR_CHART_FRAME (frame), _("Tonnes in store by grade (GB 1350, 1351, 1352, 1353)"));
  gtk_grid_attach (self->grid, frame, 0, 2, 1, 1);

  self->storage_chart = gr_chart_new_bars (GR_BAR_MODE_STACKED, TRUE);
  frame = gr_chart_frame_new (_("Storage quality of raw grain"), self->storage_chart);
  gr_chart_frame_set_subtitle (GR_CHART_FRAME (frame), _("Tonnes in store (GB/T 20569, 20570, 20571)"));
  gtk_grid_attach (self->grid, frame, 1, 2, 1, 1);
}

static void
gr_grading_page_dispose (GObject *object)
{
  GrGradingPage *self = GR_GRADING_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->data, grading_data_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), GR_TYPE_GRADING_PAGE);

  G_OBJECT_CLASS (gr_grading_page_parent_class)->dispose (object);
}

static void
gr_grading_page_class_init (GrGradingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gr_grading_page_dispose;

  gr_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/gr-grading-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GrGradingPage, grid);
  gtk_widget_class_bind_template_child (widget_class, GrGradingPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, GrGradingPage, unconfirmed_label);
}

static void
gr_grading_page_init (GrGradingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gr_charts_init ();
  build_charts (self);
}

void
gr_grading_page_reload (GrGradingPage *self,
                        const char    *db_path,
                        const char    *targets)
{
  g_return_if_fail (GR_IS_GRADING_PAGE (self));
  g_return_if_fail (db_path != NULL);

  /* A newer load replaces one still running. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gr_store_task_run_async (self, db_path, load_worker, g_strdup (targets), g_free,
                           (GDestroyNotify) grading_data_free, NULL, NULL,
                           self->cancellable, load_done_cb, NULL);
}

guint
gr_grading_page_get_n_loads (GrGradingPage *self)
{
  return self->n_loads;
}

void
gr_grading_page_select_depot (GrGradingPage *self,
                              guint          index)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->depot_dropdown), index);
}

GrKpiTile *
gr_grading_page_get_coverage_tile (GrGradingPage *self)
{
  return GR_KPI_TILE (self->coverage_tile);
}

GrKpiTile *
gr_grading_page_get_tonnage_tile (GrGradingPage *self)
{
  return GR_KPI_TILE (self->tonnage_tile);
}

GrChart *
gr_grading_page_get_levels_chart (GrGradingPage *self)
{
  return GR_CHART (self->levels_chart);
}

GrChart *
gr_grading_page_get_scores_chart (GrGradingPage *self)
{
  return GR_CHART (self->scores_chart);
}

GrChart *
gr_grading_page_get_grades_chart (GrGradingPage *self)
{
  return GR_CHART (self->grades_chart);
}

GrChart *
gr_grading_page_get_storage_chart (GrGradingPage *self)
{
  return GR_CHART (self->storage_chart);
}
