/* gr-profile.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-profile"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gr-data-dir.h"
#include "gr-error.h"
#include "gr-format.h"
#include "gr-json-check.h"
#include "gr-profile.h"

const char * const gr_class_names[] = { "raw", "finished", "oil", NULL };
const char * const gr_rotation_mode_names[] = { "static", "autonomous", "dynamic", NULL };
const char * const gr_enterprise_kind_names[] = { "reserve_company", "agent", NULL };
const char * const gr_segregation_names[] = {
  "variety", "harvest_year", "produced_on", "grade", "owner", "rotation_mode", "packaged", NULL
};

static const char * const rule_names[GR_N_RULES] = {
  [GR_RULE_STOCK_MIN_RATIO]     = "stock.min_ratio",
  [GR_RULE_STOCK_FULL_MONTH]    = "stock.full_month",
  [GR_RULE_AGE_LIMIT]           = "age.limit",
  [GR_RULE_SHELF_LIFE]          = "shelf_life",
  [GR_RULE_ROTATION_VACANCY]    = "rotation.vacancy",
  [GR_RULE_RELEASE_REPLENISH]   = "release.replenish",
  [GR_RULE_QUALITY_STORAGE]     = "quality.storage",
  [GR_RULE_QUALITY_GRADE]       = "quality.grade",
  [GR_RULE_ROTATION_NEWER_IN]   = "rotation.newer_in",
  [GR_RULE_INTAKE_NEW_GRAIN]    = "intake.new_grain",
  [GR_RULE_STORAGE_SEGREGATION] = "storage.segregation",
  [GR_RULE_REPORT_MONTHLY]      = "report.monthly",
  [GR_RULE_PLAN_ANNUAL]         = "plan.annual",
  [GR_RULE_STOCK_NEGATIVE]      = "stock.negative",
};

/* The keys each rule takes besides citation, our_reading and reading. */
static const char * const *const rule_keys[GR_N_RULES] = {
  [GR_RULE_STOCK_MIN_RATIO]     = (const char * const[]) { "scope", "check", "percent", NULL },
  [GR_RULE_STOCK_FULL_MONTH]    = (const char * const[]) { "percent", NULL },
  [GR_RULE_AGE_LIMIT]           = (const char * const[]) { "limits", "horizon_months", "delay_approved_low_temp", NULL },
  [GR_RULE_SHELF_LIFE]          = (const char * const[]) { "horizon_days", NULL },
  [GR_RULE_ROTATION_VACANCY]    = (const char * const[]) { "months", "extension_months", "rotation_modes", "classes", NULL },
  [GR_RULE_RELEASE_REPLENISH]   = (const char * const[]) { "months", NULL },
  [GR_RULE_QUALITY_STORAGE]     = (const char * const[]) { NULL },
  [GR_RULE_QUALITY_GRADE]       = (const char * const[]) { "min_grade", "rotation_modes", "classes", NULL },
  [GR_RULE_ROTATION_NEWER_IN]   = (const char * const[]) { NULL },
  [GR_RULE_INTAKE_NEW_GRAIN]    = (const char * const[]) { NULL },
  [GR_RULE_STORAGE_SEGREGATION] = (const char * const[]) { "attributes", NULL },
  [GR_RULE_REPORT_MONTHLY]      = (const char * const[]) { "working_days", "enterprise_kinds", NULL },
  [GR_RULE_PLAN_ANNUAL]         = (const char * const[]) { "period_start_month", "enterprise_kinds", "rotation_modes", "classes", NULL },
  [GR_RULE_STOCK_NEGATIVE]      = (const char * const[]) { NULL },
};

struct _GrProfile
{
  gatomicrefcount  ref_count;

  char            *id;
  char            *path;
  /* The parsed file: every const string of the profile points into it. */
  JsonNode        *root;

  const char      *name;
  const char      *document;
  guint            classes;
  int              retention_years;
  GHashTable      *holidays;     /* julian day → 1 */
  GHashTable      *workdays;
  GHashTable      *rates;        /* variety → double* */
  gboolean         actual_after_release;
  gboolean         vacancy_unpaid;

