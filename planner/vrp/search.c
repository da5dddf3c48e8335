/*
 * Ruin and recreate: slack induction by string removals (SISR; Christiaens
 * and Vanden Berghe, "Slack induction by string removals for vehicle
 * routing problems", Transportation Science 2020) under simulated
 * annealing. Each iteration removes a few strings of consecutive stops from
 * trips near a random stop, puts the removed stops back one by one at
 * their cheapest places (skipping a place now and then, the "blinks"), and
 * keeps the result by the annealing rule. Every solution accepted within
 * 1 % of the best goes into the route pool for set partitioning.
 */
#include "planner/vrp/internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/cap.h"
#include "util/xalloc.h"

#define AVG_REMOVED 10      /* c-bar: stops removed per ruin, on average */
#define MAX_STRING 10       /* L-max: longest string removed */
#define SPLIT_DEPTH 0.01    /* alpha: chance to stop growing a kept part */
#define BLINK_RATE 0.01     /* beta: chance to skip a place */
#define ROUTE_REMOVAL_RATE 0.05 /* chance to empty a short trip too */
#define LATE_ARCS 10.0      /* a minute the supply is late, in arcs */

struct search {
	struct sol *cur, *cand;
	const struct vrp_problem *p;
	uint64_t rng;
	int *const *adj;    /* per job, the nearest jobs, nearest first */
	int nadj;           /* entries in each */
	bool granular;      /* recreate near neighbours first (near.c) */
	const bool *frozen; /* per job: never moved (params->frozen), or NULL */
	bool *only;         /* per route: holds no frozen job */
	bool *mask;         /* scratch for it */
	bool *ruined;       /* per job: removed by this iteration's ruin */
	int *removed;
	int nremoved;
	bool *route_hit;
	double *key;        /* sort keys while recreating */
};

static const double *sort_keys;

static int by_key(const void *a, const void *b)
{
	double x = sort_keys[*(const int *)a], y = sort_keys[*(const int *)b];
	if (x != y)
		return x < y ? -1 : 1;
	return *(const int *)a - *(const int *)b;
}

static void add_removed(struct search *sr, int job)
{
	if (sr->frozen && sr->frozen[job])
		return;
	sr->removed[sr->nremoved++] = job;
}

/* Picks the strings to remove around a random stop, then removes them. */
static void ruin(struct search *sr)
{
	struct sol *s = sr->cand;
	const struct vrp_problem *p = sr->p;
	int n = p->njobs;
	sr->nremoved = 0;
	int assigned = n - s->nunassigned, movable = assigned;
	if (sr->frozen) {
		movable = 0;
		for (int j = 0; j < n; j++)
			movable += s->route_of[j] >= 0 && !sr->frozen[j];
	}
	if (movable <= 0 || s->nroutes == 0)
		return;
	double avg = (double)assigned / s->nroutes;
	double ls_max = fmin(MAX_STRING, avg);
	double ks_max = 4.0 * AVG_REMOVED / (1.0 + ls_max) - 1.0;
	int ks = (int)(rng_unit(&sr->rng) * ks_max) + 1;
	int seed;
	do
		seed = rng_below(&sr->rng, n);
	while (s->route_of[seed] < 0 || (sr->frozen && sr->frozen[seed]));

	memset(sr->route_hit, 0, sizeof(bool) * (size_t)s->nroutes);
	int hit = 0;
	for (int a = -1; a < sr->nadj && hit < ks; a++) {
		int c = a < 0 ? seed : sr->adj[seed][a];
		int r = s->route_of[c];
		if (r < 0 || sr->route_hit[r])
			continue;
		const struct route *rt = &s->routes[r];
		int size = rt->n;
		int lmax = (int)fmin(size, ls_max);
		int l = rng_below(&sr->rng, lmax) + 1;
		int pos = s->pos_of[c];
		if (l == size || rng_unit(&sr->rng) < 0.5) {
			/* A string of l stops through c. */
			int lo = pos - l + 1 > 0 ? pos - l + 1 : 0;
			int hi = pos < size - l ? pos : size - l;
			int start = lo + rng_below(&sr->rng, hi - lo + 1);
			for (int i = start; i < start + l; i++)
				add_removed(sr, rt->jobs[i]);
		} else {
			/* A string of l + m stops, m of them kept. */
			int m = 1;
			while (l + m < size && rng_unit(&sr->rng) > SPLIT_DEPTH)
				m++;
			int span = l + m;
			int lo = pos - span + 1 > 0 ? pos - span + 1 : 0;
			int hi = pos < size - span ? pos : size - span;
			int start = lo + rng_below(&sr->rng, hi - lo + 1);
			int keep = start + rng_below(&sr->rng, l + 1);
			for (int i = start; i < start + span; i++)
				if (i < keep || i >= keep + m)
					add_removed(sr, rt->jobs[i]);
		}
		sr->route_hit[r] = true;
		hit++;
	}
	/* Now and then, empty a whole short trip as well: strings alone
	 * rarely free a vehicle, which often saves the most. */
	if (s->nroutes > 1 && rng_unit(&sr->rng) < ROUTE_REMOVAL_RATE) {
		int a = rng_below(&sr->rng, s->nroutes);
		int b = rng_below(&sr->rng, s->nroutes);
		int r = s->routes[a].n <= s->routes[b].n ? a : b;
		const struct route *rt = &s->routes[r];
		for (int i = 0; i < rt->n; i++) {
			bool listed = false;
			for (int k = 0; k < sr->nremoved && !listed; k++)
				listed = sr->removed[k] == rt->jobs[i];
			if (!listed)
				add_removed(sr, rt->jobs[i]);
		}
	}
	for (int i = 0; i < sr->nremoved; i++)
		sol_remove(s, sr->removed[i]);
}

