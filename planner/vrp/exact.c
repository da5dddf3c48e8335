/*
 * Exact answers for small problems, in GLPK, in one of two ways.
 *
 * When every vehicle makes one trip (Solomon, VROOM), all feasible trips
 * are enumerated, each set of jobs with its cheapest order, and a
 * set-partitioning model picks the cheapest set of trips; its LP bound is
 * tight, so optimality is usually proved at once.
 *
 * Otherwise, a compact MIP: every vehicle gets as many trip slots as
 * it could drive, each slot a path from the depot through jobs back to the
 * depot (two-index arc variables per slot), with service start times tied
 * to the arcs by big-M constraints, loads, windows, the food limit from the
 * slot's loading start, and each slot loading after the vehicle's previous
 * slot returned. GLPK solves it from the heuristic's answer and either
 * proves it optimal or reports the bound it reached. glpk.h stays here.
 */
#include "planner/vrp/internal.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

struct slot {
	int vehicle, k;
	int u, ls, ret;   /* columns: used, loading start, return */
	int *T;           /* column of the service start per job */
	int *x;           /* arc columns: x[i * (n + 2) + j], 0: none */
};

struct model {
	const struct vrp_problem *p;
	glp_prob *lp;
	int n;            /* jobs; nodes 0 = depot, 1..n jobs, n + 1 = end */
	int nslots;
	struct slot *slots;
	int *z;           /* column: job left out */
	/* Triplets for glp_load_matrix. */
	int *ia, *ja;
	double *ar;
	int nz, alloc;
};

static double tt(const struct vrp_problem *p, int a, int b)
{
	return p->duration[(size_t)a * (size_t)p->nlocs + (size_t)b];
}

static double dd(const struct vrp_problem *p, int a, int b)
{
	return p->distance[(size_t)a * (size_t)p->nlocs + (size_t)b];
}

/* The location of node i of slot sl (0: its start, n + 1: its end). */
static int loc_of(const struct model *m, const struct slot *sl, int i)
{
	const struct vrp_vehicle *veh = &m->p->vehicles[sl->vehicle];
	if (i == 0)
		return veh->start_loc;
	if (i == m->n + 1)
		return veh->end_loc;
	return m->p->jobs[i - 1].loc;
}

/* Travel time from node i to node j of slot sl; nothing back to the end of
 * an open trip. */
static double slot_tt(const struct model *m, const struct slot *sl, int i,
		      int j)
{
	if (j == m->n + 1 && m->p->vehicles[sl->vehicle].open_end)
		return 0;
	return tt(m->p, loc_of(m, sl, i), loc_of(m, sl, j));
}

static int add_col(struct model *m, int kind, double lo, double hi,
		   double cost)
{
	int c = glp_add_cols(m->lp, 1);
	glp_set_col_kind(m->lp, c, kind);
	if (kind != GLP_BV)
		glp_set_col_bnds(m->lp, c, lo < hi ? GLP_DB : GLP_FX, lo, hi);
	glp_set_obj_coef(m->lp, c, cost);
	return c;
}

/* Starts a row lo <= ... <= hi (use -/+VRP_BIG for open ends). */
static int add_row(struct model *m, double lo, double hi)
{
	int r = glp_add_rows(m->lp, 1);
	int type = lo <= -VRP_BIG ? (hi >= VRP_BIG ? GLP_FR : GLP_UP)
				  : (hi >= VRP_BIG ? GLP_LO
						   : (lo == hi ? GLP_FX : GLP_DB));
	glp_set_row_bnds(m->lp, r, type, lo, hi);
	return r;
}

static void coef(struct model *m, int row, int col, double v)
{
	if (!col || v == 0)
		return;
	if (m->nz + 2 > m->alloc) {
		m->alloc = m->alloc * 2 + 1024;
		m->ia = xreallocarray(m->ia, (size_t)m->alloc, sizeof(int));
		m->ja = xreallocarray(m->ja, (size_t)m->alloc, sizeof(int));
		m->ar = xreallocarray(m->ar, (size_t)m->alloc, sizeof(double));
	}
	m->nz++;
	m->ia[m->nz] = row;
	m->ja[m->nz] = col;
	m->ar[m->nz] = v;
}

