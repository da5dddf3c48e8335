/*
 * Every output of a plan but plan.json's text (plan_json.h), for the people
 * who use it: GPX routes and SVG maps for drivers, the dispatch sheet and
 * the loading summary for the clerk, the kitchen's sheets (kitchen.h), and
 * index.html for the day at a glance; the helpers the sheets share; and
 * the writing of all of them as one whole (outputs.c). The page layout
 * they are drawn with is sheet.h's.
 */
#ifndef MEALRUN_PLANNER_SHEETS_SHEETS_H
#define MEALRUN_PLANNER_SHEETS_SHEETS_H

#include <stdbool.h>

#include "planner/sheets/kitchen.h"
#include "planner/plan.h"
#include "planner/sheets/labels.h"
#include "planner/sheets/sheet.h"
#include "util/strbuf.h"

/*
 * Writes dir/gpx/route-NN.gpx for each trip (NN its id): a waypoint per
 * stop named "NN short-name", and a route from the kitchen back to it.
 * 0, or -1 with err.
 */
int plan_write_gpx(const struct day_plan *plan, const char *dir,
		   struct mr_error *err);

/*
 * The path of trip t from the kitchen past its stops and back, along the
 * roads when the provider knows paths; otherwise, with straight, the
 * straight legs, and without, nothing (*n = 0). The caller frees *out.
 */
int plan_trip_path(const struct day_plan *plan, const struct plan_trip *t,
		   bool straight, struct geo_point **out, int *n,
		   struct mr_error *err);

/*
 * Writes dir/maps/overview.svg (every trip) and dir/maps/trip-NN.svg (one
 * trip): streets when a road network is used, the paths, numbered stops,
 * the kitchen, a scale bar and the credit. 0, or -1 with err.
 */
int plan_write_maps(const struct day_plan *plan, const char *dir,
		    struct mr_error *err);

/* Writes dir/kitchen.html and dir/kitchen.pdf in lang: schedule, pull
 * list, packing lists, labels and the retention log. 0, or -1 with err. */
int plan_write_kitchen(const struct day_plan *plan, const char *dir,
		       enum lang lang, struct mr_error *err);

/*
 * Writes the dispatch sheet in lang as dir/dispatch.html and
 * dir/dispatch.pdf: a section per trip, starting on a new page and
 * continued on the next with its header repeated when it is longer; the
 * trip maps (plan_write_maps) must be written first. trip_pages, when not
 * NULL, gets the PDF page (from 1) each trip starts on. 0, or -1 with err.
 */
int plan_write_dispatch(const struct day_plan *plan, const char *dir,
			enum lang lang, int *trip_pages, struct mr_error *err);

/*
 * Writes the loading summary in lang as dir/loading.html and
 * dir/loading.pdf: the trips in loading order with boxes per diet,
 * the grand total (ordered less unassigned) and the unassigned orders with
 * their reasons. 0, or -1 with err.
 */
int plan_write_loading(const struct day_plan *plan, const char *dir,
		       enum lang lang, struct mr_error *err);

/*
 * Writes dir/index.html, the day at a glance: the overview map, the trips
 * with links to their place in the dispatch sheet (trip_pages from
 * plan_write_dispatch, or NULL) and their GPX files, the unassigned
 * orders and the kitchen's timeline. 0, or -1 with err.
 */
int plan_write_index(const struct day_plan *plan, const char *dir,
		     enum lang lang, const int *trip_pages,
		     struct mr_error *err);

/*
 * A plan's outputs, written as one whole: plan.json, gpx/, maps/, the
 * kitchen's sheets, the dispatch sheet, the loading summary and index.html.
 *
 * plan_outputs_open checks --out (dir) before the plan is made: a new
 * folder, an empty one, or one with a plan.json (an earlier plan's), which
 * is replaced whole; no other plan may be writing there (EX_TEMPFAIL). It
 * makes dir's parents and a private folder beside dir.
 * plan_outputs_write writes every output into that folder; *times gets
 * the seconds each took. A signal (mr_interrupted) stops
 * it between files, with EX_TEMPFAIL.
 * plan_outputs_commit puts the written folder in dir's place in one
 * rename: dir holds the previous outputs or the new, never a mix.
 * plan_outputs_close removes what is left (the previous outputs, or the
 * folder of a run that did not commit) and lets other plans in.
 * Each returns 0, or -1 with err (EX_CANTCREAT for an --out that cannot
 * be written, EX_IOERR).
 */
/* Seconds each output took to write. */
struct output_times {
	double json, records, gpx, maps;
	double kitchen, dispatch, loading, index, changes; /* the sheets */
	double sheets;  /* all of them, the kitchen's written beside the rest */
};

