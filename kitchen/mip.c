/*
 * What the kitchen's two models share (see mip.h): the batch columns and
 * their rows, starting answers, drafts from answers, and the solve within
 * a budget counted in nodes and pivots.
 */
#include "kitchen/mip.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/cap.h"
#include "util/xalloc.h"

/* Near enough: the search stops within this share of the bound. */
#define MIP_GAP 0.001

void bcols_init(struct bcols *bc, const struct kctx *c, int only_kind)
{
	int nd = c->d->ndishes, n = 0;
	memset(bc, 0, sizeof(*bc));
	bc->c = c;
	bc->pair0 = xcalloc((size_t)nd + 2, sizeof(int));
	for (int i = 0; i < nd; i++) {
		int g = c->kind[i];
		if (g >= 0 && (only_kind < 0 || g == only_kind))
			n += c->kind_first[g + 1] - c->kind_first[g];
	}
	bc->line = xcalloc((size_t)n + 1, sizeof(int));
	bc->equip = xcalloc((size_t)n + 1, sizeof(int));
	bc->kmin = xcalloc((size_t)n + 1, sizeof(int));
	bc->kmax = xcalloc((size_t)n + 1, sizeof(int));
	bc->starts0 = xcalloc((size_t)n + 1, sizeof(int));
	bc->continues0 = xcalloc((size_t)n + 1, sizeof(int));
	for (int i = 0; i < nd; i++) {
		bc->pair0[i] = bc->npairs;
		int g = c->kind[i];
		if (g < 0 || (only_kind >= 0 && g != only_kind))
			continue;
		for (int r = c->kind_first[g]; r < c->kind_first[g + 1]; r++) {
			int p = bc->npairs++;
			bc->line[p] = i;
			bc->equip[p] = c->krows[r];
			bc->kmin[p] = 0;
			bc->kmax[p] = -1;
		}
	}
	bc->pair0[nd] = bc->npairs;
}

void bcols_release(struct bcols *bc)
{
	free(bc->line);
	free(bc->equip);
	free(bc->pair0);
	free(bc->kmin);
	free(bc->kmax);
	free(bc->starts0);
	free(bc->continues0);
	memset(bc, 0, sizeof(*bc));
}

static int gcd(int a, int b)
{
	while (b) {
		int r = a % b;
		a = b;
		b = r;
	}
	return a;
}

int bcols_grain(const struct bcols *bc, int i)
{
	int g = 0;
	for (int p = bc->pair0[i]; p < bc->pair0[i + 1]; p++)
		g = gcd(bc->c->sv->equipment[bc->equip[p]].batch_portions, g);
	return g > 0 ? g : 1;
}

int bcols_pair(const struct bcols *bc, int i, int e)
{
	for (int p = bc->pair0[i]; p < bc->pair0[i + 1]; p++)
		if (bc->equip[p] == e)
			return p;
	return -1;
}

/* The first slot of continues[p], and whether the pair has them. */
static bool has_continues(const struct bcols *bc, int p, int *first)
{
	const struct krow *r = &bc->c->row[bc->equip[p]];
	*first = bc->kmin[p] + r->cook;
	return r->saves_clean && bc->kmax[p] >= *first;
}

long bcols_count(const struct bcols *bc)
{
	long n = 0;
	for (int p = 0; p < bc->npairs; p++) {
		int first;
		if (bc->kmax[p] < 0)
			continue;
		n += bc->kmax[p] - bc->kmin[p] + 1;
		if (has_continues(bc, p, &first))
			n += bc->kmax[p] - first + 1;
	}
	return n;
}

int mip_add_row(glp_prob *lp, int type, double bound)
{
	int r = glp_add_rows(lp, 1);
	glp_set_row_bnds(lp, r, type, type == GLP_UP ? 0 : bound,
			 type == GLP_LO ? 0 : bound);
	return r;
}

/*
 * Adds to ind and val (len entries so far; returns the new count) the
 * rows a batch column on row e at slot k touches, each slot from k for
 * span slots, with coefficient sign: the unit, and the cooks when cooks
 * is not 0. Rows are made when first needed.
 */
static int occupy_rows(const struct kctx *c, glp_prob *lp, int e, int k,
		       int span, double sign, int cooks, int *unit_row,
		       int *cook_row, int *ind, double *val, int len)
{
	const struct equipment *q = &c->sv->equipment[e];
	for (int j = k; j < k + span && j < c->nslots; j++) {
		int *r = &unit_row[e * c->nslots + j];
		if (!*r)
			*r = mip_add_row(lp, GLP_UP, q->units);
		ind[++len] = *r;
		val[len] = sign;
		if (cooks > 0 && q->cooks_per_batch > 0) {
			if (!cook_row[j])
				cook_row[j] = mip_add_row(lp, GLP_UP, cooks);
			ind[++len] = cook_row[j];
			val[len] = sign * q->cooks_per_batch;
		}
	}
	return len;
}

