/*
 * Travel matrices kept in the store, so that planning the same day again
 * does not ask a road network or a server again. The key names the
 * provider, its source (file hash, or server URL and profile) and the
 * points; the caller builds it.
 */
#ifndef MEALRUN_DATA_MATRIX_CACHE_H
#define MEALRUN_DATA_MATRIX_CACHE_H

#include "data/store.h"

struct cached_matrix {
	int n;
	float *duration_s, *distance_m;   /* n x n */
	double *snap_m;                   /* n, or NULL */
	int *unreachable;                 /* n, or NULL */
};

/*
 * Looks key up. Returns 1 and fills m (the caller frees its arrays) when
 * found with n points, 0 when not there or when a value in it is not a
 * number between 0 and 1e12 (a table that must be asked for again), -1
 * with err on a database error.
 */
int store_matrix_get(struct store *st, const char *key, int n,
		     struct cached_matrix *m, struct mr_error *err);

/* Keeps m under key, replacing what was there; 0 or -1 with err. */
int store_matrix_put(struct store *st, const char *key,
		     const struct cached_matrix *m, struct mr_error *err);

#endif
