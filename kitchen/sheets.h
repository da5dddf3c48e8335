/*
 * The kitchen's sheets as sections of a util/sheet, which the planner
 * writes as kitchen.html and kitchen.pdf: the production schedule (a
 * timeline per unit and a table of batches), the ingredient pull list by
 * storage, the packing list of each trip in loading order, box labels in
 * label-sized cells, and the sample-retention log.
 */
#ifndef MEALRUN_KITCHEN_SHEETS_H
#define MEALRUN_KITCHEN_SHEETS_H

#include <stdbool.h>

#include "data/service.h"
#include "kitchen/demand.h"
#include "kitchen/schedule.h"
#include "util/labels.h"
#include "util/sheet.h"

/*
 * Adds the kitchen's sections to s in lang. trips are the trips the
 * schedule was made for; ks may have no batches, and when on_time is
 * false the schedule part says the kitchen is late instead.
 */
void kitchen_sheet(struct sheet *s, enum lang lang, const struct service *sv,
		   const struct kitchen_demand *demand,
		   const struct kitchen_schedule *ks, bool on_time,
		   const struct kitchen_trip *trips, int ntrips);

/* Adds a timeline of ks's batches, one lane per unit, to s. */
void kitchen_timeline(struct sheet *s, enum lang lang,
		      const struct service *sv,
		      const struct kitchen_schedule *ks);

/* When the food of trip (an index) leaves the pot: the earliest end of
 * the batches feeding it, or 1e18 when none does. */
double kitchen_cooked_at(const struct kitchen_schedule *ks, int trip);

#endif
