/*
 * The links the dispatch sheet's QR codes carry (see sheets.h): a phone
 * scans one and its map app starts navigating, in the datum that app
 * expects. The forms are the apps' published URI APIs:
 *
 *   geo:      RFC 5870 with the "q=lat,lon(label)" query Android's map
 *             apps (OsmAnd, Organic Maps, Google Maps) read; WGS-84; one
 *             place per link.
 *   Amap:     https://uri.amap.com/navigation?to=lon,lat,name for a stop
 *             (a web page that opens the app; by car unless told); amapuri://route/plan/ with
 *             up to 16 waypoints (vialons, vialats) for a trip; GCJ-02.
 *   Baidu:    https://api.map.baidu.com/marker?location=lat,lon for a
 *             stop (a web page with a button into the app);
 *             baidumap://map/direction with viaPoints for a trip, up to
 *             10; BD-09 (coord_type=bd09ll).
 */
#include "planner/sheets/sheets.h"

#include <stdio.h>
#include <string.h>

#include "util/coords.h"
#include "util/strbuf.h"
#include "util/text.h"

/* The most waypoints between start and end each app's route takes. */
#define AMAP_MAX_VIA 16
#define BAIDU_MAX_VIA 10
#define SOURCE "mealrun"

/* Appends s percent-encoded (RFC 3986 unreserved characters kept). */
static void add_encoded(struct strbuf *sb, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p))
			strbuf_addch(sb, (char)*p);
		else
			strbuf_addf(sb, "%%%02X", *p);
	}
}

static enum coords datum(enum nav_app app)
{
	return app == NAV_AMAP ? COORDS_GCJ02
	     : app == NAV_BAIDU ? COORDS_BD09 : COORDS_WGS84;
}

/* A stop's code must stay small enough to read from paper: a Chinese
 * character takes nine bytes of a link. */
#define NAME_CHARS 6

/* A name on a phone's screen, percent-encoded: at most NAME_CHARS
 * characters of it. */
static void add_cut(struct strbuf *sb, const char *name)
{
	struct strbuf cut = STRBUF_INIT;
	strbuf_add(&cut, name, utf8_prefix(name, NAME_CHARS));
	add_encoded(sb, strbuf_str(&cut));
	strbuf_release(&cut);
}

/* A stop's: its short name, or its name. */
static void add_name(struct strbuf *sb, const struct meal_point *m)
{
	add_cut(sb, m->short_name && *m->short_name ? m->short_name : m->name);
}

void nav_stop_link(enum nav_app app, const struct meal_point *m,
		   struct strbuf *out)
{
	double lat = m->lat, lon = m->lon;
	coords_from_wgs84(datum(app), &lat, &lon);
	switch (app) {
	case NAV_GEO:
		strbuf_addf(out, "geo:%.6f,%.6f?q=%.6f,%.6f(", lat, lon, lat,
			    lon);
		add_name(out, m);
		strbuf_addch(out, ')');
		break;
	case NAV_AMAP:
		strbuf_addf(out, "https://uri.amap.com/navigation?to=%.6f,%.6f,",
			    lon, lat);
		add_name(out, m);
		strbuf_addstr(out, "&callnative=1");
		break;
	case NAV_BAIDU:
		strbuf_addf(out, "https://api.map.baidu.com/marker?location="
			    "%.6f,%.6f&title=", lat, lon);
		add_name(out, m);
		strbuf_addstr(out, "&output=html&coord_type=bd09ll&src=" SOURCE);
		break;
	}
}

/* A trip's ends in an app's datum: the kitchen, and its last stop. */
struct trip_ends {
	double klat, klon, dlat, dlon;
	const struct meal_point *last;
};

