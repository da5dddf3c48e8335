/*
 * The dispatch sheet (see sheets.h): one section per trip for the clerk
 * and the driver, as dispatch.html and dispatch.pdf from the same blocks.
 * Every trip carries its facts, its stops in order with windows, ETAs and
 * boxes per diet, blank columns for arrival, food temperature and
 * signature, totals per diet that add up to what the kitchen packs for
 * the trip, the food-safety times and a map of the trip.
 */
#include "planner/sheets/sheets.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planner/sheets/kitchen.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

void plan_sheet_init(struct sheet *s, const struct day_plan *plan,
		     enum lang lang, enum label_key title)
{
	const struct service *sv = plan->sv;
	char *text = xasprintf("%s %s %s", label(lang, title), sv->date,
			       label_of_code(lang, sv->meal));
	sheet_init(s, text, lang_tag(lang), label(lang, L_CONTINUED));
	free(text);
	struct strbuf name = STRBUF_INIT;
	text = xasprintf("%s · %s %s · %s %s",
			 lang_pick(lang, sv->kitchen.name, sv->kitchen.name_en,
				   &name),
			 label(lang, L_KITCHEN_PHONE), sv->kitchen.phone,
			 sv->date, label_of_code(lang, sv->meal));
	sheet_set_footer(s, text, label(lang, L_PAGE));
	free(text);
	strbuf_release(&name);
}

int plan_sheet_write(const struct sheet *s, const char *dir,
		     const char *name, int *section_pages,
		     struct mr_error *err)
{
	char *path = xasprintf("%s/%s.html", dir, name);
	int rc = sheet_write_html(s, path, err);
	free(path);
	if (rc == 0) {
		path = xasprintf("%s/%s.pdf", dir, name);
		rc = sheet_write_pdf(s, path, section_pages, err);
		free(path);
	}
	return rc;
}

void plan_diet_boxes_text(const struct service *sv, enum lang lang,
			  const int *boxes, struct strbuf *out)
{
	struct strbuf name = STRBUF_INIT;
	for (int d = 0; d < sv->ndiets; d++) {
		if (!boxes[d])
			continue;
		strbuf_addf(out, "%s%s %d", out->len ? " · " : "",
			    lang_pick(lang, sv->diets[d].label_zh,
				      sv->diets[d].label_en, &name), boxes[d]);
	}
	strbuf_release(&name);
}

static void trip_header(struct sheet *s, const struct day_plan *plan,
			const struct plan_trip *t, enum lang lang)
{
	const struct service *sv = plan->sv;
	const struct vehicle *v = &sv->vehicles[t->vehicle];
	char load[16], dep[16], ret[16], buf[256];
	clock_format(t->load_start, load);
	clock_format(t->depart, dep);
	clock_format(t->ret, ret);

	sheet_heading(s, 1, "%s · %s %s · %s %02d", label(lang, L_DISPATCH),
		      sv->date, label_of_code(lang, sv->meal),
		      label(lang, L_TRIP), t->id);
	struct sheet_table *f = sheet_facts(s, 3, 25, 38);
	sheet_fact(f, label(lang, L_DATE), sv->date);
	sheet_fact(f, label(lang, L_MEAL), label_of_code(lang, sv->meal));
	snprintf(buf, sizeof(buf), "%02d · %s %d", t->id,
		 label(lang, L_TRIP_OF_VEHICLE), t->trip_no);
	sheet_fact(f, label(lang, L_TRIP), buf);
	struct strbuf name = STRBUF_INIT;
	char *vehicle = xasprintf("%s %s", v->plate,
				  lang_pick(lang, v->name, v->name_en, &name));
	strbuf_release(&name);
	sheet_fact(f, label(lang, L_VEHICLE), vehicle);
	free(vehicle);
	struct strbuf driver = STRBUF_INIT;
	strbuf_addf(&driver, "%s ", v->driver_name);
	text_nobreak(&driver, v->driver_phone);
	sheet_fact(f, label(lang, L_DRIVER), strbuf_str(&driver));
	strbuf_release(&driver);
	sheet_fact(f, label(lang, L_LOADING), load);
	sheet_fact(f, label(lang, L_DEPARTURE), dep);
	sheet_fact(f, label(lang, L_RETURN), ret);
	snprintf(buf, sizeof(buf), "%.1f km", t->distance_m / 1000.0);
	sheet_fact(f, label(lang, L_DISTANCE), buf);
	snprintf(buf, sizeof(buf), "%d", t->boxes);
	sheet_fact(f, label(lang, L_TOTAL), buf);
	snprintf(buf, sizeof(buf), "%d / %d", t->boxes, v->capacity);
	sheet_fact(f, label(lang, L_BOXES_CAP), buf);
	/* The diets on a line of their own: there may be many. */
	f = sheet_facts(s, 1, 25, 164);
	struct strbuf diets = STRBUF_INIT;
	plan_diet_boxes_text(sv, lang, t->diet_boxes, &diets);
	strbuf_addf(&diets, " · %s %d", label(lang, L_TOTAL), t->boxes);
	sheet_fact(f, label(lang, L_BOXES), strbuf_str(&diets));
	strbuf_release(&diets);
}

