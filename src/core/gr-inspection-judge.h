/* gr-inspection-judge.h: what an inspection's readings and counts mean
 *
 * Pure functions over the standards of gr-standards.h: the pest class of
 * a reading (GB/T 29890, DOMAIN.md §3.3), the alarms of a reading against
 * the temperature regime of the bin's storage tech (§3.2) and the safe
 * moisture of its variety (§3.1), and the difference of a measured stock
 * from the books against the stock-check tolerance. No database here: the
 * form judges as the inspector types.
 *
 * Values are compared in thousandths as integers (gr-standards.h), so a
 * reading exactly at a limit is within it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-standards.h"

G_BEGIN_DECLS

/* "basically_free", "general", "serious", "dangerous" (dataset names) */
const char *gr_pest_class_to_string   (GrPestClass  pest_class);
gboolean    gr_pest_class_from_string (const char  *text,
                                       GrPestClass *out);
/* 基本无虫粮, 一般虫粮, 严重虫粮, 危险虫粮 */
const char *gr_pest_class_name        (const char  *pest_class);

/* The class of densities total and main (live insects per kg; NaN when
 * not counted). dangerous: quarantine-listed or especially dangerous
 * pests were found, which makes the grain 危险虫粮 whatever the density.
 * FALSE when nothing can be judged (no density and not dangerous, or no
 * table). The worse of the two densities decides. */
gboolean    gr_pest_class_judge       (const GrPestClassTable *table,
                                       double                  total,
                                       double                  main,
                                       gboolean                dangerous,
                                       GrPestClass            *out);

/* One reading's values; NaN for a value not taken. */
typedef struct {
  double      temp_max_c;
  double      temp_avg_c;
  double      temp_min_c;
  double      moisture_pct;
  double      pests_per_kg;
  double      main_pests_per_kg;
  const char *pest_class;       /* as stored, or NULL */
} GrReadingValues;

void        gr_reading_values_init    (GrReadingValues *values);

typedef enum {
  GR_ALARM_TEMP_AVG,   /* average grain temperature above the regime's */
  GR_ALARM_TEMP_MAX,   /* a local maximum above the regime's */
  GR_ALARM_MOISTURE,   /* moisture above the variety's safe moisture */
  GR_ALARM_PESTS,      /* 严重虫粮 or 危险虫粮 */
} GrAlarmKind;

typedef struct {
  GrAlarmKind        kind;
  double             value;     /* what was read (pests: total per kg) */
  double             limit;     /* what is allowed; NaN for PESTS */
  GrThresholdStatus  status;    /* of the limit */
  const char        *standard;  /* where the limit comes from */
  char              *text;      /* one line for people */
} GrAlarm;

void        gr_alarm_free             (GrAlarm *alarm);

/* The alarms of a reading of a bin with storage_tech holding variety
 * (either may be NULL: no alarm of that kind), in kind order, as a
 * GPtrArray of GrAlarm (empty when all is well). */
GPtrArray  *gr_reading_alarms         (GrStandards           *standards,
                                       const char            *storage_tech,
                                       const char            *variety,
                                       const GrReadingValues *values);

/* A stock check of one bin: measured against booked kilograms. */
typedef struct {
  gint64            measured_kg;
  gint64            book_kg;
  gint64            difference_kg;  /* measured − book */
  double            difference_pct; /* of the book; NaN when the book is 0 */
  gboolean          within;         /* |difference| ≤ tolerance × book */
  gint64            tolerance_milli;
  GrThresholdStatus status;
} GrQuantityJudgement;

/* FALSE when either quantity is missing (< 0) or there is no rule. */
gboolean    gr_quantity_check_judge   (const GrStockCheckRule *rule,
                                       gint64                  measured_kg,
                                       gint64                  book_kg,
                                       GrQuantityJudgement    *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrAlarm, gr_alarm_free)

G_END_DECLS
