/* gr-date-button.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-date-button"

#include "config.h"

#include <glib/gi18n.h>

#include "gr-date-button.h"
#include "gr-format.h"

struct _GrDateButton
{
  AdwBin         parent_instance;

  /* Owned by the widget tree */
  GtkMenuButton *button;
  GtkLabel      *label;
  GtkCalendar   *calendar;      /* made when first opened */

  /* Owned References */
  char          *date;      /* NULL: today */

  guint          updating : 1;
};

G_DEFINE_FINAL_TYPE (GrDateButton, gr_date_button, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
update (GrDateButton *self)
{
  g_autofree char *today = gr_today_iso ();
  const char *shown = self->date ? self->date : today;
  g_autofree char *date = gr_format_iso_date (shown);
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) when = NULL;
  GDate day;

  /* TRANSLATORS: the date the figures are for, e.g. 截至 2026年11月25日 */
  text = g_strdup_printf (_("As of %s"), date ? date : shown);
  gtk_label_set_label (self->label, text);

  if (self->calendar != NULL && gr_date_parse (shown, &day))
    {
      when = g_date_time_new_local (g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day), 12, 0, 0);
      self->updating = TRUE;
      gtk_calendar_select_day (self->calendar, when);
      self->updating = FALSE;
    }
}

static void
day_selected_cb (GrDateButton *self,
                 GtkCalendar  *calendar)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *iso = NULL;

  if (self->updating)
    return;
  when = gtk_calendar_get_date (calendar);
  iso = g_date_time_format (when, "%Y-%m-%d");
  gr_date_button_set_date (self, iso);
}

static void
today_clicked_cb (GrDateButton *self,
                  GtkButton    *button)
{
  gr_date_button_set_date (self, NULL);
  gtk_menu_button_popdown (self->button);
}

/* The calendar is made when first asked for: a page opens without it. */
static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  GrDateButton *self = GR_DATE_BUTTON (user_data);
  GtkWidget *popover;
  GtkWidget *box;
  GtkWidget *today;

  if (self->calendar != NULL)
    return;

  popover = gtk_popover_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  g_signal_connect_object (self->calendar, "day-selected", G_CALLBACK (day_selected_cb), self, G_CONNECT_SWAPPED);
  /* TRANSLATORS: show the figures of today again, 今天 */
  today = gtk_button_new_with_label (_("Today"));
  g_signal_connect_object (today, "clicked", G_CALLBACK (today_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->calendar));
  gtk_box_append (GTK_BOX (box), today);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (self->button, popover);
  update (self);
}

static void
gr_date_button_finalize (GObject *object)
{
  GrDateButton *self = GR_DATE_BUTTON (object);

  g_clear_pointer (&self->date, g_free);

  G_OBJECT_CLASS (gr_date_button_parent_class)->finalize (object);
}

static void
gr_date_button_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GrDateButton *self = GR_DATE_BUTTON (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_date_button_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GrDateButton *self = GR_DATE_BUTTON (object);

  switch (prop_id)
    {
    case PROP_DATE:
      gr_date_button_set_date (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_date_button_class_init (GrDateButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gr_date_button_finalize;
  object_class->get_property = gr_date_button_get_property;
  object_class->set_property = gr_date_button_set_property;

  properties [PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gr_date_button_init (GrDateButton *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  /* TRANSLATORS: tooltip of the button that chooses the date of every figure, 统计日期 */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _("Date of the Figures"));
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "numeric");
  gtk_box_append (GTK_BOX (content), gtk_image_new_from_icon_name ("x-office-calendar-symbolic"));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->label));
  gtk_box_append (GTK_BOX (content), gtk_image_new_from_icon_name ("pan-down-symbolic"));
  gtk_menu_button_set_child (self->button, content);

  gtk_menu_button_set_create_popup_func (self->button, create_popup_cb, self, NULL);

  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->button));
  update (self);
}

GtkWidget *
gr_date_button_new (void)
{
  return g_object_new (GR_TYPE_DATE_BUTTON, NULL);
}

const char *
gr_date_button_get_date (GrDateButton *self)
{
  g_return_val_if_fail (GR_IS_DATE_BUTTON (self), NULL);
  return self->date;
}

void
gr_date_button_set_date (GrDateButton *self,
                         const char   *date)
{
  g_return_if_fail (GR_IS_DATE_BUTTON (self));
  g_return_if_fail (date == NULL || gr_date_parse (date, NULL));

  if (g_strcmp0 (self->date, date) == 0)
    return;
  g_free (self->date);
  self->date = g_strdup (date);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DATE]);
}
