/* gr-rules-load.c: reading the store once for the engine
 *
 * Records come in with one query per table; the movements with a single
 * pass over those dated from 1 January of the as-of year on (for the
 * balances at the window start and at the as-of date, and each plan's
 * end-of-day stock), plus the older rotate-outs and rotate-ins when a
 * vacancy rule needs them and the replenishments since the oldest release
 * order. Month-end stock comes from the ledger's snapshots; the older
 * rotations of a plan, from the queue of its rotate-outs still open at
 * 1 January that the ledger keeps (gr-rotation-state.h), when it has one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-format.h"
#include "gr-rotation-state.h"
#include "gr-rules-private.h"

/* Kinds in gr_movement_kinds order: inbound ones first. */
enum {
  KIND_INTAKE,
  KIND_ROTATE_IN,
  KIND_REPLENISH,
  KIND_SURPLUS,
  KIND_ROTATE_OUT,
  KIND_RELEASE,
  KIND_LOSS,
  KIND_UNKNOWN,
};

/* Called for every movement read: by its second letter, then one compare. */
static int
kind_of (const char *kind)
{
  if (kind == NULL || kind[0] == '\0')
    return KIND_UNKNOWN;
  switch (kind[1])
    {
    case 'o':
      if (strcmp (kind, "rotate_out") == 0)
        return KIND_ROTATE_OUT;
      if (strcmp (kind, "rotate_in") == 0)
        return KIND_ROTATE_IN;
      return strcmp (kind, "loss") == 0 ? KIND_LOSS : KIND_UNKNOWN;
    case 'n':
      return strcmp (kind, "intake") == 0 ? KIND_INTAKE : KIND_UNKNOWN;
    case 'e':
      if (strcmp (kind, "replenish") == 0)
        return KIND_REPLENISH;
      return strcmp (kind, "release") == 0 ? KIND_RELEASE : KIND_UNKNOWN;
    case 'u':
      return strcmp (kind, "surplus") == 0 ? KIND_SURPLUS : KIND_UNKNOWN;
    default:
      return KIND_UNKNOWN;
    }
}

