/* gr-stock-row.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-stock-row"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "gr-labels.h"
#include "gr-stock-row.h"
#include "gr-variety.h"

/* A bin holding lots of more than one variety */
#define SEVERAL_VARIETIES (-2)

struct _GrStockRow
{
  GObject          parent_instance;

  GrStockSnapshot *snapshot;
  GrStockLevel     level;
  guint            index;

  /* Figures under the filter the row was built for */
  gint64           stock_kg;
  gint64           plan_kg;
  gint64           plan_stock_kg;
  guint            n_lots;
  int              variety;        /* bins: index, -1 none, SEVERAL_VARIETIES */
};

G_DEFINE_FINAL_TYPE (GrStockRow, gr_stock_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LEVEL,
  PROP_ID,
  PROP_NAME,
  PROP_ENTERPRISE_NAME,
  PROP_DEPOT_NAME,
  PROP_BIN_CODE,
  PROP_REGION,
  PROP_KIND_NAME,
  PROP_VARIETY_NAME,
  PROP_GRADE_TEXT,
  PROP_GRADE_RANK,
  PROP_YEAR,
  PROP_YEAR_TEXT,
  PROP_ENTERED_ON,
  PROP_AGE_MONTHS,
  PROP_QUALITY_NAME,
  PROP_QUALITY_RANK,
  PROP_MODE_NAME,
  PROP_KEEPER,
  PROP_TECH_NAME,
  PROP_STOCK_KG,
  PROP_PLAN_KG,
  PROP_RATIO,
  PROP_CAPACITY_KG,
  PROP_USE,
  PROP_N_LOTS,
  /* Numbers the text columns sort by (gr-stock-query.h) */
  PROP_NAME_RANK,
  PROP_ENTERPRISE_RANK,
  PROP_DEPOT_RANK,
  PROP_BIN_RANK,
  PROP_REGION_RANK,
  PROP_KIND_RANK,
  PROP_VARIETY_RANK,
  PROP_ENTERED_DAY,
  PROP_MODE_RANK,
  PROP_TECH_RANK,
  PROP_KEEPER_RANK,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/*
 * What a row shows
 */

static const GrStockLot *
row_lot (GrStockRow *self)
{
  return self->level == GR_STOCK_LEVEL_LOT ? gr_stock_snapshot_get_lot (self->snapshot, self->index) : NULL;
}

static const GrStockBin *
row_bin (GrStockRow *self)
{
  switch (self->level)
    {
    case GR_STOCK_LEVEL_LOT: return gr_stock_snapshot_get_bin (self->snapshot, row_lot (self)->bin);
    case GR_STOCK_LEVEL_BIN: return gr_stock_snapshot_get_bin (self->snapshot, self->index);
    case GR_STOCK_LEVEL_ENTERPRISE:
    case GR_STOCK_LEVEL_DEPOT:
    case GR_STOCK_N_LEVELS:
    default:                 return NULL;
    }
}

static const GrStockDepot *
row_depot (GrStockRow *self)
{
  const GrStockBin *bin;

  if (self->level == GR_STOCK_LEVEL_DEPOT)
    return gr_stock_snapshot_get_depot (self->snapshot, self->index);
  bin = row_bin (self);
  return bin ? gr_stock_snapshot_get_depot (self->snapshot, bin->depot) : NULL;
}

static const GrStockEnterprise *
row_enterprise (GrStockRow *self)
{
  const GrStockDepot *depot;

  if (self->level == GR_STOCK_LEVEL_ENTERPRISE)
    return gr_stock_snapshot_get_enterprise (self->snapshot, self->index);
  depot = row_depot (self);
  return depot ? gr_stock_snapshot_get_enterprise (self->snapshot, depot->enterprise) : NULL;
}

static int
lot_year (const GrStockLot *lot)
{
  if (lot->harvest_year != 0)
    return lot->harvest_year;
  return lot->produced_on ? atoi (lot->produced_on) : 0;
}

/* Smaller is better: lots grade 1 first, then 等外, then untested;
 * depots AAAAA first, ungraded last. */
static int
grade_rank (GrStockRow *self)
{
  const GrStockLot *lot = row_lot (self);

  if (lot != NULL)
    {
      if (lot->substandard)
        return 6;
      return lot->grade > 0 ? lot->grade : 7;
    }
  if (self->level == GR_STOCK_LEVEL_DEPOT)
    {
      const char *grade = row_depot (self)->grade;
      int stars = grade && g_str_has_prefix (grade, "A") ? (int) strlen (grade) : 0;

      return 6 - stars;
    }
  return -1;
}

static char *
grade_text (GrStockRow *self)
{
  const GrStockLot *lot = row_lot (self);

  if (lot != NULL)
    {
      if (lot->substandard)
        return g_strdup (_("Substandard"));
      if (lot->grade == 0)
        /* TRANSLATORS: a lot without a quality test: 未检验 */
        return g_strdup (_("Untested"));
      return gr_variety_grade_name (lot->variety, lot->grade);
    }
  if (self->level == GR_STOCK_LEVEL_DEPOT)
    return g_strdup (gr_depot_grade_name (row_depot (self)->grade));
  return g_strdup ("");
}

static char *
variety_name (GrStockRow *self)
{
  const GrStockLot *lot = row_lot (self);

  if (lot != NULL)
    return g_strdup (gr_variety_name (lot->variety));
  if (self->level == GR_STOCK_LEVEL_BIN && self->variety >= 0)
    return g_strdup (gr_variety_name (gr_variety_codes ()[self->variety]));
  if (self->level == GR_STOCK_LEVEL_BIN && self->variety == SEVERAL_VARIETIES)
    /* TRANSLATORS: a bin holding lots of more than one variety */
    return g_strdup (_("Several varieties"));
  return g_strdup ("");
}

static char *
year_text (GrStockRow *self)
{
  const GrStockLot *lot = row_lot (self);

  if (lot == NULL)
    return g_strdup ("");
  if (lot->harvest_year != 0)
    return g_strdup_printf ("%d", lot->harvest_year);
  return g_strdup (lot->produced_on ? lot->produced_on : "");
}

static int
index_in (const char * const *codes,
          const char         *code)
{
  for (int i = 0; codes[i] != NULL; i++)
    if (g_strcmp0 (codes[i], code) == 0)
      return i;
  return -1;
}

static const char * const enterprise_kinds[] = { "reserve_company", "agent", NULL };
static const char * const bin_types[] = { "warehouse", "silo", "tank", NULL };
static const char * const rotation_modes[] = { "static", "autonomous", "dynamic", NULL };
static const char * const storage_techs[] = { "normal", "quasi_low_temp", "low_temp", "controlled_atmosphere", NULL };

static int
name_rank (GrStockRow *self)
{
  switch (self->level)
    {
    case GR_STOCK_LEVEL_ENTERPRISE: return (int) row_enterprise (self)->name_rank;
    case GR_STOCK_LEVEL_DEPOT:      return (int) row_depot (self)->name_rank;
    case GR_STOCK_LEVEL_BIN:        return (int) row_bin (self)->code_rank;
    case GR_STOCK_LEVEL_LOT:        return (int) row_lot (self)->id_rank;
    case GR_STOCK_N_LEVELS:
    default:                        return -1;
    }
}

/* 2023-11-15 → 20231115, or -1 */
static int
date_number (const char *iso)
{
  if (iso == NULL || strlen (iso) != 10)
    return -1;
  return atoi (iso) * 10000 + atoi (iso + 5) * 100 + atoi (iso + 8);
}

static int
permille (gint64 part,
          gint64 whole)
{
  if (whole <= 0 || part < 0)
    return -1;
  /* Truncated, like the rules' ratios: 69.96 % never shows as 70.0 %. */
  return (int) MIN ((double) part * 1000.0 / (double) whole, (double) G_MAXINT);
}

static void
gr_stock_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  GrStockRow *self = GR_STOCK_ROW (object);
  const GrStockLot *lot = row_lot (self);
  const GrStockBin *bin;
  const GrStockDepot *depot;
  const GrStockEnterprise *enterprise;

  switch (prop_id)
    {
    case PROP_LEVEL:
      g_value_set_int (value, self->level);
      break;

    case PROP_ID:
      g_value_set_string (value, gr_stock_row_get_id (self));
      break;

    case PROP_NAME:
      g_value_set_string (value, gr_stock_row_get_name (self));
      break;

    case PROP_ENTERPRISE_NAME:
      enterprise = self->level != GR_STOCK_LEVEL_ENTERPRISE ? row_enterprise (self) : NULL;
      g_value_set_string (value, enterprise ? enterprise->name : "");
      break;

    case PROP_DEPOT_NAME:
      depot = self->level > GR_STOCK_LEVEL_DEPOT ? row_depot (self) : NULL;
      g_value_set_string (value, depot ? depot->name : "");
      break;

    case PROP_BIN_CODE:
      bin = lot ? row_bin (self) : NULL;
      g_value_set_string (value, bin ? bin->code : "");
      break;

    case PROP_REGION:
      depot = self->level == GR_STOCK_LEVEL_DEPOT ? row_depot (self) : NULL;
      g_value_set_string (value, depot && depot->region ? depot->region : "");
      break;

    case PROP_KIND_NAME:
      if (self->level == GR_STOCK_LEVEL_ENTERPRISE)
        g_value_set_string (value, gr_enterprise_kind_name (row_enterprise (self)->kind));
      else if (self->level == GR_STOCK_LEVEL_BIN)
        g_value_set_string (value, gr_bin_type_name (row_bin (self)->type));
      else
        g_value_set_string (value, "");
      break;

    case PROP_VARIETY_NAME:
      g_value_take_string (value, variety_name (self));
      break;

    case PROP_GRADE_TEXT:
      g_value_take_string (value, grade_text (self));
      break;

    case PROP_GRADE_RANK:
      g_value_set_int (value, grade_rank (self));
      break;

    case PROP_YEAR:
      g_value_set_int (value, lot ? lot_year (lot) : -1);
      break;

    case PROP_YEAR_TEXT:
      g_value_take_string (value, year_text (self));
      break;

    case PROP_ENTERED_ON:
      g_value_set_string (value, lot ? lot->entered_on : "");
      break;

    case PROP_AGE_MONTHS:
      g_value_set_int (value, lot ? lot->age_months : -1);
      break;

    case PROP_QUALITY_NAME:
      g_value_set_string (value, lot ? gr_storage_quality_label (lot->storage_quality) : "");
      break;

    case PROP_QUALITY_RANK:
      if (lot == NULL)
        g_value_set_int (value, -1);
      else if (g_strcmp0 (lot->storage_quality, "severely_unsuitable") == 0)
        g_value_set_int (value, 2);
      else
        g_value_set_int (value, g_strcmp0 (lot->storage_quality, "slightly_unsuitable") == 0 ? 1 : 0);
      break;

    case PROP_MODE_NAME:
      g_value_set_string (value, lot ? gr_rotation_mode_name (lot->rotation_mode) : "");
      break;

    case PROP_KEEPER:
      bin = row_bin (self);
      g_value_set_string (value, bin && bin->keeper ? bin->keeper : "");
      break;

    case PROP_TECH_NAME:
      bin = self->level == GR_STOCK_LEVEL_BIN ? row_bin (self) : NULL;
      g_value_set_string (value, bin ? gr_storage_tech_name (bin->storage_tech) : "");
      break;

    case PROP_STOCK_KG:
      g_value_set_int64 (value, self->stock_kg);
      break;

    case PROP_PLAN_KG:
      g_value_set_int64 (value, self->plan_kg);
      break;

    case PROP_RATIO:
      g_value_set_int (value, self->level == GR_STOCK_LEVEL_ENTERPRISE ? permille (self->plan_stock_kg, self->plan_kg) : -1);
      break;

    case PROP_CAPACITY_KG:
      g_value_set_int64 (value, gr_stock_row_get_capacity_kg (self));
      break;

    case PROP_USE:
      g_value_set_int (value, lot ? -1 : permille (self->stock_kg, gr_stock_row_get_capacity_kg (self)));
      break;

    case PROP_N_LOTS:
      g_value_set_uint (value, self->n_lots);
      break;

    case PROP_NAME_RANK:
      g_value_set_int (value, name_rank (self));
      break;

    case PROP_ENTERPRISE_RANK:
      enterprise = row_enterprise (self);
      g_value_set_int (value, enterprise ? (int) enterprise->name_rank : -1);
      break;

    case PROP_DEPOT_RANK:
      depot = self->level >= GR_STOCK_LEVEL_DEPOT ? row_depot (self) : NULL;
      g_value_set_int (value, depot ? (int) depot->name_rank : -1);
      break;

    case PROP_BIN_RANK:
      bin = row_bin (self);
      g_value_set_int (value, bin ? (int) bin->code_rank : -1);
      break;

    case PROP_REGION_RANK:
      depot = self->level == GR_STOCK_LEVEL_DEPOT ? row_depot (self) : NULL;
      g_value_set_int (value, depot ? (int) depot->region_rank : -1);
      break;

    case PROP_KIND_RANK:
      if (self->level == GR_STOCK_LEVEL_ENTERPRISE)
        g_value_set_int (value, index_in (enterprise_kinds, row_enterprise (self)->kind));
      else if (self->level == GR_STOCK_LEVEL_BIN)
        g_value_set_int (value, index_in (bin_types, row_bin (self)->type));
      else
        g_value_set_int (value, -1);
      break;

    case PROP_VARIETY_RANK:
      /* Display order of the varieties; a bin of several after the rest. */
      g_value_set_int (value, self->variety == SEVERAL_VARIETIES ? G_MAXINT : self->variety);
      break;

    case PROP_ENTERED_DAY:
      g_value_set_int (value, lot ? date_number (lot->entered_on) : -1);
      break;

    case PROP_MODE_RANK:
      g_value_set_int (value, lot ? index_in (rotation_modes, lot->rotation_mode) : -1);
      break;

    case PROP_TECH_RANK:
      bin = self->level == GR_STOCK_LEVEL_BIN ? row_bin (self) : NULL;
      g_value_set_int (value, bin ? index_in (storage_techs, bin->storage_tech) : -1);
      break;

    case PROP_KEEPER_RANK:
      bin = row_bin (self);
      g_value_set_int (value, bin ? (int) bin->keeper_rank : -1);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_stock_row_finalize (GObject *object)
{
  GrStockRow *self = GR_STOCK_ROW (object);

  g_clear_pointer (&self->snapshot, gr_stock_snapshot_unref);

  G_OBJECT_CLASS (gr_stock_row_parent_class)->finalize (object);
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
int_property (const char *name)
{
  return g_param_spec_int (name, NULL, NULL, -1, G_MAXINT, -1, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
kg_property (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64, -1, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
gr_stock_row_class_init (GrStockRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gr_stock_row_finalize;
  object_class->get_property = gr_stock_row_get_property;

  properties [PROP_LEVEL] = int_property ("level");
  properties [PROP_ID] = string_property ("id");
  properties [PROP_NAME] = string_property ("name");
  properties [PROP_ENTERPRISE_NAME] = string_property ("enterprise-name");
  properties [PROP_DEPOT_NAME] = string_property ("depot-name");
  properties [PROP_BIN_CODE] = string_property ("bin-code");
  properties [PROP_REGION] = string_property ("region");
  properties [PROP_KIND_NAME] = string_property ("kind-name");
  properties [PROP_VARIETY_NAME] = string_property ("variety-name");
  properties [PROP_GRADE_TEXT] = string_property ("grade-text");
  properties [PROP_GRADE_RANK] = int_property ("grade-rank");
  properties [PROP_YEAR] = int_property ("year");
  properties [PROP_YEAR_TEXT] = string_property ("year-text");
  properties [PROP_ENTERED_ON] = string_property ("entered-on");
  properties [PROP_AGE_MONTHS] = int_property ("age-months");
  properties [PROP_QUALITY_NAME] = string_property ("quality-name");
  properties [PROP_QUALITY_RANK] = int_property ("quality-rank");
  properties [PROP_MODE_NAME] = string_property ("mode-name");
  properties [PROP_KEEPER] = string_property ("keeper");
  properties [PROP_TECH_NAME] = string_property ("tech-name");
  properties [PROP_STOCK_KG] = kg_property ("stock-kg");
  properties [PROP_PLAN_KG] = kg_property ("plan-kg");
  properties [PROP_RATIO] = int_property ("ratio");
  properties [PROP_CAPACITY_KG] = kg_property ("capacity-kg");
  properties [PROP_USE] = int_property ("use");
  properties [PROP_N_LOTS] = g_param_spec_uint ("n-lots", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_NAME_RANK] = int_property ("name-rank");
  properties [PROP_ENTERPRISE_RANK] = int_property ("enterprise-rank");
  properties [PROP_DEPOT_RANK] = int_property ("depot-rank");
  properties [PROP_BIN_RANK] = int_property ("bin-rank");
  properties [PROP_REGION_RANK] = int_property ("region-rank");
  properties [PROP_KIND_RANK] = int_property ("kind-rank");
  properties [PROP_VARIETY_RANK] = int_property ("variety-rank");
  properties [PROP_ENTERED_DAY] = int_property ("entered-day");
  properties [PROP_MODE_RANK] = int_property ("mode-rank");
  properties [PROP_TECH_RANK] = int_property ("tech-rank");
  properties [PROP_KEEPER_RANK] = int_property ("keeper-rank");
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gr_stock_row_init (GrStockRow *self)
{
  self->plan_kg = -1;
  self->plan_stock_kg = -1;
  self->variety = -1;
}

static GrStockRow *
row_new (GrStockSnapshot *snapshot,
         GrStockLevel     level,
         guint            index)
{
  GrStockRow *self = g_object_new (GR_TYPE_STOCK_ROW, NULL);

  self->snapshot = gr_stock_snapshot_ref (snapshot);
  self->level = level;
  self->index = index;
  return self;
}

/* The same row read again: what it shows comes from `from` now. */
void
gr_stock_row_update (GrStockRow *self,
                     GrStockRow *from)
{
  g_return_if_fail (GR_IS_STOCK_ROW (self));
  g_return_if_fail (GR_IS_STOCK_ROW (from));
  g_return_if_fail (self->level == from->level);

  if (self->snapshot != from->snapshot)
    {
      gr_stock_snapshot_unref (self->snapshot);
      self->snapshot = gr_stock_snapshot_ref (from->snapshot);
    }
  self->index = from->index;
  self->stock_kg = from->stock_kg;
  self->plan_kg = from->plan_kg;
  self->plan_stock_kg = from->plan_stock_kg;
  self->n_lots = from->n_lots;
  self->variety = from->variety;
}

/*
 * Building rows (in a worker)
 */

typedef struct {
  gint64 stock_kg;
  guint  n_lots;
  int    variety;
} Sum;

static void
add_lot (Sum              *sum,
         const GrStockLot *lot)
{
  sum->stock_kg += lot->balance_kg;
  if (lot->balance_kg > 0)
    sum->n_lots++;
  if (sum->variety == -1)
    sum->variety = (int) lot->variety_index;
  else if (sum->variety != (int) lot->variety_index)
    sum->variety = SEVERAL_VARIETIES;
}

GPtrArray *
gr_stock_rows_build (GrStockMatcher *matcher,
                     GrStockLevel    level,
                     GCancellable   *cancellable)
{
  GrStockSnapshot *snap = gr_stock_matcher_get_snapshot (matcher);
  const GrStockFilter *filter = gr_stock_matcher_get_filter (matcher);
  gboolean narrowed = gr_stock_filter_has_lot_attributes (filter);
  guint n = gr_stock_snapshot_get_n (snap, level);
  guint n_lots = gr_stock_snapshot_get_n (snap, GR_STOCK_LEVEL_LOT);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_full (n, g_object_unref);
  g_autofree Sum *sums = NULL;

  g_return_val_if_fail (level < GR_STOCK_N_LEVELS, NULL);

  if (level == GR_STOCK_LEVEL_LOT)
    {
      for (guint i = 0; i < n; i++)
        {
          GrStockRow *row = row_new (snap, level, i);
          const GrStockLot *lot = gr_stock_snapshot_get_lot (snap, i);

          if ((i & 4095) == 0 && g_cancellable_is_cancelled (cancellable))
            return NULL;
          row->stock_kg = lot->balance_kg;
          row->n_lots = lot->balance_kg > 0;
          row->variety = (int) lot->variety_index;
          g_ptr_array_add (rows, row);
        }
      return g_steal_pointer (&rows);
    }

  /* The lots of each record: all of them, or those the filter's lot
   * attributes keep (what is in store and has them). Bins hold the
   * variety of their lots in store, or of all when none is. */
  sums = g_new0 (Sum, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    sums[i].variety = -1;
  for (guint i = 0; i < n_lots; i++)
    {
      const GrStockLot *lot = gr_stock_snapshot_get_lot (snap, i);
      const GrStockBin *bin = gr_stock_snapshot_get_bin (snap, lot->bin);
      guint target;

      if ((i & 4095) == 0 && g_cancellable_is_cancelled (cancellable))
        return NULL;
      /* Unfiltered figures count every balance, as the snapshot does. */
      if (narrowed ? !gr_stock_matcher_lot_attributes (matcher, i) : lot->balance_kg == 0)
        continue;
      if (level == GR_STOCK_LEVEL_BIN)
        target = lot->bin;
      else if (level == GR_STOCK_LEVEL_DEPOT)
        target = bin->depot;
      else
        target = gr_stock_snapshot_get_depot (snap, bin->depot)->enterprise;
      add_lot (&sums[target], lot);
    }

  for (guint i = 0; i < n; i++)
    {
      GrStockRow *row;

      if (narrowed && sums[i].n_lots == 0)
        continue;
      row = row_new (snap, level, i);
      row->stock_kg = sums[i].stock_kg;
      row->n_lots = sums[i].n_lots;
      row->variety = sums[i].variety;
      g_ptr_array_add (rows, row);
    }

  /* Against plan: the plans valid on the as-of date, of the filter's
   * variety when it has one, and the stock of their lots. */
  if (level == GR_STOCK_LEVEL_ENTERPRISE)
    for (guint r = 0; r < rows->len; r++)
      {
        GrStockRow *row = rows->pdata[r];

        row->plan_kg = row->plan_stock_kg = 0;
        for (guint p = 0; p < gr_stock_snapshot_get_n_plans (snap); p++)
          {
            const GrStockPlan *plan = gr_stock_snapshot_get_plan (snap, p);

            if (plan->enterprise != row->index || !plan->active ||
                (filter->variety != NULL && g_strcmp0 (filter->variety, plan->variety) != 0))
              continue;
            row->plan_kg += plan->quantity_kg;
            row->plan_stock_kg += plan->stock_kg;
          }
      }
  return g_steal_pointer (&rows);
}

static gint64
sort_value (GrStockRow     *row,
            GrStockSortKey  key)
{
  const GrStockLot *lot = row_lot (row);
  const GrStockBin *bin = gr_stock_snapshot_get_bin (row->snapshot, lot->bin);
  const GrStockDepot *depot = gr_stock_snapshot_get_depot (row->snapshot, bin->depot);

  switch (key)
    {
    case GR_STOCK_SORT_ID:         return lot->id_rank;
    case GR_STOCK_SORT_ENTERPRISE: return gr_stock_snapshot_get_enterprise (row->snapshot, depot->enterprise)->name_rank;
    case GR_STOCK_SORT_DEPOT:      return depot->name_rank;
    case GR_STOCK_SORT_BIN:        return bin->code_rank;
    case GR_STOCK_SORT_VARIETY:    return lot->variety_index;
    case GR_STOCK_SORT_GRADE:      return grade_rank (row);
    case GR_STOCK_SORT_YEAR:       return lot_year (lot);
    case GR_STOCK_SORT_ENTERED:    return date_number (lot->entered_on);
    case GR_STOCK_SORT_AGE:        return lot->age_months;
    case GR_STOCK_SORT_QUALITY:    return g_strcmp0 (lot->storage_quality, "severely_unsuitable") == 0 ? 2 :
                                          g_strcmp0 (lot->storage_quality, "slightly_unsuitable") == 0 ? 1 : 0;
    case GR_STOCK_SORT_MODE:       return index_in (rotation_modes, lot->rotation_mode);
    case GR_STOCK_SORT_STOCK:      return lot->balance_kg;
    case GR_STOCK_N_SORTS:
    default:                       g_return_val_if_reached (0);
    }
}

int
gr_stock_row_compare (GrStockRow     *a,
                      GrStockRow     *b,
                      GrStockSortKey  key)
{
  gint64 x, y;

  g_return_val_if_fail (GR_IS_STOCK_ROW (a) && a->level == GR_STOCK_LEVEL_LOT, 0);
  g_return_val_if_fail (GR_IS_STOCK_ROW (b) && b->level == GR_STOCK_LEVEL_LOT, 0);

  x = sort_value (a, key);
  y = sort_value (b, key);
  if (x != y)
    return x < y ? -1 : 1;
  x = row_lot (a)->id_rank;
  y = row_lot (b)->id_rank;
  return x < y ? -1 : x > y;
}

typedef struct {
  gint64      value;
  guint       id_rank;
  GrStockRow *row;
} SortEntry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const SortEntry *x = a, *y = b;
  gboolean descending = GPOINTER_TO_INT (user_data);

  if (x->value != y->value)
    return (x->value < y->value) != descending ? -1 : 1;
  return x->id_rank < y->id_rank ? -1 : x->id_rank > y->id_rank;
}

void
gr_stock_rows_sort (GPtrArray      *rows,
                    GrStockSortKey  key,
                    gboolean        descending)
{
  g_autofree SortEntry *entries = NULL;

  g_return_if_fail (rows != NULL);
  g_return_if_fail (key < GR_STOCK_N_SORTS);

  /* The keys once, then a sort over plain numbers. */
  entries = g_new (SortEntry, MAX (rows->len, 1));
  for (guint i = 0; i < rows->len; i++)
    {
      entries[i].row = rows->pdata[i];
      entries[i].value = sort_value (entries[i].row, key);
      entries[i].id_rank = row_lot (entries[i].row)->id_rank;
    }
  g_qsort_with_data (entries, rows->len, sizeof (SortEntry), compare_entries, GINT_TO_POINTER (descending));
  for (guint i = 0; i < rows->len; i++)
    rows->pdata[i] = entries[i].row;
}

gboolean
gr_stock_row_matches (GrStockRow     *self,
                      GrStockMatcher *matcher)
{
  g_return_val_if_fail (GR_IS_STOCK_ROW (self), FALSE);

  return gr_stock_matcher_place (matcher, self->level, self->index);
}

/*
 * Public API
 */

GrStockSnapshot *
gr_stock_row_get_snapshot (GrStockRow *self)
{
  g_return_val_if_fail (GR_IS_STOCK_ROW (self), NULL);
  return self->snapshot;
}

GrStockLevel
gr_stock_row_get_level (GrStockRow *self)
{
  g_return_val_if_fail (GR_IS_STOCK_ROW (self), GR_STOCK_LEVEL_LOT);
  return self->level;
}

guint
gr_stock_row_get_index (GrStockRow *self)
{
  g_return_val_if_fail (GR_IS_STOCK_ROW (self), 0);
  return self->index;
}

const char *
gr_stock_row_get_id (GrStockRow *self)
{
  g_return_val_if_fail (GR_IS_STOCK_ROW (self), NULL);

  switch (self->level)
    {
    case GR_STOCK_LEVEL_ENTERPRISE: return row_enterprise (self)->id;
    case GR_STOCK_LEVEL_DEPOT:      return row_depot (self)->id;
    case GR_STOCK_LEVEL_BIN:        return row_bin (self)->id;
    case GR_STOCK_LEVEL_LOT:        return row_lot (self)->id;
    case GR_STOCK_N_LEVELS:
    default:                        g_return_val_if_reached (NULL);
    }
}

const char *
gr_stock_row_get_name (GrStockRow *self)
{
  g_return_val_if_fail (GR_IS_STOCK_ROW (self), NULL);

  switch (self->level)
    {
    case GR_STOCK_LEVEL_ENTERPRISE: return row_enterprise (self)->name;
    case GR_STOCK_LEVEL_DEPOT:      return row_depot (self)->name;
    case GR_STOCK_LEVEL_BIN:        return row_bin (self)->code;
    case GR_STOCK_LEVEL_LOT:        return row_lot (self)->id;
    case GR_STOCK_N_LEVELS:
    default:                        g_return_val_if_reached (NULL);
    }
}

gint64
gr_stock_row_get_stock_kg (GrStockRow *self)
{
  g_return_val_if_fail (GR_IS_STOCK_ROW (self), 0);
  return self->stock_kg;
}

gint64
gr_stock_row_get_plan_kg (GrStockRow *self)
{
  g_return_val_if_fail (GR_IS_STOCK_ROW (self), -1);
  return self->plan_kg;
}

gint64
gr_stock_row_get_plan_stock_kg (GrStockRow *self)
{
  g_return_val_if_fail (GR_IS_STOCK_ROW (self), -1);
  return self->plan_stock_kg;
}

gint64
gr_stock_row_get_capacity_kg (GrStockRow *self)
{
  g_return_val_if_fail (GR_IS_STOCK_ROW (self), -1);

  switch (self->level)
    {
    case GR_STOCK_LEVEL_ENTERPRISE: return row_enterprise (self)->capacity_kg;
    case GR_STOCK_LEVEL_DEPOT:      return row_depot (self)->capacity_kg;
    case GR_STOCK_LEVEL_BIN:        return row_bin (self)->capacity_kg;
    case GR_STOCK_LEVEL_LOT:
    case GR_STOCK_N_LEVELS:
    default:                        return -1;
    }
}

guint
gr_stock_row_get_n_lots (GrStockRow *self)
{
  g_return_val_if_fail (GR_IS_STOCK_ROW (self), 0);
  return self->n_lots;
}
