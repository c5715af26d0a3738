/* gr-planner.c: propose a year's rotation plan
 *
 * How it works, per series of the projection (a plan, or an enterprise
 * for enterprise scope):
 *
 *  1. What to rotate. Every lot with a balance whose limit (gr-rotation-
 *     private.h: storage years without delay, shelf life) demands it in
 *     the year is required (a), with its deadline, the month before its
 *     limit month (January when it is already past). Then, in the order
 *     of (b) (not 宜存 first, worse first, then the oldest entry, then id),
 *     lots that are not 宜存 are wanted whole, and where the profile asks
 *     for balanced rotation (c) lots are added until the plan's share
 *     reaches the middle of its band, the last one in part if a whole lot
 *     would pass the band's top.
 *
 *  2. When. Required lots, earliest deadline first, go as late as they
 *     may (a lot is used up to its limit and the rotations spread over
 *     the year as the lots' ages do); wanted lots then go as early as they
 *     may, in the order of (b). Each month offers the room the minimum
 *     leaves (d): the checked stock less the minimum, in the months an
 *     item lowers it. A lot that does not fit goes in tranches, in whole
 *     tonnes, over several months. Shapes (e): a dynamic plan rotates in
 *     the month before it rotates out (the same month in January); a lot
 *     under the vacancy rule comes back the month after (or within the
 *     month where the room asks for it), never beyond its limit; others
 *     rotate within the month. With the full-month rule (f) one month end
 *     of each plan at 100 % is kept free of dips.
 *
 *  3. What is wrong. A required lot that finds no room still goes out by
 *     its deadline, where it lowers the stock least: the plan is then
 *     infeasible, and the problems are read off the final projection.
 *
 * The store is read once (gr-projection.c: plans, lots and their balances
 * at the start of the year); nothing is read again per candidate.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-planner"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-error.h"
#include "gr-format.h"
#include "gr-json-writer.h"
#include "gr-labels.h"
#include "gr-planner.h"
#include "gr-projection-private.h"
#include "gr-rules-private.h"

typedef enum {
  WHY_AGE,           /* its storage years end within the year */
  WHY_SHELF,         /* its shelf life ends within the year */
  WHY_EARLY_NEXT,    /* its limit falls early next year, within its vacancy */
  WHY_OVERDUE,       /* already past its limit */
  WHY_QUALITY,       /* not 宜存 */
  WHY_BALANCE,       /* balanced rotation */
} Why;

typedef struct {
  GrProjLot   *lot;
  GrProjPlan  *plan;
  guint        plan_index;
  gint64       quantity;      /* to rotate out in the year */
  int          deadline;      /* the last out month (month index) */
  gboolean     required;
  Why          why;
  GrLotLimits  limits;
  int          vacancy;       /* months, or -1 */
  gboolean     dynamic;
  guint        first_item;    /* its items in the planner's list */
  guint        n_items;
} Want;

typedef struct {
  GrProjection *p;
  GrProfile    *profile;
  int           year;
  int           first;        /* month index of January */
  int           last;         /* … of December */
  gint64       *stock;        /* series × 12: the checked stock under the items so far */
  gint64       *need;         /* series × 12: the stock the minimum asks for; -1 unchecked */
  gint64       *opening;      /* series × 12: the checked stock with no items */
  gint64       *plan_end;     /* plans × 12: month-end stock of each plan */
  int          *full_month;   /* plans: the month kept at 100 % (0–11), or -1 */
  gint64       *full_need;    /* plans: the stock 100 % asks for */
  GPtrArray    *wants;        /* Want */
  GPtrArray    *items;        /* GrPlannerItem */
} Planner;

static void
planner_item_free (GrPlannerItem *item)
{
  gr_rotation_item_free (item->item);
  g_free (item);
}

static void
problem_free (GrPlannerProblem *problem)
{
  g_free (problem->constraint);
  g_free (problem->enterprise);
  g_free (problem->plan);
  g_free (problem->text);
  g_free (problem);
}

void
gr_planner_result_free (GrPlannerResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  g_clear_pointer (&result->items, g_ptr_array_unref);
  g_clear_pointer (&result->projection, g_array_unref);
  g_clear_pointer (&result->labels, g_hash_table_unref);
  g_free (result->profile);
  g_free (result);
}

/* ---- 1. What to rotate -------------------------------------------------- */

/* (b): not 宜存 first (the worse first), then the oldest, then by id. */
static int
compare_priority (const GrProjLot *x,
                  const GrProjLot *y)
{
  int c;

  if (x->storage_quality != y->storage_quality)
    return y->storage_quality - x->storage_quality;
  if ((c = g_strcmp0 (x->facts.entered_on, y->facts.entered_on)) != 0)
    return c;
  if (x->harvest_year != y->harvest_year)
    return x->harvest_year < y->harvest_year ? -1 : 1;
  return strcmp (x->id, y->id);
}

static int
compare_lot_priority (gconstpointer a,
                      gconstpointer b)
{
  return compare_priority (*(GrProjLot * const *) a, *(GrProjLot * const *) b);
}

static Want *
want_new (Planner   *pl,
          GrProjLot *lot)
{
  Want *w = g_new0 (Want, 1);

  w->lot = lot;
  w->plan_index = lot->plan;
  w->plan = &g_array_index (pl->p->plans, GrProjPlan, lot->plan);
  w->deadline = pl->last;
  gr_rotation_lot_limits (pl->profile, &lot->facts, &w->limits);
  w->vacancy = gr_rotation_vacancy_months (pl->profile, w->plan->klass, w->plan->mode, FALSE);
  w->dynamic = gr_rotation_mode_is_dynamic (w->plan->mode);
  return w;
}

