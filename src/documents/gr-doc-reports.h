/* gr-doc-reports.h: the monthly report and the subsidy statement as document tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gr-doc-table.h"
#include "gr-report-monthly.h"
#include "gr-report-subsidy.h"
#include "gr-store.h"

G_BEGIN_DECLS

/* 月报告 (Zhongshan 第十五条: 承储企业名称、库点名称、储备品种、储存数量、
 * 出入库数量): a 库存 section per depot and variety and a 轮换进度
 * section per variety. today: the generated date (NULL: the real date). */
GrDocTable *gr_doc_monthly_table (GrMonthlyReport     *report,
                                  const char          *today);

/* 保管费用补贴: one row per plan with its rate, average basis, the days at
 * each basis and the amount. enterprise: only that enterprise's plans
 * (NULL: all, with a column naming each plan's enterprise). The store
 * gives the enterprises' names and the plans' quantities. */
GrDocTable *gr_doc_subsidy_table (GrSubsidyStatement  *statement,
                                  GrStore             *store,
                                  const char          *enterprise,
                                  const char          *today,
                                  GError             **error);

G_END_DECLS
