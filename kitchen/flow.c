/*
 * The flow model, which sizes the batches, times them and shares their
 * portions out at once (docs/kitchen-models.md).
 *
 * Besides the batch columns of mip.h, for each pair p = (dish line i,
 * row e), trip t and start slot k of the trip's range on e:
 *   portions[p][t][k]  portions of i that trip t takes from the batches
 *                      starting on e in slot k; the range runs from the
 *                      first slot the food limit allows to the last on
 *                      time, and on as late as the list schedule has trip
 *                      t (late, at a price).
 * Rows:
 *   every trip gets its portions:  sum over p, k of portions[p][t][k]
 *                                  = what t takes of i;
 *   batches hold them:  sum over t of portions[p][t][k]
 *                       <= size(e) * starts[p][k];
 *   a dish needs batches enough:  sum over p, k of size(e) * starts[p][k]
 *                                 >= its portions;
 *   a share needs a batch of its slot:
 *     portions[p][t][k] <= min(what t takes, size(e)) * starts[p][k],
 *   redundant for whole batches, but they lift the relaxation, so the
 *   bound and the gap reported mean something;
 *   and the units and cooks rows of mip.h.
 * Objective, in order: minutes late (per portion of a trip's dish),
 * batches, minutes cooked before they had to be.
 */
#include "kitchen/mip.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* The most lateness per trip the model considers: three hours. */
#define MAX_LATE_SLOTS 36

struct flow {
	const struct kctx *c;
	struct bcols bc;
	int *late;          /* per trip: slots it may be late */
	int *kfirst, *klast; /* per pair x trip: start slots, klast < 0: none */
	int *portions0;     /* per pair x trip: column of portions at kfirst */
	int ncols;
};

/*
 * How late each trip may be: as late as the start schedule has it, and
 * no later, so the model starts from that answer and can only do better.
 * False when the start is later than the model reaches.
 */
static bool flow_late(struct flow *f, const struct draft *start)
{
	const struct kctx *c = f->c;
	const struct kitchen_schedule *ks = start->ks;
	bool fits_model = true;
	f->late = xcalloc((size_t)c->ntrips + 1, sizeof(int));
	for (int b = 0; b < ks->nbatches; b++) {
		const struct batch *bt = &ks->batches[b];
		double end = slot_end(c, bt->equipment, start->slot[b]);
		for (int j = 0; j < bt->nfeeds; j++) {
			int t = bt->feeds[j].trip;
			int late = (int)ceil((end - c->hi[t]) / KITCHEN_SLOT_S -
					     1e-9);
			if (late > MAX_LATE_SLOTS) {
				late = MAX_LATE_SLOTS;
				fits_model = false;
			}
			if (late > f->late[t])
				f->late[t] = late;
		}
	}
	return fits_model;
}

/* Each pair's start slots for each trip, and each pair's range. */
static void flow_ranges(struct flow *f)
{
	const struct kctx *c = f->c;
	int nt = c->ntrips;
	for (int p = 0; p < f->bc.npairs; p++) {
		int i = f->bc.line[p], e = f->bc.equip[p];
		int top = c->nslots - c->row[e].busy;
		f->bc.kmin[p] = INT_MAX;
		f->bc.kmax[p] = -1;
		for (int t = 0; t < nt; t++) {
			int *a = &f->kfirst[p * nt + t], *z = &f->klast[p * nt + t];
			*a = 0;
			*z = -1;
			if (c->d->dishes[i].per_trip[t] <= 0)
				continue;
			int on;
			trip_slots(c, e, t, a, &on);
			*z = (on > *a ? on : *a) + f->late[t];
			if (*z > top)
				*z = top;
			if (*z < *a) {
				*z = -1; /* no slot within the horizon */
				continue;
			}
			if (*a < f->bc.kmin[p])
				f->bc.kmin[p] = *a;
			if (*z > f->bc.kmax[p])
				f->bc.kmax[p] = *z;
		}
		if (f->bc.kmax[p] < 0)
			f->bc.kmin[p] = 0;
	}
}

/* Whether every trip has slots for every dish it takes. */
static bool flow_covers(const struct flow *f)
{
	const struct kctx *c = f->c;
	int nt = c->ntrips;
	for (int i = 0; i < c->d->ndishes; i++)
		for (int t = 0; t < nt; t++) {
			bool some = c->d->dishes[i].per_trip[t] <= 0;
			for (int p = f->bc.pair0[i]; p < f->bc.pair0[i + 1] &&
			     !some; p++)
				some = f->klast[p * nt + t] >= 0;
			if (!some)
				return false;
		}
	return true;
}

