/* gr-application.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-application"

#include "config.h"

#include "gr-application.h"

struct _GrApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (GrApplication, gr_application, ADW_TYPE_APPLICATION)

static void
gr_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (app)));
  gtk_window_present (window);
}

static void
gr_application_class_init (GrApplicationClass *klass)
{
  G_APPLICATION_CLASS (klass)->activate = gr_application_activate;
}

static void
gr_application_init (GrApplication *self)
{
}

GrApplication *
gr_application_new (void)
{
  return g_object_new (GR_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}
