/*
 * The window model, for days too large for the flow model: the batch
 * columns of mip.h alone, the portions shared out after
 * (docs/kitchen-models.md).
 *
 * A trip's window is an interval of batch end times, from its last
 * delivery less its food limit to its loading, and a batch is a point in
 * time, so the portions can be shared out on time exactly when every
 * interval of time holds batches enough for the trips whose windows lie
 * inside it (Hall's condition; with intervals, no other sets of trips need
 * checking). For each dish line i and interval [A, B]:
 *   sum over its pairs p = (i, e) and slots k whose batch ends in [A, B]
 *   of size(e) * starts[p][k] >= the portions of i of the trips inside;
 * with one row of equipment for the dish, the stronger
 *   sum of starts[p][k] >= ceil(those portions / size(e)).
 * Only intervals from some trip's window opening to some trip's loading
 * count, and of those only the ones that ask for more than every interval
 * inside them. Units and cooks rows as in mip.h. Objective: batches, each
 * a little dearer the earlier it ends. The model has no lateness: without
 * an answer, the schedule it was given stands. Its relaxation, model by
 * kind of equipment, tells when no order at all can be on time.
 */
#include "kitchen/mip.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

struct window {
	const struct kctx *c;
	const bool *use;   /* per trip: in the model; NULL: all */
	int only;          /* the one kind in the model, or -1: all */
	int cooks;         /* the most cooks busy at once, 0: no limit */
	bool empty;        /* some trip's window has no start slot */
	struct bcols bc;
	int *a, *b;        /* per pair x trip: on-time start slots, b < a:
			    * none */
};

static bool wants(const struct window *w, int i, int t)
{
	return w->c->d->dishes[i].per_trip[t] > 0 && (!w->use || w->use[t]);
}

/* Each trip's on-time slots on each pair; false when some trip's window
 * holds no slot on any row of its dish's kind. */
static bool window_ranges(struct window *w)
{
	const struct kctx *c = w->c;
	const struct bcols *bc = &w->bc;
	int nt = c->ntrips;
	for (int p = 0; p < bc->npairs; p++) {
		w->bc.kmin[p] = INT_MAX;
		w->bc.kmax[p] = -1;
	}
	for (int i = 0; i < c->d->ndishes; i++)
		for (int t = 0; t < nt; t++) {
			bool any = false;
			for (int p = bc->pair0[i]; p < bc->pair0[i + 1]; p++) {
				int *a = &w->a[p * nt + t], *b = &w->b[p * nt + t];
				*a = 0;
				*b = -1;
				if (!wants(w, i, t))
					continue;
				trip_slots(c, bc->equip[p], t, a, b);
				if (*b < *a) {
					*b = -1;
					continue;
				}
				any = true;
				w->bc.kmin[p] = *a < bc->kmin[p] ? *a : bc->kmin[p];
				w->bc.kmax[p] = *b > bc->kmax[p] ? *b : bc->kmax[p];
			}
			if (!any && bc->pair0[i] < bc->pair0[i + 1] &&
			    wants(w, i, t))
				w->empty = true;
		}
	for (int p = 0; p < bc->npairs; p++)
		if (bc->kmax[p] < 0)
			w->bc.kmin[p] = 0;
	return !w->empty;
}

static const struct kctx *sort_c;

static int by_hi(const void *x, const void *y)
{
	double a = sort_c->hi[*(const int *)x], b = sort_c->hi[*(const int *)y];
	return (a > b) - (a < b);
}

static int by_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return (a > b) - (a < b);
}

/* Sorts v[0..n) and drops repeats; returns how many are left. */
static int distinct(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(double), by_double);
	int m = 0;
	for (int i = 0; i < n; i++)
		if (m == 0 || v[m - 1] != v[i])
			v[m++] = v[i];
	return m;
}

/* Adds to ind and val the batch columns of line i ending in [from, to],
 * each times its batch size in grains; returns the new length. */
static int interval_columns(const struct window *w, int i, double from,
			    double to, int grain, int *ind, double *val)
{
	const struct kctx *c = w->c;
	const struct bcols *bc = &w->bc;
	int len = 0;
	for (int p = bc->pair0[i]; p < bc->pair0[i + 1]; p++) {
		if (bc->kmax[p] < 0)
			continue;
		int e = bc->equip[p];
		int a = slot_ending_from(c, e, from), z = slot_ending_by(c, e, to);
		a = a > bc->kmin[p] ? a : bc->kmin[p];
		z = z < bc->kmax[p] ? z : bc->kmax[p];
		for (int k = a; k <= z; k++) {
			ind[++len] = bc->starts0[p] + k - bc->kmin[p];
			val[len] = c->sv->equipment[e].batch_portions / grain;
		}
	}
	return len;
}