/* The fixed columns of the stop table, before and after the diets. */
enum { C_SEQ, C_TIME, C_PLACE, C_FIXED_BEFORE };
enum { C_TOTAL, C_NOTES, C_NAV, C_ARRIVED, C_TEMP, C_SIGN, C_FIXED_AFTER };

/* The printed width of a stop's navigation code, quiet zone included. */
#define STOP_QR_MM 14.0

/* About how wide the widest line of text is, in mm at pt points: a
 * Chinese character an em, other characters about half of one. */
static double widest_mm(const char *text, double pt)
{
	double em = pt * 25.4 / 72, line = 0, widest = 0;
	for (const unsigned char *p = (const unsigned char *)text; p && *p;
	     p++) {
		if (*p == '\n')
			line = 0;
		else if ((*p & 0xC0) != 0x80)
			line += *p >= 0xE3 ? em : 0.56 * em;
		widest = fmax(widest, line);
	}
	return widest;
}

struct stop_widths {
	double seq, time, place, diet, total, notes, nav, arrived, temp, sign;
};

/*
 * The stop table's columns, 190 mm in all, after their content: the
 * columns to write in and the navigation code are fixed; the meal point
 * gets the width of its name, contact line and half its address (30 to
 * 60 mm), the access notes
 * enough for three lines of the longest note, and the diets 11 mm each
 * (9.5 when there are many); when that is too much, the meal point
 * gives up room down to its least (its name on one line, up to 45 mm),
 * then the diets down to 8.5 mm, then the notes; room left over goes to the meal point and the notes.
 */
static void stop_widths(const struct service *sv, const struct plan_trip *t,
			int nd, struct stop_widths *w)
{
	*w = (struct stop_widths){ .seq = 5, .time = 17.5, .total = 8,
				   .nav = STOP_QR_MM + 2, .arrived = 10,
				   .temp = 10, .sign = 12 };
	double avail = 190 - w->seq - w->time - w->total - w->nav -
		       w->arrived - w->temp - w->sign;
	double place = 0, notes = 0, name = 0;
	for (int k = 0; k < t->nstops; k++) {
		const struct meal_point *m =
			&sv->meal_points[t->stops[k].meal_point];
		/* The name and the contact with the phone on a line each;
		 * the address may take two. */
		name = fmax(name, widest_mm(m->name, 8.0) * 1.08 + 2);
		place = fmax(place, name);
		place = fmax(place, widest_mm(m->address, 8.0) / 2);
		place = fmax(place, widest_mm(m->contact, 8.0) +
				    widest_mm(" ", 8.0) +
				    widest_mm(m->phone, 8.0));
		notes = fmax(notes, widest_mm(m->notes, 6.8));
	}
	/* The meal point keeps room for its name on one line where it can. */
	const double place_min = fmin(45, fmax(30, name)), notes_min = 14;
	place = fmin(60, fmax(place_min, place + 2));
	notes = notes > 0 ? fmin(80, fmax(notes_min, notes / 3 + 4)) : 12;
	w->diet = nd >= 5 ? 9.5 : 11;
	double over = place + notes + nd * w->diet - avail;
	if (over > 0) {
		/* The meal point gives first (its address may take another
		 * line), then the diets down to 8.5 mm, then the notes. */
		double give = fmin(over, place - place_min);
		place -= give;
		over -= give;
		if (over > 0 && nd && w->diet > 8.5) {
			give = fmin(over / nd, w->diet - 8.5);
			w->diet -= give;
			over -= give * nd;
		}
		if (over > 0)
			notes = fmax(notes_min, notes - over);
		/* Very many diets: narrower still, down to 5 mm, to keep
		 * the table on the page. */
		if (nd)
			w->diet = fmin(w->diet, fmax(5, (avail - place - notes) /
							 nd));
	} else {
		place += fmin(-over / 2, 60 - fmin(60, place));
		notes = avail - place - nd * w->diet;
	}
	w->place = place;
	w->notes = fmax(8, avail - place - nd * w->diet);
}

