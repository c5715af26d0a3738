/* gr-server-blobs.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-server-blobs"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-server-blobs.h"
#include "gr-server-error.h"

static gboolean
name_is_valid (const char  *sha256,
               GError     **error)
{
  gboolean ok = strlen (sha256) == 64;

  for (const char *p = sha256; ok && *p; p++)
    ok = g_ascii_isdigit (*p) || (*p >= 'a' && *p <= 'f');
  if (!ok)
    gr_server_set_error (error, GR_SERVER_ERROR_BAD_REQUEST, "bad_name",
                         _("A photo is named by the SHA-256 of its content: 64 lower-case hex digits"));
  return ok;
}

gboolean
gr_server_blob_put (GrServerPg          *pg,
                    const GrServerUser  *user,
                    const char          *sha256,
                    GBytes              *data,
                    gsize                max_size,
                    gboolean            *out_created,
                    GError             **error)
{
  g_autofree char *actual = NULL;
  g_autofree char *size = NULL;
  g_autofree char *user_id = NULL;
  g_autoptr(PGresult) result = NULL;
  const char *values[4];
  int lengths[4] = { 0 };
  int formats[4] = { 0, 0, 1, 0 };
  gsize n;

  *out_created = FALSE;
  if (!name_is_valid (sha256, error))
    return FALSE;
  n = g_bytes_get_size (data);
  if (n > max_size)
    {
      gr_server_set_error (error, GR_SERVER_ERROR_TOO_LARGE, "too_large",
                           _("A photo is at most %llu bytes"), (unsigned long long) max_size);
      return FALSE;
    }
  actual = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);
  if (strcmp (actual, sha256) != 0)
    {
      gr_server_set_error (error, GR_SERVER_ERROR_BAD_REQUEST, "hash_mismatch",
                           _("The content's SHA-256 is %s, not the name it was sent under"), actual);
      return FALSE;
    }

  size = g_strdup_printf ("%" G_GSIZE_FORMAT, n);
  user_id = g_strdup_printf ("%" G_GINT64_FORMAT, user->id);
  values[0] = sha256;
  values[1] = size;
  values[2] = g_bytes_get_data (data, NULL);
  lengths[2] = (int) n;
  values[3] = user_id;
  /* Binary data goes as a binary parameter; the statement is fixed, so
   * it is prepared by libpq's unnamed statement each time. */
  result = PQexecParams (gr_server_pg_get_conn (pg),
                         "INSERT INTO blobs (sha256, size, data, user_id) VALUES ($1, $2::integer, $3::bytea, $4::bigint)"
                         " ON CONFLICT (sha256) DO NOTHING",
                         4, NULL, values, lengths, formats, 0);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      g_autofree char *message = g_strdup (PQerrorMessage (gr_server_pg_get_conn (pg)));

      g_strchomp (message);
      g_set_error (error, GR_SERVER_PG_ERROR, GR_SERVER_PG_ERROR_FAILED, _("Database error: %s"), message);
      return FALSE;
    }
  *out_created = g_strcmp0 (PQcmdTuples (result), "1") == 0;
  return TRUE;
}

GBytes *
gr_server_blob_get (GrServerPg  *pg,
                    const char  *sha256,
                    GError     **error)
{
  const char *values[] = { sha256 };
  g_autoptr(PGresult) result = NULL;

  if (!name_is_valid (sha256, error))
    return NULL;
  result = PQexecParams (gr_server_pg_get_conn (pg), "SELECT data FROM blobs WHERE sha256 = $1",
                         1, NULL, values, NULL, NULL, 1);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      g_autofree char *message = g_strdup (PQerrorMessage (gr_server_pg_get_conn (pg)));

      g_strchomp (message);
      g_set_error (error, GR_SERVER_PG_ERROR, GR_SERVER_PG_ERROR_FAILED, _("Database error: %s"), message);
      return NULL;
    }
  if (PQntuples (result) == 0)
    {
      gr_server_set_error (error, GR_SERVER_ERROR_NOT_FOUND, "not_found", _("There is no photo %s"), sha256);
      return NULL;
    }
  return g_bytes_new (PQgetvalue (result, 0, 0), PQgetlength (result, 0, 0));
}
