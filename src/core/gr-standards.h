/* gr-standards.h: grain standards as data (DOMAIN.md §1–§2)
 *
 * Each file of data/standards/ (or $XDG_DATA_HOME/granary/standards, or
 * $GRANARY_DATA_DIR/standards) holds one edition of one standard: the
 * grading ladders and limits of GB 1350/1351/1352/1353, GB/T 1354/1355,
 * or the storage-quality thresholds of GB/T 20569/20570/20571. Every
 * threshold carries its status as the domain reference tags it
 * (verified, verified-code, unconfirmed), so a judgement can say when it
 * rests on an unconfirmed figure. A new edition is a new file; no
 * threshold lives in code. Loading validates every file: an error names
 * the file and the key.
 *
 * The inspection standards (pest classes, temperature regimes, safe
 * moisture, stock-check tolerance) and the inspectors' checklist are read
 * from the same directories (DOMAIN.md §3, §5.7).
 *
 * Thresholds are held in thousandths (75.0 % → 75000) and compared as
 * integers, so a value exactly at a threshold never falls on the wrong
 * side of it through floating point.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  GR_STATUS_VERIFIED,       /* checked in a named source */
  GR_STATUS_VERIFIED_CODE,  /* seen only as a rule in public code */
  GR_STATUS_UNCONFIRMED,    /* not confirmed against the standard's text */
} GrThresholdStatus;

typedef enum {
  GR_STORAGE_SUITABLE,             /* 宜存 */
  GR_STORAGE_SLIGHTLY_UNSUITABLE,  /* 轻度不宜存 */
  GR_STORAGE_SEVERELY_UNSUITABLE,  /* 重度不宜存 */
} GrStorageQuality;

/* "suitable", "slightly_unsuitable", "severely_unsuitable" (dataset names) */
const char *gr_storage_quality_to_string   (GrStorageQuality  quality);
gboolean    gr_storage_quality_from_string (const char       *text,
                                            GrStorageQuality *out);
/* Translated: 宜存 / 轻度不宜存 / 重度不宜存 */
const char *gr_storage_quality_name        (GrStorageQuality  quality);

/* color_odor values: "normal", "basically_normal", "abnormal" */
extern const char * const gr_color_odor_values[];

#define GR_MAX_GRADES 5

typedef struct {
  gint64            milli;   /* the threshold × 1000 */
  GrThresholdStatus status;
} GrThreshold;

typedef enum {
  GR_BOUND_MIN,   /* the value must be at least the threshold */
  GR_BOUND_MAX,   /* the value must be at most the threshold */
  GR_BOUND_ALLOWED, /* a text value among the allowed ones */
} GrBound;

/* A grading ladder: values[g − 1] is the threshold of grade g. */
typedef struct {
  const char  *indicator;
  GrBound      bound;
  GrThreshold  values[GR_MAX_GRADES];
} GrLadder;

/* A limit: one threshold for every grade, or one per grade (per_grade:
 * 整精米率 of GB 1350-2009), or allowed text values (色泽气味). */
typedef struct {
  const char   *indicator;
  GrBound       bound;
  gboolean      per_grade;
  GrThreshold   value;                      /* !per_grade; status for ALLOWED too */
  GrThreshold   values[GR_MAX_GRADES];      /* per_grade */
  guint         allowed;                    /* ALLOWED: bit i = gr_color_odor_values[i] */
} GrLimit;

typedef struct {
  const char   *standard;    /* the edition, e.g. "GB 1350-2009" */
  const char   *name;        /* e.g. 籼稻谷 */
  guint         varieties;   /* bit i: gr_variety_codes()[i] */
  int           n_grades;
  const GrLadder *ladders;   /* the grading indicators (none for flour) */
  guint         n_ladders;
  const GrLimit *limits;
  guint         n_limits;
} GrGradingTable;

/* A storage-quality indicator: within suitable → 宜存; else within
 * slightly (when has_slightly) → 轻度不宜存; else 重度不宜存. Without a
 * slightly threshold anything past suitable is 轻度不宜存 (面筋吸水量). A
 * categorical indicator (色泽气味) maps each value to a quality. */
typedef struct {
  const char       *indicator;
  GrBound           bound;          /* MIN, MAX, or ALLOWED for categories */
  GrThreshold       suitable;
  GrThreshold       slightly;
  gboolean          has_slightly;
  GrStorageQuality  category_quality[3];  /* by gr_color_odor_values index */
  GrThresholdStatus category_status[3];
  guint             categories;           /* bit i: value i is listed */
} GrStorageIndicator;

typedef struct {
  const char               *standard;
  const char               *name;
  guint                     varieties;
  int                       used_from_year;
  const GrStorageIndicator *indicators;
  guint                     n_indicators;
} GrStorageTable;

typedef struct {
  const char  *item;
  double       points;
  const char  *content;
  const char  *method;
  gboolean     bonus;
} GrTemplateItem;

/* A 等级粮库 assessment template (DOMAIN.md §4.1). levels[i] is the total
 * needed for level i + 1 (A … AAAAA). */
typedef struct {
  const char           *id;
  const char           *version;
  const char           *title;
  gboolean              placeholder;
  const GrTemplateItem *items;
  guint                 n_items;
  const char * const   *vetoes;
  GrThreshold           levels[5];
} GrAssessmentTemplate;

/* ---- Inspection standards (DOMAIN.md §3, §5.7) ----
 *
 * Files of format "granary-inspection-standard" hold the pest classes and
 * temperature regimes of GB/T 29890, the safe moisture per variety and
 * the tolerance of a stock check; a "granary-inspection-checklist" file
 * holds the inspectors' checklist. Each part may be given by one file
 * only: a second one is an error naming both. */

