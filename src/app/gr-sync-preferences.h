/* gr-sync-preferences.h: the Preferences group to sign in to a sync server, and out
 *
 * Server address, user name and password, "Sign In"; once signed in, who
 * and where, and "Sign Out" (with a warning when changes have not been
 * sent: they stay in the database). Errors show in the group itself.
 * Signing in binds the window's database when it is the account's, or a
 * database named on the command line that belongs to nobody yet;
 * otherwise the account's own database opens in a new window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gr-window.h"

G_BEGIN_DECLS

#define GR_TYPE_SYNC_PREFERENCES (gr_sync_preferences_get_type ())
G_DECLARE_FINAL_TYPE (GrSyncPreferences, gr_sync_preferences, GR, SYNC_PREFERENCES, AdwPreferencesGroup)

GtkWidget   *gr_sync_preferences_new        (GrWindow          *window);
/* For tests: the rows and the error shown, and whether a sign-in runs. */
GtkEditable *gr_sync_preferences_get_server (GrSyncPreferences *self);
GtkEditable *gr_sync_preferences_get_user   (GrSyncPreferences *self);
GtkEditable *gr_sync_preferences_get_password (GrSyncPreferences *self);
const char  *gr_sync_preferences_get_error  (GrSyncPreferences *self);
gboolean     gr_sync_preferences_get_busy   (GrSyncPreferences *self);
void         gr_sync_preferences_sign_in    (GrSyncPreferences *self);
void         gr_sync_preferences_sign_out   (GrSyncPreferences *self);

G_END_DECLS
