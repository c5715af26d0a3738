/* gr-rotation-entry.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-rotation-entry"

#include "config.h"

#include <glib/gi18n.h>

#include "gr-format.h"
#include "gr-rotation-entry.h"
#include "gr-timeline-row.h"
#include "gr-timeline-scale.h"
#include "gr-variety.h"

struct _GrRotationEntry
{
  GObject             parent_instance;

  GrTimeline         *timeline;
  GrTimelineVacancy  *vacancy;
  GrTimelineOrder    *order;
};

G_DEFINE_FINAL_TYPE (GrRotationEntry, gr_rotation_entry, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
gr_rotation_entry_finalize (GObject *object)
{
  GrRotationEntry *self = GR_ROTATION_ENTRY (object);

  g_clear_pointer (&self->timeline, gr_timeline_unref);

  G_OBJECT_CLASS (gr_rotation_entry_parent_class)->finalize (object);
}

static void
gr_rotation_entry_class_init (GrRotationEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gr_rotation_entry_finalize;

  /* It now holds another record (gr_rotation_entry_assign). */
  signals [CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
gr_rotation_entry_init (GrRotationEntry *self)
{
}

GrRotationEntry *
gr_rotation_entry_new_vacancy (GrTimeline        *timeline,
                               GrTimelineVacancy *vacancy)
{
  GrRotationEntry *self = g_object_new (GR_TYPE_ROTATION_ENTRY, NULL);

  self->timeline = gr_timeline_ref (timeline);
  self->vacancy = vacancy;
  return self;
}

GrRotationEntry *
gr_rotation_entry_new_order (GrTimeline      *timeline,
                             GrTimelineOrder *order)
{
  GrRotationEntry *self = g_object_new (GR_TYPE_ROTATION_ENTRY, NULL);

  self->timeline = gr_timeline_ref (timeline);
  self->order = order;
  return self;
}

void
gr_rotation_entry_assign (GrRotationEntry *self,
                          GrRotationEntry *other)
{
  g_return_if_fail (GR_IS_ROTATION_ENTRY (self));
  g_return_if_fail (GR_IS_ROTATION_ENTRY (other));

  if (self->timeline != other->timeline)
    {
      gr_timeline_ref (other->timeline);
      gr_timeline_unref (self->timeline);
      self->timeline = other->timeline;
    }
  self->vacancy = other->vacancy;
  self->order = other->order;
  g_signal_emit (self, signals [CHANGED], 0);
}

GrTimeline *
gr_rotation_entry_get_timeline (GrRotationEntry *self)
{
  g_return_val_if_fail (GR_IS_ROTATION_ENTRY (self), NULL);
  return self->timeline;
}

GrTimelineVacancy *
gr_rotation_entry_get_vacancy (GrRotationEntry *self)
{
  g_return_val_if_fail (GR_IS_ROTATION_ENTRY (self), NULL);
  return self->vacancy;
}

GrTimelineOrder *
gr_rotation_entry_get_order (GrRotationEntry *self)
{
  g_return_val_if_fail (GR_IS_ROTATION_ENTRY (self), NULL);
  return self->order;
}

char *
gr_rotation_entry_dup_title (GrRotationEntry *self)
{
  g_return_val_if_fail (GR_IS_ROTATION_ENTRY (self), NULL);

  if (self->vacancy != NULL)
    return self->vacancy->lot ? gr_timeline_lot_title (self->vacancy->lot, TRUE) : g_strdup ("?");
  {
    g_autofree char *amount = gr_format_tonnes (self->order->quantity_kg);

    /* TRANSLATORS: a release order in a list: number, variety, quantity → "动用命令 清发改粮储〔2025〕15号 · 大米 1,600 吨" */
    return g_strdup_printf (_("Release order %s · %s %s"), self->order->order_no,
                            gr_variety_name (self->order->variety), amount);
  }
}

static char *
days_text (gint64 days)
{
  /* A status of its own line: capitalised in English */
  if (days == 0)
    /* TRANSLATORS: a short status: the deadline is today → "今天到期" */
    return g_strdup (_("Due today"));
  return gr_timeline_days_phrase (days);
}

char *
gr_rotation_entry_dup_status (GrRotationEntry  *self,
                              const char      **status_class)
{
  GrTimelineDay as_of, closed, deadline;
  gboolean late;

  g_return_val_if_fail (GR_IS_ROTATION_ENTRY (self), NULL);

  as_of = gr_timeline_get_as_of (self->timeline);
  closed = self->vacancy ? self->vacancy->closed : self->order->completed;
  deadline = self->vacancy ? self->vacancy->deadline : self->order->due;
  late = self->vacancy ? self->vacancy->late : self->order->late;

  if (closed != GR_TIMELINE_NO_DAY)
    {
      *status_class = late ? "violation" : "ok";
      return g_strdup (late ? (self->vacancy ? _("Filled late") : _("Replenished late"))
                            : (self->vacancy ? _("Filled in time") : _("Replenished")));
    }
  *status_class = as_of > deadline ? "violation" : "warning";
  return days_text ((gint64) deadline - (gint64) as_of);
}

char *
gr_rotation_entry_dup_detail (GrRotationEntry *self)
{
  g_return_val_if_fail (GR_IS_ROTATION_ENTRY (self), NULL);

  if (self->vacancy != NULL)
    {
      GrTimelineVacancy *v = self->vacancy;
      g_autofree char *out = gr_timeline_format_day (v->out_day);
      g_autofree char *amount = gr_format_tonnes (v->quantity_kg);
      g_autofree char *deadline = gr_timeline_format_day (v->deadline);

      if (v->extended)
        /* TRANSLATORS: a vacancy's rotate-out and deadline, with an approved extension →
         * "2026年5月6日轮出 2,139.298 吨 · 期限 2026年9月30日（6 个月，含批准延长）" */
        return g_strdup_printf (ngettext ("Rotated out %2$s on %1$s · deadline %3$s (%4$d month, extension approved)",
                                          "Rotated out %2$s on %1$s · deadline %3$s (%4$d months, extension approved)",
                                          v->months), out, amount, deadline, v->months);
      /* TRANSLATORS: a vacancy's rotate-out and deadline → "2026年5月6日轮出 2,139.298 吨 · 期限 2026年9月30日（4 个月）" */
      return g_strdup_printf (ngettext ("Rotated out %2$s on %1$s · deadline %3$s (%4$d month)",
                                        "Rotated out %2$s on %1$s · deadline %3$s (%4$d months)",
                                        v->months), out, amount, deadline, v->months);
    }
  {
    GrTimelineOrder *o = self->order;
    g_autofree char *date = gr_timeline_format_day (o->date);
    g_autofree char *due = gr_timeline_format_day (o->due);
    GString *text = g_string_new (NULL);

    /* TRANSLATORS: a release order's date and replenishment deadline → "2025年9月6日下达 · 应于 2026年9月6日前补库" */
    g_string_append_printf (text, _("Ordered on %s · replenish by %s"), date, due);
    if (o->n_releases > 0)
      {
        g_autofree char *lines = gr_timeline_describe_fills (o->releases, o->n_releases, GR_TIMELINE_FILL_RELEASE);

        g_string_append_printf (text, "\n%s", lines);
      }
    return g_string_free (text, FALSE);
  }
}

char *
gr_rotation_entry_dup_allocation (GrRotationEntry *self)
{
  GString *text = g_string_new (NULL);
  gint64 missing;

  g_return_val_if_fail (GR_IS_ROTATION_ENTRY (self), NULL);

  {
    g_autofree char *lines = self->vacancy
      ? gr_timeline_describe_fills (self->vacancy->fills, self->vacancy->n_fills, GR_TIMELINE_FILL_ROTATE_IN)
      : gr_timeline_describe_fills (self->order->fills, self->order->n_fills, GR_TIMELINE_FILL_REPLENISH);

    g_string_append (text, lines);
  }
  missing = self->vacancy ? self->vacancy->remaining_kg : self->order->quantity_kg - self->order->replenished_kg;
  if (missing > 0)
    {
      g_autofree char *amount = gr_format_tonnes (missing);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (self->vacancy)
        /* TRANSLATORS: what an open vacancy still lacks → "尚有 2,139.298 吨未轮入" */
        g_string_append_printf (text, _("%s still to rotate in"), amount);
      else
        /* TRANSLATORS: what an order still lacks → "尚缺 1,600 吨未补库" */
        g_string_append_printf (text, _("%s still to replenish"), amount);
    }
  return g_string_free (text, FALSE);
}
