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

static void hhmm(double s, char out[16])
{
	clock_format((int)lround(s), out);
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

/* The earliest end of the batches feeding each route, or NAN. */
struct feed {
	long long route;
	double end;
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
		hhmm(arrive, a);
		hhmm(*prev_leave, b);
		problem(c, "%s: arrives %s before the previous stop is left at "
			"%s", where, a, b);
	}
	if (start + EPS < arrive || leave + EPS < start)
		problem(c, "%s: arrive, start and leave are out of order",
			where);
	if (win && (start + EPS < open || start > close + EPS)) {
		char o[16], cl[16];
		hhmm(start, a);
		hhmm(open, o);
		hhmm(close, cl);
		problem(c, "%s: service starts %s outside its window %s-%s",
			where, a, o, cl);
	}
	if (limit_s > 0 && start - food_from > limit_s + EPS) {
		hhmm(start, a);
		hhmm(food_from, b);
		problem(c, "%s: served %s, %.0f min after the food was ready at "
			"%s (limit %.0f min)", where, a,
			(start - food_from) / 60.0, b, limit_s / 60.0);
	}
	*prev_leave = leave;
}

static void check_routes(struct checker *c, json_t *routes, double limit_s,
			 const struct feed *feeds, int nfeeds,
			 long long *assigned, json_t *acc)
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

		/* Food is ready when loading starts, or when the batches
		 * feeding this trip end, whichever the plan says. */
		double food_from = ls;
		for (int f = 0; f < nfeeds; f++)
			if (feeds[f].route == id && feeds[f].end < food_from)
				food_from = feeds[f].end;

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
				   times ? limit_s : 0, &sum, route_diets);
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

struct batch_span {
	const char *equipment;
	long long id;
	double start, end;
	long long cooks;
};

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
 * batches cook. */
static void check_cooks(struct checker *c, const struct batch_span *spans,
			int n, long long limit)
{
	if (limit <= 0 || n == 0)
		return;
	struct cook_event *ev = xcalloc(2 * (size_t)n, sizeof(*ev));
	for (int i = 0; i < n; i++) {
		ev[2 * i] = (struct cook_event){ spans[i].start, spans[i].cooks };
		ev[2 * i + 1] = (struct cook_event){ spans[i].end - EPS,
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

/* Batches: in order, not overlapping on one unit, feeding real routes in
 * time, within the kitchen's cooks. Collects the feeds for the
 * food-limit check. */
static void check_batches(struct checker *c, json_t *batches,
			  json_t *routes, long long cooks_limit,
			  struct feed **feeds, int *nfeeds)
{
	size_t n = json_array_size(batches);
	struct batch_span *spans = xcalloc(n + 1, sizeof(*spans));
	int nspans = 0, alloc = 0;
	size_t i;
	json_t *b;
	json_array_foreach(batches, i, b) {
		char where[64];
		long long id = (long long)i + 1;
		get_int(c, b, "id", "batch", &id);
		snprintf(where, sizeof(where), "batch %lld", id);
		json_t *eq = need(c, b, "equipment", JSON_STRING, where);
		double start, end;
		if (!get_time(c, b, "start", where, &start) ||
		    !get_time(c, b, "end", where, &end))
			continue;
		if (end < start)
			problem(c, "%s: ends before it starts", where);
		long long cooks = 0;
		if (json_object_get(b, "cooks") &&
		    get_int(c, b, "cooks", where, &cooks) && cooks < 0)
			problem(c, "%s: %lld cooks", where, cooks);
		if (eq)
			spans[nspans++] = (struct batch_span){
				json_string_value(eq), id, start, end, cooks };
		json_t *fs = need(c, b, "feeds", JSON_ARRAY, where);
		size_t k;
		json_t *f;
		json_array_foreach(fs, k, f) {
			long long route;
			if (!get_int(c, f, "route", where, &route))
				continue;
			ALLOC_GROW(*feeds, *nfeeds + 1, alloc);
			(*feeds)[(*nfeeds)++] = (struct feed){ route, end };
			bool found = false;
			size_t r;
			json_t *rt;
			json_array_foreach(routes, r, rt) {
				json_t *rid = json_object_get(rt, "id");
				double ls;
				if (json_integer_value(rid) != route)
					continue;
				found = true;
				if (get_time(c, rt, "load_start", where, &ls) &&
				    end > ls + EPS)
					problem(c, "%s: ends after route %lld "
						"starts loading", where, route);
			}
			if (!found)
				problem(c, "%s: feeds route %lld, which is not "
					"in the plan", where, route);
		}
	}
	qsort(spans, (size_t)nspans, sizeof(*spans), batch_cmp);
	for (int s = 1; s < nspans; s++)
		if (!strcmp(spans[s - 1].equipment, spans[s].equipment) &&
		    spans[s].start + EPS < spans[s - 1].end)
			problem(c, "unit %s: batches %lld and %lld overlap",
				spans[s].equipment, spans[s - 1].id,
				spans[s].id);
	check_cooks(c, spans, nspans, cooks_limit);
	free(spans);
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
		check_batches(c, batches, routes, cooks_limit, &feeds, &nfeeds);
	long long assigned = 0, left = 0;
	json_t *acc = json_object();
	if (routes)
		check_routes(c, routes, (double)limit_min * 60.0, feeds, nfeeds,
			     &assigned, acc);
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
}
