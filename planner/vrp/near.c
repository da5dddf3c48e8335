/*
 * Large days, granular: each job's nearest jobs, and placements looked
 * for only in the trips that hold some of them (and in new trips), as
 * the fastest solvers restrict their moves to near neighbours (Toth and
 * Vigo's granular neighbourhoods; the granular insertions of HGS and
 * PyVRP). The work of a placement then grows with the neighbours kept,
 * not with the day.
 */
#include "planner/vrp/internal.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static const struct vrp_problem *adj_problem;
static int adj_from;

static int by_distance(const void *a, const void *b)
{
	const struct vrp_problem *p = adj_problem;
	const float *row = p->distance + (size_t)p->jobs[adj_from].loc *
					  (size_t)p->nlocs;
	double x = row[p->jobs[*(const int *)a].loc];
	double y = row[p->jobs[*(const int *)b].loc];
	if (x != y)
		return x < y ? -1 : 1;
	return *(const int *)a - *(const int *)b;
}

int **vrp_neighbours(const struct vrp_problem *p, int *nadj)
{
	int n = p->njobs;
	*nadj = n < VRP_MAX_NEIGHBOURS ? n : VRP_MAX_NEIGHBOURS;
	int **adj = xcalloc((size_t)n + 1, sizeof(int *));
	int *all = xmalloc(sizeof(int) * ((size_t)n + 1));
	adj_problem = p;
	for (int j = 0; j < n; j++) {
		for (int k = 0; k < n; k++)
			all[k] = k;
		adj_from = j;
		qsort(all, (size_t)n, sizeof(int), by_distance);
		adj[j] = xmalloc(sizeof(int) * ((size_t)*nadj + 1));
		memcpy(adj[j], all, sizeof(int) * (size_t)*nadj);
	}
	free(all);
	return adj;
}

void vrp_neighbours_free(int **adj, int n)
{
	if (!adj)
		return;
	for (int j = 0; j < n; j++)
		free(adj[j]);
	free(adj);
}

bool sol_place_near(const struct sol *s, int job, int *const *adj, int k,
		    bool *mask, bool anywhere, double blink, uint64_t *rng,
		    struct placement *out)
{
	int routes[VRP_GRANULAR_K] = { 0 };
	int m = 0;
	if (k > VRP_GRANULAR_K)
		k = VRP_GRANULAR_K;
	for (int a = 0; a < k; a++) {
		int r = s->route_of[adj[job][a]];
		if (r >= 0 && !mask[r]) {
			mask[r] = true;
			routes[m++] = r;
		}
	}
	bool found = sol_best_placement_near(s, job, mask, routes, m, blink,
					     rng, out);
	for (int i = 0; i < m; i++)
		mask[routes[i]] = false;
	/* None of the near trips nor a new one: anywhere, rather than
	 * leave the job out, when asked. */
	return found ||
	       (anywhere && sol_best_placement(s, job, blink, rng, out));
}

static const struct vrp_problem *order_problem;

/* Earliest closing window first, then nearest the depot. */
static int by_close(const void *a, const void *b)
{
	const struct vrp_problem *p = order_problem;
	const struct vrp_job *x = &p->jobs[*(const int *)a];
	const struct vrp_job *y = &p->jobs[*(const int *)b];
	if (x->close != y->close)
		return x->close < y->close ? -1 : 1;
	return *(const int *)a - *(const int *)b;
}

void vrp_construct_near(struct sol *s, int *const *adj, int nadj)
{
	const struct vrp_problem *p = s->p;
	int n = p->njobs;
	int *order = xmalloc(sizeof(int) * ((size_t)n + 1));
	bool *mask = xcalloc((size_t)n + 2, sizeof(bool));
	for (int j = 0; j < n; j++)
		order[j] = j;
	order_problem = p;
	qsort(order, (size_t)n, sizeof(int), by_close);
	for (int i = 0; i < n; i++) {
		struct placement pl;
		if (sol_place_near(s, order[i], adj, nadj, mask, true, 0, NULL,
				   &pl))
			sol_apply(s, order[i], &pl);
	}
	free(mask);
	free(order);
	sol_recost(s);
}
