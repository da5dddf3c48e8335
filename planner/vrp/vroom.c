/*
 * VROOM input and output (see vroom.h), with jansson.
 */
#include "planner/vrp/vroom.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* No time limit: far beyond any timestamp, yet exact in a double. */
#define NO_LIMIT 1e12
#define NO_CAPACITY 1000000000

struct vroom {
	int nlocs, alloc_locs;
	struct geo_point *pts;       /* per location, when coordinates */
	bool *has_point;
	float *duration, *distance;  /* nlocs x nlocs */
	bool have_distance;
	int njobs;
	struct vrp_job *jobs;
	json_int_t *job_id;
	int nvehicles;
	struct vrp_vehicle *vehicles;
	json_int_t *vehicle_id;
	double *per_hour, *per_km, *fixed;
	struct vrp_problem problem;
};

struct reader {
	const char *path;
	struct vroom *v;
	json_t *matrix_durations, *matrix_distances;
	int matrix_size;
	struct mr_error *err;
	struct strbuf *warnings;
};

static int bad(struct reader *rd, const char *where, const char *what)
{
	return mr_fail(rd->err, EX_DATAERR, "%s: %s: %s", rd->path, where,
		       what);
}

static int add_point(struct vroom *v, struct geo_point pt)
{
	if (v->nlocs == v->alloc_locs) {
		v->alloc_locs = v->alloc_locs * 2 + 16;
		v->pts = xreallocarray(v->pts, (size_t)v->alloc_locs,
				       sizeof(*v->pts));
		v->has_point = xreallocarray(v->has_point, (size_t)v->alloc_locs,
					     sizeof(bool));
	}
	v->pts[v->nlocs] = pt;
	v->has_point[v->nlocs] = true;
	return v->nlocs++;
}

/*
 * Reads a place given as KEY ([lon, lat]) or KEY_index (a matrix row).
 * With a matrix the index is required; without one, the coordinates.
 * Returns the location, -1 when absent (and not required), -2 on error.
 */
static int read_place(struct reader *rd, json_t *obj, const char *key,
		      const char *where, bool required)
{
	char index_key[64], at[160];
	snprintf(index_key, sizeof(index_key), "%s_index", key);
	json_t *coords = json_object_get(obj, key);
	json_t *index = json_object_get(obj, index_key);
	struct geo_point pt = { 0, 0 };
	bool has_pt = false;
	if (coords) {
		if (!json_is_array(coords) || json_array_size(coords) != 2 ||
		    !json_is_number(json_array_get(coords, 0)) ||
		    !json_is_number(json_array_get(coords, 1))) {
			snprintf(at, sizeof(at), "%s.%s", where, key);
			bad(rd, at, "expected [lon, lat]");
			return -2;
		}
		pt.lon = json_number_value(json_array_get(coords, 0));
		pt.lat = json_number_value(json_array_get(coords, 1));
		if (!(pt.lat >= -90 && pt.lat <= 90 && pt.lon >= -180 &&
		      pt.lon <= 180)) {
			snprintf(at, sizeof(at), "%s.%s", where, key);
			bad(rd, at, "coordinates out of range");
			return -2;
		}
		has_pt = true;
	}
	if (rd->matrix_durations) {
		if (!index) {
			if (!required && !coords)
				return -1;
			snprintf(at, sizeof(at), "%s.%s", where, index_key);
			bad(rd, at, "required with a custom matrix");
			return -2;
		}
		json_int_t i = json_integer_value(index);
		if (!json_is_integer(index) || i < 0 || i >= rd->matrix_size) {
			snprintf(at, sizeof(at), "%s.%s", where, index_key);
			bad(rd, at, "not a row of the matrix");
			return -2;
		}
		if (has_pt) {
			rd->v->pts[i] = pt;
			rd->v->has_point[i] = true;
		}
		return (int)i;
	}
	if (!has_pt) {
		if (!required && !index)
			return -1;
		snprintf(at, sizeof(at), "%s.%s", where, key);
		bad(rd, at, index ? "coordinates needed when no matrix is given"
				  : "missing");
		return -2;
	}
	return add_point(rd->v, pt);
}

