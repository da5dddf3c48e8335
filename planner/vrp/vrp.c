/*
 * The routing engine's core (see vrp.h and internal.h): time-window
 * segments, trips as functions of their loading start, the chaining of a
 * vehicle's trips, the working solution with O(1) insertion checks, regret
 * insertion, the reasons for jobs left out, and vrp_solve, which runs the
 * phases in turn.
 */
#include "planner/vrp/internal.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/cap.h"
#include "util/xalloc.h"

#define INF DBL_MAX

static inline double dur(const struct vrp_problem *p, int a, int b)
{
	return p->duration[(size_t)a * (size_t)p->nlocs + (size_t)b];
}

static inline double dist(const struct vrp_problem *p, int a, int b)
{
	return p->distance[(size_t)a * (size_t)p->nlocs + (size_t)b];
}

/* fmax and fmin without NaN handling, cheap in the inner loops. */
static inline double max2(double a, double b)
{
	return a > b ? a : b;
}

static inline double min2(double a, double b)
{
	return a < b ? a : b;
}

uint64_t rng_next(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

double rng_unit(uint64_t *state)
{
	return (double)(rng_next(state) >> 11) * 0x1.0p-53;
}

int rng_below(uint64_t *state, int n)
{
	return n <= 1 ? 0 : (int)(rng_unit(state) * n);
}

double vrp_unassigned_penalty(const struct vrp_problem *p, int job)
{
	return 1e7 + 1e4 * p->jobs[job].demand;
}

/* --- segments ------------------------------------------------------------ */

struct seg seg_empty(void)
{
	return (struct seg){ .E = -VRP_BIG, .L = VRP_BIG, .reserve = VRP_BIG,
			     .first = -1, .last = -1 };
}

struct seg seg_job(const struct vrp_problem *p, int job)
{
	const struct vrp_job *j = &p->jobs[job];
	return (struct seg){ .D = j->service, .E = j->open, .L = j->close,
			     .service = j->service, .last_service = j->service,
			     .load = j->demand, .reserve = j->reserve,
			     .first = j->loc, .last = j->loc };
}

/* A stay at location loc of length d: loading, or the end of a trip. */
static struct seg seg_stay(int loc, double d)
{
	return (struct seg){ .D = d, .E = -VRP_BIG, .L = VRP_BIG,
			     .reserve = VRP_BIG, .first = loc, .last = loc };
}

struct seg seg_concat(const struct vrp_problem *p, const struct seg *a,
		      const struct seg *b)
{
	if (a->first < 0)
		return *b;
	if (b->first < 0)
		return *a;
	double t = dur(p, a->last, b->first);
	double delta = a->D - a->TW + t;
	double wait = max2(b->E - delta - a->L, 0);
	double warp = max2(a->E + delta - b->L, 0);
	struct seg r;
	r.D = a->D + b->D + t + wait;
	r.TW = a->TW + b->TW + warp;
	r.E = max2(b->E - delta, a->E) - wait;
	r.L = min2(b->L - delta, a->L) + warp;
	r.dist = a->dist + b->dist + dist(p, a->last, b->first);
	r.drive = a->drive + b->drive + t;
	r.service = a->service + b->service;
	r.last_service = b->last_service;
	r.load = a->load + b->load;
	r.reserve = min2(a->reserve, b->reserve);
	r.first = a->first;
	r.last = b->last;
	return r;
}

/* --- trips and vehicles -------------------------------------------------- */


void trip_from_seg(const struct vrp_problem *p, int v, const struct seg *mid,
		   struct trip_sum *out)
{
	const struct vrp_vehicle *veh = &p->vehicles[v];
	memset(out, 0, sizeof(*out));
	out->ok = true;
	out->lo = -VRP_BIG;
	out->hi = VRP_BIG;
	out->E = -VRP_BIG;
	if (mid->first < 0)
		return;
	out->load = mid->load;
	if (mid->load > veh->capacity) {
		out->ok = false;
		return;
	}
	double lt = vrp_load_time(p, mid->load);
	struct seg load = seg_stay(veh->start_loc, lt);
	struct seg end = veh->open_end ? seg_empty() : seg_stay(veh->end_loc, 0);
	struct seg a = seg_concat(p, &load, mid);
	if (a.TW > VRP_EPS) {
		out->ok = false;
		return;
	}
	/* From loading to the start of the last stop, unhurried. */
	double food = a.D - a.last_service;
	double limit = vrp_food_limit(p, v);
	out->food_E = a.E;
	out->food_D = food;
	if (limit > 0) {
		/* What the stops' reserve leaves, which may be nothing. */
		if (mid->reserve < VRP_BIG)
			limit -= mid->reserve;
		if (food > limit + VRP_EPS) {
			out->ok = false;
			return;
		}
		out->lo = a.E + food - limit;
	}
	struct seg full = seg_concat(p, &a, &end);
	out->hi = full.L;
	out->E = full.E;
	out->D = full.D;
	out->distance = full.dist;
	out->drive = full.drive;
	out->busy = lt + full.drive + full.service;
	out->cost = out->distance * veh->cost_distance +
		    out->busy * veh->cost_time;
	if (out->lo > out->hi + VRP_EPS)
		out->ok = false;
}

bool chain_feasible(const struct vrp_problem *p, int v,
		    const struct trip_sum *const *trips, int m, double *ls)
{
	const struct vrp_vehicle *veh = &p->vehicles[v];
	double latest[VRP_MAX_TRIPS + 1];
	if (m > VRP_MAX_TRIPS)
		return false;
	double next = veh->shift_end; /* latest the next trip may start */
	for (int k = m - 1; k >= 0; k--) {
		const struct trip_sum *s = trips[k];
		if (!s->ok || s->E + s->D > next + VRP_EPS)
			return false;
		latest[k] = fmin(s->hi, next - s->D);
		next = latest[k];
	}
	double t = fmax(veh->shift_start, p->release);
	for (int k = 0; k < m; k++) {
		const struct trip_sum *s = trips[k];
		double start = fmax(t, s->lo);
		if (k < veh->ntrip_release)
			start = fmax(start, veh->trip_release[k]);
		if (start > latest[k] + VRP_EPS)
			return false;
		/* As late as costs no waiting: food as fresh as can be. */
		start = fmin(latest[k], fmax(start, s->E));
		if (ls)
			ls[k] = start;
		t = fmax(start, s->E) + s->D;
	}
	return true;
}

bool sol_chain(const struct sol *s, int v, const struct trip_sum **chain,
	       double *ls)
{
	const struct vehicle_trips *vt = &s->veh[v];
	for (int k = 0; k < vt->n; k++)
		chain[k] = &s->routes[vt->trip[k]].sum;
	if (chain_feasible(s->p, v, chain, vt->n, ls))
		return true;
	for (int k = 0; ls && k < vt->n; k++)
		ls[k] = chain[k]->lo;
	return false;
}

/* --- the working solution ------------------------------------------------ */

static bool same_releases(const struct vrp_vehicle *a,
			  const struct vrp_vehicle *b)
{
	if (a->ntrip_release != b->ntrip_release)
		return false;
	for (int k = 0; k < a->ntrip_release; k++)
		if (a->trip_release[k] != b->trip_release[k])
			return false;
	return true;
}

bool vrp_same_kind(const struct vrp_vehicle *a, const struct vrp_vehicle *b)
{
	return a->start_loc == b->start_loc && a->end_loc == b->end_loc &&
	       a->open_end == b->open_end &&
	       a->capacity == b->capacity && a->shift_start == b->shift_start &&
	       a->shift_end == b->shift_end &&
	       a->cost_distance == b->cost_distance &&
	       a->cost_time == b->cost_time && a->cost_fixed == b->cost_fixed &&
	       a->max_trips == b->max_trips && a->food_limit == b->food_limit &&
	       same_releases(a, b);
}

void sol_init(struct sol *s, const struct vrp_problem *p)
{
	memset(s, 0, sizeof(*s));
	s->p = p;
	s->veh = xcalloc((size_t)p->nvehicles + 1, sizeof(*s->veh));
	s->route_of = xmalloc(sizeof(int) * ((size_t)p->njobs + 1));
	s->pos_of = xmalloc(sizeof(int) * ((size_t)p->njobs + 1));
	for (int j = 0; j < p->njobs; j++)
		s->route_of[j] = s->pos_of[j] = -1;
	s->nunassigned = p->njobs;
	s->kind = xcalloc((size_t)p->nvehicles + 1, sizeof(int));
	s->kind_tried = xcalloc((size_t)p->nvehicles + 1, sizeof(bool));
	for (int v = 0; v < p->nvehicles; v++) {
		int u = 0;
		while (u < v && !vrp_same_kind(&p->vehicles[u], &p->vehicles[v]))
			u++;
		s->kind[v] = u;
	}
	sol_recost(s);
}

static void route_release(struct route *r)
{
	free(r->jobs);
	free(r->fwd);
	free(r->bwd);
}

/* Routes at and past nroutes are spares: their buffers are kept for the
 * next route, so the search does not allocate in its inner loop. */
void sol_release(struct sol *s)
{
	for (int r = 0; r < s->alloc; r++)
		route_release(&s->routes[r]);
	free(s->routes);
	free(s->veh);
	free(s->route_of);
	free(s->pos_of);
	free(s->kind);
	free(s->kind_tried);
	memset(s, 0, sizeof(*s));
}

/* Makes room for one more route; the new slot keeps any spare buffers. */
static void reserve_route(struct sol *s)
{
	if (s->nroutes < s->alloc)
		return;
	int grow = s->alloc * 2 + 8;
	s->routes = xreallocarray(s->routes, (size_t)grow, sizeof(*s->routes));
	memset(s->routes + s->alloc, 0,
	       sizeof(*s->routes) * (size_t)(grow - s->alloc));
	s->alloc = grow;
}

/* Room for n jobs and their segments in rt. */
static void route_reserve(struct route *rt, int n)
{
	if (rt->alloc < n) {
		rt->alloc = n + 8;
		rt->jobs = xreallocarray(rt->jobs, (size_t)rt->alloc, sizeof(int));
	}
	if (rt->seg_alloc < rt->alloc) {
		rt->seg_alloc = rt->alloc;
		rt->fwd = xreallocarray(rt->fwd, (size_t)rt->seg_alloc,
					sizeof(struct seg));
		rt->bwd = xreallocarray(rt->bwd, (size_t)rt->seg_alloc,
					sizeof(struct seg));
	}
}

static void route_copy(struct route *dst, const struct route *src)
{
	route_reserve(dst, src->n + 1);
	dst->vehicle = src->vehicle;
	dst->n = src->n;
	dst->sum = src->sum;
	memcpy(dst->jobs, src->jobs, sizeof(int) * (size_t)src->n);
	memcpy(dst->fwd, src->fwd, sizeof(struct seg) * (size_t)src->n);
	memcpy(dst->bwd, src->bwd, sizeof(struct seg) * (size_t)src->n);
}

void sol_copy(struct sol *dst, const struct sol *src)
{
	const struct vrp_problem *p = src->p;
	if (dst->p != p) {
		sol_release(dst);
		sol_init(dst, p);
	}
	dst->nroutes = 0;
	for (int r = 0; r < src->nroutes; r++) {
		reserve_route(dst);
		route_copy(&dst->routes[dst->nroutes++], &src->routes[r]);
	}
	memcpy(dst->veh, src->veh, sizeof(*dst->veh) * (size_t)p->nvehicles);
	memcpy(dst->route_of, src->route_of, sizeof(int) * (size_t)p->njobs);
	memcpy(dst->pos_of, src->pos_of, sizeof(int) * (size_t)p->njobs);
	dst->nunassigned = src->nunassigned;
	dst->cost = src->cost;
	dst->penalty = src->penalty;
	dst->late = src->late;
}

void route_refresh(struct sol *s, int r)
{
	const struct vrp_problem *p = s->p;
	struct route *rt = &s->routes[r];
	int n = rt->n;
	route_reserve(rt, n + 1);
	for (int i = 0; i < n; i++) {
		struct seg j = seg_job(p, rt->jobs[i]);
		rt->fwd[i] = i ? seg_concat(p, &rt->fwd[i - 1], &j) : j;
		s->route_of[rt->jobs[i]] = r;
		s->pos_of[rt->jobs[i]] = i;
	}
	for (int i = n - 1; i >= 0; i--) {
		struct seg j = seg_job(p, rt->jobs[i]);
		rt->bwd[i] = i < n - 1 ? seg_concat(p, &j, &rt->bwd[i + 1]) : j;
	}
	struct seg none = seg_empty();
	trip_from_seg(p, rt->vehicle, n ? &rt->fwd[n - 1] : &none, &rt->sum);
	s->late = -1;
}

/* Deletes empty route r: the last route moves into its place, and r's
 * buffers become the spare past the end. */
static void route_delete(struct sol *s, int r)
{
	struct vehicle_trips *vt = &s->veh[s->routes[r].vehicle];
	for (int k = 0; k < vt->n; k++) {
		if (vt->trip[k] == r) {
			memmove(vt->trip + k, vt->trip + k + 1,
				sizeof(int) * (size_t)(vt->n - k - 1));
			vt->n--;
			break;
		}
	}
	int last = --s->nroutes;
	s->late = -1;
	if (r == last)
		return;
	struct route tmp = s->routes[r];
	s->routes[r] = s->routes[last];
	s->routes[last] = tmp;
	struct vehicle_trips *lv = &s->veh[s->routes[r].vehicle];
	for (int k = 0; k < lv->n; k++)
		if (lv->trip[k] == last)
			lv->trip[k] = r;
	for (int i = 0; i < s->routes[r].n; i++)
		s->route_of[s->routes[r].jobs[i]] = r;
}

void sol_remove(struct sol *s, int job)
{
	int r = s->route_of[job], pos = s->pos_of[job];
	if (r < 0)
		return;
	struct route *rt = &s->routes[r];
	memmove(rt->jobs + pos, rt->jobs + pos + 1,
		sizeof(int) * (size_t)(rt->n - pos - 1));
	rt->n--;
	s->route_of[job] = s->pos_of[job] = -1;
	s->nunassigned++;
	if (rt->n == 0)
		route_delete(s, r);
	else
		route_refresh(s, r);
}

void sol_recost(struct sol *s)
{
	const struct vrp_problem *p = s->p;
	double cost = 0;
	for (int r = 0; r < s->nroutes; r++)
		cost += s->routes[r].sum.cost;
	for (int v = 0; v < p->nvehicles; v++)
		if (s->veh[v].n)
			cost += p->vehicles[v].cost_fixed;
	double penalty = 0;
	for (int j = 0; j < p->njobs; j++)
		if (s->route_of[j] < 0)
			penalty += vrp_unassigned_penalty(p, j);
	s->cost = cost + penalty;
	s->penalty = penalty;
	s->late = -1;
}

long sol_late(struct sol *s)
{
	const struct vrp_problem *p = s->p;
	if (s->late >= 0)
		return s->late;
	if (!p->supply || s->nroutes == 0)
		return s->late = 0;
	struct vrp_trip_view *view = xcalloc((size_t)s->nroutes + 1,
					     sizeof(*view));
	int n = 0;
	for (int v = 0; v < p->nvehicles; v++) {
		const struct vehicle_trips *vt = &s->veh[v];
		const struct trip_sum *chain[VRP_MAX_TRIPS];
		double ls[VRP_MAX_TRIPS];
		if (vt->n == 0)
			continue;
		sol_chain(s, v, chain, ls); /* s is feasible */
		for (int k = 0; k < vt->n; k++) {
			const struct route *rt = &s->routes[vt->trip[k]];
			view[n++] = (struct vrp_trip_view){
				v, k + 1, rt->jobs, rt->n, ls[k],
				fmax(ls[k], rt->sum.food_E) + rt->sum.food_D,
				vrp_food_limit(p, v) };
		}
	}
	s->late = p->supply->late(p->supply->ctx, view, n);
	free(view);
	return s->late;
}

bool sol_better(struct sol *a, struct sol *b)
{
	/* Penalties step by far more than any difference of route costs. */
	if (a->penalty < b->penalty - 1)
		return true;
	if (a->penalty > b->penalty + 1)
		return false;
	long la = sol_late(a), lb = sol_late(b);
	if (la != lb)
		return la < lb;
	return a->cost < b->cost - VRP_EPS;
}

bool sol_finish(struct sol *s)
{
	for (int v = 0; v < s->p->nvehicles; v++) {
		const struct trip_sum *chain[VRP_MAX_TRIPS];
		if (!sol_chain(s, v, chain, NULL))
			return false;
	}
	sol_recost(s);
	return true;
}

/* Checks vehicle v's trips with trip k replaced by t (k < 0: inserted as
 * a new trip at index at). */
bool sol_vehicle_ok_with(const struct sol *s, int v, int k, int at,
			    const struct trip_sum *t)
{
	const struct vehicle_trips *vt = &s->veh[v];
	const struct trip_sum *chain[VRP_MAX_TRIPS + 1];
	int m = 0;
	for (int i = 0; i <= vt->n; i++) {
		if (k < 0 && i == at)
			chain[m++] = t;
		if (i == vt->n)
			break;
		chain[m++] = i == k ? t : &s->routes[vt->trip[i]].sum;
	}
	return chain_feasible(s->p, v, chain, m, NULL);
}

int vrp_max_trips(const struct vrp_problem *p, int v)
{
	int m = p->vehicles[v].max_trips;
	return m < VRP_MAX_TRIPS ? m : VRP_MAX_TRIPS;
}

/* The cheapest placement of job on vehicle v, better than bound. */
static void place_in_vehicle(const struct sol *s, int job, int v,
			     const bool *only, double blink, uint64_t *rng,
			     struct placement *best)
{
	const struct vrp_problem *p = s->p;
	const struct vrp_vehicle *veh = &p->vehicles[v];
	const struct vrp_job *j = &p->jobs[job];
	const struct vehicle_trips *vt = &s->veh[v];
	if (j->demand > veh->capacity)
		return;
	struct seg sj = seg_job(p, job);
	double extra_busy = j->service + p->load_per_unit * j->demand;
	size_t nl = (size_t)p->nlocs, jl = (size_t)j->loc;
	const float *dist_from_j = p->distance + jl * nl;
	const float *dur_from_j = p->duration + jl * nl;
	double cd = veh->cost_distance, ct = veh->cost_time;

	for (int k = 0; k < vt->n; k++) {
		int r = vt->trip[k];
		const struct route *rt = &s->routes[r];
		if ((only && !only[r]) ||
		    rt->sum.load + j->demand > veh->capacity)
			continue;
		for (int pos = 0; pos <= rt->n; pos++) {
			size_t prev = pos ? (size_t)rt->fwd[pos - 1].last
					  : (size_t)veh->start_loc;
			bool last = pos == rt->n;
			size_t next = !last ? (size_t)rt->bwd[pos].first
					    : (size_t)veh->end_loc;
			double dd, dt = 0;
			if (last && veh->open_end) {
				dd = p->distance[prev * nl + jl];
				if (ct != 0)
					dt = p->duration[prev * nl + jl];
			} else {
				dd = p->distance[prev * nl + jl] +
				     dist_from_j[next] -
				     p->distance[prev * nl + next];
				if (ct != 0)
					dt = p->duration[prev * nl + jl] +
					     dur_from_j[next] -
					     p->duration[prev * nl + next];
			}
			double delta = dd * cd;
			if (ct != 0)
				delta += (dt + extra_busy) * ct;
			if (delta >= best->delta ||
			    (blink > 0 && rng_unit(rng) < blink))
				continue;
			/* Quick necessary conditions before the full check:
			 * reached before j closes, and the rest still reached
			 * in time after j. */
			double arrive = pos ? rt->fwd[pos - 1].E +
					      rt->fwd[pos - 1].D +
					      p->duration[prev * nl + jl]
					    : -VRP_BIG;
			if (arrive > j->close ||
			    (pos < rt->n &&
			     max2(arrive, j->open) + j->service +
			     dur_from_j[next] > rt->bwd[pos].L))
				continue;
			struct seg mid = pos ? seg_concat(p, &rt->fwd[pos - 1], &sj)
					     : sj;
			if (pos < rt->n)
				mid = seg_concat(p, &mid, &rt->bwd[pos]);
			struct trip_sum ts;
			trip_from_seg(p, v, &mid, &ts);
			if (!ts.ok || !sol_vehicle_ok_with(s, v, k, 0, &ts))
				continue;
			*best = (struct placement){ delta, r, pos, v, 0 };
		}
	}
	if (vt->n >= vrp_max_trips(p, v))
		return;
	struct trip_sum ts;
	trip_from_seg(p, v, &sj, &ts);
	double delta = ts.cost + (vt->n == 0 ? veh->cost_fixed : 0);
	if (!ts.ok || delta >= best->delta)
		return;
	for (int at = vt->n; at >= 0; at--) {
		if (sol_vehicle_ok_with(s, v, -1, at, &ts)) {
			*best = (struct placement){ delta, -1, 0, v, at };
			return;
		}
	}
}

bool sol_best_in_vehicle(const struct sol *s, int job, int v,
			 struct placement *out)
{
	*out = (struct placement){ INF, -1, 0, -1, 0 };
	place_in_vehicle(s, job, v, NULL, 0, NULL, out);
	return out->delta < INF;
}

bool sol_best_placement(const struct sol *s, int job, double blink,
			uint64_t *rng, struct placement *out)
{
	return sol_best_placement_in(s, job, NULL, blink, rng, out);
}

bool sol_best_placement_near(const struct sol *s, int job, const bool *only,
			     const int *routes, int m, double blink,
			     uint64_t *rng, struct placement *out)
{
	struct placement best = { INF, -1, 0, -1, 0 };
	memset(s->kind_tried, 0, sizeof(bool) * (size_t)s->p->nvehicles);
	for (int v = 0; v < s->p->nvehicles; v++) {
		if (s->veh[v].n || s->kind_tried[s->kind[v]])
			continue;
		s->kind_tried[s->kind[v]] = true;
		place_in_vehicle(s, job, v, only, blink, rng, &best);
	}
	for (int i = 0; i < m; i++) {
		int v = s->routes[routes[i]].vehicle, seen = 0;
		for (int k = 0; k < i && !seen; k++)
			seen = s->routes[routes[k]].vehicle == v;
		if (!seen)
			place_in_vehicle(s, job, v, only, blink, rng, &best);
	}
	*out = best;
	return best.delta < INF;
}

bool sol_best_placement_in(const struct sol *s, int job, const bool *only,
			   double blink, uint64_t *rng,
			   struct placement *out)
{
	struct placement best = { INF, -1, 0, -1, 0 };
	/* Of empty vehicles of one kind, only the first is worth a try:
	 * the others would give the same answer. */
	memset(s->kind_tried, 0, sizeof(bool) * (size_t)s->p->nvehicles);
	for (int v = 0; v < s->p->nvehicles; v++) {
		if (!s->veh[v].n) {
			if (s->kind_tried[s->kind[v]])
				continue;
			s->kind_tried[s->kind[v]] = true;
		}
		place_in_vehicle(s, job, v, only, blink, rng, &best);
	}
	*out = best;
	return best.delta < INF;
}

void sol_apply(struct sol *s, int job, const struct placement *pl)
{
	int r = pl->route;
	if (r < 0) {
		reserve_route(s);
		r = s->nroutes++;
		s->routes[r].n = 0;
		s->routes[r].vehicle = pl->vehicle;
		struct vehicle_trips *vt = &s->veh[pl->vehicle];
		memmove(vt->trip + pl->at + 1, vt->trip + pl->at,
			sizeof(int) * (size_t)(vt->n - pl->at));
		vt->trip[pl->at] = r;
		vt->n++;
	}
	struct route *rt = &s->routes[r];
	route_reserve(rt, rt->n + 1);
	int pos = pl->route < 0 ? 0 : pl->pos;
	memmove(rt->jobs + pos + 1, rt->jobs + pos,
		sizeof(int) * (size_t)(rt->n - pos));
	rt->jobs[pos] = job;
	rt->n++;
	s->nunassigned--;
	route_refresh(s, r);
}

/* --- construction -------------------------------------------------------- */

/* Each job not yet routed at its cheapest place, in turn: what the
 * construction does with the rest when the cap stops it. */
static void greedy_rest(struct sol *s)
{
	for (int j = 0; j < s->p->njobs; j++) {
		struct placement pl;
		if (s->route_of[j] < 0 &&
		    sol_best_placement(s, j, 0, NULL, &pl))
			sol_apply(s, j, &pl);
	}
}

/*
 * Regret insertion: each unrouted job keeps its cheapest placement per
 * vehicle; the job whose best two vehicles differ most goes first (higher
 * priority first of all), and only the changed vehicle's entries are
 * computed again.
 */
static void construct_round(struct sol *s, const int *priority,
			    struct mr_cap *cap)
{
	const struct vrp_problem *p = s->p;
	int n = p->njobs, V = p->nvehicles;
	struct placement *best = xcalloc((size_t)n * (size_t)V + 1,
					 sizeof(*best));
	for (int j = 0; j < n; j++) {
		for (int v = 0; v < V; v++) {
			struct placement *b = &best[(size_t)j * V + v];
			*b = (struct placement){ INF, -1, 0, -1, 0 };
			if (s->route_of[j] < 0)
				place_in_vehicle(s, j, v, NULL, 0, NULL, b);
		}
	}
	for (;;) {
		int pick = -1, pick_v = -1, pick_prio = -1;
		double pick_regret = -INF, pick_cost = INF;
		for (int j = 0; j < n; j++) {
			if (s->route_of[j] >= 0 || priority[j] < pick_prio)
				continue;
			double b1 = INF, b2 = INF;
			int bv = -1;
			for (int v = 0; v < V; v++) {
				double c = best[(size_t)j * V + v].delta;
				if (c < b1) {
					b2 = b1;
					b1 = c;
					bv = v;
				} else if (c < b2) {
					b2 = c;
				}
			}
			if (bv < 0)
				continue;
			double regret = b2 == INF ? 1e18 : b2 - b1;
			if (priority[j] > pick_prio || regret > pick_regret ||
			    (regret == pick_regret && b1 < pick_cost)) {
				pick = j;
				pick_v = bv;
				pick_prio = priority[j];
				pick_regret = regret;
				pick_cost = b1;
			}
		}
		if (pick < 0)
			break; /* the rest fit nowhere */
		if (mr_cap_reached(cap, "construction")) {
			greedy_rest(s);
			break;
		}
		sol_apply(s, pick, &best[(size_t)pick * V + pick_v]);
		for (int j = 0; j < n; j++) {
			if (s->route_of[j] >= 0)
				continue;
			struct placement *b = &best[(size_t)j * V + pick_v];
			*b = (struct placement){ INF, -1, 0, -1, 0 };
			place_in_vehicle(s, j, pick_v, NULL, 0, NULL, b);
		}
	}
	free(best);
	sol_recost(s);
}

/* Construction rounds at most, each putting first what the last left out. */
#define MAX_ROUNDS 25

void vrp_construct(struct sol *s, struct mr_cap *cap)
{
	const struct vrp_problem *p = s->p;
	int n = p->njobs;
	int *priority = xcalloc((size_t)n + 1, sizeof(int));
	struct sol trial;
	sol_init(&trial, p);
	/*
	 * "Squeaky wheel": a job the construction could not place goes
	 * earlier in the next round, until every job is placed or the
	 * rounds run out. The cheapest round is kept, and leaving a job out
	 * costs more than any route.
	 */
	for (int round = 0; round < MAX_ROUNDS; round++) {
		if (round > 0 && mr_cap_reached(cap, "construction"))
			break;
		struct sol fresh;
		sol_init(&fresh, p);
		construct_round(&fresh, priority, cap);
		if (round == 0 || fresh.cost < trial.cost)
			sol_copy(&trial, &fresh);
		int left = fresh.nunassigned;
		for (int j = 0; j < n; j++)
			if (fresh.route_of[j] < 0)
				priority[j]++;
		sol_release(&fresh);
		if (left == 0)
			break;
	}
	sol_copy(s, &trial);
	sol_release(&trial);
	free(priority);
}

/* --- reasons ------------------------------------------------------------- */

int vrp_check_problem(const struct vrp_problem *p, struct mr_error *err)
{
	if (p->nlocs < 1 || p->depot < 0 || p->depot >= p->nlocs)
		return mr_fail(err, EX_DATAERR, "routing: no depot");
	for (int i = 0; i < p->njobs; i++) {
		const struct vrp_job *j = &p->jobs[i];
		if (j->loc < 0 || j->loc >= p->nlocs || j->demand < 0 ||
		    !(j->open <= j->close) || !(j->service >= 0))
			return mr_fail(err, EX_DATAERR, "routing: job %d is "
				       "malformed", i);
	}
	for (int v = 0; v < p->nvehicles; v++) {
		const struct vrp_vehicle *veh = &p->vehicles[v];
		if (veh->capacity < 0 || veh->max_trips < 0 ||
		    !(veh->shift_start <= veh->shift_end) ||
		    veh->start_loc < 0 || veh->start_loc >= p->nlocs ||
		    (!veh->open_end &&
		     (veh->end_loc < 0 || veh->end_loc >= p->nlocs)))
			return mr_fail(err, EX_DATAERR, "routing: vehicle %d "
				       "is malformed", v);
	}
	return 0;
}

/* --- the answer ---------------------------------------------------------- */

static void report(const struct vrp_params *params, double t0,
		   const struct sol *s, long iterations, const char *phase)
{
	if (!params->progress)
		return;
	int used = 0;
	for (int v = 0; v < s->p->nvehicles; v++)
		used += s->veh[v].n > 0;
	struct vrp_progress pr = { mr_clock() - t0, s->cost, used,
				   s->nunassigned, iterations, phase };
	params->progress(params->progress_ctx, &pr);
}

long vrp_default_iterations(const struct vrp_problem *p)
{
	/* 70,000 iterations a second for 100 jobs, for nine seconds. */
	return (long)(9 * 70000.0 * 100.0 / (p->njobs > 10 ? p->njobs : 10));
}

long vrp_default_nodes(const struct vrp_problem *p)
{
	if (p->njobs <= VRP_NODES_JOBS)
		return VRP_NODES;
	double r = (double)VRP_NODES_JOBS / p->njobs;
	long nodes = (long)(VRP_NODES * r * r);
	return nodes > 5 ? nodes : 5;
}

int vrp_solve(const struct vrp_problem *p, const struct vrp_params *params,
	      struct vrp_solution *out, struct mr_error *err)
{
	static const struct vrp_params defaults = { .seed = 1 };
	if (!params)
		params = &defaults;
	double t0 = mr_clock();
	long nodes = params->nodes > 0 ? params->nodes : vrp_default_nodes(p);
	memset(out, 0, sizeof(*out));
	out->bound = -1;
	if (vrp_check_problem(p, err) != 0)
		return -1;
	int n = p->njobs;

	struct sol s;
	sol_init(&s, p);
	int nadj = 0;
	int **adj = n > 1 ? vrp_neighbours(p, &nadj) : NULL;
	if (params->start) {
		vrp_keep_build(&s, params->start, params);
		out->method = "keep";
	} else if (n > VRP_GRANULAR_JOBS) {
		vrp_construct_near(&s, adj, nadj);
		out->method = "insertion";
	} else {
		vrp_construct(&s, params->cap);
		out->method = "regret";
	}
	report(params, t0, &s, 0, "construction");

	int rc = 0;
	if (n > 1 && s.nroutes > 0 &&
	    !mr_cap_reached(params->cap, "routing search")) {
		/* The search, then recombination of what it met. */
		struct pool *pool = pool_new(p);
		bool behind = vrp_search(&s, params, adj, nadj, pool,
					 &out->iterations);
		out->method = "sisr";
		report(params, t0, &s, out->iterations, "search");
		out->pool_routes = pool_size(pool);
		if (!behind &&
		    !mr_cap_reached(params->cap, "route recombination")) {
			rc = pool_recombine(pool, &s, nodes, params->cap, err);
			out->method = "sisr+sp";
			report(params, t0, &s, out->iterations, "recombine");
		}
		pool_free(pool);
	}
	if (rc == 0 && n > 0 && n <= params->exact_max_jobs &&
	    p->nvehicles > 0 && !mr_cap_reached(params->cap, "exact routing")) {
		bool proved = false;
		rc = vrp_exact(&s, nodes, params->cap, &out->bound, &proved, err);
		out->proved_optimal = proved;
		out->method = "mip";
		report(params, t0, &s, out->iterations, "mip");
	}
	vrp_neighbours_free(adj, n);
	if (rc != 0) {
		sol_release(&s);
		return -1;
	}

	vrp_finish_solution(&s, out);
	sol_release(&s);
	return 0;
}

