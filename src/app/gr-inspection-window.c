/* gr-inspection-window.c
 *
 * The form reads the record once (a worker), builds its rows, and from
 * then on only writes: each committed field becomes a GrSaveOp for the
 * saver. Pest classes, alarms and stock differences are judged here, on
 * the main thread, from what is typed: they are pure functions of the
 * standards (gr-inspection-judge.h), no database involved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-inspection-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "gr-error.h"
#include "gr-format.h"
#include "gr-inspection-list.h"
#include "gr-inspection-photo.h"
#include "gr-inspection-window.h"
#include "gr-labels.h"
#include "gr-record-store.h"
#include "gr-resources.h"
#include "gr-store-task.h"
#include "gr-variety.h"

/* A pause in typing this long saves the field. */
#define DEBOUNCE_MS 600

static const char * const kinds[] = { "routine", "random", "periodic", "joint", NULL };
static const char * const severities[] = { "minor", "major", "critical", NULL };
static const char * const results[] = { "pass", "fail", "na", NULL };

/* ---- What the worker reads ---------------------------------------------- */

typedef struct {
  char *id;
  char *name;
} DepotChoice;

static void
depot_choice_free (DepotChoice *choice)
{
  g_free (choice->id);
  g_free (choice->name);
  g_free (choice);
}

static void
bin_copy_free (GrInspectionBin *bin)
{
  g_free (bin->id);
  g_free (bin->code);
  g_free (bin->type);
  g_free (bin->storage_tech);
  g_free (bin->variety);
  g_free (bin);
}

typedef struct {
  GrStandards *standards;
  GPtrArray   *depots;       /* DepotChoice, for a new inspection */
  char        *id;
  GrRecord    *record;
  char        *depot_name;
  GPtrArray   *bins;         /* GrInspectionBin (copies) */
  char        *incomplete;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->standards, gr_standards_unref);
  g_clear_pointer (&data->depots, g_ptr_array_unref);
  g_clear_pointer (&data->record, gr_record_free);
  g_clear_pointer (&data->bins, g_ptr_array_unref);
  g_free (data->id);
  g_free (data->depot_name);
  g_free (data->incomplete);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadData, load_data_free)

typedef struct {
  gboolean books;     /* only the books at the date changed: no rebuild */
  char *id;           /* to open, or NULL */
  char *correct;      /* a signed record to correct, or NULL */
  char *depot;        /* to create a draft of, or NULL */
  char *date;
  char *kind;
  char *today;
} LoadRequest;

static void
load_request_free (LoadRequest *request)
{
  g_free (request->id);
  g_free (request->correct);
  g_free (request->depot);
  g_free (request->date);
  g_free (request->kind);
  g_free (request->today);
  g_free (request);
}

/* ---- The window ---------------------------------------------------------- */

typedef struct _Field Field;

typedef struct {
  GrInspectionBin *info;
  Field           *entries[GR_READING_AIRTIGHTNESS + 1];
  Field           *note;
  GtkWidget       *dangerous;
  GtkWidget       *class_label;
  GtkWidget       *alarms_label;
} BinRow;

typedef struct {
  GrInspectionBin *info;
  Field           *book;
  Field           *measured;
  GtkWidget       *difference;
  GtkWidget       *judgement;
} QuantityRow;

typedef struct {
  GrFindingRef *ref;
  GtkWidget    *row;
  GtkWidget    *id_label;
  Field        *text;
  GtkWidget    *severity;
  Field        *due;
} FindingRow;

struct _GrInspectionWindow
{
  AdwWindow            parent_instance;

  /* Template Widgets */
  GtkWidget           *add_finding_button;
  GtkWidget           *add_photo_button;
  GtkWidget           *checklist_box;
  GtkWidget           *correct_button;
  AdwEntryRow         *date_row;
  GtkLabel            *error_label;
  GtkRevealer         *error_revealer;
  AdwStatusPage       *failed_page;
  GtkListBox          *findings_list;
  GtkWidget           *general_group;
  AdwEntryRow         *inspectors_row;
  GtkWidget           *jump_sign_button;
  AdwComboRow         *kind_row;
  GtkWidget           *menu_button;
  GtkFlowBox          *photos_box;
  GtkWidget           *photos_group;
  GtkGrid             *quantity_grid;
  GtkGrid             *readings_grid;
  AdwEntryRow         *representative_row;
  GtkScrolledWindow   *scroller;
  GtkWidget           *sign_button;
  AdwEntryRow         *sign_date_row;
  GtkWidget           *sign_group;
  AdwActionRow        *sign_row;
  GtkWidget           *signed_box;
  GtkLabel            *signed_label;
  GtkSpinner          *spinner;
  GtkStack            *stack;
  AdwComboRow         *start_depot_row;
  AdwEntryRow         *start_date_row;
  AdwComboRow         *start_kind_row;
  AdwWindowTitle      *window_title;

  /* Owned References */
  char                *db_path;
  char                *depot;         /* asked for at construction */
  char                *id;
  char                *today;
  LoadData            *data;
  GrInspectionSaver   *saver;
  GCancellable        *cancellable;
  GHashTable          *fields;        /* Field *, the live ones */
  GPtrArray           *bin_rows;      /* BinRow */
  GPtrArray           *quantity_rows; /* QuantityRow */
  GPtrArray           *finding_rows;  /* FindingRow */
  GHashTable          *check_toggles; /* "item\x1fresult" → GtkToggleButton (borrowed) */
  GtkFileChooserNative *photo_chooser;
  Field               *error_field;   /* whose refusal is shown (borrowed) */

  guint                n_loads;
  guint                signed_ : 1;
  guint                building : 1;  /* filling widgets: no saving */
  guint                dirty : 1;     /* something was saved */
  guint                closing : 1;
};

G_DEFINE_FINAL_TYPE (GrInspectionWindow, gr_inspection_window, ADW_TYPE_WINDOW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void load (GrInspectionWindow *self,
                  LoadRequest        *request);
static void update_bin_row (GrInspectionWindow *self,
                            BinRow             *row);
static void update_quantity_row (GrInspectionWindow *self,
                                 QuantityRow        *row);

/* ---- Fields: an editable and what committing it saves ------------------- */

typedef enum {
  FIELD_DATE,
  FIELD_INSPECTORS,
  FIELD_READING,
  FIELD_NOTE,
  FIELD_QUANTITY,
  FIELD_FINDING_TEXT,
  FIELD_FINDING_DUE,
  FIELD_REPRESENTATIVE,   /* not saved: read at sign-off */
  FIELD_SIGN_DATE,
} FieldKind;

struct _Field
{
  GrInspectionWindow *self;
  GtkWidget          *widget;     /* a GtkEditable */
  FieldKind           kind;
  char               *bin;
  int                 field;
  char               *label;      /* for messages: "Bin P01: moisture" */
  char               *committed;  /* the text last saved */
  guint               timeout_id;
  FindingRow         *finding;
  gpointer            row;        /* BinRow or QuantityRow */
  GtkEventController *focus;      /* owned by the widget */
};

static void
field_free (Field *field)
{
  g_clear_handle_id (&field->timeout_id, g_source_remove);
  g_free (field->bin);
  g_free (field->label);
  g_free (field->committed);
  g_free (field);
}

static const char *
field_text (Field *field)
{
  return gtk_editable_get_text (GTK_EDITABLE (field->widget));
}

static void
mark_error (Field    *field,
            gboolean  error)
{
  if (error)
    gtk_widget_add_css_class (field->widget, "error");
  else
    gtk_widget_remove_css_class (field->widget, "error");
}

static void
show_error (GrInspectionWindow *self,
            Field              *field,
            const char         *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
  self->error_field = field;
  if (field != NULL)
    {
      mark_error (field, TRUE);
      gtk_widget_set_tooltip_text (field->widget, message);
    }
}

static void
clear_error (GrInspectionWindow *self,
             Field              *field)
{
  if (field != NULL)
    {
      mark_error (field, FALSE);
      gtk_widget_set_tooltip_text (field->widget, NULL);
    }
  if (self->error_field == field && field != NULL)
    {
      gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
      self->error_field = NULL;
    }
}

/* A decimal number as typed; FALSE when it is not one. Empty is NaN. */
static gboolean
parse_number (const char *text,
              double     *out)
{
  g_autofree char *clean = g_strstrip (g_strdup (text));
  char *end = NULL;

  /* A typed Chinese full stop or a decimal comma means the point. */
  for (char *p = clean; *p; p++)
    if (*p == ',')
      *p = '.';
  if (*clean == '\0')
    {
      *out = NAN;
      return TRUE;
    }
  *out = g_ascii_strtod (clean, &end);
  return end != NULL && *end == '\0' && isfinite (*out);
}

/* Tonnes as typed ("2,999.5" or "2999.5") in kg; empty is −1. */
static gboolean
parse_tonnes (const char *text,
              gint64     *out_kg)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  char *end = NULL;
  double tonnes;

  for (const char *p = text; *p; p++)
    if (*p != ',' && !g_ascii_isspace (*p))
      g_string_append_c (clean, *p);
  if (clean->len == 0)
    {
      *out_kg = -1;
      return TRUE;
    }
  tonnes = g_ascii_strtod (clean->str, &end);
  return end != NULL && *end == '\0' && tonnes >= 0 && gr_tonnes_to_kg (tonnes, out_kg);
}

static char **
split_names (const char *text)
{
  /* People write 王芳、陈明 or 王芳，陈明 or 王芳, 陈明. */
  g_autoptr(GRegex) regex = g_regex_new ("[、，,;；]", 0, 0, NULL);

  return g_regex_split (regex, text != NULL ? text : "", 0);
}

static void
push (GrInspectionWindow *self,
      GrSaveOp           *op,
      Field              *field)
{
  op->tag = field;
  gr_inspection_saver_push (self->saver, op);
}

