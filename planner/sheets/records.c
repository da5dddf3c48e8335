/*
 * records.csv, the record sheet of a plan (see sheets.h): one row per stop
 * and diet with what the plan says (date, meal, trip, vehicle, stop, meal
 * point, diet, boxes, window, planned arrival) and empty columns for what
 * happened, which a clerk fills in from the signed dispatch sheets and
 * `mealrun record` reads back (docs/records.md). Written from the same
 * day_plan as the dispatch sheet, so the two never disagree.
 */
#include "planner/sheets/sheets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/records.h"
#include "util/outfile.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

void csv_add_field(struct strbuf *sb, const char *s, bool last)
{
	/* RFC 4180: a field with a comma, quote or line break is quoted,
	 * its quotes doubled; so is one with blanks at its ends, which a
	 * reader would otherwise trim. Text a spreadsheet would take for a
	 * formula ("=HYPERLINK(...)", "+1+1", "@SUM") starts with an
	 * apostrophe, which spreadsheets show as text; numbers ("-5") are
	 * left as they are. */
	size_t n = strlen(s);
	char *end = NULL;
	bool formula = n && strchr("=+-@\t", s[0]) && (strtod(s, &end), *end);
	bool quote = strpbrk(s, ",\"\r\n") ||
		     (n && (s[0] == ' ' || s[n - 1] == ' '));
	if (quote)
		strbuf_addch(sb, '"');
	if (formula)
		strbuf_addch(sb, '\'');
	for (const char *p = s; *p; p++) {
		if (quote && *p == '"')
			strbuf_addch(sb, '"');
		strbuf_addch(sb, *p);
	}
	if (quote)
		strbuf_addch(sb, '"');
	strbuf_addstr(sb, last ? "\r\n" : ",");
}

void csv_add_row(struct strbuf *sb, const char *const *fields, int n)
{
	for (int i = 0; i < n; i++)
		csv_add_field(sb, fields[i] ? fields[i] : "", i == n - 1);
}

/* The rows of trip t, one per stop and diet with boxes. */
static void trip_rows(const struct day_plan *plan, const struct plan_trip *t,
		      struct strbuf *csv)
{
	const struct service *sv = plan->sv;
	const struct vehicle *v = &sv->vehicles[t->vehicle];
	char trip[16], stop[16], boxes[16], open[16], close[16], eta[16];
	snprintf(trip, sizeof(trip), "%d", t->id);
	for (int k = 0; k < t->nstops; k++) {
		const struct plan_stop *s = &t->stops[k];
		const struct meal_point *m = &sv->meal_points[s->meal_point];
		snprintf(stop, sizeof(stop), "%d", k + 1);
		clock_format(m->open, open);
		clock_format(m->close, close);
		clock_format(s->arrive, eta);
		for (int d = 0; d < sv->ndiets; d++) {
			if (!m->boxes[d])
				continue;
			snprintf(boxes, sizeof(boxes), "%d", m->boxes[d]);
			const char *row[RECORD_NFIELDS] = {
				[RF_DATE] = sv->date, [RF_MEAL] = sv->meal,
				[RF_KITCHEN] = sv->kitchen.id,
				[RF_TRIP] = trip, [RF_VEHICLE] = v->id,
				[RF_STOP] = stop, [RF_MEAL_POINT] = m->id,
				[RF_NAME] = m->name,
				[RF_DIET] = sv->diets[d].code,
				[RF_BOXES_PLANNED] = boxes,
				[RF_WINDOW_OPEN] = m->has_window ? open : "",
				[RF_WINDOW_CLOSE] = m->has_window ? close : "",
				[RF_PLANNED_ARRIVAL] = eta,
			};
			csv_add_row(csv, row, RECORD_NFIELDS);
		}
	}
}

int plan_write_records(const struct day_plan *plan, const char *dir,
		       struct mr_error *err)
{
	struct strbuf csv = STRBUF_INIT;
	csv_add_row(&csv, record_fields, RECORD_NFIELDS);
	for (int i = 0; i < plan->ntrips; i++)
		trip_rows(plan, &plan->trips[i], &csv);
	char *path = xasprintf("%s/records.csv", dir);
	int rc = outfile_write_all(path, csv.buf ? csv.buf : "", csv.len, err);
	free(path);
	strbuf_release(&csv);
	return rc;
}
