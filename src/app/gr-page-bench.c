/* gr-page-bench.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-page-bench"

#include "config.h"

#include <stdio.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <time.h>

#include "gr-bench.h"
#include "gr-grading-page.h"
#include "gr-inspections-page.h"
#include "gr-overview-page.h"
#include "gr-reports-page.h"
#include "gr-page-bench.h"
#include "gr-rotation-page.h"
#include "gr-stock-page.h"
#include "gr-store-task.h"

#define PROBE_MS          2
/* Quiet this long after the frame that shows the page: a page that
 * starts another read a few frames later (the Overview's findings) has
 * not finished. */
#define SETTLE_US         (200 * 1000)
#define STEP_TIMEOUT_US   ((gint64) 600 * G_USEC_PER_SEC)

typedef enum {
  STEP_START,     /* the window opens on the Overview */
  STEP_SHOW,      /* switch to a page */
  STEP_REFRESH,   /* read the database again, the page shown */
} StepKind;

typedef enum {
  GROUP_NONE,
  GROUP_SWITCH,
  GROUP_REFRESH,
  N_GROUPS
} Group;

typedef struct {
  char     *name;
  StepKind  kind;
  char     *page;
  Group     group;
} Step;

typedef struct {
  gint64      worst_stall;
  const char *worst_stall_step;
  gint64      worst_work;
  const char *worst_work_step;
  GArray     *ready;          /* gint64 µs */
} Worst;

typedef struct {
  GrWindow      *window;
  GArray        *steps;       /* Step */
  guint          step;
  gboolean       started;     /* the current step's action ran */
  gint64         step_start;
  gint64         ready_at;    /* first frame painted while nothing was busy, 0: none yet */
  gint64         idle_since;
  gboolean       asked_paint;
  gint64         last_tick;
  gint64         last_cpu;
  gint64         step_stall;
  gint64         step_work;
  guint          probe_id;
  GdkFrameClock *clock;
  gulong         paint_id;
  Worst          worst[N_GROUPS];
} Bench;

static const char * const group_names[N_GROUPS] = { NULL, "page switches", "refreshes" };

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* The process's resident set and its peak so far, in MB (Linux's
 * /proc/self/status; 0 where there is none). */
static void
memory_mb (double *rss,
           double *peak)
{
  g_autofree char *status = NULL;
  const char *line;

  *rss = *peak = 0;
  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return;
  if ((line = strstr (status, "VmRSS:")) != NULL)
    *rss = g_ascii_strtod (line + 6, NULL) / 1024;
  if ((line = strstr (status, "VmHWM:")) != NULL)
    *peak = g_ascii_strtod (line + 6, NULL) / 1024;
}

/* What the C library's allocator hands out now, and what it keeps free
 * without giving it back, in MB (glibc only; 0 elsewhere). */
static void
heap_mb (double *used,
         double *kept)
{
#ifdef __GLIBC__
  struct mallinfo2 info = mallinfo2 ();

  *used = (info.uordblks + info.hblkhd) / 1048576.0;
  *kept = info.fordblks / 1048576.0;
#else
  *used = *kept = 0;
#endif
}

static void
add_step (Bench      *bench,
          StepKind    kind,
          const char *page,
          Group       group,
          const char *format,
          ...) G_GNUC_PRINTF (5, 6);

static void
add_step (Bench      *bench,
          StepKind    kind,
          const char *page,
          Group       group,
          const char *format,
          ...)
{
  Step step = { NULL, kind, g_strdup (page), group };
  va_list args;

  va_start (args, format);
  step.name = g_strdup_vprintf (format, args);
  va_end (args);
  g_array_append_val (bench->steps, step);
}

static void
step_clear (Step *step)
{
  g_free (step->name);
  g_free (step->page);
}

static guint
rounds (void)
{
  const char *text = g_getenv ("GRANARY_BENCH_ROUNDS");
  guint64 n = 2;

  if (text != NULL && !g_ascii_string_to_unsigned (text, 10, 0, 100, &n, NULL))
    n = 2;
  return (guint) n;
}

/* GRANARY_BENCH_ONLY: a comma-separated list of the pages to tour (the
 * Overview, where the tour starts, always); unset: every page. */
static gboolean
page_wanted (const char *page)
{
  const char *only = g_getenv ("GRANARY_BENCH_ONLY");
  g_auto(GStrv) names = NULL;

  if (only == NULL || *only == '\0' || g_strcmp0 (page, "overview") == 0)
    return TRUE;
  names = g_strsplit (only, ",", -1);
  return g_strv_contains ((const char * const *) names, page);
}

