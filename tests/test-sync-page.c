/* test-sync-page.c: reading a page of the first download (SYNC.md §3.5)
 *
 * Record lines in the server's plain shape are read in place, with the
 * server's content hash when it hashed with the same descriptors; other
 * lines come as JSON for the applier; a page cut short, or a line that is
 * not JSON, is refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "gr-store.h"
#include "gr-sync-client.h"
#include "gr-sync-page.h"

#define HASH "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define MOVEMENT "{\"id\": \"m-1\", \"lot\": \"lot-1\", \"date\": \"2026-01-05\", \"kind\": \"intake\", \"quantity_t\": 2.5," \
                 " \"version\": 1, \"updated_at\": \"2026-01-05T08:00:00Z\", \"updated_by\": \"co1\"}"

static GrSyncPage *
page_new (int          schema,
          const char  *body,
          GError     **error)
{
  g_autofree char *text = g_strdup_printf ("{\"format\": \"granary-snapshot\", \"version\": 1, \"cursor\": \"c\","
                                           " \"schema\": %d}\n%s", schema, body);
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return gr_sync_page_new (bytes, error);
}

static void
test_lines (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrSyncPage) page = NULL;
  GrSyncPageLine *line;

  page = page_new (gr_store_schema_version (),
                   "{\"type\": \"movement\", \"hash\": \"" HASH "\", \"record\": " MOVEMENT "}\n"
                   "{\"type\": \"movement\", \"record\": {\"id\": \"m-2\", \"lot\": \"lot-1\", \"date\": \"2026-01-05\","
                   " \"kind\": \"loss\", \"quantity_t\": 1, \"version\": 1, \"colour\": \"red\"}}\n"
                   "{\"type\": \"weather\", \"hash\": \"" HASH "\", \"record\": {\"id\": \"w-1\"}}\n"
                   "{\"record\": " MOVEMENT ", \"type\": \"movement\"}\n"
                   "{\"type\": \"movement\", \"hash\": \"not a hash\", \"record\": " MOVEMENT "}\n"
                   "{\"type\": \"end\", \"records\": 5, \"next\": null}\n\n",
                   &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gr_sync_page_get_n_lines (page), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (gr_sync_page_get_header (page), "cursor"), ==, "c");
  g_assert_cmpint (json_object_get_int_member (gr_sync_page_get_end (page), "records"), ==, 5);

  /* the server's plain line: read in place, its hash taken */
  g_assert_nonnull ((line = gr_sync_page_get_line (page, 0, &error)));
  g_assert_nonnull (line->record);
  g_assert_null (line->data);
  g_assert_cmpstr (line->record->id, ==, "m-1");
  g_assert_cmpint (line->record->values[3].i, ==, 2500);
  g_assert_cmpstr (line->hash, ==, HASH);

  /* an unknown key (kept in extra): as JSON, for the applier */
  g_assert_nonnull ((line = gr_sync_page_get_line (page, 1, &error)));
  g_assert_null (line->record);
  g_assert_nonnull (line->data);
  g_assert_cmpstr (line->type, ==, "movement");
  g_assert_true (line->entity == gr_schema_lookup ("movement"));

  /* an entity this client does not keep */
  g_assert_nonnull ((line = gr_sync_page_get_line (page, 2, &error)));
  g_assert_null (line->entity);
  g_assert_null (line->record);
  g_assert_cmpstr (line->type, ==, "weather");

  /* the members in another order: json-glib reads it */
  g_assert_nonnull ((line = gr_sync_page_get_line (page, 3, &error)));
  g_assert_null (line->record);
  g_assert_nonnull (line->data);

  /* a hash that is no SHA-256 is not taken */
  g_assert_nonnull ((line = gr_sync_page_get_line (page, 4, &error)));
  g_assert_nonnull (line->record);
  g_assert_null (line->hash);
}

static void
test_other_schema (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrSyncPage) page = NULL;
  GrSyncPageLine *line;

  /* Hashed with other descriptors: the client hashes itself. */
  page = page_new (gr_store_schema_version () + 1,
                   "{\"type\": \"movement\", \"hash\": \"" HASH "\", \"record\": " MOVEMENT "}\n"
                   "{\"type\": \"end\", \"records\": 1, \"next\": null}\n", &error);
  g_assert_no_error (error);
  g_assert_nonnull ((line = gr_sync_page_get_line (page, 0, &error)));
  g_assert_nonnull (line->record);
  g_assert_null (line->hash);
}

static void
test_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrSyncPage) cut = NULL;
  g_autoptr(GrSyncPage) page = NULL;

  /* no closing line: refused whole */
  cut = page_new (gr_store_schema_version (), "{\"type\": \"movement\", \"record\": " MOVEMENT "}\n"
                                              "{\"type\": \"movement\", \"rec", &error);
  g_assert_null (cut);
  g_assert_error (error, GR_SYNC_ERROR, GR_SYNC_ERROR_PROTOCOL);
  g_clear_error (&error);

  page = page_new (gr_store_schema_version (), "{\"type\": \"movement\", \"record\": {\"id\": \n"
                                               "{\"type\": \"end\", \"records\": 1, \"next\": null}\n", &error);
  g_assert_no_error (error);
  g_assert_null (gr_sync_page_get_line (page, 0, &error));
  g_assert_error (error, GR_SYNC_ERROR, GR_SYNC_ERROR_PROTOCOL);
  g_clear_error (&error);
  /* read ahead, the refusal is the same */
  gr_sync_page_read_ahead (page);
  g_assert_null (gr_sync_page_get_line (page, 0, &error));
  g_assert_error (error, GR_SYNC_ERROR, GR_SYNC_ERROR_PROTOCOL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync-page/lines", test_lines);
  g_test_add_func ("/sync-page/other-schema", test_other_schema);
  g_test_add_func ("/sync-page/refused", test_refused);
  return g_test_run ();
}
