/* gr-overview-page.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-overview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "gr-findings-panel.h"
#include "gr-format.h"
#include "gr-overview-page.h"
#include "gr-regions.h"
#include "gr-resources.h"
#include "gr-schema.h"
#include "gr-variety.h"

struct _GrOverviewPage
{
  AdwBin          parent_instance;

  /* Template Widgets */
  GtkLabel       *date_label;
  GtkWidget      *demo_note;
  GrFindingsPanel *findings_panel;
  GtkLabel       *lots_value;
  AdwActionRow   *path_row;
  GtkLabel       *plan_value;
  AdwActionRow   *profile_row;
  GtkLabel       *profile_value;
  GtkLabel       *ratio_value;
  GtkFlowBox     *records_box;
  GtkLabel       *stock_value;
  AdwActionRow   *targets_row;
  GtkLabel       *targets_value;
  AdwPreferencesGroup *varieties_group;
  GtkListBox     *varieties_list;
};

G_DEFINE_FINAL_TYPE (GrOverviewPage, gr_overview_page, ADW_TYPE_BIN)

/* Display names of the record counts, by dataset array (gr-schema.c). */
static const struct {
  const char *array;
  const char *name;
} record_names[] = {
  /* TRANSLATORS: record counts on the Overview: 承储企业 */
  { "enterprises",       N_("Enterprises") },
  /* TRANSLATORS: record counts: 库点 (storage depots) */
  { "depots",            N_("Depots") },
  /* TRANSLATORS: record counts: 仓房/廒间/油罐 (storage bins, silos, tanks) */
  { "bins",              N_("Bins") },
  /* TRANSLATORS: record counts: 承储计划 */
  { "plans",             N_("Storage plans") },
  /* TRANSLATORS: record counts: 货位 (stored lots of grain) */
  { "lots",              N_("Lots") },
  /* TRANSLATORS: record counts: 出入库记录 (stock movements in and out) */
  { "movements",         N_("Movements") },
  /* TRANSLATORS: record counts: 动用命令 (emergency release orders) */
  { "releases",          N_("Release orders") },
  /* TRANSLATORS: record counts: 轮换计划 */
  { "rotation_plans",    N_("Rotation plans") },
  /* TRANSLATORS: record counts: 月报告 */
  { "monthly_reports",   N_("Monthly reports") },
  /* TRANSLATORS: record counts: 质量检验 */
  { "quality_tests",     N_("Quality tests") },
  /* TRANSLATORS: record counts: 检查记录 */
  { "inspections",       N_("Inspection records") },
  /* TRANSLATORS: record counts: 整改销号 (closures of inspection findings) */
  { "finding_closures",  N_("Finding closures") },
  /* TRANSLATORS: record counts: 等级粮库评定 */
  { "depot_assessments", N_("Depot assessments") },
};

static const char *
record_name (const char *array)
{
  for (guint i = 0; i < G_N_ELEMENTS (record_names); i++)
    if (g_str_equal (record_names[i].array, array))
      return _(record_names[i].name);
  return array;
}

/* "83.7%", in integers so that a boundary never depends on rounding. */
static char *
format_ratio (gint64 stock_kg,
              gint64 plan_kg)
{
  gint64 permille;

  if (plan_kg <= 0)
    return g_strdup ("—");
  permille = (stock_kg * 1000 + plan_kg / 2) / plan_kg;
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%d%%", permille / 10, (int) (permille % 10));
}

