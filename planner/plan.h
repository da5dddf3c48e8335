/*
 * Planning one meal service: from the service loaded out of the store to
 * trips with timed stops and the list of what could not be delivered, each
 * with its reason. Owns the day's model of trips and stops, which every
 * output (plan.json, GPX, dispatch sheet, the saved plan) is written from.
 */
#ifndef MEALRUN_PLANNER_PLAN_H
#define MEALRUN_PLANNER_PLAN_H

#include "data/plans.h"
#include "data/service.h"
#include "data/store.h"
#include "geo/roads.h"
#include "kitchen/demand.h"
#include "kitchen/schedule.h"
#include "planner/vrp/vrp.h"
#include "util/error.h"
#include "util/strbuf.h"

/* A vehicle may go out at most this many times in one service. */
#define PLAN_MAX_TRIPS 8

struct plan_options {
	const char *roads;           /* provider spec: "straight" */
	struct roads_options road;   /* detour and speed for straight */
	double time_limit_s;         /* the safety cap on the whole plan */
	long iterations;             /* search budget; 0: by the day's size */
	bool no_kitchen;             /* plan the routes alone */
	struct store *cache;         /* keeps travel matrices; may be NULL */
	/* Called about once a second during a long solve; may be NULL. */
	void (*progress)(void *ctx, const struct vrp_progress *pr);
	unsigned seed;
	/* --keep: the saved plan to start from (borrowed), or NULL */
	const struct saved_plan *keep;
	/* --without: ids of vehicles out of service today */
	const char *const *without;
	int nwithout;
};

struct plan_stop {
	int meal_point;              /* index into service.meal_points */
	double arrive, start, leave; /* s after midnight */
};

struct plan_trip {
	int id;                      /* 1.. in order of loading; with --keep,
				      * the number of the earlier trip it
				      * continues (keep_numbers in plan.c) */
	int kept_from;               /* with --keep: that earlier trip (index in
				      * opt.keep->trips), or -1 */
	int vehicle;                 /* index into service.vehicles */
	int trip_no;                 /* the vehicle's 1st, 2nd, ... trip */
	int boxes;
	int *diet_boxes;             /* boxes per diet (service.ndiets) */
	double load_start, depart, ret;
	double distance_m, drive_s;
	int nstops;
	struct plan_stop *stops;
	int *stop_ids;               /* meal points in order, for the kitchen */
	/* The trip's food, worked out once from the batches (plan_food)
	 * for every output; times are -1 without batches. */
	bool heated;                 /* a van that keeps food hot */
	double food_limit_s;         /* its food limit */
	double cooked_from;          /* the first of its batches ends */
	double food_ready;           /* the last of its batches ends */
	double serve_by;             /* cooked_from + food_limit_s */
	int late_min;                /* minutes its loading waits, 0: none */
};

struct plan_unassigned {
	int meal_point;
	const char *code;            /* "window", "fleet_exhausted", ... */
	char reason[256];            /* for people */
};

struct day_plan {
	const struct service *sv;    /* borrowed; outlives the plan */
	struct plan_options opt;
	char roads_name[32];
	char roads_describe[128];
	int ntrips;
	struct plan_trip *trips;
	int nunassigned;
	struct plan_unassigned *unassigned;
	int boxes_ordered, boxes_assigned;
	int *diet_boxes;             /* assigned boxes per diet */
	int vehicles_used;
	double cost, distance_m, drive_s;
	double elapsed_s;
	double matrix_s, kitchen_s; /* of that, the travel times and the
				     * kitchen's schedules */
	/* How the routes were found (see vrp_solution). */
	const char *method;
	long iterations;
	int pool_routes;
	double bound;                /* lower bound on cost, or -1 */
	bool proved_optimal;
	struct kitchen_demand demand; /* portions per dish, per trip */
	struct kitchen_schedule kitchen; /* batches; ready[] by trip index */
	bool kitchen_planned;        /* false with --no-kitchen */
	bool kitchen_on_time;        /* every trip's food ready by loading */
	int late_trips;              /* trips whose loading waits for food */
	long late_min;               /* their minutes, added up */
	long search_late_min;        /* the same as the router's search saw
				      * it, by the kitchen's pace */
	int rounds;                  /* of routing (agree.c) */
	/* With --keep, when the day is planned anew: the saved trips the
	 * search starts from (agree.c); NULL otherwise. */
	const struct vrp_start *start;
	bool replanned;              /* --keep could not keep the trips */
	char cut[192];               /* phases the time limit cut, or "" */
	struct roads *roads;         /* the provider, for paths and credit */
	bool matrix_cached;          /* travel came from the cache */
	struct strbuf warnings;      /* one line each, for the operator */
};

/*
 * Plans the service with opt. Returns 0 and *out (free with
 * day_plan_free), or -1 with err (EX_USAGE for bad options).
 */
int day_plan_make(const struct service *sv, const struct plan_options *opt,
		  struct day_plan **out, struct mr_error *err);

void day_plan_free(struct day_plan *plan);

/* The plan's trips as the kitchen takes them, in trip order; the caller
 * frees the array (its stop lists belong to the plan). */
struct kitchen_trip *plan_kitchen_trips(const struct day_plan *plan);

/*
 * Plans the routes and the kitchen together (agree.c): the routing
 * search knows the kitchen's pace, then the kept routes' batches are
 * scheduled, each trip's food times worked out, and, when food is late,
 * why. p is the routing problem of the plan's service, mp_of_job the
 * meal point of each job. 0, or -1 with err.
 */
int plan_agree(struct day_plan *plan, const struct vrp_problem *p,
	       const int *mp_of_job, struct mr_cap *cap,
	       struct mr_error *err);

/*
 * Plans the day again from the saved plan opt.keep (agree.c): its trips
 * kept as far as they still fit, in their order, the rest where each
 * costs least (vrp_keep), then the kitchen scheduled for them and each
 * trip's food times worked out. 0, or -1 with err.
 */
int plan_keep(struct day_plan *plan, const struct vrp_problem *p,
	      const int *mp_of_job, struct mr_cap *cap, struct mr_error *err);

/* Clears the plan's trips, their kitchen, and the unassigned entries
 * after the first kept (those set aside before routing). */
void plan_forget_routes(struct day_plan *plan, int kept);

/* Takes a routing answer into the plan as trips, with the reasons for
 * what it left out, and the kitchen's demand for them (plan.c). */
void plan_take_routes(struct day_plan *plan, const struct vrp_problem *p,
		      const struct vrp_solution *sol, const int *mp_of_job);

#endif
