/* gr-overview-page.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-overview-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "gr-bench.h"
#include "gr-charts.h"
#include "gr-date-button.h"
#include "gr-findings-panel.h"
#include "gr-format.h"
#include "gr-kpi.h"
#include "gr-overview-page.h"
#include "gr-profile.h"
#include "gr-regions.h"
#include "gr-resources.h"
#include "gr-rules.h"
#include "gr-store-task.h"
#include "gr-targets.h"
#include "gr-tile-slot.h"
#include "gr-variety.h"

/* The month of GrKpi.months a year before the as-of month */
#define YEAR_EARLIER (GR_KPI_MONTHS - 13)

typedef struct _FiguresResult FiguresResult;

struct _GrOverviewPage
{
  AdwBin          parent_instance;

  /* Template Widgets */
  GrKpiTile      *aaa_tile;
  GtkBox         *charts_box;
  GrKpiTile      *cold_tile;
  GtkLabel       *date_label;
  GrDateButton   *date_button;
  GrKpiTile      *days_tile;
  GtkWidget      *demo_note;
  AdwStatusPage  *empty_page;
  GtkWidget      *figures_box;
  GrKpiTile      *finished_tile;
  GtkLabel       *findings_caption;
  GtkBox         *findings_slot;
  GtkSpinner     *findings_spinner;
  GtkWidget      *findings_strip;
  GrKpiTile      *informatised_tile;
  GrKpiTile      *quality_tile;
  GrKpiTile      *reserve_tile;
  GtkDropDown    *scope_dropdown;
  GtkWidget      *violations_box;
  GtkLabel       *violations_value;
  GtkWidget      *warnings_box;
  GtkLabel       *warnings_value;

  /* Built in code, or the template's top child */
  GtkStack       *stack;
  GrFindingsPanel *findings_panel;   /* made with the first list of findings */
  GrChartFrame   *variety_frame;
  GrChart        *variety_chart;
  GtkStack       *ratio_stack;
  GrChartFrame   *ratio_frame;
  GrChart        *ratio_chart;

  /* Owned References */
  char           *db_path;
  char           *targets_id;
  char           *as_of;             /* NULL: today */
  char           *shown_as_of;       /* the date of the figures shown */
  GCancellable   *figures_cancellable;
  GPtrArray      *places;            /* GrKpiPlace; [0] is "everything" */
  GtkStringList  *place_names;
  char           *panel_profile;     /* for the findings panel, once the figures are painted */
  GStrv           bar_varieties;     /* variety code of each bar category */

  GrKpiScope      scope;
  char           *scope_id;

  /* Bench (GRANARY_BENCH=1) */
  gint64          bench_requested;
  gint64          bench_worker_us;
  gint64          bench_apply_us;
  guint           bench_refreshes_left;

  FiguresResult  *charts_result;     /* figures whose charts wait for the tiles to be painted */
  guint           later_tick_id;
  guint           later_ticks;

  guint           figures_pending : 1;
  guint           panel_wanted : 1;
  guint           places_pending : 1;
  guint           setting_places : 1;
  guint           bench_first_painted : 1;
};

G_DEFINE_FINAL_TYPE (GrOverviewPage, gr_overview_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_AS_OF,
  PROP_FIGURES_PENDING,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void request_figures  (GrOverviewPage *self,
                              gboolean        with_places);
static void schedule_later   (GrOverviewPage *self);

/*
 * What the workers hand back. They never touch a widget.
 */

typedef struct {
  char       *as_of;
  GrKpiScope  scope;
  char       *scope_id;
  char       *targets_id;
  gboolean    with_places;
} FiguresRequest;

struct _FiguresResult {
  GrKpi      *kpi;
  GrTargets  *targets;           /* NULL when none is chosen or it did not load */
  char       *targets_error;
  GPtrArray  *places;            /* when asked for */
  GPtrArray  *thresholds;        /* GrKpiThreshold; NULL without a profile */
  char       *profile_id;
  char       *profile_name;      /* from the profile file, for unknown ids */
  gboolean    demo;
  gint64      worker_us;
};

static void
figures_request_free (FiguresRequest *request)
{
  g_free (request->as_of);
  g_free (request->scope_id);
  g_free (request->targets_id);
  g_free (request);
}

static void
figures_result_free (FiguresResult *result)
{
  g_clear_pointer (&result->kpi, gr_kpi_free);
  g_clear_pointer (&result->targets, gr_targets_free);
  g_free (result->targets_error);
  g_clear_pointer (&result->places, g_ptr_array_unref);
  g_clear_pointer (&result->thresholds, g_ptr_array_unref);
  g_free (result->profile_id);
  g_free (result->profile_name);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FiguresResult, figures_result_free)

static gpointer
figures_worker (GrStore         *store,
                gpointer         task_data,
                GrProgressFunc   progress,
                gpointer         progress_data,
                GCancellable    *cancellable,
                GError         **error)
{
  FiguresRequest *request = task_data;
  g_autoptr(FiguresResult) result = g_new0 (FiguresResult, 1);
  g_autofree char *demo = NULL;
  gint64 start = g_get_monotonic_time ();

  result->kpi = gr_kpi_collect (store, request->as_of, request->scope, request->scope_id, error);
  if (result->kpi == NULL)
    return NULL;

  if (request->with_places && (result->places = gr_kpi_list_places (store, error)) == NULL)
    return NULL;

  if (request->targets_id != NULL && request->targets_id[0] != '\0')
    {
      g_autoptr(GError) local_error = NULL;

      result->targets = gr_targets_load (request->targets_id, &local_error);
      if (result->targets == NULL)
        result->targets_error = g_strdup (local_error->message);
    }

  /* The profile draws the minimum lines of the trend; without one (or
   * one that does not load) the trend is drawn without them. */
  result->profile_id = gr_store_get_meta (store, "profile");
  if (result->profile_id != NULL)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GrProfile) profile = gr_profile_load (result->profile_id, &local_error);

      if (profile != NULL)
        {
          result->thresholds = gr_kpi_thresholds (profile);
          result->profile_name = g_strdup (gr_profile_get_name (profile));
        }
      else
        g_debug ("No minimum lines: %s", local_error->message);
    }

  gr_bench_mark ("figures-read");
  demo = gr_store_get_meta (store, "demo");
  result->demo = g_strcmp0 (demo, "1") == 0;
  result->worker_us = g_get_monotonic_time () - start;
  return g_steal_pointer (&result);
}

/*
 * Auxiliary methods
 */

static const char *
current_as_of (GrOverviewPage *self)
{
  if (self->as_of == NULL)
    {
      /* Today, read once per load so every figure has the same date. */
      g_free (self->shown_as_of);
      self->shown_as_of = gr_today_iso ();
      return self->shown_as_of;
    }
  return self->as_of;
}

