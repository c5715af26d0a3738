/* test-finding-groups.c: findings grouped by severity, then rule, filtered (no display)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "gr-finding-groups.h"

/* A finding as the engine makes it (gr-rules.c): a subject with its name
 * and place, a message that begins with that name, and a citation. */
static GrFinding *
finding_new (const char *rule,
             GrSeverity  severity,
             const char *subject_type,
             const char *subject_id,
             const char *subject_name,
             const char *enterprise,
             const char *depot,
             const char *variety,
             const char *due,
             const char *message,
             const char *article)
{
  GrFinding *finding = gr_finding_new (rule, severity, subject_type, subject_id);

  finding->due = g_strdup (due);
  finding->subject_name = g_strdup (subject_name);
  finding->enterprise = g_strdup (enterprise);
  finding->depot = g_strdup (depot);
  finding->variety = g_strdup (variety);
  finding->message = g_strdup (message);
  finding->document = g_strdup ("东莞市政府储备粮管理办法");
  finding->article = g_strdup (article);
  return finding;
}

/* Seven findings of the kinds the Dongguan profile gives, passed in the
 * engine's order (severity, rule id, subject id, due). */
static GPtrArray *
sample_items (void)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_finding_free);
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  /* 东莞 第十六条: storage years (age.limit) */
  g_ptr_array_add (findings, finding_new ("age.limit", GR_SEVERITY_VIOLATION, "lot", "lot-000001",
                                          "城北库 P01仓 中晚籼稻", "ent-01", "dep-01", "mid_late_indica_paddy", "2026-10-31",
                                          "城北库 P01仓 中晚籼稻：2023-11 入库，已储存 37 个月", "第十六条"));
  g_ptr_array_add (findings, finding_new ("age.limit", GR_SEVERITY_VIOLATION, "lot", "lot-000002",
                                          "城南库 P02仓 玉米", "ent-02", "dep-02", "corn", "2026-09-30",
                                          "城南库 P02仓 玉米: entered 2023-10, stored 38 months", "第十六条"));
  g_ptr_array_add (findings, finding_new ("age.limit", GR_SEVERITY_VIOLATION, "lot", "lot-000000",
                                          "城北库 P03仓 小麦", "ent-02", "dep-02", "wheat", NULL,
                                          "城北库 P03仓 小麦：储存年限无从计算", "第十六条"));
  /* 东莞 第十五条: 70 % of the enterprise's reserve scale */
  g_ptr_array_add (findings, finding_new ("stock.min_ratio", GR_SEVERITY_VIOLATION, "enterprise", "ent-01",
                                          "清远市储备粮管理有限公司", "ent-01", NULL, NULL, NULL,
                                          "清远市储备粮管理有限公司：储备规模 35,000 吨，低于 70%", "第十五条"));
  /* 东莞 第二十五条: one harvest year per bin */
  g_ptr_array_add (findings, finding_new ("storage.segregation", GR_SEVERITY_VIOLATION, "bin", "bin-00001",
                                          "城北库 P01仓", "ent-01", "dep-01", "mid_late_indica_paddy", NULL,
                                          "城北库 P01仓：存放 2 个货位，年份不同", "第二十五条"));
  g_ptr_array_add (findings, finding_new ("age.limit", GR_SEVERITY_WARNING, "lot", "lot-000003",
                                          "城北库 Q01仓 玉米", "ent-01", "dep-01", "corn", "2026-11-30",
                                          "城北库 Q01仓 玉米：3 年储存年限于 2026-11-30 届满", "第十六条"));
  /* 东莞 第三十七条: replenish within 12 months */
  g_ptr_array_add (findings, finding_new ("release.replenish", GR_SEVERITY_INFO, "release", "rel-01",
                                          "动用命令 清发改粮储〔2025〕15号", "ent-02", NULL, "rice", "2026-09-06",
                                          "动用命令 清发改粮储〔2025〕15号（2025-09-06，大米 1,600 吨）：已补库 0 吨",
                                          "第三十七条"));
  gr_findings_sort (findings);
  for (guint i = 0; i < findings->len; i++)
    g_ptr_array_add (items, gr_finding_item_new (g_steal_pointer (&findings->pdata[i])));
  return items;
}

/* The list as text, one line an item: "V" heading, "  rule 2" heading,
 * "    subject-id". */
