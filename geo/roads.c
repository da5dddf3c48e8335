/*
 * The provider table and the straight-line provider (see roads.h).
 */
#include "geo/roads.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

struct roads_ops {
	const char *name;
	int (*matrix)(struct roads *r, const struct geo_point *pts, int n,
		      struct geo_matrix *m, struct mr_error *err);
};

struct roads {
	const struct roads_ops *ops;
	struct roads_options opt;
	char describe[128];
};

static int straight_matrix(struct roads *r, const struct geo_point *pts,
			   int n, struct geo_matrix *m, struct mr_error *err)
{
	(void)err;
	double mps = r->opt.speed_kmh / 3.6;
	m->n = n;
	m->duration_s = xcalloc((size_t)n * (size_t)n, sizeof(double));
	m->distance_m = xcalloc((size_t)n * (size_t)n, sizeof(double));
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

static const struct roads_ops providers[] = {
	{ "straight", straight_matrix },
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
		if (strcmp(spec, providers[i].name) != 0)
			continue;
		struct roads *r = xcalloc(1, sizeof(*r));
		r->ops = &providers[i];
		r->opt = o;
		snprintf(r->describe, sizeof(r->describe),
			 "straight lines x %.2f at %.0f km/h", o.detour,
			 o.speed_kmh);
		*out = r;
		return 0;
	}
	return mr_fail(err, EX_USAGE, "unknown road provider '%s' (known: "
		       "straight)", spec);
}

void roads_free(struct roads *r)
{
	free(r);
}

const char *roads_name(const struct roads *r)
{
	return r->ops->name;
}

const char *roads_describe(const struct roads *r)
{
	return r->describe;
}

int roads_matrix(struct roads *r, const struct geo_point *pts, int n,
		 struct geo_matrix *m, struct mr_error *err)
{
	memset(m, 0, sizeof(*m));
	return r->ops->matrix(r, pts, n, m, err);
}

void geo_matrix_release(struct geo_matrix *m)
{
	free(m->duration_s);
	free(m->distance_m);
	memset(m, 0, sizeof(*m));
}
