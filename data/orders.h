/*
 * Orders and their changes. An order is a meal point's whole order for one
 * date and meal: all its diet lines. Files and ordering platforms replace
 * whole orders (import.c); a command changes one line or cancels an order
 * (kept, marked with who cancelled it and when, and left out of plans);
 * and every change is reported per order, as a clerk reads it:
 *
 *   MP-001 lunch 2026-11-23: 59 → 44 boxes; low_salt 9 → 0, regular 39 → 44
 */
#ifndef MEALRUN_DATA_ORDERS_H
#define MEALRUN_DATA_ORDERS_H

#include <stdbool.h>

#include "data/store.h"
#include "util/strbuf.h"

/*
 * The orders of one service, as the SQL table day_orders (meal_point_id,
 * diet, boxes, source) of a WITH clause whose parameters are ?1 the date,
 * ?2 the meal and ?3 the date's weekday digit (1 Monday to 7 Sunday): a
 * meal point's own order for the service, unless it is cancelled; else its
 * standing order for the weekday (the one valid on the date that started
 * last, per diet), unless the order is cancelled or a pause covers the
 * date. source is the file (or "command") an order came from, or
 * "standing".
 */
#define ORDERS_OF_DAY_SQL \
	"WITH explicit AS (SELECT meal_point_id, diet, boxes, source FROM " \
	" orders WHERE date = ?1 AND meal = ?2)," \
	"cancelled AS (SELECT meal_point_id FROM order_cancellations WHERE " \
	" date = ?1 AND meal = ?2)," \
	"paused AS (SELECT meal_point_id FROM pauses WHERE from_date <= ?1 " \
	" AND (to_date = '' OR to_date >= ?1))," \
	"standing AS (SELECT meal_point_id, diet, boxes, ROW_NUMBER() OVER " \
	" (PARTITION BY meal_point_id, diet ORDER BY valid_from DESC, " \
	" weekdays) AS rn FROM standing_orders WHERE meal = ?2 AND " \
	" instr(weekdays, ?3) > 0 AND valid_from <= ?1 AND (valid_to = '' " \
	" OR valid_to >= ?1))," \
	"day_orders AS (SELECT meal_point_id, diet, boxes, source FROM " \
	" explicit WHERE meal_point_id NOT IN (SELECT meal_point_id FROM " \
	" cancelled) UNION ALL SELECT meal_point_id, diet, boxes, " \
	" 'standing' FROM standing WHERE rn = 1 AND meal_point_id NOT IN " \
	" (SELECT meal_point_id FROM explicit) AND meal_point_id NOT IN " \
	" (SELECT meal_point_id FROM cancelled) AND meal_point_id NOT IN " \
	" (SELECT meal_point_id FROM paused)) "

/* ?3 of ORDERS_OF_DAY_SQL for date: its weekday digit, as text. */
void orders_weekday(const char *date, char out[2]);

/*
 * Lists the orders of one service for a clerk, into out: a line per meal
 * point with its boxes per diet and where they came from (a file, the
 * ordering platform, a command, standing orders), then the cancelled
 * orders with who cancelled them and when, and the pauses in force.
 * 0, or -1 with err.
 */
int store_day_orders(struct store *st, const char *date, const char *meal,
		     struct strbuf *out, struct mr_error *err);

/*
 * Inside the caller's transaction: keeps the orders and cancellations as
 * they are, for orders_changes. 0, or -1 with err.
 */
int orders_snapshot(struct store *st, struct mr_error *err);

/*
 * Inside the same transaction, after the changes: a line per order that
 * changed since orders_snapshot, appended to out (in order of date, meal
 * and meal point). 0, or -1 with err.
 */
int orders_changes(struct store *st, struct strbuf *out, struct mr_error *err);

/*
 * Orders that an import brought (rows stamped imported_at = now) are no
 * longer cancelled: the new order stands. 0, or -1 with err.
 */
int orders_reopen_imported(struct store *st, const char *now,
			   struct mr_error *err);

/* A change made by `mealrun order`. */
struct order_change {
	const char *date, *meal, *point;
	const char *diet;      /* with boxes; NULL with cancel or restore */
	int boxes;             /* 0 removes the line */
	bool cancel;           /* cancels the whole order */
	bool restore;          /* takes a cancellation back */
	const char *by;        /* who, for a cancellation */
};

/*
 * Makes the change in one transaction and appends what changed to out
 * (nothing when nothing did). A meal point or diet the database does not
 * know, a line of a cancelled order, or a cancellation of an order that
 * has no lines is EX_DATAERR. 0, or -1 with err.
 */
int store_order_change(struct store *st, const struct order_change *c,
		       struct strbuf *out, struct mr_error *err);

#endif