/* Whether anything is still on its way to the screen: a database task,
 * a write of the window's, or the shown page's own work (sorting,
 * grouping, the Overview's charts and findings). */
static gboolean
is_busy (Bench *bench)
{
  GtkWidget *page = adw_view_stack_get_visible_child (gr_window_get_view_stack (bench->window));

  if (gr_store_task_get_n_running () > 0 || gr_window_get_busy (bench->window))
    return TRUE;
  if (g_strcmp0 (gr_window_get_view (bench->window), "shell") != 0)
    return TRUE;
  if (GR_IS_OVERVIEW_PAGE (page))
    return gr_overview_page_get_loading (GR_OVERVIEW_PAGE (page));
  if (GR_IS_STOCK_PAGE (page))
    return gr_stock_page_get_busy (GR_STOCK_PAGE (page));
  if (GR_IS_ROTATION_PAGE (page))
    return gr_rotation_page_get_busy (GR_ROTATION_PAGE (page));
  if (GR_IS_GRADING_PAGE (page))
    return gr_grading_page_get_busy (GR_GRADING_PAGE (page));
  if (GR_IS_REPORTS_PAGE (page))
    return gr_reports_page_get_busy (GR_REPORTS_PAGE (page));
  if (GR_IS_INSPECTIONS_PAGE (page))
    return gr_inspections_page_get_busy (GR_INSPECTIONS_PAGE (page));
  return FALSE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  if (bench->started && bench->ready_at == 0 && !is_busy (bench))
    bench->ready_at = g_get_monotonic_time ();
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static void
finish (Bench *bench)
{
  GApplication *app = g_application_get_default ();

  for (Group g = GROUP_SWITCH; g < N_GROUPS; g++)
    {
      Worst *w = &bench->worst[g];
      double median = 0;

      if (w->ready->len > 0)
        {
          g_array_sort (w->ready, compare_gint64);
          median = g_array_index (w->ready, gint64, w->ready->len / 2) / 1000.0;
        }
      printf ("pages: %s: longest main-loop stall %.1f ms wall-clock (in \"%s\"), "
              "%.1f ms of main-thread work (in \"%s\"); median time to the page shown %.1f ms\n",
              group_names[g], w->worst_stall / 1000.0, w->worst_stall_step ? w->worst_stall_step : "-",
              w->worst_work / 1000.0, w->worst_work_step ? w->worst_work_step : "-", median);
    }
  fflush (stdout);

  g_clear_handle_id (&bench->probe_id, g_source_remove);
  if (bench->clock != NULL)
    {
      g_clear_signal_handler (&bench->paint_id, bench->clock);
      g_object_unref (bench->clock);
    }
  for (Group g = GROUP_SWITCH; g < N_GROUPS; g++)
    g_array_unref (bench->worst[g].ready);
  /* The names are pointed at by worst[]: freed last. */
  g_array_unref (bench->steps);
  g_object_unref (bench->window);
  g_free (bench);
  if (app != NULL)
    g_application_quit (app);
}

static void
end_step (Bench  *bench,
          gint64  now)
{
  const Step *step = &g_array_index (bench->steps, Step, bench->step);
  gint64 ready = bench->ready_at ? bench->ready_at - bench->step_start : now - bench->step_start;
  double rss, peak, used, kept;

  if (bench->ready_at == 0)
    printf ("pages: %-36s timed out after %.1f s\n", step->name, (now - bench->step_start) / 1e6);
  memory_mb (&rss, &peak);
  heap_mb (&used, &kept);
  printf ("pages: %-36s ready %8.1f ms, longest stall %6.1f ms (main-thread work %5.1f ms), "
          "memory %.0f MB (peak %.0f MB; heap %.0f MB, %.0f MB free in it)\n",
          step->name, ready / 1000.0, bench->step_stall / 1000.0, bench->step_work / 1000.0, rss, peak, used, kept);
  fflush (stdout);
  if (step->group != GROUP_NONE)
    {
      Worst *w = &bench->worst[step->group];

      g_array_append_val (w->ready, ready);
      if (bench->step_stall >= w->worst_stall)
        {
          w->worst_stall = bench->step_stall;
          w->worst_stall_step = step->name;
        }
      if (bench->step_work >= w->worst_work)
        {
          w->worst_work = bench->step_work;
          w->worst_work_step = step->name;
        }
    }
  bench->step++;
  bench->started = FALSE;
}

static void
run_action (Bench      *bench,
            const Step *step)
{
  switch (step->kind)
    {
    case STEP_START:
      break;
    case STEP_SHOW:
      adw_view_stack_set_visible_child_name (gr_window_get_view_stack (bench->window), step->page);
      break;
    case STEP_REFRESH:
      gr_window_reload (bench->window);
      break;
    default:
      g_assert_not_reached ();
    }
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
  bench->step_stall = MAX (bench->step_stall, gap);
  bench->step_work = MAX (bench->step_work, work);

  if (bench->clock == NULL && gtk_widget_get_realized (GTK_WIDGET (bench->window)))
    {
      bench->clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (bench->window)));
      bench->paint_id = g_signal_connect (bench->clock, "after-paint", G_CALLBACK (after_paint_cb), bench);
    }

  if (bench->step >= bench->steps->len)
    {
      bench->probe_id = 0;
      finish (bench);
      return G_SOURCE_REMOVE;
    }
  step = &g_array_index (bench->steps, Step, bench->step);

  if (!bench->started)
    {
      bench->started = TRUE;
      bench->step_start = now;
      bench->ready_at = 0;
      bench->idle_since = 0;
      bench->asked_paint = FALSE;
      bench->step_stall = 0;
      bench->step_work = 0;
      run_action (bench, step);
      return G_SOURCE_CONTINUE;
    }

  if (is_busy (bench))
    {
      bench->ready_at = 0;
      bench->idle_since = 0;
      bench->asked_paint = FALSE;
    }
  else
    {
      if (bench->idle_since == 0)
        bench->idle_since = now;
      /* Done work need not draw anything new: ask for a frame to see. */
      if (bench->ready_at == 0 && !bench->asked_paint)
        {
          gtk_widget_queue_draw (GTK_WIDGET (bench->window));
          bench->asked_paint = TRUE;
        }
      if (bench->ready_at != 0 && now - bench->ready_at >= SETTLE_US && now - bench->idle_since >= SETTLE_US)
        end_step (bench, now);
    }
  if (bench->started && now - bench->step_start > STEP_TIMEOUT_US)
    end_step (bench, now);
  return G_SOURCE_CONTINUE;
}

