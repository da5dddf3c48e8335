/*
 * Inside the OpenStreetMap road network (osm.h): the file as read, before
 * the graph is built from it. osm_read.c reads it; osm.c builds on it.
 */
#ifndef MEALRUN_GEO_OSM_INTERNAL_H
#define MEALRUN_GEO_OSM_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "util/error.h"

/* A drivable way: its node references, its speed and direction. */
struct way {
	int first, count;      /* into refs */
	float speed_kmh;
	int oneway;            /* 1 forward, -1 backward, 0 both */
};

/* The nodes and the drivable ways of a file. */
struct osm_file {
	/* all nodes of the file */
	int64_t *node_id;
	double *node_lat, *node_lon;
	long nnodes, nodes_alloc;
	/* kept ways */
	int64_t *refs;
	long nrefs, refs_alloc;
	struct way *ways;
	long nways, ways_alloc, ways_read;
	/* the way being read */
	bool in_way;
	long way_first;
	char highway[32], oneway[16], maxspeed[32], access[16], junction[32],
	     motor[16], area[8];
};

/*
 * Reads path (.osm, or .osm.gz, which libxml2 inflates, with libxml2's
 * streaming reader: no network, no DTD, no entity substitution; .osm.pbf
 * with libreadosm): every node's position, and every drivable way with
 * its speed (by highway class, and maxspeed where tagged) and one-way
 * rule. Fails with EX_NOINPUT
 * for a missing file and EX_DATAERR (naming the line) for malformed XML.
 * Release f with osm_file_release, also after a failure.
 */
int osm_file_read(const char *path, struct osm_file *f, struct mr_error *err);
void osm_file_release(struct osm_file *f);

#endif
