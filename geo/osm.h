/*
 * A road network read from an OpenStreetMap file (.osm, .osm.gz or .osm.pbf):
 * drivable ways with speeds by highway class (and maxspeed where tagged),
 * one-way rules, the largest strongly connected part kept, points snapped
 * to the nearest road segment, and shortest paths by time. Used by the
 * "osm:FILE" travel-time provider in roads.c; not for use elsewhere.
 */
#ifndef MEALRUN_GEO_OSM_H
#define MEALRUN_GEO_OSM_H

#include "geo/geo.h"
#include "util/error.h"

struct osm_net;

/* Stats of a network, for messages and benchmarks. */
struct osm_stats {
	long nodes_read, ways_read, ways_kept;
	int graph_nodes, graph_edges;
	int component_nodes;   /* in the largest strongly connected part */
};

/*
 * Reads path with libxml2's streaming reader (no network, no entity
 * expansion) and builds the network. Fails with EX_NOINPUT for a missing
 * file, EX_DATAERR (naming the line) for malformed XML or a file without
 * drivable roads. Free with osm_free.
 */
int osm_load(const char *path, struct osm_net **out, struct mr_error *err);
void osm_free(struct osm_net *net);
void osm_get_stats(const struct osm_net *net, struct osm_stats *st);

/*
 * Travel times (s) and distances (m) between n points along the roads,
 * row-major n x n; snap_m (may be NULL) gets each point's distance to its
 * road. The caller frees the arrays.
 */
int osm_matrix(struct osm_net *net, const struct geo_point *pts, int n,
	       float **duration_s, float **distance_m, double *snap_m,
	       struct mr_error *err);

/*
 * The road path from a to b as points, starting at a and ending at b;
 * the caller frees *out.
 */
int osm_path(struct osm_net *net, struct geo_point a, struct geo_point b,
	     struct geo_point **out, int *npts, struct mr_error *err);

/*
 * The network's road segments inside a box, as pairs of points in *pairs
 * (2 * *n points; the caller frees it), for drawing maps.
 */
void osm_segments(const struct osm_net *net, struct geo_point lo,
		  struct geo_point hi, struct geo_point **pairs, int *n);

/* A point of the network chosen by r (benchmarks spread points so). */
void osm_random_point(const struct osm_net *net, unsigned r,
		      struct geo_point *out);

#endif
