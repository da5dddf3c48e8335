/*
 * Unit tests of util/: clock times, dates, ISO times, UTF-8, strbuf.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clock_parse),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_iso),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_strbuf),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
