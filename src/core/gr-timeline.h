/* gr-timeline.h: what the rotation timeline shows (DESIGN.md §5 Rotation)
 *
 * For an as-of date, every lot of the profile's classes with its storage
 * span (entry to the day it was emptied, or open), its age-limit date, the
 * end of a permitted delay, its shelf-life date and the class of life it
 * has left; the rotation-plan items about it; the vacancies of its plan's
 * rotate-outs and the release orders it took part in.
 *
 * Vacancies and release orders come from the compliance engine itself
 * (gr-rules-vacancy.c, gr-rules-release.c): the same first-in-first-out
 * matching of rotate-ins to vacancies and of replenishments to orders,
 * the same deadlines and extensions, so the timeline and the findings
 * never disagree. Vacancies exist only for plans the profile's
 * rotation.vacancy rule covers.
 *
 * Where the design is silent:
 * - A lot must be rotated by the earlier of its age-limit date (without
 *   any permitted delay: a delay is an exception) and its expiry. Its
 *   class: overdue past the last day it may be held (the delay included;
 *   on or after its expiry), delayed while inside the permitted delay,
 *   then this year, next year or later by its rotate-by date.
 * - A release movement belongs to the latest order of its plan's
 *   enterprise and variety dated on or before it (movements name no order).
 * - A lot needs attention when it is overdue, delayed or due this year,
 *   when its rotate-by date is within the age-limit rule's warning horizon
 *   (or the shelf-life rule's), when its storage quality is not 宜存, or
 *   when one of its vacancies is open or late or one of its orders is
 *   still short.
 *
 * A GrTimeline is read-only once loaded: workers may group and filter it
 * while the main thread draws from it. Its lots, vacancies and the lists
 * they point to are held in a few large blocks (a province's timeline is
 * 60,000 lots, 200,000 vacancies and 500,000 fills): lists are a pointer
 * to their first entry and a count, NULL when there is none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gr-profile.h"
#include "gr-store.h"

G_BEGIN_DECLS

/* A day as a julian day number (g_date_get_julian); 0 is none. */
typedef guint32 GrTimelineDay;
#define GR_TIMELINE_NO_DAY 0u

typedef enum {
  GR_LIFE_EMPTY,         /* nothing in store on the as-of date */
  GR_LIFE_UNLIMITED,     /* neither an age limit nor a shelf life applies */
  GR_LIFE_LATER,         /* to be rotated after next year */
  GR_LIFE_NEXT_YEAR,
  GR_LIFE_THIS_YEAR,
  GR_LIFE_DELAYED,       /* past its limit, inside the permitted delay */
  GR_LIFE_OVERDUE,
  GR_N_LIFE
} GrLifeClass;

typedef enum {
  GR_TIMELINE_BY_PLACE,  /* depot → bin → lot */
  GR_TIMELINE_BY_PLAN,   /* enterprise → storage plan (named by its plan_label) → lot */
} GrTimelineGrouping;

typedef enum {
  GR_TIMELINE_GROUP_DEPOT,
  GR_TIMELINE_GROUP_BIN,
  GR_TIMELINE_GROUP_ENTERPRISE,
  GR_TIMELINE_GROUP_PLAN,
} GrTimelineGroupKind;

typedef struct _GrTimeline      GrTimeline;
typedef struct _GrTimelineLot   GrTimelineLot;

/* A rotation-plan item (轮换计划): rotate out in out_month, in in in_month. */
typedef struct {
  const char    *rotation_plan;     /* id */
  const char    *enterprise;
  int            year;
  const char    *state;             /* draft, submitted, approved, returned */
  GrTimelineLot *lot;
  gint64         quantity_kg;
  int            out_month;         /* year × 12 + month − 1 */
  int            in_month;
  const char    *reason;            /* NULL: none */
  gboolean       extension_approved;
} GrTimelineItem;

/* A part of a rotate-in that closed a vacancy, a part of a replenishment
 * that answered an order, or a release movement of an order. */
typedef struct {
  GrTimelineLot *lot;
  GrTimelineDay  day;
  gint64         quantity_kg;
} GrTimelineFill;

typedef struct {
  const char           *plan;       /* the storage plan */
  const char           *plan_name;
  GrTimelineLot        *lot;        /* rotated out */
  const GrTimelineFill *fills;      /* n_fills, in FIFO order */
  gint64                quantity_kg;
  gint64                remaining_kg; /* on the as-of date */
  GrTimelineDay         out_day;    /* the rotate-out */
  GrTimelineDay         start;      /* the first day of the month after it */
  GrTimelineDay         deadline;   /* the extension included */
  GrTimelineDay         closed;     /* the rotate-in that filled it; NO_DAY: open */
  int                   months;
  guint                 n_fills;
  gboolean              extended;   /* an approved extension applies */
  gboolean              late;       /* filled after its deadline, or open past it */
} GrTimelineVacancy;

typedef struct {
  const char    *id;
  const char    *order_no;
  const char    *enterprise;
  const char    *enterprise_name;
  const char    *variety;
  GrTimelineDay  date;
  GrTimelineDay  due;               /* date + the profile's months */
  GrTimelineDay  completed;         /* the replenishment that completed it; NO_DAY: short */
  gint64         quantity_kg;
  gint64         replenished_kg;    /* on the as-of date */
  gboolean       late;              /* completed after its due date, or short past it */
  guint          n_releases;
  guint          n_fills;
  const GrTimelineFill *releases;   /* n_releases: release movements */
  const GrTimelineFill *fills;      /* n_fills: replenishments, FIFO */
} GrTimelineOrder;

