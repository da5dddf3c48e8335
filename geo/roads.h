/*
 * Travel-time providers behind one interface, the way VROOM keeps its
 * routing engines behind one wrapper. A provider is chosen by a spec
 * string: "straight" (haversine times a detour factor, at a set speed;
 * needs nothing and is the default), "osm:FILE" (the roads of an
 * OpenStreetMap extract, .osm, .osm.gz or .osm.pbf, with paths along the
 * streets) or
 * "osrm:URL" (an OSRM server's table and route services). A pair without
 * a route gets a duration of ROADS_NO_ROUTE or more.
 */
#ifndef MEALRUN_GEO_ROADS_H
#define MEALRUN_GEO_ROADS_H

#include "geo/geo.h"
#include "util/error.h"

/* Travel between n points: row-major n x n, from row to column. The two
 * tables are in single precision: a hundredth of a second in a day and a
 * centimetre in 100 km are within its 24 bits, and a day of 3,000 meal
 * points keeps them in 72 MB, not 144. */
struct geo_matrix {
	int n;
	float *duration_s;
	float *distance_m;
	double *snap_m;     /* per point: metres to its road; NULL if none */
	int *unreachable;   /* per point: pairs without a route; NULL if none */
};

struct roads_options {
	double detour;      /* straight: road distance / air distance */
	double speed_kmh;   /* straight: average driving speed */
};

#define ROADS_NO_ROUTE 1e9
#define ROADS_DEFAULT_DETOUR 1.35
#define ROADS_DEFAULT_SPEED_KMH 25.0

struct roads;

/*
 * Opens the provider named by spec with opt (NULL for defaults). An unknown
 * spec or a bad option fails with EX_USAGE. Free with roads_free.
 */
int roads_open(const char *spec, const struct roads_options *opt,
	       struct roads **out, struct mr_error *err);
void roads_free(struct roads *r);

/* The provider's name as it appears in plan.json: "straight", "osm". */
const char *roads_name(const struct roads *r);
/* A short description of the provider and its settings for people. */
const char *roads_describe(const struct roads *r);

/*
 * Fills m with durations and distances between the n points. m is owned by
 * the caller and released with geo_matrix_release. 0, or -1 with err.
 */
int roads_matrix(struct roads *r, const struct geo_point *pts, int n,
		 struct geo_matrix *m, struct mr_error *err);

void geo_matrix_release(struct geo_matrix *m);

/*
 * The path from a to b along the roads, starting at a and ending at b, in
 * *pts (the caller frees it). Providers without paths give *n = 0.
 * 0, or -1 with err.
 */
int roads_path(struct roads *r, struct geo_point a, struct geo_point b,
	       struct geo_point **pts, int *n, struct mr_error *err);

/*
 * What names the provider and its source for a matrix cache ("osm:" and
 * the file's hash, "osrm:" and the URL), or NULL when its matrices are
 * cheaper to compute than to look up.
 */
const char *roads_cache_id(const struct roads *r);

/*
 * The streets inside the box lo..hi as pairs of points (2 * *n of them, in
 * *pairs, which the caller frees), for maps; none for providers that have
 * no street network of their own.
 */
void roads_streets(const struct roads *r, struct geo_point lo,
		   struct geo_point hi, struct geo_point **pairs, int *n);

/* Whom to credit for the data ("OpenStreetMap contributors"), or NULL. */
const char *roads_credit(const struct roads *r);

#endif
