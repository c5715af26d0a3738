/* gr-chart-text.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-chart-text"

#include "config.h"

#include "gr-chart-text.h"

static PangoAttrList *
style_attributes (GrChartTextStyle style)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  /* Tabular figures everywhere: tick labels and values then align */
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));

  switch (style)
    {
    case GR_CHART_TEXT_SMALL:
      pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
      break;

    case GR_CHART_TEXT_NUMBER:
      pango_attr_list_insert (attrs, pango_attr_scale_new (0.9));
      break;

    case GR_CHART_TEXT_STRONG:
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_attr_list_insert (attrs, pango_attr_scale_new (1.3));
      break;

    case GR_CHART_TEXT_NORMAL:
    default:
      break;
    }

  return attrs;
}

gboolean
gr_chart_text_fit (PangoLayout      *layout,
                   const char       *text,
                   GrChartTextStyle  style,
                   int               max_width)
{
  PangoAttrList *attrs;

  g_return_val_if_fail (PANGO_IS_LAYOUT (layout), FALSE);

  attrs = style_attributes (style);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  pango_layout_set_text (layout, text ? text : "", -1);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, max_width * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  else
    {
      pango_layout_set_width (layout, -1);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
    }

  return pango_layout_is_ellipsized (layout);
}

void
gr_chart_text_size (PangoLayout *layout,
                    int         *width,
                    int         *height)
{
  PangoRectangle logical;

  g_return_if_fail (PANGO_IS_LAYOUT (layout));

  pango_layout_get_pixel_extents (layout, NULL, &logical);
  if (width)
    *width = logical.width;
  if (height)
    *height = logical.height;
}

char *
gr_chart_text_tooltip (PangoLayout *layout,
                       const char  *text)
{
  g_return_val_if_fail (PANGO_IS_LAYOUT (layout), NULL);

  if (text != NULL && pango_layout_is_ellipsized (layout))
    return g_strdup (text);
  return NULL;
}
