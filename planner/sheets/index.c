/*
 * index.html, the day at a glance (see sheets.h): what was planned, the
 * printable sheets, the overview map, the trips with links to their
 * dispatch pages and GPX files, the unassigned orders and the kitchen's
 * timeline. A page for the screen; it is not printed as a PDF.
 */
#include "planner/sheets/sheets.h"

#include <stdio.h>
#include <stdlib.h>

#include "planner/sheets/kitchen.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

static void sheets_table(struct sheet *s, const struct day_plan *plan,
			 enum lang lang)
{
	static const struct {
		enum label_key name;
		const char *file;
	} sheets[] = {
		{ L_DISPATCH, "dispatch" },
		{ L_LOADING_SUMMARY, "loading" },
		{ L_KITCHEN, "kitchen" },
		{ L_CHANGES, "changes" }, /* with --keep only */
	};
	static const struct sheet_col cols[] = {
		{ 60, SHEET_BOLD }, { 30, 0 }, { 30, 0 },
	};
	struct sheet_table *t = sheet_table(s, 3, cols, NULL);
	for (size_t i = 0; i < sizeof(sheets) / sizeof(sheets[0]); i++) {
		if (sheets[i].name == L_CHANGES && !plan->opt.keep)
			continue;
		char pdf[32], html[32];
		snprintf(pdf, sizeof(pdf), "%s.pdf", sheets[i].file);
		snprintf(html, sizeof(html), "%s.html", sheets[i].file);
		const char *row[] = { label(lang, sheets[i].name), "PDF", "HTML" };
		sheet_row(t, row, 0);
		sheet_link(t, 1, pdf);
		sheet_link(t, 2, html);
	}
	const char *row[] = { "plan.json", "JSON", NULL };
	sheet_row(t, row, 0);
	sheet_link(t, 1, "plan.json");
}

static void trips_table(struct sheet *s, const struct day_plan *plan,
			enum lang lang, const int *trip_pages)
{
	const struct service *sv = plan->sv;
	static const struct sheet_col cols[] = {
		{ 12, SHEET_BOLD }, { 34, SHEET_FIRST_BOLD }, { 38, 0 },
		{ 14, 0 }, { 14, 0 }, { 12, SHEET_RIGHT },
		{ 14, SHEET_RIGHT | SHEET_BOLD }, { 16, SHEET_RIGHT },
		{ 18, 0 }, { 18, 0 },
	};
	char pdf_head[64];
	snprintf(pdf_head, sizeof(pdf_head), "PDF %s", label(lang, L_PAGE));
	const char *head[] = { label(lang, L_TRIP), label(lang, L_VEHICLE),
			       label(lang, L_DRIVER), label(lang, L_DEPARTURE),
			       label(lang, L_RETURN), label(lang, L_STOPS),
			       label(lang, L_BOXES), label(lang, L_DISTANCE),
			       pdf_head, label(lang, L_GPX) };
	struct sheet_table *t = sheet_table(s, 10, cols, head);
	struct strbuf name = STRBUF_INIT;
	for (int i = 0; i < plan->ntrips; i++) {
		int k = i;
		const struct plan_trip *tr = &plan->trips[k];
		const struct vehicle *v = &sv->vehicles[tr->vehicle];
		char id[16], dep[16], ret[16];
		char stops[16], boxes[16], km[32], page[16], gpx[48];
		char href[64], pdf[64];
		snprintf(id, sizeof(id), "%02d%s", tr->id, tr->late_min ? "!" : "");
		char *vehicle = xasprintf("%s\n%s", v->plate,
					  lang_pick(lang, v->name, v->name_en,
						    &name));
		char *driver = xasprintf("%s\n%s", v->driver_name,
					 v->driver_phone);
		clock_format(tr->depart, dep);
		clock_format(tr->ret, ret);
		snprintf(stops, sizeof(stops), "%d", tr->nstops);
		snprintf(boxes, sizeof(boxes), "%d", tr->boxes);
		snprintf(km, sizeof(km), "%.1f km", tr->distance_m / 1000.0);
		snprintf(page, sizeof(page), "%d", trip_pages ? trip_pages[k] : 0);
		snprintf(gpx, sizeof(gpx), "route-%02d.gpx", tr->id);
		const char *row[] = { id, vehicle, driver, dep, ret, stops,
				      boxes, km, trip_pages ? page : NULL, gpx };
		sheet_row(t, row, 0);
		free(vehicle);
		free(driver);
		snprintf(href, sizeof(href), "dispatch.html#trip-%02d", tr->id);
		sheet_link(t, 0, href);
		if (trip_pages) {
			snprintf(pdf, sizeof(pdf), "dispatch.pdf#page=%d",
				 trip_pages[k]);
			sheet_link(t, 8, pdf);
		}
		snprintf(href, sizeof(href), "gpx/%s", gpx);
		sheet_link(t, 9, href);
	}
	strbuf_release(&name);
	if (plan->late_trips)
		sheet_text(s, SHEET_SMALL, NULL, "%s", label(lang, L_LATE_MARK));
}

