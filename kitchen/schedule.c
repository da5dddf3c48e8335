/*
 * Batch cooking (see schedule.h and schedule_internal.h): what the
 * schedules work from, drafts of batches and their units, and the order
 * in which the list schedule and the models are tried.
 */
#include "kitchen/schedule_internal.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/timefmt.h"
#include "util/xalloc.h"

/* The flow model, when the window model has no answer, up to this
 * many columns: larger ones take seconds for their first LP. */
#define MAX_FLOW_COLUMNS 10000
/* Room to be late in, after the last loading. */
#define HORIZON_AFTER_S (4 * 3600.0)

void kitchen_dish_diets(const struct service *sv, int dish, struct strbuf *out)
{
	for (int m = 0; m < sv->nmenu; m++)
		if (sv->menu[m].dish == dish && sv->menu[m].diet >= 0)
			strbuf_addf(out, "%s%s", out->len ? "+" : "",
				    sv->diets[sv->menu[m].diet].code);
}

int slot_ending_from(const struct kctx *c, int e, double when)
{
	return (int)ceil((when - c->row[e].cook_s - c->opens) / KITCHEN_SLOT_S -
			 1e-9);
}

int slot_ending_by(const struct kctx *c, int e, double when)
{
	return (int)floor((when - c->row[e].cook_s - c->opens) / KITCHEN_SLOT_S +
			  1e-9);
}

void trip_slots(const struct kctx *c, int e, int t, int *a, int *b)
{
	int first = slot_ending_from(c, e, c->lo[t]);
	int last = slot_ending_by(c, e, c->hi[t]);
	int top = c->nslots - c->row[e].busy;
	*a = first > 0 ? first : 0;
	*b = last < top ? last : top;
}

int dish_line(const struct kctx *c, int dish)
{
	int i = 0;
	while (i < c->d->ndishes && c->d->dishes[i].dish != dish)
		i++;
	return i;
}

static const struct kctx *sort_ctx;

static int by_loading(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	double lx = sort_ctx->hi[x], ly = sort_ctx->hi[y];
	if (lx != ly)
		return lx < ly ? -1 : 1;
	return (x > y) - (x < y);
}

void kctx_trips(struct kctx *c)
{
	double horizon = c->opens;
	for (int t = 0; t < c->ntrips; t++) {
		const struct kitchen_trip *kt = &c->trips[t];
		double limit = kt->food_limit_s > 0
			? kt->food_limit_s : c->sv->kitchen.food_limit_min * 60.0;
		c->lo[t] = kt->last_start - limit;
		c->hi[t] = kt->load_start;
		horizon = fmax(horizon, kt->load_start);
		c->by_load[t] = t;
	}
	sort_ctx = c;
	qsort(c->by_load, (size_t)c->ntrips, sizeof(int), by_loading);
	int busy = 0;
	for (int e = 0; e < c->sv->nequipment; e++)
		busy = c->row[e].busy > busy ? c->row[e].busy : busy;
	/* Room after the last loading for a batch and its cleaning. */
	c->nslots = (int)ceil((horizon + HORIZON_AFTER_S - c->opens) /
			      KITCHEN_SLOT_S) + 1 + busy;
}

