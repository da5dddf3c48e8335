/*
 * Solving the routing model of vrp.h.
 *
 * A trip is summarised in O(its length) by a few numbers that make its
 * schedule a function of one variable, the start of loading ls:
 *   - each stop i starts at max(e_i, ls + D_i), where e_i is the earliest
 *     start the windows allow and D_i the undelayed offset from ls;
 *   - so the windows hold iff e_i <= close_i and ls <= close_i - D_i, the
 *     food limit holds iff D_i <= F and ls >= e_i - F, and the trip returns
 *     at max(E_r, ls + D_r).
 * A vehicle's trips then chain: each loads after the previous returns.
 * Feasibility of a whole vehicle is a backward pass for the latest start of
 * each trip and a forward pass for the actual starts.
 *
 * The construction is regret insertion: every unrouted job keeps its
 * cheapest feasible insertion per vehicle, the job whose best and second
 * best vehicles differ most goes first, and after each insertion only the
 * changed vehicle's entries are recomputed.
 */
#include "planner/vrp.h"

#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/xalloc.h"

#define INF DBL_MAX

/* A trip as a function of its loading start; see the comment above. */
struct trip_sum {
	bool ok;
	int load;
	double lo, hi;     /* ls must lie in [lo, hi] */
	double pref;       /* latest ls that delays no stop */
	double Er, Dr;     /* return = max(Er, ls + Dr) */
	double distance, busy; /* busy: loading, driving and service */
	double drive;
};

struct seq {
	int n, alloc;
	int *jobs;
};

struct vehicle_plan {
	int ntrips, alloc;
	struct seq *trips;
	struct trip_sum *sums;
};

static double dur(const struct vrp_problem *p, int a, int b)
{
	return p->duration[(size_t)a * (size_t)p->nlocs + (size_t)b];
}

static double dist(const struct vrp_problem *p, int a, int b)
{
	return p->distance[(size_t)a * (size_t)p->nlocs + (size_t)b];
}

static void trip_summarize(const struct vrp_problem *p, int capacity,
			   const int *jobs, int n, struct trip_sum *s)
{
	memset(s, 0, sizeof(*s));
	s->ok = true;
	s->lo = -INF;
	s->hi = INF;
	s->pref = INF;
	if (n == 0)
		return;
	for (int i = 0; i < n; i++)
		s->load += p->jobs[jobs[i]].demand;
	if (s->load > capacity) {
		s->ok = false;
		return;
	}
	double L = p->load_fixed + p->load_per_unit * s->load;
	double F = p->food_limit;
	double D = L, e = -INF, prev_leave_e = 0;
	int at = p->depot;
	s->busy = L;
	for (int i = 0; i < n; i++) {
		const struct vrp_job *j = &p->jobs[jobs[i]];
		double t = dur(p, at, j->loc);
		s->distance += dist(p, at, j->loc);
		s->drive += t;
		D += t;
		e = i == 0 ? j->open : fmax(j->open, prev_leave_e + t);
		if (e > j->close || (F > 0 && D > F)) {
			s->ok = false;
			return;
		}
		if (F > 0 && e - F > s->lo)
			s->lo = e - F;
		if (j->close - D < s->hi)
			s->hi = j->close - D;
		if (e - D < s->pref)
			s->pref = e - D;
		D += j->service;
		s->busy += t + j->service;
		prev_leave_e = e + j->service;
		at = j->loc;
	}
	double back = dur(p, at, p->depot);
	s->distance += dist(p, at, p->depot);
	s->drive += back;
	s->busy += back;
	s->Dr = D + back;
	s->Er = prev_leave_e + back;
	if (s->lo > s->hi)
		s->ok = false;
}

/*
 * Checks that trips sums[0..m) can run one after another on vehicle v and,
 * when ls is not NULL, writes each trip's loading start: as late as delays
 * no delivery, so that food is as fresh as the windows allow.
 */
static bool chain_feasible(const struct vrp_problem *p, int v,
			   const struct trip_sum *const *sums, int m,
			   double *ls)
{
	const struct vrp_vehicle *veh = &p->vehicles[v];
	double H[64], *latest = m <= 64 ? H : xmalloc(sizeof(double) * (size_t)m);
	bool ok = true;
	double next = veh->shift_end; /* latest the next trip may start */
	for (int k = m - 1; k >= 0 && ok; k--) {
		const struct trip_sum *s = sums[k];
		if (!s->ok || s->Er > next) {
			ok = false;
			break;
		}
		latest[k] = fmin(s->hi, next - s->Dr);
		next = latest[k];
	}
	double t = fmax(veh->shift_start, p->release);
	for (int k = 0; k < m && ok; k++) {
		const struct trip_sum *s = sums[k];
		double start = fmax(t, s->lo);
		if (start > latest[k] + 1e-9) {
			ok = false;
			break;
		}
		start = fmin(latest[k], fmax(start, s->pref));
		if (ls)
			ls[k] = start;
		t = fmax(s->Er, start + s->Dr);
	}
	if (latest != H)
		free(latest);
	return ok;
}

