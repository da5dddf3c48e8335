/*
 * The changes sheet (see sheets.h): a plan made again with --keep beside
 * the saved plan it started from. Each trip of the new plan is matched
 * with the earlier trip it shares most stops with (kept_from, see
 * keep_numbers in plan.c), whose number it keeps; a trip is unchanged
 * when it runs on the same vehicle with the same stops in the same
 * order, the same boxes per diet, and no arrival moved by more than 10
 * minutes.
 * The clerk reprints the dispatch pages of the trips that changed.
 */
#include "planner/sheets/sheets.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/timefmt.h"
#include "util/xalloc.h"

/* Arrivals that moved by more than this are changes. */
#define MOVED_S 600.0

static const char *stop_id(const struct day_plan *plan,
			   const struct plan_trip *t, int k)
{
	return plan->sv->meal_points[t->stops[k].meal_point].id;
}

/* Stop k of the saved trip whose meal point is id, or -1. */
static int saved_stop(const struct saved_trip *o, const char *id)
{
	for (int k = 0; k < o->nstops; k++)
		if (!strcmp(o->stops[k].meal_point_id, id))
			return k;
	return -1;
}

/* The boxes of diet code in a saved stop's {"diet": boxes} text. */
static int saved_diet(const char *diets_json, const char *code)
{
	json_t *o = json_loads(diets_json, 0, NULL);
	int n = (int)json_integer_value(json_object_get(o, code));
	json_decref(o);
	return n;
}

