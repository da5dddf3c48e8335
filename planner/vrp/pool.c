/*
 * The route pool and set partitioning. Every good solution the search
 * meets leaves its vehicles' schedules (all the trips of one vehicle) in
 * the pool as columns; GLPK then picks the cheapest set of columns that
 * covers every stop once, with no more columns of a kind of vehicle than
 * there are such vehicles. This recombines the best parts of different
 * solutions, which the search alone rarely does. glpk.h stays in here.
 */
#include "planner/vrp/internal.h"

#include <glpk.h>
#include <stdlib.h>
#include <string.h>

#include "util/cap.h"
#include "util/xalloc.h"

/* Columns kept at most; the pool stops growing there. */
#define POOL_MAX 40000

struct column {
	int kind;
	double cost;        /* trips and the vehicle's fixed cost */
	int ntrips;
	int njobs;
	int *jobs;          /* the trips' jobs one after another */
	int *trip_len;      /* jobs in each trip */
	uint64_t hash;
};

struct pool {
	const struct vrp_problem *p;
	int *kind_of;       /* per vehicle */
	int nkinds;
	int *kind_count;
	int n, alloc;
	struct column *cols;
	uint64_t *table;    /* open addressing: column index + 1, or 0 */
	size_t table_size;
};

struct pool *pool_new(const struct vrp_problem *p)
{
	struct pool *pool = xcalloc(1, sizeof(*pool));
	pool->p = p;
	pool->kind_of = xcalloc((size_t)p->nvehicles + 1, sizeof(int));
	pool->kind_count = xcalloc((size_t)p->nvehicles + 1, sizeof(int));
	for (int v = 0; v < p->nvehicles; v++) {
		int k = 0;
		while (k < v && !vrp_same_kind(&p->vehicles[k], &p->vehicles[v]))
			k++;
		if (k == v)
			pool->kind_of[v] = pool->nkinds++;
		else
			pool->kind_of[v] = pool->kind_of[k];
		pool->kind_count[pool->kind_of[v]]++;
	}
	/* Twice the most columns, and room for the forced ones. */
	pool->table_size = 1u << 17;
	pool->table = xcalloc(pool->table_size, sizeof(uint64_t));
	return pool;
}

void pool_free(struct pool *pool)
{
	if (!pool)
		return;
	for (int i = 0; i < pool->n; i++) {
		free(pool->cols[i].jobs);
		free(pool->cols[i].trip_len);
	}
	free(pool->cols);
	free(pool->table);
	free(pool->kind_of);
	free(pool->kind_count);
	free(pool);
}

int pool_size(const struct pool *pool)
{
	return pool->n;
}

static uint64_t mix(uint64_t h, uint64_t x)
{
	h ^= x + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
	return h * 0xff51afd7ed558ccdULL;
}

static bool column_equal(const struct column *a, const struct column *b)
{
	return a->kind == b->kind && a->ntrips == b->ntrips &&
	       a->njobs == b->njobs &&
	       !memcmp(a->jobs, b->jobs, sizeof(int) * (size_t)a->njobs) &&
	       !memcmp(a->trip_len, b->trip_len,
		       sizeof(int) * (size_t)a->ntrips);
}

/* Adds c unless an equal column is there or the pool is full (force:
 * even then); takes c's arrays either way. */
static void add_column(struct pool *pool, struct column *c, bool force)
{
	size_t mask = pool->table_size - 1, i = c->hash & mask;
	for (; pool->table[i]; i = (i + 1) & mask) {
		const struct column *o = &pool->cols[pool->table[i] - 1];
		if (o->hash == c->hash && column_equal(o, c)) {
			free(c->jobs);
			free(c->trip_len);
			return;
		}
	}
	if ((pool->n >= POOL_MAX && !force) ||
	    (size_t)pool->n * 2 >= pool->table_size) {
		free(c->jobs);
		free(c->trip_len);
		return;
	}
	ALLOC_GROW(pool->cols, pool->n + 1, pool->alloc);
	pool->cols[pool->n++] = *c;
	pool->table[i] = (uint64_t)pool->n;
}

static void add_solution(struct pool *pool, const struct sol *s, bool force)
{
	const struct vrp_problem *p = pool->p;
	for (int v = 0; v < p->nvehicles; v++) {
		const struct vehicle_trips *vt = &s->veh[v];
		if (vt->n == 0)
			continue;
		struct column c = { .kind = pool->kind_of[v],
				    .cost = p->vehicles[v].cost_fixed,
				    .ntrips = vt->n };
		for (int k = 0; k < vt->n; k++)
			c.njobs += s->routes[vt->trip[k]].n;
		c.jobs = xmalloc(sizeof(int) * ((size_t)c.njobs + 1));
		c.trip_len = xmalloc(sizeof(int) * (size_t)vt->n);
		uint64_t h = (uint64_t)c.kind + 1;
		int w = 0;
		for (int k = 0; k < vt->n; k++) {
			const struct route *rt = &s->routes[vt->trip[k]];
			c.trip_len[k] = rt->n;
			c.cost += rt->sum.cost;
			h = mix(h, (uint64_t)rt->n + 0x10000);
			for (int i = 0; i < rt->n; i++) {
				c.jobs[w++] = rt->jobs[i];
				h = mix(h, (uint64_t)rt->jobs[i]);
			}
		}
		c.hash = h;
		add_column(pool, &c, force);
	}
}

