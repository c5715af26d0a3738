/* gr-rotation-page.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-rotation-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gr-bench.h"
#include "gr-chart-layer.h"
#include "gr-chart-legend.h"
#include "gr-format.h"
#include "gr-profile.h"
#include "gr-resources.h"
#include "gr-rotation-bench.h"
#include "gr-rotation-entry.h"
#include "gr-rotation-page.h"
#include "gr-rotation-plan-window.h"
#include "gr-window.h"
#include "gr-store-task.h"
#include "gr-string-list.h"
#include "gr-timeline-row.h"
#include "gr-variety.h"

/* Up to this many lots shown, every group opens; more, and the groups
 * start closed so that a province's timeline opens on its depots. */
#define EXPAND_ALL_LOTS 400

/* The vacancies filled this year that the list shows, the latest first:
 * a province fills tens of thousands a year. */
#define MAX_CLOSED_SHOWN 200

struct _GrRotationPage
{
  AdwBin              parent_instance;

  /* Template Widgets */
  GtkLabel           *as_of_label;
  GtkDropDown        *depot_dropdown;
  GtkDropDown        *enterprise_dropdown;
  AdwStatusPage      *error_page;
  GrChartLegend      *legend;
  GtkLabel           *next_year_label;
  GtkLabel           *order_count_label;
  GtkLabel           *order_label;
  GtkListView        *order_list;
  GtkLabel           *order_none_label;
  GtkStack           *order_stack;
  GtkLabel           *overdue_label;
  GtkStack           *stack;
  GtkWidget          *summary_box;
  GtkLabel           *this_year_label;
  GrTimelineView     *timeline_view;
  GtkLabel           *vacancy_count_label;
  GtkLabel           *vacancy_label;
  GtkListView        *vacancy_list;
  GtkLabel           *vacancy_none_label;
  GtkStack           *vacancy_stack;
  GtkDropDown        *variety_dropdown;

  /* Owned References */
  GCancellable       *cancellable;
  GCancellable       *group_cancellable;
  char               *db_path;
  char               *as_of;
  GrTimeline         *timeline;
  GrTimeline         *retired;          /* the one shown before, until its rows are gone */
  GPtrArray          *enterprise_ids;   /* borrowed from the timeline */
  GPtrArray          *depot_ids;
  GPtrArray          *varieties;
  GArray             *depots;           /* Depot, by name, borrowed from the timeline */
  GtkStringList      *enterprise_names; /* the drop-downs' lists, kept */
  GtkStringList      *depot_names;
  GtkStringList      *variety_names;
  char               *shown_key;        /* the choice of groups the view shows */
  char               *enterprise;
  char               *depot;
  char               *variety;
  GListStore         *vacancies;
  GListStore         *orders;
  char               *lists_key;      /* what the lists show */
  struct _Grouped    *pending;        /* a grouping shown whose lists are not yet */
  guint               lists_tick_id;
  guint               lists_id;

  GrTimelineGrouping  grouping;
  guint               n_shown;
  guint               generation;
  gboolean            attention;
  gboolean            include_empty;
  guint               loading : 1;
  guint               load_again : 1;
  guint               needs_load : 1;
  guint               grouping_busy : 1;
  guint               updating_controls : 1;
  guint               bench_started : 1;
};

G_DEFINE_FINAL_TYPE (GrRotationPage, gr_rotation_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ATTENTION,
  PROP_BUSY,
  PROP_GROUPING,
  PROP_INCLUDE_EMPTY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void regroup (GrRotationPage *self);

/*
 * Workers: they run in a thread and never touch a widget.
 */

/* A depot of the drop-down under an enterprise that has lots in it: its
 * strings borrowed from the timeline. */
typedef struct {
  const char *id;
  const char *name;
  const char *enterprise;
} Depot;

/* What a load reads: the timeline, and the choices of its drop-downs,
 * sorted here (a province's 60,000 lots and thousand depots). */
typedef struct {
  GrTimeline *timeline;
  GPtrArray  *enterprise_ids;     /* borrowed from the timeline, by name */
  GPtrArray  *enterprise_names;
  GPtrArray  *varieties;          /* codes, in their usual order */
  GArray     *depots;             /* Depot, by name (a depot once for each enterprise) */
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->timeline, gr_timeline_unref);
  g_clear_pointer (&loaded->enterprise_ids, g_ptr_array_unref);
  g_clear_pointer (&loaded->enterprise_names, g_ptr_array_unref);
  g_clear_pointer (&loaded->varieties, g_ptr_array_unref);
  g_clear_pointer (&loaded->depots, g_array_unref);
  g_free (loaded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

typedef struct {
  gpointer  id;
  gpointer  name;
  gpointer  enterprise;
  char     *key;
} Named;

static int
compare_named (gconstpointer a,
               gconstpointer b)
{
  return strcmp (((const Named *) a)->key, ((const Named *) b)->key);
}

/* The entries of a hash of id → Named, by name. */
static GArray *
sorted_by_name (GHashTable *named)
{
  GArray *sorted = g_array_sized_new (FALSE, FALSE, sizeof (Named), g_hash_table_size (named));
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, named);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Named n = *(Named *) value;

      n.key = g_utf8_collate_key_for_filename (n.name, -1);
      g_array_append_val (sorted, n);
    }
  g_array_sort (sorted, compare_named);
  for (guint i = 0; i < sorted->len; i++)
    g_free (g_array_index (sorted, Named, i).key);
  return sorted;
}

