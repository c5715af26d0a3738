/* test-planner.c: the rotation planner against a checker of its own
 *
 * The checker below does not call the planner's code nor gr-projection:
 * it reads the generated ledger with plain SQL (balances at 1 January
 * summed from the movements), applies the figures of the regulations
 * written out here with their articles, recomputes the projection of
 * DESIGN.md §7 and checks the proposal against constraints (a)–(f) of
 * the planner issue:
 *
 *  (a) lots whose limit ends by the end of the year (or, under a vacancy
 *      rule, within that many months of it) go out in full before their
 *      limit month; lots already past it go out in January;
 *  (b) among lots not required by (a), none is rotated while a lot that is
 *      not 宜存 (or is worse), or is older, is not rotated in full;
 *  (c) Nanchang 第三十六条: 25–45 % of raw-grain plans, 40–60 % of bulk oil
 *      plans, unless (a) forces more;
 *  (d) the projected stock never below the minimum at a checked time;
 *  (e) vacancies within their limit, dynamic plans in first, months in
 *      the year (the in month in the next one only under a vacancy rule);
 *  (f) Zhongshan 第十七条: a month end at 100 % per plan.
 *
 * A feasible proposal must pass all of them; an infeasible one must still
 * pass (a), (b) and (e), and its problems must be exactly the plans (or
 * enterprises) where the checker finds (c), (d) or (f) broken.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gr-planner.h"
#include "gr-variety.h"
#include "rules-fixture.h"

#define Y       2027
#define M(y, m) ((y) * 12 + (m) - 1)
#define JAN     M (Y, 1)
#define DEC     M (Y, 12)
#define T(t)    ((gint64) llround ((t) * 1000))

/* ======================================================================
 * The regulations, as the checker reads them
 * ====================================================================== */

typedef enum { DONGGUAN, ZHONGSHAN, NANCHANG, N_PROFILES } Profile;

static const char * const profile_ids[N_PROFILES] = { "dongguan-2025", "zhongshan-2026", "nanchang-gxq-2022" };

static gboolean
is_paddy_or_corn (const char *v)
{
  return g_str_has_prefix (v, "paddy_") || strcmp (v, "corn") == 0;
}

/* Storage-year limit in months, without any permitted delay; 0: none. */
static int
age_limit_months (Profile     profile,
                  const char *variety,
                  gboolean    packaged)
{
  GrGrainClass klass = gr_variety_class (variety);

  if (profile == NANCHANG)
    {
      /* 南昌 第三十六条: raw grain a three-year cycle (第三十七条's one-year
       * delay is an exception, not used); bulk oil two years; finished
       * grain and packaged oil by shelf life only. */
      if (klass == GR_CLASS_RAW)
        return 36;
      if (klass == GR_CLASS_OIL && !packaged)
        return 24;
      return 0;
    }
  /* 中山 第十八条 (and Dongguan 第十六条 read the same way): paddy and corn
   * 3 years, wheat 5, soybean 2, finished grain 1; oil by shelf life. */
  if (is_paddy_or_corn (variety))
    return 36;
  if (strcmp (variety, "wheat") == 0)
    return 60;
  if (strcmp (variety, "soybean") == 0)
    return 24;
  if (klass == GR_CLASS_FINISHED)
    return 12;
  return 0;
}

/* Vacancy limit in months for a plan, or -1: 东莞 第十七条 static plans 4
 * months; 南昌 第三十八条 raw grain 5 months; 中山 none (自主轮换). */
static int
vacancy_months (Profile     profile,
                const char *variety,
                const char *mode)
{
  if (profile == DONGGUAN && strcmp (mode, "static") == 0)
    return 4;
  if (profile == NANCHANG && gr_variety_class (variety) == GR_CLASS_RAW)
    return 5;
  return -1;
}

/* The minimum percent: 东莞 第十五条 70 % of the enterprise at month ends;
 * 中山 第十七条 raw 75 %, finished 90 % at any time; 南昌 第三十八条 raw
 * 70 %, finished and oil 100 % at any time. */
static int
min_percent (Profile      profile,
             GrGrainClass klass)
{
  switch (profile)
    {
    case DONGGUAN:
      return 70;
    case ZHONGSHAN:
      return klass == GR_CLASS_RAW ? 75 : 90;
    case NANCHANG:
    case N_PROFILES:
    default:
      return klass == GR_CLASS_RAW ? 70 : 100;
    }
}

static gboolean
covers (Profile      profile,
        GrGrainClass klass)
{
  /* 中山 第二条: grain only, no oil. */
  return profile != ZHONGSHAN || klass != GR_CLASS_OIL;
}

/* ======================================================================
 * The ledger, read with plain SQL
 * ====================================================================== */

typedef struct {
  char        *id;
  char        *enterprise;
  char        *variety;
  char        *mode;
  GrGrainClass klass;
  gint64       quantity;
  gint64       opening;      /* Σ its lots' openings */
} CPlan;

typedef struct {
  char        *id;
  guint        plan;
  gint64       opening;
  char        *entered;
  int          entered_month;
  char        *produced;
  int          shelf_days;
  gboolean     packaged;
  int          quality;      /* 0 宜存, 1 轻度, 2 重度 */
  int          limit_month;  /* first month past its limit; G_MAXINT none */
  gboolean     required;
  gboolean     overdue;
} CLot;

