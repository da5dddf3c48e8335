/*
 * Orders and their changes (see orders.h).
 */
#include "data/orders.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/store_internal.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

void orders_weekday(const char *date, char out[2])
{
	out[0] = (char)('0' + date_weekday(date));
	out[1] = '\0';
}

int orders_snapshot(struct store *st, struct mr_error *err)
{
	/* Keyed as the tables are, so that comparing them is quick however
	 * long the history. */
	return store_exec(st,
		"DROP TABLE IF EXISTS temp.orders_before;"
		"CREATE TEMP TABLE orders_before (date TEXT, meal TEXT, "
		" meal_point_id TEXT, diet TEXT, boxes INTEGER, PRIMARY KEY "
		" (date, meal, meal_point_id, diet));"
		"INSERT INTO temp.orders_before SELECT date, meal, "
		" meal_point_id, diet, boxes FROM main.orders;"
		"DROP TABLE IF EXISTS temp.cancel_before;"
		"CREATE TEMP TABLE cancel_before (date TEXT, meal TEXT, "
		" meal_point_id TEXT, PRIMARY KEY (date, meal, meal_point_id));"
		"INSERT INTO temp.cancel_before SELECT date, meal, "
		" meal_point_id FROM main.order_cancellations", err);
}

/* The orders (date, meal, meal point) whose lines or cancellation
 * changed since the snapshot, as the table expression g. */
#define CHANGED_ORDERS_SQL \
	"WITH g AS (SELECT date, meal, meal_point_id FROM (SELECT date, " \
	" meal, meal_point_id, diet, boxes FROM temp.orders_before EXCEPT " \
	" SELECT date, meal, meal_point_id, diet, boxes FROM main.orders) " \
	"UNION SELECT date, meal, meal_point_id FROM (SELECT date, meal, " \
	" meal_point_id, diet, boxes FROM main.orders EXCEPT SELECT date, " \
	" meal, meal_point_id, diet, boxes FROM temp.orders_before) " \
	"UNION SELECT date, meal, meal_point_id FROM (SELECT date, meal, " \
	" meal_point_id FROM temp.cancel_before EXCEPT SELECT date, meal, " \
	" meal_point_id FROM main.order_cancellations) " \
	"UNION SELECT date, meal, meal_point_id FROM (SELECT date, meal, " \
	" meal_point_id FROM main.order_cancellations EXCEPT SELECT date, " \
	" meal, meal_point_id FROM temp.cancel_before)) "

#define SAME_ORDER(a, b) \
	a ".date = " b ".date AND " a ".meal = " b ".meal AND " a \
	".meal_point_id = " b ".meal_point_id"

/* Every line of every changed order: date, meal, meal point, cancelled
 * before, cancelled now, cancelled by, diet, boxes before, boxes now. */
static const char changes_sql[] = CHANGED_ORDERS_SQL
	", l AS (SELECT b.date, b.meal, b.meal_point_id, b.diet FROM g JOIN "
	" temp.orders_before b ON " SAME_ORDER("b", "g") " UNION SELECT "
	" o.date, o.meal, o.meal_point_id, o.diet FROM g JOIN main.orders o "
	" ON " SAME_ORDER("o", "g") ") "
	"SELECT g.date, g.meal, g.meal_point_id, "
	" EXISTS (SELECT 1 FROM temp.cancel_before c WHERE "
	SAME_ORDER("c", "g") "), "
	" EXISTS (SELECT 1 FROM main.order_cancellations c WHERE "
	SAME_ORDER("c", "g") "), "
	" (SELECT cancelled_by FROM main.order_cancellations c WHERE "
	SAME_ORDER("c", "g") "), l.diet, "
	" COALESCE((SELECT boxes FROM temp.orders_before b WHERE "
	SAME_ORDER("b", "l") " AND b.diet = l.diet), 0), "
	" COALESCE((SELECT boxes FROM main.orders o WHERE "
	SAME_ORDER("o", "l") " AND o.diet = l.diet), 0) "
	"FROM g LEFT JOIN l ON " SAME_ORDER("l", "g") " "
	"ORDER BY g.date, g.meal, g.meal_point_id, l.diet";

/* One order's line of the report, from its diet lines. */
struct order_report {
	char date[16], meal[16], point[128], by[128];
	bool was_c, now_c;
	int was, now;
	struct strbuf diets;
};