static void stop_table(struct sheet *s, const struct day_plan *plan,
		       const struct plan_trip *t, enum lang lang)
{
	const struct service *sv = plan->sv;
	int *diets = xcalloc((size_t)sv->ndiets + 1, sizeof(int));
	int nd = 0;
	for (int d = 0; d < sv->ndiets; d++)
		if (t->diet_boxes[d])
			diets[nd++] = d;
	int ncols = C_FIXED_BEFORE + nd + C_FIXED_AFTER;
	struct sheet_col *cols = xcalloc((size_t)ncols, sizeof(*cols));
	const char **head = xcalloc((size_t)ncols, sizeof(char *));
	const char **cells = xcalloc((size_t)ncols, sizeof(char *));
	struct strbuf *text = xcalloc((size_t)ncols, sizeof(*text));
	struct stop_widths w;
	stop_widths(sv, t, nd, &w);

	cols[C_SEQ] = (struct sheet_col){ w.seq, SHEET_RIGHT };
	cols[C_TIME] = (struct sheet_col){ w.time,
					   SHEET_FIRST_BOLD | SHEET_SMALL };
	cols[C_PLACE] = (struct sheet_col){ w.place, SHEET_FIRST_BOLD };
	int a = C_FIXED_BEFORE + nd;
	cols[a + C_TOTAL] = (struct sheet_col){ w.total,
						SHEET_RIGHT | SHEET_BOLD };
	cols[a + C_NOTES] = (struct sheet_col){ w.notes, SHEET_SMALL };
	cols[a + C_NAV] = (struct sheet_col){ w.nav, SHEET_SMALL };
	cols[a + C_ARRIVED] = (struct sheet_col){ w.arrived, SHEET_BLANK };
	cols[a + C_TEMP] = (struct sheet_col){ w.temp, SHEET_BLANK };
	cols[a + C_SIGN] = (struct sheet_col){ w.sign, SHEET_BLANK };
	head[C_SEQ] = "#";
	strbuf_addf(&text[C_TIME], "%s\n%s", label(lang, L_ETA),
		    label(lang, L_WINDOW));
	head[C_TIME] = strbuf_str(&text[C_TIME]);
	strbuf_addf(&text[C_PLACE], "%s\n%s · %s", label(lang, L_MEAL_POINT),
		    label(lang, L_ADDRESS), label(lang, L_CONTACT));
	head[C_PLACE] = strbuf_str(&text[C_PLACE]);
	for (int c = 0; c < nd; c++) {
		const struct diet *d = &sv->diets[diets[c]];
		cols[C_FIXED_BEFORE + c] = (struct sheet_col){ w.diet,
							       SHEET_RIGHT };
		head[C_FIXED_BEFORE + c] = lang_pick_sep(lang, d->label_zh,
						     d->label_en, "\n",
						     &text[C_FIXED_BEFORE + c]);
	}
	head[a + C_TOTAL] = label(lang, L_TOTAL);
	head[a + C_NOTES] = label(lang, L_NOTES);
	head[a + C_NAV] = label(lang, L_NAV);
	head[a + C_ARRIVED] = label(lang, L_ARRIVED);
	head[a + C_TEMP] = label(lang, L_TEMP);
	head[a + C_SIGN] = label(lang, L_SIGNATURE);
	struct sheet_table *tab = sheet_table(s, ncols, cols, head);
	tab->min_row_mm = 9;

	struct strbuf link = STRBUF_INIT;
	for (int k = 0; k < t->nstops; k++) {
		const struct plan_stop *st = &t->stops[k];
		const struct meal_point *m = &sv->meal_points[st->meal_point];
		char open[16], close[16], eta[16];
		clock_format(m->open, open);
		clock_format(m->close, close);
		clock_format(st->arrive, eta);
		for (int c = 0; c < ncols; c++) {
			strbuf_reset(&text[c]);
			cells[c] = NULL;
		}
		strbuf_addf(&text[C_SEQ], "%d", k + 1);
		/* A word joiner either side of the dash: never broken. */
		strbuf_addf(&text[C_TIME], "%s\n%s\u2060–\u2060%s", eta, open,
			    close);
		/* The phone number in one piece. */
		strbuf_addf(&text[C_PLACE], "%s\n%s\n%s ", m->name, m->address,
			    m->contact);
		text_nobreak(&text[C_PLACE], m->phone);
		for (int c = 0; c < nd; c++)
			if (m->boxes[diets[c]])
				strbuf_addf(&text[C_FIXED_BEFORE + c], "%d",
					    m->boxes[diets[c]]);
		strbuf_addf(&text[a + C_TOTAL], "%d", m->total);
		strbuf_addstr(&text[a + C_NOTES], m->notes ? m->notes : "");
		for (int c = 0; c < ncols; c++)
			cells[c] = text[c].len ? strbuf_str(&text[c]) : NULL;
		sheet_row(tab, cells, 0);
		strbuf_reset(&link);
		nav_stop_link(sv->kitchen.navigation, m, &link);
		/* A stop's link is short: it always fits a code. */
		sheet_cell_qr(tab, a + C_NAV, strbuf_str(&link), STOP_QR_MM,
			      false);
	}
	strbuf_release(&link);
	for (int c = 0; c < ncols; c++) {
		strbuf_reset(&text[c]);
		cells[c] = NULL;
	}
	cells[C_PLACE] = label(lang, L_TOTAL);
	for (int c = 0; c < nd; c++) {
		strbuf_addf(&text[c], "%d", t->diet_boxes[diets[c]]);
		cells[C_FIXED_BEFORE + c] = strbuf_str(&text[c]);
	}
	strbuf_addf(&text[nd], "%d", t->boxes);
	cells[a + C_TOTAL] = strbuf_str(&text[nd]);
	sheet_row(tab, cells, SHEET_BOLD);

	for (int c = 0; c < ncols; c++)
		strbuf_release(&text[c]);
	free(text);
	free(cells);
	free(head);
	free(cols);
	free(diets);
}