typedef struct {
  Profile     profile;
  GArray     *plans;         /* CPlan */
  GArray     *lots;          /* CLot */
  GHashTable *lot_index;     /* id → index + 1 */
  GHashTable *plan_index;    /* id → index + 1 */
} Ledger;

static void
ledger_free (Ledger *l)
{
  for (guint i = 0; i < l->plans->len; i++)
    {
      CPlan *p = &g_array_index (l->plans, CPlan, i);

      g_free (p->id);
      g_free (p->enterprise);
      g_free (p->variety);
      g_free (p->mode);
    }
  for (guint i = 0; i < l->lots->len; i++)
    {
      CLot *lot = &g_array_index (l->lots, CLot, i);

      g_free (lot->id);
      g_free (lot->entered);
      g_free (lot->produced);
    }
  g_array_unref (l->plans);
  g_array_unref (l->lots);
  g_hash_table_unref (l->lot_index);
  g_hash_table_unref (l->plan_index);
  g_free (l);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Ledger, ledger_free)

static int
date_month (const char *iso)
{
  int y, m, d;

  g_assert_cmpint (sscanf (iso, "%d-%d-%d", &y, &m, &d), ==, 3);
  return M (y, m);
}

static Ledger *
read_ledger (GrStore *store,
             Profile  profile)
{
  Ledger *l = g_new0 (Ledger, 1);
  g_autoptr(sqlite3_stmt) plans = gr_store_prepare (store,
    "SELECT id, enterprise, variety, rotation_mode, quantity_kg FROM plans WHERE deleted = 0 ORDER BY id", NULL);
  g_autoptr(sqlite3_stmt) lots = gr_store_prepare (store,
    "SELECT l.id, l.plan, l.entered_on, l.produced_on, coalesce (l.shelf_life_days, 0), l.packaged, l.storage_quality,"
    "       (SELECT coalesce (sum (CASE WHEN m.kind IN ('intake', 'rotate_in', 'replenish', 'surplus')"
    "                                   THEN m.quantity_kg ELSE -m.quantity_kg END), 0)"
    "          FROM movements m WHERE m.lot = l.id AND m.deleted = 0 AND m.date < '2027-01-01')"
    "  FROM lots l WHERE l.deleted = 0 ORDER BY l.id", NULL);

  l->profile = profile;
  l->plans = g_array_new (FALSE, TRUE, sizeof (CPlan));
  l->lots = g_array_new (FALSE, TRUE, sizeof (CLot));
  l->lot_index = g_hash_table_new (g_str_hash, g_str_equal);
  l->plan_index = g_hash_table_new (g_str_hash, g_str_equal);

  while (sqlite3_step (plans) == SQLITE_ROW)
    {
      CPlan p = { 0 };

      p.variety = g_strdup ((const char *) sqlite3_column_text (plans, 2));
      p.klass = gr_variety_class (p.variety);
      if (!covers (profile, p.klass))
        {
          g_free (p.variety);
          continue;
        }
      p.id = g_strdup ((const char *) sqlite3_column_text (plans, 0));
      p.enterprise = g_strdup ((const char *) sqlite3_column_text (plans, 1));
      p.mode = g_strdup ((const char *) sqlite3_column_text (plans, 3));
      p.quantity = sqlite3_column_int64 (plans, 4);
      g_array_append_val (l->plans, p);
    }
  for (guint i = 0; i < l->plans->len; i++)
    g_hash_table_insert (l->plan_index, g_array_index (l->plans, CPlan, i).id, GUINT_TO_POINTER (i + 1));

  while (sqlite3_step (lots) == SQLITE_ROW)
    {
      guint plan = GPOINTER_TO_UINT (g_hash_table_lookup (l->plan_index, sqlite3_column_text (lots, 1)));
      const char *quality = (const char *) sqlite3_column_text (lots, 6);
      CPlan *p;
      CLot lot = { 0 };
      int age, vacancy;

      if (plan == 0)
        continue;
      p = &g_array_index (l->plans, CPlan, plan - 1);
      lot.id = g_strdup ((const char *) sqlite3_column_text (lots, 0));
      lot.plan = plan - 1;
      lot.entered = g_strdup ((const char *) sqlite3_column_text (lots, 2));
      lot.entered_month = date_month (lot.entered);
      lot.produced = g_strdup ((const char *) sqlite3_column_text (lots, 3));
      lot.shelf_days = sqlite3_column_int (lots, 4);
      lot.packaged = sqlite3_column_int (lots, 5) != 0;
      lot.quality = g_strcmp0 (quality, "severely_unsuitable") == 0 ? 2 : g_strcmp0 (quality, "slightly_unsuitable") == 0;
      lot.opening = sqlite3_column_int64 (lots, 7);

      /* The limit month: entry month + L (the entry month counts as the
       * first, 当月起算), or the month the shelf life ends in. */
      lot.limit_month = G_MAXINT;
      if ((age = age_limit_months (profile, p->variety, lot.packaged)) > 0)
        lot.limit_month = lot.entered_month + age;
      if (lot.produced != NULL && lot.shelf_days > 0)
        {
          GDate date;

          g_date_clear (&date, 1);
          g_date_set_parse (&date, lot.produced);
          g_assert_true (g_date_valid (&date));
          g_date_add_days (&date, lot.shelf_days);
          lot.limit_month = MIN (lot.limit_month, M ((int) g_date_get_year (&date), (int) g_date_get_month (&date)));
        }
      vacancy = vacancy_months (profile, p->variety, p->mode);
      lot.required = lot.opening > 0 &&
                     (lot.limit_month <= DEC + 1 || (vacancy > 0 && lot.limit_month <= DEC + 1 + vacancy));
      lot.overdue = lot.required && lot.limit_month - 1 < JAN;
      p->opening += lot.opening;
      g_array_append_val (l->lots, lot);
    }
  for (guint i = 0; i < l->lots->len; i++)
    g_hash_table_insert (l->lot_index, g_array_index (l->lots, CLot, i).id, GUINT_TO_POINTER (i + 1));
  return l;
}

