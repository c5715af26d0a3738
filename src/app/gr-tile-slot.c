/* gr-tile-slot.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-tile-slot"

#include "config.h"

#include "gr-tile-slot.h"

struct _GrTileSlot
{
  AdwBin parent_instance;

  int    natural_width;
};

G_DEFINE_FINAL_TYPE (GrTileSlot, gr_tile_slot, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_NATURAL_WIDTH,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
gr_tile_slot_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  GrTileSlot *self = GR_TILE_SLOT (widget);
  GtkWidget *child = adw_bin_get_child (ADW_BIN (self));

  *minimum = *natural = 0;
  if (child == NULL || !gtk_widget_should_layout (child))
    return;
  gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL && self->natural_width >= 0)
    *natural = MAX (*minimum, MIN (*natural, self->natural_width));
}

static void
gr_tile_slot_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

static void
gr_tile_slot_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  GrTileSlot *self = GR_TILE_SLOT (object);

  switch (prop_id)
    {
    case PROP_NATURAL_WIDTH:
      g_value_set_int (value, self->natural_width);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_tile_slot_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  GrTileSlot *self = GR_TILE_SLOT (object);

  switch (prop_id)
    {
    case PROP_NATURAL_WIDTH:
      gr_tile_slot_set_natural_width (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gr_tile_slot_class_init (GrTileSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = gr_tile_slot_get_property;
  object_class->set_property = gr_tile_slot_set_property;
  widget_class->measure = gr_tile_slot_measure;
  widget_class->size_allocate = gr_tile_slot_size_allocate;

  properties [PROP_NATURAL_WIDTH] =
    g_param_spec_int ("natural-width", NULL, NULL, -1, G_MAXINT, -1,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gr_tile_slot_init (GrTileSlot *self)
{
  self->natural_width = -1;
  /* AdwBin lays out through a layout manager, which would measure the
   * child without the cap: lay it out here instead. */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
}

int
gr_tile_slot_get_natural_width (GrTileSlot *self)
{
  g_return_val_if_fail (GR_IS_TILE_SLOT (self), -1);
  return self->natural_width;
}

void
gr_tile_slot_set_natural_width (GrTileSlot *self,
                                int         natural_width)
{
  g_return_if_fail (GR_IS_TILE_SLOT (self));

  natural_width = MAX (natural_width, -1);
  if (self->natural_width == natural_width)
    return;
  self->natural_width = natural_width;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NATURAL_WIDTH]);
}