static void whole_column(glp_prob *lp, int col, int most, double cost)
{
	glp_set_col_kind(lp, col, GLP_IV);
	glp_set_col_bnds(lp, col, GLP_DB, 0, most);
	glp_set_obj_coef(lp, col, cost);
}

void bcols_add(struct bcols *bc, glp_prob *lp, int cooks)
{
	const struct kctx *c = bc->c;
	const struct service *sv = c->sv;
	long n = bcols_count(bc);
	if (n == 0)
		return;
	int col = glp_add_cols(lp, (int)n) - 1;
	int *unit_row = xcalloc((size_t)sv->nequipment * (size_t)c->nslots + 1,
				sizeof(int));
	int *cook_row = xcalloc((size_t)c->nslots + 1, sizeof(int));
	size_t most = 2 * (size_t)c->nslots + (size_t)n + 8;
	int *ind = xmalloc(sizeof(int) * most);
	double *val = xmalloc(sizeof(double) * most);
	for (int p = 0; p < bc->npairs; p++) {
		if (bc->kmax[p] < 0)
			continue;
		int e = bc->equip[p], units = sv->equipment[e].units;
		const struct krow *r = &c->row[e];
		bc->starts0[p] = col + 1;
		for (int k = bc->kmin[p]; k <= bc->kmax[p]; k++) {
			whole_column(lp, ++col, units, W_BATCH);
			int len = occupy_rows(c, lp, e, k, r->busy, 1, cooks,
					      unit_row, cook_row, ind, val, 0);
			glp_set_mat_col(lp, col, len, ind, val);
		}
		int first;
		if (!has_continues(bc, p, &first))
			continue;
		bc->continues0[p] = col + 1;
		for (int k = first; k <= bc->kmax[p]; k++) {
			whole_column(lp, ++col, units, 0);
			int len = occupy_rows(c, lp, e, k, r->busy - r->cook, -1,
					      cooks, unit_row, cook_row, ind,
					      val, 0);
			glp_set_mat_col(lp, col, len, ind, val);
			/* It follows a batch of its slot and of the slot a
			 * batch's cooking before. */
			for (int back = 0; back <= r->cook; back += r->cook) {
				int link[3] = { 0, col, bc->starts0[p] + k -
						back - bc->kmin[p] };
				double coef[3] = { 0, 1, -1 };
				glp_set_mat_row(lp, mip_add_row(lp, GLP_UP, 0), 2,
						link, coef);
			}
		}
	}
	bc->ncols = col;
	/* Continuations are fewer than the batches they continue: each
	 * line that has any needs a batch that starts a run. */
	for (int i = 0; i < c->d->ndishes; i++) {
		int len = 0;
		for (int p = bc->pair0[i]; p < bc->pair0[i + 1]; p++) {
			int first;
			if (bc->kmax[p] < 0)
				continue;
			for (int k = bc->kmin[p]; k <= bc->kmax[p]; k++) {
				ind[++len] = bc->starts0[p] + k - bc->kmin[p];
				val[len] = -1;
			}
			if (!has_continues(bc, p, &first))
				continue;
			for (int k = first; k <= bc->kmax[p]; k++) {
				ind[++len] = bc->continues0[p] + k - first;
				val[len] = 1;
			}
		}
		if (len)
			glp_set_mat_row(lp, mip_add_row(lp, GLP_UP, -1), len, ind,
					val);
	}
	free(unit_row);
	free(cook_row);
	free(ind);
	free(val);
}

bool bcols_start(const struct bcols *bc, const struct draft *dr, double *x)
{
	const struct kitchen_schedule *ks = dr->ks;
	for (int n = 0; n < ks->nbatches; n++) {
		const struct batch *b = &ks->batches[n];
		int i = dish_line(bc->c, b->dish);
		if (i >= bc->c->d->ndishes)
			return false;
		int p = bcols_pair(bc, i, b->equipment), k = dr->slot[n], first;
		if (p < 0 || k < bc->kmin[p] || k > bc->kmax[p])
			return false;
		x[bc->starts0[p] + k - bc->kmin[p]] += 1;
		if (!dr->cont[n])
			continue;
		if (!has_continues(bc, p, &first) || k < first)
			return false;
		x[bc->continues0[p] + k - first] += 1;
	}
	return true;
}

