/*
 * What every sheet says when food will be late (see sheets.h): a banner
 * for the day, with the late trips and why, and one on each late trip,
 * with the equipment whose batches for it end after it should load. The
 * times are the plan's, worked out once (plan_food in agree.c).
 */
#include "planner/sheets/sheets.h"

#include <stdlib.h>
#include <string.h>

#include "planner/sheets/kitchen.h"
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

void plan_late_banner(struct sheet *s, const struct day_plan *plan,
		      enum lang lang)
{
	if (!plan->late_trips)
		return;
	struct kitchen_trip *kt = plan_kitchen_trips(plan);
	struct kitchen_trip_food *food = plan_trip_food(plan);
	kitchen_late_banner(s, lang, plan->sv, &plan->kitchen, kt, food,
			    plan->ntrips);
	free(kt);
	free(food);
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
	struct kitchen_trip *kt = plan_kitchen_trips(plan);
	struct kitchen_trip_food *food = plan_trip_food(plan);
	kitchen_late_line(lang, &kt[i], &food[i], &line);
	free(kt);
	free(food);
	/* The equipment of the batches that end after the trip loads. */
	bool *named = xcalloc((size_t)sv->nequipment + 1, sizeof(bool));
	struct strbuf name = STRBUF_INIT;
	int n = 0;
	for (int b = 0; b < ks->nbatches; b++) {
		const struct batch *bt = &ks->batches[b];
		bool feeds = false;
		for (int f = 0; f < bt->nfeeds && !feeds; f++)
			feeds = bt->feeds[f].trip == i;
		if (!feeds || !kitchen_late_min(bt->end, t->load_start) ||
		    named[bt->equipment])
			continue;
		named[bt->equipment] = true;
		strbuf_addf(&line, "%s%s", n++ ? ", " : "; ",
			    lang_pick(lang, sv->equipment[bt->equipment].name,
				      sv->equipment[bt->equipment].name_en,
				      &name));
	}
	free(named);
	strbuf_release(&name);
	sheet_text(s, SHEET_BOLD | SHEET_LARGE, "warn", "%s",
		   label(lang, L_FOOD_LATE_TRIP));
	sheet_text(s, SHEET_BOLD, "warn", "%s", line.buf);
	strbuf_release(&line);
}
