/* gr-timeline.c: the rotation timeline's data, from the engine's own reading
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-timeline"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-error.h"
#include "gr-format.h"
#include "gr-rules-private.h"
#include "gr-timeline.h"
#include "gr-variety.h"

struct _GrTimeline
{
  gatomicrefcount  ref_count;
  GrTimelineDay    as_of;
  GrTimelineDay    first;
  GrTimelineDay    last;
  GStringChunk    *strings;
  GrTimelineLot   *lot_block;     /* every lot */
  GPtrArray       *blocks;        /* the vacancies, fills and lists, a block a plan or a kind */
  GPtrArray       *lots;          /* GrTimelineLot, in lot_block */
  GPtrArray       *vacancies;     /* GrTimelineVacancy, in blocks */
  GPtrArray       *orders;        /* GrTimelineOrder, owned, by date */
  GPtrArray       *items;         /* GrTimelineItem, owned */
  GHashTable      *lot_by_id;
};

/*
 * Days
 */

GrTimelineDay
gr_timeline_day_parse (const char *iso)
{
  return gr_day_parse (iso);
}

char *
gr_timeline_day_to_iso (GrTimelineDay day)
{
  return day == GR_TIMELINE_NO_DAY ? NULL : gr_day_to_iso (day);
}

GrTimelineDay
gr_timeline_day_from_ymd (int year,
                          int month,
                          int day)
{
  return gr_day_from_ymd (year, month, day);
}

void
gr_timeline_day_to_ymd (GrTimelineDay  day,
                        int           *year,
                        int           *month,
                        int           *mday)
{
  gr_day_to_ymd (day, year, month, mday);
}

int
gr_timeline_month_of (GrTimelineDay day)
{
  return gr_day_month_index (day);
}

GrTimelineDay
gr_timeline_month_start (int month_index)
{
  return gr_day_from_ymd (month_index / 12, month_index % 12 + 1, 1);
}

GrTimelineDay
gr_timeline_month_end (int month_index)
{
  return gr_day_month_end (month_index / 12, month_index % 12 + 1);
}

const char *
gr_life_class_name (GrLifeClass life)
{
  switch (life)
    {
    /* TRANSLATORS: a lot with nothing left in store (轮出/已出清) */
    case GR_LIFE_EMPTY:      return _("Emptied");
    /* TRANSLATORS: a lot no storage-year limit or shelf life applies to */
    case GR_LIFE_UNLIMITED:  return _("No limit");
    /* TRANSLATORS: a lot to be rotated after next year */
    case GR_LIFE_LATER:      return _("Later");
    case GR_LIFE_NEXT_YEAR:  return _("Due next year");
    case GR_LIFE_THIS_YEAR:  return _("Due this year");
    /* TRANSLATORS: past its storage-year limit, inside the permitted delay (延期轮换) */
    case GR_LIFE_DELAYED:    return _("Delayed rotation");
    /* TRANSLATORS: past the last day it may be held (超期) */
    case GR_LIFE_OVERDUE:    return _("Overdue");
    case GR_N_LIFE:
    default:                 return "";
    }
}

/*
 * Freeing
 */