/* The first component of an amount array; -1 for a malformed one. */
static long long amount(struct reader *rd, json_t *a, const char *where)
{
	if (!a)
		return 0;
	if (!json_is_array(a) || json_array_size(a) > 1 ||
	    (json_array_size(a) == 1 && !json_is_integer(json_array_get(a, 0)))) {
		bad(rd, where, json_is_array(a) && json_array_size(a) > 1
			? "amounts of more than one dimension are not supported"
			: "expected an array of one whole number");
		return -1;
	}
	long long q = json_array_size(a) ? json_integer_value(json_array_get(a, 0))
					 : 0;
	if (q < 0 || q > NO_CAPACITY) {
		bad(rd, where, "out of range");
		return -1;
	}
	return q;
}

static bool read_window(struct reader *rd, json_t *tw, const char *where,
			double *open, double *close)
{
	if (!json_is_array(tw) || json_array_size(tw) != 2 ||
	    !json_is_number(json_array_get(tw, 0)) ||
	    !json_is_number(json_array_get(tw, 1))) {
		bad(rd, where, "expected [start, end]");
		return false;
	}
	*open = json_number_value(json_array_get(tw, 0));
	*close = json_number_value(json_array_get(tw, 1));
	if (!(*open >= 0 && *close >= *open && *close < NO_LIMIT)) {
		bad(rd, where, "end before start, or out of range");
		return false;
	}
	return true;
}

static int read_jobs(struct reader *rd, json_t *jobs)
{
	struct vroom *v = rd->v;
	size_t n = json_array_size(jobs);
	v->jobs = xcalloc(n + 1, sizeof(*v->jobs));
	v->job_id = xcalloc(n + 1, sizeof(*v->job_id));
	size_t i;
	json_t *j;
	char where[96], at[160];
	json_array_foreach(jobs, i, j) {
		snprintf(where, sizeof(where), "jobs[%zu]", i);
		if (!json_is_object(j))
			return bad(rd, where, "expected an object");
		json_t *id = json_object_get(j, "id");
		if (!json_is_integer(id))
			return bad(rd, where, "'id' must be a whole number");
		for (size_t k = 0; k < i; k++)
			if (v->job_id[k] == json_integer_value(id))
				return bad(rd, where, "duplicate id");
		struct vrp_job *job = &v->jobs[i];
		v->job_id[i] = json_integer_value(id);
		int loc = read_place(rd, j, "location", where, true);
		if (loc < 0)
			return -1;
		job->loc = loc;
		snprintf(at, sizeof(at), "%s.delivery", where);
		json_t *d = json_object_get(j, "delivery");
		long long q = amount(rd, d ? d : json_object_get(j, "amount"), at);
		snprintf(at, sizeof(at), "%s.pickup", where);
		long long pick = amount(rd, json_object_get(j, "pickup"), at);
		if (q < 0 || pick < 0)
			return -1;
		if (pick > 0)
			return bad(rd, at, "pickups are not supported");
		job->demand = (int)q;
		json_t *svc = json_object_get(j, "service");
		json_t *setup = json_object_get(j, "setup");
		job->service = (svc ? json_number_value(svc) : 0) +
			       (setup ? json_number_value(setup) : 0);
		if ((svc && !json_is_number(svc)) ||
		    (setup && !json_is_number(setup)) || !(job->service >= 0))
			return bad(rd, where, "'service' must be seconds >= 0");
		if (setup && json_number_value(setup) > 0)
			strbuf_addf(rd->warnings, "%s: setup time counted at "
				    "every visit\n", where);
		json_t *tws = json_object_get(j, "time_windows");
		job->open = 0;
		job->close = NO_LIMIT;
		if (tws) {
			snprintf(at, sizeof(at), "%s.time_windows", where);
			if (!json_is_array(tws) || json_array_size(tws) == 0)
				return bad(rd, at, "expected an array of "
					   "[start, end]");
			if (json_array_size(tws) > 1)
				return bad(rd, at, "more than one time window "
					   "per job is not supported");
			snprintf(at, sizeof(at), "%s.time_windows[0]", where);
			if (!read_window(rd, json_array_get(tws, 0), at,
					 &job->open, &job->close))
				return -1;
		}
	}
	v->njobs = (int)n;
	return 0;
}