/* gr_day_parse() for the movement pass. */
static inline GrDay
parse_day (const char *iso)
{
  static const int days_in_month[] = { 0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  int y, m, d;

  /* A NUL fails the digit or dash test before the end is read. */
  for (int i = 0; i < 10; i++)
    if ((i == 4 || i == 7) ? iso[i] != '-' : (iso[i] < '0' || iso[i] > '9'))
      return GR_DAY_NONE;
  if (iso[10] != '\0')
    return GR_DAY_NONE;
  y = (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 + (iso[2] - '0') * 10 + (iso[3] - '0');
  m = (iso[5] - '0') * 10 + (iso[6] - '0');
  d = (iso[8] - '0') * 10 + (iso[9] - '0');
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month[m] ||
      (m == 2 && d == 29 && !g_date_is_leap_year (y)))
    return GR_DAY_NONE;
  return gr_day_from_ymd (y, m, d);
}

static inline const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static guint
flag_of (const char * const *names,
         const char         *value)
{
  for (guint i = 0; value != NULL && names[i] != NULL; i++)
    if (strcmp (names[i], value) == 0)
      return 1u << i;
  return 0;
}

static sqlite3_stmt *
prepare (GrRulesContext  *ctx,
         const char      *sql,
         GError         **error)
{
  return gr_store_prepare (ctx->store, sql, error);
}

static gboolean
finish (GrRulesContext  *ctx,
        int              rc,
        GError         **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  gr_store_set_error (ctx->store, error, _("Could not read the data for the rules"));
  return FALSE;
}

static gboolean
load_enterprises (GrRulesContext  *ctx,
                  GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (ctx, "SELECT id, name, kind FROM enterprises WHERE deleted = 0", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RuleEnterprise *e = g_new0 (RuleEnterprise, 1);

      e->id = g_strdup (column_text (stmt, 0));
      e->name = g_strdup (column_text (stmt, 1) ? column_text (stmt, 1) : e->id);
      e->kind = flag_of (gr_enterprise_kind_names, column_text (stmt, 2));
      e->plans = g_ptr_array_new ();
      g_ptr_array_add (ctx->enterprises, e);
      g_hash_table_insert (ctx->enterprise_by_id, e->id, e);
    }
  return finish (ctx, rc, error);
}

static gboolean
load_depots_and_bins (GrRulesContext  *ctx,
                      GError         **error)
{
  g_autoptr(sqlite3_stmt) depots = prepare (ctx, "SELECT id, name, enterprise FROM depots WHERE deleted = 0", error);
  g_autoptr(sqlite3_stmt) bins = NULL;
  int rc;

  if (depots == NULL)
    return FALSE;
  while ((rc = sqlite3_step (depots)) == SQLITE_ROW)
    {
      RuleDepot *d = g_new0 (RuleDepot, 1);

      d->id = g_strdup (column_text (depots, 0));
      d->name = g_strdup (column_text (depots, 1) ? column_text (depots, 1) : d->id);
      d->enterprise = g_hash_table_lookup (ctx->enterprise_by_id, column_text (depots, 2) ? column_text (depots, 2) : "");
      g_ptr_array_add (ctx->depots, d);
      g_hash_table_insert (ctx->depot_by_id, d->id, d);
    }
  if (!finish (ctx, rc, error))
    return FALSE;

  bins = prepare (ctx, "SELECT id, code, depot, storage_tech FROM bins WHERE deleted = 0", error);
  if (bins == NULL)
    return FALSE;
  while ((rc = sqlite3_step (bins)) == SQLITE_ROW)
    {
      RuleBin *b = g_new0 (RuleBin, 1);
      const char *tech = column_text (bins, 3);

      b->id = g_strdup (column_text (bins, 0));
      b->code = g_strdup (column_text (bins, 1) ? column_text (bins, 1) : b->id);
      b->depot = g_hash_table_lookup (ctx->depot_by_id, column_text (bins, 2) ? column_text (bins, 2) : "");
      b->low_temp = g_strcmp0 (tech, "low_temp") == 0 || g_strcmp0 (tech, "quasi_low_temp") == 0;
      b->lots = g_ptr_array_new ();
      g_ptr_array_add (ctx->bins, b);
      g_hash_table_insert (ctx->bin_by_id, b->id, b);
    }
  return finish (ctx, rc, error);
}

static gboolean
load_plans (GrRulesContext  *ctx,
            GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (ctx,
    "SELECT id, enterprise, variety, quantity_kg, required_grade, rotation_mode, valid_from, valid_to, fill_by"
    " FROM plans WHERE deleted = 0", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *variety = column_text (stmt, 2);
      RuleEnterprise *enterprise = g_hash_table_lookup (ctx->enterprise_by_id,
                                                        column_text (stmt, 1) ? column_text (stmt, 1) : "");
      GrDay valid_from = gr_day_parse (column_text (stmt, 6));
      RulePlan *p;

      /* Import refuses such plans; a plan the rules cannot place is skipped. */
      if (!gr_variety_is_valid (variety) || enterprise == NULL || valid_from == GR_DAY_NONE)
        continue;
      if (!gr_profile_covers_class (ctx->profile, gr_variety_class (variety)))
        continue;

      p = g_new0 (RulePlan, 1);
      p->id = g_strdup (column_text (stmt, 0));
      p->enterprise = enterprise;
      p->variety = g_intern_string (variety);
      p->klass = gr_variety_class (variety);
      p->quantity_kg = sqlite3_column_int64 (stmt, 3);
      p->required_grade = sqlite3_column_int (stmt, 4);
      p->rotation_mode = flag_of (gr_rotation_mode_names, column_text (stmt, 5));
      p->valid_from = valid_from;
      p->valid_to = gr_day_parse (column_text (stmt, 7));
      if (p->valid_to == GR_DAY_NONE)
        p->valid_to = GR_DAY_MAX;
      p->fill_by = gr_day_parse (column_text (stmt, 8));
      p->win_start = MAX (MAX (ctx->year_start, p->valid_from), p->fill_by);
      p->win_end = MIN (ctx->as_of, p->valid_to);
      p->days = g_array_new (FALSE, FALSE, sizeof (GrStockDay));
      p->months = g_array_new (FALSE, FALSE, sizeof (GrMonthStock));
      p->rotations = g_array_new (FALSE, FALSE, sizeof (GrRotationMove));
      p->lots = g_ptr_array_new ();
      g_ptr_array_add (ctx->plans, p);
      g_ptr_array_add (enterprise->plans, p);
      g_hash_table_insert (ctx->plan_by_id, p->id, p);
    }
  return finish (ctx, rc, error);
}

static gboolean
load_lots (GrRulesContext  *ctx,
           GError         **error)
{
  static const char * const qualities[] = { "suitable", "slightly_unsuitable", "severely_unsuitable", NULL };
  g_autoptr(sqlite3_stmt) stmt = prepare (ctx,
    "SELECT id, bin, plan, variety, grade, substandard, harvest_year, produced_on, entered_on,"
    "       shelf_life_days, packaged, owner, rotation_mode, storage_quality, replaces, delay_approved, balance_kg"
    " FROM lots WHERE deleted = 0", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RulePlan *plan = g_hash_table_lookup (ctx->plan_by_id, column_text (stmt, 2) ? column_text (stmt, 2) : "");
      const char *variety = column_text (stmt, 3);
      guint quality;
      RuleLot *l;

      /* Lots of plans outside the profile's classes are not its business. */
      if (plan == NULL)
        continue;

      /* One block with the id, so the movement pass finds both in one place. */
      l = g_malloc0 (sizeof (RuleLot) + sqlite3_column_bytes (stmt, 0) + 1);
      l->id_length = sqlite3_column_bytes (stmt, 0);
      l->id = (char *) (l + 1);
      memcpy (l->id, column_text (stmt, 0), l->id_length);
      l->plan = plan;
      l->bin = g_hash_table_lookup (ctx->bin_by_id, column_text (stmt, 1) ? column_text (stmt, 1) : "");
      l->variety = gr_variety_is_valid (variety) ? g_intern_string (variety) : plan->variety;
      l->klass = gr_variety_class (l->variety);
      if (!gr_profile_covers_class (ctx->profile, l->klass))
        {
          /* The plan's stored rotation queue counts this lot too. */
          plan->lots_skipped = TRUE;
          g_free (l);
          continue;
        }
      l->grade = sqlite3_column_int (stmt, 4);
      l->substandard = sqlite3_column_int (stmt, 5) != 0;
      l->harvest_year = sqlite3_column_int (stmt, 6);
      l->produced_on = gr_day_parse (column_text (stmt, 7));
      l->entered_on = gr_day_parse (column_text (stmt, 8));
      l->shelf_life_days = sqlite3_column_int (stmt, 9);
      l->packaged = sqlite3_column_int (stmt, 10) != 0;
      /* DESIGN.md §3 defaults: owner municipal, rotation mode the plan's. */
      l->owner = g_string_chunk_insert_const (ctx->strings, column_text (stmt, 11) ? column_text (stmt, 11) : "municipal");
      l->rotation_mode = flag_of (gr_rotation_mode_names, column_text (stmt, 12));
      if (l->rotation_mode == 0)
        l->rotation_mode = plan->rotation_mode;
      quality = flag_of (qualities, column_text (stmt, 13));
      l->storage_quality = quality == 4 ? 2 : quality == 2 ? 1 : 0;
      if (column_text (stmt, 14) != NULL)
        l->replaces = g_string_chunk_insert (ctx->strings, column_text (stmt, 14));
      l->delay_approved = sqlite3_column_int (stmt, 15) != 0;
      l->balance_kg = sqlite3_column_int64 (stmt, 16);
      g_ptr_array_add (ctx->lots, l);
      g_ptr_array_add (plan->lots, l);
      if (l->bin != NULL)
        g_ptr_array_add (l->bin->lots, l);
    }
  return finish (ctx, rc, error);
}

static gboolean
load_releases (GrRulesContext  *ctx,
               GError         **error)
{
  const GrRuleParams *replenish = gr_profile_get_rule (ctx->profile, GR_RULE_RELEASE_REPLENISH);
  /* Release allocation also sets the exemptions of the stock rules; the
   * period is the replenish rule's, 12 months in every document we have. */
  int months = replenish ? replenish->months : 12;
  g_autoptr(sqlite3_stmt) stmt = prepare (ctx,
    "SELECT id, order_no, date, enterprise, variety, quantity_kg FROM releases WHERE deleted = 0"
    " ORDER BY date, id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *variety = column_text (stmt, 4);
      RuleEnterprise *enterprise = g_hash_table_lookup (ctx->enterprise_by_id,
                                                        column_text (stmt, 3) ? column_text (stmt, 3) : "");
      GrDay date = gr_day_parse (column_text (stmt, 2));
      RuleRelease *r;

      if (!gr_variety_is_valid (variety) || enterprise == NULL || date == GR_DAY_NONE ||
          !gr_profile_covers_class (ctx->profile, gr_variety_class (variety)))
        continue;
      r = g_new0 (RuleRelease, 1);
      r->id = g_strdup (column_text (stmt, 0));
      r->order_no = g_strdup (column_text (stmt, 1) ? column_text (stmt, 1) : r->id);
      r->date = date;
      r->due = gr_day_add_months (date, months);
      r->enterprise = enterprise;
      r->variety = g_intern_string (variety);
      r->klass = gr_variety_class (variety);
      r->quantity_kg = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (ctx->releases, r);
    }
  return finish (ctx, rc, error);
}

/* Small keyed lookups: vacancy extensions, filed reports, submitted plans. */
static gboolean
load_keyed (GrRulesContext  *ctx,
            const char      *sql,
            GHashTable      *table,
            gboolean         with_day,
            GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (ctx, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *a = column_text (stmt, 0);
      const char *b = column_text (stmt, 1);
      GrDay day = with_day ? gr_day_parse (column_text (stmt, 2)) : 1;

      if (a == NULL || b == NULL || day == GR_DAY_NONE)
        continue;
      g_hash_table_insert (table, g_strconcat (a, "\037", b, NULL), GUINT_TO_POINTER (day));
    }
  return finish (ctx, rc, error);
}

static gboolean
load_snapshots (GrRulesContext  *ctx,
                GError         **error)
{
  g_autofree char *from = g_strdup_printf ("%04d-01", ctx->year - 1);
  g_autofree char *to = g_strdup_printf ("%04d-%02d", ctx->year, ctx->month);
  g_autoptr(sqlite3_stmt) base = NULL;
  g_autoptr(sqlite3_stmt) range = NULL;
  int rc;

  /* The latest snapshot before the range carries forward into it (SQLite
   * returns the row of max() for the bare columns). */
  base = prepare (ctx, "SELECT plan, max (month), stock_kg FROM plan_month_stock WHERE month < ?1 GROUP BY plan", error);
  range = prepare (ctx, "SELECT plan, month, stock_kg FROM plan_month_stock WHERE month >= ?1 AND month <= ?2"
                        " ORDER BY plan, month", error);
  if (base == NULL || range == NULL)
    return FALSE;
  sqlite3_bind_text (base, 1, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (range, 1, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (range, 2, to, -1, SQLITE_STATIC);

  for (sqlite3_stmt *stmt = base; stmt != NULL; stmt = stmt == base ? range : NULL)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          RulePlan *plan = g_hash_table_lookup (ctx->plan_by_id, column_text (stmt, 0));
          int year, month;
          GrMonthStock entry;

          if (plan == NULL || !gr_month_parse (column_text (stmt, 1), &year, &month))
            continue;
          entry.month = year * 12 + month - 1;
          entry.stock_kg = sqlite3_column_int64 (stmt, 2);
          g_array_append_val (plan->months, entry);
        }
      if (!finish (ctx, rc, error))
        return FALSE;
    }
  return TRUE;
}

static inline guint64
hash_id (const char *id,
         guint       length)
{
  guint64 h = G_GUINT64_CONSTANT (14695981039346656037);  /* FNV-1a */

  for (guint i = 0; i < length; i++)
    {
      h ^= (guchar) id[i];
      h *= G_GUINT64_CONSTANT (1099511628211);
    }
  return h;
}

static void
lot_index_init (GrLotIndex *index,
                GPtrArray  *lots)
{
  guint size = 16;

  while (size < lots->len * 2)
    size <<= 1;
  index->slots = g_new0 (GrLotSlot, size);
  index->mask = size - 1;
  for (guint i = 0; i < lots->len; i++)
    {
      RuleLot *lot = lots->pdata[i];
      guint64 hash = hash_id (lot->id, lot->id_length);
      guint slot = (guint) hash & index->mask;

      while (index->slots[slot].lot != NULL)
        slot = (slot + 1) & index->mask;
      index->slots[slot].hash = hash;
      index->slots[slot].lot = lot;
    }
}

static inline RuleLot *
lot_index_lookup (GrLotIndex *index,
                  const char *id,
                  guint       length)
{
  guint64 hash = hash_id (id, length);

  for (guint slot = (guint) hash & index->mask; index->slots[slot].lot != NULL; slot = (slot + 1) & index->mask)
    {
      RuleLot *lot = index->slots[slot].lot;

      if (index->slots[slot].hash == hash && lot->id_length == length && memcmp (lot->id, id, length) == 0)
        return lot;
    }
  return NULL;
}

static gboolean
in_vacancy_scope (const GrRuleParams *vacancy,
                  RulePlan           *plan)
{
  return vacancy != NULL &&
         (vacancy->classes & GR_CLASS_BIT (plan->klass)) != 0 &&
         (vacancy->rotation_modes & plan->rotation_mode) != 0;
}

typedef struct {
  GrRulesContext     *ctx;
  const GrRuleParams *vacancy;
  const char         *start;      /* the window's first day, YYYY-MM-DD */
  gboolean            scan;       /* rows from a scan of the whole table */
  RuleLot            *lot;
} Pass;

static void
take_movement (Pass         *pass,
               sqlite3_stmt *stmt)
{
  GrRulesContext *ctx = pass->ctx;
  const char *lot_id = column_text (stmt, 0);
  guint lot_length = sqlite3_column_bytes (stmt, 0);
  const char *date = column_text (stmt, 1);
  RuleLot *lot = pass->lot;
  gint64 quantity, delta;
  GrDay day;
  int kind;

  if (lot_id == NULL || date == NULL)
    return;
  /* The rows come lot by lot: look each lot up once. */
  if (lot == NULL || lot->id_length != lot_length || memcmp (lot->id, lot_id, lot_length) != 0)
    lot = pass->lot = lot_index_lookup (&ctx->lot_index, lot_id, lot_length);
  if (lot == NULL || (kind = kind_of (column_text (stmt, 2))) == KIND_UNKNOWN)
    return;
  /* A table scan also brings the older rotations of plans the vacancy
   * rule does not cover: drop them before any more work (ISO dates
   * compare as text). */
  if (pass->scan && !lot->plan->vacancy_scope && kind != KIND_REPLENISH && strncmp (date, pass->start, 10) < 0)
    return;
  if ((day = parse_day (date)) == GR_DAY_NONE)
    return;
  quantity = sqlite3_column_int64 (stmt, 3);

  delta = kind < KIND_ROTATE_OUT ? quantity : -quantity;
  if (day >= ctx->year_start)
    {
      lot->since_start_kg += delta;
      if (day > ctx->as_of)
        {
          lot->after_as_of_kg += delta;
          return;
        }
      else if (!ctx->no_plan_days)
        {
          GrWindowMove move = { lot, day, delta };

          g_array_append_val (ctx->window_moves, move);
        }
    }

  /* Rotations before the plan's stored queue are in it already. */
  if ((kind == KIND_ROTATE_OUT || kind == KIND_ROTATE_IN) && lot->plan->vacancy_scope &&
      day >= lot->plan->rotations_from)
    {
      GrRotationMove move = { .lot = lot, .day = day, .out = kind == KIND_ROTATE_OUT, .quantity_kg = quantity };

      if (move.out)
        move.id = g_string_chunk_insert (ctx->strings, column_text (stmt, 4));
      g_array_append_val (lot->plan->rotations, move);
    }
  else if (kind == KIND_REPLENISH)
    {
      GrReplenishMove move = { lot, day, quantity };

      g_array_append_val (ctx->replenishments, move);
    }
}

static gboolean
run_pass (Pass        *pass,
          const char  *sql,
          const char  *first,
          const char  *second,
          const char  *third,
          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (pass->ctx, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, first, -1, SQLITE_STATIC);
  if (second != NULL)
    sqlite3_bind_text (stmt, 2, second, -1, SQLITE_STATIC);
  if (third != NULL)
    sqlite3_bind_text (stmt, 3, third, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    take_movement (pass, stmt);
  return finish (pass->ctx, rc, error);
}

/* Starts the rotations of each plan in the vacancy rule's scope from the
 * queue of its rotate-outs still open at the latest 1 January of the
 * as-of year or before (gr-rotation-state.h): the open rotate-outs on
 * their dates, and one rotate-in, the day before that 1 January, of what
 * the head of the queue had already received (only the head can be
 * partly filled). The vacancy loop then goes on from the state the older
 * rotations left: the vacancies they closed before that day touch no
 * window (every window starts on or after it). A plan without a queue,
 * or whose queue names a lot not loaded here, reads its whole history. */
static gboolean
seed_rotations (GrRulesContext  *ctx,
                GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (ctx,
    "SELECT plan, max (year), open FROM plan_rotation_state WHERE year <= ?1 GROUP BY plan", error);
  g_autoptr(GArray) seeds = g_array_new (FALSE, FALSE, sizeof (GrRotationMove));
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, ctx->year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RulePlan *plan = g_hash_table_lookup (ctx->plan_by_id, column_text (stmt, 0));
      int year = sqlite3_column_int (stmt, 1);
      g_autoptr(GPtrArray) queue = NULL;
      gboolean usable = TRUE;

      if (plan == NULL || !plan->vacancy_scope || plan->lots_skipped ||
          (queue = gr_rotation_state_parse (column_text (stmt, 2), NULL)) == NULL)
        continue;

      g_array_set_size (seeds, 0);
      for (guint i = 0; i < queue->len && usable; i++)
        {
          const GrOpenRotation *open = queue->pdata[i];
          RuleLot *lot = gr_rules_find_lot (ctx, open->lot);
          GrRotationMove out = { .lot = lot, .day = gr_day_parse (open->date), .out = TRUE,
                                 .quantity_kg = open->quantity_kg,
                                 .id = g_string_chunk_insert_const (ctx->strings, open->id) };

          usable = lot != NULL && lot->plan == plan && out.day != GR_DAY_NONE &&
                   open->remaining_kg >= 0 && open->remaining_kg <= open->quantity_kg &&
                   (i == 0 || open->remaining_kg == open->quantity_kg);
          g_array_append_val (seeds, out);
        }
      if (!usable)
        continue;
      if (queue->len > 0)
        {
          const GrOpenRotation *head = queue->pdata[0];

          if (head->remaining_kg < head->quantity_kg)
            {
              GrRotationMove in = { .lot = g_array_index (seeds, GrRotationMove, 0).lot,
                                    .day = gr_day_from_ymd (year, 1, 1) - 1, .out = FALSE,
                                    .quantity_kg = head->quantity_kg - head->remaining_kg };

              g_array_append_val (seeds, in);
            }
        }
      g_array_append_vals (plan->rotations, seeds->data, seeds->len);
      plan->rotations_from = gr_day_from_ymd (year, 1, 1);
    }
  return finish (ctx, rc, error);
}

#define MOVEMENT_COLUMNS \
  "SELECT l.id, m.date, m.kind, m.quantity_kg, CASE m.kind WHEN 'rotate_out' THEN m.id END"
/* Lot by lot through the index on movements (lot, date): only the
 * movements wanted are read, wherever they lie in the table. */
#define BY_LOT \
  " FROM lots l CROSS JOIN movements m ON m.lot = l.id WHERE l.deleted = 0 AND m.deleted = 0"

static gboolean
load_movements (GrRulesContext  *ctx,
                GError         **error)
{
  g_autofree char *start = gr_day_to_iso (ctx->year_start);
  Pass pass = { ctx, gr_profile_get_rule (ctx->profile, GR_RULE_ROTATION_VACANCY), start, FALSE, NULL };
  guint scoped = 0;
  guint older = 0;

  for (guint i = 0; i < ctx->plans->len; i++)
    {
      RulePlan *plan = ctx->plans->pdata[i];

      plan->vacancy_scope = in_vacancy_scope (pass.vacancy, plan);
      scoped += plan->vacancy_scope;
    }
  if (scoped > 0 && !ctx->whole_history && !seed_rotations (ctx, error))
    return FALSE;

  /* The window (every movement from 1 January of the as-of year) and,
   * before it, the rotations of the vacancy rule's plans since their
   * stored queue (all of them without one): a vacancy opened then may
   * still be open, and fills first-in-first-out. Looking the movements up
   * lot by lot reads only those; when the plans that need older
   * rotations hold a good part of the lots, one sequential scan of the
   * table for both is cheaper. */
  for (guint i = 0; i < ctx->lots->len; i++)
    {
      RulePlan *plan = ((RuleLot *) ctx->lots->pdata[i])->plan;

      older += plan->vacancy_scope && plan->rotations_from < ctx->year_start;
    }
  if (older * 3 >= ctx->lots->len && older > 0)
    {
      pass.scan = TRUE;
      if (!run_pass (&pass,
                     "SELECT lot, date, kind, quantity_kg, CASE kind WHEN 'rotate_out' THEN id END FROM movements"
                     " WHERE deleted = 0 AND (date >= ?1 OR kind IN ('rotate_out', 'rotate_in'))",
                     start, NULL, NULL, error))
        return FALSE;
    }
  else
    {
      if (!run_pass (&pass, MOVEMENT_COLUMNS BY_LOT " AND m.date >= ?1", start, NULL, NULL, error))
        return FALSE;
      for (guint i = 0; i < ctx->plans->len && older > 0; i++)
        {
          RulePlan *plan = ctx->plans->pdata[i];
          g_autofree char *from = NULL;

          if (!plan->vacancy_scope || plan->rotations_from >= ctx->year_start || plan->lots->len == 0)
            continue;
          from = plan->rotations_from != GR_DAY_NONE ? gr_day_to_iso (plan->rotations_from) : g_strdup ("");
          if (!run_pass (&pass,
                         MOVEMENT_COLUMNS BY_LOT " AND l.plan = ?3 AND m.date >= ?2 AND m.date < ?1"
                         " AND m.kind IN ('rotate_out', 'rotate_in')",
                         start, from, plan->id, error))
            return FALSE;
        }
    }

  /* And the replenishments since the oldest release order, of the plans
   * those orders are about. */
  if (ctx->releases->len > 0)
    {
      g_autofree char *first_order = gr_day_to_iso (((RuleRelease *) ctx->releases->pdata[0])->date);

      if (!run_pass (&pass,
                     MOVEMENT_COLUMNS BY_LOT " AND m.date < ?1 AND m.date >= ?2 AND m.kind = 'replenish'"
                     " AND l.plan IN (SELECT p.id FROM plans p JOIN releases r"
                     "                ON r.enterprise = p.enterprise AND r.variety = p.variety"
                     "                WHERE p.deleted = 0 AND r.deleted = 0)",
                     start, first_order, NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* Each plan's stock at the end of the day before the year's start, and at
 * the end of every day it moved since, up to the as-of date. The window
 * is at most a year, so the days are counted in buckets, not sorted. */
static void
build_plan_days (GrRulesContext *ctx)
{
  guint n_days = ctx->as_of - ctx->year_start + 1;
  const GrWindowMove *moves = (const GrWindowMove *) (gpointer) ctx->window_moves->data;
  g_autoptr(GHashTable) buckets = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  for (guint i = 0; i < ctx->lots->len; i++)
    {
      RuleLot *lot = ctx->lots->pdata[i];

      lot->plan->opening_kg += lot->balance_kg - lot->since_start_kg;
    }

  /* Per plan, the net of each day and whether anything moved on it (a
   * day whose movements net to zero is still a day with movements). */
  for (guint i = 0; i < ctx->window_moves->len; i++)
    {
      RulePlan *plan = moves[i].lot->plan;
      gint64 *net = g_hash_table_lookup (buckets, plan);
      guint d = moves[i].day - ctx->year_start;

      if (net == NULL)
        {
          net = g_malloc0 (n_days * (sizeof (gint64) + 1));
          g_hash_table_insert (buckets, plan, net);
        }
      net[d] += moves[i].delta_kg;
      ((guint8 *) (net + n_days))[d] = 1;
    }

  for (guint p = 0; p < ctx->plans->len; p++)
    {
      RulePlan *plan = ctx->plans->pdata[p];
      gint64 *net = g_hash_table_lookup (buckets, plan);
      const guint8 *moved;
      gint64 stock = plan->opening_kg;

      if (net == NULL)
        continue;
      moved = (const guint8 *) (net + n_days);
      for (guint d = 0; d < n_days; d++)
        if (moved[d])
          {
            GrStockDay entry = { ctx->year_start + d, stock += net[d] };

            g_array_append_val (plan->days, entry);
          }
    }
}

RuleLot *
gr_rules_find_lot (GrRulesContext *ctx,
                   const char     *id)
{
  return id ? lot_index_lookup (&ctx->lot_index, id, strlen (id)) : NULL;
}

gboolean
gr_rules_load (GrRulesContext  *ctx,
               GError         **error)
{
  GrProfile *profile = ctx->profile;
  gboolean need_snapshots =
    gr_profile_get_rule (profile, GR_RULE_STOCK_FULL_MONTH) != NULL ||
    (gr_profile_get_rule (profile, GR_RULE_STOCK_MIN_RATIO) != NULL &&
     gr_profile_get_rule (profile, GR_RULE_STOCK_MIN_RATIO)->check == GR_CHECK_MONTH_END);

  if (!load_enterprises (ctx, error) ||
      !load_depots_and_bins (ctx, error) ||
      !load_plans (ctx, error) ||
      !load_lots (ctx, error) ||
      !load_releases (ctx, error))
    return FALSE;
  lot_index_init (&ctx->lot_index, ctx->lots);

  if (gr_profile_get_rule (profile, GR_RULE_ROTATION_VACANCY) != NULL &&
      !load_keyed (ctx,
                   "SELECT i.lot, i.out_month FROM rotation_plan_items i JOIN rotation_plans r ON r.id = i.parent"
                   " WHERE r.deleted = 0 AND r.state = 'approved' AND i.vacancy_extension_approved = 1",
                   ctx->extensions, FALSE, error))
    return FALSE;
  if (gr_profile_get_rule (profile, GR_RULE_REPORT_MONTHLY) != NULL &&
      !load_keyed (ctx,
                   "SELECT enterprise, month, min (filed_on) FROM monthly_reports"
                   " WHERE deleted = 0 AND filed_on IS NOT NULL GROUP BY enterprise, month",
                   ctx->reports, TRUE, error))
    return FALSE;
  if (gr_profile_get_rule (profile, GR_RULE_PLAN_ANNUAL) != NULL &&
      !load_keyed (ctx,
                   "SELECT enterprise, year, min (submitted_on) FROM rotation_plans"
                   " WHERE deleted = 0 AND submitted_on IS NOT NULL GROUP BY enterprise, year",
                   ctx->submissions, TRUE, error))
    return FALSE;
  if (need_snapshots && !load_snapshots (ctx, error))
    return FALSE;
  if (!load_movements (ctx, error))
    return FALSE;

  build_plan_days (ctx);
  return TRUE;
}
