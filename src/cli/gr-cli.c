/* gr-cli.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "gr-cli.h"
#include "gr-demo.h"
#include "gr-doc-cards.h"
#include "gr-doc-reports.h"
#include "gr-doc-write.h"
#include "gr-error.h"
#include "gr-export.h"
#include "gr-format.h"
#include "gr-grading-report.h"
#include "gr-import.h"
#include "gr-info.h"
#include "gr-planner.h"
#include "gr-profile.h"
#include "gr-report-monthly.h"
#include "gr-report-subsidy.h"
#include "gr-rules.h"
#include "gr-store.h"
#include "gr-sync.h"
#include "gr-variety.h"

typedef int (*CommandFunc) (int argc, char **argv);

typedef struct {
  const char  *name;
  CommandFunc  func;
  const char  *summary;
} Command;

static char *opt_db;

static void
print_error (const char *message)
{
  g_printerr ("granary-cli: %s\n", message);
}

/* Parses a subcommand's options; prints help or a usage error itself.
 * Returns -1 to go on, else the exit status. */
static int
parse_options (const char    *name,
               const char    *parameter,
               const char    *summary,
               GOptionEntry  *extra,
               int           *argc,
               char        ***argv)
{
  GOptionEntry common[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("The database file (default: the desktop app's database)"), N_("PATH") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *full = g_strdup_printf ("%s %s", name, parameter ? parameter : "");

  context = g_option_context_new (full);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);
  if (extra != NULL)
    g_option_context_add_main_entries (context, extra, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      print_error (error->message);
      return 2;
    }
  return -1;
}

static GrStore *
open_store (void)
{
  g_autofree char *path = opt_db ? g_strdup (opt_db) : gr_store_default_path ();
  g_autoptr(GError) error = NULL;
  GrStore *store = gr_store_open (path, &error);

  if (store == NULL)
    print_error (error->message);
  return store;
}

/* Commands that only read must not leave an empty database behind a typo. */
static gboolean
database_exists (void)
{
  g_autofree char *path = opt_db ? g_strdup (opt_db) : gr_store_default_path ();
  g_autofree char *msg = NULL;

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return TRUE;
  msg = g_strdup_printf (_("no database at %s"), path);
  print_error (msg);
  return FALSE;
}

static GrStore *
open_existing_store (void)
{
  return database_exists () ? open_store () : NULL;
}

/* --format takes text or json; says so itself when it is something else. */
static gboolean
format_is_valid (const char *format)
{
  g_autofree char *msg = NULL;

  if (format == NULL || strcmp (format, "text") == 0 || strcmp (format, "json") == 0)
    return TRUE;
  msg = g_strdup_printf (_("--format must be text or json, not “%s”"), format);
  print_error (msg);
  return FALSE;
}

