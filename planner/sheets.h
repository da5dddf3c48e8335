/*
 * The files a plan is written out as, for the people who use it: GPX route
 * files for drivers and the dispatch sheet for the clerk. plan.json lives in
 * plan_json.h.
 */
#ifndef MEALRUN_PLANNER_SHEETS_H
#define MEALRUN_PLANNER_SHEETS_H

#include <stdbool.h>

#include "planner/plan.h"

/*
 * Writes dir/gpx/route-NN.gpx for each trip (NN its id): a waypoint per
 * stop named "NN short-name", and a route from the kitchen back to it.
 * 0, or -1 with err.
 */
int plan_write_gpx(const struct day_plan *plan, const char *dir,
		   struct mr_error *err);

/*
 * The path of trip t from the kitchen past its stops and back, along the
 * roads when the provider knows paths; otherwise, with straight, the
 * straight legs, and without, nothing (*n = 0). The caller frees *out.
 */
int plan_trip_path(const struct day_plan *plan, const struct plan_trip *t,
		   bool straight, struct geo_point **out, int *n,
		   struct mr_error *err);

/*
 * Writes dir/maps/overview.svg (every trip) and dir/maps/trip-NN.svg (one
 * trip): streets when a road network is used, the paths, numbered stops,
 * the kitchen, a scale bar and the credit. 0, or -1 with err.
 */
int plan_write_maps(const struct day_plan *plan, const char *dir,
		    struct mr_error *err);

/* Writes kitchen.html: schedule, pull list, packing lists, labels and the
 * retention log. 0, or -1 with err. */
int plan_write_kitchen(const struct day_plan *plan, const char *path,
		       struct mr_error *err);

/*
 * Writes the dispatch sheet, one printable A4 page per trip, to path.
 * 0, or -1 with err.
 */
int plan_write_dispatch(const struct day_plan *plan, const char *path,
			struct mr_error *err);

#endif
