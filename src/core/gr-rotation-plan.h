/* gr-rotation-plan.h: the annual rotation plan 年度轮换计划 and its approval
 * (DESIGN.md §3 rotation plan, §6 roles; Dongguan 第十二条, Nanchang 第十九条)
 *
 * One plan per enterprise and year. Its items each rotate a quantity of
 * one lot out in out_month and back in in_month: in_month after out_month
 * leaves a vacancy (架空轮换), equal to it rotates within the month, and
 * before it rotates in first (先入后出, dynamic rotation).
 *
 * States and who moves them (DESIGN.md §6):
 *
 *   draft ──submit (company)──▶ submitted ──approve (bureau)──▶ approved
 *     ▲                             │
 *     └───── returned ◀──return (bureau, with a comment)
 *             │
 *             └──submit (company)──▶ submitted …
 *
 * Only the company drafts, edits and submits, and only a draft or a
 * returned plan; only the bureau approves or returns, and only a
 * submitted plan; inspectors do neither. Each step records who and when
 * (submitted_by/on, approved_by/on, returned_by/on) and its comment (the
 * latest step's comment is kept).
 *
 * Every write goes through a GrRecordWriter, so it lands in the sync
 * outbox in the same transaction (gr-outbox.h), and nothing is written
 * when a check fails.
 *
 * Months are month indexes: year × 12 + month − 1 (2027-03 → 24326), so
 * comparing and counting months is integer arithmetic.
 *
 * Input refused (GR_ERROR_INVALID, GR_ERROR_NOT_FOUND or GR_ERROR_CONFLICT,
 * one line naming the item and the figure):
 *  - an unknown lot, or a lot of another enterprise;
 *  - a quantity ≤ 0 or with more than 3 decimals (gr_rotation_item_parse),
 *    or above what the lot has in the year (gr_rotation_lot_available_kg;
 *    all the plan's items of that lot together);
 *  - an out month outside the plan's year; an in month before the year,
 *    or after it where the vacancy rule does not allow it: an in month
 *    may fall in the next year only for a lot whose plan the profile's
 *    rotation.vacancy covers, and never more than the vacancy limit after
 *    the out month (+ the extension when vacancy_extension_approved);
 *    within the year likewise no more than the limit (Dongguan 第十七条:
 *    4 months, +2 with approval; Nanchang 第三十八条: 5 months);
 *  - editing or saving a plan that is submitted or approved.
 *
 * Rule problems are not refusals: gr_rotation_plan_flags() lists them per
 * item (see GrRotationFlagKind) so the editor can show them and ask before
 * submitting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-profile.h"
#include "gr-role.h"
#include "gr-store.h"

G_BEGIN_DECLS

/* ---- Months ------------------------------------------------------------- */

#define GR_MONTH_INDEX(year, month) ((year) * 12 + (month) - 1)
#define GR_MONTH_YEAR(index)        ((index) / 12)
#define GR_MONTH_MONTH(index)       ((index) % 12 + 1)

/* "2027-03" → 24326; -1 when not a strict YYYY-MM between 1900 and 2199. */
int         gr_month_index_parse   (const char *text);
/* 24326 → "2027-03" */
char       *gr_month_index_to_iso  (int         index);
/* For people: 2027年3月 (translated) */
char       *gr_month_index_format  (int         index);

/* ---- States ------------------------------------------------------------- */

typedef enum {
  GR_ROTATION_DRAFT,
  GR_ROTATION_SUBMITTED,
  GR_ROTATION_APPROVED,
  GR_ROTATION_RETURNED,
} GrRotationState;

/* "draft", "submitted", "approved", "returned" */
const char *gr_rotation_state_to_string   (GrRotationState  state);
gboolean    gr_rotation_state_from_string (const char      *text,
                                           GrRotationState *out_state);
/* Translated: 草稿, 已提交, 已批准, 已退回 */
const char *gr_rotation_state_name        (GrRotationState  state);
/* A draft or a returned plan: its items may change. */
gboolean    gr_rotation_state_is_editable (GrRotationState  state);

/* Whether role may edit a plan in this state (company, draft or returned). */
gboolean    gr_rotation_role_can_edit     (GrRole           role,
                                           GrRotationState  state);
/* Whether role may move a plan from one state to another; the error says
 * why not (who may, or which states allow it). */
gboolean    gr_rotation_role_can_move     (GrRole           role,
                                           GrRotationState  from,
                                           GrRotationState  to,
                                           GError         **error);

