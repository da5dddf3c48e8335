/*
 * The provider table and the straight-line provider (see roads.h).
 */
#include "geo/roads.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "geo/osm.h"
#include "geo/osrm.h"
#include "util/hash.h"
#include "util/xalloc.h"

struct roads_ops {
	const char *prefix;    /* spec prefix: "straight", "osm:" */
	int (*open)(struct roads *r, const char *arg, struct mr_error *err);
	int (*matrix)(struct roads *r, const struct geo_point *pts, int n,
		      struct geo_matrix *m, struct mr_error *err);
	/* NULL when the provider knows no paths */
	int (*path)(struct roads *r, struct geo_point a, struct geo_point b,
		    struct geo_point **pts, int *n, struct mr_error *err);
	void (*free)(struct roads *r);
};

struct roads {
	const struct roads_ops *ops;
	struct roads_options opt;
	char name[16];
	char describe[256];
	const char *credit;
	char cache_id[1100];  /* "" when not worth caching */
	struct osm_net *osm;
	struct osrm *osrm;
};

static int straight_open(struct roads *r, const char *arg,
			 struct mr_error *err)
{
	(void)err;
	(void)arg;
	snprintf(r->describe, sizeof(r->describe),
		 "straight lines x %.2f at %.0f km/h", r->opt.detour,
		 r->opt.speed_kmh);
	return 0;
}

static int straight_matrix(struct roads *r, const struct geo_point *pts,
			   int n, struct geo_matrix *m, struct mr_error *err)
{
	(void)err;
	double mps = r->opt.speed_kmh / 3.6;
	m->n = n;
	m->duration_s = xcalloc((size_t)n * (size_t)n + 1, sizeof(float));
	m->distance_m = xcalloc((size_t)n * (size_t)n + 1, sizeof(float));
	for (int i = 0; i < n; i++) {
		for (int j = i + 1; j < n; j++) {
			double d = geo_haversine_m(pts[i], pts[j]) *
				   r->opt.detour;
			size_t ij = (size_t)i * (size_t)n + (size_t)j;
			size_t ji = (size_t)j * (size_t)n + (size_t)i;
			m->distance_m[ij] = m->distance_m[ji] = d;
			m->duration_s[ij] = m->duration_s[ji] = d / mps;
		}
	}
	return 0;
}

static int osm_provider_open(struct roads *r, const char *arg,
			     struct mr_error *err)
{
	if (!*arg)
		return mr_fail(err, EX_USAGE, "give the OpenStreetMap file: "
			       "--roads osm:FILE");
	if (osm_load(arg, &r->osm, err) != 0)
		return -1;
	/* The file's bytes name the network, wherever the file lies. */
	FILE *fp = fopen(arg, "rb");
	uint64_t h = FNV64_START;
	char buf[65536];
	size_t got;
	while (fp && (got = fread(buf, 1, sizeof(buf), fp)) > 0)
		h = fnv64(h, buf, got);
	if (fp)
		fclose(fp);
	snprintf(r->cache_id, sizeof(r->cache_id), "osm:%016llx",
		 (unsigned long long)h);
	struct osm_stats st;
	osm_get_stats(r->osm, &st);
	snprintf(r->describe, sizeof(r->describe), "roads of %s (%d nodes)",
		 arg, st.component_nodes);
	r->credit = "OpenStreetMap contributors";
	return 0;
}

static int osm_provider_matrix(struct roads *r, const struct geo_point *pts,
			       int n, struct geo_matrix *m,
			       struct mr_error *err)
{
	m->n = n;
	m->snap_m = xcalloc((size_t)n + 1, sizeof(double));
	return osm_matrix(r->osm, pts, n, &m->duration_s, &m->distance_m,
			  m->snap_m, err);
}

static int osm_provider_path(struct roads *r, struct geo_point a,
			     struct geo_point b, struct geo_point **pts, int *n,
			     struct mr_error *err)
{
	return osm_path(r->osm, a, b, pts, n, err);
}

static void osm_provider_free(struct roads *r)
{
	osm_free(r->osm);
}

static int osrm_provider_open(struct roads *r, const char *arg,
			      struct mr_error *err)
{
	if (osrm_open(arg, &r->osrm, err) != 0)
		return -1;
	snprintf(r->cache_id, sizeof(r->cache_id), "osrm:%.1000s|driving", arg);
	snprintf(r->describe, sizeof(r->describe), "OSRM server %s", arg);
	r->credit = "OpenStreetMap contributors";
	return 0;
}

static int osrm_provider_matrix(struct roads *r, const struct geo_point *pts,
				int n, struct geo_matrix *m,
				struct mr_error *err)
{
	m->n = n;
	return osrm_matrix(r->osrm, pts, n, &m->duration_s, &m->distance_m,
			   &m->unreachable, err);
}

static int osrm_provider_path(struct roads *r, struct geo_point a,
			      struct geo_point b, struct geo_point **pts, int *n,
			      struct mr_error *err)
{
	return osrm_path(r->osrm, a, b, pts, n, err);
}

