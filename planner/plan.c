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
#include <time.h>

#include "data/matrix_cache.h"
#include "planner/vrp.h"
#include "util/hash.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

/* Rounds of routing and kitchen scheduling at most; the best is kept. */
#define MAX_ROUNDS 6

/* Each round that finds trips late keeps this much more of the food limit
 * back for cooking, up to a share of the limit. */
#define RESERVE_STEP_S (20 * 60.0)
#define MAX_RESERVE 0.5
/* The least time given to saying why trips are late. */
#define EXPLAIN_S 0.5

/* The longest the kept schedule is worked on again with spare time. */
#define KITCHEN_POLISH_S 3.0

/* A place this far from any road is probably placed wrong. */
#define FAR_FROM_ROAD_M 150.0

/* A vehicle may go out at most this many times in one service. */
#define MAX_TRIPS_PER_VEHICLE 8

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

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
	case VRP_WINDOW:
		add_unassigned(plan, mp, code, "window %s-%s cannot be met: "
			       "no vehicle can arrive before it closes "
			       "(%.0f min drive)", open, close, drive_min);
		break;
	case VRP_FOOD_LIMIT:
		if (p->food_limit < sv->kitchen.food_limit_min * 60.0 - 1)
			add_unassigned(plan, mp, code, "food limit of %d min, "
				       "less %.0f min kept for cooking, cannot "
				       "be met from this kitchen (loading and "
				       "%.0f min drive)",
				       sv->kitchen.food_limit_min,
				       sv->kitchen.food_limit_min -
				       p->food_limit / 60.0, drive_min);
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
	for (int i = 0; i < plan->ntrips; i++)
		plan->trips[i].id = i + 1;
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
			t->nstops, t->stop_ids };
	}
	return kt;
}

/* The minutes by which trips' food is late for their loading, added up. */
static long late_minutes(const struct day_plan *plan)
{
	long late = 0;
	for (int i = 0; i < plan->ntrips; i++) {
		double over = plan->kitchen.ready[i] - plan->trips[i].load_start;
		if (over > 1)
			late += (long)ceil(over / 60.0);
	}
	return late;
}

/* Schedules the kitchen for the plan's trips; returns the minutes late. */
static long schedule_kitchen(struct day_plan *plan, double time_limit_s)
{
	struct kitchen_trip *kt = plan_kitchen_trips(plan);
	kitchen_schedule_make(plan->sv, &plan->demand, kt, plan->ntrips,
			      time_limit_s, &plan->kitchen);
	free(kt);
	long late = late_minutes(plan);
	plan->kitchen_on_time = late == 0;
	return late;
}

/* Adds to the kept schedule's problems why its late trips are late,
 * where the kitchen can tell. */
static void explain_kitchen(struct day_plan *plan, double time_limit_s)
{
	struct kitchen_trip *kt = plan_kitchen_trips(plan);
	kitchen_schedule_explain(plan->sv, &plan->demand, kt, plan->ntrips,
				 time_limit_s, &plan->kitchen);
	free(kt);
}

/* Says which trips the kitchen cannot have ready by their loading: such a
 * plan keeps its routes and carries no batches. */
static void warn_late(struct day_plan *plan)
{
	for (int i = 0; i < plan->ntrips; i++) {
		const struct plan_trip *t = &plan->trips[i];
		if (plan->kitchen.ready[i] <= t->load_start + 1)
			continue;
		char load[16], ready[16];
		clock_format((int)t->load_start, load);
		clock_format((int)plan->kitchen.ready[i], ready);
		strbuf_addf(&plan->warnings, "kitchen: trip %d loads at %s but "
			    "its food can be ready only at %s\n", t->id, load,
			    ready);
	}
}

/* Clears the routes of a round of planning, keeping what was set aside
 * before routing (the first kept entries of unassigned). */
static void forget_routes(struct day_plan *plan, int kept)
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
	kitchen_demand_release(&plan->demand);
	kitchen_schedule_release(&plan->kitchen);
}

/* What the kitchen must cook for these trips; warns of diets that have
 * boxes but nothing on the menu. */
