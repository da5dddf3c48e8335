/*
 * GPX route files of a plan, one per trip (see sheets.h).
 */
#include "planner/sheets/sheets.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "geo/gpx.h"
#include "util/outfile.h"
#include "util/strbuf.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

/* "低盐餐 Low salt 3, 普通餐 Regular 12" */
static void add_diets(struct strbuf *sb, const struct service *sv,
		      const int *boxes)
{
	int first = 1;
	for (int d = 0; d < sv->ndiets; d++) {
		if (!boxes[d])
			continue;
		strbuf_addf(sb, "%s%s %d", first ? "" : ", ",
			    sv->diets[d].label_en, boxes[d]);
		first = 0;
	}
}

int plan_trip_path(const struct day_plan *plan, const struct plan_trip *t,
		   bool straight, struct geo_point **out, int *n,
		   struct mr_error *err)
{
	const struct service *sv = plan->sv;
	struct geo_point kitchen = { sv->kitchen.lat, sv->kitchen.lon };
	struct geo_point *track = NULL;
	int ntrack = 0, alloc = 0, rc = 0;
	for (int k = 0; k <= t->nstops && rc == 0; k++) {
		struct geo_point from = kitchen, to = kitchen;
		if (k) {
			const struct meal_point *m =
				&sv->meal_points[t->stops[k - 1].meal_point];
			from = (struct geo_point){ m->lat, m->lon };
		}
		if (k < t->nstops) {
			const struct meal_point *m =
				&sv->meal_points[t->stops[k].meal_point];
			to = (struct geo_point){ m->lat, m->lon };
		}
		struct geo_point *leg = NULL;
		int nleg = 0;
		rc = roads_path(plan->roads, from, to, &leg, &nleg, err);
		if (rc == 0 && nleg == 0 && straight) {
			ALLOC_GROW(track, ntrack + 2, alloc);
			if (!ntrack)
				track[ntrack++] = from;
			track[ntrack++] = to;
		}
		for (int q = 0; q < nleg; q++) {
			ALLOC_GROW(track, ntrack + 1, alloc);
			track[ntrack++] = leg[q];
		}
		free(leg);
	}
	if (rc != 0) {
		free(track);
		return -1;
	}
	*out = track;
	*n = ntrack;
	return 0;
}

/* Removes route files of an earlier plan that has more trips than this. */
static void remove_stale(const char *gpx_dir, int ntrips)
{
	DIR *dir = opendir(gpx_dir);
	if (!dir)
		return;
	struct dirent *de;
	while ((de = readdir(dir))) {
		int id;
		char tail[8];
		if (sscanf(de->d_name, "route-%d.gp%1s", &id, tail) == 2 &&
		    !strcmp(tail, "x") && id > ntrips) {
			char *path = xasprintf("%s/%s", gpx_dir, de->d_name);
			unlink(path);
			free(path);
		}
	}
	closedir(dir);
}

int plan_write_gpx(const struct day_plan *plan, const char *dir,
		   struct mr_error *err)
{
	const struct service *sv = plan->sv;
	char *gpx_dir = xasprintf("%s/gpx", dir);
	int rc = make_dirs(gpx_dir, err);
	char now[32];
	utc_now(now);
	struct gpx_waypoint kitchen = {
		.at = { sv->kitchen.lat, sv->kitchen.lon },
		.name = "00 Kitchen",
		.cmt = sv->kitchen.address,
		.desc = sv->kitchen.name,
		.sym = "Restaurant",
	};
	for (int i = 0; i < plan->ntrips && rc == 0; i++) {
		const struct plan_trip *t = &plan->trips[i];
		const struct vehicle *v = &sv->vehicles[t->vehicle];
		struct gpx_waypoint *w = xcalloc((size_t)t->nstops + 1,
						 sizeof(*w));
		struct strbuf *text = xcalloc((size_t)t->nstops * 3 + 1,
					      sizeof(*text));
		for (int k = 0; k < t->nstops; k++) {
			const struct plan_stop *s = &t->stops[k];
			const struct meal_point *m =
				&sv->meal_points[s->meal_point];
			struct strbuf *name = &text[3 * k];
			struct strbuf *cmt = &text[3 * k + 1];
			struct strbuf *desc = &text[3 * k + 2];
			char open[16], close[16], eta[16];
			clock_format(m->open, open);
			clock_format(m->close, close);
			clock_format((int)s->arrive, eta);
			strbuf_addf(name, "%02d %s", k + 1,
				    *m->short_name ? m->short_name : m->name);
			strbuf_addf(cmt, "%s; %d boxes: ", m->address, m->total);
			add_diets(cmt, sv, m->boxes);
			strbuf_addf(desc, "%s. Window %s-%s, ETA %s.", m->name,
				    open, close, eta);
			if (*m->contact || *m->phone)
				strbuf_addf(desc, " Contact %s %s.", m->contact,
					    m->phone);
			if (*m->notes)
				strbuf_addf(desc, " %s", m->notes);
			w[k] = (struct gpx_waypoint){
				.at = { m->lat, m->lon },
				.name = name->buf,
				.cmt = cmt->buf,
				.desc = desc->buf,
				.sym = "Flag, Blue",
				.type = meal_point_kind_name(m->kind),
			};
		}
		char load[16];
		clock_format((int)t->load_start, load);
		char *name = xasprintf("%s %s route %02d", sv->date, sv->meal,
				       t->id);
		char *desc = xasprintf("%s %s, trip %d, %d stops, %d boxes, "
				       "loading %s", v->plate, v->driver_name,
				       t->trip_no, t->nstops, t->boxes, load);
		struct geo_point *track = NULL;
		int ntrack = 0;
		rc = plan_trip_path(plan, t, false, &track, &ntrack, err);
		/* "R01 KS-481AB": tells the routes apart on a Garmin. */
		char *route_name = xasprintf("R%02d %s", t->id, v->plate);
		const char *credit = roads_credit(plan->roads);
		struct gpx_doc doc = {
			.name = name, .route_name = route_name,
			.desc = desc, .time = now,
			.copyright = credit,
			.licence_url = credit ? "https://www.openstreetmap.org/"
						"copyright" : NULL,
			.start = kitchen, .nstops = t->nstops, .stops = w,
			.ntrack = ntrack, .track = track,
		};
		char *path = xasprintf("%s/route-%02d.gpx", gpx_dir, t->id);
		if (rc == 0)
			rc = gpx_write(path, &doc, err);
		free(track);
		free(path);
		free(name);
		free(route_name);
		free(desc);
		for (int k = 0; k < t->nstops * 3; k++)
			strbuf_release(&text[k]);
		free(text);
		free(w);
	}
	if (rc == 0)
		remove_stale(gpx_dir, plan->ntrips);
	free(gpx_dir);
	return rc;
}
