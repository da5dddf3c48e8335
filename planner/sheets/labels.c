/*
 * The one table of the sheets' words (see labels.h). "Both" is the
 * Chinese and the English joined at compile time, so looking a label up
 * never allocates.
 */
#include "planner/sheets/labels.h"

#include <string.h>

struct label_entry {
	const char *code;            /* a data value this labels, or NULL */
	const char *text[3];         /* zh, en, both */
};

#define L(key, code, zh, en) [key] = { code, { zh, en, zh " " en } }

static const struct label_entry table[L_NKEYS] = {
	L(L_ADDRESS, NULL, "地址", "Address"),
	L(L_ARRIVED, NULL, "到达时间", "Arrival time"),
	L(L_BATCHES, NULL, "批次", "Batches"),
	L(L_BOXES, NULL, "份数", "Boxes"),
	L(L_BOX_LABELS, NULL, "餐盒标签", "Box labels"),
	L(L_BOXES_CAP, NULL, "份数/容量", "Boxes / capacity"),
	L(L_BREAKFAST, "breakfast", "早餐", "breakfast"),
	L(L_CAPACITY, NULL, "容量", "Capacity"),
	L(L_CHILLED, "chilled", "冷藏", "Chilled"),
	L(L_CONTACT, NULL, "联系人", "Contact"),
	L(L_CONTINUED, NULL, "（续）", "(continued)"),
	L(L_COOKED, NULL, "出锅", "Cooked"),
	L(L_COOKED_FROM, NULL, "出锅时间", "cooked from"),
	L(L_DATE, NULL, "日期", "Date"),
	L(L_DAY_AT_A_GLANCE, NULL, "当日概览", "The day at a glance"),
	L(L_DEPARTURE, NULL, "出发", "Departure"),
	L(L_DIETS, NULL, "餐型", "Diets"),
	L(L_DINNER, "dinner", "晚餐", "dinner"),
	L(L_DISCARDED, NULL, "销毁时间", "Discarded"),
	L(L_DISH, NULL, "菜品", "Dish"),
	L(L_DISPATCH, NULL, "派送单", "Dispatch sheet"),
	L(L_DISTANCE, NULL, "里程", "Distance"),
	L(L_DRIVER, NULL, "司机", "Driver"),
	L(L_DRY, "dry", "干货", "Dry"),
	L(L_EAT_BY, NULL, "食用期限", "Eat by"),
	L(L_END, NULL, "结束", "End"),
	L(L_ETA, NULL, "预计到达", "ETA"),
	L(L_FOOD_LIMIT, NULL, "食品安全时限", "Food limit"),
	L(L_FOOD_LATE, NULL, "注意：以下车次的餐食无法在装车前出锅",
	  "Warning: food will not be ready when these trips load"),
	L(L_FOOD_LATE_TRIP, NULL, "注意：本车次餐食晚于装车",
	  "Warning: this trip's food is late for its loading"),
	L(L_FOOD_LATE_WHY, NULL, "原因", "Why"),
	L(L_FROZEN, "frozen", "冷冻", "Frozen"),
	L(L_GPX, NULL, "导航文件", "GPX"),
	L(L_GRAND_TOTAL, NULL, "总计", "Grand total"),
	L(L_INGREDIENT, NULL, "食材", "Ingredient"),
	L(L_KEEP, NULL, "保存", "Keep"),
	L(L_KEPT_BY, NULL, "留样人", "Kept by"),
	L(L_KITCHEN, NULL, "厨房", "Kitchen"),
	L(L_KITCHEN_NOT_PLANNED, NULL, "本计划未排厨房生产（--no-kitchen），"
	  "出锅时间未知",
	  "The kitchen was not planned (--no-kitchen): no cooking times "
	  "are known."),
	L(L_LATE_MARK, NULL, "！餐食晚于装车", "! food late for loading"),
	L(L_KITCHEN_PHONE, NULL, "厨房电话", "Kitchen phone"),
	L(L_KG, NULL, "千克", "kg"),
	L(L_LOAD, NULL, "装车顺序", "Load"),
	L(L_LOAD_REVERSE, NULL, "倒序装车：最后一站先装。",
	  "Load in reverse order: the last stop goes in first."),
	L(L_LOADING, NULL, "装车", "Loading"),
	L(L_LOADING_SUMMARY, NULL, "装车汇总", "Loading summary"),
	L(L_LUNCH, "lunch", "午餐", "lunch"),
	L(L_MAP, NULL, "路线图", "Map"),
	L(L_MEAL, NULL, "餐次", "Meal"),
	L(L_MEAL_POINT, NULL, "助餐点", "Meal point"),
	L(L_METHOD, NULL, "方法", "method"),
	L(L_MINUTES, NULL, "分钟", "min"),
	L(L_NO_TRIPS, NULL, "无派送", "No trips planned"),
	L(L_NONE_UNASSIGNED, NULL, "全部订单均已安排", "Every order is on a trip"),
	L(L_NOTES, NULL, "备注", "Access notes"),
	L(L_NOTHING_TO_COOK, NULL, "无需烹饪", "Nothing to cook"),
	L(L_OPTIMAL, NULL, "最优", "optimal"),
	L(L_ORDERED, NULL, "订购", "Ordered"),
	L(L_OVERVIEW, NULL, "总览图", "Overview map"),
	L(L_PAGE, NULL, "页", "Page"),
	L(L_PORTIONS, NULL, "份数", "Portions"),
	L(L_PRODUCTION, NULL, "生产计划", "Production schedule"),
	L(L_READY, NULL, "出锅", "ready"),
	L(L_PULL_LIST, NULL, "领料单", "Ingredient pull list"),
	L(L_PULLED, NULL, "已领", "Pulled"),
	L(L_PACKING, NULL, "装车单", "Packing lists"),
	L(L_REASON, NULL, "原因", "Reason"),
	L(L_RETAIN_RULE, NULL, "每个菜品留样，冷藏保存",
	  "Keep a sample of each dish, chilled"),
	L(L_RETENTION, NULL, "留样记录", "Sample-retention log"),
	L(L_RETURN, NULL, "预计返回", "Expected return"),
	L(L_SAMPLE_G, NULL, "留样克数", "Sample g"),
	L(L_SERVE_BY, NULL, "最迟送达", "serve by"),
	L(L_SHEETS, NULL, "打印单", "Sheets"),
	L(L_SIGNATURE, NULL, "签收", "Signature"),
	L(L_START, NULL, "开始", "Start"),
	L(L_STOP, NULL, "站", "Stop"),
	L(L_STOPS, NULL, "站数", "Stops"),
	L(L_TEMP, NULL, "温度 °C", "Temp. °C"),
	L(L_TIME_KEPT, NULL, "留样时间", "Time kept"),
	L(L_TIMELINE, NULL, "生产时间线", "Production timeline"),
	L(L_TOTAL, NULL, "合计", "Total"),
	L(L_TRIP, NULL, "趟次", "Trip"),
	L(L_TRIPS, NULL, "车次", "Trips"),
	L(L_TRIP_OF_VEHICLE, NULL, "本车趟次", "vehicle's trip"),
	L(L_UNASSIGNED, NULL, "未安排订单", "Unassigned orders"),
	L(L_UNIT, NULL, "设备", "Unit"),
	L(L_CHANGES, NULL, "变更单", "Changes"),
	L(L_CHANGED, NULL, "有变更", "changed"),
	L(L_UNCHANGED, NULL, "无变更", "unchanged"),
	L(L_NEW_TRIP, NULL, "新增趟次", "new trip"),
	L(L_GONE_TRIP, NULL, "取消的趟次", "trip no longer driven"),
	L(L_REPRINT, NULL, "需重印派车单页", "Reprint dispatch pages"),
	L(L_WHAT_CHANGED, NULL, "变更内容", "What changed"),
	L(L_ADDED, NULL, "新增", "added"),
	L(L_REMOVED, NULL, "取消", "removed"),
	L(L_REORDERED, NULL, "顺序已变", "stops in another order"),
	L(L_MOVED, NULL, "时间变动", "time moved"),
	L(L_NOW_ON, NULL, "改由", "now on"),
	L(L_REPLANNED, NULL, "原有趟次无法容纳今天的变更而不漏单，已重新排线",
	  "The earlier trips could not take today's changes without leaving "
	  "orders out: the day was planned anew"),
	L(L_NAV, NULL, "导航", "Navigate"),
	L(L_NAV_TRIP, NULL, "扫码导航整个车次：从厨房出发，按顺序经过各站",
	  "Scan to navigate the whole trip: from the kitchen past every stop "
	  "in order"),
	L(L_NAV_ONE_AT_A_TIME, NULL, "导航应用一次去一个地点：请扫描各站的二维码",
	  "The map app takes one place at a time: scan each stop's code"),
	L(L_NAV_TOO_LONG, NULL, "本车次站点多于导航应用路线允许的途经点：请扫描各站的二维码",
	  "More stops than the map app's route takes: scan each stop's code"),
	L(L_WAITS, NULL, "装车需等", "loading waits"),
	L(L_VEHICLE, NULL, "车辆", "Vehicle"),
	L(L_WINDOW, NULL, "时段", "Window"),
	L(L_R_FLEET_EXHAUSTED, "fleet_exhausted", "车辆不足",
	  "Fleet exhausted"),
	L(L_R_FOOD_LIMIT, "food_limit", "无法满足食品安全时限",
	  "Food limit cannot be met"),
	L(L_R_INACTIVE, "inactive", "助餐点已停用", "Meal point inactive"),
	L(L_R_NO_ROUTE, "no_route", "无道路可达", "No road route"),
	L(L_R_NO_VEHICLES, "no_vehicles", "无可用车辆", "No active vehicles"),
	L(L_R_NO_WINDOW, "no_window", "无送餐时段", "No delivery window"),
	L(L_R_SHIFT, "shift", "无车辆班次覆盖", "No shift covers the window"),
	L(L_R_TOO_LARGE, "too_large", "超过最大车辆容量",
	  "More than any vehicle holds"),
	L(L_R_WINDOW, "window", "无法在时段内送达", "Window cannot be met"),
	/* the month's report */
	L(L_REPORT, NULL, "送餐月报", "Monthly delivery report"),
	L(L_MONTH, NULL, "月份", "Month"),
	L(L_PLANNED, NULL, "计划", "Planned"),
	L(L_DELIVERED, NULL, "已送达", "Delivered"),
	L(L_NOT_DELIVERED, NULL, "未送达", "Not delivered"),
	L(L_NOT_RECORDED, NULL, "未记录", "Not recorded"),
	L(L_PER_DAY, NULL, "每日", "Per day"),
	L(L_PER_POINT_DIET, NULL, "按助餐点和餐型", "Per meal point and diet"),
	L(L_REASONS, NULL, "未送达原因", "Why boxes were not delivered"),
	L(L_SERVICES, NULL, "餐次", "Services"),
	L(L_PUNCTUALITY, NULL, "准时", "Punctuality"),
	L(L_ON_TIME, NULL, "时段内送达", "Stops in their window"),
	L(L_OUTSIDE_WINDOW, NULL, "时段外送达的站点",
	  "Stops delivered outside their window"),
	L(L_OFF_MIN, NULL, "偏差（分钟）", "Off by (min)"),
	L(L_FOOD_SAFETY, NULL, "食品安全", "Food safety"),
	L(L_WITHIN_LIMIT, NULL, "时限内送达份数", "Boxes within the food limit"),
	L(L_COLD, NULL, "低温送达", "Cold deliveries"),
	L(L_MISSING_DAYS, NULL, "记录缺失的日期", "Days with missing records"),
	L(L_PER_VEHICLE, NULL, "按车辆（计划）", "Per vehicle (as planned)"),
	L(L_HOURS, NULL, "小时", "Hours"),
	L(L_PLOT_DELIVERED, NULL, "每日送达份数", "Boxes delivered per day"),
	L(L_PLOT_ON_TIME, NULL, "每日时段内送达比例",
	  "Share of stops in their window, per day"),
	L(L_PLOT_TEMPS, NULL, "送达温度", "Temperatures at delivery"),
	L(L_NONE, NULL, "无", "None"),
	L(L_UNASSIGNED_BOXES, NULL, "未排入计划的份数",
	  "Boxes left out of the plans"),
	L(L_COLD_BELOW, NULL, "低温线", "Cold below"),
	L(L_MORE_IN_CSV, NULL, "条未列出；report.csv 列出全部记录（in_window 与 cold 列）",
	  "more not listed; report.csv lists every record (columns in_window "
	  "and cold)"),
	L(L_RECORDS, NULL, "记录数", "Records"),
};