  GrRuleParams     rules[GR_N_RULES];
  GArray          *limits[GR_N_RULES];

  GrRotationBalance balance;
  GArray          *bands;        /* GrBalanceBand */
};

const char *
gr_rule_id_to_string (GrRuleId rule)
{
  g_return_val_if_fail (rule < GR_N_RULES, NULL);
  return rule_names[rule];
}

gboolean
gr_rule_id_from_string (const char *text,
                        GrRuleId   *out_rule)
{
  for (guint i = 0; i < GR_N_RULES; i++)
    if (g_strcmp0 (rule_names[i], text) == 0)
      {
        if (out_rule != NULL)
          *out_rule = i;
        return TRUE;
      }
  return FALSE;
}

GrProfile *
gr_profile_ref (GrProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
gr_profile_unref (GrProfile *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  for (guint i = 0; i < GR_N_RULES; i++)
    g_clear_pointer (&self->limits[i], g_array_unref);
  g_clear_pointer (&self->bands, g_array_unref);
  g_clear_pointer (&self->holidays, g_hash_table_unref);
  g_clear_pointer (&self->workdays, g_hash_table_unref);
  g_clear_pointer (&self->rates, g_hash_table_unref);
  g_clear_pointer (&self->root, json_node_unref);
  g_free (self->id);
  g_free (self->path);
  g_free (self);
}

/* ---- Reading the file --------------------------------------------------- */

static gboolean
read_citation (GrJsonCheck  *check,
               JsonObject   *object,
               const char   *path,
               const char   *key,
               const char  **out_document,
               const char  **out_article)
{
  g_autofree char *sub = g_strdup_printf ("%s/%s", path, key);
  static const char * const keys[] = { "document", "article", NULL };
  JsonObject *citation;

  *out_document = *out_article = NULL;
  /* The key is required; null says "no article" (stock.negative). */
  if (!json_object_has_member (object, key))
    return gr_json_fail (check, path, key, _("missing"));
  if (!gr_json_get_object (check, object, path, key, TRUE, TRUE, &citation))
    return FALSE;
  if (citation == NULL)
    return TRUE;
  return gr_json_only_keys (check, citation, sub, keys) &&
         gr_json_get_string (check, citation, sub, "document", TRUE, out_document) &&
         gr_json_get_string (check, citation, sub, "article", TRUE, out_article);
}

/* An object keyed by class name holding integers within [min, max]. */
static gboolean
read_class_ints (GrJsonCheck *check,
                 JsonObject  *object,
                 const char  *path,
                 const char  *key,
                 gboolean     required,
                 int          min,
                 int          max,
                 int          unset,
                 int          out[3])
{
  g_autofree char *sub = g_strdup_printf ("%s/%s", path, key);
  JsonObject *per_class;

  for (guint i = 0; i < 3; i++)
    out[i] = unset;
  if (!gr_json_get_object (check, object, path, key, required, FALSE, &per_class))
    return FALSE;
  if (per_class == NULL)
    return TRUE;
  if (!gr_json_only_keys (check, per_class, sub, gr_class_names))
    return FALSE;
  for (guint i = 0; i < 3; i++)
    {
      gint64 value = unset;

      if (!gr_json_get_int (check, per_class, sub, gr_class_names[i], FALSE, min, max, &value))
        return FALSE;
      out[i] = (int) value;
    }
  return TRUE;
}

static gboolean
read_int (GrJsonCheck *check,
          JsonObject  *object,
          const char  *path,
          const char  *key,
          int          min,
          int          max,
          int         *out)
{
  gint64 value = 0;

  if (!gr_json_get_int (check, object, path, key, TRUE, min, max, &value))
    return FALSE;
  *out = (int) value;
  return TRUE;
}

static gboolean
read_age_limits (GrJsonCheck *check,
                 JsonObject  *object,
                 const char  *path,
                 GArray      *limits)
{
  static const char * const keys[] = { "varieties", "years", "delay_years", "packaged", NULL };
  g_autofree char *sub = g_strdup_printf ("%s/limits", path);
  const char * const *codes = gr_variety_codes ();
  JsonArray *array;

  if (!gr_json_get_array (check, object, path, "limits", TRUE, &array))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *index = g_strdup_printf ("%u", i);
      g_autofree char *entry_path = g_strdup_printf ("%s/%u", sub, i);
      GrAgeLimit limit = { 0, 0, 0, -1 };
      JsonObject *entry;
      gint64 delay = 0;
      gboolean packaged = FALSE;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return gr_json_fail (check, sub, index, _("expected an object"));
      entry = json_node_get_object (node);
      if (!gr_json_only_keys (check, entry, entry_path, keys) ||
          !gr_json_get_flags (check, entry, entry_path, "varieties", TRUE, codes, &limit.varieties) ||
          !read_int (check, entry, entry_path, "years", 1, 50, &limit.years) ||
          !gr_json_get_int (check, entry, entry_path, "delay_years", FALSE, 0, 10, &delay))
        return FALSE;
      limit.delay_years = (int) delay;
      if (json_object_has_member (entry, "packaged"))
        {
          if (!gr_json_get_bool (check, entry, entry_path, "packaged", TRUE, &packaged))
            return FALSE;
          limit.packaged = packaged ? 1 : 0;
        }
      if (limit.varieties == 0)
        return gr_json_fail (check, entry_path, "varieties", _("must not be empty"));
      g_array_append_val (limits, limit);
    }
  return TRUE;
}

