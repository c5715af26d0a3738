/* gr-chart-math.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-chart-math"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gr-format.h"

#include "gr-chart-math.h"

/* Bar groups fill this much of their category slot; the rest is air. */
#define GROUP_FILL 0.7
#define BAR_GAP    3.0
#define MAX_BAR    48.0

/* Floating point slack when comparing multiples of a step. */
#define EPSILON 1e-9

void
gr_chart_extent_init (GrChartExtent *extent)
{
  g_return_if_fail (extent != NULL);

  extent->min = 0;
  extent->max = 0;
  extent->empty = TRUE;
}

void
gr_chart_extent_add (GrChartExtent *extent,
                     double         value)
{
  g_return_if_fail (extent != NULL);

  if (!isfinite (value))
    return;

  if (extent->empty)
    {
      extent->min = extent->max = value;
      extent->empty = FALSE;
    }
  else
    {
      extent->min = MIN (extent->min, value);
      extent->max = MAX (extent->max, value);
    }
}

double
gr_chart_nice_step (double  raw,
                    int    *out_decimals)
{
  int exponent;
  double base;
  double fraction;
  double nice;

  if (!(raw > 0) || !isfinite (raw))
    {
      if (out_decimals)
        *out_decimals = 0;
      return 1;
    }

  exponent = (int) floor (log10 (raw));
  base = pow (10, exponent);
  fraction = raw / base;

  if (fraction <= 1 + EPSILON)
    nice = 1;
  else if (fraction <= 2 + EPSILON)
    nice = 2;
  else if (fraction <= 5 + EPSILON)
    nice = 5;
  else
    {
      nice = 1;
      exponent++;
    }

  if (out_decimals)
    *out_decimals = MAX (0, -exponent);

  /* Divide by an exact power of ten so that 0.2 comes out as the double
   * nearest 0.2, not 2 × 0.1000…0055. */
  if (exponent < 0)
    return nice / pow (10, -exponent);
  return nice * pow (10, exponent);
}

void
gr_chart_nice_ticks (double        lo,
                     double        hi,
                     guint         max_intervals,
                     GrChartTicks *out)
{
  double k_lo;
  double k_hi;
  double scale;

  g_return_if_fail (out != NULL);

  if (!isfinite (lo) || !isfinite (hi))
    lo = 0, hi = 1;
  if (hi < lo)
    {
      double tmp = lo;
      lo = hi;
      hi = tmp;
    }
  if (max_intervals < 1)
    max_intervals = 1;

  scale = MAX (1.0, MAX (fabs (lo), fabs (hi)));
  if (hi - lo <= EPSILON * scale)
    {
      if (lo == 0)
        hi = 1;
      else
        {
          double pad = fabs (lo) * 0.1;
          lo -= pad;
          hi += pad;
        }
    }

  out->step = gr_chart_nice_step ((hi - lo) / max_intervals, &out->decimals);
  k_lo = floor (lo / out->step + EPSILON);
  k_hi = ceil (hi / out->step - EPSILON);
  if (k_hi <= k_lo)
    k_hi = k_lo + 1;

  out->n_ticks = (guint) (k_hi - k_lo) + 1;
  out->min = k_lo * out->step;
  out->max = k_hi * out->step;
  out->min = gr_chart_ticks_value (out, 0);
  out->max = gr_chart_ticks_value (out, out->n_ticks - 1);
}

void
gr_chart_axis_for_extent (const GrChartExtent *extent,
                          gboolean             include_zero,
                          guint                max_intervals,
                          GrChartTicks        *out)
{
  double lo = 0;
  double hi = 1;

  g_return_if_fail (extent != NULL);
  g_return_if_fail (out != NULL);

  if (!extent->empty)
    {
      lo = extent->min;
      hi = extent->max;
      if (include_zero)
        {
          lo = MIN (lo, 0);
          hi = MAX (hi, 0);
        }
    }

  gr_chart_nice_ticks (lo, hi, max_intervals, out);
}