static void
set_pending (GrOverviewPage *self,
             gboolean        figures)
{
  gboolean was = gr_overview_page_get_loading (self);
  gboolean figures_was = self->figures_pending;

  self->figures_pending = !!figures;
  if (figures_was != self->figures_pending)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FIGURES_PENDING]);
  if (was != gr_overview_page_get_loading (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
}

/* "enterprise:ID" or "region:NAME" for the place shown, or NULL */
static char *
scope_filter (GrOverviewPage *self)
{
  if (self->scope == GR_KPI_SCOPE_ALL || self->scope_id == NULL)
    return NULL;
  return gr_kpi_place_key (self->scope, self->scope_id);
}

static void
show_stock (GrOverviewPage *self,
            const char     *term)
{
  g_autofree char *place = scope_filter (self);
  g_autofree char *filter = NULL;

  if (place != NULL && term != NULL)
    filter = g_strdup_printf ("%s %s", term, place);
  else
    filter = g_strdup (term ? term : place ? place : "");
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-stock", "s", filter);
}

static const char *
group_name (const char *key)
{
  if (g_str_equal (key, "total"))
    return _("Total");
  if (g_str_equal (key, "paddy"))
    /* TRANSLATORS: the three paddies together in a trend, 稻谷 */
    return _("Paddy");
  if (g_str_equal (key, "oil"))
    return gr_grain_class_name (GR_CLASS_OIL);
  return gr_variety_name (key);
}

/* "70% 东莞 第十五条", and the classes when the profile has a line per class:
 * "75% 中山 第十七条 原粮". */
static char *
threshold_label (const GrKpiThreshold *threshold,
                 const char           *place,
                 gboolean              name_classes)
{
  g_autoptr(GString) label = g_string_new (NULL);
  gboolean first = TRUE;

  /* TRANSLATORS: a minimum line of the stock ratio trend: the percentage,
   * where the rule is from and its article → "70% 东莞 第十五条" */
  g_string_printf (label, _("%d%% %s %s"), threshold->percent, place,
                   threshold->article ? threshold->article : "");
  if (!name_classes)
    return g_string_free (g_steal_pointer (&label), FALSE);

  g_string_append_c (label, ' ');
  for (GrGrainClass klass = GR_CLASS_RAW; klass <= GR_CLASS_OIL; klass++)
    {
      if ((threshold->classes & GR_CLASS_BIT (klass)) == 0)
        continue;
      if (!first)
        /* TRANSLATORS: between grain classes in a list, "、" */
        g_string_append (label, _(", "));
      g_string_append (label, gr_grain_class_name (klass));
      first = FALSE;
    }
  return g_string_free (g_steal_pointer (&label), FALSE);
}

static char *
format_percent (double fraction)
{
  GrChartFormat format = { NULL, TRUE, 1 };

  return gr_chart_format_value (&format, fraction);
}

static char *
format_depots (guint part,
               guint all)
{
  /* TRANSLATORS: a part of the depots, e.g. "15 / 21 个库点" */
  return g_strdup_printf (ngettext ("%u of %u depot", "%u of %u depots", all), part, all);
}

static char *
format_wan_tonnes (double tonnes)
{
  GrChartFormat format = { _("10k t"), FALSE, 2 };

  return gr_chart_format_value (&format, tonnes / 10000.0);
}

/*
 * Applying the figures: values only, on the main thread
 */

static void
apply_tiles (GrOverviewPage      *self,
             const FiguresResult *result)
{
  const GrKpi *kpi = result->kpi;
  const GrTargets *targets = result->targets;
  gboolean whole = kpi->scope == GR_KPI_SCOPE_ALL;
  const GrKpiSeries *total = gr_kpi_find_series (kpi, "total");
  double critical = NAN;
  g_autofree char *note = NULL;

  /* 政策性储备: stock against the scale of the plans in force; at or
   * under the profile's lowest minimum it shows as critical. */
  gr_kpi_tile_set_value (self->reserve_tile, kpi->stock_kg / 1e7);
  gr_kpi_tile_set_target (self->reserve_tile, kpi->has_plans && kpi->scale_kg > 0 ? kpi->scale_kg / 1e7 : NAN);
  if (kpi->has_plans && result->thresholds != NULL && result->thresholds->len > 0)
    critical = kpi->scale_kg / 1e7 * ((GrKpiThreshold *) result->thresholds->pdata[0])->percent / 100.0;
  gr_kpi_tile_set_critical (self->reserve_tile, critical);
  if (whole && targets != NULL && kpi->scale_kg < llround (targets->policy_reserve.value * 1000))
    {
      g_autofree char *target = format_wan_tonnes (targets->policy_reserve.value);

      /* TRANSLATORS: the plans in force add up to less than the five-year
       * plan's reserve scale, e.g. "规模低于规划目标 22.00 万吨" */
      note = g_strdup_printf (_("Scale under the plan target of %s"), target);
    }
  else
    /* TRANSLATORS: where the reserve is held, e.g. "存于 21 个库点" */
    note = g_strdup_printf (ngettext ("In %u depot", "In %u depots", kpi->n_depots), kpi->n_depots);
  gr_kpi_tile_set_note (self->reserve_tile, note);
  g_clear_pointer (&note, g_free);
  if (total != NULL)
    {
      double trend[GR_KPI_MONTHS];

      for (guint m = 0; m < GR_KPI_MONTHS; m++)
        trend[m] = total->stock_kg[m] / 1e7;
      gr_kpi_tile_set_trend (self->reserve_tile, trend, GR_KPI_MONTHS);
    }
  else
    gr_kpi_tile_set_trend (self->reserve_tile, NULL, 0);

  /* 成品粮: the region's target for the whole region (清远 表2 row 6),
   * an enterprise's own plans when narrowed to one. */
  gr_kpi_tile_set_value (self->finished_tile, kpi->finished_stock_kg / 1000.0);
  if (whole && targets != NULL)
    gr_kpi_tile_set_target (self->finished_tile, targets->finished_grain.value);
  else if (kpi->has_plans && kpi->finished_plan_kg > 0)
    gr_kpi_tile_set_target (self->finished_tile, kpi->finished_plan_kg / 1000.0);
  else
    gr_kpi_tile_set_target (self->finished_tile, NAN);
  if (kpi->has_plans && kpi->finished_plan_kg > 0)
    {
      g_autofree char *plan = gr_format_tonnes (kpi->finished_plan_kg);

      /* TRANSLATORS: the quantity of the storage plans, e.g. "计划 12,560 吨" */
      note = g_strdup_printf (_("Plan %s"), plan);
    }
  else if (kpi->has_plans)
    /* TRANSLATORS: an enterprise that stores no rice or flour, 无成品粮承储计划 */
    note = g_strdup (_("No finished-grain plan"));
  gr_kpi_tile_set_note (self->finished_tile, note);
  g_clear_pointer (&note, g_free);
  if (kpi->has_plans && kpi->finished_plan_kg > 0 && kpi->series->len > 0)
    {
      double trend[GR_KPI_MONTHS] = { 0 };

      for (guint i = 0; i < kpi->series->len; i++)
        {
          const GrKpiSeries *series = kpi->series->pdata[i];

          if (g_str_equal (series->key, "total") || gr_variety_class (series->key) != GR_CLASS_FINISHED)
            continue;
          for (guint m = 0; m < GR_KPI_MONTHS; m++)
            trend[m] += series->stock_kg[m] / 1000.0;
        }
      gr_kpi_tile_set_trend (self->finished_tile, trend, GR_KPI_MONTHS);
    }
  else
    gr_kpi_tile_set_trend (self->finished_tile, NULL, 0);

  /* Days of supply at the region's daily consumption (清远 表2: 12,560 t
   * for 10 days, 1,256 t a day); the target holds for the whole region. */
  if (targets != NULL)
    {
      g_autofree char *daily = gr_format_tonnes (llround (targets->daily_consumption_t * 1000));

      gr_kpi_tile_set_value (self->days_tile, gr_kpi_days_of_supply (kpi->finished_stock_kg, targets->daily_consumption_t));
      gr_kpi_tile_set_target (self->days_tile, whole && targets->finished_grain_days > 0 ? targets->finished_grain_days : NAN);
      /* TRANSLATORS: the daily consumption the days are counted at, e.g. "按每日 1,256 吨" */
      note = g_strdup_printf (_("At %s a day"), daily);
    }
  else
    {
      gr_kpi_tile_set_value (self->days_tile, NAN);
      gr_kpi_tile_set_target (self->days_tile, NAN);
      note = g_strdup (_("No region targets chosen"));
    }
  gr_kpi_tile_set_note (self->days_tile, note);
  g_clear_pointer (&note, g_free);

  /* Rates hold for any part of the region. */
  gr_kpi_tile_set_value (self->quality_tile, gr_kpi_ratio (kpi->quality_passed_kg, kpi->quality_tested_kg));
  gr_kpi_tile_set_target (self->quality_tile, targets ? targets->quality_pass_rate.value : NAN);
  if (kpi->quality_tested_kg > 0)
    {
      g_autofree char *tested = gr_format_tonnes (kpi->quality_tested_kg);

      /* TRANSLATORS: the tonnage the pass rate is of, e.g. "近12个月检验 207,530 吨" */
      note = g_strdup_printf (_("%s tested in 12 months"), tested);
    }
  else
    note = g_strdup (_("No quality tests in 12 months"));
  gr_kpi_tile_set_note (self->quality_tile, note);
  g_clear_pointer (&note, g_free);

  gr_kpi_tile_set_value (self->aaa_tile, gr_kpi_ratio (kpi->n_depots_aaa, kpi->n_depots));
  gr_kpi_tile_set_target (self->aaa_tile, targets ? targets->aaa_coverage.value : NAN);
  note = format_depots (kpi->n_depots_aaa, kpi->n_depots);
  gr_kpi_tile_set_note (self->aaa_tile, note);
  g_clear_pointer (&note, g_free);

  /* 表2 row 14 is a tonnage for the whole region. */
  gr_kpi_tile_set_value (self->cold_tile, kpi->low_temp_capacity_kg / 1e7);
  gr_kpi_tile_set_target (self->cold_tile, whole && targets ? targets->low_temp_capacity.value / 10000.0 : NAN);
  if (kpi->capacity_kg > 0)
    {
      g_autofree char *share = format_percent (gr_kpi_ratio (kpi->low_temp_capacity_kg, kpi->capacity_kg));

      /* TRANSLATORS: the share of all bin capacity, e.g. "占总仓容 62.3%" */
      note = g_strdup_printf (_("%s of all capacity"), share);
    }
  gr_kpi_tile_set_note (self->cold_tile, note);
  g_clear_pointer (&note, g_free);

  gr_kpi_tile_set_value (self->informatised_tile, gr_kpi_ratio (kpi->n_depots_informatised, kpi->n_depots));
  gr_kpi_tile_set_target (self->informatised_tile, targets ? targets->informatised_depots.value : NAN);
  note = format_depots (kpi->n_depots_informatised, kpi->n_depots);
  gr_kpi_tile_set_note (self->informatised_tile, note);
}

static void
apply_varieties (GrOverviewPage      *self,
                 const FiguresResult *result)
{
  const GrKpi *kpi = result->kpi;
  guint n = kpi->varieties->len;
  g_autoptr(GrChartData) data = gr_chart_data_new ();
  g_autoptr(GrChartSeries) stock = NULL;
  g_autofree const char **names = g_new0 (const char *, n + 1);
  g_autofree double *stock_t = g_new (double, n);
  g_autofree double *earlier_t = g_new (double, n);
  g_autofree double *plan_t = g_new (double, n);
  g_autofree char *date = gr_format_iso_date (kpi->as_of);
  g_autofree char *subtitle = NULL;
  gboolean any_earlier = FALSE;

  g_strfreev (self->bar_varieties);
  self->bar_varieties = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      const GrKpiVariety *variety = &g_array_index (kpi->varieties, GrKpiVariety, i);
      const GrKpiSeries *series = gr_kpi_find_series (kpi, variety->variety);

      self->bar_varieties[i] = g_strdup (variety->variety);
      names[i] = gr_variety_name (variety->variety);
      stock_t[i] = variety->stock_kg / 1000.0;
      plan_t[i] = variety->plan_kg / 1000.0;
      earlier_t[i] = series != NULL && series->plan_kg[YEAR_EARLIER] > 0 ? series->stock_kg[YEAR_EARLIER] / 1000.0 : NAN;
      any_earlier |= !isnan (earlier_t[i]);
    }

  gr_chart_data_set_categories (data, names);
  /* TRANSLATORS: heading of the variety column of a chart's table, 品种 */
  gr_chart_data_set_category_title (data, _("Variety"));
  gr_chart_data_set_unit (data, _("t"));
  /* TRANSLATORS: a chart series: stock in store now, 在储库存 */
  stock = gr_chart_series_new (_("In store"), GR_CHART_COLOR_ACCENT, stock_t, n);
  gr_chart_data_add_series (data, stock);
  if (kpi->has_plans && any_earlier)
    {
      /* TRANSLATORS: a chart series: stock at the same month end a year before, 上年同期 */
      g_autoptr(GrChartSeries) earlier = gr_chart_series_new (_("A year earlier"), GR_CHART_COLOR_NEUTRAL,
                                                              earlier_t, n);

      gr_chart_data_add_series (data, earlier);
    }
  if (kpi->has_plans)
    /* TRANSLATORS: the target marker of a chart: the storage plans' quantity, 计划 */
    gr_chart_data_set_targets (data, _("Plan"), plan_t, n);
  gr_chart_set_data (self->variety_chart, data);

  if (kpi->has_plans)
    /* TRANSLATORS: %s is a date, e.g. 2026年11月25日 */
    subtitle = g_strdup_printf (_("In store on %s against the storage plans in force (the marks)"), date);
  else
    /* TRANSLATORS: %s is a date; storage plans are set per enterprise, so a county has none of its own */
    subtitle = g_strdup_printf (_("In store on %s; plans are set per enterprise, so a county has no plan marks"), date);
  gr_chart_frame_set_subtitle (self->variety_frame, subtitle);
}