static void
save_finding (GrInspectionWindow *self,
              FindingRow         *row,
              Field              *field)
{
  g_autofree char *text = g_strstrip (g_strdup (field_text (row->text)));
  GrSaveOp *op;

  /* A finding is added once it says something. */
  if (*text == '\0' && gr_finding_ref_get_id (row->ref) == NULL)
    return;
  op = gr_save_op_new (GR_SAVE_FINDING);
  op->finding = gr_finding_ref_ref (row->ref);
  op->text = g_steal_pointer (&text);
  op->text2 = g_strdup (severities[MIN (gtk_drop_down_get_selected (GTK_DROP_DOWN (row->severity)), 2)]);
  op->text3 = g_strstrip (g_strdup (field_text (row->due)));
  push (self, op, field);
}

/* Saves what the field holds now, unless it was saved already. */
static void
commit (Field *field)
{
  GrInspectionWindow *self = field->self;
  const char *text = field_text (field);
  GrSaveOp *op = NULL;

  g_clear_handle_id (&field->timeout_id, g_source_remove);
  if (self->signed_ || self->building || self->saver == NULL || g_strcmp0 (text, field->committed) == 0)
    return;
  if (field->kind == FIELD_REPRESENTATIVE || field->kind == FIELD_SIGN_DATE)
    return;

  switch (field->kind)
    {
    case FIELD_DATE:
      op = gr_save_op_new (GR_SAVE_DATE);
      op->text = g_strstrip (g_strdup (text));
      break;

    case FIELD_INSPECTORS:
      op = gr_save_op_new (GR_SAVE_INSPECTORS);
      op->names = split_names (text);
      break;

    case FIELD_READING:
      {
        double value;

        if (!parse_number (text, &value))
          {
            g_autofree char *message = g_strdup_printf (_("%s: “%s” is not a number"), field->label, text);

            show_error (self, field, message);
            return;
          }
        op = gr_save_op_new (GR_SAVE_READING);
        op->bin = g_strdup (field->bin);
        op->field = field->field;
        op->value = value;
      }
      break;

    case FIELD_NOTE:
      op = gr_save_op_new (GR_SAVE_NOTE);
      op->bin = g_strdup (field->bin);
      op->text = g_strdup (text);
      break;

    case FIELD_QUANTITY:
      {
        QuantityRow *row = field->row;
        gint64 kg;

        if (!parse_tonnes (text, &kg))
          {
            g_autofree char *message =
              g_strdup_printf (_("%s: “%s” is not a quantity in tonnes (at most 3 decimals)"), field->label, text);

            show_error (self, field, message);
            return;
          }
        op = gr_save_op_new (GR_SAVE_QUANTITY);
        op->bin = g_strdup (field->bin);
        op->field = field->field;
        op->kg = kg;
        /* The first measured figure brings the books' figure along. */
        if (field->field == GR_QUANTITY_MEASURED && kg >= 0 && *field_text (row->book) == '\0')
          {
            g_autofree char *book = gr_kg_to_tonnes_string (row->info->book_kg);
            GrSaveOp *book_op = gr_save_op_new (GR_SAVE_QUANTITY);

            self->building = TRUE;
            gtk_editable_set_text (GTK_EDITABLE (row->book->widget), book);
            self->building = FALSE;
            g_free (row->book->committed);
            row->book->committed = g_strdup (book);
            book_op->bin = g_strdup (field->bin);
            book_op->field = GR_QUANTITY_BOOK;
            book_op->kg = row->info->book_kg;
            push (self, book_op, row->book);
          }
      }
      break;

    case FIELD_FINDING_TEXT:
    case FIELD_FINDING_DUE:
      g_free (field->committed);
      field->committed = g_strdup (text);
      save_finding (self, field->finding, field);
      return;

    case FIELD_REPRESENTATIVE:
    case FIELD_SIGN_DATE:
    default:
      return;
    }

  g_free (field->committed);
  field->committed = g_strdup (text);
  push (self, op, field);
}

static gboolean
debounce_cb (gpointer data)
{
  Field *field = data;

  field->timeout_id = 0;
  commit (field);
  return G_SOURCE_REMOVE;
}

static void
field_changed_cb (GtkEditable *editable,
                  Field       *field)
{
  if (field->self->building)
    return;
  /* Judged at every keystroke, saved after a pause. */
  if (field->kind == FIELD_READING)
    update_bin_row (field->self, field->row);
  else if (field->kind == FIELD_QUANTITY)
    update_quantity_row (field->self, field->row);
  if (field->kind == FIELD_REPRESENTATIVE || field->kind == FIELD_SIGN_DATE)
    return;
  g_clear_handle_id (&field->timeout_id, g_source_remove);
  field->timeout_id = g_timeout_add (DEBOUNCE_MS, debounce_cb, field);
}

static void
field_activated_cb (GtkWidget *widget,
                    Field     *field)
{
  commit (field);
  /* Enter moves on, as Tab does. */
  gtk_widget_child_focus (GTK_WIDGET (field->self), GTK_DIR_TAB_FORWARD);
}

static void
field_leave_cb (GtkEventControllerFocus *controller,
                Field                   *field)
{
  commit (field);
}

static Field *
watch (GrInspectionWindow *self,
       GtkWidget          *widget,
       FieldKind           kind,
       const char         *bin,
       int                 index,
       const char         *label)
{
  Field *field = g_new0 (Field, 1);
  GtkEventController *focus = gtk_event_controller_focus_new ();

  field->self = self;
  field->widget = widget;
  field->kind = kind;
  field->bin = g_strdup (bin);
  field->field = index;
  field->label = g_strdup (label);
  field->committed = g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
  g_hash_table_add (self->fields, field);

  g_signal_connect (widget, "changed", G_CALLBACK (field_changed_cb), field);
  if (ADW_IS_ENTRY_ROW (widget))
    g_signal_connect (widget, "entry-activated", G_CALLBACK (field_activated_cb), field);
  else
    g_signal_connect (widget, "activate", G_CALLBACK (field_activated_cb), field);
  g_signal_connect (focus, "leave", G_CALLBACK (field_leave_cb), field);
  gtk_widget_add_controller (widget, focus);
  field->focus = focus;
  return field;
}

/* Forgets a field whose widget goes away (a removed finding). */
static void
unwatch (GrInspectionWindow *self,
         Field              *field)
{
  if (field == NULL)
    return;
  g_signal_handlers_disconnect_by_data (field->widget, field);
  g_signal_handlers_disconnect_by_data (field->focus, field);
  if (self->error_field == field)
    self->error_field = NULL;
  g_hash_table_remove (self->fields, field);
}

static void
set_field_text (Field      *field,
                const char *text)
{
  field->self->building = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (field->widget), text != NULL ? text : "");
  field->self->building = FALSE;
  g_free (field->committed);
  field->committed = g_strdup (text != NULL ? text : "");
}

/* ---- Reading what the record holds -------------------------------------- */

static double
record_real (const GrRecord *record,
             const char     *name)
{
  const GrValue *value = gr_record_get (record, name);

  if (value == NULL)
    return NAN;
  if (value->type == GR_VALUE_REAL)
    return value->d;
  if (value->type == GR_VALUE_INT)
    return (double) value->i;
  return NAN;
}

static const GrRecord *
child_of (const GrRecord *record,
          const char     *field,
          const char     *bin)
{
  const GrValue *children = gr_record_get (record, field);

  for (guint i = 0; children != NULL && children->type == GR_VALUE_CHILDREN && i < children->children->len; i++)
    if (g_strcmp0 (gr_record_get_text (children->children->pdata[i], "bin"), bin) == 0)
      return children->children->pdata[i];
  return NULL;
}

static char *
number_text (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("");
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%g", value));
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  return json_node_ref (json_parser_get_root (parser));
}

/* ["王芳", "陈明"] → "王芳、陈明" */
static char *
names_text (const char *json)
{
  g_autoptr(JsonNode) node = parse_json (json);
  g_autoptr(GString) out = g_string_new (NULL);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return g_strdup ("");
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      if (i > 0)
        g_string_append (out, C_("list of names", ", "));
      g_string_append (out, json_array_get_string_element (array, i));
    }
  return g_strdup (out->str);
}

/* ---- Judging a bin's readings as typed ----------------------------------- */

static double
typed_number (Field *field)
{
  double value;

  if (field == NULL)
    return NAN;
  return parse_number (field_text (field), &value) ? value : NAN;
}

static void
update_bin_row (GrInspectionWindow *self,
                BinRow             *row)
{
  const GrPestClassTable *table = gr_standards_pest_classes (self->data->standards);
  gboolean dangerous = gtk_check_button_get_active (GTK_CHECK_BUTTON (row->dangerous));
  g_autoptr(GPtrArray) alarms = NULL;
  g_autoptr(GString) lines = g_string_new (NULL);
  GrReadingValues values;
  GrPestClass pest_class;
  const char *klass = NULL;

  gr_reading_values_init (&values);
  values.temp_max_c = typed_number (row->entries[GR_READING_TEMP_MAX]);
  values.temp_avg_c = typed_number (row->entries[GR_READING_TEMP_AVG]);
  values.temp_min_c = typed_number (row->entries[GR_READING_TEMP_MIN]);
  values.moisture_pct = typed_number (row->entries[GR_READING_MOISTURE]);
  values.pests_per_kg = typed_number (row->entries[GR_READING_PESTS]);
  values.main_pests_per_kg = typed_number (row->entries[GR_READING_MAIN_PESTS]);

  gtk_widget_remove_css_class (row->class_label, "pest-free");
  gtk_widget_remove_css_class (row->class_label, "pest-general");
  gtk_widget_remove_css_class (row->class_label, "pest-serious");
  if (gr_pest_class_judge (table, values.pests_per_kg, values.main_pests_per_kg, dangerous, &pest_class))
    {
      values.pest_class = gr_pest_class_to_string (pest_class);
      gtk_label_set_label (GTK_LABEL (row->class_label), gr_pest_class_name (values.pest_class));
      klass = pest_class == GR_PEST_BASICALLY_FREE ? "pest-free" : pest_class == GR_PEST_GENERAL ? "pest-general"
                                                                                                   : "pest-serious";
      gtk_widget_add_css_class (row->class_label, klass);
    }
  else
    gtk_label_set_label (GTK_LABEL (row->class_label), "—");

  alarms = gr_reading_alarms (self->data->standards, row->info->storage_tech, row->info->variety, &values);
  for (guint i = 0; i < alarms->len; i++)
    {
      GrAlarm *alarm = alarms->pdata[i];

      if (lines->len > 0)
        g_string_append_c (lines, '\n');
      g_string_append (lines, alarm->text);
      if (alarm->status == GR_STATUS_UNCONFIRMED)
        /* TRANSLATORS: after an alarm whose limit is not confirmed against the standard's text */
        g_string_append (lines, _(" (limit unconfirmed)"));
    }
  gtk_label_set_label (GTK_LABEL (row->alarms_label), lines->str);
  gtk_widget_set_visible (row->alarms_label, lines->len > 0);
}

