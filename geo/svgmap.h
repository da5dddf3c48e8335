/*
 * Maps as SVG files: streets in grey, routes as coloured lines, numbered
 * stops, the kitchen, a scale bar and the data credit, fitted to the
 * points shown. Written with libxml2's writer, so every label is escaped.
 */
#ifndef MEALRUN_GEO_SVGMAP_H
#define MEALRUN_GEO_SVGMAP_H

#include "geo/geo.h"
#include "util/error.h"

struct map_line {
	const struct geo_point *pts;
	int n;
	const char *color;      /* CSS colour */
};

struct map_mark {
	struct geo_point at;
	const char *label;      /* drawn in the circle: "3"; may be NULL */
	const char *title;      /* tooltip: the meal point's name */
	const char *color;
	int kitchen;            /* drawn as a square */
};

struct svg_map {
	int width, height;      /* pixels */
	const char *title;
	const char *credit;     /* "© OpenStreetMap contributors", or NULL */
	int nstreets;           /* segments: pairs of points */
	const struct geo_point *streets;
	int nlines;
	const struct map_line *lines;
	int nmarks;
	const struct map_mark *marks;
};

/* Writes the map to path atomically; 0, or -1 with err. */
int svg_map_write(const char *path, const struct svg_map *map,
		  struct mr_error *err);

#endif
