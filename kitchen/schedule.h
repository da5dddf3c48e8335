/*
 * The batch cooking schedule: which batch of which dish cooks on which
 * unit of which equipment, from when to when, for which trips. Each batch
 * must end before the trips it feeds start loading and no earlier than
 * their last delivery minus the food limit; no unit holds two batches at
 * once, and, when the kitchen sets a limit, no more cooks are busy at once
 * than it has. A time-indexed GLPK model (5-minute slots, identical units
 * pooled) decides how many batches of each dish start in each slot and
 * which trips they feed (on larger days, a model of the batches alone, the
 * portions shared out after); a list schedule starts it, and is the answer
 * when the model has no answer in time.
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
	const char *model;          /* with "mip": "flow" or "window" */
	double gap;                 /* MIP gap; -1 with the list schedule */
	bool proved;                /* the MIP proved its answer optimal */
	double elapsed_s;
	struct strbuf problems;     /* dishes that cannot be cooked, and
				     * (kitchen_schedule_explain) why trips
				     * cannot be on time, a line each */
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

/*
 * When some trips' food is late in ks, adds to its problems, within about
 * time_limit_s, each equipment (or the cooks at it) that cannot cook for
 * them in time in any order, with the first trips, in loading order, it
 * cannot cook for, or a trip whose window holds no slot for a batch;
 * nothing where that cannot be shown.
 */
void kitchen_schedule_explain(const struct service *sv,
			      const struct kitchen_demand *demand,
			      const struct kitchen_trip *trips, int ntrips,
			      double time_limit_s, struct kitchen_schedule *ks);

/*
 * The time, in seconds, from the earliest to the latest a batch may end
 * that the kitchen needs to cook all one trip takes, for the trip that
 * needs most: on each equipment, its dishes in rounds of as many batches
 * as it has units, and a slot to spare; 0 when one round of each will do.
 * A trip that uses more of the food limit on the road than the limit less
 * this cannot be on time.
 */
double kitchen_trip_span(const struct service *sv,
			 const struct kitchen_demand *d, int ntrips);

/* The diets whose boxes contain dish, joined with '+': "regular+low_salt". */
void kitchen_dish_diets(const struct service *sv, int dish, struct strbuf *out);

#endif
