/*
 * The report as a sheet (see report.h), written as report.html and
 * report.pdf from the same blocks: the month at a glance with the plots
 * of deliveries and punctuality; per day; per meal point and diet with
 * the reasons boxes were not delivered; food safety and punctuality in
 * detail; per vehicle. Every table of boxes ends in a total row, and the
 * totals are the same in each.
 */
#include "planner/sheets/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/timefmt.h"
#include "util/xalloc.h"

/* "a / b (x %)", or "–" when b is 0. */
static void share(char *out, size_t size, int a, int b)
{
	if (b)
		snprintf(out, size, "%d / %d (%.1f %%)", a, b, 100.0 * a / b);
	else
		snprintf(out, size, "–");
}

/* Cells of a sum: planned, delivered, not delivered, not recorded. */
static void sum_cells(const struct report_sum *s, char cells[4][16])
{
	snprintf(cells[0], 16, "%d", s->planned);
	snprintf(cells[1], 16, "%d", s->delivered);
	snprintf(cells[2], 16, "%d", s->not_delivered);
	snprintf(cells[3], 16, "%d", s->not_recorded);
}

static void image(struct sheet *s, const char *dir, const char *name,
		  const char *alt)
{
	char *href = xasprintf("plots/%s.svg", name);
	char *file = xasprintf("%s/%s", dir, href);
	sheet_image(s, href, file, alt, 190, 55);
	free(file);
	free(href);
}

static void summary(struct sheet *s, const char *dir,
		    const struct month_records *m,
		    const struct month_report *r, enum lang lang)
{
	struct strbuf name = STRBUF_INIT;
	char buf[96];
	const char *kitchen = lang_pick(lang, m->kitchen.name,
					m->kitchen.name_en, &name);
	sheet_section(s, "summary", NULL);
	sheet_heading(s, 1, "%s · %s · %s", label(lang, L_REPORT), m->month,
		      kitchen);
	const struct report_sum *t = &r->total;
	sheet_text(s, SHEET_BOLD | SHEET_LARGE, "balance",
		   "%s %d = %s %d + %s %d + %s %d", label(lang, L_PLANNED),
		   t->planned, label(lang, L_DELIVERED), t->delivered,
		   label(lang, L_NOT_DELIVERED), t->not_delivered,
		   label(lang, L_NOT_RECORDED), t->not_recorded);
	struct sheet_table *f = sheet_facts(s, 2, 45, 50);
	sheet_fact(f, label(lang, L_MONTH), m->month);
	sheet_fact(f, label(lang, L_KITCHEN), kitchen);
	snprintf(buf, sizeof(buf), "%d", r->nservices);
	sheet_fact(f, label(lang, L_SERVICES), buf);
	snprintf(buf, sizeof(buf), "%d", m->ntrips);
	sheet_fact(f, label(lang, L_TRIPS), buf);
	share(buf, sizeof(buf), r->stops_on_time, r->stops_timed);
	sheet_fact(f, label(lang, L_ON_TIME), buf);
	share(buf, sizeof(buf), r->boxes_within, r->boxes_timed);
	sheet_fact(f, label(lang, L_WITHIN_LIMIT), buf);
	snprintf(buf, sizeof(buf), "%d / %d (< %g °C)", r->ncold, r->ntemps,
		 m->cold_below_c);
	sheet_fact(f, label(lang, L_COLD), buf);
	snprintf(buf, sizeof(buf), "%d", r->days_missing);
	sheet_fact(f, label(lang, L_MISSING_DAYS), buf);
	snprintf(buf, sizeof(buf), "%d", m->unassigned_boxes);
	sheet_fact(f, label(lang, L_UNASSIGNED_BOXES), buf);
	sheet_heading(s, 2, "%s", label(lang, L_PLOT_DELIVERED));
	image(s, dir, "delivered", label(lang, L_PLOT_DELIVERED));
	sheet_heading(s, 2, "%s", label(lang, L_PLOT_ON_TIME));
	image(s, dir, "on-time", label(lang, L_PLOT_ON_TIME));
	strbuf_release(&name);
}

