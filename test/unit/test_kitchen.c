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
	struct kitchen_trip trips[2] = { { 1, trip1, 3600 }, { 2, trip2, 7200 } };
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demand),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