static void
apply_ratios (GrOverviewPage      *self,
              const FiguresResult *result)
{
  const GrKpi *kpi = result->kpi;
  g_autoptr(GrChartData) data = gr_chart_data_new ();
  g_autoptr(GPtrArray) groups = NULL;
  GrThresholdLayer *lines;
  g_autofree char *subtitle = NULL;
  const char *place = NULL;
  gboolean enterprise_scope = FALSE;

  if (!kpi->has_plans)
    {
      gtk_stack_set_visible_child_name (self->ratio_stack, "region");
      return;
    }
  gtk_stack_set_visible_child_name (self->ratio_stack, "chart");

  {
    const char *months[GR_KPI_MONTHS + 1] = { NULL };

    for (guint m = 0; m < GR_KPI_MONTHS; m++)
      months[m] = kpi->months[m];
    gr_chart_data_set_categories (data, months);
  }
  /* TRANSLATORS: heading of the month column of a chart's table, 月份 */
  gr_chart_data_set_category_title (data, _("Month"));
  gr_chart_data_set_percent (data, TRUE);
  gr_chart_data_set_decimals (data, 1);
  groups = gr_kpi_group_series (kpi);
  for (guint i = 0; i < groups->len; i++)
    {
      const GrKpiSeries *group = groups->pdata[i];
      gboolean is_total = g_str_equal (group->key, "total");
      g_autoptr(GrChartSeries) series = NULL;
      double ratios[GR_KPI_MONTHS];

      for (guint m = 0; m < GR_KPI_MONTHS; m++)
        ratios[m] = gr_kpi_series_ratio (group, m);
      series = gr_chart_series_new (group_name (group->key),
                                    is_total ? GR_CHART_COLOR_FOREGROUND : GR_CHART_COLOR_AUTO,
                                    ratios, GR_KPI_MONTHS);
      gr_chart_data_add_series (data, series);
    }
  gr_chart_set_data (self->ratio_chart, data);

  lines = GR_THRESHOLD_LAYER (gr_chart_find_layer (self->ratio_chart, GR_TYPE_THRESHOLD_LAYER));
  gr_threshold_layer_clear (lines);
  if (result->thresholds != NULL && result->thresholds->len > 0)
    {
      const GrKpiThreshold *lowest = result->thresholds->pdata[0];

      place = gr_profile_short_name (result->profile_id);
      if (place == NULL)
        place = result->profile_name ? result->profile_name : result->profile_id;
      gr_threshold_layer_add_band (lines, -INFINITY, lowest->percent / 100.0,
                                   /* TRANSLATORS: the shaded band under the minimum line, 低于最低库存比例 */
                                   _("Below the minimum stock ratio"), GR_CHART_COLOR_ERROR);
      for (guint i = 0; i < result->thresholds->len; i++)
        {
          const GrKpiThreshold *threshold = result->thresholds->pdata[i];
          g_autofree char *label = threshold_label (threshold, place, result->thresholds->len > 1);

          gr_threshold_layer_add_line (lines, threshold->percent / 100.0, label, GR_CHART_COLOR_ERROR);
          enterprise_scope |= threshold->enterprise_scope;
        }
    }

  if (enterprise_scope)
    subtitle = g_strdup (_("Stock at each month end as a share of the plans in force, the last 24 months; "
                           "the minimum applies to the total of each enterprise"));
  else if (result->thresholds != NULL && result->thresholds->len > 0)
    subtitle = g_strdup (_("Stock at each month end as a share of the plans in force, the last 24 months; "
                           "the minimum applies to each plan"));
  else
    subtitle = g_strdup (_("Stock at each month end as a share of the plans in force, the last 24 months"));
  gr_chart_frame_set_subtitle (self->ratio_frame, subtitle);
}