static gboolean
read_segregation (GrJsonCheck  *check,
                  JsonObject   *object,
                  const char   *path,
                  GrRuleParams *params)
{
  g_autofree char *sub = g_strdup_printf ("%s/attributes", path);
  JsonObject *attributes;

  if (!gr_json_get_object (check, object, path, "attributes", TRUE, FALSE, &attributes) ||
      !gr_json_only_keys (check, attributes, sub, gr_class_names))
    return FALSE;
  for (guint i = 0; i < 3; i++)
    if (!gr_json_get_flags (check, attributes, sub, gr_class_names[i], FALSE,
                            gr_segregation_names, &params->segregation[i]))
      return FALSE;
  return TRUE;
}

static gboolean
read_rule (GrProfile   *self,
           GrJsonCheck *check,
           GrRuleId     rule,
           JsonObject  *object,
           const char  *path)
{
  static const char * const scopes[] = { "plan", "enterprise", NULL };
  static const char * const checks[] = { "any_time", "month_end", NULL };
  GrRuleParams *p = &self->rules[rule];
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) allowed = NULL;
  const char *text = NULL;

  g_strv_builder_add_many (builder, "citation", "our_reading", "reading", NULL);
  g_strv_builder_addv (builder, (const char **) rule_keys[rule]);
  allowed = g_strv_builder_end (builder);
  if (!gr_json_only_keys (check, object, path, (const char * const *) allowed) ||
      !read_citation (check, object, path, "citation", &p->document, &p->article) ||
      !gr_json_get_bool (check, object, path, "our_reading", TRUE, &p->our_reading) ||
      !gr_json_get_string (check, object, path, "reading", p->our_reading, &p->reading))
    return FALSE;
  if (p->document == NULL && rule != GR_RULE_STOCK_NEGATIVE)
    return gr_json_fail (check, path, "citation", _("this rule needs the article it comes from"));

  p->enabled = TRUE;
  p->classes = GR_ALL_CLASSES;
  p->rotation_modes = GR_ALL_ROTATION_MODES;
  p->enterprise_kinds = GR_ENTERPRISE_RESERVE_COMPANY | GR_ENTERPRISE_AGENT;
  for (guint i = 0; i < 3; i++)
    p->percent[i] = -1;

  if (json_object_has_member (object, "classes") &&
      !gr_json_get_flags (check, object, path, "classes", TRUE, gr_class_names, &p->classes))
    return FALSE;
  if (json_object_has_member (object, "rotation_modes") &&
      !gr_json_get_flags (check, object, path, "rotation_modes", TRUE, gr_rotation_mode_names, &p->rotation_modes))
    return FALSE;
  p->classes &= self->classes;

  switch (rule)
    {
    case GR_RULE_STOCK_MIN_RATIO:
      if (!gr_json_get_string (check, object, path, "scope", TRUE, &text))
        return FALSE;
      if (!g_strv_contains (scopes, text))
        return gr_json_fail (check, path, "scope", _("expected plan or enterprise"));
      p->scope = strcmp (text, "plan") == 0 ? GR_RULE_SCOPE_PLAN : GR_RULE_SCOPE_ENTERPRISE;
      if (!gr_json_get_string (check, object, path, "check", TRUE, &text))
        return FALSE;
      if (!g_strv_contains (checks, text))
        return gr_json_fail (check, path, "check", _("expected any_time or month_end"));
      p->check = strcmp (text, "any_time") == 0 ? GR_CHECK_ANY_TIME : GR_CHECK_MONTH_END;
      return read_class_ints (check, object, path, "percent", TRUE, 0, 100, -1, p->percent);

    case GR_RULE_STOCK_FULL_MONTH:
      return read_int (check, object, path, "percent", 1, 100, &p->percent[0]);

    case GR_RULE_AGE_LIMIT:
      self->limits[rule] = g_array_new (FALSE, TRUE, sizeof (GrAgeLimit));
      if (!read_age_limits (check, object, path, self->limits[rule]) ||
          !read_int (check, object, path, "horizon_months", 0, 120, &p->horizon_months) ||
          !gr_json_get_bool (check, object, path, "delay_approved_low_temp", FALSE, &p->delay_approved_low_temp))
        return FALSE;
      p->limits = (const GrAgeLimit *) (gpointer) self->limits[rule]->data;
      p->n_limits = self->limits[rule]->len;
      return TRUE;

    case GR_RULE_SHELF_LIFE:
      return read_int (check, object, path, "horizon_days", 0, 3650, &p->horizon_days);

    case GR_RULE_ROTATION_VACANCY:
      return read_int (check, object, path, "months", 1, 120, &p->months) &&
             read_int (check, object, path, "extension_months", 0, 120, &p->extension_months);

    case GR_RULE_RELEASE_REPLENISH:
      return read_int (check, object, path, "months", 1, 120, &p->months);

    case GR_RULE_QUALITY_GRADE:
      return read_class_ints (check, object, path, "min_grade", FALSE, 1, 5, 0, p->min_grade);

    case GR_RULE_STORAGE_SEGREGATION:
      return read_segregation (check, object, path, p);

    case GR_RULE_REPORT_MONTHLY:
      return read_int (check, object, path, "working_days", 1, 60, &p->working_days) &&
             gr_json_get_flags (check, object, path, "enterprise_kinds", TRUE,
                                gr_enterprise_kind_names, &p->enterprise_kinds);

    case GR_RULE_PLAN_ANNUAL:
      return read_int (check, object, path, "period_start_month", 1, 12, &p->period_start_month) &&
             gr_json_get_flags (check, object, path, "enterprise_kinds", TRUE,
                                gr_enterprise_kind_names, &p->enterprise_kinds);

    case GR_RULE_QUALITY_STORAGE:
    case GR_RULE_ROTATION_NEWER_IN:
    case GR_RULE_INTAKE_NEW_GRAIN:
    case GR_RULE_STOCK_NEGATIVE:
    case GR_N_RULES:
    default:
      return TRUE;
    }
}

