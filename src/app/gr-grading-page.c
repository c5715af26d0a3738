/* gr-grading-page.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-grading-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "gr-format.h"
#include "gr-grading-page.h"
#include "gr-paced-model.h"
#include "gr-grading-report.h"
#include "gr-resources.h"
#include "gr-store-task.h"
#include "gr-string-list.h"
#include "gr-targets.h"
#include "gr-variety.h"

#define N_LEVELS 6
#define N_GRADE_PARTS 6   /* 一等 … 五等, 等外 */
#define N_COLUMNS 5
/* A list to act on, not a report: the longest untested come first. */
#define MAX_STALE_SHOWN 40

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
  GPtrArray  *cells;             /* GStrv of N_COLUMNS per depot: the table's texts */
  GStrv       depot_labels;      /* the depot list's: "name（level）" */
  guint       best;              /* the best-graded depot */
  GPtrArray  *items;             /* char*: template items, in order */
  GArray     *points;            /* double: their points */
  gboolean    placeholder;
  GPtrArray  *varieties;         /* char*: raw-grain varieties with stock */
  GArray     *grade_t;           /* double[N_GRADE_PARTS] per variety */
  GArray     *storage_t;         /* double[3] per variety */
  guint       n_unconfirmed;
  guint       n_judged;
  GPtrArray  *stale;             /* StaleLot: the MAX_STALE_SHOWN tested longest ago */
  guint       n_stale;           /* lots in store whose latest test is older than a quarter */
} GradingData;

/* A lot whose latest quality test is older than a quarter (DOMAIN.md
 * §2.4: 质量指标 and 储存品质指标 are tested once a quarter). */
typedef struct {
  char   *lot;
  char   *title;       /* its row's texts */
  char   *subtitle;
} StaleLot;

static void
stale_lot_free (StaleLot *stale)
{
  g_free (stale->lot);
  g_free (stale->title);
  g_free (stale->subtitle);
  g_free (stale);
}

typedef struct {
  char *targets;
  char *cutoff;        /* tests before this date are stale */
} LoadRequest;

static void
load_request_free (LoadRequest *request)
{
  g_free (request->targets);
  g_free (request->cutoff);
  g_free (request);
}

static void
grading_data_free (GradingData *data)
{
  g_clear_pointer (&data->target_document, g_free);
  g_clear_pointer (&data->depots, g_ptr_array_unref);
  g_clear_pointer (&data->cells, g_ptr_array_unref);
  g_clear_pointer (&data->depot_labels, g_strfreev);
  g_clear_pointer (&data->items, g_ptr_array_unref);
  g_clear_pointer (&data->points, g_array_unref);
  g_clear_pointer (&data->varieties, g_ptr_array_unref);
  g_clear_pointer (&data->grade_t, g_array_unref);
  g_clear_pointer (&data->storage_t, g_array_unref);
  g_clear_pointer (&data->stale, g_ptr_array_unref);
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
  GtkWidget    *assess_button;
  GtkWidget    *grades_chart;
  GtkWidget    *storage_chart;
  GtkWidget    *depot_table;
  GtkStringList *depot_rows;   /* the index of each depot in data->depots */
  GrPacedModel *depot_paced;   /* depot_rows as the table takes them in */
  GtkStringList *depot_names;  /* the depot list's labels */
  GtkWidget    *stale_list;
  GPtrArray    *stale_rows;    /* AdwActionRow, kept from one load to the next */
  GtkWidget    *stale_note;
  GtkWidget    *lot_entry;
  GradingData  *data;
  GCancellable *cancellable;
  guint         n_loads;
  gboolean      loading;
};

G_DEFINE_FINAL_TYPE (GrGradingPage, gr_grading_page, ADW_TYPE_BIN)

/*
 * The worker
 */

enum {
  COLUMN_DEPOT,
  COLUMN_LEVEL,
  COLUMN_SCORE,
  COLUMN_DECIDED,
  COLUMN_TREND,
};