static void
clear_list_box (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
clear_flow_box (GtkFlowBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_flow_box_remove (box, child);
}

static GtkWidget *
variety_row_new (const GrVarietyTotal *total)
{
  g_autofree char *stock = gr_format_tonnes (total->stock_kg);
  g_autofree char *plan = gr_format_tonnes (total->plan_kg);
  g_autofree char *amounts = g_strdup_printf ("%s / %s", stock, plan);
  g_autofree char *ratio = format_ratio (total->stock_kg, total->plan_kg);
  g_autofree char *lots = g_strdup_printf (ngettext ("%u lot in store", "%u lots in store", total->n_lots),
                                           total->n_lots);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *amounts_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *amounts_label = gtk_label_new (amounts);
  GtkWidget *ratio_label = gtk_label_new (ratio);
  GtkWidget *bar = gtk_level_bar_new_for_interval (0.0, 1.0);

  /* TRANSLATORS: grain class and lots of a variety, e.g. "原粮 · 12 个货位" */
  subtitle = g_strdup_printf (_("%s · %s"), gr_grain_class_name (gr_variety_class (total->variety)), lots);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gr_variety_name (total->variety));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_add_css_class (amounts_label, "numeric");
  gtk_label_set_xalign (GTK_LABEL (amounts_label), 1.0);
  gtk_box_append (GTK_BOX (amounts_box), amounts_label);

  /* The bar is the share of the plan in store, in the accent colour:
   * whether a share is enough depends on the profile, not on fixed
   * thresholds, so the default low/high colours would mislead. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar),
                           total->plan_kg > 0 ? MIN (1.0, (double) total->stock_kg / (double) total->plan_kg) : 0.0);
  gtk_widget_set_size_request (bar, 200, -1);
  gtk_box_append (GTK_BOX (amounts_box), bar);
  gtk_widget_set_valign (amounts_box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (amounts_box, 9);
  gtk_widget_set_margin_bottom (amounts_box, 9);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), amounts_box);

  gtk_widget_add_css_class (ratio_label, "numeric");
  gtk_widget_add_css_class (ratio_label, "ratio");
  gtk_label_set_width_chars (GTK_LABEL (ratio_label), 7);
  gtk_label_set_xalign (GTK_LABEL (ratio_label), 1.0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), ratio_label);

  return row;
}

static GtkWidget *
record_tile_new (const char *name,
                 gint64      count)
{
  g_autofree char *number = gr_format_thousands (count);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *count_label = gtk_label_new (number);
  GtkWidget *name_label = gtk_label_new (name);

  gtk_widget_add_css_class (box, "record");
  gtk_widget_add_css_class (count_label, "title-3");
  gtk_widget_add_css_class (count_label, "numeric");
  gtk_label_set_xalign (GTK_LABEL (count_label), 0.0);
  gtk_widget_add_css_class (name_label, "caption");
  gtk_widget_add_css_class (name_label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (name_label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (name_label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), count_label);
  gtk_box_append (GTK_BOX (box), name_label);
  return box;
}

static void
gr_overview_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GR_TYPE_OVERVIEW_PAGE);
  G_OBJECT_CLASS (gr_overview_page_parent_class)->dispose (object);
}

static void
gr_overview_page_class_init (GrOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gr_overview_page_dispose;

  gr_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/gr-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, date_label);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, demo_note);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, findings_panel);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, lots_value);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, path_row);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, plan_value);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, profile_row);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, profile_value);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, ratio_value);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, records_box);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, stock_value);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, targets_row);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, targets_value);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, varieties_group);
  gtk_widget_class_bind_template_child (widget_class, GrOverviewPage, varieties_list);

  g_type_ensure (GR_TYPE_FINDINGS_PANEL);
}

static void
gr_overview_page_init (GrOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
gr_overview_page_set_info (GrOverviewPage *self,
                           const GrInfo   *info,
                           const char     *targets)
{
  g_autofree char *today = gr_today_iso ();
  g_autofree char *today_text = gr_format_iso_date (today);
  g_autofree char *date_text = NULL;
  g_autofree char *varieties_text = NULL;
  g_autofree char *stock = gr_format_tonnes (info->stock_kg);
  g_autofree char *plan = gr_format_tonnes (info->plan_kg);
  g_autofree char *ratio = format_ratio (info->stock_kg, info->plan_kg);
  g_autofree char *lots = NULL;
  const GrEntity * const *entities = gr_schema_entities (NULL);
  const GrRegionChoice *choices;
  const GrRegionChoice *choice;
  guint n_lots = 0;
  guint n_choices;

  g_return_if_fail (GR_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (info != NULL);

  /* TRANSLATORS: %s is today's date, e.g. 2026年11月25日 */
  date_text = g_strdup_printf (_("As of %s"), today_text);
  gtk_label_set_label (self->date_label, date_text);
  gtk_widget_set_visible (self->demo_note, info->demo);

  /* Totals */
  for (guint i = 0; info->varieties != NULL && i < info->varieties->len; i++)
    n_lots += g_array_index (info->varieties, GrVarietyTotal, i).n_lots;
  lots = gr_format_thousands (n_lots);
  gtk_label_set_label (self->stock_value, stock);
  gtk_label_set_label (self->plan_value, plan);
  gtk_label_set_label (self->ratio_value, ratio);
  gtk_label_set_label (self->lots_value, lots);

  /* Stock by variety */
  /* TRANSLATORS: %s is a date, e.g. 2026年11月25日 */
  varieties_text = g_strdup_printf (_("Stock in store against the quantity of the storage plans valid on %s"),
                                    today_text);
  adw_preferences_group_set_description (self->varieties_group, varieties_text);
  clear_list_box (self->varieties_list);
  for (guint i = 0; info->varieties != NULL && i < info->varieties->len; i++)
    gtk_list_box_append (self->varieties_list,
                         variety_row_new (&g_array_index (info->varieties, GrVarietyTotal, i)));
  if (info->varieties == NULL || info->varieties->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No plans or stock yet"));
      gtk_list_box_append (self->varieties_list, row);
    }

  /* The database */
  choices = gr_profile_choices (&n_choices);
  choice = gr_region_choice_lookup (choices, n_choices, info->profile);
  gtk_label_set_label (self->profile_value,
                       info->profile ? gr_profile_display_name (info->profile) : _("Not set"));
  adw_action_row_set_subtitle (self->profile_row,
                               choice ? _(choice->document)
                                      : info->profile ? ""
                                                      : _("Choose one in Preferences"));
  choices = gr_target_choices (&n_choices);
  choice = gr_region_choice_lookup (choices, n_choices, targets);
  gtk_label_set_label (self->targets_value,
                       targets && *targets ? gr_target_display_name (targets) : _("Not set"));
  adw_action_row_set_subtitle (self->targets_row, choice ? _(choice->document) : "");
  adw_action_row_set_subtitle (self->path_row, info->path);

  /* Findings: the data may have changed, so the rules run again. */
  gr_findings_panel_set_source (self->findings_panel, info->path, info->profile);

  /* Record counts */
  clear_flow_box (self->records_box);
  for (guint i = 0; i < info->n_counts; i++)
    gtk_flow_box_append (self->records_box, record_tile_new (record_name (entities[i]->array), info->counts[i]));
}
