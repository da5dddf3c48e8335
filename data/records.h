/*
 * What happened on the day. Deliveries are recorded against the stops and
 * diets of the plan in force (the latest saved plan of a date, meal and
 * kitchen): boxes delivered, arrival, food temperature, who received them,
 * why boxes were not delivered. store_record reads them from the record
 * sheets a plan writes (records.csv, filled in) or the same fields as a
 * JSON list (records.c); store_month_records reads a month of them back,
 * with what was planned, for the monthly report (month.c).
 * docs/records.md describes both formats.
 */
#ifndef MEALRUN_DATA_RECORDS_H
#define MEALRUN_DATA_RECORDS_H

#include <stdbool.h>

#include "data/store.h"
#include "util/strbuf.h"

/* The fields of a record, in the order of records.csv's columns. */
enum record_field {
	RF_DATE, RF_MEAL, RF_KITCHEN, RF_TRIP, RF_VEHICLE, RF_STOP,
	RF_MEAL_POINT, RF_NAME, RF_DIET, RF_BOXES_PLANNED, RF_WINDOW_OPEN,
	RF_WINDOW_CLOSE, RF_PLANNED_ARRIVAL,
	/* what happened; a row with all of these empty is not a record */
	RF_ARRIVED_AT, RF_BOXES_DELIVERED, RF_TEMPERATURE, RF_RECEIVED_BY,
	RF_REASON, RF_NOTE,
	RECORD_NFIELDS
};

/* Their names, as records.csv's header and the JSON keys have them. */
extern const char *const record_fields[RECORD_NFIELDS];

/* The temperatures a record may give, in °C. */
#define RECORD_MIN_C (-10.0)
#define RECORD_MAX_C 100.0

struct record_stats {
	int files;
	int rows;           /* records written */
	int replaced;       /* ... of which replaced an earlier record */
	int blank;          /* rows with nothing of what happened: skipped */
	struct strbuf report; /* per service of the days recorded: what was
			       * recorded and what is still missing */
};

/*
 * Reads the record files at paths (a name ending in .json is a JSON list
 * of objects, any other is CSV) and writes their records, all in one
 * transaction: a row replaces the record of its stop and diet. Refuses
 * (EX_DATAERR, nothing written, the message naming file:line:column and
 * field, or the JSON record and field) a service without a saved plan, a
 * stop or diet the plan does not have, facts that differ from the plan's
 * (vehicle, meal point, boxes planned), more boxes delivered than
 * planned, boxes short without a reason, a temperature outside
 * RECORD_MIN_C..RECORD_MAX_C, an arrival before the trip left, and the
 * same stop and diet twice in one file. stats is set up here; release it
 * with record_stats_release, also after -1. 0, or -1 with err.
 */
int store_record(struct store *st, const char *const *paths, int npaths,
		 struct record_stats *stats, struct mr_error *err);

/*
 * The plan of a service that was driven, in SQL over plans grouped by
 * service: the latest with deliveries recorded, else the latest. A day
 * planned again after its records came in keeps them counted.
 */
#define PLAN_DRIVEN_SQL "coalesce(max(CASE WHEN EXISTS (SELECT 1 FROM " \
	"deliveries d WHERE d.plan_id = plans.id) THEN plans.id END), " \
	"max(plans.id))"

/* Whether the record sheet at path has anything of what happened filled
 * in; false for a file that is not there. 0, or -1 with err. */
int records_file_filled(const char *path, bool *filled,
			struct mr_error *err);
void record_stats_release(struct record_stats *stats);

/* A month's plans in force and their records, for the report. Times are
 * seconds after midnight of the trip's date; -1 when not known. */
struct month_trip {
	char date[11], meal[16];
	int route_id, trip_no;
	int vehicle;                 /* index into vehicles */
	double load_start, depart, ret;
	double distance_m;
	double serve_by;             /* cooked from (else loading) + limit */
};

struct month_row {                   /* one stop and diet of a plan */
	int trip;                    /* index into trips */
	int seq;                     /* the stop's place on its trip */
	int meal_point;              /* index into points */
	int diet;                    /* index into diets */
	int planned;
	bool recorded;
	int delivered;
	double arrived;
	double temperature;          /* NAN when not given */
	double window_open, window_close, planned_arrival;
	char *reason;                /* "" when none */
};

struct month_name {
	char *id;
	char *name, *name_en;        /* meal point: name; diet: zh, en;
				      * vehicle: plate, name */
};

struct month_records {
	char month[8];               /* "YYYY-MM" */
	int ndays;                   /* days in the month */
	struct month_name kitchen;   /* id, name, English name */
	char *kitchen_phone;
	double cold_below_c;
	int ntrips;
	struct month_trip *trips;    /* by date, meal and trip */
	int nrows;
	struct month_row *rows;      /* by trip, stop and diet */
	int npoints, ndiets, nvehicles;
	struct month_name *points, *diets, *vehicles;
	int unassigned_boxes;        /* left out of the plans in force */
};

/*
 * Reads month ("YYYY-MM") at kitchen_id (NULL when the database holds one
 * kitchen) into out: every stop and diet of the plans in force, with its
 * record when there is one. 0, or -1 with err (EX_USAGE for an unknown or
 * ambiguous kitchen). Release with month_records_release, also after -1.
 */
int store_month_records(struct store *st, const char *month,
			const char *kitchen_id, struct month_records *out,
			struct mr_error *err);
void month_records_release(struct month_records *m);

#endif
