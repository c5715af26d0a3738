/* gr-doc-reports.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-doc"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-doc-reports.h"
#include "gr-doc-words.h"
#include "gr-error.h"
#include "gr-format.h"

GrDocTable *
gr_doc_monthly_table (GrMonthlyReport *report,
                      const char      *today)
{
  static const char * const stock_headers[] = {
    "库点名称", "储备品种", "期初库存（吨）", "本期收入（吨）", "本期支出（吨）", "期末库存（吨）",
  };
  static const GrDocKind stock_kinds[] = {
    GR_DOC_TEXT, GR_DOC_TEXT, GR_DOC_TONNES, GR_DOC_TONNES, GR_DOC_TONNES, GR_DOC_TONNES,
  };
  static const char * const rotation_headers[] = {
    "储备品种", "年度轮换计划（吨）", "本月轮出（吨）", "本月轮入（吨）", "本年累计轮出（吨）", "本年累计轮入（吨）",
  };
  static const GrDocKind rotation_kinds[] = {
    GR_DOC_TEXT, GR_DOC_TONNES, GR_DOC_TONNES, GR_DOC_TONNES, GR_DOC_TONNES, GR_DOC_TONNES,
  };
  g_autofree char *now = today ? g_strdup (today) : gr_today_iso ();
  g_autofree char *period = gr_doc_month_name (report->month);
  GrDocTable *table = gr_doc_table_new ("政府储备粮月报告", report->enterprise_name, period, now);
  GrDocSection *section;
  GrDocCell *totals;

  /* Zhongshan 第十五条: filed within the working days after the month. */
  {
    g_autofree char *filed = report->filed_on ? gr_doc_date_name (report->filed_on) : NULL;
    g_autofree char *due = report->due_on ? gr_doc_date_name (report->due_on) : NULL;
    g_autofree char *line = NULL;

    if (filed != NULL && due != NULL)
      line = g_strdup_printf ("报送日期：%s（%s，报送期限 %s）", filed,
                              gr_monthly_report_on_time (report->filed_on, report->due_on) ? "按时" : "逾期", due);
    else if (filed != NULL)
      line = g_strdup_printf ("报送日期：%s", filed);
    else if (due != NULL && strcmp (now, report->due_on) > 0)
      line = g_strdup_printf ("未报送，已逾期（报送期限 %s）", due);
    else if (due != NULL)
      line = g_strdup_printf ("未报送；报送期限 %s（月度终了后 %d 个工作日内）", due, report->working_days);
    else
      line = g_strdup ("未报送");
    gr_doc_table_add_line (table, line);
  }

  section = gr_doc_table_add_section (table, "库存", G_N_ELEMENTS (stock_headers), stock_headers, stock_kinds);
  totals = gr_doc_section_totals (section);
  for (int c = 2; c < 6; c++)
    gr_doc_cell_set_value (&totals[c], 0);
  for (guint i = 0; i < report->rows->len; i++)
    {
      GrMonthlyRow *r = report->rows->pdata[i];
      GrDocCell *cells = gr_doc_section_add_row (section);
      gint64 values[] = { r->opening_kg, r->in_kg, r->out_kg, r->closing_kg };

      gr_doc_cell_set_text (&cells[0], r->depot_name);
      gr_doc_cell_set_text (&cells[1], gr_doc_variety_name (r->variety));
      for (int c = 0; c < 4; c++)
        {
          gr_doc_cell_set_value (&cells[c + 2], values[c]);
          totals[c + 2].value += values[c];
        }
    }
  gr_doc_section_add_note (section, "期末库存 = 期初库存 + 本期收入 − 本期支出。单位：吨。");
  if (report->late->len > 0)
    {
      g_autofree char *note = g_strdup_printf ("另有 %u 笔出入库记录在其所属月份报送后到达，已计入本表。",
                                               report->late->len);

      gr_doc_section_add_note (section, note);
    }

  section = gr_doc_table_add_section (table, "轮换进度", G_N_ELEMENTS (rotation_headers), rotation_headers,
                                      rotation_kinds);
  totals = gr_doc_section_totals (section);
  for (int c = 1; c < 6; c++)
    gr_doc_cell_set_value (&totals[c], 0);
  for (guint i = 0; i < report->rotation->len; i++)
    {
      GrMonthlyRotation *r = report->rotation->pdata[i];
      GrDocCell *cells = gr_doc_section_add_row (section);
      gint64 values[] = { r->planned_kg, r->out_month_kg, r->in_month_kg, r->out_ytd_kg, r->in_ytd_kg };

      gr_doc_cell_set_text (&cells[0], gr_doc_variety_name (r->variety));
      for (int c = 0; c < 5; c++)
        {
          gr_doc_cell_set_value (&cells[c + 1], values[c]);
          totals[c + 1].value += values[c];
        }
    }
  if (report->rotation->len == 0)
    gr_doc_section_add_note (section, "本年度无轮换计划，本月无轮换出入库。");
  return table;
}

typedef struct {
  char   *enterprise_name;
  gint64  quantity_kg;
} PlanInfo;

static void
plan_info_free (gpointer data)
{
  PlanInfo *info = data;

  g_free (info->enterprise_name);
  g_free (info);
}