GrTimeline *
gr_timeline_ref (GrTimeline *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
gr_timeline_unref (GrTimeline *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_pointer (&self->lot_by_id, g_hash_table_unref);
  g_clear_pointer (&self->lots, g_ptr_array_unref);
  g_clear_pointer (&self->vacancies, g_ptr_array_unref);
  g_clear_pointer (&self->orders, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->lot_block, g_free);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_free (self);
}

/*
 * Loading
 */

static const char *
intern (GrTimeline *self,
        const char *text)
{
  return text ? g_string_chunk_insert_const (self->strings, text) : NULL;
}

static void
widen (GrTimeline    *self,
       GrTimelineDay  day)
{
  if (day == GR_TIMELINE_NO_DAY)
    return;
  if (self->first == GR_TIMELINE_NO_DAY || day < self->first)
    self->first = day;
  if (day > self->last)
    self->last = day;
}

static GrTimelineDay
year_end (GrTimelineDay day,
          int           years_after)
{
  int y, m, d;

  gr_day_to_ymd (day, &y, &m, &d);
  return gr_day_from_ymd (y + years_after, 12, 31);
}

/* The lots, with their limits and classes (what gr-rules-age.c computes
 * for the findings, for every lot). */
static void
take_lots (GrTimeline     *self,
           GrRulesContext *ctx,
           GHashTable     *by_rule_lot)
{
  const GrRuleParams *age = gr_profile_get_rule (ctx->profile, GR_RULE_AGE_LIMIT);
  const GrRuleParams *shelf = gr_profile_get_rule (ctx->profile, GR_RULE_SHELF_LIFE);

  self->lot_block = g_new0 (GrTimelineLot, ctx->lots->len);
  for (guint i = 0; i < ctx->lots->len; i++)
    {
      RuleLot *r = ctx->lots->pdata[i];
      RulePlan *plan = r->plan;
      GrTimelineLot *lot = &self->lot_block[i];
      const GrAgeLimit *limit = age ? gr_rules_lot_age_limit (age, r) : NULL;

      lot->id = intern (self, r->id);
      lot->enterprise = plan->enterprise ? intern (self, plan->enterprise->id) : NULL;
      lot->enterprise_name = plan->enterprise ? intern (self, plan->enterprise->name) : NULL;
      if (r->bin != NULL)
        {
          lot->bin = intern (self, r->bin->id);
          lot->bin_code = intern (self, r->bin->code);
          if (r->bin->depot != NULL)
            {
              lot->depot = intern (self, r->bin->depot->id);
              lot->depot_name = intern (self, r->bin->depot->name);
            }
        }
      lot->plan = intern (self, plan->id);
      lot->plan_name = intern (self, gr_rules_plan_name (plan));
      {
        g_autofree char *quantity = gr_format_tonnes (plan->quantity_kg);
        /* TRANSLATORS: a storage plan under its enterprise: variety, quantity → "中晚籼稻 计划 10,000 吨" */
        g_autofree char *label = g_strdup_printf (_("%s plan of %s"), gr_variety_name (plan->variety), quantity);

        lot->plan_label = intern (self, label);
      }
      lot->variety = r->variety;
      lot->harvest_year = r->harvest_year;
      lot->storage_quality = r->storage_quality;
      lot->balance_kg = gr_rules_lot_as_of_kg (r);
      lot->entered_on = r->entered_on;
      if (limit != NULL && r->entered_on != GR_DAY_NONE)
        {
          lot->limit_years = limit->years;
          lot->delay_years = limit->delay_years;
          lot->limit_on = gr_rules_age_deadline (r, limit->years * 12);
          if (limit->delay_years > 0)
            lot->delay_on = gr_rules_age_deadline (r, (limit->years + limit->delay_years) * 12);
        }
      if (shelf != NULL)
        lot->expiry_on = gr_rules_lot_expiry (r);
      lot->rotate_by = lot->limit_on;
      if (lot->expiry_on != GR_DAY_NONE && (lot->rotate_by == GR_DAY_NONE || lot->expiry_on - 1 < lot->rotate_by))
        lot->rotate_by = lot->expiry_on - 1;

      g_ptr_array_add (self->lots, lot);
      g_hash_table_insert (self->lot_by_id, (gpointer) lot->id, lot);
      g_hash_table_insert (by_rule_lot, r, lot);
    }
}

static void
classify (GrTimeline                *self,
          GrTimelineLot             *lot,
          const GrRuleParams        *age,
          const GrRuleParams        *shelf)
{
  GrTimelineDay as_of = self->as_of;
  GrTimelineDay last_day = lot->delay_on ? lot->delay_on : lot->limit_on;
  gboolean near = FALSE;

  if (lot->balance_kg <= 0)
    lot->life = GR_LIFE_EMPTY;
  else if (lot->rotate_by == GR_DAY_NONE)
    lot->life = GR_LIFE_UNLIMITED;
  else if ((last_day != GR_DAY_NONE && as_of > last_day) ||
           (lot->expiry_on != GR_DAY_NONE && as_of >= lot->expiry_on))
    lot->life = GR_LIFE_OVERDUE;
  else if (as_of > lot->rotate_by)
    lot->life = GR_LIFE_DELAYED;
  else if (lot->rotate_by <= year_end (as_of, 0))
    lot->life = GR_LIFE_THIS_YEAR;
  else if (lot->rotate_by <= year_end (as_of, 1))
    lot->life = GR_LIFE_NEXT_YEAR;
  else
    lot->life = GR_LIFE_LATER;

  /* The rules' own warning horizons (DESIGN.md §4 age.limit, shelf_life). */
  if (lot->balance_kg > 0 && age != NULL && lot->limit_on != GR_DAY_NONE &&
      gr_day_month_index (as_of) > gr_day_month_index (lot->limit_on) - age->horizon_months)
    near = TRUE;
  if (lot->balance_kg > 0 && shelf != NULL && lot->expiry_on != GR_DAY_NONE &&
      (gint64) as_of >= (gint64) lot->expiry_on - shelf->horizon_days)
    near = TRUE;
  lot->attention = lot->life >= GR_LIFE_THIS_YEAR || near ||
                   (lot->balance_kg > 0 && lot->storage_quality != 0);
  lot->current = lot->balance_kg > 0;
}

/* A plan's fills, in one block: each vacancy's in a stretch of it, in
 * their first-in-first-out order. */
static void
place_fills (GrTimeline        *self,
             GrTimelineVacancy *vacancies,
             guint              n_vacancies,
             GArray            *fills,
             GHashTable        *by_rule_lot)
{
  g_autofree guint *next = NULL;
  GrTimelineFill *block;
  guint at = 0;

  if (fills->len == 0)
    return;
  block = g_new (GrTimelineFill, fills->len);
  g_ptr_array_add (self->blocks, block);
  next = g_new0 (guint, n_vacancies);
  for (guint i = 0; i < fills->len; i++)
    next[g_array_index (fills, GrVacancyFill, i).vacancy]++;
  for (guint j = 0; j < n_vacancies; j++)
    {
      vacancies[j].n_fills = next[j];
      vacancies[j].fills = next[j] > 0 ? block + at : NULL;
      next[j] = at;
      at += vacancies[j].n_fills;
    }
  for (guint i = 0; i < fills->len; i++)
    {
      const GrVacancyFill *f = &g_array_index (fills, GrVacancyFill, i);

      block[next[f->vacancy]++] = (GrTimelineFill) { g_hash_table_lookup (by_rule_lot, f->in->lot), f->day, f->quantity_kg };
    }
}

/* Each lot's vacancies, in the order of the timeline's, as a stretch of
 * one block. */
static void
link_vacancies (GrTimeline *self)
{
  GrTimelineVacancy **block;
  guint at = 0;

  if (self->vacancies->len == 0)
    return;
  block = g_new (GrTimelineVacancy *, self->vacancies->len);
  g_ptr_array_add (self->blocks, block);
  for (guint k = 0; k < self->vacancies->len; k++)
    {
      GrTimelineVacancy *v = self->vacancies->pdata[k];

      if (v->lot != NULL)
        v->lot->n_vacancies++;
    }
  for (guint i = 0; i < self->lots->len; i++)
    {
      GrTimelineLot *lot = self->lots->pdata[i];

      lot->vacancies = lot->n_vacancies > 0 ? block + at : NULL;
      at += lot->n_vacancies;
      lot->n_vacancies = 0;
    }
  for (guint k = 0; k < self->vacancies->len; k++)
    {
      GrTimelineVacancy *v = self->vacancies->pdata[k];

      if (v->lot != NULL)
        v->lot->vacancies[v->lot->n_vacancies++] = v;
    }
}

static void
take_vacancies (GrTimeline     *self,
                GrRulesContext *ctx,
                GHashTable     *by_rule_lot)
{
  const GrRuleParams *params = gr_profile_get_rule (ctx->profile, GR_RULE_ROTATION_VACANCY);
  GrDay year_start = ctx->year_start;

  if (params == NULL)
    return;
  for (guint p = 0; p < ctx->plans->len; p++)
    {
      RulePlan *plan = ctx->plans->pdata[p];
      g_autoptr(GArray) fills = NULL;
      g_autoptr(GArray) vacancies = NULL;
      GrTimelineVacancy *block;

      if (plan->rotations == NULL || plan->rotations->len == 0)
        continue;
      fills = g_array_new (FALSE, FALSE, sizeof (GrVacancyFill));
      vacancies = gr_rules_plan_vacancies (ctx, params, plan, fills);
      if (vacancies->len == 0)
        continue;
      block = g_new0 (GrTimelineVacancy, vacancies->len);
      g_ptr_array_add (self->blocks, block);
      for (guint j = 0; j < vacancies->len; j++)
        {
          const GrVacancy *src = &g_array_index (vacancies, GrVacancy, j);
          GrTimelineVacancy *v = &block[j];
          int y, m, d;

          v->plan = intern (self, plan->id);
          v->plan_name = intern (self, gr_rules_plan_name (plan));
          v->lot = g_hash_table_lookup (by_rule_lot, src->out->lot);
          v->out_day = src->out->day;
          gr_day_to_ymd (src->out->day, &y, &m, &d);
          v->start = m == 12 ? gr_day_from_ymd (y + 1, 1, 1) : gr_day_from_ymd (y, m + 1, 1);
          v->deadline = src->deadline;
          v->closed = src->closed;
          v->months = src->months;
          v->extended = src->months > params->months;
          v->quantity_kg = src->out->quantity_kg;
          v->remaining_kg = src->remaining_kg;
          v->late = src->closed != GR_DAY_NONE ? src->closed > src->deadline : ctx->as_of > src->deadline;
          g_ptr_array_add (self->vacancies, v);
          widen (self, v->out_day);
          widen (self, v->deadline);

          if (v->lot != NULL)
            {
              /* Open, or late in the as-of year: the lot is current business. */
              if (v->closed == GR_DAY_NONE || (v->late && v->closed >= year_start))
                {
                  v->lot->current = TRUE;
                  v->lot->attention = TRUE;
                }
              else if (v->closed >= year_start)
                v->lot->current = TRUE;
            }
        }
      place_fills (self, block, vacancies->len, fills, by_rule_lot);
      /* The plan's rotations are done with (the engine's vacancies point
       * into them): they go as the timeline's vacancies come. */
      g_clear_pointer (&vacancies, g_array_unref);
      g_clear_pointer (&fills, g_array_unref);
      g_clear_pointer (&plan->rotations, g_array_unref);
    }
  link_vacancies (self);
}

/* The orders' releases and fills, in one block: each order's in two
 * stretches of it. */
static void
place_order_fills (GrTimeline *self,
                   GPtrArray  *releases,
                   GPtrArray  *fills)
{
  GrTimelineFill *block;
  guint total = 0, at = 0;

  for (guint i = 0; i < self->orders->len; i++)
    total += ((GArray *) releases->pdata[i])->len + ((GArray *) fills->pdata[i])->len;
  if (total == 0)
    return;
  block = g_new (GrTimelineFill, total);
  g_ptr_array_add (self->blocks, block);
  for (guint i = 0; i < self->orders->len; i++)
    {
      GrTimelineOrder *o = self->orders->pdata[i];
      GArray *r = releases->pdata[i], *f = fills->pdata[i];

      o->n_releases = r->len;
      o->releases = r->len > 0 ? memcpy (block + at, r->data, r->len * sizeof (GrTimelineFill)) : NULL;
      at += r->len;
      o->n_fills = f->len;
      o->fills = f->len > 0 ? memcpy (block + at, f->data, f->len * sizeof (GrTimelineFill)) : NULL;
      at += f->len;
    }
}

/* Each lot's orders (lot → GPtrArray of its orders), in the lots' order,
 * as stretches of one block. */
static void
link_orders (GrTimeline *self,
             GHashTable *lot_orders)
{
  GrTimelineOrder **block;
  GHashTableIter iter;
  gpointer value;
  guint total = 0, at = 0;

  g_hash_table_iter_init (&iter, lot_orders);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    total += ((GPtrArray *) value)->len;
  if (total == 0)
    return;
  block = g_new (GrTimelineOrder *, total);
  g_ptr_array_add (self->blocks, block);
  for (guint i = 0; i < self->lots->len; i++)
    {
      GrTimelineLot *lot = self->lots->pdata[i];
      GPtrArray *orders = g_hash_table_lookup (lot_orders, lot);

      if (orders == NULL || orders->len == 0)
        continue;
      lot->orders = memcpy (block + at, orders->pdata, orders->len * sizeof (gpointer));
      lot->n_orders = orders->len;
      at += orders->len;
    }
}

static void
lot_order (GHashTable      *lot_orders,
           GrTimelineLot   *lot,
           GrTimelineOrder *order)
{
  GPtrArray *orders;

  if (lot == NULL)
    return;
  if ((orders = g_hash_table_lookup (lot_orders, lot)) == NULL)
    g_hash_table_insert (lot_orders, lot, orders = g_ptr_array_new ());
  if (!g_ptr_array_find (orders, order, NULL))
    g_ptr_array_add (orders, order);
}

/* The orders, their replenishments as the engine allocates them, and the
 * release movements of their enterprise and variety. */
static gboolean
take_orders (GrTimeline      *self,
             GrRulesContext  *ctx,
             GHashTable      *by_rule_lot,
             GError         **error)
{
  g_autoptr(GArray) fills = g_array_new (FALSE, FALSE, sizeof (GrReleaseFill));
  g_autoptr(GPtrArray) order_releases = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) order_fills = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) lot_orders = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *first = NULL;
  g_autofree char *as_of = NULL;
  GrDay year_start = ctx->year_start;
  GHashTableIter iter;
  gpointer key, value;
  int rc;

  if (ctx->releases->len == 0)
    return TRUE;

  gr_rules_allocate_releases (ctx, fills);
  for (guint i = 0; i < ctx->releases->len; i++)
    {
      RuleRelease *r = ctx->releases->pdata[i];
      GrTimelineOrder *o = g_new0 (GrTimelineOrder, 1);

      o->id = intern (self, r->id);
      o->order_no = intern (self, r->order_no);
      o->enterprise = intern (self, r->enterprise->id);
      o->enterprise_name = intern (self, r->enterprise->name);
      o->variety = r->variety;
      o->date = r->date;
      o->due = r->due;
      o->completed = r->completed;
      o->quantity_kg = r->quantity_kg;
      o->replenished_kg = r->allocated_kg;
      o->late = r->completed != GR_DAY_NONE ? r->completed > r->due
                                            : (r->date <= ctx->as_of && ctx->as_of > r->due);
      g_ptr_array_add (order_releases, g_array_new (FALSE, FALSE, sizeof (GrTimelineFill)));
      g_ptr_array_add (order_fills, g_array_new (FALSE, FALSE, sizeof (GrTimelineFill)));
      g_ptr_array_add (self->orders, o);
      widen (self, o->date);
      widen (self, o->due);
    }
  for (guint i = 0; i < fills->len; i++)
    {
      const GrReleaseFill *f = &g_array_index (fills, GrReleaseFill, i);
      GrTimelineFill fill = { g_hash_table_lookup (by_rule_lot, f->lot), f->day, f->quantity_kg };

      g_array_append_val (order_fills->pdata[f->release], fill);
      lot_order (lot_orders, fill.lot, self->orders->pdata[f->release]);
    }

  /* Release movements of the orders' plans since the first order. */
  first = gr_day_to_iso (((RuleRelease *) ctx->releases->pdata[0])->date);
  as_of = gr_day_to_iso (ctx->as_of);
  stmt = gr_store_prepare (ctx->store,
                           "SELECT m.lot, m.date, m.quantity_kg"
                           " FROM lots l CROSS JOIN movements m ON m.lot = l.id"
                           " WHERE l.deleted = 0 AND m.deleted = 0 AND m.kind = 'release'"
                           "   AND m.date >= ?1 AND m.date <= ?2"
                           "   AND l.plan IN (SELECT p.id FROM plans p JOIN releases r"
                           "                  ON r.enterprise = p.enterprise AND r.variety = p.variety"
                           "                  WHERE p.deleted = 0 AND r.deleted = 0)"
                           " ORDER BY m.date",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, first, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, as_of, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RuleLot *r = gr_rules_find_lot (ctx, (const char *) sqlite3_column_text (stmt, 0));
      GrDay day = gr_day_parse ((const char *) sqlite3_column_text (stmt, 1));
      gint order = -1;
      GrTimelineFill fill;

      if (r == NULL || day == GR_DAY_NONE)
        continue;
      /* The latest order of the lot's enterprise and variety on or before the day. */
      for (guint i = 0; i < ctx->releases->len; i++)
        {
          RuleRelease *rel = ctx->releases->pdata[i];

          if (rel->date > day)
            break;
          if (rel->enterprise == r->plan->enterprise && rel->variety == r->plan->variety)
            order = (gint) i;
        }
      if (order < 0)
        continue;
      fill.lot = g_hash_table_lookup (by_rule_lot, r);
      fill.day = day;
      fill.quantity_kg = sqlite3_column_int64 (stmt, 2);
      g_array_append_val (order_releases->pdata[order], fill);
      lot_order (lot_orders, fill.lot, self->orders->pdata[order]);
    }
  if (rc != SQLITE_DONE)
    {
      gr_store_set_error (ctx->store, error, _("Could not read the release movements"));
      return FALSE;
    }

  /* Lots of an order still short, or one closed in the as-of year, are current. */
  g_hash_table_iter_init (&iter, lot_orders);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GrTimelineLot *lot = key;
      GPtrArray *orders = value;

      for (guint j = 0; j < orders->len; j++)
        {
          GrTimelineOrder *o = orders->pdata[j];

          if (o->completed == GR_DAY_NONE || o->completed >= year_start)
            lot->current = TRUE;
          if (o->completed == GR_DAY_NONE || (o->late && o->completed >= year_start))
            lot->attention = TRUE;
        }
    }
  place_order_fills (self, order_releases, order_fills);
  link_orders (self, lot_orders);
  return TRUE;
}