/* ======================================================================
 * The checker
 * ====================================================================== */

typedef struct {
  gboolean    a, b, e;       /* broken */
  GHashTable *c, *d, *f;     /* plan or enterprise ids where broken */
  guint       tranches;      /* lots rotated in more than one item */
  guint       in_first;      /* items with in month < out month */
} Verdict;

static void
verdict_clear (Verdict *v)
{
  g_clear_pointer (&v->c, g_hash_table_unref);
  g_clear_pointer (&v->d, g_hash_table_unref);
  g_clear_pointer (&v->f, g_hash_table_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Verdict, verdict_clear)

static CLot *
lot_of (Ledger     *l,
        const char *id)
{
  guint i = GPOINTER_TO_UINT (g_hash_table_lookup (l->lot_index, id));

  g_assert_cmpuint (i, >, 0);
  return &g_array_index (l->lots, CLot, i - 1);
}

/* The projection of DESIGN.md §7 for one plan: during m = opening − Σ out
 * ≤ m + Σ in < m; end of m adds in = m. */
static void
project (Ledger          *l,
         guint            plan,
         GrPlannerResult *r,
         gint64           during[12],
         gint64           end[12])
{
  CPlan *p = &g_array_index (l->plans, CPlan, plan);

  for (int m = 0; m < 12; m++)
    during[m] = end[m] = p->opening;
  for (guint i = 0; i < r->items->len; i++)
    {
      GrRotationItem *item = ((GrPlannerItem *) r->items->pdata[i])->item;
      CLot *lot = lot_of (l, item->lot);

      if (lot->plan != plan)
        continue;
      for (int m = 0; m < 12; m++)
        {
          int month = JAN + m;

          if (item->out_month <= month)
            {
              during[m] -= item->quantity_kg;
              end[m] -= item->quantity_kg;
            }
          if (item->in_month < month)
            during[m] += item->quantity_kg;
          if (item->in_month <= month)
            end[m] += item->quantity_kg;
        }
    }
}

static int
priority_cmp (const CLot *x,
              const CLot *y)
{
  if (x->quality != y->quality)
    return y->quality - x->quality;
  return strcmp (x->entered, y->entered);
}

static void
check (Ledger          *l,
       GrPlannerResult *r,
       Verdict         *v)
{
  Profile profile = l->profile;
  g_autofree gint64 *rotated = g_new0 (gint64, l->lots->len + 1);
  g_autofree guint *n_items = g_new0 (guint, l->lots->len + 1);
  g_autofree int *last_out = g_new0 (int, l->lots->len + 1);
  g_autoptr(GHashTable) enterprises = g_hash_table_new (g_str_hash, g_str_equal);

  v->c = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  v->d = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  v->f = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* (e) and the items themselves. */
  for (guint i = 0; i < r->items->len; i++)
    {
      GrRotationItem *item = ((GrPlannerItem *) r->items->pdata[i])->item;
      CLot *lot = lot_of (l, item->lot);
      guint k = lot - &g_array_index (l->lots, CLot, 0);
      CPlan *p = &g_array_index (l->plans, CPlan, lot->plan);
      int vacancy = vacancy_months (profile, p->variety, p->mode);

      g_assert_cmpint (item->quantity_kg, >, 0);
      rotated[k] += item->quantity_kg;
      n_items[k]++;
      last_out[k] = MAX (last_out[k], item->out_month);
      if (item->in_month < item->out_month)
        v->in_first++;
      if (item->out_month < JAN || item->out_month > DEC || item->in_month < JAN ||
          (item->in_month > DEC && vacancy < 0))
        {
          g_test_message ("(e) %s: months %d → %d outside %d", item->lot, item->out_month, item->in_month, Y);
          v->e = TRUE;
        }
      if (vacancy >= 0 && item->in_month > item->out_month + vacancy)
        {
          g_test_message ("(e) %s: vacancy %d > %d", item->lot, item->in_month - item->out_month, vacancy);
          v->e = TRUE;
        }
      if (strcmp (p->mode, "dynamic") == 0 && item->in_month > item->out_month)
        {
          g_test_message ("(e) %s: dynamic plan rotates out first", item->lot);
          v->e = TRUE;
        }
    }

  for (guint k = 0; k < l->lots->len; k++)
    {
      CLot *lot = &g_array_index (l->lots, CLot, k);

      if (n_items[k] > 1)
        v->tranches++;
      /* Never more than the lot holds. */
      g_assert_cmpint (rotated[k], <=, lot->opening);
      /* (a) */
      if (lot->required &&
          (rotated[k] != lot->opening ||
           (lot->overdue ? last_out[k] != JAN : last_out[k] >= lot->limit_month)))
        {
          g_test_message ("(a) %s: %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " by %d, limit %d",
                          lot->id, rotated[k], lot->opening, last_out[k], lot->limit_month);
          v->a = TRUE;
        }
      /* (b) */
      if (!lot->required && rotated[k] > 0)
        for (guint j = 0; j < l->lots->len; j++)
          {
            CLot *other = &g_array_index (l->lots, CLot, j);

            if (other->plan == lot->plan && !other->required && other->opening > 0 &&
                priority_cmp (other, lot) < 0 && rotated[j] < other->opening)
              {
                g_test_message ("(b) %s rotated before %s", lot->id, other->id);
                v->b = TRUE;
              }
          }
    }

  for (guint k = 0; k < l->plans->len; k++)
    {
      CPlan *p = &g_array_index (l->plans, CPlan, k);
      gint64 during[12], end[12], out = 0, forced = 0;
      gboolean any_bulk = FALSE, any_packaged = FALSE, full = FALSE;

      project (l, k, r, during, end);
      for (guint j = 0; j < l->lots->len; j++)
        {
          CLot *lot = &g_array_index (l->lots, CLot, j);

          if (lot->plan != k)
            continue;
          out += rotated[j];
          if (lot->required)
            forced += rotated[j];
          if (lot->opening > 0)
            *(lot->packaged ? &any_packaged : &any_bulk) = TRUE;
        }

      /* (c) 南昌 第三十六条 */
      /* A plan with nothing in store has nothing to rotate. */
      if (profile == NANCHANG && p->quantity > 0 && (any_bulk || any_packaged) &&
          (p->klass == GR_CLASS_RAW || (p->klass == GR_CLASS_OIL && any_bulk)))
        {
          int lo = p->klass == GR_CLASS_RAW ? 25 : 40, hi = p->klass == GR_CLASS_RAW ? 45 : 60;

          if (out * 100 < p->quantity * lo || (out * 100 > p->quantity * hi && out > forced))
            g_hash_table_add (v->c, g_strdup (p->id));
        }

      /* (d) per plan, any time */
      if (profile != DONGGUAN)
        for (int m = 0; m < 12; m++)
          if (during[m] * 100 < p->quantity * min_percent (profile, p->klass))
            g_hash_table_add (v->d, g_strdup (p->id));

      /* (f) 中山 第十七条 */
      for (int m = 0; m < 12; m++)
        full |= end[m] >= p->quantity;
      if (profile == ZHONGSHAN && !full)
        g_hash_table_add (v->f, g_strdup (p->id));

      g_hash_table_add (enterprises, p->enterprise);
    }

  /* (d) 东莞 第十五条: the enterprise's month ends. */
  if (profile == DONGGUAN)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, enterprises);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        for (int m = 0; m < 12; m++)
          {
            gint64 stock = 0, quantity = 0;

            for (guint k = 0; k < l->plans->len; k++)
              {
                CPlan *p = &g_array_index (l->plans, CPlan, k);
                gint64 during[12], end[12];

                if (strcmp (p->enterprise, key) != 0)
                  continue;
                project (l, k, r, during, end);
                stock += end[m];
                quantity += p->quantity;
              }
            if (stock * 100 < quantity * 70)
              g_hash_table_add (v->d, g_strdup (key));
          }
    }

  /* The proposal's own projection says the same, month by month. */
  for (guint i = 0; i < r->projection->len; i++)
    {
      const GrProjectionMonth *month = &g_array_index (r->projection, GrProjectionMonth, i);
      int m = month->month - JAN;
      gint64 stock = 0, quantity = 0, percent = 0;

      g_assert_cmpint (m, >=, 0);
      g_assert_cmpint (m, <, 12);
      for (guint k = 0; k < l->plans->len; k++)
        {
          CPlan *p = &g_array_index (l->plans, CPlan, k);
          gint64 during[12], end[12];

          if (month->plan != NULL ? strcmp (p->id, month->plan) != 0 : strcmp (p->enterprise, month->enterprise) != 0)
            continue;
          project (l, k, r, during, end);
          stock += profile == DONGGUAN ? end[m] : during[m];
          quantity += p->quantity;
          percent += p->quantity * min_percent (profile, p->klass);
        }
      g_assert_cmpint (month->stock_kg, ==, stock);
      g_assert_cmpint (month->plan_kg, ==, quantity);
      g_assert_cmpint (month->below, ==, stock * 100 < percent);
      if (month->below)
        g_assert_true (g_hash_table_contains (v->d, month->plan ? month->plan : month->enterprise));
    }
}