static void
read_choices (Loaded *loaded)
{
  GPtrArray *lots = gr_timeline_get_lots (loaded->timeline);
  const char * const *codes = gr_variety_codes ();
  g_autoptr(GHashTable) enterprises = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  /* A depot under each enterprise whose plans have lots in it. */
  g_autoptr(GHashTable) depots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) sorted_enterprises = NULL;
  g_autoptr(GArray) sorted_depots = NULL;

  for (guint i = 0; i < lots->len; i++)
    {
      GrTimelineLot *lot = lots->pdata[i];

      if (lot->enterprise != NULL)
        {
          Named *n = g_new0 (Named, 1);

          *n = (Named) { (gpointer) lot->enterprise, (gpointer) lot->enterprise_name, NULL, NULL };
          g_hash_table_replace (enterprises, (gpointer) lot->enterprise, n);
        }
      if (lot->depot != NULL)
        {
          Named *n = g_new0 (Named, 1);

          *n = (Named) { (gpointer) lot->depot, (gpointer) lot->depot_name, (gpointer) lot->enterprise, NULL };
          g_hash_table_replace (depots, g_strconcat (lot->enterprise ? lot->enterprise : "", "\037", lot->depot, NULL), n);
        }
      g_hash_table_add (seen, (gpointer) lot->variety);
    }

  sorted_enterprises = sorted_by_name (enterprises);
  loaded->enterprise_ids = g_ptr_array_sized_new (sorted_enterprises->len);
  loaded->enterprise_names = g_ptr_array_sized_new (sorted_enterprises->len);
  for (guint i = 0; i < sorted_enterprises->len; i++)
    {
      g_ptr_array_add (loaded->enterprise_ids, g_array_index (sorted_enterprises, Named, i).id);
      g_ptr_array_add (loaded->enterprise_names, g_array_index (sorted_enterprises, Named, i).name);
    }
  sorted_depots = sorted_by_name (depots);
  loaded->depots = g_array_sized_new (FALSE, FALSE, sizeof (Depot), sorted_depots->len);
  for (guint i = 0; i < sorted_depots->len; i++)
    {
      const Named *n = &g_array_index (sorted_depots, Named, i);

      g_array_append_val (loaded->depots, ((Depot) { n->id, n->name, n->enterprise }));
    }
  /* Varieties in their usual order (raw grain, finished grain, oil). */
  loaded->varieties = g_ptr_array_new ();
  for (guint i = 0; codes[i] != NULL; i++)
    if (g_hash_table_contains (seen, codes[i]))
      g_ptr_array_add (loaded->varieties, (gpointer) codes[i]);
}

static gpointer
load_worker (GrStore         *store,
             gpointer         task_data,
             GrProgressFunc   progress,
             gpointer         progress_data,
             GCancellable    *cancellable,
             GError         **error)
{
  const char *as_of = task_data;
  g_autofree char *profile_id = gr_store_get_meta (store, "profile");
  g_autoptr(GrProfile) profile = NULL;
  g_autoptr(Loaded) loaded = NULL;

  if (profile_id == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The database has no regulation profile: choose one in Preferences"));
      return NULL;
    }
  loaded = g_new0 (Loaded, 1);
  if ((profile = gr_profile_load (profile_id, error)) == NULL ||
      (loaded->timeline = gr_timeline_load (store, profile, as_of, error)) == NULL)
    return NULL;
  read_choices (loaded);
  return g_steal_pointer (&loaded);
}

typedef struct {
  GrTimeline         *timeline;
  GrTimelineFilter    filter;
  char               *enterprise;
  char               *depot;
  char               *variety;
  GrTimelineGrouping  grouping;
  guint               generation;
  char               *key;        /* the choice of groups */
} GroupData;

static void
group_data_free (GroupData *d)
{
  gr_timeline_unref (d->timeline);
  g_free (d->enterprise);
  g_free (d->depot);
  g_free (d->variety);
  g_free (d->key);
  g_free (d);
}

typedef struct _Grouped {
  GPtrArray  *groups;
  GListStore *vacancies;
  GListStore *orders;
  guint       n_lots;
  guint       n_overdue;       /* past the limit: overdue or delayed */
  guint       n_this_year;
  guint       n_next_year;
  guint       n_open_vacancies;
  guint       n_late_vacancies;  /* open past the deadline */
  guint       n_short_orders;
  guint       n_late_orders;     /* short past the due date */
  guint       n_closed_vacancies;
  guint       n_done_orders;
  guint       generation;
  char       *key;
} Grouped;

static void
grouped_free (Grouped *g)
{
  g_clear_pointer (&g->groups, g_ptr_array_unref);
  g_clear_object (&g->vacancies);
  g_clear_object (&g->orders);
  g_free (g->key);
  g_free (g);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Grouped, grouped_free)

static GrTimelineDay
year_start (GrTimeline *timeline)
{
  int y, m, d;

  gr_timeline_day_to_ymd (gr_timeline_get_as_of (timeline), &y, &m, &d);
  return gr_timeline_day_from_ymd (y, 1, 1);
}

static void
group_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GroupData *d = task_data;
  g_autoptr(Grouped) g = g_new0 (Grouped, 1);
  GrTimelineFilter place = d->filter;
  GrTimelineDay as_of = gr_timeline_get_as_of (d->timeline);
  GPtrArray *lots = gr_timeline_get_lots (d->timeline);
  g_autoptr(GPtrArray) vacancies = NULL;
  g_autoptr(GPtrArray) orders = NULL;

  g->generation = d->generation;
  g->key = g_strdup (d->key);
  g->groups = gr_timeline_group (d->timeline, &d->filter, d->grouping);
  for (guint i = 0; i < g->groups->len; i++)
    g->n_lots += ((GrTimelineGroup *) g->groups->pdata[i])->n_lots;

  /* The summary counts the lots in store of the places and variety
   * chosen, whatever the attention filter hides. */
  place.attention = FALSE;
  place.include_empty = FALSE;
  for (guint i = 0; i < lots->len; i++)
    {
      GrTimelineLot *lot = lots->pdata[i];

      if (lot->balance_kg <= 0 || !gr_timeline_lot_matches (d->timeline, lot, &place))
        continue;
      g->n_overdue += lot->life == GR_LIFE_OVERDUE || lot->life == GR_LIFE_DELAYED;
      g->n_this_year += lot->life == GR_LIFE_THIS_YEAR;
      g->n_next_year += lot->life == GR_LIFE_NEXT_YEAR;
    }

  vacancies = gr_timeline_select_vacancies (d->timeline, &place, year_start (d->timeline));
  g->vacancies = g_list_store_new (GR_TYPE_ROTATION_ENTRY);
  {
    g_autoptr(GPtrArray) entries = g_ptr_array_new_full (vacancies->len, g_object_unref);

    for (guint i = 0; i < vacancies->len; i++)
      {
        GrTimelineVacancy *v = vacancies->pdata[i];

        if (v->closed == GR_TIMELINE_NO_DAY)
          {
            g->n_open_vacancies++;
            g->n_late_vacancies += as_of > v->deadline;
          }
        else if (g->n_closed_vacancies++ >= MAX_CLOSED_SHOWN)
          continue;
        g_ptr_array_add (entries, gr_rotation_entry_new_vacancy (d->timeline, v));
      }
    g_list_store_splice (g->vacancies, 0, 0, entries->pdata, entries->len);
  }

  orders = gr_timeline_select_orders (d->timeline, &place, year_start (d->timeline));
  g->orders = g_list_store_new (GR_TYPE_ROTATION_ENTRY);
  for (guint i = 0; i < orders->len; i++)
    {
      GrTimelineOrder *o = orders->pdata[i];
      g_autoptr(GrRotationEntry) entry = gr_rotation_entry_new_order (d->timeline, o);

      if (o->completed == GR_TIMELINE_NO_DAY)
        {
          g->n_short_orders++;
          g->n_late_orders += as_of > o->due;
        }
      else
        g->n_done_orders++;
      g_list_store_append (g->orders, entry);
    }

  g_task_return_pointer (task, g_steal_pointer (&g), (GDestroyNotify) grouped_free);
}