/* The interval rows of dish line i. */
static void hall_rows(const struct window *w, glp_prob *lp, int i, int *ind,
		      double *val)
{
	const struct kctx *c = w->c;
	const struct bcols *bc = &w->bc;
	int nt = c->ntrips;
	const int *q = c->d->dishes[i].per_trip;
	int grain = bcols_grain(bc, i);
	double *as = xmalloc(sizeof(double) * ((size_t)nt + 1));
	double *bs = xmalloc(sizeof(double) * ((size_t)nt + 1));
	int *inside = xmalloc(sizeof(int) * ((size_t)nt + 1));
	int n = 0;
	for (int t = 0; t < nt; t++)
		if (wants(w, i, t)) {
			as[n] = c->lo[t];
			bs[n] = c->hi[t];
			inside[n++] = t;
		}
	int na = distinct(as, n), nb = distinct(bs, n);
	sort_c = c;
	qsort(inside, (size_t)n, sizeof(int), by_hi);
	/* need: what [as[x], bs[y]] asks for; best[x][y]: the most any
	 * interval inside it asks for. */
	long *best = xcalloc((size_t)na * (size_t)nb + 1, sizeof(long));
	for (int x = na - 1; x >= 0; x--) {
		long portions = 0; /* of the trips inside [as[x], bs[y]] */
		int m = 0;
		for (int y = 0; y < nb; y++) {
			for (; m < n && c->hi[inside[m]] <= bs[y]; m++)
				if (c->lo[inside[m]] >= as[x])
					portions += q[inside[m]];
			long need = (portions + grain - 1) / grain;
			long in = x + 1 < na ? best[(x + 1) * nb + y] : 0;
			if (y > 0 && best[x * nb + y - 1] > in)
				in = best[x * nb + y - 1];
			best[x * nb + y] = need > in ? need : in;
			if (need <= in || as[x] > bs[y])
				continue;
			int len = interval_columns(w, i, as[x], bs[y], grain, ind,
						   val);
			glp_set_mat_row(lp, mip_add_row(lp, GLP_LO, (double)need),
					len, ind, val);
		}
	}
	free(best);
	free(as);
	free(bs);
	free(inside);
}

/* The model of w's trips and kinds, or NULL when some trip's window is
 * empty or nothing is to be cooked. Release with window_free. */
static glp_prob *window_build(struct window *w)
{
	const struct kctx *c = w->c;
	bcols_init(&w->bc, c, w->only);
	size_t cells = (size_t)w->bc.npairs * (size_t)c->ntrips + 1;
	w->a = xmalloc(sizeof(int) * cells);
	w->b = xmalloc(sizeof(int) * cells);
	if (!window_ranges(w) || bcols_count(&w->bc) == 0)
		return NULL;
	glp_term_out(GLP_OFF); /* GLPK must not write on our stdout */
	glp_prob *lp = glp_create_prob();
	glp_set_obj_dir(lp, GLP_MIN);
	bcols_add(&w->bc, lp, w->cooks);
	for (int p = 0; p < w->bc.npairs; p++) {
		int e = w->bc.equip[p];
		double latest = slot_end(c, e, w->bc.kmax[p]);
		for (int k = w->bc.kmin[p]; k <= w->bc.kmax[p]; k++)
			glp_set_obj_coef(lp, w->bc.starts0[p] + k - w->bc.kmin[p],
					 W_BATCH + W_FRESH * (latest -
						slot_end(c, e, k)) / 60.0);
	}
	size_t most = (size_t)w->bc.ncols + 2;
	int *ind = xmalloc(sizeof(int) * most);
	double *val = xmalloc(sizeof(double) * most);
	for (int i = 0; i < c->d->ndishes; i++)
		if (w->bc.pair0[i] < w->bc.pair0[i + 1])
			hall_rows(w, lp, i, ind, val);
	free(ind);
	free(val);
	return lp;
}

static void window_free(struct window *w, glp_prob *lp)
{
	if (lp)
		glp_delete_prob(lp);
	bcols_release(&w->bc);
	free(w->a);
	free(w->b);
}

enum relaxed window_relaxed(const struct kctx *c, const bool *use, int g,
			    int cooks, const struct kitchen_budget *b)
{
	struct window w = { .c = c, .use = use, .only = g, .cooks = cooks };
	glp_prob *lp = window_build(&w);
	enum relaxed r = w.empty ? RELAXED_EMPTY : RELAXED_OK;
	if (lp) {
		int ret = mip_simplex(lp, b, "kitchen reasons");
		int status = glp_get_status(lp);
		if (ret == 0 && status == GLP_NOFEAS)
			r = RELAXED_NO;
		else if (ret != 0 || status != GLP_OPT)
			r = RELAXED_UNKNOWN;
	}
	window_free(&w, lp);
	return r;
}

int window_schedule(const struct kctx *c, const struct draft *start,
		    const struct kitchen_budget *b,
		    struct kitchen_schedule *info, struct draft *dr)
{
	struct window w = { .c = c, .only = -1,
			    .cooks = c->sv->kitchen.cooks_per_slot };
	int answered = 0;
	glp_prob *lp = window_build(&w);
	double *x = NULL, *answer = NULL;
	if (!lp)
		goto out;
	x = xcalloc((size_t)w.bc.ncols + 1, sizeof(double));
	bool given = bcols_start(&w.bc, start, x) && mip_keeps_rows(lp, x);
	answer = mip_draft(&w.bc, lp, given ? x : NULL, b, true, info, dr);
	if (answer && share_out(&w.bc, w.a, w.b, dr))
		answered = 1;
out:
	window_free(&w, lp);
	free(x);
	free(answer);
	return answered;
}
