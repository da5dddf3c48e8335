/*
 * How the routes and the kitchen agree.
 *
 * A trip's batches must end between its last delivery less its food
 * limit and its loading. A trip that uses the whole limit on the road
 * leaves the kitchen only the minutes before it loads, and a kitchen
 * cannot cook for twenty vans in those same minutes: routes planned
 * without the kitchen send most vans out at once, and their food is late.
 * Production and distribution of perishable food are therefore planned
 * together, the production schedule judged inside the routing search
 * (Chen, Hsueh and Chang 2009; Belo-Filho, Amorim and Almada-Lobo 2015;
 * Devapriya, Ferrell and Geismar 2017):
 *
 * 1. The search knows the kitchen's pace. Every solution the routing
 *    search might keep is put to the kitchen's list schedule (the same
 *    one the kitchen falls back on), which says by how many minutes its
 *    trips' food would be late. Of two solutions with as many orders on
 *    trips, the one the kitchen is less late for wins, then the cheaper
 *    one; so the search spreads departures, shortens trips and groups
 *    dishes to the kitchen's pace where it must, and routes for cost
 *    where it need not. A solution the list schedule has on time is one
 *    the kitchen can feed: the schedule exists.
 * 2. The kept routes' batches are scheduled: the list schedule, then the
 *    GLPK model started from it and kept when it is no later.
 * 3. Each trip's food times are worked out once, from the batches
 *    (plan_food): cooked from, ready, serve by, minutes late; every
 *    output prints these.
 * 4. When food is still late (a kitchen short of equipment, a day too
 *    large), the plan keeps the best schedule found, and the kitchen says
 *    which equipment or cooks fall short and for which trips.
 *
 * Budget, all counted in work so that the same day, options and seed
 * give the same plan on any machine: the search's iterations
 * (plan_iterations, or --iterations), GLPK nodes for the routing models
 * (VRP_NODES) and nodes and pivots for the kitchen's models
 * (KITCHEN_NODES, KITCHEN_PIVOTS). The time limit is only a cap; what it
 * cuts is named in the plan.
 */
#include "planner/plan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/timefmt.h"
#include "util/xalloc.h"

/*
 * Search iterations by the day's size: sized, with the kitchen's pace,
 * for about two seconds on the sample town (40 meal points) and ten to
 * fifteen on a district day of 300, on a two-core machine of 2026.
 */
static long plan_iterations(int njobs)
{
	long n = njobs > 20 ? njobs : 20;
	return 2400000L / n + 20000;
}

/* The kitchen as the routing search's supply: the trips' boxes per diet,
 * their times and limits, put to the kitchen's pace. */
struct kitchen_supply {
	const struct service *sv;
	const int *mp_of_job;
	struct kitchen_pace *pace;
	struct kitchen_trip *trips;
	int *boxes;                  /* trip x diet */
	int alloc;
};

static long kitchen_late(void *ctx, const struct vrp_trip_view *view, int n)
{
	struct kitchen_supply *ks = ctx;
	const struct service *sv = ks->sv;
	int nd = sv->ndiets;
	if (n > ks->alloc) {
		ks->alloc = 2 * n;
		ks->trips = xreallocarray(ks->trips, (size_t)ks->alloc,
					  sizeof(*ks->trips));
		ks->boxes = xreallocarray(ks->boxes, (size_t)ks->alloc *
					  (size_t)nd + 1, sizeof(int));
	}
	for (int t = 0; t < n; t++) {
		int *boxes = ks->boxes + (size_t)t * (size_t)nd;
		memset(boxes, 0, sizeof(int) * (size_t)nd);
		for (int k = 0; k < view[t].njobs; k++) {
			const struct meal_point *m =
				&sv->meal_points[ks->mp_of_job[view[t].jobs[k]]];
			for (int d = 0; d < nd; d++)
				boxes[d] += m->boxes[d];
		}
		ks->trips[t] = (struct kitchen_trip){
			t + 1, boxes, view[t].load_start, view[t].last_start,
			view[t].food_limit, 0, NULL };
	}
	return kitchen_pace_late(ks->pace, ks->trips, n);
}

/* The batches' times of each trip, once, for every output; counts the
 * late trips and minutes. A trip's loading waits when its last batch ends
 * after it, by whole minutes, on the times plan.json prints. */
