/*
 * The plan checker (see check.h). It reads plan.json with jansson and trusts
 * nothing in it: every total is added up again and every time compared.
 * A field that is missing or of the wrong type is itself a problem, and the
 * check goes on with what can still be checked.
 */
#include "planner/check.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/timefmt.h"
#include "util/xalloc.h"

/* Times are written to the second; allow for that rounding. */
#define EPS 1.0
/* More boxes than this in one entry is not a plan but a typing error, and
 * sums of such counts could overflow. */
#define MAX_BOXES 1000000

struct checker {
	struct check_result *res;
	const char *path;
	const char *date;
};

static void problem(struct checker *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void problem(struct checker *c, const char *fmt, ...)
{
	va_list ap;
	strbuf_addf(&c->res->report, "%s: ", c->path);
	va_start(ap, fmt);
	strbuf_vaddf(&c->res->report, fmt, ap);
	va_end(ap);
	strbuf_addch(&c->res->report, '\n');
	c->res->problems++;
}

static json_t *need(struct checker *c, json_t *obj, const char *key,
		    json_type type, const char *where)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_typeof(v) != type) {
		if (type == JSON_REAL && v && json_is_integer(v))
			return v;
		problem(c, "%s: missing or malformed '%s'", where, key);
		return NULL;
	}
	return v;
}

static bool get_int(struct checker *c, json_t *obj, const char *key,
		    const char *where, long long *out)
{
	json_t *v = need(c, obj, key, JSON_INTEGER, where);
	if (v)
		*out = json_integer_value(v);
	return v != NULL;
}

static bool get_num(struct checker *c, json_t *obj, const char *key,
		    const char *where, double *out)
{
	json_t *v = need(c, obj, key, JSON_REAL, where);
	if (v)
		*out = json_number_value(v);
	return v != NULL;
}

static bool time_of(struct checker *c, json_t *v, const char *what,
		    const char *where, double *out)
{
	if (!json_is_string(v) ||
	    iso_parse(c->date, json_string_value(v), out) != 0) {
		problem(c, "%s: '%s' is not a local ISO 8601 time", where,
			what);
		return false;
	}
	return true;
}

static bool get_time(struct checker *c, json_t *obj, const char *key,
		     const char *where, double *out)
{
	json_t *v = json_object_get(obj, key);
	return time_of(c, v, key, where, out);
}

/* Adds up a {diet: boxes} object; -1 when malformed. */
static long long diet_sum(struct checker *c, json_t *diets, const char *where)
{
	if (!json_is_object(diets)) {
		problem(c, "%s: missing or malformed 'diets'", where);
		return -1;
	}
	long long sum = 0;
	const char *code;
	json_t *v;
	json_object_foreach(diets, code, v) {
		if (!json_is_integer(v) || json_integer_value(v) < 0 ||
		    json_integer_value(v) > MAX_BOXES) {
			problem(c, "%s: diet '%s' has no box count", where,
				code);
			return -1;
		}
		sum += json_integer_value(v);
	}
	return sum;
}

/* Adds diets into the running totals object acc. */
static void diet_add(json_t *acc, json_t *diets)
{
	const char *code;
	json_t *v;
	json_object_foreach(diets, code, v) {
		json_t *old = json_object_get(acc, code);
		json_int_t n = json_integer_value(v) +
			       (old ? json_integer_value(old) : 0);
		json_object_set_new(acc, code, json_integer(n));
	}
}

/* Compares two {diet: boxes} objects, ignoring zero entries. */
static bool diets_equal(json_t *a, json_t *b)
{
	const char *code;
	json_t *v;
	json_object_foreach(a, code, v) {
		json_t *w = json_object_get(b, code);
		if (json_integer_value(v) != (w ? json_integer_value(w) : 0))
			return false;
	}
	json_object_foreach(b, code, v) {
		json_t *w = json_object_get(a, code);
		if (json_integer_value(v) != (w ? json_integer_value(w) : 0))
			return false;
	}
	return true;
}

struct trip_span {
	const char *vehicle;
	long long id, trip;
	double load_start, ret;
};

static int span_cmp(const void *a, const void *b)
{
	const struct trip_span *x = a, *y = b;
	int c = strcmp(x->vehicle, y->vehicle);
	if (c)
		return c;
	return x->load_start < y->load_start ? -1 : x->load_start > y->load_start;
}

/* A batch's portions for a route, for the food checks. */
struct feed {
	long long route;
	const char *dish;
	double end;
	long long portions;
};

/* What the batches say of a route's food (NAN when none feeds it), and
 * its food limit in seconds. */
