/* gr-demo-writer.c: prepared INSERTs for the demo generators
 *
 * One statement per table, prepared once and reused for every row, so
 * a province of two million movements costs no parsing per row. Every
 * record gets version 0, updated_by "demo", no content hash and no
 * extra keys.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-demo-private.h"
#include "gr-error.h"
#include "gr-ledger.h"

typedef enum {
  S_ENTERPRISE,
  S_DEPOT,
  S_BIN,
  S_PLAN,
  S_LOT,
  S_MOVEMENT,
  S_RELEASE,
  S_ROTATION_PLAN,
  S_ROTATION_ITEM,
  S_REPORT,
  S_REPORT_ROW,
  S_REPORT_ROTATION,
  S_QUALITY_TEST,
  S_INSPECTION,
  S_READING,
  S_QUANTITY_CHECK,
  S_FINDING,
  S_CLOSURE,
  S_ASSESSMENT,
  N_STATEMENTS
} Statement;

#define META "?1, 0, ?2, 'demo', 0, NULL"
#define META_COLUMNS "id, version, updated_at, updated_by, deleted, content_hash"

/* ?1 is the id (or the parent), ?2 updated_at (top-level tables), the
 * fields follow from ?3 (top level) or ?2 with the seq (child tables). */
static const char * const statement_sql[N_STATEMENTS] = {
  [S_ENTERPRISE] =
    "INSERT INTO enterprises (" META_COLUMNS ", name, kind, credit_note) VALUES (" META ", ?3, ?4, ?5)",
  [S_DEPOT] =
    "INSERT INTO depots (" META_COLUMNS ", enterprise, code, name, region, address, capacity_kg, grade, informatised)"
    " VALUES (" META ", ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
  [S_BIN] =
    "INSERT INTO bins (" META_COLUMNS ", depot, code, type, capacity_kg, storage_tech, keeper)"
    " VALUES (" META ", ?3, ?4, ?5, ?6, ?7, ?8)",
  [S_PLAN] =
    "INSERT INTO plans (" META_COLUMNS ", enterprise, variety, quantity_kg, required_grade, rotation_mode,"
    " valid_from, valid_to, fill_by) VALUES (" META ", ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
  [S_LOT] =
    "INSERT INTO lots (" META_COLUMNS ", bin, plan, variety, grade, substandard, harvest_year, produced_on,"
    " entered_on, shelf_life_days, packaged, owner, rotation_mode, storage_quality, replaces, delay_approved,"
    " cost_yuan_per_t) VALUES (" META ", ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, 0, ?17)",
  [S_MOVEMENT] =
    "INSERT INTO movements (" META_COLUMNS ", lot, date, kind, quantity_kg, price_yuan_per_t, counterparty,"
    " voucher_no, corrects, note) VALUES (" META ", ?3, ?4, ?5, ?6, ?7, ?8, ?9, NULL, ?10)",
  [S_RELEASE] =
    "INSERT INTO releases (" META_COLUMNS ", order_no, date, enterprise, variety, quantity_kg, price_policy)"
    " VALUES (" META ", ?3, ?4, ?5, ?6, ?7, ?8)",
  [S_ROTATION_PLAN] =
    "INSERT INTO rotation_plans (" META_COLUMNS ", enterprise, year, state, submitted_on, approved_by, approved_on)"
    " VALUES (" META ", ?3, ?4, ?5, ?6, ?7, ?8)",
  [S_ROTATION_ITEM] =
    "INSERT INTO rotation_plan_items (parent, seq, lot, quantity_kg, out_month, in_month, reason,"
    " vacancy_extension_approved) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
  [S_REPORT] =
    "INSERT INTO monthly_reports (" META_COLUMNS ", enterprise, month, filed_on) VALUES (" META ", ?3, ?4, ?5)",
  [S_REPORT_ROW] =
    "INSERT INTO monthly_report_rows (parent, seq, depot, variety, opening_kg, in_kg, out_kg, closing_kg)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
  [S_REPORT_ROTATION] =
    "INSERT INTO monthly_report_rotation (parent, seq, variety, planned_kg, out_month_kg, in_month_kg,"
    " out_ytd_kg, in_ytd_kg) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
  [S_QUALITY_TEST] =
    "INSERT INTO quality_tests (" META_COLUMNS ", lot, date, lab, standard, indicators, sample_no)"
    " VALUES (" META ", ?3, ?4, ?5, ?6, ?7, ?8)",
  [S_INSPECTION] =
    "INSERT INTO inspections (" META_COLUMNS ", depot, date, kind, inspectors, checklist, signed_by, signed_on,"
    " corrects, photos) VALUES (" META ", ?3, ?4, ?5, ?6, ?7, ?8, ?9, NULL, NULL)",
  [S_READING] =
    "INSERT INTO inspection_readings (parent, seq, bin, grain_temp_max_c, grain_temp_avg_c, grain_temp_min_c,"
    " moisture_pct, pests_per_kg, main_pests_per_kg, pest_class, airtightness_s, note)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
  [S_QUANTITY_CHECK] =
    "INSERT INTO inspection_quantity_checks (parent, seq, bin, measured_kg, book_kg) VALUES (?1, ?2, ?3, ?4, ?5)",
  [S_FINDING] =
    "INSERT INTO inspection_findings (parent, seq, id, text, severity, due) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  [S_CLOSURE] =
    "INSERT INTO finding_closures (" META_COLUMNS ", inspection, finding, closed_on, closed_by, note)"
    " VALUES (" META ", ?3, ?4, ?5, ?6, ?7)",
  [S_ASSESSMENT] =
    "INSERT INTO depot_assessments (" META_COLUMNS ", depot, declared_level, template, scores, deductions, state,"
    " awarded_level, decided_on) VALUES (" META ", ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
};

