/*
 * Planning one service (see plan.h): meal points that cannot be served at
 * all are set aside with their reason, the rest become routing jobs over a
 * travel matrix with the kitchen at location 0, and the routing answer is
 * turned back into trips of vehicles stopping at meal points.
 */
#include "planner/plan.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/matrix_cache.h"
#include "planner/vrp/vrp.h"
#include "util/cap.h"
#include "util/hash.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

/* A place this far from any road is probably placed wrong. */
#define FAR_FROM_ROAD_M 150.0

static void add_unassigned(struct day_plan *plan, int mp, const char *code,
			   const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void add_unassigned(struct day_plan *plan, int mp, const char *code,
			   const char *fmt, ...)
{
	struct plan_unassigned *u = &plan->unassigned[plan->nunassigned++];
	u->meal_point = mp;
	u->code = code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(u->reason, sizeof(u->reason), fmt, ap);
	va_end(ap);
}

static bool heated_vans(const struct service *sv)
{
	for (int v = 0; v < sv->nvehicles; v++)
		if (sv->vehicles[v].heated)
			return true;
	return false;
}

/* Puts the reason the router gave into words a dispatcher can act on. */
static void explain(struct day_plan *plan, const struct vrp_problem *p,
		    int job, int mp, enum vrp_reason why)
{
	const struct service *sv = plan->sv;
	const struct meal_point *m = &sv->meal_points[mp];
	char open[16], close[16];
	clock_format(m->open, open);
	clock_format(m->close, close);
	int largest = 0;
	for (int v = 0; v < sv->nvehicles; v++)
		if (sv->vehicles[v].capacity > largest)
			largest = sv->vehicles[v].capacity;
	int loc = p->jobs[job].loc;
	double drive_min = p->duration[loc] / 60.0;
	const char *code = vrp_reason_code(why);
	if (p->duration[loc] >= ROADS_NO_ROUTE ||
	    p->duration[(size_t)loc * (size_t)p->nlocs] >= ROADS_NO_ROUTE) {
		add_unassigned(plan, mp, "no_route", "no road route between the "
			       "kitchen and this meal point");
		return;
	}
	switch (why) {
	case VRP_TOO_LARGE:
		add_unassigned(plan, mp, code, "%d boxes is more than any "
			       "vehicle holds (largest: %d)", m->total, largest);
		break;
	case VRP_WINDOW: {
		/* Loading so many boxes may alone take longer than the
		 * morning has: say so, not only that the window is missed. */
		double load_min = (p->load_fixed + p->load_per_unit *
				   p->jobs[job].demand) / 60.0;
		if (load_min > drive_min && p->release + 60.0 * (load_min +
							   drive_min) > m->close)
			add_unassigned(plan, mp, code, "window %s-%s cannot be "
				       "met: loading its %d boxes alone takes "
				       "%.0f h %02.0f min (then a %.0f min "
				       "drive)", open, close, m->total,
				       floor(load_min / 60),
				       fmod(floor(load_min), 60), drive_min);
		else
			add_unassigned(plan, mp, code, "window %s-%s cannot be "
				       "met: no vehicle can arrive before it "
				       "closes (%.0f min drive)", open, close,
				       drive_min);
		break;
	}
	case VRP_FOOD_LIMIT:
		if (heated_vans(sv))
			add_unassigned(plan, mp, code, "food limit of %d min "
				       "(%d in a heated van) cannot be met from "
				       "this kitchen (loading and %.0f min drive)",
				       sv->kitchen.food_limit_min,
				       sv->kitchen.heated_food_limit_min,
				       drive_min);
		else
			add_unassigned(plan, mp, code, "food limit of %d min "
				       "cannot be met from this kitchen (loading "
				       "and %.0f min drive)",
				       sv->kitchen.food_limit_min, drive_min);
		break;
	case VRP_SHIFT:
		add_unassigned(plan, mp, code, "no vehicle shift covers "
			       "window %s-%s", open, close);
		break;
	case VRP_NO_VEHICLES:
		add_unassigned(plan, mp, code, "the kitchen has no active "
			       "vehicles");
		break;
	case VRP_FLEET:
	case VRP_ASSIGNED:
		add_unassigned(plan, mp, "fleet_exhausted", "fleet exhausted: "
			       "no vehicle has room or time left in window "
			       "%s-%s", open, close);
		break;
	}
}

static int trip_cmp(const void *a, const void *b)
{
	const struct plan_trip *x = a, *y = b;
	if (x->load_start != y->load_start)
		return x->load_start < y->load_start ? -1 : 1;
	if (x->vehicle != y->vehicle)
		return x->vehicle - y->vehicle;
	return x->trip_no - y->trip_no;
}

/* The index of the service's vehicle named id, or -1. */
static int vehicle_named(const struct service *sv, const char *id)
{
	for (int v = 0; v < sv->nvehicles; v++)
		if (!strcmp(sv->vehicles[v].id, id))
			return v;
	return -1;
}

/*
 * With --keep, each trip is matched with the earlier trip it shares most
 * stops with (the same vehicle breaking ties), one to one (kept_from). A
 * trip so matched keeps the earlier trip's number; the others take the
 * numbers after the earlier plan's last, in loading order. So a trip that
 * did not change keeps its number, and with it its GPX file and map, and
 * the clerk reprints only what changed. The stops shared are counted
 * once, through the earlier trip of each meal point.
 */
static void keep_numbers(struct day_plan *plan)
{
	const struct saved_plan *sp = plan->opt.keep;
	const struct service *sv = plan->sv;
	size_t ns = (size_t)sp->ntrips;
	bool *taken = xcalloc(ns + 1, sizeof(bool));
	int *shared = xcalloc((size_t)plan->ntrips * ns + 1, sizeof(int));
	int *saved_of = xcalloc((size_t)sv->nmeal_points + 1, sizeof(int));
	int *saved_vehicle = xcalloc(ns + 1, sizeof(int));
	int last = 0;
	for (int m = 0; m < sv->nmeal_points; m++)
		saved_of[m] = -1;
	for (int o = 0; o < sp->ntrips; o++) {
		const struct saved_trip *st = &sp->trips[o];
		last = st->route_id > last ? st->route_id : last;
		saved_vehicle[o] = vehicle_named(sv, st->vehicle_id);
		for (int q = 0; q < st->nstops; q++)
			for (int m = 0; m < sv->nmeal_points; m++)
				if (!strcmp(sv->meal_points[m].id,
					    st->stops[q].meal_point_id)) {
					saved_of[m] = o;
					break;
				}
	}
	for (int i = 0; i < plan->ntrips; i++) {
		const struct plan_trip *t = &plan->trips[i];
		plan->trips[i].kept_from = -1;
		for (int k = 0; k < t->nstops; k++) {
			int o = saved_of[t->stops[k].meal_point];
			if (o >= 0)
				shared[(size_t)i * ns + (size_t)o]++;
		}
	}
	for (;;) {
		int bi = -1, bo = -1, best = 0;
		bool best_same = false;
		for (int i = 0; i < plan->ntrips; i++) {
			const struct plan_trip *t = &plan->trips[i];
			if (t->kept_from >= 0)
				continue;
			for (int o = 0; o < sp->ntrips; o++) {
				if (taken[o])
					continue;
				int n = shared[(size_t)i * ns + (size_t)o];
				bool same = saved_vehicle[o] == t->vehicle;
				if (n > best || (n == best && n > 0 && same &&
						 !best_same)) {
					bi = i;
					bo = o;
					best = n;
					best_same = same;
				}
			}
		}
		if (bi < 0)
			break;
		plan->trips[bi].kept_from = bo;
		taken[bo] = true;
	}
	for (int i = 0; i < plan->ntrips; i++) {
		struct plan_trip *t = &plan->trips[i];
		t->id = t->kept_from >= 0 ? sp->trips[t->kept_from].route_id
					  : ++last;
	}
	free(taken);
	free(shared);
	free(saved_of);
	free(saved_vehicle);
}

static void take_trips(struct day_plan *plan, const struct vrp_solution *sol,
		       const int *mp_of_job)
{
	const struct service *sv = plan->sv;
	plan->ntrips = sol->ntrips;
	plan->trips = xcalloc((size_t)sol->ntrips + 1, sizeof(*plan->trips));
	for (int i = 0; i < sol->ntrips; i++) {
		const struct vrp_trip *vt = &sol->trips[i];
		struct plan_trip *t = &plan->trips[i];
		t->vehicle = vt->vehicle;
		t->trip_no = vt->trip_no;
		t->boxes = vt->load;
		t->load_start = vt->load_start;
		t->depart = vt->depart;
		t->ret = vt->ret;
		t->distance_m = vt->distance;
		t->drive_s = vt->drive;
		t->nstops = vt->njobs;
		t->stops = xcalloc((size_t)vt->njobs + 1, sizeof(*t->stops));
		t->stop_ids = xcalloc((size_t)vt->njobs + 1, sizeof(int));
		t->diet_boxes = xcalloc((size_t)sv->ndiets + 1, sizeof(int));
		t->heated = sv->vehicles[vt->vehicle].heated;
		t->food_limit_s = service_food_limit_s(sv, vt->vehicle);
		t->cooked_from = t->food_ready = t->serve_by = -1;
		for (int k = 0; k < vt->njobs; k++) {
			struct plan_stop *s = &t->stops[k];
			s->meal_point = mp_of_job[vt->jobs[k]];
			s->arrive = vt->arrive[k];
			s->start = vt->start[k];
			s->leave = vt->leave[k];
			t->stop_ids[k] = s->meal_point;
			const struct meal_point *m = &sv->meal_points[s->meal_point];
			for (int d = 0; d < sv->ndiets; d++) {
				t->diet_boxes[d] += m->boxes[d];
				plan->diet_boxes[d] += m->boxes[d];
			}
		}
		plan->boxes_assigned += t->boxes;
		plan->distance_m += t->distance_m;
		plan->drive_s += t->drive_s;
	}
	qsort(plan->trips, (size_t)plan->ntrips, sizeof(*plan->trips),
	      trip_cmp);
	for (int i = 0; i < plan->ntrips; i++) {
		plan->trips[i].id = i + 1;
		plan->trips[i].kept_from = -1;
	}
	if (plan->opt.keep)
		keep_numbers(plan);
	plan->vehicles_used = sol->vehicles_used;
	plan->cost = sol->cost;
	plan->method = sol->method;
	plan->iterations = sol->iterations;
	plan->pool_routes = sol->pool_routes;
	plan->bound = sol->bound;
	plan->proved_optimal = sol->proved_optimal;
}

struct kitchen_trip *plan_kitchen_trips(const struct day_plan *plan)
{
	struct kitchen_trip *kt = xcalloc((size_t)plan->ntrips + 1,
					  sizeof(*kt));
	for (int i = 0; i < plan->ntrips; i++) {
		const struct plan_trip *t = &plan->trips[i];
		kt[i] = (struct kitchen_trip){
			t->id, t->diet_boxes, t->load_start,
			t->nstops ? t->stops[t->nstops - 1].start : t->load_start,
			t->food_limit_s, t->nstops, t->stop_ids };
	}
	return kt;
}

/* What the kitchen must cook for these trips; warns of diets that have
 * boxes but nothing on the menu. */
static void add_demand(struct day_plan *plan)
{
	if (!plan->kitchen_planned)
		return;
	const struct service *sv = plan->sv;
	struct kitchen_trip *kt = plan_kitchen_trips(plan);
	kitchen_demand_make(sv, kt, plan->ntrips, &plan->demand);
	free(kt);
	for (int i = 0; i < plan->demand.nunplanned; i++) {
		int d = plan->demand.unplanned_diets[i];
		strbuf_addf(&plan->warnings, "diet '%s' has %d boxes but no "
			    "dishes on the menu for %s %s\n", sv->diets[d].code,
			    plan->diet_boxes[d], sv->date, sv->meal);
	}
}

void plan_forget_routes(struct day_plan *plan, int kept)
{
	const struct service *sv = plan->sv;
	for (int i = 0; i < plan->ntrips; i++) {
		free(plan->trips[i].stops);
		free(plan->trips[i].diet_boxes);
		free(plan->trips[i].stop_ids);
	}
	free(plan->trips);
	plan->trips = NULL;
	plan->ntrips = 0;
	plan->nunassigned = kept;
	plan->boxes_assigned = 0;
	memset(plan->diet_boxes, 0, sizeof(int) * (size_t)sv->ndiets);
	plan->distance_m = plan->drive_s = plan->cost = 0;
	plan->late_trips = 0;
	plan->late_min = 0;
	kitchen_demand_release(&plan->demand);
	kitchen_schedule_release(&plan->kitchen);
}

void plan_take_routes(struct day_plan *plan, const struct vrp_problem *p,
		      const struct vrp_solution *sol, const int *mp_of_job)
{
	take_trips(plan, sol, mp_of_job);
	for (int k = 0; k < sol->nunassigned; k++) {
		int job = sol->unassigned[k];
		explain(plan, p, job, mp_of_job[job], sol->reason[job]);
	}
	add_demand(plan);
}

/*
 * The travel matrix between pts, from the store's cache when this provider,
 * source and these points were asked before; a new one is kept there.
 */
static int travel_matrix(struct day_plan *plan, struct roads *roads,
			 const struct geo_point *pts, int n,
			 struct geo_matrix *m, struct mr_error *err)
{
	const char *id = roads_cache_id(roads);
	struct store *cache = plan->opt.cache;
	if (!cache || !id)
		return roads_matrix(roads, pts, n, m, err);
	uint64_t h = FNV64_START;
	for (int i = 0; i < n; i++) {
		char c[64];
		int len = snprintf(c, sizeof(c), "%.7f,%.7f;", pts[i].lat,
				   pts[i].lon);
		h = fnv64(h, c, (size_t)len);
	}
	char *key = xasprintf("%s|%d|%016llx", id, n, (unsigned long long)h);
	struct cached_matrix cm;
	int found = store_matrix_get(cache, key, n, &cm, err);
	int rc = -1;
	if (found < 0)
		goto out;
	if (found) {
		*m = (struct geo_matrix){ n, cm.duration_s, cm.distance_m,
					  cm.snap_m, cm.unreachable };
		plan->matrix_cached = true;
		rc = 0;
		goto out;
	}
	if (roads_matrix(roads, pts, n, m, err) != 0)
		goto out;
	cm = (struct cached_matrix){ n, m->duration_s, m->distance_m, m->snap_m,
				     m->unreachable };
	rc = store_matrix_put(cache, key, &cm, err);
out:
	free(key);
	return rc;
}

/* The service's vehicles for the router, those --without names with no
 * trips; the caller frees them. */
static struct vrp_vehicle *plan_vehicles(const struct service *sv,
					 const struct plan_options *opt)
{
	struct vrp_vehicle *veh = xcalloc((size_t)sv->nvehicles + 1,
					  sizeof(*veh));
	for (int v = 0; v < sv->nvehicles; v++) {
		const struct vehicle *src = &sv->vehicles[v];
		veh[v].start_loc = veh[v].end_loc = 0; /* the kitchen */
		veh[v].capacity = src->capacity;
		veh[v].shift_start = src->shift_start;
		veh[v].shift_end = src->shift_end;
		/* A vehicle without costs still prefers short routes: a tie
		 * breaker far below any real rate (one unit per 1,000 km). */
		veh[v].cost_distance = src->cost_km / 1000.0 + 1e-6;
		veh[v].cost_time = src->cost_hour / 3600.0;
		veh[v].cost_fixed = src->cost_use;
		veh[v].max_trips = PLAN_MAX_TRIPS;
		veh[v].food_limit = service_food_limit_s(sv, v);
		/* Out of service today: no trips. */
		for (int w = 0; w < opt->nwithout; w++)
			if (!strcmp(opt->without[w], src->id))
				veh[v].max_trips = 0;
	}
	return veh;
}

int day_plan_make(const struct service *sv, const struct plan_options *opt,
		  struct day_plan **out, struct mr_error *err)
{
	double t0 = mr_clock();
	struct mr_cap cap;
	mr_cap_init(&cap, opt->time_limit_s);
	*out = NULL;
	struct roads *roads = NULL;
	if (roads_open(opt->roads, &opt->road, &roads, err) != 0)
		return -1;

	struct day_plan *plan = xcalloc(1, sizeof(*plan));
	plan->sv = sv;
	plan->opt = *opt;
	snprintf(plan->roads_name, sizeof(plan->roads_name), "%s",
		 roads_name(roads));
	snprintf(plan->roads_describe, sizeof(plan->roads_describe), "%s",
		 roads_describe(roads));
	plan->kitchen_planned = !opt->no_kitchen;
	plan->unassigned = xcalloc((size_t)sv->nmeal_points + 1,
				   sizeof(*plan->unassigned));
	plan->diet_boxes = xcalloc((size_t)sv->ndiets + 1, sizeof(int));

	/* Location 0 is the kitchen; jobs are the meal points we can try. */
	int n = sv->nmeal_points;
	struct geo_point *pts = xcalloc((size_t)n + 1, sizeof(*pts));
	struct vrp_job *jobs = xcalloc((size_t)n + 1, sizeof(*jobs));
	int *mp_of_job = xcalloc((size_t)n + 1, sizeof(int));
	int njobs = 0;
	pts[0] = (struct geo_point){ sv->kitchen.lat, sv->kitchen.lon };
	for (int i = 0; i < n; i++) {
		const struct meal_point *m = &sv->meal_points[i];
		plan->boxes_ordered += m->total;
		if (!m->active) {
			add_unassigned(plan, i, "inactive", "meal point is "
				       "marked inactive");
			continue;
		}
		if (!m->has_window) {
			add_unassigned(plan, i, "no_window", "no delivery "
				       "window for %s", sv->meal);
			continue;
		}
		struct vrp_job *j = &jobs[njobs];
		j->loc = njobs + 1;
		j->demand = m->total;
		j->open = m->open;
		j->close = m->close;
		j->service = m->service_fixed_s + m->service_per_box_s * m->total;
		pts[njobs + 1] = (struct geo_point){ m->lat, m->lon };
		mp_of_job[njobs++] = i;
	}

	struct vrp_vehicle *veh = plan_vehicles(sv, opt);

	struct geo_matrix m = { 0 };
	int rc = -1;
	double tm = mr_clock();
	if (travel_matrix(plan, roads, pts, njobs + 1, &m, err) != 0)
		goto out;
	plan->matrix_s = mr_clock() - tm;
	for (int i = 0; m.unreachable && i < njobs; i++) {
		const struct meal_point *mp = &sv->meal_points[mp_of_job[i]];
		if (m.unreachable[i + 1])
			strbuf_addf(&plan->warnings, "meal point %s %s: the "
				    "routing server has no route for %d pairs "
				    "with it\n", mp->id, mp->name,
				    m.unreachable[i + 1]);
	}
	for (int i = 0; m.snap_m && i < njobs; i++) {
		const struct meal_point *mp = &sv->meal_points[mp_of_job[i]];
		if (m.snap_m[i + 1] > FAR_FROM_ROAD_M)
			strbuf_addf(&plan->warnings, "meal point %s %s is %.0f m "
				    "from the nearest road\n", mp->id, mp->name,
				    m.snap_m[i + 1]);
	}
	if (m.snap_m && m.snap_m[0] > FAR_FROM_ROAD_M)
		strbuf_addf(&plan->warnings, "the kitchen is %.0f m from the "
			    "nearest road\n", m.snap_m[0]);
	struct vrp_problem p = {
		.njobs = njobs, .jobs = jobs,
		.nvehicles = sv->nvehicles, .vehicles = veh,
		.nlocs = njobs + 1, .depot = 0,
		.duration = m.duration_s, .distance = m.distance_m,
		.load_fixed = sv->kitchen.load_fixed_s,
		.load_per_unit = sv->kitchen.load_per_box_s,
		.food_limit = sv->kitchen.food_limit_min * 60.0,
		.release = sv->kitchen.opens,
	};
	rc = opt->keep ? plan_keep(plan, &p, mp_of_job, &cap, err)
		       : plan_agree(plan, &p, mp_of_job, &cap, err);
	if (rc != 0)
		goto out;
	snprintf(plan->cut, sizeof(plan->cut), "%s", cap.cut);
	plan->elapsed_s = mr_clock() - t0;
	plan->roads = roads;
	*out = plan;
	plan = NULL;
out:
	geo_matrix_release(&m);
	if (plan)
		roads_free(roads);
	free(veh);
	free(pts);
	free(jobs);
	free(mp_of_job);
	day_plan_free(plan);
	return rc;
}

void day_plan_free(struct day_plan *plan)
{
	if (!plan)
		return;
	for (int i = 0; i < plan->ntrips; i++) {
		free(plan->trips[i].stops);
		free(plan->trips[i].diet_boxes);
		free(plan->trips[i].stop_ids);
	}
	free(plan->trips);
	free(plan->unassigned);
	kitchen_schedule_release(&plan->kitchen);
	free(plan->diet_boxes);
	kitchen_demand_release(&plan->demand);
	roads_free(plan->roads);
	strbuf_release(&plan->warnings);
	free(plan);
}
