/*
 * Planning a day again from its trips as they were (see vrp_keep in
 * vrp.h): the trips kept as far as they still fit, the trips of a vehicle
 * out moved whole or placed by a search that changes nothing else (or
 * a few trips more), the rest inserted where each costs least, so
 * that what need not change does not.
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
		/* A new trip: after the vehicle's others, or where its day
		 * has room for it, the later the better. */
		if (vt->n >= vrp_max_trips(p, v))
			return false;
		trip_from_seg(p, v, &sj, &ts);
		if (!ts.ok)
			return false;
		for (int at = vt->n; at >= 0; at--) {
			if (!sol_vehicle_ok_with(s, v, -1, at, &ts))
				continue;
			struct placement pl = { 0, -1, 0, v, at };
			sol_apply(s, job, &pl);
			return true;
		}
		return false;
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

/* Builds stops i0 .. i1 of start on vehicle v as its new last trip, the
 * jobs in their order as far as each still fits (without those that
 * grew, when skip_grown); returns how many it placed. */
static int build_trip(struct sol *s, const struct vrp_start *st, int i0,
		      int i1, int v, bool skip_grown)
{
	const struct vrp_problem *p = s->p;
	int r = -1, placed = 0;
	for (int i = i0; i < i1; i++) {
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

/* The jobs of stops i0 .. i1 of start still to place. */
static int to_place(const struct sol *s, const struct vrp_start *st, int i0,
		    int i1)
{
	int n = 0;
	for (int i = i0; i < i1; i++)
		n += st->jobs[i] >= 0 && st->jobs[i] < s->p->njobs &&
		     s->route_of[st->jobs[i]] < 0;
	return n;
}

/* Whether start's vehicle for trip t runs today. */
static bool runs(const struct vrp_problem *p, const struct vrp_start *st,
		 int t)
{
	int v = st->vehicle[t];
	return v >= 0 && v < p->nvehicles && vrp_max_trips(p, v) > 0;
}

/* Stops i0 .. i1 of start, all of them, as a new trip of a vehicle that
 * runs, the one where they cost least, into best (from s); false when no
 * vehicle takes them all. */
static bool place_part(const struct sol *s, const struct vrp_start *st,
		       int i0, int i1, struct sol *best, struct sol *trial)
{
	const struct vrp_problem *p = s->p;
	int want = to_place(s, st, i0, i1);
	bool found = false;
	for (int v = 0; v < p->nvehicles; v++) {
		if (vrp_max_trips(p, v) == 0)
			continue;
		sol_copy(trial, s);
		if (build_trip(trial, st, i0, i1, v, false) != want)
			continue;
		sol_recost(trial);
		if (!found || trial->cost < best->cost - 1e-9) {
			sol_copy(best, trial);
			found = true;
		}
	}
	return found;
}

/*
 * Stops i0 .. i1 of start in as few parts as it takes, each part the
 * longest run of the stops left that some vehicle takes as a new trip,
 * on the vehicle where it costs least; into best (from s). False when a
 * stop fits no vehicle on its own.
 */
static bool place_runs(const struct sol *s, const struct vrp_start *st,
		       int i0, int i1, struct sol *best, struct sol *trial)
{
	struct sol at;
	sol_init(&at, s->p);
	sol_copy(&at, s);
	bool ok = true;
	for (int i = i0; i < i1 && ok;) {
		ok = false;
		for (int k = i1; k > i && !ok; k--)
			if (place_part(&at, st, i, k, best, trial)) {
				sol_copy(&at, best);
				i = k;
				ok = true;
			}
	}
	if (ok)
		sol_copy(best, &at);
	sol_release(&at);
	return ok;
}

/*
 * Trip t of a vehicle that does not run today as a new trip of the
 * vehicle where it costs least, its stops in their order; when no vehicle
 * takes it whole, in two parts (its first stops and the rest) on two
 * trips; when no two parts fit either, in as many runs of its stops as
 * it takes, each a new trip. False when none of these fits.
 */
static bool move_whole(struct sol *s, const struct vrp_start *st, int t)
{
	const struct vrp_problem *p = s->p;
	int i0 = st->first[t], i1 = st->first[t + 1];
	if (!to_place(s, st, i0, i1))
		return true;
	struct sol best, trial, half, split;
	sol_init(&best, p);
	sol_init(&trial, p);
	bool found = place_part(s, st, i0, i1, &best, &trial);
	if (!found) {
		sol_init(&half, p);
		sol_init(&split, p);
		for (int k = i0 + 1; k < i1; k++) {
			if (!place_part(s, st, i0, k, &half, &trial) ||
			    !place_part(&half, st, k, i1, &split, &trial))
				continue;
			if (!found || split.cost < best.cost - 1e-9) {
				sol_copy(&best, &split);
				found = true;
			}
		}
		sol_release(&half);
		sol_release(&split);
	}
	if (!found)
		found = place_runs(s, st, i0, i1, &best, &trial);
	if (found)
		sol_copy(s, &best);
	sol_release(&best);
	sol_release(&trial);
	return found;
}

/* The jobs on trips nearest job, nearest first, at most EJECT_NEAR of
 * them, into near; returns how many. */
#define EJECT_NEAR 40
static int near_routed(const struct sol *s, int job, int *near)
{
	const struct vrp_problem *p = s->p;
	const float *row = p->distance + (size_t)p->jobs[job].loc *
					  (size_t)p->nlocs;
	double d[EJECT_NEAR];
	int n = 0;
	for (int e = 0; e < p->njobs; e++) {
		if (e == job || s->route_of[e] < 0)
			continue;
		double de = row[p->jobs[e].loc];
		if (n == EJECT_NEAR && de >= d[n - 1])
			continue;
		int at = n < EJECT_NEAR ? n++ : n - 1;
		while (at > 0 && d[at - 1] > de) {
			d[at] = d[at - 1];
			near[at] = near[at - 1];
			at--;
		}
		d[at] = de;
		near[at] = e;
	}
	return n;
}

/*
 * Job, left out, placed by moving one other job: e out of its trip, job
 * where it then costs least, and e where it costs least after that
 * (another trip, or a new one); of the EJECT_NEAR jobs nearest, the
 * cheapest such e. Two or three trips change, where planning the day
 * anew would change them all. False when no such move makes room.
 */
static bool eject_one(struct sol *s, int job)
{
	const struct vrp_problem *p = s->p;
	struct sol best, trial;
	sol_init(&best, p);
	sol_init(&trial, p);
	bool found = false;
	int near[EJECT_NEAR];
	int nnear = near_routed(s, job, near);
	for (int i = 0; i < nnear; i++) {
		int e = near[i];
		sol_copy(&trial, s);
		sol_remove(&trial, e);
		struct placement pl;
		if (!sol_best_placement(&trial, job, 0, NULL, &pl))
			continue;
		sol_apply(&trial, job, &pl);
		if (!sol_best_placement(&trial, e, 0, NULL, &pl))
			continue;
		sol_apply(&trial, e, &pl);
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

/*
 * The jobs of trips whose vehicle does not run today ("orphans"), when
 * their trips cannot move whole: placed by the search on new trips and
 * on the trips they make among themselves, every other job frozen where
 * it is, so that only the trips of the vehicle out change.
 * ORPHAN_ITERATIONS of the search for the orphans alone, FREED_ITERATIONS
 * when a few trips more may change.
 */
#define ORPHAN_ITERATIONS 4000
#define FREED_ITERATIONS 2000

/* The orphans jobs[0 .. n) of s left out. */
static int orphans_left(const struct sol *s, const int *jobs, int n)
{
	int left = 0;
	for (int i = 0; i < n; i++)
		left += s->route_of[jobs[i]] < 0;
	return left;
}

/* Places the orphans jobs[0 .. n) of s with the search, iterations of
 * it, the other jobs on trips frozen; returns how many are left out. */
static int place_orphans(struct sol *s, const int *jobs, int n,
			 int *const *adj, int nadj,
			 const struct vrp_params *base, long iterations)
{
	const struct vrp_problem *p = s->p;
	/* A search step's work grows with the day: fewer steps on a large
	 * one. */
	if (p->njobs > 200)
		iterations = iterations * 200 / p->njobs + 100;
	/* Every other job frozen, those still left out too: they go where
	 * they belong after this (a job that grew, on its own vehicle). */
	bool *frozen = xcalloc((size_t)p->njobs + 1, sizeof(bool));
	for (int j = 0; j < p->njobs; j++)
		frozen[j] = true;
	for (int i = 0; i < n; i++)
		frozen[jobs[i]] = false;
	struct vrp_params params = { .seed = base->seed, .cap = base->cap,
				     .iterations = iterations,
				     .frozen = frozen };
	long done;
	vrp_search(s, &params, adj, nadj, NULL, &done);
	free(frozen);
	return orphans_left(s, jobs, n);
}

/* Trips that still run tried, one at a time, as orphans too, when the
 * orphans alone do not all fit: those nearest the orphans left out. */
#define KEEP_FREE_TRIPS 6
/* The most of them freed at once. */
#define KEEP_FREE_MOST 3

/* Route r's distance to the nearest of the orphans jobs[0 .. n) that s
 * leaves out. */
static double gap_to_left(const struct sol *s, int r, const int *jobs, int n)
{
	const struct vrp_problem *p = s->p;
	double gap = VRP_BIG;
	for (int i = 0; i < n; i++) {
		if (s->route_of[jobs[i]] >= 0)
			continue;
		const float *row = p->distance + (size_t)p->jobs[jobs[i]].loc *
						  (size_t)p->nlocs;
		for (int k = 0; k < s->routes[r].n; k++) {
			double d = row[p->jobs[s->routes[r].jobs[k]].loc];
			gap = d < gap ? d : gap;
		}
	}
	return gap;
}

/* A trip that still runs, freed to change: its vehicle and its jobs in
 * their order. */
struct freed {
	int vehicle, n;
	const int *jobs;
};

/*
 * Whether freed trip f is, in s, as it was: on one trip of its vehicle,
 * its jobs in their order; or can be made so (the search may have
 * reordered it, or split it where it need not), which s then is.
 */
static bool restore(struct sol *s, const struct freed *f)
{
	int r = s->route_of[f->jobs[0]];
	if (r >= 0 && s->routes[r].vehicle == f->vehicle &&
	    s->routes[r].n == f->n &&
	    !memcmp(s->routes[r].jobs, f->jobs, sizeof(int) * (size_t)f->n))
		return true;
	struct sol t;
	sol_init(&t, s->p);
	sol_copy(&t, s);
	for (int i = 0; i < f->n; i++)
		sol_remove(&t, f->jobs[i]);
	bool ok = true;
	r = -1;
	for (int i = 0; i < f->n && ok; i++) {
		ok = keep_append(&t, f->jobs[i], r, f->vehicle);
		r = t.route_of[f->jobs[i]];
	}
	if (ok) {
		sol_recost(&t);
		sol_copy(s, &t);
	}
	sol_release(&t);
	return ok;
}

/*
 * The orphans jobs[0 .. n) of s (as move_whole left them): on trips of
 * their own when they all fit there; else with one more trip that runs
 * free to change, of the KEEP_FREE_TRIPS nearest those left out, else
 * with two, with three (KEEP_FREE_MOST). Of the ways that leave none out, the one that changes fewest
 * trips, then the cheapest; else the one that leaves fewest out. s keeps
 * it; returns how many are left out.
 */
static int free_trips(struct sol *s, const int *jobs, int n, int *const *adj,
		      int nadj, const struct vrp_params *base)
{
	const struct vrp_problem *p = s->p;
	struct sol placed, trial, best;
	sol_init(&placed, p);
	sol_init(&trial, p);
	sol_init(&best, p);
	sol_copy(&placed, s);
	int left = place_orphans(&placed, jobs, n, adj, nadj, base,
				 ORPHAN_ITERATIONS);
	sol_copy(&best, &placed);
	/* The trips that run, nearest the orphans left out first. */
	struct freed cand[KEEP_FREE_TRIPS];
	double gap[KEEP_FREE_TRIPS];
	int ncand = 0;
	bool *orphan = xcalloc((size_t)p->njobs + 1, sizeof(bool));
	for (int i = 0; i < n; i++)
		orphan[jobs[i]] = true;
	for (int r = 0; r < placed.nroutes && left; r++) {
		if (orphan[placed.routes[r].jobs[0]])
			continue;
		double g = gap_to_left(&placed, r, jobs, n);
		if (ncand == KEEP_FREE_TRIPS && g >= gap[ncand - 1])
			continue;
		int at = ncand < KEEP_FREE_TRIPS ? ncand++ : ncand - 1;
		for (; at > 0 && gap[at - 1] > g; at--) {
			gap[at] = gap[at - 1];
			cand[at] = cand[at - 1];
		}
		gap[at] = g;
		cand[at] = (struct freed){ placed.routes[r].vehicle,
					   placed.routes[r].n,
					   placed.routes[r].jobs };
	}
	int *more = xcalloc((size_t)p->njobs + 1, sizeof(int));
	int changed = KEEP_FREE_MOST + 1;
	/* One trip, then two, then three: each set of them a bit mask. */
	for (int size = 1; size <= KEEP_FREE_MOST && left; size++)
		for (unsigned set = 1; set < 1u << ncand; set++) {
			if (__builtin_popcount(set) != size)
				continue;
			int m = n;
			memcpy(more, jobs, sizeof(int) * (size_t)n);
			for (int k = 0; k < ncand; k++)
				if (set & 1u << k) {
					memcpy(more + m, cand[k].jobs,
					       sizeof(int) * (size_t)cand[k].n);
					m += cand[k].n;
				}
			sol_copy(&trial, s);
			int l = place_orphans(&trial, more, m, adj, nadj, base,
					      FREED_ITERATIONS);
			int c = 0;
			for (int k = 0; k < ncand && !l; k++)
				if (set & 1u << k)
					c += !restore(&trial, &cand[k]);
			if (l < left || (!l && (c < changed ||
			    (c == changed && trial.cost < best.cost - 1e-9)))) {
				sol_copy(&best, &trial);
				left = l;
				changed = c;
			}
		}
	sol_copy(s, &best);
	free(more);
	free(orphan);
	sol_release(&placed);
	sol_release(&trial);
	sol_release(&best);
	return left;
}

void vrp_keep_build(struct sol *s, const struct vrp_start *start,
		    const struct vrp_params *params)
{
	const struct vrp_problem *p = s->p;
	/* The trips of vehicles that run, as they were but for the jobs
	 * that grew; then the trips of vehicles that do not, each whole on
	 * another vehicle where it fits, or else on trips of their own, or
	 * else with one other trip changed. */
	for (int t = 0; t < start->ntrips; t++)
		if (runs(p, start, t))
			build_trip(s, start, start->first[t], start->first[t + 1],
				   start->vehicle[t], true);
	int *orphans = xcalloc((size_t)start->first[start->ntrips] + 1,
			       sizeof(int));
	int norphans = 0;
	for (int t = 0; t < start->ntrips; t++) {
		if (runs(p, start, t))
			continue;
		move_whole(s, start, t);
		for (int i = start->first[t]; i < start->first[t + 1]; i++) {
			int job = start->jobs[i];
			if (job >= 0 && job < p->njobs)
				orphans[norphans++] = job;
		}
	}
	if (orphans_left(s, orphans, norphans))
		{
		int nadj;
		int **adj = vrp_neighbours(p, &nadj);
		free_trips(s, orphans, norphans, adj, nadj, params);
		vrp_neighbours_free(adj, p->njobs);
	}
	free(orphans);
	/* The jobs that grew, on their vehicle where they still fit. */
	for (int t = 0; t < start->ntrips; t++) {
		if (!runs(p, start, t))
			continue;
		for (int i = start->first[t]; i < start->first[t + 1]; i++) {
			int job = start->jobs[i];
			struct placement pl;
			if (job >= 0 && job < p->njobs && s->route_of[job] < 0 &&
			    sol_best_in_vehicle(s, job, start->vehicle[t], &pl))
				sol_apply(s, job, &pl);
		}
	}
	/* Everything else where it costs least, the largest first. */
	int *rest = xcalloc((size_t)p->njobs + 1, sizeof(int));
	int nrest = 0;
	for (int j = 0; j < p->njobs; j++)
		if (s->route_of[j] < 0)
			rest[nrest++] = j;
	demand_problem = p;
	qsort(rest, (size_t)nrest, sizeof(int), by_demand);
	for (int i = 0; i < nrest; i++) {
		struct placement pl;
		if (sol_best_placement(s, rest[i], 0, NULL, &pl))
			sol_apply(s, rest[i], &pl);
	}
	/* What is still left out, by moving one other job to make room. */
	for (int i = 0; i < nrest; i++)
		if (s->route_of[rest[i]] < 0)
			eject_one(s, rest[i]);
	free(rest);
	sol_recost(s);
}

int vrp_keep(const struct vrp_problem *p, const struct vrp_params *params,
	     const struct vrp_start *start, struct vrp_solution *out,
	     struct mr_error *err)
{
	static const struct vrp_params defaults = { .seed = 1 };
	if (!params)
		params = &defaults;
	memset(out, 0, sizeof(*out));
	out->bound = -1;
	if (vrp_check_problem(p, err) != 0)
		return -1;
	struct sol s;
	sol_init(&s, p);
	vrp_keep_build(&s, start, params);
	out->method = "keep";
	vrp_finish_solution(&s, out);
	sol_release(&s);
	return 0;
}
