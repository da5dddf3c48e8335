/*
 * The batch cooking schedule: which batch of which dish cooks on which
 * unit of which equipment, from when to when, for which trips. Each batch
 * must end before the trips it feeds start loading and no earlier than
 * their last delivery minus the food limit; no unit holds two batches at
 * once, and, when the kitchen sets a limit, no more cooks are busy at once
 * than it has. A time-indexed GLPK model (5-minute slots, identical units
 * pooled) decides how many batches of each dish start in each slot and
 * which trips they feed; a list schedule starts it, and is the answer when
 * the model is too large or its time runs out.
 */
#ifndef MEALRUN_KITCHEN_SCHEDULE_H
#define MEALRUN_KITCHEN_SCHEDULE_H

#include <stdbool.h>

#include "data/service.h"
#include "kitchen/demand.h"
#include "util/strbuf.h"

#define KITCHEN_SLOT_S 300

struct batch_feed {
	int trip;                   /* index into the trips given */
	int portions;
};

struct batch {
	int dish;                   /* service.dishes */
	int equipment;              /* service.equipment */
	int unit;                   /* 1 .. units */
	double start, end;          /* cooking, s after midnight */
	double lo, hi;              /* end allowed from lo (food limit) to
				     * hi (the first trip loads) */
	int portions;
	int nfeeds;
	struct batch_feed *feeds;
};

struct kitchen_schedule {
	int nbatches;
	struct batch *batches;
	double *ready;              /* per trip: last batch end, or -1 */
	const char *method;         /* "mip" or "list" */
	double gap;                 /* MIP gap; -1 with the list schedule */
	bool proved;                /* the MIP proved its answer optimal */
	double elapsed_s;
	struct strbuf problems;     /* dishes that cannot be cooked, a line
				     * each */
};

/*
 * Schedules the batches for the trips' demand within time_limit_s.
 * Never fails for data reasons: a dish without equipment is listed in
 * problems and its trips' ready time ignores it. Release with
 * kitchen_schedule_release.
 */
void kitchen_schedule_make(const struct service *sv,
			   const struct kitchen_demand *demand,
			   const struct kitchen_trip *trips, int ntrips,
			   double time_limit_s, struct kitchen_schedule *out);

void kitchen_schedule_release(struct kitchen_schedule *ks);

/* The diets whose boxes contain dish, joined with '+': "regular+low_salt". */
void kitchen_dish_diets(const struct service *sv, int dish, struct strbuf *out);

#endif
