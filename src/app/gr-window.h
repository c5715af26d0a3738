/* gr-window.h: the main window: first run, progress and the page shell
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gr-grading-page.h"
#include "gr-inspections-page.h"
#include "gr-reports-page.h"
#include "gr-rotation-page.h"
#include "gr-stock-page.h"
#include "gr-sync-indicator.h"
#include "gr-sync-service.h"

G_BEGIN_DECLS

#define GR_TYPE_WINDOW (gr_window_get_type ())
G_DECLARE_FINAL_TYPE (GrWindow, gr_window, GR, WINDOW, AdwApplicationWindow)

/* page: the page to open on, or NULL for the last one used. */
GrWindow     *gr_window_new               (GtkApplication *application,
                                           const char     *db_path,
                                           const char     *page);
/* The names of the pages, NULL-terminated, in the order they are shown. */
const char * const *gr_window_page_names  (void);
gboolean      gr_window_page_is_valid     (const char     *name);

const char   *gr_window_get_db_path       (GrWindow       *self);
/* What the window shows: "loading", "first-run", "working", "shell" or "error". */
const char   *gr_window_get_view          (GrWindow       *self);
/* TRUE while a write (demo, import, settings) is running. */
gboolean      gr_window_get_busy          (GrWindow       *self);
/* The regulation profile of the database as last read, or NULL. */
const char   *gr_window_get_profile       (GrWindow       *self);
AdwViewStack *gr_window_get_view_stack    (GrWindow       *self);
/* The pages but the Overview, made now if they are not yet (they are
 * made once the Overview has shown its figures, charts and findings). */
GrStockPage  *gr_window_get_stock_page    (GrWindow       *self);
GrGradingPage *gr_window_get_grading_page (GrWindow       *self);
GrRotationPage *gr_window_get_rotation_page (GrWindow     *self);
GrInspectionsPage *gr_window_get_inspections_page (GrWindow *self);
GrReportsPage *gr_window_get_reports_page (GrWindow       *self);
/* The filter of the last win.show-stock ("variety:wheat enterprise:ID"),
 * for the Stock page; NULL before any. */
const char   *gr_window_get_stock_filter  (GrWindow       *self);

/* Reads the database again (in a worker) and shows what it holds. */
void          gr_window_reload            (GrWindow       *self);
/* Stores the profile in the database (in a worker), then reloads. */
void          gr_window_set_profile       (GrWindow       *self,
                                           const char     *profile);
/* What win.import does with the file the user chose. */
void          gr_window_import_file       (GrWindow       *self,
                                           GFile          *file);
void          gr_window_show_preferences  (GrWindow       *self);
void          gr_window_add_toast         (GrWindow       *self,
                                           const char     *title);
/* Opens the form of inspection ("new": a new one) once the database is read. */
void          gr_window_open_inspection_when_loaded (GrWindow   *self,
                                                     const char *inspection);

/* The window's database syncs through this service (never NULL). */
GrSyncService *gr_window_get_sync_service (GrWindow       *self);
GrSyncIndicator *gr_window_get_sync_indicator (GrWindow   *self);
/* The user's role (property "role"): the server's for a signed-in
 * database, else a role chosen in the settings, else NULL (a local
 * database: everything offered). Test with gr_role_may (gr-role.h). */
const char   *gr_window_get_role          (GrWindow       *self);
/* The database holds demo data (never synced). */
gboolean      gr_window_get_demo          (GrWindow       *self);
/* The conflicts and rejected changes, to settle (win.show-inbox). */
void          gr_window_show_inbox        (GrWindow       *self);

G_END_DECLS
