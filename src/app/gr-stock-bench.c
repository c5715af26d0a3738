/* gr-stock-bench.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-stock-bench"

#include "config.h"

#include <stdio.h>
#include <time.h>

#include "gr-stock-bench.h"

#define PROBE_MS        2
#define SCROLL_SECONDS  6
#define SCROLL_STEP_PX  120    /* per frame: about 200 rows a second */
#define JUMP_EVERY      45     /* frames between jumps (a scroll-bar drag) */

typedef enum {
  STEP_WAIT,      /* until the page is idle */
  STEP_ACTION,    /* run action, then wait */
  STEP_SCROLL,    /* scroll for seconds */
} StepKind;

typedef struct _Bench Bench;

typedef struct {
  const char *name;
  StepKind    kind;
  void      (*action) (Bench *bench);
  double      seconds;
} Step;

struct _Bench
{
  GrStockPage *page;
  const Step  *steps;
  guint        n_steps;
  guint        step;
  gboolean     started;       /* the current step's action ran */
  gint64       step_start;
  gint64       last_tick;
  gint64       step_stall;    /* µs of wall-clock time the probe was kept waiting */
  gint64       worst_stall;
  const char  *worst_step;
  gint64       last_cpu;
  gint64       step_work;     /* µs of main-thread CPU time between two probe runs */
  gint64       worst_work;
  const char  *worst_work_step;
  guint        probe_id;
  guint        tick_id;
  gint64       last_frame;
  gint64       longest_frame;
  guint        frames;
  guint        scroll_frames;
  GRand       *rand;
  double       scroll_scale;  /* GRANARY_BENCH_SCROLL: seconds of scrolling, as a factor */
};

/* CPU time of the calling (main) thread: what the main loop itself spent,
 * whatever else the machine runs. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
show (Bench      *bench,
      const char *filter)
{
  g_autoptr(GError) error = NULL;

  if (!gr_stock_page_show (bench->page, filter, &error))
    g_printerr ("stock-scroll: %s\n", error->message);
}

static void reload (Bench *b)        { gr_stock_page_reload (b->page); }
static void all_lots (Bench *b)      { show (b, "level:lot empty:yes"); }
static void in_store (Bench *b)      { show (b, "level:lot"); }
static void wheat (Bench *b)         { show (b, "level:lot empty:yes variety:wheat"); }
static void search (Bench *b)        { show (b, "level:lot empty:yes search:0012"); }
static void old_grain (Bench *b)     { show (b, "level:lot age:over-3y"); }
static void enterprises (Bench *b)   { gr_stock_page_set_level (b->page, GR_STOCK_LEVEL_ENTERPRISE); }
static void depots (Bench *b)        { gr_stock_page_set_level (b->page, GR_STOCK_LEVEL_DEPOT); }
static void bins (Bench *b)          { gr_stock_page_set_level (b->page, GR_STOCK_LEVEL_BIN); }
static void bins_wheat (Bench *b)    { show (b, "level:bin variety:wheat"); }

/* Column titles differ by language: sort by position instead. */
static void
sort_by_index (Bench      *b,
               guint       index,
               GtkSortType order)
{
  GListModel *columns = gtk_column_view_get_columns (gr_stock_page_get_table (b->page));
  g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, index);

  if (column != NULL)
    gtk_column_view_sort_by_column (gr_stock_page_get_table (b->page), column, order);
}

static void sort_stock_up (Bench *b)  { sort_by_index (b, 11, GTK_SORT_ASCENDING); }
static void sort_depot (Bench *b)     { sort_by_index (b, 2, GTK_SORT_ASCENDING); }
static void sort_name (Bench *b)      { sort_by_index (b, 0, GTK_SORT_ASCENDING); }

static const Step steps[] = {
  { "read the ledger again",          STEP_ACTION, reload,        0 },
  { "show all lots (emptied too)",    STEP_ACTION, all_lots,      0 },
  { "scroll all lots",                STEP_SCROLL, NULL,          SCROLL_SECONDS },
  { "sort by stock, ascending",       STEP_ACTION, sort_stock_up, 0 },
  { "sort by depot name",             STEP_ACTION, sort_depot,    0 },
  { "scroll sorted",                  STEP_SCROLL, NULL,          SCROLL_SECONDS / 2.0 },
  { "filter: wheat",                  STEP_ACTION, wheat,         0 },
  { "search: 0012",                   STEP_ACTION, search,        0 },
  { "filter: over 3 years in store",  STEP_ACTION, old_grain,     0 },
  { "level: enterprises",             STEP_ACTION, enterprises,   0 },
  { "level: depots",                  STEP_ACTION, depots,        0 },
  { "level: bins",                    STEP_ACTION, bins,          0 },
  { "bins holding wheat",             STEP_ACTION, bins_wheat,    0 },
  { "lots in store, by id",           STEP_ACTION, in_store,      0 },
  { "sort by lot id",                 STEP_ACTION, sort_name,     0 },
  { "scroll lots in store",           STEP_SCROLL, NULL,          SCROLL_SECONDS / 2.0 },
};

