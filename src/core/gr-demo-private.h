/* gr-demo-private.h: pieces shared by the demo generators
 *
 * The generators build records in memory (city) or stream them (province)
 * and hand them to a writer that owns one prepared INSERT per table. The
 * writer keeps the first failure and skips every later write, so the
 * generators check for an error only between phases.
 *
 * Dates are GDate julian day numbers; months are indexes
 * year × 12 + month − 1, so month arithmetic is integer arithmetic.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <math.h>

#include "gr-demo.h"
#include "gr-store.h"

G_BEGIN_DECLS

/* ---------------------------------------------------------------- dates */

static inline int
demo_month_index (int year,
                  int month)
{
  return year * 12 + month - 1;
}

static inline int
demo_month_year (int mi)
{
  return mi / 12;
}

static inline int
demo_month_month (int mi)
{
  return mi % 12 + 1;
}

guint32  demo_julian            (int          year,
                                 int          month,
                                 int          day);
guint32  demo_month_day         (int          mi,
                                 int          day);
guint32  demo_month_first       (int          mi);
guint32  demo_month_last        (int          mi);
int      demo_days_in_month     (int          mi);
int      demo_julian_month      (guint32      julian);
int      demo_julian_year       (guint32      julian);
int      demo_julian_day        (guint32      julian);
/* "YYYY-MM-DD" into buf (at least 11 bytes) */
void     demo_julian_iso        (guint32      julian,
                                 char        *buf);
/* "YYYY-MM" into buf (at least 8 bytes) */
void     demo_month_iso         (int          mi,
                                 char        *buf);
gboolean demo_is_weekday        (guint32      julian);
/* The n-th Monday–Friday strictly after julian. */
guint32  demo_add_weekdays      (guint32      julian,
                                 int          n);
/* Age in months on as_of of a lot entered in entry_mi (DESIGN.md §4:
 * the entry month counts as the first). */
static inline int
demo_age_months (int entry_mi,
                 int as_of_mi)
{
  return as_of_mi - entry_mi + 1;
}

/* --------------------------------------------------------------- random */

static inline int
demo_rand_int (GRand *rand,
               int    lo,
               int    hi)
{
  return lo >= hi ? lo : g_rand_int_range (rand, lo, hi + 1);
}

static inline double
demo_rand_double (GRand  *rand,
                  double  lo,
                  double  hi)
{
  return g_rand_double_range (rand, lo, hi);
}

/* Splits total into n positive parts of roughly equal size. */
void     demo_split_kg          (GRand       *rand,
                                 gint64       total,
                                 int          n,
                                 gint64      *parts);
/* Picks n distinct days from lo..hi, sorted; n is clamped to the span. */
int      demo_pick_days         (GRand       *rand,
                                 int          lo,
                                 int          hi,
                                 int          n,
                                 int         *days);
/* A number with a fixed count of decimals, independent of the locale. */
void     demo_append_number     (GString     *out,
                                 double       value,
                                 int          decimals);

/* ---------------------------------------------------------------- names */

/* A 统一社会信用代码 (18 characters and a NUL in buf) of a company
 * registered in area (six digits, e.g. "441800" for Qingyuan). */
void         demo_credit_code       (GRand      *rand,
                                     const char *area,
                                     char       *buf);

/* A person's name (surname and given name) in Chinese. */
void         demo_person_name       (GRand      *rand,
                                     char       *buf,
                                     gsize       size);
const char  *demo_pick              (GRand      *rand,
                                     const char * const *list);
extern const char * const demo_paddy_suppliers[];
extern const char * const demo_north_suppliers[];
extern const char * const demo_finished_suppliers[];
extern const char * const demo_oil_suppliers[];
extern const char * const demo_grain_buyers[];
extern const char * const demo_relief_counterparties[];
extern const char * const demo_province_cities[];
extern const char * const demo_province_towns[];

/* -------------------------------------------------------------- quality */

typedef enum {
  DEMO_STORAGE_GOOD,        /* 宜存 */
  DEMO_STORAGE_SLIGHT,      /* 轻度不宜存 */
} DemoStorageState;

/* The indicators of a test of a lot of variety (DESIGN.md §7 keys, only
 * those its variety uses) as JSON text, consistent with the lot's grade
 * (0 with substandard: 等外); months: how long it has been stored. Sets
 * standard to the edition in force in year. */
char        *demo_quality_indicators (GRand            *rand,
                                      const char       *variety,
                                      int               grade,
                                      gboolean          substandard,
                                      int               months,
                                      DemoStorageState  state,
                                      int               year,
                                      const char      **standard);
/* A reading's moisture for the variety (a little under its safe moisture). */
double       demo_safe_moisture      (const char       *variety);

/* --------------------------------------------------------------- writer */

typedef struct _GrDemoWriter GrDemoWriter;

typedef struct {
  const char *id;
  const char *bin;
  const char *plan;
  const char *variety;
  int         grade;            /* 0: none */
  gboolean    substandard;
  int         harvest_year;     /* 0: none */
  const char *produced_on;      /* NULL: none */
  const char *entered_on;
  int         shelf_life_days;  /* 0: none */
  gboolean    packaged;
  const char *owner;
  const char *rotation_mode;
  const char *storage_quality;
  const char *replaces;
  double      cost_yuan_per_t;  /* NAN: none */
} GrDemoLot;