/* The lots of one plan (indexes [begin, end) of the projection's lots,
 * which are sorted by plan). */
static void
choose_for_plan (Planner *pl,
                 guint    plan_index,
                 guint    begin,
                 guint    end)
{
  GrProjPlan *plan = &g_array_index (pl->p->plans, GrProjPlan, plan_index);
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  const GrBalanceBand *band = NULL;
  gboolean packaged = FALSE, bulk = FALSE;
  gint64 total = 0, aim = 0, top = 0;
  int next_january = pl->last + 1;

  for (guint i = begin; i < end; i++)
    {
      GrProjLot *lot = pl->p->lots->pdata[i];
      Want *w;
      int limit;

      if (lot->opening_kg <= 0)
        continue;
      *(lot->facts.packaged ? &packaged : &bulk) = TRUE;
      w = want_new (pl, lot);
      limit = gr_rotation_limit_month (&w->limits);
      /* (a) due by the end of the year; or early next year, within the
       * vacancy a static rotation takes (its vacancy then runs across the
       * year end rather than against its limit). */
      if (limit <= next_january || (w->vacancy > 0 && limit <= next_january + w->vacancy))
        {
          w->required = TRUE;
          w->quantity = lot->opening_kg;
          w->deadline = CLAMP (limit - 1, pl->first, pl->last);
          if (limit - 1 < pl->first)
            w->why = WHY_OVERDUE;
          else if (limit > next_january)
            w->why = WHY_EARLY_NEXT;
          else
            w->why = w->limits.shelf_month < w->limits.age_month ? WHY_SHELF : WHY_AGE;
          total += w->quantity;
          g_ptr_array_add (pl->wants, w);
        }
      else
        {
          g_free (w);
          g_ptr_array_add (others, lot);
        }
    }

  /* (c) Nanchang 第三十六条: aim at the middle of the band, never past its
   * top; a plan is bulk or packaged by its lots. */
  if (plan->quantity_kg > 0 && (packaged || bulk))
    band = gr_profile_balance_band (pl->profile, plan->klass, packaged && !bulk);
  if (band != NULL)
    {
      aim = plan->quantity_kg * (band->min_percent + band->max_percent) / 200;
      top = plan->quantity_kg * band->max_percent / 100;
    }

  g_ptr_array_sort (others, compare_lot_priority);
  for (guint i = 0; i < others->len; i++)
    {
      GrProjLot *lot = others->pdata[i];
      gint64 quantity = lot->opening_kg;
      Want *w;

      if (band != NULL)
        {
          if (total >= aim)
            break;
          quantity = MIN (quantity, top - total);
          if (quantity <= 0)
            break;
        }
      else if (lot->storage_quality == 0)
        break;
      w = want_new (pl, lot);
      w->quantity = quantity;
      w->why = lot->storage_quality > 0 ? WHY_QUALITY : WHY_BALANCE;
      total += quantity;
      g_ptr_array_add (pl->wants, w);
    }
}

/* ---- 2. When ------------------------------------------------------------ */

static gboolean
plan_active (Planner          *pl,
             const GrProjPlan *plan,
             int               m)
{
  guint mask = pl->p->any_time ? plan->active_any : plan->active_end;

  return (mask & (1u << m)) != 0;
}

/* The change a rotation of q out in o and in in i makes to the checked
 * stock of month m (0–11), and to the month-end stock (DESIGN.md §7). */
static gint64
checked_delta (Planner *pl,
               int      o,
               int      i,
               int      m)
{
  int month = pl->first + m;
  gint64 d = 0;

  if (o <= month)
    d -= 1;
  if (pl->p->any_time ? i < month : i <= month)
    d += 1;
  return d;
}

static gint64
end_delta (Planner *pl,
           int      o,
           int      i,
           int      m)
{
  int month = pl->first + m;

  return (o <= month ? -1 : 0) + (i <= month ? 1 : 0);
}

/* How much of the lot can go out in o and come in in i without taking a
 * checked month below the minimum or the plan's kept month below 100 %;
 * may be negative where the minimum is already not met. G_MAXINT64 when
 * the rotation lowers nothing. */
static gint64
room (Planner    *pl,
      const Want *w,
      int         o,
      int         i)
{
  const GrProjPlan *plan = w->plan;
  guint s = plan->series;
  gint64 best = G_MAXINT64;

  for (int m = 0; m < 12; m++)
    {
      if (checked_delta (pl, o, i, m) >= 0 || pl->need[s * 12 + m] < 0)
        continue;
      if (pl->p->enterprise_scope && !plan_active (pl, plan, m))
        continue;
      best = MIN (best, pl->stock[s * 12 + m] - pl->need[s * 12 + m]);
    }
  if (pl->full_month[w->plan_index] >= 0)
    {
      int m = pl->full_month[w->plan_index];

      if (end_delta (pl, o, i, m) < 0)
        best = MIN (best, pl->plan_end[w->plan_index * 12 + m] - pl->full_need[w->plan_index]);
    }
  return best;
}

static void
apply (Planner    *pl,
       const Want *w,
       int         o,
       int         i,
       gint64      q)
{
  const GrProjPlan *plan = w->plan;
  guint s = plan->series;

  for (int m = 0; m < 12; m++)
    {
      if (!pl->p->enterprise_scope || plan_active (pl, plan, m))
        pl->stock[s * 12 + m] += q * checked_delta (pl, o, i, m);
      pl->plan_end[w->plan_index * 12 + m] += q * end_delta (pl, o, i, m);
    }
}

