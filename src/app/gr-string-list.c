/* gr-string-list.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-string-list"

#include "config.h"

#include "gr-string-list.h"

void
gr_string_list_update (GtkStringList      *list,
                       const char * const *strings)
{
  guint n_old, n_new, head = 0, tail = 0;
  g_autofree const char **changed = NULL;

  g_return_if_fail (GTK_IS_STRING_LIST (list));

  n_old = g_list_model_get_n_items (G_LIST_MODEL (list));
  n_new = strings != NULL ? g_strv_length ((GStrv) strings) : 0;
  while (head < n_old && head < n_new && g_strcmp0 (gtk_string_list_get_string (list, head), strings[head]) == 0)
    head++;
  while (tail < n_old - head && tail < n_new - head &&
         g_strcmp0 (gtk_string_list_get_string (list, n_old - 1 - tail), strings[n_new - 1 - tail]) == 0)
    tail++;
  if (head == n_old && head == n_new)
    return;
  changed = g_new0 (const char *, n_new - head - tail + 1);
  for (guint i = head; i < n_new - tail; i++)
    changed[i - head] = strings[i];
  gtk_string_list_splice (list, head, n_old - head - tail, changed);
}
