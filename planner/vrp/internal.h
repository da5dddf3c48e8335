/*
 * What the files of the routing engine share: time-window segments, the
 * working solution the search changes, and the route pool. Not for use
 * outside planner/vrp*.c.
 *
 * Segments (Vidal et al. 2013, "A hybrid genetic algorithm with adaptive
 * diversity management", and their time-window concatenation) summarise a
 * sequence of visits by its minimal duration D, the earliest E and latest
 * L start at its first visit that achieve it, and its time warp TW (> 0:
 * infeasible). Two segments concatenate in O(1), so a trip kept with its
 * prefix and suffix segments evaluates any insertion or removal in O(1).
 *
 * A trip is the segment [loading at the depot] + stops + [back at the
 * depot]. As a function of its loading start ls it returns at
 * max(ls, E) + D, and the food limit binds at its last stop only, since
 * service starts only grow along a trip.
 */
#ifndef MEALRUN_PLANNER_VRP_INTERNAL_H
#define MEALRUN_PLANNER_VRP_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "planner/vrp/vrp.h"

#define VRP_BIG 1e15
#define VRP_EPS 1e-7
/* Trips one vehicle may make at most, whatever the problem says. */
#define VRP_MAX_TRIPS 16

struct seg {
	double D, E, L, TW;   /* duration, earliest and latest start, warp */
	double dist, drive;   /* distance and driving time inside */
	double service;       /* service time of the stops inside */
	double last_service;  /* service time of the last visit */
	int load;             /* demand inside */
	double reserve;       /* the least food-limit reserve inside */
	int first, last;      /* locations at the two ends; -1: empty */
};

/* A trip as a function of its loading start ls (see above). */
struct trip_sum {
	bool ok;
	int load;
	double lo, hi;     /* ls must lie in [lo, hi] */
	double E, D;       /* returns at max(ls, E) + D; E: no waiting */
	double distance, drive, busy;
	double cost;       /* distance and busy time at the vehicle's rates */
	double food_E, food_D; /* the last stop starts at max(ls, food_E) +
				* food_D */
};

struct route {
	int vehicle;
	int n, alloc, seg_alloc;
	int *jobs;
	struct seg *fwd;   /* fwd[i]: jobs[0..i] */
	struct seg *bwd;   /* bwd[i]: jobs[i..n-1] */
	struct trip_sum sum;
};

struct vehicle_trips {
	int n;
	int trip[VRP_MAX_TRIPS]; /* route indices in the order driven */
};

struct sol {
	const struct vrp_problem *p;
	int nroutes, alloc;
	struct route *routes;
	struct vehicle_trips *veh;  /* per vehicle */
	int *route_of, *pos_of;     /* per job; route_of -1: unassigned */
	int nunassigned;
	double cost;                /* routes, fixed costs and penalties */
	double penalty;             /* of that, the jobs left out */
	long late;                  /* the supply's minutes late; -1: not
				     * asked yet */
	int *kind;                  /* per vehicle: first vehicle of its kind */
	bool *kind_tried;           /* scratch for sol_best_placement */
};

/* The penalty for a job left out, far above any route cost. */
double vrp_unassigned_penalty(const struct vrp_problem *p, int job);

struct seg seg_empty(void);
struct seg seg_job(const struct vrp_problem *p, int job);
struct seg seg_concat(const struct vrp_problem *p, const struct seg *a,
		      const struct seg *b);

/* Vehicle v's food limit in seconds: its own, or the problem's; <= 0:
 * none. */
static inline double vrp_food_limit(const struct vrp_problem *p, int v)
{
	double own = p->vehicles[v].food_limit;
	return own > 0 ? own : p->food_limit;
}

/* The time loading load units takes. */
static inline double vrp_load_time(const struct vrp_problem *p, int load)
{
	return p->load_fixed + p->load_per_unit * load;
}

/* Summarises the trip made of the stops in mid on vehicle v. */
void trip_from_seg(const struct vrp_problem *p, int v, const struct seg *mid,
		   struct trip_sum *out);

/* Whether trips[0..m) can run in that order on vehicle v; with ls not NULL
 * writes their loading starts. */
