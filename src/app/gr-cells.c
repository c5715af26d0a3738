/* gr-cells.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-cells"

#include "config.h"

#include <math.h>

#include "gr-cell-text.h"
#include "gr-cells.h"
#include "gr-format.h"

/* Missing decimals are written as invisible zeros, so that right-aligned
 * numbers line up on the decimal point: trailing spaces would not do, as
 * Pango lets them hang past the right edge. */
#define HIDDEN_OPEN "<span alpha=\"1\">"
#define HIDDEN_CLOSE "</span>"

char *
gr_cells_tonnes (gint64 kg)
{
  g_autofree char *whole = gr_format_thousands (kg / 1000);
  int frac = (int) ABS (kg % 1000);
  const char *sign = kg < 0 && kg > -1000 ? "-" : "";
  char digits[4];
  int keep = 3;

  if (frac == 0)
    return g_strconcat (sign, whole, HIDDEN_OPEN ".000" HIDDEN_CLOSE, NULL);
  g_snprintf (digits, sizeof digits, "%03d", frac);
  while (keep > 1 && digits[keep - 1] == '0')
    keep--;
  return g_strdup_printf ("%s%s.%.*s" HIDDEN_OPEN "%.*s" HIDDEN_CLOSE, sign, whole, keep, digits, 3 - keep, "000");
}

char *
gr_cells_format_kg (gpointer this_item,
                    gint64   kg)
{
  return kg < 0 ? g_strdup ("") : gr_cells_tonnes (kg);
}

char *
gr_cells_format_count (gpointer this_item,
                       guint    count)
{
  return gr_format_thousands (count);
}

char *
gr_cells_format_months (gpointer this_item,
                        int      months)
{
  return months < 0 ? g_strdup ("") : g_strdup_printf ("%d", months);
}

char *
gr_cells_format_permille (gpointer this_item,
                          int      permille)
{
  if (permille < 0)
    return g_strdup ("");
  return g_strdup_printf ("%d.%d%%", permille / 10, permille % 10);
}

double
gr_cells_use_fraction (gpointer this_item,
                       int      permille)
{
  return permille < 0 ? 0.0 : CLAMP (permille / 1000.0, 0.0, 1.0);
}

gboolean
gr_cells_use_known (gpointer this_item,
                    int      permille)
{
  return permille >= 0;
}

char *
gr_cells_format_price (gpointer this_item,
                       double   price)
{
  gint64 fen;

  if (!isfinite (price))
    return g_strdup ("");
  fen = llround (price * 100.0);
  {
    g_autofree char *whole = gr_format_thousands (fen / 100);

    return g_strdup_printf ("%s.%02d", whole, (int) (fen % 100));
  }
}

gboolean
gr_cells_query_tooltip (GtkWidget  *cell,
                        int         x,
                        int         y,
                        gboolean    keyboard,
                        GtkTooltip *tooltip,
                        gpointer    user_data)
{
  const char *text = NULL;

  if (GR_IS_CELL_TEXT (cell))
    text = gr_cell_text_get_text (GR_CELL_TEXT (cell));
  else if (GTK_IS_INSCRIPTION (cell))
    text = gtk_inscription_get_text (GTK_INSCRIPTION (cell));

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
shorten_labels (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    {
      gtk_label_set_ellipsize (GTK_LABEL (widget), PANGO_ELLIPSIZE_END);
      gtk_widget_set_tooltip_text (widget, gtk_label_get_label (GTK_LABEL (widget)));
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    shorten_labels (child);
}

void
gr_cells_shorten_titles (GtkColumnView *view)
{
  GtkWidget *header;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  /* The header row comes first, before the list of rows. */
  header = gtk_widget_get_first_child (GTK_WIDGET (view));
  if (header != NULL && !GTK_IS_LIST_VIEW (header))
    shorten_labels (header);
}

void
gr_cells_bind_template_callbacks (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback_full (widget_class, "format_kg", G_CALLBACK (gr_cells_format_kg));
  gtk_widget_class_bind_template_callback_full (widget_class, "format_count", G_CALLBACK (gr_cells_format_count));
  gtk_widget_class_bind_template_callback_full (widget_class, "format_months", G_CALLBACK (gr_cells_format_months));
  gtk_widget_class_bind_template_callback_full (widget_class, "format_permille", G_CALLBACK (gr_cells_format_permille));
  gtk_widget_class_bind_template_callback_full (widget_class, "use_fraction", G_CALLBACK (gr_cells_use_fraction));
  gtk_widget_class_bind_template_callback_full (widget_class, "use_known", G_CALLBACK (gr_cells_use_known));
  gtk_widget_class_bind_template_callback_full (widget_class, "format_price", G_CALLBACK (gr_cells_format_price));
  gtk_widget_class_bind_template_callback_full (widget_class, "cell_query_tooltip", G_CALLBACK (gr_cells_query_tooltip));
}
