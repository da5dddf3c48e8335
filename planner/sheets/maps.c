/*
 * Maps of a plan (see sheets.h): the day's overview and one per trip.
 */
#include "planner/sheets/sheets.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "geo/svgmap.h"
#include "util/outfile.h"
#include "util/xalloc.h"

static const char *const colors[] = {
	"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf",
	"#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
};
#define NCOLORS (sizeof(colors) / sizeof(colors[0]))

/* Streets around the points of the map, a little wider than they are. */
static void streets_for(const struct day_plan *plan, const struct map_mark *m,
			int n, struct geo_point **pairs, int *npairs)
{
	struct geo_point lo = { 90, 180 }, hi = { -90, -180 };
	for (int i = 0; i < n; i++) {
		lo.lat = fmin(lo.lat, m[i].at.lat);
		lo.lon = fmin(lo.lon, m[i].at.lon);
		hi.lat = fmax(hi.lat, m[i].at.lat);
		hi.lon = fmax(hi.lon, m[i].at.lon);
	}
	double dlat = (hi.lat - lo.lat) * 0.3 + 0.003;
	double dlon = (hi.lon - lo.lon) * 0.3 + 0.004;
	lo.lat -= dlat;
	lo.lon -= dlon;
	hi.lat += dlat;
	hi.lon += dlon;
	roads_streets(plan->roads, lo, hi, pairs, npairs);
}

static int write_map(const struct day_plan *plan, const char *path,
		     const char *title, const struct map_line *lines,
		     int nlines, const struct map_mark *marks, int nmarks,
		     int width, int height, struct mr_error *err)
{
	struct geo_point *streets;
	int nstreets;
	streets_for(plan, marks, nmarks, &streets, &nstreets);
	const char *credit = roads_credit(plan->roads);
	char text[96];
	snprintf(text, sizeof(text), "© %s", credit ? credit : "");
	struct svg_map map = {
		.width = width, .height = height, .title = title,
		.credit = credit ? text : NULL,
		.nstreets = nstreets, .streets = streets,
		.nlines = nlines, .lines = lines,
		.nmarks = nmarks, .marks = marks,
	};
	int rc = svg_map_write(path, &map, err);
	free(streets);
	return rc;
}

int plan_write_maps(const struct day_plan *plan, const char *dir,
		    struct mr_error *err)
{
	const struct service *sv = plan->sv;
	char *maps = xasprintf("%s/maps", dir);
	int rc = make_dirs(maps, err);
	int nt = plan->ntrips, total = 0;
	for (int i = 0; i < nt; i++)
		total += plan->trips[i].nstops;
	struct map_line *lines = xcalloc((size_t)nt + 1, sizeof(*lines));
	struct geo_point **paths = xcalloc((size_t)nt + 1, sizeof(*paths));
	struct map_mark *all = xcalloc((size_t)total + 2, sizeof(*all));
	char (*labels)[8] = xcalloc((size_t)total + 2, sizeof(*labels));
	struct map_mark kitchen = { .at = { sv->kitchen.lat, sv->kitchen.lon },
				    .title = sv->kitchen.name, .kitchen = 1 };
	int nall = 0;
	all[nall++] = kitchen;
	for (int i = 0; i < nt && rc == 0; i++) {
		const struct plan_trip *t = &plan->trips[i];
		const char *color = colors[(size_t)i % NCOLORS];
		rc = plan_trip_path(plan, t, true, &paths[i], &lines[i].n, err);
		lines[i].pts = paths[i];
		lines[i].color = color;
		int first = nall;
		for (int k = 0; k < t->nstops; k++) {
			const struct meal_point *m =
				&sv->meal_points[t->stops[k].meal_point];
			snprintf(labels[nall], sizeof(labels[nall]), "%d", k + 1);
			all[nall] = (struct map_mark){ { m->lat, m->lon },
						       labels[nall], m->name,
						       color, 0 };
			nall++;
		}
		if (rc != 0)
			break;
		/* This trip alone: its stops and the kitchen. */
		struct map_mark *one = xcalloc((size_t)t->nstops + 1, sizeof(*one));
		one[0] = kitchen;
		for (int k = 0; k < t->nstops; k++)
			one[k + 1] = all[first + k];
		char *path = xasprintf("%s/trip-%02d.svg", maps, t->id);
		char *title = xasprintf("%s %s trip %02d", sv->date, sv->meal,
					t->id);
		rc = write_map(plan, path, title, &lines[i], 1, one,
			       t->nstops + 1, 640, 420, err);
		free(path);
		free(title);
		free(one);
	}
	if (rc == 0) {
		char *path = xasprintf("%s/overview.svg", maps);
		char *title = xasprintf("%s %s: %d trips", sv->date, sv->meal, nt);
		rc = write_map(plan, path, title, lines, nt, all, nall, 900, 700,
			       err);
		free(path);
		free(title);
	}
	for (int i = 0; i < nt; i++)
		free(paths[i]);
	free(paths);
	free(lines);
	free(all);
	free(labels);
	free(maps);
	return rc;
}
