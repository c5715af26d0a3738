/* gr-stock-filter.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-stock-filter"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "gr-error.h"
#include "gr-stock-filter.h"
#include "gr-variety.h"

/*
 * The filter
 */

void
gr_stock_filter_init (GrStockFilter *filter)
{
  memset (filter, 0, sizeof *filter);
  filter->age_band = -1;
}

void
gr_stock_filter_clear (GrStockFilter *filter)
{
  g_free (filter->enterprise);
  g_free (filter->depot);
  g_free (filter->bin);
  g_free (filter->variety);
  g_free (filter->grain_class);
  g_free (filter->storage_quality);
  g_free (filter->rotation_mode);
  g_free (filter->search);
  gr_stock_filter_init (filter);
}

void
gr_stock_filter_copy (const GrStockFilter *src,
                      GrStockFilter       *dest)
{
  *dest = *src;
  dest->enterprise = g_strdup (src->enterprise);
  dest->depot = g_strdup (src->depot);
  dest->bin = g_strdup (src->bin);
  dest->variety = g_strdup (src->variety);
  dest->grain_class = g_strdup (src->grain_class);
  dest->storage_quality = g_strdup (src->storage_quality);
  dest->rotation_mode = g_strdup (src->rotation_mode);
  dest->search = g_strdup (src->search);
}

gboolean
gr_stock_filter_equal (const GrStockFilter *a,
                       const GrStockFilter *b)
{
  return g_strcmp0 (a->enterprise, b->enterprise) == 0 &&
         g_strcmp0 (a->depot, b->depot) == 0 &&
         g_strcmp0 (a->bin, b->bin) == 0 &&
         g_strcmp0 (a->variety, b->variety) == 0 &&
         g_strcmp0 (a->grain_class, b->grain_class) == 0 &&
         a->grade == b->grade &&
         a->year == b->year &&
         g_strcmp0 (a->storage_quality, b->storage_quality) == 0 &&
         g_strcmp0 (a->rotation_mode, b->rotation_mode) == 0 &&
         a->age_band == b->age_band &&
         g_strcmp0 (a->search, b->search) == 0 &&
         !a->include_empty == !b->include_empty;
}

gboolean
gr_stock_filter_has_lot_attributes (const GrStockFilter *filter)
{
  return filter->variety != NULL || filter->grain_class != NULL || filter->grade != GR_STOCK_GRADE_ANY || filter->year != 0 ||
         filter->storage_quality != NULL || filter->rotation_mode != NULL || filter->age_band >= 0;
}

static const char * const qualities[] = { "suitable", "slightly_unsuitable", "severely_unsuitable", NULL };
static const char * const modes[] = { "static", "autonomous", "dynamic", NULL };
/* In GrGrainClass order. */
static const char * const grain_classes[] = { "raw", "finished", "oil", NULL };
static const char * const age_bands[] = { "under-1y", "1-2y", "2-3y", "over-3y", NULL };
static const char * const levels[] = { "enterprise", "depot", "bin", "lot", NULL };

static int
index_of (const char * const *names,
          const char         *name)
{
  for (int i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return i;
  return -1;
}

static gboolean
bad_value (GError     **error,
           const char  *key,
           const char  *value)
{
  /* TRANSLATORS: an error in a stock filter such as "variety:wheat": key, value */
  g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("Stock filter “%s”: “%s” is not a valid value"), key, value);
  return FALSE;
}

