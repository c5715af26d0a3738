/* gr-chart-math.h: the arithmetic of charts, kept apart from drawing
 *
 * Everything here is pure: axis ranges and nice ticks, stacking, category
 * slots, value-to-pixel mapping, threshold bands, label fitting decisions and
 * number formatting. No display is needed, so it is unit-tested directly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <graphene.h>

G_BEGIN_DECLS

/* How values read: unit after the number ("吨", "万吨", "天"), or a fraction
 * shown ×100 with "%"; decimals of exact values (tooltips, tables, tiles).
 * The unit string is borrowed from whoever owns the format. */
typedef struct
{
  const char *unit;
  gboolean    percent;
  int         decimals;
} GrChartFormat;

/* The range of values an axis must show. */
typedef struct
{
  double   min;
  double   max;
  gboolean empty;
} GrChartExtent;

/* An axis: ticks at min + i × step for i < n_ticks; min and max are ticks. */
typedef struct
{
  double min;
  double max;
  double step;
  guint  n_ticks;
  int    decimals;   /* decimals a tick label needs (step 0.2 → 1) */
} GrChartTicks;

/* Where something lies along one axis, in pixels. */
typedef struct
{
  double start;
  double length;
} GrChartSpan;

void      gr_chart_extent_init            (GrChartExtent       *extent);
/* Ignores NaN and infinities (missing values). */
void      gr_chart_extent_add             (GrChartExtent       *extent,
                                           double               value);

/* Smallest 1, 2 or 5 × 10^k that is ≥ raw. */
double    gr_chart_nice_step              (double               raw,
                                           int                 *out_decimals);
/* Ticks covering lo..hi with about max_intervals 1-2-5 steps. A zero range
 * widens to 0..1 (at zero) or ±10 % around the value. */
void      gr_chart_nice_ticks             (double               lo,
                                           double               hi,
                                           guint                max_intervals,
                                           GrChartTicks        *out);
/* The axis for an extent: an empty extent gives 0..1; include_zero keeps the
 * baseline of bars on the axis. */
void      gr_chart_axis_for_extent        (const GrChartExtent *extent,
                                           gboolean             include_zero,
                                           guint                max_intervals,
                                           GrChartTicks        *out);
/* Like gr_chart_axis_for_extent, trying every count of intervals from 2 to
 * max_intervals and keeping the axis the data fills best (fewest ticks
 * wasted above or below the data); on a tie, more ticks. Without zero the
 * data gets 5 % of its range of air above and below. */
void      gr_chart_axis_fit               (const GrChartExtent *extent,
                                           gboolean             include_zero,
                                           guint                max_intervals,
                                           GrChartTicks        *out);
double    gr_chart_ticks_value            (const GrChartTicks  *ticks,
                                           guint                index);
/* Position of value on the axis: 0 at min, 1 at max (not clamped). */
double    gr_chart_ticks_fraction         (const GrChartTicks  *ticks,
                                           double               value);
/* How many ticks fit along length pixels with at least min_gap between. */
guint     gr_chart_intervals_for_length   (double               length,
                                           double               min_gap);

/* Pixel of a value along a plot: vertical axes grow upward from the bottom
 * of the plot, horizontal axes to the right from its left edge. */
double    gr_chart_value_to_y             (const GrChartTicks  *ticks,
                                           double               value,
                                           const graphene_rect_t *plot);
double    gr_chart_value_to_x             (const GrChartTicks  *ticks,
                                           double               value,
                                           const graphene_rect_t *plot);
/* The part of the plot between two values (either may be ±INFINITY for an
 * open band), clipped to the axis. FALSE if nothing of it is visible. */
gboolean  gr_chart_band_rect              (const GrChartTicks  *ticks,
                                           double               from,
                                           double               to,
                                           const graphene_rect_t *plot,
                                           gboolean             horizontal,
                                           graphene_rect_t     *out);

/* Category slots: n equal slots along the category axis. */
void      gr_chart_category_slot          (guint                n_categories,
                                           guint                index,
                                           const GrChartSpan   *axis,
                                           GrChartSpan         *out);
