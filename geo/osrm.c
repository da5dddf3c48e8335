/*
 * The OSRM client (see osrm.h), over util/http.h. Every answer is checked
 * before it is used, and so before it can reach the matrix cache.
 */
#include "geo/osrm.h"

#include "geo/roads.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/http.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define TILE 100
#define RETRIES 3
#define CONNECT_TIMEOUT_S 5L
#define TOTAL_TIMEOUT_S 30L
/* A 100 x 100 tile is about 200 kB; a route's geometry far less. */
#define MAX_ANSWER (16u << 20)
/* A week: no drive within a city takes longer. */
#define MAX_DURATION_S (7 * 86400.0)
/* Around the earth, twice. */
#define MAX_DISTANCE_M 8e7

struct osrm {
	char *base;    /* without a trailing slash */
	char *shown;   /* base, masked for messages */
};

int osrm_open(const char *url, struct osrm **out, struct mr_error *err)
{
	*out = NULL;
	if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0) {
		char *shown = http_masked(url);
		mr_fail(err, EX_USAGE, "osrm:%s: the server must be an http:// "
			"or https:// URL", shown);
		free(shown);
		return -1;
	}
	struct osrm *o = xcalloc(1, sizeof(*o));
	o->base = xstrdup(url);
	size_t len = strlen(o->base);
	while (len && o->base[len - 1] == '/')
		o->base[--len] = '\0';
	o->shown = http_masked(o->base);
	*out = o;
	return 0;
}

void osrm_free(struct osrm *o)
{
	if (!o)
		return;
	free(o->base);
	free(o->shown);
	free(o);
}

/*
 * GETs url and parses the JSON answer (util/http.h retries a server that
 * cannot be reached or answers 5xx). A JSON answer whose code is not "Ok"
 * fails. Returns the object (caller decrefs) or NULL with err
 * (EX_UNAVAILABLE).
 */
static json_t *get_json(struct osrm *o, const char *url, struct mr_error *err)
{
	struct strbuf body = STRBUF_INIT;
	struct http_request req = {
		.url = url, .what = "routing server",
		.connect_timeout_s = CONNECT_TIMEOUT_S,
		.timeout_s = TOTAL_TIMEOUT_S, .max_bytes = MAX_ANSWER,
		.retries = RETRIES,
	};
	long status;
	json_t *answer = NULL;
	if (http_get(&req, &body, &status, err) != 0)
		goto out;
	json_error_t jerr;
	answer = json_loadb(strbuf_str(&body), body.len, 0, &jerr);
	if (!answer) {
		mr_fail(err, EX_UNAVAILABLE, "routing server %s answered HTTP "
			"%ld with something that is not JSON", o->shown, status);
		goto out;
	}
	const char *code = json_string_value(json_object_get(answer, "code"));
	if (!code || strcmp(code, "Ok") != 0) {
		const char *msg = json_string_value(json_object_get(answer,
								    "message"));
		mr_fail(err, EX_UNAVAILABLE, "routing server %s answered %s%s%s",
			o->shown, code ? code : "without a code",
			msg ? ": " : "", msg ? msg : "");
		json_decref(answer);
		answer = NULL;
	}
out:
	strbuf_release(&body);
	return answer;
}

static void add_coords(struct strbuf *url, const struct geo_point *pts,
		       const int *idx, int n)
{
	for (int i = 0; i < n; i++)
		strbuf_addf(url, "%s%.6f,%.6f", i ? ";" : "", pts[idx[i]].lon,
			    pts[idx[i]].lat);
}

/* A cell of a table: a number within [0, max], or null (no route, when
 * allowed); 1 for null, 0 for a number, -1 with err otherwise. */
static int table_cell(json_t *c, double max, const char *name, int row,
		      int col, double *v, struct mr_error *err)
{
	if (json_is_null(c)) {
		*v = ROADS_NO_ROUTE;
		return 1;
	}
	if (!json_is_number(c))
		return mr_fail(err, EX_UNAVAILABLE, "%s row %d, column %d is not "
			       "a number", name, row + 1, col + 1);
	*v = json_number_value(c);
	if (!isfinite(*v) || *v < 0 || *v > max)
		return mr_fail(err, EX_UNAVAILABLE, "%s row %d, column %d is "
			       "%g, not between 0 and %g", name, row + 1,
			       col + 1, *v, max);
	return 0;
}

