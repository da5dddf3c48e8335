/*
 * Solomon's VRPTW benchmark instances: reading the text format into the
 * routing model (Euclidean distances in double precision, travel time
 * equal to distance, the depot's due date closing every route), and the
 * answer as the JSON object of DESIGN.md.
 */
#ifndef MEALRUN_PLANNER_VRP_SOLOMON_H
#define MEALRUN_PLANNER_VRP_SOLOMON_H

#include "planner/vrp/vrp.h"
#include "util/error.h"

struct solomon {
	char name[64];
	int nvehicles, capacity;
	int ncustomers;
	int *number;                 /* customer number of each job */
	double *x, *y;               /* per location; 0 is the depot */
	struct vrp_job *jobs;
	struct vrp_vehicle *vehicles;
	float *matrix;               /* distances = durations */
	struct vrp_problem problem;  /* points into the arrays above */
};

/*
 * Reads an instance. Fails with EX_NOINPUT for a missing file and
 * EX_DATAERR naming file, line and field for anything malformed.
 * Release with solomon_release.
 */
int solomon_read(const char *path, struct solomon *out, struct mr_error *err);
void solomon_release(struct solomon *s);

/*
 * Returns the answer as JSON text: instance, vehicles, distance (the sum
 * of Euclidean route lengths, recomputed), routes (customer numbers in
 * visiting order), elapsed_s, and unassigned customers if any. The caller
 * frees it.
 */
char *solomon_answer_json(const struct solomon *s,
			  const struct vrp_solution *sol, double elapsed_s);

#endif