void bcols_draft(const struct bcols *bc, const double *x, struct draft *dr)
{
	for (int p = 0; p < bc->npairs; p++) {
		int first;
		bool cont = has_continues(bc, p, &first);
		for (int k = bc->kmin[p]; k <= bc->kmax[p]; k++) {
			int n = (int)lround(x[bc->starts0[p] + k - bc->kmin[p]]);
			int z = cont && k >= first
				? (int)lround(x[bc->continues0[p] + k - first]) : 0;
			for (int m = 0; m < n; m++)
				draft_batch(bc->c, dr, bc->line[p], bc->equip[p],
					    k, m < z);
		}
	}
}

static const struct kitchen_schedule *sort_ks;

static int by_end_desc(const void *x, const void *y)
{
	const struct batch *a = &sort_ks->batches[*(const int *)x];
	const struct batch *b = &sort_ks->batches[*(const int *)y];
	if (a->end != b->end)
		return a->end > b->end ? -1 : 1;
	return *(const int *)x - *(const int *)y;
}

bool share_out(const struct bcols *bc, const int *a, const int *b,
	       struct draft *dr)
{
	const struct kctx *c = bc->c;
	struct kitchen_schedule *ks = dr->ks;
	int nt = c->ntrips, nb = ks->nbatches;
	int *left = xmalloc(sizeof(int) * ((size_t)nt + 1));
	int *order = xmalloc(sizeof(int) * ((size_t)nb + 1));
	/* Ends, for the order; the real ones are set when finished. */
	for (int n = 0; n < nb; n++)
		ks->batches[n].end = slot_end(c, ks->batches[n].equipment,
					      dr->slot[n]);
	bool ok = true;
	for (int i = 0; i < c->d->ndishes && ok; i++) {
		if (bc->pair0[i] == bc->pair0[i + 1])
			continue;
		for (int t = 0; t < nt; t++)
			left[t] = c->d->dishes[i].per_trip[t];
		int m = 0;
		for (int n = 0; n < nb; n++)
			if (ks->batches[n].dish == c->d->dishes[i].dish)
				order[m++] = n;
		sort_ks = ks;
		qsort(order, (size_t)m, sizeof(int), by_end_desc);
		for (int q = 0; q < m; q++) {
			struct batch *bt = &ks->batches[order[q]];
			int p = bcols_pair(bc, i, bt->equipment);
			int k = dr->slot[order[q]];
			int size = c->sv->equipment[bt->equipment].batch_portions;
			const int *pa = a + (size_t)p * (size_t)nt;
			const int *pb = b + (size_t)p * (size_t)nt;
			while (bt->portions < size) {
				int pick = -1;
				for (int t = 0; t < nt; t++)
					if (left[t] > 0 && pa[t] <= k && k <= pb[t] &&
					    (pick < 0 || c->lo[t] > c->lo[pick]))
						pick = t;
				if (pick < 0)
					break;
				int take = size - bt->portions;
				take = take < left[pick] ? take : left[pick];
				draft_feed(c, bt, pick, take);
				left[pick] -= take;
			}
		}
		for (int t = 0; t < nt; t++)
			ok = ok && left[t] == 0;
	}
	free(left);
	free(order);
	if (!ok)
		draft_release(dr);
	return ok;
}

bool mip_keeps_rows(glp_prob *lp, const double *x)
{
	int nrows = glp_get_num_rows(lp), ncols = glp_get_num_cols(lp);
	double *act = xcalloc((size_t)nrows + 1, sizeof(double));
	int *ind = xmalloc(sizeof(int) * ((size_t)nrows + 1));
	double *val = xmalloc(sizeof(double) * ((size_t)nrows + 1));
	for (int c = 1; c <= ncols; c++) {
		if (x[c] == 0)
			continue;
		int len = glp_get_mat_col(lp, c, ind, val);
		for (int q = 1; q <= len; q++)
			act[ind[q]] += val[q] * x[c];
	}
	bool ok = true;
	for (int r = 1; r <= nrows && ok; r++) {
		int type = glp_get_row_type(lp, r);
		if (type == GLP_FX || type == GLP_UP || type == GLP_DB)
			ok = act[r] <= glp_get_row_ub(lp, r) + 1e-6;
		if (ok && (type == GLP_FX || type == GLP_LO || type == GLP_DB))
			ok = act[r] >= glp_get_row_lb(lp, r) - 1e-6;
	}
	for (int c = 1; c <= ncols && ok; c++) {
		int type = glp_get_col_type(lp, c);
		if (type == GLP_DB || type == GLP_UP || type == GLP_FX)
			ok = x[c] <= glp_get_col_ub(lp, c) + 1e-6;
		if (ok && type != GLP_FR && type != GLP_UP)
			ok = x[c] >= glp_get_col_lb(lp, c) - 1e-6;
	}
	free(act);
	free(ind);
	free(val);
	return ok;
}

