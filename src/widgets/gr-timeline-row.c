/* gr-timeline-row.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-timeline-row"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "gr-chart-colors.h"
#include "gr-format.h"
#include "gr-timeline-row.h"
#include "gr-variety.h"

#define ROW_HEIGHT   34
#define GROUP_HEIGHT 28
#define BAR_Y        6
#define BAR_H        12
#define ITEM_Y       20
#define ITEM_H       5
#define EVENT_Y      27
#define EVENT_H      5
#define HIT_SLOP     4
/* A group's row: markers, and under a plan its vacancies and orders. */
#define GROUP_MARK_Y 10
#define GROUP_EVENT_Y 19
/* The label column: the arrow, indented by depth, the title, the note
 * (a lot's tonnage or a group's most pressing count) at its right end. */
#define INDENT       18
#define ARROW_SIZE   16
#define SPACING      6
#define LABELS_END   (GR_TIMELINE_LABEL_WIDTH - 12)
#define TITLE_PT     10.5
#define NOTE_PT      9.5
#define NOTE_MIN_CHARS   8
#define NOTE_LOT_CHARS   9
/* In Chinese a few characters of double width ("今年到期 1 个"). */
#define NOTE_GROUP_CHARS 14

typedef enum {
  NOTE_DIM,
  NOTE_WARNING,
  NOTE_ERROR,
} NoteKind;

struct _GrTimelineRow
{
  GtkWidget         parent_instance;

  /* Children */
  GtkWidget        *arrow;

  /* Owned References */
  GrTimelineScale  *scale;
  GtkTreeListRow   *list_row;
  GrTimelineNode   *node;
  char             *summary;
  /* The title and the note are drawn, not labels: a row's size does not
   * depend on its text, and a list view's two hundred rows made, bound
   * and measured lay out no text; only the rows drawn make layouts. */
  char             *title;
  char             *note;
  PangoLayout      *title_layout;   /* made when first drawn */
  PangoLayout      *note_layout;
  NoteKind          note_kind;
  guint             depth;
  gboolean          title_bold;

  GrChartColors     colors;
  int               parent_kind;   /* GrTimelineGroupKind of the row above, -1: none */
  gboolean          is_group;
};

G_DEFINE_FINAL_TYPE (GrTimelineRow, gr_timeline_row, GTK_TYPE_WIDGET)

GrChartColor
gr_timeline_life_color (GrLifeClass life)
{
  switch (life)
    {
    case GR_LIFE_OVERDUE:   return GR_CHART_COLOR_ERROR;
    case GR_LIFE_DELAYED:   return GR_CHART_COLOR_SERIES_5;
    case GR_LIFE_THIS_YEAR: return GR_CHART_COLOR_WARNING;
    case GR_LIFE_NEXT_YEAR: return GR_CHART_COLOR_ACCENT;
    case GR_LIFE_LATER:     return GR_CHART_COLOR_SUCCESS;
    case GR_LIFE_UNLIMITED:
    case GR_LIFE_EMPTY:
    case GR_N_LIFE:
    default:                return GR_CHART_COLOR_NEUTRAL;
    }
}

/*
 * Texts
 */

static char *
tonnes (gint64 kg)
{
  return gr_format_tonnes (kg);
}

static char *
day_text (GrTimelineDay day)
{
  return gr_timeline_format_day (day);
}

char *
gr_timeline_lot_title (const GrTimelineLot *lot,
                       gboolean             with_place)
{
  g_autofree char *what = NULL;

  if (lot->harvest_year > 0)
    /* TRANSLATORS: a lot by its variety and harvest year → "%s %d年产" */
    what = g_strdup_printf (_("%s, harvest %d"), gr_variety_name (lot->variety), lot->harvest_year);
  else
    {
      g_autofree char *month = gr_timeline_format_month (gr_timeline_month_of (lot->entered_on));

      /* TRANSLATORS: a lot by its variety and entry month → "%s %s入库" */
      what = g_strdup_printf (_("%s, entered %s"), gr_variety_name (lot->variety), month);
    }
  if (!with_place)
    return g_steal_pointer (&what);
  /* TRANSLATORS: a lot by its place and what it holds: depot, bin, variety and year → "%s %s仓 · %s" */
  return g_strdup_printf (_("%s bin %s · %s"), lot->depot_name ? lot->depot_name : "?",
                          lot->bin_code ? lot->bin_code : "?", what);
}

char *
gr_timeline_days_phrase (gint64 days)
{
  if (days > 0)
    /* TRANSLATORS: time left before a deadline */
    return g_strdup_printf (ngettext ("%lld day left", "%lld days left", days), (long long) days);
  if (days == 0)
    return g_strdup (_("due today"));
  /* TRANSLATORS: time since a deadline passed */
  return g_strdup_printf (ngettext ("%lld day overdue", "%lld days overdue", -days), (long long) -days);
}

char *
gr_timeline_describe_fills (const GrTimelineFill *fills,
                            guint                 n_fills,
                            GrTimelineFillKind    kind)
{
  GString *text = g_string_new (NULL);
  g_autofree gboolean *done = NULL;

  if (fills == NULL || n_fills == 0)
    return g_string_free (text, FALSE);
  done = g_new0 (gboolean, n_fills);
  for (guint i = 0; i < n_fills; i++)
    {
      const GrTimelineFill *f = &fills[i];
      GrTimelineDay first = f->day, last = f->day;
      gint64 total = 0;
      g_autofree char *lot = NULL, *amount = NULL, *days = NULL;

      if (done[i])
        continue;
      for (guint j = i; j < n_fills; j++)
        {
          const GrTimelineFill *g = &fills[j];

          if (done[j] || g->lot != f->lot)
            continue;
          done[j] = TRUE;
          total += g->quantity_kg;
          first = MIN (first, g->day);
          last = MAX (last, g->day);
        }
      lot = f->lot ? gr_timeline_lot_title (f->lot, TRUE) : g_strdup ("?");
      amount = tonnes (total);
      if (first == last)
        days = day_text (first);
      else
        {
          g_autofree char *from = day_text (first);
          g_autofree char *to = day_text (last);

          /* TRANSLATORS: a span of days → "2025年9月8日至9月12日" (written in full here: "%s至%s") */
          days = g_strdup_printf (_("%s to %s"), from, to);
        }
      if (text->len > 0)
        g_string_append_c (text, '\n');
      switch (kind)
        {
        case GR_TIMELINE_FILL_ROTATE_IN:
          /* TRANSLATORS: rotate-ins that filled (part of) a vacancy, first in first out: days, quantity, lot →
           * "← 2026年10月20日至10月27日轮入 1,000 吨：清新区三坑粮食储备库 P02仓 · 中晚籼稻 2026年产" */
          g_string_append_printf (text, _("← %s rotated in %s into %s"), days, amount, lot);
          break;
        case GR_TIMELINE_FILL_REPLENISH:
          /* TRANSLATORS: replenishments that answered an order: days, quantity, lot → "← 2021年6月20日补库 600 吨：…" */
          g_string_append_printf (text, _("← %s replenished %s into %s"), days, amount, lot);
          break;
        case GR_TIMELINE_FILL_RELEASE:
        default:
          /* TRANSLATORS: the order's release movements: days, quantity, lot → "→ 2025年9月8日至9月12日动用出库 1,600 吨：…" */
          g_string_append_printf (text, _("→ %s released %s from %s"), days, amount, lot);
          break;
        }
    }
  return g_string_free (text, FALSE);
}

