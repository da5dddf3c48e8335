/*
 * Batch cooking (see schedule.h).
 *
 * Batches: for each dish, the trips it feeds are taken in loading order and
 * packed into batches while the batch holds them (the unit's batch size)
 * and their end windows still overlap; a trip larger than a batch gets
 * several.
 *
 * Schedule: slot s starts cooking at opens + 5 min * s; a batch occupies
 * its unit for its cooking and cleaning minutes. Ending after hi makes a
 * trip late, which costs more than anything else; within the window,
 * every minute cooked earlier than needed costs one (food as fresh as can
 * be). Ending before lo would break the food limit and is not allowed.
 */
#include "kitchen/schedule.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/xalloc.h"

#define LATE_COST 10000.0
#define MIN_WINDOW_S (30 * 60)
/* Larger models go to the list schedule alone. */
#define MAX_MIP_COLUMNS 150000

struct work {
	const struct service *sv;
	int nslots;
	double opens;
	int *dur;          /* per batch: occupied slots (cooking + cleaning) */
	int *cook;         /* per batch: cooking slots */
	int *first, *last; /* per batch: allowed start slots */
};

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void kitchen_dish_diets(const struct service *sv, int dish, struct strbuf *out)
{
	for (int m = 0; m < sv->nmenu; m++)
		if (sv->menu[m].dish == dish && sv->menu[m].diet >= 0)
			strbuf_addf(out, "%s%s", out->len ? "+" : "",
				    sv->diets[sv->menu[m].diet].code);
}

static int equipment_for(const struct service *sv, const char *kind)
{
	for (int e = 0; e < sv->nequipment; e++)
		if (!strcmp(sv->equipment[e].kind, kind))
			return e;
	return -1;
}

static const struct kitchen_trip *sort_trips;

static int by_loading(const void *a, const void *b)
{
	double x = sort_trips[*(const int *)a].load_start;
	double y = sort_trips[*(const int *)b].load_start;
	return x < y ? -1 : x > y;
}

static struct batch *new_batch(struct kitchen_schedule *ks, int *alloc,
			       int dish, int e)
{
	ALLOC_GROW(ks->batches, ks->nbatches + 1, *alloc);
	struct batch *b = &ks->batches[ks->nbatches++];
	memset(b, 0, sizeof(*b));
	b->dish = dish;
	b->equipment = e;
	b->lo = -1e18;
	b->hi = 1e18;
	return b;
}

static void form_batches(const struct service *sv,
			 const struct kitchen_demand *d,
			 const struct kitchen_trip *trips, int ntrips,
			 struct kitchen_schedule *ks)
{
	double limit = sv->kitchen.food_limit_min * 60.0;
	int alloc = 0;
	int *order = xmalloc(sizeof(int) * ((size_t)ntrips + 1));
	for (int i = 0; i < d->ndishes; i++) {
		const struct dish_demand *dd = &d->dishes[i];
		const struct dish *dish = &sv->dishes[dd->dish];
		int e = equipment_for(sv, dish->equipment_kind);
		if (e < 0) {
			strbuf_addf(&ks->problems, "dish %s needs equipment of "
				    "kind '%s', and the kitchen has none\n",
				    dish->id, dish->equipment_kind);
			continue;
		}
		int cap = sv->equipment[e].batch_portions;
		for (int t = 0; t < ntrips; t++)
			order[t] = t;
		sort_trips = trips;
		qsort(order, (size_t)ntrips, sizeof(int), by_loading);
		struct batch *b = NULL;
		for (int k = 0; k < ntrips; k++) {
			int t = order[k];
			int left = dd->per_trip[t];
			double lo = trips[t].last_start - limit;
			double hi = trips[t].load_start;
			while (left > 0) {
				/* A new batch when this one is full, or when
				 * the trips' windows would leave it less than
				 * MIN_WINDOW_S to end in: a batch that must
				 * end within minutes crowds its equipment. */
				if (!b || b->portions == cap ||
				    fmin(b->hi, hi) - fmax(b->lo, lo) <
				    MIN_WINDOW_S)
					b = new_batch(ks, &alloc, dd->dish, e);
				int take = cap - b->portions < left
					? cap - b->portions : left;
				b->feeds = xreallocarray(b->feeds,
							 (size_t)b->nfeeds + 1,
							 sizeof(*b->feeds));
				b->feeds[b->nfeeds++] = (struct batch_feed){ t, take };
				b->portions += take;
				b->lo = fmax(b->lo, lo);
				b->hi = fmin(b->hi, hi);
				left -= take;
			}
		}
	}
	free(order);
}

