/*
 * Unit tests of the routing model on tiny problems whose answers are known:
 * several trips of one vehicle, the food limit forcing a second vehicle,
 * the reasons for what cannot be routed, the departure chosen, and the
 * same answer for the same input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "planner/vrp/vrp.h"

/* A problem over an explicit symmetric matrix; location 0 is the depot. */
struct fixture {
	int nlocs;
	double m[8][8];
	struct vrp_job jobs[8];
	struct vrp_vehicle veh[4];
	float flat[64];
	struct vrp_problem p;
};

static void set(struct fixture *f, int a, int b, double d)
{
	f->m[a][b] = f->m[b][a] = d;
}

static void finish(struct fixture *f, int njobs, int nveh)
{
	for (int a = 0; a < f->nlocs; a++)
		for (int b = 0; b < f->nlocs; b++)
			f->flat[a * f->nlocs + b] = f->m[a][b];
	f->p = (struct vrp_problem){
		.njobs = njobs, .jobs = f->jobs, .nvehicles = nveh,
		.vehicles = f->veh, .nlocs = f->nlocs, .depot = 0,
		.duration = f->flat, .distance = f->flat,
	};
}

static struct vrp_vehicle van(int capacity)
{
	return (struct vrp_vehicle){ .capacity = capacity, .shift_start = 0,
		.shift_end = 1000, .cost_distance = 1, .cost_fixed = 100,
		.max_trips = 5 };
}

static struct vrp_job job(int loc, int demand, double open, double close)
{
	return (struct vrp_job){ loc, demand, open, close, 0, 0 };
}

static const struct vrp_params params = { .seed = 1, .iterations = 2000 };

/* Two deliveries of 8 boxes, one van of 10: it goes out twice. */
static void test_second_trip(void **state)
{
	(void)state;
	struct fixture f = { .nlocs = 3 };
	set(&f, 0, 1, 10);
	set(&f, 0, 2, 10);
	set(&f, 1, 2, 5);
	f.jobs[0] = job(1, 8, 0, 500);
	f.jobs[1] = job(2, 8, 0, 500);
	f.veh[0] = van(10);
	finish(&f, 2, 1);
	struct vrp_solution sol;
	assert_int_equal(vrp_solve(&f.p, &params, &sol, NULL), 0);
	assert_int_equal(sol.nunassigned, 0);
	assert_int_equal(sol.ntrips, 2);
	assert_int_equal(sol.trips[0].trip_no, 1);
	assert_int_equal(sol.trips[1].trip_no, 2);
	assert_true(sol.trips[1].load_start >= sol.trips[0].ret);
	assert_int_equal(sol.vehicles_used, 1);
	vrp_solution_release(&sol);
}

/*
 * A and B are 40 from the kitchen and 30 apart, both due by 100. One trip
 * serves the second stop at 70; two trips of one van reach it at 120. So a
 * food limit of 60 needs a second van, and without it one van does.
 */
static void food_fixture(struct fixture *f, double food_limit)
{
	memset(f, 0, sizeof(*f));
	f->nlocs = 3;
	set(f, 0, 1, 40);
	set(f, 0, 2, 40);
	set(f, 1, 2, 30);
	f->jobs[0] = job(1, 1, 0, 100);
	f->jobs[1] = job(2, 1, 0, 100);
	f->veh[0] = van(10);
	f->veh[1] = van(10);
	finish(f, 2, 2);
	f->p.food_limit = food_limit;
}

static void test_food_limit_needs_second_vehicle(void **state)
{
	(void)state;
	struct fixture f;
	struct vrp_solution sol;
	food_fixture(&f, 0);
	assert_int_equal(vrp_solve(&f.p, &params, &sol, NULL), 0);
	assert_int_equal(sol.vehicles_used, 1);
	assert_int_equal(sol.ntrips, 1);
	vrp_solution_release(&sol);

	food_fixture(&f, 60);
	assert_int_equal(vrp_solve(&f.p, &params, &sol, NULL), 0);
	assert_int_equal(sol.nunassigned, 0);
	assert_int_equal(sol.vehicles_used, 2);
	for (int t = 0; t < sol.ntrips; t++)
		for (int k = 0; k < sol.trips[t].njobs; k++)
			assert_true(sol.trips[t].start[k] -
				    sol.trips[t].load_start <= 60 + 1e-9);
	vrp_solution_release(&sol);
}

static void test_reasons(void **state)
{
	(void)state;
	struct fixture f = { .nlocs = 4 };
	set(&f, 0, 1, 10);
	set(&f, 0, 2, 50);
	set(&f, 0, 3, 200);
	set(&f, 1, 2, 45);
	set(&f, 1, 3, 195);
	set(&f, 2, 3, 150);
	f.jobs[0] = job(1, 20, 0, 500);  /* larger than any van */
	f.jobs[1] = job(2, 1, 0, 30);    /* closes before anyone arrives */
	f.jobs[2] = job(3, 1, 0, 900);   /* 200 away: food limit 120 */
	f.jobs[3] = job(1, 1, 0, 500);   /* fine */
	f.veh[0] = van(10);
	finish(&f, 4, 1);
	f.p.food_limit = 120;
	struct vrp_solution sol;
	assert_int_equal(vrp_solve(&f.p, &params, &sol, NULL), 0);
	assert_int_equal(sol.nunassigned, 3);
	assert_int_equal(sol.reason[0], VRP_TOO_LARGE);
	assert_int_equal(sol.reason[1], VRP_WINDOW);
	assert_int_equal(sol.reason[2], VRP_FOOD_LIMIT);
	assert_int_equal(sol.reason[3], VRP_ASSIGNED);
	assert_string_equal(vrp_reason_code(VRP_FLEET), "fleet_exhausted");
	vrp_solution_release(&sol);
}