struct _GrDemoWriter
{
  /* Borrowed References */
  GrStore      *store;

  /* Owned References */
  char         *updated_at;
  sqlite3_stmt *statements[N_STATEMENTS];
  gboolean      has_meta[N_STATEMENTS];
  GError       *error;
};

GrDemoWriter *
gr_demo_writer_new (GrStore     *store,
                    const char  *updated_at,
                    GError     **error)
{
  GrDemoWriter *w = g_new0 (GrDemoWriter, 1);

  w->store = store;
  w->updated_at = g_strdup (updated_at);
  for (guint i = 0; i < N_STATEMENTS; i++)
    {
      w->has_meta[i] = strstr (statement_sql[i], META) != NULL;
      w->statements[i] = gr_store_prepare (store, statement_sql[i], error);
      if (w->statements[i] == NULL)
        {
          gr_demo_writer_free (w);
          return NULL;
        }
    }
  return w;
}

void
gr_demo_writer_free (GrDemoWriter *w)
{
  if (w == NULL)
    return;
  for (guint i = 0; i < N_STATEMENTS; i++)
    g_clear_pointer (&w->statements[i], sqlite3_finalize);
  g_clear_error (&w->error);
  g_free (w->updated_at);
  g_free (w);
}

gboolean
gr_demo_writer_check (GrDemoWriter  *w,
                      GError       **error)
{
  if (w->error == NULL)
    return TRUE;
  g_propagate_error (error, g_error_copy (w->error));
  return FALSE;
}

GrStore *
gr_demo_writer_store (GrDemoWriter *w)
{
  return w->store;
}

void
gr_demo_writer_fail (GrDemoWriter *w,
                     GError       *error)
{
  if (w->error == NULL)
    w->error = error;
  else
    g_error_free (error);
}

/* Starts a row: NULL when an earlier write failed. */
static sqlite3_stmt *
begin_row (GrDemoWriter *w,
           Statement     which,
           const char   *id)
{
  sqlite3_stmt *stmt;

  if (w->error != NULL)
    return NULL;
  stmt = w->statements[which];
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (w->has_meta[which])
    sqlite3_bind_text (stmt, 2, w->updated_at, -1, SQLITE_STATIC);
  return stmt;
}

