/*
 * Unit tests of the kitchen: its demand (a dish shared by two diets is one
 * line, a dish of one diet stays apart, portions are split by trip, a diet
 * with boxes but no menu is reported), and its schedule: batches within
 * each trip's window, units and cooks never overbooked, every row of a
 * kind of equipment used, cleaning only where the dish changes, the
 * reasons trips are late, and the pace the router asks for.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "kitchen/demand.h"
#include "kitchen/schedule.h"

/* A writable string, as the service's structs hold. */
#define S(text) ((char[]){ text })

/* The models' budget, without a cap. */
static const struct kitchen_budget budget = { KITCHEN_NODES, KITCHEN_PIVOTS,
					      NULL };

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
	struct kitchen_trip trips[2] = { { 1, trip1, 3600, 3600, 0, 0, NULL },
					 { 2, trip2, 7200, 7200, 0, 0, NULL } };
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
	struct equipment eq = { S("STEAMER"), S("steamer"), S("Steamer"), NULL, 1,
				300, 40, 10, 1, false };
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
		{ 1, b1, 10 * 3600, 10 * 3600 + 50 * 60, 0, 0, NULL },
		{ 2, b2, 12 * 3600 + 30 * 60, 13 * 3600, 0, 0, NULL },
	};
	struct kitchen_demand d;
	kitchen_demand_make(&sv, trips, 2, &d);
	struct kitchen_schedule ks;
	kitchen_schedule_make(&sv, &d, trips, 2, &budget, &ks);
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

/* A kitchen of two dishes, each on its own unit, and trips loading at
 * the same time: both the model and the list schedule. */
struct two_dishes {
	struct service sv;
	struct equipment eq[2];
	struct dish dish[2];
	struct diet diet;
	struct menu_line menu[2];
	int boxes[3][1];
	struct kitchen_trip trips[3];
	struct kitchen_demand d;
};

/* The service holds writable strings; these outlive the init call. */
static char steamer_id[] = "STEAMER", steamer[] = "steamer", wok_id[] = "WOK",
	    wok[] = "wok", rice_id[] = "RICE", rice_zh[] = "米饭",
	    rice_en[] = "Rice", greens_id[] = "GREENS", greens_zh[] = "青菜",
	    greens_en[] = "Greens", regular[] = "regular", regular_zh[] = "普通餐",
	    regular_en[] = "Regular";

static void two_dishes_init(struct two_dishes *k, int cooks_per_slot)
{
	memset(k, 0, sizeof(*k));
	k->eq[0] = (struct equipment){ steamer_id, steamer, steamer_id, NULL, 1, 300,
				       30, 5, 1, false };
	k->eq[1] = (struct equipment){ wok_id, wok, wok_id, NULL, 1, 300, 20, 5, 1,
				       false };
	k->dish[0] = (struct dish){ rice_id, rice_zh, rice_en, steamer };
	k->dish[1] = (struct dish){ greens_id, greens_zh, greens_en, wok };
	k->diet = (struct diet){ regular, regular_zh, regular_en };
	k->menu[0] = (struct menu_line){ 0, 0 };
	k->menu[1] = (struct menu_line){ 0, 1 };
	k->sv.kitchen.opens = 8 * 3600;
	k->sv.kitchen.food_limit_min = 120;
	k->sv.kitchen.cooks_per_slot = cooks_per_slot;
	k->sv.nequipment = 2;
	k->sv.equipment = k->eq;
	k->sv.ndishes = 2;
	k->sv.dishes = k->dish;
	k->sv.ndiets = 1;
	k->sv.diets = &k->diet;
	k->sv.nmenu = 2;
	k->sv.menu = k->menu;
	/* Three trips of 80 boxes loading 10:30 to 10:40, last stops by
	 * 11:30: one batch of each dish can feed all three. */
	for (int t = 0; t < 3; t++) {
		k->boxes[t][0] = 80;
		k->trips[t] = (struct kitchen_trip){
			t + 1, k->boxes[t], 10 * 3600 + 30 * 60 + t * 300,
			11 * 3600 + 30 * 60, 0, 0, NULL };
	}
	kitchen_demand_make(&k->sv, k->trips, 3, &k->d);
}

/* Checks what mealrun check checks: the food limit, loading, and each
 * trip fed all its portions of each dish. */