static char *
describe (GListModel *model)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GrFindingItem) item = g_list_model_get_item (model, i);

      switch (gr_finding_item_get_kind (item))
        {
        case GR_FINDING_ITEM_SEVERITY:
          g_string_append_printf (out, "%s %u\n", gr_severity_to_string (gr_finding_item_get_severity (item)),
                                  gr_finding_item_get_count (item));
          break;
        case GR_FINDING_ITEM_RULE:
          g_string_append_printf (out, "  %s %u\n", gr_finding_item_get_rule (item), gr_finding_item_get_count (item));
          break;
        case GR_FINDING_ITEM_FINDING:
        default:
          g_string_append_printf (out, "    %s\n", gr_finding_item_get_finding (item)->subject_id);
          break;
        }
    }
  return g_string_free (out, FALSE);
}

static void
test_grouped (void)
{
  g_autoptr(GrFindingGroups) groups = gr_finding_groups_new ();
  g_autoptr(GPtrArray) items = sample_items ();
  g_autofree char *text = NULL;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (groups)) == GR_TYPE_FINDING_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (groups)), ==, 0);

  gr_finding_groups_set_items (groups, items);
  text = describe (G_LIST_MODEL (groups));
  /* Severity first, then the rules in the order of DESIGN.md §4 (stock
   * before age, though "age.limit" sorts first), then what falls due
   * first, what has no due date last. */
  g_assert_cmpstr (text, ==,
                   "violation 5\n"
                   "  stock.min_ratio 1\n"
                   "    ent-01\n"
                   "  age.limit 3\n"
                   "    lot-000002\n"
                   "    lot-000001\n"
                   "    lot-000000\n"
                   "  storage.segregation 1\n"
                   "    bin-00001\n"
                   "warning 1\n"
                   "  age.limit 1\n"
                   "    lot-000003\n"
                   "info 1\n"
                   "  release.replenish 1\n"
                   "    rel-01\n");
  g_assert_cmpuint (gr_finding_groups_get_count (groups, GR_SEVERITY_VIOLATION), ==, 5);
  g_assert_cmpuint (gr_finding_groups_get_count (groups, GR_SEVERITY_WARNING), ==, 1);
  g_assert_cmpuint (gr_finding_groups_get_count (groups, GR_SEVERITY_INFO), ==, 1);
  g_assert_cmpuint (gr_finding_groups_get_n_shown (groups), ==, 7);
  g_assert_cmpuint (gr_finding_groups_get_n_total (groups), ==, 7);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (groups), 15));

  /* The caller's array is left as it was: the engine's order. */
  g_assert_cmpuint (items->len, ==, 7);
  g_assert_cmpstr (gr_finding_item_get_finding (items->pdata[0])->subject_id, ==, "lot-000000");

  /* No findings: nothing at all, not even headings. */
  gr_finding_groups_set_items (groups, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (groups)), ==, 0);
  g_assert_cmpuint (gr_finding_groups_get_n_total (groups), ==, 0);
}