static void
update_quantity_row (GrInspectionWindow *self,
                     QuantityRow        *row)
{
  const GrStockCheckRule *rule = gr_standards_stock_check (self->data->standards);
  gint64 measured = -1, book = -1;
  GrQuantityJudgement j;

  gtk_widget_remove_css_class (row->judgement, "success");
  gtk_widget_remove_css_class (row->judgement, "error");
  if (!parse_tonnes (field_text (row->measured), &measured) || !parse_tonnes (field_text (row->book), &book))
    measured = -1;
  if (book < 0)
    book = row->info->book_kg;
  if (measured < 0 || !gr_quantity_check_judge (rule, measured, book, &j))
    {
      gtk_label_set_label (GTK_LABEL (row->difference), "—");
      gtk_label_set_label (GTK_LABEL (row->judgement), "");
      return;
    }
  {
    g_autofree char *tonnes = gr_kg_to_tonnes_string (llabs (j.difference_kg));
    g_autofree char *text = NULL;
    g_autofree char *verdict = NULL;
    char tolerance[16];

    g_ascii_formatd (tolerance, sizeof tolerance, "%g", j.tolerance_milli / 1000.0);
    if (isnan (j.difference_pct))
      /* TRANSLATORS: the difference of a stock check, in tonnes: "+1.5 t" */
      text = g_strdup_printf (_("%s%s t"), j.difference_kg < 0 ? "−" : "+", tonnes);
    else
      /* TRANSLATORS: the difference of a stock check: "−9.5 t (−0.32 %)" */
      text = g_strdup_printf (_("%s%s t (%s%.2f %%)"), j.difference_kg < 0 ? "−" : "+", tonnes,
                              j.difference_pct < 0 ? "−" : "+", fabs (j.difference_pct));
    gtk_label_set_label (GTK_LABEL (row->difference), text);
    if (j.within)
      /* TRANSLATORS: a stock check within the tolerance: 账实相符 (差率在 3% 以内) */
      verdict = g_strdup_printf (_("Books match (within %s %%)"), tolerance);
    else
      /* TRANSLATORS: a stock check outside the tolerance: 账实不符 */
      verdict = g_strdup_printf (_("Books do not match (over %s %%)"), tolerance);
    gtk_label_set_label (GTK_LABEL (row->judgement), verdict);
    gtk_widget_add_css_class (row->judgement, j.within ? "success" : "error");
  }
}

/* ---- Building the form --------------------------------------------------- */

static void
remove_children (GtkWidget *parent)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (parent)) != NULL)
    {
      if (GTK_IS_LIST_BOX (parent))
        gtk_list_box_remove (GTK_LIST_BOX (parent), child);
      else if (GTK_IS_FLOW_BOX (parent))
        gtk_flow_box_remove (GTK_FLOW_BOX (parent), child);
      else if (GTK_IS_GRID (parent))
        gtk_grid_remove (GTK_GRID (parent), child);
      else if (GTK_IS_BOX (parent))
        gtk_box_remove (GTK_BOX (parent), child);
      else
        gtk_widget_unparent (child);
    }
}

static GtkWidget *
header_label (const char *text,
              float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), xalign > 0.5 ? GTK_JUSTIFY_RIGHT : GTK_JUSTIFY_LEFT);
  gtk_widget_set_valign (label, GTK_ALIGN_END);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkWidget *
number_entry (const char *accessible)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 5);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 7);
  gtk_editable_set_alignment (GTK_EDITABLE (entry), 1.0);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
  gtk_widget_add_css_class (entry, "numeric");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return entry;
}

static const char *
reading_label (GrReadingField field)
{
  switch (field)
    {
    /* TRANSLATORS: column heads of the readings per bin; short: the columns are narrow */
    case GR_READING_TEMP_MAX:     return _("Highest °C");
    case GR_READING_TEMP_AVG:     return _("Average °C");
    case GR_READING_TEMP_MIN:     return _("Lowest °C");
    case GR_READING_MOISTURE:     return _("Moisture %");
    case GR_READING_PESTS:        return _("Pests /kg");
    case GR_READING_MAIN_PESTS:   return _("Main pests /kg");
    case GR_READING_AIRTIGHTNESS: return _("Airtight s");
    default:                      g_return_val_if_reached ("");
    }
}

/* A short line under the bin's code: ellipsized, the full text as tooltip. */
static GtkWidget *
bin_line (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 6);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 9);
  gtk_widget_set_tooltip_text (label, text);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
dangerous_toggled_cb (GtkCheckButton *check,
                      BinRow         *row)
{
  GrInspectionWindow *self = g_object_get_data (G_OBJECT (check), "window");
  GrSaveOp *op;

  update_bin_row (self, row);
  if (self->building || self->signed_)
    return;
  op = gr_save_op_new (GR_SAVE_DANGEROUS);
  op->bin = g_strdup (row->info->id);
  op->flag = gtk_check_button_get_active (check);
  push (self, op, NULL);
}

static void
build_readings (GrInspectionWindow *self)
{
  GtkGrid *grid = self->readings_grid;
  int line = 0;

  /* The fields of the rows going away go with them. */
  for (guint i = 0; i < self->bin_rows->len; i++)
    {
      BinRow *row = self->bin_rows->pdata[i];

      for (guint f = 0; f < G_N_ELEMENTS (row->entries); f++)
        unwatch (self, row->entries[f]);
      unwatch (self, row->note);
    }
  remove_children (GTK_WIDGET (grid));
  g_ptr_array_set_size (self->bin_rows, 0);

  gtk_grid_attach (grid, header_label (_("Bin"), 0), 0, line, 1, 1);
  for (GrReadingField f = GR_READING_TEMP_MAX; f <= GR_READING_AIRTIGHTNESS; f++)
    gtk_grid_attach (grid, header_label (reading_label (f), 1), 1 + f, line, 1, 1);
  /* TRANSLATORS: column head: the pest class (虫粮等级) judged from the densities */
  gtk_grid_attach (grid, header_label (_("Pest class"), 0), 8, line, 1, 1);
  line++;

  for (guint i = 0; i < self->data->bins->len; i++)
    {
      GrInspectionBin *info = self->data->bins->pdata[i];
      const GrRecord *reading = child_of (self->data->record, "readings", info->id);
      BinRow *row = g_new0 (BinRow, 1);
      g_autofree char *note_label = NULL;
      GtkWidget *code, *box, *note_box, *note;

      row->info = info;
      g_ptr_array_add (self->bin_rows, row);

      if (i > 0)
        {
          GtkWidget *separator = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);

          gtk_widget_set_margin_top (separator, 4);
          gtk_widget_set_margin_bottom (separator, 4);
          gtk_grid_attach (grid, separator, 0, line++, 9, 1);
        }

      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      code = gtk_label_new (info->code);
      gtk_label_set_xalign (GTK_LABEL (code), 0);
      gtk_widget_add_css_class (code, "heading");
      gtk_box_append (GTK_BOX (box), code);
      /* What it holds, then how it is kept: the limits come from both. */
      gtk_box_append (GTK_BOX (box), bin_line (info->variety ? gr_variety_name (info->variety) : _("empty")));
      gtk_box_append (GTK_BOX (box), bin_line (gr_storage_tech_name (info->storage_tech)));
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_grid_attach (grid, box, 0, line, 1, 1);

      for (GrReadingField f = GR_READING_TEMP_MAX; f <= GR_READING_AIRTIGHTNESS; f++)
        {
          g_autofree char *label = NULL;
          g_autofree char *value = NULL;
          GtkWidget *entry;

          /* An oil tank: only its temperatures are read. */
          if (g_strcmp0 (info->type, "tank") == 0 && f > GR_READING_TEMP_MIN)
            continue;
          label = g_strdup_printf (_("Bin %s: %s"), info->code, reading_label (f));
          value = reading ? number_text (record_real (reading, gr_reading_field_name (f))) : NULL;
          entry = number_entry (label);

          gtk_editable_set_text (GTK_EDITABLE (entry), value ? value : "");
          gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
          row->entries[f] = watch (self, entry, FIELD_READING, info->id, f, label);
          row->entries[f]->row = row;
          gtk_grid_attach (grid, entry, 1 + f, line, 1, 1);
        }
      row->class_label = gtk_label_new ("—");
      gtk_label_set_xalign (GTK_LABEL (row->class_label), 0);
      gtk_widget_add_css_class (row->class_label, "pest-class");
      gtk_widget_set_valign (row->class_label, GTK_ALIGN_CENTER);
      gtk_widget_set_halign (row->class_label, GTK_ALIGN_START);
      gtk_grid_attach (grid, row->class_label, 8, line, 1, 1);
      line++;

      /* The second line: dangerous pests, the note, the alarms. */
      note_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      /* TRANSLATORS: a check box: quarantine-listed or especially dangerous pests were found (危险虫粮) */
      row->dangerous = gtk_check_button_new_with_label (_("Dangerous pests"));
      gtk_widget_set_tooltip_text (row->dangerous,
                                   _("Quarantine-listed or especially dangerous pests found: 危险虫粮 whatever the density"));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (row->dangerous),
                                   reading != NULL && g_strcmp0 (gr_record_get_text (reading, "pest_class"), "dangerous") == 0);
      g_object_set_data (G_OBJECT (row->dangerous), "window", self);
      g_signal_connect (row->dangerous, "toggled", G_CALLBACK (dangerous_toggled_cb), row);
      gtk_widget_set_visible (row->dangerous, g_strcmp0 (info->type, "tank") != 0);
      note = gtk_entry_new ();
      gtk_widget_set_hexpand (note, TRUE);
      /* TRANSLATORS: placeholder of a bin's note: airtightness, storage practice, where it is warm… */
      gtk_entry_set_placeholder_text (GTK_ENTRY (note), _("Note: airtightness, storage practice, where it is warm or damp…"));
      note_label = g_strdup_printf (_("Bin %s: note"), info->code);
      gtk_accessible_update_property (GTK_ACCESSIBLE (note), GTK_ACCESSIBLE_PROPERTY_LABEL, note_label, -1);
      gtk_editable_set_text (GTK_EDITABLE (note), reading ? (gr_record_get_text (reading, "note") ?: "") : "");
      row->note = watch (self, note, FIELD_NOTE, info->id, -1, note_label);
      gtk_box_append (GTK_BOX (note_box), row->dangerous);
      gtk_box_append (GTK_BOX (note_box), note);
      gtk_grid_attach (grid, note_box, 1, line++, 8, 1);

      row->alarms_label = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (row->alarms_label), 0);
      gtk_label_set_wrap (GTK_LABEL (row->alarms_label), TRUE);
      gtk_widget_add_css_class (row->alarms_label, "alarm");
      gtk_widget_set_visible (row->alarms_label, FALSE);
      gtk_grid_attach (grid, row->alarms_label, 1, line++, 8, 1);

      update_bin_row (self, row);
    }
  if (self->data->bins->len == 0)
    gtk_grid_attach (grid, header_label (_("This depot has no bins."), 0), 0, line, 9, 1);
}