void kctx_init(struct kctx *c, const struct service *sv,
	       const struct kitchen_demand *demand,
	       const struct kitchen_trip *trips, int ntrips,
	       struct strbuf *problems)
{
	int ne = sv->nequipment, nd = demand->ndishes;
	*c = (struct kctx){ .sv = sv, .d = demand, .trips = trips,
			    .ntrips = ntrips, .opens = sv->kitchen.opens };
	c->row = xcalloc((size_t)ne + 1, sizeof(*c->row));
	c->unit0 = xcalloc((size_t)ne + 1, sizeof(int));
	c->kind_first = xcalloc((size_t)ne + 2, sizeof(int));
	c->krows = xcalloc((size_t)ne + 1, sizeof(int));
	int *kind_of = xcalloc((size_t)ne + 1, sizeof(int));
	for (int e = 0; e < ne; e++) {
		const struct equipment *q = &sv->equipment[e];
		struct krow *r = &c->row[e];
		r->cook = (int)ceil(q->batch_minutes * 60.0 / KITCHEN_SLOT_S);
		r->busy = (int)ceil((q->batch_minutes + q->cleaning_minutes) *
				    60.0 / KITCHEN_SLOT_S);
		r->cook_s = q->batch_minutes * 60.0;
		r->saves_clean = r->busy > r->cook && !q->clean_between_same;
		c->unit0[e] = c->nunits;
		c->nunits += q->units;
		/* Kinds in the order they first appear. */
		kind_of[e] = c->nkinds;
		for (int f = 0; f < e; f++)
			if (!strcmp(sv->equipment[f].kind, q->kind)) {
				kind_of[e] = kind_of[f];
				break;
			}
		if (kind_of[e] == c->nkinds)
			c->nkinds++;
	}
	for (int g = 0, n = 0; g < c->nkinds; g++) {
		c->kind_first[g] = n;
		for (int e = 0; e < ne; e++)
			if (kind_of[e] == g)
				c->krows[n++] = e;
		c->kind_first[g + 1] = n;
	}
	c->kind = xcalloc((size_t)nd + 1, sizeof(int));
	for (int i = 0; i < nd; i++) {
		const struct dish *dish = &sv->dishes[demand->dishes[i].dish];
		c->kind[i] = -1;
		for (int e = 0; e < ne && c->kind[i] < 0; e++)
			if (!strcmp(sv->equipment[e].kind, dish->equipment_kind))
				c->kind[i] = kind_of[e];
		if (c->kind[i] < 0 && problems)
			strbuf_addf(problems, "dish %s needs equipment of kind "
				    "'%s', and the kitchen has none\n", dish->id,
				    dish->equipment_kind);
	}
	c->kind_of_row = kind_of;
	c->row_of_unit = xcalloc((size_t)c->nunits + 1, sizeof(int));
	for (int e = 0; e < ne; e++)
		for (int u = 0; u < sv->equipment[e].units; u++)
			c->row_of_unit[c->unit0[e] + u] = e;
	c->by_load = xcalloc((size_t)ntrips + 1, sizeof(int));
	c->lo = xcalloc((size_t)ntrips + 1, sizeof(double));
	c->hi = xcalloc((size_t)ntrips + 1, sizeof(double));
	kctx_trips(c);
}

void kctx_release(struct kctx *c)
{
	free(c->row);
	free(c->unit0);
	free(c->kind_first);
	free(c->krows);
	free(c->kind);
	free(c->kind_of_row);
	free(c->row_of_unit);
	free(c->by_load);
	free(c->lo);
	free(c->hi);
}

struct batch *draft_batch(const struct kctx *c, struct draft *dr, int i,
			  int e, int k, bool cont)
{
	struct kitchen_schedule *ks = dr->ks;
	ALLOC_GROW(ks->batches, ks->nbatches + 1, dr->alloc);
	if (ks->nbatches + 1 > dr->salloc) {
		dr->salloc = dr->alloc;
		dr->slot = xreallocarray(dr->slot, (size_t)dr->salloc,
					 sizeof(int));
		dr->cont = xreallocarray(dr->cont, (size_t)dr->salloc,
					 sizeof(bool));
	}
	dr->slot[ks->nbatches] = k;
	dr->cont[ks->nbatches] = cont;
	struct batch *b = &ks->batches[ks->nbatches++];
	*b = (struct batch){ .dish = c->d->dishes[i].dish, .equipment = e,
			     .lo = -1e18, .hi = 1e18 };
	return b;
}

void draft_feed(const struct kctx *c, struct batch *b, int t, int portions)
{
	b->feeds = xreallocarray(b->feeds, (size_t)b->nfeeds + 1,
				 sizeof(*b->feeds));
	b->feeds[b->nfeeds++] = (struct batch_feed){ t, portions };
	b->portions += portions;
	b->lo = fmax(b->lo, c->lo[t]);
	b->hi = fmin(b->hi, c->hi[t]);
}

void draft_release(struct draft *dr)
{
	struct kitchen_schedule *ks = dr->ks;
	for (int b = 0; ks && b < ks->nbatches; b++)
		free(ks->batches[b].feeds);
	if (ks) {
		free(ks->batches);
		ks->batches = NULL;
		ks->nbatches = 0;
	}
	free(dr->slot);
	free(dr->cont);
	dr->slot = NULL;
	dr->cont = NULL;
	dr->alloc = dr->salloc = 0;
}

void draft_finish(const struct kctx *c, struct draft *dr)
{
	struct kitchen_schedule *ks = dr->ks;
	int n = 0;
	for (int b = 0; b < ks->nbatches; b++) {
		struct batch *bt = &ks->batches[b];
		if (!bt->nfeeds) {
			free(bt->feeds);
			continue;
		}
		bt->start = c->opens + (double)dr->slot[b] * KITCHEN_SLOT_S;
		bt->end = slot_end(c, bt->equipment, dr->slot[b]);
		dr->slot[n] = dr->slot[b];
		dr->cont[n] = dr->cont[b];
		ks->batches[n++] = *bt;
	}
	ks->nbatches = n;
	for (int t = 0; t < c->ntrips; t++)
		ks->ready[t] = -1;
	for (int b = 0; b < n; b++)
		for (int f = 0; f < ks->batches[b].nfeeds; f++) {
			int t = ks->batches[b].feeds[f].trip;
			ks->ready[t] = fmax(ks->ready[t], ks->batches[b].end);
		}
}