static void
drop_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  gr_timeline_unref (task_data);
}

/* A province's timeline is 60,000 lots and 200,000 vacancies: it is freed
 * in a worker, once nothing shown points into it any more. */
static void
drop_retired (GrRotationPage *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->retired == NULL)
    return;
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, drop_retired);
  g_task_set_task_data (task, g_steal_pointer (&self->retired), NULL);
  g_task_run_in_thread (task, drop_worker);
}

/*
 * Auxiliary methods
 */

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
notify_busy (GrRotationPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

static void
set_pill (GtkLabel   *label,
          const char *text,
          const char *severity)
{
  static const char * const classes[] = { "violation", "warning", "info", "zero", NULL };

  gtk_label_set_label (label, text);
  for (guint i = 0; classes[i] != NULL; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (label), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (label), severity);
}

static void
update_summary (GrRotationPage *self,
                const Grouped  *g)
{
  g_autofree char *overdue = NULL, *this_year = NULL, *next_year = NULL, *vacancies = NULL, *orders = NULL;

  /* TRANSLATORS: in the Rotation page's summary: lots past their storage limit or shelf life → "超期 1 个货位" */
  overdue = g_strdup_printf (ngettext ("%u lot overdue", "%u lots overdue", g->n_overdue), g->n_overdue);
  set_pill (self->overdue_label, overdue, g->n_overdue > 0 ? "violation" : "zero");
  /* TRANSLATORS: lots whose limit ends by 31 December → "今年须轮出 3 个货位" */
  this_year = g_strdup_printf (ngettext ("%u lot to rotate this year", "%u lots to rotate this year", g->n_this_year),
                               g->n_this_year);
  set_pill (self->this_year_label, this_year, g->n_this_year > 0 ? "warning" : "zero");
  /* TRANSLATORS: lots whose limit ends next year → "明年到期 22 个货位" */
  next_year = g_strdup_printf (ngettext ("%u lot due next year", "%u lots due next year", g->n_next_year),
                               g->n_next_year);
  set_pill (self->next_year_label, next_year, g->n_next_year > 0 ? "info" : "zero");

  if (g->n_late_vacancies > 0)
    /* TRANSLATORS: open vacancies, of which some past their deadline → "架空 2 笔，其中 2 笔超期" */
    vacancies = g_strdup_printf (ngettext ("%u vacancy open, %u past its deadline", "%u vacancies open, %u past their deadline",
                                           g->n_open_vacancies), g->n_open_vacancies, g->n_late_vacancies);
  else
    /* TRANSLATORS: open vacancies → "架空 2 笔" */
    vacancies = g_strdup_printf (ngettext ("%u vacancy open", "%u vacancies open", g->n_open_vacancies),
                                 g->n_open_vacancies);
  set_pill (self->vacancy_label, vacancies,
            g->n_late_vacancies > 0 ? "violation" : g->n_open_vacancies > 0 ? "warning" : "zero");

  if (g->n_late_orders > 0)
    /* TRANSLATORS: release orders not yet replenished, some past the 12 months → "待补库 1 笔，其中 1 笔超期" */
    orders = g_strdup_printf (ngettext ("%u release to replenish, %u overdue", "%u releases to replenish, %u overdue",
                                        g->n_short_orders), g->n_short_orders, g->n_late_orders);
  else
    /* TRANSLATORS: release orders not yet replenished → "待补库 1 笔" */
    orders = g_strdup_printf (ngettext ("%u release to replenish", "%u releases to replenish", g->n_short_orders),
                              g->n_short_orders);
  set_pill (self->order_label, orders,
            g->n_late_orders > 0 ? "violation" : g->n_short_orders > 0 ? "warning" : "zero");
}

/* The entries of store take those of from, place by place, and tell
 * their rows; only a longer or shorter list adds or removes entries (and
 * rows of widgets). */
static void
replace_items (GListStore *store,
               GListModel *from)
{
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (store));
  guint n_new = g_list_model_get_n_items (from);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < MIN (n_old, n_new); i++)
    {
      g_autoptr(GrRotationEntry) entry = g_list_model_get_item (G_LIST_MODEL (store), i);
      g_autoptr(GrRotationEntry) newer = g_list_model_get_item (from, i);

      gr_rotation_entry_assign (entry, newer);
    }
  for (guint i = n_old; i < n_new; i++)
    g_ptr_array_add (items, g_list_model_get_item (from, i));
  if (n_new != n_old)
    g_list_store_splice (store, MIN (n_old, n_new), n_old > n_new ? n_old - n_new : 0, items->pdata, items->len);
}

/* The lists depend on the timeline and the place and variety chosen, not
 * on the grouping or the attention filter: they change only with those.
 * Their stores stay: the views keep their rows and rebind them. */
static void
update_lists (GrRotationPage *self,
              Grouped        *g)
{
  g_autofree char *vacancy_count = NULL, *order_count = NULL;
  g_autofree char *key = g_strdup_printf ("%p\037%s\037%s\037%s", (gpointer) self->timeline,
                                          self->enterprise ? self->enterprise : "", self->depot ? self->depot : "",
                                          self->variety ? self->variety : "");

  if (g_strcmp0 (key, self->lists_key) == 0)
    return;
  g_free (self->lists_key);
  self->lists_key = g_steal_pointer (&key);
  replace_items (self->vacancies, G_LIST_MODEL (g->vacancies));
  replace_items (self->orders, G_LIST_MODEL (g->orders));

  if (g->n_closed_vacancies > MAX_CLOSED_SHOWN)
    /* TRANSLATORS: the vacancy list's counts when only the latest filled ones are listed → "未补 2 · 今年已补 63,444（列出最近 200 笔）" */
    vacancy_count = g_strdup_printf (_("%u open · %u filled this year, the latest %u listed"),
                                     g->n_open_vacancies, g->n_closed_vacancies, MAX_CLOSED_SHOWN);
  else
    /* TRANSLATORS: the vacancy list's counts: open ones, and those filled this year → "未补 2 · 今年已补 231" */
    vacancy_count = g_strdup_printf (_("%u open · %u filled this year"), g->n_open_vacancies, g->n_closed_vacancies);
  gtk_label_set_label (self->vacancy_count_label, vacancy_count);
  /* TRANSLATORS: the release order list's counts → "待补 1 · 今年已补 0" */
  order_count = g_strdup_printf (_("%u to replenish · %u completed this year"), g->n_short_orders, g->n_done_orders);
  gtk_label_set_label (self->order_count_label, order_count);

  gtk_label_set_label (self->vacancy_none_label,
                       _("No vacancy open or filled this year. Vacancies count for the plans the profile's vacancy rule covers."));
  gtk_label_set_label (self->order_none_label, _("No release order open or replenished this year."));
  gtk_stack_set_visible_child_name (self->vacancy_stack, g_list_model_get_n_items (G_LIST_MODEL (self->vacancies)) ? "list" : "none");
  gtk_stack_set_visible_child_name (self->order_stack, g_list_model_get_n_items (G_LIST_MODEL (self->orders)) ? "list" : "none");
}