static void
build_quantities (GrInspectionWindow *self)
{
  GtkGrid *grid = self->quantity_grid;
  int line = 0;

  for (guint i = 0; i < self->quantity_rows->len; i++)
    {
      QuantityRow *row = self->quantity_rows->pdata[i];

      unwatch (self, row->book);
      unwatch (self, row->measured);
    }
  remove_children (GTK_WIDGET (grid));
  g_ptr_array_set_size (self->quantity_rows, 0);
  gtk_grid_attach (grid, header_label (_("Bin"), 0), 0, line, 1, 1);
  /* TRANSLATORS: column heads of the stock check */
  gtk_grid_attach (grid, header_label (_("On the books, t"), 1), 1, line, 1, 1);
  gtk_grid_attach (grid, header_label (_("Measured, t"), 1), 2, line, 1, 1);
  gtk_grid_attach (grid, header_label (_("Difference"), 1), 3, line, 1, 1);
  gtk_grid_attach (grid, header_label (_("Judgement"), 0), 4, line, 1, 1);
  line++;

  for (guint i = 0; i < self->data->bins->len; i++)
    {
      GrInspectionBin *info = self->data->bins->pdata[i];
      const GrRecord *check = child_of (self->data->record, "quantity_checks", info->id);
      QuantityRow *row = g_new0 (QuantityRow, 1);
      g_autofree char *ledger = gr_kg_to_tonnes_string (info->book_kg);
      g_autofree char *book_label = g_strdup_printf (_("Bin %s: on the books, t"), info->code);
      g_autofree char *measured_label = g_strdup_printf (_("Bin %s: measured, t"), info->code);
      GtkWidget *code, *book, *measured;

      row->info = info;
      g_ptr_array_add (self->quantity_rows, row);
      code = gtk_label_new (info->code);
      gtk_label_set_xalign (GTK_LABEL (code), 0);
      gtk_widget_add_css_class (code, "heading");
      gtk_grid_attach (grid, code, 0, line, 1, 1);

      book = number_entry (book_label);
      measured = number_entry (measured_label);
      gtk_editable_set_width_chars (GTK_EDITABLE (book), 10);
      gtk_editable_set_width_chars (GTK_EDITABLE (measured), 10);
      /* The ledger's figure shows until the inspector types another. */
      gtk_entry_set_placeholder_text (GTK_ENTRY (book), ledger);
      if (check != NULL)
        {
          const GrValue *b = gr_record_get (check, "book_t");
          const GrValue *m = gr_record_get (check, "measured_t");

          if (b->type == GR_VALUE_INT)
            {
              g_autofree char *t = gr_kg_to_tonnes_string (b->i);
              gtk_editable_set_text (GTK_EDITABLE (book), t);
            }
          if (m->type == GR_VALUE_INT)
            {
              g_autofree char *t = gr_kg_to_tonnes_string (m->i);
              gtk_editable_set_text (GTK_EDITABLE (measured), t);
            }
        }
      row->book = watch (self, book, FIELD_QUANTITY, info->id, GR_QUANTITY_BOOK, book_label);
      row->measured = watch (self, measured, FIELD_QUANTITY, info->id, GR_QUANTITY_MEASURED, measured_label);
      row->book->row = row;
      row->measured->row = row;
      gtk_grid_attach (grid, book, 1, line, 1, 1);
      gtk_grid_attach (grid, measured, 2, line, 1, 1);

      row->difference = gtk_label_new ("—");
      gtk_label_set_xalign (GTK_LABEL (row->difference), 1);
      gtk_widget_add_css_class (row->difference, "numeric");
      gtk_grid_attach (grid, row->difference, 3, line, 1, 1);
      row->judgement = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (row->judgement), 0);
      gtk_widget_set_hexpand (row->judgement, TRUE);
      gtk_grid_attach (grid, row->judgement, 4, line, 1, 1);
      line++;
      update_quantity_row (self, row);
    }
}

static void
check_toggled_cb (GtkToggleButton *toggle,
                  gpointer         user_data)
{
  GrInspectionWindow *self = user_data;
  GrSaveOp *op;

  if (self->building || self->signed_ || !gtk_toggle_button_get_active (toggle))
    return;
  op = gr_save_op_new (GR_SAVE_CHECK);
  op->text = g_strdup (g_object_get_data (G_OBJECT (toggle), "item"));
  op->text2 = g_strdup (g_object_get_data (G_OBJECT (toggle), "result"));
  push (self, op, NULL);
}

static const char *
result_label (const char *result)
{
  /* TRANSLATORS: answers to a checklist item: 合格 / 不合格 / 不适用 */
  if (g_strcmp0 (result, "pass") == 0)
    return _("Pass");
  if (g_strcmp0 (result, "fail") == 0)
    return _("Fail");
  return _("N/A");
}

static GtkWidget *
answer_buttons (GrInspectionWindow *self,
                const char         *item,
                const char         *label,
                const char         *current)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkToggleButton *first = NULL;

  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  for (guint r = 0; results[r] != NULL; r++)
    {
      GtkWidget *toggle = gtk_toggle_button_new_with_label (result_label (results[r]));
      g_autofree char *accessible = g_strdup_printf ("%s: %s", label, result_label (results[r]));

      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      g_object_set_data_full (G_OBJECT (toggle), "item", g_strdup (item), g_free);
      g_object_set_data (G_OBJECT (toggle), "result", (gpointer) results[r]);
      if (first != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (toggle), first);
      else
        first = GTK_TOGGLE_BUTTON (toggle);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), g_strcmp0 (current, results[r]) == 0);
      gtk_widget_add_css_class (toggle, results[r]);
      g_signal_connect (toggle, "toggled", G_CALLBACK (check_toggled_cb), self);
      g_hash_table_insert (self->check_toggles, g_strdup_printf ("%s\x1f%s", item, results[r]), toggle);
      gtk_box_append (GTK_BOX (box), toggle);
    }
  return box;
}

static void
all_pass_clicked_cb (GtkButton *button,
                     gpointer   user_data)
{
  GrInspectionWindow *self = user_data;
  guint group = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "group"));
  const GrChecklist *list = gr_standards_checklist (self->data->standards);

  /* Only what is not answered yet: a "fail" stays a fail. */
  for (guint i = 0; i < list->n_items; i++)
    {
      const GrChecklistItem *item = &list->items[i];
      gboolean answered = FALSE;

      if (item->group != group)
        continue;
      for (guint r = 0; results[r] != NULL; r++)
        {
          g_autofree char *key = g_strdup_printf ("%s\x1f%s", item->id, results[r]);
          GtkToggleButton *toggle = g_hash_table_lookup (self->check_toggles, key);

          answered |= toggle != NULL && gtk_toggle_button_get_active (toggle);
        }
      if (!answered)
        {
          g_autofree char *key = g_strdup_printf ("%s\x1fpass", item->id);
          gtk_toggle_button_set_active (g_hash_table_lookup (self->check_toggles, key), TRUE);
        }
    }
}

