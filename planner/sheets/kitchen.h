/*
 * The kitchen's sheets as sections of a sheet (sheet.h), which the planner
 * writes as kitchen.html and kitchen.pdf: the production schedule (a
 * timeline per unit and a table of batches), the ingredient pull list by
 * storage, the packing list of each trip in loading order, box labels in
 * label-sized cells, and the sample-retention log.
 */
#ifndef MEALRUN_PLANNER_SHEETS_KITCHEN_H
#define MEALRUN_PLANNER_SHEETS_KITCHEN_H

#include <stdbool.h>

#include "data/service.h"
#include "kitchen/demand.h"
#include "kitchen/schedule.h"
#include "planner/sheets/labels.h"
#include "planner/sheets/sheet.h"

/* A trip's food as the plan worked it out, once, from the batches; times
 * are -1 when no batch feeds the trip. */
struct kitchen_trip_food {
	double cooked_from;         /* its first batch ends */
	double food_ready;          /* its last batch ends */
	double serve_by;            /* cooked_from + its food limit */
	int late_min;               /* minutes its loading waits */
};

/*
 * Adds the kitchen's sections to s in lang. trips are the trips the
 * schedule was made for, food their food times; ks may have no batches
 * (planned false: the kitchen was not planned). Late trips are marked in
 * the schedule, with why when ks knows it.
 */
void kitchen_sheet(struct sheet *s, enum lang lang, const struct service *sv,
		   const struct kitchen_demand *demand,
		   const struct kitchen_schedule *ks, bool planned,
		   const struct kitchen_trip *trips,
		   const struct kitchen_trip_food *food, int ntrips);

/* Adds a timeline of ks's batches, one lane per unit, to s. */
void kitchen_timeline(struct sheet *s, enum lang lang,
		      const struct service *sv,
		      const struct kitchen_schedule *ks);

/* "Trip 03: ready 10:40, loading 10:13, loading waits 27 min" in lang,
 * into out. */
void kitchen_late_line(enum lang lang, const struct kitchen_trip *trip,
		       const struct kitchen_trip_food *food,
		       struct strbuf *out);

/* The banner of late food, when some trip's food is late: a line per
 * late trip, and why, as ks knows it. */
void kitchen_late_banner(struct sheet *s, enum lang lang,
			 const struct service *sv,
			 const struct kitchen_schedule *ks,
			 const struct kitchen_trip *trips,
			 const struct kitchen_trip_food *food, int ntrips);

/* Why food is late, as kitchen_schedule_explain found it, in lang: a
 * line each into out. */
void kitchen_shortfall_words(enum lang lang, const struct service *sv,
			     const struct kitchen_trip *trips,
			     const struct kitchen_schedule *ks,
			     struct strbuf *out);

#endif
