/* gr-quality-test-window.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-quality-test-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "gr-error.h"
#include "gr-format.h"
#include "gr-grading-report.h"
#include "gr-quality-test-window.h"
#include "gr-store-task.h"
#include "gr-variety.h"

typedef struct {
  char *id;
  char *date;
  char *standard;
  char *lab;
  char *sample_no;
  char *indicators;   /* JSON text */
} HistoryRow;

static void
history_row_free (HistoryRow *row)
{
  g_free (row->id);
  g_free (row->date);
  g_free (row->standard);
  g_free (row->lab);
  g_free (row->sample_no);
  g_free (row->indicators);
  g_free (row);
}

/* What the worker reads about the lot. */
typedef struct {
  char        *variety;
  char        *place;      /* depot and bin */
  GrStandards *standards;
  GPtrArray   *history;    /* HistoryRow, newest first */
} LotData;

static void
lot_data_free (LotData *data)
{
  g_free (data->variety);
  g_free (data->place);
  g_clear_pointer (&data->standards, gr_standards_unref);
  g_clear_pointer (&data->history, g_ptr_array_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LotData, lot_data_free)

struct _GrQualityTestWindow
{
  AdwWindow     parent_instance;

  char         *db_path;
  char         *lot;
  LotData      *data;
  GPtrArray    *editions;     /* const GrGradingTable *, owned by data->standards */
  GHashTable   *rows;         /* indicator key → its AdwEntryRow / AdwComboRow */
  GCancellable *cancellable;
  gboolean      loaded;
  gboolean      saving;
  gboolean      can_save;
  guint         n_saves;

  AdwWindowTitle     *title;
  GtkWidget          *save_button;
  GtkWidget          *stack;
  GtkWidget          *status_page;
  AdwPreferencesGroup *test_group;
  AdwPreferencesGroup *indicator_group;
  GtkWidget          *date_row;
  GtkWidget          *lab_row;
  GtkWidget          *sample_row;
  GtkWidget          *edition_row;
  GtkWidget          *grade_label;
  GtkWidget          *judgement_label;
  GtkWidget          *error_label;
  GtkWidget          *history_box;
  GtkWidget          *history_empty;
  guint               n_history;
};

G_DEFINE_FINAL_TYPE (GrQualityTestWindow, gr_quality_test_window, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_judgement (GrQualityTestWindow *self);

/*
 * The workers
 */

static gpointer
load_worker (GrStore         *store,
             gpointer         task_data,
             GrProgressFunc   progress,
             gpointer         progress_data,
             GCancellable    *cancellable,
             GError         **error)
{
  const char *lot = task_data;
  g_autoptr(LotData) data = g_new0 (LotData, 1);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) tests = NULL;

  if ((data->standards = gr_standards_load (error)) == NULL)
    return NULL;
  stmt = gr_store_prepare (store,
                           "SELECT l.variety, d.name, b.code FROM lots l JOIN bins b ON b.id = l.bin"
                           " JOIN depots d ON d.id = b.depot WHERE l.id = ?1 AND l.deleted = 0", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, lot, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND, _("No lot “%s”"), lot);
      return NULL;
    }
  data->variety = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  /* TRANSLATORS: where a lot lies: depot and bin, "城南库 P01仓" */
  data->place = g_strdup_printf (_("%s, bin %s"), sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2));

  tests = gr_store_prepare (store,
                            "SELECT id, date, standard, lab, sample_no, indicators FROM quality_tests"
                            " WHERE lot = ?1 AND deleted = 0 ORDER BY date DESC, rowid DESC", error);
  if (tests == NULL)
    return NULL;
  sqlite3_bind_text (tests, 1, lot, -1, SQLITE_TRANSIENT);
  data->history = g_ptr_array_new_with_free_func ((GDestroyNotify) history_row_free);
  while (sqlite3_step (tests) == SQLITE_ROW)
    {
      HistoryRow *row = g_new0 (HistoryRow, 1);

      row->id = g_strdup ((const char *) sqlite3_column_text (tests, 0));
      row->date = g_strdup ((const char *) sqlite3_column_text (tests, 1));
      row->standard = g_strdup ((const char *) sqlite3_column_text (tests, 2));
      row->lab = g_strdup ((const char *) sqlite3_column_text (tests, 3));
      row->sample_no = g_strdup ((const char *) sqlite3_column_text (tests, 4));
      row->indicators = g_strdup ((const char *) sqlite3_column_text (tests, 5));
      g_ptr_array_add (data->history, row);
    }
  return g_steal_pointer (&data);
}

