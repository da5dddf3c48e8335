/*
 * Unit tests of the kitchen's demand: a dish shared by two diets is one
 * line, a dish of one diet stays apart, portions are split by trip, and a
 * diet with boxes but no menu is reported.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "kitchen/demand.h"
#include "kitchen/schedule.h"

/* A writable string, as the service's structs hold. */
#define S(text) ((char[]){ text })

static void test_demand(void **state)
{
	(void)state;
	struct diet diets[3] = { { S("regular"), S("普通餐"), S("Regular") },
				 { S("low_salt"), S("低盐餐"), S("Low salt") },
				 { S("halal"), S("清真"), S("Halal") } };
	struct dish dishes[3] = { { S("RICE"), S("米饭"), S("Rice"), S("steamer") },
				  { S("CHICKEN"), S("鸡"), S("Chicken"), S("wok") },
				  { S("CHICKEN_LS"), S("鸡(低盐)"), S("Chicken LS"), S("wok") } };
	struct menu_line menu[4] = { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 2 } };
	struct service sv;
	memset(&sv, 0, sizeof(sv));
	sv.ndiets = 3;
	sv.diets = diets;
	sv.ndishes = 3;
	sv.dishes = dishes;
	sv.nmenu = 4;
	sv.menu = menu;
	int trip1[3] = { 10, 2, 0 }, trip2[3] = { 5, 0, 1 };
	struct kitchen_trip trips[2] = { { 1, trip1, 3600, 3600, 0, NULL },
					 { 2, trip2, 7200, 7200, 0, NULL } };
	struct kitchen_demand d;
	kitchen_demand_make(&sv, trips, 2, &d);

	int rice = -1, chicken = -1, chicken_ls = -1;
	for (int i = 0; i < d.ndishes; i++) {
		if (d.dishes[i].dish == 0) rice = i;
		if (d.dishes[i].dish == 1) chicken = i;
		if (d.dishes[i].dish == 2) chicken_ls = i;
	}
	assert_int_equal(d.ndishes, 3);
	assert_int_equal(d.dishes[rice].portions, 17);
	assert_int_equal(d.dishes[rice].per_trip[0], 12);
	assert_int_equal(d.dishes[rice].per_trip[1], 5);
	assert_int_equal(d.dishes[chicken].portions, 15);
	assert_int_equal(d.dishes[chicken_ls].portions, 2);
	assert_int_equal(d.dishes[chicken_ls].per_trip[1], 0);
	assert_int_equal(d.nunplanned, 1);
	assert_int_equal(d.unplanned_diets[0], 2);
	kitchen_demand_release(&d);
}

/* Two trips, one steamer: one batch per trip window, each ending before
 * its trip loads and no earlier than its last stop minus the limit. */
static void test_schedule(void **state)
{
	(void)state;
	struct service sv;
	memset(&sv, 0, sizeof(sv));
	struct equipment eq = { S("STEAMER"), S("steamer"), S("Steamer"), 1,
				300, 40, 10 };
	struct dish dish = { S("FISH"), S("鱼"), S("Fish"), S("steamer") };
	struct diet diet = { S("regular"), S("普通餐"), S("Regular") };
	struct menu_line ml = { 0, 0 };
	sv.kitchen.opens = 6 * 3600 + 1800;
	sv.kitchen.food_limit_min = 120;
	sv.nequipment = 1;
	sv.equipment = &eq;
	sv.ndishes = 1;
	sv.dishes = &dish;
	sv.ndiets = 1;
	sv.diets = &diet;
	sv.nmenu = 1;
	sv.menu = &ml;
	int b1[1] = { 100 }, b2[1] = { 120 };
	struct kitchen_trip trips[2] = {
		{ 1, b1, 10 * 3600, 10 * 3600 + 50 * 60, 0, NULL },
		{ 2, b2, 12 * 3600 + 30 * 60, 13 * 3600, 0, NULL },
	};
	struct kitchen_demand d;
	kitchen_demand_make(&sv, trips, 2, &d);
	struct kitchen_schedule ks;
	kitchen_schedule_make(&sv, &d, trips, 2, 2.0, &ks);
	assert_int_equal(ks.nbatches, 2);
	for (int b = 0; b < 2; b++) {
		const struct batch *bt = &ks.batches[b];
		int t = bt->feeds[0].trip;
		assert_true(bt->end <= trips[t].load_start);
		assert_true(bt->end >= trips[t].last_start - 120 * 60);
		assert_true(bt->end - bt->start == 40 * 60);
	}
	assert_true(ks.ready[0] <= trips[0].load_start);
	assert_string_equal(ks.method, "mip");
	assert_true(ks.proved);
	kitchen_schedule_release(&ks);
	kitchen_demand_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demand),
		cmocka_unit_test(test_schedule),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