static char *
depot_cell_text (const GrDepotGrade *depot,
                 int                 column)
{
  switch (column)
    {
    case COLUMN_DEPOT:
      return g_strdup (depot->name);
    case COLUMN_LEVEL:
      return g_strdup (depot->level > 0 ? gr_depot_level_to_string (depot->level) : _("No level"));
    case COLUMN_SCORE:
      return depot->has_score ? g_strdup_printf ("%.1f", depot->score) : g_strdup ("—");
    case COLUMN_DECIDED:
      return depot->decided_on != NULL ? gr_format_iso_date (depot->decided_on) : g_strdup ("—");
    case COLUMN_TREND:
      /* Against the level held before the latest decision. */
      if (depot->assessment == NULL)
        return g_strdup ("—");
      if (depot->level > depot->previous_level)
        return g_strdup ("↑");
      if (depot->level < depot->previous_level)
        return g_strdup ("↓");
      return g_strdup ("—");
    default:
      g_assert_not_reached ();
    }
}

/* What the depot list says of a depot: its name and level. */
static char *
depot_label (const GrDepotGrade *depot)
{
  return g_strdup_printf ("%s（%s）", depot->name,
                          depot->level > 0 ? gr_depot_level_to_string (depot->level) : _("No level"));
}

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
  LoadRequest *request = task_data;
  const char *targets_id = request->targets;
  g_autoptr(sqlite3_stmt) stale = NULL;
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

  /* The texts of the depot table and list, made here: the page only
   * compares them with those it shows. */
  data->cells = g_ptr_array_new_full (data->depots->len, (GDestroyNotify) g_strfreev);
  data->depot_labels = g_new0 (char *, data->depots->len + 1);
  for (guint i = 0; i < data->depots->len; i++)
    {
      const GrDepotGrade *depot = data->depots->pdata[i];
      GStrv cells = g_new0 (char *, N_COLUMNS + 1);

      for (int c = 0; c < N_COLUMNS; c++)
        cells[c] = depot_cell_text (depot, c);
      g_ptr_array_add (data->cells, cells);
      data->depot_labels[i] = depot_label (depot);
      /* The list opens on the best-graded depot: the fullest breakdown. */
      if (depot->level > ((GrDepotGrade *) data->depots->pdata[data->best])->level)
        data->best = i;
    }
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

  /* Lots in store not tested for a quarter, the longest untested first. */
  stale = gr_store_prepare (store,
                            "SELECT l.id, l.variety, d.name, b.code, l.balance_kg,"
                            " (SELECT MAX (q.date) FROM quality_tests q WHERE q.lot = l.id AND q.deleted = 0) AS last"
                            " FROM lots l JOIN bins b ON b.id = l.bin JOIN depots d ON d.id = b.depot"
                            " WHERE l.deleted = 0 AND l.balance_kg > 0 AND (last IS NULL OR last < ?1)"
                            " ORDER BY last IS NOT NULL, last, l.id", error);
  if (stale == NULL)
    return NULL;
  sqlite3_bind_text (stale, 1, request->cutoff, -1, SQLITE_TRANSIENT);
  data->stale = g_ptr_array_new_with_free_func ((GDestroyNotify) stale_lot_free);
  while (sqlite3_step (stale) == SQLITE_ROW)
    {
      const char *last_test = (const char *) sqlite3_column_text (stale, 5);
      g_autofree char *place = NULL, *tonnes = NULL, *last = NULL;
      StaleLot *lot;

      if (data->n_stale++ >= MAX_STALE_SHOWN)
        continue;
      lot = g_new0 (StaleLot, 1);
      lot->lot = g_strdup ((const char *) sqlite3_column_text (stale, 0));
      /* TRANSLATORS: where a lot lies: depot and bin, "城南库 P01仓" */
      place = g_strdup_printf (_("%s, bin %s"), sqlite3_column_text (stale, 2), sqlite3_column_text (stale, 3));
      lot->title = g_strdup_printf ("%s · %s", place, gr_variety_name ((const char *) sqlite3_column_text (stale, 1)));
      tonnes = gr_format_tonnes (sqlite3_column_int64 (stale, 4));
      last = last_test != NULL ? gr_format_iso_date (last_test) : NULL;
      if (last != NULL)
        /* TRANSLATORS: a lot not tested for a quarter: "L-0012 · 上次检验 2026年6月18日 · 1,200 吨" */
        lot->subtitle = g_strdup_printf (_("%s · last tested %s · %s"), lot->lot, last, tonnes);
      else
        lot->subtitle = g_strdup_printf (_("%s · never tested · %s"), lot->lot, tonnes);
      g_ptr_array_add (data->stale, lot);
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
  gr_string_list_update (self->depot_names, (const char * const *) self->data->depot_labels);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->depot_dropdown), self->data->best);
  show_scores (self, self->data->best);
}