static gboolean
read_dates (GrJsonCheck *check,
            JsonObject  *object,
            const char  *path,
            const char  *key,
            GHashTable  *days)
{
  g_autofree char *sub = g_strdup_printf ("%s/%s", path, key);
  JsonArray *array;

  if (!gr_json_get_array (check, object, path, key, TRUE, &array))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *index = g_strdup_printf ("%u", i);
      GDate date;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          !gr_date_parse (json_node_get_string (node), &date))
        return gr_json_fail (check, sub, index, _("expected a date (YYYY-MM-DD)"));
      g_hash_table_add (days, GUINT_TO_POINTER (g_date_get_julian (&date)));
    }
  return TRUE;
}

static gboolean
read_calendar (GrProfile   *self,
               GrJsonCheck *check,
               JsonObject  *root)
{
  static const char * const keys[] = { "holidays", "workdays", "sources", NULL };
  JsonObject *calendar;
  JsonArray *sources;
  GHashTableIter iter;
  gpointer day;

  if (!gr_json_get_object (check, root, "", "calendar", TRUE, FALSE, &calendar) ||
      !gr_json_only_keys (check, calendar, "/calendar", keys) ||
      !read_dates (check, calendar, "/calendar", "holidays", self->holidays) ||
      !read_dates (check, calendar, "/calendar", "workdays", self->workdays) ||
      !gr_json_get_array (check, calendar, "/calendar", "sources", FALSE, &sources))
    return FALSE;
  g_hash_table_iter_init (&iter, self->workdays);
  while (g_hash_table_iter_next (&iter, &day, NULL))
    if (g_hash_table_contains (self->holidays, day))
      {
        GDate date;
        g_autofree char *iso = NULL;

        g_date_set_julian (&date, GPOINTER_TO_UINT (day));
        iso = gr_date_to_iso (&date);
        return gr_json_fail (check, "/calendar", "workdays", _("%s is also listed as a holiday"), iso);
      }
  return TRUE;
}