static void osrm_provider_free(struct roads *r)
{
	osrm_free(r->osrm);
}

static const struct roads_ops providers[] = {
	{ "straight", straight_open, straight_matrix, NULL, NULL },
	{ "osm:", osm_provider_open, osm_provider_matrix, osm_provider_path,
	  osm_provider_free },
	{ "osrm:", osrm_provider_open, osrm_provider_matrix, osrm_provider_path,
	  osrm_provider_free },
};

int roads_open(const char *spec, const struct roads_options *opt,
	       struct roads **out, struct mr_error *err)
{
	struct roads_options o = { ROADS_DEFAULT_DETOUR,
				   ROADS_DEFAULT_SPEED_KMH };
	if (opt)
		o = *opt;
	*out = NULL;
	if (!(o.detour >= 1.0 && o.detour <= 5.0))
		return mr_fail(err, EX_USAGE, "detour factor %g is outside "
			       "1 to 5", o.detour);
	if (!(o.speed_kmh >= 1.0 && o.speed_kmh <= 150.0))
		return mr_fail(err, EX_USAGE, "speed %g km/h is outside 1 to "
			       "150", o.speed_kmh);
	for (size_t i = 0; i < sizeof(providers) / sizeof(providers[0]); i++) {
		const struct roads_ops *ops = &providers[i];
		size_t len = strlen(ops->prefix);
		bool prefix = ops->prefix[len - 1] == ':';
		if (prefix ? strncmp(spec, ops->prefix, len) != 0
			   : strcmp(spec, ops->prefix) != 0)
			continue;
		struct roads *r = xcalloc(1, sizeof(*r));
		r->ops = ops;
		r->opt = o;
		snprintf(r->name, sizeof(r->name), "%.*s", (int)(prefix ? len - 1
								    : len),
			 ops->prefix);
		if (ops->open(r, prefix ? spec + len : "", err) != 0) {
			roads_free(r);
			return -1;
		}
		*out = r;
		return 0;
	}
	return mr_fail(err, EX_USAGE, "unknown road provider '%s' (known: "
		       "straight, osm:FILE, osrm:URL)", spec);
}

void roads_free(struct roads *r)
{
	if (!r)
		return;
	if (r->ops->free)
		r->ops->free(r);
	free(r);
}

const char *roads_name(const struct roads *r)
{
	return r->name;
}

const char *roads_credit(const struct roads *r)
{
	return r->credit;
}

void roads_streets(const struct roads *r, struct geo_point lo,
		   struct geo_point hi, struct geo_point **pairs, int *n)
{
	*pairs = NULL;
	*n = 0;
	if (r->osm)
		osm_segments(r->osm, lo, hi, pairs, n);
}

const char *roads_cache_id(const struct roads *r)
{
	return r->cache_id[0] ? r->cache_id : NULL;
}

int roads_path(struct roads *r, struct geo_point a, struct geo_point b,
	       struct geo_point **pts, int *n, struct mr_error *err)
{
	*pts = NULL;
	*n = 0;
	if (!r->ops->path)
		return 0;
	return r->ops->path(r, a, b, pts, n, err);
}

const char *roads_describe(const struct roads *r)
{
	return r->describe;
}

/* The bytes this process may take: the machine's memory, or less where
 * a resource limit says so. */
static double memory_available(void)
{
	double bytes = (double)sysconf(_SC_PHYS_PAGES) *
		       (double)sysconf(_SC_PAGE_SIZE);
	static const int limits[] = { RLIMIT_AS, RLIMIT_DATA };
	for (size_t i = 0; i < sizeof(limits) / sizeof(limits[0]); i++) {
		struct rlimit rl;
		if (getrlimit(limits[i], &rl) == 0 && rl.rlim_cur != RLIM_INFINITY
		    && (double)rl.rlim_cur < bytes)
			bytes = (double)rl.rlim_cur;
	}
	return bytes > 0 ? bytes : 1e18;
}

int roads_matrix(struct roads *r, const struct geo_point *pts, int n,
		 struct geo_matrix *m, struct mr_error *err)
{
	memset(m, 0, sizeof(*m));
	/* Durations and distances, and a copy of them (the cache's, or the
	 * distances --keep weighs): four n x n tables of floats at the most,
	 * refused before any is allocated when they cannot fit. */
	double need = 4.0 * sizeof(float) * (double)n * (double)n;
	double have = memory_available();
	if (need > 0.8 * have)
		return mr_fail(err, EX_DATAERR, "%d places need travel tables of "
			       "%.0f MB, more than the %.0f MB this process may "
			       "use; plan the day in parts (by kitchen or "
			       "meal)", n, need / 1048576.0, have / 1048576.0);
	return r->ops->matrix(r, pts, n, m, err);
}

void geo_matrix_release(struct geo_matrix *m)
{
	free(m->duration_s);
	free(m->distance_m);
	free(m->snap_m);
	free(m->unreachable);
	memset(m, 0, sizeof(*m));
}