static void
finish_row (GrDemoWriter *w,
            sqlite3_stmt *stmt,
            const char   *id)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      g_autofree char *what = g_strdup_printf (_("Could not write the demo record %s"), id);
      GError *error = NULL;

      gr_store_set_error (w->store, &error, what);
      gr_demo_writer_fail (w, error);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

static void
bind_double (sqlite3_stmt *stmt,
             int           index,
             double        value)
{
  if (!isnan (value))
    sqlite3_bind_double (stmt, index, value);
}

static void
bind_positive (sqlite3_stmt *stmt,
               int           index,
               gint64        value)
{
  if (value > 0)
    sqlite3_bind_int64 (stmt, index, value);
}

void
gr_demo_write_enterprise (GrDemoWriter *w,
                          const char   *id,
                          const char   *name,
                          const char   *kind,
                          const char   *credit_note)
{
  sqlite3_stmt *stmt = begin_row (w, S_ENTERPRISE, id);

  if (stmt == NULL)
    return;
  bind_text (stmt, 3, name);
  bind_text (stmt, 4, kind);
  bind_text (stmt, 5, credit_note);
  finish_row (w, stmt, id);
}

void
gr_demo_write_depot (GrDemoWriter *w,
                     const char   *id,
                     const char   *enterprise,
                     const char   *code,
                     const char   *name,
                     const char   *region,
                     const char   *address,
                     gint64        capacity_kg,
                     const char   *grade,
                     const char   *informatised)
{
  sqlite3_stmt *stmt = begin_row (w, S_DEPOT, id);

  if (stmt == NULL)
    return;
  bind_text (stmt, 3, enterprise);
  bind_text (stmt, 4, code);
  bind_text (stmt, 5, name);
  bind_text (stmt, 6, region);
  bind_text (stmt, 7, address);
  sqlite3_bind_int64 (stmt, 8, capacity_kg);
  bind_text (stmt, 9, grade);
  bind_text (stmt, 10, informatised);
  finish_row (w, stmt, id);
}

void
gr_demo_write_bin (GrDemoWriter *w,
                   const char   *id,
                   const char   *depot,
                   const char   *code,
                   const char   *type,
                   gint64        capacity_kg,
                   const char   *storage_tech,
                   const char   *keeper)
{
  sqlite3_stmt *stmt = begin_row (w, S_BIN, id);

  if (stmt == NULL)
    return;
  bind_text (stmt, 3, depot);
  bind_text (stmt, 4, code);
  bind_text (stmt, 5, type);
  sqlite3_bind_int64 (stmt, 6, capacity_kg);
  bind_text (stmt, 7, storage_tech);
  bind_text (stmt, 8, keeper);
  finish_row (w, stmt, id);
}

void
gr_demo_write_plan (GrDemoWriter *w,
                    const char   *id,
                    const char   *enterprise,
                    const char   *variety,
                    gint64        quantity_kg,
                    int           required_grade,
                    const char   *rotation_mode,
                    const char   *valid_from,
                    const char   *valid_to,
                    const char   *fill_by)
{
  sqlite3_stmt *stmt = begin_row (w, S_PLAN, id);

  if (stmt == NULL)
    return;
  bind_text (stmt, 3, enterprise);
  bind_text (stmt, 4, variety);
  sqlite3_bind_int64 (stmt, 5, quantity_kg);
  sqlite3_bind_int (stmt, 6, required_grade);
  bind_text (stmt, 7, rotation_mode);
  bind_text (stmt, 8, valid_from);
  bind_text (stmt, 9, valid_to);
  bind_text (stmt, 10, fill_by);
  finish_row (w, stmt, id);
}