/* How many trips vehicle v could make at most. */
static int slots_for(const struct vrp_problem *p, int v, int n)
{
	const struct vrp_vehicle *veh = &p->vehicles[v];
	double shortest = VRP_BIG;
	for (int j = 0; j < n; j++) {
		const struct vrp_job *job = &p->jobs[j];
		double d = p->load_fixed + p->load_per_unit * job->demand +
			   tt(p, veh->start_loc, job->loc) + job->service +
			   (veh->open_end ? 0 : tt(p, job->loc, veh->end_loc));
		shortest = fmin(shortest, d);
	}
	int k = veh->max_trips < VRP_MAX_TRIPS ? veh->max_trips : VRP_MAX_TRIPS;
	if (k > n)
		k = n;
	if (shortest > 1e-9) {
		double fit = floor((veh->shift_end -
				    fmax(veh->shift_start, p->release)) / shortest);
		if (fit < k)
			k = (int)fmax(fit, 0);
	}
	return k;
}

/* The times of slot sl: from loading to the first job, between jobs, back
 * to the kitchen, and the food limit, each switched on by its arc. */
static void slot_time_rows(struct model *m, struct slot *sl)
{
	const struct vrp_problem *p = m->p;
	const struct vrp_vehicle *veh = &p->vehicles[sl->vehicle];
	int n = m->n, N = n + 2;
	double start = fmax(veh->shift_start, p->release);
	double lsmax = veh->shift_end;
	for (int j = 1; j <= n; j++) {
		const struct vrp_job *b = &p->jobs[j - 1];
		/* From loading: T_j >= ls + load_fixed + per * load + t0j. */
		int c0 = sl->x[0 * N + j];
		if (c0) {
			double t0j = slot_tt(m, sl, 0, j);
			double M = lsmax + p->load_fixed +
				   p->load_per_unit * veh->capacity + t0j - b->open;
			int r = add_row(m, p->load_fixed + t0j - M, VRP_BIG);
			coef(m, r, sl->T[j - 1], 1);
			coef(m, r, sl->ls, -1);
			/* The load is the demand of every job served; the arc
			 * into j from the depot carries both terms. */
			coef(m, r, c0, -M - p->load_per_unit * b->demand);
			for (int i = 0; i <= n; i++)
				for (int k = 1; k <= n; k++)
					if (k != i && !(i == 0 && k == j))
						coef(m, r, sl->x[i * N + k],
						     -p->load_per_unit *
						     p->jobs[k - 1].demand);
		}
		/* Between jobs: T_j >= T_i + s_i + t_ij. */
		for (int i = 1; i <= n; i++) {
			int c = sl->x[i * N + j];
			if (!c)
				continue;
			const struct vrp_job *a = &p->jobs[i - 1];
			double t = a->service + tt(p, a->loc, b->loc);
			double M = a->close + t - b->open;
			int r = add_row(m, t - M, VRP_BIG);
			coef(m, r, sl->T[j - 1], 1);
			coef(m, r, sl->T[i - 1], -1);
			coef(m, r, c, -M);
		}
		/* Back: ret >= T_j + s_j + t_j0. */
		int ce = sl->x[j * N + n + 1];
		if (ce) {
			double t = b->service + slot_tt(m, sl, j, n + 1);
			double M = b->close + t - start;
			int r = add_row(m, t - M, VRP_BIG);
			coef(m, r, sl->ret, 1);
			coef(m, r, sl->T[j - 1], -1);
			coef(m, r, ce, -M);
		}
		/* Food: T_j - ls <= F where j is served. */
		double limit = vrp_food_limit(p, sl->vehicle);
		if (limit > 0) {
			double M = b->close - start;
			int r = add_row(m, -VRP_BIG, limit + M);
			coef(m, r, sl->T[j - 1], 1);
			coef(m, r, sl->ls, -1);
			for (int i = 0; i <= n; i++)
				coef(m, r, sl->x[i * N + j], M);
		}
	}
}