static gboolean
show_lists_cb (gpointer user_data)
{
  GrRotationPage *self = user_data;
  g_autoptr(Grouped) g = g_steal_pointer (&self->pending);

  self->lists_id = 0;
  update_lists (self, g);
  /* Nothing shown points into the timeline shown before any more. */
  drop_retired (self);
  self->n_shown++;
  notify_busy (self);

  if (g_getenv ("GRANARY_BENCH") != NULL && !gr_bench_pages () && !self->bench_started)
    {
      self->bench_started = TRUE;
      gr_rotation_bench_start (self);
    }
  return G_SOURCE_REMOVE;
}

/* The next frame (the timeline's) has begun: the lists after it. */
static gboolean
lists_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  GrRotationPage *self = GR_ROTATION_PAGE (widget);

  self->lists_tick_id = 0;
  if (self->lists_id == 0)
    self->lists_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, show_lists_cb, self, NULL);
  return G_SOURCE_REMOVE;
}

static void
group_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GrRotationPage *self = GR_ROTATION_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(Grouped) g = g_task_propagate_pointer (G_TASK (result), &error);

  if (is_cancelled (error) || g == NULL || g->generation != self->generation)
    return;
  self->grouping_busy = FALSE;
  /* The same choice of groups read again (after an import, a sync, a
   * saved plan): the rows keep their widgets and stay open or closed.
   * Another choice is shown anew, its groups closed (or all open). */
  if (g_strcmp0 (g->key, self->shown_key) == 0)
    gr_timeline_view_update_groups (self->timeline_view, self->timeline, g->groups, g->n_lots <= EXPAND_ALL_LOTS);
  else
    gr_timeline_view_set_groups (self->timeline_view, self->timeline, g->groups, g->n_lots <= EXPAND_ALL_LOTS);
  g_free (self->shown_key);
  self->shown_key = g_steal_pointer (&g->key);
  update_summary (self, g);
  /* The lists once the timeline is drawn: their new rows and the
   * timeline's, measured in one go, were more than a frame's work. */
  g_clear_pointer (&self->pending, grouped_free);
  self->pending = g_steal_pointer (&g);
  if (self->lists_tick_id == 0 && self->lists_id == 0)
    self->lists_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), lists_tick_cb, NULL, NULL);
}

static void
regroup (GrRotationPage *self)
{
  g_autoptr(GTask) task = NULL;
  GroupData *d;

  if (self->timeline == NULL)
    return;
  g_cancellable_cancel (self->group_cancellable);
  g_clear_object (&self->group_cancellable);
  self->group_cancellable = g_cancellable_new ();

  d = g_new0 (GroupData, 1);
  d->timeline = gr_timeline_ref (self->timeline);
  d->enterprise = g_strdup (self->enterprise);
  d->depot = g_strdup (self->depot);
  d->variety = g_strdup (self->variety);
  d->filter.enterprise = d->enterprise;
  d->filter.depot = d->depot;
  d->filter.variety = d->variety;
  d->filter.attention = self->attention;
  d->filter.include_empty = self->include_empty;
  d->grouping = self->grouping;
  d->generation = ++self->generation;
  d->key = g_strdup_printf ("%d\037%s\037%s\037%s\037%d\037%d", d->grouping, d->enterprise ? d->enterprise : "",
                            d->depot ? d->depot : "", d->variety ? d->variety : "", d->filter.attention,
                            d->filter.include_empty);

  self->grouping_busy = TRUE;
  notify_busy (self);
  task = g_task_new (self, self->group_cancellable, group_done_cb, NULL);
  g_task_set_source_tag (task, regroup);
  g_task_set_task_data (task, d, (GDestroyNotify) group_data_free);
  g_task_run_in_thread (task, group_worker);
}

static guint
position_of (GPtrArray  *ids,
             const char *id)
{
  guint index;

  if (id != NULL && ids != NULL && g_ptr_array_find_with_equal_func (ids, id, g_str_equal, &index))
    return index + 1;
  return 0;
}

/* A drop-down's list: "all" first, then names. Brought to it in place:
 * its popup keeps the rows of the names that stay. */
static void
set_choices (GtkStringList *list,
             const char    *all,
             GPtrArray     *names)
{
  g_autofree const char **strings = g_new0 (const char *, names->len + 2);

  strings[0] = all;
  for (guint i = 0; i < names->len; i++)
    strings[i + 1] = names->pdata[i];
  gr_string_list_update (list, strings);
}

static void
fill_depot_dropdown (GrRotationPage *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);

  g_clear_pointer (&self->depot_ids, g_ptr_array_unref);
  self->depot_ids = g_ptr_array_new ();
  for (guint i = 0; self->depots != NULL && i < self->depots->len; i++)
    {
      const Depot *depot = &g_array_index (self->depots, Depot, i);

      if ((self->enterprise == NULL || g_strcmp0 (depot->enterprise, self->enterprise) == 0) &&
          g_hash_table_add (listed, (gpointer) depot->id))
        {
          g_ptr_array_add (self->depot_ids, (gpointer) depot->id);
          g_ptr_array_add (names, (gpointer) depot->name);
        }
    }
  set_choices (self->depot_names, _("All depots"), names);
  gtk_drop_down_set_selected (self->depot_dropdown, position_of (self->depot_ids, self->depot));
}