static gboolean
problems_match (GrPlannerResult *r,
                const char      *constraint,
                GHashTable      *broken)
{
  g_autoptr(GHashTable) reported = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < r->problems->len; i++)
    {
      GrPlannerProblem *problem = r->problems->pdata[i];

      if (strcmp (problem->constraint, constraint) == 0)
        g_hash_table_add (reported, problem->plan ? problem->plan : problem->enterprise);
    }
  if (g_hash_table_size (reported) != g_hash_table_size (broken))
    return FALSE;
  g_hash_table_iter_init (&iter, broken);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (reported, key))
      return FALSE;
  return TRUE;
}

static GrPlannerResult *
propose (GrStore    *store,
         Profile     profile)
{
  g_autoptr(GrProfile) p = fx_profile (profile_ids[profile]);
  g_autoptr(GError) error = NULL;
  GrPlannerResult *r = gr_planner_propose (store, p, Y, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (r);
  for (guint i = 0; i < r->problems->len; i++)
    {
      GrPlannerProblem *problem = r->problems->pdata[i];

      g_test_message ("problem (%s) %s/%s: %s", problem->constraint, problem->enterprise,
                      problem->plan ? problem->plan : "-", problem->text);
      g_assert_nonnull (problem->text);
      g_assert_null (strchr (problem->text, '\n'));
    }
  return r;
}

/* Checks r fully; returns the verdict for more assertions. */
static void
assert_sound (GrStore         *store,
              Profile          profile,
              GrPlannerResult *r,
              Verdict         *v)
{
  g_autoptr(Ledger) l = read_ledger (store, profile);

  check (l, r, v);
  g_assert_false (v->a);
  g_assert_false (v->b);
  g_assert_false (v->e);
  g_assert_true (problems_match (r, "c", v->c));
  g_assert_true (problems_match (r, "d", v->d));
  g_assert_true (problems_match (r, "f", v->f));
  g_assert_cmpint (r->feasible, ==, r->problems->len == 0);
  g_assert_cmpint (r->feasible, ==,
                   g_hash_table_size (v->c) + g_hash_table_size (v->d) + g_hash_table_size (v->f) == 0);
  for (guint i = 0; i < r->problems->len; i++)
    {
      GrPlannerProblem *problem = r->problems->pdata[i];

      g_assert_true (strcmp (problem->constraint, "c") == 0 || strcmp (problem->constraint, "d") == 0 ||
                     strcmp (problem->constraint, "f") == 0);
    }
}

/* ======================================================================
 * Generated ledgers
 * ====================================================================== */

typedef struct {
  const char *variety;
  const char *mode;
  gboolean    packaged;
} Kind;

static const Kind dongguan_company[] = {
  { "paddy_late_indica", "static", FALSE }, { "wheat", "static", FALSE }, { "paddy_japonica", "dynamic", FALSE },
  { "rice", "static", TRUE }, { "oil_peanut", "static", FALSE }, { "soybean", "static", FALSE },
};
static const Kind dongguan_agent[] = {
  { "paddy_early_indica", "autonomous", FALSE }, { "corn", "autonomous", FALSE }, { "flour", "autonomous", TRUE },
};
static const Kind zhongshan_kinds[] = {
  { "paddy_late_indica", "autonomous", FALSE }, { "wheat", "autonomous", FALSE }, { "corn", "autonomous", FALSE },
  { "rice", "autonomous", TRUE }, { "flour", "autonomous", TRUE },
};
static const Kind nanchang_kinds[] = {
  { "paddy_late_indica", "static", FALSE }, { "paddy_early_indica", "static", FALSE }, { "rice", "dynamic", TRUE },
  { "flour", "dynamic", TRUE }, { "oil_rapeseed", "dynamic", FALSE }, { "oil_blend", "dynamic", TRUE },
};

static char *
iso_month_offset (int months_back,
                  int day)
{
  int index = M (2026, 11) - months_back;

  return g_strdup_printf ("%04d-%02d-%02d", index / 12, index % 12 + 1, day);
}

static void
generate (GrStore *store,
          Profile  profile,
          guint32  seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  int n_enterprises = g_rand_int_range (rand, 1, 4);
  guint bin = 0, lot_no = 0;

  for (int e = 0; e < n_enterprises; e++)
    {
      g_autofree char *enterprise = e == 0 ? g_strdup ("e1") : g_strdup_printf ("e%d", e + 1);
      int n_plans = g_rand_int_range (rand, 1, 5);

      if (e > 0)
        {
          fx_enterprise (store, enterprise, "agent");
          fx_sql (store, "INSERT INTO depots (id, enterprise, code, name) VALUES (%Q, %Q, %Q, %Q)",
                  enterprise, enterprise, enterprise, enterprise);
        }
      for (int k = 0; k < n_plans; k++)
        {
          const Kind *kinds;
          guint n_kinds;
          const Kind *kind;
          g_autofree char *plan = g_strdup_printf ("p%d%d", e + 1, k + 1);
          int n_lots = g_rand_int_range (rand, 2, 9);
          gint64 total = 0;
          double factor;

          switch (profile)
            {
            case DONGGUAN:
              kinds = e == 0 ? dongguan_company : dongguan_agent;
              n_kinds = e == 0 ? G_N_ELEMENTS (dongguan_company) : G_N_ELEMENTS (dongguan_agent);
              break;
            case ZHONGSHAN:
              kinds = zhongshan_kinds;
              n_kinds = G_N_ELEMENTS (zhongshan_kinds);
              break;
            case NANCHANG:
            case N_PROFILES:
            default:
              kinds = nanchang_kinds;
              n_kinds = G_N_ELEMENTS (nanchang_kinds);
              break;
            }
          kind = &kinds[g_rand_int_range (rand, 0, n_kinds)];
          fx_plan (store, plan, enterprise, kind->variety, 1, kind->mode, "2020-01-01", NULL);

          for (int i = 0; i < n_lots; i++)
            {
              GrGrainClass klass = gr_variety_class (kind->variety);
              g_autofree char *bin_id = g_strdup_printf ("g%u", ++bin);
              g_autofree char *lot = g_strdup_printf ("l%03u", ++lot_no);
              g_autofree char *entered = NULL;
              /* A company that kept up with its rotations: lots younger
               * than their limits, due over the coming year; now and then
               * one already past its limit. */
              gboolean late = g_rand_double (rand) < 0.01;
              int back = klass == GR_CLASS_RAW ? (late ? 38 : g_rand_int_range (rand, 0, 33))
                       : klass == GR_CLASS_FINISHED ? (late ? 12 : g_rand_int_range (rand, 0, 8))
                       : (late ? 26 : g_rand_int_range (rand, 0, 15));
              /* Finished grain in smaller lots, as it is packed and moved. */
              double tonnes = (klass == GR_CLASS_RAW ? g_rand_int_range (rand, 50, 800) : g_rand_int_range (rand, 30, 300)) +
                              g_rand_int_range (rand, 0, 100) / 100.0;
              double r = g_rand_double (rand);

              fx_sql (store, "INSERT INTO bins (id, depot, code) VALUES (%Q, %Q, %Q)",
                      bin_id, e == 0 ? "d1" : enterprise, bin_id);
              entered = iso_month_offset (back, g_rand_int_range (rand, 1, 29));
              fx_stocked_lot (store, lot, bin_id, plan, entered, tonnes);
              if (klass != GR_CLASS_RAW)
                {
                  /* Produced up to a month before entry; grain 365 days,
                   * oil 540. */
                  fx_sql (store, "UPDATE lots SET produced_on = date (entered_on, %Q), shelf_life_days = %d,"
                                 " packaged = %d WHERE id = %Q",
                          g_rand_boolean (rand) ? "-10 days" : "-25 days",
                          klass == GR_CLASS_OIL ? 540 : 365,
                          kind->packaged, lot);
                }
              else
                fx_sql (store, "UPDATE lots SET harvest_year = CAST (substr (entered_on, 1, 4) AS INTEGER) - 1 WHERE id = %Q",
                        lot);
              if (r < 0.08)
                fx_sql (store, "UPDATE lots SET storage_quality = 'slightly_unsuitable' WHERE id = %Q", lot);
              else if (r < 0.11)
                fx_sql (store, "UPDATE lots SET storage_quality = 'severely_unsuitable' WHERE id = %Q", lot);
              if (g_rand_double (rand) < 0.08)
                {
                  /* Rotated out already: nothing left at the year's start. */
                  fx_move (store, lot, "2026-12-15", "rotate_out", tonnes);
                  continue;
                }
              total += T (tonnes);
            }
          /* Mostly at or a little above the plan; now and then short. */
          factor = g_rand_double (rand) < 0.1 ? g_rand_double_range (rand, 1.2, 1.6)
                                               : g_rand_double_range (rand, 0.9, 1.0);
          fx_sql (store, "UPDATE plans SET quantity_kg = %lld WHERE id = %Q",
                  (long long) MAX (1000, (gint64) (total * factor) / 1000 * 1000), plan);
        }
    }
  fx_settle (store, TRUE);
}

/* Many ledgers, seeds and all three profiles: every proposal passes the
 * checker; each profile gives feasible proposals. */
static void
test_generated (gconstpointer data)
{
  Profile profile = GPOINTER_TO_INT (data);
  guint feasible = 0, tranches = 0, in_first = 0, n = g_test_slow () ? 200 : 60;

  for (guint32 seed = 1; seed <= n; seed++)
    {
      g_autoptr(GrStore) store = fx_new ();
      g_autoptr(GrPlannerResult) r = NULL;
      g_autoptr(GrPlannerResult) again = NULL;
      g_auto(Verdict) v = { 0 };
      g_autofree char *json = NULL, *json_again = NULL;

      generate (store, profile, seed * 7919 + profile);
      r = propose (store, profile);
      g_test_message ("seed %u: %u items, %s", seed, r->items->len, r->feasible ? "feasible" : "infeasible");
      assert_sound (store, profile, r, &v);
      feasible += r->feasible;
      tranches += v.tranches;
      in_first += v.in_first;

      /* Deterministic. */
      again = propose (store, profile);
      json = gr_planner_result_to_json (r, FALSE);
      json_again = gr_planner_result_to_json (again, FALSE);
      g_assert_cmpstr (json, ==, json_again);
    }
  g_test_message ("%s: %u of %u feasible, %u lots in tranches, %u items in first",
                  profile_ids[profile], feasible, n, tranches, in_first);
  g_assert_cmpuint (feasible, >=, n / 4);
  if (profile == NANCHANG)
    g_assert_cmpuint (in_first, >, 0);
}

/* ======================================================================
 * Cases by hand
 * ====================================================================== */

static guint
items_of (GrPlannerResult *r,
          const char      *lot,
          GrRotationItem **out,
          guint            max)
{
  guint n = 0;

  for (guint i = 0; i < r->items->len; i++)
    {
      GrRotationItem *item = ((GrPlannerItem *) r->items->pdata[i])->item;

      if (strcmp (item->lot, lot) == 0 && n < max)
        out[n++] = item;
    }
  return n;
}

/* 中山 第十七条: finished grain 90 % at any time, and a rotation inside a
 * month dips during it: 100 t a month of a 1,000 t rice plan. r1 (500 t,
 * entered 2026-07: its 1-year limit 第十八条 ends 2027-06) and r2 (500 t,
 * entered 2026-12: ends 2027-11) each go in five tranches of 100 t, in
 * different months before their limits. */
static void
test_tranches (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrPlannerResult) r = NULL;
  g_auto(Verdict) v = { 0 };
  GrRotationItem *items[8];
  guint n;

  fx_plan (store, "p1", "e1", "rice", 1000, "autonomous", "2020-01-01", NULL);
  fx_stocked_lot (store, "r1", "b1", "p1", "2026-07-05", 500);
  fx_stocked_lot (store, "r2", "b2", "p1", "2026-12-05", 500);
  fx_settle (store, TRUE);

  r = propose (store, ZHONGSHAN);
  assert_sound (store, ZHONGSHAN, r, &v);
  g_assert_true (r->feasible);
  g_assert_cmpuint (v.tranches, ==, 2);

  n = items_of (r, "r1", items, G_N_ELEMENTS (items));
  g_assert_cmpuint (n, ==, 5);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpint (items[i]->quantity_kg, ==, T (100));
      g_assert_cmpint (items[i]->out_month, ==, items[i]->in_month);
      g_assert_cmpint (items[i]->out_month, <=, M (2027, 6));
      fx_assert_has (items[i]->reason, "tranche");
      for (guint j = 0; j < i; j++)
        g_assert_cmpint (items[i]->out_month, !=, items[j]->out_month);
    }
  n = items_of (r, "r2", items, G_N_ELEMENTS (items));
  g_assert_cmpuint (n, ==, 5);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (items[i]->out_month, <=, M (2027, 11));

  /* Every month during is at 900 t at least (90 %). */
  for (guint i = 0; i < r->projection->len; i++)
    g_assert_cmpint (g_array_index (r->projection, GrProjectionMonth, i).stock_kg, >=, T (900));
}

