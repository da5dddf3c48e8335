/*
 * The month's report of what was delivered (report.c, report_sheet.c,
 * plots.c): boxes planned, delivered and not delivered per day and per
 * meal point and diet, with the reasons; punctuality; food safety (the
 * food limit, cold deliveries, days with missing records); trips, km and
 * hours per vehicle; and plots. Worked out once from the month's records
 * (data/records.h) into struct month_report, then written as report.csv,
 * report.html and report.pdf (with the plots as SVG beside them), as one
 * whole like a plan's outputs.
 */
#ifndef MEALRUN_PLANNER_SHEETS_REPORT_H
#define MEALRUN_PLANNER_SHEETS_REPORT_H

#include "data/records.h"
#include "planner/sheets/sheets.h"

/* Boxes of some part of the month: planned = delivered + not_delivered +
 * not_recorded, in every table. */
struct report_sum {
	int planned, delivered, not_delivered, not_recorded;
};

struct report_service {              /* a date and meal */
	const char *date, *meal;     /* the month's trips' */
	struct report_sum sum;
	int stops;                   /* planned */
	int stops_timed, stops_on_time; /* delivered, with a window */
	int boxes_timed, boxes_within; /* delivered, with an arrival */
	int cold;                    /* records below the threshold */
	int missing;                 /* rows not recorded */
};

struct report_point_diet {
	int meal_point, diet;
	struct report_sum sum;
};

struct report_reason {
	const char *reason;          /* the records' */
	int boxes, rows;
};

struct report_stop {                 /* delivered outside its window */
	int row;                     /* its first row */
	double arrived;
	int off_min;                 /* + late, - early */
};

struct report_vehicle {
	int trips;
	double km, hours;
};

struct month_report {
	struct report_sum total;
	int nservices;
	struct report_service *services;
	int npd;
	struct report_point_diet *pd;  /* by meal point, then diet */
	int nreasons;
	struct report_reason *reasons; /* most boxes first */
	int nlate;
	struct report_stop *late;      /* by date, meal, trip and stop */
	int stops_timed, stops_on_time;
	int boxes_timed, boxes_within;
	int ncold;
	int *cold;                     /* rows below the threshold */
	int ntemps;                    /* rows with a temperature */
	int days_missing;              /* dates with rows not recorded */
	struct report_vehicle *vehicles; /* month_records.nvehicles */
	/* per day of the month, from 1 */
	int day_planned[32], day_delivered[32];
	int day_timed[32], day_on_time[32];
};

/* Works the report of m out into r; release with month_report_release.
 * r keeps pointers into m, which must outlive it. */
void month_report_make(const struct month_records *m, struct month_report *r);
void month_report_release(struct month_report *r);

/* plan_outputs_open for a report: report.pdf, report.html, report.csv
 * and plots/, in a new or empty folder or one of an earlier report. */
int report_outputs_open(struct plan_outputs *po, const char *dir,
			struct mr_error *err);

/*
 * Writes the report into po->stage (opened with report_outputs_open) in
 * lang: report.csv, a row per stop and diet with its figures; the plots;
 * report.html and report.pdf. 0, or -1 with err; commit with
 * plan_outputs_commit.
 */
int report_write(struct plan_outputs *po, const struct month_records *m,
		 const struct month_report *r, enum lang lang,
		 struct mr_error *err);

/* The report's sheet (report_sheet.c), with the plots in dir/plots
 * (plots.c) drawn first; written as dir/report.html and .pdf. */
int report_write_sheet(const char *dir, const struct month_records *m,
		       const struct month_report *r, enum lang lang,
		       struct mr_error *err);

/* Writes dir/plots/delivered.svg, on-time.svg and temperatures.svg in
 * lang. 0, or -1 with err. */
int report_write_plots(const char *dir, const struct month_records *m,
		       const struct month_report *r, enum lang lang,
		       struct mr_error *err);

#endif
