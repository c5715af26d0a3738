/* rules-fixture.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "gr-ledger.h"
#include "gr-rules.h"
#include "rules-fixture.h"

static guint movement_counter;

void
fx_sql (GrStore    *store,
        const char *format,
        ...)
{
  g_autoptr(GError) error = NULL;
  va_list args;
  char *sql;

  va_start (args, format);
  sql = sqlite3_vmprintf (format, args);
  va_end (args);
  g_assert_nonnull (sql);
  if (!gr_store_exec (store, sql, &error))
    g_error ("%s: %s", sql, error->message);
  sqlite3_free (sql);
}

GrStore *
fx_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  GrStore *store;

  /* Tests isolate their directories (G_TEST_OPTION_ISOLATE_DIRS): GLib
   * removes this one after the run. */
  dir = g_build_filename (g_get_user_data_dir (), "granary-rules-XXXXXX", NULL);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_nonnull (g_mkdtemp (dir));
  path = g_build_filename (dir, "rules.db", NULL);
  store = gr_store_open (path, &error);
  g_assert_no_error (error);

  fx_enterprise (store, "e1", "reserve_company");
  fx_sql (store, "INSERT INTO depots (id, enterprise, code, name) VALUES ('d1', 'e1', 'CN', '城南库')");
  fx_sql (store, "INSERT INTO bins (id, depot, code, storage_tech) VALUES"
                 " ('b1', 'd1', 'P01', 'normal'), ('b2', 'd1', 'P02', 'normal'),"
                 " ('b3', 'd1', 'P03', 'normal'), ('b4', 'd1', 'P04', 'normal'),"
                 " ('bl', 'd1', 'L01', 'low_temp')");
  return store;
}

void
fx_enterprise (GrStore    *store,
               const char *id,
               const char *kind)
{
  fx_sql (store, "INSERT INTO enterprises (id, name, kind) VALUES (%Q, %Q, %Q)",
          id, g_str_equal (id, "e1") ? "市储备粮公司" : id, kind);
}

static gint64
kg (double tonnes)
{
  return llround (tonnes * 1000);
}

void
fx_plan (GrStore    *store,
         const char *id,
         const char *enterprise,
         const char *variety,
         double      tonnes,
         const char *rotation_mode,
         const char *valid_from,
         const char *valid_to)
{
  fx_sql (store,
          "INSERT INTO plans (id, enterprise, variety, quantity_kg, required_grade, rotation_mode, valid_from, valid_to)"
          " VALUES (%Q, %Q, %Q, %lld, 3, %Q, %Q, %Q)",
          id, enterprise, variety, (long long) kg (tonnes), rotation_mode, valid_from, valid_to);
}

void
fx_lot (GrStore    *store,
        const char *id,
        const char *bin,
        const char *plan,
        const char *entered_on)
{
  fx_sql (store,
          "INSERT INTO lots (id, bin, plan, variety, entered_on, substandard, packaged, owner, storage_quality, delay_approved)"
          " SELECT %Q, %Q, id, variety, %Q, 0, 0, 'municipal', 'suitable', 0 FROM plans WHERE id = %Q",
          id, bin, entered_on, plan);
}

void
fx_move (GrStore    *store,
         const char *lot,
         const char *date,
         const char *kind,
         double      tonnes)
{
  g_autofree char *id = g_strdup_printf ("m%05u", ++movement_counter);

  fx_move_id (store, id, lot, date, kind, tonnes);
}

void
fx_move_id (GrStore    *store,
            const char *id,
            const char *lot,
            const char *date,
            const char *kind,
            double      tonnes)
{
  g_autoptr(GError) error = NULL;

  fx_sql (store, "INSERT INTO movements (id, lot, date, kind, quantity_kg) VALUES (%Q, %Q, %Q, %Q, %lld)",
          id, lot, date, kind, (long long) kg (tonnes));
  g_assert_true (gr_ledger_mark_dirty (store, lot, date, &error));
  g_assert_no_error (error);
}

void
fx_stocked_lot (GrStore    *store,
                const char *id,
                const char *bin,
                const char *plan,
                const char *entered_on,
                double      tonnes)
{
  fx_lot (store, id, bin, plan, entered_on);
  fx_move (store, id, entered_on, "intake", tonnes);
}

void
fx_release (GrStore    *store,
            const char *id,
            const char *date,
            const char *enterprise,
            const char *variety,
            double      tonnes)
{
  fx_sql (store,
          "INSERT INTO releases (id, order_no, date, enterprise, variety, quantity_kg, price_policy)"
          " VALUES (%Q, %Q, %Q, %Q, %Q, %lld, 'market')",
          id, id, date, enterprise, variety, (long long) kg (tonnes));
}

void
fx_settle (GrStore  *store,
           gboolean  refuse_negative)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gr_ledger_settle (store, refuse_negative, &error));
  g_assert_no_error (error);
}

GrProfile *
fx_profile (const char *id)
{
  g_autofree char *file = g_strconcat (id, ".json", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "profiles", file, NULL);
  g_autoptr(GError) error = NULL;
  GrProfile *profile = gr_profile_load (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (profile);
  return profile;
}

GPtrArray *
fx_check (GrStore    *store,
          const char *profile_id,
          const char *as_of)
{
  g_autoptr(GrProfile) profile = fx_profile (profile_id);
  g_autoptr(GError) error = NULL;
  GPtrArray *findings;

  fx_settle (store, TRUE);
  findings = gr_rules_check (store, profile, as_of, &error);
  g_assert_no_error (error);
  g_assert_nonnull (findings);
  if (g_test_verbose ())
    for (guint i = 0; i < findings->len; i++)
      {
        GrFinding *f = findings->pdata[i];

        g_test_message ("%s %s %s/%s due %s: %s", f->rule, gr_severity_to_string (f->severity),
                        f->subject_type, f->subject_id, f->due ? f->due : "-", f->message);
      }
  return findings;
}

guint
fx_count (GPtrArray  *findings,
          const char *rule)
{
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    n += g_str_equal (((GrFinding *) findings->pdata[i])->rule, rule);
  return n;
}

GrFinding *
fx_only (GPtrArray  *findings,
         const char *rule)
{
  GrFinding *found = NULL;

  g_assert_cmpuint (fx_count (findings, rule), ==, 1);
  for (guint i = 0; i < findings->len; i++)
    if (g_str_equal (((GrFinding *) findings->pdata[i])->rule, rule))
      found = findings->pdata[i];
  return found;
}

GrFinding *
fx_find (GPtrArray  *findings,
         const char *rule,
         const char *subject_id)
{
  for (guint i = 0; i < findings->len; i++)
    {
      GrFinding *f = findings->pdata[i];

      if (g_str_equal (f->rule, rule) && g_str_equal (f->subject_id, subject_id))
        return f;
    }
  return NULL;
}
