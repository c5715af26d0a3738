/* gr-standards-inspection.c: the inspection standards and the checklist
 *
 * A "granary-inspection-standard" file gives any of: pest_classes,
 * temperature_regimes, safe_moisture, quantity_check. A
 * "granary-inspection-checklist" file gives the inspectors' checklist.
 * A file is read whole before anything of it is kept, so a file with an
 * error leaves the standards as they were.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-standards"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-schema.h"
#include "gr-standards-private.h"
#include "gr-variety.h"

/* What one file gives, before it is kept. */
typedef struct {
  GrPestClassTable *pest_classes;
  GPtrArray        *regimes;
  GPtrArray        *moisture;
  GrStockCheckRule *stock_check;
  GrChecklist      *checklist;
  GArray           *groups;
  GArray           *items;
} Parts;

static void
parts_clear (Parts *parts)
{
  g_clear_pointer (&parts->pest_classes, g_free);
  g_clear_pointer (&parts->regimes, g_ptr_array_unref);
  g_clear_pointer (&parts->moisture, g_ptr_array_unref);
  g_clear_pointer (&parts->stock_check, g_free);
  g_clear_pointer (&parts->checklist, g_free);
  g_clear_pointer (&parts->groups, g_array_unref);
  g_clear_pointer (&parts->items, g_array_unref);
}

const char *
gr_local_text (const GrLocalText *text)
{
  const char * const *languages = g_get_language_names ();

  g_return_val_if_fail (text != NULL, NULL);

  /* The first language the user reads that the text is written in. */
  for (guint i = 0; languages[i] != NULL; i++)
    {
      if (g_str_has_prefix (languages[i], "zh") && text->zh != NULL)
        return text->zh;
      if ((g_str_has_prefix (languages[i], "en") || strcmp (languages[i], "C") == 0) && text->en != NULL)
        return text->en;
    }
  return text->en != NULL ? text->en : text->zh;
}

static gboolean
read_local_text (GrJsonCheck *check,
                 JsonObject  *object,
                 const char  *path,
                 const char  *key,
                 GrLocalText *out)
{
  static const char * const keys[] = { "en", "zh_CN", NULL };
  g_autofree char *sub = g_strdup_printf ("%s/%s", path, key);
  JsonObject *text;

  return gr_json_get_object (check, object, path, key, TRUE, FALSE, &text) &&
         gr_json_only_keys (check, text, sub, keys) &&
         gr_json_get_string (check, text, sub, "en", TRUE, &out->en) &&
         gr_json_get_string (check, text, sub, "zh_CN", TRUE, &out->zh);
}

/* ---- Pest classes ------------------------------------------------------- */

static gboolean
read_density_pair (GrJsonCheck *check,
                   JsonObject  *classes,
                   const char  *key,
                   GrThreshold *total,
                   GrThreshold *main)
{
  static const char * const keys[] = { "total_max", "main_max", NULL };
  g_autofree char *path = g_strdup_printf ("/pest_classes/%s", key);
  JsonObject *entry;

  return gr_json_get_object (check, classes, "/pest_classes", key, TRUE, FALSE, &entry) &&
         gr_json_only_keys (check, entry, path, keys) &&
         _gr_standards_read_threshold (check, entry, path, "total_max", total) &&
         _gr_standards_read_threshold (check, entry, path, "main_max", main);
}

static gboolean
read_pest_classes (GrJsonCheck *check,
                   JsonObject  *root,
                   const char  *standard,
                   Parts       *parts)
{
  static const char * const keys[] = { "basically_free", "general", NULL };
  GrPestClassTable *table = g_new0 (GrPestClassTable, 1);
  JsonObject *classes;

  parts->pest_classes = table;
  table->standard = standard;
  if (!gr_json_get_object (check, root, "", "pest_classes", TRUE, FALSE, &classes) ||
      !gr_json_only_keys (check, classes, "/pest_classes", keys) ||
      !read_density_pair (check, classes, "basically_free", &table->free_total_max, &table->free_main_max) ||
      !read_density_pair (check, classes, "general", &table->general_total_max, &table->general_main_max))
    return FALSE;
  /* A class must allow at least what the milder one allows. */
  if (table->general_total_max.milli < table->free_total_max.milli)
    return gr_json_fail (check, "/pest_classes/general", "total_max", _("is below the basically-free limit"));
  if (table->general_main_max.milli < table->free_main_max.milli)
    return gr_json_fail (check, "/pest_classes/general", "main_max", _("is below the basically-free limit"));
  return TRUE;
}