static void assert_feeds_all(const struct two_dishes *k,
			     const struct kitchen_schedule *ks)
{
	int fed[2][3] = { { 0 } };
	for (int b = 0; b < ks->nbatches; b++) {
		const struct batch *bt = &ks->batches[b];
		for (int f = 0; f < bt->nfeeds; f++) {
			int t = bt->feeds[f].trip;
			assert_true(bt->end <= k->trips[t].load_start);
			assert_true(bt->end >= k->trips[t].last_start - 7200);
			fed[bt->dish][t] += bt->feeds[f].portions;
		}
	}
	for (int i = 0; i < 2; i++)
		for (int t = 0; t < 3; t++)
			assert_int_equal(fed[i][t], 80);
}

/* Whether two batches of the schedule cook or clean at the same time. */
static bool any_overlap(const struct two_dishes *k,
			const struct kitchen_schedule *ks)
{
	for (int a = 0; a < ks->nbatches; a++)
		for (int b = a + 1; b < ks->nbatches; b++) {
			const struct batch *x = &ks->batches[a], *y = &ks->batches[b];
			double xe = x->end + k->eq[x->equipment].cleaning_minutes * 60;
			double ye = y->end + k->eq[y->equipment].cleaning_minutes * 60;
			if (x->start < ye && y->start < xe)
				return true;
		}
	return false;
}

/* Fewest batches: one per dish feeds all three trips. */
static void test_shared_batches(void **state)
{
	(void)state;
	struct two_dishes k;
	two_dishes_init(&k, 0);
	struct kitchen_schedule ks;
	kitchen_schedule_make(&k.sv, &k.d, k.trips, 3, &budget, &ks);
	assert_string_equal(ks.method, "mip");
	assert_string_equal(ks.model, "window");
	assert_int_equal(ks.nbatches, 2);
	assert_feeds_all(&k, &ks);
	/* As fresh as can be: both end when the first trip loads. */
	for (int b = 0; b < 2; b++)
		assert_true(ks.batches[b].end == k.trips[0].load_start);
	assert_true(any_overlap(&k, &ks));
	kitchen_schedule_release(&ks);
	kitchen_demand_release(&k.d);
}

/* One cook: the two dishes take turns, in the model and in the list
 * schedule alike, and every trip is still fed in time. */
static void test_cooks_limit(void **state)
{
	(void)state;
	for (int with_model = 0; with_model < 2; with_model++) {
		struct two_dishes k;
		two_dishes_init(&k, 1);
		struct kitchen_schedule ks;
		kitchen_schedule_make(&k.sv, &k.d, k.trips, 3,
				      with_model ? &budget : NULL, &ks);
		assert_string_equal(ks.method, with_model ? "mip" : "list");
		if (!with_model)
			assert_true(ks.gap < 0);
		assert_feeds_all(&k, &ks);
		assert_false(any_overlap(&k, &ks));
		for (int t = 0; t < 3; t++)
			assert_true(ks.ready[t] <= k.trips[t].load_start);
		kitchen_schedule_release(&ks);
		kitchen_demand_release(&k.d);
	}
}

/* A kitchen of one equipment and many dishes, all in one diet's box, and
 * many trips: as large as needed to leave the flow model for the window
 * model. */
#define MANY_DISHES 12
#define MANY_TRIPS 80
struct many {
	struct service sv;
	struct equipment eq;
	struct dish dish[MANY_DISHES];
	char ids[MANY_DISHES][8];
	struct diet diet;
	struct menu_line menu[MANY_DISHES];
	int boxes[MANY_TRIPS][1];
	struct kitchen_trip trips[MANY_TRIPS];
	struct kitchen_demand d;
};

/* A kitchen opening at 06:00 with a 120-minute limit, and ndishes
 * steamed dishes D00, D01, ..., all in the one diet's box. */
static void steamed(struct service *sv, int ndishes, struct dish *dish,
		    char (*ids)[8], struct diet *diet, struct menu_line *menu)
{
	for (int i = 0; i < ndishes; i++) {
		snprintf(ids[i], sizeof(ids[i]), "D%02d", i);
		dish[i] = (struct dish){ ids[i], ids[i], ids[i], steamer };
		menu[i] = (struct menu_line){ 0, i };
	}
	*diet = (struct diet){ regular, regular_zh, regular_en };
	sv->kitchen.opens = 6 * 3600;
	sv->kitchen.food_limit_min = 120;
	sv->ndishes = ndishes;
	sv->dishes = dish;
	sv->ndiets = 1;
	sv->diets = diet;
	sv->nmenu = ndishes;
	sv->menu = menu;
}

