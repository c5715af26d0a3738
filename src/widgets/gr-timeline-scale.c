/* gr-timeline-scale.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-timeline-scale"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "gr-timeline-scale.h"

/* Pixels per day of each zoom level: about 75 px a year, then doubling
 * up to about 100 px a month. */
static const double pixels_per_day[GR_TIMELINE_N_ZOOM] = { 0.2, 0.4, 0.8, 1.6, 3.3 };

struct _GrTimelineScale
{
  GObject         parent_instance;

  GtkAdjustment  *adjustment;
  GrTimelineDay   origin;       /* 1 January of the first year */
  GrTimelineDay   end;          /* 31 December of the last year */
  GrTimelineDay   today;
  int             zoom;
  double          view_width;

  /* The geometry of the current zoom level. */
  GArray         *ticks;        /* GrTimelineTick */
  GStringChunk   *labels;
};

G_DEFINE_FINAL_TYPE (GrTimelineScale, gr_timeline_scale, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static const char *month_names[] = {
  NC_("month on a time axis", "Jan"), NC_("month on a time axis", "Feb"),
  NC_("month on a time axis", "Mar"), NC_("month on a time axis", "Apr"),
  NC_("month on a time axis", "May"), NC_("month on a time axis", "Jun"),
  NC_("month on a time axis", "Jul"), NC_("month on a time axis", "Aug"),
  NC_("month on a time axis", "Sep"), NC_("month on a time axis", "Oct"),
  NC_("month on a time axis", "Nov"), NC_("month on a time axis", "Dec"),
};

const char *
gr_timeline_month_name (int month)
{
  g_return_val_if_fail (month >= 1 && month <= 12, "");
  return g_dpgettext2 (GETTEXT_PACKAGE, "month on a time axis", month_names[month - 1]);
}

char *
gr_timeline_format_month (int month_index)
{
  /* TRANSLATORS: a month with its year → "%1$d年%2$d月" */
  return g_strdup_printf (_("%1$d-%2$02d"), month_index / 12, month_index % 12 + 1);
}

char *
gr_timeline_format_day (GrTimelineDay day)
{
  int y, m, d;

  if (day == GR_TIMELINE_NO_DAY)
    return g_strdup ("—");
  gr_timeline_day_to_ymd (day, &y, &m, &d);
  /* TRANSLATORS: a full date: year, month, day → "%1$d年%2$d月%3$d日" */
  return g_strdup_printf (_("%1$d-%2$02d-%3$02d"), y, m, d);
}

static double
content_width (GrTimelineScale *self)
{
  return self->end > self->origin ? (self->end + 1 - self->origin) * pixels_per_day[self->zoom] : 0;
}

/* The ticks and labels of the zoom level: years only when zoomed out,
 * quarters, then every month, labelled as far as they fit. */
static void
build_geometry (GrTimelineScale *self)
{
  double ppd = pixels_per_day[self->zoom];
  int first, last;

  g_array_set_size (self->ticks, 0);
  g_string_chunk_clear (self->labels);
  if (self->end <= self->origin)
    return;

  first = gr_timeline_month_of (self->origin);
  last = gr_timeline_month_of (self->end);
  for (int mi = first; mi <= last; mi++)
    {
      int month = mi % 12 + 1;
      GrTimelineTick tick = { gr_timeline_month_start (mi), 0, GR_TIMELINE_TICK_MONTH, NULL, NULL };
      char text[64];

      tick.x = (tick.day - self->origin) * ppd;
      if (month == 1)
        tick.kind = GR_TIMELINE_TICK_YEAR;
      else if (month % 3 == 1)
        tick.kind = GR_TIMELINE_TICK_QUARTER;

      /* Months are not drawn where they would be under 8 px apart,
       * quarters under 12. */
      if (tick.kind == GR_TIMELINE_TICK_MONTH && ppd * 30 < 8)
        continue;
      if (tick.kind == GR_TIMELINE_TICK_QUARTER && ppd * 91 < 12)
        continue;

      if (tick.kind == GR_TIMELINE_TICK_YEAR)
        {
          /* TRANSLATORS: a year on a time axis → "%d年" */
          g_snprintf (text, sizeof text, C_("year on a time axis", "%d"), mi / 12);
          tick.year_label = g_string_chunk_insert (self->labels, text);
        }
      /* Month names where they fit: every month from about 34 px a
       * month, the quarters' first months from about 44 px a quarter. */
      if (ppd * 30 >= 34 || (tick.kind != GR_TIMELINE_TICK_MONTH && ppd * 91 >= 44))
        tick.label = g_string_chunk_insert_const (self->labels, gr_timeline_month_name (month));
      g_array_append_val (self->ticks, tick);
    }
}

static void
update_adjustment (GrTimelineScale *self,
                   double           value)
{
  double width = content_width (self);
  double page = MAX (self->view_width, 1);

  value = CLAMP (value, 0, MAX (0, width - page));
  gtk_adjustment_configure (self->adjustment, value, 0, MAX (width, page),
                            page * 0.1, page * 0.9, page);
}

static void
gr_timeline_scale_finalize (GObject *object)
{
  GrTimelineScale *self = GR_TIMELINE_SCALE (object);

  g_clear_object (&self->adjustment);
  g_clear_pointer (&self->ticks, g_array_unref);
  g_clear_pointer (&self->labels, g_string_chunk_free);

  G_OBJECT_CLASS (gr_timeline_scale_parent_class)->finalize (object);
}

static void
gr_timeline_scale_class_init (GrTimelineScaleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gr_timeline_scale_finalize;

  signals [CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
gr_timeline_scale_init (GrTimelineScale *self)
{
  self->adjustment = g_object_ref_sink (gtk_adjustment_new (0, 0, 1, 1, 1, 1));
  self->ticks = g_array_new (FALSE, FALSE, sizeof (GrTimelineTick));
  self->labels = g_string_chunk_new (1024);
  self->zoom = 2;
  self->view_width = 1;
}

GrTimelineScale *
gr_timeline_scale_new (void)
{
  return g_object_new (GR_TYPE_TIMELINE_SCALE, NULL);
}

void
gr_timeline_scale_set_range (GrTimelineScale *self,
                             GrTimelineDay    first,
                             GrTimelineDay    last)
{
  int fy, ly, m, d;
  GrTimelineDay origin, end;
  double left_day;

  g_return_if_fail (GR_IS_TIMELINE_SCALE (self));
  g_return_if_fail (first != GR_TIMELINE_NO_DAY && last >= first);

  gr_timeline_day_to_ymd (first, &fy, &m, &d);
  gr_timeline_day_to_ymd (last, &ly, &m, &d);
  origin = gr_timeline_day_from_ymd (fy, 1, 1);
  end = gr_timeline_day_from_ymd (ly + 1, 12, 31);
  if (origin == self->origin && end == self->end)
    return;

  /* Keep the day at the left edge where it was. */
  left_day = self->origin ? self->origin + gtk_adjustment_get_value (self->adjustment) / pixels_per_day[self->zoom] : origin;
  self->origin = origin;
  self->end = end;
  build_geometry (self);
  update_adjustment (self, (left_day - origin) * pixels_per_day[self->zoom]);
  g_signal_emit (self, signals [CHANGED], 0);
}

GrTimelineDay
gr_timeline_scale_get_origin (GrTimelineScale *self)
{
  g_return_val_if_fail (GR_IS_TIMELINE_SCALE (self), 0);
  return self->origin;
}

GrTimelineDay
gr_timeline_scale_get_end (GrTimelineScale *self)
{
  g_return_val_if_fail (GR_IS_TIMELINE_SCALE (self), 0);
  return self->end;
}

void
gr_timeline_scale_set_today (GrTimelineScale *self,
                             GrTimelineDay    today)
{
  g_return_if_fail (GR_IS_TIMELINE_SCALE (self));
  if (self->today == today)
    return;
  self->today = today;
  g_signal_emit (self, signals [CHANGED], 0);
}

GrTimelineDay
gr_timeline_scale_get_today (GrTimelineScale *self)
{
  g_return_val_if_fail (GR_IS_TIMELINE_SCALE (self), 0);
  return self->today;
}

void
gr_timeline_scale_set_zoom (GrTimelineScale *self,
                            int              zoom,
                            double           anchor_x)
{
  double day;

  g_return_if_fail (GR_IS_TIMELINE_SCALE (self));

  zoom = CLAMP (zoom, 0, GR_TIMELINE_N_ZOOM - 1);
  if (zoom == self->zoom)
    return;
  if (anchor_x < 0)
    anchor_x = self->view_width / 2;
  day = (gtk_adjustment_get_value (self->adjustment) + anchor_x) / pixels_per_day[self->zoom];
  self->zoom = zoom;
  build_geometry (self);
  update_adjustment (self, day * pixels_per_day[zoom] - anchor_x);
  g_signal_emit (self, signals [CHANGED], 0);
}

int
gr_timeline_scale_get_zoom (GrTimelineScale *self)
{
  g_return_val_if_fail (GR_IS_TIMELINE_SCALE (self), 0);
  return self->zoom;
}

double
gr_timeline_scale_get_pixels_per_day (GrTimelineScale *self)
{
  g_return_val_if_fail (GR_IS_TIMELINE_SCALE (self), 0);
  return pixels_per_day[self->zoom];
}

double
gr_timeline_scale_get_width (GrTimelineScale *self)
{
  g_return_val_if_fail (GR_IS_TIMELINE_SCALE (self), 0);
  return content_width (self);
}

GtkAdjustment *
gr_timeline_scale_get_adjustment (GrTimelineScale *self)
{
  g_return_val_if_fail (GR_IS_TIMELINE_SCALE (self), NULL);
  return self->adjustment;
}

void
gr_timeline_scale_set_view_width (GrTimelineScale *self,
                                  double           width)
{
  g_return_if_fail (GR_IS_TIMELINE_SCALE (self));

  width = MAX (width, 1);
  if (fabs (width - self->view_width) < 0.5)
    return;
  self->view_width = width;
  update_adjustment (self, gtk_adjustment_get_value (self->adjustment));
}

void
gr_timeline_scale_scroll_to (GrTimelineScale *self,
                             GrTimelineDay    day,
                             double           fraction)
{
  g_return_if_fail (GR_IS_TIMELINE_SCALE (self));
  update_adjustment (self, gr_timeline_scale_day_to_x (self, day) - fraction * self->view_width);
}

double
gr_timeline_scale_day_to_x (GrTimelineScale *self,
                            GrTimelineDay    day)
{
  return ((double) day - (double) self->origin) * pixels_per_day[self->zoom];
}

double
gr_timeline_scale_day_to_view (GrTimelineScale *self,
                               GrTimelineDay    day)
{
  return ((double) day - (double) self->origin) * pixels_per_day[self->zoom] -
         gtk_adjustment_get_value (self->adjustment);
}

GrTimelineDay
gr_timeline_scale_view_to_day (GrTimelineScale *self,
                               double           view_x)
{
  double day;

  g_return_val_if_fail (GR_IS_TIMELINE_SCALE (self), GR_TIMELINE_NO_DAY);
  if (self->origin == GR_TIMELINE_NO_DAY)
    return GR_TIMELINE_NO_DAY;
  day = self->origin + floor ((view_x + gtk_adjustment_get_value (self->adjustment)) / pixels_per_day[self->zoom]);
  return (GrTimelineDay) CLAMP (day, self->origin, self->end);
}

const GrTimelineTick *
gr_timeline_scale_get_ticks (GrTimelineScale *self,
                             guint           *n_ticks)
{
  g_return_val_if_fail (GR_IS_TIMELINE_SCALE (self), NULL);
  if (n_ticks != NULL)
    *n_ticks = self->ticks->len;
  return (const GrTimelineTick *) (gpointer) self->ticks->data;
}