/* The regulation and the targets the figures are read against; the date
 * is on the button beside. */
static void
apply_header (GrOverviewPage      *self,
              const FiguresResult *result)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);

  if (result->profile_id != NULL)
    g_ptr_array_add (parts, (gpointer) gr_profile_display_name (result->profile_id));
  if (result->targets != NULL)
    g_ptr_array_add (parts, (gpointer) gr_target_display_name (self->targets_id));
  else if (result->targets_error != NULL)
    g_ptr_array_add (parts, result->targets_error);
  for (guint i = 0; i < parts->len; i++)
    {
      if (i == 0)
        g_string_append (text, parts->pdata[i]);
      else
        /* TRANSLATORS: parts of the line under the Overview's heading, " · " */
        g_string_append_printf (text, _(" · %s"), (const char *) parts->pdata[i]);
    }
  gtk_label_set_label (self->date_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->date_label), text->len > 0);
  gtk_widget_set_visible (self->demo_note, result->demo);
}

static void
list_item_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *kind = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 28);
  gtk_label_set_xalign (GTK_LABEL (kind), 0);
  gtk_widget_add_css_class (kind, "caption");
  gtk_widget_add_css_class (kind, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), kind);
  gtk_list_item_set_child (item, box);
}

static void
list_item_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   GrOverviewPage           *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkStringObject *string = gtk_list_item_get_item (item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *kind = gtk_widget_get_next_sibling (name);
  guint position = gtk_list_item_get_position (item);
  const GrKpiPlace *place = NULL;
  const char *kind_text = NULL;

  gtk_label_set_label (GTK_LABEL (name), gtk_string_object_get_string (string));
  if (self->places != NULL && position < self->places->len)
    place = self->places->pdata[position];
  if (place != NULL && place->scope == GR_KPI_SCOPE_ENTERPRISE)
    /* TRANSLATORS: what an entry of the Overview's selector is, 承储企业 */
    kind_text = _("Enterprise");
  else if (place != NULL && place->scope == GR_KPI_SCOPE_REGION)
    /* TRANSLATORS: what an entry of the Overview's selector is, 县（市、区） */
    kind_text = _("County or district");
  gtk_label_set_label (GTK_LABEL (kind), kind_text ? kind_text : "");
  gtk_widget_set_visible (kind, kind_text != NULL);
}

static void
button_item_setup_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_list_item_set_child (item, label);
}

static void
button_item_bind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
}

/* The selector lists the places found; the one shown stays selected
 * when it is still there, else the page goes back to everything. */
static gboolean
apply_places (GrOverviewPage *self,
              GPtrArray      *places)
{
  GrKpiPlace *everything = g_new0 (GrKpiPlace, 1);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  everything->scope = GR_KPI_SCOPE_ALL;
  /* TRANSLATORS: the first entry of the Overview's selector: no narrowing, 全部企业和县区 */
  everything->name = g_strdup (_("All enterprises and counties"));
  g_ptr_array_insert (places, 0, everything);
  for (guint i = 0; i < places->len; i++)
    {
      const GrKpiPlace *place = places->pdata[i];

      gtk_string_list_append (names, place->name);
      if (place->scope == self->scope && g_strcmp0 (place->id, self->scope_id) == 0)
        selected = i;
    }

  g_clear_pointer (&self->places, g_ptr_array_unref);
  self->places = g_ptr_array_ref (places);
  g_set_object (&self->place_names, names);
  /* The selector gets them after the first frame: filling a drop-down
   * costs more than the rest of the key figures. */
  self->places_pending = TRUE;

  /* The place shown is gone: show everything instead. */
  if (selected == 0 && self->scope != GR_KPI_SCOPE_ALL)
    {
      self->scope = GR_KPI_SCOPE_ALL;
      g_clear_pointer (&self->scope_id, g_free);
      return FALSE;
    }
  return TRUE;
}

/* The strip counts what the list below holds for the place shown,
 * before its own filters: one run of the rules for both. */