/* ndishes dishes on units units (cap portions a batch, 20 minutes and 5
 * to clean); ntrips trips of boxes boxes, loading from 10:00 every step
 * seconds, each on the road road seconds to its last stop. */
static void many_init(struct many *k, int ndishes, int units, int cap,
		      int ntrips, int boxes, int step, int road)
{
	memset(k, 0, sizeof(*k));
	k->eq = (struct equipment){ steamer_id, steamer, steamer_id, NULL, units, cap,
				    20, 5, 1, false };
	steamed(&k->sv, ndishes, k->dish, k->ids, &k->diet, k->menu);
	k->sv.nequipment = 1;
	k->sv.equipment = &k->eq;
	for (int t = 0; t < ntrips; t++) {
		k->boxes[t][0] = boxes;
		double load = 10 * 3600 + t * step;
		k->trips[t] = (struct kitchen_trip){ t + 1, k->boxes[t], load,
						     load + road, 0, 0, NULL };
	}
	kitchen_demand_make(&k->sv, k->trips, ntrips, &k->d);
}

/*
 * Eighty trips, loading every three minutes, each an hour on the road,
 * and twelve dishes on six steamers: more columns than the flow model
 * takes, so the window model plans it. Every trip is fed all of every
 * dish within its window, and no more batches cook or are cleaned at once
 * than there are steamers.
 */
static void test_window_model(void **state)
{
	(void)state;
	static struct many k;
	many_init(&k, MANY_DISHES, 6, 1000, MANY_TRIPS, 20, 180, 3600);
	struct kitchen_schedule ks;
	kitchen_schedule_make(&k.sv, &k.d, k.trips, MANY_TRIPS, &budget, &ks);
	kitchen_schedule_explain(&k.sv, &k.d, k.trips, MANY_TRIPS, &budget,
				 &ks);
	assert_string_equal(ks.method, "mip");
	assert_string_equal(ks.model, "window");
	assert_true(ks.gap >= 0 && ks.gap < 0.01);
	assert_int_equal(ks.problems.len, 0);
	static int fed[MANY_DISHES][MANY_TRIPS];
	memset(fed, 0, sizeof(fed));
	for (int b = 0; b < ks.nbatches; b++) {
		const struct batch *bt = &ks.batches[b];
		assert_true(bt->portions <= 1000);
		assert_true(bt->unit >= 1 && bt->unit <= 6);
		for (int f = 0; f < bt->nfeeds; f++) {
			int t = bt->feeds[f].trip;
			assert_true(bt->end <= k.trips[t].load_start);
			assert_true(bt->end >= k.trips[t].last_start - 7200);
			fed[bt->dish][t] += bt->feeds[f].portions;
		}
		/* Its unit is free while it cooks, and is cleaned before
		 * another dish. */
		for (int o = 0; o < ks.nbatches; o++) {
			const struct batch *ot = &ks.batches[o];
			int clean = ot->dish == bt->dish ? 0 : 300;
			if (o != b && ot->unit == bt->unit)
				assert_true(ot->end + clean <= bt->start ||
					    bt->end + clean <= ot->start);
		}
	}
	for (int i = 0; i < MANY_DISHES; i++)
		for (int t = 0; t < MANY_TRIPS; t++)
			assert_int_equal(fed[i][t], 20);
	for (int t = 0; t < MANY_TRIPS; t++)
		assert_true(ks.ready[t] <= k.trips[t].load_start);
	kitchen_schedule_release(&ks);
	kitchen_demand_release(&k.d);
}

/* Schedules k's one trip and says why it is late: the reasons must be
 * want, and the trip late unless want is empty. */
static void expect_reason(struct many *k, const char *want)
{
	struct kitchen_schedule ks;
	kitchen_schedule_make(&k->sv, &k->d, k->trips, 1, &budget, &ks);
	kitchen_schedule_explain(&k->sv, &k->d, k->trips, 1, &budget, &ks);
	assert_true(*want ? ks.ready[0] > k->trips[0].load_start
			  : ks.ready[0] <= k->trips[0].load_start);
	assert_string_equal(strbuf_str(&ks.problems), want);
	kitchen_schedule_release(&ks);
}

