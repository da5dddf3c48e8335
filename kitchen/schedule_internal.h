/*
 * What the files of the batch schedule share (schedule.c, list.c, mip.c,
 * flow.c, window.c, reasons.c); not for use outside kitchen/.
 *
 * Time runs in 5-minute slots from the kitchen's opening. A batch started
 * on equipment row e in slot k ends cook_s later and keeps its unit for
 * `cook` slots while it cooks, and for `busy` slots when the unit is then
 * cleaned. The unit is cleaned after a batch unless the next batch on it
 * is of the same dish and starts the moment this one stops cooking (a
 * continuation), which equipment with clean_between_same never allows.
 * Trip t's batches end between lo[t] (its last delivery less its food
 * limit, a hard rule) and hi[t] (its loading, to be on time).
 */
#ifndef MEALRUN_KITCHEN_SCHEDULE_INTERNAL_H
#define MEALRUN_KITCHEN_SCHEDULE_INTERNAL_H

#include "kitchen/schedule.h"

/* An equipment row in slots. */
struct krow {
	int cook;           /* slots a batch cooks */
	int busy;           /* ... and is cleaned after */
	double cook_s;      /* seconds from its start to its end */
	bool saves_clean;   /* a continuation saves the cleaning */
};

struct kctx {
	const struct service *sv;
	const struct kitchen_demand *d;   /* its dishes are the dish lines */
	const struct kitchen_trip *trips;
	int ntrips, nslots;
	double opens;
	struct krow *row;    /* per equipment */
	int nkinds;
	int *kind;           /* per dish line: its kind, or -1 */
	int *kind_first;     /* kind g's rows: krows[kind_first[g] ..
			      * kind_first[g + 1]) */
	int *krows;          /* equipment indices, by kind */
	int *kind_of_row;    /* per equipment: its kind */
	int *row_of_unit;    /* per unit: its equipment */
	int *unit0;          /* per equipment: index of its first unit */
	int nunits;
	int *by_load;        /* trips in loading order */
	double *lo, *hi;     /* per trip */
};

/* Whether a batch of dish line `line` starting in slot k on a unit of row
 * r continues, without cleaning, the unit's last batch, of line `was`,
 * which stops cooking in slot cook_end. */
static inline bool row_follows(const struct krow *r, int was, int cook_end,
			       int line, int k)
{
	return r->saves_clean && was == line && cook_end == k;
}

/* Fills c for the trips (allocating); dishes without equipment are listed
 * in problems, when given. Release with kctx_release. */
void kctx_init(struct kctx *c, const struct service *sv,
	       const struct kitchen_demand *demand,
	       const struct kitchen_trip *trips, int ntrips,
	       struct strbuf *problems);
void kctx_release(struct kctx *c);

/* Per trip: lo, hi and the loading order, into c's arrays; and nslots. */
void kctx_trips(struct kctx *c);

static inline double slot_end(const struct kctx *c, int e, int k)
{
	return c->opens + (double)k * KITCHEN_SLOT_S + c->row[e].cook_s;
}

/* The first start slot on row e whose batch ends no earlier than when,
 * and the last whose batch ends no later. */
int slot_ending_from(const struct kctx *c, int e, double when);
int slot_ending_by(const struct kctx *c, int e, double when);

/* The start slots on row e that feed trip t on time: *a to *b, none when
 * *b < *a (within the horizon). */
void trip_slots(const struct kctx *c, int e, int t, int *a, int *b);

/* The dish line of the demand that dish is, or the number of lines. */
int dish_line(const struct kctx *c, int dish);

/*
 * A schedule being built: batches with their start slots and whether each
 * continues a batch of the same dish on the same unit without cleaning
 * (cont). Units may be set as batches are made (the list schedule) or
 * afterwards (draft_assign_units, for the models' answers).
 */
struct draft {
	struct kitchen_schedule *ks;
	int alloc, salloc;
	int *slot;
	bool *cont;
};

/* Adds an empty batch of dish line i on row e in slot k. */
struct batch *draft_batch(const struct kctx *c, struct draft *dr, int i,
			  int e, int k, bool cont);
/* Feeds portions of batch b to trip t, narrowing its lo and hi. */
void draft_feed(const struct kctx *c, struct batch *b, int t, int portions);
/* Sets start and end from the slots, drops batches without feeds, and
 * fills ks->ready. */
void draft_finish(const struct kctx *c, struct draft *dr);
void draft_release(struct draft *dr);
/* Gives each batch a unit: continuations the unit of the batch they
 * follow, other batches a unit free of cooking and cleaning. False when
 * some batch finds none, which the models' rows rule out. */
bool draft_assign_units(const struct kctx *c, struct draft *dr);

/* The list schedule of c's trips into dr (units assigned); see list.c. */
void list_schedule(const struct kctx *c, struct draft *dr);

/*
 * The models (flow.c, window.c). Each replaces dr's batches with its
 * answer and returns 1, or returns 0 without an answer (dr unchanged), or
 * -1 when it would have more than max_cols columns. start is the list
 * schedule, the models' first answer.
 */
int flow_schedule(const struct kctx *c, const struct draft *start,
		  const struct kitchen_budget *b, long max_cols,
		  struct kitchen_schedule *info, struct draft *dr);
int window_schedule(const struct kctx *c, const struct draft *start,
		    const struct kitchen_budget *b,
		    struct kitchen_schedule *info, struct draft *dr);

/* What the window model's relaxation says of some trips. */
enum relaxed { RELAXED_OK, RELAXED_EMPTY, RELAXED_NO, RELAXED_UNKNOWN };

/*
 * Whether the trips in use (all when NULL) can have their food from the
 * rows of kind g only on time, with at most cooks busy at once (0: no
 * limit), as far as the window model's relaxation can tell within b: when
 * it says no, no schedule can; EMPTY when some trip's window holds no slot.
 */
enum relaxed window_relaxed(const struct kctx *c, const bool *use, int g,
			    int cooks, const struct kitchen_budget *b);

/* Reasons for late trips into ks (reasons.c). */
void late_reasons(const struct kctx *c, const struct kitchen_budget *b,
		  struct kitchen_schedule *ks);

#endif