/* The ns x nd tile of ans into dur and dis, n x n, at (s0, d0); pairs
 * without a route counted in lost (per point) and *nlost. */
static int table_read(json_t *ans, int ns, int nd, int n, int s0, int d0,
		      float *dur, float *dis, int *lost, int *nlost,
		      struct mr_error *err)
{
	json_t *drows = json_object_get(ans, "durations");
	json_t *lrows = json_object_get(ans, "distances");
	if (!json_is_array(drows) || json_array_size(drows) != (size_t)ns)
		return mr_fail(err, EX_UNAVAILABLE, "%zu rows of durations for "
			       "%d sources", json_array_size(drows), ns);
	/* Without distances (an older server), they are guessed from the
	 * durations; with them, they must match. */
	if (lrows && (!json_is_array(lrows) ||
		      json_array_size(lrows) != (size_t)ns))
		return mr_fail(err, EX_UNAVAILABLE, "%zu rows of distances for "
			       "%d sources", json_array_size(lrows), ns);
	for (int i = 0; i < ns; i++) {
		json_t *dr = json_array_get(drows, (size_t)i);
		json_t *lr = lrows ? json_array_get(lrows, (size_t)i) : NULL;
		if (!json_is_array(dr) || json_array_size(dr) != (size_t)nd)
			return mr_fail(err, EX_UNAVAILABLE, "durations row %d "
				       "has %zu columns for %d destinations",
				       i + 1, json_array_size(dr), nd);
		if (lrows && (!json_is_array(lr) ||
			      json_array_size(lr) != (size_t)nd))
			return mr_fail(err, EX_UNAVAILABLE, "distances row %d "
				       "has %zu columns for %d destinations",
				       i + 1, json_array_size(lr), nd);
		for (int j = 0; j < nd; j++) {
			size_t at = (size_t)(s0 + i) * (size_t)n +
				    (size_t)(d0 + j);
			double v;
			int none = table_cell(json_array_get(dr, (size_t)j),
					      MAX_DURATION_S, "durations", i,
					      j, &v, err);
			dur[at] = (float)v;
			if (none < 0)
				return -1;
			if (none) {
				dis[at] = ROADS_NO_ROUTE;
				lost[s0 + i]++;
				lost[d0 + j]++;
				(*nlost)++;
				continue;
			}
			if (!lr) {
				dis[at] = dur[at] * 10.0;
				continue;
			}
			int dnone = table_cell(json_array_get(lr, (size_t)j),
					       MAX_DISTANCE_M, "distances", i,
					       j, &v, err);
			dis[at] = (float)v;
			if (dnone < 0)
				return -1;
			if (dnone)
				return mr_fail(err, EX_UNAVAILABLE, "distances "
					       "row %d, column %d is null where "
					       "the duration is not", i + 1,
					       j + 1);
		}
	}
	return 0;
}

int osrm_table_parse(const char *text, size_t len, int ns, int nd,
		     float *dur, float *dis, struct mr_error *err)
{
	json_error_t jerr;
	json_t *ans = json_loadb(text, len, 0, &jerr);
	if (!ans)
		return mr_fail(err, EX_UNAVAILABLE, "not JSON: %s", jerr.text);
	int *lost = xcalloc((size_t)(ns > nd ? ns : nd) + 1, sizeof(int));
	int nlost = 0;
	int rc = table_read(ans, ns, nd, nd, 0, 0, dur, dis, lost, &nlost, err);
	free(lost);
	json_decref(ans);
	return rc;
}