struct route_food {
	double cooked_from, food_ready;
	double limit_s;
};

static void check_stop(struct checker *c, json_t *stop, const char *where,
		       double *prev_leave, double food_from, double limit_s,
		       long long *boxes_sum, json_t *acc)
{
	double arrive, start, leave, open, close;
	bool times = get_time(c, stop, "arrive", where, &arrive) &&
		     get_time(c, stop, "start", where, &start) &&
		     get_time(c, stop, "leave", where, &leave);
	json_t *window = json_object_get(stop, "window");
	bool win = json_is_array(window) && json_array_size(window) == 2 &&
		   time_of(c, json_array_get(window, 0), "window", where,
			   &open) &&
		   time_of(c, json_array_get(window, 1), "window", where,
			   &close);
	if (!win && !(json_is_array(window) && json_array_size(window) == 2))
		problem(c, "%s: missing or malformed 'window'", where);
	long long boxes = 0;
	if (get_int(c, stop, "boxes", where, &boxes)) {
		if (boxes <= 0 || boxes > MAX_BOXES)
			problem(c, "%s: %lld boxes", where, boxes);
		else
			*boxes_sum += boxes;
	}
	json_t *diets = json_object_get(stop, "diets");
	long long dsum = diet_sum(c, diets, where);
	if (dsum >= 0) {
		diet_add(acc, diets);
		if (dsum != boxes)
			problem(c, "%s: boxes per diet add up to %lld, not %lld",
				where, dsum, boxes);
	}
	if (!times)
		return;
	char a[16], b[16];
	if (arrive + EPS < *prev_leave) {
		clock_format(arrive, a);
		clock_format(*prev_leave, b);
		problem(c, "%s: arrives %s before the previous stop is left at "
			"%s", where, a, b);
	}
	if (start + EPS < arrive || leave + EPS < start)
		problem(c, "%s: arrive, start and leave are out of order",
			where);
	if (win && (start + EPS < open || start > close + EPS)) {
		char o[16], cl[16];
		clock_format(start, a);
		clock_format(open, o);
		clock_format(close, cl);
		problem(c, "%s: service starts %s outside its window %s-%s",
			where, a, o, cl);
	}
	if (limit_s > 0 && start - food_from > limit_s + EPS) {
		clock_format(start, a);
		clock_format(food_from, b);
		problem(c, "%s: served %s, %.0f min after the food was ready at "
			"%s (limit %.0f min)", where, a,
			(start - food_from) / 60.0, b, limit_s / 60.0);
	}
	*prev_leave = leave;
}

/* The food limit of route, in seconds: its own when it says one, which
 * must be the plan's limit for its kind of van; a heated van's needs the
 * plan's heated_food_limit_min. */
static double route_limit(struct checker *c, json_t *root, json_t *route,
			  const char *where, double limit_s)
{
	long long heated_min = 0, min = 0;
	bool heated = json_is_true(json_object_get(route, "heated"));
	if (!json_object_get(route, "food_limit_min")) {
		if (heated)
			problem(c, "%s: a heated van with no food_limit_min",
				where);
		return limit_s;
	}
	if (!get_int(c, route, "food_limit_min", where, &min))
		return limit_s;
	if (heated) {
		if (get_int(c, root, "heated_food_limit_min", "plan",
			    &heated_min) && min != heated_min)
			problem(c, "%s: a heated van's food limit is %lld min, "
				"not %lld", where, heated_min, min);
	} else if (min * 60.0 != limit_s) {
		problem(c, "%s: food limit %lld min, not the plan's %.0f", where,
			min, limit_s / 60.0);
	}
	return min * 60.0;
}