static gboolean
take_items (GrTimeline     *self,
            GrRulesContext *ctx,
            GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int this_year = ctx->year;
  int rc;

  stmt = gr_store_prepare (ctx->store,
                           "SELECT r.id, r.enterprise, r.year, r.state, i.lot, i.quantity_kg, i.out_month,"
                           "       i.in_month, i.reason, i.vacancy_extension_approved"
                           " FROM rotation_plan_items i JOIN rotation_plans r ON r.id = i.parent"
                           " WHERE r.deleted = 0 ORDER BY r.year, r.id, i.seq",
                           error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GrTimelineLot *lot = g_hash_table_lookup (self->lot_by_id, sqlite3_column_text (stmt, 4));
      int oy, om, iy, im;
      GrTimelineItem *item;

      /* Items of lots outside the profile's classes, or unreadable months, are not shown. */
      if (lot == NULL ||
          !gr_month_parse ((const char *) sqlite3_column_text (stmt, 6), &oy, &om) ||
          !gr_month_parse ((const char *) sqlite3_column_text (stmt, 7), &iy, &im))
        continue;
      item = g_new0 (GrTimelineItem, 1);
      item->rotation_plan = intern (self, (const char *) sqlite3_column_text (stmt, 0));
      item->enterprise = intern (self, (const char *) sqlite3_column_text (stmt, 1));
      item->year = sqlite3_column_int (stmt, 2);
      item->state = intern (self, (const char *) sqlite3_column_text (stmt, 3));
      item->lot = lot;
      item->quantity_kg = sqlite3_column_int64 (stmt, 5);
      item->out_month = oy * 12 + om - 1;
      item->in_month = iy * 12 + im - 1;
      item->reason = intern (self, (const char *) sqlite3_column_text (stmt, 8));
      item->extension_approved = sqlite3_column_int (stmt, 9) != 0;
      g_ptr_array_add (self->items, item);
      lot->n_items++;
      widen (self, gr_timeline_month_start (MIN (item->out_month, item->in_month)));
      widen (self, gr_timeline_month_end (MAX (item->out_month, item->in_month)));
      /* A plan for this year or later is about the lot now. */
      if (item->year >= this_year)
        lot->current = TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      gr_store_set_error (ctx->store, error, _("Could not read the rotation plans"));
      return FALSE;
    }

  /* Each lot's items, in the order read, as stretches of one block. */
  if (self->items->len > 0)
    {
      GrTimelineItem **block = g_new (GrTimelineItem *, self->items->len);
      guint at = 0;

      g_ptr_array_add (self->blocks, block);
      for (guint i = 0; i < self->lots->len; i++)
        {
          GrTimelineLot *lot = self->lots->pdata[i];

          lot->items = lot->n_items > 0 ? block + at : NULL;
          at += lot->n_items;
          lot->n_items = 0;
        }
      for (guint i = 0; i < self->items->len; i++)
        {
          GrTimelineItem *item = self->items->pdata[i];

          item->lot->items[item->lot->n_items++] = item;
        }
    }
  return TRUE;
}

