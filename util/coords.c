/*
 * Map coordinates of Chinese platforms (see coords.h).
 */
#include "util/coords.h"

#include <math.h>
#include <string.h>

#define PI 3.14159265358979323846
/* The Krasovsky 1940 ellipsoid GCJ-02 is defined on. */
#define KRASOVSKY_A 6378245.0
#define KRASOVSKY_EE 0.00669342162296594323
/* Baidu's constant. */
#define X_PI (PI * 3000.0 / 180.0)

int coords_parse(const char *s, enum coords *out)
{
	if (!*s || !strcmp(s, "wgs84"))
		*out = COORDS_WGS84;
	else if (!strcmp(s, "gcj02"))
		*out = COORDS_GCJ02;
	else if (!strcmp(s, "bd09"))
		*out = COORDS_BD09;
	else
		return -1;
	return 0;
}

/* Where GCJ-02 differs from WGS-84: the rectangle around China the
 * standard applies to. */
static int in_china(double lat, double lon)
{
	return lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 &&
	       lat <= 55.8271;
}

/* The GCJ-02 offset (degrees) at a WGS-84 point. */
static void gcj_offset(double lat, double lon, double *dlat, double *dlon)
{
	double x = lon - 105.0, y = lat - 35.0;
	double common = (20.0 * sin(6.0 * x * PI) + 20.0 * sin(2.0 * x * PI)) *
			2.0 / 3.0;
	double a = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y +
		   0.2 * sqrt(fabs(x)) + common +
		   (20.0 * sin(y * PI) + 40.0 * sin(y / 3.0 * PI)) * 2.0 / 3.0 +
		   (160.0 * sin(y / 12.0 * PI) + 320.0 * sin(y * PI / 30.0)) *
		   2.0 / 3.0;
	double b = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y +
		   0.1 * sqrt(fabs(x)) + common +
		   (20.0 * sin(x * PI) + 40.0 * sin(x / 3.0 * PI)) * 2.0 / 3.0 +
		   (150.0 * sin(x / 12.0 * PI) + 300.0 * sin(x / 30.0 * PI)) *
		   2.0 / 3.0;
	double rad = lat / 180.0 * PI;
	double magic = 1 - KRASOVSKY_EE * sin(rad) * sin(rad);
	double sq = sqrt(magic);
	*dlat = a * 180.0 / ((KRASOVSKY_A * (1 - KRASOVSKY_EE)) /
			     (magic * sq) * PI);
	*dlon = b * 180.0 / (KRASOVSKY_A / sq * cos(rad) * PI);
}

static void wgs_to_gcj(double *lat, double *lon)
{
	if (!in_china(*lat, *lon))
		return;
	double dlat, dlon;
	gcj_offset(*lat, *lon, &dlat, &dlon);
	*lat += dlat;
	*lon += dlon;
}

/* The WGS-84 point whose GCJ-02 is (lat, lon): the offset subtracted
 * again and again until it stops moving (a few centimetres after three
 * steps; at most twenty). */
static void gcj_to_wgs(double *lat, double *lon)
{
	if (!in_china(*lat, *lon))
		return;
	double glat = *lat, glon = *lon, wlat = glat, wlon = glon;
	for (int i = 0; i < 20; i++) {
		double dlat, dlon;
		gcj_offset(wlat, wlon, &dlat, &dlon);
		double nlat = glat - dlat, nlon = glon - dlon;
		double moved = fmax(fabs(nlat - wlat), fabs(nlon - wlon));
		wlat = nlat;
		wlon = nlon;
		if (moved < 1e-9)
			break;
	}
	*lat = wlat;
	*lon = wlon;
}

static void bd_to_gcj(double *lat, double *lon)
{
	double x = *lon - 0.0065, y = *lat - 0.006;
	double z = sqrt(x * x + y * y) - 0.00002 * sin(y * X_PI);
	double theta = atan2(y, x) - 0.000003 * cos(x * X_PI);
	*lon = z * cos(theta);
	*lat = z * sin(theta);
}

static void gcj_to_bd(double *lat, double *lon)
{
	double x = *lon, y = *lat;
	double z = sqrt(x * x + y * y) + 0.00002 * sin(y * X_PI);
	double theta = atan2(y, x) + 0.000003 * cos(x * X_PI);
	*lon = z * cos(theta) + 0.0065;
	*lat = z * sin(theta) + 0.006;
}

void coords_to_wgs84(enum coords sys, double *lat, double *lon)
{
	if (sys == COORDS_WGS84 || !in_china(*lat, *lon))
		return;
	if (sys == COORDS_BD09)
		bd_to_gcj(lat, lon);
	gcj_to_wgs(lat, lon);
}

void coords_from_wgs84(enum coords sys, double *lat, double *lon)
{
	if (sys == COORDS_WGS84 || !in_china(*lat, *lon))
		return;
	wgs_to_gcj(lat, lon);
	if (sys == COORDS_BD09)
		gcj_to_bd(lat, lon);
}
