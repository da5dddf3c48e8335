/*
 * A month of records read back for the report (see records.h): the plans
 * in force of each date and meal at one kitchen, their trips, every stop
 * and diet with its record when there is one, and the names the report
 * prints. Two queries in the same order (date, meal, plan, trip) are
 * walked side by side, so each row finds its trip without a lookup.
 */
#include "data/records.h"
#include "data/store_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/timefmt.h"
#include "util/xalloc.h"

/* The plans in force of the month at the kitchen: ?1 kitchen, ?2 first
 * day, ?3 first day of the next month. */
#define IN_FORCE "WITH force AS (SELECT " PLAN_DRIVEN_SQL " AS id FROM plans WHERE " \
	"kitchen_id = ?1 AND date >= ?2 AND date < ?3 GROUP BY date, meal) "
#define MEAL_ORDER "CASE p.meal WHEN 'breakfast' THEN 0 WHEN 'lunch' " \
	"THEN 1 ELSE 2 END"

static int by_id(const void *a, const void *b)
{
	const struct month_name *x = a, *y = b;
	return strcmp(x->id, y->id);
}

static int name_index(const struct month_name *names, int n, const char *id)
{
	struct month_name key = { .id = (char *)id };
	const struct month_name *found = bsearch(&key, names, (size_t)n,
						 sizeof(*names), by_id);
	return found ? (int)(found - names) : -1;
}

/* Reads names from sql (id, name, name_en) into *out, sorted by id when
 * sorted. */
static int read_names(struct store *st, const char *sql, bool sorted,
		      struct month_name **out, int *n, struct mr_error *err)
{
	sqlite3_stmt *q = store_prepare(st, sql, err);
	if (!q)
		return -1;
	int alloc = 0, rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		ALLOC_GROW(*out, *n + 1, alloc);
		struct month_name *m = &(*out)[(*n)++];
		m->id = xstrdup(store_text(q, 0));
		m->name = xstrdup(store_text(q, 1));
		m->name_en = xstrdup(store_text(q, 2));
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, "cannot read the records");
	if (sorted)
		qsort(*out, (size_t)*n, sizeof(**out), by_id);
	return 0;
}

/* The kitchen (kitchen_id, or the only one) into m. */
static int read_kitchen(struct store *st, const char *kitchen_id,
			struct month_records *m, struct mr_error *err)
{
	sqlite3_stmt *q = store_prepare(st, "SELECT id, name, name_en, "
		"phone, cold_below_c, (SELECT count(*) FROM kitchens) FROM "
		"kitchens WHERE ?1 IS NULL OR id = ?1 ORDER BY id", err);
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, kitchen_id, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW && !kitchen_id && sqlite3_column_int(q, 5) > 1) {
		sqlite3_finalize(q);
		return mr_fail(err, EX_USAGE, "the database holds several "
			       "kitchens; give --kitchen ID");
	}
	if (rc == SQLITE_ROW) {
		m->kitchen.id = xstrdup(store_text(q, 0));
		m->kitchen.name = xstrdup(store_text(q, 1));
		m->kitchen.name_en = xstrdup(store_text(q, 2));
		m->kitchen_phone = xstrdup(store_text(q, 3));
		m->cold_below_c = sqlite3_column_double(q, 4);
	}
	sqlite3_finalize(q);
	if (rc == SQLITE_DONE)
		return kitchen_id ? mr_fail(err, EX_USAGE, "no kitchen '%s'",
					    kitchen_id)
				  : mr_fail(err, EX_DATAERR, "the database "
					    "holds no kitchen");
	if (rc != SQLITE_ROW)
		return store_fail(st, err, "cannot read the kitchen");
	return 0;
}

/* Prepares sql (IN_FORCE, then a query of it) for the month of m. */
static sqlite3_stmt *month_query(struct store *st, const char *sql,
				 const struct month_records *m,
				 struct mr_error *err)
{
	sqlite3_stmt *q = store_prepare(st, sql, err);
	if (!q)
		return NULL;
	char first[16], next[16];
	int y, mo;
	sscanf(m->month, "%d-%d", &y, &mo);
	snprintf(first, sizeof(first), "%s-01", m->month);
	snprintf(next, sizeof(next), "%04d-%02d-01", mo == 12 ? y + 1 : y,
		 mo == 12 ? 1 : mo + 1);
	sqlite3_bind_text(q, 1, m->kitchen.id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, first, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 3, next, -1, SQLITE_TRANSIENT);
	return q;
}

