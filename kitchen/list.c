/*
 * The list schedule: quick, always there, the models' first answer, and
 * (as the kitchen's pace) what the router asks many times a second.
 *
 * First the batches, dish by dish, as few as their trips' windows allow
 * (interval stabbing): the trip that loads first and is not fed yet gets a
 * batch ending at its loading (on the slots of the kind's first row), and
 * that batch also takes the next trips, in loading order, whose food
 * limit lets it be cooked that early, up to the kind's largest batch.
 * Each batch must then end between the latest food limit and the first
 * loading of its trips.
 * Then the units, kind by kind and slot by slot, forwards: a unit free to
 * start takes, of the batches whose window it can reach, the one whose
 * window closes first (earliest deadline), one that goes on with its
 * unit's last dish without cleaning on a tie; the smallest free units
 * choose first, so small batches go to small pots and the bulk to the
 * large ones. A batch that cannot end in its window ends late, and so is
 * its trips' food. Then, latest first, each run of batches on a unit moves
 * as late as its trips, the next run on the unit and the cooks allow, so
 * food is as fresh as it can be. No portion is ever left out: the
 * schedule runs past its horizon when it must.
 */
#include "kitchen/schedule_internal.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#define EPS 1e-6
#define UNUSED (INT_MIN / 2)

struct unit_run {
	int cook_end, busy_end;   /* slots its last batch stops cooking, and
				   * would be cleaned by */
	int line;                 /* that batch's dish line, -1: none */
};

/* A batch before it has a unit: what it feeds and when it may end. */
struct job {
	int line;
	int portions;
	double a, b;              /* end from a (food limit) to b (loading) */
	int feed0, nfeeds;        /* its feeds in lwork.feeds */
	int slot;                 /* start slot once placed, else -1 */
};

/* Buffers of a list schedule, kept between runs by the pace. */
struct lwork {
	int *left;                /* per trip: portions of a line left */
	struct job *jobs;
	int njobs, alloc_jobs;
	struct batch_feed *feeds;
	int nfeeds, alloc_feeds;
	int *kind_open;           /* per kind: jobs not placed yet */
	int open;                 /* all of them */
	int *units;               /* units in the order they choose */
	struct unit_run *unit;
	int *cooks;               /* per slot: cooks busy */
	int ncooks;               /* slots cooks[] holds */
	double *ready;            /* per trip: its last batch's end */
	int alloc_trips, alloc_units, alloc_kinds;
};

static void lwork_size(struct lwork *w, const struct kctx *c)
{
	int nt = c->ntrips;
	if (nt > w->alloc_trips) {
		w->alloc_trips = 2 * nt;
		w->left = xreallocarray(w->left, (size_t)w->alloc_trips + 1,
					sizeof(int));
		w->ready = xreallocarray(w->ready, (size_t)w->alloc_trips + 1,
					 sizeof(double));
	}
	if (c->nunits > w->alloc_units) {
		w->alloc_units = c->nunits;
		w->unit = xreallocarray(w->unit, (size_t)w->alloc_units + 1,
					sizeof(*w->unit));
		w->units = xreallocarray(w->units, (size_t)w->alloc_units + 1,
					 sizeof(int));
	}
	if (c->nkinds > w->alloc_kinds) {
		w->alloc_kinds = c->nkinds;
		w->kind_open = xreallocarray(w->kind_open,
					     (size_t)w->alloc_kinds + 1,
					     sizeof(int));
	}
}

static void lwork_release(struct lwork *w)
{
	free(w->left);
	free(w->jobs);
	free(w->feeds);
	free(w->kind_open);
	free(w->units);
	free(w->unit);
	free(w->cooks);
	free(w->ready);
	memset(w, 0, sizeof(*w));
}

/* Makes cooks[] hold slots up to n, zeroing the new ones. */
static void cooks_reach(struct lwork *w, int n)
{
	if (n <= w->ncooks)
		return;
	int grow = n > 2 * w->ncooks ? n : 2 * w->ncooks;
	w->cooks = xreallocarray(w->cooks, (size_t)grow + 1, sizeof(int));
	memset(w->cooks + w->ncooks, 0,
	       sizeof(int) * ((size_t)grow + 1 - (size_t)w->ncooks));
	w->ncooks = grow;
}

/* Whether the cooks allow a batch on row e in slot k; a continuation
 * frees the cleaning slots of the batch it follows (up to busy_end). */