int osrm_matrix(struct osrm *o, const struct geo_point *pts, int n,
		float **duration_s, float **distance_m, int **unreachable,
		struct mr_error *err)
{
	float *dur = xcalloc((size_t)n * (size_t)n + 1, sizeof(float));
	float *dis = xcalloc((size_t)n * (size_t)n + 1, sizeof(float));
	int *lost = xcalloc((size_t)n + 1, sizeof(int));
	int idx[2 * TILE];
	int nlost = 0;
	for (int s0 = 0; s0 < n; s0 += TILE) {
		int ns = n - s0 < TILE ? n - s0 : TILE;
		for (int d0 = 0; d0 < n; d0 += TILE) {
			int nd = n - d0 < TILE ? n - d0 : TILE;
			for (int i = 0; i < ns; i++)
				idx[i] = s0 + i;
			for (int i = 0; i < nd; i++)
				idx[ns + i] = d0 + i;
			struct strbuf url = STRBUF_INIT;
			strbuf_addf(&url, "%s/table/v1/driving/", o->base);
			add_coords(&url, pts, idx, ns + nd);
			strbuf_addstr(&url, "?annotations=duration,distance&sources=");
			for (int i = 0; i < ns; i++)
				strbuf_addf(&url, "%s%d", i ? ";" : "", i);
			strbuf_addstr(&url, "&destinations=");
			for (int i = 0; i < nd; i++)
				strbuf_addf(&url, "%s%d", i ? ";" : "", ns + i);
			json_t *ans = get_json(o, url.buf, err);
			strbuf_release(&url);
			if (!ans)
				goto fail;
			int bad = table_read(ans, ns, nd, n, s0, d0, dur, dis,
					     lost, &nlost, err);
			json_decref(ans);
			if (bad) {
				char what[sizeof(err->msg)];
				snprintf(what, sizeof(what), "%s", err->msg);
				mr_fail(err, EX_UNAVAILABLE, "routing server %s "
					"answered a table that cannot be used: "
					"%s", o->shown, what);
				goto fail;
			}
		}
	}
	*duration_s = dur;
	*distance_m = dis;
	if (nlost) {
		*unreachable = lost;
	} else {
		free(lost);
		*unreachable = NULL;
	}
	return 0;
fail:
	free(dur);
	free(dis);
	free(lost);
	return -1;
}

int polyline6_decode(const char *s, struct geo_point **out, int *n)
{
	int count = 0, alloc = 0;
	struct geo_point *pts = NULL;
	long long lat = 0, lon = 0;
	while (*s) {
		long long v[2];
		for (int k = 0; k < 2; k++) {
			long long result = 0;
			int shift = 0, b;
			do {
				if (!*s || shift > 60) {
					free(pts);
					return -1;
				}
				b = *s++ - 63;
				if (b < 0) {
					free(pts);
					return -1;
				}
				result |= (long long)(b & 0x1f) << shift;
				shift += 5;
			} while (b >= 0x20);
			v[k] = (result & 1) ? ~(result >> 1) : (result >> 1);
		}
		lat += v[0];
		lon += v[1];
		ALLOC_GROW(pts, count + 1, alloc);
		pts[count++] = (struct geo_point){ lat / 1e6, lon / 1e6 };
	}
	*out = pts;
	*n = count;
	return 0;
}

int osrm_path(struct osrm *o, struct geo_point a, struct geo_point b,
	      struct geo_point **out, int *npts, struct mr_error *err)
{
	struct strbuf url = STRBUF_INIT;
	strbuf_addf(&url, "%s/route/v1/driving/%.6f,%.6f;%.6f,%.6f"
		    "?overview=full&geometries=polyline6", o->base, a.lon, a.lat,
		    b.lon, b.lat);
	json_t *ans = get_json(o, url.buf, err);
	strbuf_release(&url);
	if (!ans)
		return -1;
	const char *geom = json_string_value(json_object_get(
		json_array_get(json_object_get(ans, "routes"), 0), "geometry"));
	struct geo_point *line = NULL;
	int n = 0;
	int rc = 0;
	if (!geom || polyline6_decode(geom, &line, &n) != 0)
		rc = mr_fail(err, EX_UNAVAILABLE, "routing server %s answered a "
			     "route without a readable geometry", o->shown);
	json_decref(ans);
	if (rc != 0)
		return -1;
	/* From the door to the road, and from the road to the door. */
	struct geo_point *path = xmalloc(sizeof(*path) * ((size_t)n + 2));
	path[0] = a;
	memcpy(path + 1, line, sizeof(*line) * (size_t)n);
	path[n + 1] = b;
	free(line);
	*out = path;
	*npts = n + 2;
	return 0;
}