struct plan_outputs {
	const struct output_kind *kind;
	char *dir;     /* --out, absolute */
	char *stage;   /* the folder beside it being written, or NULL */
	bool written;  /* stage holds every output */
	int lock;      /* the lock file, or -1 */
};

int plan_outputs_open(struct plan_outputs *po, const char *dir,
		      struct mr_error *err);
int plan_outputs_write(struct plan_outputs *po, const struct day_plan *plan,
		       const char *json, enum lang lang,
		       struct output_times *times, struct mr_error *err);
int plan_outputs_commit(struct plan_outputs *po, struct mr_error *err);
void plan_outputs_close(struct plan_outputs *po);

/*
 * What kind of outputs a folder holds: a plan's, a month's report. A
 * folder of that kind (with its marker file and only the names of names)
 * is replaced whole; the messages call the run a noun.
 */
struct output_kind {
	const char *noun;            /* "plan" */
	const char *marker;          /* "plan.json" */
	const char *const *names;    /* what it writes; NULL-terminated */
};

/* As plan_outputs_open for outputs of kind; the caller writes them into
 * po->stage, sets po->written and commits them as a plan's. */
int outputs_open(struct plan_outputs *po, const char *dir,
		 const struct output_kind *kind, struct mr_error *err);

/*
 * With --keep, writes dir/changes.html and dir/changes.pdf in lang: each
 * trip against the saved plan it started from (unchanged, or what
 * changed: vehicle, stops added, removed or in another order, boxes per
 * diet, arrivals moved by more than 10 minutes), the earlier trips no
 * longer driven, and the pages of dispatch.pdf to reprint (trip_pages from
 * plan_write_dispatch). Without --keep, nothing. 0, or -1 with err.
 */
int plan_write_changes(const struct day_plan *plan, const char *dir,
		       enum lang lang, const int *trip_pages,
		       struct mr_error *err);

/*
 * Writes dir/records.csv, the record sheet of the day (records.c): a row
 * per stop and diet with the plan's facts and empty columns for what
 * happened, in the order of data/records.h's record_fields, which
 * `mealrun record` reads back. 0, or -1 with err.
 */
int plan_write_records(const struct day_plan *plan, const char *dir,
		       struct mr_error *err);

/* Appends s to sb as one CSV field (RFC 4180 quoting), then a comma, or
 * CR LF when it is the last of its row. */
void csv_add_field(struct strbuf *sb, const char *s, bool last);
/* Appends a row of n fields (NULL for empty) to sb. */
void csv_add_row(struct strbuf *sb, const char *const *fields, int n);

/*
 * Navigation links for the dispatch sheet's QR codes (nav.c), in the
 * kitchen's map app and its datum. nav_stop_link appends the link to
 * meal point m. nav_trip_link appends the link to trip t, from the kitchen
 * past its stops in order, and says NAV_TRIP_LINK; or appends nothing and
 * says why: the app takes one place at a time (geo:), or the trip has
 * more stops than the app's route takes.
 */
enum nav_trip { NAV_TRIP_LINK, NAV_TRIP_ONE_AT_A_TIME, NAV_TRIP_TOO_LONG };
void nav_stop_link(enum nav_app app, const struct meal_point *m,
		   struct strbuf *out);
enum nav_trip nav_trip_link(const struct service *sv,
			    const struct plan_trip *t, struct strbuf *out);

/* Helpers the sheet writers share. */

/* Adds the day's banner to s when some trip's food will be late: each
 * late trip with when its food is ready, and why, in lang. */
void plan_late_banner(struct sheet *s, const struct day_plan *plan,
		      enum lang lang);
/* Adds trip i's banner to s when its food will be late: when it is
 * ready, and the equipment whose batches end after the trip loads. */
void plan_trip_late_banner(struct sheet *s, const struct day_plan *plan,
			   int i, enum lang lang);
/* The trips' food times for the kitchen's sheets; the caller frees it. */
struct kitchen_trip_food *plan_trip_food(const struct day_plan *plan);

/* Starts sheet s titled "label date meal" in lang, with the kitchen's
 * name and phone in every page's footer. */
void plan_sheet_init(struct sheet *s, const struct day_plan *plan,
		     enum lang lang, enum label_key title);
/* Writes s as dir/name.html and dir/name.pdf, with the first PDF page of
 * each section in section_pages (may be NULL); 0, or -1 with err. */
int plan_sheet_write(const struct sheet *s, const char *dir,
		     const char *name, int *section_pages,
		     struct mr_error *err);
/* Adds a heading and a table of the unassigned orders with reasons. */
void plan_unassigned_table(struct sheet *s, const struct day_plan *plan,
			   enum lang lang);
/* Appends "diet n · diet n" for the diets with boxes. */
void plan_diet_boxes_text(const struct service *sv, enum lang lang,
			  const int *boxes, struct strbuf *out);

#endif