static gboolean
parse_word (const char     *word,
            GrStockFilter  *filter,
            GrStockLevel   *out_level,
            char          **out_lot,
            GString        *search,
            GError        **error)
{
  const char *colon = strchr (word, ':');
  g_autofree char *key = NULL;
  const char *value;

  if (colon == NULL || colon == word)
    {
      if (search->len > 0)
        g_string_append_c (search, ' ');
      g_string_append (search, word);
      return TRUE;
    }
  key = g_strndup (word, colon - word);
  value = colon + 1;
  if (*value == '\0')
    return bad_value (error, key, value);

  if (g_str_equal (key, "enterprise"))
    {
      g_free (filter->enterprise);
      filter->enterprise = g_strdup (value);
    }
  else if (g_str_equal (key, "depot"))
    {
      g_free (filter->depot);
      filter->depot = g_strdup (value);
    }
  else if (g_str_equal (key, "bin"))
    {
      g_free (filter->bin);
      filter->bin = g_strdup (value);
    }
  else if (g_str_equal (key, "variety"))
    {
      if (!gr_variety_is_valid (value))
        return bad_value (error, key, value);
      g_free (filter->variety);
      filter->variety = g_strdup (value);
    }
  else if (g_str_equal (key, "class"))
    {
      if (index_of (grain_classes, value) < 0)
        return bad_value (error, key, value);
      g_free (filter->grain_class);
      filter->grain_class = g_strdup (value);
    }
  /* The Overview narrows by region (县/区): the search matches depot regions. */
  else if (g_str_equal (key, "region"))
    {
      if (search->len > 0)
        g_string_append_c (search, ' ');
      g_string_append (search, value);
    }
  else if (g_str_equal (key, "grade"))
    {
      if (g_str_equal (value, "substandard"))
        filter->grade = GR_STOCK_GRADE_SUBSTANDARD;
      else if (g_str_equal (value, "untested"))
        filter->grade = GR_STOCK_GRADE_UNTESTED;
      else if (strlen (value) == 1 && value[0] >= '1' && value[0] <= '5')
        filter->grade = value[0] - '0';
      else
        return bad_value (error, key, value);
    }
  else if (g_str_equal (key, "year"))
    {
      guint64 year;

      if (!g_ascii_string_to_unsigned (value, 10, 1900, 2199, &year, NULL))
        return bad_value (error, key, value);
      filter->year = (int) year;
    }
  else if (g_str_equal (key, "quality"))
    {
      if (index_of (qualities, value) < 0)
        return bad_value (error, key, value);
      g_free (filter->storage_quality);
      filter->storage_quality = g_strdup (value);
    }
  else if (g_str_equal (key, "mode"))
    {
      if (index_of (modes, value) < 0)
        return bad_value (error, key, value);
      g_free (filter->rotation_mode);
      filter->rotation_mode = g_strdup (value);
    }
  else if (g_str_equal (key, "age"))
    {
      if ((filter->age_band = index_of (age_bands, value)) < 0)
        return bad_value (error, key, value);
    }
  else if (g_str_equal (key, "level"))
    {
      int level = index_of (levels, value);

      if (level < 0)
        return bad_value (error, key, value);
      if (out_level != NULL)
        *out_level = (GrStockLevel) level;
    }
  else if (g_str_equal (key, "lot"))
    {
      if (out_lot != NULL)
        {
          g_free (*out_lot);
          *out_lot = g_strdup (value);
        }
    }
  else if (g_str_equal (key, "empty"))
    {
      if (g_str_equal (value, "yes"))
        filter->include_empty = TRUE;
      else if (g_str_equal (value, "no"))
        filter->include_empty = FALSE;
      else
        return bad_value (error, key, value);
    }
  else if (g_str_equal (key, "search"))
    {
      if (search->len > 0)
        g_string_append_c (search, ' ');
      g_string_append (search, value);
    }
  else
    {
      /* TRANSLATORS: an error in a stock filter such as "variety:wheat" */
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("Stock filter: “%s” is not a filter key"), key);
      return FALSE;
    }
  return TRUE;
}

gboolean
gr_stock_filter_parse (const char     *text,
                       GrStockFilter  *filter,
                       GrStockLevel   *out_level,
                       char          **out_lot,
                       GError        **error)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) search = g_string_new (NULL);
  GrStockLevel level = out_level ? *out_level : GR_STOCK_LEVEL_LOT;
  g_autofree char *lot = NULL;

  g_return_val_if_fail (filter != NULL, FALSE);

  gr_stock_filter_clear (filter);
  words = g_strsplit_set (text ? text : "", " \t\n,", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (!parse_word (words[i], filter, &level, &lot, search, error))
        {
          gr_stock_filter_clear (filter);
          return FALSE;
        }
    }
  if (search->len > 0)
    filter->search = g_strdup (search->str);
  if (out_level != NULL)
    *out_level = level;
  if (out_lot != NULL)
    *out_lot = g_steal_pointer (&lot);
  return TRUE;
}

/*
 * The matcher
 */

struct _GrStockMatcher
{
  gatomicrefcount  ref_count;
  GrStockSnapshot *snapshot;
  GrStockFilter    filter;

  /* The filter in the snapshot's terms; -1: any. A place that is not in
   * the snapshot matches nothing. */
  int              enterprise;
  int              depot;
  int              bin;
  int              variety;
  int              depot_enterprise;  /* of the depot or bin asked for */
  int              bin_depot;
  gboolean         nowhere;
  char            *needle;        /* casefolded search, NULL: none */
  guint            variety_hits;  /* bit i: variety i's name contains the needle */
  guint            class_mask;    /* bit i: variety i is of the class asked for; 0: any */
};