static void check_routes(struct checker *c, json_t *routes,
			 const struct route_food *food, long long *assigned,
			 json_t *acc)
{
	size_t n = json_array_size(routes);
	struct trip_span *spans = xcalloc(n + 1, sizeof(*spans));
	int nspans = 0;
	size_t i;
	json_t *route;
	json_array_foreach(routes, i, route) {
		char where[64];
		long long id = (long long)i + 1, trip = 0, cap = 0, load = 0;
		get_int(c, route, "id", "route", &id);
		snprintf(where, sizeof(where), "route %lld", id);
		get_int(c, route, "trip", where, &trip);
		bool has_cap = get_int(c, route, "capacity", where, &cap);
		bool has_load = get_int(c, route, "load", where, &load);
		json_t *veh = need(c, route, "vehicle", JSON_STRING, where);
		double ls = 0, dep = 0, ret = 0;
		bool times = get_time(c, route, "load_start", where, &ls) &&
			     get_time(c, route, "depart", where, &dep) &&
			     get_time(c, route, "return", where, &ret);
		double d;
		get_num(c, route, "distance_m", where, &d);
		get_num(c, route, "drive_s", where, &d);
		if (has_cap && has_load && load > cap)
			problem(c, "%s: load %lld exceeds capacity %lld", where,
				load, cap);
		if (times && (dep + EPS < ls || ret + EPS < dep))
			problem(c, "%s: loading, departure and return are out "
				"of order", where);

		/* The food leaves the pot when the first batch feeding the
		 * trip ends, or, without batches, when loading starts. */
		double food_from = isnan(food[i].cooked_from)
			? ls : food[i].cooked_from;

		json_t *stops = need(c, route, "stops", JSON_ARRAY, where);
		long long sum = 0;
		double prev = times ? dep : -INFINITY;
		json_t *route_diets = json_object();
		size_t k;
		json_t *stop;
		json_array_foreach(stops, k, stop) {
			char sw[96];
			snprintf(sw, sizeof(sw), "%s stop %zu", where, k + 1);
			long long seq;
			if (get_int(c, stop, "seq", sw, &seq) &&
			    seq != (long long)k + 1)
				problem(c, "%s: seq is %lld", sw, seq);
			check_stop(c, stop, sw, &prev, times ? food_from : NAN,
				   times ? food[i].limit_s : 0, &sum, route_diets);
			c->res->stops++;
		}
		if (times && ret + EPS < prev)
			problem(c, "%s: returns before the last stop is left",
				where);
		if (has_load && sum != load)
			problem(c, "%s: stops hold %lld boxes, load says %lld",
				where, sum, load);
		json_t *rd = json_object_get(route, "diets");
		if (rd && (!json_is_object(rd) || !diets_equal(rd, route_diets)))
			problem(c, "%s: boxes per diet do not add up to its "
				"stops'", where);
		diet_add(acc, route_diets);
		json_decref(route_diets);
		*assigned += sum;
		if (veh && times)
			spans[nspans++] = (struct trip_span){
				json_string_value(veh), id, trip, ls, ret };
		c->res->routes++;
	}

	qsort(spans, (size_t)nspans, sizeof(*spans), span_cmp);
	for (int s = 1; s < nspans; s++) {
		const struct trip_span *a = &spans[s - 1], *b = &spans[s];
		if (strcmp(a->vehicle, b->vehicle) != 0)
			continue;
		if (b->load_start + EPS < a->ret)
			problem(c, "vehicle %s: route %lld starts loading "
				"before route %lld is back", a->vehicle, b->id,
				a->id);
		if (b->trip <= a->trip)
			problem(c, "vehicle %s: trip numbers %lld and %lld are "
				"out of order", a->vehicle, a->trip, b->trip);
	}
	free(spans);
}

/* An equipment row of the plan's kitchen. */
struct rowinfo {
	const char *id, *kind;
	long long units, portions, minutes, cleaning, cooks;
	bool clean_same;
};

struct batch_span {
	const char *equipment;      /* its unit: "ROW#n" */
	long long id;
	double start, end;
	long long cooks;
	const char *dish;
	const struct rowinfo *row;  /* NULL when the unit names none */
};

/* Whether batch b, next on batch a's unit, needs no cleaning after a:
 * the same dish, on a row that cleans only when the dish changes. */
static bool no_cleaning(const struct batch_span *a, const struct batch_span *b)
{
	return a->row && !a->row->clean_same &&
	       !strcmp(a->equipment, b->equipment) && a->dish && b->dish &&
	       !strcmp(a->dish, b->dish);
}

static int batch_cmp(const void *a, const void *b)
{
	const struct batch_span *x = a, *y = b;
	int c = strcmp(x->equipment, y->equipment);
	if (c)
		return c;
	return x->start < y->start ? -1 : x->start > y->start;
}

struct cook_event {
	double at;
	long long change;  /* cooks starting (+) or done (-) */
};

static int cook_event_cmp(const void *a, const void *b)
{
	const struct cook_event *x = a, *y = b;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->change < y->change ? -1 : x->change > y->change;
}

/* No more cooks busy at once than the kitchen has (0: no limit), while
 * batches cook and their units are cleaned after them (spans in unit
 * order). */