static bool cooks_fit(const struct kctx *c, const struct lwork *w, int e,
		      int k, bool cont, int busy_end)
{
	int limit = c->sv->kitchen.cooks_per_slot;
	int need = c->sv->equipment[e].cooks_per_batch;
	if (limit <= 0 || need <= 0)
		return true;
	int freed = cont ? busy_end : k;
	for (int j = k; j < k + c->row[e].busy; j++)
		if (w->cooks[j] + (j < freed ? 0 : need) > limit)
			return false;
	return true;
}

static void cooks_add(const struct kctx *c, struct lwork *w, int e, int from,
		      int to, int sign)
{
	int need = c->sv->equipment[e].cooks_per_batch;
	if (c->sv->kitchen.cooks_per_slot <= 0 || need <= 0)
		return;
	for (int j = from; j < to; j++)
		w->cooks[j] += sign * need;
}

/* The largest batch of kind g, and its first row. */
static int kind_size(const struct kctx *c, int g)
{
	int size = 0;
	for (int r = c->kind_first[g]; r < c->kind_first[g + 1]; r++) {
		int s = c->sv->equipment[c->krows[r]].batch_portions;
		size = s > size ? s : size;
	}
	return size;
}

static struct job *new_job(struct lwork *w, int line, double b)
{
	ALLOC_GROW(w->jobs, w->njobs + 1, w->alloc_jobs);
	struct job *j = &w->jobs[w->njobs++];
	*j = (struct job){ line, 0, -INFINITY, b, w->nfeeds, 0, -1 };
	return j;
}

static void job_feed(struct lwork *w, struct job *j, int t, int portions)
{
	ALLOC_GROW(w->feeds, w->nfeeds + 1, w->alloc_feeds);
	w->feeds[w->nfeeds++] = (struct batch_feed){ t, portions };
	j->nfeeds++;
	j->portions += portions;
}

/* The batches of dish line i, as few as the trips' windows allow while
 * each window stays wide (see above). */
static void form_batches(const struct kctx *c, struct lwork *w, int i,
			 double wide)
{
	int g = c->kind[i], nt = c->ntrips;
	int e0 = c->krows[c->kind_first[g]], size = kind_size(c, g);
	const int *q = c->d->dishes[i].per_trip;
	for (int t = 0; t < nt; t++)
		w->left[t] = q[t];
	for (int n = 0; n < nt; n++) {
		int t = c->by_load[n];
		while (w->left[t] > 0) {
			/* The latest end on the first row's slots by t's
			 * loading, or its loading when the slots miss t. */
			double end = slot_end(c, e0, slot_ending_by(c, e0,
								    c->hi[t]));
			if (end < c->lo[t] - EPS)
				end = c->hi[t];
			struct job *j = new_job(w, i, c->hi[t]);
			double open = fmin(end, fmax(c->lo[t], end - wide));
			for (int m = n; m < nt && j->portions < size; m++) {
				int u = c->by_load[m];
				if (w->left[u] <= 0 || (u != t &&
							c->lo[u] > open + EPS))
					continue;
				int take = size - j->portions < w->left[u]
					? size - j->portions : w->left[u];
				job_feed(w, j, u, take);
				w->left[u] -= take;
				j->a = fmax(j->a, c->lo[u]);
			}
		}
	}
}

/* Whether job n may start on unit ur in slot k: free of cooking and
 * cleaning, or going on with the same dish. */
static bool unit_takes(const struct kctx *c, const struct job *j, int e,
		       const struct unit_run *ur, int k, bool *follows)
{
	*follows = row_follows(&c->row[e], ur->line, ur->cook_end, j->line, k);
	return *follows || ur->busy_end <= k;
}

/*
 * The job unit ur (of row e) should start in slot k: of the jobs of kind
 * g not placed and that fit its batch, one that it can end no earlier
 * than its window opens and whose window closes first, one that continues
 * the unit's dish on a tie. -1 when none.
 */