/* The day each lot with nothing left was emptied: its last movement up
 * to the as-of date (through the index on movements (lot, date)). */
static gboolean
take_emptied (GrTimeline      *self,
              GrRulesContext  *ctx,
              GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *as_of = gr_day_to_iso (ctx->as_of);

  stmt = gr_store_prepare (ctx->store,
                           "SELECT date FROM movements WHERE lot = ?1 AND date <= ?2 AND deleted = 0"
                           " ORDER BY date DESC LIMIT 1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 2, as_of, -1, SQLITE_STATIC);
  for (guint i = 0; i < self->lots->len; i++)
    {
      GrTimelineLot *lot = self->lots->pdata[i];
      int rc;

      if (lot->balance_kg > 0)
        continue;
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, lot->id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        lot->emptied_on = gr_day_parse ((const char *) sqlite3_column_text (stmt, 0));
      else if (rc != SQLITE_DONE)
        {
          gr_store_set_error (ctx->store, error, _("Could not read the movements of a lot"));
          return FALSE;
        }
      /* A lot that never held anything has an empty span at its entry. */
      if (lot->emptied_on == GR_DAY_NONE)
        lot->emptied_on = lot->entered_on;
    }
  return TRUE;
}

GrTimeline *
gr_timeline_load (GrStore     *store,
                  GrProfile   *profile,
                  const char  *as_of,
                  GError     **error)
{
  g_auto(GrRulesContext) ctx = { 0 };
  g_autoptr(GrTimeline) self = NULL;
  g_autoptr(GHashTable) by_rule_lot = NULL;
  g_autofree char *today = NULL;
  const GrRuleParams *age, *shelf;

  g_return_val_if_fail (GR_IS_STORE (store), NULL);
  g_return_val_if_fail (profile != NULL, NULL);

  if (as_of == NULL)
    as_of = today = gr_today_iso ();
  if (!gr_date_parse (as_of, NULL))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("“%s” is not a date (YYYY-MM-DD)"), as_of);
      return NULL;
    }
  /* Every vacancy of the plans' history, not only the as-of year's. */
  ctx.whole_history = TRUE;
  /* Lots' balances are all it needs of this year's movements. */
  ctx.no_plan_days = TRUE;
  if (!gr_rules_context_init (&ctx, store, profile, gr_day_parse (as_of), error))
    return NULL;

  self = g_new0 (GrTimeline, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->as_of = ctx.as_of;
  self->strings = g_string_chunk_new (16384);
  self->blocks = g_ptr_array_new_with_free_func (g_free);
  self->lots = g_ptr_array_new_full (ctx.lots->len, NULL);
  self->vacancies = g_ptr_array_new ();
  self->orders = g_ptr_array_new_with_free_func (g_free);
  self->items = g_ptr_array_new_with_free_func (g_free);
  self->lot_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  by_rule_lot = g_hash_table_new (NULL, NULL);
  widen (self, self->as_of);

  age = gr_profile_get_rule (profile, GR_RULE_AGE_LIMIT);
  shelf = gr_profile_get_rule (profile, GR_RULE_SHELF_LIFE);
  take_lots (self, &ctx, by_rule_lot);
  if (!take_emptied (self, &ctx, error))
    return NULL;
  for (guint i = 0; i < self->lots->len; i++)
    {
      GrTimelineLot *lot = self->lots->pdata[i];

      classify (self, lot, age, shelf);
      if (lot->current)
        {
          widen (self, lot->entered_on);
          widen (self, lot->delay_on ? lot->delay_on : lot->limit_on);
          widen (self, lot->expiry_on);
        }
    }
  take_vacancies (self, &ctx, by_rule_lot);
  if (!take_orders (self, &ctx, by_rule_lot, error) ||
      !take_items (self, &ctx, error))
    return NULL;
  return g_steal_pointer (&self);
}