void
gr_demo_write_lot (GrDemoWriter    *w,
                   const GrDemoLot *lot)
{
  sqlite3_stmt *stmt = begin_row (w, S_LOT, lot->id);

  if (stmt == NULL)
    return;
  bind_text (stmt, 3, lot->bin);
  bind_text (stmt, 4, lot->plan);
  bind_text (stmt, 5, lot->variety);
  bind_positive (stmt, 6, lot->grade);
  sqlite3_bind_int (stmt, 7, lot->substandard ? 1 : 0);
  bind_positive (stmt, 8, lot->harvest_year);
  bind_text (stmt, 9, lot->produced_on);
  bind_text (stmt, 10, lot->entered_on);
  bind_positive (stmt, 11, lot->shelf_life_days);
  sqlite3_bind_int (stmt, 12, lot->packaged ? 1 : 0);
  bind_text (stmt, 13, lot->owner);
  bind_text (stmt, 14, lot->rotation_mode);
  bind_text (stmt, 15, lot->storage_quality);
  bind_text (stmt, 16, lot->replaces);
  bind_double (stmt, 17, lot->cost_yuan_per_t);
  finish_row (w, stmt, lot->id);
}

void
gr_demo_write_movement (GrDemoWriter         *w,
                        const GrDemoMovement *m)
{
  sqlite3_stmt *stmt = begin_row (w, S_MOVEMENT, m->id);
  char recorded[32];

  if (stmt == NULL)
    return;
  /* A movement is recorded on its day, before its month's report is
   * filed: stamped with the generation time, every movement of a filed
   * month would look as if it had arrived late (DESIGN.md §3). */
  g_snprintf (recorded, sizeof recorded, "%sT00:00:00Z", m->date);
  if (strcmp (recorded, w->updated_at) < 0)
    sqlite3_bind_text (stmt, 2, recorded, -1, SQLITE_TRANSIENT);
  bind_text (stmt, 3, m->lot);
  bind_text (stmt, 4, m->date);
  bind_text (stmt, 5, m->kind);
  sqlite3_bind_int64 (stmt, 6, m->quantity_kg);
  bind_double (stmt, 7, m->price_yuan_per_t);
  bind_text (stmt, 8, m->counterparty);
  bind_text (stmt, 9, m->voucher_no);
  bind_text (stmt, 10, m->note);
  finish_row (w, stmt, m->id);
}

void
gr_demo_write_release (GrDemoWriter *w,
                       const char   *id,
                       const char   *order_no,
                       const char   *date,
                       const char   *enterprise,
                       const char   *variety,
                       gint64        quantity_kg,
                       const char   *price_policy)
{
  sqlite3_stmt *stmt = begin_row (w, S_RELEASE, id);

  if (stmt == NULL)
    return;
  bind_text (stmt, 3, order_no);
  bind_text (stmt, 4, date);
  bind_text (stmt, 5, enterprise);
  bind_text (stmt, 6, variety);
  sqlite3_bind_int64 (stmt, 7, quantity_kg);
  bind_text (stmt, 8, price_policy);
  finish_row (w, stmt, id);
}

void
gr_demo_write_rotation_plan (GrDemoWriter *w,
                             const char   *id,
                             const char   *enterprise,
                             int           year,
                             const char   *state,
                             const char   *submitted_on,
                             const char   *approved_by,
                             const char   *approved_on)
{
  sqlite3_stmt *stmt = begin_row (w, S_ROTATION_PLAN, id);

  if (stmt == NULL)
    return;
  bind_text (stmt, 3, enterprise);
  sqlite3_bind_int (stmt, 4, year);
  bind_text (stmt, 5, state);
  bind_text (stmt, 6, submitted_on);
  bind_text (stmt, 7, approved_by);
  bind_text (stmt, 8, approved_on);
  finish_row (w, stmt, id);
}

void
gr_demo_write_rotation_item (GrDemoWriter *w,
                             const char   *parent,
                             int           seq,
                             const char   *lot,
                             gint64        quantity_kg,
                             const char   *out_month,
                             const char   *in_month,
                             const char   *reason,
                             gboolean      extension_approved)
{
  sqlite3_stmt *stmt = begin_row (w, S_ROTATION_ITEM, parent);

  if (stmt == NULL)
    return;
  sqlite3_bind_int (stmt, 2, seq);
  bind_text (stmt, 3, lot);
  sqlite3_bind_int64 (stmt, 4, quantity_kg);
  bind_text (stmt, 5, out_month);
  bind_text (stmt, 6, in_month);
  bind_text (stmt, 7, reason);
  sqlite3_bind_int (stmt, 8, extension_approved ? 1 : 0);
  finish_row (w, stmt, parent);
}