int mip_simplex(glp_prob *lp, const struct kitchen_budget *b,
		const char *phase)
{
	glp_smcp smcp;
	glp_init_smcp(&smcp);
	smcp.msg_lev = GLP_MSG_OFF;
	smcp.it_lim = b->pivots > INT_MAX ? INT_MAX : (int)b->pivots;
	smcp.tm_lim = mr_cap_ms(b->cap);
	int ret = glp_simplex(lp, &smcp);
	if (ret == GLP_ETMLIM)
		mr_cap_cut(b->cap, phase);
	return ret;
}

bool mip_lp(glp_prob *lp, const struct kitchen_budget *b)
{
	return mip_simplex(lp, b, "kitchen model") == 0 &&
	       glp_get_status(lp) == GLP_OPT;
}

struct mip_cb {
	const double *x;   /* the starting answer, or NULL */
	bool given;
	double bound;      /* the best lower bound seen */
	long limit;        /* nodes */
	long nodes;
	long pivots;       /* the most simplex iterations, all nodes' */
	int it0;           /* the problem's count when the search began */
};

static void on_tree(glp_tree *tree, void *info)
{
	struct mip_cb *cb = info;
	if (glp_ios_reason(tree) == GLP_IHEUR && cb->x && !cb->given) {
		cb->given = true;
		glp_ios_heur_sol(tree, cb->x);
	}
	int node = glp_ios_best_node(tree);
	if (node)
		cb->bound = fmax(cb->bound, glp_ios_node_bound(tree, node));
	int active, current, total;
	glp_ios_tree_size(tree, &active, &current, &total);
	cb->nodes = total;
	long pivots = glp_get_it_cnt(glp_ios_get_prob(tree)) - cb->it0;
	if (total >= cb->limit || pivots >= cb->pivots || mr_interrupted())
		glp_ios_terminate(tree);
}

double *mip_solve(glp_prob *lp, const double *start,
		  const struct kitchen_budget *b, bool cuts, double *gap,
		  bool *proved, long *nodes)
{
	glp_adv_basis(lp, 0);
	if (!mip_lp(lp, b))
		return NULL;
	struct mip_cb cb = { start, false, glp_get_obj_val(lp), b->nodes, 0,
			     b->pivots, glp_get_it_cnt(lp) };
	glp_iocp iocp;
	glp_init_iocp(&iocp);
	iocp.msg_lev = GLP_MSG_OFF;
	iocp.mir_cuts = cuts ? GLP_ON : GLP_OFF;
	iocp.gmi_cuts = cuts ? GLP_ON : GLP_OFF;
	/* The most fractional column: GLPK's default heuristic
	 * (Driebeck-Tomlin) costs more per node than the node. */
	iocp.br_tech = GLP_BR_MFV;
	iocp.mip_gap = MIP_GAP;
	iocp.tm_lim = mr_cap_ms(b->cap);
	iocp.cb_func = on_tree;
	iocp.cb_info = &cb;
	int ret = glp_intopt(lp, &iocp);
	if (ret == GLP_ETMLIM)
		mr_cap_cut(b->cap, "kitchen model");
	*nodes += cb.nodes;
	int status = glp_mip_status(lp);
	if (status != GLP_OPT && status != GLP_FEAS)
		return NULL;
	double value = glp_mip_obj_val(lp);
	*gap = fmax(value - cb.bound, 0) / fmax(fabs(value), 1e-9);
	if (ret == 0 && status == GLP_OPT)
		*gap = fmin(*gap, MIP_GAP);
	*proved = ret == 0 && status == GLP_OPT && *gap < 1e-9;
	int n = glp_get_num_cols(lp);
	double *x = xcalloc((size_t)n + 1, sizeof(double));
	for (int col = 1; col <= n; col++)
		x[col] = glp_get_col_kind(lp, col) == GLP_CV
			? glp_mip_col_val(lp, col)
			: round(glp_mip_col_val(lp, col));
	return x;
}

double *mip_draft(const struct bcols *bc, glp_prob *lp, const double *start,
		  const struct kitchen_budget *b, bool cuts,
		  struct kitchen_schedule *info, struct draft *dr)
{
	double gap;
	bool proved;
	double *answer = mip_solve(lp, start, b, cuts, &gap, &proved,
				   &info->nodes);
	if (answer) {
		bcols_draft(bc, answer, dr);
		info->gap = gap;
		info->proved = proved;
	}
	return answer;
}
