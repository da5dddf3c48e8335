/*
 * Writing plan.json with jansson (see plan_json.h). Times are local ISO
 * 8601 on the service date, distances in metres, durations in seconds.
 */
#include "planner/plan_json.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/timefmt.h"

static json_t *iso(const struct service *sv, double seconds)
{
	char buf[32];
	iso_format(sv->date, seconds, buf);
	return json_string(buf);
}

/* A number rounded to one decimal, as JSON. */
static json_t *tenths(double x)
{
	return json_real(round(x * 10.0) / 10.0);
}

static json_t *diets_object(const struct service *sv, const int *boxes)
{
	json_t *o = json_object();
	for (int d = 0; d < sv->ndiets; d++)
		if (boxes[d])
			json_object_set_new(o, sv->diets[d].code,
					    json_integer(boxes[d]));
	return o;
}

char *plan_diets_json_text(const struct service *sv, const int *boxes)
{
	json_t *o = diets_object(sv, boxes);
	char *s = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(10));
	json_decref(o);
	return s;
}

static json_t *options_object(const struct day_plan *plan)
{
	const struct plan_options *o = &plan->opt;
	json_t *j = json_pack("{s:s, s:f, s:I, s:I, s:b}", "roads",
			      plan->roads_name, "time_limit_s", o->time_limit_s,
			      "seed", (json_int_t)o->seed, "iterations",
			      (json_int_t)o->iterations, "kitchen",
			      !o->no_kitchen);
	if (!strcmp(plan->roads_name, "straight")) {
		json_object_set_new(j, "detour", json_real(o->road.detour));
		json_object_set_new(j, "speed_kmh",
				    json_real(o->road.speed_kmh));
	}
	/* Planned again from a saved plan: which one. */
	json_object_set_new(j, "based_on", o->keep
			    ? json_integer((json_int_t)o->keep->id)
			    : json_null());
	if (o->nwithout) {
		json_t *w = json_array();
		for (int i = 0; i < o->nwithout; i++)
			json_array_append_new(w, json_string(o->without[i]));
		json_object_set_new(j, "without", w);
	}
	return j;
}

char *plan_options_json_text(const struct day_plan *plan)
{
	json_t *o = options_object(plan);
	char *s = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(10));
	json_decref(o);
	return s;
}

static json_t *stop_object(const struct day_plan *plan,
			   const struct plan_stop *s, int seq)
{
	const struct service *sv = plan->sv;
	const struct meal_point *m = &sv->meal_points[s->meal_point];
	json_t *o = json_object();
	json_object_set_new(o, "seq", json_integer(seq));
	json_object_set_new(o, "meal_point", json_string(m->id));
	json_object_set_new(o, "name", json_string(m->name));
	json_object_set_new(o, "short_name", json_string(m->short_name));
	json_object_set_new(o, "kind", json_string(meal_point_kind_name(m->kind)));
	json_object_set_new(o, "lat", json_real(m->lat));
	json_object_set_new(o, "lon", json_real(m->lon));
	json_object_set_new(o, "address", json_string(m->address));
	json_object_set_new(o, "contact", json_string(m->contact));
	json_object_set_new(o, "phone", json_string(m->phone));
	json_object_set_new(o, "access_notes", json_string(m->notes));
	json_object_set_new(o, "arrive", iso(sv, s->arrive));
	json_object_set_new(o, "start", iso(sv, s->start));
	json_object_set_new(o, "leave", iso(sv, s->leave));
	json_object_set_new(o, "window",
			    json_pack("[o, o]", iso(sv, m->open),
				      iso(sv, m->close)));
	json_object_set_new(o, "boxes", json_integer(m->total));
	json_object_set_new(o, "diets", diets_object(sv, m->boxes));
	return o;
}

/* A time, or null when there is none (< 0). */
static json_t *iso_or_null(const struct service *sv, double seconds)
{
	return seconds < 0 ? json_null() : iso(sv, seconds);
}

