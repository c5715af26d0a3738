/* gr-rotation-state.c
 *
 * The queue is replayed from the plan's latest row still stored (or from
 * its first rotation), one 1 January at a time, with the loop of the
 * vacancy rule (gr_rules_plan_vacancies ()): the same order, the same
 * fill of the oldest open rotate-out first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-rotation-state"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "gr-error.h"
#include "gr-format.h"
#include "gr-rotation-state.h"

/* (its texts live in the plan's GStringChunk: a plan's rotations are
 * read by the hundred thousand when every queue is rebuilt) */
typedef struct {
  const char *lot;
  const char *date;
  const char *id;         /* rotate-outs only */
  gint64      quantity_kg;
  gboolean    out;
} Move;

/* The rules' order (gr-rules-vacancy.c): by date (ISO dates compare as
 * text), rotate-outs first, rotate-outs by id. */
static int
compare_moves (gconstpointer a,
               gconstpointer b)
{
  const Move *x = a, *y = b;
  int cmp = strcmp (x->date, y->date);

  if (cmp != 0)
    return cmp;
  if (x->out != y->out)
    return x->out ? -1 : 1;
  return x->out ? strcmp (x->id, y->id) : 0;
}

void
gr_open_rotation_free (GrOpenRotation *open)
{
  if (open == NULL)
    return;
  g_free (open->lot);
  g_free (open->id);
  g_free (open->date);
  g_free (open);
}

GPtrArray *
gr_rotation_state_parse (const char  *text,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) queue = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_open_rotation_free);
  JsonNode *root;
  JsonArray *items;

  if (!json_parser_load_from_data (parser, text ? text : "", -1, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    goto invalid;
  items = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      JsonArray *item;
      GrOpenRotation *open;

      if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (item = json_node_get_array (node)) != 5)
        goto invalid;
      open = g_new0 (GrOpenRotation, 1);
      open->lot = g_strdup (json_array_get_string_element (item, 0));
      open->id = g_strdup (json_array_get_string_element (item, 1));
      open->date = g_strdup (json_array_get_string_element (item, 2));
      open->quantity_kg = json_array_get_int_element (item, 3);
      open->remaining_kg = json_array_get_int_element (item, 4);
      g_ptr_array_add (queue, open);
      if (open->lot == NULL || open->id == NULL || !gr_date_parse (open->date, NULL))
        goto invalid;
    }
  return g_steal_pointer (&queue);

invalid:
  g_set_error (error, GR_ERROR, GR_ERROR_DATABASE, _("A stored rotation queue is damaged"));
  return NULL;
}

static char *
queue_to_json (GPtrArray *queue,
               guint      head)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = head; i < queue->len; i++)
    {
      const GrOpenRotation *open = queue->pdata[i];

      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, open->lot);
      json_builder_add_string_value (builder, open->id);
      json_builder_add_string_value (builder, open->date);
      json_builder_add_int_value (builder, open->quantity_kg);
      json_builder_add_int_value (builder, open->remaining_kg);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gboolean
step_done (GrStore       *store,
           sqlite3_stmt  *stmt,
           int            rc,
           GError       **error)
{
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  gr_store_set_error (store, error, _("Could not update the ledger"));
  return FALSE;
}

static gboolean
write_row (GrStore       *store,
           sqlite3_stmt  *insert,
           const char    *plan,
           int            year,
           GPtrArray     *queue,
           guint          head,
           GError       **error)
{
  g_autofree char *json = queue_to_json (queue, head);

  sqlite3_reset (insert);
  sqlite3_bind_text (insert, 1, plan, -1, SQLITE_STATIC);
  sqlite3_bind_int (insert, 2, year);
  sqlite3_bind_text (insert, 3, json, -1, SQLITE_STATIC);
  return step_done (store, insert, sqlite3_step (insert), error);
}

static int
year_of (const char *date)
{
  return atoi (date);
}

