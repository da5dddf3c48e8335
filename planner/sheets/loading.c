/*
 * The loading summary (see sheets.h): every trip in loading order (the
 * order of its number) with its boxes per diet, a grand total that is the day's ordered boxes
 * less the unassigned ones, and the unassigned orders with their reasons.
 */
#include "planner/sheets/sheets.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/timefmt.h"
#include "util/xalloc.h"

void plan_unassigned_table(struct sheet *s, const struct day_plan *plan,
			   enum lang lang)
{
	const struct service *sv = plan->sv;
	sheet_heading(s, 2, "%s", label(lang, L_UNASSIGNED));
	if (!plan->nunassigned) {
		sheet_text(s, 0, NULL, "%s", label(lang, L_NONE_UNASSIGNED));
		return;
	}
	static const struct sheet_col cols[] = {
		{ 50, SHEET_FIRST_BOLD }, { 50, 0 }, { 14, SHEET_RIGHT | SHEET_BOLD },
		{ 76, 0 },
	};
	const char *head[] = { label(lang, L_MEAL_POINT), label(lang, L_BOXES),
			       label(lang, L_TOTAL), label(lang, L_REASON) };
	struct sheet_table *t = sheet_table(s, 4, cols, head);
	struct strbuf place = STRBUF_INIT, diets = STRBUF_INIT,
		      reason = STRBUF_INIT;
	int total = 0;
	for (int i = 0; i < plan->nunassigned; i++) {
		const struct plan_unassigned *u = &plan->unassigned[i];
		const struct meal_point *m = &sv->meal_points[u->meal_point];
		strbuf_reset(&place);
		strbuf_reset(&diets);
		strbuf_reset(&reason);
		strbuf_addf(&place, "%s\n%s", m->name, m->id);
		plan_diet_boxes_text(sv, lang, m->boxes, &diets);
		/* The reason in words is English; Chinese gets the label. */
		int k = label_code(u->code);
		if (lang != LANG_EN && k >= 0)
			strbuf_addf(&reason, "%s ", label(LANG_ZH, (enum label_key)k));
		if (lang != LANG_ZH || k < 0)
			strbuf_addstr(&reason, u->reason);
		char n[16];
		snprintf(n, sizeof(n), "%d", m->total);
		total += m->total;
		const char *row[] = { strbuf_str(&place), strbuf_str(&diets), n,
				      strbuf_str(&reason) };
		sheet_row(t, row, 0);
	}
	char n[16];
	snprintf(n, sizeof(n), "%d", total);
	const char *row[] = { label(lang, L_TOTAL), NULL, n, NULL };
	sheet_row(t, row, SHEET_BOLD);
	strbuf_release(&place);
	strbuf_release(&diets);
	strbuf_release(&reason);
}

/* The columns of the trip table before the diets. */
enum { C_TRIP, C_VEHICLE, C_DRIVER, C_LOAD, C_DEPART, C_STOPS, C_BEFORE };

