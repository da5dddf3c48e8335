/*
 * Turning a day plan into the store's plan records (see save.h).
 */
#include "planner/save.h"

#include <math.h>
#include <stdlib.h>

#include "data/plans.h"
#include "planner/plan_json.h"
#include "util/strbuf.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

/* Owns the ISO and JSON strings the records point to. */
struct strings {
	char **s;
	int n, alloc;
};

static const char *keep(struct strings *ss, char *s)
{
	ALLOC_GROW(ss->s, ss->n + 1, ss->alloc);
	ss->s[ss->n++] = s;
	return s;
}

static const char *iso(struct strings *ss, const struct service *sv,
		       double seconds)
{
	char *buf = xmalloc(32);
	iso_format(sv->date, seconds, buf);
	return keep(ss, buf);
}

int plan_save(struct store *st, const struct day_plan *plan,
	      const char *plan_json, int64_t *plan_id, struct mr_error *err)
{
	const struct service *sv = plan->sv;
	struct strings ss = { 0 };
	struct plan_trip_record *trips =
		xcalloc((size_t)plan->ntrips + 1, sizeof(*trips));
	struct plan_stop_record **stop_lists =
		xcalloc((size_t)plan->ntrips + 1, sizeof(*stop_lists));
	struct plan_unassigned_record *un =
		xcalloc((size_t)plan->nunassigned + 1, sizeof(*un));
	for (int i = 0; i < plan->ntrips; i++) {
		const struct plan_trip *t = &plan->trips[i];
		struct plan_stop_record *stops = stop_lists[i] =
			xcalloc((size_t)t->nstops + 1, sizeof(*stops));
		for (int k = 0; k < t->nstops; k++) {
			const struct plan_stop *s = &t->stops[k];
			const struct meal_point *m =
				&sv->meal_points[s->meal_point];
			stops[k] = (struct plan_stop_record){
				.meal_point_id = m->id,
				.arrive = iso(&ss, sv, s->arrive),
				.start = iso(&ss, sv, s->start),
				.leave = iso(&ss, sv, s->leave),
				.boxes = m->total,
				.diets_json = keep(&ss, plan_diets_json_text(
					sv, m->boxes)),
				.window_open = m->has_window
					? iso(&ss, sv, m->open) : NULL,
				.window_close = m->has_window
					? iso(&ss, sv, m->close) : NULL,
			};
		}
		trips[i] = (struct plan_trip_record){
			.route_id = t->id,
			.vehicle_id = sv->vehicles[t->vehicle].id,
			.trip = t->trip_no,
			.load_start = iso(&ss, sv, t->load_start),
			.depart = iso(&ss, sv, t->depart),
			.ret = iso(&ss, sv, t->ret),
			.boxes = t->boxes,
			.distance_m = t->distance_m,
			.drive_s = t->drive_s,
			.food_limit_min = (int)lround(t->food_limit_s / 60.0),
			.cooked_from = t->cooked_from < 0 ? NULL
				: iso(&ss, sv, t->cooked_from),
			.food_ready = t->food_ready < 0 ? NULL
				: iso(&ss, sv, t->food_ready),
			.late_min = t->late_min,
			.nstops = t->nstops,
			.stops = stops,
		};
	}
	for (int i = 0; i < plan->nunassigned; i++) {
		const struct meal_point *m =
			&sv->meal_points[plan->unassigned[i].meal_point];
		un[i] = (struct plan_unassigned_record){
			.meal_point_id = m->id,
			.boxes = m->total,
			.diets_json = keep(&ss, plan_diets_json_text(sv, m->boxes)),
			.reason = plan->unassigned[i].reason,
		};
	}
	/* The batches, on time or not. */
	const struct kitchen_schedule *ks = &plan->kitchen;
	int nb = ks->nbatches;
	struct plan_batch_record *batches = xcalloc((size_t)nb + 1,
						    sizeof(*batches));
	for (int b = 0; b < nb; b++) {
		const struct batch *bt = &ks->batches[b];
		struct strbuf diets = STRBUF_INIT, feeds = STRBUF_INIT;
		kitchen_dish_diets(sv, bt->dish, &diets);
		strbuf_addch(&feeds, '[');
		for (int f = 0; f < bt->nfeeds; f++)
			strbuf_addf(&feeds, "%s{\"route\": %d, \"portions\": %d}",
				    f ? ", " : "",
				    plan->trips[bt->feeds[f].trip].id,
				    bt->feeds[f].portions);
		strbuf_addch(&feeds, ']');
		batches[b] = (struct plan_batch_record){
			.batch_id = b + 1,
			.dish_id = sv->dishes[bt->dish].id,
			.diet = keep(&ss, strbuf_detach(&diets)),
			.equipment_id = sv->equipment[bt->equipment].id,
			.unit = bt->unit,
			.start = iso(&ss, sv, bt->start),
			.end = iso(&ss, sv, bt->end),
			.portions = bt->portions,
			.feeds_json = keep(&ss, strbuf_detach(&feeds)),
		};
	}
	struct plan_record rec = {
		.date = sv->date,
		.meal = sv->meal,
		.kitchen_id = sv->kitchen.id,
		.options_json = keep(&ss, plan_options_json_text(plan)),
		.plan_json = plan_json,
		.cost = plan->cost,
		.distance_m = plan->distance_m,
		.boxes = plan->boxes_ordered,
		.unassigned_boxes = plan->boxes_ordered - plan->boxes_assigned,
		.late_trips = plan->late_trips,
		.ntrips = plan->ntrips,
		.trips = trips,
		.nunassigned = plan->nunassigned,
		.unassigned = un,
		.nbatches = nb,
		.batches = batches,
	};
	int rc = store_save_plan(st, &rec, plan_id, err);
	for (int i = 0; i < plan->ntrips; i++)
		free(stop_lists[i]);
	free(stop_lists);
	free(batches);
	free(trips);
	free(un);
	for (int i = 0; i < ss.n; i++)
		free(ss.s[i]);
	free(ss.s);
	return rc;
}