void
gr_chart_axis_fit (const GrChartExtent *extent,
                   gboolean             include_zero,
                   guint                max_intervals,
                   GrChartTicks        *out)
{
  GrChartExtent padded;
  double best_fill = -1;

  g_return_if_fail (extent != NULL);
  g_return_if_fail (out != NULL);

  /* An axis that does not start at zero keeps a little air around the
   * data, so the lowest line or threshold does not sit on the frame. */
  padded = *extent;
  if (!include_zero && !extent->empty && extent->max > extent->min)
    {
      double pad = (extent->max - extent->min) * 0.05;

      padded.min -= pad;
      padded.max += pad;
    }

  gr_chart_axis_for_extent (&padded, include_zero, MAX (max_intervals, 1), out);
  if (padded.empty || max_intervals <= 2)
    return;

  for (guint n = max_intervals; n >= 2; n--)
    {
      GrChartTicks ticks;
      double lo, hi, fill;

      gr_chart_axis_for_extent (&padded, include_zero, n, &ticks);
      lo = include_zero ? MIN (padded.min, 0) : padded.min;
      hi = include_zero ? MAX (padded.max, 0) : padded.max;
      fill = (hi - lo) / (ticks.max - ticks.min);

      /* Strictly better only: the first (most ticks) wins a tie */
      if (fill > best_fill + 1e-9)
        {
          best_fill = fill;
          *out = ticks;
        }
    }
}

double
gr_chart_ticks_value (const GrChartTicks *ticks,
                      guint               index)
{
  double k;
  double value;
  double p;

  g_return_val_if_fail (ticks != NULL, 0);

  /* Ticks are integer multiples of the step; rounding to the step's
   * decimals removes the 0.6000000000000001 that 6 × 0.1 gives. */
  k = round (ticks->min / ticks->step) + index;
  value = k * ticks->step;
  p = pow (10, ticks->decimals);
  value = round (value * p) / p;
  return value == 0 ? 0 : value;
}

double
gr_chart_ticks_fraction (const GrChartTicks *ticks,
                         double              value)
{
  g_return_val_if_fail (ticks != NULL, 0);

  if (ticks->max <= ticks->min)
    return 0;
  return (value - ticks->min) / (ticks->max - ticks->min);
}

guint
gr_chart_intervals_for_length (double length,
                               double min_gap)
{
  if (!(min_gap > 0) || !(length > 0))
    return 1;
  return CLAMP ((guint) floor (length / min_gap), 1, 8);
}

double
gr_chart_value_to_y (const GrChartTicks    *ticks,
                     double                 value,
                     const graphene_rect_t *plot)
{
  return plot->origin.y + plot->size.height * (1.0 - gr_chart_ticks_fraction (ticks, value));
}

double
gr_chart_value_to_x (const GrChartTicks    *ticks,
                     double                 value,
                     const graphene_rect_t *plot)
{
  return plot->origin.x + plot->size.width * gr_chart_ticks_fraction (ticks, value);
}