/* The in months a rotation out in o may take, the preferred first. */
static guint
shapes (Planner    *pl,
        const Want *w,
        int         o,
        int         in[2])
{
  if (w->dynamic)
    {
      /* 先入后出: in the month before, or within January. */
      in[0] = o > pl->first ? o - 1 : o;
      return 1;
    }
  if (w->vacancy > 0)
    {
      /* Back the month after; within the month when room is short. */
      in[0] = o + 1;
      in[1] = o;
      return 2;
    }
  in[0] = o;
  return 1;
}

static void
add_item (Planner *pl,
          Want    *w,
          int      o,
          int      i,
          gint64   q)
{
  GrPlannerItem *item;

  /* The same rotation again: one item. */
  for (guint k = 0; k < w->n_items; k++)
    {
      GrRotationItem *same = ((GrPlannerItem *) pl->items->pdata[w->first_item + k])->item;

      if (same->out_month == o && same->in_month == i)
        {
          same->quantity_kg += q;
          apply (pl, w, o, i, q);
          return;
        }
    }

  item = g_new0 (GrPlannerItem, 1);
  item->item = gr_rotation_item_new (w->lot->id, q, o, i, NULL);
  item->enterprise = w->plan->enterprise;
  item->plan = w->plan->id;
  item->required = w->required;
  if (w->n_items == 0)
    w->first_item = pl->items->len;
  w->n_items++;
  g_ptr_array_add (pl->items, item);
  apply (pl, w, o, i, q);
}

/* Tranches in whole tonnes, the last one whatever is left. */
static gint64
tranche (gint64 left,
         gint64 space)
{
  if (left <= space)
    return left;
  return space > 0 ? space / 1000 * 1000 : 0;
}

/* Places what the room allows, months in the order given: the whole of
 * it in the first month that takes it whole, else in tranches; returns
 * what is left. */
static gint64
place (Planner *pl,
       Want    *w,
       gint64   left,
       gboolean latest_first)
{
  for (int k = 0; left > 0 && k <= w->deadline - pl->first; k++)
    {
      int o = latest_first ? w->deadline - k : pl->first + k;
      int in[2];
      guint n = shapes (pl, w, o, in);

      for (guint s = 0; s < n; s++)
        if (room (pl, w, o, in[s]) >= left)
          {
            add_item (pl, w, o, in[s], left);
            return 0;
          }
    }

  /* The minimum does not allow it at once: tranches. */
  for (int k = 0; left > 0 && k <= w->deadline - pl->first; k++)
    {
      int o = latest_first ? w->deadline - k : pl->first + k;
      int in[2];
      guint n = shapes (pl, w, o, in);
      gint64 best_q = 0;
      int best_in = in[0];

      /* The shape that takes the most; the preferred one on a tie. */
      for (guint s = 0; s < n; s++)
        {
          gint64 q = tranche (left, room (pl, w, o, in[s]));

          if (q > best_q)
            {
              best_q = q;
              best_in = in[s];
            }
        }
      if (best_q > 0)
        {
          add_item (pl, w, o, best_in, best_q);
          left -= best_q;
        }
    }
  return left;
}

/* A required lot the room cannot take: it still goes out by its deadline
 * (a). What is left is spread, in equal parts, each where the room is
 * largest (the least dip; a shorter vacancy, then a later month on a
 * tie), so the lowest month is as high as it can be. */
static void
force (Planner *pl,
       Want    *w,
       gint64   left)
{
  int months = w->deadline - pl->first + 1;
  gint64 part = (left + months - 1) / months;

  part = MAX ((part + 999) / 1000 * 1000, 1000);
  while (left > 0)
    {
      gint64 q = MIN (part, left);
      int best_o = w->deadline, best_in = w->deadline;
      gint64 best = G_MININT64;

      for (int o = w->deadline; o >= pl->first; o--)
        {
          int in[2];
          guint n = shapes (pl, w, o, in);

          for (guint s = 0; s < n; s++)
            {
              gint64 r = room (pl, w, o, in[s]);

              if (r > best || (r == best && in[s] - o < best_in - best_o))
                {
                  best = r;
                  best_o = o;
                  best_in = in[s];
                }
            }
        }
      add_item (pl, w, best_o, best_in, q);
      left -= q;
    }
}

static int
compare_required (gconstpointer a,
                  gconstpointer b)
{
  const Want *x = *(Want * const *) a, *y = *(Want * const *) b;

  if (x->deadline != y->deadline)
    return x->deadline < y->deadline ? -1 : 1;
  return compare_priority (x->lot, y->lot);
}

static int
compare_wanted (gconstpointer a,
                gconstpointer b)
{
  return compare_priority ((*(Want * const *) a)->lot, (*(Want * const *) b)->lot);
}

static void
schedule (Planner *pl)
{
  g_autoptr(GPtrArray) required = g_ptr_array_new ();
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();

  for (guint i = 0; i < pl->wants->len; i++)
    {
      Want *w = pl->wants->pdata[i];

      g_ptr_array_add (w->required ? required : wanted, w);
    }
  g_ptr_array_sort (required, compare_required);
  g_ptr_array_sort (wanted, compare_wanted);

  for (guint i = 0; i < required->len; i++)
    {
      Want *w = required->pdata[i];
      gint64 left = place (pl, w, w->quantity, TRUE);

      if (left > 0)
        force (pl, w, left);
    }
  for (guint i = 0; i < wanted->len; i++)
    {
      Want *w = wanted->pdata[i];

      w->quantity -= place (pl, w, w->quantity, FALSE);
    }
}

/* The starting point: the checked stock and the minimum of each series
 * month, each plan's month ends, and the month kept at 100 % (f): the
 * last active month end already there. */
