/* gr-preferences-window.c
 *
 * The regulation profile belongs to the database (meta "profile", also
 * set by an import or the demo), so it is written through the window's
 * worker; the region targets are the user's choice and live in GSettings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "gr-preferences-window.h"
#include "gr-regions.h"
#include "gr-resources.h"
#include "gr-sync-preferences.h"
#include "gr-role.h"

struct _GrPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template Widgets */
  AdwPreferencesPage   *general_page;
  AdwComboRow          *profile_row;
  AdwComboRow          *role_row;
  AdwComboRow          *targets_row;

  /* Borrowed References */
  GrWindow             *window;

  /* Owned References */
  GSettings            *settings;

  guint                 updating : 1;
};

G_DEFINE_FINAL_TYPE (GrPreferencesWindow, gr_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static GListModel *
choices_model (const GrRegionChoice *choices,
               guint                 n_choices)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n_choices; i++)
    gtk_string_list_append (list, _(choices[i].name));
  return G_LIST_MODEL (list);
}

static guint
choice_position (const GrRegionChoice *choices,
                 guint                 n_choices,
                 const char           *id)
{
  const GrRegionChoice *choice = gr_region_choice_lookup (choices, n_choices, id);

  return choice ? (guint) (choice - choices) : GTK_INVALID_LIST_POSITION;
}

static void
show_document (AdwComboRow          *row,
               const GrRegionChoice *choices,
               guint                 n_choices,
               const char           *unset)
{
  guint selected = adw_combo_row_get_selected (row);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               selected < n_choices ? _(choices[selected].document) : unset);
}

static void
sync_profile (GrPreferencesWindow *self)
{
  const GrRegionChoice *choices;
  guint n_choices;

  choices = gr_profile_choices (&n_choices);
  self->updating = TRUE;
  adw_combo_row_set_selected (self->profile_row,
                              choice_position (choices, n_choices, gr_window_get_profile (self->window)));
  self->updating = FALSE;
  show_document (self->profile_row, choices, n_choices, _("Not set"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->profile_row),
                            !gr_window_get_busy (self->window) &&
                            g_strcmp0 (gr_window_get_view (self->window), "error") != 0);
}

static void
profile_selected_cb (GrPreferencesWindow *self)
{
  const GrRegionChoice *choices;
  guint n_choices;
  guint selected;

  if (self->updating)
    return;
  choices = gr_profile_choices (&n_choices);
  selected = adw_combo_row_get_selected (self->profile_row);
  show_document (self->profile_row, choices, n_choices, _("Not set"));
  if (selected < n_choices)
    gr_window_set_profile (self->window, choices[selected].id);
}

static void
targets_selected_cb (GrPreferencesWindow *self)
{
  const GrRegionChoice *choices;
  guint n_choices;
  guint selected;

  choices = gr_target_choices (&n_choices);
  selected = adw_combo_row_get_selected (self->targets_row);
  show_document (self->targets_row, choices, n_choices, _("Not set"));
  if (!self->updating && selected < n_choices)
    g_settings_set_string (self->settings, "targets", choices[selected].id);
}

/* The choices of the role row: not set, then the roles. */
static const char * const role_ids[] = { "", "company", "bureau", "inspector" };

static void
role_selected_cb (GrPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->role_row);

  if (!self->updating && selected < G_N_ELEMENTS (role_ids))
    g_settings_set_string (self->settings, "role", role_ids[selected]);
}

static void
gr_preferences_window_dispose (GObject *object)
{
  GrPreferencesWindow *self = GR_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GR_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  self->window = NULL;

  G_OBJECT_CLASS (gr_preferences_window_parent_class)->dispose (object);
}

static void
gr_preferences_window_class_init (GrPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gr_preferences_window_dispose;

  gr_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/gr-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GrPreferencesWindow, general_page);
  gtk_widget_class_bind_template_child (widget_class, GrPreferencesWindow, profile_row);
  gtk_widget_class_bind_template_child (widget_class, GrPreferencesWindow, role_row);
  gtk_widget_class_bind_template_child (widget_class, GrPreferencesWindow, targets_row);
}

static void
gr_preferences_window_init (GrPreferencesWindow *self)
{
  g_autoptr(GListModel) profiles = NULL;
  g_autoptr(GListModel) targets = NULL;
  g_autofree char *target = NULL;
  const GrRegionChoice *choices;
  guint n_choices;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);

  choices = gr_profile_choices (&n_choices);
  profiles = choices_model (choices, n_choices);
  adw_combo_row_set_model (self->profile_row, profiles);

  choices = gr_target_choices (&n_choices);
  targets = choices_model (choices, n_choices);
  target = g_settings_get_string (self->settings, "targets");
  self->updating = TRUE;
  adw_combo_row_set_model (self->targets_row, targets);
  adw_combo_row_set_selected (self->targets_row, choice_position (choices, n_choices, target));
  self->updating = FALSE;
  show_document (self->targets_row, choices, n_choices, _("Not set"));

  {
    g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
    g_autofree char *role = g_settings_get_string (self->settings, "role");

    gtk_string_list_append (names, _("Not set"));
    for (guint i = 1; i < G_N_ELEMENTS (role_ids); i++)
      gtk_string_list_append (names, gr_role_label (role_ids[i]));
    self->updating = TRUE;
    adw_combo_row_set_model (self->role_row, G_LIST_MODEL (names));
    for (guint i = 0; i < G_N_ELEMENTS (role_ids); i++)
      if (g_strcmp0 (role_ids[i], role) == 0)
        adw_combo_row_set_selected (self->role_row, i);
    self->updating = FALSE;
  }

  g_signal_connect_swapped (self->profile_row, "notify::selected", G_CALLBACK (profile_selected_cb), self);
  g_signal_connect_swapped (self->role_row, "notify::selected", G_CALLBACK (role_selected_cb), self);
  g_signal_connect_swapped (self->targets_row, "notify::selected", G_CALLBACK (targets_selected_cb), self);
}

GrPreferencesWindow *
gr_preferences_window_new (GrWindow *window)
{
  GrPreferencesWindow *self;

  g_return_val_if_fail (GR_IS_WINDOW (window), NULL);

  self = g_object_new (GR_TYPE_PREFERENCES_WINDOW,
                       "transient-for", window,
                       "destroy-with-parent", TRUE,
                       "modal", TRUE,
                       "application", gtk_window_get_application (GTK_WINDOW (window)),
                       NULL);
  self->window = window;
  /* Signing in to a sync server, and out. */
  adw_preferences_page_add (self->general_page,
                            ADW_PREFERENCES_GROUP (gr_sync_preferences_new (window)));
  /* The profile is read by the window's worker; follow it, and stay
   * insensitive while a write is running. */
  g_signal_connect_object (window, "notify::profile", G_CALLBACK (sync_profile), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "notify::busy", G_CALLBACK (sync_profile), self, G_CONNECT_SWAPPED);
  sync_profile (self);
  return self;
}