/* A local ISO time of date as seconds after its midnight; -1 for none. */
static double seconds(const char *date, const char *iso)
{
	double s;
	return *iso && iso_parse(date, iso, &s) == 0 ? s : -1;
}

static int read_trips(struct store *st, struct month_records *m,
		      long long **plan_of, struct mr_error *err)
{
	sqlite3_stmt *q = month_query(st, IN_FORCE "SELECT p.id, p.date, "
		"p.meal, t.route_id, t.trip, t.vehicle_id, t.load_start, "
		"t.depart, t.return, t.distance_m, t.food_limit_min, "
		"t.cooked_from, p.unassigned_boxes FROM force f JOIN plans p "
		"ON p.id = f.id JOIN plan_trips t ON t.plan_id = p.id ORDER BY "
		"p.date, " MEAL_ORDER ", p.id, t.route_id", m, err);
	if (!q)
		return -1;
	int alloc = 0, rc;
	long long last_plan = -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		ALLOC_GROW(m->trips, m->ntrips + 1, alloc);
		*plan_of = xreallocarray(*plan_of, (size_t)alloc,
					 sizeof(**plan_of));
		struct month_trip *t = &m->trips[m->ntrips];
		(*plan_of)[m->ntrips++] = sqlite3_column_int64(q, 0);
		snprintf(t->date, sizeof(t->date), "%s", store_text(q, 1));
		snprintf(t->meal, sizeof(t->meal), "%s", store_text(q, 2));
		t->route_id = sqlite3_column_int(q, 3);
		t->trip_no = sqlite3_column_int(q, 4);
		t->vehicle = name_index(m->vehicles, m->nvehicles,
					store_text(q, 5));
		t->load_start = seconds(t->date, store_text(q, 6));
		t->depart = seconds(t->date, store_text(q, 7));
		t->ret = seconds(t->date, store_text(q, 8));
		t->distance_m = sqlite3_column_double(q, 9);
		double cooked = seconds(t->date, store_text(q, 11));
		t->serve_by = (cooked >= 0 ? cooked : t->load_start) +
			      60.0 * sqlite3_column_int(q, 10);
		if (sqlite3_column_int64(q, 0) != last_plan)
			m->unassigned_boxes += sqlite3_column_int(q, 12);
		last_plan = sqlite3_column_int64(q, 0);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, "cannot read the plans");
	return 0;
}

/* A stop's window: as planned, or for plans saved before windows were,
 * the meal point's window for the meal. */
static double window_time(sqlite3_stmt *q, int iso_col, int clock_col,
			  const char *date)
{
	if (sqlite3_column_type(q, iso_col) != SQLITE_NULL)
		return seconds(date, store_text(q, iso_col));
	int sec;
	if (sqlite3_column_type(q, clock_col) != SQLITE_NULL &&
	    clock_parse(store_text(q, clock_col), &sec) == 0)
		return sec;
	return -1;
}

static void take_row(sqlite3_stmt *q, struct month_records *m, int trip,
		     struct month_row *r)
{
	const char *date = m->trips[trip].date;
	r->trip = trip;
	r->seq = sqlite3_column_int(q, 2);
	r->meal_point = name_index(m->points, m->npoints, store_text(q, 3));
	r->diet = -1;
	for (int d = 0; d < m->ndiets && r->diet < 0; d++)
		if (!strcmp(m->diets[d].id, store_text(q, 4)))
			r->diet = d;
	r->planned = sqlite3_column_int(q, 5);
	r->planned_arrival = seconds(date, store_text(q, 6));
	r->window_open = window_time(q, 7, 9, date);
	r->window_close = window_time(q, 8, 10, date);
	r->recorded = sqlite3_column_int(q, 11);
	r->delivered = sqlite3_column_int(q, 12);
	r->arrived = seconds(date, store_text(q, 13));
	r->temperature = sqlite3_column_type(q, 14) == SQLITE_NULL ? NAN
			 : sqlite3_column_double(q, 14);
	r->reason = xstrdup(store_text(q, 15));
}