static gboolean
read_subsidy (GrProfile   *self,
              GrJsonCheck *check,
              JsonObject  *root)
{
  static const char * const keys[] = {
    "rates_yuan_per_jin_year", "rates_citation", "actual_stock_after_release",
    "actual_stock_citation", "vacancy_unpaid_after_deadline", "vacancy_unpaid_citation", NULL
  };
  const char *path = "/subsidy";
  const char *document, *article;
  JsonObject *subsidy, *rates;
  g_autoptr(GList) varieties = NULL;

  if (!gr_json_get_object (check, root, "", "subsidy", TRUE, FALSE, &subsidy) ||
      !gr_json_only_keys (check, subsidy, path, keys) ||
      !gr_json_get_object (check, subsidy, path, "rates_yuan_per_jin_year", TRUE, FALSE, &rates) ||
      !read_citation (check, subsidy, path, "rates_citation", &document, &article) ||
      !gr_json_get_bool (check, subsidy, path, "actual_stock_after_release", TRUE, &self->actual_after_release) ||
      !read_citation (check, subsidy, path, "actual_stock_citation", &document, &article) ||
      !gr_json_get_bool (check, subsidy, path, "vacancy_unpaid_after_deadline", TRUE, &self->vacancy_unpaid) ||
      !read_citation (check, subsidy, path, "vacancy_unpaid_citation", &document, &article))
    return FALSE;

  varieties = json_object_get_members (rates);
  for (const GList *l = varieties; l != NULL; l = l->next)
    {
      double *rate = g_new (double, 1);

      if (!gr_variety_is_valid (l->data))
        {
          g_free (rate);
          return gr_json_fail (check, "/subsidy/rates_yuan_per_jin_year", l->data, _("unknown variety"));
        }
      if (!gr_json_get_number (check, rates, "/subsidy/rates_yuan_per_jin_year", l->data, TRUE, 0, 100, rate))
        {
          g_free (rate);
          return FALSE;
        }
      g_hash_table_insert (self->rates, l->data, rate);
    }
  return TRUE;
}

