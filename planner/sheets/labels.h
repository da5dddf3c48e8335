/*
 * The words printed on the sheets, in Chinese and English, from one table.
 * A sheet is written in one language or in both ("中文 English"); every
 * label comes from label(), and names kept in both languages in the
 * database (diets, dishes, ingredients) go through lang_pick().
 */
#ifndef MEALRUN_PLANNER_SHEETS_LABELS_H
#define MEALRUN_PLANNER_SHEETS_LABELS_H

#include "util/strbuf.h"

enum lang { LANG_ZH, LANG_EN, LANG_BOTH };

/* Reads "zh", "en" or "both"; 0, or -1 for anything else. */
int lang_parse(const char *s, enum lang *out);

/* The value of the HTML lang attribute: "zh-CN" or "en". */
const char *lang_tag(enum lang lang);

/* Keys of the table in labels.c. Labels of data values (meals, reasons
 * for unassigned orders) also carry that value as a code, which
 * label_code() looks up. */
enum label_key {
	L_ADDRESS, L_ARRIVED, L_BATCHES, L_BOXES, L_BOX_LABELS, L_BOXES_CAP,
	L_BREAKFAST, L_CAPACITY, L_CHILLED, L_CONTACT, L_CONTINUED,
	L_COOKED, L_COOKED_FROM, L_DATE, L_DAY_AT_A_GLANCE, L_DEPARTURE,
	L_DIETS, L_DINNER, L_DISCARDED, L_DISH, L_DISPATCH, L_DISTANCE,
	L_DRIVER, L_DRY, L_EAT_BY, L_END, L_ETA, L_FOOD_LIMIT, L_FROZEN,
	L_FOOD_LATE, L_FOOD_LATE_TRIP, L_FOOD_LATE_WHY, L_GPX, L_GRAND_TOTAL, L_INGREDIENT, L_KEEP, L_KEPT_BY, L_KITCHEN,
	L_KITCHEN_NOT_PLANNED, L_KITCHEN_PHONE, L_LATE_MARK, L_KG, L_LOAD, L_LOAD_REVERSE,
	L_LOADING, L_LOADING_SUMMARY, L_LUNCH, L_MAP, L_MEAL, L_MEAL_POINT,
	L_METHOD, L_MINUTES, L_NO_TRIPS, L_NONE_UNASSIGNED, L_NOTES,
	L_NOTHING_TO_COOK, L_OPTIMAL, L_ORDERED, L_OVERVIEW, L_PAGE,
	L_PORTIONS, L_PRODUCTION, L_READY, L_PULL_LIST, L_PULLED, L_PACKING,
	L_REASON, L_RETAIN_RULE, L_RETENTION, L_RETURN, L_SAMPLE_G,
	L_SERVE_BY, L_SHEETS, L_SIGNATURE, L_START, L_STOP, L_STOPS,
	L_TEMP, L_TIME_KEPT, L_TIMELINE, L_TOTAL, L_TRIP, L_TRIPS,
	L_TRIP_OF_VEHICLE, L_UNASSIGNED, L_UNIT, L_VEHICLE, L_WAITS,
	L_WINDOW,
	/* the changes sheet */
	L_CHANGES, L_CHANGED, L_UNCHANGED, L_NEW_TRIP, L_GONE_TRIP,
	L_REPRINT, L_WHAT_CHANGED, L_ADDED, L_REMOVED, L_REORDERED, L_MOVED,
	L_NOW_ON, L_REPLANNED,
	/* the dispatch sheet's navigation codes */
	L_NAV, L_NAV_TRIP, L_NAV_ONE_AT_A_TIME, L_NAV_TOO_LONG,
	/* unassigned reasons, by plan.json's reason_code */
	L_R_FLEET_EXHAUSTED, L_R_FOOD_LIMIT, L_R_INACTIVE, L_R_NO_ROUTE,
	L_R_NO_VEHICLES, L_R_NO_WINDOW, L_R_SHIFT, L_R_TOO_LARGE,
	L_R_WINDOW,
	/* the month's report of what was delivered */
	L_REPORT, L_MONTH, L_PLANNED, L_DELIVERED, L_NOT_DELIVERED,
	L_NOT_RECORDED, L_PER_DAY, L_PER_POINT_DIET, L_REASONS, L_SERVICES,
	L_PUNCTUALITY, L_ON_TIME, L_OUTSIDE_WINDOW, L_OFF_MIN, L_FOOD_SAFETY,
	L_WITHIN_LIMIT, L_COLD, L_MISSING_DAYS, L_PER_VEHICLE, L_HOURS,
	L_PLOT_DELIVERED, L_PLOT_ON_TIME, L_PLOT_TEMPS, L_NONE,
	L_UNASSIGNED_BOXES, L_COLD_BELOW, L_RECORDS, L_MORE_IN_CSV,
	L_NKEYS
};

/* The text of key in lang; static storage. */
const char *label(enum lang lang, enum label_key key);

/* The key whose code is code (a meal "lunch", a reason "window"), or -1. */
int label_code(const char *code);

/* The label of code in lang, or code itself when the table lacks it. */
const char *label_of_code(enum lang lang, const char *code);

/*
 * A name kept in both languages: zh, en, or for LANG_BOTH "zh en" (one of
 * them when the other is empty or the same), built in sb. The result is
 * zh, en or sb's string, valid until sb changes.
 */
const char *lang_pick(enum lang lang, const char *zh, const char *en,
		      struct strbuf *sb);
/* As lang_pick with sep between the two ("\n" for a column head). */
const char *lang_pick_sep(enum lang lang, const char *zh, const char *en,
			  const char *sep, struct strbuf *sb);

#endif