static GHashTable *
load_plans (GrStore  *store,
            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store,
    "SELECT p.id, p.quantity_kg, e.name FROM plans p LEFT JOIN enterprises e ON e.id = p.enterprise"
    " WHERE p.deleted = 0", error);
  g_autoptr(GHashTable) plans = NULL;

  if (stmt == NULL)
    return NULL;
  plans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, plan_info_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      PlanInfo *info = g_new0 (PlanInfo, 1);

      info->quantity_kg = sqlite3_column_int64 (stmt, 1);
      info->enterprise_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_hash_table_insert (plans, g_strdup ((const char *) sqlite3_column_text (stmt, 0)), info);
    }
  return g_steal_pointer (&plans);
}

static char *
enterprise_name (GrStore     *store,
                 const char  *enterprise,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store,
    "SELECT name FROM enterprises WHERE deleted = 0 AND id = ?1", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, enterprise, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND, _("There is no enterprise “%s”"), enterprise);
      return NULL;
    }
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

GrDocTable *
gr_doc_subsidy_table (GrSubsidyStatement  *statement,
                      GrStore             *store,
                      const char          *enterprise,
                      const char          *today,
                      GError             **error)
{
  static const char * const headers[] = {
    "承储企业", "储备品种", "计划数量（吨）", "补贴标准（元/斤·年）", "平均补贴基数（吨）",
    "按计划数量（天）", "按实际库存（天）", "扣除逾期空仓（天）", "计划未生效（天）", "补贴金额（元）",
  };
  static const GrDocKind kinds[] = {
    GR_DOC_TEXT, GR_DOC_TEXT, GR_DOC_TONNES, GR_DOC_TEXT, GR_DOC_TONNES,
    GR_DOC_INTEGER, GR_DOC_INTEGER, GR_DOC_INTEGER, GR_DOC_INTEGER, GR_DOC_YUAN,
  };
  g_autoptr(GHashTable) plans = load_plans (store, error);
  g_autofree char *now = today ? g_strdup (today) : gr_today_iso ();
  g_autofree char *period = NULL, *name = NULL, *line = NULL;
  GrDocTable *table;
  GrDocSection *section;
  GrDocCell *totals;
  gboolean missing_rate = FALSE, any_rate = FALSE;
  gint64 total_fen = 0;

  if (plans == NULL)
    return NULL;
  if (enterprise != NULL && (name = enterprise_name (store, enterprise, error)) == NULL)
    return NULL;

  period = statement->month ? g_strdup_printf ("%d年%d月", statement->year, statement->month)
                            : g_strdup_printf ("%d年度", statement->year);
  table = gr_doc_table_new ("政府储备粮保管费用补贴表", name ? name : "全部承储企业", period, now);
  line = g_strdup_printf ("计算天数：%u 天（全年 %u 天）", statement->days, statement->days_in_year);
  gr_doc_table_add_line (table, line);

  section = gr_doc_table_add_section (table, "保管费用补贴", G_N_ELEMENTS (headers), headers, kinds);
  for (guint i = 0; i < statement->plans->len; i++)
    {
      GrSubsidyPlan *p = statement->plans->pdata[i];
      PlanInfo *info = g_hash_table_lookup (plans, p->plan);
      GrDocCell *cells;

      if (enterprise != NULL && g_strcmp0 (p->enterprise, enterprise) != 0)
        continue;
      cells = gr_doc_section_add_row (section);
      gr_doc_cell_set_text (&cells[0], info && info->enterprise_name ? info->enterprise_name : p->enterprise);
      gr_doc_cell_set_text (&cells[1], gr_doc_variety_name (p->variety));
      if (info != NULL)
        gr_doc_cell_set_value (&cells[2], info->quantity_kg);
      if (p->has_rate)
        {
          char rate[G_ASCII_DTOSTR_BUF_SIZE];

          gr_doc_cell_set_text (&cells[3], g_ascii_formatd (rate, sizeof rate, "%g", p->rate));
          gr_doc_cell_set_value (&cells[9], p->amount_fen);
          total_fen += p->amount_fen;
          any_rate = TRUE;
        }
      else
        {
          gr_doc_cell_set_text (&cells[3], "未设定");
          missing_rate = TRUE;
        }
      gr_doc_cell_set_value (&cells[4], p->basis_kg);
      gr_doc_cell_set_value (&cells[5], p->days_quantity);
      gr_doc_cell_set_value (&cells[6], p->days_actual);
      gr_doc_cell_set_value (&cells[7], p->days_vacancy);
      gr_doc_cell_set_value (&cells[8], p->days_inactive);
    }
  totals = gr_doc_section_totals (section);
  /* No rate anywhere: no amount, rather than a total of 0.00. */
  if (any_rate)
    gr_doc_cell_set_value (&totals[9], total_fen);

  gr_doc_section_add_note (section, "补贴金额 = 补贴标准 × 补贴基数 × 2000 斤/吨 × 天数 ÷ 全年天数，逐日计算，按计划四舍五入到分。");
  gr_doc_section_add_note (section, "动用后库存低于最低库存期间按实际库存计算；逾期未补足的空仓数量不予补贴。");
  if (missing_rate)
    gr_doc_section_add_note (section, "补贴标准“未设定”的品种只列补贴基数，不计金额。");
  return table;
}