static int choose_job(const struct kctx *c, struct lwork *w, int g, int e,
		      const struct unit_run *ur, int k, bool *cont)
{
	int size = c->sv->equipment[e].batch_portions, best = -1;
	double end = slot_end(c, e, k);
	bool best_cont = false, follows;
	for (int n = 0; n < w->njobs; n++) {
		const struct job *j = &w->jobs[n];
		if (j->slot >= 0 || c->kind[j->line] != g || j->portions > size ||
		    j->a > end + EPS || !unit_takes(c, j, e, ur, k, &follows))
			continue;
		if (best >= 0 && (j->b > w->jobs[best].b ||
				  (j->b == w->jobs[best].b &&
				   (best_cont || !follows))))
			continue;
		if (!cooks_fit(c, w, e, k, follows, ur->busy_end))
			continue;
		best = n;
		best_cont = follows;
	}
	*cont = best_cont;
	return best;
}

/* Starts job n on unit u (of row e) in slot k. */
static void place(const struct kctx *c, struct lwork *w, int n, int e, int u,
		  int k, bool cont, struct draft *dr)
{
	const struct krow *r = &c->row[e];
	struct unit_run *ur = &w->unit[u];
	struct job *j = &w->jobs[n];
	if (cont)
		cooks_add(c, w, e, k, ur->busy_end, -1);
	cooks_add(c, w, e, k, k + r->busy, 1);
	*ur = (struct unit_run){ k + r->cook, k + r->busy, j->line };
	j->slot = k;
	w->kind_open[c->kind[j->line]]--;
	w->open--;
	double end = slot_end(c, e, k);
	struct batch *b = NULL;
	if (dr) {
		b = draft_batch(c, dr, j->line, e, k, cont);
		b->unit = u - c->unit0[e] + 1;
	}
	for (int f = j->feed0; f < j->feed0 + j->nfeeds; f++) {
		int t = w->feeds[f].trip;
		if (w->feeds[f].portions <= 0)
			continue;
		w->ready[t] = fmax(w->ready[t], end);
		if (b)
			draft_feed(c, b, t, w->feeds[f].portions);
	}
}

static const struct kctx *sort_c;

static int by_size(const void *x, const void *y)
{
	const struct kctx *c = sort_c;
	int a = *(const int *)x, b = *(const int *)y;
	int sa = c->sv->equipment[c->row_of_unit[a]].batch_portions;
	int sb = c->sv->equipment[c->row_of_unit[b]].batch_portions;
	if (sa != sb)
		return sa < sb ? -1 : 1;
	return (a > b) - (a < b);
}

/* The first slot in which any batch can start to end in its window. */
static int first_slot(const struct kctx *c, const struct lwork *w)
{
	int k0 = INT_MAX;
	for (int n = 0; n < w->njobs; n++) {
		int g = c->kind[w->jobs[n].line];
		for (int r = c->kind_first[g]; r < c->kind_first[g + 1]; r++) {
			int k = slot_ending_from(c, c->krows[r], w->jobs[n].a);
			k0 = k < k0 ? k : k0;
		}
	}
	return k0 < 0 ? 0 : k0 == INT_MAX ? 0 : k0;
}

/* Runs the list schedule; batches go to dr when not NULL, the trips'
 * ready times to w->ready either way. */
static void list_run(const struct kctx *c, struct lwork *w, struct draft *dr)
{
	lwork_size(w, c);
	w->njobs = w->nfeeds = 0;
	for (int i = 0; i < c->d->ndishes; i++)
		if (c->kind[i] >= 0) {
			int e0 = c->krows[c->kind_first[c->kind[i]]];
			form_batches(c, w, i, c->row[e0].busy * KITCHEN_SLOT_S);
		}
	memset(w->kind_open, 0, sizeof(int) * (size_t)c->nkinds);
	for (int n = 0; n < w->njobs; n++)
		w->kind_open[c->kind[w->jobs[n].line]]++;
	for (int t = 0; t < c->ntrips; t++)
		w->ready[t] = -1;
	for (int u = 0; u < c->nunits; u++) {
		w->unit[u] = (struct unit_run){ UNUSED, UNUSED, -1 };
		w->units[u] = u;
	}
	sort_c = c;
	qsort(w->units, (size_t)c->nunits, sizeof(int), by_size);
	int most = 1;
	for (int e = 0; e < c->sv->nequipment; e++)
		most = c->row[e].busy > most ? c->row[e].busy : most;
	cooks_reach(w, c->nslots + most);
	memset(w->cooks, 0, sizeof(int) * ((size_t)w->ncooks + 1));
	w->open = w->njobs;
	/* Past twenty horizons only data no kitchen has could bring it. */
	for (int k = first_slot(c, w); w->open > 0 && k < 20 * c->nslots; k++) {
		cooks_reach(w, k + most + 1);
		for (int m = 0; m < c->nunits; m++) {
			int u = w->units[m], e = c->row_of_unit[u];
			int g = c->kind_of_row[e];
			if (!w->kind_open[g])
				continue;
			bool cont;
			int n = choose_job(c, w, g, e, &w->unit[u], k, &cont);
			if (n < 0)
				continue;
			place(c, w, n, e, u, k, cont, dr);
		}
	}
}