/* The table's rows are the indices of the depots: a row is made anew
 * only where its texts changed (or it is new), so that reading the same
 * depots again costs no widgets. */
static void
show_depot_table (GrGradingPage *self,
                  GradingData   *old)
{
  GPtrArray *cells = self->data->cells;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->depot_rows));
  guint n_new = cells->len;
  guint i = 0;

  while (i < MIN (n_old, n_new))
    {
      guint run = 0;

      while (i + run < MIN (n_old, n_new) &&
             (old == NULL || i + run >= old->cells->len ||
              !g_strv_equal (old->cells->pdata[i + run], cells->pdata[i + run])))
        run++;
      if (run > 0)
        {
          g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);

          for (guint r = i; r < i + run; r++)
            g_ptr_array_add (rows, g_strdup_printf ("%u", r));
          g_ptr_array_add (rows, NULL);
          gtk_string_list_splice (self->depot_rows, i, run, (const char * const *) rows->pdata);
          i += run;
        }
      else
        i++;
    }
  if (n_new > n_old)
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);

      for (guint r = n_old; r < n_new; r++)
        g_ptr_array_add (rows, g_strdup_printf ("%u", r));
      g_ptr_array_add (rows, NULL);
      gtk_string_list_splice (self->depot_rows, n_old, 0, (const char * const *) rows->pdata);
    }
  else if (n_new < n_old)
    gtk_string_list_splice (self->depot_rows, n_new, n_old - n_new, NULL);
}

/* The row of a lot due for a test: its place and variety, its id, last
 * test and tonnage, and a button to record a test. Plain labels that do
 * not wrap, in the boxes of an AdwActionRow (and so its look): a row of
 * wrapping labels is measured again for each width tried, milliseconds
 * for forty of them. */
static GtkWidget *
row_label_new (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
stale_row_new (void)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title = row_label_new ("title");
  GtkWidget *subtitle = row_label_new ("subtitle");
  GtkWidget *button = gtk_button_new_with_label (_("Record Test…"));

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (header, "header");
  gtk_widget_add_css_class (texts, "title");
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (header), texts);
  gtk_box_append (GTK_BOX (header), button);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), header);
  g_object_set_data (G_OBJECT (row), "title", title);
  g_object_set_data (G_OBJECT (row), "subtitle", subtitle);
  g_object_set_data (G_OBJECT (row), "button", button);
  return row;
}

/* Returns whether the text changed: the same text again would lay the
 * label out anew all the same. */
static gboolean
set_label (GtkWidget  *label,
           const char *text)
{
  if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)), text) == 0)
    return FALSE;
  gtk_label_set_label (GTK_LABEL (label), text);
  return TRUE;
}

static void
stale_row_set (GtkWidget      *row,
               const StaleLot *lot)
{
  GtkWidget *button = g_object_get_data (G_OBJECT (row), "button");
  GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));
  gboolean changed = set_label (g_object_get_data (G_OBJECT (row), "title"), lot->title);

  changed |= set_label (g_object_get_data (G_OBJECT (row), "subtitle"), lot->subtitle);
  if (changed)
    {
      g_autofree char *both = g_strdup_printf ("%s\n%s", lot->title, lot->subtitle);

      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, both, -1);
    }
  if (target == NULL || g_strcmp0 (g_variant_get_string (target, NULL), lot->lot) != 0)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", lot->lot);
  /* The action once the button has its target: it takes one. */
  if (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)) == NULL)
    gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.record-test");
}