static int read_vehicles(struct reader *rd, json_t *vehicles)
{
	struct vroom *v = rd->v;
	size_t n = json_array_size(vehicles);
	v->vehicles = xcalloc(n + 1, sizeof(*v->vehicles));
	v->vehicle_id = xcalloc(n + 1, sizeof(*v->vehicle_id));
	v->per_hour = xcalloc(n + 1, sizeof(double));
	v->per_km = xcalloc(n + 1, sizeof(double));
	v->fixed = xcalloc(n + 1, sizeof(double));
	size_t i;
	json_t *o;
	char where[96], at[160];
	json_array_foreach(vehicles, i, o) {
		snprintf(where, sizeof(where), "vehicles[%zu]", i);
		if (!json_is_object(o))
			return bad(rd, where, "expected an object");
		json_t *id = json_object_get(o, "id");
		if (!json_is_integer(id))
			return bad(rd, where, "'id' must be a whole number");
		v->vehicle_id[i] = json_integer_value(id);
		struct vrp_vehicle *veh = &v->vehicles[i];
		int start = read_place(rd, o, "start", where, false);
		int end = read_place(rd, o, "end", where, false);
		if (start == -2 || end == -2)
			return -1;
		if (start < 0)
			return bad(rd, where, "a start is required");
		veh->start_loc = start;
		veh->end_loc = end < 0 ? start : end;
		veh->open_end = end < 0;
		snprintf(at, sizeof(at), "%s.capacity", where);
		json_t *cap = json_object_get(o, "capacity");
		long long c = cap ? amount(rd, cap, at) : NO_CAPACITY;
		if (c < 0)
			return -1;
		veh->capacity = (int)c;
		veh->shift_start = 0;
		veh->shift_end = NO_LIMIT;
		json_t *tw = json_object_get(o, "time_window");
		snprintf(at, sizeof(at), "%s.time_window", where);
		if (tw && !read_window(rd, tw, at, &veh->shift_start,
				       &veh->shift_end))
			return -1;
		json_t *costs = json_object_get(o, "costs");
		json_t *ph = json_object_get(costs, "per_hour");
		json_t *pk = json_object_get(costs, "per_km");
		json_t *fx = json_object_get(costs, "fixed");
		v->per_hour[i] = ph ? json_number_value(ph) : 3600.0;
		v->per_km[i] = pk ? json_number_value(pk) : 0.0;
		v->fixed[i] = fx ? json_number_value(fx) : 0.0;
		if (v->per_hour[i] < 0 || v->per_km[i] < 0 || v->fixed[i] < 0)
			return bad(rd, where, "costs must not be negative");
		veh->cost_time = v->per_hour[i] / 3600.0;
		veh->cost_distance = v->per_km[i] / 1000.0;
		veh->cost_fixed = v->fixed[i];
		veh->max_trips = 1;
		json_t *breaks = json_object_get(o, "breaks");
		if (json_array_size(breaks) > 0)
			return bad(rd, where, "breaks are not supported");
		if (json_object_get(o, "max_tasks") ||
		    json_object_get(o, "max_travel_time") ||
		    json_object_get(o, "max_distance"))
			strbuf_addf(rd->warnings, "%s: max_tasks, "
				    "max_travel_time and max_distance are "
				    "not applied\n", where);
	}
	v->nvehicles = (int)n;
	return 0;
}

/* Every job's skills must be had by every vehicle: otherwise the answer
 * could send a vehicle where it may not go. */
static int check_skills(struct reader *rd, json_t *jobs, json_t *vehicles)
{
	size_t i, k, m;
	json_t *j, *s, *o;
	json_array_foreach(jobs, i, j) {
		json_array_foreach(json_object_get(j, "skills"), k, s) {
			json_array_foreach(vehicles, m, o) {
				bool has = false;
				size_t q;
				json_t *t;
				json_array_foreach(json_object_get(o, "skills"), q, t)
					has |= json_equal(s, t);
				if (!has) {
					char where[64];
					snprintf(where, sizeof(where),
						 "jobs[%zu].skills", i);
					return bad(rd, where, "skills that not "
						   "every vehicle has are not "
						   "supported");
				}
			}
		}
	}
	return 0;
}

