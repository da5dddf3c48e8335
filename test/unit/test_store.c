/*
 * Unit tests of the store and the GPX writer: a new database gets the
 * current schema, a newer one is refused, a missing one is not created by
 * accident; GPX names are cut at 14 characters without splitting one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/store.h"
#include "geo/gpx.h"
#include "geo/roads.h"

static char dir[] = "/tmp/mealrun-store-XXXXXX";

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_new_database(void **state)
{
	(void)state;
	char path[256];
	snprintf(path, sizeof(path), "%s/new.db", dir);
	struct store *st;
	struct mr_error err;
	assert_int_equal(store_open(path, false, &st, &err), -1);
	assert_int_equal(err.code, EX_NOINPUT);
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(store_open(path, true, &st, &err), 0);
	assert_int_equal(store_schema_version(st), STORE_SCHEMA_VERSION);
	store_free(st);
	assert_int_equal(store_open(path, false, &st, &err), 0);
	store_free(st);
}

static void test_newer_schema_refused(void **state)
{
	(void)state;
	char path[256];
	snprintf(path, sizeof(path), "%s/newer.db", dir);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL,
				      NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	struct store *st;
	struct mr_error err;
	assert_int_equal(store_open(path, false, &st, &err), -1);
	assert_int_equal(err.code, EX_DATAERR);
	assert_non_null(strstr(err.msg, "newer"));
}

static void test_not_a_database(void **state)
{
	(void)state;
	char path[256];
	snprintf(path, sizeof(path), "%s/text.db", dir);
	FILE *fp = fopen(path, "w");
	fputs("this is not a database, just some text to fill the header "
	      "page of a file that claims to be one\n", fp);
	fclose(fp);
	struct store *st;
	struct mr_error err;
	assert_int_equal(store_open(path, false, &st, &err), -1);
	assert_int_equal(err.code, EX_DATAERR);
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
	assert_true(m.duration_s[1] > m.distance_m[1] / 10.0 - 1e-6 &&
		    m.duration_s[1] < m.distance_m[1] / 10.0 + 1e-6);
	geo_matrix_release(&m);
	roads_free(r);
	assert_int_equal(roads_open("teleport", NULL, &r, &err), -1);
	assert_int_equal(err.code, EX_USAGE);
	opt.detour = 0.5;
	assert_int_equal(roads_open("straight", &opt, &r, &err), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_database),
		cmocka_unit_test(test_newer_schema_refused),
		cmocka_unit_test(test_not_a_database),
		cmocka_unit_test(test_gpx_names),
		cmocka_unit_test(test_straight_matrix),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