/* ---- Temperature regimes ------------------------------------------------ */

/* The storage_tech values of a bin (gr-schema.c). */
static const char * const *
storage_techs (void)
{
  const GrField *field = gr_entity_field (gr_schema_lookup ("bin"), "storage_tech");

  return field->enum_values;
}

static gboolean
read_regimes (GrJsonCheck *check,
              JsonObject  *root,
              const char  *standard,
              Parts       *parts)
{
  static const char * const keys[] = { "storage_tech", "name", "avg_max_c", "local_max_c", NULL };
  JsonArray *list;

  parts->regimes = g_ptr_array_new_with_free_func (g_free);
  if (!gr_json_get_array (check, root, "", "temperature_regimes", TRUE, &list))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      g_autofree char *path = g_strdup_printf ("/temperature_regimes/%u", i);
      g_autofree char *index = g_strdup_printf ("%u", i);
      GrTemperatureRegime *regime = g_new0 (GrTemperatureRegime, 1);
      JsonObject *entry;

      g_ptr_array_add (parts->regimes, regime);
      regime->standard = standard;
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return gr_json_fail (check, "/temperature_regimes", index, _("expected an object"));
      entry = json_node_get_object (node);
      if (!gr_json_only_keys (check, entry, path, keys) ||
          !_gr_standards_read_key_in (check, entry, path, "storage_tech", storage_techs (), NULL, &regime->storage_tech) ||
          !gr_json_get_string (check, entry, path, "name", TRUE, &regime->name))
        return FALSE;
      regime->has_avg_max = json_object_has_member (entry, "avg_max_c");
      regime->has_local_max = json_object_has_member (entry, "local_max_c");
      if ((regime->has_avg_max && !_gr_standards_read_threshold (check, entry, path, "avg_max_c", &regime->avg_max)) ||
          (regime->has_local_max && !_gr_standards_read_threshold (check, entry, path, "local_max_c", &regime->local_max)))
        return FALSE;
      if (regime->has_avg_max && regime->has_local_max && regime->local_max.milli < regime->avg_max.milli)
        return gr_json_fail (check, path, "local_max_c", _("is below the average limit"));
      for (guint j = 0; j + 1 < parts->regimes->len; j++)
        if (strcmp (((GrTemperatureRegime *) parts->regimes->pdata[j])->storage_tech, regime->storage_tech) == 0)
          return gr_json_fail (check, path, "storage_tech", _("“%s” is listed twice"), regime->storage_tech);
    }
  return TRUE;
}

/* ---- Safe moisture ------------------------------------------------------ */

static gboolean
read_moisture (GrJsonCheck *check,
               JsonObject  *root,
               const char  *standard,
               Parts       *parts)
{
  static const char * const keys[] = { "varieties", "name", "source", "max_pct", NULL };
  JsonArray *list;
  guint seen = 0;

  parts->moisture = g_ptr_array_new_with_free_func (g_free);
  if (!gr_json_get_array (check, root, "", "safe_moisture", TRUE, &list))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      g_autofree char *path = g_strdup_printf ("/safe_moisture/%u", i);
      g_autofree char *index = g_strdup_printf ("%u", i);
      GrSafeMoisture *entry_out = g_new0 (GrSafeMoisture, 1);
      JsonObject *entry;

      g_ptr_array_add (parts->moisture, entry_out);
      entry_out->standard = standard;
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return gr_json_fail (check, "/safe_moisture", index, _("expected an object"));
      entry = json_node_get_object (node);
      if (!gr_json_only_keys (check, entry, path, keys) ||
          !gr_json_get_flags (check, entry, path, "varieties", TRUE, gr_variety_codes (), &entry_out->varieties) ||
          !gr_json_get_string (check, entry, path, "name", TRUE, &entry_out->name) ||
          !gr_json_get_string (check, entry, path, "source", TRUE, &entry_out->source) ||
          !_gr_standards_read_threshold (check, entry, path, "max_pct", &entry_out->max))
        return FALSE;
      if (entry_out->varieties == 0)
        return gr_json_fail (check, path, "varieties", _("must not be empty"));
      if (entry_out->max.milli > 100000)
        return gr_json_fail (check, path, "max_pct", _("must be a percentage (0 to 100)"));
      if (seen & entry_out->varieties)
        return gr_json_fail (check, path, "varieties", _("a variety is listed twice"));
      seen |= entry_out->varieties;
    }
  return TRUE;
}