static gboolean
refresh_plan (GrStore       *store,
              const char    *plan,
              sqlite3_stmt  *latest,
              sqlite3_stmt  *rotations,
              sqlite3_stmt  *insert,
              GError       **error)
{
  g_autoptr(GPtrArray) queue = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_open_rotation_free);
  g_autoptr(GArray) moves = g_array_new (FALSE, TRUE, sizeof (Move));
  g_autoptr(GStringChunk) texts = g_string_chunk_new (64 * 1024);
  g_autofree char *from = NULL;
  guint head = 0;
  int base_year = 0;
  int next, rc;


  /* The latest queue kept: the rows after it are the ones missing. */
  sqlite3_reset (latest);
  sqlite3_bind_text (latest, 1, plan, -1, SQLITE_STATIC);
  if ((rc = sqlite3_step (latest)) == SQLITE_ROW)
    {
      g_autoptr(GPtrArray) kept = gr_rotation_state_parse ((const char *) sqlite3_column_text (latest, 1), NULL);

      if (kept != NULL)
        {
          base_year = sqlite3_column_int (latest, 0);
          g_ptr_array_extend_and_steal (queue, g_steal_pointer (&kept));
        }
    }
  else if (!step_done (store, latest, rc, error))
    return FALSE;
  sqlite3_reset (latest);

  from = base_year > 0 ? g_strdup_printf ("%04d-01-01", base_year) : g_strdup ("");
  sqlite3_reset (rotations);
  sqlite3_bind_text (rotations, 1, plan, -1, SQLITE_STATIC);
  sqlite3_bind_text (rotations, 2, from, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (rotations)) == SQLITE_ROW)
    {
      const char *date = (const char *) sqlite3_column_text (rotations, 1);
      Move move = { 0 };

      /* The rules pass over a movement without a real date. */
      if (!gr_date_parse (date, NULL))
        continue;
      move.quantity_kg = sqlite3_column_int64 (rotations, 3);
      /* A queue with negative quantities has no row: the rules then
       * read the plan's whole history. */
      if (move.quantity_kg < 0)
        {
          sqlite3_reset (rotations);
          return TRUE;
        }
      move.lot = g_string_chunk_insert (texts, (const char *) sqlite3_column_text (rotations, 0));
      move.date = g_string_chunk_insert (texts, date);
      move.out = g_strcmp0 ((const char *) sqlite3_column_text (rotations, 2), "rotate_out") == 0;
      if (move.out)
        move.id = g_string_chunk_insert (texts, (const char *) sqlite3_column_text (rotations, 4));
      g_array_append_val (moves, move);
    }
  if (!step_done (store, rotations, rc, error))
    return FALSE;
  sqlite3_reset (rotations);
  if (moves->len == 0)
    return TRUE;
  g_array_sort (moves, compare_moves);

  next = base_year > 0 ? base_year + 1 : year_of (g_array_index (moves, Move, 0).date) + 1;
  for (guint i = 0; i < moves->len; i++)
    {
      const Move *move = &g_array_index (moves, Move, i);
      gint64 left;

      for (; next <= year_of (move->date); next++)
        if (!write_row (store, insert, plan, next, queue, head, error))
          return FALSE;

      if (move->out)
        {
          GrOpenRotation *open = g_new0 (GrOpenRotation, 1);

          open->lot = g_strdup (move->lot);
          open->id = g_strdup (move->id);
          open->date = g_strdup (move->date);
          open->quantity_kg = open->remaining_kg = move->quantity_kg;
          g_ptr_array_add (queue, open);
          continue;
        }
      /* As gr_rules_plan_vacancies (): the oldest open one first; what
       * is left over is ordinary stock. */
      left = move->quantity_kg;
      while (left > 0 && head < queue->len)
        {
          GrOpenRotation *open = queue->pdata[head];
          gint64 take = MIN (left, open->remaining_kg);

          open->remaining_kg -= take;
          left -= take;
          if (open->remaining_kg == 0)
            head++;
        }
    }
  for (int last = year_of (g_array_index (moves, Move, moves->len - 1).date); next <= last + 1; next++)
    if (!write_row (store, insert, plan, next, queue, head, error))
      return FALSE;
  return TRUE;
}

gboolean
gr_rotation_state_refresh (GrStore  *store,
                           GError  **error)
{
  g_autoptr(sqlite3_stmt) plans = NULL;
  g_autoptr(sqlite3_stmt) latest = NULL;
  g_autoptr(sqlite3_stmt) rotations = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  gint64 start = g_get_monotonic_time ();
  int rc;

  g_return_val_if_fail (GR_IS_STORE (store), FALSE);

  if ((plans = gr_store_prepare (store, "SELECT plan FROM temp.ledger_plans", error)) == NULL ||
      (latest = gr_store_prepare (store, "SELECT year, open FROM plan_rotation_state WHERE plan = ?1"
                                         " ORDER BY year DESC LIMIT 1", error)) == NULL ||
      /* CROSS JOIN: the plan's lots, then their movements by the lot/date index. */
      (rotations = gr_store_prepare (store,
                                     "SELECT m.lot, m.date, m.kind, m.quantity_kg, m.id"
                                     " FROM lots l CROSS JOIN movements m ON m.lot = l.id"
                                     " WHERE l.plan = ?1 AND l.deleted = 0 AND m.deleted = 0"
                                     " AND m.date >= ?2 AND m.kind IN ('rotate_out', 'rotate_in')", error)) == NULL ||
      (insert = gr_store_prepare (store, "INSERT OR REPLACE INTO plan_rotation_state (plan, year, open)"
                                         " VALUES (?1, ?2, ?3)", error)) == NULL)
    return FALSE;

  while ((rc = sqlite3_step (plans)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (plans, 0)));
  if (!step_done (store, plans, rc, error))
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    if (!refresh_plan (store, ids->pdata[i], latest, rotations, insert, error))
      return FALSE;
  g_debug ("rotation queues of %u plans written in %.3f s", ids->len,
           (g_get_monotonic_time () - start) / 1e6);
  return TRUE;
}