typedef struct {
  GrStandards *standards;
  JsonNode    *test;
} SaveData;

static void
save_data_free (SaveData *data)
{
  gr_standards_unref (data->standards);
  json_node_unref (data->test);
  g_free (data);
}

static gpointer
save_worker (GrStore         *store,
             gpointer         task_data,
             GrProgressFunc   progress,
             gpointer         progress_data,
             GCancellable    *cancellable,
             GError         **error)
{
  SaveData *data = task_data;

  gr_grading_record_test (store, data->standards, data->test, error);
  return NULL;
}

/*
 * Judging what is typed
 */

static const char *
indicator_unit (const char *key)
{
  if (g_str_has_suffix (key, "_pct"))
    return "%";
  if (g_str_has_suffix (key, "_g_per_l"))
    return "g/L";
  if (g_strcmp0 (key, "fatty_acid_value") == 0)
    return "mg KOH/100 g";
  if (g_strcmp0 (key, "taste_score") == 0)
    /* TRANSLATORS: unit of the tasting score: 分 */
    return _("points");
  return "";
}

static const char *
current_edition (GrQualityTestWindow *self)
{
  guint index;

  if (self->editions == NULL)
    return NULL;
  index = adw_combo_row_get_selected (ADW_COMBO_ROW (self->edition_row));
  if (index >= self->editions->len)
    return NULL;
  return ((const GrGradingTable *) self->editions->pdata[index])->standard;
}

static int
current_year (GrQualityTestWindow *self)
{
  GDate date;

  if (gr_date_parse (gtk_editable_get_text (GTK_EDITABLE (self->date_row)), &date))
    return g_date_get_year (&date);
  {
    g_autofree char *today = gr_today_iso ();

    return atoi (today);
  }
}

static void
indicator_changed_cb (GrQualityTestWindow *self)
{
  update_judgement (self);
}

static GtkWidget *
ensure_row (GrQualityTestWindow *self,
            const char          *key)
{
  GtkWidget *row = g_hash_table_lookup (self->rows, key);

  if (row != NULL)
    return row;
  if (g_strcmp0 (key, "color_odor") == 0)
    {
      /* TRANSLATORS: 色泽气味 not entered */
      const char *values[] = { _("Not given"), _("Normal"), _("Basically normal"), _("Abnormal"), NULL };
      g_autoptr(GtkStringList) model = gtk_string_list_new (values);

      row = adw_combo_row_new ();
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
      g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (indicator_changed_cb), self);
    }
  else
    {
      row = adw_entry_row_new ();
      gtk_editable_set_alignment (GTK_EDITABLE (row), 1.0);
      g_signal_connect_swapped (row, "changed", G_CALLBACK (indicator_changed_cb), self);
    }
  if (*indicator_unit (key) != '\0')
    {
      g_autofree char *title = g_strdup_printf ("%s (%s)", gr_indicator_name (key), indicator_unit (key));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
    }
  else
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gr_indicator_name (key));
  gtk_widget_set_name (row, key);
  adw_preferences_group_add (self->indicator_group, row);
  g_hash_table_insert (self->rows, g_strdup (key), row);
  return row;
}

/* Shows exactly the indicators of the chosen edition and of the storage
 * standard of the test's year; the others keep what was typed, hidden
 * and left out of the test. */
static void
update_indicator_rows (GrQualityTestWindow *self)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  const GrGradingTable *table = NULL;
  const GrStorageTable *storage;
  GHashTableIter iter;
  gpointer key, row;

  if (current_edition (self) != NULL)
    table = gr_standards_find_grading (self->data->standards, current_edition (self), self->data->variety);
  if (table != NULL)
    {
      for (guint i = 0; i < table->n_ladders; i++)
        {
          ensure_row (self, table->ladders[i].indicator);
          g_hash_table_add (wanted, (gpointer) table->ladders[i].indicator);
        }
      for (guint i = 0; i < table->n_limits; i++)
        {
          ensure_row (self, table->limits[i].indicator);
          g_hash_table_add (wanted, (gpointer) table->limits[i].indicator);
        }
    }
  storage = gr_standards_find_storage (self->data->standards, self->data->variety, current_year (self));
  for (guint i = 0; storage != NULL && i < storage->n_indicators; i++)
    {
      ensure_row (self, storage->indicators[i].indicator);
      g_hash_table_add (wanted, (gpointer) storage->indicators[i].indicator);
    }
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &row))
    gtk_widget_set_visible (row, g_hash_table_contains (wanted, key));
}

