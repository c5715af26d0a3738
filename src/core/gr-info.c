/* gr-info.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-info"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gr-error.h"
#include "gr-format.h"
#include "gr-info.h"
#include "gr-schema.h"
#include "gr-variety.h"

static void
variety_total_clear (gpointer data)
{
  GrVarietyTotal *total = data;

  g_free (total->variety);
}

void
gr_info_free (GrInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->path);
  g_free (info->profile);
  g_clear_pointer (&info->varieties, g_array_unref);
  g_free (info);
}

GrInfo *
gr_info_collect (GrStore     *store,
                 const char  *today,
                 GError     **error)
{
  g_autoptr(GrInfo) info = g_new0 (GrInfo, 1);
  g_autoptr(sqlite3_stmt) stock = NULL;
  g_autoptr(sqlite3_stmt) plans = NULL;
  g_autofree char *demo = NULL;
  g_autofree char *today_owned = NULL;
  const GrEntity * const *entities;
  const char * const *codes = gr_variety_codes ();

  if (today == NULL)
    today = today_owned = gr_today_iso ();

  info->path = g_strdup (gr_store_get_path (store));
  info->profile = gr_store_get_meta (store, "profile");
  demo = gr_store_get_meta (store, "demo");
  info->demo = g_strcmp0 (demo, "1") == 0;

  entities = gr_schema_entities (&info->n_counts);
  g_assert (info->n_counts <= G_N_ELEMENTS (info->counts));
  for (guint i = 0; i < info->n_counts; i++)
    info->counts[i] = gr_store_count (store, entities[i]->table);

  stock = gr_store_prepare (store,
                            "SELECT coalesce (sum (balance_kg), 0), count (*) FILTER (WHERE balance_kg > 0)"
                            " FROM lots WHERE variety = ?1 AND deleted = 0", error);
  plans = gr_store_prepare (store,
                            "SELECT coalesce (sum (quantity_kg), 0) FROM plans WHERE variety = ?1 AND deleted = 0"
                            " AND valid_from <= ?2 AND (valid_to IS NULL OR valid_to >= ?2)", error);
  if (stock == NULL || plans == NULL)
    return NULL;

  info->varieties = g_array_new (FALSE, TRUE, sizeof (GrVarietyTotal));
  g_array_set_clear_func (info->varieties, variety_total_clear);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      GrVarietyTotal total = { 0 };

      sqlite3_reset (stock);
      sqlite3_reset (plans);
      sqlite3_bind_text (stock, 1, codes[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (plans, 1, codes[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (plans, 2, today, -1, SQLITE_STATIC);
      if (sqlite3_step (stock) != SQLITE_ROW || sqlite3_step (plans) != SQLITE_ROW)
        {
          gr_store_set_error (store, error, _("Could not read the totals"));
          return NULL;
        }
      total.stock_kg = sqlite3_column_int64 (stock, 0);
      total.n_lots = (guint) sqlite3_column_int (stock, 1);
      total.plan_kg = sqlite3_column_int64 (plans, 0);
      if (total.stock_kg == 0 && total.plan_kg == 0 && total.n_lots == 0)
        continue;
      total.variety = g_strdup (codes[i]);
      info->stock_kg += total.stock_kg;
      info->plan_kg += total.plan_kg;
      g_array_append_val (info->varieties, total);
    }

  return g_steal_pointer (&info);
}

char *
gr_info_to_text (const GrInfo *info)
{
  GString *out = g_string_new (NULL);
  const GrEntity * const *entities = gr_schema_entities (NULL);
  g_autofree char *stock = gr_format_tonnes (info->stock_kg);
  g_autofree char *plan = gr_format_tonnes (info->plan_kg);

  g_string_append_printf (out, "%s: %s\n", _("Database"), info->path);
  g_string_append_printf (out, "%s: %s\n", _("Regulation profile"), info->profile ? info->profile : _("none"));
  if (info->demo)
    g_string_append_printf (out, "%s\n", _("This database holds demo data."));
  g_string_append_printf (out, "\n%s\n", _("Records:"));
  for (guint i = 0; i < info->n_counts; i++)
    g_string_append_printf (out, "  %-20s %" G_GINT64_FORMAT "\n", entities[i]->array, info->counts[i]);

  g_string_append_printf (out, "\n%s\n", _("Stock by variety (stock / plan):"));
  for (guint i = 0; i < info->varieties->len; i++)
    {
      const GrVarietyTotal *t = &g_array_index (info->varieties, GrVarietyTotal, i);
      g_autofree char *s = gr_format_tonnes (t->stock_kg);
      g_autofree char *p = gr_format_tonnes (t->plan_kg);

      g_string_append_printf (out, "  %s\t%s / %s\n", gr_variety_name (t->variety), s, p);
    }
  g_string_append_printf (out, "  %s\t%s / %s\n", _("Total"), stock, plan);
  return g_string_free (out, FALSE);
}

JsonNode *
gr_info_to_json (const GrInfo *info)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const GrEntity * const *entities = gr_schema_entities (NULL);
  g_autofree char *stock = gr_kg_to_tonnes_string (info->stock_kg);
  g_autofree char *plan = gr_kg_to_tonnes_string (info->plan_kg);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, info->path);
  json_builder_set_member_name (b, "profile");
  if (info->profile)
    json_builder_add_string_value (b, info->profile);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "demo");
  json_builder_add_boolean_value (b, info->demo);
  json_builder_set_member_name (b, "counts");
  json_builder_begin_object (b);
  for (guint i = 0; i < info->n_counts; i++)
    {
      json_builder_set_member_name (b, entities[i]->array);
      json_builder_add_int_value (b, info->counts[i]);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "varieties");
  json_builder_begin_array (b);
  for (guint i = 0; i < info->varieties->len; i++)
    {
      const GrVarietyTotal *t = &g_array_index (info->varieties, GrVarietyTotal, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "variety");
      json_builder_add_string_value (b, t->variety);
      json_builder_set_member_name (b, "stock_t");
      json_builder_add_double_value (b, t->stock_kg / 1000.0);
      json_builder_set_member_name (b, "plan_t");
      json_builder_add_double_value (b, t->plan_kg / 1000.0);
      json_builder_set_member_name (b, "lots");
      json_builder_add_int_value (b, t->n_lots);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "stock_t");
  json_builder_add_double_value (b, g_ascii_strtod (stock, NULL));
  json_builder_set_member_name (b, "plan_t");
  json_builder_add_double_value (b, g_ascii_strtod (plan, NULL));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