int plan_write_index(const struct day_plan *plan, const char *dir,
		     enum lang lang, const int *trip_pages,
		     struct mr_error *err)
{
	const struct service *sv = plan->sv;
	struct sheet s;
	struct strbuf name = STRBUF_INIT;
	plan_sheet_init(&s, plan, lang, L_DAY_AT_A_GLANCE);
	sheet_section(&s, "day", NULL);
	sheet_heading(&s, 1, "%s · %s %s · %s", label(lang, L_DAY_AT_A_GLANCE),
		      sv->date, label_of_code(lang, sv->meal),
		      lang_pick(lang, sv->kitchen.name, sv->kitchen.name_en,
				&name));
	strbuf_release(&name);
	struct sheet_table *f = sheet_facts(&s, 3, 26, 37);
	char buf[64];
	snprintf(buf, sizeof(buf), "%d", plan->ntrips);
	sheet_fact(f, label(lang, L_TRIPS), buf);
	snprintf(buf, sizeof(buf), "%d", plan->boxes_ordered);
	sheet_fact(f, label(lang, L_ORDERED), buf);
	snprintf(buf, sizeof(buf), "%d", plan->boxes_assigned);
	sheet_fact(f, label(lang, L_GRAND_TOTAL), buf);
	snprintf(buf, sizeof(buf), "%.1f km", plan->distance_m / 1000.0);
	sheet_fact(f, label(lang, L_DISTANCE), buf);
	snprintf(buf, sizeof(buf), "%d", plan->nunassigned);
	sheet_fact(f, label(lang, L_UNASSIGNED), buf);
	sheet_fact(f, label(lang, L_KITCHEN_PHONE), sv->kitchen.phone);
	plan_late_banner(&s, plan, lang);

	sheet_heading(&s, 2, "%s", label(lang, L_SHEETS));
	sheets_table(&s, plan, lang);
	sheet_heading(&s, 2, "%s", label(lang, L_OVERVIEW));
	char *file = xasprintf("%s/maps/overview.svg", dir);
	sheet_image(&s, "maps/overview.svg", file, label(lang, L_OVERVIEW),
		    190, 150);
	free(file);
	sheet_heading(&s, 2, "%s", label(lang, L_TRIPS));
	trips_table(&s, plan, lang, trip_pages);
	plan_unassigned_table(&s, plan, lang);
	if (plan->kitchen.nbatches) {
		sheet_heading(&s, 2, "%s", label(lang, L_TIMELINE));
		kitchen_timeline(&s, lang, sv, &plan->kitchen);
	}
	char *path = xasprintf("%s/index.html", dir);
	int rc = sheet_write_html(&s, path, err);
	free(path);
	sheet_release(&s);
	return rc;
}