/*
 * Reading
 */

GrTimelineDay
gr_timeline_get_as_of (GrTimeline *self)
{
  g_return_val_if_fail (self != NULL, GR_TIMELINE_NO_DAY);
  return self->as_of;
}

GPtrArray *
gr_timeline_get_lots (GrTimeline *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->lots;
}

GPtrArray *
gr_timeline_get_vacancies (GrTimeline *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->vacancies;
}

GPtrArray *
gr_timeline_get_orders (GrTimeline *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->orders;
}

GPtrArray *
gr_timeline_get_items (GrTimeline *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->items;
}

GrTimelineLot *
gr_timeline_find_lot (GrTimeline *self,
                      const char *id)
{
  g_return_val_if_fail (self != NULL, NULL);
  return id ? g_hash_table_lookup (self->lot_by_id, id) : NULL;
}

void
gr_timeline_get_range (GrTimeline    *self,
                       GrTimelineDay *first,
                       GrTimelineDay *last)
{
  g_return_if_fail (self != NULL);
  if (first != NULL)
    *first = self->first;
  if (last != NULL)
    *last = self->last;
}

static gboolean
place_matches (const GrTimelineLot    *lot,
               const GrTimelineFilter *filter)
{
  return (filter->enterprise == NULL || g_strcmp0 (lot->enterprise, filter->enterprise) == 0) &&
         (filter->depot == NULL || g_strcmp0 (lot->depot, filter->depot) == 0) &&
         (filter->variety == NULL || g_strcmp0 (lot->variety, filter->variety) == 0);
}