static void build_slot(struct model *m, struct slot *sl)
{
	const struct vrp_problem *p = m->p;
	const struct vrp_vehicle *veh = &p->vehicles[sl->vehicle];
	int n = m->n, N = n + 2;
	double start = fmax(veh->shift_start, p->release);
	double cd = veh->cost_distance, ct = veh->cost_time;

	sl->u = add_col(m, GLP_BV, 0, 1,
			ct * p->load_fixed + (sl->k == 0 ? veh->cost_fixed : 0));
	double release = sl->k < veh->ntrip_release
		? fmax(start, veh->trip_release[sl->k]) : start;
	sl->ls = add_col(m, GLP_CV, fmin(release, veh->shift_end),
			 veh->shift_end, 0);
	sl->ret = add_col(m, GLP_CV, start, veh->shift_end, 0);
	sl->T = xcalloc((size_t)n + 1, sizeof(int));
	sl->x = xcalloc((size_t)N * (size_t)N, sizeof(int));
	for (int j = 0; j < n; j++)
		sl->T[j] = add_col(m, GLP_CV, p->jobs[j].open, p->jobs[j].close,
				   0);
	for (int i = 0; i <= n; i++) {
		for (int j = 1; j <= n + 1; j++) {
			if (i == j || (i == 0 && j == n + 1))
				continue;
			const struct vrp_job *a = i ? &p->jobs[i - 1] : NULL;
			const struct vrp_job *b = j <= n ? &p->jobs[j - 1] : NULL;
			if (a && b && (a->open + a->service + tt(p, a->loc, b->loc) >
				       b->close ||
				       a->demand + b->demand > veh->capacity))
				continue;
			if ((a && a->demand > veh->capacity) ||
			    (b && b->demand > veh->capacity))
				continue;
			int la = loc_of(m, sl, i), lb = loc_of(m, sl, j);
			bool home = j == n + 1 && veh->open_end;
			double cost = home ? 0 : cd * dd(p, la, lb) + ct * tt(p, la, lb);
			if (b) /* serving b: its service and its share of loading */
				cost += ct * (b->service +
					      p->load_per_unit * b->demand);
			sl->x[i * N + j] = add_col(m, GLP_BV, 0, 1, cost);
		}
	}

	/* Flow: into each job as often as out of it; depot once if used. */
	for (int j = 1; j <= n; j++) {
		int r = add_row(m, 0, 0);
		for (int i = 0; i <= n; i++)
			coef(m, r, sl->x[i * N + j], 1);
		for (int k = 1; k <= n + 1; k++)
			coef(m, r, sl->x[j * N + k], -1);
	}
	int out = add_row(m, 0, 0), in = add_row(m, 0, 0);
	coef(m, out, sl->u, -1);
	coef(m, in, sl->u, -1);
	for (int j = 1; j <= n; j++) {
		coef(m, out, sl->x[0 * N + j], 1);
		coef(m, in, sl->x[j * N + n + 1], 1);
	}

	/* Capacity. */
	int cap = add_row(m, -VRP_BIG, veh->capacity);
	for (int i = 0; i <= n; i++)
		for (int j = 1; j <= n; j++)
			coef(m, cap, sl->x[i * N + j], p->jobs[j - 1].demand);

	slot_time_rows(m, sl);
	int r = add_row(m, 0, VRP_BIG); /* ret >= ls */
	coef(m, r, sl->ret, 1);
	coef(m, r, sl->ls, -1);
}

/* Values of every column for the solution s, as GLPK's first incumbent;
 * false when s's trips do not chain, which a solution never has. */
