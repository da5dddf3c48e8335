/*
 * The month's report worked out and written (see report.h). Every figure
 * comes from one pass over the month's rows, so that each table sums to
 * the same totals, and report.csv holds the rows themselves with the
 * flags the tables count (in the window, within the food limit, cold).
 */
#include "planner/sheets/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/outfile.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

static const char *const report_names[] = {
	"report.csv", "report.html", "report.pdf", "plots", NULL,
};

static const struct output_kind report_kind = { "report", "report.csv",
						report_names };

int report_outputs_open(struct plan_outputs *po, const char *dir,
			struct mr_error *err)
{
	return outputs_open(po, dir, &report_kind, err);
}

static void sum_add(struct report_sum *s, const struct month_row *r)
{
	s->planned += r->planned;
	if (!r->recorded) {
		s->not_recorded += r->planned;
		return;
	}
	s->delivered += r->delivered;
	s->not_delivered += r->planned - r->delivered;
}

static int day_of(const char *date)
{
	int d = atoi(date + 8);
	return d >= 1 && d <= 31 ? d : 0;
}

/* The stop of rows [first, end): when it was reached (the earliest
 * arrival of its records), or -1 when nothing was delivered. */
static double stop_arrival(const struct month_records *m, int first, int end)
{
	double at = -1;
	for (int i = first; i < end; i++) {
		const struct month_row *r = &m->rows[i];
		if (r->recorded && r->delivered > 0 && r->arrived >= 0 &&
		    (at < 0 || r->arrived < at))
			at = r->arrived;
	}
	return at;
}

/* Punctuality of the stop of rows [first, end) into r and sv. */
static void count_stop(const struct month_records *m, int first, int end,
		       struct month_report *r, struct report_service *sv,
		       int *late_alloc)
{
	const struct month_row *row = &m->rows[first];
	double at = stop_arrival(m, first, end);
	sv->stops++;
	if (at < 0 || row->window_open < 0 || row->window_close < 0)
		return;
	int day = day_of(m->trips[row->trip].date);
	bool in = at >= row->window_open && at <= row->window_close;
	sv->stops_timed++;
	sv->stops_on_time += in;
	r->day_timed[day]++;
	r->day_on_time[day] += in;
	if (in)
		return;
	ALLOC_GROW(r->late, r->nlate + 1, *late_alloc);
	double off = at > row->window_close ? at - row->window_close
					    : at - row->window_open;
	r->late[r->nlate++] = (struct report_stop){
		.row = first, .arrived = at,
		.off_min = (int)(off > 0 ? ceil(off / 60.0) : floor(off / 60.0)),
	};
}

/* Food safety and the day's figures of row i. */
static void count_row(const struct month_records *m, int i,
		      struct month_report *r, struct report_service *sv,
		      int *cold_alloc)
{
	const struct month_row *row = &m->rows[i];
	const struct month_trip *t = &m->trips[row->trip];
	int day = day_of(t->date);
	sum_add(&sv->sum, row);
	r->day_planned[day] += row->planned;
	if (!row->recorded) {
		sv->missing++;
		return;
	}
	r->day_delivered[day] += row->delivered;
	if (row->delivered > 0 && row->arrived >= 0) {
		sv->boxes_timed += row->delivered;
		if (row->arrived <= t->serve_by)
			sv->boxes_within += row->delivered;
	}
	if (!isnan(row->temperature)) {
		r->ntemps++;
		if (row->temperature < m->cold_below_c) {
			sv->cold++;
			ALLOC_GROW(r->cold, r->ncold + 1, *cold_alloc);
			r->cold[r->ncold++] = i;
		}
	}
}

static void count_reason(struct month_report *r, const struct month_row *row,
			 int *alloc)
{
	int lost = row->planned - row->delivered;
	if (!row->recorded || lost <= 0)
		return;
	int k = 0;
	while (k < r->nreasons && strcmp(r->reasons[k].reason, row->reason))
		k++;
	if (k == r->nreasons) {
		ALLOC_GROW(r->reasons, r->nreasons + 1, *alloc);
		r->reasons[r->nreasons++] = (struct report_reason){
			.reason = row->reason };
	}
	r->reasons[k].boxes += lost;
	r->reasons[k].rows++;
}