static void
apply_finding_counts (GrOverviewPage *self)
{
  GrFindingsPanel *panel = self->findings_panel;
  GrFindingGroups *groups = panel ? gr_findings_panel_get_groups (panel) : NULL;
  gboolean checking = self->panel_wanted || (panel && gr_findings_panel_get_busy (panel));
  gboolean loaded = panel && gr_findings_panel_get_loaded (panel);
  const char *error = panel ? gr_findings_panel_get_error (panel) : NULL;
  g_autofree char *profile = panel ? gr_findings_panel_dup_profile_name (panel) : NULL;
  const char *checked = panel ? gr_findings_panel_get_checked_as_of (panel) : NULL;
  g_autofree char *date = checked ? gr_format_iso_date (checked) : NULL;
  guint violations = groups ? gr_finding_groups_get_scope_count (groups, GR_SEVERITY_VIOLATION) : 0;
  guint warnings = groups ? gr_finding_groups_get_scope_count (groups, GR_SEVERITY_WARNING) : 0;
  g_autofree char *violations_text = g_strdup_printf ("%u", violations);
  g_autofree char *warnings_text = g_strdup_printf ("%u", warnings);
  g_autofree char *caption = NULL;

  gtk_spinner_set_spinning (self->findings_spinner, checking);
  gtk_widget_set_visible (GTK_WIDGET (self->findings_spinner), checking);

  gtk_label_set_label (self->violations_value, loaded ? violations_text : "–");
  gtk_label_set_label (self->warnings_value, loaded ? warnings_text : "–");
  gtk_widget_set_visible (self->violations_box, loaded);
  gtk_widget_set_visible (self->warnings_box, loaded);
  if (loaded && violations > 0)
    gtk_widget_add_css_class (self->violations_box, "error");
  else
    gtk_widget_remove_css_class (self->violations_box, "error");
  if (loaded && warnings > 0)
    gtk_widget_add_css_class (self->warnings_box, "warning");
  else
    gtk_widget_remove_css_class (self->warnings_box, "warning");

  if ((checking || panel == NULL) && !loaded && error == NULL)
    caption = g_strdup (_("Checking the rules of the regulation profile…"));
  else if (error != NULL)
    caption = g_strdup (error);
  else if (profile == NULL)
    caption = g_strdup (_("No regulation profile: choose one in Preferences to check the rules"));
  else if (self->scope == GR_KPI_SCOPE_REGION)
    /* TRANSLATORS: %s is a regulation profile; findings on a whole plan or enterprise have no county */
    caption = g_strdup_printf (_("Findings in the depots of this county under %s; plan-wide findings are counted for the enterprise"),
                               profile);
  else
    /* TRANSLATORS: the first %s is a regulation profile, the second a date */
    caption = g_strdup_printf (_("Rules of %s checked as of %s"), profile, date ? date : "");
  gtk_label_set_label (self->findings_caption, caption);
}

/* The status in place of the figures (none, or unreadable) keeps the
 * header and the findings: rules may find something without plans. */
static void
show_empty (GrOverviewPage *self,
            gboolean        empty)
{
  gtk_widget_set_visible (GTK_WIDGET (self->empty_page), empty);
  gtk_widget_set_visible (self->figures_box, !empty);
  gtk_stack_set_visible_child_name (self->stack, "figures");
}

/*
 * Bench
 */

static void bench_refresh_painted (gpointer user_data,
                                   gint64   painted_at,
                                   gint64   paint_us);

static void
bench_first_painted (gpointer user_data,
                     gint64   painted_at,
                     gint64   paint_us)
{
  gr_bench_print ("kpi-frame", "at=%" G_GINT64_FORMAT " paint_us=%" G_GINT64_FORMAT, painted_at, paint_us);
  /* For profiling the start (GRANARY_BENCH_QUIT=first-frame) */
  if (gr_bench_quit_at_first_frame ())
    g_application_quit (g_application_get_default ());
  g_object_unref (user_data);
}

static void
bench_check_done (GrOverviewPage *self)
{
  if (!gr_bench_enabled () || gr_overview_page_get_loading (self))
    return;
  gr_bench_after_next_paint (GTK_WIDGET (self), bench_refresh_painted, g_object_ref (self));
}

static void
bench_refresh_painted (gpointer user_data,
                       gint64   painted_at,
                       gint64   paint_us)
{
  g_autoptr(GrOverviewPage) self = user_data;
  gint64 stall = gr_bench_stall_probe_stop ();

  gr_bench_print ("refresh",
                  "total_us=%" G_GINT64_FORMAT " worker_us=%" G_GINT64_FORMAT " apply_us=%" G_GINT64_FORMAT
                  " paint_us=%" G_GINT64_FORMAT " stall_us=%" G_GINT64_FORMAT,
                  painted_at - self->bench_requested, self->bench_worker_us, self->bench_apply_us,
                  paint_us, stall);
  if (self->bench_refreshes_left > 0)
    {
      /* Every other refresh narrowed to the first enterprise, so that
       * each one changes what is drawn. */
      self->bench_refreshes_left--;
      g_clear_pointer (&self->scope_id, g_free);
      if (self->scope == GR_KPI_SCOPE_ALL && self->places != NULL && self->places->len > 1)
        {
          const GrKpiPlace *place = self->places->pdata[1];

          self->scope = place->scope;
          self->scope_id = g_strdup (place->id);
        }
      else
        self->scope = GR_KPI_SCOPE_ALL;
      gr_overview_page_load (self, self->db_path, self->targets_id);
    }
  else if (gr_bench_quit_when_done ())
    g_application_quit (g_application_get_default ());
}

/*
 * Callbacks
 */