static const struct draft *sort_draft;

static int by_slot(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	const struct draft *dr = sort_draft;
	if (dr->slot[x] != dr->slot[y])
		return dr->slot[x] < dr->slot[y] ? -1 : 1;
	if (dr->cont[x] != dr->cont[y])
		return dr->cont[x] ? -1 : 1;
	return (x > y) - (x < y);
}

bool draft_assign_units(const struct kctx *c, struct draft *dr)
{
	struct kitchen_schedule *ks = dr->ks;
	int nb = ks->nbatches;
	int *order = xmalloc(sizeof(int) * ((size_t)nb + 1));
	for (int b = 0; b < nb; b++)
		order[b] = b;
	sort_draft = dr;
	qsort(order, (size_t)nb, sizeof(int), by_slot);
	int *cook_end = xmalloc(sizeof(int) * ((size_t)c->nunits + 1));
	int *busy_end = xmalloc(sizeof(int) * ((size_t)c->nunits + 1));
	int *line = xmalloc(sizeof(int) * ((size_t)c->nunits + 1));
	for (int u = 0; u < c->nunits; u++) {
		cook_end[u] = busy_end[u] = INT_MIN;
		line[u] = -1;
	}
	bool ok = true;
	for (int n = 0; n < nb && ok; n++) {
		int b = order[n], k = dr->slot[b];
		struct batch *bt = &ks->batches[b];
		int e = bt->equipment, i = dish_line(c, bt->dish);
		const struct krow *r = &c->row[e];
		int u0 = c->unit0[e], units = c->sv->equipment[e].units;
		int pick = -1;
		/* A continuation goes on the unit of the batch it follows;
		 * any other batch on a unit free of cooking and cleaning, or
		 * on one it can follow. */
		for (int pass = dr->cont[b] ? 0 : 1; pass < 3 && pick < 0;
		     pass++)
			for (int u = u0; u < u0 + units && pick < 0; u++) {
				if (pass == 1 ? busy_end[u] <= k
					      : row_follows(r, line[u],
							    cook_end[u], i, k))
					pick = u;
			}
		if (pick < 0) {
			ok = false;
			break;
		}
		dr->cont[b] = row_follows(r, line[pick], cook_end[pick], i, k);
		bt->unit = pick - u0 + 1;
		cook_end[pick] = k + r->cook;
		busy_end[pick] = k + r->busy;
		line[pick] = i;
	}
	free(order);
	free(cook_end);
	free(busy_end);
	free(line);
	return ok;
}

/* The minutes trips are late in ks, added up; -1 when some trip does
 * not get all its portions. */
static long late_minutes(const struct kctx *c,
			 const struct kitchen_schedule *ks)
{
	long late = 0;
	for (int t = 0; t < c->ntrips; t++)
		late += kitchen_late_min(ks->ready[t], c->trips[t].load_start);
	for (int i = 0; i < c->d->ndishes; i++) {
		const struct dish_demand *dd = &c->d->dishes[i];
		int *fed = xcalloc((size_t)c->ntrips + 1, sizeof(int));
		for (int b = 0; b < ks->nbatches; b++) {
			const struct batch *bt = &ks->batches[b];
			for (int j = 0; j < bt->nfeeds && bt->dish == dd->dish; j++)
				fed[bt->feeds[j].trip] += bt->feeds[j].portions;
		}
		for (int t = 0; t < c->ntrips && late >= 0; t++)
			if (fed[t] != dd->per_trip[t])
				late = -1;
		free(fed);
	}
	return late;
}

/* Moves the batches and their slots of draft from into ks. */
static void take_draft(struct kitchen_schedule *ks, struct draft *from)
{
	struct draft old = { .ks = ks };
	draft_release(&old);
	ks->batches = from->ks->batches;
	ks->nbatches = from->ks->nbatches;
	from->ks->batches = NULL;
	from->ks->nbatches = 0;
}

/*
 * The models, started from the list schedule: the window model first,
 * whose answers are on time and which is small at any size; when it has
 * none (some trip cannot be on time), the flow model, which weighs
 * lateness, where it is small enough. Replaces the list's batches with
 * the answer when it has units for every batch and is no later. Returns
 * the model kept, or NULL.
 */
