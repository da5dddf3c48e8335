/*
 * Saving plans (see plans.h).
 */
#include "data/plans.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>


#include "data/store_internal.h"
#include "util/cap.h"
#include "util/stop.h"
#include "util/timefmt.h"
#include "util/xalloc.h"


/* Steps a statement that returns no rows and resets it. */
static int step_done(struct store *st, sqlite3_stmt *stmt,
		     struct mr_error *err)
{
	int rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, "cannot save the plan");
	return 0;
}

static void text(sqlite3_stmt *stmt, int i, const char *s)
{
	sqlite3_bind_text(stmt, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

static int save_trips(struct store *st, const struct plan_record *p,
		      int64_t id, struct mr_error *err)
{
	int rc = -1;
	sqlite3_stmt *trip = store_prepare(st,
		"INSERT INTO plan_trips (plan_id, route_id, vehicle_id, trip, "
		"load_start, depart, return, boxes, distance_m, drive_s, "
		"food_limit_min, cooked_from, food_ready, late_min) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
		"?14)", err);
	sqlite3_stmt *stop = store_prepare(st,
		"INSERT INTO plan_stops (plan_id, route_id, seq, "
		"meal_point_id, arrive, start, leave, boxes, diets, "
		"window_open, window_close) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", err);
	if (!trip || !stop)
		goto out;
	for (int i = 0; i < p->ntrips; i++) {
		const struct plan_trip_record *t = &p->trips[i];
		sqlite3_bind_int64(trip, 1, id);
		sqlite3_bind_int(trip, 2, t->route_id);
		text(trip, 3, t->vehicle_id);
		sqlite3_bind_int(trip, 4, t->trip);
		text(trip, 5, t->load_start);
		text(trip, 6, t->depart);
		text(trip, 7, t->ret);
		sqlite3_bind_int(trip, 8, t->boxes);
		sqlite3_bind_double(trip, 9, t->distance_m);
		sqlite3_bind_double(trip, 10, t->drive_s);
		sqlite3_bind_int(trip, 11, t->food_limit_min);
		if (t->cooked_from)
			text(trip, 12, t->cooked_from);
		if (t->food_ready)
			text(trip, 13, t->food_ready);
		sqlite3_bind_int(trip, 14, t->late_min);
		if (step_done(st, trip, err) != 0)
			goto out;
		for (int k = 0; k < t->nstops; k++) {
			const struct plan_stop_record *s = &t->stops[k];
			sqlite3_bind_int64(stop, 1, id);
			sqlite3_bind_int(stop, 2, t->route_id);
			sqlite3_bind_int(stop, 3, k + 1);
			text(stop, 4, s->meal_point_id);
			text(stop, 5, s->arrive);
			text(stop, 6, s->start);
			text(stop, 7, s->leave);
			sqlite3_bind_int(stop, 8, s->boxes);
			text(stop, 9, s->diets_json);
			if (s->window_open && s->window_close) {
				text(stop, 10, s->window_open);
				text(stop, 11, s->window_close);
			}
			if (step_done(st, stop, err) != 0)
				goto out;
		}
	}
	rc = 0;
out:
	sqlite3_finalize(trip);
	sqlite3_finalize(stop);
	return rc;
}

static int save_batches(struct store *st, const struct plan_record *p,
			int64_t id, struct mr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"INSERT INTO plan_batches (plan_id, batch_id, dish_id, diet, "
		"equipment_id, start, end, portions, feeds, unit) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", err);
	if (!stmt)
		return -1;
	int rc = 0;
	for (int i = 0; i < p->nbatches && rc == 0; i++) {
		const struct plan_batch_record *b = &p->batches[i];
		sqlite3_bind_int64(stmt, 1, id);
		sqlite3_bind_int(stmt, 2, b->batch_id);
		text(stmt, 3, b->dish_id);
		text(stmt, 4, b->diet);
		text(stmt, 5, b->equipment_id);
		text(stmt, 6, b->start);
		text(stmt, 7, b->end);
		sqlite3_bind_int(stmt, 8, b->portions);
		text(stmt, 9, b->feeds_json);
		sqlite3_bind_int(stmt, 10, b->unit);
		rc = step_done(st, stmt, err);
	}
	sqlite3_finalize(stmt);
	return rc;
}

static int save_unassigned(struct store *st, const struct plan_record *p,
			   int64_t id, struct mr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"INSERT INTO plan_unassigned (plan_id, meal_point_id, boxes, "
		"diets, reason) VALUES (?1, ?2, ?3, ?4, ?5)", err);
	if (!stmt)
		return -1;
	int rc = 0;
	for (int i = 0; i < p->nunassigned && rc == 0; i++) {
		const struct plan_unassigned_record *u = &p->unassigned[i];
		sqlite3_bind_int64(stmt, 1, id);
		text(stmt, 2, u->meal_point_id);
		sqlite3_bind_int(stmt, 3, u->boxes);
		text(stmt, 4, u->diets_json);
		text(stmt, 5, u->reason);
		rc = step_done(st, stmt, err);
	}
	sqlite3_finalize(stmt);
	return rc;
}