/* ---- Items and plans ---------------------------------------------------- */

typedef struct {
  char     *lot;
  gint64    quantity_kg;                /* > 0 */
  int       out_month;                  /* month index */
  int       in_month;                   /* month index */
  char     *reason;                     /* NULL: none */
  gboolean  vacancy_extension_approved; /* Dongguan 第十七条: +2 months approved */
} GrRotationItem;

GrRotationItem *gr_rotation_item_new  (const char           *lot,
                                       gint64                quantity_kg,
                                       int                   out_month,
                                       int                   in_month,
                                       const char           *reason);
GrRotationItem *gr_rotation_item_copy (const GrRotationItem *item);
void            gr_rotation_item_free (GrRotationItem       *item);

/* An item as a form holds it: quantity as people type tonnes ("1200",
 * "1,200.5 吨"; > 0, at most 3 decimals), months "YYYY-MM" (or
 * "2027年3月"), reason (empty: none). Checks the text only; the store
 * checks come with gr_rotation_plan_check_item(). */
GrRotationItem *gr_rotation_item_parse (const char   *lot,
                                        const char   *quantity,
                                        const char   *out_month,
                                        const char   *in_month,
                                        const char   *reason,
                                        gboolean      vacancy_extension_approved,
                                        GError      **error);

typedef struct {
  char            *id;            /* NULL until first saved */
  char            *enterprise;
  int              year;
  GrRotationState  state;
  char            *submitted_on;  /* YYYY-MM-DD, or NULL */
  char            *submitted_by;
  char            *approved_by;
  char            *approved_on;
  char            *returned_by;   /* the latest return */
  char            *returned_on;
  char            *comment;       /* the latest step's comment, or NULL */
  gint64           version;       /* as stored (0 until synced) */
  GPtrArray       *items;         /* GrRotationItem, in their order */
} GrRotationPlan;

GrRotationPlan *gr_rotation_plan_new  (const char           *enterprise,
                                       int                   year);
GrRotationPlan *gr_rotation_plan_copy (const GrRotationPlan *plan);
void            gr_rotation_plan_free (GrRotationPlan       *plan);
/* Takes item. */
void            gr_rotation_plan_add_item (GrRotationPlan   *plan,
                                           GrRotationItem   *item);

/* ---- Reading ------------------------------------------------------------ */

/* The plan of enterprise for year; NULL and no error when there is none.
 * (Should an import have brought two, the one with the smallest id.) */
GrRotationPlan *gr_rotation_plan_load       (GrStore     *store,
                                             const char  *enterprise,
                                             int          year,
                                             GError     **error);
GrRotationPlan *gr_rotation_plan_load_by_id (GrStore     *store,
                                             const char  *id,
                                             GError     **error);
/* GrRotationPlan of a year (0: every year), by year then enterprise id. */
GPtrArray      *gr_rotation_plan_list       (GrStore     *store,
                                             int          year,
                                             GError     **error);

/* A lot's balance at the start of year (1 January, before that day's
 * movements: its balance now less every movement dated in the year or
 * later); and what it has for the items of a year's plan: that plus what
 * came into it
 * during the year (a lot rotated in during the year may go out again the
 * same year, as finished grain does). For a year still to come it is the
 * balance now. */
gboolean        gr_rotation_lot_opening_kg   (GrStore     *store,
                                              const char  *lot,
                                              int          year,
                                              gint64      *out_kg,
                                              GError     **error);
gboolean        gr_rotation_lot_available_kg (GrStore     *store,
                                              const char  *lot,
                                              int          year,
                                              gint64      *out_kg,
                                              GError     **error);

/* ---- Checking input ----------------------------------------------------- */

/* One item of a plan of enterprise for year, against the store and the
 * profile (the refusals listed at the top, except the sum over items). */
gboolean gr_rotation_plan_check_item (GrStore              *store,
                                      GrProfile            *profile,
                                      const char           *enterprise,
                                      int                   year,
                                      const GrRotationItem *item,
                                      GError              **error);
/* Every item, and the items of one lot together against its balance;
 * the enterprise must exist. */
gboolean gr_rotation_plan_validate   (GrStore              *store,
                                      GrProfile            *profile,
                                      const GrRotationPlan *plan,
                                      GError              **error);

/* ---- Writing ------------------------------------------------------------ */

/* Saves the plan's items as the enterprise's plan for its year (company
 * only). A new plan is stored as a draft; a draft or returned plan
 * already stored for that enterprise and year is replaced (its id and
 * state are kept: a returned plan stays returned until submitted again).
 * Refused when the stored plan is submitted or approved, when role is not
 * the company's, or when an item is refused. plan->id, state and version
 * are updated. by: who saves (NULL: the login name). */