static void check_cooks(struct checker *c, const struct batch_span *spans,
			int n, long long limit)
{
	if (limit <= 0 || n == 0)
		return;
	struct cook_event *ev = xcalloc(2 * (size_t)n, sizeof(*ev));
	for (int i = 0; i < n; i++) {
		double done = spans[i].end;
		if (spans[i].row && !(i + 1 < n &&
				      no_cleaning(&spans[i], &spans[i + 1])))
			done += spans[i].row->cleaning * 60.0;
		ev[2 * i] = (struct cook_event){ spans[i].start, spans[i].cooks };
		ev[2 * i + 1] = (struct cook_event){ done - EPS,
						     -spans[i].cooks };
	}
	qsort(ev, 2 * (size_t)n, sizeof(*ev), cook_event_cmp);
	long long busy = 0;
	for (int i = 0; i < 2 * n; i++) {
		busy += ev[i].change;
		if (busy > limit) {
			char at[16];
			clock_format((int)ev[i].at, at);
			problem(c, "kitchen: %lld cooks busy at %s, more than "
				"its %lld", busy, at, limit);
			break;
		}
	}
	free(ev);
}

/* The rows of root's "equipment", which a plan with batches must have. */
static struct rowinfo *read_equipment(struct checker *c, json_t *root, int *n)
{
	json_t *eq = json_object_get(root, "equipment");
	*n = 0;
	if (!json_is_array(eq)) {
		problem(c, "plan: batches, but no 'equipment' to check them "
			"against");
		return NULL;
	}
	struct rowinfo *rows = xcalloc(json_array_size(eq) + 1, sizeof(*rows));
	size_t i;
	json_t *e;
	json_array_foreach(eq, i, e) {
		char where[64];
		snprintf(where, sizeof(where), "equipment %zu", i + 1);
		json_t *id = need(c, e, "id", JSON_STRING, where);
		json_t *kind = need(c, e, "kind", JSON_STRING, where);
		struct rowinfo *r = &rows[*n];
		if (!id || !kind ||
		    !get_int(c, e, "units", where, &r->units) ||
		    !get_int(c, e, "batch_portions", where, &r->portions) ||
		    !get_int(c, e, "batch_minutes", where, &r->minutes) ||
		    !get_int(c, e, "cleaning_minutes", where, &r->cleaning) ||
		    !get_int(c, e, "cooks_per_batch", where, &r->cooks))
			continue;
		r->id = json_string_value(id);
		r->kind = json_string_value(kind);
		r->clean_same = json_is_true(json_object_get(e,
							     "clean_between_same"));
		(*n)++;
	}
	return rows;
}

/* The kind of equipment dish names, from root's "demand"; NULL when the
 * plan does not say. */
static const char *dish_kind(json_t *root, const char *dish)
{
	size_t i;
	json_t *d;
	json_array_foreach(json_object_get(root, "demand"), i, d)
		if (!strcmp(json_string_value(json_object_get(d, "dish")) ?
			    json_string_value(json_object_get(d, "dish")) : "",
			    dish))
			return json_string_value(json_object_get(d,
							"equipment_kind"));
	return NULL;
}

/* The unit number of "ROW#n" after the row's len characters: n written
 * plainly (digits, no leading zero); 0 when it is not. */
static long long unit_number(const char *unit, size_t len)
{
	const char *d = unit + len;
	if (*d++ != '#' || *d < '1' || *d > '9' ||
	    strspn(d, "0123456789") != strlen(d) || strlen(d) > 9)
		return 0;
	return atoll(d);
}

/* Batch b's row (at where), checked: a unit the row has, its batch
 * minutes, its batch size, its cooks, and its kind the dish's. NULL when
 * the unit names no row of the kitchen. */
static const struct rowinfo *check_row(struct checker *c, json_t *root,
				       const char *where,
				       const struct rowinfo *rows, int nrows,
				       const char *unit, const char *dish,
				       double start, double end,
				       long long portions, long long cooks)
{
	size_t len = strcspn(unit, "#");
	const struct rowinfo *r = NULL;
	for (int k = 0; k < nrows && !r; k++)
		if (strlen(rows[k].id) == len && !strncmp(rows[k].id, unit, len))
			r = &rows[k];
	if (!r) {
		problem(c, "%s: equipment '%.*s' is not the kitchen's", where,
			(int)len, unit);
		return NULL;
	}
	long long u = unit_number(unit, len);
	if (u < 1 || u > r->units)
		problem(c, "%s: '%s' is not a unit of %s (it has %lld)", where,
			unit, r->id, r->units);
	if (cooks != r->cooks)
		problem(c, "%s: %lld cooks, but %s takes %lld a batch", where,
			cooks, r->id, r->cooks);
	if (fabs(end - start - r->minutes * 60.0) > EPS)
		problem(c, "%s: cooks %.0f min, but %s takes %lld a batch",
			where, (end - start) / 60.0, r->id, r->minutes);
	if (portions > r->portions)
		problem(c, "%s: %lld portions, more than %s holds (%lld)", where,
			portions, r->id, r->portions);
	const char *kind = dish ? dish_kind(root, dish) : NULL;
	if (kind && strcmp(kind, r->kind))
		problem(c, "%s: dish %s needs a %s, not %s (a %s)", where, dish,
			kind, r->id, r->kind);
	return r;
}