static void
figures_done_cb (GObject      *object,
                 GAsyncResult *async_result,
                 gpointer      user_data)
{
  GrOverviewPage *self = GR_OVERVIEW_PAGE (object);
  g_autoptr(FiguresResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  gint64 worker_us;

  if (g_task_get_source_tag (G_TASK (async_result)) == gr_store_task_run_async)
    result = gr_store_task_run_finish (async_result, &error);
  else
    result = g_task_propagate_pointer (G_TASK (async_result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gr_bench_mark ("figures-arrived");
  start = g_get_monotonic_time ();
  set_pending (self, FALSE);
  if (result == NULL)
    {
      /* The window says when the database cannot be read at all. */
      g_debug ("Could not read the figures: %s", error->message);
      adw_status_page_set_title (self->empty_page, _("Could not Read the Figures"));
      adw_status_page_set_description (self->empty_page, error->message);
      show_empty (self, TRUE);
      /* The rules would not read it either. */
      self->panel_wanted = FALSE;
      apply_finding_counts (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
      return;
    }

  if (result->places != NULL && !apply_places (self, result->places))
    {
      /* Narrowed to a place that is gone: read everything instead. */
      request_figures (self, FALSE);
      return;
    }

  worker_us = result->worker_us;
  /* For the list of findings, when it is computed anew. */
  g_free (self->panel_profile);
  self->panel_profile = g_strdup (result->profile_id);
  apply_header (self, result);
  if (result->kpi->scope == GR_KPI_SCOPE_ALL && result->kpi->scale_kg == 0 && result->kpi->stock_kg == 0)
    {
      g_autofree char *date = gr_format_iso_date (result->kpi->as_of);
      g_autofree char *description = NULL;

      /* TRANSLATORS: %s is a date, e.g. 2026年11月25日 */
      description = g_strdup_printf (_("No storage plan is in force on %s and nothing is in store under one. "
                                       "Import a dataset with storage plans, or check their validity dates."), date);
      adw_status_page_set_title (self->empty_page, _("No Storage Plans in Force"));
      adw_status_page_set_description (self->empty_page, description);
      show_empty (self, TRUE);
    }
  else
    {
      apply_tiles (self, result);
      apply_finding_counts (self);
      show_empty (self, FALSE);
      /* The charts follow in the next frame: the key figures come first. */
      g_clear_pointer (&self->charts_result, figures_result_free);
      self->charts_result = g_steal_pointer (&result);
    }
  schedule_later (self);

  if (gr_bench_enabled ())
    {
      self->bench_apply_us += g_get_monotonic_time () - start;
      self->bench_worker_us = MAX (self->bench_worker_us, worker_us);
      if (!self->bench_first_painted)
        {
          self->bench_first_painted = TRUE;
          gr_bench_after_next_paint (GTK_WIDGET (self), bench_first_painted, g_object_ref (self));
        }
      bench_check_done (self);
    }
}

static void
panel_busy_cb (GrOverviewPage  *self,
               GParamSpec      *pspec,
               GrFindingsPanel *panel)
{
  apply_finding_counts (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
  if (gr_bench_enabled ())
    bench_check_done (self);
}

static void
date_changed_cb (GrOverviewPage *self,
                 GParamSpec     *pspec,
                 GrDateButton   *button)
{
  gr_overview_page_set_as_of (self, gr_date_button_get_date (button));
}

static void
scope_selected_cb (GrOverviewPage *self,
                   GParamSpec     *pspec,
                   GtkDropDown    *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  const GrKpiPlace *place;

  if (self->setting_places || self->places == NULL || selected >= self->places->len)
    return;
  place = self->places->pdata[selected];
  gr_overview_page_set_scope (self, place->scope, place->id);
}

/* The strip counts; the list under the charts says what they are. */
static void
strip_released_cb (GrOverviewPage  *self,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkGestureClick *click)
{
  GtkScrolledWindow *scrolled;
  graphene_point_t point;

  scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (self->findings_slot), GTK_TYPE_SCROLLED_WINDOW));
  if (scrolled == NULL ||
      !gtk_widget_compute_point (GTK_WIDGET (self->findings_slot), gtk_scrolled_window_get_child (scrolled),
                                 &GRAPHENE_POINT_INIT (0, 0), &point))
    return;
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scrolled), point.y);
}

static void
tile_activated_cb (GrOverviewPage *self,
                   GrKpiTile      *tile)
{
  /* The finished-grain figures open on finished grain; the others on
   * everything of the place shown. */
  if (tile == self->finished_tile || tile == self->days_tile)
    show_stock (self, "class:finished");
  else
    show_stock (self, NULL);
}

static void
variety_activated_cb (GrOverviewPage *self,
                      int             series,
                      int             index,
                      GrChart        *chart)
{
  g_autofree char *term = NULL;

  if (self->bar_varieties == NULL || index < 0 || (guint) index >= g_strv_length (self->bar_varieties))
    return;
  term = g_strconcat ("variety:", self->bar_varieties[index], NULL);
  show_stock (self, term);
}

/*
 * Requests
 */

/* The first figures, read while the application starts (GTK's start-up
 * takes the main thread for most of the time the read takes). The page's
 * first request takes them over when it asks for the same: everything,
 * today, the same targets; any other request lets them go. */
typedef struct {
  char          *db_path;
  char          *targets_id;
  char          *as_of;
  FiguresResult *result;
  GError        *error;
  GTask         *task;      /* the page's request waiting for them */
  gboolean       done;
  gboolean       dropped;
} Prefetch;

static Prefetch *prefetch;

static void
prefetch_free (Prefetch *p)
{
  g_free (p->db_path);
  g_free (p->targets_id);
  g_free (p->as_of);
  g_clear_pointer (&p->result, figures_result_free);
  g_clear_error (&p->error);
  g_clear_object (&p->task);
  g_free (p);
}

static void
prefetch_hand_over (Prefetch *p)
{
  if (p->result != NULL)
    g_task_return_pointer (p->task, g_steal_pointer (&p->result), (GDestroyNotify) figures_result_free);
  else
    g_task_return_error (p->task, g_steal_pointer (&p->error));
  prefetch_free (p);
}

static void
prefetch_done_cb (GObject      *object,
                  GAsyncResult *async_result,
                  gpointer      user_data)
{
  Prefetch *p = user_data;

  p->done = TRUE;
  p->result = gr_store_task_run_finish (async_result, &p->error);
  if (p->task != NULL)
    {
      if (prefetch == p)
        prefetch = NULL;
      prefetch_hand_over (p);
    }
  else if (p->dropped)
    prefetch_free (p);
}

static void
prefetch_drop (void)
{
  Prefetch *p = g_steal_pointer (&prefetch);

  if (p == NULL)
    return;
  /* A read under way is let go when it ends. */
  if (p->done)
    prefetch_free (p);
  else
    p->dropped = TRUE;
}

/* Takes the prefetched figures over when they are what the page asks
 * for: they reach figures_done_cb as a read of its own would. */
static gboolean
adopt_prefetch (GrOverviewPage *self,
                const char     *as_of,
                gboolean        with_places)
{
  Prefetch *p = prefetch;
  const char *targets = self->targets_id && *self->targets_id ? self->targets_id : NULL;

  if (p == NULL)
    return FALSE;
  if (!with_places || self->scope != GR_KPI_SCOPE_ALL || g_strcmp0 (p->db_path, self->db_path) != 0 ||
      g_strcmp0 (p->as_of, as_of) != 0 || g_strcmp0 (p->targets_id, targets) != 0)
    {
      prefetch_drop ();
      return FALSE;
    }

  prefetch = NULL;
  p->task = g_task_new (self, self->figures_cancellable, figures_done_cb, NULL);
  g_task_set_source_tag (p->task, adopt_prefetch);
  if (p->done)
    prefetch_hand_over (p);
  return TRUE;
}

static void
request_figures (GrOverviewPage *self,
                 gboolean        with_places)
{
  FiguresRequest *request;

  if (self->db_path == NULL)
    return;

  g_cancellable_cancel (self->figures_cancellable);
  g_clear_object (&self->figures_cancellable);
  self->figures_cancellable = g_cancellable_new ();

  request = g_new0 (FiguresRequest, 1);
  request->as_of = g_strdup (current_as_of (self));
  request->scope = self->scope;
  request->scope_id = g_strdup (self->scope_id);
  request->targets_id = g_strdup (self->targets_id);
  request->with_places = with_places;
  set_pending (self, TRUE);
  if (adopt_prefetch (self, request->as_of, with_places))
    {
      figures_request_free (request);
      return;
    }
  gr_store_task_run_async (self, self->db_path, figures_worker, request, (GDestroyNotify) figures_request_free,
                           (GDestroyNotify) figures_result_free, NULL, NULL,
                           self->figures_cancellable, figures_done_cb, NULL);
}

/* The list of findings is made once the key figures are on screen: it
 * is below the charts, and the first frame does without it. */
static void
ensure_panel (GrOverviewPage *self)
{
  if (self->findings_panel != NULL)
    return;
  self->findings_panel = GR_FINDINGS_PANEL (gr_findings_panel_new ());
  gr_findings_panel_set_scope (self->findings_panel, self->scope, self->scope_id);
  g_signal_connect_object (self->findings_panel, "notify::busy", G_CALLBACK (panel_busy_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (self->findings_slot, GTK_WIDGET (self->findings_panel));
}

/* The places found, into the selector, the one shown selected */
static void
fill_selector (GrOverviewPage *self)
{
  guint selected = 0;

  self->places_pending = FALSE;
  for (guint i = 0; self->places != NULL && i < self->places->len; i++)
    {
      const GrKpiPlace *place = self->places->pdata[i];

      if (place->scope == self->scope && g_strcmp0 (place->id, self->scope_id) == 0)
        selected = i;
    }
  self->setting_places = TRUE;
  gtk_drop_down_set_model (self->scope_dropdown, G_LIST_MODEL (self->place_names));
  gtk_drop_down_set_selected (self->scope_dropdown, selected);
  self->setting_places = FALSE;
}

static void
apply_later (GrOverviewPage *self)
{
  g_autoptr(FiguresResult) result = g_steal_pointer (&self->charts_result);
  gint64 start = g_get_monotonic_time ();

  if (self->places_pending)
    fill_selector (self);

  if (result != NULL)
    {
      apply_varieties (self, result);
      apply_ratios (self, result);
      gtk_widget_set_visible (GTK_WIDGET (self->charts_box), TRUE);
      if (gr_bench_enabled ())
        self->bench_apply_us += g_get_monotonic_time () - start;
    }
  if (self->panel_wanted && !self->figures_pending)
    {
      /* The rules for the same day as the figures, once they are painted:
       * they take longer and would compete with the first frame. */
      self->panel_wanted = FALSE;
      ensure_panel (self);
      gr_findings_panel_load (self->findings_panel, self->db_path, self->panel_profile, current_as_of (self));
      apply_finding_counts (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
  if (gr_bench_enabled ())
    bench_check_done (self);
}

static gboolean
later_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  GrOverviewPage *self = GR_OVERVIEW_PAGE (widget);

  /* The first tick comes before the frame that paints the key figures;
   * the second after it. */
  if (++self->later_ticks < 2)
    return G_SOURCE_CONTINUE;
  self->later_tick_id = 0;
  apply_later (self);
  return G_SOURCE_REMOVE;
}

/* What can wait for the key figures to be on screen: the charts, which
 * take longer to lay out than the rest of the page, and the rules, which
 * take longer to run than the figures and would compete with the first
 * frame for the processor. A page not on screen does them when it is
 * first shown. */
static void
schedule_later (GrOverviewPage *self)
{
  if (self->later_tick_id != 0 || (self->charts_result == NULL && !self->panel_wanted && !self->places_pending))
    return;
  self->later_ticks = 0;
  self->later_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), later_tick_cb, NULL, NULL);
}

/*
 * GObject overrides
 */

static GtkWidget *
build_variety_frame (GrOverviewPage *self)
{
  GtkWidget *chart = gr_chart_new_bars (GR_BAR_MODE_GROUPED, FALSE);
  /* TRANSLATORS: title of a chart on the Overview, 各品种库存与计划 */
  GtkWidget *frame = gr_chart_frame_new (_("Stock by Variety against Plan"), chart);

  self->variety_chart = GR_CHART (chart);
  self->variety_frame = GR_CHART_FRAME (frame);
  gr_chart_set_title (self->variety_chart, _("Stock by Variety against Plan"));
  gr_bar_layer_set_show_values (GR_BAR_LAYER (gr_chart_find_layer (self->variety_chart, GR_TYPE_BAR_LAYER)), FALSE);
  gtk_widget_set_size_request (chart, -1, 220);
  g_signal_connect_object (chart, "item-activated", G_CALLBACK (variety_activated_cb), self, G_CONNECT_SWAPPED);
  return frame;
}

static GtkWidget *
build_ratio_stack (GrOverviewPage *self)
{
  GtkWidget *chart = gr_chart_new_lines ();
  /* TRANSLATORS: title of a chart on the Overview, 月末库存比例 */
  GtkWidget *frame = gr_chart_frame_new (_("Month-End Stock Ratio"), chart);
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *region = adw_status_page_new ();

  self->ratio_chart = GR_CHART (chart);
  self->ratio_frame = GR_CHART_FRAME (frame);
  self->ratio_stack = GTK_STACK (stack);
  gr_chart_set_title (self->ratio_chart, _("Month-End Stock Ratio"));
  /* A ratio is never below zero: no air under the axis. */
  gr_chart_set_include_zero (self->ratio_chart, TRUE);
  gtk_widget_set_size_request (chart, -1, 220);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (region), "dialog-information-symbolic");
  /* TRANSLATORS: in place of the ratio chart when the Overview shows one county */
  adw_status_page_set_title (ADW_STATUS_PAGE (region), _("No Month-End Ratio for a County"));
  adw_status_page_set_description (ADW_STATUS_PAGE (region),
                                   _("Storage plans are set per enterprise, not per county or district. "
                                     "Choose an enterprise or everything to see the month-end stock ratio."));
  gtk_widget_add_css_class (region, "card");
  gtk_widget_add_css_class (region, "compact");

  gtk_stack_add_named (self->ratio_stack, frame, "chart");
  gtk_stack_add_named (self->ratio_stack, region, "region");
  return stack;
}

static void
gr_overview_page_dispose (GObject *object)
{
  GrOverviewPage *self = GR_OVERVIEW_PAGE (object);

  g_cancellable_cancel (self->figures_cancellable);
  if (self->later_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->later_tick_id);
      self->later_tick_id = 0;
    }
  g_clear_pointer (&self->charts_result, figures_result_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), GR_TYPE_OVERVIEW_PAGE);
  G_OBJECT_CLASS (gr_overview_page_parent_class)->dispose (object);
}