/* The drop-downs show the enterprise, depot and variety chosen. */
static void
select_controls (GrRotationPage *self)
{
  self->updating_controls = TRUE;
  gtk_drop_down_set_selected (self->enterprise_dropdown, position_of (self->enterprise_ids, self->enterprise));
  gtk_drop_down_set_selected (self->variety_dropdown, position_of (self->varieties, self->variety));
  fill_depot_dropdown (self);
  self->updating_controls = FALSE;
}

/* The choices of a new reading (its arrays move into the page). */
static void
fill_controls (GrRotationPage *self,
               Loaded         *loaded)
{
  g_autoptr(GPtrArray) variety_names = g_ptr_array_new ();

  self->updating_controls = TRUE;
  g_clear_pointer (&self->enterprise_ids, g_ptr_array_unref);
  self->enterprise_ids = g_steal_pointer (&loaded->enterprise_ids);
  set_choices (self->enterprise_names, _("All enterprises"), loaded->enterprise_names);
  g_clear_pointer (&self->varieties, g_ptr_array_unref);
  self->varieties = g_steal_pointer (&loaded->varieties);
  for (guint i = 0; i < self->varieties->len; i++)
    g_ptr_array_add (variety_names, (gpointer) gr_variety_name (self->varieties->pdata[i]));
  set_choices (self->variety_names, _("All varieties"), variety_names);
  g_clear_pointer (&self->depots, g_array_unref);
  self->depots = g_steal_pointer (&loaded->depots);
  select_controls (self);
}

static void
set_legend (GrRotationPage *self)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_chart_legend_entry_free);
  static const GrLifeClass lives[] = {
    GR_LIFE_OVERDUE, GR_LIFE_DELAYED, GR_LIFE_THIS_YEAR, GR_LIFE_NEXT_YEAR, GR_LIFE_LATER, GR_LIFE_EMPTY,
  };

  for (guint i = 0; i < G_N_ELEMENTS (lives); i++)
    g_ptr_array_add (entries, gr_chart_legend_entry_new (gr_life_class_name (lives[i]), GR_CHART_SWATCH_BOX,
                                                         gr_timeline_life_color (lives[i]), 0));
  /* TRANSLATORS: legend: the end of a lot's storage-year limit (储存年限) */
  g_ptr_array_add (entries, gr_chart_legend_entry_new (_("Storage limit"), GR_CHART_SWATCH_MARKER, GR_CHART_COLOR_FOREGROUND, 0));
  /* TRANSLATORS: legend: an item of the annual rotation plan (out month → in month), 轮换计划 */
  g_ptr_array_add (entries, gr_chart_legend_entry_new (_("Rotation plan"), GR_CHART_SWATCH_BOX, GR_TIMELINE_COLOR_ITEM, 0));
  /* TRANSLATORS: legend: the vacancy after a rotate-out, 架空期 */
  g_ptr_array_add (entries, gr_chart_legend_entry_new (_("Vacancy"), GR_CHART_SWATCH_BAND, GR_TIMELINE_COLOR_VACANCY, 0));
  /* TRANSLATORS: legend: a vacancy or a replenishment past its deadline (not a lot past its limit) → "架空或补库逾期" */
  g_ptr_array_add (entries, gr_chart_legend_entry_new (_("Vacancy or replenishment late"), GR_CHART_SWATCH_BAND, GR_TIMELINE_COLOR_LATE, 0));
  /* TRANSLATORS: legend: an emergency release until it is replenished, 动用待补库 */
  g_ptr_array_add (entries, gr_chart_legend_entry_new (_("Release to replenish"), GR_CHART_SWATCH_BAND, GR_TIMELINE_COLOR_ORDER, 0));
  g_ptr_array_add (entries, gr_chart_legend_entry_new (_("Today"), GR_CHART_SWATCH_LINE, GR_CHART_COLOR_ACCENT, 0));
  gr_chart_legend_set_entries (self->legend, entries);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GrRotationPage *self = GR_ROTATION_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(Loaded) loaded = NULL;

  loaded = gr_store_task_run_finish (result, &error);
  if (is_cancelled (error))
    return;
  self->loading = FALSE;
  notify_busy (self);
  if (self->load_again)
    {
      self->load_again = FALSE;
      gr_rotation_page_reload (self);
      return;
    }
  if (loaded == NULL)
    {
      g_autofree char *markup = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (self->error_page, markup);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  if (self->timeline != NULL)
    {
      drop_retired (self);
      self->retired = g_steal_pointer (&self->timeline);
    }
  self->timeline = g_steal_pointer (&loaded->timeline);
  fill_controls (self, loaded);
  {
    g_autofree char *iso = gr_timeline_day_to_iso (gr_timeline_get_as_of (self->timeline));
    g_autofree char *date = gr_format_iso_date (iso);
    g_autofree char *text = g_strdup_printf (_("As of %s"), date);

    gtk_label_set_label (self->as_of_label, text);
  }
  gtk_stack_set_visible_child_name (self->stack, gr_timeline_get_lots (self->timeline)->len > 0 ? "main" : "empty");
  regroup (self);
}

static void
load (GrRotationPage *self)
{
  if (self->db_path == NULL)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->needs_load = TRUE;
      return;
    }
  self->needs_load = FALSE;
  if (self->loading)
    {
      self->load_again = TRUE;
      return;
    }
  self->loading = TRUE;
  if (self->timeline == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  notify_busy (self);
  gr_store_task_run_async (self, self->db_path, load_worker, g_strdup (self->as_of), g_free,
                           (GDestroyNotify) loaded_free, NULL, NULL, self->cancellable, load_done_cb, NULL);
}

static void
show_lot (GrRotationPage *self,
          const char     *lot)
{
  g_autofree char *filter = NULL;

  if (lot == NULL)
    return;
  filter = g_strdup_printf ("lot:%s", lot);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-stock", "s", filter);
}

/*
 * Callbacks
 */

static void
enterprise_selected_cb (GrRotationPage *self)
{
  guint position = gtk_drop_down_get_selected (self->enterprise_dropdown);
  const char *id = position > 0 && self->enterprise_ids && position <= self->enterprise_ids->len
                   ? self->enterprise_ids->pdata[position - 1] : NULL;

  if (self->updating_controls || g_strcmp0 (id, self->enterprise) == 0)
    return;
  g_free (self->enterprise);
  self->enterprise = g_strdup (id);
  /* A depot of another enterprise would leave nothing to show. */
  g_clear_pointer (&self->depot, g_free);
  self->updating_controls = TRUE;
  fill_depot_dropdown (self);
  self->updating_controls = FALSE;
  regroup (self);
}