gboolean
gr_chart_band_rect (const GrChartTicks    *ticks,
                    double                 from,
                    double                 to,
                    const graphene_rect_t *plot,
                    gboolean               horizontal,
                    graphene_rect_t       *out)
{
  double lo;
  double hi;

  g_return_val_if_fail (ticks != NULL, FALSE);
  g_return_val_if_fail (plot != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (isnan (from) || isnan (to))
    return FALSE;

  lo = CLAMP (MIN (from, to), ticks->min, ticks->max);
  hi = CLAMP (MAX (from, to), ticks->min, ticks->max);
  if (hi <= lo)
    return FALSE;

  if (horizontal)
    {
      double x1 = gr_chart_value_to_x (ticks, lo, plot);
      double x2 = gr_chart_value_to_x (ticks, hi, plot);

      graphene_rect_init (out, x1, plot->origin.y, x2 - x1, plot->size.height);
    }
  else
    {
      double y1 = gr_chart_value_to_y (ticks, hi, plot);
      double y2 = gr_chart_value_to_y (ticks, lo, plot);

      graphene_rect_init (out, plot->origin.x, y1, plot->size.width, y2 - y1);
    }

  return TRUE;
}

void
gr_chart_category_slot (guint              n_categories,
                        guint              index,
                        const GrChartSpan *axis,
                        GrChartSpan       *out)
{
  g_return_if_fail (axis != NULL);
  g_return_if_fail (out != NULL);

  if (n_categories == 0)
    {
      *out = *axis;
      return;
    }

  out->length = axis->length / n_categories;
  out->start = axis->start + index * out->length;
}

int
gr_chart_category_at (guint              n_categories,
                      const GrChartSpan *axis,
                      double             pos)
{
  int index;

  g_return_val_if_fail (axis != NULL, -1);

  if (n_categories == 0 || axis->length <= 0)
    return -1;
  if (pos < axis->start || pos >= axis->start + axis->length)
    return -1;

  index = (int) floor ((pos - axis->start) / (axis->length / n_categories));
  return CLAMP (index, 0, (int) n_categories - 1);
}

void
gr_chart_bar_span (guint              n_categories,
                   guint              category,
                   guint              n_bars,
                   guint              bar,
                   const GrChartSpan *axis,
                   GrChartSpan       *out)
{
  GrChartSpan slot;
  double group;
  double thickness;
  double gap;

  g_return_if_fail (axis != NULL);
  g_return_if_fail (out != NULL);

  gr_chart_category_slot (n_categories, category, axis, &slot);
  if (n_bars == 0)
    n_bars = 1;

  gap = n_bars > 1 ? BAR_GAP : 0;
  group = slot.length * GROUP_FILL;
  thickness = (group - gap * (n_bars - 1)) / n_bars;
  thickness = CLAMP (thickness, 1.0, MAX_BAR);
  group = thickness * n_bars + gap * (n_bars - 1);

  out->length = thickness;
  out->start = slot.start + (slot.length - group) / 2.0 + bar * (thickness + gap);
}

void
gr_chart_stack (const double *values,
                guint         n_series,
                guint         n_categories,
                double       *starts,
                double       *ends,
                double       *totals)
{
  g_return_if_fail (values != NULL || n_series * n_categories == 0);

  for (guint c = 0; c < n_categories; c++)
    {
      double up = 0;
      double down = 0;

      for (guint s = 0; s < n_series; s++)
        {
          guint i = s * n_categories + c;
          double v = values[i];
          double start;

          if (!isfinite (v))
            v = 0;

          if (v >= 0)
            {
              start = up;
              up += v;
            }
          else
            {
              start = down;
              down += v;
            }

          if (starts)
            starts[i] = start;
          if (ends)
            ends[i] = start + v;
        }

      if (totals)
        totals[c] = up + down;
    }
}

guint
gr_chart_label_step (guint  n_categories,
                     double slot_length,
                     double label_length,
                     double min_gap)
{
  double need = label_length + min_gap;

  static const guint steps[] = { 1, 2, 3, 4, 6, 12 };
  guint step;

  if (n_categories == 0 || !(slot_length > 0))
    return 1;
  if (slot_length >= need)
    return 1;

  step = (guint) ceil (need / slot_length);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] >= step)
      return MIN (steps[i], MAX (n_categories, 1));

  step = (step + 11) / 12 * 12;
  return MIN (step, n_categories);
}

gboolean
gr_chart_label_step_shows (guint n_categories,
                           guint step,
                           guint index)
{
  if (step <= 1)
    return TRUE;
  if (index >= n_categories)
    return FALSE;
  return (n_categories - 1 - index) % step == 0;
}

GrChartLabelPlace
gr_chart_value_label_place (double bar_thickness,
                            double bar_length,
                            double room,
                            double label_thickness,
                            double label_length)
{
  /* Labels of neighbouring bars may share the 3 px gap, no more. */
  if (label_thickness > bar_thickness + BAR_GAP)
    return GR_CHART_LABEL_HIDDEN;
  if (label_length + 4 <= room)
    return GR_CHART_LABEL_OUTSIDE;
  if (label_length + 8 <= bar_length)
    return GR_CHART_LABEL_INSIDE;
  return GR_CHART_LABEL_HIDDEN;
}

static int
compare_anchor (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const double *anchors = user_data;
  double da = anchors[*(const guint *) a];
  double db = anchors[*(const guint *) b];

  return da < db ? -1 : da > db ? 1 : 0;
}

int
gr_chart_margin_label_cap (int chart_width)
{
  return CLAMP (chart_width / 6, 56, 140);
}

void
gr_chart_place_margin_labels (const double *anchors,
                              const double *sizes,
                              guint         n_labels,
                              double        gap,
                              double        min,
                              double        max,
                              double       *out_start,
                              gboolean     *out_visible)
{
  g_autofree guint *order = g_new (guint, MAX (n_labels, 1));

  if (n_labels == 0)
    return;

  for (guint i = 0; i < n_labels; i++)
    {
      order[i] = i;
      /* Centred on the line, inside the margin's ends */
      out_start[i] = CLAMP (anchors[i] - sizes[i] / 2, min, MAX (min, max - sizes[i]));
    }
  g_qsort_with_data (order, n_labels, sizeof (guint), compare_anchor, (gpointer) anchors);

  /* Down (or right) from the first line: each clear of the one before */
  for (guint k = 1; k < n_labels; k++)
    {
      guint i = order[k], prev = order[k - 1];

      out_start[i] = MAX (out_start[i], out_start[prev] + sizes[prev] + gap);
    }
  /* Back up from the last where the stack ran past the end */
  for (guint k = n_labels; k-- > 0; )
    {
      guint i = order[k];

      if (k == n_labels - 1)
        out_start[i] = MIN (out_start[i], max - sizes[i]);
      else
        out_start[i] = MIN (out_start[i], out_start[order[k + 1]] - gap - sizes[i]);
    }

  for (guint i = 0; i < n_labels; i++)
    out_visible[i] = out_start[i] >= min && out_start[i] + sizes[i] <= max;
}

