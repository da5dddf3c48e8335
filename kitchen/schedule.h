/*
 * The batch cooking schedule: which batch of which dish cooks on which
 * unit of which equipment, from when to when, for which trips.
 *
 * A dish names a kind of equipment (steamer, kettle, wok ...); every
 * equipment row of that kind can cook it, each with its own units, batch
 * size, batch minutes and cleaning minutes. Each batch must end before the
 * trips it feeds start loading and no earlier than their last delivery
 * minus the trip's food limit (longer in a heated van); no unit holds two
 * batches at once; a unit is cleaned between batches of different dishes
 * (and between batches of one dish where its equipment says so); and,
 * when the kitchen sets a limit, no more cooks are busy at once than it
 * has.
 *
 * A list schedule, quick and always there, starts a time-indexed GLPK
 * model (5-minute slots, the units of a row pooled), which is kept when it
 * answers within its budget and is no later: on small days the flow model,
 * which decides the batches, their times and their portions together; on
 * larger ones the window model, which decides the batches and their
 * times, the portions being shared out after. docs/kitchen-models.md
 * writes both down. Budgets count nodes and pivots, so the same trips give
 * the same schedule on any machine.
 */
#ifndef MEALRUN_KITCHEN_SCHEDULE_H
#define MEALRUN_KITCHEN_SCHEDULE_H

#include <math.h>
#include <stdbool.h>

#include "data/service.h"
#include "kitchen/demand.h"
#include "util/cap.h"
#include "util/strbuf.h"

#define KITCHEN_SLOT_S 300

/* What the models may spend. */
struct kitchen_budget {
	long nodes;          /* branch-and-bound nodes per model; 0: the
			      * list schedule alone */
	long pivots;         /* simplex iterations per model: its first LP,
			      * and again all its branch-and-bound's */
	struct mr_cap *cap;  /* the safety cap, or NULL */
};

/* Enough for a district day's models, about two seconds on it. */
#define KITCHEN_NODES 300
#define KITCHEN_PIVOTS 100000
/* Up to this many trips a day's models get KITCHEN_PIVOTS; above, fewer
 * in proportion, since a pivot's work grows with the model (a 3,000-point
 * day of 460 trips spent 15 s in the kitchen's models). */
#define KITCHEN_TRIPS 100
struct kitchen_budget kitchen_budget_for(int ntrips, struct mr_cap *cap);

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

/* Why trips cannot be on time, as the kitchen can show it. */
enum kitchen_short {
	SHORT_EQUIPMENT,   /* a kind of equipment, in any order */
	SHORT_COOKS,       /* the cooks at a kind of equipment */
	SHORT_NO_SLOT,     /* no batch can end inside a trip's window */
};

struct kitchen_shortfall {
	enum kitchen_short what;
	int equipment;     /* the first row of the kind (service.equipment) */
	int cooks;         /* SHORT_COOKS: the cooks at a time */
	int ntrips;        /* the first ntrips trips in loading order
			    * (SHORT_NO_SLOT: the trips without a slot) */
	int trip;          /* the last of them (SHORT_NO_SLOT: the first) */
};

struct kitchen_schedule {
	int nbatches;
	struct batch *batches;
	double *ready;              /* per trip: last batch end, or -1 */
	const char *method;         /* "mip" or "list" */
	const char *model;          /* with "mip": "flow" or "window" */
	double gap;                 /* MIP gap; -1 with the list schedule */
	bool proved;                /* the MIP proved its answer optimal */
	long nodes;                 /* branch-and-bound nodes spent */
	double elapsed_s;
	int nshort;                 /* kitchen_schedule_explain's findings */
	struct kitchen_shortfall *shorts;
	struct strbuf problems;     /* the same in words, a line each */
};

/*
 * Schedules the batches for the trips' demand within budget (NULL: the
 * list schedule alone). Every portion is in a batch, late if need be; a
 * dish whose kind of equipment the kitchen has none of is listed in
 * problems and left out (service_load refuses such a service). Release
 * with kitchen_schedule_release.
 */
void kitchen_schedule_make(const struct service *sv,
			   const struct kitchen_demand *demand,
			   const struct kitchen_trip *trips, int ntrips,
			   const struct kitchen_budget *budget,
			   struct kitchen_schedule *out);

void kitchen_schedule_release(struct kitchen_schedule *ks);

/*
 * When some trips' food is late in ks, finds, within budget, each kind of
 * equipment (or the cooks at it) that cannot cook for them in time in any
 * order, with the first trips, in loading order, it cannot cook for, or a
 * trip whose window holds no slot for a batch; adds them to ks->shorts
 * and, in words, to ks->problems. Nothing where that cannot be shown.
 */
void kitchen_schedule_explain(const struct service *sv,
			      const struct kitchen_demand *demand,
			      const struct kitchen_trip *trips, int ntrips,
			      const struct kitchen_budget *budget,
			      struct kitchen_schedule *ks);

/* The whole minutes food ready at `ready` keeps a loading that starts at
 * load_start waiting, rounded up, with load_start to the second as the
 * sheets print it; 0 when the food is ready in time or not cooked (-1). */
static inline int kitchen_late_min(double ready, double load_start)
{
	double wait = ready - (double)lround(load_start);
	return wait > 0 ? (int)ceil(wait / 60.0) : 0;
}

/* A shortfall in words, as in problems (no newline). */
void kitchen_shortfall_text(const struct service *sv,
			    const struct kitchen_trip *trips,
			    const struct kitchen_shortfall *s,
			    struct strbuf *out);

/*
 * The kitchen's pace, for a router that changes its trips many times a
 * second: how late the list schedule would have the food of a set of
 * trips, without keeping the schedule. Made once per service; its buffers
 * are kept between calls.
 */
struct kitchen_pace;

struct kitchen_pace *kitchen_pace_new(const struct service *sv);

/* The minutes the trips' food would be late for their loading, added up
 * over the trips (each rounded up), by the list schedule. */
long kitchen_pace_late(struct kitchen_pace *kp,
		       const struct kitchen_trip *trips, int ntrips);

void kitchen_pace_free(struct kitchen_pace *kp);

/*
 * The time, in seconds, from the earliest to the latest a batch may end,
 * that the kitchen needs to cook one of each of the dish lines of demand
 * on their kinds of equipment, for the kind that needs most: its lines in
 * rounds of as many batches as the kind has units, and a slot to spare;
 * 0 when one round of each will do. A trip that carries all of them and
 * leaves the kitchen less of its food limit than this cannot be on time.
 */
double kitchen_trip_span(const struct service *sv,
			 const struct kitchen_demand *demand);

/* The diets whose boxes contain dish, joined with '+': "regular+low_salt". */
void kitchen_dish_diets(const struct service *sv, int dish, struct strbuf *out);

#endif
