/*
 * Saving a plan in the store of record. The planner describes the plan in
 * these plain records (times already as local ISO 8601 text), so this
 * module needs nothing from the planner, and the plan's JSON text is kept
 * beside the rows so it can be written out again later.
 */
#ifndef MEALRUN_DATA_PLANS_H
#define MEALRUN_DATA_PLANS_H

#include <stdint.h>

#include "data/store.h"

struct plan_stop_record {
	const char *meal_point_id;
	const char *arrive, *start, *leave;
	int boxes;
	const char *diets_json;      /* {"regular": 12, ...} */
	const char *window_open;     /* the delivery window planned to, */
	const char *window_close;    /* local ISO; NULL without one */
};

struct plan_trip_record {
	int route_id;
	const char *vehicle_id;
	int trip;
	const char *load_start, *depart, *ret;
	int boxes;
	double distance_m, drive_s;
	int food_limit_min;
	const char *cooked_from;     /* NULL without batches */
	const char *food_ready;      /* NULL without batches */
	int late_min;
	int nstops;
	const struct plan_stop_record *stops;
};

struct plan_batch_record {
	int batch_id;
	const char *dish_id, *diet, *equipment_id;
	int unit;
	const char *start, *end;
	int portions;
	const char *feeds_json;      /* [{"route": 1, "portions": 40}] */
};

struct plan_unassigned_record {
	const char *meal_point_id;
	int boxes;
	const char *diets_json;
	const char *reason;
};

struct plan_record {
	const char *date, *meal, *kitchen_id;
	const char *options_json;    /* the options the plan was made with */
	const char *plan_json;       /* the whole plan.json */
	double cost, distance_m;
	int boxes, unassigned_boxes;
	int late_trips;
	int ntrips;
	const struct plan_trip_record *trips;
	int nbatches;
	const struct plan_batch_record *batches;
	int nunassigned;
	const struct plan_unassigned_record *unassigned;
};

/*
 * Saves the plan in one transaction, stamped with the current UTC time.
 * Returns 0 and the new plan's id in *plan_id, or -1 with err.
 */
int store_save_plan(struct store *st, const struct plan_record *plan,
		    int64_t *plan_id, struct mr_error *err);

/* A plan as saved, read back for planning the day again (--keep). */
struct saved_stop {
	char *meal_point_id;
	double arrive;               /* seconds after the date's midnight */
	int boxes;
	char *diets_json;
};

struct saved_trip {
	int route_id;
	char *vehicle_id;
	int trip;                    /* the vehicle's 1st, 2nd, ... */
	double depart;
	int nstops;
	struct saved_stop *stops;
};

struct saved_plan {
	int64_t id;
	int ntrips;
	struct saved_trip *trips;    /* by vehicle, then trip */
};

/*
 * Reads the latest saved plan of the service (date, meal, kitchen) into
 * out: 1 when there is one, 0 when none, -1 with err. Release with
 * saved_plan_release, also after 0 or -1.
 */
int store_last_plan(struct store *st, const char *date, const char *meal,
		    const char *kitchen_id, struct saved_plan *out,
		    struct mr_error *err);
void saved_plan_release(struct saved_plan *sp);

#endif