static bool start_values(const struct model *m, const struct sol *s, double *x)
{
	const struct vrp_problem *p = m->p;
	int n = m->n, N = n + 2;
	int ncols = glp_get_num_cols(m->lp);
	for (int c = 1; c <= ncols; c++)
		x[c] = glp_get_col_lb(m->lp, c);
	for (int j = 0; j < n; j++)
		x[m->z[j]] = s->route_of[j] < 0;
	for (int q = 0; q < m->nslots; q++) {
		const struct slot *sl = &m->slots[q];
		const struct vehicle_trips *vt = &s->veh[sl->vehicle];
		const struct trip_sum *chain[VRP_MAX_TRIPS];
		double ls[VRP_MAX_TRIPS];
		if (!sol_chain(s, sl->vehicle, chain, ls))
			return false;
		if (sl->k >= vt->n) {
			/* Unused: park it after the vehicle's last trip. */
			double t = vt->n ? fmax(ls[vt->n - 1],
						chain[vt->n - 1]->E) +
					   chain[vt->n - 1]->D
					 : glp_get_col_lb(m->lp, sl->ls);
			x[sl->ls] = x[sl->ret] = t;
			continue;
		}
		const struct route *rt = &s->routes[vt->trip[sl->k]];
		x[sl->u] = 1;
		x[sl->ls] = ls[sl->k];
		double now = ls[sl->k] + p->load_fixed +
			     p->load_per_unit * rt->sum.load;
		const struct vrp_vehicle *veh = &p->vehicles[sl->vehicle];
		int prev = 0, at = veh->start_loc;
		for (int i = 0; i < rt->n; i++) {
			const struct vrp_job *j = &p->jobs[rt->jobs[i]];
			double start = fmax(now + tt(p, at, j->loc), j->open);
			x[sl->T[rt->jobs[i]]] = start;
			x[sl->x[prev * N + rt->jobs[i] + 1]] = 1;
			prev = rt->jobs[i] + 1;
			now = start + j->service;
			at = j->loc;
		}
		x[sl->x[prev * N + n + 1]] = 1;
		x[sl->ret] = now + (veh->open_end ? 0 : tt(p, at, veh->end_loc));
	}
	x[0] = 0;
	return true;
}

static int exact_compact(struct sol *s, long nodes, struct mr_cap *cap,
			 double *bound, bool *proved, struct mr_error *err);

/* Reads the slots' paths back into a solution. */
static bool read_answer(const struct model *m, struct sol *out)
{
	int n = m->n, N = n + 2;
	for (int q = 0; q < m->nslots; q++) {
		const struct slot *sl = &m->slots[q];
		if (glp_mip_col_val(m->lp, sl->u) < 0.5)
			continue;
		int at = out->veh[sl->vehicle].n, r = -1, i = 0;
		for (int guard = 0; guard <= n; guard++) {
			int next = -1;
			for (int j = 1; j <= n + 1 && next < 0; j++)
				if (sl->x[i * N + j] &&
				    glp_mip_col_val(m->lp, sl->x[i * N + j]) > 0.5)
					next = j;
			if (next < 0 || next == n + 1)
				break;
			int job = next - 1;
			if (out->route_of[job] >= 0)
				return false;
			struct placement pl = { 0, r, r < 0 ? 0 : out->routes[r].n,
						sl->vehicle, at };
			sol_apply(out, job, &pl);
			r = out->route_of[job];
			i = next;
		}
	}
	return sol_finish(out);
}

/* --- enumeration and set partitioning, for one trip per vehicle --- */

/* Extensions tried at most before giving up on enumeration. */
#define ENUM_MAX_NODES 4000000
#define ENUM_MAX_COLUMNS 400000

struct column {
	uint64_t mask;
	int kind;           /* first vehicle of the kind */
	double cost;        /* the trip and the vehicle's fixed cost */
	int len, first;     /* jobs in seqs[first .. first + len) */
};

struct enumeration {
	const struct sol *s;
	const struct vrp_problem *p;
	int v;              /* the vehicle standing for its kind */
	int *path;
	long nodes;
	bool overflow;
	struct column *cols;
	int ncols, alloc;
	int *seqs;
	int nseq, seq_alloc;
	/* mask and kind -> column, open addressing */
	int *table;
	size_t table_size;
};

static size_t col_slot(const struct enumeration *e, uint64_t mask, int kind)
{
	uint64_t h = (mask ^ ((uint64_t)kind << 58)) * 0x9e3779b97f4a7c15ULL;
	size_t i = (size_t)(h >> 20) & (e->table_size - 1);
	while (e->table[i]) {
		const struct column *c = &e->cols[e->table[i] - 1];
		if (c->mask == mask && c->kind == kind)
			break;
		i = (i + 1) & (e->table_size - 1);
	}
	return i;
}

static void keep_trip(struct enumeration *e, uint64_t mask, int depth,
		      double cost)
{
	size_t i = col_slot(e, mask, e->v);
	struct column *c = e->table[i] ? &e->cols[e->table[i] - 1] : NULL;
	if (c && c->cost <= cost)
		return;
	if (!c) {
		if (e->ncols >= ENUM_MAX_COLUMNS) {
			e->overflow = true;
			return;
		}
		ALLOC_GROW(e->cols, e->ncols + 1, e->alloc);
		c = &e->cols[e->ncols++];
		e->table[i] = e->ncols;
		c->mask = mask;
		c->kind = e->v;
		c->len = depth;
		c->first = e->nseq;
		ALLOC_GROW(e->seqs, e->nseq + depth, e->seq_alloc);
		e->nseq += depth;
	}
	c->cost = cost;
	memcpy(e->seqs + c->first, e->path, sizeof(int) * (size_t)depth);
}

