/* bare-window.c: the yardstick of bench/startup
 *
 * A libadwaita application whose window has a header bar and a label,
 * the least a GNOME app shows. With GRANARY_BENCH=1 it prints, after its
 * first frame is painted, the same line the app prints for its first
 * frame with the Overview's figures, then quits:
 *
 *   granary-bench bare-frame at=<monotonic µs>
 *
 * and, before it, "granary-bench mark" lines at the steps the app marks
 * too (main, gtk-started, window-built, window-presented), so that
 * bench/startup can set the two starts side by side step by step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <stdio.h>

static void
mark (const char *name)
{
  if (g_strcmp0 (g_getenv ("GRANARY_BENCH"), "1") != 0)
    return;
  fprintf (stderr, "granary-bench mark name=%s at=%" G_GINT64_FORMAT "\n", name, g_get_monotonic_time ());
  fflush (stderr);
}

static void
after_paint_cb (GdkFrameClock *clock,
                GApplication  *app)
{
  fprintf (stderr, "granary-bench bare-frame at=%" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stderr);
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, app);
  g_application_quit (app);
}

static void
realize_cb (GtkWidget    *window,
            GApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (after_paint_cb), app);
}

static void
activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new ("Granary");

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_set_vexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  /* The app's default size */
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), app);
  mark ("window-built");
  gtk_window_present (GTK_WINDOW (window));
  mark ("window-presented");
}

static void
startup_cb (GApplication *app)
{
  mark ("gtk-started");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  mark ("main");
  app = adw_application_new ("io.github.granary.BareWindow", G_APPLICATION_DEFAULT_FLAGS);

  /* After AdwApplication's own startup, where GTK and libadwaita start */
  g_signal_connect_after (app, "startup", G_CALLBACK (startup_cb), NULL);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