GrStockMatcher *
gr_stock_matcher_new (GrStockSnapshot     *snapshot,
                      const GrStockFilter *filter)
{
  GrStockMatcher *self = g_new0 (GrStockMatcher, 1);
  const char * const *codes = gr_variety_codes ();

  g_atomic_ref_count_init (&self->ref_count);
  self->snapshot = gr_stock_snapshot_ref (snapshot);
  gr_stock_filter_copy (filter, &self->filter);

  self->enterprise = self->depot = self->bin = self->variety = -1;
  if (filter->enterprise != NULL &&
      (self->enterprise = gr_stock_snapshot_find (snapshot, GR_STOCK_LEVEL_ENTERPRISE, filter->enterprise)) < 0)
    self->nowhere = TRUE;
  if (filter->depot != NULL &&
      (self->depot = gr_stock_snapshot_find (snapshot, GR_STOCK_LEVEL_DEPOT, filter->depot)) < 0)
    self->nowhere = TRUE;
  if (filter->bin != NULL &&
      (self->bin = gr_stock_snapshot_find (snapshot, GR_STOCK_LEVEL_BIN, filter->bin)) < 0)
    self->nowhere = TRUE;
  for (int i = 0; filter->variety != NULL && codes[i] != NULL; i++)
    if (g_str_equal (codes[i], filter->variety))
      self->variety = i;
  for (int i = 0; filter->grain_class != NULL && codes[i] != NULL; i++)
    if ((int) gr_variety_class (codes[i]) == index_of (grain_classes, filter->grain_class))
      self->class_mask |= 1u << i;

  /* The levels above a depot or bin asked for keep the rows that lead to it. */
  self->depot_enterprise = self->bin_depot = -1;
  if (self->bin >= 0)
    {
      self->bin_depot = (int) gr_stock_snapshot_get_bin (snapshot, self->bin)->depot;
      self->depot_enterprise = (int) gr_stock_snapshot_get_depot (snapshot, self->bin_depot)->enterprise;
    }
  if (self->depot >= 0)
    {
      int enterprise = (int) gr_stock_snapshot_get_depot (snapshot, self->depot)->enterprise;

      if ((self->bin_depot >= 0 && self->bin_depot != self->depot) ||
          (self->depot_enterprise >= 0 && self->depot_enterprise != enterprise))
        self->nowhere = TRUE;
      self->depot_enterprise = enterprise;
    }
  if (self->enterprise >= 0 && self->depot_enterprise >= 0 && self->enterprise != self->depot_enterprise)
    self->nowhere = TRUE;

  if (filter->search != NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (filter->search));

      if (*stripped != '\0')
        self->needle = g_utf8_casefold (stripped, -1);
    }
  for (int i = 0; self->needle != NULL && codes[i] != NULL; i++)
    {
      g_autofree char *name = g_utf8_casefold (gr_variety_name (codes[i]), -1);

      if (strstr (name, self->needle) != NULL)
        self->variety_hits |= 1u << i;
    }
  return self;
}