static long flow_count(const struct flow *f)
{
	long n = bcols_count(&f->bc);
	int nt = f->c->ntrips;
	for (int q = 0; q < f->bc.npairs * nt; q++)
		if (f->klast[q] >= 0)
			n += f->klast[q] - f->kfirst[q] + 1;
	return n;
}

/* The portions columns, by pair, trip and slot, after the batch columns. */
static void flow_columns(struct flow *f, glp_prob *lp)
{
	const struct kctx *c = f->c;
	int nt = c->ntrips, col = glp_get_num_cols(lp);
	long n = flow_count(f) - bcols_count(&f->bc);
	if (n > 0)
		glp_add_cols(lp, (int)n);
	for (int p = 0; p < f->bc.npairs; p++) {
		int i = f->bc.line[p], e = f->bc.equip[p];
		for (int t = 0; t < nt; t++) {
			int a = f->kfirst[p * nt + t], z = f->klast[p * nt + t];
			if (z < 0)
				continue;
			int q = c->d->dishes[i].per_trip[t];
			f->portions0[p * nt + t] = col + 1;
			for (int k = a; k <= z; k++) {
				glp_set_col_bnds(lp, ++col, GLP_DB, 0, q);
				double early = c->hi[t] - slot_end(c, e, k);
				double cost = early >= -1e-6
					? W_FRESH * early / 60.0
					: W_LATE * -early / 60.0;
				glp_set_obj_coef(lp, col, cost / q);
			}
		}
	}
	f->ncols = col;
}

/* The rows on portions: demand, batch size, batches enough, links. */
static void flow_rows(struct flow *f, glp_prob *lp)
{
	const struct kctx *c = f->c;
	const struct bcols *bc = &f->bc;
	int nt = c->ntrips;
	size_t most = (size_t)f->ncols + 2;
	int *ind = xmalloc(sizeof(int) * most);
	double *val = xmalloc(sizeof(double) * most);
	for (int i = 0; i < c->d->ndishes; i++) {
		for (int t = 0; t < nt; t++) {
			int len = 0;
			for (int p = bc->pair0[i]; p < bc->pair0[i + 1]; p++) {
				int a = f->kfirst[p * nt + t], z = f->klast[p * nt + t];
				for (int k = a; z >= 0 && k <= z; k++) {
					ind[++len] = f->portions0[p * nt + t] + k - a;
					val[len] = 1;
				}
			}
			if (len)
				glp_set_mat_row(lp, mip_add_row(lp, GLP_FX,
					c->d->dishes[i].per_trip[t]), len, ind, val);
		}
		/* In grains of the rows' batch sizes, rounded up. */
		int grain = bcols_grain(bc, i), len = 0;
		double need = ceil((double)c->d->dishes[i].portions / grain);
		for (int p = bc->pair0[i]; p < bc->pair0[i + 1]; p++) {
			int size = c->sv->equipment[bc->equip[p]].batch_portions;
			for (int k = bc->kmin[p]; k <= bc->kmax[p]; k++) {
				ind[++len] = bc->starts0[p] + k - bc->kmin[p];
				val[len] = size / grain;
			}
		}
		if (len)
			glp_set_mat_row(lp, mip_add_row(lp, GLP_LO, need), len,
					ind, val);
	}
	for (int p = 0; p < bc->npairs; p++) {
		int i = bc->line[p];
		int size = c->sv->equipment[bc->equip[p]].batch_portions;
		for (int k = bc->kmin[p]; k <= bc->kmax[p]; k++) {
			int batch = bc->starts0[p] + k - bc->kmin[p], len = 0;
			ind[++len] = batch;
			val[len] = -size;
			for (int t = 0; t < nt; t++) {
				int a = f->kfirst[p * nt + t], z = f->klast[p * nt + t];
				if (z < 0 || k < a || k > z)
					continue;
				int share = f->portions0[p * nt + t] + k - a;
				ind[++len] = share;
				val[len] = 1;
				int q = c->d->dishes[i].per_trip[t];
				int link[3] = { 0, share, batch };
				double coef[3] = { 0, 1, -(q < size ? q : size) };
				glp_set_mat_row(lp, mip_add_row(lp, GLP_UP, 0), 2,
						link, coef);
			}
			glp_set_mat_row(lp, mip_add_row(lp, GLP_UP, 0), len, ind,
					val);
		}
	}
	free(ind);
	free(val);
}

