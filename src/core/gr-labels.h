/* gr-labels.h: what people call the coded values of the dataset (DESIGN.md §3)
 *
 * The dataset stores codes ("rotate_out", "slightly_unsuitable"); lists,
 * forms and messages show these translated names (轮出, 轻度不宜存). An
 * unknown code is returned as it is, so nothing stored is ever hidden.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 收储入库, 轮入, 补库, 溢余, 轮出, 动用出库, 损耗 */
const char *gr_movement_kind_name   (const char *kind);
/* 宜存, 轻度不宜存, 重度不宜存 */
const char *gr_storage_quality_label (const char *quality);
/* 静态轮换, 自主轮换, 动态轮换 */
const char *gr_rotation_mode_name   (const char *mode);
/* 市级储备 for "municipal"; other owners are free text and shown as they are */
const char *gr_owner_name           (const char *owner);
/* 储备公司, 代储企业 */
const char *gr_enterprise_kind_name (const char *kind);
/* 平房仓, 筒仓, 油罐 */
const char *gr_bin_type_name        (const char *type);
/* 常规储存, 准低温, 低温, 气调 */
const char *gr_storage_tech_name    (const char *tech);
/* "AAA" as is; "none" → 未评级 */
const char *gr_depot_grade_name     (const char *grade);
/* The sync state of a local change (gr-sync-state.h): "waiting",
 * "sent", "rejected", "conflict" → "Waiting to send", … */
const char *gr_sync_state_label     (const char *nick);
/* A record kind as people name it: "movement" → "Movement" */
const char *gr_entity_label         (const char *entity);
/* A field of a record as people name it: ("lot", "harvest_year") → "Harvest year";
 * an unknown field is returned as it is */
const char *gr_field_label          (const char *entity,
                                     const char *field);
/* A coded value of a field in words: ("movement", "kind", "rotate_out") → "Rotate out";
 * values of fields without codes are returned as they are */
const char *gr_field_value_label    (const char *entity,
                                     const char *field,
                                     const char *value);

G_END_DECLS
