/* gr-profile.h: regulation profiles (DESIGN.md §4)
 *
 * A profile is a JSON data file holding every figure a document gives the
 * rules: thresholds, limits, scopes, deadlines, the calendar of working
 * days, subsidy rates, and for each rule the article it comes from. It is
 * chosen by id (the file name without .json), looked up in
 * $XDG_DATA_HOME/granary/profiles, then the installed data dir, then
 * $GRANARY_DATA_DIR/profiles (uninstalled runs and tests); or by path.
 * Loading validates the whole file: an unknown rule or key, a wrong type
 * or a missing key is an error naming the file and the key.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "gr-variety.h"

G_BEGIN_DECLS

typedef enum {
  GR_RULE_STOCK_MIN_RATIO,
  GR_RULE_STOCK_FULL_MONTH,
  GR_RULE_AGE_LIMIT,
  GR_RULE_SHELF_LIFE,
  GR_RULE_ROTATION_VACANCY,
  GR_RULE_RELEASE_REPLENISH,
  GR_RULE_QUALITY_STORAGE,
  GR_RULE_QUALITY_GRADE,
  GR_RULE_ROTATION_NEWER_IN,
  GR_RULE_INTAKE_NEW_GRAIN,
  GR_RULE_STORAGE_SEGREGATION,
  GR_RULE_REPORT_MONTHLY,
  GR_RULE_PLAN_ANNUAL,
  GR_RULE_STOCK_NEGATIVE,
  GR_N_RULES
} GrRuleId;

/* "stock.min_ratio" … */
const char *gr_rule_id_to_string   (GrRuleId     rule);
gboolean    gr_rule_id_from_string (const char  *text,
                                    GrRuleId    *out_rule);

typedef enum {
  GR_RULE_SCOPE_PLAN,
  GR_RULE_SCOPE_ENTERPRISE,
} GrRuleScope;

typedef enum {
  GR_CHECK_ANY_TIME,
  GR_CHECK_MONTH_END,
} GrCheckMode;

/* Bit masks used by the scopes: bit i of a class mask is GrGrainClass i. */
#define GR_CLASS_BIT(klass) (1u << (klass))
#define GR_ALL_CLASSES      0x7u

typedef enum {
  GR_ROTATION_STATIC     = 1 << 0,
  GR_ROTATION_AUTONOMOUS = 1 << 1,
  GR_ROTATION_DYNAMIC    = 1 << 2,
} GrRotationModeFlags;
#define GR_ALL_ROTATION_MODES 0x7u

typedef enum {
  GR_ENTERPRISE_RESERVE_COMPANY = 1 << 0,
  GR_ENTERPRISE_AGENT           = 1 << 1,
} GrEnterpriseKindFlags;

/* Lot attributes that storage.segregation compares. */
typedef enum {
  GR_SEGREGATE_VARIETY       = 1 << 0,
  GR_SEGREGATE_HARVEST_YEAR  = 1 << 1,
  GR_SEGREGATE_PRODUCED_ON   = 1 << 2,
  GR_SEGREGATE_GRADE         = 1 << 3,
  GR_SEGREGATE_OWNER         = 1 << 4,
  GR_SEGREGATE_ROTATION_MODE = 1 << 5,
  GR_SEGREGATE_PACKAGED      = 1 << 6,
} GrSegregationFlags;

/* Dataset names of the values above, in bit order, NULL-terminated. */
extern const char * const gr_class_names[];
extern const char * const gr_rotation_mode_names[];
extern const char * const gr_enterprise_kind_names[];
extern const char * const gr_segregation_names[];

/* One storage-year limit: the first entry matching a lot applies. */
typedef struct {
  guint varieties;     /* bit i: gr_variety_codes()[i] */
  int   years;
  int   delay_years;   /* permitted delayed rotation (Nanchang 第三十七条) */
  int   packaged;      /* -1 any lot, 0 bulk only, 1 packaged only */
} GrAgeLimit;

/* The parameters of one rule. Only the fields of that rule are meaningful;
 * scope masks are already narrowed to the profile's classes. */