static void
test_filters (void)
{
  g_autoptr(GrFindingGroups) groups = gr_finding_groups_new ();
  g_autoptr(GPtrArray) items = sample_items ();
  char *text;

  gr_finding_groups_set_items (groups, items);

  /* Enterprise: its lots, bins and itself; groups left empty go. */
  gr_finding_groups_set_filter (groups, GR_FINDING_FILTER_ENTERPRISE, "ent-01");
  text = describe (G_LIST_MODEL (groups));
  g_assert_cmpstr (text, ==,
                   "violation 3\n"
                   "  stock.min_ratio 1\n"
                   "    ent-01\n"
                   "  age.limit 1\n"
                   "    lot-000001\n"
                   "  storage.segregation 1\n"
                   "    bin-00001\n"
                   "warning 1\n"
                   "  age.limit 1\n"
                   "    lot-000003\n");
  g_free (text);
  g_assert_cmpuint (gr_finding_groups_get_count (groups, GR_SEVERITY_INFO), ==, 0);
  g_assert_cmpuint (gr_finding_groups_get_n_total (groups), ==, 7);

  /* Depot as well: what has no depot (the enterprise itself) is not in it. */
  gr_finding_groups_set_filter (groups, GR_FINDING_FILTER_DEPOT, "dep-01");
  text = describe (G_LIST_MODEL (groups));
  g_assert_cmpstr (text, ==,
                   "violation 2\n"
                   "  age.limit 1\n"
                   "    lot-000001\n"
                   "  storage.segregation 1\n"
                   "    bin-00001\n"
                   "warning 1\n"
                   "  age.limit 1\n"
                   "    lot-000003\n");
  g_free (text);

  /* And a variety. */
  gr_finding_groups_set_filter (groups, GR_FINDING_FILTER_VARIETY, "corn");
  text = describe (G_LIST_MODEL (groups));
  g_assert_cmpstr (text, ==,
                   "warning 1\n"
                   "  age.limit 1\n"
                   "    lot-000003\n");
  g_free (text);
  g_assert_cmpstr (gr_finding_groups_get_filter (groups, GR_FINDING_FILTER_VARIETY), ==, "corn");

  /* "" and NULL both clear a filter. */
  gr_finding_groups_set_filter (groups, GR_FINDING_FILTER_ENTERPRISE, "");
  gr_finding_groups_set_filter (groups, GR_FINDING_FILTER_DEPOT, NULL);
  gr_finding_groups_set_filter (groups, GR_FINDING_FILTER_VARIETY, NULL);
  g_assert_null (gr_finding_groups_get_filter (groups, GR_FINDING_FILTER_ENTERPRISE));
  g_assert_cmpuint (gr_finding_groups_get_n_shown (groups), ==, 7);

  /* A rule across severities: 东莞 第十六条 only. */
  gr_finding_groups_set_filter (groups, GR_FINDING_FILTER_RULE, "age.limit");
  text = describe (G_LIST_MODEL (groups));
  g_assert_cmpstr (text, ==,
                   "violation 3\n"
                   "  age.limit 3\n"
                   "    lot-000002\n"
                   "    lot-000001\n"
                   "    lot-000000\n"
                   "warning 1\n"
                   "  age.limit 1\n"
                   "    lot-000003\n");
  g_free (text);

  /* Nothing left: an empty list, and zero counts. */
  gr_finding_groups_set_filter (groups, GR_FINDING_FILTER_ENTERPRISE, "ent-99");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (groups)), ==, 0);
  g_assert_cmpuint (gr_finding_groups_get_n_shown (groups), ==, 0);
  g_assert_cmpuint (gr_finding_groups_get_count (groups, GR_SEVERITY_VIOLATION), ==, 0);
  g_assert_cmpuint (gr_finding_groups_get_n_total (groups), ==, 7);

  /* New findings keep the filters. */
  gr_finding_groups_set_filter (groups, GR_FINDING_FILTER_ENTERPRISE, NULL);
  gr_finding_groups_set_items (groups, items);
  g_assert_cmpuint (gr_finding_groups_get_n_shown (groups), ==, 4);
}

/* A scope keeps one place's findings, as the Overview counts them
 * (gr_kpi_count_findings); the filters then work within it. */
static void
test_scope (void)
{
  g_autoptr(GrFindingGroups) groups = gr_finding_groups_new ();
  g_autoptr(GPtrArray) items = sample_items ();
  g_autoptr(GHashTable) regions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  char *text;

  g_hash_table_insert (regions, g_strdup ("dep-01"), g_strdup ("英德市"));
  g_hash_table_insert (regions, g_strdup ("dep-02"), g_strdup ("清城区"));
  gr_finding_groups_set_items (groups, items);

  /* An enterprise: its findings, the enterprise-wide one included. */
  gr_finding_groups_set_scope (groups, GR_KPI_SCOPE_ENTERPRISE, "ent-02", regions);
  g_assert_cmpint (gr_finding_groups_get_scope (groups), ==, GR_KPI_SCOPE_ENTERPRISE);
  text = describe (G_LIST_MODEL (groups));
  g_assert_cmpstr (text, ==,
                   "violation 2\n"
                   "  age.limit 2\n"
                   "    lot-000002\n"
                   "    lot-000000\n"
                   "info 1\n"
                   "  release.replenish 1\n"
                   "    rel-01\n");
  g_free (text);
  g_assert_cmpuint (gr_finding_groups_get_scope_count (groups, GR_SEVERITY_VIOLATION), ==, 2);
  g_assert_cmpuint (gr_finding_groups_get_scope_count (groups, GR_SEVERITY_INFO), ==, 1);
  g_assert_cmpuint (gr_finding_groups_get_n_total (groups), ==, 3);

  /* A region: the findings with a depot there; the enterprise-wide
   * stock finding of ent-01 has none, so it is not in 英德市. */
  gr_finding_groups_set_scope (groups, GR_KPI_SCOPE_REGION, "英德市", regions);
  text = describe (G_LIST_MODEL (groups));
  g_assert_cmpstr (text, ==,
                   "violation 2\n"
                   "  age.limit 1\n"
                   "    lot-000001\n"
                   "  storage.segregation 1\n"
                   "    bin-00001\n"
                   "warning 1\n"
                   "  age.limit 1\n"
                   "    lot-000003\n");
  g_free (text);
  g_assert_cmpstr (gr_finding_groups_depot_region (groups, "dep-02"), ==, "清城区");
  g_assert_null (gr_finding_groups_depot_region (groups, NULL));

  /* A filter within the scope: the counts shown drop, the scope's stay. */
  gr_finding_groups_set_filter (groups, GR_FINDING_FILTER_VARIETY, "corn");
  g_assert_cmpuint (gr_finding_groups_get_n_shown (groups), ==, 1);
  g_assert_cmpuint (gr_finding_groups_get_count (groups, GR_SEVERITY_VIOLATION), ==, 0);
  g_assert_cmpuint (gr_finding_groups_get_scope_count (groups, GR_SEVERITY_VIOLATION), ==, 2);
  g_assert_cmpuint (gr_finding_groups_get_scope_count (groups, GR_SEVERITY_WARNING), ==, 1);
  gr_finding_groups_set_filter (groups, GR_FINDING_FILTER_VARIETY, NULL);

  /* Without a table of regions no finding is in a region. */
  gr_finding_groups_set_scope (groups, GR_KPI_SCOPE_REGION, "英德市", NULL);
  g_assert_cmpuint (gr_finding_groups_get_n_total (groups), ==, 0);

  /* Everywhere again: all seven. */
  gr_finding_groups_set_scope (groups, GR_KPI_SCOPE_ALL, NULL, regions);
  g_assert_cmpuint (gr_finding_groups_get_n_shown (groups), ==, 7);
  g_assert_cmpuint (gr_finding_groups_get_scope_count (groups, GR_SEVERITY_VIOLATION), ==, 5);
}

