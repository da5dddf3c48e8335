/*
 * What every sheet says when food will be late (see sheets.h): a banner
 * for the day, with the late trips and why, and one on each late trip,
 * with the equipment whose batches for it end after it should load. The
 * times are the plan's, worked out once (plan_food in agree.c).
 */
#include "planner/sheets.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kitchen/sheets.h"
#include "util/xalloc.h"

struct kitchen_trip_food *plan_trip_food(const struct day_plan *plan)
{
	struct kitchen_trip_food *food = xcalloc((size_t)plan->ntrips + 1,
						 sizeof(*food));
	for (int i = 0; i < plan->ntrips; i++) {
		const struct plan_trip *t = &plan->trips[i];
		food[i] = (struct kitchen_trip_food){ t->cooked_from,
						      t->food_ready,
						      t->serve_by,
						      t->late_min };
	}
	return food;
}

/* "Trip 03: ready 10:40, loading 10:13, loading waits 27 min". */
static void late_line(struct strbuf *out, const struct plan_trip *t,
		      enum lang lang)
{
	char ready[16], load[16];
	plan_clock(t->food_ready, ready);
	plan_clock(t->load_start, load);
	strbuf_addf(out, "%s %02d: %s %s, %s %s, %s %d %s",
		    label(lang, L_TRIP), t->id, label(lang, L_READY), ready,
		    label(lang, L_LOADING), load, label(lang, L_WAITS),
		    t->late_min, label(lang, L_MINUTES));
}

void plan_late_banner(struct sheet *s, const struct day_plan *plan,
		      enum lang lang)
{
	if (!plan->late_trips)
		return;
	struct strbuf line = STRBUF_INIT;
	sheet_text(s, SHEET_BOLD | SHEET_LARGE, "warn", "%s",
		   label(lang, L_FOOD_LATE));
	for (int i = 0; i < plan->ntrips; i++) {
		if (!plan->trips[i].late_min)
			continue;
		strbuf_reset(&line);
		late_line(&line, &plan->trips[i], lang);
		sheet_text(s, SHEET_BOLD, "warn", "%s", line.buf);
	}
	struct kitchen_trip *kt = plan_kitchen_trips(plan);
	strbuf_reset(&line);
	kitchen_shortfall_words(lang, plan->sv, kt, &plan->kitchen, &line);
	for (const char *p = strbuf_str(&line); *p;) {
		size_t len = strcspn(p, "\n");
		sheet_text(s, 0, "warn", "%s: %.*s", label(lang, L_FOOD_LATE_WHY),
			   (int)len, p);
		p += len + (p[len] == '\n');
	}
	free(kt);
	strbuf_release(&line);
}

void plan_trip_late_banner(struct sheet *s, const struct day_plan *plan,
			   int i, enum lang lang)
{
	const struct plan_trip *t = &plan->trips[i];
	const struct service *sv = plan->sv;
	const struct kitchen_schedule *ks = &plan->kitchen;
	if (!t->late_min)
		return;
	struct strbuf line = STRBUF_INIT;
	late_line(&line, t, lang);
	/* The equipment of the batches that end after the trip loads. */
	bool *named = xcalloc((size_t)sv->nequipment + 1, sizeof(bool));
	int n = 0;
	for (int b = 0; b < ks->nbatches; b++) {
		const struct batch *bt = &ks->batches[b];
		bool feeds = false;
		for (int f = 0; f < bt->nfeeds && !feeds; f++)
			feeds = bt->feeds[f].trip == i;
		if (!feeds || bt->end <= lround(t->load_start) ||
		    named[bt->equipment])
			continue;
		named[bt->equipment] = true;
		strbuf_addf(&line, "%s%s", n++ ? ", " : "; ",
			    sv->equipment[bt->equipment].name);
	}
	free(named);
	sheet_text(s, SHEET_BOLD | SHEET_LARGE, "warn", "%s",
		   label(lang, L_FOOD_LATE_TRIP));
	sheet_text(s, SHEET_BOLD, "warn", "%s", line.buf);
	strbuf_release(&line);
}