static gboolean
read_retention (GrProfile   *self,
                GrJsonCheck *check,
                JsonObject  *root)
{
  static const char * const keys[] = { "years", "citation", "our_reading", "reading", NULL };
  const char *path = "/record_retention";
  const char *document, *article, *reading = NULL;
  gboolean our_reading = FALSE;
  JsonObject *retention;

  return gr_json_get_object (check, root, "", "record_retention", TRUE, FALSE, &retention) &&
         gr_json_only_keys (check, retention, path, keys) &&
         read_int (check, retention, path, "years", 1, 100, &self->retention_years) &&
         read_citation (check, retention, path, "citation", &document, &article) &&
         gr_json_get_bool (check, retention, path, "our_reading", TRUE, &our_reading) &&
         gr_json_get_string (check, retention, path, "reading", our_reading, &reading);
}

/* Nanchang 第三十六条: about a third of raw grain a year, half of bulk oil.
 * Not a finding of `check` (原则上…左右 is a principle, not a limit): the
 * planner and the rotation plan editor keep to it. */
static gboolean
read_rotation_balance (GrProfile   *self,
                       GrJsonCheck *check,
                       JsonObject  *root)
{
  static const char * const keys[] = { "citation", "our_reading", "reading", "bands", NULL };
  static const char * const band_keys[] = { "classes", "packaged", "min_percent", "max_percent", NULL };
  const char *path = "/rotation_balance";
  GrRotationBalance *balance = &self->balance;
  JsonObject *object;
  JsonArray *array;

  if (!gr_json_get_object (check, root, "", "rotation_balance", FALSE, FALSE, &object))
    return FALSE;
  if (object == NULL)
    return TRUE;
  if (!gr_json_only_keys (check, object, path, keys) ||
      !read_citation (check, object, path, "citation", &balance->document, &balance->article) ||
      !gr_json_get_bool (check, object, path, "our_reading", TRUE, &balance->our_reading) ||
      !gr_json_get_string (check, object, path, "reading", balance->our_reading, &balance->reading) ||
      !gr_json_get_array (check, object, path, "bands", TRUE, &array))
    return FALSE;
  if (balance->document == NULL)
    return gr_json_fail (check, path, "citation", _("this rule needs the article it comes from"));

  self->bands = g_array_new (FALSE, TRUE, sizeof (GrBalanceBand));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *index = g_strdup_printf ("%u", i);
      g_autofree char *entry_path = g_strdup_printf ("%s/bands/%u", path, i);
      g_autofree char *bands_path = g_strdup_printf ("%s/bands", path);
      GrBalanceBand band = { 0, -1, 0, 0 };
      JsonObject *entry;
      gboolean packaged = FALSE;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return gr_json_fail (check, bands_path, index, _("expected an object"));
      entry = json_node_get_object (node);
      if (!gr_json_only_keys (check, entry, entry_path, band_keys) ||
          !gr_json_get_flags (check, entry, entry_path, "classes", TRUE, gr_class_names, &band.classes) ||
          !read_int (check, entry, entry_path, "min_percent", 0, 100, &band.min_percent) ||
          !read_int (check, entry, entry_path, "max_percent", 0, 100, &band.max_percent))
        return FALSE;
      if (json_object_has_member (entry, "packaged"))
        {
          if (!gr_json_get_bool (check, entry, entry_path, "packaged", TRUE, &packaged))
            return FALSE;
          band.packaged = packaged ? 1 : 0;
        }
      if (band.classes == 0)
        return gr_json_fail (check, entry_path, "classes", _("must not be empty"));
      if (band.min_percent > band.max_percent)
        return gr_json_fail (check, entry_path, "max_percent", _("must not be below min_percent"));
      band.classes &= self->classes;
      g_array_append_val (self->bands, band);
    }
  balance->bands = (const GrBalanceBand *) (gpointer) self->bands->data;
  balance->n_bands = self->bands->len;
  balance->enabled = TRUE;
  return TRUE;
}