typedef struct {
  gboolean     enabled;
  const char  *document;          /* NULL: no citation (stock.negative) */
  const char  *article;
  gboolean     our_reading;       /* the figure is our reading, not the article's text */
  const char  *reading;           /* what we apply, for "按…执行" */

  guint        classes;           /* GR_CLASS_BIT mask */
  guint        rotation_modes;    /* GrRotationModeFlags */
  guint        enterprise_kinds;  /* GrEnterpriseKindFlags */

  GrRuleScope  scope;             /* stock.min_ratio */
  GrCheckMode  check;             /* stock.min_ratio */
  int          percent[3];        /* stock.min_ratio per class (-1: not checked); [0] for stock.full_month */
  int          months;            /* rotation.vacancy, release.replenish */
  int          extension_months;  /* rotation.vacancy */
  int          horizon_months;    /* age.limit */
  int          horizon_days;      /* shelf_life */
  gboolean     delay_approved_low_temp; /* age.limit: Zhongshan 第十八条 */
  const GrAgeLimit *limits;       /* age.limit */
  guint        n_limits;
  int          min_grade[3];      /* quality.grade per class (0: none) */
  guint        segregation[3];    /* storage.segregation per class */
  int          working_days;      /* report.monthly */
  int          period_start_month; /* plan.annual: 12 = December, 10 = Q4 */
} GrRuleParams;

/* Balanced rotation (Nanchang 第三十六条 均衡轮换): the share of a plan's
 * quantity to rotate out in a year. Lots of the band's classes (and
 * packaging: -1 any, 0 bulk only, 1 packaged only). */
typedef struct {
  guint  classes;       /* GR_CLASS_BIT mask */
  int    packaged;
  int    min_percent;
  int    max_percent;
} GrBalanceBand;

typedef struct {
  gboolean             enabled;
  const char          *document;
  const char          *article;
  gboolean             our_reading;
  const char          *reading;
  const GrBalanceBand *bands;
  guint                n_bands;
} GrRotationBalance;

typedef struct _GrProfile GrProfile;

/* id_or_path: an id, or a path (it has a '/' or ends in .json). */
GrProfile          *gr_profile_load       (const char   *id_or_path,
                                           GError      **error);
GrProfile          *gr_profile_load_file  (const char   *path,
                                           GError      **error);
/* name: the file name used in messages and as id (without .json). */
GrProfile          *gr_profile_load_data  (const char   *name,
                                           const char   *data,
                                           gssize        length,
                                           GError      **error);
/* The ids found in the search path, sorted, without duplicates. */
char              **gr_profile_list_ids   (void);

GrProfile          *gr_profile_ref        (GrProfile    *self);
void                gr_profile_unref      (GrProfile    *self);

const char         *gr_profile_get_id       (GrProfile *self);
const char         *gr_profile_get_name     (GrProfile *self);
const char         *gr_profile_get_document (GrProfile *self);
guint               gr_profile_get_classes  (GrProfile *self);
gboolean            gr_profile_covers_class (GrProfile    *self,
                                             GrGrainClass  klass);
/* NULL when the profile does not have the rule: it is then not run. */
const GrRuleParams *gr_profile_get_rule     (GrProfile *self,
                                             GrRuleId   rule);
int                 gr_profile_get_record_retention_years (GrProfile *self);
/* The profile's balanced rotation, or NULL when it asks for none; the
 * band for a plan of klass whose lots are (not) packaged, or NULL. */
const GrRotationBalance *gr_profile_get_rotation_balance (GrProfile *self);
const GrBalanceBand *gr_profile_balance_band (GrProfile    *self,
                                              GrGrainClass  klass,
                                              gboolean      packaged);

/* Working days: Monday to Friday, less the profile's holidays, plus its
 * make-up working days (调休上班). */
gboolean            gr_profile_is_working_day (GrProfile   *self,
                                               const GDate *date);
/* The n-th working day strictly after date. */
void                gr_profile_add_working_days (GrProfile   *self,
                                                 const GDate *date,
                                                 int          n,
                                                 GDate       *out);

/* Subsidy data (DESIGN.md §4 "Subsidy"). A variety without a rate: -1. */
double              gr_profile_get_subsidy_rate (GrProfile  *self,
                                                 const char *variety);
gboolean            gr_profile_subsidy_actual_after_release   (GrProfile *self);
gboolean            gr_profile_subsidy_vacancy_unpaid         (GrProfile *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrProfile, gr_profile_unref)

G_END_DECLS