/* The start as an answer of the model, or false when it does not fit. */
static bool flow_start(const struct flow *f, const struct draft *start,
		       glp_prob *lp, double *x)
{
	const struct kitchen_schedule *ks = start->ks;
	int nt = f->c->ntrips;
	if (!bcols_start(&f->bc, start, x))
		return false;
	for (int b = 0; b < ks->nbatches; b++) {
		const struct batch *bt = &ks->batches[b];
		int p = bcols_pair(&f->bc, dish_line(f->c, bt->dish),
				   bt->equipment);
		int k = start->slot[b];
		for (int j = 0; j < bt->nfeeds; j++) {
			int t = bt->feeds[j].trip;
			int a = f->kfirst[p * nt + t], z = f->klast[p * nt + t];
			if (k < a || k > z)
				return false;
			x[f->portions0[p * nt + t] + k - a] += bt->feeds[j].portions;
		}
	}
	/* The list schedule may have run past the horizon. */
	return mip_keeps_rows(lp, x);
}

/* Fills dr's batches (bcols_draft's, in its order) with the portions of
 * the LP's answer, batch by batch in trip order. */
static void flow_fill(const struct flow *f, glp_prob *lp, struct draft *dr)
{
	const struct kctx *c = f->c;
	int nt = c->ntrips, next = 0;
	for (int p = 0; p < f->bc.npairs; p++) {
		int size = c->sv->equipment[f->bc.equip[p]].batch_portions;
		for (int k = f->bc.kmin[p]; k <= f->bc.kmax[p]; k++) {
			int n = (int)lround(glp_get_col_prim(lp,
				f->bc.starts0[p] + k - f->bc.kmin[p]));
			int first = next, b = next;
			next += n;
			for (int t = 0; t < nt && n > 0; t++) {
				int a = f->kfirst[p * nt + t], z = f->klast[p * nt + t];
				if (z < 0 || k < a || k > z)
					continue;
				int left = (int)lround(glp_get_col_prim(lp,
					f->portions0[p * nt + t] + k - a));
				while (left > 0 && b < first + n) {
					struct batch *bt = &dr->ks->batches[b];
					int take = size - bt->portions < left
						? size - bt->portions : left;
					draft_feed(c, bt, t, take);
					left -= take;
					if (bt->portions == size)
						b++;
				}
			}
		}
	}
}

static void flow_release(struct flow *f)
{
	bcols_release(&f->bc);
	free(f->late);
	free(f->kfirst);
	free(f->klast);
	free(f->portions0);
}

int flow_schedule(const struct kctx *c, const struct draft *start,
		  const struct kitchen_budget *b, long max_cols,
		  struct kitchen_schedule *info, struct draft *dr)
{
	size_t cells;
	struct flow f = { .c = c };
	bcols_init(&f.bc, c, -1);
	cells = (size_t)f.bc.npairs * (size_t)c->ntrips + 1;
	bool start_fits = flow_late(&f, start);
	f.kfirst = xmalloc(sizeof(int) * cells);
	f.klast = xmalloc(sizeof(int) * cells);
	f.portions0 = xcalloc(cells, sizeof(int));
	flow_ranges(&f);
	long ncols = flow_count(&f);
	int answered = ncols > max_cols ? -1 : 0;
	glp_prob *lp = NULL;
	double *x = NULL, *answer = NULL;
	if (ncols == 0 || ncols > max_cols || !flow_covers(&f))
		goto out;

	glp_term_out(GLP_OFF); /* GLPK must not write on our stdout */
	lp = glp_create_prob();
	glp_set_obj_dir(lp, GLP_MIN);
	bcols_add(&f.bc, lp, c->sv->kitchen.cooks_per_slot);
	flow_columns(&f, lp);
	flow_rows(&f, lp);
	x = xcalloc((size_t)f.ncols + 1, sizeof(double));
	bool given = start_fits && flow_start(&f, start, lp, x);
	answer = mip_draft(&f.bc, lp, given ? x : NULL, b, false, info, dr);
	if (!answer)
		goto out;
	/* With the batches fixed, what goes where is a transportation
	 * problem, whose basic answers are whole portions; without pivots
	 * for it, each trip's slots are an interval, and share_out places
	 * the portions, if not as fresh. */
	for (int col = 1; col <= f.bc.ncols; col++) {
		glp_set_col_kind(lp, col, GLP_CV);
		glp_set_col_bnds(lp, col, GLP_FX, answer[col], answer[col]);
	}
	if (mip_lp(lp, b)) {
		flow_fill(&f, lp, dr);
	} else if (!share_out(&f.bc, f.kfirst, f.klast, dr)) {
		goto out;
	}
	answered = 1;
out:
	if (lp)
		glp_delete_prob(lp);
	free(x);
	free(answer);
	flow_release(&f);
	return answered;
}