static void
test_search (void)
{
  g_autoptr(GrFindingGroups) groups = gr_finding_groups_new ();
  g_autoptr(GPtrArray) items = sample_items ();
  g_autofree char *text = NULL;

  gr_finding_groups_set_items (groups, items);

  /* Chinese in the message. */
  gr_finding_groups_set_filter (groups, GR_FINDING_FILTER_SEARCH, "储备规模");
  g_assert_cmpuint (gr_finding_groups_get_n_shown (groups), ==, 1);
  /* The subject's name. */
  gr_finding_groups_set_filter (groups, GR_FINDING_FILTER_SEARCH, "城北库");
  g_assert_cmpuint (gr_finding_groups_get_n_shown (groups), ==, 4);
  /* The article cited: 东莞 第十六条 for the four age.limit findings. */
  gr_finding_groups_set_filter (groups, GR_FINDING_FILTER_SEARCH, "第十六条");
  g_assert_cmpuint (gr_finding_groups_get_n_shown (groups), ==, 4);
  /* Ids and rule ids in any case, the search text trimmed. */
  gr_finding_groups_set_filter (groups, GR_FINDING_FILTER_SEARCH, "  LOT-00000  ");
  g_assert_cmpuint (gr_finding_groups_get_n_shown (groups), ==, 4);
  gr_finding_groups_set_filter (groups, GR_FINDING_FILTER_SEARCH, "Storage.Segregation");
  text = describe (G_LIST_MODEL (groups));
  g_assert_cmpstr (text, ==,
                   "violation 1\n"
                   "  storage.segregation 1\n"
                   "    bin-00001\n");
  /* The rule's title (English here). */
  gr_finding_groups_set_filter (groups, GR_FINDING_FILTER_SEARCH, "storage years");
  g_assert_cmpuint (gr_finding_groups_get_n_shown (groups), ==, 4);
  /* Blank is no search. */
  gr_finding_groups_set_filter (groups, GR_FINDING_FILTER_SEARCH, "   ");
  g_assert_cmpuint (gr_finding_groups_get_n_shown (groups), ==, 7);
  gr_finding_groups_set_filter (groups, GR_FINDING_FILTER_SEARCH, "no such text");
  g_assert_cmpuint (gr_finding_groups_get_n_shown (groups), ==, 0);
}

typedef struct {
  guint n;
  guint position;
  guint removed;
  guint added;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->n++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
  /* The model is already in its new state. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, added);
}

static void
test_items_changed (void)
{
  g_autoptr(GrFindingGroups) groups = gr_finding_groups_new ();
  g_autoptr(GPtrArray) items = sample_items ();
  Changes changes = { 0 };

  g_signal_connect (groups, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  gr_finding_groups_set_items (groups, items);
  g_assert_cmpuint (changes.n, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 15);

  gr_finding_groups_set_filter (groups, GR_FINDING_FILTER_RULE, "stock.min_ratio");
  g_assert_cmpuint (changes.n, ==, 2);
  g_assert_cmpuint (changes.removed, ==, 15);
  g_assert_cmpuint (changes.added, ==, 3);

  /* The same filter again changes nothing, and says nothing. */
  gr_finding_groups_set_filter (groups, GR_FINDING_FILTER_RULE, "stock.min_ratio");
  g_assert_cmpuint (changes.n, ==, 2);

  /* Empty to empty is no change either. */
  gr_finding_groups_set_filter (groups, GR_FINDING_FILTER_ENTERPRISE, "ent-99");
  g_assert_cmpuint (changes.n, ==, 3);
  g_assert_cmpuint (changes.removed, ==, 3);
  g_assert_cmpuint (changes.added, ==, 0);
  gr_finding_groups_set_filter (groups, GR_FINDING_FILTER_DEPOT, "dep-99");
  g_assert_cmpuint (changes.n, ==, 3);
}