static void plan_food(struct day_plan *plan)
{
	const struct kitchen_schedule *ks = &plan->kitchen;
	plan->late_trips = 0;
	plan->late_min = 0;
	for (int i = 0; i < plan->ntrips; i++) {
		struct plan_trip *t = &plan->trips[i];
		t->cooked_from = t->food_ready = t->serve_by = -1;
		t->late_min = 0;
	}
	for (int b = 0; b < ks->nbatches; b++)
		for (int f = 0; f < ks->batches[b].nfeeds; f++) {
			struct plan_trip *t = &plan->trips[ks->batches[b].feeds[f].trip];
			double end = ks->batches[b].end;
			if (t->cooked_from < 0 || end < t->cooked_from)
				t->cooked_from = end;
			t->food_ready = fmax(t->food_ready, end);
		}
	for (int i = 0; i < plan->ntrips; i++) {
		struct plan_trip *t = &plan->trips[i];
		if (t->cooked_from < 0)
			continue;
		t->serve_by = t->cooked_from + t->food_limit_s;
		double wait = t->food_ready - (double)lround(t->load_start);
		if (wait > 0) {
			t->late_min = (int)ceil(wait / 60.0);
			plan->late_trips++;
			plan->late_min += t->late_min;
		}
	}
	plan->kitchen_on_time = plan->late_trips == 0;
}

/* Says which trips' loading waits for food, and why, as the kitchen can
 * tell; a line each in the warnings. */
static void warn_late(struct day_plan *plan)
{
	for (int i = 0; i < plan->ntrips; i++) {
		const struct plan_trip *t = &plan->trips[i];
		if (!t->late_min)
			continue;
		char load[16], ready[16];
		clock_format((int)lround(t->load_start), load);
		clock_format((int)t->food_ready, ready);
		strbuf_addf(&plan->warnings, "kitchen: trip %d loads at %s but "
			    "its food can be ready only at %s, %d min late\n",
			    t->id, load, ready, t->late_min);
	}
	for (const char *line = strbuf_str(&plan->kitchen.problems); *line;) {
		size_t len = strcspn(line, "\n");
		strbuf_addf(&plan->warnings, "%.*s\n", (int)len, line);
		line += len + (line[len] == '\n');
	}
}

/* The kitchen as the search's supply, for one solve. */
static int solve(struct day_plan *plan, const struct vrp_problem *p,
		 const int *mp_of_job, struct mr_cap *cap,
		 struct vrp_solution *sol, struct mr_error *err)
{
	const struct service *sv = plan->sv;
	const struct plan_options *opt = &plan->opt;
	struct vrp_problem with = *p;
	struct kitchen_supply supply = { sv, mp_of_job, NULL, NULL, NULL, 0 };
	struct vrp_supply hook = { kitchen_late, &supply };
	if (plan->kitchen_planned) {
		supply.pace = kitchen_pace_new(sv);
		with.supply = &hook;
	}
	struct vrp_params params = {
		.seed = opt->seed,
		.iterations = opt->iterations > 0 ? opt->iterations
						  : plan_iterations(p->njobs),
		.cap = cap,
		.exact_max_jobs = VRP_EXACT_MAX_JOBS,
		.progress = opt->progress,
	};
	int rc = vrp_solve(&with, &params, sol, err);
	kitchen_pace_free(supply.pace);
	free(supply.trips);
	free(supply.boxes);
	return rc;
}

/* Takes sol's routes into the plan and schedules their kitchen. */
static void take_round(struct day_plan *plan, const struct vrp_problem *p,
		       const struct vrp_solution *sol, const int *mp_of_job,
		       struct mr_cap *cap)
{
	plan_take_routes(plan, p, sol, mp_of_job);
	plan->search_late_min = sol->late;
	if (!plan->kitchen_planned)
		return;
	struct kitchen_budget budget = { KITCHEN_NODES, KITCHEN_PIVOTS, cap };
	struct kitchen_trip *kt = plan_kitchen_trips(plan);
	kitchen_schedule_make(plan->sv, &plan->demand, kt, plan->ntrips,
			      &budget, &plan->kitchen);
	free(kt);
	plan_food(plan);
}