static void report_flush(struct order_report *r, struct strbuf *out)
{
	if (!r->point[0])
		return;
	int was = r->was_c ? 0 : r->was, now = r->now_c ? 0 : r->now;
	strbuf_addf(out, "%s %s %s: %d → %d boxes", r->point, r->meal, r->date,
		    was, now);
	if (r->now_c && !r->was_c && was == 0)
		strbuf_addf(out, ", its standing order cancelled by %s", r->by);
	else if (r->now_c && !r->was_c)
		strbuf_addf(out, ", cancelled by %s", r->by);
	else if (r->was_c && !r->now_c && was == 0 && now == 0)
		strbuf_addstr(out, ", its standing order no longer cancelled");
	else if (r->was_c && !r->now_c)
		strbuf_addstr(out, ", no longer cancelled");
	/* A cancellation or its end says it all. */
	if (r->diets.len && r->was_c == r->now_c)
		strbuf_addf(out, "; %s", r->diets.buf);
	strbuf_addch(out, '\n');
	strbuf_reset(&r->diets);
	r->point[0] = '\0';
	r->was = r->now = 0;
}

int orders_changes(struct store *st, struct strbuf *out, struct mr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, changes_sql, err);
	if (!stmt)
		return -1;
	struct order_report r = { .diets = STRBUF_INIT };
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *date = store_text(stmt, 0), *meal = store_text(stmt, 1);
		const char *point = store_text(stmt, 2);
		if (strcmp(r.date, date) || strcmp(r.meal, meal) ||
		    strcmp(r.point, point)) {
			report_flush(&r, out);
			snprintf(r.date, sizeof(r.date), "%s", date);
			snprintf(r.meal, sizeof(r.meal), "%s", meal);
			snprintf(r.point, sizeof(r.point), "%s", point);
			r.was_c = sqlite3_column_int(stmt, 3);
			r.now_c = sqlite3_column_int(stmt, 4);
			snprintf(r.by, sizeof(r.by), "%s", store_text(stmt, 5));
		}
		int was = sqlite3_column_int(stmt, 7);
		int now = sqlite3_column_int(stmt, 8);
		r.was += was;
		r.now += now;
		if (was != now)
			strbuf_addf(&r.diets, "%s%s %d → %d", r.diets.len ? ", " : "",
				    store_text(stmt, 6), was, now);
	}
	report_flush(&r, out);
	strbuf_release(&r.diets);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, "cannot compare the orders");
	return 0;
}

int orders_reopen_imported(struct store *st, const char *now,
			   struct mr_error *err)
{
	/* Orders this import brought (stamped now, from a file) that differ
	 * from what was stored: the new order stands. An order fetched again
	 * as it was leaves its cancellation be. */
	sqlite3_stmt *stmt = store_prepare(st, CHANGED_ORDERS_SQL
		"DELETE FROM order_cancellations AS c WHERE EXISTS (SELECT 1 "
		"FROM g WHERE " SAME_ORDER("g", "c") ") AND EXISTS (SELECT 1 "
		"FROM orders o WHERE " SAME_ORDER("o", "c") " AND "
		"o.imported_at = ?1 AND o.source != 'command')", err);
	if (!stmt)
		return -1;
	sqlite3_bind_text(stmt, 1, now, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(stmt) == SQLITE_DONE
		? 0 : store_fail(st, err, "cannot take cancellations back");
	sqlite3_finalize(stmt);
	return rc;
}

/* sql prepared, with the text parameters of ap (NULL ends them) bound;
 * NULL with err. */
static sqlite3_stmt *prepare_texts(struct store *st, const char *sql,
				   va_list ap, struct mr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st, sql, err);
	const char *v;
	for (int i = 1; stmt && (v = va_arg(ap, const char *)); i++)
		sqlite3_bind_text(stmt, i, v, -1, SQLITE_TRANSIENT);
	return stmt;
}

/* Runs sql with the text parameters given (NULL ends them); the first
 * column of its first row into out (size bytes; out may be NULL), ""
 * when it has none. 1 with a row, 0 without, -1 with err. */
static int query(struct store *st, const char *sql, char *out, size_t size,
		 struct mr_error *err, ...)
{
	va_list ap;
	va_start(ap, err);
	sqlite3_stmt *stmt = prepare_texts(st, sql, ap, err);
	va_end(ap);
	if (!stmt)
		return -1;
	int rc = sqlite3_step(stmt), found = 0;
	if (out)
		out[0] = '\0';
	if (rc == SQLITE_ROW) {
		found = 1;
		if (out)
			snprintf(out, size, "%s", store_text(stmt, 0));
	} else if (rc != SQLITE_DONE) {
		found = store_fail(st, err, "orders");
	}
	sqlite3_finalize(stmt);
	return found;
}