static double cost_at(const struct work *w, const struct kitchen_schedule *ks,
		      int bi, int s)
{
	const struct batch *b = &ks->batches[bi];
	double end = w->opens + (double)s * KITCHEN_SLOT_S +
		     w->sv->equipment[b->equipment].batch_minutes * 60.0;
	if (end > b->hi + 1e-6)
		return LATE_COST + (end - b->hi) / 60.0 * 10.0;
	return (b->hi - end) / 60.0;
}

/* As late as fits, on the free capacity left: the fallback, and the MIP's
 * first incumbent. Fills start slots in slot_of. */
static void list_schedule(const struct work *w, struct kitchen_schedule *ks,
			  int *slot_of)
{
	const struct service *sv = w->sv;
	int nb = ks->nbatches;
	int *used = xcalloc((size_t)sv->nequipment * (size_t)w->nslots + 1,
			    sizeof(int));
	int *order = xmalloc(sizeof(int) * ((size_t)nb + 1));
	for (int i = 0; i < nb; i++)
		order[i] = i;
	/* Earliest deadline first: each takes the latest slots before its
	 * deadline, and those due later find room after it. */
	for (int i = 1; i < nb; i++)
		for (int k = i; k > 0 && ks->batches[order[k]].hi <
					 ks->batches[order[k - 1]].hi; k--) {
			int t = order[k];
			order[k] = order[k - 1];
			order[k - 1] = t;
		}
	for (int i = 0; i < nb; i++) {
		int bi = order[i];
		const struct batch *b = &ks->batches[bi];
		int e = b->equipment, units = sv->equipment[e].units;
		int best = -1;
		double best_cost = 1e300;
		for (int s = w->first[bi]; s <= w->last[bi]; s++) {
			bool free_here = true;
			for (int k = s; k < s + w->dur[bi] && free_here; k++)
				free_here = used[e * w->nslots + k] < units;
			if (!free_here)
				continue;
			double c = cost_at(w, ks, bi, s);
			if (c < best_cost) {
				best_cost = c;
				best = s;
			}
		}
		if (best < 0)
			best = w->last[bi]; /* overbooked: still a time */
		slot_of[bi] = best;
		for (int k = best; k < best + w->dur[bi]; k++)
			used[e * w->nslots + k]++;
	}
	free(used);
	free(order);
}

struct mip_cb {
	double *x;
	bool given;
	double gap;
};

static void on_tree(glp_tree *tree, void *info)
{
	struct mip_cb *cb = info;
	if (glp_ios_reason(tree) == GLP_IHEUR && !cb->given) {
		cb->given = true;
		glp_ios_heur_sol(tree, cb->x);
	}
	cb->gap = glp_ios_mip_gap(tree);
}

/* The time-indexed model; returns true when it gave an answer in
 * slot_of, and fills the gap. */