static void per_day(struct sheet *s, const struct month_report *r,
		    enum lang lang)
{
	static const struct sheet_col cols[] = {
		{ 22, SHEET_BOLD }, { 18, 0 }, { 17, SHEET_RIGHT },
		{ 17, SHEET_RIGHT }, { 18, SHEET_RIGHT }, { 18, SHEET_RIGHT },
		{ 30, SHEET_RIGHT }, { 30, SHEET_RIGHT }, { 20, SHEET_RIGHT },
	};
	const char *head[] = {
		label(lang, L_DATE), label(lang, L_MEAL), label(lang, L_PLANNED),
		label(lang, L_DELIVERED), label(lang, L_NOT_DELIVERED),
		label(lang, L_NOT_RECORDED), label(lang, L_ON_TIME),
		label(lang, L_WITHIN_LIMIT), label(lang, L_COLD),
	};
	sheet_section(s, "days", NULL);
	sheet_heading(s, 1, "%s", label(lang, L_PER_DAY));
	sheet_running_header(s);
	struct sheet_table *t = sheet_table(s, 9, cols, head);
	char sum[4][16], on[48], within[48], cold[16];
	int cold_total = 0;
	for (int i = 0; i < r->nservices; i++) {
		const struct report_service *x = &r->services[i];
		sum_cells(&x->sum, sum);
		share(on, sizeof(on), x->stops_on_time, x->stops_timed);
		share(within, sizeof(within), x->boxes_within, x->boxes_timed);
		snprintf(cold, sizeof(cold), "%d", x->cold);
		cold_total += x->cold;
		const char *row[] = { x->date, label_of_code(lang, x->meal),
				      sum[0], sum[1], sum[2], sum[3], on,
				      within, cold };
		sheet_row(t, row, 0);
	}
	sum_cells(&r->total, sum);
	share(on, sizeof(on), r->stops_on_time, r->stops_timed);
	share(within, sizeof(within), r->boxes_within, r->boxes_timed);
	snprintf(cold, sizeof(cold), "%d", cold_total);
	const char *row[] = { label(lang, L_TOTAL), NULL, sum[0], sum[1],
			      sum[2], sum[3], on, within, cold };
	sheet_row(t, row, SHEET_BOLD);
}

static void reasons(struct sheet *s, const struct month_report *r,
		    enum lang lang)
{
	static const struct sheet_col cols[] = {
		{ 140, 0 }, { 25, SHEET_RIGHT }, { 25, SHEET_RIGHT },
	};
	const char *head[] = { label(lang, L_REASON), label(lang, L_RECORDS),
			       label(lang, L_NOT_DELIVERED) };
	sheet_heading(s, 2, "%s", label(lang, L_REASONS));
	if (!r->nreasons) {
		sheet_text(s, 0, NULL, "%s", label(lang, L_NONE));
		return;
	}
	struct sheet_table *t = sheet_table(s, 3, cols, head);
	char rows[16], boxes[16];
	int total = 0;
	for (int i = 0; i < r->nreasons; i++) {
		snprintf(rows, sizeof(rows), "%d", r->reasons[i].rows);
		snprintf(boxes, sizeof(boxes), "%d", r->reasons[i].boxes);
		total += r->reasons[i].boxes;
		const char *row[] = { r->reasons[i].reason, rows, boxes };
		sheet_row(t, row, 0);
	}
	snprintf(boxes, sizeof(boxes), "%d", total);
	const char *row[] = { label(lang, L_TOTAL), NULL, boxes };
	sheet_row(t, row, SHEET_BOLD);
}