char *
gr_timeline_describe_lot (const GrTimelineLot *lot,
                          GrTimelineDay        as_of)
{
  g_autofree char *title = gr_timeline_lot_title (lot, TRUE);
  g_autofree char *entered = day_text (lot->entered_on);
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%s · %s\n", title, lot->id);
  if (lot->balance_kg > 0)
    {
      g_autofree char *amount = tonnes (lot->balance_kg);

      /* TRANSLATORS: entry date and what is in store → "2023年11月15日入库，结存 5,780 吨" */
      g_string_append_printf (text, _("Entered on %s, %s in store"), entered, amount);
    }
  else
    {
      g_autofree char *emptied = day_text (lot->emptied_on);

      /* TRANSLATORS: entry date and the day the lot was emptied → "2021年9月2日入库，2024年10月20日出清" */
      g_string_append_printf (text, _("Entered on %s, emptied on %s"), entered, emptied);
    }
  if (lot->limit_on != GR_TIMELINE_NO_DAY)
    {
      g_autofree char *limit = day_text (lot->limit_on);

      g_string_append_c (text, '\n');
      /* TRANSLATORS: the storage-year limit and its last day → "储存年限 3 年，至 2026年10月31日" */
      g_string_append_printf (text, ngettext ("Storage limit of %d year, to %s", "Storage limit of %d years, to %s",
                                              lot->limit_years), lot->limit_years, limit);
      if (lot->delay_on != GR_TIMELINE_NO_DAY)
        {
          g_autofree char *delay = day_text (lot->delay_on);

          /* TRANSLATORS: appended: the permitted delayed rotation → "，可延期轮换至 2027年10月31日" */
          g_string_append_printf (text, _("; delayed rotation allowed to %s"), delay);
        }
    }
  if (lot->expiry_on != GR_TIMELINE_NO_DAY)
    {
      g_autofree char *expiry = day_text (lot->expiry_on);

      g_string_append_c (text, '\n');
      /* TRANSLATORS: the first day past the shelf life → "保质期至 2026年8月28日止" */
      g_string_append_printf (text, _("Shelf life ends on %s"), expiry);
    }
  if (lot->balance_kg > 0 && lot->rotate_by != GR_TIMELINE_NO_DAY)
    {
      g_autofree char *by = day_text (lot->rotate_by);
      g_autofree char *left = gr_timeline_days_phrase ((gint64) lot->rotate_by - (gint64) as_of);

      g_string_append_c (text, '\n');
      /* TRANSLATORS: class of the lot, the day it must be rotated by, and the days left → "超期：应于 2026年10月31日前轮换（已超 25 天）" */
      g_string_append_printf (text, _("%s: rotate by %s (%s)"), gr_life_class_name (lot->life), by, left);
    }
  if (lot->balance_kg > 0 && lot->storage_quality != 0)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, lot->storage_quality == 1 ? _("Storage quality: slightly unsuitable")
                                                       : _("Storage quality: severely unsuitable"));
    }
  return g_string_free (text, FALSE);
}

char *
gr_timeline_describe_vacancy (const GrTimelineVacancy *v,
                              GrTimelineDay            as_of)
{
  g_autofree char *out = day_text (v->out_day);
  g_autofree char *start = day_text (v->start);
  g_autofree char *deadline = day_text (v->deadline);
  g_autofree char *amount = tonnes (v->quantity_kg);
  GString *text = g_string_new (NULL);

  /* TRANSLATORS: a vacancy (架空期): rotate-out date, quantity, counted from, deadline, months →
   * "2026年5月6日轮出 2,139.298 吨的架空期：自 2026年6月1日起计，至 2026年9月30日（4 个月）" */
  g_string_append_printf (text, ngettext ("Vacancy of the rotate-out of %s (%s): counted from %s, ends %s (%d month)",
                                          "Vacancy of the rotate-out of %s (%s): counted from %s, ends %s (%d months)",
                                          v->months),
                          out, amount, start, deadline, v->months);
  if (v->extended)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, _("Extension approved in the rotation plan"));
    }
  if (v->n_fills > 0)
    {
      g_autofree char *fills = gr_timeline_describe_fills (v->fills, v->n_fills, GR_TIMELINE_FILL_ROTATE_IN);

      g_string_append_printf (text, "\n%s", fills);
    }
  g_string_append_c (text, '\n');
  if (v->closed != GR_TIMELINE_NO_DAY)
    {
      g_autofree char *closed = day_text (v->closed);

      if (v->late)
        /* TRANSLATORS: a vacancy filled after its deadline */
        g_string_append_printf (text, _("Filled on %s, after its deadline"), closed);
      else
        g_string_append_printf (text, _("Filled on %s, in time"), closed);
    }
  else
    {
      g_autofree char *missing = tonnes (v->remaining_kg);
      g_autofree char *left = gr_timeline_days_phrase ((gint64) v->deadline - (gint64) as_of);

      /* TRANSLATORS: an open vacancy: quantity still to rotate in, days left or overdue → "尚有 2,139.298 吨未轮入（已超 56 天）" */
      g_string_append_printf (text, _("%s still to rotate in (%s)"), missing, left);
    }
  return g_string_free (text, FALSE);
}

