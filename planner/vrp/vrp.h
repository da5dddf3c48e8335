/*
 * The routing model: deliveries with time windows to be carried from one
 * depot (the kitchen) by a fleet whose vehicles may make several trips,
 * loading before each one, with a food-safety limit from the start of a
 * trip's loading to each delivery. It knows nothing of meal points or
 * diets: the planner maps a service onto it, and a Solomon or VROOM
 * instance maps onto it as well.
 *
 * Times and durations are in one unit (seconds for a service), distances in
 * another (metres); costs combine them with per-vehicle rates.
 */
#ifndef MEALRUN_PLANNER_VRP_VRP_H
#define MEALRUN_PLANNER_VRP_VRP_H

#include <stdbool.h>

#include "util/cap.h"
#include "util/error.h"

struct vrp_job {
	int loc;              /* index into the matrices */
	int demand;           /* boxes */
	double open, close;   /* service must start inside */
	double service;       /* duration at the stop */
	double reserve;       /* of its trip's food limit, kept back for the
			       * supply; a trip keeps back the least of its
			       * jobs' (so a job that needs the whole limit
			       * alone sets 0) */
};

struct vrp_vehicle {
	int start_loc;        /* where each trip loads and begins */
	int end_loc;          /* where each trip ends, unless open_end */
	bool open_end;        /* a trip ends at its last stop */
	int capacity;
	double shift_start, shift_end; /* first loading .. last return */
	double cost_distance;          /* per distance unit */
	double cost_time;              /* per time unit loading, driving
					* and serving (not waiting) */
	double cost_fixed;             /* once if used at all */
	int max_trips;
	double food_limit;    /* this vehicle's, or <= 0: the problem's */
	/* Earliest loading start of the vehicle's 1st, 2nd, ... trip, when
	 * the kitchen says when their food is ready; NULL for none. */
	const double *trip_release;
	int ntrip_release;
};

/* A trip as the depot's supply sees it. */
struct vrp_trip_view {
	int vehicle, trip_no;
	const int *jobs;           /* in visiting order */
	int njobs;
	double load_start;
	double last_start;         /* service start at the last job */
	double food_limit;         /* the vehicle's */
};

/*
 * What the depot can have ready, and when: given every trip of a
 * solution, the minutes by which what they carry would be late for their
 * loading (0: on time). A solution the supply is late for is worse than
 * any it is on time for with as many jobs assigned; the search asks it
 * for the solutions it might keep.
 */
struct vrp_supply {
	long (*late)(void *ctx, const struct vrp_trip_view *trips, int ntrips);
	void *ctx;
};

struct vrp_problem {
	int njobs;
	const struct vrp_job *jobs;
	int nvehicles;
	const struct vrp_vehicle *vehicles;
	int nlocs;
	int depot;                 /* the kitchen: where reasons are measured
				    * from; vehicles name their own ends */
	/* nlocs x nlocs, row-major, in single precision (see geo_matrix) */
	const float *duration;
	const float *distance;
	double load_fixed;         /* loading time before each trip ... */
	double load_per_unit;      /* ... plus this per unit of demand */
	double food_limit;         /* max start - trip loading start; <= 0: none */
	double release;            /* no loading before this time */
	const struct vrp_supply *supply; /* NULL: ready whenever loaded */
};

/* Why a job is left out. */
enum vrp_reason {
	VRP_ASSIGNED = 0,
	VRP_TOO_LARGE,       /* demand above every vehicle's capacity */
	VRP_WINDOW,          /* window cannot be met even alone */
	VRP_FOOD_LIMIT,      /* food limit cannot be met even alone */
	VRP_SHIFT,           /* no vehicle's shift allows it even alone */
	VRP_FLEET,           /* feasible alone, but no room left in the fleet */
	VRP_NO_VEHICLES,     /* there is no vehicle at all */
};

/* One trip of one vehicle, with its schedule. */
struct vrp_trip {
	int vehicle;
	int trip_no;           /* 1 for the vehicle's first trip */
	int njobs;
	int *jobs;             /* in visiting order */
	int load;
	double load_start, depart, ret;
	double *arrive, *start, *leave; /* per job in order */
	double distance, drive;
};

struct vrp_solution {
	int ntrips;
	struct vrp_trip *trips;   /* by vehicle, then trip number */
	int nunassigned;
	int *unassigned;          /* job indices */
	enum vrp_reason *reason;  /* per job: VRP_ASSIGNED or why not */
	double cost;
	double distance;
	int vehicles_used;
	long late;                /* minutes the supply is late, 0 without */
	/* How it was found. */
	const char *method;       /* "regret", "sisr", "sisr+sp", "mip" */
	long iterations;          /* ruin-and-recreate iterations run */
	int pool_routes;          /* columns offered to set partitioning */
	double bound;             /* lower bound on cost, or -1 if none */
	bool proved_optimal;
};