static void
show_stale (GrGradingPage *self)
{
  GradingData *data = self->data;
  GPtrArray *stale = data->stale;
  g_autofree char *note = NULL;

  /* The rows stay: each takes the lot now at its place. */
  while (self->stale_rows->len > stale->len)
    {
      GtkWidget *row = g_ptr_array_steal_index (self->stale_rows, self->stale_rows->len - 1);

      gtk_list_box_remove (GTK_LIST_BOX (self->stale_list), row);
    }
  for (guint i = 0; i < stale->len; i++)
    {
      if (i == self->stale_rows->len)
        {
          GtkWidget *row = stale_row_new ();

          g_ptr_array_add (self->stale_rows, row);
          gtk_list_box_append (GTK_LIST_BOX (self->stale_list), row);
        }
      stale_row_set (self->stale_rows->pdata[i], stale->pdata[i]);
    }
  gtk_widget_set_visible (self->stale_list, data->n_stale > 0);
  if (data->n_stale == 0)
    note = g_strdup (_("Every lot in store has been tested within the last quarter."));
  else if (data->n_stale > MAX_STALE_SHOWN)
    note = g_strdup_printf (_("%u lots in store; the %u tested longest ago are shown."), data->n_stale, MAX_STALE_SHOWN);
  else
    note = g_strdup_printf (ngettext ("%u lot in store.", "%u lots in store.", data->n_stale), data->n_stale);
  gtk_label_set_label (GTK_LABEL (self->stale_note), note);
}

/* Whether the charts of grades and storage quality would show the same. */
static gboolean
same_grades (GradingData *a,
             GradingData *b)
{
  if (a == NULL || b == NULL || a->varieties->len != b->varieties->len)
    return FALSE;
  for (guint i = 0; i < a->varieties->len; i++)
    if (g_strcmp0 (a->varieties->pdata[i], b->varieties->pdata[i]) != 0)
      return FALSE;
  return a->grade_t->len == b->grade_t->len && a->storage_t->len == b->storage_t->len &&
         memcmp (a->grade_t->data, b->grade_t->data, a->grade_t->len * sizeof (double)) == 0 &&
         memcmp (a->storage_t->data, b->storage_t->data, a->storage_t->len * sizeof (double)) == 0;
}

static void
show_data (GrGradingPage *self,
           GradingData   *old)
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
  /* Charts given the same figures again would only describe them anew. */
  if (old == NULL || memcmp (old->level_counts, data->level_counts, sizeof data->level_counts) != 0)
    show_levels (self);
  show_depot_list (self);
  show_depot_table (self, old);
  if (!same_grades (old, data))
    show_grades (self);
  show_stale (self);

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
drop_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  grading_data_free (task_data);
}

/* What was shown before is freed in a worker: a province's thousand
 * depots and their texts are milliseconds of freeing. */