struct _GrTimelineLot {
  const char    *id;
  const char    *enterprise;
  const char    *enterprise_name;
  const char    *depot;
  const char    *depot_name;
  const char    *bin;
  const char    *bin_code;
  const char    *plan;
  const char    *plan_name;         /* "市储备粮公司 中晚籼稻 计划 10,000 吨" */
  const char    *plan_label;        /* under its enterprise: "中晚籼稻 计划 10,000 吨" */
  const char    *variety;
  int            harvest_year;      /* 0: none */
  int            storage_quality;   /* 0 宜存, 1 轻度不宜存, 2 重度不宜存 */
  gint64         balance_kg;        /* on the as-of date */
  GrTimelineDay  entered_on;
  GrTimelineDay  emptied_on;        /* its last movement, when empty; else NO_DAY */
  GrTimelineDay  limit_on;          /* last day of its storage-year limit */
  GrTimelineDay  delay_on;          /* last day of the permitted delay; NO_DAY: none */
  GrTimelineDay  expiry_on;         /* first day past its shelf life */
  GrTimelineDay  rotate_by;         /* the earlier of limit_on and the day before expiry */
  int            limit_years;
  int            delay_years;
  GrLifeClass    life;
  gboolean       attention;
  gboolean       current;           /* in store, or a vacancy, order or plan item of it is open or of the as-of year */
  guint          n_items;
  guint          n_vacancies;
  guint          n_orders;
  GrTimelineItem    **items;        /* n_items, in the order of the plans */
  GrTimelineVacancy **vacancies;    /* n_vacancies it rotated out, by rotate-out */
  GrTimelineOrder   **orders;       /* n_orders it released or replenished for */
};

typedef struct {
  const char *enterprise;          /* NULL: any */
  const char *depot;
  const char *variety;
  gboolean    attention;           /* only lots that need attention */
  gboolean    include_empty;       /* also emptied lots with nothing open */
} GrTimelineFilter;

typedef struct _GrTimelineGroup GrTimelineGroup;
struct _GrTimelineGroup {
  GrTimelineGroupKind  kind;
  const char          *id;
  const char          *name;
  GPtrArray           *groups;     /* GrTimelineGroup, owned; NULL for a group of lots */
  GPtrArray           *lots;       /* GrTimelineLot, borrowed; NULL for a group of groups */
  guint                n_lots;     /* lots under it */
  guint                n_life[GR_N_LIFE];
  guint                n_attention;
  GPtrArray           *vacancies;  /* plan groups: the plan's vacancies; else NULL */
  GPtrArray           *orders;     /* plan groups: its enterprise's orders of its variety */
};

/* as_of: YYYY-MM-DD, or NULL for today. */
GrTimeline     *gr_timeline_load          (GrStore            *store,
                                           GrProfile          *profile,
                                           const char         *as_of,
                                           GError            **error);
GrTimeline     *gr_timeline_ref           (GrTimeline         *self);
void            gr_timeline_unref         (GrTimeline         *self);

GrTimelineDay   gr_timeline_get_as_of     (GrTimeline         *self);
/* GrTimelineLot, GrTimelineVacancy, GrTimelineOrder, GrTimelineItem (transfer none) */
GPtrArray      *gr_timeline_get_lots      (GrTimeline         *self);
GPtrArray      *gr_timeline_get_vacancies (GrTimeline         *self);
GPtrArray      *gr_timeline_get_orders    (GrTimeline         *self);
GPtrArray      *gr_timeline_get_items     (GrTimeline         *self);
GrTimelineLot  *gr_timeline_find_lot      (GrTimeline         *self,
                                           const char         *id);
/* The earliest and latest day any lot, vacancy, order or item touches
 * (the as-of date included). */
void            gr_timeline_get_range     (GrTimeline         *self,
                                           GrTimelineDay      *first,
                                           GrTimelineDay      *last);

gboolean        gr_timeline_lot_matches   (GrTimeline             *self,
                                           const GrTimelineLot    *lot,
                                           const GrTimelineFilter *filter);
/* The lots that match, grouped: depots, bins by code, lots by entry date
 * (then id); or enterprises, plans by variety, lots by rotate-by date.
 * Depots and enterprises come by urgency, then by name: those holding
 * lots past their limit first, then lots due this year, then anything
 * needing attention. Returns GrTimelineGroup (owned). */
GPtrArray      *gr_timeline_group         (GrTimeline             *self,
                                           const GrTimelineFilter *filter,
                                           GrTimelineGrouping      grouping);
void            gr_timeline_group_free    (GrTimelineGroup        *group);

/* Vacancies and orders a list shows: open ones, then those closed (or
 * due) on or after since (NO_DAY: open only), about lots that match
 * filter's enterprise, depot and variety. (transfer container) */
GPtrArray      *gr_timeline_select_vacancies (GrTimeline             *self,
                                              const GrTimelineFilter *filter,
                                              GrTimelineDay           since);
GPtrArray      *gr_timeline_select_orders    (GrTimeline             *self,
                                              const GrTimelineFilter *filter,
                                              GrTimelineDay           since);

/* Days: conversions and the month index (year × 12 + month − 1). */
GrTimelineDay   gr_timeline_day_parse     (const char         *iso);
char           *gr_timeline_day_to_iso    (GrTimelineDay       day);
GrTimelineDay   gr_timeline_day_from_ymd  (int                 year,
                                           int                 month,
                                           int                 day);
void            gr_timeline_day_to_ymd    (GrTimelineDay       day,
                                           int                *year,
                                           int                *month,
                                           int                *mday);
int             gr_timeline_month_of      (GrTimelineDay       day);
GrTimelineDay   gr_timeline_month_start   (int                 month_index);
GrTimelineDay   gr_timeline_month_end     (int                 month_index);
const char     *gr_life_class_name        (GrLifeClass         life);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrTimeline, gr_timeline_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrTimelineGroup, gr_timeline_group_free)

G_END_DECLS