double
gr_chart_shares (const double *values,
                 guint         n_values,
                 double       *fractions)
{
  double sum = 0;

  for (guint i = 0; i < n_values; i++)
    if (isfinite (values[i]) && values[i] > 0)
      sum += values[i];

  if (fractions)
    for (guint i = 0; i < n_values; i++)
      fractions[i] = (sum > 0 && isfinite (values[i]) && values[i] > 0) ? values[i] / sum : 0;

  return sum;
}

char *
gr_chart_format_number (double value,
                        int    decimals)
{
  g_autofree char *whole = NULL;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char fmt[16];
  const char *dot;
  double p;
  gint64 integer;
  gboolean negative;

  if (isnan (value))
    return g_strdup ("–");

  decimals = CLAMP (decimals, 0, 6);
  p = pow (10, decimals);
  value = round (value * p) / p;
  negative = value < 0;

  /* C-locale digits, then our own grouping: the decimal point stays "." */
  g_snprintf (fmt, sizeof fmt, "%%.%df", decimals);
  g_ascii_formatd (buf, sizeof buf, fmt, fabs (value));
  integer = g_ascii_strtoll (buf, NULL, 10);
  whole = gr_format_thousands (integer);
  dot = strchr (buf, '.');

  return g_strdup_printf ("%s%s%s", negative ? "-" : "", whole, dot ? dot : "");
}

char *
gr_chart_format_value (const GrChartFormat *format,
                       double               value)
{
  g_autofree char *number = NULL;

  g_return_val_if_fail (format != NULL, NULL);

  if (isnan (value))
    return g_strdup ("–");

  if (format->percent)
    {
      number = gr_chart_format_number (value * 100, format->decimals);
      return g_strdup_printf ("%s%%", number);
    }

  number = gr_chart_format_number (value, format->decimals);
  if (format->unit == NULL || format->unit[0] == '\0')
    return g_steal_pointer (&number);

  /* TRANSLATORS: a number and its unit in charts, e.g. "12,560 吨" */
  return g_strdup_printf (_("%s %s"), number, format->unit);
}

char *
gr_chart_format_tick (const GrChartFormat *format,
                      const GrChartTicks  *ticks,
                      double               value)
{
  g_autofree char *number = NULL;

  g_return_val_if_fail (format != NULL, NULL);
  g_return_val_if_fail (ticks != NULL, NULL);

  if (format->percent)
    {
      number = gr_chart_format_number (value * 100, MAX (0, ticks->decimals - 2));
      return g_strdup_printf ("%s%%", number);
    }

  return gr_chart_format_number (value, ticks->decimals);
}

char *
gr_chart_format_delta (const GrChartFormat *format,
                       double               delta)
{
  g_autofree char *number = NULL;
  const char *sign;
  double p;

  g_return_val_if_fail (format != NULL, NULL);

  if (isnan (delta))
    return g_strdup ("–");

  if (format->percent)
    delta *= 100;

  /* Decide the sign on the rounded number, so a tiny −0.004 reads "0" */
  p = pow (10, CLAMP (format->decimals, 0, 6));
  delta = round (delta * p) / p;
  sign = delta > 0 ? "+" : delta < 0 ? "−" : "";
  number = gr_chart_format_number (fabs (delta), format->decimals);

  if (format->percent)
    /* TRANSLATORS: a difference of percentages in percentage points,
     * e.g. "−1.8 pp" → "−1.8 个百分点" */
    return g_strdup_printf (_("%s%s pp"), sign, number);

  if (format->unit == NULL || format->unit[0] == '\0')
    return g_strdup_printf ("%s%s", sign, number);

  /* TRANSLATORS: a signed difference and its unit, e.g. "−3,400 吨" */
  return g_strdup_printf (_("%s%s %s"), sign, number, format->unit);
}

const char *
gr_chart_format_axis_unit (const GrChartFormat *format)
{
  g_return_val_if_fail (format != NULL, NULL);

  if (format->percent)
    return NULL;
  if (format->unit == NULL || format->unit[0] == '\0')
    return NULL;
  return format->unit;
}
