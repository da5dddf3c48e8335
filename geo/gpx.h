/*
 * Writing GPX 1.1 route files for drivers' navigation apps (OsmAnd, Organic
 * Maps, Garmin): waypoints for the stops in order, an ordered route from
 * the kitchen back to the kitchen, and optionally a track that follows the
 * roads. Output validates against the GPX 1.1 XML Schema.
 */
#ifndef MEALRUN_GEO_GPX_H
#define MEALRUN_GEO_GPX_H

#include "geo/geo.h"
#include "util/error.h"

/* Garmin units cut waypoint names near 14 characters. */
#define GPX_NAME_MAX_CHARS 14

struct gpx_waypoint {
	struct geo_point at;
	const char *name;   /* cut to GPX_NAME_MAX_CHARS characters */
	const char *cmt;    /* may be NULL */
	const char *desc;   /* may be NULL */
	const char *sym;    /* map symbol, may be NULL */
	const char *type;   /* may be NULL */
};

struct gpx_doc {
	const char *name;          /* of the file (metadata) */
	const char *route_name;    /* of the route, cut like waypoint names */
	const char *desc;          /* may be NULL */
	const char *time;          /* xsd:dateTime of creation, may be NULL */
	const char *copyright;     /* data credit holder, may be NULL */
	const char *licence_url;   /* with copyright */
	struct gpx_waypoint start; /* the kitchen */
	int nstops;
	const struct gpx_waypoint *stops;
	int ntrack;                /* road path; 0 for none */
	const struct geo_point *track;
};

/*
 * Writes doc to path atomically (temporary name, then rename). Waypoint
 * names are cut to GPX_NAME_MAX_CHARS characters without splitting one.
 * 0, or -1 with err.
 */
int gpx_write(const char *path, const struct gpx_doc *doc,
	      struct mr_error *err);

#endif