static void
gr_overview_page_finalize (GObject *object)
{
  GrOverviewPage *self = GR_OVERVIEW_PAGE (object);

  g_clear_object (&self->figures_cancellable);
  g_clear_object (&self->place_names);
  g_clear_pointer (&self->places, g_ptr_array_unref);
  g_clear_pointer (&self->bar_varieties, g_strfreev);
  g_free (self->db_path);
  g_free (self->targets_id);
  g_free (self->as_of);
  g_free (self->shown_as_of);
  g_free (self->panel_profile);
  g_free (self->scope_id);

  G_OBJECT_CLASS (gr_overview_page_parent_class)->finalize (object);
}

static void
gr_overview_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GrOverviewPage *self = GR_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_AS_OF:
      g_value_set_string (value, self->as_of);
      break;

    case PROP_FIGURES_PENDING:
      g_value_set_boolean (value, self->figures_pending);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, gr_overview_page_get_loading (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_overview_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  GrOverviewPage *self = GR_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_AS_OF:
      gr_overview_page_set_as_of (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_overview_page_class_init (GrOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gr_overview_page_dispose;
  object_class->finalize = gr_overview_page_finalize;
  object_class->get_property = gr_overview_page_get_property;
  object_class->set_property = gr_overview_page_set_property;

  properties [PROP_AS_OF] =
    g_param_spec_string ("as-of", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_FIGURES_PENDING] =
    g_param_spec_boolean ("figures-pending", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gr_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/gr-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, aaa_tile);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, charts_box);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, cold_tile);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, date_button);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, date_label);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, days_tile);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, demo_note);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, figures_box);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, finished_tile);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, findings_caption);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, findings_slot);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, findings_spinner);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, findings_strip);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, informatised_tile);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, quality_tile);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, reserve_tile);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, scope_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, violations_box);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, violations_value);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, warnings_box);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, warnings_value);

  g_type_ensure (GR_TYPE_DATE_BUTTON);
  g_type_ensure (GR_TYPE_KPI_TILE);
  g_type_ensure (GR_TYPE_TILE_SLOT);
}

/* The page's own style sheet. The chart kit's sits at the application
 * priority and, between providers, priority beats specificity: one step
 * above it lets the page size its tiles. */