void
gr_demo_write_report (GrDemoWriter *w,
                      const char   *id,
                      const char   *enterprise,
                      const char   *month,
                      const char   *filed_on)
{
  sqlite3_stmt *stmt = begin_row (w, S_REPORT, id);

  if (stmt == NULL)
    return;
  bind_text (stmt, 3, enterprise);
  bind_text (stmt, 4, month);
  bind_text (stmt, 5, filed_on);
  finish_row (w, stmt, id);
}

void
gr_demo_write_report_row (GrDemoWriter *w,
                          const char   *parent,
                          int           seq,
                          const char   *depot,
                          const char   *variety,
                          gint64        opening_kg,
                          gint64        in_kg,
                          gint64        out_kg,
                          gint64        closing_kg)
{
  sqlite3_stmt *stmt = begin_row (w, S_REPORT_ROW, parent);

  if (stmt == NULL)
    return;
  sqlite3_bind_int (stmt, 2, seq);
  bind_text (stmt, 3, depot);
  bind_text (stmt, 4, variety);
  sqlite3_bind_int64 (stmt, 5, opening_kg);
  sqlite3_bind_int64 (stmt, 6, in_kg);
  sqlite3_bind_int64 (stmt, 7, out_kg);
  sqlite3_bind_int64 (stmt, 8, closing_kg);
  finish_row (w, stmt, parent);
}

void
gr_demo_write_report_rotation (GrDemoWriter *w,
                               const char   *parent,
                               int           seq,
                               const char   *variety,
                               gint64        planned_kg,
                               gint64        out_month_kg,
                               gint64        in_month_kg,
                               gint64        out_ytd_kg,
                               gint64        in_ytd_kg)
{
  sqlite3_stmt *stmt = begin_row (w, S_REPORT_ROTATION, parent);

  if (stmt == NULL)
    return;
  sqlite3_bind_int (stmt, 2, seq);
  bind_text (stmt, 3, variety);
  sqlite3_bind_int64 (stmt, 4, planned_kg);
  sqlite3_bind_int64 (stmt, 5, out_month_kg);
  sqlite3_bind_int64 (stmt, 6, in_month_kg);
  sqlite3_bind_int64 (stmt, 7, out_ytd_kg);
  sqlite3_bind_int64 (stmt, 8, in_ytd_kg);
  finish_row (w, stmt, parent);
}

void
gr_demo_write_quality_test (GrDemoWriter *w,
                            const char   *id,
                            const char   *lot,
                            const char   *date,
                            const char   *lab,
                            const char   *standard,
                            const char   *indicators,
                            const char   *sample_no)
{
  sqlite3_stmt *stmt = begin_row (w, S_QUALITY_TEST, id);

  if (stmt == NULL)
    return;
  bind_text (stmt, 3, lot);
  bind_text (stmt, 4, date);
  bind_text (stmt, 5, lab);
  bind_text (stmt, 6, standard);
  bind_text (stmt, 7, indicators);
  bind_text (stmt, 8, sample_no);
  finish_row (w, stmt, id);
}

void
gr_demo_write_inspection (GrDemoWriter *w,
                          const char   *id,
                          const char   *depot,
                          const char   *date,
                          const char   *kind,
                          const char   *inspectors,
                          const char   *checklist,
                          const char   *signed_by,
                          const char   *signed_on)
{
  sqlite3_stmt *stmt = begin_row (w, S_INSPECTION, id);

  if (stmt == NULL)
    return;
  bind_text (stmt, 3, depot);
  bind_text (stmt, 4, date);
  bind_text (stmt, 5, kind);
  bind_text (stmt, 6, inspectors);
  bind_text (stmt, 7, checklist);
  bind_text (stmt, 8, signed_by);
  bind_text (stmt, 9, signed_on);
  finish_row (w, stmt, id);
}