/* A run of batches on one unit, each continuing the one before. */
struct run {
	int first, n;     /* positions in the order by unit and slot */
	int e, slot, len; /* its row, start slot, slots from the start of
			   * its first batch to the end of its last's cooking */
	int next;         /* the next run on the unit, -1 */
};

static const struct draft *order_draft;

static int by_unit(const void *a, const void *b)
{
	const struct batch *x = &order_draft->ks->batches[*(const int *)a];
	const struct batch *y = &order_draft->ks->batches[*(const int *)b];
	if (x->equipment != y->equipment)
		return x->equipment - y->equipment;
	if (x->unit != y->unit)
		return x->unit - y->unit;
	return order_draft->slot[*(const int *)a] -
	       order_draft->slot[*(const int *)b];
}

static const struct run *sort_runs;

static int by_start_desc(const void *a, const void *b)
{
	const struct run *x = &sort_runs[*(const int *)a];
	const struct run *y = &sort_runs[*(const int *)b];
	if (x->slot != y->slot)
		return y->slot - x->slot;
	return y->first - x->first;
}

/* Whether the cooks allow run ru (and the cleaning after it) at slot s,
 * its own cooks already taken off. */
static bool run_fits(const struct kctx *c, const struct lwork *w,
		     const struct run *ru, int s)
{
	int limit = c->sv->kitchen.cooks_per_slot;
	int need = c->sv->equipment[ru->e].cooks_per_batch;
	const struct krow *r = &c->row[ru->e];
	if (limit <= 0 || need <= 0)
		return true;
	for (int j = s; j < s + ru->len + r->busy - r->cook; j++)
		if (w->cooks[j] + need > limit)
			return false;
	return true;
}

/* Moves each run on its unit as late as its trips, the next run on the
 * unit and the cooks allow, latest first. */
static void right_justify(const struct kctx *c, struct lwork *w,
			  struct draft *dr)
{
	int nb = dr->ks->nbatches;
	int *order = xmalloc(sizeof(int) * ((size_t)nb + 1));
	struct run *runs = xcalloc((size_t)nb + 1, sizeof(*runs));
	int *by_start = xmalloc(sizeof(int) * ((size_t)nb + 1));
	int nruns = 0;
	for (int b = 0; b < nb; b++)
		order[b] = b;
	order_draft = dr;
	qsort(order, (size_t)nb, sizeof(int), by_unit);
	for (int n = 0; n < nb; n++) {
		int b = order[n];
		const struct batch *bt = &dr->ks->batches[b];
		struct run *last = nruns ? &runs[nruns - 1] : NULL;
		bool same_unit = last && n > 0 &&
			dr->ks->batches[order[n - 1]].equipment == bt->equipment &&
			dr->ks->batches[order[n - 1]].unit == bt->unit;
		if (same_unit && dr->cont[b]) {
			last->n++;
			last->len = dr->slot[b] + c->row[bt->equipment].cook -
				    last->slot;
			continue;
		}
		if (same_unit)
			last->next = nruns;
		runs[nruns] = (struct run){ n, 1, bt->equipment, dr->slot[b],
					    c->row[bt->equipment].cook, -1 };
		by_start[nruns] = nruns;
		nruns++;
	}
	sort_runs = runs;
	qsort(by_start, (size_t)nruns, sizeof(int), by_start_desc);
	for (int q = 0; q < nruns; q++) {
		struct run *ru = &runs[by_start[q]];
		const struct krow *r = &c->row[ru->e];
		int clean = r->busy - r->cook;
		int latest = ru->next >= 0
			? runs[ru->next].slot - ru->len - clean
			: c->nslots - ru->len - clean;
		for (int m = ru->first; m < ru->first + ru->n; m++) {
			int b = order[m], off = dr->slot[b] - ru->slot;
			const struct batch *bt = &dr->ks->batches[b];
			if (slot_end(c, ru->e, dr->slot[b]) > bt->hi + EPS)
				latest = ru->slot; /* late already: stays */
			else if (slot_ending_by(c, ru->e, bt->hi) - off < latest)
				latest = slot_ending_by(c, ru->e, bt->hi) - off;
		}
		if (latest <= ru->slot)
			continue;
		int span = ru->len + clean;
		cooks_add(c, w, ru->e, ru->slot, ru->slot + span, -1);
		int s = latest;
		while (s > ru->slot && !run_fits(c, w, ru, s))
			s--;
		cooks_add(c, w, ru->e, s, s + span, 1);
		for (int m = ru->first; m < ru->first + ru->n; m++)
			dr->slot[order[m]] += s - ru->slot;
		ru->slot = s;
	}
	free(order);
	free(runs);
	free(by_start);
}

