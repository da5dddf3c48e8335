/*
 * Unit tests of the plan checker: a valid plan passes, and each kind of
 * fault put into it is found and named. The plan's kitchen is planned: a
 * rice batch on the steamer and a greens batch on the wok feed both
 * routes, which take a portion of each for every box.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "planner/check.h"

static const char base_plan[] =
	"{\"format\": \"mealrun-plan/1\", \"date\": \"2030-03-04\","
	" \"meal\": \"lunch\", \"food_limit_min\": 120,"
	" \"heated_food_limit_min\": 240,"
	" \"kitchen\": {\"id\": \"K1\", \"name\": \"K\", \"lat\": 48.4, \"lon\": 15.6},"
	" \"roads\": \"straight\", \"unassigned\": [],"
	" \"menu\": {\"regular\": [\"RICE\", \"GREENS\"],"
	"  \"low_salt\": [\"RICE\", \"GREENS\"]},"
	" \"equipment\": ["
	"  {\"id\": \"STEAMER\", \"kind\": \"steamer\", \"units\": 1,"
	"   \"batch_portions\": 300, \"batch_minutes\": 30,"
	"   \"cleaning_minutes\": 10, \"cooks_per_batch\": 1,"
	"   \"clean_between_same\": false},"
	"  {\"id\": \"WOK\", \"kind\": \"wok\", \"units\": 1,"
	"   \"batch_portions\": 300, \"batch_minutes\": 30,"
	"   \"cleaning_minutes\": 5, \"cooks_per_batch\": 1,"
	"   \"clean_between_same\": false}],"
	" \"demand\": [{\"dish\": \"RICE\", \"equipment_kind\": \"steamer\"},"
	"  {\"dish\": \"GREENS\", \"equipment_kind\": \"wok\"}],"
	" \"batches\": ["
	"  {\"id\": 1, \"dish\": \"RICE\", \"equipment\": \"STEAMER#1\","
	"   \"start\": \"2030-03-04T09:30:00\", \"end\": \"2030-03-04T10:00:00\","
	"   \"portions\": 30, \"cooks\": 1,"
	"   \"feeds\": [{\"route\": 1, \"portions\": 25},"
	"    {\"route\": 2, \"portions\": 5}]},"
	"  {\"id\": 2, \"dish\": \"GREENS\", \"equipment\": \"WOK#1\","
	"   \"start\": \"2030-03-04T09:30:00\", \"end\": \"2030-03-04T10:00:00\","
	"   \"portions\": 30, \"cooks\": 1,"
	"   \"feeds\": [{\"route\": 1, \"portions\": 25},"
	"    {\"route\": 2, \"portions\": 5}]}],"
	" \"routes\": ["
	"  {\"id\": 1, \"vehicle\": \"V1\", \"trip\": 1, \"capacity\": 30,"
	"   \"load\": 25, \"diets\": {\"regular\": 20, \"low_salt\": 5},"
	"   \"load_start\": \"2030-03-04T10:00:00\","
	"   \"depart\": \"2030-03-04T10:10:00\","
	"   \"return\": \"2030-03-04T11:00:00\","
	"   \"distance_m\": 5000.0, \"drive_s\": 900.0,"
	"   \"heated\": false, \"food_limit_min\": 120,"
	"   \"cooked_from\": \"2030-03-04T10:00:00\","
	"   \"food_ready\": \"2030-03-04T10:00:00\","
	"   \"serve_by\": \"2030-03-04T12:00:00\", \"late_min\": 0,"
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
	"   \"heated\": false, \"food_limit_min\": 120,"
	"   \"cooked_from\": \"2030-03-04T10:00:00\","
	"   \"food_ready\": \"2030-03-04T10:00:00\","
	"   \"serve_by\": \"2030-03-04T12:00:00\", \"late_min\": 0,"
	"   \"stops\": ["
	"    {\"seq\": 1, \"meal_point\": \"C\", \"boxes\": 5,"
	"     \"diets\": {\"regular\": 5},"
	"     \"arrive\": \"2030-03-04T11:15:00\", \"start\": \"2030-03-04T11:15:00\","
	"     \"leave\": \"2030-03-04T11:20:00\","
	"     \"window\": [\"2030-03-04T10:30:00\", \"2030-03-04T11:30:00\"]}]}],"
	" \"summary\": {\"boxes_ordered\": 30, \"boxes_assigned\": 30,"
	"  \"boxes_unassigned\": 0, \"diets\": {\"regular\": 25, \"low_salt\": 5},"
	"  \"kitchen\": {\"planned\": true, \"on_time\": true,"
	"   \"late_trips\": 0}}}";

/* Checks the plan after edit() changed it; returns the report, and the
 * notes in *notes when notes is not NULL. */
