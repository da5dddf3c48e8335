/*
 * Planning one meal service: from the service loaded out of the store to
 * trips with timed stops and the list of what could not be delivered, each
 * with its reason. Owns the day's model of trips and stops, which every
 * output (plan.json, GPX, dispatch sheet, the saved plan) is written from.
 */
#ifndef MEALRUN_PLANNER_PLAN_H
#define MEALRUN_PLANNER_PLAN_H

#include "data/service.h"
#include "data/store.h"
#include "geo/roads.h"
#include "kitchen/demand.h"
#include "kitchen/schedule.h"
#include "planner/vrp.h"
#include "util/error.h"
#include "util/strbuf.h"

struct plan_options {
	const char *roads;           /* provider spec: "straight" */
	struct roads_options road;   /* detour and speed for straight */
	double time_limit_s;         /* wall clock for routing */
	long iterations;             /* search budget; 0: from the limit */
	struct store *cache;         /* keeps travel matrices; may be NULL */
	/* Called about once a second during a long solve; may be NULL. */
	void (*progress)(void *ctx, const struct vrp_progress *pr);
	unsigned seed;
};

struct plan_stop {
	int meal_point;              /* index into service.meal_points */
	double arrive, start, leave; /* s after midnight */
};

struct plan_trip {
	int id;                      /* 1.. in order of loading */
	int vehicle;                 /* index into service.vehicles */
	int trip_no;                 /* the vehicle's 1st, 2nd, ... trip */
	int boxes;
	int *diet_boxes;             /* boxes per diet (service.ndiets) */
	double load_start, depart, ret;
	double distance_m, drive_s;
	int nstops;
	struct plan_stop *stops;
	int *stop_ids;               /* meal points in order, for the kitchen */
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
	/* How the routes were found (see vrp_solution). */
	const char *method;
	long iterations;
	int pool_routes;
	double bound;                /* lower bound on cost, or -1 */
	bool proved_optimal;
	struct kitchen_demand demand; /* portions per dish, per trip */
	struct kitchen_schedule kitchen; /* batches; ready[] by trip index */
	bool kitchen_on_time;        /* every trip's food ready by loading */
	int rounds;                  /* of routing and kitchen together */
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

#endif