static void
depot_selected_cb (GrRotationPage *self)
{
  guint position = gtk_drop_down_get_selected (self->depot_dropdown);
  const char *id = position > 0 && self->depot_ids && position <= self->depot_ids->len
                   ? self->depot_ids->pdata[position - 1] : NULL;

  if (self->updating_controls || g_strcmp0 (id, self->depot) == 0)
    return;
  g_free (self->depot);
  self->depot = g_strdup (id);
  regroup (self);
}

static void
variety_selected_cb (GrRotationPage *self)
{
  guint position = gtk_drop_down_get_selected (self->variety_dropdown);
  const char *code = position > 0 && self->varieties && position <= self->varieties->len
                     ? self->varieties->pdata[position - 1] : NULL;

  if (self->updating_controls || g_strcmp0 (code, self->variety) == 0)
    return;
  g_free (self->variety);
  self->variety = g_strdup (code);
  regroup (self);
}

static void
lot_activated_cb (GrRotationPage *self,
                  const char     *lot)
{
  show_lot (self, lot);
}

static void
vacancy_activated_cb (GrRotationPage *self,
                      guint           position)
{
  g_autoptr(GrRotationEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->vacancies), position);
  GrTimelineVacancy *v = entry ? gr_rotation_entry_get_vacancy (entry) : NULL;

  if (v != NULL && v->lot != NULL)
    show_lot (self, v->lot->id);
}

static void
order_activated_cb (GrRotationPage *self,
                    guint           position)
{
  g_autoptr(GrRotationEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->orders), position);
  GrTimelineOrder *o = entry ? gr_rotation_entry_get_order (entry) : NULL;

  if (o != NULL && o->n_releases > 0 && o->releases[0].lot != NULL)
    show_lot (self, o->releases[0].lot->id);
}

/* List rows: made in code, filled on bind. Inscriptions, not labels:
 * their height is their number of lines, known without laying the text
 * out, so rebinding the list's rows (a list view keeps two hundred)
 * shapes only the text drawn. A line too long for the panel ends in an
 * ellipsis; the row's tooltip has it whole. */
#define ENTRY_LINE_UNITS 56   /* half-width characters on a line of the side panel */

static GtkWidget *
inscription (const char *css_class)
{
  GtkWidget *w = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (w), 0);
  gtk_inscription_set_wrap_mode (GTK_INSCRIPTION (w), PANGO_WRAP_WORD_CHAR);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (w), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_set_hexpand (w, TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (w, css_class);
  return w;
}

/* How many lines text takes on the panel: its lines, each wrapped at
 * about ENTRY_LINE_UNITS half-width characters (a Chinese one counts 2). */
static guint
count_lines (const char *text,
             guint       units_per_line)
{
  guint lines = 0, units = 0;

  if (text == NULL || *text == '\0')
    return 0;
  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == 0)
        {
          lines += MAX (1, (units + units_per_line - 1) / units_per_line);
          units = 0;
          if (c == 0)
            break;
          continue;
        }
      units += g_unichar_iswide (c) ? 2 : 1;
    }
  return lines;
}

static void
set_inscription (GtkWidget  *w,
                 const char *text,
                 guint       units_per_line)
{
  guint lines = count_lines (text, units_per_line);

  gtk_inscription_set_text (GTK_INSCRIPTION (w), text);
  gtk_inscription_set_min_lines (GTK_INSCRIPTION (w), lines);
  gtk_inscription_set_nat_lines (GTK_INSCRIPTION (w), lines);
  gtk_widget_set_visible (w, lines > 0);
}

static gboolean entry_query_tooltip_cb (GtkWidget *box, int x, int y, gboolean keyboard,
                                        GtkTooltip *tooltip, gpointer user_data);

static void
entry_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *title = inscription ("heading");
  GtkWidget *status = gtk_label_new (NULL);
  GtkWidget *detail = inscription ("caption");
  GtkWidget *allocation = inscription ("caption");

  gtk_widget_set_valign (status, GTK_ALIGN_START);
  gtk_widget_add_css_class (status, "severity-pill");
  gtk_widget_add_css_class (status, "status");
  gtk_box_append (GTK_BOX (top), title);
  gtk_box_append (GTK_BOX (top), status);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (allocation, "allocation");
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_box_append (GTK_BOX (box), allocation);
  gtk_widget_add_css_class (box, "rotation-entry");
  gtk_widget_set_has_tooltip (box, TRUE);
  g_signal_connect (box, "query-tooltip", G_CALLBACK (entry_query_tooltip_cb), NULL);
  gtk_list_item_set_child (item, box);
}

static void
entry_fill (GtkWidget       *box,
            GrRotationEntry *entry)
{
  GtkWidget *top = gtk_widget_get_first_child (box);
  GtkWidget *title = gtk_widget_get_first_child (top);
  GtkWidget *status = gtk_widget_get_next_sibling (title);
  GtkWidget *detail = gtk_widget_get_next_sibling (top);
  GtkWidget *allocation = gtk_widget_get_next_sibling (detail);
  g_autofree char *title_text = gr_rotation_entry_dup_title (entry);
  g_autofree char *detail_text = gr_rotation_entry_dup_detail (entry);
  g_autofree char *allocation_text = gr_rotation_entry_dup_allocation (entry);
  g_autofree char *status_text = NULL;
  g_autofree char *summary = NULL;
  const char *status_class = "ok";

  status_text = gr_rotation_entry_dup_status (entry, &status_class);
  summary = g_strdup_printf ("%s, %s\n%s\n%s\n%s", title_text, status_text, detail_text, allocation_text, status_class);
  /* A row given the same entry again, or an entry read again the same,
   * shows what it shows. */
  if (g_strcmp0 (summary, g_object_get_data (G_OBJECT (box), "shown")) == 0)
    return;
  g_object_set_data_full (G_OBJECT (box), "shown", g_strdup (summary), g_free);
  /* The title shares its line with the status: fewer characters fit. */
  set_inscription (title, title_text, ENTRY_LINE_UNITS * 2 / 3);
  gtk_label_set_label (GTK_LABEL (status), status_text);
  gtk_widget_remove_css_class (status, "violation");
  gtk_widget_remove_css_class (status, "warning");
  gtk_widget_remove_css_class (status, "zero");
  gtk_widget_add_css_class (status, g_str_equal (status_class, "ok") ? "zero" : status_class);
  set_inscription (detail, detail_text, ENTRY_LINE_UNITS);
  set_inscription (allocation, allocation_text, ENTRY_LINE_UNITS);
  g_free (summary);
  summary = g_strdup_printf ("%s, %s\n%s\n%s", title_text, status_text, detail_text, allocation_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, summary, -1);
  /* Kept for the tooltip, asked for only when the pointer rests there. */
  g_object_set_data_full (G_OBJECT (box), "summary", g_steal_pointer (&summary), g_free);
}