void
gr_demo_write_reading (GrDemoWriter        *w,
                       const char          *parent,
                       int                  seq,
                       const GrDemoReading *r)
{
  sqlite3_stmt *stmt = begin_row (w, S_READING, parent);

  if (stmt == NULL)
    return;
  sqlite3_bind_int (stmt, 2, seq);
  bind_text (stmt, 3, r->bin);
  bind_double (stmt, 4, r->temp_max);
  bind_double (stmt, 5, r->temp_avg);
  bind_double (stmt, 6, r->temp_min);
  bind_double (stmt, 7, r->moisture_pct);
  bind_double (stmt, 8, r->pests_per_kg);
  bind_double (stmt, 9, r->main_pests_per_kg);
  bind_text (stmt, 10, r->pest_class);
  bind_double (stmt, 11, r->airtightness_s);
  bind_text (stmt, 12, r->note);
  finish_row (w, stmt, parent);
}

void
gr_demo_write_quantity_check (GrDemoWriter *w,
                              const char   *parent,
                              int           seq,
                              const char   *bin,
                              gint64        measured_kg,
                              gint64        book_kg)
{
  sqlite3_stmt *stmt = begin_row (w, S_QUANTITY_CHECK, parent);

  if (stmt == NULL)
    return;
  sqlite3_bind_int (stmt, 2, seq);
  bind_text (stmt, 3, bin);
  sqlite3_bind_int64 (stmt, 4, measured_kg);
  sqlite3_bind_int64 (stmt, 5, book_kg);
  finish_row (w, stmt, parent);
}

void
gr_demo_write_finding (GrDemoWriter *w,
                       const char   *parent,
                       int           seq,
                       const char   *finding_id,
                       const char   *text,
                       const char   *severity,
                       const char   *due)
{
  sqlite3_stmt *stmt = begin_row (w, S_FINDING, parent);

  if (stmt == NULL)
    return;
  sqlite3_bind_int (stmt, 2, seq);
  bind_text (stmt, 3, finding_id);
  bind_text (stmt, 4, text);
  bind_text (stmt, 5, severity);
  bind_text (stmt, 6, due);
  finish_row (w, stmt, parent);
}

void
gr_demo_write_closure (GrDemoWriter *w,
                       const char   *id,
                       const char   *inspection,
                       const char   *finding,
                       const char   *closed_on,
                       const char   *closed_by,
                       const char   *note)
{
  sqlite3_stmt *stmt = begin_row (w, S_CLOSURE, id);

  if (stmt == NULL)
    return;
  bind_text (stmt, 3, inspection);
  bind_text (stmt, 4, finding);
  bind_text (stmt, 5, closed_on);
  bind_text (stmt, 6, closed_by);
  bind_text (stmt, 7, note);
  finish_row (w, stmt, id);
}

void
gr_demo_write_assessment (GrDemoWriter *w,
                          const char   *id,
                          const char   *depot,
                          const char   *declared_level,
                          const char   *template_json,
                          const char   *scores,
                          const char   *deductions,
                          const char   *state,
                          const char   *awarded_level,
                          const char   *decided_on)
{
  sqlite3_stmt *stmt = begin_row (w, S_ASSESSMENT, id);

  if (stmt == NULL)
    return;
  bind_text (stmt, 3, depot);
  bind_text (stmt, 4, declared_level);
  bind_text (stmt, 5, template_json);
  bind_text (stmt, 6, scores);
  bind_text (stmt, 7, deductions);
  bind_text (stmt, 8, state);
  bind_text (stmt, 9, awarded_level);
  bind_text (stmt, 10, decided_on);
  finish_row (w, stmt, id);
}

void
gr_demo_mark_dirty (GrDemoWriter *w,
                    const char   *lot,
                    const char   *from_date)
{
  GError *error = NULL;

  if (w->error != NULL)
    return;
  if (!gr_ledger_mark_dirty (w->store, lot, from_date, &error))
    gr_demo_writer_fail (w, error);
}
