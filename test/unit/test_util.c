/*
 * Unit tests of util/: clock times, dates, ISO times, UTF-8, strbuf.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "util/coords.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/timefmt.h"

static void test_clock_parse(void **state)
{
	(void)state;
	int s;
	assert_int_equal(clock_parse("10:30", &s), 0);
	assert_int_equal(s, 10 * 3600 + 30 * 60);
	assert_int_equal(clock_parse("9:05", &s), 0);
	assert_int_equal(s, 9 * 3600 + 5 * 60);
	assert_int_equal(clock_parse("11:30:15", &s), 0);
	assert_int_equal(s, 11 * 3600 + 30 * 60 + 15);
	assert_int_equal(clock_parse("10:60", &s), -1);
	assert_int_equal(clock_parse("1030", &s), -1);
	assert_int_equal(clock_parse("", &s), -1);
	assert_int_equal(clock_parse("ab:cd", &s), -1);
	char out[16];
	clock_format(10 * 3600 + 5 * 60 + 59, out);
	assert_string_equal(out, "10:05");
}

static void test_dates(void **state)
{
	(void)state;
	assert_true(date_valid("2026-11-23"));
	assert_true(date_valid("2024-02-29"));
	assert_false(date_valid("2026-02-29"));
	assert_false(date_valid("1900-02-29"));
	assert_true(date_valid("2000-02-29"));
	assert_false(date_valid("2026-13-01"));
	assert_false(date_valid("2026-1-01"));
	assert_false(date_valid("26-11-23"));
}

static void test_iso(void **state)
{
	(void)state;
	char out[32];
	iso_format("2026-11-23", 10 * 3600 + 5 * 60, out);
	assert_string_equal(out, "2026-11-23T10:05:00");
	iso_format("2026-12-31", 86400 + 60, out);
	assert_string_equal(out, "2027-01-01T00:01:00");
	double s;
	assert_int_equal(iso_parse("2026-11-23", "2026-11-23T10:05:30", &s), 0);
	assert_true(s == 10 * 3600 + 5 * 60 + 30);
	assert_int_equal(iso_parse("2026-11-23", "2026-11-24T00:00:10", &s), 0);
	assert_true(s == 86410);
	assert_int_equal(iso_parse("2026-11-23", "2026-11-23 10:05:30", &s), -1);
	assert_int_equal(iso_parse("2026-11-23", "10:05", &s), -1);
}

static void test_utf8(void **state)
{
	(void)state;
	const char *zh = "红烧鸡块";
	assert_true(utf8_valid(zh, strlen(zh)));
	assert_int_equal(utf8_chars(zh), 4);
	assert_int_equal(utf8_prefix(zh, 2), 6);
	assert_int_equal(utf8_prefix("abc", 10), 3);
	assert_false(utf8_valid("\xe4", 1));          /* Latin-1 ä */
	assert_false(utf8_valid("\xc0\xaf", 2));      /* overlong */
	assert_false(utf8_valid("\xed\xa0\x80", 3));  /* surrogate */
	assert_false(utf8_valid("\xe7\xba", 2));      /* cut short */
	assert_true(utf8_valid("\xf0\x9f\x8d\x9a", 4)); /* 🍚 */
}

static void test_strbuf(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	assert_string_equal(strbuf_str(&sb), "");
	for (int i = 0; i < 1000; i++)
		strbuf_addf(&sb, "%d,", i % 10);
	assert_int_equal(sb.len, 2000);
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "ab");
	strbuf_addch(&sb, 'c');
	char *s = strbuf_detach(&sb);
	assert_string_equal(s, "abc");
	assert_null(sb.buf);
	free(s);
}

/* Metres between two points a few hundred metres apart at most. */
static double metres(double lat1, double lon1, double lat2, double lon2)
{
	double dy = (lat2 - lat1) * 111320.0;
	double dx = (lon2 - lon1) * 111320.0 * cos(lat1 * 3.14159265358979 / 180);
	return sqrt(dx * dx + dy * dy);
}

/* Reference pairs published with the conversion's open implementations
 * (WGS-84 against GCJ-02 in Shanghai, Shenzhen and Beijing, and GCJ-02
 * against BD-09 in Beijing): within a metre both ways. */
static void test_coords(void **state)
{
	(void)state;
	static const double gcj[][4] = {
		{ 31.1774276, 121.5272106, 31.17530398364597, 121.531541859215 },
		{ 22.543847, 113.912316, 22.540796131694766, 113.9171764808363 },
		{ 39.911954, 116.377817, 39.91334545536069, 116.38404722455657 },
		{ 39.915, 116.404, 39.91640428150164, 116.41024449916938 },
	};
	for (size_t i = 0; i < sizeof(gcj) / sizeof(gcj[0]); i++) {
		double lat = gcj[i][0], lon = gcj[i][1];
		coords_from_wgs84(COORDS_GCJ02, &lat, &lon);
		assert_true(metres(lat, lon, gcj[i][2], gcj[i][3]) < 1.0);
		lat = gcj[i][2];
		lon = gcj[i][3];
		coords_to_wgs84(COORDS_GCJ02, &lat, &lon);
		assert_true(metres(lat, lon, gcj[i][0], gcj[i][1]) < 1.0);
		/* and the offset itself is hundreds of metres */
		assert_true(metres(gcj[i][0], gcj[i][1], gcj[i][2], gcj[i][3]) >
			    100.0);
	}
	/* BD-09 is GCJ-02 shifted by Baidu's closed form: GCJ-02 (39.915,
	 * 116.404) is BD-09 (39.92133699351021, 116.41036949371029). */
	double glat = 39.915, glon = 116.404;
	coords_to_wgs84(COORDS_GCJ02, &glat, &glon);
	double blat = glat, blon = glon;
	coords_from_wgs84(COORDS_BD09, &blat, &blon);
	assert_true(metres(blat, blon, 39.92133699351021, 116.41036949371029) <
		    1.0);
	blat = 39.92133699351021;
	blon = 116.41036949371029;
	coords_to_wgs84(COORDS_BD09, &blat, &blon);
	assert_true(metres(blat, blon, glat, glon) < 1.0);
	/* Outside China: the same point. */
	double lat = 48.4083325, lon = 15.6295857;
	coords_to_wgs84(COORDS_GCJ02, &lat, &lon);
	assert_true(lat == 48.4083325 && lon == 15.6295857);
	coords_to_wgs84(COORDS_BD09, &lat, &lon);
	assert_true(lat == 48.4083325 && lon == 15.6295857);
	enum coords c;
	assert_int_equal(coords_parse("", &c), 0);
	assert_int_equal(c, COORDS_WGS84);
	assert_int_equal(coords_parse("bd09", &c), 0);
	assert_int_equal(c, COORDS_BD09);
	assert_int_equal(coords_parse("WGS-84", &c), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clock_parse),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_iso),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_strbuf),
		cmocka_unit_test(test_coords),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