static double trip_cost(const struct vrp_vehicle *veh, const struct trip_sum *s)
{
	return s->distance * veh->cost_distance + s->busy * veh->cost_time;
}

/* Where a job would go in one vehicle, and at what added cost. */
struct insertion {
	double cost;
	int trip;        /* index of the trip; ntrips + k: a new trip at k */
	int pos;
};

/*
 * Finds the cheapest feasible insertion of job into vehicle v.
 * Returns cost INF when there is none.
 */
static struct insertion best_insertion(const struct vrp_problem *p, int v,
				       const struct vehicle_plan *vp, int job,
				       int *scratch)
{
	const struct vrp_vehicle *veh = &p->vehicles[v];
	struct insertion best = { INF, -1, -1 };
	int m = vp->ntrips;
	const struct trip_sum *chain[65];
	if (m + 1 > 64)
		return best;
	for (int k = 0; k < m; k++)
		chain[k] = &vp->sums[k];

	/* Into an existing trip. */
	for (int k = 0; k < m; k++) {
		const struct seq *t = &vp->trips[k];
		if (vp->sums[k].load + p->jobs[job].demand > veh->capacity)
			continue;
		double old = trip_cost(veh, &vp->sums[k]);
		for (int pos = 0; pos <= t->n; pos++) {
			memcpy(scratch, t->jobs, sizeof(int) * (size_t)pos);
			scratch[pos] = job;
			memcpy(scratch + pos + 1, t->jobs + pos,
			       sizeof(int) * (size_t)(t->n - pos));
			struct trip_sum s;
			trip_summarize(p, veh->capacity, scratch, t->n + 1, &s);
			if (!s.ok)
				continue;
			double cost = trip_cost(veh, &s) - old;
			if (cost >= best.cost)
				continue;
			chain[k] = &s;
			bool ok = chain_feasible(p, v, chain, m, NULL);
			chain[k] = &vp->sums[k];
			if (ok) {
				best.cost = cost;
				best.trip = k;
				best.pos = pos;
			}
		}
	}

	/* As a new trip, at any place in the vehicle's sequence of trips. */
	if (m < veh->max_trips && p->jobs[job].demand <= veh->capacity) {
		struct trip_sum s;
		trip_summarize(p, veh->capacity, &job, 1, &s);
		double cost = trip_cost(veh, &s) + (m == 0 ? veh->cost_fixed : 0);
		if (s.ok && cost < best.cost) {
			for (int at = m; at >= 0; at--) {
				const struct trip_sum *c[65];
				for (int k = 0, w = 0; k <= m; k++)
					c[k] = k == at ? &s : chain[w++];
				if (chain_feasible(p, v, c, m + 1, NULL)) {
					best.cost = cost;
					best.trip = m + at;
					best.pos = 0;
					break;
				}
			}
		}
	}
	return best;
}

static void seq_insert(struct seq *s, int pos, int job)
{
	ALLOC_GROW(s->jobs, s->n + 1, s->alloc);
	memmove(s->jobs + pos + 1, s->jobs + pos,
		sizeof(int) * (size_t)(s->n - pos));
	s->jobs[pos] = job;
	s->n++;
}