static void
drop_data (GradingData *data)
{
  g_autoptr(GTask) task = NULL;

  if (data == NULL)
    return;
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, drop_data);
  g_task_set_task_data (task, data, NULL);
  g_task_run_in_thread (task, drop_worker);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GrGradingPage *self = GR_GRADING_PAGE (object);
  g_autoptr(GError) error = NULL;
  GradingData *data = gr_store_task_run_finish (result, &error);
  GradingData *old;

  if (data == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  if (data == NULL)
    {
      g_warning ("Could not read the grades: %s", error->message);
      gtk_label_set_label (self->summary_label, error->message);
      return;
    }
  old = g_steal_pointer (&self->data);
  self->data = data;
  show_data (self, old);
  drop_data (old);
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

static char *
depot_cell (GrGradingPage *self,
            guint          index,
            int            column)
{
  if (self->data == NULL || index >= self->data->cells->len || column < 0 || column >= N_COLUMNS)
    return g_strdup ("");
  return g_strdup (((GStrv) self->data->cells->pdata[index])[column]);
}


static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  int column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));

  gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_DEPOT ? 0.0 : column == COLUMN_SCORE ? 1.0 : 0.5);
  if (column == COLUMN_SCORE)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              GrGradingPage            *self)
{
  GtkStringObject *row = gtk_list_item_get_item (item);
  int column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  g_autofree char *text = depot_cell (self, atoi (gtk_string_object_get_string (row)), column);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
depot_row_selected_cb (GtkSingleSelection *selection,
                       GParamSpec         *pspec,
                       GrGradingPage      *self)
{
  guint position = gtk_single_selection_get_selected (selection);

  if (position != GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (self->depot_dropdown), position);
}

static GtkWidget *
build_depot_table (GrGradingPage *self)
{
  const char *titles[] = {
    _("Depot"),
    /* TRANSLATORS: column of the depot table: 等级 */
    _("Level"),
    /* TRANSLATORS: column of the depot table: the final-stage score of the latest decision, 最终得分 */
    _("Final score"),
    /* TRANSLATORS: column of the depot table: 评定日期 */
    _("Decided on"),
    /* TRANSLATORS: column of the depot table: ↑ / ↓ / — against the level before, 趋势 */
    _("Trend"),
  };
  GtkSingleSelection *selection;
  GtkWidget *scrolled;

  self->depot_rows = gtk_string_list_new (NULL);
  /* A province's thousand depots: the first rows of widgets are made a
   * bite a frame (GTK 4.8 keeps two hundred rows). */
  self->depot_paced = gr_paced_model_new (G_LIST_MODEL (self->depot_rows));
  selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->depot_paced)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect (selection, "notify::selected", G_CALLBACK (depot_row_selected_cb), self);
  self->depot_table = gtk_column_view_new (GTK_SELECTION_MODEL (selection));
  gtk_column_view_set_show_row_separators (GTK_COLUMN_VIEW (self->depot_table), TRUE);
  gtk_widget_add_css_class (self->depot_table, "data-table");
  for (int c = 0; c < (int) G_N_ELEMENTS (titles); c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (c));
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), self);
      column = gtk_column_view_column_new (titles[c], factory);
      gtk_column_view_column_set_expand (column, c == COLUMN_DEPOT);
      gtk_column_view_append_column (GTK_COLUMN_VIEW (self->depot_table), column);
      g_object_unref (column);
    }
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (scrolled, -1, 420);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->depot_table);
  gtk_widget_add_css_class (scrolled, "card");
  return scrolled;
}

static void
record_lot_cb (GrGradingPage *self)
{
  g_autofree char *lot = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->lot_entry))));

  if (*lot != '\0')
    gtk_widget_activate_action (GTK_WIDGET (self), "win.record-test", "s", lot);
}

static void
assess_depot_cb (GrGradingPage *self)
{
  guint index = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->depot_dropdown));
  const GrDepotGrade *depot;

  if (self->data == NULL || index >= self->data->depots->len)
    return;
  depot = self->data->depots->pdata[index];
  gtk_widget_activate_action (GTK_WIDGET (self), "win.assess-depot", "s", depot->depot);
}

static GtkWidget *
section_new (const char *title,
             const char *subtitle,
             GtkWidget  *content)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (title);

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_box_append (GTK_BOX (box), heading);
  if (subtitle != NULL)
    {
      GtkWidget *label = gtk_label_new (subtitle);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_box_append (GTK_BOX (box), content);
  return box;
}