/* 虫粮等级 (DOMAIN.md §3.3); the order is the order of severity. */
typedef enum {
  GR_PEST_BASICALLY_FREE,  /* 基本无虫粮 */
  GR_PEST_GENERAL,         /* 一般虫粮 */
  GR_PEST_SERIOUS,         /* 严重虫粮 */
  GR_PEST_DANGEROUS,       /* 危险虫粮 */
} GrPestClass;

/* Densities in live insects per kg × 1000. Up to the basically-free
 * limits (both) the grain is 基本无虫粮, up to the general ones 一般虫粮,
 * past either 严重虫粮. */
typedef struct {
  const char  *standard;
  GrThreshold  free_total_max;
  GrThreshold  free_main_max;
  GrThreshold  general_total_max;
  GrThreshold  general_main_max;
} GrPestClassTable;

/* A temperature regime (DOMAIN.md §3.2), by a bin's storage_tech. Limits
 * in °C × 1000; a regime without limits (常规储藏) raises no alarm. */
typedef struct {
  const char  *standard;
  const char  *storage_tech;
  const char  *name;
  gboolean     has_avg_max;
  GrThreshold  avg_max;
  gboolean     has_local_max;
  GrThreshold  local_max;
} GrTemperatureRegime;

/* Safe moisture of some varieties (DOMAIN.md §3.1), % × 1000. */
typedef struct {
  const char  *standard;   /* the file's standard */
  const char  *source;     /* the edition the value comes from */
  const char  *name;
  guint        varieties;  /* bit i: gr_variety_codes()[i] */
  GrThreshold  max;
} GrSafeMoisture;

/* The difference allowed between a measured and a booked quantity, % × 1000. */
typedef struct {
  const char  *standard;
  GrThreshold  tolerance;
} GrStockCheckRule;

/* A text in English and Chinese; gr_local_text () picks by the locale. */
typedef struct {
  const char *en;
  const char *zh;
} GrLocalText;

typedef struct {
  const char  *id;
  GrLocalText  title;
} GrChecklistGroup;

/* One question of the checklist: an item of a rule to verify, or a
 * prohibited act to look for (prompt), phrased so that "pass" is good. */
typedef struct {
  const char  *id;          /* the key in an inspection's checklist */
  guint        group;       /* index into groups */
  GrLocalText  label;
  const char  *document;    /* where it comes from, e.g. 东莞市政府储备粮管理办法 */
  const char  *article;     /* e.g. 第二十六条 */
  gboolean     prompt;
} GrChecklistItem;

typedef struct {
  const char             *id;
  const char             *version;
  GrLocalText             title;
  const GrChecklistGroup *groups;
  guint                   n_groups;
  const GrChecklistItem  *items;
  guint                   n_items;
} GrChecklist;

const char *gr_local_text (const GrLocalText *text);

typedef struct _GrStandards GrStandards;

/* Every standard file of the search path (the first file of a name wins). */
GrStandards *gr_standards_load      (GError      **error);
/* Every *.json file of one directory. */
GrStandards *gr_standards_load_dir  (const char   *dir,
                                     GError      **error);
GrStandards *gr_standards_new       (void);
/* Adds one file's content; name is used in messages. */
gboolean     gr_standards_add_data  (GrStandards  *self,
                                     const char   *name,
                                     const char   *data,
                                     gssize        length,
                                     GError      **error);
GrStandards *gr_standards_ref       (GrStandards  *self);
void         gr_standards_unref     (GrStandards  *self);

/* The grading table of edition standard for variety, or NULL. */
const GrGradingTable *gr_standards_find_grading (GrStandards *self,
                                                 const char  *standard,
                                                 const char  *variety);
/* The newest edition held for variety (by the year in its name), or NULL. */
const GrGradingTable *gr_standards_latest_grading (GrStandards *self,
                                                   const char  *variety);
/* Every edition held for variety, newest first (by the year in its
 * name): a GPtrArray of const GrGradingTable * owned by self. */
GPtrArray   *gr_standards_list_grading (GrStandards *self,
                                        const char  *variety);
/* The storage table in use in year for variety: the newest edition used
 * from that year or before, else the oldest held; NULL when none. */
const GrStorageTable *gr_standards_find_storage (GrStandards *self,
                                                 const char  *variety,
                                                 int          year);
/* The assessment template with this id (any version when version is NULL). */
const GrAssessmentTemplate *gr_standards_find_template (GrStandards *self,
                                                        const char  *id,
                                                        const char  *version);
/* The first template held (the default), or NULL. */
const GrAssessmentTemplate *gr_standards_default_template (GrStandards *self);

/* The pest classes, or NULL when no file gives them. */
const GrPestClassTable    *gr_standards_pest_classes      (GrStandards *self);
/* The regime of a storage tech ("low_temp", …), or NULL. */
const GrTemperatureRegime *gr_standards_temperature_regime (GrStandards *self,
                                                            const char  *storage_tech);
/* The safe moisture of variety, or NULL (no alarm for it). */
const GrSafeMoisture      *gr_standards_safe_moisture     (GrStandards *self,
                                                           const char  *variety);
const GrStockCheckRule    *gr_standards_stock_check       (GrStandards *self);
const GrChecklist         *gr_standards_checklist         (GrStandards *self);
/* The checklist item with this id, or NULL. */
const GrChecklistItem     *gr_checklist_find              (const GrChecklist *checklist,
                                                           const char        *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrStandards, gr_standards_unref)

G_END_DECLS
