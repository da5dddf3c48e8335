/*
 * Unit tests of the OpenStreetMap road network on a hand-made grid: which
 * ways are kept, one-way streets making travel asymmetric, snapping, and
 * paths that start and end at the points asked for.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>

#include "geo/osm.h"
#include "geo/roads.h"

#define GRID "test/fixtures/osm/grid.osm"

static void test_load(void **state)
{
	(void)state;
	struct osm_net *net;
	struct mr_error err;
	assert_int_equal(osm_load(GRID, &net, &err), 0);
	struct osm_stats st;
	osm_get_stats(net, &st);
	assert_int_equal(st.ways_read, 7);
	assert_int_equal(st.ways_kept, 5);   /* not the footway, not private */
	assert_int_equal(st.component_nodes, 6);
	osm_free(net);
}

static void test_one_way(void **state)
{
	(void)state;
	struct osm_net *net;
	struct mr_error err;
	assert_int_equal(osm_load(GRID, &net, &err), 0);
	/* Just off D and just off F. */
	struct geo_point pts[2] = { { 48.3989, 15.6000 }, { 48.3989, 15.6020 } };
	float *dur, *dist;
	double snap[2];
	assert_int_equal(osm_matrix(net, pts, 2, &dur, &dist, snap, &err), 0);
	/* D to F along the one-way street; F to D the long way round. */
	assert_true(dur[1] < dur[2]);
	assert_true(dist[1] > 140 && dist[1] < 170);
	assert_true(dist[2] > 330);
	assert_true(snap[0] > 5 && snap[0] < 20);
	free(dur);
	free(dist);
	osm_free(net);
}

static void test_path(void **state)
{
	(void)state;
	struct osm_net *net;
	struct mr_error err;
	assert_int_equal(osm_load(GRID, &net, &err), 0);
	struct geo_point a = { 48.4001, 15.6001 }, b = { 48.3991, 15.6019 };
	struct geo_point *path;
	int n;
	assert_int_equal(osm_path(net, a, b, &path, &n, &err), 0);
	assert_true(n >= 4);
	assert_true(path[0].lat == a.lat && path[0].lon == a.lon);
	assert_true(path[n - 1].lat == b.lat && path[n - 1].lon == b.lon);
	free(path);
	osm_free(net);
}

static void test_bad_files(void **state)
{
	(void)state;
	struct osm_net *net;
	struct mr_error err;
	assert_int_equal(osm_load("test/fixtures/osm/none.osm", &net, &err), -1);
	assert_int_equal(err.code, EX_NOINPUT);
	assert_int_equal(osm_load("test/fixtures/town/orders.csv", &net, &err),
			 -1);
	assert_int_equal(err.code, EX_DATAERR);
}

static void test_provider(void **state)
{
	(void)state;
	struct roads *r;
	struct mr_error err;
	assert_int_equal(roads_open("osm:" GRID, NULL, &r, &err), 0);
	assert_string_equal(roads_name(r), "osm");
	assert_string_equal(roads_credit(r), "OpenStreetMap contributors");
	roads_free(r);
	assert_int_equal(roads_open("osm:", NULL, &r, &err), -1);
	assert_int_equal(err.code, EX_USAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_one_way),
		cmocka_unit_test(test_path),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_provider),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