static void
entry_changed_cb (GrRotationEntry *entry,
                  GtkWidget       *box)
{
  entry_fill (box, entry);
}

static void
entry_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GrRotationEntry *entry = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);

  entry_fill (box, entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (entry_changed_cb), box, 0);
}

static void
entry_unbind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GrRotationEntry *entry = gtk_list_item_get_item (item);

  if (entry != NULL)
    g_signal_handlers_disconnect_by_func (entry, entry_changed_cb, gtk_list_item_get_child (item));
}

static gboolean
entry_query_tooltip_cb (GtkWidget  *box,
                        int         x,
                        int         y,
                        gboolean    keyboard,
                        GtkTooltip *tooltip,
                        gpointer    user_data)
{
  const char *summary = g_object_get_data (G_OBJECT (box), "summary");

  if (summary == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, summary);
  return TRUE;
}

static void
set_up_list (GtkListView *list,
             GListStore  *store)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) model = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (store)));

  g_signal_connect (factory, "setup", G_CALLBACK (entry_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (entry_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (entry_unbind_cb), NULL);
  gtk_list_view_set_factory (list, factory);
  gtk_list_view_set_model (list, GTK_SELECTION_MODEL (model));
}

/*
 * Actions
 */

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  gr_timeline_view_zoom_in (GR_ROTATION_PAGE (widget)->timeline_view);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  gr_timeline_view_zoom_out (GR_ROTATION_PAGE (widget)->timeline_view);
}

static void
today_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  gr_timeline_view_scroll_to_today (GR_ROTATION_PAGE (widget)->timeline_view);
}

static void
plan_changed_cb (GrRotationPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* A saved plan is on the timeline, and in the findings (plan.annual). */
  if (GR_IS_WINDOW (root))
    gr_window_reload (GR_WINDOW (root));
  else
    gr_rotation_page_reload (self);
}

/* The plan of the enterprise chosen (or the first): next year's from
 * October on, when it is being drawn up (Dongguan 第十二条: by 31
 * December; Nanchang 第十九条: in the fourth quarter), else this year's. */
static void
edit_plan_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  GrRotationPage *self = GR_ROTATION_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GrRotationPlanWindow *window;
  int y, m, d;

  if (self->db_path == NULL || self->timeline == NULL)
    return;
  gr_timeline_day_to_ymd (gr_timeline_get_as_of (self->timeline), &y, &m, &d);
  window = gr_rotation_plan_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->db_path,
                                        self->enterprise, m >= 10 ? y + 1 : y, self->as_of);
  g_signal_connect_object (window, "changed", G_CALLBACK (plan_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

/*
 * GObject overrides
 */

static void
gr_rotation_page_map (GtkWidget *widget)
{
  GrRotationPage *self = GR_ROTATION_PAGE (widget);

  GTK_WIDGET_CLASS (gr_rotation_page_parent_class)->map (widget);
  /* Read when first shown: the Overview comes first at start-up. */
  if (self->needs_load)
    load (self);
}

static void
gr_rotation_page_dispose (GObject *object)
{
  GrRotationPage *self = GR_ROTATION_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->group_cancellable);
  g_clear_handle_id (&self->lists_id, g_source_remove);
  if (self->lists_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->lists_tick_id);
      self->lists_tick_id = 0;
    }
  g_clear_pointer (&self->pending, grouped_free);
  /* The stack is both the bin's child and a bound template child. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GR_TYPE_ROTATION_PAGE);

  G_OBJECT_CLASS (gr_rotation_page_parent_class)->dispose (object);
}

static void
gr_rotation_page_finalize (GObject *object)
{
  GrRotationPage *self = GR_ROTATION_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->group_cancellable);
  g_clear_object (&self->vacancies);
  g_clear_object (&self->orders);
  g_clear_pointer (&self->enterprise_ids, g_ptr_array_unref);
  g_clear_pointer (&self->depot_ids, g_ptr_array_unref);
  g_clear_pointer (&self->varieties, g_ptr_array_unref);
  g_clear_pointer (&self->depots, g_array_unref);
  g_clear_object (&self->enterprise_names);
  g_clear_object (&self->depot_names);
  g_clear_object (&self->variety_names);
  g_clear_pointer (&self->timeline, gr_timeline_unref);
  g_clear_pointer (&self->retired, gr_timeline_unref);
  g_free (self->lists_key);
  g_free (self->shown_key);
  g_free (self->db_path);
  g_free (self->as_of);
  g_free (self->enterprise);
  g_free (self->depot);
  g_free (self->variety);

  G_OBJECT_CLASS (gr_rotation_page_parent_class)->finalize (object);
}

static void
gr_rotation_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GrRotationPage *self = GR_ROTATION_PAGE (object);

  switch (prop_id)
    {
    case PROP_ATTENTION:
      g_value_set_boolean (value, self->attention);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, gr_rotation_page_get_busy (self));
      break;

    case PROP_GROUPING:
      g_value_set_string (value, self->grouping == GR_TIMELINE_BY_PLAN ? "plan" : "place");
      break;

    case PROP_INCLUDE_EMPTY:
      g_value_set_boolean (value, self->include_empty);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_rotation_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  GrRotationPage *self = GR_ROTATION_PAGE (object);

  switch (prop_id)
    {
    case PROP_ATTENTION:
      gr_rotation_page_set_attention (self, g_value_get_boolean (value));
      break;

    case PROP_GROUPING:
      gr_rotation_page_set_grouping (self, g_strcmp0 (g_value_get_string (value), "plan") == 0
                                           ? GR_TIMELINE_BY_PLAN : GR_TIMELINE_BY_PLACE);
      break;

    case PROP_INCLUDE_EMPTY:
      if (self->include_empty != g_value_get_boolean (value))
        {
          self->include_empty = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
          regroup (self);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_rotation_page_class_init (GrRotationPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gr_rotation_page_dispose;
  object_class->finalize = gr_rotation_page_finalize;
  object_class->get_property = gr_rotation_page_get_property;
  object_class->set_property = gr_rotation_page_set_property;
  widget_class->map = gr_rotation_page_map;

  properties [PROP_ATTENTION] =
    g_param_spec_boolean ("attention", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_GROUPING] =
    g_param_spec_string ("grouping", NULL, NULL, "place",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_INCLUDE_EMPTY] =
    g_param_spec_boolean ("include-empty", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gr_resources_ensure ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/gr-rotation-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GrRotationPage, as_of_label);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPage, depot_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPage, enterprise_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPage, legend);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPage, next_year_label);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPage, order_count_label);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPage, order_label);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPage, order_list);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPage, order_none_label);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPage, order_stack);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPage, overdue_label);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPage, stack);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPage, summary_box);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPage, this_year_label);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPage, timeline_view);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPage, vacancy_count_label);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPage, vacancy_label);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPage, vacancy_list);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPage, vacancy_none_label);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPage, vacancy_stack);
  gtk_widget_class_bind_template_child (widget_class, GrRotationPage, variety_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, depot_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, enterprise_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, lot_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, order_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, vacancy_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, variety_selected_cb);

  gtk_widget_class_install_property_action (widget_class, "rotation.attention", "attention");
  gtk_widget_class_install_property_action (widget_class, "rotation.include-empty", "include-empty");
  gtk_widget_class_install_property_action (widget_class, "rotation.grouping", "grouping");
  gtk_widget_class_install_action (widget_class, "rotation.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "rotation.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "rotation.today", NULL, today_action);
  gtk_widget_class_install_action (widget_class, "rotation.edit-plan", NULL, edit_plan_action);

  g_type_ensure (GR_TYPE_CHART_LEGEND);
  g_type_ensure (GR_TYPE_TIMELINE_VIEW);
}

static void
gr_rotation_page_init (GrRotationPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->vacancies = g_list_store_new (GR_TYPE_ROTATION_ENTRY);
  self->orders = g_list_store_new (GR_TYPE_ROTATION_ENTRY);
  set_up_list (self->vacancy_list, self->vacancies);
  set_up_list (self->order_list, self->orders);
  set_legend (self);
  self->enterprise_names = gtk_string_list_new (NULL);
  self->depot_names = gtk_string_list_new (NULL);
  self->variety_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->enterprise_dropdown, G_LIST_MODEL (self->enterprise_names));
  gtk_drop_down_set_model (self->depot_dropdown, G_LIST_MODEL (self->depot_names));
  gtk_drop_down_set_model (self->variety_dropdown, G_LIST_MODEL (self->variety_names));
}

/*
 * Public API
 */

void
gr_rotation_page_set_db_path (GrRotationPage *self,
                              const char     *db_path)
{
  g_return_if_fail (GR_IS_ROTATION_PAGE (self));

  if (g_strcmp0 (self->db_path, db_path) == 0)
    return;
  g_free (self->db_path);
  self->db_path = g_strdup (db_path);
  gr_rotation_page_reload (self);
}

void
gr_rotation_page_set_as_of (GrRotationPage *self,
                            const char     *as_of)
{
  g_return_if_fail (GR_IS_ROTATION_PAGE (self));

  if (g_strcmp0 (self->as_of, as_of) == 0)
    return;
  g_free (self->as_of);
  self->as_of = g_strdup (as_of);
  gr_rotation_page_reload (self);
}

void
gr_rotation_page_reload (GrRotationPage *self)
{
  g_return_if_fail (GR_IS_ROTATION_PAGE (self));
  load (self);
}

void
gr_rotation_page_set_filter (GrRotationPage *self,
                             const char     *enterprise,
                             const char     *depot,
                             const char     *variety)
{
  g_return_if_fail (GR_IS_ROTATION_PAGE (self));

  g_free (self->enterprise);
  self->enterprise = g_strdup (enterprise);
  g_free (self->depot);
  self->depot = g_strdup (depot);
  g_free (self->variety);
  self->variety = g_strdup (variety);
  if (self->timeline != NULL)
    select_controls (self);
  regroup (self);
}

void
gr_rotation_page_set_attention (GrRotationPage *self,
                                gboolean        attention)
{
  g_return_if_fail (GR_IS_ROTATION_PAGE (self));

  if (self->attention == !!attention)
    return;
  self->attention = !!attention;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ATTENTION]);
  regroup (self);
}

