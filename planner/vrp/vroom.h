/*
 * VROOM's JSON formats, so that users of VROOM can bring their problems:
 * vehicles (start and end as an index or [lon, lat], capacity, time_window,
 * costs), jobs (location or location_index, delivery, service,
 * time_windows), and optionally matrices.<profile>.durations and
 * .distances. The answer follows VROOM's output: code, summary, routes
 * with start, job and end steps, and unassigned jobs.
 *
 * What VROOM has and this model does not (shipments, pickups, skills,
 * breaks, several time windows per job) is refused or reported, never
 * silently dropped.
 */
#ifndef MEALRUN_PLANNER_VRP_VROOM_H
#define MEALRUN_PLANNER_VRP_VROOM_H

#include "geo/roads.h"
#include "planner/vrp/vrp.h"
#include "util/error.h"
#include "util/strbuf.h"

struct vroom;

/*
 * Reads a problem from path. Without matrices, travel comes from the roads
 * provider (which must then be given; the locations must be coordinates).
 * Warnings about what was approximated go to warnings, a line each.
 * Returns 0 and *out (free with vroom_free), or -1 with err (EX_NOINPUT,
 * EX_DATAERR naming the field).
 */
int vroom_read(const char *path, struct roads *roads, struct vroom **out,
	       struct strbuf *warnings, struct mr_error *err);
void vroom_free(struct vroom *v);

const struct vrp_problem *vroom_problem(const struct vroom *v);

/* Returns the answer in VROOM's output format; the caller frees it. */
char *vroom_answer_json(const struct vroom *v, const struct vrp_solution *sol,
			double loading_ms, double solving_ms);

/* Returns {"code": 2, "error": msg}, VROOM's input error; caller frees. */
char *vroom_error_json(const char *msg);

#endif