/* ---- Stock check -------------------------------------------------------- */

static gboolean
read_stock_check (GrJsonCheck *check,
                  JsonObject  *root,
                  const char  *standard,
                  Parts       *parts)
{
  static const char * const keys[] = { "tolerance_pct", NULL };
  JsonObject *entry;

  parts->stock_check = g_new0 (GrStockCheckRule, 1);
  parts->stock_check->standard = standard;
  if (!gr_json_get_object (check, root, "", "quantity_check", TRUE, FALSE, &entry) ||
      !gr_json_only_keys (check, entry, "/quantity_check", keys) ||
      !_gr_standards_read_threshold (check, entry, "/quantity_check", "tolerance_pct", &parts->stock_check->tolerance))
    return FALSE;
  if (parts->stock_check->tolerance.milli > 100000)
    return gr_json_fail (check, "/quantity_check", "tolerance_pct", _("must be a percentage (0 to 100)"));
  return TRUE;
}

/* ---- Checklist ---------------------------------------------------------- */

static gboolean
read_checklist (GrJsonCheck *check,
                JsonObject  *root,
                Parts       *parts)
{
  static const char * const keys[] = { "format", "version", "id", "checklist_version", "title", "groups", NULL };
  static const char * const group_keys[] = { "id", "title", "items", NULL };
  static const char * const item_keys[] = { "id", "label", "source", "prompt", NULL };
  static const char * const source_keys[] = { "document", "article", NULL };
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  GrChecklist *list = g_new0 (GrChecklist, 1);
  JsonArray *groups;

  parts->checklist = list;
  parts->groups = g_array_new (FALSE, TRUE, sizeof (GrChecklistGroup));
  parts->items = g_array_new (FALSE, TRUE, sizeof (GrChecklistItem));
  if (!gr_json_only_keys (check, root, "", keys) ||
      !gr_json_get_string (check, root, "", "id", TRUE, &list->id) ||
      !gr_json_get_string (check, root, "", "checklist_version", TRUE, &list->version) ||
      !read_local_text (check, root, "", "title", &list->title) ||
      !gr_json_get_array (check, root, "", "groups", TRUE, &groups))
    return FALSE;
  for (guint g = 0; g < json_array_get_length (groups); g++)
    {
      JsonNode *node = json_array_get_element (groups, g);
      g_autofree char *path = g_strdup_printf ("/groups/%u", g);
      g_autofree char *index = g_strdup_printf ("%u", g);
      g_autofree char *items_path = g_strdup_printf ("%s/items", path);
      GrChecklistGroup group = { 0 };
      JsonObject *entry;
      JsonArray *items;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return gr_json_fail (check, "/groups", index, _("expected an object"));
      entry = json_node_get_object (node);
      if (!gr_json_only_keys (check, entry, path, group_keys) ||
          !gr_json_get_string (check, entry, path, "id", TRUE, &group.id) ||
          !read_local_text (check, entry, path, "title", &group.title) ||
          !gr_json_get_array (check, entry, path, "items", TRUE, &items))
        return FALSE;
      if (json_array_get_length (items) == 0)
        return gr_json_fail (check, path, "items", _("must not be empty"));
      g_array_append_val (parts->groups, group);

      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonNode *item_node = json_array_get_element (items, i);
          g_autofree char *item_path = g_strdup_printf ("%s/%u", items_path, i);
          g_autofree char *source_path = g_strdup_printf ("%s/source", item_path);
          g_autofree char *item_index = g_strdup_printf ("%u", i);
          GrChecklistItem item = { 0 };
          JsonObject *item_object, *source;

          if (!JSON_NODE_HOLDS_OBJECT (item_node))
            return gr_json_fail (check, items_path, item_index, _("expected an object"));
          item_object = json_node_get_object (item_node);
          item.group = g;
          if (!gr_json_only_keys (check, item_object, item_path, item_keys) ||
              !gr_json_get_string (check, item_object, item_path, "id", TRUE, &item.id) ||
              !read_local_text (check, item_object, item_path, "label", &item.label) ||
              !gr_json_get_bool (check, item_object, item_path, "prompt", FALSE, &item.prompt) ||
              !gr_json_get_object (check, item_object, item_path, "source", TRUE, FALSE, &source) ||
              !gr_json_only_keys (check, source, source_path, source_keys) ||
              !gr_json_get_string (check, source, source_path, "document", TRUE, &item.document) ||
              !gr_json_get_string (check, source, source_path, "article", FALSE, &item.article))
            return FALSE;
          if (*item.id == '\0' || strlen (item.id) > 64)
            return gr_json_fail (check, item_path, "id", _("must be 1 to 64 characters"));
          if (!g_hash_table_add (ids, (gpointer) item.id))
            return gr_json_fail (check, item_path, "id", _("“%s” is listed twice"), item.id);
          g_array_append_val (parts->items, item);
        }
    }
  if (parts->items->len == 0)
    return gr_json_fail (check, "", "groups", _("must not be empty"));
  return TRUE;
}