/* Batches on one unit, in order: cleaning between different dishes (and
 * between any two, where the row says so). */
static void check_cleaning(struct checker *c, const struct batch_span *spans,
			   int n)
{
	for (int s = 1; s < n; s++) {
		const struct batch_span *a = &spans[s - 1], *b = &spans[s];
		const struct rowinfo *r = a->row;
		if (strcmp(a->equipment, b->equipment) != 0)
			continue;
		if (b->start + EPS < a->end) {
			problem(c, "unit %s: batches %lld and %lld overlap",
				b->equipment, a->id, b->id);
			continue;
		}
		if (!r || no_cleaning(a, b) ||
		    b->start + EPS >= a->end + r->cleaning * 60.0)
			continue;
		bool same = a->dish && b->dish && !strcmp(a->dish, b->dish);
		problem(c, "unit %s: batch %lld starts %.0f min after batch "
			"%lld, which needs %lld min of cleaning before %s",
			b->equipment, b->id, (b->start - a->end) / 60.0, a->id,
			r->cleaning, same ? "the same dish on this unit"
			: "another dish");
	}
}

/* Batches: in order, on units their equipment has, feeding real routes,
 * cleaned between dishes, within the kitchen's cooks. Collects the feeds
 * for the food checks. */
static void check_batches(struct checker *c, json_t *root, json_t *batches,
			  json_t *routes, long long cooks_limit,
			  struct feed **feeds, int *nfeeds)
{
	size_t n = json_array_size(batches);
	struct batch_span *spans = xcalloc(n + 1, sizeof(*spans));
	int nspans = 0, alloc = 0, nrows = 0;
	struct rowinfo *rows = n ? read_equipment(c, root, &nrows) : NULL;
	size_t i;
	json_t *b;
	json_array_foreach(batches, i, b) {
		char where[64];
		long long id = (long long)i + 1, portions = 0, fed = 0;
		get_int(c, b, "id", "batch", &id);
		snprintf(where, sizeof(where), "batch %lld", id);
		json_t *eq = need(c, b, "equipment", JSON_STRING, where);
		json_t *dish = need(c, b, "dish", JSON_STRING, where);
		double start, end;
		if (!get_time(c, b, "start", where, &start) ||
		    !get_time(c, b, "end", where, &end))
			continue;
		if (end < start)
			problem(c, "%s: ends before it starts", where);
		long long cooks = 0;
		get_int(c, b, "cooks", where, &cooks);
		get_int(c, b, "portions", where, &portions);
		const struct rowinfo *row = NULL;
		if (eq && nrows)
			row = check_row(c, root, where, rows, nrows,
					json_string_value(eq),
					dish ? json_string_value(dish) : NULL,
					start, end, portions, cooks);
		if (eq)
			spans[nspans++] = (struct batch_span){
				json_string_value(eq), id, start, end, cooks,
				dish ? json_string_value(dish) : NULL, row };
		json_t *fs = need(c, b, "feeds", JSON_ARRAY, where);
		size_t k;
		json_t *f;
		json_array_foreach(fs, k, f) {
			long long route, part = 0;
			if (!get_int(c, f, "route", where, &route) ||
			    !get_int(c, f, "portions", where, &part))
				continue;
			if (part <= 0 || part > MAX_BOXES)
				problem(c, "%s: %lld portions for route %lld",
					where, part, route);
			else
				fed += part;
			ALLOC_GROW(*feeds, *nfeeds + 1, alloc);
			(*feeds)[(*nfeeds)++] = (struct feed){
				route, dish ? json_string_value(dish) : "",
				end, part };
			bool found = false;
			size_t r;
			json_t *rt;
			json_array_foreach(routes, r, rt)
				found = found || json_integer_value(
					json_object_get(rt, "id")) == route;
			if (!found)
				problem(c, "%s: feeds route %lld, which is not "
					"in the plan", where, route);
		}
		if (fed != portions)
			problem(c, "%s: %lld portions, but its feeds add up to "
				"%lld", where, portions, fed);
	}
	qsort(spans, (size_t)nspans, sizeof(*spans), batch_cmp);
	check_cleaning(c, spans, nspans);
	check_cooks(c, spans, nspans, cooks_limit);
	free(rows);
	free(spans);
}