static int read_rows(struct store *st, struct month_records *m,
		     const long long *plan_of, struct mr_error *err)
{
	sqlite3_stmt *q = month_query(st, IN_FORCE "SELECT s.plan_id, "
		"s.route_id, s.seq, s.meal_point_id, j.key, j.value, s.arrive, "
		"s.window_open, s.window_close, w.open, w.close, d.plan_id IS "
		"NOT NULL, d.boxes_delivered, d.arrived_at, d.temperature_c, "
		"d.not_delivered_reason FROM force f JOIN plans p ON p.id = "
		"f.id JOIN plan_stops s ON s.plan_id = p.id JOIN "
		"json_each(s.diets) j LEFT JOIN delivery_windows w ON "
		"w.meal_point_id = s.meal_point_id AND w.meal = p.meal LEFT "
		"JOIN deliveries d ON d.plan_id = s.plan_id AND d.route_id = "
		"s.route_id AND d.seq = s.seq AND d.diet = j.key ORDER BY "
		"p.date, " MEAL_ORDER ", p.id, s.route_id, s.seq, j.id", m,
		err);
	if (!q)
		return -1;
	int alloc = 0, rc, trip = 0;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		long long plan = sqlite3_column_int64(q, 0);
		int route = sqlite3_column_int(q, 1);
		while (trip < m->ntrips && (plan_of[trip] != plan ||
					    m->trips[trip].route_id != route))
			trip++;
		if (trip == m->ntrips)
			break; /* a stop without its trip: not a saved plan's */
		ALLOC_GROW(m->rows, m->nrows + 1, alloc);
		struct month_row *r = &m->rows[m->nrows];
		take_row(q, m, trip, r);
		if (r->meal_point < 0 || r->diet < 0) {
			free(r->reason);
			continue; /* a meal point or diet no longer known */
		}
		m->nrows++;
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail(st, err, "cannot read the records");
	return 0;
}

int store_month_records(struct store *st, const char *month,
			const char *kitchen_id, struct month_records *out,
			struct mr_error *err)
{
	memset(out, 0, sizeof(*out));
	snprintf(out->month, sizeof(out->month), "%s", month);
	int y = 0, mo = 0;
	sscanf(month, "%d-%d", &y, &mo);
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
				    30, 31 };
	out->ndays = mo >= 1 && mo <= 12 ? days[mo - 1] : 31;
	if (mo == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		out->ndays = 29;
	long long *plan_of = NULL;
	int rc = -1;
	if (read_kitchen(st, kitchen_id, out, err) != 0 ||
	    read_names(st, "SELECT id, name, '' FROM meal_points", true,
		       &out->points, &out->npoints, err) != 0 ||
	    read_names(st, "SELECT code, label_zh, label_en FROM diets ORDER "
		       "BY rowid", false, &out->diets, &out->ndiets,
		       err) != 0 ||
	    read_names(st, "SELECT id, plate, name FROM vehicles", true,
		       &out->vehicles, &out->nvehicles, err) != 0 ||
	    read_trips(st, out, &plan_of, err) != 0 ||
	    read_rows(st, out, plan_of, err) != 0)
		goto out;
	rc = 0;
out:
	free(plan_of);
	return rc;
}

static void names_free(struct month_name *names, int n)
{
	for (int i = 0; i < n; i++) {
		free(names[i].id);
		free(names[i].name);
		free(names[i].name_en);
	}
	free(names);
}

void month_records_release(struct month_records *m)
{
	for (int i = 0; i < m->nrows; i++)
		free(m->rows[i].reason);
	free(m->rows);
	free(m->trips);
	names_free(m->points, m->npoints);
	names_free(m->diets, m->ndiets);
	names_free(m->vehicles, m->nvehicles);
	free(m->kitchen.id);
	free(m->kitchen.name);
	free(m->kitchen.name_en);
	free(m->kitchen_phone);
	memset(m, 0, sizeof(*m));
}