char *
gr_timeline_describe_order (const GrTimelineOrder *o,
                            GrTimelineDay          as_of)
{
  g_autofree char *date = day_text (o->date);
  g_autofree char *due = day_text (o->due);
  g_autofree char *amount = tonnes (o->quantity_kg);
  GString *text = g_string_new (NULL);

  /* TRANSLATORS: a release order: number, date, quantity, variety, due date →
   * "动用命令 清发改粮储〔2025〕15号（2025年9月6日）：大米 1,600 吨，应于 2026年9月6日前补库" */
  g_string_append_printf (text, _("Release order %s (%s): %s of %s, to be replenished by %s"),
                          o->order_no, date, amount, gr_variety_name (o->variety), due);
  for (guint k = 0; k < 2; k++)
    {
      g_autofree char *lines = k == 0 ? gr_timeline_describe_fills (o->releases, o->n_releases, GR_TIMELINE_FILL_RELEASE)
                                      : gr_timeline_describe_fills (o->fills, o->n_fills, GR_TIMELINE_FILL_REPLENISH);

      if (*lines != '\0')
        g_string_append_printf (text, "\n%s", lines);
    }
  g_string_append_c (text, '\n');
  if (o->completed != GR_TIMELINE_NO_DAY)
    {
      g_autofree char *done = day_text (o->completed);

      if (o->late)
        g_string_append_printf (text, _("Replenished in full on %s, after its due date"), done);
      else
        g_string_append_printf (text, _("Replenished in full on %s"), done);
    }
  else
    {
      g_autofree char *missing = tonnes (o->quantity_kg - o->replenished_kg);
      g_autofree char *left = gr_timeline_days_phrase ((gint64) o->due - (gint64) as_of);

      /* TRANSLATORS: an order still short: quantity missing, days left or overdue → "尚缺 1,600 吨（已超 80 天）" */
      g_string_append_printf (text, _("%s still to replenish (%s)"), missing, left);
    }
  return g_string_free (text, FALSE);
}

static const char *
plan_state_name (const char *state)
{
  if (g_strcmp0 (state, "approved") == 0)
    return C_("rotation plan state", "approved");
  if (g_strcmp0 (state, "submitted") == 0)
    return C_("rotation plan state", "submitted");
  if (g_strcmp0 (state, "returned") == 0)
    return C_("rotation plan state", "returned");
  return C_("rotation plan state", "draft");
}

char *
gr_timeline_describe_item (const GrTimelineItem *item)
{
  g_autofree char *out = gr_timeline_format_month (item->out_month);
  g_autofree char *in = gr_timeline_format_month (item->in_month);
  g_autofree char *amount = tonnes (item->quantity_kg);
  GString *text = g_string_new (NULL);

  /* TRANSLATORS: a rotation-plan item: year, state, quantity, out month, in month →
   * "2027 年度轮换计划（草稿）：2,000 吨，2027年3月轮出，2027年5月轮入" */
  g_string_append_printf (text, _("Rotation plan %d (%s): %s, out in %s, in in %s"),
                          item->year, plan_state_name (item->state), amount, out, in);
  if (item->in_month <= item->out_month)
    {
      g_string_append_c (text, '\n');
      /* TRANSLATORS: dynamic rotation: the new grain comes in before the old goes out */
      g_string_append (text, _("Rotated in before out (先入后出)"));
    }
  if (item->reason != NULL && *item->reason != '\0')
    {
      g_string_append_c (text, '\n');
      g_string_append (text, item->reason);
    }
  if (item->extension_approved)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, _("Vacancy extension approved"));
    }
  return g_string_free (text, FALSE);
}

/* The most pressing count of a group (the whole counts are in its
 * summary): lots past their limit, else due this year, else how many. */
static char *
group_note (const GrTimelineGroup *group)
{
  guint late = group->n_life[GR_LIFE_OVERDUE] + group->n_life[GR_LIFE_DELAYED];

  if (late > 0)
    /* TRANSLATORS: lots past their limit, in a group's row → "超期 1" */
    return g_strdup_printf (ngettext ("%u overdue", "%u overdue", late), late);
  if (group->n_life[GR_LIFE_THIS_YEAR] > 0)
    /* TRANSLATORS: lots to rotate by the end of the year, in a group's row → "今年到期 1" */
    return g_strdup_printf (ngettext ("%u this year", "%u this year", group->n_life[GR_LIFE_THIS_YEAR]),
                            group->n_life[GR_LIFE_THIS_YEAR]);
  /* TRANSLATORS: how many lots a group's row holds → "12 个货位" */
  return g_strdup_printf (ngettext ("%u lot", "%u lots", group->n_lots), group->n_lots);
}

static char *
group_summary (const GrTimelineGroup *group)
{
  guint late = group->n_life[GR_LIFE_OVERDUE] + group->n_life[GR_LIFE_DELAYED];

  /* TRANSLATORS: a group's row for screen readers and its tooltip: name, lots, overdue, due this year, due next year →
   * "英城粮库：2 个货位，超期 1，今年到期 0，明年到期 1" */
  return g_strdup_printf (_("%s: %u lots, %u overdue, %u due this year, %u due next year"),
                          group->name, group->n_lots, late, group->n_life[GR_LIFE_THIS_YEAR],
                          group->n_life[GR_LIFE_NEXT_YEAR]);
}

/*
 * Drawing
 */

static const GdkRGBA *
fill_of (GrTimelineRow *self,
         GrChartColor   color)
{
  return gr_chart_colors_fill (&self->colors, color, 0);
}

static GdkRGBA
alpha_of (const GdkRGBA *color,
          float          alpha)
{
  GdkRGBA ret = *color;

  ret.alpha *= alpha;
  return ret;
}

static double
x_of (GrTimelineRow *self,
      GrTimelineDay  day)
{
  return GR_TIMELINE_LABEL_WIDTH + gr_timeline_scale_day_to_view (self->scale, day);
}