int lang_parse(const char *s, enum lang *out)
{
	static const char *const names[] = { "zh", "en", "both" };
	for (int i = 0; i < 3; i++)
		if (!strcmp(s, names[i])) {
			*out = (enum lang)i;
			return 0;
		}
	return -1;
}

const char *lang_tag(enum lang lang)
{
	return lang == LANG_EN ? "en" : "zh-CN";
}

const char *label(enum lang lang, enum label_key key)
{
	return table[key].text[lang];
}

int label_code(const char *code)
{
	for (int k = 0; k < L_NKEYS; k++)
		if (table[k].code && !strcmp(table[k].code, code))
			return k;
	return -1;
}

const char *label_of_code(enum lang lang, const char *code)
{
	int k = label_code(code);
	return k < 0 ? code : label(lang, (enum label_key)k);
}

const char *lang_pick(enum lang lang, const char *zh, const char *en,
		      struct strbuf *sb)
{
	return lang_pick_sep(lang, zh, en, " ", sb);
}

const char *lang_pick_sep(enum lang lang, const char *zh, const char *en,
			  const char *sep, struct strbuf *sb)
{
	if (!zh || !*zh)
		return en ? en : "";
	if (!en || !*en)
		return zh;
	if (lang == LANG_ZH)
		return zh;
	if (lang == LANG_EN || !strcmp(zh, en))
		return en;
	strbuf_reset(sb);
	strbuf_addf(sb, "%s%s%s", zh, sep, en);
	return strbuf_str(sb);
}
