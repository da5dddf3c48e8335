/*
 * Unit tests of the plan checker: a valid plan passes, and each kind of
 * fault put into it is found and named.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "planner/check.h"

static const char base_plan[] =
	"{\"format\": \"mealrun-plan/1\", \"date\": \"2030-03-04\","
	" \"meal\": \"lunch\", \"food_limit_min\": 120,"
	" \"kitchen\": {\"id\": \"K1\", \"name\": \"K\", \"lat\": 48.4, \"lon\": 15.6},"
	" \"roads\": \"straight\", \"batches\": [], \"unassigned\": [],"
	" \"routes\": ["
	"  {\"id\": 1, \"vehicle\": \"V1\", \"trip\": 1, \"capacity\": 30,"
	"   \"load\": 25, \"diets\": {\"regular\": 20, \"low_salt\": 5},"
	"   \"load_start\": \"2030-03-04T10:00:00\","
	"   \"depart\": \"2030-03-04T10:10:00\","
	"   \"return\": \"2030-03-04T11:00:00\","
	"   \"distance_m\": 5000.0, \"drive_s\": 900.0,"
	"   \"stops\": ["
	"    {\"seq\": 1, \"meal_point\": \"A\", \"boxes\": 15,"
	"     \"diets\": {\"regular\": 10, \"low_salt\": 5},"
	"     \"arrive\": \"2030-03-04T10:20:00\", \"start\": \"2030-03-04T10:30:00\","
	"     \"leave\": \"2030-03-04T10:35:00\","
	"     \"window\": [\"2030-03-04T10:30:00\", \"2030-03-04T11:30:00\"]},"
	"    {\"seq\": 2, \"meal_point\": \"B\", \"boxes\": 10,"
	"     \"diets\": {\"regular\": 10},"
	"     \"arrive\": \"2030-03-04T10:40:00\", \"start\": \"2030-03-04T10:40:00\","
	"     \"leave\": \"2030-03-04T10:45:00\","
	"     \"window\": [\"2030-03-04T10:30:00\", \"2030-03-04T11:30:00\"]}]},"
	"  {\"id\": 2, \"vehicle\": \"V1\", \"trip\": 2, \"capacity\": 30,"
	"   \"load\": 5, \"diets\": {\"regular\": 5},"
	"   \"load_start\": \"2030-03-04T11:00:00\","
	"   \"depart\": \"2030-03-04T11:05:00\","
	"   \"return\": \"2030-03-04T11:40:00\","
	"   \"distance_m\": 3000.0, \"drive_s\": 600.0,"
	"   \"stops\": ["
	"    {\"seq\": 1, \"meal_point\": \"C\", \"boxes\": 5,"
	"     \"diets\": {\"regular\": 5},"
	"     \"arrive\": \"2030-03-04T11:15:00\", \"start\": \"2030-03-04T11:15:00\","
	"     \"leave\": \"2030-03-04T11:20:00\","
	"     \"window\": [\"2030-03-04T10:30:00\", \"2030-03-04T11:30:00\"]}]}],"
	" \"summary\": {\"boxes_ordered\": 30, \"boxes_assigned\": 30,"
	"  \"boxes_unassigned\": 0, \"diets\": {\"regular\": 25, \"low_salt\": 5}}}";

/* Checks the plan after edit() changed it; returns the report. */
static char *check_edited(void (*edit)(json_t *), int *problems)
{
	json_error_t jerr;
	json_t *plan = json_loads(base_plan, 0, &jerr);
	assert_non_null(plan);
	if (edit)
		edit(plan);
	char path[] = "/tmp/mealrun-check-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(json_dump_file(plan, path, 0), 0);
	json_decref(plan);
	struct check_result res;
	struct mr_error err;
	assert_int_equal(plan_check_file(path, &res, &err), 0);
	unlink(path);
	*problems = res.problems;
	return strbuf_detach(&res.report);
}

static json_t *route(json_t *plan, size_t i)
{
	return json_array_get(json_object_get(plan, "routes"), i);
}

static json_t *stop(json_t *plan, size_t r, size_t k)
{
	return json_array_get(json_object_get(route(plan, r), "stops"), k);
}

static void expect(void (*edit)(json_t *), const char *words)
{
	int problems;
	char *report = check_edited(edit, &problems);
	if (!words) {
		if (problems)
			fail_msg("a valid plan was refused:\n%s", report);
	} else {
		assert_true(problems >= 1);
		if (!strstr(report, words))
			fail_msg("report lacks '%s':\n%s", words, report);
	}
	free(report);
}

static void over_capacity(json_t *p)
{
	json_object_set_new(route(p, 0), "capacity", json_integer(20));
}

static void late_stop(json_t *p)
{
	json_object_set_new(stop(p, 1, 0), "start",
			    json_string("2030-03-04T11:31:00"));
	json_object_set_new(stop(p, 1, 0), "leave",
			    json_string("2030-03-04T11:36:00"));
	json_object_set_new(route(p, 1), "return",
			    json_string("2030-03-04T11:50:00"));
}