static void test_fleet_exhausted(void **state)
{
	(void)state;
	struct fixture f = { .nlocs = 2 };
	set(&f, 0, 1, 10);
	/* Together too large for the van, and no time for a second trip. */
	f.jobs[0] = job(1, 6, 0, 25);
	f.jobs[1] = job(1, 6, 0, 25);
	f.veh[0] = van(10);
	finish(&f, 2, 1);
	struct vrp_solution sol;
	assert_int_equal(vrp_solve(&f.p, &params, &sol, NULL), 0);
	assert_int_equal(sol.nunassigned, 1);
	assert_int_equal(sol.reason[sol.unassigned[0]], VRP_FLEET);
	vrp_solution_release(&sol);
}

/* Loading starts so that the van arrives as the window opens. */
static void test_departs_late_enough(void **state)
{
	(void)state;
	struct fixture f = { .nlocs = 2 };
	set(&f, 0, 1, 10);
	f.jobs[0] = job(1, 5, 300, 400);
	f.jobs[0].service = 7;
	f.veh[0] = van(10);
	finish(&f, 1, 1);
	f.p.load_fixed = 4;
	f.p.load_per_unit = 1;
	struct vrp_solution sol;
	assert_int_equal(vrp_solve(&f.p, &params, &sol, NULL), 0);
	const struct vrp_trip *t = &sol.trips[0];
	assert_true(fabs(t->load_start - (300 - 10 - 9)) < 1e-9);
	assert_true(fabs(t->depart - 290) < 1e-9);
	assert_true(fabs(t->arrive[0] - 300) < 1e-9);
	assert_true(fabs(t->leave[0] - 307) < 1e-9);
	assert_true(fabs(t->ret - 317) < 1e-9);
	vrp_solution_release(&sol);
}

/* The kitchen says the second trip's food is ready at 200: it loads then,
 * and the first stop it serves moves later with it. */
static void test_trip_release(void **state)
{
	(void)state;
	struct fixture f = { .nlocs = 3 };
	set(&f, 0, 1, 10);
	set(&f, 0, 2, 10);
	set(&f, 1, 2, 15);
	f.jobs[0] = job(1, 8, 0, 500);
	f.jobs[1] = job(2, 8, 0, 500);
	f.veh[0] = van(10);
	static const double release[2] = { 0, 200 };
	f.veh[0].trip_release = release;
	f.veh[0].ntrip_release = 2;
	finish(&f, 2, 1);
	struct vrp_solution sol;
	assert_int_equal(vrp_solve(&f.p, &params, &sol, NULL), 0);
	assert_int_equal(sol.ntrips, 2);
	assert_true(sol.trips[1].load_start >= 200 - 1e-9);
	assert_true(sol.trips[0].load_start < 200);
	vrp_solution_release(&sol);
}

static void test_same_input_same_answer(void **state)
{
	(void)state;
	struct fixture f = { .nlocs = 7 };
	for (int a = 0; a < 7; a++)
		for (int b = a + 1; b < 7; b++)
			set(&f, a, b, 5 + (a * 7 + b * 3) % 11);
	for (int j = 0; j < 6; j++)
		f.jobs[j] = job(j + 1, 2 + j % 3, 10 * j, 200 + 10 * j);
	f.veh[0] = van(8);
	f.veh[1] = van(6);
	finish(&f, 6, 2);
	struct vrp_solution a, b;
	assert_int_equal(vrp_solve(&f.p, &params, &a, NULL), 0);
	assert_int_equal(vrp_solve(&f.p, &params, &b, NULL), 0);
	assert_int_equal(a.ntrips, b.ntrips);
	assert_true(a.cost == b.cost);
	for (int t = 0; t < a.ntrips; t++) {
		assert_int_equal(a.trips[t].njobs, b.trips[t].njobs);
		assert_memory_equal(a.trips[t].jobs, b.trips[t].jobs,
				    sizeof(int) * (size_t)a.trips[t].njobs);
	}
	vrp_solution_release(&a);
	vrp_solution_release(&b);
}

static void test_malformed(void **state)
{
	(void)state;
	struct fixture f = { .nlocs = 2 };
	f.jobs[0] = job(5, 1, 0, 10);
	f.veh[0] = van(10);
	finish(&f, 1, 1);
	struct vrp_solution sol;
	struct mr_error err;
	assert_int_equal(vrp_solve(&f.p, &params, &sol, &err), -1);
	assert_int_equal(err.code, EX_DATAERR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_second_trip),
		cmocka_unit_test(test_food_limit_needs_second_vehicle),
		cmocka_unit_test(test_reasons),
		cmocka_unit_test(test_fleet_exhausted),
		cmocka_unit_test(test_departs_late_enough),
		cmocka_unit_test(test_trip_release),
		cmocka_unit_test(test_same_input_same_answer),
		cmocka_unit_test(test_malformed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