/* 南昌 第三十八条: finished grain rotates dynamically (先入后出) and is held
 * at 100 % at any time. r5's shelf life (produced 2026-06-01, 365 days)
 * ends on 2027-06-01: in in April, out in May. */
static void
test_dynamic (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrPlannerResult) r = NULL;
  g_auto(Verdict) v = { 0 };
  GrRotationItem *items[4];

  fx_plan (store, "p5", "e1", "rice", 200, "dynamic", "2020-01-01", NULL);
  fx_stocked_lot (store, "r5", "b1", "p5", "2026-06-10", 200);
  fx_sql (store, "UPDATE lots SET produced_on = '2026-06-01', shelf_life_days = 365, packaged = 1 WHERE id = 'r5'");
  fx_settle (store, TRUE);

  r = propose (store, NANCHANG);
  assert_sound (store, NANCHANG, r, &v);
  g_assert_true (r->feasible);
  g_assert_cmpuint (items_of (r, "r5", items, G_N_ELEMENTS (items)), ==, 1);
  g_assert_cmpint (items[0]->quantity_kg, ==, T (200));
  g_assert_cmpint (items[0]->out_month, ==, M (2027, 5));
  g_assert_cmpint (items[0]->in_month, ==, M (2027, 4));
  fx_assert_has (items[0]->reason, "2027-06-01");
  fx_assert_has (items[0]->reason, "rotated in first");
}