/* Whether a route field holding a time (or null) says t (NAN: null). */
static void check_food_time(struct checker *c, json_t *route, const char *key,
			    const char *where, double t)
{
	json_t *v = json_object_get(route, key);
	double got;
	char a[16], b[16];
	if (!v) {
		problem(c, "%s: missing '%s'", where, key);
	} else if (json_is_null(v)) {
		if (!isnan(t)) {
			clock_format(t, a);
			problem(c, "%s: %s is null, but its batches say %s",
				where, key, a);
		}
	} else if (time_of(c, v, key, where, &got)) {
		if (isnan(t))
			problem(c, "%s: %s is set, but no batch feeds it", where,
				key);
		else if (fabs(got - t) > EPS) {
			clock_format(got, a);
			clock_format(t, b);
			problem(c, "%s: %s says %s, its batches %s", where, key,
				a, b);
		}
	}
}

/* Adds to want (per dish: portions) what the stops of route take: each
 * box of a diet, a portion of each of the diet's dishes in menu. */
static void route_takes(json_t *route, json_t *menu, json_t *want)
{
	size_t k, m;
	json_t *stop, *dish;
	json_array_foreach(json_object_get(route, "stops"), k, stop) {
		const char *diet;
		json_t *boxes;
		json_object_foreach(json_object_get(stop, "diets"), diet, boxes) {
			json_array_foreach(json_object_get(menu, diet), m, dish) {
				const char *id = json_string_value(dish);
				if (!id)
					continue;
				json_t *old = json_object_get(want, id);
				json_object_set_new(want, id, json_integer(
					json_integer_value(boxes) +
					(old ? json_integer_value(old) : 0)));
			}
		}
	}
}

/*
 * The food of each route against its batches: every portion its stops
 * take fed by a batch of that dish (never vacuous: a route with boxes and
 * no batch fails, unless the plan says its kitchen was not planned),
 * cooked_from, food_ready and serve_by as the batches have them, and
 * late_min the minutes its loading waits; the summary's late trips.
 * Fills food, a route each.
 */