static void
start (Planner *pl)
{
  const GrRuleParams *full = gr_profile_get_rule (pl->profile, GR_RULE_STOCK_FULL_MONTH);
  g_autoptr(GArray) months = gr_projection_run (pl->p, NULL);
  guint n_plans = pl->p->plans->len;

  pl->stock = g_new0 (gint64, months->len + 1);
  pl->need = g_new0 (gint64, months->len + 1);
  pl->opening = g_new0 (gint64, months->len + 1);
  for (guint i = 0; i < months->len; i++)
    {
      const GrProjectionMonth *m = &g_array_index (months, GrProjectionMonth, i);

      pl->stock[i] = pl->opening[i] = m->stock_kg;
      pl->need[i] = m->checked ? (m->required_kg100 + 99) / 100 : -1;
    }

  pl->plan_end = g_new0 (gint64, n_plans * 12 + 1);
  pl->full_month = g_new0 (int, n_plans + 1);
  pl->full_need = g_new0 (gint64, n_plans + 1);
  for (guint k = 0; k < n_plans; k++)
    {
      const GrProjPlan *plan = &g_array_index (pl->p->plans, GrProjPlan, k);

      pl->full_month[k] = -1;
      for (int m = 0; m < 12; m++)
        pl->plan_end[k * 12 + m] = plan->opening_kg;
      if (full == NULL)
        continue;
      pl->full_need[k] = (plan->quantity_kg * full->percent[0] + 99) / 100;
      for (int m = 11; m >= 0; m--)
        if ((plan->active_end & (1u << m)) && plan->opening_kg >= pl->full_need[k])
          {
            pl->full_month[k] = m;
            break;
          }
    }
}

/* ---- Reasons ------------------------------------------------------------ */

static char *
reason_for (Planner    *pl,
            const Want *w)
{
  g_autofree char *limit = NULL;

  switch (w->why)
    {
    case WHY_AGE:
      limit = gr_month_index_to_iso (w->limits.age_month - 1);
      /* TRANSLATORS: planner reason: limit in years, last month → "储存年限 3 年，至 2027-09 届满" */
      return g_strdup_printf (_("its %d-year storage limit ends in %s"), w->limits.age_years, limit);
    case WHY_SHELF:
      /* TRANSLATORS: planner reason: expiry date → "保质期至 2027-05-02" */
      return g_strdup_printf (_("its shelf life ends on %s"), w->limits.expiry);
    case WHY_EARLY_NEXT:
      limit = gr_month_index_to_iso (gr_rotation_limit_month (&w->limits) - 1);
      /* TRANSLATORS: planner reason: last month → "储存期限至 2028-02 届满，今年轮换，架空期跨年而不跨期限" */
      return g_strdup_printf (_("its limit ends in %s, early next year: rotated this year so its vacancy runs across the year end"),
                              limit);
    case WHY_OVERDUE:
      limit = gr_month_index_to_iso (gr_rotation_limit_month (&w->limits) - 1);
      /* TRANSLATORS: planner reason: last month → "已于 2026-09 超过储存期限，立即轮换" */
      return g_strdup_printf (_("past its limit since the end of %s: rotate at once"), limit);
    case WHY_QUALITY:
      /* TRANSLATORS: planner reason: the storage quality → "储存品质：轻度不宜存" */
      return g_strdup_printf (_("storage quality: %s"),
                              gr_storage_quality_label (w->lot->storage_quality == 2 ? "severely_unsuitable"
                                                                                     : "slightly_unsuitable"));
    case WHY_BALANCE:
    default:
      {
        const GrRotationBalance *balance = gr_profile_get_rotation_balance (pl->profile);

        /* TRANSLATORS: planner reason: the document and article → "均衡轮换，先轮换最早入库的（南昌… 第三十六条）" */
        return g_strdup_printf (_("balanced rotation, the oldest first (%s %s)"),
                                balance ? balance->document : "", balance ? balance->article : "");
      }
    }
}

static void
write_reasons (Planner *pl)
{
  for (guint i = 0; i < pl->wants->len; i++)
    {
      Want *w = pl->wants->pdata[i];
      g_autofree char *reason = NULL;

      if (w->n_items == 0)
        continue;
      reason = reason_for (pl, w);
      for (guint k = 0; k < w->n_items; k++)
        {
          GrPlannerItem *item = pl->items->pdata[w->first_item + k];
          GString *text = g_string_new (reason);

          if (w->n_items > 1)
            /* TRANSLATORS: appended to a reason: tranche number, count → "；分批轮换 2/3" */
            g_string_append_printf (text, _("; tranche %u of %u"), k + 1, w->n_items);
          if (item->item->in_month < item->item->out_month)
            /* TRANSLATORS: appended to a reason → "；先入后出" */
            g_string_append (text, _("; rotated in first"));
          item->item->reason = g_string_free (text, FALSE);
        }
    }
}

/* ---- 3. What is wrong --------------------------------------------------- */

static void
add_problem (GrPlannerResult *result,
             const char      *constraint,
             const char      *enterprise,
             const char      *plan,
             char            *text)
{
  GrPlannerProblem *problem = g_new0 (GrPlannerProblem, 1);

  problem->constraint = g_strdup (constraint);
  problem->enterprise = g_strdup (enterprise);
  problem->plan = g_strdup (plan);
  problem->text = text;
  g_ptr_array_add (result->problems, problem);
}

static const char *
label (GrPlannerResult *result,
       const char      *id)
{
  const char *text = id != NULL ? g_hash_table_lookup (result->labels, id) : NULL;

  return text != NULL ? text : id;
}