gboolean gr_rotation_plan_save       (GrStore              *store,
                                      GrProfile            *profile,
                                      GrRole                role,
                                      const char           *by,
                                      GrRotationPlan       *plan,
                                      GError              **error);

/* Moves the stored plan to state `to`:
 *  - GR_ROTATION_SUBMITTED (company; from draft or returned): the plan's
 *    items are validated and saved with it; submitted_by/on set;
 *  - GR_ROTATION_APPROVED (bureau; from submitted): approved_by/on set;
 *  - GR_ROTATION_RETURNED (bureau; from submitted; comment required):
 *    returned_by/on set.
 * The state checked is the stored one (plan->id must be set, except when
 * submitting a plan never saved). comment (NULL or empty: none) replaces
 * the stored comment. today: YYYY-MM-DD or NULL for the current date.
 * plan is updated to what was stored. */
gboolean gr_rotation_plan_move       (GrStore              *store,
                                      GrProfile            *profile,
                                      GrRotationPlan       *plan,
                                      GrRotationState       to,
                                      GrRole                role,
                                      const char           *by,
                                      const char           *comment,
                                      const char           *today,
                                      GError              **error);

/* ---- Rule problems ------------------------------------------------------ */

typedef enum {
  /* rotation.vacancy: the in month is more than the limit after the out
   * month (Dongguan 第十七条, Nanchang 第三十八条) */
  GR_ROTATION_FLAG_VACANCY,
  /* a dynamic-rotation plan's item rotates out before it rotates in
   * (先入后出: in month ≤ out month; Nanchang 第三十八条) */
  GR_ROTATION_FLAG_IN_FIRST,
  /* stock.min_ratio: in a month the item's lot is out, the projected stock
   * of its plan (or enterprise, for enterprise scope) is below the minimum */
  GR_ROTATION_FLAG_MIN_RATIO,
  /* stock.full_month: the item's plan has no month end at 100 % in the year
   * (Zhongshan 第十七条) */
  GR_ROTATION_FLAG_FULL_MONTH,
  /* age.limit: the lot passes its storage-year limit before its out month */
  GR_ROTATION_FLAG_AGE_LIMIT,
  /* shelf_life: the lot's shelf life ends before or in its out month */
  GR_ROTATION_FLAG_SHELF_LIFE,
  /* the plan's items of this lot take more than its balance */
  GR_ROTATION_FLAG_ABOVE_BALANCE,
  /* balanced rotation (Nanchang 第三十六条): the item's plan rotates out a
   * share of its quantity outside the profile's band in the year */
  GR_ROTATION_FLAG_BALANCE_SHARE,
} GrRotationFlagKind;

/* The item of a flag about a whole storage plan that has no item in the
 * rotation plan (balanced rotation: nothing rotated). */
#define GR_ROTATION_FLAG_NO_ITEM G_MAXUINT

typedef struct {
  GrRotationFlagKind  kind;
  guint               item;      /* index in plan->items, or GR_ROTATION_FLAG_NO_ITEM */
  char               *lot;
  char               *plan;      /* the storage plan (承储计划) of the lot */
  int                 month;     /* the month concerned (min ratio: the lowest), or -1 */
  char               *message;   /* translated, one sentence with the numbers */
  char               *document;  /* the citation, NULL when the profile has none */
  char               *article;
} GrRotationFlag;

void       gr_rotation_flag_free  (GrRotationFlag       *flag);

/* The rule problems of each item of plan under profile (GrRotationFlag,
 * by item then kind, the storage plans without items last; empty when
 * there are none). A problem of a storage plan (the minimum, the full
 * month, the balanced share) is given on each of its items that takes
 * part in it: the minimum on the items whose lot is out in the month
 * found below it (its lowest), the full month and the share on every
 * item of that plan. The projection is that
 * of gr-projection.h over the plan's enterprise, from the lots' balances
 * at the start of the plan's year, under the plan's items only. Lots
 * unknown to the store are left out (validation refuses them). */
GPtrArray *gr_rotation_plan_flags (GrStore              *store,
                                   GrProfile            *profile,
                                   const GrRotationPlan *plan,
                                   GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrRotationItem, gr_rotation_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrRotationPlan, gr_rotation_plan_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrRotationFlag, gr_rotation_flag_free)

G_END_DECLS