static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%g", value));
}

/* The indicators typed, as a JSON object; NULL with a message naming the
 * first bad value (and its row marked). */
static JsonObject *
collect_indicators (GrQualityTestWindow  *self,
                    char                **message)
{
  g_autoptr(JsonObject) indicators = json_object_new ();
  GHashTableIter iter;
  gpointer key, row;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &row))
    {
      gtk_widget_remove_css_class (row, "error");
      if (!gtk_widget_get_visible (row))
        continue;
      if (ADW_IS_COMBO_ROW (row))
        {
          guint index = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

          if (index >= 1 && index <= 3)
            json_object_set_string_member (indicators, key, gr_color_odor_values[index - 1]);
        }
      else
        {
          g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
          char *end = NULL;
          double value, min = 0, max = 0;

          if (*text == '\0')
            continue;
          /* A decimal comma is as good as a point. */
          g_strdelimit (text, ",", '.');
          value = g_ascii_strtod (text, &end);
          gr_indicator_range (key, &min, &max);
          if (end == text || *end != '\0' || !isfinite (value))
            {
              gtk_widget_add_css_class (row, "error");
              if (*message == NULL)
                /* TRANSLATORS: "容重：“abc”不是数字" */
                *message = g_strdup_printf (_("%s: “%s” is not a number"), gr_indicator_name (key), text);
            }
          else if (value < min || value > max)
            {
              gtk_widget_add_css_class (row, "error");
              if (*message == NULL)
                {
                  g_autofree char *v = format_number (value);
                  g_autofree char *lo = format_number (min);
                  g_autofree char *hi = format_number (max);

                  /* TRANSLATORS: "容重不可能是 5000 g/L：应在 0–1200 g/L 之间" */
                  *message = g_strdup_printf (_("%s cannot be %s %s: it must lie between %s and %s %s"),
                                              gr_indicator_name (key), v, indicator_unit (key),
                                              lo, hi, indicator_unit (key));
                }
            }
          else
            json_object_set_double_member (indicators, key, value);
        }
    }
  if (*message != NULL)
    return NULL;
  return g_steal_pointer (&indicators);
}

static char *
grade_text (const char        *variety,
            const GrJudgement *j)
{
  if (!j->graded)
    return g_strdup (_("not graded"));
  if (j->substandard)
    return g_strdup (_("substandard"));
  return gr_variety_grade_name (variety, j->grade);
}

static char *
judgement_details (const GrJudgement *j)
{
  GString *out = g_string_new (NULL);

  if (j->grading_edition != NULL)
    /* TRANSLATORS: "依据 GB 1350-2009" */
    g_string_append_printf (out, _("Judged by %s"), j->grading_edition);
  if (j->edition_fallback)
    g_string_append_printf (out, " %s", _("(the cited edition is not held)"));
  if (j->limits_checked > 0)
    {
      g_string_append_printf (out, "%s%s", out->len > 0 ? "\n" : "", j->limits_met ? _("limits met") : _("limits not met"));
      for (guint i = 0; i < j->n_failed; i++)
        g_string_append_printf (out, "%s%s", i == 0 ? ": " : ", ", gr_indicator_name (j->failed[i]));
    }
  if (j->has_storage)
    {
      /* TRANSLATORS: "储存品质：宜存（GB/T 20569-2006，脂肪酸值）" */
      g_string_append_printf (out, "%s%s", out->len > 0 ? "\n" : "", _("Storage quality: "));
      g_string_append (out, gr_storage_quality_name (j->storage_quality));
      g_string_append_printf (out, " (%s%s%s)", j->storage_edition,
                              j->storage_decider != NULL ? ", " : "",
                              j->storage_decider != NULL ? gr_indicator_name (j->storage_decider) : "");
    }
  if (j->unconfirmed)
    g_string_append_printf (out, "%s%s", out->len > 0 ? "\n" : "", _("(unconfirmed threshold)"));
  return g_string_free (out, FALSE);
}