static void trips_table(struct sheet *s, const struct day_plan *plan,
			enum lang lang)
{
	const struct service *sv = plan->sv;
	int nd = 0, *diets = xcalloc((size_t)sv->ndiets + 1, sizeof(int));
	for (int d = 0; d < sv->ndiets; d++)
		if (plan->diet_boxes[d])
			diets[nd++] = d;
	int ncols = C_BEFORE + nd + 1;
	double diet_mm = nd ? fmin(14, 74.0 / nd) : 14;
	struct sheet_col *cols = xcalloc((size_t)ncols, sizeof(*cols));
	char **text = xcalloc((size_t)ncols, sizeof(char *));
	cols[C_TRIP] = (struct sheet_col){ 10, SHEET_BOLD };
	cols[C_VEHICLE] = (struct sheet_col){ 26, SHEET_FIRST_BOLD };
	cols[C_DRIVER] = (struct sheet_col){ 100 - diet_mm * nd, 0 };
	cols[C_LOAD] = (struct sheet_col){ 15, 0 };
	cols[C_DEPART] = (struct sheet_col){ 15, 0 };
	cols[C_STOPS] = (struct sheet_col){ 10, SHEET_RIGHT };
	cols[ncols - 1] = (struct sheet_col){ 14, SHEET_RIGHT | SHEET_BOLD };
	struct strbuf name = STRBUF_INIT;
	text[C_TRIP] = xstrdup(label(lang, L_TRIP));
	text[C_VEHICLE] = xstrdup(label(lang, L_VEHICLE));
	text[C_DRIVER] = xstrdup(label(lang, L_DRIVER));
	text[C_LOAD] = xstrdup(label(lang, L_LOADING));
	text[C_DEPART] = xstrdup(label(lang, L_DEPARTURE));
	text[C_STOPS] = xstrdup(label(lang, L_STOPS));
	for (int c = 0; c < nd; c++) {
		const struct diet *d = &sv->diets[diets[c]];
		cols[C_BEFORE + c] = (struct sheet_col){ diet_mm, SHEET_RIGHT };
		text[C_BEFORE + c] = xstrdup(lang_pick_sep(lang, d->label_zh,
						       d->label_en, "\n", &name));
	}
	text[ncols - 1] = xstrdup(label(lang, L_TOTAL));
	struct sheet_table *t = sheet_table(s, ncols, cols,
					    (const char *const *)text);
	int *sum = xcalloc((size_t)sv->ndiets + 1, sizeof(int));
	int total = 0;
	for (int i = 0; i < plan->ntrips; i++) {
		const struct plan_trip *tr = &plan->trips[i];
		const struct vehicle *v = &sv->vehicles[tr->vehicle];
		for (int c = 0; c < ncols; c++)
			free(text[c]);
		char load[16], dep[16];
		clock_format(tr->load_start, load);
		clock_format(tr->depart, dep);
		text[C_TRIP] = xasprintf("%02d%s", tr->id,
					 tr->late_min ? "!" : "");
		text[C_VEHICLE] = xasprintf("%s\n%s", v->plate,
					    lang_pick(lang, v->name,
						      v->name_en, &name));
		text[C_DRIVER] = xasprintf("%s\n%s", v->driver_name,
					   v->driver_phone);
		text[C_LOAD] = tr->late_min
			? xasprintf("%s\n+%d %s", load, tr->late_min,
				    label(lang, L_MINUTES))
			: xstrdup(load);
		text[C_DEPART] = xstrdup(dep);
		text[C_STOPS] = xasprintf("%d", tr->nstops);
		for (int c = 0; c < nd; c++) {
			int b = tr->diet_boxes[diets[c]];
			text[C_BEFORE + c] = b ? xasprintf("%d", b) : NULL;
			sum[diets[c]] += b;
		}
		text[ncols - 1] = xasprintf("%d", tr->boxes);
		total += tr->boxes;
		sheet_row(t, (const char *const *)text, 0);
	}
	for (int c = 0; c < ncols; c++) {
		free(text[c]);
		text[c] = NULL;
	}
	text[C_VEHICLE] = xstrdup(label(lang, L_GRAND_TOTAL));
	int stops = 0;
	for (int i = 0; i < plan->ntrips; i++)
		stops += plan->trips[i].nstops;
	text[C_STOPS] = xasprintf("%d", stops);
	for (int c = 0; c < nd; c++)
		text[C_BEFORE + c] = xasprintf("%d", sum[diets[c]]);
	text[ncols - 1] = xasprintf("%d", total);
	sheet_row(t, (const char *const *)text, SHEET_BOLD);
	for (int c = 0; c < ncols; c++)
		free(text[c]);
	if (plan->late_trips)
		sheet_text(s, SHEET_SMALL, NULL, "%s", label(lang, L_LATE_MARK));
	strbuf_release(&name);
	free(sum);
	free(text);
	free(cols);
	free(diets);
}

int plan_write_loading(const struct day_plan *plan, const char *dir,
		       enum lang lang, struct mr_error *err)
{
	const struct service *sv = plan->sv;
	struct sheet s;
	plan_sheet_init(&s, plan, lang, L_LOADING_SUMMARY);
	sheet_section(&s, "loading", NULL);
	sheet_heading(&s, 1, "%s · %s %s", label(lang, L_LOADING_SUMMARY),
		      sv->date, label_of_code(lang, sv->meal));
	sheet_running_header(&s);
	int unassigned = plan->boxes_ordered - plan->boxes_assigned;
	sheet_text(&s, SHEET_BOLD | SHEET_LARGE, "balance",
		   "%s %d − %s %d = %s %d", label(lang, L_ORDERED),
		   plan->boxes_ordered, label(lang, L_UNASSIGNED), unassigned,
		   label(lang, L_GRAND_TOTAL), plan->boxes_assigned);
	plan_late_banner(&s, plan, lang);
	trips_table(&s, plan, lang);
	plan_unassigned_table(&s, plan, lang);
	int rc = plan_sheet_write(&s, dir, "loading", NULL, err);
	sheet_release(&s);
	return rc;
}