/* Infeasible: a Nanchang raw plan already below its 70 % (第三十八条) with
 * a lot past its three-year cycle (第三十六条): the lot still goes out, in
 * January, and the plan's problem says so. */
static void
test_infeasible (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrPlannerResult) r = NULL;
  g_auto(Verdict) v = { 0 };
  GrRotationItem *items[4];
  GrPlannerProblem *problem;
  g_autofree char *json = NULL;

  fx_plan (store, "p1", "e1", "paddy_late_indica", 1000, "static", "2020-01-01", NULL);
  fx_stocked_lot (store, "old", "b1", "p1", "2023-06-10", 400);
  fx_stocked_lot (store, "new", "b2", "p1", "2026-10-10", 250);
  fx_settle (store, TRUE);

  r = propose (store, NANCHANG);
  assert_sound (store, NANCHANG, r, &v);
  g_assert_false (r->feasible);
  g_assert_cmpuint (items_of (r, "old", items, G_N_ELEMENTS (items)), ==, 1);
  g_assert_cmpint (items[0]->out_month, ==, JAN);
  g_assert_cmpint (items[0]->quantity_kg, ==, T (400));
  fx_assert_has (items[0]->reason, "past its limit");

  g_assert_cmpuint (r->problems->len, >=, 1);
  problem = r->problems->pdata[0];
  g_assert_cmpstr (problem->constraint, ==, "d");
  g_assert_cmpstr (problem->plan, ==, "p1");
  g_assert_cmpstr (problem->enterprise, ==, "e1");
  fx_assert_has (problem->text, "below 70%");
  fx_assert_has (problem->text, "65% with no rotation at all");
  fx_assert_has (problem->text, "第三十八条");

  json = gr_planner_result_to_json (r, FALSE);
  fx_assert_has (json, "\"feasible\": false");
  fx_assert_has (json, "{\"constraint\": \"d\", \"enterprise\": \"e1\", \"plan\": \"p1\", \"text\": ");
}