static void
test_item (void)
{
  g_autoptr(GPtrArray) items = sample_items ();
  g_autoptr(GrFindingItem) heading = gr_finding_item_new_heading (GR_FINDING_ITEM_RULE, GR_SEVERITY_WARNING,
                                                                  "age.limit", 3);
  GrFindingItem *stock = NULL;
  GrFindingItem *lot = NULL;
  GrFindingItem *english = NULL;
  GrFindingItem *release = NULL;
  g_autofree char *ref = NULL;
  g_autofree char *citation = NULL;

  for (guint i = 0; i < items->len; i++)
    {
      const GrFinding *finding = gr_finding_item_get_finding (items->pdata[i]);

      if (g_str_equal (finding->subject_id, "ent-01"))
        stock = items->pdata[i];
      else if (g_str_equal (finding->subject_id, "lot-000001"))
        lot = items->pdata[i];
      else if (g_str_equal (finding->subject_id, "lot-000002"))
        english = items->pdata[i];
      else if (g_str_equal (finding->subject_id, "rel-01"))
        release = items->pdata[i];
    }

  /* What the Stock page is asked to show. */
  ref = gr_finding_item_dup_subject_ref (lot);
  g_assert_cmpstr (ref, ==, "lot:lot-000001");
  g_clear_pointer (&ref, g_free);
  ref = gr_finding_item_dup_subject_ref (stock);
  g_assert_cmpstr (ref, ==, "enterprise:ent-01");
  g_assert_null (gr_finding_item_dup_subject_ref (heading));

  /* The citation (untranslated form: document, article). */
  citation = gr_finding_item_dup_citation (stock);
  g_assert_cmpstr (citation, ==, "东莞市政府储备粮管理办法, 第十五条");
  g_assert_null (gr_finding_item_dup_citation (heading));

  /* The row shows the subject above the message: the message loses the
   * name it begins with, after "：" or ":", but keeps it otherwise. */
  g_assert_cmpstr (gr_finding_item_get_short_message (lot), ==, "2023-11 入库，已储存 37 个月");
  g_assert_cmpstr (gr_finding_item_get_short_message (english), ==, "entered 2023-10, stored 38 months");
  g_assert_cmpstr (gr_finding_item_get_short_message (stock), ==, "储备规模 35,000 吨，低于 70%");
  g_assert_cmpstr (gr_finding_item_get_short_message (release), ==,
                   "动用命令 清发改粮储〔2025〕15号（2025-09-06，大米 1,600 吨）：已补库 0 吨");

  g_assert_cmpint (gr_finding_item_get_kind (heading), ==, GR_FINDING_ITEM_RULE);
  g_assert_cmpstr (gr_finding_item_get_rule (heading), ==, "age.limit");
  g_assert_cmpuint (gr_finding_item_get_count (heading), ==, 3);
  g_assert_null (gr_finding_item_get_finding (heading));

  /* Names for people; unknown ids as they are. */
  g_assert_cmpstr (gr_rule_title ("age.limit"), ==, "Storage years");
  g_assert_cmpstr (gr_rule_title ("no.such"), ==, "no.such");
  g_assert_cmpstr (gr_subject_type_name ("lot"), ==, "Lot");
  g_assert_cmpstr (gr_severity_icon_name (GR_SEVERITY_VIOLATION), ==, "dialog-error-symbolic");
}

int
main (int   argc,
      char *argv[])
{
  /* English source strings: the assertions read untranslated names. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/finding-groups/grouped", test_grouped);
  g_test_add_func ("/finding-groups/filters", test_filters);
  g_test_add_func ("/finding-groups/scope", test_scope);
  g_test_add_func ("/finding-groups/search", test_search);
  g_test_add_func ("/finding-groups/items-changed", test_items_changed);
  g_test_add_func ("/finding-groups/item", test_item);

  return g_test_run ();
}