static bool mip_schedule(const struct work *w, struct kitchen_schedule *ks,
			 int *slot_of, double time_limit_s)
{
	const struct service *sv = w->sv;
	int nb = ks->nbatches;
	long ncols = 0;
	for (int b = 0; b < nb; b++)
		ncols += w->last[b] - w->first[b] + 1;
	if (ncols > MAX_MIP_COLUMNS || nb == 0)
		return false;
	glp_term_out(GLP_OFF); /* GLPK must not write on our stdout */
	glp_prob *lp = glp_create_prob();
	glp_set_obj_dir(lp, GLP_MIN);
	glp_add_rows(lp, nb);
	for (int b = 0; b < nb; b++)
		glp_set_row_bnds(lp, b + 1, GLP_FX, 1, 1);
	int cap_row0 = nb;
	glp_add_rows(lp, sv->nequipment * w->nslots);
	for (int e = 0; e < sv->nequipment; e++)
		for (int t = 0; t < w->nslots; t++)
			glp_set_row_bnds(lp, cap_row0 + e * w->nslots + t + 1,
					 GLP_UP, 0, sv->equipment[e].units);
	glp_add_cols(lp, (int)ncols);
	long nz = 0;
	for (int b = 0; b < nb; b++)
		nz += (long)(w->last[b] - w->first[b] + 1) * (1 + w->dur[b]);
	int *ia = xmalloc(sizeof(int) * ((size_t)nz + 1));
	int *ja = xmalloc(sizeof(int) * ((size_t)nz + 1));
	double *ar = xmalloc(sizeof(double) * ((size_t)nz + 1));
	double *x0 = xcalloc((size_t)ncols + 1, sizeof(double));
	int *col_batch = xmalloc(sizeof(int) * ((size_t)ncols + 1));
	int *col_slot = xmalloc(sizeof(int) * ((size_t)ncols + 1));
	int c = 0, k = 0;
	for (int b = 0; b < nb; b++) {
		int e = ks->batches[b].equipment;
		for (int s = w->first[b]; s <= w->last[b]; s++) {
			c++;
			col_batch[c] = b;
			col_slot[c] = s;
			glp_set_col_kind(lp, c, GLP_BV);
			glp_set_obj_coef(lp, c, cost_at(w, ks, b, s));
			x0[c] = slot_of[b] == s;
			k++;
			ia[k] = b + 1;
			ja[k] = c;
			ar[k] = 1;
			for (int t = s; t < s + w->dur[b] && t < w->nslots; t++) {
				k++;
				ia[k] = cap_row0 + e * w->nslots + t + 1;
				ja[k] = c;
				ar[k] = 1;
			}
		}
	}
	glp_load_matrix(lp, k, ia, ja, ar);
	double t0 = now_s();
	glp_smcp smcp;
	glp_init_smcp(&smcp);
	smcp.msg_lev = GLP_MSG_OFF;
	smcp.tm_lim = (int)fmax(500.0 * time_limit_s, 1);
	bool answered = false;
	if (glp_simplex(lp, &smcp) == 0 && glp_get_status(lp) == GLP_OPT) {
		glp_iocp iocp;
		glp_init_iocp(&iocp);
		iocp.msg_lev = GLP_MSG_OFF;
		iocp.tm_lim = (int)fmax(900.0 * (time_limit_s - (now_s() - t0)), 1);
		struct mip_cb cb = { x0, false, -1 };
		iocp.cb_func = on_tree;
		iocp.cb_info = &cb;
		int ret = glp_intopt(lp, &iocp);
		int status = glp_mip_status(lp);
		if (status == GLP_OPT || status == GLP_FEAS) {
			for (int j = 1; j <= c; j++)
				if (glp_mip_col_val(lp, j) > 0.5)
					slot_of[col_batch[j]] = col_slot[j];
			answered = true;
			ks->proved = ret == 0 && status == GLP_OPT;
			ks->gap = ks->proved ? 0 : fmax(cb.gap, 0);
		}
	}
	glp_delete_prob(lp);
	free(ia);
	free(ja);
	free(ar);
	free(x0);
	free(col_batch);
	free(col_slot);
	return answered;
}