static void apply_insertion(const struct vrp_problem *p, int v,
			    struct vehicle_plan *vp, int job,
			    struct insertion ins)
{
	int cap = p->vehicles[v].capacity;
	if (ins.trip >= vp->ntrips) {
		int at = ins.trip - vp->ntrips;
		int old_alloc = vp->alloc;
		ALLOC_GROW(vp->trips, vp->ntrips + 1, vp->alloc);
		if (vp->alloc != old_alloc)
			vp->sums = xreallocarray(vp->sums, (size_t)vp->alloc,
						 sizeof(*vp->sums));
		memmove(vp->trips + at + 1, vp->trips + at,
			sizeof(*vp->trips) * (size_t)(vp->ntrips - at));
		memmove(vp->sums + at + 1, vp->sums + at,
			sizeof(*vp->sums) * (size_t)(vp->ntrips - at));
		memset(&vp->trips[at], 0, sizeof(vp->trips[at]));
		vp->ntrips++;
		ins.trip = at;
		ins.pos = 0;
	}
	struct seq *t = &vp->trips[ins.trip];
	seq_insert(t, ins.pos, job);
	trip_summarize(p, cap, t->jobs, t->n, &vp->sums[ins.trip]);
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
		double L = p->load_fixed + p->load_per_unit * j->demand;
		double t = dur(p, p->depot, j->loc);
		double earliest = fmax(veh->shift_start, p->release) + L + t;
		if (earliest > j->close)
			continue;
		window = true;
		if (p->food_limit > 0 && L + t > p->food_limit)
			continue;
		food = true;
		struct trip_sum s;
		trip_summarize(p, veh->capacity, &job, 1, &s);
		const struct trip_sum *c = &s;
		if (s.ok && chain_feasible(p, v, &c, 1, NULL))
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

static int check_problem(const struct vrp_problem *p, struct mr_error *err)
{
	if (p->nlocs < 1 || p->depot < 0 || p->depot >= p->nlocs)
		return mr_fail(err, EX_DATAERR, "routing: no depot");
	for (int i = 0; i < p->njobs; i++) {
		const struct vrp_job *j = &p->jobs[i];
		if (j->loc < 0 || j->loc >= p->nlocs || j->demand < 0 ||
		    !(j->open <= j->close) || !(j->service >= 0))
			return mr_fail(err, EX_DATAERR, "routing: job %d is "
				       "malformed", i);
	}
	for (int v = 0; v < p->nvehicles; v++) {
		const struct vrp_vehicle *veh = &p->vehicles[v];
		if (veh->capacity < 0 || veh->max_trips < 0 ||
		    !(veh->shift_start <= veh->shift_end))
			return mr_fail(err, EX_DATAERR, "routing: vehicle %d "
				       "is malformed", v);
	}
	return 0;
}

/* Writes the schedule of every trip into the solution. */
static void build_solution(const struct vrp_problem *p,
			   struct vehicle_plan *plans, struct vrp_solution *sol)
{
	int total = 0;
	for (int v = 0; v < p->nvehicles; v++)
		for (int k = 0; k < plans[v].ntrips; k++)
			total += plans[v].trips[k].n > 0;
	sol->trips = xcalloc((size_t)total + 1, sizeof(*sol->trips));
	for (int v = 0; v < p->nvehicles; v++) {
		struct vehicle_plan *vp = &plans[v];
		const struct vrp_vehicle *veh = &p->vehicles[v];
		if (vp->ntrips == 0)
			continue;
		const struct trip_sum **chain =
			xcalloc((size_t)vp->ntrips, sizeof(*chain));
		double *ls = xcalloc((size_t)vp->ntrips, sizeof(double));
		for (int k = 0; k < vp->ntrips; k++)
			chain[k] = &vp->sums[k];
		chain_feasible(p, v, chain, vp->ntrips, ls);
		sol->vehicles_used++;
		sol->cost += veh->cost_fixed;
		for (int k = 0; k < vp->ntrips; k++) {
			const struct seq *s = &vp->trips[k];
			struct vrp_trip *t = &sol->trips[sol->ntrips++];
			t->vehicle = v;
			t->trip_no = k + 1;
			t->njobs = s->n;
			t->jobs = xmalloc(sizeof(int) * (size_t)s->n);
			memcpy(t->jobs, s->jobs, sizeof(int) * (size_t)s->n);
			t->arrive = xcalloc((size_t)s->n, sizeof(double));
			t->start = xcalloc((size_t)s->n, sizeof(double));
			t->leave = xcalloc((size_t)s->n, sizeof(double));
			t->load = vp->sums[k].load;
			t->load_start = ls[k];
			t->depart = ls[k] + p->load_fixed +
				    p->load_per_unit * t->load;
			double now = t->depart;
			int at = p->depot;
			for (int i = 0; i < s->n; i++) {
				const struct vrp_job *j = &p->jobs[s->jobs[i]];
				t->arrive[i] = now + dur(p, at, j->loc);
				t->start[i] = fmax(t->arrive[i], j->open);
				t->leave[i] = t->start[i] + j->service;
				now = t->leave[i];
				at = j->loc;
			}
			t->ret = now + dur(p, at, p->depot);
			t->distance = vp->sums[k].distance;
			t->drive = vp->sums[k].drive;
			sol->distance += t->distance;
			sol->cost += trip_cost(veh, &vp->sums[k]);
		}
		free(chain);
		free(ls);
	}
}

/*
 * Regret insertion into empty vehicles (see the top of the file). Jobs of
 * higher priority go first; among equals, the largest regret. Marks the
 * jobs it placed in routed.
 */
static void construct(const struct vrp_problem *p, const int *priority,
		      struct vehicle_plan *plans, bool *routed)
{
	int n = p->njobs, V = p->nvehicles;
	struct insertion *best = xcalloc((size_t)n * (size_t)V + 1,
					 sizeof(*best));
	int *scratch = xmalloc(sizeof(int) * ((size_t)n + 2));
	for (int j = 0; j < n; j++)
		for (int v = 0; v < V; v++)
			best[(size_t)j * V + v] =
				best_insertion(p, v, &plans[v], j, scratch);

