/* gr-gui-test.h: helpers for the GUI tests (a real display, Xvfb in CI)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gr-application.h"
#include "gr-kpi-tile.h"
#include "gr-overview-page.h"
#include "gr-window.h"

G_BEGIN_DECLS

typedef struct {
  char          *dir;
  char          *db_path;
  GrApplication *app;      /* shared by the tests of a program, once a window opened */
  GPtrArray     *windows;  /* weak pointers to the windows opened */
} GrGuiFixture;

/* gtk_init_check + adw_init; FALSE when there is no display. */
gboolean   gr_gui_test_init        (void);

void       gr_gui_fixture_setup    (GrGuiFixture  *fixture,
                                    gconstpointer  data);
void       gr_gui_fixture_teardown (GrGuiFixture  *fixture,
                                    gconstpointer  data);

/* Opens and presents a window of the test program's application. */
GrWindow  *gr_gui_open_window      (GrGuiFixture  *fixture,
                                    const char    *page);

/* Spins the main loop until check (data) or timeout_ms; returns check's last value. */
gboolean   gr_gui_wait             (gboolean     (*check) (gpointer data),
                                    gpointer       data,
                                    guint          timeout_ms);
/* Waits until the window shows view ("first-run", "shell", …) and is not busy. */
gboolean   gr_gui_wait_view        (GrWindow      *window,
                                    const char    *view);
/* Waits until the window shows its pages and the Overview has read its
 * figures and findings. */
gboolean   gr_gui_wait_overview    (GrWindow      *window);
GrOverviewPage *gr_gui_get_overview (GrWindow     *window);
/* Spins for ms milliseconds. */
void       gr_gui_spin             (guint          ms);

GtkWidget *gr_gui_find_button      (GtkWidget     *root,
                                    const char    *action_name);
GtkWidget *gr_gui_find_label       (GtkWidget     *root,
                                    const char    *text);
GtkWidget *gr_gui_find_label_containing (GtkWidget *root,
                                         const char *text);
/* The key-figure tile with that title, or NULL. */
GrKpiTile *gr_gui_find_tile        (GtkWidget     *root,
                                    const char    *title);
/* The first widget of type under root (depth first), or NULL. */
GtkWidget *gr_gui_find_type        (GtkWidget     *root,
                                    GType          type);
/* The first toplevel window of type, or NULL (a dialog the app opened). */
GtkWindow *gr_gui_find_toplevel    (GType          type);
/* The first column of the first row of sql on db_path, or NULL. */
char      *gr_gui_query_text       (const char    *db_path,
                                    const char    *sql);
/* The AdwMessageDialog transient for window, or NULL. */
AdwMessageDialog *gr_gui_find_message_dialog (GtkWindow *window);

/* Writes a small ledger by hand: one enterprise, depot, bin; a plan of
 * 15,000 t of rice valid from 2024-01-01; one lot with an intake of
 * 12,560 t (清远 "十四五" 表2: the finished-grain reserve target). */
void       gr_gui_seed_ledger      (const char    *db_path,
                                    const char    *profile,
                                    gboolean       demo);

G_END_DECLS