/* Reported during a long solve. */
struct vrp_progress {
	double elapsed_s;
	double best_cost;
	int vehicles;
	int unassigned;
	long iterations;
	const char *phase;        /* "search", "recombine", "mip" */
};

/*
 * What a solve may spend. The budgets count work, so the same problem,
 * seed and budgets give the same answer on any machine; the cap is a
 * safety net, and records in cap->cut the phases it stopped.
 */
struct vrp_start;                /* below */

struct vrp_params {
	unsigned seed;
	long iterations;       /* of the search; 0: vrp_default_iterations */
	long nodes;            /* GLPK branch-and-bound nodes per model;
				* 0: vrp_default_nodes */
	struct mr_cap *cap;    /* the safety cap, or NULL */
	long late_stop;        /* with a supply: the search stops after this
				* many iterations when its best solution is
				* still late and leaves nothing out (0:
				* never), for a caller that has a better way
				* to try */
	long behind_stop;      /* the search stops after this many iterations
				* when its best solution leaves out more
				* demand than behind_out (0: never), for a
				* caller that holds a better answer already */
	int behind_out;
	int exact_max_jobs;    /* full MIP up to this many jobs; 0: never */
	/* Trips to build the first answer from, as vrp_keep builds it,
	 * instead of by insertion; or NULL. */
	const struct vrp_start *start;
	/* Per job: kept where it is (or left out), its trip taking no other
	 * job (the trips that need not change when a vehicle is out); or
	 * NULL. Only the search heeds it: for vrp_keep, not vrp_solve. */
	const bool *frozen;
	void (*progress)(void *ctx, const struct vrp_progress *pr);
	void *progress_ctx;
};

/* Jobs up to which a full MIP is tried by default. */
#define VRP_EXACT_MAX_JOBS 20
/* Nodes per GLPK model, by default, up to VRP_NODES_JOBS jobs; above,
 * fewer with the square of the jobs, since each node's LP grows with the
 * jobs and with the routes of the pool (the recombination of a 1,000-job
 * day spent 12 s in 300 nodes, and rarely improves on the search
 * there); at least 5. */
#define VRP_NODES 300
#define VRP_NODES_JOBS 200
long vrp_default_nodes(const struct vrp_problem *p);

/* The search's iterations when none are given: about ten seconds' worth
 * for a hundred jobs on the machine the engine was tuned on, fewer for
 * more jobs, whose iterations take longer. */
long vrp_default_iterations(const struct vrp_problem *p);

/*
 * Solves the problem: every job is on a trip or has a reason in
 * sol->reason. Regret insertion builds a first answer; ruin and recreate
 * (SISR) under simulated annealing improves it and fills a pool of routes;
 * a set-partitioning model over the pool, solved by GLPK, recombines them;
 * and up to params->exact_max_jobs jobs a full MIP proves optimality or
 * bounds the gap. With a supply, the search keeps, of two solutions with
 * as many jobs assigned, the one the supply is less late for. The same
 * problem, seed and budgets give the same answer; the cap, when it is
 * reached first, stops a phase early and says so in its cut list.
 * Returns 0 and fills sol (release with vrp_solution_release), or -1 with
 * err for a malformed problem (EX_DATAERR).
 */
int vrp_solve(const struct vrp_problem *p, const struct vrp_params *params,
	      struct vrp_solution *sol, struct mr_error *err);

/*
 * Trips to start from (vrp_keep): trip t runs vehicle[t] with the jobs
 * jobs[first[t] .. first[t + 1]) in that order; a vehicle's trips come in
 * the order driven.
 */
struct vrp_start {
	int ntrips;
	const int *vehicle;   /* -1, or a vehicle without trips: none today */
	const int *first;     /* ntrips + 1 */
	const int *jobs;      /* -1: a job no longer there */
	const int *demand;    /* per stop, what it carried then; or NULL */
};

/*
 * Solves the problem as close to start as its rules allow, for a day
 * planned again after a change: each trip of a vehicle that runs keeps
 * its jobs in their order as far as they still fit, but for the jobs
 * that grew; each trip of a vehicle that does not run goes whole to the
 * vehicle where it fits and costs least, or in parts; when its jobs do
 * not fit so, the search places them with every other job frozen, then
 * with one, two or three kept trips freed (keep.c); the jobs that grew
 * go back on their vehicle where they fit; and every other job goes
 * where it costs least, the largest first. A trip that need not change does not.
 * params: its seed and cap (NULL: seed 1, no cap). Returns and fills sol
 * as vrp_solve does.
 */
int vrp_keep(const struct vrp_problem *p, const struct vrp_params *params,
	     const struct vrp_start *start, struct vrp_solution *sol,
	     struct mr_error *err);

void vrp_solution_release(struct vrp_solution *sol);

/* A short English phrase for a reason: "fleet exhausted". */
const char *vrp_reason_code(enum vrp_reason r);

#endif