/*
 * One steamer, four dishes, and a trip on the road for an hour and a half:
 * the four batches end 75 minutes apart from first to last at the least
 * (80 with a slot to spare, as kitchen_trip_span says), and the food limit
 * leaves half an hour. The trip is late, and the reason names the steamer
 * and the trip. Half an hour on the road leaves 90 minutes: it fits.
 */
static void test_late_reason(void **state)
{
	(void)state;
	static struct many k;
	many_init(&k, 4, 1, 300, 1, 50, 0, 90 * 60);
	assert_int_equal(kitchen_trip_span(&k.sv, &k.d), (3 * 5 + 1) * 300);
	expect_reason(&k, "kitchen: STEAMER (1 unit, 20 min a batch and 5 to "
		      "clean) cannot cook its dishes within their food limits, "
		      "in any order, for trip 1 (loading at 10:00)\n");
	kitchen_demand_release(&k.d);
	many_init(&k, 4, 1, 300, 1, 50, 0, 30 * 60);
	expect_reason(&k, "");
	kitchen_demand_release(&k.d);
}

/*
 * Two steamers, four dishes, an hour on the road: two rounds of batches
 * fit in the hour the food limit leaves, but with one cook the four
 * batches take turns, and the reason says the cooks fall short; two cooks
 * are enough. A trip that loads ten minutes after the kitchen opens can
 * have no batch at all, and the reason says so.
 */
static void test_late_reason_cooks_and_opening(void **state)
{
	(void)state;
	static struct many k;
	many_init(&k, 4, 2, 300, 1, 50, 0, 60 * 60);
	k.sv.kitchen.cooks_per_slot = 1;
	expect_reason(&k, "kitchen: with 1 cook at a time, STEAMER (2 units, "
		      "20 min a batch and 5 to clean) cannot cook its dishes "
		      "within their food limits, in any order, for trip 1 "
		      "(loading at 10:00)\n");
	k.sv.kitchen.cooks_per_slot = 2;
	expect_reason(&k, "");
	kitchen_demand_release(&k.d);

	many_init(&k, 1, 1, 300, 1, 50, 0, 30 * 60);
	k.trips[0].load_start = 6 * 3600 + 600;
	k.trips[0].last_start = k.trips[0].load_start + 30 * 60;
	expect_reason(&k, "kitchen: no batch on STEAMER can end between 04:40 "
		      "(the last delivery less the food limit) and 06:10 "
		      "(loading) for trip 1, starting on 5-minute slots from "
		      "the kitchen's opening at 06:00\n");
	kitchen_demand_release(&k.d);
}

/* A kitchen of one kind, steamers, in one or two rows: a large one (300
 * portions) and a small one (100), each 20 minutes a batch and 5 to
 * clean; ndishes dishes of boxes portions each in one diet's box; one
 * trip loading at 10:00 and on the road for road seconds. */
struct rows {
	struct service sv;
	struct equipment eq[2];
	struct dish dish[4];
	char ids[4][8];
	struct diet diet;
	struct menu_line menu[4];
	int boxes[1];
	struct kitchen_trip trip;
	struct kitchen_demand d;
};

static void rows_init(struct rows *k, int nrows, int ndishes, int boxes,
		      int road)
{
	memset(k, 0, sizeof(*k));
	static char large[] = "LARGE", small[] = "SMALL";
	k->eq[0] = (struct equipment){ large, steamer, large, NULL, 1, 300, 20, 5, 1,
				       false };
	k->eq[1] = (struct equipment){ small, steamer, small, NULL, 1, 100, 20, 5, 1,
				       false };
	steamed(&k->sv, ndishes, k->dish, k->ids, &k->diet, k->menu);
	k->sv.nequipment = nrows;
	k->sv.equipment = k->eq;
	k->boxes[0] = boxes;
	k->trip = (struct kitchen_trip){ 1, k->boxes, 10 * 3600,
					 10 * 3600 + road, 0, 0, NULL };
}

/* Whether the one trip's food is ready by its loading; the schedule in
 * ks, made with the models. */
static bool rows_on_time(struct rows *k, struct kitchen_schedule *ks)
{
	kitchen_demand_make(&k->sv, &k->trip, 1, &k->d);
	kitchen_schedule_make(&k->sv, &k->d, &k->trip, 1, &budget, ks);
	kitchen_demand_release(&k->d);
	return ks->ready[0] <= k->trip.load_start;
}

/*
 * Four dishes of 50 portions and a trip on the road 80 minutes: its
 * batches must end between 09:20 and 10:00, room for two batches on a
 * unit. The large steamer alone is late; with the small one beside it,
 * both rows cook, and the trip is on time.
 */
