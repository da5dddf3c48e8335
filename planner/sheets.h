/*
 * The files a plan is written out as, for the people who use it: GPX route
 * files for drivers and the dispatch sheet for the clerk. plan.json lives in
 * plan_json.h.
 */
#ifndef MEALRUN_PLANNER_SHEETS_H
#define MEALRUN_PLANNER_SHEETS_H

#include "planner/plan.h"

/*
 * Writes dir/gpx/route-NN.gpx for each trip (NN its id): a waypoint per
 * stop named "NN short-name", and a route from the kitchen back to it.
 * 0, or -1 with err.
 */
int plan_write_gpx(const struct day_plan *plan, const char *dir,
		   struct mr_error *err);

/*
 * Writes the dispatch sheet, one printable A4 page per trip, to path.
 * 0, or -1 with err.
 */
int plan_write_dispatch(const struct day_plan *plan, const char *path,
			struct mr_error *err);

#endif