static void
rect (GtkSnapshot   *snapshot,
      double         x0,
      double         x1,
      double         y,
      double         h,
      double         left,
      double         right,
      const GdkRGBA *color)
{
  x0 = MAX (x0, left);
  x1 = MIN (x1, right);
  if (x1 - x0 < 1)
    {
      if (x1 < left || x0 > right)
        return;
      x1 = x0 + 1;
    }
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (round (x0), y, round (x1) - round (x0), h));
}

static void
outline (GtkSnapshot   *snapshot,
         double         x0,
         double         x1,
         double         y,
         double         h,
         double         left,
         double         right,
         const GdkRGBA *color)
{
  GskRoundedRect box;
  const float widths[4] = { 1, 1, 1, 1 };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  x0 = MAX (x0, left - 2);
  x1 = MIN (x1, right + 2);
  if (x1 - x0 < 2)
    return;
  gsk_rounded_rect_init_from_rect (&box, &GRAPHENE_RECT_INIT (round (x0) + 0.5f, y + 0.5f,
                                                              round (x1) - round (x0) - 1, h - 1), 0);
  gtk_snapshot_append_border (snapshot, &box, widths, colors);
}

static void
tick (GtkSnapshot   *snapshot,
      double         x,
      double         y,
      double         h,
      double         width,
      double         left,
      double         right,
      const GdkRGBA *color)
{
  if (x < left || x > right)
    return;
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (round (x - width / 2), y, width, h));
}

static void
diamond (GtkSnapshot   *snapshot,
         double         x,
         double         y,
         double         size,
         double         left,
         double         right,
         const GdkRGBA *color)
{
  if (x < left - size || x > right + size)
    return;
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (x), y));
  gtk_snapshot_rotate (snapshot, 45);
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (-size / 2, -size / 2, size, size));
  gtk_snapshot_restore (snapshot);
}

/* A period to a deadline: solid up to its end (or today when open), red
 * past the deadline, and when still open an outline to the deadline. */
static void
draw_deadline_span (GrTimelineRow *self,
                    GtkSnapshot   *snapshot,
                    GrTimelineDay  from,
                    GrTimelineDay  closed,
                    GrTimelineDay  deadline,
                    GrChartColor   color,
                    double         y,
                    double         h,
                    double         left,
                    double         right)
{
  GrTimelineDay today = gr_timeline_scale_get_today (self->scale);
  GrTimelineDay end = closed != GR_TIMELINE_NO_DAY ? closed : today;
  const GdkRGBA *late = fill_of (self, GR_TIMELINE_COLOR_LATE);
  GdkRGBA body = alpha_of (fill_of (self, color), 0.85f);

  rect (snapshot, x_of (self, from), x_of (self, MIN (end, deadline) + 1), y, h, left, right, &body);
  if (end > deadline)
    rect (snapshot, x_of (self, deadline + 1), x_of (self, end + 1), y, h, left, right, late);
  else if (closed == GR_TIMELINE_NO_DAY)
    outline (snapshot, x_of (self, end + 1), x_of (self, deadline + 1), y, h, left, right, fill_of (self, color));
  tick (snapshot, x_of (self, deadline + 1), y - 2, h + 3, 2, left, right, &self->colors.error_text);
}

static void
draw_vacancies (GrTimelineRow      *self,
                GtkSnapshot        *snapshot,
                GrTimelineVacancy **vacancies,
                guint               n_vacancies,
                double              y,
                double              left,
                double              right)
{
  for (guint i = 0; i < n_vacancies; i++)
    {
      GrTimelineVacancy *v = vacancies[i];

      draw_deadline_span (self, snapshot, v->out_day, v->closed, v->deadline, GR_TIMELINE_COLOR_VACANCY,
                          y, EVENT_H, left, right);
    }
}

static void
draw_orders (GrTimelineRow    *self,
             GtkSnapshot      *snapshot,
             GrTimelineOrder **orders,
             guint             n_orders,
             double            y,
             double            left,
             double            right)
{
  for (guint i = 0; i < n_orders; i++)
    {
      GrTimelineOrder *o = orders[i];

      draw_deadline_span (self, snapshot, o->date, o->completed, o->due, GR_TIMELINE_COLOR_ORDER,
                          y, EVENT_H, left, right);
    }
}

static void
draw_items (GrTimelineRow   *self,
            GtkSnapshot     *snapshot,
            GrTimelineItem **items,
            guint            n_items,
            double           left,
            double           right)
{
  const GdkRGBA *color = fill_of (self, GR_TIMELINE_COLOR_ITEM);

  for (guint i = 0; i < n_items; i++)
    {
      GrTimelineItem *item = items[i];
      double x0 = x_of (self, gr_timeline_month_start (MIN (item->out_month, item->in_month)));
      double x1 = x_of (self, gr_timeline_month_end (MAX (item->out_month, item->in_month)) + 1);

      /* Approved items solid; drafts, submitted and returned ones outlined. */
      if (g_strcmp0 (item->state, "approved") == 0)
        rect (snapshot, x0, x1, ITEM_Y, ITEM_H, left, right, color);
      else
        outline (snapshot, x0, x1, ITEM_Y - 1, ITEM_H + 2, left, right,
                 g_strcmp0 (item->state, "returned") == 0 ? &self->colors.dim : color);
    }
}