/* Index of the slot holding pos, or -1 outside the axis. */
int       gr_chart_category_at            (guint                n_categories,
                                           const GrChartSpan   *axis,
                                           double               pos);
/* One bar of a group of n_bars in its category slot: the group takes 70 % of
 * the slot, bars are at most 48 px thick with a 3 px gap between them. */
void      gr_chart_bar_span               (guint                n_categories,
                                           guint                category,
                                           guint                n_bars,
                                           guint                bar,
                                           const GrChartSpan   *axis,
                                           GrChartSpan         *out);

/* Stacking: values[s * n_categories + c]; missing values count as 0.
 * Positive values stack up from 0, negative ones down. Segment (s, c) spans
 * starts[i]..ends[i]; totals[c] is the sum of the category. Any output may
 * be NULL. */
void      gr_chart_stack                  (const double        *values,
                                           guint                n_series,
                                           guint                n_categories,
                                           double              *starts,
                                           double              *ends,
                                           double              *totals);

/* Label fitting decisions. Along a category axis, show every step-th label,
 * anchored on the last category (the latest month is always labelled).
 * Steps are 1, 2, 3, 4, 6 or multiples of 12, so months line up by
 * quarter, half-year or year. */
guint     gr_chart_label_step             (guint                n_categories,
                                           double               slot_length,
                                           double               label_length,
                                           double               min_gap);
gboolean  gr_chart_label_step_shows       (guint                n_categories,
                                           guint                step,
                                           guint                index);
/* Where a value label goes at the end of a bar. */
typedef enum
{
  GR_CHART_LABEL_HIDDEN,
  GR_CHART_LABEL_OUTSIDE,
  GR_CHART_LABEL_INSIDE,
} GrChartLabelPlace;

/* bar_thickness across the bar, bar_length from its base, room beyond its
 * end to the plot edge; label sizes along the same directions. */
GrChartLabelPlace gr_chart_value_label_place (double            bar_thickness,
                                              double            bar_length,
                                              double            room,
                                              double            label_thickness,
                                              double            label_length);

/* Threshold labels stand in a margin beside the plot, where no data is
 * drawn, so that they never cover a line or a bar: right of the plot for
 * a horizontal line, above it for a vertical one. The margin is as wide
 * as the widest label wrapped to at most this width: a sixth of the
 * chart, from 56 to 140 pixels. */
int       gr_chart_margin_label_cap       (int                  chart_width);
/* Places labels along the margin: each centred on its line (anchors,
 * pixel positions in any order; sizes, each label's extent along the
 * margin), pushed apart by at least gap where they would overlap, kept
 * within min..max. A label that cannot be placed so is hidden. */
void      gr_chart_place_margin_labels    (const double        *anchors,
                                           const double        *sizes,
                                           guint                n_labels,
                                           double               gap,
                                           double               min,
                                           double               max,
                                           double              *out_start,
                                           gboolean            *out_visible);

/* Shares of a whole: fractions[i] = values[i] / sum of the positive values;
 * missing and negative values get 0. Returns the sum. */
double    gr_chart_shares                 (const double        *values,
                                           guint                n_values,
                                           double              *fractions);

/* Numbers for people: thousands separators, fixed decimals, no "-0". */
char     *gr_chart_format_number          (double               value,
                                           int                  decimals);
/* "223,456 吨", "89.4%" (percent formats show fractions × 100) */
char     *gr_chart_format_value           (const GrChartFormat *format,
                                           double               value);
/* Tick label without the unit (the axis names it): "250,000", "60%" */
char     *gr_chart_format_tick            (const GrChartFormat *format,
                                           const GrChartTicks  *ticks,
                                           double               value);
/* A signed difference: "+1,200 吨", "−3,400 吨", "−1.8 pp" for percents */
char     *gr_chart_format_delta           (const GrChartFormat *format,
                                           double               delta);
/* The unit an axis shows above its ticks: "吨", "%" or NULL */
const char *gr_chart_format_axis_unit     (const GrChartFormat *format);

G_END_DECLS