static void per_point_diet(struct sheet *s, const struct month_records *m,
			   const struct month_report *r, enum lang lang)
{
	static const struct sheet_col cols[] = {
		{ 62, SHEET_BOLD }, { 56, 0 }, { 18, SHEET_RIGHT },
		{ 18, SHEET_RIGHT }, { 18, SHEET_RIGHT }, { 18, SHEET_RIGHT },
	};
	const char *head[] = {
		label(lang, L_MEAL_POINT), label(lang, L_DIETS),
		label(lang, L_PLANNED), label(lang, L_DELIVERED),
		label(lang, L_NOT_DELIVERED), label(lang, L_NOT_RECORDED),
	};
	sheet_section(s, "points", NULL);
	sheet_heading(s, 1, "%s", label(lang, L_PER_POINT_DIET));
	sheet_running_header(s);
	struct sheet_table *t = sheet_table(s, 6, cols, head);
	struct strbuf place = STRBUF_INIT, diet = STRBUF_INIT;
	char sum[4][16];
	for (int i = 0; i < r->npd; i++) {
		const struct report_point_diet *x = &r->pd[i];
		const struct month_name *p = &m->points[x->meal_point];
		const struct month_name *d = &m->diets[x->diet];
		strbuf_reset(&place);
		if (!i || r->pd[i - 1].meal_point != x->meal_point)
			strbuf_addf(&place, "%s %s", p->id, p->name);
		sum_cells(&x->sum, sum);
		const char *row[] = {
			place.len ? strbuf_str(&place) : NULL,
			lang_pick(lang, d->name, d->name_en, &diet),
			sum[0], sum[1], sum[2], sum[3],
		};
		sheet_row(t, row, 0);
	}
	sum_cells(&r->total, sum);
	const char *row[] = { label(lang, L_TOTAL), NULL, sum[0], sum[1],
			      sum[2], sum[3] };
	sheet_row(t, row, SHEET_BOLD);
	strbuf_release(&place);
	strbuf_release(&diet);
	reasons(s, r, lang);
}

/* The columns that place a row: date, meal, trip, stop, meal point. */
static void place_cells(const struct month_records *m, int i, enum lang lang,
			char trip[16], char stop[16], struct strbuf *point,
			const char **cells)
{
	const struct month_row *r = &m->rows[i];
	const struct month_trip *t = &m->trips[r->trip];
	snprintf(trip, 16, "%02d", t->route_id);
	snprintf(stop, 16, "%d", r->seq);
	strbuf_reset(point);
	strbuf_addf(point, "%s %s", m->points[r->meal_point].id,
		    m->points[r->meal_point].name);
	cells[0] = t->date;
	cells[1] = label_of_code(lang, t->meal);
	cells[2] = trip;
	cells[3] = stop;
	cells[4] = strbuf_str(point);
}

/* The most rows the lists of cold and late deliveries print: a city's
 * month has thousands, which report.csv holds. */
#define REPORT_LIST_MAX 200

/* After a list cut at REPORT_LIST_MAX, how many more there are. */
static void more_in_csv(struct sheet *s, int n, enum lang lang)
{
	if (n > REPORT_LIST_MAX)
		sheet_text(s, SHEET_SMALL, NULL, "+ %d %s", n - REPORT_LIST_MAX,
			   label(lang, L_MORE_IN_CSV));
}

static void cold_table(struct sheet *s, const struct month_records *m,
		       const struct month_report *r, enum lang lang)
{
	static const struct sheet_col cols[] = {
		{ 22, SHEET_BOLD }, { 18, 0 }, { 12, SHEET_RIGHT },
		{ 10, SHEET_RIGHT }, { 66, SHEET_FIRST_BOLD }, { 32, 0 },
		{ 14, SHEET_RIGHT }, { 16, SHEET_RIGHT | SHEET_BOLD },
	};
	const char *head[] = {
		label(lang, L_DATE), label(lang, L_MEAL), label(lang, L_TRIP),
		label(lang, L_STOP), label(lang, L_MEAL_POINT),
		label(lang, L_DIETS), label(lang, L_BOXES), label(lang, L_TEMP),
	};
	sheet_heading(s, 2, "%s (< %g °C)", label(lang, L_COLD),
		      m->cold_below_c);
	if (!r->ncold) {
		sheet_text(s, 0, NULL, "%s", label(lang, L_NONE));
		return;
	}
	struct sheet_table *t = sheet_table(s, 8, cols, head);
	struct strbuf point = STRBUF_INIT, diet = STRBUF_INIT;
	char trip[16], stop[16], boxes[16], temp[16];
	for (int k = 0; k < r->ncold && k < REPORT_LIST_MAX; k++) {
		const struct month_row *row = &m->rows[r->cold[k]];
		const struct month_name *d = &m->diets[row->diet];
		const char *cells[8];
		place_cells(m, r->cold[k], lang, trip, stop, &point, cells);
		snprintf(boxes, sizeof(boxes), "%d", row->delivered);
		snprintf(temp, sizeof(temp), "%g", row->temperature);
		cells[5] = lang_pick(lang, d->name, d->name_en, &diet);
		cells[6] = boxes;
		cells[7] = temp;
		sheet_row(t, cells, 0);
	}
	more_in_csv(s, r->ncold, lang);
	strbuf_release(&point);
	strbuf_release(&diet);
}