/* Runs sql with the text parameters given (NULL ends them), for its
 * changes: 0, or -1 with err. */
#define exec_params(st, sql, err, ...) \
	(query((st), (sql), NULL, 0, (err), __VA_ARGS__) < 0 ? -1 : 0)

#define KEY "date = ?1 AND meal = ?2 AND meal_point_id = ?3"

/* A meal point's order for one service as plans see it: its own lines,
 * or its standing lines, none when cancelled. */
struct effective {
	int n, alloc;
	struct { char diet[64]; int boxes; } *line;
	bool cancelled;
	char by[128], at[32];   /* who cancelled it and when */
};

static void effective_release(struct effective *e)
{
	free(e->line);
	memset(e, 0, sizeof(*e));
}

static int effective_order(struct store *st, const struct order_change *c,
			   struct effective *e, struct mr_error *err)
{
	effective_release(e);
	char weekday[2];
	orders_weekday(c->date, weekday);
	sqlite3_stmt *stmt = store_prepare(st, ORDERS_OF_DAY_SQL
		"SELECT diet, boxes FROM day_orders WHERE meal_point_id = ?4 "
		"ORDER BY diet", err);
	if (!stmt)
		return -1;
	const char *params[] = { c->date, c->meal, weekday, c->point };
	for (int i = 0; i < 4; i++)
		sqlite3_bind_text(stmt, i + 1, params[i], -1, SQLITE_TRANSIENT);
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		ALLOC_GROW(e->line, e->n + 1, e->alloc);
		snprintf(e->line[e->n].diet, sizeof(e->line[0].diet), "%s",
			 store_text(stmt, 0));
		e->line[e->n++].boxes = sqlite3_column_int(stmt, 1);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, "orders");
	int found = query(st, "SELECT cancelled_by FROM order_cancellations "
			  "WHERE " KEY, e->by, sizeof(e->by), err, c->date,
			  c->meal, c->point, (const char *)NULL);
	if (found > 0)
		found = query(st, "SELECT cancelled_at FROM "
			      "order_cancellations WHERE " KEY, e->at,
			      sizeof(e->at), err, c->date, c->meal, c->point,
			      (const char *)NULL);
	e->cancelled = found > 0;
	return found < 0 ? -1 : 0;
}

static int effective_boxes(const struct effective *e, const char *diet)
{
	for (int i = 0; i < e->n; i++)
		if (!strcmp(e->line[i].diet, diet))
			return e->line[i].boxes;
	return 0;
}

/* "MP-001 lunch 2026-11-23: 59 → 44 boxes; low_salt 9 → 0" from the
 * point's effective order before and after; nothing when they agree. */
static void report_change(const struct order_change *c,
			  const struct effective *was,
			  const struct effective *now, struct strbuf *out)
{
	struct order_report r = { .diets = STRBUF_INIT };
	snprintf(r.date, sizeof(r.date), "%s", c->date);
	snprintf(r.meal, sizeof(r.meal), "%s", c->meal);
	snprintf(r.point, sizeof(r.point), "%s", c->point);
	snprintf(r.by, sizeof(r.by), "%s", now->by);
	r.was_c = was->cancelled;
	r.now_c = now->cancelled;
	/* The diets of either, each once: those it had, then the new. */
	const struct effective *both[] = { was, now };
	for (int k = 0; k < 2; k++)
		for (int i = 0; i < both[k]->n; i++) {
			const char *d = both[k]->line[i].diet;
			int a = effective_boxes(was, d), b = effective_boxes(now, d);
			if (k == 1 && a)
				continue;
			r.was += a;
			r.now += b;
			if (a != b)
				strbuf_addf(&r.diets, "%s%s %d → %d",
					    r.diets.len ? ", " : "", d, a, b);
		}
	if (r.was != r.now || r.was_c != r.now_c || r.diets.len)
		report_flush(&r, out);
	strbuf_release(&r.diets);
}