static void extend(struct enumeration *e, const struct seg *cur,
		   uint64_t mask, int depth)
{
	const struct vrp_problem *p = e->p;
	const struct vrp_vehicle *veh = &p->vehicles[e->v];
	for (int j = 0; j < p->njobs && !e->overflow; j++) {
		if (mask & (1ULL << j) ||
		    cur->load + p->jobs[j].demand > veh->capacity)
			continue;
		if (++e->nodes > ENUM_MAX_NODES) {
			e->overflow = true;
			return;
		}
		struct seg sj = seg_job(p, j);
		struct seg next = seg_concat(p, cur, &sj);
		if (next.TW > VRP_EPS)
			continue;
		struct trip_sum ts;
		trip_from_seg(p, e->v, &next, &ts);
		const struct trip_sum *one = &ts;
		/* Later stops only make a trip that fails fail worse. */
		if (!ts.ok || !chain_feasible(p, e->v, &one, 1, NULL))
			continue;
		e->path[depth] = j;
		keep_trip(e, mask | (1ULL << j), depth + 1,
			  ts.cost + veh->cost_fixed);
		extend(e, &next, mask | (1ULL << j), depth + 1);
	}
}

/* Returns 1 when enumeration does not apply (several trips, too many
 * trips to enumerate), else solves and returns 0. */
/* The set-partitioning model of e's enumerated trips: a row per job
 * (served once, or left out at its penalty), a row per kind of vehicle (at
 * most as many trips as vehicles), a binary column per trip and per job
 * left out. */
static glp_prob *enumeration_lp(const struct enumeration *e,
				const struct sol *s)
{
	const struct vrp_problem *p = s->p;
	int n = p->njobs;
	glp_term_out(GLP_OFF); /* GLPK must not write on our stdout */
	glp_prob *lp = glp_create_prob();
	glp_set_obj_dir(lp, GLP_MIN);
	int nkind_rows = 0;
	int *kind_row = xcalloc((size_t)p->nvehicles + 1, sizeof(int));
	glp_add_rows(lp, n);
	for (int j = 1; j <= n; j++)
		glp_set_row_bnds(lp, j, GLP_FX, 1, 1);
	for (int v = 0; v < p->nvehicles; v++) {
		if (s->kind[v] != v)
			continue;
		int count = 0;
		for (int w = 0; w < p->nvehicles; w++)
			count += s->kind[w] == v;
		kind_row[v] = n + ++nkind_rows;
		glp_add_rows(lp, 1);
		glp_set_row_bnds(lp, kind_row[v], GLP_UP, 0, count);
	}
	glp_add_cols(lp, e->ncols + n);
	size_t nz = (size_t)e->nseq + (size_t)e->ncols + (size_t)n + 1;
	int *ia = xmalloc(sizeof(int) * nz), *ja = xmalloc(sizeof(int) * nz);
	double *ar = xmalloc(sizeof(double) * nz);
	int k = 0;
	for (int c = 0; c < e->ncols; c++) {
		const struct column *col = &e->cols[c];
		glp_set_col_kind(lp, c + 1, GLP_BV);
		glp_set_obj_coef(lp, c + 1, col->cost);
		for (int i = 0; i < col->len; i++) {
			k++;
			ia[k] = e->seqs[col->first + i] + 1;
			ja[k] = c + 1;
			ar[k] = 1;
		}
		k++;
		ia[k] = kind_row[col->kind];
		ja[k] = c + 1;
		ar[k] = 1;
	}
	for (int j = 0; j < n; j++) { /* left out, at its penalty */
		int c = e->ncols + j + 1;
		glp_set_col_kind(lp, c, GLP_BV);
		glp_set_obj_coef(lp, c, vrp_unassigned_penalty(p, j));
		k++;
		ia[k] = j + 1;
		ja[k] = c;
		ar[k] = 1;
	}
	glp_load_matrix(lp, k, ia, ja, ar);
	free(kind_row);
	free(ia);
	free(ja);
	free(ar);
	return lp;
}

