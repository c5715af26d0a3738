/* gr-targets.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-targets"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-data-dir.h"
#include "gr-error.h"
#include "gr-json-check.h"
#include "gr-targets.h"

void
gr_targets_free (GrTargets *targets)
{
  if (targets == NULL)
    return;
  g_free (targets->id);
  g_free (targets->name);
  g_free (targets->document);
  g_free (targets);
}

static gboolean
read_target (GrJsonCheck *check,
             JsonObject  *targets,
             const char  *key,
             double       max,
             GrTarget    *out)
{
  static const char * const keys[] = { "value", "row", "binding", NULL };
  g_autofree char *path = g_strdup_printf ("/targets/%s", key);
  JsonObject *target;
  gint64 row = 0;

  if (!gr_json_get_object (check, targets, "/targets", key, TRUE, FALSE, &target) ||
      !gr_json_only_keys (check, target, path, keys) ||
      !gr_json_get_number (check, target, path, "value", TRUE, 0, max, &out->value) ||
      !gr_json_get_int (check, target, path, "row", TRUE, 1, 1000, &row) ||
      !gr_json_get_bool (check, target, path, "binding", TRUE, &out->binding))
    return FALSE;
  out->row = (int) row;
  return TRUE;
}

GrTargets *
gr_targets_load_data (const char  *name,
                      const char  *data,
                      gssize       length,
                      GError     **error)
{
  static const char * const keys[] = { "format", "version", "name", "document", "year", "targets", "supply", NULL };
  static const char * const target_keys[] = {
    "policy_reserve_t", "finished_grain_t", "quality_pass_rate", "emergency_supply_t_per_day",
    "aaa_coverage", "low_temp_capacity_t", "informatised_depots", NULL
  };
  static const char * const supply_keys[] = {
    "finished_grain_days", "daily_consumption_t", "annual_consumption_t", "population", NULL
  };
  g_autoptr(GrTargets) self = g_new0 (GrTargets, 1);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *base = g_path_get_basename (name);
  GrJsonCheck check = { name, error };
  const char *format = NULL, *title = NULL, *document = NULL;
  JsonObject *object, *targets, *supply;
  gint64 version = 0, year = 0, days = 0, population = 0;
  const double big = 1e9;

  self->id = g_str_has_suffix (base, ".json") ? g_strndup (base, strlen (base) - 5) : g_strdup (base);
  if ((root = gr_json_parse_object (&check, data, length)) == NULL)
    return NULL;
  object = json_node_get_object (root);
  if (!gr_json_only_keys (&check, object, "", keys) ||
      !gr_json_get_string (&check, object, "", "format", TRUE, &format))
    return NULL;
  if (strcmp (format, "granary-targets") != 0)
    {
      gr_json_fail (&check, "", "format", _("expected “granary-targets”"));
      return NULL;
    }
  if (!gr_json_get_int (&check, object, "", "version", TRUE, 1, 1, &version) ||
      !gr_json_get_string (&check, object, "", "name", TRUE, &title) ||
      !gr_json_get_string (&check, object, "", "document", TRUE, &document) ||
      !gr_json_get_int (&check, object, "", "year", TRUE, 1900, 2199, &year) ||
      !gr_json_get_object (&check, object, "", "targets", TRUE, FALSE, &targets) ||
      !gr_json_only_keys (&check, targets, "/targets", target_keys) ||
      !read_target (&check, targets, "policy_reserve_t", big, &self->policy_reserve) ||
      !read_target (&check, targets, "finished_grain_t", big, &self->finished_grain) ||
      !read_target (&check, targets, "quality_pass_rate", 1, &self->quality_pass_rate) ||
      !read_target (&check, targets, "emergency_supply_t_per_day", big, &self->emergency_supply) ||
      !read_target (&check, targets, "aaa_coverage", 1, &self->aaa_coverage) ||
      !read_target (&check, targets, "low_temp_capacity_t", big, &self->low_temp_capacity) ||
      !read_target (&check, targets, "informatised_depots", 1, &self->informatised_depots) ||
      !gr_json_get_object (&check, object, "", "supply", TRUE, FALSE, &supply) ||
      !gr_json_only_keys (&check, supply, "/supply", supply_keys) ||
      !gr_json_get_int (&check, supply, "/supply", "finished_grain_days", TRUE, 1, 365, &days) ||
      !gr_json_get_number (&check, supply, "/supply", "daily_consumption_t", TRUE, 0, big, &self->daily_consumption_t) ||
      !gr_json_get_number (&check, supply, "/supply", "annual_consumption_t", TRUE, 0, big, &self->annual_consumption_t) ||
      !gr_json_get_int (&check, supply, "/supply", "population", FALSE, 1, G_GINT64_CONSTANT (10000000000), &population))
    return NULL;

  self->name = g_strdup (title);
  self->document = g_strdup (document);
  self->year = (int) year;
  self->finished_grain_days = (int) days;
  self->population = population;
  return g_steal_pointer (&self);
}

GrTargets *
gr_targets_load (const char  *id_or_path,
                 GError     **error)
{
  g_autofree char *data = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (id_or_path != NULL, NULL);

  if (strchr (id_or_path, G_DIR_SEPARATOR) != NULL || g_str_has_suffix (id_or_path, ".json"))
    path = g_strdup (id_or_path);
  else
    {
      g_autofree char *file = g_strconcat (id_or_path, ".json", NULL);

      path = gr_data_find_file ("targets", file, NULL);
      if (path == NULL)
        {
          g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND, _("No targets “%s”"), id_or_path);
          return NULL;
        }
    }
  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND, _("Could not read the targets: %s"), local_error->message);
      return NULL;
    }
  return gr_targets_load_data (path, data, length, error);
}