static gboolean
read_profile (GrProfile   *self,
              GrJsonCheck *check,
              JsonObject  *root)
{
  static const char * const keys[] = {
    "format", "version", "name", "document", "classes", "classes_citation",
    "record_retention", "calendar", "subsidy", "rules", "rotation_balance", NULL
  };
  const char *format = NULL;
  const char *document, *article;
  gint64 version = 0;
  JsonObject *rules;
  g_autoptr(GList) members = NULL;

  if (!gr_json_only_keys (check, root, "", keys) ||
      !gr_json_get_string (check, root, "", "format", TRUE, &format))
    return FALSE;
  if (strcmp (format, "granary-profile") != 0)
    return gr_json_fail (check, "", "format", _("expected “granary-profile”"));
  if (!gr_json_get_int (check, root, "", "version", TRUE, 1, 1, &version) ||
      !gr_json_get_string (check, root, "", "name", TRUE, &self->name) ||
      !gr_json_get_string (check, root, "", "document", TRUE, &self->document) ||
      !gr_json_get_flags (check, root, "", "classes", TRUE, gr_class_names, &self->classes))
    return FALSE;
  if (self->classes == 0)
    return gr_json_fail (check, "", "classes", _("must not be empty"));
  if ((json_object_has_member (root, "classes_citation") &&
       !read_citation (check, root, "", "classes_citation", &document, &article)) ||
      !read_retention (self, check, root) ||
      !read_calendar (self, check, root) ||
      !read_subsidy (self, check, root) ||
      !read_rotation_balance (self, check, root) ||
      !gr_json_get_object (check, root, "", "rules", TRUE, FALSE, &rules))
    return FALSE;

  members = json_object_get_members (rules);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      g_autofree char *path = g_strdup_printf ("/rules/%s", name);
      JsonObject *rule_object;
      GrRuleId rule;

      if (!gr_rule_id_from_string (name, &rule))
        return gr_json_fail (check, "/rules", name, _("unknown rule"));
      if (!gr_json_get_object (check, rules, "/rules", name, TRUE, FALSE, &rule_object) ||
          !read_rule (self, check, rule, rule_object, path))
        return FALSE;
    }
  return TRUE;
}

GrProfile *
gr_profile_load_data (const char  *name,
                      const char  *data,
                      gssize       length,
                      GError     **error)
{
  g_autoptr(GrProfile) self = g_new0 (GrProfile, 1);
  g_autofree char *base = g_path_get_basename (name);
  GrJsonCheck check = { name, error };

  g_atomic_ref_count_init (&self->ref_count);
  self->id = g_str_has_suffix (base, ".json") ? g_strndup (base, strlen (base) - 5) : g_strdup (base);
  self->holidays = g_hash_table_new (NULL, NULL);
  self->workdays = g_hash_table_new (NULL, NULL);
  self->rates = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  if ((self->root = gr_json_parse_object (&check, data, length)) == NULL)
    return NULL;
  if (!read_profile (self, &check, json_node_get_object (self->root)))
    return NULL;
  return g_steal_pointer (&self);
}

GrProfile *
gr_profile_load_file (const char  *path,
                      GError     **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  GrProfile *self;

  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND, _("Could not read the profile: %s"), local_error->message);
      return NULL;
    }
  if ((self = gr_profile_load_data (path, data, length, error)) != NULL)
    self->path = g_strdup (path);
  return self;
}

/* Where profiles are looked up, in order. */
static GPtrArray *
search_dirs (void)
{
  return gr_data_search_dirs ("profiles");
}

static gboolean
is_valid_id (const char *id)
{
  if (id == NULL || *id == '\0' || *id == '.')
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;
  return TRUE;
}

GrProfile *
gr_profile_load (const char  *id_or_path,
                 GError     **error)
{
  g_autoptr(GPtrArray) dirs = NULL;
  g_autofree char *file = NULL;
  g_autofree char *looked = NULL;
  GString *tried;

  g_return_val_if_fail (id_or_path != NULL, NULL);

  if (strchr (id_or_path, G_DIR_SEPARATOR) != NULL || g_str_has_suffix (id_or_path, ".json"))
    return gr_profile_load_file (id_or_path, error);
  if (!is_valid_id (id_or_path))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID, _("“%s” is not a profile id"), id_or_path);
      return NULL;
    }

  dirs = search_dirs ();
  file = g_strconcat (id_or_path, ".json", NULL);
  tried = g_string_new (NULL);
  for (guint i = 0; i < dirs->len; i++)
    {
      g_autofree char *path = g_build_filename (dirs->pdata[i], file, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_string_free (tried, TRUE);
          return gr_profile_load_file (path, error);
        }
      g_string_append_printf (tried, "%s%s", i ? ", " : "", (const char *) dirs->pdata[i]);
    }
  looked = g_string_free (tried, FALSE);
  g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND, _("No profile “%s” (looked in %s)"), id_or_path, looked);
  return NULL;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