/* ---- Keeping a file ----------------------------------------------------- */

static gboolean
refuse_twice (GrJsonCheck *check,
              const char  *key,
              const char  *first_file)
{
  return gr_json_fail (check, "", key, _("already given by %s"), first_file);
}

gboolean
_gr_standards_add_inspection (GrStandards *self,
                              GrJsonCheck *check,
                              JsonObject  *root,
                              const char  *format)
{
  static const char * const keys[] = {
    "format", "version", "standard", "title", "pest_classes", "temperature_regimes", "safe_moisture",
    "quantity_check", NULL
  };
  Parts parts = { 0 };
  const char *standard = NULL, *title = NULL;
  gboolean ok = FALSE;

  if (strcmp (format, "granary-inspection-checklist") == 0)
    {
      if (self->checklist != NULL)
        return refuse_twice (check, "id", self->checklist_file);
      if (!read_checklist (check, root, &parts))
        goto out;
      parts.checklist->groups = _gr_standards_keep_array (self, g_steal_pointer (&parts.groups),
                                                          &parts.checklist->n_groups);
      parts.checklist->items = _gr_standards_keep_array (self, g_steal_pointer (&parts.items),
                                                         &parts.checklist->n_items);
      self->checklist = g_steal_pointer (&parts.checklist);
      self->checklist_file = g_strdup (check->file);
      return TRUE;
    }

  if (!gr_json_only_keys (check, root, "", keys) ||
      !gr_json_get_string (check, root, "", "standard", TRUE, &standard) ||
      !gr_json_get_string (check, root, "", "title", TRUE, &title))
    goto out;
  if (json_object_has_member (root, "pest_classes"))
    {
      if (self->pest_classes != NULL)
        {
          refuse_twice (check, "pest_classes", self->pest_file);
          goto out;
        }
      if (!read_pest_classes (check, root, standard, &parts))
        goto out;
    }
  if (json_object_has_member (root, "temperature_regimes") && !read_regimes (check, root, standard, &parts))
    goto out;
  if (json_object_has_member (root, "safe_moisture") && !read_moisture (check, root, standard, &parts))
    goto out;
  if (json_object_has_member (root, "quantity_check"))
    {
      if (self->stock_check != NULL)
        {
          refuse_twice (check, "quantity_check", self->stock_check_file);
          goto out;
        }
      if (!read_stock_check (check, root, standard, &parts))
        goto out;
    }
  if (parts.pest_classes == NULL && parts.regimes == NULL && parts.moisture == NULL && parts.stock_check == NULL)
    {
      gr_json_fail (check, "", "format",
                    _("gives none of pest_classes, temperature_regimes, safe_moisture, quantity_check"));
      goto out;
    }

  /* A storage tech or variety given by two files is an error too. */
  for (guint i = 0; parts.regimes != NULL && i < parts.regimes->len; i++)
    {
      const GrTemperatureRegime *regime = parts.regimes->pdata[i];

      if (gr_standards_temperature_regime (self, regime->storage_tech) != NULL)
        {
          gr_json_fail (check, "/temperature_regimes", regime->storage_tech, _("already given by %s"),
                        gr_standards_temperature_regime (self, regime->storage_tech)->standard);
          goto out;
        }
    }
  for (guint i = 0; parts.moisture != NULL && i < parts.moisture->len; i++)
    for (guint j = 0; self->moisture != NULL && j < self->moisture->len; j++)
      {
        const GrSafeMoisture *a = parts.moisture->pdata[i];
        const GrSafeMoisture *b = self->moisture->pdata[j];

        if (a->varieties & b->varieties)
          {
            gr_json_fail (check, "/safe_moisture", a->name, _("already given by %s"), b->standard);
            goto out;
          }
      }

  if (parts.pest_classes != NULL)
    {
      self->pest_classes = g_steal_pointer (&parts.pest_classes);
      self->pest_file = g_strdup (check->file);
    }
  if (parts.stock_check != NULL)
    {
      self->stock_check = g_steal_pointer (&parts.stock_check);
      self->stock_check_file = g_strdup (check->file);
    }
  if (parts.regimes != NULL)
    {
      if (self->regimes == NULL)
        self->regimes = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_extend_and_steal (self->regimes, g_steal_pointer (&parts.regimes));
    }
  if (parts.moisture != NULL)
    {
      if (self->moisture == NULL)
        self->moisture = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_extend_and_steal (self->moisture, g_steal_pointer (&parts.moisture));
    }
  ok = TRUE;

out:
  parts_clear (&parts);
  return ok;
}

