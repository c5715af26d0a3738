/* rules-fixture.h: small databases for the rule tests, built with direct SQL
 *
 * Every fixture starts with one world: enterprise "e1" (reserve company
 * 市储备粮公司), depot "d1" (城南库) with bins "b1"–"b4" (normal) and "bl"
 * (low temperature). Tests add plans, lots and movements, settle the
 * ledger and run a profile from data/profiles of the source tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-finding.h"
#include "gr-profile.h"
#include "gr-store.h"

G_BEGIN_DECLS

GrStore    *fx_new          (void);
/* Runs SQL built with sqlite3_mprintf (%Q quotes and NULLs). */
void        fx_sql          (GrStore    *store,
                             const char *format,
                             ...);
void        fx_enterprise   (GrStore    *store,
                             const char *id,
                             const char *kind);
/* valid_to may be NULL (open). */
void        fx_plan         (GrStore    *store,
                             const char *id,
                             const char *enterprise,
                             const char *variety,
                             double      tonnes,
                             const char *rotation_mode,
                             const char *valid_from,
                             const char *valid_to);
/* A lot of the plan's variety; set other attributes with fx_sql. */
void        fx_lot          (GrStore    *store,
                             const char *id,
                             const char *bin,
                             const char *plan,
                             const char *entered_on);
/* Inserts a movement and marks its lot for the ledger. */
void        fx_move         (GrStore    *store,
                             const char *lot,
                             const char *date,
                             const char *kind,
                             double      tonnes);
/* The same with a given movement id. */
void        fx_move_id      (GrStore    *store,
                             const char *id,
                             const char *lot,
                             const char *date,
                             const char *kind,
                             double      tonnes);
/* A lot with an intake of tonnes on its entry date. */
void        fx_stocked_lot  (GrStore    *store,
                             const char *id,
                             const char *bin,
                             const char *plan,
                             const char *entered_on,
                             double      tonnes);
void        fx_release      (GrStore    *store,
                             const char *id,
                             const char *date,
                             const char *enterprise,
                             const char *variety,
                             double      tonnes);
/* refuse_negative FALSE: as if the movements came by sync. */
void        fx_settle       (GrStore    *store,
                             gboolean    refuse_negative);

GrProfile  *fx_profile      (const char *id);
/* Settles (refusing negatives) and checks. */
GPtrArray  *fx_check        (GrStore    *store,
                             const char *profile,
                             const char *as_of);
guint       fx_count        (GPtrArray  *findings,
                             const char *rule);
/* The one finding of rule (asserts there is exactly one). */
GrFinding  *fx_only         (GPtrArray  *findings,
                             const char *rule);
/* The finding of rule on subject, or NULL. */
GrFinding  *fx_find         (GPtrArray  *findings,
                             const char *rule,
                             const char *subject_id);

#define fx_assert_has(haystack, needle) \
  G_STMT_START { \
    const char *__h = (haystack), *__n = (needle); \
    if (__h == NULL || strstr (__h, __n) == NULL) \
      g_error ("%s:%d: “%s” does not contain “%s”", __FILE__, __LINE__, __h ? __h : "(null)", __n); \
  } G_STMT_END

G_END_DECLS