int store_save_plan(struct store *st, const struct plan_record *p,
		    int64_t *plan_id, struct mr_error *err)
{
	char now[32];
	utc_now(now);

	if (store_exec(st, "BEGIN IMMEDIATE", err) != 0)
		return -1;
	sqlite3_stmt *stmt = store_prepare(st,
		"INSERT INTO plans (created_at, date, meal, kitchen_id, "
		"options, cost, distance_m, boxes, unassigned_boxes, plan_json, "
		"late_trips) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", err);
	if (!stmt)
		goto fail;
	text(stmt, 1, now);
	text(stmt, 2, p->date);
	text(stmt, 3, p->meal);
	text(stmt, 4, p->kitchen_id);
	text(stmt, 5, p->options_json);
	sqlite3_bind_double(stmt, 6, p->cost);
	sqlite3_bind_double(stmt, 7, p->distance_m);
	sqlite3_bind_int(stmt, 8, p->boxes);
	sqlite3_bind_int(stmt, 9, p->unassigned_boxes);
	text(stmt, 10, p->plan_json);
	sqlite3_bind_int(stmt, 11, p->late_trips);
	int rc = step_done(st, stmt, err);
	sqlite3_finalize(stmt);
	if (rc != 0)
		goto fail;
	int64_t id = sqlite3_last_insert_rowid(st->db);
	if (save_trips(st, p, id, err) != 0 ||
	    save_batches(st, p, id, err) != 0 ||
	    save_unassigned(st, p, id, err) != 0)
		goto fail;
	stop_point("save");
	/* A signal that asked the run to stop: nothing is saved. */
	if (mr_interrupted()) {
		mr_fail(err, EX_TEMPFAIL, "stopped by signal %d",
			mr_interrupted());
		goto fail;
	}
	if (store_exec(st, "COMMIT", err) != 0)
		goto fail;
	*plan_id = id;
	return 0;
fail:
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

void saved_plan_release(struct saved_plan *sp)
{
	for (int t = 0; t < sp->ntrips; t++) {
		struct saved_trip *tr = &sp->trips[t];
		for (int k = 0; k < tr->nstops; k++) {
			free(tr->stops[k].meal_point_id);
			free(tr->stops[k].diets_json);
		}
		free(tr->stops);
		free(tr->vehicle_id);
	}
	free(sp->trips);
	memset(sp, 0, sizeof(*sp));
}

/* The trips and stops of plan id, by vehicle and trip, into sp. */
static int read_saved_trips(struct store *st, const char *date,
			    struct saved_plan *sp, struct mr_error *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT t.route_id, t.vehicle_id, t.trip, t.depart, "
		"s.meal_point_id, s.arrive, s.boxes, s.diets FROM plan_trips t "
		"JOIN plan_stops s ON s.plan_id = t.plan_id AND "
		"s.route_id = t.route_id WHERE t.plan_id = ?1 "
		"ORDER BY t.vehicle_id, t.trip, t.route_id, s.seq", err);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, sp->id);
	int alloc = 0, salloc = 0, rc;
	struct saved_trip *tr = NULL;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		int route = sqlite3_column_int(stmt, 0);
		if (!tr || tr->route_id != route) {
			ALLOC_GROW(sp->trips, sp->ntrips + 1, alloc);
			tr = &sp->trips[sp->ntrips++];
			memset(tr, 0, sizeof(*tr));
			tr->route_id = route;
			tr->vehicle_id = xstrdup(store_text(stmt, 1));
			tr->trip = sqlite3_column_int(stmt, 2);
			iso_parse(date, store_text(stmt, 3), &tr->depart);
			salloc = 0;
		}
		ALLOC_GROW(tr->stops, tr->nstops + 1, salloc);
		struct saved_stop *s = &tr->stops[tr->nstops++];
		s->meal_point_id = xstrdup(store_text(stmt, 4));
		s->arrive = 0;
		iso_parse(date, store_text(stmt, 5), &s->arrive);
		s->boxes = sqlite3_column_int(stmt, 6);
		s->diets_json = xstrdup(store_text(stmt, 7));
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, "cannot read the saved plan");
	return 0;
}

int store_last_plan(struct store *st, const char *date, const char *meal,
		    const char *kitchen_id, struct saved_plan *out,
		    struct mr_error *err)
{
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT max(id) FROM plans WHERE date = ?1 AND meal = ?2 AND "
		"kitchen_id = ?3", err);
	if (!stmt)
		return -1;
	text(stmt, 1, date);
	text(stmt, 2, meal);
	text(stmt, 3, kitchen_id);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL)
		out->id = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW)
		return store_fail(st, err, "cannot read the saved plans");
	if (!out->id)
		return 0;
	return read_saved_trips(st, date, out, err) == 0 ? 1 : -1;
}
