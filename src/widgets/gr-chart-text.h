/* gr-chart-text.h: chart labels as Pango layouts that never clip
 *
 * A label that does not fit is ellipsized at its end and its full text is
 * kept for the tooltip. Numbers use tabular figures so columns line up.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pango.h>

G_BEGIN_DECLS

typedef enum
{
  GR_CHART_TEXT_NORMAL,
  GR_CHART_TEXT_SMALL,    /* ticks, units, threshold labels */
  GR_CHART_TEXT_NUMBER,   /* value labels: tabular figures */
  GR_CHART_TEXT_STRONG,   /* totals in the middle of a donut */
} GrChartTextStyle;

/* Sets text and style; max_width ≤ 0 means no limit. Returns TRUE when the
 * text was ellipsized to fit, so the caller must offer the full text. */
gboolean  gr_chart_text_fit      (PangoLayout      *layout,
                                  const char       *text,
                                  GrChartTextStyle  style,
                                  int               max_width);
/* Pixel size of the layout as laid out. */
void      gr_chart_text_size     (PangoLayout      *layout,
                                  int              *width,
                                  int              *height);
/* The tooltip for a label: the full text when it was ellipsized, else NULL. */
char     *gr_chart_text_tooltip  (PangoLayout      *layout,
                                  const char       *text);

G_END_DECLS