typedef struct {
  const char *id;
  const char *lot;
  const char *date;
  const char *kind;
  gint64      quantity_kg;
  double      price_yuan_per_t; /* NAN: none */
  const char *counterparty;
  const char *voucher_no;
  const char *note;
} GrDemoMovement;

typedef struct {
  const char *bin;
  double      temp_max, temp_avg, temp_min;  /* NAN: none */
  double      moisture_pct;                  /* NAN: none */
  double      pests_per_kg, main_pests_per_kg;
  const char *pest_class;
  double      airtightness_s;
  const char *note;
} GrDemoReading;

GrDemoWriter *gr_demo_writer_new      (GrStore        *store,
                                       const char     *updated_at,
                                       GError        **error);
void          gr_demo_writer_free     (GrDemoWriter   *w);
/* FALSE (with the first failure) once a write has failed. */
gboolean      gr_demo_writer_check    (GrDemoWriter   *w,
                                       GError        **error);
GrStore      *gr_demo_writer_store    (GrDemoWriter   *w);
/* Records a failure of the generator itself; later writes are skipped. */
void          gr_demo_writer_fail     (GrDemoWriter   *w,
                                       GError         *error);

void gr_demo_write_enterprise  (GrDemoWriter *w, const char *id, const char *name, const char *kind,
                                const char *credit_note);
void gr_demo_write_depot       (GrDemoWriter *w, const char *id, const char *enterprise, const char *code,
                                const char *name, const char *region, const char *address,
                                gint64 capacity_kg, const char *grade, const char *informatised);
void gr_demo_write_bin         (GrDemoWriter *w, const char *id, const char *depot, const char *code,
                                const char *type, gint64 capacity_kg, const char *storage_tech,
                                const char *keeper);
void gr_demo_write_plan        (GrDemoWriter *w, const char *id, const char *enterprise, const char *variety,
                                gint64 quantity_kg, int required_grade, const char *rotation_mode,
                                const char *valid_from, const char *valid_to, const char *fill_by);
void gr_demo_write_lot         (GrDemoWriter *w, const GrDemoLot *lot);
void gr_demo_write_movement    (GrDemoWriter *w, const GrDemoMovement *movement);
void gr_demo_write_release     (GrDemoWriter *w, const char *id, const char *order_no, const char *date,
                                const char *enterprise, const char *variety, gint64 quantity_kg,
                                const char *price_policy);
void gr_demo_write_rotation_plan (GrDemoWriter *w, const char *id, const char *enterprise, int year,
                                  const char *state, const char *submitted_on, const char *approved_by,
                                  const char *approved_on);
void gr_demo_write_rotation_item (GrDemoWriter *w, const char *parent, int seq, const char *lot,
                                  gint64 quantity_kg, const char *out_month, const char *in_month,
                                  const char *reason, gboolean extension_approved);
void gr_demo_write_report      (GrDemoWriter *w, const char *id, const char *enterprise, const char *month,
                                const char *filed_on);
void gr_demo_write_report_row  (GrDemoWriter *w, const char *parent, int seq, const char *depot,
                                const char *variety, gint64 opening_kg, gint64 in_kg, gint64 out_kg,
                                gint64 closing_kg);
void gr_demo_write_report_rotation (GrDemoWriter *w, const char *parent, int seq, const char *variety,
                                    gint64 planned_kg, gint64 out_month_kg, gint64 in_month_kg,
                                    gint64 out_ytd_kg, gint64 in_ytd_kg);
void gr_demo_write_quality_test (GrDemoWriter *w, const char *id, const char *lot, const char *date,
                                 const char *lab, const char *standard, const char *indicators,
                                 const char *sample_no);
void gr_demo_write_inspection  (GrDemoWriter *w, const char *id, const char *depot, const char *date,
                                const char *kind, const char *inspectors, const char *checklist,
                                const char *signed_by, const char *signed_on);
void gr_demo_write_reading     (GrDemoWriter *w, const char *parent, int seq, const GrDemoReading *reading);
void gr_demo_write_quantity_check (GrDemoWriter *w, const char *parent, int seq, const char *bin,
                                   gint64 measured_kg, gint64 book_kg);
void gr_demo_write_finding     (GrDemoWriter *w, const char *parent, int seq, const char *finding_id,
                                const char *text, const char *severity, const char *due);
void gr_demo_write_closure     (GrDemoWriter *w, const char *id, const char *inspection, const char *finding,
                                const char *closed_on, const char *closed_by, const char *note);
void gr_demo_write_assessment  (GrDemoWriter *w, const char *id, const char *depot, const char *declared_level,
                                const char *template_json, const char *scores, const char *deductions,
                                const char *state, const char *awarded_level, const char *decided_on);
/* gr_ledger_mark_dirty, through the writer's sticky error. */
void gr_demo_mark_dirty        (GrDemoWriter *w, const char *lot, const char *from_date);

/* ----------------------------------------------------------- generators */

typedef struct {
  GrDemoWriter   *writer;
  GRand          *rand;
  guint32         today;        /* julian day: the last day of the history */
  double          factor;
  guint           history_years;
  GrProgressFunc  progress;
  gpointer        progress_data;
  double          progress_from, progress_to;  /* the span this generator reports in */
} GrDemoContext;

void     gr_demo_report_progress  (GrDemoContext *ctx,
                                   double         fraction,
                                   const char    *note);

gboolean gr_demo_generate_city     (GrDemoContext  *ctx,
                                    GError        **error);
gboolean gr_demo_generate_province (GrDemoContext  *ctx,
                                    GError        **error);

G_END_DECLS