	for (int left = n; left > 0; left--) {
		int pick = -1, pick_v = -1, pick_prio = -1;
		double pick_regret = -INF, pick_cost = INF;
		for (int j = 0; j < n; j++) {
			if (routed[j] || priority[j] < pick_prio)
				continue;
			double b1 = INF, b2 = INF;
			int bv = -1;
			for (int v = 0; v < V; v++) {
				double c = best[(size_t)j * V + v].cost;
				if (c < b1) {
					b2 = b1;
					b1 = c;
					bv = v;
				} else if (c < b2) {
					b2 = c;
				}
			}
			if (bv < 0)
				continue;
			double regret = b2 == INF ? 1e18 : b2 - b1;
			if (priority[j] > pick_prio || regret > pick_regret ||
			    (regret == pick_regret && b1 < pick_cost)) {
				pick = j;
				pick_v = bv;
				pick_prio = priority[j];
				pick_regret = regret;
				pick_cost = b1;
			}
		}
		if (pick < 0)
			break; /* the rest fit nowhere */
		apply_insertion(p, pick_v, &plans[pick_v], pick,
				best[(size_t)pick * V + pick_v]);
		routed[pick] = true;
		for (int j = 0; j < n; j++)
			if (!routed[j])
				best[(size_t)j * V + pick_v] = best_insertion(
					p, pick_v, &plans[pick_v], j, scratch);
	}
	free(best);
	free(scratch);
}

static double plans_cost(const struct vrp_problem *p,
			 const struct vehicle_plan *plans)
{
	double cost = 0;
	for (int v = 0; v < p->nvehicles; v++) {
		const struct vrp_vehicle *veh = &p->vehicles[v];
		if (plans[v].ntrips)
			cost += veh->cost_fixed;
		for (int k = 0; k < plans[v].ntrips; k++)
			cost += trip_cost(veh, &plans[v].sums[k]);
	}
	return cost;
}

static void plans_free(struct vehicle_plan *plans, int V)
{
	if (!plans)
		return;
	for (int v = 0; v < V; v++) {
		for (int k = 0; k < plans[v].ntrips; k++)
			free(plans[v].trips[k].jobs);
		free(plans[v].trips);
		free(plans[v].sums);
	}
	free(plans);
}

static double seconds_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Construction rounds at most, each putting first what the last left out. */
#define MAX_ROUNDS 25

int vrp_solve(const struct vrp_problem *p, const struct vrp_params *params,
	      struct vrp_solution *sol, struct mr_error *err)
{
	memset(sol, 0, sizeof(*sol));
	if (check_problem(p, err) != 0)
		return -1;
	int n = p->njobs, V = p->nvehicles;
	double deadline = seconds_now() +
		(params && params->time_limit_s > 0 ? params->time_limit_s : 1e9);
	sol->reason = xcalloc((size_t)n + 1, sizeof(*sol->reason));
	sol->unassigned = xcalloc((size_t)n + 1, sizeof(int));
	int *priority = xcalloc((size_t)n + 1, sizeof(int));
	struct vehicle_plan *best = NULL;
	bool *best_routed = xcalloc((size_t)n + 1, sizeof(bool));
	long best_left = -1;
	double best_cost = INF;

	/*
	 * "Squeaky wheel": a job the construction could not place goes
	 * earlier in the next round, until every job is placed, the rounds
	 * run out, or the time limit is reached. The best round is kept:
	 * fewest boxes left out, then lowest cost.
	 */
	for (int round = 0; round < MAX_ROUNDS; round++) {
		struct vehicle_plan *plans = xcalloc((size_t)V + 1,
						     sizeof(*plans));
		bool *routed = xcalloc((size_t)n + 1, sizeof(bool));
		construct(p, priority, plans, routed);
		long left = 0;
		for (int j = 0; j < n; j++)
			if (!routed[j]) {
				left += p->jobs[j].demand + 1;
				priority[j]++;
			}
		double cost = plans_cost(p, plans);
		if (best_left < 0 || left < best_left ||
		    (left == best_left && cost < best_cost)) {
			plans_free(best, V);
			best = plans;
			memcpy(best_routed, routed, sizeof(bool) * (size_t)n);
			best_left = left;
			best_cost = cost;
		} else {
			plans_free(plans, V);
		}
		free(routed);
		if (left == 0 || seconds_now() > deadline)
			break;
	}

	for (int j = 0; j < n; j++) {
		if (best_routed[j])
			continue;
		sol->reason[j] = diagnose(p, j);
		sol->unassigned[sol->nunassigned++] = j;
	}
	build_solution(p, best, sol);
	plans_free(best, V);
	free(best_routed);
	free(priority);
	return 0;
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