static void check_food(struct checker *c, json_t *root, json_t *routes,
		       const struct feed *feeds, int nfeeds, json_t *summary,
		       double limit_s, struct route_food *food)
{
	json_t *kitchen = summary ? json_object_get(summary, "kitchen") : NULL;
	json_t *planned = kitchen ? json_object_get(kitchen, "planned") : NULL;
	json_t *menu = json_object_get(root, "menu");
	bool unplanned = json_is_false(planned);
	if (unplanned) {
		strbuf_addstr(&c->res->notes, "the kitchen was not planned "
			      "(--no-kitchen): no cooking times to check\n");
		if (nfeeds)
			problem(c, "plan: the kitchen was not planned, but "
				"batches feed its routes");
	}
	if (!unplanned && !json_is_object(menu))
		problem(c, "plan: no 'menu', so what the routes take cannot be "
			"checked against the batches");
	long long late_trips = 0, late_total = 0;
	size_t i;
	json_t *route;
	json_array_foreach(routes, i, route) {
		char where[64];
		long long id = (long long)i + 1;
		get_int(c, route, "id", "route", &id);
		snprintf(where, sizeof(where), "route %lld", id);
		food[i].cooked_from = food[i].food_ready = NAN;
		json_t *fed = json_object();
		for (int f = 0; f < nfeeds; f++) {
			if (feeds[f].route != id)
				continue;
			double end = feeds[f].end;
			if (isnan(food[i].cooked_from) || end < food[i].cooked_from)
				food[i].cooked_from = end;
			if (isnan(food[i].food_ready) || end > food[i].food_ready)
				food[i].food_ready = end;
			json_t *old = json_object_get(fed, feeds[f].dish);
			json_object_set_new(fed, feeds[f].dish, json_integer(
				feeds[f].portions +
				(old ? json_integer_value(old) : 0)));
		}
		if (!unplanned && json_is_object(menu)) {
			json_t *want = json_object();
			route_takes(route, menu, want);
			const char *dish;
			json_t *v;
			json_object_foreach(want, dish, v) {
				json_t *got = json_object_get(fed, dish);
				long long g = got ? json_integer_value(got) : 0;
				if (g != json_integer_value(v))
					problem(c, "%s: its stops take %lld "
						"portions of %s, its batches "
						"feed it %lld", where,
						(long long)json_integer_value(v),
						dish, g);
			}
			json_object_foreach(fed, dish, v)
				if (!json_object_get(want, dish))
					problem(c, "%s: batches feed it %s, "
						"which none of its stops takes",
						where, dish);
			json_decref(want);
		}
		json_decref(fed);
		food[i].limit_s = route_limit(c, root, route, where, limit_s);
		double ls;
		long long late = 0, want_late = 0;
		if (get_time(c, route, "load_start", where, &ls) &&
		    !isnan(food[i].food_ready) && food[i].food_ready > ls)
			want_late = (long long)ceil((food[i].food_ready - ls) /
						    60.0);
		late_trips += want_late > 0;
		late_total += want_late;
		/* Plans written before food times lack the fields; a plan
		 * with batches must have them. */
		if (!nfeeds && !json_object_get(route, "late_min"))
			continue;
		check_food_time(c, route, "cooked_from", where,
				food[i].cooked_from);
		check_food_time(c, route, "food_ready", where,
				food[i].food_ready);
		check_food_time(c, route, "serve_by", where,
				food[i].cooked_from + food[i].limit_s);
		if (get_int(c, route, "late_min", where, &late) &&
		    late != want_late)
			problem(c, "%s: late_min is %lld, but its food is ready "
				"%lld min after it starts loading", where, late,
				want_late);
	}
	long long said;
	bool says = kitchen && (nfeeds || json_object_get(kitchen,
							   "late_trips"));
	if (says && get_int(c, kitchen, "late_trips", "summary.kitchen",
			    &said) && said != late_trips)
		problem(c, "summary.kitchen: %lld late trips, but the routes "
			"have %lld", said, late_trips);
	json_t *on_time = kitchen ? json_object_get(kitchen, "on_time") : NULL;
	if (nfeeds && !json_is_boolean(on_time))
		problem(c, "summary.kitchen: missing or malformed 'on_time'");
	if (json_is_true(on_time) && late_trips)
		problem(c, "summary.kitchen: on_time is true, but %lld trips "
			"are late", late_trips);
	if (json_is_false(on_time) && !unplanned && !late_trips)
		problem(c, "summary.kitchen: on_time is false, but no trip is "
			"late");
	if (late_trips)
		strbuf_addf(&c->res->notes, "food is late for %lld trip%s (%lld "
			    "min in all), as the plan says\n", late_trips,
			    late_trips == 1 ? "" : "s", late_total);
}

struct visit {
	const char *meal_point;
	char where[48];
};

static int visit_cmp(const void *a, const void *b)
{
	return strcmp(((const struct visit *)a)->meal_point,
		      ((const struct visit *)b)->meal_point);
}

/* Every meal point once: on one stop of one route, or unassigned. */
static void check_visits(struct checker *c, json_t *routes, json_t *unassigned)
{
	size_t n = json_array_size(unassigned), i, k;
	json_t *r, *s;
	json_array_foreach(routes, i, r)
		n += json_array_size(json_object_get(r, "stops"));
	struct visit *v = xcalloc(n + 1, sizeof(*v));
	size_t m = 0;
	json_array_foreach(routes, i, r) {
		json_array_foreach(json_object_get(r, "stops"), k, s) {
			const char *id = json_string_value(
				json_object_get(s, "meal_point"));
			if (!id)
				continue;
			v[m].meal_point = id;
			snprintf(v[m++].where, sizeof(v->where), "route %zu stop %zu",
				 i + 1, k + 1);
		}
	}
	json_array_foreach(unassigned, i, s) {
		const char *id = json_string_value(
			json_object_get(s, "meal_point"));
		if (!id) {
			problem(c, "unassigned %zu: no meal_point", i + 1);
			continue;
		}
		v[m].meal_point = id;
		snprintf(v[m++].where, sizeof(v->where), "unassigned %zu", i + 1);
	}
	qsort(v, m, sizeof(*v), visit_cmp);
	for (size_t q = 1; q < m; q++)
		if (!strcmp(v[q - 1].meal_point, v[q].meal_point))
			problem(c, "meal point %s appears twice: %s and %s",
				v[q].meal_point, v[q - 1].where, v[q].where);
	free(v);
}