void list_schedule(const struct kctx *c, struct draft *dr)
{
	struct lwork w = { 0 };
	list_run(c, &w, dr);
	right_justify(c, &w, dr);
	lwork_release(&w);
}

/* --- the kitchen's pace ------------------------------------------------- */

struct kitchen_pace {
	const struct service *sv;
	struct kitchen_demand d;   /* a line per dish on the menu */
	int alloc;                 /* trips per_trip[] holds */
	struct kctx c;
	struct lwork w;
};

struct kitchen_pace *kitchen_pace_new(const struct service *sv)
{
	struct kitchen_pace *kp = xcalloc(1, sizeof(*kp));
	kp->sv = sv;
	kp->d.dishes = xcalloc((size_t)sv->ndishes + 1, sizeof(*kp->d.dishes));
	/* The dishes on the menu, in the order of the dishes, as
	 * kitchen_demand_make has them. */
	for (int dish = 0; dish < sv->ndishes; dish++) {
		bool on_menu = false;
		for (int m = 0; m < sv->nmenu && !on_menu; m++)
			on_menu = sv->menu[m].diet >= 0 && sv->menu[m].dish == dish;
		if (on_menu)
			kp->d.dishes[kp->d.ndishes++].dish = dish;
	}
	kctx_init(&kp->c, sv, &kp->d, NULL, 0, NULL);
	return kp;
}

long kitchen_pace_late(struct kitchen_pace *kp,
		       const struct kitchen_trip *trips, int ntrips)
{
	const struct service *sv = kp->sv;
	struct kctx *c = &kp->c;
	if (ntrips > kp->alloc) {
		kp->alloc = 2 * ntrips;
		for (int i = 0; i < kp->d.ndishes; i++)
			kp->d.dishes[i].per_trip = xreallocarray(
				kp->d.dishes[i].per_trip, (size_t)kp->alloc,
				sizeof(int));
		c->by_load = xreallocarray(c->by_load, (size_t)kp->alloc,
					   sizeof(int));
		c->lo = xreallocarray(c->lo, (size_t)kp->alloc, sizeof(double));
		c->hi = xreallocarray(c->hi, (size_t)kp->alloc, sizeof(double));
	}
	for (int i = 0; i < kp->d.ndishes; i++)
		memset(kp->d.dishes[i].per_trip, 0, sizeof(int) * (size_t)ntrips);
	for (int m = 0; m < sv->nmenu; m++) {
		const struct menu_line *ml = &sv->menu[m];
		if (ml->diet < 0)
			continue;
		int i = 0;
		while (kp->d.dishes[i].dish != ml->dish)
			i++;
		for (int t = 0; t < ntrips; t++)
			kp->d.dishes[i].per_trip[t] += trips[t].diet_boxes[ml->diet];
	}
	c->trips = trips;
	c->ntrips = ntrips;
	kctx_trips(c);
	list_run(c, &kp->w, NULL);
	long late = 0;
	for (int t = 0; t < ntrips; t++)
		late += kitchen_late_min(kp->w.ready[t], trips[t].load_start);
	return late;
}

void kitchen_pace_free(struct kitchen_pace *kp)
{
	if (!kp)
		return;
	for (int i = 0; i < kp->d.ndishes; i++)
		free(kp->d.dishes[i].per_trip);
	free(kp->d.dishes);
	kctx_release(&kp->c);
	lwork_release(&kp->w);
	free(kp);
}
