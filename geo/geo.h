/*
 * Points on the earth and distances between them: the vocabulary of geo/,
 * which turns places into travel times, distances and paths. geo/ uses
 * neither data/ nor anything above it.
 */
#ifndef MEALRUN_GEO_GEO_H
#define MEALRUN_GEO_GEO_H

struct geo_point {
	double lat, lon; /* WGS 84 degrees */
};

/* Great-circle distance in metres (haversine, mean earth radius). */
double geo_haversine_m(struct geo_point a, struct geo_point b);

#endif