static void check_plan(struct checker *c, json_t *root)
{
	json_t *fmt = need(c, root, "format", JSON_STRING, "plan");
	if (fmt && strcmp(json_string_value(fmt), "mealrun-plan/1") != 0)
		problem(c, "plan: unknown format '%s'", json_string_value(fmt));
	json_t *date = need(c, root, "date", JSON_STRING, "plan");
	if (!date || !date_valid(json_string_value(date))) {
		problem(c, "plan: no valid date; times cannot be checked");
		return;
	}
	c->date = json_string_value(date);
	long long limit_min = 0;
	if (get_int(c, root, "food_limit_min", "plan", &limit_min) &&
	    (limit_min < 1 || limit_min > 240)) {
		problem(c, "plan: food_limit_min %lld is outside 1 to 240",
			limit_min);
		limit_min = limit_min < 1 ? 1 : 240;
	}
	json_t *routes = need(c, root, "routes", JSON_ARRAY, "plan");
	json_t *batches = need(c, root, "batches", JSON_ARRAY, "plan");
	json_t *unassigned = need(c, root, "unassigned", JSON_ARRAY, "plan");
	json_t *summary = need(c, root, "summary", JSON_OBJECT, "plan");

	struct feed *feeds = NULL;
	int nfeeds = 0;
	long long cooks_limit = 0;
	json_t *kitchen = summary ? json_object_get(summary, "kitchen") : NULL;
	if (json_is_object(kitchen) &&
	    json_object_get(kitchen, "cooks_per_slot"))
		get_int(c, kitchen, "cooks_per_slot", "summary.kitchen",
			&cooks_limit);
	if (batches)
		check_batches(c, root, batches, routes, cooks_limit, &feeds,
			      &nfeeds);
	long long assigned = 0, left = 0;
	json_t *acc = json_object();
	struct route_food *food = xcalloc(json_array_size(routes) + 1,
					  sizeof(*food));
	if (routes) {
		check_food(c, root, routes, feeds, nfeeds, summary,
			   (double)limit_min * 60.0, food);
		check_routes(c, routes, food, &assigned, acc);
	}
	free(food);
	free(feeds);
	size_t i;
	json_t *u;
	json_array_foreach(unassigned, i, u) {
		char where[64];
		snprintf(where, sizeof(where), "unassigned %zu", i + 1);
		long long boxes = 0;
		if (get_int(c, u, "boxes", where, &boxes)) {
			if (boxes <= 0 || boxes > MAX_BOXES)
				problem(c, "%s: %lld boxes", where, boxes);
			else
				left += boxes;
		}
		long long dsum = diet_sum(c, json_object_get(u, "diets"), where);
		if (dsum >= 0 && dsum != boxes)
			problem(c, "%s: boxes per diet add up to %lld, not %lld",
				where, dsum, boxes);
		json_t *reason = json_object_get(u, "reason");
		if (!json_is_string(reason) || !*json_string_value(reason))
			problem(c, "%s: no reason given", where);
	}
	check_visits(c, routes, unassigned);
	c->res->boxes = (int)assigned;
	if (summary) {
		long long ordered, as, un;
		if (get_int(c, summary, "boxes_assigned", "summary", &as) &&
		    as != assigned)
			problem(c, "summary: %lld boxes assigned, routes hold "
				"%lld", as, assigned);
		if (get_int(c, summary, "boxes_unassigned", "summary", &un) &&
		    un != left)
			problem(c, "summary: %lld boxes unassigned, the list "
				"holds %lld", un, left);
		if (get_int(c, summary, "boxes_ordered", "summary", &ordered) &&
		    ordered != assigned + left)
			problem(c, "summary: %lld boxes ordered, but %lld are on "
				"routes and %lld unassigned", ordered, assigned,
				left);
		json_t *sd = json_object_get(summary, "diets");
		if (sd && (!json_is_object(sd) || !diets_equal(sd, acc)))
			problem(c, "summary: boxes per diet do not add up to "
				"the routes'");
	}
	json_decref(acc);
}

int plan_check_file(const char *path, struct check_result *res,
		    struct mr_error *err)
{
	memset(res, 0, sizeof(*res));
	json_error_t jerr;
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return mr_fail(err, EX_NOINPUT, "%s: cannot open: %s", path,
			       strerror(errno));
	json_t *root = json_loadf(fp, JSON_REJECT_DUPLICATES, &jerr);
	fclose(fp);
	if (!root)
		return mr_fail(err, EX_DATAERR, "%s:%d:%d: %s", path, jerr.line,
			       jerr.column, jerr.text);
	struct checker c = { res, path, NULL };
	if (!json_is_object(root))
		problem(&c, "plan: not a JSON object");
	else
		check_plan(&c, root);
	json_decref(root);
	return 0;
}

void check_result_release(struct check_result *res)
{
	strbuf_release(&res->report);
	strbuf_release(&res->notes);
}