static void add_part(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void add_part(struct strbuf *sb, const char *fmt, ...)
{
	if (sb->len)
		strbuf_addstr(sb, "; ");
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

/* What changed on a stop both trips have: boxes per diet, arrival. */
static void stop_changes(const struct day_plan *plan, const struct plan_stop *s,
			 const struct saved_stop *o, enum lang lang,
			 struct strbuf *out)
{
	const struct service *sv = plan->sv;
	const struct meal_point *m = &sv->meal_points[s->meal_point];
	struct strbuf d = STRBUF_INIT;
	for (int k = 0; k < sv->ndiets; k++) {
		int was = saved_diet(o->diets_json, sv->diets[k].code);
		if (was != m->boxes[k])
			strbuf_addf(&d, "%s%s %d → %d", d.len ? ", " : "",
				    sv->diets[k].code, was, m->boxes[k]);
	}
	if (d.len)
		add_part(out, "%s %s %d → %d (%s)", m->id, label(lang, L_BOXES),
			 o->boxes, m->total, d.buf);
	strbuf_release(&d);
	if (fabs(s->arrive - o->arrive) > MOVED_S) {
		char was[16], now[16];
		clock_format(o->arrive, was);
		clock_format(s->arrive, now);
		add_part(out, "%s %s %s → %s", m->id, label(lang, L_MOVED), was,
			 now);
	}
}

/* What changed on new trip t against saved trip o, into out ("" when
 * nothing did). */
static void trip_changes(const struct day_plan *plan, const struct plan_trip *t,
			 const struct saved_trip *o, enum lang lang,
			 struct strbuf *out)
{
	const char *vid = plan->sv->vehicles[t->vehicle].id;
	if (strcmp(vid, o->vehicle_id))
		add_part(out, "%s → %s", o->vehicle_id, vid);
	/* Its number is on the printed pages, its GPX file and its map. */
	if (t->id != o->route_id)
		add_part(out, "%s %02d → %02d", label(lang, L_TRIP), o->route_id,
			 t->id);
	struct strbuf added = STRBUF_INIT, removed = STRBUF_INIT;
	int last = -1;
	bool reordered = false;
	for (int k = 0; k < t->nstops; k++) {
		int at = saved_stop(o, stop_id(plan, t, k));
		if (at < 0) {
			strbuf_addf(&added, "%s%s", added.len ? ", " : "",
				    stop_id(plan, t, k));
			continue;
		}
		reordered |= at < last;
		last = at;
	}
	for (int k = 0; k < o->nstops; k++) {
		bool there = false;
		for (int j = 0; j < t->nstops && !there; j++)
			there = !strcmp(o->stops[k].meal_point_id,
					stop_id(plan, t, j));
		if (!there)
			strbuf_addf(&removed, "%s%s", removed.len ? ", " : "",
				    o->stops[k].meal_point_id);
	}
	if (added.len)
		add_part(out, "%s %s", label(lang, L_ADDED), added.buf);
	if (removed.len)
		add_part(out, "%s %s", label(lang, L_REMOVED), removed.buf);
	if (reordered)
		add_part(out, "%s", label(lang, L_REORDERED));
	for (int k = 0; k < t->nstops; k++) {
		int at = saved_stop(o, stop_id(plan, t, k));
		if (at >= 0)
			stop_changes(plan, &t->stops[k], &o->stops[at], lang,
				     out);
	}
	strbuf_release(&added);
	strbuf_release(&removed);
}

/* "p" or "p–q" (the pages trip i takes), or "p–" for the last trip. */
static void pages_text(const struct day_plan *plan, const int *trip_pages,
		       int i, char *out, size_t size)
{
	int p = trip_pages[i], next = 0;
	for (int j = 0; j < plan->ntrips; j++)
		if (trip_pages[j] > p && (!next || trip_pages[j] < next))
			next = trip_pages[j];
	if (!next)
		snprintf(out, size, "%d–", p);
	else if (next - 1 > p)
		snprintf(out, size, "%d–%d", p, next - 1);
	else
		snprintf(out, size, "%d", p);
}

int plan_write_changes(const struct day_plan *plan, const char *dir,
		       enum lang lang, const int *trip_pages,
		       struct mr_error *err)
{
	const struct saved_plan *sp = plan->opt.keep;
	if (!sp)
		return 0;
	const struct service *sv = plan->sv;
	struct sheet s;
	plan_sheet_init(&s, plan, lang, L_CHANGES);
	sheet_section(&s, "changes", NULL);
	sheet_heading(&s, 1, "%s · %s %s · plan %lld", label(lang, L_CHANGES),
		      sv->date, label_of_code(lang, sv->meal),
		      (long long)sp->id);
	static const struct sheet_col cols[] = {
		{ 12, SHEET_BOLD }, { 24, SHEET_FIRST_BOLD }, { 124, 0 },
		{ 20, SHEET_RIGHT },
	};
	const char *head[] = { label(lang, L_TRIP), label(lang, L_VEHICLE),
			       label(lang, L_WHAT_CHANGED), label(lang, L_PAGE) };
	struct strbuf what = STRBUF_INIT, reprint = STRBUF_INIT;
	int changed = 0;
	struct sheet_table *tb = sheet_table(&s, 4, cols, head);
	for (int i = 0; i < plan->ntrips; i++) {
		const struct plan_trip *t = &plan->trips[i];
		strbuf_reset(&what);
		if (t->kept_from >= 0)
			trip_changes(plan, t, &sp->trips[t->kept_from], lang,
				     &what);
		else
			add_part(&what, "%s", label(lang, L_NEW_TRIP));
		char id[16], pages[32] = "";
		snprintf(id, sizeof(id), "%02d", t->id);
		if (what.len) {
			changed++;
			pages_text(plan, trip_pages, i, pages, sizeof(pages));
			strbuf_addf(&reprint, "%s%s", reprint.len ? ", " : "",
				    pages);
		}
		const char *row[] = { id, sv->vehicles[t->vehicle].id,
				      what.len ? what.buf
					       : label(lang, L_UNCHANGED),
				      pages };
		sheet_row(tb, row, what.len ? SHEET_BOLD : 0);
	}
	for (int o = 0; o < sp->ntrips; o++) {
		bool kept = false;
		for (int i = 0; i < plan->ntrips && !kept; i++)
			kept = plan->trips[i].kept_from == o;
		if (kept)
			continue;
		strbuf_reset(&what);
		add_part(&what, "%s (%s %d)", label(lang, L_GONE_TRIP),
			 label(lang, L_TRIP_OF_VEHICLE), sp->trips[o].trip);
		for (int k = 0; k < sp->trips[o].nstops; k++)
			strbuf_addf(&what, "%s%s", k ? ", " : ": ",
				    sp->trips[o].stops[k].meal_point_id);
		const char *row[] = { "—", sp->trips[o].vehicle_id, what.buf, "" };
		sheet_row(tb, row, SHEET_BOLD);
		changed++;
	}
	if (plan->replanned)
		sheet_text(&s, SHEET_BOLD, NULL, "%s", label(lang, L_REPLANNED));
	sheet_text(&s, SHEET_BOLD, "reprint", "%s: %s", label(lang, L_REPRINT),
		   reprint.len ? reprint.buf : "—");
	/* Of the trips of either plan: the new ones and those no longer
	 * driven count once each. */
	int gone = 0;
	for (int o = 0; o < sp->ntrips; o++) {
		bool kept = false;
		for (int i = 0; i < plan->ntrips && !kept; i++)
			kept = plan->trips[i].kept_from == o;
		gone += !kept;
	}
	sheet_text(&s, 0, NULL, "%d / %d %s %s", changed, plan->ntrips + gone,
		   label(lang, L_TRIPS), label(lang, L_CHANGED));
	int rc = plan_sheet_write(&s, dir, "changes", NULL, err);
	sheet_release(&s);
	strbuf_release(&what);
	strbuf_release(&reprint);
	return rc;
}