/* Puts back every stop not on a trip (the removed ones, and any left out
 * before) in one of a few orders, each at its cheapest place with blinks. */
static void recreate(struct search *sr)
{
	struct sol *s = sr->cand;
	const struct vrp_problem *p = sr->p;
	sr->nremoved = 0;
	for (int j = 0; j < p->njobs; j++)
		if (s->route_of[j] < 0)
			add_removed(sr, j);
	int order = rng_below(&sr->rng, 13);
	for (int i = 0; i < sr->nremoved; i++) {
		int j = sr->removed[i];
		const struct vrp_job *job = &p->jobs[j];
		double d = p->distance[(size_t)p->depot * (size_t)p->nlocs +
				       (size_t)job->loc];
		double k;
		if (order < 4)
			k = rng_unit(&sr->rng);
		else if (order < 8)
			k = -job->demand;
		else if (order < 10)
			k = -d;
		else if (order < 11)
			k = d;
		else
			k = job->close;
		sr->key[j] = k;
	}
	sort_keys = sr->key;
	qsort(sr->removed, (size_t)sr->nremoved, sizeof(int), by_key);
	/* With frozen jobs, only trips without them take the others. */
	for (int r = 0; sr->frozen && r < s->nroutes; r++) {
		sr->only[r] = true;
		for (int i = 0; i < s->routes[r].n && sr->only[r]; i++)
			sr->only[r] = !sr->frozen[s->routes[r].jobs[i]];
	}
	if (sr->granular)
		for (int i = 0; i < sr->nremoved; i++)
			sr->ruined[sr->removed[i]] =
				sr->cur->route_of[sr->removed[i]] >= 0;
	for (int i = 0; i < sr->nremoved; i++) {
		struct placement pl;
		int j = sr->removed[i];
		if (!sr->granular) {
			/* A trip made since holds none. */
			sr->only[s->nroutes] = true;
			if (sol_best_placement_in(s, j, sr->frozen ? sr->only
							      : NULL,
						  BLINK_RATE, &sr->rng, &pl))
				sol_apply(s, j, &pl);
			continue;
		}
		/* A job left out before this ruin too is tried again only
		 * where the ruin made room near it, and only there: on a
		 * large day that cannot take every job, trying each of them
		 * everywhere at every iteration costs more than the rest. */
		bool again = !sr->ruined[j], near = !again;
		for (int a = 0; again && !near && a < VRP_GRANULAR_K &&
				a < sr->nadj; a++)
			near = sr->ruined[sr->adj[j][a]];
		if (near && sol_place_near(s, j, sr->adj, sr->nadj, sr->mask,
					   !again, BLINK_RATE, &sr->rng, &pl))
			sol_apply(s, j, &pl);
	}
	if (sr->granular)
		for (int i = 0; i < sr->nremoved; i++)
			sr->ruined[sr->removed[i]] = false;
	sol_recost(s);
}

/* The route cost of s, without penalties for jobs left out. */
static double routes_cost(const struct sol *s)
{
	double c = s->cost;
	for (int j = 0; j < s->p->njobs; j++)
		if (s->route_of[j] < 0)
			c -= vrp_unassigned_penalty(s->p, j);
	return c;
}

/*
 * Whether the annealing keeps cand over cur, at temperature temp with the
 * random draw u: a candidate with fewer jobs left out always, one with
 * more never; otherwise by the annealing rule on the cost and the
 * supply's minutes late, each minute weighing late_weight (so the search
 * can climb out of a late corner; the best is kept by sol_better, late
 * minutes first). The supply is asked only when the cost alone does not
 * decide.
 */