static void late_table(struct sheet *s, const struct month_records *m,
		       const struct month_report *r, enum lang lang)
{
	static const struct sheet_col cols[] = {
		{ 22, SHEET_BOLD }, { 18, 0 }, { 12, SHEET_RIGHT },
		{ 10, SHEET_RIGHT }, { 66, SHEET_FIRST_BOLD }, { 24, 0 },
		{ 18, SHEET_RIGHT }, { 20, SHEET_RIGHT | SHEET_BOLD },
	};
	const char *head[] = {
		label(lang, L_DATE), label(lang, L_MEAL), label(lang, L_TRIP),
		label(lang, L_STOP), label(lang, L_MEAL_POINT),
		label(lang, L_WINDOW), label(lang, L_ARRIVED),
		label(lang, L_OFF_MIN),
	};
	sheet_heading(s, 2, "%s", label(lang, L_OUTSIDE_WINDOW));
	if (!r->nlate) {
		sheet_text(s, 0, NULL, "%s", label(lang, L_NONE));
		return;
	}
	struct sheet_table *t = sheet_table(s, 8, cols, head);
	struct strbuf point = STRBUF_INIT;
	char trip[16], stop[16], open[16], close[16], window[40], at[16],
	     off[16];
	for (int k = 0; k < r->nlate && k < REPORT_LIST_MAX; k++) {
		const struct report_stop *x = &r->late[k];
		const struct month_row *row = &m->rows[x->row];
		const char *cells[8];
		place_cells(m, x->row, lang, trip, stop, &point, cells);
		clock_format(row->window_open, open);
		clock_format(row->window_close, close);
		snprintf(window, sizeof(window), "%s–%s", open, close);
		clock_format(x->arrived, at);
		snprintf(off, sizeof(off), "%+d", x->off_min);
		cells[5] = window;
		cells[6] = at;
		cells[7] = off;
		sheet_row(t, cells, 0);
	}
	more_in_csv(s, r->nlate, lang);
	strbuf_release(&point);
}

static void missing_table(struct sheet *s, const struct month_report *r,
			  enum lang lang)
{
	static const struct sheet_col cols[] = {
		{ 30, SHEET_BOLD }, { 30, 0 }, { 40, SHEET_RIGHT },
	};
	const char *head[] = { label(lang, L_DATE), label(lang, L_MEAL),
			       label(lang, L_NOT_RECORDED) };
	sheet_heading(s, 2, "%s", label(lang, L_MISSING_DAYS));
	if (!r->days_missing) {
		sheet_text(s, 0, NULL, "%s", label(lang, L_NONE));
		return;
	}
	struct sheet_table *t = sheet_table(s, 3, cols, head);
	char boxes[16];
	for (int i = 0; i < r->nservices; i++) {
		const struct report_service *x = &r->services[i];
		if (!x->missing)
			continue;
		snprintf(boxes, sizeof(boxes), "%d", x->sum.not_recorded);
		const char *row[] = { x->date, label_of_code(lang, x->meal),
				      boxes };
		sheet_row(t, row, 0);
	}
}

