/*
 * The kitchen's sheets, as one printable HTML page per part: the
 * production schedule (a timeline per unit and a table), the ingredient
 * pull list by storage, the packing list of each trip in loading order,
 * box labels, and the sample-retention log.
 */
#ifndef MEALRUN_KITCHEN_SHEETS_H
#define MEALRUN_KITCHEN_SHEETS_H

#include "data/service.h"
#include "kitchen/demand.h"
#include "kitchen/schedule.h"
#include "util/error.h"

/*
 * Writes kitchen.html to path. trips are the trips the schedule was made
 * for; ks may have no batches (then the schedule part says why).
 * 0, or -1 with err.
 */
int kitchen_write_html(const char *path, const struct service *sv,
		       const struct kitchen_demand *demand,
		       const struct kitchen_schedule *ks, bool on_time,
		       const struct kitchen_trip *trips, int ntrips,
		       struct mr_error *err);

#endif