static json_t *route_object(const struct day_plan *plan,
			    const struct plan_trip *t)
{
	const struct service *sv = plan->sv;
	const struct vehicle *v = &sv->vehicles[t->vehicle];
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(t->id));
	json_object_set_new(o, "vehicle", json_string(v->id));
	json_object_set_new(o, "plate", json_string(v->plate));
	json_object_set_new(o, "vehicle_name", json_string(v->name));
	json_object_set_new(o, "vehicle_name_en",
			    json_string(v->name_en ? v->name_en : ""));
	json_object_set_new(o, "driver", json_string(v->driver_name));
	json_object_set_new(o, "driver_phone", json_string(v->driver_phone));
	json_object_set_new(o, "trip", json_integer(t->trip_no));
	json_object_set_new(o, "capacity", json_integer(v->capacity));
	json_object_set_new(o, "load", json_integer(t->boxes));
	json_object_set_new(o, "diets", diets_object(sv, t->diet_boxes));
	json_object_set_new(o, "load_start", iso(sv, t->load_start));
	json_object_set_new(o, "depart", iso(sv, t->depart));
	json_object_set_new(o, "return", iso(sv, t->ret));
	json_object_set_new(o, "distance_m", tenths(t->distance_m));
	json_object_set_new(o, "drive_s", tenths(t->drive_s));
	json_object_set_new(o, "heated", json_boolean(t->heated));
	json_object_set_new(o, "food_limit_min",
			    json_integer(lround(t->food_limit_s / 60.0)));
	json_object_set_new(o, "cooked_from", iso_or_null(sv, t->cooked_from));
	json_object_set_new(o, "food_ready", iso_or_null(sv, t->food_ready));
	json_object_set_new(o, "serve_by", iso_or_null(sv, t->serve_by));
	json_object_set_new(o, "late_min", json_integer(t->late_min));
	json_t *stops = json_array();
	for (int k = 0; k < t->nstops; k++)
		json_array_append_new(stops, stop_object(plan, &t->stops[k],
							 k + 1));
	json_object_set_new(o, "stops", stops);
	return o;
}

static json_t *unassigned_object(const struct day_plan *plan,
				 const struct plan_unassigned *u)
{
	const struct service *sv = plan->sv;
	const struct meal_point *m = &sv->meal_points[u->meal_point];
	return json_pack("{s:s, s:s, s:i, s:o, s:s, s:s}", "meal_point", m->id,
			 "name", m->name, "boxes", m->total, "diets",
			 diets_object(sv, m->boxes), "reason_code", u->code,
			 "reason", u->reason);
}

static json_t *routing_object(const struct day_plan *plan)
{
	json_t *o = json_pack("{s:s, s:I, s:i, s:b}", "method",
			      plan->method ? plan->method : "none",
			      "iterations", (json_int_t)plan->iterations,
			      "pool_routes", plan->pool_routes,
			      "proved_optimal", plan->proved_optimal);
	if (plan->bound >= 0) {
		json_object_set_new(o, "lower_bound",
				    json_real(round(plan->bound * 100) / 100));
		double gap = plan->cost > 0
			? (plan->cost - plan->bound) / plan->cost : 0;
		json_object_set_new(o, "gap", json_real(round(fmax(gap, 0) *
							    1e6) / 1e6));
	}
	return o;
}

/* The kitchen's batches, on time or not. */
static json_t *batches_array(const struct day_plan *plan)
{
	const struct service *sv = plan->sv;
	const struct kitchen_schedule *ks = &plan->kitchen;
	json_t *a = json_array();
	for (int b = 0; b < ks->nbatches; b++) {
		const struct batch *bt = &ks->batches[b];
		char unit[96];
		snprintf(unit, sizeof(unit), "%s#%d",
			 sv->equipment[bt->equipment].id, bt->unit);
		struct strbuf diets = STRBUF_INIT;
		kitchen_dish_diets(sv, bt->dish, &diets);
		json_t *feeds = json_array();
		for (int f = 0; f < bt->nfeeds; f++)
			json_array_append_new(feeds, json_pack(
				"{s:i, s:i}", "route",
				plan->trips[bt->feeds[f].trip].id, "portions",
				bt->feeds[f].portions));
		json_array_append_new(a, json_pack(
			"{s:i, s:s, s:s, s:s, s:o, s:o, s:i, s:i, s:o}", "id",
			b + 1, "dish", sv->dishes[bt->dish].id, "diet",
			strbuf_str(&diets), "equipment", unit, "start",
			iso(sv, bt->start), "end", iso(sv, bt->end), "portions",
			bt->portions, "cooks",
			sv->equipment[bt->equipment].cooks_per_batch, "feeds",
			feeds));
		strbuf_release(&diets);
	}
	return a;
}

