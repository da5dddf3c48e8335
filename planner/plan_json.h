/*
 * plan.json, the plan as data for other programs (docs/plan-format.md):
 * format "mealrun-plan/1", the kitchen, routes with timed stops, batches,
 * unassigned orders with reasons, and a summary.
 */
#ifndef MEALRUN_PLANNER_PLAN_JSON_H
#define MEALRUN_PLANNER_PLAN_JSON_H

#include "planner/plan.h"

#define PLAN_FORMAT "mealrun-plan/1"

/* Returns plan.json as text; the caller frees it. */
char *plan_json_text(const struct day_plan *plan);

/* Returns the options the plan was made with as JSON text; caller frees. */
char *plan_options_json_text(const struct day_plan *plan);

/* Returns {"diet code": boxes, ...} for the nonzero entries of boxes;
 * the caller frees it. */
char *plan_diets_json_text(const struct service *sv, const int *boxes);

#endif