/* s as the first incumbent: each of its trips is a column; *complete is
 * false when some trip of s was not enumerated. The caller frees it. */
static double *enumeration_start(struct enumeration *e, const struct sol *s,
				 bool *complete)
{
	int n = s->p->njobs;
	double *x0 = xcalloc((size_t)(e->ncols + n) + 1, sizeof(double));
	*complete = true;
	for (int r = 0; r < s->nroutes; r++) {
		const struct route *rt = &s->routes[r];
		uint64_t mask = 0;
		for (int i = 0; i < rt->n; i++)
			mask |= 1ULL << rt->jobs[i];
		size_t slot = col_slot(e, mask, s->kind[rt->vehicle]);
		if (e->table[slot])
			x0[e->table[slot]] = 1;
		else
			*complete = false;
	}
	for (int j = 0; j < n; j++)
		x0[e->ncols + j + 1] = s->route_of[j] < 0;
	return x0;
}

/* The trips the model chose, each on a free vehicle of its kind, replace s
 * when they are better. */
static void enumeration_take(glp_prob *lp, const struct enumeration *e,
			     struct sol *s)
{
	const struct vrp_problem *p = s->p;
	struct sol cand;
	sol_init(&cand, p);
	bool *taken = xcalloc((size_t)p->nvehicles + 1, sizeof(bool));
	for (int c = 0; c < e->ncols; c++) {
		if (glp_mip_col_val(lp, c + 1) < 0.5)
			continue;
		const struct column *col = &e->cols[c];
		int v = 0;
		while (taken[v] || s->kind[v] != col->kind)
			v++;
		taken[v] = true;
		int r = -1;
		for (int i = 0; i < col->len; i++) {
			struct placement pl = {
				0, r, r < 0 ? 0 : cand.routes[r].n, v, 0 };
			sol_apply(&cand, e->seqs[col->first + i], &pl);
			r = cand.route_of[e->seqs[col->first + i]];
		}
	}
	free(taken);
	sol_recost(&cand);
	if (sol_better(&cand, s))
		sol_copy(s, &cand);
	sol_release(&cand);
}

static int exact_by_enumeration(struct sol *s, long nodes,
				struct mr_cap *cap, double *bound,
				bool *proved)
{
	const struct vrp_problem *p = s->p;
	int n = p->njobs;
	if (n > 63)
		return 1;
	for (int v = 0; v < p->nvehicles; v++)
		if (p->vehicles[v].max_trips > 1)
			return 1;
	struct enumeration e = { .s = s, .p = p };
	e.path = xcalloc((size_t)n + 1, sizeof(int));
	e.table_size = 1u << 20;
	e.table = xcalloc(e.table_size, sizeof(int));
	for (int v = 0; v < p->nvehicles && !e.overflow; v++) {
		if (s->kind[v] != v)
			continue;
		e.v = v;
		struct seg none = seg_empty();
		extend(&e, &none, 0, 0);
	}
	int rc = 1;
	if (e.overflow)
		goto out;

	glp_prob *lp = enumeration_lp(&e, s);
	bool complete;
	double *x0 = enumeration_start(&e, s, &complete);
	struct vrp_mip m = { .start = complete ? x0 : NULL, .nodes = nodes,
			     .clique_cuts = true };
	int ret = vrp_mip_solve(lp, &m, cap, "exact routing");
	if (m.searched) {
		int status = glp_mip_status(lp);
		if (status == GLP_OPT || status == GLP_FEAS)
			enumeration_take(lp, &e, s);
		if (ret == 0 && status == GLP_OPT) {
			*proved = true;
			*bound = glp_mip_obj_val(lp);
		} else {
			*bound = m.bound > -VRP_BIG ? m.bound : -1;
		}
	}
	rc = 0;
	glp_delete_prob(lp);
	free(x0);
out:
	free(e.path);
	free(e.table);
	free(e.cols);
	free(e.seqs);
	return rc;
}

/* --- the compact model --- */