static void
build_checklist (GrInspectionWindow *self)
{
  const GrChecklist *list = gr_standards_checklist (self->data->standards);
  g_autoptr(JsonNode) stored = parse_json (gr_record_get_text (self->data->record, "checklist"));
  JsonObject *answers = stored != NULL && JSON_NODE_HOLDS_OBJECT (stored) ? json_node_get_object (stored) : NULL;
  GtkWidget *other = NULL;

  remove_children (self->checklist_box);
  g_hash_table_remove_all (self->check_toggles);
  if (list == NULL)
    return;

  for (guint g = 0; g < list->n_groups; g++)
    {
      GtkWidget *group = adw_preferences_group_new ();
      GtkWidget *all_pass = gtk_button_new_with_label (_("Mark the Rest Passed"));

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), gr_local_text (&list->groups[g].title));
      if (g == 0)
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                               _("Checklist: 一符三专四落实, the information card, safety, and the prohibited acts to ask about."));
      gtk_widget_set_valign (all_pass, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (all_pass, _("Mark every item of this group not answered yet as passed"));
      gtk_widget_add_css_class (all_pass, "flat");
      g_object_set_data (G_OBJECT (all_pass), "group", GUINT_TO_POINTER (g));
      g_signal_connect (all_pass, "clicked", G_CALLBACK (all_pass_clicked_cb), self);
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), all_pass);
      g_object_set_data (G_OBJECT (group), "all-pass", all_pass);

      for (guint i = 0; i < list->n_items; i++)
        {
          const GrChecklistItem *item = &list->items[i];
          const char *label = gr_local_text (&item->label);
          const char *current = answers ? json_object_get_string_member_with_default (answers, item->id, NULL) : NULL;
          g_autofree char *source = NULL;
          GtkWidget *row;

          if (item->group != g)
            continue;
          row = adw_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          source = item->article ? g_strdup_printf ("《%s》%s", item->document, item->article)
                                 : g_strdup_printf ("《%s》", item->document);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), source);
          adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), answer_buttons (self, item->id, label, current));
          if (item->prompt)
            adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("edit-find-symbolic"));
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
        }
      gtk_box_append (GTK_BOX (self->checklist_box), group);
    }

  /* Answers to items of another checklist (older records): shown as they are. */
  if (answers != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, answers);
      while (json_object_iter_next (&iter, &name, &value))
        {
          GtkWidget *row, *answer;

          if (gr_checklist_find (list, name) != NULL || json_node_get_value_type (value) != G_TYPE_STRING)
            continue;
          if (other == NULL)
            {
              other = adw_preferences_group_new ();
              adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (other), _("Other Items of This Record"));
              gtk_box_append (GTK_BOX (self->checklist_box), other);
            }
          row = adw_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
          answer = gtk_label_new (result_label (json_node_get_string (value)));
          gtk_widget_add_css_class (answer, json_node_get_string (value));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), answer);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (other), row);
        }
    }
}

static void finding_remove_clicked_cb (GtkButton *button, FindingRow *row);

static void
finding_severity_cb (GtkDropDown *dropdown,
                     GParamSpec  *pspec,
                     FindingRow  *row)
{
  GrInspectionWindow *self = g_object_get_data (G_OBJECT (dropdown), "window");

  if (self->building || self->signed_)
    return;
  save_finding (self, row, row->text);
}

static FindingRow *
add_finding_row (GrInspectionWindow *self,
                 const char         *id,
                 const char         *text,
                 const char         *severity,
                 const char         *due)
{
  FindingRow *row = g_new0 (FindingRow, 1);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *box, *entry, *due_entry, *remove;
  guint selected = 0;

  row->ref = gr_finding_ref_new (id);
  for (guint i = 0; severities[i] != NULL; i++)
    {
      gtk_string_list_append (names, gr_finding_severity_name (severities[i]));
      if (g_strcmp0 (severity, severities[i]) == 0)
        selected = i;
    }

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  row->id_label = gtk_label_new (id ? id : "");
  gtk_widget_set_size_request (row->id_label, 28, -1);
  gtk_widget_add_css_class (row->id_label, "dim-label");
  gtk_widget_add_css_class (row->id_label, "numeric");

  entry = gtk_entry_new ();
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("What is wrong, and where"));
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Finding"), -1);

  row->severity = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (row->severity), selected);
  gtk_widget_set_valign (row->severity, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (row->severity, _("Severity"));
  g_object_set_data (G_OBJECT (row->severity), "window", self);

  due_entry = gtk_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (due_entry), 10);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (due_entry), 10);
  gtk_entry_set_placeholder_text (GTK_ENTRY (due_entry), "YYYY-MM-DD");
  gtk_editable_set_text (GTK_EDITABLE (due_entry), due ? due : "");
  gtk_widget_set_tooltip_text (due_entry, _("Put right by (YYYY-MM-DD)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (due_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Put right by (YYYY-MM-DD)"), -1);

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove this finding"));
  gtk_widget_add_css_class (remove, "flat");
  g_object_set_data (G_OBJECT (remove), "window", self);
  g_signal_connect (remove, "clicked", G_CALLBACK (finding_remove_clicked_cb), row);

  gtk_box_append (GTK_BOX (box), row->id_label);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), row->severity);
  gtk_box_append (GTK_BOX (box), due_entry);
  gtk_box_append (GTK_BOX (box), remove);
  row->row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row->row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row->row), box);
  g_object_set_data (G_OBJECT (row->row), "remove", remove);
  gtk_list_box_append (self->findings_list, row->row);

  row->text = watch (self, entry, FIELD_FINDING_TEXT, NULL, -1, _("Finding"));
  row->text->finding = row;
  row->due = watch (self, due_entry, FIELD_FINDING_DUE, NULL, -1, _("Put right by"));
  row->due->finding = row;
  g_signal_connect (row->severity, "notify::selected", G_CALLBACK (finding_severity_cb), row);
  g_ptr_array_add (self->finding_rows, row);
  return row;
}

static void
finding_row_free (FindingRow *row)
{
  gr_finding_ref_unref (row->ref);
  g_free (row);
}

static void
finding_remove_clicked_cb (GtkButton  *button,
                           FindingRow *row)
{
  GrInspectionWindow *self = g_object_get_data (G_OBJECT (button), "window");
  GrSaveOp *op = gr_save_op_new (GR_SAVE_FINDING_REMOVE);

  op->finding = gr_finding_ref_ref (row->ref);
  push (self, op, NULL);
  unwatch (self, row->text);
  unwatch (self, row->due);
  gtk_list_box_remove (self->findings_list, row->row);
  /* Frees row. */
  g_ptr_array_remove (self->finding_rows, row);
}

static void
build_findings (GrInspectionWindow *self)
{
  const GrValue *findings = gr_record_get (self->data->record, "findings");

  for (guint i = 0; i < self->finding_rows->len; i++)
    {
      FindingRow *row = self->finding_rows->pdata[i];

      unwatch (self, row->text);
      unwatch (self, row->due);
    }
  g_ptr_array_set_size (self->finding_rows, 0);
  remove_children (GTK_WIDGET (self->findings_list));
  for (guint i = 0; findings->type == GR_VALUE_CHILDREN && i < findings->children->len; i++)
    {
      const GrRecord *f = findings->children->pdata[i];

      add_finding_row (self, gr_record_get_text (f, "id"), gr_record_get_text (f, "text"),
                       gr_record_get_text (f, "severity"), gr_record_get_text (f, "due"));
    }
}

static void photo_remove_clicked_cb (GtkButton *button, gpointer user_data);

static void
add_photo_card (GrInspectionWindow *self,
                const char         *hash)
{
  g_autofree char *path = gr_photo_path_for_db (self->db_path, hash);
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *picture = gtk_picture_new_for_filename (path);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
  gtk_widget_set_size_request (picture, 140, 100);
  gtk_widget_set_tooltip_text (picture, hash);
  gtk_widget_add_css_class (picture, "card");
  gtk_overlay_set_child (GTK_OVERLAY (overlay), picture);
  gtk_widget_set_halign (remove, GTK_ALIGN_END);
  gtk_widget_set_valign (remove, GTK_ALIGN_START);
  gtk_widget_set_margin_top (remove, 4);
  gtk_widget_set_margin_end (remove, 4);
  gtk_widget_add_css_class (remove, "osd");
  gtk_widget_add_css_class (remove, "circular");
  gtk_widget_set_tooltip_text (remove, _("Remove this photo"));
  g_object_set_data_full (G_OBJECT (remove), "hash", g_strdup (hash), g_free);
  g_object_set_data (G_OBJECT (remove), "card", overlay);
  g_signal_connect (remove, "clicked", G_CALLBACK (photo_remove_clicked_cb), self);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), remove);
  g_object_set_data (G_OBJECT (overlay), "remove", remove);
  gtk_flow_box_append (self->photos_box, overlay);
}

static void
photo_remove_clicked_cb (GtkButton *button,
                         gpointer   user_data)
{
  GrInspectionWindow *self = user_data;
  GtkWidget *card = g_object_get_data (G_OBJECT (button), "card");
  GrSaveOp *op = gr_save_op_new (GR_SAVE_PHOTO_REMOVE);

  op->text = g_strdup (g_object_get_data (G_OBJECT (button), "hash"));
  push (self, op, NULL);
  gtk_flow_box_remove (self->photos_box, gtk_widget_get_parent (card));
}

static void
build_photos (GrInspectionWindow *self)
{
  g_autoptr(JsonNode) node = parse_json (gr_record_get_text (self->data->record, "photos"));

  remove_children (GTK_WIDGET (self->photos_box));
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      const char *hash = json_array_get_string_element (json_node_get_array (node), i);

      if (gr_photo_hash_is_valid (hash))
        add_photo_card (self, hash);
    }
}

static void
update_sign_row (GrInspectionWindow *self)
{
  const char *incomplete = self->saver ? gr_inspection_saver_get_incomplete (self->saver) : NULL;

  if (self->signed_)
    return;
  if (incomplete == NULL && self->data != NULL && self->n_loads > 0 && self->saver != NULL &&
      gr_inspection_saver_get_n_done (self->saver) == 0)
    incomplete = self->data->incomplete;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->sign_row),
                                 incomplete != NULL ? incomplete : _("Ready to sign"));
  if (incomplete != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->sign_row), "incomplete");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->sign_row), "incomplete");
}