static json_t *kitchen_object(const struct day_plan *plan)
{
	const struct kitchen_schedule *ks = &plan->kitchen;
	json_t *o = json_pack("{s:b, s:s, s:b, s:i, s:I, s:i, s:b, s:I, s:f}",
			      "planned", plan->kitchen_planned, "method",
			      ks->method ? ks->method : "none", "on_time",
			      plan->kitchen_on_time, "late_trips",
			      plan->late_trips, "late_min",
			      (json_int_t)plan->late_min, "batches",
			      ks->nbatches, "proved_optimal", ks->proved,
			      "nodes", (json_int_t)ks->nodes, "elapsed_s",
			      round(ks->elapsed_s * 1000) / 1000);
	if (ks->model)
		json_object_set_new(o, "model", json_string(ks->model));
	if (ks->gap >= 0)
		json_object_set_new(o, "gap", json_real(ks->gap));
	json_t *why = json_array();
	for (const char *line = strbuf_str(&ks->problems); *line;) {
		size_t len = strcspn(line, "\n");
		json_array_append_new(why, json_stringn(line, len));
		line += len + (line[len] == '\n');
	}
	if (json_array_size(why))
		json_object_set_new(o, "problems", why);
	else
		json_decref(why);
	json_object_set_new(o, "search_late_min",
			    json_integer(plan->search_late_min));
	json_object_set_new(o, "rounds", json_integer(plan->rounds));
	if (plan->sv->kitchen.cooks_per_slot > 0)
		json_object_set_new(o, "cooks_per_slot",
				    json_integer(plan->sv->kitchen.cooks_per_slot));
	return o;
}

static json_t *summary_object(const struct day_plan *plan)
{
	const struct service *sv = plan->sv;
	json_t *o = json_pack("{s:i, s:i, s:i, s:o, s:i, s:i, s:o, s:o, s:o, s:o}",
			 "boxes_ordered", plan->boxes_ordered,
			 "boxes_assigned", plan->boxes_assigned,
			 "boxes_unassigned",
			 plan->boxes_ordered - plan->boxes_assigned,
			 "diets", diets_object(sv, plan->diet_boxes),
			 "trips", plan->ntrips,
			 "vehicles_used", plan->vehicles_used,
			 "distance_m", tenths(plan->distance_m),
			 "drive_s", tenths(plan->drive_s),
			 "cost", json_real(round(plan->cost * 100.0) / 100.0),
			 "elapsed_s", json_real(round(plan->elapsed_s * 1000.0) /
						1000.0));
	json_object_set_new(o, "routing", routing_object(plan));
	json_object_set_new(o, "kitchen", kitchen_object(plan));
	json_t *cut = json_array();
	for (const char *c = plan->cut; *c;) {
		size_t len = strcspn(c, ",");
		json_array_append_new(cut, json_stringn(c, len));
		c += len;
		while (*c == ',' || *c == ' ')
			c++;
	}
	json_object_set_new(o, "cut", cut);
	return o;
}

/* Portions of each dish to cook, for the day and per route. */
static json_t *demand_array(const struct day_plan *plan)
{
	const struct service *sv = plan->sv;
	json_t *a = json_array();
	for (int i = 0; i < plan->demand.ndishes; i++) {
		const struct dish_demand *d = &plan->demand.dishes[i];
		const struct dish *dish = &sv->dishes[d->dish];
		json_t *routes = json_array();
		for (int t = 0; t < plan->ntrips; t++)
			if (d->per_trip[t])
				json_array_append_new(routes, json_pack(
					"{s:i, s:i}", "route", plan->trips[t].id,
					"portions", d->per_trip[t]));
		json_array_append_new(a, json_pack(
			"{s:s, s:s, s:s, s:s, s:i, s:o}", "dish", dish->id,
			"name_zh", dish->name_zh, "name_en", dish->name_en,
			"equipment_kind", dish->equipment_kind, "portions",
			d->portions, "routes", routes));
	}
	return a;
}