static void trip_ends(const struct service *sv, const struct plan_trip *t,
		      enum coords datum, struct trip_ends *e)
{
	e->klat = sv->kitchen.lat;
	e->klon = sv->kitchen.lon;
	coords_from_wgs84(datum, &e->klat, &e->klon);
	e->last = &sv->meal_points[t->stops[t->nstops - 1].meal_point];
	e->dlat = e->last->lat;
	e->dlon = e->last->lon;
	coords_from_wgs84(datum, &e->dlat, &e->dlon);
}

static void amap_trip(const struct service *sv, const struct plan_trip *t,
		      struct strbuf *out)
{
	struct trip_ends e;
	trip_ends(sv, t, COORDS_GCJ02, &e);
	strbuf_addf(out, "amapuri://route/plan/?sourceApplication=" SOURCE
		    "&slat=%.6f&slon=%.6f&sname=", e.klat, e.klon);
	add_cut(out, sv->kitchen.name);
	strbuf_addf(out, "&dlat=%.6f&dlon=%.6f&dname=", e.dlat, e.dlon);
	add_name(out, e.last);
	int nvia = t->nstops - 1;
	if (nvia > 0) {
		struct strbuf lats = STRBUF_INIT, lons = STRBUF_INIT;
		for (int k = 0; k < nvia; k++) {
			const struct meal_point *m =
				&sv->meal_points[t->stops[k].meal_point];
			double lat = m->lat, lon = m->lon;
			coords_from_wgs84(COORDS_GCJ02, &lat, &lon);
			strbuf_addf(&lats, "%s%.6f", k ? "%7C" : "", lat);
			strbuf_addf(&lons, "%s%.6f", k ? "%7C" : "", lon);
		}
		strbuf_addf(out, "&vian=%d&vialats=%s&vialons=%s", nvia,
			    strbuf_str(&lats), strbuf_str(&lons));
		strbuf_release(&lats);
		strbuf_release(&lons);
	}
	strbuf_addstr(out, "&dev=0&t=0");
}

static void baidu_trip(const struct service *sv, const struct plan_trip *t,
		       struct strbuf *out)
{
	struct trip_ends e;
	trip_ends(sv, t, COORDS_BD09, &e);
	strbuf_addf(out, "baidumap://map/direction?origin=latlng:%.6f,%.6f"
		    "%%7Cname:", e.klat, e.klon);
	add_cut(out, sv->kitchen.name);
	strbuf_addf(out, "&destination=latlng:%.6f,%.6f%%7Cname:", e.dlat,
		    e.dlon);
	add_name(out, e.last);
	if (t->nstops > 1) {
		struct strbuf via = STRBUF_INIT;
		strbuf_addstr(&via, "{\"viaPoints\":[");
		for (int k = 0; k + 1 < t->nstops; k++) {
			const struct meal_point *m =
				&sv->meal_points[t->stops[k].meal_point];
			double lat = m->lat, lon = m->lon;
			coords_from_wgs84(COORDS_BD09, &lat, &lon);
			strbuf_addf(&via, "%s{\"lat\":%.6f,\"lng\":%.6f}",
				    k ? "," : "", lat, lon);
		}
		strbuf_addstr(&via, "]}");
		strbuf_addstr(out, "&viaPoints=");
		add_encoded(out, strbuf_str(&via));
		strbuf_release(&via);
	}
	strbuf_addstr(out, "&coord_type=bd09ll&mode=driving&src=" SOURCE);
}

enum nav_trip nav_trip_link(const struct service *sv,
			    const struct plan_trip *t, struct strbuf *out)
{
	enum nav_app app = sv->kitchen.navigation;
	if (app == NAV_GEO)
		return NAV_TRIP_ONE_AT_A_TIME;
	if (t->nstops < 1)
		return NAV_TRIP_TOO_LONG;
	int max = app == NAV_AMAP ? AMAP_MAX_VIA : BAIDU_MAX_VIA;
	if (t->nstops - 1 > max)
		return NAV_TRIP_TOO_LONG;
	if (app == NAV_AMAP)
		amap_trip(sv, t, out);
	else
		baidu_trip(sv, t, out);
	return NAV_TRIP_LINK;
}
