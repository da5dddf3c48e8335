/*
 * Recording deliveries (see records.h). Each file, CSV through the
 * importer's reader (csvfile.h) or a JSON list through jansson, becomes
 * rows of named fields, and every row passes the same checks against the
 * plan in force before it is written; the whole import is one
 * transaction, so a bad row leaves the database as it was.
 */
#include "data/records.h"
#include "data/store_internal.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <strings.h>
#include <sys/stat.h>

#include "data/csvfile.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

const char *const record_fields[RECORD_NFIELDS] = {
	"date", "meal", "kitchen", "trip", "vehicle", "stop", "meal_point",
	"name", "diet", "boxes_planned", "window_open", "window_close",
	"planned_arrival", "arrived_at", "boxes_delivered", "temperature_c",
	"received_by", "not_delivered_reason", "note",
};

/* One row of a record file, whichever its format. */
struct rec_row {
	const char *path;
	int line;                    /* CSV: the row's line; JSON: 0 */
	int index;                   /* JSON: the record's place, from 1 */
	const char *v[RECORD_NFIELDS]; /* "" when not given */
	int col[RECORD_NFIELDS];     /* CSV column from 1; 0 when absent */
};

/* A service the import recorded for. */
struct rec_service {
	long long plan_id;
	char date[11], meal[16];
	char *kitchen_id;
	int rows, replaced, planned, delivered;
};

struct rec_import {
	struct store *st;
	struct record_stats *stats;
	sqlite3_stmt *plan, *stop, *trip, *exists, *upsert, *seen_add,
		     *seen_get;
	const char *now, *source;
	/* CSV: the field each column holds (-1: none), from the header */
	int *field_of_col;
	int ncols;
	int nservices, alloc;
	struct rec_service *services;
};

/* Fails with the row's place and field: "file:line:col: field: what" for
 * CSV, "file: record N: field: what" for JSON. */