void
gr_page_bench_start (GrWindow *window)
{
  const char * const *pages = gr_window_page_names ();
  Bench *bench = g_new0 (Bench, 1);
  guint n_rounds = rounds ();

  g_return_if_fail (GR_IS_WINDOW (window));

  /* Each line as it comes, even into a pipe. */
  setvbuf (stdout, NULL, _IOLBF, 0);
  bench->window = g_object_ref (window);
  bench->steps = g_array_new (FALSE, TRUE, sizeof (Step));
  g_array_set_clear_func (bench->steps, (GDestroyNotify) step_clear);
  for (Group g = GROUP_SWITCH; g < N_GROUPS; g++)
    bench->worst[g].ready = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* The tour starts on the Overview: every other page is read when it is
   * first shown. */
  adw_view_stack_set_visible_child_name (gr_window_get_view_stack (window), pages[0]);
  add_step (bench, STEP_START, pages[0], GROUP_NONE, "start on the %s", pages[0]);
  for (guint i = 1; pages[i] != NULL; i++)
    if (page_wanted (pages[i]))
      add_step (bench, STEP_SHOW, pages[i], GROUP_SWITCH, "open %s", pages[i]);
  /* Each page refreshed while shown; the others read again when next shown. */
  for (guint i = 0; pages[i] != NULL; i++)
    {
      if (!page_wanted (pages[i]))
        continue;
      add_step (bench, STEP_SHOW, pages[i], GROUP_SWITCH, "switch to %s", pages[i]);
      add_step (bench, STEP_REFRESH, pages[i], GROUP_REFRESH, "refresh %s", pages[i]);
    }
  for (guint r = 0; r < n_rounds; r++)
    for (guint i = 0; pages[i] != NULL; i++)
      if (page_wanted (pages[i]))
        add_step (bench, STEP_SHOW, pages[i], GROUP_SWITCH, "switch to %s", pages[i]);

  printf ("pages: %u steps, %u rounds of switches\n", bench->steps->len, n_rounds);
  bench->probe_id = g_timeout_add_full (G_PRIORITY_HIGH, PROBE_MS, probe_cb, bench, NULL);
}
