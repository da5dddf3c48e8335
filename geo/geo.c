/*
 * Great-circle distance (see geo.h).
 */
#include "geo/geo.h"

#include <math.h>

#define EARTH_RADIUS_M 6371008.8
#define DEG (3.14159265358979323846 / 180.0)

double geo_haversine_m(struct geo_point a, struct geo_point b)
{
	double dlat = (b.lat - a.lat) * DEG, dlon = (b.lon - a.lon) * DEG;
	double s = sin(dlat / 2), t = sin(dlon / 2);
	double h = s * s + cos(a.lat * DEG) * cos(b.lat * DEG) * t * t;
	if (h > 1.0)
		h = 1.0;
	return 2.0 * EARTH_RADIUS_M * asin(sqrt(h));
}