static void
set_error (GrQualityTestWindow *self,
           const char          *message)
{
  gtk_label_set_label (GTK_LABEL (self->error_label), message != NULL ? message : "");
  gtk_widget_set_visible (self->error_label, message != NULL);
}

static void
update_judgement (GrQualityTestWindow *self)
{
  g_autofree char *message = NULL;
  g_autoptr(JsonObject) indicators = NULL;
  g_autoptr(GError) error = NULL;
  GrJudgement judgement;
  const char *date_text;
  GDate date;
  gboolean date_ok;

  if (!self->loaded || self->data == NULL)
    return;
  update_indicator_rows (self);
  date_text = gtk_editable_get_text (GTK_EDITABLE (self->date_row));
  date_ok = gr_date_parse (date_text, &date);
  if (date_ok)
    gtk_widget_remove_css_class (self->date_row, "error");
  else
    gtk_widget_add_css_class (self->date_row, "error");

  indicators = collect_indicators (self, &message);
  if (indicators == NULL)
    {
      gtk_label_set_label (GTK_LABEL (self->grade_label), "—");
      gtk_label_set_label (GTK_LABEL (self->judgement_label), "");
    }
  else if (json_object_get_size (indicators) == 0)
    {
      gtk_label_set_label (GTK_LABEL (self->grade_label), "—");
      gtk_label_set_label (GTK_LABEL (self->judgement_label), _("Enter the indicators to see the judgement."));
    }
  else if (!gr_grading_judge (self->data->standards, self->data->variety, current_edition (self),
                              date_ok ? date_text : NULL, indicators, &judgement, &error))
    {
      message = g_strdup (error->message);
      gtk_label_set_label (GTK_LABEL (self->grade_label), "—");
      gtk_label_set_label (GTK_LABEL (self->judgement_label), "");
    }
  else
    {
      g_autofree char *grade = grade_text (self->data->variety, &judgement);
      g_autofree char *details = judgement_details (&judgement);

      gtk_label_set_label (GTK_LABEL (self->grade_label), grade);
      gtk_label_set_label (GTK_LABEL (self->judgement_label), details);
    }
  if (message == NULL && !date_ok)
    message = g_strdup (_("The date must be a real date written YYYY-MM-DD"));
  set_error (self, message);

  self->can_save = message == NULL && indicators != NULL && json_object_get_size (indicators) > 0 &&
                   current_edition (self) != NULL && !self->saving;
  gtk_widget_set_sensitive (self->save_button, self->can_save);
}

/*
 * History
 */

static void
show_history (GrQualityTestWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->history_box)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->history_box), child);
  self->n_history = 0;
  for (guint i = 0; i < self->data->history->len; i++)
    {
      const HistoryRow *test = self->data->history->pdata[i];
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GString) subtitle = g_string_new (NULL);
      g_autofree char *date = gr_format_iso_date (test->date);
      GtkWidget *row = adw_action_row_new ();
      GrJudgement j;

      if (json_parser_load_from_data (parser, test->indicators, -1, NULL) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) &&
          gr_grading_judge (self->data->standards, self->data->variety, test->standard, test->date,
                            json_node_get_object (json_parser_get_root (parser)), &j, NULL))
        {
          g_autofree char *grade = grade_text (self->data->variety, &j);
          GtkWidget *suffix = gtk_label_new (grade);

          gtk_widget_add_css_class (suffix, j.substandard ? "error" : "heading");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
          if (j.has_storage)
            g_string_append (subtitle, gr_storage_quality_name (j.storage_quality));
          if (j.limits_checked > 0)
            g_string_append_printf (subtitle, "%s%s", subtitle->len ? " · " : "",
                                    j.limits_met ? _("limits met") : _("limits not met"));
          if (j.unconfirmed)
            g_string_append_printf (subtitle, " %s", _("(unconfirmed threshold)"));
        }
      g_string_append_printf (subtitle, "%s%s", subtitle->len ? " · " : "", test->standard);
      if (test->lab != NULL && *test->lab != '\0')
        g_string_append_printf (subtitle, " · %s", test->lab);
      if (test->sample_no != NULL && *test->sample_no != '\0')
        g_string_append_printf (subtitle, " · %s", test->sample_no);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), date);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      gtk_list_box_append (GTK_LIST_BOX (self->history_box), row);
      self->n_history++;
    }
  gtk_widget_set_visible (self->history_empty, self->n_history == 0);
  gtk_widget_set_visible (self->history_box, self->n_history > 0);
}