static const char *try_models(const struct kctx *c, struct draft *list,
			      const struct kitchen_budget *b,
			      struct kitchen_schedule *out)
{
	struct kitchen_schedule mks = { .ready = out->ready };
	struct draft md = { .ks = &mks };
	const char *model = "window";
	int answer = window_schedule(c, list, b, out, &md);
	if (answer <= 0 && !mr_cap_reached(b->cap, "kitchen model")) {
		model = "flow";
		answer = flow_schedule(c, list, b, MAX_FLOW_COLUMNS, out, &md);
	}
	if (answer <= 0 || !draft_assign_units(c, &md)) {
		draft_release(&md);
		return NULL;
	}
	long before = late_minutes(c, list->ks);
	draft_finish(c, &md);
	long after = late_minutes(c, &mks);
	if (after < 0 || (before >= 0 && after > before)) {
		draft_release(&md);
		draft_finish(c, list); /* ready[] as the list has it */
		return NULL;
	}
	take_draft(list->ks, &md);
	free(list->slot);
	free(list->cont);
	list->slot = md.slot;
	list->cont = md.cont;
	return model;
}

struct kitchen_budget kitchen_budget_for(int ntrips, struct mr_cap *cap)
{
	long pivots = KITCHEN_PIVOTS;
	if (ntrips > KITCHEN_TRIPS)
		pivots = pivots * KITCHEN_TRIPS / ntrips;
	return (struct kitchen_budget){ KITCHEN_NODES, pivots, cap };
}

void kitchen_schedule_make(const struct service *sv,
			   const struct kitchen_demand *demand,
			   const struct kitchen_trip *trips, int ntrips,
			   const struct kitchen_budget *budget,
			   struct kitchen_schedule *out)
{
	double t0 = mr_clock();
	memset(out, 0, sizeof(*out));
	out->gap = -1;
	out->method = "list";
	out->ready = xmalloc(sizeof(double) * ((size_t)ntrips + 1));
	for (int t = 0; t < ntrips; t++)
		out->ready[t] = -1;

	struct kctx c;
	kctx_init(&c, sv, demand, trips, ntrips, &out->problems);
	struct draft list = { .ks = out };
	list_schedule(&c, &list);
	draft_finish(&c, &list);
	if (budget && budget->nodes > 0 && out->nbatches &&
	    !mr_cap_reached(budget->cap, "kitchen model")) {
		out->model = try_models(&c, &list, budget, out);
		if (out->model) {
			out->method = "mip";
		} else {
			out->gap = -1;
			out->proved = false;
		}
	}
	free(list.slot);
	free(list.cont);
	kctx_release(&c);
	out->elapsed_s = mr_clock() - t0;
}

void kitchen_schedule_explain(const struct service *sv,
			      const struct kitchen_demand *demand,
			      const struct kitchen_trip *trips, int ntrips,
			      const struct kitchen_budget *budget,
			      struct kitchen_schedule *ks)
{
	bool late = false;
	for (int t = 0; t < ntrips; t++)
		late = late || kitchen_late_min(ks->ready[t],
						trips[t].load_start) > 0;
	if (!late)
		return;
	struct kctx c;
	kctx_init(&c, sv, demand, trips, ntrips, NULL);
	late_reasons(&c, budget, ks);
	kctx_release(&c);
}

double kitchen_trip_span(const struct service *sv,
			 const struct kitchen_demand *demand)
{
	struct kctx c;
	kctx_init(&c, sv, demand, NULL, 0, NULL);
	double most = 0;
	for (int g = 0; g < c.nkinds; g++) {
		int lines = 0, units = 0, busy = 0;
		for (int i = 0; i < demand->ndishes; i++)
			lines += c.kind[i] == g;
		for (int r = c.kind_first[g]; r < c.kind_first[g + 1]; r++) {
			int e = c.krows[r];
			units += sv->equipment[e].units;
			busy = c.row[e].busy > busy ? c.row[e].busy : busy;
		}
		if (!lines || units <= 0)
			continue;
		int rounds = (lines + units - 1) / units;
		if (rounds >= 2)
			most = fmax(most, ((rounds - 1) * busy + 1) *
					  (double)KITCHEN_SLOT_S);
	}
	kctx_release(&c);
	return most;
}

void kitchen_schedule_release(struct kitchen_schedule *ks)
{
	for (int b = 0; b < ks->nbatches; b++)
		free(ks->batches[b].feeds);
	free(ks->batches);
	free(ks->ready);
	free(ks->shorts);
	strbuf_release(&ks->problems);
	memset(ks, 0, sizeof(*ks));
}