/* 南昌 第三十六条: about a third of raw grain a year. Five lots of 200 t,
 * none due this year nor within the 5-month vacancy (第三十八条) of its
 * end: the two oldest go (400 t = 40 %, between 25 % and 45 %). */
static void
test_balanced (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrPlannerResult) r = NULL;
  g_auto(Verdict) v = { 0 };
  GrRotationItem *items[4];

  fx_plan (store, "p1", "e1", "paddy_late_indica", 1000, "static", "2020-01-01", NULL);
  fx_stocked_lot (store, "a", "b1", "p1", "2025-11-10", 200);
  fx_stocked_lot (store, "b", "b2", "p1", "2025-08-10", 200);
  fx_stocked_lot (store, "c", "b3", "p1", "2026-10-10", 200);
  fx_stocked_lot (store, "d", "b4", "p1", "2025-09-10", 200);
  fx_stocked_lot (store, "e", "bl", "p1", "2026-01-10", 200);
  fx_settle (store, TRUE);

  r = propose (store, NANCHANG);
  assert_sound (store, NANCHANG, r, &v);
  for (guint i = 0; i < r->items->len; i++)
    {
      GrPlannerItem *pi = r->items->pdata[i];

      g_test_message ("%s %" G_GINT64_FORMAT " %d→%d %s", pi->item->lot, pi->item->quantity_kg,
                      pi->item->out_month - JAN + 1, pi->item->in_month - JAN + 1, pi->item->reason);
    }
  g_assert_true (r->feasible);
  g_assert_cmpuint (r->items->len, ==, 2);
  g_assert_cmpuint (items_of (r, "b", items, 4), ==, 1);
  g_assert_cmpuint (items_of (r, "d", items, 4), ==, 1);
  fx_assert_has (items[0]->reason, "第三十六条");
  /* Static raw grain under the vacancy rule (第三十八条, 5 months): back
   * the month after. */
  g_assert_cmpint (items[0]->in_month, ==, items[0]->out_month + 1);

  /* A lot that is not 宜存 goes first (b). */
  fx_sql (store, "UPDATE lots SET storage_quality = 'slightly_unsuitable' WHERE id = 'c'");
  g_clear_pointer (&r, gr_planner_result_free);
  r = propose (store, NANCHANG);
  assert_sound (store, NANCHANG, r, &v);
  g_assert_cmpuint (items_of (r, "c", items, 4), ==, 1);
  g_assert_cmpuint (items_of (r, "b", items, 4), ==, 1);
  g_assert_cmpuint (items_of (r, "d", items, 4), ==, 0);
  fx_assert_has (items[0]->reason, "balanced");
}