/* The change itself, inside the transaction. */
static int apply(struct store *st, const struct order_change *c,
		 const struct effective *was, const char *now,
		 struct mr_error *err)
{
	if (c->restore)
		return exec_params(st, "DELETE FROM order_cancellations "
					 "WHERE " KEY, err, c->date, c->meal,
					 c->point, (const char *)NULL);
	if (was->cancelled && !c->cancel)
		return mr_fail(err, EX_DATAERR, "%s's %s order for %s is "
			       "cancelled (by %s at %s); take the cancellation "
			       "back with --restore first", c->point, c->meal,
			       c->date, was->by, was->at);
	if (c->cancel) {
		if (!was->n && !was->cancelled)
			return mr_fail(err, EX_DATAERR, "%s has no %s order for "
				       "%s to cancel", c->point, c->meal,
				       c->date);
		return exec_params(st, "INSERT INTO order_cancellations "
					 "(date, meal, meal_point_id, "
					 "cancelled_at, cancelled_by) VALUES "
					 "(?1, ?2, ?3, ?4, ?5) ON CONFLICT DO "
					 "NOTHING", err, c->date, c->meal,
					 c->point, now, c->by, (const char *)NULL);
	}
	/* A standing order changed for one day becomes the day's own order,
	 * its other lines with it. */
	int own = query(st, "SELECT 1 FROM orders WHERE " KEY, NULL, 0, err,
			c->date, c->meal, c->point, (const char *)NULL);
	if (own < 0)
		return -1;
	char weekday[2];
	orders_weekday(c->date, weekday);
	if (!own && exec_params(st, ORDERS_OF_DAY_SQL "INSERT INTO orders "
				"(date, meal, meal_point_id, diet, boxes, "
				"source, imported_at) SELECT ?1, ?2, "
				"meal_point_id, diet, boxes, 'standing', ?5 "
				"FROM day_orders WHERE meal_point_id = ?4",
				err, c->date, c->meal, weekday, c->point, now,
				(const char *)NULL) != 0)
		return -1;
	if (c->boxes == 0) {
		if (exec_params(st, "DELETE FROM orders WHERE " KEY
				" AND diet = ?4", err, c->date, c->meal,
				c->point, c->diet, (const char *)NULL) != 0)
			return -1;
		/* Its last line gone and its standing order back in its
		 * place: cancelled instead, so that nothing comes that day. */
		struct effective back = { 0 };
		int rc = effective_order(st, c, &back, err);
		bool standing = rc == 0 && back.n > 0 &&
				query(st, "SELECT 1 FROM orders WHERE " KEY, NULL,
				      0, err, c->date, c->meal, c->point,
				      (const char *)NULL) == 0;
		effective_release(&back);
		if (rc != 0 || !standing)
			return rc;
		return exec_params(st, "INSERT INTO order_cancellations "
				   "(date, meal, meal_point_id, cancelled_at, "
				   "cancelled_by) VALUES (?1, ?2, ?3, ?4, ?5)",
				   err, c->date, c->meal, c->point, now, c->by,
				   (const char *)NULL);
	}
	char boxes[16];
	snprintf(boxes, sizeof(boxes), "%d", c->boxes);
	return exec_params(st, "INSERT INTO orders (date, meal, "
				 "meal_point_id, diet, boxes, source, "
				 "imported_at) VALUES (?1, ?2, ?3, ?4, "
				 "CAST(?5 AS INTEGER), 'command', ?6) ON "
				 "CONFLICT DO UPDATE SET boxes = excluded.boxes, "
				 "source = 'command', imported_at = ?6", err,
				 c->date, c->meal, c->point, c->diet, boxes, now,
				 (const char *)NULL);
}

int store_order_change(struct store *st, const struct order_change *c,
		       struct strbuf *out, struct mr_error *err)
{
	int known = query(st, "SELECT 1 FROM meal_points WHERE id = ?1", NULL,
			  0, err, c->point, (const char *)NULL);
	if (known < 0)
		return -1;
	if (!known)
		return mr_fail(err, EX_DATAERR, "--point %s: no such meal point",
			       c->point);
	if (c->diet) {
		known = query(st, "SELECT 1 FROM diets WHERE code = ?1", NULL, 0,
			      err, c->diet, (const char *)NULL);
		if (known < 0)
			return -1;
		if (!known)
			return mr_fail(err, EX_DATAERR, "--diet %s: no such diet",
				       c->diet);
	}
	char now[32];
	utc_now(now);
	if (store_exec(st, "BEGIN IMMEDIATE", err) != 0)
		return -1;
	struct effective was = { 0 }, after = { 0 };
	int rc = 0;
	if (effective_order(st, c, &was, err) != 0 ||
	    apply(st, c, &was, now, err) != 0 ||
	    effective_order(st, c, &after, err) != 0 ||
	    store_exec(st, "COMMIT", err) != 0) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		rc = -1;
	} else {
		report_change(c, &was, &after, out);
	}
	effective_release(&was);
	effective_release(&after);
	return rc;
}

static const char *const weekday_names[] = {
	"", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
	"Saturday", "Sunday",
};