static void
find_problems (Planner         *pl,
               GrPlannerResult *result)
{
  const GrRuleParams *min = gr_profile_get_rule (pl->profile, GR_RULE_STOCK_MIN_RATIO);
  const GrRuleParams *full = gr_profile_get_rule (pl->profile, GR_RULE_STOCK_FULL_MONTH);
  const GrRotationBalance *balance = gr_profile_get_rotation_balance (pl->profile);
  GrProjection *p = pl->p;
  g_autofree gint64 *per_plan_end = NULL;

  /* (a) holds by construction: a required lot that finds no room still
   * goes out by its deadline (its dip shows under (d)), and a lot already
   * past its limit when the year starts goes out in January, the
   * earliest the year allows (its limit ended before the year: the rules
   * report it for its own year; the item's reason says so). */

  /* Per plan, in one pass each: its lots' packaging, what the items
   * rotate (and of it what (a) forces), its month ends under them. */
  {
    guint n = p->plans->len;
    g_autoptr(GHashTable) index = g_hash_table_new (NULL, NULL);
    g_autofree gint64 *rotated = g_new0 (gint64, n + 1);
    g_autofree gint64 *forced = g_new0 (gint64, n + 1);
    g_autofree guint *packaging = g_new0 (guint, n + 1);   /* bit 0 bulk, bit 1 packaged */

    per_plan_end = g_new0 (gint64, n * 12 + 1);
    for (guint k = 0; k < n; k++)
      g_hash_table_insert (index, (gpointer) g_array_index (p->plans, GrProjPlan, k).id, GUINT_TO_POINTER (k + 1));
    for (guint l = 0; l < p->lots->len; l++)
      {
        GrProjLot *lot = p->lots->pdata[l];

        if (lot->opening_kg > 0)
          packaging[lot->plan] |= lot->facts.packaged ? 2 : 1;
      }
    for (guint i = 0; i < pl->items->len; i++)
      {
        GrPlannerItem *item = pl->items->pdata[i];
        guint k = GPOINTER_TO_UINT (g_hash_table_lookup (index, item->plan)) - 1;

        rotated[k] += item->item->quantity_kg;
        if (item->required)
          forced[k] += item->item->quantity_kg;
        for (int m = 0; m < 12; m++)
          per_plan_end[k * 12 + m] += item->item->quantity_kg * end_delta (pl, item->item->out_month, item->item->in_month, m);
      }

    /* (c) balanced rotation, where the room did not allow the band. */
    for (guint k = 0; balance != NULL && k < n; k++)
      {
        const GrProjPlan *plan = &g_array_index (p->plans, GrProjPlan, k);
        const GrBalanceBand *band = NULL;
        g_autofree char *share = NULL;

        if (plan->quantity_kg > 0 && packaging[k] != 0)
          band = gr_profile_balance_band (pl->profile, plan->klass, packaging[k] == 2);
        if (band == NULL)
          continue;
        if (rotated[k] * 100 >= plan->quantity_kg * band->min_percent &&
            (rotated[k] * 100 <= plan->quantity_kg * band->max_percent || rotated[k] <= forced[k]))
          continue;
        share = gr_rules_format_ratio (rotated[k], plan->quantity_kg);
        /* TRANSLATORS: plan, share, year, band, document, article →
         * "区储备粮公司 中晚籼稻 计划 3,000 吨 在 2027 年只能轮换 10%，不足均衡轮换每年 25%–45% 的要求（… 第三十六条）" */
        add_problem (result, "c", plan->enterprise, plan->id,
                     g_strdup_printf (_("%s can rotate only %s of its quantity in %d within the minimum; balanced rotation asks for %d%%–%d%% (%s %s)"),
                                      label (result, plan->id), share, pl->year, band->min_percent, band->max_percent,
                                      balance->document, balance->article));
      }
  }

  /* (d) the minimum, one problem per series at its lowest month. */
  for (guint s = 0; min != NULL && s < p->series->len; s++)
    {
      const GrProjectionMonth *lowest = NULL;
      g_autofree char *when = NULL, *ratio = NULL, *required = NULL, *stock = NULL, *before = NULL;
      const char *name;
      int at = 0;
      GString *text = g_string_new (NULL);

      for (int m = 0; m < 12; m++)
        {
          const GrProjectionMonth *month = &g_array_index (result->projection, GrProjectionMonth, s * 12 + m);

          if (month->below &&
              (lowest == NULL ||
               month->stock_kg * 100 * MAX (lowest->required_kg100, 1) <
               lowest->stock_kg * 100 * MAX (month->required_kg100, 1)))
            {
              lowest = month;
              at = m;
            }
        }
      if (lowest == NULL)
        {
          g_string_free (text, TRUE);
          continue;
        }
      when = gr_month_index_to_iso (lowest->month);
      ratio = gr_rules_format_ratio (lowest->stock_kg, lowest->plan_kg);
      required = gr_rules_format_ratio (lowest->required_kg100, lowest->plan_kg * 100);
      stock = gr_format_tonnes (lowest->stock_kg);
      name = label (result, lowest->plan != NULL ? lowest->plan : lowest->enterprise);
      if (lowest->plan == NULL)
        /* TRANSLATORS: enterprise, month, stock, ratio, minimum →
         * "清远市储备粮管理有限公司：2027-03 预计库存 150,000 吨，为储备规模的 65%，低于 70%" */
        g_string_append_printf (text, _("%s: the projected stock in %s is %s, %s of its reserve scale, below %s"),
                                name, when, stock, ratio, required);
      else
        /* TRANSLATORS: plan, month, stock, ratio, minimum →
         * "区储备粮公司 中晚籼稻 计划 3,000 吨：2027-03 预计库存 1,950 吨，为计划的 65%，低于 70%" */
        g_string_append_printf (text, _("%s: the projected stock in %s is %s, %s of the plan, below %s"),
                                name, when, stock, ratio, required);
      if (pl->opening[s * 12 + at] < pl->need[s * 12 + at])
        {
          before = gr_rules_format_ratio (pl->opening[s * 12 + at], lowest->plan_kg);
          /* TRANSLATORS: appended to a problem: the ratio with no rotation →
           * "；不轮换也只有 65%，而到期的批次必须轮出" */
          g_string_append_printf (text, _("; it holds only %s with no rotation at all, and the lots past or at their limit must still go out"),
                                  before);
        }
      g_string_append_printf (text, " (%s %s)", min->document, min->article);
      add_problem (result, "d", lowest->enterprise, lowest->plan, g_string_free (text, FALSE));
    }

  /* (f) a month end at 100 % per plan. */
  for (guint k = 0; full != NULL && k < p->plans->len; k++)
    {
      const GrProjPlan *plan = &g_array_index (p->plans, GrProjPlan, k);
      gboolean any = FALSE, reached = FALSE;
      gint64 best = G_MININT64;
      g_autofree char *ratio = NULL;

      for (int m = 0; m < 12; m++)
        if (plan->active_end & (1u << m))
          {
            gint64 value = plan->opening_kg + per_plan_end[k * 12 + m];

            any = TRUE;
            best = MAX (best, value);
            if (value * 100 >= plan->quantity_kg * full->percent[0])
              reached = TRUE;
          }
      if (!any || reached)
        continue;
      ratio = gr_rules_format_ratio (best, plan->quantity_kg);
      /* TRANSLATORS: plan, percent, year, highest ratio, document, article →
       * "市储备粮公司 大米 计划 2,000 吨 在 2027 年没有一个月末达到 100%（最高 95%；… 第十七条）" */
      add_problem (result, "f", plan->enterprise, plan->id,
                   g_strdup_printf (_("%s has no month end at %d%% in %d (at most %s; %s %s)"),
                                    label (result, plan->id), full->percent[0], pl->year, ratio,
                                    full->document, full->article));
    }
}