gboolean
gr_timeline_lot_matches (GrTimeline             *self,
                         const GrTimelineLot    *lot,
                         const GrTimelineFilter *filter)
{
  g_return_val_if_fail (lot != NULL, FALSE);

  if (filter == NULL)
    return lot->current;
  if (!place_matches (lot, filter))
    return FALSE;
  if (!filter->include_empty && !lot->current)
    return FALSE;
  return !filter->attention || lot->attention;
}

/*
 * Grouping
 */

void
gr_timeline_group_free (GrTimelineGroup *group)
{
  if (group == NULL)
    return;
  g_clear_pointer (&group->groups, g_ptr_array_unref);
  g_clear_pointer (&group->lots, g_ptr_array_unref);
  g_clear_pointer (&group->vacancies, g_ptr_array_unref);
  g_clear_pointer (&group->orders, g_ptr_array_unref);
  g_free (group);
}

typedef struct {
  GrTimelineGroup *group;
  int              urgency;   /* 0 first */
  char            *key;       /* collation key of the name */
} Keyed;

static GrTimelineGroup *
group_new (GrTimelineGroupKind  kind,
           const char          *id,
           const char          *name,
           gboolean             of_lots)
{
  GrTimelineGroup *group = g_new0 (GrTimelineGroup, 1);

  group->kind = kind;
  group->id = id;
  group->name = name ? name : id;
  if (of_lots)
    group->lots = g_ptr_array_new ();
  else
    group->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_timeline_group_free);
  return group;
}

static GrTimelineGroup *
child_group (GHashTable          *index,
             GrTimelineGroup     *parent,
             GrTimelineGroupKind  kind,
             const char          *id,
             const char          *name,
             gboolean             of_lots)
{
  g_autofree char *key = g_strconcat (parent ? parent->id : "", "\037", id ? id : "", NULL);
  GrTimelineGroup *group = g_hash_table_lookup (index, key);

  if (group == NULL)
    {
      group = group_new (kind, id ? id : "", name ? name : "?", of_lots);
      g_hash_table_insert (index, g_steal_pointer (&key), group);
      if (parent != NULL)
        g_ptr_array_add (parent->groups, group);
    }
  return group;
}

static void
count_lot (GrTimelineGroup     *group,
           const GrTimelineLot *lot)
{
  group->n_lots++;
  group->n_life[lot->life]++;
  group->n_attention += lot->attention;
}

static int
compare_keyed (gconstpointer a,
               gconstpointer b)
{
  const Keyed *x = a, *y = b;

  if (x->urgency != y->urgency)
    return x->urgency < y->urgency ? -1 : 1;
  return strcmp (x->key, y->key);
}

/* What a group holds that must be dealt with first: lots past their
 * limit, then lots due this year, then anything else needing attention. */