static int read_matrix(struct reader *rd, json_t *m, float **out,
		       const char *where)
{
	size_t n = json_array_size(m);
	if (!json_is_array(m) || n == 0 || n > 20000)
		return bad(rd, where, "expected a square array of numbers");
	float *a = xmalloc(sizeof(float) * n * n);
	for (size_t i = 0; i < n; i++) {
		json_t *row = json_array_get(m, i);
		if (!json_is_array(row) || json_array_size(row) != n) {
			free(a);
			char at[128];
			snprintf(at, sizeof(at), "%s[%zu]", where, i);
			return bad(rd, at, "rows must be as long as the matrix");
		}
		for (size_t k = 0; k < n; k++) {
			json_t *c = json_array_get(row, k);
			double x = json_number_value(c);
			if (!json_is_number(c) || !(x >= 0) || x > 1e9) {
				free(a);
				char at[128];
				snprintf(at, sizeof(at), "%s[%zu][%zu]", where, i,
					 k);
				return bad(rd, at, "expected a number >= 0");
			}
			a[i * n + k] = x;
		}
	}
	*out = a;
	return 0;
}

int vroom_read(const char *path, struct roads *roads, struct vroom **out,
	       struct strbuf *warnings, struct mr_error *err)
{
	*out = NULL;
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return mr_fail(err, EX_NOINPUT, "%s: cannot open", path);
	json_error_t jerr;
	json_t *root = json_loadf(fp, JSON_REJECT_DUPLICATES, &jerr);
	fclose(fp);
	if (!root)
		return mr_fail(err, EX_DATAERR, "%s:%d:%d: %s", path, jerr.line,
			       jerr.column, jerr.text);
	struct vroom *v = xcalloc(1, sizeof(*v));
	struct reader rd = { path, v, NULL, NULL, 0, err, warnings };
	int rc = -1;
	json_t *jobs = json_object_get(root, "jobs");
	json_t *vehicles = json_object_get(root, "vehicles");
	if (!json_is_object(root)) {
		bad(&rd, "top level", "expected an object");
		goto out;
	}
	if (json_array_size(json_object_get(root, "shipments")) > 0) {
		bad(&rd, "shipments", "shipments are not supported");
		goto out;
	}
	if (!json_is_array(vehicles) || json_array_size(vehicles) == 0) {
		bad(&rd, "vehicles", "expected a non-empty array");
		goto out;
	}
	if (jobs && !json_is_array(jobs)) {
		bad(&rd, "jobs", "expected an array");
		goto out;
	}

	/* A custom matrix: matrices.<profile> or the older "matrix". */
	const char *profile = "car";
	json_t *vp = json_object_get(json_array_get(vehicles, 0), "profile");
	if (json_is_string(vp))
		profile = json_string_value(vp);
	size_t i;
	json_t *o;
	json_array_foreach(vehicles, i, o) {
		json_t *p = json_object_get(o, "profile");
		if (p && (!json_is_string(p) ||
			  strcmp(json_string_value(p), profile) != 0)) {
			bad(&rd, "vehicles", "all vehicles must share one "
			    "profile");
			goto out;
		}
	}
	json_t *mx = json_object_get(json_object_get(root, "matrices"), profile);
	rd.matrix_durations = mx ? json_object_get(mx, "durations")
				 : json_object_get(root, "matrix");
	rd.matrix_distances = mx ? json_object_get(mx, "distances") : NULL;
	if (rd.matrix_durations) {
		rd.matrix_size = (int)json_array_size(rd.matrix_durations);
		if (read_matrix(&rd, rd.matrix_durations, &v->duration,
				"matrices.durations") != 0)
			goto out;
		if (rd.matrix_distances) {
			if (json_array_size(rd.matrix_distances) !=
			    (size_t)rd.matrix_size) {
				bad(&rd, "matrices.distances", "not the size of "
				    "the durations");
				goto out;
			}
			if (read_matrix(&rd, rd.matrix_distances, &v->distance,
					"matrices.distances") != 0)
				goto out;
			v->have_distance = true;
		}
		v->nlocs = v->alloc_locs = rd.matrix_size;
		v->pts = xcalloc((size_t)v->nlocs, sizeof(*v->pts));
		v->has_point = xcalloc((size_t)v->nlocs, sizeof(bool));
	}
	if (read_vehicles(&rd, vehicles) != 0 ||
	    (jobs && read_jobs(&rd, jobs) != 0) ||
	    (jobs && check_skills(&rd, jobs, vehicles) != 0))
		goto out;