/* ---- Labels ------------------------------------------------------------- */

static gboolean
read_labels (GrStore      *store,
             GrProjection *p,
             GHashTable   *labels,
             GError      **error)
{
  g_autoptr(sqlite3_stmt) lots = gr_store_prepare (store,
    "SELECT l.id, d.name, b.code, l.variety FROM lots l LEFT JOIN bins b ON b.id = l.bin"
    "  LEFT JOIN depots d ON d.id = b.depot WHERE l.deleted = 0", error);
  g_autoptr(sqlite3_stmt) enterprises = NULL;
  int rc;

  if (lots == NULL)
    return FALSE;
  while ((rc = sqlite3_step (lots)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (lots, 0);
      const char *depot = (const char *) sqlite3_column_text (lots, 1);
      const char *bin = (const char *) sqlite3_column_text (lots, 2);
      const char *variety = (const char *) sqlite3_column_text (lots, 3);

      if (!g_hash_table_contains (p->lot_by_id, id))
        continue;
      /* TRANSLATORS: a lot named by where it is and what it holds:
       * depot, bin code, variety → "城南库 P01仓 中晚籼稻" */
      g_hash_table_insert (labels, g_strdup (id),
                           g_strdup_printf (_("%s bin %s %s"), depot ? depot : "?", bin ? bin : "?",
                                            variety ? gr_variety_name (variety) : "?"));
    }
  if (rc != SQLITE_DONE)
    {
      gr_store_set_error (store, error, _("Could not read the lots"));
      return FALSE;
    }

  enterprises = gr_store_prepare (store, "SELECT id, name FROM enterprises WHERE deleted = 0", error);
  if (enterprises == NULL)
    return FALSE;
  while (sqlite3_step (enterprises) == SQLITE_ROW)
    g_hash_table_insert (labels, g_strdup ((const char *) sqlite3_column_text (enterprises, 0)),
                         g_strdup ((const char *) sqlite3_column_text (enterprises, 1)));

  for (guint i = 0; i < p->plans->len; i++)
    {
      const GrProjPlan *plan = &g_array_index (p->plans, GrProjPlan, i);
      const char *enterprise = g_hash_table_lookup (labels, plan->enterprise);
      g_autofree char *quantity = gr_format_tonnes (plan->quantity_kg);

      /* TRANSLATORS: a storage plan: enterprise, variety, quantity →
       * "市储备粮公司 中晚籼稻 计划 10,000 吨" */
      g_hash_table_insert (labels, g_strdup (plan->id),
                           g_strdup_printf (_("%s %s plan of %s"), enterprise ? enterprise : plan->enterprise,
                                            gr_variety_name (plan->variety), quantity));
    }
  return TRUE;
}

/* ---- Proposing ---------------------------------------------------------- */

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const GrPlannerItem *x = *(GrPlannerItem * const *) a, *y = *(GrPlannerItem * const *) b;
  int c = strcmp (x->enterprise, y->enterprise);

  if (c != 0)
    return c;
  if (x->item->out_month != y->item->out_month)
    return x->item->out_month < y->item->out_month ? -1 : 1;
  if ((c = strcmp (x->item->lot, y->item->lot)) != 0)
    return c;
  return x->item->in_month - y->item->in_month;
}