/*
 * Loading and saving
 */

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GrQualityTestWindow *self = GR_QUALITY_TEST_WINDOW (object);
  g_autoptr(GError) error = NULL;
  LotData *data = gr_store_task_run_finish (result, &error);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *subtitle = NULL;

  if (data == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->loaded = TRUE;
      adw_status_page_set_title (ADW_STATUS_PAGE (self->status_page), _("Cannot Record a Test"));
      adw_status_page_set_description (ADW_STATUS_PAGE (self->status_page), error->message);
      return;
    }
  g_clear_pointer (&self->data, lot_data_free);
  self->data = data;
  /* TRANSLATORS: the dialog's subtitle: lot, variety, place: "L-0001 · 中晚籼稻 · 城南库 P01仓" */
  subtitle = g_strdup_printf ("%s · %s · %s", self->lot, gr_variety_name (data->variety), data->place);
  adw_window_title_set_subtitle (self->title, subtitle);

  g_clear_pointer (&self->editions, g_ptr_array_unref);
  self->editions = gr_standards_list_grading (data->standards, data->variety);
  for (guint i = 0; i < self->editions->len; i++)
    {
      const GrGradingTable *table = self->editions->pdata[i];
      g_autofree char *name = g_strdup_printf ("%s %s", table->standard, table->name);

      gtk_string_list_append (names, name);
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (self->edition_row), G_LIST_MODEL (names));
  if (self->editions->len == 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->edition_row),
                                _("No grading standard is held for this variety"));
  self->loaded = TRUE;
  show_history (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "form");
  update_judgement (self);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GrQualityTestWindow *self = GR_QUALITY_TEST_WINDOW (object);
  g_autoptr(GError) error = NULL;

  gr_store_task_run_finish (result, &error);
  self->saving = FALSE;
  self->n_saves++;
  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* What was typed stays, to correct and save again. */
      update_judgement (self);
      set_error (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

void
gr_quality_test_window_save (GrQualityTestWindow *self)
{
  g_autofree char *message = NULL;
  g_autoptr(JsonObject) indicators = NULL;
  g_autoptr(JsonObject) test = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *id = NULL;
  SaveData *data;
  const char *lab, *sample;

  g_return_if_fail (GR_IS_QUALITY_TEST_WINDOW (self));

  update_judgement (self);
  if (!self->can_save || (indicators = collect_indicators (self, &message)) == NULL)
    return;
  uuid = g_uuid_string_random ();
  id = g_strdup_printf ("qt-%s", uuid);
  test = json_object_new ();
  json_object_set_string_member (test, "id", id);
  json_object_set_string_member (test, "lot", self->lot);
  json_object_set_string_member (test, "date", gtk_editable_get_text (GTK_EDITABLE (self->date_row)));
  json_object_set_string_member (test, "standard", current_edition (self));
  lab = gtk_editable_get_text (GTK_EDITABLE (self->lab_row));
  if (*lab != '\0')
    json_object_set_string_member (test, "lab", lab);
  sample = gtk_editable_get_text (GTK_EDITABLE (self->sample_row));
  if (*sample != '\0')
    json_object_set_string_member (test, "sample_no", sample);
  json_object_set_object_member (test, "indicators", g_steal_pointer (&indicators));

  data = g_new0 (SaveData, 1);
  data->standards = gr_standards_ref (self->data->standards);
  data->test = json_node_init_object (json_node_alloc (), test);
  self->saving = TRUE;
  gtk_widget_set_sensitive (self->save_button, FALSE);
  gr_store_task_run_async (self, self->db_path, save_worker, data, (GDestroyNotify) save_data_free,
                           NULL, NULL, NULL, self->cancellable, save_done_cb, NULL);
}

/*
 * Building the window
 */

static void
build (GrQualityTestWindow *self)
{
  GtkWidget *box, *header, *cancel, *columns, *scrolled, *page, *side, *judgement_box, *history_title;
  g_autofree char *today = gr_today_iso ();

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Record Quality Test"), self->lot));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->save_button = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  gtk_widget_set_sensitive (self->save_button, FALSE);
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (gr_quality_test_window_save), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->save_button);
  gtk_box_append (GTK_BOX (box), header);

  self->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->stack, TRUE);
  self->status_page = adw_status_page_new ();
  adw_status_page_set_title (ADW_STATUS_PAGE (self->status_page), _("Reading the Lot…"));
  gtk_stack_add_named (GTK_STACK (self->stack), self->status_page, "loading");

  columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_set_homogeneous (GTK_BOX (columns), TRUE);

  /* The form */
  page = adw_preferences_page_new ();
  self->test_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->test_group, _("Test"));
  self->date_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->date_row), _("Date (YYYY-MM-DD)"));
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
  g_signal_connect_swapped (self->date_row, "changed", G_CALLBACK (indicator_changed_cb), self);
  adw_preferences_group_add (self->test_group, self->date_row);
  self->lab_row = adw_entry_row_new ();
  /* TRANSLATORS: the laboratory that made the test: 检验机构 */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->lab_row), _("Laboratory"));
  adw_preferences_group_add (self->test_group, self->lab_row);
  self->sample_row = adw_entry_row_new ();
  /* TRANSLATORS: 样品编号 */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->sample_row), _("Sample number"));
  adw_preferences_group_add (self->test_group, self->sample_row);
  self->edition_row = adw_combo_row_new ();
  /* TRANSLATORS: the edition of the grading standard the test is judged by: 判定依据 */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->edition_row), _("Standard"));
  g_signal_connect_swapped (self->edition_row, "notify::selected", G_CALLBACK (indicator_changed_cb), self);
  adw_preferences_group_add (self->test_group, self->edition_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->test_group);

  self->indicator_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->indicator_group, _("Indicators"));
  adw_preferences_group_set_description (self->indicator_group,
                                         _("Those of the variety under the chosen standard; leave blank what was not measured"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->indicator_group);
  gtk_box_append (GTK_BOX (columns), page);

  /* The judgement and the history */
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (side, 24);
  gtk_widget_set_margin_bottom (side, 24);
  gtk_widget_set_margin_start (side, 12);
  gtk_widget_set_margin_end (side, 24);
  judgement_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (judgement_box, "card");
  {
    GtkWidget *heading = gtk_label_new (_("Judgement"));

    gtk_widget_add_css_class (heading, "heading");
    gtk_label_set_xalign (GTK_LABEL (heading), 0);
    gtk_widget_set_margin_start (heading, 12);
    gtk_widget_set_margin_top (heading, 12);
    gtk_box_append (GTK_BOX (judgement_box), heading);
  }
  self->grade_label = gtk_label_new ("—");
  gtk_widget_add_css_class (self->grade_label, "title-1");
  gtk_label_set_xalign (GTK_LABEL (self->grade_label), 0);
  gtk_widget_set_margin_start (self->grade_label, 12);
  gtk_box_append (GTK_BOX (judgement_box), self->grade_label);
  self->judgement_label = gtk_label_new ("");
  gtk_label_set_xalign (GTK_LABEL (self->judgement_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->judgement_label), TRUE);
  gtk_widget_set_margin_start (self->judgement_label, 12);
  gtk_widget_set_margin_end (self->judgement_label, 12);
  gtk_widget_set_margin_bottom (self->judgement_label, 12);
  gtk_box_append (GTK_BOX (judgement_box), self->judgement_label);
  gtk_box_append (GTK_BOX (side), judgement_box);
  self->error_label = gtk_label_new ("");
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_widget_set_visible (self->error_label, FALSE);
  gtk_box_append (GTK_BOX (side), self->error_label);

  history_title = gtk_label_new (_("Earlier Tests"));
  gtk_widget_add_css_class (history_title, "heading");
  gtk_label_set_xalign (GTK_LABEL (history_title), 0);
  gtk_widget_set_margin_top (history_title, 12);
  gtk_box_append (GTK_BOX (side), history_title);
  self->history_empty = gtk_label_new (_("No test recorded for this lot yet"));
  gtk_widget_add_css_class (self->history_empty, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (self->history_empty), 0);
  gtk_box_append (GTK_BOX (side), self->history_empty);
  self->history_box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->history_box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->history_box, "boxed-list");
  gtk_box_append (GTK_BOX (side), self->history_box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), side);
  gtk_box_append (GTK_BOX (columns), scrolled);

  gtk_stack_add_named (GTK_STACK (self->stack), columns, "form");
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "loading");
  gtk_box_append (GTK_BOX (box), self->stack);
  adw_window_set_content (ADW_WINDOW (self), box);
}