	if (!v->duration) {
		if (!roads) {
			mr_fail(err, EX_USAGE, "%s: no matrix given; choose "
				"travel times with --roads", path);
			goto out;
		}
		struct geo_matrix m;
		if (roads_matrix(roads, v->pts, v->nlocs, &m, err) != 0)
			goto out;
		v->duration = m.duration_s;
		v->distance = m.distance_m;
		v->have_distance = true;
		m.duration_s = m.distance_m = NULL; /* now v's */
		geo_matrix_release(&m);
	}
	if (!v->distance) /* distances unknown: use durations for both */
		v->distance = v->duration;
	v->problem = (struct vrp_problem){
		.njobs = v->njobs, .jobs = v->jobs,
		.nvehicles = v->nvehicles, .vehicles = v->vehicles,
		.nlocs = v->nlocs, .depot = v->vehicles[0].start_loc,
		.duration = v->duration, .distance = v->distance,
	};
	*out = v;
	v = NULL;
	rc = 0;
out:
	json_decref(root);
	vroom_free(v);
	return rc;
}

void vroom_free(struct vroom *v)
{
	if (!v)
		return;
	if (v->distance != v->duration)
		free(v->distance);
	free(v->duration);
	free(v->pts);
	free(v->has_point);
	free(v->jobs);
	free(v->job_id);
	free(v->vehicles);
	free(v->vehicle_id);
	free(v->per_hour);
	free(v->per_km);
	free(v->fixed);
	free(v);
}

const struct vrp_problem *vroom_problem(const struct vroom *v)
{
	return &v->problem;
}

static void set_location(json_t *step, const struct vroom *v, int loc)
{
	if (v->has_point[loc])
		json_object_set_new(step, "location",
				    json_pack("[f, f]", v->pts[loc].lon,
					      v->pts[loc].lat));
	json_object_set_new(step, "location_index", json_integer(loc));
}

static json_int_t whole(double x)
{
	return (json_int_t)llround(x);
}

static double travel(const struct vroom *v, const float *m, int a, int b)
{
	return m[(size_t)a * (size_t)v->nlocs + (size_t)b];
}

