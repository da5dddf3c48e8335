/*
 * Unit tests of the month's report worked out from records
 * (planner/sheets/report.c) and of the CSV fields the record sheet and the
 * report are written with (planner/sheets/records.c): every table sums to
 * the same totals, a stop is in its window by its earliest arrival, boxes
 * count within the food limit by their trip, cold records are listed, and
 * fields with commas, quotes and line breaks are quoted.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "planner/sheets/report.h"
#include "util/strbuf.h"

static void test_csv_fields(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	const char *row[] = { "plain", "a,b", "say \"hi\"", "two\nlines",
			      " blank", NULL, "last" };
	csv_add_row(&sb, row, 7);
	assert_string_equal(strbuf_str(&sb), "plain,\"a,b\",\"say \"\"hi\"\"\","
			    "\"two\nlines\",\" blank\",,last\r\n");
	strbuf_release(&sb);
}

static struct month_name name(const char *id, const char *n)
{
	return (struct month_name){ (char *)id, (char *)n, (char *)"" };
}

#define H(h, m) ((h) * 3600.0 + (m) * 60.0)

/* Two days: day 1 with two stops, the second late and one of its boxes
 * not delivered; day 2 with a stop whose record is missing. */
static void month_fixture(struct month_records *m, struct month_trip *trips,
			  struct month_row *rows, struct month_name *points,
			  struct month_name *diets, struct month_name *vans)
{
	memset(m, 0, sizeof(*m));
	strcpy(m->month, "2030-03");
	m->ndays = 31;
	m->cold_below_c = 60;
	points[0] = name("A", "Alpha");
	points[1] = name("B", "Beta");
	diets[0] = name("regular", "普通");
	diets[1] = name("soft", "软食");
	vans[0] = name("V1", "KS-1");
	trips[0] = (struct month_trip){ "2030-03-04", "lunch", 1, 1, 0,
		H(9, 50), H(10, 0), H(11, 30), 12000, H(11, 40) };
	trips[1] = (struct month_trip){ "2030-03-05", "lunch", 1, 1, 0,
		H(9, 50), H(10, 0), H(11, 0), 8000, H(11, 40) };
	struct month_row proto = { .window_open = H(10, 30),
				   .window_close = H(11, 30),
				   .temperature = NAN, .reason = (char *)"" };
	for (int i = 0; i < 5; i++)
		rows[i] = proto;
	/* day 1, stop 1 (A): regular 10 and soft 2, both at 10:40 */
	rows[0].seq = 1, rows[0].planned = 10, rows[0].recorded = true;
	rows[0].delivered = 10, rows[0].arrived = H(10, 40);
	rows[0].temperature = 65;
	rows[1].seq = 1, rows[1].diet = 1, rows[1].planned = 2;
	rows[1].recorded = true, rows[1].delivered = 2;
	rows[1].arrived = H(10, 45), rows[1].temperature = 58;
	/* day 1, stop 2 (B): 5 planned, 4 delivered at 11:45, late */
	rows[2].seq = 2, rows[2].meal_point = 1, rows[2].planned = 5;
	rows[2].recorded = true, rows[2].delivered = 4;
	rows[2].arrived = H(11, 45);
	rows[2].reason = (char *)"nobody at home";
	/* day 2: A and B not recorded */
	rows[3].trip = 1, rows[3].seq = 1, rows[3].planned = 7;
	rows[4].trip = 1, rows[4].seq = 2, rows[4].meal_point = 1;
	rows[4].planned = 3;
	m->trips = trips;
	m->ntrips = 2;
	m->rows = rows;
	m->nrows = 5;
	m->points = points;
	m->npoints = 2;
	m->diets = diets;
	m->ndiets = 2;
	m->vehicles = vans;
	m->nvehicles = 1;
}

static void test_report_sums(void **state)
{
	(void)state;
	struct month_records m;
	struct month_trip trips[2];
	struct month_row rows[5];
	struct month_name points[2], diets[2], vans[1];
	month_fixture(&m, trips, rows, points, diets, vans);
	struct month_report r;
	month_report_make(&m, &r);

	assert_int_equal(r.total.planned, 27);
	assert_int_equal(r.total.delivered, 16);
	assert_int_equal(r.total.not_delivered, 1);
	assert_int_equal(r.total.not_recorded, 10);
	/* the days and the meal points and diets add up to the month */
	assert_int_equal(r.nservices, 2);
	assert_int_equal(r.services[0].sum.planned +
			 r.services[1].sum.planned, 27);
	assert_int_equal(r.services[1].sum.not_recorded, 10);
	int planned = 0, delivered = 0;
	for (int i = 0; i < r.npd; i++) {
		planned += r.pd[i].sum.planned;
		delivered += r.pd[i].sum.delivered;
	}
	assert_int_equal(r.npd, 3);
	assert_int_equal(planned, 27);
	assert_int_equal(delivered, 16);
	assert_int_equal(r.nreasons, 1);
	assert_string_equal(r.reasons[0].reason, "nobody at home");
	assert_int_equal(r.reasons[0].boxes, 1);
	/* punctuality: A at 10:40 in its window, B at 11:45 15 min late */
	assert_int_equal(r.stops_timed, 2);
	assert_int_equal(r.stops_on_time, 1);
	assert_int_equal(r.nlate, 1);
	assert_int_equal(r.late[0].row, 2);
	assert_int_equal(r.late[0].off_min, 15);
	/* food limit: served by 11:40, so B's 4 boxes are past it */
	assert_int_equal(r.boxes_timed, 16);
	assert_int_equal(r.boxes_within, 12);
	/* one record of two with a temperature is below 60 °C */
	assert_int_equal(r.ntemps, 2);
	assert_int_equal(r.ncold, 1);
	assert_int_equal(r.cold[0], 1);
	assert_int_equal(r.days_missing, 1);
	assert_int_equal(r.day_planned[4], 17);
	assert_int_equal(r.day_delivered[4], 16);
	assert_int_equal(r.vehicles[0].trips, 2);
	assert_true(fabs(r.vehicles[0].km - 20.0) < 1e-9);
	assert_true(fabs(r.vehicles[0].hours - (100 + 70) / 60.0) < 1e-9);
	month_report_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_fields),
		cmocka_unit_test(test_report_sums),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