int vrp_exact(struct sol *s, long nodes, struct mr_cap *cap, double *bound,
	      bool *proved, struct mr_error *err)
{
	*proved = false;
	*bound = -1;
	if (exact_by_enumeration(s, nodes, cap, bound, proved) == 0)
		return 0;
	return exact_compact(s, nodes, cap, bound, proved, err);
}

static int exact_compact(struct sol *s, long nodes, struct mr_cap *cap,
			 double *bound,
			 bool *proved, struct mr_error *err)
{
	const struct vrp_problem *p = s->p;
	(void)err;
	struct model m = { .p = p, .n = p->njobs };
	int n = m.n;
	*proved = false;
	*bound = -1;
	glp_term_out(GLP_OFF); /* GLPK must not write on our stdout */
	m.lp = glp_create_prob();
	glp_set_obj_dir(m.lp, GLP_MIN);
	m.z = xcalloc((size_t)n + 1, sizeof(int));
	for (int j = 0; j < n; j++)
		m.z[j] = add_col(&m, GLP_BV, 0, 1, vrp_unassigned_penalty(p, j));
	int total = 0;
	for (int v = 0; v < p->nvehicles; v++)
		total += slots_for(p, v, n);
	m.slots = xcalloc((size_t)total + 1, sizeof(*m.slots));
	for (int v = 0; v < p->nvehicles; v++) {
		int K = slots_for(p, v, n);
		for (int k = 0; k < K; k++) {
			struct slot *sl = &m.slots[m.nslots++];
			sl->vehicle = v;
			sl->k = k;
			build_slot(&m, sl);
			if (k == 0)
				continue;
			/* After the previous slot, and only if it is used. */
			const struct slot *prev = sl - 1;
			int r = add_row(&m, 0, VRP_BIG);
			coef(&m, r, sl->ls, 1);
			coef(&m, r, prev->ret, -1);
			r = add_row(&m, -VRP_BIG, 0);
			coef(&m, r, sl->u, 1);
			coef(&m, r, prev->u, -1);
		}
	}
	/* Identical vehicles: use them in order, so that the search does not
	 * visit every permutation of one answer. */
	for (int q = 0; q < m.nslots; q++) {
		const struct slot *a = &m.slots[q];
		if (a->k != 0)
			continue;
		for (int w = q + 1; w < m.nslots; w++) {
			const struct slot *b = &m.slots[w];
			if (b->k != 0)
				continue;
			if (s->kind[b->vehicle] == s->kind[a->vehicle]) {
				int r = add_row(&m, -VRP_BIG, 0);
				coef(&m, r, b->u, 1);
				coef(&m, r, a->u, -1);
			}
			break;
		}
	}
	/* Each job on one slot, or left out. */
	for (int j = 0; j < n; j++) {
		int r = add_row(&m, 1, 1);
		coef(&m, r, m.z[j], 1);
		for (int q = 0; q < m.nslots; q++)
			for (int i = 0; i <= n; i++)
				coef(&m, r, m.slots[q].x[i * (n + 2) + j + 1], 1);
	}
	glp_load_matrix(m.lp, m.nz, m.ia, m.ja, m.ar);

	int ncols = glp_get_num_cols(m.lp);
	double *x0 = xcalloc((size_t)ncols + 1, sizeof(double));
	bool given = start_values(&m, s, x0);
	struct vrp_mip mip = { .start = given ? x0 : NULL, .nodes = nodes,
			       .mip_gap = 1e-9 };
	int ret = vrp_mip_solve(m.lp, &mip, cap, "exact routing");
	if (mip.searched) {
		int status = glp_mip_status(m.lp);
		if (status == GLP_OPT || status == GLP_FEAS) {
			struct sol cand;
			sol_init(&cand, p);
			if (read_answer(&m, &cand) && sol_better(&cand, s))
				sol_copy(s, &cand);
			sol_release(&cand);
		}
		if (ret == 0 && status == GLP_OPT) {
			*proved = true;
			*bound = glp_mip_obj_val(m.lp);
		} else {
			*bound = mip.bound > -VRP_BIG ? mip.bound : -1;
		}
	}
	for (int q = 0; q < m.nslots; q++) {
		free(m.slots[q].T);
		free(m.slots[q].x);
	}
	free(m.slots);
	free(m.z);
	free(m.ia);
	free(m.ja);
	free(m.ar);
	free(x0);
	glp_delete_prob(m.lp);
	return 0;
}