GrStockMatcher *
gr_stock_matcher_ref (GrStockMatcher *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
gr_stock_matcher_unref (GrStockMatcher *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  gr_stock_filter_clear (&self->filter);
  g_clear_pointer (&self->snapshot, gr_stock_snapshot_unref);
  g_free (self->needle);
  g_free (self);
}

GrStockSnapshot *
gr_stock_matcher_get_snapshot (GrStockMatcher *self)
{
  return self->snapshot;
}

const GrStockFilter *
gr_stock_matcher_get_filter (GrStockMatcher *self)
{
  return &self->filter;
}

static gboolean
contains (const char *haystack,
          const char *needle)
{
  return haystack != NULL && strstr (haystack, needle) != NULL;
}

static gboolean
place_matches (GrStockMatcher *self,
               int             enterprise,
               int             depot,
               int             bin)
{
  if (self->nowhere)
    return FALSE;
  return (self->enterprise < 0 || self->enterprise == enterprise) &&
         (self->depot_enterprise < 0 || self->depot_enterprise == enterprise) &&
         (self->depot < 0 || depot < 0 || self->depot == depot) &&
         (self->bin_depot < 0 || depot < 0 || self->bin_depot == depot) &&
         (self->bin < 0 || bin < 0 || self->bin == bin);
}

gboolean
gr_stock_matcher_lot_attributes (GrStockMatcher *self,
                                 guint           index)
{
  const GrStockLot *lot = gr_stock_snapshot_get_lot (self->snapshot, index);
  const GrStockFilter *f = &self->filter;

  if (lot->balance_kg <= 0 && !f->include_empty)
    return FALSE;
  if (self->variety >= 0 && lot->variety_index != (guint) self->variety)
    return FALSE;
  if (self->class_mask != 0 && (self->class_mask & (1u << lot->variety_index)) == 0)
    return FALSE;
  switch (f->grade)
    {
    case GR_STOCK_GRADE_ANY:
      break;
    case GR_STOCK_GRADE_SUBSTANDARD:
      if (!lot->substandard)
        return FALSE;
      break;
    case GR_STOCK_GRADE_UNTESTED:
      if (lot->substandard || lot->grade != 0)
        return FALSE;
      break;
    default:
      if (lot->substandard || lot->grade != f->grade)
        return FALSE;
    }
  if (f->year != 0)
    {
      int year = lot->harvest_year;

      if (year == 0 && lot->produced_on != NULL)
        year = atoi (lot->produced_on);
      if (year != f->year)
        return FALSE;
    }
  if (f->storage_quality != NULL && g_strcmp0 (lot->storage_quality, f->storage_quality) != 0)
    return FALSE;
  if (f->rotation_mode != NULL && g_strcmp0 (lot->rotation_mode, f->rotation_mode) != 0)
    return FALSE;
  if (f->age_band >= 0 && gr_stock_age_band (lot->age_months) != f->age_band)
    return FALSE;
  return TRUE;
}

gboolean
gr_stock_matcher_lot (GrStockMatcher *self,
                      guint           index)
{
  const GrStockLot *lot = gr_stock_snapshot_get_lot (self->snapshot, index);
  const GrStockBin *bin = gr_stock_snapshot_get_bin (self->snapshot, lot->bin);
  const GrStockDepot *depot = gr_stock_snapshot_get_depot (self->snapshot, bin->depot);
  const GrStockEnterprise *enterprise = gr_stock_snapshot_get_enterprise (self->snapshot, depot->enterprise);

  if (!place_matches (self, depot->enterprise, bin->depot, lot->bin) ||
      !gr_stock_matcher_lot_attributes (self, index))
    return FALSE;
  if (self->needle == NULL)
    return TRUE;
  return (self->variety_hits & (1u << lot->variety_index)) != 0 ||
         contains (lot->id_fold, self->needle) ||
         contains (bin->code_fold, self->needle) ||
         contains (bin->keeper_fold, self->needle) ||
         contains (depot->name_fold, self->needle) ||
         contains (enterprise->name_fold, self->needle);
}

gboolean
gr_stock_matcher_place (GrStockMatcher *self,
                        GrStockLevel    level,
                        guint           index)
{
  GrStockSnapshot *snap = self->snapshot;
  const GrStockEnterprise *enterprise;
  const GrStockDepot *depot = NULL;
  const GrStockBin *bin = NULL;
  int e, d = -1, b = -1;

  switch (level)
    {
    case GR_STOCK_LEVEL_BIN:
      bin = gr_stock_snapshot_get_bin (snap, index);
      b = (int) index;
      d = (int) bin->depot;
      depot = gr_stock_snapshot_get_depot (snap, bin->depot);
      e = (int) depot->enterprise;
      break;
    case GR_STOCK_LEVEL_DEPOT:
      depot = gr_stock_snapshot_get_depot (snap, index);
      d = (int) index;
      e = (int) depot->enterprise;
      break;
    case GR_STOCK_LEVEL_ENTERPRISE:
      e = (int) index;
      break;
    case GR_STOCK_LEVEL_LOT:
      return gr_stock_matcher_lot (self, index);
    case GR_STOCK_N_LEVELS:
    default:
      g_return_val_if_reached (FALSE);
    }
  if (!place_matches (self, e, d, b))
    return FALSE;
  if (self->needle == NULL)
    return TRUE;
  enterprise = gr_stock_snapshot_get_enterprise (snap, e);
  return contains (enterprise->name_fold, self->needle) ||
         (depot != NULL && (contains (depot->name_fold, self->needle) ||
                            contains (depot->region, self->needle) ||
                            contains (depot->code, self->needle))) ||
         (bin != NULL && (contains (bin->code_fold, self->needle) ||
                          contains (bin->keeper_fold, self->needle)));
}