void
gr_rotation_page_set_grouping (GrRotationPage     *self,
                               GrTimelineGrouping  grouping)
{
  g_return_if_fail (GR_IS_ROTATION_PAGE (self));

  if (self->grouping == grouping)
    return;
  self->grouping = grouping;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_GROUPING]);
  regroup (self);
}

gboolean
gr_rotation_page_get_busy (GrRotationPage *self)
{
  g_return_val_if_fail (GR_IS_ROTATION_PAGE (self), FALSE);
  return self->loading || self->grouping_busy || self->needs_load || self->pending != NULL;
}

guint
gr_rotation_page_get_n_shown (GrRotationPage *self)
{
  g_return_val_if_fail (GR_IS_ROTATION_PAGE (self), 0);
  return self->n_shown;
}

const char *
gr_rotation_page_get_view (GrRotationPage *self)
{
  g_return_val_if_fail (GR_IS_ROTATION_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

GrTimeline *
gr_rotation_page_get_timeline (GrRotationPage *self)
{
  g_return_val_if_fail (GR_IS_ROTATION_PAGE (self), NULL);
  return self->timeline;
}

GrTimelineView *
gr_rotation_page_get_timeline_view (GrRotationPage *self)
{
  g_return_val_if_fail (GR_IS_ROTATION_PAGE (self), NULL);
  return self->timeline_view;
}

GListModel *
gr_rotation_page_get_vacancies (GrRotationPage *self)
{
  g_return_val_if_fail (GR_IS_ROTATION_PAGE (self), NULL);
  return G_LIST_MODEL (self->vacancies);
}

GListModel *
gr_rotation_page_get_orders (GrRotationPage *self)
{
  g_return_val_if_fail (GR_IS_ROTATION_PAGE (self), NULL);
  return G_LIST_MODEL (self->orders);
}

GtkWidget *
gr_rotation_page_get_summary (GrRotationPage *self)
{
  g_return_val_if_fail (GR_IS_ROTATION_PAGE (self), NULL);
  return self->summary_box;
}

GtkListView *
gr_rotation_page_get_vacancy_list (GrRotationPage *self)
{
  g_return_val_if_fail (GR_IS_ROTATION_PAGE (self), NULL);
  return self->vacancy_list;
}

GtkListView *
gr_rotation_page_get_order_list (GrRotationPage *self)
{
  g_return_val_if_fail (GR_IS_ROTATION_PAGE (self), NULL);
  return self->order_list;
}