void
_gr_standards_clear_inspection (GrStandards *self)
{
  g_clear_pointer (&self->pest_classes, g_free);
  g_clear_pointer (&self->regimes, g_ptr_array_unref);
  g_clear_pointer (&self->moisture, g_ptr_array_unref);
  g_clear_pointer (&self->stock_check, g_free);
  g_clear_pointer (&self->checklist, g_free);
  g_clear_pointer (&self->pest_file, g_free);
  g_clear_pointer (&self->stock_check_file, g_free);
  g_clear_pointer (&self->checklist_file, g_free);
}

/* ---- Lookups ------------------------------------------------------------ */

const GrPestClassTable *
gr_standards_pest_classes (GrStandards *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->pest_classes;
}

const GrTemperatureRegime *
gr_standards_temperature_regime (GrStandards *self,
                                 const char  *storage_tech)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; self->regimes != NULL && i < self->regimes->len; i++)
    {
      const GrTemperatureRegime *regime = self->regimes->pdata[i];

      if (g_strcmp0 (regime->storage_tech, storage_tech) == 0)
        return regime;
    }
  return NULL;
}

const GrSafeMoisture *
gr_standards_safe_moisture (GrStandards *self,
                            const char  *variety)
{
  const char * const *codes = gr_variety_codes ();

  g_return_val_if_fail (self != NULL, NULL);

  for (guint bit = 0; variety != NULL && codes[bit] != NULL; bit++)
    {
      if (strcmp (codes[bit], variety) != 0)
        continue;
      for (guint i = 0; self->moisture != NULL && i < self->moisture->len; i++)
        {
          const GrSafeMoisture *entry = self->moisture->pdata[i];

          if (entry->varieties & (1u << bit))
            return entry;
        }
      break;
    }
  return NULL;
}

const GrStockCheckRule *
gr_standards_stock_check (GrStandards *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->stock_check;
}

const GrChecklist *
gr_standards_checklist (GrStandards *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->checklist;
}

const GrChecklistItem *
gr_checklist_find (const GrChecklist *checklist,
                   const char        *id)
{
  for (guint i = 0; checklist != NULL && id != NULL && i < checklist->n_items; i++)
    if (strcmp (checklist->items[i].id, id) == 0)
      return &checklist->items[i];
  return NULL;
}