static void
draw_lot (GrTimelineRow       *self,
          GtkSnapshot         *snapshot,
          const GrTimelineLot *lot,
          double               left,
          double               right)
{
  GrTimelineDay today = gr_timeline_scale_get_today (self->scale);
  const GdkRGBA *color = fill_of (self, gr_timeline_life_color (lot->life));
  GdkRGBA light = alpha_of (color, 0.3f);
  GrTimelineDay end = lot->emptied_on != GR_TIMELINE_NO_DAY ? lot->emptied_on : today;

  /* The storage span, and what is left of the lot's life. */
  rect (snapshot, x_of (self, lot->entered_on), x_of (self, end + 1), BAR_Y, BAR_H, left, right, color);
  if (lot->balance_kg > 0 && lot->rotate_by > today)
    rect (snapshot, x_of (self, today + 1), x_of (self, lot->rotate_by + 1), BAR_Y, BAR_H, left, right, &light);

  /* Markers: the limit (solid), the end of the delay (thin), the expiry
   * (diamond); for a lot still in store, as an emptied one is done with them. */
  if (lot->balance_kg > 0 && lot->limit_on != GR_TIMELINE_NO_DAY)
    tick (snapshot, x_of (self, lot->limit_on + 1), BAR_Y - 3, BAR_H + 6, 2, left, right, &self->colors.fg);
  if (lot->balance_kg > 0 && lot->delay_on != GR_TIMELINE_NO_DAY)
    tick (snapshot, x_of (self, lot->delay_on + 1), BAR_Y - 3, BAR_H + 6, 1, left, right, &self->colors.fg);
  if (lot->balance_kg > 0 && lot->expiry_on != GR_TIMELINE_NO_DAY)
    diamond (snapshot, x_of (self, lot->expiry_on), BAR_Y + BAR_H / 2.0, 8, left, right, &self->colors.error_text);

  draw_items (self, snapshot, lot->items, lot->n_items, left, right);
  draw_vacancies (self, snapshot, lot->vacancies, lot->n_vacancies, EVENT_Y, left, right);
  draw_orders (self, snapshot, lot->orders, lot->n_orders, EVENT_Y, left, right);
}

typedef struct {
  GrTimelineRow *self;
  GtkSnapshot   *snapshot;
  double         left;
  double         right;
} MarkData;

static void
mark_lot (gpointer data,
          gpointer user_data)
{
  const GrTimelineLot *lot = data;
  MarkData *m = user_data;

  if (lot->balance_kg <= 0 || lot->rotate_by == GR_TIMELINE_NO_DAY)
    return;
  diamond (m->snapshot, x_of (m->self, lot->rotate_by + 1), GROUP_MARK_Y, 8, m->left, m->right,
           fill_of (m->self, gr_timeline_life_color (lot->life)));
}

static void
draw_grid (GrTimelineRow *self,
           GtkSnapshot   *snapshot,
           int            height,
           double         left,
           double         right)
{
  const GrTimelineTick *ticks;
  guint n;
  double offset = gtk_adjustment_get_value (gr_timeline_scale_get_adjustment (self->scale));
  GdkRGBA faint = alpha_of (&self->colors.grid, 0.5f);

  ticks = gr_timeline_scale_get_ticks (self->scale, &n);
  for (guint i = 0; i < n; i++)
    {
      double x = GR_TIMELINE_LABEL_WIDTH + ticks[i].x - offset;

      if (ticks[i].kind == GR_TIMELINE_TICK_MONTH)
        continue;
      tick (snapshot, x, 0, height, 1, left, right,
            ticks[i].kind == GR_TIMELINE_TICK_YEAR ? &self->colors.grid : &faint);
    }
}

/* The approximate width of a character of the layout's font, as a
 * GtkInscription sizes itself, in pixels: the metrics of a font are
 * costly (shaping a sample text), so each font's are kept. */
static int
char_pixels (PangoLayout *layout)
{
  static GHashTable *widths;
  PangoContext *context = pango_layout_get_context (layout);
  g_autoptr(PangoFontDescription) desc = pango_font_description_copy (pango_context_get_font_description (context));
  PangoAttrIterator *iter = pango_attr_list_get_iterator (pango_layout_get_attributes (layout));
  g_autofree char *key = NULL;
  gpointer cached;
  int width;

  pango_attr_iterator_get_font (iter, desc, NULL, NULL);
  pango_attr_iterator_destroy (iter);
  {
    g_autofree char *font = pango_font_description_to_string (desc);

    key = g_strdup_printf ("%s@%g", font, pango_cairo_context_get_resolution (context));
  }
  if (widths == NULL)
    widths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (g_hash_table_lookup_extended (widths, key, NULL, &cached))
    return GPOINTER_TO_INT (cached);
  {
    PangoFontMetrics *metrics = pango_context_get_metrics (context, desc, NULL);

    width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                 pango_font_metrics_get_approximate_digit_width (metrics));
    pango_font_metrics_unref (metrics);
  }
  width = PANGO_PIXELS_CEIL (width);
  g_hash_table_insert (widths, g_steal_pointer (&key), GINT_TO_POINTER (width));
  return width;
}

static PangoLayout *
text_layout (GrTimelineRow      *self,
             double              points,
             gboolean            tabular,
             PangoEllipsizeMode  ellipsize,
             PangoAlignment      alignment)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_size_new ((int) (points * PANGO_SCALE)));
  if (tabular)
    pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_ellipsize (layout, ellipsize);
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  return layout;
}

static void
draw_text (GtkSnapshot   *snapshot,
           PangoLayout   *layout,
           int            x,
           int            height,
           const GdkRGBA *color)
{
  PangoRectangle logical;

  pango_layout_get_pixel_extents (layout, NULL, &logical);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, floor ((height - logical.height) / 2.0)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* The title after the arrow, ellipsized at its end; the note right
 * aligned at the end of the label column, ellipsized at its start. */
static void
draw_labels (GrTimelineRow *self,
             GtkSnapshot   *snapshot,
             int            height)
{
  int title_x = self->depth * INDENT + ARROW_SIZE + SPACING;
  int room = LABELS_END - title_x;
  int note_width = 0;
  GdkRGBA color;

  if (self->title_layout == NULL)
    {
      self->title_layout = text_layout (self, TITLE_PT, FALSE, PANGO_ELLIPSIZE_END, PANGO_ALIGN_LEFT);
      self->note_layout = text_layout (self, NOTE_PT, TRUE, PANGO_ELLIPSIZE_START, PANGO_ALIGN_RIGHT);
      pango_layout_set_text (self->title_layout, self->title ? self->title : "", -1);
      pango_layout_set_text (self->note_layout, self->note ? self->note : "", -1);
      self->title_bold = FALSE;
    }
  /* A group's title in bold. */
  if (self->title_bold != self->is_group)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_size_new ((int) (TITLE_PT * PANGO_SCALE)));
      if (self->is_group)
        pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (self->title_layout, attrs);
      pango_attr_list_unref (attrs);
      self->title_bold = self->is_group;
    }
  if (self->note != NULL && *self->note != '\0')
    {
      int chars = self->is_group ? NOTE_GROUP_CHARS : NOTE_LOT_CHARS;

      note_width = MIN (chars * char_pixels (self->note_layout),
                        MAX (NOTE_MIN_CHARS * char_pixels (self->note_layout), room / 2));
      pango_layout_set_width (self->note_layout, note_width * PANGO_SCALE);
      switch (self->note_kind)
        {
        case NOTE_ERROR:
          color = self->colors.error_text;
          break;
        case NOTE_WARNING:
          color = self->colors.warning_text;
          break;
        case NOTE_DIM:
        default:
          /* As a .dim-label */
          color = self->colors.fg;
          color.alpha *= 0.55f;
          break;
        }
      draw_text (snapshot, self->note_layout, LABELS_END - note_width, height, &color);
      room -= note_width + SPACING;
    }
  if (self->title != NULL && *self->title != '\0' && room > 0)
    {
      pango_layout_set_width (self->title_layout, room * PANGO_SCALE);
      draw_text (snapshot, self->title_layout, title_x, height, &self->colors.fg);
    }
}