void pool_add(struct pool *pool, const struct sol *s)
{
	add_solution(pool, s, false);
}

/* Gives GLPK the solution we start from, once, as its first incumbent,
 * keeps the best bound of the open nodes, and stops the search once it
 * has taken its nodes. */
static void on_tree(glp_tree *tree, void *info)
{
	struct vrp_mip *m = info;
	if (glp_ios_reason(tree) == GLP_IHEUR && m->start) {
		glp_ios_heur_sol(tree, m->start);
		m->start = NULL;
	}
	int best = glp_ios_best_node(tree);
	if (best)
		m->bound = glp_ios_node_bound(tree, best);
	int active, current, total;
	glp_ios_tree_size(tree, &active, &current, &total);
	if (total >= m->nodes || mr_interrupted())
		glp_ios_terminate(tree);
}

int vrp_mip_solve(glp_prob *lp, struct vrp_mip *m, struct mr_cap *cap,
		  const char *phase)
{
	m->searched = false;
	m->bound = -VRP_BIG;
	glp_smcp smcp;
	glp_init_smcp(&smcp);
	smcp.msg_lev = GLP_MSG_OFF;
	smcp.tm_lim = mr_cap_ms(cap);
	int ret = glp_simplex(lp, &smcp);
	if (ret == 0 && glp_get_status(lp) == GLP_OPT) {
		glp_iocp iocp;
		glp_init_iocp(&iocp);
		iocp.msg_lev = GLP_MSG_OFF;
		iocp.tm_lim = mr_cap_ms(cap);
		if (m->clique_cuts)
			iocp.clq_cuts = GLP_ON;
		if (m->most_fractional)
			iocp.br_tech = GLP_BR_MFV;
		if (m->mip_gap > 0)
			iocp.mip_gap = m->mip_gap;
		iocp.cb_func = on_tree;
		iocp.cb_info = m;
		m->searched = true;
		ret = glp_intopt(lp, &iocp);
	}
	if (ret == GLP_ETMLIM)
		mr_cap_cut(cap, phase);
	return ret;
}

/* Builds a solution from the chosen columns; a job in several columns
 * stays only in the first. Returns false if a trip became infeasible. */
static bool rebuild(const struct pool *pool, const int *chosen, int nchosen,
		    struct sol *out)
{
	const struct vrp_problem *p = pool->p;
	bool *taken_v = xcalloc((size_t)p->nvehicles + 1, sizeof(bool));
	bool ok = true;
	for (int c = 0; c < nchosen && ok; c++) {
		const struct column *col = &pool->cols[chosen[c]];
		int v = 0;
		while (v < p->nvehicles &&
		       (taken_v[v] || pool->kind_of[v] != col->kind))
			v++;
		if (v == p->nvehicles) {
			ok = false;
			break;
		}
		taken_v[v] = true;
		int w = 0;
		for (int k = 0; k < col->ntrips; k++) {
			int at = out->veh[v].n;
			int r = -1;
			for (int i = 0; i < col->trip_len[k]; i++) {
				int job = col->jobs[w++];
				if (out->route_of[job] >= 0)
					continue; /* already in an earlier column */
				struct placement pl = { 0, r, r < 0 ? 0 :
							out->routes[r].n, v, at };
				sol_apply(out, job, &pl);
				r = out->route_of[job];
			}
		}
	}
	free(taken_v);
	if (!ok)
		return false;
	return sol_finish(out);
}

/* The set-covering model of the pool's columns for the jobs s serves.
 * Rows: one per job s covers (covered at least once), one per kind of
 * vehicle (at most as many columns as vehicles). */