static void
update_title (GrInspectionWindow *self)
{
  g_autofree char *subtitle = NULL;
  const char *date = self->data && self->data->record ? gr_record_get_text (self->data->record, "date") : NULL;
  g_autofree char *shown = gr_format_iso_date (date);

  if (self->data == NULL || self->data->record == NULL)
    return;
  adw_window_title_set_title (self->window_title, self->data->depot_name);
  if (self->signed_)
    {
      g_autofree char *signed_on = gr_format_iso_date (gr_record_get_text (self->data->record, "signed_on"));

      /* TRANSLATORS: window subtitle of a signed inspection: "2026年11月25日 · signed 2026年11月25日" */
      subtitle = g_strdup_printf (_("%s · signed on %s"), shown, signed_on);
    }
  else if (self->saver != NULL && gr_inspection_saver_get_busy (self->saver))
    /* TRANSLATORS: window subtitle while a field is being written to disk */
    subtitle = g_strdup_printf (_("%s · draft · saving…"), shown);
  else
    /* TRANSLATORS: window subtitle of a draft whose every field is on disk */
    subtitle = g_strdup_printf (_("%s · draft · saved on this computer"), shown);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static void
saver_busy_cb (GrInspectionWindow *self)
{
  gboolean busy = gr_inspection_saver_get_busy (self->saver);

  gtk_spinner_set_spinning (self->spinner, busy);
  update_title (self);
  update_sign_row (self);
  if (!busy && self->closing)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
finding_saved (GrInspectionWindow *self,
               GrSaveOp           *op)
{
  for (guint i = 0; i < self->finding_rows->len; i++)
    {
      FindingRow *row = self->finding_rows->pdata[i];

      if (row->ref == op->finding)
        gtk_label_set_label (GTK_LABEL (row->id_label), gr_finding_ref_get_id (row->ref) ?: "");
    }
}

static void
reload_current (GrInspectionWindow *self)
{
  LoadRequest *request = g_new0 (LoadRequest, 1);

  request->id = g_strdup (self->id);
  load (self, request);
}

static void
op_done_cb (GrInspectionWindow *self,
            GrSaveOp           *op)
{
  Field *field = op->tag;

  /* The field may be gone (a removed finding). */
  if (field != NULL && !g_hash_table_contains (self->fields, field))
    field = NULL;
  if (op->error != NULL)
    {
      /* The field keeps the refused text, marked, until it is changed. */
      show_error (self, field, op->error);
      return;
    }
  self->dirty = TRUE;
  clear_error (self, field);
  switch (op->kind)
    {
    case GR_SAVE_FINDING:
      finding_saved (self, op);
      break;
    case GR_SAVE_PHOTO_ADD:
      add_photo_card (self, op->result);
      break;
    case GR_SAVE_DATE:
      {
        LoadRequest *request = g_new0 (LoadRequest, 1);

        /* The books are read at the new date; what is typed stays. */
        request->id = g_strdup (self->id);
        request->books = TRUE;
        load (self, request);
      }
      break;
    case GR_SAVE_SIGN:
      g_signal_emit (self, signals [CHANGED], 0);
      reload_current (self);
      break;
    case GR_SAVE_DISCARD:
      g_signal_emit (self, signals [CHANGED], 0);
      self->closing = TRUE;
      break;
    default:
      break;
    }
}

/* A signed record: nothing can be typed, the correction can be started. */
static void
set_signed_mode (GrInspectionWindow *self,
                 gboolean            signed_)
{
  GHashTableIter iter;
  gpointer key;

  /* The sign-off entries are about to be hidden: a text that loses its
   * focus by being hidden never gets its focus-out, so move it first. */
  if (signed_ && !self->signed_)
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
  self->signed_ = signed_;
  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      Field *field = key;

      gtk_editable_set_editable (GTK_EDITABLE (field->widget), !signed_);
    }
  for (guint i = 0; i < self->bin_rows->len; i++)
    gtk_widget_set_sensitive (((BinRow *) self->bin_rows->pdata[i])->dangerous, !signed_);
  for (guint i = 0; i < self->finding_rows->len; i++)
    {
      FindingRow *row = self->finding_rows->pdata[i];

      gtk_widget_set_sensitive (row->severity, !signed_);
      gtk_widget_set_visible (g_object_get_data (G_OBJECT (row->row), "remove"), !signed_);
    }
  {
    GHashTableIter toggles;
    gpointer value;

    g_hash_table_iter_init (&toggles, self->check_toggles);
    while (g_hash_table_iter_next (&toggles, NULL, &value))
      gtk_widget_set_sensitive (GTK_WIDGET (value), !signed_ || gtk_toggle_button_get_active (value));
  }
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->photos_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      gtk_widget_set_visible (g_object_get_data (G_OBJECT (card), "remove"), !signed_);
    }
  for (GtkWidget *group = gtk_widget_get_first_child (self->checklist_box); group != NULL;
       group = gtk_widget_get_next_sibling (group))
    {
      GtkWidget *all_pass = g_object_get_data (G_OBJECT (group), "all-pass");

      if (all_pass != NULL)
        gtk_widget_set_visible (all_pass, !signed_);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_row), !signed_);
  gtk_widget_set_visible (self->add_finding_button, !signed_);
  gtk_widget_set_visible (self->add_photo_button, !signed_);
  gtk_widget_set_visible (self->sign_group, !signed_);
  gtk_widget_set_visible (self->jump_sign_button, !signed_);
  gtk_widget_set_visible (self->signed_box, signed_);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspection.sign", !signed_);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspection.discard", !signed_);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspection.correct", signed_);
}

static void
kind_selected_cb (GrInspectionWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->kind_row);
  GrSaveOp *op;

  if (self->building || self->signed_ || self->saver == NULL || selected >= G_N_ELEMENTS (kinds) - 1)
    return;
  op = gr_save_op_new (GR_SAVE_KIND);
  op->text = g_strdup (kinds[selected]);
  push (self, op, NULL);
}

static guint
kind_index (const char *kind)
{
  for (guint i = 0; kinds[i] != NULL; i++)
    if (g_strcmp0 (kinds[i], kind) == 0)
      return i;
  return 0;
}

static void
fill_form (GrInspectionWindow *self)
{
  const GrRecord *record = self->data->record;
  g_autofree char *names = names_text (gr_record_get_text (record, "inspectors"));

  /* Rows are built anew: a focused entry must not go with focus on it. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  self->building = TRUE;
  g_clear_object (&self->saver);
  self->saver = gr_inspection_saver_new (self->db_path, self->id, self->data->standards, self->today);
  g_signal_connect_object (self->saver, "notify::busy", G_CALLBACK (saver_busy_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->saver, "op-done", G_CALLBACK (op_done_cb), self, G_CONNECT_SWAPPED);

  adw_combo_row_set_selected (self->kind_row, kind_index (gr_record_get_text (record, "kind")));
  set_field_text (g_object_get_data (G_OBJECT (self->date_row), "field"), gr_record_get_text (record, "date"));
  set_field_text (g_object_get_data (G_OBJECT (self->inspectors_row), "field"), names);
  build_readings (self);
  build_quantities (self);
  build_checklist (self);
  build_findings (self);
  build_photos (self);
  if (gtk_editable_get_text (GTK_EDITABLE (self->sign_date_row))[0] == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->sign_date_row), self->today);
  self->building = FALSE;

  set_signed_mode (self, gr_record_get_text (record, "signed_on") != NULL);
  if (self->signed_)
    {
      g_autofree char *signed_on = gr_format_iso_date (gr_record_get_text (record, "signed_on"));
      g_autofree char *who = names_text (gr_record_get_text (record, "signed_by"));
      g_autofree char *text = NULL;
      const char *corrects = gr_record_get_text (record, "corrects");

      /* TRANSLATORS: above a signed inspection: "Signed on 2026年11月25日 by 王芳、陈明、李建国. It cannot be changed…" */
      text = g_strdup_printf (_("Signed on %s by %s. A signed record cannot be changed; a correction is a new record "
                                "that refers to this one."), signed_on, who);
      if (corrects != NULL)
        {
          g_autofree char *more = g_strdup_printf (_("%s It corrects an earlier record."), text);
          g_free (text);
          text = g_steal_pointer (&more);
        }
      gtk_label_set_label (self->signed_label, text);
    }
  update_title (self);
  update_sign_row (self);
}

/* ---- Loading -------------------------------------------------------------- */

static GrInspectionBin *
bin_copy (const GrInspectionBin *bin)
{
  GrInspectionBin *copy = g_new0 (GrInspectionBin, 1);

  copy->id = g_strdup (bin->id);
  copy->code = g_strdup (bin->code);
  copy->type = g_strdup (bin->type);
  copy->storage_tech = g_strdup (bin->storage_tech);
  copy->variety = g_strdup (bin->variety);
  copy->book_kg = bin->book_kg;
  return copy;
}

static gpointer
load_worker (GrStore         *store,
             gpointer         task_data,
             GrProgressFunc   progress,
             gpointer         progress_data,
             GCancellable    *cancellable,
             GError         **error)
{
  LoadRequest *request = task_data;
  g_autoptr(LoadData) data = g_new0 (LoadData, 1);
  g_autoptr(GrInspection) inspection = NULL;
  GPtrArray *bins;

  if ((data->standards = gr_standards_load (error)) == NULL)
    return NULL;

  if (request->correct != NULL)
    inspection = gr_inspection_correct (store, data->standards, request->correct, request->today, error);
  else if (request->depot != NULL)
    inspection = gr_inspection_create (store, data->standards, request->depot, request->date, request->kind,
                                       request->today, error);
  else if (request->id != NULL)
    inspection = gr_inspection_open (store, data->standards, request->id, request->today, error);
  else
    {
      g_autoptr(sqlite3_stmt) stmt = gr_store_prepare (store, "SELECT id, name FROM depots WHERE deleted = 0"
                                                              " ORDER BY name, id", error);

      if (stmt == NULL)
        return NULL;
      data->depots = g_ptr_array_new_with_free_func ((GDestroyNotify) depot_choice_free);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          DepotChoice *choice = g_new0 (DepotChoice, 1);

          choice->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          choice->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          g_ptr_array_add (data->depots, choice);
        }
      return g_steal_pointer (&data);
    }
  if (inspection == NULL)
    return NULL;

  data->id = g_strdup (gr_inspection_get_id (inspection));
  data->record = gr_record_load (store, gr_schema_lookup ("inspection"), data->id, error);
  if (data->record == NULL)
    return NULL;
  data->depot_name = g_strdup (gr_inspection_get_depot_name (inspection));
  bins = gr_inspection_get_bins (inspection);
  data->bins = g_ptr_array_new_with_free_func ((GDestroyNotify) bin_copy_free);
  for (guint i = 0; i < bins->len; i++)
    g_ptr_array_add (data->bins, bin_copy (bins->pdata[i]));
  if (!gr_inspection_is_signed (inspection))
    data->incomplete = gr_inspection_check_complete (inspection);
  return g_steal_pointer (&data);
}