/* The code for the whole trip in the kitchen's map app, or why there is
 * none. */
static void trip_code(struct sheet *s, const struct day_plan *plan,
		      const struct plan_trip *t, enum lang lang)
{
	struct strbuf link = STRBUF_INIT;
	enum nav_trip got = nav_trip_link(plan->sv, t, &link);
	static const struct sheet_col cols[] = { { 30, 0 }, { 100, 0 } };
	if (got == NAV_TRIP_LINK) {
		struct sheet_table *f = sheet_table(s, 2, cols, NULL);
		f->facts = true;
		const char *row[] = { NULL, label(lang, L_NAV_TRIP) };
		sheet_row(f, row, 0);
		if (sheet_cell_qr(f, 0, strbuf_str(&link), 28, true) != 0)
			got = NAV_TRIP_TOO_LONG;
	}
	if (got != NAV_TRIP_LINK)
		sheet_text(s, SHEET_SMALL, NULL, "%s",
			   label(lang, got == NAV_TRIP_ONE_AT_A_TIME
				 ? L_NAV_ONE_AT_A_TIME : L_NAV_TOO_LONG));
	strbuf_release(&link);
}

static void food_line(struct sheet *s, const struct day_plan *plan, int i,
		      enum lang lang)
{
	const struct plan_trip *t = &plan->trips[i];
	/* The plan's times, from the batches; blanks to fill in when no
	 * batch is known (the kitchen was not planned). */
	char from[16] = "____", by[16] = "____";
	if (t->cooked_from >= 0) {
		clock_format(t->cooked_from, from);
		clock_format(t->serve_by, by);
	}
	sheet_text(s, SHEET_BOLD | SHEET_LARGE, "food", "%s %s, %s %s "
		   "(%s %ld %s)", label(lang, L_COOKED_FROM), from,
		   label(lang, L_SERVE_BY), by, label(lang, L_FOOD_LIMIT),
		   lround(t->food_limit_s / 60.0), label(lang, L_MINUTES));
}

