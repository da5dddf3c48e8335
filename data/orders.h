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
