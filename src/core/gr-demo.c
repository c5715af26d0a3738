/* gr-demo.c: the demo dataset entry point
 *
 * Checks the arguments and the store, then runs one generator inside one
 * write transaction: records go straight in through prepared INSERTs,
 * every lot is marked dirty, and the ledger settles balances and
 * month-end snapshots before COMMIT. Any failure rolls everything back,
 * so a refused or failed demo leaves the database as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-demo"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gr-demo-private.h"
#include "gr-error.h"
#include "gr-format.h"
#include "gr-kpi.h"
#include "gr-ledger.h"

/* The history reaches ten years back and plans a few years ahead, all
 * inside the calendar the dataset format accepts (1900–2199). */
#define FIRST_YEAR 1950
#define LAST_YEAR  2190

void
gr_demo_report_progress (GrDemoContext *ctx,
                         double         fraction,
                         const char    *note)
{
  if (ctx->progress == NULL)
    return;
  fraction = CLAMP (fraction, 0.0, 1.0);
  ctx->progress (ctx->progress_from + (ctx->progress_to - ctx->progress_from) * fraction,
                 note, ctx->progress_data);
}

static gboolean
parse_today (const char  *today,
             guint32     *out_julian,
             GError     **error)
{
  g_autofree char *owned = NULL;
  GDate date;

  if (today == NULL)
    today = owned = gr_today_iso ();
  if (!gr_date_parse (today, &date))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID,
                   _("“%s” is not a date: give the last day of the demo history as YYYY-MM-DD"), today);
      return FALSE;
    }
  if (g_date_get_year (&date) < FIRST_YEAR || g_date_get_year (&date) > LAST_YEAR)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID,
                   _("The last day of the demo history must fall between %d and %d"), FIRST_YEAR, LAST_YEAR);
      return FALSE;
    }
  *out_julian = g_date_get_julian (&date);
  return TRUE;
}

static gboolean
generate (GrDemoContext  *ctx,
          GrDemoScale     scale,
          GError        **error)
{
  GrStore *store = gr_demo_writer_store (ctx->writer);
  gboolean ok;

  ok = scale == GR_DEMO_CITY ? gr_demo_generate_city (ctx, error)
                             : gr_demo_generate_province (ctx, error);
  if (!ok || !gr_demo_writer_check (ctx->writer, error))
    return FALSE;

  /* The city follows the Dongguan rules it was modelled on; the
   * province uses the same profile so benchmarks exercise every rule. */
  if (!gr_store_set_meta (store, "profile", "dongguan-2025", error) ||
      !gr_store_set_meta (store, "demo", "1", error))
    return FALSE;

  ctx->progress_from = 0.9;
  ctx->progress_to = 0.99;
  gr_demo_report_progress (ctx, 0.0, _("Settling balances and month-end stock"));
  return gr_ledger_settle (store, TRUE, error);
}

gboolean
gr_demo_generate (GrStore         *store,
                  GrDemoScale      scale,
                  guint            seed,
                  double           factor,
                  const char      *today,
                  GrProgressFunc   progress,
                  gpointer         progress_data,
                  GError         **error)
{
  return gr_demo_generate_history (store, scale, seed, factor, 0, today, progress, progress_data, error);
}

gboolean
gr_demo_generate_history (GrStore         *store,
                          GrDemoScale      scale,
                          guint            seed,
                          double           factor,
                          guint            history_years,
                          const char      *today,
                          GrProgressFunc   progress,
                          gpointer         progress_data,
                          GError         **error)
{
  GrDemoContext ctx = { 0 };
  char today_iso[11];
  g_autofree char *stamp = NULL;
  g_autoptr(GRand) rand = NULL;
  int triggers = 1;
  gboolean ok;

  g_return_val_if_fail (GR_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!parse_today (today, &ctx.today, error))
    return FALSE;
  if (!(factor > 0 && factor <= 100))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID,
                   _("The demo factor must be greater than 0 and at most 100"));
      return FALSE;
    }
  if (scale == GR_DEMO_CITY && factor != 1.0)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID,
                   _("The city demo has a fixed size: the factor applies to the province scale only"));
      return FALSE;
    }
  if (history_years == 0)
    history_years = GR_DEMO_HISTORY_YEARS;
  if (history_years < 3 || history_years > GR_DEMO_HISTORY_YEARS_MAX)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID,
                   _("The demo history must be between %d and %d years long"), 3, GR_DEMO_HISTORY_YEARS_MAX);
      return FALSE;
    }
  if (scale == GR_DEMO_CITY && history_years != GR_DEMO_HISTORY_YEARS)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID,
                   _("The city demo has a fixed history: the number of years applies to the province scale only"));
      return FALSE;
    }
  if (!gr_store_is_empty (store))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_CONFLICT,
                   _("The database %s already holds data: demo data goes only into a new, empty database"),
                   gr_store_get_path (store));
      return FALSE;
    }

  demo_julian_iso (ctx.today, today_iso);
  /* Every record says it was written at the end of the generated
   * history, never at the wall-clock time, so a seed gives the same
   * bytes on every run. */
  stamp = g_strdup_printf ("%sT00:00:00Z", today_iso);
  rand = g_rand_new_with_seed (seed);

  ctx.rand = rand;
  ctx.factor = factor;
  ctx.history_years = history_years;
  ctx.progress = progress;
  ctx.progress_data = progress_data;
  ctx.progress_from = 0.0;
  ctx.progress_to = 0.9;

  /* The triggers that keep the ledger's rotation queues current
   * (migration 7) have nothing to do in an empty database whose plans the
   * ledger settles once their enterprise is written, and those that
   * keep each lot's latest test date (migration 10), set once at the end:
   * off for the two million rows of a province, on again for whatever
   * the connection does next. */
  sqlite3_db_config (gr_store_get_db (store), SQLITE_DBCONFIG_ENABLE_TRIGGER, -1, &triggers);
  sqlite3_db_config (gr_store_get_db (store), SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  ok = gr_store_begin (store, error);
  if (ok)
    {
      ctx.writer = gr_demo_writer_new (store, stamp, error);
      ok = ctx.writer != NULL && generate (&ctx, scale, error);
      g_clear_pointer (&ctx.writer, gr_demo_writer_free);
      /* What the triggers would have kept */
      ok = ok && gr_kpi_set_tested_on (store, error);
      if (!ok || !gr_store_commit (store, error))
        {
          gr_store_rollback (store);
          ok = FALSE;
        }
    }
  sqlite3_db_config (gr_store_get_db (store), SQLITE_DBCONFIG_ENABLE_TRIGGER, triggers, NULL);
  if (!ok)
    return FALSE;
  if (progress != NULL)
    progress (1.0, _("Demo data written"), progress_data);
  return TRUE;
}

gboolean
gr_demo_scale_from_string (const char  *text,
                           GrDemoScale *out_scale)
{
  if (g_strcmp0 (text, "city") == 0)
    *out_scale = GR_DEMO_CITY;
  else if (g_strcmp0 (text, "province") == 0)
    *out_scale = GR_DEMO_PROVINCE;
  else
    return FALSE;
  return TRUE;
}
