/* gr-report-monthly.h: the monthly report 月报告 (DESIGN.md §3, Zhongshan 第十五条)
 *
 * For an enterprise and a month: per depot and variety the opening, in,
 * out and closing stock (期初/本期收入/本期支出/期末), and per variety the
 * rotation progress against the year's rotation plan (rotated out and in
 * this month and year to date), under the dataset's names (rows: depot,
 * variety, opening_t, in_t, out_t, closing_t; rotation: variety,
 * planned_t, out_month_t, in_month_t, out_ytd_t, in_ytd_t).
 *
 * The figures come from the lots' maintained balances and the movements
 * dated from 1 January of the report's year on, read lot by lot through
 * the (lot, date) index: never the whole history. A lot belongs to the
 * enterprise of its bin's depot.
 *
 * Filing sets filed_on and stores the rows and rotation in the
 * enterprise's monthly_reports record through the record writer, with
 * its outbox row for sync (one "append": a filed report is frozen,
 * SYNC.md §3.6), all in one transaction; the month is then locked (an
 * import refuses a new movement dated in it, unless it comes by sync).
 * Two devices that file the same month offline both keep their filing:
 * the earliest filed_on is the month's. A movement dated in a filed month
 * of the year that was stored after the filing is listed in `late` of
 * every later report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-profile.h"
#include "gr-store.h"

G_BEGIN_DECLS

typedef struct {
  char   *depot;
  char   *depot_name;
  char   *variety;
  gint64  opening_kg;
  gint64  in_kg;
  gint64  out_kg;
  gint64  closing_kg;
} GrMonthlyRow;

typedef struct {
  char   *variety;
  gint64  planned_kg;
  gint64  out_month_kg;
  gint64  in_month_kg;
  gint64  out_ytd_kg;
  gint64  in_ytd_kg;
} GrMonthlyRotation;

typedef struct {
  char       *id;               /* the stored record's id, NULL when none */
  char       *enterprise;
  char       *enterprise_name;
  char       *month;            /* YYYY-MM */
  char       *filed_on;         /* NULL until filed */
  GPtrArray  *rows;             /* GrMonthlyRow, by depot name then variety */
  GPtrArray  *rotation;         /* GrMonthlyRotation, by variety code order */
  GPtrArray  *late;             /* ids of movements that came after their month was filed */
  char       *due_on;           /* the filing deadline, once gr_monthly_report_set_due has run */
  int         working_days;     /* the working days it allows after the month */
} GrMonthlyReport;

/* Zhongshan 第十五条: "每月终了后 5 个工作日内" the report is filed. */
#define GR_MONTHLY_REPORT_WORKING_DAYS 5

/* today: YYYY-MM-DD, NULL for the real date; a month after today's is refused. */
GrMonthlyReport *gr_monthly_report_build (GrStore          *store,
                                          const char       *enterprise,
                                          const char       *month,
                                          const char       *today,
                                          GError          **error);
/* Files the report on today (NULL: the real date): refuses a month that
 * has not ended or is filed already. */
gboolean         gr_monthly_report_file  (GrStore          *store,
                                          GrMonthlyReport  *report,
                                          const char       *today,
                                          GError          **error);
/* The filed_on of the enterprise's report of month, or NULL. */
char            *gr_monthly_report_filed_on (GrStore       *store,
                                             const char    *enterprise,
                                             const char    *month,
                                             GError       **error);
/* The last day (YYYY-MM-DD) to file the report of month: the working
 * days of the profile's report.monthly rule (Zhongshan 第十五条; 5 when
 * the profile has no such rule) after the month's last day, counted on
 * the profile's calendar (weekends, holidays and make-up working days;
 * Monday to Friday when profile is NULL). */
char            *gr_monthly_report_due_on   (GrProfile    *profile,
                                             const char   *month,
                                             int          *out_working_days);
/* Sets report->due_on and report->working_days. */
void             gr_monthly_report_set_due  (GrMonthlyReport *report,
                                             GrProfile       *profile);
/* Whether a report filed on filed_on (YYYY-MM-DD) meets due_on. */
gboolean         gr_monthly_report_on_time  (const char   *filed_on,
                                             const char   *due_on);
/* The report as JSON, as it appears in the dataset (tonnes). */
char            *gr_monthly_report_to_json  (GrMonthlyReport *report);
void             gr_monthly_report_free  (GrMonthlyReport  *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrMonthlyReport, gr_monthly_report_free)

G_END_DECLS