int plan_write_dispatch(const struct day_plan *plan, const char *dir,
			enum lang lang, int *trip_pages, struct mr_error *err)
{
	const struct service *sv = plan->sv;
	struct sheet s;
	plan_sheet_init(&s, plan, lang, L_DISPATCH);
	if (plan->late_trips) {
		/* A first page for the day, before the trips' sheets. */
		sheet_section(&s, "late", "day");
		sheet_heading(&s, 1, "%s · %s %s", label(lang, L_DISPATCH),
			      sv->date, label_of_code(lang, sv->meal));
		plan_late_banner(&s, plan, lang);
	}
	for (int i = 0; i < plan->ntrips; i++) {
		const struct plan_trip *t = &plan->trips[i];
		char id[32], map[32], file[4096];
		snprintf(id, sizeof(id), "trip-%02d", t->id);
		snprintf(map, sizeof(map), "maps/trip-%02d.svg", t->id);
		snprintf(file, sizeof(file), "%s/%s", dir, map);
		sheet_section(&s, id, "trip");
		trip_header(&s, plan, t, lang);
		sheet_running_header(&s);
		plan_trip_late_banner(&s, plan, i, lang);
		trip_code(&s, plan, t, lang);
		stop_table(&s, plan, t, lang);
		food_line(&s, plan, i, lang);
		sheet_image(&s, map, file, label(lang, L_MAP), 120, 80);
	}
	if (plan->ntrips == 0) {
		sheet_section(&s, NULL, "none");
		sheet_heading(&s, 1, "%s · %s %s", label(lang, L_DISPATCH),
			      sv->date, label_of_code(lang, sv->meal));
		sheet_text(&s, 0, NULL, "%s", label(lang, L_NO_TRIPS));
	}
	int *pages = xcalloc((size_t)s.nsections + 1, sizeof(int));
	int rc = plan_sheet_write(&s, dir, "dispatch", pages, err);
	int first = plan->late_trips ? 1 : 0; /* after the day's page */
	for (int i = 0; trip_pages && i < plan->ntrips; i++)
		trip_pages[i] = pages[first + i];
	free(pages);
	sheet_release(&s);
	return rc;
}

int plan_write_kitchen(const struct day_plan *plan, const char *dir,
		       enum lang lang, struct mr_error *err)
{
	struct kitchen_trip *kt = plan_kitchen_trips(plan);
	struct kitchen_trip_food *food = plan_trip_food(plan);
	struct sheet s;
	plan_sheet_init(&s, plan, lang, L_KITCHEN);
	kitchen_sheet(&s, lang, plan->sv, &plan->demand, &plan->kitchen,
		      plan->kitchen_planned, kt, food, plan->ntrips);
	free(kt);
	free(food);
	int rc = plan_sheet_write(&s, dir, "kitchen", NULL, err);
	sheet_release(&s);
	return rc;
}