static void
gr_timeline_row_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  GrTimelineRow *self = GR_TIMELINE_ROW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double left = GR_TIMELINE_LABEL_WIDTH, right = width;
  GrTimelineDay today;

  if (self->node != NULL && width > GR_TIMELINE_LABEL_WIDTH)
    {
      GrTimelineGroup *group = gr_timeline_node_get_group (self->node);
      GrTimelineLot *lot = gr_timeline_node_get_lot (self->node);

      gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (left, 0, right - left, height));
      draw_grid (self, snapshot, height, left, right);
      if (lot != NULL)
        draw_lot (self, snapshot, lot, left, right);
      else if (group != NULL)
        {
          MarkData m = { self, snapshot, left, right };

          gr_timeline_node_foreach_lot (self->node, mark_lot, &m);
          if (group->kind == GR_TIMELINE_GROUP_PLAN)
            {
              draw_vacancies (self, snapshot, (GrTimelineVacancy **) group->vacancies->pdata, group->vacancies->len,
                              GROUP_EVENT_Y, left, right);
              draw_orders (self, snapshot, (GrTimelineOrder **) group->orders->pdata, group->orders->len,
                           GROUP_EVENT_Y, left, right);
            }
        }
      today = gr_timeline_scale_get_today (self->scale);
      if (today != GR_TIMELINE_NO_DAY)
        tick (snapshot, x_of (self, today) + gr_timeline_scale_get_pixels_per_day (self->scale) / 2,
              0, height, 2, left, right, &self->colors.accent_text);
      gtk_snapshot_pop (snapshot);
    }

  draw_labels (self, snapshot, height);
  gtk_widget_snapshot_child (widget, self->arrow, snapshot);
}

/*
 * Hit testing
 */

static gboolean
near_x (GrTimelineRow *self,
        double         x,
        GrTimelineDay  day)
{
  return day != GR_TIMELINE_NO_DAY && fabs (x - x_of (self, day)) <= HIT_SLOP;
}

static gboolean
within (GrTimelineRow *self,
        double         x,
        GrTimelineDay  from,
        GrTimelineDay  to)
{
  return x >= x_of (self, from) - HIT_SLOP && x <= x_of (self, to + 1) + HIT_SLOP;
}

static void
describe_events (GrTimelineRow      *self,
                 GString            *text,
                 double              x,
                 GrTimelineVacancy **vacancies,
                 guint               n_vacancies,
                 GrTimelineOrder   **orders,
                 guint               n_orders,
                 GrTimelineItem    **items,
                 guint               n_items)
{
  GrTimelineDay today = gr_timeline_scale_get_today (self->scale);
  guint shown = 0;

  for (guint i = 0; i < n_items; i++)
    {
      GrTimelineItem *item = items[i];

      if (within (self, x, gr_timeline_month_start (MIN (item->out_month, item->in_month)),
                  gr_timeline_month_end (MAX (item->out_month, item->in_month))))
        {
          g_autofree char *line = gr_timeline_describe_item (item);

          g_string_append_printf (text, "\n\n%s", line);
        }
    }
  /* A lot shipped out in a few days opens a vacancy a day: say the first
   * few under the pointer and how many more there are. */
  for (guint i = 0; i < n_vacancies; i++)
    {
      GrTimelineVacancy *v = vacancies[i];
      GrTimelineDay end = MAX (v->deadline, v->closed != GR_TIMELINE_NO_DAY ? v->closed : today);

      if (!within (self, x, v->out_day, end))
        continue;
      if (shown++ < 3)
        {
          g_autofree char *line = gr_timeline_describe_vacancy (v, today);

          g_string_append_printf (text, "\n\n%s", line);
        }
    }
  if (shown > 3)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("… and %u more vacancy", "… and %u more vacancies", shown - 3),
                                               shown - 3);

      g_string_append_printf (text, "\n\n%s", more);
    }
  for (guint i = 0; i < n_orders; i++)
    {
      GrTimelineOrder *o = orders[i];
      GrTimelineDay end = MAX (o->due, o->completed != GR_TIMELINE_NO_DAY ? o->completed : today);

      if (within (self, x, o->date, end))
        {
          g_autofree char *line = gr_timeline_describe_order (o, today);

          g_string_append_printf (text, "\n\n%s", line);
        }
    }
}

char *
gr_timeline_row_describe_at (GrTimelineRow *self,
                             double         x)
{
  GString *text;
  GrTimelineLot *lot;
  GrTimelineGroup *group;

  g_return_val_if_fail (GR_IS_TIMELINE_ROW (self), NULL);

  if (self->node == NULL)
    return NULL;
  text = g_string_new (self->summary);
  if (x < GR_TIMELINE_LABEL_WIDTH)
    return g_string_free (text, FALSE);

  lot = gr_timeline_node_get_lot (self->node);
  group = gr_timeline_node_get_group (self->node);
  if (lot != NULL)
    {
      if (near_x (self, x, lot->limit_on + 1))
        g_string_append_printf (text, "\n\n%s", _("▍ end of the storage-year limit"));
      if (lot->delay_on && near_x (self, x, lot->delay_on + 1))
        g_string_append_printf (text, "\n\n%s", _("▏ end of the permitted delay"));
      if (lot->expiry_on && near_x (self, x, lot->expiry_on))
        g_string_append_printf (text, "\n\n%s", _("◆ end of the shelf life"));
      describe_events (self, text, x, lot->vacancies, lot->n_vacancies, lot->orders, lot->n_orders,
                       lot->items, lot->n_items);
    }
  else if (group != NULL && group->kind == GR_TIMELINE_GROUP_PLAN)
    describe_events (self, text, x, (GrTimelineVacancy **) group->vacancies->pdata, group->vacancies->len,
                     (GrTimelineOrder **) group->orders->pdata, group->orders->len, NULL, 0);
  return g_string_free (text, FALSE);
}