/* Removes a database file this command created, with its WAL companions. */
static void
remove_new_database (void)
{
  g_autofree char *path = opt_db ? g_strdup (opt_db) : gr_store_default_path ();
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

static void
print_progress (double      fraction,
                const char *note,
                gpointer    user_data)
{
  /* Progress goes to stderr so stdout stays clean for data. */
  g_printerr ("\r%3d%%  %s\033[K", (int) (fraction * 100 + 0.5), note ? note : "");
  if (fraction >= 1.0)
    g_printerr ("\n");
}

static int
cmd_import (int    argc,
            char **argv)
{
  g_autoptr(GrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GrImportStats stats = { 0 };
  gboolean existed;
  int status;

  if ((status = parse_options ("import", _("FILE"), _("Import a dataset (JSON or NDJSON; - reads standard input). "
                                                     "Nothing is written unless the whole file is valid."),
                               NULL, &argc, &argv)) >= 0)
    return status;
  if (argc != 3)
    {
      print_error (_("import needs exactly one FILE"));
      return 2;
    }
  {
    g_autofree char *path = opt_db ? g_strdup (opt_db) : gr_store_default_path ();
    existed = g_file_test (path, G_FILE_TEST_EXISTS);
  }
  if ((store = open_store ()) == NULL)
    return 1;
  if (!gr_import_file (store, argv[2], GR_IMPORT_NONE, &stats, NULL, NULL, &error))
    {
      print_error (error->message);
      /* A refused file leaves no trace, not even a new empty database. */
      g_clear_object (&store);
      if (!existed)
        remove_new_database ();
      return 1;
    }
  g_print (_("Imported %s: %u new, %u updated, %u unchanged\n"), argv[2],
           stats.inserted, stats.updated, stats.unchanged);
  return 0;
}

static int
cmd_export (int    argc,
            char **argv)
{
  g_autoptr(GrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  gboolean ndjson = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { "ndjson", 0, 0, G_OPTION_ARG_NONE, &ndjson, N_("Write one record per line (for large data)"), NULL },
    { NULL }
  };
  int status;

  if ((status = parse_options ("export", NULL, _("Export the database as a dataset."), entries, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    {
      print_error (_("export takes no arguments besides its options"));
      return 2;
    }
  if ((store = open_existing_store ()) == NULL)
    return 1;
  if (!gr_export_to_file (store, output, ndjson, &error))
    {
      print_error (error->message);
      return 1;
    }
  return 0;
}

static int
cmd_demo (int    argc,
          char **argv)
{
  g_autoptr(GrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *scale_name = NULL;
  g_autofree char *today = NULL;
  gint64 seed = 1;
  double factor = 1.0;
  int years = GR_DEMO_HISTORY_YEARS;
  GrDemoScale scale;
  GOptionEntry entries[] = {
    { "scale", 0, 0, G_OPTION_ARG_STRING, &scale_name, N_("city or province"), N_("SCALE") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("Seed of the generator (same seed, same data)"), N_("N") },
    { "factor", 0, 0, G_OPTION_ARG_DOUBLE, &factor, N_("Scale the amount of data by N"), N_("N") },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today, N_("Last day of the generated history (YYYY-MM-DD)"), N_("DATE") },
    { "years", 0, 0, G_OPTION_ARG_INT, &years, N_("Years of history of the province (default 10)"), N_("N") },
    { NULL }
  };
  int status;

  if ((status = parse_options ("demo", NULL, _("Fill a new, empty database with generated demo data."),
                               entries, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    {
      print_error (_("demo takes no arguments besides its options"));
      return 2;
    }
  if (!gr_demo_scale_from_string (scale_name ? scale_name : "city", &scale))
    {
      g_autofree char *msg = g_strdup_printf (_("unknown scale “%s”: use city or province"), scale_name);
      print_error (msg);
      return 2;
    }
  if (seed < 0 || seed > G_MAXUINT32)
    {
      print_error (_("--seed must be between 0 and 4294967295"));
      return 2;
    }
  if (!(factor > 0 && factor <= 100))
    {
      print_error (_("--factor must be greater than 0 and at most 100"));
      return 2;
    }
  if (years < 3 || years > GR_DEMO_HISTORY_YEARS_MAX)
    {
      g_autofree char *msg = g_strdup_printf (_("--years must be between %d and %d"), 3, GR_DEMO_HISTORY_YEARS_MAX);
      print_error (msg);
      return 2;
    }
  if (scale == GR_DEMO_CITY && years != GR_DEMO_HISTORY_YEARS)
    {
      print_error (_("--years applies to the province scale only: the city demo has a fixed history"));
      return 2;
    }
  if ((store = open_store ()) == NULL)
    return 1;
  if (!gr_demo_generate_history (store, scale, (guint) seed, factor, (guint) years, today, print_progress, NULL,
                                 &error))
    {
      print_error (error->message);
      return 1;
    }
  return 0;
}

static int
cmd_info (int    argc,
          char **argv)
{
  g_autoptr(GrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrInfo) info = NULL;
  g_autofree char *format = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text or json"), N_("FORMAT") },
    { NULL }
  };
  int status;

  if ((status = parse_options ("info", NULL, _("Show what the database holds: counts, totals per variety, profile."),
                               entries, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    {
      print_error (_("info takes no arguments besides its options"));
      return 2;
    }
  if (!format_is_valid (format))
    return 2;
  if ((store = open_existing_store ()) == NULL)
    return 1;
  if ((info = gr_info_collect (store, NULL, &error)) == NULL)
    {
      print_error (error->message);
      return 1;
    }
  if (g_strcmp0 (format, "json") == 0)
    {
      g_autoptr(JsonNode) node = gr_info_to_json (info);
      g_autofree char *text = json_to_string (node, TRUE);

      g_print ("%s\n", text);
    }
  else
    {
      g_autofree char *text = gr_info_to_text (info);

      g_print ("%s", text);
    }
  return 0;
}

static int
cmd_check (int    argc,
           char **argv)
{
  g_autoptr(GrStore) store = NULL;
  g_autoptr(GrProfile) profile = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *profile_name = NULL;
  g_autofree char *as_of = NULL;
  g_autofree char *format = NULL;
  GOptionEntry entries[] = {
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_name, N_("Regulation profile id or file (default: the database's)"), N_("PROFILE") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of, N_("Check as of this date (default: today)"), N_("YYYY-MM-DD") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text or json"), N_("FORMAT") },
    { NULL }
  };
  int status;

  if ((status = parse_options ("check", NULL, _("Check the data against the rules of a regulation profile."),
                               entries, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    {
      print_error (_("check takes no arguments besides its options"));
      return 2;
    }
  if (!format_is_valid (format))
    return 2;
  if (as_of != NULL && !gr_date_parse (as_of, NULL))
    {
      g_autofree char *msg = g_strdup_printf (_("--as-of must be a date (YYYY-MM-DD), not “%s”"), as_of);
      print_error (msg);
      return 2;
    }
  if ((store = open_existing_store ()) == NULL)
    return 1;
  if (profile_name == NULL && (profile_name = gr_store_get_meta (store, "profile")) == NULL)
    {
      print_error (_("the database has no regulation profile; choose one with --profile"));
      return 1;
    }
  if ((profile = gr_profile_load (profile_name, &error)) == NULL ||
      (findings = gr_rules_check (store, profile, as_of, &error)) == NULL)
    {
      print_error (error->message);
      return 1;
    }

  if (g_strcmp0 (format, "json") == 0)
    {
      g_autofree char *text = gr_findings_to_json_string (findings, TRUE);

      fputs (text, stdout);
      fputc ('\n', stdout);
    }
  else
    {
      g_autofree char *text = gr_findings_to_text (findings);
      g_autofree char *today = as_of ? NULL : gr_today_iso ();

      /* TRANSLATORS: the heading of check's output: profile name, id, date →
       * "东莞市政府储备粮（2025）（dongguan-2025），截至 2026-11-25" */
      g_print (_("%s (%s), as of %s"), gr_profile_get_name (profile), gr_profile_get_id (profile),
               as_of ? as_of : today);
      g_print ("\n\n%s", text);
    }
  return 0;
}

static int
cmd_grade (int    argc,
           char **argv)
{
  g_autoptr(GrStore) store = NULL;
  g_autoptr(GrStandards) standards = NULL;
  g_autoptr(GPtrArray) lots = NULL;
  g_autoptr(GPtrArray) depots = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format = NULL;
  g_autofree char *text = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text or json"), N_("FORMAT") },
    { NULL }
  };
  int status;

  if ((status = parse_options ("grade", NULL,
                               _("Grade and storage quality of each lot from its latest quality test, and each depot's level."),
                               entries, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    {
      print_error (_("grade takes no arguments besides its options"));
      return 2;
    }
  if (!format_is_valid (format))
    return 2;
  if ((store = open_existing_store ()) == NULL)
    return 1;
  if ((standards = gr_standards_load (&error)) == NULL ||
      (lots = gr_grading_lots (store, standards, &error)) == NULL ||
      (depots = gr_grading_depots (store, &error)) == NULL)
    {
      print_error (error->message);
      return 1;
    }
  if (g_strcmp0 (format, "json") == 0)
    {
      text = gr_grading_to_json (lots, depots, TRUE);
      g_print ("%s\n", text);
    }
  else
    {
      text = gr_grading_to_text (lots, depots);
      g_print ("%s", text);
    }
  return 0;
}

/* The first line of a file, or of standard input; a terminal is asked
 * without echo. */
static char *
read_password (const char  *file,
               GError     **error)
{
  g_autofree char *text = NULL;
  char *end;

  if (file != NULL)
    {
      if (!g_file_get_contents (file, &text, NULL, error))
        return NULL;
    }
  else
    {
      char line[1024] = "";
      gboolean tty = isatty (STDIN_FILENO);
      struct termios saved, quiet;

      if (tty)
        {
          tcgetattr (STDIN_FILENO, &saved);
          quiet = saved;
          quiet.c_lflag &= ~ECHO;
          tcsetattr (STDIN_FILENO, TCSANOW, &quiet);
          g_printerr ("%s", _("Password: "));
        }
      if (fgets (line, sizeof line, stdin) == NULL)
        line[0] = '\0';
      if (tty)
        {
          tcsetattr (STDIN_FILENO, TCSANOW, &saved);
          g_printerr ("\n");
        }
      text = g_strdup (line);
    }
  end = strpbrk (text, "\r\n");
  if (end != NULL)
    *end = '\0';
  return g_steal_pointer (&text);
}

static int
cmd_sync (int    argc,
          char **argv)
{
  g_autoptr(GrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *server = NULL;
  g_autofree char *user = NULL;
  g_autofree char *password_file = NULL;
  g_autofree char *password = NULL;
  gboolean verify = FALSE;
  GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, N_("The sync server, e.g. https://granary.example.org"), N_("URL") },
    { "verify", 0, 0, G_OPTION_ARG_NONE, &verify, N_("Compare counts and checksums with the server (done daily anyway)"), NULL },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("Your user name on the server"), N_("NAME") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file, N_("Read the password from the first line of FILE"), N_("FILE") },
    { NULL }
  };
  GrSyncOptions options;
  GrSyncReport report;
  gboolean ok;
  int status;

  if ((status = parse_options ("sync", NULL, _("Sync the database with its server once: send the local changes, "
                                               "then fetch what changed on the server."), entries, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    {
      print_error (_("sync takes no arguments besides its options"));
      return 2;
    }
  if (server == NULL || user == NULL)
    {
      print_error (_("sync needs --server URL and --user NAME"));
      return 2;
    }
  if ((password = read_password (password_file, &error)) == NULL)
    {
      print_error (error->message);
      return 2;
    }
  if ((store = open_store ()) == NULL)
    return 1;

  gr_sync_options_init (&options);
  options.server = server;
  options.user = user;
  options.password = password;
  if (verify)
    options.verify = GR_SYNC_VERIFY_ALWAYS;
  gr_sync_report_init (&report);
  ok = gr_sync_run (store, &options, &report, NULL, &error);

  g_print (_("Pushed %u changes (%u already on the server), pulled %u records\n"), report.pushed, report.duplicates,
           report.pulled);
  for (guint i = 0; i < report.issues->len; i++)
    {
      GrSyncIssue *issue = report.issues->pdata[i];
      const char *what = g_str_equal (issue->status, "conflict") ? _("Conflict")
                         : g_str_equal (issue->status, "rejected") ? _("Rejected")
                         : g_str_equal (issue->status, "blocked") ? _("Waiting for an earlier change")
                         : _("Waiting");

      /* TRANSLATORS: e.g. "Rejected: plan P-01: only the bureau writes plan records" */
      g_print (_("%s: %s %s: %s\n"), what, issue->entity, issue->id, issue->detail ? issue->detail : issue->code);
    }
  if (report.skipped > 0)
    g_print (_("Kept %u local records that have changes the server has not accepted yet\n"), report.skipped);
  if (llabs (report.clock_skew) > 300)
    g_print (_("Note: this computer's clock differs from the server's by %lld seconds\n"),
             (long long) report.clock_skew);
  if (ok && report.mismatch != NULL)
    g_print (_("Differs from the server after the sync: %s\n"), report.mismatch);
  else if (ok && report.verified)
    g_print (_("Checked: the records match the server's\n"));
  gr_sync_report_clear (&report);
  if (!ok)
    {
      print_error (error->message);
      return 1;
    }
  return 0;
}

/* Prints rows of cells as columns lined up for a terminal: a Chinese
 * character takes two columns. Numbers (right_align[c]) align right. */
static void
print_columns (GPtrArray      *rows,
               guint           n_columns,
               const gboolean *right_align)
{
  g_autofree gsize *widths = g_new0 (gsize, n_columns);
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint r = 0; r < rows->len; r++)
    for (guint c = 0; c < n_columns; c++)
      widths[c] = MAX (widths[c], gr_text_width (((char **) rows->pdata[r])[c]));
  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = rows->pdata[r];

      g_string_truncate (line, 0);
      for (guint c = 0; c < n_columns; c++)
        {
          if (c > 0)
            g_string_append (line, "  ");
          /* The last column needs no trailing padding. */
          gr_text_pad (line, cells[c], right_align[c] || c + 1 < n_columns ? widths[c] : 0, right_align[c]);
        }
      g_print ("%s\n", line->str);
    }
}

static char **
cells_new (guint n, ...)
{
  char **cells = g_new0 (char *, n + 1);
  va_list args;

  va_start (args, n);
  for (guint i = 0; i < n; i++)
    cells[i] = g_strdup (va_arg (args, const char *));
  va_end (args);
  return cells;
}

static char *
tonnes_cell (gint64 kg)
{
  g_autofree char *whole = gr_format_thousands (ABS (kg) / 1000);

  return g_strdup_printf ("%s%s.%03d", kg < 0 ? "-" : "", whole, (int) (ABS (kg) % 1000));
}

/* Whether the report was filed within its working days (Zhongshan 第十五条). */
static char *
filing_line (GrMonthlyReport *report)
{
  if (report->due_on == NULL)
    return NULL;
  if (report->filed_on == NULL)
    {
      g_autofree char *today = gr_today_iso ();

      if (strcmp (today, report->due_on) > 0)
        /* TRANSLATORS: deadline of a monthly report not filed → "未报送，已逾期（期限 2026-05-11）" */
        return g_strdup_printf (_("Not filed, overdue (due by %s)"), report->due_on);
    }
  if (report->filed_on == NULL)
    /* TRANSLATORS: deadline of the monthly report, working days → "未报送：应于 2026-11-06 前报送（月度终了后 5 个工作日内）" */
    return g_strdup_printf (_("Not filed yet: due by %s (%d working days after the month)"), report->due_on,
                            report->working_days);
  if (gr_monthly_report_on_time (report->filed_on, report->due_on))
    /* TRANSLATORS: date filed, deadline → "2026-11-03 报送：按时（期限 2026-11-06）" */
    return g_strdup_printf (_("Filed on %s: on time (due by %s)"), report->filed_on, report->due_on);
  /* TRANSLATORS: date filed, deadline → "2026-11-10 报送：逾期（期限 2026-11-06）" */
  return g_strdup_printf (_("Filed on %s: late (due by %s)"), report->filed_on, report->due_on);
}

static void
print_monthly_text (GrMonthlyReport *report,
                    const char      *deadline_line)
{
  static const gboolean stock_align[] = { FALSE, FALSE, TRUE, TRUE, TRUE, TRUE };
  static const gboolean rotation_align[] = { FALSE, TRUE, TRUE, TRUE, TRUE, TRUE };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  /* TRANSLATORS: monthly report heading: enterprise, month → "市储备粮公司 2026-10 月报告" */
  g_print (_("Monthly report of %s for %s"), report->enterprise_name, report->month);
  g_print ("\n");
  if (deadline_line != NULL)
    g_print ("%s\n", deadline_line);
  else if (report->filed_on != NULL)
    {
      /* TRANSLATORS: date the monthly report was filed */
      g_print (_("Filed on %s"), report->filed_on);
      g_print ("\n");
    }
  g_print ("\n");

  g_ptr_array_add (rows, cells_new (6, _("Depot"), _("Variety"), _("Opening (t)"), _("In (t)"), _("Out (t)"),
                                    _("Closing (t)")));
  for (guint i = 0; i < report->rows->len; i++)
    {
      GrMonthlyRow *r = report->rows->pdata[i];
      g_autofree char *o = tonnes_cell (r->opening_kg), *in = tonnes_cell (r->in_kg);
      g_autofree char *out = tonnes_cell (r->out_kg), *c = tonnes_cell (r->closing_kg);

      g_ptr_array_add (rows, cells_new (6, r->depot_name, gr_variety_name (r->variety), o, in, out, c));
    }
  print_columns (rows, 6, stock_align);

  g_ptr_array_set_size (rows, 0);
  g_print ("\n");
  g_ptr_array_add (rows, cells_new (6, _("Variety"), _("Planned (t)"), _("Out, month"), _("In, month"),
                                    _("Out, year"), _("In, year")));
  for (guint i = 0; i < report->rotation->len; i++)
    {
      GrMonthlyRotation *r = report->rotation->pdata[i];
      g_autofree char *p = tonnes_cell (r->planned_kg), *om = tonnes_cell (r->out_month_kg);
      g_autofree char *im = tonnes_cell (r->in_month_kg), *oy = tonnes_cell (r->out_ytd_kg);
      g_autofree char *iy = tonnes_cell (r->in_ytd_kg);

      g_ptr_array_add (rows, cells_new (6, gr_variety_name (r->variety), p, om, im, oy, iy));
    }
  print_columns (rows, 6, rotation_align);
  if (report->late->len > 0)
    {
      g_print ("\n");
      /* TRANSLATORS: movements stored after their month's report was filed */
      g_print (_("Movements that arrived after their month was filed: %u"), report->late->len);
      g_print ("\n");
    }
}

static void
print_subsidy_text (GrSubsidyStatement *statement)
{
  if (statement->month)
    /* TRANSLATORS: subsidy statement heading for a month → "2026 年 3 月 保管费用补贴" */
    g_print (_("Subsidy statement for %d-%02d"), statement->year, statement->month);
  else
    /* TRANSLATORS: subsidy statement heading for a year */
    g_print (_("Subsidy statement for %d"), statement->year);
  g_print ("\n\n");
  for (guint i = 0; i < statement->plans->len; i++)
    {
      GrSubsidyPlan *p = statement->plans->pdata[i];
      g_autofree char *basis = gr_kg_to_tonnes_string (p->basis_kg);

      g_print ("%s\n  ", p->plan_name);
      /* TRANSLATORS: average basis in tonnes, then days at each basis */
      g_print (_("basis %s t (days: %u at the plan quantity, %u at the actual stock after a release,"
                 " %u less an overdue vacancy, %u not valid)"),
               basis, p->days_quantity, p->days_actual, p->days_vacancy, p->days_inactive);
      g_print ("\n  ");
      if (p->has_rate)
        /* TRANSLATORS: rate in yuan per jin and year, amount in yuan */
        g_print (_("rate %g yuan/jin/year, amount %lld.%02d yuan"), p->rate,
                 (long long) (p->amount_fen / 100), (int) (p->amount_fen % 100));
      else
        g_print ("%s", _("no subsidy rate is set for this variety"));
      g_print ("\n");
    }
  /* TRANSLATORS: total amount in yuan */
  g_print ("\n");
  g_print (_("Total %lld.%02d yuan"), (long long) (statement->total_fen / 100), (int) (statement->total_fen % 100));
  g_print ("\n");
}

/* report's --format: text, json, csv, xlsx or pdf. */
static gboolean
report_format_parse (const char  *format,
                     gboolean    *out_document,
                     GrDocFormat *out_doc_format)
{
  g_autofree char *msg = NULL;

  *out_document = FALSE;
  if (format == NULL || strcmp (format, "text") == 0 || strcmp (format, "json") == 0)
    return TRUE;
  if (gr_doc_format_from_string (format, out_doc_format))
    {
      *out_document = TRUE;
      return TRUE;
    }
  msg = g_strdup_printf (_("--format must be text, json, csv, xlsx or pdf, not “%s”"), format);
  print_error (msg);
  return FALSE;
}

static void
print_doc_progress (double      fraction,
                    const char *note,
                    gpointer    user_data)
{
  if (isatty (STDERR_FILENO))
    print_progress (fraction, note, user_data);
}

static gboolean
write_text_file (gpointer       document,
                 const char    *path,
                 GCancellable  *cancellable,
                 GrProgressFunc progress,
                 gpointer       progress_data,
                 GError       **error)
{
  return g_file_set_contents (path, document, -1, error);
}

/* Prints text, or writes it to output (through a temporary file). */
static gboolean
emit_text (const char  *text,
           const char  *output,
           GError     **error)
{
  if (output == NULL)
    {
      fputs (text, stdout);
      return TRUE;
    }
  return gr_doc_write_atomically (output, write_text_file, (gpointer) text, NULL, NULL, NULL, error);
}

/* A document goes to output; CSV may go to standard output instead. */
static gboolean
emit_document (GrDocTable  *table,
               GrDocFormat  doc_format,
               const char  *output,
               GError     **error)
{
  if (output == NULL)
    {
      g_autofree char *text = gr_doc_csv_text (table);

      g_assert (doc_format == GR_DOC_FORMAT_CSV);
      fputs (text, stdout);
      return TRUE;
    }
  return gr_doc_write (table, doc_format, output, NULL, print_doc_progress, NULL, error);
}

static int
cmd_report (int    argc,
            char **argv)
{
  g_autoptr(GrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *enterprise = NULL, *month = NULL, *format = NULL, *profile_name = NULL, *output = NULL;
  gboolean file = FALSE, document = FALSE;
  GrDocFormat doc_format = GR_DOC_FORMAT_CSV;
  int year = 0, month_number = 0;
  GOptionEntry entries[] = {
    { "enterprise", 0, 0, G_OPTION_ARG_STRING, &enterprise, N_("monthly: the enterprise id"), N_("ID") },
    { "month", 0, 0, G_OPTION_ARG_STRING, &month, N_("monthly: YYYY-MM; subsidy: 1–12"), N_("MONTH") },
    { "file", 0, 0, G_OPTION_ARG_NONE, &file, N_("monthly: file the report (locks the month)"), NULL },
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("subsidy: the year"), N_("YEAR") },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_name, N_("Regulation profile (default: the database's)"), N_("PROFILE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text, json, csv, xlsx or pdf"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE (needed for xlsx and pdf)"), N_("FILE") },
    { NULL }
  };
  int status;

  if ((status = parse_options ("report", "monthly|subsidy", _("The monthly report and the subsidy statement."),
                               entries, &argc, &argv)) >= 0)
    return status;
  if (argc != 3 || (strcmp (argv[2], "monthly") != 0 && strcmp (argv[2], "subsidy") != 0))
    {
      print_error (_("report takes one argument: monthly or subsidy"));
      return 2;
    }
  if (!report_format_parse (format, &document, &doc_format))
    return 2;
  if (document && doc_format != GR_DOC_FORMAT_CSV && output == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("--format %s writes a file: give it with -o FILE"), format);
      print_error (msg);
      return 2;
    }
  if (!database_exists ())
    return 1;

  if (strcmp (argv[2], "monthly") == 0)
    {
      g_autoptr(GrMonthlyReport) report = NULL;
      g_autoptr(GrProfile) profile = NULL;
      g_autofree char *deadline_line = NULL;

      if (enterprise == NULL || month == NULL)
        {
          print_error (_("report monthly needs --enterprise and --month"));
          return 2;
        }
      if (!gr_month_parse (month, NULL, NULL))
        {
          g_autofree char *msg = g_strdup_printf (_("--month must be YYYY-MM, not “%s”"), month);
          print_error (msg);
          return 2;
        }
      if ((store = open_store ()) == NULL)
        return 1;
      /* The deadline counts the profile's working days; without a
       * profile, Monday to Friday. */
      if (profile_name == NULL)
        profile_name = gr_store_get_meta (store, "profile");
      if (profile_name != NULL && (profile = gr_profile_load (profile_name, &error)) == NULL)
        goto fail;
      if ((report = gr_monthly_report_build (store, enterprise, month, NULL, &error)) == NULL ||
          (file && !gr_monthly_report_file (store, report, NULL, &error)))
        goto fail;
      gr_monthly_report_set_due (report, profile);
      deadline_line = filing_line (report);
      /* Filing says whether it was in time; on stderr when stdout carries data. */
      if (file && format != NULL && strcmp (format, "text") != 0)
        g_printerr ("%s\n", deadline_line);
      if (g_strcmp0 (format, "json") == 0)
        {
          g_autofree char *text = gr_monthly_report_to_json (report);
          g_autofree char *line = g_strconcat (text, "\n", NULL);

          if (!emit_text (line, output, &error))
            goto fail;
        }
      else if (document)
        {
          g_autoptr(GrDocTable) table = gr_doc_monthly_table (report, NULL);

          if (!emit_document (table, doc_format, output, &error))
            goto fail;
        }
      else
        print_monthly_text (report, deadline_line);
    }
  else
    {
      g_autoptr(GrProfile) profile = NULL;
      g_autoptr(GrSubsidyStatement) statement = NULL;

      if (year == 0)
        {
          print_error (_("report subsidy needs --year"));
          return 2;
        }
      if (month != NULL)
        {
          char *end = NULL;
          gint64 value = g_ascii_strtoll (month, &end, 10);

          if (end == month || *end != '\0' || value < 1 || value > 12)
            {
              g_autofree char *msg = g_strdup_printf (_("--month must be 1–12, not “%s”"), month);
              print_error (msg);
              return 2;
            }
          month_number = (int) value;
        }
      if ((store = open_store ()) == NULL)
        return 1;
      if (profile_name == NULL && (profile_name = gr_store_get_meta (store, "profile")) == NULL)
        {
          print_error (_("the database has no regulation profile; choose one with --profile"));
          return 1;
        }
      if ((profile = gr_profile_load (profile_name, &error)) == NULL ||
          (statement = gr_subsidy_compute (store, profile, year, month_number, &error)) == NULL)
        {
          print_error (error->message);
          return 1;
        }
      if (g_strcmp0 (format, "json") == 0)
        {
          g_autofree char *text = gr_subsidy_to_json (statement);
          g_autofree char *line = g_strconcat (text, "\n", NULL);

          if (!emit_text (line, output, &error))
            goto fail;
        }
      else if (document)
        {
          g_autoptr(GrDocTable) table = gr_doc_subsidy_table (statement, store, enterprise, NULL, &error);

          if (table == NULL || !emit_document (table, doc_format, output, &error))
            goto fail;
        }
      else
        print_subsidy_text (statement);
    }
  return 0;

fail:
  print_error (error->message);
  return 1;
}

static int
cmd_card (int    argc,
          char **argv)
{
  g_autoptr(GrStore) store = NULL;
  g_autoptr(GrDocCards) cards = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bin = NULL, *depot = NULL, *output = NULL;
  GOptionEntry entries[] = {
    { "bin", 0, 0, G_OPTION_ARG_STRING, &bin, N_("The cards of one bin"), N_("ID") },
    { "depot", 0, 0, G_OPTION_ARG_STRING, &depot, N_("The cards of every bin of a depot"), N_("ID") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), N_("FILE") },
    { NULL }
  };
  int status;

  if ((status = parse_options ("card", NULL, _("Information cards of the lots in a bin or a depot, four to an A4 page, "
                                               "as PDF."), entries, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    {
      print_error (_("card takes no arguments besides its options"));
      return 2;
    }
  if ((bin == NULL) == (depot == NULL))
    {
      print_error (_("card needs either --bin ID or --depot ID"));
      return 2;
    }
  if (output == NULL)
    {
      print_error (_("card writes a PDF file: give it with -o FILE"));
      return 2;
    }
  if ((store = open_existing_store ()) == NULL)
    return 1;
  if ((cards = gr_doc_cards_load (store, bin, depot, NULL, &error)) == NULL ||
      !gr_doc_write_atomically (output, (GrDocWriter) gr_doc_cards_write_pdf, cards, NULL, print_doc_progress, NULL,
                                &error))
    {
      print_error (error->message);
      return 1;
    }
  return 0;
}

/* The years a plan may be proposed for: from the ledger's present (the
 * year of its latest month-end snapshot, or today's with no movements)
 * to the year after it, or after today. */
static gboolean
plan_year_in_range (GrStore  *store,
                    int       year,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, "SELECT max (month) FROM plan_month_stock", error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int today = g_date_time_get_year (now), latest = today, y = 0, m = 0;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL &&
      gr_month_parse ((const char *) sqlite3_column_text (stmt, 0), &y, &m))
    latest = y;
  if (year < latest || year > MAX (latest, today) + 1)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID,
                   _("--year must be between %d (the ledger's latest year) and %d, not %d"),
                   latest, MAX (latest, today) + 1, year);
      return FALSE;
    }
  return TRUE;
}

static int
cmd_plan (int    argc,
          char **argv)
{
  g_autoptr(GrStore) store = NULL;
  g_autoptr(GrProfile) profile = NULL;
  g_autoptr(GrPlannerResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format = NULL, *profile_name = NULL, *year_text = NULL;
  gboolean save = FALSE;
  gint64 year = 0;
  char *end = NULL;
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_STRING, &year_text, N_("The year to plan (usually next year)"), N_("YEAR") },
    { "save", 0, 0, G_OPTION_ARG_NONE, &save, N_("Store the proposal as the year's draft rotation plan"), NULL },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_name, N_("Regulation profile id or file (default: the database's)"), N_("PROFILE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text or json"), N_("FORMAT") },
    { NULL }
  };
  int status;

  if ((status = parse_options ("plan", NULL, _("Propose the year's rotation plan that meets every rule of the profile."),
                               entries, &argc, &argv)) >= 0)
    return status;
  if (argc != 2)
    {
      print_error (_("plan takes no arguments besides its options"));
      return 2;
    }
  if (!format_is_valid (format))
    return 2;
  if (year_text == NULL)
    {
      print_error (_("plan needs --year"));
      return 2;
    }
  year = g_ascii_strtoll (year_text, &end, 10);
  if (end == year_text || *end != '\0' || year < 1900 || year > 2199)
    {
      g_autofree char *msg = g_strdup_printf (_("--year must be a year between 1900 and 2199, not “%s”"), year_text);
      print_error (msg);
      return 2;
    }
  if ((store = open_existing_store ()) == NULL)
    return 1;
  if (profile_name == NULL && (profile_name = gr_store_get_meta (store, "profile")) == NULL)
    {
      print_error (_("the database has no regulation profile; choose one with --profile"));
      return 1;
    }
  if (!plan_year_in_range (store, (int) year, &error))
    {
      print_error (error->message);
      return 2;
    }
  if ((profile = gr_profile_load (profile_name, &error)) == NULL ||
      (result = gr_planner_propose (store, profile, (int) year, NULL, &error)) == NULL ||
      (save && !gr_planner_result_save (store, profile, result, NULL, &error)))
    {
      print_error (error->message);
      return 1;
    }

  if (g_strcmp0 (format, "json") == 0)
    {
      g_autofree char *text = gr_planner_result_to_json (result, TRUE);

      g_print ("%s\n", text);
    }
  else
    {
      g_autofree char *text = gr_planner_result_to_text (result);

      g_print ("%s", text);
    }
  if (save)
    /* TRANSLATORS: after granary-cli plan --save: the year → "已保存为 2027 年轮换计划草稿" */
    g_printerr (_("Saved as the draft rotation plan for %d\n"), (int) year);
  return 0;
}

static const Command commands[] = {
  { "import", cmd_import, N_("Import a dataset (all or nothing)") },
  { "export", cmd_export, N_("Export the database as a dataset") },
  { "demo",   cmd_demo,   N_("Generate demo data into an empty database") },
  { "info",   cmd_info,   N_("Counts, totals per variety and the profile") },
  { "check",  cmd_check,  N_("Findings of the compliance rules, with their articles") },
  { "grade",  cmd_grade,  N_("Grades and storage quality of lots, levels of depots") },
  { "plan",   cmd_plan,   N_("Propose the year's rotation plan") },
  { "sync",   cmd_sync,   N_("Sync the database with its server once") },
  { "report", cmd_report, N_("The monthly report and the subsidy statement") },
  { "card",   cmd_card,   N_("Information cards of bins, as PDF") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: granary-cli COMMAND [OPTIONS…]"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-8s %s\n", commands[i].name, g_dgettext (GETTEXT_PACKAGE, commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “granary-cli COMMAND --help” for the options of a command."));
}

int
gr_cli_run (int    argc,
            char **argv)
{
  g_clear_pointer (&opt_db, g_free);

  if (argc < 2)
    {
      print_usage (stderr);
      return 2;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 || strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return 0;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      g_print ("granary-cli %s\n", PACKAGE_VERSION);
      return 0;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      {
        int status = commands[i].func (argc, argv);

        g_clear_pointer (&opt_db, g_free);
        return status;
      }

  {
    g_autofree char *msg = g_strdup_printf (_("unknown command “%s”; run granary-cli --help"), argv[1]);
    print_error (msg);
  }
  return 2;
}
