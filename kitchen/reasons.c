/*
 * Why trips are late, where the window model's relaxation shows it: for
 * each kind of equipment, all its rows together, whether it can cook for
 * every trip in time in any order (when the relaxation has no answer, no
 * schedule has); if it cannot, the first trips in loading order it cannot
 * cook for (a binary search: more trips only ask more); the kitchen's
 * cooks, when they are what falls short; or a trip whose window holds no
 * slot for a batch at all. The relaxation charges the cleaning after every
 * batch that does not continue one of the same dish, as every schedule
 * here does.
 */
#include "kitchen/schedule_internal.h"

#include <stdlib.h>
#include <string.h>

#include "util/timefmt.h"
#include "util/xalloc.h"

static void add_short(struct kitchen_schedule *ks,
		      const struct kitchen_shortfall *s)
{
	ks->shorts = xreallocarray(ks->shorts, (size_t)ks->nshort + 1,
				   sizeof(*ks->shorts));
	ks->shorts[ks->nshort++] = *s;
}

/* The rows of e's kind in words: "NAME (2 units, 20 min a batch and 5 to
 * clean)", several joined with " and ", each described or named only. */
static void kind_rows(const struct service *sv, int e, bool described,
		      const char *join, struct strbuf *out)
{
	const char *kind = sv->equipment[e].kind;
	int n = 0;
	for (int f = 0; f < sv->nequipment; f++) {
		const struct equipment *q = &sv->equipment[f];
		if (strcmp(q->kind, kind) != 0)
			continue;
		strbuf_addf(out, "%s%s", n++ ? join : "",
			    q->name_en && *q->name_en ? q->name_en : q->name);
		if (described)
			strbuf_addf(out, " (%d unit%s, %d min a batch and %d to "
				    "clean)", q->units, q->units == 1 ? "" : "s",
				    q->batch_minutes, q->cleaning_minutes);
	}
}

void kitchen_shortfall_text(const struct service *sv,
			    const struct kitchen_trip *trips,
			    const struct kitchen_shortfall *s,
			    struct strbuf *out)
{
	const struct kitchen_trip *t = &trips[s->trip];
	char at[16];
	clock_format((int)t->load_start, at);
	strbuf_addstr(out, "kitchen: ");
	if (s->what == SHORT_NO_SLOT) {
		double limit = t->food_limit_s > 0
			? t->food_limit_s : sv->kitchen.food_limit_min * 60.0;
		char lo[16], opens[16];
		clock_format((int)(t->last_start - limit), lo);
		clock_format(sv->kitchen.opens, opens);
		strbuf_addstr(out, "no batch on ");
		kind_rows(sv, s->equipment, false, " or ", out);
		strbuf_addf(out, " can end between %s (the last delivery less "
			    "the food limit) and %s (loading) for trip %d, "
			    "starting on 5-minute slots from the kitchen's "
			    "opening at %s", lo, at, t->id, opens);
		if (s->ntrips > 1)
			strbuf_addf(out, "; nor for %d more trip%s",
				    s->ntrips - 1, s->ntrips == 2 ? "" : "s");
		return;
	}
	if (s->what == SHORT_COOKS)
		strbuf_addf(out, "with %d cook%s at a time, ", s->cooks,
			    s->cooks == 1 ? "" : "s");
	kind_rows(sv, s->equipment, true, " and ", out);
	strbuf_addstr(out, " cannot cook its dishes within their food limits, "
		      "in any order, for ");
	if (s->ntrips == 1)
		strbuf_addf(out, "trip %d (loading at %s)", t->id, at);
	else
		strbuf_addf(out, "the first %d trips in loading order (the last "
			    "loading at %s)", s->ntrips, at);
}

/* Whether some trip takes a dish of kind g. */
static bool kind_used(const struct kctx *c, int g)
{
	for (int i = 0; i < c->d->ndishes; i++)
		if (c->kind[i] == g)
			return true;
	return false;
}

/* The first trip, in loading order, that no batch of kind g can feed on
 * time, and how many such trips there are. */
static void no_slot(const struct kctx *c, int g, struct kitchen_shortfall *s)
{
	*s = (struct kitchen_shortfall){ SHORT_NO_SLOT,
					 c->krows[c->kind_first[g]], 0, 0, -1 };
	for (int n = 0; n < c->ntrips; n++) {
		int t = c->by_load[n];
		bool needs = false, slot = false;
		for (int i = 0; i < c->d->ndishes && !needs; i++)
			needs = c->kind[i] == g && c->d->dishes[i].per_trip[t] > 0;
		for (int r = c->kind_first[g]; needs && r < c->kind_first[g + 1];
		     r++) {
			int a, b;
			trip_slots(c, c->krows[r], t, &a, &b);
			slot = slot || b >= a;
		}
		if (!needs || slot)
			continue;
		if (s->trip < 0)
			s->trip = t;
		s->ntrips++;
	}
}

void late_reasons(const struct kctx *c, const struct kitchen_budget *b,
		  struct kitchen_schedule *ks)
{
	int nt = c->ntrips, cooks = c->sv->kitchen.cooks_per_slot;
	bool *use = xcalloc((size_t)nt + 1, sizeof(bool));
	for (int g = 0; g < c->nkinds; g++) {
		if (!kind_used(c, g))
			continue;
		if (mr_cap_reached(b->cap, "kitchen reasons"))
			break;
		struct kitchen_shortfall s;
		enum relaxed r = window_relaxed(c, NULL, g, 0, b);
		if (r == RELAXED_EMPTY) {
			no_slot(c, g, &s);
		} else {
			/* The cooks, when the equipment alone could. */
			int with = 0;
			if (r == RELAXED_OK && cooks > 0 &&
			    window_relaxed(c, NULL, g, cooks, b) == RELAXED_NO)
				with = cooks;
			else if (r != RELAXED_NO)
				continue;
			int lo = 1, hi = nt;
			while (lo < hi) {
				int mid = (lo + hi) / 2;
				for (int n = 0; n < nt; n++)
					use[c->by_load[n]] = n < mid;
				if (window_relaxed(c, use, g, with, b) == RELAXED_NO)
					hi = mid;
				else
					lo = mid + 1;
			}
			s = (struct kitchen_shortfall){
				with ? SHORT_COOKS : SHORT_EQUIPMENT,
				c->krows[c->kind_first[g]], with, lo,
				c->by_load[lo - 1] };
		}
		if (s.trip < 0)
			continue;
		add_short(ks, &s);
		kitchen_shortfall_text(c->sv, c->trips, &s, &ks->problems);
		strbuf_addch(&ks->problems, '\n');
	}
	free(use);
}