static gboolean
gr_timeline_row_query_tooltip (GtkWidget  *widget,
                               int         x,
                               int         y,
                               gboolean    keyboard,
                               GtkTooltip *tooltip)
{
  GrTimelineRow *self = GR_TIMELINE_ROW (widget);
  g_autofree char *text = NULL;

  if (self->node == NULL)
    return FALSE;
  text = gr_timeline_row_describe_at (self, keyboard ? 0 : x);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/*
 * Binding
 */

static void
update_labels (GrTimelineRow *self)
{
  GrTimelineGroup *group = self->node ? gr_timeline_node_get_group (self->node) : NULL;
  GrTimelineLot *lot = self->node ? gr_timeline_node_get_lot (self->node) : NULL;
  GrTimeline *timeline = self->node ? gr_timeline_node_get_timeline (self->node) : NULL;
  g_autofree char *title = NULL;
  g_autofree char *note = NULL;
  g_autofree char *old_summary = g_steal_pointer (&self->summary);
  NoteKind note_kind = NOTE_DIM;

  if (lot != NULL)
    {
      if (self->parent_kind == GR_TIMELINE_GROUP_DEPOT)
        {
          g_autofree char *what = gr_timeline_lot_title (lot, FALSE);

          /* TRANSLATORS: a lot in a depot's list: its bin and what it holds → "%s仓 · %s" */
          title = g_strdup_printf (_("Bin %s · %s"), lot->bin_code ? lot->bin_code : "?", what);
        }
      else
        title = gr_timeline_lot_title (lot, self->parent_kind == GR_TIMELINE_GROUP_PLAN);
      note = lot->balance_kg > 0 ? gr_format_tonnes (lot->balance_kg) : g_strdup (gr_life_class_name (GR_LIFE_EMPTY));
      if (lot->life == GR_LIFE_OVERDUE || lot->life == GR_LIFE_DELAYED)
        note_kind = NOTE_ERROR;
      else if (lot->life == GR_LIFE_THIS_YEAR)
        note_kind = NOTE_WARNING;
      self->summary = gr_timeline_describe_lot (lot, gr_timeline_get_as_of (timeline));
    }
  else if (group != NULL)
    {
      title = g_strdup (group->name);
      note = group_note (group);
      if (group->n_life[GR_LIFE_OVERDUE] + group->n_life[GR_LIFE_DELAYED] > 0)
        note_kind = NOTE_ERROR;
      else if (group->n_life[GR_LIFE_THIS_YEAR] > 0)
        note_kind = NOTE_WARNING;
      self->summary = group_summary (group);
    }
  /* A lot's note is its tonnage; a group's says what is due. The texts
   * are laid out when drawn, and only when they change. */
  if (g_strcmp0 (title, self->title) != 0)
    {
      g_free (self->title);
      self->title = g_steal_pointer (&title);
      if (self->title_layout != NULL)
        pango_layout_set_text (self->title_layout, self->title ? self->title : "", -1);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  if (g_strcmp0 (note, self->note) != 0 || note_kind != self->note_kind)
    {
      g_free (self->note);
      self->note = g_steal_pointer (&note);
      self->note_kind = note_kind;
      if (self->note_layout != NULL)
        pango_layout_set_text (self->note_layout, self->note ? self->note : "", -1);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  /* The class changed only when it changes: each change restyles the row,
   * and a row read again mostly shows the same. */
  if (group != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "group");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "group");
  if (g_strcmp0 (old_summary, self->summary) != 0)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    self->summary ? self->summary : "", -1);
}

/* The arrow and the indentation of a tree row, drawn by the row's own
 * widgets: a GtkTreeExpander makes new child widgets each time a row is
 * bound, which the list view of GTK 4.8 may draw before it lays them out. */
static void
update_expander (GrTimelineRow *self)
{
  gboolean expandable = self->list_row != NULL && gtk_tree_list_row_is_expandable (self->list_row);
  gboolean expanded = expandable && gtk_tree_list_row_get_expanded (self->list_row);
  guint depth = self->list_row ? gtk_tree_list_row_get_depth (self->list_row) : 0;

  if (depth != self->depth)
    {
      self->depth = depth;
      gtk_widget_queue_allocate (GTK_WIDGET (self));
    }
  gtk_image_set_from_icon_name (GTK_IMAGE (self->arrow),
                                expandable ? (expanded ? "pan-down-symbolic" : "pan-end-symbolic") : NULL);
  if (expandable)
    gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_EXPANDED, expanded, -1);
  else
    gtk_accessible_reset_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_EXPANDED);
}

static void
expanded_cb (GrTimelineRow *self)
{
  update_expander (self);
}

