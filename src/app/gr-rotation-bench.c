/* gr-rotation-bench.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-rotation-bench"

#include "config.h"

#include <stdio.h>
#include <time.h>

#include "gr-rotation-bench.h"

#define PROBE_MS        2
#define SCROLL_SECONDS  6
#define SCROLL_STEP_PX  120    /* per frame: about 200 rows a second */
#define SIDE_STEP_PX    40
#define JUMP_EVERY      45     /* frames between jumps (a scroll-bar drag) */

typedef enum {
  STEP_WAIT,      /* run action, then wait until the page is idle */
  STEP_SCROLL,    /* scroll the rows for seconds */
  STEP_SIDEWAYS,  /* scroll the time for seconds */
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
  GrRotationPage *page;
  guint           step;
  gboolean        started;
  guint           shown_at_start;
  gint64          step_start;
  gint64          last_tick;
  gint64          step_stall;
  gint64          worst_stall;
  const char     *worst_step;
  gint64          last_cpu;
  gint64          step_work;
  gint64          worst_work;
  const char     *worst_work_step;
  guint           probe_id;
  guint           tick_id;
  gint64          last_frame;
  gint64          longest_frame;
  guint           frames;
  guint           scroll_frames;
  GRand          *rand;
  double          scroll_scale;
};

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static GrTimelineView *
view_of (Bench *b)
{
  return gr_rotation_page_get_timeline_view (b->page);
}

static void reload (Bench *b)      { gr_rotation_page_reload (b->page); }
static void expand (Bench *b)      { gr_timeline_view_set_expanded (view_of (b), TRUE); }
static void zoom_in (Bench *b)     { gr_timeline_view_zoom_in (view_of (b)); }
static void zoom_out (Bench *b)    { gr_timeline_view_zoom_out (view_of (b)); }
static void by_plan (Bench *b)     { gr_rotation_page_set_grouping (b->page, GR_TIMELINE_BY_PLAN); }
static void by_place (Bench *b)    { gr_rotation_page_set_grouping (b->page, GR_TIMELINE_BY_PLACE); }
static void attention (Bench *b)   { gr_rotation_page_set_attention (b->page, TRUE); }
static void everything (Bench *b)  { gr_rotation_page_set_attention (b->page, FALSE); }
static void emptied (Bench *b)     { g_object_set (b->page, "include-empty", TRUE, NULL); }

static const Step steps[] = {
  { "read the timeline again",        STEP_WAIT,     reload,     0 },
  { "open every depot",               STEP_WAIT,     expand,     0 },
  { "scroll the lots in store",       STEP_SCROLL,   NULL,       SCROLL_SECONDS },
  { "scroll the time sideways",       STEP_SIDEWAYS, NULL,       SCROLL_SECONDS / 2.0 },
  { "zoom in",                        STEP_WAIT,     zoom_in,    0 },
  { "zoom in again",                  STEP_WAIT,     zoom_in,    0 },
  { "scroll zoomed in",               STEP_SCROLL,   NULL,       SCROLL_SECONDS / 2.0 },
  { "zoom out",                       STEP_WAIT,     zoom_out,   0 },
  { "group by plan",                  STEP_WAIT,     by_plan,    0 },
  { "open every plan",                STEP_WAIT,     expand,     0 },
  { "scroll by plan",                 STEP_SCROLL,   NULL,       SCROLL_SECONDS / 2.0 },
  { "needs attention",                STEP_WAIT,     attention,  0 },
  { "everything again, by depot",     STEP_WAIT,     everything, 0 },
  { "",                               STEP_WAIT,     by_place,   0 },
  { "with the emptied lots",          STEP_WAIT,     emptied,    0 },
  { "open every depot (60,000 lots)", STEP_WAIT,     expand,     0 },
  { "scroll every lot",               STEP_SCROLL,   NULL,       SCROLL_SECONDS / 2.0 },
};

static guint
n_rows (Bench *b)
{
  return g_list_model_get_n_items (gr_timeline_view_get_model (view_of (b)));
}

static void
finish (Bench *bench)
{
  GApplication *app = g_application_get_default ();

  printf ("timeline-scroll: longest main-loop stall %.1f ms wall-clock (in \"%s\"), "
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
  const Step *step = &steps[bench->step];
  gint64 now = g_get_monotonic_time ();

  if (*step->name != '\0')
    printf ("timeline-scroll: %-32s %8.1f ms, longest stall %6.1f ms (main-thread work %5.1f ms), %u rows\n",
            step->name, (now - bench->step_start) / 1000.0, bench->step_stall / 1000.0,
            bench->step_work / 1000.0, n_rows (bench));
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
  const Step *step = &steps[bench->step];
  gboolean sideways = step->kind == STEP_SIDEWAYS;
  GtkAdjustment *adj = sideways ? gr_timeline_scale_get_adjustment (gr_timeline_view_get_scale (view_of (bench)))
                                : gtk_scrolled_window_get_vadjustment (gr_timeline_view_get_scroller (view_of (bench)));
  double upper = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);
  double value = gtk_adjustment_get_value (adj) + (sideways ? SIDE_STEP_PX : SCROLL_STEP_PX);
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

  if (bench->step >= G_N_ELEMENTS (steps))
    {
      bench->probe_id = 0;
      finish (bench);
      return G_SOURCE_REMOVE;
    }
  step = &steps[bench->step];

  if (!bench->started)
    {
      bench->started = TRUE;
      bench->step_start = now;
      bench->shown_at_start = gr_rotation_page_get_n_shown (bench->page);
      if (step->action != NULL)
        step->action (bench);
      if (step->kind != STEP_WAIT)
        {
          bench->last_frame = 0;
          bench->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (view_of (bench)), scroll_tick_cb, bench, NULL);
        }
      return G_SOURCE_CONTINUE;
    }

  if (step->kind != STEP_WAIT)
    {
      if (now - bench->step_start < step->seconds * bench->scroll_scale * G_USEC_PER_SEC)
        return G_SOURCE_CONTINUE;
      gtk_widget_remove_tick_callback (GTK_WIDGET (view_of (bench)), bench->tick_id);
      bench->tick_id = 0;
      end_step (bench);
      return G_SOURCE_CONTINUE;
    }
  /* A step is done when the page is idle (and a step that reads or
   * groups has shown its result) and a frame has been drawn since. */
  if (!gr_rotation_page_get_busy (bench->page) && now - bench->step_start > 50 * 1000)
    end_step (bench);
  return G_SOURCE_CONTINUE;
}

void
gr_rotation_bench_start (GrRotationPage *page)
{
  Bench *bench = g_new0 (Bench, 1);
  GrTimeline *timeline;

  g_return_if_fail (GR_IS_ROTATION_PAGE (page));

  setvbuf (stdout, NULL, _IOLBF, 0);
  bench->page = g_object_ref (page);
  bench->rand = g_rand_new_with_seed (1);
  bench->scroll_scale = g_getenv ("GRANARY_BENCH_SCROLL") ? g_ascii_strtod (g_getenv ("GRANARY_BENCH_SCROLL"), NULL) : 1.0;
  timeline = gr_rotation_page_get_timeline (page);
  printf ("timeline-scroll: %u lots, %u vacancies, %u plan items\n",
          gr_timeline_get_lots (timeline)->len, gr_timeline_get_vacancies (timeline)->len,
          gr_timeline_get_items (timeline)->len);
  bench->probe_id = g_timeout_add_full (G_PRIORITY_HIGH, PROBE_MS, probe_cb, bench, NULL);
}
