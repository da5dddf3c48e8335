/*
 * Checking a plan.json by itself, without the database it came from: times
 * in order, service inside windows, loads within capacity, boxes per diet
 * adding up, trips of one vehicle not overlapping, the food limit of each
 * trip (longer in a heated van), every portion each route takes fed by a
 * batch, each route's food times as its batches have them, batches on
 * units their equipment has and cleaned between dishes, the cooks, and the
 * summary agreeing with the routes.
 */
#ifndef MEALRUN_PLANNER_CHECK_H
#define MEALRUN_PLANNER_CHECK_H

#include "util/error.h"
#include "util/strbuf.h"

struct check_result {
	int problems;          /* how many */
	struct strbuf report;  /* one line per problem */
	struct strbuf notes;   /* what a plan that passes says of itself:
				* late food, a kitchen not planned */
	int routes, stops, boxes;
};

/*
 * Checks the plan in path. Returns 0 when the file could be read as JSON
 * (problems, if any, are in res), or -1 with err (EX_NOINPUT, EX_DATAERR
 * with line and column for malformed JSON). Release res with
 * check_result_release.
 */
int plan_check_file(const char *path, struct check_result *res,
		    struct mr_error *err);

void check_result_release(struct check_result *res);

#endif
