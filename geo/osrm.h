/*
 * An OSRM server as a travel-time provider ("osrm:URL"): the /table
 * service in tiles of at most 100 sources and destinations, and /route for
 * the geometry of a path (polyline6), over util/http.h (connect and total
 * timeouts, a cap on the answer, retries only for a server that cannot be
 * reached or answers 5xx). Every table is checked before it is used: its
 * size exact, every duration and distance a number between 0 and a sane
 * bound, or null for no route. Used by roads.c only.
 */
#ifndef MEALRUN_GEO_OSRM_H
#define MEALRUN_GEO_OSRM_H

#include <stddef.h>

#include "geo/geo.h"
#include "util/error.h"


struct osrm;

/* url: the server's base, e.g. http://127.0.0.1:5000. Never fails but for
 * a malformed URL (EX_USAGE). */
int osrm_open(const char *url, struct osrm **out, struct mr_error *err);
void osrm_free(struct osrm *o);

/*
 * Durations (s) and distances (m) between n points, row-major. A pair the
 * server has no route for gets OSRM_NO_ROUTE; *unreachable counts such
 * pairs per point (the caller frees it; NULL if none). A pair without a
 * route gets ROADS_NO_ROUTE (roads.h). Fails with EX_UNAVAILABLE when
 * the server does not answer, answers with a code other than Ok, or with
 * a table that cannot be used (naming what is wrong with it).
 */
int osrm_matrix(struct osrm *o, const struct geo_point *pts, int n,
		float **duration_s, float **distance_m, int **unreachable,
		struct mr_error *err);

/* The road path from a to b (decoded polyline6), from a and to b. */
int osrm_path(struct osrm *o, struct geo_point a, struct geo_point b,
	      struct geo_point **out, int *npts, struct mr_error *err);

/*
 * Reads an OSRM /table answer (JSON text of len bytes) for ns sources and
 * nd destinations into dur and dis (ns x nd each, row-major), with the
 * checks osrm_matrix makes: 0, or -1 with err saying what is wrong. For
 * the fuzz target.
 */
int osrm_table_parse(const char *text, size_t len, int ns, int nd,
		     float *dur, float *dis, struct mr_error *err);

/* Decodes a polyline with precision 1e6; the caller frees *out. Returns
 * -1 for a malformed string. */
int polyline6_decode(const char *s, struct geo_point **out, int *n);

#endif
