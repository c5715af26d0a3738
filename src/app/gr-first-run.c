/* gr-first-run.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-first-run"

#include "config.h"

#include <glib/gi18n.h>

#include "gr-first-run.h"
#include "gr-resources.h"

/* The buttons only name actions (win.load-demo, win.import): the window
 * does the work and enables them while the database is empty. */
struct _GrFirstRun
{
  AdwBin     parent_instance;

  /* Template Widgets */
  GtkButton *demo_button;
  GtkButton *import_button;
  GtkLabel  *path_label;
};

G_DEFINE_FINAL_TYPE (GrFirstRun, gr_first_run, ADW_TYPE_BIN)

static void
gr_first_run_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GR_TYPE_FIRST_RUN);
  G_OBJECT_CLASS (gr_first_run_parent_class)->dispose (object);
}

static void
gr_first_run_class_init (GrFirstRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gr_first_run_dispose;

  gr_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/gr-first-run.ui");
  gtk_widget_class_bind_template_child (widget_class, GrFirstRun, demo_button);
  gtk_widget_class_bind_template_child (widget_class, GrFirstRun, import_button);
  gtk_widget_class_bind_template_child (widget_class, GrFirstRun, path_label);
}

static void
gr_first_run_init (GrFirstRun *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
gr_first_run_set_db_path (GrFirstRun *self,
                          const char *path)
{
  g_autofree char *text = NULL;

  g_return_if_fail (GR_IS_FIRST_RUN (self));

  /* TRANSLATORS: %s is the path of the database file */
  text = g_strdup_printf (_("Database: %s"), path);
  gtk_label_set_label (self->path_label, text);
}