char *vroom_answer_json(const struct vroom *v, const struct vrp_solution *sol,
			double loading_ms, double solving_ms)
{
	json_t *routes = json_array();
	double tot_cost = 0, tot_service = 0, tot_duration = 0, tot_wait = 0,
	       tot_distance = 0;
	long long tot_delivery = 0;
	for (int r = 0; r < sol->ntrips; r++) {
		const struct vrp_trip *t = &sol->trips[r];
		const struct vrp_vehicle *veh = &v->vehicles[t->vehicle];
		json_t *steps = json_array();
		long long load = t->load;
		double duration = 0, distance = 0, service = 0, wait = 0;
		int at = veh->start_loc;
		json_t *start = json_pack("{s:s, s:[I], s:I, s:I, s:i, s:i, s:i}",
			"type", "start", "load", (json_int_t)load, "arrival",
			whole(t->depart), "duration", (json_int_t)0, "setup", 0,
			"service", 0, "waiting_time", 0);
		set_location(start, v, at);
		if (v->have_distance)
			json_object_set_new(start, "distance", json_integer(0));
		json_array_append_new(steps, start);
		for (int k = 0; k < t->njobs; k++) {
			const struct vrp_job *job = &v->jobs[t->jobs[k]];
			duration += travel(v, v->duration, at, job->loc);
			distance += travel(v, v->distance, at, job->loc);
			load -= job->demand;
			double w = t->start[k] - t->arrive[k];
			json_t *step = json_pack(
				"{s:s, s:I, s:I, s:[I], s:I, s:I, s:i, s:I, s:I}",
				"type", "job", "id", v->job_id[t->jobs[k]], "job",
				v->job_id[t->jobs[k]], "load", (json_int_t)load,
				"arrival", whole(t->arrive[k]), "duration",
				whole(duration), "setup", 0, "service",
				whole(job->service), "waiting_time", whole(w));
			set_location(step, v, job->loc);
			if (v->have_distance)
				json_object_set_new(step, "distance",
						    json_integer(whole(distance)));
			json_array_append_new(steps, step);
			service += job->service;
			wait += w;
			at = job->loc;
		}
		if (!veh->open_end) {
			duration += travel(v, v->duration, at, veh->end_loc);
			distance += travel(v, v->distance, at, veh->end_loc);
			json_t *end = json_pack("{s:s, s:[I], s:I, s:I, s:i, s:i, s:i}",
				"type", "end", "load", (json_int_t)load,
				"arrival", whole(t->ret), "duration",
				whole(duration), "setup", 0, "service", 0,
				"waiting_time", 0);
			set_location(end, v, veh->end_loc);
			if (v->have_distance)
				json_object_set_new(end, "distance",
						    json_integer(whole(distance)));
			json_array_append_new(steps, end);
		}
		double cost = v->fixed[t->vehicle] +
			      duration * v->per_hour[t->vehicle] / 3600.0 +
			      (v->have_distance ? distance : 0) *
				      v->per_km[t->vehicle] / 1000.0;
		json_t *route = json_pack(
			"{s:I, s:I, s:[I], s:[I], s:[i], s:i, s:I, s:I, s:I, s:i, "
			"s:o, s:o}",
			"vehicle", v->vehicle_id[t->vehicle], "cost", whole(cost),
			"delivery", (json_int_t)t->load, "amount",
			(json_int_t)t->load, "pickup", 0, "setup", 0, "service",
			whole(service), "duration", whole(duration),
			"waiting_time", whole(wait), "priority", 0, "violations",
			json_array(), "steps", steps);
		if (v->have_distance)
			json_object_set_new(route, "distance",
					    json_integer(whole(distance)));
		json_array_append_new(routes, route);
		tot_cost += whole(cost);
		tot_service += whole(service);
		tot_duration += whole(duration);
		tot_wait += whole(wait);
		tot_distance += whole(distance);
		tot_delivery += t->load;
	}
	json_t *unassigned = json_array();
	for (int i = 0; i < sol->nunassigned; i++) {
		int j = sol->unassigned[i];
		json_t *u = json_pack("{s:I, s:s, s:s}", "id", v->job_id[j],
				      "type", "job", "reason",
				      vrp_reason_code(sol->reason[j]));
		set_location(u, v, v->jobs[j].loc);
		json_array_append_new(unassigned, u);
	}
	json_t *summary = json_pack(
		"{s:I, s:i, s:i, s:[I], s:[I], s:[i], s:i, s:I, s:I, s:I, s:i, "
		"s:o, s:{s:I, s:I, s:i}}",
		"cost", whole(tot_cost), "routes", sol->ntrips, "unassigned",
		sol->nunassigned, "delivery", (json_int_t)tot_delivery, "amount",
		(json_int_t)tot_delivery, "pickup", 0, "setup", 0, "service",
		whole(tot_service), "duration", whole(tot_duration),
		"waiting_time", whole(tot_wait), "priority", 0, "violations",
		json_array(), "computing_times", "loading", whole(loading_ms),
		"solving", whole(solving_ms), "routing", 0);
	if (v->have_distance)
		json_object_set_new(summary, "distance",
				    json_integer(whole(tot_distance)));
	json_t *o = json_pack("{s:i, s:o, s:o, s:o}", "code", 0, "summary",
			      summary, "unassigned", unassigned, "routes", routes);
	char *text = json_dumps(o, JSON_INDENT(2));
	json_decref(o);
	return text;
}

char *vroom_error_json(const char *msg)
{
	json_t *o = json_pack("{s:i, s:s}", "code", 2, "error", msg);
	char *text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	return text;
}