/* 东莞 第十七条: a static lot whose three-year limit ends in February of
 * next year is rotated this year, its 4-month vacancy running across the
 * year end; the enterprise keeps 70 % at month ends (第十五条). */
static void
test_early_next_year (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrPlannerResult) r = NULL;
  g_auto(Verdict) v = { 0 };
  GrRotationItem *items[4];

  fx_plan (store, "p1", "e1", "paddy_late_indica", 1000, "static", "2020-01-01", NULL);
  fx_stocked_lot (store, "l1", "b1", "p1", "2025-03-10", 200);
  fx_stocked_lot (store, "l2", "b2", "p1", "2026-10-10", 800);
  fx_settle (store, TRUE);

  r = propose (store, DONGGUAN);
  assert_sound (store, DONGGUAN, r, &v);
  g_assert_true (r->feasible);
  g_assert_cmpuint (items_of (r, "l1", items, 4), ==, 1);
  g_assert_cmpint (items[0]->out_month, ==, DEC);
  g_assert_cmpint (items[0]->in_month, ==, M (2028, 1));
  fx_assert_has (items[0]->reason, "early next year");
  g_assert_cmpuint (items_of (r, "l2", items, 4), ==, 0);
}

/* 中山 第十七条: a plan that never ends a month at 100 % is reported under (f). */
static void
test_full_month (void)
{
  g_autoptr(GrStore) store = fx_new ();
  g_autoptr(GrPlannerResult) r = NULL;
  g_auto(Verdict) v = { 0 };
  GrPlannerProblem *problem;

  fx_plan (store, "p1", "e1", "wheat", 1000, "autonomous", "2020-01-01", NULL);
  fx_stocked_lot (store, "w1", "b1", "p1", "2025-03-10", 950);
  fx_settle (store, TRUE);

  r = propose (store, ZHONGSHAN);
  assert_sound (store, ZHONGSHAN, r, &v);
  g_assert_false (r->feasible);
  g_assert_cmpuint (r->problems->len, ==, 1);
  problem = r->problems->pdata[0];
  g_assert_cmpstr (problem->constraint, ==, "f");
  g_assert_cmpstr (problem->plan, ==, "p1");
  fx_assert_has (problem->text, "no month end at 100% in 2027 (at most 95%");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_data_func ("/planner/generated/dongguan", GINT_TO_POINTER (DONGGUAN), test_generated);
  g_test_add_data_func ("/planner/generated/zhongshan", GINT_TO_POINTER (ZHONGSHAN), test_generated);
  g_test_add_data_func ("/planner/generated/nanchang", GINT_TO_POINTER (NANCHANG), test_generated);
  g_test_add_func ("/planner/zhongshan-17/tranches", test_tranches);
  g_test_add_func ("/planner/nanchang-38/dynamic", test_dynamic);
  g_test_add_func ("/planner/nanchang-36-38/infeasible", test_infeasible);
  g_test_add_func ("/planner/nanchang-36/balanced", test_balanced);
  g_test_add_func ("/planner/dongguan-17/early-next-year", test_early_next_year);
  g_test_add_func ("/planner/zhongshan-17/full-month", test_full_month);
  return g_test_run ();
}