static int
urgency_of (const GrTimelineGroup *group)
{
  if (group->n_life[GR_LIFE_OVERDUE] + group->n_life[GR_LIFE_DELAYED] > 0)
    return 0;
  if (group->n_life[GR_LIFE_THIS_YEAR] > 0)
    return 1;
  if (group->n_attention > 0)
    return 2;
  return 3;
}

/* Groups by name in the collation of the locale (Chinese names by pinyin
 * where the C library knows it), keys made once per group; by urgency
 * first when asked. */
static void
sort_groups (GPtrArray *groups,
             gboolean   by_name,
             gboolean   by_urgency)
{
  g_autoptr(GArray) keyed = NULL;

  if (groups == NULL || groups->len < 2)
    return;
  keyed = g_array_sized_new (FALSE, FALSE, sizeof (Keyed), groups->len);
  for (guint i = 0; i < groups->len; i++)
    {
      GrTimelineGroup *g = groups->pdata[i];
      Keyed k = { g, by_urgency ? urgency_of (g) : 0,
                  by_name ? g_utf8_collate_key_for_filename (g->name, -1) : g_strdup (g->id) };

      g_array_append_val (keyed, k);
    }
  g_array_sort (keyed, compare_keyed);
  for (guint i = 0; i < keyed->len; i++)
    {
      Keyed *k = &g_array_index (keyed, Keyed, i);

      groups->pdata[i] = k->group;
      g_free (k->key);
    }
}

static int
compare_by_entry (gconstpointer a,
                  gconstpointer b)
{
  const GrTimelineLot *x = *(GrTimelineLot * const *) a;
  const GrTimelineLot *y = *(GrTimelineLot * const *) b;

  if (x->entered_on != y->entered_on)
    return x->entered_on < y->entered_on ? -1 : 1;
  return strcmp (x->id, y->id);
}

static int
compare_by_urgency (gconstpointer a,
                    gconstpointer b)
{
  const GrTimelineLot *x = *(GrTimelineLot * const *) a;
  const GrTimelineLot *y = *(GrTimelineLot * const *) b;
  GrTimelineDay dx = x->balance_kg > 0 && x->rotate_by ? x->rotate_by : G_MAXUINT32;
  GrTimelineDay dy = y->balance_kg > 0 && y->rotate_by ? y->rotate_by : G_MAXUINT32;

  if (dx != dy)
    return dx < dy ? -1 : 1;
  return compare_by_entry (a, b);
}

/* Plans in the order of the variety codes (raw grain, finished, oil). */
static int
variety_rank (const char *variety)
{
  const char * const *codes = gr_variety_codes ();

  for (int i = 0; codes[i] != NULL; i++)
    if (g_strcmp0 (codes[i], variety) == 0)
      return i;
  return G_MAXINT;
}

static int
compare_plan_groups (gconstpointer a,
                     gconstpointer b)
{
  const GrTimelineGroup *x = *(GrTimelineGroup * const *) a;
  const GrTimelineGroup *y = *(GrTimelineGroup * const *) b;
  const GrTimelineLot *lx = x->lots->len ? x->lots->pdata[0] : NULL;
  const GrTimelineLot *ly = y->lots->len ? y->lots->pdata[0] : NULL;
  int rx = lx ? variety_rank (lx->variety) : G_MAXINT;
  int ry = ly ? variety_rank (ly->variety) : G_MAXINT;

  if (rx != ry)
    return rx < ry ? -1 : 1;
  return strcmp (x->id, y->id);
}

static gboolean
vacancy_place_matches (const GrTimelineVacancy *v,
                       const GrTimelineFilter  *filter)
{
  return v->lot != NULL && (filter == NULL || place_matches (v->lot, filter));
}

static gboolean
order_place_matches (const GrTimelineOrder  *o,
                     const GrTimelineFilter *filter)
{
  gboolean depot_seen = FALSE;

  if (filter == NULL)
    return TRUE;
  if ((filter->enterprise != NULL && g_strcmp0 (filter->enterprise, o->enterprise) != 0) ||
      (filter->variety != NULL && g_strcmp0 (filter->variety, o->variety) != 0))
    return FALSE;
  if (filter->depot == NULL)
    return TRUE;
  /* An order is about a depot when it released or replenished a lot there. */
  for (guint i = 0; i < o->n_releases && !depot_seen; i++)
    {
      const GrTimelineFill *f = &o->releases[i];

      depot_seen = f->lot && g_strcmp0 (f->lot->depot, filter->depot) == 0;
    }
  for (guint i = 0; i < o->n_fills && !depot_seen; i++)
    {
      const GrTimelineFill *f = &o->fills[i];

      depot_seen = f->lot && g_strcmp0 (f->lot->depot, filter->depot) == 0;
    }
  return depot_seen;
}