static GtkWidget *
build_stale (GrGradingPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scrolled, *entry_box, *button;

  entry_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->lot_entry = gtk_entry_new ();
  /* TRANSLATORS: placeholder of the entry to record a test for any lot: 货位编号 */
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->lot_entry), _("Lot ID"));
  gtk_widget_set_hexpand (self->lot_entry, TRUE);
  g_signal_connect_swapped (self->lot_entry, "activate", G_CALLBACK (record_lot_cb), self);
  button = gtk_button_new_with_label (_("Record Test…"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (record_lot_cb), self);
  gtk_box_append (GTK_BOX (entry_box), self->lot_entry);
  gtk_box_append (GTK_BOX (entry_box), button);
  gtk_box_append (GTK_BOX (box), entry_box);

  self->stale_note = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->stale_note), 0);
  gtk_label_set_wrap (GTK_LABEL (self->stale_note), TRUE);
  gtk_box_append (GTK_BOX (box), self->stale_note);
  self->stale_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->stale_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->stale_list, "boxed-list");
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 340);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->stale_list);
  gtk_box_append (GTK_BOX (box), scrolled);
  return box;
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
  self->depot_names = gtk_string_list_new (NULL);
  self->depot_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->depot_names)), NULL);
  gtk_widget_set_halign (self->depot_dropdown, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->depot_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Depot"), -1);
  g_signal_connect_swapped (self->depot_dropdown, "notify::selected", G_CALLBACK (depot_selected_cb), self);
  self->scores_chart = gr_chart_new_bars (GR_BAR_MODE_GROUPED, FALSE);
  gtk_widget_set_size_request (self->scores_chart, -1, 260);
  self->scores_frame = gr_chart_frame_new (_("Assessment scores by item"), self->scores_chart);
  {
    GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

    /* TRANSLATORS: button opening the assessments of the chosen depot: 评定… */
    self->assess_button = gtk_button_new_with_label (_("Assess…"));
    gtk_widget_set_tooltip_text (self->assess_button, _("Declare, score and decide the depot’s 等级粮库 assessment"));
    g_signal_connect_swapped (self->assess_button, "clicked", G_CALLBACK (assess_depot_cb), self);
    gtk_box_append (GTK_BOX (bar), self->depot_dropdown);
    gtk_box_append (GTK_BOX (bar), self->assess_button);
    gtk_box_append (GTK_BOX (box), bar);
  }
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

  gtk_grid_attach (self->grid,
                   section_new (_("Depots"), _("Current level, the final score and date of the latest decision, and the change it made"),
                                build_depot_table (self)),
                   0, 3, 1, 1);
  gtk_grid_attach (self->grid,
                   section_new (_("Lots Due for a Quality Test"),
                                _("In store, with no test in the last quarter (quality and storage indicators are tested once a quarter)"),
                                build_stale (self)),
                   1, 3, 1, 1);
}

static void
gr_grading_page_dispose (GObject *object)
{
  GrGradingPage *self = GR_GRADING_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->data, grading_data_free);
  g_clear_object (&self->depot_rows);
  g_clear_object (&self->depot_paced);
  g_clear_object (&self->depot_names);
  g_clear_pointer (&self->stale_rows, g_ptr_array_unref);
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
  self->stale_rows = g_ptr_array_new ();
  build_charts (self);
}

/* A quarter before today (DOMAIN.md §2.4). */
static char *
stale_cutoff (void)
{
  g_autofree char *today = gr_today_iso ();
  GDate date;

  gr_date_parse (today, &date);
  g_date_subtract_months (&date, 3);
  return gr_date_to_iso (&date);
}

void
gr_grading_page_reload (GrGradingPage *self,
                        const char    *db_path,
                        const char    *targets)
{
  LoadRequest *request;

  g_return_if_fail (GR_IS_GRADING_PAGE (self));
  g_return_if_fail (db_path != NULL);

  /* A newer load replaces one still running. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  request = g_new0 (LoadRequest, 1);
  request->targets = g_strdup (targets);
  request->cutoff = stale_cutoff ();
  self->loading = TRUE;
  gr_store_task_run_async (self, db_path, load_worker, request, (GDestroyNotify) load_request_free,
                           (GDestroyNotify) grading_data_free, NULL, NULL,
                           self->cancellable, load_done_cb, NULL);
}

gboolean
gr_grading_page_get_busy (GrGradingPage *self)
{
  g_return_val_if_fail (GR_IS_GRADING_PAGE (self), FALSE);
  return self->loading || gr_paced_model_get_pending (self->depot_paced);
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

GtkColumnView *
gr_grading_page_get_depot_table (GrGradingPage *self)
{
  return GTK_COLUMN_VIEW (self->depot_table);
}

guint
gr_grading_page_get_n_stale (GrGradingPage *self)
{
  return self->data != NULL ? self->data->n_stale : 0;
}

char *
gr_grading_page_dup_depot_cell (GrGradingPage *self,
                                guint          row,
                                guint          column)
{
  return depot_cell (self, row, column);
}

GrChart *
gr_grading_page_get_storage_chart (GrGradingPage *self)
{
  return GR_CHART (self->storage_chart);
}
