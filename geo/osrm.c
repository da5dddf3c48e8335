/*
 * The OSRM client (see osrm.h). curl.h stays in here.
 */
#include "geo/osrm.h"

#include "geo/roads.h"

#include <curl/curl.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/strbuf.h"
#include "util/xalloc.h"

#define TILE 100
#define RETRIES 3
#define CONNECT_TIMEOUT_S 5L
#define TOTAL_TIMEOUT_S 30L

struct osrm {
	char *base;    /* without a trailing slash */
	CURL *curl;
};

static size_t on_data(char *data, size_t size, size_t n, void *arg)
{
	strbuf_add(arg, data, size * n);
	return size * n;
}

int osrm_open(const char *url, struct osrm **out, struct mr_error *err)
{
	*out = NULL;
	if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0)
		return mr_fail(err, EX_USAGE, "osrm:%s: the server must be an "
			       "http:// or https:// URL", url);
	struct osrm *o = xcalloc(1, sizeof(*o));
	o->base = xstrdup(url);
	size_t len = strlen(o->base);
	while (len && o->base[len - 1] == '/')
		o->base[--len] = '\0';
	o->curl = curl_easy_init();
	if (!o->curl) {
		osrm_free(o);
		return mr_fail(err, EX_OSERR, "cannot start libcurl");
	}
	*out = o;
	return 0;
}

void osrm_free(struct osrm *o)
{
	if (!o)
		return;
	if (o->curl)
		curl_easy_cleanup(o->curl);
	free(o->base);
	free(o);
}

static void pause_s(double s)
{
	struct timespec ts = { (time_t)s, (long)((s - floor(s)) * 1e9) };
	nanosleep(&ts, NULL);
}

/*
 * GETs url and parses the JSON answer, retrying with backoff when the
 * server does not answer or answers 5xx. A JSON answer whose code is not
 * "Ok" fails at once. Returns the object (caller decrefs) or NULL with err
 * (EX_UNAVAILABLE).
 */
static json_t *get_json(struct osrm *o, const char *url, struct mr_error *err)
{
	struct strbuf body = STRBUF_INIT;
	char curl_err[CURL_ERROR_SIZE] = "";
	double backoff = 0.25;
	json_t *answer = NULL;
	for (int attempt = 0; attempt <= RETRIES; attempt++) {
		if (attempt) {
			pause_s(backoff);
			backoff *= 2;
		}
		strbuf_reset(&body);
		curl_easy_reset(o->curl);
		curl_easy_setopt(o->curl, CURLOPT_URL, url);
		curl_easy_setopt(o->curl, CURLOPT_WRITEFUNCTION, on_data);
		curl_easy_setopt(o->curl, CURLOPT_WRITEDATA, &body);
		curl_easy_setopt(o->curl, CURLOPT_ERRORBUFFER, curl_err);
		curl_easy_setopt(o->curl, CURLOPT_CONNECTTIMEOUT, CONNECT_TIMEOUT_S);
		curl_easy_setopt(o->curl, CURLOPT_TIMEOUT, TOTAL_TIMEOUT_S);
		curl_easy_setopt(o->curl, CURLOPT_NOSIGNAL, 1L);
		curl_easy_setopt(o->curl, CURLOPT_USERAGENT, "mealrun");
		CURLcode rc = curl_easy_perform(o->curl);
		long status = 0;
		curl_easy_getinfo(o->curl, CURLINFO_RESPONSE_CODE, &status);
		if (rc != CURLE_OK) {
			mr_fail(err, EX_UNAVAILABLE, "routing server %s did not "
				"answer: %s", o->base,
				curl_err[0] ? curl_err : curl_easy_strerror(rc));
			continue;
		}
		if (status >= 500) {
			mr_fail(err, EX_UNAVAILABLE, "routing server %s answered "
				"HTTP %ld", o->base, status);
			continue;
		}
		json_error_t jerr;
		answer = json_loadb(strbuf_str(&body), body.len, 0, &jerr);
		if (!answer) {
			mr_fail(err, EX_UNAVAILABLE, "routing server %s answered "
				"HTTP %ld with something that is not JSON", o->base,
				status);
			break;
		}
		const char *code = json_string_value(json_object_get(answer, "code"));
		if (!code || strcmp(code, "Ok") != 0) {
			const char *msg = json_string_value(
				json_object_get(answer, "message"));
			mr_fail(err, EX_UNAVAILABLE, "routing server %s answered "
				"%s%s%s", o->base, code ? code : "without a code",
				msg ? ": " : "", msg ? msg : "");
			json_decref(answer);
			answer = NULL;
		}
		break;
	}
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

int osrm_matrix(struct osrm *o, const struct geo_point *pts, int n,
		double **duration_s, double **distance_m, int **unreachable,
		struct mr_error *err)
{
	double *dur = xcalloc((size_t)n * (size_t)n + 1, sizeof(double));
	double *dis = xcalloc((size_t)n * (size_t)n + 1, sizeof(double));
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
			json_t *drows = json_object_get(ans, "durations");
			json_t *lrows = json_object_get(ans, "distances");
			if (json_array_size(drows) != (size_t)ns) {
				json_decref(ans);
				mr_fail(err, EX_UNAVAILABLE, "routing server %s "
					"answered a table of the wrong size",
					o->base);
				goto fail;
			}
			for (int i = 0; i < ns; i++) {
				json_t *dr = json_array_get(drows, (size_t)i);
				json_t *lr = json_array_get(lrows, (size_t)i);
				for (int j = 0; j < nd; j++) {
					size_t at = (size_t)(s0 + i) * (size_t)n +
						    (size_t)(d0 + j);
					json_t *dc = json_array_get(dr, (size_t)j);
					json_t *lc = json_array_get(lr, (size_t)j);
					if (!json_is_number(dc)) {
						/* null: no route */
						dur[at] = dis[at] = ROADS_NO_ROUTE;
						lost[s0 + i]++;
						lost[d0 + j]++;
						nlost++;
						continue;
					}
					dur[at] = json_number_value(dc);
					dis[at] = json_is_number(lc)
						? json_number_value(lc)
						: dur[at] * 10.0;
				}
			}
			json_decref(ans);
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
			     "route without a readable geometry", o->base);
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
