/* gr-chart-colors.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-chart-colors"

#include "config.h"

#include <adwaita.h>

#include "gr-chart-colors.h"

/* Used only when a colour is missing from the theme (no libadwaita
 * stylesheet): GNOME palette values. */
static const char *fallback_series[GR_CHART_N_PALETTE] = {
  "#3584e4", "#26a269", "#e5a50a", "#c061cb", "#e66100", "#b5835a", "#1a5fb4", "#77767b",
};

static void
lookup (GtkStyleContext *ctx,
        const char      *name,
        const char      *fallback,
        GdkRGBA         *out)
{
  if (!gtk_style_context_lookup_color (ctx, name, out))
    gdk_rgba_parse (out, fallback);
}

static GdkRGBA
with_alpha (const GdkRGBA *color,
            float          alpha)
{
  GdkRGBA ret = *color;

  ret.alpha *= alpha;
  return ret;
}

void
gr_chart_colors_load (GrChartColors *colors,
                      GtkWidget     *widget)
{
  GtkStyleContext *ctx;

  g_return_if_fail (colors != NULL);
  g_return_if_fail (GTK_IS_WIDGET (widget));

  ctx = gtk_widget_get_style_context (widget);
  colors->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  gtk_style_context_get_color (ctx, &colors->fg);
  colors->dim = with_alpha (&colors->fg, 0.62f);
  colors->grid = with_alpha (&colors->fg, colors->dark ? 0.12f : 0.09f);
  colors->axis = with_alpha (&colors->fg, 0.35f);
  colors->track = with_alpha (&colors->fg, colors->dark ? 0.14f : 0.10f);
  colors->hover = with_alpha (&colors->fg, 0.06f);
  colors->neutral = with_alpha (&colors->fg, colors->dark ? 0.32f : 0.22f);

  lookup (ctx, "accent_bg_color", "#3584e4", &colors->accent);
  lookup (ctx, "success_bg_color", "#2ec27e", &colors->success);
  lookup (ctx, "warning_bg_color", "#e5a50a", &colors->warning);
  lookup (ctx, "error_bg_color", "#e01b24", &colors->error);
  lookup (ctx, "accent_color", "#1c71d8", &colors->accent_text);
  lookup (ctx, "success_color", "#1b8553", &colors->success_text);
  lookup (ctx, "warning_color", "#9c6e03", &colors->warning_text);
  lookup (ctx, "error_color", "#c01c28", &colors->error_text);
  lookup (ctx, "accent_fg_color", "#ffffff", &colors->on_fill);

  for (guint i = 0; i < GR_CHART_N_PALETTE; i++)
    {
      g_autofree char *name = g_strdup_printf ("gr_chart_series_%u%s", i + 1, colors->dark ? "_dark" : "");

      lookup (ctx, name, fallback_series[i], &colors->series[i]);
    }
}

const GdkRGBA *
gr_chart_colors_fill (const GrChartColors *colors,
                      GrChartColor         color,
                      guint                position)
{
  g_return_val_if_fail (colors != NULL, NULL);

  switch (color)
    {
    case GR_CHART_COLOR_ACCENT:     return &colors->accent;
    case GR_CHART_COLOR_NEUTRAL:    return &colors->neutral;
    case GR_CHART_COLOR_FOREGROUND: return &colors->fg;
    case GR_CHART_COLOR_SUCCESS:    return &colors->success;
    case GR_CHART_COLOR_WARNING:    return &colors->warning;
    case GR_CHART_COLOR_ERROR:      return &colors->error;

    case GR_CHART_COLOR_SERIES_1:
    case GR_CHART_COLOR_SERIES_2:
    case GR_CHART_COLOR_SERIES_3:
    case GR_CHART_COLOR_SERIES_4:
    case GR_CHART_COLOR_SERIES_5:
    case GR_CHART_COLOR_SERIES_6:
    case GR_CHART_COLOR_SERIES_7:
    case GR_CHART_COLOR_SERIES_8:
      return &colors->series[color - GR_CHART_COLOR_SERIES_1];

    case GR_CHART_COLOR_AUTO:
    default:
      return &colors->series[position % GR_CHART_N_PALETTE];
    }
}

const GdkRGBA *
gr_chart_colors_text (const GrChartColors *colors,
                      GrChartColor         color,
                      guint                position)
{
  g_return_val_if_fail (colors != NULL, NULL);

  switch (color)
    {
    case GR_CHART_COLOR_ACCENT:     return &colors->accent_text;
    case GR_CHART_COLOR_SUCCESS:    return &colors->success_text;
    case GR_CHART_COLOR_WARNING:    return &colors->warning_text;
    case GR_CHART_COLOR_ERROR:      return &colors->error_text;
    case GR_CHART_COLOR_NEUTRAL:    return &colors->dim;
    case GR_CHART_COLOR_FOREGROUND: return &colors->fg;
    case GR_CHART_COLOR_AUTO:
    default:
      return gr_chart_colors_fill (colors, color, position);
    }
}
