/* gr-movement-entry.h: one movement entered by hand (DESIGN.md §3 "Balances")
 *
 * A movement typed into a form is read (real dates, quantities > 0 with at
 * most 3 decimals), checked against the ledger and the regulation profile,
 * and recorded. Recording writes a one-movement dataset through
 * gr_import_document(), so the same validation, ledger settlement and
 * month-end snapshots apply as for any import, in one transaction.
 *
 * Refused (an error, nothing written): an unknown lot; a date after today
 * or before the lot entered the store; a month whose monthly report is
 * filed (a correction dated later is the way); an outbound movement that
 * would take the lot's balance below zero on its date or any later date.
 *
 * Warned about, before saving (the user may still save):
 *  - stock.min_ratio: an outbound movement leaves the plan (or, with
 *    enterprise scope, the enterprise's plans) below the profile's minimum
 *    on a day the rule checks, from the movement's date on: "any time"
 *    profiles check the movement's date, every later day with a movement
 *    of those plans and today; "month end" profiles every month end from
 *    the movement's month to today's month, the current one included, as
 *    if nothing else moved. Days in an open release order are exempt, as
 *    the rule has them. Compared in integers: stock_kg × 100 < Σ plan_kg ×
 *    percent.
 *  - rotation.vacancy: a rotate-out on a plan in the rule's scope opens a
 *    vacancy due the last day of the month L months after its month (+ the
 *    extension when an approved rotation plan item of the lot for that
 *    month has one).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-profile.h"
#include "gr-store.h"

G_BEGIN_DECLS

/* The form field an error is about, so a form can point at it. */
typedef enum {
  GR_MOVEMENT_FIELD_NONE,
  GR_MOVEMENT_FIELD_KIND,
  GR_MOVEMENT_FIELD_DATE,
  GR_MOVEMENT_FIELD_QUANTITY,
  GR_MOVEMENT_FIELD_PRICE,
} GrMovementField;

typedef struct {
  char   *lot;
  char   *date;              /* YYYY-MM-DD */
  char   *kind;              /* gr_movement_kinds */
  gint64  quantity_kg;       /* > 0 */
  double  price_yuan_per_t;  /* NAN: none */
  char   *counterparty;      /* NULL: none */
  char   *voucher_no;
  char   *note;
} GrMovementInput;

void     gr_movement_input_init   (GrMovementInput  *input);
void     gr_movement_input_clear  (GrMovementInput  *input);

/* Tonnes as people type them: "1200", "1,200.5", "１２００ 吨", "6.8t";
 * > 0, at most 3 decimals, at most GR_MAX_KG. */
gboolean gr_movement_parse_quantity (const char     *text,
                                     gint64         *out_kg,
                                     GError        **error);
/* A real calendar date: "2026-11-25", "2026/11/25", "2026年11月25日".
 * Returns YYYY-MM-DD. */
char    *gr_movement_parse_date   (const char       *text,
                                   GError          **error);
/* Yuan per tonne, empty for none (*out NAN); ≥ 0 and at most 10 million. */
gboolean gr_movement_parse_price  (const char       *text,
                                   double           *out_price,
                                   GError          **error);

/* Fills input from the form's texts; on error *out_field names the field. */
gboolean gr_movement_input_parse  (GrMovementInput  *input,
                                   const char       *lot,
                                   const char       *kind,
                                   const char       *date,
                                   const char       *quantity,
                                   const char       *price,
                                   const char       *counterparty,
                                   const char       *voucher_no,
                                   const char       *note,
                                   GrMovementField  *out_field,
                                   GError          **error);

typedef struct {
  GrRuleId  rule;            /* GR_RULE_STOCK_MIN_RATIO or GR_RULE_ROTATION_VACANCY */
  char     *message;         /* one sentence with the numbers and the article */
  char     *document;        /* the citation */
  char     *article;
  char     *date;            /* min ratio: the day below; vacancy: the deadline */
  gint64    stock_kg;        /* min ratio: stock after saving on that day */
  gint64    plan_kg;         /* min ratio: plan quantity (reserve scale) counted */
  gint64    required_kg100;  /* min ratio: Σ plan_kg × percent (compare with stock_kg × 100) */
  gint64    quantity_kg;     /* vacancy: to be rotated back in */
} GrMovementWarning;

void     gr_movement_warning_free (GrMovementWarning *warning);

/* Checks input against the store (errors as described above; *out_field
 * names the field at fault) and returns the warnings (GrMovementWarning,
 * owned; empty when there is nothing to say). profile may be NULL: no
 * warnings then. today: YYYY-MM-DD or NULL for the current date. */
GPtrArray *gr_movement_entry_check  (GrStore               *store,
                                     GrProfile             *profile,
                                     const GrMovementInput *input,
                                     const char            *today,
                                     GrMovementField       *out_field,
                                     GError               **error);

/* Checks the refusals again and writes the movement with a new id
 * (g_uuid_string_random) as a one-movement dataset; *out_id gets the id. */
gboolean   gr_movement_entry_record (GrStore               *store,
                                     const GrMovementInput *input,
                                     const char            *today,
                                     char                 **out_id,
                                     GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrMovementWarning, gr_movement_warning_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GrMovementInput, gr_movement_input_clear)

G_END_DECLS