static char *check_edited(void (*edit)(json_t *), int *problems,
			  char **notes)
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
	if (notes)
		*notes = strbuf_detach(&res.notes);
	strbuf_release(&res.notes);
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
	char *report = check_edited(edit, &problems, NULL);
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

static json_t *batch(json_t *plan, size_t i)
{
	return json_array_get(json_object_get(plan, "batches"), i);
}

static json_t *kitchen(json_t *plan)
{
	return json_object_get(json_object_get(plan, "summary"), "kitchen");
}

/* Moves batch i to cook from start to end (HH:MM on the plan's day). */
static void cook_at(json_t *p, size_t i, const char *start, const char *end)
{
	char a[32], b[32];
	snprintf(a, sizeof(a), "2030-03-04T%s:00", start);
	snprintf(b, sizeof(b), "2030-03-04T%s:00", end);
	json_object_set_new(batch(p, i), "start", json_string(a));
	json_object_set_new(batch(p, i), "end", json_string(b));
}

/* The rice is cooked at 08:30: more than 120 minutes before the last
 * stop of route 1 is served. */
static void stale_food(json_t *p)
{
	cook_at(p, 0, "08:00", "08:30");
}

/* Both batches cook 09:30 to 10:00 at once, with a kitchen of
 * cooks_per_slot cooks; each needs one. */
