/* gr-charts.c: the kit's style sheet and ready-made charts
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-charts"

#include "config.h"

#include "gr-charts.h"

/* From gr-widgets-resources.c (glib-compile-resources --manual-register) */
void gr_widgets_register_resource (void);

void
gr_charts_init (void)
{
  static gboolean done;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display;

  if (done)
    return;
  if ((display = gdk_display_get_default ()) == NULL)
    return;
  done = TRUE;

  gr_widgets_register_resource ();

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/granary/Granary/widgets/gr-charts.css");
  gtk_style_context_add_provider_for_display (display,
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

GtkWidget *
gr_chart_new_bars (GrBarMode mode,
                   gboolean  horizontal)
{
  GtkWidget *chart = gr_chart_new ();

  gr_chart_set_horizontal (GR_CHART (chart), horizontal);
  gr_chart_add_layer (GR_CHART (chart), gr_bar_layer_new (mode));
  return chart;
}

GtkWidget *
gr_chart_new_lines (void)
{
  GtkWidget *chart = gr_chart_new ();

  gr_chart_set_include_zero (GR_CHART (chart), FALSE);
  gr_chart_add_layer (GR_CHART (chart), gr_line_layer_new ());
  gr_chart_add_layer (GR_CHART (chart), gr_threshold_layer_new ());
  return chart;
}

GtkWidget *
gr_chart_new_share (GrShareShape shape)
{
  GtkWidget *chart = gr_chart_new ();

  gr_chart_add_layer (GR_CHART (chart), gr_share_layer_new (shape));
  return chart;
}

GrChartLayer *
gr_chart_find_layer (GrChart *chart,
                     GType    type)
{
  g_return_val_if_fail (GR_IS_CHART (chart), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (chart));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
      return GR_CHART_LAYER (child);

  return NULL;
}