static void test_two_rows(void **state)
{
	(void)state;
	static struct rows k;
	struct kitchen_schedule ks;
	rows_init(&k, 1, 4, 50, 80 * 60);
	assert_false(rows_on_time(&k, &ks));
	kitchen_schedule_release(&ks);
	rows_init(&k, 2, 4, 50, 80 * 60);
	assert_true(rows_on_time(&k, &ks));
	int on[2] = { 0, 0 };
	for (int b = 0; b < ks.nbatches; b++) {
		on[ks.batches[b].equipment]++;
		assert_true(ks.batches[b].portions <=
			    k.eq[ks.batches[b].equipment].batch_portions);
	}
	assert_true(on[0] > 0 && on[1] > 0);
	assert_int_equal(on[0] + on[1], 4);
	kitchen_schedule_release(&ks);
}

/*
 * One dish of 600 portions on the large steamer, a trip on the road 100
 * minutes: two batches must end between 09:40 and 10:00. Back to back
 * without cleaning (the same dish) they do; where the steamer must be
 * cleaned between batches of one dish too, the second is late.
 */
static void test_same_dish_no_cleaning(void **state)
{
	(void)state;
	static struct rows k;
	struct kitchen_schedule ks;
	for (int clean_same = 0; clean_same < 2; clean_same++) {
		rows_init(&k, 1, 1, 600, 100 * 60);
		k.eq[0].clean_between_same = clean_same;
		assert_true(rows_on_time(&k, &ks) == !clean_same);
		assert_int_equal(ks.nbatches, 2);
		const struct batch *a = &ks.batches[0], *b = &ks.batches[1];
		if (a->start > b->start) {
			const struct batch *t = a;
			a = b;
			b = t;
		}
		assert_int_equal(a->unit, b->unit);
		if (clean_same)
			assert_true(b->start >= a->end + 300);
		else
			assert_true(b->start == a->end);
		kitchen_schedule_release(&ks);
	}
}

/*
 * A trip 200 minutes on the road: with the 120-minute limit no batch can
 * end before it loads and still be within the limit at its last stop; in
 * a heated van with 240 minutes it is on time.
 */
static void test_heated_trip(void **state)
{
	(void)state;
	static struct rows k;
	struct kitchen_schedule ks;
	rows_init(&k, 1, 1, 50, 200 * 60);
	assert_false(rows_on_time(&k, &ks));
	kitchen_schedule_release(&ks);
	rows_init(&k, 1, 1, 50, 200 * 60);
	k.trip.food_limit_s = 240 * 60;
	assert_true(rows_on_time(&k, &ks));
	assert_true(ks.batches[0].end >= k.trip.last_start - 240 * 60);
	kitchen_schedule_release(&ks);
}

/* The pace says what the list schedule says: minutes late, added up. */
static void test_pace(void **state)
{
	(void)state;
	static struct many k;
	for (int road = 30; road <= 110; road += 20) {
		many_init(&k, 6, 2, 300, 12, 60, 300, road * 60);
		struct kitchen_schedule ks;
		kitchen_schedule_make(&k.sv, &k.d, k.trips, 12, NULL, &ks);
		long late = 0;
		for (int t = 0; t < 12; t++)
			if (ks.ready[t] > k.trips[t].load_start + 1)
				late += (long)ceil((ks.ready[t] -
						    k.trips[t].load_start) / 60);
		struct kitchen_pace *kp = kitchen_pace_new(&k.sv);
		assert_int_equal(kitchen_pace_late(kp, k.trips, 12), late);
		/* Again, with the buffers of the first call. */
		assert_int_equal(kitchen_pace_late(kp, k.trips, 12), late);
		kitchen_pace_free(kp);
		kitchen_schedule_release(&ks);
		kitchen_demand_release(&k.d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demand),
		cmocka_unit_test(test_schedule),
		cmocka_unit_test(test_shared_batches),
		cmocka_unit_test(test_cooks_limit),
		cmocka_unit_test(test_window_model),
		cmocka_unit_test(test_late_reason),
		cmocka_unit_test(test_late_reason_cooks_and_opening),
		cmocka_unit_test(test_two_rows),
		cmocka_unit_test(test_same_dish_no_cleaning),
		cmocka_unit_test(test_heated_trip),
		cmocka_unit_test(test_pace),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