GrPlannerResult *
gr_planner_propose (GrStore     *store,
                    GrProfile   *profile,
                    int          year,
                    const char  *enterprise,
                    GError     **error)
{
  g_autoptr(GrProjection) projection = NULL;
  g_autoptr(GrPlannerResult) result = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GPtrArray) items = NULL;
  Planner pl = { 0 };
  guint begin = 0;

  g_return_val_if_fail (GR_IS_STORE (store), NULL);
  g_return_val_if_fail (profile != NULL, NULL);

  if ((projection = gr_projection_new (store, profile, year, enterprise, error)) == NULL)
    return NULL;
  g_debug ("loaded %u plans and %u lots in %.3f s", projection->plans->len, projection->lots->len,
           g_timer_elapsed (timer, NULL));

  result = g_new0 (GrPlannerResult, 1);
  result->year = year;
  result->profile = g_strdup (gr_profile_get_id (profile));
  result->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  result->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!read_labels (store, projection, result->labels, error))
    return NULL;

  pl.p = projection;
  pl.profile = profile;
  pl.year = year;
  pl.first = GR_MONTH_INDEX (year, 1);
  pl.last = GR_MONTH_INDEX (year, 12);
  pl.wants = g_ptr_array_new_with_free_func (g_free);
  pl.items = g_ptr_array_new_with_free_func ((GDestroyNotify) planner_item_free);
  start (&pl);

  /* The projection's lots are sorted by plan. */
  for (guint i = 0; i <= projection->lots->len; i++)
    if (i == projection->lots->len ||
        ((GrProjLot *) projection->lots->pdata[i])->plan != ((GrProjLot *) projection->lots->pdata[begin])->plan)
      {
        if (i > begin)
          choose_for_plan (&pl, ((GrProjLot *) projection->lots->pdata[begin])->plan, begin, i);
        begin = i;
      }
  schedule (&pl);
  write_reasons (&pl);

  /* The projection and the problems of the proposal as it stands. */
  items = g_ptr_array_new ();
  for (guint i = 0; i < pl.items->len; i++)
    g_ptr_array_add (items, ((GrPlannerItem *) pl.items->pdata[i])->item);
  result->projection = gr_projection_run (projection, items);
  find_problems (&pl, result);
  result->feasible = result->problems->len == 0;

  g_ptr_array_sort (pl.items, compare_items);
  result->items = g_steal_pointer (&pl.items);
  g_ptr_array_unref (pl.wants);
  g_free (pl.stock);
  g_free (pl.need);
  g_free (pl.opening);
  g_free (pl.plan_end);
  g_free (pl.full_month);
  g_free (pl.full_need);

  result->seconds = g_timer_elapsed (timer, NULL);
  g_debug ("proposed %u items for %d in %.3f s", result->items->len, year, result->seconds);
  return g_steal_pointer (&result);
}

/* ---- The proposal as a plan --------------------------------------------- */

GrRotationPlan *
gr_planner_result_to_plan (const GrPlannerResult *result,
                           const char            *enterprise)
{
  GrRotationPlan *plan;

  g_return_val_if_fail (result != NULL && enterprise != NULL, NULL);

  plan = gr_rotation_plan_new (enterprise, result->year);
  for (guint i = 0; i < result->items->len; i++)
    {
      const GrPlannerItem *item = result->items->pdata[i];

      if (g_strcmp0 (item->enterprise, enterprise) == 0)
        gr_rotation_plan_add_item (plan, gr_rotation_item_copy (item->item));
    }
  return plan;
}