static void safety(struct sheet *s, const char *dir,
		   const struct month_records *m,
		   const struct month_report *r, enum lang lang)
{
	char buf[96];
	sheet_section(s, "safety", NULL);
	sheet_heading(s, 1, "%s · %s", label(lang, L_FOOD_SAFETY),
		      label(lang, L_PUNCTUALITY));
	sheet_running_header(s);
	struct sheet_table *f = sheet_facts(s, 2, 45, 50);
	share(buf, sizeof(buf), r->boxes_within, r->boxes_timed);
	sheet_fact(f, label(lang, L_WITHIN_LIMIT), buf);
	share(buf, sizeof(buf), r->stops_on_time, r->stops_timed);
	sheet_fact(f, label(lang, L_ON_TIME), buf);
	snprintf(buf, sizeof(buf), "%g °C", m->cold_below_c);
	sheet_fact(f, label(lang, L_COLD_BELOW), buf);
	snprintf(buf, sizeof(buf), "%d / %d", r->ncold, r->ntemps);
	sheet_fact(f, label(lang, L_COLD), buf);
	sheet_heading(s, 2, "%s", label(lang, L_PLOT_TEMPS));
	image(s, dir, "temperatures", label(lang, L_PLOT_TEMPS));
	cold_table(s, m, r, lang);
	late_table(s, m, r, lang);
	missing_table(s, r, lang);
}

static void per_vehicle(struct sheet *s, const struct month_records *m,
			const struct month_report *r, enum lang lang)
{
	static const struct sheet_col cols[] = {
		{ 70, SHEET_FIRST_BOLD }, { 30, SHEET_RIGHT },
		{ 30, SHEET_RIGHT }, { 30, SHEET_RIGHT },
	};
	const char *head[] = { label(lang, L_VEHICLE), label(lang, L_TRIPS),
			       label(lang, L_DISTANCE), label(lang, L_HOURS) };
	sheet_section(s, "vehicles", NULL);
	sheet_heading(s, 1, "%s", label(lang, L_PER_VEHICLE));
	sheet_running_header(s);
	struct sheet_table *t = sheet_table(s, 4, cols, head);
	char trips[16], km[32], hours[32];
	struct strbuf own = STRBUF_INIT;
	struct report_vehicle total = { 0 };
	for (int v = 0; v < m->nvehicles; v++) {
		const struct report_vehicle *x = &r->vehicles[v];
		if (!x->trips)
			continue;
		char *name = xasprintf("%s\n%s", m->vehicles[v].id,
				       lang_pick(lang, m->vehicles[v].name,
						 m->vehicles[v].name_en, &own));
		snprintf(trips, sizeof(trips), "%d", x->trips);
		snprintf(km, sizeof(km), "%.1f km", x->km);
		snprintf(hours, sizeof(hours), "%.1f", x->hours);
		total.trips += x->trips;
		total.km += x->km;
		total.hours += x->hours;
		const char *row[] = { name, trips, km, hours };
		sheet_row(t, row, 0);
		free(name);
	}
	strbuf_release(&own);
	snprintf(trips, sizeof(trips), "%d", total.trips);
	snprintf(km, sizeof(km), "%.1f km", total.km);
	snprintf(hours, sizeof(hours), "%.1f", total.hours);
	const char *row[] = { label(lang, L_TOTAL), trips, km, hours };
	sheet_row(t, row, SHEET_BOLD);
}

int report_write_sheet(const char *dir, const struct month_records *m,
		       const struct month_report *r, enum lang lang,
		       struct mr_error *err)
{
	if (report_write_plots(dir, m, r, lang, err) != 0)
		return -1;
	struct strbuf name = STRBUF_INIT;
	const char *kitchen = lang_pick(lang, m->kitchen.name,
					m->kitchen.name_en, &name);
	char *text = xasprintf("%s %s", label(lang, L_REPORT), m->month);
	struct sheet s;
	sheet_init(&s, text, lang_tag(lang), label(lang, L_CONTINUED));
	free(text);
	text = xasprintf("%s · %s %s · %s", kitchen,
			 label(lang, L_KITCHEN_PHONE), m->kitchen_phone,
			 m->month);
	sheet_set_footer(&s, text, label(lang, L_PAGE));
	free(text);
	summary(&s, dir, m, r, lang);
	per_day(&s, r, lang);
	per_point_diet(&s, m, r, lang);
	safety(&s, dir, m, r, lang);
	per_vehicle(&s, m, r, lang);
	int rc = plan_sheet_write(&s, dir, "report", NULL, err);
	sheet_release(&s);
	strbuf_release(&name);
	return rc;
}