static int by_boxes(const void *a, const void *b)
{
	const struct report_reason *x = a, *y = b;
	if (x->boxes != y->boxes)
		return y->boxes - x->boxes;
	return strcmp(x->reason, y->reason);
}

/* Per meal point and diet, in the order of their ids and the diets'. */
static void per_point_diet(const struct month_records *m,
			   struct month_report *r)
{
	int *slot = xcalloc((size_t)m->npoints * (size_t)m->ndiets + 1,
			    sizeof(int));
	for (int i = 0; i < m->nrows; i++) {
		const struct month_row *row = &m->rows[i];
		slot[row->meal_point * m->ndiets + row->diet] = 1;
	}
	for (int k = 0; k < m->npoints * m->ndiets; k++)
		if (slot[k])
			slot[k] = ++r->npd;
	r->pd = xcalloc((size_t)r->npd + 1, sizeof(*r->pd));
	for (int k = 0; k < m->npoints * m->ndiets; k++)
		if (slot[k]) {
			r->pd[slot[k] - 1].meal_point = k / m->ndiets;
			r->pd[slot[k] - 1].diet = k % m->ndiets;
		}
	for (int i = 0; i < m->nrows; i++) {
		const struct month_row *row = &m->rows[i];
		int k = slot[row->meal_point * m->ndiets + row->diet] - 1;
		sum_add(&r->pd[k].sum, row);
	}
	free(slot);
}

void month_report_make(const struct month_records *m, struct month_report *r)
{
	memset(r, 0, sizeof(*r));
	int salloc = 0, ralloc = 0, calloc_ = 0, lalloc = 0;
	struct report_service *sv = NULL;
	for (int i = 0; i < m->nrows;) {
		const struct month_trip *t = &m->trips[m->rows[i].trip];
		if (!sv || strcmp(sv->date, t->date) || strcmp(sv->meal, t->meal)) {
			ALLOC_GROW(r->services, r->nservices + 1, salloc);
			sv = &r->services[r->nservices++];
			memset(sv, 0, sizeof(*sv));
			sv->date = t->date;
			sv->meal = t->meal;
		}
		int end = i;
		while (end < m->nrows && m->rows[end].trip == m->rows[i].trip &&
		       m->rows[end].seq == m->rows[i].seq)
			end++;
		count_stop(m, i, end, r, sv, &lalloc);
		for (; i < end; i++) {
			count_row(m, i, r, sv, &calloc_);
			count_reason(r, &m->rows[i], &ralloc);
		}
	}
	const char *last_missing = "";
	for (int s = 0; s < r->nservices; s++) {
		const struct report_service *x = &r->services[s];
		r->total.planned += x->sum.planned;
		r->total.delivered += x->sum.delivered;
		r->total.not_delivered += x->sum.not_delivered;
		r->total.not_recorded += x->sum.not_recorded;
		r->stops_timed += x->stops_timed;
		r->stops_on_time += x->stops_on_time;
		r->boxes_timed += x->boxes_timed;
		r->boxes_within += x->boxes_within;
		if (x->missing && strcmp(last_missing, x->date)) {
			r->days_missing++;
			last_missing = x->date;
		}
	}
	if (r->nreasons)
		qsort(r->reasons, (size_t)r->nreasons, sizeof(*r->reasons),
		      by_boxes);
	per_point_diet(m, r);
	r->vehicles = xcalloc((size_t)m->nvehicles + 1, sizeof(*r->vehicles));
	for (int i = 0; i < m->ntrips; i++) {
		const struct month_trip *t = &m->trips[i];
		if (t->vehicle < 0)
			continue;
		struct report_vehicle *v = &r->vehicles[t->vehicle];
		v->trips++;
		v->km += t->distance_m / 1000.0;
		if (t->ret >= 0 && t->load_start >= 0)
			v->hours += (t->ret - t->load_start) / 3600.0;
	}
}

void month_report_release(struct month_report *r)
{
	free(r->services);
	free(r->pd);
	free(r->reasons);
	free(r->late);
	free(r->cold);
	free(r->vehicles);
	memset(r, 0, sizeof(*r));
}