static void
fill_start (GrInspectionWindow *self)
{
  g_autoptr(GtkStringList) depots = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) kind_names = gtk_string_list_new (NULL);
  guint selected = 0;

  for (guint i = 0; i < self->data->depots->len; i++)
    {
      DepotChoice *choice = self->data->depots->pdata[i];

      gtk_string_list_append (depots, choice->name);
      if (g_strcmp0 (choice->id, self->depot) == 0)
        selected = i;
    }
  for (guint i = 0; kinds[i] != NULL; i++)
    gtk_string_list_append (kind_names, gr_inspection_kind_name (kinds[i]));
  adw_combo_row_set_model (self->start_depot_row, G_LIST_MODEL (depots));
  adw_combo_row_set_selected (self->start_depot_row, selected);
  adw_combo_row_set_model (self->start_kind_row, G_LIST_MODEL (kind_names));
  gtk_editable_set_text (GTK_EDITABLE (self->start_date_row), self->today);
  gtk_stack_set_visible_child_name (self->stack, "start");
  gtk_widget_grab_focus (GTK_WIDGET (self->start_depot_row));
}

/* The inspection's date moved: the ledger's books at the new date. */
static void
refresh_books (GrInspectionWindow *self,
               LoadData           *data)
{
  for (guint i = 0; i < self->quantity_rows->len; i++)
    {
      QuantityRow *row = self->quantity_rows->pdata[i];
      g_autofree char *ledger = NULL;

      for (guint j = 0; j < data->bins->len; j++)
        {
          GrInspectionBin *fresh = data->bins->pdata[j];

          if (g_strcmp0 (fresh->id, row->info->id) == 0)
            row->info->book_kg = fresh->book_kg;
        }
      ledger = gr_kg_to_tonnes_string (row->info->book_kg);
      gtk_entry_set_placeholder_text (GTK_ENTRY (row->book->widget), ledger);
      update_quantity_row (self, row);
    }
  gr_record_free (self->data->record);
  self->data->record = g_steal_pointer (&data->record);
  update_title (self);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GrInspectionWindow *self = GR_INSPECTION_WINDOW (object);
  g_autoptr(LoadData) data = NULL;
  g_autoptr(GError) error = NULL;

  data = gr_store_task_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->stack), TRUE);
  if (data == NULL)
    {
      /* A refused start (a date in the future) stays on the start page. */
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "start") == 0)
        {
          show_error (self, NULL, error->message);
          return;
        }
      adw_status_page_set_description (self->failed_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "failed");
      return;
    }

  if (GPOINTER_TO_INT (user_data) && self->data != NULL && self->data->record != NULL &&
      g_strcmp0 (data->id, self->id) == 0 && data->bins->len == self->data->bins->len)
    {
      refresh_books (self, data);
      return;
    }
  g_clear_pointer (&self->data, load_data_free);
  self->data = g_steal_pointer (&data);
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  if (self->data->depots != NULL)
    {
      fill_start (self);
      return;
    }
  g_free (self->id);
  self->id = g_strdup (self->data->id);
  fill_form (self);
  gtk_stack_set_visible_child_name (self->stack, "form");
  self->n_loads++;
}

static void
load (GrInspectionWindow *self,
      LoadRequest        *request)
{
  gboolean books = request->books;

  request->today = g_strdup (self->today);
  /* A refresh of the books leaves the form as it is, usable. */
  if (!books)
    gtk_widget_set_sensitive (GTK_WIDGET (self->stack), FALSE);
  gr_store_task_run_async (self, self->db_path, load_worker, request, (GDestroyNotify) load_request_free,
                           (GDestroyNotify) load_data_free, NULL, NULL, self->cancellable, load_done_cb,
                           GINT_TO_POINTER (books));
}

/* ---- Callbacks and actions ------------------------------------------------ */

static void
start_clicked_cb (GrInspectionWindow *self)
{
  guint depot = adw_combo_row_get_selected (self->start_depot_row);
  guint kind = adw_combo_row_get_selected (self->start_kind_row);
  LoadRequest *request;

  if (self->data == NULL || self->data->depots == NULL || depot >= self->data->depots->len)
    return;
  request = g_new0 (LoadRequest, 1);
  request->depot = g_strdup (((DepotChoice *) self->data->depots->pdata[depot])->id);
  request->kind = g_strdup (kinds[MIN (kind, G_N_ELEMENTS (kinds) - 2)]);
  request->date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->start_date_row))));
  self->dirty = TRUE;
  load (self, request);
}

static void
hide_error_clicked_cb (GrInspectionWindow *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

static void
jump_sign_clicked_cb (GrInspectionWindow *self)
{
  gr_inspection_window_commit_all (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->representative_row));
}

static void
add_finding_clicked_cb (GrInspectionWindow *self)
{
  g_autofree char *due = NULL;
  const char *date = gr_record_get_text (self->data->record, "date");
  FindingRow *row;
  GDate parsed;

  /* A month to put it right unless the inspector says otherwise. */
  if (gr_date_parse (date, &parsed))
    {
      g_date_add_days (&parsed, 30);
      due = gr_date_to_iso (&parsed);
    }
  self->building = TRUE;
  row = add_finding_row (self, NULL, "", "minor", due);
  self->building = FALSE;
  /* The due date counts as typed, so the first text saves it too. */
  g_free (row->due->committed);
  row->due->committed = g_strdup (due);
  gtk_widget_grab_focus (row->text->widget);
}

static void
photo_chooser_response_cb (GrInspectionWindow   *self,
                           int                   response,
                           GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          GrSaveOp *op = gr_save_op_new (GR_SAVE_PHOTO_ADD);

          op->text = g_file_get_path (file);
          if (op->text != NULL)
            push (self, op, NULL);
          else
            gr_save_op_unref (op);
        }
    }
  g_clear_object (&self->photo_chooser);
}

static void
add_photo_clicked_cb (GrInspectionWindow *self)
{
  g_autoptr(GtkFileFilter) images = gtk_file_filter_new ();

  if (self->photo_chooser != NULL)
    return;
  gtk_file_filter_set_name (images, _("Pictures"));
  gtk_file_filter_add_mime_type (images, "image/*");
  self->photo_chooser = gtk_file_chooser_native_new (_("Add Photos"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                                     _("_Add"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->photo_chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->photo_chooser), images);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->photo_chooser), TRUE);
  g_signal_connect_object (self->photo_chooser, "response", G_CALLBACK (photo_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->photo_chooser));
}

static void
sign_response_cb (AdwMessageDialog   *dialog,
                  const char         *response,
                  GrInspectionWindow *self)
{
  GrSaveOp *op;

  if (g_strcmp0 (response, "sign") != 0)
    return;
  op = gr_save_op_new (GR_SAVE_SIGN);
  op->text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->representative_row)));
  op->text2 = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->sign_date_row))));
  push (self, op, NULL);
}

static void
sign_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  GrInspectionWindow *self = GR_INSPECTION_WINDOW (widget);
  g_autofree char *names = NULL;
  g_autofree char *body = NULL;
  const char *who = gtk_editable_get_text (GTK_EDITABLE (self->representative_row));
  GtkWidget *dialog;

  if (self->signed_ || self->saver == NULL)
    return;
  gr_inspection_window_commit_all (self);
  names = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->inspectors_row)));
  /* TRANSLATORS: the confirmation of a sign-off; the names of the inspectors, then the depot's representative */
  body = g_strdup_printf (_("Inspectors: %s\nDepot representative: %s\n\nOnce signed, the record is frozen and sent "
                            "when there is a network. A mistake is then put right by a correction."),
                          names, who);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Sign and Freeze the Inspection?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "sign", _("_Sign"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sign", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "sign");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (sign_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
discard_response_cb (AdwMessageDialog   *dialog,
                     const char         *response,
                     GrInspectionWindow *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    push (self, gr_save_op_new (GR_SAVE_DISCARD), NULL);
}

static void
discard_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  GrInspectionWindow *self = GR_INSPECTION_WINDOW (widget);
  GtkWidget *dialog;

  if (self->signed_ || self->saver == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard This Draft?"),
                                   _("Everything typed in this inspection is deleted from this computer."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
correct_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  GrInspectionWindow *self = GR_INSPECTION_WINDOW (widget);
  LoadRequest *request;

  if (!self->signed_ || self->id == NULL)
    return;
  request = g_new0 (LoadRequest, 1);
  request->correct = g_strdup (self->id);
  self->dirty = TRUE;
  load (self, request);
}

/* ---- GObject overrides ---------------------------------------------------- */

static gboolean
gr_inspection_window_close_request (GtkWindow *window)
{
  GrInspectionWindow *self = GR_INSPECTION_WINDOW (window);

  gr_inspection_window_commit_all (self);
  if (self->dirty)
    g_signal_emit (self, signals [CHANGED], 0);
  self->dirty = FALSE;
  /* What is still being written is written before the window goes. */
  if (self->saver != NULL && gr_inspection_saver_get_busy (self->saver))
    {
      self->closing = TRUE;
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (gr_inspection_window_parent_class)->close_request (window);
}

static void
gr_inspection_window_dispose (GObject *object)
{
  GrInspectionWindow *self = GR_INSPECTION_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->photo_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->photo_chooser));
  g_clear_object (&self->photo_chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), GR_TYPE_INSPECTION_WINDOW);

  G_OBJECT_CLASS (gr_inspection_window_parent_class)->dispose (object);
}