GPtrArray *
gr_timeline_group (GrTimeline             *self,
                   const GrTimelineFilter *filter,
                   GrTimelineGrouping      grouping)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *top = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_timeline_group_free);
  g_autoptr(GPtrArray) tops = g_ptr_array_new ();
  g_autoptr(GHashTable) vacancies_by_plan = NULL;

  g_return_val_if_fail (self != NULL, top);

  for (guint i = 0; i < self->lots->len; i++)
    {
      GrTimelineLot *lot = self->lots->pdata[i];
      GrTimelineGroup *outer, *inner;

      if (!gr_timeline_lot_matches (self, lot, filter))
        continue;
      if (grouping == GR_TIMELINE_BY_PLAN)
        {
          outer = child_group (index, NULL, GR_TIMELINE_GROUP_ENTERPRISE, lot->enterprise, lot->enterprise_name, FALSE);
          inner = child_group (index, outer, GR_TIMELINE_GROUP_PLAN, lot->plan, lot->plan_label, TRUE);
        }
      else
        {
          outer = child_group (index, NULL, GR_TIMELINE_GROUP_DEPOT, lot->depot, lot->depot_name, FALSE);
          inner = child_group (index, outer, GR_TIMELINE_GROUP_BIN, lot->bin, lot->bin_code, TRUE);
        }
      if (outer->n_lots == 0)
        g_ptr_array_add (tops, outer);
      count_lot (outer, lot);
      count_lot (inner, lot);
      g_ptr_array_add (inner->lots, lot);
    }

  /* Each plan's vacancies, looked up once (a province has 200,000). */
  if (grouping == GR_TIMELINE_BY_PLAN)
    {
      vacancies_by_plan = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
      for (guint k = 0; k < self->vacancies->len; k++)
        {
          GrTimelineVacancy *v = self->vacancies->pdata[k];
          GPtrArray *list;

          if (!vacancy_place_matches (v, filter))
            continue;
          if ((list = g_hash_table_lookup (vacancies_by_plan, v->plan)) == NULL)
            g_hash_table_insert (vacancies_by_plan, (gpointer) v->plan, list = g_ptr_array_new ());
          g_ptr_array_add (list, v);
        }
    }

  for (guint i = 0; i < tops->len; i++)
    {
      GrTimelineGroup *outer = tops->pdata[i];

      g_ptr_array_add (top, outer);
      if (grouping == GR_TIMELINE_BY_PLAN)
        {
          g_ptr_array_sort (outer->groups, compare_plan_groups);
          for (guint j = 0; j < outer->groups->len; j++)
            {
              GrTimelineGroup *plan = outer->groups->pdata[j];
              const GrTimelineLot *first = plan->lots->pdata[0];

              g_ptr_array_sort (plan->lots, compare_by_urgency);
              /* The plan's vacancies and its enterprise's orders of its variety. */
              plan->vacancies = g_hash_table_lookup (vacancies_by_plan, plan->id);
              plan->vacancies = plan->vacancies ? g_ptr_array_ref (plan->vacancies) : g_ptr_array_new ();
              plan->orders = g_ptr_array_new ();
              for (guint k = 0; k < self->orders->len; k++)
                {
                  GrTimelineOrder *o = self->orders->pdata[k];

                  if (g_strcmp0 (o->enterprise, first->enterprise) == 0 &&
                      g_strcmp0 (o->variety, first->variety) == 0 && order_place_matches (o, filter))
                    g_ptr_array_add (plan->orders, o);
                }
            }
        }
      else
        {
          /* Bins by code, numbers in order ("P2" before "P10"). */
          sort_groups (outer->groups, TRUE, FALSE);
          for (guint j = 0; j < outer->groups->len; j++)
            {
              GrTimelineGroup *bin = outer->groups->pdata[j];

              g_ptr_array_sort (bin->lots, compare_by_entry);
            }
        }
    }
  sort_groups (top, TRUE, TRUE);
  return top;
}

static int
compare_vacancies (gconstpointer a,
                   gconstpointer b)
{
  const GrTimelineVacancy *x = *(GrTimelineVacancy * const *) a;
  const GrTimelineVacancy *y = *(GrTimelineVacancy * const *) b;
  gboolean ox = x->closed == GR_DAY_NONE, oy = y->closed == GR_DAY_NONE;

  /* Open ones first, by deadline; then the closed, latest closed first. */
  if (ox != oy)
    return ox ? -1 : 1;
  if (ox)
    return x->deadline != y->deadline ? (x->deadline < y->deadline ? -1 : 1) : (x->out_day < y->out_day ? -1 : x->out_day > y->out_day);
  return x->closed != y->closed ? (x->closed > y->closed ? -1 : 1) : (x->out_day < y->out_day ? -1 : x->out_day > y->out_day);
}

GPtrArray *
gr_timeline_select_vacancies (GrTimeline             *self,
                              const GrTimelineFilter *filter,
                              GrTimelineDay           since)
{
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (self != NULL, out);

  for (guint i = 0; i < self->vacancies->len; i++)
    {
      GrTimelineVacancy *v = self->vacancies->pdata[i];

      if (!vacancy_place_matches (v, filter))
        continue;
      if (v->closed == GR_DAY_NONE || (since != GR_DAY_NONE && v->closed >= since))
        g_ptr_array_add (out, v);
    }
  g_ptr_array_sort (out, compare_vacancies);
  return out;
}

static int
compare_orders (gconstpointer a,
                gconstpointer b)
{
  const GrTimelineOrder *x = *(GrTimelineOrder * const *) a;
  const GrTimelineOrder *y = *(GrTimelineOrder * const *) b;
  gboolean ox = x->completed == GR_DAY_NONE, oy = y->completed == GR_DAY_NONE;

  if (ox != oy)
    return ox ? -1 : 1;
  if (x->due != y->due)
    return x->due < y->due ? -1 : 1;
  return strcmp (x->id, y->id);
}

GPtrArray *
gr_timeline_select_orders (GrTimeline             *self,
                           const GrTimelineFilter *filter,
                           GrTimelineDay           since)
{
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (self != NULL, out);

  for (guint i = 0; i < self->orders->len; i++)
    {
      GrTimelineOrder *o = self->orders->pdata[i];

      if (o->date > self->as_of || !order_place_matches (o, filter))
        continue;
      if (o->completed == GR_DAY_NONE || (since != GR_DAY_NONE && o->completed >= since))
        g_ptr_array_add (out, o);
    }
  g_ptr_array_sort (out, compare_orders);
  return out;
}