char **
gr_profile_list_ids (void)
{
  g_autoptr(GPtrArray) dirs = search_dirs ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < dirs->len; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (dirs->pdata[i], 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          char *id;

          if (!g_str_has_suffix (name, ".json"))
            continue;
          id = g_strndup (name, strlen (name) - 5);
          if (!is_valid_id (id) || g_hash_table_contains (seen, id))
            {
              g_free (id);
              continue;
            }
          g_hash_table_add (seen, id);
          g_ptr_array_add (ids, id);
        }
    }
  g_ptr_array_sort (ids, compare_ids);
  g_ptr_array_add (ids, NULL);
  return g_strdupv ((char **) ids->pdata);
}

/* ---- Accessors ---------------------------------------------------------- */

const char *
gr_profile_get_id (GrProfile *self)
{
  return self->id;
}

const char *
gr_profile_get_name (GrProfile *self)
{
  return self->name;
}

const char *
gr_profile_get_document (GrProfile *self)
{
  return self->document;
}

guint
gr_profile_get_classes (GrProfile *self)
{
  return self->classes;
}

gboolean
gr_profile_covers_class (GrProfile    *self,
                         GrGrainClass  klass)
{
  return (self->classes & GR_CLASS_BIT (klass)) != 0;
}

const GrRuleParams *
gr_profile_get_rule (GrProfile *self,
                     GrRuleId   rule)
{
  g_return_val_if_fail (rule < GR_N_RULES, NULL);
  return self->rules[rule].enabled ? &self->rules[rule] : NULL;
}

const GrRotationBalance *
gr_profile_get_rotation_balance (GrProfile *self)
{
  return self->balance.enabled ? &self->balance : NULL;
}

const GrBalanceBand *
gr_profile_balance_band (GrProfile    *self,
                         GrGrainClass  klass,
                         gboolean      packaged)
{
  if (!self->balance.enabled)
    return NULL;
  for (guint i = 0; i < self->balance.n_bands; i++)
    {
      const GrBalanceBand *band = &self->balance.bands[i];

      if ((band->classes & GR_CLASS_BIT (klass)) != 0 &&
          (band->packaged < 0 || band->packaged == (packaged ? 1 : 0)))
        return band;
    }
  return NULL;
}

int
gr_profile_get_record_retention_years (GrProfile *self)
{
  return self->retention_years;
}

gboolean
gr_profile_is_working_day (GrProfile   *self,
                           const GDate *date)
{
  gpointer day = GUINT_TO_POINTER (g_date_get_julian (date));

  if (g_hash_table_contains (self->workdays, day))
    return TRUE;
  if (g_hash_table_contains (self->holidays, day))
    return FALSE;
  return g_date_get_weekday (date) <= G_DATE_FRIDAY;
}

void
gr_profile_add_working_days (GrProfile   *self,
                             const GDate *date,
                             int          n,
                             GDate       *out)
{
  *out = *date;
  while (n > 0)
    {
      g_date_add_days (out, 1);
      if (gr_profile_is_working_day (self, out))
        n--;
    }
}

double
gr_profile_get_subsidy_rate (GrProfile  *self,
                             const char *variety)
{
  double *rate = g_hash_table_lookup (self->rates, variety);

  return rate ? *rate : -1;
}

gboolean
gr_profile_subsidy_actual_after_release (GrProfile *self)
{
  return self->actual_after_release;
}

gboolean
gr_profile_subsidy_vacancy_unpaid (GrProfile *self)
{
  return self->vacancy_unpaid;
}