static void
gr_inspection_window_finalize (GObject *object)
{
  GrInspectionWindow *self = GR_INSPECTION_WINDOW (object);

  g_clear_object (&self->saver);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_pointer (&self->check_toggles, g_hash_table_unref);
  g_clear_pointer (&self->bin_rows, g_ptr_array_unref);
  g_clear_pointer (&self->quantity_rows, g_ptr_array_unref);
  g_clear_pointer (&self->finding_rows, g_ptr_array_unref);
  g_clear_pointer (&self->data, load_data_free);
  g_free (self->db_path);
  g_free (self->depot);
  g_free (self->id);
  g_free (self->today);

  G_OBJECT_CLASS (gr_inspection_window_parent_class)->finalize (object);
}

static void
gr_inspection_window_class_init (GrInspectionWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = gr_inspection_window_dispose;
  object_class->finalize = gr_inspection_window_finalize;
  window_class->close_request = gr_inspection_window_close_request;

  /* Something was saved: lists showing inspections should read again. */
  signals [CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gr_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/gr-inspection-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GrInspectionWindow, add_finding_button);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionWindow, add_photo_button);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionWindow, checklist_box);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionWindow, correct_button);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionWindow, date_row);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionWindow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionWindow, failed_page);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionWindow, findings_list);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionWindow, general_group);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionWindow, inspectors_row);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionWindow, jump_sign_button);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionWindow, kind_row);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionWindow, photos_box);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionWindow, photos_group);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionWindow, quantity_grid);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionWindow, readings_grid);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionWindow, representative_row);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionWindow, scroller);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionWindow, sign_button);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionWindow, sign_date_row);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionWindow, sign_group);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionWindow, sign_row);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionWindow, signed_box);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionWindow, signed_label);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionWindow, start_date_row);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionWindow, start_depot_row);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionWindow, start_kind_row);
  gtk_widget_class_bind_template_child (widget_class, GrInspectionWindow, window_title);
  gtk_widget_class_bind_template_callback (widget_class, add_finding_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_photo_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, hide_error_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, jump_sign_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, start_clicked_cb);

  gtk_widget_class_install_action (widget_class, "inspection.sign", NULL, sign_action);
  gtk_widget_class_install_action (widget_class, "inspection.discard", NULL, discard_action);
  gtk_widget_class_install_action (widget_class, "inspection.correct", NULL, correct_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gr_inspection_window_init (GrInspectionWindow *self)
{
  g_autoptr(GtkStringList) kind_names = gtk_string_list_new (NULL);
  Field *field;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->fields = g_hash_table_new_full (g_direct_hash, g_direct_equal, (GDestroyNotify) field_free, NULL);
  self->check_toggles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->bin_rows = g_ptr_array_new_with_free_func (g_free);
  self->quantity_rows = g_ptr_array_new_with_free_func (g_free);
  self->finding_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) finding_row_free);
  self->today = gr_today_iso ();

  for (guint i = 0; kinds[i] != NULL; i++)
    gtk_string_list_append (kind_names, gr_inspection_kind_name (kinds[i]));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kind_names));
  g_signal_connect_object (self->kind_row, "notify::selected", G_CALLBACK (kind_selected_cb), self,
                           G_CONNECT_SWAPPED);

  field = watch (self, GTK_WIDGET (self->date_row), FIELD_DATE, NULL, -1, _("Date"));
  g_object_set_data (G_OBJECT (self->date_row), "field", field);
  field = watch (self, GTK_WIDGET (self->inspectors_row), FIELD_INSPECTORS, NULL, -1, _("Inspectors"));
  g_object_set_data (G_OBJECT (self->inspectors_row), "field", field);
  watch (self, GTK_WIDGET (self->representative_row), FIELD_REPRESENTATIVE, NULL, -1, NULL);
  watch (self, GTK_WIDGET (self->sign_date_row), FIELD_SIGN_DATE, NULL, -1, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspection.correct", FALSE);
}

/* ---- Public API ------------------------------------------------------------ */

GrInspectionWindow *
gr_inspection_window_new (GtkWindow  *parent,
                          const char *db_path,
                          const char *depot,
                          const char *inspection)
{
  GrInspectionWindow *self;
  LoadRequest *request = g_new0 (LoadRequest, 1);

  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_object_new (GR_TYPE_INSPECTION_WINDOW,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->db_path = g_strdup (db_path);
  self->depot = g_strdup (depot);
  /* An inspection is opened; a new one starts by choosing its depot. */
  request->id = g_strdup (inspection);
  load (self, request);
  return self;
}

const char *
gr_inspection_window_get_id (GrInspectionWindow *self)
{
  g_return_val_if_fail (GR_IS_INSPECTION_WINDOW (self), NULL);
  return self->id;
}

const char *
gr_inspection_window_get_view (GrInspectionWindow *self)
{
  g_return_val_if_fail (GR_IS_INSPECTION_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

gboolean
gr_inspection_window_get_signed (GrInspectionWindow *self)
{
  g_return_val_if_fail (GR_IS_INSPECTION_WINDOW (self), FALSE);
  return self->signed_;
}

GrInspectionSaver *
gr_inspection_window_get_saver (GrInspectionWindow *self)
{
  g_return_val_if_fail (GR_IS_INSPECTION_WINDOW (self), NULL);
  return self->saver;
}

guint
gr_inspection_window_get_n_loads (GrInspectionWindow *self)
{
  g_return_val_if_fail (GR_IS_INSPECTION_WINDOW (self), 0);
  return self->n_loads;
}

static BinRow *
find_bin_row (GrInspectionWindow *self,
              const char         *bin)
{
  for (guint i = 0; i < self->bin_rows->len; i++)
    {
      BinRow *row = self->bin_rows->pdata[i];

      if (g_strcmp0 (row->info->id, bin) == 0)
        return row;
    }
  return NULL;
}

GtkEditable *
gr_inspection_window_get_reading_entry (GrInspectionWindow *self,
                                        const char         *bin,
                                        int                 field)
{
  BinRow *row = find_bin_row (self, bin);

  if (row == NULL || field > GR_READING_AIRTIGHTNESS)
    return NULL;
  if (field < 0)
    return GTK_EDITABLE (row->note->widget);
  return row->entries[field] != NULL ? GTK_EDITABLE (row->entries[field]->widget) : NULL;
}

GtkWidget *
gr_inspection_window_get_dangerous_check (GrInspectionWindow *self,
                                          const char         *bin)
{
  BinRow *row = find_bin_row (self, bin);

  return row ? row->dangerous : NULL;
}

const char *
gr_inspection_window_get_pest_class_text (GrInspectionWindow *self,
                                          const char         *bin)
{
  BinRow *row = find_bin_row (self, bin);

  return row ? gtk_label_get_label (GTK_LABEL (row->class_label)) : NULL;
}

const char *
gr_inspection_window_get_alarms_text (GrInspectionWindow *self,
                                      const char         *bin)
{
  BinRow *row = find_bin_row (self, bin);

  return row ? gtk_label_get_label (GTK_LABEL (row->alarms_label)) : NULL;
}

static QuantityRow *
find_quantity_row (GrInspectionWindow *self,
                   const char         *bin)
{
  for (guint i = 0; i < self->quantity_rows->len; i++)
    {
      QuantityRow *row = self->quantity_rows->pdata[i];

      if (g_strcmp0 (row->info->id, bin) == 0)
        return row;
    }
  return NULL;
}

GtkEditable *
gr_inspection_window_get_quantity_entry (GrInspectionWindow *self,
                                         const char         *bin,
                                         GrQuantityField     field)
{
  QuantityRow *row = find_quantity_row (self, bin);

  if (row == NULL)
    return NULL;
  return GTK_EDITABLE (field == GR_QUANTITY_BOOK ? row->book->widget : row->measured->widget);
}

const char *
gr_inspection_window_get_quantity_text (GrInspectionWindow *self,
                                        const char         *bin)
{
  QuantityRow *row = find_quantity_row (self, bin);

  return row ? gtk_label_get_label (GTK_LABEL (row->judgement)) : NULL;
}

GtkToggleButton *
gr_inspection_window_get_check_toggle (GrInspectionWindow *self,
                                       const char         *item,
                                       const char         *result)
{
  g_autofree char *key = g_strdup_printf ("%s\x1f%s", item, result);

  return g_hash_table_lookup (self->check_toggles, key);
}

GtkEditable *
gr_inspection_window_get_general_entry (GrInspectionWindow *self,
                                        const char         *name)
{
  if (g_strcmp0 (name, "date") == 0)
    return GTK_EDITABLE (self->date_row);
  if (g_strcmp0 (name, "inspectors") == 0)
    return GTK_EDITABLE (self->inspectors_row);
  if (g_strcmp0 (name, "representative") == 0)
    return GTK_EDITABLE (self->representative_row);
  if (g_strcmp0 (name, "signed_on") == 0)
    return GTK_EDITABLE (self->sign_date_row);
  if (g_strcmp0 (name, "start_date") == 0)
    return GTK_EDITABLE (self->start_date_row);
  return NULL;
}

const char *
gr_inspection_window_get_error_text (GrInspectionWindow *self)
{
  g_return_val_if_fail (GR_IS_INSPECTION_WINDOW (self), NULL);
  if (!gtk_revealer_get_reveal_child (self->error_revealer))
    return NULL;
  return gtk_label_get_label (self->error_label);
}

void
gr_inspection_window_commit_all (GrInspectionWindow *self)
{
  GHashTableIter iter;
  gpointer key;
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();

  g_return_if_fail (GR_IS_INSPECTION_WINDOW (self));

  /* Copied first: committing a finding may change the table. */
  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (fields, key);
  for (guint i = 0; i < fields->len; i++)
    if (g_hash_table_contains (self->fields, fields->pdata[i]))
      commit (fields->pdata[i]);
}
