/* gr-targets.h: region targets, the five-year-plan KPIs (DESIGN.md §4 "Region targets")
 *
 * A data file in data/targets/ (or $XDG_DATA_HOME/granary/targets, or
 * $GRANARY_DATA_DIR/targets), e.g. qingyuan-14th.json from the Qingyuan
 * plan's 表2, validated on load like a profile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double   value;     /* tonnes for *_t targets, a fraction 0–1 for rates */
  int      row;       /* the row (序号) of the plan's table */
  gboolean binding;   /* 约束性 (TRUE) or 预期性 */
} GrTarget;

typedef struct {
  char     *id;
  char     *name;
  char     *document;
  int       year;                     /* the year the targets are for */

  GrTarget  policy_reserve;           /* 政策性粮食储备规模, t */
  GrTarget  finished_grain;           /* 成品粮储备规模, t */
  GrTarget  quality_pass_rate;        /* 库存粮食质量安全总体合格率 */
  GrTarget  emergency_supply;         /* 粮食应急供应能力, t/day */
  GrTarget  aaa_coverage;             /* "AAA"级粮库覆盖率 */
  GrTarget  low_temp_capacity;        /* 低温准低温、气调储粮仓容, t */
  GrTarget  informatised_depots;      /* 承储库点信息化覆盖率 */

  int       finished_grain_days;      /* days of supply the finished grain stands for */
  double    daily_consumption_t;
  double    annual_consumption_t;
  gint64    population;               /* 0 when the file does not say */
} GrTargets;

/* id_or_path: an id (file name without .json) or a path. */
GrTargets *gr_targets_load      (const char  *id_or_path,
                                 GError     **error);
GrTargets *gr_targets_load_data (const char  *name,
                                 const char  *data,
                                 gssize       length,
                                 GError     **error);
void       gr_targets_free      (GrTargets   *targets);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrTargets, gr_targets_free)

G_END_DECLS