static void two_cooks(json_t *p, int cooks_per_slot)
{
	json_object_set_new(kitchen(p), "cooks_per_slot",
			    json_integer(cooks_per_slot));
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

/* Route 2 gets no rice: what its stops take is not all cooked. */
static void unfed(json_t *p)
{
	json_t *feeds = json_object_get(batch(p, 0), "feeds");
	json_array_remove(feeds, 1);
	json_object_set_new(batch(p, 0), "portions", json_integer(25));
}

/* No batches at all, while the plan says its kitchen was planned. */
static void no_batches(json_t *p)
{
	json_array_clear(json_object_get(p, "batches"));
}

/* No batches, and the plan says its kitchen was not planned. */
static void not_planned(json_t *p)
{
	no_batches(p);
	json_object_set_new(kitchen(p), "planned", json_false());
	for (size_t i = 0; i < 2; i++) {
		json_object_set_new(route(p, i), "cooked_from", json_null());
		json_object_set_new(route(p, i), "food_ready", json_null());
		json_object_set_new(route(p, i), "serve_by", json_null());
	}
}

/* The rice for route 1 is ready five minutes after it starts loading,
 * and the plan says so everywhere. */
static void late_honest(json_t *p)
{
	cook_at(p, 0, "09:35", "10:05");
	json_t *r = route(p, 0);
	json_object_set_new(r, "food_ready", json_string("2030-03-04T10:05:00"));
	json_object_set_new(r, "late_min", json_integer(5));
	json_object_set_new(route(p, 1), "food_ready",
			    json_string("2030-03-04T10:05:00"));
	json_object_set_new(kitchen(p), "late_trips", json_integer(1));
	json_object_set_new(kitchen(p), "on_time", json_false());
}

/* Late food, and a summary that says the kitchen is on time. */
static void on_time_claimed(json_t *p)
{
	late_honest(p);
	json_object_set_new(kitchen(p), "on_time", json_true());
}

/* The same, but the route says it waits no minute. */
static void late_hidden(json_t *p)
{
	late_honest(p);
	json_object_set_new(route(p, 0), "late_min", json_integer(0));
}

/* The rice cooked half an hour earlier, 09:00 to 09:30, and the routes
 * saying so. */
static void rice_first(json_t *p)
{
	cook_at(p, 0, "09:00", "09:30");
	json_object_set_new(route(p, 0), "cooked_from",
			    json_string("2030-03-04T09:30:00"));
	json_object_set_new(route(p, 1), "cooked_from",
			    json_string("2030-03-04T09:30:00"));
	json_object_set_new(route(p, 0), "serve_by",
			    json_string("2030-03-04T11:30:00"));
	json_object_set_new(route(p, 1), "serve_by",
			    json_string("2030-03-04T11:30:00"));
}

/* The greens steamed too, on the one steamer right after the rice: no
 * time to clean between the dishes. */
static void no_cleaning(json_t *p)
{
	json_object_set_new(json_array_get(json_object_get(p, "demand"), 1),
			    "equipment_kind", json_string("steamer"));
	json_object_set_new(batch(p, 1), "equipment", json_string("STEAMER#1"));
	rice_first(p);
}

/* One cook: the rice is done at 09:30, but its steamer is cleaned until
 * 09:40, while the greens start cooking at 09:30. */
static void cook_cleans(json_t *p)
{
	rice_first(p);
	two_cooks(p, 1);
}

static void unit_padded(json_t *p)
{
	json_object_set_new(batch(p, 0), "equipment", json_string("STEAMER#01"));
}

static void wrong_cooks(json_t *p)
{
	json_object_set_new(batch(p, 0), "cooks", json_integer(0));
}

static void no_equipment(json_t *p)
{
	json_object_del(p, "equipment");
}

/* Batches, and a route without its minutes late. */
static void late_unsaid(json_t *p)
{
	json_object_del(route(p, 0), "late_min");
}

/* Two batches of rice back to back on the one steamer: fine, but for
 * the greens each route no longer gets. */
static void same_dish(json_t *p)
{
	no_cleaning(p);
	json_object_set_new(batch(p, 1), "dish", json_string("RICE"));
	/* The rice is cooked twice: each route takes its portions twice. */
	json_t *menu = json_object_get(p, "menu");
	json_object_set_new(menu, "regular", json_pack("[s, s]", "RICE",
						       "RICE"));
	json_object_set_new(menu, "low_salt", json_pack("[s, s]", "RICE",
							"RICE"));
}

/* The same, on a steamer that must be cleaned between batches of one
 * dish too. */
static void same_dish_cleaned(json_t *p)
{
	same_dish(p);
	json_object_set_new(json_array_get(json_object_get(p, "equipment"), 0),
			    "clean_between_same", json_true());
}

static void no_unit(json_t *p)
{
	json_object_set_new(batch(p, 0), "equipment", json_string("STEAMER#2"));
}

static void short_batch(json_t *p)
{
	cook_at(p, 0, "09:40", "10:00");
}

static void wrong_kind(json_t *p)
{
	json_object_set_new(batch(p, 0), "equipment", json_string("WOK#1"));
	json_object_set_new(batch(p, 1), "equipment", json_string("STEAMER#1"));
}

/* Rice cooked by 08:10: route 1's last stop is served 150 minutes
 * later, within a heated van's 240 minutes, beyond the others' 120. */
static void served_after_150(json_t *p, bool heated)
{
	cook_at(p, 0, "07:40", "08:10");
	for (size_t i = 0; i < 2; i++) {
		json_object_set_new(route(p, i), "heated", json_boolean(heated));
		json_object_set_new(route(p, i), "food_limit_min",
				    json_integer(heated ? 240 : 120));
		json_object_set_new(route(p, i), "cooked_from",
				    json_string("2030-03-04T08:10:00"));
		json_object_set_new(route(p, i), "serve_by", json_string(
			heated ? "2030-03-04T12:10:00" : "2030-03-04T10:10:00"));
	}
}

static void heated(json_t *p) { served_after_150(p, true); }

/* A heated van, in a plan that does not say a heated van's limit. */
static void heated_unsaid(json_t *p)
{
	heated(p);
	json_object_del(p, "heated_food_limit_min");
}
static void unheated(json_t *p) { served_after_150(p, false); }

/* A van that is not heated claiming the heated limit. */
static void heated_claimed(json_t *p)
{
	heated(p);
	json_object_set_new(route(p, 0), "heated", json_false());
}

static void test_valid(void **s) { (void)s; expect(NULL, NULL); }
static void test_unfed(void **s) { (void)s; expect(unfed, "its stops take 5 portions of RICE, its batches feed it 0"); }
static void test_no_batches(void **s) { (void)s; expect(no_batches, "route 1: its stops take 25 portions"); }
static void test_late_hidden(void **s) { (void)s; expect(late_hidden, "late_min is 0, but its food is ready 5 min"); }
static void test_no_cleaning(void **s) { (void)s; expect(no_cleaning, "needs 10 min of cleaning before another dish"); }
static void test_same_dish_cleaned(void **s) { (void)s; expect(same_dish_cleaned, "before the same dish"); }
static void test_no_unit(void **s) { (void)s; expect(no_unit, "'STEAMER#2' is not a unit of STEAMER"); }
static void test_unit_padded(void **s) { (void)s; expect(unit_padded, "'STEAMER#01' is not a unit of STEAMER"); }
static void test_wrong_cooks(void **s) { (void)s; expect(wrong_cooks, "0 cooks, but STEAMER takes 1 a batch"); }
static void test_no_equipment(void **s) { (void)s; expect(no_equipment, "no 'equipment'"); }
static void test_cook_cleans(void **s) { (void)s; expect(cook_cleans, "2 cooks busy at 09:30, more than its 1"); }
static void test_on_time_claimed(void **s) { (void)s; expect(on_time_claimed, "on_time is true, but 1 trips are late"); }
static void test_late_unsaid(void **s) { (void)s; expect(late_unsaid, "route 1: missing or malformed 'late_min'"); }
static void test_heated_unsaid(void **s) { (void)s; expect(heated_unsaid, "'heated_food_limit_min'"); }
static void test_short_batch(void **s) { (void)s; expect(short_batch, "takes 30 a batch"); }
static void test_wrong_kind(void **s) { (void)s; expect(wrong_kind, "needs a steamer"); }
static void test_heated_claimed(void **s) { (void)s; expect(heated_claimed, "not the plan's 120"); }

/* A plan that passes says what it must: late food, or a kitchen that was
 * not planned. */
static void expect_note(void (*edit)(json_t *), const char *words)
{
	int problems;
	char *notes;
	char *report = check_edited(edit, &problems, &notes);
	if (problems)
		fail_msg("a valid plan was refused:\n%s", report);
	if (!strstr(notes, words))
		fail_msg("notes lack '%s':\n%s", words, notes);
	free(report);
	free(notes);
}

static void test_late_honest(void **s) { (void)s; expect_note(late_honest, "food is late for 1 trip (5 min in all)"); }
static void test_not_planned(void **s) { (void)s; expect_note(not_planned, "not planned"); }
static void test_same_dish(void **s) { (void)s; expect(same_dish, NULL); }
static void test_heated(void **s) { (void)s; expect(heated, NULL); }
static void test_unheated(void **s) { (void)s; expect(unheated, "150 min after the food was ready at 08:10 (limit 120 min)"); }
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
		cmocka_unit_test(test_unfed),
		cmocka_unit_test(test_no_batches),
		cmocka_unit_test(test_late_hidden),
		cmocka_unit_test(test_no_cleaning),
		cmocka_unit_test(test_same_dish_cleaned),
		cmocka_unit_test(test_no_unit),
		cmocka_unit_test(test_short_batch),
		cmocka_unit_test(test_wrong_kind),
		cmocka_unit_test(test_heated_claimed),
		cmocka_unit_test(test_late_honest),
		cmocka_unit_test(test_not_planned),
		cmocka_unit_test(test_same_dish),
		cmocka_unit_test(test_heated),
		cmocka_unit_test(test_unheated),
		cmocka_unit_test(test_unit_padded),
		cmocka_unit_test(test_wrong_cooks),
		cmocka_unit_test(test_no_equipment),
		cmocka_unit_test(test_cook_cleans),
		cmocka_unit_test(test_on_time_claimed),
		cmocka_unit_test(test_late_unsaid),
		cmocka_unit_test(test_heated_unsaid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