/*
 * What each job keeps back of its trip's food limit in the second round:
 * reserve, or as much of it as the job can spare when it is served alone
 * (loading and the drive there, and a minute), so no job is left out for
 * the kitchen's sake.
 */
static void set_reserves(const struct vrp_problem *p, struct vrp_job *jobs,
			 double reserve)
{
	for (int j = 0; j < p->njobs; j++) {
		double alone = p->load_fixed + p->load_per_unit * jobs[j].demand +
			       p->duration[(size_t)p->depot * (size_t)p->nlocs +
					   (size_t)jobs[j].loc] + 60;
		jobs[j].reserve = fmax(0, fmin(reserve, p->food_limit - alone));
	}
}

/* The reserve of the second round: what the kitchen needs to cook all of
 * one trip's dishes, a 20-minute step more, at most half the limit. */
static double round_reserve(const struct day_plan *plan)
{
	double span = kitchen_trip_span(plan->sv, &plan->demand);
	double limit = plan->sv->kitchen.food_limit_min * 60.0;
	return fmin(ceil(span / 60.0) * 60.0 + 1200.0, limit / 2);
}

/* Whether the plan as it is beats the round kept before: fewer boxes
 * left out, then fewer minutes late, then cheaper. */
static bool beats(const struct day_plan *plan, int unassigned, long late,
		  double cost)
{
	int now = plan->boxes_ordered - plan->boxes_assigned;
	if (now != unassigned)
		return now < unassigned;
	if (plan->late_min != late)
		return plan->late_min < late;
	return plan->cost < cost - 1e-9;
}

int plan_agree(struct day_plan *plan, const struct vrp_problem *problem,
	       const int *mp_of_job, struct mr_cap *cap, struct mr_error *err)
{
	const struct service *sv = plan->sv;
	int kept = plan->nunassigned;
	size_t warned = plan->warnings.len;
	struct vrp_solution first;
	if (solve(plan, problem, mp_of_job, cap, &first, err) != 0)
		return -1;
	take_round(plan, problem, &first, mp_of_job, cap);
	plan->rounds = 1;
	/*
	 * A second round, only when food is late: every trip keeps back a
	 * reserve of its food limit for cooking, so batches can feed more
	 * trips each and the kitchen has room to spread them. It is kept
	 * when it is better.
	 */
	if (plan->kitchen_planned && plan->late_trips &&
	    !mr_cap_reached(cap, "second round")) {
		int unassigned = plan->boxes_ordered - plan->boxes_assigned;
		long late = plan->late_min;
		double cost = plan->cost;
		struct vrp_job *jobs = xcalloc((size_t)problem->njobs + 1,
					       sizeof(*jobs));
		memcpy(jobs, problem->jobs, sizeof(*jobs) * (size_t)problem->njobs);
		struct vrp_problem p = *problem;
		set_reserves(&p, jobs, round_reserve(plan));
		p.jobs = jobs;
		struct vrp_solution second;
		int rc = solve(plan, &p, mp_of_job, cap, &second, err);
		if (rc == 0) {
			plan_forget_routes(plan, kept);
			strbuf_setlen(&plan->warnings, warned);
			take_round(plan, problem, &second, mp_of_job, cap);
			plan->rounds = 2;
			if (!beats(plan, unassigned, late, cost)) {
				plan_forget_routes(plan, kept);
				strbuf_setlen(&plan->warnings, warned);
				take_round(plan, problem, &first, mp_of_job, cap);
				plan->rounds = 1;
			}
			vrp_solution_release(&second);
		}
		free(jobs);
		if (rc != 0) {
			vrp_solution_release(&first);
			return -1;
		}
	}
	vrp_solution_release(&first);
	if (!plan->kitchen_planned)
		return 0;
	if (!plan->kitchen_on_time) {
		struct kitchen_budget budget = { KITCHEN_NODES, KITCHEN_PIVOTS,
						 cap };
		struct kitchen_trip *kt = plan_kitchen_trips(plan);
		kitchen_schedule_explain(sv, &plan->demand, kt, plan->ntrips,
					 &budget, &plan->kitchen);
		free(kt);
	}
	warn_late(plan);
	return 0;
}
