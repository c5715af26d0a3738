/* gr-demo-names.c: Chinese names for the demo data
 *
 * Place names are real towns of Guangdong; every company and person is
 * made up. The names are data, written as a Chinese ledger would hold
 * them, so they are not translated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gr-demo"

#include "gr-demo-private.h"

static const char * const surnames[] = {
  "陈", "李", "黄", "张", "梁", "林", "刘", "吴", "罗", "何", "郑", "杨", "谢", "邓",
  "冯", "朱", "曾", "彭", "温", "赖", "廖", "钟", "邱", "叶", "潘", "蔡", "黎", "欧阳", NULL
};

static const char * const given_names[] = {
  "志强", "建华", "伟明", "丽娟", "秀英", "国平", "海燕", "振华", "嘉欣", "俊杰",
  "小红", "文辉", "永康", "婉婷", "家豪", "思敏", "锦涛", "少芬", "德明", "桂英",
  "晓东", "汉生", "玉兰", "卫国", "春梅", "炳坤", "惠玲", "耀祖", "子健", "雪芳",
  "光明", "美华", "少华", "文静", "志明", "凤娇", "立新", "敏仪", "国强", "丽萍", NULL
};

/* Suppliers and buyers: invented names of the kinds of firms that trade
 * reserve grain (产销合作 partners in Hunan, Hubei and Jiangxi, northern
 * wheat and corn traders, local mills, oil refiners). */
const char * const demo_paddy_suppliers[] = {
  "湖南华穗粮油购销有限公司", "江西赣禾粮食收储有限公司", "湖北荆楚粮油贸易有限公司",
  "华南粮食交易中心（竞价采购）", "清远市国有粮食收储网点", NULL
};

const char * const demo_north_suppliers[] = {
  "河南中原粮油购销有限公司", "黑龙江北疆粮食贸易有限公司", "吉林松原粮食收储有限公司",
  "华南粮食交易中心（竞价采购）", "山东鲁丰粮油贸易有限公司", NULL
};

const char * const demo_finished_suppliers[] = {
  "英德市连江米业有限公司", "佛冈县丰穗米业有限公司", "清远市清城区禾丰米业有限公司",
  "广州岭南面粉有限公司", "阳山县七拱米业有限公司", NULL
};

const char * const demo_oil_suppliers[] = {
  "广东穗丰油脂有限公司", "东莞嘉合粮油工业有限公司", "湛江南海油脂工业有限公司", NULL
};

const char * const demo_grain_buyers[] = {
  "华南粮食交易中心（竞价销售）", "清远市清城区禾丰米业有限公司", "英德市浛洸丰源米厂",
  "广州市穗北粮油批发市场", "佛冈县汤塘镇饲料加工厂", NULL
};

const char * const demo_relief_counterparties[] = {
  "清远市粮食应急供应网点（清城区）", "清远市粮食应急供应网点（英德市）",
  "清远市粮食应急保障中心", NULL
};

/* The 21 prefecture-level cities of Guangdong. */
const char * const demo_province_cities[] = {
  "广州市", "深圳市", "珠海市", "汕头市", "佛山市", "韶关市", "河源市", "梅州市", "惠州市",
  "汕尾市", "东莞市", "中山市", "江门市", "阳江市", "湛江市", "茂名市", "肇庆市", "清远市",
  "潮州市", "揭阳市", "云浮市", NULL
};

const char * const demo_province_towns[] = {
  "石角", "龙塘", "城北", "城南", "新塘", "江口", "大沙", "白沙", "河口", "太平",
  "水口", "沙坪", "横江", "马坝", "新桥", "金山", "东城", "西岸", "古城", "长岗", NULL
};

const char *
demo_pick (GRand              *rand,
           const char * const *list)
{
  guint n = g_strv_length ((char **) list);

  return list[g_rand_int_range (rand, 0, (gint32) n)];
}

void
demo_person_name (GRand *rand,
                  char  *buf,
                  gsize  size)
{
  const char *surname = demo_pick (rand, surnames);
  const char *given = demo_pick (rand, given_names);

  g_snprintf (buf, size, "%s%s", surname, given);
}