static void diets_wrong(json_t *p)
{
	json_object_set_new(json_object_get(stop(p, 0, 0), "diets"), "regular",
			    json_integer(9));
}

static void overlap(json_t *p)
{
	json_object_set_new(route(p, 1), "load_start",
			    json_string("2030-03-04T10:50:00"));
}

static void stale_food(json_t *p)
{
	json_t *b = json_pack("{s:i, s:s, s:s, s:s, s:s, s:s, s:i, s:[{s:i, s:i}]}",
			      "id", 1, "dish", "RICE", "diet", "regular",
			      "equipment", "STEAMER#1", "start",
			      "2030-03-04T08:00:00", "end",
			      "2030-03-04T08:30:00", "portions", 30, "feeds",
			      "route", 1, "portions", 25);
	json_array_append_new(json_object_get(p, "batches"), b);
}

/* Two batches on two units, cooking 09:30 to 10:00 at once, with a
 * kitchen of cooks_per_slot cooks; each needs one. */
static void two_cooks(json_t *p, int cooks_per_slot)
{
	const char *units[2] = { "STEAMER#1", "WOK#1" };
	for (int i = 0; i < 2; i++)
		json_array_append_new(json_object_get(p, "batches"), json_pack(
			"{s:i, s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:[{s:i, s:i}]}",
			"id", i + 1, "dish", i ? "GREENS" : "RICE", "diet",
			"regular", "equipment", units[i], "start",
			"2030-03-04T09:30:00", "end", "2030-03-04T10:00:00",
			"portions", 30, "cooks", 1, "feeds", "route", 1,
			"portions", 25));
	json_object_set_new(json_object_get(p, "summary"), "kitchen",
			    json_pack("{s:i}", "cooks_per_slot", cooks_per_slot));
}

static void one_cook(json_t *p) { two_cooks(p, 1); }
static void enough_cooks(json_t *p) { two_cooks(p, 2); }

static void summary_wrong(json_t *p)
{
	json_object_set_new(json_object_get(p, "summary"), "boxes_assigned",
			    json_integer(29));
}

static void missing_field(json_t *p)
{
	json_object_del(stop(p, 0, 1), "arrive");
}

static void bad_order(json_t *p)
{
	json_object_set_new(stop(p, 0, 1), "arrive",
			    json_string("2030-03-04T10:30:00"));
}

static void twice(json_t *p)
{
	json_object_set_new(stop(p, 1, 0), "meal_point", json_string("A"));
}

static void no_limit(json_t *p)
{
	json_object_set_new(p, "food_limit_min", json_integer(0));
}

static void huge(json_t *p)
{
	json_object_set_new(json_object_get(stop(p, 0, 0), "diets"), "x",
			    json_integer(9223372036854775807LL));
}

static void test_valid(void **s) { (void)s; expect(NULL, NULL); }
static void test_twice(void **s) { (void)s; expect(twice, "appears twice"); }
static void test_no_limit(void **s) { (void)s; expect(no_limit, "outside 1 to 240"); }
static void test_huge(void **s) { (void)s; expect(huge, "no box count"); }
static void test_capacity(void **s) { (void)s; expect(over_capacity, "exceeds capacity"); }
static void test_window(void **s) { (void)s; expect(late_stop, "outside its window"); }
static void test_diets(void **s) { (void)s; expect(diets_wrong, "add up to"); }
static void test_overlap(void **s) { (void)s; expect(overlap, "before route 1 is back"); }
static void test_food(void **s) { (void)s; expect(stale_food, "limit 120 min"); }
static void test_cooks(void **s) { (void)s; expect(one_cook, "2 cooks busy at 09:30, more than its 1"); }
static void test_enough_cooks(void **s) { (void)s; expect(enough_cooks, NULL); }
static void test_summary(void **s) { (void)s; expect(summary_wrong, "summary"); }
static void test_missing(void **s) { (void)s; expect(missing_field, "'arrive'"); }
static void test_order(void **s) { (void)s; expect(bad_order, "before the previous stop"); }

static void test_not_json(void **state)
{
	(void)state;
	char path[] = "/tmp/mealrun-check-XXXXXX";
	int fd = mkstemp(path);
	assert_true(write(fd, "{\"routes\": [\n,]}", 16) == 16);
	close(fd);
	struct check_result res;
	struct mr_error err;
	assert_int_equal(plan_check_file(path, &res, &err), -1);
	assert_int_equal(err.code, EX_DATAERR);
	assert_non_null(strstr(err.msg, ":2:"));
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_capacity),
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_diets),
		cmocka_unit_test(test_overlap),
		cmocka_unit_test(test_cooks),
		cmocka_unit_test(test_enough_cooks),
		cmocka_unit_test(test_food),
		cmocka_unit_test(test_summary),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_not_json),
		cmocka_unit_test(test_twice),
		cmocka_unit_test(test_no_limit),
		cmocka_unit_test(test_huge),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