static void
gr_quality_test_window_dispose (GObject *object)
{
  GrQualityTestWindow *self = GR_QUALITY_TEST_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->editions, g_ptr_array_unref);
  g_clear_pointer (&self->data, lot_data_free);
  g_clear_pointer (&self->rows, g_hash_table_unref);

  G_OBJECT_CLASS (gr_quality_test_window_parent_class)->dispose (object);
}

static void
gr_quality_test_window_finalize (GObject *object)
{
  GrQualityTestWindow *self = GR_QUALITY_TEST_WINDOW (object);

  g_free (self->db_path);
  g_free (self->lot);

  G_OBJECT_CLASS (gr_quality_test_window_parent_class)->finalize (object);
}

static void
gr_quality_test_window_class_init (GrQualityTestWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gr_quality_test_window_dispose;
  object_class->finalize = gr_quality_test_window_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gr_quality_test_window_init (GrQualityTestWindow *self)
{
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
}

GrQualityTestWindow *
gr_quality_test_window_new (GtkWindow  *parent,
                            const char *db_path,
                            const char *lot)
{
  GrQualityTestWindow *self;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (lot != NULL, NULL);

  self = g_object_new (GR_TYPE_QUALITY_TEST_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       "default-width", 960,
                       "default-height", 720,
                       NULL);
  self->db_path = g_strdup (db_path);
  self->lot = g_strdup (lot);
  build (self);
  gr_store_task_run_async (self, db_path, load_worker, g_strdup (lot), g_free,
                           (GDestroyNotify) lot_data_free, NULL, NULL, self->cancellable, load_done_cb, NULL);
  return self;
}

const char *
gr_quality_test_window_get_lot (GrQualityTestWindow *self)
{
  return self->lot;
}

gboolean
gr_quality_test_window_get_loaded (GrQualityTestWindow *self)
{
  return self->loaded;
}

guint
gr_quality_test_window_get_n_saves (GrQualityTestWindow *self)
{
  return self->n_saves;
}

GtkEditable *
gr_quality_test_window_get_indicator (GrQualityTestWindow *self,
                                      const char          *key)
{
  GtkWidget *row = g_hash_table_lookup (self->rows, key);

  if (row == NULL || !gtk_widget_get_visible (row) || !GTK_IS_EDITABLE (row))
    return NULL;
  return GTK_EDITABLE (row);
}

GtkEditable *
gr_quality_test_window_get_date_entry (GrQualityTestWindow *self)
{
  return GTK_EDITABLE (self->date_row);
}

gboolean
gr_quality_test_window_select_edition (GrQualityTestWindow *self,
                                       const char          *standard)
{
  for (guint i = 0; self->editions != NULL && i < self->editions->len; i++)
    if (g_strcmp0 (((const GrGradingTable *) self->editions->pdata[i])->standard, standard) == 0)
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (self->edition_row), i);
        return TRUE;
      }
  return FALSE;
}

const char *
gr_quality_test_window_get_grade_text (GrQualityTestWindow *self)
{
  return gtk_label_get_label (GTK_LABEL (self->grade_label));
}

const char *
gr_quality_test_window_get_judgement_text (GrQualityTestWindow *self)
{
  return gtk_label_get_label (GTK_LABEL (self->judgement_label));
}

const char *
gr_quality_test_window_get_error_text (GrQualityTestWindow *self)
{
  return gtk_widget_get_visible (self->error_label) ? gtk_label_get_label (GTK_LABEL (self->error_label)) : NULL;
}

gboolean
gr_quality_test_window_get_can_save (GrQualityTestWindow *self)
{
  return self->can_save;
}

guint
gr_quality_test_window_get_n_history (GrQualityTestWindow *self)
{
  return self->n_history;
}