/* Gives each batch a unit: by start, the lowest-numbered free one. */
static void assign_units(const struct work *w, struct kitchen_schedule *ks,
			 const int *slot_of)
{
	const struct service *sv = w->sv;
	int nb = ks->nbatches;
	int *order = xmalloc(sizeof(int) * ((size_t)nb + 1));
	for (int i = 0; i < nb; i++)
		order[i] = i;
	for (int i = 1; i < nb; i++)
		for (int k = i; k > 0 && slot_of[order[k]] < slot_of[order[k - 1]];
		     k--) {
			int t = order[k];
			order[k] = order[k - 1];
			order[k - 1] = t;
		}
	int **free_at = xcalloc((size_t)sv->nequipment + 1, sizeof(int *));
	for (int e = 0; e < sv->nequipment; e++)
		free_at[e] = xcalloc((size_t)sv->equipment[e].units + 1,
				     sizeof(int));
	for (int i = 0; i < nb; i++) {
		int bi = order[i];
		struct batch *b = &ks->batches[bi];
		int e = b->equipment, units = sv->equipment[e].units, pick = 0;
		for (int u = 0; u < units; u++)
			if (free_at[e][u] <= slot_of[bi]) {
				pick = u;
				break;
			} else if (free_at[e][u] < free_at[e][pick]) {
				pick = u;
			}
		b->unit = pick + 1;
		b->start = w->opens + (double)slot_of[bi] * KITCHEN_SLOT_S;
		b->end = b->start + sv->equipment[e].batch_minutes * 60.0;
		free_at[e][pick] = slot_of[bi] + w->dur[bi];
	}
	for (int e = 0; e < sv->nequipment; e++)
		free(free_at[e]);
	free(free_at);
	free(order);
}

void kitchen_schedule_make(const struct service *sv,
			   const struct kitchen_demand *demand,
			   const struct kitchen_trip *trips, int ntrips,
			   double time_limit_s, struct kitchen_schedule *out)
{
	double t0 = now_s();
	memset(out, 0, sizeof(*out));
	out->gap = -1;
	out->method = "list";
	form_batches(sv, demand, trips, ntrips, out);
	out->ready = xmalloc(sizeof(double) * ((size_t)ntrips + 1));
	for (int t = 0; t < ntrips; t++)
		out->ready[t] = -1;
	int nb = out->nbatches;
	if (nb == 0) {
		out->elapsed_s = now_s() - t0;
		return;
	}

	struct work w = { .sv = sv, .opens = sv->kitchen.opens };
	double horizon = 0;
	for (int b = 0; b < nb; b++)
		horizon = fmax(horizon, out->batches[b].hi);
	horizon += 4 * 3600.0; /* room to be late in */
	w.nslots = (int)ceil((horizon - w.opens) / KITCHEN_SLOT_S) + 1;
	if (w.nslots < 1)
		w.nslots = 1;
	w.dur = xmalloc(sizeof(int) * (size_t)nb);
	w.cook = xmalloc(sizeof(int) * (size_t)nb);
	w.first = xmalloc(sizeof(int) * (size_t)nb);
	w.last = xmalloc(sizeof(int) * (size_t)nb);
	for (int b = 0; b < nb; b++) {
		const struct batch *bt = &out->batches[b];
		const struct equipment *e = &sv->equipment[bt->equipment];
		double cook = e->batch_minutes * 60.0;
		w.cook[b] = (int)ceil(cook / KITCHEN_SLOT_S);
		w.dur[b] = (int)ceil((cook + e->cleaning_minutes * 60.0) /
				     KITCHEN_SLOT_S);
		/* Never end before lo: the food limit. */
		int first = (int)ceil((bt->lo - cook - w.opens) / KITCHEN_SLOT_S);
		w.first[b] = first > 0 ? first : 0;
		w.last[b] = w.nslots - w.dur[b];
		if (w.last[b] < w.first[b])
			w.last[b] = w.first[b];
	}
	int *slot_of = xmalloc(sizeof(int) * (size_t)nb);
	list_schedule(&w, out, slot_of);
	double left = time_limit_s - (now_s() - t0);
	if (left > 0.05 && mip_schedule(&w, out, slot_of, left))
		out->method = "mip";
	assign_units(&w, out, slot_of);
	for (int b = 0; b < nb; b++)
		for (int f = 0; f < out->batches[b].nfeeds; f++) {
			int t = out->batches[b].feeds[f].trip;
			out->ready[t] = fmax(out->ready[t], out->batches[b].end);
		}
	free(slot_of);
	free(w.dur);
	free(w.cook);
	free(w.first);
	free(w.last);
	out->elapsed_s = now_s() - t0;
}

void kitchen_schedule_release(struct kitchen_schedule *ks)
{
	for (int b = 0; b < ks->nbatches; b++)
		free(ks->batches[b].feeds);
	free(ks->batches);
	free(ks->ready);
	strbuf_release(&ks->problems);
	memset(ks, 0, sizeof(*ks));
}