/* A newer reading of the same group or lot: the same widget shows it. */
static void
node_changed_cb (GrTimelineRow *self)
{
  update_expander (self);
  update_labels (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
arrow_pressed_cb (GrTimelineRow   *self,
                  int              n_press,
                  double           x,
                  double           y,
                  GtkGestureClick *gesture)
{
  if (self->list_row == NULL || !gtk_tree_list_row_is_expandable (self->list_row))
    return;
  gtk_tree_list_row_set_expanded (self->list_row, !gtk_tree_list_row_get_expanded (self->list_row));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

void
gr_timeline_row_set_list_row (GrTimelineRow  *self,
                              GtkTreeListRow *list_row)
{
  g_return_if_fail (GR_IS_TIMELINE_ROW (self));

  if (self->list_row == list_row)
    return;
  if (self->list_row != NULL)
    g_signal_handlers_disconnect_by_func (self->list_row, expanded_cb, self);
  g_set_object (&self->list_row, list_row);
  if (list_row != NULL)
    g_signal_connect_swapped (list_row, "notify::expanded", G_CALLBACK (expanded_cb), self);
  if (self->node != NULL)
    g_signal_handlers_disconnect_by_func (self->node, node_changed_cb, self);
  g_clear_object (&self->node);
  self->parent_kind = -1;
  if (list_row != NULL)
    {
      g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (list_row);
      gboolean is_group;

      self->node = gtk_tree_list_row_get_item (list_row);
      if (self->node != NULL)
        g_signal_connect_swapped (self->node, "changed", G_CALLBACK (node_changed_cb), self);
      if (parent != NULL)
        {
          g_autoptr(GrTimelineNode) up = gtk_tree_list_row_get_item (parent);
          GrTimelineGroup *group = up ? gr_timeline_node_get_group (up) : NULL;

          self->parent_kind = group != NULL ? (int) group->kind : -1;
        }
      /* Group rows are lower: a different height for the row now. */
      is_group = self->node != NULL && gr_timeline_node_get_group (self->node) != NULL;
      if (is_group != self->is_group)
        {
          self->is_group = is_group;
          gtk_widget_queue_resize (GTK_WIDGET (self));
        }
    }
  update_expander (self);
  update_labels (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GrTimelineNode *
gr_timeline_row_get_node (GrTimelineRow *self)
{
  g_return_val_if_fail (GR_IS_TIMELINE_ROW (self), NULL);
  return self->node;
}

const char *
gr_timeline_row_get_summary (GrTimelineRow *self)
{
  g_return_val_if_fail (GR_IS_TIMELINE_ROW (self), NULL);
  return self->summary;
}

/*
 * GtkWidget overrides
 */

static void
gr_timeline_row_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  GrTimelineRow *self = GR_TIMELINE_ROW (widget);

  /* Its size does not depend on what it shows. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = GR_TIMELINE_LABEL_WIDTH + 100;
      *natural = GR_TIMELINE_LABEL_WIDTH + 400;
    }
  else
    *minimum = *natural = MAX (ARROW_SIZE, self->is_group ? GROUP_HEIGHT : ROW_HEIGHT);
}

static void
gr_timeline_row_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  GrTimelineRow *self = GR_TIMELINE_ROW (widget);
  GskTransform *at;

  /* Measured as GTK wants before it is allocated: a fixed size. */
  gtk_widget_measure (self->arrow, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
  at = gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (self->depth * INDENT, (height - ARROW_SIZE) / 2));
  gtk_widget_allocate (self->arrow, ARROW_SIZE, ARROW_SIZE, -1, at);
}

static void
gr_timeline_row_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  GrTimelineRow *self = GR_TIMELINE_ROW (widget);

  GTK_WIDGET_CLASS (gr_timeline_row_parent_class)->css_changed (widget, change);
  gr_chart_colors_load (&self->colors, widget);
  /* The font may have changed with the style: laid out again when drawn. */
  if (self->title_layout != NULL)
    {
      pango_layout_context_changed (self->title_layout);
      pango_layout_context_changed (self->note_layout);
    }
  gtk_widget_queue_draw (widget);
}

static void
gr_timeline_row_dispose (GObject *object)
{
  GrTimelineRow *self = GR_TIMELINE_ROW (object);

  if (self->scale != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->scale, self);
      g_signal_handlers_disconnect_by_data (gr_timeline_scale_get_adjustment (self->scale), self);
    }
  g_clear_pointer (&self->arrow, gtk_widget_unparent);
  g_clear_object (&self->title_layout);
  g_clear_object (&self->note_layout);
  if (self->list_row != NULL)
    g_signal_handlers_disconnect_by_func (self->list_row, expanded_cb, self);
  g_clear_object (&self->list_row);
  if (self->node != NULL)
    g_signal_handlers_disconnect_by_func (self->node, node_changed_cb, self);
  g_clear_object (&self->node);
  g_clear_object (&self->scale);

  G_OBJECT_CLASS (gr_timeline_row_parent_class)->dispose (object);
}

static void
gr_timeline_row_finalize (GObject *object)
{
  GrTimelineRow *self = GR_TIMELINE_ROW (object);

  g_free (self->summary);
  g_free (self->title);
  g_free (self->note);

  G_OBJECT_CLASS (gr_timeline_row_parent_class)->finalize (object);
}

static void
gr_timeline_row_class_init (GrTimelineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gr_timeline_row_dispose;
  object_class->finalize = gr_timeline_row_finalize;

  widget_class->snapshot = gr_timeline_row_snapshot;
  widget_class->measure = gr_timeline_row_measure;
  widget_class->size_allocate = gr_timeline_row_size_allocate;
  widget_class->css_changed = gr_timeline_row_css_changed;
  widget_class->query_tooltip = gr_timeline_row_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "timelinerow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ROW);
}

static void
gr_timeline_row_init (GrTimelineRow *self)
{
  GtkGesture *press = gtk_gesture_click_new ();

  self->parent_kind = -1;
  self->arrow = gtk_image_new ();
  gtk_widget_set_size_request (self->arrow, ARROW_SIZE, ARROW_SIZE);
  gtk_widget_add_css_class (self->arrow, "arrow");
  g_signal_connect_swapped (press, "pressed", G_CALLBACK (arrow_pressed_cb), self);
  gtk_widget_add_controller (self->arrow, GTK_EVENT_CONTROLLER (press));
  gtk_widget_set_parent (self->arrow, GTK_WIDGET (self));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

static void
scale_changed_cb (GrTimelineRow *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GtkWidget *
gr_timeline_row_new (GrTimelineScale *scale)
{
  GrTimelineRow *self;

  g_return_val_if_fail (GR_IS_TIMELINE_SCALE (scale), NULL);

  self = g_object_new (GR_TYPE_TIMELINE_ROW, NULL);
  self->scale = g_object_ref (scale);
  g_signal_connect_swapped (scale, "changed", G_CALLBACK (scale_changed_cb), self);
  g_signal_connect_swapped (gr_timeline_scale_get_adjustment (scale), "value-changed",
                            G_CALLBACK (scale_changed_cb), self);
  return GTK_WIDGET (self);
}