static bool accept(struct sol *cand, struct sol *cur, double temp, double u,
		   double late_weight)
{
	double threshold = cur->cost + late_weight * (double)sol_late(cur) -
			   temp * log(u > 0 ? u : 1e-300);
	if (cand->penalty > cur->penalty + 1)
		return false;
	if (cand->penalty < cur->penalty - 1)
		return true;
	if (cand->cost >= threshold)
		return false; /* costs too much, whatever its lateness */
	return cand->cost + late_weight * (double)sol_late(cand) < threshold;
}

/* The demand of the jobs s leaves out. */
static long demand_out(const struct sol *s)
{
	long out = 0;
	for (int j = 0; j < s->p->njobs; j++)
		if (s->route_of[j] < 0)
			out += s->p->jobs[j].demand;
	return out;
}

bool vrp_search(struct sol *s, const struct vrp_params *params,
		int *const *adj, int nadj, struct pool *pool,
		long *iterations)
{
	const struct vrp_problem *p = s->p;
	int n = p->njobs;
	struct search sr = { .p = p, .adj = adj, .nadj = nadj,
			     .granular = n > VRP_GRANULAR_JOBS && !params->frozen,
			     .frozen = params->frozen };
	sr.rng = 0x6d65616c72756eULL ^ ((uint64_t)params->seed * 0x9e3779b97f4a7c15ULL);
	sr.mask = xcalloc((size_t)n + 2, sizeof(bool));
	sr.ruined = xcalloc((size_t)n + 1, sizeof(bool));
	sr.removed = xmalloc(sizeof(int) * ((size_t)n + 1));
	sr.route_hit = xcalloc((size_t)n + 2, sizeof(bool));
	sr.key = xcalloc((size_t)n + 1, sizeof(double));
	sr.only = xcalloc((size_t)n + 2, sizeof(bool));

	long budget = params->iterations > 0 ? params->iterations
					     : vrp_default_iterations(p);
	struct sol cur, cand, best;
	sol_init(&cur, p);
	sol_init(&cand, p);
	sol_init(&best, p);
	sol_copy(&cur, s);
	sol_copy(&best, s);
	sr.cur = &cur;
	sr.cand = &cand;
	if (pool)
		pool_add(pool, &best);

	/* Temperatures relative to the length of an average arc. */
	double arcs = (double)(n - s->nunassigned + s->nroutes);
	double avg_arc = arcs > 0 ? routes_cost(s) / arcs : 1.0;
	if (!(avg_arc > 0))
		avg_arc = 1.0;
	double t0 = 1.0 * avg_arc, tf = 0.005 * avg_arc;
	/* A minute late weighs as much as ten average arcs. */
	double late_weight = LATE_ARCS * avg_arc;
	double start = mr_clock(), last_report = start;
	/* Small problems settle fast: stop when nothing improved for long,
	 * for a fifth of the budget at most. */
	long patience = 25L * n * n;
	if (patience > budget / 5)
		patience = budget / 5;
	if (patience < 20000)
		patience = 20000;
	long last_better = 0;
	long it;
	bool behind = false;
	for (it = 0; it < budget && it - last_better < patience; it++) {
		if (it == params->late_stop && it > 0 && !best.nunassigned &&
		    sol_late(&best) > 0)
			break;
		if (it == params->behind_stop && it > 0 &&
		    demand_out(&best) > params->behind_out) {
			behind = true;
			break;
		}
		if ((it & 63) == 0) {
			if (mr_cap_reached(params->cap, "routing search"))
				break;
			double now = mr_clock();
			if (params->progress && now - last_report >= 1.0) {
				int used = 0;
				for (int v = 0; v < p->nvehicles; v++)
					used += best.veh[v].n > 0;
				struct vrp_progress pr = {
					now - start, best.cost, used,
					best.nunassigned, it, "search" };
				params->progress(params->progress_ctx, &pr);
				last_report = now;
			}
		}
		double temp = t0 * pow(tf / t0, (double)it / (double)budget);
		sol_copy(&cand, &cur);
		ruin(&sr);
		recreate(&sr);
		if (accept(&cand, &cur, temp, rng_unit(&sr.rng), late_weight)) {
			struct sol tmp = cur;
			cur = cand;
			cand = tmp;
			sr.cur = &cur;
			sr.cand = &cand;
			if (sol_better(&cur, &best)) {
				last_better = it;
				sol_copy(&best, &cur);
				if (pool)
					pool_add(pool, &best);
			} else if (pool && cur.cost <= best.cost * 1.01) {
				/* Near the best: parts worth recombining. */
				pool_add(pool, &cur);
			}
		}
	}
	*iterations = it;
	sol_copy(s, &best);
	sol_release(&cur);
	sol_release(&cand);
	sol_release(&best);
	free(sr.mask);
	free(sr.ruined);
	free(sr.removed);
	free(sr.route_hit);
	free(sr.key);
	free(sr.only);
	return behind;
}
