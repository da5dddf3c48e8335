/*
 * The map coordinates of Chinese platforms, to WGS-84 and back: GCJ-02
 * (Amap, Tencent, and the national standard's "encrypted" datum) and BD-09
 * (Baidu, GCJ-02 shifted once more). The conversion is the published one
 * (the GCJ-02 offset polynomial on the Krasovsky ellipsoid, and Baidu's
 * closed form); from GCJ-02 to WGS-84 it is inverted by iteration to well
 * under a metre. Outside China, where GCJ-02 is WGS-84, every conversion is
 * the identity. mealrun converts once, on import, and keeps WGS-84 inside.
 */
#ifndef MEALRUN_UTIL_COORDS_H
#define MEALRUN_UTIL_COORDS_H

enum coords { COORDS_WGS84, COORDS_GCJ02, COORDS_BD09 };

/* "wgs84", "gcj02" or "bd09" (empty: wgs84) into *out; 0, or -1. */
int coords_parse(const char *s, enum coords *out);

/* lat/lon given in sys, in place, to WGS-84. */
void coords_to_wgs84(enum coords sys, double *lat, double *lon);

/* WGS-84 lat/lon, in place, to sys (for links into the platforms' apps). */
void coords_from_wgs84(enum coords sys, double *lat, double *lon);

#endif