static void
load_style (void)
{
  static gboolean done;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (done || display == NULL)
    return;
  done = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/ui/gr-overview-page.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
}

static void
gr_overview_page_init (GrOverviewPage *self)
{
  g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) button_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkExpression) expression = NULL;
  GtkGesture *click;

  gr_charts_init ();
  load_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not a bound template child: AdwBin lets go of its child itself, and
   * disposing the template would unparent it a second time. */
  self->stack = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));

  self->scope = GR_KPI_SCOPE_ALL;
  self->bench_refreshes_left = gr_bench_refreshes ();

  gtk_box_append (self->charts_box, build_variety_frame (self));
  gtk_box_append (self->charts_box, build_ratio_stack (self));
  /* Shown with their first data, a frame after the key figures. */
  gtk_widget_set_visible (GTK_WIDGET (self->charts_box), FALSE);

  for (GrKpiTile **tile = (GrKpiTile *[]) { self->reserve_tile, self->finished_tile, self->days_tile,
                                            self->quality_tile, self->aaa_tile, self->cold_tile,
                                            self->informatised_tile, NULL };
       *tile != NULL; tile++)
    g_signal_connect_object (*tile, "activated", G_CALLBACK (tile_activated_cb), self, G_CONNECT_SWAPPED);

  /* The list names what each place is; the button only its name. */
  g_signal_connect (list_factory, "setup", G_CALLBACK (list_item_setup_cb), NULL);
  g_signal_connect_object (list_factory, "bind", G_CALLBACK (list_item_bind_cb), self, 0);
  g_signal_connect (button_factory, "setup", G_CALLBACK (button_item_setup_cb), NULL);
  g_signal_connect (button_factory, "bind", G_CALLBACK (button_item_bind_cb), NULL);
  gtk_drop_down_set_list_factory (self->scope_dropdown, list_factory);
  gtk_drop_down_set_factory (self->scope_dropdown, button_factory);
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->scope_dropdown, expression);
  g_signal_connect_object (self->scope_dropdown, "notify::selected",
                           G_CALLBACK (scope_selected_cb), self, G_CONNECT_SWAPPED);

  click = gtk_gesture_click_new ();
  g_signal_connect_object (click, "released", G_CALLBACK (strip_released_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->findings_strip, GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_cursor_from_name (self->findings_strip, "pointer");
  gtk_widget_set_tooltip_text (self->findings_strip, _("Show the list of findings"));

  g_signal_connect_object (self->date_button, "notify::date", G_CALLBACK (date_changed_cb), self, G_CONNECT_SWAPPED);

  apply_finding_counts (self);
}

/*
 * Public API
 */

void
gr_overview_page_load (GrOverviewPage *self,
                       const char     *db_path,
                       const char     *targets)
{
  g_return_if_fail (GR_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (db_path != NULL);

  if (self->db_path != db_path)
    {
      g_free (self->db_path);
      self->db_path = g_strdup (db_path);
    }
  if (self->targets_id != targets)
    {
      g_free (self->targets_id);
      self->targets_id = g_strdup (targets);
    }

  if (gr_bench_enabled ())
    {
      self->bench_requested = g_get_monotonic_time ();
      self->bench_worker_us = 0;
      self->bench_apply_us = 0;
      gr_bench_stall_probe_start ();
    }

  /* The figures come first; the rules take longer and follow, once the
   * figures are painted. */
  self->panel_wanted = TRUE;
  request_figures (self, TRUE);
  apply_finding_counts (self);
}

const char *
gr_overview_page_get_as_of (GrOverviewPage *self)
{
  g_return_val_if_fail (GR_IS_OVERVIEW_PAGE (self), NULL);
  return self->as_of;
}

void
gr_overview_page_set_as_of (GrOverviewPage *self,
                            const char     *as_of)
{
  g_return_if_fail (GR_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (as_of == NULL || gr_date_parse (as_of, NULL));

  if (g_strcmp0 (self->as_of, as_of) == 0)
    return;
  g_free (self->as_of);
  self->as_of = g_strdup (as_of);
  g_free (self->shown_as_of);
  self->shown_as_of = g_strdup (as_of);
  gr_date_button_set_date (self->date_button, as_of);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_AS_OF]);
  if (self->db_path != NULL)
    gr_overview_page_load (self, self->db_path, self->targets_id);
}

void
gr_overview_page_set_scope (GrOverviewPage *self,
                            GrKpiScope      scope,
                            const char     *scope_id)
{
  g_return_if_fail (GR_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (scope == GR_KPI_SCOPE_ALL || scope_id != NULL);

  if (scope == GR_KPI_SCOPE_ALL)
    scope_id = NULL;
  if (self->scope == scope && g_strcmp0 (self->scope_id, scope_id) == 0)
    return;
  self->scope = scope;
  g_free (self->scope_id);
  self->scope_id = g_strdup (scope_id);

  /* Keep the selector in step when narrowed from code. */
  for (guint i = 0; self->places != NULL && !self->places_pending && i < self->places->len; i++)
    {
      const GrKpiPlace *place = self->places->pdata[i];

      if (place->scope == scope && g_strcmp0 (place->id, scope_id) == 0 &&
          gtk_drop_down_get_selected (self->scope_dropdown) != i)
        {
          self->setting_places = TRUE;
          gtk_drop_down_set_selected (self->scope_dropdown, i);
          self->setting_places = FALSE;
        }
    }

  /* The findings of every place are in the list already. */
  if (self->findings_panel != NULL)
    gr_findings_panel_set_scope (self->findings_panel, scope, self->scope_id);
  apply_finding_counts (self);
  request_figures (self, FALSE);
}

void
gr_overview_page_prefetch (const char *db_path,
                           const char *targets)
{
  FiguresRequest *request;
  Prefetch *p;

  g_return_if_fail (db_path != NULL);

  prefetch_drop ();
  if (targets != NULL && *targets == '\0')
    targets = NULL;
  p = g_new0 (Prefetch, 1);
  p->db_path = g_strdup (db_path);
  p->targets_id = g_strdup (targets);
  p->as_of = gr_today_iso ();
  request = g_new0 (FiguresRequest, 1);
  request->as_of = g_strdup (p->as_of);
  request->scope = GR_KPI_SCOPE_ALL;
  request->targets_id = g_strdup (targets);
  request->with_places = TRUE;
  prefetch = p;
  gr_store_task_run_async (NULL, db_path, figures_worker, request, (GDestroyNotify) figures_request_free,
                           (GDestroyNotify) figures_result_free, NULL, NULL, NULL, prefetch_done_cb, p);
}

gboolean
gr_overview_page_get_figures_pending (GrOverviewPage *self)
{
  g_return_val_if_fail (GR_IS_OVERVIEW_PAGE (self), FALSE);
  return self->figures_pending;
}

gboolean
gr_overview_page_get_loading (GrOverviewPage *self)
{
  g_return_val_if_fail (GR_IS_OVERVIEW_PAGE (self), FALSE);
  return self->figures_pending || self->charts_result != NULL || self->panel_wanted ||
         (self->findings_panel != NULL && gr_findings_panel_get_busy (self->findings_panel));
}

GtkBox *
gr_overview_page_get_findings_slot (GrOverviewPage *self)
{
  g_return_val_if_fail (GR_IS_OVERVIEW_PAGE (self), NULL);
  return self->findings_slot;
}