static void
finish (Bench *bench)
{
  GApplication *app = g_application_get_default ();

  printf ("stock-scroll: longest main-loop stall %.1f ms wall-clock (in \"%s\"), "
          "%.1f ms of main-thread work (in \"%s\"); "
          "scrolling painted %u frames, longest between frames %.1f ms\n",
          bench->worst_stall / 1000.0, bench->worst_step ? bench->worst_step : "-",
          bench->worst_work / 1000.0, bench->worst_work_step ? bench->worst_work_step : "-",
          bench->scroll_frames, bench->longest_frame / 1000.0);
  fflush (stdout);
  g_clear_handle_id (&bench->probe_id, g_source_remove);
  g_rand_free (bench->rand);
  g_object_unref (bench->page);
  g_free (bench);
  if (app != NULL)
    g_application_quit (app);
}

static void
end_step (Bench *bench)
{
  const Step *step = &bench->steps[bench->step];
  gint64 now = g_get_monotonic_time ();

  printf ("stock-scroll: %-32s %8.1f ms, longest stall %6.1f ms (main-thread work %5.1f ms), %u rows\n",
          step->name, (now - bench->step_start) / 1000.0, bench->step_stall / 1000.0,
          bench->step_work / 1000.0, gr_stock_page_get_n_rows (bench->page));
  fflush (stdout);
  if (bench->step_stall > bench->worst_stall)
    {
      bench->worst_stall = bench->step_stall;
      bench->worst_step = step->name;
    }
  if (bench->step_work > bench->worst_work)
    {
      bench->worst_work = bench->step_work;
      bench->worst_work_step = step->name;
    }
  bench->step++;
  bench->started = FALSE;
  bench->step_stall = 0;
  bench->step_work = 0;
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  Bench *bench = user_data;
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (gr_stock_page_get_scroller (bench->page));
  double upper = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);
  double value = gtk_adjustment_get_value (adj) + SCROLL_STEP_PX;
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (bench->last_frame != 0 && now - bench->last_frame > bench->longest_frame)
    bench->longest_frame = now - bench->last_frame;
  bench->last_frame = now;
  bench->scroll_frames++;
  if (++bench->frames % JUMP_EVERY == 0)
    value = g_rand_double_range (bench->rand, 0, MAX (upper, 1));
  if (value > upper)
    value = 0;
  gtk_adjustment_set_value (adj, value);
  return G_SOURCE_CONTINUE;
}

/* Runs every PROBE_MS at high priority: the gap between two runs is how
 * long the main loop was kept from running anything. */
static gboolean
probe_cb (gpointer user_data)
{
  Bench *bench = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();
  gint64 gap = bench->last_tick ? now - bench->last_tick - PROBE_MS * 1000 : 0;
  gint64 work = bench->last_cpu ? cpu - bench->last_cpu : 0;
  const Step *step;

  bench->last_tick = now;
  bench->last_cpu = cpu;
  if (gap > bench->step_stall)
    bench->step_stall = gap;
  if (work > bench->step_work)
    bench->step_work = work;

  if (bench->step >= bench->n_steps)
    {
      bench->probe_id = 0;
      finish (bench);
      return G_SOURCE_REMOVE;
    }
  step = &bench->steps[bench->step];

  if (!bench->started)
    {
      bench->started = TRUE;
      bench->step_start = now;
      if (step->action != NULL)
        step->action (bench);
      if (step->kind == STEP_SCROLL)
        {
          bench->last_frame = 0;
          bench->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (gr_stock_page_get_table (bench->page)),
                                                         scroll_tick_cb, bench, NULL);
        }
      return G_SOURCE_CONTINUE;
    }

  if (step->kind == STEP_SCROLL)
    {
      if (now - bench->step_start < step->seconds * bench->scroll_scale * G_USEC_PER_SEC)
        return G_SOURCE_CONTINUE;
      gtk_widget_remove_tick_callback (GTK_WIDGET (gr_stock_page_get_table (bench->page)), bench->tick_id);
      bench->tick_id = 0;
      end_step (bench);
      return G_SOURCE_CONTINUE;
    }
  if (!gr_stock_page_get_busy (bench->page))
    end_step (bench);
  return G_SOURCE_CONTINUE;
}

void
gr_stock_bench_start (GrStockPage *page)
{
  Bench *bench = g_new0 (Bench, 1);

  g_return_if_fail (GR_IS_STOCK_PAGE (page));

  /* Each line as it comes, even into a pipe. */
  setvbuf (stdout, NULL, _IOLBF, 0);
  bench->page = g_object_ref (page);
  bench->steps = steps;
  bench->n_steps = G_N_ELEMENTS (steps);
  bench->rand = g_rand_new_with_seed (1);
  bench->scroll_scale = g_getenv ("GRANARY_BENCH_SCROLL") ? g_ascii_strtod (g_getenv ("GRANARY_BENCH_SCROLL"), NULL) : 1.0;
  printf ("stock-scroll: %u lots, %u bins, %u depots\n",
          gr_stock_snapshot_get_n (gr_stock_page_get_snapshot (page), GR_STOCK_LEVEL_LOT),
          gr_stock_snapshot_get_n (gr_stock_page_get_snapshot (page), GR_STOCK_LEVEL_BIN),
          gr_stock_snapshot_get_n (gr_stock_page_get_snapshot (page), GR_STOCK_LEVEL_DEPOT));
  bench->probe_id = g_timeout_add_full (G_PRIORITY_HIGH, PROBE_MS, probe_cb, bench, NULL);
}
