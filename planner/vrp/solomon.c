/*
 * Solomon instances (see solomon.h). The format: the name on the first
 * line, a VEHICLE section with NUMBER and CAPACITY, then a CUSTOMER table
 * of CUST NO., XCOORD., YCOORD., DEMAND, READY TIME, DUE DATE, SERVICE
 * TIME, whose first row is the depot.
 */
#include "planner/vrp/solomon.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#define MAX_CUSTOMERS 100000

static const char *const field_names[7] = {
	"CUST NO.", "XCOORD.", "YCOORD.", "DEMAND", "READY TIME", "DUE DATE",
	"SERVICE TIME",
};

/* Splits line into up to max numbers; returns how many, or -(field) for
 * the first one that is not a finite number. */
static int numbers(char *line, double *v, int max)
{
	int n = 0;
	char *save = NULL;
	for (char *tok = strtok_r(line, " \t\r\n", &save); tok;
	     tok = strtok_r(NULL, " \t\r\n", &save)) {
		if (n == max)
			return max + 1;
		char *end;
		errno = 0;
		double x = strtod(tok, &end);
		if (*end || errno || !isfinite(x) || fabs(x) > 1e9)
			return -(n + 1);
		v[n++] = x;
	}
	return n;
}

static bool blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return false;
	return true;
}

/* The VEHICLE section's NUMBER and CAPACITY, from line lineno. */
static int vehicle_row(const char *path, int lineno, char *line,
		       struct solomon *out, struct mr_error *err)
{
	double v[3];
	int k = numbers(line, v, 2);
	if (k != 2 || v[0] < 0 || v[1] < 0 || v[0] > 100000 || v[1] > 1e9 ||
	    v[0] != floor(v[0]) || v[1] != floor(v[1]))
		return mr_fail(err, EX_DATAERR, "%s:%d:%d: %s: expected a whole "
			       "number", path, lineno, k < 0 ? -k : 1,
			       k == -2 || (k == 2 && (v[1] < 0 ||
			       v[1] != floor(v[1]))) ? "CAPACITY" : "NUMBER");
	out->nvehicles = (int)v[0];
	out->capacity = (int)v[1];
	return 0;
}

/* A row of the CUSTOMER table into v[0..6], checked; nlocs rows came
 * before it. */
static int customer_row(const char *path, int lineno, char *line, int nlocs,
			double *v, struct mr_error *err)
{
	int k = numbers(line, v, 7);
	if (k > 7)
		return mr_fail(err, EX_DATAERR, "%s:%d:8: more than 7 fields",
			       path, lineno);
	if (k < 0)
		return mr_fail(err, EX_DATAERR, "%s:%d:%d: %s: not a number",
			       path, lineno, -k, field_names[-k - 1]);
	if (k < 7)
		return mr_fail(err, EX_DATAERR, "%s:%d:%d: %s: missing", path,
			       lineno, k + 1, field_names[k]);
	const char *bad = NULL;
	int bf = 0;
	if (v[3] < 0 || v[3] != floor(v[3]) || v[3] > 1e9)
		bad = "demand must be a whole number >= 0", bf = 4;
	else if (v[4] < 0)
		bad = "negative ready time", bf = 5;
	else if (v[5] < v[4])
		bad = "due date before ready time", bf = 6;
	else if (v[6] < 0)
		bad = "negative service time", bf = 7;
	else if (nlocs >= MAX_CUSTOMERS)
		bad = "too many customers", bf = 1;
	if (bad)
		return mr_fail(err, EX_DATAERR, "%s:%d:%d: %s: %s", path,
			       lineno, bf, field_names[bf - 1], bad);
	return 0;
}

/* The routing problem of the rows read (7 numbers per location, the depot
 * first): Euclidean distances, which are also the travel times. */
static void build_problem(struct solomon *out, const double *rows, int nlocs)
{
	int n = nlocs - 1;
	out->ncustomers = n;
	out->number = xcalloc((size_t)n + 1, sizeof(int));
	out->x = xcalloc((size_t)nlocs, sizeof(double));
	out->y = xcalloc((size_t)nlocs, sizeof(double));
	out->jobs = xcalloc((size_t)n + 1, sizeof(*out->jobs));
	out->vehicles = xcalloc((size_t)out->nvehicles + 1,
				sizeof(*out->vehicles));
	out->matrix = xmalloc(sizeof(float) * (size_t)nlocs * (size_t)nlocs);
	for (int i = 0; i < nlocs; i++) {
		out->x[i] = rows[i * 7 + 1];
		out->y[i] = rows[i * 7 + 2];
	}
	for (int i = 0; i < nlocs; i++)
		for (int j = 0; j < nlocs; j++)
			out->matrix[(size_t)i * nlocs + j] =
				hypot(out->x[i] - out->x[j], out->y[i] - out->y[j]);
	for (int j = 0; j < n; j++) {
		const double *r = rows + (j + 1) * 7;
		out->number[j] = (int)r[0];
		out->jobs[j] = (struct vrp_job){ .loc = j + 1,
						 .demand = (int)r[3],
						 .open = r[4], .close = r[5],
						 .service = r[6] };
	}
	for (int v = 0; v < out->nvehicles; v++)
		out->vehicles[v] = (struct vrp_vehicle){
			.capacity = out->capacity, .shift_start = rows[4],
			.shift_end = rows[5], .cost_distance = 1.0,
			.max_trips = 1 };
	out->problem = (struct vrp_problem){
		.njobs = n, .jobs = out->jobs, .nvehicles = out->nvehicles,
		.vehicles = out->vehicles, .nlocs = nlocs, .depot = 0,
		.duration = out->matrix, .distance = out->matrix,
	};
}