static glp_prob *recombine_lp(const struct pool *pool, const struct sol *s)
{
	int ncols = pool->n, njobs = pool->p->njobs;
	int *row_of_job = xcalloc((size_t)njobs + 1, sizeof(int));
	glp_term_out(GLP_OFF); /* GLPK must not write on our stdout */
	glp_prob *lp = glp_create_prob();
	glp_set_obj_dir(lp, GLP_MIN);
	int nrows = 0;
	for (int j = 0; j < njobs; j++)
		row_of_job[j] = s->route_of[j] >= 0 ? ++nrows : 0;
	int kind_row0 = nrows;
	nrows += pool->nkinds;
	glp_add_rows(lp, nrows);
	for (int r = 1; r <= kind_row0; r++)
		glp_set_row_bnds(lp, r, GLP_LO, 1.0, 0.0);
	for (int k = 0; k < pool->nkinds; k++)
		glp_set_row_bnds(lp, kind_row0 + k + 1, GLP_UP, 0.0,
				 pool->kind_count[k]);

	size_t nz = 0;
	for (int c = 0; c < ncols; c++)
		nz += (size_t)pool->cols[c].njobs + 1;
	int *ia = xmalloc(sizeof(int) * (nz + 1));
	int *ja = xmalloc(sizeof(int) * (nz + 1));
	double *ar = xmalloc(sizeof(double) * (nz + 1));
	size_t e = 0;
	glp_add_cols(lp, ncols);
	for (int c = 0; c < ncols; c++) {
		const struct column *col = &pool->cols[c];
		glp_set_col_kind(lp, c + 1, GLP_BV);
		glp_set_obj_coef(lp, c + 1, col->cost);
		for (int i = 0; i < col->njobs; i++) {
			int r = row_of_job[col->jobs[i]];
			if (!r)
				continue;
			e++;
			ia[e] = r;
			ja[e] = c + 1;
			ar[e] = 1.0;
		}
		e++;
		ia[e] = kind_row0 + col->kind + 1;
		ja[e] = c + 1;
		ar[e] = 1.0;
	}
	glp_load_matrix(lp, (int)e, ia, ja, ar);
	free(ia);
	free(ja);
	free(ar);
	free(row_of_job);
	return lp;
}

/* The columns of s as the starting incumbent: x0[c + 1] is 1 for the
 * column equal to a vehicle's schedule in s. The caller frees it. */
static double *recombine_start(const struct pool *pool, const struct sol *s)
{
	const struct vrp_problem *p = pool->p;
	int ncols = pool->n;
	double *x0 = xcalloc((size_t)ncols + 1, sizeof(double));
	for (int v = 0; v < p->nvehicles; v++) {
		const struct vehicle_trips *vt = &s->veh[v];
		if (!vt->n)
			continue;
		/* Find the column equal to vehicle v's schedule. */
		for (int c = 0; c < ncols; c++) {
			const struct column *col = &pool->cols[c];
			if (col->kind != pool->kind_of[v] ||
			    col->ntrips != vt->n || x0[c + 1] > 0)
				continue;
			bool same = true;
			int w = 0;
			for (int k = 0; k < vt->n && same; k++) {
				const struct route *rt = &s->routes[vt->trip[k]];
				same = col->trip_len[k] == rt->n &&
				       !memcmp(col->jobs + w, rt->jobs,
					       sizeof(int) * (size_t)rt->n);
				w += rt->n;
			}
			if (same) {
				x0[c + 1] = 1;
				break;
			}
		}
	}
	return x0;
}

int pool_recombine(struct pool *pool, struct sol *s, long nodes,
		   struct mr_cap *cap, struct mr_error *err)
{
	const struct vrp_problem *p = pool->p;
	(void)err;
	add_solution(pool, s, true);
	int ncols = pool->n;
	if (ncols < 2)
		return 0;

	glp_prob *lp = recombine_lp(pool, s);
	double *x0 = recombine_start(pool, s);
	/* Clique cuts suit set partitioning. (GLPK's proximity search would
	 * suit it too, but it counts only seconds.) The most fractional
	 * column: GLPK's default heuristic (Driebeck-Tomlin) costs more per
	 * node than the node. */
	struct vrp_mip m = { .start = x0, .nodes = nodes, .clique_cuts = true,
			     .most_fractional = true };
	int rc = 0;
	int ret = vrp_mip_solve(lp, &m, cap, "route recombination");
	if (m.searched) {
		int status = glp_mip_status(lp);
		if ((ret == 0 || ret == GLP_ESTOP || ret == GLP_ETMLIM) &&
		    (status == GLP_OPT || status == GLP_FEAS)) {
			int *chosen = xmalloc(sizeof(int) * ((size_t)ncols + 1));
			int nchosen = 0;
			for (int c = 0; c < ncols; c++)
				if (glp_mip_col_val(lp, c + 1) > 0.5)
					chosen[nchosen++] = c;
			struct sol cand;
			sol_init(&cand, p);
			if (rebuild(pool, chosen, nchosen, &cand) &&
			    sol_better(&cand, s))
				sol_copy(s, &cand);
			sol_release(&cand);
			free(chosen);
		}
	}
	glp_delete_prob(lp);
	free(x0);
	return rc;
}
