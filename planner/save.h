/*
 * Saving a day's plan in the store of record, with the options it was made
 * with and its plan.json text.
 */
#ifndef MEALRUN_PLANNER_SAVE_H
#define MEALRUN_PLANNER_SAVE_H

#include <stdint.h>

#include "data/store.h"
#include "planner/plan.h"

/* Saves plan (and plan_json, its text); 0 and *plan_id, or -1 with err. */
int plan_save(struct store *st, const struct day_plan *plan,
	      const char *plan_json, int64_t *plan_id, struct mr_error *err);

#endif