static void add_demand(struct day_plan *plan)
{
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

/* Takes a routing answer into the plan, with the reasons for what it left
 * out, and schedules the kitchen for it; returns the minutes late. */
static long plan_round(struct day_plan *plan, const struct vrp_problem *p,
		       const struct vrp_solution *sol, const int *mp_of_job,
		       double kitchen_limit)
{
	take_trips(plan, sol, mp_of_job);
	for (int k = 0; k < sol->nunassigned; k++) {
		int job = sol->unassigned[k];
		explain(plan, p, job, mp_of_job[job], sol->reason[job]);
	}
	add_demand(plan);
	return schedule_kitchen(plan, kitchen_limit);
}

/* Schedules the kitchen again with more time, and keeps the new schedule
 * only when it is no later than the one the plan has. */
static void polish_kitchen(struct day_plan *plan, double time_limit_s)
{
	struct kitchen_schedule old = plan->kitchen;
	bool old_on_time = plan->kitchen_on_time;
	long old_late = late_minutes(plan);
	memset(&plan->kitchen, 0, sizeof(plan->kitchen));
	if (schedule_kitchen(plan, time_limit_s) <= old_late) {
		kitchen_schedule_release(&old);
		return;
	}
	kitchen_schedule_release(&plan->kitchen);
	plan->kitchen = old;
	plan->kitchen_on_time = old_on_time;
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

/*
 * The time the kitchen needs, from the earliest to the latest a batch may
 * end, to cook all that a trip with a box of every diet ordered today
 * takes, in whole minutes.
 */
static double kitchen_reserve(const struct service *sv)
{
	int *every = xcalloc((size_t)sv->ndiets + 1, sizeof(int));
	for (int i = 0; i < sv->nmeal_points; i++)
		for (int d = 0; d < sv->ndiets; d++)
			if (sv->meal_points[i].active &&
			    sv->meal_points[i].boxes[d] > 0)
				every[d] = 1;
	struct kitchen_trip trip = { .diet_boxes = every };
	struct kitchen_demand demand;
	kitchen_demand_make(sv, &trip, 1, &demand);
	double span = kitchen_trip_span(sv, &demand, 1);
	kitchen_demand_release(&demand);
	free(every);
	return ceil(span / 60.0) * 60.0;
}

int day_plan_make(const struct service *sv, const struct plan_options *opt,
		  struct day_plan **out, struct mr_error *err)
{
	double t0 = now_s();
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
		veh[v].max_trips = MAX_TRIPS_PER_VEHICLE;
	}

	struct geo_matrix m = { 0 };
	struct vrp_solution sol = { 0 };
	int rc = -1;
	if (travel_matrix(plan, roads, pts, njobs + 1, &m, err) != 0)
		goto out;
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
	struct vrp_params params = {
		.seed = opt->seed,
		.time_limit_s = opt->time_limit_s,
		.iterations = opt->iterations,
		.exact_max_jobs = VRP_EXACT_MAX_JOBS,
		.progress = opt->progress,
	};
	/*
	 * Routes and kitchen planned together. A trip's batches must end
	 * between its last delivery minus the food limit and its loading, so
	 * a trip that uses the whole limit on the road leaves the kitchen no
	 * time to cook for it but the minutes before it loads, and a kitchen
	 * cannot cook for twenty vans in those same minutes. When the kitchen
	 * cannot have some trips' food ready by their loading, the routes are
	 * planned again, with part of the food limit kept back for cooking
	 * (so batches can feed more trips each) and with each late
	 * vehicle-trip released no earlier than its food can be ready (so
	 * departures spread over what the kitchen can cook). The round with
	 * the fewest boxes left out, then the fewest minutes late, is kept:
	 * its routes are taken again and its kitchen scheduled again.
	 */
	int kept = plan->nunassigned;
	size_t nrel = (size_t)sv->nvehicles * MAX_TRIPS_PER_VEHICLE;
	double *release = xcalloc(nrel + 1, sizeof(double));
	double *best_release = xcalloc(nrel + 1, sizeof(double));
	for (int v = 0; v < sv->nvehicles; v++) {
		veh[v].trip_release = release + (size_t)v * MAX_TRIPS_PER_VEHICLE;
		veh[v].ntrip_release = MAX_TRIPS_PER_VEHICLE;
	}
	double limit = sv->kitchen.food_limit_min * 60.0;
	double reserve = 0, best_reserve = 0;
	/* What the kitchen needs of the limit to cook all of one trip with
	 * every diet ordered: once the kitchen falls behind, a trip longer
	 * on the road is late whatever the schedule. */
	double span = kitchen_reserve(sv);
	bool widening = true;
	/* The limit covers the whole plan: 40 % for the first routing, 20 %
	 * for the second, 10 % for the routing of further rounds, 30 % for
	 * the kitchen in every round; what a round does not use goes to the
	 * kept schedule. */
	double kitchen_limit = fmax(0.3 * opt->time_limit_s / (MAX_ROUNDS + 1),
				    0.2);
	long best_key = -1;
	int best_round = 0, round = 0;
	struct vrp_solution best = { 0 };
	for (;;) {
		round++;
		params.time_limit_s = opt->time_limit_s *
				      (round == 1 ? 0.4 : round == 2 ? 0.2
						 : 0.1 / (MAX_ROUNDS - 2));
		p.food_limit = limit - reserve;
		if (vrp_solve(&p, &params, &sol, err) != 0) {
			free(release);
			free(best_release);
			vrp_solution_release(&best);
			goto out;
		}
		long late = plan_round(plan, &p, &sol, mp_of_job, kitchen_limit);
		long key = (long)(plan->boxes_ordered - plan->boxes_assigned) *
			   1000000L + late;
		if (best_key < 0 || key < best_key) {
			best_key = key;
			best_round = round;
			best_reserve = reserve;
			memcpy(best_release, release, sizeof(double) * nrel);
			vrp_solution_release(&best);
			best = sol; /* kept whole, to be taken again */
		} else {
			vrp_solution_release(&sol);
		}
		memset(&sol, 0, sizeof(sol));
		if (!late || round == MAX_ROUNDS)
			break;
		double wider = fmax(reserve, span) + RESERVE_STEP_S;
		wider = fmin(wider, limit * MAX_RESERVE);
		if (widening && best_round == round && wider > reserve) {
			/* First keep more of the limit back, while that
			 * helps: it makes fewer, larger batches. The
			 * first step keeps back what one trip needs, and
			 * a step more for the trips that share the
			 * equipment with it. */
			reserve = wider;
			forget_routes(plan, kept);
			continue;
		}
		/* Then, from the best round so far, hold back its late
		 * vehicle-trips until their food can be ready. */
		widening = false;
		if (best_round != round) {
			forget_routes(plan, kept);
			p.food_limit = limit - best_reserve;
			plan_round(plan, &p, &best, mp_of_job, kitchen_limit);
		}
		reserve = best_reserve;
		memcpy(release, best_release, sizeof(double) * nrel);
		for (int i = 0; i < plan->ntrips; i++) {
			const struct plan_trip *t = &plan->trips[i];
			double *r = &release[(size_t)t->vehicle *
					     MAX_TRIPS_PER_VEHICLE +
					     (size_t)(t->trip_no - 1)];
			if (plan->kitchen.ready[i] > t->load_start + 1)
				*r = fmax(*r, plan->kitchen.ready[i]);
		}
		forget_routes(plan, kept);
	}
	/* The plan holds the last round; the best one is taken again from
	 * its routes, not routed again. */
	if (best_round != round) {
		forget_routes(plan, kept);
		p.food_limit = limit - best_reserve; /* for its reasons */
		plan_round(plan, &p, &best, mp_of_job, kitchen_limit);
	}
	vrp_solution_release(&best);
	plan->rounds = round;
	free(release);
	free(best_release);
	/* Time the rounds left over goes to the kept schedule, up to a
	 * few seconds. */
	double spare = fmin(opt->time_limit_s - (now_s() - t0), KITCHEN_POLISH_S);
	if (spare > 2 * kitchen_limit && !plan->kitchen.proved)
		polish_kitchen(plan, spare);
	/* The time left, and at least half a second to say why. */
	explain_kitchen(plan, fmax(opt->time_limit_s - (now_s() - t0),
				   EXPLAIN_S));
	warn_late(plan);
	for (const char *line = strbuf_str(&plan->kitchen.problems); *line;) {
		size_t len = strcspn(line, "\n");
		strbuf_addf(&plan->warnings, "%.*s\n", (int)len, line);
		line += len + (line[len] == '\n');
	}
	plan->elapsed_s = now_s() - t0;
	plan->roads = roads;
	*out = plan;
	plan = NULL;
	rc = 0;
out:
	vrp_solution_release(&sol);
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
