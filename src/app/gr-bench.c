/* gr-bench.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-bench"

#include "config.h"

#include <stdio.h>

#include "gr-bench.h"

gboolean
gr_bench_enabled (void)
{
  static int enabled = -1;

  if (enabled < 0)
    enabled = g_strcmp0 (g_getenv ("GRANARY_BENCH"), "1") == 0;
  return enabled;
}

guint
gr_bench_refreshes (void)
{
  const char *text = g_getenv ("GRANARY_BENCH_REFRESHES");
  guint64 n = 0;

  if (!gr_bench_enabled () || text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, 10000, &n, NULL))
    return 0;
  return (guint) n;
}

gboolean
gr_bench_quit_when_done (void)
{
  return gr_bench_enabled () && g_strcmp0 (g_getenv ("GRANARY_BENCH_QUIT"), "1") == 0;
}

gboolean
gr_bench_pages (void)
{
  return gr_bench_enabled () && g_strcmp0 (g_getenv ("GRANARY_BENCH_PAGES"), "1") == 0;
}

gboolean
gr_bench_quit_at_first_frame (void)
{
  return gr_bench_enabled () && g_strcmp0 (g_getenv ("GRANARY_BENCH_QUIT"), "first-frame") == 0;
}

void
gr_bench_print (const char *event,
                const char *format,
                ...)
{
  g_autofree char *text = NULL;
  va_list args;

  if (!gr_bench_enabled ())
    return;
  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  /* Straight to the file: the harness reads lines as they come. */
  fprintf (stderr, "granary-bench %s %s\n", event, text);
  fflush (stderr);
}

void
gr_bench_mark (const char *name)
{
  gr_bench_print ("mark", "name=%s at=%" G_GINT64_FORMAT, name, g_get_monotonic_time ());
}

/*
 * After the next paint
 */

typedef struct {
  GtkWidget      *widget;
  GdkFrameClock  *clock;
  GrBenchPainted  func;
  gpointer        user_data;
  gulong          map_id;
  gulong          before_id;
  gulong          after_id;
  gint64          before;
} PaintWait;

static void
paint_wait_free (PaintWait *wait)
{
  g_clear_signal_handler (&wait->map_id, wait->widget);
  if (wait->clock != NULL)
    {
      g_clear_signal_handler (&wait->before_id, wait->clock);
      g_clear_signal_handler (&wait->after_id, wait->clock);
      g_object_unref (wait->clock);
    }
  g_object_unref (wait->widget);
  g_free (wait);
}

static void
before_paint_cb (GdkFrameClock *clock,
                 PaintWait     *wait)
{
  wait->before = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                PaintWait     *wait)
{
  gint64 now = g_get_monotonic_time ();

  /* A paint that began before we were watching does not count. */
  if (wait->before == 0)
    return;
  wait->func (wait->user_data, now, now - wait->before);
  paint_wait_free (wait);
}

static void
watch_clock (PaintWait *wait)
{
  wait->clock = gtk_widget_get_frame_clock (wait->widget);
  g_object_ref (wait->clock);
  wait->before_id = g_signal_connect (wait->clock, "before-paint", G_CALLBACK (before_paint_cb), wait);
  wait->after_id = g_signal_connect (wait->clock, "after-paint", G_CALLBACK (after_paint_cb), wait);
  gtk_widget_queue_draw (wait->widget);
}

static void
mapped_cb (GtkWidget *widget,
           PaintWait *wait)
{
  g_clear_signal_handler (&wait->map_id, wait->widget);
  watch_clock (wait);
}

void
gr_bench_after_next_paint (GtkWidget      *widget,
                           GrBenchPainted  func,
                           gpointer        user_data)
{
  PaintWait *wait;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (!gr_bench_enabled ())
    return;

  wait = g_new0 (PaintWait, 1);
  wait->widget = g_object_ref (widget);
  wait->func = func;
  wait->user_data = user_data;
  /* A page not on screen yet paints nothing: wait until it is. */
  if (gtk_widget_get_mapped (widget))
    watch_clock (wait);
  else
    wait->map_id = g_signal_connect (widget, "map", G_CALLBACK (mapped_cb), wait);
}

/*
 * Stall probe
 */

#define TICK_MS 1

static guint probe_id;
static gint64 probe_last;
static gint64 probe_longest;

static gboolean
probe_tick_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  probe_longest = MAX (probe_longest, now - probe_last);
  probe_last = now;
  return G_SOURCE_CONTINUE;
}

void
gr_bench_stall_probe_start (void)
{
  if (!gr_bench_enabled ())
    return;
  if (probe_id == 0)
    probe_id = g_timeout_add_full (G_PRIORITY_HIGH, TICK_MS, probe_tick_cb, NULL, NULL);
  probe_last = g_get_monotonic_time ();
  probe_longest = 0;
}

gint64
gr_bench_stall_probe_stop (void)
{
  gint64 longest;

  if (probe_id == 0)
    return 0;
  probe_tick_cb (NULL);
  g_clear_handle_id (&probe_id, g_source_remove);
  longest = probe_longest - TICK_MS * 1000;
  return MAX (longest, 0);
}