int solomon_read(const char *path, struct solomon *out, struct mr_error *err)
{
	memset(out, 0, sizeof(*out));
	FILE *fp = fopen(path, "r");
	if (!fp)
		return mr_fail(err, EX_NOINPUT, "%s: cannot open: %s", path,
			       strerror(errno));
	char *line = NULL;
	size_t cap = 0;
	int lineno = 0, rc = -1, vehicle_line = 0;
	int nlocs = 0, alloc = 0;
	double *rows = NULL; /* 7 per location */
	enum { NAME, VEHICLE_HEAD, VEHICLE, CUSTOMER_HEAD, CUSTOMERS } state = NAME;

	while (getline(&line, &cap, fp) >= 0) {
		lineno++;
		if (blank(line))
			continue;
		double v[8];
		switch (state) {
		case NAME:
			if (sscanf(line, "%63s", out->name) != 1)
				goto bad_name;
			state = VEHICLE_HEAD;
			break;
		case VEHICLE_HEAD:
			if (strstr(line, "NUMBER") && strstr(line, "CAPACITY"))
				state = VEHICLE;
			else if (!strstr(line, "VEHICLE")) {
				mr_fail(err, EX_DATAERR, "%s:%d:1: expected the "
					"VEHICLE section", path, lineno);
				goto out;
			}
			break;
		case VEHICLE:
			if (vehicle_row(path, lineno, line, out, err) != 0)
				goto out;
			vehicle_line = lineno;
			state = CUSTOMER_HEAD;
			break;
		case CUSTOMER_HEAD:
			if (strstr(line, "CUST NO"))
				state = CUSTOMERS;
			else if (!strstr(line, "CUSTOMER")) {
				mr_fail(err, EX_DATAERR, "%s:%d:1: expected the "
					"CUSTOMER table", path, lineno);
				goto out;
			}
			break;
		case CUSTOMERS:
			if (customer_row(path, lineno, line, nlocs, v, err) != 0)
				goto out;
			ALLOC_GROW(rows, (nlocs + 1) * 7, alloc);
			memcpy(rows + nlocs * 7, v, sizeof(double) * 7);
			nlocs++;
			break;
		}
	}
	if (ferror(fp)) {
		mr_fail(err, EX_NOINPUT, "%s: cannot read", path);
		goto out;
	}
	if (state != CUSTOMERS || nlocs == 0) {
		mr_fail(err, EX_DATAERR, "%s:%d: file ends before the customer "
			"table%s", path, lineno, state == CUSTOMERS ? " has a depot"
								    : "");
		goto out;
	}

	/* More demand than the fleet carries cannot be served by the rules
	 * of the benchmark: every customer, at most the fleet. */
	double demand = 0;
	for (int i = 1; i < nlocs; i++)
		demand += rows[i * 7 + 3];
	if (demand > (double)out->nvehicles * out->capacity) {
		mr_fail(err, EX_DATAERR, "%s:%d:1: NUMBER: %d vehicles of capacity "
			"%d carry %lld, less than the customers' demand of %.0f",
			path, vehicle_line, out->nvehicles, out->capacity,
			(long long)out->nvehicles * out->capacity, demand);
		goto out;
	}
	build_problem(out, rows, nlocs);
	rc = 0;
	goto done;
bad_name:
	mr_fail(err, EX_DATAERR, "%s:%d:1: expected the instance name", path,
		lineno);
out:
	solomon_release(out);
done:
	free(rows);
	free(line);
	fclose(fp);
	return rc;
}

void solomon_release(struct solomon *s)
{
	free(s->number);
	free(s->x);
	free(s->y);
	free(s->jobs);
	free(s->vehicles);
	free(s->matrix);
	char name[64];
	memcpy(name, s->name, sizeof(name));
	memset(s, 0, sizeof(*s));
	memcpy(s->name, name, sizeof(name));
}

char *solomon_answer_json(const struct solomon *s,
			  const struct vrp_solution *sol, double elapsed_s)
{
	json_t *routes = json_array();
	double total = 0;
	for (int t = 0; t < sol->ntrips; t++) {
		const struct vrp_trip *trip = &sol->trips[t];
		json_t *r = json_array();
		int at = 0;
		for (int k = 0; k < trip->njobs; k++) {
			int j = trip->jobs[k];
			json_array_append_new(r, json_integer(s->number[j]));
			total += hypot(s->x[at] - s->x[j + 1],
				       s->y[at] - s->y[j + 1]);
			at = j + 1;
		}
		total += hypot(s->x[at] - s->x[0], s->y[at] - s->y[0]);
		json_array_append_new(routes, r);
	}
	json_t *un = json_array();
	for (int i = 0; i < sol->nunassigned; i++)
		json_array_append_new(un, json_integer(
			s->number[sol->unassigned[i]]));
	json_t *o = json_pack("{s:s, s:i, s:f, s:o, s:f, s:o, s:s, s:I}",
			      "instance", s->name, "vehicles", sol->ntrips,
			      "distance", total, "routes", routes,
			      "elapsed_s", round(elapsed_s * 1000) / 1000,
			      "unassigned", un, "method",
			      sol->method ? sol->method : "none",
			      "iterations", (json_int_t)sol->iterations);
	json_object_set_new(o, "proved_optimal", json_boolean(sol->proved_optimal));
	if (sol->bound >= 0)
		json_object_set_new(o, "lower_bound", json_real(sol->bound));
	char *text = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(17));
	json_decref(o);
	return text;
}
