/*
 * Planning a day again from its trips as they were (see vrp_keep in
 * vrp.h): the trips kept as far as they still fit, the rest inserted
 * where each costs least, and no search, so that what need not change
 * does not.
 */
#include "planner/vrp/internal.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* Appends job to the end of route r (or, r < 0, as a new last trip of
 * vehicle v) when that stays feasible; returns whether it did. */
static bool keep_append(struct sol *s, int job, int r, int v)
{
	const struct vrp_problem *p = s->p;
	const struct vrp_job *j = &p->jobs[job];
	if (j->demand > p->vehicles[v].capacity)
		return false;
	struct seg sj = seg_job(p, job);
	struct trip_sum ts;
	const struct vehicle_trips *vt = &s->veh[v];
	if (r < 0) {
		if (vt->n >= vrp_max_trips(p, v))
			return false;
		trip_from_seg(p, v, &sj, &ts);
		if (!ts.ok || !sol_vehicle_ok_with(s, v, -1, vt->n, &ts))
			return false;
		struct placement pl = { 0, -1, 0, v, vt->n };
		sol_apply(s, job, &pl);
		return true;
	}
	const struct route *rt = &s->routes[r];
	if (rt->sum.load + j->demand > p->vehicles[v].capacity)
		return false;
	struct seg mid = seg_concat(p, &rt->fwd[rt->n - 1], &sj);
	trip_from_seg(p, v, &mid, &ts);
	int k = 0;
	while (vt->trip[k] != r)
		k++;
	if (!ts.ok || !sol_vehicle_ok_with(s, v, k, 0, &ts))
		return false;
	struct placement pl = { 0, r, rt->n, v, 0 };
	sol_apply(s, job, &pl);
	return true;
}

static const struct vrp_problem *demand_problem;

/* Larger demand first, then by index. */
static int by_demand(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	int dx = demand_problem->jobs[x].demand, dy = demand_problem->jobs[y].demand;
	if (dx != dy)
		return dy - dx;
	return x - y;
}

/* Whether job j of start's stop i carries more than it did. */
static bool grown(const struct vrp_problem *p, const struct vrp_start *st,
		  int i)
{
	return st->demand && p->jobs[st->jobs[i]].demand > st->demand[i];
}

/* Builds trip t of start on vehicle v as its new last trip, the jobs in
 * their order as far as each still fits (without those that grew, when
 * skip_grown); returns how many it placed. */
static int build_trip(struct sol *s, const struct vrp_start *st, int t, int v,
		      bool skip_grown)
{
	const struct vrp_problem *p = s->p;
	int r = -1, placed = 0;
	for (int i = st->first[t]; i < st->first[t + 1]; i++) {
		int job = st->jobs[i];
		if (job < 0 || job >= p->njobs || s->route_of[job] >= 0 ||
		    (skip_grown && grown(p, st, i)))
			continue;
		if (keep_append(s, job, r, v)) {
			r = s->route_of[job];
			placed++;
		}
	}
	return placed;
}

/* Whether start's vehicle for trip t runs today. */
static bool runs(const struct vrp_problem *p, const struct vrp_start *st,
		 int t)
{
	int v = st->vehicle[t];
	return v >= 0 && v < p->nvehicles && vrp_max_trips(p, v) > 0;
}

/* Trip t of a vehicle that does not run today, whole, as a new trip of
 * the vehicle where it costs least; false when none takes all of it. */
static bool move_whole(struct sol *s, const struct vrp_start *st, int t)
{
	const struct vrp_problem *p = s->p;
	int want = 0;
	for (int i = st->first[t]; i < st->first[t + 1]; i++)
		want += st->jobs[i] >= 0 && st->jobs[i] < p->njobs &&
			s->route_of[st->jobs[i]] < 0;
	if (!want)
		return true;
	struct sol best, trial;
	bool found = false;
	sol_init(&best, p);
	sol_init(&trial, p);
	for (int v = 0; v < p->nvehicles; v++) {
		if (vrp_max_trips(p, v) == 0)
			continue;
		sol_copy(&trial, s);
		if (build_trip(&trial, st, t, v, false) != want)
			continue;
		sol_recost(&trial);
		if (!found || trial.cost < best.cost - 1e-9) {
			sol_copy(&best, &trial);
			found = true;
		}
	}
	if (found)
		sol_copy(s, &best);
	sol_release(&best);
	sol_release(&trial);
	return found;
}

int vrp_keep(const struct vrp_problem *p, const struct vrp_params *params,
	     const struct vrp_start *start, struct vrp_solution *out,
	     struct mr_error *err)
{
	(void)params;
	memset(out, 0, sizeof(*out));
	out->bound = -1;
	if (vrp_check_problem(p, err) != 0)
		return -1;
	struct sol s;
	sol_init(&s, p);
	/* The trips of vehicles that run, as they were but for the jobs
	 * that grew; then the trips of vehicles that do not, each whole on
	 * another vehicle where it fits. */
	for (int t = 0; t < start->ntrips; t++)
		if (runs(p, start, t))
			build_trip(&s, start, t, start->vehicle[t], true);
	for (int t = 0; t < start->ntrips; t++)
		if (!runs(p, start, t))
			move_whole(&s, start, t);
	/* The jobs that grew, on their vehicle where they still fit. */
	for (int t = 0; t < start->ntrips; t++) {
		if (!runs(p, start, t))
			continue;
		for (int i = start->first[t]; i < start->first[t + 1]; i++) {
			int job = start->jobs[i];
			struct placement pl;
			if (job >= 0 && job < p->njobs && s.route_of[job] < 0 &&
			    sol_best_in_vehicle(&s, job, start->vehicle[t], &pl))
				sol_apply(&s, job, &pl);
		}
	}
	/* Everything else where it costs least, the largest first. */
	int *rest = xcalloc((size_t)p->njobs + 1, sizeof(int));
	int nrest = 0;
	for (int j = 0; j < p->njobs; j++)
		if (s.route_of[j] < 0)
			rest[nrest++] = j;
	demand_problem = p;
	qsort(rest, (size_t)nrest, sizeof(int), by_demand);
	for (int i = 0; i < nrest; i++) {
		struct placement pl;
		if (sol_best_placement(&s, rest[i], 0, NULL, &pl))
			sol_apply(&s, rest[i], &pl);
	}
	free(rest);
	sol_recost(&s);
	out->method = "keep";
	vrp_finish_solution(&s, out);
	sol_release(&s);
	return 0;
}
