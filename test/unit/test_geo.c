/*
 * Unit tests of geo/: the straight-line provider's distances and times, and
 * the GPX writer's names cut at 14 characters without splitting one, its
 * escaping and its route.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "geo/gpx.h"
#include "geo/osrm.h"
#include "geo/roads.h"

static char dir[] = "/tmp/mealrun-geo-XXXXXX";

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char path[256];
	snprintf(path, sizeof(path), "%s/route-01.gpx", dir);
	unlink(path);
	return rmdir(dir);
}

static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	static char buf[65536];
	size_t n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static void test_gpx_names(void **state)
{
	(void)state;
	char path[256];
	snprintf(path, sizeof(path), "%s/route-01.gpx", dir);
	struct gpx_waypoint stops[2] = {
		{ .at = { 48.41, 15.60 }, .name = "01 Kremser Landstraße Nord",
		  .cmt = "a < b & c" },
		{ .at = { 48.40, 15.61 }, .name = "02 城市公园老年食堂第二助餐点" },
	};
	struct gpx_doc doc = {
		.name = "route 01", .start = { .at = { 48.4, 15.6 },
					      .name = "00 Kitchen" },
		.nstops = 2, .stops = stops,
	};
	struct mr_error err;
	assert_int_equal(gpx_write(path, &doc, &err), 0);
	char *text = slurp(path);
	assert_non_null(strstr(text, "<name>01 Kremser Lan</name>"));
	assert_non_null(strstr(text, "<name>02 城市公园老年食堂第二助</name>"));
	assert_non_null(strstr(text, "a &lt; b &amp; c"));
	assert_non_null(strstr(text, "<rte>"));
}

static void test_straight_matrix(void **state)
{
	(void)state;
	struct roads *r;
	struct mr_error err;
	struct roads_options opt = { 1.5, 36.0 };
	assert_int_equal(roads_open("straight", &opt, &r, &err), 0);
	/* One degree of latitude is about 111.2 km. */
	struct geo_point pts[2] = { { 48.0, 15.0 }, { 49.0, 15.0 } };
	struct geo_matrix m;
	assert_int_equal(roads_matrix(r, pts, 2, &m, &err), 0);
	assert_true(m.distance_m[1] > 1.5 * 111100 && m.distance_m[1] < 1.5 * 111300);
	assert_true(m.distance_m[0] == 0 && m.distance_m[2] == m.distance_m[1]);
	/* In single precision: within a millisecond. */
	assert_true(m.duration_s[1] > m.distance_m[1] / 10.0 - 1e-3 &&
		    m.duration_s[1] < m.distance_m[1] / 10.0 + 1e-3);
	geo_matrix_release(&m);
	roads_free(r);
	assert_int_equal(roads_open("teleport", NULL, &r, &err), -1);
	assert_int_equal(err.code, EX_USAGE);
	opt.detour = 0.5;
	assert_int_equal(roads_open("straight", &opt, &r, &err), -1);
}

/* The example of Google's polyline documentation, at precision 1e6. */
static void test_polyline6(void **state)
{
	(void)state;
	struct geo_point *pts;
	int n;
	assert_int_equal(polyline6_decode("_izlhA~rlgdF_{geC~ywl@_kwzCn`{nI",
					  &pts, &n), 0);
	assert_int_equal(n, 3);
	assert_true(fabs(pts[0].lat - 38.5) < 1e-9 &&
		    fabs(pts[0].lon + 120.2) < 1e-9);
	assert_true(fabs(pts[2].lat - 43.252) < 1e-9 &&
		    fabs(pts[2].lon + 126.453) < 1e-9);
	free(pts);
	assert_int_equal(polyline6_decode("_izlhA~rlgd", &pts, &n), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gpx_names),
		cmocka_unit_test(test_straight_matrix),
		cmocka_unit_test(test_polyline6),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