gboolean
gr_planner_result_save (GrStore               *store,
                        GrProfile             *profile,
                        const GrPlannerResult *result,
                        const char            *by,
                        GError               **error)
{
  g_autoptr(GPtrArray) enterprises = g_ptr_array_new ();

  g_return_val_if_fail (GR_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile != NULL && result != NULL, FALSE);

  /* Items are sorted by enterprise. */
  for (guint i = 0; i < result->items->len; i++)
    {
      const GrPlannerItem *item = result->items->pdata[i];

      if (enterprises->len == 0 || g_ptr_array_index (enterprises, enterprises->len - 1) != item->enterprise)
        g_ptr_array_add (enterprises, (gpointer) item->enterprise);
    }

  if (!gr_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < enterprises->len; i++)
    {
      g_autoptr(GrRotationPlan) plan = gr_planner_result_to_plan (result, enterprises->pdata[i]);

      if (!gr_rotation_plan_save_locked (store, profile, plan, by, error))
        {
          gr_store_rollback (store);
          return FALSE;
        }
    }
  if (!gr_store_commit (store, error))
    {
      gr_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/* ---- Output ------------------------------------------------------------- */

static void
append_nullable (GString    *out,
                 const char *text)
{
  if (text != NULL)
    gr_json_append_string (out, text);
  else
    g_string_append (out, "null");
}

char *
gr_planner_result_to_json (const GrPlannerResult *result,
                           gboolean               pretty)
{
  GString *out = g_string_new (NULL);
  const char *sep = pretty ? ",\n    " : ", ";
  const char *open = pretty ? "[\n    " : "[";
  const char *close = pretty ? "\n  ]" : "]";

  g_return_val_if_fail (result != NULL, NULL);

  g_string_append_printf (out, pretty ? "{\n  \"year\": %d,\n  \"feasible\": %s,\n  \"problems\": "
                                      : "{\"year\": %d, \"feasible\": %s, \"problems\": ",
                          result->year, result->feasible ? "true" : "false");
  g_string_append (out, result->problems->len ? open : "[");
  for (guint i = 0; i < result->problems->len; i++)
    {
      const GrPlannerProblem *problem = result->problems->pdata[i];

      if (i > 0)
        g_string_append (out, sep);
      g_string_append (out, "{\"constraint\": ");
      gr_json_append_string (out, problem->constraint);
      g_string_append (out, ", \"enterprise\": ");
      append_nullable (out, problem->enterprise);
      g_string_append (out, ", \"plan\": ");
      append_nullable (out, problem->plan);
      g_string_append (out, ", \"text\": ");
      gr_json_append_string (out, problem->text);
      g_string_append_c (out, '}');
    }
  g_string_append (out, result->problems->len ? close : "]");

  g_string_append (out, pretty ? ",\n  \"items\": " : ", \"items\": ");
  g_string_append (out, result->items->len ? open : "[");
  for (guint i = 0; i < result->items->len; i++)
    {
      const GrRotationItem *item = ((GrPlannerItem *) result->items->pdata[i])->item;
      g_autofree char *quantity = gr_kg_to_tonnes_string (item->quantity_kg);
      g_autofree char *out_month = gr_month_index_to_iso (item->out_month);
      g_autofree char *in_month = gr_month_index_to_iso (item->in_month);

      if (i > 0)
        g_string_append (out, sep);
      g_string_append (out, "{\"lot\": ");
      gr_json_append_string (out, item->lot);
      g_string_append_printf (out, ", \"quantity_t\": %s, \"out_month\": \"%s\", \"in_month\": \"%s\", \"reason\": ",
                              quantity, out_month, in_month);
      append_nullable (out, item->reason);
      g_string_append_c (out, '}');
    }
  g_string_append (out, result->items->len ? close : "]");

  g_string_append (out, pretty ? ",\n  \"projection\": " : ", \"projection\": ");
  g_string_append (out, result->projection->len ? open : "[");
  for (guint i = 0; i < result->projection->len; i++)
    {
      const GrProjectionMonth *month = &g_array_index (result->projection, GrProjectionMonth, i);
      g_autofree char *stock = gr_kg_to_tonnes_string (month->stock_kg);
      g_autofree char *when = gr_month_index_to_iso (month->month);

      if (i > 0)
        g_string_append (out, sep);
      g_string_append (out, "{\"enterprise\": ");
      gr_json_append_string (out, month->enterprise);
      g_string_append (out, ", \"plan\": ");
      append_nullable (out, month->plan);
      g_string_append_printf (out, ", \"month\": \"%s\", \"stock_t\": %s, \"ratio\": ", when, stock);
      gr_json_append_double (out, month->ratio);
      g_string_append_c (out, '}');
    }
  g_string_append (out, result->projection->len ? close : "]");
  g_string_append (out, pretty ? "\n}" : "}");
  return g_string_free (out, FALSE);
}

char *
gr_planner_result_to_text (const GrPlannerResult *result)
{
  GString *out = g_string_new (NULL);
  const char *current = NULL;

  g_return_val_if_fail (result != NULL, NULL);

  if (result->feasible)
    /* TRANSLATORS: heading: year, number of items → "2027 年轮换计划建议：共 24 项，满足全部规则" */
    g_string_append_printf (out, _("Proposed rotation plan for %d: %u items, every rule met"),
                            result->year, result->items->len);
  else
    /* TRANSLATORS: heading: year, number of items, number of problems →
     * "2027 年轮换计划建议：共 24 项；无法满足全部规则（3 个问题），以下为违规最少的方案" */
    g_string_append_printf (out, _("Proposed rotation plan for %d: %u items; no plan meets every rule (%u problems), this is the least bad"),
                            result->year, result->items->len, result->problems->len);
  g_string_append (out, "\n");

  if (result->problems->len > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Problems:"));
      for (guint i = 0; i < result->problems->len; i++)
        {
          const GrPlannerProblem *problem = result->problems->pdata[i];

          g_string_append_printf (out, "  (%s) %s\n", problem->constraint, problem->text);
        }
    }

  for (guint i = 0; i < result->items->len; i++)
    {
      const GrPlannerItem *pitem = result->items->pdata[i];
      const GrRotationItem *item = pitem->item;
      const char *lot = g_hash_table_lookup (result->labels, item->lot);
      g_autofree char *quantity = gr_format_tonnes (item->quantity_kg);
      g_autofree char *out_month = gr_month_index_to_iso (item->out_month);
      g_autofree char *in_month = gr_month_index_to_iso (item->in_month);

      if (current != pitem->enterprise)
        {
          const char *name = g_hash_table_lookup (result->labels, pitem->enterprise);

          current = pitem->enterprise;
          g_string_append_printf (out, "\n%s\n", name ? name : current);
          /* TRANSLATORS: column heads of the planner's items: out month, in month, lot, quantity, reason */
          g_string_append_printf (out, "  %s\n", _("Out      In       Lot — quantity — reason"));
        }
      /* TRANSLATORS: one proposed item: out month, in month, lot, quantity, reason →
       * "2027-03  2027-04  城南库 P01仓 中晚籼稻（lot-000437）— 6,430 吨 — 储存年限 3 年，至 2027-09 届满" */
      g_string_append_printf (out, _("  %s  %s  %s (%s) — %s — %s"), out_month, in_month, lot ? lot : item->lot,
                              item->lot, quantity, item->reason ? item->reason : "");
      g_string_append_c (out, '\n');
    }

  if (result->projection->len > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Projected stock ratio by month:"));
      for (guint i = 0; i < result->projection->len; i += 12)
        {
          const GrProjectionMonth *first = &g_array_index (result->projection, GrProjectionMonth, i);
          const char *name = g_hash_table_lookup (result->labels, first->plan ? first->plan : first->enterprise);

          g_string_append_printf (out, "  %s\n   ", name ? name : (first->plan ? first->plan : first->enterprise));
          for (guint m = i; m < i + 12 && m < result->projection->len; m++)
            {
              const GrProjectionMonth *month = &g_array_index (result->projection, GrProjectionMonth, m);
              g_autofree char *ratio = gr_rules_format_ratio (month->stock_kg, month->plan_kg);

              g_string_append_printf (out, " %02d:%s%s", GR_MONTH_MONTH (month->month), ratio, month->below ? "!" : "");
            }
          g_string_append_c (out, '\n');
        }
    }
  return g_string_free (out, FALSE);
}