static int bad(const struct rec_row *r, int f, struct mr_error *err,
	       const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int bad(const struct rec_row *r, int f, struct mr_error *err,
	       const char *fmt, ...)
{
	char what[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (!r->line)
		return mr_fail(err, EX_DATAERR, "%s: record %d: %s: %s",
			       r->path, r->index, record_fields[f], what);
	if (r->col[f])
		return mr_fail(err, EX_DATAERR, "%s:%d:%d: %s: %s", r->path,
			       r->line, r->col[f], record_fields[f], what);
	return mr_fail(err, EX_DATAERR, "%s:%d: %s: %s", r->path, r->line,
		       record_fields[f], what);
}

/* A whole number from min to max in field f; 0, or -1 with err. */
static int whole(const struct rec_row *r, int f, long min, long max,
		 long *out, struct mr_error *err)
{
	const char *s = r->v[f];
	char *end;
	if (!*s)
		return bad(r, f, err, "missing value");
	errno = 0;
	long v = strtol(s, &end, 10);
	/* Digits, with a minus sign at most: not " +1" or "0x10". */
	if (*end || errno || strspn(s, "-0123456789") != strlen(s))
		return bad(r, f, err, "'%.40s' is not a whole number", s);
	if (v < min || v > max)
		return bad(r, f, err, "%ld is out of range (%ld to %ld)", v,
			   min, max);
	*out = v;
	return 0;
}

/* The latest saved plan of the row's service into *plan_id, and its
 * kitchen into kitchen (128 bytes). */
static int find_plan(struct rec_import *ri, const struct rec_row *r,
		     long long *plan_id, char *kitchen, struct mr_error *err)
{
	sqlite3_stmt *q = ri->plan;
	sqlite3_reset(q);
	sqlite3_bind_text(q, 1, r->v[RF_DATE], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, r->v[RF_MEAL], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 3, r->v[RF_KITCHEN], -1, SQLITE_TRANSIENT);
	if (sqlite3_step(q) != SQLITE_ROW)
		return store_fail(ri->st, err, "cannot read the saved plans");
	int kitchens = sqlite3_column_int(q, 1);
	*plan_id = sqlite3_column_int64(q, 0);
	snprintf(kitchen, 128, "%s", store_text(q, 2));
	sqlite3_reset(q);
	if (kitchens > 1)
		return bad(r, RF_KITCHEN, err, "plans of %d kitchens for %s "
			   "%s; say which kitchen", kitchens, r->v[RF_MEAL],
			   r->v[RF_DATE]);
	if (!kitchens)
		return bad(r, RF_DATE, err, "no saved plan of %s %s%s%s",
			   r->v[RF_MEAL], r->v[RF_DATE],
			   *r->v[RF_KITCHEN] ? " at kitchen " : "",
			   r->v[RF_KITCHEN]);
	return 0;
}

/* The service of plan_id in the import's list, added when new. */
static struct rec_service *service_of(struct rec_import *ri,
				      long long plan_id,
				      const struct rec_row *r,
				      const char *kitchen_id)
{
	for (int i = 0; i < ri->nservices; i++)
		if (ri->services[i].plan_id == plan_id)
			return &ri->services[i];
	ALLOC_GROW(ri->services, ri->nservices + 1, ri->alloc);
	struct rec_service *s = &ri->services[ri->nservices++];
	memset(s, 0, sizeof(*s));
	s->plan_id = plan_id;
	snprintf(s->date, sizeof(s->date), "%s", r->v[RF_DATE]);
	snprintf(s->meal, sizeof(s->meal), "%s", r->v[RF_MEAL]);
	s->kitchen_id = xstrdup(kitchen_id);
	return s;
}

/* What the plan has at the row's stop. */
struct planned_stop {
	char meal_point[128], vehicle[128];
	int boxes;                   /* of the row's diet; -1: none */
	double depart;               /* the trip's, s after midnight */
};

/* Reads the stop the row names from plan_id into *ps; 0, or -1 with err
 * when the plan has no such trip or stop. */
static int find_stop(struct rec_import *ri, const struct rec_row *r,
		     long long plan_id, long trip, long stop,
		     struct planned_stop *ps, struct mr_error *err)
{
	sqlite3_stmt *q = ri->stop;
	char path[160];
	/* json_extract's path to the diet's boxes; a code with a quote or
	 * backslash is no diet of any plan. */
	bool odd = strpbrk(r->v[RF_DIET], "\"\\") != NULL;
	snprintf(path, sizeof(path), "$.\"%.140s\"", odd ? "" : r->v[RF_DIET]);
	sqlite3_reset(q);
	sqlite3_bind_int64(q, 1, plan_id);
	sqlite3_bind_int64(q, 2, trip);
	sqlite3_bind_int64(q, 3, stop);
	sqlite3_bind_text(q, 4, path, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		snprintf(ps->meal_point, sizeof(ps->meal_point), "%s",
			 store_text(q, 0));
		ps->boxes = sqlite3_column_type(q, 1) == SQLITE_NULL ? -1
			    : sqlite3_column_int(q, 1);
		snprintf(ps->vehicle, sizeof(ps->vehicle), "%s",
			 store_text(q, 2));
		ps->depart = -1;
		iso_parse(r->v[RF_DATE], store_text(q, 3), &ps->depart);
	}
	sqlite3_reset(q);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return store_fail(ri->st, err, "cannot read the saved plan");
	q = ri->trip;
	sqlite3_reset(q);
	sqlite3_bind_int64(q, 1, plan_id);
	sqlite3_bind_int64(q, 2, trip);
	int stops = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0)
						  : 0;
	sqlite3_reset(q);
	if (!stops)
		return bad(r, RF_TRIP, err, "plan %lld of %s %s has no trip "
			   "%ld", plan_id, r->v[RF_MEAL], r->v[RF_DATE], trip);
	return bad(r, RF_STOP, err, "trip %ld of plan %lld has %d stops, "
		   "not %ld", trip, plan_id, stops, stop);
}

/* A time of the service day: "HH:MM" or local ISO 8601. */
static int parse_time(const char *date, const char *s, double *out)
{
	int sec;
	if (clock_parse(s, &sec) == 0) {
		*out = sec;
		return 0;
	}
	char iso[32];
	if (strlen(s) == 16) { /* "YYYY-MM-DDTHH:MM" */
		snprintf(iso, sizeof(iso), "%s:00", s);
		s = iso;
	}
	return iso_parse(date, s, out);
}

/* The checks of what happened: boxes, arrival, temperature, reason. */
static int check_happened(const struct rec_row *r,
			  const struct planned_stop *ps, long delivered,
			  struct mr_error *err)
{
	if (delivered > ps->boxes)
		return bad(r, RF_BOXES_DELIVERED, err, "%ld boxes delivered, "
			   "but %d were planned", delivered, ps->boxes);
	if (delivered < ps->boxes && !*r->v[RF_REASON])
		return bad(r, RF_REASON, err, "%ld of %d boxes not delivered; "
			   "say why", ps->boxes - delivered, ps->boxes);
	const char *at = r->v[RF_ARRIVED_AT];
	double arrived;
	if (!*at && delivered > 0)
		return bad(r, RF_ARRIVED_AT, err, "missing value (boxes were "
			   "delivered)");
	if (*at && parse_time(r->v[RF_DATE], at, &arrived) != 0)
		return bad(r, RF_ARRIVED_AT, err, "'%.40s' is not a time HH:MM "
			   "or YYYY-MM-DDTHH:MM", at);
	if (*at && arrived >= 86400)
		return bad(r, RF_ARRIVED_AT, err, "%s is not on the day of the "
			   "service (%s)", at, r->v[RF_DATE]);
	if (*at && ps->depart >= 0 && arrived < ps->depart) {
		char dep[16];
		clock_format(ps->depart, dep);
		return bad(r, RF_ARRIVED_AT, err, "%s is before the trip left "
			   "(%s)", at, dep);
	}
	const char *t = r->v[RF_TEMPERATURE];
	if (*t) {
		char *end;
		double c = strtod(t, &end);
		if (*end || !isfinite(c) ||
		    strspn(t, "-.0123456789") != strlen(t))
			return bad(r, RF_TEMPERATURE, err, "'%.40s' is not a "
				   "number", t);
		if (c < RECORD_MIN_C || c > RECORD_MAX_C)
			return bad(r, RF_TEMPERATURE, err, "%s °C is outside "
				   "%g to %g °C", t, RECORD_MIN_C,
				   RECORD_MAX_C);
	}
	for (int f = RF_RECEIVED_BY; f <= RF_NOTE; f++)
		if (strlen(r->v[f]) > 2000)
			return bad(r, f, err, "text longer than 2000 bytes");
	return 0;
}

/* Refuses a second row for the same stop and diet in one file. */
static int check_twice(struct rec_import *ri, const struct rec_row *r,
		       const char *key, struct mr_error *err)
{
	sqlite3_stmt *q = ri->seen_add;
	sqlite3_reset(q);
	sqlite3_bind_text(q, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(q, 2, r->line ? r->line : r->index);
	int rc = sqlite3_step(q);
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return store_fail(ri->st, err, "cannot record");
	if (sqlite3_changes(ri->st->db))
		return 0;
	q = ri->seen_get;
	sqlite3_reset(q);
	sqlite3_bind_text(q, 1, key, -1, SQLITE_TRANSIENT);
	int first = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0)
						  : 0;
	sqlite3_reset(q);
	return bad(r, RF_DIET, err, "the same stop and diet as %s %d",
		   r->line ? "line" : "record", first);
}

/* Writes the row's record; *replaced when it replaced one. */
static int write_record(struct rec_import *ri, const struct rec_row *r,
			long long plan_id, long trip, long stop,
			long delivered, bool *replaced, struct mr_error *err)
{
	sqlite3_stmt *q = ri->exists;
	sqlite3_reset(q);
	sqlite3_bind_int64(q, 1, plan_id);
	sqlite3_bind_int64(q, 2, trip);
	sqlite3_bind_int64(q, 3, stop);
	sqlite3_bind_text(q, 4, r->v[RF_DIET], -1, SQLITE_TRANSIENT);
	*replaced = sqlite3_step(q) == SQLITE_ROW;
	sqlite3_reset(q);
	q = ri->upsert;
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	sqlite3_bind_int64(q, 1, plan_id);
	sqlite3_bind_int64(q, 2, trip);
	sqlite3_bind_int64(q, 3, stop);
	sqlite3_bind_text(q, 4, r->v[RF_DIET], -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(q, 5, delivered);
	double arrived;
	if (*r->v[RF_ARRIVED_AT] &&
	    parse_time(r->v[RF_DATE], r->v[RF_ARRIVED_AT], &arrived) == 0) {
		char iso[32];
		iso_format(r->v[RF_DATE], arrived, iso);
		sqlite3_bind_text(q, 6, iso, -1, SQLITE_TRANSIENT);
	}
	if (*r->v[RF_TEMPERATURE])
		sqlite3_bind_double(q, 7, strtod(r->v[RF_TEMPERATURE], NULL));
	sqlite3_bind_text(q, 8, r->v[RF_RECEIVED_BY], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 9, r->v[RF_REASON], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 10, r->v[RF_NOTE], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 11, ri->source, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 12, ri->now, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(q);
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return store_fail(ri->st, err, "cannot record");
	return 0;
}

/* Checks one row against the plan in force and records it. */
static int record_row(struct rec_import *ri, const struct rec_row *r,
		      struct mr_error *err)
{
	bool blank = true;
	for (int f = RF_ARRIVED_AT; f <= RF_NOTE; f++)
		blank &= !*r->v[f];
	long long plan_id = 0;
	char kitchen[128];
	if (blank) {
		/* Not a record, but its day is one to say what is missing
		 * of. */
		struct mr_error ignored = { 0 };
		ri->stats->blank++;
		if (date_valid(r->v[RF_DATE]) &&
		    find_plan(ri, r, &plan_id, kitchen, &ignored) == 0)
			service_of(ri, plan_id, r, kitchen);
		return 0;
	}
	if (!date_valid(r->v[RF_DATE]))
		return bad(r, RF_DATE, err, "'%.40s' is not a date YYYY-MM-DD",
			   r->v[RF_DATE]);
	if (strcmp(r->v[RF_MEAL], "breakfast") &&
	    strcmp(r->v[RF_MEAL], "lunch") && strcmp(r->v[RF_MEAL], "dinner"))
		return bad(r, RF_MEAL, err, "'%.40s' is not one of "
			   "breakfast/lunch/dinner", r->v[RF_MEAL]);
	long trip, stop, delivered, planned = 0;
	if (whole(r, RF_TRIP, 1, 100000, &trip, err) != 0 ||
	    whole(r, RF_STOP, 1, 100000, &stop, err) != 0)
		return -1;
	if (!*r->v[RF_MEAL_POINT])
		return bad(r, RF_MEAL_POINT, err, "missing value");
	if (!*r->v[RF_DIET])
		return bad(r, RF_DIET, err, "missing value");
	struct planned_stop ps;
	if (find_plan(ri, r, &plan_id, kitchen, err) != 0 ||
	    find_stop(ri, r, plan_id, trip, stop, &ps, err) != 0)
		return -1;
	if (strcmp(ps.meal_point, r->v[RF_MEAL_POINT]))
		return bad(r, RF_MEAL_POINT, err, "stop %ld of trip %ld is %s "
			   "in plan %lld, not %.40s", stop, trip, ps.meal_point,
			   plan_id, r->v[RF_MEAL_POINT]);
	if (ps.boxes < 0)
		return bad(r, RF_DIET, err, "plan %lld has no '%.40s' boxes "
			   "for %s", plan_id, r->v[RF_DIET], ps.meal_point);
	if (*r->v[RF_VEHICLE] && strcmp(ps.vehicle, r->v[RF_VEHICLE]))
		return bad(r, RF_VEHICLE, err, "trip %ld of plan %lld is "
			   "driven by %s, not %.40s", trip, plan_id, ps.vehicle,
			   r->v[RF_VEHICLE]);
	if (*r->v[RF_BOXES_PLANNED]) {
		if (whole(r, RF_BOXES_PLANNED, 0, 1000000, &planned, err) != 0)
			return -1;
		if (planned != ps.boxes)
			return bad(r, RF_BOXES_PLANNED, err, "%ld, but plan %lld "
				   "has %d (a record sheet of an earlier "
				   "plan?)", planned, plan_id, ps.boxes);
	}
	if (whole(r, RF_BOXES_DELIVERED, 0, 1000000, &delivered, err) != 0 ||
	    check_happened(r, &ps, delivered, err) != 0)
		return -1;
	char *key = xasprintf("%lld:%ld:%ld:%s", plan_id, trip, stop,
			      r->v[RF_DIET]);
	int rc = check_twice(ri, r, key, err);
	free(key);
	bool replaced = false;
	if (rc != 0 || write_record(ri, r, plan_id, trip, stop, delivered,
				    &replaced, err) != 0)
		return -1;
	struct rec_service *s = service_of(ri, plan_id, r, kitchen);
	s->rows++;
	s->replaced += replaced;
	s->planned += ps.boxes;
	s->delivered += (int)delivered;
	ri->stats->rows++;
	ri->stats->replaced += replaced;
	return 0;
}

/* --- CSV ------------------------------------------------------------------ */

static int csv_header(struct rec_import *ri, const struct csv_record *rec,
		      struct mr_error *err)
{
	static const int required[] = { RF_DATE, RF_MEAL, RF_TRIP, RF_STOP,
					RF_MEAL_POINT, RF_DIET };
	bool seen[RECORD_NFIELDS] = { false };
	ri->ncols = rec->nfields;
	ri->field_of_col = xcalloc((size_t)rec->nfields, sizeof(int));
	for (int c = 0; c < rec->nfields; c++) {
		int f = 0;
		while (f < RECORD_NFIELDS &&
		       strcmp(record_fields[f], rec->fields[c]))
			f++;
		if (f == RECORD_NFIELDS)
			return mr_fail(err, EX_DATAERR, "%s:%d:%d: unknown "
				       "column '%.40s' for records", rec->path,
				       rec->line, c + 1, rec->fields[c]);
		if (seen[f])
			return mr_fail(err, EX_DATAERR, "%s:%d:%d: column "
				       "'%s' appears twice", rec->path,
				       rec->line, c + 1, rec->fields[c]);
		seen[f] = true;
		ri->field_of_col[c] = f;
	}
	for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (!seen[required[i]])
			return mr_fail(err, EX_DATAERR, "%s:%d: missing column "
				       "'%s'", rec->path, rec->line,
				       record_fields[required[i]]);
	return 0;
}

static int csv_row(const struct csv_record *rec, void *ctx,
		   struct mr_error *err)
{
	struct rec_import *ri = ctx;
	if (!ri->field_of_col)
		return csv_header(ri, rec, err);
	bool empty = true;
	for (int c = 0; c < rec->nfields; c++)
		empty &= rec->lengths[c] == 0;
	if (empty)
		return 0; /* a row of empty cells, as spreadsheets leave */
	if (rec->nfields != ri->ncols)
		return mr_fail(err, EX_DATAERR, "%s:%d:%d: %d fields, but the "
			       "header has %d", rec->path, rec->line,
			       (rec->nfields < ri->ncols ? rec->nfields
							 : ri->ncols) + 1,
			       rec->nfields, ri->ncols);
	struct rec_row r = { .path = rec->path, .line = rec->line };
	for (int f = 0; f < RECORD_NFIELDS; f++)
		r.v[f] = "";
	for (int c = 0; c < rec->nfields; c++) {
		r.v[ri->field_of_col[c]] = rec->fields[c];
		r.col[ri->field_of_col[c]] = c + 1;
	}
	return record_row(ri, &r, err);
}

/* --- JSON ----------------------------------------------------------------- */

/* Record i (from 1) of a JSON list: its fields as text. */
static int json_row(struct rec_import *ri, const char *path, int i,
		    json_t *o, struct mr_error *err)
{
	if (!json_is_object(o))
		return mr_fail(err, EX_DATAERR, "%s: record %d: not an object",
			       path, i);
	struct rec_row r = { .path = path, .index = i };
	char num[RECORD_NFIELDS][32];
	for (int f = 0; f < RECORD_NFIELDS; f++)
		r.v[f] = "";
	const char *key;
	json_t *v;
	json_object_foreach(o, key, v) {
		int f = 0;
		while (f < RECORD_NFIELDS && strcmp(record_fields[f], key))
			f++;
		if (f == RECORD_NFIELDS)
			return mr_fail(err, EX_DATAERR, "%s: record %d: unknown "
				       "field '%.40s'", path, i, key);
		if (json_is_string(v)) {
			r.v[f] = json_string_value(v);
		} else if (json_is_integer(v)) {
			snprintf(num[f], sizeof(num[f]), "%lld",
				 (long long)json_integer_value(v));
			r.v[f] = num[f];
		} else if (json_is_real(v)) {
			snprintf(num[f], sizeof(num[f]), "%.10g",
				 json_real_value(v));
			r.v[f] = num[f];
		} else if (!json_is_null(v)) {
			return bad(&r, f, err, "not a string or a number");
		}
	}
	return record_row(ri, &r, err);
}

static int read_json(struct rec_import *ri, const char *path,
		     struct mr_error *err)
{
	struct stat sb;
	if (stat(path, &sb) != 0)
		return mr_fail(err, EX_NOINPUT, "%s: %s", path,
			       strerror(errno));
	if (!S_ISREG(sb.st_mode))
		return mr_fail(err, EX_NOINPUT, "%s: not a regular file",
			       path);
	json_error_t jerr;
	json_t *list = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (!list)
		return mr_fail(err, EX_DATAERR, "%s:%d:%d: %s", path,
			       jerr.line, jerr.column, jerr.text);
	int rc = 0;
	if (!json_is_array(list))
		rc = mr_fail(err, EX_DATAERR, "%s: not a JSON list of records",
			     path);
	for (size_t i = 0; rc == 0 && i < json_array_size(list); i++)
		rc = json_row(ri, path, (int)i + 1, json_array_get(list, i),
			      err);
	json_decref(list);
	return rc;
}

/* --- the import ----------------------------------------------------------- */

static int read_file(struct rec_import *ri, const char *path,
		     struct mr_error *err)
{
	const char *base = strrchr(path, '/');
	ri->source = base ? base + 1 : path;
	if (store_exec(ri->st, "DELETE FROM temp.record_seen", err) != 0)
		return -1;
	size_t n = strlen(path);
	if (n > 5 && !strcasecmp(path + n - 5, ".json"))
		return read_json(ri, path, err);
	free(ri->field_of_col);
	ri->field_of_col = NULL;
	return csv_read_file(path, csv_row, ri, err);
}

/* INSERT of a record (?1 to ?12 in the order of columns), replacing the
 * record of its stop and diet: the first four columns are the key. */
static sqlite3_stmt *prepare_upsert(struct store *st, struct mr_error *err)
{
	static const char *const columns[] = {
		"plan_id", "route_id", "seq", "diet", "boxes_delivered",
		"arrived_at", "temperature_c", "received_by",
		"not_delivered_reason", "note", "source", "recorded_at",
	};
	struct strbuf sql = STRBUF_INIT, sets = STRBUF_INIT;
	strbuf_addstr(&sql, "INSERT INTO deliveries VALUES (");
	for (int i = 0; i < 12; i++) {
		strbuf_addf(&sql, "%s?%d", i ? ", " : "", i + 1);
		if (i >= 4)
			strbuf_addf(&sets, "%s%s = excluded.%s",
				    i > 4 ? ", " : "", columns[i], columns[i]);
	}
	strbuf_addf(&sql, ") ON CONFLICT (plan_id, route_id, seq, diet) DO "
		    "UPDATE SET %s", sets.buf);
	sqlite3_stmt *q = store_prepare(st, sql.buf, err);
	strbuf_release(&sql);
	strbuf_release(&sets);
	return q;
}

static int prepare(struct rec_import *ri, struct mr_error *err)
{
	struct store *st = ri->st;
	if (store_exec(st, "CREATE TEMP TABLE IF NOT EXISTS record_seen "
		       "(key TEXT PRIMARY KEY, line INTEGER NOT NULL)", err))
		return -1;
	ri->plan = store_prepare(st, "SELECT " PLAN_DRIVEN_SQL ", count(DISTINCT "
		"kitchen_id), max(kitchen_id) FROM plans WHERE date = ?1 AND meal = ?2 AND "
		"(?3 = '' OR kitchen_id = ?3)", err);
	ri->stop = store_prepare(st, "SELECT s.meal_point_id, "
		"json_extract(s.diets, ?4), t.vehicle_id, t.depart FROM "
		"plan_stops s JOIN plan_trips t ON t.plan_id = s.plan_id AND "
		"t.route_id = s.route_id WHERE s.plan_id = ?1 AND s.route_id "
		"= ?2 AND s.seq = ?3", err);
	ri->trip = store_prepare(st, "SELECT count(*) FROM plan_stops "
		"WHERE plan_id = ?1 AND route_id = ?2", err);
	ri->exists = store_prepare(st, "SELECT 1 FROM deliveries WHERE "
		"plan_id = ?1 AND route_id = ?2 AND seq = ?3 AND diet = ?4",
		err);
	ri->upsert = prepare_upsert(st, err);
	ri->seen_add = store_prepare(st, "INSERT INTO temp.record_seen "
		"VALUES (?1, ?2) ON CONFLICT DO NOTHING", err);
	ri->seen_get = store_prepare(st, "SELECT line FROM temp.record_seen "
		"WHERE key = ?1", err);
	return ri->plan && ri->stop && ri->trip && ri->exists && ri->upsert &&
	       ri->seen_add && ri->seen_get ? 0 : -1;
}

static int by_service(const void *a, const void *b)
{
	const struct rec_service *x = a, *y = b;
	int c = strcmp(x->date, y->date);
	if (!c)
		c = strcmp(x->kitchen_id, y->kitchen_id);
	if (!c)
		c = strcmp(x->meal, y->meal);
	return c;
}

/* What is still missing on date at kitchen_id, a line per stop, into
 * out, then a line that sums it up. */
static int report_missing(struct store *st, const char *date,
			  const char *kitchen_id, struct strbuf *out,
			  struct mr_error *err)
{
	sqlite3_stmt *q = store_prepare(st, "SELECT p.meal, s.route_id, "
		"s.seq, s.meal_point_id, j.key, j.value FROM plans p JOIN "
		"plan_stops s ON s.plan_id = p.id, json_each(s.diets) j WHERE "
		"p.id IN (SELECT " PLAN_DRIVEN_SQL " FROM plans WHERE date = ?1 AND "
		"kitchen_id = ?2 GROUP BY meal) AND NOT EXISTS (SELECT 1 FROM "
		"deliveries d WHERE d.plan_id = s.plan_id AND d.route_id = "
		"s.route_id AND d.seq = s.seq AND d.diet = j.key) ORDER BY "
		"p.meal, s.route_id, s.seq, j.id", err);
	if (!q)
		return -1;
	sqlite3_bind_text(q, 1, date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, kitchen_id, -1, SQLITE_TRANSIENT);
	int rc, stops = 0, boxes = 0, last_route = -1, last_seq = -1;
	char last_meal[16] = "";
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int route = sqlite3_column_int(q, 1), seq = sqlite3_column_int(q, 2);
		bool same = route == last_route && seq == last_seq &&
			    !strcmp(last_meal, store_text(q, 0));
		if (!same) {
			strbuf_addf(out, "%s%s %s at %s: missing trip %d stop "
				    "%d %s:", stops ? "\n" : "", date,
				    store_text(q, 0), kitchen_id, route, seq,
				    store_text(q, 3));
			stops++;
			snprintf(last_meal, sizeof(last_meal), "%s",
				 store_text(q, 0));
			last_route = route;
			last_seq = seq;
		}
		strbuf_addf(out, "%s %s %d", same ? "," : "",
			    store_text(q, 4), sqlite3_column_int(q, 5));
		boxes += sqlite3_column_int(q, 5);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, "cannot read the records");
	if (stops)
		strbuf_addf(out, "\n%s at %s: %d stop%s (%d boxes) still "
			    "missing\n", date, kitchen_id, stops,
			    stops == 1 ? "" : "s", boxes);
	else
		strbuf_addf(out, "%s at %s: every stop recorded\n", date,
			    kitchen_id);
	return 0;
}

/* The report of the import: each service recorded, then per day what is
 * still missing. */
static int report(struct rec_import *ri, struct mr_error *err)
{
	struct strbuf *out = &ri->stats->report;
	qsort(ri->services, (size_t)ri->nservices, sizeof(*ri->services),
	      by_service);
	for (int i = 0; i < ri->nservices; i++) {
		const struct rec_service *s = &ri->services[i];
		strbuf_addf(out, "%s %s at %s (plan %lld): recorded %d row%s",
			    s->date, s->meal, s->kitchen_id, s->plan_id,
			    s->rows, s->rows == 1 ? "" : "s");
		if (s->replaced)
			strbuf_addf(out, " (%d replacing earlier records)",
				    s->replaced);
		strbuf_addf(out, ": %d of %d boxes delivered\n", s->delivered,
			    s->planned);
	}
	for (int i = 0; i < ri->nservices; i++) {
		const struct rec_service *s = &ri->services[i];
		if (i && !strcmp(s->date, s[-1].date) &&
		    !strcmp(s->kitchen_id, s[-1].kitchen_id))
			continue;
		if (report_missing(ri->st, s->date, s->kitchen_id, out,
				   err) != 0)
			return -1;
	}
	return 0;
}

int store_record(struct store *st, const char *const *paths, int npaths,
		 struct record_stats *stats, struct mr_error *err)
{
	memset(stats, 0, sizeof(*stats));
	strbuf_init(&stats->report);
	char now[32];
	utc_now(now);
	struct rec_import ri = { .st = st, .stats = stats, .now = now };
	int rc = -1;
	if (prepare(&ri, err) != 0 ||
	    store_exec(st, "BEGIN IMMEDIATE", err) != 0)
		goto out;
	for (int i = 0; i < npaths; i++) {
		if (read_file(&ri, paths[i], err) != 0)
			goto rollback;
		stats->files++;
	}
	if (report(&ri, err) != 0 || store_exec(st, "COMMIT", err) != 0)
		goto rollback;
	rc = 0;
	goto out;
rollback:
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	stats->rows = stats->replaced = stats->blank = 0;
	strbuf_reset(&stats->report);
out:
	sqlite3_finalize(ri.plan);
	sqlite3_finalize(ri.stop);
	sqlite3_finalize(ri.trip);
	sqlite3_finalize(ri.exists);
	sqlite3_finalize(ri.upsert);
	sqlite3_finalize(ri.seen_add);
	sqlite3_finalize(ri.seen_get);
	for (int i = 0; i < ri.nservices; i++)
		free(ri.services[i].kitchen_id);
	free(ri.services);
	free(ri.field_of_col);
	return rc;
}

void record_stats_release(struct record_stats *stats)
{
	strbuf_release(&stats->report);
}

static int filled_row(const struct csv_record *rec, void *ctx,
		      struct mr_error *err)
{
	(void)err;
	bool *filled = ctx;
	if (rec->line > 1)
		for (int f = RF_ARRIVED_AT; f < RECORD_NFIELDS &&
					    f < rec->nfields; f++)
			*filled = *filled || rec->lengths[f] > 0;
	return 0;
}

int records_file_filled(const char *path, bool *filled,
			struct mr_error *err)
{
	*filled = false;
	if (access(path, F_OK) != 0)
		return 0;
	return csv_read_file(path, filled_row, filled, err);
}
