/*
 * The answer of a solve (see vrp.h): the trips of the working solution
 * with their times, and why each job left out could not be routed.
 */
#include "planner/vrp/internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static inline double dur(const struct vrp_problem *p, int a, int b)
{
	return p->duration[(size_t)a * (size_t)p->nlocs + (size_t)b];
}

/* Tries each job alone on each vehicle to say why it cannot be routed. */
static enum vrp_reason diagnose(const struct vrp_problem *p, int job)
{
	const struct vrp_job *j = &p->jobs[job];
	bool fits = false, window = false, food = false;
	if (p->nvehicles == 0)
		return VRP_NO_VEHICLES;
	for (int v = 0; v < p->nvehicles; v++) {
		const struct vrp_vehicle *veh = &p->vehicles[v];
		if (j->demand > veh->capacity)
			continue;
		fits = true;
		double lt = vrp_load_time(p, j->demand);
		double t = dur(p, veh->start_loc, j->loc);
		double earliest = fmax(veh->shift_start, p->release) + lt + t;
		if (earliest > j->close)
			continue;
		window = true;
		double limit = vrp_food_limit(p, v);
		if (limit > 0 && lt + t > limit - j->reserve)
			continue;
		food = true;
		struct seg sj = seg_job(p, job);
		struct trip_sum ts;
		trip_from_seg(p, v, &sj, &ts);
		const struct trip_sum *c = &ts;
		if (ts.ok && chain_feasible(p, v, &c, 1, NULL))
			return VRP_FLEET;
	}
	if (!fits)
		return VRP_TOO_LARGE;
	if (!window)
		return VRP_WINDOW;
	if (!food)
		return VRP_FOOD_LIMIT;
	return VRP_SHIFT;
}

/* Writes the schedule of every trip into the answer. */
static void build_solution(const struct sol *s, struct vrp_solution *out)
{
	const struct vrp_problem *p = s->p;
	out->trips = xcalloc((size_t)s->nroutes + 1, sizeof(*out->trips));
	for (int v = 0; v < p->nvehicles; v++) {
		const struct vehicle_trips *vt = &s->veh[v];
		if (vt->n == 0)
			continue;
		const struct trip_sum *chain[VRP_MAX_TRIPS];
		double ls[VRP_MAX_TRIPS];
		sol_chain(s, v, chain, ls); /* sol_finish passed */
		out->vehicles_used++;
		for (int k = 0; k < vt->n; k++) {
			const struct route *rt = &s->routes[vt->trip[k]];
			struct vrp_trip *t = &out->trips[out->ntrips++];
			size_t n = (size_t)rt->n;
			t->vehicle = v;
			t->trip_no = k + 1;
			t->njobs = rt->n;
			t->jobs = xmalloc(sizeof(int) * (n + 1));
			memcpy(t->jobs, rt->jobs, sizeof(int) * n);
			t->arrive = xcalloc(n + 1, sizeof(double));
			t->start = xcalloc(n + 1, sizeof(double));
			t->leave = xcalloc(n + 1, sizeof(double));
			t->load = rt->sum.load;
			t->load_start = ls[k];
			t->depart = ls[k] + vrp_load_time(p, t->load);
			const struct vrp_vehicle *veh = &p->vehicles[v];
			double now = t->depart;
			int at = veh->start_loc;
			for (int i = 0; i < rt->n; i++) {
				const struct vrp_job *j = &p->jobs[rt->jobs[i]];
				t->arrive[i] = now + dur(p, at, j->loc);
				t->start[i] = fmax(t->arrive[i], j->open);
				t->leave[i] = t->start[i] + j->service;
				now = t->leave[i];
				at = j->loc;
			}
			t->ret = veh->open_end ? now
					       : now + dur(p, at, veh->end_loc);
			t->distance = rt->sum.distance;
			t->drive = rt->sum.drive;
			out->distance += t->distance;
		}
	}
	out->cost = 0;
	for (int r = 0; r < s->nroutes; r++)
		out->cost += s->routes[r].sum.cost;
	for (int v = 0; v < p->nvehicles; v++)
		if (s->veh[v].n)
			out->cost += p->vehicles[v].cost_fixed;
}

/* Reasons for the jobs left out, the supply's minutes late and the trips
 * of s, into out. */
void vrp_finish_solution(struct sol *s, struct vrp_solution *out)
{
	const struct vrp_problem *p = s->p;
	int n = p->njobs;
	out->reason = xcalloc((size_t)n + 1, sizeof(*out->reason));
	out->unassigned = xcalloc((size_t)n + 1, sizeof(int));
	for (int j = 0; j < n; j++) {
		if (s->route_of[j] >= 0)
			continue;
		out->reason[j] = diagnose(p, j);
		out->unassigned[out->nunassigned++] = j;
	}
	out->late = sol_late(s);
	build_solution(s, out);
}

void vrp_solution_release(struct vrp_solution *sol)
{
	for (int i = 0; i < sol->ntrips; i++) {
		struct vrp_trip *t = &sol->trips[i];
		free(t->jobs);
		free(t->arrive);
		free(t->start);
		free(t->leave);
	}
	free(sol->trips);
	free(sol->unassigned);
	free(sol->reason);
	memset(sol, 0, sizeof(*sol));
}

const char *vrp_reason_code(enum vrp_reason r)
{
	switch (r) {
	case VRP_ASSIGNED: return "assigned";
	case VRP_TOO_LARGE: return "too_large";
	case VRP_WINDOW: return "window";
	case VRP_FOOD_LIMIT: return "food_limit";
	case VRP_SHIFT: return "shift";
	case VRP_FLEET: return "fleet_exhausted";
	case VRP_NO_VEHICLES: return "no_vehicles";
	}
	return "unknown";
}