/* The kitchen's equipment, for check to verify batches against. */
static json_t *equipment_array(const struct service *sv)
{
	json_t *a = json_array();
	for (int e = 0; e < sv->nequipment; e++) {
		const struct equipment *q = &sv->equipment[e];
		json_array_append_new(a, json_pack(
			"{s:s, s:s, s:s, s:i, s:i, s:i, s:i, s:i, s:b}", "id",
			q->id, "kind", q->kind, "name", q->name, "units",
			q->units, "batch_portions", q->batch_portions,
			"batch_minutes", q->batch_minutes, "cleaning_minutes",
			q->cleaning_minutes, "cooks_per_batch",
			q->cooks_per_batch, "clean_between_same",
			q->clean_between_same));
	}
	return a;
}

/* Each diet's dishes, for check to add up what each route takes. */
static json_t *menu_object(const struct service *sv)
{
	json_t *o = json_object();
	for (int d = 0; d < sv->ndiets; d++) {
		json_t *dishes = json_array();
		for (int m = 0; m < sv->nmenu; m++)
			if (sv->menu[m].diet == d)
				json_array_append_new(dishes, json_string(
					sv->dishes[sv->menu[m].dish].id));
		if (json_array_size(dishes))
			json_object_set_new(o, sv->diets[d].code, dishes);
		else
			json_decref(dishes);
	}
	return o;
}

static json_t *plan_object(const struct day_plan *plan)
{
	const struct service *sv = plan->sv;
	const struct kitchen *k = &sv->kitchen;
	json_t *o = json_object();
	json_object_set_new(o, "format", json_string(PLAN_FORMAT));
	json_object_set_new(o, "date", json_string(sv->date));
	json_object_set_new(o, "meal", json_string(sv->meal));
	json_object_set_new(o, "kitchen",
		json_pack("{s:s, s:s, s:s, s:f, s:f, s:s, s:s, s:s, s:s}",
			  "id", k->id, "name", k->name,
			  "name_en", k->name_en ? k->name_en : "",
			  "lat", k->lat, "lon", k->lon,
			  "address", k->address, "phone", k->phone,
			  "licence", k->licence,
			  "navigation", k->navigation == NAV_AMAP ? "amap"
			  : k->navigation == NAV_BAIDU ? "baidu" : "geo"));
	json_object_set_new(o, "food_limit_min",
			    json_integer(k->food_limit_min));
	json_object_set_new(o, "heated_food_limit_min",
			    json_integer(k->heated_food_limit_min));
	json_object_set_new(o, "roads", json_string(plan->roads_name));
	json_object_set_new(o, "options", options_object(plan));
	json_t *diets = json_array();
	for (int d = 0; d < sv->ndiets; d++)
		json_array_append_new(diets, json_pack("{s:s, s:s, s:s}",
			"code", sv->diets[d].code, "label_zh",
			sv->diets[d].label_zh, "label_en",
			sv->diets[d].label_en));
	json_object_set_new(o, "diets", diets);
	json_object_set_new(o, "equipment", equipment_array(sv));
	json_object_set_new(o, "menu", menu_object(sv));
	json_t *routes = json_array();
	for (int i = 0; i < plan->ntrips; i++)
		json_array_append_new(routes,
				      route_object(plan, &plan->trips[i]));
	json_object_set_new(o, "routes", routes);
	json_object_set_new(o, "batches", batches_array(plan));
	json_object_set_new(o, "demand", demand_array(plan));
	json_t *un = json_array();
	for (int i = 0; i < plan->nunassigned; i++)
		json_array_append_new(un, unassigned_object(
			plan, &plan->unassigned[i]));
	json_object_set_new(o, "unassigned", un);
	json_object_set_new(o, "summary", summary_object(plan));
	return o;
}

char *plan_json_text(const struct day_plan *plan)
{
	json_t *o = plan_object(plan);
	char *s = json_dumps(o, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
	json_decref(o);
	return s;
}