bool chain_feasible(const struct vrp_problem *p, int v,
		    const struct trip_sum *const *trips, int m, double *ls);

/* Vehicle v's trips in s into chain, their loading starts into ls (each
 * trip's earliest when they do not chain, so ls is always set), and
 * whether they chain. */
bool sol_chain(const struct sol *s, int v, const struct trip_sum **chain,
	       double *ls);

/* Same ends, capacity, shift, costs, trips and releases: interchangeable
 * when empty. */
bool vrp_same_kind(const struct vrp_vehicle *a, const struct vrp_vehicle *b);

void sol_init(struct sol *s, const struct vrp_problem *p);
void sol_release(struct sol *s);
void sol_copy(struct sol *dst, const struct sol *src);
/* Recomputes a route's segments and summary after its jobs changed. */
void route_refresh(struct sol *s, int r);
/* Removes job from its route (deleting the route if it empties). */
void sol_remove(struct sol *s, int job);
/* Recomputes s->cost from the routes. */
void sol_recost(struct sol *s);
/* The supply's minutes late for s (0 without a supply), asked once. */
long sol_late(struct sol *s);
/* Whether a is better than b: fewer jobs left out (by penalty), then the
 * supply less late, then cheaper. Asks the supply when it must. */
bool sol_better(struct sol *a, struct sol *b);
/* Whether every vehicle can run its trips in order; when so, recomputes
 * s->cost. For solutions put together outside the insertion moves. */
bool sol_finish(struct sol *s);

/* Where a job would go, and at what added cost. */
struct placement {
	double delta;
	int route;        /* existing route, or -1 for a new trip */
	int pos;          /* position in the route */
	int vehicle;      /* for a new trip */
	int at;           /* for a new trip: index among the vehicle's trips */
};

/*
 * Finds the cheapest feasible placement of job; blink is the chance of
 * skipping a position (0 for none) and rng the random state it uses.
 * Returns false when there is none.
 */
bool sol_best_placement(const struct sol *s, int job, double blink,
			uint64_t *rng, struct placement *out);
/* As sol_best_placement, in the trips r with only[r] (and new trips);
 * only NULL: in all. sol_best_placement_near: the same, looking only at
 * the vehicles of routes[0 .. m) (which are the trips with only[r]) and
 * at empty ones. */
bool sol_best_placement_near(const struct sol *s, int job, const bool *only,
			     const int *routes, int m, double blink,
			     uint64_t *rng, struct placement *out);
bool sol_best_placement_in(const struct sol *s, int job, const bool *only,
			   double blink, uint64_t *rng,
			   struct placement *out);
void sol_apply(struct sol *s, int job, const struct placement *pl);

/* Whether vehicle v can run its trips with trip k replaced by t (or, k <
 * 0, with t as a new trip at index at). */
bool sol_vehicle_ok_with(const struct sol *s, int v, int k, int at,
			 const struct trip_sum *t);
/* The cheapest feasible placement of job on vehicle v's trips (or as a
 * new trip of v); false when there is none. */
bool sol_best_in_vehicle(const struct sol *s, int job, int v,
			 struct placement *out);
/* Builds s (empty) from start's trips as vrp_keep does (keep.c), with
 * params' seed and cap for the search that places a van's trips. */
void vrp_keep_build(struct sol *s, const struct vrp_start *start,
		    const struct vrp_params *params);
/* The most trips vehicle v may make. */
int vrp_max_trips(const struct vrp_problem *p, int v);
/* 0, or -1 with err (EX_DATAERR) for a malformed problem. */
int vrp_check_problem(const struct vrp_problem *p, struct mr_error *err);
/* Reasons for the jobs left out, the supply's minutes late and the trips
 * of s, into out (a solution whose vehicles run their trips in order). */
void vrp_finish_solution(struct sol *s, struct vrp_solution *out);

/* Regret insertion of every job from an empty solution, in rounds; when
 * cap is reached, no more rounds, and the jobs a round has not placed go
 * each to its cheapest place in turn. */
void vrp_construct(struct sol *s, struct mr_cap *cap);

/* --- large days, granular (near.c) --- */

/* Neighbours kept per job: ruins reach only the nearest trips anyway, and
 * large problems would otherwise hold n * n of them. */