/* The day's orders, a line per meal point. */
static int list_orders(struct store *st, sqlite3_stmt *stmt,
		       struct strbuf *out, struct mr_error *err)
{
	struct strbuf diets = STRBUF_INIT, sources = STRBUF_INIT;
	char point[128] = "";
	int boxes = 0, points = 0, total = 0, rc;
	for (;;) {
		rc = sqlite3_step(stmt);
		const char *id = rc == SQLITE_ROW ? store_text(stmt, 0) : "";
		if (point[0] && (rc != SQLITE_ROW || strcmp(point, id))) {
			strbuf_addf(out, "  %-10s %5d boxes  %-40s  %s\n", point,
				    boxes, diets.buf, sources.buf);
			strbuf_reset(&diets);
			strbuf_reset(&sources);
			points++;
			total += boxes;
			boxes = 0;
		}
		if (rc != SQLITE_ROW)
			break;
		snprintf(point, sizeof(point), "%s", id);
		/* Where its lines came from, each source once. */
		const char *src = store_text(stmt, 3);
		char *at = sources.len ? strstr(sources.buf, src) : NULL;
		size_t n = strlen(src);
		if (!at || (at[n] && at[n] != '+'))
			strbuf_addf(&sources, "%s%s", sources.len ? "+" : "", src);
		int b = sqlite3_column_int(stmt, 2);
		boxes += b;
		strbuf_addf(&diets, "%s%s %d", diets.len ? ", " : "",
			    store_text(stmt, 1), b);
	}
	strbuf_release(&diets);
	strbuf_release(&sources);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, "cannot read the orders");
	strbuf_addf(out, "%d meal point%s, %d boxes\n", points,
		    points == 1 ? "" : "s", total);
	return 0;
}

int store_day_orders(struct store *st, const char *date, const char *meal,
		     struct strbuf *out, struct mr_error *err)
{
	static const char *const sql[] = {
		ORDERS_OF_DAY_SQL "SELECT meal_point_id, diet, boxes, source "
		"FROM day_orders ORDER BY meal_point_id, diet",
		"SELECT meal_point_id, cancelled_by, cancelled_at, (SELECT "
		"sum(boxes) FROM orders o WHERE o.date = c.date AND o.meal = "
		"c.meal AND o.meal_point_id = c.meal_point_id) FROM "
		"order_cancellations c WHERE date = ?1 AND meal = ?2 "
		"ORDER BY meal_point_id",
		"SELECT meal_point_id, from_date, to_date, reason FROM pauses "
		"WHERE from_date <= ?1 AND (to_date = '' OR to_date >= ?1) "
		"ORDER BY meal_point_id, from_date",
	};
	char weekday[2];
	orders_weekday(date, weekday);
	strbuf_addf(out, "%s %s (%s):\n", meal, date,
		    weekday_names[weekday[0] - '0']);
	for (int q = 0; q < 3; q++) {
		sqlite3_stmt *stmt = store_prepare(st, sql[q], err);
		if (!stmt)
			return -1;
		/* Each takes the parameters it has of these. */
		int np = sqlite3_bind_parameter_count(stmt);
		const char *params[] = { date, meal, weekday };
		for (int i = 0; i < np && i < 3; i++)
			sqlite3_bind_text(stmt, i + 1, params[i], -1,
					  SQLITE_TRANSIENT);
		int rc = 0;
		if (q == 0) {
			rc = list_orders(st, stmt, out, err);
		} else {
			bool any = false;
			int step;
			while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
				if (!any)
					strbuf_addstr(out, q == 1 ? "cancelled:\n"
							      : "paused:\n");
				any = true;
				if (q == 1 && sqlite3_column_type(stmt, 3) ==
					      SQLITE_NULL)
					strbuf_addf(out, "  %-10s by %s at %s (its "
						    "standing order)\n",
						    store_text(stmt, 0),
						    store_text(stmt, 1),
						    store_text(stmt, 2));
				else if (q == 1)
					strbuf_addf(out, "  %-10s by %s at %s "
						    "(%d boxes)\n",
						    store_text(stmt, 0),
						    store_text(stmt, 1),
						    store_text(stmt, 2),
						    sqlite3_column_int(stmt, 3));
				else
					strbuf_addf(out, "  %-10s from %s to %s%s%s\n",
						    store_text(stmt, 0),
						    store_text(stmt, 1),
						    *store_text(stmt, 2)
						    ? store_text(stmt, 2) : "further notice",
						    *store_text(stmt, 3) ? ": " : "",
						    store_text(stmt, 3));
			}
			if (step != SQLITE_DONE)
				rc = store_fail(st, err, "cannot read the orders");
		}
		sqlite3_finalize(stmt);
		if (rc != 0)
			return -1;
	}
	return 0;
}
