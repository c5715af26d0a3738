/* gr-stock-filter.h: what the Stock page narrows its tables to
 *
 * A filter names a place (enterprise, depot, bin), lot attributes
 * (variety, grade, harvest year, storage quality, rotation mode, age band)
 * and a search text. It also has a text form, used by the window action
 * win.show-stock that other pages call:
 *
 *   "variety:wheat"  "enterprise:ent-01 variety:rice"  "lot:lot-000123"
 *
 * Keys: enterprise, depot, bin (ids), variety (code), grade (1–5,
 * substandard, untested), year, quality (storage quality code), mode
 * (rotation mode code), age (under-1y, 1-2y, 2-3y, over-3y), level
 * (enterprise, depot, bin, lot), lot (an id: open that lot), empty (yes:
 * include lots with nothing in store), search (the rest of the text). A
 * word without a key is searched for.
 *
 * A GrStockMatcher is a filter compiled against one snapshot (ids turned
 * into indexes, the search text casefolded), cheap enough to test 60,000
 * lots in a few milliseconds; it is immutable, so a worker may use it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-stock-query.h"

G_BEGIN_DECLS

#define GR_STOCK_GRADE_ANY         0
#define GR_STOCK_GRADE_SUBSTANDARD (-1)
#define GR_STOCK_GRADE_UNTESTED    (-2)

typedef struct {
  char     *enterprise;       /* ids, NULL: any */
  char     *depot;
  char     *bin;
  char     *variety;          /* code */
  char     *grain_class;      /* "raw", "finished" or "oil" */
  int       grade;            /* GR_STOCK_GRADE_ANY, 1–5, or the two above */
  int       year;             /* 0: any */
  char     *storage_quality;  /* code */
  char     *rotation_mode;    /* code */
  int       age_band;         /* GrStockAgeBand, -1: any */
  char     *search;
  gboolean  include_empty;    /* lots with nothing in store too */
} GrStockFilter;

void           gr_stock_filter_init        (GrStockFilter       *filter);
void           gr_stock_filter_clear       (GrStockFilter       *filter);
void           gr_stock_filter_copy        (const GrStockFilter *src,
                                            GrStockFilter       *dest);
gboolean       gr_stock_filter_equal       (const GrStockFilter *a,
                                            const GrStockFilter *b);
/* Whether it narrows by an attribute of lots (not by place or search). */
gboolean       gr_stock_filter_has_lot_attributes (const GrStockFilter *filter);

/* Reads the text form into filter (which is reset first). *out_level is
 * set when the text names a level (else left alone), *out_lot to a new
 * string when it names a lot. Unknown keys and bad values are an error,
 * and then filter is left reset. */
gboolean       gr_stock_filter_parse       (const char          *text,
                                            GrStockFilter       *filter,
                                            GrStockLevel        *out_level,
                                            char               **out_lot,
                                            GError             **error);

typedef struct _GrStockMatcher GrStockMatcher;

GrStockMatcher *gr_stock_matcher_new       (GrStockSnapshot     *snapshot,
                                            const GrStockFilter *filter);
GrStockMatcher *gr_stock_matcher_ref       (GrStockMatcher      *self);
void            gr_stock_matcher_unref     (GrStockMatcher      *self);
GrStockSnapshot *gr_stock_matcher_get_snapshot (GrStockMatcher  *self);
const GrStockFilter *gr_stock_matcher_get_filter (GrStockMatcher *self);

/* Everything the filter says about a lot, place and search included. */
gboolean        gr_stock_matcher_lot       (GrStockMatcher      *self,
                                            guint                lot);
/* The lot attributes only, and something in store: what makes a lot
 * count in the enterprise, depot and bin figures. */
gboolean        gr_stock_matcher_lot_attributes (GrStockMatcher *self,
                                                 guint           lot);
/* Place and search for a record of an aggregate level. */
gboolean        gr_stock_matcher_place     (GrStockMatcher      *self,
                                            GrStockLevel         level,
                                            guint                index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrStockMatcher, gr_stock_matcher_unref)

G_END_DECLS