#define VRP_MAX_NEIGHBOURS 256
/* Above this many jobs, placements look only in the trips of a job's
 * VRP_GRANULAR_K nearest jobs (and in new trips) first. */
#define VRP_GRANULAR_JOBS 200
#define VRP_GRANULAR_K 40

/* Each job's nearest jobs, nearest first, *nadj of them; free with
 * vrp_neighbours_free(adj, njobs). */
int **vrp_neighbours(const struct vrp_problem *p, int *nadj);
void vrp_neighbours_free(int **adj, int n);
/* As sol_best_placement_in, in the trips holding one of job's first k
 * neighbours (and new trips); anywhere, when none of those takes it and
 * anywhere is true. mask is scratch of njobs + 2 falses, left so. */
bool sol_place_near(const struct sol *s, int job, int *const *adj, int k,
		    bool *mask, bool anywhere, double blink, uint64_t *rng,
		    struct placement *out);
/* Each job in turn, earliest closing window first, at its cheapest near
 * place: the construction of large days, where regret insertion's work
 * grows with the square of the day (quick enough that the cap need not
 * cut it). */
void vrp_construct_near(struct sol *s, int *const *adj, int nadj);

/* A small deterministic random generator (splitmix64 / xorshift). */
uint64_t rng_next(uint64_t *state);
double rng_unit(uint64_t *state);      /* [0, 1) */
int rng_below(uint64_t *state, int n); /* [0, n) */

/* --- the search (search.c) --- */

struct pool;

/*
 * Ruin and recreate with simulated annealing from s until the iteration
 * budget, or the cap; s becomes the best solution found. Routes seen
 * are added to pool (may be NULL). Returns true when it stopped behind
 * (params->behind_stop), its answer not worth recombining.
 */
bool vrp_search(struct sol *s, const struct vrp_params *params,
		int *const *adj, int nadj, struct pool *pool,
		long *iterations);

/* --- the route pool and set partitioning (pool.c) --- */

struct pool *pool_new(const struct vrp_problem *p);
void pool_free(struct pool *pool);
/* Adds every vehicle's trips of s as one column. */
void pool_add(struct pool *pool, const struct sol *s);
int pool_size(const struct pool *pool);
/*
 * Picks the cheapest combination of pool columns covering every job that
 * s covers, with GLPK, starting from s, within nodes (and the cap).
 * Replaces s when the answer is better (sol_better). Returns 0, or -1
 * with err.
 */
int pool_recombine(struct pool *pool, struct sol *s, long nodes,
		   struct mr_cap *cap, struct mr_error *err);

/* --- the exact model for small problems (exact.c) --- */

/*
 * Solves the problem as one MIP in GLPK within nodes (and the cap),
 * starting from s, for the jobs s assigns. Replaces s with a better
 * answer (sol_better), and writes the best bound and whether optimality
 * was proved. 0, or -1 with err.
 */
int vrp_exact(struct sol *s, long nodes, struct mr_cap *cap, double *bound,
	      bool *proved, struct mr_error *err);


/* How vrp_mip_solve solves a model of pool.c or exact.c. */
struct vrp_mip {
	const double *start;   /* a first incumbent, by GLPK's column
				* numbers (from 1), or NULL */
	long nodes;            /* the most nodes the search may take */
	bool clique_cuts;      /* GLPK's clique cuts (set partitioning) */
	bool most_fractional;  /* branch on the most fractional column */
	double mip_gap;        /* relative gap to stop at; 0: GLPK's */
	/* out */
	bool searched;         /* the relaxation was optimal and the
				* branch-and-bound ran */
	double bound;          /* the best bound of the open nodes, or
				* -VRP_BIG when none was seen */
};

/*
 * Solves lp (a glp_prob) within cap: its relaxation, then, when that is
 * optimal, branch-and-bound from m's start within m's nodes. When the cap
 * stops either, names phase as cut. Returns the answer of the last GLPK
 * call; glp_mip_status tells what was found.
 */
struct glp_prob;
int vrp_mip_solve(struct glp_prob *lp, struct vrp_mip *m, struct mr_cap *cap,
		  const char *phase);

#endif