/* --- report.csv ----------------------------------------------------------- */

static const char *const csv_columns[] = {
	"date", "meal", "trip", "vehicle", "stop", "meal_point", "name",
	"diet", "boxes_planned", "boxes_delivered", "boxes_not_delivered",
	"boxes_not_recorded", "not_delivered_reason", "window_open",
	"window_close", "arrived_at", "in_window", "within_food_limit",
	"temperature_c", "cold",
};
#define CSV_NCOLS ((int)(sizeof(csv_columns) / sizeof(csv_columns[0])))

static void clock_or_empty(double s, char out[16])
{
	if (s >= 0)
		clock_format(s, out);
	else
		out[0] = '\0';
}

/* The row of m->rows[i]; in_window is its stop's ("" when not known). */
static void csv_row(struct strbuf *csv, const struct month_records *m,
		    int i, const char *in_window)
{
	const struct month_row *r = &m->rows[i];
	const struct month_trip *t = &m->trips[r->trip];
	char trip[16], stop[16], planned[16], got[16], lost[16], missing[16],
	     open[16], close[16], at[16], temp[32];
	snprintf(trip, sizeof(trip), "%d", t->route_id);
	snprintf(stop, sizeof(stop), "%d", r->seq);
	snprintf(planned, sizeof(planned), "%d", r->planned);
	snprintf(got, sizeof(got), "%d", r->recorded ? r->delivered : 0);
	snprintf(lost, sizeof(lost), "%d",
		 r->recorded ? r->planned - r->delivered : 0);
	snprintf(missing, sizeof(missing), "%d", r->recorded ? 0 : r->planned);
	clock_or_empty(r->window_open, open);
	clock_or_empty(r->window_close, close);
	clock_or_empty(r->recorded ? r->arrived : -1, at);
	bool timed = r->recorded && r->delivered > 0 && r->arrived >= 0;
	bool has_temp = r->recorded && !isnan(r->temperature);
	if (has_temp)
		snprintf(temp, sizeof(temp), "%g", r->temperature);
	const char *row[] = {
		t->date, t->meal, trip,
		t->vehicle >= 0 ? m->vehicles[t->vehicle].id : "", stop,
		m->points[r->meal_point].id, m->points[r->meal_point].name,
		m->diets[r->diet].id, planned, got, lost, missing,
		r->recorded ? r->reason : "", open, close, at, in_window,
		!timed ? "" : r->arrived <= t->serve_by ? "yes" : "no",
		has_temp ? temp : "",
		!has_temp ? "" : r->temperature < m->cold_below_c ? "yes" : "no",
	};
	csv_add_row(csv, row, CSV_NCOLS);
}

static int write_csv(const char *dir, const struct month_records *m,
		     struct mr_error *err)
{
	struct strbuf csv = STRBUF_INIT;
	csv_add_row(&csv, csv_columns, CSV_NCOLS);
	for (int i = 0; i < m->nrows;) {
		int end = i;
		while (end < m->nrows && m->rows[end].trip == m->rows[i].trip &&
		       m->rows[end].seq == m->rows[i].seq)
			end++;
		const struct month_row *r = &m->rows[i];
		double at = stop_arrival(m, i, end);
		const char *in = at < 0 || r->window_open < 0 ? ""
			: at >= r->window_open && at <= r->window_close ? "yes"
			: "no";
		for (; i < end; i++)
			csv_row(&csv, m, i, in);
	}
	char *path = xasprintf("%s/report.csv", dir);
	int rc = outfile_write_all(path, strbuf_str(&csv), csv.len, err);
	free(path);
	strbuf_release(&csv);
	return rc;
}

int report_write(struct plan_outputs *po, const struct month_records *m,
		 const struct month_report *r, enum lang lang,
		 struct mr_error *err)
{
	if (!po->stage || po->written)
		return mr_fail(err, EX_SOFTWARE, "the outputs of %s were "
			       "written already", po->dir);
	if (write_csv(po->stage, m, err) != 0 ||
	    report_write_sheet(po->stage, m, r, lang, err) != 0)
		return -1;
	po->written = true;
	return 0;
}
