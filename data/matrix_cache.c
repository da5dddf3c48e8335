/*
 * The matrix cache (see matrix_cache.h). Arrays are stored as blobs of the
 * machine's floats, doubles and ints: a cache, read back by the same
 * build (a table of another size, from a build that kept doubles, is
 * asked for again).
 */
#include "data/matrix_cache.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "data/store_internal.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

static void *blob_copy(sqlite3_stmt *stmt, int col, size_t want)
{
	if (sqlite3_column_type(stmt, col) == SQLITE_NULL ||
	    (size_t)sqlite3_column_bytes(stmt, col) != want)
		return NULL;
	void *p = xmalloc(want ? want : 1);
	memcpy(p, sqlite3_column_blob(stmt, col), want);
	return p;
}

/* Whether every value of a is a number between 0 and the no-route mark:
 * a table written before answers were checked may hold worse. */
static bool sane(const float *a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isfinite(a[i]) || a[i] < 0 || a[i] > 1e12)
			return false;
	return true;
}

int store_matrix_get(struct store *st, const char *key, int n,
		     struct cached_matrix *m, struct mr_error *err)
{
	memset(m, 0, sizeof(*m));
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT durations, distances, snap, unreachable FROM "
		"matrix_cache WHERE key = ?1 AND n = ?2", err);
	if (!stmt)
		return -1;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(stmt, 2, n);
	int rc = sqlite3_step(stmt), found = 0;
	size_t nn = (size_t)n * (size_t)n;
	if (rc == SQLITE_ROW) {
		m->n = n;
		m->duration_s = blob_copy(stmt, 0, nn * sizeof(float));
		m->distance_m = blob_copy(stmt, 1, nn * sizeof(float));
		m->snap_m = blob_copy(stmt, 2, (size_t)n * sizeof(double));
		m->unreachable = blob_copy(stmt, 3, (size_t)n * sizeof(int));
		found = m->duration_s && m->distance_m &&
			sane(m->duration_s, nn) && sane(m->distance_m, nn);
		if (!found) {
			free(m->duration_s);
			free(m->distance_m);
			free(m->snap_m);
			free(m->unreachable);
			memset(m, 0, sizeof(*m));
		}
	} else if (rc != SQLITE_DONE) {
		found = store_fail(st, err, "cannot read the matrix cache");
	}
	sqlite3_finalize(stmt);
	return found;
}

int store_matrix_put(struct store *st, const char *key,
		     const struct cached_matrix *m, struct mr_error *err)
{
	char now[32];
	utc_now(now);
	sqlite3_stmt *stmt = store_prepare(st,
		"INSERT OR REPLACE INTO matrix_cache (key, n, durations, "
		"distances, snap, unreachable, created_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", err);
	if (!stmt)
		return -1;
	size_t nn = (size_t)m->n * (size_t)m->n;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(stmt, 2, m->n);
	sqlite3_bind_blob(stmt, 3, m->duration_s, (int)(nn * sizeof(float)),
			  SQLITE_TRANSIENT);
	sqlite3_bind_blob(stmt, 4, m->distance_m, (int)(nn * sizeof(float)),
			  SQLITE_TRANSIENT);
	if (m->snap_m)
		sqlite3_bind_blob(stmt, 5, m->snap_m,
				  (int)((size_t)m->n * sizeof(double)),
				  SQLITE_TRANSIENT);
	if (m->unreachable)
		sqlite3_bind_blob(stmt, 6, m->unreachable,
				  (int)((size_t)m->n * sizeof(int)),
				  SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 7, now, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(stmt) == SQLITE_DONE
		? 0 : store_fail(st, err, "cannot write the matrix cache");
	sqlite3_finalize(stmt);
	return rc;
}
